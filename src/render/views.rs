//! What templates see: small views borrowed from the site, serialised into Tera values.
//!
//! Article summaries (for lists) are made at most once per interface language and
//! shared by every list page as reference-counted values, so a list costs no article
//! clones.

use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use super::i18n::Locale;
use crate::content::Heading;
use crate::site::{ArticleId, Site, YearGroup};

/// A link: a name and a root-relative URL.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    pub name: &'a str,
    pub url: String,
}

/// An article in a list (home, topic timeline, term page, related articles).
#[derive(Serialize)]
struct SummaryView<'a> {
    title: &'a str,
    url: String,
    permalink: String,
    lang: &'a str,
    date: String,
    date_display: String,
    summary: &'a str,
    topics: Vec<Link<'a>>,
}

/// Article summaries per interface language, each made the first time a page lists it:
/// a site in one language never makes the other's.
pub struct Summaries<'a> {
    site: &'a Site,
    /// `per_locale[locale.index()][article]`
    per_locale: Vec<Vec<OnceLock<Value>>>,
}

impl<'a> Summaries<'a> {
    pub fn new(site: &'a Site) -> Summaries<'a> {
        let per_locale =
            Locale::ALL.iter().map(|_| (0..site.articles.len()).map(|_| OnceLock::new()).collect()).collect();
        Summaries { site, per_locale }
    }

    pub fn get(&self, locale: Locale, id: ArticleId) -> Value {
        self.per_locale[locale.index()][id].get_or_init(|| self.make(locale, id)).clone()
    }

    pub fn list(&self, locale: Locale, ids: &[ArticleId]) -> Vec<Value> {
        ids.iter().map(|&id| self.get(locale, id)).collect()
    }

    fn make(&self, locale: Locale, id: ArticleId) -> Value {
        let site = self.site;
        let article = &site.articles[id];
        let path = site.article_path(id);
        Value::from_serializable(&SummaryView {
            title: &article.title,
            url: format!("{}{path}", site.config.base_path),
            permalink: format!("{}{path}", site.config.base_url),
            lang: &article.lang,
            date: article.date.to_rfc3339(),
            date_display: locale.date(&article.date),
            summary: &article.summary,
            topics: topic_links(site, id),
        })
    }
}

pub fn topic_links(site: &Site, id: ArticleId) -> Vec<Link<'_>> {
    site.article_topics[id]
        .iter()
        .map(|&t| {
            let topic = &site.topics[t].topic;
            Link { name: &topic.title, url: format!("{}/topics/{}/", site.config.base_path, topic.slug) }
        })
        .collect()
}

/// A taxonomy with the terms an article carries.
#[derive(Serialize)]
pub struct ArticleTaxonomy<'a> {
    pub name: &'a str,
    pub title: String,
    pub terms: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
    pub published: Option<String>,
    pub published_display: Option<String>,
}

/// Everything an article page shows.
#[derive(Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub lang: &'a str,
    pub date: String,
    pub date_display: String,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub summary: &'a str,
    pub content: Value,
    pub toc: &'a [Heading],
    pub show_toc: bool,
    pub reading_time: String,
    pub word_count: usize,
    pub topics: Vec<Link<'a>>,
    pub taxonomies: Vec<ArticleTaxonomy<'a>>,
    pub source: Option<SourceView<'a>>,
    pub related: Vec<Value>,
    pub older: Option<Value>,
    pub newer: Option<Value>,
}

/// Long articles get a table of contents.
const TOC_MIN_WORDS: usize = 400;
const TOC_MIN_HEADINGS: usize = 2;

