//! Assembling the site from the changed articles and readying it to be served.

use std::collections::HashMap;

use rustc_hash::FxHashSet;
use std::path::PathBuf;

use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::plan::{missing_share_images, site_options, static_collisions, static_list};
use crate::render::{Page, Renderer};
use crate::site::{ArticleId, Reuse, Site, SiteOptions, check_duplicate_slugs, same_place};

use super::{Engine, LastGood, Origin, Outcome, Update};

impl Engine {
    /// Assembles and renders what changed, unless the site has problems.
    pub(super) fn rebuild(&mut self) -> Outcome {
        // Those of the site and of rendering are looked for again below.
        if !self.problems.keys().all(|origin| matches!(origin, Origin::Render | Origin::Site)) {
            return Outcome::Failed(self.all_problems());
        }
        let duplicates = self.duplicate_slugs();
        if !duplicates.is_empty() {
            self.problems.insert(Origin::Site, duplicates);
            return Outcome::Failed(self.all_problems());
        }
        // A static file over a generated page is looked for again when rendering (all of it).
        self.problems.remove(&Origin::Site);
        self.problems.remove(&Origin::Render);
        // A file that was not in the site and still is not changes nothing.
        if let Some(site) = &self.site {
            let withheld = &self.withheld;
            self.pending.retain(|path, article| {
                article.is_some()
                    || withheld.contains_key(path)
                    || site.articles.iter().any(|a| a.path.as_os_str() == path.as_os_str())
            });
        }
        let options = site_options(&self.options);
        let changed = self.changed_stories();
        if let Some(outcome) = self.replace_in_place(&options) {
            return outcome;
        }
        let pending = std::mem::take(&mut self.pending);
        let (reuse, mut articles) = match self.site.take() {
            Some(site) if !changed.is_empty() || self.render_all => {
                let paths = site.articles.iter().map(|article| article.path.clone()).collect();
                let (articles, related) = self.take_for_assembly(site);
                (Some(Reuse { paths, related, changed: changed.clone() }), articles)
            }
            Some(site) => {
                // Only static files or templates changed: the same site, with other assets.
                self.site = Some(site);
                return self.render(true);
            }
            None => (None, Vec::new()),
        };
        let replaced = path_set(pending.keys());
        articles.retain(|article| !replaced.contains(article.path.as_os_str()));
        let withheld = std::mem::take(&mut self.withheld);
        articles.extend(withheld.into_values().filter(|article| !replaced.contains(article.path.as_os_str())));
        articles.extend(pending.into_values().flatten());
        self.withheld = super::withheld(&articles, &options);
        let frame = self.frame.as_ref().expect("no problems means a frame");
        let (config, topics) = (frame.config.clone(), frame.topics.clone());
        match Site::assemble_reusing(config, articles, topics, &frame.entities, options, reuse) {
            Ok(site) => match self.with_pages(site) {
                Ok(site) => self.site = Some(site),
                Err(failed) => return failed,
            },
            Err(problems) => {
                // The articles are gone with the failed assembly: the next change parses them all again.
                self.problems.insert(Origin::Site, problems);
                self.reparse = true;
                return Outcome::Failed(self.all_problems());
            }
        }
        self.render(false)
    }

    /// The paths of the articles parsed since the last assembly and of every other version
    /// of their stories, before and after: which version a listing shows can change with
    /// one of them (a draft, a new translation), and so can the pages around it, though
    /// that version's file did not change.
    fn changed_stories(&self) -> Vec<PathBuf> {
        let mut changed: Vec<PathBuf> = self.pending.keys().cloned().collect();
        let known = self.site.iter().flat_map(|site| &site.articles).chain(self.withheld.values());
        let pending = path_set(self.pending.keys());
        let mut stories: Vec<&str> =
            self.pending.values().flatten().map(|article| article.translation_key.as_str()).collect();
        stories
            .extend(known.clone().filter(|a| pending.contains(a.path.as_os_str())).map(|a| a.translation_key.as_str()));
        let stories = Lookup::new(stories);
        changed.extend(
            known
                .filter(|a| stories.contains(a.translation_key.as_str()) && !pending.contains(a.path.as_os_str()))
                .map(|a| a.path.clone()),
        );
        changed.sort();
        changed.dedup();
        changed
    }

