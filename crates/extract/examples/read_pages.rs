//! Reads each page given on the command line and prints one JSON object per page:
//! headline, dates, lede, summary and body, for scoring the extractor on a folder of
//! pages outside the test corpus.
//!
//! Run: `cargo run -p briefing-extract --example read_pages -- PAGE...`

use std::time::Instant;

fn main() {
    let mut failures = 0;
    let started = Instant::now();
    let paths: Vec<String> = std::env::args().skip(1).collect();
    for path in &paths {
        let input = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(error) => {
                eprintln!("{path}: {error}");
                failures += 1;
                continue;
            }
        };
        let page = briefing_extract::read(&input, 2024);
        let record = serde_json::json!({
            "path": path,
            "title": page.title,
            "published": page.published.map(|date| date.to_string()),
            "updated": page.updated.map(|date| date.to_string()),
            "byline": page.byline,
            "lede": page.lede,
            "summary": page.summary(),
            "body": page.body,
            "notes": page.notes,
            "dropped": page.dropped.iter().map(|d| format!("{} [{:?}] {}", d.location, d.rule, d.text)).collect::<Vec<_>>(),
            "title_candidates": page.title_candidates.iter().map(|c| format!("{}: {} [{}]", c.location, c.text, c.verdict)).collect::<Vec<_>>(),
            "date_candidates": page.date_candidates.len(),
        });
        println!("{record}");
    }
    eprintln!("{} pages in {:.2?}", paths.len(), started.elapsed());
    if failures > 0 {
        std::process::exit(1);
    }
}