impl<'a> ArticleView<'a> {
    pub fn new(site: &'a Site, id: ArticleId, summaries: &Summaries) -> ArticleView<'a> {
        let article = &site.articles[id];
        let locale = Locale::for_language(&article.lang);
        let labels = locale.labels();
        let path = site.article_path(id);
        let base_path = &site.config.base_path;
        let taxonomies = site
            .taxonomies
            .iter()
            .zip(&site.article_terms[id])
            .filter(|(_, terms)| !terms.is_empty())
            .map(|(taxonomy, terms)| ArticleTaxonomy {
                name: &taxonomy.name,
                title: labels.taxonomy(&taxonomy.name),
                terms: terms
                    .iter()
                    .map(|&t| {
                        let term = &taxonomy.terms[t];
                        Link { name: &term.name, url: format!("{base_path}/{}/{}/", taxonomy.name, term.slug) }
                    })
                    .collect(),
            })
            .collect();
        let source = article.source.as_ref().map(|source| SourceView {
            name: &source.name,
            url: source.url.as_deref(),
            published: source.published.map(|p| p.to_fixed().to_rfc3339()),
            published_display: source
                .published
                .map(|p| if p.has_time() { locale.date_time(&p.to_fixed()) } else { locale.date(&p.to_fixed()) }),
        });
        let (older, newer) = site.neighbours[id];
        ArticleView {
            title: &article.title,
            url: format!("{base_path}{path}"),
            permalink: format!("{}{path}", site.config.base_url),
            lang: &article.lang,
            date: article.date.to_rfc3339(),
            date_display: locale.date(&article.date),
            updated: article.updated.map(|u| u.to_rfc3339()),
            updated_display: article.updated.map(|u| locale.date(&u)),
            summary: &article.summary,
            content: Value::safe_string(&article.html),
            toc: &article.toc,
            show_toc: article.word_count >= TOC_MIN_WORDS && article.toc.len() >= TOC_MIN_HEADINGS,
            reading_time: locale.reading_time(article.word_count),
            word_count: article.word_count,
            topics: topic_links(site, id),
            taxonomies,
            source,
            related: summaries.list(locale, &site.related[id]),
            older: older.map(|o| summaries.get(locale, o)),
            newer: newer.map(|n| summaries.get(locale, n)),
        }
    }
}

/// A timeline of articles by year and month.
#[derive(Serialize)]
pub struct YearView {
    pub year: i32,
    pub count: usize,
    pub months: Vec<MonthView>,
}

#[derive(Serialize)]
pub struct MonthView {
    pub month: u32,
    pub name: &'static str,
    /// `2025-07`, an anchor for links into the timeline.
    pub id: String,
    pub articles: Vec<Value>,
}

pub fn timeline(groups: Vec<YearGroup>, locale: Locale, summaries: &Summaries) -> Vec<YearView> {
    groups
        .into_iter()
        .map(|year| YearView {
            year: year.year,
            count: year.months.iter().map(|m| m.articles.len()).sum(),
            months: year
                .months
                .into_iter()
                .map(|month| MonthView {
                    month: month.month,
                    name: locale.month_name(month.month),
                    id: format!("{}-{:02}", year.year, month.month),
                    articles: summaries.list(locale, &month.articles),
                })
                .collect(),
        })
        .collect()
}

/// A topic in the topics overview.
#[derive(Serialize)]
pub struct TopicView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub feed_url: String,
    pub count: usize,
    pub count_display: String,
    pub latest: Option<Value>,
}

pub fn topic_views<'a>(site: &'a Site, locale: Locale, summaries: &Summaries) -> Vec<TopicView<'a>> {
    site.topics
        .iter()
        .map(|entry| {
            let url = format!("{}/topics/{}/", site.config.base_path, entry.topic.slug);
            TopicView {
                slug: &entry.topic.slug,
                title: &entry.topic.title,
                summary: &entry.topic.summary,
                feed_url: format!("{url}feed.xml"),
                url,
                count: entry.articles.len(),
                count_display: locale.article_count(entry.articles.len()),
                latest: entry.articles.first().map(|&id| summaries.get(locale, id)),
            }
        })
        .collect()
}

/// A term in a taxonomy index.
#[derive(Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}
