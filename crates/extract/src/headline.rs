//! Choosing the headline of a text page by scoring its candidate lines, not by position.
//!
//! A browser copy puts navigation, kickers, section names and teasers around the
//! headline, and the date may stand above or below it. Every line before the body is
//! a candidate; the lines that cannot be a headline are rejected with a reason (kept
//! for the refusal message), the others are scored by shape and by their neighbours.

use crate::byline::{agency_in, byline_in, caption_in, is_photo_caption, reporter_names, same_text};
use crate::dates::datelines::is_date_line;
use crate::dates::{DateContext, find_date, opening_date};
use crate::noise::{ends_sentence, is_prose, word_count};
use crate::refusal::Considered;
use crate::text::classify::Lexicon;
use crate::tuning::{HEADLINE_FULL_TERMS, HEADLINE_READER_ADDRESS_COST, HEADLINE_REPORT_OVERLAP_WEIGHT};
use std::collections::HashSet;

/// A line of the page as the headline scorer sees it.
pub struct Candidate<'a> {
    pub number: usize,
    pub text: &'a str,
    /// Dropped by a noise rule already.
    pub noise: bool,
    /// Speaks to the reader ("you"), as a headline may but a report's title rarely does.
    pub addresses_reader: bool,
}

/// Longest headline, in characters: anything longer is a paragraph.
const HEADLINE_MAX_CHARS: usize = 250;
/// Fewest words of a headline: "Aux États-Unis" and section names are shorter.
const HEADLINE_MIN_WORDS: usize = 3;

/// Why `text` cannot be the headline, if it cannot.
pub fn rejection(text: &str, context: DateContext) -> Option<&'static str> {
    let words = word_count(text);
    if !text.chars().any(char::is_alphabetic) {
        return Some("no letters");
    }
    // "2025年6月18日 10:01　発信地：…", "June 18, 2025 · Lisbon · Markets": a line that opens
    // with its date is a date line, whatever follows.
    if is_date_line(text, context) || (!ends_sentence(text) && opening_date(text, context).is_some()) {
        return Some("a date line");
    }
    if byline_in(text).is_some() || reporter_names(text).is_some() {
        return Some("a byline");
    }
    if caption_in(text).is_some() || is_photo_caption(text) {
        return Some("a photo caption");
    }
    if text.chars().count() > HEADLINE_MAX_CHARS || words > 40 {
        return Some("a paragraph, too long for a headline");
    }
    if words >= 20 && ends_sentence(text) {
        return Some("a paragraph of prose");
    }
    if words < HEADLINE_MIN_WORDS {
        return Some("too short: a kicker or section name");
    }
    // ", , Comments Off on …": what follows a row of links, not a line of its own.
    if text.starts_with([',', ';', ')']) {
        return Some("goes on from the links before it");
    }
    if ["- ", "• ", "* ", "– ", "— ", "· "].iter().any(|marker| text.starts_with(marker)) {
        return Some("a list item");
    }
    if text.trim_end().ends_with(':') {
        return Some("introduces what follows");
    }
    if words <= 12 && agency_in(text).is_some() && find_date(text, context).is_some() {
        return Some("an agency credit and date");
    }
    None
}

