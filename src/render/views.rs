//! What templates see: small views borrowed from the site, serialised into Tera values.
//!
//! Article summaries (for lists) are made at most once per interface language and shared
//! by every list page as reference-counted values, so a list costs no article clones.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use crate::content::markdown::file_link_placeholder;
use crate::content::{BodyImage, Heading};
use crate::i18n::LocaleId;
use crate::route::{LanguageId, Route, TaxonomyId, TopicId};
use crate::search::{Facet, FacetValue};
use crate::site::{ArticleId, Site, YearGroup};

/// The language a page is written in: the language of the site its links stay in (topic
/// and term pages, names) and the interface language of its labels and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageLanguage {
    pub id: LanguageId,
    pub locale: LocaleId,
}

impl PageLanguage {
    /// The pages of one language of the site.
    pub(crate) fn of_site(site: &Site, id: LanguageId) -> PageLanguage {
        PageLanguage { id, locale: site.config.interface.locale_for(&site.config.languages[id].code) }
    }

    /// An article's page: in its own language.
    pub(crate) fn of_article(site: &Site, id: ArticleId) -> PageLanguage {
        PageLanguage {
            id: site.article_languages[id],
            locale: site.config.interface.locale_for(&site.articles[id].lang),
        }
    }
}

/// A link: a name, the language it is written in, and a root-relative URL.
#[derive(Debug, Serialize)]
pub(super) struct Link<'a> {
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
    /// When it was last updated, if it was after publication: listings mark it.
    updated: Option<String>,
    updated_display: Option<String>,
    summary: &'a str,
    /// "Only in English", in the story's language: set when the page lists the story in
    /// another language than its own because it has no version in the page's.
    only_in: Option<&'a str>,
    topics: Vec<Link<'a>>,
}

/// Article summaries per page language and locale, each made the first time a page lists
/// it and then shared: a rebuild that renders a few pages makes only the summaries they show.
pub(crate) struct SummaryCells {
    /// `cells[language * locales + locale][article]`, each language's row made when a
    /// page first lists an article in it.
    cells: Vec<OnceLock<Vec<OnceLock<Value>>>>,
}

impl SummaryCells {
    pub(super) fn new(site: &Site) -> SummaryCells {
        let count = site.config.languages.len() * site.config.interface.len();
        SummaryCells { cells: (0..count).map(|_| OnceLock::new()).collect() }
    }
}

/// The summaries of one site's articles, made in the cells kept for that site.
pub(super) struct Summaries<'a> {
    site: &'a Site,
    cells: &'a SummaryCells,
}

impl<'a> Summaries<'a> {
    pub(super) fn new(site: &'a Site, cells: &'a SummaryCells) -> Summaries<'a> {
        Summaries { site, cells }
    }

    pub(super) fn get(&self, language: PageLanguage, id: ArticleId) -> Value {
        let cell = language.id.0 * self.site.config.interface.len() + language.locale.0;
        let row =
            self.cells.cells[cell].get_or_init(|| (0..self.site.articles.len()).map(|_| OnceLock::new()).collect());
        row[id].get_or_init(|| summary(self.site, language, id)).clone()
    }

    pub(super) fn list(&self, language: PageLanguage, ids: &[ArticleId]) -> Vec<Value> {
        ids.iter().map(|&id| self.get(language, id)).collect()
    }
}

fn summary(site: &Site, language: PageLanguage, id: ArticleId) -> Value {
    let locale = site.config.interface.get(language.locale);
    let article = &site.articles[id];
    Value::from_serializable(&SummaryView {
        title: &article.title,
        url: site.routes.url(Route::Article(id)),
        permalink: site.routes.permalink(Route::Article(id)),
        lang: &article.lang,
        date: article.date.to_rfc3339(),
        date_display: locale.date(&article.date),
        updated: article.updated.filter(|&u| u > article.date).map(|u| u.to_rfc3339()),
        updated_display: article.updated.filter(|&u| u > article.date).map(|u| locale.date(&u)),
        summary: &article.summary,
        only_in: (site.config.is_multilingual() && site.config.languages[language.id].code != article.lang).then(
            || site.config.interface.get(site.config.interface.locale_for(&article.lang)).label("only_in_language"),
        ),
        topics: topic_links(site, id, language.id),
    })
}

/// The topics of an article, leading to their pages in `lang` and named in it where the
/// topic has a translation, else in the site's default language.
pub(super) fn topic_links(site: &Site, id: ArticleId, lang: LanguageId) -> Vec<Link<'_>> {
    site.article_topics[id]
        .iter()
        .map(|&t| {
            let (name, text_lang) = topic_name(site, t, lang);
            Link { name, lang: text_lang, url: site.routes.url(Route::Topic(lang, t)) }
        })
        .collect()
}

