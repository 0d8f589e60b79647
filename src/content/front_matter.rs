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
    /// Ids of `content/authors.yaml`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
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
    /// What `image` shows, in words, for those who cannot see it (`og:image:alt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    /// Dated notes of what changed since publication, each possibly a correction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<UpdateNote>,
    /// Slugs of the stories this one follows or responds to: they make a thread.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follows: Vec<String>,
    /// Old addresses of the article (`/articles/old-slug/`), which redirect to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The address of the original of a syndicated copy, which search engines should index instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// The site's own fields for its templates: free-form, unlike every other key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<yaml::Value>,
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
    "authors",
    "lang",
    "slug",
    "translation_key",
    "draft",
    "image",
    "image_alt",
    "updates",
    "follows",
    "aliases",
    "canonical",
    "extra",
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
    /// The reporters of the original report, as it names them (`import` keeps them here
    /// rather than in the body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
}

/// One entry of `updates:`: when the article changed and what changed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateNote {
    pub date: DateValue,
    #[serde(deserialize_with = "yaml::required_text")]
    pub note: String,
    /// A correction of something the article said, as opposed to news added to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub correction: bool,
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
    /// Old addresses of the topic's page, which redirect to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<yaml::Value>,
}

pub const TOPIC_FIELDS: &[&str] = &["title", "summary", "weight", "keywords", "aliases", "extra"];

/// The front matter of a standalone page (`content/pages/about.md`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    #[serde(deserialize_with = "yaml::required_text")]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// A shorter title for navigation links (`About` for `About this briefing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nav: Option<String>,
    /// Where the page comes in `site.pages`: lighter first.
    #[serde(default)]
    pub weight: i64,
    /// A list the site makes, shown after the page's text (`list: corrections`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<PageList>,
    /// Old addresses of the page, which redirect to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<yaml::Value>,
}

/// The lists a standalone page can show after its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageList {
    /// Every correction of `updates:` in the page's language, newest first.
    Corrections,
}

pub const PAGE_FIELDS: &[&str] = &["title", "summary", "slug", "nav", "weight", "list", "aliases", "extra"];

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
        } else if is_padded_date(text) {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(DateValue::Date)
        } else {
            None
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
        Err(date_problem(text))
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

/// `YYYY-MM-DD` with every digit written, as RFC 3339 and YAML dates have it.
fn is_padded_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
}

