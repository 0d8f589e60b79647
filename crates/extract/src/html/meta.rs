//! What an HTML page says about itself: `<meta>` tags, `<link rel=canonical>`,
//! `<time datetime>` and JSON-LD `NewsArticle`.

use markup5ever_rcdom::Handle;
use serde_json::Value;

use super::dom::{attr, class_tokens, descendants, raw_text, tag, text};

/// Metadata read from the whole page before anything is removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// JSON-LD `headline`.
    pub headline: Option<String>,
    pub og_title: Option<String>,
    pub document_title: Option<String>,
    /// The first few `<h1>`, in document order.
    pub h1s: Vec<String>,
    /// Elements marked as the headline: `itemprop="headline"`, a heading classed `headline`.
    pub marked_headlines: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub first_time: Option<String>,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    pub description: Option<String>,
    pub lang: Option<String>,
    /// The page's share image (`og:image`, `twitter:image`, JSON-LD `image`), as written.
    pub image: Option<String>,
    /// `<base href>`: what the page's relative addresses are relative to.
    pub base: Option<String>,
}

pub fn read(document: &Handle) -> Metadata {
    let mut meta = Metadata::default();
    let mut og_url = None;
    for node in descendants(document) {
        // Microdata: `itemprop="datePublished"` on a `<meta content>`, a `<time>` or a `<span>`.
        if let Some(property) = attr(&node, "itemprop") {
            let slot = match property.as_str() {
                "datePublished" => Some(&mut meta.published),
                "dateModified" => Some(&mut meta.modified),
                _ => None,
            };
            let value = || {
                let value = attr(&node, "content").or_else(|| attr(&node, "datetime")).unwrap_or_else(|| text(&node));
                Some(value.trim().to_owned()).filter(|v| !v.is_empty())
            };
            if let Some(slot) = slot.filter(|slot| slot.is_none()) {
                *slot = value();
            }
        }
        match tag(&node).unwrap_or_default() {
            "html" => meta.lang = attr(&node, "lang").map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()),
            "title" if meta.document_title.is_none() => meta.document_title = Some(text(&node)),
            "h1" if meta.h1s.len() < 3 => meta.h1s.extend(Some(text(&node)).filter(|t| !t.is_empty())),
            _ if meta.marked_headlines.len() < 3 && is_marked_headline(&node) => {
                meta.marked_headlines.extend(Some(text(&node)).filter(|t| !t.is_empty()));
            }
            "meta" => {
                let key = attr(&node, "property").or_else(|| attr(&node, "name")).unwrap_or_default().to_lowercase();
                let Some(content) = attr(&node, "content").map(|c| c.trim().to_owned()).filter(|c| !c.is_empty())
                else {
                    continue;
                };
                let slot = match key.as_str() {
                    "og:title" | "twitter:title" => &mut meta.og_title,
                    "og:url" => &mut og_url,
                    "og:site_name" => &mut meta.site_name,
                    "article:published_time"
                    | "article:published"
                    | "date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.issued"
                    | "pubdate"
                    | "datepublished" => &mut meta.published,
                    "article:modified_time" | "article:modified" | "og:updated_time" | "datemodified" => {
                        &mut meta.modified
                    }
                    "author" | "article:author" => &mut meta.author,
                    "description" | "og:description" => &mut meta.description,
                    "og:image" | "og:image:url" | "og:image:secure_url" | "twitter:image" | "twitter:image:src" => {
                        &mut meta.image
                    }
                    _ => continue,
                };
                slot.get_or_insert(content);
            }
            "link" if meta.url.is_none() && attr(&node, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                meta.url = attr(&node, "href");
            }
            "base" if meta.base.is_none() => meta.base = attr(&node, "href").filter(|href| !href.trim().is_empty()),
            "time" if meta.first_time.is_none() => meta.first_time = attr(&node, "datetime"),
            "script" if attr(&node, "type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) => {
                read_json_ld(&raw_text(&node), &mut meta);
            }
            _ => {}
        }
    }
    meta.url = meta.url.or(og_url).filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    if meta.site_name.is_none() {
        meta.site_name = site_name_in_title(&meta);
    }
    meta
}

/// "Headline - Les Échos fictifs": the short part after the last separator of `<title>`,
/// when what comes before it is the page's headline.
fn site_name_in_title(meta: &Metadata) -> Option<String> {
    let title = meta.document_title.as_deref()?;
    let headline = meta.headline.as_deref().or(meta.og_title.as_deref()).or(meta.h1s.first().map(String::as_str));
    let Some(headline) = headline else {
        // No other headline: "Headline | Site" still reads as the site after the bar.
        let (head, site) = title.rsplit_once(" | ")?;
        let words = |t: &str| t.split_whitespace().count();
        return (words(head) >= 3 && (1..=5).contains(&words(site))).then(|| site.trim().to_owned());
    };
    [" | ", " - ", " – ", " — "].iter().find_map(|separator| {
        let (head, site) = title.rsplit_once(separator)?;
        let same = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
        (same(head, headline) && (1..=5).contains(&site.split_whitespace().count())).then(|| site.trim().to_owned())
    })
}

fn is_marked_headline(node: &Handle) -> bool {
    let heading = matches!(tag(node), Some("h2" | "h3" | "div" | "span" | "p"));
    attr(node, "itemprop").is_some_and(|p| p == "headline")
        || heading && class_tokens(node).iter().any(|t| matches!(t.as_str(), "headline" | "titre"))
}

