//! robots.txt: where the sitemap is.

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::route::Route;

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let meta = renderer.meta(route, "robots", "");
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("sitemap_url", &renderer.site.routes.permalink(Route::Sitemap));
    context
}

pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::None }
}
