//! The output folder: what a build removes, what it leaves after a failure or a signal,
//! and how it names the output in errors.

use std::fs;
use std::path::Path;

use crate::common::*;

/// The marker briefing puts in its own folders.
const MARKER: &str = ".briefing-output";

/// The id of a process that has ended (and was reaped), so is surely not running.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Names in `dir` that look like staging or moved-aside folders.
fn staging_folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".tmp-") || name.contains(".old-"))
        .collect();
    names.sort();
    names
}

#[test]
fn stale_staging_folders_are_removed_only_with_the_marker_and_a_dead_process() {
    let site = site_copy("sites/minimal");
    let dead = dead_pid();
    let also_dead = dead_pid();
    let alive = std::process::id();
    let folder = |name: String, marker: Option<String>| {
        let path = site.path().join(name);
        fs::create_dir(&path).unwrap();
        fs::write(path.join("page.html"), "left behind").unwrap();
        if let Some(marker) = marker {
            fs::write(path.join(MARKER), marker).unwrap();
        }
    };
    let in_progress = |pid: u32| Some(format!("briefing build in progress, process {pid}\n"));
    // Killed builds: a staging folder, and a previous output moved aside.
    folder(format!(".public.tmp-{dead}"), in_progress(dead));
    folder(format!(".public.old-{dead}"), Some(String::new()));
    // A build still running, and a user's folders that only look like staging folders.
    folder(format!(".public.tmp-{alive}"), in_progress(alive));
    folder(format!(".public.tmp-{also_dead}"), None);
    folder(format!(".public.old-{dead}0"), None);
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut kept =
        vec![format!(".public.old-{dead}0"), format!(".public.tmp-{also_dead}"), format!(".public.tmp-{alive}")];
    kept.sort();
    assert_eq!(staging_folders(site.path()), kept);
    for name in &kept {
        assert_eq!(read(site.path().join(name).join("page.html")), "left behind", "{name} untouched");
    }
}

#[test]
fn a_failed_build_into_a_new_nested_path_leaves_nothing_behind() {
    let site = site_copy("sites/minimal");
    // A template error shows only while rendering, after the output folder was prepared.
    copy_tree(&fixture("errors/template-undefined-variable"), site.path());
    let elsewhere = tempfile::tempdir().unwrap();
    for target in [site.path().join("new/a/b/out"), elsewhere.path().join("new/a/b/out")] {
        let before = tree(site.path());
        let output = build(site.path(), &["--output", &target.display().to_string()]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(stderr(&output).contains("templates/index.html"), "{}", stderr(&output));
        assert_eq!(before, tree(site.path()), "files changed");
        assert!(!site.path().join("new").exists(), "{} was left", site.path().join("new").display());
        assert!(!elsewhere.path().join("new").exists(), "{} was left", elsewhere.path().join("new").display());
    }
}

#[test]
fn an_output_that_is_a_file_or_lies_under_one_is_named_as_a_file() {
    let site = site_copy("sites/minimal");
    fs::write(site.path().join("notes"), "mine").unwrap();
    for (output, reason) in [("notes", "it is a file, not a folder"), ("notes/out", "it is under `")] {
        let output = site.path().join(output).display().to_string();
        let built = build(site.path(), &["--output", &output]);
        assert_eq!(built.status.code(), Some(1), "{}", stderr(&built));
        let message = stderr(&built);
        assert!(message.contains(reason) && message.contains("choose another --output"), "{message}");
        assert!(!message.contains(MARKER) && !message.contains("os error"), "{message}");
    }
    assert_eq!(fs::read_to_string(site.path().join("notes")).unwrap(), "mine");
}

#[test]
fn a_system_error_names_the_output_path_once_with_a_summary() {
    let site = site_copy("sites/minimal");
    assert!(build(site.path(), &[]).status.success());
    // A name longer than any file system allows: the system refuses to create the folder.
    let slug = "a".repeat(300);
    fs::write(
        site.path().join("content/articles/long.md"),
        format!("---\ntitle: Long\ndate: 2025-01-02\ntopics: [chips]\nslug: {slug}\n---\nText.\n"),
    )
    .unwrap();
    let before = tree(site.path());
    let output = build(site.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(before, tree(site.path()), "files changed");
    let message = stderr(&output).replace(&site.path().display().to_string(), "[SITE]");
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 2, "{message}");
    assert!(lines[0].starts_with(&format!("error: cannot create `[SITE]/public/articles/{slug}`: ")), "{message}");
    assert!(!message.contains(".tmp-"), "the staging folder is never named: {message}");
    assert_eq!(lines[1], "the build stopped; nothing was written and the previous output is unchanged");
}

/// Whether process `pid` catches signal `signal` (a handler is installed), as the
/// `SigCgt` mask of /proc/<pid>/status says.
#[cfg(target_os = "linux")]
fn catches(pid: u32, signal: u32) -> bool {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let mask = status.lines().find_map(|line| line.strip_prefix("SigCgt:")).map(str::trim).unwrap_or("0");
    u64::from_str_radix(mask, 16).is_ok_and(|mask| mask & (1 << (signal - 1)) != 0)
}

/// The build is held at the lock that makes builds into the site root take turns, so it
/// cannot finish before the signal arrives, however slow or fast the machine: the signal
/// is sent once the build catches it, and the lock is let go after.
#[cfg(target_os = "linux")]
#[test]
fn sigterm_during_a_build_removes_the_staging_folder() {
    let site = site_copy("sites/minimal");
    assert!(build(site.path(), &[]).status.success());
    let before = tree(&site.path().join("public"));
    let lock = fs::File::open(site.path()).unwrap();
    lock.lock().unwrap();
    let mut child = std::process::Command::new(binary())
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let waiting_since = std::time::Instant::now();
    while !catches(child.id(), 15) {
        assert!(child.try_wait().unwrap().is_none(), "the build ended before it caught SIGTERM");
        assert!(waiting_since.elapsed() < std::time::Duration::from_secs(60), "the build never caught SIGTERM");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let killed = std::process::Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().unwrap();
    assert!(killed.success());
    drop(lock);
    let output = child.wait_with_output().unwrap();
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(128 + 15), "{message}");
    // Said only by an output being written: the build got past the lock and made its
    // staging folder before it stopped.
    assert!(message.contains("interrupted by signal 15: the unfinished output was removed"), "{message}");
    assert_eq!(staging_folders(site.path()), Vec::<String>::new());
    assert_eq!(before, tree(&site.path().join("public")), "the previous output is unchanged");
}
