//! What import knows of the site: its topics' keywords and the organizations and
//! regions of `content/entities.yaml`, to tag a report with the site's own spellings.

use crate::content::Topic;
use crate::site::Entities;

/// A topic and the folded keywords that suggest it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicKeywords {
    pub slug: String,
    pub keywords: Vec<String>,
}

/// The site's topics and entities, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Sorted by slug.
    pub topics: Vec<TopicKeywords>,
    /// (spelling, canonical), longest spelling first so "Amazon Web Services" wins over "Amazon".
    organizations: Vec<(String, String)>,
    regions: Vec<(String, String)>,
}

/// Topics and entities found in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    pub topics: Vec<String>,
    pub organizations: Vec<String>,
    pub regions: Vec<String>,
}

impl Gazetteer {
    /// `topics` may hold a topic's translations beside it (same slug): their keywords
    /// suggest the one topic.
    pub fn new(topics: &[Topic], entities: &Entities) -> Gazetteer {
        let mut by_slug: std::collections::BTreeMap<&str, Vec<String>> = std::collections::BTreeMap::new();
        for topic in topics {
            let keywords = by_slug.entry(topic.slug.as_str()).or_default();
            for keyword in topic.keywords.iter().map(|k| fold_keyword(k)).filter(|k| !k.is_empty()) {
                if !keywords.contains(&keyword) {
                    keywords.push(keyword);
                }
            }
        }
        let topics: Vec<TopicKeywords> =
            (by_slug.into_iter()).map(|(slug, keywords)| TopicKeywords { slug: slug.to_owned(), keywords }).collect();
        let sorted = |taxonomy: &str| {
            let mut spellings = entities.spellings(taxonomy).to_vec();
            spellings.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
            spellings
        };
        Gazetteer { topics, organizations: sorted("organizations"), regions: sorted("regions") }
    }

    pub fn topic_slugs(&self) -> Vec<String> {
        self.topics.iter().map(|t| t.slug.clone()).collect()
    }

    /// Each topic and the keywords that would suggest it, for `--explain` when none did.
    pub fn keywords_looked_for(&self) -> Vec<String> {
        const SHOWN: usize = 8;
        self.topics
            .iter()
            .map(|topic| match topic.keywords.as_slice() {
                [] => format!(
                    "{}: has no `keywords:` in its topic file, so import never suggests it; add a few words its reports use",
                    topic.slug
                ),
                keywords => {
                    let shown: Vec<String> = keywords.iter().take(SHOWN).map(|k| format!("\"{k}\"")).collect();
                    let more = keywords.len().saturating_sub(SHOWN);
                    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                    format!("{}: none of {}{more} is in the headline or the text", topic.slug, shown.join(", "))
                }
            })
            .collect()
    }

    /// Organizations, regions and suggested topics for a report's title and text.
    pub fn tag(&self, title: &str, text: &str) -> Tags {
        // Names wrap across lines ("Bureau of Industry and\nSecurity"): one space everywhere.
        let whole = format!("{title}\n{text}").split_whitespace().collect::<Vec<_>>().join(" ");
        Tags {
            topics: self.suggest_topics(title, text),
            organizations: mentioned(&whole, &self.organizations),
            regions: mentioned(&whole, &self.regions),
        }
    }

    /// Topics whose keywords the report uses: a keyword in the title counts three times.
    /// Topics scoring at least a third of the best are kept, at most three.
    fn suggest_topics(&self, title: &str, text: &str) -> Vec<String> {
        let (title, text) = (fold_keyword(title), fold_keyword(text));
        let mut scored: Vec<(usize, &str)> = self
            .topics
            .iter()
            .map(|topic| {
                let score = topic
                    .keywords
                    .iter()
                    .map(|keyword| 3 * occurrences(&title, keyword) + occurrences(&text, keyword))
                    .sum::<usize>();
                (score, topic.slug.as_str())
            })
            .filter(|&(score, _)| score > 0)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let best = scored.first().map_or(0, |s| s.0);
        scored
            .into_iter()
            .filter(|&(score, _)| score * 3 >= best && (score >= 2 || score == best))
            .take(3)
            .map(|(_, slug)| slug.to_owned())
            .collect()
    }
}

