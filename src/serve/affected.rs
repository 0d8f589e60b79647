//! Which pages an article change touches: computed on the site before the change and
//! on the site after it, so that both old and new dependents are rendered again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::content::Article;
use crate::render::Route;
use crate::route::{LanguageId, TaxonomyId, TermId, TopicId};
use crate::site::{ArticleId, Site};

/// Where an article is listed: its address, dates, topics and terms (sitemap, taxonomy indexes).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placement {
    slug: String,
    date: DateTime<FixedOffset>,
    date_has_time: bool,
    updated: Option<DateTime<FixedOffset>>,
    topics: Vec<String>,
    terms: Vec<Vec<String>>,
    /// Its language and story: which version listings show, and where its page is.
    lang: String,
    translation_key: String,
}

/// Whether two versions of an article take the same place in a site: then assembling
/// the site gives the same structure (order, topics, terms, related articles).
pub fn same_place(a: &Article, b: &Article) -> bool {
    Fingerprint::of(a).placement == Fingerprint::of(b).placement && a.draft == b.draft
}

/// What pages other than its own show of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    placement: Placement,
    /// How lists show it (home, archive, topic and term pages, search index, related
    /// articles): title, summary, language.
    listing: (String, String, String),
}

impl Fingerprint {
    fn of(article: &Article) -> Fingerprint {
        Fingerprint {
            placement: Placement {
                slug: article.slug.clone(),
                date: article.date,
                date_has_time: article.date_has_time,
                updated: article.updated,
                topics: article.topics.clone(),
                terms: article.terms.clone(),
                lang: article.lang.clone(),
                translation_key: article.translation_key.clone(),
            },
            listing: (article.title.clone(), article.summary.clone(), article.lang.clone()),
        }
    }
}

/// What the changed articles were linked to in one site: enough to find the same
/// pages in another site of the same source.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Links {
    /// Slugs of their topics.
    topics: BTreeSet<String>,
    /// Their terms: (taxonomy, term slug) -> the term's display name.
    terms: BTreeMap<(String, String), String>,
    /// The display name of every term of the site: a change can rename a term it only
    /// joins (its most used spelling names it), and every article carrying it shows it.
    names: HashMap<(String, String), String>,
    /// Articles whose related or neighbour lists hold one of them.
    holders: BTreeSet<PathBuf>,
    /// The changed articles this site has.
    present: BTreeMap<PathBuf, Fingerprint>,
}

impl Links {
    /// The links of the articles at `changed` paths in `site`.
    pub fn of(site: &Site, changed: &[PathBuf]) -> Links {
        let mut links = Links::default();
        for taxonomy in &site.taxonomies {
            for term in &taxonomy.terms {
                links.names.insert((taxonomy.name.clone(), term.slug.clone()), term.name.clone());
            }
        }
        let ids: Vec<ArticleId> = site
            .articles
            .iter()
            .enumerate()
            .filter(|(_, article)| changed.iter().any(|path| path.as_os_str() == article.path.as_os_str()))
            .map(|(id, _)| ArticleId(id))
            .collect();
        for &id in &ids {
            let article = &site.articles[id];
            links.present.insert(article.path.clone(), Fingerprint::of(article));
        }
        // The other versions of their stories link to them, and may be listed instead.
        let mut ids: Vec<ArticleId> = ids.iter().flat_map(|&id| site.translations.versions[id.0].clone()).collect();
        ids.sort();
        ids.dedup();
        for &id in &ids {
            links.holders.insert(site.articles[id].path.clone());
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
                links.holders.insert(site.articles[other].path.clone());
            }
        }
        links
    }
}

/// The pages of `site` (after the change) to render again when the articles at `changed`
/// changed (`before`: their links in the site before): their own pages, the feeds, and
/// the pages linking to their files; unless only their text changed, the pages listing
/// them too: their topics and terms before and after, the articles whose related or
/// older/newer lists show them, home, archive, search index, and the articles carrying a
/// term whose display name changed; unless they stay where they were (same address,
/// dates, topics and terms), the sitemap and taxonomy indexes too. The flag tells whether
/// they moved: only then can pages have appeared or gone. Listings are rendered in every
/// language of the site.
pub fn jobs(site: &Site, before: &Links, changed: &[PathBuf]) -> (Vec<Route>, bool) {
    jobs_as(site, before, changed, Shown::AsWritten)
}

/// How the changed articles show on other pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// As their files say: compare the versions to know.
    AsWritten,
    /// Differently, though their files did not change: a topic title or a term's name.
    Differently,
    /// Under other terms, though their files did not change (entities.yaml).
    UnderOtherTerms,
}

