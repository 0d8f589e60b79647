//! The search index: a sharded, stemmed inverted index written as small JSON files, so that
//! the browser downloads only the shards a query needs. Pure: `&Site` in, files out.
//!
//! Files (under `search/`, listed by the manifest `search-index.json`):
//! - `w/N.json` vocabulary shards: folded word -> stem (a list when languages disagree);
//! - `p/N.json` posting shards: stem -> `[title ids, other ids]` (ids encoded by `encode_ids`);
//! - `d/N.json` documents, `DOCS_PER_CHUNK` a file: title, URL, date, language, summary, text;
//! - `f/<facet>/<value>.json` the ids of the documents with that facet value (the manifest
//!   gives each facet's total `bytes`, which decides when the page loads them for counts);
//! - `stories.json`, when a story has several versions: which ids belong together.
//!
//! Document ids follow the site's article order (newest first) with the versions of a story
//! together (`story_order`), so a lower id is a newer story and runs of ids compress.
//! `serve` keeps the articles' words between edits (`TermCache`).

mod encode;
pub(crate) mod fold;
mod terms;
pub(crate) mod text;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

pub use encode::decode_ids;
pub(crate) use encode::encode_ids;
pub(crate) use terms::TermCache;
use terms::{ArticleTerms, Lexicon, Searchable};
use text::STOP_WORDS;

use crate::route::{PageId, Route};
use crate::site::{ArticleId, Site};

/// Documents per `d/N.json` file: a page of results touches few of them.
/// The folder of every file of the index but its manifest (`search/d/0.json`).
pub(crate) const FILES_DIR: &str = "search/";

pub(crate) const DOCS_PER_CHUNK: usize = 8;
/// Characters of an article's text kept for excerpts (the whole text is indexed).
pub(crate) const EXCERPT_TEXT_MAX: usize = 1_200;
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

/// Documents' files made together, then handed on: bounds the index's files in memory
/// when they are written as they are made (`write_index`).
const CHUNKS_PER_BATCH: usize = 256;

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

/// The index of a site, tokenising every article.
pub fn index(site: &Site) -> SearchIndex {
    TermCache::default().index(site)
}

/// The index of a site, its files handed to `sink` a few at a time, in order, as soon as
/// they are made, rather than kept: the index returned holds its manifest and facets only.
/// `build` writes them out, so that the files of a large site are never all in memory.
pub(crate) fn write_index<E>(
    site: &Site,
    sink: &mut dyn FnMut(Vec<SearchFile>) -> Result<(), E>,
) -> Result<SearchIndex, E> {
    TermCache::default().write_index(site, sink)
}

impl TermCache {
    /// The index of a site, tokenising only the articles this cache has not seen (`serve`
    /// keeps one between edits). The same files as `index`, whatever the cache held.
    pub(crate) fn index(&mut self, site: &Site) -> SearchIndex {
        let mut files = Vec::new();
        let kept: Result<SearchIndex, std::convert::Infallible> = self.write_index(site, &mut |made| {
            files.extend(made);
            Ok(())
        });
        let Ok(index) = kept;
        SearchIndex { files, ..index }
    }

    fn write_index<E>(
        &mut self,
        site: &Site,
        sink: &mut dyn FnMut(Vec<SearchFile>) -> Result<(), E>,
    ) -> Result<SearchIndex, E> {
        let names = term_names(site);
        let terms = self.terms(&searchables(site, &names));
        drop(names);
        assemble(site, &self.lexicon, &terms, sink)
    }
}

/// A document of the index: an article, or a standalone page (About, Methodology), whose
/// documents follow the articles'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doc {
    Article(ArticleId),
    Page(PageId),
}

impl Doc {
    /// Its position in `searchables`: the articles, then the pages.
    fn text_index(self, site: &Site) -> usize {
        match self {
            Doc::Article(id) => id.0,
            Doc::Page(id) => site.articles.len() + id.0,
        }
    }