/// Lowercase with plain apostrophes; accents are kept (they tell "Pékin" from "pekin" no less).
fn fold_keyword(text: &str) -> String {
    text.replace(['’', 'ʼ'], "'").to_lowercase()
}

/// How often `word` occurs in `text` as whole words.
fn occurrences(text: &str, word: &str) -> usize {
    text.match_indices(word).filter(|&(at, _)| at_word_boundary(text, at, word.len())).count()
}

/// Chinese and Japanese write no spaces between words: beside one of their characters,
/// a name always stands at a boundary ("华为与Kelpwave合作", "台积电在日本").
fn at_word_boundary(text: &str, at: usize, len: usize) -> bool {
    let joins = |c: char| c.is_alphanumeric() && !briefing_extract::is_cjk(c);
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(joins) && !after.is_some_and(joins)
}

/// `text` lowercased character by character where that keeps its length in bytes, so
/// that offsets found in the lowered text are offsets in the original.
fn lowercase_in_place(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// "US", "EU", "AWS", "U.S.": an acronym, matched with its case ("us" is a word).
fn is_acronym(spelling: &str) -> bool {
    let letters: Vec<char> = spelling.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
}

/// Endings a lowercase alias may take: French demonyms agree ("américain" ->
/// "américaine", "américains", "américaines").
const AGREEMENT_ENDINGS: &[&str] = &["es", "e", "s"];

/// Canonical names of the spellings found in `text`, in order of first mention. Case
/// is ignored except in acronyms; a spelling must stand as whole words. A longer
/// spelling hides the shorter ones inside it: "Amazon Web Services" is not also a
/// mention of "Amazon".
fn mentioned(text: &str, spellings: &[(String, String)]) -> Vec<String> {
    let lowered = lowercase_in_place(text);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut found: Vec<(usize, &str)> = Vec::new();
    for (spelling, canonical) in spellings {
        let spelling = spelling.split_whitespace().collect::<Vec<_>>().join(" ");
        if spelling.is_empty() {
            continue;
        }
        let (haystack, needle) = if is_acronym(&spelling) {
            (text, spelling.clone())
        } else {
            (lowered.as_str(), lowercase_in_place(&spelling))
        };
        let agrees = spelling.chars().next().is_some_and(char::is_lowercase);
        for (at, _) in haystack.match_indices(needle.as_str()) {
            let ending = if agrees {
                let after = &haystack[at + needle.len()..];
                AGREEMENT_ENDINGS
                    .iter()
                    .find(|e| after.starts_with(*e) && !after[e.len()..].starts_with(char::is_alphanumeric))
                    .map_or(0, |e| e.len())
            } else {
                0
            };
            let end = at + needle.len() + ending;
            if !at_word_boundary(haystack, at, end - at) || taken.iter().any(|&(s, e)| at < e && end > s) {
                continue;
            }
            taken.push((at, end));
            found.push((at, canonical));
        }
    }
    found.sort();
    let mut names: Vec<String> = Vec::new();
    for (_, canonical) in found {
        if !names.iter().any(|n| n == canonical) {
            names.push(canonical.to_owned());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn gazetteer() -> Gazetteer {
        let taxonomies = vec!["tags".to_owned(), "organizations".to_owned(), "regions".to_owned()];
        let entities = Entities::parse(
            "organizations:\n  Amazon: {}\n  Amazon Web Services: { aliases: [AWS] }\nregions:\n  China: { aliases: [Chine, Pékin] }\n  United States: { aliases: [États-Unis, Washington, US] }\n",
            Path::new("content/entities.yaml"),
            &taxonomies,
            &["en", "fr"],
        )
        .unwrap();
        let topic = |slug: &str, keywords: &[&str]| Topic {
            path: format!("content/topics/{slug}.md").into(),
            slug: slug.to_owned(),
            title: slug.to_owned(),
            summary: String::new(),
            weight: 0,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            intro_html: String::new(),
            images: Vec::new(),
            aliases: Vec::new(),
            extra: None,
            warnings: Vec::new(),
        };
        Gazetteer::new(
            &[
                topic("labs", &["laboratoire de recherche", "lab closure", "fermeture"]),
                topic("decoupling", &["découplage", "Chine", "États-Unis"]),
                topic("minerals", &["gallium"]),
            ],
            &entities,
        )
    }

    #[test]
    fn a_translated_topics_keywords_suggest_the_topic() {
        let topic = |path: &str, keywords: &[&str]| Topic {
            path: path.into(),
            slug: "chips".to_owned(),
            title: "Chips".to_owned(),
            summary: String::new(),
            weight: 0,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            intro_html: String::new(),
            images: Vec::new(),
            aliases: Vec::new(),
            extra: None,
            warnings: Vec::new(),
        };
        let topics = [topic("content/topics/chips.md", &["wafer"]), topic("content/topics/chips.fr.md", &["puce"])];
        let gazetteer = Gazetteer::new(&topics, &Entities::default());
        assert_eq!(gazetteer.topic_slugs(), ["chips"], "one topic, however many languages");
        assert_eq!(gazetteer.tag("Une puce", "La puce gravée.").topics, ["chips"]);
        assert_eq!(gazetteer.tag("A wafer", "").topics, ["chips"]);
    }

    #[test]
    fn aliases_and_french_names_give_canonical_entities() {
        let tags = gazetteer().tag(
            "Amazon Web Services ferme un laboratoire",
            "La rivalité entre Pékin et Washington, selon d'AWS. Les US et la Chine.",
        );
        assert_eq!(tags.organizations, vec!["Amazon Web Services"]);
        assert_eq!(tags.regions, vec!["China", "United States"]);
    }

    #[test]
    fn names_match_across_case_and_line_breaks_but_not_inside_words() {
        let taxonomies = vec!["organizations".to_owned(), "regions".to_owned()];
        let entities = Entities::parse(
            "organizations:\n  Bureau of Industry and Security: { aliases: [BIS] }\nregions:\n  Netherlands: { aliases: [Dutch, néerlandais] }\n  United States: { aliases: [américain] }\n  China: { aliases: [Chinese] }\n",
            Path::new("content/entities.yaml"),
            &taxonomies,
            &["en", "fr"],
        )
        .unwrap();
        let gazetteer = Gazetteer::new(&[], &entities);
        let tags = gazetteer.tag("Rules", "The bureau of industry and\nsecurity said the Dutch government agreed.");
        assert_eq!(tags.organizations, vec!["Bureau of Industry and Security"]);
        assert_eq!(tags.regions, vec!["Netherlands"]);
        let tags = gazetteer.tag("Règles", "Les entreprises américaines et le gouvernement néerlandais.");
        assert_eq!(tags.regions, vec!["United States", "Netherlands"]);
        let tags = gazetteer.tag("Dutchess", "Indochinese food, bisque and a basis for talks.");
        assert!(tags.regions.is_empty() && tags.organizations.is_empty(), "{tags:?}");
    }

    #[test]
    fn names_in_chinese_and_japanese_text_match_without_spaces() {
        let taxonomies = vec!["organizations".to_owned(), "regions".to_owned()];
        let entities = Entities::parse(
            "organizations:\n  Kelpwave: { aliases: [凯浪] }\nregions:\n  Japan: { aliases: [日本] }\n  China: { aliases: [中国] }\n",
            Path::new("content/entities.yaml"),
            &taxonomies,
            &["en", "zh", "ja"],
        )
        .unwrap();
        let gazetteer = Gazetteer::new(&[], &entities);
        let tags = gazetteer.tag("凯浪在日本设厂", "凯浪公司表示，将与Kelpwave的中国团队合作。");
        assert_eq!(tags.organizations, vec!["Kelpwave"]);
        assert_eq!(tags.regions, vec!["Japan", "China"]);
    }

    #[test]
    fn lowercase_words_are_not_acronyms() {
        let tags = gazetteer().tag("Let us know", "Tell us about the lab.");
        assert!(tags.regions.is_empty(), "{tags:?}");
    }

    #[test]
    fn topics_are_suggested_from_keywords() {
        let tags = gazetteer().tag(
            "Fermeture d'un laboratoire de recherche",
            "La fermeture du laboratoire de recherche s'inscrit dans le découplage entre la Chine et les États-Unis.",
        );
        assert_eq!(tags.topics, vec!["labs", "decoupling"]);
    }
}
