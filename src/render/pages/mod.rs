//! What each kind of page shows: one module per kind (its row is in `route::KINDS`), with
//! its template's context and what it reads of the site. Every `match` on `Route` here
//! is exhaustive: a new kind is one arm in each, pointing to its module.

mod archive;
mod article;
mod author;
mod feed;
mod home;
mod measure;
mod measures;
mod news_sitemap;
mod not_found;
mod page;
mod parts;
mod redirect;
mod robots;
mod search;
mod share_card;
mod sitemap;
mod taxonomy;
mod term;
mod thread;
mod topic;
mod topics;

use std::borrow::Cow;

use super::Renderer;
use super::fingerprint::PageContext;
use super::views::PageLanguage;
use crate::config::Language;
use crate::i18n::Locale;
use crate::route::{LanguageId, Route, article_ids};
use crate::site::{ArticleId, Site};
pub(crate) use news_sitemap::news_articles;
pub(crate) use redirect::Redirects;
pub(crate) use share_card::routes as share_card_routes;

/// What a page reads of the site besides the values every page of its language sees
/// (`site`, `labels`): the articles whose dates it reflects. The sitemap dates each page
/// by the latest of them.
pub(crate) struct Reads<'s> {
    pub(crate) articles: Listed<'s>,
}

/// Which articles a page reads.
pub(crate) enum Listed<'s> {
    None,
    /// Every article of the site, every version of every story.
    All,
    Some(Cow<'s, [ArticleId]>),
}

impl<'s> Listed<'s> {
    pub(crate) fn ids(&self, site: &Site) -> Cow<'_, [ArticleId]> {
        match self {
            Listed::None => Cow::Borrowed(&[]),
            Listed::All => Cow::Owned(article_ids(site.articles.len()).collect()),
            Listed::Some(ids) => Cow::Borrowed(ids),
        }
    }
}

/// What a page of a language is written in and with.
pub(super) struct Setting<'a> {
    pub(super) lang: LanguageId,
    pub(super) language: PageLanguage,
    /// The language's title and description of the site.
    pub(super) edition: &'a Language,
    /// The words and formats of the page's interface language.
    pub(super) locale: &'a Locale,
}

/// What a page of `route` reads of `site`.
pub(crate) fn reads(site: &Site, route: Route) -> Reads<'_> {
    match route {
        Route::Home(_) => home::reads(),
        Route::Article(id) => article::reads(id),
        Route::TopicIndex(_) => topics::reads(),
        Route::Topic(lang, t) => topic::reads(site, lang, t, None),
        Route::TopicPeriod(lang, t, period) => topic::reads(site, lang, t, Some(period)),
        Route::TopicFeed(lang, t) | Route::TopicJsonFeed(lang, t) => feed::topic_reads(site, lang, t),
        Route::TaxonomyIndex(..) => taxonomy::reads(),
        Route::Term(lang, t, term) => term::reads(site, lang, (t, term), None),
        Route::TermPeriod(lang, t, term, period) => term::reads(site, lang, (t, term), Some(period)),
        Route::Author(lang, a) => author::reads(site, lang, a),
        Route::AuthorFeed(lang, a) | Route::AuthorJsonFeed(lang, a) => feed::author_reads(site, lang, a),
        Route::Page(lang, id) => page::reads(site, lang, id),
        Route::Thread(lang, t) => thread::reads(site, lang, t),
        Route::Archive(lang) => archive::reads(site, lang, None),
        Route::ArchivePeriod(lang, period) => archive::reads(site, lang, Some(period)),
        Route::Search(_) => search::reads(),
        Route::NotFound(_) => not_found::reads(),
        Route::Feed(lang) | Route::JsonFeed(lang) => feed::reads(site, lang),
        Route::Sitemap | Route::SitemapPart(_) => sitemap::reads(),
        Route::Robots => robots::reads(),
        // Files made without a template: the search index reads every article's text.
        Route::SearchIndex | Route::SearchFile(_) => Reads { articles: Listed::All },
        Route::Asset(_) | Route::FingerprintedAsset(_) | Route::Redirects => Reads { articles: Listed::None },
        Route::NewsSitemap => news_sitemap::reads(),
        Route::Redirect(_) => redirect::reads(),
        Route::MeasureIndex(_) => measures::reads(),
        Route::Measure(lang, m) => measure::reads(site, lang, m),
        Route::ActorFeed(lang, t, term) => feed::actor_reads(site, lang, (t, term)),
        Route::ShareCard(_) | Route::SiteCard(_) => share_card::reads(route),
    }
}

