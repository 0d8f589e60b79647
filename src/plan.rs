//! The one build plan that `build`, `check` and `serve` run:
//! load -> assemble -> plan pages -> render, then write (build), check (check) or serve.
//!
//! The stages are public so that `serve` can run them one at a time over what changed;
//! the order is the same everywhere.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Language, SiteConfig};
use crate::content::share_image::ShareImage;
use crate::content::{Article, ParseContext, StandalonePage, Topic};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::{Page, Renderer, Route, Templates};
use crate::route::fingerprinted_name;
use crate::site::authors::{self, Author};
use crate::site::measures::{self, Measure};
use crate::site::{Entities, Site, SiteOptions};
use crate::source::{CONFIG_FILE, SiteSource, StaticFile, TextFile, read_article};

mod options;

pub use options::{BuildError, BuildOptions};

/// What `Plan::render_each` hands on: a rendered page, or a share card to take from the
/// card cache or draw, with its file under the output root.
pub enum Made {
    Page(Page),
    Card { path: String, card: briefing_card::Card },
}

/// Everything a site's pages are rendered from, parsed and checked.
pub struct Loaded {
    pub site: Site,
    pub templates: Templates,
    /// The site's `static/` files.
    pub statics: Vec<StaticFile>,
    /// What the source left out and the author should hear of (hidden files).
    pub warnings: Vec<Diagnostic>,
}

/// Reads the site at `root` into memory, with a warning for each site template that no
/// page uses (most likely a misspelt name).
pub fn read_source(root: &Path) -> SiteSource {
    let mut source = SiteSource::read(root);
    source.warnings.extend(crate::render::templates::unused_templates(&source.templates));
    source
}

/// Reads and parses the site, collecting every problem before giving up. Each article is
/// parsed as soon as it is read and its text dropped, so that the site's Markdown and the
/// HTML made from it are never in memory together.
pub fn load(options: &BuildOptions) -> Result<Loaded, Diagnostics> {
    let (mut source, article_paths) = SiteSource::read_but_articles(&options.root);
    source.warnings.extend(crate::render::templates::unused_templates(&source.templates));
    let articles = ArticleFiles::Unread { root: &options.root, paths: article_paths };
    without_problems(parse_with(&source, articles, options))
}

/// The content and site stages over a source already in memory; any problem fails it.
pub fn parse(source: &SiteSource, options: &BuildOptions) -> Result<Loaded, Diagnostics> {
    without_problems(parse_despite_problems(source, options))
}

/// What a parse loaded, if it found no problem.
fn without_problems(parsed: (Option<Loaded>, Diagnostics)) -> Result<Loaded, Diagnostics> {
    match parsed {
        (Some(loaded), problems) if problems.is_empty() => Ok(loaded),
        (_, problems) => Err(problems.sorted()),
    }
}

/// The content and site stages, going as far as the problems allow: files that do not
/// parse are left out, and so are articles that repeat a slug, so that `check` can render
/// and check every other page. `None` when nothing can be rendered (no configuration or
/// no templates).
pub fn parse_despite_problems(source: &SiteSource, options: &BuildOptions) -> (Option<Loaded>, Diagnostics) {
    parse_with(source, ArticleFiles::Read(&source.articles), options)
}

/// The articles a parse reads: their text, read already (`check`, `serve`), or their
/// files, read one at a time as they are parsed (`build`).
enum ArticleFiles<'s> {
    Read(&'s [TextFile]),
    /// Paths relative to `root`, as `SiteSource::read_but_articles` lists them.
    Unread {
        root: &'s Path,
        paths: Vec<PathBuf>,
    },
}

/// What became of one article file.
enum ParsedArticle {
    Article(Box<Article>),
    /// The file and its problems.
    Unparsed(PathBuf, Vec<Diagnostic>),
    /// The file could not be read.
    Unread(Diagnostic),
}

