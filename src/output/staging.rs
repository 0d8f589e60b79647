//! Staging folders and the folders made for a new output path: what a build creates
//! beside its output, and how it recognises (by briefing's marker) what it may remove.

use std::fs;
#[cfg(unix)]
use std::io;
use std::path::{Path, PathBuf};

use super::{MARKER, OutputError, io_error};

/// The folders created for an output path that did not exist (`-o new/a/b/out`), outermost
/// first; removed again, if still empty, unless the output was committed.
#[derive(Debug, Default)]
pub(super) struct CreatedFolders(Vec<PathBuf>);

impl CreatedFolders {
    pub(super) fn create(folder: &Path) -> Result<CreatedFolders, OutputError> {
        let mut missing: Vec<&Path> = folder.ancestors().take_while(|f| fs::symlink_metadata(f).is_err()).collect();
        missing.reverse();
        let mut created = CreatedFolders::default();
        for folder in missing {
            // On failure, `created` drops and removes what was made so far.
            fs::create_dir(folder).map_err(io_error("create", folder))?;
            created.0.push(folder.to_path_buf());
        }
        Ok(created)
    }

    pub(super) fn keep(&mut self) {
        self.0.clear();
    }
}

impl Drop for CreatedFolders {
    fn drop(&mut self) {
        for folder in self.0.iter().rev() {
            // Only an empty folder goes: anything another process put there stays.
            let _ = fs::remove_dir(folder);
        }
    }
}

/// `.public.tmp-123` beside `public`: a staging (`tmp`) or a moved-aside (`old`) folder.
pub(super) fn sibling(real: &Path, kind: &str, pid: u32) -> PathBuf {
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    real.with_file_name(format!(".{name}.{kind}-{pid}"))
}

/// The process id in a staging-looking name of the output `name`: `.public.tmp-123` -> 123.
fn staging_pid(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest.strip_prefix(".tmp-").or_else(|| rest.strip_prefix(".old-"))?;
    pid.parse().ok()
}

/// The process that made `folder`, if briefing made it: the id its marker records, or
/// the one in its name for a finished output moved aside. `None` without a marker.
fn marked_pid(folder: &Path, pid_in_name: u32) -> Option<u32> {
    let marker = folder.join(MARKER);
    if !fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let text = fs::read_to_string(&marker).unwrap_or_default();
    Some(text.split_whitespace().last().and_then(|word| word.parse().ok()).unwrap_or(pid_in_name))
}

/// Removes the staging and moved-aside folders of `name` left by builds that were killed:
/// only those with briefing's marker, and only when their process is gone.
pub(super) fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.filter_map(Result::ok) {
        let Some(pid) = entry.file_name().to_str().and_then(|file_name| staging_pid(file_name, name)) else {
            continue;
        };
        // `DirEntry::file_type` does not follow links: a link is never taken for a folder.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        if marked_pid(&path, pid).is_some_and(|pid| !process_is_alive(pid)) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Makes room for a staging or moved-aside folder: removes one briefing made, refuses to
/// touch anything else.
pub(super) fn remove_if_ours(path: &Path) -> Result<(), OutputError> {
    let Ok(metadata) = fs::symlink_metadata(path) else { return Ok(()) };
    if metadata.is_dir() && marked_pid(path, 0).is_some() {
        fs::remove_dir_all(path).map_err(io_error("remove the stale", path))
    } else {
        Err(OutputError::InTheWay(path.to_path_buf()))
    }
}

#[cfg(unix)]
fn process_is_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return true };
    if pid <= 0 {
        return true;
    }
    // SAFETY: signal 0 sends nothing; it only asks whether the process exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Without a cheap way to ask, every process counts as alive: nothing is removed.
#[cfg(not(unix))]
fn process_is_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names_carry_the_process_id() {
        assert_eq!(staging_pid(".public.tmp-123", "public"), Some(123));
        assert_eq!(staging_pid(".public.old-7", "public"), Some(7));
        assert_eq!(staging_pid(".public.tmp-x", "public"), None);
        assert_eq!(staging_pid(".docs.tmp-1", "public"), None);
        assert_eq!(staging_pid("public.tmp-1", "public"), None);
        assert_eq!(sibling(Path::new("/s/public"), "tmp", 9), PathBuf::from("/s/.public.tmp-9"));
    }

    #[test]
    fn the_marker_records_the_process() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(marked_pid(dir.path(), 5), None, "no marker: not briefing's");
        fs::write(dir.path().join(MARKER), "briefing build in progress, process 42\n").unwrap();
        assert_eq!(marked_pid(dir.path(), 5), Some(42));
        fs::write(dir.path().join(MARKER), "").unwrap();
        assert_eq!(marked_pid(dir.path(), 5), Some(5), "a finished output moved aside: the id in its name");
    }

    #[cfg(unix)]
    #[test]
    fn this_process_is_alive() {
        assert!(process_is_alive(std::process::id()));
    }
}
