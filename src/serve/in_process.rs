//! The dev server's site driven in process, without a watcher or HTTP: changed files in,
//! files out, as the rebuilding thread and the HTTP handler drive it. The tests that
//! prove serve equal to build (`tests/serve_equivalence/`) and the benchmarks use it;
//! `briefing serve` does not.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::plan::BuildOptions;

use super::change::classify;
use super::engine::{Engine, Outcome};
use super::live::{Fetched, Live};

/// A site served in process.
pub struct InProcess {
    live: Live,
}

/// What a file asked for is answered with.
#[derive(Debug)]
pub enum Served {
    Found(Vec<u8>),
    /// The page failed to render: why.
    Broken(String),
    /// No rebuild succeeded yet.
    Pending,
    Missing,
}

impl InProcess {
    /// Reads and builds the site of `options`; the problems of that first build if it fails.
    pub fn load(options: BuildOptions) -> Result<InProcess, Diagnostics> {
        let (engine, outcome) = Engine::load(options)?;
        if let Outcome::Failed(problems) = &outcome {
            return Err(problems.clone());
        }
        Ok(InProcess { live: Live::new(engine, outcome) })
    }

    /// Applies the changes of the files at `touched` (relative to the site root), as the
    /// rebuilding thread does after a batch of file events; the problems when it fails, and
    /// the last good site stays served.
    pub fn apply(&self, touched: &[impl AsRef<Path>]) -> Result<(), Diagnostics> {
        let changes = touched.iter().filter_map(|path| classify(path.as_ref())).collect();
        let mut engine = self.live.engine();
        let outcome = engine.apply(&changes);
        let applied = match &outcome {
            Outcome::Updated(_) => Ok(()),
            Outcome::Failed(problems) => Err(problems.clone()),
        };
        self.live.publish(outcome);
        applied
    }

    /// Every path of the served site: its pages, its static files and the files of its
    /// search index.
    pub fn paths(&self) -> Vec<String> {
        self.live.engine().paths()
    }

    /// The file at `path` (under the site root), rendered if it was not since the last
    /// change, without what the server adds to HTML (the reload script, the overlay).
    pub fn get(&self, path: &str) -> Served {
        match self.live.get(path) {
            Fetched::Found(bytes) => Served::Found(bytes.to_vec()),
            Fetched::Broken(_, problem) => Served::Broken(problem.to_string()),
            Fetched::Pending => Served::Pending,
            Fetched::Missing => Served::Missing,
        }
    }

    /// The pages rendered so far, by path, with the fingerprint of what each was rendered
    /// from: a page rendered again after a change has another.
    pub fn rendered(&self) -> BTreeMap<String, u64> {
        let published = self.live.published.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        published.pages.iter().map(|(path, page)| (path.clone(), page.fingerprint)).collect()
    }
}