/// A term's name in the language `code` (entities.yaml `names:`), else its name.
pub(super) fn term_name<'s>(term: &'s crate::site::Term, code: &str, site: &Site) -> &'s str {
    if site.config.is_multilingual() { term.name_in(code) } else { &term.name }
}

/// A topic as the pages of `lang` show it: its translation in that language, else the
/// topic itself; with the language its text is in.
pub(super) fn topic_text(site: &Site, t: TopicId, lang: LanguageId) -> (&crate::content::Topic, &str) {
    let entry = &site.topics[t];
    if lang != LanguageId::DEFAULT {
        let code = &site.config.languages[lang].code;
        if let Some(translation) = entry.translation(code) {
            return (translation, code);
        }
    }
    (&entry.topic, &site.config.language)
}

/// A topic's title in `lang`, if it has one, with the language it is in.
pub(super) fn topic_name(site: &Site, t: TopicId, lang: LanguageId) -> (&str, &str) {
    let (topic, text_lang) = topic_text(site, t, lang);
    (&topic.title, text_lang)
}

/// The search page's facets as the pages of `lang` name their values: topics and terms
/// in that language where they have a name in it, taxonomy values sorted by those names.
pub(super) fn facets_in(site: &Site, facets: &[Facet], lang: LanguageId) -> Vec<Facet> {
    let code = &site.config.languages[lang].code;
    let topics: HashMap<&str, usize> =
        site.topics.iter().enumerate().map(|(t, entry)| (entry.topic.slug.as_str(), t)).collect();
    facets
        .iter()
        .map(|facet| {
            let taxonomy = facet.taxonomy.as_deref().and_then(|name| site.taxonomies.iter().find(|t| t.name == name));
            let terms: HashMap<&str, &crate::site::Term> =
                taxonomy.map(|t| t.terms.iter().map(|term| (term.slug.as_str(), term)).collect()).unwrap_or_default();
            let mut values: Vec<FacetValue> = facet
                .values
                .iter()
                .map(|value| {
                    let name = match (facet.key, topics.get(value.id.as_str()), terms.get(value.id.as_str())) {
                        ("topic", Some(&t), _) => topic_name(site, TopicId(t), lang).0,
                        (_, _, Some(term)) => term_name(term, code, site),
                        _ => &value.name,
                    };
                    FacetValue { id: value.id.clone(), name: name.to_owned(), count: value.count, docs: Vec::new() }
                })
                .collect();
            if taxonomy.is_some() {
                values.sort_by_cached_key(|value| crate::search::fold::sort_key(&value.name));
            }
            Facet { key: facet.key, taxonomy: facet.taxonomy.clone(), values }
        })
        .collect()
}

/// A taxonomy with the terms an article carries.
#[derive(Serialize)]
pub(super) struct ArticleTaxonomy<'a> {
    pub name: &'a str,
    pub title: String,
    pub terms: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub(super) struct SourceView<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
    pub published: Option<String>,
    pub published_display: Option<String>,
    /// The reporters of the original report.
    pub byline: Option<&'a str>,
}

/// A note of `updates:` as an article page shows it.
#[derive(Serialize)]
pub(super) struct UpdateView<'a> {
    pub date: String,
    /// "9 May 2025": the day, as a reader of the article's language writes it.
    pub date_display: String,
    pub note: &'a str,
    pub correction: bool,
}

impl<'a> UpdateView<'a> {
    pub(super) fn new(update: &'a crate::content::Update, locale: &crate::i18n::Locale) -> UpdateView<'a> {
        UpdateView {
            date: update.date.to_rfc3339(),
            date_display: locale.date(&update.date),
            note: &update.note,
            correction: update.correction,
        }
    }
}

/// Everything an article page shows.
#[derive(Serialize)]
pub(super) struct ArticleView<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub lang: &'a str,
    pub date: String,
    pub date_display: String,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    /// The notes of `updates:`, newest first.
    pub updates: Vec<UpdateView<'a>>,
    pub summary: &'a str,
    pub content: Value,
    pub toc: &'a [Heading],
    pub show_toc: bool,
    pub reading_time: String,
    pub word_count: usize,
    pub topics: Vec<Link<'a>>,
    pub taxonomies: Vec<ArticleTaxonomy<'a>>,
    /// Its authors (authors.yaml), each linked to their page.
    pub authors: Vec<Link<'a>>,
    pub source: Option<SourceView<'a>>,
    pub related: Vec<Value>,
    pub older: Option<Value>,
    pub newer: Option<Value>,
    /// The topic `older` and `newer` are neighbours in: the article's first.
    pub neighbour_topic: Option<Link<'a>>,
    /// "The story so far": the thread of its story, if `follows:` gives it one.
    pub thread: Option<ThreadView>,
    /// The original's address of a syndicated copy (`canonical:`).
    pub canonical: Option<&'a str>,
    /// The site's own fields (`extra:`).
    pub extra: Option<&'a crate::yaml::Value>,
}

