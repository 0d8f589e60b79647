//! One row per kind of page (ripgrep's `FLAGS` is the model): what the kind is called in
//! templates, its template, whether the sitemap lists it, the folder its pages take, and
//! whether the navigation links to it. The lists other parts of the site need (template
//! names, folders a taxonomy may not take, the navigation's URLs) are derived from here.

use super::{LanguageId, Route};

/// What is known of a kind of page before any site is.
#[derive(Debug)]
pub struct KindInfo {
    /// `page.kind` in templates.
    pub name: &'static str,
    /// The template its pages are rendered with; `None` for files made without one.
    pub template: Option<&'static str>,
    /// Whether the sitemap lists its pages.
    pub in_sitemap: bool,
    /// The first segment of its pages' paths (`topics` in `/topics/chips/`), which a
    /// taxonomy cannot take; `None` for pages at the root of a language.
    pub section: Option<&'static str>,
    /// Its key in `site.urls` and in `labels`, for a kind of one page per language that
    /// the navigation links to.
    pub navigation: Option<&'static str>,
    /// The page of this kind in a language, for a kind of one page per language.
    pub per_language: Option<fn(LanguageId) -> Route>,
    /// When its pages are rendered among others: 0 for pages listing every article, 1 for
    /// pages listing many, 2 for the rest. Heavy pages go first, so that the cores share
    /// them rather than one finishing them last.
    pub weight: u8,
    /// Whether its pages show articles' full text (their HTML): a build renders these
    /// first, then drops the text before the other pages.
    pub article_bodies: bool,
}

