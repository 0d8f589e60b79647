//! Date lines: a line that is only a date, or dates with their labels and the page
//! tools around them; and which of a line's dates is the publication, which the update.

use std::sync::LazyLock;

use super::value::PageDate;
use super::zones::localize;
use super::{DateContext, clock, date_at, lowered_date_text, offset_of, time_after, tokenize};
use crate::Language;
use crate::noise::fold;
use crate::tuning::DATE_LINE_MAX_TOKENS;

/// The dates of a date line, told apart by the words before each: "20 septembre 2020
/// 09:13; Act: 21.09.2020 11:58", "Publié le … Mis à jour le …", "Updated: 6:57pm, 5 Sep, 2020".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineDates {
    pub published: Option<PageDate>,
    pub updated: Option<PageDate>,
}

/// Whether `text` holds a label of a date ("Publié le", "Updated", "Veröffentlicht am",
/// "Written by … on"), in any language known: a date beside it is the page's.
pub fn has_date_label(text: &str) -> bool {
    let folded = fold(text);
    ["act:", "date:", "mis a jour", "publi"].iter().any(|label| folded.contains(label))
        || DATE_LABELS.iter().any(|word| folded.contains(word.as_str()))
        || crate::byline::byline_in(text).is_some()
}

/// The words of every language known that label a publication or an update date, folded;
/// but the short ones ("act", "mis"), which are found inside other words.
static DATE_LABELS: LazyLock<Vec<String>> = LazyLock::new(|| {
    Language::all()
        .flat_map(|language| {
            let vocabulary = language.vocabulary();
            vocabulary.published_words.iter().chain(vocabulary.update_words)
        })
        .map(|word| fold(word))
        .filter(|word| word.chars().count() >= 4 || word.chars().any(crate::lang::is_cjk))
        .collect()
});

/// Whether `word` says the date after it is an update, in any language known.
fn is_update_word(word: &str) -> bool {
    Language::all().any(|language| language.vocabulary().update_words.contains(&word))
}

pub fn dates_in_line(text: &str, context: DateContext) -> LineDates {
    let lowered = lowered_date_text(text);
    let tokens = tokenize(&lowered);
    let mut found = LineDates::default();
    let mut since = 0;
    let mut start = 0;
    while start < tokens.len() {
        let Some((date, used)) = date_at(&tokens, start, context) else {
            start += 1;
            continue;
        };
        let before = &tokens[since..start];
        // "Mis à jour" is an update, "Mis en ligne" a publication.
        let words: Vec<&str> = before.iter().map(|t| t.trim_end_matches([':', ';', '.'])).collect();
        let is_update = words.iter().enumerate().any(|(i, word)| {
            is_update_word(word) && (!matches!(*word, "mis" | "mise") || words.get(i + 2).is_some_and(|w| *w == "jour"))
        });
        let slot = if is_update { &mut found.updated } else { &mut found.published };
        slot.get_or_insert(date);
        start += used.max(1);
        since = start;
    }
    if found.updated.is_none()
        && let Some(published) = found.published
    {
        found.updated = time_of_update(&tokens, published, context);
    }
    found
}

/// "Publié le 16 septembre 2025 à 06h30, modifié à 11h12", "updated at 11:12": an update
/// given as a time alone, on the day of the publication.
fn time_of_update(tokens: &[&str], published: PageDate, context: DateContext) -> Option<PageDate> {
    let day = match published {
        PageDate::DateTime(moment) => moment.date_naive(),
        PageDate::Date(day) => day,
    };
    let words: Vec<&str> = tokens.iter().map(|t| t.trim_end_matches([':', ';', '.'])).collect();
    // "Mis à jour à 11h12": the label ends at "jour"; "mis en ligne" is a publication.
    let label = (0..words.len()).find(|&i| {
        (is_update_word(words[i]) && !matches!(words[i], "mis" | "mise" | "act" | "stand"))
            || (words[i] == "jour" && i >= 2 && matches!(words[i - 2], "mis" | "mise"))
    })?;
    let at = (label + 1..tokens.len().min(label + 4))
        .find(|&at| clock(tokens[at]).is_some() && (tokens[at].contains(':') || tokens[at].contains('h')))?;
    let (time, zone, _) = time_after(&tokens[at..])?;
    let update = PageDate::DateTime(localize(day.and_time(time), zone, context));
    (update != published).then_some(update)
}

