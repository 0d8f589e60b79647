//! Mistakes a new user makes with `import`, each answered with what went wrong and what
//! to do instead; the whole stderr (or the listing on stdout) is snapshotted.

use std::fs;
use std::path::Path;

use super::*;
use crate::common::{fixture, site_copy, tree};

/// Runs import in `site` with `args`; returns whether it succeeded, stdout and stderr,
/// with the site's folder and `pages` shown as `[SITE]` and `[PAGES]`.
fn run(site: &Path, pages: &Path, args: &[&str]) -> (bool, String, String) {
    let output = briefing().arg("import").arg("--root").arg(site).args(args).output().unwrap();
    let shown = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(&pages.display().to_string(), "[PAGES]")
            .replace(&site.display().to_string(), "[SITE]")
    };
    (output.status.success(), shown(&output.stdout), shown(&output.stderr))
}

/// A report no topic of the fixture site is about: a strike of harbour pilots.
const PILOTS: &str = "Harbour pilots strike for a day\n\nPORTO, March 8, 2025 (Reuters) - The harbour pilots of Porto \
    stopped work for a day on Monday over pay, the port authority said, and ships waited outside the bar until the \
    evening.\n\nThe pilots' union said that talks with the authority would resume next week.\n";

#[test]
fn a_page_no_topic_is_suggested_for_lists_the_keywords_looked_for() {
    let site = super::site();
    let pages = tempfile::tempdir().unwrap();
    fs::write(pages.path().join("pilots.txt"), PILOTS).unwrap();
    let page = pages.path().join("pilots.txt").display().to_string();
    let (ok, _, without) = run(site.path(), pages.path(), &[&page]);
    let (_, _, explained) = run(site.path(), pages.path(), &["--explain", &page]);
    assert!(!ok);
    insta::assert_snapshot!("no-topic", format!("{without}\n## --explain\n{explained}"));
}

#[test]
fn an_empty_file_is_named_empty() {
    let site = super::site();
    let pages = tempfile::tempdir().unwrap();
    fs::write(pages.path().join("empty.txt"), "").unwrap();
    fs::write(pages.path().join("blank.html"), "\n  \n\n").unwrap();
    let before = tree(site.path());
    let (ok, _, stderr) = run(site.path(), pages.path(), &[pages.path().to_str().unwrap()]);
    assert!(!ok);
    assert_eq!(before, tree(site.path()));
    insta::assert_snapshot!("empty-files", stderr);
}

#[test]
fn a_folder_imported_again_skips_the_articles_that_exist_when_asked() {
    let site = super::site();
    let pages = fixtures().join("pages");
    let folder = pages.to_str().unwrap();
    let (ok, first, stderr) = run(site.path(), &pages, &[folder]);
    assert!(ok, "{stderr}");
    assert_eq!(first.matches("Imported [PAGES]/").count(), 4, "each article written is listed: {first}");
    let written = tree(site.path());

    let (ok, _, again) = run(site.path(), &pages, &[folder]);
    assert!(!ok);
    assert!(again.contains("already exists: pass --force to overwrite it, or --skip-existing"), "{again}");

    let (ok, skipped, stderr) = run(site.path(), &pages, &["--skip-existing", folder]);
    assert!(ok, "{stderr}");
    assert_eq!(written, tree(site.path()), "nothing was rewritten");
    let listing: Vec<&str> = skipped.lines().filter(|l| !l.starts_with("Imported 0 of 4")).collect();
    insta::assert_snapshot!("skip-existing", listing.join("\n"));
    assert!(skipped.contains("Imported 0 of 4 pages (0 written, 4 skipped as they exist, 0 failed)"), "{skipped}");
}

#[test]
fn a_translation_takes_the_language_the_page_is_in() {
    let site = site_copy("sites/bilingual");
    let french = fixture("import/pages/norvale-shenzhen-fr.txt");
    let args = ["--topic", "ports", "--translation-of", "content/articles/dredging.md", french.to_str().unwrap()];
    let (ok, stdout, stderr) = run(site.path(), Path::new("/nowhere"), &args);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("content/articles/dredging.fr.md"), "{stdout}");
    let (front, _) = parsed(&fs::read_to_string(site.path().join("content/articles/dredging.fr.md")).unwrap());
    assert_eq!(front.lang.as_deref(), Some("fr"));

    let english = page(ENGLISH_TEXT);
    let args = ["--topic", "ports", "--translation-of", "content/articles/dredging.md", english.to_str().unwrap()];
    let (ok, _, stderr) = run(site.path(), Path::new("/nowhere"), &args);
    assert!(!ok);
    assert!(stderr.contains("that article is already in `en`"), "{stderr}");
}

#[test]
fn a_long_value_is_cut_in_a_message() {
    let site = super::site();
    let pages = tempfile::tempdir().unwrap();
    fs::write(pages.path().join("pilots.txt"), PILOTS).unwrap();
    let title = "Harbour pilots strike ".repeat(20);
    let page = pages.path().join("pilots.txt").display().to_string();
    let (ok, _, stderr) = run(site.path(), pages.path(), &["--title", &title, &page]);
    assert!(!ok);
    insta::assert_snapshot!("long-title", stderr);
}
