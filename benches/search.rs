//! Search benchmark: for each corpus directory given, the build time with the index and
//! without it (the same build with `search: false`; medians of `SEARCH_BENCH_RUNS`, default
//! 5, the two alternating), and the time the index alone takes; then the bytes a browser
//! downloads for each of 20 fixed queries, following exactly the lookups of
//! static/search.js (manifest, script, vocabulary and posting shards, facet lists, the
//! documents of the first page of results).
//!
//! Run: `cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/c10k`, then
//! `cargo bench --bench search -- /tmp/c10k`. Latency in a browser: `benches/search_latency.sh`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use briefing::BuildOptions;
use briefing::load;
use briefing::write;
use briefing::{STOP_WORDS, fold};
use briefing::{SearchIndex, decode_ids, search_index as index};
use serde_json::Value;

/// The fixed queries, as the search page's URL would carry them.
pub const QUERIES: [&str; 20] = [
    "q=export+controls",
    "q=semiconductor",
    "q=sanctions",
    "q=rare+earths",
    "q=lithography",
    "q=huawei",
    "q=tsmc&region=taiwan",
    "q=gallium",
    "q=subsidies&year=2024",
    "q=undersea+cables",
    "q=ransomware",
    "q=data+localisation",
    "q=nvidia+chips",
    "q=satellite&topic=space-and-satellites",
    "q=quantum",
    "q=entity+list&organization=huawei",
    "q=investissements",
    "q=frontier+models",
    "topic=critical-minerals&year=2025",
    "q=xyzzy",
];
const PAGE: usize = 10;
const PREFIX_MAX: usize = 50;
const SCRIPT: &str = include_str!("../static/search.js");

