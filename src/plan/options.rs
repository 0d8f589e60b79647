//! What a build is asked to do, and why it can fail: used by every command that runs the
//! plan (`build`, `check`, `serve`, `import`'s check of what it wrote).

use std::path::PathBuf;

use thiserror::Error;

use crate::diagnostic::Diagnostics;
use crate::output::{Interruption, OutputError};

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
