//! YAML: the one place that knows the parser (serde_yaml).
//!
//! site.yaml, front matter, topics and entities.yaml are all read here: a document becomes
//! a typed value or a [`YamlError`] located in the file, in plain words, with "did you mean"
//! for unknown fields. Swapping the parser changes this module only: the messages it
//! translates are serde's own vocabulary (invalid type, missing, unknown or duplicate
//! field), and positions come from the parser's error location (refined by the keys and
//! values of the document itself), never from the parser's message.
//!
//! Before the typed parse, a document is checked for what the parser lets through: text
//! no output format can carry (control characters, raw or escaped) and aliases that
//! expand a small file into gigabytes (see the `scan` module).

mod position;
mod scan;

use serde::de::DeserializeOwned;

use crate::diagnostic::{forbidden_character, suggestion};
pub(crate) use position::{key_line, locate, locate_after, top_level_keys};

/// A value of an untyped part of a document (an article's further taxonomies).
pub(crate) type Value = serde_yaml::Value;

/// A YAML document inside a file: its text and the file line its first line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document<'a> {
    pub text: &'a str,
    /// The 1-based file line of the document's first line (2 for front matter).
    pub first_line: usize,
}

impl<'a> Document<'a> {
    /// A whole file of YAML; a leading byte-order mark is not part of the document.
    pub fn file(text: &'a str) -> Document<'a> {
        Document { text: text.strip_prefix('\u{feff}').unwrap_or(text), first_line: 1 }
    }

    /// A block that starts on `first_line` of its file (front matter).
    pub fn block(text: &'a str, first_line: usize) -> Document<'a> {
        Document { text, first_line }
    }

    /// A position in the document as a position in the file.
    fn at(&self, line: usize, column: usize, message: impl Into<String>) -> YamlError {
        YamlError { line: line + self.first_line - 1, column, message: message.into() }
    }
}

/// A problem in a YAML document, located by 1-based file line and column (0: the whole line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads a document into `T`. `fields` are the fields `T` knows, for "did you mean".
pub(crate) fn parse<T: DeserializeOwned>(document: &Document<'_>, fields: &[&str]) -> Result<T, YamlError> {
    if let Some((offset, character)) = forbidden_character(document.text) {
        let (line, column) = crate::diagnostic::line_column(document.text, offset);
        return Err(document.at(line, column, character_message(character)));
    }
    scan::check(document)?;
    serde_yaml::from_str(document.text).map_err(|error| translate(document, &error, fields))
}

/// Reads a list of strings out of an untyped value; `None` when it is not one.
pub(crate) fn string_list(value: &Value) -> Option<Vec<String>> {
    serde_yaml::from_value(value.clone()).ok()
}

/// Writes `value` as a YAML document (what `import` writes is what `parse` reads).
pub(crate) fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("plain data serialises to YAML")
}

/// "unknown field `x`; did you mean `y`?", or the list of what is known.
pub(crate) fn unknown(what: &str, name: &str, known: &[&str]) -> String {
    match suggestion(name, known.iter().copied()) {
        Some(close) => format!("unknown {what} `{name}`; did you mean `{close}`?"),
        None => format!("unknown {what} `{name}`; known {what}s: {}", known.join(", ")),
    }
}

/// Why a character is refused, wherever text enters.
pub(crate) fn character_message(character: char) -> String {
    format!(
        "the control character U+{:04X} is not allowed in text (no page, feed or sitemap can carry it): remove it",
        character as u32
    )
}

/// serde_yaml's error, in plain words and located in the file.
fn translate(document: &Document<'_>, error: &serde_yaml::Error, fields: &[&str]) -> YamlError {
    let text = error.to_string();
    let location = error.location().map(|l| (l.line(), l.column()));
    let message = without_positions(&text);
    // The parser names the field a problem is in, as `source.url: ` or `tags[1]: `.
    let (path, message) = match message.split_once(": ") {
        Some((path, rest)) if is_field_path(path) => (Some(path), rest),
        _ => (None, message.as_str()),
    };
    let (line, column) = location.unwrap_or((1, 1));
    if let Some(field) = between(message, "duplicate field `", "`") {
        let (line, column) = position::duplicate(document.text, line, column, field).unwrap_or((line, column));
        return document.at(line, column, format!("`{field}` is written twice: keep one"));
    }
    // A field's own parser (dates) fails after the parser has moved on, so its error
    // comes back at the start of the enclosing mapping: the value the message quotes, or
    // else the field's key, knows better.
    let own_parser = !SERDE_MESSAGES.iter().any(|start| message.starts_with(start));
    let (line, column) = if own_parser {
        between(message, "`", "`")
            .and_then(|quoted| position::text(document.text, quoted, line))
            .or_else(|| path.filter(|_| (line, column) <= (1, 1)).and_then(|path| position::path(document.text, path)))
            .unwrap_or((line, column))
    } else {
        (line, column)
    };
    if is_syntax_error(message)
        && let Some(error) = syntax_cause(document, line)
    {
        return error;
    }
    document.at(line, column, plain_words(path, message, fields))
}

/// The usual causes of a syntax error, recognised on the lines around where the parser
/// stopped: a tab in the indentation, or a value holding `: ` without quotes. Each says
/// what to write instead.
fn syntax_cause(document: &Document<'_>, error_line: usize) -> Option<YamlError> {
    let lines: Vec<&str> = document.text.lines().collect();
    // The parser stops at, or one line after, the line at fault.
    let candidates = [error_line, error_line.saturating_sub(1)];
    for line in candidates.into_iter().filter(|&l| l >= 1 && l <= lines.len()) {
        let text = lines[line - 1];
        let indent = &text[..text.len() - text.trim_start().len()];
        if let Some(tab) = indent.find('\t') {
            return Some(document.at(
                line,
                tab + 1,
                "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces",
            ));
        }
    }
    let line = error_line.min(lines.len()).max(1);
    let text = *lines.get(line - 1)?;
    let (key, value) = text.split_once(": ")?;
    let key = key.trim().trim_start_matches("- ");
    let value = value.trim();
    let quoted_or_nested = value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '#']);
    if key.is_empty() || key.contains(' ') || quoted_or_nested || !value.contains(": ") {
        return None;
    }
    let column = text.len() - text.trim_start().len() + key.len() + 3;
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(document.at(
        line,
        column,
        format!(
            "the value of `{key}` contains `: `, which YAML reads as the start of another field: \
             put the value in quotes, `{key}: \"{escaped}\"`"
        ),
    ))
}

