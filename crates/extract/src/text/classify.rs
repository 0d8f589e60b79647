//! Text pages: every line labelled report or boilerplate by its features, in the spirit
//! of jusText (Pomikálek 2011), rather than by its position or a list of phrases.
//!
//! 1. Features per line: length, the share of the page language's stop words, a
//!    sentence end (`.!?…` and `。！？`), the share of Title-Case words and of digits,
//!    words that address the reader or call to act, a relative time, a photo credit.
//! 2. An initial class: prose (`Good`), prose-like but too short or sparse to tell
//!    alone (`NearGood`), too short to tell (`Short`), or boilerplate (`Bad`).
//! 3. A context pass: a short or near-good line takes the class of its neighbours
//!    (between two report lines it is report; between boilerplate it is boilerplate).
//! 4. The report is the stretch of lines that gains most (prose adds its words,
//!    boilerplate costs a fixed toll): runs of boilerplate at its edges fall outside,
//!    and so does prose-shaped boilerplate beyond them (bios, legal text, appeals).
//!
//! Every threshold is a field of the `LINE_` constants of [`crate::tuning`]. Stop words come from the
//! `stop-words` crate (NLTK lists); the few words that address the reader or call to
//! act are per language in [`crate::lang::reader`].

use std::collections::HashSet;
use std::ops::Range;

use crate::byline::{caption_in, is_photo_caption};
use crate::lang::reader::{READER_WORDS, ReaderWords};
use crate::lang::{Language, is_cjk};
use crate::noise::{Rule, ends_sentence, fold, word_count};
use crate::tuning::{
    LINE_BARE_CREDIT_WORDS, LINE_BOILERPLATE_TOLL, LINE_CAPTION_MAX_WORDS, LINE_CJK_MENU_ITEM_CHARS,
    LINE_DURATION_MAX_WORDS, LINE_MAX_DIGIT_SHARE, LINE_MAX_TITLE_CASE, LINE_MIN_STOP_DENSITY, LINE_NEAR_GOOD_GAIN,
    LINE_PROSE_WORDS, LINE_QUOTED_ADDRESS_WORDS, LINE_READER_ADDRESS_MAX_WORDS, LINE_SENTENCE_WORDS, LINE_SHORT_WORDS,
    LINE_TITLE_CASE_WORDS, LISTING_ITEM_MAX_PARAGRAPHS, LISTING_MARKER_MAX_WORDS, LISTING_MIN_ITEMS,
};

/// jusText's classes of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Good,
    NearGood,
    Short,
    Bad,
}

/// A line's class before and after the context pass, and why it is boilerplate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub initial: Class,
    pub class: Class,
    /// The rule that made the line boilerplate, for `--explain`.
    pub reason: Option<Rule>,
    /// Words, Chinese and Japanese counted as `noise::word_count` counts them.
    pub words: f64,
    /// An ad slot ("Advertisement"): dropped, but it says nothing of the lines around
    /// it, which may be one sentence cut in two.
    pub transparent: bool,
}

impl Label {
    /// Prose of the report: prose alone, or prose-like and confirmed by its neighbours.
    pub fn is_prose(&self) -> bool {
        matches!(self.initial, Class::Good | Class::NearGood) && self.class == Class::Good
    }

    pub fn is_boilerplate(&self) -> bool {
        self.initial == Class::Bad
    }

    /// Short or near-good, and sided with boilerplate by the context pass.
    pub fn is_boilerplate_by_context(&self) -> bool {
        self.initial != Class::Bad && self.class == Class::Bad
    }

    /// Boilerplate that a headline never is: a credit, a relative time, a line that
    /// addresses the reader (a row of capitalised words may be a headline in Title Case).
    pub fn rules_out_headline(&self) -> bool {
        matches!(
            self.reason,
            Some(
                Rule::PhotoCredit
                    | Rule::RelativeTime
                    | Rule::AddressesReader
                    | Rule::ReadingTime
                    | Rule::LiveTicker
                    | Rule::NumbersOnly
                    | Rule::Navigation
            )
        )
    }
}

