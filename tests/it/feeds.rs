//! Feeds people can read: the XSLT stylesheet a browser shows an Atom feed with, the source
//! and authors of every entry, and the JSON Feed beside every Atom feed.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::*;

fn built() -> (tempfile::TempDir, PathBuf) {
    built_copy("sites/pages")
}

#[test]
fn an_atom_feed_names_the_stylesheet_browsers_show_it_with() {
    let (_site, public) = built();
    let feed = read(public.join("feed.xml"));
    let line = feed.lines().nth(1).unwrap();
    assert!(line.starts_with("<?xml-stylesheet type=\"text/xsl\" href=\"/briefing/feed."), "{line}");
    let href = line.split("href=\"/briefing/").nth(1).unwrap().trim_end_matches("\"?>");
    let stylesheet = read(public.join(href));
    assert!(stylesheet.contains("<xsl:stylesheet"), "{stylesheet}");
    assert!(stylesheet.contains("subscribe"), "it says what a feed is for");
    assert!(public.join("feed.xsl").is_file(), "also under its own name");
}

#[test]
fn every_entry_names_its_source_and_authors() {
    let (_site, public) = built();
    let feed = read(public.join("feed.xml"));
    let entry = &feed[feed.find("<title>Nordhavn opens a customs probe</title>").unwrap()..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(
        entry.contains(
            "<link rel=\"via\" type=\"text/html\" href=\"https://example.com/wire/nordhavn-probe?id=7&amp;lang=en\" title=\"Harbour Wire &amp; Co\"/>"
        ),
        "{entry}"
    );
    // In the text too, escaped once more as the HTML of `type="html"` content.
    assert!(entry.contains("&lt;p class=&quot;feed-source&quot;&gt;Source: &lt;a href="), "{entry}");
    assert!(entry.contains("Harbour Wire &amp;amp; Co&lt;/a&gt;&lt;/p&gt;"), "{entry}");
    assert!(entry.contains("<author>\n      <name>Tom Reyes</name>"), "{entry}");
    assert!(entry.contains("The customs office of Nordhavn opened a probe"), "the whole text:\n{entry}");
}

#[test]
fn a_json_feed_is_beside_every_atom_feed() {
    let (_site, public) = built();
    for (atom, json) in [
        ("feed.xml", "feed.json"),
        ("fr/feed.xml", "fr/feed.json"),
        ("topics/ports/feed.xml", "topics/ports/feed.json"),
        ("authors/tom-reyes/feed.xml", "authors/tom-reyes/feed.json"),
    ] {
        let feed: Value = serde_json::from_str(&read(public.join(json))).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1", "{json}");
        assert_eq!(feed["feed_url"], format!("https://example.org/briefing/{json}"));
        let items = feed["items"].as_array().unwrap();
        assert_eq!(items.len(), read(public.join(atom)).matches("<entry").count(), "{json}");
        for item in items {
            for key in ["id", "url", "title", "content_html", "date_published"] {
                assert!(item[key].is_string(), "{json}: {key} in {item}");
            }
        }
    }
    let feed: Value = serde_json::from_str(&read(public.join("feed.json"))).unwrap();
    let probe =
        feed["items"].as_array().unwrap().iter().find(|i| i["title"] == "Nordhavn opens a customs probe").unwrap();
    assert_eq!(probe["external_url"], "https://example.com/wire/nordhavn-probe?id=7&lang=en");
    assert_eq!(probe["authors"][0]["name"], "Tom Reyes");
    let home = read(public.join("index.html"));
    assert!(home.contains("<link rel=\"alternate\" type=\"application/feed+json\""), "{home}");
}
