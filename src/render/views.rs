//! What templates see: small views borrowed from the site, serialised into Tera values.
//!
//! Article summaries (for lists) are made at most once per interface language and shared
//! by every list page as reference-counted values, so a list costs no article clones.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use super::i18n::Locale;
use crate::content::Heading;
use crate::content::markdown::file_link_placeholder;
use crate::route::{Route, TaxonomyId, TermId, TopicId};
use crate::site::{ArticleId, Site, YearGroup};

/// A link: a name, the language it is written in, and a root-relative URL.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    pub name: &'a str,
    pub lang: &'a str,
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

/// Article summaries per interface language, each made the first time a page lists it
/// and then shared: a rebuild that renders a few pages makes only the summaries they show.
pub struct Summaries<'a> {
    site: &'a Site,
    /// `cells[locale.index()][article]`.
    cells: Vec<Vec<OnceLock<Value>>>,
}

impl<'a> Summaries<'a> {
    pub fn new(site: &'a Site) -> Summaries<'a> {
        let cells = Locale::ALL.iter().map(|_| (0..site.articles.len()).map(|_| OnceLock::new()).collect()).collect();
        Summaries { site, cells }
    }

    pub fn get(&self, locale: Locale, id: ArticleId) -> Value {
        self.cells[locale.index()][id].get_or_init(|| summary(self.site, locale, id)).clone()
    }

    pub fn list(&self, locale: Locale, ids: &[ArticleId]) -> Vec<Value> {
        ids.iter().map(|&id| self.get(locale, id)).collect()
    }
}

fn summary(site: &Site, locale: Locale, id: ArticleId) -> Value {
    let article = &site.articles[id];
    Value::from_serializable(&SummaryView {
        title: &article.title,
        url: site.routes.url(Route::Article(id)),
        permalink: site.routes.permalink(Route::Article(id)),
        lang: &article.lang,
        date: article.date.to_rfc3339(),
        date_display: locale.date(&article.date),
        summary: &article.summary,
        topics: topic_links(site, id, locale),
    })
}

/// The topics of an article, named in `locale`'s language where the topic has a
/// translation in it, else in the site's default language.
pub fn topic_links(site: &Site, id: ArticleId, locale: Locale) -> Vec<Link<'_>> {
    site.article_topics[id]
        .iter()
        .map(|&t| {
            let (name, lang) = topic_name(site, t, locale);
            Link { name, lang, url: site.routes.url(Route::Topic(TopicId(t))) }
        })
        .collect()
}

/// A term's name in `lang` (entities.yaml `names:`), else its name.
fn term_name<'s>(term: &'s crate::site::Term, lang: &str, site: &Site) -> &'s str {
    match term.names.get(lang) {
        Some(name) if site.config.is_multilingual() => name,
        _ => &term.name,
    }
}

/// A topic's title in `locale`'s language, if it has one, with the language it is in.
pub fn topic_name(site: &Site, t: usize, locale: Locale) -> (&str, &str) {
    let entry = &site.topics[t];
    if Locale::for_language(&site.config.language) != locale {
        for translation in &entry.translations {
            if let Some(lang) = translation.translation_language()
                && Locale::for_language(lang) == locale
            {
                return (&translation.title, lang);
            }
        }
    }
    (&entry.topic.title, &site.config.language)
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
        let routes = &site.routes;
        let taxonomies = site
            .taxonomies
            .iter()
            .zip(&site.article_terms[id])
            .enumerate()
            .filter(|(_, (_, terms))| !terms.is_empty())
            .map(|(t, (taxonomy, terms))| ArticleTaxonomy {
                name: &taxonomy.name,
                title: locale.taxonomy(&taxonomy.name),
                terms: terms
                    .iter()
                    .map(|&term| Link {
                        name: term_name(&taxonomy.terms[term], &article.lang, site),
                        lang: if taxonomy.terms[term].names.contains_key(&article.lang) {
                            &article.lang
                        } else {
                            &site.config.language
                        },
                        url: routes.url(Route::Term(TaxonomyId(t), TermId(term))),
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
            url: routes.url(Route::Article(id)),
            permalink: routes.permalink(Route::Article(id)),
            lang: &article.lang,
            date: article.date.to_rfc3339(),
            date_display: locale.date(&article.date),
            updated: article.updated.map(|u| u.to_rfc3339()),
            updated_display: article.updated.map(|u| locale.date(&u)),
            summary: &article.summary,
            content: Value::safe_string(&article_html(site, id)),
            toc: &article.toc,
            show_toc: article.word_count >= TOC_MIN_WORDS && article.toc.len() >= TOC_MIN_HEADINGS,
            reading_time: locale.reading_time(article.word_count),
            word_count: article.word_count,
            topics: topic_links(site, id, locale),
            taxonomies,
            source,
            related: summaries.list(locale, &related_stories(site, id)),
            older: older.map(|o| summaries.get(locale, o)),
            newer: newer.map(|n| summaries.get(locale, n)),
        }
    }
}

/// An article's related articles, one version of each other story: the one in the
/// article's language, else the one listings show.
fn related_stories(site: &Site, id: ArticleId) -> Vec<ArticleId> {
    let translations = &site.translations;
    let lang = &site.articles[id].lang;
    let mut stories: Vec<ArticleId> = Vec::with_capacity(site.related[id].len());
    for &related in &site.related[id] {
        let versions = &translations.versions[related.0];
        if versions.contains(&id) {
            continue;
        }
        let shown = versions
            .iter()
            .find(|&&v| site.articles[v].lang == *lang)
            .or_else(|| versions.iter().find(|&&v| translations.listed[v.0]))
            .copied()
            .unwrap_or(related);
        if !stories.contains(&shown) {
            stories.push(shown);
        }
    }
    stories
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
        .enumerate()
        .map(|(t, entry)| TopicView {
            slug: &entry.topic.slug,
            title: &entry.topic.title,
            summary: &entry.topic.summary,
            feed_url: site.routes.url(Route::TopicFeed(TopicId(t))),
            url: site.routes.url(Route::Topic(TopicId(t))),
            count: entry.articles.len(),
            count_display: locale.article_count(entry.articles.len()),
            latest: entry.articles.first().map(|&id| summaries.get(locale, id)),
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

/// An article's HTML with its links to source files leading to their pages: the URLs
/// the site resolved (`Site::file_link_urls`) fill the places the Markdown stage marked.
/// The article itself is never changed, so the site can be assembled again from it.
pub fn article_html(site: &Site, id: ArticleId) -> Cow<'_, str> {
    let article = &site.articles[id];
    if article.file_links.is_empty() {
        return Cow::Borrowed(&article.html);
    }
    let mut html = article.html.clone();
    for (index, url) in site.file_link_urls[id].iter().enumerate() {
        let placeholder = format!("\"{}\"", file_link_placeholder(index));
        let mut href = String::with_capacity(url.len() + 2);
        href.push('"');
        pulldown_cmark_escape::escape_html(&mut href, url).expect("writing to a String cannot fail");
        href.push('"');
        html = html.replacen(&placeholder, &href, 1);
    }
    Cow::Owned(html)
}
