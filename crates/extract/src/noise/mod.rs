//! What a scraped page carries besides the report, and how to recognise it.
//!
//! Phrase rules in French and English name the widget a line belongs to; structural
//! rules catch what no phrase list can (price lines, lines of numbers). Phrases that
//! may also occur in a sentence ("newsletter", "Facebook") only count on short lines.

use std::fmt;

use crate::lang::is_cjk;
use crate::tuning::CJK_CHARS_PER_WORD;

mod phrases;
mod shapes;

use phrases::{Match, PHRASES};
pub use shapes::relative_time;
use shapes::{
    app_promotion, comment_count, kicker, market_line, menu_line, newsletter_promotion, reading_time, section_menu,
    slug_line,
};

/// Why a line or block was dropped; `--explain` prints these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    Navigation,
    Accessibility,
    CloseButton,
    Cookies,
    Subscription,
    Advertising,
    Related,
    Comments,
    MarketData,
    Share,
    Newsletter,
    Copyright,
    ListWidget,
    Loading,
    DuplicateCaption,
    WireCredits,
    /// Title, byline, dateline and credits: read into the front matter, not the body.
    Metadata,
    BeforeHeadline,
    AfterBody,
    /// Above the report's first paragraph and not prose: a kicker, a byline, a player.
    AboveReport,
    /// A short line without sentence punctuation that is not a subheading.
    ShortFragment,
    NumbersOnly,
    ScriptOrStyle,
    /// `nav`, `aside`, `header`, `footer`, `form` and their ARIA roles.
    PageChrome,
    Hidden,
    /// A block that is mostly links: menus, tag clouds, lists of other articles.
    LinkList,
    /// Outside the block the readability pass chose as the article.
    OutsideArticle,
    Media,
    /// "Print", "Une faute ?", "Signaler une erreur": tools for the page, not its text.
    PageTools,
    /// "Reuters • 3 min read", "Lecture 4 min".
    ReadingTime,
    /// "WHAT'S THE STORY?", "EXPLAINER": a label above a part of the page.
    Kicker,
    /// "…/ Newslooks/ WASHINGTON/ J. Mansour/ Morning Edition/": an aggregator's slug line.
    SlugLine,
    /// A sentence cut in two by an advertising line was joined again around it.
    SplitByAd,
    /// Elements nested deeper than the importer walks, kept as their text.
    TooDeep,
    /// A small box holding form controls: a sign-up, the consent prompt of an embed, a paywall.
    Widget,
    /// Repeated items, each with its own date: teasers of other stories, a comment thread.
    Listing,
    /// "3 hours ago", "il y a 3 heures": when a page was seen, not when it was published.
    RelativeTime,
    /// A line that speaks to the reader or asks them to act: paywalls, sign-up and
    /// newsletter boxes, appeals, consent text (the line classifier).
    AddressesReader,
    /// "Foto: …", "Credit: …", "(Image symbolique - …)".
    PhotoCredit,
    /// A line of capitalised names or of digits: menus, tags, tables, tickers.
    NameRow,
    /// "17:45 Le ministre salue…": an entry of a live ticker beside the report.
    LiveTicker,
    /// "Harriet Nonesuch is the Dispatch's technology correspondent…" after the report.
    AuthorBio,
}

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Navigation => "navigation",
            Rule::Accessibility => "accessibility toggle",
            Rule::CloseButton => "close button",
            Rule::Cookies => "cookie prompt",
            Rule::Subscription => "subscription prompt",
            Rule::Advertising => "advertising",
            Rule::Related => "related-articles list",
            Rule::Comments => "comment widget",
            Rule::MarketData => "ticker and market data",
            Rule::Share => "share buttons",
            Rule::Newsletter => "newsletter prompt",
            Rule::Copyright => "copyright footer",
            Rule::ListWidget => "watch-list widget",
            Rule::Loading => "loading placeholder",
            Rule::DuplicateCaption => "duplicated photo caption",
            Rule::WireCredits => "wire-service credits line",
            Rule::Metadata => "read into the front matter",
            Rule::BeforeHeadline => "before the headline",
            Rule::AfterBody => "after the article body",
            Rule::AboveReport => "above the report's first paragraph (kicker, byline, reading time, player)",
            Rule::ShortFragment => "short line without sentence punctuation",
            Rule::NumbersOnly => "numbers without words",
            Rule::ScriptOrStyle => "script or style",
            Rule::PageChrome => "page chrome (nav, header, footer, aside, form)",
            Rule::Hidden => "hidden element",
            Rule::LinkList => "block made mostly of links",
            Rule::OutsideArticle => "outside the main article block",
            Rule::Media => "embedded media",
            Rule::PageTools => "page tools (print, report an error)",
            Rule::ReadingTime => "reading time",
            Rule::Kicker => "kicker or section label",
            Rule::SlugLine => "slug line of an aggregator",
            Rule::SplitByAd => "advertising inside a sentence (the sentence was joined again)",
            Rule::TooDeep => "nested too deep: flattened into its text",
            Rule::Widget => "a box of form controls (sign-up, consent prompt, paywall)",
            Rule::Listing => "repeated items with dates of their own (teasers, comments)",
            Rule::RelativeTime => "a relative time, not a date",
            Rule::AddressesReader => "addresses the reader or calls to act (paywall, sign-up, appeal, consent)",
            Rule::PhotoCredit => "photo credit or caption line",
            Rule::NameRow => "a row of capitalised names or of digits (menu, tags, table)",
            Rule::LiveTicker => "an entry of a live ticker (a time, then a headline)",
            Rule::AuthorBio => "the reporter's biography",
        }
    }

    /// Rules that open a widget whose following short lines belong to it.
    pub fn opens_widget(self) -> bool {
        matches!(
            self,
            Rule::Related | Rule::Comments | Rule::MarketData | Rule::ListWidget | Rule::Share | Rule::Newsletter
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Lines of more words than this are prose: `Within` phrases do not apply to them.
const SHORT_LINE_WORDS: usize = 12;

/// A line of this many words is prose on its length alone ([`is_prose`]).
pub(crate) const PROSE_WORDS: usize = 20;

/// Lowercase, accents folded, typographic apostrophes made plain.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(text.len());
    folded.extend(folded_chars(text));
    folded
}

/// The characters of [`fold`]`(text)`, one by one, without building the string: for
/// comparing texts that mostly differ in their first letters.
pub fn folded_chars(text: &str) -> FoldedChars<'_> {
    FoldedChars { chars: text.chars(), pending: "".chars() }
}

