//! A page saved as plain text -> a [`Page`]: headline, dateline, caption, body.
//!
//! Such a page is the text of a browser window: navigation before the headline, the
//! report, then widgets. The line classifier (`classify.rs`) labels every line report
//! or boilerplate by its features and takes the report as the stretch that gains most;
//! the headline is chosen among the lines above its first prose line; inside it, lines
//! are read as metadata, captions, paragraphs, list items and subheadings, and
//! everything else is dropped with the rule that caught it.

pub(crate) mod classify;
mod lines;

use lines::{Line, unwrap_paragraphs};

use crate::byline::{
    agency_in, agency_in_parentheses, agency_named, byline_in, caption_in, french_credits, is_caption_like,
    is_caption_toggle, is_photo_caption, person_name, reporter_names, reporters_in, same_text,
};
use crate::dates::datelines::{LineDates, dates_in_line, has_date_label, is_date_line};
use crate::dates::{DateContext, find_date, shown_date_in};
use crate::headline::{self, Candidate};
use crate::markdown::{caption, escape};
use crate::noise::{Rule, ends_sentence, fold, is_prose, word_count};
use crate::refusal::Considered;
use crate::tuning::{
    DATED_HEADER_MAX_PROSE_WORDS, HEADER_SEARCH_LINES, HEADLINE_REPORT_WORDS, LEDE_DATELINE_WORDS,
    LINE_BARE_CREDIT_WORDS, LINE_SHORT_WORDS,
};
use crate::{Caption, Dropped, Page};
use classify::{Label, Lexicon};

enum Block {
    Paragraph(String),
    Heading(String),
    Item(String),
    Figure(Caption),
}

/// A line with its runs of spaces made one. The ideographic space (U+3000) inside a line
/// stays: Chinese and Japanese headlines set their parts apart with it
/// ("熊本に保守拠点を新設　技術者100人規模"), where an ASCII space would be a typo.
fn collapse_spaces(line: &str) -> String {
    let line = line.replace('\u{a0}', " ");
    let words = line.split(|c: char| c.is_whitespace() && c != '\u{3000}');
    let words: Vec<&str> = words.map(|w| w.trim_matches('\u{3000}')).filter(|w| !w.is_empty()).collect();
    words.join(" ")
}

