//! `build`: the build plan, its pages written into the output directory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{CardCache, Output};
use crate::plan::{self, BuildError, BuildOptions, Plan};
use crate::route::Route;

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
    /// Drafts left out (without `--drafts`), by path.
    pub drafts_left_out: Vec<PathBuf>,
    /// Articles dated in the future left out (without `--future`): paths and dates.
    pub scheduled_left_out: Vec<(PathBuf, chrono::DateTime<chrono::FixedOffset>)>,
}

/// Builds the site into its output directory.
pub(crate) fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let loaded = plan::load(options).map_err(BuildError::Content)?;
    if let Some(problem) = plan::empty_site(&loaded.site, options) {
        return Err(BuildError::Content(Diagnostics::from(vec![problem])));
    }
    write(&loaded, options, started)
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
    let cards = CardCache::of_site(&options.root);
    // The search index is made while the other pages render, and its pages after it.
    let (pages, search_pages): (Vec<Route>, Vec<Route>) = plan.routes.iter().partition(|route| !route.is_search());
    let (search_files, rendered) = rayon::join(
        || plan.renderer.search_files(),
        || plan.render_each(&pages, Some(&cards), |page| output.write(&page)),
    );
    rendered?.map_err(BuildError::Content)?;
    let generated = search_files.iter().map(|&route| (plan.renderer.output_file(route), route)).collect();
    let collisions = plan::static_collisions(&generated, &loaded.statics);
    if !collisions.is_empty() {
        return Err(BuildError::Content(collisions.sorted()));
    }
    let search_pages: Vec<Route> = search_pages.into_iter().chain(search_files).collect();
    plan.render_each(&search_pages, None, |page| output.write(&page))?.map_err(BuildError::Content)?;
    static_files.par_iter().try_for_each(|(relative, absolute)| output.copy(absolute, Path::new(relative)))?;
    let bytes = output.size();
    let target = output.commit()?;
    cards.keep_drawn(&target);
    // Only a build that asked for every card knows which kept ones are no longer needed;
    // a cache it cannot tidy costs disk space, not correctness.
    let _ = cards.prune();
    Ok(BuildReport {
        pages: pages.len() + search_pages.len() + static_files.len(),
        articles: loaded.site.articles.len(),
        topics: loaded.site.topics.len(),
        bytes,
        output: target,
        elapsed: started.elapsed(),
        warnings: plan::content_warnings(&loaded.warnings, &loaded.site),
        drafts_left_out: loaded.site.drafts_left_out.clone(),
        scheduled_left_out: loaded.site.scheduled.clone(),
    })
}
