//! Customising a site: the built-in templates and stylesheet copied in to edit, a
//! `static/custom.css` loaded after the built-in stylesheet, a misspelt template named.

use std::fs;

use crate::common::{briefing, read, stderr, tree};

fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(briefing().current_dir(dir.path()).args(["init", "-q"]).output().unwrap().status.success());
    dir
}

fn build(dir: &std::path::Path) -> std::process::Output {
    let output = briefing().current_dir(dir).arg("build").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

#[test]
fn copied_templates_and_stylesheet_build_the_same_site() {
    let dir = new_site();
    build(dir.path());
    let before = tree(&dir.path().join("public"));
    let output = briefing().current_dir(dir.path()).args(["init", "--templates"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("templates/article.html").is_file() && dir.path().join("static/style.css").is_file());
    build(dir.path());
    assert!(before == tree(&dir.path().join("public")), "the copies are the built-in templates, byte for byte");
    let again = briefing().current_dir(dir.path()).args(["init", "--templates"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "an edited copy is never overwritten without --force");
}

#[test]
fn custom_css_is_loaded_after_the_built_in_stylesheet() {
    let dir = new_site();
    fs::write(dir.path().join("static/custom.css"), "body { font-size: 110% }").unwrap();
    build(dir.path());
    let page = read(dir.path().join("public/index.html"));
    let builtin = page.find("href=\"/style.").expect("the built-in stylesheet");
    let custom = page.find("href=\"/custom.").expect("custom.css, by its fingerprinted name");
    assert!(builtin < custom, "custom.css comes after, so its rules win");
}

#[test]
fn a_template_named_like_no_built_in_one_is_a_warning_with_a_suggestion() {
    let dir = new_site();
    fs::create_dir(dir.path().join("templates")).unwrap();
    fs::write(dir.path().join("templates/articel.html"), "{% extends \"base.html\" %}").unwrap();
    // A template that another includes is used, whatever its name.
    fs::write(dir.path().join("templates/byline.html"), "<p>by us</p>").unwrap();
    let base = read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"));
    fs::write(dir.path().join("templates/base.html"), format!("{base}{{% include \"byline.html\" %}}")).unwrap();
    let output = build(dir.path());
    let warnings = stderr(&output);
    assert!(warnings.contains("warning: templates/articel.html: template `articel.html` is not used"), "{warnings}");
    assert!(warnings.contains("did you mean `article.html`?"), "{warnings}");
    assert!(!warnings.contains("byline.html"), "{warnings}");
}
