//! Words of a text as the search index keys them: tokenised, folded, stemmed.
//!
//! The browser folds a query the same way (lower case, accents dropped, split on anything
//! that is not a letter or a digit), but never stems: it looks the folded word up in the
//! index's vocabulary, which gives the stem. So only this side needs the stemmers.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to be worth a posting list; the browser drops them from queries too.
pub const STOP_WORDS: &[&str] = &[
    // English
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of", "on",
    "or", "that", "the", "this", "to", "was", "were", "will", "with", // French
    "au", "aux", "ce", "ces", "dans", "de", "des", "du", "en", "est", "et", "il", "la", "le", "les", "leur", "par",
    "pas", "pour", "qu", "que", "qui", "se", "sont", "sur", "un", "une",
];

/// Lower case without diacritics, per character: `États` -> `etats`. Letters whose plain
/// form is longer than one letter (`œ`, `ß`) stay as they are, as the browser leaves them.
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_ascii() {
                return c;
            }
            match deunicode::deunicode_char(c) {
                Some(plain) if plain.len() == 1 && plain.as_bytes()[0].is_ascii_alphanumeric() => {
                    plain.as_bytes()[0].to_ascii_lowercase() as char
                }
                _ => c,
            }
        })
        .collect()
}

/// The words of a text, lower-cased but not folded (stemmers want their accents);
/// borrowed when already in lower case, as most words are.
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(|w| if w.chars().any(char::is_uppercase) { Cow::Owned(w.to_lowercase()) } else { Cow::Borrowed(w) })
}

/// Hands `each` the words of a text, as `words` gives them, in one pass over its bytes.
pub fn each_word<'t>(text: &'t str, each: &mut impl FnMut(Cow<'t, str>)) {
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
        let (mut upper, mut letters) = (false, 0);
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii_alphanumeric() {
                upper |= byte.is_ascii_uppercase();
                at += 1;
            } else if byte.is_ascii() {
                break;
            } else {
                let c = char_at(at);
                if !c.is_alphanumeric() {
                    break;
                }
                upper |= c.is_uppercase();
                at += c.len_utf8();
            }
            letters += 1;
        }
        if letters > 1 {
            let word = &text[start..at];
            each(if upper { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) });
        }
    }
}

/// Stemmers by language; languages without one are indexed unstemmed.
pub struct Stemmers {
    english: Stemmer,
    french: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Stemmers {
        Stemmers { english: Stemmer::create(Algorithm::English), french: Stemmer::create(Algorithm::French) }
    }
}

impl Stemmers {
    /// The folded word and its folded stem, or `None` for a stop word.
    pub fn key(&self, lang: &str, lower: &str) -> Option<(String, String)> {
        let word = fold(lower);
        if STOP_WORDS.contains(&word.as_str()) {
            return None;
        }
        let stemmer = match lang.split(['-', '_']).next().unwrap_or_default() {
            "en" => &self.english,
            "fr" => &self.french,
            _ => return Some((word.clone(), word)),
        };
        let stem = fold(&stemmer.stem(lower));
        Some((word, stem))
    }
}

/// The entities briefing's sanitised HTML uses, and what they stand for.
const ENTITIES: [(&str, char); 6] =
    [("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&nbsp;", ' '), ("&amp;", '&')];

/// Hands `each` the words of an article's HTML, the same as `words(&html_text(html))`,
/// without making the text: tags and entities separate words as the space and the
/// punctuation they become there.
pub fn each_html_word<'h>(html: &'h str, each: &mut impl FnMut(Cow<'h, str>)) {
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
pub fn html_text(html: &str) -> String {
    html_text_prefix(html, usize::MAX)
}

/// The first `max_chars` characters of `html_text(html)`, reading no more of the HTML than
/// they need.
pub fn html_text_prefix(html: &str, max_chars: usize) -> String {
    let bytes = html.as_bytes();
    let mut text = String::with_capacity(html.len().min(max_chars.saturating_mul(2)));
    // Characters in `text`: it stops growing once it has enough.
    let mut chars = 0;
    // A space is written only before the next word, so runs of spaces, tags and block
    // ends become one space and the text never starts or ends with one.
    let mut space = false;
    let word = |text: &mut String, space: &mut bool, chars: &mut usize| {
        if *space && !text.is_empty() {
            text.push(' ');
            *chars += 1;
        }
        *space = false;
    };
    let mut at = 0;
    while at < bytes.len() && chars < max_chars {
        match bytes[at] {
            // Block ends become spaces, so words of two paragraphs never join.
            b'<' => {
                space = true;
                at = html[at..].find('>').map_or(bytes.len(), |end| at + end + 1);
            }
            b'&' => match ENTITIES.iter().find(|(entity, _)| html[at..].starts_with(entity)) {
                Some((entity, decoded)) => {
                    if decoded.is_whitespace() {
                        space = true;
                    } else {
                        word(&mut text, &mut space, &mut chars);
                        text.push(*decoded);
                        chars += 1;
                    }
                    at += entity.len();
                }
                None => {
                    word(&mut text, &mut space, &mut chars);
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
                word(&mut text, &mut space, &mut chars);
                text.push_str(&html[start..at]);
                chars += at - start;
            }
            _ => {
                let c = html[at..].chars().next().expect("at a character boundary");
                if c.is_whitespace() {
                    space = true;
                } else {
                    word(&mut text, &mut space, &mut chars);
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
        assert_eq!(fold("Étäts-Unis"), "etats-unis");
        assert_eq!(fold("Œuvre"), "œuvre");
        assert_eq!(fold("ça"), "ca");
    }

    #[test]
    fn words_split_on_punctuation_and_skip_single_letters() {
        let found: Vec<Cow<str>> = words("L'intelligence artificielle, 5G et l’UE: x").collect();
        assert_eq!(found, ["intelligence", "artificielle", "5g", "et", "ue"]);
    }

    #[test]
    fn words_in_one_pass_are_the_same_words() {
        for text in ["L'intelligence artificielle, 5G et l’UE: x", "ÉTATS-Unis ça ß ǅx Ⅻ 42 a1 \u{2003}Œuvre", ""]
        {
            let mut found: Vec<Cow<str>> = Vec::new();
            each_word(text, &mut |word| found.push(word));
            assert_eq!(found, words(text).collect::<Vec<_>>(), "{text}");
        }
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
        assert_eq!(direct, words(&html_text(html)).collect::<Vec<_>>());
        assert_eq!(direct, ["chips", "cables", "ré", "gulées", "eacute", "lt", "link", "5g"]);
    }

    #[test]
    fn html_text_keeps_words_apart_and_decodes_entities() {
        assert_eq!(html_text("<p>One&amp;two</p><p>three &lt;b&gt;</p>"), "One&two three <b>");
        assert_eq!(html_text("  <p>a &amp;lt; b&nbsp;&nbsp;c\u{a0}d &x</p>\n<p>"), "a &lt; b c d &x");
        assert_eq!(html_text("<b>unclosed"), "unclosed");
        assert_eq!(html_text_prefix("<p>One&amp;two</p><p>three &lt;b&gt;</p>", 9), "One&two t");
        assert_eq!(html_text_prefix("<p>é b</p>", 2), "é ");
        assert_eq!(html_text("\u{2003}É\u{b}t\u{e9}\n\t<i>x</i>&"), "É t\u{e9} x &");
    }
}
