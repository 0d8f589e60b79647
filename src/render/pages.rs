//! What each kind of page shows: its template's context, and the files made without a
//! template (the search index). Every `match` on `Route` here is exhaustive.

use std::borrow::Cow;

use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::i18n::Locale;
use super::views::{ArticleView, TermView, article_html, timeline, topic_views};
use crate::route::{Route, TermId, article_ids};
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
        let site_locale = Locale::for_language(&config.language);
        let labels = site_locale.labels();
        let summaries = &self.summaries;
        let routes = &site.routes;
        match route {
            Route::Home => {
                let meta = self.meta(route, &config.title, &config.description);
                let mut context = self.base_context(site_locale, meta);
                let mut latest = site.listed();
                latest.truncate(config.home_limit);
                context.insert("articles", &summaries.list(site_locale, &latest));
                context.insert("topics", &topic_views(site, site_locale, summaries));
                context
            }
            Route::Article(id) => {
                let article = &site.articles[id];
                let view = ArticleView::new(site, id, summaries);
                let mut meta = self.meta(route, &article.title, &article.summary);
                meta.lang = &article.lang;
                meta.image = super::structured::share_image(site, Some(id));
                self.with_translations(&mut meta, id);
                let mut context = self.base_context(Locale::for_language(&article.lang), meta);
                context.insert("article", &view);
                context.insert("json_ld", &Value::safe_string(&super::structured::article_json_ld(site, id)));
                context
            }
            Route::TopicIndex => {
                let meta = self.meta(route, labels.topics, &config.description);
                let mut context = self.base_context(site_locale, meta);
                context.insert("topics", &topic_views(site, site_locale, summaries));
                context
            }
            Route::Topic(t) => {
                let entry = &site.topics[t.0];
                let meta = self.meta(route, &entry.topic.title, &entry.topic.summary);
                let mut context = self.base_context(site_locale, meta);
                context.insert("topic", &topic_views(site, site_locale, summaries).swap_remove(t.0));
                context.insert("intro", &Value::safe_string(&entry.topic.intro_html));
                let json_ld = super::structured::topic_json_ld(site, t.0, labels.topics);
                context.insert("json_ld", &Value::safe_string(&json_ld));
                context.insert("timeline", &timeline(site.timeline(&entry.articles), site_locale, summaries));
                context
            }
            Route::TaxonomyIndex(t) => {
                let taxonomy = &site.taxonomies[t.0];
                let title = site_locale.taxonomy(&taxonomy.name);
                let meta = self.meta(route, &title, &config.description);
                let mut context = self.base_context(site_locale, meta);
                let terms: Vec<TermView<'_>> = taxonomy
                    .terms
                    .iter()
                    .enumerate()
                    .map(|(index, term)| TermView {
                        name: &term.name,
                        url: routes.url(Route::Term(t, TermId(index))),
                        count: term.articles.len(),
                    })
                    .collect();
                context.insert("taxonomy", &serde_json_map(&[("name", &taxonomy.name), ("title", &title)]));
                context.insert("terms", &terms);
                context
            }
            Route::Term(t, index) => {
                let taxonomy = &site.taxonomies[t.0];
                let term = &taxonomy.terms[index.0];
                let title = site_locale.taxonomy(&taxonomy.name);
                let description = term.description.clone().unwrap_or_else(|| format!("{}: {}", title, term.name));
                let meta = self.meta(route, &term.name, &description);
                let mut context = self.base_context(site_locale, meta);
                context.insert(
                    "taxonomy",
                    &serde_json_map(&[
                        ("name", &taxonomy.name),
                        ("title", &title),
                        ("url", &routes.url(Route::TaxonomyIndex(t))),
                    ]),
                );
                context.insert(
                    "term",
                    &serde_json_map(&[
                        ("name", &term.name),
                        ("description", term.description.as_deref().unwrap_or("")),
                        ("count_display", &site_locale.article_count(term.articles.len())),
                    ]),
                );
                context.insert("timeline", &timeline(site.timeline(&term.articles), site_locale, summaries));
                context
            }
            Route::Archive => {
                let meta = self.meta(route, labels.archive, &config.description);
                let mut context = self.base_context(site_locale, meta);
                let all = site.listed();
                context.insert("timeline", &timeline(site.timeline(&all), site_locale, summaries));
                context
            }
            Route::Search => {
                let meta = self.meta(route, labels.search, &config.description);
                let mut context = self.base_context(site_locale, meta);
                context.insert("search_index_url", &routes.url(Route::SearchIndex));
                context.insert("facets", &self.search().facets);
                context
            }
            Route::NotFound => {
                let meta = self.meta(route, labels.not_found_title, labels.not_found_text);
                self.base_context(site_locale, meta)
            }
            Route::Feed => {
                let all = site.listed();
                let feed = self.feed(config.title.clone(), &config.description, Route::Home, route, &all);
                let meta = self.meta(route, &config.title, &config.description);
                let mut context = self.base_context(site_locale, meta);
                context.insert("feed", &feed);
                context
            }
            Route::TopicFeed(t) => {
                let entry = &site.topics[t.0];
                let title = format!("{} – {}", entry.topic.title, config.title);
                let feed = self.feed(title, &entry.topic.summary, Route::Topic(t), route, &entry.articles);
                let meta = self.meta(route, &entry.topic.title, &entry.topic.summary);
                let mut context = self.base_context(site_locale, meta);
                context.insert("feed", &feed);
                context
            }
            Route::Sitemap => {
                let meta = self.meta(route, "sitemap", "");
                let mut context = self.base_context(site_locale, meta);
                let entries = self.sitemap_entries();
                context.insert("has_alternates", &entries.iter().any(|e| !e.alternates.is_empty()));
                context.insert("entries", &entries);
                context
            }
            Route::Robots => {
                let meta = self.meta(route, "robots", "");
                let mut context = self.base_context(site_locale, meta);
                context.insert("sitemap_url", &routes.permalink(Route::Sitemap));
                context
            }
            Route::SearchIndex | Route::SearchFile(_) | Route::Asset(_) | Route::FingerprintedAsset(_) => {
                unreachable!("not rendered through a template")
            }
        }
    }

    fn feed(&self, title: String, subtitle: &'a str, page: Route, feed: Route, ids: &[ArticleId]) -> FeedView<'a> {
        let site = self.site;
        let routes = &site.routes;
        let entries = ids
            .iter()
            .take(site.config.feed_limit)
            .map(|&id| {
                let article = &site.articles[id];
                let categories = site.article_topics[id].iter().map(|&t| site.topics[t].topic.title.as_str()).collect();
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
            updated,
            lang: &site.config.language,
            entries,
        }
    }

    /// Every page the sitemap lists, in the order of the route table, with the date of
    /// the latest change among the articles it shows.
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
                    _ => Vec::new(),
                },
                loc: site.routes.permalink(route),
                lastmod: match route {
                    Route::Home | Route::TopicIndex | Route::Archive | Route::TaxonomyIndex(_) => lastmod(&all),
                    Route::Article(id) => lastmod(&[id]),
                    Route::Topic(t) => lastmod(&site.topics[t.0].articles),
                    Route::Term(t, term) => lastmod(&site.taxonomies[t.0].terms[term.0].articles),
                    Route::Search
                    | Route::TopicFeed(_)
                    | Route::NotFound
                    | Route::Feed
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
