//! The site kept in memory between changes, rebuilt through the build's stages, and
//! only as far as a change reaches.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::build::{
    BuildOptions, no_site, parse_articles, parse_config, parse_entities, parse_topics, render_pages, static_collisions,
    static_list, topic_slugs,
};
use crate::config::SiteConfig;
use crate::content::{Article, ParseContext, Topic};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::{Page, PageJob, Renderer, Templates};
use crate::site::{Entities, Reuse, Site, SiteOptions, check_duplicate_slugs};
use crate::source::{SiteSource, TextFile, read_static, read_templates, read_text, unexpected_content};

use super::affected::{self, Links};
use super::change::Change;

/// What every article is parsed against.
struct Frame {
    config: SiteConfig,
    topics: Vec<Topic>,
    topic_slugs: Vec<String>,
    entities: Entities,
}

/// Where a group of problems comes from; a stage that runs again replaces its group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    /// One file of the site (an article, an unreadable or unexpected file).
    File(PathBuf),
    Config,
    Topics,
    Entities,
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

/// Which pages a rebuild renders.
enum Scope {
    All,
    /// Those the changed articles touch; `Links` are theirs in the site before.
    Affected(Links),
    /// None: only static files changed.
    Static,
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
    /// Articles linking to source files, as parsed: assembly rewrites those links in
    /// place, so each assembly starts again from these.
    unresolved: BTreeMap<PathBuf, Article>,
    /// An assembly failed after the articles were handed over: parse them all again.
    reparse: bool,
    /// Everything must be rendered again at the next rebuild.
    render_all: bool,
    /// Static files (under `static/`) to copy at the next rebuild.
    pending_static: BTreeSet<String>,
    /// Static files gone since the last rebuild.
    removed_static: BTreeSet<String>,
    /// How many articles the served pages were rendered with.
    shown_articles: usize,
    problems: BTreeMap<Origin, Vec<Diagnostic>>,
    /// Paths of the generated pages (not static files) being served.
    generated: HashSet<String>,
    static_names: Vec<String>,
}

impl Engine {
    /// Reads and builds the site at `options.root`. Fails only when there is no site there.
    pub fn load(options: BuildOptions) -> Result<(Engine, Outcome), Diagnostics> {
        let source = SiteSource::read(&options.root);
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
            unresolved: BTreeMap::new(),
            reparse: false,
            render_all: true,
            pending_static: BTreeSet::new(),
            removed_static: BTreeSet::new(),
            shown_articles: 0,
            problems: BTreeMap::new(),
            generated: HashSet::new(),
            static_names: Vec::new(),
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
                Change::Config | Change::Rescan => reread = true,
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
        if reread || reparse || self.reparse {
            // After a failed assembly the changed files are not read yet: read everything.
            return self.reload(reread || self.reparse);
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

    fn root(&self) -> &Path {
        &self.options.root
    }

    /// Parses everything again, from the disk when `reread`, else from memory.
    fn reload(&mut self, reread: bool) -> Outcome {
        if reread {
            self.source = SiteSource::read(&self.options.root);
        }
        self.problems.clear();
        self.pending.clear();
        self.withheld.clear();
        self.unresolved.clear();
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
        let (topics, topic_problems) = parse_topics(&self.source.topics);
        let (entities, entity_problems) = parse_entities(self.source.entities.as_ref(), &config);
        self.set_problems(Origin::Topics, topic_problems);
        self.set_problems(Origin::Entities, entity_problems);
        let topic_slugs = topic_slugs(&topics);
        self.frame = Some(Frame { config, topics, topic_slugs, entities });
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
                if article.file_links.is_empty() {
                    self.unresolved.remove(path);
                } else {
                    self.unresolved.insert(path.to_path_buf(), article.clone());
                }
                self.pending.insert(path.to_path_buf(), Some(article));
            }
            Err(problems) => {
                self.pending.remove(path);
                self.problems.insert(Origin::File(path.to_path_buf()), problems);
            }
        }
    }

    /// Records (or clears) the problem of reading one file, for this rebuild and the next reload.
    fn read_problem(&mut self, path: &Path, problem: Option<Diagnostic>) {
        self.source.problems.retain(|known| known.path != path);
        let origin = Origin::File(path.to_path_buf());
        match problem {
            Some(problem) => {
                self.source.problems.push(problem.clone());
                self.problems.insert(origin, vec![problem]);
            }
            None => drop(self.problems.remove(&origin)),
        }
    }

