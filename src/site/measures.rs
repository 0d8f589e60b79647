//! `content/measures.yaml`: the measures the briefings report (export-control rules, laws,
//! court orders, sanctions), by id, with their dates, status and primary document.
//!
//! One file rather than one per measure: a measure is a short record that reads best
//! beside the others it amends or supersedes, like the entities and authors files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use super::{ArticleId, Entities, Site, authors};
use crate::content::is_valid_slug;
use crate::diagnostic::Diagnostic;
use crate::i18n::canonical_language;
use crate::route::MeasureId;
use crate::yaml::{self, Document};

/// What a measure may be; each has its label (`measure_kind_<kind>`, `-` as `_`).
pub const MEASURE_KINDS: &[&str] = &["rule", "law", "executive-order", "court-order", "sanction", "listing"];

/// Where a measure stands; each has its label (`measure_status_<status>`, `-` as `_`).
pub const MEASURE_STATUSES: &[&str] = &["announced", "in-force", "suspended", "rescinded", "superseded"];

/// The fields of a measure, for "did you mean".
const MEASURE_FIELDS: &[&str] = &[
    "title",
    "titles",
    "summary",
    "summaries",
    "kind",
    "jurisdiction",
    "issued_by",
    "announced",
    "in_force",
    "amended",
    "rescinded",
    "superseded_by",
    "status",
    "document",
    "reported_in",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    #[serde(deserialize_with = "yaml::required_text")]
    title: String,
    #[serde(default)]
    titles: BTreeMap<String, String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    summaries: BTreeMap<String, String>,
    #[serde(deserialize_with = "yaml::required_text")]
    kind: String,
    #[serde(deserialize_with = "yaml::required_text")]
    jurisdiction: String,
    #[serde(deserialize_with = "yaml::required_text")]
    issued_by: String,
    #[serde(default)]
    announced: Option<String>,
    #[serde(default)]
    in_force: Option<String>,
    #[serde(default)]
    amended: Vec<String>,
    #[serde(default)]
    rescinded: Option<String>,
    #[serde(default)]
    superseded_by: Option<String>,
    #[serde(deserialize_with = "yaml::required_text")]
    status: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    reported_in: Vec<String>,
}

/// One measure: what `measures.yaml` says of it, and the articles that report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// Its page's address (`/measures/<id>/`), and what `superseded_by:` names it with.
    pub id: String,
    pub title: String,
    pub titles: BTreeMap<String, String>,
    pub summary: String,
    pub summaries: BTreeMap<String, String>,
    /// One of `MEASURE_KINDS`.
    pub kind: &'static str,
    /// The canonical name of the entity (a region) whose measure it is.
    pub jurisdiction: String,
    /// The canonical name of the entity (a body) that issued it.
    pub issued_by: String,
    pub announced: Option<NaiveDate>,
    pub in_force: Option<NaiveDate>,
    pub amended: Vec<NaiveDate>,
    pub rescinded: Option<NaiveDate>,
    /// The id of the measure that replaced it.
    pub superseded_by: Option<String>,
    /// One of `MEASURE_STATUSES`.
    pub status: &'static str,
    /// The primary document's URL (the rule, the law, the order).
    pub document: String,
    /// The slugs of the stories that report it, as written, with where each is written.
    pub reported_in: Vec<(String, (usize, usize))>,
    /// Where `jurisdiction:` and `issued_by:` are written, for problems found later.
    positions: [(usize, usize); 2],
    path: PathBuf,
    /// Every version of every story that reports it, newest first (`Site::with_measures`).
    pub articles: Vec<ArticleId>,
    /// Per language of the site: those stories as its listings show them.
    pub listings: Vec<Vec<ArticleId>>,
}

impl Measure {
    /// Its title in the language `code`, else in the default language.
    pub fn title_in(&self, code: &str) -> &str {
        self.titles.get(code).map_or(&self.title, String::as_str)
    }

    /// Its summary in the language `code`, else in the default language.
    pub fn summary_in(&self, code: &str) -> &str {
        self.summaries.get(code).map_or(&self.summary, String::as_str)
    }

