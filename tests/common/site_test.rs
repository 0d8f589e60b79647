//! `SiteTest`: a site in a temporary folder, changed and run in one chain, as mdBook's
//! `BookTest` does for books:
//!
//! ```ignore
//! let site = SiteTest::fixture("sites/minimal").file("content/articles/b.md", "---\n…");
//! site.run(["build", "--drafts"]).succeeds().stderr_has("warning: ");
//! assert!(site.public("articles/b/index.html").contains("<h1>"));
//! ```

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use super::{briefing, copy_tree, fixture};

/// A site in a temporary folder, removed when the test ends.
pub struct SiteTest {
    dir: TempDir,
}

impl SiteTest {
    /// A copy of the fixture site `tests/fixtures/<name>`, so builds never write into tests/.
    pub fn fixture(name: &str) -> SiteTest {
        let site = SiteTest::empty();
        copy_tree(&fixture(name), site.root());
        site
    }

    /// An empty folder, for a site made file by file (or none at all).
    pub fn empty() -> SiteTest {
        SiteTest { dir: tempfile::tempdir().expect("a temporary folder") }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `path` under the site root, making its folders.
    pub fn file(self, path: &str, text: impl AsRef<[u8]>) -> SiteTest {
        let target = self.root().join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(&target, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
        self
    }

    /// Removes a file or folder of the site.
    pub fn remove(self, path: &str) -> SiteTest {
        let target = self.root().join(path);
        let removed = if target.is_dir() { fs::remove_dir_all(&target) } else { fs::remove_file(&target) };
        removed.unwrap_or_else(|e| panic!("cannot remove {}: {e}", target.display()));
        self
    }

    /// Runs `briefing ARGS --root SITE`.
    pub fn run<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Run {
        let args: Vec<S> = args.into_iter().collect();
        let shown: Vec<String> = args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect();
        let output = briefing().args(&args).arg("--root").arg(self.root()).output().expect("briefing runs");
        Run { output, command: format!("briefing {} --root SITE", shown.join(" ")) }
    }

    /// Runs `briefing build --root SITE`.
    pub fn build(&self) -> Run {
        self.run(["build"])
    }

    /// The text of a file of the site.
    pub fn read(&self, path: &str) -> String {
        super::read(self.root().join(path))
    }

    /// The text of a file of the built site, under `public/`.
    pub fn public(&self, path: &str) -> String {
        super::read(self.root().join("public").join(path))
    }

    /// Where a file of the site is.
    pub fn path(&self, path: &str) -> PathBuf {
        self.root().join(path)
    }
}

/// A finished run of the binary, checked link by link.
pub struct Run {
    pub output: Output,
    command: String,
}

impl Run {
    /// Asserts the command succeeded.
    pub fn succeeds(self) -> Run {
        assert!(self.output.status.success(), "`{}` failed:\n{}", self.command, self.stderr());
        self
    }

    /// Asserts the command exited with `code`.
    pub fn exits_with(self, code: i32) -> Run {
        assert_eq!(self.output.status.code(), Some(code), "`{}`:\n{}", self.command, self.stderr());
        self
    }

    /// Asserts the command failed with status 1 (a content, output or check error).
    pub fn fails(self) -> Run {
        self.exits_with(1)
    }

    pub fn stderr_has(self, text: &str) -> Run {
        assert!(self.stderr().contains(text), "`{}`: no `{text}` in its stderr:\n{}", self.command, self.stderr());
        self
    }

    pub fn stderr_lacks(self, text: &str) -> Run {
        assert!(!self.stderr().contains(text), "`{}`: `{text}` in its stderr:\n{}", self.command, self.stderr());
        self
    }

    pub fn stdout_has(self, text: &str) -> Run {
        assert!(self.stdout().contains(text), "`{}`: no `{text}` in its stdout:\n{}", self.command, self.stdout());
        self
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
}