/// Chinese and Japanese: no spaces, so calls to act are matched inside the line.
const CJK_ACTIONS: &[&str] = &[
    "登录",
    "注册",
    "扫码",
    "扫描",
    "关注",
    "下载",
    "订阅",
    "点击",
    "分享",
    "转载",
    "评论",
    "ログイン",
    "会員登録",
    "シェア",
    "フォロー",
    "購読",
    "ダウンロード",
    "コメント",
    "広告",
];
/// Chinese and Japanese address the reader with honorific requests and the polite "you"
/// ("続きをお読みいただけます", "ご理解ください", "您"), matched outside quotations: a
/// paywall, a notice or a sign-up speaks so, a report only in its quotes.
const CJK_READER_ADDRESS: &[&str] = &[
    "ください",
    "いただけます",
    "いただけません",
    "いただきます",
    "ご利用",
    "ご理解",
    "お願いいたします",
    "会員限定",
    "您",
];

/// Whether a Chinese or Japanese line speaks to the reader, outside its quotations.
fn cjk_addresses_reader(line: &str) -> bool {
    let mut outside = String::with_capacity(line.len());
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '「' | '『' | '“' => depth += 1,
            '」' | '』' | '”' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    CJK_READER_ADDRESS.iter().any(|marker| outside.contains(marker))
}

/// Photo credits in Chinese and Japanese: "（写真：…）", "资料图片", "图片来源".
const CJK_CREDITS: &[&str] = &["写真：", "写真:", "资料图片", "图片来源", "（图", "提供）"];
/// "3小时前", "3時間前": a number, a unit, then 前.
const CJK_AGO: &str = "前";

/// Units of a relative time, folded, in the languages above ("3 hours ago", "vor 2 Std.").
const TIME_UNITS: &[&str] = &[
    "min", "minute", "minutes", "mins", "h", "hr", "hrs", "hour", "hours", "day", "days", "heure", "heures", "jour",
    "jours", "minuten", "stunde", "stunden", "std", "tag", "tagen", "hora", "horas", "minuto", "minutos", "dia",
    "dias", "ora", "ore", "minuti", "giorno", "giorni", "uur", "dagen",
];

/// The stop words and reader words of one page's language (all languages when unknown).
pub struct Lexicon {
    stop_words: HashSet<&'static str>,
    reader: Vec<&'static ReaderWords>,
    cjk: bool,
}

impl Lexicon {
    /// The lexicon of `language`; `None` (not told) merges every language's. Chinese and
    /// Japanese have no stop words to count: their lines are read by script and markers.
    pub fn new(language: Option<Language>) -> Lexicon {
        let cjk = matches!(language, Some(Language::Chinese | Language::Japanese));
        let reader: Vec<&ReaderWords> =
            READER_WORDS.iter().filter(|words| language.is_none_or(|language| language == words.language)).collect();
        let reader = if reader.is_empty() { READER_WORDS.iter().collect() } else { reader };
        let stop_words = reader
            .iter()
            .filter_map(|words| stop_words::lookup(words.language.code()))
            .flat_map(|list| list.iter().copied())
            .collect();
        Lexicon { stop_words, reader, cjk }
    }

    /// The terms of `text` that say what it is about: its words of three letters or more
    /// that are not stop words, cut to `TERM_PREFIX_CHARS` letters so that "search" and
    /// "searches" meet; in Chinese and Japanese, which have no spaces, each pair of
    /// characters.
    pub fn terms(&self, text: &str) -> HashSet<String> {
        let mut terms = HashSet::new();
        // Folding would spell Chinese and Japanese in Latin letters: their words are left to
        // the pairs below.
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.chars().any(is_cjk)) {
            let word = fold(word);
            if word.chars().count() >= 3
                && !self.stop_words.contains(word.as_str())
                && !word.chars().all(|c| c.is_ascii_digit())
            {
                terms.insert(word.chars().take(TERM_PREFIX_CHARS).collect());
            }
        }
        let cjk: Vec<char> = text.chars().collect();
        for pair in cjk.windows(2) {
            if pair.iter().all(|&c| is_cjk(c) && c.is_alphabetic()) {
                terms.insert(pair.iter().collect());
            }
        }
        terms
    }
}

