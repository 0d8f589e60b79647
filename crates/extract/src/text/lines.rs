//! The lines of a text page: blank lines dropped, hard-wrapped paragraphs and names
//! cut by a line break joined, sentences split by an ad line joined again, each line
//! classified by the noise rules.

use super::list_item;
use crate::Dropped;
use crate::byline::{agency_in, byline_in, caption_in};
use crate::dates::datelines::{has_date_label, is_date_line};
use crate::dates::{DateContext, find_date};
use crate::noise::{Rule, classify, ends_sentence, word_count};
use crate::tuning::{GLUED_DATE_MAX_LEAD_WORDS, GLUED_DATE_MAX_WORDS, GLUED_DATE_MIN_REST_WORDS, HARD_WRAP_MAX_CHARS};

/// A non-empty line of the page (or a paragraph joined from several), numbered as the
/// first line it was read from.
pub struct Line {
    pub number: usize,
    /// The number of the last line it was read from.
    pub last: usize,
    pub text: String,
    pub rule: Option<Rule>,
}

/// Words a sentence never ends on: a line ending with one continues on the next.
const CONTINUING_WORDS: &[&str] = &[
    "and", "or", "of", "the", "a", "an", "to", "in", "for", "with", "by", "on", "at", "from", "et", "ou", "de", "du",
    "des", "la", "le", "les", "un", "une", "au", "aux", "en", "pour", "par", "sur", "avec",
];

/// Shortest line that may be part of a paragraph wrapped at a fixed width.
const WRAPPED_LINE_CHARS: usize = 45;

/// The non-empty lines, classified. When the page is hard-wrapped (e-mailed wire copy,
/// a text-mode browser), the lines of each paragraph are joined first: a long line
/// that does not end a sentence continues on the next, unless either is a widget,
/// a caption, a list item, a byline or a dateline.
pub fn unwrap_paragraphs(raw: &[String], context: DateContext, dropped: &mut Vec<Dropped>) -> Vec<Line> {
    let standalone = |text: &str| {
        classify(text).is_some()
            || caption_in(text).is_some()
            || list_item(text).is_some()
            || (word_count(text) <= 16 && is_header_text(text, context))
    };
    let continues = |text: &str, next: &str| {
        text.chars().count() >= WRAPPED_LINE_CHARS && !ends_sentence(text) && !next.is_empty() && !standalone(next)
    };
    let non_empty = raw.iter().filter(|l| !l.is_empty()).count();
    let wrapped = raw.windows(2).filter(|pair| continues(&pair[0], &pair[1]) && !standalone(&pair[0])).count();
    let overlong = raw.iter().filter(|l| l.chars().count() > HARD_WRAP_MAX_CHARS).count();
    let hard_wrapped = non_empty > 0 && wrapped * 4 >= non_empty && overlong * 10 <= non_empty;
    // "The Bureau of Industry and" / "Security, which…": a line ending on a word that
    // cannot end a sentence continues on the next, wrapped or not.
    let cut_short = |text: &str, next: &str| {
        let last = text.rsplit(' ').next().unwrap_or_default().to_lowercase();
        word_count(text) >= 3
            && !next.is_empty()
            && !standalone(next)
            && !standalone(text)
            && CONTINUING_WORDS.contains(&last.as_str())
    };

    let mut lines: Vec<Line> = Vec::new();
    let mut joining = false;
    for (index, text) in raw.iter().enumerate() {
        if text.is_empty() {
            joining = false;
            continue;
        }
        if let Some(pieces) = split_glued_date(text, context) {
            let number = index + 1;
            lines.extend(pieces.into_iter().map(|text| Line { number, last: number, text, rule: None }));
            joining = false;
            continue;
        }
        match lines.last_mut() {
            Some(last) if joining => {
                last.text.push(' ');
                last.text.push_str(text);
                last.last = index + 1;
            }
            _ => lines.push(Line { number: index + 1, last: index + 1, text: text.clone(), rule: None }),
        }
        let next = raw.get(index + 1).map_or("", String::as_str);
        joining = (hard_wrapped && !standalone(text) && continues(text, next)) || cut_short(text, next);
    }
    for line in &mut lines {
        // A line that is only a date is a dateline, never noise ("20/11/2025").
        // Nor is a labelled date with the page's tools beside it ("发布时间:2025-05-22 05:54:12 点击量:").
        line.rule = classify(&line.text).filter(|rule| {
            let labelled_date =
                *rule == Rule::NumbersOnly && has_date_label(&line.text) && find_date(&line.text, context).is_some();
            !(labelled_date || is_date_line(&line.text, context))
        });
    }
    join_split_by_ads(join_link_text(lines, context), dropped)
}

/// Most words of a link's text that a browser copy puts on a line of its own.
const LINK_TEXT_MAX_WORDS: usize = 6;