    /// The latest of its dates, which orders the tracker (newest first).
    pub fn latest_date(&self) -> Option<NaiveDate> {
        let dates = [self.announced, self.in_force, self.rescinded].into_iter().flatten();
        dates.chain(self.amended.iter().copied()).max()
    }

    /// Whether it is in force today, as its status says.
    pub fn is_in_force(&self) -> bool {
        self.status == "in-force"
    }
}

/// Parses `measures.yaml`, by id; `languages`: the codes of the site's languages, which
/// `titles:` and `summaries:` are given in.
pub fn parse(text: &str, path: &Path, languages: &[&str]) -> Result<Vec<Measure>, Vec<Diagnostic>> {
    let document = Document::file(text);
    let raw: BTreeMap<String, RawMeasure> = if document.text.trim().is_empty() {
        BTreeMap::new()
    } else {
        yaml::parse(&document, MEASURE_FIELDS).map_err(|error| vec![error.in_file(path)])?
    };
    let ids: Vec<&str> = raw.keys().map(String::as_str).collect();
    let mut problems = Vec::new();
    let mut measures = Vec::with_capacity(raw.len());
    for (id, raw) in &raw {
        let position = |needles: &[&str]| {
            let entry = yaml::locate(&document, id, None);
            yaml::locate_after(&document, entry, needles).unwrap_or(entry)
        };
        let mut at = |needles: &[&str], message: String| {
            let (line, column) = position(needles);
            problems.push(Diagnostic::new(path, line, column, message));
        };
        if !is_valid_slug(id) {
            at(
                &[],
                format!(
                    "measure id `{id}` is not allowed: it is its page's address, so lowercase letters, digits and `-` (e.g. `{}`)",
                    slug::slugify(id)
                ),
            );
            continue;
        }
        let kind = MEASURE_KINDS.iter().find(|k| **k == raw.kind).copied();
        if kind.is_none() {
            at(&["kind", &raw.kind], yaml::unknown("kind", &raw.kind, MEASURE_KINDS));
        }
        let status = MEASURE_STATUSES.iter().find(|s| **s == raw.status).copied();
        if status.is_none() {
            at(&["status", &raw.status], yaml::unknown("status", &raw.status, MEASURE_STATUSES));
        }
        let mut date = |field: &str, written: &str| match NaiveDate::parse_from_str(written.trim(), "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                at(&[field, written], format!("`{field}: {written}` of `{id}` is not a date: write it as YYYY-MM-DD"));
                None
            }
        };
        let announced = raw.announced.as_deref().and_then(|d| date("announced", d));
        let in_force = raw.in_force.as_deref().and_then(|d| date("in_force", d));
        let rescinded = raw.rescinded.as_deref().and_then(|d| date("rescinded", d));
        let mut amended: Vec<NaiveDate> = raw.amended.iter().filter_map(|d| date("amended", d)).collect();
        amended.sort_unstable();
        if let Some(successor) = &raw.superseded_by
            && !ids.contains(&successor.as_str())
        {
            at(&["superseded_by", successor], yaml::unknown("measure", successor, &ids));
        }
        if raw.superseded_by.as_deref() == Some(id.as_str()) {
            at(&["superseded_by"], format!("`{id}` cannot supersede itself"));
        }
        // A status that its dates do not bear out is a slip a reader would trust.
        let needs = match status {
            Some("in-force") if raw.in_force.is_none() => Some(("in_force", "the day it took effect")),
            Some("rescinded") if raw.rescinded.is_none() => Some(("rescinded", "the day it was rescinded")),
            Some("superseded") if raw.superseded_by.is_none() => {
                Some(("superseded_by", "the measure that replaced it"))
            }
            _ => None,
        };
        if let Some((field, what)) = needs {
            let status = status.unwrap_or_default();
            at(&["status"], format!("`{id}` is `{status}` but has no `{field}:`: give {what}"));
        }
        if let (Some(first), Some(then)) = (announced, in_force)
            && then < first
        {
            at(&["in_force"], format!("`{id}` takes effect on {then}, before it was announced on {first}"));
        }
        if let (Some(start), Some(end)) = (in_force.or(announced), rescinded)
            && end < start
        {
            at(&["rescinded"], format!("`{id}` is rescinded on {end}, before {start}"));
        }
        if !(raw.document.is_empty() || raw.document.starts_with("https://") || raw.document.starts_with("http://")) {
            at(&["document"], format!("the document `{}` of `{id}` must start with https:// or http://", raw.document));
        }
        let mut per_language = |field: &str, written: &BTreeMap<String, String>| {
            let mut kept = BTreeMap::new();
            for (code, text) in written {
                let lower = canonical_language(code);
                if languages.contains(&lower.as_str()) {
                    kept.insert(lower, text.trim().to_owned());
                } else {
                    at(&[field, &format!("{code}:")], yaml::unknown("language", code, languages));
                }
            }
            kept
        };
        let titles = per_language("titles", &raw.titles);
        let summaries = per_language("summaries", &raw.summaries);
        let reported_in = raw.reported_in.iter().map(|slug| (slug.clone(), position(&["reported_in", slug]))).collect();
        let (Some(kind), Some(status)) = (kind, status) else { continue };
        measures.push(Measure {
            id: id.clone(),
            title: raw.title.trim().to_owned(),
            titles,
            summary: raw.summary.trim().to_owned(),
            summaries,
            kind,
            jurisdiction: raw.jurisdiction.trim().to_owned(),
            issued_by: raw.issued_by.trim().to_owned(),
            announced,
            in_force,
            amended,
            rescinded,
            superseded_by: raw.superseded_by.clone(),
            status,
            document: raw.document.clone(),
            reported_in,
            positions: [position(&["jurisdiction", &raw.jurisdiction]), position(&["issued_by", &raw.issued_by])],
            path: path.to_path_buf(),
            articles: Vec::new(),
            listings: Vec::new(),
        });
    }
    if problems.is_empty() { Ok(measures) } else { Err(problems) }
}

