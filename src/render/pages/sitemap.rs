//! sitemap.xml: every page the sitemap lists, with the latest date among the articles
//! it reads (`Reads`, the same declaration serve's pages are made from).

use serde::Serialize;

use super::{Listed, Reads, Setting};
use crate::render::fingerprint::PageContext;
use crate::render::{Alternate, Renderer};
use crate::route::Route;

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    /// The page's versions in other languages (`xhtml:link`), itself included.
    alternates: Vec<Alternate>,
}

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let meta = renderer.meta(route, "sitemap", "");
    let mut context = renderer.base_context(on.language, meta, hashed);
    let entries = entries(renderer);
    context.insert("has_alternates", &entries.iter().any(|e| !e.alternates.is_empty()));
    context.insert("entries", &entries);
    context
}

/// Every article: it dates every page.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::All }
}

/// Every page the sitemap lists, in the order of the route table, with the date of the
/// latest change among the articles it reads and its versions in other languages.
fn entries(renderer: &Renderer<'_>) -> Vec<SitemapEntry> {
    let site = renderer.site;
    site.routes
        .all(&[])
        .into_iter()
        .filter(|route| route.in_sitemap() && (site.config.search || !route.is_search()))
        .map(|route| SitemapEntry {
            alternates: match route {
                Route::Article(id) => renderer.alternates(id),
                _ => renderer.page_alternates(route),
            },
            loc: site.routes.permalink(route),
            lastmod: site.last_updated(&super::reads(site, route).articles.ids(site)).map(|d| d.to_rfc3339()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{ArticleId, Route};

    #[test]
    fn dates_an_article_by_its_own_date_and_the_home_page_by_the_latest() {
        let site = site("");
        let context = context_of(&site, Route::Sitemap);
        let entries = context.get("entries").and_then(|e| e.as_array()).unwrap().to_vec();
        let lastmod = |loc: &str| {
            let entry = entries.iter().find(|e| e.get_from_path("loc").and_then(|l| l.as_str()) == Some(loc));
            entry.and_then(|e| e.get_from_path("lastmod")).and_then(|l| l.as_str()).map(str::to_owned)
        };
        let article = ArticleId(site.articles.len() - 1);
        let oldest = site.articles[article].date.to_rfc3339();
        assert_eq!(lastmod(&site.routes.permalink(Route::Article(article))), Some(oldest));
        let newest = site.last_updated(&[ArticleId(0)]).unwrap().to_rfc3339();
        let home = site.routes.permalink(Route::Home(crate::route::LanguageId::DEFAULT));
        assert_eq!(lastmod(&home), Some(newest));
    }
}
