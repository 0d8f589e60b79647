//! Articles + topics -> the site: order, taxonomies, timelines, related articles. Pure.

pub mod actors;
pub mod aliases;
pub mod authors;
pub mod entities;
mod listings;
pub mod measures;
mod pages;
pub mod periods;
mod related;
mod terms;
pub mod threads;
pub mod translations;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::Datelike;
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::{Article, StandalonePage, Topic};
use crate::diagnostic::Diagnostic;
pub use crate::route::ArticleId;
pub use crate::route::LanguageId;
use crate::route::{AuthorId, MeasureId, Routes, TermId, TopicId, topic_path, under};
pub use entities::Entities;
pub use terms::describe_terms;
pub use threads::{Thread, ThreadId, Threads};
pub use translations::Translations;

/// A topic with its articles, newest first.
#[derive(Debug, Clone)]
pub struct TopicEntry {
    pub topic: Topic,
    /// The topic in the site's other languages (`<slug>.fr.md`).
    pub translations: Vec<Topic>,
    /// What the default language's listings show of it.
    pub articles: Vec<ArticleId>,
    /// The same for each other language of the site (`Translations::is_listed`).
    pub articles_in_other_languages: Vec<Vec<ArticleId>>,
}

/// One term of a taxonomy (a tag, an organization, a region) and its articles, newest first.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Its description in the default language (entities.yaml `description:`).
    pub description: Option<String>,
    /// Its description in other languages (entities.yaml `descriptions:`), by language.
    pub descriptions: BTreeMap<String, String>,
    /// Its name in other languages (entities.yaml `names:`), by language.
    pub names: BTreeMap<String, String>,
    /// Its other spellings (entities.yaml `aliases:`), which search finds it by.
    pub aliases: Vec<String>,
    /// What entities.yaml says of it as an actor (`kind:`, `country:`, ...), if anything.
    pub facts: Option<actors::Facts>,
    /// What the default language's listings show of it.
    pub articles: Vec<ArticleId>,
    /// The same for each other language of the site.
    pub articles_in_other_languages: Vec<Vec<ArticleId>>,
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
    /// Per article: ids of its topics, in the article's order.
    pub article_topics: Vec<Vec<TopicId>>,
    /// Per article, per taxonomy: ids of its terms in that taxonomy.
    pub article_terms: Vec<Vec<Vec<TermId>>>,
    /// Per article: up to `related::LIMIT` related articles, best first.
    pub related: Vec<Vec<ArticleId>>,
    /// Per article: the older and the newer article of its first topic.
    pub neighbours: Vec<(Option<ArticleId>, Option<ArticleId>)>,
    /// Articles left out because they are dated in the future: their files and dates.
    pub scheduled: Vec<(PathBuf, chrono::DateTime<chrono::FixedOffset>)>,
    /// Drafts left out of the site (`draft: true`, without `--drafts`), by path.
    pub drafts_left_out: Vec<PathBuf>,
    /// Per article, per link to a source file (`Article::file_links`): the URL of the page
    /// it links to, base path and fragment included (empty when it links to no page).
    pub file_link_urls: Vec<Vec<String>>,
    /// The versions of each story, and which one listings show.
    pub translations: Translations,
    /// Per article: the language of the site its page belongs to (the default for an
    /// article in a language the site does not list).
    pub article_languages: Vec<LanguageId>,
    /// Standalone pages (`content/pages/`), each version its own: the default language's
    /// by weight and title, then the translations (`Site::with_pages`).
    pub pages: Vec<StandalonePage>,
    /// Per standalone page: its language.
    pub page_languages: Vec<LanguageId>,
    /// The authors of `content/authors.yaml`, by id (`Site::with_authors`).
    pub authors: Vec<authors::Author>,
    /// Per article: ids of its authors, in the article's order.
    pub article_authors: Vec<Vec<AuthorId>>,
    /// The story threads `follows:` makes.
    pub threads: Threads,
    /// The measures of `content/measures.yaml` (`Site::with_measures`).
    pub measures: Vec<measures::Measure>,
    /// Per article: ids of the measures it reports.
    pub article_measures: Vec<Vec<MeasureId>>,
    /// The address of every page.
    pub routes: Routes,
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

