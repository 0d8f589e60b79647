//! Every threshold of the HTML and date stages, named and explained in one place.
//! `docs/import-design.md` lists them in a table; change them here only, and run
//! `cargo bench --bench import` before and after.

use std::ops::RangeInclusive;

// HTML: parsing.

/// Deepest element nesting kept from a page. Real articles nest a few dozen levels; a
/// page nested deeper (20,000 unclosed `<b>`, 100,000 `<div>`) is flattened below this
/// depth into its text, so that no later walk, ours or the Markdown converter's, can
/// exhaust the stack.
pub const MAX_HTML_DEPTH: usize = 160;
/// Nesting kept by the parser: half the depth later walks allow, so that what the parser
/// adds itself (implied `<p>`, table parts) stays within it.
pub const PARSE_DEPTH: usize = MAX_HTML_DEPTH / 2;

// HTML: finding the report.

/// Shortest text that counts as a paragraph of the report (shorter is a label, a button).
pub const PARAGRAPH_MIN_CHARS: usize = 25;
/// Loose text beside blocks in a container counts as a paragraph from this many words.
pub const LOOSE_TEXT_MIN_WORDS: usize = 8;
/// A paragraph scores one point, one per comma, and one per this many characters…
pub const CHARS_PER_LENGTH_POINT: f64 = 100.0;
/// …up to this many points for its length.
pub const MAX_LENGTH_POINTS: f64 = 3.0;
/// Share of a paragraph's score its grandparent gets (its parent gets it all).
pub const GRANDPARENT_SHARE: f64 = 0.5;
/// A container whose class names a widget is kept all the same when it holds this many
/// paragraphs of prose: it is the article, whatever its class says.
pub const CHROME_MAX_PROSE_PARAGRAPHS: usize = 3;
/// Inside the report, a block of fewer than `LINK_LIST_MAX_WORDS` words whose link text
/// is more than this share of its text is a list of links.
pub const LINK_LIST_MIN_DENSITY: f64 = 0.5;
pub const LINK_LIST_MAX_WORDS: usize = 80;

// HTML: the lead photo.

/// An image under this many pixels on a side (by its `width`/`height` attributes, or a
/// size in its address, `48x48`) is an icon, an avatar or a tracking pixel, not the photo.
pub const LEAD_IMAGE_MIN_PIXELS: u32 = 200;

// HTML: a report split across sibling containers, and widgets told by structure.

/// A sibling of the densest block is part of the report when it holds at least this many
/// words of prose paragraphs (about one real sentence; Chinese and Japanese counted at
/// `CJK_CHARS_PER_WORD` characters a word, so a short paragraph of theirs counts too)…
pub const PART_MIN_PROSE_WORDS: usize = 14;
/// …and at most this share of its text is link text (menus and teaser lists are near 1).
pub const PART_MAX_LINK_DENSITY: f64 = 0.25;
/// Levels climbed through wrappers that hold only the report's block, looking for
/// sibling parts one level up (`<div class=row><div class=col>…`).
pub const WRAPPER_LEVELS: usize = 2;
/// Prose paragraphs a kept block needs before what stands above its first and below its
/// last is trimmed: with fewer, there is no span to speak of.
pub const SPAN_MIN_PARAGRAPHS: usize = 2;
/// A box holding form controls (a button, a field) with at most this many words is a
/// widget: a sign-up, the consent prompt of an embed, a paywall notice.
pub const WIDGET_MAX_WORDS: usize = 80;
/// Fewest repeated items (alike in tag and class, each with its own date) that make a
/// listing: teasers of other stories, a comment thread.
pub const LISTING_MIN_ITEMS: usize = 3;
/// Most words of the line that marks each item of a listing in a text page (a rating, a
/// "Reply · 3 likes" row), repeated alike but for its digits.
pub const LISTING_MARKER_MAX_WORDS: usize = 6;
/// Most lines of prose between two markers of a listing: an item (a comment) is short,
/// where a rail repeated between the report's parts has much of the report between.
pub const LISTING_ITEM_MAX_PARAGRAPHS: usize = 3;
/// A block whose listings hold at least this share of its text is a listing.
pub const LISTING_TEXT_SHARE: f64 = 0.6;

