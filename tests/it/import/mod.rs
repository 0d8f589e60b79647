//! `briefing import` driven through the real binary, on the pages and the small site
//! of tests/fixtures/import/: what it extracts (extraction.rs) and how the command
//! behaves (command.rs).

mod command;
mod corpus;
pub mod corpus_table;
mod extraction;
pub mod fetch;
mod figures;
mod hostile_pages;
mod limits;
mod mistakes;
mod refusals;

use std::path::{Path, PathBuf};

use briefing::{ARTICLE_FIELDS, FrontMatter, parse_yaml, split};
use tempfile::TempDir;

pub const FRENCH_TEXT: &str = "norvale-shenzhen-fr.txt";
pub const ENGLISH_TEXT: &str = "quillbright-lisbon-en.txt";
pub const FRENCH_HTML: &str = "veldmark-livraisons-fr.html";
pub const ENGLISH_HTML: &str = "sundial-exports-en.html";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

pub fn page(name: &str) -> PathBuf {
    fixtures().join("pages").join(name)
}

/// A fresh copy of the fixture site.
pub fn site() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("site"), dir.path());
    dir
}

pub use crate::common::{briefing, copy_tree};

/// Imports one page with `--stdout`; returns the document.
pub fn imported(site: &Path, name: &str) -> String {
    let output = briefing().args(["import", "--stdout", "--root"]).arg(site).arg(page(name)).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The document's front matter, read by the build's own parser, and its body.
pub fn parsed(document: &str) -> (FrontMatter, String) {
    let parts = split(document).unwrap();
    (parse_yaml(&parts, ARTICLE_FIELDS).unwrap(), parts.body.to_owned())
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

pub fn assert_absent(body: &str, noise: &[&str]) {
    for line in noise {
        assert!(!body.contains(line), "noise `{line}` is in the body:\n{body}");
    }
}
