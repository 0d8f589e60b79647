//! What import writes, held to the build's own rules before anything is written.
//!
//! A page is untrusted text. Where a rule can be met without changing what the article
//! says, the article is cleaned: control characters are removed, a URL loses its user
//! name and password and gets a lowercase scheme, a language tag is matched to the
//! site's. Then the document is parsed by the build's parser, with the site's topics,
//! taxonomies and languages: whatever that refuses, import refuses too, in its words.

use std::path::Path;

use chrono::Datelike;

use crate::config::{Language, SiteConfig};
use crate::content::front_matter::{DateValue, YEARS};
use crate::content::{Article, ParseContext};
use crate::diagnostic::{forbidden_character, forbidden_reference};
use crate::i18n::is_valid_language;

use super::{ImportError, Imported};
use crate::plan;
use crate::plan::BuildOptions;
use crate::source::{SiteSource, TextFile};

/// The rules of one site that an imported article must meet.
#[derive(Debug, Clone)]
pub struct SiteRules {
    /// The site's languages, the default first.
    pub languages: Vec<Language>,
    /// Slugs of the site's topics, sorted.
    pub topics: Vec<String>,
    /// The taxonomies of `site.yaml`, in its order.
    pub taxonomies: Vec<String>,
}

impl SiteRules {
    pub fn new(config: &SiteConfig, mut topics: Vec<String>) -> SiteRules {
        topics.sort();
        SiteRules { languages: config.languages.clone(), topics, taxonomies: config.taxonomies.clone() }
    }

    pub fn default_language(&self) -> &str {
        &self.languages[0].code
    }

    /// The parse context the build uses for this site's articles.
    pub fn context(&self) -> ParseContext<'_> {
        ParseContext {
            default_language: self.default_language(),
            languages: &self.languages[1..],
            topics: &self.topics,
            topic_titles: &[],
            taxonomies: &self.taxonomies,
        }
    }

    /// The code the site gives the language of `tag`: the same tag in any case, with `_`
    /// or `-` (`pt_BR` for `pt-BR`), else the site language of its primary subtag (`fr`
    /// for `fr_FR`); `None` when the site does not publish in that language.
    pub fn site_language(&self, tag: &str) -> Option<&str> {
        let wanted = tag.trim().replace('_', "-");
        let primary = wanted.split('-').next().unwrap_or_default();
        let find = |code: &str| self.languages.iter().find(|l| l.code.eq_ignore_ascii_case(code));
        find(&wanted).or_else(|| find(primary)).map(|language| language.code.as_str())
    }

    /// A language asked for on the command line (`--lang`): one of the site's, or why not.
    pub fn given_language(&self, tag: &str) -> Result<String, String> {
        self.site_language(tag).map(str::to_owned).ok_or_else(|| {
            format!(
                "--lang {tag}: the site does not publish in that language (its languages: {}); use one of them, or add the language to `languages:` in site.yaml",
                self.language_list()
            )
        })
    }

    pub fn language_list(&self) -> String {
        self.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The language a page says it is in, as the site names it: one of the site's
    /// languages, else the tag in lowercase when it is well formed (the build publishes
    /// it in its own language), else none (the site's default).
    fn page_language(&self, tag: &str) -> Option<String> {
        if let Some(code) = self.site_language(tag) {
            return Some(code.to_owned());
        }
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        is_valid_language(&tag).then_some(tag)
    }

    /// Cleans `article` where the site's rules can be met without changing what it says,
    /// then parses it as the build would: `Ok` only when the build accepts it.
    pub fn finish(&self, article: &mut Imported) -> Result<(), ImportError> {
        clean(article);
        article.front.lang = article.front.lang.as_deref().and_then(|tag| self.page_language(tag));
        if !in_years(article.front.date) {
            return Err(ImportError::Invalid(format!(
                "the page's publication date, {}, is out of range: a date's year is from {} to {}; pass the right one with --date YYYY-MM-DD",
                article.front.date,
                YEARS.start(),
                YEARS.end()
            )));
        }
        let date = article.front.date;
        article.front.updated = article.front.updated.filter(|updated| in_years(*updated) && *updated != date);
        if let Some(source) = &mut article.front.source {
            source.published = source.published.filter(|published| in_years(*published));
        }
        self.check(&article.path, &article.document())
    }

    /// Whether the build accepts `document` as the article at `path` (relative to the
    /// site root); its errors, file:line:column, when not.
    pub fn check(&self, path: &Path, document: &str) -> Result<(), ImportError> {
        Article::parse(path, document, &self.context()).map(|_| ()).map_err(|problems| {
            let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
            ImportError::Invalid(format!("the article would not build:\n  {}", problems.join("\n  ")))
        })
    }
}

/// Whether the build accepts the site at `root` once `articles` are written there (the
/// story-wide rules: one slug per article, one version of a story per language), drafts
/// and scheduled articles included, per
/// article: the problems located in its own file, if any.
pub fn check_in_site(root: &Path, articles: &[&Imported]) -> Vec<Result<(), ImportError>> {
    check_in_source(crate::plan::read_source(root), articles)
}