/// Index (into `lines`) of the headline, with every candidate and its verdict.
/// `body_start` is the index of the first line of the report's prose; `report_terms` the
/// terms of its opening ([`Lexicon::terms`]), which a headline shares.
pub fn choose(
    lines: &[Candidate<'_>],
    body_start: usize,
    report_terms: &HashSet<String>,
    lexicon: &Lexicon,
    context: DateContext,
) -> (Option<usize>, Vec<Considered>) {
    let mut considered = Vec::new();
    let mut best: Option<(f64, usize, usize)> = None;
    let end = body_start.min(lines.len());
    let is_meta = |line: &Candidate<'_>| {
        !line.noise
            && word_count(line.text) <= 16
            && (is_date_line(line.text, context)
                || byline_in(line.text).is_some()
                || reporter_names(line.text).is_some()
                || (agency_in(line.text).is_some() && !is_prose(line.text)))
    };
    for (index, line) in lines[..end].iter().enumerate() {
        if line.noise {
            continue;
        }
        if let Some(reason) = rejection(line.text, context) {
            considered.push(Considered::new(format!("line {}", line.number), line.text, reason));
            continue;
        }
        let words = word_count(line.text);
        let mut score = 10.0;
        score += match words {
            5..=22 => 5.0,
            4 => 2.0,
            _ => 0.0,
        };
        // A headline may ask or exclaim; a line that ends on a full stop is a sentence.
        if ends_sentence(line.text) && !line.text.trim_end().ends_with(['?', '!', '？', '！']) {
            score -= 3.0;
        }
        // A headline sits next to its dateline or byline, below or above.
        let neighbours = lines[index + 1..].iter().filter(|l| !l.noise).take(3);
        if neighbours.into_iter().any(is_meta) {
            score += 6.0;
        }
        if lines[..index].iter().rev().find(|l| !l.noise).is_some_and(|l| is_date_line(l.text, context)) {
            score += 4.0;
        }
        // A deck right below the headline, and longer: the line above reads as a headline
        // (a sentence of six words or more, not a menu of capitalised section names).
        let above = index.checked_sub(1).map(|i| &lines[i]).filter(|l| !l.noise);
        let below_headline = above.is_some_and(|above| {
            let lowercase = above.text.split_whitespace().filter(|w| w.starts_with(char::is_lowercase)).count();
            rejection(above.text, context).is_none() && word_count(above.text) >= 6 && lowercase >= 2
        }) && !in_list(lines, index - 1, context);
        if below_headline && above.is_some_and(|above| words > word_count(above.text)) {
            score -= 4.0;
        }
        // One of a run of headline-shaped lines (summary points, teasers): a list, not the
        // headline, which stands beside its dateline or byline.
        if in_list(lines, index, context) {
            score -= 5.0;
        }
        let repeated = lines.iter().enumerate().any(|(i, other)| i != index && same_text(other.text, line.text));
        if repeated {
            score -= 6.0;
        }
        // A headline speaks of what its report says; a menu or another story's teaser does not.
        let terms = lexicon.terms(line.text);
        if !terms.is_empty() {
            let shared = terms.iter().filter(|term| report_terms.contains(*term)).count();
            score += HEADLINE_REPORT_OVERLAP_WEIGHT * shared as f64 / terms.len().max(HEADLINE_FULL_TERMS) as f64;
        }
        if line.addresses_reader {
            score -= HEADLINE_READER_ADDRESS_COST;
        }
        // Nearer the report is likelier: navigation and teasers come first.
        score += 2.0 * index as f64 / end.max(1) as f64;
        considered.push(Considered::new(format!("line {}", line.number), line.text, format!("score {score:.1}")));
        if best.is_none_or(|(top, _, _)| score > top) {
            best = Some((score, index, considered.len() - 1));
        }
    }
    if let Some((_, _, at)) = best {
        considered[at].verdict = "chosen".to_owned();
    }
    (best.map(|(_, index, _)| index), considered)
}