/// How serde's own messages start; any other comes from a field's parser.
const SERDE_MESSAGES: &[&str] =
    &["invalid type", "invalid value", "invalid length", "unknown variant", "unknown field", "missing field"];

/// serde's messages, rephrased for someone editing the file.
fn plain_words(path: Option<&str>, message: &str, fields: &[&str]) -> String {
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let wanted = match expected {
            "a sequence" => "a list such as `[a, b]`",
            "a string" => "text",
            "a boolean" => "`true` or `false`",
            "i64" | "u64" | "usize" | "u32" | "an integer" => "a whole number",
            other => match other.strip_prefix("struct ") {
                Some(name) => mapping_example(name, path),
                None => other,
            },
        };
        let found = found.replace(" as u128", "").replace(" as i128", "");
        // Text where a mapping belongs (`source: Reuters`): the mapping, written with that text.
        if let (Some(path), Some(text)) = (path, found.strip_prefix("string "))
            && expected.starts_with("struct ")
            && path.rsplit('.').next() == Some("source")
        {
            return format!(
                "`{path}` is a mapping of the report's details, not text: write `{path}: {{ name: {text}, url: \"https://…\" }}`"
            );
        }
        // One name where a list belongs (`topics: chips`): the list of that one name.
        if let (Some(path), Some(text)) = (path, found.strip_prefix("string "))
            && expected == "a sequence"
        {
            let key = path.rsplit('.').next().unwrap_or(path);
            // `chips, fabs` was meant as two names.
            let names: Vec<&str> = text.trim_matches('"').split(',').map(str::trim).collect();
            let plain = |name: &str| {
                !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            };
            let items = if names.iter().all(|name| plain(name)) { names.join(", ") } else { text.to_owned() };
            return format!("`{path}` must be {wanted}, not {found}: write `{key}: [{items}]`");
        }
        return match path {
            Some(path) => format!("`{path}` must be {wanted}, not {found}"),
            None => format!("expected {wanted}, not {found}"),
        };
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return format!("missing field `{field}`: add `{field}:`");
    }
    if let Some(field) = between(message, "unknown field `", "`") {
        // serde lists the fields of the mapping the key is in (`source:` has its own).
        let expected: Vec<&str> = message
            .split_once(", expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return unknown("field", field, if expected.is_empty() { fields } else { &expected });
    }
    if message.contains("repetition limit exceeded") {
        return "YAML aliases (`*name`) repeat values too often: write the values out instead".to_owned();
    }
    if message.contains("recursion limit exceeded") {
        return "the YAML nests too deeply: flatten it".to_owned();
    }
    if message.contains("more than one document") {
        return "a line `---` starts a second YAML document: remove it, one document per file".to_owned();
    }
    if is_syntax_error(message) {
        return format!("invalid YAML: {message} (look for an unclosed quote or bracket, or a missing `:`)");
    }
    match path {
        // Our own deserialisers speak of the field: "is empty", "must be".
        Some(path) if message.starts_with("is ") || message.starts_with("must ") => format!("`{path}` {message}"),
        Some(path) => format!("`{path}`: {message}"),
        None => message.to_owned(),
    }
}

