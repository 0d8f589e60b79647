//! Helpers shared by the test targets (`it`, `browser`): the one way to the binary, the
//! one HTTP fake (`http`), the chainable site test (`SiteTest`), fixtures and readers.
// Each test binary uses only some of the helpers.
#![allow(dead_code, unused_imports)]

pub mod http;
mod site_test;

pub use site_test::SiteTest;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A copy of a fixture site in a temporary directory, so builds never write into tests/.
pub fn site_copy(name: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    copy_tree(&fixture(name), dir.path());
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The `briefing` binary that cargo built for these tests: the one way every test finds it.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_briefing"))
}

/// A command running the binary.
pub fn briefing() -> Command {
    Command::new(binary())
}

pub fn build(root: &Path, extra: &[&str]) -> Output {
    briefing().arg("build").arg("--root").arg(root).args(extra).output().expect("briefing runs")
}

/// A copy of a fixture site, built: the copy (kept alive by the caller) and its `public/`.
pub fn built_copy(name: &str) -> (TempDir, PathBuf) {
    let site = site_copy(name);
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "build of {name} failed: {}", stderr(&output));
    let public = site.path().join("public");
    (site, public)
}

pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// Values of `href="..."` and `src="..."` attributes in an HTML text.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}
