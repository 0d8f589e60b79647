//! The Google News sitemap (`sitemap-news.xml`): the articles published in the two days
//! before the newest one. The window ends at the newest article, not at the clock of the
//! build, so that a build of the same files makes the same file; a site that publishes
//! every day lists the same articles either way.

use chrono::Duration;
use serde::Serialize;

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::route::Route;
use crate::site::{ArticleId, Site};

/// How far back the news sitemap reaches from the newest article (Google News: two days).
pub(crate) const NEWS_WINDOW: Duration = Duration::days(2);

/// Google News reads at most this many entries of a news sitemap.
pub(crate) const NEWS_MAX_ENTRIES: usize = 1000;

#[derive(Serialize)]
struct NewsEntry<'a> {
    loc: String,
    /// The site's title in the article's language of the site.
    publication: &'a str,
    lang: &'a str,
    date: String,
    title: &'a str,
}

/// The articles the news sitemap lists, newest first: every version published within
/// `NEWS_WINDOW` of the newest article, but syndicated copies (`canonical:`), whose
/// original is elsewhere.
pub(crate) fn news_articles(site: &Site) -> Vec<ArticleId> {
    let Some(newest) = site.articles.iter().map(|article| article.date).max() else {
        return Vec::new();
    };
    let since = newest - NEWS_WINDOW;
    crate::route::article_ids(site.articles.len())
        .filter(|&id| site.articles[id].date >= since && site.articles[id].canonical.is_none())
        .take(NEWS_MAX_ENTRIES)
        .collect()
}

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let site = renderer.site;
    let meta = renderer.meta(route, "news sitemap", "");
    let mut context = renderer.base_context(on.language, meta, hashed);
    let entries: Vec<NewsEntry<'_>> = news_articles(site)
        .into_iter()
        .map(|id| {
            let article = &site.articles[id];
            NewsEntry {
                loc: site.routes.permalink(Route::Article(id)),
                publication: &site.config.languages[site.article_languages[id]].title,
                lang: &article.lang,
                date: article.date.to_rfc3339(),
                title: &article.title,
            }
        })
        .collect();
    context.insert("entries", &entries);
    context
}

/// Every article: the newest one sets the window.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::All }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::Route;

    #[test]
    fn lists_the_articles_of_the_two_days_before_the_newest() {
        // The fixture's articles are a month apart: only the newest is in the window.
        let site = site("");
        let context = context_of(&site, Route::NewsSitemap);
        let entries = context.get("entries").and_then(|e| e.as_array()).unwrap().to_vec();
        assert_eq!(entries.len(), 1, "{entries:?}");
        let loc = entries[0].get_from_path("loc").and_then(|l| l.as_str()).map(str::to_owned);
        assert_eq!(loc, Some(site.routes.permalink(Route::Article(crate::site::ArticleId(0)))));
        assert_eq!(super::news_articles(&site).len(), 1);
    }
}
