//! Dates in a language's words: month names from glibc's locale data
//! (`pure-rust-locales`), patterns from the language's interface file.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use pure_rust_locales::{Locale as LocaleData, locale_match};

use super::{Locale, primary};

/// The country whose locale data speaks for a language written without one, where it is
/// not the language's own code (`de` -> `de_DE` needs no entry).
const USUAL_REGION: [(&str, &str); 16] = [
    ("en", "en_GB"),
    ("zh", "zh_CN"),
    ("ja", "ja_JP"),
    ("ko", "ko_KR"),
    ("el", "el_GR"),
    ("sv", "sv_SE"),
    ("da", "da_DK"),
    ("cs", "cs_CZ"),
    ("uk", "uk_UA"),
    ("he", "he_IL"),
    ("hi", "hi_IN"),
    ("ar", "ar_EG"),
    ("fa", "fa_IR"),
    ("vi", "vi_VN"),
    ("nb", "nb_NO"),
    ("ca", "ca_ES"),
];

/// The month names of `lang` (`pt-BR`, `de`): as dates write them and standing alone
/// (Russian and Greek tell them apart: "25 июля", "Июль"); `None` when the locale data
/// does not know the language.
pub(super) fn months(lang: &str) -> Option<(Vec<String>, Vec<String>)> {
    let locale = locale_data(lang)?;
    let in_dates: &[&str] = locale_match!(locale => LC_TIME::MON);
    let alone: Option<&[&str]> = locale_match!(locale => LC_TIME::ALT_MON);
    let owned = |names: &[&str]| names.iter().map(|name| (*name).to_owned()).collect::<Vec<String>>();
    let headings = owned(alone.unwrap_or(in_dates));
    (in_dates.len() == 12).then(|| (owned(in_dates), headings))
}

fn locale_data(lang: &str) -> Option<LocaleData> {
    let code = primary(lang).to_ascii_lowercase();
    let region = lang.split(['-', '_']).nth(1).map(str::to_ascii_uppercase);
    let mut candidates = Vec::new();
    if let Some(region) = region {
        candidates.push(format!("{code}_{region}"));
    }
    if let Some((_, usual)) = USUAL_REGION.iter().find(|(language, _)| *language == code) {
        candidates.push((*usual).to_owned());
    }
    candidates.push(format!("{code}_{}", code.to_ascii_uppercase()));
    candidates.into_iter().find_map(|candidate| LocaleData::try_from(candidate.as_str()).ok())
}

/// `pattern` with each `{name}` of `values` replaced; other braces kept as written.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(key, _)| *key == name).map(|(_, value)| (close, *value))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Locale {
    /// "25 July 2025" / "1er août 2025", by the language's `date:` pattern.
    pub fn date(&self, date: &DateTime<FixedOffset>) -> String {
        let day = date.day();
        let day_text = match self.labels.get("day_one") {
            Some(first) if day == 1 => first.clone(),
            _ => day.to_string(),
        };
        let month = date.month();
        fill(
            self.label("date"),
            &[
                ("day", &day_text),
                ("month", &self.months[(month - 1) as usize]),
                ("month_number", &month.to_string()),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// "08:44" / "8 h 44", by the language's `time:` pattern.
    pub fn time(&self, date: &DateTime<FixedOffset>) -> String {
        fill(
            self.label("time"),
            &[
                ("hour", &date.hour().to_string()),
                ("hour2", &format!("{:02}", date.hour())),
                ("minute", &format!("{:02}", date.minute())),
            ],
        )
    }

    /// "25 July 2025, 08:44 (UTC+02:00)" / "25 juillet 2025 à 8 h 44 (UTC+02:00)".
    pub fn date_time(&self, date: &DateTime<FixedOffset>) -> String {
        let offset = date.offset().to_string();
        let zone = if offset == "+00:00" { "UTC".to_owned() } else { format!("UTC{offset}") };
        fill(self.label("date_time"), &[("date", &self.date(date)), ("time", &self.time(date)), ("zone", &zone)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_names_and_keeps_other_braces() {
        assert_eq!(fill("{day} {month} {x} {", &[("day", "1"), ("month", "mai")]), "1 mai {x} {");
    }

    #[test]
    fn months_come_from_the_locale_data() {
        assert_eq!(months("de").unwrap().0[2], "März");
        assert_eq!(months("fr-CA").unwrap().0[7], "août");
        let (in_dates, alone) = months("ru").unwrap();
        assert_eq!((in_dates[6].as_str(), alone[6].as_str()), ("июля", "Июль"));
        assert_eq!(months("en").unwrap().0[0], "January");
        assert!(months("xx").is_none());
    }
}
