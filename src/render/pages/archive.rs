//! The archive of a language: every story it lists, by year and month; past
//! `timeline_limit:` stories, its parts (`/archive/2024/`).

use std::borrow::Cow;

use super::{Listed, Reads, Setting, parts};
use crate::render::Renderer;
use crate::render::fingerprint::PageContext;
use crate::render::views::timeline;
use crate::route::{LanguageId, Period, Route};
use crate::site::Site;

pub(super) fn context(renderer: &Renderer<'_>, on: &Setting<'_>, route: Route, hashed: bool) -> PageContext {
    let site = renderer.site;
    let period = parts::period_of(route);
    let title = match period {
        Some(period) => format!("{} · {}", on.locale.label("archive"), parts::name(on.locale, period)),
        None => on.locale.label("archive").to_owned(),
    };
    let meta = renderer.meta(route, &title, &on.edition.description);
    let mut context = renderer.base_context(on.language, meta, hashed);
    let all = site.listed_in(on.lang);
    let shown = parts::shown(site, &all, period);
    context.insert("timeline", &timeline(site.timeline(&shown), on.language, &renderer.summaries()));
    let first = Route::Archive(on.lang);
    let links = parts::links(site, on.locale, &all, first, |p| Route::ArchivePeriod(on.lang, p), route);
    context.insert("timeline_parts", &links);
    context
}

/// Every article, for an archive on one page; the stories its part shows, for a long one.
pub(super) fn reads(site: &Site, lang: LanguageId, period: Option<Period>) -> Reads<'static> {
    let all = site.listed_in(lang);
    if all.len() <= site.config.timeline_limit {
        return Reads { articles: Listed::All };
    }
    Reads { articles: Listed::Some(Cow::Owned(site.shown_in(&all, period))) }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{context_of, site};
    use crate::route::{LanguageId, Period, Route};

    #[test]
    fn a_long_archive_shows_its_newest_year_and_links_its_parts() {
        // Three stories of 2025, at most two a page: the months of 2025 are its parts.
        let site = site("timeline_limit: 2\n");
        let lang = LanguageId::DEFAULT;
        let context = context_of(&site, Route::Archive(lang));
        let parts = context.get("timeline_parts").and_then(|p| p.as_array()).unwrap().to_vec();
        let urls: Vec<&str> = parts.iter().filter_map(|p| p.get_from_path("url").and_then(|u| u.as_str())).collect();
        assert_eq!(urls, ["/archive/", "/archive/2025/", "/archive/2025/02/", "/archive/2025/01/"]);
        let march = Route::ArchivePeriod(lang, Period { year: 2025, month: Some(2) });
        assert_eq!(super::reads(&site, lang, Some(Period { year: 2025, month: Some(2) })).articles.ids(&site).len(), 1);
        let context = context_of(&site, march);
        let title = context.get("page").and_then(|p| p.get_from_path("title")).and_then(|t| t.as_str());
        assert_eq!(title, Some("Archive · February 2025"));
        assert!(site.period_routes().contains(&march));
    }
}
