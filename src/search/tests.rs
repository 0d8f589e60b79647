use std::path::Path;

use serde_json::Value;

use super::*;
use crate::config::SiteConfig;
use crate::content::{Article, ParseContext, Topic};
use crate::site::{Entities, SiteOptions};

fn site(articles: &[(&str, &str, &str)]) -> Site {
    site_of("title: T\nbase_url: https://example.org/b\n", articles)
}

fn site_of(config: &str, articles: &[(&str, &str, &str)]) -> Site {
    let config = SiteConfig::parse(config, "site.yaml").unwrap();
    let topics = vec!["a".to_owned()];
    let context = ParseContext {
        default_language: "en",
        languages: &config.languages[1..],
        topics: &topics,
        topic_titles: &[],
        taxonomies: &config.taxonomies,
    };
    let articles = articles
        .iter()
        .map(|(stem, front, body)| {
            let text = format!("---\ntopics: [a]\n{front}\n---\n{body}\n");
            Article::parse(Path::new(&format!("content/articles/{stem}.md")), &text, &context).unwrap()
        })
        .collect();
    let topic = Topic::parse(Path::new("content/topics/a.md"), "---\ntitle: Topic A\n---\nIntro\n").unwrap();
    Site::assemble(config, articles, vec![topic], &Entities::default(), SiteOptions::default()).unwrap()
}

fn example() -> Site {
    site(&[
        ("old", "title: Chip sanctions tighten\ndate: 2023-05-01\nregions: [Norland]", "Nothing else here."),
        (
            "new",
            "title: Ports reopen\ndate: 2025-02-01\nsummary: Harbours work again.\norganizations: [Quay Board]",
            "Officials sanctioned a dredging firm called Zephyrite.",
        ),
        ("fr", "title: Les exportations reprennent\ndate: 2024-03-01\nlang: fr", "Des exportations régulées."),
    ])
}

fn json(index: &SearchIndex, path: &str) -> Value {
    let file = index.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}"));
    serde_json::from_slice(&file.bytes).unwrap()
}

/// What the browser does: the shard whose first key is the last one not after `key`.
fn lookup(index: &SearchIndex, kind: &str, key: &str) -> Option<Value> {
    let manifest: Value = serde_json::from_slice(&index.manifest).unwrap();
    let bounds: Vec<&str> = manifest[kind].as_array().unwrap().iter().map(|b| b.as_str().unwrap()).collect();
    let shard = bounds.iter().rposition(|bound| *bound <= key).unwrap();
    let dir = if kind == "words" { "w" } else { "p" };
    json(index, &format!("search/{dir}/{shard}.json")).get(key).cloned()
}

/// The ids of documents matching a word, split into title matches and others.
fn search(index: &SearchIndex, word: &str) -> (Vec<u32>, Vec<u32>) {
    let Some(stem) = lookup(index, "words", word) else { return (vec![], vec![]) };
    let lists = lookup(index, "stems", stem.as_str().unwrap()).unwrap();
    let ids = |list: &Value| decode_ids(&serde_json::from_value::<Vec<i64>>(list.clone()).unwrap());
    (ids(&lists[0]), ids(&lists[1]))
}

#[test]
fn body_words_are_found_and_title_matches_are_apart() {
    let site = example();
    let index = index(&site);
    // Articles are newest first: 0 = new, 1 = fr, 2 = old.
    assert_eq!(search(&index, "zephyrite"), (vec![], vec![0]));
    // "sanctioned" in a body and "sanctions" in a title share a stem.
    assert_eq!(search(&index, "sanctioned"), (vec![2], vec![0]));
    assert_eq!(search(&index, "sanctions"), search(&index, "sanctioned"));
    // The British spelling is indexed as the American one, which a query folds to too.
    assert_eq!(search(&index, &crate::search::fold::fold("harbours")), (vec![], vec![0]));
    assert_eq!(search(&index, "harbors"), (vec![], vec![0]));
    assert_eq!(search(&index, "nowhere"), (vec![], vec![]));
}

#[test]
fn french_words_are_folded_and_stemmed() {
    let index = index(&example());
    assert_eq!(search(&index, "regulees"), (vec![], vec![1]));
    assert_eq!(search(&index, "exportations"), (vec![1], vec![]));
    // Stop words are not indexed.
    assert_eq!(search(&index, "des"), (vec![], vec![]));
}

#[test]
fn documents_carry_what_a_result_shows() {
    let index = index(&example());
    let docs = json(&index, "search/d/0.json");
    assert_eq!(docs.as_array().unwrap().len(), 3);
    assert_eq!(docs[0]["t"], "Ports reopen");
    assert_eq!(docs[0]["u"], "/b/articles/new/");
    assert_eq!(docs[0]["d"], "2025-02-01");
    assert_eq!(docs[1]["l"], "fr");
    assert_eq!(docs[0]["x"], "Officials sanctioned a dredging firm called Zephyrite.");
}

#[test]
fn facets_list_the_documents_of_each_value() {
    let index = index(&example());
    let ids = |path: &str| decode_ids(&serde_json::from_value::<Vec<i64>>(json(&index, path)).unwrap());
    assert_eq!(ids("search/f/year/2025.json"), [0]);
    assert_eq!(ids("search/f/lang/en.json"), [0, 2]);
    assert_eq!(ids("search/f/topic/a.json"), [0, 1, 2]);
    assert_eq!(ids("search/f/region/norland.json"), [2]);
    assert_eq!(ids("search/f/organization/quay-board.json"), [0]);
    let manifest: Value = serde_json::from_slice(&index.manifest).unwrap();
    let keys: Vec<&str> = manifest["facets"].as_array().unwrap().iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["topic", "organization", "region", "lang", "year"]);
    assert_eq!(manifest["facets"][4]["values"][0], serde_json::json!(["2025", "2025", 1]));
}

