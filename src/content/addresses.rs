//! What front matter says of addresses and of the site's own fields: `aliases:` (old
//! addresses that redirect), `canonical:` (the original of a syndicated copy) and
//! `extra:` (a free-form map for templates).

use std::path::Path;

use super::front_matter::{Split, locate};
use crate::diagnostic::Diagnostic;
use crate::yaml;

/// An old address of a page, as written in `aliases:`: a path of the site without its base
/// path (`/articles/old-slug/`), and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

/// The aliases of a file, each checked; a problem for each that is not a path of the site.
pub(super) fn read_aliases(
    written: &[String],
    parts: &Split<'_>,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Alias> {
    let mut aliases = Vec::with_capacity(written.len());
    for alias in written {
        let alias = alias.trim();
        let (line, column) = locate(parts, "aliases", Some(alias));
        match alias_problem(alias) {
            Some(message) => problems.push(Diagnostic::new(path, line, column, message)),
            None => aliases.push(Alias { path: alias.to_owned(), line, column }),
        }
    }
    aliases
}

/// Why `alias` cannot be an old address of a page of this site, if it cannot.
pub fn alias_problem(alias: &str) -> Option<String> {
    const FORM: &str = "an alias is a path of this site without its base path, such as `/articles/old-slug/`";
    if alias.contains("://") || alias.starts_with("//") {
        return Some(format!("the alias `{alias}` leaves the site: {FORM}"));
    }
    if !alias.starts_with('/') {
        return Some(format!("the alias `{alias}` does not start with `/`: {FORM}"));
    }
    if alias == "/" {
        return Some("the alias `/` is the home page's address: an alias names an old address no page has".to_owned());
    }
    if let Some(bad) = alias.chars().find(|&c| !(c.is_alphanumeric() || "-_./~".contains(c))) {
        return Some(format!(
            "the alias `{alias}` has `{bad}`, which a path of a page does not: use letters, digits, `-`, `_`, `.`, `~` and `/`"
        ));
    }
    if alias.split('/').any(|segment| segment == ".." || segment == ".") || alias.contains("//") {
        return Some(format!("the alias `{alias}` has an empty, `.` or `..` segment: {FORM}"));
    }
    if !(alias.ends_with('/') || alias.ends_with(".html")) {
        return Some(format!(
            "the alias `{alias}` names a file a browser would not show as a page: end it with `/` (`{alias}/`) or `.html`"
        ));
    }
    None
}

/// `canonical:` checked: an absolute http(s) address, else a problem at its value.
pub(super) fn read_canonical(
    written: Option<&str>,
    parts: &Split<'_>,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let canonical = written?.trim();
    let is_address = url::Url::parse(canonical)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some());
    if !is_address {
        let (line, column) = locate(parts, "canonical", Some(canonical));
        problems.push(Diagnostic::new(
            path,
            line,
            column,
            format!(
                "`canonical: {canonical}` is not an absolute address: write the original's, such as `https://example.com/original-story`"
            ),
        ));
        return None;
    }
    Some(canonical.to_owned())
}

/// `extra:` checked: a map (of anything), else a problem at its key.
pub(super) fn read_extra(
    written: Option<yaml::Value>,
    parts: &Split<'_>,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<yaml::Value> {
    match written? {
        yaml::Value::Null => None,
        value @ yaml::Value::Mapping(_) => Some(value),
        _ => {
            let (line, column) = locate(parts, "extra", None);
            problems.push(Diagnostic::new(
                path,
                line,
                column,
                "`extra` is a map of the site's own fields, such as `extra: { desk: Tokyo }`",
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::alias_problem;

    #[test]
    fn an_alias_is_a_path_of_the_site_that_ends_as_a_page() {
        for good in ["/articles/old-slug/", "/2024/05/old.html", "/fr/articles/ancien/", "/dossiers/puces/"] {
            assert_eq!(alias_problem(good), None, "{good}");
        }
        for (bad, said) in [
            ("https://elsewhere.example/x/", "leaves the site"),
            ("//elsewhere.example/x/", "leaves the site"),
            ("articles/x/", "does not start with `/`"),
            ("/", "home page"),
            ("/a b/", "has ` `"),
            ("/a/../b/", "`..` segment"),
            ("/a//b/", "empty"),
            ("/old-page", "end it with `/` (`/old-page/`)"),
            ("/x?y=1/", "has `?`"),
        ] {
            let message = alias_problem(bad).unwrap_or_default();
            assert!(message.contains(said), "{bad}: {message}");
        }
    }
}
