//! `site.yaml`: the site's configuration.

use serde::Deserialize;

use crate::content::front_matter::{ARTICLE_FIELDS, is_taxonomy_field};
use crate::diagnostic::Diagnostic;
pub use crate::i18n::Language;
use crate::i18n::{canonical_language, is_valid_language};
use crate::yaml::{self, Document, WholeNumber};

/// Fields of `site.yaml`, for "did you mean" suggestions.
const FIELDS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "languages",
    "description",
    "taxonomies",
    "feed_limit",
    "home_limit",
    "share_image",
    "share_cards",
    "search",
    "nav",
    "publisher",
    "extra",
    "timeline_limit",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(deserialize_with = "yaml::required_text")]
    title: String,
    base_url: String,
    #[serde(default)]
    language: Option<String>,
    /// The site's languages, each with its own title and description.
    #[serde(default)]
    languages: Vec<RawLanguage>,
    #[serde(default)]
    description: String,
    #[serde(default = "default_taxonomies")]
    taxonomies: Vec<String>,
    #[serde(default = "default_limit", deserialize_with = "yaml::whole_number")]
    feed_limit: WholeNumber,
    #[serde(default = "default_limit", deserialize_with = "yaml::whole_number")]
    home_limit: WholeNumber,
    #[serde(default = "default_timeline_limit", deserialize_with = "yaml::whole_number")]
    timeline_limit: WholeNumber,
    #[serde(default)]
    share_image: Option<String>,
    /// `false`, or the cards' colours.
    #[serde(default)]
    share_cards: Option<RawShareCards>,
    #[serde(default = "default_search")]
    search: bool,
    #[serde(default)]
    nav: Vec<RawNavEntry>,
    #[serde(default)]
    publisher: RawPublisher,
    /// The site's own fields for its templates, free-form.
    #[serde(default)]
    extra: Option<yaml::Value>,
}

/// `publisher:` as written: the pages (or addresses) of the publisher's policies.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublisher {
    #[serde(default)]
    publishing_principles: Option<String>,
    #[serde(default)]
    corrections_policy: Option<String>,
}

/// A policy of the publisher, named in its JSON-LD: a standalone page (by its file name,
/// in the page's language when it has a version in it) or an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyLink {
    /// `NavTarget::Page` or `NavTarget::Url`.
    pub target: NavTarget,
    /// Where it is written in site.yaml, for errors found once the site is known.
    pub line: usize,
    pub column: usize,
}

/// `publisher:` of site.yaml: schema.org's `publishingPrinciples` and `correctionsPolicy`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Publisher {
    pub publishing_principles: Option<PolicyLink>,
    pub corrections_policy: Option<PolicyLink>,
}

impl Publisher {
    /// Its policies, by their schema.org names.
    pub fn policies(&self) -> impl Iterator<Item = (&'static str, &PolicyLink)> {
        [("publishingPrinciples", &self.publishing_principles), ("correctionsPolicy", &self.corrections_policy)]
            .into_iter()
            .filter_map(|(name, link)| Some((name, link.as_ref()?)))
    }
}

/// One entry of `nav:` as written: what it links to (one of `page`, `topic`, `section`,
/// `url`), and its title, with its titles in other languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNavEntry {
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    titles: std::collections::BTreeMap<String, String>,
}

/// What a `nav:` entry links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NavTarget {
    /// A standalone page, by its file name (`about` for `content/pages/about.md`).
    Page(String),
    /// A topic, by its slug.
    Topic(String),
    /// A section every language has (`home`, `topics`, `archive`, `search`) or a
    /// taxonomy's index (`tags`).
    Section(String),
    /// An address outside the site's pages, absolute or root-relative.
    Url(String),
}

/// One link of the site's navigation (`nav:` in site.yaml), in the header and footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavEntry {
    pub target: NavTarget,
    /// Its title in the default language; `None`: the page's, topic's or section's own.
    pub title: Option<String>,
    /// Its title in other languages, by language code.
    pub titles: std::collections::BTreeMap<String, String>,
    /// Where its target is written in site.yaml, for errors found once the site is known.
    pub line: usize,
    pub column: usize,
}

