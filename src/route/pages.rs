//! The kinds of pages of a site: each `Route` variant is a kind of page (or generated
//! file), with its template, whether the sitemap lists it, and its language.

use super::kinds::{KINDS, KindInfo};
use super::{
    ArticleId, AssetId, AuthorId, LanguageId, MeasureId, PageId, Period, TaxonomyId, TermId, ThreadId, TopicId,
};

/// One page (or generated file) of the site. Pages are independent, so they render in parallel.
///
/// A page that every language of the site has carries its `LanguageId`: the default
/// language's at the root, the others' under `/<code>/`. An article has one language, its
/// own; the sitemap, robots.txt, the search index and the assets are the whole site's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    Home(LanguageId),
    Article(ArticleId),
    TopicIndex(LanguageId),
    Topic(LanguageId, TopicId),
    TopicFeed(LanguageId, TopicId),
    /// The JSON Feed beside a topic's Atom feed (`feed.json`).
    TopicJsonFeed(LanguageId, TopicId),
    TaxonomyIndex(LanguageId, TaxonomyId),
    Term(LanguageId, TaxonomyId, TermId),
    /// A standalone page, in its own language (which it may have in no other).
    Page(LanguageId, PageId),
    /// An author of `content/authors.yaml`, with their articles.
    Author(LanguageId, AuthorId),
    /// The Atom feed of an author's articles.
    AuthorFeed(LanguageId, AuthorId),
    AuthorJsonFeed(LanguageId, AuthorId),
    /// A story thread (`follows:`) as the pages of a language show it.
    Thread(LanguageId, ThreadId),
    Archive(LanguageId),
    Search(LanguageId),
    NotFound(LanguageId),
    Feed(LanguageId),
    JsonFeed(LanguageId),
    /// `sitemap.xml`, the file robots.txt names: the sitemap, or the index of its parts
    /// when the site has more pages than one sitemap may list.
    Sitemap,
    /// One part of a sitemap too large for one file (`sitemap-1.xml`), by its position.
    SitemapPart(usize),
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
    /// The Google News sitemap, `sitemap-news.xml`: the articles of the last two days.
    NewsSitemap,
    /// An old address of a page (`aliases:`, an entity's other name), which sends the
    /// reader on; by its position in the site's redirects (`Renderer::redirects`), which
    /// give its path.
    Redirect(usize),
    /// `_redirects`: every redirect, for hosts that answer them with a 301 (Netlify, Cloudflare Pages).
    Redirects,
    /// A part of a topic's timeline too long for its page (`/topics/chips/2024/`).
    TopicPeriod(LanguageId, TopicId, Period),
    /// A part of a term's timeline (`/tags/fabs/2024/05/`).
    TermPeriod(LanguageId, TaxonomyId, TermId, Period),
    /// A part of the archive (`/archive/2024/`).
    ArchivePeriod(LanguageId, Period),
    /// The measure tracker of a language: what is in force, by jurisdiction and status.
    MeasureIndex(LanguageId),
    /// A measure of `content/measures.yaml`, with its timeline.
    Measure(LanguageId, MeasureId),
    /// The Atom feed of an actor's stories: a term entities.yaml gives facts of.
    ActorFeed(LanguageId, TaxonomyId, TermId),
    /// The image link previews show for an article without an `image:` of its own
    /// (`/articles/x/share-card.png`), on a site with share cards (`share_cards:`).
    ShareCard(ArticleId),
    /// The site's card in a language (`/share-card.png`, `/fr/share-card.png`): the image
    /// of its other pages when site.yaml names no `share_image:`.
    SiteCard(LanguageId),
}

/// Static files briefing ships, copied unless the site's `static/` replaces them.
pub const BUILTIN_ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("search.js", include_str!("../../static/search.js")),
    // How a browser shows an Atom feed (`<?xml-stylesheet?>` in atom.xml).
    ("feed.xsl", include_str!("../../static/feed.xsl")),
];

