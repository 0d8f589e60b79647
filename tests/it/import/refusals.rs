//! Pages import cannot read by itself: the error says what is missing, lists the lines
//! considered and why each was rejected, and names the flag to pass; nothing is written.
//! The flags that supply what the page lacks.

use std::path::Path;

use super::corpus_table::corpus;
use super::*;
use crate::common::tree;

fn corpus_page(name: &str) -> std::path::PathBuf {
    corpus().join("pages").join(name)
}

/// Imports `page` into a fresh copy of the fixture site with `flags`; returns the site,
/// whether it succeeded, stdout and stderr (the page's path shown as `[PAGE]`).
fn import(page: &Path, flags: &[&str]) -> (tempfile::TempDir, bool, String, String) {
    let site = site();
    let before = tree(site.path());
    let output = briefing().arg("import").args(flags).arg("--root").arg(site.path()).arg(page).output().unwrap();
    if !output.status.success() {
        assert_eq!(before, tree(site.path()), "a refused page writes nothing");
    }
    let stderr = String::from_utf8_lossy(&output.stderr).replace(&page.display().to_string(), "[PAGE]");
    (site, output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned(), stderr)
}

#[test]
fn a_page_without_a_date_names_the_lines_considered_and_the_flag() {
    let (_, ok, _, stderr) = import(&corpus_page("refuse-no-date-fr.html"), &[]);
    assert!(!ok);
    insta::assert_snapshot!("no-date", stderr);
}

#[test]
fn a_page_without_a_headline_names_the_lines_considered_and_the_flag() {
    let (_, ok, _, stderr) = import(&corpus_page("refuse-no-headline.txt"), &[]);
    assert!(!ok);
    insta::assert_snapshot!("no-headline", stderr);
}

#[test]
fn a_page_without_body_text_is_refused_as_such() {
    let (_, ok, _, stderr) = import(&corpus_page("refuse-no-body.txt"), &[]);
    assert!(!ok);
    insta::assert_snapshot!("no-body", stderr);
}

#[test]
fn explain_lists_what_a_refused_page_dropped() {
    let (_, ok, _, stderr) = import(&corpus_page("refuse-no-body.txt"), &["--explain"]);
    assert!(!ok);
    for expected in [
        "[PAGE]: 7 dropped",
        "line 1: navigation: \"Accueil\"",
        "line 5: read into the front matter: \"Publié le 20/11/2025 à 09h00\"",
        "line 11: share buttons: \"Partager\"",
    ] {
        assert!(stderr.contains(expected), "missing `{expected}` in:\n{stderr}");
    }
}

#[test]
fn flags_supply_what_the_page_lacks() {
    let page = corpus_page("refuse-no-date-en.txt");
    let flags = [
        "--stdout",
        "--date",
        "2025-11-20",
        "--source",
        "Wire Example",
        "--url",
        "https://wire.example/kelpwave-ceo",
        "--lang",
        "en",
        "--topic",
        "chip-supply-chains",
    ];
    let (_, ok, stdout, stderr) = import(&page, &flags);
    assert!(ok, "{stderr}");
    let (front, _) = parsed(&stdout);
    assert_eq!(front.date.to_string(), "2025-11-20", "a date given without a time stays a date");
    let source = front.source.unwrap();
    assert_eq!(source.name, "Wire Example");
    assert_eq!(source.url.as_deref(), Some("https://wire.example/kelpwave-ceo"));
    assert_eq!(front.lang.as_deref(), Some("en"));

    let (_, ok, stdout, stderr) = import(
        &corpus_page("refuse-no-headline.txt"),
        &["--stdout", "--title", "Nouvelles règles pour les machines de gravure", "--topic", "export-controls"],
    );
    assert!(ok, "{stderr}");
    let (front, body) = parsed(&stdout);
    assert_eq!(front.title, "Nouvelles règles pour les machines de gravure");
    assert_eq!(front.date.to_string(), "2025-11-20T09:00:00+01:00");
    assert!(body.contains("trois mois pour déposer"), "{body}");

    let (_, ok, _, stderr) = import(&page, &["--date", "20/11/2025"]);
    assert!(!ok && stderr.contains("`20/11/2025` is not a date: write 2025-11-20"), "{stderr}");
    let (_, ok, _, stderr) = import(&page, &["--url", "wire.example/x", "--date", "2025-11-20"]);
    assert!(!ok && stderr.contains("is not an http(s) URL"), "{stderr}");
}

#[test]
fn a_headline_of_punctuation_gets_a_file_name_from_source_and_date() {
    let (site, ok, stdout, stderr) =
        import(&corpus_page("fr-portal-afp-photonique.txt"), &["--title", "?!… — ...", "--topic", "export-controls"]);
    assert!(ok, "{stderr}");
    let path = site.path().join("content/articles/2025/afp-2025-03-18.md");
    assert!(path.is_file(), "{stdout}");
    assert!(stdout.contains("afp-2025-03-18.md"), "{stdout}");
    let hidden: Vec<_> = std::fs::read_dir(site.path().join("content/articles/2025"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "no hidden file: {hidden:?}");
}