pub struct FoldedChars<'a> {
    chars: std::str::Chars<'a>,
    /// The rest of the transliteration of the last character read (`Æ` -> "AE").
    pending: std::str::Chars<'static>,
}

impl Iterator for FoldedChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            // deunicode's transliterations are ASCII.
            if let Some(c) = self.pending.next() {
                return Some(c.to_ascii_lowercase());
            }
            let c = self.chars.next()?;
            match c {
                '’' | 'ʼ' | '‘' => return Some('\''),
                // deunicode turns `©` into `(c)`, `×` into `x`; keep those two symbols matchable.
                '©' | '×' => return Some(c),
                // Chinese and Japanese stay as written: transliterated, they would match Latin words.
                c if is_cjk(c) => return Some(c),
                c if c.is_ascii() => return Some(c.to_ascii_lowercase()),
                c => self.pending = deunicode::deunicode_char(c).unwrap_or("").chars(),
            }
        }
    }
}

/// The rule a line of text falls under, if any.
pub fn classify(line: &str) -> Option<Rule> {
    let folded = fold(line.trim());
    let bare = folded.trim_end_matches(['.', ':', '!', '…', ' ', '>', '›', '»']);
    let words = bare.split_whitespace().count();
    if let Some(rule) = market_line(bare) {
        return Some(rule);
    }
    if comment_count(bare) {
        return Some(Rule::Comments);
    }
    for &(rule, kind, phrase) in PHRASES {
        let hit = match kind {
            Match::Line => bare == phrase,
            Match::Prefix => {
                bare.starts_with(phrase)
                    && !bare[phrase.len()..].starts_with(char::is_alphanumeric)
                    && (words <= SHORT_LINE_WORDS || matches!(rule, Rule::WireCredits | Rule::Copyright))
            }
            // "Norvale n'a pas souhaité faire de commentaire.": a sentence, not a widget.
            Match::Within => {
                words <= SHORT_LINE_WORDS && !(words >= 8 && ends_sentence(line)) && contains_phrase(bare, phrase)
            }
        };
        if hit {
            return Some(rule);
        }
    }
    if app_promotion(bare) || newsletter_promotion(bare) {
        return Some(Rule::Newsletter);
    }
    if reading_time(bare) {
        return Some(Rule::ReadingTime);
    }
    if relative_time(bare) {
        return Some(Rule::RelativeTime);
    }
    if menu_line(line) || section_menu(line) {
        return Some(Rule::Navigation);
    }
    if slug_line(line) {
        return Some(Rule::SlugLine);
    }
    if kicker(line) {
        return Some(Rule::Kicker);
    }
    if !bare.is_empty() && !bare.chars().any(char::is_alphabetic) {
        return Some(Rule::NumbersOnly);
    }
    None
}

