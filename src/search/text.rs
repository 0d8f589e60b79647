//! Words of a text as the search index keys them: tokenised, folded, stemmed.
//!
//! The browser folds a query the same way (`fold`: lower case, diacritics dropped, split
//! on anything that is not a letter or a digit), but never stems: it looks the folded
//! word up in the index's vocabulary, which gives the stem. So only this side needs the
//! stemmers.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

pub use super::fold::fold;
use super::fold::{WORD_CHARS_MAX, each_term, is_cjk, is_mark};

/// Words too common to be worth a posting list; the browser drops them from queries too.
pub const STOP_WORDS: &[&str] = &[
    // English
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of", "on",
    "or", "that", "the", "this", "to", "was", "were", "will", "with", // French
    "au", "aux", "ce", "ces", "dans", "de", "des", "du", "en", "est", "et", "il", "la", "le", "les", "leur", "par",
    "pas", "pour", "qu", "que", "qui", "se", "sont", "sur", "un", "une",
];

/// Bytes beyond which a run of letters is no word at all: even folded, it would be longer
/// than `WORD_CHARS_MAX` characters (a character and its marks take at most 16 bytes here).
const WORD_BYTES_SKIPPED: usize = WORD_CHARS_MAX * 16;

/// The words of a text, as `each_word` gives them.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<Cow<'_, str>> {
    let mut found = Vec::new();
    each_word(text, &mut |word| found.push(word));
    found
}

/// Whether `c` continues a word: a letter, a digit, or a diacritic that folding drops
/// (`e` + U+0301 is one word, as `é` is).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Hands `each` the words of a text in one pass over its bytes: runs of letters and
/// digits, lower-cased but not folded (stemmers want their accents), borrowed when
/// already in lower case, as most words are. Chinese and Japanese runs come as their
/// pairs of characters (`fold::terms`). A single ASCII letter is no word; any other single
/// letter is left to `Stemmers::key`, since it may fold to two (`ß` -> `ss`).
pub(crate) fn each_word<'t>(text: &'t str, each: &mut impl FnMut(Cow<'t, str>)) {
    let bytes = text.as_bytes();
    let char_at = |at: usize| text[at..].chars().next().expect("at a character boundary");
    let mut at = 0;
    while at < bytes.len() {
        // Up to the next letter or digit.
        if !bytes[at].is_ascii_alphanumeric() {
            if bytes[at].is_ascii() {
                at += 1;
                continue;
            }
            let c = char_at(at);
            if !c.is_alphanumeric() {
                at += c.len_utf8();
                continue;
            }
        }
        let start = at;
        let (mut upper, mut letters, mut cjk, mut ascii) = (false, 0, false, true);
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii_alphanumeric() {
                upper |= byte.is_ascii_uppercase();
                at += 1;
            } else if byte.is_ascii() {
                break;
            } else {
                let c = char_at(at);
                if !in_word(c) {
                    break;
                }
                ascii = false;
                upper |= c.is_uppercase();
                cjk |= is_cjk(c);
                at += c.len_utf8();
                if is_mark(c) {
                    continue;
                }
            }
            letters += 1;
        }
        let word = &text[start..at];
        if word.len() > WORD_BYTES_SKIPPED || (letters < 2 && ascii) {
            continue;
        }
        if cjk {
            each_cjk_term(word, each);
        } else {
            each(if upper { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) });
        }
    }
}

/// The terms of a word with Chinese or Japanese characters (`fold::each_term`), its
/// other runs lower-cased.
fn each_cjk_term<'t>(word: &'t str, each: &mut impl FnMut(Cow<'t, str>)) {
    each_term(word, &mut |term| {
        each(if term.chars().any(char::is_uppercase) { Cow::Owned(term.to_lowercase()) } else { Cow::Borrowed(term) })
    });
}

/// Stemmers by language; languages without one are indexed unstemmed.
pub(crate) struct Stemmers {
    english: Stemmer,
    french: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Stemmers {
        Stemmers { english: Stemmer::create(Algorithm::English), french: Stemmer::create(Algorithm::French) }
    }
}