/// "…en partenariat avec le" / "CEA-Leti" / ", et prévoit…": the text of a link copied
/// onto a line of its own is joined back into its sentence, when the line before does
/// not end a sentence and the line after goes on with a comma or in lowercase; a line
/// that opens with a comma always goes on the line before.
fn join_link_text(lines: Vec<Line>, context: DateContext) -> Vec<Line> {
    // ", et prévoit…" goes on; ", , Comments Off on…" (a row of empty links, then a label) does not.
    let goes_on = |text: &str| {
        text.starts_with([',', ';', ')'])
            && text.trim_start_matches([',', ';', ')', ' ']).chars().next().is_none_or(|c| !c.is_uppercase())
    };
    let open_sentence = |line: &Line| line.rule.is_none() && word_count(&line.text) >= 4 && !ends_sentence(&line.text);
    let mut joined: Vec<Line> = Vec::with_capacity(lines.len());
    let mut lines = lines.into_iter().peekable();
    while let Some(line) = lines.next() {
        // Right under the last line the one before was read from: a sentence with two links
        // is joined twice, and the second link follows the first one's continuation.
        let follows = joined.last().is_some_and(|before| open_sentence(before) && before.last + 1 == line.number);
        // A line that goes on with a comma, or in lowercase under a sentence that was
        // already joined across lines ("…con la Scuola Normale Superiore" / "e con il…").
        let joined_before = joined.last().is_some_and(|before| before.last > before.number);
        if line.rule.is_none()
            && (goes_on(&line.text) && joined.last().is_some_and(open_sentence)
                || follows
                    && joined_before
                    && line.text.starts_with(char::is_lowercase)
                    && !is_header_text(&line.text, context))
        {
            let before = joined.last_mut().expect("checked");
            if !goes_on(&line.text) {
                before.text.push(' ');
            }
            before.text.push_str(&line.text);
            before.last = line.last;
            continue;
        }
        let link = follows
            && line.rule.is_none()
            && word_count(&line.text) <= LINK_TEXT_MAX_WORDS
            && !ends_sentence(&line.text)
            && !is_header_text(&line.text, context)
            && lines.peek().is_some_and(|after| {
                after.number == line.last + 1
                    && after.rule.is_none()
                    && !is_header_text(&after.text, context)
                    && (goes_on(&after.text) || after.text.starts_with(char::is_lowercase))
            });
        if link {
            let after = lines.next().expect("peeked");
            let before = joined.last_mut().expect("checked");
            before.text.push(' ');
            before.text.push_str(&line.text);
            if !goes_on(&after.text) {
                before.text.push(' ');
            }
            before.text.push_str(&after.text);
            before.last = after.last;
            continue;
        }
        joined.push(line);
    }
    joined
}

/// "The company said it would" / "Advertisement" / "close the lab in March.": the two
/// halves of a sentence that an ad line cut are one paragraph again.
fn join_split_by_ads(lines: Vec<Line>, dropped: &mut Vec<Dropped>) -> Vec<Line> {
    let mut joined: Vec<Line> = Vec::with_capacity(lines.len());
    let mut lines = lines.into_iter().peekable();
    while let Some(line) = lines.next() {
        let splits = line.rule == Some(Rule::Advertising)
            && joined.last().is_some_and(|before| {
                before.rule.is_none()
                    && word_count(&before.text) >= 4
                    && !ends_sentence(&before.text)
                    && !before.text.ends_with(':')
            })
            && lines.peek().is_some_and(|after| {
                after.rule.is_none() && after.text.chars().next().is_some_and(|c| c.is_lowercase())
            });
        if splits {
            let after = lines.next().expect("peeked");
            let before = joined.last_mut().expect("checked");
            before.text.push(' ');
            before.text.push_str(&after.text);
            dropped.push(Dropped { location: format!("line {}", line.number), text: line.text, rule: Rule::SplitByAd });
            continue;
        }
        joined.push(line);
    }
    joined
}

