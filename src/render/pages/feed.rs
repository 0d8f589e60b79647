//! Atom feeds: a language's, of every story it lists, and a topic's in a language.

use std::borrow::Cow;

use serde::Serialize;

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::{article_html, topic_name, topic_text};
use crate::route::{LanguageId, Route, TopicId};
use crate::site::{ArticleId, Site};

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

/// The feed of a language (`Route::Feed`).
pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let site = renderer.site;
    let all = site.listed_in(on.lang);
    let title = on.edition.title.clone();
    let feed = view(site, title, &on.edition.description, Route::Home(on.lang), route, &all);
    let meta = renderer.meta(route, &on.edition.title, &on.edition.description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("feed", &feed);
    context
}

/// The feed of a topic in a language (`Route::TopicFeed`).
pub(super) fn topic_context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    t: TopicId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let (topic, _) = topic_text(site, t.0, on.lang);
    let title = format!("{} – {}", topic.title, on.edition.title);
    let articles = site.topics[t.0].listing(on.lang);
    let feed = view(site, title, &topic.summary, Route::Topic(on.lang, t), route, articles);
    let meta = renderer.meta(route, &topic.title, &topic.summary);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("feed", &feed);
    context
}

/// The stories a language lists.
pub(super) fn reads(site: &Site, lang: LanguageId) -> Reads<'static> {
    Reads { articles: Listed::Some(site.listed_in(lang).into()) }
}

/// The stories a topic lists in a language.
pub(super) fn topic_reads(site: &Site, lang: LanguageId, t: TopicId) -> Reads<'_> {
    Reads { articles: Listed::Some(site.topics[t.0].listing(lang).into()) }
}

/// The Atom feed of `page` (in the language of `feed`) with the articles `ids`.
fn view<'a>(
    site: &'a Site,
    title: String,
    subtitle: &'a str,
    page: Route,
    feed: Route,
    ids: &[ArticleId],
) -> FeedView<'a> {
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

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, Route};

    #[test]
    fn holds_at_most_the_feed_limit_of_stories() {
        let site = site("feed_limit: 1\n");
        let context = context_of(&site, Route::Feed(LanguageId::DEFAULT));
        let entries = context.get("feed").and_then(|f| f.get_from_path("entries")).and_then(|e| e.len());
        assert_eq!(entries, Some(1));
    }
}