/// Every kind of page, in the order of `Route`'s variants (`Route::info` indexes it).
pub(crate) const KINDS: &[KindInfo] = &[
    KindInfo {
        name: "home",
        template: Some("index.html"),
        in_sitemap: true,
        section: None,
        navigation: Some("home"),
        per_language: Some(Route::Home),
        weight: 1,
        article_bodies: false,
    },
    KindInfo {
        name: "article",
        template: Some("article.html"),
        in_sitemap: true,
        section: Some("articles"),
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: true,
    },
    KindInfo {
        name: "topics",
        template: Some("topics.html"),
        in_sitemap: true,
        section: Some("topics"),
        navigation: Some("topics"),
        per_language: Some(Route::TopicIndex),
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "topic",
        template: Some("topic.html"),
        in_sitemap: true,
        section: Some("topics"),
        navigation: None,
        per_language: None,
        weight: 1,
        article_bodies: false,
    },
    KindInfo {
        name: "feed",
        template: Some("atom.xml"),
        in_sitemap: false,
        section: Some("topics"),
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: true,
    },
    KindInfo {
        name: "json-feed",
        template: Some("feed.json"),
        in_sitemap: false,
        section: Some("topics"),
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: true,
    },
    // A taxonomy's pages are under its own name (`/tags/`), which is not reserved.
    KindInfo {
        name: "taxonomy",
        template: Some("taxonomy.html"),
        in_sitemap: true,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "term",
        template: Some("term.html"),
        in_sitemap: true,
        section: None,
        navigation: None,
        per_language: None,
        weight: 1,
        article_bodies: false,
    },
    // A standalone page is at the root of its language (`/about/`); its slug may not take
    // a kind's section.
    KindInfo {
        name: "page",
        template: Some("page.html"),
        in_sitemap: true,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    // A story thread's page, in every language: the stories `follows:` joins, oldest first.
    KindInfo {
        name: "thread",
        template: Some("thread.html"),
        in_sitemap: true,
        section: Some("threads"),
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "author",
        template: Some("author.html"),
        in_sitemap: true,
        section: Some("authors"),
        navigation: None,
        per_language: None,
        weight: 1,
        article_bodies: false,
    },
    KindInfo {
        name: "feed",
        template: Some("atom.xml"),
        in_sitemap: false,
        section: Some("authors"),
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: true,
    },
    KindInfo {
        name: "json-feed",
        template: Some("feed.json"),
        in_sitemap: false,
        section: Some("authors"),
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: true,
    },
    KindInfo {
        name: "archive",
        template: Some("archive.html"),
        in_sitemap: true,
        section: Some("archive"),
        navigation: Some("archive"),
        per_language: Some(Route::Archive),
        weight: 0,
        article_bodies: false,
    },
    KindInfo {
        name: "search",
        template: Some("search.html"),
        in_sitemap: true,
        section: Some("search"),
        navigation: Some("search"),
        per_language: Some(Route::Search),
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "404",
        template: Some("404.html"),
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: Some(Route::NotFound),
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "feed",
        template: Some("atom.xml"),
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: Some(Route::Feed),
        weight: 2,
        article_bodies: true,
    },
    KindInfo {
        name: "json-feed",
        template: Some("feed.json"),
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: Some(Route::JsonFeed),
        weight: 2,
        article_bodies: true,
    },
    KindInfo {
        name: "sitemap",
        template: Some("sitemap.xml"),
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 0,
        article_bodies: false,
    },
    KindInfo {
        name: "robots",
        template: Some("robots.txt"),
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "search-index",
        template: None,
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 0,
        article_bodies: false,
    },
    KindInfo {
        name: "search-index",
        template: None,
        in_sitemap: false,
        section: Some("search"),
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "asset",
        template: None,
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "asset",
        template: None,
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "news-sitemap",
        template: Some("sitemap-news.xml"),
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    // An old address: a small page that sends the reader to the page's address.
    KindInfo {
        name: "redirect",
        template: Some("redirect.html"),
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "redirects",
        template: None,
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    // The parts of long timelines: pages of the kinds they split.
    KindInfo {
        name: "topic",
        template: Some("topic.html"),
        in_sitemap: true,
        section: Some("topics"),
        navigation: None,
        per_language: None,
        weight: 1,
        article_bodies: false,
    },
    KindInfo {
        name: "term",
        template: Some("term.html"),
        in_sitemap: true,
        section: None,
        navigation: None,
        per_language: None,
        weight: 1,
        article_bodies: false,
    },
    KindInfo {
        name: "archive",
        template: Some("archive.html"),
        in_sitemap: true,
        section: Some("archive"),
        navigation: None,
        per_language: None,
        weight: 1,
        article_bodies: false,
    },
    // The measure tracker, on a site with `content/measures.yaml` (`Routes::has`).
    KindInfo {
        name: "measures",
        template: Some("measures.html"),
        in_sitemap: true,
        section: Some("measures"),
        navigation: Some("measures"),
        per_language: Some(Route::MeasureIndex),
        weight: 2,
        article_bodies: false,
    },
    KindInfo {
        name: "measure",
        template: Some("measure.html"),
        in_sitemap: true,
        section: Some("measures"),
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
    // An actor's feed is beside its term's page, under the taxonomy's name.
    KindInfo {
        name: "feed",
        template: Some("atom.xml"),
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: true,
    },
    // A PNG drawn for link previews: beside its article's page, and at the root of each
    // language for the site's other pages.
    KindInfo {
        name: "share-card",
        template: None,
        in_sitemap: false,
        section: Some("articles"),
        navigation: None,
        per_language: None,
        weight: 1,
        article_bodies: false,
    },
    KindInfo {
        name: "share-card",
        template: None,
        in_sitemap: false,
        section: None,
        navigation: None,
        per_language: None,
        weight: 2,
        article_bodies: false,
    },
];

/// Folders of the output that are not a kind's but that a taxonomy may not take either:
/// `static/` is where a site keeps its own files.
const OTHER_RESERVED: &[&str] = &["static"];

/// Every template a page is rendered with, each once, in the order of `KINDS`.
pub(crate) fn page_templates() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for template in KINDS.iter().filter_map(|kind| kind.template) {
        if !names.contains(&template) {
            names.push(template);
        }
    }
    names
}

/// The first path segments a taxonomy cannot take (its pages would land among a kind's).
pub(crate) fn reserved_sections() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for section in KINDS.iter().filter_map(|kind| kind.section).chain(OTHER_RESERVED.iter().copied()) {
        if !names.contains(&section) {
            names.push(section);
        }
    }
    names
}

/// The kinds of one page per language, in the order of `KINDS`.
pub(crate) fn per_language(lang: LanguageId) -> impl Iterator<Item = Route> {
    KINDS.iter().filter_map(move |kind| kind.per_language.map(|page| page(lang)))
}

/// The names `nav:` entries may give as `section:` (`home`, `topics`, ...).
pub(crate) fn navigation_keys() -> impl Iterator<Item = &'static str> {
    KINDS.iter().filter_map(|kind| kind.navigation)
}

/// The pages the navigation links to in a language: (key of `site.urls`, page).
pub(crate) fn navigation(lang: LanguageId) -> impl Iterator<Item = (&'static str, Route)> {
    KINDS.iter().filter_map(move |kind| Some((kind.navigation?, kind.per_language?(lang))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::{
        ArticleId, AssetId, AuthorId, MeasureId, PageId, Period, TaxonomyId, TermId, ThreadId, TopicId,
    };

    /// One route of every kind, in the order of `Route`'s variants.
    fn one_of_each() -> Vec<Route> {
        let lang = LanguageId::DEFAULT;
        vec![
            Route::Home(lang),
            Route::Article(ArticleId(0)),
            Route::TopicIndex(lang),
            Route::Topic(lang, TopicId(0)),
            Route::TopicFeed(lang, TopicId(0)),
            Route::TopicJsonFeed(lang, TopicId(0)),
            Route::TaxonomyIndex(lang, TaxonomyId(0)),
            Route::Term(lang, TaxonomyId(0), TermId(0)),
            Route::Page(lang, PageId(0)),
            Route::Thread(lang, ThreadId(0)),
            Route::Author(lang, AuthorId(0)),
            Route::AuthorFeed(lang, AuthorId(0)),
            Route::AuthorJsonFeed(lang, AuthorId(0)),
            Route::Archive(lang),
            Route::Search(lang),
            Route::NotFound(lang),
            Route::Feed(lang),
            Route::JsonFeed(lang),
            Route::Sitemap,
            Route::Robots,
            Route::SearchIndex,
            Route::SearchFile(0),
            Route::Asset(AssetId(0)),
            Route::FingerprintedAsset(AssetId(0)),
            Route::NewsSitemap,
            Route::Redirect(0),
            Route::Redirects,
            Route::TopicPeriod(lang, TopicId(0), Period { year: 2024, month: None }),
            Route::TermPeriod(lang, TaxonomyId(0), TermId(0), Period { year: 2024, month: Some(5) }),
            Route::ArchivePeriod(lang, Period { year: 2024, month: None }),
            Route::MeasureIndex(lang),
            Route::Measure(lang, MeasureId(0)),
            Route::ActorFeed(lang, TaxonomyId(0), TermId(0)),
            Route::ShareCard(ArticleId(0)),
            Route::SiteCard(lang),
        ]
    }

    #[test]
    fn every_variant_has_its_row() {
        let routes = one_of_each();
        assert_eq!(routes.len(), KINDS.len());
        for (index, route) in routes.into_iter().enumerate() {
            assert_eq!(route.index(), index, "{route:?}");
            if let Some(page) = KINDS[index].per_language {
                assert_eq!(page(LanguageId(1)).index(), index, "{route:?} makes a page of its own kind");
            }
        }
    }

    #[test]
    fn derived_lists_follow_the_table() {
        assert_eq!(
            reserved_sections(),
            ["articles", "topics", "threads", "authors", "archive", "search", "measures", "static"]
        );
        let templates = page_templates();
        assert!(templates.contains(&"atom.xml") && templates.contains(&"index.html"));
        assert_eq!(templates.len(), 20, "atom.xml serves four kinds, feed.json three: {templates:?}");
        let keys: Vec<&str> = navigation(LanguageId::DEFAULT).map(|(key, _)| key).collect();
        assert_eq!(keys, ["home", "topics", "archive", "search", "measures"]);
    }
}