pub fn extract(input: &str, context: DateContext) -> Page {
    let raw: Vec<String> = input.lines().map(collapse_spaces).collect();
    let mut page = Page::default();
    let lines = unwrap_paragraphs(&raw, context, &mut page.dropped);
    let drop = |page: &mut Page, line: &Line, rule: Rule| {
        page.dropped.push(Dropped { location: format!("line {}", line.number), text: line.text.clone(), rule });
    };

    let lexicon = Lexicon::new(context.language);
    let texts: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
    let rules: Vec<Option<Rule>> = lines.iter().map(|line| line.rule).collect();
    let mut labels = classify::label(&texts, &rules, &lexicon);
    let first_report = classify::report_span(&labels);
    let first_start = body_start(&lines, &labels, first_report);
    mark_biographies(&lines, &mut labels, first_start);
    let report = classify::report_span(&labels);
    let stretch_start = report.start;
    let report = after_dated_header(&lines, &labels, report, context);
    if report.start != stretch_start
        && let Some(dated) = report.start.checked_sub(1).and_then(|at| lines.get(at))
    {
        page.notes.push(format!(
            "the date line on line {} under its headline opens the report: the prose above the headline is left out",
            dated.number
        ));
    }
    // A list the report ends in goes on to its last item ("- Orders rose by a third…"),
    // short or not: the items of one list are alike.
    let mut report_end = report.end;
    while report_end > report.start
        && report_end < lines.len()
        && list_item(&lines[report_end - 1].text).is_some()
        && list_item(&lines[report_end].text).is_some()
        && labels[report_end].initial != classify::Class::Bad
    {
        report_end += 1;
    }
    let report = report.start..report_end;
    let body_start = body_start(&lines, &labels, report.clone());
    let header_start = body_start.saturating_sub(HEADER_SEARCH_LINES);
    let candidates: Vec<Candidate<'_>> = lines
        .iter()
        .zip(&labels)
        .enumerate()
        .map(|(at, (line, label))| {
            // "What you need to know about…" may be a headline; "Subscribe now" is not.
            let addresses_reader = label.reason == Some(Rule::AddressesReader)
                && at >= header_start
                && !classify::features(&line.text, &lexicon).calls_to_act;
            Candidate {
                number: line.number,
                text: &line.text,
                // A date line is no headline, but the scorer reads it as the headline's neighbour.
                noise: at < header_start
                    || line.rule.is_some()
                    || (label.rules_out_headline() && !addresses_reader && !is_date_line(&line.text, context)),
                addresses_reader,
            }
        })
        .collect();
    let opening = report_opening(&lines, &labels, body_start..report.end.max(body_start));
    let (title_at, considered) = headline::choose(&candidates, body_start, &lexicon.terms(&opening), &lexicon, context);
    page.title_candidates = considered;
    // Without a headline (one may be given with --title) the body is read all the same.
    let title_at = title_at.unwrap_or(usize::MAX);
    // The headline shown again without the site's name is the headline's own line: what
    // stands between (the top bar's date, a menu) is above the headline.
    let title_at = lines
        .get(title_at)
        .and_then(|line| shown_without_suffix(&lines, header_start..body_start.min(lines.len()), &line.text))
        .unwrap_or(title_at);
    if let Some(line) = lines.get(title_at) {
        page.title = headline::without_site_or_kicker(&line.text).to_owned();
    }

    // The report ends where the classifier's report stretch ends, or at its credits line
    // ("(Reporting by …; Editing by …)", "【編輯：…】"): what follows is the site's.
    let body_end = (body_start..report.end)
        .find_map(|at| {
            let text = lines[at].text.as_str();
            if lines[at].rule == Some(Rule::WireCredits) { Some(at + 1) } else { is_editor_credit(text).then_some(at) }
        })
        .unwrap_or(report.end);
    let mut blocks: Vec<Block> = Vec::new();
    let mut body_started = false;
    let mut widget: Option<Rule> = None;
    let mut dates_above = (None, None);
    for (index, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        if index == title_at {
            continue;
        }
        if let Some(credits) = french_credits(text) {
            page.credits.get_or_insert(credits);
            drop(&mut page, line, Rule::WireCredits);
            continue;
        }
        if line.rule == Some(Rule::WireCredits) {
            if page.byline.is_none() {
                page.byline = reporters_in(text);
            }
            drop(&mut page, line, Rule::WireCredits);
            continue;
        }
        if line.rule == Some(Rule::ReadingTime)
            && let Some(agency) = text.split(['•', '|', '·', '-']).next().and_then(agency_named)
        {
            page.agency.get_or_insert(agency.to_owned());
        }
        if let Some(rule) = line.rule {
            widget = rule.opens_widget().then_some(rule).or(widget);
            drop(&mut page, line, rule);
            continue;
        }
        let repeat = lines[..index].iter().any(|earlier| earlier.rule.is_none() && same_text(&earlier.text, text));
        if repeat {
            drop(&mut page, line, Rule::DuplicateCaption);
            continue;
        }
        // "Ana Ficta" / "Technology reporter": a name above the reporter's role.
        if page.byline.is_none()
            && lines.get(index + 1).is_some_and(|next| is_reporter_role(&next.text))
            && let Some(name) = person_name(text)
        {
            page.byline = Some(name);
            drop(&mut page, line, Rule::Metadata);
            continue;
        }
        if index > 0 && is_reporter_role(text) && page.byline.as_deref() == Some(lines[index - 1].text.as_str()) {
            drop(&mut page, line, Rule::Metadata);
            continue;
        }
        let mut dates = LineDates::default();
        if !is_prose(text) && !is_caption_like(text) && read_header(&mut page, text, context, &mut dates) {
            // The dateline under the headline is the page's; one above it (the day's date
            // in the site's top bar) only when there is none under it; a bare date after
            // the report belongs to a teaser or a list of other stories.
            if index < title_at && title_at != usize::MAX {
                // Above the headline, the date line nearest to it.
                dates_above.0 = dates.published.or(dates_above.0);
                dates_above.1 = dates.updated.or(dates_above.1);
            } else if index < body_end
                || labelled_date(text)
                || (has_date_label(text) && word_count(text) <= LINE_SHORT_WORDS * 2)
            {
                dates.add_to(&mut page.published, &mut page.updated);
            }
            drop(&mut page, line, Rule::Metadata);
            continue;
        }
        if (title_at != usize::MAX && index < title_at) || index >= body_end {
            drop(
                &mut page,
                line,
                if index < title_at { Rule::BeforeHeadline } else { widget.unwrap_or(Rule::AfterBody) },
            );
            continue;
        }
        // A caption is shown twice (under the photo and in the gallery); so are menu items
        // ("Local", "首页"), which are not captions: a caption describes, in words.
        let repeated_later = word_count(text) > LINE_SHORT_WORDS
            && !labels[index].is_boilerplate()
            && lines[index + 1..].iter().any(|later| same_text(&later.text, text));
        // "Crédit photo : Unsplash / Name": a credit with no caption in it says nothing.
        if labels[index].reason == Some(Rule::PhotoCredit)
            && labels[index].words <= (LINE_BARE_CREDIT_WORDS + 2) as f64
            && caption_in(text).is_none()
        {
            drop(&mut page, line, Rule::PhotoCredit);
            continue;
        }
        let toggled = lines.get(index + 1).is_some_and(|next| is_caption_toggle(&next.text));
        let found = caption_in(text).or_else(|| {
            (repeated_later || toggled || is_caption_like(text) && (!is_prose(text) || is_photo_caption(text)))
                .then(|| Caption { text: text.to_owned(), credit: None })
        });
        if let Some(found) = found {
            if page.caption.is_none() {
                page.caption = Some(found);
            } else {
                blocks.push(Block::Figure(found));
            }
            continue;
        }
        if let Some(rule) = labels[index].reason.filter(|_| labels[index].is_boilerplate()) {
            drop(&mut page, line, rule);
            continue;
        }
        if labels[index].is_boilerplate_by_context() && list_item(text).is_none() {
            drop(&mut page, line, widget.unwrap_or(Rule::ShortFragment));
            continue;
        }
        let words = word_count(text);
        // "• Home", "• Contact us" above the report: a menu, not the summary's points.
        if index < body_start && list_item(text).is_some_and(|item| word_count(item) < LINE_SHORT_WORDS) {
            drop(&mut page, line, Rule::Navigation);
            continue;
        }
        if let Some(item) = list_item(text) {
            match widget {
                Some(rule) => drop(&mut page, line, rule),
                None => blocks.push(Block::Item(item.to_owned())),
            }
            continue;
        }
        // "Here's what you need to know about the new rules:" introduces a list or a quote;
        // so does a shorter "Key points:" when a list or prose follows it.
        let introduces =
            body_started && text.ends_with(':') && (words >= 5 || words >= 2 && next_introduced(&lines[index + 1..]));
        if labels[index].is_prose() || (body_started && words >= 3 && ends_sentence(text)) || introduces {
            body_started = true;
            widget = None;
            blocks.push(Block::Paragraph(text.to_owned()));
            continue;
        }
        if let Some(rule) = widget {
            drop(&mut page, line, rule);
        } else if body_started && is_subheading(text) && next_is_prose(&lines[index + 1..]) {
            blocks.push(Block::Heading(text.to_owned()));
        } else {
            drop(&mut page, line, Rule::ShortFragment);
        }
    }

    if page.published.is_none() && page.updated.is_none() {
        (page.published, page.updated) = dates_above;
    }
    LineDates::settle(&mut page.published, &mut page.updated);
    finish(&mut page, blocks, context);
    if page.published.is_none() {
        shown_date(&mut page, &lines, title_at, body_start, context);
    }
    if page.published.is_none() {
        page.date_candidates = date_candidates(&lines, body_start, context);
    }
    page
}

