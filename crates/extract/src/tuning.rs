//! Every threshold of the extractor that is a judgement rather than a fact, named and
//! documented in one place, one section per stage. Change them against the corpus
//! (`cargo bench --bench import` prints fields and pages right per language).

/// The line classifier of text pages (`text/classify.rs`).
#[derive(Debug, Clone, Copy)]
pub struct Lines {
    /// Words of a line that is prose on its length alone.
    pub prose_words: usize,
    /// Words of a line that is prose when it also ends like a sentence.
    pub sentence_words: usize,
    /// Fewer words than this and a line is `Short`; a sentence of this many words or
    /// more is near-good ("Shares fell 4%."): in both cases its neighbours decide.
    pub short_words: usize,
    /// Share of stop words below which a long line is a list of names (menus, tags),
    /// not prose. Prose in the corpus's languages runs at 0.25–0.45.
    pub min_stop_density: f64,
    /// Share of the line's characters that are digits above which it is a table,
    /// a ticker or a timestamp.
    pub max_digit_share: f64,
    /// Share of capitalised words above which a line of `title_case_words` or more
    /// without a sentence end is a menu or a teaser.
    pub max_title_case: f64,
    pub title_case_words: usize,
    /// Lines of more words than this are prose even when they address the reader
    /// (a quoted "you" in a long paragraph).
    pub reader_address_max_words: usize,
    /// CJK characters per word, to weigh a line of Chinese or Japanese like one of
    /// words (a news sentence of 40 characters reads like one of about 25 words).
    pub cjk_chars_per_word: f64,
    /// Share of CJK characters from which a page is read as Chinese or Japanese.
    pub cjk_page_share: f64,
    /// What a boilerplate line costs the report stretch it falls in, in words.
    pub boilerplate_toll: f64,
    /// What a near-good line adds to its stretch, per word (prose adds 1 per word).
    pub near_good_gain: f64,
    /// Most words of a line that is only a length of time ("Lesezeit: 4 Min.",
    /// "Audio: 03:12 Min.", "6 min read").
    pub duration_max_words: usize,
    /// Most characters of an item of a Chinese or Japanese menu line.
    pub cjk_menu_item_chars: usize,
    /// Most words of a credit line with no caption in it ("Foto: Rainer Ausgedacht"):
    /// the line under it is the caption.
    pub bare_credit_words: usize,
    /// Most words of a caption under a bare credit line.
    pub caption_max_words: usize,
    /// Words addressing the reader needed in a line with quotation marks (a quoted
    /// "you" is the report's; consent text quotes its button and says "Sie" twice).
    pub quoted_address_words: usize,
}

pub const LINES: Lines = Lines {
    prose_words: 20,
    sentence_words: 8,
    short_words: 3,
    min_stop_density: 0.08,
    max_digit_share: 0.3,
    max_title_case: 0.8,
    title_case_words: 5,
    reader_address_max_words: 40,
    cjk_chars_per_word: 1.6,
    cjk_page_share: 0.3,
    boilerplate_toll: 5.0,
    duration_max_words: 6,
    quoted_address_words: 2,
    bare_credit_words: 6,
    cjk_menu_item_chars: 5,
    caption_max_words: 30,
    near_good_gain: 0.5,
};
