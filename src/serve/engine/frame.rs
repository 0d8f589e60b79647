//! A topic file or entities.yaml changed: the articles are assembled again as they were
//! parsed (they depend on the topics' slugs only), and only the pages that show what
//! changed are rendered: a topic's intro or summary, a title on the pages of its
//! articles and in every list showing them, a term's name or description.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::content::Topic;
use crate::plan::{parse_entities, parse_topics, site_options, topic_slugs, topic_titles};
use crate::render::Route;
use crate::route::{LanguageId, TaxonomyId, TermId, TopicId};
use crate::site::{Entities, Reuse, Site, TopicEntry};

use super::affected::{Links, Shown};
use super::{Engine, Frame, Origin, Outcome, Scope};

/// The pages of topic `t` that show its fields that changed, in each language of the
/// site (its title shows further: on its articles' pages and in lists, through `Links`).
/// A language without a translation of the topic shows the default language's text.
fn topic_pages(site: &Site, t: TopicId, before: Option<&[Topic]>, after: &TopicEntry) -> Vec<Route> {
    let mut pages = Vec::new();
    let mut retitled = false;
    for lang in site.routes.languages() {
        let code = &site.config.languages[lang.0].code;
        let listed = [Route::Topic(lang, t), Route::TopicFeed(lang, t), Route::TopicIndex(lang), Route::Home(lang)];
        let now = after.translation(code).unwrap_or(&after.topic);
        let Some(before) = before else {
            pages.extend(listed);
            retitled = true;
            continue;
        };
        let was = before.iter().find(|topic| topic.translation_language() == Some(code.as_str()));
        let was = was.unwrap_or(&before[0]);
        if (&was.title, &was.summary) != (&now.title, &now.summary) {
            pages.extend(listed);
            retitled |= was.title != now.title;
        } else if was.intro_html != now.intro_html {
            pages.push(Route::Topic(lang, t));
        }
    }
    if retitled {
        // The search manifest names the topic among its facets, even with no article in it.
        pages.push(Route::SearchIndex);
    }
    pages
}

impl Engine {
    /// Parses the topics and entities again and rebuilds from the articles as parsed;
    /// `None` when that cannot be done (the topics' slugs changed, or there is no site
    /// yet): then everything is parsed again.
    pub(super) fn rebuild_frame(&mut self) -> Option<Outcome> {
        let elsewhere = self.problems.keys().any(|origin| !matches!(origin, Origin::Topics | Origin::Entities));
        if self.site.is_none() || self.render_all || !self.pending.is_empty() || elsewhere {
            return None;
        }
        let frame = self.frame.as_ref()?;
        let (topics, topic_problems) = parse_topics(&self.source.topics, &frame.config.languages[1..]);
        let topic_slugs = topic_slugs(&topics);
        let topic_titles = topic_titles(&topics);
        // Problems in articles (whose messages may name a topic's title) took the slow path above.
        if topic_slugs != frame.topic_slugs || !topic_problems.is_empty() {
            return None;
        }
        self.problems.remove(&Origin::Topics);
        let (entities, entity_problems) = parse_entities(self.source.entities.as_ref(), &frame.config);
        if !entity_problems.is_empty() {
            // The frame stays the one the served site was assembled with.
            self.problems.insert(Origin::Entities, entity_problems);
            return Some(Outcome::Failed(self.all_problems()));
        }
        self.problems.remove(&Origin::Entities);
        let before = self.frame.take()?;
        self.frame = Some(Frame { config: before.config, topics, topic_slugs, topic_titles, entities });
        let before_entities = before.entities;
        Some(self.reassemble(&before_entities))
    }