/// A story thread as an article of it shows it.
#[derive(Serialize)]
pub(super) struct ThreadView {
    /// The thread's page in the article's language.
    pub url: String,
    /// Oldest first, the article itself among them.
    pub stories: Vec<ThreadEntry>,
}

#[derive(Serialize)]
pub(super) struct ThreadEntry {
    #[serde(flatten)]
    pub story: Value,
    /// Whether it is the article the page shows (or a version of it).
    pub current: bool,
}

/// Long articles get a table of contents.
const TOC_MIN_WORDS: usize = 400;
const TOC_MIN_HEADINGS: usize = 2;

impl<'a> ArticleView<'a> {
    pub(super) fn new(site: &'a Site, id: ArticleId, summaries: &Summaries, sizes: &ImageSizes) -> ArticleView<'a> {
        let article = &site.articles[id];
        let language = PageLanguage::of_article(site, id);
        let locale = site.config.interface.get(language.locale);
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
                        url: routes.url(Route::Term(language.id, TaxonomyId(t), term)),
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
            byline: source.byline.as_deref(),
        });
        let authors = site.article_authors[id]
            .iter()
            .map(|&a| Link {
                name: &site.authors[a].name,
                lang: &article.lang,
                url: routes.url(Route::Author(language.id, a)),
            })
            .collect();
        let (older, newer) = site.neighbours[id];
        let thread = site.threads.of_article[id].map(|t| {
            let stories = site.thread_in(t, language.id);
            ThreadView {
                url: routes.url(Route::Thread(language.id, t)),
                stories: stories
                    .iter()
                    .map(|&story| ThreadEntry {
                        story: summaries.get(language, story),
                        current: site.translations.versions[id].contains(&story),
                    })
                    .collect(),
            }
        });
        // What the pager and the thread show already is not repeated among related stories.
        let shown_elsewhere = |story: &ArticleId| {
            [older, newer].contains(&Some(*story))
                || site.threads.of_article[id].is_some_and(|t| site.threads.of_article[*story] == Some(t))
        };
        let mut related = related_stories(site, id);
        related.retain(|story| !shown_elsewhere(story));
        let neighbour_topic = (older.is_some() || newer.is_some())
            .then(|| topic_links(site, id, language.id).into_iter().next())
            .flatten();
        ArticleView {
            canonical: article.canonical.as_deref(),
            extra: article.extra.as_ref(),
            title: &article.title,
            url: routes.url(Route::Article(id)),
            permalink: routes.permalink(Route::Article(id)),
            lang: &article.lang,
            date: article.date.to_rfc3339(),
            date_display: locale.date(&article.date),
            updated: article.updated.map(|u| u.to_rfc3339()),
            updated_display: article.updated.map(|u| locale.date(&u)),
            updates: article.updates.iter().map(|update| UpdateView::new(update, locale)).collect(),
            summary: &article.summary,
            content: Value::safe_string(&article_html(site, id, sizes)),
            toc: &article.toc,
            show_toc: article.word_count >= TOC_MIN_WORDS && article.toc.len() >= TOC_MIN_HEADINGS,
            reading_time: locale.reading_time(article.word_count),
            word_count: article.word_count,
            topics: topic_links(site, id, language.id),
            taxonomies,
            authors,
            source,
            related: summaries.list(language, &related),
            older: older.map(|o| summaries.get(language, o)),
            newer: newer.map(|n| summaries.get(language, n)),
            neighbour_topic,
            thread,
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
        let versions = &translations.versions[related];
        if versions.contains(&id) {
            continue;
        }
        let shown = versions
            .iter()
            .find(|&&v| site.articles[v].lang == *lang)
            .or_else(|| versions.iter().find(|&&v| translations.listed[v]))
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
pub(super) struct YearView {
    pub year: i32,
    pub count: usize,
    pub months: Vec<MonthView>,
}

#[derive(Serialize)]
pub(super) struct MonthView {
    pub month: u32,
    pub name: String,
    /// `2025-07`, an anchor for links into the timeline.
    pub id: String,
    pub articles: Vec<Value>,
}

pub(super) fn timeline(groups: Vec<YearGroup>, language: PageLanguage, summaries: &Summaries) -> Vec<YearView> {
    let locale = summaries.site.config.interface.get(language.locale);
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
                    name: locale.month_name(month.month).to_owned(),
                    id: format!("{}-{:02}", year.year, month.month),
                    articles: summaries.list(language, &month.articles),
                })
                .collect(),
        })
        .collect()
}

