//! JSON-LD, Open Graph and Twitter tags on built pages, checked against schema.org rules.

use std::path::Path;

use serde_json::Value;

use crate::common::*;

const BASE: &str = "https://notes.example.net/desk";

fn built(name: &str) -> tempfile::TempDir {
    let site = site_copy(name);
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "build failed: {}", stderr(&output));
    site
}

/// The parsed body of every `<script type="application/ld+json">` of a page.
fn json_ld(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        rest = &rest[start + open.len()..];
        let end = rest.find("</script>").expect("the script element is closed");
        let text = &rest[..end];
        blocks.push(serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON-LD ({e}): {text}")));
        rest = &rest[end..];
    }
    blocks
}

/// The one schema.org node of a type in a page's JSON-LD blocks (each an object or an array).
fn node<'v>(blocks: &'v [Value], kind: &str) -> &'v Value {
    let nodes: Vec<&Value> = blocks
        .iter()
        .flat_map(|block| block.as_array().map_or(vec![block], |items| items.iter().collect()))
        .filter(|n| n["@type"] == kind)
        .collect();
    assert_eq!(nodes.len(), 1, "expected one {kind} in {blocks:?}");
    assert_eq!(nodes[0]["@context"], "https://schema.org");
    nodes[0]
}

fn assert_iso_date(value: &Value) {
    let text = value.as_str().unwrap_or_else(|| panic!("not a date string: {value}"));
    chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("not ISO 8601 ({e}): {text}"));
}

/// Every URL-valued property, at any depth, is absolute and under the site's base URL
/// (except `isBasedOn`, the source's own page).
fn assert_absolute_urls(value: &Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if ["url", "item", "@id", "image"].contains(&key.as_str()) {
                    let urls: Vec<&Value> = inner.as_array().map_or(vec![inner], |a| a.iter().collect());
                    // An `ImageObject` (a share card) carries its URL as `url`.
                    for url in urls.iter().map(|url| url.get("url").unwrap_or(url)) {
                        let url = url.as_str().unwrap_or_else(|| panic!("{key} is not a string: {url}"));
                        assert!(url.starts_with(&format!("{BASE}/")), "{key} is not an absolute site URL: {url}");
                    }
                } else {
                    assert_absolute_urls(inner);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(assert_absolute_urls),
        _ => {}
    }
}

fn assert_breadcrumbs(list: &Value, last: &str) {
    let items = list["itemListElement"].as_array().expect("breadcrumb items");
    assert!(items.len() >= 2, "{list}");
    for (index, item) in items.iter().enumerate() {
        assert_eq!(item["@type"], "ListItem");
        assert_eq!(item["position"], index + 1);
        assert!(item["name"].as_str().is_some_and(|n| !n.is_empty()), "{item}");
    }
    assert_eq!(items[0]["item"], format!("{BASE}/"));
    assert_eq!(items.last().unwrap()["item"], last);
}

fn page(site: &Path, path: &str) -> String {
    read(site.join("public").join(path))
}

