//! Every address of the site, in one place: for each kind of page, its URL (with the
//! base path), its output file, its template and whether the sitemap lists it.
//!
//! A new kind of page is a new `Route` variant here (and its template): every `match`
//! on `Route` in the crate is exhaustive, so the compiler lists what must handle it.

use std::borrow::Cow;

use crate::source::{fingerprint, fingerprinted_name};

/// Index of an article in `Site::articles` (and in the site's other per-article lists,
/// which a `Vec` can be indexed with directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub usize);

impl<T> std::ops::Index<ArticleId> for Vec<T> {
    type Output = T;

    fn index(&self, id: ArticleId) -> &T {
        &self[id.0]
    }
}

impl<T> std::ops::IndexMut<ArticleId> for Vec<T> {
    fn index_mut(&mut self, id: ArticleId) -> &mut T {
        &mut self[id.0]
    }
}

/// Every article id of a site of `count` articles, in order.
pub fn article_ids(count: usize) -> impl Iterator<Item = ArticleId> {
    (0..count).map(ArticleId)
}

/// Index of a topic in `Site::topics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TopicId(pub usize);

/// Index of a taxonomy in `Site::taxonomies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaxonomyId(pub usize);

/// Index of a term in its taxonomy's `terms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermId(pub usize);

/// Index of a built-in static file in `BUILTIN_ASSETS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssetId(pub usize);

/// One page (or generated file) of the site. Pages are independent, so they render in parallel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    Home,
    Article(ArticleId),
    TopicIndex,
    Topic(TopicId),
    TopicFeed(TopicId),
    TaxonomyIndex(TaxonomyId),
    Term(TaxonomyId, TermId),
    Archive,
    Search,
    NotFound,
    Feed,
    Sitemap,
    Robots,
    /// The search manifest, `search-index.json`.
    SearchIndex,
    /// One file of the search index (`search/p/3.json`), by its position in the index's
    /// files: its path comes from the index (`Renderer::output_file`), not from this table.
    SearchFile(usize),
    /// A built-in static file (`style.css`), unless the site's `static/` has its own.
    Asset(AssetId),
    /// The same file under its fingerprinted name (`style.3f2a1c9e.css`).
    FingerprintedAsset(AssetId),
}

/// Static files briefing ships, copied unless the site's `static/` replaces them.
pub const BUILTIN_ASSETS: &[(&str, &str)] =
    &[("style.css", include_str!("../static/style.css")), ("search.js", include_str!("../static/search.js"))];

impl Route {
    /// The template a page is rendered with; `None` for files made without one.
    pub fn template(self) -> Option<&'static str> {
        Some(match self {
            Route::Home => "index.html",
            Route::Article(_) => "article.html",
            Route::TopicIndex => "topics.html",
            Route::Topic(_) => "topic.html",
            Route::TopicFeed(_) | Route::Feed => "atom.xml",
            Route::TaxonomyIndex(_) => "taxonomy.html",
            Route::Term(..) => "term.html",
            Route::Archive => "archive.html",
            Route::Search => "search.html",
            Route::NotFound => "404.html",
            Route::Sitemap => "sitemap.xml",
            Route::Robots => "robots.txt",
            Route::SearchIndex | Route::SearchFile(_) | Route::Asset(_) | Route::FingerprintedAsset(_) => return None,
        })
    }

    /// `page.kind` in templates.
    pub fn kind(self) -> &'static str {
        match self {
            Route::Home => "home",
            Route::Article(_) => "article",
            Route::TopicIndex => "topics",
            Route::Topic(_) => "topic",
            Route::TaxonomyIndex(_) => "taxonomy",
            Route::Term(..) => "term",
            Route::Archive => "archive",
            Route::Search => "search",
            Route::NotFound => "404",
            Route::TopicFeed(_) | Route::Feed => "feed",
            Route::Sitemap => "sitemap",
            Route::Robots => "robots",
            Route::SearchIndex | Route::SearchFile(_) => "search-index",
            Route::Asset(_) | Route::FingerprintedAsset(_) => "asset",
        }
    }

    /// Whether the page is the search page or a file of its index, which a site without
    /// search (`search: false`) leaves out.
    pub fn is_search(self) -> bool {
        matches!(self, Route::Search | Route::SearchIndex | Route::SearchFile(_))
    }

    /// Whether the sitemap lists the page.
    pub fn in_sitemap(self) -> bool {
        match self {
            Route::Home
            | Route::TopicIndex
            | Route::Archive
            | Route::Search
            | Route::Article(_)
            | Route::Topic(_)
            | Route::TaxonomyIndex(_)
            | Route::Term(..) => true,
            Route::TopicFeed(_)
            | Route::NotFound
            | Route::Feed
            | Route::Sitemap
            | Route::Robots
            | Route::SearchIndex
            | Route::SearchFile(_)
            | Route::Asset(_)
            | Route::FingerprintedAsset(_) => false,
        }
    }

    /// The Atom feed of a page that has one.
    pub fn feed(self) -> Option<Route> {
        match self {
            Route::Topic(t) => Some(Route::TopicFeed(t)),
            Route::Home
            | Route::Article(_)
            | Route::TopicIndex
            | Route::TopicFeed(_)
            | Route::TaxonomyIndex(_)
            | Route::Term(..)
            | Route::Archive
            | Route::Search
            | Route::NotFound
            | Route::Feed
            | Route::Sitemap
            | Route::Robots
            | Route::SearchIndex
            | Route::SearchFile(_)
            | Route::Asset(_)
            | Route::FingerprintedAsset(_) => None,
        }
    }

    /// A built-in asset, as opposed to a page.
    pub fn is_asset(self) -> bool {
        matches!(self, Route::Asset(_) | Route::FingerprintedAsset(_))
    }
}