    /// Reads a file of the site again: `None` when it is gone.
    fn reread(&mut self, path: &Path) -> Option<TextFile> {
        if !self.options.root.join(path).is_file() {
            self.read_problem(path, None);
            return None;
        }
        match read_text(&self.options.root, path) {
            Ok(file) => {
                self.read_problem(path, None);
                Some(file)
            }
            Err(problem) => {
                self.read_problem(path, Some(problem));
                None
            }
        }
    }

    fn reread_article(&mut self, path: &Path) {
        let file = self.reread(path);
        let position = self.source.articles.binary_search_by(|known| known.path.as_path().cmp(path));
        match file {
            Some(file) => {
                let result = self.frame.as_ref().map(|frame| {
                    let context = parse_context(frame);
                    parse_articles(std::slice::from_ref(&file), &context).remove(0)
                });
                put(&mut self.source.articles, position, file);
                if let Some(result) = result {
                    self.take_parsed(path, result);
                }
            }
            None => {
                if let Ok(index) = position {
                    self.source.articles.remove(index);
                }
                // Unreadable: its problem keeps the last good site served.
                self.pending.insert(path.to_path_buf(), None);
            }
        }
    }

    fn reread_topic(&mut self, path: &Path) {
        let file = self.reread(path);
        let position = self.source.topics.binary_search_by(|known| known.path.as_path().cmp(path));
        match (file, position) {
            (Some(file), position) => put(&mut self.source.topics, position, file),
            (None, Ok(index)) => drop(self.source.topics.remove(index)),
            (None, Err(_)) => {}
        }
    }

    fn reread_entities(&mut self) {
        self.source.entities = self.reread(Path::new(crate::source::ENTITIES_FILE));
    }

    /// A file or directory under `content/` that is not an article, a topic or the
    /// entities. Returns whether the whole site must be read again (a directory).
    fn other_content(&mut self, path: &Path) -> bool {
        let full = self.options.root.join(path);
        if full.is_dir() {
            return true;
        }
        if full.exists() {
            self.read_problem(path, Some(unexpected_content(path.to_path_buf())));
            return false;
        }
        self.read_problem(path, None);
        // A directory that went away takes its articles and topics with it.
        let source = &self.source;
        source.articles.iter().chain(&source.topics).any(|file| file.path.starts_with(path))
            || source.problems.iter().any(|problem| problem.path.starts_with(path))
    }

    fn reread_templates(&mut self) {
        let (templates, problems) = read_templates(&self.options.root);
        self.source.templates = templates;
        self.source.problems.retain(|known| !known.path.starts_with("templates"));
        self.source.problems.extend(problems.iter().cloned());
        self.render_all = true;
        self.compile_templates();
        if !problems.is_empty() {
            self.problems.entry(Origin::Templates).or_default().extend(problems);
        }
    }

    fn reread_static(&mut self, changed: &[PathBuf]) {
        let (files, problems) = read_static(&self.options.root);
        let names: Vec<String> = static_list(&files).into_iter().map(|(name, _)| name).collect();
        let changed: Vec<String> = changed.iter().map(|path| path.to_string_lossy().replace('\\', "/")).collect();
        let touched =
            |name: &str| changed.iter().any(|c| c.is_empty() || name == c || name.starts_with(&format!("{c}/")));
        for name in &names {
            if !self.static_names.contains(name) || touched(name) {
                self.pending_static.insert(name.clone());
                self.removed_static.remove(name);
            }
        }
        for name in &self.static_names {
            if !names.contains(name) {
                self.pending_static.remove(name);
                self.removed_static.insert(name.clone());
            }
        }
        self.source.static_files = files;
        self.static_names = names;
        self.source.problems.retain(|known| !known.path.starts_with("static"));
        self.source.problems.extend(problems.iter().cloned());
        self.set_problems(Origin::Static, problems);
    }