    /// Whether it starts a story: a listed version of an article, the default-language
    /// version of a page.
    fn starts_story(self, site: &Site) -> bool {
        match self {
            Doc::Article(id) => site.translations.listed[id],
            Doc::Page(id) => site.pages[id].translation_language.is_none(),
        }
    }

    /// The language its text is written in.
    fn lang(self, site: &Site) -> &str {
        match self {
            Doc::Article(id) => &site.articles[id].lang,
            Doc::Page(id) => &site.config.languages[site.page_languages[id]].code,
        }
    }
}

/// What the index reads of every article (with `names`, per article its terms' names), then
/// of every standalone page.
fn searchables<'s>(site: &'s Site, names: &'s [String]) -> Vec<Searchable<'s>> {
    let articles = site.articles.iter().zip(names).map(|(article, names)| Searchable {
        lang: &article.lang,
        title: &article.title,
        summary: &article.summary,
        html: &article.html,
        names,
    });
    let pages = site.pages.iter().enumerate().map(|(id, page)| Searchable {
        lang: Doc::Page(PageId(id)).lang(site),
        title: &page.title,
        summary: &page.summary,
        html: &page.html,
        names: "",
    });
    articles.chain(pages).collect()
}

/// Per article: the names of its terms, every taxonomy's, with their aliases and their
/// names in every language (`layoffs`, `Licenciements`, `AWS`), so that a search for any
/// of them finds it.
fn term_names(site: &Site) -> Vec<String> {
    site.article_terms
        .iter()
        .map(|per_taxonomy| {
            let mut text = String::new();
            for (taxonomy, terms) in site.taxonomies.iter().zip(per_taxonomy) {
                for &term in terms {
                    let term = &taxonomy.terms[term];
                    for name in std::iter::once(&term.name).chain(term.names.values()).chain(&term.aliases) {
                        text.push_str(name);
                        text.push(' ');
                    }
                }
            }
            text
        })
        .collect()
}

/// Documents in story order: each story where its listed version is among the articles
/// (newest first), its versions together, the listed one first. So a story's documents
/// are consecutive ids and the browser can show one result per story. The standalone
/// pages follow, each with its versions in other languages as one story.
fn story_order(site: &Site) -> Vec<Doc> {
    let translations = &site.translations;
    let mut order = Vec::with_capacity(site.articles.len() + site.pages.len());
    for id in 0..site.articles.len() {
        if translations.listed[id] {
            order.push(Doc::Article(ArticleId(id)));
            order.extend(translations.others(ArticleId(id)).map(Doc::Article));
        }
    }
    debug_assert_eq!(order.len(), site.articles.len(), "every story has one listed version");
    for id in (0..site.pages.len()).map(PageId) {
        if Doc::Page(id).starts_story(site) {
            order.push(Doc::Page(id));
            order.extend(site.page_versions(id).map(|(_, version)| Doc::Page(version)));
        }
    }
    order
}