/// Fills what a JSON-LD `NewsArticle` (or `Article`, `ReportageNewsArticle`) says.
fn read_json_ld(json: &str, meta: &mut Metadata) {
    let Ok(value) = serde_json::from_str::<Value>(json) else { return };
    let Some(article) = find_article(&value) else { return };
    let string = |key: &str| article.get(key).and_then(Value::as_str).map(str::trim).map(str::to_owned);
    let name_of = |value: Option<&Value>| -> Option<String> {
        match value? {
            Value::String(name) => Some(name.clone()),
            Value::Object(object) => object.get("name").and_then(Value::as_str).map(str::to_owned),
            Value::Array(items) => {
                let names: Vec<String> = items
                    .iter()
                    .filter_map(|item| item.get("name").and_then(Value::as_str).or(item.as_str()).map(str::to_owned))
                    .collect();
                match names.split_last() {
                    None => None,
                    Some((last, [])) => Some(last.clone()),
                    Some((last, others)) => Some(format!("{} and {last}", others.join(", "))),
                }
            }
            _ => None,
        }
    };
    if let Some(headline) = string("headline") {
        meta.headline = Some(headline);
    }
    if let Some(published) = string("datePublished") {
        meta.published = Some(published);
    }
    if let Some(modified) = string("dateModified") {
        meta.modified = Some(modified);
    }
    if let Some(author) = name_of(article.get("author")) {
        meta.author = Some(author);
    }
    if let Some(publisher) = name_of(article.get("publisher")) {
        meta.site_name.get_or_insert(publisher);
    }
    let url = string("url").or_else(|| match article.get("mainEntityOfPage") {
        Some(Value::String(url)) => Some(url.clone()),
        Some(Value::Object(page)) => page.get("@id").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    });
    if let Some(url) = url {
        meta.url.get_or_insert(url);
    }
    if let Some(language) = string("inLanguage") {
        meta.lang.get_or_insert(language.to_lowercase());
    }
    if let Some(image) = image_address(article.get("image")) {
        meta.image.get_or_insert(image);
    }
}

/// A JSON-LD `image`: an address, an `ImageObject` (`url`, `contentUrl`), or a list of
/// either (the first).
fn image_address(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(address) => Some(address.trim().to_owned()).filter(|a| !a.is_empty()),
        Value::Object(object) => image_address(object.get("url").or_else(|| object.get("contentUrl"))),
        Value::Array(items) => items.iter().find_map(|item| image_address(Some(item))),
        _ => None,
    }
}

/// The article object in a JSON-LD value, an array of them or an `@graph`.
fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(object) => {
            let is_article = match object.get("@type") {
                Some(Value::String(kind)) => kind.ends_with("Article"),
                Some(Value::Array(kinds)) => kinds.iter().any(|k| k.as_str().is_some_and(|k| k.ends_with("Article"))),
                _ => false,
            };
            if is_article { Some(value) } else { object.get("@graph").and_then(find_article) }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(html: &str) -> Metadata {
        read(&htmd::HtmlToMarkdown::new().html_to_tree(html).unwrap())
    }

    #[test]
    fn json_ld_news_article_in_a_graph() {
        let meta = metadata(
            r#"<html lang="fr"><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},{"@type":"NewsArticle","headline":"Titre","datePublished":"2024-03-12T10:15:00+01:00","author":[{"@type":"Organization","name":"AFP"}],"publisher":{"name":"Le Quotidien fictif"}}]}</script></head><body></body></html>"#,
        );
        assert_eq!(meta.headline.as_deref(), Some("Titre"));
        assert_eq!(meta.published.as_deref(), Some("2024-03-12T10:15:00+01:00"));
        assert_eq!(meta.author.as_deref(), Some("AFP"));
        assert_eq!(meta.site_name.as_deref(), Some("Le Quotidien fictif"));
        assert_eq!(meta.lang.as_deref(), Some("fr"));
    }

    #[test]
    fn share_image_from_open_graph_or_json_ld() {
        let meta = metadata(
            r#"<head><base href="https://news.example/2024/"><meta property="og:image" content="https://cdn.example/lab.jpg"></head><body></body>"#,
        );
        assert_eq!(meta.image.as_deref(), Some("https://cdn.example/lab.jpg"));
        assert_eq!(meta.base.as_deref(), Some("https://news.example/2024/"));
        let meta = metadata(
            r#"<head><script type="application/ld+json">{"@type":"NewsArticle","image":[{"@type":"ImageObject","url":"https://cdn.example/a.jpg"}]}</script></head>"#,
        );
        assert_eq!(meta.image.as_deref(), Some("https://cdn.example/a.jpg"));
    }

    #[test]
    fn microdata_and_meta_without_time() {
        let meta = metadata(
            r#"<html><head><meta property="article:published" content="2024-03-12"></head><body><span itemprop="dateModified" content="2024-03-13T08:00:00Z">13 March</span></body></html>"#,
        );
        assert_eq!(meta.published.as_deref(), Some("2024-03-12"));
        assert_eq!(meta.modified.as_deref(), Some("2024-03-13T08:00:00Z"));
        let meta = metadata(r#"<body><p>By Ana <time itemprop="datePublished">Nov. 18, 2019</time></p></body>"#);
        assert_eq!(meta.published.as_deref(), Some("Nov. 18, 2019"));
    }

    #[test]
    fn meta_tags_canonical_and_time() {
        let meta = metadata(
            r#"<head><title>T | Site</title><meta property="og:title" content="OG title"><meta property="article:published_time" content="2024-09-06T10:12:00+02:00"><link rel="canonical" href="https://news.example/a"><meta property="og:url" content="https://news.example/b"></head><body><time datetime="2024-09-06">6 Sept</time></body>"#,
        );
        assert_eq!(meta.og_title.as_deref(), Some("OG title"));
        assert_eq!(meta.published.as_deref(), Some("2024-09-06T10:12:00+02:00"));
        assert_eq!(meta.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(meta.first_time.as_deref(), Some("2024-09-06"));
        assert_eq!(meta.document_title.as_deref(), Some("T | Site"));
    }
}
