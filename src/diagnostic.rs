//! A problem in a source file, located by line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// One located problem: `path:line:column: message`.
///
/// Lines and columns are 1-based and relative to the whole file (never to the
/// front-matter block inside it). A column of 0 means "the whole line".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), line, column, message: shorten_quoted(&message.into()) }
    }

    /// A problem with a file as a whole (unreadable, empty, not UTF-8).
    pub fn whole_file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::new(path, 0, 0, message)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string().replace('\\', "/");
        match (self.line, self.column) {
            (0, _) => write!(f, "{path}: {}", self.message),
            (line, 0) => write!(f, "{path}:{line}: {}", self.message),
            (line, column) => write!(f, "{path}:{line}:{column}: {}", self.message),
        }
    }
}

/// Every diagnostic of a build, sorted so the report is stable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// `Ok(value)` when nothing was reported, otherwise every diagnostic, sorted.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() { Ok(value) } else { Err(self.sorted()) }
    }

    /// Sorted by file, line and column, each reported once.
    pub fn sorted(mut self) -> Diagnostics {
        self.0.sort();
        self.0.dedup();
        self
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        Diagnostics(list).sorted()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The 1-based line and column of a byte offset in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// "did you mean `title`?" when `word` is a likely misspelling of one of `candidates`.
pub(crate) fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// How many characters of a quoted value a message shows: a 1 MB title is named, not printed.
const MAX_QUOTED_CHARS: usize = 80;

/// `message` with every quoted value (between backticks or double quotes) and every
/// word longer than [`MAX_QUOTED_CHARS`] cut short with an ellipsis.
fn shorten_quoted(message: &str) -> String {
    if message.len() <= MAX_QUOTED_CHARS {
        return message.to_owned();
    }
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(start) = rest.find(['`', '"']) {
        let quote = &rest[start..start + 1];
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else { break };
        out.push_str(&rest[..=start]);
        let quoted = &after[..end];
        if quoted.chars().count() > MAX_QUOTED_CHARS {
            out.extend(quoted.chars().take(MAX_QUOTED_CHARS));
            out.push('…');
        } else {
            out.push_str(quoted);
        }
        out.push_str(quote);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    shorten_words(&out)
}

/// Words (runs without spaces, such as a path naming a value) cut at twice
/// [`MAX_QUOTED_CHARS`], which leaves shortened quoted values whole.
fn shorten_words(message: &str) -> String {
    const MAX_WORD_CHARS: usize = 2 * MAX_QUOTED_CHARS;
    let mut out = String::with_capacity(message.len().min(1024));
    let mut run = 0;
    for c in message.chars() {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        match run.cmp(&(MAX_WORD_CHARS + 1)) {
            std::cmp::Ordering::Less => out.push(c),
            std::cmp::Ordering::Equal => out.push('…'),
            std::cmp::Ordering::Greater => {}
        }
    }
    out
}

/// The first character no output format can carry (XML 1.0 forbids the C0 controls but
/// tab, line feed and carriage return, and U+FFFE/U+FFFF), with its byte offset.
pub(crate) fn forbidden_character(text: &str) -> Option<(usize, char)> {
    // Byte by byte: in UTF-8 an ASCII byte is always its own character, and U+FFFE and
    // U+FFFF are the only characters encoded EF BF BE and EF BF BF.
    let bytes = text.as_bytes();
    let suspicious = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0x7f) | (b == 0xef);
    // Nearly all text is clean: blocks without a suspicious byte are skipped whole (a
    // branch-free test that the compiler turns into vector instructions).
    let start = bytes.chunks(64).position(|block| block.iter().fold(false, |any, &b| any | suspicious(b)))? * 64;
    bytes[start..].iter().enumerate().find_map(|(index, &byte)| {
        let index = start + index;
        match byte {
            b'\t' | b'\n' | b'\r' => None,
            0..=0x1f | 0x7f => Some((index, char::from(byte))),
            0xef if bytes.get(index + 1) == Some(&0xbf) && matches!(bytes.get(index + 2), Some(0xbe | 0xbf)) => {
                text[index..].chars().next().map(|c| (index, c))
            }
            _ => None,
        }
    })
}

/// The first numeric character reference (`&#7;`, `&#x1B;`) in Markdown or HTML text that
/// stands for a character no output format can carry, with its byte offset.
pub(crate) fn forbidden_reference(text: &str) -> Option<(usize, char)> {
    let mut from = 0;
    while let Some(found) = text[from..].find("&#") {
        let start = from + found;
        from = start + 2;
        let rest = &text[from..];
        let (radix, digits) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (16, hex),
            None => (10, rest),
        };
        let length = digits.bytes().take_while(|b| b.is_ascii_alphanumeric()).count().min(8);
        if digits.as_bytes().get(length) != Some(&b';') {
            continue;
        }
        let Some(character) = u32::from_str_radix(&digits[..length], radix).ok().and_then(char::from_u32) else {
            continue;
        };
        if forbidden_character(character.encode_utf8(&mut [0; 4])).is_some() {
            return Some((start, character));
        }
    }
    None
}

/// `1 file`, `2 files`: a count with the word that fits it.
pub(crate) fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 8), (3, 1));
        assert_eq!(line_column(text, 6), (2, 3));
    }

    #[test]
    fn suggests_close_words_only() {
        let fields = ["title", "date", "summary", "topics"];
        assert_eq!(suggestion("tittle", fields), Some("title"));
        assert_eq!(suggestion("topic", fields), Some("topics"));
        assert_eq!(suggestion("zzz", fields), None);
    }

    #[test]
    fn long_quoted_values_are_shortened() {
        let long = "x".repeat(10_000);
        let d = Diagnostic::new("a.md", 1, 1, format!("unknown topic `{long}`; known topics: a"));
        assert_eq!(d.message, format!("unknown topic `{}…`; known topics: a", "x".repeat(80)));
    }

    #[test]
    fn finds_references_to_control_characters() {
        assert_eq!(forbidden_reference("a &#7; b"), Some((2, '\u{7}')));
        assert_eq!(forbidden_reference("&#X1b;"), Some((0, '\u{1b}')));
        assert_eq!(forbidden_reference("&#9; &#233; &#x2014; &#; &#12"), None);
    }

    #[test]
    fn finds_control_characters_only() {
        assert_eq!(forbidden_character("a\tb\r\nc é ✓"), None);
        assert_eq!(forbidden_character("ab\u{1b}c"), Some((2, '\u{1b}')));
        assert_eq!(forbidden_character("\u{c}"), Some((0, '\u{c}')));
        assert_eq!(forbidden_character("a\u{ffff}"), Some((1, '\u{ffff}')));
        assert_eq!(forbidden_character("\u{fffd}\u{feff}"), None);
        assert_eq!(forbidden_character(&format!("{}\u{1b}", "x".repeat(100))), Some((100, '\u{1b}')));
        assert_eq!(forbidden_character(&format!("{}\u{ffff}", "x".repeat(63))), Some((63, '\u{ffff}')));
    }

    #[test]
    fn display_names_file_line_column() {
        let d = Diagnostic::new("content/a.md", 4, 7, "unknown topic");
        assert_eq!(d.to_string(), "content/a.md:4:7: unknown topic");
        assert_eq!(Diagnostic::whole_file("x.md", "empty").to_string(), "x.md: empty");
    }
}