fn default_search() -> bool {
    true
}

/// `share_cards:` as written: `true`, `false`, or a mapping of the cards' colours.
#[derive(Debug, Clone)]
enum RawShareCards {
    Switch(bool),
    Colours(ShareCardColours),
}

/// The mapping form of `share_cards:`: each colour `#rrggbb`, the built-in one where left out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareCardColours {
    #[serde(default)]
    background: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    accent: Option<String>,
}

impl<'de> Deserialize<'de> for RawShareCards {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RawShareCards, D::Error> {
        struct Setting;
        impl<'de> serde::de::Visitor<'de> for Setting {
            type Value = RawShareCards;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("`false`, `true`, or the cards' colours such as `{ background: \"#fbf9f5\", text: \"#1b1b1b\", accent: \"#a3161f\" }`")
            }
            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<RawShareCards, E> {
                Ok(RawShareCards::Switch(on))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<RawShareCards, E> {
                Ok(RawShareCards::Switch(true))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawShareCards, A::Error> {
                let colours = ShareCardColours::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawShareCards::Colours(colours))
            }
        }
        deserializer.deserialize_any(Setting)
    }
}

/// The cards' colours of `share_cards:` (`None`: no cards), each checked at its line.
fn share_cards(
    raw: Option<&RawShareCards>,
    document: &Document<'_>,
    path: &str,
) -> Result<Option<briefing_card::Colours>, Diagnostic> {
    let written = match raw {
        None | Some(RawShareCards::Switch(true)) => return Ok(Some(briefing_card::Colours::default())),
        Some(RawShareCards::Switch(false)) => return Ok(None),
        Some(RawShareCards::Colours(written)) => written,
    };
    let mut colours = briefing_card::Colours::default();
    for (field, value, colour) in [
        ("background", &written.background, &mut colours.background),
        ("text", &written.text, &mut colours.text),
        ("accent", &written.accent, &mut colours.accent),
    ] {
        if let Some(value) = value {
            *colour = briefing_card::Rgb::parse(value).map_err(|message| {
                let entry = yaml::locate(document, "share_cards", None);
                let (line, column) = yaml::locate_after(document, entry, &[&format!("{field}:")]).unwrap_or(entry);
                Diagnostic::new(path, line, column, format!("`share_cards.{field}`: {message}"))
            })?;
        }
    }
    Ok(Some(colours))
}

/// One entry of `languages:`: a code alone (`fr`), or a mapping with the site's title and
/// description in that language.
#[derive(Debug, Clone)]
struct RawLanguage {
    code: String,
    title: Option<String>,
    description: Option<String>,
}

/// The mapping form of a `languages:` entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFields {
    code: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

impl<'de> Deserialize<'de> for RawLanguage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RawLanguage, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = RawLanguage;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a language code such as `fr`, or a mapping such as `{ code: fr, title: \"…\" }`")
            }
            fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<RawLanguage, E> {
                Ok(RawLanguage { code: code.to_owned(), title: None, description: None })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawLanguage, A::Error> {
                let fields = LanguageFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawLanguage { code: fields.code, title: fields.title, description: fields.description })
            }
        }
        deserializer.deserialize_any(Entry)
    }
}

fn default_taxonomies() -> Vec<String> {
    // The taxonomies a site has when `site.yaml` names none: the built-in ones.
    crate::taxonomies::BUILTIN.iter().map(|t| t.name.to_owned()).collect()
}

/// Entries of a feed and of the home page when site.yaml does not say.
fn default_limit() -> WholeNumber {
    WholeNumber(20)
}

/// How many stories a topic's, a term's or the archive's page lists at most before its
/// timeline is split by year (and month) when site.yaml does not say. 250 rows with their
/// summaries keep a page under 200 KB of HTML (about 190 KB on the 10,000-article bench
/// corpus; 500 made pages of up to 340 KB).
fn default_timeline_limit() -> WholeNumber {
    WholeNumber(250)
}

/// What `timeline_limit` may be: a page of more than this many stories is too heavy to read.
const TIMELINE_LIMITS: std::ops::RangeInclusive<usize> = 1..=5_000;

