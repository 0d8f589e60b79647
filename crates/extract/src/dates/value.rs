//! A date as a page gives it: a moment with its offset, or a calendar day.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// A publication or update date read from a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageDate {
    DateTime(DateTime<FixedOffset>),
    Date(NaiveDate),
}

pub use crate::tuning::YEARS;

impl PageDate {
    /// An RFC 3339 date-time or a `YYYY-MM-DD` date, with a year in [`YEARS`].
    pub fn parse(text: &str) -> Option<PageDate> {
        let text = text.trim();
        let value = match DateTime::parse_from_rfc3339(text) {
            Ok(date_time) => PageDate::DateTime(date_time),
            Err(_) => PageDate::Date(NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?),
        };
        YEARS.contains(&value.to_fixed().year()).then_some(value)
    }

    /// The instant, a bare date being midnight UTC.
    pub fn to_fixed(self) -> DateTime<FixedOffset> {
        match self {
            PageDate::DateTime(date_time) => date_time,
            PageDate::Date(date) => Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)).fixed_offset(),
        }
    }
}

impl fmt::Display for PageDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageDate::DateTime(date_time) => f.write_str(&date_time.to_rfc3339()),
            PageDate::Date(date) => write!(f, "{}", date.format("%Y-%m-%d")),
        }
    }
}
