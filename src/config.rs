//! `site.yaml`: the site's configuration.

use serde::Deserialize;

use crate::content::front_matter::{ARTICLE_FIELDS, is_taxonomy_field};
use crate::content::is_valid_language;
use crate::diagnostic::Diagnostic;
use crate::yaml::{self, Document, WholeNumber};

/// Fields of `site.yaml`, for "did you mean" suggestions.
const FIELDS: &[&str] =
    &["title", "base_url", "language", "description", "taxonomies", "feed_limit", "home_limit", "share_image"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(deserialize_with = "yaml::required_text")]
    title: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_taxonomies")]
    taxonomies: Vec<String>,
    #[serde(default = "default_limit", deserialize_with = "yaml::whole_number")]
    feed_limit: WholeNumber,
    #[serde(default = "default_limit", deserialize_with = "yaml::whole_number")]
    home_limit: WholeNumber,
    #[serde(default)]
    share_image: Option<String>,
}

fn default_language() -> String {
    "en".to_owned()
}

fn default_taxonomies() -> Vec<String> {
    // The taxonomies a site has when `site.yaml` names none: the built-in ones.
    crate::taxonomies::BUILTIN.iter().map(|t| t.name.to_owned()).collect()
}

/// Entries of a feed and of the home page when site.yaml does not say.
fn default_limit() -> WholeNumber {
    WholeNumber(20)
}

/// What `feed_limit` and `home_limit` may be: a feed of a million entries is a mistake.
const LIMITS: std::ops::RangeInclusive<usize> = 1..=10_000;

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
        let document = Document::file(text);
        let raw: RawConfig = yaml::parse(&document, FIELDS).map_err(|error| error.in_file(path))?;
        let at = |key: &str, value: Option<&str>, message: String| {
            let (line, column) = yaml::locate(&document, key, value);
            Diagnostic::new(path, line, column, message)
        };
        let (base_url, base_path) = split_base_url(&raw.base_url).map_err(|message| at("base_url", None, message))?;
        if raw.title.trim().is_empty() {
            return Err(at("title", None, "`title` is empty".to_owned()));
        }
        // Checked here, once, rather than against every article that inherits it.
        if !is_valid_language(&raw.language) {
            return Err(at(
                "language",
                None,
                format!("`language: {:?}` is not a language tag such as `en` or `fr`", raw.language),
            ));
        }
        let mut taxonomies: Vec<String> = Vec::new();
        for name in raw.taxonomies {
            let valid =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid || RESERVED_SECTIONS.contains(&name.as_str()) {
                return Err(at(
                    "taxonomies",
                    Some(&name),
                    format!(
                        "taxonomy `{name}` cannot be used: a taxonomy name is lowercase ASCII letters, digits and `-`, and not one of {}",
                        RESERVED_SECTIONS.join(", ")
                    ),
                ));
            }
            // An article's `title:` cannot also be a list of terms.
            if ARTICLE_FIELDS.contains(&name.as_str()) && !is_taxonomy_field(name.as_str()) {
                return Err(at(
                    "taxonomies",
                    Some(&name),
                    format!("taxonomy `{name}` cannot be used: `{name}` is a field of an article's front matter"),
                ));
            }
            if taxonomies.contains(&name) {
                return Err(at("taxonomies", Some(&name), format!("taxonomy `{name}` is listed twice: keep one")));
            }
            taxonomies.push(name);
        }
        let feed_limit = raw.feed_limit.within("feed_limit", LIMITS).map_err(|m| at("feed_limit", None, m))?;
        let home_limit = raw.home_limit.within("home_limit", LIMITS).map_err(|m| at("home_limit", None, m))?;
        Ok(SiteConfig {
            title: raw.title,
            base_url,
            base_path,
            language: raw.language,
            description: raw.description,
            taxonomies,
            feed_limit,
            home_limit,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_base_url() {
        let config = SiteConfig::parse("title: T\nbase_url: https://example.org/briefing/\n", "site.yaml").unwrap();
        assert_eq!(config.base_url, "https://example.org/briefing");
        assert_eq!(config.base_path, "/briefing");
        assert_eq!(config.taxonomies, ["tags", "organizations", "regions"]);
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

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_key() {
        let config = SiteConfig::parse("\u{feff}title: T\nbase_url: https://e.org\n", "site.yaml").unwrap();
        assert_eq!(config.title, "T");
    }

    #[test]
    fn empty_language_is_reported_at_site_yaml() {
        let error = SiteConfig::parse("title: T\nbase_url: https://e.org\nlanguage: \"\"\n", "site.yaml").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.message.contains("language tag"), "{}", error.message);
    }

    #[test]
    fn limits_are_plain_words() {
        for value in ["-1", "99999999999999999999999999", "0"] {
            let text = format!("title: T\nbase_url: https://e.org\nfeed_limit: {value}\n");
            let error = SiteConfig::parse(&text, "site.yaml").unwrap_err();
            assert_eq!(error.line, 3, "{value}");
            assert_eq!(error.message, format!("`feed_limit` must be a whole number from 1 to 10000, not {value}"));
        }
    }

    #[test]
    fn taxonomies_clashing_with_fields_or_repeated_are_refused() {
        for list in ["[tags, title]", "[tags, date]", "[tags, tags]", "[slug]"] {
            let text = format!("title: T\nbase_url: https://e.org\ntaxonomies: {list}\n");
            let error = SiteConfig::parse(&text, "site.yaml").unwrap_err();
            assert_eq!(error.line, 3, "{list}");
        }
    }
}
