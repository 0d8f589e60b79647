//! An article's page: its text, its topics and terms, related and neighbouring stories.

use tera::Value;

use super::{Listed, Reads};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::structured;
use crate::render::views::{ArticleView, PageLanguage};
use crate::route::Route;
use crate::site::ArticleId;

pub(super) fn context(renderer: &Renderer<'_>, route: Route, id: ArticleId, hashed: bool) -> PageContext {
    let site = renderer.site;
    let article = &site.articles[id];
    let view = ArticleView::new(site, id, &renderer.summaries(), &renderer.image_sizes);
    let mut meta = renderer.meta(route, &article.title, &article.summary);
    meta.lang = &article.lang;
    meta.set_image(structured::article_image(site, id));
    if let Some(canonical) = &article.canonical {
        meta.canonical.clone_from(canonical);
    }
    renderer.with_translations(&mut meta, id);
    let mut context = renderer.base_context(PageLanguage::of_article(site, id), meta, hashed);
    context.insert("article", &view);
    context.insert("json_ld", &Value::safe_string(&structured::article_json_ld(site, id)));
    let locale = site.config.interface.get(site.config.interface.locale_for(&article.lang));
    context.insert("measures", &super::measure::of_article(site, locale, id));
    context
}

/// The article itself.
pub(super) fn reads(id: ArticleId) -> Reads<'static> {
    Reads { articles: Listed::Some(std::borrow::Cow::Owned(vec![id])) }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::Route;
    use crate::site::ArticleId;

    #[test]
    fn shows_the_article_in_its_own_language() {
        let site = site("");
        let context = context_of(&site, Route::Article(ArticleId(0)));
        let title = context.get("article").and_then(|a| a.get_from_path("title")).and_then(|t| t.as_str());
        assert_eq!(title, Some(site.articles[0].title.as_str()));
        assert_eq!(context.get("lang").and_then(|l| l.as_str()), Some("en"));
    }
}
