//! The only reads of a build: walk a site root into memory.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::route::fingerprint;

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
    /// For an image (JPEG, PNG, GIF, WebP): its width and height, read from the file's
    /// header, which pages give its `<img>` so that it takes its place before it loads.
    pub image_size: Option<(u32, u32)>,
    /// The file's size in bytes, for `check`'s report of images too heavy for a page.
    pub bytes: u64,
}

/// Files whose header gives an image's size.
pub fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["jpg", "jpeg", "png", "gif", "webp"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Files that get a content-hashed copy: what templates link as stylesheets and scripts.
pub fn is_fingerprinted(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "css" || e == "js")
}

/// Everything a build reads, read once.
#[derive(Debug, Clone, Default)]
pub struct SiteSource {
    pub root: PathBuf,
    pub config: Option<TextFile>,
    pub articles: Vec<TextFile>,
    pub topics: Vec<TextFile>,
    /// Standalone pages, `content/pages/*.md`.
    pub pages: Vec<TextFile>,
    pub entities: Option<TextFile>,
    /// `content/authors.yaml`.
    pub authors: Option<TextFile>,
    /// `content/measures.yaml`.
    pub measures: Option<TextFile>,
    /// Templates by name relative to `templates/` (`article.html`).
    pub templates: Vec<TextFile>,
    /// The site's interface files, `i18n/<lang>.yaml`, named relative to the root.
    pub i18n: Vec<TextFile>,
    /// The site's data files, `data/*.yaml`, named relative to the root.
    pub data: Vec<TextFile>,
    pub static_files: Vec<StaticFile>,
    /// Files that could not be read or do not belong where they are.
    pub problems: Vec<Diagnostic>,
    /// What the build skips but the author should hear of (hidden `.md` files in content/).
    pub warnings: Vec<Diagnostic>,
}

pub const CONFIG_FILE: &str = "site.yaml";
pub const ENTITIES_FILE: &str = "content/entities.yaml";
pub const AUTHORS_FILE: &str = "content/authors.yaml";
pub const MEASURES_FILE: &str = "content/measures.yaml";

/// The folder of the site's interface files (`i18n/<lang>.yaml`).
pub const I18N_FOLDER: &str = "i18n";

/// The folder of the site's data files (`data/<name>.yaml`), which templates read as `data.<name>`.
pub const DATA_FOLDER: &str = "data";

impl SiteSource {
    /// Reads the site at `root`. Only a missing `site.yaml` or root is fatal; every
    /// other problem is collected so the build can report them all together.
    pub fn read(root: &Path) -> SiteSource {
        let mut source = SiteSource { root: root.to_path_buf(), ..SiteSource::default() };
        match read_text(root, Path::new(CONFIG_FILE)) {
            Ok(file) => source.config = Some(file),
            // A missing site.yaml means no site here, which the build says in its own words.
            Err(problem) if fs::symlink_metadata(root.join(CONFIG_FILE)).is_ok() => source.problems.push(problem),
            Err(_) => {}
        }
        source.read_content();
        let (templates, mut problems) = read_templates(root);
        source.templates = templates;
        source.problems.append(&mut problems);
        let (static_files, mut problems) = read_static(root);
        source.static_files = static_files;
        source.problems.append(&mut problems);
        let (i18n, mut problems) = read_i18n(root);
        source.i18n = i18n;
        source.problems.append(&mut problems);
        let (data, mut problems) = read_data(root);
        source.data = data;
        source.problems.append(&mut problems);
        source
    }

