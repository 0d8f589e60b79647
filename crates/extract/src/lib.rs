//! A saved news page (plain text or HTML) -> a [`Page`]: headline, dates, byline, agency,
//! lead photo and its caption, the lede and the report's body as Markdown blocks, and everything
//! left out with the rule that dropped it.
//!
//! The stages are folders: `html/` (parse, metadata, readability, header), `text/` (the
//! lines of a browser copy), `dates/` (dates and date lines), `lang/` (a vocabulary per
//! language), `noise/` (what a page carries besides the report). The extractor knows
//! nothing of sites: tagging a page with topics and writing front matter is the
//! caller's. Pure: no reads, no writes.

mod byline;
mod dates;
mod headline;
mod html;
mod lang;
pub mod markdown;
mod noise;
mod refusal;
mod text;
pub mod tuning;

pub use dates::value::{PageDate, YEARS};
pub use lang::{Language, Vocabulary, is_cjk};
pub use noise::Rule;
pub use refusal::{Considered, Missing, Refusal};

/// What a page was read into.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub title: String,
    pub published: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub agency: Option<String>,
    pub byline: Option<String>,
    /// The site the page was saved from (`og:site_name`, JSON-LD publisher).
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// The page's own language tag (`<html lang>`), if it has one.
    pub lang_hint: Option<String>,
    pub caption: Option<Caption>,
    /// The lead photo's image, when the page gives its address (HTML pages only).
    pub image: Option<LeadImage>,
    /// The first paragraph, as plain text.
    pub lede: String,
    /// The kept text, plain, for language detection and tagging.
    pub text: String,
    /// Markdown blocks of the body, the lead photo among them: a `figure` block when its
    /// image is known, else its caption as an emphasised line (see [`markdown::lead_photo`]).
    pub body: Vec<String>,
    /// A wire credits line kept at the end ("Reportage X, version française Y").
    pub credits: Option<String>,
    pub dropped: Vec<Dropped>,
    /// Lines weighed as the headline, and as the date, for a refusal's message.
    pub title_candidates: Vec<Considered>,
    pub date_candidates: Vec<Considered>,
    /// How the page was read where it could be read two ways (`04/08/2024`), for `--explain`.
    pub notes: Vec<String>,
}

/// A photo caption and its credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// Empty when the photo has only a credit (an HTML page's `<figcaption>Photo: X`).
    pub text: String,
    pub credit: Option<String>,
}

/// The image of a page's lead photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadImage {
    /// An absolute `http(s)` address.
    pub src: String,
    /// The image's alt text, when it describes the image (not a file name, not "photo").
    pub alt: Option<String>,
}

/// Something of the page left out of the article, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// `line 12` in a text page, `<nav class="menu">` in an HTML page.
    pub location: String,
    pub text: String,
    pub rule: Rule,
}

/// Reads a page, HTML or plain text (told apart by its start). `default_year` is the
/// year of a date written without one, when the page gives no other.
pub fn read(input: &str, default_year: i32) -> Page {
    read_from(input, default_year, None)
}

/// Reads a page saved from `address` (an `http(s)` URL), against which the addresses it
/// writes relative (`<img src="photo.jpg">`) are resolved; without one, against the
/// address the page declares (`<link rel=canonical>`), if it does.
pub fn read_from(input: &str, default_year: i32, address: Option<&str>) -> Page {
    if html::looks_like_html(input) {
        html::extract_from(input, default_year, address)
    } else {
        let language = Language::detect(input);
        let dated = dates::DateText::new(input);
        let year = dated.year().or_else(|| dates::copyright_year(input)).unwrap_or(default_year);
        let order = dates::order::numeric_order(&dated, language, None);
        let mut page = text::extract(input, dates::DateContext { language, year, month_first: order.month_first });
        page.notes.extend(dates::order::ambiguity_note(&dated, &order));
        page
    }
}