impl Stemmers {
    /// The folded word and its folded stem, or `None` for a stop word, a single letter
    /// or a word longer than `WORD_CHARS_MAX`, as the browser leaves them out of queries.
    pub(crate) fn key(&self, lang: &str, lower: &str) -> Option<(String, String)> {
        let word = fold(lower);
        let length = word.chars().count();
        if !(2..=WORD_CHARS_MAX).contains(&length) || STOP_WORDS.contains(&word.as_str()) {
            return None;
        }
        let stemmer = match lang.split(['-', '_']).next().unwrap_or_default() {
            "en" => &self.english,
            "fr" => &self.french,
            _ => return Some((word.clone(), word)),
        };
        // Stemmed in the American spelling, so that both spellings share a stem.
        let spelled = crate::search::fold::american(lower);
        let stem = fold(&stemmer.stem(spelled.as_deref().unwrap_or(lower)));
        // A stemmer never empties a word; should one, the word is its own stem.
        if stem.is_empty() {
            return Some((word.clone(), word));
        }
        Some((word, stem))
    }
}

/// The entities briefing's sanitised HTML uses, and what they stand for.
const ENTITIES: [(&str, char); 6] =
    [("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&nbsp;", ' '), ("&amp;", '&')];

/// Hands `each` the words of an article's HTML, the same as `words(&html_text(html))`,
/// without making the text: tags and entities separate words as the space and the
/// punctuation they become there.
pub(crate) fn each_html_word<'h>(html: &'h str, each: &mut impl FnMut(Cow<'h, str>)) {
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(tag) = rest.strip_prefix('<') {
            rest = tag.find('>').map_or("", |end| &tag[end + 1..]);
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        for (index, piece) in rest[..end].split('&').enumerate() {
            let entity = (index > 0).then(|| ENTITIES.iter().find(|(entity, _)| piece.starts_with(&entity[1..])));
            let piece = match entity.flatten() {
                Some((entity, _)) => &piece[entity.len() - 1..],
                None => piece,
            };
            each_word(piece, each);
        }
        rest = &rest[end..];
    }
}

/// The text of an article's HTML, tags dropped and common entities decoded, for the
/// index and for excerpts. The HTML is briefing's own sanitised output. One pass, copying
/// runs of plain ASCII at once: this runs over every article's HTML on every build.
#[cfg(test)]
pub(crate) fn html_text(html: &str) -> String {
    html_text_prefix(html, usize::MAX)
}