/// The path of an article's page (`/articles/<slug>/`, `/fr/articles/<slug>/` under its
/// language's prefix), without the base path.
pub fn article_path(language_prefix: &str, slug: &str) -> String {
    format!("{language_prefix}/articles/{slug}/")
}

/// The path of a topic's page (`/topics/<slug>/`), without the base path.
pub fn topic_path(slug: &str) -> String {
    format!("/topics/{slug}/")
}

/// The path of a taxonomy's index (`/tags/`), without the base path.
pub fn taxonomy_path(taxonomy: &str) -> String {
    format!("/{taxonomy}/")
}

/// The path of a term's page (`/tags/<slug>/`), without the base path.
pub fn term_path(taxonomy: &str, slug: &str) -> String {
    format!("/{taxonomy}/{slug}/")
}

/// A site path (`/topics/`) under the site's base path (`/briefing/topics/`).
pub fn under(base: &str, path: &str) -> String {
    if path.starts_with('/') { format!("{base}{path}") } else { format!("{base}/{path}") }
}

/// The output file of a site path, relative to the output root: a folder's page is its
/// `index.html`.
pub fn output_file(path: &str) -> String {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') { format!("{relative}index.html") } else { relative.to_owned() }
}

/// The fingerprinted name of a built-in asset.
fn builtin_asset_name(asset: AssetId) -> String {
    let (name, text) = BUILTIN_ASSETS[asset.0];
    fingerprinted_name(name, &fingerprint(text.as_bytes()))
}

/// The route table of one site: the path of every page, computed once when the site is
/// assembled, and what follows from it (URL, permalink, output file).
#[derive(Debug, Clone, Default)]
pub struct Routes {
    /// Path of the base URL, without a trailing slash (`/briefing`, or empty).
    base_path: String,
    /// The base URL, without a trailing slash.
    base_url: String,
    articles: Vec<String>,
    topics: Vec<String>,
    taxonomies: Vec<String>,
    terms: Vec<Vec<String>>,
}