    /// Assembles the site again with the new frame, reusing every related list that the
    /// change cannot touch, and renders what shows differently.
    fn reassemble(&mut self, before_entities: &Entities) -> Outcome {
        let frame = self.frame.as_ref().expect("set by the caller");
        let old = self.site.take().expect("checked by the caller");
        // Articles filed under other terms: their related lists are computed again.
        let refiled = refiled(&old, before_entities, &frame.entities);
        // Articles in a topic whose title changed show it on their pages and in lists.
        let renamed_topics: Vec<usize> = old
            .topics
            .iter()
            .enumerate()
            .filter(|(_, entry)| !same_names(&frame.topics, entry))
            .map(|(t, _)| t)
            .collect();
        let mut shown_differently: Vec<PathBuf> = refiled.clone();
        for &t in &renamed_topics {
            // Every version carrying the topic (`articles` of a topic lists one per story).
            let carriers = old.article_topics.iter().enumerate().filter(|(_, topics)| topics.contains(&t));
            shown_differently.extend(carriers.map(|(id, _)| old.articles[id].path.clone()));
        }
        shown_differently.sort();
        shown_differently.dedup();
        let links = Links::of(&old, &shown_differently);
        // Each topic (first) with its translations.
        let before_topics: BTreeMap<String, Vec<Topic>> = old
            .topics
            .iter()
            .map(|entry| {
                let versions = std::iter::once(&entry.topic).chain(&entry.translations).cloned().collect();
                (entry.topic.slug.clone(), versions)
            })
            .collect();
        let before_order: Vec<String> = old.topics.iter().map(|entry| entry.topic.slug.clone()).collect();
        let before_terms: HashMap<(String, String), TermText> = old
            .taxonomies
            .iter()
            .flat_map(|taxonomy| {
                taxonomy.terms.iter().map(|term| {
                    let text = (term.description.clone(), term.descriptions.clone(), term.names.clone());
                    ((taxonomy.name.clone(), term.slug.clone()), text)
                })
            })
            .collect();

        let paths = old.articles.iter().map(|article| article.path.clone()).collect();
        let reuse = Reuse { paths, related: old.related, changed: refiled.clone() };
        let mut articles = old.articles;
        articles.extend(std::mem::take(&mut self.withheld).into_values());
        let options = site_options(&self.options);
        self.withheld = super::withheld(&articles, &options);
        let (config, topics) = (frame.config.clone(), frame.topics.clone());
        let site = match Site::assemble_reusing(config, articles, topics, &frame.entities, options, Some(reuse)) {
            Ok(site) => site,
            Err(problems) => {
                self.problems.insert(Origin::Site, problems);
                self.reparse = true;
                return Outcome::Failed(self.all_problems());
            }
        };
        let order: Vec<String> = site.topics.iter().map(|entry| entry.topic.slug.clone()).collect();
        let mut pages = Vec::new();
        for (t, entry) in site.topics.iter().enumerate() {
            let before = before_topics.get(&entry.topic.slug).map(Vec::as_slice);
            pages.extend(topic_pages(&site, TopicId(t), before, entry));
        }
        for (t, taxonomy) in site.taxonomies.iter().enumerate() {
            for (index, term) in taxonomy.terms.iter().enumerate() {
                let key = (taxonomy.name.clone(), term.slug.clone());
                let before = before_terms.get(&key);
                let term_page = Route::Term(LanguageId::DEFAULT, TaxonomyId(t), TermId(index));
                // Its description shows on its page in each language: in that language,
                // else in the default one.
                for lang in site.routes.languages() {
                    let code = &site.config.languages[lang.0].code;
                    let now = term.descriptions.get(code).or(term.description.as_ref());
                    if before.is_none_or(|(description, descriptions, _)| {
                        descriptions.get(code).or(description.as_ref()) != now
                    }) {
                        pages.push(Route::Term(lang, TaxonomyId(t), TermId(index)));
                    }
                }
                // Its names in other languages show on its page, its taxonomy's index, the
                // search page's facets and the pages of the articles carrying it.
                if before.is_some_and(|(_, _, names)| *names != term.names) {
                    let index_page = Route::TaxonomyIndex(LanguageId::DEFAULT, TaxonomyId(t));
                    let search_page = Route::Search(LanguageId::DEFAULT);
                    pages.extend(site.routes.in_every_language([term_page, index_page, search_page]));
                    let carriers = site.article_terms.iter().enumerate().filter(|(_, terms)| terms[t].contains(&index));
                    pages.extend(carriers.map(|(id, _)| Route::Article(crate::site::ArticleId(id))));
                }
            }
        }
        self.site = Some(site);
        // The order of topics shows on the home page, the topics overview and the sitemap,
        // and in `site.topics` of any template: a rare change, rendered in full.
        let scope = if order != before_order || self.topics_in_templates() {
            Scope::All
        } else {
            let shown = if refiled.is_empty() { Shown::Differently } else { Shown::UnderOtherTerms };
            Scope::Frame { links, shown, pages }
        };
        self.render(scope, &shown_differently)
    }

    /// Whether a site template may show the list of topics (`site.topics`) on any page.
    fn topics_in_templates(&self) -> bool {
        self.source.templates.iter().any(|file| file.text.contains("site.topics"))
    }
}

/// A term's description, its descriptions and names in other languages.
type TermText = (Option<String>, BTreeMap<String, String>, BTreeMap<String, String>);

/// Whether a topic has the same titles in every language in `topics` (the new files,
/// translations included) as in the site.
fn same_names(topics: &[Topic], entry: &crate::site::TopicEntry) -> bool {
    let mut now: Vec<(Option<&str>, &str)> = topics
        .iter()
        .filter(|t| t.slug == entry.topic.slug)
        .map(|t| (t.translation_language(), t.title.as_str()))
        .collect();
    let mut before: Vec<(Option<&str>, &str)> = std::iter::once(&entry.topic)
        .chain(&entry.translations)
        .map(|t| (t.translation_language(), t.title.as_str()))
        .collect();
    now.sort();
    before.sort();
    now == before
}

/// The paths of the articles whose terms fold into other canonical names with the new
/// entities than with the old ones.
fn refiled(site: &Site, before: &Entities, after: &Entities) -> Vec<PathBuf> {
    let mut cache: HashMap<(usize, &str), bool> = HashMap::new();
    site.articles
        .iter()
        .filter(|article| {
            article.terms.iter().enumerate().any(|(t, written)| {
                let taxonomy = &site.config.taxonomies[t];
                written.iter().any(|name| {
                    *cache
                        .entry((t, name.as_str()))
                        .or_insert_with(|| before.canonical(taxonomy, name) != after.canonical(taxonomy, name))
                })
            })
        })
        .map(|article| article.path.clone())
        .collect()
}