/// "Knowledge bank: 600 terms explained…" / "• Share" / "Export controls" / "16 October
/// 2020 · Morning edition" / report: a headline with its date line under it opens the
/// report, whatever prose stands above (a site's blurb, a maintenance notice, a teaser):
/// the stretch starts under the date line when a line that can be a headline, of one
/// sentence at most, sits right above it (or above its label, "Publié le" / "13 février
/// 2026") and at most `DATED_HEADER_MAX_PROSE_WORDS` words of prose come before.
fn after_dated_header(
    lines: &[Line],
    labels: &[Label],
    report: std::ops::Range<usize>,
    context: DateContext,
) -> std::ops::Range<usize> {
    let mut prose_words = 0;
    for at in report.clone() {
        if prose_words > DATED_HEADER_MAX_PROSE_WORDS {
            break;
        }
        let text = lines[at].text.as_str();
        let dated = !is_prose(text)
            && !is_caption_like(text)
            && caption_in(text).is_none()
            && shown_date_in(text, context).is_some();
        if !dated {
            if labels[at].is_prose() {
                prose_words += word_count(text);
            }
            continue;
        }
        // A label alone ("Publié le", "Published") may stand between headline and date.
        let above = (at.saturating_sub(2)..at)
            .rev()
            .find(|&i| i >= report.start && !crate::dates::datelines::has_date_label(&lines[i].text))
            .unwrap_or(at);
        let headline = &lines[above].text;
        let one_sentence = !headline.trim_end().trim_end_matches(['.', '!', '?']).contains(". ");
        if above < at
            && one_sentence
            && headline::rejection(headline, context).is_none()
            && (report.start..=above).any(|i| labels[i].is_prose())
            && (at + 1..report.end).any(|i| labels[i].is_prose())
        {
            return at + 1..report.end;
        }
        return report;
    }
    report
}

