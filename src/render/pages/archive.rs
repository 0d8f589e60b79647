//! The archive of a language: every story it lists, by year and month.

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::timeline;
use crate::route::Route;

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let site = renderer.site;
    let meta = renderer.meta(route, on.locale.label("archive"), &on.edition.description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    let all = site.listed_in(on.lang);
    context.insert("timeline", &timeline(site.timeline(&all), on.language, &renderer.summaries));
    context
}

/// Every article.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::All }
}
