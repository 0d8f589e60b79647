//! Articles + topics -> the site: order, taxonomies, timelines, related articles. Pure.

pub mod entities;
mod related;

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;

use crate::config::SiteConfig;
use crate::content::{Article, Topic};
use crate::diagnostic::Diagnostic;
pub use entities::Entities;

/// Index of an article in `Site::articles`.
pub type ArticleId = usize;

/// A topic with its articles, newest first.
#[derive(Debug, Clone)]
pub struct TopicEntry {
    pub topic: Topic,
    pub articles: Vec<ArticleId>,
}

/// One term of a taxonomy (a tag, an organization, a region) and its articles, newest first.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub articles: Vec<ArticleId>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    /// Sorted by name, case-insensitively.
    pub terms: Vec<Term>,
}

/// Articles grouped by year and month, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearGroup {
    pub year: i32,
    pub months: Vec<MonthGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGroup {
    pub month: u32,
    pub articles: Vec<ArticleId>,
}

/// The whole site, ready to render. Immutable once built.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Newest first; ties broken by slug so the order is deterministic.
    pub articles: Vec<Article>,
    /// Sorted by weight, then title.
    pub topics: Vec<TopicEntry>,
    /// In the order of `site.yaml`.
    pub taxonomies: Vec<Taxonomy>,
    /// Per article: indices into `topics`, in the article's order.
    pub article_topics: Vec<Vec<usize>>,
    /// Per article, per taxonomy: indices into that taxonomy's terms.
    pub article_terms: Vec<Vec<Vec<usize>>>,
    /// Per article: up to `related::LIMIT` related articles, best first.
    pub related: Vec<Vec<ArticleId>>,
    /// Per article: the older and the newer article of its first topic.
    pub neighbours: Vec<(Option<ArticleId>, Option<ArticleId>)>,
}

/// Options that change which articles a site has.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteOptions {
    pub include_drafts: bool,
}

impl Site {
    /// Assembles the site. Reports duplicate slugs; everything else was checked when parsing.
    pub fn assemble(
        config: SiteConfig,
        mut articles: Vec<Article>,
        mut topics: Vec<Topic>,
        entities: &Entities,
        options: SiteOptions,
    ) -> Result<Site, Vec<Diagnostic>> {
        if !options.include_drafts {
            articles.retain(|a| !a.draft);
        }
        articles
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)).then_with(|| a.path.cmp(&b.path)));
        check_duplicate_slugs(&articles)?;

        topics.sort_by(|a, b| {
            a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)).then_with(|| a.slug.cmp(&b.slug))
        });
        let topic_index: HashMap<&str, usize> = topics.iter().enumerate().map(|(i, t)| (t.slug.as_str(), i)).collect();
        let mut topic_articles: Vec<Vec<ArticleId>> = vec![Vec::new(); topics.len()];
        let mut article_topics = Vec::with_capacity(articles.len());
        for (id, article) in articles.iter().enumerate() {
            let mut indices: Vec<usize> = Vec::with_capacity(article.topics.len());
            for slug in &article.topics {
                if let Some(&index) = topic_index.get(slug.as_str())
                    && !indices.contains(&index)
                {
                    indices.push(index);
                    topic_articles[index].push(id);
                }
            }
            article_topics.push(indices);
        }

        let (taxonomies, article_terms) = build_taxonomies(&config, &articles, entities);
        let related = related::related_articles(&article_topics, &article_terms, &taxonomies);
        let neighbours = article_topics
            .iter()
            .enumerate()
            .map(|(id, indices)| {
                let Some(&first) = indices.first() else { return (None, None) };
                let list = &topic_articles[first];
                let position = list.binary_search(&id).unwrap_or(0);
                let older = list.get(position + 1).copied();
                let newer = position.checked_sub(1).map(|p| list[p]);
                (older, newer)
            })
            .collect();
        let topics =
            topics.into_iter().zip(topic_articles).map(|(topic, articles)| TopicEntry { topic, articles }).collect();
        Ok(Site { config, articles, topics, taxonomies, article_topics, article_terms, related, neighbours })
    }

    /// The path of an article's page under the output root, without the base path.
    pub fn article_path(&self, id: ArticleId) -> String {
        format!("/articles/{}/", self.articles[id].slug)
    }

    /// `ids` (newest first) grouped by year and month of their dates.
    pub fn timeline(&self, ids: &[ArticleId]) -> Vec<YearGroup> {
        let mut years: Vec<YearGroup> = Vec::new();
        for &id in ids {
            let date = self.articles[id].date;
            let (year, month) = (date.year(), date.month());
            if years.last().is_none_or(|y| y.year != year) {
                years.push(YearGroup { year, months: Vec::new() });
            }
            let months = &mut years.last_mut().expect("pushed above").months;
            if months.last().is_none_or(|m| m.month != month) {
                months.push(MonthGroup { month, articles: Vec::new() });
            }
            months.last_mut().expect("pushed above").articles.push(id);
        }
        years
    }

    /// The latest date of anything in the site, for feeds' `updated`.
    pub fn last_updated(&self, ids: &[ArticleId]) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        ids.iter()
            .map(|&id| {
                let article = &self.articles[id];
                article.updated.map_or(article.date, |u| u.max(article.date))
            })
            .max()
    }
}

