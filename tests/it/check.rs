//! `briefing check` on fixture sites, through the real binary.

use std::path::Path;

use crate::common::*;

#[test]
fn the_example_site_passes() {
    let output = briefing().args(["check", "--root", env!("CARGO_MANIFEST_DIR")]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains(": 0 errors, 0 warnings"), "{}\n{}", stdout(&output), stderr(&output));
}

#[test]
fn broken_links_are_errors_naming_file_and_link() {
    let site = SiteTest::fixture("sites/broken-links");
    let run = site.run(["check"]).fails().stdout_has("4 errors, 4 warnings, 1 note");
    let errors = run.stderr();
    for expected in [
        "error: content/articles/links.md:7:50: broken link `/articles/nope/`",
        "error: content/articles/links.md:9:59: broken anchor `#nowhere`",
        "error: content/articles/links.md:11:12: broken link `/images/chart.png`",
        "error: templates/404.html:3:",
        "warning: content/topics/empty.md:2:1: topic `empty` has no articles",
        "warning: content/articles/no-summary.md:2:1: no `summary:`",
        "note: content/articles/later.md:3:1: scheduled: dated 2999-01-01",
        "warning: content/articles/links.md:2:1: no `source:`",
        "warning: content/articles/no-summary.md:2:1: no `source:`",
    ] {
        assert!(errors.contains(expected), "missing {expected:?} in:\n{errors}");
    }
    assert!(!errors.contains("#details"), "an existing anchor is fine:\n{errors}");
    assert!(!errors.contains("/topics/chips/`"), "a good link is fine:\n{errors}");
    assert!(!site.path("public").exists(), "check writes nothing");
}

/// Content errors, a link to a missing source file, a broken anchor through a source
/// file and the broken links of the rest of the site, all in one run, all located.
#[test]
fn content_errors_and_broken_links_are_reported_in_one_run() {
    let site = SiteTest::fixture("sites/broken-links");
    copy_tree(&fixture("check/one-run"), site.root());
    let before = tree(site.root());
    let run = site.run(["check"]).fails().stdout_has("7 errors");
    let errors = run.stderr();
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
    insta::assert_snapshot!("check-one-run", errors.replace(&site.root().display().to_string(), "[SITE]"));
    assert_eq!(before, tree(site.root()), "check writes nothing");
}

#[test]
fn articles_without_a_source_url_or_with_an_early_update_are_warnings() {
    let run = SiteTest::fixture("sites/sourcing").run(["check"]).succeeds().stdout_has("0 errors, 3 warnings, 0 notes");
    let warnings = run.stderr();
    for expected in [
        "warning: content/articles/no-source.md:2:1: no `source:`; name the report this article summarises, with a `url` a reader can open",
        "warning: content/articles/no-url.md:6:1: no `source.url`: link the report or primary document a reader can open",
        "warning: content/articles/updated-too-early.md:4:10: `updated: 2021-04-30` is earlier than `date: 2021-05-12`",
    ] {
        assert!(warnings.contains(expected), "missing {expected:?} in:\n{warnings}");
    }
    assert!(!warnings.contains("sourced.md"), "a sourced article updated the same day is fine:\n{warnings}");
}

#[test]
fn the_example_site_describes_every_entity_with_a_page() {
    let out = tempfile::tempdir().unwrap();
    let output = build(Path::new(env!("CARGO_MANIFEST_DIR")), &["--output", out.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut pages = 0;
    for taxonomy in ["organizations", "regions"] {
        for entry in std::fs::read_dir(out.path().join(taxonomy)).unwrap() {
            let page = entry.unwrap().path().join("index.html");
            // An entity's other name is an address that leads to its page.
            if page.exists() && !read(&page).contains("<meta http-equiv=\"refresh\"") {
                pages += 1;
                assert!(read(&page).contains("class=\"standfirst\""), "no description on {}", page.display());
            }
        }
    }
    assert!(pages > 30, "only {pages} entity pages were built");
}

/// A term one article spells almost like one the others use gets a did-you-mean, at its value.
#[test]
fn a_near_miss_of_a_known_entity_is_a_warning_at_its_value() {
    let site = site_copy("sites/minimal");
    let articles = site.path().join("content/articles");
    for (file, organizations) in [("a.md", "[Nvidia]"), ("b.md", "[Nvidia, TSMC]"), ("c.md", "[TSMC, Nvdia]")] {
        let text = format!(
            "---\ntitle: \"{file}\"\ndate: 2025-01-03\nsummary: \"s\"\ntopics: [chips]\norganizations: {organizations}\n---\nText.\n"
        );
        std::fs::write(articles.join(file), text).unwrap();
    }
    let output = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    let warnings = stderr(&output);
    assert!(
        warnings.contains(
            "warning: content/articles/c.md:6:23: `Nvdia` is in no other article and not in content/entities.yaml, \
             and it is close to `Nvidia`: did you mean `Nvidia`?"
        ),
        "{warnings}"
    );
    assert_eq!(warnings.matches("did you mean").count(), 1, "TSMC and Nvidia are not slips:\n{warnings}");
}