impl<'a> Renderer<'a> {
    /// The context of a page rendered through its template; `hashed`: with its fingerprint.
    pub(super) fn context(&self, route: Route, hashed: bool) -> PageContext {
        let site = self.site;
        let lang = route.language().unwrap_or_default();
        let language = PageLanguage::of_site(site, lang);
        let on = Setting {
            lang,
            language,
            edition: &site.config.languages[lang],
            locale: site.config.interface.get(language.locale),
        };
        match route {
            Route::Home(_) => home::context(self, &on, route, hashed),
            Route::Article(id) => article::context(self, route, id, hashed),
            Route::TopicIndex(_) => topics::context(self, &on, route, hashed),
            Route::Topic(_, t) | Route::TopicPeriod(_, t, _) => topic::context(self, &on, route, t, hashed),
            Route::TopicFeed(_, t) | Route::TopicJsonFeed(_, t) => feed::topic_context(self, &on, route, t, hashed),
            Route::TaxonomyIndex(_, t) => taxonomy::context(self, &on, route, t, hashed),
            Route::Term(_, t, term) | Route::TermPeriod(_, t, term, _) => {
                term::context(self, &on, route, (t, term), hashed)
            }
            Route::Page(_, id) => page::context(self, &on, route, id, hashed),
            Route::Author(_, a) => author::context(self, &on, route, a, hashed),
            Route::AuthorFeed(_, a) | Route::AuthorJsonFeed(_, a) => feed::author_context(self, &on, route, a, hashed),
            Route::Thread(_, t) => thread::context(self, &on, route, t, hashed),
            Route::Archive(_) | Route::ArchivePeriod(..) => archive::context(self, &on, route, hashed),
            Route::Search(_) => search::context(self, &on, route, hashed),
            Route::NotFound(_) => not_found::context(self, &on, route, hashed),
            Route::Feed(_) | Route::JsonFeed(_) => feed::context(self, &on, route, hashed),
            Route::Sitemap | Route::SitemapPart(_) => sitemap::context(self, &on, route, hashed),
            Route::Robots => robots::context(self, &on, route, hashed),
            Route::NewsSitemap => news_sitemap::context(self, &on, route, hashed),
            Route::Redirect(index) => redirect::context(self, index, hashed),
            Route::MeasureIndex(_) => measures::context(self, &on, route, hashed),
            Route::Measure(_, m) => measure::context(self, &on, route, m, hashed),
            Route::ActorFeed(_, t, term) => feed::actor_context(self, &on, route, (t, term), hashed),
            Route::SearchIndex
            | Route::SearchFile(_)
            | Route::Asset(_)
            | Route::FingerprintedAsset(_)
            | Route::Redirects
            | Route::ShareCard(_)
            | Route::SiteCard(_) => {
                unreachable!("not rendered through a template")
            }
        }
    }
}

fn string_map(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::Path;

    use crate::config::SiteConfig;
    use crate::content::{Article, ParseContext, Topic};
    use crate::render::{Renderer, Route, Templates};
    use crate::site::{Entities, Site, SiteOptions};

    /// A site of three articles in two topics, tagged; `extra`: more of site.yaml.
    pub(in super::super) fn site(extra: &str) -> Site {
        let yaml = format!("title: T\nbase_url: https://example.org\n{extra}");
        let config = SiteConfig::parse(&yaml, "site.yaml").unwrap();
        let slugs = vec!["chips".to_owned(), "labs".to_owned()];
        let context = ParseContext {
            default_language: "en",
            languages: &[],
            topics: &slugs,
            topic_titles: &[],
            taxonomies: &config.taxonomies,
        };
        let articles = [("a", "2025-03-01", "chips"), ("b", "2025-02-01", "chips"), ("c", "2025-01-01", "labs")]
            .iter()
            .map(|(stem, date, topic)| {
                let text = format!("---\ntitle: {stem}\ndate: {date}\ntopics: [{topic}]\ntags: [fabs]\n---\nText.\n");
                Article::parse(Path::new(&format!("content/articles/{stem}.md")), &text, &context).unwrap()
            })
            .collect();
        let topics = slugs
            .iter()
            .map(|slug| Topic::parse(Path::new(&format!("content/topics/{slug}.md")), "---\ntitle: X\n---\n").unwrap())
            .collect();
        Site::assemble(config, articles, topics, &Entities::default(), SiteOptions::default()).unwrap()
    }

    /// The context a page of `route` is rendered with.
    pub(in super::super) fn context_of(site: &Site, route: Route) -> tera::Context {
        let templates = Templates::compile(&[]).ok().unwrap();
        let renderer = Renderer::new(site, &templates, &[]);
        renderer.context(route, false).context().clone()
    }

    #[test]
    fn every_page_template_renders_its_kind() {
        let site = site("");
        let templates = Templates::compile(&[]).ok().unwrap();
        let renderer = Renderer::new(&site, &templates, &[]);
        for route in renderer.routes() {
            let page = renderer.render(route).unwrap();
            assert!(!page.bytes.is_empty(), "{route:?}");
        }
    }
}
