//! Shared by the `import_write` target and its tests: a page imported into a site in two
//! languages the way `briefing import` writes it (the command's options, the build's
//! rules, the whole-site check), and the oracle: whatever import would write, the build
//! accepts and renders.
//!
//! An input is a page, text or HTML, optionally preceded by lines of options:
//! `%%lang=fr_FR`, `%%url=HTTP://x`, `%%date=2025-01-01`, `%%title=…`, `%%source=…`.

use std::path::PathBuf;

use briefing::config::SiteConfig;
use briefing::content::Topic;
use briefing::content::front_matter::DateValue;
use briefing::import::validate::{SiteRules, check_in_source, public_url};
use briefing::import::{Gazetteer, Importer, Overrides};
use briefing::plan::BuildOptions;
use briefing::plan::{self, Plan};
use briefing::site::Entities;
use briefing::source::{SiteSource, TextFile};

const SITE_YAML: &str = "title: Fuzz\nbase_url: \"https://example.org/\"\ntaxonomies: [tags, organizations, regions]\nlanguages:\n  - code: en\n  - code: fr\n    title: Fuzz (fr)\n";
const TOPIC: &str =
    "---\ntitle: Chips\nkeywords: [semiconducteurs, chips, export controls, puces]\n---\nSemiconductors.\n";
const ENTITIES: &str = "organizations:\n  Northwind: { aliases: [NW], names: { fr: Nordvent } }\nregions:\n  China: { aliases: [Chine, Pékin] }\n";
const ARTICLE: &str = "---\ntitle: Chips again\ndate: 2025-01-02\ntopics: [chips]\n---\nText.\n";

fn text(path: &str, text: &str) -> TextFile {
    TextFile { path: PathBuf::from(path), text: text.to_owned() }
}

/// The site pages are imported into, in memory, and import's view of it.
pub struct Site {
    pub source: SiteSource,
    pub rules: SiteRules,
    pub importer: Importer,
}

pub fn site() -> Site {
    let source = SiteSource {
        config: Some(text("site.yaml", SITE_YAML)),
        articles: vec![text("content/articles/2025/chips-again.md", ARTICLE)],
        topics: vec![text("content/topics/chips.md", TOPIC)],
        entities: Some(text("content/entities.yaml", ENTITIES)),
        ..SiteSource::default()
    };
    let config = SiteConfig::parse(SITE_YAML, "site.yaml").expect("site.yaml parses");
    let topic = Topic::parse(std::path::Path::new("content/topics/chips.md"), TOPIC).expect("topic parses");
    let entities = Entities::parse(
        ENTITIES,
        std::path::Path::new("content/entities.yaml"),
        &config.taxonomies,
        &config.language_codes(),
    )
    .expect("entities parse");
    let gazetteer = Gazetteer::new(&[topic], &entities);
    let rules = SiteRules::new(&config, gazetteer.topic_slugs());
    let importer = Importer::new(gazetteer, Vec::new(), 2025).expect("importer");
    Site { source, rules, importer }
}

/// The options an input starts with, as the command line would give them; `None` when
/// the command line would refuse them.
fn options<'a>(site: &Site, input: &'a str) -> Option<(Overrides, &'a str)> {
    let mut overrides = Overrides::default();
    let mut rest = input;
    while let Some(line) = rest.strip_prefix("%%") {
        let (line, after) = line.split_once('\n').unwrap_or((line, ""));
        rest = after;
        let (key, value) = line.split_once('=')?;
        match key {
            "lang" => overrides.lang = Some(site.rules.given_language(value).ok()?),
            "url" => overrides.url = Some(public_url(value)?),
            "date" => overrides.date = Some(DateValue::parse(value).ok()?),
            "title" => overrides.title = Some(value.split_whitespace().collect::<Vec<_>>().join(" ")),
            "source" => overrides.source = Some(value.to_owned()),
            _ => return None,
        }
    }
    Some((overrides, rest))
}

/// Imports `input` into `site` as `briefing import` would; when import would write the
/// article, builds the site with it and renders every page: any problem is a panic.
/// Returns whether import would write it.
pub fn import_builds(site: &Site, input: &str) -> bool {
    let Some((overrides, page)) = options(site, input) else { return false };
    let mut importer = site.importer.clone();
    importer.overrides = overrides;
    let Ok(mut article) = importer.import(page) else { return false };
    if site.rules.finish(&mut article).is_err() {
        return false;
    }
    if check_in_source(site.source.clone(), &[&article]).into_iter().any(|verdict| verdict.is_err()) {
        return false;
    }
    let document = article.document();
    let mut source = site.source.clone();
    source.articles.retain(|existing| existing.path != article.path);
    source.articles.push(TextFile { path: article.path.clone(), text: document.clone() });
    let options = BuildOptions { include_drafts: true, include_future: true, ..BuildOptions::default() };
    let loaded = plan::parse(&source, &options)
        .unwrap_or_else(|problems| panic!("import wrote what the build refuses:\n{problems}\n{document}"));
    let plan = Plan::new(&loaded.site, &loaded.templates, &loaded.statics);
    let (_, problems) = plan.render_collected(&plan.routes);
    assert!(problems.is_empty(), "the imported article does not render:\n{problems}\n{document}");
    true
}
