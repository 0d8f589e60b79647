//! The one fold of search: what the index keys a word by and what the browser looks a
//! query word up by. static/search.js does the same steps in the same order (its
//! `fold` and `terms`, which `each_term` is); tests/fixtures/search-fold.tsv holds the strings both sides are
//! tested on, here and in the browser.
//!
//! 1. lower case (full Unicode mapping: `İ` -> `i̇`, which may change the length);
//! 2. canonical decomposition (NFD), then the combining diacritics of `MARKS` dropped;
//! 3. the letters of `LETTERS`, which have no decomposition, replaced (`ł` -> `l`);
//! 4. canonical composition (NFC), so that marks outside `MARKS` (kana voicing) rejoin
//!    their letters.
//!
//! 5. British spellings as American ones (`SPELLINGS`): "licence" finds "license".
//!
//! No transliteration: a Cyrillic or Greek word stays in its script, as a reader types it.
//! Chinese and Japanese, written without spaces, are indexed as overlapping pairs of
//! characters (`each_term`), which a query is split into the same way.

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};

/// The combining diacritics that folding drops: the blocks the browser's `MARKS` lists.
pub(crate) const MARKS: &[(char, char)] = &[
    ('\u{0300}', '\u{036f}'),
    ('\u{1ab0}', '\u{1aff}'),
    ('\u{1dc0}', '\u{1dff}'),
    ('\u{20d0}', '\u{20ff}'),
    ('\u{fe20}', '\u{fe2f}'),
];

/// Letters without a decomposition that readers type as plain letters, and the final
/// sigma, which lower-casing gives or not depending on the letter after it.
pub(crate) const LETTERS: &[(char, &str)] = &[
    ('ł', "l"),
    ('ø', "o"),
    ('đ', "d"),
    ('ħ', "h"),
    ('ı', "i"),
    ('ŧ', "t"),
    ('ŀ', "l"),
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('þ', "th"),
    ('ð', "d"),
    ('ς', "σ"),
];

/// Chinese characters, hiragana and katakana: scripts written without spaces between
/// words, indexed by pairs of characters. The browser's `CJK` lists the same ranges.
pub(crate) const CJK: &[(char, char)] = &[
    ('\u{3040}', '\u{30ff}'),
    ('\u{31f0}', '\u{31ff}'),
    ('\u{3400}', '\u{4dbf}'),
    ('\u{4e00}', '\u{9fff}'),
    ('\u{f900}', '\u{faff}'),
    ('\u{20000}', '\u{2ebef}'),
    ('\u{30000}', '\u{3134f}'),
];