#[test]
fn article_pages_carry_a_news_article_and_breadcrumbs() {
    let site = built("sites/structured-data");
    let html = page(site.path(), "articles/script-title/index.html");
    let blocks = json_ld(&html);
    assert_eq!(blocks.len(), 1, "one JSON-LD block per article page");
    assert_absolute_urls(&blocks[0]);
    let news = node(&blocks, "NewsArticle");
    let permalink = format!("{BASE}/articles/script-title/");
    // The title is carried whole, although it holds `</script>`: the escapes kept it inside.
    assert_eq!(news["headline"], "Quay authority says </script><script>alert(1)</script> is not a cable");
    assert_eq!(news["description"], "A \"quoted\" summary with <angle> brackets & an ampersand.");
    assert_eq!(news["datePublished"], "2021-03-04T09:15:00+01:00");
    assert_iso_date(&news["datePublished"]);
    assert_iso_date(&news["dateModified"]);
    assert!(news["dateModified"].as_str().unwrap().starts_with("2021-03-05"), "{}", news["dateModified"]);
    assert_eq!(news["inLanguage"], "en");
    assert_eq!(news["mainEntityOfPage"]["@id"], permalink);
    assert_eq!(news["sourceOrganization"]["name"], "Northern Wire Service");
    assert_eq!(news["isBasedOn"], "https://wire.example.com/quay");
    assert_eq!(news["publisher"]["name"], "Harbour & Wire Notes");
    assert_eq!(news["image"][0], format!("{BASE}/images/quay.jpg"));
    let about: Vec<(&str, &str)> = news["about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["@type"].as_str().unwrap(), a["name"].as_str().unwrap()))
        .collect();
    for expected in [
        ("Thing", "Cable <politics> & ports"),
        ("Organization", "Quay Authority"),
        ("Place", "Norland"),
        ("Thing", "landing-stations"),
    ] {
        assert!(about.contains(&expected), "{expected:?} not in {about:?}");
    }
    assert_breadcrumbs(node(&blocks, "BreadcrumbList"), &permalink);
    // The raw page never lets the title's markup out of the script element.
    assert!(!html.contains("<script>alert(1)"), "the title escaped its element");
}

#[test]
fn an_article_without_an_image_or_source_is_shared_with_its_card() {
    let site = built("sites/structured-data");
    let blocks = json_ld(&page(site.path(), "articles/plain/index.html"));
    assert_absolute_urls(&blocks[0]);
    let news = node(&blocks, "NewsArticle");
    let card = serde_json::json!({
        "@type": "ImageObject",
        "url": format!("{BASE}/articles/plain/share-card.png"),
        "width": 1200,
        "height": 630,
    });
    assert_eq!(news["image"][0], card);
    assert_eq!(news["inLanguage"], "fr");
    assert_eq!(news["dateModified"], news["datePublished"]);
    assert!(news.get("sourceOrganization").is_none(), "{news}");
    assert!(news["author"]["name"].is_string(), "{news}");
}

#[test]
fn topic_pages_carry_a_collection_page() {
    let site = built("sites/structured-data");
    let blocks = json_ld(&page(site.path(), "topics/cable-politics/index.html"));
    assert_absolute_urls(&Value::Array(blocks.clone()));
    let collection = node(&blocks, "CollectionPage");
    let permalink = format!("{BASE}/topics/cable-politics/");
    assert_eq!(collection["name"], "Cable <politics> & ports");
    assert_eq!(collection["url"], permalink);
    assert_iso_date(&collection["dateModified"]);
    let items = collection["mainEntity"]["itemListElement"].as_array().unwrap();
    let urls: Vec<&str> = items.iter().map(|i| i["url"].as_str().unwrap()).collect();
    assert_eq!(urls, [format!("{BASE}/articles/script-title/"), format!("{BASE}/articles/plain/")]);
    assert_breadcrumbs(node(&blocks, "BreadcrumbList"), &permalink);
}

#[test]
fn share_tags_name_the_article_image_or_the_site_default() {
    let site = built("sites/structured-data");
    let html = page(site.path(), "articles/script-title/index.html");
    for tag in [
        format!("<meta property=\"og:image\" content=\"{BASE}/images/quay.jpg\">"),
        "<meta name=\"twitter:card\" content=\"summary_large_image\">".to_owned(),
        "<meta property=\"article:published_time\" content=\"2021-03-04T09:15:00+01:00\">".to_owned(),
        "<meta property=\"article:section\" content=\"Cable &lt;politics&gt; &amp; ports\">".to_owned(),
        "<meta property=\"article:tag\" content=\"Quay Authority\">".to_owned(),
        "<meta property=\"article:tag\" content=\"landing-stations\">".to_owned(),
    ] {
        assert!(html.contains(&tag), "missing {tag}");
    }
    assert!(html.contains("<meta property=\"article:modified_time\" content=\"2021-03-05"), "no modified time");
    let home = page(site.path(), "index.html");
    assert!(home.contains(&format!("<meta property=\"og:image\" content=\"{BASE}/images/share.png\">")));
}

#[test]
fn without_any_image_pages_get_a_small_twitter_card() {
    let site = site_copy("sites/minimal");
    let config = site.path().join("site.yaml");
    std::fs::write(&config, read(&config) + "share_cards: false\n").unwrap();
    assert!(build(site.path(), &[]).status.success());
    let home = read(site.path().join("public/index.html"));
    assert!(home.contains("<meta name=\"twitter:card\" content=\"summary\">"), "{home}");
    assert!(!home.contains("og:image"), "{home}");
}
