//! `build`: the build plan, its pages written into the output directory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use thiserror::Error;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{Interruption, Output, OutputError};
use crate::plan::{self, Plan};
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
    write(&loaded, options, started)
}

/// Renders a site already loaded into its output directory (`started`: when the build
/// began, for the report).
pub fn write(loaded: &plan::Loaded, options: &BuildOptions, started: Instant) -> Result<BuildReport, BuildError> {
    let plan = Plan::new(&loaded.site, &loaded.templates, &loaded.statics);
    let collisions = plan.collisions(&loaded.statics);
    if !collisions.is_empty() {
        return Err(BuildError::Content(collisions.sorted()));
    }
    let static_files = plan::static_list(&loaded.statics);

    let output = Output::prepare(&options.root, &options.output_dir())?.interrupted_by(options.interruption.clone());
    plan.render_each(&plan.routes, |page| output.write(&page))?.map_err(BuildError::Content)?;
    static_files.par_iter().try_for_each(|(relative, absolute)| output.copy(absolute, Path::new(relative)))?;
    let bytes = output.size();
    let target = output.commit()?;
    Ok(BuildReport {
        pages: plan.routes.len() + static_files.len(),
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