/// Whether two versions of an article take the same place in a site: then assembling the
/// site gives the same structure (order, topics, terms, translations, related articles),
/// and the new version can replace the old one where it is (`serve`). These are the
/// fields assembling reads; the text (title, summary, body) only shows on pages.
pub fn same_place(a: &Article, b: &Article) -> bool {
    fn place(article: &Article) -> impl PartialEq + '_ {
        (
            &article.slug,
            article.date,
            article.date_has_time,
            article.updated,
            &article.topics,
            &article.terms,
            &article.lang,
            &article.translation_key,
            article.draft,
            &article.follows,
            // An article without an image of its own has a share card: a page of its own.
            article.image.is_some(),
        )
    }
    place(a) == place(b)
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

    /// Assembles the site like `assemble_reusing`, and fails on any problem.
    pub fn assemble_reusing(
        config: SiteConfig,
        articles: Vec<Article>,
        topics: Vec<Topic>,
        entities: &Entities,
        options: SiteOptions,
        reuse: Option<Reuse>,
    ) -> Result<Site, Vec<Diagnostic>> {
        let (site, problems) = Site::assemble_despite_problems(config, articles, topics, entities, options, reuse);
        if problems.is_empty() { Ok(site) } else { Err(problems) }
    }

    /// Assembles the site, recomputing related articles only where the `reuse`d earlier
    /// lists can have changed (which gives the same site), and returns it with every
    /// problem found: a site whose pages can all be rendered and checked, without the
    /// articles that duplicate another's slug and with links to missing files leading nowhere.
    pub fn assemble_despite_problems(
        config: SiteConfig,
        mut articles: Vec<Article>,
        topics: Vec<Topic>,
        entities: &Entities,
        options: SiteOptions,
        reuse: Option<Reuse>,
    ) -> (Site, Vec<Diagnostic>) {
        let mut topics = topics;
        typeset_topics(&config, &mut topics);
        let pages: HashMap<PathBuf, (String, bool)> = articles
            .iter()
            .map(|a| (a.path.clone(), (config.article_path(a), !options.publishes(a))))
            .chain(topics.iter().map(|t| {
                // A translation's file leads to the topic's page in its language.
                let prefix = t.translation_language().map(|code| config.language_prefix(&code)).unwrap_or_default();
                (t.path.clone(), (format!("{prefix}{}", topic_path(&t.slug)), false))
            }))
            .collect();
        // A link to a topic's own file leads to its page in the language of the article.
        let topic_files: HashSet<&Path> =
            topics.iter().filter(|t| t.translation_language().is_none()).map(|t| t.path.as_path()).collect();
        let scheduled = articles
            .iter()
            .filter(|a| (options.include_drafts || !a.draft) && !options.publishes(a))
            .map(|a| (a.path.clone(), a.date))
            .collect();
        let drafts_left_out =
            articles.iter().filter(|a| a.draft && !options.include_drafts).map(|a| a.path.clone()).collect();
        let translation_problems = translations::check_translations(&articles, &config);
        articles.retain(|a| options.publishes(a));
        typeset_articles(&config, &mut articles);
        articles
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)).then_with(|| a.path.cmp(&b.path)));
        let mut problems = check_duplicate_slugs(&articles, &config).err().unwrap_or_default();
        problems.extend(translation_problems);
        if !problems.is_empty() {
            let mut taken = std::collections::HashSet::new();
            articles.retain(|a| taken.insert(config.article_path(a)));
        }
        let translations = Translations::group(&articles, &config);
        let threads = threads::threads(&articles, &translations, &mut problems);
        let file_link_urls = resolve_file_links(&articles, &pages, &topic_files, &config, &mut problems);

        let (topic_translations, mut topics): (Vec<Topic>, Vec<Topic>) =
            topics.into_iter().partition(|topic| topic.translation_language().is_some());
        topics.sort_by(|a, b| {
            a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)).then_with(|| a.slug.cmp(&b.slug))
        });
        let topic_index: HashMap<&str, TopicId> =
            topics.iter().enumerate().map(|(i, t)| (t.slug.as_str(), TopicId(i))).collect();
        let mut topic_articles: Vec<Vec<ArticleId>> = vec![Vec::new(); topics.len()];
        let mut article_topics = Vec::with_capacity(articles.len());
        for (id, article) in articles.iter().enumerate() {
            let mut indices: Vec<TopicId> = Vec::with_capacity(article.topics.len());
            for slug in &article.topics {
                if let Some(&index) = topic_index.get(slug.as_str())
                    && !indices.contains(&index)
                {
                    indices.push(index);
                    if translations.listed[id] {
                        topic_articles[index].push(ArticleId(id));
                    }
                }
            }
            article_topics.push(indices);
        }
        let mut topic_articles_in_other_languages =
            listings::topic_listings(&translations, &article_topics, topics.len(), config.languages.len());
        let article_languages: Vec<LanguageId> = articles.iter().map(|a| config.language_id(&a.lang)).collect();

        let (mut taxonomies, article_terms) = terms::build_taxonomies(&config, &articles, entities, &mut problems);
        let related = match reuse {
            None => related::related_articles(&article_topics, &article_terms, &taxonomies),
            Some(reuse) => {
                let (previous, changed) = reused_related(&articles, reuse);
                related::update_related(&article_topics, &article_terms, &taxonomies, previous, &changed)
            }
        };
        let related: Vec<Vec<ArticleId>> =
            related.into_iter().map(|list| list.into_iter().map(ArticleId).collect()).collect();
        // A story is listed once, by the version that `translations` picks. Related articles
        // are found among every version (serve updates them incrementally from these lists).
        listings::list_terms(&mut taxonomies, &translations, config.languages.len());
        let neighbours = listings::neighbours(
            &article_topics,
            &article_languages,
            &topic_articles,
            &topic_articles_in_other_languages,
        );
        let mut topics: Vec<TopicEntry> = topics
            .into_iter()
            .zip(topic_articles)
            .enumerate()
            .map(|(t, (topic, articles))| TopicEntry {
                topic,
                translations: Vec::new(),
                articles,
                articles_in_other_languages: topic_articles_in_other_languages
                    .iter_mut()
                    .map(|lists| std::mem::take(&mut lists[t]))
                    .collect(),
            })
            .collect();
        for translation in topic_translations {
            if let Some(entry) = topics.iter_mut().find(|entry| entry.topic.slug == translation.slug) {
                entry.translations.push(translation);
            }
        }
        let routes = Routes::new(
            &config.base_path,
            &config.base_url,
            config.languages.iter().map(|l| l.code.as_str()),
            articles.iter().map(|a| config.article_path(a)),
            topics.iter().map(|t| t.topic.slug.as_str()),
            taxonomies.iter().map(|t| (t.name.as_str(), t.terms.iter().map(|term| term.slug.as_str()).collect())),
        )
        .with_threads(threads.threads.iter().map(|thread| thread.slug.as_str()))
        .with_actor_feeds(actors::actor_terms(&taxonomies).into_iter());
        let article_count = articles.len();
        let site = Site {
            config,
            articles,
            topics,
            taxonomies,
            article_topics,
            article_terms,
            related,
            neighbours,
            scheduled,
            drafts_left_out,
            file_link_urls,
            translations,
            article_languages,
            pages: Vec::new(),
            page_languages: Vec::new(),
            authors: Vec::new(),
            article_authors: vec![Vec::new(); article_count],
            threads,
            measures: Vec::new(),
            article_measures: vec![Vec::new(); article_count],
            routes,
        };
        (site, problems)
    }

    /// The articles that listings show, newest first: one version of each story.
    pub fn listed(&self) -> Vec<ArticleId> {
        self.listed_in(LanguageId::DEFAULT)
    }

    /// The articles that the listings of `lang` show, newest first: one version of each
    /// story, in that language where it has one.
    pub fn listed_in(&self, lang: LanguageId) -> Vec<ArticleId> {
        let ids = crate::route::article_ids(self.articles.len());
        ids.filter(|&id| self.translations.is_listed(lang, id)).collect()
    }

    /// The stories of a thread, oldest first, each by the version the listings of `lang` show.
    pub fn thread_in(&self, thread: ThreadId, lang: LanguageId) -> Vec<ArticleId> {
        self.threads.threads[thread]
            .stories
            .iter()
            .map(|&story| {
                let versions = &self.translations.versions[story];
                versions.iter().copied().find(|&v| self.translations.is_listed(lang, v)).unwrap_or(story)
            })
            .collect()
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

    /// Drops every article's text (its HTML and table of contents) once the pages that
    /// show it are made (`Route::shows_article_bodies`): a build's other pages list
    /// articles and never show their text, which is the largest part of a site in memory.
    pub fn drop_article_bodies(&mut self) {
        for article in &mut self.articles {
            article.html = String::new();
            article.toc = Vec::new();
        }
    }
}