fn check_duplicate_slugs(articles: &[Article]) -> Result<(), Vec<Diagnostic>> {
    let mut by_slug: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for article in articles {
        by_slug.entry(&article.slug).or_default().push(article);
    }
    let mut problems = Vec::new();
    for (slug, same) in by_slug.into_iter().filter(|(_, same)| same.len() > 1) {
        let mut paths: Vec<String> = same.iter().map(|a| a.path.display().to_string()).collect();
        paths.sort();
        for article in same {
            let (line, column) = article.slug_position;
            let others: Vec<&str> =
                paths.iter().filter(|p| **p != article.path.display().to_string()).map(String::as_str).collect();
            problems.push(Diagnostic::new(
                &article.path,
                line,
                column,
                format!(
                    "duplicate slug `{slug}`: {} also makes /articles/{slug}/; give one of them another `slug:`",
                    others.join(", ")
                ),
            ));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

type TaxonomyTables = (Vec<Taxonomy>, Vec<Vec<Vec<usize>>>);

/// Folds aliases into canonical names and groups spellings with the same slug.
fn build_taxonomies(config: &SiteConfig, articles: &[Article], entities: &Entities) -> TaxonomyTables {
    let mut taxonomies = Vec::with_capacity(config.taxonomies.len());
    let mut article_terms: Vec<Vec<Vec<usize>>> = vec![Vec::with_capacity(config.taxonomies.len()); articles.len()];
    for (t, name) in config.taxonomies.iter().enumerate() {
        // slug -> (spelling -> uses), articles
        let mut by_slug: HashMap<String, (BTreeMap<&str, usize>, Vec<ArticleId>)> = HashMap::new();
        let mut slugs_of_article: Vec<Vec<String>> = Vec::with_capacity(articles.len());
        for (id, article) in articles.iter().enumerate() {
            let mut slugs: Vec<String> = Vec::new();
            for written in article.terms.get(t).into_iter().flatten() {
                let canonical = entities.canonical(name, written);
                let slug = slug::slugify(canonical);
                let entry = by_slug.entry(slug.clone()).or_default();
                *entry.0.entry(canonical).or_default() += 1;
                if !slugs.contains(&slug) {
                    entry.1.push(id);
                    slugs.push(slug);
                }
            }
            slugs_of_article.push(slugs);
        }
        let mut terms: Vec<Term> = by_slug
            .into_iter()
            .map(|(slug, (spellings, articles))| {
                // The most used spelling names the term; ties go to the first alphabetically.
                let display = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(s, _)| s.to_string())
                    .unwrap_or_default();
                let description = entities.description(name, &display).map(str::to_owned);
                Term { name: display, slug, description, articles }
            })
            .collect();
        terms.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.slug.cmp(&b.slug)));
        let index: HashMap<&str, usize> = terms.iter().enumerate().map(|(i, term)| (term.slug.as_str(), i)).collect();
        for (id, slugs) in slugs_of_article.iter().enumerate() {
            article_terms[id].push(slugs.iter().map(|s| index[s.as_str()]).collect());
        }
        taxonomies.push(Taxonomy { name: name.clone(), terms });
    }
    (taxonomies, article_terms)
}

#[cfg(test)]
mod tests;