/// Letters of a word kept as its term: enough to tell words apart, few enough that a
/// plural or a conjugation meets its stem.
const TERM_PREFIX_CHARS: usize = 6;

/// What the classifier reads off one line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    pub words: f64,
    pub stop_density: f64,
    pub sentence_end: bool,
    pub title_case: f64,
    pub digit_share: f64,
    pub addresses_reader: bool,
    pub calls_to_act: bool,
    pub relative_time: bool,
    pub credit: bool,
    /// Ends with `?` or `!`.
    pub question: bool,
    /// " | " between a headline and its site, or between menu items.
    pub site_separator: bool,
    /// Ends with a colon: introduces a list or a quote.
    pub introduces: bool,
    /// Only a length of time: a reading time, an audio or video length.
    pub duration: bool,
    /// Starts with a clock time, then words: an entry of a live ticker ("17:45 Le ministre…").
    pub timestamped: bool,
    /// Starts with a label in capitals before a dash: a teaser ("VIDÉO - …", "ANALYSIS - …").
    pub teaser_label: bool,
    /// Chinese or Japanese words of a few characters between spaces: a menu
    /// ("トップ ニュース 経済 国際"); their prose and headlines are not spaced.
    pub cjk_menu: bool,
}

pub fn features(line: &str, lexicon: &Lexicon) -> Features {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let cjk_chars = line.chars().filter(|&c| is_cjk(c) && c.is_alphabetic()).count();
    let words = word_count(line) as f64;
    let folded = fold(line);
    let folded_words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .flat_map(|w| w.split('\''))
        .filter(|w| !w.is_empty())
        .collect();
    let stops = folded_words.iter().filter(|w| lexicon.stop_words.contains(*w)).count();
    // "( read original story …)", "Read more...": a short line cut by an ellipsis is a
    // link or a teaser, not a sentence.
    let trailing = line.trim_end().trim_end_matches([')', ']', ' ']);
    let cut_short = (trailing.ends_with('…') || trailing.ends_with("...")) && words < LINE_SENTENCE_WORDS as f64;
    let sentence_end = !cut_short
        && (ends_sentence(line)
            || line.trim_end().trim_end_matches(['」', '”', '）', ')']).ends_with(['。', '！', '？']));
    let stop_density = if cjk_chars > 0 || folded_words.is_empty() {
        // Chinese and Japanese are not split into words: a sentence end stands in for it.
        if sentence_end { 1.0 } else { 0.0 }
    } else {
        stops as f64 / folded_words.len() as f64
    };
    let capitalised = tokens
        .iter()
        .skip(1)
        .filter(|t| t.chars().count() >= 3 && !lexicon.stop_words.contains(fold(t).as_str()))
        .filter(|t| t.chars().next().is_some_and(char::is_uppercase))
        .count();
    let content_words = tokens
        .iter()
        .skip(1)
        .filter(|t| t.chars().count() >= 3 && !lexicon.stop_words.contains(fold(t).as_str()))
        .count();
    let title_case = if content_words == 0 { 0.0 } else { capitalised as f64 / content_words as f64 };
    let visible = line.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let digit_share = line.chars().filter(char::is_ascii_digit).count() as f64 / visible as f64;
    let has_word = |phrase: &str| {
        if phrase.contains(' ') { folded.contains(phrase) } else { folded_words.contains(&phrase) }
    };
    // Folding spells Chinese and Japanese in Latin letters ("you" is 有): their lines are
    // read by their own markers only.
    let latin = cjk_chars == 0;
    let quoted = line.contains(['"', '“', '”', '«', '»', '„', '「', '」']);
    let address_words = lexicon
        .reader
        .iter()
        .flat_map(|words| words.address.iter())
        .map(|w| {
            if w.starts_with(char::is_uppercase) {
                // "Sie": the polite "you" (a paragraph rarely opens with "Sie", "they").
                tokens.iter().filter(|t| t.trim_matches(|c: char| !c.is_alphabetic()) == *w).count()
            } else {
                folded_words.iter().filter(|word| *word == w).count()
            }
        })
        .sum::<usize>();
    let needed = if quoted { LINE_QUOTED_ADDRESS_WORDS } else { 1 };
    let addresses_reader = (latin && address_words >= needed) || (lexicon.cjk && cjk_addresses_reader(line));
    let calls_to_act = (latin && lexicon.reader.iter().any(|words| words.actions.iter().any(|w| has_word(w))))
        || (lexicon.cjk && CJK_ACTIONS.iter().any(|w| line.contains(w)));
    let relative_time = (latin && relative_time(&folded_words, lexicon)) || (lexicon.cjk && cjk_relative_time(line));
    // "©Agency / Name The candidates at…": a credit before its caption.
    let credit = caption_in(line).is_some()
        || is_photo_caption(line)
        || line.trim_start().starts_with('©')
        || (latin && credit_marker(&folded))
        || CJK_CREDITS.iter().any(|marker| line.contains(marker));
    Features {
        words,
        stop_density,
        sentence_end,
        title_case,
        digit_share,
        addresses_reader,
        calls_to_act,
        relative_time,
        credit,
        question: line.trim_end().trim_end_matches(['"', '»', '”', ' ']).ends_with(['?', '!', '？', '！']),
        // A paragraph of several sentences is prose, whatever separates its last words
        // ("… réclamer des rançons. TF1 | Reportage J. Garrel").
        site_separator: line.contains(" | ") && line.matches(". ").count() < 2,
        introduces: line.trim_end().ends_with([':', '：']),
        duration: tokens.len() <= LINE_DURATION_MAX_WORDS && duration(&folded_words),
        timestamped: timestamped(&tokens),
        teaser_label: teaser_label(&tokens),
        cjk_menu: cjk_chars > 0
            && tokens.len() >= 3
            && tokens.iter().all(|t| t.chars().count() <= LINE_CJK_MENU_ITEM_CHARS),
    }
}

