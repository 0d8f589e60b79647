//! Feeds: a language's, of every story it lists, a topic's and an author's in a language;
//! each as Atom (`atom.xml`) and, beside it, as a JSON Feed (`feed.json`) from the same
//! view. Every entry carries the article's whole text, its source (name and link, also
//! written at the end of the text, which every reader shows) and its authors.

use std::borrow::Cow;

use serde::Serialize;

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::{ImageSizes, article_html, term_name, topic_name, topic_text};
use crate::route::{AuthorId, LanguageId, Route, TaxonomyId, TermId, TopicId};
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
    source: Option<FeedLink<'a>>,
    authors: Vec<FeedLink<'a>>,
}

/// A name with its address: a source, an author.
#[derive(Serialize)]
struct FeedLink<'a> {
    name: &'a str,
    url: Option<String>,
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
    let feed = view(site, &renderer.image_sizes, title, &on.edition.description, Route::Home(on.lang), route, &all);
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
    let (topic, _) = topic_text(site, t, on.lang);
    let title = format!("{} – {}", topic.title, on.edition.title);
    let articles = site.topics[t].listing(on.lang);
    let feed = view(site, &renderer.image_sizes, title, &topic.summary, Route::Topic(on.lang, t), route, articles);
    let meta = renderer.meta(route, &topic.title, &topic.summary);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("feed", &feed);
    context
}

/// The feed of an author's stories in a language (`Route::AuthorFeed`).
pub(super) fn author_context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    a: AuthorId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let author = &site.authors[a];
    let title = format!("{} – {}", author.name, on.edition.title);
    let role = author.role_in(&on.edition.code);
    let feed =
        view(site, &renderer.image_sizes, title, role, Route::Author(on.lang, a), route, author.listing(on.lang));
    let meta = renderer.meta(route, &author.name, role);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("feed", &feed);
    context
}

/// The feed of an actor's stories in a language (`Route::ActorFeed`): its term's.
pub(super) fn actor_context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    (t, index): (TaxonomyId, TermId),
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let term = &site.taxonomies[t].terms[index];
    let name = term_name(term, &on.edition.code, site);
    let title = format!("{name} – {}", on.edition.title);
    let (description, _) = term.description_in(&on.edition.code, &site.config.language).unwrap_or(("", ""));
    let feed = view(
        site,
        &renderer.image_sizes,
        title,
        description,
        Route::Term(on.lang, t, index),
        route,
        term.listing(on.lang),
    );
    let meta = renderer.meta(route, name, description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("feed", &feed);
    context
}

/// The stories an actor's feed lists in a language: its term's.
pub(super) fn actor_reads(site: &Site, lang: LanguageId, (t, index): (TaxonomyId, TermId)) -> Reads<'_> {
    Reads { articles: Listed::Some(site.taxonomies[t].terms[index].listing(lang).into()) }
}

/// The stories an author's page lists in a language.
pub(super) fn author_reads(site: &Site, lang: LanguageId, a: AuthorId) -> Reads<'_> {
    Reads { articles: Listed::Some(site.authors[a].listing(lang).into()) }
}

/// The stories a language lists.
pub(super) fn reads(site: &Site, lang: LanguageId) -> Reads<'static> {
    Reads { articles: Listed::Some(site.listed_in(lang).into()) }
}

/// The stories a topic lists in a language.
pub(super) fn topic_reads(site: &Site, lang: LanguageId, t: TopicId) -> Reads<'_> {
    Reads { articles: Listed::Some(site.topics[t].listing(lang).into()) }
}

/// The Atom feed of `page` (in the language of `feed`) with the articles `ids`.
fn view<'a>(
    site: &'a Site,
    sizes: &ImageSizes,
    title: String,
    subtitle: &'a str,
    page: Route,
    feed: Route,
    ids: &[ArticleId],
) -> FeedView<'a> {
    let routes = &site.routes;
    let lang = feed.language().unwrap_or_default();
    let interface = &site.config.interface;
    let locale = interface.get(interface.locale_for(&site.config.languages[lang].code));
    let entries = ids
        .iter()
        .take(site.config.feed_limit)
        .map(|&id| {
            let article = &site.articles[id];
            let categories = site.article_topics[id].iter().map(|&t| topic_name(site, t, lang).0).collect();
            let source = article.source.as_ref().map(|source| FeedLink { name: &source.name, url: source.url.clone() });
            let mut content = article_html(site, id, sizes);
            if let Some(source) = &source {
                content.to_mut().push_str(&source_note(locale.label("source"), source));
            }
            let authors = site.article_authors[id]
                .iter()
                .map(|&a| FeedLink { name: &site.authors[a].name, url: Some(routes.permalink(Route::Author(lang, a))) })
                .collect();
            FeedEntry {
                title: &article.title,
                permalink: routes.permalink(Route::Article(id)),
                published: article.date.to_rfc3339(),
                updated: article.updated.map_or(article.date, |u| u.max(article.date)).to_rfc3339(),
                summary: &article.summary,
                content,
                lang: &article.lang,
                categories,
                source,
                authors,
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
        lang: &site.config.languages[lang].code,
        entries,
    }
}

/// The source at the end of an entry's text (`<p>Source: <a href="…">AFP</a></p>`), so
/// that a reader which shows neither links nor categories still gives the attribution.
fn source_note(label: &str, source: &FeedLink<'_>) -> String {
    let mut name = String::new();
    pulldown_cmark_escape::escape_html_body_text(&mut name, source.name).expect("writing to a String cannot fail");
    match &source.url {
        Some(url) => {
            let mut href = String::new();
            pulldown_cmark_escape::escape_html(&mut href, url).expect("writing to a String cannot fail");
            format!("\n<p class=\"feed-source\">{label}: <a href=\"{href}\">{name}</a></p>")
        }
        None => format!("\n<p class=\"feed-source\">{label}: {name}</p>"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, Route};

    #[test]
    fn a_source_is_named_and_linked_at_the_end_of_the_text() {
        let source = super::FeedLink { name: "A&B <Wire>", url: Some("https://example.org/?a=1&b=\"2\"".to_owned()) };
        assert_eq!(
            super::source_note("Source", &source),
            "\n<p class=\"feed-source\">Source: <a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">A&amp;B &lt;Wire&gt;</a></p>"
        );
    }

    #[test]
    fn a_json_feed_is_beside_each_atom_feed_with_the_same_entries() {
        let site = site("");
        let lang = LanguageId::DEFAULT;
        let atom = context_of(&site, Route::Feed(lang));
        let json = context_of(&site, Route::JsonFeed(lang));
        let entries = |context: &tera::Context| context.get("feed").and_then(|f| f.get_from_path("entries")).cloned();
        assert_eq!(entries(&atom), entries(&json));
        let self_url = json.get("feed").and_then(|f| f.get_from_path("self_url")).and_then(|u| u.as_str());
        assert_eq!(self_url, Some("https://example.org/feed.json"));
    }

    #[test]
    fn holds_at_most_the_feed_limit_of_stories() {
        let site = site("feed_limit: 1\n");
        let context = context_of(&site, Route::Feed(LanguageId::DEFAULT));
        let entries = context.get("feed").and_then(|f| f.get_from_path("entries")).and_then(|e| e.len());
        assert_eq!(entries, Some(1));
    }
}
