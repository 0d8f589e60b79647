use std::path::Path;

use super::*;
use crate::content::ParseContext;

fn config() -> SiteConfig {
    SiteConfig::parse("title: T\nbase_url: https://example.org/b\n", "site.yaml").unwrap()
}

fn topic(slug: &str) -> Topic {
    Topic::parse(Path::new(&format!("content/topics/{slug}.md")), "---\ntitle: Topic\n---\nIntro\n").unwrap()
}

fn article(stem: &str, date: &str, topics: &str, extra: &str) -> Article {
    let taxonomies = config().taxonomies;
    let known = vec!["a".to_owned(), "b".to_owned()];
    let context = ParseContext {
        default_language: "en",
        languages: &[],
        topics: &known,
        topic_titles: &[],
        taxonomies: &taxonomies,
    };
    let text = format!("---\ntitle: {stem}\ndate: {date}\ntopics: [{topics}]\n{extra}---\nBody\n");
    Article::parse(Path::new(&format!("content/articles/{stem}.md")), &text, &context).unwrap()
}

fn assemble(articles: Vec<Article>, entities: &Entities) -> Result<Site, Vec<Diagnostic>> {
    Site::assemble(config(), articles, vec![topic("a"), topic("b")], entities, SiteOptions::default())
}

#[test]
fn articles_are_newest_first_and_drafts_left_out() {
    let site = assemble(
        vec![
            article("old", "2020-01-01", "a", ""),
            article("new", "2025-01-01", "a", ""),
            article("draft", "2026-01-01", "a", "draft: true\n"),
        ],
        &Entities::default(),
    )
    .unwrap();
    let slugs: Vec<&str> = site.articles.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(slugs, ["new", "old"]);
    assert_eq!(site.topics[0].articles, [ArticleId(0), ArticleId(1)]);
    assert_eq!(site.neighbours[0], (Some(ArticleId(1)), None));
    assert_eq!(site.neighbours[1], (None, Some(ArticleId(0))));
}

#[test]
fn aliases_fold_into_one_entity_page() {
    let entities = Entities::parse(
        "organizations:\n  Amazon Web Services: { aliases: [AWS] }\n",
        Path::new("content/entities.yaml"),
        &config().taxonomies,
        &["en"],
    )
    .unwrap();
    let site = assemble(
        vec![
            article("one", "2025-01-01", "a", "organizations: [AWS]\n"),
            article("two", "2025-02-01", "a", "organizations: [Amazon Web Services, IBM]\n"),
        ],
        &entities,
    )
    .unwrap();
    let organizations = &site.taxonomies[1];
    let names: Vec<&str> = organizations.terms.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Amazon Web Services", "IBM"]);
    assert_eq!(organizations.terms[0].slug, "amazon-web-services");
    assert_eq!(organizations.terms[0].articles, [ArticleId(0), ArticleId(1)]);
}

#[test]
fn duplicate_slugs_name_both_files() {
    let errors = assemble(
        vec![article("same", "2025-01-01", "a", ""), article("other", "2025-01-02", "a", "slug: same\n")],
        &Entities::default(),
    )
    .unwrap_err();
    assert_eq!(errors.len(), 2);
    assert!(errors.iter().all(|e| e.message.starts_with("duplicate slug `same`")), "{errors:?}");
    assert!(errors.iter().any(|e| e.path == Path::new("content/articles/other.md") && e.line == 5));
}

#[test]
fn related_articles_prefer_shared_topics_then_recency() {
    let site = assemble(
        vec![
            article("x", "2025-01-01", "a", "tags: [t]\n"),
            article("shares-topic", "2024-01-01", "a", ""),
            article("shares-tag", "2025-06-01", "b", "tags: [t]\n"),
            article("shares-both", "2023-01-01", "a", "tags: [t]\n"),
            article("nothing", "2025-03-01", "b", ""),
        ],
        &Entities::default(),
    )
    .unwrap();
    let id = |slug: &str| site.articles.iter().position(|a| a.slug == slug).unwrap();
    let related: Vec<&str> = site.related[id("x")].iter().map(|&r| site.articles[r].slug.as_str()).collect();
    assert_eq!(related, ["shares-both", "shares-topic", "shares-tag"]);
}

#[test]
fn timeline_groups_by_year_and_month() {
    let site = assemble(
        vec![
            article("a1", "2025-07-25", "a", ""),
            article("a2", "2025-07-01", "a", ""),
            article("a3", "2025-03-01", "a", ""),
            article("a4", "2024-12-31", "a", ""),
        ],
        &Entities::default(),
    )
    .unwrap();
    let timeline = site.timeline(&[0, 1, 2, 3].map(ArticleId));
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[0].year, 2025);
    assert_eq!(timeline[0].months.iter().map(|m| (m.month, m.articles.len())).collect::<Vec<_>>(), [(7, 2), (3, 1)]);
    assert_eq!(timeline[1].months[0].month, 12);
}

