//! Publication dates as news pages write them, in French and English.
//!
//! "25/07/2025 à 08:44", "4 juillet 2023 à 06h30", "September 6, 2024 10:12 AM GMT+2",
//! "Sept 6" and ISO 8601. A local time without an offset in a French page is Paris
//! time (summer or winter); in any other page it is taken as UTC.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
pub mod datelines;
pub mod value;

use value::PageDate;

use crate::Language;

/// How to read a date that leaves something out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateContext {
    /// The page's language, when known: its vocabulary says where a time written
    /// without an offset is local time.
    pub language: Option<Language>,
    /// The year of a date written without one ("Sept 6").
    pub year: i32,
}

/// The first date in `text`, with its time and offset when written.
pub fn find_date(text: &str, context: DateContext) -> Option<PageDate> {
    let lowered = lowered_date_text(text);
    let tokens = tokenize(&lowered);
    (0..tokens.len()).find_map(|start| date_at(&tokens, start, context).map(|(date, _)| date))
}

/// The first four-digit year written in a full date in `text`, for dates without one.
pub fn find_year(text: &str) -> Option<i32> {
    let lowered = lowered_date_text(text);
    let tokens = tokenize(&lowered);
    let any_year = DateContext { language: None, year: 0 };
    (0..tokens.len())
        .filter_map(|start| date_at(&tokens, start, any_year))
        .map(|(date, _)| date.to_fixed().year())
        .find(|&year| year != 0)
}

/// The year of a copyright notice ("© 2024 Example Media"): the page's year when its
/// dateline leaves the year out.
pub fn copyright_year(text: &str) -> Option<i32> {
    let lowered = text.to_lowercase();
    ["©", "(c)", "copyright"].iter().find_map(|mark| {
        lowered.match_indices(mark).find_map(|(at, _)| {
            lowered[at + mark.len()..]
                .split_whitespace()
                .take(2)
                .find_map(|word| year_number(word.trim_end_matches(['-', '–'])))
        })
    })
}

/// A timestamp as found in HTML metadata: RFC 3339, or ISO without an offset.
pub fn parse_iso(text: &str, context: DateContext) -> Option<PageDate> {
    let text = text.trim();
    if let Some(value) = PageDate::parse(text) {
        return Some(value);
    }
    let lowered = lowered_date_text(text);
    let tokens = tokenize(&lowered);
    date_at(&tokens, 0, context).map(|(date, _)| date)
}

/// `text` lowercased, with what pages glue together taken apart: "November 20,
/// 20259:13 AM GMT+1Updated" reads as "november 20, 2025 9:13 am gmt+1 updated".
pub(super) fn lowered_date_text(text: &str) -> String {
    let lowered = text.to_lowercase();
    let chars: Vec<char> = lowered.chars().collect();
    let mut out = String::with_capacity(lowered.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let Some(&next) = chars.get(i + 1) else { break };
        // A year run into a time: four digits of 19xx or 20xx, then "9:13" or "10:13".
        let year_then_time = i >= 3
            && chars[i - 3..=i].iter().all(char::is_ascii_digit)
            && (chars[i - 3..i - 1] == ['2', '0'] || chars[i - 3..i - 1] == ['1', '9'])
            && !chars.get(i.wrapping_sub(4)).is_some_and(char::is_ascii_digit)
            && next.is_ascii_digit()
            && (chars.get(i + 2) == Some(&':')
                || chars.get(i + 2).is_some_and(char::is_ascii_digit) && chars.get(i + 3) == Some(&':'));
        // A digit run into a word: "gmt+1updated", but not "9:13am", "06h30", "1er", "6th".
        let word: String = chars[i + 1..].iter().take_while(|c| c.is_alphabetic()).collect();
        let digit_then_word = c.is_ascii_digit()
            && word.chars().count() >= 3
            && !matches!(word.as_str(), "am" | "pm" | "er" | "st" | "nd" | "rd" | "th");
        if year_then_time || digit_then_word {
            out.push(' ');
        }
    }
    out
}

/// Words of a date line: `,` and `(` `)` split too, `+`, `:` and `/` stay inside tokens.
pub(super) fn tokenize(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '|' | '·' | ';' | '•'))
        .filter(|token| !token.is_empty())
        .collect()
}

