//! Structured data for search engines and news readers: schema.org JSON-LD and share images.
//!
//! Built with `serde_json` so that the output is valid JSON whatever the content, then made
//! inert inside `<script>`: `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026`, so no
//! title can close the script element or open a comment.

use serde::Serialize;
use serde_json::{Value, json};

use super::views::{term_name, topic_name, topic_text};
use crate::config::NavTarget;
use crate::route::{AuthorId, LanguageId, Route, TaxonomyId, TopicId};
use crate::site::{ArticleId, Site};

/// How many articles a topic page lists in its `CollectionPage`.
const COLLECTION_ITEMS_MAX: usize = 50;

/// The image a page is shared with: its absolute URL, its size when briefing knows it
/// (a share card's), and its text alternative where there is one (`og:image:alt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SharedImage {
    pub(super) url: String,
    pub(super) size: Option<(u32, u32)>,
    pub(super) alt: Option<String>,
}

impl SharedImage {
    fn card(site: &Site, route: Route, alt: String) -> SharedImage {
        let size = Some((briefing_card::WIDTH, briefing_card::HEIGHT));
        SharedImage { url: site.routes.permalink(route), size, alt: Some(alt) }
    }

    fn written(site: &Site, image: &crate::content::share_image::ShareImage, alt: Option<&str>) -> SharedImage {
        SharedImage { url: image.url(&site.config.base_url), size: None, alt: alt.map(str::to_owned) }
    }

    /// As JSON-LD's `image`: an `ImageObject` with its size where it is known.
    fn json_ld(&self) -> Value {
        match self.size {
            Some((width, height)) => {
                json!({ "@type": "ImageObject", "url": self.url, "width": width, "height": height })
            }
            None => json!(self.url),
        }
    }
}

/// The image an article is shared with: its own (`image:`), else its share card, else the
/// site's (`site_image`). `share_card::routes` gives the cards that this names.
pub(super) fn article_image(site: &Site, id: ArticleId) -> Option<SharedImage> {
    let article = &site.articles[id];
    if let Some(own) = &article.image {
        return Some(SharedImage::written(site, own, article.image_alt.as_deref()));
    }
    if site.config.share_cards.is_some() {
        return Some(SharedImage::card(site, Route::ShareCard(id), article_card_alt(site, id)));
    }
    site_image(site, site.article_languages[id])
}

/// What an article's card shows, in the article's language (`card_alt` of i18n): its
/// headline and the site's name; the site's card's text where the card is the site's
/// (a headline the card's fonts cannot draw).
fn article_card_alt(site: &Site, id: ArticleId) -> String {
    let article = &site.articles[id];
    let lang = site.article_languages[id];
    if !briefing_card::Card::can_draw(&article.title) {
        return site_card_alt(site, lang);
    }
    let interface = &site.config.interface;
    let locale = interface.get(interface.locale_for(&article.lang));
    let site_title = &site.config.languages[lang].title;
    locale.label("card_alt").replace("{headline}", &article.title).replace("{site}", site_title)
}

/// What the site's card shows in a language (`site_card_alt` of i18n): its name and
/// description there.
fn site_card_alt(site: &Site, lang: LanguageId) -> String {
    let language = &site.config.languages[lang];
    let interface = &site.config.interface;
    let locale = interface.get(interface.locale_for(&language.code));
    locale.label("site_card_alt").replace("{site}", &language.title).replace("{description}", &language.description)
}

/// The image the other pages of a language are shared with: site.yaml's `share_image:`,
/// else the site's card in that language, unless cards are off.
pub(super) fn site_image(site: &Site, lang: LanguageId) -> Option<SharedImage> {
    if let Some(image) = &site.config.share_image {
        return Some(SharedImage::written(site, image, None));
    }
    site.config.share_cards.is_some().then(|| SharedImage::card(site, Route::SiteCard(lang), site_card_alt(site, lang)))
}

