//! Actors: what `entities.yaml` says of an organization or a region besides its names
//! (`kind:`, `country:`, `parent:`, `listed:`), and who appears with whom in the stories.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{ArticleId, Site};
use crate::route::{TaxonomyId, TermId};

/// The kinds of actor `kind:` may give; each has its label (`actor_kind_<kind>`, `-` as `_`).
pub const ACTOR_KINDS: &[&str] =
    &["company", "investor", "regulator", "agency", "court", "government", "legislature", "country", "bloc"];

/// How many related actors an actor's page names.
pub const RELATED_ACTORS: usize = 8;

/// A listing as written: `{ list: Entity List, since: 2019-05-16 }`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawListing {
    #[serde(default)]
    pub(super) list: String,
    #[serde(default)]
    pub(super) since: String,
}

/// An actor's place on a list kept by a government (the US Entity List), from a day on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub list: String,
    pub since: NaiveDate,
}

/// The facts of an actor, their names resolved to canonical ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// One of `ACTOR_KINDS`.
    pub kind: &'static str,
    /// The canonical name of the region it belongs to, and that region's taxonomy.
    pub country: Option<(String, String)>,
    /// The canonical name of the organization that owns it, in its own taxonomy.
    pub parent: Option<String>,
    pub listed: Vec<Listing>,
}

impl Facts {
    /// Whether the actor is a place (a country, a bloc) rather than an organization.
    pub fn is_place(&self) -> bool {
        matches!(self.kind, "country" | "bloc")
    }
}

/// The terms entities.yaml gives facts of, in taxonomy and term order: the actors.
pub fn actor_terms(taxonomies: &[super::Taxonomy]) -> Vec<(TaxonomyId, TermId)> {
    let mut found = Vec::new();
    for (t, taxonomy) in taxonomies.iter().enumerate() {
        let actors = taxonomy.terms.iter().enumerate().filter(|(_, term)| term.facts.is_some());
        found.extend(actors.map(|(index, _)| (TaxonomyId(t), TermId(index))));
    }
    found
}

/// The term named `name` in the taxonomy called `taxonomy`, if an article carries it.
pub fn find_term(site: &Site, taxonomy: &str, name: &str) -> Option<(TaxonomyId, TermId)> {
    let t = site.taxonomies.iter().position(|tax| tax.name == taxonomy)?;
    let term = site.taxonomies[t].terms.iter().position(|term| term.name == name)?;
    Some((TaxonomyId(t), TermId(term)))
}

/// The term named `name` in any taxonomy (a jurisdiction, an issuing body).
pub fn find_term_anywhere(site: &Site, name: &str) -> Option<(TaxonomyId, TermId)> {
    site.taxonomies.iter().enumerate().find_map(|(t, tax)| {
        tax.terms.iter().position(|term| term.name == name).map(|term| (TaxonomyId(t), TermId(term)))
    })
}

/// The actors (terms with facts) that appear in the stories of `articles` most often
/// beside `actor`, most often first (ties by name), at most `RELATED_ACTORS`.
pub fn related_actors(
    site: &Site,
    actor: (TaxonomyId, TermId),
    articles: &[ArticleId],
) -> Vec<((TaxonomyId, TermId), usize)> {
    let mut counts: HashMap<(TaxonomyId, TermId), usize> = HashMap::new();
    for &id in articles {
        for (t, terms) in site.article_terms[id].iter().enumerate() {
            let t = TaxonomyId(t);
            for &term in terms {
                if (t, term) != actor && site.taxonomies[t].terms[term].facts.is_some() {
                    *counts.entry((t, term)).or_default() += 1;
                }
            }
        }
    }
    let mut ranked: Vec<((TaxonomyId, TermId), usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| {
        let name = |(t, term): (TaxonomyId, TermId)| site.taxonomies[t].terms[term].name.to_lowercase();
        b.1.cmp(&a.1).then_with(|| name(a.0).cmp(&name(b.0)))
    });
    ranked.truncate(RELATED_ACTORS);
    ranked
}

/// The actors whose facts say `of_it` (based in a country, owned by a parent).
pub fn actors_where(site: &Site, of_it: impl Fn(&Facts) -> bool) -> Vec<(TaxonomyId, TermId)> {
    let actors = actor_terms(&site.taxonomies).into_iter();
    actors.filter(|&(t, term)| site.taxonomies[t].terms[term].facts.as_ref().is_some_and(&of_it)).collect()
}