/// What `feed_limit` and `home_limit` may be: a feed of a million entries is a mistake.
const LIMITS: std::ops::RangeInclusive<usize> = 1..=10_000;

/// The validated site configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    pub title: String,
    /// Absolute, without a trailing slash: `https://example.org/briefing`.
    pub base_url: String,
    /// The path part of `base_url`, without a trailing slash: `/briefing`, or `` at the root.
    pub base_path: String,
    /// The default language: its pages are at the root of the site.
    pub language: String,
    pub description: String,
    /// Every language of the site, the default first; one entry on a one-language site.
    pub languages: Vec<Language>,
    pub taxonomies: Vec<String>,
    /// How many entries each Atom feed carries.
    pub feed_limit: usize,
    /// How many of the latest articles the home page lists.
    pub home_limit: usize,
    /// How many stories a timeline page lists before it is split by year and month.
    pub timeline_limit: usize,
    /// The image shared pages show when an article names none: a file of `static/`
    /// (`/images/share.png`) or an absolute URL.
    pub share_image: Option<crate::content::share_image::ShareImage>,
    /// The colours of the share cards drawn for each article and for the site
    /// (`share_cards:`); `None`: no cards (`share_cards: false`).
    pub share_cards: Option<briefing_card::Colours>,
    /// Whether the site has a search page and its index (`search: false` leaves both out).
    pub search: bool,
    /// The site's navigation (`nav:`), in its order; empty: the built-in one.
    pub nav: Vec<NavEntry>,
    /// The publisher's policies (`publisher:`).
    pub publisher: Publisher,
    /// The words and date formats of each language: the shipped ones, with the site's
    /// `i18n/` files over them once read (`SiteConfig::with_interface`).
    pub interface: crate::i18n::Interface,
    /// The site's own fields (`extra:`), a map, for templates as `site.extra`.
    pub extra: Option<yaml::Value>,
    /// The files of `data/` by their stem, for templates as `data.<stem>`
    /// (`SiteConfig::with_data`).
    pub data: std::collections::BTreeMap<String, yaml::Value>,
    /// Whether pages ask search engines not to index them: set for a preview build
    /// (`plan::parse_config`).
    pub noindex: bool,
}

