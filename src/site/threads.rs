//! Story threads: the stories an article follows or responds to (`follows:`), checked, and
//! the threads they make (a US rule, China's retaliation, the industry's reaction).
//!
//! A thread links stories, not versions: following `huawei-added-to-entity-list` follows
//! that story in every language, and a story's versions share its thread.

use std::collections::HashMap;

use crate::content::Article;
use crate::diagnostic::{Diagnostic, suggestion};
use crate::route::ArticleId;

use super::translations::Translations;

pub use crate::route::ThreadId;

/// Stories joined by `follows:`, each by the version the default language's listings show.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    /// Oldest first.
    pub stories: Vec<ArticleId>,
    /// Its address (`/threads/<slug>/`): the slug of its first story.
    pub slug: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Threads {
    /// In the order of their first stories, oldest first.
    pub threads: Vec<Thread>,
    /// Per article: the thread of its story, if it has one.
    pub of_article: Vec<Option<ThreadId>>,
}

/// The story of an article: the version the default language's listings show.
fn story_of(translations: &Translations, id: ArticleId) -> ArticleId {
    translations.versions[id].iter().copied().find(|v| translations.listed[*v]).unwrap_or(id)
}

/// The threads of `articles` (newest first, as the site orders them). Unknown slugs and
/// stories that follow themselves, directly or round a loop, are reported at their value.
pub fn threads(articles: &[Article], translations: &Translations, problems: &mut Vec<Diagnostic>) -> Threads {
    let mut by_slug: HashMap<&str, Vec<ArticleId>> = HashMap::new();
    for (id, article) in articles.iter().enumerate() {
        by_slug.entry(article.slug.as_str()).or_default().push(ArticleId(id));
    }
    // Edges between stories: (follower, followed, the follower's article and value index).
    let mut edges: Vec<(ArticleId, ArticleId, ArticleId, usize)> = Vec::new();
    for (id, article) in articles.iter().enumerate() {
        let id = ArticleId(id);
        for (index, (slug, (line, column))) in article.follows.iter().enumerate() {
            let at = |message: String| Diagnostic::new(&article.path, *line, *column, message);
            let Some(candidates) = by_slug.get(slug.as_str()) else {
                let hint = match suggestion(slug, by_slug.keys().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => "`follows:` takes the slugs of other articles".to_owned(),
                };
                problems.push(at(format!("`follows:` names `{slug}`, which is no article's slug; {hint}")));
                continue;
            };
            let target =
                candidates.iter().copied().find(|&c| articles[c].lang == article.lang).unwrap_or(candidates[0]);
            let (from, to) = (story_of(translations, id), story_of(translations, target));
            if from == to {
                problems.push(at(format!(
                    "`follows:` names `{slug}`, the article's own story: a story cannot follow itself"
                )));
                continue;
            }
            edges.push((from, to, id, index));
        }
    }
    refuse_loops(articles, &edges, problems);
    group(articles, translations, &edges)
}

/// Reports each `follows:` value that closes a loop (a follows b, b follows a).
fn refuse_loops(
    articles: &[Article],
    edges: &[(ArticleId, ArticleId, ArticleId, usize)],
    problems: &mut Vec<Diagnostic>,
) {
    // Kahn's algorithm: what is left once every story that follows nothing left is taken
    // away lies on a loop, or leads to one.
    let mut follows: HashMap<ArticleId, Vec<ArticleId>> = HashMap::new();
    let mut pending: HashMap<ArticleId, usize> = HashMap::new();
    for &(from, to, ..) in edges {
        follows.entry(to).or_default().push(from);
        *pending.entry(from).or_default() += 1;
        pending.entry(to).or_default();
    }
    let mut free: Vec<ArticleId> = pending.iter().filter(|(_, n)| **n == 0).map(|(s, _)| *s).collect();
    while let Some(story) = free.pop() {
        pending.remove(&story);
        for follower in follows.get(&story).into_iter().flatten() {
            if let Some(count) = pending.get_mut(follower) {
                *count -= 1;
                if *count == 0 {
                    free.push(*follower);
                }
            }
        }
    }
    for &(from, to, article, index) in edges {
        if pending.contains_key(&from) && pending.contains_key(&to) && on_loop(edges, &pending, from, to) {
            let (slug, (line, column)) = &articles[article].follows[index];
            problems.push(Diagnostic::new(
                &articles[article].path,
                *line,
                *column,
                format!(
                    "`follows:` names `{slug}`, which already follows this story (through `follows:` of its own or of stories between them): a thread cannot loop; keep one direction"
                ),
            ));
        }
    }
}

/// Whether `to` leads back to `from` through the stories left on loops.
fn on_loop(
    edges: &[(ArticleId, ArticleId, ArticleId, usize)],
    left: &HashMap<ArticleId, usize>,
    from: ArticleId,
    to: ArticleId,
) -> bool {
    let mut seen = vec![to];
    let mut next = vec![to];
    while let Some(story) = next.pop() {
        for &(_, b, ..) in edges.iter().filter(|(a, ..)| *a == story) {
            if b == from {
                return true;
            }
            if left.contains_key(&b) && !seen.contains(&b) {
                seen.push(b);
                next.push(b);
            }
        }
    }
    false
}

