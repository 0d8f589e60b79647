//! The page served for an address the site does not have, in a language.

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::route::Route;

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let meta = renderer.meta(route, on.locale.label("not_found_title"), on.locale.label("not_found_text"));
    renderer.base_context(on.language, meta, hashed)
}

pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::None }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, Route};

    #[test]
    fn sees_the_site_and_its_labels_only() {
        let site = site("");
        let context = context_of(&site, Route::NotFound(LanguageId::DEFAULT));
        for key in ["site", "labels", "lang", "page"] {
            assert!(context.get(key).is_some(), "{key}");
        }
        assert!(context.get("articles").is_none());
        assert!(super::reads().articles.ids(&site).is_empty());
    }
}
