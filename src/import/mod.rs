//! Scraped page (plain text or HTML) -> a Markdown article with front matter.
//!
//! The `briefing-extract` crate reads a page into a [`Page`]; [`Importer::import`] tags
//! it with the site's topics and entities and writes the same [`FrontMatter`] the build
//! reads. Pure: the disk is read and written by [`files`] and [`site`]. Never renders.

pub mod fetch;
pub mod files;
mod gazetteer;
pub mod site;
pub mod translation;
pub mod validate;

use std::path::PathBuf;

pub use briefing_extract::{Caption, Considered, Dropped, Missing, Page, Refusal, Rule};
use briefing_extract::{Language, PageDate, markdown};
use chrono::Datelike;
use thiserror::Error;

use crate::content::front_matter::{DateValue, FrontMatter, Source};
use crate::content::shorten;
use crate::diagnostic::{Diagnostics, suggestion};
pub use gazetteer::{Gazetteer, Tags};

/// What the command line says about a page, over what the page says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    pub title: Option<String>,
    pub date: Option<DateValue>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{0}")]
    Refused(Box<Refusal>),
    /// The input names the URL; the reason says what happened in words.
    #[error("cannot fetch the page: {reason}")]
    Fetch { reason: String },
    #[error("unknown topic `{topic}`: {hint}")]
    UnknownTopic { topic: String, hint: String },
    #[error(
        "no topic suggested for \"{title}\": none of the topics' keywords is in the page; pass --topic SLUG (known topics: {known}){}",
        explain_hint(.considered)
    )]
    NoTopic {
        title: String,
        known: String,
        /// Each topic and the keywords looked for, for `--explain`.
        considered: Vec<String>,
    },
    #[error("the page is empty: there is nothing to import{}", blank_note(.blank))]
    Empty { blank: bool },
    #[error("{} already exists: pass --force to overwrite it, or --skip-existing to leave it as it is", path.display())]
    Exists { path: PathBuf },
    #[error("{} is also written by {other} in this import", path.display())]
    SameSlug { path: PathBuf, other: String },
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot write `{}`: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("`{path}` is not text (it has bytes that are neither UTF-8 nor Windows-1252)")]
    NotText { path: PathBuf },
    #[error("no site at `{}`: it has no site.yaml; pass the site's directory with --root", root.display())]
    NoSite { root: PathBuf },
    #[error("the site's files have problems; fix them and import again:\n{0}")]
    Site(Diagnostics),
    /// What the build would refuse in the article, or in how it was asked for.
    #[error("{0}")]
    Invalid(String),
}

fn explain_hint(considered: &[String]) -> &'static str {
    if considered.is_empty() { "" } else { "; --explain lists the keywords looked for" }
}

fn blank_note(blank: &bool) -> &'static str {
    if *blank { " (it has only blank lines)" } else { "" }
}

/// An imported article: its front matter, Markdown body and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub front: FrontMatter,
    pub body: String,
    /// `content/articles/YYYY/<slug>.md`, relative to the site root.
    pub path: PathBuf,
    pub byline: Option<String>,
    pub caption: Option<Caption>,
    pub dropped: Vec<Dropped>,
    /// How the page was read where it reads two ways, for `--explain`.
    pub notes: Vec<String>,
}

impl Imported {
    /// The article file: front matter between `---` lines, then the body.
    pub fn document(&self) -> String {
        let yaml = crate::yaml::to_string(&self.front);
        format!("---\n{yaml}---\n\n{}", self.body)
    }
}

/// Turns pages into articles of one site.
#[derive(Debug, Clone)]
pub struct Importer {
    pub gazetteer: Gazetteer,
    /// Topics given with `--topic`, checked against the site's; empty to suggest them.
    pub topics: Vec<String>,
    /// The year of a date written without one, when the page gives no other.
    pub current_year: i32,
    pub overrides: Overrides,
    /// How long fetching one page may take, redirects and body included (`--timeout`).
    pub fetch_timeout: std::time::Duration,
}

/// Longest slug kept, cut at a word.
const SLUG_MAX: usize = 80;
/// Longest headline a message quotes, cut at a word, as the build's messages cut values.
const QUOTED_MAX: usize = 80;
/// Longest summary kept, cut at a word.
const SUMMARY_MAX: usize = 300;