impl Site {
    /// The site with its measures, newest first, each with the stories that report it:
    /// their jurisdictions and issuing bodies resolved through `entities`, and the
    /// problems of names and slugs the site does not have.
    pub fn with_measures(mut self, mut measures: Vec<Measure>, entities: &Entities) -> (Site, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let by_slug: HashMap<&str, ArticleId> =
            self.articles.iter().enumerate().rev().map(|(id, a)| (a.slug.as_str(), ArticleId(id))).collect();
        let mut slugs: Vec<&str> = by_slug.keys().copied().collect();
        slugs.sort_unstable();
        let mut article_measures = vec![Vec::new(); self.articles.len()];
        measures.sort_by(|a, b| b.latest_date().cmp(&a.latest_date()).then_with(|| a.id.cmp(&b.id)));
        // Set in each language's typography, as articles are (French spaces, apostrophes).
        let interface = &self.config.interface;
        let typography = |code: &str| interface.get(interface.locale_for(code)).typography();
        for measure in &mut measures {
            let default = typography(&self.config.language);
            measure.title = default.text(&measure.title);
            measure.summary = default.text(&measure.summary);
            for (code, text) in measure.titles.iter_mut().chain(measure.summaries.iter_mut()) {
                *text = typography(code).text(text);
            }
        }
        for (index, measure) in measures.iter_mut().enumerate() {
            for (field, name, position) in [
                ("jurisdiction", &mut measure.jurisdiction, measure.positions[0]),
                ("issuing body", &mut measure.issued_by, measure.positions[1]),
            ] {
                match entities.find_anywhere(name) {
                    Some((canonical, _)) => *name = canonical,
                    None => problems.push(Diagnostic::new(
                        &measure.path,
                        position.0,
                        position.1,
                        entities.unknown_entity(field, name, None),
                    )),
                }
            }
            let mut articles = Vec::new();
            for (slug, (line, column)) in &measure.reported_in {
                match by_slug.get(slug.as_str()) {
                    Some(&id) => articles.extend(self.translations.versions[id].iter().copied()),
                    None => problems.push(Diagnostic::new(
                        &measure.path,
                        *line,
                        *column,
                        format!("{} (`reported_in:` names articles by slug)", yaml::unknown("article", slug, &slugs)),
                    )),
                }
            }
            articles.sort_unstable();
            articles.dedup();
            for &id in &articles {
                article_measures[id].push(MeasureId(index));
            }
            measure.listings = self.routes.languages().map(|lang| authors::listing(&self, &articles, lang)).collect();
            measure.articles = articles;
        }
        let routes = std::mem::take(&mut self.routes);
        self.routes = routes.with_measures(measures.iter().map(|measure| measure.id.as_str()));
        self.article_measures = article_measures;
        self.measures = measures;
        (self, problems)
    }