impl ArticleFiles<'_> {
    fn len(&self) -> usize {
        match self {
            ArticleFiles::Read(files) => files.len(),
            ArticleFiles::Unread { paths, .. } => paths.len(),
        }
    }

    /// Parses every file in parallel, in the order given; an unread file's text is
    /// dropped as soon as it is parsed.
    fn parse(self, context: &ParseContext<'_>) -> Vec<ParsedArticle> {
        let parsed = |file: &TextFile| match Article::parse(&file.path, &file.text, context) {
            Ok(article) => ParsedArticle::Article(Box::new(article)),
            Err(errors) => ParsedArticle::Unparsed(file.path.clone(), errors),
        };
        match self {
            ArticleFiles::Read(files) => files.par_iter().map(parsed).collect(),
            ArticleFiles::Unread { root, paths } => paths
                .par_iter()
                .map(|relative| match read_article(root, relative) {
                    Ok(file) => parsed(&file),
                    Err(problem) => ParsedArticle::Unread(problem),
                })
                .collect(),
        }
    }
}

fn parse_with(
    source: &SiteSource,
    article_files: ArticleFiles<'_>,
    options: &BuildOptions,
) -> (Option<Loaded>, Diagnostics) {
    let mut problems = Diagnostics::default();
    problems.extend(source.problems.iter().cloned());
    let Some(config_file) = &source.config else {
        // A site.yaml that is there but unreadable (or a link out of the site) says why.
        let unreadable = source.problems.iter().any(|problem| problem.path == Path::new(CONFIG_FILE));
        return (None, if unreadable { problems.sorted() } else { no_site(options) });
    };
    let config = match parse_config(&config_file.text, options) {
        Ok(config) => config,
        Err(problem) => {
            problems.push(problem);
            return (None, problems.sorted());
        }
    };
    let (config, interface_problems) = config.with_interface(&source.i18n);
    problems.extend(interface_problems);
    let (config, data_problems) = config.with_data(&source.data);
    problems.extend(data_problems);
    let (topics, topic_problems) = parse_topics(&source.topics, &config.languages[1..]);
    problems.extend(topic_problems);
    let topic_slugs = topic_slugs(&topics);
    let (entities, entity_problems) = parse_entities(source.entities.as_ref(), &config);
    problems.extend(entity_problems);
    let (pages, page_problems) = parse_pages(&source.pages, &config.languages);
    problems.extend(page_problems);
    let (authors, author_problems) = parse_authors(source.authors.as_ref(), &config);
    problems.extend(author_problems);
    let (measures, measure_problems) = parse_measures(source.measures.as_ref(), &config);
    problems.extend(measure_problems);

    let templates = Templates::compile(&source.templates);
    let topic_titles = topic_titles(&topics);
    let context = ParseContext {
        default_language: &config.language,
        languages: &config.languages[1..],
        topics: &topic_slugs,
        topic_titles: &topic_titles,
        taxonomies: &config.taxonomies,
    };
    let mut articles = Vec::with_capacity(article_files.len());
    let mut unparsed = HashSet::new();
    for parsed in article_files.parse(&context) {
        match parsed {
            ParsedArticle::Article(article) => articles.push(*article),
            ParsedArticle::Unparsed(path, errors) => {
                unparsed.insert(path);
                problems.extend(errors);
            }
            ParsedArticle::Unread(problem) => problems.push(problem),
        }
    }
    let templates = match templates {
        Ok(templates) => Some(templates),
        Err(errors) => {
            problems.extend(errors);
            None
        }
    };
    // A link to an article that does not parse is not a second problem: that file's is enough.
    let links_to_unparsed: HashSet<(PathBuf, usize, usize)> = articles
        .iter()
        .flat_map(|a| {
            let to_unparsed = a.file_links.iter().filter(|link| unparsed.contains(&link.resolved));
            to_unparsed.map(|link| (a.path.clone(), link.line, link.column))
        })
        .collect();
    problems.extend(missing_share_images(&config_file.text, &config, &articles, &source.static_files));
    let (site, site_problems) =
        Site::assemble_despite_problems(config, articles, topics, &entities, site_options(options), None);
    let (site, page_problems) = site.with_pages(pages);
    problems.extend(page_problems);
    let (site, author_problems) = site.with_authors(authors);
    problems.extend(author_problems);
    let (site, measure_problems) = site.with_measures(measures, &entities);
    problems.extend(measure_problems);
    problems
        .extend(site_problems.into_iter().filter(|p| !links_to_unparsed.contains(&(p.path.clone(), p.line, p.column))));
    let loaded = templates.map(|templates| Loaded {
        site,
        templates,
        statics: source.static_files.clone(),
        warnings: source.warnings.clone(),
    });
    (loaded, problems.sorted())
}

