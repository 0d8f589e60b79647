//! Long timelines in parts: a topic's, a term's or the archive's listing of more stories
//! than one page may show (`timeline_limit:`) is split by year, and a year still too long by
//! month, so that a part's address (`/topics/chips/2024/`, `/topics/chips/2024/05/`) names
//! its stories for good rather than a page number that shifts as stories are added. The
//! listing's own page keeps the newest part. Pure.

use chrono::Datelike;

use super::{ArticleId, Site};
pub use crate::route::Period;
use crate::route::{Route, TaxonomyId, TermId, TopicId};

/// How a listing (newest first) is split: the part its own page shows (`None`: the whole
/// listing, which fits), and every other part, newest first. A year too long to show
/// whole becomes a page of links to its months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub first: Option<Period>,
    pub others: Vec<Period>,
}

impl Site {
    fn year_month(&self, id: ArticleId) -> (i32, u32) {
        // The local date once: `year()` and `month()` would each convert it.
        let date = self.articles[id].date.date_naive();
        (date.year(), date.month())
    }

    /// The parts of a listing of stories, newest first.
    pub fn parts(&self, listing: &[ArticleId]) -> Parts {
        let limit = self.config.timeline_limit;
        if listing.len() <= limit {
            return Parts { first: None, others: Vec::new() };
        }
        // (year, its count, its months with their counts), newest first.
        let mut years: Vec<(i32, usize, Vec<u32>)> = Vec::new();
        for &id in listing {
            let (year, month) = self.year_month(id);
            if years.last().is_none_or(|(y, ..)| *y != year) {
                years.push((year, 0, Vec::new()));
            }
            let (_, count, months) = years.last_mut().expect("pushed above");
            *count += 1;
            if months.last() != Some(&month) {
                months.push(month);
            }
        }
        let mut parts: Vec<Period> = Vec::new();
        for (year, count, months) in years {
            parts.push(Period { year, month: None });
            if count > limit {
                parts.extend(months.into_iter().map(|month| Period { year, month: Some(month) }));
            }
        }
        // The newest part with stories of its own: the newest year, or its newest month.
        let first_at = match parts.get(1) {
            Some(next) if next.month.is_some() => 1,
            _ => 0,
        };
        let first = parts.remove(first_at);
        Parts { first: Some(first), others: parts }
    }

    /// The pages of the parts of every long timeline (topics', terms' and the archive's), in
    /// every language: the route table's pages are the rest.
    pub fn period_routes(&self) -> Vec<Route> {
        let mut routes = Vec::new();
        for lang in self.routes.languages() {
            for (t, entry) in self.topics.iter().enumerate() {
                let parts = self.parts(entry.listing(lang)).others;
                routes.extend(parts.into_iter().map(|period| Route::TopicPeriod(lang, TopicId(t), period)));
            }
            for (t, taxonomy) in self.taxonomies.iter().enumerate() {
                for (index, term) in taxonomy.terms.iter().enumerate() {
                    let parts = self.parts(term.listing(lang)).others;
                    routes.extend(
                        parts.into_iter().map(|period| Route::TermPeriod(lang, TaxonomyId(t), TermId(index), period)),
                    );
                }
            }
            let parts = self.parts(&self.listed_in(lang)).others;
            routes.extend(parts.into_iter().map(|period| Route::ArchivePeriod(lang, period)));
        }
        routes
    }

    /// The stories of a listing that the page of `period` shows (`None`: the listing's own
    /// page), newest first: none for a year split into months.
    pub fn shown_in(&self, listing: &[ArticleId], period: Option<Period>) -> Vec<ArticleId> {
        let parts = self.parts(listing);
        let Some(period) = period.or(parts.first) else {
            return listing.to_vec();
        };
        let split_year = period.month.is_none()
            && parts.others.iter().chain(&parts.first).any(|p| p.year == period.year && p.month.is_some());
        if split_year {
            return Vec::new();
        }
        listing
            .iter()
            .copied()
            .filter(|&id| {
                let (year, month) = self.year_month(id);
                period.contains(year, month)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::tests::site_of_dates;

    fn period(year: i32, month: Option<u32>) -> Period {
        Period { year, month }
    }

    #[test]
    fn a_listing_that_fits_is_one_page() {
        let site = site_of_dates(&["2025-03-01", "2024-01-01"], 2);
        let all: Vec<ArticleId> = crate::route::article_ids(2).collect();
        assert_eq!(site.parts(&all), Parts { first: None, others: vec![] });
        assert_eq!(site.shown_in(&all, None), all);
    }

    #[test]
    fn a_long_listing_is_split_by_year_and_a_long_year_by_month() {
        let dates = ["2025-03-02", "2025-03-01", "2025-01-05", "2024-06-01", "2023-12-01", "2023-11-01", "2023-11-02"];
        let site = site_of_dates(&dates, 2);
        let all: Vec<ArticleId> = crate::route::article_ids(dates.len()).collect();
        let parts = site.parts(&all);
        // 2025 has three stories: its months are parts, the newest on the listing's page.
        assert_eq!(parts.first, Some(period(2025, Some(3))));
        assert_eq!(
            parts.others,
            [
                period(2025, None),
                period(2025, Some(1)),
                period(2024, None),
                period(2023, None),
                period(2023, Some(12)),
                period(2023, Some(11))
            ]
        );
        let dated = |ids: Vec<ArticleId>| -> Vec<String> {
            ids.into_iter().map(|id| site.articles[id].date.date_naive().to_string()).collect()
        };
        assert_eq!(dated(site.shown_in(&all, None)), ["2025-03-02", "2025-03-01"]);
        assert_eq!(dated(site.shown_in(&all, Some(period(2024, None)))), ["2024-06-01"]);
        assert!(site.shown_in(&all, Some(period(2023, None))).is_empty(), "a split year links to its months");
        assert_eq!(dated(site.shown_in(&all, Some(period(2023, Some(11))))), ["2023-11-02", "2023-11-01"]);
        assert_eq!(period(2023, Some(11)).segment(), "2023/11/");
    }
}