    /// The measure of id `id`.
    pub fn measure(&self, id: &str) -> Option<usize> {
        self.measures.iter().position(|measure| measure.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "entity-list-huawei:\n  title: Huawei on the Entity List\n  kind: listing\n  jurisdiction: United States\n  issued_by: BIS\n  announced: 2019-05-15\n  in_force: 2019-05-16\n  amended: [2020-08-17, 2020-05-15]\n  status: in-force\n  document: https://example.org/rule\n  titles: { fr: Huawei sur l'Entity List }\nai-diffusion:\n  title: AI diffusion rule\n  kind: rule\n  jurisdiction: United States\n  issued_by: BIS\n  announced: 2025-01-13\n  rescinded: 2025-05-13\n  status: rescinded\n";

    #[test]
    fn measures_have_their_dates_and_titles_per_language() {
        let measures = parse(TWO, Path::new("content/measures.yaml"), &["en", "fr"]).unwrap();
        let huawei = measures.iter().find(|m| m.id == "entity-list-huawei").unwrap();
        assert_eq!(huawei.title_in("fr"), "Huawei sur l'Entity List");
        assert_eq!(huawei.title_in("de"), "Huawei on the Entity List");
        assert_eq!(huawei.amended[0], NaiveDate::from_ymd_opt(2020, 5, 15).unwrap(), "amendments in date order");
        assert!(huawei.is_in_force());
        assert_eq!(huawei.latest_date(), NaiveDate::from_ymd_opt(2020, 8, 17));
    }

    #[test]
    fn mistakes_are_located_at_their_value() {
        let text = "us-rule:\n  title: A rule\n  kind: regulation\n  jurisdiction: US\n  issued_by: BIS\n  in_force: 2023-13-01\n  status: in-force\n  superseded_by: us-rul\n  document: www.example.org\n";
        let errors = parse(text, Path::new("m.yaml"), &["en"]).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "m.yaml:3:9: unknown kind `regulation`; known kinds: rule, law, executive-order, court-order, sanction, listing",
                "m.yaml:6:13: `in_force: 2023-13-01` of `us-rule` is not a date: write it as YYYY-MM-DD",
                "m.yaml:8:18: unknown measure `us-rul`; did you mean `us-rule`?",
                "m.yaml:9:3: the document `www.example.org` of `us-rule` must start with https:// or http://",
            ]
        );
        let misspelt = parse("x:\n  title: A\n  kind: law\n  jurisdiction: EU\n  issued_by: EU\n  status: announced\n  in_forse: 2024-01-01\n", Path::new("m.yaml"), &["en"]).unwrap_err();
        assert_eq!((misspelt[0].line, misspelt[0].to_string().contains("in_force")), (7, true), "{}", misspelt[0]);
    }

    #[test]
    fn a_status_needs_the_date_that_bears_it_out() {
        let text = "x:\n  title: A\n  kind: law\n  jurisdiction: EU\n  issued_by: EU\n  status: rescinded\n";
        let errors = parse(text, Path::new("m.yaml"), &["en"]).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "m.yaml:6:3: `x` is `rescinded` but has no `rescinded:`: give the day it was rescinded"
        );
    }
}
