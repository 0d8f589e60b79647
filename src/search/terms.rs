//! Each article's distinct words, tokenised apart from the others (in parallel, and kept by
//! `serve` between edits), and the lexicon that stems each distinct word once.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use super::text::{Stemmers, each_html_word, each_word};

/// What the index reads of one document: an article, or a standalone page.
#[derive(Clone, Copy)]
pub(crate) struct Searchable<'a> {
    pub lang: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub html: &'a str,
    /// The names of its tags and entities, every alias and translation, so that a search
    /// for any of them finds it.
    pub names: &'a str,
}

/// What the index keeps of one document.
pub(crate) struct ArticleTerms {
    /// The lexicon entries of its distinct words, each as `entry << 1 | in_title`.
    pub terms: Vec<u32>,
}

/// The articles tokenised so far, by the fingerprint of what their terms are made from.
/// `build` fills it once; `serve` keeps it, so that an edit tokenises only what changed.
#[derive(Default)]
pub(crate) struct TermCache {
    pub lexicon: Lexicon,
    articles: FxHashMap<u64, Arc<ArticleTerms>>,
}

/// Articles tokenised together: bounds the memory of the words of articles in flight.
const ARTICLES_PER_BATCH: usize = 2_048;

impl TermCache {
    /// The terms of every document of `articles`, in their order; tokenises only the
    /// documents not seen before and forgets those gone.
    pub(crate) fn terms(&mut self, articles: &[Searchable<'_>]) -> Vec<Arc<ArticleTerms>> {
        let keys: Vec<u64> = articles.par_iter().map(fingerprint).collect();
        let mut missing: Vec<usize> =
            (0..articles.len()).filter(|&id| !self.articles.contains_key(&keys[id])).collect();
        // The same text twice is tokenised once.
        missing.dedup_by_key(|id| keys[*id]);
        for batch in missing.chunks(ARTICLES_PER_BATCH) {
            let tokenised: Vec<Tokens> = batch.par_iter().map(|&id| Tokens::of(articles[id])).collect();
            for (&id, tokens) in batch.iter().zip(tokenised) {
                let terms = self.lexicon.entries(articles[id].lang, &tokens);
                self.articles.insert(keys[id], Arc::new(ArticleTerms { terms }));
            }
        }
        self.lexicon.stem_pending();
        let terms: Vec<Arc<ArticleTerms>> = keys.iter().map(|key| Arc::clone(&self.articles[key])).collect();
        if self.articles.len() > keys.len() {
            let current: rustc_hash::FxHashSet<u64> = keys.into_iter().collect();
            self.articles.retain(|key, _| current.contains(key));
        }
        terms
    }
}

/// A fingerprint of what a document's terms are made from.
fn fingerprint(article: &Searchable<'_>) -> u64 {
    let mut hasher = FxHasher::default();
    (article.lang, article.title, article.summary, article.html, article.names).hash(&mut hasher);
    hasher.finish()
}

/// An article's distinct words (lower case), as one string of words each followed by a
/// space, rather than a string apiece.
struct Tokens {
    words: String,
    in_title: Vec<bool>,
}

impl Tokens {
    fn of(article: Searchable<'_>) -> Tokens {
        let mut unique: FxHashMap<Cow<'_, str>, bool> = FxHashMap::with_capacity_and_hasher(512, Default::default());
        each_word(article.title, &mut |word| {
            unique.insert(word, true);
        });
        let mut add = |word| {
            unique.entry(word).or_default();
        };
        each_word(article.summary, &mut add);
        each_word(article.names, &mut add);
        each_html_word(article.html, &mut add);
        let mut words = String::with_capacity(unique.keys().map(|w| w.len() + 1).sum());
        let mut in_title = Vec::with_capacity(unique.len());
        for (word, title) in unique {
            words.push_str(&word);
            words.push(' ');
            in_title.push(title);
        }
        Tokens { words, in_title }
    }
}

/// Which stemmer a language's words go through: words are keyed by it.
fn stemmer_of(lang: &str) -> usize {
    match lang.split(['-', '_']).next().unwrap_or_default() {
        "en" => 0,
        "fr" => 1,
        _ => 2,
    }
}
const STEMMER_LANGS: [&str; 3] = ["en", "fr", ""];

/// Strings, each stored once and named by a number.
#[derive(Default)]
pub(crate) struct Names {
    ids: FxHashMap<Box<str>, u32>,
    pub names: Vec<Box<str>>,
}

impl Names {
    fn id(&mut self, name: String) -> u32 {
        if let Some(&id) = self.ids.get(name.as_str()) {
            return id;
        }
        let id = self.names.len() as u32;
        let name = name.into_boxed_str();
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }
}

/// Every lower-case word met so far, by stemmer: its folded form and its stem, so that
/// each distinct word is folded and stemmed once.
#[derive(Default)]
pub(crate) struct Lexicon {
    by_stemmer: [FxHashMap<Box<str>, u32>; 3],
    /// Per entry: its folded word and stem (ids in `words`, `stems`); `None` for a stop word.
    pub entries: Vec<Option<(u32, u32)>>,
    pub words: Names,
    pub stems: Names,
    /// Entries not stemmed yet: (entry, stemmer, lower-case word).
    pending: Vec<(u32, usize, Box<str>)>,
}

impl Lexicon {
    /// The entries of an article's words, adding the words not met before.
    fn entries(&mut self, lang: &str, tokens: &Tokens) -> Vec<u32> {
        let stemmer = stemmer_of(lang);
        let known = &mut self.by_stemmer[stemmer];
        let mut terms = Vec::with_capacity(tokens.in_title.len());
        for (word, &in_title) in tokens.words.split_terminator(' ').zip(&tokens.in_title) {
            let entry = match known.get(word) {
                Some(&entry) => entry,
                None => {
                    let entry = self.entries.len() as u32;
                    self.entries.push(None);
                    known.insert(word.into(), entry);
                    self.pending.push((entry, stemmer, word.into()));
                    entry
                }
            };
            terms.push(entry << 1 | u32::from(in_title));
        }
        terms
    }

    /// Folds and stems the words added since the last call, in parallel.
    fn stem_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let stemmers = Stemmers::default();
        let keys: Vec<Option<(String, String)>> =
            pending.par_iter().map(|(_, stemmer, word)| stemmers.key(STEMMER_LANGS[*stemmer], word)).collect();
        for ((entry, _, _), key) in pending.iter().zip(keys) {
            self.entries[*entry as usize] = key.map(|(word, stem)| (self.words.id(word), self.stems.id(stem)));
        }
    }
}
