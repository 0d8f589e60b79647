//! What each kind of page shows: its template's context, and the files made without a
//! template (the search index). Every `match` on `Route` here is exhaustive.

use std::borrow::Cow;

use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::views::{
    ArticleView, PageLanguage, TermView, article_html, facets_in, term_name, timeline, topic_name, topic_text,
    topic_view, topic_views,
};
use crate::route::{LanguageId, Route, TermId, article_ids};
use crate::site::ArticleId;

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    permalink: String,
    published: String,
    updated: String,
    summary: &'a str,
    content: Cow<'a, str>,
    lang: &'a str,
    categories: Vec<&'a str>,
}

#[derive(Serialize)]
struct FeedView<'a> {
    title: String,
    subtitle: &'a str,
    id: String,
    self_url: String,
    alternate_url: String,
    /// The home page of the feed's language: the feed's author.
    home_url: String,
    updated: String,
    lang: &'a str,
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    /// The page's versions in other languages (`xhtml:link`), itself included.
    alternates: Vec<super::Alternate>,
}

impl<'a> Renderer<'a> {
    /// The template and context of a page rendered through Tera.
    pub(super) fn context(&self, route: Route) -> Context {
        let site = self.site;
        let config = &site.config;
        let lang = route.language().unwrap_or_default();
        let language = PageLanguage::of_site(site, lang);
        let edition = &config.languages[lang.0];
        let locale = language.locale;
        let labels = locale.labels();
        let summaries = &self.summaries;
        let routes = &site.routes;
        match route {
            Route::Home(_) => {
                let meta = self.meta(route, &edition.title, &edition.description);
                let mut context = self.base_context(language, meta);
                let mut latest = site.listed_in(lang);
                latest.truncate(config.home_limit);
                context.insert("articles", &summaries.list(language, &latest));
                context.insert("topics", &topic_views(site, language, summaries));
                context
            }
            Route::Article(id) => {
                let article = &site.articles[id];
                let view = ArticleView::new(site, id, summaries);
                let mut meta = self.meta(route, &article.title, &article.summary);
                meta.lang = &article.lang;
                meta.image = super::structured::share_image(site, Some(id));
                self.with_translations(&mut meta, id);
                let mut context = self.base_context(PageLanguage::of_article(site, id), meta);
                context.insert("article", &view);
                context.insert("json_ld", &Value::safe_string(&super::structured::article_json_ld(site, id)));
                context
            }
            Route::TopicIndex(_) => {
                let meta = self.meta(route, labels.topics, &edition.description);
                let mut context = self.base_context(language, meta);
                context.insert("topics", &topic_views(site, language, summaries));
                context
            }
            Route::Topic(_, t) => {
                let entry = &site.topics[t.0];
                let view = topic_view(site, t.0, language, summaries);
                let (topic, _) = topic_text(site, t.0, lang);
                let meta = self.meta(route, &topic.title, &topic.summary);
                let mut context = self.base_context(language, meta);
                context.insert("topic", &view);
                context.insert(
                    "intro",
                    &Value::safe_string(&super::views::under_base_path(&topic.intro_html, &site.config.base_path)),
                );
                let json_ld = super::structured::topic_json_ld(site, lang, t.0, labels.topics);
                context.insert("json_ld", &Value::safe_string(&json_ld));
                context.insert("timeline", &timeline(site.timeline(entry.listing(lang)), language, summaries));
                context
            }
            Route::TaxonomyIndex(_, t) => {
                let taxonomy = &site.taxonomies[t.0];
                let title = locale.taxonomy(&taxonomy.name);
                let meta = self.meta(route, &title, &edition.description);
                let mut context = self.base_context(language, meta);
                let mut terms: Vec<TermView<'_>> = taxonomy
                    .terms
                    .iter()
                    .enumerate()
                    .map(|(index, term)| TermView {
                        name: term_name(term, &edition.code, site),
                        url: routes.url(Route::Term(lang, t, TermId(index))),
                        count: term.listing(lang).len(),
                    })
                    .collect();
                // Terms are sorted by their names; in another language, by their names in it.
                if lang != LanguageId::DEFAULT {
                    terms.sort_by_cached_key(|term| crate::search::text::fold(term.name));
                }
                context.insert("taxonomy", &serde_json_map(&[("name", &taxonomy.name), ("title", &title)]));
                context.insert("terms", &terms);
                context
            }
            Route::Term(_, t, index) => {
                let taxonomy = &site.taxonomies[t.0];
                let term = &taxonomy.terms[index.0];
                let name = term_name(term, &edition.code, site);
                let articles = term.listing(lang);
                let title = locale.taxonomy(&taxonomy.name);
                // In the page's language, else in the default one (marked with `lang`).
                let (description, description_lang) =
                    term.description_in(&edition.code, &site.config.language).unwrap_or(("", ""));
                let meta_description =
                    if description.is_empty() { format!("{title}: {name}") } else { description.to_owned() };
                let meta = self.meta(route, name, &meta_description);
                let mut context = self.base_context(language, meta);
                context.insert(
                    "taxonomy",
                    &serde_json_map(&[
                        ("name", &taxonomy.name),
                        ("title", &title),
                        ("url", &routes.url(Route::TaxonomyIndex(lang, t))),
                    ]),
                );
                context.insert(
                    "term",
                    &serde_json_map(&[
                        ("name", name),
                        ("description", description),
                        ("description_lang", description_lang),
                        ("count_display", &locale.article_count(articles.len())),
                    ]),
                );
                context.insert("timeline", &timeline(site.timeline(articles), language, summaries));
                context
            }
            Route::Archive(_) => {
                let meta = self.meta(route, labels.archive, &edition.description);
                let mut context = self.base_context(language, meta);
                let all = site.listed_in(lang);
                context.insert("timeline", &timeline(site.timeline(&all), language, summaries));
                context
            }
            Route::Search(_) => {
                let meta = self.meta(route, labels.search, &edition.description);
                let mut context = self.base_context(language, meta);
                context.insert("search_index_url", &routes.url(Route::SearchIndex));
                let facets = &self.search().facets;
                if lang == LanguageId::DEFAULT {
                    context.insert("facets", facets);
                } else {
                    context.insert("facets", &facets_in(site, facets, lang));
                }
                context
            }
            Route::NotFound(_) => {
                let meta = self.meta(route, labels.not_found_title, labels.not_found_text);
                self.base_context(language, meta)
            }
            Route::Feed(_) => {
                let all = site.listed_in(lang);
                let feed = self.feed(edition.title.clone(), &edition.description, Route::Home(lang), route, &all);
                let meta = self.meta(route, &edition.title, &edition.description);
                let mut context = self.base_context(language, meta);
                context.insert("feed", &feed);
                context
            }
            Route::TopicFeed(_, t) => {
                let (topic, _) = topic_text(site, t.0, lang);
                let title = format!("{} – {}", topic.title, edition.title);
                let articles = site.topics[t.0].listing(lang);
                let feed = self.feed(title, &topic.summary, Route::Topic(lang, t), route, articles);
                let meta = self.meta(route, &topic.title, &topic.summary);
                let mut context = self.base_context(language, meta);
                context.insert("feed", &feed);
                context
            }
            Route::Sitemap => {
                let meta = self.meta(route, "sitemap", "");
                let mut context = self.base_context(language, meta);
                let entries = self.sitemap_entries();
                context.insert("has_alternates", &entries.iter().any(|e| !e.alternates.is_empty()));
                context.insert("entries", &entries);
                context
            }
            Route::Robots => {
                let meta = self.meta(route, "robots", "");
                let mut context = self.base_context(language, meta);
                context.insert("sitemap_url", &routes.permalink(Route::Sitemap));
                context
            }
            Route::SearchIndex | Route::SearchFile(_) | Route::Asset(_) | Route::FingerprintedAsset(_) => {
                unreachable!("not rendered through a template")
            }
        }
    }

