//! The measure tracker of a language: every measure of `content/measures.yaml`, newest
//! first, with filters by jurisdiction and status that work without JavaScript (radio
//! buttons a stylesheet rule per value reads), set to show what is in force now.

use serde::Serialize;

use super::measure::{MeasureRow, row, value_label};
use super::{Listed, Reads, Setting};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::route::{MeasureId, Route};
use crate::site::measures::MEASURE_STATUSES;

/// One choice of a filter: a jurisdiction or a status, with how many measures it keeps.
#[derive(Serialize)]
struct Choice<'a> {
    /// What rows carry in `data-jurisdiction` or `data-status`.
    key: String,
    label: &'a str,
    count: usize,
    /// Whether the filter starts on it.
    checked: bool,
}

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let site = renderer.site;
    let rows: Vec<MeasureRow<'_>> =
        (0..site.measures.len()).map(|m| row(site, on.locale, on.lang, MeasureId(m))).collect();
    let title = on.locale.label("measures");
    let description = on.locale.label("measures_description");
    let meta = renderer.meta(route, title, description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    let in_force = rows.iter().filter(|r| r.status == "in-force").count();
    let mut jurisdictions: Vec<Choice<'_>> = Vec::new();
    for r in &rows {
        match jurisdictions.iter_mut().find(|c| c.key == r.jurisdiction_key) {
            Some(choice) => choice.count += 1,
            None => jurisdictions.push(Choice {
                key: r.jurisdiction_key.clone(),
                label: r.jurisdiction.name,
                count: 1,
                checked: false,
            }),
        }
    }
    jurisdictions.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(b.label)));
    let statuses: Vec<Choice<'_>> = MEASURE_STATUSES
        .iter()
        .map(|&status| Choice {
            key: status.to_owned(),
            label: value_label(on.locale, "measure_status", status),
            count: rows.iter().filter(|r| r.status == status).count(),
            // "What is in force now" is the question the page answers first.
            checked: status == "in-force" && in_force > 0,
        })
        .filter(|choice| choice.count > 0)
        .collect();
    context.insert("in_force_count", &in_force);
    context.insert("jurisdictions", &jurisdictions);
    context.insert("statuses", &statuses);
    context.insert("measures", &rows);
    context
}

/// The tracker lists measures, not stories.
pub(super) fn reads() -> Reads<'static> {
    Reads { articles: Listed::None }
}

#[cfg(test)]
mod tests {
    use super::super::measure::tests::with_a_measure;
    use super::super::tests::context_of;
    use crate::route::{LanguageId, Route};

    #[test]
    fn starts_on_what_is_in_force_and_offers_each_jurisdiction() {
        let site = with_a_measure("");
        let context = context_of(&site, Route::MeasureIndex(LanguageId::DEFAULT));
        assert_eq!(context.get("in_force_count").and_then(|c| c.as_u64()), Some(1));
        let statuses = context.get("statuses").and_then(|s| s.as_array()).unwrap();
        assert_eq!(statuses.len(), 1);
        assert_eq!(statuses[0].get_from_path("checked").and_then(|c| c.as_bool()), Some(true));
        let jurisdictions = context.get("jurisdictions").and_then(|j| j.as_array()).unwrap();
        assert_eq!(jurisdictions[0].get_from_path("key").and_then(|k| k.as_str()), Some("united-states"));
        assert!(site.routes.has(Route::MeasureIndex(LanguageId::DEFAULT)));
        assert!(!super::super::tests::site("").routes.has(Route::MeasureIndex(LanguageId::DEFAULT)));
    }
}