/// Which articles the site of a build with `options` publishes, as of now.
pub fn site_options(options: &BuildOptions) -> SiteOptions {
    SiteOptions {
        include_drafts: options.include_drafts,
        include_future: options.include_future,
        now: Some(chrono::Local::now().fixed_offset()),
    }
}

/// The one problem of a root without a readable site.yaml.
pub fn no_site(options: &BuildOptions) -> Diagnostics {
    let mut only = Diagnostics::default();
    only.push(Diagnostic::whole_file(
        CONFIG_FILE,
        format!(
            "no site here: `{}` has no readable site.yaml; run the command in the site's folder or pass --root DIR, or make a site with `briefing init DIR`",
            options.root.display()
        ),
    ));
    only
}

/// site.yaml's text -> the configuration, with the base URL the options ask for.
///
/// A preview build asks search engines not to index its pages: one that publishes drafts
/// or articles dated in the future, or one served from another address than site.yaml's
/// `base_url` (`--base-url`, as a host's deploy previews pass it).
pub fn parse_config(text: &str, options: &BuildOptions) -> Result<SiteConfig, Diagnostic> {
    let mut config = SiteConfig::parse(text, CONFIG_FILE)?;
    let production_url = config.base_url.clone();
    if let Some(base_url) = &options.base_url {
        config = config.with_base_url(base_url).map_err(|message| Diagnostic::whole_file("--base-url", message))?;
    }
    config.noindex |= options.include_drafts || options.include_future || config.base_url != production_url;
    Ok(config)
}

/// Every topic that parses, and the problems of those that do not. On a site of several
/// languages, `<slug>.<lang>.md` (`languages`: the site's other languages) translates the
/// topic of `<slug>.md`: translations come after every default-language topic, with its
/// slug (`Topic::translation_language` tells them apart).
pub fn parse_topics(files: &[TextFile], languages: &[Language]) -> (Vec<Topic>, Vec<Diagnostic>) {
    let mut topics = Vec::with_capacity(files.len());
    let mut translations = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let translated = stem
            .rsplit_once('.')
            .filter(|(_, lang)| languages.iter().any(|l| l.code == crate::i18n::canonical_language(lang)));
        let parsed = match translated {
            Some((slug, _)) => Topic::parse_as(&file.path, &file.text, slug).map(|topic| translations.push(topic)),
            None => Topic::parse(&file.path, &file.text).map(|topic| topics.push(topic)),
        };
        if let Err(errors) = parsed {
            problems.extend(errors);
        }
    }
    for (index, translation) in translations.iter().enumerate() {
        let twin = translations[..index].iter().find(|earlier| {
            earlier.slug == translation.slug && earlier.translation_language() == translation.translation_language()
        });
        if let Some(twin) = twin {
            problems.push(Diagnostic::whole_file(
                &translation.path,
                format!("{} translates the same topic into the same language: keep one", twin.path.display()),
            ));
        }
        let has_default =
            files.iter().any(|file| file.path.file_stem().and_then(|s| s.to_str()) == Some(&translation.slug));
        if !has_default {
            problems.push(Diagnostic::whole_file(
                &translation.path,
                format!(
                    "a translated topic needs its default-language file: add content/topics/{}.md",
                    translation.slug
                ),
            ));
        }
    }
    translations.retain(|translation| topics.iter().any(|topic| topic.slug == translation.slug));
    topics.extend(translations);
    (topics, problems)
}

/// Every standalone page that parses, and the problems of those that do not; `languages`:
/// the site's languages, the default first, which a file name may give (`about.fr.md`).
pub fn parse_pages(files: &[TextFile], languages: &[Language]) -> (Vec<StandalonePage>, Vec<Diagnostic>) {
    let mut pages = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for file in files {
        match StandalonePage::parse(&file.path, &file.text, &languages[0].code, &languages[1..]) {
            Ok(page) => pages.push(page),
            Err(errors) => problems.extend(errors),
        }
    }
    (pages, problems)
}

