//! The search index: a sharded, stemmed inverted index written as small JSON files, so that
//! the browser downloads only the shards a query needs. Pure: `&Site` in, files out.
//!
//! Files (under `search/`, listed by the manifest `search-index.json`):
//! - `w/N.json` vocabulary shards: folded word -> stem (a list when languages disagree);
//! - `p/N.json` posting shards: stem -> `[title ids, other ids]` (ids encoded by `encode_ids`);
//! - `d/N.json` documents, `DOCS_PER_CHUNK` a file: title, URL, date, language, summary, text;
//! - `f/<facet>/<value>.json` the ids of the documents with that facet value.
//!
//! Document ids are positions in the site's article order (newest first), so a lower id is
//! a newer article and runs of ids compress.

mod encode;
pub mod text;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

pub use encode::{decode_ids, encode_ids};
use text::{STOP_WORDS, Stemmers, html_text, words};

use crate::route::Route;
use crate::site::{ArticleId, Site};

/// Documents per `d/N.json` file: a page of results touches few of them.
pub const DOCS_PER_CHUNK: usize = 8;
/// Characters of an article's text kept for excerpts (the whole text is indexed).
pub const EXCERPT_TEXT_MAX: usize = 1_200;
/// Target size of a posting shard and of a vocabulary shard, in bytes.
const POSTING_SHARD_BYTES: usize = 24_000;
const VOCABULARY_SHARD_BYTES: usize = 12_000;

/// One file of the index, by its path under the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A facet (URL parameter `key`) and its values, for the manifest and the search page.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    /// The URL parameter: `topic`, `organization`, `region`, `lang`, `year`.
    pub key: &'static str,
    /// The taxonomy it comes from, for its label (`organizations`), if any.
    pub taxonomy: Option<String>,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    /// Stable in URLs: a slug, a language code or a year.
    pub id: String,
    pub name: String,
    pub count: usize,
    #[serde(skip)]
    pub docs: Vec<u32>,
}

/// The whole index: the manifest, its files, and the facets the search page offers.
pub struct SearchIndex {
    pub manifest: Vec<u8>,
    pub files: Vec<SearchFile>,
    pub facets: Vec<Facet>,
}

/// A document's entry in `d/N.json`.
#[derive(Serialize)]
struct DocEntry<'a> {
    t: &'a str,
    u: String,
    d: String,
    l: &'a str,
    s: &'a str,
    x: String,
}

/// Articles tokenised together: bounds the memory of the words of articles in flight.
const ARTICLES_PER_BATCH: usize = 2_048;

/// Words and stems, each stored once and named by a number.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, name: String) -> u32 {
        if let Some(&id) = self.ids.get(&name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }

    /// Ids in the order of their names, as shards are cut.
    fn sorted(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..self.names.len() as u32).collect();
        ids.sort_unstable_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        ids
    }
}

