//! A standalone page (About, Methodology, Corrections policy) in its own language.

use serde::Serialize;
use tera::Value;

use super::{Listed, Reads, Setting};
use crate::content::PageList;
use crate::render::fingerprint::PageContext;
use crate::render::views::PageLanguage;
use crate::render::{Alternate, Renderer, TranslationLink};
use crate::route::{LanguageId, PageId, Route};
use crate::site::{ArticleId, Site};

/// What `page.html` sees of the page as `standalone`.
#[derive(Serialize)]
struct StandaloneView<'a> {
    /// Its file name without language (`about`), as `nav:` names it.
    key: &'a str,
    title: &'a str,
    nav_title: &'a str,
    summary: &'a str,
    content: Value,
    /// The site's own fields (`extra:`).
    extra: Option<&'a crate::yaml::Value>,
}

/// A correction in a page's list of them (`list: corrections`).
#[derive(Serialize)]
struct CorrectionView<'a> {
    /// The corrected article, as lists show it.
    article: Value,
    date: String,
    date_display: String,
    note: &'a str,
}

/// Every correction of the stories `lang` lists, newest first.
fn corrections<'s>(renderer: &Renderer<'s>, language: PageLanguage) -> Vec<CorrectionView<'s>> {
    let site = renderer.site;
    let mut list: Vec<CorrectionView<'s>> = Vec::new();
    let mut dated = Vec::new();
    for id in corrected(site, language.id) {
        for update in site.articles[id].updates.iter().filter(|update| update.correction) {
            dated.push((update.date, id, update));
        }
    }
    dated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (date, id, update) in dated {
        list.push(CorrectionView {
            article: renderer.summaries().get(language, id),
            date: date.to_rfc3339(),
            date_display: site.config.interface.get(language.locale).date(&date),
            note: &update.note,
        });
    }
    list
}

/// The stories `lang` lists that carry a correction.
fn corrected(site: &Site, lang: LanguageId) -> Vec<ArticleId> {
    let mut ids = site.listed_in(lang);
    ids.retain(|&id| site.articles[id].updates.iter().any(|update| update.correction));
    ids
}

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    id: PageId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let page = &site.pages[id];
    let description = if page.summary.is_empty() { on.edition.description.as_str() } else { page.summary.as_str() };
    let mut meta = renderer.meta(route, &page.title, description);
    let versions: Vec<(LanguageId, PageId)> = site.page_versions(id).collect();
    let routes = &site.routes;
    let code = |lang: LanguageId| site.config.languages[lang].code.as_str();
    // Each language the page has no version in is linked to its home page, as articles do.
    for lang in routes.languages().filter(|&lang| lang != on.lang) {
        let there = versions.iter().find(|(version_lang, _)| *version_lang == lang);
        let target = there.map_or(Route::Home(lang), |&(lang, version)| Route::Page(lang, version));
        meta.translations.push(TranslationLink {
            lang: code(lang),
            name: site.config.interface.language_name(code(lang)),
            url: routes.url(target),
            untranslated: there.is_none().then(|| crate::render::untranslated_note(&site.config, code(lang))),
        });
    }
    meta.alternates = if versions.is_empty() {
        Vec::new()
    } else {
        let mut all: Vec<(LanguageId, PageId)> = versions.clone();
        all.push((on.lang, id));
        all.sort();
        let mut alternates: Vec<Alternate> = all
            .iter()
            .map(|&(lang, page)| Alternate {
                hreflang: code(lang).to_owned(),
                href: routes.permalink(Route::Page(lang, page)),
            })
            .collect();
        if let Some(&(lang, page)) = all.iter().find(|(lang, _)| *lang == LanguageId::DEFAULT) {
            alternates
                .push(Alternate { hreflang: "x-default".to_owned(), href: routes.permalink(Route::Page(lang, page)) });
        }
        alternates
    };
    let mut context = renderer.base_context(on.language, meta, hashed);
    let view = StandaloneView {
        key: &page.key,
        title: &page.title,
        nav_title: &page.nav_title,
        summary: &page.summary,
        content: Value::safe_string(&crate::render::views::with_image_sizes(
            crate::render::views::under_base_path(&page.html, &site.config.base_path),
            &page.images,
            &renderer.image_sizes,
        )),
        extra: page.extra.as_ref(),
    };
    context.insert("standalone", &view);
    if page.list == Some(PageList::Corrections) {
        context.insert("corrections", &corrections(renderer, on.language));
    }
    context
}

/// No article, but for a page listing corrections: the articles it lists.
pub(super) fn reads(site: &Site, lang: LanguageId, id: PageId) -> Reads<'static> {
    match site.pages[id].list {
        None => Reads { articles: Listed::None },
        Some(PageList::Corrections) => Reads { articles: Listed::Some(corrected(site, lang).into()) },
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::tests::{context_of, site};
    use crate::content::StandalonePage;
    use crate::route::{LanguageId, PageId, Route};

    #[test]
    fn shows_its_text_and_links_its_translation() {
        let site = site("languages:\n  - code: en\n  - code: fr\n");
        let languages = site.config.languages[1..].to_vec();
        let pages = [("content/pages/about.md", "About us"), ("content/pages/about.fr.md", "À propos")]
            .iter()
            .map(|(path, title)| {
                StandalonePage::parse(
                    Path::new(path),
                    &format!("---\ntitle: {title}\n---\nWho we are.\n"),
                    "en",
                    &languages,
                )
                .unwrap()
            })
            .collect();
        let (site, problems) = site.with_pages(pages);
        assert!(problems.is_empty(), "{problems:?}");
        let french = Route::Page(LanguageId(1), PageId(1));
        assert_eq!(site.routes.url(french), "/fr/about/");
        let context = context_of(&site, french);
        let title = context.get("standalone").and_then(|p| p.get_from_path("title")).and_then(|t| t.as_str());
        assert_eq!(title, Some("À propos"));
        assert_eq!(context.get("lang").and_then(|l| l.as_str()), Some("fr"));
        let translations = context.get("page").and_then(|p| p.get_from_path("translations")).unwrap();
        assert_eq!(translations.get_from_path("0.url").and_then(|u| u.as_str()), Some("/about/"));
        assert!(super::reads(&site, LanguageId(1), PageId(1)).articles.ids(&site).is_empty());
    }
}
