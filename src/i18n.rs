//! Every fact about languages: a site's languages, the form of a language tag, and the
//! interface labels and dates in the languages briefing speaks (English, French).

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use serde::Serialize;

use crate::taxonomies::{ORGANIZATIONS, REGIONS, TAGS};

/// A language of the site: its tag, and the site's title and description in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub title: String,
    pub description: String,
}

/// The form of a language tag that briefing compares and writes: tags are
/// case-insensitive (BCP 47), so `FR` and `fr` are one language, written `fr`.
pub fn canonical_language(code: &str) -> String {
    code.to_ascii_lowercase()
}

/// A BCP 47 language tag such as `en`, `fr` or `pt-BR`.
pub fn is_valid_language(lang: &str) -> bool {
    let mut parts = lang.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The interface languages; any other page language gets English labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// The locale for a BCP 47 language tag (`fr`, `fr-CA` -> French).
    pub fn for_language(lang: &str) -> Locale {
        let primary = lang.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") { Locale::Fr } else { Locale::En }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Locale::En => &EN,
            Locale::Fr => &FR,
        }
    }

    /// The heading of a taxonomy: its label for the built-in ones, else the name capitalised.
    pub fn taxonomy(self, name: &str) -> String {
        match (crate::taxonomies::builtin(name), self) {
            (Some(builtin), Locale::En) => builtin.label_en.to_owned(),
            (Some(builtin), Locale::Fr) => builtin.label_fr.to_owned(),
            (None, _) => {
                let mut chars = name.chars();
                chars
                    .next()
                    .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect::<String>().replace('-', " "))
            }
        }
    }

    /// A language's name in that language (`Français`), as a language switcher shows it;
    /// the tag itself for languages briefing has no name for.
    pub fn language_name(lang: &str) -> &str {
        match lang.split(['-', '_']).next().unwrap_or_default() {
            "en" => "English",
            "fr" => "Français",
            "de" => "Deutsch",
            "es" => "Español",
            "it" => "Italiano",
            "zh" => "中文",
            _ => lang,
        }
    }

    pub fn month_name(self, month: u32) -> &'static str {
        let names = match self {
            Locale::En => &EN_MONTHS,
            Locale::Fr => &FR_MONTHS,
        };
        names[(month.clamp(1, 12) - 1) as usize]
    }

    /// "25 July 2025" / "25 juillet 2025" ("1er juillet" in French).
    pub fn date(self, date: &DateTime<FixedOffset>) -> String {
        let day = date.day();
        let month = self.month_name(date.month());
        match self {
            Locale::Fr if day == 1 => format!("1er {month} {}", date.year()),
            _ => format!("{day} {month} {}", date.year()),
        }
    }

    /// "25 July 2025, 08:44 (UTC+02:00)" / "25 juillet 2025 à 08:44 (UTC+02:00)".
    pub fn date_time(self, date: &DateTime<FixedOffset>) -> String {
        let offset = date.offset().to_string();
        let zone = if offset == "+00:00" { "UTC".to_owned() } else { format!("UTC{offset}") };
        let time = format!("{:02}:{:02}", date.hour(), date.minute());
        match self {
            Locale::En => format!("{}, {time} ({zone})", self.date(date)),
            Locale::Fr => format!("{} à {time} ({zone})", self.date(date)),
        }
    }

    /// "5 min read" / "5 min de lecture", at 220 words a minute.
    pub fn reading_time(self, words: usize) -> String {
        let minutes = words.div_ceil(220).max(1);
        match self {
            Locale::En => format!("{minutes} min read"),
            Locale::Fr => format!("{minutes} min de lecture"),
        }
    }

    /// "3 articles" / "1 article".
    pub fn article_count(self, count: usize) -> String {
        let labels = self.labels();
        format!("{count} {}", if count == 1 { labels.article } else { labels.articles })
    }
}

/// Every word of the interface. Templates read them as `labels.<name>`.
#[derive(Debug, Serialize)]
pub struct Labels {
    pub skip_to_content: &'static str,
    pub home: &'static str,
    pub topics: &'static str,
    pub archive: &'static str,
    pub search: &'static str,
    pub latest: &'static str,
    pub all_topics: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub source: &'static str,
    pub original_report: &'static str,
    pub originally_published: &'static str,
    pub contents: &'static str,
    pub related: &'static str,
    pub previous_in_topic: &'static str,
    pub next_in_topic: &'static str,
    pub article: &'static str,
    pub articles: &'static str,
    pub feed: &'static str,
    pub subscribe: &'static str,
    /// Before the name of what a feed follows, its colon included (French puts a space before it).
    pub subscribe_to: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub search_placeholder: &'static str,
    pub search_filters: &'static str,
    pub search_any: &'static str,
    pub search_more: &'static str,
    pub search_loading: &'static str,
    pub language: &'static str,
    pub year: &'static str,
    pub search_no_results: &'static str,
    pub search_needs_js: &'static str,
    pub main_navigation: &'static str,
    /// The language switcher's name, for screen readers.
    pub languages: &'static str,
    pub tags: &'static str,
    pub organizations: &'static str,
    pub regions: &'static str,
    pub timeline: &'static str,
    /// The kicker of an author's page, and what their articles' bylines begin with.
    pub author: &'static str,
    pub by: &'static str,
    pub in_topics: &'static str,
    pub footer_generated: &'static str,
    pub back_to_top: &'static str,
    /// On a topic page with no translation into the page's language.
    pub untranslated: &'static str,
}

