//! A measure's page in a language: what it is, who issued it where, its status, its
//! timeline (its own dates and the stories that report it) and its primary document.
//! Also the row a measure is in lists (the tracker, an actor's page, an article).

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use serde_json::json;
use tera::Value;

use super::{Listed, Reads, Setting};
use crate::i18n::Locale;
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::structured;
use crate::render::views::{Link, term_name};
use crate::route::{LanguageId, MeasureId, Route};
use crate::site::actors::find_term_anywhere;
use crate::site::measures::Measure;
use crate::site::{ArticleId, Site};

/// A measure as one row of a list.
#[derive(Serialize)]
pub(super) struct MeasureRow<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) kind: &'static str,
    pub(super) kind_label: &'a str,
    pub(super) status: &'static str,
    pub(super) status_label: &'a str,
    pub(super) jurisdiction: Link<'a>,
    /// The jurisdiction's slug, which the tracker's filters match.
    pub(super) jurisdiction_key: String,
    pub(super) issued_by: Link<'a>,
    /// The day it took effect, else the day it was announced.
    pub(super) date: Option<String>,
    pub(super) date_display: Option<String>,
}

/// One dated event of a measure's timeline: one of its own dates, or a story reporting it.
#[derive(Serialize)]
struct Event<'a> {
    date: String,
    date_display: String,
    /// "Took effect", "Amended"; empty for a story.
    label: &'a str,
    story: Option<Value>,
}

/// What `measure.html` sees of the measure as `measure`.
#[derive(Serialize)]
struct MeasureView<'a> {
    #[serde(flatten)]
    row: MeasureRow<'a>,
    summary: &'a str,
    document: &'a str,
    /// The document's host, which the link shows.
    document_host: &'a str,
    superseded_by: Option<Link<'a>>,
    /// The measures it replaced.
    supersedes: Vec<Link<'a>>,
}

/// A day as a reader of `locale`'s language writes it ("16 May 2019", "16 mai 2019").
pub(super) fn day(locale: &Locale, date: NaiveDate) -> String {
    locale.date(&midnight(date))
}

fn midnight(date: NaiveDate) -> DateTime<FixedOffset> {
    date.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().fixed_offset()
}

/// A label of the interface for a value of a closed list (`measure_status_in_force`).
pub(super) fn value_label<'l>(locale: &'l Locale, prefix: &str, value: &str) -> &'l str {
    locale.label(&format!("{prefix}_{}", value.replace('-', "_")))
}

/// An entity's name in the page's language and its page, when an article carries it.
pub(super) fn entity_link<'s>(site: &'s Site, lang: LanguageId, name: &'s str) -> Link<'s> {
    let code = &site.config.languages[lang].code;
    match find_term_anywhere(site, name) {
        Some((t, term)) => Link {
            name: term_name(&site.taxonomies[t].terms[term], code, site),
            lang: code,
            url: site.routes.url(Route::Term(lang, t, term)),
        },
        None => Link { name, lang: &site.config.language, url: String::new() },
    }
}

/// The row of measure `m` in lists of the language `lang`.
pub(super) fn row<'s>(site: &'s Site, locale: &'s Locale, lang: LanguageId, m: MeasureId) -> MeasureRow<'s> {
    let measure = &site.measures[m];
    let code = &site.config.languages[lang].code;
    let date = measure.in_force.or(measure.announced);
    MeasureRow {
        id: &measure.id,
        title: measure.title_in(code),
        url: site.routes.url(Route::Measure(lang, m)),
        kind: measure.kind,
        kind_label: value_label(locale, "measure_kind", measure.kind),
        status: measure.status,
        status_label: value_label(locale, "measure_status", measure.status),
        jurisdiction: entity_link(site, lang, &measure.jurisdiction),
        jurisdiction_key: slug::slugify(&measure.jurisdiction),
        issued_by: entity_link(site, lang, &measure.issued_by),
        date: date.map(|d| d.to_string()),
        date_display: date.map(|d| day(locale, d)),
    }
}

pub(super) fn context(
    renderer: &Renderer<'_>,
    on: &Setting<'_>,
    route: Route,
    m: MeasureId,
    hashed: bool,
) -> PageContext {
    let site = renderer.site;
    let measure = &site.measures[m];
    let code = on.edition.code.as_str();
    let title = measure.title_in(code);
    let summary = measure.summary_in(code);
    let meta = renderer.meta(route, title, if summary.is_empty() { title } else { summary });
    let mut context = renderer.base_context(on.language, meta, hashed);
    let link_to = |id: &str| {
        let other = site.measure(id)?;
        Some(Link {
            name: site.measures[other].title_in(code),
            lang: code,
            url: site.routes.url(Route::Measure(on.lang, MeasureId(other))),
        })
    };
    let supersedes = (site.measures.iter())
        .filter(|other| other.superseded_by.as_deref() == Some(measure.id.as_str()))
        .filter_map(|other| link_to(&other.id))
        .collect();
    let view = MeasureView {
        row: row(site, on.locale, on.lang, m),
        summary,
        document: &measure.document,
        document_host: measure.document.split('/').nth(2).unwrap_or(&measure.document),
        superseded_by: measure.superseded_by.as_deref().and_then(link_to),
        supersedes,
    };
    context.insert("measure", &view);
    context.insert("events", &events(renderer, on, measure));
    context.insert("tracker_url", &site.routes.url(Route::MeasureIndex(on.lang)));
    if let Some(json_ld) = json_ld(site, on.lang, m) {
        context.insert("json_ld", &Value::safe_string(&json_ld));
    }
    context
}

