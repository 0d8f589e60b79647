//! Texts made safe to draw: composed (NFC), without control or direction characters, on
//! one line, and bounded in length; and whether the card's fonts can draw them at all.

use std::borrow::Cow;

use ab_glyph::{Font, FontRef, GlyphId};
use icu_normalizer::ComposingNormalizerBorrowed;

/// The characters of a text a card keeps: far more than its lines can show, so that a
/// huge title costs no more than a long one.
pub(crate) const MAX_CHARS: usize = 400;

/// `text` as a card draws it: composed, so that an accent typed as a combining mark is
/// one glyph; line breaks, tabs and other controls as spaces; direction and format
/// characters (which a card draws left to right anyway) dropped; spaces collapsed and
/// trimmed; at most `MAX_CHARS` characters. No-break spaces are kept: they keep words
/// together (French `«\u{202f}Oui\u{202f}»`).
pub(crate) fn clean(text: &str) -> String {
    let composed: Cow<'_, str> = ComposingNormalizerBorrowed::new_nfc().normalize(text);
    let mut cleaned = String::with_capacity(composed.len().min(MAX_CHARS * 4));
    let mut count = 0;
    for c in composed.chars() {
        if count == MAX_CHARS {
            break;
        }
        let c = if c.is_control() || is_line_or_paragraph_separator(c) { ' ' } else { c };
        if is_format_character(c) {
            continue;
        }
        if c.is_whitespace() && !is_no_break_space(c) {
            if cleaned.is_empty() || cleaned.ends_with(' ') {
                continue;
            }
            cleaned.push(' ');
        } else {
            cleaned.push(c);
        }
        count += 1;
    }
    let kept = cleaned.trim_end().len();
    cleaned.truncate(kept);
    cleaned
}

/// Whether a cleaned text can be drawn with `font`: every character has a glyph in it,
/// and none belongs to a script written right to left, which would need shaping and
/// reordering that a card does not do (drawn letter by letter from the left, Arabic or
/// Hebrew would read backwards).
pub(crate) fn drawable(font: &FontRef<'_>, cleaned: &str) -> bool {
    cleaned.chars().all(|c| c == ' ' || (!is_right_to_left(c) && font.glyph_id(c) != GlyphId(0)))
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

fn is_line_or_paragraph_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters that change how text around them is ordered or joined, and show nothing
/// themselves: bidirectional marks, embeddings, overrides and isolates, zero-width
/// joiners and spaces, the soft hyphen, the byte order mark.
fn is_format_character(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// The blocks of the scripts written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko,
/// Samaritan, Mandaic and their presentation forms, and the historic ones of the
/// supplementary planes.
fn is_right_to_left(c: char) -> bool {
    matches!(
        c,
        '\u{590}'..='\u{8ff}'
            | '\u{fb1d}'..='\u{fdff}'
            | '\u{fe70}'..='\u{feff}'
            | '\u{10800}'..='\u{10fff}'
            | '\u{1e800}'..='\u{1efff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_runs_of_spaces_become_one_space() {
        assert_eq!(clean("  Chips\n\tand\r\n  export\u{7}controls  "), "Chips and export controls");
        assert_eq!(clean("\u{2028}a\u{2029}b"), "a b");
    }

    #[test]
    fn direction_and_format_characters_are_dropped() {
        assert_eq!(clean("\u{202e}evil\u{202c} \u{200f}text\u{feff}"), "evil text");
        assert_eq!(clean("ex\u{ad}port"), "export");
    }

    #[test]
    fn accents_typed_as_combining_marks_are_composed() {
        assert_eq!(clean("e\u{301}te\u{301}"), "été");
    }

    #[test]
    fn no_break_spaces_are_kept() {
        assert_eq!(clean("«\u{202f}Oui\u{202f}» 20\u{a0}%"), "«\u{202f}Oui\u{202f}» 20\u{a0}%");
    }

    #[test]
    fn a_huge_text_is_cut() {
        let huge = "word ".repeat(100_000);
        assert_eq!(clean(&huge).chars().count(), MAX_CHARS - 1, "the last space is trimmed");
        assert!(clean("").is_empty());
        assert!(clean("\u{0}\u{1}\u{202e}").is_empty());
    }

    #[test]
    fn texts_the_fonts_cannot_draw_are_told() {
        let fonts = crate::fonts::Fonts::load();
        for text in ["Chips: “export” controls — 2024", "Contrôles à l’exportation\u{a0}: «\u{202f}oui\u{202f}»"]
        {
            assert!(drawable(&fonts.headline, &clean(text)), "{text}");
            assert!(drawable(&fonts.label, &clean(text)), "{text}");
        }
        for text in ["半导体出口管制", "半導体の輸出規制", "פיקוח על יצוא", "ضوابط التصدير", "chips \u{1f680}"]
        {
            assert!(!drawable(&fonts.headline, &clean(text)), "{text}");
        }
    }
}
