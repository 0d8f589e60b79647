//! Watching the site's files: notify's events, debounced into batches of changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::change::{Change, classify};

/// A batch closes once no event came for this long...
const QUIET: Duration = Duration::from_millis(20);
/// ...or for this long once every file written in it was closed (the writer is done)...
const QUIET_AFTER_CLOSE: Duration = Duration::from_millis(2);
/// ...and at the latest this long after its first event.
const MAX_WAIT: Duration = Duration::from_millis(50);

/// The directories watched recursively; the root itself is watched for `site.yaml`
/// and for these being created.
const WATCHED_DIRS: [&str; 5] = ["content", "templates", "static", crate::i18n::FOLDER, crate::source::DATA_FOLDER];

/// Changes seen together, and the paths that made them (for the terminal).
#[derive(Debug, Default)]
pub(super) struct Batch {
    pub changes: BTreeSet<Change>,
    pub paths: BTreeSet<PathBuf>,
}

pub(super) struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

impl Watch {
    /// Starts watching `root` (an absolute, canonical path).
    pub(super) fn start(root: &Path) -> notify::Result<Watch> {
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch { root: root.to_path_buf(), watcher, events };
        for dir in WATCHED_DIRS {
            watch.watch_dir(&root.join(dir));
        }
        Ok(watch)
    }

    fn watch_dir(&mut self, dir: &Path) {
        if dir.is_dir() {
            // A directory that vanishes at once is reported by the events about it.
            let _ = self.watcher.watch(dir, RecursiveMode::Recursive);
        }
    }

    /// Waits for the next batch of changes; `None` once the watcher has stopped.
    pub(super) fn next_batch(&mut self) -> Option<Batch> {
        loop {
            let first = self.events.recv().ok()?;
            let started = Instant::now();
            let mut batch = Batch::default();
            let mut writing: BTreeSet<PathBuf> = BTreeSet::new();
            self.add(first, &mut batch, &mut writing);
            loop {
                let quiet = if writing.is_empty() && !batch.changes.is_empty() { QUIET_AFTER_CLOSE } else { QUIET };
                let wait = quiet.min(MAX_WAIT.saturating_sub(started.elapsed()));
                match self.events.recv_timeout(wait) {
                    Ok(event) => self.add(event, &mut batch, &mut writing),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            if !batch.changes.is_empty() {
                return Some(batch);
            }
        }
    }

    fn add(&mut self, event: notify::Result<Event>, batch: &mut Batch, writing: &mut BTreeSet<PathBuf>) {
        let event = match event {
            Ok(event) => event,
            Err(_) => {
                batch.changes.insert(Change::Rescan);
                return;
            }
        };
        if event.need_rescan() {
            batch.changes.insert(Change::Rescan);
        }
        match event.kind {
            // A writer closing a file is done with it; reading and opening change nothing.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                for path in &event.paths {
                    writing.remove(path);
                }
                return;
            }
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => return,
            EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_)) => {
                writing.extend(event.paths.iter().cloned());
            }
            _ => {}
        }
        for path in &event.paths {
            let Ok(relative) = path.strip_prefix(&self.root) else { continue };
            if WATCHED_DIRS.iter().any(|dir| relative == Path::new(dir)) {
                self.watch_dir(path);
            }
            if let Some(change) = classify(relative) {
                batch.changes.insert(change);
                batch.paths.insert(relative.to_path_buf());
            }
        }
    }
}
