//! Articles + topics -> the site: order, taxonomies, timelines, related articles. Pure.

pub mod entities;
mod related;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

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
    /// Articles left out because they are dated in the future: their files and dates.
    pub scheduled: Vec<(PathBuf, chrono::DateTime<chrono::FixedOffset>)>,
}

/// Options that change which articles a site has.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteOptions {
    pub include_drafts: bool,
    /// Articles dated after `now` are scheduled: left out unless this is set.
    pub include_future: bool,
    /// The moment the build runs; `None` publishes everything (no scheduling).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl SiteOptions {
    /// Whether an article is on the site with these options (not a withheld draft or scheduled one).
    pub fn publishes(&self, article: &Article) -> bool {
        (self.include_drafts || !article.draft)
            && (self.include_future || self.now.is_none_or(|now| article.date <= now))
    }
}

/// What an earlier assembly of the same site found that a new one can reuse (`serve`).
#[derive(Debug, Clone, Default)]
pub struct Reuse {
    /// The earlier site's article paths, by its ids.
    pub paths: Vec<PathBuf>,
    /// The earlier site's related lists, by its ids.
    pub related: Vec<Vec<ArticleId>>,
    /// Paths of the articles that are new or differ from the earlier site's.
    pub changed: Vec<PathBuf>,
}

impl Site {
    /// Assembles the site. Reports duplicate slugs; everything else was checked when parsing.
    pub fn assemble(
        config: SiteConfig,
        articles: Vec<Article>,
        topics: Vec<Topic>,
        entities: &Entities,
        options: SiteOptions,
    ) -> Result<Site, Vec<Diagnostic>> {
        Site::assemble_reusing(config, articles, topics, entities, options, None)
    }