impl SiteConfig {
    /// Parses `site.yaml`'s text; `path` only names the file in diagnostics.
    pub fn parse(text: &str, path: &str) -> Result<SiteConfig, Diagnostic> {
        let document = Document::file(text);
        let raw: RawConfig = yaml::parse(&document, FIELDS).map_err(|error| error.in_file(path))?;
        let at = |key: &str, value: Option<&str>, message: String| {
            let (line, column) = yaml::locate(&document, key, value);
            Diagnostic::new(path, line, column, message)
        };
        let (base_url, base_path) = split_base_url(&raw.base_url).map_err(|message| at("base_url", None, message))?;
        if raw.title.trim().is_empty() {
            return Err(at("title", None, "`title` is empty".to_owned()));
        }
        // A field of the entry of `languages:` whose code is `code`.
        let at_field = |code: &str, field: &str, message: String| {
            let entry = yaml::locate(&document, "languages", Some(code));
            let (line, column) = yaml::locate_after(&document, entry, &[&format!("{field}:")]).unwrap_or(entry);
            Diagnostic::new(path, line, column, message)
        };
        let languages = languages(&raw, &at, &at_field)?;
        let share_image = match raw.share_image.as_deref().filter(|image| !image.trim().is_empty()) {
            Some(written) => Some(
                crate::content::share_image::ShareImage::parse(written)
                    .map_err(|message| at("share_image", None, message))?,
            ),
            None => None,
        };
        let mut taxonomies: Vec<String> = Vec::new();
        for name in raw.taxonomies {
            let valid =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            let reserved = crate::route::kinds::reserved_sections();
            if !valid || reserved.contains(&name.as_str()) {
                return Err(at(
                    "taxonomies",
                    Some(&name),
                    format!(
                        "taxonomy `{name}` cannot be used: a taxonomy name is lowercase ASCII letters, digits and `-`, and not one of {}",
                        reserved.join(", ")
                    ),
                ));
            }
            // An article's `title:` cannot also be a list of terms.
            if ARTICLE_FIELDS.contains(&name.as_str()) && !is_taxonomy_field(name.as_str()) {
                return Err(at(
                    "taxonomies",
                    Some(&name),
                    format!("taxonomy `{name}` cannot be used: `{name}` is a field of an article's front matter"),
                ));
            }
            // The pages of the site's other languages live under `/<code>/`.
            if languages[1..].iter().any(|language| language.code == name) {
                return Err(at(
                    "taxonomies",
                    Some(&name),
                    format!("taxonomy `{name}` cannot be used: `/{name}/` holds the pages of the language `{name}`"),
                ));
            }
            if taxonomies.contains(&name) {
                return Err(at("taxonomies", Some(&name), format!("taxonomy `{name}` is listed twice: keep one")));
            }
            taxonomies.push(name);
        }
        let feed_limit = raw.feed_limit.within("feed_limit", LIMITS).map_err(|m| at("feed_limit", None, m))?;
        let home_limit = raw.home_limit.within("home_limit", LIMITS).map_err(|m| at("home_limit", None, m))?;
        let timeline_limit = (raw.timeline_limit.within("timeline_limit", TIMELINE_LIMITS))
            .map_err(|m| at("timeline_limit", None, m))?;
        let nav = nav_entries(raw.nav, &document, &languages, &taxonomies, path)?;
        let share_cards = share_cards(raw.share_cards.as_ref(), &document, path)?;
        let publisher = publisher(&raw.publisher, &document, path)?;
        let extra = match raw.extra {
            None | Some(yaml::Value::Null) => None,
            Some(map @ yaml::Value::Mapping(_)) => Some(map),
            Some(_) => {
                return Err(at(
                    "extra",
                    None,
                    "`extra` is a map of the site's own fields, such as `extra: { newsroom: Geneva }`".to_owned(),
                ));
            }
        };
        let interface = crate::i18n::Interface::builtin(&languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>());
        Ok(SiteConfig {
            title: languages[0].title.clone(),
            base_url,
            base_path,
            language: languages[0].code.clone(),
            description: languages[0].description.clone(),
            languages,
            taxonomies,
            feed_limit,
            home_limit,
            timeline_limit,
            share_image,
            share_cards,
            search: raw.search,
            interface,
            nav,
            publisher,
            extra,
            data: std::collections::BTreeMap::new(),
            noindex: false,
        })
    }

    /// The configuration with the site's data files (`data/*.yaml`), each by its stem; the
    /// problems of those that do not parse, at their line and column.
    pub fn with_data(mut self, files: &[crate::source::TextFile]) -> (SiteConfig, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        self.data.clear();
        for file in files {
            let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            if let Some(earlier) = files
                .iter()
                .take_while(|f| f.path != file.path)
                .find(|f| f.path.file_stem().and_then(|s| s.to_str()) == Some(stem.as_str()))
            {
                problems.push(Diagnostic::whole_file(
                    &file.path,
                    format!("{} is also `data.{stem}`: keep one of the two files", earlier.path.display()),
                ));
                continue;
            }
            match yaml::parse::<yaml::Value>(&Document::file(&file.text), &[]) {
                Ok(value) => {
                    self.data.insert(stem, value);
                }
                Err(error) => problems.push(error.in_file(&file.path)),
            }
        }
        (self, problems)
    }

    /// The configuration with the site's own interface files (`i18n/*.yaml`) over the
    /// shipped ones; the problems of those files.
    pub fn with_interface(mut self, files: &[crate::source::TextFile]) -> (SiteConfig, Vec<Diagnostic>) {
        let (interface, problems) = crate::i18n::Interface::read(&self.language_codes(), files);
        for language in &mut self.languages {
            let typography = interface.get(interface.locale_for(&language.code)).typography();
            language.title = typography.text(&language.title);
            language.description = typography.text(&language.description);
        }
        self.title.clone_from(&self.languages[0].title);
        self.description.clone_from(&self.languages[0].description);
        self.interface = interface;
        (self, problems)
    }

