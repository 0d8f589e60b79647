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
    /// For stylesheets and scripts: a hash of the content, which goes into a second,
    /// cacheable-forever copy of the file (`style.3f2a1c9e.css`).
    pub fingerprint: Option<String>,
}

/// Files that get a content-hashed copy: what templates link as stylesheets and scripts.
pub fn is_fingerprinted(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "css" || e == "js")
}

/// Eight hex digits of the 64-bit FNV-1a hash of `bytes`: stable across platforms and versions.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash =
        bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{:08x}", (hash >> 32) as u32 ^ hash as u32)
}

/// `style.css` with fingerprint `3f2a1c9e` -> `style.3f2a1c9e.css`.
pub fn fingerprinted_name(name: &str, fingerprint: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{fingerprint}.{extension}")
        }
        _ => format!("{name}.{fingerprint}"),
    }
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
        source.read_content();
        let (templates, mut problems) = read_templates(root);
        source.templates = templates;
        source.problems.append(&mut problems);
        let (static_files, mut problems) = read_static(root);
        source.static_files = static_files;
        source.problems.append(&mut problems);
        source
    }

    /// Reads `content/`: articles, topics and entities.
    fn read_content(&mut self) {
        let root = self.root.as_path();
        let (content_paths, mut problems) = walk(root, "content");
        self.problems.append(&mut problems);
        let mut article_paths = Vec::new();
        for relative in content_paths {
            match ContentKind::of(&relative) {
                Some(ContentKind::Entities) => match read_text(root, &relative) {
                    Ok(file) => self.entities = Some(file),
                    Err(problem) => self.problems.push(problem),
                },
                Some(ContentKind::Article) => article_paths.push(relative),
                Some(ContentKind::Topic) => match read_text(root, &relative) {
                    Ok(file) => self.topics.push(file),
                    Err(problem) => self.problems.push(problem),
                },
                None => self.problems.push(unexpected_content(relative)),
            }
        }
        let articles: Vec<Result<TextFile, Diagnostic>> =
            article_paths.par_iter().map(|relative| read_text(root, relative)).collect();
        for article in articles {
            match article {
                Ok(file) => self.articles.push(file),
                Err(problem) => self.problems.push(problem),
            }
        }
    }
}

/// What a file under `content/` is, by its path relative to the site root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Article,
    Topic,
    Entities,
}

impl ContentKind {
    /// `None` for a file that does not belong in `content/`.
    pub fn of(relative: &Path) -> Option<ContentKind> {
        let under_content = relative.strip_prefix("content").ok()?;
        let is_markdown = relative.extension().is_some_and(|e| e == "md");
        if relative == Path::new(ENTITIES_FILE) {
            Some(ContentKind::Entities)
        } else if is_markdown && under_content.starts_with("articles") {
            Some(ContentKind::Article)
        } else if is_markdown && under_content.parent() == Some(Path::new("topics")) {
            Some(ContentKind::Topic)
        } else {
            None
        }
    }
}

/// The problem of a file in `content/` that is neither an article, a topic nor the entities.
pub fn unexpected_content(relative: PathBuf) -> Diagnostic {
    Diagnostic::whole_file(
        relative,
        "unexpected file: content/ holds articles/**/*.md, topics/*.md and entities.yaml; put images and other files in static/",
    )
}

/// The templates under `root/templates/`, named relative to it (`article.html`).
pub fn read_templates(root: &Path) -> (Vec<TextFile>, Vec<Diagnostic>) {
    let (template_paths, mut problems) = walk(root, "templates");
    let mut templates = Vec::new();
    for relative in template_paths {
        match read_text(root, &relative) {
            Ok(mut file) => {
                file.path = relative.strip_prefix("templates").unwrap_or(&relative).to_path_buf();
                templates.push(file);
            }
            Err(problem) => problems.push(problem),
        }
    }
    (templates, problems)
}

/// The files under `root/static/`, sorted.
pub fn read_static(root: &Path) -> (Vec<StaticFile>, Vec<Diagnostic>) {
    let (static_paths, problems) = walk(root, "static");
    let mut problems = problems;
    let files = static_paths
        .into_iter()
        .filter_map(|relative| {
            let absolute = root.join(&relative);
            let fingerprint = if is_fingerprinted(&relative) {
                match fs::read(&absolute) {
                    Ok(bytes) => Some(fingerprint(&bytes)),
                    Err(error) => {
                        problems.push(Diagnostic::whole_file(&relative, format!("cannot read the file: {error}")));
                        return None;
                    }
                }
            } else {
                None
            };
            Some(StaticFile {
                absolute,
                relative: relative.strip_prefix("static").unwrap_or(&relative).to_path_buf(),
                fingerprint,
            })
        })
        .collect();
    (files, problems)
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
