//! `briefing check` on fixture sites, through the real binary.

use crate::common::*;

#[test]
fn the_example_site_passes() {
    let output = briefing().args(["check", "--root", env!("CARGO_MANIFEST_DIR")]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains(": 0 errors"), "{}", stdout(&output));
}

#[test]
fn broken_links_are_errors_naming_file_and_link() {
    let site = site_copy("sites/broken-links");
    let output = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = stderr(&output);
    for expected in [
        "error: content/articles/links.md:7:50: broken link `/articles/nope/`",
        "error: content/articles/links.md:9:59: broken anchor `#nowhere`",
        "error: content/articles/links.md:11:12: broken link `/images/chart.png`",
        "error: templates/404.html:3:",
        "warning: content/topics/empty.md:2:1: topic `empty` has no articles",
        "warning: content/articles/no-summary.md:2:1: no `summary:`",
        "note: content/articles/later.md:3:1: scheduled: dated 2999-01-01",
    ] {
        assert!(errors.contains(expected), "missing {expected:?} in:\n{errors}");
    }
    assert!(!errors.contains("#details"), "an existing anchor is fine:\n{errors}");
    assert!(!errors.contains("/topics/chips/`"), "a good link is fine:\n{errors}");
    assert!(stdout(&output).contains("4 errors, 2 warnings, 1 notes"), "{}", stdout(&output));
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

#[test]
fn content_errors_stop_the_check_like_a_build() {
    let site = site_copy("sites/minimal");
    std::fs::write(site.path().join("content/articles/bad.md"), "---\ntitle: Bad\n---\n").unwrap();
    let output = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("content/articles/bad.md:2:1: missing field `date`"), "{}", stderr(&output));
}
