//! A term's page in a language: its description and the timeline of its stories.

use serde::Serialize;

use super::measure::{MeasureRow, day, row, value_label};
use super::{Listed, Reads, Setting, parts, string_map};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::{Link, term_name, timeline};
use crate::route::{LanguageId, MeasureId, Period, Route, TaxonomyId, TermId};
use crate::site::Site;
use crate::site::actors::{Facts, actors_where, find_term, related_actors};

/// What `term.html` sees of a term entities.yaml gives facts of, as `actor`.
#[derive(Serialize)]
struct ActorView<'a> {
    kind: &'static str,
    kind_label: &'a str,
    country: Option<Link<'a>>,
    parent: Option<Link<'a>>,
    /// The organizations it owns (`parent:` names it).
    owns: Vec<Link<'a>>,
    /// The actors based in it, for a place (`country:` names it).
    based_here: Vec<Link<'a>>,
    /// "Entity List since 16 May 2019".
    listed: Vec<String>,
    /// The actors its stories name most often beside it, with how often.
    related: Vec<Related<'a>>,
    /// The measures it issued, or whose jurisdiction it is.
    measures: Vec<MeasureRow<'a>>,
    /// Whether most of the language's stories name it: its page then shows its
    /// measures and actors before its stories, which say little of it on their own.
    broad: bool,
    feed_url: String,
}

/// An actor named beside another, and in how many stories.
#[derive(Serialize)]
struct Related<'a> {
    #[serde(flatten)]
    link: Link<'a>,
    count: usize,
}

/// The link to the actor `(t, term)` on pages of `lang`.
fn actor_link(site: &Site, lang: LanguageId, (t, term): (TaxonomyId, TermId)) -> Link<'_> {
    let code = &site.config.languages[lang].code;
    Link {
        name: term_name(&site.taxonomies[t].terms[term], code, site),
        lang: code,
        url: site.routes.url(Route::Term(lang, t, term)),
    }
}

fn actor_view<'a>(
    site: &'a Site,
    on: &Setting<'a>,
    (t, index): (TaxonomyId, TermId),
    facts: &'a Facts,
) -> ActorView<'a> {
    let term = &site.taxonomies[t].terms[index];
    let name = term.name.as_str();
    let taxonomy = site.taxonomies[t].name.as_str();
    let link = |found: Option<(TaxonomyId, TermId)>| found.map(|actor| actor_link(site, on.lang, actor));
    let country = facts.country.as_ref().and_then(|(country, tax)| link(find_term(site, tax, country)));
    let parent = facts.parent.as_deref().and_then(|parent| link(find_term(site, taxonomy, parent)));
    let owns = actors_where(site, |f| f.parent.as_deref() == Some(name));
    let based_here = actors_where(site, |f| f.country.as_ref().is_some_and(|(c, _)| c == name));
    let listing = term.listing(on.lang);
    let since = on.locale.label("listed_since");
    let listed = (facts.listed.iter())
        .map(|l| since.replace("{list}", &l.list).replace("{date}", &day(on.locale, l.since)))
        .collect();
    // A place's measures are its own; an organization's are those it issued and those
    // its stories report (the listing of a company, a rule on its products).
    let mut reported_here = vec![false; site.measures.len()];
    if !facts.is_place() {
        for &id in listing {
            for &m in &site.article_measures[id] {
                reported_here[m] = true;
            }
        }
    }
    let measures = (site.measures.iter().enumerate())
        .filter(|&(m, measure)| measure.jurisdiction == name || measure.issued_by == name || reported_here[m])
        .map(|(m, _)| row(site, on.locale, on.lang, MeasureId(m)))
        .collect();
    ActorView {
        kind: facts.kind,
        kind_label: value_label(on.locale, "actor_kind", facts.kind),
        country,
        parent,
        owns: owns.into_iter().map(|actor| actor_link(site, on.lang, actor)).collect(),
        based_here: based_here.into_iter().map(|actor| actor_link(site, on.lang, actor)).collect(),
        listed,
        related: (related_actors(site, (t, index), listing).into_iter())
            .map(|(actor, count)| Related { link: actor_link(site, on.lang, actor), count })
            .collect(),
        measures,
        broad: listing.len() * 2 > site.listed_in(on.lang).len(),
        feed_url: site.routes.url(Route::ActorFeed(on.lang, t, index)),
    }
}

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    (t, index): (TaxonomyId, TermId),
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let taxonomy = &site.taxonomies[t];
    let term = &taxonomy.terms[index];
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
    let mut meta = renderer.meta(route, &page_title, &meta_description);
    if term.facts.is_some() {
        meta.feed_url = Some(site.routes.url(Route::ActorFeed(on.lang, t, index)));
    }
    let mut context = renderer.base_context(on.language, meta, hashed);
    if let Some(facts) = &term.facts {
        context.insert("actor", &actor_view(site, on, (t, index), facts));
    }
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
    context.insert("timeline", &timeline(site.timeline(&shown), on.language, &renderer.summaries()));
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
    Reads { articles: Listed::Some(parts::shown(site, site.taxonomies[t].terms[index].listing(lang), period)) }
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
