//! Reading changed files of the site again into the engine's source.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::plan::{parse_articles, static_list};
use crate::source::{ENTITIES_FILE, TextFile, read_static, read_templates, read_text, unexpected_content};

use super::{Engine, Origin, parse_context, put};

impl Engine {
    /// Records (or clears) the problem of reading one file, for this rebuild and the next reload.
    pub(super) fn read_problem(&mut self, path: &Path, problem: Option<Diagnostic>) {
        self.source.problems.retain(|known| known.path != path);
        let origin = Origin::File(path.to_path_buf());
        match problem {
            Some(problem) => {
                self.source.problems.push(problem.clone());
                self.problems.insert(origin, vec![problem]);
            }
            None => drop(self.problems.remove(&origin)),
        }
    }

    /// Reads a file of the site again: `None` when it is gone.
    pub(super) fn reread(&mut self, path: &Path) -> Option<TextFile> {
        if !self.options.root.join(path).is_file() {
            self.read_problem(path, None);
            return None;
        }
        match read_text(&self.options.root, path) {
            Ok(file) => {
                self.read_problem(path, None);
                Some(file)
            }
            Err(problem) => {
                self.read_problem(path, Some(problem));
                None
            }
        }
    }

    pub(super) fn reread_article(&mut self, path: &Path) {
        if !self.reread_article_text(path) {
            // Gone, or unreadable: its problem keeps the last good site served.
            self.pending.insert(path.to_path_buf(), None);
            return;
        }
        let Some(frame) = &self.frame else { return };
        let index = self.source.articles.binary_search_by(|known| known.path.as_path().cmp(path));
        let file = &self.source.articles[index.expect("just put there")];
        let result = parse_articles(std::slice::from_ref(file), &parse_context(frame)).remove(0);
        self.take_parsed(path, result);
    }

    /// Brings an article's text into the source again, unparsed; `false` when it is gone
    /// or unreadable.
    pub(super) fn reread_article_text(&mut self, path: &Path) -> bool {
        let file = self.reread(path);
        let position = self.source.articles.binary_search_by(|known| known.path.as_path().cmp(path));
        match file {
            Some(file) => {
                put(&mut self.source.articles, position, file);
                true
            }
            None => {
                if let Ok(index) = position {
                    self.source.articles.remove(index);
                }
                false
            }
        }
    }

    pub(super) fn reread_topic(&mut self, path: &Path) {
        let file = self.reread(path);
        let position = self.source.topics.binary_search_by(|known| known.path.as_path().cmp(path));
        match (file, position) {
            (Some(file), position) => put(&mut self.source.topics, position, file),
            (None, Ok(index)) => drop(self.source.topics.remove(index)),
            (None, Err(_)) => {}
        }
    }

    pub(super) fn reread_entities(&mut self) {
        self.source.entities = self.reread(Path::new(ENTITIES_FILE));
    }

    /// A file or directory under `content/` that is not an article, a topic or the
    /// entities. Returns whether the whole site must be read again (a directory).
    pub(super) fn other_content(&mut self, path: &Path) -> bool {
        let full = self.options.root.join(path);
        if full.is_dir() {
            return true;
        }
        if full.exists() {
            self.read_problem(path, Some(unexpected_content(path.to_path_buf())));
            return false;
        }
        self.read_problem(path, None);
        // A directory that went away takes its articles and topics with it.
        let source = &self.source;
        source.articles.iter().chain(&source.topics).any(|file| file.path.starts_with(path))
            || source.problems.iter().any(|problem| problem.path.starts_with(path))
    }

    pub(super) fn reread_templates(&mut self) {
        let (templates, problems) = read_templates(&self.options.root);
        self.source.templates = templates;
        self.source.problems.retain(|known| !known.path.starts_with("templates"));
        self.source.problems.extend(problems.iter().cloned());
        // Pages' fingerprints hash the templates' texts: they are rendered again when asked for.
        self.compile_templates();
        if !problems.is_empty() {
            self.problems.entry(Origin::Templates).or_default().extend(problems);
        }
    }

    pub(super) fn reread_static(&mut self, changed: &[PathBuf]) {
        let (files, problems) = read_static(&self.options.root);
        let names: Vec<String> = static_list(&files).into_iter().map(|(name, _)| name).collect();
        let changed: Vec<String> = changed.iter().map(|path| path.to_string_lossy().replace('\\', "/")).collect();
        let touched =
            |name: &str| changed.iter().any(|c| c.is_empty() || name == c || name.starts_with(&format!("{c}/")));
        for name in &names {
            if !self.static_names.contains(name) || touched(name) {
                self.pending_static.insert(name.clone());
                self.removed_static.remove(name);
            }
        }
        for name in &self.static_names {
            if !names.contains(name) {
                self.pending_static.remove(name);
                self.removed_static.insert(name.clone());
            }
        }
        // A stylesheet or script with new content has a new fingerprinted name, which every
        // page links to: `site.assets` changes, and with it every page's fingerprint.
        let before = std::mem::replace(&mut self.source.static_files, files);
        self.keep_static_files(before);
        self.static_names = names;
        self.source.problems.retain(|known| !known.path.starts_with("static"));
        self.source.problems.extend(problems.iter().cloned());
        self.set_problems(Origin::Static, problems);
    }
}
