//! The only writes of a build: pages go to a temporary sibling directory (the staging
//! folder), which is swapped into place only once the whole build has succeeded; share
//! cards are also kept in the site's cache (`card_cache`).

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use thiserror::Error;

use crate::render::Page;

mod card_cache;
mod staging;

pub use card_cache::{BuildKind, CARD_CACHE_DIR, CardCache};

use staging::{CreatedFolders, remove_if_ours, remove_stale, sibling};

/// The file that marks a directory as made by briefing; only such a directory is ever
/// replaced or removed. In a staging folder it holds the building process's id.
pub const MARKER: &str = ".briefing-output";

/// Set by a signal handler to the signal's number: the build stops at the next page and
/// removes its staging folder.
pub type Interruption = Arc<AtomicUsize>;

#[derive(Debug, Error)]
pub enum OutputError {
    #[error("refusing to write the output to `{output}`: it is {reason}; choose another --output")]
    Unsafe { output: PathBuf, reason: String },
    #[error(
        "refusing to replace `{0}`: it exists and was not made by briefing (it has no {MARKER} file); move it away or choose another --output"
    )]
    NotOurs(PathBuf),
    #[error(
        "`{0}` is in the way: briefing needs that name for an unfinished output, but did not make this folder (it has no {MARKER} file); move it away"
    )]
    InTheWay(PathBuf),
    #[error(
        "the output `{output}` is a symbolic link to `{target}`, which does not exist; create that folder or remove the link"
    )]
    BrokenLink { output: PathBuf, target: PathBuf },
    #[error("interrupted by signal {0}: the unfinished output was removed")]
    Interrupted(usize),
    #[error("cannot {action} `{path}`: {source}")]
    Io { action: &'static str, path: PathBuf, source: io::Error },
}

impl OutputError {
    /// The line that follows the error: what became of the output.
    pub fn summary(&self) -> &'static str {
        match self {
            OutputError::Io { action: "remove the previous output", .. } => {
                "the new output is in place; the previous one could not be removed"
            }
            _ => "the build stopped; nothing was written and the previous output is unchanged",
        }
    }
}

/// Why `real` cannot be a folder because a file stands where it or one of its parents
/// would be, in words that finish "it is …".
fn file_in_the_way(real: &Path) -> Option<String> {
    let existing = real.ancestors().find(|path| path.exists())?;
    if existing.is_dir() {
        return None;
    }
    if existing == real {
        Some("a file, not a folder".to_owned())
    } else {
        Some(format!("under `{}`, which is a file, not a folder", existing.display()))
    }
}

fn io_error<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(io::Error) -> OutputError + 'p {
    move |source| OutputError::Io { action, path: path.to_path_buf(), source }
}

/// An output being written. Dropped without `commit`, it removes its staging folder and
/// the folders it created for a new output path, and leaves the previous output as it was.
#[derive(Debug)]
pub struct Output {
    /// The output as the user named it: errors name it, and a link there stays a link.
    target: PathBuf,
    /// Where the output really is: `target`, or the folder it is a symbolic link to.
    real: PathBuf,
    staging: PathBuf,
    created: CreatedFolders,
    interruption: Interruption,
    // Held for the whole build: two builds of the same output take turns.
    _lock: File,
    committed: bool,
    /// Bytes written so far: counted as they go, not by walking the tree afterwards.
    written: AtomicU64,
}

impl Output {
    /// Checks that `target` may be (re)written for the site at `root`, takes the output
    /// lock, removes stale staging folders, and creates a new one.
    pub fn prepare(root: &Path, target: &Path) -> Result<Output, OutputError> {
        Output::prepare_interruptible(root, target, Interruption::default())
    }

    /// `prepare`, stopped by `interruption` also while it waits for another build of the
    /// same folder; the output then stops at its next write (`interrupted_by`).
    pub fn prepare_interruptible(
        root: &Path,
        target: &Path,
        interruption: Interruption,
    ) -> Result<Output, OutputError> {
        let target = absolute(target);
        let real = resolved(&target)?;
        let real_root = fs::canonicalize(root).unwrap_or_else(|_| absolute(root));
        check_target(&real_root, &real).map_err(|reason| OutputError::Unsafe { output: target.clone(), reason })?;
        if let Some(reason) = file_in_the_way(&real) {
            return Err(OutputError::Unsafe { output: target, reason });
        }
        if real.exists() && !is_replaceable(&real) {
            return Err(OutputError::NotOurs(target));
        }
        let parent = real.parent().ok_or_else(|| OutputError::Unsafe {
            output: target.clone(),
            reason: "the root of the file system".to_owned(),
        })?;
        let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let created = CreatedFolders::create(parent)?;
        let lock = wait_for_lock(parent, &name, &interruption)?;
        remove_stale(parent, &name);
        let staging = sibling(&real, "tmp", std::process::id());
        remove_if_ours(&staging)?;
        fs::create_dir(&staging).map_err(io_error("create the output", &target))?;
        let marker = staging.join(MARKER);
        let output = Output {
            target,
            real,
            staging,
            created,
            interruption,
            _lock: lock,
            committed: false,
            written: AtomicU64::new(0),
        };
        // On failure `output` drops, and takes the staging folder with it.
        fs::write(&marker, format!("briefing build in progress, process {}\n", std::process::id()))
            .map_err(io_error("create the output", &output.target))?;
        Ok(output)
    }

