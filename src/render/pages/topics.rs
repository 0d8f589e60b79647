//! The topics overview of a language.

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::topic_views;
use crate::route::Route;

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let meta = renderer.meta(route, on.locale.label("topics"), &on.edition.description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("topics", &topic_views(renderer.site, on.language, &renderer.summaries()));
    context
}

/// Every article: each topic shows its count and latest story.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::All }
}
