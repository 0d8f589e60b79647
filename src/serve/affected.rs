//! Which pages an article change touches: computed on the site before the change and
//! on the site after it, so that both old and new dependents are rendered again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::render::PageJob;
use crate::site::{ArticleId, Site};

/// What the changed articles were linked to in one site: enough to find the same
/// pages in another site of the same source.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Links {
    /// Slugs of their topics.
    topics: BTreeSet<String>,
    /// Their terms: (taxonomy, term slug) -> the term's display name.
    terms: BTreeMap<(String, String), String>,
    /// Articles whose related or neighbour lists hold one of them, and they themselves.
    articles: BTreeSet<PathBuf>,
}

impl Links {
    /// The links of the articles at `changed` paths in `site`.
    pub fn of(site: &Site, changed: &[PathBuf]) -> Links {
        let mut links = Links::default();
        let ids: Vec<ArticleId> = site
            .articles
            .iter()
            .enumerate()
            .filter(|(_, article)| changed.contains(&article.path))
            .map(|(id, _)| id)
            .collect();
        for &id in &ids {
            links.articles.insert(site.articles[id].path.clone());
            for &t in &site.article_topics[id] {
                links.topics.insert(site.topics[t].topic.slug.clone());
            }
            for (taxonomy, terms) in site.taxonomies.iter().zip(&site.article_terms[id]) {
                for &term in terms {
                    let term = &taxonomy.terms[term];
                    links.terms.insert((taxonomy.name.clone(), term.slug.clone()), term.name.clone());
                }
            }
        }
        for (other, related) in site.related.iter().enumerate() {
            let (older, newer) = site.neighbours[other];
            let holds = |id: &ArticleId| related.contains(id) || older == Some(*id) || newer == Some(*id);
            if ids.iter().any(holds) {
                links.articles.insert(site.articles[other].path.clone());
            }
        }
        links
    }
}

/// The pages of `site` (after the change) to render again when the articles at `changed`
/// changed: theirs and those of their topics and terms, before (`before`) and after,
/// the articles listing them, the lists of all articles (home, archive, feeds, sitemap,
/// search index, taxonomy indexes), every article carrying a term whose display name
/// changed or linking to a changed article's file.
pub fn jobs(site: &Site, before: &Links, changed: &[PathBuf]) -> Vec<PageJob> {
    let after = Links::of(site, changed);
    let mut jobs = vec![
        PageJob::Home,
        PageJob::TopicIndex,
        PageJob::Archive,
        PageJob::Feed,
        PageJob::Sitemap,
        PageJob::SearchIndex,
    ];
    jobs.extend((0..site.taxonomies.len()).map(PageJob::TaxonomyIndex));
    for (t, entry) in site.topics.iter().enumerate() {
        if before.topics.contains(&entry.topic.slug) || after.topics.contains(&entry.topic.slug) {
            jobs.extend([PageJob::Topic(t), PageJob::TopicFeed(t)]);
        }
    }
    let ids: HashMap<&Path, ArticleId> =
        site.articles.iter().enumerate().map(|(id, article)| (article.path.as_path(), id)).collect();
    let mut articles: BTreeSet<ArticleId> =
        before.articles.iter().chain(&after.articles).filter_map(|path| ids.get(path.as_path()).copied()).collect();
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        for (index, term) in taxonomy.terms.iter().enumerate() {
            let key = (taxonomy.name.clone(), term.slug.clone());
            let was = before.terms.get(&key);
            if was.is_some() || after.terms.contains_key(&key) {
                jobs.push(PageJob::Term(t, index));
            }
            // Every article carrying a term shows its name.
            if was.is_some_and(|name| *name != term.name) {
                articles.extend(&term.articles);
            }
        }
    }
    // Links to an article's source file become links to its page.
    for (id, article) in site.articles.iter().enumerate() {
        if article.file_links.iter().any(|link| changed.contains(&link.resolved)) {
            articles.insert(id);
        }
    }
    jobs.extend(articles.into_iter().map(PageJob::Article));
    jobs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::content::{Article, ParseContext, Topic};
    use crate::site::{Entities, SiteOptions};

    fn site(articles: &[(&str, &str, &str)]) -> Site {
        let config = SiteConfig::parse("title: T\nbase_url: https://example.org\n", "site.yaml").unwrap();
        let topics = vec!["a".to_owned(), "b".to_owned()];
        let context = ParseContext { default_language: "en", topics: &topics, taxonomies: &config.taxonomies };
        let articles = articles
            .iter()
            .map(|(stem, topic, tags)| {
                let text = format!("---\ntitle: {stem}\ndate: 2025-01-01\ntopics: [{topic}]\ntags: [{tags}]\n---\n");
                Article::parse(Path::new(&format!("content/articles/{stem}.md")), &text, &context).unwrap()
            })
            .collect();
        let topics = topics
            .iter()
            .map(|slug| Topic::parse(Path::new(&format!("content/topics/{slug}.md")), "---\ntitle: X\n---\n").unwrap())
            .collect();
        Site::assemble(config, articles, topics, &Entities::default(), SiteOptions::default()).unwrap()
    }

    fn names(site: &Site, jobs: &[PageJob]) -> Vec<String> {
        jobs.iter()
            .filter_map(|job| match *job {
                PageJob::Article(id) => Some(site.articles[id].slug.clone()),
                PageJob::Topic(t) => Some(format!("topic {}", site.topics[t].topic.slug)),
                PageJob::Term(t, i) => {
                    Some(format!("{} {}", site.taxonomies[t].name, site.taxonomies[t].terms[i].slug))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn old_and_new_topics_and_terms_are_rendered_but_not_unrelated_pages() {
        let changed = [PathBuf::from("content/articles/x.md")];
        let before = site(&[("x", "a", "old"), ("y", "b", "other"), ("z", "b", "other")]);
        let after = site(&[("x", "b", "new"), ("y", "b", "other"), ("z", "b", "other")]);
        let links = Links::of(&before, &changed);
        let jobs = jobs(&after, &links, &changed);
        let names = names(&after, &jobs);
        for expected in ["x", "topic a", "topic b", "tags new", "y", "z"] {
            assert!(names.contains(&expected.to_owned()), "{expected} missing from {names:?}");
        }
        // `tags old` is gone from the site: its page is removed rather than rendered.
        assert!(!names.iter().any(|n| n == "tags other"), "{names:?}");
    }

    #[test]
    fn an_article_sharing_nothing_is_left_alone() {
        let changed = [PathBuf::from("content/articles/x.md")];
        let before = site(&[("x", "a", "t"), ("far", "b", "u")]);
        let jobs = jobs(&before, &Links::of(&before, &changed), &changed);
        assert_eq!(names(&before, &jobs), ["topic a", "tags t", "x"]);
    }
}
