//! A topic's page in a language: its intro and the timeline of its stories.

use tera::Value;

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::structured;
use crate::render::views::{timeline, topic_text, topic_view};
use crate::route::{LanguageId, Route, TopicId};
use crate::site::Site;

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    t: TopicId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let summaries = &renderer.summaries;
    let view = topic_view(site, t.0, on.language, summaries);
    let (topic, _) = topic_text(site, t.0, on.lang);
    let meta = renderer.meta(route, &topic.title, &topic.summary);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("topic", &view);
    let intro = crate::render::views::under_base_path(&topic.intro_html, &site.config.base_path);
    context.insert("intro", &Value::safe_string(&intro));
    let json_ld = structured::topic_json_ld(site, on.lang, t.0, on.locale.label("topics"));
    context.insert("json_ld", &Value::safe_string(&json_ld));
    let listing = site.topics[t.0].listing(on.lang);
    context.insert("timeline", &timeline(site.timeline(listing), on.language, summaries));
    context
}

/// The stories the topic lists in the language.
pub(super) fn reads(site: &Site, lang: LanguageId, t: TopicId) -> Reads<'_> {
    Reads { articles: Listed::Some(site.topics[t.0].listing(lang).into()) }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, Route, TopicId};

    #[test]
    fn reads_the_stories_it_lists() {
        let site = site("");
        let (lang, topic) = (LanguageId::DEFAULT, TopicId(0));
        let reads = super::reads(&site, lang, topic);
        assert_eq!(reads.articles.ids(&site).as_ref(), site.topics[0].listing(lang));
        let context = context_of(&site, Route::Topic(lang, topic));
        let years = context.get("timeline").and_then(|t| t.len()).unwrap();
        assert!(years > 0, "its stories are in its timeline");
    }
}
