//! The command line: --stdout, --force, --explain, stdin, directories, --topic.

use std::fs;

use super::*;

#[test]
fn stdout_writes_nothing() {
    let site = site();
    imported(site.path(), FRENCH_TEXT);
    assert!(!site.path().join("content/articles").exists());
}

#[test]
fn existing_article_is_not_overwritten_without_force() {
    let site = site();
    let run = || briefing().args(["import", "--root"]).arg(site.path()).arg(page(ENGLISH_TEXT)).assert();
    let path =
        site.path().join("content/articles/2024/quillbright-to-shut-lisbon-chip-design-centre-as-export-curbs-bite.md");
    let first = run().success().get_output().stdout.clone();
    assert!(String::from_utf8_lossy(&first).contains(&format!("-> {}", path.display())));
    fs::write(&path, "edited by hand").unwrap();

    let output = run().failure().get_output().clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{} already exists: pass --force to overwrite it", path.display())), "{stderr}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "edited by hand");

    briefing().args(["import", "--force", "--root"]).arg(site.path()).arg(page(ENGLISH_TEXT)).assert().success();
    assert!(fs::read_to_string(&path).unwrap().starts_with("---\ntitle: Quillbright"));
}

#[test]
fn explain_lists_each_dropped_line_with_its_rule() {
    let site = site();
    let output = briefing()
        .args(["import", "--stdout", "--explain", "--root"])
        .arg(site.path())
        .arg(page(FRENCH_TEXT))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    for expected in [
        "norvale-shenzhen-fr.txt: 18 dropped",
        "  line 2: close button: \"Fermer\"",
        "  line 5: read into the front matter: \"information fournie par AFP 14/11/2024 à 17:20\"",
        "  line 9: duplicated photo caption: \"Le siège de Norvale Systems",
        "  line 24: advertising: \"Publicité\"",
        "  line 30: ticker and market data: \"87,1500 USD NASDAQ -1,12%\"",
        "  line 31: ticker and market data: \"Quillbright\"",
        "  line 34: comment widget: \"2 commentaires\"",
        "  line 42: related-articles list: \"Pékin dénonce de nouvelles restrictions américaines\"",
        "  line 47: watch-list widget: \"Cette liste ne contient aucune valeur.\"",
        "  line 48: loading placeholder: \"Chargement...\"",
    ] {
        assert!(stderr.contains(expected), "missing `{expected}` in:\n{stderr}");
    }
    let html = briefing()
        .args(["import", "--stdout", "--explain", "--root"])
        .arg(site.path())
        .arg(page(FRENCH_HTML))
        .output()
        .unwrap();
    let stderr = String::from_utf8(html.stderr).unwrap();
    for expected in [
        "<div id=\"didomi-host\" class=\"cookie-banner\">: cookie prompt:",
        "<aside class=\"related\">: related-articles list:",
        "<div class=\"article__comments\">: comment widget:",
        "<section class=\"most-read\">: related-articles list:",
        "<p class=\"legende\">: duplicated photo caption:",
    ] {
        assert!(stderr.contains(expected), "missing `{expected}` in:\n{stderr}");
    }
}

#[test]
fn stdin_is_read_with_a_dash() {
    let site = site();
    let output = briefing()
        .args(["import", "--stdout", "--root"])
        .arg(site.path())
        .arg("-")
        .write_stdin(fs::read_to_string(page(ENGLISH_TEXT)).unwrap())
        .output()
        .unwrap();
    assert!(output.status.success());
    let (front, _) = parsed(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(front.title, "Quillbright to shut Lisbon chip design centre as export curbs bite");
}

#[test]
fn directory_import_writes_every_page_and_a_summary() {
    let site = site();
    let output = briefing().args(["import", "--root"]).arg(site.path()).arg(fixtures().join("pages")).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("Imported 4 of 4 pages (4 written, 0 failed)"), "{stdout}");
    for path in [
        "content/articles/2024/norvale-systems-ferme-son-centre-de-recherche-en-ia-de-shenzhen.md",
        "content/articles/2024/quillbright-to-shut-lisbon-chip-design-centre-as-export-curbs-bite.md",
        "content/articles/2025/veldmark-suspend-ses-livraisons-de-machines-vers-la-chine.md",
        "content/articles/2024/sundial-compute-halts-exports-of-ai-servers-to-china.md",
    ] {
        assert!(site.path().join(path).is_file(), "{path}");
    }
}

#[test]
fn topic_option_is_checked_and_replaces_suggestions() {
    let site = site();
    let output = briefing()
        .args(["import", "--stdout", "--topic", "export-control", "--root"])
        .arg(site.path())
        .arg(page(FRENCH_TEXT))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unknown topic `export-control`: did you mean `export-controls`?"), "{stderr}");

    let output = briefing()
        .args(["import", "--stdout", "--topic", "export-controls", "--topic", "chip-supply-chains", "--root"])
        .arg(site.path())
        .arg(page(FRENCH_TEXT))
        .output()
        .unwrap();
    let (front, _) = parsed(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(front.topics, strings(&["export-controls", "chip-supply-chains"]));
}

#[test]
fn a_missing_site_is_named() {
    let empty = tempfile::tempdir().unwrap();
    let output = briefing().args(["import", "--root"]).arg(empty.path()).arg(page(FRENCH_TEXT)).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&format!("no site at `{}`", empty.path().display())), "{stderr}");
}
