//! &Site -> pages: Tera templates fed borrowed views. Pure: writes nothing.

pub mod i18n;
pub mod templates;
mod views;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use tera::{Context, Kwargs, State, Value};

use crate::diagnostic::Diagnostic;
use crate::site::{ArticleId, Site};
use crate::source::{StaticFile, fingerprint, fingerprinted_name};
use i18n::Locale;
pub use templates::Templates;
use views::{ArticleView, Link, Summaries, TermView, timeline, topic_views};

/// One output file: its path under the output root (`articles/x/index.html`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// One page to render. Jobs are independent, so they render in parallel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageJob {
    Home,
    Article(ArticleId),
    TopicIndex,
    Topic(usize),
    TopicFeed(usize),
    TaxonomyIndex(usize),
    Term(usize, usize),
    Archive,
    Search,
    NotFound,
    Feed,
    Sitemap,
    Robots,
    SearchIndex,
    /// A built-in static file (`style.css`), unless the site's `static/` has its own.
    Asset(usize),
    /// The same file under its fingerprinted name (`style.3f2a1c9e.css`).
    FingerprintedAsset(usize),
}

/// Static files briefing ships, copied unless the site's `static/` replaces them.
pub const DEFAULT_ASSETS: &[(&str, &str)] =
    &[("style.css", include_str!("../../static/style.css")), ("search.js", include_str!("../../static/search.js"))];

/// The template a page is rendered with; `None` for pages made without one.
pub fn template_of(job: PageJob) -> Option<&'static str> {
    Some(match job {
        PageJob::Home => "index.html",
        PageJob::Article(_) => "article.html",
        PageJob::TopicIndex => "topics.html",
        PageJob::Topic(_) => "topic.html",
        PageJob::TopicFeed(_) | PageJob::Feed => "atom.xml",
        PageJob::TaxonomyIndex(_) => "taxonomy.html",
        PageJob::Term(..) => "term.html",
        PageJob::Archive => "archive.html",
        PageJob::Search => "search.html",
        PageJob::NotFound => "404.html",
        PageJob::Sitemap => "sitemap.xml",
        PageJob::Robots => "robots.txt",
        PageJob::SearchIndex | PageJob::Asset(_) | PageJob::FingerprintedAsset(_) => return None,
    })
}

/// The fingerprinted name of a built-in asset.
fn builtin_asset_name(index: usize) -> String {
    let (name, text) = DEFAULT_ASSETS[index];
    fingerprinted_name(name, &fingerprint(text.as_bytes()))
}

/// Renders pages of one site with one set of templates.
pub struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    summaries: Summaries<'a>,
    /// `site` as templates see it, made once.
    site_value: Value,
    labels: [Value; 2],
    /// Relative paths of the site's own static files; they replace built-in assets.
    /// Built-in assets the site does not replace, by index into `DEFAULT_ASSETS`.
    builtin_assets: Vec<usize>,
}

/// The site as templates see it.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    feed_url: String,
    topics: Vec<Link<'a>>,
    taxonomies: Vec<&'a str>,
    article_count: usize,
    /// Stylesheets and scripts -> their fingerprinted names, for `asset()`.
    assets: BTreeMap<String, String>,
}

/// `page` in every template: what the page is and where it lives.
#[derive(Serialize)]
struct PageMeta<'a> {
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
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    permalink: String,
    published: String,
    updated: String,
    summary: &'a str,
    content: &'a str,
    lang: &'a str,
    categories: Vec<&'a str>,
}

#[derive(Serialize)]
struct FeedView<'a> {
    title: String,
    subtitle: &'a str,
    id: String,
    self_url: String,
    alternate_url: String,
    updated: String,
    lang: &'a str,
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

