//! Language tags written where the site does not expect them: a file-name suffix
//! (`x.fre.md`, `x.de.md`) or a `lang:` value that is not one of the site's languages.
//! A tag that is almost one of them (`fre`, `fr-FR`, `FR_fr`) is answered with it.

use std::path::Path;

use super::canonical_language;

/// ISO 639-1: the two-letter tags, the ones BCP 47 uses where they exist.
const TWO_LETTER_CODES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs \
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id \
    ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk \
    ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg \
    si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi \
    yo za zh zu";

/// Tags people write for a language that has a two-letter one: ISO 639-2 codes (`fre`,
/// `fra`, `ger`) and country codes taken for languages (`jp`, `cn`, `cz`).
const OTHER_SPELLINGS: &[(&str, &str)] = &[
    ("alb", "sq"),
    ("ara", "ar"),
    ("arm", "hy"),
    ("baq", "eu"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("chi", "zh"),
    ("cn", "zh"),
    ("cym", "cy"),
    ("cz", "cs"),
    ("cze", "cs"),
    ("dan", "da"),
    ("deu", "de"),
    ("dk", "da"),
    ("dut", "nl"),
    ("ell", "el"),
    ("eng", "en"),
    ("est", "et"),
    ("eus", "eu"),
    ("fas", "fa"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("gb", "en"),
    ("geo", "ka"),
    ("ger", "de"),
    ("gle", "ga"),
    ("glg", "gl"),
    ("gr", "el"),
    ("gre", "el"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ice", "is"),
    ("ind", "id"),
    ("isl", "is"),
    ("ita", "it"),
    ("jp", "ja"),
    ("jpn", "ja"),
    ("kat", "ka"),
    ("kor", "ko"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mac", "mk"),
    ("may", "ms"),
    ("mkd", "mk"),
    ("msa", "ms"),
    ("nld", "nl"),
    ("nor", "no"),
    ("per", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rum", "ro"),
    ("rus", "ru"),
    ("slk", "sk"),
    ("slo", "sk"),
    ("slv", "sl"),
    ("spa", "es"),
    ("sqi", "sq"),
    ("srp", "sr"),
    ("swa", "sw"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tha", "th"),
    ("tur", "tr"),
    ("ua", "uk"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("us", "en"),
    ("vie", "vi"),
    ("wel", "cy"),
    ("zho", "zh"),
];

/// What a tag written by the user is to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TagMeaning {
    /// One of the site's languages, as the site writes it.
    Listed(String),
    /// Almost one of the site's languages: another spelling of it (`fre`, `fr-FR` on a
    /// site of `fr`); the site's tag.
    NearMiss(String),
    /// A language the site does not list; its usual tag (`de` for `ger`).
    Unlisted(String),
    /// Not a language: a word of a file name (`node.js.md`), or a tag no one uses.
    NotALanguage,
}

/// What `tag` (a file-name suffix or a `lang:` value) means on a site whose languages
/// are `codes` (the default first, lowercase).
pub(crate) fn meaning(tag: &str, codes: &[&str]) -> TagMeaning {
    let tag = canonical_language(tag).replace('_', "-");
    let listed = |code: &str| codes.iter().find(|&&listed| listed == code).map(|&listed| listed.to_owned());
    if let Some(code) = listed(&tag) {
        return TagMeaning::Listed(code);
    }
    let (primary, region) = match tag.split_once('-') {
        Some((primary, region)) => (primary, Some(region)),
        None => (tag.as_str(), None),
    };
    let Some(usual) = usual_tag(primary) else { return TagMeaning::NotALanguage };
    // `fr-fr` and `fre` on a site of `fr`; `pt` on a site of `pt-br` alone.
    if let Some(code) = listed(usual) {
        return TagMeaning::NearMiss(code);
    }
    let same_primary: Vec<&&str> = codes.iter().filter(|code| code.split('-').next() == Some(usual)).collect();
    if let [only] = same_primary.as_slice() {
        return TagMeaning::NearMiss((**only).to_owned());
    }
    match region {
        Some(region) if usual == primary => TagMeaning::Unlisted(format!("{usual}-{region}")),
        _ => TagMeaning::Unlisted(usual.to_owned()),
    }
}

/// The two-letter tag of a primary language subtag people write, if it is a language.
fn usual_tag(primary: &str) -> Option<&'static str> {
    TWO_LETTER_CODES
        .split_whitespace()
        .find(|&code| code == primary)
        .or_else(|| OTHER_SPELLINGS.iter().find(|(spelling, _)| *spelling == primary).map(|&(_, code)| code))
}

/// Whether a file-name suffix (`fr`, `fre`, `fr-FR`) names a language rather than being a
/// word of the name (`node.js`).
pub(crate) fn names_a_language(suffix: &str) -> bool {
    let suffix = canonical_language(suffix).replace('_', "-");
    usual_tag(suffix.split('-').next().unwrap_or_default()).is_some()
}

/// What is wrong with the language a file name ends in (`x.fre.md`, `x.de.md`), if it
/// names one the site does not read there; `codes`: the site's languages, the default first.
pub(crate) fn file_name_problem(path: &Path, codes: &[&str]) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let (base, suffix) = stem.rsplit_once('.')?;
    let several = codes.len() > 1;
    let list = codes.join(", ");
    let default = codes.first().copied().unwrap_or("en");
    Some(match meaning(suffix, codes) {
        TagMeaning::Listed(_) if several => return None,
        TagMeaning::Listed(_) => format!(
            "the file name ends in `.{suffix}`, the site's only language: a file name gives a language only on a \
             site of several languages, so this is the article `{}`: name the file `{base}.md`",
            slug::slugify(stem)
        ),
        TagMeaning::NearMiss(code) if code == default => format!(
            "the file name ends in `.{suffix}`, which is not one of the site's languages ({list}): a file without a \
             language in its name is in `{default}`, so name it `{base}.md`"
        ),
        TagMeaning::NearMiss(code) => format!(
            "the file name ends in `.{suffix}`, which is not one of the site's languages ({list}): did you mean \
             `{base}.{code}.md`, the `{code}` version of `{base}.md`?"
        ),
        TagMeaning::Unlisted(code) if several => format!(
            "the file name ends in `.{suffix}`, the language `{code}`, which is not one of the site's languages \
             ({list}): add `- code: {code}` under `languages:` in site.yaml to publish a `{code}` version of \
             `{base}.md`; for an article of its own, name the file `{base}-{suffix}.md` and write `lang: {code}`"
        ),
        TagMeaning::Unlisted(code) => format!(
            "the file name ends in `.{suffix}`, the language `{code}`, but the site has one language, `{default}`: \
             to publish versions in several languages, list them under `languages:` in site.yaml (see \
             docs/languages.md); for an article of its own, name the file `{base}-{suffix}.md` and write `lang: {code}`"
        ),
        TagMeaning::NotALanguage => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_as_the_sites_languages_or_near_misses() {
        let en_fr = ["en", "fr"];
        assert_eq!(meaning("FR", &en_fr), TagMeaning::Listed("fr".to_owned()));
        for near in ["fre", "fra", "fr-FR", "fr_ca", "FR-fr"] {
            assert_eq!(meaning(near, &en_fr), TagMeaning::NearMiss("fr".to_owned()), "{near}");
        }
        assert_eq!(meaning("eng", &en_fr), TagMeaning::NearMiss("en".to_owned()));
        assert_eq!(meaning("de", &en_fr), TagMeaning::Unlisted("de".to_owned()));
        assert_eq!(meaning("ger", &en_fr), TagMeaning::Unlisted("de".to_owned()));
        assert_eq!(meaning("de-AT", &en_fr), TagMeaning::Unlisted("de-at".to_owned()));
        assert_eq!(meaning("jp", &en_fr), TagMeaning::Unlisted("ja".to_owned()));
        for word in ["js", "v2", "draft", "final", "xx"] {
            assert_eq!(meaning(word, &en_fr), TagMeaning::NotALanguage, "{word}");
        }
        assert_eq!(meaning("pt", &["en", "pt-br"]), TagMeaning::NearMiss("pt-br".to_owned()));
        assert_eq!(meaning("fr", &["en"]), TagMeaning::Unlisted("fr".to_owned()));
    }

    #[test]
    fn a_file_name_ending_in_a_language_the_site_does_not_read_is_named() {
        let name = |file: &str, codes: &[&str]| file_name_problem(Path::new(file), codes);
        let near = name("content/articles/chips.fre.md", &["en", "fr"]).unwrap();
        assert!(near.contains("did you mean `chips.fr.md`"), "{near}");
        let unlisted = name("content/articles/chips.de.md", &["en", "fr"]).unwrap();
        assert!(unlisted.contains("add `- code: de` under `languages:`"), "{unlisted}");
        let alone = name("content/articles/chips.fr.md", &["en"]).unwrap();
        assert!(alone.contains("the site has one language, `en`"), "{alone}");
        let own = name("content/articles/chips.en.md", &["en"]).unwrap();
        assert!(own.contains("name the file `chips.md`"), "{own}");
        assert_eq!(name("content/articles/chips.fr.md", &["en", "fr"]), None);
        assert_eq!(name("content/articles/node.js.md", &["en"]), None);
        assert_eq!(name("content/articles/chips.md", &["en"]), None);
    }
}