/// Why `text` is not a date, saying which part is wrong and, where it can be known, the
/// value to write instead.
fn date_problem(text: &str) -> String {
    const FORMS: &str = "write a date (2025-07-25) or a date-time with its UTC offset (2025-07-25T08:44:00+02:00)";
    let (date_part, time_part) = match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], Some((&text[at..at + 1], text[at + 1..].trim_start()))),
        None => (text, None),
    };
    // From the right, so that a sign stays with the year (`-2025-01-01`).
    let numbers: Vec<&str> = date_part.rsplitn(3, '-').collect();
    let [day, month, year] = numbers[..] else {
        return format!("invalid date `{text}`: {FORMS}");
    };
    let (Ok(y), Ok(m), Ok(d)) = (year.parse::<i32>(), month.parse::<u32>(), day.parse::<u32>()) else {
        return format!("invalid date `{text}`: {FORMS}");
    };
    if !YEARS.contains(&y) {
        return format!("the year of `{text}` is {y}: a date's year is from {} to {}", YEARS.start(), YEARS.end());
    }
    if !(1..=12).contains(&m) {
        return format!("invalid date `{text}`: there is no month {m}; the month comes second (YYYY-MM-DD)");
    }
    let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
        let days = (28..=31).rev().find(|&last| NaiveDate::from_ymd_opt(y, m, last).is_some()).unwrap_or(28);
        let month_name = NaiveDate::from_ymd_opt(y, m, 1).map(|first| first.format("%B %Y").to_string());
        return format!(
            "invalid date `{text}`: {} has {days} days, so there is no day {d}",
            month_name.unwrap_or_default()
        );
    };
    let padded = date.format("%Y-%m-%d").to_string();
    let Some((separator, time)) = time_part else {
        return format!("invalid date `{text}`: write the month and day with two digits each, `{padded}`");
    };
    // The time, read leniently so that the message can show it corrected.
    let offset_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, offset) = time.split_at(offset_at);
    let parts: Vec<&str> = clock.split(':').collect();
    let clock_numbers: Option<Vec<u32>> = parts.iter().map(|p| p.split('.').next()?.parse().ok()).collect();
    let Some(clock_numbers) = clock_numbers.filter(|n| (2..=3).contains(&n.len())) else {
        return format!(
            "invalid date `{text}`: the time `{time}` is not hours and minutes such as `08:44:00`; {FORMS}"
        );
    };
    let (hour, minute, second) = (clock_numbers[0], clock_numbers[1], clock_numbers.get(2).copied().unwrap_or(0));
    if hour > 23 || minute > 59 || second > 60 {
        return format!("invalid date `{text}`: the time `{clock}` is not a time of day (00:00:00 to 23:59:59)");
    }
    let clock = format!("{hour:02}:{minute:02}:{second:02}");
    let offset_written = if offset.is_empty() { None } else { Some(offset) };
    let parses = |offset: &str| DateTime::parse_from_rfc3339(&format!("{padded}T{clock}{offset}")).is_ok();
    let offset_valid = offset_written.is_some_and(parses);
    // `+0200` and `+02` are offsets written short: show them with their colon.
    let offset_mended = offset_written.filter(|_| !offset_valid).and_then(|offset| {
        let (sign, digits) = offset.split_at(1);
        let mended = match digits.len() {
            4 => format!("{sign}{}:{}", &digits[..2], &digits[2..]),
            2 => format!("{sign}{digits}:00"),
            _ => return None,
        };
        parses(&mended).then_some(mended)
    });
    let suggested_offset = match (&offset_mended, offset_written) {
        (Some(mended), _) => mended.as_str(),
        (None, Some(written)) if offset_valid => written,
        _ => "+00:00",
    };
    let corrected = format!("{padded}T{clock}{suggested_offset}");
    if offset_mended.is_some() {
        return format!("invalid date `{text}`: a UTC offset is written with a colon: write `{corrected}`");
    }
    if offset_written.is_none() {
        let separated =
            if separator == "T" { "" } else { "a `T`, not a space, separates the date from the time, and " };
        return format!(
            "invalid date `{text}`: {separated}a time needs its UTC offset, or the moment is unknown: \
             write `{corrected}` for UTC, or your own offset such as `+02:00`"
        );
    }
    if !offset_valid {
        return format!(
            "invalid date `{text}`: the UTC offset `{}` is not `Z` or `+HH:MM`: write `{corrected}` for UTC, \
             or your own offset such as `+02:00`",
            offset_written.unwrap_or_default()
        );
    }
    if separator != "T" {
        return format!("invalid date `{text}`: a `T` separates the date from the time: write `{corrected}`");
    }
    format!("invalid date `{text}`: write `{corrected}`")
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

#[cfg(test)]
mod date_messages {
    use super::*;

    fn problem(text: &str) -> String {
        DateValue::parse(text).unwrap_err()
    }

    #[test]
    fn each_mistake_names_the_wrong_part_and_the_value_to_write() {
        for (written, expected) in [
            (
                "2025-04-15 10:30",
                "a `T`, not a space, separates the date from the time, and a time needs its UTC offset, or the \
                 moment is unknown: write `2025-04-15T10:30:00+00:00`",
            ),
            ("2025-04-15T10:30:00", "write `2025-04-15T10:30:00+00:00` for UTC, or your own offset"),
            ("2025-04-15T10:30:00+0200", "written with a colon: write `2025-04-15T10:30:00+02:00`"),
            ("2025-04-15T10:30:00+02", "written with a colon: write `2025-04-15T10:30:00+02:00`"),
            ("2025-02-30", "February 2025 has 28 days, so there is no day 30"),
            ("2024-02-30", "February 2024 has 29 days"),
            ("2025-13-01", "there is no month 13"),
            ("2025-4-5", "two digits each, `2025-04-05`"),
            ("2025-04-15T25:00:00Z", "the time `25:00:00` is not a time of day"),
            ("yesterday", "write a date (2025-07-25) or a date-time with its UTC offset"),
            ("-2025-01-01", "the year of `-2025-01-01` is -2025"),
        ] {
            let message = problem(written);
            assert!(message.contains(expected), "{written}: {message}");
        }
    }

    #[test]
    fn well_formed_dates_still_parse() {
        for text in ["2025-04-15", "2025-04-15T10:30:00+02:00", "2025-04-15T10:30:00Z", "2025-04-15T10:30:00.5-05:00"] {
            assert!(DateValue::parse(text).is_ok(), "{text}");
        }
    }
}