/// The first `max_chars` characters of `html_text(html)`, reading no more of the HTML than
/// they need.
pub(crate) fn html_text_prefix(html: &str, max_chars: usize) -> String {
    let bytes = html.as_bytes();
    let mut text = String::with_capacity(html.len().min(max_chars.saturating_mul(2)));
    // Characters in `text`: it stops growing once it has enough.
    let mut chars = 0;
    // A space is written only before the next word, so runs of spaces, tags and block
    // ends become one space and the text never starts or ends with one. A heading's
    // start and end become a line break instead, so that an excerpt can stop there rather
    // than run a heading into the sentence after it.
    let mut space = false;
    let mut heading_edge = false;
    let word = |text: &mut String, space: &mut bool, heading_edge: &mut bool, chars: &mut usize| {
        if *space && !text.is_empty() {
            text.push(if *heading_edge { '\n' } else { ' ' });
            *chars += 1;
        }
        *space = false;
        *heading_edge = false;
    };
    let mut at = 0;
    while at < bytes.len() && chars < max_chars {
        match bytes[at] {
            // Block ends become spaces, so words of two paragraphs never join.
            b'<' => {
                space = true;
                let name = html[at + 1..].trim_start_matches('/').as_bytes();
                heading_edge |= name.len() >= 2 && matches!(name[0], b'h' | b'H') && (b'1'..=b'6').contains(&name[1]);
                at = html[at..].find('>').map_or(bytes.len(), |end| at + end + 1);
            }
            b'&' => match ENTITIES.iter().find(|(entity, _)| html[at..].starts_with(entity)) {
                Some((entity, decoded)) => {
                    if decoded.is_whitespace() {
                        space = true;
                    } else {
                        word(&mut text, &mut space, &mut heading_edge, &mut chars);
                        text.push(*decoded);
                        chars += 1;
                    }
                    at += entity.len();
                }
                None => {
                    word(&mut text, &mut space, &mut heading_edge, &mut chars);
                    text.push('&');
                    chars += 1;
                    at += 1;
                }
            },
            byte if byte.is_ascii_whitespace() || byte == 0x0b => {
                space = true;
                at += 1;
            }
            byte if byte.is_ascii() => {
                let start = at;
                while at < bytes.len() {
                    let byte = bytes[at];
                    if !byte.is_ascii() || byte.is_ascii_whitespace() || matches!(byte, b'<' | b'&' | 0x0b) {
                        break;
                    }
                    at += 1;
                }
                word(&mut text, &mut space, &mut heading_edge, &mut chars);
                text.push_str(&html[start..at]);
                chars += at - start;
            }
            _ => {
                let c = html[at..].chars().next().expect("at a character boundary");
                if c.is_whitespace() {
                    space = true;
                } else {
                    word(&mut text, &mut space, &mut heading_edge, &mut chars);
                    text.push(c);
                    chars += 1;
                }
                at += c.len_utf8();
            }
        }
    }
    if chars > max_chars {
        let end = text.char_indices().nth(max_chars).map_or(text.len(), |(end, _)| end);
        text.truncate(end);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("Étäts"), "etats");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("ça"), "ca");
    }

    #[test]
    fn words_split_on_punctuation_and_skip_single_letters() {
        let found = words("L'intelligence artificielle, 5G et l’UE: x");
        assert_eq!(found, ["intelligence", "artificielle", "5g", "et", "ue"]);
        assert_eq!(
            words("ÉTATS-Unis ça ß ǅx Ⅻ 42 a1 \u{2003}Œuvre"),
            ["états", "unis", "ça", "ß", "ǅx", "ⅻ", "42", "a1", "œuvre"]
        );
        assert!(words("").is_empty());
    }

    #[test]
    fn a_decomposed_accent_stays_in_its_word_and_long_runs_are_no_words() {
        assert_eq!(words("Me\u{301}tro İSTANBUL"), ["me\u{301}tro", "i\u{307}stanbul"]);
        let blob = "x".repeat(WORD_BYTES_SKIPPED + 1);
        assert_eq!(words(&format!("short {blob} words")), ["short", "words"]);
        let stemmers = Stemmers::default();
        assert_eq!(stemmers.key("en", &"y".repeat(WORD_CHARS_MAX + 1)), None);
        assert!(stemmers.key("en", &"y".repeat(WORD_CHARS_MAX)).is_some());
        assert_eq!(stemmers.key("de", "ß").unwrap().0, "ss");
    }

    #[test]
    fn chinese_and_japanese_words_are_pairs_of_characters() {
        assert_eq!(
            words("美国芯片出口管制 and 5G芯片"),
            ["美国", "国芯", "芯片", "片出", "出口", "口管", "管制", "and", "5g", "芯片"]
        );
    }

    #[test]
    fn english_and_french_words_share_a_stem_with_their_forms() {
        let stemmers = Stemmers::default();
        let stem = |lang, word| stemmers.key(lang, word).unwrap().1;
        assert_eq!(stem("en", "sanctions"), stem("en", "sanctioned"));
        assert_eq!(stem("en", "restricting"), stem("en", "restrictions"));
        assert_eq!(stem("fr", "exportations"), stem("fr", "exportation"));
        assert_eq!(stem("fr", "régulées"), stem("fr", "régulée"));
        assert_eq!(stemmers.key("fr", "régulées").unwrap().0, "regulees");
        // Without a stemmer, the word is its own stem.
        assert_eq!(stemmers.key("de", "ausfuhren").unwrap(), ("ausfuhren".to_owned(), "ausfuhren".to_owned()));
        assert_eq!(stemmers.key("en", "the"), None);
    }

    #[test]
    fn the_words_of_html_are_those_of_its_text() {
        let html = "<p>Chips&amp;cables, <em>Ré</em>gulées&#39;s &lt;b&gt; &eacute;x &nbsp;&amp;lt;<a href=\"/x-y\">Link</a></p>\n<p>5G";
        let mut direct: Vec<Cow<str>> = Vec::new();
        each_html_word(html, &mut |word| direct.push(word));
        assert_eq!(direct, words(&html_text(html)));
        assert_eq!(direct, ["chips", "cables", "ré", "gulées", "eacute", "lt", "link", "5g"]);
    }

    #[test]
    fn html_text_keeps_words_apart_and_decodes_entities() {
        assert_eq!(html_text("<p>One&amp;two</p><p>three &lt;b&gt;</p>"), "One&two three <b>");
        assert_eq!(html_text("  <p>a &amp;lt; b&nbsp;&nbsp;c\u{a0}d &x</p>\n<p>"), "a &lt; b c d &x");
        assert_eq!(html_text("<b>unclosed"), "unclosed");
        assert_eq!(html_text_prefix("<p>One&amp;two</p><p>three &lt;b&gt;</p>", 9), "One&two t");
        assert_eq!(html_text_prefix("<p>é b</p>", 2), "é ");
        assert_eq!(
            html_text("<p>Intro.</p>\n<h2 id=\"x\">Why it matters</h2>\n<p>Chips.</p>"),
            "Intro.\nWhy it matters\nChips."
        );
        assert_eq!(html_text("\u{2003}É\u{b}t\u{e9}\n\t<i>x</i>&"), "É t\u{e9} x &");
    }
}