    /// Assembles and renders what changed, unless the site has problems.
    fn rebuild(&mut self) -> Outcome {
        if !self.problems.keys().all(|origin| *origin == Origin::Render) {
            return Outcome::Failed(self.all_problems());
        }
        let duplicates = self.duplicate_slugs();
        if !duplicates.is_empty() {
            self.problems.insert(Origin::Site, duplicates);
            return Outcome::Failed(self.all_problems());
        }
        self.problems.remove(&Origin::Render);
        // A file that was not in the site and still is not changes nothing.
        if let Some(site) = &self.site {
            let withheld = &self.withheld;
            self.pending.retain(|path, article| {
                article.is_some() || withheld.contains_key(path) || site.articles.iter().any(|a| a.path == *path)
            });
        }
        let options = SiteOptions {
            include_drafts: self.options.include_drafts,
            include_future: self.options.include_future,
            now: Some(chrono::Local::now().fixed_offset()),
        };
        let changed: Vec<PathBuf> = self.pending.keys().cloned().collect();
        if let Some(outcome) = self.replace_in_place(&changed, &options) {
            return outcome;
        }
        let frame = self.frame.as_ref().expect("no problems means a frame");
        let pending = std::mem::take(&mut self.pending);
        let (scope, reuse, mut articles) = match self.site.take() {
            Some(site) if !changed.is_empty() || self.render_all => {
                let links = Links::of(&site, &changed);
                let paths = site.articles.iter().map(|article| article.path.clone()).collect();
                let reuse = Reuse { paths, related: site.related, changed: changed.clone() };
                let scope = if self.render_all { Scope::All } else { Scope::Affected(links) };
                (scope, Some(reuse), site.articles)
            }
            Some(site) => {
                self.site = Some(site);
                return self.render(Scope::Static, &changed);
            }
            None => (Scope::All, None, Vec::new()),
        };
        let replaced = path_set(pending.keys());
        articles.retain(|article| !replaced.contains(article.path.as_os_str()));
        let withheld = std::mem::take(&mut self.withheld);
        articles.extend(withheld.into_values().filter(|article| !replaced.contains(article.path.as_os_str())));
        articles.extend(pending.into_values().flatten());
        if !self.unresolved.is_empty() {
            for article in &mut articles {
                if let Some(unresolved) = self.unresolved.get(&article.path) {
                    *article = unresolved.clone();
                }
            }
        }
        self.withheld = articles
            .iter()
            .filter(|article| !options.publishes(article))
            .map(|article| (article.path.clone(), article.clone()))
            .collect();
        let (config, topics) = (frame.config.clone(), frame.topics.clone());
        match Site::assemble_reusing(config, articles, topics, &frame.entities, options, reuse) {
            Ok(site) => self.site = Some(site),
            Err(problems) => {
                // The articles are gone with the failed assembly: the next change parses them all again.
                self.problems.insert(Origin::Site, problems);
                self.reparse = true;
                return Outcome::Failed(self.all_problems());
            }
        }
        self.render(scope, &changed)
    }

    /// When every changed article keeps its place (address, dates, topics, terms), stays
    /// published and links to no file, assembling would give the same site with their new
    /// text: they replace the old ones where they are, and the site is not assembled.
    fn replace_in_place(&mut self, changed: &[PathBuf], options: &SiteOptions) -> Option<Outcome> {
        let site = self.site.as_ref()?;
        if self.render_all || self.pending.is_empty() {
            return None;
        }
        let mut places = Vec::with_capacity(self.pending.len());
        for (path, article) in &self.pending {
            let article = article.as_ref()?;
            let id = site.articles.iter().position(|old| old.path.as_os_str() == path.as_os_str())?;
            let unlinked = article.file_links.is_empty() && !self.unresolved.contains_key(path);
            if !(unlinked && options.publishes(article) && affected::same_place(&site.articles[id], article)) {
                return None;
            }
            places.push(id);
        }
        let links = Links::of(site, changed);
        let site = self.site.as_mut().expect("checked above");
        for (id, article) in places.into_iter().zip(std::mem::take(&mut self.pending).into_values()) {
            site.articles[id] = article.expect("checked above");
        }
        Some(self.render(Scope::Affected(links), changed))
    }