/// The `<script type="application/ld+json">` body of an article page: `NewsArticle` and
/// `BreadcrumbList`.
pub(super) fn article_json_ld(site: &Site, id: ArticleId) -> String {
    let article = &site.articles[id];
    let routes = &site.routes;
    let lang = site.article_languages[id];
    let site_title = &site.config.languages[lang].title;
    let permalink = routes.permalink(Route::Article(id));
    let home = routes.permalink(Route::Home(lang));
    let publisher = publisher(site, lang);
    // Its authors (authors.yaml), else the site: an article always has an author.
    let author = if site.article_authors[id].is_empty() {
        publisher.clone()
    } else {
        json!(site.article_authors[id].iter().map(|&a| person(site, lang, a)).collect::<Vec<_>>())
    };
    let mut about: Vec<Thing> = site.article_topics[id]
        .iter()
        .map(|&t| Thing {
            kind: "Thing",
            name: topic_name(site, t, lang).0,
            url: routes.permalink(Route::Topic(lang, t)),
        })
        .collect();
    for (index, (taxonomy, terms)) in site.taxonomies.iter().zip(&site.article_terms[id]).enumerate() {
        let kind = crate::taxonomies::schema_type(&taxonomy.name);
        about.extend(terms.iter().map(|&t| Thing {
            kind,
            name: term_name(&taxonomy.terms[t], &article.lang, site),
            url: routes.permalink(Route::Term(lang, TaxonomyId(index), t)),
        }));
    }
    let news = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        about,
        author,
        correction: (article.updates.iter().filter(|update| update.correction))
            .map(|update| Correction {
                kind: "CorrectionComment",
                date_published: update.date.to_rfc3339(),
                text: &update.note,
            })
            .collect(),
        date_modified: article.updated.map_or(article.date, |u| u.max(article.date)).to_rfc3339(),
        date_published: article.date.to_rfc3339(),
        description: &article.summary,
        headline: &article.title,
        image: article_image(site, id).map(|image| [image.json_ld()]),
        in_language: &article.lang,
        is_based_on: article.source.as_ref().and_then(|source| source.url.as_deref()),
        // A syndicated copy's main page is its original (`canonical:`).
        main_entity_of_page: WebPage { id: article.canonical.as_ref().unwrap_or(&permalink), kind: "WebPage" },
        publisher,
        source_organization: (article.source.as_ref())
            .map(|source| Organization { kind: "Organization", name: &source.name }),
        url: &permalink,
        word_count: article.word_count,
    };
    let mut trail = vec![(site_title.as_str(), home)];
    if let Some(&t) = site.article_topics[id].first() {
        trail.push((topic_name(site, t, lang).0, routes.permalink(Route::Topic(lang, t))));
    }
    trail.push((&article.title, permalink.clone()));
    script_text(&(news, breadcrumbs(&trail)))
}

// An article's structured data as typed values rather than `json!` maps, for speed (one
// per article page). Their fields are in the order `serde_json` writes a map's keys, sorted,
// which the other pages' `json!` values use: the JSON is the same either way.

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    about: Vec<Thing<'a>>,
    author: Value,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Correction<'a>>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<[Value; 1]>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPage<'a>,
    publisher: Value,
    #[serde(rename = "sourceOrganization", skip_serializing_if = "Option::is_none")]
    source_organization: Option<Organization<'a>>,
    url: &'a str,
    #[serde(rename = "wordCount")]
    word_count: usize,
}

/// What an article is about: a topic (`Thing`) or a term (its taxonomy's type).
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Correction<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished")]
    date_published: String,
    text: &'a str,
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<Crumb<'a>>,
}

#[derive(Serialize)]
struct Crumb<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: &'a str,
    name: &'a str,
    position: usize,
}

/// The site as the publisher of its pages in `lang`: its name, home page, and the pages
/// of its policies (`publisher:` in site.yaml), in `lang` when they have a version in it.
pub(super) fn publisher(site: &Site, lang: LanguageId) -> Value {
    let routes = &site.routes;
    let site_title = &site.config.languages[lang].title;
    let mut publisher =
        json!({ "@type": "Organization", "name": site_title, "url": routes.permalink(Route::Home(lang)) });
    for (property, link) in site.config.publisher.policies() {
        let url = match &link.target {
            NavTarget::Url(url) => Some(url.clone()),
            NavTarget::Page(key) => {
                site.page_by_key(key, lang).map(|id| routes.permalink(Route::Page(site.page_languages[id], id)))
            }
            NavTarget::Topic(_) | NavTarget::Section(_) => None,
        };
        if let Some(url) = url {
            publisher[property] = json!(url);
        }
    }
    publisher
}