/// `phrase` at word boundaries, so "ad" is not found in "trade".
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(|c| c.is_alphanumeric() && phrase.len() < 6)
    })
}

/// Words in `line`. Chinese and Japanese leave no spaces between words: a run of their
/// characters counts as a word per `CJK_CHARS_PER_WORD` characters, so that the same
/// thresholds of length hold for every script.
pub fn word_count(line: &str) -> usize {
    if line.is_ascii() {
        // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, return, space.
        let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
        let mut words = 0;
        let mut in_word = false;
        for byte in line.as_bytes() {
            let starts = !space(byte) && !in_word;
            words += usize::from(starts);
            in_word = !space(byte);
        }
        return words;
    }
    line.split_whitespace()
        .map(|token| match token.chars().filter(|&c| is_cjk(c) && c.is_alphabetic()).count() {
            0 => 1,
            cjk => cjk.div_ceil(CJK_CHARS_PER_WORD),
        })
        .sum()
}

/// Ends like a sentence: `.`, `!`, `?`, `…`, `。`, or a closing quote after one.
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end().trim_end_matches(['"', '»', '”', ')', '\'', ' ', '\u{a0}', '」', '』', '）']);
    trimmed.ends_with(['.', '!', '?', '…', ';', '。', '！', '？'])
}

