//! &Site -> pages: Tera templates fed borrowed views. Pure: writes nothing.

mod fingerprint;
mod pages;
pub mod sitemap;
mod structured;
mod template_blocks;
pub mod templates;
mod views;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tera::{Kwargs, State, Value};

use crate::diagnostic::Diagnostic;
use crate::route::fingerprinted_name;
use crate::route::kinds::navigation;
use crate::route::{AssetId, LanguageId, TopicId, under};
pub use crate::route::{BUILTIN_ASSETS, Route};
use crate::search::SearchIndex;
use crate::site::Site;
use crate::source::StaticFile;
use fingerprint::PageContext;
pub use templates::Templates;
use views::{Link, PageLanguage, Summaries, SummaryCells};

/// One output file: its path under the output root (`articles/x/index.html`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders pages of one site with one set of templates.
pub struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    /// What every page of `site` shares, made once (and kept by `serve` between requests).
    prepared: Arc<Prepared>,
    sitemap_limits: sitemap::SitemapLimits,
}

/// What the pages of one site with one set of static files share, made once per site: a
/// renderer makes it, and `serve` keeps it between the pages asked for while the site
/// stays the same (`Renderer::prepare`, `Renderer::with_prepared`). Templates are not
/// part of it: pages render the same with any.
pub struct Prepared {
    /// Article summaries, each made the first time a page lists it.
    summaries: SummaryCells,
    /// `site` as templates see it on the pages of each language, made once.
    site_values: Vec<Value>,
    /// The hash of each language's `site`, taken the first time a page's is.
    site_hashes: Vec<OnceLock<u64>>,
    /// Per locale of the site's interface: its labels, as templates see them.
    labels: Vec<Value>,
    label_hashes: Vec<OnceLock<u64>>,
    /// Built-in assets the site does not replace with its own static files.
    builtin_assets: Vec<AssetId>,
    /// The search index, made the first time a route needs it.
    search: OnceLock<Arc<SearchIndex>>,
    /// The sitemap's entries in parts, made the first time a route needs them.
    sitemap: OnceLock<Vec<Vec<sitemap::SitemapEntry>>>,
    /// The old addresses of pages and where they lead, found the first time a route needs them.
    redirects: OnceLock<pages::Redirects>,
    /// The sizes of the site's images, for the `<img>` of the texts that show them.
    image_sizes: views::ImageSizes,
    /// `data` in every template: the files of `data/`, by their stem.
    data: Value,
    data_hash: OnceLock<u64>,
}

impl std::ops::Deref for Renderer<'_> {
    type Target = Prepared;

    fn deref(&self) -> &Prepared {
        &self.prepared
    }
}

/// The site as templates see it on the pages of one of its languages.
#[derive(Serialize)]
struct SiteView<'a> {
    /// The site's title and description in the pages' language.
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    /// The pages' language (on a page of an article, the article's language of the site).
    language: &'a str,
    /// The site's default language.
    default_language: &'a str,
    /// Whether the site has more than one language (`languages:` in site.yaml).
    multilingual: bool,
    /// Whether the site has a search page (`search:` in site.yaml).
    search: bool,
    feed_url: String,
    /// The JSON Feed beside the Atom feed.
    json_feed_url: String,
    /// The root-relative URLs of the pages the navigation links to, in the pages'
    /// language, by their key in `KINDS` (`home`, `topics`, `archive`, `search`).
    urls: BTreeMap<&'static str, String>,
    /// Each taxonomy's index in the pages' language, by taxonomy name.
    taxonomy_urls: BTreeMap<&'a str, String>,
    topics: Vec<Link<'a>>,
    taxonomies: Vec<&'a str>,
    /// How many articles the site has; on a site of several languages, how many stories
    /// the pages' language lists.
    article_count: usize,
    /// Stylesheets and scripts -> their fingerprinted names, for `asset()`.
    assets: BTreeMap<String, String>,
    /// The site's navigation (`nav:` in site.yaml) in the pages' language; empty: the
    /// built-in one.
    nav: Vec<views::NavLink<'a>>,
    /// Whether search engines are asked not to index the pages: a preview build
    /// (`SiteConfig::noindex`).
    noindex: bool,
    /// The site's own fields (`extra:` in site.yaml).
    extra: Option<&'a crate::yaml::Value>,
}