impl Importer {
    pub fn new(gazetteer: Gazetteer, topics: Vec<String>, current_year: i32) -> Result<Importer, ImportError> {
        let known = gazetteer.topic_slugs();
        for topic in &topics {
            if !known.contains(topic) {
                let hint = match suggestion(topic, known.iter().map(String::as_str)) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("known topics: {}", known.join(", ")),
                };
                return Err(ImportError::UnknownTopic { topic: topic.clone(), hint });
            }
        }
        Ok(Importer {
            gazetteer,
            topics,
            current_year,
            overrides: Overrides::default(),
            fetch_timeout: fetch::FETCH_TIMEOUT,
        })
    }

    /// Reads a page (HTML or plain text, told apart by its start) saved from `address`,
    /// against which its relative addresses (its photo's) are resolved.
    pub fn read_page(&self, input: &str, address: Option<&str>) -> Page {
        briefing_extract::read_from(input, self.current_year, address)
    }

    pub fn import(&self, input: &str) -> Result<Imported, ImportError> {
        self.import_from(input, None)
    }

    /// Imports a page; `fetched_from` is the URL it was fetched from, its `source.url`.
    pub fn import_from(&self, input: &str, fetched_from: Option<&str>) -> Result<Imported, ImportError> {
        if input.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(ImportError::Empty { blank: !input.is_empty() });
        }
        let given = &self.overrides;
        let mut page = self.read_page(input, fetched_from.or(given.url.as_deref()));
        if let Some(title) = &given.title {
            page.title = title.clone();
        }
        page.url = source_url(given.url.as_deref(), page.url.as_deref(), fetched_from);
        let refuse = |page: &Page, missing: Missing, considered: &[Considered]| {
            ImportError::Refused(Box::new(Refusal {
                missing,
                title: Some(shorten(&page.title, QUOTED_MAX)).filter(|t| !t.trim().is_empty()),
                considered: considered.to_vec(),
                dropped: page.dropped.clone(),
            }))
        };
        if page.title.trim().is_empty() {
            return Err(refuse(&page, Missing::Title, &page.title_candidates));
        }
        let Some(date) = given.date.or(page.published.map(date_value)) else {
            return Err(refuse(&page, Missing::Date, &page.date_candidates));
        };
        if page.body.is_empty() || page.lede.is_empty() {
            return Err(refuse(&page, Missing::Body, &[]));
        }
        let title = page.title.clone();
        // The caption names places and companies too ("… à Eindhoven, aux Pays-Bas").
        let caption_text = page.caption.as_ref().map_or("", |c| c.text.as_str());
        let Tags { topics, organizations, regions } =
            self.gazetteer.tag(&page.title, &format!("{}\n{caption_text}", page.text));
        let topics = if self.topics.is_empty() { topics } else { self.topics.clone() };
        if topics.is_empty() {
            return Err(ImportError::NoTopic {
                title: shorten(&title, QUOTED_MAX),
                known: self.gazetteer.topic_slugs().join(", "),
                considered: self.gazetteer.keywords_looked_for(),
            });
        }
        let lang = given
            .lang
            .clone()
            .or_else(|| {
                page.lang_hint
                    .as_deref()
                    .and_then(|tag| tag.split(['-', '_']).next())
                    .filter(|primary| crate::i18n::is_valid_language(primary))
                    .map(str::to_lowercase)
            })
            .or_else(|| Language::detect(&page.text).map(|language| language.code().to_owned()));
        // Who the report is from: the page's own credit, else an agency the text quotes
        // ("a indiqué à l'AFP"), else the site, else the agency of the photo.
        let source_name = given
            .source
            .clone()
            .or_else(|| page.agency.clone())
            .or_else(|| page.quoted_agency().map(str::to_owned))
            .or_else(|| page.publisher.clone())
            .or_else(|| page.photo_agency().map(str::to_owned))
            .or_else(|| page.url.as_deref().and_then(host_of));
        // The original reporters go with the source they wrote for, not into the body.
        let source = source_name.clone().map(|name| Source {
            name,
            url: page.url.clone(),
            published: Some(date),
            byline: page.byline.clone(),
        });

        let mut body = page.body.clone();
        if let Some(credits) = &page.credits {
            body.push(format!("*{}*", markdown::escape(credits)));
        }
        // Without a source to name them with, the reporters stay at the end of the body.
        if let (Some(byline), None) = (&page.byline, &source) {
            let language = lang.as_deref().and_then(Language::from_tag).unwrap_or(Language::English);
            body.push(format!("*{} {}*", language.vocabulary().by, markdown::escape(byline)));
        }
        let front = FrontMatter {
            title: title.clone(),
            date,
            updated: page.updated.map(date_value).filter(|updated| *updated != date),
            summary: shorten(&page.summary(), SUMMARY_MAX),
            topics,
            tags: Vec::new(),
            organizations,
            regions,
            source,
            authors: Vec::new(),
            lang,
            slug: None,
            translation_key: None,
            draft: false,
            image: None,
            image_alt: None,
            updates: Vec::new(),
            follows: Vec::new(),
            aliases: Vec::new(),
            canonical: None,
            extra: None,
            other: Default::default(),
        };
        let year = date.to_fixed().year();
        Ok(Imported {
            path: PathBuf::from(format!(
                "content/articles/{year}/{}.md",
                article_slug(&title, source_name.as_deref(), &date)
            )),
            front,
            body: markdown::join_blocks(&body),
            byline: page.byline,
            caption: page.caption,
            dropped: page.dropped,
            notes: page.notes,
        })
    }
}