/// An author as a schema.org `Person`, with their page in `lang`.
fn person(site: &Site, lang: LanguageId, a: AuthorId) -> Value {
    let author = &site.authors[a];
    let code = &site.config.languages[lang].code;
    let mut person = json!({
        "@type": "Person",
        "name": author.name,
        "url": site.routes.permalink(Route::Author(lang, a)),
    });
    if !author.role_in(code).is_empty() {
        person["jobTitle"] = json!(author.role_in(code));
    }
    if !author.bio_in(code).is_empty() {
        person["description"] = json!(author.bio_in(code));
    }
    if !author.links.is_empty() {
        person["sameAs"] = json!(author.links);
    }
    person
}

/// The JSON-LD of an author's page in `lang`: a `ProfilePage` about the `Person`.
pub(super) fn author_json_ld(site: &Site, lang: LanguageId, a: AuthorId) -> String {
    let mut about = person(site, lang, a);
    about["worksFor"] = publisher(site, lang);
    let profile = json!({
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": site.routes.permalink(Route::Author(lang, a)),
        "inLanguage": site.config.languages[lang].code,
        "mainEntity": about,
    });
    script_text(&profile)
}

/// A part of a topic's timeline, as its page shows it: its address, its name (`2024`) and
/// its stories.
pub(super) struct TopicPart<'a> {
    pub(super) route: Route,
    pub(super) name: &'a str,
    pub(super) articles: &'a [ArticleId],
}

/// The JSON-LD of a topic page in `lang`: `CollectionPage` listing its latest articles,
/// and its breadcrumbs. On a part of a long timeline (`part`), the page is that part:
/// its own address and stories, one more step in the breadcrumbs.
pub(super) fn topic_json_ld(
    site: &Site,
    lang: LanguageId,
    topic: TopicId,
    part: Option<TopicPart<'_>>,
    topics_title: &str,
) -> String {
    let entry = &site.topics[topic];
    let routes = &site.routes;
    let language = &site.config.languages[lang];
    let (text, _) = topic_text(site, topic, lang);
    let topic_permalink = routes.permalink(Route::Topic(lang, topic));
    let (articles, permalink, name) = match &part {
        Some(part) => (part.articles, routes.permalink(part.route), format!("{} · {}", text.title, part.name)),
        None => (entry.listing(lang), topic_permalink.clone(), text.title.clone()),
    };
    let items: Vec<Value> = articles
        .iter()
        .take(COLLECTION_ITEMS_MAX)
        .enumerate()
        .map(|(index, &id)| {
            json!({
                "@type": "ListItem",
                "position": index + 1,
                "url": site.routes.permalink(Route::Article(id)),
                "name": site.articles[id].title,
            })
        })
        .collect();
    let mut collection = json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "description": text.summary,
        "url": permalink,
        "inLanguage": language.code,
        "isPartOf": { "@type": "WebSite", "name": language.title, "url": routes.permalink(Route::Home(lang)) },
        "mainEntity": { "@type": "ItemList", "numberOfItems": articles.len(), "itemListElement": items },
    });
    if let Some(modified) = site.last_updated(articles) {
        collection["dateModified"] = json!(modified.to_rfc3339());
    }
    let mut trail = vec![
        (language.title.as_str(), routes.permalink(Route::Home(lang))),
        (topics_title, routes.permalink(Route::TopicIndex(lang))),
        (text.title.as_str(), topic_permalink),
    ];
    if let Some(part) = &part {
        trail.push((part.name, permalink));
    }
    script_text(&json!([collection, breadcrumbs(&trail)]))
}

fn breadcrumbs<'a>(trail: &'a [(&'a str, String)]) -> BreadcrumbList<'a> {
    let items = (trail.iter().enumerate())
        .map(|(index, (name, url))| Crumb { kind: "ListItem", item: url, name, position: index + 1 })
        .collect();
    BreadcrumbList { context: "https://schema.org", kind: "BreadcrumbList", items }
}

/// JSON that can sit inside `<script>` unchanged: the escapes are still valid JSON strings.
pub(super) fn script_text(value: &impl Serialize) -> String {
    use crate::i18n::typography::{NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE};
    let text = serde_json::to_string(value).expect("JSON values serialise");
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Line separators end a JavaScript line in older engines.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            // Plain spaces where the page's typography put no-break ones: structured data
            // is read by machines, not set on a line.
            NO_BREAK_SPACE | NARROW_NO_BREAK_SPACE => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_script_element_and_stays_json() {
        let value = json!({ "headline": "</script><script>alert(1)</script> & <!-- \u{2028}" });
        let text = script_text(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
