//! Shared by the `site_build` target and its regression test: a whole site built in memory
//! from one input, an article (front matter and body) and a template for every article page.

use std::path::PathBuf;

use briefing::plan::BuildOptions;
use briefing::plan::{self, Plan};
use briefing::source::{SiteSource, TextFile};

/// Between the article and the template in an input.
pub const SEPARATOR: &str = "\n%%%\n";

fn text(path: &str, text: &str) -> TextFile {
    TextFile { path: PathBuf::from(path), text: text.to_owned() }
}

/// A site in English and French, with a French version of the fuzzed article, of a plain
/// one and of the topic, and entity names in French.
const SITE_YAML: &str =
    "title: Fuzz\nbase_url: \"https://example.org/\"\nlanguages:\n  - code: en\n  - code: fr\n    title: Fuzz (fr)\n";
const ENTITIES: &str = "organizations:\n  Northwind: { aliases: [NW], names: { fr: Nordvent } }\nregions:\n  China: { names: { fr: Chine }, descriptions: { fr: La Chine. } }\n";

/// Builds the site of `input` in memory, every page rendered: errors are fine, panics are not.
pub fn build_site(input: &str) {
    let (article, template) = input.split_once(SEPARATOR).unwrap_or((input, "{{ page.title }}"));
    let source = SiteSource {
        config: Some(text("site.yaml", SITE_YAML)),
        articles: vec![
            text("content/articles/fuzz.md", article),
            text(
                "content/articles/fuzz.fr.md",
                "---\ntitle: Version\ndate: 2025-01-03\ntopics: [chips]\nregions: [China]\n---\nTexte.\n",
            ),
            text(
                "content/articles/plain.md",
                "---\ntitle: Plain\ndate: 2025-01-02\ntopics: [chips]\norganizations: [NW]\n---\nText.\n",
            ),
            text(
                "content/articles/plain.fr.md",
                "---\ntitle: Simple\ndate: 2025-01-02\ntopics: [chips]\n---\nTexte.\n",
            ),
        ],
        topics: vec![
            text("content/topics/chips.md", "---\ntitle: Chips\n---\nSemiconductors.\n"),
            text("content/topics/chips.fr.md", "---\ntitle: Puces\n---\nSemi-conducteurs.\n"),
        ],
        entities: Some(text("content/entities.yaml", ENTITIES)),
        templates: vec![text("article.html", template)],
        ..SiteSource::default()
    };
    let Ok(loaded) = plan::parse(&source, &BuildOptions::default()) else { return };
    let plan = Plan::new(&loaded.site, &loaded.templates, &loaded.statics);
    let _ = plan.render_collected(&plan.routes);
}