/// "Foto: …", "Bild: …", "(Image symbolique - …)", "EFE/Name", "(写真：…)".
fn credit_marker(folded: &str) -> bool {
    let start = folded.trim_start_matches(['(', '[', '*', '_']);
    [
        "foto:",
        "bild:",
        "image:",
        "imagen:",
        "photo:",
        "photograph:",
        "credit:",
        "credit photo",
        "credits photo",
        "photo credit",
        "image symbolique",
        "symbolbild",
        "illustration:",
    ]
    .iter()
    .any(|marker| start.starts_with(marker) || folded.contains(&format!("({marker}")))
}

/// A number and a unit of time beside a word for "ago": "3 hours ago", "vor 3 Stunden".
fn relative_time(words: &[&str], lexicon: &Lexicon) -> bool {
    words.iter().enumerate().any(|(at, word)| {
        let number = word.chars().all(|c| c.is_ascii_digit())
            || word.trim_end_matches(char::is_alphabetic).chars().all(|c| c.is_ascii_digit())
                && word.chars().next().is_some_and(|c| c.is_ascii_digit());
        if !number {
            return false;
        }
        let unit = words.get(at + 1).is_some_and(|next| TIME_UNITS.contains(next))
            || TIME_UNITS.contains(&word.trim_start_matches(|c: char| c.is_ascii_digit()));
        let near = |phrase: &str| {
            let phrase: Vec<&str> = phrase.split(' ').collect();
            let before = at.checked_sub(phrase.len()).is_some_and(|from| words[from..at] == phrase[..]);
            let after = words.get(at + 2..at + 2 + phrase.len()).is_some_and(|slice| slice == &phrase[..]);
            before || after
        };
        unit && lexicon.reader.iter().any(|language| language.ago.iter().any(|ago| near(ago)))
    })
}