/// content/authors.yaml, if any; no authors (and its problems) when it does not parse.
pub fn parse_authors(file: Option<&TextFile>, config: &SiteConfig) -> (Vec<Author>, Vec<Diagnostic>) {
    match file {
        Some(file) => match authors::parse(&file.text, &file.path, &config.language_codes()) {
            Ok(mut authors) => {
                // Roles and biographies in their language's typography, as articles.
                let interface = &config.interface;
                let typeset = |code: &str, text: &mut String| {
                    *text = interface.get(interface.locale_for(code)).typography().text(text);
                };
                for author in &mut authors {
                    typeset(&config.language, &mut author.role);
                    typeset(&config.language, &mut author.bio);
                    author.roles.iter_mut().for_each(|(code, role)| typeset(code, role));
                    author.bios.iter_mut().for_each(|(code, bio)| typeset(code, bio));
                }
                (authors, Vec::new())
            }
            Err(errors) => (Vec::new(), errors),
        },
        None => (Vec::new(), Vec::new()),
    }
}

/// content/measures.yaml, if any; no measures (and its problems) when it does not parse.
pub fn parse_measures(file: Option<&TextFile>, config: &SiteConfig) -> (Vec<Measure>, Vec<Diagnostic>) {
    match file {
        Some(file) => match measures::parse(&file.text, &file.path, &config.language_codes()) {
            Ok(measures) => (measures, Vec::new()),
            Err(errors) => (Vec::new(), errors),
        },
        None => (Vec::new(), Vec::new()),
    }
}

/// The slugs of `topics` (translations are not topics of their own), sorted, as
/// `ParseContext::topics` wants them.
pub fn topic_slugs(topics: &[Topic]) -> Vec<String> {
    let mut slugs: Vec<String> =
        topics.iter().filter(|t| t.translation_language().is_none()).map(|t| t.slug.clone()).collect();
    slugs.sort();
    slugs
}

/// (title, slug) of every topic file, translations included, for a title written as a topic.
pub fn topic_titles(topics: &[Topic]) -> Vec<(String, String)> {
    topics.iter().map(|topic| (topic.title.clone(), topic.slug.clone())).collect()
}

/// content/entities.yaml, if any; no entities (and its problems) when it does not parse.
pub fn parse_entities(file: Option<&TextFile>, config: &SiteConfig) -> (Entities, Vec<Diagnostic>) {
    match file {
        Some(file) => match Entities::parse(&file.text, &file.path, &config.taxonomies, &config.language_codes()) {
            Ok(entities) => (entities, Vec::new()),
            Err(errors) => (Entities::default(), errors),
        },
        None => (Entities::default(), Vec::new()),
    }
}

/// Parses articles in parallel, each to an article or its problems, in the order given.
pub fn parse_articles(files: &[TextFile], context: &ParseContext<'_>) -> Vec<Result<Article, Vec<Diagnostic>>> {
    files.par_iter().map(|file| Article::parse(&file.path, &file.text, context)).collect()
}

/// Static files as `(path under the output root with `/`, file to copy)`; a stylesheet or
/// script comes twice, under its own name and under its fingerprinted one.
pub fn static_list(files: &[StaticFile]) -> Vec<(String, PathBuf)> {
    let mut list = Vec::with_capacity(files.len());
    for file in files {
        let name = static_name(file);
        if let Some(fingerprint) = &file.fingerprint {
            list.push((fingerprinted_name(&name, fingerprint), file.absolute.clone()));
        }
        list.push((name, file.absolute.clone()));
    }
    list
}

/// Share images (`image:`, `share_image:`) naming a file that `static/` does not have,
/// each at its line; `config_text` is site.yaml's, to locate its `share_image:`.
pub fn missing_share_images(
    config_text: &str,
    config: &SiteConfig,
    articles: &[Article],
    statics: &[StaticFile],
) -> Vec<Diagnostic> {
    let names: HashSet<String> = statics.iter().map(static_name).collect();
    let missing = |image: &ShareImage| image.static_file().filter(|file| !names.contains(*file)).map(str::to_owned);
    let message = |field: &str, file: &str| {
        format!("`{field}` names /{file}, which is not in static/: add static/{file}, or correct the path")
    };
    let mut problems = Vec::new();
    if let Some(file) = config.share_image.as_ref().and_then(missing) {
        let document = crate::yaml::Document::file(config_text);
        let written = if config_text.contains(&format!("/{file}")) { format!("/{file}") } else { file.clone() };
        let (line, column) = crate::yaml::locate(&document, "share_image", Some(&written));
        problems.push(Diagnostic::new(CONFIG_FILE, line, column, message("share_image", &file)));
    }
    for article in articles {
        if let Some(file) = article.image.as_ref().and_then(missing) {
            let (line, column) = article.image_position;
            problems.push(Diagnostic::new(&article.path, line, column, message("image", &file)));
        }
    }
    problems
}