/// "【編輯：丘某】", "（责任编辑：王某）": the editor's credit that closes a Chinese or
/// Japanese report.
fn is_editor_credit(text: &str) -> bool {
    let inner = text.trim().trim_start_matches(['【', '（', '(', '[']);
    ["编辑", "編輯", "责任编辑", "責任編輯", "責任編集", "编审"]
        .iter()
        .any(|mark| inner.starts_with(mark) && inner[mark.len()..].starts_with([':', '：']))
        && word_count(text) <= LINE_SHORT_WORDS * 4
}

/// "Why chips cost more – The Ledger - Site Name" shown again in the header as "Why chips
/// cost more – The Ledger": the page's title with the site's name after it, and the
/// headline itself; the headline is the shorter.
fn shown_without_suffix(lines: &[Line], header: std::ops::Range<usize>, title: &str) -> Option<usize> {
    header
        .filter(|&at| {
            let shorter = lines[at].text.as_str();
            shorter.len() < title.len()
                && word_count(shorter) >= LINE_SHORT_WORDS
                && title.strip_prefix(shorter).is_some_and(|rest| rest.trim_start().starts_with(['-', '–', '—', '|']))
        })
        .max_by_key(|&at| (lines[at].text.len(), at))
}

/// The text of the report's first prose lines, up to `HEADLINE_REPORT_WORDS` words: what
/// its headline speaks of.
fn report_opening(lines: &[Line], labels: &[Label], report: std::ops::Range<usize>) -> String {
    let mut opening = String::new();
    let mut words = 0;
    for at in report.filter(|&at| labels[at].is_prose()) {
        if words >= HEADLINE_REPORT_WORDS {
            break;
        }
        words += word_count(&lines[at].text);
        opening.push_str(&lines[at].text);
        opening.push('\n');
    }
    opening
}

