//! The site kept in memory between changes, rebuilt through the build's stages, and
//! only as far as a change reaches: `reread` brings changed files in, `rebuild`
//! assembles the site again and renders the pages whose fingerprint (the hash of what
//! they are rendered from, `Renderer::render_if_changed`) differs from the one served.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::content::{Article, ParseContext, Topic};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::plan::BuildOptions;
use crate::plan::{
    no_site, parse_articles, parse_authors, parse_config, parse_entities, parse_measures, parse_pages, parse_topics,
    static_list, topic_slugs, topic_titles,
};
use crate::render::{Page, Templates};
use crate::search::{SearchIndex, TermCache};
use crate::site::{Entities, Site, SiteOptions};
use crate::source::{SiteSource, TextFile};

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

/// What a rebuild changed in the served site.
#[derive(Debug, Default)]
pub struct Update {
    /// Rendered pages and copied static files, whether or not their bytes changed.
    pub pages: Vec<Page>,
    /// Paths no longer part of the site.
    pub removed: Vec<String>,
    /// `pages` is the whole site: anything else served goes.
    pub whole_site: bool,
}

/// The result of applying changes.
#[derive(Debug)]
pub enum Outcome {
    Updated(Update),
    /// The site has problems; the last good site stays served.
    Failed(Diagnostics),
}

/// The site being served, as the build's stages left it.
pub struct Engine {
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
    /// The site must be assembled again and every page rendered at the next rebuild (the
    /// site was read again, or the templates changed).
    render_all: bool,
    /// Static files (under `static/`) to copy at the next rebuild.
    pending_static: BTreeSet<String>,
    /// Static files gone since the last rebuild.
    removed_static: BTreeSet<String>,
    problems: BTreeMap<Origin, Vec<Diagnostic>>,
    /// The fingerprint of every generated page and file being served (not static files),
    /// by output file: a page is rendered again when its fingerprint changes.
    fingerprints: HashMap<String, u64>,
    static_names: Vec<String>,
    /// The search index of the served pages and the fingerprint of what it was made from:
    /// a topic or entity edit that leaves both alone does not make it again.
    search: Option<(u64, Arc<SearchIndex>)>,
    /// The articles' words as the index keys them: an edit tokenises only what changed.
    search_terms: TermCache,
}

impl Engine {
    /// Reads and builds the site at `options.root`. Fails only when there is no site there.
    pub fn load(options: BuildOptions) -> Result<(Engine, Outcome), Diagnostics> {
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
            fingerprints: HashMap::new(),
            static_names: Vec::new(),
            search: None,
            search_terms: TermCache::default(),
        };
        let outcome = engine.reload(false);
        Ok((engine, outcome))
    }

    /// Applies a batch of changes and rebuilds what they touch.
    pub fn apply(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        let mut reread = false;
        let mut reparse = false;
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
            && let Some(outcome) = self.rebuild_frame()
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
    pub fn warnings(&self) -> Vec<Diagnostic> {
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
            self.source = crate::plan::read_source(&self.options.root);
        }
        self.problems.clear();
        self.pending.clear();
        self.withheld.clear();
        self.reparse = false;
        self.site = None;
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
        let (config, interface_problems) = config.with_interface(&self.source.i18n);
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

    fn compile_templates(&mut self) {
        match Templates::compile(&self.source.templates) {
            Ok(templates) => {
                self.templates = Some(templates);
                self.problems.remove(&Origin::Templates);
            }
            Err(problems) => {
                self.templates = None;
                self.problems.insert(Origin::Templates, problems);
            }
        }
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
