//! A topic's page in a language: its intro and the timeline of its stories.

use tera::Value;

use super::{Listed, Reads, Setting, parts};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::structured;
use crate::render::views::{timeline, topic_text, topic_view};
use crate::route::{LanguageId, Period, Route, TopicId};
use crate::site::Site;

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    t: TopicId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let summaries = &renderer.summaries();
    let view = topic_view(site, t, on.language, summaries);
    let (topic, _) = topic_text(site, t, on.lang);
    let period = parts::period_of(route);
    let part_name = period.map(|period| parts::name(on.locale, period));
    let title = match &part_name {
        Some(part) => format!("{} · {part}", topic.title),
        None => topic.title.clone(),
    };
    let meta = renderer.meta(route, &title, &topic.summary);
    let mut context = renderer.base_context(on.language, meta, hashed);
    context.insert("topic", &view);
    let intro = crate::render::views::under_base_path(&topic.intro_html, &site.config.base_path);
    let intro = crate::render::views::with_image_sizes(intro, &topic.images, &renderer.image_sizes);
    context.insert("intro", &Value::safe_string(&intro));
    let listing = site.topics[t].listing(on.lang);
    let shown = parts::shown(site, listing, period);
    let part = part_name.as_deref().map(|name| structured::TopicPart { route, name, articles: &shown });
    let json_ld = structured::topic_json_ld(site, on.lang, t, part, on.locale.label("topics"));
    context.insert("json_ld", &Value::safe_string(&json_ld));
    context.insert("timeline", &timeline(site.timeline(&shown), on.language, summaries));
    let first = Route::Topic(on.lang, t);
    let links = parts::links(site, on.locale, listing, first, |p| Route::TopicPeriod(on.lang, t, p), route);
    context.insert("timeline_parts", &links);
    context
}

/// The stories the topic's page (or the part of its timeline) shows in the language.
pub(super) fn reads(site: &Site, lang: LanguageId, t: TopicId, period: Option<Period>) -> Reads<'_> {
    Reads { articles: Listed::Some(parts::shown(site, site.topics[t].listing(lang), period)) }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, Route, TopicId};

    #[test]
    fn reads_the_stories_it_lists() {
        let site = site("");
        let (lang, topic) = (LanguageId::DEFAULT, TopicId(0));
        let reads = super::reads(&site, lang, topic, None);
        assert_eq!(reads.articles.ids(&site).as_ref(), site.topics[0].listing(lang));
        let context = context_of(&site, Route::Topic(lang, topic));
        let years = context.get("timeline").and_then(|t| t.len()).unwrap();
        assert!(years > 0, "its stories are in its timeline");
    }
}