    /// Whether the site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The path prefix of a language's pages: `/fr` for the site's other languages; empty
    /// for the default, and for a language the site does not list (its articles stay at
    /// the root, as on a one-language site).
    pub fn language_prefix(&self, code: &str) -> String {
        if self.languages[1..].iter().any(|l| l.code == code) {
            crate::route::language_prefix(code)
        } else {
            String::new()
        }
    }

    /// The codes of the site's languages, the default first.
    pub fn language_codes(&self) -> Vec<&str> {
        self.languages.iter().map(|language| language.code.as_str()).collect()
    }

    /// The language of the site that has the code, else the default (the pages of an
    /// article in a language the site does not list are the default language's).
    pub fn language_id(&self, code: &str) -> crate::route::LanguageId {
        crate::route::LanguageId(self.languages.iter().position(|l| l.code == code).unwrap_or(0))
    }

    /// The path of an article's page, without the base path.
    pub fn article_path(&self, article: &crate::content::Article) -> String {
        crate::route::article_path(&self.language_prefix(&article.lang), &article.slug)
    }

    /// The same configuration served from another address (`--base-url`, `serve`).
    pub fn with_base_url(mut self, base_url: &str) -> Result<SiteConfig, String> {
        let (base_url, base_path) = split_base_url(base_url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(self)
    }
}

/// The languages of `languages:` (or of `language:` alone), the default first, each checked
/// here once rather than against every article that inherits it.
fn languages(
    raw: &RawConfig,
    at: &impl Fn(&str, Option<&str>, String) -> Diagnostic,
    at_field: &impl Fn(&str, &str, String) -> Diagnostic,
) -> Result<Vec<Language>, Diagnostic> {
    let not_a_tag = |code: &str| format!("`{code}` is not a language tag such as `en` or `fr`");
    if raw.languages.is_empty() {
        let code = raw.language.as_deref().map_or_else(|| "en".to_owned(), canonical_language);
        if !is_valid_language(&code) {
            return Err(at(
                "language",
                None,
                format!("`language: {code:?}` is not a language tag such as `en` or `fr`"),
            ));
        }
        return Ok(vec![Language { code, title: raw.title.clone(), description: raw.description.clone() }]);
    }
    let mut languages: Vec<Language> = Vec::with_capacity(raw.languages.len());
    for (index, entry) in raw.languages.iter().enumerate() {
        if !is_valid_language(&entry.code) {
            return Err(at("languages", Some(&entry.code), not_a_tag(&entry.code)));
        }
        // Tags are case-insensitive: `FR` is `fr`, and pages go under `/fr/`.
        let code = canonical_language(&entry.code);
        if let Some(earlier) = raw.languages[..index].iter().find(|e| canonical_language(&e.code) == code) {
            let same = if earlier.code == entry.code { String::new() } else { format!(" (as `{}`)", earlier.code) };
            return Err(at(
                "languages",
                Some(&entry.code),
                format!("language `{}` is listed twice{same}: language tags ignore case; keep one", entry.code),
            ));
        }
        if entry.title.as_deref().is_some_and(|title| title.trim().is_empty()) {
            return Err(at_field(
                &entry.code,
                "title",
                format!("the title of language `{code}` is empty: write one, or leave `title:` out to use the site's"),
            ));
        }
        languages.push(Language {
            code,
            title: entry.title.clone().unwrap_or_else(|| raw.title.clone()),
            description: entry.description.clone().unwrap_or_else(|| raw.description.clone()),
        });
    }
    if let Some(default) = &raw.language {
        let default = &canonical_language(default);
        let Some(index) = languages.iter().position(|l| &l.code == default) else {
            let listed: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
            return Err(at(
                "language",
                None,
                format!("`language: {default}` is not one of `languages:` ({})", listed.join(", ")),
            ));
        };
        let default = languages.remove(index);
        languages.insert(0, default);
    }
    Ok(languages)
}

/// `https://example.org/briefing/` -> (`https://example.org/briefing`, `/briefing`).
fn split_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or_else(|| {
        format!("`base_url` must be an absolute http(s) URL such as `https://example.org/briefing`, not `{url}`")
    })?;
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host_ok =
        !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !host_ok || path.contains(['?', '#', ' ']) {
        return Err(format!("`base_url` `{url}` is not a valid URL: expected `https://host/optional/path`"));
    }
    let path = path.trim_end_matches('/');
    let base_path = if path.is_empty() { String::new() } else { format!("/{path}") };
    let scheme = if url.starts_with("https://") { "https://" } else { "http://" };
    Ok((format!("{scheme}{host}{base_path}"), base_path))
}