/// `page` in every template: what the page is and where it lives.
#[derive(Serialize)]
pub(crate) struct PageMeta<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    /// Root-relative URL, base path included.
    url: String,
    /// Absolute URL.
    permalink: String,
    lang: &'a str,
    /// The Atom feed of this page, if it has one.
    feed_url: Option<String>,
    /// The JSON Feed beside it.
    json_feed_url: Option<String>,
    /// The absolute URL of the image shared with this page, if there is one.
    image: Option<String>,
    /// Its width and height in pixels, where briefing knows them (a share card's).
    image_width: Option<u32>,
    image_height: Option<u32>,
    /// What the image shows, in words (`og:image:alt`): a card's texts, or an article's
    /// `image_alt:`.
    image_alt: Option<String>,
    /// The address search engines should index for this page's content: its permalink, or
    /// the original's of a syndicated copy (`canonical:`).
    canonical: String,
    /// `<link rel="alternate" hreflang>` of a page with versions in other languages: every
    /// version, this one included, then `x-default`; empty when it has none.
    alternates: Vec<Alternate>,
    /// The versions in the other languages, for the language switcher.
    translations: Vec<TranslationLink<'a>>,
}

/// One `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Alternate {
    hreflang: String,
    href: String,
}

/// A link to a page's version in another language.
#[derive(Serialize)]
pub(crate) struct TranslationLink<'a> {
    lang: &'a str,
    /// The language's own name (`Français`).
    name: &'a str,
    url: String,
    /// Set when the page has no version in that language and the link leads to that
    /// language's home page instead: says so, in that language.
    untranslated: Option<&'a str>,
}

