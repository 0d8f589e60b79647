//! Every threshold of the HTML and date stages, named and explained in one place.
//! `docs/import-design.md` lists them in a table; change them here only, and run
//! `cargo bench --bench import` before and after.

/// A sibling of the densest block is part of the report when it holds at least this many
/// characters of prose paragraphs (about one real sentence)…
pub const PART_MIN_PROSE_CHARS: usize = 80;
/// …and at most this share of its text is link text (menus and teaser lists are near 1).
pub const PART_MAX_LINK_DENSITY: f64 = 0.25;
/// Levels climbed through wrappers that hold only the report's block, looking for
/// sibling parts one level up (`<div class=row><div class=col>…`).
pub const WRAPPER_LEVELS: usize = 2;
/// A box holding form controls (a button, a field) with at most this many words is a
/// widget: a sign-up, the consent prompt of an embed, a paywall notice.
pub const WIDGET_MAX_WORDS: usize = 80;
/// Fewest repeated items (alike in tag and class, each with its own date) that make a
/// listing: teasers of other stories, a comment thread.
pub const LISTING_MIN_ITEMS: usize = 3;
/// A block whose listings hold at least this share of its text is a listing.
pub const LISTING_TEXT_SHARE: f64 = 0.6;

/// Fewest Han or kana characters that make a text Chinese or Japanese…
pub const CJK_MIN_CHARS: usize = 10;
/// …and the share of its letters they must be.
pub const CJK_MIN_SHARE: f64 = 0.3;
/// Share of kana among those characters from which the text is Japanese, not Chinese.
pub const KANA_MIN_SHARE: f64 = 0.05;

/// Hours before a local time in a clock-change gap at which the zone's earlier offset is
/// read: longer than any gap (one hour, half an hour on Lord Howe Island).
pub const GAP_LOOKBACK_HOURS: i64 = 3;

/// A page without a dateline takes the first date shown in an element of at most this
/// many words (outside captions and sentences) rather than being refused.
pub const SHOWN_DATE_MAX_WORDS: usize = 12;

/// Characters of Chinese or Japanese counted as one word: their words are one to three
/// characters long, two on average, so word-count thresholds read them alike.
pub const CJK_CHARS_PER_WORD: usize = 2;
