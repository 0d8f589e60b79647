//! An old address of a page (`aliases:`, an entity's other name): a small page that sends
//! the reader on, names the page's address as canonical and asks not to be indexed; and
//! `_redirects`, the same redirects for hosts that answer them with a 301.

use std::collections::HashMap;

use super::{Listed, Reads};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::PageLanguage;
use crate::route::Route;
use crate::site::aliases::{self, Redirect};

/// The site's redirects, and the problems of the aliases that cannot be.
pub(crate) struct Redirects {
    pub(crate) list: Vec<Redirect>,
    pub(crate) problems: Vec<Diagnostic>,
}

impl<'a> Renderer<'a> {
    /// The site's redirects, found the first time they are asked for: every address of the
    /// route table (and of the sitemap's parts) is taken.
    pub(crate) fn redirects(&self) -> &Redirects {
        self.redirects.get_or_init(|| {
            let routes = &self.site.routes;
            let taken: HashMap<String, Route> = (routes.all(&[]).into_iter())
                .chain(self.site.period_routes())
                .chain(self.sitemap_part_routes())
                .map(|route| (routes.output_file(route), route))
                .collect();
            let (list, problems) = aliases::redirects(self.site, &taken);
            Redirects { list, problems }
        })
    }

    /// The redirect pages and `_redirects`, when the site has any redirect.
    pub(crate) fn redirect_routes(&self) -> Vec<Route> {
        let count = self.redirects().list.len();
        let mut routes: Vec<Route> = (0..count).map(Route::Redirect).collect();
        if count > 0 {
            routes.push(Route::Redirects);
        }
        routes
    }

    /// `_redirects`'s text.
    pub(crate) fn redirects_file(&self) -> String {
        aliases::redirects_file(self.site, &self.redirects().list)
    }
}

pub(super) fn context(renderer: &Renderer<'_>, index: usize, hashed: bool) -> PageContext {
    let site = renderer.site;
    let target = renderer.redirects().list[index].target;
    let language = match target {
        Route::Article(id) => PageLanguage::of_article(site, id),
        _ => PageLanguage::of_site(site, target.language().unwrap_or_default()),
    };
    let locale = site.config.interface.get(language.locale);
    // `page` is the page it leads to: its URL is where the reader goes, and its permalink
    // is the canonical address.
    let mut meta = renderer.meta(target, locale.label("moved"), "");
    meta.kind = Route::Redirect(index).kind();
    if let Route::Article(id) = target {
        meta.lang = &site.articles[id].lang;
    }
    meta.alternates.clear();
    meta.translations.clear();
    renderer.base_context(language, meta, hashed)
}

/// Nothing dated: only the address of the page it leads to.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::None }
}

#[cfg(test)]
mod tests {
    use super::super::tests::site;
    use crate::render::{Renderer, Route, Templates};

    #[test]
    fn an_old_address_sends_the_reader_to_the_page_and_names_it_canonical() {
        let mut site = site("");
        site.topics[0].topic.aliases =
            vec![crate::content::Alias { path: "/dossiers/chips/".to_owned(), line: 3, column: 4 }];
        let templates = Templates::compile(&[]).ok().unwrap();
        let renderer = Renderer::new(&site, &templates, &[]);
        let routes = renderer.routes();
        assert!(routes.contains(&Route::Redirect(0)) && routes.contains(&Route::Redirects), "{routes:?}");
        let page = renderer.render(Route::Redirect(0)).unwrap();
        assert_eq!(page.path, "dossiers/chips/index.html");
        let html = String::from_utf8(page.bytes).unwrap();
        let target = site.routes.permalink(Route::Topic(crate::route::LanguageId::DEFAULT, crate::route::TopicId(0)));
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")), "{html}");
        assert!(html.contains(&format!("<meta http-equiv=\"refresh\" content=\"0; url={target}\">")), "{html}");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"), "{html}");
        let file = String::from_utf8(renderer.render(Route::Redirects).unwrap().bytes).unwrap();
        assert!(file.ends_with("/dossiers/chips/ /topics/chips/ 301\n"), "{file}");
    }
}
