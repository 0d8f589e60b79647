//! The site kept in memory between changes, rebuilt through the build's stages, and
//! only as far as a change reaches: `reread` brings changed files in, `rebuild`
//! assembles the site again and lists its pages. Pages are rendered when they are asked
//! for (`Engine::page`), and only when their fingerprint (the hash of what they are
//! rendered from, `Renderer::render_if_changed`) differs from the one of the bytes held.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::config::SiteConfig;
use crate::content::{Article, ParseContext, Topic};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::plan::BuildOptions;
use crate::plan::{
    no_site, parse_articles, parse_authors, parse_config, parse_entities, parse_measures, parse_pages, parse_topics,
    static_list, topic_slugs, topic_titles,
};
use crate::render::{Page, Prepared, Renderer, Route, Templates};
use crate::search::{SearchIndex, TermCache};
use crate::site::{Entities, Site, SiteOptions};
use crate::source::{SiteSource, StaticFile, TextFile};

use super::change::Change;

mod frame;
mod rebuild;
mod reread;

/// What every article is parsed against.
struct Frame {
    config: SiteConfig,
    topics: Vec<Topic>,
    topic_slugs: Vec<String>,
    topic_titles: Vec<(String, String)>,
    entities: Entities,
    /// Standalone pages, which only a full reload reads again.
    pages: Vec<crate::content::StandalonePage>,
    /// The authors of authors.yaml, which only a full reload reads again.
    authors: Vec<crate::site::authors::Author>,
    /// The measures of measures.yaml, which only a full reload reads again.
    measures: Vec<crate::site::measures::Measure>,
}

/// What the last good site was rendered from, where a change since displaced it (the first
/// value displaced after a good rebuild is the good one). While the sources have problems,
/// pages are rendered from these, and from the engine's own where nothing was displaced:
/// the dev server keeps showing the last good site.
#[derive(Default)]
struct LastGood {
    site: Option<Site>,
    templates: Option<Templates>,
    static_files: Option<Vec<StaticFile>>,
}

/// Where a group of problems comes from; a stage that runs again replaces its group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    /// One file of the site (an article, an unreadable or unexpected file).
    File(PathBuf),
    Config,
    Topics,
    /// Standalone pages: their files and the slugs they take.
    Pages,
    Entities,
    /// The site's interface files, `i18n/*.yaml`.
    Interface,
    Templates,
    Static,
    /// Duplicate slugs and static files over generated pages.
    Site,
    Render,
}

/// What a rebuild changed in the served site: its pages are rendered when asked for, its
/// static files are copied here.
#[derive(Debug, Default)]
pub(super) struct Update {
    /// Copied static files, whether or not their bytes changed.
    pub statics: Vec<Page>,
    /// Static files no longer part of the site.
    pub removed: Vec<String>,
    /// `statics` are all the static files: any other goes.
    pub whole_site: bool,
    /// How many pages and files the site has.
    pub files: usize,
}

/// A page asked for (`Engine::page`).
#[derive(Debug)]
pub(super) enum Lookup {
    /// Rendered, with its fingerprint.
    Rendered(Vec<u8>, u64),
    /// Its fingerprint is the one given: the bytes made with it still hold.
    Unchanged,
    /// Rendering it failed.
    Failed(Diagnostic),
    /// No page of the site has this path.
    Missing,
    /// No rebuild has succeeded yet: there is no good site to render from.
    Unavailable,
}

/// The result of applying changes.
#[derive(Debug)]
pub(super) enum Outcome {
    Updated(Update),
    /// The site has problems; the last good site stays served.
    Failed(Diagnostics),
}