    /// Renders the pages in `scope` and the static files to copy.
    fn render(&mut self, scope: Scope, changed: &[PathBuf]) -> Outcome {
        let site = self.site.as_ref().expect("assembled");
        let templates = self.templates.as_ref().expect("no problems means templates");
        let renderer = Renderer::new(site, templates, &self.static_names);
        let count_changed = self.shown_articles != site.articles.len() && self.count_in_templates();
        let whole_site = matches!(scope, Scope::All) || count_changed;
        let all = renderer.jobs();
        let assets = all.iter().copied().filter(|job| matches!(job, PageJob::Asset(_)));
        let static_only = matches!(scope, Scope::Static);
        let (mut jobs, moved) = match scope {
            _ if whole_site => (all.clone(), true),
            Scope::Affected(links) => {
                let (jobs, moved) = affected::jobs(site, &links, changed);
                (jobs.into_iter().chain(assets).collect(), moved)
            }
            Scope::Static | Scope::All => (assets.collect(), false),
        };
        jobs.sort_by_key(weight);
        let statics = static_list(&self.source.static_files);
        let statics_changed = !self.pending_static.is_empty() || !self.removed_static.is_empty();
        let moved = moved || statics_changed || static_only;
        // Pages come and go only when articles move; static files only when they change.
        let generated: Option<HashSet<String>> =
            moved.then(|| all.iter().map(|&job| renderer.output_path(job)).collect());
        let shown = generated.as_ref().unwrap_or(&self.generated);
        if statics.iter().any(|(name, _)| shown.contains(name)) {
            self.render_all = true;
            self.problems.insert(Origin::Site, static_collisions(&renderer, &all, &statics).0);
            return Outcome::Failed(self.all_problems());
        }
        self.problems.remove(&Origin::Site);
        let pages = Mutex::new(Vec::with_capacity(jobs.len()));
        let rendered = render_pages(&renderer, &jobs, |page| {
            pages.lock().expect("no panics while holding it").push(page);
            Ok::<(), std::convert::Infallible>(())
        });
        if let Ok(Err(problems)) = rendered {
            self.render_all = true;
            self.problems.insert(Origin::Render, problems.0);
            return Outcome::Failed(self.all_problems());
        }
        let mut pages = pages.into_inner().expect("no panics while holding it");
        let mut removed: Vec<String> = Vec::new();
        if let Some(generated) = generated {
            removed.extend(self.generated.difference(&generated).cloned());
            self.generated = generated;
        }
        removed.extend(std::mem::take(&mut self.removed_static));
        self.shown_articles = site.articles.len();
        let copy = std::mem::take(&mut self.pending_static);
        for (name, absolute) in statics {
            if whole_site || copy.contains(&name) {
                match std::fs::read(&absolute) {
                    Ok(bytes) => pages.push(Page { path: name, bytes }),
                    Err(_) => removed.push(name),
                }
            }
        }
        self.render_all = false;
        Outcome::Updated(Update { pages, removed, whole_site })
    }

    /// Whether a site template may show the number of articles on any page.
    fn count_in_templates(&self) -> bool {
        self.source.templates.iter().any(|file| file.text.contains("article_count"))
    }

    /// Duplicate slugs among the articles the next assembly would have. The site had none,
    /// so only the slugs of the articles parsed since can be taken twice.
    fn duplicate_slugs(&self) -> Vec<Diagnostic> {
        let fresh: Vec<&Article> = self.pending.values().flatten().collect();
        let pending = path_set(self.pending.keys());
        let kept = self.site.iter().flat_map(|site| &site.articles).filter(|a| !pending.contains(a.path.as_os_str()));
        let mut taken_twice: HashSet<&str> = HashSet::new();
        for article in kept.clone().chain(fresh.iter().copied()) {
            for new in &fresh {
                if new.slug == article.slug && new.path != article.path {
                    taken_twice.insert(&new.slug);
                }
            }
        }
        if taken_twice.is_empty() {
            return Vec::new();
        }
        let same: Vec<Article> =
            kept.chain(fresh.iter().copied()).filter(|a| taken_twice.contains(a.slug.as_str())).cloned().collect();
        check_duplicate_slugs(&same).err().unwrap_or_default()
    }

    fn all_problems(&self) -> Diagnostics {
        Diagnostics::from(self.problems.values().flatten().cloned().collect::<Vec<_>>())
    }
}

/// Paths as a set that is quick to ask: `Path` comparisons walk components.
fn path_set<'p>(paths: impl IntoIterator<Item = &'p PathBuf>) -> HashSet<&'p std::ffi::OsStr> {
    paths.into_iter().map(|path| path.as_os_str()).collect()
}

/// Heavy pages first, so that the two cores share them rather than one finishing them last.
fn weight(job: &PageJob) -> u8 {
    match job {
        PageJob::Archive | PageJob::SearchIndex | PageJob::Sitemap => 0,
        PageJob::Topic(_) | PageJob::Term(..) | PageJob::Home => 1,
        _ => 2,
    }
}

fn parse_context(frame: &Frame) -> ParseContext<'_> {
    ParseContext {
        default_language: &frame.config.language,
        topics: &frame.topic_slugs,
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