    /// Reads `content/`: articles, topics and entities.
    fn read_content(&mut self) {
        let root = self.root.as_path();
        let walked = walk(root, "content");
        self.problems.extend(walked.problems);
        self.warnings.extend(walked.hidden_markdown.into_iter().map(|relative| {
            Diagnostic::whole_file(
                relative,
                "hidden file (its name starts with `.`), so not built; rename it to publish it",
            )
        }));
        let mut article_paths = Vec::new();
        for relative in walked.files {
            match ContentKind::of(&relative) {
                Some(ContentKind::Entities) => match read_walked_text(root, &relative) {
                    Ok(file) => self.entities = Some(file),
                    Err(problem) => self.problems.push(problem),
                },
                Some(ContentKind::Authors) => match read_walked_text(root, &relative) {
                    Ok(file) => self.authors = Some(file),
                    Err(problem) => self.problems.push(problem),
                },
                Some(ContentKind::Measures) => match read_walked_text(root, &relative) {
                    Ok(file) => self.measures = Some(file),
                    Err(problem) => self.problems.push(problem),
                },
                Some(ContentKind::Article) => article_paths.push(relative),
                Some(ContentKind::Topic) => match read_walked_text(root, &relative) {
                    Ok(file) => self.topics.push(file),
                    Err(problem) => self.problems.push(problem),
                },
                Some(ContentKind::Page) => match read_walked_text(root, &relative) {
                    Ok(file) => self.pages.push(file),
                    Err(problem) => self.problems.push(problem),
                },
                None => self.problems.push(unexpected_content(relative)),
            }
        }
        let articles: Vec<Result<TextFile, Diagnostic>> =
            article_paths.par_iter().map(|relative| read_walked_text(root, relative)).collect();
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
    Page,
    Entities,
    Authors,
    Measures,
}

impl ContentKind {
    /// `None` for a file that does not belong in `content/`.
    pub fn of(relative: &Path) -> Option<ContentKind> {
        let under_content = relative.strip_prefix("content").ok()?;
        let is_markdown = relative.extension().is_some_and(|e| e == "md");
        if relative == Path::new(ENTITIES_FILE) {
            Some(ContentKind::Entities)
        } else if relative == Path::new(AUTHORS_FILE) {
            Some(ContentKind::Authors)
        } else if relative == Path::new(MEASURES_FILE) {
            Some(ContentKind::Measures)
        } else if is_markdown && under_content.starts_with("articles") {
            Some(ContentKind::Article)
        } else if is_markdown && under_content.parent() == Some(Path::new("topics")) {
            Some(ContentKind::Topic)
        } else if is_markdown && under_content.parent() == Some(Path::new("pages")) {
            Some(ContentKind::Page)
        } else {
            None
        }
    }
}

/// The problem of a file in `content/` that is neither an article, a topic nor the entities.
pub fn unexpected_content(relative: PathBuf) -> Diagnostic {
    Diagnostic::whole_file(
        relative,
        "unexpected file: content/ holds articles/**/*.md, topics/*.md, pages/*.md, entities.yaml, authors.yaml and measures.yaml; put images and other files in static/",
    )
}

/// The templates under `root/templates/`, named relative to it (`article.html`).
pub fn read_templates(root: &Path) -> (Vec<TextFile>, Vec<Diagnostic>) {
    let Walked { files, mut problems, .. } = walk(root, "templates");
    let mut templates = Vec::new();
    for relative in files {
        match read_walked_text(root, &relative) {
            Ok(mut file) => {
                file.path = relative.strip_prefix("templates").unwrap_or(&relative).to_path_buf();
                templates.push(file);
            }
            Err(problem) => problems.push(problem),
        }
    }
    (templates, problems)
}

/// The data files under `root/data/`, named relative to the root (`data/desks.yaml`): YAML
/// files directly in the folder; anything else there is a problem.
pub fn read_data(root: &Path) -> (Vec<TextFile>, Vec<Diagnostic>) {
    let Walked { files, mut problems, .. } = walk(root, DATA_FOLDER);
    let mut texts = Vec::new();
    for relative in files {
        let is_yaml = relative.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !is_yaml || relative.parent() != Some(Path::new(DATA_FOLDER)) {
            problems.push(Diagnostic::whole_file(
                relative,
                "unexpected file: data/ holds YAML files (`data/<name>.yaml`), which templates read as `data.<name>`",
            ));
            continue;
        }
        match read_walked_text(root, &relative) {
            Ok(file) => texts.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    (texts, problems)
}

/// The interface files under `root/i18n/`, named relative to the root (`i18n/de.yaml`).
pub fn read_i18n(root: &Path) -> (Vec<TextFile>, Vec<Diagnostic>) {
    let Walked { files, mut problems, .. } = walk(root, I18N_FOLDER);
    let mut texts = Vec::new();
    for relative in files {
        match read_walked_text(root, &relative) {
            Ok(file) => texts.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    (texts, problems)
}

/// The files under `root/static/`, sorted.
pub fn read_static(root: &Path) -> (Vec<StaticFile>, Vec<Diagnostic>) {
    let Walked { files, mut problems, .. } = walk(root, "static");
    let files = files
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
            // A header that does not read leaves the image without a size, as before.
            let image_size = is_image(&relative)
                .then(|| imagesize::size(&absolute).ok())
                .flatten()
                .and_then(|size| Some((u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?)));
            let bytes = fs::metadata(&absolute).map_or(0, |metadata| metadata.len());
            Some(StaticFile {
                absolute,
                relative: relative.strip_prefix("static").unwrap_or(&relative).to_path_buf(),
                fingerprint,
                image_size,
                bytes,
            })
        })
        .collect();
    (files, problems)
}

/// Reads one text file; `relative` is relative to `root` and names it in errors. A file
/// reached through a symbolic link that leads outside the root is refused.
pub fn read_text(root: &Path, relative: &Path) -> Result<TextFile, Diagnostic> {
    let path = root.join(relative);
    if let (Ok(real_root), Ok(real)) = (fs::canonicalize(root), fs::canonicalize(&path))
        && !real.starts_with(&real_root)
    {
        return Err(outside_root(relative, &real));
    }
    read_walked_text(root, relative)
}

/// Reads a text file that `walk` found, so whose links were already checked.
fn read_walked_text(root: &Path, relative: &Path) -> Result<TextFile, Diagnostic> {
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

/// The problem of a symbolic link whose target (`real`) is outside the site root.
fn outside_root(relative: &Path, real: &Path) -> Diagnostic {
    Diagnostic::whole_file(
        relative,
        format!(
            "symbolic link to `{}`, outside the site root: briefing never reads outside the site; copy the file into the site instead",
            real.display()
        ),
    )
}

/// What `walk` found under one folder of the site.
#[derive(Debug, Default)]
struct Walked {
    /// Files, relative to the root, sorted.
    files: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
    /// Hidden Markdown files: skipped like every hidden file, but likely meant to be articles.
    hidden_markdown: Vec<PathBuf>,
}

/// Files under `root/dir`, relative to `root`, sorted; hidden and editor files skipped.
/// Links are followed only while they stay inside the root: one that leads outside is a
/// problem, and nothing behind it is read.
fn walk(root: &Path, dir: &str) -> Walked {
    let mut walked = Walked::default();
    let top = root.join(dir);
    if !top.is_dir() {
        return walked;
    }
    let Ok(real_root) = fs::canonicalize(root) else {
        return walked;
    };
    let relative_of = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let mut walker = WalkDir::new(&top).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(&top);
                let message = if error.loop_ancestor().is_some() {
                    "symbolic link loop: this link points to one of its own parent directories".to_owned()
                } else {
                    format!("cannot read: {}", error.io_error().map_or(error.to_string(), |e| e.to_string()))
                };
                walked.problems.push(Diagnostic::whole_file(relative_of(path), message));
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        let name = entry.file_name().to_str().unwrap_or("");
        if entry.depth() > 0 && is_ignored(name) {
            if is_hidden_markdown(name) && entry.file_type().is_file() {
                walked.hidden_markdown.push(relative_of(entry.path()));
            }
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        // Only a link can lead outside: everything below a checked folder is inside it.
        if entry.path_is_symlink() || entry.depth() == 0 {
            let real = fs::canonicalize(entry.path()).unwrap_or_default();
            if !real.starts_with(&real_root) {
                walked.problems.push(outside_root(&relative_of(entry.path()), &real));
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            walked.files.push(relative_of(entry.path()));
        }
    }
    walked
}

/// `.draft.md`: hidden, so skipped, though its name says it is an article.
fn is_hidden_markdown(file_name: &str) -> bool {
    // `.#name.md` is an editor's lock file, not a hidden article.
    file_name.starts_with('.') && !file_name.starts_with(".#") && file_name.ends_with(".md")
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
