//! Publication dates as news pages write them, in the languages of [`Language`].
//!
//! "25/07/2025 à 08:44", "4 juillet 2023 à 06h30", "September 6, 2024 10:12 AM GMT+2",
//! "18 de noviembre de 2024", "2024年11月20日", "Sept 6", RFC 2822 and ISO 8601. A
//! local time without an offset is read in the zone of the page's language when it has
//! one (Paris for French), else as UTC.

pub mod datelines;
pub mod order;
pub mod value;
mod zones;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use value::PageDate;
use zones::localize;
pub(crate) use zones::{Zone, offset_of, zone_of};

use crate::Language;
use crate::tuning::{TIME_BEFORE_MAX_TOKENS, WRITTEN_YEARS};

/// How to read a date that leaves something out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateContext {
    /// The page's language, when known: its vocabulary says where a time written
    /// without an offset is local time.
    pub language: Option<Language>,
    /// The year of a date written without one ("Sept 6").
    pub year: i32,
    /// Whether an ambiguous `04/08/2024` is read month first: see [`order`].
    pub month_first: bool,
}

impl DateContext {
    /// The context of a page in `language` (if known), with its language's reading of
    /// numeric dates.
    pub fn new(language: Option<Language>, year: i32) -> DateContext {
        DateContext { language, year, month_first: language.is_some_and(|l| l.vocabulary().month_first) }
    }
}

/// The first date in `text`, with its time and offset when written.
/// The date a line shows, when it is short (`SHOWN_DATE_MAX_WORDS`) or opens with it
/// (within `SHOWN_DATE_LEAD_TOKENS` tokens of a line of at most `DATELINE_MAX_WORDS`).
pub fn shown_date_in(text: &str, context: DateContext) -> Option<PageDate> {
    let words = crate::noise::word_count(text);
    if words <= crate::tuning::SHOWN_DATE_MAX_WORDS {
        return find_date(text, context);
    }
    if words > crate::tuning::DATELINE_MAX_WORDS {
        return None;
    }
    opening_date(text, context)
}

/// The date a line opens with, within its first `SHOWN_DATE_LEAD_TOKENS` tokens.
pub fn opening_date(text: &str, context: DateContext) -> Option<PageDate> {
    let lead: Vec<&str> = text.split_whitespace().take(crate::tuning::SHOWN_DATE_LEAD_TOKENS).collect();
    find_date(&lead.join(" "), context)
}

pub fn find_date(text: &str, context: DateContext) -> Option<PageDate> {
    let lowered = lowered_date_text(text);
    let tokens = tokenize(&lowered);
    (0..tokens.len()).find_map(|start| date_at(&tokens, start, context).map(|(date, _)| date))
}

/// The first four-digit year written in a full date in `text`, for dates without one.
pub fn find_year(text: &str) -> Option<i32> {
    DateText::new(text).year()
}

/// A text read once for its dates ([`lowered_date_text`]): a whole page is, by the passes
/// that look at all its dates (its year, its order of numeric dates).
pub struct DateText {
    lowered: String,
}

impl DateText {
    pub fn new(text: &str) -> DateText {
        DateText { lowered: lowered_date_text(text) }
    }

    pub(super) fn tokens(&self) -> Vec<&str> {
        tokenize(&self.lowered)
    }

    /// [`find_year`] of the text.
    pub fn year(&self) -> Option<i32> {
        let tokens = self.tokens();
        let any_year = DateContext::new(None, 0);
        (0..tokens.len())
            .filter_map(|start| date_at(&tokens, start, any_year))
            .map(|(date, _)| date.to_fixed().year())
            .find(|&year| year != 0)
    }
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
    // "Tue, 19 Nov 2024 14:30:00 +0100", as feeds and some `<meta>` write it.
    if let Ok(value) = DateTime::parse_from_rfc2822(text) {
        return Some(PageDate::DateTime(value));
    }
    find_date(text, context)
}

/// `text` lowercased, with what pages glue together taken apart: "November 20,
/// 20259:13 AM GMT+1Updated" reads as "november 20, 2025 9:13 am gmt+1 updated".
pub(super) fn lowered_date_text(text: &str) -> String {
    let lowered = camel_apart(text).to_lowercase();
    if lowered.is_ascii() {
        return glued_apart(lowered.as_bytes());
    }
    let chars: Vec<char> = cjk_date_marks(&lowered).chars().collect();
    glued_apart(&chars)
}