/// The index of `site`, its files handed to `sink` in order as they are made.
fn assemble<E>(
    site: &Site,
    lexicon: &Lexicon,
    terms: &[Arc<ArticleTerms>],
    sink: &mut dyn FnMut(Vec<SearchFile>) -> Result<(), E>,
) -> Result<SearchIndex, E> {
    let order = story_order(site);
    let stem_count = lexicon.stems.names.len();
    let mut postings: Vec<[Vec<u32>; 2]> = vec![Default::default(); stem_count];
    // The stems of the document in hand, each once: where it is in `doc_stems`, and for
    // which document.
    let mut last_doc = vec![u32::MAX; stem_count];
    let mut slot = vec![0u32; stem_count];
    let mut doc_stems: Vec<(u32, bool)> = Vec::new();
    let mut word_stems: Vec<Vec<u32>> = vec![Vec::new(); lexicon.words.names.len()];
    for (doc, entry) in order.iter().enumerate() {
        let doc = doc as u32;
        for &term in &terms[entry.text_index(site)].terms {
            let Some((word, stem)) = lexicon.entries[(term >> 1) as usize] else { continue };
            let in_title = term & 1 == 1;
            if !word_stems[word as usize].contains(&stem) {
                word_stems[word as usize].push(stem);
            }
            let stem = stem as usize;
            if last_doc[stem] == doc {
                doc_stems[slot[stem] as usize].1 |= in_title;
            } else {
                last_doc[stem] = doc;
                slot[stem] = doc_stems.len() as u32;
                doc_stems.push((stem as u32, in_title));
            }
        }
        for (stem, in_title) in doc_stems.drain(..) {
            postings[stem as usize][usize::from(!in_title)].push(doc);
        }
    }

    let mut files = Vec::new();
    let stem_name = |stem: u32| &*lexicon.stems.names[stem as usize];
    let mut words: Vec<u32> = (0..word_stems.len() as u32).filter(|&w| !word_stems[w as usize].is_empty()).collect();
    words.sort_unstable_by_key(|&w| &lexicon.words.names[w as usize]);
    let vocabulary_entries: Vec<(&str, String)> = words
        .into_iter()
        .map(|word| {
            let mut stems: Vec<&str> = word_stems[word as usize].iter().map(|&s| stem_name(s)).collect();
            // In the order of their names, so that the file does not depend on the order
            // articles were tokenised in.
            stems.sort_unstable();
            let value = match stems.as_slice() {
                [stem] => quoted(stem),
                _ => format!("[{}]", stems.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(",")),
            };
            (&*lexicon.words.names[word as usize], value)
        })
        .collect();
    let word_bounds = write_shards(&vocabulary_entries, VOCABULARY_SHARD_BYTES, "w", &mut files);
    // Each stage's working data goes as soon as its files are made: the index's peak of
    // memory is a build's.
    drop((vocabulary_entries, word_stems));
    sink(std::mem::take(&mut files))?;
    let mut stems: Vec<u32> =
        (0..stem_count as u32).filter(|&s| postings[s as usize].iter().any(|list| !list.is_empty())).collect();
    stems.sort_unstable_by_key(|&s| stem_name(s));
    let posting_entries: Vec<(&str, String)> = stems
        .into_iter()
        .map(|stem| {
            let [title, other] = &postings[stem as usize];
            (stem_name(stem), format!("[{},{}]", ids_json(title), ids_json(other)))
        })
        .collect();
    let stem_bounds = write_shards(&posting_entries, POSTING_SHARD_BYTES, "p", &mut files);
    drop((posting_entries, postings));
    sink(std::mem::take(&mut files))?;

    for (batch, docs) in order.chunks(DOCS_PER_CHUNK * CHUNKS_PER_BATCH).enumerate() {
        let first_chunk = batch * CHUNKS_PER_BATCH;
        let chunks: Vec<SearchFile> = docs
            .par_chunks(DOCS_PER_CHUNK)
            .enumerate()
            .map(|(at, ids)| (first_chunk + at, ids))
            .map(|(chunk, ids)| {
                let docs: Vec<DocEntry<'_>> = ids
                    .iter()
                    .map(|&doc| {
                        // Made here from the text, rather than kept from tokenising
                        // beside every article's words: the index's peak is a build's.
                        let html = match doc {
                            Doc::Article(id) => &site.articles[id].html,
                            Doc::Page(id) => &site.pages[id].html,
                        };
                        let excerpt = text::html_text_prefix(html, EXCERPT_TEXT_MAX);
                        match doc {
                            Doc::Article(id) => {
                                let article = &site.articles[id];
                                DocEntry {
                                    t: &article.title,
                                    u: site.routes.url(Route::Article(id)),
                                    d: article.date.format("%Y-%m-%d").to_string(),
                                    l: &article.lang,
                                    s: &article.summary,
                                    x: excerpt,
                                }
                            }
                            // A page has no date: the browser shows none.
                            Doc::Page(id) => {
                                let page = &site.pages[id];
                                DocEntry {
                                    t: &page.title,
                                    u: site.routes.url(Route::Page(site.page_languages[id], id)),
                                    d: String::new(),
                                    l: doc.lang(site),
                                    s: &page.summary,
                                    x: excerpt,
                                }
                            }
                        }
                    })
                    .collect();
                SearchFile { path: format!("search/d/{chunk}.json"), bytes: inert_json(&docs) }
            })
            .collect();
        sink(chunks)?;
    }

    // Per article: its document.
    let mut doc_of = vec![0u32; site.articles.len()];
    for (doc, entry) in order.iter().enumerate() {
        if let Doc::Article(id) = entry {
            doc_of[*id] = doc as u32;
        }
    }
    let stories = stories(site, &order);
    if let Some(stories) = &stories {
        files.push(SearchFile { path: "search/stories.json".to_owned(), bytes: inert_json(stories) });
    }
    let facets = facets(site, &doc_of, &order);
    // Per facet, the bytes of its value files: the page loads a facet's lists for counts
    // at once only while they are small.
    let mut facet_bytes = Vec::with_capacity(facets.len());
    for facet in &facets {
        let mut bytes = 0;
        for value in &facet.values {
            let file = SearchFile {
                path: format!("search/f/{}/{}.json", facet.key, value.id),
                bytes: inert_json(&encode_ids(&value.docs)),
            };
            bytes += file.bytes.len();
            files.push(file);
        }
        facet_bytes.push(bytes);
    }
    let manifest = json!({
        "version": 3,
        "count": order.len(),
        "chunk": DOCS_PER_CHUNK,
        "base": site.routes.url(Route::Search(crate::route::LanguageId::DEFAULT)),
        "stop": STOP_WORDS,
        "longest": fold::WORD_CHARS_MAX,
        "words": word_bounds,
        "stems": stem_bounds,
        "stories": stories.is_some(),
        "facets": facets.iter().zip(&facet_bytes).map(|(f, bytes)| json!({
            "key": f.key,
            "bytes": bytes,
            "values": f.values.iter().map(|v| json!([v.id, v.name, v.count])).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    sink(files)?;
    Ok(SearchIndex { manifest: inert_json(&manifest), files: Vec::new(), facets })
}

/// `search/stories.json`, for a site with a story in more than one language: which
/// documents continue the story of the document before them (`next`), and the language
/// of every document of such a story (`lang`: language -> ids), so that the browser picks
/// the version to show before loading any document.
#[derive(Serialize)]
struct Stories<'a> {
    next: Vec<i64>,
    lang: BTreeMap<&'a str, Vec<i64>>,
}

fn stories<'a>(site: &'a Site, order: &[Doc]) -> Option<Stories<'a>> {
    let mut next = Vec::new();
    let mut lang: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (doc, &entry) in order.iter().enumerate() {
        let versions = match entry {
            Doc::Article(id) => site.translations.versions[id].len(),
            Doc::Page(id) => 1 + site.page_versions(id).count(),
        };
        if versions > 1 {
            lang.entry(entry.lang(site)).or_default().push(doc as u32);
            if !entry.starts_story(site) {
                next.push(doc as u32);
            }
        }
    }
    (!next.is_empty()).then(|| Stories {
        next: encode_ids(&next),
        lang: lang.into_iter().map(|(lang, docs)| (lang, encode_ids(&docs))).collect(),
    })
}

/// A word or stem as a JSON string: they are letters and digits only, nothing to escape.
fn quoted(word: &str) -> String {
    debug_assert!(word.chars().all(char::is_alphanumeric), "{word}");
    format!("\"{word}\"")
}

/// A fingerprint of everything the index is made from, so that `serve` can tell when an
/// index made earlier still holds.
pub(crate) fn fingerprint(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    site.config.base_path.hash(&mut hasher);
    for article in &site.articles {
        (&article.slug, &article.title, &article.summary, &article.lang, &article.html).hash(&mut hasher);
        article.date.hash(&mut hasher);
    }
    for (page, lang) in site.pages.iter().zip(&site.page_languages) {
        (&page.slug, &page.title, &page.summary, &page.html, lang).hash(&mut hasher);
    }
    for entry in &site.topics {
        (&entry.topic.slug, &entry.topic.title, &entry.articles).hash(&mut hasher);
    }
    // Each article is found by the names of its terms.
    site.article_terms.hash(&mut hasher);
    for taxonomy in &site.taxonomies {
        taxonomy.name.hash(&mut hasher);
        for term in &taxonomy.terms {
            (&term.slug, &term.name, &term.articles, &term.names, &term.aliases).hash(&mut hasher);
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
            text.push_str(&quoted(key));
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
/// taxonomies), languages and years, each value with the ids of its documents
/// (`doc_of`: article -> document) and the number of stories among them: a facet counts
/// stories, as the search page shows one result per story. Standalone pages have a
/// language, and no topic, term or year.
fn facets(site: &Site, doc_of: &[u32], order: &[Doc]) -> Vec<Facet> {
    // The first document of each document's story.
    let mut story_of = vec![0u32; order.len()];
    for (doc, entry) in order.iter().enumerate() {
        story_of[doc] = if entry.starts_story(site) { doc as u32 } else { story_of[doc - 1] };
    }
    // Listings (topic and term pages) name one version of a story; its facet values are
    // the story's, so every version has them.
    let listed = |ids: &[ArticleId]| -> Vec<usize> {
        ids.iter().flat_map(|id| site.translations.versions[*id].iter().map(|version| version.0)).collect()
    };
    let value_of_docs = |id: &str, name: &str, mut docs: Vec<u32>| {
        docs.sort_unstable();
        docs.dedup();
        let mut stories: Vec<u32> = docs.iter().map(|&doc| story_of[doc as usize]).collect();
        stories.dedup();
        FacetValue { id: id.to_owned(), name: name.to_owned(), count: stories.len(), docs }
    };
    let value = |id: &str, name: &str, articles: Vec<usize>| {
        let docs: Vec<u32> = articles.into_iter().map(|id| doc_of[id]).collect();
        value_of_docs(id, name, docs)
    };
    let mut facets = Vec::new();
    let topic_values =
        site.topics.iter().map(|entry| value(&entry.topic.slug, &entry.topic.title, listed(&entry.articles))).collect();
    facets.push(Facet { key: "topic", taxonomy: None, values: topic_values });
    for (key, name) in [("organization", "organizations"), ("region", "regions")] {
        if let Some(taxonomy) = site.taxonomies.iter().find(|t| t.name == name) {
            let values =
                taxonomy.terms.iter().map(|term| value(&term.slug, &term.name, listed(&term.articles))).collect();
            facets.push(Facet { key, taxonomy: Some(name.to_owned()), values });
        }
    }
    let mut languages: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (id, article) in site.articles.iter().enumerate() {
        languages.entry(&article.lang).or_default().push(doc_of[id]);
        years.entry(article.date.year()).or_default().push(id);
    }
    for (doc, entry) in order.iter().enumerate() {
        if let Doc::Page(_) = entry {
            languages.entry(entry.lang(site)).or_default().push(doc as u32);
        }
    }
    let language_values = languages
        .into_iter()
        .map(|(lang, docs)| value_of_docs(lang, site.config.interface.language_name(lang), docs))
        .collect();
    facets.push(Facet { key: "lang", taxonomy: None, values: language_values });
    let year_values =
        years.into_iter().rev().map(|(year, ids)| value(&year.to_string(), &year.to_string(), ids)).collect();
    facets.push(Facet { key: "year", taxonomy: None, values: year_values });
    facets
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
