//! `build`: the build plan, its pages written into the output directory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{BuildKind, CardCache, Output};
use crate::plan::{self, BuildError, BuildOptions, Made, Plan};
use crate::render::{Page, Renderer};
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
    write(loaded, options, started)
}

/// Renders a site already loaded into its output directory (`started`: when the build
/// began, for the report). Each stage drops what no later one reads: the files of the
/// search index once written, the articles' text once the pages that show it are.
pub fn write(mut loaded: plan::Loaded, options: &BuildOptions, started: Instant) -> Result<BuildReport, BuildError> {
    let plan = Plan::deferring_search(&loaded.site, &loaded.templates, &loaded.statics);
    let collisions = plan.collisions(&loaded.statics);
    if !collisions.is_empty() {
        return Err(BuildError::Content(collisions.sorted()));
    }
    let static_files = plan::static_list(&loaded.statics);

    let output = Output::prepare_interruptible(&options.root, &options.output_dir(), options.interruption.clone())?;
    // The search index first, on every core, its files written as soon as they are made:
    // the pages then render beside its manifest and facets only, rather than beside the
    // whole index and the working data of its making.
    let search_files = write_search_index(&plan, &loaded, &output)?;
    let kind = BuildKind { drafts: options.include_drafts, future: options.include_future };
    let cards = CardCache::of_site(&options.root, kind);
    let write_made = |made: Made| match made {
        Made::Page(page) => output.write(&page),
        Made::Card { path, card } => cards.place(&card, &path, &output),
    };
    // The pages that show articles' text, then the others without that text.
    let page_count = plan.routes.len();
    let (with_bodies, rest): (Vec<Route>, Vec<Route>) =
        plan.routes.iter().partition(|route| route.shows_article_bodies());
    let mut problems = Diagnostics::default();
    if let Err(failed) = plan.render_each(&with_bodies, write_made)? {
        problems.extend(failed.0);
    }
    let prepared = plan.renderer.prepared();
    drop(plan);
    loaded.site.drop_article_bodies();
    let renderer = Renderer::with_prepared(&loaded.site, &loaded.templates, prepared);
    let plan = Plan { renderer, routes: rest };
    if let Err(failed) = plan.render_each(&plan.routes, write_made)? {
        problems.extend(failed.0);
    }
    if !problems.is_empty() {
        return Err(BuildError::Content(problems));
    }
    static_files.par_iter().try_for_each(|(relative, absolute)| output.copy(absolute, Path::new(relative)))?;
    let bytes = output.size();
    let target = output.commit()?;
    // Only a build that asked for every card knows which kept ones are no longer needed.
    cards.finish(&target);
    Ok(BuildReport {
        pages: page_count + search_files + static_files.len(),
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

/// Makes the search index of a site that has one, writing its files as they are made:
/// the renderer keeps its manifest and facets for the search pages. The number of files
/// written.
fn write_search_index(plan: &Plan, loaded: &plan::Loaded, output: &Output) -> Result<usize, BuildError> {
    if !loaded.site.config.search {
        return Ok(0);
    }
    // Written into the staging folder as they are made; a static file that would overwrite
    // one fails the build before anything is swapped into place.
    let mut paths = Vec::new();
    let index = crate::search::write_index(&loaded.site, &mut |files| {
        paths.extend(files.iter().map(|file| file.path.clone()));
        files.into_par_iter().try_for_each(|file| output.write(&Page { path: file.path, bytes: file.bytes }))
    })?;
    let count = paths.len();
    let generated = paths.into_iter().enumerate().map(|(at, path)| (path, Route::SearchFile(at))).collect();
    let collisions = plan::static_collisions(&generated, &loaded.statics);
    if !collisions.is_empty() {
        return Err(BuildError::Content(collisions.sorted()));
    }
    plan.renderer.reuse_search(Arc::new(index));
    Ok(count)
}
