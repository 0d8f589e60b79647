//! Shared by the import targets: an importer for a small site, and the round-trip oracle.

use std::path::Path;

use briefing::content::{Article, ParseContext, Topic};
use briefing::import::{Gazetteer, Importer};
use briefing::site::Entities;

pub fn importer() -> Importer {
    let topic = Topic::parse(
        Path::new("content/topics/chips.md"),
        "---\ntitle: Chips\nkeywords: [semiconducteurs, chips, export controls]\n---\n",
    )
    .expect("topic parses");
    let taxonomies = vec!["tags".to_owned(), "organizations".to_owned(), "regions".to_owned()];
    let entities = Entities::parse(
        "organizations:\n  Amazon Web Services: { aliases: [AWS] }\nregions:\n  China: { aliases: [Chine, Pékin] }\n",
        Path::new("content/entities.yaml"),
        &taxonomies,
        &["en", "fr"],
    )
    .expect("entities parse");
    Importer::new(Gazetteer::new(&[topic], &entities), Vec::new(), 2025).expect("importer")
}

/// Whatever import writes, the build reads back: same front matter, no error.
pub fn import_round_trips(importer: &Importer, input: &str) {
    let Ok(imported) = importer.import(input) else { return };
    let document = imported.document();
    let topics = vec!["chips".to_owned()];
    let taxonomies = vec!["tags".to_owned(), "organizations".to_owned(), "regions".to_owned()];
    let context = ParseContext {
        default_language: "en",
        languages: &[],
        topics: &topics,
        topic_titles: &[],
        taxonomies: &taxonomies,
    };
    let article = Article::parse(&imported.path, &document, &context)
        .unwrap_or_else(|errors| panic!("imported article does not build: {errors:?}\n{document}"));
    assert_eq!(article.title, imported.front.title.trim());
    let html = article.html.to_ascii_lowercase();
    assert!(!html.contains("<script"), "script in imported article: {html}");
}

/// A text page around `body`: a headline and a date first, so that fuzzed bytes reach
/// body extraction.
pub fn text_page(body: &str) -> String {
    format!("Norvale ferme son laboratoire de puces\ninformation fournie par AFP 25/07/2025 à 08:44\n\n{body}")
}

/// An HTML page around `body`, with a headline and a date in its head.
pub fn html_page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><title>Puces : Norvale ferme son laboratoire</title>\
         <meta property=\"article:published_time\" content=\"2025-07-25T08:44:00+02:00\"></head><body>{body}</body></html>"
    )
}
