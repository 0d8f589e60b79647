//! Sourcing checks: every article links the report it summarises, and its dates are in order.
//!
//! A briefing lives on trust: a reader should be able to open the page an article rests on,
//! and an `updated:` date before the publication date is always a slip of the pen.

use std::collections::HashMap;
use std::path::Path;

use super::{Finding, Severity};
use crate::content::Article;
use crate::diagnostic::Diagnostic;

/// Warnings for articles without `source.url` and for an `updated:` earlier than `date:`.
/// `texts` holds each article's file text, for lines and columns.
pub(super) fn findings(articles: &[Article], texts: &HashMap<&Path, &str>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for article in articles {
        let text = texts.get(article.path.as_path()).copied().unwrap_or_default();
        // Parsing already refuses a `url` that is not http(s).
        if article.source.as_ref().and_then(|s| s.url.as_ref()).is_none() {
            let (line, column, message) = match article.source {
                Some(_) => {
                    let (line, column) = key_position(text, "source").unwrap_or((1, 1));
                    (line, column, "no `source.url`: link the report or primary document a reader can open")
                }
                None => {
                    let (line, column) = key_position(text, "title").unwrap_or((1, 1));
                    (
                        line,
                        column,
                        "no `source:`; name the report this article summarises, with a `url` a reader can open",
                    )
                }
            };
            findings.push(warning(&article.path, line, column, message.to_string()));
        }
        // Calendar days in each date's own offset: a bare `updated` on the day of a timed
        // `date` is the same day, not an earlier one.
        if let Some(updated) = article.updated
            && updated.date_naive() < article.date.date_naive()
        {
            let (line, column) = value_position(text, "updated").unwrap_or((1, 1));
            let message = format!(
                "`updated: {}` is earlier than `date: {}`; an update cannot come before publication",
                updated.date_naive(),
                article.date.date_naive()
            );
            findings.push(warning(&article.path, line, column, message));
        }
    }
    findings
}

fn warning(path: &Path, line: usize, column: usize, message: String) -> Finding {
    Finding { severity: Severity::Warning, diagnostic: Diagnostic::new(path, line, column, message) }
}

/// Line and column (1-based) of a top-level front-matter `key:`.
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    crate::yaml::key_line(text, key).map(|line| (line, 1))
}

/// Line and column (1-based) of the value of a top-level front-matter `key:`.
fn value_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let line = crate::yaml::key_line(text, key)?;
    let written = text.lines().nth(line - 1)?;
    let after_colon = written.find(':')? + 1;
    let spaces = written[after_colon..].len() - written[after_colon..].trim_start().len();
    Some((line, written[..after_colon + spaces].chars().count() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ParseContext;

    fn article(text: &str) -> Article {
        let context = ParseContext {
            default_language: "en",
            languages: &[],
            topics: &["t".to_string()],
            topic_titles: &[],
            taxonomies: &[],
        };
        Article::parse(Path::new("a.md"), text, &context).expect("a valid article")
    }

    fn messages(text: &str) -> Vec<String> {
        let texts = HashMap::from([(Path::new("a.md"), text)]);
        findings(&[article(text)], &texts).iter().map(|f| f.diagnostic.to_string()).collect()
    }

    #[test]
    fn a_sourced_article_in_order_is_fine() {
        let text = "---\ntitle: A\ndate: 2025-07-25T08:44:00+02:00\nupdated: 2025-07-25\ntopics: [t]\nsource:\n  name: AFP\n  url: \"https://example.org/a\"\n---\nBody.\n";
        assert_eq!(messages(text), Vec::<String>::new());
    }

    #[test]
    fn a_missing_source_points_at_the_title() {
        let text = "---\ntitle: A\ndate: 2025-01-02\ntopics: [t]\n---\nBody.\n";
        assert_eq!(
            messages(text),
            ["a.md:2:1: no `source:`; name the report this article summarises, with a `url` a reader can open"]
        );
    }

    #[test]
    fn a_source_without_url_points_at_the_source() {
        let text =
            "---\ntitle: A\ndate: 2025-01-02\ntopics: [t]\nsource:\n  name: AFP\n  published: 2025-01-02\n---\nBody.\n";
        assert_eq!(
            messages(text),
            ["a.md:5:1: no `source.url`: link the report or primary document a reader can open"]
        );
    }

    #[test]
    fn an_update_before_the_date_points_at_its_value() {
        let text = "---\ntitle: A\ndate: 2025-01-17\nupdated:   2024-12-06\ntopics: [t]\nsource:\n  name: AFP\n  url: \"https://example.org/a\"\n---\nBody.\n";
        assert_eq!(
            messages(text),
            [
                "a.md:4:12: `updated: 2024-12-06` is earlier than `date: 2025-01-17`; an update cannot come before publication"
            ]
        );
    }
}
