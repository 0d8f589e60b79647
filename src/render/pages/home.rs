//! The home page of a language, an edition: the lead story, the latest headlines, then a
//! section per topic with its latest stories; no story shows twice.

use std::collections::HashSet;

use serde::Serialize;
use tera::Value;

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::{TopicView, topic_view, topic_views};
use crate::route::{Route, TopicId};
use crate::site::ArticleId;

/// Headline rows under the lead story: enough for a morning's news, short on a phone.
const LATEST_ROWS: usize = 5;
/// Stories shown under each topic's heading; the rest are on the topic's timeline.
const TOPIC_ROWS: usize = 3;

/// A topic's section of the edition.
#[derive(Serialize)]
struct SectionView<'a> {
    topic: TopicView<'a>,
    /// Its latest stories that the page does not show above it.
    stories: Vec<Value>,
}

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let site = renderer.site;
    let meta = renderer.meta(route, &on.edition.title, &on.edition.description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    let listed = site.listed_in(on.lang);
    let front: &[ArticleId] = &listed[..listed.len().min(1 + LATEST_ROWS)];
    // A story of several topics shows once, in the first section that has room for it.
    let mut shown: HashSet<ArticleId> = front.iter().copied().collect();
    let sections: Vec<SectionView<'_>> = (0..site.topics.len())
        .map(|t| {
            let stories: Vec<ArticleId> = site.topics[t]
                .listing(on.lang)
                .iter()
                .filter(|id| !shown.contains(id))
                .take(TOPIC_ROWS)
                .copied()
                .collect();
            shown.extend(stories.iter().copied());
            SectionView {
                topic: topic_view(site, TopicId(t), on.language, &renderer.summaries()),
                stories: renderer.summaries().list(on.language, &stories),
            }
        })
        .collect();
    context.insert("lead", &front.first().map(|&id| renderer.summaries().get(on.language, id)));
    context.insert("latest", &renderer.summaries().list(on.language, front.get(1..).unwrap_or_default()));
    context.insert("sections", &sections);
    let mut articles = listed;
    articles.truncate(site.config.home_limit);
    context.insert("articles", &renderer.summaries().list(on.language, &articles));
    context.insert("topics", &topic_views(site, on.language, &renderer.summaries()));
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

    #[test]
    fn leads_with_the_newest_story_and_shows_no_story_twice() {
        let site = site("");
        let context = context_of(&site, Route::Home(LanguageId::DEFAULT));
        let title = |value: &tera::Value| value.get_from_path("title").and_then(|t| t.as_str()).map(str::to_owned);
        assert_eq!(context.get("lead").and_then(title), Some(site.articles[0].title.clone()));
        let mut shown: Vec<String> = context.get("lead").and_then(title).into_iter().collect();
        shown.extend(context.get("latest").and_then(|l| l.as_array()).unwrap().iter().filter_map(&title));
        let sections = context.get("sections").and_then(|s| s.as_array()).unwrap();
        assert_eq!(sections.len(), site.topics.len());
        for section in sections {
            shown
                .extend(section.get_from_path("stories").and_then(|s| s.as_array()).unwrap().iter().filter_map(&title));
        }
        let mut distinct = shown.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), shown.len(), "{shown:?}");
        assert_eq!(shown.len(), site.articles.len(), "three stories, each shown once: {shown:?}");
    }
}
