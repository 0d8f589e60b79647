//! An author's page in a language: who they are, and the timeline of their stories.

use serde::Serialize;
use tera::Value;

use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::structured;
use crate::render::views::timeline;
use crate::route::{AuthorId, LanguageId, Route};
use crate::site::Site;

/// What `author.html` sees of the author as `author`.
#[derive(Serialize)]
struct AuthorView<'a> {
    id: &'a str,
    name: &'a str,
    /// In the page's language when `authors.yaml` gives it (`roles:`, `bios:`).
    role: &'a str,
    bio: &'a str,
    links: &'a [String],
    count_display: String,
    feed_url: String,
}

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    a: AuthorId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let author = &site.authors[a];
    let code = on.edition.code.as_str();
    let articles = author.listing(on.lang);
    let (role, bio) = (author.role_in(code), author.bio_in(code));
    let description =
        if bio.is_empty() { format!("{}: {}", on.locale.label("author"), author.name) } else { bio.to_owned() };
    let meta = renderer.meta(route, &author.name, &description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    let view = AuthorView {
        id: &author.id,
        name: &author.name,
        role,
        bio,
        links: &author.links,
        count_display: on.locale.article_count(articles.len()),
        feed_url: site.routes.url(Route::AuthorFeed(on.lang, a)),
    };
    context.insert("author", &view);
    context.insert("json_ld", &Value::safe_string(&structured::author_json_ld(site, on.lang, a)));
    context.insert("timeline", &timeline(site.timeline(articles), on.language, &renderer.summaries()));
    context
}

/// The stories the author's page lists in the language.
pub(super) fn reads(site: &Site, lang: LanguageId, a: AuthorId) -> Reads<'_> {
    Reads { articles: Listed::Some(site.authors[a].listing(lang).into()) }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::tests::{context_of, site};
    use crate::route::{AuthorId, LanguageId, Route};
    use crate::site::authors;

    #[test]
    fn lists_the_stories_of_the_author_in_the_language() {
        let site = site("languages:\n  - code: en\n  - code: fr\n");
        let text = "ana:\n  name: Ana Ruiz\n  role: Correspondent\n  roles: { fr: Correspondante }\n";
        let list = authors::parse(text, Path::new("content/authors.yaml"), &["en", "fr"]).unwrap();
        let (site, problems) = site.with_authors(list);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(site.authors[0].articles.is_empty(), "the test site's articles name no author");
        let french = Route::Author(LanguageId(1), AuthorId(0));
        assert_eq!(site.routes.url(french), "/fr/authors/ana/");
        let context = context_of(&site, french);
        let role = context.get("author").and_then(|a| a.get_from_path("role")).and_then(|r| r.as_str());
        assert_eq!(role, Some("Correspondante"));
        assert!(super::reads(&site, LanguageId(1), AuthorId(0)).articles.ids(&site).is_empty());
    }
}