fn static_name(file: &StaticFile) -> String {
    file.relative.to_string_lossy().replace('\\', "/")
}

/// Static files that would overwrite a generated file (`generated`: the output file of
/// every route), or the fingerprinted copy of another static file.
pub fn static_collisions(generated: &HashMap<String, Route>, statics: &[StaticFile]) -> Diagnostics {
    let copies: HashMap<String, String> = statics
        .iter()
        .filter_map(|file| {
            let name = static_name(file);
            file.fingerprint.as_ref().map(|fingerprint| (fingerprinted_name(&name, fingerprint), name))
        })
        .collect();
    let mut problems = Diagnostics::default();
    for file in statics {
        let name = static_name(file);
        let message = if let Some(route) = generated.get(&name) {
            if route.is_asset() {
                format!("this file would overwrite the built-in `{name}` that pages link to: rename or remove it")
            } else {
                format!("this file would overwrite the generated page `{name}`: rename or remove it")
            }
        } else if let Some(original) = copies.get(&name) {
            format!(
                "this file would overwrite `{name}`, the fingerprinted copy of `static/{original}` that pages link to: rename or remove it"
            )
        } else {
            continue;
        };
        problems.push(Diagnostic::whole_file(format!("static/{name}"), message));
    }
    problems
}

/// The pages of a site, ready to render: the route table's pages and the static files.
pub struct Plan<'s> {
    pub renderer: Renderer<'s>,
    /// Every page, in the route table's order.
    pub routes: Vec<Route>,
}

impl<'s> Plan<'s> {
    pub fn new(site: &'s Site, templates: &'s Templates, statics: &'s [StaticFile]) -> Plan<'s> {
        Plan::reusing_search(site, templates, statics, None)
    }

    /// The same, with a search index made earlier for the same site content, if any.
    pub fn reusing_search(
        site: &'s Site,
        templates: &'s Templates,
        statics: &'s [StaticFile],
        search: Option<std::sync::Arc<crate::search::SearchIndex>>,
    ) -> Plan<'s> {
        let renderer = Renderer::new(site, templates, statics);
        if let Some(index) = search {
            renderer.reuse_search(index);
        }
        let routes = renderer.routes();
        Plan { renderer, routes }
    }