/// The threads the edges make: the stories each is joined to, directly or not.
fn group(
    articles: &[Article],
    translations: &Translations,
    edges: &[(ArticleId, ArticleId, ArticleId, usize)],
) -> Threads {
    let mut parent: HashMap<ArticleId, ArticleId> = HashMap::new();
    fn root(parent: &mut HashMap<ArticleId, ArticleId>, story: ArticleId) -> ArticleId {
        let mut at = story;
        while let Some(&up) = parent.get(&at).filter(|&&up| up != at) {
            at = up;
        }
        parent.insert(story, at);
        at
    }
    for &(from, to, ..) in edges {
        let (a, b) = (root(&mut parent, from), root(&mut parent, to));
        // The older story (the larger id, articles being newest first) roots the thread.
        if a != b {
            parent.insert(a.min(b), a.max(b));
        }
    }
    let mut members: HashMap<ArticleId, Vec<ArticleId>> = HashMap::new();
    let stories: Vec<ArticleId> = parent.keys().copied().collect();
    for story in stories {
        let top = root(&mut parent, story);
        members.entry(top).or_default().push(story);
    }
    let mut threads: Vec<Thread> = members
        .into_values()
        .map(|mut stories| {
            // Oldest first: articles are newest first, so by id from the largest.
            stories.sort_by(|a, b| b.cmp(a));
            let slug = articles[stories[0]].slug.clone();
            Thread { stories, slug }
        })
        .collect();
    threads.sort_by(|a, b| b.stories[0].cmp(&a.stories[0]));
    // Two first stories may share a slug in different languages: the later thread takes a number.
    let mut taken: HashMap<String, usize> = HashMap::new();
    for thread in &mut threads {
        let count = taken.entry(thread.slug.clone()).or_default();
        *count += 1;
        if *count > 1 {
            thread.slug = format!("{}-{}", thread.slug, count);
        }
    }
    let mut of_article = vec![None; articles.len()];
    for (t, thread) in threads.iter().enumerate() {
        for &story in &thread.stories {
            for &version in &translations.versions[story] {
                of_article[version] = Some(ThreadId(t));
            }
        }
    }
    Threads { threads, of_article }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::SiteConfig;
    use crate::content::ParseContext;

    /// Articles of `(slug, date, follows)`, newest first as the site orders them.
    fn articles(list: &[(&str, &str, &str)]) -> Vec<Article> {
        let topics = vec!["t".to_owned()];
        let context = ParseContext {
            default_language: "en",
            languages: &[],
            topics: &topics,
            topic_titles: &[],
            taxonomies: &[],
        };
        let mut articles: Vec<Article> = list
            .iter()
            .map(|(slug, date, follows)| {
                let text = format!("---\ntitle: {slug}\ndate: {date}\ntopics: [t]\nfollows: [{follows}]\n---\nText.\n");
                Article::parse(Path::new(&format!("content/articles/{slug}.md")), &text, &context).unwrap()
            })
            .collect();
        articles.sort_by_key(|article| std::cmp::Reverse(article.date));
        articles
    }

    fn threads_of(articles: &[Article]) -> (Threads, Vec<Diagnostic>) {
        let config = SiteConfig::parse("title: T\nbase_url: https://example.org\n", "site.yaml").unwrap();
        let translations = Translations::group(articles, &config);
        let mut problems = Vec::new();
        (threads(articles, &translations, &mut problems), problems)
    }

    #[test]
    fn stories_that_follow_each_other_make_one_thread_oldest_first() {
        let articles = articles(&[
            ("rule", "2025-01-01", ""),
            ("retaliation", "2025-02-01", "rule"),
            ("reaction", "2025-03-01", "retaliation"),
            ("other", "2025-04-01", ""),
        ]);
        let (threads, problems) = threads_of(&articles);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(threads.threads.len(), 1);
        let slugs: Vec<&str> = threads.threads[0].stories.iter().map(|&id| articles[id].slug.as_str()).collect();
        assert_eq!(slugs, ["rule", "retaliation", "reaction"]);
        assert_eq!(threads.threads[0].slug, "rule");
        assert_eq!(threads.of_article[0], None, "`other` follows nothing");
    }

    #[test]
    fn an_unknown_slug_is_answered_with_the_closest_one() {
        let articles = articles(&[("rule", "2025-01-01", ""), ("retaliation", "2025-02-01", "rules")]);
        let (_, problems) = threads_of(&articles);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("did you mean `rule`?"), "{}", problems[0].message);
        assert_eq!((problems[0].line, problems[0].column), (5, 11), "at the value");
    }

    #[test]
    fn loops_are_refused() {
        let looped = articles(&[("a", "2025-01-01", "c"), ("b", "2025-02-01", "a"), ("c", "2025-03-01", "b")]);
        let (_, problems) = threads_of(&looped);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().all(|p| p.message.contains("cannot loop")));
        let own = articles(&[("a", "2025-01-01", "a")]);
        assert!(threads_of(&own).1[0].message.contains("cannot follow itself"));
    }
}