/// The address an article credits: the one given with `--url`, else the page's own
/// canonical address (which it declares, resolved against the address it was fetched
/// from), else that address; tracking parameters (`utm_source`…) left out of all.
fn source_url(given: Option<&str>, declared: Option<&str>, fetched_from: Option<&str>) -> Option<String> {
    let base = fetched_from.and_then(|url| url::Url::parse(url).ok());
    let declared = declared.and_then(|declared| match &base {
        Some(base) => base.join(declared.trim()).ok(),
        None => url::Url::parse(declared.trim()).ok(),
    });
    let declared = declared.filter(|url| matches!(url.scheme(), "http" | "https")).map(String::from);
    let chosen = given.map(str::to_owned).or(declared).or_else(|| fetched_from.map(str::to_owned))?;
    Some(without_tracking(&chosen))
}

/// Query parameters that say how a reader came to a page, not which page it is.
const TRACKING_PARAMETERS: &[&str] =
    &["fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ocid", "cmpid"];

/// `url` without its tracking parameters (`utm_*` and the click ids of `TRACKING_PARAMETERS`).
pub fn without_tracking(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else { return url.to_owned() };
    let tracking = |name: &str| {
        let name = name.to_ascii_lowercase();
        name.starts_with("utm_") || TRACKING_PARAMETERS.contains(&name.as_str())
    };
    if !parsed.query_pairs().any(|(name, _)| tracking(&name)) {
        return url.to_owned();
    }
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(name, _)| !tracking(name))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(kept);
    }
    parsed.to_string()
}

/// A page's date as the front matter writes it.
fn date_value(date: PageDate) -> DateValue {
    match date {
        PageDate::DateTime(date_time) => DateValue::DateTime(date_time),
        PageDate::Date(date) => DateValue::Date(date),
    }
}

/// "news.example" for "https://www.news.example/a/b": the site, as a source name of last resort.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    // Never `user:password@`: the name is published.
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host).trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_owned())
}

/// The file name of an article: the title's slug; for a title with no letters or digits
/// ("?!", "…") the source and the date, so a file is never empty-named or hidden.
fn article_slug(title: &str, source: Option<&str>, date: &DateValue) -> String {
    let slug = slug_of(title);
    if !slug.is_empty() {
        return slug;
    }
    let day = date.to_fixed().format("%Y-%m-%d");
    match source.map(slug_of).filter(|s| !s.is_empty()) {
        Some(source) => format!("{source}-{day}"),
        None => format!("article-{day}"),
    }
}