#[derive(Serialize)]
struct SearchEntry<'a> {
    title: &'a str,
    url: String,
    summary: &'a str,
    date: String,
    lang: &'a str,
    topics: Vec<&'a str>,
    terms: Vec<&'a str>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates, site_static: &'a [StaticFile]) -> Renderer<'a> {
        let builtin_assets: Vec<usize> = (0..DEFAULT_ASSETS.len())
            .filter(|&index| !site_static.iter().any(|file| file.relative == Path::new(DEFAULT_ASSETS[index].0)))
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
            builtin_assets.iter().map(|&index| (DEFAULT_ASSETS[index].0.to_owned(), builtin_asset_name(index))),
        );
        let config = &site.config;
        let site_view = SiteView {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            base_path: &config.base_path,
            language: &config.language,
            feed_url: format!("{}/feed.xml", config.base_path),
            topics: site
                .topics
                .iter()
                .map(|t| Link { name: &t.topic.title, url: format!("{}/topics/{}/", config.base_path, t.topic.slug) })
                .collect(),
            taxonomies: config.taxonomies.iter().map(String::as_str).collect(),
            article_count: site.articles.len(),
            assets,
        };
        Renderer {
            site,
            templates,
            summaries: Summaries::new(site),
            site_value: Value::from_serializable(&site_view),
            labels: Locale::ALL.map(|l| Value::from_serializable(l.labels())),
            builtin_assets,
        }
    }

    /// Every page of the site, in a stable order.
    pub fn jobs(&self) -> Vec<PageJob> {
        let site = self.site;
        let mut jobs = vec![PageJob::Home, PageJob::TopicIndex, PageJob::Archive, PageJob::Search, PageJob::NotFound];
        jobs.extend((0..site.articles.len()).map(PageJob::Article));
        for topic in 0..site.topics.len() {
            jobs.push(PageJob::Topic(topic));
            jobs.push(PageJob::TopicFeed(topic));
        }
        for (t, taxonomy) in site.taxonomies.iter().enumerate() {
            jobs.push(PageJob::TaxonomyIndex(t));
            jobs.extend((0..taxonomy.terms.len()).map(|term| PageJob::Term(t, term)));
        }
        jobs.extend([PageJob::Feed, PageJob::Sitemap, PageJob::Robots, PageJob::SearchIndex]);
        for &index in &self.builtin_assets {
            jobs.push(PageJob::Asset(index));
            jobs.push(PageJob::FingerprintedAsset(index));
        }
        jobs
    }

    /// The output path a job writes, under the output root.
    pub fn output_path(&self, job: PageJob) -> String {
        let site = self.site;
        match job {
            PageJob::Home => "index.html".to_owned(),
            PageJob::Article(id) => format!("articles/{}/index.html", site.articles[id].slug),
            PageJob::TopicIndex => "topics/index.html".to_owned(),
            PageJob::Topic(t) => format!("topics/{}/index.html", site.topics[t].topic.slug),
            PageJob::TopicFeed(t) => format!("topics/{}/feed.xml", site.topics[t].topic.slug),
            PageJob::TaxonomyIndex(t) => format!("{}/index.html", site.taxonomies[t].name),
            PageJob::Term(t, term) => {
                format!("{}/{}/index.html", site.taxonomies[t].name, site.taxonomies[t].terms[term].slug)
            }
            PageJob::Archive => "archive/index.html".to_owned(),
            PageJob::Search => "search/index.html".to_owned(),
            PageJob::NotFound => "404.html".to_owned(),
            PageJob::Feed => "feed.xml".to_owned(),
            PageJob::Sitemap => "sitemap.xml".to_owned(),
            PageJob::Robots => "robots.txt".to_owned(),
            PageJob::SearchIndex => "search-index.json".to_owned(),
            PageJob::Asset(index) => DEFAULT_ASSETS[index].0.to_owned(),
            PageJob::FingerprintedAsset(index) => builtin_asset_name(index),
        }
    }

    /// Renders one page.
    pub fn render(&self, job: PageJob) -> Result<Page, Diagnostic> {
        let path = self.output_path(job);
        let bytes = match job {
            PageJob::SearchIndex => self.search_index(),
            PageJob::Asset(index) | PageJob::FingerprintedAsset(index) => DEFAULT_ASSETS[index].1.as_bytes().to_vec(),
            _ => {
                let template = template_of(job).expect("rendered through a template");
                let context = self.context(job);
                self.templates.render_page(template, &context, &path)?
            }
        };
        Ok(Page { path, bytes })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_path)
    }

    fn permalink(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_url)
    }

    fn base_context(&self, locale: Locale, meta: PageMeta<'_>) -> Context {
        let mut context = Context::new();
        context.insert_value("site", self.site_value.clone());
        context.insert_value("labels", self.labels[locale.index()].clone());
        context.insert("lang", meta.lang);
        context.insert("page", &meta);
        context
    }

    fn meta<'m>(&'m self, kind: &'static str, title: &'m str, description: &'m str, path: &str) -> PageMeta<'m> {
        PageMeta {
            kind,
            title,
            description,
            url: self.url(path),
            permalink: self.permalink(path),
            lang: &self.site.config.language,
            feed_url: None,
        }
    }

    /// The template and context of a page rendered through Tera.
    fn context(&self, job: PageJob) -> Context {
        let site = self.site;
        let config = &site.config;
        let site_locale = Locale::for_language(&config.language);
        let labels = site_locale.labels();
        let summaries = &self.summaries;
        match job {
            PageJob::Home => {
                let meta = self.meta("home", &config.title, &config.description, "/");
                let mut context = self.base_context(site_locale, meta);
                let latest: Vec<ArticleId> = (0..site.articles.len().min(config.home_limit)).collect();
                context.insert("articles", &summaries.list(site_locale, &latest));
                context.insert("topics", &topic_views(site, site_locale, summaries));
                context
            }
            PageJob::Article(id) => {
                let article = &site.articles[id];
                let view = ArticleView::new(site, id, summaries);
                let mut meta = self.meta("article", &article.title, &article.summary, &site.article_path(id));
                meta.lang = &article.lang;
                let mut context = self.base_context(Locale::for_language(&article.lang), meta);
                context.insert("article", &view);
                context
            }
            PageJob::TopicIndex => {
                let meta = self.meta("topics", labels.topics, &config.description, "/topics/");
                let mut context = self.base_context(site_locale, meta);
                context.insert("topics", &topic_views(site, site_locale, summaries));
                context
            }
            PageJob::Topic(t) => {
                let entry = &site.topics[t];
                let path = format!("/topics/{}/", entry.topic.slug);
                let mut meta = self.meta("topic", &entry.topic.title, &entry.topic.summary, &path);
                meta.feed_url = Some(self.url(&format!("{path}feed.xml")));
                let mut context = self.base_context(site_locale, meta);
                context.insert("topic", &topic_views(site, site_locale, summaries).swap_remove(t));
                context.insert("intro", &Value::safe_string(&entry.topic.intro_html));
                context.insert("timeline", &timeline(site.timeline(&entry.articles), site_locale, summaries));
                context
            }
            PageJob::TaxonomyIndex(t) => {
                let taxonomy = &site.taxonomies[t];
                let title = labels.taxonomy(&taxonomy.name);
                let meta = self.meta("taxonomy", &title, &config.description, &format!("/{}/", taxonomy.name));
                let mut context = self.base_context(site_locale, meta);
                let terms: Vec<TermView<'_>> = taxonomy
                    .terms
                    .iter()
                    .map(|term| TermView {
                        name: &term.name,
                        url: self.url(&format!("/{}/{}/", taxonomy.name, term.slug)),
                        count: term.articles.len(),
                    })
                    .collect();
                context.insert("taxonomy", &serde_json_map(&[("name", &taxonomy.name), ("title", &title)]));
                context.insert("terms", &terms);
                context
            }
            PageJob::Term(t, index) => {
                let taxonomy = &site.taxonomies[t];
                let term = &taxonomy.terms[index];
                let title = labels.taxonomy(&taxonomy.name);
                let description = term.description.clone().unwrap_or_else(|| format!("{}: {}", title, term.name));
                let path = format!("/{}/{}/", taxonomy.name, term.slug);
                let meta = self.meta("term", &term.name, &description, &path);
                let mut context = self.base_context(site_locale, meta);
                context.insert(
                    "taxonomy",
                    &serde_json_map(&[
                        ("name", &taxonomy.name),
                        ("title", &title),
                        ("url", &self.url(&format!("/{}/", taxonomy.name))),
                    ]),
                );
                context.insert(
                    "term",
                    &serde_json_map(&[
                        ("name", &term.name),
                        ("description", term.description.as_deref().unwrap_or("")),
                        ("count_display", &site_locale.article_count(term.articles.len())),
                    ]),
                );
                context.insert("timeline", &timeline(site.timeline(&term.articles), site_locale, summaries));
                context
            }
            PageJob::Archive => {
                let meta = self.meta("archive", labels.archive, &config.description, "/archive/");
                let mut context = self.base_context(site_locale, meta);
                let all: Vec<ArticleId> = (0..site.articles.len()).collect();
                context.insert("timeline", &timeline(site.timeline(&all), site_locale, summaries));
                context
            }
            PageJob::Search => {
                let meta = self.meta("search", labels.search, &config.description, "/search/");
                let mut context = self.base_context(site_locale, meta);
                context.insert("search_index_url", &self.url("/search-index.json"));
                context
            }
            PageJob::NotFound => {
                let meta = self.meta("404", labels.not_found_title, labels.not_found_text, "/404.html");
                self.base_context(site_locale, meta)
            }
            PageJob::Feed => {
                let all: Vec<ArticleId> = (0..site.articles.len()).collect();
                let feed = self.feed(config.title.clone(), &config.description, "/", "/feed.xml", &all);
                let meta = self.meta("feed", &config.title, &config.description, "/feed.xml");
                let mut context = self.base_context(site_locale, meta);
                context.insert("feed", &feed);
                context
            }
            PageJob::TopicFeed(t) => {
                let entry = &site.topics[t];
                let path = format!("/topics/{}/", entry.topic.slug);
                let title = format!("{} – {}", entry.topic.title, config.title);
                let feed = self.feed(title, &entry.topic.summary, &path, &format!("{path}feed.xml"), &entry.articles);
                let meta = self.meta("feed", &entry.topic.title, &entry.topic.summary, &format!("{path}feed.xml"));
                let mut context = self.base_context(site_locale, meta);
                context.insert("feed", &feed);
                context
            }
            PageJob::Sitemap => {
                let meta = self.meta("sitemap", "sitemap", "", "/sitemap.xml");
                let mut context = self.base_context(site_locale, meta);
                context.insert("entries", &self.sitemap_entries());
                context
            }
            PageJob::Robots => {
                let meta = self.meta("robots", "robots", "", "/robots.txt");
                let mut context = self.base_context(site_locale, meta);
                context.insert("sitemap_url", &self.permalink("/sitemap.xml"));
                context
            }
            PageJob::SearchIndex | PageJob::Asset(_) | PageJob::FingerprintedAsset(_) => {
                unreachable!("not rendered through a template")
            }
        }
    }

    fn feed(&self, title: String, subtitle: &'a str, page: &str, path: &str, ids: &[ArticleId]) -> FeedView<'a> {
        let site = self.site;
        let entries = ids
            .iter()
            .take(site.config.feed_limit)
            .map(|&id| {
                let article = &site.articles[id];
                let categories = site.article_topics[id].iter().map(|&t| site.topics[t].topic.title.as_str()).collect();
                FeedEntry {
                    title: &article.title,
                    permalink: self.permalink(&site.article_path(id)),
                    published: article.date.to_rfc3339(),
                    updated: article.updated.map_or(article.date, |u| u.max(article.date)).to_rfc3339(),
                    summary: &article.summary,
                    content: &article.html,
                    lang: &article.lang,
                    categories,
                }
            })
            .collect();
        let updated = site.last_updated(ids).map_or_else(|| "1970-01-01T00:00:00+00:00".to_owned(), |d| d.to_rfc3339());
        FeedView {
            title,
            subtitle,
            id: self.permalink(path),
            self_url: self.permalink(path),
            alternate_url: self.permalink(page),
            updated,
            lang: &site.config.language,
            entries,
        }
    }

    fn sitemap_entries(&self) -> Vec<SitemapEntry> {
        let site = self.site;
        let all: Vec<ArticleId> = (0..site.articles.len()).collect();
        let lastmod = |ids: &[ArticleId]| site.last_updated(ids).map(|d| d.to_rfc3339());
        let mut entries = vec![
            SitemapEntry { loc: self.permalink("/"), lastmod: lastmod(&all) },
            SitemapEntry { loc: self.permalink("/topics/"), lastmod: lastmod(&all) },
            SitemapEntry { loc: self.permalink("/archive/"), lastmod: lastmod(&all) },
            SitemapEntry { loc: self.permalink("/search/"), lastmod: None },
        ];
        for (id, _) in site.articles.iter().enumerate() {
            entries.push(SitemapEntry { loc: self.permalink(&site.article_path(id)), lastmod: lastmod(&[id]) });
        }
        for entry in &site.topics {
            entries.push(SitemapEntry {
                loc: self.permalink(&format!("/topics/{}/", entry.topic.slug)),
                lastmod: lastmod(&entry.articles),
            });
        }
        for taxonomy in &site.taxonomies {
            entries.push(SitemapEntry { loc: self.permalink(&format!("/{}/", taxonomy.name)), lastmod: lastmod(&all) });
            for term in &taxonomy.terms {
                entries.push(SitemapEntry {
                    loc: self.permalink(&format!("/{}/{}/", taxonomy.name, term.slug)),
                    lastmod: lastmod(&term.articles),
                });
            }
        }
        entries
    }

    fn search_index(&self) -> Vec<u8> {
        let site = self.site;
        let entries: Vec<SearchEntry<'_>> = site
            .articles
            .iter()
            .enumerate()
            .map(|(id, article)| SearchEntry {
                title: &article.title,
                url: self.url(&site.article_path(id)),
                summary: &article.summary,
                date: article.date.format("%Y-%m-%d").to_string(),
                lang: &article.lang,
                topics: site.article_topics[id].iter().map(|&t| site.topics[t].topic.title.as_str()).collect(),
                terms: site
                    .taxonomies
                    .iter()
                    .zip(&site.article_terms[id])
                    .flat_map(|(taxonomy, terms)| terms.iter().map(|&t| taxonomy.terms[t].name.as_str()))
                    .collect(),
            })
            .collect();
        // `<` is escaped so that the index is inert even if served or inlined as HTML.
        serde_json::to_string(&entries).expect("plain data serialises").replace('<', "\\u003c").into_bytes()
    }
}

fn serde_json_map(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Template functions: `url(path="/topics/")` and `asset(path="style.css")` give
/// root-relative URLs that honour the site's base path (read from `site` in the context).
pub fn register_functions(tera: &mut tera::Tera) {
    tera.register_function("url", |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
        let path: String = kwargs.must_get("path")?;
        let path = if path.starts_with('/') { path } else { format!("/{path}") };
        Ok(format!("{}{path}", base_path(state)))
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
        Ok(format!("{}/{}", base_path(state), fingerprinted.unwrap_or(path)))
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
