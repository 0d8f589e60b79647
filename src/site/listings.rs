//! What each language's listings show: a topic's or a term's articles per language, and
//! an article's older and newer neighbours in its language's listing of its first topic.

use super::{ArticleId, Taxonomy, Term, TopicEntry, Translations};
use crate::content::Topic;
use crate::route::{LanguageId, TopicId};

impl TopicEntry {
    /// The topic's articles as the listings of `lang` show them, newest first.
    pub fn listing(&self, lang: LanguageId) -> &[ArticleId] {
        listing(&self.articles, &self.articles_in_other_languages, lang)
    }

    /// The topic's translation into the language `code`, if it has one.
    pub fn translation(&self, code: &str) -> Option<&Topic> {
        self.translations.iter().find(|t| t.translation_language().as_deref() == Some(code))
    }
}

fn listing<'a>(default: &'a [ArticleId], others: &'a [Vec<ArticleId>], lang: LanguageId) -> &'a [ArticleId] {
    match lang.0.checked_sub(1) {
        None => default,
        Some(other) => &others[other],
    }
}

impl Term {
    /// The term's articles as the listings of `lang` show them, newest first.
    pub fn listing(&self, lang: LanguageId) -> &[ArticleId] {
        listing(&self.articles, &self.articles_in_other_languages, lang)
    }

    /// The term's name in the language `code` (entities.yaml `names:`), else its name.
    pub fn name_in(&self, code: &str) -> &str {
        self.names.get(code).map_or(&self.name, String::as_str)
    }

    /// The term's description in the language `code` (entities.yaml `descriptions:`) and
    /// that language, else its default-language description and `default`.
    pub fn description_in<'t>(&'t self, code: &'t str, default: &'t str) -> Option<(&'t str, &'t str)> {
        match self.descriptions.get(code) {
            Some(description) => Some((description, code)),
            None => self.description.as_deref().map(|description| (description, default)),
        }
    }
}

/// Per language after the default, per topic: the articles its listings show, newest
/// first (`article_topics`: each article's topics).
pub(super) fn topic_listings(
    translations: &Translations,
    article_topics: &[Vec<TopicId>],
    topic_count: usize,
    language_count: usize,
) -> Vec<Vec<Vec<ArticleId>>> {
    LanguageId::all(language_count)
        .skip(1)
        .map(|lang| {
            let mut lists = vec![Vec::new(); topic_count];
            for (id, indices) in article_topics.iter().enumerate() {
                if translations.is_listed(lang, ArticleId(id)) {
                    indices.iter().for_each(|&t| lists[t].push(ArticleId(id)));
                }
            }
            lists
        })
        .collect()
}

/// Keeps in each term's `articles` what the default language lists, and what each other
/// language lists in its `articles_in_other_languages`.
pub(super) fn list_terms(taxonomies: &mut [Taxonomy], translations: &Translations, language_count: usize) {
    for term in taxonomies.iter_mut().flat_map(|t| &mut t.terms) {
        term.articles_in_other_languages = LanguageId::all(language_count)
            .skip(1)
            .map(|lang| term.articles.iter().copied().filter(|&id| translations.is_listed(lang, id)).collect())
            .collect();
        term.articles.retain(|&id| translations.listed[id]);
    }
}

/// Per article: the older and the newer article of its first topic, in the listing of its
/// own language (`topic_articles`: the default language's listings of each topic).
pub(super) fn neighbours(
    article_topics: &[Vec<TopicId>],
    article_languages: &[LanguageId],
    topic_articles: &[Vec<ArticleId>],
    topic_articles_in_other_languages: &[Vec<Vec<ArticleId>>],
) -> Vec<(Option<ArticleId>, Option<ArticleId>)> {
    article_topics
        .iter()
        .enumerate()
        .map(|(id, indices)| {
            let Some(&first) = indices.first() else { return (None, None) };
            let list = match article_languages[id].0.checked_sub(1) {
                None => &topic_articles[first],
                Some(other) => &topic_articles_in_other_languages[other][first],
            };
            let Ok(position) = list.binary_search(&ArticleId(id)) else { return (None, None) };
            let older = list.get(position + 1).copied();
            let newer = position.checked_sub(1).map(|p| list[p]);
            (older, newer)
        })
        .collect()
}