/// "date 2022-05-10 Chip makers poised for growth", "Tech 12 March 2024 Chip makers…":
/// a date glued between a label or kicker and the headline (or the first paragraph) is
/// set on a line of its own, the kicker on another, so that neither the headline nor
/// the date is lost. A line that goes on in lowercase after its date is a sentence
/// ("12 March 2024 was…"), not a glued date. A year and month alone ("date 2024-04")
/// are split off too: not a date, but not the headline's either.
fn split_glued_date(text: &str, context: DateContext) -> Option<Vec<String>> {
    // The ideographic space sets a Japanese date's time apart from what follows.
    let words: Vec<&str> = text.split([' ', '\u{3000}']).filter(|w| !w.is_empty()).collect();
    let lead = GLUED_DATE_MAX_LEAD_WORDS + 1;
    if words.len() < GLUED_DATE_MIN_REST_WORDS + 1
        || !words.iter().take(lead + 1).any(|w| w.chars().any(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let year_month = |word: &str| {
        let bytes = word.as_bytes();
        bytes.len() == 7 && bytes[4] == b'-' && word.chars().filter(char::is_ascii_digit).count() == 6
    };
    for start in 0..=GLUED_DATE_MAX_LEAD_WORDS.min(words.len() - 1) {
        let kicker = &words[..start];
        // "Tech", "Monde": a kicker; "WASHINGTON," opens a wire dateline instead.
        let kicker_shaped = kicker
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic));
        if !kicker_shaped {
            break;
        }
        // The date ends on its year, day or time, or on a zone ("GMT"): not on a word of
        // the headline that a date line may also hold ("A", "Le").
        let ends_date = |word: &str| {
            word.chars().any(|c| c.is_ascii_digit())
                || ((2..=4).contains(&word.chars().count()) && word.chars().all(|c| c.is_ascii_uppercase()))
        };
        let longest = (start + 1..=(start + GLUED_DATE_MAX_WORDS).min(words.len())).rev().find(|&end| {
            let date = &words[start..end];
            ends_date(date[date.len() - 1])
                && (is_date_line(&date.join(" "), context)
                    || (date.len() <= 2 && date.last().is_some_and(|w| year_month(w))))
        });
        let Some(end) = longest else { continue };
        let rest = &words[end..];
        // "12 March 2024 was…" is a sentence, "Nov 20 (Reuters) - …" a wire dateline.
        let sentence_goes_on =
            rest.first().is_some_and(|w| !w.starts_with(|c: char| c.is_alphanumeric() && !c.is_lowercase()));
        if rest.len() < GLUED_DATE_MIN_REST_WORDS || sentence_goes_on {
            return None;
        }
        let mut pieces = Vec::with_capacity(3);
        if start > 0 {
            pieces.push(kicker.join(" "));
        }
        pieces.push(words[start..end].join(" "));
        pieces.push(rest.join(" "));
        return Some(pieces);
    }
    None
}

fn is_header_text(text: &str, context: DateContext) -> bool {
    byline_in(text).is_some() || agency_in(text).is_some() || find_date(text, context).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    #[test]
    fn a_date_glued_to_a_headline_gets_a_line_of_its_own() {
        let english = DateContext { language: Some(Language::English), year: 2025, month_first: true };
        let split = |line: &str| split_glued_date(line, english);
        assert_eq!(
            split("date 2022-05-10 Chip makers poised for growth").unwrap(),
            ["date 2022-05-10", "Chip makers poised for growth"]
        );
        assert_eq!(
            split("Tech 12 March 2025 Norvale delays its second fab").unwrap(),
            ["Tech", "12 March 2025", "Norvale delays its second fab"]
        );
        assert_eq!(split("date 2024-04 Un hôpital au ralenti").unwrap(), ["date 2024-04", "Un hôpital au ralenti"]);
        // A sentence that opens with its date, and a wire dateline, stay whole.
        assert_eq!(split("12 March 2025 was the day the plant opened its doors"), None);
        assert_eq!(split("WASHINGTON, Nov 20 (Reuters) - The United States added four"), None);
        assert_eq!(split("Nov 20, 2025"), None);
    }

    #[test]
    fn a_browser_copy_is_not_hard_wrapped() {
        let raw: Vec<String> = [
            "Comment Kelpwave a convaincu Bercy de financer son usine de Crolles",
            "Avant d'annoncer le 5 juin une aide de 400 millions d'euros à Kelpwave, le ministère a fait travailler ses services pendant six mois.",
            "L'usine doit employer 600 personnes d'ici à 2028.",
        ]
        .iter()
        .map(|line| line.to_string())
        .collect();
        let context = DateContext { language: Some(Language::French), year: 2025, month_first: false };
        assert_eq!(unwrap_paragraphs(&raw, context, &mut Vec::new()).len(), 3);
    }

    #[test]
    fn link_text_on_its_own_line_goes_back_into_its_sentence() {
        let raw: Vec<String> = [
            "Ostrava Micro ouvrira un centre de conception à Grenoble, en partenariat avec le",
            "CEA-Leti",
            ", et prévoit d'y employer 50 ingénieurs d'ici à deux ans.",
            "",
            "Le centre travaillera sur des puces de puissance pour l'industrie ferroviaire.",
        ]
        .iter()
        .map(|line| line.to_string())
        .collect();
        let context = DateContext { language: Some(Language::French), year: 2025, month_first: false };
        let lines = unwrap_paragraphs(&raw, context, &mut Vec::new());
        assert_eq!(
            lines[0].text,
            "Ostrava Micro ouvrira un centre de conception à Grenoble, en partenariat avec le CEA-Leti, et prévoit d'y employer 50 ingénieurs d'ici à deux ans."
        );
        assert_eq!(lines.len(), 2);
        let raw: Vec<String> = [
            "La empresa invertirá 90 millones en una planta en",
            "Zaragoza",
            ", que dará trabajo a 300 personas, según ha informado el",
            "Gobierno de Aragón",
            "en un comunicado.",
        ]
        .iter()
        .map(|line| line.to_string())
        .collect();
        let lines = unwrap_paragraphs(&raw, context, &mut Vec::new());
        assert_eq!(
            lines[0].text,
            "La empresa invertirá 90 millones en una planta en Zaragoza, que dará trabajo a 300 personas, según ha informado el Gobierno de Aragón en un comunicado."
        );
    }
}