/// British spellings and the American ones both fold to: a British stem, its American
/// stem, and the endings that may follow it (none listed: any). Stems are listed, not
/// suffix rules, so that "promise", "organism" or "hour" stay as they are. The browser's
/// `SPELLINGS` is the same table.
pub(crate) const SPELLINGS: &[(&str, &str, &[&str])] = &[
    ("licenc", "licens", &[]),
    ("defenc", "defens", &[]),
    ("offenc", "offens", &[]),
    ("pretenc", "pretens", &[]),
    ("colour", "color", &[]),
    ("favour", "favor", &[]),
    ("flavour", "flavor", &[]),
    ("behaviour", "behavior", &[]),
    ("labour", "labor", &[]),
    ("harbour", "harbor", &[]),
    ("honour", "honor", &[]),
    ("neighbour", "neighbor", &[]),
    ("rumour", "rumor", &[]),
    ("endeavour", "endeavor", &[]),
    ("armour", "armor", &[]),
    ("vigour", "vigor", &[]),
    ("centre", "center", &["", "s"]),
    ("centred", "centered", &[""]),
    ("theatre", "theater", &["", "s"]),
    ("fibre", "fiber", &["", "s"]),
    ("litre", "liter", &["", "s"]),
    ("calibre", "caliber", &["", "s"]),
    ("programme", "program", &["", "s"]),
    ("catalogue", "catalog", &["", "s"]),
    ("dialogue", "dialog", &["", "s"]),
    ("analogue", "analog", &["", "s"]),
    ("aluminium", "aluminum", &[""]),
    ("judgement", "judgment", &["", "s"]),
    ("ageing", "aging", &[""]),
    ("sceptic", "skeptic", &[]),
    ("travell", "travel", &["ed", "ing", "er", "ers"]),
    ("modell", "model", &["ed", "ing", "er", "ers"]),
    ("labell", "label", &["ed", "ing"]),
    ("cancell", "cancel", &["ed", "ing"]),
    ("fuell", "fuel", &["ed", "ing"]),
    ("signall", "signal", &["ed", "ing"]),
    ("channell", "channel", &["ed", "ing"]),
    ("counsell", "counsel", &["ed", "ing", "or", "ors"]),
    ("levell", "level", &["ed", "ing"]),
    ("totall", "total", &["ed", "ing"]),
    ("organis", "organiz", &["e", "ed", "es", "ing", "er", "ers", "ation", "ations", "ational"]),
    ("realis", "realiz", &["e", "ed", "es", "ing", "ation"]),
    ("recognis", "recogniz", &["e", "ed", "es", "ing", "able"]),
    ("authoris", "authoriz", &["e", "ed", "es", "ing", "ation", "ations"]),
    ("subsidis", "subsidiz", &["e", "ed", "es", "ing", "ation"]),
    ("modernis", "moderniz", &["e", "ed", "es", "ing", "ation"]),
    ("industrialis", "industrializ", &["e", "ed", "es", "ing", "ation"]),
    ("prioritis", "prioritiz", &["e", "ed", "es", "ing", "ation"]),
    ("criticis", "criticiz", &["e", "ed", "es", "ing"]),
    ("digitalis", "digitaliz", &["e", "ed", "es", "ing", "ation"]),
    ("nationalis", "nationaliz", &["e", "ed", "es", "ing", "ation"]),
    ("stabilis", "stabiliz", &["e", "ed", "es", "ing", "ation"]),
    ("standardis", "standardiz", &["e", "ed", "es", "ing", "ation"]),
    ("centralis", "centraliz", &["e", "ed", "es", "ing", "ation"]),
    ("localis", "localiz", &["e", "ed", "es", "ing", "ation"]),
    ("globalis", "globaliz", &["e", "ed", "es", "ing", "ation"]),
    ("privatis", "privatiz", &["e", "ed", "es", "ing", "ation"]),
    ("utilis", "utiliz", &["e", "ed", "es", "ing", "ation"]),
    ("optimis", "optimiz", &["e", "ed", "es", "ing", "ation"]),
    ("characteris", "characteriz", &["e", "ed", "es", "ing", "ation"]),
    ("specialis", "specializ", &["e", "ed", "es", "ing", "ation"]),
    ("weaponis", "weaponiz", &["e", "ed", "es", "ing", "ation"]),
    ("harmonis", "harmoniz", &["e", "ed", "es", "ing", "ation"]),
    ("criminalis", "criminaliz", &["e", "ed", "es", "ing", "ation"]),
    ("liberalis", "liberaliz", &["e", "ed", "es", "ing", "ation"]),
    ("monetis", "monetiz", &["e", "ed", "es", "ing", "ation"]),
    ("mobilis", "mobiliz", &["e", "ed", "es", "ing", "ation"]),
    ("minimis", "minimiz", &["e", "ed", "es", "ing"]),
    ("maximis", "maximiz", &["e", "ed", "es", "ing"]),
    ("normalis", "normaliz", &["e", "ed", "es", "ing", "ation"]),
    ("categoris", "categoriz", &["e", "ed", "es", "ing", "ation"]),
    ("sanitis", "sanitiz", &["e", "ed", "es", "ing"]),
    ("emphasis", "emphasiz", &["e", "ed", "es", "ing"]),
];

/// A folded word in the American spelling, if `SPELLINGS` has its British one.
pub(crate) fn american(word: &str) -> Option<String> {
    SPELLINGS.iter().find_map(|(british, american, endings)| {
        let ending = word.strip_prefix(british)?;
        (endings.is_empty() || endings.contains(&ending)).then(|| format!("{american}{ending}"))
    })
}

/// Words longer than this many characters (after folding) are not indexed, and the
/// browser leaves them out of queries: no real word is this long, and one pasted blob
/// must not make a vocabulary shard of megabytes.
pub(crate) const WORD_CHARS_MAX: usize = 64;

fn in_ranges(c: char, ranges: &[(char, char)]) -> bool {
    ranges.iter().any(|&(first, last)| (first..=last).contains(&c))
}

/// Whether `c` is one of the combining diacritics folding drops.
pub(crate) fn is_mark(c: char) -> bool {
    in_ranges(c, MARKS)
}

/// Whether `c` belongs to a script indexed by pairs of characters.
pub(crate) fn is_cjk(c: char) -> bool {
    in_ranges(c, CJK)
}