/// What a mapping field looks like, in place of the Rust type name serde would give.
fn mapping_example(type_name: &str, path: Option<&str>) -> &'static str {
    match (type_name, path.map(|p| p.rsplit('.').next().unwrap_or(p))) {
        ("Source", _) | (_, Some("source")) => {
            "a mapping of the report's details on indented lines, such as `source: { name: \"Reuters\", url: \"https://…\" }`"
        }
        ("RawLanguage", _) => "a language code such as `fr`, or a mapping such as `{ code: fr, title: \"…\" }`",
        _ => "a mapping of `field: value` lines indented under it",
    }
}

/// The message without the positions the parser writes into it (the error carries its
/// own; a syntax error also names where the construct it was reading started).
fn without_positions(message: &str) -> String {
    let mut text = message.to_owned();
    while let Some(start) = text.find(" at line ") {
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let rest = &text[start + " at line ".len()..];
        let line_len = digits(rest);
        let Some(column_part) = rest[line_len..].strip_prefix(" column ") else { break };
        let end = start + " at line ".len() + line_len + " column ".len() + digits(column_part);
        text.replace_range(start..end, "");
    }
    text
}

/// `source.url`, `tags[1]`: the field path serde_yaml puts before a message.
fn is_field_path(path: &str) -> bool {
    !path.is_empty() && !path.contains(' ') && !path.contains('`')
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// Errors of the YAML syntax itself, as opposed to fields of the wrong shape.
fn is_syntax_error(message: &str) -> bool {
    ["did not find expected", "found unexpected", "while scanning", "while parsing", "mapping values are not allowed"]
        .iter()
        .any(|m| message.contains(m))
}

/// Deserialises text that must be written: `title: ~` is no title, though serde_yaml
/// would read it as the text "~". Numbers and booleans are read as written.
pub(crate) fn required_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("text")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<String, E> {
            Ok(text.to_owned())
        }
        fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
            Err(E::custom("is empty (`~` and `null` mean no value): write the text"))
        }
    }
    deserializer.deserialize_any(Text)
}

/// Deserialises any number as a whole number, so that range checks can say in plain
/// words what is allowed (`-1` and `1e30` included); `None` for a number with a fraction.
pub(crate) fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<WholeNumber, D::Error> {
    struct Number;
    impl serde::de::Visitor<'_> for Number {
        type Value = WholeNumber;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<WholeNumber, E> {
            Ok(WholeNumber(value.into()))
        }
        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<WholeNumber, E> {
            Ok(WholeNumber(value.into()))
        }
        fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<WholeNumber, E> {
            Ok(WholeNumber(value))
        }
        fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<WholeNumber, E> {
            Ok(WholeNumber(i128::try_from(value).unwrap_or(i128::MAX)))
        }
        fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<WholeNumber, E> {
            if value.fract() == 0.0 && value.is_finite() {
                // Saturates: 1e30 is as "too large" as i128::MAX.
                Ok(WholeNumber(value as i128))
            } else {
                Err(E::custom(format!("must be a whole number, not {value}")))
            }
        }
    }
    deserializer.deserialize_any(Number)
}

/// A whole number as written, before its range is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct WholeNumber(pub i128);

impl WholeNumber {
    /// The number if it is in `range`, else a message saying what is allowed.
    pub(crate) fn within(self, field: &str, range: std::ops::RangeInclusive<usize>) -> Result<usize, String> {
        match usize::try_from(self.0) {
            Ok(value) if range.contains(&value) => Ok(value),
            _ => Err(format!(
                "`{field}` must be a whole number from {} to {}, not {}",
                range.start(),
                range.end(),
                self.0
            )),
        }
    }
}

#[cfg(test)]
mod tests;