/// A topic in the topics overview.
#[derive(Serialize)]
pub(super) struct TopicView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// The language of its title and summary: the page's, or the default language's for
    /// a topic not translated into the page's.
    pub lang: &'a str,
    pub url: String,
    pub feed_url: String,
    pub count: usize,
    pub count_display: String,
    pub latest: Option<Value>,
    /// The site's own fields (`extra:`) of the topic in the page's language, else of its
    /// default-language file.
    pub extra: Option<&'a crate::yaml::Value>,
}

pub(super) fn topic_views<'a>(site: &'a Site, language: PageLanguage, summaries: &Summaries) -> Vec<TopicView<'a>> {
    (0..site.topics.len()).map(|t| topic_view(site, TopicId(t), language, summaries)).collect()
}

pub(super) fn topic_view<'a>(
    site: &'a Site,
    t: TopicId,
    language: PageLanguage,
    summaries: &Summaries,
) -> TopicView<'a> {
    let entry = &site.topics[t];
    let (topic, lang) = topic_text(site, t, language.id);
    let articles = entry.listing(language.id);
    TopicView {
        slug: &entry.topic.slug,
        title: &topic.title,
        summary: &topic.summary,
        lang,
        feed_url: site.routes.url(Route::TopicFeed(language.id, t)),
        url: site.routes.url(Route::Topic(language.id, t)),
        count: articles.len(),
        count_display: site.config.interface.get(language.locale).article_count(articles.len()),
        latest: articles.first().map(|&id| summaries.get(language, id)),
        extra: topic.extra.as_ref().or(entry.topic.extra.as_ref()),
    }
}

/// A term in a taxonomy index.
#[derive(Serialize)]
pub(super) struct TermView<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

/// An article's HTML with its links to source files leading to their pages: the URLs
/// the site resolved (`Site::file_link_urls`) fill the places the Markdown stage marked.
/// The article itself is never changed, so the site can be assembled again from it.
pub(super) fn article_html<'s>(site: &'s Site, id: ArticleId, sizes: &ImageSizes) -> Cow<'s, str> {
    let article = &site.articles[id];
    let html = with_image_sizes(under_base_path(&article.html, &site.config.base_path), &article.images, sizes);
    if article.file_links.is_empty() {
        return html;
    }
    let mut html = html.into_owned();
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

/// The sizes of the site's images (`static/`), by root-relative path (`/images/fab.jpg`).
pub(super) type ImageSizes = HashMap<String, (u32, u32)>;

/// Markdown HTML with the size of each of the site's images it shows filled in where the
/// Markdown stage marked it (`image_size_placeholder`), or left out for a file whose size
/// is unknown. The body itself is never changed.
pub(super) fn with_image_sizes<'h>(html: Cow<'h, str>, images: &[BodyImage], sizes: &ImageSizes) -> Cow<'h, str> {
    if images.is_empty() {
        return html;
    }
    let mut html = html.into_owned();
    for (index, image) in images.iter().enumerate() {
        let size = sizes.get(&image.src);
        for (attribute, value) in [("width", size.map(|s| s.0)), ("height", size.map(|s| s.1))] {
            let placeholder = format!(" {attribute}=\"__briefing_image_{index}_{attribute}__\"");
            let filled = value.map(|value| format!(" {attribute}=\"{value}\"")).unwrap_or_default();
            html = html.replacen(&placeholder, &filled, 1);
        }
    }
    Cow::Owned(html)
}

