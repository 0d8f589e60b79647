//! Languages: one [`Vocabulary`] per language, and telling a report's language from its
//! most common short words.
//!
//! A stop-word count tells the languages of news reports apart on a paragraph or
//! two and adds nothing to the build. `whatlang` (trigrams, 69 languages) was
//! measured at about 6 s of release compile time with its `hashbrown`, for languages
//! a briefing site does not publish in; switch to it if the site ever needs them.

pub mod reader;
mod vocabularies;

use chrono_tz::Tz;
use vocabularies::VOCABULARIES;

/// A language the extractor knows words of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    French,
    German,
    Spanish,
    Italian,
    Portuguese,
    Dutch,
    Chinese,
    Japanese,
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
    /// Whether `04/08/2024` is read month first (American English) rather than day first.
    pub month_first: bool,
    /// Month names, lowercase, and their numbers; read on a page in any language.
    pub months: &'static [(&'static str, u32)],
    /// Short month names ("okt", "set"), read only on pages in this language (and in
    /// English and French): "out" or "set" are words elsewhere.
    pub month_abbreviations: &'static [(&'static str, u32)],
    /// Words a date line may hold besides its dates: labels, connectives, weekdays.
    pub date_words: &'static [&'static str],
    /// Words that say the date after them is an update.
    pub update_words: &'static [&'static str],
    /// Words that label a publication date: "published", "publié", "veröffentlicht".
    pub published_words: &'static [&'static str],
    /// The word joining the last two names of a byline.
    pub and: &'static str,
    /// The word before a byline: "By", "Par".
    pub by: &'static str,
}

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

    /// Every language the extractor knows.
    pub fn all() -> impl Iterator<Item = Language> {
        VOCABULARIES.iter().map(|v| v.language)
    }

    /// The language of `text`, or `None` when it cannot be told: Chinese and Japanese by
    /// their script (kana are Japanese only), the others by their stop words.
    pub fn detect(text: &str) -> Option<Language> {
        if let Some(language) = by_script(text) {
            return Some(language);
        }
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(600)
            .map(str::to_lowercase)
            .collect();
        let mut scores = vec![0usize; VOCABULARIES.len()];
        for word in &words {
            for (score, vocabulary) in scores.iter_mut().zip(VOCABULARIES) {
                if vocabulary.stop_words.contains(&word.as_str()) {
                    *score += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, &Vocabulary)> = scores.iter().copied().zip(VOCABULARIES).collect();
        ranked.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
        let ((best, first), (second, runner_up)) = (ranked[0], ranked[1]);
        if best < MIN_HITS {
            return None;
        }
        if best * 2 > second * 3 {
            return Some(first.language);
        }
        // Close languages (Spanish and Portuguese, Dutch and German) share many stop
        // words: the words only one of the two has decide.
        let own = |vocabulary: &Vocabulary, other: &Vocabulary| {
            words
                .iter()
                .filter(|w| vocabulary.stop_words.contains(&w.as_str()) && !other.stop_words.contains(&w.as_str()))
                .count()
        };
        let (mine, theirs) = (own(first, runner_up), own(runner_up, first));
        (mine >= MIN_HITS && mine * 2 > theirs * 3).then_some(first.language)
    }
}

/// Chinese or Japanese, when most of the letters of `text` (its first 2,000 characters)
/// are Han or kana; Japanese when kana are a share of them.
fn by_script(text: &str) -> Option<Language> {
    let (mut letters, mut cjk, mut kana) = (0usize, 0usize, 0usize);
    for c in text.chars().take(2000).filter(|c| c.is_alphabetic()) {
        letters += 1;
        if is_cjk(c) {
            cjk += 1;
            kana += usize::from(('\u{3040}'..='\u{30ff}').contains(&c));
        }
    }
    if cjk < crate::tuning::CJK_MIN_CHARS || (cjk as f64) < crate::tuning::CJK_MIN_SHARE * letters as f64 {
        return None;
    }
    Some(if kana as f64 >= crate::tuning::KANA_MIN_SHARE * cjk as f64 { Language::Japanese } else { Language::Chinese })
}

/// A character of Chinese or Japanese writing: Han ideographs, kana, their punctuation
/// and full-width forms. Such text has no spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' // CJK punctuation: 。、「」
        | '\u{3040}'..='\u{30ff}' // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' // Han, extension A
        | '\u{4e00}'..='\u{9fff}' // Han
        | '\u{f900}'..='\u{faff}' // Han compatibility
        | '\u{ff00}'..='\u{ffef}' // full-width forms: ！？：
    )
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
    fn spanish_is_told_from_portuguese_by_the_words_only_one_has() {
        let spanish = "Lisboa, 30 jun (EFE).- La empresa estadounidense de centros de datos ha inaugurado este lunes en \
            Lisboa su sede para el sur de Europa, desde la que gestionará sus proyectos en Portugal, España e Italia. \
            La oficina contará con 70 empleados al cierre del año, la mayoría ingenieros y especialistas en energía.";
        assert_eq!(Language::detect(spanish), Some(Language::Spanish));
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(Language::detect("Norvale Systems"), None);
    }

    #[test]
    fn chinese_and_japanese_by_their_script() {
        assert_eq!(Language::detect("诺瓦尔系统公司周四表示，将关闭其在深圳的研究中心。"), Some(Language::Chinese));
        assert_eq!(
            Language::detect("ノーバル社は木曜日、深圳の研究拠点を閉鎖すると発表した。"),
            Some(Language::Japanese)
        );
    }

    #[test]
    fn tags_name_languages() {
        assert_eq!(Language::from_tag("fr-FR"), Some(Language::French));
        assert_eq!(Language::from_tag("en_GB"), Some(Language::English));
        assert_eq!(Language::from_tag("tlh"), None);
    }
}