/// `jobs`, for articles whose files may not have changed, but how they show has.
pub fn jobs_as(site: &Site, before: &Links, changed: &[PathBuf], shown: Shown) -> (Vec<Route>, bool) {
    let after = Links::of(site, changed);
    let placement = |links: &Links, path: &PathBuf| links.present.get(path).map(|f| f.placement.clone());
    let listing = |links: &Links, path: &PathBuf| links.present.get(path).map(|f| f.listing.clone());
    let unmoved = shown != Shown::UnderOtherTerms
        && changed.iter().all(|path| placement(before, path) == placement(&after, path));
    let unlisted = unmoved
        && shown == Shown::AsWritten
        && changed.iter().all(|path| listing(before, path) == listing(&after, path));

    let ids: HashMap<&Path, ArticleId> =
        site.articles.iter().enumerate().map(|(id, article)| (article.path.as_path(), ArticleId(id))).collect();
    // The search index holds the articles' text: any edit changes it.
    let default = LanguageId::DEFAULT;
    let mut jobs = vec![Route::Feed(default), Route::SearchIndex];
    let mut articles: BTreeSet<ArticleId> =
        after.present.keys().filter_map(|path| ids.get(path.as_path()).copied()).collect();
    // Links to an article's source file become links to its page.
    for (id, article) in site.articles.iter().enumerate() {
        if article.file_links.iter().any(|link| changed.contains(&link.resolved)) {
            articles.insert(ArticleId(id));
            // Its content, links included, is in its topics' feeds too.
            for &t in &site.article_topics[id] {
                if !jobs.contains(&Route::TopicFeed(default, TopicId(t))) {
                    jobs.push(Route::TopicFeed(default, TopicId(t)));
                }
            }
        }
    }
    for (t, entry) in site.topics.iter().enumerate() {
        let linked = before.topics.contains(&entry.topic.slug) || after.topics.contains(&entry.topic.slug);
        if linked && !jobs.contains(&Route::TopicFeed(default, TopicId(t))) {
            jobs.push(Route::TopicFeed(default, TopicId(t)));
        }
        if linked && !unlisted {
            jobs.push(Route::Topic(default, TopicId(t)));
        }
    }
    if !unlisted {
        jobs.extend([Route::Home(default), Route::TopicIndex(default), Route::Archive(default)]);
        articles.extend(before.holders.iter().chain(&after.holders).filter_map(|path| ids.get(path.as_path())));
        for (t, taxonomy) in site.taxonomies.iter().enumerate() {
            for (index, term) in taxonomy.terms.iter().enumerate() {
                let key = (taxonomy.name.clone(), term.slug.clone());
                let was = before.terms.get(&key);
                if was.is_some() || after.terms.contains_key(&key) {
                    jobs.push(Route::Term(default, TaxonomyId(t), TermId(index)));
                }
                // Every article carrying a term shows its name.
                let renamed = before.names.get(&key).is_some_and(|name| *name != term.name);
                if (was.is_some() || after.terms.contains_key(&key)) && renamed {
                    // Every version, listed or not (`term.articles` lists one per story).
                    let carriers = site.article_terms.iter().enumerate().filter(|(_, terms)| terms[t].contains(&index));
                    articles.extend(carriers.map(|(id, _)| ArticleId(id)));
                }
            }
        }
    }
    if !unmoved {
        jobs.push(Route::Sitemap);
        jobs.extend((0..site.taxonomies.len()).map(|t| Route::TaxonomyIndex(default, TaxonomyId(t))));
    }
    jobs.extend(articles.into_iter().map(Route::Article));
    // What changed in one language's listings can change every language's pages.
    (site.routes.in_every_language(jobs), !unmoved)
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
        let context = ParseContext {
            default_language: "en",
            languages: &[],
            topics: &topics,
            topic_titles: &[],
            taxonomies: &config.taxonomies,
        };
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

    fn names(site: &Site, jobs: &[Route]) -> Vec<String> {
        jobs.iter()
            .filter_map(|job| match *job {
                Route::Article(id) => Some(site.articles[id].slug.clone()),
                Route::Topic(_, t) => Some(format!("topic {}", site.topics[t.0].topic.slug)),
                Route::Term(_, t, i) => {
                    Some(format!("{} {}", site.taxonomies[t.0].name, site.taxonomies[t.0].terms[i.0].slug))
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
        let (jobs, moved) = jobs(&after, &links, &changed);
        assert!(moved);
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
        let after = site(&[("x", "a", "t2"), ("far", "b", "u")]);
        let (jobs, _) = jobs(&after, &Links::of(&before, &changed), &changed);
        assert_eq!(names(&after, &jobs), ["topic a", "tags t2", "x"], "tags t is gone: its page is removed");
        assert!(jobs.contains(&Route::Sitemap));
    }

    #[test]
    fn a_change_of_text_only_renders_the_article_and_feeds() {
        let changed = [PathBuf::from("content/articles/x.md")];
        let before = site(&[("x", "a", "t"), ("y", "a", "t")]);
        let (jobs, moved) = jobs(&before, &Links::of(&before, &changed), &changed);
        assert!(!moved);
        assert_eq!(names(&before, &jobs), ["x"]);
        let default = LanguageId::DEFAULT;
        assert!(jobs.contains(&Route::Feed(default)) && !jobs.contains(&Route::Archive(default)), "{jobs:?}");
    }
}