/// The date starting at `tokens[start]` and how many tokens it spans (its time included).
pub(super) fn date_at(tokens: &[&str], start: usize, context: DateContext) -> Option<(PageDate, usize)> {
    let token = tokens[start];
    if let Some(value) = iso_token(token, context) {
        return Some((value, 1));
    }
    let (date, used) = numeric_date(token)
        .map(|date| (date, 1))
        .or_else(|| day_month_year(tokens, start, context.year))
        .or_else(|| month_day_year(tokens, start, context.year))?;
    let rest = &tokens[start + used..];
    if let Some((time, offset, time_used)) = time_after(rest) {
        return Some((PageDate::DateTime(localize(date.and_time(time), offset, context)), used + time_used));
    }
    // "6:57pm, 5 Sep, 2020", "6:02 PM EST, Thu November 20, 2025": the time before the date.
    let time_before = (start.saturating_sub(4)..start)
        .find(|&at| clock(tokens[at]).is_some() && (tokens[at].contains(':') || tokens[at].contains('h')))
        .and_then(|at| time_after(&tokens[at..start]))
        .map(|(time, offset, _)| (time, offset));
    match time_before {
        Some((time, offset)) => Some((PageDate::DateTime(localize(date.and_time(time), offset, context)), used)),
        None => Some((PageDate::Date(date), used)),
    }
}

fn iso_token(token: &str, context: DateContext) -> Option<PageDate> {
    let bytes = token.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || !bytes[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let upper = token.to_uppercase();
    if let Ok(value) = DateTime::parse_from_rfc3339(&upper) {
        return Some(PageDate::DateTime(value));
    }
    // "2025-12-02T10:00:00+0100", "2025-12-02T10:00+01:00": offsets RFC 3339 does not take.
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S%.f%:z", "%Y-%m-%dT%H:%M%:z"] {
        if let Ok(value) = DateTime::parse_from_str(&upper, format) {
            return Some(PageDate::DateTime(value));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&upper, format) {
            return Some(PageDate::DateTime(localize(naive, None, context)));
        }
    }
    // `get`, not slicing: the tenth byte may fall inside a multi-byte character.
    NaiveDate::parse_from_str(token.get(..10)?, "%Y-%m-%d").ok().map(PageDate::Date)
}

/// `25/07/2025`, `20.11.2025`, `20-11-2025`: day first, as European pages write it;
/// `11/20/2025` (a day over 12 in second place) month first; `2025/11/20` year first.
fn numeric_date(token: &str) -> Option<NaiveDate> {
    let token = token.trim_end_matches([';', ',', '.', ':']);
    let separator = ['/', '.', '-'].into_iter().find(|&c| token.contains(c))?;
    let mut parts = token.split(separator);
    let (mut day, month, mut year) = (parts.next()?, parts.next()?, parts.next()?);
    if day.len() == 4 && separator != '-' {
        (day, year) = (year, day);
    }
    if parts.next().is_some() || year.len() != 4 || day.len() > 2 || month.len() > 2 {
        return None;
    }
    let (day, month, year): (u32, u32, i32) = (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, day, month))
}

/// `4 juillet 2023`, `1er mai`, `6 September 2024`.
fn day_month_year(tokens: &[&str], start: usize, default_year: i32) -> Option<(NaiveDate, usize)> {
    let day = day_number(tokens[start])?;
    let month = month_number(tokens.get(start + 1)?)?;
    let (year, used) = match tokens.get(start + 2).and_then(|t| year_number(t)) {
        Some(year) => (year, 3),
        None => (default_year, 2),
    };
    Some((NaiveDate::from_ymd_opt(year, month, day)?, used))
}

/// `September 6, 2024`, `Sept 6`.
fn month_day_year(tokens: &[&str], start: usize, default_year: i32) -> Option<(NaiveDate, usize)> {
    let month = month_number(tokens[start])?;
    let day = day_number(tokens.get(start + 1)?)?;
    let (year, used) = match tokens.get(start + 2).and_then(|t| year_number(t)) {
        Some(year) => (year, 3),
        None => (default_year, 2),
    };
    Some((NaiveDate::from_ymd_opt(year, month, day)?, used))
}

fn day_number(token: &str) -> Option<u32> {
    let digits = token.trim_end_matches(['.', ',']);
    let digits = ["er", "st", "nd", "rd", "th"].iter().find_map(|s| digits.strip_suffix(s)).unwrap_or(digits);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|day| (1..=31).contains(day))
}

fn year_number(token: &str) -> Option<i32> {
    let digits = token.trim_end_matches(['.', ',']);
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|year| (1900..=2200).contains(year))
}

