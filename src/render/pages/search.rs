//! The search page of a language: the index's address and its facets, named in the language.

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::facets_in;
use crate::route::{LanguageId, Route};

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let site = renderer.site;
    let meta = renderer.meta(route, on.locale.label("search"), &on.edition.description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("search_index_url", &site.routes.url(Route::SearchIndex));
    let facets = &renderer.search().facets;
    if on.lang == LanguageId::DEFAULT {
        context.insert("facets", facets);
    } else {
        context.insert("facets", &facets_in(site, facets, on.lang));
    }
    context
}

/// No article's date: the page does not change with them (its index does).
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::None }
}
