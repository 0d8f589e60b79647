//! sitemap.xml: every page the sitemap lists, with the latest date among the articles
//! it reads (`Reads`, the same declaration serve's pages are made from).

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::route::Route;

/// The sitemap, or one of its parts (`crate::render::sitemap` splits a large one).
pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let meta = renderer.meta(route, "sitemap", "");
    let mut context = renderer.base_context(on.language, meta, hashed);
    renderer.sitemap_context(route, &mut context);
    context
}

/// Every article: it dates every page.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::All }
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