/// A line of running prose: long, or a whole sentence of several words.
pub fn is_prose(line: &str) -> bool {
    let words = word_count(line);
    words >= PROSE_WORDS || (words >= 8 && ends_sentence(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_chrome_in_french_and_english() {
        assert_eq!(classify("Aller au contenu principal Activer le contraste adapté"), Some(Rule::Navigation));
        assert_eq!(classify("Fermer"), Some(Rule::CloseButton));
        assert_eq!(classify("Close"), Some(Rule::CloseButton));
        assert_eq!(classify("Publicité"), Some(Rule::Advertising));
        assert_eq!(classify("À lire aussi"), Some(Rule::Related));
        assert_eq!(classify("A lire aussi"), Some(Rule::Related));
        assert_eq!(classify("Read next"), Some(Rule::Related));
        assert_eq!(classify("0 commentaire"), Some(Rule::Comments));
        assert_eq!(classify("Signaler le commentaire"), Some(Rule::Comments));
        assert_eq!(classify("Valeurs associées"), Some(Rule::MarketData));
        assert_eq!(classify("Mes listes"), Some(Rule::ListWidget));
        assert_eq!(classify("Chargement..."), Some(Rule::Loading));
        assert_eq!(classify("© 2024 Example Media. All rights reserved."), Some(Rule::Copyright));
        assert_eq!(classify("World | Technology | Business"), Some(Rule::Navigation));
        assert_eq!(classify("Économie › Tech"), Some(Rule::Navigation));
        assert_eq!(classify("<script>alert(1)</script>"), None);
        assert_eq!(classify("Prices rose 5% | analysts said (in a note)"), None);
    }

    #[test]
    fn furniture_of_real_pages() {
        assert_eq!(classify("NVDA 182.74 +1.96 (1.09%)"), Some(Rule::MarketData));
        assert_eq!(classify("Une faute?"), Some(Rule::PageTools));
        assert_eq!(classify("Signaler une erreur"), Some(Rule::PageTools));
        assert_eq!(classify("Imprimer"), Some(Rule::PageTools));
        assert_eq!(classify("storybild"), Some(Rule::Media));
        assert_eq!(classify("Sur ce sujet"), Some(Rule::Related));
        assert_eq!(classify("Reuters • 3 min read"), Some(Rule::ReadingTime));
        assert_eq!(classify("WHAT'S THE STORY?"), Some(Rule::Kicker));
        assert_eq!(classify("More Stories You Might Enjoy"), Some(Rule::Related));
        assert_eq!(classify("… / Wirelooks/ WASHINGTON/ J. Fictif/ Morning Edition/"), Some(Rule::SlugLine));
        assert_eq!(classify("Menu World U.S. Politics Business Tech Science Health"), Some(Rule::Navigation));
        assert_eq!(classify("World Bank Warns Asia Over Chip Subsidies"), None);
        assert_eq!(classify("EU"), None);
    }

    #[test]
    fn relative_times_in_several_languages() {
        for line in [
            "3 hours ago",
            "Updated 2h ago",
            "il y a 3 heures",
            "Mis à jour il y a 5 min",
            "vor 2 Stunden",
            "hace 5 minutos",
            "2 ore fa",
            "há 3 horas",
            "3 uur geleden",
            "3小时前",
            "5分前",
        ] {
            assert_eq!(classify(line), Some(Rule::RelativeTime), "{line}");
        }
        assert_eq!(classify("November 20, 2025 9:13 AM GMT+1 Updated 2 hours ago"), None);
        assert_eq!(classify("Il y a 3 ans, le groupe employait 400 personnes à Grenoble."), None);
    }

    #[test]
    fn price_lines_are_market_data() {
        assert_eq!(classify("231,4400 USD NASDAQ -0,34%"), Some(Rule::MarketData));
        assert_eq!(classify("48,12 EUR Euronext Paris +1,05%"), Some(Rule::MarketData));
        assert_eq!(classify("+0,55%"), Some(Rule::MarketData));
    }

    #[test]
    fn prose_mentioning_a_phrase_is_kept() {
        let sentence =
            "The group said its newsletter and cookie policies were unrelated to the decision to close the lab.";
        assert_eq!(classify(sentence), None);
        assert_eq!(classify("Trade tensions rose again"), None);
        assert_eq!(classify("The lab employed 120 people in 2024."), None);
        assert_eq!(classify("Norvale Systems n'a pas souhaité faire de commentaire."), None);
        assert_eq!(classify("The board said it would not consent to the sale."), None);
    }

    #[test]
    fn chinese_and_japanese_prose() {
        assert!(is_prose("诺瓦尔系统公司周四表示，将在明年年底前关闭其位于深圳的人工智能研究中心。"));
        assert!(is_prose("ノーバル社は木曜日、深圳の人工知能研究拠点を来年末までに閉鎖すると発表した。"));
        assert!(!is_prose("诺瓦尔关闭深圳中心"));
        assert_eq!(word_count("诺瓦尔关闭深圳中心"), 5);
    }

    #[test]
    fn prose_detection() {
        assert!(is_prose("Norvale Systems said on Friday it would close the centre."));
        assert!(!is_prose("Un mouvement plus large"));
        assert!(ends_sentence("a-t-il déclaré.»"));
    }
}
