//! Front matter: split the `---` block off a file and read it into typed structs.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::yaml::{self, Document, YamlError};

/// The front matter of an article, exactly as written in the file.
///
/// `import` serialises this same type, so what it writes is what the build reads.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct FrontMatter {
    #[serde(deserialize_with = "yaml::required_text")]
    pub title: String,
    pub date: DateValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateValue>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organizations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Shared by the versions of one story in different languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_key: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// The article's share image: a path under the output root (`/images/x.jpg`) or an absolute URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Lists of further taxonomies named in `site.yaml`; anything else is an unknown field.
    #[serde(flatten)]
    pub other: BTreeMap<String, yaml::Value>,
}

/// The built-in fields of an article's front matter, for suggestions.
pub const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "topics",
    "tags",
    "organizations",
    "regions",
    "source",
    "lang",
    "slug",
    "translation_key",
    "draft",
    "image",
];

impl FrontMatter {
    /// The terms written under the built-in taxonomy `name`; `None` for any other name.
    pub fn builtin_terms(&self, name: &str) -> Option<&Vec<String>> {
        match name {
            "tags" => Some(&self.tags),
            "organizations" => Some(&self.organizations),
            "regions" => Some(&self.regions),
            _ => None,
        }
    }
}

/// Whether `field` is a built-in taxonomy (read only when site.yaml declares it).
pub fn is_taxonomy_field(field: &str) -> bool {
    crate::taxonomies::builtin(field).is_some()
}

/// Where a report came from.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateValue>,
}

/// The front matter of a topic.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TopicFrontMatter {
    #[serde(deserialize_with = "yaml::required_text")]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub weight: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

pub const TOPIC_FIELDS: &[&str] = &["title", "summary", "weight", "keywords"];

/// A date as written: either a full RFC 3339 date-time or a bare calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    DateTime(DateTime<FixedOffset>),
    Date(NaiveDate),
}

/// The years a date may have: a briefing's dates are recent, and feeds and sitemaps only
/// carry four-digit years. A year outside is a typing slip (`20255`, `-2025`).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

impl DateValue {
    pub fn parse(text: &str) -> Result<DateValue, String> {
        let text = text.trim();
        let value = if let Ok(date_time) = DateTime::parse_from_rfc3339(text) {
            Some(DateValue::DateTime(date_time))
        } else {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(DateValue::Date)
        };
        if let Some(value) = value {
            let year = value.to_fixed().year();
            if !YEARS.contains(&year) {
                return Err(format!(
                    "the year of `{text}` is {year}: a date's year is from {} to {}",
                    YEARS.start(),
                    YEARS.end()
                ));
            }
            return Ok(value);
        }
        Err(format!(
            "invalid date `{text}`: write an RFC 3339 date-time (2025-07-25T08:44:00+02:00) or a date (2025-07-25)"
        ))
    }

    /// The instant, a bare date being midnight UTC.
    pub fn to_fixed(self) -> DateTime<FixedOffset> {
        match self {
            DateValue::DateTime(date_time) => date_time,
            DateValue::Date(date) => Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)).fixed_offset(),
        }
    }

    pub fn has_time(self) -> bool {
        matches!(self, DateValue::DateTime(_))
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::DateTime(date_time) => f.write_str(&date_time.to_rfc3339()),
            DateValue::Date(date) => write!(f, "{}", date.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DateValue, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateValue::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A file split at its front matter: the YAML text and the body, with the
/// 1-based file line each starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

impl Split<'_> {
    /// The front matter as a YAML document placed in its file.
    pub fn document(&self) -> Document<'_> {
        Document::block(self.yaml, self.yaml_line)
    }
}

/// A front-matter problem, located in the file.
pub type FrontMatterError = YamlError;

fn problem(line: usize, column: usize, message: &str) -> YamlError {
    YamlError { line, column, message: message.to_owned() }
}

/// Splits `---\nYAML\n---\nbody`. A leading byte-order mark is allowed.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(problem(0, 0, "the file is empty: start it with a front-matter block between `---` lines"));
    }
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.trim_end() != "---" {
        return Err(problem(
            1,
            1,
            "expected `---` on the first line: a file starts with its front matter between `---` lines",
        ));
    }
    let yaml_start = first_line.len() + if text[first_line.len()..].starts_with("\r\n") { 2 } else { 1 };
    let mut offset = yaml_start.min(text.len());
    for (line_number, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[yaml_start.min(offset)..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split { yaml, yaml_line: 2, body, body_line: line_number + 1 });
        }
        offset += line.len();
    }
    Err(problem(1, 1, "the front matter is not closed: add a line `---` after its last field"))
}