    /// Stops the build with [`OutputError::Interrupted`] at the next write once `interruption`
    /// is set (by a SIGINT or SIGTERM handler).
    pub fn interrupted_by(mut self, interruption: Interruption) -> Output {
        self.interruption = interruption;
        self
    }

    fn check_interruption(&self) -> Result<(), OutputError> {
        match self.interruption.load(Ordering::Relaxed) {
            0 => Ok(()),
            signal => Err(OutputError::Interrupted(signal)),
        }
    }

    /// Writes one page under the staging folder.
    pub fn write(&self, page: &Page) -> Result<(), OutputError> {
        self.check_interruption()?;
        let path = self.staging.join(&page.path);
        // Errors name the file as it will be in the output, never the staging folder.
        let shown = self.target.join(&page.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error("create", shown.parent().unwrap_or(&shown)))?;
        }
        fs::write(&path, &page.bytes).map_err(io_error("write", &shown))?;
        self.written.fetch_add(page.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Copies a static file to `relative` under the staging folder.
    pub fn copy(&self, from: &Path, relative: &Path) -> Result<(), OutputError> {
        self.check_interruption()?;
        let path = self.staging.join(relative);
        let shown = self.target.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error("create", shown.parent().unwrap_or(&shown)))?;
        }
        let bytes = fs::copy(from, &path).map_err(io_error("copy a file to", &shown))?;
        self.written.fetch_add(bytes, Ordering::Relaxed);
        Ok(())
    }

    /// Puts the file `from` (`size` bytes; a kept share card) at `relative` under the staging
    /// folder as a hard link, which costs no copy and no space; a copy where a link cannot
    /// be made (another file system). Safe because no build edits an output file in place:
    /// every build writes a new staging folder, and the previous output is removed whole.
    pub(crate) fn link(&self, from: &Path, size: u64, relative: &str) -> Result<(), OutputError> {
        self.check_interruption()?;
        let path = self.staging.join(relative);
        let shown = self.target.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error("create", shown.parent().unwrap_or(&shown)))?;
        }
        if fs::hard_link(from, &path).is_err() {
            fs::copy(from, &path).map_err(io_error("copy a file to", &shown))?;
        }
        self.written.fetch_add(size, Ordering::Relaxed);
        Ok(())
    }

    /// Total size in bytes of what was written.
    pub fn size(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    /// Swaps the new output into place, then removes the previous one. Returns the output
    /// as the user named it.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        self.check_interruption()?;
        // A finished output's marker says nothing of the process that made it.
        let marker = self.staging.join(MARKER);
        fs::write(&marker, "").map_err(io_error("write", &self.target.join(MARKER)))?;
        let previous = sibling(&self.real, "old", std::process::id());
        remove_if_ours(&previous)?;
        let had_previous = self.real.exists();
        if had_previous {
            fs::rename(&self.real, &previous).map_err(io_error("move aside", &self.target))?;
        }
        if let Err(error) = fs::rename(&self.staging, &self.real) {
            if had_previous {
                // Put the previous output back: a failed build never loses it.
                let _ = fs::rename(&previous, &self.real);
            }
            return Err(io_error("move into place", &self.target)(error));
        }
        self.committed = true;
        self.created.keep();
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
        // `created` drops after this, removing the folders made for a new output path.
    }
}

