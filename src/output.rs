//! The only writes of a build: pages go to a temporary sibling directory, which is
//! swapped into place only once the whole build has succeeded.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use thiserror::Error;

use crate::render::Page;

/// The file that marks a directory as made by briefing; only such a directory is ever replaced.
pub const MARKER: &str = ".briefing-output";

#[derive(Debug, Error)]
pub enum OutputError {
    #[error("refusing to write the output to `{output}`: it is {reason}; choose another --output")]
    Unsafe { output: PathBuf, reason: String },
    #[error(
        "refusing to replace `{0}`: it exists and was not made by briefing (it has no {MARKER} file); move it away or choose another --output"
    )]
    NotOurs(PathBuf),
    #[error("cannot {action} `{path}`: {source}")]
    Io { action: &'static str, path: PathBuf, source: io::Error },
}

fn io_error<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(io::Error) -> OutputError + 'p {
    move |source| OutputError::Io { action, path: path.to_path_buf(), source }
}

/// An output being written. Dropped without `commit`, it removes its temporary directory
/// and leaves the previous output as it was.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    // Held for the whole build: two builds of the same output take turns.
    _lock: File,
    committed: bool,
    /// Bytes written so far: counted as they go, not by walking the tree afterwards.
    written: AtomicU64,
}

impl Output {
    /// Checks that `target` may be (re)written for the site at `root`, takes the output
    /// lock, and creates the temporary directory.
    pub fn prepare(root: &Path, target: &Path) -> Result<Output, OutputError> {
        let root = absolute(root);
        let target = absolute(target);
        check_target(&root, &target)?;
        if target.exists() && !is_replaceable(&target) {
            return Err(OutputError::NotOurs(target));
        }
        let parent = target.parent().ok_or_else(|| OutputError::Unsafe {
            output: target.clone(),
            reason: "the root of the file system".to_owned(),
        })?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        fs::create_dir_all(parent).map_err(io_error("create", parent))?;
        let lock = lock_folder(parent, &name)?;
        let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(io_error("remove the stale", &staging))?;
        }
        fs::create_dir(&staging).map_err(io_error("create", &staging))?;
        File::create(staging.join(MARKER)).map_err(io_error("write in", &staging))?;
        Ok(Output { target, staging, _lock: lock, committed: false, written: AtomicU64::new(0) })
    }

    /// Writes one page under the temporary directory.
    pub fn write(&self, page: &Page) -> Result<(), OutputError> {
        let path = self.staging.join(&page.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error("create", parent))?;
        }
        fs::write(&path, &page.bytes).map_err(io_error("write", &path))?;
        self.written.fetch_add(page.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Copies a static file to `relative` under the temporary directory.
    pub fn copy(&self, from: &Path, relative: &Path) -> Result<(), OutputError> {
        let path = self.staging.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error("create", parent))?;
        }
        let bytes = fs::copy(from, &path).map_err(io_error("copy", from))?;
        self.written.fetch_add(bytes, Ordering::Relaxed);
        Ok(())
    }

    /// Total size in bytes of what was written.
    pub fn size(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    /// Swaps the new output into place, then removes the previous one.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        let previous = self.staging.with_file_name(format!(
            ".{}.old-{}",
            self.target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        let had_previous = self.target.exists();
        if had_previous {
            fs::rename(&self.target, &previous).map_err(io_error("move aside", &self.target))?;
        }
        if let Err(error) = fs::rename(&self.staging, &self.target) {
            if had_previous {
                // Put the previous output back: a failed build never loses it.
                let _ = fs::rename(&previous, &self.target);
            }
            return Err(io_error("move into place", &self.target)(error));
        }
        self.committed = true;
        if had_previous {
            fs::remove_dir_all(&previous).map_err(io_error("remove the previous output", &previous))?;
        }
        Ok(self.target.clone())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Takes the lock that makes builds into `parent` take turns: the folder itself is locked,
/// so nothing is written beside the output.
#[cfg(unix)]
fn lock_folder(parent: &Path, _name: &str) -> Result<File, OutputError> {
    let lock = File::open(parent).map_err(io_error("open", parent))?;
    lock.lock().map_err(io_error("lock", parent))?;
    Ok(lock)
}

/// Takes the lock that makes builds of one output take turns: a `.<name>.lock` file beside it,
/// since folders cannot be opened for locking here.
#[cfg(not(unix))]
fn lock_folder(parent: &Path, name: &str) -> Result<File, OutputError> {
    let path = parent.join(format!(".{name}.lock"));
    let lock =
        File::options().create(true).truncate(false).write(true).open(&path).map_err(io_error("create", &path))?;
    lock.lock().map_err(io_error("lock", &path))?;
    Ok(lock)
}

/// An existing output may be replaced only if briefing made it, or it is an empty directory.
fn is_replaceable(target: &Path) -> bool {
    target.is_dir()
        && (target.join(MARKER).is_file() || fs::read_dir(target).is_ok_and(|mut entries| entries.next().is_none()))
}

/// The output must not be, contain, or sit inside the site's sources.
fn check_target(root: &Path, target: &Path) -> Result<(), OutputError> {
    let unsafe_because = |reason: String| Err(OutputError::Unsafe { output: target.to_path_buf(), reason });
    if root.starts_with(target) {
        return unsafe_because("the site root or one of its parents".to_owned());
    }
    for source in ["content", "templates", "static"] {
        if target.starts_with(root.join(source)) {
            return unsafe_because(format!("inside the site's `{source}/` directory"));
        }
    }
    Ok(())
}

/// `path` made absolute and normalised without touching the disk (`a/../b` -> `b`).
pub fn absolute(path: &Path) -> PathBuf {
    let path =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    crate::content::normalise(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_sources_and_the_root() {
        let root = Path::new("/site");
        assert!(check_target(root, Path::new("/site/public")).is_ok());
        assert!(check_target(root, Path::new("/elsewhere/out")).is_ok());
        assert!(check_target(root, Path::new("/site")).is_err());
        assert!(check_target(root, Path::new("/")).is_err());
        assert!(check_target(root, Path::new("/site/content/out")).is_err());
        assert!(check_target(root, Path::new("/site/static")).is_err());
    }

    #[test]
    fn absolute_normalises_dots() {
        assert_eq!(absolute(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
    }

    #[test]
    fn failed_build_leaves_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let output = Output::prepare(dir.path(), &target).unwrap();
        output.write(&Page { path: "index.html".into(), bytes: b"one".to_vec() }).unwrap();
        output.write(&Page { path: "a/b.html".into(), bytes: b"three".to_vec() }).unwrap();
        assert_eq!(output.size(), 8);
        output.commit().unwrap();
        let output = Output::prepare(dir.path(), &target).unwrap();
        output.write(&Page { path: "index.html".into(), bytes: b"two".to_vec() }).unwrap();
        drop(output);
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"one");
        let leftovers: Vec<_> =
            fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        assert_eq!(leftovers, ["public"], "nothing but the output is left beside it");
    }

    #[test]
    fn refuses_a_directory_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("docs");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("notes.txt"), "mine").unwrap();
        assert!(matches!(Output::prepare(dir.path(), &target), Err(OutputError::NotOurs(_))));
        assert_eq!(fs::read_to_string(target.join("notes.txt")).unwrap(), "mine");
    }
}
