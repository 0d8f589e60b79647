//! The only reads of a build: walk a site root into memory.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// A text file of the site, with its path relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFile {
    pub path: PathBuf,
    pub text: String,
}

/// A file of `static/`: its path under `static/` and where to copy it from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub relative: PathBuf,
    pub absolute: PathBuf,
}

/// Everything a build reads, read once.
#[derive(Debug, Clone, Default)]
pub struct SiteSource {
    pub root: PathBuf,
    pub config: Option<TextFile>,
    pub articles: Vec<TextFile>,
    pub topics: Vec<TextFile>,
    pub entities: Option<TextFile>,
    /// Templates by name relative to `templates/` (`article.html`).
    pub templates: Vec<TextFile>,
    pub static_files: Vec<StaticFile>,
    /// Files that could not be read or do not belong where they are.
    pub problems: Vec<Diagnostic>,
}

pub const CONFIG_FILE: &str = "site.yaml";
pub const ENTITIES_FILE: &str = "content/entities.yaml";

impl SiteSource {
    /// Reads the site at `root`. Only a missing `site.yaml` or root is fatal; every
    /// other problem is collected so the build can report them all together.
    pub fn read(root: &Path) -> SiteSource {
        let mut source = SiteSource { root: root.to_path_buf(), ..SiteSource::default() };
        match read_text(root, Path::new(CONFIG_FILE)) {
            Ok(file) => source.config = Some(file),
            Err(problem) => source.problems.push(problem),
        }

        let (content_paths, mut problems) = walk(root, "content");
        source.problems.append(&mut problems);
        let mut article_paths = Vec::new();
        for relative in content_paths {
            let under_content = relative.strip_prefix("content").unwrap_or(&relative);
            let is_markdown = relative.extension().is_some_and(|e| e == "md");
            if relative == Path::new(ENTITIES_FILE) {
                match read_text(root, &relative) {
                    Ok(file) => source.entities = Some(file),
                    Err(problem) => source.problems.push(problem),
                }
            } else if is_markdown && under_content.starts_with("articles") {
                article_paths.push(relative);
            } else if is_markdown && under_content.parent() == Some(Path::new("topics")) {
                match read_text(root, &relative) {
                    Ok(file) => source.topics.push(file),
                    Err(problem) => source.problems.push(problem),
                }
            } else {
                source.problems.push(Diagnostic::whole_file(
                    relative,
                    "unexpected file: content/ holds articles/**/*.md, topics/*.md and entities.yaml; put images and other files in static/",
                ));
            }
        }
        let articles: Vec<Result<TextFile, Diagnostic>> =
            article_paths.par_iter().map(|relative| read_text(root, relative)).collect();
        for article in articles {
            match article {
                Ok(file) => source.articles.push(file),
                Err(problem) => source.problems.push(problem),
            }
        }

        let (template_paths, mut problems) = walk(root, "templates");
        source.problems.append(&mut problems);
        for relative in template_paths {
            match read_text(root, &relative) {
                Ok(mut file) => {
                    file.path = relative.strip_prefix("templates").unwrap_or(&relative).to_path_buf();
                    source.templates.push(file);
                }
                Err(problem) => source.problems.push(problem),
            }
        }

        let (static_paths, mut problems) = walk(root, "static");
        source.problems.append(&mut problems);
        source.static_files = static_paths
            .into_iter()
            .map(|relative| StaticFile {
                absolute: root.join(&relative),
                relative: relative.strip_prefix("static").unwrap_or(&relative).to_path_buf(),
            })
            .collect();
        source
    }
}

/// Reads one text file; `relative` is relative to `root` and names it in errors.
pub fn read_text(root: &Path, relative: &Path) -> Result<TextFile, Diagnostic> {
    let bytes = fs::read(root.join(relative))
        .map_err(|error| Diagnostic::whole_file(relative, format!("cannot read the file: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&error.as_bytes()[..offset]).unwrap_or_default();
        let (line, column) = crate::diagnostic::line_column(valid, offset);
        Diagnostic::new(relative, line, column, "the file is not valid UTF-8 text (is it a binary file?)")
    })?;
    Ok(TextFile { path: relative.to_path_buf(), text })
}

/// Files under `root/dir`, relative to `root`, sorted; hidden and editor files skipped.
fn walk(root: &Path, dir: &str) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let top = root.join(dir);
    if !top.is_dir() {
        return (files, problems);
    }
    let walker = WalkDir::new(&top).follow_links(true).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_str().unwrap_or(""))) {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
                files.push(relative);
            }
            Ok(_) => {}
            Err(error) => {
                let path = error.path().unwrap_or(&top);
                let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                let message = if error.loop_ancestor().is_some() {
                    "symbolic link loop: this link points to one of its own parent directories".to_owned()
                } else {
                    format!("cannot read: {}", error.io_error().map_or(error.to_string(), |e| e.to_string()))
                };
                problems.push(Diagnostic::whole_file(relative, message));
            }
        }
    }
    (files, problems)
}

/// Hidden files and editors' swap and backup files are never part of a site.
pub fn is_ignored(file_name: &str) -> bool {
    file_name.starts_with('.')
        || file_name.ends_with('~')
        || file_name.ends_with(".swp")
        || file_name.ends_with(".swx")
        || file_name.ends_with(".tmp")
        || (file_name.starts_with('#') && file_name.ends_with('#'))
}
