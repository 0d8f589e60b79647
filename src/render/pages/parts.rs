//! What the pages of a long timeline share (`site::periods`): the stories each part shows,
//! the links between the parts, and a title that names the part.

use std::borrow::Cow;

use serde::Serialize;

use crate::i18n::Locale;
use crate::route::{Period, Route};
use crate::site::{ArticleId, Site};

/// A link to a part of a timeline, in the list every part shows.
#[derive(Serialize)]
pub(super) struct PartLink {
    name: String,
    url: String,
    current: bool,
}

/// The stories of `listing` the page of `period` shows (`None`: the listing's own page);
/// the whole listing, borrowed, when it fits on one page.
pub(super) fn shown<'s>(site: &Site, listing: &'s [ArticleId], period: Option<Period>) -> Cow<'s, [ArticleId]> {
    if listing.len() <= site.config.timeline_limit {
        return Cow::Borrowed(listing);
    }
    Cow::Owned(site.shown_in(listing, period))
}

/// A part's name: `2024`, or `May 2024`.
pub(super) fn name(locale: &Locale, period: Period) -> String {
    match period.month {
        Some(month) => format!("{} {}", locale.month_name(month), period.year),
        None => period.year.to_string(),
    }
}

/// The links to every part of a split timeline, its own page (`first`, the newest part)
/// first; none for a timeline on one page. `of` makes the route of a part, `current` is
/// the page's own.
pub(super) fn links(
    site: &Site,
    locale: &Locale,
    listing: &[ArticleId],
    first: Route,
    of: impl Fn(Period) -> Route,
    current: Route,
) -> Vec<PartLink> {
    let parts = site.parts(listing);
    let Some(newest) = parts.first else {
        return Vec::new();
    };
    let link = |name: String, route: Route| PartLink { name, url: site.routes.url(route), current: route == current };
    let mut links = vec![link(format!("{} · {}", locale.label("newest"), name(locale, newest)), first)];
    links.extend(parts.others.into_iter().map(|period| link(name(locale, period), of(period))));
    links
}

/// The period of a part's page, `None` for a listing's own page.
pub(super) fn period_of(route: Route) -> Option<Period> {
    match route {
        Route::TopicPeriod(.., period) | Route::TermPeriod(.., period) | Route::ArchivePeriod(_, period) => {
            Some(period)
        }
        _ => None,
    }
}