/// The site being served, as the build's stages left it.
pub(super) struct Engine {
    options: BuildOptions,
    source: SiteSource,
    frame: Option<Frame>,
    templates: Option<Templates>,
    /// The last assembled site.
    site: Option<Site>,
    /// Articles parsed since `site` was assembled, by path; `None`: no longer in the site.
    pending: BTreeMap<PathBuf, Option<Article>>,
    /// Parsed articles the site leaves out (drafts, scheduled ones), kept for the next assembly.
    withheld: BTreeMap<PathBuf, Article>,
    /// An assembly failed after the articles were handed over: parse them all again.
    reparse: bool,
    /// The site must be assembled again at the next rebuild (it was read again).
    render_all: bool,
    /// Static files (under `static/`) to copy at the next rebuild.
    pending_static: BTreeSet<String>,
    /// Static files gone since the last rebuild.
    removed_static: BTreeSet<String>,
    problems: BTreeMap<Origin, Vec<Diagnostic>>,
    /// Every page of the served site (the files of the search index aside) by output file,
    /// as the last good rebuild listed them; empty until a rebuild succeeds.
    outputs: HashMap<String, Route>,
    /// The static files (under `static/`) when `outputs` were listed: other ones can
    /// replace a built-in asset, and so change the pages.
    listed_statics: Vec<PathBuf>,
    /// What the last good site was rendered from, where changes since displaced it; emptied
    /// by a good rebuild.
    last_good: LastGood,
    static_names: Vec<String>,
    /// The search index of the served pages and the fingerprint of what it was made from:
    /// an edit that leaves both alone does not make it again. Made when it is asked for.
    search: Option<(u64, Arc<SearchIndex>)>,
    /// `search` is that of the served site (checked since the last rebuild).
    search_checked: bool,
    /// The articles' words as the index keys them: an edit tokenises only what changed.
    search_terms: TermCache,
    /// What the served pages share (each language's `site`, the summaries made so far),
    /// made for the first page asked for after a change and kept until the next one.
    prepared: OnceLock<Arc<Prepared>>,
}

impl Engine {
    /// Reads and builds the site at `options.root`. Fails only when there is no site there.
    pub(super) fn load(options: BuildOptions) -> Result<(Engine, Outcome), Diagnostics> {
        let source = crate::plan::read_source(&options.root);
        if source.config.is_none() {
            return Err(no_site(&options));
        }
        let mut engine = Engine {
            options,
            source,
            frame: None,
            templates: None,
            site: None,
            pending: BTreeMap::new(),
            withheld: BTreeMap::new(),
            reparse: false,
            render_all: true,
            pending_static: BTreeSet::new(),
            removed_static: BTreeSet::new(),
            problems: BTreeMap::new(),
            outputs: HashMap::new(),
            listed_statics: Vec::new(),
            last_good: LastGood::default(),
            static_names: Vec::new(),
            search: None,
            search_checked: false,
            search_terms: TermCache::default(),
            prepared: OnceLock::new(),
        };
        let outcome = engine.reload(false);
        Ok((engine, outcome))
    }

    /// Applies a batch of changes and rebuilds what they touch.
    pub(super) fn apply(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        // Whatever the changes reach, the served site may be another one after them.
        self.prepared = OnceLock::new();
        let mut reread = false;
        let mut reparse = false;
        let mut entities = false;
        let mut templates = false;
        let mut statics = Vec::new();
        let mut articles = Vec::new();
        for change in changes {
            match change {
                Change::Config | Change::Rescan | Change::Page(_) => reread = true,
                Change::Topic(path) => {
                    reparse = true;
                    self.reread_topic(path);
                }
                Change::Entities => {
                    reparse = true;
                    entities = true;
                    self.reread_entities();
                }
                Change::Article(path) if self.root().join(path).is_dir() => reread = true,
                Change::Article(path) => articles.push(path.clone()),
                Change::OtherContent(path) => reread |= self.other_content(path),
                Change::Template(_) => templates = true,
                Change::Static(path) => statics.push(path.clone()),
            }
        }
        let others = templates || !statics.is_empty() || !articles.is_empty();
        if reparse
            && !reread
            && !self.reparse
            && !others
            && let Some(outcome) = self.rebuild_frame(entities)
        {
            return outcome;
        }
        if reread || reparse || self.reparse {
            // After a failed assembly the changed files are not read yet: read everything.
            let from_disk = reread || self.reparse;
            if !from_disk {
                // Parsed again from memory, which must hold the other files of this batch
                // first (an article fixed along with an entities.yaml edit).
                if templates {
                    self.reread_templates();
                }
                if !statics.is_empty() {
                    self.reread_static(&statics);
                }
                for path in &articles {
                    self.reread_article_text(path);
                }
            }
            return self.reload(from_disk);
        }
        if templates {
            self.reread_templates();
        }
        if !statics.is_empty() {
            self.reread_static(&statics);
        }
        for path in &articles {
            self.reread_article(path);
        }
        self.rebuild()
    }