/// The first line of the report: the first prose line of the classifier's report
/// stretch (prose before it, a cookie banner or a teaser, is outside the stretch).
fn body_start(lines: &[Line], labels: &[Label], report: std::ops::Range<usize>) -> usize {
    report
        .clone()
        .find(|&at| labels[at].initial == classify::Class::Good && caption_in(&lines[at].text).is_none())
        .unwrap_or(if report.is_empty() { lines.len() } else { report.start })
}

/// Without a dateline, the first date the page shows above its report in a short line
/// of its own (not a caption, not a sentence) is the publication date, rather than none:
/// below the headline first, then above it.
fn shown_date(page: &mut Page, lines: &[Line], title_at: usize, body_start: usize, context: DateContext) {
    let end = body_start.min(lines.len());
    let start = end.saturating_sub(HEADER_SEARCH_LINES);
    let title_at = title_at.clamp(start, end);
    let below = lines[title_at..end].iter();
    let shown = below.chain(lines[start..title_at].iter().rev()).find_map(|line| {
        let caption = is_caption_like(&line.text) || caption_in(&line.text).is_some();
        (!is_prose(&line.text) && !caption)
            .then(|| shown_date_in(&line.text, context).map(|date| (line, date)))
            .flatten()
    });
    if let Some((line, date)) = shown {
        page.published = Some(date);
        page.notes.push(format!(
            "no dateline: the date shown on line {} \"{}\" is taken as the publication date",
            line.number, line.text
        ));
    }
}

/// For a refusal: the lines near the headline that hold a number or a date word, and
/// why none gave the date.
fn date_candidates(lines: &[Line], body_start: usize, context: DateContext) -> Vec<Considered> {
    let end = body_start.saturating_add(3).min(lines.len());
    lines[end.saturating_sub(HEADER_SEARCH_LINES)..end]
        .iter()
        .enumerate()
        .filter(|(_, line)| {
            let folded = fold(&line.text);
            line.text.chars().any(|c| c.is_ascii_digit())
                || ["publi", "updated", "mis a jour", "posted", "date"].iter().any(|w| folded.contains(w))
        })
        .map(|(_, line)| {
            let verdict = if line.rule.is_some_and(|r| r != Rule::Metadata) {
                format!("dropped as {}", line.rule.map(Rule::describe).unwrap_or_default())
            } else if find_date(&line.text, context).is_none() {
                "no date in it".to_owned()
            } else if is_caption_like(&line.text) || caption_in(&line.text).is_some() {
                "a photo caption: its date is not the publication date".to_owned()
            } else {
                "a date inside the text, not a dateline".to_owned()
            };
            Considered::new(format!("line {}", line.number), &line.text, verdict)
        })
        .collect()
}

/// Reads a header line into the page; false when it says nothing the page needs. A date
/// counts only on a date line or beside a label, a byline or an agency credit: a date
/// in a caption or a sentence is not the publication date.
fn read_header(page: &mut Page, text: &str, context: DateContext, found: &mut LineDates) -> bool {
    let mut used = false;
    if let Some(byline) = byline_in(text).or_else(|| reporter_names(text)) {
        // "By Reuters", "Par AFP": an agency, not a reporter.
        match agency_named(&byline) {
            Some(agency) => {
                page.agency.get_or_insert(agency.to_owned());
            }
            None => {
                page.byline.get_or_insert(byline);
            }
        }
        used = true;
    }
    if let Some(agency) = agency_in(text).or_else(|| agency_named(text.trim())) {
        page.agency.get_or_insert(agency.to_owned());
        used = true;
    }
    if used || labelled_date(text) || is_date_line(text, context) {
        *found = dates_in_line(text, context);
        used |= !found.is_empty();
    }
    used
}