impl Routes {
    /// The table of a site with these articles (their paths), topics and taxonomies (slugs),
    /// in site order.
    pub fn new<'a>(
        base_path: &str,
        base_url: &str,
        article_paths: impl Iterator<Item = String>,
        topic_slugs: impl Iterator<Item = &'a str>,
        taxonomies: impl Iterator<Item = (&'a str, Vec<&'a str>)>,
    ) -> Routes {
        let mut names = Vec::new();
        let mut terms = Vec::new();
        for (name, slugs) in taxonomies {
            terms.push(slugs.into_iter().map(|slug| term_path(name, slug)).collect());
            names.push(taxonomy_path(name));
        }
        Routes {
            base_path: base_path.to_owned(),
            base_url: base_url.to_owned(),
            articles: article_paths.collect(),
            topics: topic_slugs.map(topic_path).collect(),
            taxonomies: names,
            terms,
        }
    }

    /// Every page of the site in a stable order, with the built-in assets the site keeps.
    pub fn all(&self, builtin_assets: &[AssetId]) -> Vec<Route> {
        let mut routes = vec![Route::Home, Route::TopicIndex, Route::Archive, Route::Search, Route::NotFound];
        routes.extend(article_ids(self.articles.len()).map(Route::Article));
        for topic in (0..self.topics.len()).map(TopicId) {
            routes.push(Route::Topic(topic));
            routes.push(Route::TopicFeed(topic));
        }
        for (t, terms) in self.terms.iter().enumerate() {
            routes.push(Route::TaxonomyIndex(TaxonomyId(t)));
            routes.extend((0..terms.len()).map(|term| Route::Term(TaxonomyId(t), TermId(term))));
        }
        routes.extend([Route::Feed, Route::Sitemap, Route::Robots, Route::SearchIndex]);
        for &asset in builtin_assets {
            routes.push(Route::Asset(asset));
            routes.push(Route::FingerprintedAsset(asset));
        }
        routes
    }

    /// The page's path, without the base path (`/topics/chips/`).
    pub fn path(&self, route: Route) -> Cow<'_, str> {
        Cow::Borrowed(match route {
            Route::Home => "/",
            Route::Article(id) => &self.articles[id],
            Route::TopicIndex => "/topics/",
            Route::Topic(t) => &self.topics[t.0],
            Route::TopicFeed(t) => return Cow::Owned(format!("{}feed.xml", self.topics[t.0])),
            Route::TaxonomyIndex(t) => &self.taxonomies[t.0],
            Route::Term(t, term) => &self.terms[t.0][term.0],
            Route::Archive => "/archive/",
            Route::Search => "/search/",
            Route::NotFound => "/404.html",
            Route::Feed => "/feed.xml",
            Route::Sitemap => "/sitemap.xml",
            Route::Robots => "/robots.txt",
            Route::SearchIndex => "/search-index.json",
            Route::SearchFile(_) => unreachable!("the search index names its files (Renderer::output_file)"),
            Route::Asset(asset) => return Cow::Owned(format!("/{}", BUILTIN_ASSETS[asset.0].0)),
            Route::FingerprintedAsset(asset) => return Cow::Owned(format!("/{}", builtin_asset_name(asset))),
        })
    }

    /// Root-relative URL, base path included (`/briefing/topics/chips/`).
    pub fn url(&self, route: Route) -> String {
        format!("{}{}", self.base_path, self.path(route))
    }

    /// Absolute URL (`https://example.org/briefing/topics/chips/`).
    pub fn permalink(&self, route: Route) -> String {
        format!("{}{}", self.base_url, self.path(route))
    }

    /// The file the page is written to, under the output root (`topics/chips/index.html`).
    pub fn output_file(&self, route: Route) -> String {
        output_file(&self.path(route))
    }

    /// A root-relative URL for a path of the site (`/search-index.json`), base path included.
    pub fn url_of(&self, path: &str) -> String {
        under(&self.base_path, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes() -> Routes {
        Routes::new(
            "/brief",
            "https://example.org/brief",
            ["a", "b"].into_iter().map(|slug| article_path("", slug)),
            ["chips"].into_iter(),
            [("tags", vec!["x"]), ("regions", vec![])].into_iter(),
        )
    }

    #[test]
    fn every_page_has_a_url_a_permalink_and_a_file() {
        let routes = routes();
        let topic = Route::Topic(TopicId(0));
        assert_eq!(routes.url(topic), "/brief/topics/chips/");
        assert_eq!(routes.permalink(topic), "https://example.org/brief/topics/chips/");
        assert_eq!(routes.output_file(topic), "topics/chips/index.html");
        assert_eq!(routes.output_file(Route::TopicFeed(TopicId(0))), "topics/chips/feed.xml");
        assert_eq!(routes.output_file(Route::Home), "index.html");
        assert_eq!(routes.url(Route::Term(TaxonomyId(0), TermId(0))), "/brief/tags/x/");
        assert_eq!(routes.output_file(Route::Article(ArticleId(1))), "articles/b/index.html");
        assert_eq!(routes.url_of("style.css"), "/brief/style.css");
    }

    #[test]
    fn every_output_file_is_distinct() {
        let routes = routes();
        let all = routes.all(&[AssetId(0), AssetId(1)]);
        let files: std::collections::HashSet<String> = all.iter().map(|&r| routes.output_file(r)).collect();
        assert_eq!(files.len(), all.len());
    }
}