    /// The warnings of the served site, as `build` prints them (none before a first good
    /// build). Hidden files are found when the whole site is read (no event names them):
    /// one renamed or removed since is no longer warned about.
    pub(super) fn warnings(&self) -> Vec<Diagnostic> {
        let Some(site) = &self.site else { return Vec::new() };
        let source: Vec<Diagnostic> =
            self.source.warnings.iter().filter(|warning| self.root().join(&warning.path).exists()).cloned().collect();
        crate::plan::content_warnings(&source, site)
    }

    fn root(&self) -> &Path {
        &self.options.root
    }

    /// Parses everything again, from the disk when `reread`, else from memory.
    fn reload(&mut self, reread: bool) -> Outcome {
        if reread {
            let before = std::mem::replace(&mut self.source, crate::plan::read_source(&self.options.root));
            self.keep_static_files(before.static_files);
        }
        self.problems.clear();
        self.pending.clear();
        self.withheld.clear();
        self.reparse = false;
        if let Some(site) = self.site.take() {
            self.keep_site(site);
        }
        self.render_all = true;
        for problem in &self.source.problems {
            self.problems.entry(Origin::File(problem.path.clone())).or_default().push(problem.clone());
        }
        self.frame = None;
        self.parse_frame();
        self.compile_templates();
        self.static_names = static_list(&self.source.static_files).into_iter().map(|(name, _)| name).collect();
        if let Some(frame) = &self.frame {
            let context = parse_context(frame);
            let parsed = parse_articles(&self.source.articles, &context);
            let paths: Vec<PathBuf> = self.source.articles.iter().map(|file| file.path.clone()).collect();
            for (path, result) in paths.iter().zip(parsed) {
                self.take_parsed(path, result);
            }
        }
        self.rebuild()
    }

    fn parse_frame(&mut self) {
        let Some(config_file) = &self.source.config else {
            self.problems.insert(Origin::Config, no_site(&self.options).0);
            return;
        };
        let config = match parse_config(&config_file.text, &self.options) {
            Ok(config) => config,
            Err(problem) => {
                self.problems.insert(Origin::Config, vec![problem]);
                return;
            }
        };
        let (config, mut interface_problems) = config.with_interface(&self.source.i18n);
        let (config, data_problems) = config.with_data(&self.source.data);
        interface_problems.extend(data_problems);
        self.set_problems(Origin::Interface, interface_problems);
        let (topics, topic_problems) = parse_topics(&self.source.topics, &config.languages[1..]);
        let (entities, entity_problems) = parse_entities(self.source.entities.as_ref(), &config);
        self.set_problems(Origin::Topics, topic_problems);
        self.set_problems(Origin::Entities, entity_problems);
        let (pages, mut page_problems) = parse_pages(&self.source.pages, &config.languages);
        let (authors, author_problems) = parse_authors(self.source.authors.as_ref(), &config);
        page_problems.extend(author_problems);
        let (measures, measure_problems) = parse_measures(self.source.measures.as_ref(), &config);
        page_problems.extend(measure_problems);
        self.set_problems(Origin::Pages, page_problems);
        let topic_slugs = topic_slugs(&topics);
        let topic_titles = topic_titles(&topics);
        self.frame = Some(Frame { config, topics, topic_slugs, topic_titles, entities, pages, authors, measures });
    }

