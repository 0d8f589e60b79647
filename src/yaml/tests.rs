use std::collections::BTreeMap;

use serde::Deserialize;

use super::*;

// The fields are what the parse fills; the tests look at errors.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sample {
    #[serde(deserialize_with = "required_text")]
    title: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    source: Option<BTreeMap<String, String>>,
}

const FIELDS: &[&str] = &["title", "tags", "source"];

fn parse_block(text: &str) -> Result<Sample, YamlError> {
    parse(&Document::block(text, 2), FIELDS)
}

#[test]
fn errors_are_located_in_the_file() {
    let error = parse_block("title: A\ntittle: B\n").unwrap_err();
    assert_eq!((error.line, error.column), (3, 1));
    assert_eq!(error.message, "unknown field `tittle`; did you mean `title`?");
}

#[test]
fn a_duplicate_key_is_located_at_the_duplicate() {
    let error = parse_block("title: A\ntags: [a]\nsource:\n  name: x\n  name: y\ntags: [b]\n").unwrap_err();
    assert_eq!((error.line, error.column), (7, 1), "{error:?}");
    assert_eq!(error.message, "`tags` is written twice: keep one");
}

#[test]
fn a_quoted_unknown_key_is_located_at_its_line() {
    let error = parse_block("title: A\n\"titel\": B\n").unwrap_err();
    assert_eq!(error.line, 3);
    assert!(error.message.contains("did you mean `title`"), "{}", error.message);
    let document = Document::block("title: A\n'tags': [x, y]\n", 2);
    assert_eq!(locate(&document, "tags", Some("y")), (3, 13));
}

#[test]
fn a_null_title_is_an_error() {
    let error = parse_block("title: ~\n").unwrap_err();
    assert_eq!(error.line, 2);
    assert!(error.message.starts_with("`title`"), "{}", error.message);
}

#[test]
fn wrong_types_are_plain_words() {
    let error = parse_block("title: A\ntags: 3\n").unwrap_err();
    assert_eq!(error.message, "`tags` must be a list such as `[a, b]`, not integer `3`");
    let one = parse_block("title: A\ntags: chips\n").unwrap_err();
    assert_eq!(one.message, "`tags` must be a list such as `[a, b]`, not string \"chips\": write `tags: [chips]`");
    let two = parse_block("title: A\ntags: chips, fabs\n").unwrap_err();
    assert!(two.message.ends_with("write `tags: [chips, fabs]`"), "{}", two.message);
    let spaced = parse_block("title: A\ntags: export controls\n").unwrap_err();
    assert!(spaced.message.ends_with("write `tags: [\"export controls\"]`"), "{}", spaced.message);
}

#[test]
fn escaped_control_characters_are_refused_where_written() {
    let error = parse_block("title: A\ntags: [\"ok\", \"bell\\a\"]\n").unwrap_err();
    assert_eq!(error.line, 3, "{error:?}");
    assert!(error.message.contains("U+0007"), "{}", error.message);
    let raw = parse_block("title: \"A\u{1b}\"\n").unwrap_err();
    assert_eq!((raw.line, raw.column), (2, 10));
}

#[test]
fn alias_expansion_is_bounded() {
    let value = "x".repeat(100_000);
    let aliases = vec!["*big"; 2_000].join(", ");
    let text = format!("title: &big {value}\ntags: [{aliases}]\n");
    let error = parse_block(&text).unwrap_err();
    assert_eq!(error.line, 2, "{error:?}");
    assert!(error.message.contains("aliases") && error.message.contains("MiB"), "{}", error.message);
    // A few aliases of a short value are fine.
    assert!(parse_block("title: &t A\ntags: [*t, *t]\n").is_ok());
}

#[test]
fn a_byte_order_mark_starts_no_key() {
    let document = Document::file("\u{feff}title: A\n");
    assert!(parse::<Sample>(&document, FIELDS).is_ok());
    assert_eq!(key_line(document.text, "title"), Some(1));
}

#[test]
fn whole_numbers_are_checked_in_plain_words() {
    assert_eq!(WholeNumber(5).within("n", 1..=10), Ok(5));
    assert_eq!(WholeNumber(-1).within("n", 1..=10), Err("`n` must be a whole number from 1 to 10, not -1".to_owned()));
}