impl LineDates {
    /// Adds a line's dates to what the page has read so far: the first publication date,
    /// and the first update. An update never takes the publication's place here, even
    /// when it comes first: [`settle`] decides once every line is read.
    pub fn add_to(self, published: &mut Option<PageDate>, updated: &mut Option<PageDate>) {
        if published.is_none() {
            *published = self.published;
        }
        if let Some(update) = self.updated
            && updated.is_none()
            && *published != Some(update)
        {
            *updated = Some(update);
        }
        if published.is_some() && *published == *updated {
            *updated = None;
        }
    }

    /// Once every line is read: an update on a page without a publication date
    /// ("Updated: 5 Sep, 2020" alone) is the only date the page gives, its publication.
    pub fn settle(published: &mut Option<PageDate>, updated: &mut Option<PageDate>) {
        if published.is_none() {
            *published = updated.take();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.published.is_none() && self.updated.is_none()
    }
}

/// What a date line may hold besides its dates and the words of a vocabulary's
/// `date_words`: separators and the names of zones.
const DATE_LINE_MARKS: &[&str] = &[
    "gmt", "utc", "cet", "cest", "edt", "est", "bst", "hkt", "sgt", "jst", "ist", "-", "–", "—", "/", "|", "•", "·",
    ";", ":", "on:", "date",
];

fn is_date_line_word(word: &str) -> bool {
    DATE_LINE_MARKS.contains(&word)
        || Language::all().any(|language| {
            let vocabulary = language.vocabulary();
            vocabulary.date_words.contains(&word) || vocabulary.update_words.contains(&word)
        })
}

/// A line that is a date and nothing else a reader would keep: "20/11/2025",
/// "Nov 20, 2025", "Publié le 20 nov. 2025 à 10h00; Mis à jour le …", "Updated: 6:57pm, 5 Sep, 2020".
pub fn is_date_line(text: &str, context: DateContext) -> bool {
    let lowered = lowered_date_text(text);
    date_line_tokens(&tokenize(&lowered), context)
}

/// A date line ([`is_date_line`]), or a line with a date and a label of dates
/// ([`has_date_label`]): "Publié le 20 nov. 2025", "By Ana Ficta - Nov 20, 2025".
pub fn is_dated_line(text: &str, context: DateContext) -> bool {
    let lowered = lowered_date_text(text);
    let tokens = tokenize(&lowered);
    if date_line_tokens(&tokens, context) {
        return true;
    }
    // The label is sought once a date is found: most lines with a number have none.
    (0..tokens.len()).any(|start| date_at(&tokens, start, context).is_some()) && has_date_label(text)
}

fn date_line_tokens(tokens: &[&str], context: DateContext) -> bool {
    if tokens.is_empty() || tokens.len() > DATE_LINE_MAX_TOKENS {
        return false;
    }
    let mut covered = vec![false; tokens.len()];
    let mut any = false;
    let mut start = 0;
    while start < tokens.len() {
        match date_at(tokens, start, context) {
            Some((_, used)) => {
                any = true;
                covered[start..start + used].iter_mut().for_each(|c| *c = true);
                start += used.max(1);
            }
            None => start += 1,
        }
    }
    any && tokens.iter().zip(&covered).all(|(token, &covered)| {
        let bare = token.trim_end_matches([':', ';', '.', ',']);
        covered
            || is_date_line_word(bare)
            || is_date_line_word(token)
            || bare.is_empty()
            || clock(bare).is_some()
            || offset_of(bare).is_some()
            || bare.starts_with("actualis")
            || bare.starts_with("publi")
            || bare.starts_with("updat")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: DateContext = DateContext { language: Some(Language::French), year: 2024, month_first: false };
    const ENGLISH: DateContext = DateContext { language: Some(Language::English), year: 2024, month_first: true };

    fn found(text: &str, context: DateContext) -> String {
        super::super::find_date(text, context).map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn date_lines_in_every_shape() {
        for line in ["20/11/2025", "2025-11-20", "20 nov. 2025", "Nov 20, 2025", "20.11.2025", "jeudi 20 novembre 2025"]
        {
            assert!(is_date_line(line, ENGLISH), "{line}");
            assert_eq!(found(line, ENGLISH), "2025-11-20", "{line}: a date stays a date");
        }
        assert!(is_date_line("Updated: 6:57pm, 5 Sep, 2020", ENGLISH));
        assert!(is_date_line("20 septembre 2020 09:13; Act: 21.09.2020 11:58 Print", FRENCH));
        assert!(!is_date_line("Photo taken May 10, 2025", ENGLISH));
        assert_eq!(found("Updated 6:02 PM EST, Thu November 20, 2025", ENGLISH), "2025-11-20T18:02:00-05:00");
        assert_eq!(found("2025/11/20 14:35", ENGLISH), "2025-11-20T14:35:00+00:00");
        assert_eq!(found("Thursday 20 November 2025 07.00 GMT", ENGLISH), "2025-11-20T07:00:00+00:00");
        assert_eq!(found("Last Updated : 20 Nov 2025, 08:05 IST", ENGLISH), "2025-11-20T08:05:00+05:30");
        assert_eq!(found("Dec. 4, 2025 / 7:30 AM ET", ENGLISH), "2025-12-04T07:30:00-05:00");
        assert_eq!(found("July 4, 2025 7:30 AM ET", ENGLISH), "2025-07-04T07:30:00-04:00");
        assert!(!is_date_line("The rules take effect on Nov 20, 2025, officials said.", ENGLISH));
    }

    #[test]
    fn published_and_updated_on_one_line() {
        let both = dates_in_line("20 septembre 2020 09:13; Act: 21.09.2020 11:58 Print", FRENCH);
        assert_eq!(both.published.unwrap().to_string(), "2020-09-20T09:13:00+02:00");
        assert_eq!(both.updated.unwrap().to_string(), "2020-09-21T11:58:00+02:00");
        let both = dates_in_line("Publié le 20/11/2025 à 10h02 - Mis à jour le 21/11/2025 à 08h15", FRENCH);
        assert_eq!(both.updated.unwrap().to_string(), "2025-11-21T08:15:00+01:00");
        let (mut published, mut updated) = (None, None);
        dates_in_line("Updated: 6:57pm, 5 Sep, 2020", ENGLISH).add_to(&mut published, &mut updated);
        LineDates::settle(&mut published, &mut updated);
        assert_eq!(published.unwrap().to_string(), "2020-09-05T18:57:00+00:00", "the only date given");
        assert_eq!(updated, None);
        dates_in_line("Mis à jour le 7 sept. 2020 à 10h00", FRENCH).add_to(&mut published, &mut updated);
        assert_eq!(updated.unwrap().to_string(), "2020-09-07T10:00:00+02:00", "an update on a line of its own");
        let online = dates_in_line("Mis en ligne le 06/12/2025 à 09:30 | Actualisé le 06/12/2025 à 12:05", FRENCH);
        assert_eq!(online.published.unwrap().to_string(), "2025-12-06T09:30:00+01:00");
        assert_eq!(online.updated.unwrap().to_string(), "2025-12-06T12:05:00+01:00");
        let same_day = dates_in_line("Publié le 16 septembre 2025 à 06h30, modifié à 11h12", FRENCH);
        assert_eq!(same_day.updated.unwrap().to_string(), "2025-09-16T11:12:00+02:00", "a time alone: the same day");
        let same_day = dates_in_line("Publié le 16/09/2025 à 06h30, mis à jour à 11h12", FRENCH);
        assert_eq!(same_day.updated.unwrap().to_string(), "2025-09-16T11:12:00+02:00");
        assert_eq!(dates_in_line("Published Nov 19, 2025 9:00 AM GMT", ENGLISH).updated, None);
        let (mut published, mut updated) = (None, None);
        dates_in_line("Updated Nov 20, 2025 4:00 PM GMT", ENGLISH).add_to(&mut published, &mut updated);
        dates_in_line("Published Nov 19, 2025 9:00 AM GMT", ENGLISH).add_to(&mut published, &mut updated);
        LineDates::settle(&mut published, &mut updated);
        assert_eq!(published.unwrap().to_string(), "2025-11-19T09:00:00+00:00", "an update never wins");
        assert_eq!(updated.unwrap().to_string(), "2025-11-20T16:00:00+00:00");
        let glued = dates_in_line("November 20, 20259:13 AM GMT+1Updated 2 hours ago", ENGLISH);
        assert_eq!(glued.published.unwrap().to_string(), "2025-11-20T09:13:00+01:00");
    }
}