/// The entries of `nav:`, each with one target and, for a link, its title; each located at
/// its target in site.yaml.
fn nav_entries(
    raw: Vec<RawNavEntry>,
    document: &Document<'_>,
    languages: &[Language],
    taxonomies: &[String],
    path: &str,
) -> Result<Vec<NavEntry>, Diagnostic> {
    let mut entries = Vec::with_capacity(raw.len());
    let mut from = yaml::locate(document, "nav", None);
    for entry in raw {
        let targets = [
            entry.page.clone().map(NavTarget::Page),
            entry.topic.clone().map(NavTarget::Topic),
            entry.section.clone().map(NavTarget::Section),
            entry.url.clone().map(NavTarget::Url),
        ];
        let mut given = targets.into_iter().flatten();
        let (target, second) = (given.next(), given.next());
        let value = match &target {
            Some(NavTarget::Page(v) | NavTarget::Topic(v) | NavTarget::Section(v) | NavTarget::Url(v)) => v.as_str(),
            None => "",
        };
        let (line, column) = if value.is_empty() {
            (from.0 + 1, 1)
        } else {
            yaml::locate_after(document, from, &[value]).unwrap_or((from.0 + 1, 1))
        };
        from = (line, column + value.chars().count());
        let at = |message: String| Diagnostic::new(path, line, column, message);
        let target = match (target, second) {
            (Some(target), None) => target,
            _ => {
                return Err(at(
                    "a `nav:` entry links to one thing: `page: <name>`, `topic: <slug>`, `section: <name>` or `url:` with `title:`"
                        .to_owned(),
                ));
            }
        };
        match &target {
            NavTarget::Section(name) => {
                let mut known: Vec<&str> = crate::route::kinds::navigation_keys().collect();
                known.extend(taxonomies.iter().map(String::as_str));
                if !known.contains(&name.as_str()) {
                    return Err(at(yaml::unknown("section", name, &known)));
                }
            }
            NavTarget::Url(url) => {
                if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')) {
                    return Err(at(format!("nav url `{url}` must start with https://, http:// or `/`")));
                }
                if entry.title.as_deref().is_none_or(|title| title.trim().is_empty()) {
                    return Err(at(format!("the nav link to `{url}` needs a `title:`")));
                }
            }
            NavTarget::Page(_) | NavTarget::Topic(_) => {}
        }
        let codes: Vec<&str> = languages[1..].iter().map(|l| l.code.as_str()).collect();
        if let Some(code) = entry.titles.keys().find(|code| !codes.contains(&code.as_str())) {
            return Err(at(format!(
                "`titles:` of a nav entry names `{code}`, which is not one of the site's other languages ({})",
                if codes.is_empty() { "none".to_owned() } else { codes.join(", ") }
            )));
        }
        entries.push(NavEntry { target, title: entry.title, titles: entry.titles, line, column });
    }
    Ok(entries)
}