static EN: Labels = Labels {
    skip_to_content: "Skip to content",
    home: "Home",
    topics: "Topics",
    archive: "Archive",
    search: "Search",
    latest: "Latest briefings",
    all_topics: "All topics",
    published: "Published",
    updated: "Updated",
    source: "Source",
    original_report: "Original report",
    originally_published: "Originally published",
    contents: "Contents",
    related: "Related briefings",
    previous_in_topic: "Older in this topic",
    next_in_topic: "Newer in this topic",
    article: "article",
    articles: "articles",
    feed: "Atom feed",
    subscribe: "Subscribe",
    subscribe_to: "Subscribe:",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. Try the home page, the topics or the archive.",
    search_placeholder: "Search the briefings…",
    search_filters: "Filters",
    search_any: "Any",
    search_more: "More results",
    search_loading: "Searching…",
    language: "Language",
    year: "Year",
    search_no_results: "No briefing matches.",
    search_needs_js: "Search needs JavaScript. Browse the topics or the archive instead.",
    main_navigation: "Main",
    languages: "Languages",
    tags: TAGS.label_en,
    organizations: ORGANIZATIONS.label_en,
    regions: REGIONS.label_en,
    timeline: "Timeline",
    author: "Author",
    by: "By",
    in_topics: "In",
    footer_generated: "Built with briefing",
    back_to_top: "Back to top",
    untranslated: "This topic is not translated yet: it is shown in its original language.",
};

static FR: Labels = Labels {
    skip_to_content: "Aller au contenu",
    home: "Accueil",
    topics: "Thèmes",
    archive: "Archives",
    search: "Recherche",
    latest: "Dernières synthèses",
    all_topics: "Tous les thèmes",
    published: "Publié le",
    updated: "Mis à jour le",
    source: "Source",
    original_report: "Dépêche d’origine",
    originally_published: "Publication d’origine",
    contents: "Sommaire",
    related: "Synthèses liées",
    previous_in_topic: "Plus ancien dans ce thème",
    next_in_topic: "Plus récent dans ce thème",
    article: "article",
    articles: "articles",
    feed: "Flux Atom",
    subscribe: "S’abonner",
    subscribe_to: "S’abonner\u{a0}:",
    not_found_title: "Page introuvable",
    not_found_text: "Aucune page à cette adresse. Essayez l’accueil, les thèmes ou les archives.",
    search_placeholder: "Rechercher dans les synthèses…",
    search_filters: "Filtres",
    search_any: "Tous",
    search_more: "Plus de résultats",
    search_loading: "Recherche…",
    language: "Langue",
    year: "Année",
    search_no_results: "Aucune synthèse ne correspond.",
    search_needs_js: "La recherche nécessite JavaScript. Parcourez plutôt les thèmes ou les archives.",
    main_navigation: "Principale",
    languages: "Langues",
    tags: TAGS.label_fr,
    organizations: ORGANIZATIONS.label_fr,
    regions: REGIONS.label_fr,
    timeline: "Chronologie",
    author: "Auteur",
    by: "Par",
    in_topics: "Dans",
    footer_generated: "Généré avec briefing",
    back_to_top: "Haut de page",
    untranslated: "Ce thème n’est pas encore traduit : il est présenté dans sa langue d’origine.",
};

/// Month names, for anything that writes dates the way the site does.
pub const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn dates_in_english_and_french() {
        let d = date("2025-07-25T08:44:00+02:00");
        assert_eq!(Locale::En.date(&d), "25 July 2025");
        assert_eq!(Locale::Fr.date(&d), "25 juillet 2025");
        assert_eq!(Locale::Fr.date(&date("2025-08-01T00:00:00Z")), "1er août 2025");
        assert_eq!(Locale::Fr.date_time(&d), "25 juillet 2025 à 08:44 (UTC+02:00)");
        assert_eq!(Locale::En.date_time(&date("2025-01-02T10:05:00Z")), "2 January 2025, 10:05 (UTC)");
    }

    #[test]
    fn locale_follows_the_primary_language() {
        assert_eq!(Locale::for_language("fr-CA"), Locale::Fr);
        assert_eq!(Locale::for_language("de"), Locale::En);
    }

    #[test]
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(Locale::En.reading_time(10), "1 min read");
        assert_eq!(Locale::Fr.reading_time(661), "4 min de lecture");
    }
}