impl Route {
    /// The position of the page's kind in `KINDS`: its variant's.
    pub fn index(self) -> usize {
        match self {
            Route::Home(_) => 0,
            Route::Article(_) => 1,
            Route::TopicIndex(_) => 2,
            Route::Topic(..) => 3,
            Route::TopicFeed(..) => 4,
            Route::TopicJsonFeed(..) => 5,
            Route::TaxonomyIndex(..) => 6,
            Route::Term(..) => 7,
            Route::Page(..) => 8,
            Route::Thread(..) => 9,
            Route::Author(..) => 10,
            Route::AuthorFeed(..) => 11,
            Route::AuthorJsonFeed(..) => 12,
            Route::Archive(_) => 13,
            Route::Search(_) => 14,
            Route::NotFound(_) => 15,
            Route::Feed(_) => 16,
            Route::JsonFeed(_) => 17,
            Route::Sitemap | Route::SitemapPart(_) => 18,
            Route::Robots => 19,
            Route::SearchIndex => 20,
            Route::SearchFile(_) => 21,
            Route::Asset(_) => 22,
            Route::FingerprintedAsset(_) => 23,
            Route::NewsSitemap => 24,
            Route::Redirect(_) => 25,
            Route::Redirects => 26,
            Route::TopicPeriod(..) => 27,
            Route::TermPeriod(..) => 28,
            Route::ArchivePeriod(..) => 29,
            Route::MeasureIndex(_) => 30,
            Route::Measure(..) => 31,
            Route::ActorFeed(..) => 32,
            Route::ShareCard(_) => 33,
            Route::SiteCard(_) => 34,
        }
    }

