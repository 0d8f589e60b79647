//! The home page of a language: its latest stories and every topic.

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::topic_views;
use crate::route::Route;

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let site = renderer.site;
    let meta = renderer.meta(route, &on.edition.title, &on.edition.description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    let mut latest = site.listed_in(on.lang);
    latest.truncate(site.config.home_limit);
    context.insert("articles", &renderer.summaries.list(on.language, &latest));
    context.insert("topics", &topic_views(site, on.language, &renderer.summaries));
    context
}

/// Every article: the topics it shows count them all.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::All }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, Route};

    #[test]
    fn lists_the_latest_articles_up_to_the_limit_and_every_topic() {
        let site = site("home_limit: 2\n");
        let context = context_of(&site, Route::Home(LanguageId::DEFAULT));
        assert_eq!(context.get("articles").and_then(|a| a.len()), Some(2));
        assert_eq!(context.get("topics").and_then(|t| t.len()), Some(site.topics.len()));
    }
}