/// Markdown HTML with its root-relative links and images (`/images/fab.png`,
/// `/topics/x/`) under the site's base path, like every URL the templates make: a site
/// published at `https://you.github.io/project/` serves them at `/project/images/fab.png`.
/// Only attribute values are touched: quotes in text are written `&quot;` by the Markdown
/// renderer and the sanitiser, so `href="/` is always an attribute.
pub(super) fn under_base_path<'a>(html: &'a str, base_path: &str) -> Cow<'a, str> {
    if base_path.is_empty() || !(html.contains("href=\"/") || html.contains("src=\"/")) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = next_root_relative(rest) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        out.push_str(base_path);
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The offset of the `/` that starts the next root-relative `href` or `src` value in `html`
/// (not `//host`, which names another site).
fn next_root_relative(html: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let found = ["href=\"/", "src=\"/"]
            .iter()
            .filter_map(|attribute| html[from..].find(attribute).map(|at| from + at + attribute.len() - 1))
            .min()?;
        if !html[found..].starts_with("//") {
            return Some(found);
        }
        from = found + 2;
    }
}

#[cfg(test)]
mod base_path_tests {
    use super::under_base_path;

    #[test]
    fn root_relative_links_and_images_get_the_base_path() {
        let html = r#"<p><a href="/topics/x/">x</a> <img src="/images/fab.png" alt="&quot;/y"> <a href="//cdn.example/a">c</a> <a href="https://e.org/">e</a> <a href="../b/">b</a> <code>href=&quot;/z&quot;</code></p>"#;
        assert_eq!(
            under_base_path(html, "/project"),
            r#"<p><a href="/project/topics/x/">x</a> <img src="/project/images/fab.png" alt="&quot;/y"> <a href="//cdn.example/a">c</a> <a href="https://e.org/">e</a> <a href="../b/">b</a> <code>href=&quot;/z&quot;</code></p>"#
        );
        assert_eq!(under_base_path(html, ""), html);
    }
}

/// A link of the site's navigation (`nav:` in site.yaml) as the pages of a language show it.
#[derive(Serialize)]
pub(super) struct NavLink<'a> {
    pub name: &'a str,
    /// The language of `name`: a page or topic without a version in the pages' language
    /// is named in the default language.
    pub lang: &'a str,
    pub url: String,
    /// Whether it leads outside the site.
    pub external: bool,
}

/// The site's navigation in `lang`: each `nav:` entry with its title in that language
/// (its `titles:`, else its `title:`, else the title of what it links to) and its URL.
pub(super) fn nav_links(site: &Site, lang: LanguageId) -> Vec<NavLink<'_>> {
    use crate::config::NavTarget;
    use crate::route::{Route, TaxonomyId, TopicId};
    let config = &site.config;
    let code = config.languages[lang].code.as_str();
    let labels = config.interface.get(config.interface.locale_for(code));
    let routes = &site.routes;
    let mut links = Vec::with_capacity(config.nav.len());
    for entry in &config.nav {
        let written = entry.titles.get(code).or(entry.title.as_ref().filter(|_| lang == LanguageId::DEFAULT));
        let (own_name, name_lang, url, external): (&str, &str, String, bool) = match &entry.target {
            NavTarget::Page(key) => {
                let Some(id) = site.page_by_key(key, lang) else { continue };
                let page_lang = site.page_languages[id];
                let page = &site.pages[id];
                (&page.nav_title, &config.languages[page_lang].code, routes.url(Route::Page(page_lang, id)), false)
            }
            NavTarget::Topic(slug) => {
                let Some(t) = site.topics.iter().position(|entry| entry.topic.slug == *slug).map(TopicId) else {
                    continue;
                };
                let (name, name_lang) = topic_name(site, t, lang);
                (name, name_lang, routes.url(Route::Topic(lang, t)), false)
            }
            NavTarget::Section(section) => {
                let kind = crate::route::kinds::navigation(lang).find(|(key, _)| key == section);
                let (label, route) = match kind {
                    Some((_, route)) if !routes.has(route) || (route.is_search() && !config.search) => continue,
                    Some((key, route)) => (labels.label(key), route),
                    None => {
                        let taxonomy = section.as_str();
                        let Some(t) = site.taxonomies.iter().position(|tax| tax.name == taxonomy) else { continue };
                        let label = match crate::taxonomies::builtin(taxonomy) {
                            Some(_) => labels.label(taxonomy),
                            None => taxonomy,
                        };
                        (label, Route::TaxonomyIndex(lang, TaxonomyId(t)))
                    }
                };
                (label, code, routes.url(route), false)
            }
            NavTarget::Url(url) => {
                let external = !url.starts_with('/');
                let url = if external { url.clone() } else { routes.url_of(url) };
                (entry.title.as_deref().unwrap_or_default(), config.language.as_str(), url, external)
            }
        };
        let (name, lang_of_name) = match written {
            Some(title) => (title.as_str(), code),
            None => (own_name, name_lang),
        };
        links.push(NavLink { name, lang: lang_of_name, url, external });
    }
    links
}
