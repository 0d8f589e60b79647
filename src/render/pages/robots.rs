//! robots.txt: where every sitemap is (the sitemap or the index of its parts, each part,
//! and the news sitemap), since a crawler may read only the files it names.

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::route::Route;

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let meta = renderer.meta(route, "robots", "");
    let mut context = renderer.base_context(on.language, meta, hashed);
    let routes = &renderer.site.routes;
    context.insert("sitemap_url", &routes.permalink(Route::Sitemap));
    let mut sitemaps = vec![routes.permalink(Route::Sitemap)];
    sitemaps.extend(renderer.sitemap_part_routes().into_iter().map(|part| routes.permalink(part)));
    if renderer.has_news_sitemap() {
        sitemaps.push(routes.permalink(Route::NewsSitemap));
    }
    context.insert("sitemaps", &sitemaps);
    context
}

pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::None }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::Route;

    #[test]
    fn names_the_sitemap_and_the_news_sitemap() {
        let site = site("");
        let context = context_of(&site, Route::Robots);
        let sitemaps = context.get("sitemaps").and_then(|s| s.as_array()).unwrap().to_vec();
        let urls: Vec<&str> = sitemaps.iter().filter_map(|url| url.as_str()).collect();
        assert_eq!(urls, ["https://example.org/sitemap.xml", "https://example.org/sitemap-news.xml"]);
    }
}