/// Whether the lines right before and right after line `index` could be headlines too.
fn in_list(lines: &[Candidate<'_>], index: usize, context: DateContext) -> bool {
    let headline_shaped = |line: &Candidate<'_>| !line.noise && rejection(line.text, context).is_none();
    index.checked_sub(1).is_some_and(|before| headline_shaped(&lines[before]))
        && lines.get(index + 1).is_some_and(headline_shaped)
}

/// Fewest words of the headline part when a line is split at " | " or " - ".
const HEADLINE_PART_WORDS: usize = 5;
/// Most words of a kicker glued before a headline ("5G en Belgique - …").
const GLUED_KICKER_WORDS: usize = 4;

/// The headline of a title line: without the site after " | " ("… | The Circuit Ledger")
/// and without a kicker glued before " - " ("Chips en Chile - Brantor Labs abre…").
pub fn without_site_or_kicker(line: &str) -> &str {
    let pieces: Vec<&str> = line.split(" | ").map(str::trim).collect();
    let longest = pieces.iter().copied().max_by_key(|piece| word_count(piece)).unwrap_or(line);
    let line = if word_count(longest) >= HEADLINE_PART_WORDS { longest } else { line };
    if let Some((kicker, rest)) = line.split_once(" - ")
        && word_count(kicker) <= GLUED_KICKER_WORDS
        && word_count(rest) >= HEADLINE_PART_WORDS
        && rest.starts_with(char::is_uppercase)
        && !ends_sentence(kicker)
    {
        return rest.trim();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    const ENGLISH: DateContext = DateContext { language: Some(Language::English), year: 2025, month_first: true };

    fn headline(page: &[&str]) -> Option<String> {
        let lines: Vec<Candidate<'_>> = page
            .iter()
            .enumerate()
            .map(|(i, text)| Candidate {
                number: i + 1,
                text,
                noise: crate::noise::classify(text).is_some(),
                addresses_reader: false,
            })
            .collect();
        let body = page.iter().position(|l| is_prose(l)).unwrap_or(page.len());
        let lexicon = Lexicon::new(ENGLISH.language);
        let report = lexicon.terms(&page[body..].join("\n"));
        choose(&lines, body, &report, &lexicon, ENGLISH).0.map(|i| page[i].to_owned())
    }

    #[test]
    fn the_headline_is_never_furniture() {
        let page = [
            "Menu World U.S. Politics Business Tech Science",
            "Aux États-Unis",
            "20/11/2025",
            "Ostrava Micro to build a packaging plant in Penang",
            "Karen Fictive and Che Imaginary in Beijing",
            "Ostrava Micro said on Thursday it would build a chip packaging plant in Penang, its first in Asia.",
        ];
        assert_eq!(headline(&page).as_deref(), Some("Ostrava Micro to build a packaging plant in Penang"));
    }

    #[test]
    fn a_deck_below_the_headline_is_not_the_headline() {
        let page = [
            "Asia",
            "Ostrava Micro's Penang bet tests Malaysia's chip ambitions",
            "The Czech company's new plant will be its largest outside Europe",
            "Che Imaginary, staff writer",
            "December 5, 2025 05:02 JST",
            "PENANG -- When Ostrava Micro breaks ground on its plant here next month, it will be the first central European chipmaker to build in Malaysia.",
        ];
        assert_eq!(headline(&page).as_deref(), Some("Ostrava Micro's Penang bet tests Malaysia's chip ambitions"));
    }

    #[test]
    fn a_site_suffix_and_a_glued_kicker_are_not_the_headline() {
        assert_eq!(
            without_site_or_kicker("Sundial Compute pauses Malaysian data centre build | The Circuit Ledger"),
            "Sundial Compute pauses Malaysian data centre build"
        );
        assert_eq!(
            without_site_or_kicker("Chips en Chile - Brantor Labs abre en Santiago su primer laboratorio"),
            "Brantor Labs abre en Santiago su primer laboratorio"
        );
        let dash = "Brantor Labs eröffnet Forschungslabor in Leipzig – und sucht 200 Fachkräfte";
        assert_eq!(without_site_or_kicker(dash), dash);
    }

    #[test]
    fn date_above_the_headline() {
        let page = [
            "Nov 20, 2025",
            "Brantor Labs shuts its Dublin research office",
            "Brantor Labs has closed its research office in Dublin, the company told staff on Thursday, citing costs.",
        ];
        assert_eq!(headline(&page).as_deref(), Some("Brantor Labs shuts its Dublin research office"));
    }
}
