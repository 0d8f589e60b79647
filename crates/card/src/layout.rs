//! Lines of a text within a width: words kept whole where they fit, a word wider than a
//! line cut between its characters, and an ellipsis on the last line when the text needs
//! more lines than it may take.

/// The mark a cut text ends with.
pub(crate) const ELLIPSIS: char = '…';

/// The lines of a cleaned `text` (`text::clean`: single spaces, nothing to trim) no wider
/// than `max_width` as `width` measures them, at most `max_lines` (at least one); the
/// second value says whether the text was cut. Breaks only at spaces: no-break spaces keep
/// their words together.
pub(crate) fn wrap(text: &str, width: &impl Fn(&str) -> f32, max_width: f32, max_lines: usize) -> (Vec<String>, bool) {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let joined = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if width(&joined) <= max_width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line alone (a long URL, a run without spaces) is cut where it
        // must be; its last piece starts the next line.
        let mut pieces = cut_to_width(word, width, max_width);
        line = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
        if lines.len() > max_lines {
            break;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() <= max_lines {
        return (lines, false);
    }
    lines.truncate(max_lines);
    let last = lines.pop().unwrap_or_default();
    lines.push(with_ellipsis(&last, width, max_width));
    (lines, true)
}

/// `line` shortened until it fits with an ellipsis after it: whole words dropped first,
/// then characters; spaces and punctuation left before the ellipsis go too.
pub(crate) fn with_ellipsis(line: &str, width: &impl Fn(&str) -> f32, max_width: f32) -> String {
    let mut kept = line.to_owned();
    loop {
        let trimmed = kept.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '-'));
        let candidate = format!("{trimmed}{ELLIPSIS}");
        if trimmed.is_empty() || width(&candidate) <= max_width {
            return candidate;
        }
        kept = match trimmed.rfind(' ') {
            // Drop the last word unless it is the only one.
            Some(space) if space > 0 => trimmed[..space].to_owned(),
            _ => {
                let mut chars = trimmed.chars();
                chars.next_back();
                chars.as_str().to_owned()
            }
        };
    }
}

/// `word` in pieces no wider than `max_width` (a piece has at least one character, so a
/// character wider than the line still makes progress).
fn cut_to_width(word: &str, width: &impl Fn(&str) -> f32, max_width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if width(&piece) > max_width && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::replace(&mut piece, c.to_string()));
        }
    }
    pieces.push(piece);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit per character: the tests count in characters.
    fn chars(text: &str) -> f32 {
        text.chars().count() as f32
    }

    fn wrapped(text: &str, max_width: f32, max_lines: usize) -> (Vec<String>, bool) {
        wrap(text, &chars, max_width, max_lines)
    }

    #[test]
    fn words_fill_lines_and_stay_whole() {
        let (lines, cut) = wrapped("Chip export controls tighten again", 12.0, 5);
        assert_eq!(lines, ["Chip export", "controls", "tighten", "again"]);
        assert!(!cut);
        assert_eq!(wrapped("Short", 12.0, 3), (vec!["Short".to_owned()], false));
        assert_eq!(wrapped("", 12.0, 3), (Vec::<String>::new(), false));
    }

    #[test]
    fn too_many_lines_end_with_an_ellipsis_that_fits() {
        let (lines, cut) = wrapped("one two three four five six seven eight", 9.0, 2);
        assert!(cut);
        assert_eq!(lines, ["one two", "three…"]);
        assert!(lines.iter().all(|line| chars(line) <= 9.0), "{lines:?}");
    }

    #[test]
    fn punctuation_before_the_ellipsis_goes() {
        let (lines, _) = wrapped("Alpha, beta, gamma delta epsilon", 7.0, 2);
        assert_eq!(lines, ["Alpha,", "beta…"]);
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut() {
        let (lines, cut) = wrapped("see https://example.org/a-very-long-address now", 10.0, 8);
        assert!(!cut);
        assert_eq!(lines, ["see", "https://ex", "ample.org/", "a-very-lon", "g-address", "now"]);
        let (lines, cut) = wrapped(&"x".repeat(1000), 10.0, 3);
        assert!(cut);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2], format!("{}…", "x".repeat(9)));
    }

    #[test]
    fn no_break_spaces_keep_words_together() {
        let (lines, _) = wrapped("il dit «\u{202f}oui\u{202f}» enfin", 8.0, 5);
        assert_eq!(lines, ["il dit", "«\u{202f}oui\u{202f}»", "enfin"]);
    }

    #[test]
    fn a_line_narrower_than_one_character_still_ends() {
        let (lines, cut) = wrapped("abc def", 0.5, 2);
        assert_eq!(lines, ["a", "…"]);
        assert!(cut);
        let (lines, _) = wrapped("abc", 0.0, 0);
        assert_eq!(lines.len(), 1);
    }
}