#[test]
fn reusing_related_lists_gives_the_same_site() {
    // A small corpus where many articles share topics and tags, so that lists tie and compete.
    let make = |i: usize, tag_shift: usize| {
        let tags = format!("tags: [t{}, t{}]\n", (i + tag_shift) % 5, (i * 3) % 7);
        let topic = if i.is_multiple_of(3) { "a" } else { "b" };
        article(&format!("n{i}"), &format!("2025-01-{:02}", 1 + i % 28), topic, &tags)
    };
    let before: Vec<Article> = (0..30).map(|i| make(i, 0)).collect();
    let earlier = assemble(before.clone(), &Entities::default()).unwrap();

    // n4 changes its tags and date, n7 is removed and n30 is new.
    let mut after: Vec<Article> = before.into_iter().filter(|a| a.slug != "n7").collect();
    let changed = after.iter().position(|a| a.slug == "n4").unwrap();
    after[changed] = article("n4", "2025-02-01", "a", "tags: [t1, t2, t3]\n");
    after.push(make(30, 1));
    let reuse = Reuse {
        paths: earlier.articles.iter().map(|a| a.path.clone()).collect(),
        related: earlier.related.clone(),
        changed: vec![after[changed].path.clone(), after.last().unwrap().path.clone()],
    };
    let full = assemble(after.clone(), &Entities::default()).unwrap();
    let reused = Site::assemble_reusing(
        config(),
        after,
        vec![topic("a"), topic("b")],
        &Entities::default(),
        SiteOptions::default(),
        Some(reuse),
    )
    .unwrap();
    assert_eq!(reused.related, full.related);
    assert_ne!(full.related, earlier.related, "the change must move some lists");
}

#[test]
fn links_to_source_files_point_to_their_pages() {
    let linking = {
        let taxonomies = config().taxonomies;
        let known = vec!["a".to_owned(), "b".to_owned()];
        let context = ParseContext {
            default_language: "en",
            languages: &[],
            topics: &known,
            topic_titles: &[],
            taxonomies: &taxonomies,
        };
        let text =
            "---\ntitle: L\ndate: 2025-01-01\ntopics: [a]\n---\nSee [old](old.md#part) and\n[topic](../topics/a.md).\n";
        Article::parse(Path::new("content/articles/linking.md"), text, &context).unwrap()
    };
    let site = assemble(vec![linking, article("old", "2020-01-01", "a", "")], &Entities::default()).unwrap();
    assert_eq!(site.file_link_urls[0], ["/b/articles/old/#part", "/b/topics/a/"]);
    assert!(site.file_link_urls[1].is_empty());
}

#[test]
fn a_link_to_a_missing_file_names_both_files() {
    let taxonomies = config().taxonomies;
    let known = vec!["a".to_owned()];
    let context = ParseContext {
        default_language: "en",
        languages: &[],
        topics: &known,
        topic_titles: &[],
        taxonomies: &taxonomies,
    };
    let text = "---\ntitle: L\ndate: 2025-01-01\ntopics: [a]\n---\nText.\n\nSee [gone](../2024/gone.md).\n";
    let linking = Article::parse(Path::new("content/articles/2025/linking.md"), text, &context).unwrap();
    let errors = assemble(vec![linking], &Entities::default()).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "content/articles/2025/linking.md:8:5: link to `../2024/gone.md`, but content/articles/2024/gone.md is not an article or topic of this site"
    );
}

#[test]
fn future_articles_wait_for_their_date_unless_asked() {
    let now = chrono::DateTime::parse_from_rfc3339("2025-06-01T00:00:00Z").unwrap();
    let articles = || vec![article("past", "2025-05-31", "a", ""), article("scheduled", "2025-06-02", "a", "")];
    let options = SiteOptions { now: Some(now), ..SiteOptions::default() };
    let site =
        Site::assemble(config(), articles(), vec![topic("a"), topic("b")], &Entities::default(), options).unwrap();
    assert_eq!(site.articles.len(), 1);
    let options = SiteOptions { now: Some(now), include_future: true, ..SiteOptions::default() };
    let site =
        Site::assemble(config(), articles(), vec![topic("a"), topic("b")], &Entities::default(), options).unwrap();
    assert_eq!(site.articles.len(), 2);
}

#[test]
fn distinct_terms_with_one_slug_are_an_error_naming_both() {
    let articles = vec![
        article("one", "2025-01-01", "a", "tags: [C++, AI research]\n"),
        article("two", "2025-02-01", "a", "tags: [C#, ai-research]\n"),
    ];
    let errors = assemble(articles, &Entities::default()).unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 1, "`AI research` and `ai-research` are one term: {messages:?}");
    assert!(messages[0].contains("`C++` and `C#` (content/articles/two.md)"), "{messages:?}");
    assert!(messages[0].contains("/tags/c/"), "{messages:?}");
}

/// A site of articles `(stem, more front matter)` in topic `a`, the first the newest, with
/// the entity `Amazon Web Services`, also called `AWS`.
pub(super) fn site_of(articles: &[(&str, &str)]) -> Site {
    let entities = Entities::parse(
        "organizations:\n  Amazon Web Services: { aliases: [AWS] }\n",
        Path::new("content/entities.yaml"),
        &config().taxonomies,
        &["en"],
    )
    .unwrap();
    let articles = articles
        .iter()
        .enumerate()
        .map(|(index, (stem, more))| article(stem, &format!("2025-03-{:02}", 28 - index), "a", &format!("{more}\n")))
        .collect();
    assemble(articles, &entities).unwrap()
}

/// A site of one article a date, newest first, whose timelines list at most `limit` stories a page.
pub(super) fn site_of_dates(dates: &[&str], limit: usize) -> Site {
    let config = SiteConfig::parse(
        &format!("title: T\nbase_url: https://example.org/b\ntimeline_limit: {limit}\n"),
        "site.yaml",
    )
    .unwrap();
    let articles = dates.iter().enumerate().map(|(index, date)| article(&format!("a{index}"), date, "a", "")).collect();
    Site::assemble(config, articles, vec![topic("a"), topic("b")], &Entities::default(), SiteOptions::default())
        .unwrap()
}