/// The earlier related lists in the ids of `articles` (`None` where one cannot be
/// reused), and the ids of the changed articles.
fn reused_related(articles: &[Article], reuse: Reuse) -> (Vec<Option<Vec<usize>>>, Vec<usize>) {
    let ids: HashMap<&Path, usize> = articles.iter().enumerate().map(|(id, a)| (a.path.as_path(), id)).collect();
    let now: Vec<Option<usize>> = reuse.paths.iter().map(|path| ids.get(path.as_path()).copied()).collect();
    let mut previous = vec![None; articles.len()];
    for (old, list) in reuse.related.into_iter().enumerate() {
        if let Some(id) = now[old] {
            previous[id] = list.iter().map(|&other| now[other]).collect();
        }
    }
    let changed = reuse.changed.iter().filter_map(|path| ids.get(path.as_path()).copied()).collect();
    (previous, changed)
}

/// The URL of the page each link to a source file leads to, per article; a link to a
/// file that is no published page is a problem, and leads nowhere.
fn resolve_file_links(
    articles: &[Article],
    pages: &HashMap<PathBuf, (String, bool)>,
    topic_files: &HashSet<&Path>,
    config: &SiteConfig,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Vec<String>> {
    let mut urls = Vec::with_capacity(articles.len());
    for article in articles {
        let mut resolved = Vec::with_capacity(article.file_links.len());
        for link in &article.file_links {
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
                    String::new()
                }
                Some((path, _)) => {
                    let url = if topic_files.contains(link.resolved.as_path()) {
                        under(&config.base_path, &format!("{}{path}", config.language_prefix(&article.lang)))
                    } else {
                        under(&config.base_path, path)
                    };
                    match &link.fragment {
                        Some(fragment) => format!("{url}#{fragment}"),
                        None => url,
                    }
                }
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
                    String::new()
                }
            };
            resolved.push(url);
        }
        urls.push(resolved);
    }
    urls
}