/// `publisher:`: each policy a page's file name (`methodology`) or an http(s) address.
fn publisher(raw: &RawPublisher, document: &Document<'_>, path: &str) -> Result<Publisher, Diagnostic> {
    let link = |key: &str, value: &Option<String>| -> Result<Option<PolicyLink>, Diagnostic> {
        let Some(value) = value.as_deref().map(str::trim) else { return Ok(None) };
        let publisher = yaml::locate(document, "publisher", None);
        let (line, column) = yaml::locate_after(document, publisher, &[&format!("{key}:"), value]).unwrap_or(publisher);
        let target = if value.starts_with("https://") || value.starts_with("http://") {
            NavTarget::Url(value.to_owned())
        } else if !value.is_empty() && !value.contains(['/', ':', ' ']) {
            NavTarget::Page(value.to_owned())
        } else {
            return Err(Diagnostic::new(
                path,
                line,
                column,
                format!(
                    "`{key}` names a page by its file name in content/pages/ (`methodology`) or an https:// address, not `{value}`"
                ),
            ));
        };
        Ok(Some(PolicyLink { target, line, column }))
    };
    Ok(Publisher {
        publishing_principles: link("publishing_principles", &raw.publishing_principles)?,
        corrections_policy: link("corrections_policy", &raw.corrections_policy)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_base_url() {
        let config = SiteConfig::parse("title: T\nbase_url: https://example.org/briefing/\n", "site.yaml").unwrap();
        assert_eq!(config.base_url, "https://example.org/briefing");
        assert_eq!(config.base_path, "/briefing");
        assert_eq!(config.taxonomies, ["tags", "organizations", "regions"]);
        let root = SiteConfig::parse("title: T\nbase_url: http://localhost:1111\n", "site.yaml").unwrap();
        assert_eq!(root.base_path, "");
    }

    #[test]
    fn language_tags_are_compared_and_kept_in_lower_case() {
        let text = "title: T\nbase_url: https://example.org\nlanguage: FR\nlanguages:\n  - code: EN\n  - code: Fr\n";
        let config = SiteConfig::parse(text, "site.yaml").unwrap();
        assert_eq!(config.language_codes(), ["fr", "en"]);
        assert_eq!(config.language, "fr");
        let twice = SiteConfig::parse(&format!("{text}  - code: fr\n"), "site.yaml").unwrap_err();
        assert_eq!(twice.line, 7, "{twice}");
        assert!(twice.message.contains("listed twice (as `Fr`)"), "{twice}");
    }

    #[test]
    fn rejects_relative_base_url_with_its_line() {
        let error = SiteConfig::parse("title: T\nbase_url: example.org\n", "site.yaml").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("absolute"), "{}", error.message);
    }

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let error = SiteConfig::parse("title: T\nbase_url: https://e.org\nlanguge: fr\n", "site.yaml").unwrap_err();
        assert_eq!((error.line, error.column), (3, 1));
        assert_eq!(error.message, "unknown field `languge`; did you mean `language`?");
    }

    #[test]
    fn share_cards_are_on_by_default_off_with_false_and_take_colours() {
        let site = "title: T\nbase_url: https://e.org\n";
        let parse = |extra: &str| SiteConfig::parse(&format!("{site}{extra}"), "site.yaml");
        assert_eq!(parse("").unwrap().share_cards, Some(briefing_card::Colours::default()));
        assert_eq!(parse("share_cards: false\n").unwrap().share_cards, None);
        assert_eq!(parse("share_cards: true\n").unwrap().share_cards, Some(briefing_card::Colours::default()));
        let colours =
            parse("share_cards:\n  background: \"#0b1f3a\"\n  accent: \"#f2c200\"\n").unwrap().share_cards.unwrap();
        assert_eq!(colours.background.hex(), "#0b1f3a");
        assert_eq!(colours.accent.hex(), "#f2c200");
        assert_eq!(colours.text, briefing_card::Colours::default().text);
        let error = parse("share_cards:\n  background: \"#0b1f3a\"\n  text: navy\n").unwrap_err();
        assert_eq!((error.line, error.column), (5, 3), "{error}");
        assert!(error.message.contains("`share_cards.text`: `navy` is not a colour"), "{error}");
        let error = parse("share_cards:\n  backgrund: \"#000\"\n").unwrap_err();
        assert!(error.message.contains("backgrund"), "{error}");
    }

    #[test]
    fn reserved_taxonomy_is_refused() {
        let error = SiteConfig::parse("title: T\nbase_url: https://e.org\ntaxonomies: [tags, topics]\n", "site.yaml")
            .unwrap_err();
        assert_eq!(error.line, 3);
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_key() {
        let config = SiteConfig::parse("\u{feff}title: T\nbase_url: https://e.org\n", "site.yaml").unwrap();
        assert_eq!(config.title, "T");
    }

    #[test]
    fn empty_language_is_reported_at_site_yaml() {
        let error = SiteConfig::parse("title: T\nbase_url: https://e.org\nlanguage: \"\"\n", "site.yaml").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.message.contains("language tag"), "{}", error.message);
    }

    #[test]
    fn languages_list_their_titles_and_the_default_comes_first() {
        let text = "title: T\nbase_url: https://e.org\nlanguage: fr\nlanguages:\n  - code: en\n  - code: fr\n    title: Le T\n    description: D\n";
        let config = SiteConfig::parse(text, "site.yaml").unwrap();
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["fr", "en"]);
        assert_eq!((config.language.as_str(), config.title.as_str()), ("fr", "Le T"));
        assert_eq!(config.languages[1].title, "T");
        assert_eq!(config.language_prefix("en"), "/en");
        assert_eq!(config.language_prefix("fr"), "");
        let one = SiteConfig::parse("title: T\nbase_url: https://e.org\n", "site.yaml").unwrap();
        assert!(!one.is_multilingual());
        assert_eq!(one.languages[0].code, "en");
    }

    #[test]
    fn languages_may_be_listed_by_code_alone() {
        let text = "title: T\nbase_url: https://e.org\nlanguages: [en, { code: fr, title: Le T }]\n";
        let config = SiteConfig::parse(text, "site.yaml").unwrap();
        let titles: Vec<(&str, &str)> = config.languages.iter().map(|l| (l.code.as_str(), l.title.as_str())).collect();
        assert_eq!(titles, [("en", "T"), ("fr", "Le T")]);
        let error = SiteConfig::parse("title: T\nbase_url: https://e.org\nlanguages: [3]\n", "site.yaml").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(!error.message.contains("struct"), "{}", error.message);
    }

    #[test]
    fn a_default_language_outside_the_list_is_refused() {
        let text = "title: T\nbase_url: https://e.org\nlanguage: de\nlanguages:\n  - code: en\n  - code: fr\n";
        let error = SiteConfig::parse(text, "site.yaml").unwrap_err();
        assert_eq!(error.line, 3);
        assert_eq!(error.message, "`language: de` is not one of `languages:` (en, fr)");
    }

    #[test]
    fn limits_are_plain_words() {
        for value in ["-1", "99999999999999999999999999", "0"] {
            let text = format!("title: T\nbase_url: https://e.org\nfeed_limit: {value}\n");
            let error = SiteConfig::parse(&text, "site.yaml").unwrap_err();
            assert_eq!(error.line, 3, "{value}");
            assert_eq!(error.message, format!("`feed_limit` must be a whole number from 1 to 10000, not {value}"));
        }
    }

    #[test]
    fn publisher_policies_are_pages_or_addresses() {
        let text = "title: T\nbase_url: https://e.org\npublisher:\n  publishing_principles: methodology\n  corrections_policy: https://e.org/fix\n";
        let config = SiteConfig::parse(text, "site.yaml").unwrap();
        let policies: Vec<(&str, &NavTarget)> = config.publisher.policies().map(|(n, l)| (n, &l.target)).collect();
        assert_eq!(
            policies,
            [
                ("publishingPrinciples", &NavTarget::Page("methodology".to_owned())),
                ("correctionsPolicy", &NavTarget::Url("https://e.org/fix".to_owned()))
            ]
        );
        let principles = config.publisher.publishing_principles.unwrap();
        assert_eq!((principles.line, principles.column), (4, 26));
        let error = SiteConfig::parse(&text.replace("https://e.org/fix", "fix/page"), "site.yaml").unwrap_err();
        assert_eq!((error.line, error.column), (5, 23), "{error}");
    }

    #[test]
    fn taxonomies_clashing_with_fields_or_repeated_are_refused() {
        for list in ["[tags, title]", "[tags, date]", "[tags, tags]", "[slug]"] {
            let text = format!("title: T\nbase_url: https://e.org\ntaxonomies: {list}\n");
            let error = SiteConfig::parse(&text, "site.yaml").unwrap_err();
            assert_eq!(error.line, 3, "{list}");
        }
    }
}
