//! A term's page in a language: its description and the timeline of its stories.

use super::{Listed, Reads, Setting, parts, string_map};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::{term_name, timeline};
use crate::route::{LanguageId, Period, Route, TaxonomyId, TermId};
use crate::site::Site;

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    (t, index): (TaxonomyId, TermId),
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let taxonomy = &site.taxonomies[t.0];
    let term = &taxonomy.terms[index.0];
    let name = term_name(term, &on.edition.code, site);
    let articles = term.listing(on.lang);
    let title = on.locale.taxonomy(&taxonomy.name);
    // In the page's language, else in the default one (marked with `lang`).
    let (description, description_lang) =
        term.description_in(&on.edition.code, &site.config.language).unwrap_or(("", ""));
    let meta_description = if description.is_empty() { format!("{title}: {name}") } else { description.to_owned() };
    let period = parts::period_of(route);
    let page_title = match period {
        Some(period) => format!("{name} · {}", parts::name(on.locale, period)),
        None => name.to_owned(),
    };
    let meta = renderer.meta(route, &page_title, &meta_description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    let index_url = site.routes.url(Route::TaxonomyIndex(on.lang, t));
    context.insert("taxonomy", &string_map(&[("name", &taxonomy.name), ("title", &title), ("url", &index_url)]));
    context.insert(
        "term",
        &string_map(&[
            ("name", name),
            ("description", description),
            ("description_lang", description_lang),
            ("count_display", &on.locale.article_count(articles.len())),
        ]),
    );
    let shown = parts::shown(site, articles, period);
    context.insert("timeline", &timeline(site.timeline(&shown), on.language, &renderer.summaries));
    let first = Route::Term(on.lang, t, index);
    let links = parts::links(site, on.locale, articles, first, |p| Route::TermPeriod(on.lang, t, index, p), route);
    context.insert("timeline_parts", &links);
    context
}

/// The stories the term's page (or the part of its timeline) shows in the language.
pub(super) fn reads(
    site: &Site,
    lang: LanguageId,
    (t, index): (TaxonomyId, TermId),
    period: Option<Period>,
) -> Reads<'_> {
    Reads { articles: Listed::Some(parts::shown(site, site.taxonomies[t.0].terms[index.0].listing(lang), period)) }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, Route, TaxonomyId, TermId};

    #[test]
    fn names_the_term_and_counts_its_stories() {
        let site = site("");
        let route = Route::Term(LanguageId::DEFAULT, TaxonomyId(0), TermId(0));
        let context = context_of(&site, route);
        let term = &site.taxonomies[0].terms[0];
        let name = context.get("term").and_then(|t| t.get_from_path("name")).and_then(|n| n.as_str());
        assert_eq!(name, Some(term.name.as_str()));
        let reads = super::reads(&site, LanguageId::DEFAULT, (TaxonomyId(0), TermId(0)), None);
        assert_eq!(reads.articles.ids(&site).len(), term.listing(LanguageId::DEFAULT).len());
    }
}
