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

use std::collections::BTreeMap;

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

pub use encode::{decode_ids, encode_ids};
use text::{STOP_WORDS, Stemmers, html_text, words};

use crate::site::Site;

/// Documents per `d/N.json` file: a page of results touches few of them.
pub const DOCS_PER_CHUNK: usize = 16;
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

/// The index keys of one article: its (folded word, stem) pairs, and its stems with
/// whether the title has one of their words.
struct Keys {
    words: Vec<(String, String)>,
    stems: Vec<(String, bool)>,
}

pub fn index(site: &Site) -> SearchIndex {
    let stemmers = Stemmers::default();
    let texts: Vec<String> = site.articles.par_iter().map(|article| html_text(&article.html)).collect();
    let keys: Vec<Keys> = site
        .articles
        .par_iter()
        .zip(&texts)
        .map(|(article, body)| {
            let mut pairs: BTreeMap<String, String> = BTreeMap::new();
            let mut stems: BTreeMap<String, bool> = BTreeMap::new();
            for (text, in_title) in [(&article.title, true), (&article.summary, false), (body, false)] {
                for word in words(text) {
                    if let Some((folded, stem)) = stemmers.key(&article.lang, &word) {
                        *stems.entry(stem.clone()).or_default() |= in_title;
                        pairs.insert(folded, stem);
                    }
                }
            }
            Keys { words: pairs.into_iter().collect(), stems: stems.into_iter().collect() }
        })
        .collect();

    let mut vocabulary: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut postings: BTreeMap<&str, [Vec<u32>; 2]> = BTreeMap::new();
    for (id, keys) in keys.iter().enumerate() {
        let id = id as u32;
        for (word, stem) in &keys.words {
            let stems = vocabulary.entry(word).or_default();
            if !stems.contains(&stem.as_str()) {
                stems.push(stem);
            }
        }
        for (stem, in_title) in &keys.stems {
            postings.entry(stem).or_default()[usize::from(!in_title)].push(id);
        }
    }

    let mut files = Vec::new();
    let vocabulary_entries: Vec<(&str, String)> = vocabulary
        .iter()
        .map(|(word, stems)| {
            let value = if stems.len() == 1 { json!(stems[0]) } else { json!(stems) };
            (*word, value.to_string())
        })
        .collect();
    let word_bounds = write_shards(&vocabulary_entries, VOCABULARY_SHARD_BYTES, "w", &mut files);
    let posting_entries: Vec<(&str, String)> = postings
        .iter()
        .map(|(stem, [title, other])| (*stem, json!([encode_ids(title), encode_ids(other)]).to_string()))
        .collect();
    let stem_bounds = write_shards(&posting_entries, POSTING_SHARD_BYTES, "p", &mut files);

    let base_path = &site.config.base_path;
    for (chunk, ids) in (0..site.articles.len()).collect::<Vec<_>>().chunks(DOCS_PER_CHUNK).enumerate() {
        let docs: Vec<DocEntry<'_>> = ids
            .iter()
            .map(|&id| {
                let article = &site.articles[id];
                DocEntry {
                    t: &article.title,
                    u: format!("{base_path}{}", site.article_path(id)),
                    d: article.date.format("%Y-%m-%d").to_string(),
                    l: &article.lang,
                    s: &article.summary,
                    x: texts[id].chars().take(EXCERPT_TEXT_MAX).collect(),
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
        "base": format!("{base_path}/search/"),
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
        .map(|entry| value(&entry.topic.slug, &entry.topic.title, entry.articles.iter().map(|&id| id as u32)))
        .collect();
    facets.push(Facet { key: "topic", taxonomy: None, values: topic_values });
    for (key, name) in [("organization", "organizations"), ("region", "regions")] {
        if let Some(taxonomy) = site.taxonomies.iter().find(|t| t.name == name) {
            let values = taxonomy
                .terms
                .iter()
                .map(|term| value(&term.slug, &term.name, term.articles.iter().map(|&id| id as u32)))
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

/// JSON that stays inert even if a file is served or inlined as HTML.
fn inert_json(value: &impl Serialize) -> Vec<u8> {
    inert(serde_json::to_string(value).expect("plain data serialises"))
}

fn inert(text: String) -> Vec<u8> {
    if text.contains('<') { text.replace('<', "\\u003c").into_bytes() } else { text.into_bytes() }
}

#[cfg(test)]
mod tests;