/// A word (or any text) folded: `İSTANBUL` -> `istanbul`, `Łódź` -> `lodz`, `Αθήνα` ->
/// `αθηνα`. Whatever is not a letter or a digit afterwards is dropped, so a folded word
/// never needs escaping in the index's JSON.
pub fn fold(text: &str) -> String {
    let folded: String = sort_key(text).chars().filter(|c| c.is_alphanumeric()).collect();
    american(&folded).unwrap_or(folded)
}

/// Text folded as `fold` does, but with its spaces and punctuation: names sort by it
/// (`Ésope` with the `E`s, `New York` before `Newark`).
pub(crate) fn sort_key(text: &str) -> String {
    let lower = text.to_lowercase();
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(&lower);
    let mut plain = String::with_capacity(decomposed.len());
    for c in decomposed.chars().filter(|&c| !is_mark(c)) {
        match LETTERS.iter().find(|(letter, _)| *letter == c) {
            Some((_, replacement)) => plain.push_str(replacement),
            None => plain.push(c),
        }
    }
    ComposingNormalizerBorrowed::new_nfc().normalize(&plain).into_owned()
}

/// Hands `each` the terms of a word: itself, or, where it has characters of `CJK`, each
/// run of other letters as a word and each run of `CJK` as its overlapping pairs of
/// characters (`芯片产业` -> `芯片`, `片产`, `产业`; a run of one gives none).
pub(crate) fn each_term<'w>(word: &'w str, each: &mut impl FnMut(&'w str)) {
    let mut rest = word;
    while let Some(first) = rest.chars().next() {
        let cjk = is_cjk(first);
        let end = rest.char_indices().find(|&(_, c)| is_cjk(c) != cjk).map_or(rest.len(), |(end, _)| end);
        let run = &rest[..end];
        if cjk {
            let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).chain([run.len()]).collect();
            for pair in starts.windows(3) {
                each(&run[pair[0]..pair[2]]);
            }
        } else {
            each(run);
        }
        rest = &rest[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strings the browser is tested on too (tests/it/browser.rs).
    const SHARED: &str = include_str!("../../tests/fixtures/search-fold.tsv");

    #[test]
    fn folds_the_shared_strings_as_the_table_says() {
        let mut checked = 0;
        for line in SHARED.lines().filter(|line| !line.starts_with('#') && !line.is_empty()) {
            let (written, folded) = line.split_once('\t').expect("written<TAB>folded");
            assert_eq!(fold(written), folded, "{written}");
            assert_eq!(fold(folded), folded, "folding twice changes nothing: {folded}");
            checked += 1;
        }
        assert!(checked >= 10, "the table has its strings");
    }

    #[test]
    fn the_browser_has_the_same_spellings() {
        let script = include_str!("../../static/search.js");
        let start = script.find("var SPELLINGS = ").expect("search.js lists its spellings") + "var SPELLINGS = ".len();
        let end = start + script[start..].find(";\n").unwrap();
        let browser: Vec<(String, String, Vec<String>)> = serde_json::from_str(&script[start..end]).unwrap();
        let here: Vec<(String, String, Vec<String>)> = SPELLINGS
            .iter()
            .map(|(british, american, endings)| {
                ((*british).to_owned(), (*american).to_owned(), endings.iter().map(|e| (*e).to_owned()).collect())
            })
            .collect();
        assert_eq!(browser, here);
    }

    #[test]
    fn british_spellings_fold_to_american_ones_and_other_words_stay() {
        assert_eq!(fold("Licence"), "license");
        assert_eq!(fold("centres"), "centers");
        assert_eq!(fold("centred"), "centered");
        assert_eq!(fold("organism"), "organism");
        assert_eq!(fold("hour"), "hour");
    }

    #[test]
    fn dotted_capital_i_folds_without_panicking() {
        assert_eq!(fold("İ"), "i");
        assert_eq!(fold("İİİ"), "iii");
        assert_eq!(fold("i\u{307}"), "i");
    }

    #[test]
    fn chinese_and_japanese_become_pairs_of_characters() {
        let terms = |word| {
            let mut found = Vec::new();
            each_term(word, &mut |term| found.push(term));
            found
        };
        assert_eq!(terms("5g芯片产业"), ["5g", "芯片", "片产", "产业"]);
        assert_eq!(terms("半導体メーカー"), ["半導", "導体", "体メ", "メー", "ーカ", "カー"]);
        assert_eq!(terms("word"), ["word"]);
        assert!(terms("中").is_empty());
    }
}