    /// Assembles the site like `assemble`, recomputing related articles only where
    /// the `reuse`d earlier lists can have changed. Gives the same site.
    pub fn assemble_reusing(
        config: SiteConfig,
        mut articles: Vec<Article>,
        mut topics: Vec<Topic>,
        entities: &Entities,
        options: SiteOptions,
        reuse: Option<Reuse>,
    ) -> Result<Site, Vec<Diagnostic>> {
        let pages: HashMap<PathBuf, (String, bool)> = articles
            .iter()
            .map(|a| (a.path.clone(), (format!("/articles/{}/", a.slug), !options.publishes(a))))
            .chain(topics.iter().map(|t| (t.path.clone(), (format!("/topics/{}/", t.slug), false))))
            .collect();
        let scheduled = articles
            .iter()
            .filter(|a| (options.include_drafts || !a.draft) && !options.publishes(a))
            .map(|a| (a.path.clone(), a.date))
            .collect();
        articles.retain(|a| options.publishes(a));
        resolve_file_links(&mut articles, &pages, &config.base_path)?;
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
        let related = match reuse {
            None => related::related_articles(&article_topics, &article_terms, &taxonomies),
            Some(reuse) => {
                let (previous, changed) = reused_related(&articles, reuse);
                related::update_related(&article_topics, &article_terms, &taxonomies, previous, &changed)
            }
        };
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
        Ok(Site { config, articles, topics, taxonomies, article_topics, article_terms, related, neighbours, scheduled })
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

/// The earlier related lists in the ids of `articles` (`None` where one cannot be
/// reused), and the ids of the changed articles.
fn reused_related(articles: &[Article], reuse: Reuse) -> (Vec<Option<Vec<ArticleId>>>, Vec<ArticleId>) {
    let ids: HashMap<&Path, ArticleId> = articles.iter().enumerate().map(|(id, a)| (a.path.as_path(), id)).collect();
    let now: Vec<Option<ArticleId>> = reuse.paths.iter().map(|path| ids.get(path.as_path()).copied()).collect();
    let mut previous = vec![None; articles.len()];
    for (old, list) in reuse.related.into_iter().enumerate() {
        if let Some(id) = now[old] {
            previous[id] = list.iter().map(|&other| now[other]).collect();
        }
    }
    let changed = reuse.changed.iter().filter_map(|path| ids.get(path.as_path()).copied()).collect();
    (previous, changed)
}

/// Replaces the placeholders of links to source files with the URLs of their pages.
fn resolve_file_links(
    articles: &mut [Article],
    pages: &HashMap<PathBuf, (String, bool)>,
    base_path: &str,
) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for article in articles.iter_mut().filter(|a| !a.file_links.is_empty()) {
        for (index, link) in article.file_links.iter().enumerate() {
            let url = match pages.get(&link.resolved) {
                Some((_, true)) => {
                    problems.push(Diagnostic::new(
                        &article.path,
                        link.line,
                        link.column,
                        format!(
                            "link to `{}`, which is not published (a draft, or dated in the future); publish it or remove the link",
                            link.written
                        ),
                    ));
                    continue;
                }
                Some((path, _)) => format!("{base_path}{path}"),
                None => {
                    problems.push(Diagnostic::new(
                        &article.path,
                        link.line,
                        link.column,
                        format!(
                            "link to `{}`, but {} is not an article or topic of this site",
                            link.written,
                            link.resolved.display()
                        ),
                    ));
                    continue;
                }
            };
            let href = match &link.fragment {
                Some(fragment) => format!("{url}#{fragment}"),
                None => url,
            };
            let placeholder = crate::content::markdown::file_link_placeholder(index);
            article.html = article.html.replace(&format!("\"{placeholder}\""), &format!("\"{href}\""));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// Articles that would make the same page: one diagnostic per article involved.
pub fn check_duplicate_slugs(articles: &[Article]) -> Result<(), Vec<Diagnostic>> {
    // Counted first: a site has thousands of slugs and (nearly always) no duplicate.
    let mut uses: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    for article in articles {
        *uses.entry(&article.slug).or_default() += 1;
    }
    let mut by_slug: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for article in articles.iter().filter(|a| uses[a.slug.as_str()] > 1) {
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
        // Terms with the same slug are one: (slug, spelling -> uses, articles), in order of appearance.
        let mut groups: Vec<(String, BTreeMap<&str, usize>, Vec<ArticleId>)> = Vec::new();
        let mut group_of_slug: HashMap<String, usize> = HashMap::new();
        // Few distinct names among many uses: each is resolved once to (group, canonical name).
        let mut resolved: HashMap<&str, (usize, &str)> = HashMap::new();
        let mut groups_of_article: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
        for (id, article) in articles.iter().enumerate() {
            let mut mine: Vec<usize> = Vec::new();
            for written in article.terms.get(t).into_iter().flatten() {
                let &mut (group, canonical) = resolved.entry(written.as_str()).or_insert_with(|| {
                    let canonical = entities.canonical(name, written);
                    let slug = slug::slugify(canonical);
                    let group = *group_of_slug.entry(slug.clone()).or_insert_with(|| {
                        groups.push((slug, BTreeMap::new(), Vec::new()));
                        groups.len() - 1
                    });
                    (group, canonical)
                });
                *groups[group].1.entry(canonical).or_default() += 1;
                if !mine.contains(&group) {
                    groups[group].2.push(id);
                    mine.push(group);
                }
            }
            groups_of_article.push(mine);
        }
        let mut terms: Vec<(usize, Term)> = groups
            .into_iter()
            .enumerate()
            .map(|(group, (slug, spellings, articles))| {
                // The most used spelling names the term; ties go to the first alphabetically.
                let display = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(s, _)| s.to_string())
                    .unwrap_or_default();
                let description = entities.description(name, &display).map(str::to_owned);
                (group, Term { name: display, slug, description, articles })
            })
            .collect();
        terms.sort_by_cached_key(|(_, term)| (term.name.to_lowercase(), term.slug.clone()));
        let mut index = vec![0; terms.len()];
        for (position, (group, _)) in terms.iter().enumerate() {
            index[*group] = position;
        }
        for (id, groups) in groups_of_article.iter().enumerate() {
            article_terms[id].push(groups.iter().map(|&group| index[group]).collect());
        }
        taxonomies.push(Taxonomy { name: name.clone(), terms: terms.into_iter().map(|(_, term)| term).collect() });
    }
    (taxonomies, article_terms)
}

#[cfg(test)]
mod tests;
