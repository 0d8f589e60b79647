//! Authors (`content/authors.yaml`, `authors:` on articles): their pages with their stories
//! in each language, their feeds, their names on articles and in JSON-LD.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::*;

fn built() -> (tempfile::TempDir, PathBuf) {
    built_copy("sites/pages")
}

/// The first JSON-LD block of a page.
fn json_ld(html: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD") + open.len();
    serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()]).unwrap()
}

#[test]
fn an_author_page_lists_their_stories_in_each_language() {
    let (_site, public) = built();
    let english = read(public.join("authors/ines-varga/index.html"));
    assert!(english.contains("<h1 class=\"page-title\">Inès Varga</h1>"), "{english}");
    assert!(english.contains("<p class=\"standfirst\">Ports reporter</p>"), "{english}");
    assert!(english.contains("/briefing/articles/harbour-deal/"), "{english}");
    assert!(english.contains("rel=\"me external\""), "{english}");
    assert!(!english.contains("/briefing/articles/probe/"), "another author's story:\n{english}");
    // In French, the story's French version, though only its English one names her.
    let french = read(public.join("fr/authors/ines-varga/index.html"));
    assert!(french.contains("<p class=\"standfirst\">Journaliste portuaire</p>"), "{french}");
    assert!(french.contains("/briefing/fr/articles/accord-portuaire/"), "{french}");
    let profile = json_ld(&french);
    assert_eq!(profile["@type"], "ProfilePage");
    assert_eq!(profile["mainEntity"]["@type"], "Person");
    assert_eq!(profile["mainEntity"]["sameAs"][0], "https://example.com/people/ines-varga");
    let sitemap = read(public.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/briefing/authors/tom-reyes/</loc>"), "{sitemap}");
}

#[test]
fn an_author_has_a_feed_of_their_stories() {
    let (_site, public) = built();
    let feed = read(public.join("authors/tom-reyes/feed.xml"));
    assert!(feed.contains("<title>Tom Reyes – Fixture Briefing</title>"), "{feed}");
    assert_eq!(feed.matches("<entry").count(), 2, "{feed}");
    let page = read(public.join("authors/tom-reyes/index.html"));
    assert!(page.contains("href=\"/briefing/authors/tom-reyes/feed.xml\""), "{page}");
}

#[test]
fn an_article_names_its_authors_and_they_are_persons_in_its_json_ld() {
    let (_site, public) = built();
    let page = read(public.join("fr/articles/quai-est/index.html"));
    assert!(
        page.contains("<a href=\"/briefing/fr/authors/ines-varga/\" rel=\"author\">Inès Varga</a>, <a href=\"/briefing/fr/authors/tom-reyes/\" rel=\"author\">Tom Reyes</a>"),
        "{page}"
    );
    let news = &json_ld(&page)[0];
    let authors = news["author"].as_array().expect("a list of persons");
    assert_eq!(authors.len(), 2);
    assert_eq!(authors[0]["@type"], "Person");
    assert_eq!(authors[0]["url"], "https://example.org/briefing/fr/authors/ines-varga/");
    assert_eq!(authors[0]["jobTitle"], "Journaliste portuaire");
    // Without authors, the site is the author.
    let unsigned = json_ld(&read(public.join("articles/dredging/index.html")));
    assert_eq!(unsigned[0]["author"]["@type"], "Organization");
}