/// Takes the output lock (`lock_file`), waiting while another build holds it: said once on
/// stderr, so a build that seems stuck says why, and stopped by `interruption`, which a
/// blocking wait would not see.
fn wait_for_lock(parent: &Path, name: &str, interruption: &Interruption) -> Result<File, OutputError> {
    let (lock, path) = lock_file(parent, name)?;
    let mut said = false;
    loop {
        match lock.try_lock() {
            Ok(()) => return Ok(lock),
            Err(fs::TryLockError::WouldBlock) => {}
            Err(fs::TryLockError::Error(error)) => return Err(io_error("lock", &path)(error)),
        }
        match interruption.load(Ordering::Relaxed) {
            0 => {}
            signal => return Err(OutputError::Interrupted(signal)),
        }
        if !said {
            eprintln!("note: waiting for another build into `{}` to finish", parent.display());
            said = true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// What builds into `parent` lock to take turns, and its path: the folder itself, so that
/// nothing is written beside the output.
#[cfg(unix)]
fn lock_file(parent: &Path, _name: &str) -> Result<(File, PathBuf), OutputError> {
    let lock = File::open(parent).map_err(io_error("open", parent))?;
    Ok((lock, parent.to_path_buf()))
}

/// What builds of one output lock to take turns: a `.<name>.lock` file beside it, since
/// folders cannot be opened for locking here.
#[cfg(not(unix))]
fn lock_file(parent: &Path, name: &str) -> Result<(File, PathBuf), OutputError> {
    let path = parent.join(format!(".{name}.lock"));
    let lock =
        File::options().create(true).truncate(false).write(true).open(&path).map_err(io_error("create", &path))?;
    Ok((lock, path))
}

/// An existing output may be replaced only if briefing made it, or it is an empty directory.
fn is_replaceable(target: &Path) -> bool {
    target.is_dir()
        && (target.join(MARKER).is_file() || fs::read_dir(target).is_ok_and(|mut entries| entries.next().is_none()))
}

/// `target` with its symbolic links resolved, in the part that exists; a link as the
/// output itself is followed (the output is built where it points), a broken one refused.
fn resolved(target: &Path) -> Result<PathBuf, OutputError> {
    if fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
        return fs::canonicalize(target).map_err(|_| OutputError::BrokenLink {
            output: target.to_path_buf(),
            target: fs::read_link(target).unwrap_or_default(),
        });
    }
    let mut rest = Vec::new();
    for existing in target.ancestors() {
        if let Ok(real) = fs::canonicalize(existing) {
            return Ok(rest.iter().rev().fold(real, |path: PathBuf, name| path.join(name)));
        }
        rest.extend(existing.file_name());
    }
    Ok(target.to_path_buf())
}

/// The output must not be, contain, or sit inside the site's sources. Both paths are
/// resolved, so a link cannot hide where either really is; `Err` holds the reason.
fn check_target(root: &Path, target: &Path) -> Result<(), String> {
    if root.starts_with(target) {
        return Err("the site root or one of its parents".to_owned());
    }
    for source in ["content", "templates", "static"] {
        let folder = fs::canonicalize(root.join(source)).unwrap_or_else(|_| root.join(source));
        if target.starts_with(&folder) || target.starts_with(root.join(source)) {
            return Err(format!("inside the site's `{source}/` directory"));
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

    #[test]
    fn a_folder_in_the_way_without_the_marker_is_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(format!(".public.tmp-{}", std::process::id()));
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("mine.txt"), "mine").unwrap();
        let prepared = Output::prepare(dir.path(), &dir.path().join("public"));
        assert!(matches!(prepared, Err(OutputError::InTheWay(_))), "{prepared:?}");
        assert_eq!(fs::read_to_string(staging.join("mine.txt")).unwrap(), "mine");
    }

    #[test]
    fn folders_made_for_a_new_output_path_go_unless_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new/a/b/out");
        drop(Output::prepare(dir.path(), &target).unwrap());
        assert!(!dir.path().join("new").exists());
        Output::prepare(dir.path(), &target).unwrap().commit().unwrap();
        assert!(target.join(MARKER).is_file());
        assert_eq!(fs::read_to_string(target.join(MARKER)).unwrap(), "", "a finished output names no process");
    }

    #[test]
    fn an_interrupted_output_stops_at_the_next_write_and_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let interruption = Interruption::default();
        let output =
            Output::prepare(dir.path(), &dir.path().join("public")).unwrap().interrupted_by(interruption.clone());
        output.write(&Page { path: "a.html".into(), bytes: b"a".to_vec() }).unwrap();
        interruption.store(15, Ordering::Relaxed);
        let stopped = output.write(&Page { path: "b.html".into(), bytes: b"b".to_vec() });
        assert!(matches!(stopped, Err(OutputError::Interrupted(15))), "{stopped:?}");
        drop(output);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left");
    }

    #[test]
    fn a_build_waiting_for_another_build_of_its_folder_can_be_interrupted() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = Output::prepare(dir.path(), &target).unwrap();
        let interruption = Interruption::default();
        let waiting = {
            let (root, target, interruption) = (dir.path().to_path_buf(), target.clone(), interruption.clone());
            std::thread::spawn(move || Output::prepare_interruptible(&root, &target, interruption).map(drop))
        };
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(!waiting.is_finished(), "the second build waits for the first");
        interruption.store(15, Ordering::Relaxed);
        let stopped = waiting.join().unwrap();
        assert!(matches!(stopped, Err(OutputError::Interrupted(15))), "{stopped:?}");
        first.commit().unwrap();
    }
}
