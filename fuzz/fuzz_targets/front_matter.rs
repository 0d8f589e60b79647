#![no_main]
//! Any text as an article or a topic: errors are fine, panics are not.

use std::path::Path;

use briefing::content::{Article, ParseContext, Topic};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let topics = vec!["chips".to_owned(), "export-controls".to_owned()];
    let taxonomies = vec!["tags".to_owned(), "organizations".to_owned(), "regions".to_owned(), "people".to_owned()];
    let context = ParseContext { default_language: "en", languages: &[], topics: &topics, topic_titles: &[], taxonomies: &taxonomies };
    let _ = Article::parse(Path::new("content/articles/fuzz.md"), text, &context);
    let _ = Topic::parse(Path::new("content/topics/fuzz.md"), text);
});