/// Articles that would make the same page: one diagnostic per article involved.
/// Counted by the page's path, whatever makes it the same: versions of one story in
/// different languages of the site may share a slug (their pages differ), but an article
/// in a language the site does not list has its page where the default language's are.
pub fn check_duplicate_slugs(articles: &[Article], config: &SiteConfig) -> Result<(), Vec<Diagnostic>> {
    let paths: Vec<String> = articles.iter().map(|article| config.article_path(article)).collect();
    // Counted first: a site has thousands of pages and (nearly always) no duplicate.
    let mut uses: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    for path in &paths {
        *uses.entry(path).or_default() += 1;
    }
    let mut by_page: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
    for (article, path) in articles.iter().zip(&paths).filter(|(_, path)| uses[path.as_str()] > 1) {
        by_page.entry(path.clone()).or_default().push(article);
    }
    let mut problems = Vec::new();
    // Two files of one story in one language (`x.md` and `x.en.md`) are reported by
    // `translations::check_translations`, which says what to do about them.
    let one_version =
        |same: &[&Article]| same.iter().all(|a| a.translation_key == same[0].translation_key && a.lang == same[0].lang);
    for (page, same) in by_page.into_iter().filter(|(_, same)| same.len() > 1 && !one_version(same)) {
        let slug = &same[0].slug;
        let mut paths: Vec<String> = same.iter().map(|a| a.path.display().to_string()).collect();
        paths.sort();
        for article in &same {
            let (line, column) = article.slug_position;
            let others: Vec<&str> =
                paths.iter().filter(|p| **p != article.path.display().to_string()).map(String::as_str).collect();
            // Why a page of another language lands here, when it does.
            let unlisted = same
                .iter()
                .find(|a| config.is_multilingual() && !config.languages.iter().any(|l| l.code == a.lang))
                .map(|a| {
                    format!(
                        " (`{}` is in `{}`, which is not one of the site's languages, so its page is the default language's)",
                        a.path.display(),
                        a.lang
                    )
                })
                .unwrap_or_default();
            problems.push(Diagnostic::new(
                &article.path,
                line,
                column,
                format!(
                    "duplicate slug `{slug}`: {} also makes {}{unlisted}; give one of them another `slug:`",
                    others.join(", "),
                    page
                ),
            ));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

#[cfg(test)]
mod tests;

/// Each article's title, summary, body, update notes and source name set in its language's typography (French
/// spaces, curly quotes). Setting a text twice changes nothing, so an article that
/// `serve` assembles again is safe.
fn typeset_articles(config: &SiteConfig, articles: &mut [Article]) {
    let interface = &config.interface;
    articles.par_iter_mut().for_each(|article| {
        let typography = interface.get(interface.locale_for(&article.lang)).typography();
        article.title = typography.text(&article.title);
        article.summary = typography.text(&article.summary);
        article.html = typography.html(&article.html);
        for update in &mut article.updates {
            update.note = typography.text(&update.note);
        }
        if let Some(source) = &mut article.source {
            source.name = typography.text(&source.name);
        }
    });
}

/// Each topic's title, summary and introduction in its language's typography.
fn typeset_topics(config: &SiteConfig, topics: &mut [Topic]) {
    let interface = &config.interface;
    for topic in topics {
        let lang = topic.translation_language().unwrap_or_else(|| config.language.clone());
        let typography = interface.get(interface.locale_for(&lang)).typography();
        topic.title = typography.text(&topic.title);
        topic.summary = typography.text(&topic.summary);
        topic.intro_html = typography.html(&topic.intro_html);
    }
}
