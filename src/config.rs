//! `site.yaml`: the site's configuration.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, suggestion};

/// The taxonomies a site has when `site.yaml` names none.
pub const DEFAULT_TAXONOMIES: [&str; 3] = ["tags", "organizations", "regions"];

/// Fields of `site.yaml`, for "did you mean" suggestions.
const FIELDS: &[&str] =
    &["title", "base_url", "language", "description", "taxonomies", "feed_limit", "home_limit", "share_image"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_taxonomies")]
    taxonomies: Vec<String>,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    #[serde(default = "default_home_limit")]
    home_limit: usize,
    #[serde(default)]
    share_image: Option<String>,
}

fn default_language() -> String {
    "en".to_owned()
}

fn default_taxonomies() -> Vec<String> {
    DEFAULT_TAXONOMIES.iter().map(|t| t.to_string()).collect()
}

fn default_feed_limit() -> usize {
    20
}

fn default_home_limit() -> usize {
    20
}

/// The validated site configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    pub title: String,
    /// Absolute, without a trailing slash: `https://example.org/briefing`.
    pub base_url: String,
    /// The path part of `base_url`, without a trailing slash: `/briefing`, or `` at the root.
    pub base_path: String,
    pub language: String,
    pub description: String,
    pub taxonomies: Vec<String>,
    /// How many entries each Atom feed carries.
    pub feed_limit: usize,
    /// How many of the latest articles the home page lists.
    pub home_limit: usize,
    /// The image shared pages show when an article names none: a path under the output
    /// root (`/images/share.png`) or an absolute URL.
    pub share_image: Option<String>,
}

impl SiteConfig {
    /// Parses `site.yaml`'s text; `path` only names the file in diagnostics.
    pub fn parse(text: &str, path: &str) -> Result<SiteConfig, Diagnostic> {
        let raw: RawConfig = serde_yaml::from_str(text).map_err(|error| {
            let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
            Diagnostic::new(path, line, column, yaml_message(&error.to_string(), FIELDS))
        })?;
        let locate = |key: &str| key_line(text, key).unwrap_or(0);
        let (base_url, base_path) =
            split_base_url(&raw.base_url).map_err(|message| Diagnostic::new(path, locate("base_url"), 0, message))?;
        if raw.title.trim().is_empty() {
            return Err(Diagnostic::new(path, locate("title"), 0, "`title` is empty"));
        }
        let mut taxonomies: Vec<String> = Vec::new();
        for name in raw.taxonomies {
            let valid =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid || RESERVED_SECTIONS.contains(&name.as_str()) {
                return Err(Diagnostic::new(
                    path,
                    locate("taxonomies"),
                    0,
                    format!(
                        "taxonomy `{name}` cannot be used: a taxonomy name is lowercase ASCII letters, digits and `-`, and not one of {}",
                        RESERVED_SECTIONS.join(", ")
                    ),
                ));
            }
            if !taxonomies.contains(&name) {
                taxonomies.push(name);
            }
        }
        if raw.feed_limit == 0 {
            return Err(Diagnostic::new(path, locate("feed_limit"), 0, "`feed_limit` must be at least 1"));
        }
        Ok(SiteConfig {
            title: raw.title,
            base_url,
            base_path,
            language: raw.language,
            description: raw.description,
            taxonomies,
            feed_limit: raw.feed_limit,
            home_limit: raw.home_limit.max(1),
            share_image: raw.share_image.filter(|image| !image.trim().is_empty()),
        })
    }