/// Reads a YAML block into `T`; errors are located in the file, with suggestions for unknown fields.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(split: &Split<'_>, fields: &[&str]) -> Result<T, YamlError> {
    if split.yaml.trim().is_empty() {
        return Err(problem(1, 1, "the front matter is empty: it needs at least `title` and `date`"));
    }
    yaml::parse(&split.document(), fields)
}

/// Where a top-level `key` (and, if given, one of its values) is in the front matter,
/// as a 1-based file line and column. Used to locate problems found after parsing.
pub fn locate(split: &Split<'_>, key: &str, value: Option<&str>) -> (usize, usize) {
    yaml::locate(&split.document(), key, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Result<FrontMatter, FrontMatterError> {
        let split = split(text)?;
        parse_yaml(&split, ARTICLE_FIELDS)
    }

    #[test]
    fn splits_front_matter_from_body() {
        let parts = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(parts.yaml, "title: A\n");
        assert_eq!(parts.body, "Body\n");
        assert_eq!(parts.body_line, 4);
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let error = split("---\ntitle: A\nBody\n").unwrap_err();
        assert!(error.message.contains("not closed"), "{}", error.message);
    }

    #[test]
    fn reads_a_full_article() {
        let front = article(
            "---\ntitle: \"Amazon closes a lab\"\ndate: 2025-07-25T08:44:00+02:00\nupdated: 2025-07-26\ntopics: [a]\nsource:\n  name: AFP\n  published: 2025-07-25T08:44:00+02:00\n---\n",
        )
        .unwrap();
        assert_eq!(front.title, "Amazon closes a lab");
        assert_eq!(front.date.to_string(), "2025-07-25T08:44:00+02:00");
        assert_eq!(front.updated, Some(DateValue::Date(NaiveDate::from_ymd_opt(2025, 7, 26).unwrap())));
        assert_eq!(front.source.unwrap().name, "AFP");
    }

    #[test]
    fn errors_name_the_file_line_not_the_yaml_line() {
        let error = article("---\ntitle: A\ndate: 2025-13-45\n---\n").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.message.contains("invalid date `2025-13-45`"), "{}", error.message);
    }

    #[test]
    fn wrong_type_is_located() {
        let error = article("---\ntitle: A\ndate: 2025-01-01\ntopics: 3\n---\n").unwrap_err();
        assert_eq!(error.line, 4);
        assert!(error.message.contains("topics"), "{}", error.message);
    }

    #[test]
    fn missing_title_is_reported() {
        let error = article("---\ndate: 2025-01-01\n---\n").unwrap_err();
        assert!(error.message.contains("missing field `title`"), "{}", error.message);
    }

    #[test]
    fn locate_finds_values_in_flow_and_block_lists() {
        let text = "---\ntitle: A\ntopics: [one, two]\ntags:\n  - x\n  - yy\n---\n";
        let parts = split(text).unwrap();
        assert_eq!(locate(&parts, "topics", Some("two")), (3, 15));
        assert_eq!(locate(&parts, "tags", Some("yy")), (6, 5));
        assert_eq!(locate(&parts, "title", None), (2, 1));
    }

    #[test]
    fn years_outside_the_range_are_refused_at_their_line() {
        for date in ["-2025-01-01", "+20255-01-01", "1066-10-14"] {
            let error = article(&format!("---\ntitle: A\ndate: {date}\n---\n")).unwrap_err();
            assert_eq!(error.line, 3, "{date}: {error:?}");
            assert!(error.message.contains("year"), "{}", error.message);
        }
    }

    #[test]
    fn nested_field_errors_are_located_at_the_field() {
        let error =
            article("---\ntitle: A\ndate: 2025-01-01\nsource:\n  name: X\n  published: 1850-01-01\n---\n").unwrap_err();
        assert_eq!(error.line, 6, "{error:?}");
        let error = article("---\ntitle: A\ndate: 2025-01-01\nsource:\n  name: X\n  nme: Y\n---\n").unwrap_err();
        assert_eq!((error.line, error.column), (6, 3), "{error:?}");
        assert!(error.message.contains("did you mean `name`"), "{}", error.message);
    }

    #[test]
    fn null_title_is_no_title() {
        let error = article("---\ntitle: ~\ndate: 2025-01-01\n---\n").unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
        assert!(error.message.contains("`title`"), "{}", error.message);
    }

    #[test]
    fn front_matter_round_trips_through_yaml() {
        let text = "---\ntitle: T\ndate: 2025-07-25T08:44:00+02:00\nsummary: S\ntopics: [a]\ntags: [b]\nsource:\n  name: AFP\n  url: https://example.org/x\n---\n";
        let front = article(text).unwrap();
        let yaml = yaml::to_string(&front);
        let again = article(&format!("---\n{yaml}---\n")).unwrap();
        assert_eq!(front, again);
    }
}
