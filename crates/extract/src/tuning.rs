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
