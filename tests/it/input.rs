//! Input that is odd but not wrong: the build succeeds, keeps every word it can, and
//! warns (with file:line:column) about what it could not keep. Each case is a folder
//! under tests/fixtures/input/ laid over the minimal site.

use std::path::Path;

use tempfile::TempDir;

use crate::common::*;

/// The minimal site with the case's files over it.
fn site_with(case: &str) -> TempDir {
    let site = site_copy("sites/minimal");
    copy_tree(&fixture(&format!("input/{case}")), site.path());
    site
}

fn check(root: &Path) -> std::process::Output {
    briefing().arg("check").arg("--root").arg(root).output().expect("briefing runs")
}

#[test]
fn script_and_style_in_prose_keep_the_rest_of_the_article() {
    let site = site_with("script-in-prose");
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("script-in-prose-build", stderr(&output));
    let page = read(site.path().join("public/articles/tags/index.html"));
    assert!(page.contains("id=\"what-stays\""), "the heading after <style> is kept: {page}");
    assert!(page.contains("this heading included"), "{page}");
    assert!(page.contains("&lt;script&gt; element"), "the words are shown: {page}");
    assert!(!page.contains("<script>") && !page.contains("<iframe"), "{page}");

    let checked = check(site.path());
    assert!(checked.status.success(), "{}", stderr(&checked));
    insta::assert_snapshot!("script-in-prose-check", stderr(&checked));
}

#[test]
fn raw_html_nested_too_deep_is_flattened_not_quadratic() {
    let site = site_with("deep-raw-html");
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("deep-raw-html", stderr(&output));
    let page = read(site.path().join("public/articles/nested/index.html"));
    assert!(page.contains("deep"), "the text inside is kept");
    assert!(page.matches("<div>").count() <= briefing::MAX_HTML_DEPTH, "deeper elements are removed");
}

#[test]
fn byte_order_marks_are_accepted_in_yaml_and_markdown() {
    let site = site_with("byte-order-marks");
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    // entities.yaml was read: the alias became the canonical name.
    let page = read(site.path().join("public/articles/second/index.html"));
    assert!(page.contains("Fabs"), "{page}");
}

#[test]
fn every_case_folder_has_a_test() {
    let listed = include_str!("input.rs");
    for entry in std::fs::read_dir(fixture("input")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(listed.contains(&format!("site_with(\"{name}\")")), "tests/fixtures/input/{name} has no test");
    }
}