/// Whether a line labels its date ("Published", "Mis à jour", "发布时间"). The Latin labels
/// are matched as written; the vocabularies' words only where Chinese or Japanese is
/// written, since a short Latin label ("Stand") is also a word of a caption.
fn labelled_date(text: &str) -> bool {
    let folded = fold(text);
    ["publi", "updated", "mis a jour", "posted", "act:", "actualise", "modifie", "date:"]
        .iter()
        .any(|label| folded.contains(label))
        || (text.chars().any(crate::is_cjk) && has_date_label(text))
}

/// Marks the reporters' biographies after the report's start as boilerplate: a line that
/// opens with a name of the byline ("Harriet Nonesuch is the Dispatch's…"; a report
/// never opens a paragraph with its own reporter's name), or that is only the name,
/// with the lines of prose right after it.
fn mark_biographies(lines: &[Line], labels: &mut [Label], body_start: usize) {
    let names: Vec<String> = lines[..body_start.min(lines.len())]
        .iter()
        .filter_map(|line| byline_in(&line.text).or_else(|| reporter_names(&line.text)))
        .flat_map(|names| names.split([',', '&']).map(str::trim).map(str::to_owned).collect::<Vec<_>>())
        .flat_map(|names| {
            [" and ", " et ", " und ", " y ", " e "]
                .iter()
                .fold(vec![names], |parts, and| parts.iter().flat_map(|p| p.split(and).map(str::to_owned)).collect())
        })
        .filter(|name| word_count(name) >= 2)
        .collect();
    let mut follows_name = false;
    for at in body_start.saturating_add(1)..lines.len() {
        let text = lines[at].text.as_str();
        let only_name = names.iter().any(|name| same_text(name, text));
        let opens_with_name = names.iter().any(|name| starts_with_name(text, name));
        if only_name || opens_with_name || (follows_name && !labels[at].is_boilerplate()) {
            classify::mark_boilerplate(labels, at, Rule::AuthorBio);
        }
        follows_name = only_name;
    }
}

/// Whether `text` opens with the person `name` ("Sam Placeholder covers…").
fn starts_with_name(text: &str, name: &str) -> bool {
    let name = name.split([',', '(']).next().unwrap_or_default().trim();
    word_count(name) >= 2 && text.starts_with(name) && text[name.len()..].starts_with(' ')
}

/// "Technology reporter", "Correspondante à Pékin", "Senior editor, Asia".
fn is_reporter_role(text: &str) -> bool {
    let folded = fold(text);
    word_count(text) <= 6
        && !ends_sentence(text)
        && [
            "reporter",
            "correspondent",
            "editor",
            "journalist",
            "journaliste",
            "correspondant",
            "envoye special",
            "redacteur",
            "redactrice",
            "chroniqueur",
        ]
        .iter()
        .any(|role| folded.contains(role))
}

pub(super) fn list_item(text: &str) -> Option<&str> {
    ["- ", "• ", "* ", "– ", "— ", "· "].iter().find_map(|marker| text.strip_prefix(marker)).map(str::trim)
}

/// A short titled line: a few words, capitalised, not ending like a sentence.
fn is_subheading(text: &str) -> bool {
    let words = word_count(text);
    (2..=14).contains(&words)
        && text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !text.trim_end().ends_with(['.', ',', ';', ':'])
}

fn next_is_prose(rest: &[Line]) -> bool {
    rest.iter().find(|line| line.rule.is_none()).is_some_and(|line| is_prose(&line.text))
}

/// Whether the next kept line is a list item or prose, as after a line that introduces them.
fn next_introduced(rest: &[Line]) -> bool {
    rest.iter()
        .find(|line| line.rule.is_none())
        .is_some_and(|line| list_item(&line.text).is_some() || is_prose(&line.text))
}

