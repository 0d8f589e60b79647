//! Where a key or value is in a YAML document, for problems found after parsing.
//!
//! The parser keeps no positions in the values it returns, so a key is found again by
//! its line: `key:` at the indentation of its mapping, plain or quoted.

use super::{Document, YamlError};

/// A line's indentation and the key it starts with (`"a b": 1` -> `a b`), if any.
fn key_of(line: &str) -> Option<(usize, &str)> {
    // A key after `- ` is indented to where the key starts, as YAML sees it.
    let rest = line.trim_start_matches([' ', '-']);
    let indent = line.len() - rest.len();
    if line[..indent].ends_with('-') {
        return None;
    }
    let key = if let Some(quoted) = rest.strip_prefix('"').or_else(|| rest.strip_prefix('\'')) {
        let quote = &rest[..1];
        let end = quoted.find(quote)?;
        quoted[end + 1..].trim_start().starts_with(':').then_some(&quoted[..end])?
    } else {
        let (key, after) = rest.split_once(':')?;
        (after.is_empty() || after.starts_with([' ', '\t', '\r'])).then_some(key.trim_end())?
    };
    (!key.is_empty() && !key.starts_with('#')).then_some((indent, key))
}

/// The 1-based line of a top-level `key:` in a YAML text.
pub(crate) fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines().position(|line| key_of(line) == Some((0, key))).map(|index| index + 1)
}

/// Every top-level key of a document with its file line, in order.
pub(crate) fn top_level_keys(document: &Document<'_>) -> Vec<(String, usize)> {
    document
        .text
        .lines()
        .enumerate()
        .filter_map(|(index, line)| match key_of(line) {
            Some((0, key)) => Some((key.to_owned(), index + document.first_line)),
            _ => None,
        })
        .collect()
}

/// Where a top-level `key` (and, if given, one of its values) is, as a file line and
/// column; the line before the document when the key is not written.
pub(crate) fn locate(document: &Document<'_>, key: &str, value: Option<&str>) -> (usize, usize) {
    let lines: Vec<&str> = document.text.lines().collect();
    let file_line = |index: usize| index + document.first_line;
    let Some(key_index) = lines.iter().position(|line| key_of(line) == Some((0, key))) else {
        return (document.first_line.saturating_sub(1), 0);
    };
    let Some(value) = value else {
        return (file_line(key_index), 1);
    };
    let first = lines[key_index];
    let after_key = first.find(':').map_or(0, |colon| colon + 1);
    if let Some(column) = first[after_key..].find(value) {
        return (file_line(key_index), column_of(first, after_key + column));
    }
    for (index, line) in lines.iter().enumerate().skip(key_index + 1) {
        if !line.starts_with([' ', '-', '\t']) {
            break;
        }
        if let Some(byte) = line.find(value) {
            return (file_line(index), column_of(line, byte));
        }
    }
    (file_line(key_index), 1)
}

/// Where `needles` are, one after the other, from file position `from` on (as `locate`
/// gives it): the file line and column of the last one, if all are found.
pub(crate) fn locate_after(document: &Document<'_>, from: (usize, usize), needles: &[&str]) -> Option<(usize, usize)> {
    let mut index = from.0.checked_sub(document.first_line)?;
    let lines: Vec<&str> = document.text.lines().collect();
    // The byte where the search goes on in line `index`.
    let mut byte = lines.get(index)?.char_indices().nth(from.1.saturating_sub(1)).map_or(0, |(byte, _)| byte);
    let mut found = None;
    for needle in needles {
        loop {
            let line = lines.get(index)?;
            if let Some(at) = line.get(byte..).and_then(|rest| rest.find(needle)) {
                found = Some((index + document.first_line, column_of(line, byte + at)));
                byte += at + needle.len();
                break;
            }
            index += 1;
            byte = 0;
        }
    }
    found
}

/// The second `key:` of the mapping that starts at `line`:`column` (document positions).
pub(super) fn duplicate(text: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let indent = column.saturating_sub(1);
    let mut seen = false;
    for (index, text_line) in text.lines().enumerate().skip(line.saturating_sub(1)) {
        let trimmed = text_line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let line_indent = text_line.len() - trimmed.len();
        if line_indent < indent && index + 1 > line {
            break;
        }
        if let Some((found_indent, found)) = key_of(text_line)
            && found_indent == indent
            && found == key
        {
            if seen {
                return Some((index + 1, indent + 1));
            }
            seen = true;
        }
    }
    None
}

/// Where a field path such as `source.published` or `tags[1]` is (document positions):
/// the line of its deepest key that can be found.
pub(super) fn path(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut found = None;
    let mut from = 0;
    let mut indent = 0;
    for segment in path.split('.') {
        let key = segment.split('[').next().unwrap_or(segment);
        let lines = text.lines().enumerate().skip(from);
        let Some((index, key_indent)) = lines
            .take_while(|(index, line)| {
                *index == from || found.is_none() || line.trim().is_empty() || indentation(line) >= indent
            })
            .find_map(|(index, line)| {
                let (line_indent, k) = key_of(line)?;
                // The first key is top-level; a nested one is indented under its parent.
                let placed = if found.is_none() { line_indent == 0 } else { line_indent >= indent };
                (k == key && placed).then_some((index, line_indent))
            })
        else {
            break;
        };
        found = Some((index + 1, key_indent + 1));
        from = index + 1;
        indent = key_indent + 1;
    }
    found
}

/// The first occurrence of `needle` on line `from` or after (document positions).
pub(super) fn text(text: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(index, line)| line.find(needle).map(|byte| (index + 1, column_of(line, byte))))
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The 1-based column of a byte offset in a line, in characters.
fn column_of(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

impl YamlError {
    /// The error as a diagnostic of `path`.
    pub fn in_file(self, path: impl Into<std::path::PathBuf>) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::new(path, self.line, self.column, self.message)
    }
}
