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
    assert!(
        warnings.contains("external link `http://127.0.0.2:9/notice` could not be reached: the connection was refused"),
        "{warnings}"
    );
    assert!(!warnings.contains("127.0.0.1:9"), "the site's own canonical URLs are internal:\n{warnings}");
    assert!(stdout(&output).contains(", 1 external link:"), "{}", stdout(&output));
}

/// Answers every request with 404 on 127.0.0.1 until the test ends; returns its base URL.
fn answering_not_found() -> String {
    http::serve(|_| http::Answer::new("404 Not Found", "text/html", ""))
}

/// The minimal site with one link to a page that answers 404.
fn site_with_a_missing_page() -> (tempfile::TempDir, String) {
    let site = site_with_an_external_link();
    let url = format!("{}/withdrawn", answering_not_found());
    let text =
        format!("---\ntitle: Elsewhere\ndate: 2025-01-02\nsummary: \"S.\"\ntopics: [chips]\n---\nSee [it]({url}).\n");
    fs::write(site.path().join("content/articles/elsewhere.md"), text).unwrap();
    (site, url)
}

#[test]
fn answers_are_cached_and_marked_and_refresh_asks_again() {
    let (site, url) = site_with_a_missing_page();
    let cache = tempfile::tempdir().unwrap();
    let first = stderr(&check_external(site.path(), cache.path()));
    assert!(first.contains(&format!("external link `{url}` answered HTTP 404\n")), "{first}");
    let second = stderr(&check_external(site.path(), cache.path()));
    assert!(second.contains("answered HTTP 404 (cached, checked 0 h ago; --refresh checks again)"), "{second}");
    let refreshed = briefing()
        .args(["check", "--external", "--refresh", "--root"])
        .arg(site.path())
        .env("XDG_CACHE_HOME", cache.path())
        .env("HOME", cache.path())
        .output()
        .unwrap();
    assert!(stderr(&refreshed).contains("answered HTTP 404\n"), "{}", stderr(&refreshed));
}

#[test]
fn offline_is_said_once_and_not_cached() {
    let site = site_with_an_external_link();
    let text = "---\ntitle: Elsewhere\ndate: 2025-01-02\nsummary: \"S.\"\ntopics: [chips]\n---\n\
                [a](http://127.0.0.2:9/a), [b](http://127.0.0.3:9/b), [c](http://127.0.0.4:9/c).\n";
    fs::write(site.path().join("content/articles/elsewhere.md"), text).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let output = check_external(site.path(), cache.path());
    let warnings = stderr(&output);
    assert!(!warnings.contains("external link `"), "no warning per link:\n{warnings}");
    assert!(warnings.contains("no external link could be reached (3 tried, on several hosts)"), "{warnings}");
    assert!(!read(cache.path().join("briefing/external-links.json")).contains("127.0.0.2"));
}

#[test]
fn deny_warnings_fails_a_check_with_warnings() {
    let (site, _) = site_with_a_missing_page();
    let cache = tempfile::tempdir().unwrap();
    let output = briefing()
        .args(["check", "--external", "--deny-warnings", "--root"])
        .arg(site.path())
        .env("XDG_CACHE_HOME", cache.path())
        .env("HOME", cache.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("--deny-warnings makes them fail it"), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn the_cache_is_private_and_never_written_through_a_planted_link() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let (site, url) = site_with_a_missing_page();
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
    assert!(read(&file).contains(&url));
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

#[test]
fn a_failing_source_url_is_located_at_its_line_in_the_article() {
    let site = site_with_an_external_link();
    let url = format!("{}/gone", answering_not_found());
    let text = format!(
        "---\ntitle: Elsewhere\ndate: 2025-01-02\nsummary: \"S.\"\ntopics: [chips]\nsource:\n  name: \"Wire\"\n  url: \"{url}\"\n---\nText.\n"
    );
    fs::write(site.path().join("content/articles/elsewhere.md"), text).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let warnings = stderr(&check_external(site.path(), cache.path()));
    assert!(
        warnings
            .contains(&format!("warning: content/articles/elsewhere.md:8:9: external link `{url}` answered HTTP 404")),
        "{warnings}"
    );
    assert!(!warnings.contains("(built-in)"), "{warnings}");
}