/// Lede, agency from a wire dateline, summary text and the Markdown body.
fn finish(page: &mut Page, blocks: Vec<Block>, context: DateContext) {
    // A report of summary points only (a teaser page) opens with its first point.
    let lede = blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(text) => Some(text.clone()),
            _ => None,
        })
        .or_else(|| {
            blocks.iter().find_map(|b| match b {
                Block::Item(text) if word_count(text) >= crate::tuning::LEDE_MIN_WORDS => Some(text.clone()),
                _ => None,
            })
        });
    if let Some(lede) = &lede {
        if page.agency.is_none() {
            page.agency = agency_in_parentheses(lede.split(" - ").next().unwrap_or_default())
                .or_else(|| crate::byline::cjk_wire_dateline(lede).map(|(agency, _)| agency))
                .map(str::to_owned);
        }
        // A wire dateline ends at its dash or its agency ("LISBON, March 12 (Reuters) -");
        // a sentence that opens with a date ("Le 7 octobre, une nouvelle salve…") is no
        // dateline, and its date, often of last year's events, not the page's.
        let head: Vec<&str> = lede.split_whitespace().take(LEDE_DATELINE_WORDS).collect();
        let ends_dateline = |w: &&str| matches!(*w, "-" | "–" | "—" | "--") || w.ends_with(')');
        if page.published.is_none()
            && let Some(end) = head.iter().position(ends_dateline)
        {
            let dateline = head[..=end].join(" ").replace(['-', '–', '—'], " ");
            page.published = find_date(&dateline, context);
        }
        page.lede = lede.clone();
    }
    let mut markdown: Vec<String> = Vec::with_capacity(blocks.len() + 1);
    let mut text = String::new();
    let mut list: Vec<String> = Vec::new();
    let mut figure_placed = false;
    for block in blocks {
        if !matches!(block, Block::Item(_)) && !list.is_empty() {
            markdown.push(std::mem::take(&mut list).join("\n"));
        }
        match block {
            Block::Paragraph(paragraph) => {
                markdown.push(escape(&paragraph));
                text.push_str(&paragraph);
                if !figure_placed && let Some(figure) = &page.caption {
                    markdown.push(caption(figure));
                }
                figure_placed = true;
            }
            Block::Heading(heading) => {
                markdown.push(format!("## {}", escape(&heading)));
                text.push_str(&heading);
            }
            Block::Item(item) => {
                list.push(format!("- {}", escape(&item)));
                text.push_str(&item);
            }
            Block::Figure(figure) => markdown.push(caption(&figure)),
        }
        text.push('\n');
    }
    if !list.is_empty() {
        markdown.push(list.join("\n"));
    }
    page.text = text;
    page.body = markdown;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    const CONTEXT: DateContext = DateContext { language: Some(Language::French), year: 2024, month_first: false };

    #[test]
    fn headline_dateline_caption_and_body() {
        let input = "Aller au contenu principal\nFermer\n\nNorvale Systems ferme son centre de Grenoble\ninformation fournie par AFP 12/03/2024 à 10:15\n\nLe campus de Norvale à Grenoble ( AFP / JEAN FICTIF )\n\nLe campus de Norvale à Grenoble ( AFP / JEAN FICTIF )\n\nLe groupe Norvale Systems a fermé son centre de recherche de Grenoble, a-t-on appris mardi.\n\nUn avenir incertain\n\nLes salariés ont été informés lundi lors d'une réunion, selon une source syndicale.\n\nValeurs associées\n\n48,12 EUR Euronext Paris +1,05%\n\nA lire aussi\n";
        let page = extract(input, CONTEXT);
        assert_eq!(page.title, "Norvale Systems ferme son centre de Grenoble");
        assert_eq!(page.published.unwrap().to_string(), "2024-03-12T10:15:00+01:00");
        assert_eq!(page.agency.as_deref(), Some("AFP"));
        assert_eq!(page.caption.as_ref().unwrap().credit.as_deref(), Some("AFP / JEAN FICTIF"));
        assert_eq!(page.body.len(), 4, "{:?}", page.body);
        assert_eq!(page.body[2], "## Un avenir incertain");
        let rules: Vec<Rule> = page.dropped.iter().map(|d| d.rule).collect();
        assert!(rules.contains(&Rule::DuplicateCaption), "{rules:?}");
        assert!(rules.contains(&Rule::MarketData), "{rules:?}");
        assert!(page.lede.starts_with("Le groupe Norvale"));
    }

    #[test]
    fn a_caption_is_never_the_headline_the_date_or_the_summary() {
        let input = "Trending: Chips\nVeldmark halts service visits in China\nA Veldmark machine at a fab in Shanghai. Photo taken May 10, 2025.\n\nVeldmark has stopped sending engineers to service its machines at several Chinese fabs, people familiar with the matter said.\n\nThe move affects older machines sold before the export controls were tightened, the people said.\n";
        let page = extract(input, DateContext { language: Some(Language::English), year: 2025, month_first: true });
        assert_eq!(page.title, "Veldmark halts service visits in China");
        assert_eq!(page.published, None, "a photo's date is not the publication date");
        assert!(page.lede.starts_with("Veldmark has stopped"), "{}", page.lede);
        assert_eq!(page.caption.unwrap().text, "A Veldmark machine at a fab in Shanghai. Photo taken May 10, 2025.");
    }

    #[test]
    fn a_sentence_split_by_an_ad_line_is_joined_again() {
        let input = "Kelpwave opens a plant in Porto\nMarch 4, 2025\n\nKelpwave opened a chip packaging plant near Porto on Monday, the company said, after two years of building work and a long\nAdvertisement\nwait for permits from the city.\n\nThe plant will employ about 600 people when it reaches full output next year, it said.\n";
        let page = extract(input, DateContext { language: Some(Language::English), year: 2025, month_first: true });
        assert!(page.lede.ends_with("a long wait for permits from the city."), "{}", page.lede);
        assert!(page.dropped.iter().any(|d| d.rule == Rule::SplitByAd));
    }

    #[test]
    fn a_short_line_that_introduces_a_list_is_kept() {
        let input = "Kelpwave opens a plant in Porto\nMarch 4, 2025\n\nKelpwave opened a chip packaging plant near Porto on Monday, the company said, after two years of building work.\n\nWhat changes for suppliers:\n\n- Orders go through the new plant from April, the company said.\n\nThe plant will employ about 600 people when it reaches full output next year, it said.\n";
        let page = extract(input, DateContext { language: Some(Language::English), year: 2025, month_first: true });
        assert!(page.body.iter().any(|block| block == "What changes for suppliers:"), "{:?}", page.body);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let input = "Kelpwave opens a packaging plant in Porto\nBy Ode Fenn\nMarch 4, 2024 9:30 AM GMT\n\nPORTO, March 4 (Reuters) - Kelpwave, a chip packaging\ncompany, opened a plant near Porto on Monday, the\ncompany said, after two years of building work.\n\nThe plant will employ about 600 people when it\nreaches full output next year, a spokesperson said in\na statement sent to reporters on Monday morning.\n\nRead next\nAnother story about chips\n";
        let page = extract(input, DateContext { language: Some(Language::English), year: 2024, month_first: true });
        assert_eq!(page.title, "Kelpwave opens a packaging plant in Porto");
        assert_eq!(page.byline.as_deref(), Some("Ode Fenn"));
        assert_eq!(page.body.len(), 2, "{:?}", page.body);
        assert!(page.body[1].starts_with("The plant will employ about 600 people when it reaches full output"));
        assert!(page.body[1].ends_with("on Monday morning."));
    }
}