pub fn index(site: &Site) -> SearchIndex {
    let stemmers = Stemmers::default();
    // (language, lower-case word) -> (word id, stem id); `None` for a stop word. Each
    // distinct word is stemmed once.
    let mut known: HashMap<(&str, String), Option<(u32, u32)>> = HashMap::new();
    let mut words_seen = Interner::default();
    let mut stems_seen = Interner::default();
    let mut word_stems: Vec<Vec<u32>> = Vec::new();
    let mut postings: Vec<[Vec<u32>; 2]> = Vec::new();
    let mut excerpts: Vec<String> = Vec::with_capacity(site.articles.len());
    for (batch, articles) in site.articles.chunks(ARTICLES_PER_BATCH).enumerate() {
        let tokenised: Vec<(String, Vec<(String, bool)>)> = articles
            .par_iter()
            .map(|article| {
                let body = html_text(&article.html);
                let mut unique: HashMap<Cow<'_, str>, bool> = HashMap::new();
                for (text, in_title) in [(article.title.as_str(), true), (&article.summary, false), (&body, false)] {
                    for word in words(text) {
                        *unique.entry(word).or_default() |= in_title;
                    }
                }
                let unique = unique.into_iter().map(|(word, in_title)| (word.into_owned(), in_title)).collect();
                (body.chars().take(EXCERPT_TEXT_MAX).collect(), unique)
            })
            .collect();
        for (offset, (excerpt, unique)) in tokenised.into_iter().enumerate() {
            let id = batch * ARTICLES_PER_BATCH + offset;
            let lang = site.articles[id].lang.as_str();
            let mut stems: HashMap<u32, bool> = HashMap::new();
            for (word, in_title) in unique {
                let key = (lang, word);
                let ids = match known.get(&key) {
                    Some(&ids) => ids,
                    None => {
                        let ids = stemmers.key(lang, &key.1).map(|(folded, stem)| {
                            let word = words_seen.id(folded);
                            let stem = stems_seen.id(stem);
                            word_stems.resize_with(words_seen.names.len(), Vec::new);
                            postings.resize_with(stems_seen.names.len(), Default::default);
                            if !word_stems[word as usize].contains(&stem) {
                                word_stems[word as usize].push(stem);
                            }
                            (word, stem)
                        });
                        known.insert(key, ids);
                        ids
                    }
                };
                if let Some((_, stem)) = ids {
                    *stems.entry(stem).or_default() |= in_title;
                }
            }
            for (stem, in_title) in stems {
                postings[stem as usize][usize::from(!in_title)].push(id as u32);
            }
            excerpts.push(excerpt);
        }
    }

    let mut files = Vec::new();
    let vocabulary_entries: Vec<(&str, String)> = words_seen
        .sorted()
        .into_iter()
        .map(|word| {
            let stems = &word_stems[word as usize];
            let name = |stem: &u32| stems_seen.names[*stem as usize].as_str();
            let value = if stems.len() == 1 {
                json!(name(&stems[0]))
            } else {
                json!(stems.iter().map(name).collect::<Vec<_>>())
            };
            (words_seen.names[word as usize].as_str(), value.to_string())
        })
        .collect();
    let word_bounds = write_shards(&vocabulary_entries, VOCABULARY_SHARD_BYTES, "w", &mut files);
    let posting_entries: Vec<(&str, String)> = stems_seen
        .sorted()
        .into_iter()
        .map(|stem| {
            let [title, other] = &postings[stem as usize];
            let value = format!("[{},{}]", ids_json(title), ids_json(other));
            (stems_seen.names[stem as usize].as_str(), value)
        })
        .collect();
    let stem_bounds = write_shards(&posting_entries, POSTING_SHARD_BYTES, "p", &mut files);

    for (chunk, ids) in (0..site.articles.len()).collect::<Vec<_>>().chunks(DOCS_PER_CHUNK).enumerate() {
        let docs: Vec<DocEntry<'_>> = ids
            .iter()
            .map(|&id| {
                let article = &site.articles[id];
                DocEntry {
                    t: &article.title,
                    u: site.routes.url(Route::Article(ArticleId(id))),
                    d: article.date.format("%Y-%m-%d").to_string(),
                    l: &article.lang,
                    s: &article.summary,
                    x: std::mem::take(&mut excerpts[id]),
                }
            })
            .collect();
        files.push(SearchFile { path: format!("search/d/{chunk}.json"), bytes: inert_json(&docs) });
    }

    let facets = facets(site);
    for facet in &facets {
        for value in &facet.values {
            files.push(SearchFile {
                path: format!("search/f/{}/{}.json", facet.key, value.id),
                bytes: inert_json(&encode_ids(&value.docs)),
            });
        }
    }
    let manifest = json!({
        "version": 1,
        "count": site.articles.len(),
        "chunk": DOCS_PER_CHUNK,
        "base": site.routes.url(Route::Search(crate::route::LanguageId::DEFAULT)),
        "stop": STOP_WORDS,
        "words": word_bounds,
        "stems": stem_bounds,
        "facets": facets.iter().map(|f| json!({
            "key": f.key,
            "values": f.values.iter().map(|v| json!([v.id, v.name, v.count])).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    SearchIndex { manifest: inert_json(&manifest), files, facets }
}

/// A fingerprint of everything the index is made from, so that `serve` can tell when an
/// index made earlier still holds.
pub fn fingerprint(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    site.config.base_path.hash(&mut hasher);
    for article in &site.articles {
        (&article.slug, &article.title, &article.summary, &article.lang, &article.html).hash(&mut hasher);
        article.date.hash(&mut hasher);
    }
    for entry in &site.topics {
        (&entry.topic.slug, &entry.topic.title, &entry.articles).hash(&mut hasher);
    }
    for taxonomy in &site.taxonomies {
        taxonomy.name.hash(&mut hasher);
        for term in &taxonomy.terms {
            (&term.slug, &term.name, &term.articles).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Writes `entries` (key, JSON value; sorted by key) as shards `search/<dir>/N.json` and
/// returns the first key of each shard.
fn write_shards(entries: &[(&str, String)], target: usize, dir: &str, files: &mut Vec<SearchFile>) -> Vec<String> {
    let sizes: Vec<usize> = entries.iter().map(|(key, value)| key.len() + value.len() + 4).collect();
    let starts = encode::shard_starts(&sizes, target);
    let mut bounds = Vec::with_capacity(starts.len());
    for (shard, &start) in starts.iter().enumerate() {
        let end = starts.get(shard + 1).copied().unwrap_or(entries.len());
        let mut text = String::from("{");
        for (index, (key, value)) in entries[start..end].iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            text.push_str(&serde_json::to_string(key).expect("a string serialises"));
            text.push(':');
            text.push_str(value);
        }
        text.push('}');
        files.push(SearchFile { path: format!("search/{dir}/{shard}.json"), bytes: inert(text) });
        // The first shard starts at the smallest key, so that every key has a shard.
        bounds.push(if shard == 0 { String::new() } else { entries[start].0.to_owned() });
    }
    bounds
}

/// The facets of a site: topics, organizations and regions (when the site has those
/// taxonomies), languages and years, each value with the ids of its documents.
pub fn facets(site: &Site) -> Vec<Facet> {
    let mut facets = Vec::new();
    let topic_values = site
        .topics
        .iter()
        .map(|entry| value(&entry.topic.slug, &entry.topic.title, entry.articles.iter().map(|id| id.0 as u32)))
        .collect();
    facets.push(Facet { key: "topic", taxonomy: None, values: topic_values });
    for (key, name) in [("organization", "organizations"), ("region", "regions")] {
        if let Some(taxonomy) = site.taxonomies.iter().find(|t| t.name == name) {
            let values = taxonomy
                .terms
                .iter()
                .map(|term| value(&term.slug, &term.name, term.articles.iter().map(|id| id.0 as u32)))
                .collect();
            facets.push(Facet { key, taxonomy: Some(name.to_owned()), values });
        }
    }
    let mut languages: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut years: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
    for (id, article) in site.articles.iter().enumerate() {
        languages.entry(&article.lang).or_default().push(id as u32);
        years.entry(article.date.year()).or_default().push(id as u32);
    }
    let language_values = languages.into_iter().map(|(lang, ids)| value(lang, language_name(lang), ids)).collect();
    facets.push(Facet { key: "lang", taxonomy: None, values: language_values });
    let year_values =
        years.into_iter().rev().map(|(year, ids)| value(&year.to_string(), &year.to_string(), ids)).collect();
    facets.push(Facet { key: "year", taxonomy: None, values: year_values });
    facets
}

/// A language as its speakers name it, for the languages briefing has labels for.
fn language_name(code: &str) -> &str {
    match code.split(['-', '_']).next().unwrap_or_default() {
        "en" => "English",
        "fr" => "Français",
        _ => code,
    }
}

fn value(id: &str, name: &str, docs: impl IntoIterator<Item = u32>) -> FacetValue {
    let mut docs: Vec<u32> = docs.into_iter().collect();
    docs.sort_unstable();
    docs.dedup();
    FacetValue { id: id.to_owned(), name: name.to_owned(), count: docs.len(), docs }
}

/// An id list as `encode_ids` writes it, in JSON.
fn ids_json(ids: &[u32]) -> String {
    let mut text = String::from("[");
    for (index, value) in encode_ids(ids).into_iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        write!(text, "{value}").expect("writing to a String");
    }
    text.push(']');
    text
}

/// JSON that stays inert even if a file is served or inlined as HTML.
fn inert_json(value: &impl Serialize) -> Vec<u8> {
    inert(serde_json::to_string(value).expect("plain data serialises"))
}

fn inert(text: String) -> Vec<u8> {
    if text.contains('<') { text.replace('<', "\\u003c").into_bytes() } else { text.into_bytes() }
}

#[cfg(test)]
mod tests;