impl PageMeta<'_> {
    /// Shares the page with `image`.
    fn set_image(&mut self, image: Option<structured::SharedImage>) {
        let size = image.as_ref().and_then(|image| image.size);
        self.image_alt = image.as_ref().and_then(|image| image.alt.clone());
        self.image = image.map(|image| image.url);
        (self.image_width, self.image_height) = (size.map(|(w, _)| w), size.map(|(_, h)| h));
    }
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates, site_static: &'a [StaticFile]) -> Renderer<'a> {
        Renderer::with_prepared(site, templates, Renderer::prepare(site, site_static))
    }

    /// A renderer of `site` with what its pages share made earlier by `prepare` for the
    /// same site and static files, unchanged since.
    pub fn with_prepared(site: &'a Site, templates: &'a Templates, prepared: Arc<Prepared>) -> Renderer<'a> {
        Renderer { site, templates, prepared, sitemap_limits: sitemap::SITEMAP_LIMITS }
    }

    /// What this renderer's pages share, for another renderer of the same site and static
    /// files (`with_prepared`).
    pub fn prepared(&self) -> Arc<Prepared> {
        Arc::clone(&self.prepared)
    }

    /// What the pages of `site` with these static files share.
    pub fn prepare(site: &Site, site_static: &[StaticFile]) -> Arc<Prepared> {
        let routes = &site.routes;
        // A site without search has no use for its script.
        let builtin_assets: Vec<AssetId> = (0..BUILTIN_ASSETS.len())
            .filter(|&index| site.config.search || BUILTIN_ASSETS[index].0 != "search.js")
            .filter(|&index| !site_static.iter().any(|file| file.relative == Path::new(BUILTIN_ASSETS[index].0)))
            .map(AssetId)
            .collect();
        let mut assets: BTreeMap<String, String> = site_static
            .iter()
            .filter_map(|file| {
                let name = file.relative.to_string_lossy().replace('\\', "/");
                file.fingerprint.as_ref().map(|fingerprint| (fingerprinted_name(&name, fingerprint), name))
            })
            .map(|(hashed, name)| (name, hashed))
            .collect();
        assets.extend(
            builtin_assets.iter().map(|&asset| {
                (BUILTIN_ASSETS[asset].0.to_owned(), routes.output_file(Route::FingerprintedAsset(asset)))
            }),
        );
        let config = &site.config;
        let site_values: Vec<Value> = routes
            .languages()
            .map(|lang| {
                let language = &config.languages[lang];
                let site_view = SiteView {
                    title: &language.title,
                    description: &language.description,
                    base_url: &config.base_url,
                    base_path: &config.base_path,
                    language: &language.code,
                    default_language: &config.language,
                    multilingual: config.is_multilingual(),
                    search: config.search,
                    feed_url: routes.url(Route::Feed(lang)),
                    json_feed_url: routes.url(Route::JsonFeed(lang)),
                    urls: (navigation(lang).filter(|&(_, route)| routes.has(route)))
                        .map(|(key, route)| (key, routes.url(route)))
                        .collect(),
                    taxonomy_urls: (site.taxonomies.iter().enumerate())
                        .map(|(t, taxonomy)| {
                            (
                                taxonomy.name.as_str(),
                                routes.url(Route::TaxonomyIndex(lang, crate::route::TaxonomyId(t))),
                            )
                        })
                        .collect(),
                    topics: (0..site.topics.len())
                        .map(|t| {
                            let (name, lang_of_name) = views::topic_name(site, TopicId(t), lang);
                            Link { name, lang: lang_of_name, url: routes.url(Route::Topic(lang, TopicId(t))) }
                        })
                        .collect(),
                    taxonomies: config.taxonomies.iter().map(String::as_str).collect(),
                    article_count: if config.is_multilingual() {
                        site.listed_in(lang).len()
                    } else {
                        site.articles.len()
                    },
                    assets: assets.clone(),
                    nav: views::nav_links(site, lang),
                    noindex: config.noindex,
                    extra: config.extra.as_ref(),
                };
                Value::from_serializable(&site_view)
            })
            .collect();
        Arc::new(Prepared {
            summaries: SummaryCells::new(site),
            site_hashes: site_values.iter().map(|_| OnceLock::new()).collect(),
            site_values,
            labels: site.config.interface.locales().map(|l| Value::from_serializable(l.labels())).collect(),
            label_hashes: site.config.interface.locales().map(|_| OnceLock::new()).collect(),
            builtin_assets,
            search: OnceLock::new(),
            sitemap: OnceLock::new(),
            redirects: OnceLock::new(),
            image_sizes: site_static
                .iter()
                .filter_map(|file| {
                    Some((format!("/{}", file.relative.to_string_lossy().replace('\\', "/")), file.image_size?))
                })
                .collect(),
            data: Value::from_serializable(&site.config.data),
            data_hash: OnceLock::new(),
        })
    }

    /// The summaries of the site's articles, each made the first time a page lists it.
    fn summaries(&self) -> Summaries<'_> {
        Summaries::new(self.site, &self.prepared.summaries)
    }

    /// The same renderer with other limits for a sitemap file, so that a test can split a
    /// small site's sitemap.
    #[cfg(test)]
    pub(crate) fn with_sitemap_limits(mut self, limits: sitemap::SitemapLimits) -> Renderer<'a> {
        self.sitemap_limits = limits;
        self
    }

    pub(crate) fn search(&self) -> &SearchIndex {
        self.search.get_or_init(|| Arc::new(crate::search::index(self.site)))
    }

    /// Uses an index made earlier for the same articles (`serve`), instead of making it.
    pub fn reuse_search(&self, index: Arc<SearchIndex>) {
        let _ = self.search.set(index);
    }

    /// Every page of the site, in a stable order.
    pub fn routes(&self) -> Vec<Route> {
        let mut routes = self.routes_but_search_files();
        routes.extend(self.search_files());
        routes
    }

    /// Every page but the files of the search index, which are known once it is made.
    pub fn routes_but_search_files(&self) -> Vec<Route> {
        let mut routes = self.site.routes.all(&self.builtin_assets);
        if !self.site.config.search {
            routes.retain(|route| !route.is_search());
        }
        let mut parts = self.sitemap_part_routes();
        if self.has_news_sitemap() {
            parts.push(Route::NewsSitemap);
        }
        let after = routes.iter().position(|&route| route == Route::Sitemap).map_or(routes.len(), |at| at + 1);
        routes.splice(after..after, parts);
        routes.extend(self.site.period_routes());
        routes.extend(self.redirect_routes());
        routes.extend(pages::share_card_routes(self.site));
        routes
    }

    /// Whether the site has a news sitemap: whether any article is in its window.
    pub(crate) fn has_news_sitemap(&self) -> bool {
        !pages::news_articles(self.site).is_empty()
    }

    /// The problems of aliases that cannot be redirects: an address a page has, or another
    /// alias's.
    pub fn redirect_problems(&self) -> &[Diagnostic] {
        &self.redirects().problems
    }

    /// The files of the search index, making it if it was not yet; none on a site without
    /// search.
    pub fn search_files(&self) -> Vec<Route> {
        match self.site.config.search {
            true => (0..self.search().files.len()).map(Route::SearchFile).collect(),
            false => Vec::new(),
        }
    }

    /// The output file of a page, under the output root.
    pub fn output_file(&self, route: Route) -> String {
        match route {
            Route::SearchFile(index) => return self.search().files[index].path.clone(),
            Route::Redirect(index) => return crate::route::output_file(&self.redirects().list[index].path),
            _ => {}
        }
        self.site.routes.output_file(route)
    }

    /// Renders one page.
    pub fn render(&self, route: Route) -> Result<Page, Diagnostic> {
        let (page, _) = self.render_unless_unchanged(route, None, false)?;
        Ok(page.expect("a page without a fingerprint to compare is rendered"))
    }

    /// The fingerprint of what a page is rendered from (its template and context, or the
    /// bytes of a file made without a template), and the page, unless the fingerprint is
    /// `before`. `serve` keeps the fingerprints of the pages it serves.
    pub fn render_if_changed(&self, route: Route, before: Option<u64>) -> Result<(Option<Page>, u64), Diagnostic> {
        let (page, fingerprint) = self.render_unless_unchanged(route, before, true)?;
        Ok((page, fingerprint.expect("asked for")))
    }

    fn render_unless_unchanged(
        &self,
        route: Route,
        before: Option<u64>,
        hashed: bool,
    ) -> Result<(Option<Page>, Option<u64>), Diagnostic> {
        let made = |bytes: &[u8]| {
            let fingerprint = hashed.then(|| fingerprint::of_bytes(bytes));
            let page = (before.is_none() || fingerprint != before)
                .then(|| Page { path: self.output_file(route), bytes: bytes.to_vec() });
            Ok((page, fingerprint))
        };
        match route {
            Route::SearchIndex => made(&self.search().manifest),
            Route::SearchFile(index) => made(&self.search().files[index].bytes),
            Route::Asset(asset) | Route::FingerprintedAsset(asset) => made(BUILTIN_ASSETS[asset].1.as_bytes()),
            Route::Redirects => made(self.redirects_file().as_bytes()),
            // A card's key is the fingerprint of what it is drawn from: an unchanged card
            // is known without drawing it.
            Route::ShareCard(_) | Route::SiteCard(_) => {
                let card = self.card(route).expect("a card's route");
                let key = card.key().0;
                let fingerprint = hashed.then_some((key >> 64) as u64 ^ key as u64);
                if before.is_some() && fingerprint == before {
                    return Ok((None, fingerprint));
                }
                Ok((Some(Page { path: self.output_file(route), bytes: card.draw() }), fingerprint))
            }
            _ => {
                let template = route.template().expect("rendered through a template");
                let context = self.context(route, hashed);
                let fingerprint = context.fingerprint(template, self.templates.texts_hash());
                if before.is_some() && fingerprint == before {
                    return Ok((None, fingerprint));
                }
                let path = self.output_file(route);
                let bytes = self.templates.render_page(template, context.context(), &path)?;
                Ok((Some(Page { path, bytes }), fingerprint))
            }
        }
    }

    /// The context every page starts from: the site as its language sees it, the labels
    /// of its interface language, and what the page is (`page`).
    pub(crate) fn base_context(&self, language: PageLanguage, meta: PageMeta<'_>, hashed: bool) -> PageContext {
        let mut context = PageContext::new(hashed);
        let site = &self.site_values[language.id];
        let site_hash = || *self.site_hashes[language.id].get_or_init(|| fingerprint::of_value(site));
        context.insert_shared("site", site.clone(), site_hash);
        let labels = &self.labels[language.locale.0];
        let label_hash = || *self.label_hashes[language.locale.0].get_or_init(|| fingerprint::of_value(labels));
        context.insert_shared("labels", labels.clone(), label_hash);
        let data_hash = || *self.data_hash.get_or_init(|| fingerprint::of_value(&self.data));
        context.insert_shared("data", self.data.clone(), data_hash);
        context.insert("lang", meta.lang);
        context.insert("page", &meta);
        context
    }

    pub(crate) fn meta<'m>(&'m self, route: Route, title: &'m str, description: &'m str) -> PageMeta<'m> {
        let site = self.site;
        let routes = &site.routes;
        let lang = route.language().unwrap_or_default();
        let mut translations = Vec::new();
        if site.config.is_multilingual() {
            for other in routes.languages().filter(|&other| Some(other) != route.language()) {
                let Some(there) = route.in_language(other) else { break };
                let code = &site.config.languages[other].code;
                translations.push(TranslationLink {
                    lang: code,
                    name: site.config.interface.language_name(code),
                    url: routes.url(there),
                    untranslated: None,
                });
            }
        }
        let mut meta = PageMeta {
            kind: route.kind(),
            title,
            description,
            url: routes.url(route),
            permalink: routes.permalink(route),
            lang: &site.config.languages[lang].code,
            feed_url: route.feed().map(|feed| routes.url(feed)),
            json_feed_url: route.feed().and_then(Route::json_feed).map(|feed| routes.url(feed)),
            image: None,
            image_width: None,
            image_height: None,
            image_alt: None,
            canonical: routes.permalink(route),
            alternates: self.page_alternates(route),
            translations,
        };
        meta.set_image(structured::site_image(site, lang));
        meta
    }

    /// The `hreflang` alternates of a page that every language of a site of several
    /// languages has, and that search engines index: the page in each language, then
    /// `x-default`, the default language's.
    pub(crate) fn page_alternates(&self, route: Route) -> Vec<Alternate> {
        let site = self.site;
        if !site.config.is_multilingual() || !route.in_sitemap() {
            return Vec::new();
        }
        let routes = &site.routes;
        let mut alternates: Vec<Alternate> = routes
            .languages()
            .filter_map(|lang| {
                let there = route.in_language(lang)?;
                Some(Alternate { hreflang: site.config.languages[lang].code.clone(), href: routes.permalink(there) })
            })
            .collect();
        if let Some(default) = route.in_language(LanguageId::DEFAULT) {
            alternates.push(Alternate { hreflang: "x-default".to_owned(), href: routes.permalink(default) });
        }
        alternates
    }

    /// Links an article page to its story's versions in other languages; on a site of
    /// several languages, to the home page of each language the story has no version in.
    pub(crate) fn with_translations(&self, meta: &mut PageMeta<'a>, id: crate::site::ArticleId) {
        let site = self.site;
        let config = &site.config;
        meta.alternates = self.alternates(id);
        let own = site.articles[id].lang.as_str();
        let link = |lang: &'a str, route: Route| TranslationLink {
            lang,
            name: config.interface.language_name(lang),
            url: site.routes.url(route),
            untranslated: matches!(route, Route::Home(_)).then(|| untranslated_note(config, lang)),
        };
        let versions: Vec<crate::site::ArticleId> = site.translations.others(id).collect();
        let in_site_language =
            |version: &crate::site::ArticleId| config.languages.iter().any(|l| l.code == site.articles[*version].lang);
        if config.is_multilingual() {
            for (lang, language) in config.languages.iter().enumerate().filter(|(_, l)| l.code != own) {
                let version = versions.iter().find(|&&v| site.articles[v].lang == language.code);
                let route = version.map_or(Route::Home(LanguageId(lang)), |&v| Route::Article(v));
                meta.translations.push(link(&language.code, route));
            }
            for &version in versions.iter().filter(|v| !in_site_language(v)) {
                meta.translations.push(link(&site.articles[version].lang, Route::Article(version)));
            }
        } else {
            for version in versions {
                meta.translations.push(link(&site.articles[version].lang, Route::Article(version)));
            }
        }
    }

    /// The `hreflang` alternates of an article's page: every version of its story, then
    /// `x-default`, the version listings show; none for a story in one language.
    pub(crate) fn alternates(&self, id: crate::site::ArticleId) -> Vec<Alternate> {
        let site = self.site;
        let versions = &site.translations.versions[id];
        if versions.len() < 2 {
            return Vec::new();
        }
        let permalink = |version| site.routes.permalink(Route::Article(version));
        let mut alternates: Vec<Alternate> = versions
            .iter()
            .map(|&version| Alternate { hreflang: site.articles[version].lang.clone(), href: permalink(version) })
            .collect();
        if let Some(&shown) = versions.iter().find(|&&v| site.translations.listed[v]) {
            alternates.push(Alternate { hreflang: "x-default".to_owned(), href: permalink(shown) });
        }
        alternates
    }
}

