//! `build`: the build plan, its pages written into the output directory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use thiserror::Error;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{Interruption, Output, OutputError};
use crate::plan::{self, Plan};
use crate::route::Route;
use crate::site::Site;

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` under the root.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of site.yaml.
    pub base_url: Option<String>,
    pub include_drafts: bool,
    /// Include articles dated in the future (scheduled ones).
    pub include_future: bool,
    /// Build a site with no published article (otherwise an error: it would deploy an empty site).
    pub allow_empty: bool,
    /// Set by a SIGINT or SIGTERM handler: the build stops and removes its unfinished output.
    pub interruption: Interruption,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug, Error)]
pub enum BuildError {
    /// Problems in the site's files, every one of them.
    #[error("{0}")]
    Content(Diagnostics),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub articles: usize,
    pub topics: usize,
    pub bytes: u64,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// Problems that did not stop the build (raw HTML removed from an article or topic,
    /// hidden files left out).
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site into its output directory.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let loaded = plan::load(options).map_err(BuildError::Content)?;
    if let Some(problem) = empty_site(&loaded.site, options) {
        return Err(BuildError::Content(Diagnostics::from(vec![problem])));
    }
    write(&loaded, options, started)
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

/// Renders a site already loaded into its output directory (`started`: when the build
/// began, for the report).
pub fn write(loaded: &plan::Loaded, options: &BuildOptions, started: Instant) -> Result<BuildReport, BuildError> {
    let plan = Plan::deferring_search(&loaded.site, &loaded.templates, &loaded.statics);
    let collisions = plan.collisions(&loaded.statics);
    if !collisions.is_empty() {
        return Err(BuildError::Content(collisions.sorted()));
    }
    let static_files = plan::static_list(&loaded.statics);

    let output = Output::prepare(&options.root, &options.output_dir())?.interrupted_by(options.interruption.clone());
    // The search index is made while the other pages render, and its pages after it.
    let (pages, search_pages): (Vec<Route>, Vec<Route>) = plan.routes.iter().partition(|route| !route.is_search());
    let (search_files, rendered) =
        rayon::join(|| plan.renderer.search_files(), || plan.render_each(&pages, |page| output.write(&page)));
    rendered?.map_err(BuildError::Content)?;
    let generated = search_files.iter().map(|&route| (plan.renderer.output_file(route), route)).collect();
    let collisions = plan::static_collisions(&generated, &loaded.statics);
    if !collisions.is_empty() {
        return Err(BuildError::Content(collisions.sorted()));
    }
    let search_pages: Vec<Route> = search_pages.into_iter().chain(search_files).collect();
    plan.render_each(&search_pages, |page| output.write(&page))?.map_err(BuildError::Content)?;
    static_files.par_iter().try_for_each(|(relative, absolute)| output.copy(absolute, Path::new(relative)))?;
    let bytes = output.size();
    let target = output.commit()?;
    Ok(BuildReport {
        pages: pages.len() + search_pages.len() + static_files.len(),
        articles: loaded.site.articles.len(),
        topics: loaded.site.topics.len(),
        bytes,
        output: target,
        elapsed: started.elapsed(),
        warnings: content_warnings(&loaded.warnings, &loaded.site),
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