// HTML: headline, lede and dates.

/// The lede is prose, or a paragraph of at least this many words.
pub const LEDE_MIN_WORDS: usize = 8;
/// A standfirst set apart from the body has at least this many words.
pub const STANDFIRST_MIN_WORDS: usize = 6;
/// An element of more words is not a dateline.
pub const DATELINE_MAX_WORDS: usize = 24;
/// Elements listed in a refusal for want of a date have at most this many words.
pub const DATE_CANDIDATE_MAX_WORDS: usize = 40;
/// Two Markdown paragraphs are one sentence cut by an ad when the first, of at least
/// this many words, does not end a sentence and the second starts in lowercase.
pub const SPLIT_SENTENCE_MIN_WORDS: usize = 4;
/// A page without a dateline takes the first date shown in an element of at most this
/// many words (outside captions and sentences) rather than being refused.
pub const SHOWN_DATE_MAX_WORDS: usize = 12;
/// A longer element (up to `DATELINE_MAX_WORDS`) shows its date too when it opens with
/// it, within this many tokens: "2025年6月18日 10:01　発信地：…", "June 18, 2025 · Lisbon,
/// Portugal · Markets".
pub const SHOWN_DATE_LEAD_TOKENS: usize = 4;

// Dates.

/// Years a date written on a page may have; four digits outside are not a year.
pub const WRITTEN_YEARS: RangeInclusive<i32> = 1900..=2200;
/// The years a page's date may have once read: news pages are recent, and a year outside
/// is a typing slip or a number that is not a year (`20255`, `0500`).
pub const YEARS: RangeInclusive<i32> = 1900..=2999;
/// A line of more words (tokens) is not a date line.
pub const DATE_LINE_MAX_TOKENS: usize = 24;
/// Tokens before a date searched for its time ("6:02 PM EST, Thu November 20, 2025").
pub const TIME_BEFORE_MAX_TOKENS: usize = 4;
/// Largest offset from UTC a written zone may have (Kiribati is +14).
pub const MAX_OFFSET_HOURS: i32 = 14;
/// Hours before a local time in a clock-change gap at which the zone's earlier offset is
/// read: longer than any gap (one hour, half an hour on Lord Howe Island).
pub const GAP_LOOKBACK_HOURS: i64 = 3;

// Languages: Chinese and Japanese.

/// Fewest Han or kana characters that make a text Chinese or Japanese…
pub const CJK_MIN_CHARS: usize = 10;
/// …and the share of its letters they must be.
pub const CJK_MIN_SHARE: f64 = 0.3;
/// Share of kana among those characters from which the text is Japanese, not Chinese.
pub const KANA_MIN_SHARE: f64 = 0.05;

/// Characters of Chinese or Japanese counted as one word: their words are one to three
/// characters long, two on average, so word-count thresholds read them alike.
pub const CJK_CHARS_PER_WORD: usize = 2;

// Text pages: the line classifier (`text/classify.rs`).