    /// Compiles the templates; on failure the last good ones stay, unused until they
    /// compile again (a rebuild waits for every problem to be fixed).
    fn compile_templates(&mut self) {
        match Templates::compile(&self.source.templates) {
            Ok(templates) => {
                if let Some(before) = self.templates.replace(templates)
                    && self.last_good.templates.is_none()
                {
                    self.last_good.templates = Some(before);
                }
                self.problems.remove(&Origin::Templates);
            }
            Err(problems) => {
                self.problems.insert(Origin::Templates, problems);
            }
        }
    }

    /// Keeps `site`, displaced by a change, if it is the last good one.
    fn keep_site(&mut self, site: Site) {
        if self.last_good.site.is_none() {
            self.last_good.site = Some(site);
        }
    }

    /// Keeps the static files displaced by a change, if they are the last good site's.
    fn keep_static_files(&mut self, files: Vec<StaticFile>) {
        if self.last_good.static_files.is_none() {
            self.last_good.static_files = Some(files);
        }
    }

    /// The site, templates and static files the served pages are rendered from: the last
    /// good ones; `None` before a first good rebuild.
    fn served(&self) -> Option<(&Site, &Templates, &[StaticFile])> {
        if self.outputs.is_empty() {
            return None;
        }
        let site = self.last_good.site.as_ref().or(self.site.as_ref())?;
        let templates = self.last_good.templates.as_ref().or(self.templates.as_ref())?;
        let statics = self.last_good.static_files.as_deref().unwrap_or(&self.source.static_files);
        Some((site, templates, statics))
    }

    /// Every path of the served site (pages and static files), making the search index
    /// if it is not made yet.
    pub(crate) fn paths(&mut self) -> Vec<String> {
        let mut paths: Vec<String> = self.outputs.keys().cloned().collect();
        paths.extend(self.static_names.iter().cloned());
        if let Some(index) = self.search_index() {
            paths.extend(index.files.iter().map(|file| file.path.clone()));
        }
        paths.sort();
        paths.dedup();
        paths
    }

    /// Whether the served site has a page at `path` (static files aside).
    pub(super) fn has_page(&mut self, path: &str) -> bool {
        self.outputs.contains_key(path) || self.search_file(path).is_some()
    }

    /// The page at `path`, rendered unless `known` is its fingerprint.
    pub(super) fn page(&mut self, path: &str, known: Option<u64>) -> Lookup {
        if self.served().is_none() {
            return Lookup::Unavailable;
        }
        let (route, search) = match self.outputs.get(path) {
            Some(&route) if route == Route::SearchIndex => (route, self.search_index()),
            Some(&route) => (route, None),
            None => match self.search_file(path) {
                Some(route) => (route, self.search_index()),
                None => return Lookup::Missing,
            },
        };
        let Some((site, templates, statics)) = self.served() else { return Lookup::Unavailable };
        let prepared = Arc::clone(self.prepared.get_or_init(|| Renderer::prepare(site, statics)));
        let renderer = Renderer::with_prepared(site, templates, prepared);
        if let Some(index) = search {
            renderer.reuse_search(index);
        }
        match renderer.render_if_changed(route, known) {
            Ok((Some(page), fingerprint)) => Lookup::Rendered(page.bytes, fingerprint),
            Ok((None, _)) => Lookup::Unchanged,
            Err(problem) => Lookup::Failed(problem),
        }
    }

    /// The file of the search index at `path`, if there is one.
    fn search_file(&mut self, path: &str) -> Option<Route> {
        if !path.starts_with(crate::search::FILES_DIR) {
            return None;
        }
        let index = self.search_index()?;
        index.files.iter().position(|file| file.path == path).map(Route::SearchFile)
    }