    /// The Atom feed of `page` (in the language of `feed`) with the articles `ids`.
    fn feed(&self, title: String, subtitle: &'a str, page: Route, feed: Route, ids: &[ArticleId]) -> FeedView<'a> {
        let site = self.site;
        let routes = &site.routes;
        let lang = feed.language().unwrap_or_default();
        let entries = ids
            .iter()
            .take(site.config.feed_limit)
            .map(|&id| {
                let article = &site.articles[id];
                let categories = site.article_topics[id].iter().map(|&t| topic_name(site, t, lang).0).collect();
                FeedEntry {
                    title: &article.title,
                    permalink: routes.permalink(Route::Article(id)),
                    published: article.date.to_rfc3339(),
                    updated: article.updated.map_or(article.date, |u| u.max(article.date)).to_rfc3339(),
                    summary: &article.summary,
                    content: article_html(site, id),
                    lang: &article.lang,
                    categories,
                }
            })
            .collect();
        let updated = site.last_updated(ids).map_or_else(|| "1970-01-01T00:00:00+00:00".to_owned(), |d| d.to_rfc3339());
        FeedView {
            title,
            subtitle,
            id: routes.permalink(feed),
            self_url: routes.permalink(feed),
            alternate_url: routes.permalink(page),
            home_url: routes.permalink(Route::Home(lang)),
            updated,
            lang: &site.config.languages[lang.0].code,
            entries,
        }
    }

    /// Every page the sitemap lists, in the order of the route table, with the date of
    /// the latest change among the articles it shows and its versions in other languages.
    fn sitemap_entries(&self) -> Vec<SitemapEntry> {
        let site = self.site;
        let all: Vec<ArticleId> = article_ids(site.articles.len()).collect();
        let lastmod = |ids: &[ArticleId]| site.last_updated(ids).map(|d| d.to_rfc3339());
        site.routes
            .all(&[])
            .into_iter()
            .filter(|route| route.in_sitemap() && (site.config.search || !route.is_search()))
            .map(|route| SitemapEntry {
                alternates: match route {
                    Route::Article(id) => self.alternates(id),
                    _ => self.page_alternates(route),
                },
                loc: site.routes.permalink(route),
                lastmod: match route {
                    Route::Home(_) | Route::TopicIndex(_) | Route::Archive(_) | Route::TaxonomyIndex(..) => {
                        lastmod(&all)
                    }
                    Route::Article(id) => lastmod(&[id]),
                    Route::Topic(lang, t) => lastmod(site.topics[t.0].listing(lang)),
                    Route::Term(lang, t, term) => lastmod(site.taxonomies[t.0].terms[term.0].listing(lang)),
                    Route::Search(_)
                    | Route::TopicFeed(..)
                    | Route::NotFound(_)
                    | Route::Feed(_)
                    | Route::Sitemap
                    | Route::Robots
                    | Route::SearchIndex
                    | Route::SearchFile(_)
                    | Route::Asset(_)
                    | Route::FingerprintedAsset(_) => None,
                },
            })
            .collect()
    }
}

fn serde_json_map(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}