/// ASCII, accents folded, at most `SLUG_MAX` characters cut at a hyphen.
pub fn slug_of(title: &str) -> String {
    let slug = slug::slugify(title);
    if slug.len() <= SLUG_MAX {
        return slug;
    }
    let cut = &slug[..SLUG_MAX];
    cut.rsplit_once('-').map_or(cut, |(head, _)| head).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_stay_short() {
        assert_eq!(slug_of("Pékin répond à l'offensive de Washington"), "pekin-repond-a-l-offensive-de-washington");
        let long = slug_of(&"très longue phrase ".repeat(10));
        assert!(long.len() <= SLUG_MAX && !long.ends_with('-'), "{long}");
    }

    fn importer() -> Importer {
        let topic = crate::content::Topic {
            path: "content/topics/labs.md".into(),
            slug: "labs".to_owned(),
            title: "Labs".to_owned(),
            summary: String::new(),
            weight: 0,
            keywords: vec!["design centre".to_owned()],
            intro_html: String::new(),
            images: Vec::new(),
            aliases: Vec::new(),
            extra: None,
            warnings: Vec::new(),
        };
        Importer::new(Gazetteer::new(&[topic], &crate::site::Entities::default()), Vec::new(), 2030).unwrap()
    }

    #[test]
    fn a_dateline_without_year_takes_the_pages_copyright_year() {
        let page = "Kelpwave shuts its Porto design centre\n\nPORTO, Sept 6 (Reuters) - Kelpwave will shut its design centre in Porto by the end of the year, the company said on Friday.\n\nRead next\n© 2023 Wire Example. All rights reserved.\n";
        let article = importer().import(page).unwrap();
        assert_eq!(article.front.date.to_string(), "2023-09-06");
        assert_eq!(article.path, PathBuf::from("content/articles/2023/kelpwave-shuts-its-porto-design-centre.md"));
        assert_eq!(article.front.source.unwrap().name, "Reuters");
        assert_eq!(article.front.topics, vec!["labs"]);
    }

    #[test]
    fn a_page_without_a_date_is_refused() {
        let error = importer().import("Kelpwave shuts its Porto design centre\n\nKelpwave will shut its design centre in Porto, the company said on Friday.\n").unwrap_err();
        assert!(matches!(&error, ImportError::Refused(r) if r.missing == Missing::Date), "{error}");
        assert!(error.to_string().contains("--date YYYY-MM-DD"), "{error}");
    }

    #[test]
    fn a_title_without_letters_gets_a_slug_from_source_and_date() {
        let date = DateValue::parse("2025-11-20").unwrap();
        assert_eq!(article_slug("?!… ---", Some("AFP"), &date), "afp-2025-11-20");
        assert_eq!(article_slug("...", None, &date), "article-2025-11-20");
        assert_eq!(article_slug("Chips, again", None, &date), "chips-again");
    }

    #[test]
    fn the_credited_address_is_the_declared_one_without_tracking() {
        let fetched = "https://news.example/a/story?utm_source=feed&utm_medium=rss&id=7";
        assert_eq!(without_tracking(fetched), "https://news.example/a/story?id=7");
        assert_eq!(without_tracking("https://news.example/a?fbclid=x"), "https://news.example/a");
        assert_eq!(without_tracking("https://news.example/a?page=2"), "https://news.example/a?page=2");
        let declared = Some("/2025/story");
        assert_eq!(source_url(None, declared, Some(fetched)).as_deref(), Some("https://news.example/2025/story"));
        assert_eq!(source_url(None, None, Some(fetched)).as_deref(), Some("https://news.example/a/story?id=7"));
        let given = Some("https://other.example/x?utm_campaign=y");
        assert_eq!(source_url(given, declared, Some(fetched)).as_deref(), Some("https://other.example/x"));
        assert_eq!(source_url(None, Some("javascript:alert(1)"), None), None);
    }

    #[test]
    fn an_empty_page_is_named_empty() {
        assert!(matches!(importer().import(""), Err(ImportError::Empty { blank: false })));
        assert!(matches!(importer().import("\n  \n"), Err(ImportError::Empty { blank: true })));
    }

    #[test]
    fn escaped_text_renders_as_the_same_text() {
        let hostile = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) &lt;";
        let html = crate::content::markdown::render(&markdown::escape(hostile)).html;
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<a "), "{html}");
        assert!(!html.contains("<strong>"), "{html}");
    }
}