/// Template functions: `url(path="/topics/")` and `asset(path="style.css")` give
/// root-relative URLs that honour the site's base path (read from `site` in the context).
pub fn register_functions(tera: &mut tera::Tera) {
    // Any value as JSON (`feed.json`): strings quoted and escaped, lists and maps whole;
    // inert like the site's other JSON (no `<`, `>` or `&` as such).
    tera.register_filter("json", |value: Value, _: Kwargs, _: &State| -> tera::TeraResult<Value> {
        let json = serde_json::to_value(&value).map_err(|error| tera::Error::message(error.to_string()))?;
        Ok(Value::safe_string(&structured::script_text(&json)))
    });
    tera.register_function("url", |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
        let path: String = kwargs.must_get("path")?;
        Ok(under(&base_path(state), &path))
    });
    // Stylesheets and scripts get their fingerprinted name, so they can be cached forever.
    tera.register_function("asset", |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
        let path: String = kwargs.must_get("path")?;
        let path = path.trim_start_matches('/');
        let site = state.get::<Value>("site").ok().flatten();
        let fingerprinted = site.as_ref().and_then(|site| site.get_from_path("assets")).and_then(|assets| {
            assets
                .as_map()?
                .iter()
                .find(|(name, _)| name.as_str() == Some(path))
                .and_then(|(_, hashed)| hashed.as_str())
        });
        Ok(under(&base_path(state), fingerprinted.unwrap_or(path)))
    });
}

fn base_path(state: &State) -> String {
    state
        .get::<Value>("site")
        .ok()
        .flatten()
        .and_then(|site| site.get_from_path("base_path").and_then(|p| p.as_str().map(str::to_owned)))
        .unwrap_or_default()
}

/// The switcher's note on a link to the home page of a language a page has no version in,
/// in that language ("no translation: home page").
pub(crate) fn untranslated_note<'a>(config: &'a crate::config::SiteConfig, lang: &str) -> &'a str {
    config.interface.get(config.interface.locale_for(lang)).label("no_translation")
}