    /// When every changed article keeps its place (address, dates, topics, terms), stays
    /// published and links to no file (nor did before), assembling would give the same
    /// site with their new text: they replace the old ones where they are, and the site is
    /// not assembled.
    pub(super) fn replace_in_place(&mut self, options: &SiteOptions) -> Option<Outcome> {
        let site = self.site.as_ref()?;
        if self.render_all || self.pending.is_empty() {
            return None;
        }
        let mut places = Vec::with_capacity(self.pending.len());
        for (path, article) in &self.pending {
            let article = article.as_ref()?;
            let id = site.articles.iter().position(|old| old.path.as_os_str() == path.as_os_str())?;
            let unlinked = article.file_links.is_empty() && site.articles[id].file_links.is_empty();
            if !(unlinked && options.publishes(article) && same_place(&site.articles[id], article)) {
                return None;
            }
            places.push(id);
        }
        let site = self.site.as_mut().expect("checked above");
        let mut replaced = Vec::with_capacity(places.len());
        for (id, article) in places.into_iter().zip(std::mem::take(&mut self.pending).into_values()) {
            replaced.push((id, std::mem::replace(&mut site.articles[id], article.expect("checked above"))));
        }
        let outcome = self.render(true);
        if matches!(outcome, Outcome::Failed(_)) {
            // The site stays the last good one, served while the problem stands; the new
            // versions wait for the next rebuild.
            let site = self.site.as_mut().expect("checked above");
            for (id, before) in replaced {
                let article = std::mem::replace(&mut site.articles[id], before);
                self.pending.insert(article.path.clone(), Some(article));
            }
        }
        Some(outcome)
    }

    /// The articles and related lists of `site` to assemble the next site from; `site` is
    /// kept, and they are copies, if it is the last good site.
    pub(super) fn take_for_assembly(&mut self, site: Site) -> (Vec<Article>, Vec<Vec<ArticleId>>) {
        if self.last_good.site.is_some() {
            return (site.articles, site.related);
        }
        let parts = (site.articles.clone(), site.related.clone());
        self.last_good.site = Some(site);
        parts
    }

    /// Readies the assembled site to be served: lists its pages (rendered when they are
    /// asked for, `Engine::page`), checks that no static file takes a page's place, and
    /// copies the static files that changed. `same_pages`: the site has the addresses it
    /// had (its articles kept their places), so its pages are those listed last, unless
    /// static files came or went (one may replace a built-in asset).
    pub(super) fn render(&mut self, same_pages: bool) -> Outcome {
        self.search_checked = false;
        let site = self.site.as_ref().expect("assembled");
        // The files of the search index are listed when they are asked for, unless a static
        // file may take the place of one: then they are made now, as a build would.
        let search_files =
            site.config.search && self.static_names.iter().any(|name| name.starts_with(crate::search::FILES_DIR));
        let statics = &self.source.static_files;
        // Pages are listed for the site in hand unless it is the last good one, and for
        // these static files (by name: a stylesheet's new content changes no address).
        let listed = self.last_good.site.is_none()
            && !self.outputs.is_empty()
            && statics.iter().map(|file| &file.relative).eq(&self.listed_statics);
        let search =
            if search_files { super::search_index_of(site, &mut self.search, &mut self.search_terms) } else { None };
        let outputs = if same_pages && listed && !search_files && !self.render_all {
            None
        } else {
            let templates = self.templates.as_ref().expect("no problems means templates");
            let renderer = Renderer::new(site, templates, statics);
            let routes = match search {
                Some(index) => {
                    renderer.reuse_search(index);
                    renderer.routes()
                }
                None => renderer.routes_but_search_files(),
            };
            Some(routes.into_iter().map(|route| (renderer.output_file(route), route)).collect::<HashMap<_, _>>())
        };
        let mut collisions = static_collisions(outputs.as_ref().unwrap_or(&self.outputs), statics);
        let config_text = self.source.config.as_ref().map_or("", |file| file.text.as_str());
        collisions.extend(missing_share_images(config_text, &site.config, &site.articles, statics));
        if !collisions.is_empty() {
            self.problems.insert(Origin::Site, collisions.0);
            return Outcome::Failed(self.all_problems());
        }
        self.problems.remove(&Origin::Site);
        let whole_site = self.render_all || self.outputs.is_empty();
        if let Some(outputs) = outputs {
            self.outputs = outputs;
            self.listed_statics = statics.iter().map(|file| file.relative.clone()).collect();
        }
        let mut removed: Vec<String> = std::mem::take(&mut self.removed_static).into_iter().collect();
        let copy = std::mem::take(&mut self.pending_static);
        let mut pages = Vec::new();
        if whole_site || !copy.is_empty() {
            for (name, absolute) in static_list(&self.source.static_files) {
                if whole_site || copy.contains(&name) {
                    match std::fs::read(&absolute) {
                        Ok(bytes) => pages.push(Page { path: name, bytes }),
                        Err(_) => removed.push(name),
                    }
                }
            }
        }
        self.render_all = false;
        self.last_good = LastGood::default();
        // The index made above, if any, is that of the served site now.
        self.search_checked = search_files;
        let files = self.outputs.len() + self.static_names.len();
        Outcome::Updated(Update { statics: pages, removed, whole_site, files })
    }