const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("january", 1),
    ("jan", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("fév", 2),
    ("february", 2),
    ("feb", 2),
    ("mars", 3),
    ("march", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("juin", 6),
    ("june", 6),
    ("jun", 6),
    ("juillet", 7),
    ("juil", 7),
    ("july", 7),
    ("jul", 7),
    ("août", 8),
    ("aout", 8),
    ("august", 8),
    ("aug", 8),
    ("septembre", 9),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("october", 10),
    ("oct", 10),
    ("novembre", 11),
    ("november", 11),
    ("nov", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("december", 12),
    ("dec", 12),
];

fn month_number(token: &str) -> Option<u32> {
    let name = token.trim_end_matches(['.', ',']);
    MONTHS.iter().find(|(month, _)| *month == name).map(|&(_, number)| number)
}

/// A time after a date, past connectives ("à", "at", "-"), with its offset if written,
/// and the tokens it spans.
fn time_after(tokens: &[&str]) -> Option<(NaiveTime, Option<Zone>, usize)> {
    let mut index = 0;
    while tokens.get(index).is_some_and(|t| matches!(*t, "à" | "a" | "at" | "-" | "–" | "—" | "le" | "on" | "/")) {
        index += 1;
    }
    let token = *tokens.get(index)?;
    let (mut time, suffix) = clock(token)?;
    index += 1;
    let meridiem = if suffix.is_empty() { tokens.get(index).copied().unwrap_or_default() } else { suffix };
    let meridiem = meridiem.trim_end_matches('.').replace('.', "");
    if meridiem == "am" || meridiem == "pm" {
        let hour = time.format("%H").to_string().parse::<u32>().ok()?;
        if hour == 0 || hour > 12 {
            return None;
        }
        let hour24 = match (meridiem.as_str(), hour) {
            ("am", 12) => 0,
            ("am", h) => h,
            ("pm", 12) => 12,
            (_, h) => h + 12,
        };
        time = NaiveTime::from_hms_opt(hour24, time.format("%M").to_string().parse().ok()?, 0)?;
        if suffix.is_empty() {
            index += 1;
        }
    }
    let offset = tokens.get(index).and_then(|t| zone_of(t));
    Some((time, offset, index + usize::from(offset.is_some())))
}

/// `08:44`, `8:44:10`, `06h30`, `10:12am`; returns the time and any glued suffix.
pub(super) fn clock(token: &str) -> Option<(NaiveTime, &str)> {
    let token = token.trim_end_matches([';', ',']);
    let split = token.find(|c: char| !c.is_ascii_digit())?;
    let (hours, rest) = token.split_at(split);
    // "07.00 GMT" as some dailies write it: a dot needs two digits after it.
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('h')).or_else(|| {
        rest.strip_prefix('.').filter(|after| after.len() >= 2 && after.as_bytes()[..2].iter().all(u8::is_ascii_digit))
    })?;
    let minutes_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (minutes, rest) = rest.split_at(minutes_end);
    let (seconds, suffix) = match rest.strip_prefix(':') {
        Some(after) => {
            let end = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
            (after[..end].parse().ok()?, &after[end..])
        }
        None => (0, rest),
    };
    if hours.is_empty() || hours.len() > 2 || minutes.len() > 2 {
        return None;
    }
    let minutes = if minutes.is_empty() { 0 } else { minutes.parse().ok()? };
    Some((NaiveTime::from_hms_opt(hours.parse().ok()?, minutes, seconds)?, suffix))
}

/// `gmt+2`, `utc+02:00`, `+0200`, `gmt`, `cest`.
pub(super) fn offset_of(token: &str) -> Option<FixedOffset> {
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
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// The zone a time is written in: an offset, or a zone whose offset depends on the date.
#[derive(Debug, Clone, Copy)]
pub(super) enum Zone {
    Fixed(FixedOffset),
    /// "ET", "PT", "CT": US zones written without saying summer or winter.
    Named(chrono_tz::Tz),
}

/// `gmt+2`, `cest`, … as in [`offset_of`], and `et`, `pt`, `ct`, `mt`.
pub(super) fn zone_of(token: &str) -> Option<Zone> {
    let named = match token.trim_end_matches('.') {
        "et" => Some(chrono_tz::America::New_York),
        "ct" => Some(chrono_tz::America::Chicago),
        "mt" => Some(chrono_tz::America::Denver),
        "pt" => Some(chrono_tz::America::Los_Angeles),
        _ => None,
    };
    named.map(Zone::Named).or_else(|| offset_of(token).map(Zone::Fixed))
}

fn localize(naive: NaiveDateTime, zone: Option<Zone>, context: DateContext) -> DateTime<FixedOffset> {
    match zone {
        Some(Zone::Fixed(offset)) => {
            if let Some(value) = offset.from_local_datetime(&naive).single() {
                return value;
            }
        }
        Some(Zone::Named(zone)) => {
            if let Some(value) = zone.from_local_datetime(&naive).earliest() {
                return value.fixed_offset();
            }
        }
        None => {}
    }
    if let Some(zone) = context.language.and_then(|language| language.vocabulary().local_zone) {
        // `earliest` settles the autumn hour that happens twice; the spring hour that
        // never happens is read as the hour after it.
        let local = zone
            .from_local_datetime(&naive)
            .earliest()
            .or_else(|| zone.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest());
        if let Some(local) = local {
            return local.fixed_offset();
        }
    }
    Utc.from_utc_datetime(&naive).fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: DateContext = DateContext { language: Some(Language::French), year: 2024 };
    const ENGLISH: DateContext = DateContext { language: Some(Language::English), year: 2024 };

    fn found(text: &str, context: DateContext) -> String {
        find_date(text, context).map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn french_numeric_date_is_paris_summer_time() {
        assert_eq!(found("information fournie par AFP 25/07/2025 à 08:44", FRENCH), "2025-07-25T08:44:00+02:00");
    }

    #[test]
    fn french_winter_time_is_one_hour_ahead() {
        assert_eq!(found("Publié le 12/01/2024 à 17:05", FRENCH), "2024-01-12T17:05:00+01:00");
    }

    #[test]
    fn french_month_names_and_h_times() {
        assert_eq!(found("Publié le 4 juillet 2023 à 06h30", FRENCH), "2023-07-04T06:30:00+02:00");
        assert_eq!(found("1er décembre 2022 à 9h", FRENCH), "2022-12-01T09:00:00+01:00");
    }

    #[test]
    fn english_with_meridiem_and_offset() {
        assert_eq!(found("September 6, 2024 10:12 AM GMT+2", ENGLISH), "2024-09-06T10:12:00+02:00");
        assert_eq!(found("Updated Sept. 6, 2024 3:05 p.m. UTC", ENGLISH), "2024-09-06T15:05:00+00:00");
    }

    #[test]
    fn month_and_day_take_the_context_year() {
        assert_eq!(found("LISBON, Sept 6 (Reuters) -", ENGLISH), "2024-09-06");
    }

    #[test]
    fn iso_dates_and_times() {
        assert_eq!(found("2025-03-14T09:30:00+01:00", ENGLISH), "2025-03-14T09:30:00+01:00");
        assert_eq!(found("2025-03-14", ENGLISH), "2025-03-14");
        assert_eq!(parse_iso("2025-03-14T09:30:00", FRENCH).unwrap().to_string(), "2025-03-14T09:30:00+01:00");
        assert_eq!(parse_iso("2025-03-14T09:30:00Z", FRENCH).unwrap().to_string(), "2025-03-14T09:30:00+00:00");
        assert_eq!(parse_iso("2025-12-02T10:00:00+0100", FRENCH).unwrap().to_string(), "2025-12-02T10:00:00+01:00");
        assert_eq!(parse_iso("2025-12-02T10:00+01:00", FRENCH).unwrap().to_string(), "2025-12-02T10:00:00+01:00");
    }

    #[test]
    fn the_spring_gap_hour_moves_forward() {
        assert_eq!(found("30/03/2025 à 02:30", FRENCH), "2025-03-30T03:30:00+02:00");
    }

    #[test]
    fn numbers_that_are_not_dates_are_ignored() {
        assert_eq!(found("231,4400 USD NASDAQ -0,34%", FRENCH), "");
        assert_eq!(found("It may rise 5 percent", ENGLISH), "");
    }

    #[test]
    fn year_of_a_full_date() {
        assert_eq!(find_year("Updated September 7, 2024"), Some(2024));
        assert_eq!(find_year("Sept 6"), None);
        assert_eq!(copyright_year("Read next\n© 2023 Wire Example. All rights reserved."), Some(2023));
        assert_eq!(copyright_year("Copyright 2021-2024 Example"), None);
    }
}
