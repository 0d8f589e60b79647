//! The language of a report, from its most common short words.
//!
//! A stop-word count tells the languages of news reports apart on a paragraph or
//! two and adds nothing to the build. `whatlang` (trigrams, 69 languages) was
//! measured at about 6 s of release compile time with its `hashbrown`, for languages
//! a briefing site does not publish in; switch to it if the site ever needs them.

/// Very frequent words that are rare in the other languages listed.
const STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "was", "that", "with", "for", "on", "said", "its", "has", "have", "from",
            "this", "which", "were", "are", "would", "will", "their", "by", "it", "an",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "que", "qui", "sur", "avec", "au",
            "aux", "cette", "ses", "ont", "été", "selon", "plus", "pas", "sont", "ne",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "den", "dem", "zu", "von", "auf", "für",
            "sich", "auch", "wurde", "im", "des",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "y", "que", "en", "una", "por", "con", "para", "es", "se", "su", "al", "fue",
            "según", "más", "lo", "como",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "e", "per", "con", "della", "è", "sono", "alla", "nel", "anche", "secondo", "gli",
            "delle", "non", "dei", "una", "ha", "più",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "en", "van", "dat", "op", "te", "met", "voor", "niet", "zijn", "werd", "ook", "naar", "bij",
            "wordt", "heeft", "om", "aan", "maar",
        ],
    ),
];

/// Fewer matching words than this and the text is too short to tell.
const MIN_HITS: usize = 4;

/// The ISO 639-1 code of `text`'s language, or `None` when it cannot be told.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut scores = [0usize; STOP_WORDS.len()];
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(600) {
        let word = word.to_lowercase();
        for (score, (_, words)) in scores.iter_mut().zip(STOP_WORDS) {
            if words.contains(&word.as_str()) {
                *score += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, &str)> = scores.iter().zip(STOP_WORDS).map(|(&s, &(code, _))| (s, code)).collect();
    ranked.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    let (best, code) = ranked[0];
    let second = ranked[1].0;
    (best >= MIN_HITS && best * 2 > second * 3).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_french_from_english() {
        assert_eq!(
            detect(
                "Le groupe a fermé son centre de recherche, selon une source proche du dossier, qui n'a pas précisé les raisons."
            ),
            Some("fr")
        );
        assert_eq!(
            detect("The company said on Friday that it would close the centre, which employed about 90 people."),
            Some("en")
        );
        assert_eq!(
            detect(
                "Das Unternehmen hat die Forschung in der Stadt eingestellt, und die Mitarbeiter wurden nicht informiert."
            ),
            Some("de")
        );
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(detect("Norvale Systems"), None);
    }
}
