//! Every address of the site, in one place: for each kind of page, its URL (with the
//! base path), its output file, and its row in `kinds::KINDS` (template, sitemap, section,
//! navigation).
//!
//! A new kind of page is a new `Route` variant here, a row in `KINDS`, a module under
//! `render/pages/` and its template: every `match` on `Route` in the crate is exhaustive,
//! so the compiler lists what must handle it.

use std::borrow::Cow;

mod asset_names;
pub(crate) mod kinds;
mod pages;

pub(crate) use asset_names::{fingerprint, fingerprinted_name};
pub use pages::{BUILTIN_ASSETS, Route};

/// Index of an article in `Site::articles` (and in the site's other per-article lists,
/// which a `Vec` can be indexed with directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub usize);

/// Lets a `Vec` or a slice of per-item values be indexed by the typed id of its items
/// (`site.topics[topic]`, `site.article_topics[article]`), so that no raw `usize` crosses
/// from one list to another.
macro_rules! indexes {
    ($($id:ty),*) => {$(
        impl<T> std::ops::Index<$id> for [T] {
            type Output = T;

            fn index(&self, id: $id) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$id> for [T] {
            fn index_mut(&mut self, id: $id) -> &mut T {
                &mut self[id.0]
            }
        }

        impl<T> std::ops::Index<$id> for Vec<T> {
            type Output = T;

            fn index(&self, id: $id) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$id> for Vec<T> {
            fn index_mut(&mut self, id: $id) -> &mut T {
                &mut self[id.0]
            }
        }
    )*};
}

indexes!(ArticleId, TopicId, TaxonomyId, TermId, LanguageId, ThreadId, PageId, AuthorId, MeasureId, AssetId);

/// Every article id of a site of `count` articles, in order.
pub(crate) fn article_ids(count: usize) -> impl Iterator<Item = ArticleId> {
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

/// Index of a language in `SiteConfig::languages`: the default language, whose pages are
/// at the root of the site, is 0; every other language has its pages under `/<code>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LanguageId(pub usize);

impl LanguageId {
    pub const DEFAULT: LanguageId = LanguageId(0);

    /// Every language of a site of `count` languages, the default first.
    pub fn all(count: usize) -> impl Iterator<Item = LanguageId> {
        (0..count).map(LanguageId)
    }
}

/// Index of a story thread in `Site::threads`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ThreadId(pub usize);

/// The path of a story thread's page (`/threads/<slug>/`), without the base path.
pub(crate) fn thread_path(slug: &str) -> String {
    format!("/threads/{slug}/")
}

/// The prefix of the paths of a language's pages (`/fr`): the site's other languages are
/// served under their tag.
pub(crate) fn language_prefix(code: &str) -> String {
    format!("/{code}")
}

/// Index of a standalone page (each version of it) in `Site::pages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub usize);

/// Index of an author in `Site::authors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AuthorId(pub usize);

/// The path of an author's page (`/authors/<id>/`), without the base path.
pub(crate) fn author_path(id: &str) -> String {
    format!("/authors/{id}/")
}

/// Index of a measure in `Site::measures`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeasureId(pub usize);

/// The path of a measure's page (`/measures/<id>/`), without the base path.
pub(crate) fn measure_path(id: &str) -> String {
    format!("/measures/{id}/")
}

/// The path of a standalone page (`/about/`), without the base path and its language's prefix.
pub(crate) fn page_path(slug: &str) -> String {
    format!("/{slug}/")
}

/// A part of a timeline: a year, or a month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    /// 1 to 12; `None` for a whole year.
    pub month: Option<u32>,
}

impl Period {
    /// Its path under the listing's (`2024/`, `2024/05/`).
    pub fn segment(self) -> String {
        match self.month {
            Some(month) => format!("{}/{month:02}/", self.year),
            None => format!("{}/", self.year),
        }
    }

    pub(crate) fn contains(self, year: i32, month: u32) -> bool {
        self.year == year && self.month.is_none_or(|m| m == month)
    }
}

/// Index of a built-in static file in `BUILTIN_ASSETS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssetId(pub usize);

/// The name of a share card's file: beside an article's page, at the root of a language.
pub(crate) const SHARE_CARD_FILE: &str = "share-card.png";

/// The path of an article's page (`/articles/<slug>/`, `/fr/articles/<slug>/` under its
/// language's prefix), without the base path.
pub(crate) fn article_path(language_prefix: &str, slug: &str) -> String {
    format!("{language_prefix}/articles/{slug}/")
}

/// The path of a topic's page (`/topics/<slug>/`), without the base path.
pub(crate) fn topic_path(slug: &str) -> String {
    format!("/topics/{slug}/")
}

/// The path of a taxonomy's index (`/tags/`), without the base path.
pub(crate) fn taxonomy_path(taxonomy: &str) -> String {
    format!("/{taxonomy}/")
}

/// The path of a term's page (`/tags/<slug>/`), without the base path.
pub(crate) fn term_path(taxonomy: &str, slug: &str) -> String {
    format!("/{taxonomy}/{slug}/")
}

/// A site path (`/topics/`) under the site's base path (`/briefing/topics/`).
pub(crate) fn under(base: &str, path: &str) -> String {
    if path.starts_with('/') { format!("{base}{path}") } else { format!("{base}/{path}") }
}

/// The output file of a site path, relative to the output root: a folder's page is its
/// `index.html`.
pub(crate) fn output_file(path: &str) -> String {
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
    /// Per language, the prefix of its pages' paths: empty for the default, `/fr`.
    prefixes: Vec<String>,
    articles: Vec<String>,
    topics: Vec<String>,
    taxonomies: Vec<String>,
    terms: Vec<Vec<String>>,
    /// Per standalone page: its language and its path in that language's part of the site.
    pages: Vec<(LanguageId, String)>,
    authors: Vec<String>,
    /// Per story thread: its path.
    threads: Vec<String>,
    /// Per measure: its path.
    measures: Vec<String>,
    /// The terms that are actors (entities.yaml gives their facts), which have a feed.
    actor_feeds: Vec<(TaxonomyId, TermId)>,
}

impl Routes {
    /// The table of a site with these languages (their codes, the default first), articles
    /// (their paths), topics and taxonomies (slugs), in site order.
    pub fn new<'a>(
        base_path: &str,
        base_url: &str,
        languages: impl Iterator<Item = &'a str>,
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
        let mut prefixes: Vec<String> = languages.map(language_prefix).collect();
        match prefixes.first_mut() {
            Some(default) => default.clear(),
            None => prefixes.push(String::new()),
        }
        Routes {
            base_path: base_path.to_owned(),
            base_url: base_url.to_owned(),
            prefixes,
            articles: article_paths.collect(),
            topics: topic_slugs.map(topic_path).collect(),
            taxonomies: names,
            terms,
            pages: Vec::new(),
            authors: Vec::new(),
            threads: Vec::new(),
            measures: Vec::new(),
            actor_feeds: Vec::new(),
        }
    }

    /// The table with the site's standalone pages: per page (`PageId` order), its language and slug.
    pub fn with_pages<'a>(mut self, pages: impl Iterator<Item = (LanguageId, &'a str)>) -> Routes {
        self.pages = pages.map(|(lang, slug)| (lang, page_path(slug))).collect();
        self
    }

    /// The table with the site's authors (`AuthorId` order), by id.
    pub fn with_authors<'a>(mut self, ids: impl Iterator<Item = &'a str>) -> Routes {
        self.authors = ids.map(author_path).collect();
        self
    }

    /// The table with the site's story threads: per thread (`ThreadId` order), its slug.
    pub fn with_threads<'a>(mut self, slugs: impl Iterator<Item = &'a str>) -> Routes {
        self.threads = slugs.map(thread_path).collect();
        self
    }

    /// The table with the site's measures: per measure (`MeasureId` order), its id.
    pub fn with_measures<'a>(mut self, ids: impl Iterator<Item = &'a str>) -> Routes {
        self.measures = ids.map(measure_path).collect();
        self
    }

    /// The table with a feed for each of these terms (the actors).
    pub fn with_actor_feeds(mut self, terms: impl Iterator<Item = (TaxonomyId, TermId)>) -> Routes {
        self.actor_feeds = terms.collect();
        self
    }

    /// Whether the site has the page: the measures' index only on a site with measures.
    pub fn has(&self, route: Route) -> bool {
        !matches!(route, Route::MeasureIndex(_)) || !self.measures.is_empty()
    }

    /// The site's languages, the default first.
    pub fn languages(&self) -> impl Iterator<Item = LanguageId> + use<> {
        LanguageId::all(self.prefixes.len())
    }

    /// Every page of the site in a stable order, with the built-in assets the site keeps:
    /// the default language's pages (and the articles), then each other language's.
    pub fn all(&self, builtin_assets: &[AssetId]) -> Vec<Route> {
        let default = LanguageId::DEFAULT;
        let mut routes = self.sections(default);
        routes.extend(article_ids(self.articles.len()).map(Route::Article));
        self.push_listings(default, &mut routes);
        for lang in self.languages().skip(1) {
            routes.extend(self.sections(lang));
            self.push_listings(lang, &mut routes);
            routes.push(Route::Feed(lang));
        }
        routes.extend([Route::Feed(default), Route::Sitemap, Route::Robots, Route::SearchIndex]);
        for &asset in builtin_assets {
            routes.push(Route::Asset(asset));
            routes.push(Route::FingerprintedAsset(asset));
        }
        routes
    }

    /// The pages of one language that every site has, but its feed, which comes last.
    fn sections(&self, lang: LanguageId) -> Vec<Route> {
        kinds::per_language(lang).filter(|&route| !matches!(route, Route::Feed(_)) && self.has(route)).collect()
    }

    /// The topic and taxonomy pages of one language, and its standalone pages.
    fn push_listings(&self, lang: LanguageId, routes: &mut Vec<Route>) {
        let own = self.pages.iter().enumerate().filter(|(_, (page_lang, _))| *page_lang == lang);
        routes.extend(own.map(|(id, _)| Route::Page(lang, PageId(id))));
        routes.extend((0..self.threads.len()).map(|t| Route::Thread(lang, ThreadId(t))));
        for topic in (0..self.topics.len()).map(TopicId) {
            routes.extend([
                Route::Topic(lang, topic),
                Route::TopicFeed(lang, topic),
                Route::TopicJsonFeed(lang, topic),
            ]);
        }
        for (t, terms) in self.terms.iter().enumerate() {
            routes.push(Route::TaxonomyIndex(lang, TaxonomyId(t)));
            routes.extend((0..terms.len()).map(|term| Route::Term(lang, TaxonomyId(t), TermId(term))));
        }
        routes.extend((0..self.measures.len()).map(|m| Route::Measure(lang, MeasureId(m))));
        routes.extend(self.actor_feeds.iter().map(|&(t, term)| Route::ActorFeed(lang, t, term)));
        for author in (0..self.authors.len()).map(AuthorId) {
            routes.extend([
                Route::Author(lang, author),
                Route::AuthorFeed(lang, author),
                Route::AuthorJsonFeed(lang, author),
            ]);
        }
    }

    /// `routes`, with each page that every language has in every language of the site
    /// (`serve`: what changed in one language's listings may change every language's).
    pub fn in_every_language(&self, routes: impl IntoIterator<Item = Route>) -> Vec<Route> {
        let mut seen = std::collections::HashSet::new();
        let mut all = Vec::new();
        for route in routes {
            match route.language() {
                Some(_) => all.extend(self.languages().filter_map(|lang| route.in_language(lang))),
                None => all.push(route),
            }
        }
        all.retain(|&route| seen.insert(route));
        all
    }

    /// The page's path, without the base path (`/topics/chips/`, `/fr/topics/chips/`).
    pub fn path(&self, route: Route) -> Cow<'_, str> {
        let path = self.unprefixed(route);
        match route.language() {
            Some(lang) if lang != LanguageId::DEFAULT => Cow::Owned(format!("{}{path}", self.prefixes[lang.0])),
            _ => path,
        }
    }

    /// The page's path in the default language's part of the site.
    fn unprefixed(&self, route: Route) -> Cow<'_, str> {
        Cow::Borrowed(match route {
            Route::Home(_) => "/",
            Route::Article(id) => &self.articles[id],
            Route::TopicIndex(_) => "/topics/",
            Route::Topic(_, t) => &self.topics[t.0],
            Route::TopicFeed(_, t) => return Cow::Owned(format!("{}feed.xml", self.topics[t.0])),
            Route::TopicJsonFeed(_, t) => return Cow::Owned(format!("{}feed.json", self.topics[t.0])),
            Route::TaxonomyIndex(_, t) => &self.taxonomies[t.0],
            Route::Term(_, t, term) => &self.terms[t.0][term.0],
            Route::Page(_, page) => &self.pages[page.0].1,
            Route::Author(_, author) => &self.authors[author.0],
            Route::AuthorFeed(_, author) => return Cow::Owned(format!("{}feed.xml", self.authors[author.0])),
            Route::AuthorJsonFeed(_, author) => return Cow::Owned(format!("{}feed.json", self.authors[author.0])),
            Route::Thread(_, t) => &self.threads[t.0],
            Route::Archive(_) => "/archive/",
            Route::Search(_) => "/search/",
            Route::NotFound(_) => "/404.html",
            Route::Feed(_) => "/feed.xml",
            Route::JsonFeed(_) => "/feed.json",
            Route::Sitemap => "/sitemap.xml",
            Route::SitemapPart(part) => return Cow::Owned(format!("/sitemap-{}.xml", part + 1)),
            Route::Robots => "/robots.txt",
            Route::SearchIndex => "/search-index.json",
            Route::SearchFile(_) => unreachable!("the search index names its files (Renderer::output_file)"),
            Route::Asset(asset) => return Cow::Owned(format!("/{}", BUILTIN_ASSETS[asset.0].0)),
            Route::FingerprintedAsset(asset) => return Cow::Owned(format!("/{}", builtin_asset_name(asset))),
            Route::NewsSitemap => "/sitemap-news.xml",
            Route::Redirect(_) => unreachable!("the site's redirects name their paths (Renderer::output_file)"),
            Route::Redirects => "/_redirects",
            Route::TopicPeriod(_, t, period) => return Cow::Owned(format!("{}{}", self.topics[t.0], period.segment())),
            Route::TermPeriod(_, t, term, period) => {
                return Cow::Owned(format!("{}{}", self.terms[t.0][term.0], period.segment()));
            }
            Route::ArchivePeriod(_, period) => return Cow::Owned(format!("/archive/{}", period.segment())),
            Route::MeasureIndex(_) => "/measures/",
            Route::Measure(_, m) => &self.measures[m.0],
            Route::ActorFeed(_, t, term) => return Cow::Owned(format!("{}feed.xml", self.terms[t.0][term.0])),
            Route::ShareCard(id) => return Cow::Owned(format!("{}{SHARE_CARD_FILE}", self.articles[id])),
            Route::SiteCard(_) => return Cow::Owned(format!("/{SHARE_CARD_FILE}")),
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

    fn routes(languages: &[&str]) -> Routes {
        Routes::new(
            "/brief",
            "https://example.org/brief",
            languages.iter().copied(),
            ["a", "b"].into_iter().map(|slug| article_path("", slug)),
            ["chips"].into_iter(),
            [("tags", vec!["x"]), ("regions", vec![])].into_iter(),
        )
    }

    #[test]
    fn every_page_has_a_url_a_permalink_and_a_file() {
        let routes = routes(&["en"]);
        let en = LanguageId::DEFAULT;
        let topic = Route::Topic(en, TopicId(0));
        assert_eq!(routes.url(topic), "/brief/topics/chips/");
        assert_eq!(routes.permalink(topic), "https://example.org/brief/topics/chips/");
        assert_eq!(routes.output_file(topic), "topics/chips/index.html");
        assert_eq!(routes.output_file(Route::TopicFeed(en, TopicId(0))), "topics/chips/feed.xml");
        assert_eq!(routes.output_file(Route::Home(en)), "index.html");
        assert_eq!(routes.url(Route::Term(en, TaxonomyId(0), TermId(0))), "/brief/tags/x/");
        assert_eq!(routes.output_file(Route::Article(ArticleId(1))), "articles/b/index.html");
        assert_eq!(routes.url_of("style.css"), "/brief/style.css");
        assert_eq!(routes.output_file(Route::ShareCard(ArticleId(1))), "articles/b/share-card.png");
        assert_eq!(routes.permalink(Route::SiteCard(en)), "https://example.org/brief/share-card.png");
    }

    #[test]
    fn other_languages_have_their_pages_under_their_code() {
        let routes = routes(&["en", "fr"]);
        let fr = LanguageId(1);
        assert_eq!(routes.url(Route::Home(fr)), "/brief/fr/");
        assert_eq!(routes.output_file(Route::TopicFeed(fr, TopicId(0))), "fr/topics/chips/feed.xml");
        assert_eq!(routes.permalink(Route::Term(fr, TaxonomyId(0), TermId(0))), "https://example.org/brief/fr/tags/x/");
        assert_eq!(routes.output_file(Route::NotFound(fr)), "fr/404.html");
        assert_eq!(routes.url(Route::Feed(fr)), "/brief/fr/feed.xml");
        assert_eq!(routes.output_file(Route::SiteCard(fr)), "fr/share-card.png");
        assert_eq!(Route::Archive(fr).in_language(LanguageId::DEFAULT), Some(Route::Archive(LanguageId::DEFAULT)));
        assert_eq!(Route::Article(ArticleId(0)).in_language(fr), None);
        let one = routes.in_every_language([Route::Sitemap, Route::Home(LanguageId::DEFAULT), Route::Home(fr)]);
        assert_eq!(one, [Route::Sitemap, Route::Home(LanguageId::DEFAULT), Route::Home(fr)]);
    }

    #[test]
    fn a_one_language_table_has_its_pages_at_the_root() {
        let one = routes(&["en"]).all(&[]);
        assert!(one.iter().all(|route| route.language().is_none_or(|lang| lang == LanguageId::DEFAULT)));
        let two = routes(&["en", "fr"]).all(&[]);
        assert_eq!(
            two.len(),
            one.len() * 2 - 2 - 3,
            "the articles, sitemap, robots.txt and search index are the whole site's"
        );
    }

    #[test]
    fn every_output_file_is_distinct() {
        for languages in [&["en"][..], &["en", "fr", "de"]] {
            let routes = routes(languages);
            let all = routes.all(&[AssetId(0), AssetId(1)]);
            let files: std::collections::HashSet<String> = all.iter().map(|&r| routes.output_file(r)).collect();
            assert_eq!(files.len(), all.len());
        }
    }
}