/// Words of a line that is prose on its length alone.
pub const LINE_PROSE_WORDS: usize = 20;
/// Words of a line that is prose when it also ends like a sentence.
pub const LINE_SENTENCE_WORDS: usize = 8;
/// Fewer words than this and a line is short; a sentence of this many words or more is
/// near-good ("Shares fell 4%."): in both cases its neighbours decide.
pub const LINE_SHORT_WORDS: usize = 3;
/// Share of stop words below which a long line is a row of names (menus, tags), not
/// prose. Prose in the corpus's languages runs at 0.25–0.45.
pub const LINE_MIN_STOP_DENSITY: f64 = 0.08;
/// Share of a line's characters that are digits above which it is a table, a ticker or
/// a timestamp.
pub const LINE_MAX_DIGIT_SHARE: f64 = 0.3;
/// Share of capitalised words above which a line of `LINE_TITLE_CASE_WORDS` or more
/// without a sentence end is a menu or a row of teasers.
pub const LINE_MAX_TITLE_CASE: f64 = 0.8;
pub const LINE_TITLE_CASE_WORDS: usize = 5;
/// Lines of more words are prose even when they address the reader (a "you" in a long
/// paragraph).
pub const LINE_READER_ADDRESS_MAX_WORDS: usize = 40;
/// Words addressing the reader needed in a line with quotation marks: a quoted "you" is
/// the report's; consent text quotes its button and says "Sie" twice.
pub const LINE_QUOTED_ADDRESS_WORDS: usize = 2;
/// Most words of a line that is only a length of time ("Lesezeit: 4 Min.", "6 min read").
pub const LINE_DURATION_MAX_WORDS: usize = 6;
/// Most words of a credit line with no caption in it ("Foto: Rainer Ausgedacht"): the
/// line of prose under it is the caption…
pub const LINE_BARE_CREDIT_WORDS: usize = 6;
/// …when it has at most this many words.
pub const LINE_CAPTION_MAX_WORDS: usize = 30;
/// A page is hard-wrapped only when at most one line in ten is longer than this many
/// characters: a paragraph wrapped at a fixed width never is, and a page whose lines
/// are whole paragraphs (a browser copy) has headlines that must not be joined to them.
pub const HARD_WRAP_MAX_CHARS: usize = 110;
/// A date glued to the text after it ("date 2022-05-10 Chip makers…", "Tech 12 March
/// 2024 Chip makers…") is set on a line of its own when at most this many words (a
/// kicker, a label) come before it…
pub const GLUED_DATE_MAX_LEAD_WORDS: usize = 2;
/// …it takes at most this many words…
pub const GLUED_DATE_MAX_WORDS: usize = 8;
/// …and at least this many words follow it.
pub const GLUED_DATE_MIN_REST_WORDS: usize = 3;
/// A lede's wire dateline ("LISBON, March 12 (Reuters) -") ends at a dash or a closing
/// parenthesis within this many words; a date before none is the sentence's own.
pub const LEDE_DATELINE_WORDS: usize = 10;
/// Longest Chinese wire dateline ("某某新闻网北京10月13日电 ") a summary drops.
pub const CJK_DATELINE_MAX_CHARS: usize = 24;
/// Most characters of an item of a Chinese or Japanese menu ("トップ ニュース 経済").
pub const LINE_CJK_MENU_ITEM_CHARS: usize = 5;
/// What a boilerplate line costs the report stretch it falls in, in words.
pub const LINE_BOILERPLATE_TOLL: f64 = 5.0;
/// What a near-good line adds to its stretch, per word (prose adds one per word).
pub const LINE_NEAR_GOOD_GAIN: f64 = 0.5;

// Text pages: the headline.

/// Lines above the report's first paragraph searched for the headline and the date: a
/// copied page may carry hundreds of lines of menus above them, so the window is counted
/// back from the report, not down from the top.
pub const HEADER_SEARCH_LINES: usize = 80;
/// A headline with its date line under it opens the report when at most this many words
/// of prose (a site's blurb, a notice, a teaser) stand above it.
pub const DATED_HEADER_MAX_PROSE_WORDS: usize = 120;
/// Words at the start of the report whose terms a headline is expected to share.
pub const HEADLINE_REPORT_WORDS: usize = 150;
/// Score a headline line gains for the share of its terms (words of three letters or
/// more that are not stop words; pairs of characters in Chinese and Japanese) that the
/// report's opening repeats: a menu item, a teaser of another story or a site slogan
/// shares none, the headline most of them.
pub const HEADLINE_REPORT_OVERLAP_WEIGHT: f64 = 12.0;
/// Terms a line needs to earn that score in full: a breadcrumb or a section name
/// ("Home League of Legends") shares a term or two with the report, a headline several.
pub const HEADLINE_FULL_TERMS: usize = 4;
/// Score a headline line loses for speaking to the reader ("…to become your champion!",
/// "What you need to know"): a headline may, but a sign-up box or an appeal always does.
pub const HEADLINE_READER_ADDRESS_COST: f64 = 2.0;

#[cfg(test)]
mod tests {
    #[test]
    fn the_design_document_lists_every_threshold() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/import-design.md");
        let document = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in include_str!("tuning.rs").lines().filter_map(|line| line.strip_prefix("pub const ")) {
            let name = line.split(':').next().unwrap_or_default();
            assert!(document.contains(&format!("| `{name}` |")), "docs/import-design.md has no row for `{name}`");
        }
    }
}
