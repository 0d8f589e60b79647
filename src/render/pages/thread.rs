//! A story thread's page in a language: the stories `follows:` joins, oldest first, with
//! their summaries, across topics and languages.

use std::borrow::Cow;

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::route::{LanguageId, Route, ThreadId};
use crate::site::Site;

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    t: ThreadId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let stories = site.thread_in(t, on.lang);
    let latest = &site.articles[*stories.last().expect("a thread joins two stories or more")];
    let first = &site.articles[stories[0]];
    let title = format!("{}{} {}", on.locale.label("story_so_far"), on.locale.label("colon"), first.title);
    let meta = renderer.meta(route, &title, &latest.summary);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("first", &renderer.summaries().get(on.language, stories[0]));
    context.insert("stories", &renderer.summaries().list(on.language, &stories));
    context
}

/// The stories of the thread, in the versions the page shows.
pub(super) fn reads(site: &Site, lang: LanguageId, t: ThreadId) -> Reads<'static> {
    Reads { articles: Listed::Some(Cow::Owned(site.thread_in(t, lang))) }
}