    /// The search index of the served site (`None` on a site without search), made again
    /// only when what it is made from changed since the last one.
    fn search_index(&mut self) -> Option<Arc<SearchIndex>> {
        if self.outputs.is_empty() {
            return None;
        }
        // As `served`, borrowing only the fields it reads.
        let site = self.last_good.site.as_ref().or(self.site.as_ref())?;
        if !self.search_checked {
            let index = search_index_of(site, &mut self.search, &mut self.search_terms);
            self.search_checked = true;
            return index;
        }
        self.search.as_ref().filter(|_| site.config.search).map(|(_, index)| Arc::clone(index))
    }

    fn set_problems(&mut self, origin: Origin, problems: Vec<Diagnostic>) {
        if problems.is_empty() {
            self.problems.remove(&origin);
        } else {
            self.problems.insert(origin, problems);
        }
    }

    /// Records a parsed article (or its problems) for the next assembly.
    fn take_parsed(&mut self, path: &Path, result: Result<Article, Vec<Diagnostic>>) {
        match result {
            Ok(article) => {
                self.problems.remove(&Origin::File(path.to_path_buf()));
                self.pending.insert(path.to_path_buf(), Some(article));
            }
            Err(problems) => {
                self.pending.remove(path);
                self.problems.insert(Origin::File(path.to_path_buf()), problems);
            }
        }
    }

    /// The assembled site with the frame's standalone pages and authors; the problems of
    /// their slugs and of articles naming an unknown author fail the rebuild until a
    /// reload reads the pages, authors.yaml or site.yaml again.
    fn with_pages(&mut self, site: Site) -> Result<Site, Outcome> {
        let pages = self.frame.as_ref().map(|frame| frame.pages.clone()).unwrap_or_default();
        let authors = self.frame.as_ref().map(|frame| frame.authors.clone()).unwrap_or_default();
        let (site, mut problems) = site.with_pages(pages);
        let (site, author_problems) = site.with_authors(authors);
        problems.extend(author_problems);
        let (site, measure_problems) = match &self.frame {
            Some(frame) => site.with_measures(frame.measures.clone(), &frame.entities),
            None => (site, Vec::new()),
        };
        problems.extend(measure_problems);
        if problems.is_empty() {
            return Ok(site);
        }
        self.problems.entry(Origin::Pages).or_default().extend(problems);
        self.reparse = true;
        Err(Outcome::Failed(self.all_problems()))
    }

    fn all_problems(&self) -> Diagnostics {
        Diagnostics::from(self.problems.values().flatten().cloned().collect::<Vec<_>>())
    }
}

/// The articles of `articles` that a site assembled with `options` leaves out (drafts,
/// scheduled ones), by path, kept for the next assembly.
fn withheld(articles: &[Article], options: &SiteOptions) -> BTreeMap<PathBuf, Article> {
    articles
        .iter()
        .filter(|article| !options.publishes(article))
        .map(|article| (article.path.clone(), article.clone()))
        .collect()
}

/// The search index of `site` (`None` without search), the one in `made` if it was made
/// from the same values, else made and put there.
fn search_index_of(
    site: &Site,
    made: &mut Option<(u64, Arc<SearchIndex>)>,
    terms: &mut TermCache,
) -> Option<Arc<SearchIndex>> {
    if !site.config.search {
        return None;
    }
    let fingerprint = crate::search::fingerprint(site);
    let reused = made.take().filter(|(made_from, _)| *made_from == fingerprint);
    let index = reused.map_or_else(|| Arc::new(terms.index(site)), |(_, index)| index);
    *made = Some((fingerprint, Arc::clone(&index)));
    Some(index)
}

fn parse_context(frame: &Frame) -> ParseContext<'_> {
    ParseContext {
        default_language: &frame.config.language,
        languages: &frame.config.languages[1..],
        topics: &frame.topic_slugs,
        topic_titles: &frame.topic_titles,
        taxonomies: &frame.config.taxonomies,
    }
}

/// Puts `file` at its place in a list sorted by path.
fn put(files: &mut Vec<TextFile>, position: Result<usize, usize>, file: TextFile) {
    match position {
        Ok(index) => files[index] = file,
        Err(index) => files.insert(index, file),
    }
}
