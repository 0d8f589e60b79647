//! A taxonomy's index in a language: every term, with its count.

use super::{Listed, Reads, Setting, string_map};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::{TermView, term_name};
use crate::route::{LanguageId, Route, TaxonomyId, TermId};

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    t: TaxonomyId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let taxonomy = &site.taxonomies[t];
    let title = on.locale.taxonomy(&taxonomy.name);
    let meta = renderer.meta(route, &title, &on.edition.description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    let mut terms: Vec<TermView<'_>> = taxonomy
        .terms
        .iter()
        .enumerate()
        .map(|(index, term)| TermView {
            name: term_name(term, &on.edition.code, site),
            url: site.routes.url(Route::Term(on.lang, t, TermId(index))),
            count: term.listing(on.lang).len(),
        })
        .collect();
    // Terms are sorted by their names; in another language, by their names in it.
    if on.lang != LanguageId::DEFAULT {
        terms.sort_by_cached_key(|term| crate::search::fold::sort_key(term.name));
    }
    context.insert("taxonomy", &string_map(&[("name", &taxonomy.name), ("title", &title)]));
    context.insert("terms", &terms);
    context
}

/// Every article: each term shows its count.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::All }
}
