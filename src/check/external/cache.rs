//! Where `check --external` keeps its results: a private folder in the user's cache
//! directory, read and replaced without ever following a symbolic link, so a link planted
//! there cannot make briefing read or overwrite another file.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The cache file's name inside briefing's cache folder.
const FILE_NAME: &str = "external-links.json";

/// `briefing/external-links.json` in the user's cache directory: `$XDG_CACHE_HOME` or
/// `~/.cache` (Linux and other Unixes), `~/Library/Caches` (macOS), `%LOCALAPPDATA%`
/// (Windows). `None` when the environment names none.
pub(super) fn default_file() -> Option<PathBuf> {
    cache_home(|name| std::env::var_os(name)).map(|home| home.join("briefing").join(FILE_NAME))
}

/// The user's cache directory, from the environment that `var` reads.
fn cache_home(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let absolute = |name: &str| var(name).map(PathBuf::from).filter(|path| path.is_absolute());
    if cfg!(windows) {
        absolute("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        absolute("HOME").map(|home| home.join("Library/Caches"))
    } else {
        // The XDG base directory rules: a relative value is ignored.
        absolute("XDG_CACHE_HOME").or_else(|| absolute("HOME").map(|home| home.join(".cache")))
    }
}

/// The cache file's bytes; `None` if it is missing, a link, or in a folder that is not
/// briefing's own.
pub(super) fn read(file: &Path) -> Option<Vec<u8>> {
    private_folder(file.parent()?, false).ok()?;
    let mut bytes = Vec::new();
    open_no_follow(file).ok()?.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Replaces the cache file with `bytes`: written to a new file beside it (created, never
/// opened if it exists), then renamed over it, which replaces a link instead of writing
/// through it.
pub(super) fn write(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = file.parent().ok_or_else(|| io::Error::other("the cache file has no folder"))?;
    private_folder(folder, true)?;
    let name = file.file_name().ok_or_else(|| io::Error::other("the cache file has no name"))?;
    let mut temporary_name = name.to_os_string();
    temporary_name.push(format!(".tmp-{}", std::process::id()));
    let temporary = folder.join(temporary_name);
    // A leftover of a killed run (or a link in its place) goes; removing a link removes only the link.
    let _ = fs::remove_file(&temporary);
    let result =
        create_new(&temporary).and_then(|mut out| out.write_all(bytes)).and_then(|()| fs::rename(&temporary, file));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Checks that `folder` is a real folder of this user's, private to them; creates it
/// (mode 0700) if `create` and it is missing. A link there is refused, never followed.
fn private_folder(folder: &Path, create: bool) -> io::Result<()> {
    match fs::symlink_metadata(folder) {
        Err(error) if error.kind() == io::ErrorKind::NotFound && create => {
            if let Some(parent) = folder.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut builder = fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(folder)
        }
        Err(error) => Err(error),
        Ok(metadata) if !metadata.is_dir() => Err(io::Error::other(format!(
            "`{}` is not a folder (a symbolic link?): the cache is not used",
            folder.display()
        ))),
        Ok(metadata) => owned_by_this_user(folder, &metadata),
    }
}

#[cfg(unix)]
fn owned_by_this_user(folder: &Path, metadata: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // SAFETY: geteuid has no preconditions and cannot fail.
    let user = unsafe { libc::geteuid() };
    if metadata.uid() != user {
        return Err(io::Error::other(format!("`{}` belongs to another user: the cache is not used", folder.display())));
    }
    if metadata.mode() & 0o077 != 0 {
        fs::set_permissions(folder, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn owned_by_this_user(_folder: &Path, _metadata: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

fn open_no_follow(file: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let opened = options.open(file)?;
    if !opened.metadata()?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    Ok(opened)
}

/// Creates `file`, failing if anything (a link included) is already there.
fn create_new(file: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| OsString::from(value))
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn the_cache_is_in_the_users_cache_directory() {
        assert_eq!(cache_home(env(&[("XDG_CACHE_HOME", "/c"), ("HOME", "/h")])), Some(PathBuf::from("/c")));
        assert_eq!(cache_home(env(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")])), Some(PathBuf::from("/h/.cache")));
        assert_eq!(cache_home(env(&[])), None);
    }

    #[test]
    fn writes_and_reads_back_in_a_private_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("briefing").join(FILE_NAME);
        write(&file, b"{}").unwrap();
        assert_eq!(read(&file).unwrap(), b"{}");
        write(&file, b"[1]").unwrap();
        assert_eq!(read(&file).unwrap(), b"[1]");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("briefing")).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path().join("briefing")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the cache file: {leftovers:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_written_through_or_read() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let folder = dir.path().join("briefing");
        fs::create_dir(&folder).unwrap();
        let file = folder.join(FILE_NAME);
        std::os::unix::fs::symlink(&victim, &file).unwrap();
        let temporary = folder.join(format!("{FILE_NAME}.tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &temporary).unwrap();
        assert_eq!(read(&file), None, "a link is not read");
        write(&file, b"{}").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!fs::symlink_metadata(&file).unwrap().file_type().is_symlink(), "the link was replaced");

        // A link in place of the folder itself: the cache is not used at all.
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let linked = dir.path().join("linked");
        std::os::unix::fs::symlink(&elsewhere, &linked).unwrap();
        assert!(write(&linked.join(FILE_NAME), b"{}").is_err());
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
    }
}