/// The measure's dates and the stories that report it, oldest first.
fn events<'a>(renderer: &Renderer<'a>, on: &Setting<'a>, measure: &Measure) -> Vec<Event<'a>> {
    let locale = on.locale;
    let own = [("measure_announced", measure.announced), ("measure_in_force", measure.in_force)]
        .into_iter()
        .chain(measure.amended.iter().map(|&date| ("measure_amended", Some(date))))
        .chain([("measure_rescinded", measure.rescinded)]);
    let mut dated: Vec<(DateTime<FixedOffset>, Event<'a>)> = own
        .filter_map(|(key, date)| {
            let date = date?;
            let event = Event {
                date: date.to_string(),
                date_display: day(locale, date),
                label: locale.label(key),
                story: None,
            };
            Some((midnight(date), event))
        })
        .collect();
    let site = renderer.site;
    for &id in measure.listings[on.lang].iter().rev() {
        let article = &site.articles[id];
        let event = Event {
            date: article.date.to_rfc3339(),
            date_display: locale.date(&article.date),
            label: "",
            story: Some(renderer.summaries().get(on.language, id)),
        };
        dated.push((article.date, event));
    }
    // The measure's own event comes before a story of the same day, which reports it.
    dated.sort_by_key(|(date, event)| (*date, event.story.is_some()));
    dated.into_iter().map(|(_, event)| event).collect()
}

/// schema.org's `Legislation` for a measure that is one (a rule, a law, an order, a
/// sanction, a listing); a court's order is not legislation, and gets none.
fn json_ld(site: &Site, lang: LanguageId, m: MeasureId) -> Option<String> {
    let measure = &site.measures[m];
    if measure.kind == "court-order" {
        return None;
    }
    let code = &site.config.languages[lang].code;
    let force = match measure.status {
        "in-force" => "https://schema.org/InForce",
        _ => "https://schema.org/NotInForce",
    };
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": measure.title_in(code),
        "url": site.routes.permalink(Route::Measure(lang, m)),
        "inLanguage": code,
        "legislationJurisdiction": measure.jurisdiction,
        "legislationPassedBy": { "@type": "Organization", "name": measure.issued_by },
        "legislationLegalForce": force,
    });
    let summary = measure.summary_in(code);
    if !summary.is_empty() {
        value["description"] = json!(summary);
    }
    if let Some(date) = measure.announced.or(measure.in_force) {
        value["legislationDate"] = json!(date.to_string());
    }
    if let Some(date) = measure.in_force {
        value["temporalCoverage"] =
            json!(format!("{date}/{}", measure.rescinded.map(|d| d.to_string()).unwrap_or_else(|| "..".into())));
    }
    if !measure.document.is_empty() {
        value["sameAs"] = json!(measure.document);
    }
    let stories: Vec<serde_json::Value> = (measure.listings[lang].iter())
        .map(|&id| json!({ "@type": "NewsArticle", "headline": site.articles[id].title, "url": site.routes.permalink(Route::Article(id)) }))
        .collect();
    if !stories.is_empty() {
        value["subjectOf"] = json!(stories);
    }
    Some(structured::script_text(&value))
}

/// The stories that report the measure in the language.
pub(super) fn reads(site: &Site, lang: LanguageId, m: MeasureId) -> Reads<'_> {
    Reads { articles: Listed::Some(Cow::Borrowed(&site.measures[m].listings[lang])) }
}

/// The measures an article reports, as its page lists them.
pub(super) fn of_article<'s>(site: &'s Site, locale: &'s Locale, id: ArticleId) -> Vec<MeasureRow<'s>> {
    let lang = site.article_languages[id];
    site.article_measures[id].iter().map(|&m| row(site, locale, lang, m)).collect()
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::Path;

    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, MeasureId, Route};
    use crate::site::{Entities, Site, measures};

    /// The test site with one measure that article `a` reports, its jurisdiction an entity.
    pub(in super::super) fn with_a_measure(extra: &str) -> Site {
        let site = site(extra);
        let entities = Entities::parse(
            "tags:\n  United States: {}\n  BIS: {}\n",
            Path::new("content/entities.yaml"),
            &["tags".to_owned()],
            &["en", "fr"],
        )
        .unwrap();
        let text = "entity-list:\n  title: On the list\n  titles: { fr: Sur la liste }\n  kind: listing\n  jurisdiction: united states\n  issued_by: BIS\n  announced: 2019-05-15\n  in_force: 2019-05-16\n  status: in-force\n  document: https://example.org/rule\n  reported_in: [a]\n";
        let list = measures::parse(text, Path::new("content/measures.yaml"), &["en", "fr"]).unwrap();
        let (site, problems) = site.with_measures(list, &entities);
        assert!(problems.is_empty(), "{problems:?}");
        site
    }

    #[test]
    fn shows_its_timeline_in_the_language_with_the_stories_that_report_it() {
        let site = with_a_measure("languages:\n  - code: en\n  - code: fr\n");
        assert_eq!(site.measures[0].jurisdiction, "United States", "names resolve to the entity's");
        let french = Route::Measure(LanguageId(1), MeasureId(0));
        assert_eq!(site.routes.url(french), "/fr/measures/entity-list/");
        let context = context_of(&site, french);
        let title = context.get("measure").and_then(|m| m.get_from_path("title")).and_then(|t| t.as_str());
        assert_eq!(title, Some("Sur la liste"));
        let events = context.get("events").and_then(|e| e.as_array()).unwrap();
        assert_eq!(events.len(), 3, "announced, in force, one story: {events:?}");
        assert!(events[2].get_from_path("story.title").is_some());
        let json_ld = context.get("json_ld").and_then(|j| j.as_str()).unwrap();
        assert!(json_ld.contains("\"@type\":\"Legislation\"") && json_ld.contains("InForce"), "{json_ld}");
        assert_eq!(super::reads(&site, LanguageId(1), MeasureId(0)).articles.ids(&site).len(), 1);
    }
}
