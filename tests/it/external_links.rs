//! `check --external` through the real binary: which links it asks about, and where it
//! keeps its cache. Every URL is on the loopback, on a port that refuses at once.

use std::fs;
use std::path::Path;

use crate::common::*;

/// The minimal site served from `http://127.0.0.1:9/`, with one link elsewhere.
fn site_with_an_external_link() -> tempfile::TempDir {
    let site = site_copy("sites/minimal");
    fs::write(site.path().join("site.yaml"), "title: \"Minimal\"\nbase_url: \"http://127.0.0.1:9/\"\n").unwrap();
    fs::write(
        site.path().join("content/articles/elsewhere.md"),
        "---\ntitle: Elsewhere\ndate: 2025-01-02\nsummary: \"S.\"\ntopics: [chips]\n---\nSee [the notice](http://127.0.0.2:9/notice).\n",
    )
    .unwrap();
    site
}

fn check_external(site: &Path, cache_home: &Path) -> std::process::Output {
    briefing()
        .args(["check", "--external", "--root"])
        .arg(site)
        .env("XDG_CACHE_HOME", cache_home)
        .env("HOME", cache_home)
        .output()
        .unwrap()
}

#[test]
fn the_sites_own_urls_are_not_external_links() {
    let site = site_with_an_external_link();
    let cache = tempfile::tempdir().unwrap();
    let output = check_external(site.path(), cache.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    assert!(warnings.contains("external link `http://127.0.0.2:9/notice` unreachable"), "{warnings}");
    assert!(!warnings.contains("127.0.0.1:9"), "the site's own canonical URLs are internal:\n{warnings}");
    assert!(stdout(&output).contains(", 1 external link:"), "{}", stdout(&output));
}

#[cfg(unix)]
#[test]
fn the_cache_is_private_and_never_written_through_a_planted_link() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let site = site_with_an_external_link();
    let cache = tempfile::tempdir().unwrap();
    let victim = cache.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let folder = cache.path().join("briefing");
    fs::create_dir(&folder).unwrap();
    let file = folder.join("external-links.json");
    symlink(&victim, &file).unwrap();
    let output = check_external(site.path(), cache.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(read(&victim), "precious", "nothing written through the link");
    assert!(!fs::symlink_metadata(&file).unwrap().file_type().is_symlink(), "the link was replaced by the cache");
    assert!(read(&file).contains("http://127.0.0.2:9/notice"));
    assert_eq!(fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
    assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);

    // The cache folder itself a link: the cache is not used, nothing is written there.
    let planted = tempfile::tempdir().unwrap();
    fs::remove_dir_all(&folder).unwrap();
    symlink(planted.path(), &folder).unwrap();
    let output = check_external(site.path(), cache.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(fs::read_dir(planted.path()).unwrap().count(), 0);
}