#[test]
fn every_word_of_a_large_vocabulary_is_in_the_shard_its_bounds_name() {
    // Enough distinct words for several vocabulary and posting shards.
    let body: String = (0..6000).map(|n| format!("w{n:05}x ")).collect();
    let site = site(&[("big", "title: Big\ndate: 2024-01-01", &body)]);
    let index = index(&site);
    let manifest: Value = serde_json::from_slice(&index.manifest).unwrap();
    assert!(manifest["words"].as_array().unwrap().len() > 2, "{}", manifest["words"]);
    assert!(manifest["stems"].as_array().unwrap().len() > 2, "{}", manifest["stems"]);
    for n in (0..6000).step_by(97) {
        assert_eq!(search(&index, &format!("w{n:05}x")), (vec![], vec![0]), "w{n:05}x");
    }
}

/// A site in English and French where one story has both versions.
fn bilingual() -> Site {
    site_of(
        "title: T\nbase_url: https://example.org/b\nlanguages:\n  - code: en\n  - code: fr\n",
        &[
            ("chips", "title: Chip rules\ndate: 2025-01-02", "Foundry quotas rise."),
            ("chips.fr", "title: Règles des puces\ndate: 2025-01-03\nlang: fr", "Les quotas des fonderies montent."),
            ("ports", "title: Ports reopen\ndate: 2025-01-01", "Foundry ships dock."),
        ],
    )
}

#[test]
fn the_versions_of_a_story_are_consecutive_documents_that_stories_json_groups() {
    let index = index(&bilingual());
    // The story comes where its listed (English) version is, its French version after it,
    // though the French one is newer.
    let docs = json(&index, "search/d/0.json");
    let titles: Vec<&str> = docs.as_array().unwrap().iter().map(|d| d["t"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Chip rules", "Règles des puces", "Ports reopen"]);
    assert_eq!(docs[1]["l"], "fr");
    let manifest: Value = serde_json::from_slice(&index.manifest).unwrap();
    assert_eq!(manifest["stories"], true);
    let stories = json(&index, "search/stories.json");
    let ids = |value: &Value| decode_ids(&serde_json::from_value::<Vec<i64>>(value.clone()).unwrap());
    assert_eq!(ids(&stories["next"]), [1]);
    assert_eq!(ids(&stories["lang"]["en"]), [0]);
    assert_eq!(ids(&stories["lang"]["fr"]), [1]);
    // Ports is a story of one version: nothing to tell apart.
    assert_eq!(stories["lang"].as_object().unwrap().len(), 2);
    assert_eq!(search(&index, "foundry"), (vec![], vec![0, 2]));
    assert_eq!(search(&index, "fonderies"), (vec![], vec![1]));
}

#[test]
fn facet_counts_count_stories_and_lists_keep_every_version() {
    let index = index(&bilingual());
    let manifest: Value = serde_json::from_slice(&index.manifest).unwrap();
    let counts = |key: &str| -> Vec<Value> {
        let facet = manifest["facets"].as_array().unwrap().iter().find(|f| f["key"] == key).unwrap();
        facet["values"].as_array().unwrap().clone()
    };
    assert_eq!(counts("topic"), [serde_json::json!(["a", "Topic A", 2])]);
    assert_eq!(counts("lang"), [serde_json::json!(["en", "English", 2]), serde_json::json!(["fr", "Français", 1])]);
    assert_eq!(counts("year"), [serde_json::json!(["2025", "2025", 2])]);
    let ids = |path: &str| decode_ids(&serde_json::from_value::<Vec<i64>>(json(&index, path)).unwrap());
    assert_eq!(ids("search/f/topic/a.json"), [0, 1, 2]);
    assert_eq!(ids("search/f/lang/fr.json"), [1]);
}

#[test]
fn a_site_whose_stories_have_one_version_has_no_stories_file() {
    let index = index(&example());
    let manifest: Value = serde_json::from_slice(&index.manifest).unwrap();
    assert_eq!(manifest["stories"], false);
    assert!(index.files.iter().all(|f| f.path != "search/stories.json"));
}

#[test]
fn an_index_updated_after_edits_equals_one_made_afresh() {
    let mut cache = TermCache::default();
    cache.index(&example());
    let edited = site(&[
        // "old" is gone, "new" is edited, "fr" is as it was, "added" is new.
        (
            "new",
            "title: Ports reopen\ndate: 2025-02-01\nsummary: Harbours work again.\norganizations: [Quay Board]",
            "Officials fined a dredging firm called Quillfeather.",
        ),
        ("fr", "title: Les exportations reprennent\ndate: 2024-03-01\nlang: fr", "Des exportations régulées."),
        ("added", "title: Sanctions widen\ndate: 2025-03-01", "Zephyrite is named again."),
    ]);
    let updated = cache.index(&edited);
    let afresh = index(&edited);
    assert_eq!(String::from_utf8_lossy(&updated.manifest), String::from_utf8_lossy(&afresh.manifest));
    assert_eq!(updated.files, afresh.files);
    // And the update is the edited site's: the removed body's word is gone, the new ones are in.
    assert_eq!(search(&updated, "zephyrite"), (vec![], vec![0]));
    assert_eq!(search(&updated, "quillfeather"), (vec![], vec![1]));
    assert_eq!(search(&updated, "nothing"), (vec![], vec![]));
}
