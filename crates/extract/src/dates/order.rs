//! Which way a page writes numeric dates: `04/08/2024` is 8 April in New York and
//! 4 August in London. The page's other dates decide first (a `20/11/2025` can only
//! be day first), then its language tag's country, then its language.

use super::{DateText, numeric_date};
use crate::Language;

/// The reading chosen for a page, and why, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumericOrder {
    pub month_first: bool,
    pub reason: String,
}

/// Countries whose English writes the day first.
const DAY_FIRST_ENGLISH: &[&str] = &["gb", "uk", "ie", "au", "nz", "in", "za", "sg", "hk", "my", "pk", "ng", "ke"];

/// How `text` writes numeric dates, given its language and `<html lang>` tag.
pub fn numeric_order(text: &DateText, language: Option<Language>, tag: Option<&str>) -> NumericOrder {
    let mut day_first_seen = None;
    let mut month_first_seen = None;
    for token in text.tokens().into_iter().filter(|t| t.matches('/').count() == 2) {
        let mut parts = token.trim_end_matches(['.', ',', ';', ':']).split('/');
        let (Some(first), Some(second)) = (parts.next(), parts.next()) else { continue };
        // "2025/3/12" is year first: it says nothing of the order of day and month.
        if first.len() > 2 {
            continue;
        }
        let (Ok(first), Ok(second)) = (first.parse::<u32>(), second.parse::<u32>()) else { continue };
        if numeric_date(token, false).is_none() {
            continue;
        }
        if first > 12 && second <= 12 {
            day_first_seen.get_or_insert(token.to_owned());
        } else if second > 12 && first <= 12 {
            month_first_seen.get_or_insert(token.to_owned());
        }
    }
    match (day_first_seen, month_first_seen) {
        (Some(seen), None) => {
            return NumericOrder {
                month_first: false,
                reason: format!("another date of the page, {seen}, can only be read day first"),
            };
        }
        (None, Some(seen)) => {
            return NumericOrder {
                month_first: true,
                reason: format!("another date of the page, {seen}, can only be read month first"),
            };
        }
        _ => {}
    }
    let country = tag.and_then(|t| t.split(['-', '_']).nth(1)).map(str::to_ascii_lowercase);
    if language == Some(Language::English)
        && let Some(country) = country
    {
        let day_first = DAY_FIRST_ENGLISH.contains(&country.as_str());
        return NumericOrder {
            month_first: !day_first,
            reason: format!(
                "the page's language tag {} writes the {} first",
                tag.unwrap_or_default(),
                if day_first { "day" } else { "month" }
            ),
        };
    }
    match language {
        Some(language) if language.vocabulary().month_first => NumericOrder {
            month_first: true,
            reason: format!("the page is in {}, read as American: month first", language.code()),
        },
        Some(language) => NumericOrder {
            month_first: false,
            reason: format!("the page is in {}, which writes the day first", language.code()),
        },
        None => NumericOrder { month_first: false, reason: "the page's language is unknown: day first".to_owned() },
    }
}

/// The note `--explain` prints when `text` holds a date that reads both ways.
pub fn ambiguity_note(text: &DateText, order: &NumericOrder) -> Option<String> {
    let ambiguous = text.tokens().into_iter().find(|token| {
        token.matches('/').count() == 2
            && numeric_date(token, true).zip(numeric_date(token, false)).is_some_and(|(a, b)| a != b)
    })?;
    let read = numeric_date(ambiguous, order.month_first)?;
    Some(format!(
        "{ambiguous} read {} first, as {}: {}",
        if order.month_first { "month" } else { "day" },
        read.format("%-d %B %Y"),
        order.reason
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_dates_then_the_tag_then_the_language_decide() {
        let order =
            numeric_order(&DateText::new("Posted 04/08/2024. Updated 04/20/2024"), Some(Language::English), None);
        assert!(order.month_first, "{order:?}");
        let order = numeric_order(
            &DateText::new("Posted 04/08/2024. Updated 20/08/2024"),
            Some(Language::English),
            Some("en-US"),
        );
        assert!(!order.month_first, "{order:?}");
        assert!(
            !numeric_order(&DateText::new("Posted 04/08/2024"), Some(Language::English), Some("en-GB")).month_first
        );
        assert!(numeric_order(&DateText::new("Posted 04/08/2024"), Some(Language::English), None).month_first);
        assert!(!numeric_order(&DateText::new("Publié le 04/08/2024"), Some(Language::French), None).month_first);
        let order = numeric_order(&DateText::new("Posted 04/08/2024"), Some(Language::English), Some("en-US"));
        assert_eq!(
            ambiguity_note(&DateText::new("Posted 04/08/2024"), &order).as_deref(),
            Some("04/08/2024 read month first, as 8 April 2024: the page's language tag en-US writes the month first")
        );
    }
}