fn main() {
    let dirs: Vec<PathBuf> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).map(PathBuf::from).collect();
    if dirs.is_empty() {
        eprintln!("usage: cargo bench --bench search -- CORPUS_DIR...");
        std::process::exit(2);
    }
    let runs: usize = std::env::var("SEARCH_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    for dir in dirs {
        let out = tempfile::tempdir().expect("a temporary directory");
        let options = BuildOptions { root: dir.clone(), output: Some(out.path().join("public")), ..Default::default() };
        // What `briefing build` does, with the index or without (`search: false`).
        let build = |search: bool| {
            let started = Instant::now();
            let mut loaded = load(&options).expect("the corpus loads");
            loaded.site.config.search = search;
            write(loaded, &options, started).expect("the corpus builds").elapsed
        };
        let (mut with, mut without) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            with.push(build(true));
            without.push(build(false));
        }
        let (with, without) = (median(with), median(without));
        let loaded = load(&options).expect("the corpus loads");
        let mut made = None;
        let indexing = median(
            (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    made = Some(index(&loaded.site));
                    start.elapsed()
                })
                .collect(),
        );
        let made = made.expect("at least one run");
        let total: usize = made.files.iter().map(|f| f.bytes.len()).sum::<usize>() + made.manifest.len();
        println!(
            "{}: {} articles; build {:.2} s with the index, {:.2} s without (+{:.0}%); the index alone {:.2} s; {} files, {:.1} MB",
            dir.display(),
            loaded.site.articles.len(),
            with.as_secs_f64(),
            without.as_secs_f64(),
            100.0 * (with.as_secs_f64() / without.as_secs_f64() - 1.0),
            indexing.as_secs_f64(),
            made.files.len() + 1,
            total as f64 / 1e6,
        );
        let mut largest = 0;
        for query in QUERIES {
            let (bytes, hits) = payload(&made, query);
            largest = largest.max(bytes);
            println!("  {query:<42} {:>8} bytes  {hits:>6} results", bytes);
        }
        println!("  largest first-query payload: {largest} bytes");
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The bytes a first query downloads (nothing cached), and its number of results.
fn payload(made: &SearchIndex, query: &str) -> (usize, usize) {
    let files: HashMap<&str, &[u8]> = made.files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
    let manifest: Value = serde_json::from_slice(&made.manifest).unwrap();
    let mut loaded: HashSet<String> = HashSet::new();
    let mut bytes = made.manifest.len() + SCRIPT.len();
    let mut fetch = |path: String| -> Option<Value> {
        let body = files.get(path.as_str())?;
        if loaded.insert(path.clone()) {
            bytes += body.len();
        }
        serde_json::from_slice(body).ok()
    };
    let shard = |kind: &str, key: &str| -> usize {
        manifest[kind].as_array().unwrap().iter().rposition(|b| b.as_str().unwrap() <= key).unwrap()
    };
    let mut text = String::new();
    let mut facets = Vec::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap();
        let value = value.replace('+', " ");
        if key == "q" { text = value } else { facets.push((key.to_owned(), value)) }
    }
    let words: BTreeSet<String> = fold(&text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some() && !STOP_WORDS.contains(w))
        .map(str::to_owned)
        .collect();
    let mut scores: Option<HashMap<u32, u32>> = None;
    for word in &words {
        let vocabulary = fetch(format!("search/w/{}.json", shard("words", word))).unwrap();
        let vocabulary = vocabulary.as_object().unwrap();
        let mut stems: Vec<String> = Vec::new();
        let mut add = |value: &Value| {
            let found: Vec<&Value> = value.as_array().map_or(vec![value], |a| a.iter().collect());
            stems.extend(found.iter().map(|s| s.as_str().unwrap().to_owned()));
        };
        if let Some(value) = vocabulary.get(word) {
            add(value);
        } else if word.chars().count() >= 3 {
            vocabulary.iter().filter(|(w, _)| w.starts_with(word.as_str())).take(PREFIX_MAX).for_each(|(_, v)| add(v));
        }
        let mut tiers: HashMap<u32, u32> = HashMap::new();
        for stem in stems {
            let postings = fetch(format!("search/p/{}.json", shard("stems", &stem))).unwrap();
            let Some(lists) = postings.get(&stem) else { continue };
            let ids = |list: &Value| decode_ids(&serde_json::from_value::<Vec<i64>>(list.clone()).unwrap());
            ids(&lists[1]).into_iter().for_each(|id| {
                tiers.entry(id).or_insert(1);
            });
            ids(&lists[0]).into_iter().for_each(|id| {
                tiers.insert(id, 2);
            });
        }
        scores = Some(match scores {
            None => tiers,
            Some(previous) => previous.into_iter().filter_map(|(id, s)| tiers.get(&id).map(|t| (id, s + t))).collect(),
        });
    }
    let mut sets: Vec<HashSet<u32>> = Vec::new();
    for (key, value) in &facets {
        let ids = fetch(format!("search/f/{key}/{value}.json"))
            .map(|v| decode_ids(&serde_json::from_value::<Vec<i64>>(v).unwrap()))
            .unwrap_or_default();
        sets.push(ids.into_iter().collect());
    }
    let scores =
        scores.unwrap_or_else(|| sets.first().map(|s| s.iter().map(|&id| (id, 0)).collect()).unwrap_or_default());
    let mut ids: Vec<(u32, u32)> =
        scores.into_iter().filter(|(id, _)| sets.iter().all(|set| set.contains(id))).collect();
    if manifest["stories"] == Value::Bool(true) {
        ids = one_per_story(ids, &fetch("search/stories.json".to_owned()).unwrap());
    }
    ids.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let chunk = manifest["chunk"].as_u64().unwrap() as u32;
    for &(id, _) in ids.iter().take(PAGE) {
        fetch(format!("search/d/{}.json", id / chunk));
    }
    (bytes, ids.len())
}

/// One result per story, as search.js shows them on a page in English: the English
/// version, else the first version of the story, else the newest.
fn one_per_story(ids: Vec<(u32, u32)>, stories: &Value) -> Vec<(u32, u32)> {
    let decode = |value: &Value| decode_ids(&serde_json::from_value::<Vec<i64>>(value.clone()).unwrap());
    let next: HashSet<u32> = decode(&stories["next"]).into_iter().collect();
    let english: HashSet<u32> = stories["lang"].get("en").map(decode).unwrap_or_default().into_iter().collect();
    let mut chosen: HashMap<u32, (u32, u32)> = HashMap::new();
    for (id, score) in ids {
        let mut first = id;
        while next.contains(&first) {
            first -= 1;
        }
        let preference = |id: u32| {
            (
                if english.contains(&id) {
                    0
                } else if id == first {
                    1
                } else {
                    2
                },
                id,
            )
        };
        let held = chosen.entry(first).or_insert((id, score));
        if preference(id) < preference(held.0) {
            held.0 = id;
        }
        held.1 = held.1.max(score);
    }
    chosen.into_values().collect()
}