    /// The same without the files of the search index (`Renderer::search_files` lists
    /// them once it is made), so that `build` can make the index while it renders the rest.
    pub fn deferring_search(site: &'s Site, templates: &'s Templates, statics: &'s [StaticFile]) -> Plan<'s> {
        let renderer = Renderer::new(site, templates, statics);
        let routes = renderer.routes_but_search_files();
        Plan { renderer, routes }
    }

    /// Every page by its output file.
    pub fn outputs(&self) -> HashMap<String, Route> {
        self.routes.iter().map(|&route| (self.renderer.output_file(route), route)).collect()
    }

    /// Static files that would overwrite a page or the fingerprinted copy of another file.
    /// Aliases that cannot be redirects are problems of the same kind: two files for one address.
    pub fn collisions(&self, statics: &[StaticFile]) -> Diagnostics {
        let mut problems = static_collisions(&self.outputs(), statics);
        problems.extend(self.renderer.redirect_problems().iter().cloned());
        problems
    }

    /// Renders `routes`, handing each page to `sink` as soon as it is ready, so that the
    /// whole site is never held in memory at once. A share card is handed over undrawn
    /// (`Made::Card`): the sink takes a kept one from the card cache, or draws it. Every
    /// rendering error is collected.
    pub fn render_each<E: Send>(
        &self,
        routes: &[Route],
        sink: impl Fn(Made) -> Result<(), E> + Sync,
    ) -> Result<Result<(), Diagnostics>, E> {
        let render = |route: Route| match self.renderer.card(route) {
            Some(card) => Ok(Made::Card { path: self.renderer.output_file(route), card }),
            None => self.renderer.render(route).map(Made::Page),
        };
        let results: Vec<Result<Option<Diagnostic>, E>> = routes
            .par_iter()
            .map(|&route| match render(route) {
                Ok(made) => sink(made).map(|_| None),
                Err(diagnostic) => Ok(Some(diagnostic)),
            })
            .collect();
        let mut problems = Diagnostics::default();
        for result in results {
            if let Some(diagnostic) = result? {
                problems.push(diagnostic);
            }
        }
        Ok(problems.into_result(()))
    }

    /// Renders the pages of `routes` whose fingerprint differs from the one `served` holds
    /// under their output file (`serve`): the pages rendered, the fingerprint of every page
    /// of `routes` by its output file, and the problems of the pages that failed.
    pub fn render_changed(
        &self,
        routes: &[Route],
        served: &HashMap<String, u64>,
    ) -> (Vec<Page>, HashMap<String, u64>, Diagnostics) {
        let results: Vec<_> = routes
            .par_iter()
            .map(|&route| {
                let path = self.renderer.output_file(route);
                let before = served.get(&path).copied();
                self.renderer.render_if_changed(route, before).map(|(page, fingerprint)| (path, page, fingerprint))
            })
            .collect();
        let mut pages = Vec::new();
        let mut fingerprints = HashMap::with_capacity(results.len());
        let mut problems = Diagnostics::default();
        for result in results {
            match result {
                Ok((path, page, fingerprint)) => {
                    pages.extend(page);
                    fingerprints.insert(path, fingerprint);
                }
                Err(problem) => problems.push(problem),
            }
        }
        (pages, fingerprints, problems)
    }

    /// Renders `routes` into memory (for `check` and `serve`), in their order, with the
    /// problems of the pages that failed.
    pub fn render_collected(&self, routes: &[Route]) -> (Vec<Page>, Diagnostics) {
        let results: Vec<Result<Page, Diagnostic>> =
            routes.par_iter().map(|&route| self.renderer.render(route)).collect();
        let mut pages = Vec::with_capacity(results.len());
        let mut problems = Diagnostics::default();
        for result in results {
            match result {
                Ok(page) => pages.push(page),
                Err(problem) => problems.push(problem),
            }
        }
        (pages, problems)
    }
}

/// A site with no published article, unless one was asked for: deployed, it would replace
/// a briefing with an empty one.
pub fn empty_site(site: &Site, options: &BuildOptions) -> Option<Diagnostic> {
    (site.articles.is_empty() && !options.allow_empty).then(|| {
        Diagnostic::whole_file(
            "content/articles",
            "the site has no published article, so it would be published empty: write one in \
             content/articles/ (drafts and articles dated in the future are left out unless you pass \
             --drafts or --future), or pass --allow-empty to build it anyway",
        )
    })
}

/// The problems of a site that do not stop its build: those found reading its files
/// (`source`: hidden files left out), then raw HTML removed from its articles and topics.
pub fn content_warnings(source: &[Diagnostic], site: &Site) -> Vec<Diagnostic> {
    (source.iter())
        .chain(site.articles.iter().flat_map(|article| &article.warnings))
        .chain(site.topics.iter().flat_map(|entry| &entry.topic.warnings))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(relative: &str, fingerprint: Option<&str>) -> StaticFile {
        StaticFile {
            relative: PathBuf::from(relative),
            absolute: PathBuf::from("/site/static").join(relative),
            fingerprint: fingerprint.map(str::to_owned),
            image_size: None,
            bytes: 0,
        }
    }

    #[test]
    fn a_static_file_may_not_take_the_fingerprinted_name_of_another() {
        let statics = [file("style.css", Some("0badcafe")), file("style.0badcafe.css", None), file("a.png", None)];
        let problems = static_collisions(&HashMap::new(), &statics);
        assert_eq!(problems.len(), 1, "{problems}");
        assert!(problems.0[0].to_string().starts_with("static/style.0badcafe.css: "), "{problems}");
        assert!(problems.0[0].message.contains("`static/style.css`"), "{problems}");
    }
}
