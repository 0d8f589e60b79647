//! A standalone page (About, Methodology, Corrections policy) in its own language.

use serde::Serialize;
use tera::Value;

use super::{Listed, Reads, Setting};
use crate::i18n::Locale;
use crate::render::fingerprint::PageContext;
use crate::render::{Alternate, Renderer, TranslationLink};
use crate::route::{LanguageId, PageId, Route};

/// What `page.html` sees of the page as `standalone`.
#[derive(Serialize)]
struct StandaloneView<'a> {
    /// Its file name without language (`about`), as `nav:` names it.
    key: &'a str,
    title: &'a str,
    nav_title: &'a str,
    summary: &'a str,
    content: Value,
}

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    id: PageId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let page = &site.pages[id.0];
    let description = if page.summary.is_empty() { on.edition.description.as_str() } else { page.summary.as_str() };
    let mut meta = renderer.meta(route, &page.title, description);
    let versions: Vec<(LanguageId, PageId)> = site.page_versions(id).collect();
    let routes = &site.routes;
    let code = |lang: LanguageId| site.config.languages[lang.0].code.as_str();
    // Each language the page has no version in is linked to its home page, as articles do.
    for lang in routes.languages().filter(|&lang| lang != on.lang) {
        let there = versions.iter().find(|(version_lang, _)| *version_lang == lang);
        let target = there.map_or(Route::Home(lang), |&(lang, version)| Route::Page(lang, version));
        meta.translations.push(TranslationLink {
            lang: code(lang),
            name: Locale::language_name(code(lang)),
            url: routes.url(target),
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
        content: Value::safe_string(&page.html),
    };
    context.insert("standalone", &view);
    context
}

/// No article: a standalone page does not change with them.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::None }
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
        assert!(super::reads().articles.ids(&site).is_empty());
    }
}
