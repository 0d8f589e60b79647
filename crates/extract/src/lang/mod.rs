//! Languages: one [`Vocabulary`] per language, and telling a report's language from its
//! most common short words.
//!
//! A stop-word count tells the languages of news reports apart on a paragraph or
//! two and adds nothing to the build. `whatlang` (trigrams, 69 languages) was
//! measured at about 6 s of release compile time with its `hashbrown`, for languages
//! a briefing site does not publish in; switch to it if the site ever needs them.

pub mod reader;

use chrono_tz::Tz;

/// A language the extractor knows words of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    French,
    German,
    Spanish,
    Italian,
    Dutch,
}

/// What the extractor knows of one language.
#[derive(Debug)]
pub struct Vocabulary {
    pub language: Language,
    /// ISO 639-1.
    pub code: &'static str,
    /// Very frequent words that are rare in the other languages listed.
    pub stop_words: &'static [&'static str],
    /// Where a time written without an offset is local time, when pages in this language
    /// come from one zone; `None` reads such a time as UTC.
    pub local_zone: Option<Tz>,
    /// The word joining the last two names of a byline.
    pub and: &'static str,
    /// The word before a byline: "By", "Par".
    pub by: &'static str,
}

/// Every vocabulary, in the order language detection ranks ties.
const VOCABULARIES: &[Vocabulary] = &[
    Vocabulary {
        language: Language::English,
        code: "en",
        stop_words: &[
            "the", "and", "of", "to", "is", "was", "that", "with", "for", "on", "said", "its", "has", "have", "from",
            "this", "which", "were", "are", "would", "will", "their", "by", "it", "an",
        ],
        local_zone: None,
        and: "and",
        by: "By",
    },
    Vocabulary {
        language: Language::French,
        code: "fr",
        stop_words: &[
            "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "que", "qui", "sur", "avec", "au",
            "aux", "cette", "ses", "ont", "été", "selon", "plus", "pas", "sont", "ne",
        ],
        local_zone: Some(chrono_tz::Europe::Paris),
        and: "et",
        by: "Par",
    },
    Vocabulary {
        language: Language::German,
        code: "de",
        stop_words: &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "den", "dem", "zu", "von", "auf", "für",
            "sich", "auch", "wurde", "im", "des",
        ],
        local_zone: None,
        and: "und",
        by: "Von",
    },
    Vocabulary {
        language: Language::Spanish,
        code: "es",
        stop_words: &[
            "el", "los", "las", "del", "y", "que", "en", "una", "por", "con", "para", "es", "se", "su", "al", "fue",
            "según", "más", "lo", "como",
        ],
        local_zone: None,
        and: "y",
        by: "Por",
    },
    Vocabulary {
        language: Language::Italian,
        code: "it",
        stop_words: &[
            "il", "di", "che", "e", "per", "con", "della", "è", "sono", "alla", "nel", "anche", "secondo", "gli",
            "delle", "non", "dei", "una", "ha", "più",
        ],
        local_zone: None,
        and: "e",
        by: "Di",
    },
    Vocabulary {
        language: Language::Dutch,
        code: "nl",
        stop_words: &[
            "het", "een", "en", "van", "dat", "op", "te", "met", "voor", "niet", "zijn", "werd", "ook", "naar", "bij",
            "wordt", "heeft", "om", "aan", "maar",
        ],
        local_zone: None,
        and: "en",
        by: "Door",
    },
];

/// Fewer matching words than this and the text is too short to tell.
const MIN_HITS: usize = 4;

impl Language {
    pub fn vocabulary(self) -> &'static Vocabulary {
        VOCABULARIES.iter().find(|v| v.language == self).expect("every language has a vocabulary")
    }

    /// ISO 639-1: `fr`.
    pub fn code(self) -> &'static str {
        self.vocabulary().code
    }

    /// The language of a tag such as `fr`, `fr-FR` or `en_GB`, if the extractor knows it.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        VOCABULARIES.iter().find(|v| v.code == primary).map(|v| v.language)
    }

    /// The language of `text`, or `None` when it cannot be told.
    pub fn detect(text: &str) -> Option<Language> {
        let mut scores = vec![0usize; VOCABULARIES.len()];
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(600) {
            let word = word.to_lowercase();
            for (score, vocabulary) in scores.iter_mut().zip(VOCABULARIES) {
                if vocabulary.stop_words.contains(&word.as_str()) {
                    *score += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, Language)> =
            scores.iter().zip(VOCABULARIES).map(|(&s, v)| (s, v.language)).collect();
        ranked.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
        let (best, language) = ranked[0];
        let second = ranked[1].0;
        (best >= MIN_HITS && best * 2 > second * 3).then_some(language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_french_from_english() {
        assert_eq!(
            Language::detect(
                "Le groupe a fermé son centre de recherche, selon une source proche du dossier, qui n'a pas précisé les raisons."
            ),
            Some(Language::French)
        );
        assert_eq!(
            Language::detect(
                "The company said on Friday that it would close the centre, which employed about 90 people."
            ),
            Some(Language::English)
        );
        assert_eq!(
            Language::detect(
                "Das Unternehmen hat die Forschung in der Stadt eingestellt, und die Mitarbeiter wurden nicht informiert."
            ),
            Some(Language::German)
        );
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(Language::detect("Norvale Systems"), None);
    }

    #[test]
    fn tags_name_languages() {
        assert_eq!(Language::from_tag("fr-FR"), Some(Language::French));
        assert_eq!(Language::from_tag("en_GB"), Some(Language::English));
        assert_eq!(Language::from_tag("tlh"), None);
    }
}