/// Units of a length of time, folded: "4 min", "3 Minuten", "2 minuti", "03:12".
const MINUTE_UNITS: &[&str] = &["min", "mins", "minute", "minutes", "minuten", "minuti", "minutos", "minuto", "minuut"];

/// A number of minutes or a clock length: "Lesezeit: 4 Min.", "6 min read", "02:31 Min.".
fn duration(words: &[&str]) -> bool {
    words.windows(2).any(|pair| pair[0].chars().all(|c| c.is_ascii_digit()) && MINUTE_UNITS.contains(&pair[1]))
}

/// "17:45 Le ministre…", "19h02 Le ministre…", "+++ 10:45 …": a clock time first, then words.
fn timestamped(tokens: &[&str]) -> bool {
    let tokens: Vec<&str> = tokens.iter().copied().skip_while(|t| t.chars().all(|c| c == '+')).collect();
    let Some(first) = tokens.first() else { return false };
    let clock = first.split_once([':', 'h']).is_some_and(|(hours, minutes)| {
        (1..=2).contains(&hours.len())
            && minutes.len() == 2
            && hours.chars().chain(minutes.chars()).all(|c| c.is_ascii_digit())
    });
    clock && tokens.len() >= 3
}

/// "VIDÉO - Les coulisses…", "ANALYSIS - South-east Asia's…", "EN DIRECT | Última hora…".
fn teaser_label(tokens: &[&str]) -> bool {
    let Some(dash) = tokens.iter().position(|t| matches!(*t, "-" | "–" | "—" | "|")) else { return false };
    let label = &tokens[..dash];
    // "AMSTERDAM (AP) — Veldmark…", "PARIS, 3 mars -": a wire dateline, not a label.
    !label.is_empty()
        && !label.iter().any(|t| t.contains(['(', ',']))
        && label.len() <= 3
        && label.iter().all(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && label.iter().all(|t| t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
        && tokens.len() > dash + 2
}

/// "3小时前", "5時間前", "2天前".
fn cjk_relative_time(line: &str) -> bool {
    line.match_indices(CJK_AGO).any(|(at, _)| {
        let before: String = line[..at].chars().rev().take(4).collect();
        before.chars().any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            && ["时", "時", "分", "天", "日"].iter().any(|unit| before.contains(unit))
    })
}

/// The initial class of a line, and the feature that made it boilerplate.
pub fn initial_class(features: &Features, rule: Option<Rule>) -> (Class, Option<Rule>) {
    if rule.is_some() {
        return (Class::Bad, rule);
    }
    if features.relative_time {
        return (Class::Bad, Some(Rule::RelativeTime));
    }
    if features.duration {
        return (Class::Bad, Some(Rule::ReadingTime));
    }
    if features.timestamped {
        return (Class::Bad, Some(Rule::LiveTicker));
    }
    if features.teaser_label && !features.sentence_end {
        return (Class::Bad, Some(Rule::Related));
    }
    if features.credit {
        return (Class::Bad, Some(Rule::PhotoCredit));
    }
    // "Here's what you need to know:" introduces the report's own list.
    let long = features.words > LINE_READER_ADDRESS_MAX_WORDS as f64 || features.introduces;
    if (features.addresses_reader || features.calls_to_act) && !long {
        return (Class::Bad, Some(Rule::AddressesReader));
    }
    if features.cjk_menu {
        return (Class::Bad, Some(Rule::Navigation));
    }
    if features.digit_share > LINE_MAX_DIGIT_SHARE {
        return (Class::Bad, Some(Rule::NumbersOnly));
    }
    if features.words >= LINE_TITLE_CASE_WORDS as f64
        && !features.sentence_end
        && features.title_case >= LINE_MAX_TITLE_CASE
    {
        return (Class::Bad, Some(Rule::NameRow));
    }
    if features.words < LINE_SHORT_WORDS as f64 && !features.sentence_end {
        return (Class::Short, None);
    }
    // A question or a line with a site's " | " reads as a headline, not as the report.
    let headline_shaped = features.site_separator || (features.question && features.words < LINE_PROSE_WORDS as f64);
    let prose_length = features.words >= LINE_PROSE_WORDS as f64
        || (features.words >= LINE_SENTENCE_WORDS as f64 && features.sentence_end);
    if prose_length && features.stop_density >= LINE_MIN_STOP_DENSITY && !headline_shaped {
        return (Class::Good, None);
    }
    // A short sentence ("Shares fell 4%."); a line that does not end like one is a
    // headline, a teaser or a label (a subheading is told apart later, by its place).
    if features.sentence_end && features.words >= LINE_SHORT_WORDS as f64 && !headline_shaped {
        return (Class::NearGood, None);
    }
    (Class::Short, None)
}

/// Labels every line; `rules` are the phrase and shape rules that caught a line already.
pub fn label(lines: &[&str], rules: &[Option<Rule>], lexicon: &Lexicon) -> Vec<Label> {
    let mut labels: Vec<Label> = lines
        .iter()
        .zip(rules)
        .map(|(line, &rule)| {
            let features = features(line, lexicon);
            let (initial, reason) = initial_class(&features, rule);
            let transparent = rule == Some(Rule::Advertising);
            Label { initial, class: initial, reason, words: features.words, transparent }
        })
        .collect();
    // "Foto: Rainer Ausgedacht" / "Die Werft soll zur Chipfabrik werden.": the line
    // under a bare credit is its caption, not the report.
    for at in 1..labels.len() {
        let under_credit = labels[at - 1].reason == Some(Rule::PhotoCredit)
            && labels[at - 1].words <= LINE_BARE_CREDIT_WORDS as f64
            && matches!(labels[at].initial, Class::Good | Class::NearGood)
            && labels[at].words <= LINE_CAPTION_MAX_WORDS as f64;
        if under_credit {
            labels[at].initial = Class::Bad;
            labels[at].reason = Some(Rule::PhotoCredit);
        }
    }
    mark_listings(lines, &mut labels);
    context(&mut labels);
    labels
}

/// Short lines that recur alike but for their digits ("Valoración:3menosmas",
/// "Reply · 12 likes") at least `LISTING_MIN_ITEMS` times after the report has begun,
/// with one to `LISTING_ITEM_MAX_PARAGRAPHS` lines of prose between each two, mark the items of a listing: a comment thread, a rail
/// of teasers. From the first marker on, the page's prose is the listing's.
fn mark_listings(lines: &[&str], labels: &mut [Label]) {
    let Some(first_prose) = labels.iter().position(|l| l.initial == Class::Good) else { return };
    let shape =
        |line: &str| -> String { fold(line).chars().filter(|c| !c.is_ascii_digit() && !c.is_whitespace()).collect() };
    let mut markers: Vec<(String, Vec<usize>)> = Vec::new();
    for at in first_prose + 1..lines.len() {
        let label = &labels[at];
        let marker = label.initial != Class::Good
            && label.words <= LISTING_MARKER_MAX_WORDS as f64
            && !label.transparent
            && label.reason != Some(Rule::PhotoCredit);
        let key = shape(lines[at]);
        // A marker says something: a clock time or a bare number is a ticker's, not a listing's.
        if !marker || key.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        match markers.iter_mut().find(|(shape, _)| *shape == key) {
            Some((_, ats)) => ats.push(at),
            None => markers.push((key, vec![at])),
        }
    }
    // A comment is a paragraph or three; a rail repeated between the report's parts has
    // many paragraphs of the report between its copies.
    let prose_between = |from: usize, to: usize| {
        let prose = labels[from + 1..to].iter().filter(|l| matches!(l.initial, Class::Good | Class::NearGood)).count();
        (1..=LISTING_ITEM_MAX_PARAGRAPHS).contains(&prose)
    };
    // The first item stands above the first marker. When every item is the same run of
    // lines, opening with one that is not prose (an author's name, a teaser's headline),
    // the run above the first marker shaped the same is the first item.
    let first_item = |ats: &[usize]| {
        let gap = ats[1] - ats[0];
        let alike = gap > 2 && ats.windows(2).all(|pair| pair[1] - pair[0] == gap);
        let opens = |at: usize| labels[at].initial != Class::Good;
        match ats[0].checked_sub(gap - 1) {
            Some(from)
                if alike
                    && from > first_prose
                    && opens(from)
                    && opens(ats[0] + 1)
                    && prose_between(from - 1, ats[0]) =>
            {
                from
            }
            _ => ats[0],
        }
    };
    let start = markers
        .iter()
        .filter(|(_, ats)| ats.len() >= LISTING_MIN_ITEMS && ats.windows(2).all(|pair| prose_between(pair[0], pair[1])))
        .map(|(_, ats)| first_item(ats))
        .min();
    if let Some(start) = start {
        for label in &mut labels[start..] {
            if label.reason.is_none() {
                label.initial = Class::Bad;
                label.reason = Some(Rule::Listing);
            }
        }
    }
}

/// jusText's context pass: a short or near-good line takes the class of the nearest
/// decided lines around it. Between two report lines it is report; next to
/// boilerplate (or the page's edge) on both sides it is boilerplate; with one of each,
/// a near-good line is report and a short one boilerplate.
fn context(labels: &mut [Label]) {
    for label in labels.iter_mut() {
        label.class = label.initial;
    }
    let decided = |label: &Label| matches!(label.initial, Class::Good | Class::Bad) && !label.transparent;
    for at in 0..labels.len() {
        if decided(&labels[at]) {
            continue;
        }
        let before = labels[..at].iter().rev().find(|l| decided(l)).map(|l| l.initial);
        let after = labels[at + 1..].iter().find(|l| decided(l)).map(|l| l.initial);
        let good = |class: Option<Class>| class == Some(Class::Good);
        labels[at].class = match (good(before), good(after)) {
            (true, true) => Class::Good,
            (false, false) => Class::Bad,
            _ if labels[at].initial == Class::NearGood => Class::Good,
            _ => Class::Bad,
        };
    }
}

/// Marks line `at` as boilerplate for a reason found outside the line (a reporter's
/// biography), and lets the context pass weigh its neighbours again.
pub fn mark_boilerplate(labels: &mut [Label], at: usize, rule: Rule) {
    labels[at].initial = Class::Bad;
    labels[at].reason = Some(rule);
    context(labels);
}

/// The stretch of lines the report is: the run that gains most, prose adding its
/// words and boilerplate costing `boilerplate_toll` (Kadane's maximum subarray).
/// Empty when the page has no prose.
pub fn report_span(labels: &[Label]) -> Range<usize> {
    let gain = |label: &Label| match (label.initial, label.class) {
        (Class::Good, _) => label.words,
        (Class::NearGood, Class::Good) => label.words * LINE_NEAR_GOOD_GAIN,
        (Class::Bad, _) if !label.transparent => -LINE_BOILERPLATE_TOLL,
        _ => 0.0,
    };
    let (mut best, mut best_span) = (0.0, 0..0);
    let (mut running, mut start) = (0.0, 0);
    for (at, label) in labels.iter().enumerate() {
        if running <= 0.0 {
            running = 0.0;
            start = at;
        }
        running += gain(label);
        if running > best {
            best = running;
            best_span = start..at + 1;
        }
    }
    // The stretch starts and ends on prose: leading and trailing neutral lines are not its.
    let first =
        labels[best_span.clone()].iter().position(|l| gain(l) > 0.0).map_or(best_span.end, |i| best_span.start + i);
    let last = labels[best_span.clone()].iter().rposition(|l| gain(l) > 0.0).map_or(first, |i| best_span.start + i + 1);
    first..last.max(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(page: &[&str], language: Language) -> Vec<Label> {
        let lexicon = Lexicon::new(Some(language));
        let rules: Vec<Option<Rule>> = page.iter().map(|line| crate::noise::classify(line)).collect();
        label(page, &rules, &lexicon)
    }

    #[test]
    fn prose_in_any_language_is_report_and_reader_address_is_not() {
        let page = [
            "Der Zoll in Hamburg hat eine Lieferung von Chipgehäusen gestoppt, die über einen Händler in Hongkong nach Russland gehen sollte.",
            "Sie haben 82 Prozent des Artikels noch vor sich.",
            "Alle Artikel lesen, jederzeit kündbar. Sie sind bereits Abonnent? Hier anmelden.",
        ];
        let labels = labels(&page, Language::German);
        assert!(labels[0].is_prose(), "{labels:?}");
        assert!(labels[1].is_boilerplate() && labels[2].is_boilerplate(), "{labels:?}");
    }

    #[test]
    fn relative_times_credits_and_menus_are_boilerplate() {
        let lexicon = Lexicon::new(None);
        let class = |line: &str| initial_class(&features(line, &lexicon), None).0;
        assert_eq!(class("vor 3 Stunden"), Class::Bad);
        assert_eq!(class("Pedro G. hace 5 horas"), Class::Bad);
        assert_eq!(class("Luca P. 3 ore fa"), Class::Bad);
        assert_eq!(class("Imagen de archivo de una oblea de silicio. Foto: EFE/Marta Inventada"), Class::Bad);
        assert_eq!(class("Startseite Wirtschaft Unternehmen Technik Finanzen Meinung"), Class::Bad);
        assert_eq!(class("Tempo di lettura: 3 minuti"), Class::Bad);
        assert_eq!(class("19h02 Le ministre salue « un signal fort »"), Class::Bad);
        assert_eq!(class("VIDÉO - Les coulisses d'une salle blanche"), Class::Bad);
        // Headlines and teasers do not end like a sentence: their neighbours decide.
        assert_eq!(class("Veldmark retrasa la entrega de sus nuevas máquinas de litografía a Asia"), Class::Short);
        assert_eq!(class("Kelpwave schließt Entwicklungszentrum in München"), Class::Short);
        assert_eq!(class("Veldmark said on Wednesday it would cut jobs."), Class::Good);
        assert_eq!(class("Shares fell 4%."), Class::NearGood);
    }

    #[test]
    fn chinese_and_japanese_prose_by_script_and_sentence_end() {
        let lexicon = Lexicon::new(Some(Language::Chinese));
        let class = |line: &str| initial_class(&features(line, &lexicon), None).0;
        assert_eq!(
            class("荷兰光刻设备制造商维尔德马克周二表示，将扩建其位于上海的维修中心，新增约一百名工程师。"),
            Class::Good
        );
        assert_eq!(class("同社は代理店との契約を解除し、社内の輸出管理体制を強化するとしている。"), Class::Good);
        assert_eq!(class("用户8812：3小时前"), Class::Bad);
        assert_eq!(class("扫码下载客户端，阅读更多精彩内容"), Class::Bad);
        assert_eq!(class("トップ ニュース 経済 国際 スポーツ"), Class::Bad);
    }

    #[test]
    fn prose_shaped_boilerplate_beyond_a_wall_falls_outside_the_report() {
        let page = [
            "Brussels has approved a €310 million subsidy for Ostrava Micro's planned chip plant in Brno, clearing the last regulatory hurdle for the largest industrial investment in the Czech Republic this decade.",
            "The European Commission said the aid was necessary because the plant would make power chips that are in short supply in Europe.",
            "You've reached your limit of free articles",
            "Create a free account to keep reading, or subscribe for unlimited access.",
            "Already have an account? Sign in",
            "Harriet Nonesuch is the Dispatch's technology correspondent. She previously covered trade from Geneva.",
        ];
        let labels = labels(&page, Language::English);
        assert_eq!(report_span(&labels), 0..2, "{labels:?}");
    }

    #[test]
    fn a_short_line_between_paragraphs_is_report() {
        let page = [
            "Kelpwave opened a chip packaging plant near Porto on Monday, the company said, after two years of building work.",
            "Shares fell 4%.",
            "The plant will employ about 600 people when it reaches full output next year, it said.",
        ];
        let labels = labels(&page, Language::English);
        assert_eq!(labels[1].class, Class::Good);
        assert_eq!(report_span(&labels), 0..3);
    }
}
