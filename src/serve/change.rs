//! File events -> what they change in the site.

use std::path::{Component, Path, PathBuf};

use crate::source::{CONFIG_FILE, ContentKind, is_ignored};

/// What a changed path is to the site; the path is relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Change {
    /// `site.yaml` or a file of `i18n/` or `data/`: everything is rebuilt.
    Config,
    /// `content/articles/**/*.md`.
    Article(PathBuf),
    /// `content/topics/*.md`.
    Topic(PathBuf),
    /// `content/pages/*.md`: read again with everything (pages are few).
    Page(PathBuf),
    /// `content/entities.yaml`.
    Entities,
    /// Anything else under `content/`: a directory, or a file that does not belong there.
    OtherContent(PathBuf),
    /// Anything under `templates/`.
    Template(PathBuf),
    /// Anything under `static/`; the path is relative to `static/`.
    Static(PathBuf),
    /// The watcher lost track (overflow, error): everything is read again.
    Rescan,
}

/// The change a path (relative to the site root) makes; `None` for what the site never
/// reads: hidden files, editors' swap and backup files, and everything outside
/// `site.yaml`, `i18n/`, `content/`, `templates/` and `static/` (such as `public/`).
pub(crate) fn classify(relative: &Path) -> Option<Change> {
    let mut names = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(name) => names.push(name.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if names.iter().any(|name| is_ignored(name)) {
        return None;
    }
    let relative: PathBuf = names.iter().collect();
    match names.as_slice() {
        [] => None,
        [name] if *name == CONFIG_FILE => Some(Change::Config),
        // Interface and data files are few and every page may show them: the site is read again.
        [folder, ..] if *folder == crate::i18n::FOLDER || *folder == crate::source::DATA_FOLDER => Some(Change::Config),
        ["content", ..] => Some(match ContentKind::of(&relative) {
            Some(ContentKind::Article) => Change::Article(relative),
            Some(ContentKind::Topic) => Change::Topic(relative),
            // Authors and measures, like pages, are read again with the whole site.
            Some(ContentKind::Page | ContentKind::Authors | ContentKind::Measures) => Change::Page(relative),
            Some(ContentKind::Entities) => Change::Entities,
            None => Change::OtherContent(relative),
        }),
        ["templates", ..] => Some(Change::Template(relative)),
        ["static", rest @ ..] => Some(Change::Static(rest.iter().collect())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Option<Change> {
        classify(Path::new(path))
    }

    #[test]
    fn sorts_site_files_by_what_they_change() {
        assert_eq!(kind("site.yaml"), Some(Change::Config));
        assert_eq!(kind("i18n/de.yaml"), Some(Change::Config));
        assert_eq!(kind("data/desks.yaml"), Some(Change::Config));
        assert_eq!(
            kind("content/articles/2025/aws.md"),
            Some(Change::Article(PathBuf::from("content/articles/2025/aws.md")))
        );
        assert_eq!(kind("content/topics/chips.md"), Some(Change::Topic(PathBuf::from("content/topics/chips.md"))));
        assert_eq!(kind("content/pages/about.md"), Some(Change::Page(PathBuf::from("content/pages/about.md"))));
        assert_eq!(kind("content/entities.yaml"), Some(Change::Entities));
        let measures = Some(Change::Page(PathBuf::from("content/measures.yaml")));
        assert_eq!(kind("content/measures.yaml"), measures, "read again with the whole site");
        assert_eq!(kind("templates/base.html"), Some(Change::Template(PathBuf::from("templates/base.html"))));
        assert_eq!(kind("static/img/map.png"), Some(Change::Static(PathBuf::from("img/map.png"))));
        assert_eq!(kind("static"), Some(Change::Static(PathBuf::new())));
    }

    #[test]
    fn other_content_is_neither_article_nor_topic() {
        for path in ["content/articles/2025", "content/notes.txt", "content/topics/sub/x.md", "content"] {
            assert_eq!(kind(path), Some(Change::OtherContent(PathBuf::from(path))), "{path}");
        }
    }

    #[test]
    fn ignores_editor_files_and_everything_else() {
        for path in [
            "content/articles/.aws.md.swp",
            "content/articles/aws.md~",
            "content/articles/#aws.md#",
            "content/articles/.hidden/x.md",
            "templates/base.html.tmp",
            "public/index.html",
            "public/articles/x/index.html",
            "target/debug/x",
            "site.yaml.swp",
            ".git/index",
            "../site.yaml",
            "/etc/passwd",
            "",
        ] {
            assert_eq!(kind(path), None, "{path}");
        }
    }
}