/// The characters of a lowered text, with a space where a date is glued to what follows
/// it; bytes when the text is ASCII, so that it is not copied into characters.
fn glued_apart<C: Copy + Into<char>>(chars: &[C]) -> String {
    let at = |i: usize| -> Option<char> { chars.get(i).map(|&c| c.into()) };
    let digit = |i: usize| at(i).is_some_and(|c| c.is_ascii_digit());
    let mut out = String::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let c: char = c.into();
        out.push(c);
        let Some(next) = at(i + 1) else { break };
        // A year run into a time: four digits of 19xx or 20xx, then "9:13" or "10:13".
        let year_then_time = i >= 3
            && (i - 3..=i).all(digit)
            && matches!((at(i - 3), at(i - 2)), (Some('2'), Some('0')) | (Some('1'), Some('9')))
            && !(i >= 4 && digit(i - 4))
            && next.is_ascii_digit()
            && (at(i + 2) == Some(':') || digit(i + 2) && at(i + 3) == Some(':'));
        // A digit run into a word of three letters or more: "gmt+1updated", but not
        // "9:13am", "06h30", "1er", "6th".
        let digit_then_word = c.is_ascii_digit() && (i + 1..i + 4).all(|j| at(j).is_some_and(char::is_alphabetic));
        // A label run into its date: "发布时间:2025-05-22", "date:12/03/2024" (not "05:54").
        let label_then_date = matches!(c, ':' | '：') && i > 0 && !digit(i - 1) && next.is_ascii_digit();
        if year_then_time || digit_then_word || label_then_date {
            out.push(' ');
        }
    }
    out
}

/// "16 min readApr 11, 2018" -> "16 min read Apr 11, 2018": a word glued to the month
/// after it (a reading time, a byline run into its date) is taken apart where a
/// lowercase letter meets a capital.
fn camel_apart(text: &str) -> std::borrow::Cow<'_, str> {
    let glued = |pair: &[char]| pair[0].is_lowercase() && pair[1].is_uppercase();
    let mut pairs = text.chars().zip(text.chars().skip(1));
    if !pairs.any(|(a, b)| glued(&[a, b])) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && glued(&[chars[i - 1], c]) {
            out.push(' ');
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// "2024年11月20日 14時30分" -> "2024/11/20 14:30": the marks of Chinese and Japanese
/// dates after a number become the separators the numeric readers know.
fn cjk_date_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_digit = false;
    for c in text.chars() {
        match c {
            '年' | '月' if after_digit => out.push('/'),
            '時' | '时' if after_digit => out.push(':'),
            '日' | '分' | '号' if after_digit => out.push(' '),
            c => out.push(c),
        }
        after_digit = c.is_ascii_digit();
    }
    out
}

/// Words of a date line: `,` and `(` `)` split too, `+`, `:` and `/` stay inside tokens.
pub(super) fn tokenize(text: &str) -> Vec<&str> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '(' | ')' | '|' | '·' | ';' | '•' | '：' | '，' | '（' | '）' | '、')
    })
    .filter(|token| !token.is_empty())
    .collect()
}

