//! `briefing new article|topic`: files named and dated as the build reads them, and clear
//! refusals for an unknown topic, an existing file and a language the site does not list.

use std::fs;
use std::path::Path;

use crate::common::{briefing, read, stderr, stdout};

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = briefing().current_dir(dir.path()).arg("init").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

fn new(root: &Path, args: &[&str]) -> std::process::Output {
    briefing().current_dir(root).arg("new").args(args).output().unwrap()
}

fn only_file_under(dir: &Path, name: &str) -> std::path::PathBuf {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_str() == Some(name))
        .unwrap_or_else(|| panic!("no {name} under {}", dir.display()))
        .into_path()
}

#[test]
fn a_new_article_and_topic_check_and_build() {
    let dir = site();
    let topic = new(dir.path(), &["topic", "Export controls"]);
    assert!(topic.status.success(), "{}", stderr(&topic));
    assert!(dir.path().join("content/topics/export-controls.md").is_file());
    let article = new(dir.path(), &["article", "Chip export rules: what changes", "--topic", "export-controls"]);
    assert!(article.status.success(), "{}", stderr(&article));
    let path = only_file_under(&dir.path().join("content/articles"), "chip-export-rules-what-changes.md");
    let text = read(&path);
    let year = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
    let date = text.lines().find_map(|l| l.strip_prefix("date: ")).unwrap();
    assert!(date.starts_with(year) && date.len() == "2025-01-01T00:00:00+00:00".len(), "{date}");
    assert!(text.contains("title: \"Chip export rules: what changes\""), "{text}");
    assert!(text.contains("topics: [export-controls]"), "{text}");
    assert!(stdout(&article).contains("chip-export-rules-what-changes.md"));

    let check = briefing().current_dir(dir.path()).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    // The only warning asks for the source the article summarises.
    let check_stderr = stderr(&check);
    let warnings: Vec<&str> = check_stderr.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("source"), "{warnings:?}");
    let build = briefing().current_dir(dir.path()).arg("build").output().unwrap();
    assert!(dir.path().join("public/articles/chip-export-rules-what-changes/index.html").is_file());
    assert!(stdout(&build).contains("(2 articles, 2 topics)"), "{}", stdout(&build));
}

#[test]
fn a_translation_is_written_beside_its_original() {
    let dir = site();
    let config = read(dir.path().join("site.yaml"))
        .replace("# languages:", "languages:")
        .replace("#   - code: en", "  - code: en")
        .replace("#   - code: fr", "  - code: fr");
    fs::write(dir.path().join("site.yaml"), config).unwrap();
    let original = only_file_under(&dir.path().join("content/articles"), "welcome.md");
    // The original's old address stays its own: an alias may lead to one page only.
    let with_alias = read(&original).replacen("\ntopics:", "\naliases: [/articles/hello/]\ntopics:", 1);
    fs::write(&original, with_alias).unwrap();
    let relative = original.strip_prefix(dir.path()).unwrap().to_str().unwrap().to_owned();
    let output = new(dir.path(), &["article", "Bienvenue", "--translation-of", &relative]);
    assert!(output.status.success(), "{}", stderr(&output));
    let french = read(original.with_file_name("welcome.fr.md"));
    assert!(french.contains("title: Bienvenue") && french.contains("slug: bienvenue"), "{french}");
    assert!(!french.contains("aliases"), "{french}");
    let build = briefing().current_dir(dir.path()).arg("build").output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(dir.path().join("public/fr/articles/bienvenue/index.html").is_file());
}

#[test]
fn mistakes_are_named_with_what_to_do() {
    let dir = site();
    let topic = new(dir.path(), &["article", "X", "--topic", "geting-started"]);
    assert_eq!(topic.status.code(), Some(1));
    assert!(
        stderr(&topic).contains("unknown topic `geting-started`; did you mean `getting-started`?"),
        "{}",
        stderr(&topic)
    );
    let language = new(dir.path(), &["article", "X", "--lang", "fr"]);
    assert_eq!(language.status.code(), Some(1));
    assert!(stderr(&language).contains("`fr` is not a language of this site"), "{}", stderr(&language));
    assert!(stderr(&language).contains("languages:"), "{}", stderr(&language));
    assert!(new(dir.path(), &["article", "Twice"]).status.success());
    let again = new(dir.path(), &["article", "Twice"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("twice.md` already exists"), "{}", stderr(&again));
    let nowhere = tempfile::tempdir().unwrap();
    let no_site = new(nowhere.path(), &["article", "X"]);
    assert!(stderr(&no_site).contains("briefing init"), "{}", stderr(&no_site));
}
