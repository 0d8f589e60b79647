//! Zones and offsets of written times: `GMT+2`, `CEST`, `ET`, and the zone a page's
//! language implies when the time has none.

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::DateContext;
use crate::tuning::{GAP_LOOKBACK_HOURS, MAX_OFFSET_HOURS};

/// `gmt+2`, `utc+02:00`, `+0200`, `gmt`, `cest`.
pub(crate) fn offset_of(token: &str) -> Option<FixedOffset> {
    let named = match token {
        "gmt" | "utc" | "z" => Some(0),
        "cet" | "bst" => Some(1),
        "cest" => Some(2),
        "edt" => Some(-4),
        "est" => Some(-5),
        "pdt" => Some(-7),
        "pst" => Some(-8),
        "hkt" | "sgt" | "awst" | "pht" => Some(8),
        "jst" | "kst" => Some(9),
        _ => None,
    };
    if let Some(hours) = named {
        return FixedOffset::east_opt(hours * 3600);
    }
    if token == "ist" {
        return FixedOffset::east_opt(5 * 3600 + 1800);
    }
    let signed = token.strip_prefix("gmt").or_else(|| token.strip_prefix("utc")).unwrap_or(token);
    let (sign, digits) = match signed.as_bytes().first()? {
        b'+' => (1, &signed[1..]),
        b'-' => (-1, &signed[1..]),
        _ => return None,
    };
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None if digits.len() == 4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        None if digits.len() <= 2 => (digits.parse().ok()?, 0),
        None => return None,
    };
    if hours > MAX_OFFSET_HOURS || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// The zone a time is written in: an offset, or a zone whose offset depends on the date.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Zone {
    Fixed(FixedOffset),
    /// "ET", "PT", "CT": US zones written without saying summer or winter.
    Named(Tz),
}

/// `gmt+2`, `cest`, … as in [`offset_of`], and `et`, `pt`, `ct`, `mt`.
pub(crate) fn zone_of(token: &str) -> Option<Zone> {
    let named = match token.trim_end_matches('.') {
        "et" => Some(chrono_tz::America::New_York),
        "ct" => Some(chrono_tz::America::Chicago),
        "mt" => Some(chrono_tz::America::Denver),
        "pt" => Some(chrono_tz::America::Los_Angeles),
        _ => None,
    };
    named.map(Zone::Named).or_else(|| offset_of(token).map(Zone::Fixed))
}

pub(super) fn localize(naive: NaiveDateTime, zone: Option<Zone>, context: DateContext) -> DateTime<FixedOffset> {
    match zone {
        Some(Zone::Fixed(offset)) => {
            if let Some(value) = offset.from_local_datetime(&naive).single() {
                return value;
            }
        }
        Some(Zone::Named(zone)) => return in_zone(zone, naive),
        None => {}
    }
    match context.language.and_then(|language| language.vocabulary().local_zone) {
        Some(zone) => in_zone(zone, naive),
        None => Utc.from_utc_datetime(&naive).fixed_offset(),
    }
}

/// A local time of `zone` as a moment, whatever the zone's clock changes do to it: the
/// hour that happens twice in autumn is its first time; a time in the spring gap,
/// which no clock showed, is read with the offset in force before the gap, so it lands
/// as far past the change as it is written past it (02:30 -> 03:30 in New York as in
/// Paris). Never UTC by default.
pub(super) fn in_zone(zone: Tz, naive: NaiveDateTime) -> DateTime<FixedOffset> {
    if let Some(local) = zone.from_local_datetime(&naive).earliest() {
        return local.fixed_offset();
    }
    // The offset of the instant before the gap; gaps last hours at most.
    let before = naive - Duration::hours(GAP_LOOKBACK_HOURS);
    let offset = match zone.from_local_datetime(&before).earliest() {
        Some(local) => local.offset().fix(),
        None => return Utc.from_utc_datetime(&naive).fixed_offset(),
    };
    let instant = naive - Duration::seconds(i64::from(offset.local_minus_utc()));
    zone.from_utc_datetime(&instant).fixed_offset()
}