impl Page {
    /// The summary: the lede without a wire dateline. "LISBON, Sept 6 (Reuters) -
    /// Norvale…" -> "Norvale…", "Taipei, Nov. 20 (CNA) Taiwan's…" -> "Taiwan's…".
    pub fn summary(&self) -> String {
        let lede = self.lede.as_str();
        // "【東京共同】米ソフトウエア大手…", "新华社北京9月12日电 多家…": a Chinese or Japanese wire dateline.
        if let Some((_, after)) = byline::cjk_wire_dateline(lede)
            && !after.is_empty()
        {
            return after.to_owned();
        }
        // "某某新闻网10月13日电 …": any outlet's dateline, "(place) month day 电", agency or not.
        if let Some((head, after)) = lede.split_once(' ')
            && (head.ends_with("日电") || head.ends_with("日電"))
            && head.chars().count() <= tuning::CJK_DATELINE_MAX_CHARS
            && !after.trim().is_empty()
        {
            return after.trim().to_owned();
        }
        if let Some(rest) = lede.strip_prefix('【')
            && let Some((_, after)) = rest.split_once('】')
            && !after.trim().is_empty()
        {
            return after.trim().to_owned();
        }
        if let Some(close) = lede.find(')')
            && close < 80
            && byline::agency_in_parentheses(&lede[..=close]).is_some()
        {
            let rest = lede[close + 1..].trim_start().trim_start_matches(['.', '-', '–', '—', ':']).trim();
            // "(ANSA) - CATANIA, 12 MAR - Ferrantia…": the place and day after the agency.
            let rest = match rest.split_once(" - ") {
                Some((place, after)) if place.len() < 40 && place.split([' ', ',']).any(is_capitals) => after.trim(),
                _ => rest,
            };
            if rest.chars().next().is_some_and(char::is_uppercase) {
                return rest.to_owned();
            }
        }
        // "(Austin) Kelpwave…", "(München) - Der Chipentwickler…": a place in parentheses.
        if let Some(rest) = lede.strip_prefix('(')
            && let Some((place, after)) = rest.split_once(')')
            && (1..=3).contains(&place.split_whitespace().count())
            && place.starts_with(char::is_uppercase)
        {
            let after = after.trim_start().trim_start_matches(['-', '–', '—']).trim_start();
            if after.starts_with(char::is_uppercase) {
                return after.trim_end().to_owned();
            }
        }
        for separator in [" -- ", " - ", " – ", " — "] {
            if let Some((head, rest)) = lede.split_once(separator)
                && head.len() < 80
                && byline::agency_in_parentheses(head).is_some()
            {
                return rest.trim().to_owned();
            }
        }
        lede.trim().to_owned()
    }

    /// An agency the text quotes as its source ("a indiqué à l'AFP", "told Reuters").
    pub fn quoted_agency(&self) -> Option<&'static str> {
        byline::agency_quoted(&self.text)
    }

    /// The agency credited for the photo ("Olivier FICTIF / AFP").
    pub fn photo_agency(&self) -> Option<&'static str> {
        self.caption.as_ref().and_then(|c| c.credit.as_deref()).and_then(byline::agency_in_credit)
    }
}

/// A word in capitals ("CATANIA"), as a wire dateline writes its place.
fn is_capitals(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && letters.all(char::is_uppercase)
}

/// `text` cut to at most `max` characters at a word, with an ellipsis.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_dateline_is_not_part_of_the_summary() {
        let summary = |lede: &str| Page { lede: lede.to_owned(), ..Page::default() }.summary();
        assert_eq!(summary("LISBON, Sept 6 (Reuters) - Norvale said."), "Norvale said.");
        assert_eq!(summary("Prices rose - sharply."), "Prices rose - sharply.");
        assert_eq!(summary("Málaga, 12 mar (EFE).- La empresa abrirá."), "La empresa abrirá.");
        assert_eq!(summary("(ANSA) - CATANIA, 12 MAR - Ferrantia costruirà."), "Ferrantia costruirà.");
        assert_eq!(summary("(Austin) Kelpwave will build a plant."), "Kelpwave will build a plant.");
        assert_eq!(summary("(München) - Der Chipentwickler schließt."), "Der Chipentwickler schließt.");
        assert_eq!(summary("(Updated) prices rose."), "(Updated) prices rose.");
        assert_eq!(summary("【東京共同】米大手は26日、発表した。"), "米大手は26日、発表した。");
        assert_eq!(summary("新华社北京9月12日电 多家企业加快布局。"), "多家企业加快布局。");
    }
}