    /// The same configuration served from another address (`--base-url`, `serve`).
    pub fn with_base_url(mut self, base_url: &str) -> Result<SiteConfig, String> {
        let (base_url, base_path) = split_base_url(base_url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(self)
    }
}

/// Output sections that a taxonomy would collide with.
const RESERVED_SECTIONS: &[&str] = &["articles", "topics", "archive", "search", "static"];

/// `https://example.org/briefing/` -> (`https://example.org/briefing`, `/briefing`).
fn split_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or_else(|| {
        format!("`base_url` must be an absolute http(s) URL such as `https://example.org/briefing`, not `{url}`")
    })?;
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host_ok =
        !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !host_ok || path.contains(['?', '#', ' ']) {
        return Err(format!("`base_url` `{url}` is not a valid URL: expected `https://host/optional/path`"));
    }
    let path = path.trim_end_matches('/');
    let base_path = if path.is_empty() { String::new() } else { format!("/{path}") };
    let scheme = if url.starts_with("https://") { "https://" } else { "http://" };
    Ok((format!("{scheme}{host}{base_path}"), base_path))
}

/// The 1-based line of a top-level `key:` in a YAML document.
pub fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
        .map(|i| i + 1)
}

/// serde_yaml's message without its trailing location, plus a suggestion for unknown fields.
pub fn yaml_message(message: &str, fields: &[&str]) -> String {
    let message = without_position(message);
    let message = message.strip_prefix(": ").unwrap_or(&message);
    if let Some((field, rest)) = message.split_once(": invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let wanted = match expected {
            "a sequence" => "a list such as `[a, b]`",
            "a string" => "text",
            "a boolean" => "`true` or `false`",
            "i64" | "u64" | "usize" | "an integer" => "a whole number",
            other => other,
        };
        return format!("`{field}` must be {wanted}, not {found}");
    }
    if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
        return format!("missing field `{field}`: add `{field}:` to the front matter");
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return match suggestion(field, fields.iter().copied()) {
            Some(known) => format!("unknown field `{field}`; did you mean `{known}`?"),
            None => format!("unknown field `{field}`; known fields: {}", fields.join(", ")),
        };
    }
    if is_syntax_error(message) {
        return format!("invalid YAML: {message} (look for an unclosed quote or bracket, or a missing `:`)");
    }
    message.to_owned()
}

/// serde_yaml's message without " at line L column C" (the diagnostic carries the position).
fn without_position(message: &str) -> String {
    let mut text = message.to_owned();
    while let Some(start) = text.find(" at line ") {
        let rest = &text[start + " at line ".len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let line_len = digits(rest);
        let after_line = &rest[line_len..];
        let Some(column_part) = after_line.strip_prefix(" column ") else { break };
        let end = start + " at line ".len() + line_len + " column ".len() + digits(column_part);
        text.replace_range(start..end, "");
    }
    text
}

/// Errors of the YAML syntax itself, as opposed to fields of the wrong shape.
fn is_syntax_error(message: &str) -> bool {
    ["did not find expected", "found unexpected", "while scanning", "while parsing", "mapping values are not allowed"]
        .iter()
        .any(|m| message.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_base_url() {
        let config = SiteConfig::parse("title: T\nbase_url: https://example.org/briefing/\n", "site.yaml").unwrap();
        assert_eq!(config.base_url, "https://example.org/briefing");
        assert_eq!(config.base_path, "/briefing");
        assert_eq!(config.taxonomies, DEFAULT_TAXONOMIES);
        let root = SiteConfig::parse("title: T\nbase_url: http://localhost:1111\n", "site.yaml").unwrap();
        assert_eq!(root.base_path, "");
    }

    #[test]
    fn rejects_relative_base_url_with_its_line() {
        let error = SiteConfig::parse("title: T\nbase_url: example.org\n", "site.yaml").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("absolute"), "{}", error.message);
    }

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let error = SiteConfig::parse("title: T\nbase_url: https://e.org\nlanguge: fr\n", "site.yaml").unwrap_err();
        assert_eq!((error.line, error.column), (3, 1));
        assert_eq!(error.message, "unknown field `languge`; did you mean `language`?");
    }

    #[test]
    fn reserved_taxonomy_is_refused() {
        let error = SiteConfig::parse("title: T\nbase_url: https://e.org\ntaxonomies: [tags, topics]\n", "site.yaml")
            .unwrap_err();
        assert_eq!(error.line, 3);
    }
}