/// `check_in_site` over a site already read (or made in memory).
pub fn check_in_source(mut source: SiteSource, articles: &[&Imported]) -> Vec<Result<(), ImportError>> {
    // What is at an article's path now is replaced, not read: writing says what is wrong
    // with it (a link, a folder), in its own words.
    source.problems.retain(|problem| articles.iter().all(|article| problem.path != article.path));
    for article in articles {
        let file = TextFile { path: article.path.clone(), text: article.document() };
        match source.articles.iter_mut().find(|existing| existing.path == article.path) {
            Some(existing) => *existing = file,
            None => source.articles.push(file),
        }
    }
    // Drafts and scheduled articles too: the article must not break a later build either.
    let options = BuildOptions {
        root: source.root.clone(),
        include_drafts: true,
        include_future: true,
        ..BuildOptions::default()
    };
    let (_, problems) = plan::parse_despite_problems(&source, &options);
    articles
        .iter()
        .map(|article| {
            let own: Vec<String> =
                problems.0.iter().filter(|p| p.path == article.path).map(ToString::to_string).collect();
            if own.is_empty() {
                Ok(())
            } else {
                Err(ImportError::Invalid(format!(
                    "the site would not build with this article:\n  {}",
                    own.join("\n  ")
                )))
            }
        })
        .collect()
}

fn in_years(date: DateValue) -> bool {
    YEARS.contains(&date.to_fixed().year())
}

/// Removes what no page, feed or sitemap can carry from every text the article writes,
/// and credentials from its source.
fn clean(article: &mut Imported) {
    let front = &mut article.front;
    for text in [&mut front.title, &mut front.summary, &mut article.body] {
        strip_forbidden(text);
    }
    for list in [&mut front.tags, &mut front.organizations, &mut front.regions] {
        list.iter_mut().for_each(strip_forbidden);
        list.retain(|term| !term.trim().is_empty());
    }
    if let Some(source) = &mut front.source {
        if let Some(url) = source.url.take() {
            // A name made from the address (its host) must not keep the password either.
            if let Some(userinfo) = userinfo_of(&url) {
                source.name = source.name.replace(&userinfo, "");
            }
            source.url = public_url(&url);
        }
        strip_forbidden(&mut source.name);
    }
}

/// `user:pass@` of `scheme://user:pass@host/…`, if the address has one.
fn userinfo_of(url: &str) -> Option<String> {
    let authority = url.split_once("://")?.1.split(['/', '?', '#']).next()?;
    authority.rfind('@').map(|at| authority[..=at].to_owned())
}

/// An http(s) address as it may be published: scheme and host in lowercase, without
/// user name or password; `None` for anything else.
pub fn public_url(url: &str) -> Option<String> {
    let mut parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return None;
    }
    parsed.set_username("").ok()?;
    parsed.set_password(None).ok()?;
    Some(parsed.to_string())
}

/// `text` without the characters the build refuses, raw or written as a numeric
/// character reference (`&#7;`).
pub fn strip_forbidden(text: &mut String) {
    if forbidden_character(text).is_some() {
        text.retain(|c| forbidden_character(c.encode_utf8(&mut [0; 4])).is_none());
    }
    while let Some((start, _)) = text.contains("&#").then(|| forbidden_reference(text)).flatten() {
        let end = text[start..].find(';').map_or(text.len(), |semicolon| start + semicolon + 1);
        text.replace_range(start..end, "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(codes: &[&str]) -> SiteRules {
        let languages = codes
            .iter()
            .map(|code| Language { code: code.to_string(), title: String::new(), description: String::new() })
            .collect();
        SiteRules { languages, topics: vec!["chips".to_owned()], taxonomies: Vec::new() }
    }

    #[test]
    fn languages_are_matched_to_the_sites() {
        let site = rules(&["en", "fr", "pt-BR"]);
        assert_eq!(site.site_language("fr_FR"), Some("fr"));
        assert_eq!(site.site_language("FR"), Some("fr"));
        assert_eq!(site.site_language("pt_br"), Some("pt-BR"));
        assert_eq!(site.site_language("de"), None);
        assert!(site.given_language("de").unwrap_err().contains("its languages: en, fr, pt-BR"));
        assert_eq!(site.page_language("de-AT").as_deref(), Some("de-at"));
        assert_eq!(site.page_language("1$"), None);
    }

    #[test]
    fn urls_lose_credentials_and_get_a_lowercase_scheme() {
        assert_eq!(public_url("HTTP://News.Example/a?b=1").as_deref(), Some("http://news.example/a?b=1"));
        assert_eq!(public_url("https://user:secret@news.example/a").as_deref(), Some("https://news.example/a"));
        assert_eq!(public_url("ftp://news.example/a"), None);
        assert_eq!(public_url("javascript:alert(1)"), None);
        assert_eq!(userinfo_of("http://user:secret@host/x").as_deref(), Some("user:secret@"));
        assert_eq!(userinfo_of("http://host/x@y"), None);
    }

    #[test]
    fn control_characters_and_their_references_are_removed() {
        let mut text = "a\u{7}b\u{1b}[31mc&#7;d&#x1B;e\u{feff}f&#233;\tg".to_owned();
        strip_forbidden(&mut text);
        assert_eq!(text, "ab[31mcde\u{feff}f&#233;\tg");
    }
}