    /// The row of the page's kind.
    pub fn info(self) -> &'static KindInfo {
        &KINDS[self.index()]
    }

    /// The template a page is rendered with; `None` for files made without one.
    pub fn template(self) -> Option<&'static str> {
        self.info().template
    }

    /// `page.kind` in templates.
    pub fn kind(self) -> &'static str {
        self.info().name
    }

    /// Whether the page shows articles' full text (`KindInfo::article_bodies`).
    pub fn shows_article_bodies(self) -> bool {
        self.info().article_bodies
    }

    /// Whether the page is the search page or a file of its index, which a site without
    /// search (`search: false`) leaves out.
    pub fn is_search(self) -> bool {
        matches!(self, Route::Search(_) | Route::SearchIndex | Route::SearchFile(_))
    }

    /// Whether the sitemap lists the page.
    pub fn in_sitemap(self) -> bool {
        self.info().in_sitemap
    }

    /// The Atom feed of a page that has one.
    pub fn feed(self) -> Option<Route> {
        match self {
            Route::Topic(lang, t) | Route::TopicPeriod(lang, t, _) => Some(Route::TopicFeed(lang, t)),
            Route::Author(lang, a) => Some(Route::AuthorFeed(lang, a)),
            Route::AuthorFeed(..)
            | Route::MeasureIndex(_)
            | Route::Measure(..)
            | Route::ActorFeed(..)
            | Route::ShareCard(_)
            | Route::SiteCard(_)
            | Route::AuthorJsonFeed(..)
            | Route::TopicJsonFeed(..)
            | Route::JsonFeed(_)
            | Route::Home(_)
            | Route::Article(_)
            | Route::TopicIndex(_)
            | Route::TopicFeed(..)
            | Route::TaxonomyIndex(..)
            | Route::Term(..)
            | Route::Page(..)
            | Route::Thread(..)
            | Route::Archive(_)
            | Route::Search(_)
            | Route::NotFound(_)
            | Route::Feed(_)
            | Route::Sitemap
            | Route::SitemapPart(_)
            | Route::Robots
            | Route::SearchIndex
            | Route::SearchFile(_)
            | Route::Asset(_)
            | Route::FingerprintedAsset(_)
            | Route::NewsSitemap
            | Route::Redirect(_)
            | Route::Redirects
            | Route::TermPeriod(..)
            | Route::ArchivePeriod(..) => None,
        }
    }

    /// The language of a page that every language of the site has; `None` for an article
    /// (its language is its own) and for the whole site's files.
    pub fn language(self) -> Option<LanguageId> {
        match self {
            Route::Home(lang)
            | Route::TopicIndex(lang)
            | Route::Topic(lang, _)
            | Route::TopicFeed(lang, _)
            | Route::TopicJsonFeed(lang, _)
            | Route::TaxonomyIndex(lang, _)
            | Route::Term(lang, ..)
            | Route::Page(lang, _)
            | Route::Author(lang, _)
            | Route::AuthorFeed(lang, _)
            | Route::AuthorJsonFeed(lang, _)
            | Route::Thread(lang, _)
            | Route::Archive(lang)
            | Route::Search(lang)
            | Route::NotFound(lang)
            | Route::Feed(lang)
            | Route::JsonFeed(lang)
            | Route::TopicPeriod(lang, ..)
            | Route::TermPeriod(lang, ..)
            | Route::ArchivePeriod(lang, _)
            | Route::MeasureIndex(lang)
            | Route::Measure(lang, _)
            | Route::ActorFeed(lang, ..)
            | Route::SiteCard(lang) => Some(lang),
            Route::Article(_)
            | Route::ShareCard(_)
            | Route::Sitemap
            | Route::SitemapPart(_)
            | Route::Robots
            | Route::SearchIndex
            | Route::SearchFile(_)
            | Route::Asset(_)
            | Route::FingerprintedAsset(_)
            | Route::NewsSitemap
            | Route::Redirect(_)
            | Route::Redirects => None,
        }
    }

    /// The same page in another language, for a page that every language has.
    pub fn in_language(self, other: LanguageId) -> Option<Route> {
        Some(match self {
            Route::Home(_) => Route::Home(other),
            Route::TopicIndex(_) => Route::TopicIndex(other),
            Route::Topic(_, t) => Route::Topic(other, t),
            Route::TopicFeed(_, t) => Route::TopicFeed(other, t),
            Route::TopicJsonFeed(_, t) => Route::TopicJsonFeed(other, t),
            Route::TaxonomyIndex(_, t) => Route::TaxonomyIndex(other, t),
            Route::Term(_, t, term) => Route::Term(other, t, term),
            // A page's versions are pages of their own (`Site::page_versions`).
            Route::Page(lang, _) if lang == other => self,
            Route::Page(..) => return None,
            Route::Author(_, a) => Route::Author(other, a),
            Route::AuthorFeed(_, a) => Route::AuthorFeed(other, a),
            Route::AuthorJsonFeed(_, a) => Route::AuthorJsonFeed(other, a),
            Route::Thread(_, t) => Route::Thread(other, t),
            Route::Archive(_) => Route::Archive(other),
            Route::Search(_) => Route::Search(other),
            Route::NotFound(_) => Route::NotFound(other),
            Route::Feed(_) => Route::Feed(other),
            Route::JsonFeed(_) => Route::JsonFeed(other),
            Route::MeasureIndex(_) => Route::MeasureIndex(other),
            Route::Measure(_, m) => Route::Measure(other, m),
            Route::ActorFeed(_, t, term) => Route::ActorFeed(other, t, term),
            Route::SiteCard(_) => Route::SiteCard(other),
            // A listing's parts follow the stories of its language, which other languages
            // may list in other years.
            Route::TopicPeriod(..) | Route::TermPeriod(..) | Route::ArchivePeriod(..) => return None,
            Route::Article(_)
            | Route::ShareCard(_)
            | Route::Sitemap
            | Route::SitemapPart(_)
            | Route::Robots
            | Route::SearchIndex
            | Route::SearchFile(_)
            | Route::Asset(_)
            | Route::FingerprintedAsset(_)
            | Route::NewsSitemap
            | Route::Redirect(_)
            | Route::Redirects => return None,
        })
    }

    /// The JSON Feed beside an Atom feed.
    pub fn json_feed(self) -> Option<Route> {
        match self {
            Route::Feed(lang) => Some(Route::JsonFeed(lang)),
            Route::TopicFeed(lang, t) => Some(Route::TopicJsonFeed(lang, t)),
            Route::AuthorFeed(lang, a) => Some(Route::AuthorJsonFeed(lang, a)),
            _ => None,
        }
    }

    /// The Atom feed a JSON Feed is beside, which says what both list.
    pub fn atom_feed(self) -> Option<Route> {
        match self {
            Route::JsonFeed(lang) => Some(Route::Feed(lang)),
            Route::TopicJsonFeed(lang, t) => Some(Route::TopicFeed(lang, t)),
            Route::AuthorJsonFeed(lang, a) => Some(Route::AuthorFeed(lang, a)),
            _ => None,
        }
    }

    /// A share card, drawn rather than rendered from a template.
    pub fn is_card(self) -> bool {
        matches!(self, Route::ShareCard(_) | Route::SiteCard(_))
    }

    /// A built-in asset, as opposed to a page.
    pub fn is_asset(self) -> bool {
        matches!(self, Route::Asset(_) | Route::FingerprintedAsset(_))
    }
}