    /// Duplicate slugs among the articles the next assembly would publish. The site had
    /// none, so only the slugs of the articles parsed since can be taken twice; a draft
    /// or a scheduled one makes no page, so takes none (as in a build).
    pub(super) fn duplicate_slugs(&self) -> Vec<Diagnostic> {
        let options = site_options(&self.options);
        let fresh: Vec<&Article> = self.pending.values().flatten().filter(|a| options.publishes(a)).collect();
        let pending = path_set(self.pending.keys());
        let kept = self.site.iter().flat_map(|site| &site.articles).filter(|a| !pending.contains(a.path.as_os_str()));
        let mut taken_twice: FxHashSet<&str> = FxHashSet::default();
        // The slugs are compared first: an article's path is read only when its slug is taken.
        let site_articles = self.site.iter().flat_map(|site| &site.articles).map(|article| (article, true));
        for (article, in_site) in site_articles.chain(fresh.iter().map(|&article| (article, false))) {
            for new in &fresh {
                if new.slug == article.slug
                    && new.path != article.path
                    && !(in_site && pending.contains(article.path.as_os_str()))
                {
                    taken_twice.insert(&new.slug);
                }
            }
        }
        if taken_twice.is_empty() {
            return Vec::new();
        }
        let same: Vec<Article> =
            kept.chain(fresh.iter().copied()).filter(|a| taken_twice.contains(a.slug.as_str())).cloned().collect();
        let Some(frame) = &self.frame else { return Vec::new() };
        check_duplicate_slugs(&same, &frame.config).err().unwrap_or_default()
    }
}

/// Paths as a set that is quick to ask: `Path` comparisons walk components.
fn path_set<'p>(paths: impl IntoIterator<Item = &'p PathBuf>) -> Lookup<'p, std::ffi::OsStr> {
    Lookup::new(paths.into_iter().map(|path| path.as_os_str()).collect())
}

/// A set of names or paths that every article of the site is looked up in. An edit
/// names a few: they are compared one by one, which reads an article's text only when
/// its length is the same (hashing reads all of it, and the articles of a large site
/// are mostly out of the processor's caches); many are hashed.
enum Lookup<'a, T: ?Sized> {
    Few(Vec<&'a T>),
    Many(FxHashSet<&'a T>),
}

impl<'a, T: ?Sized + Eq + std::hash::Hash> Lookup<'a, T> {
    /// Up to this many, compared one by one.
    const FEW: usize = 16;

    fn new(items: Vec<&'a T>) -> Lookup<'a, T> {
        if items.len() <= Self::FEW { Lookup::Few(items) } else { Lookup::Many(items.into_iter().collect()) }
    }

    fn contains(&self, item: &T) -> bool {
        match self {
            Lookup::Few(items) => items.contains(&item),
            Lookup::Many(items) => items.contains(item),
        }
    }
}
