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

/// Content errors, a link to a missing source file, a broken anchor through a source
/// file and the broken links of the rest of the site, all in one run, all located.
#[test]
fn content_errors_and_broken_links_are_reported_in_one_run() {
    let site = site_copy("sites/broken-links");
    copy_tree(&fixture("check/one-run"), site.path());
    let before = tree(site.path());
    let output = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    for expected in [
        "error: content/articles/bad.md:2:1: missing field `date`",
        "error: content/articles/linking.md:7:5: link to `gone.md`, but content/articles/gone.md is not an article",
        "error: content/articles/linking.md:7:25: broken anchor `/articles/links/#nowhere`",
        "error: content/articles/links.md:7:50: broken link `/articles/nope/`",
        "error: templates/404.html:3:",
    ] {
        assert!(errors.contains(expected), "missing {expected:?} in:\n{errors}");
    }
    assert!(!errors.contains("nothing was written"), "{errors}");
    assert!(stdout(&output).contains("7 errors"), "{}", stdout(&output));
    insta::assert_snapshot!("check-one-run", errors.replace(&site.path().display().to_string(), "[SITE]"));
    assert_eq!(before, tree(site.path()), "check writes nothing");
}