/// The date starting at `tokens[start]` and how many tokens it spans (its time included).
pub(super) fn date_at(tokens: &[&str], start: usize, context: DateContext) -> Option<(PageDate, usize)> {
    let token = tokens[start];
    if let Some(value) = iso_token(token, context) {
        // "2025-09-12 15:20": a date in ISO order, then its time as a word of its own.
        if let PageDate::Date(date) = value
            && token.len() == 10
            && let Some((time, offset, time_used)) = time_after(&tokens[start + 1..])
        {
            return Some((PageDate::DateTime(localize(date.and_time(time), offset, context)), 1 + time_used));
        }
        return Some((value, 1));
    }
    let (date, used) = numeric_date(token, context.month_first)
        .map(|date| (date, 1))
        .or_else(|| day_month_year(tokens, start, context))
        .or_else(|| month_day_year(tokens, start, context))?;
    let rest = &tokens[start + used..];
    if let Some((time, offset, time_used)) = time_after(rest) {
        return Some((PageDate::DateTime(localize(date.and_time(time), offset, context)), used + time_used));
    }
    // "6:57pm, 5 Sep, 2020", "6:02 PM EST, Thu November 20, 2025": the time before the date.
    let time_before = (start.saturating_sub(TIME_BEFORE_MAX_TOKENS)..start)
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
/// `04/08/2024`, which reads both ways, is read month first when `month_first` (and
/// written with slashes, as American pages do).
pub(super) fn numeric_date(token: &str, month_first: bool) -> Option<NaiveDate> {
    let token = token.trim_end_matches([';', ',', '.', ':']);
    let separator = ['/', '.', '-'].into_iter().find(|&c| token.contains(c))?;
    let mut parts = token.split(separator);
    let (mut day, month, mut year) = (parts.next()?, parts.next()?, parts.next()?);
    let year_first = day.len() == 4 && separator != '-';
    if year_first {
        (day, year) = (year, day);
    }
    if parts.next().is_some() || year.len() != 4 || day.len() > 2 || month.len() > 2 {
        return None;
    }
    let (day, month, year): (u32, u32, i32) = (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
    let (first, second) = if month_first && separator == '/' && !year_first { (month, day) } else { (day, month) };
    NaiveDate::from_ymd_opt(year, second, first).or_else(|| NaiveDate::from_ymd_opt(year, first, second))
}

/// `4 juillet 2023`, `1er mai`, `6 September 2024`, `18. November 2024`,
/// `18 de noviembre de 2024`.
fn day_month_year(tokens: &[&str], start: usize, context: DateContext) -> Option<(NaiveDate, usize)> {
    let day = day_number(tokens[start])?;
    let of = |at: usize| usize::from(tokens.get(at).is_some_and(|t| matches!(*t, "de" | "del")));
    let month_at = start + 1 + of(start + 1);
    let month = month_number(tokens.get(month_at)?, context.language)?;
    let year_at = month_at + 1 + of(month_at + 1);
    let (year, used) = match tokens.get(year_at).and_then(|t| year_number(t)) {
        Some(year) => (year, year_at + 1 - start),
        None => (context.year, month_at + 1 - start),
    };
    Some((NaiveDate::from_ymd_opt(year, month, day)?, used))
}

/// `September 6, 2024`, `Sept 6`.
fn month_day_year(tokens: &[&str], start: usize, context: DateContext) -> Option<(NaiveDate, usize)> {
    let default_year = context.year;
    let month = month_number(tokens[start], context.language)?;
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
    digits.parse().ok().filter(|year| WRITTEN_YEARS.contains(year))
}

/// The month a word names: a full name in any language; a short one ("sept", "okt") in
/// English, French or the page's own language, where it cannot be another word.
fn month_number(token: &str, language: Option<Language>) -> Option<u32> {
    let name = token.trim_end_matches(['.', ',']);
    let find = |names: &[(&str, u32)]| names.iter().find(|(month, _)| *month == name).map(|&(_, number)| number);
    let abbreviating = [Some(Language::English), Some(Language::French), language];
    Language::all()
        .find_map(|l| find(l.vocabulary().months))
        .or_else(|| abbreviating.into_iter().flatten().find_map(|l| find(l.vocabulary().month_abbreviations)))
}

/// A time after a date, past connectives ("à", "at", "-"), with its offset if written,
/// and the tokens it spans.
pub(super) fn time_after(tokens: &[&str]) -> Option<(NaiveTime, Option<Zone>, usize)> {
    let mut index = 0;
    // "à", "at", "um", "a las", "alle ore", "om", "às", "de" (Spanish and Portuguese "de").
    let connective = |t: &str| {
        matches!(
            t,
            "à" | "a" | "at" | "-" | "–" | "—" | "le" | "on" | "/" | "um" | "las" | "la" | "alle" | "ore" | "om" | "às"
        )
    };
    while tokens.get(index).is_some_and(|t| connective(t)) {
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
    // "(UTC +04:00)", "GMT -5": the offset written apart from the zone's name.
    if matches!(tokens.get(index).copied(), Some("utc" | "gmt"))
        && let Some(apart) = tokens.get(index + 1).filter(|t| t.starts_with(['+', '-'])).and_then(|t| offset_of(t))
    {
        return Some((time, Some(Zone::Fixed(apart)), index + 2));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: DateContext = DateContext { language: Some(Language::French), year: 2024, month_first: false };
    const ENGLISH: DateContext = DateContext { language: Some(Language::English), year: 2024, month_first: true };

    fn found(text: &str, context: DateContext) -> String {
        find_date(text, context).map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn words_and_labels_glued_to_a_date_are_taken_apart() {
        assert_eq!(found("16 min readApr 11, 2018", ENGLISH), "2018-04-11");
        let chinese = DateContext::new(Some(Language::Chinese), 2024);
        assert_eq!(found("发布时间:2025-05-22 05:54:12 点击量:", chinese), "2025-05-22T05:54:12+08:00");
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
        assert_eq!(found("Published: 2025-03-14 09:30", FRENCH), "2025-03-14T09:30:00+01:00");
        assert_eq!(parse_iso("2025-03-14T09:30:00", FRENCH).unwrap().to_string(), "2025-03-14T09:30:00+01:00");
        assert_eq!(parse_iso("2025-03-14T09:30:00Z", FRENCH).unwrap().to_string(), "2025-03-14T09:30:00+00:00");
        assert_eq!(parse_iso("2025-12-02T10:00:00+0100", FRENCH).unwrap().to_string(), "2025-12-02T10:00:00+01:00");
        assert_eq!(parse_iso("2025-12-02T10:00+01:00", FRENCH).unwrap().to_string(), "2025-12-02T10:00:00+01:00");
    }

    #[test]
    fn the_spring_gap_hour_moves_forward() {
        assert_eq!(found("30/03/2025 à 02:30", FRENCH), "2025-03-30T03:30:00+02:00");
    }

    fn in_language(language: Language) -> DateContext {
        DateContext::new(Some(language), 2024)
    }

    #[test]
    fn month_names_labels_and_zones_of_each_language() {
        let cases = [
            (Language::German, "Veröffentlicht am 18. November 2024 um 14:30 Uhr", "2024-11-18T14:30:00+01:00"),
            (Language::Spanish, "Publicado el 18 de noviembre de 2024 a las 14:30", "2024-11-18T14:30:00+00:00"),
            (Language::Italian, "Pubblicato il 18 novembre 2024 alle 14:30", "2024-11-18T14:30:00+01:00"),
            (Language::Portuguese, "Publicado em 18 de novembro de 2024 às 14h30", "2024-11-18T14:30:00+00:00"),
            (Language::Dutch, "Gepubliceerd op 18 juli 2024 om 14:30", "2024-07-18T14:30:00+02:00"),
            (Language::Chinese, "发布时间：2024年11月20日 14:30", "2024-11-20T14:30:00+08:00"),
            (Language::Japanese, "2024年11月20日 14時30分 公開", "2024-11-20T14:30:00+09:00"),
        ];
        for (language, line, expected) in cases {
            assert_eq!(found(line, in_language(language)), expected, "{line}");
        }
        assert_eq!(found("Stand: 5. März 2024", in_language(Language::German)), "2024-03-05");
        assert_eq!(found("out of 10 set", in_language(Language::English)), "", "abbreviations of other languages");
    }

    #[test]
    fn rfc_2822_and_offsets_apart_from_their_zone() {
        assert_eq!(
            parse_iso("Tue, 19 Nov 2024 14:30:00 +0100", ENGLISH).unwrap().to_string(),
            "2024-11-19T14:30:00+01:00"
        );
        assert_eq!(found("19 Nov 2024 14:30 (UTC +04:00)", ENGLISH), "2024-11-19T14:30:00+04:00");
        assert_eq!(found("(Published Monday, Nov. 18, 2019)", ENGLISH), "2019-11-18");
    }

    #[test]
    fn a_time_in_the_spring_gap_is_never_utc() {
        assert_eq!(found("March 9, 2025 2:30 AM ET", ENGLISH), "2025-03-09T03:30:00-04:00");
        assert_eq!(found("March 9, 2025 2:30 AM PT", ENGLISH), "2025-03-09T03:30:00-07:00");
        assert_eq!(found("November 2, 2025 1:30 AM ET", ENGLISH), "2025-11-02T01:30:00-04:00", "the first 1:30");
    }

    #[test]
    fn numeric_dates_that_read_both_ways_follow_the_context() {
        let american = DateContext { month_first: true, ..ENGLISH };
        let british = DateContext { month_first: false, ..ENGLISH };
        assert_eq!(found("Posted 04/08/2024", american), "2024-04-08");
        assert_eq!(found("Posted 04/08/2024", british), "2024-08-04");
        assert_eq!(found("Posted 20/08/2024", american), "2024-08-20", "a day over 12 settles it");
        assert_eq!(found("04.08.2024", american), "2024-08-04", "dots are written day first");
        assert_eq!(found("2024/08/04", american), "2024-08-04", "the year first, then the month");
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
