//! A page saved as plain text -> a [`Page`]: headline, dateline, caption, body.
//!
//! Such a page is the text of a browser window: navigation before the headline, the
//! report, then widgets. The headline is the line before the first byline or dateline;
//! the body runs from the first to the last line of prose; everything else is read as
//! metadata or dropped with the rule that caught it.

use super::byline::{agency_in, agency_in_parentheses, byline_in, caption_in, reporters_in, same_text};
use super::dates::{DateContext, find_date};
use super::markdown::{caption, escape};
use super::noise::{Rule, classify, ends_sentence, is_prose, word_count};
use super::{Caption, Dropped, Page};

/// Lines after the headline that may still be byline, dateline or credits.
const HEADER_SEARCH_LINES: usize = 40;

struct Line {
    number: usize,
    text: String,
    rule: Option<Rule>,
}

enum Block {
    Paragraph(String),
    Heading(String),
    Item(String),
    Figure(Caption),
}

pub fn extract(input: &str, context: DateContext) -> Page {
    let raw: Vec<String> =
        input.lines().map(|raw| raw.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let lines = unwrap_paragraphs(&raw, context);
    let mut page = Page::default();
    let drop = |page: &mut Page, line: &Line, rule: Rule| {
        page.dropped.push(Dropped { location: format!("line {}", line.number), text: line.text.clone(), rule });
    };

    let header =
        lines.iter().take(HEADER_SEARCH_LINES).position(|line| line.rule.is_none() && is_header_line(line, context));
    let title_at = match header {
        Some(header) => lines[..header].iter().rposition(could_be_title),
        None => None,
    }
    .or_else(|| lines.iter().position(could_be_title));
    let Some(title_at) = title_at else {
        for line in &lines {
            drop(&mut page, line, line.rule.unwrap_or(Rule::BeforeHeadline));
        }
        return page;
    };
    for line in &lines[..title_at] {
        drop(&mut page, line, line.rule.unwrap_or(Rule::BeforeHeadline));
    }
    page.title = lines[title_at].text.clone();

    let rest = &lines[title_at + 1..];
    let body_end = rest
        .iter()
        .rposition(|line| line.rule.is_none() && is_prose(&line.text) && caption_in(&line.text).is_none())
        .map_or(0, |i| i + 1);
    let mut blocks: Vec<Block> = Vec::new();
    let mut body_started = false;
    let mut widget: Option<Rule> = None;
    for (index, line) in rest.iter().enumerate() {
        let text = line.text.as_str();
        if line.rule == Some(Rule::WireCredits) {
            if page.byline.is_none() {
                page.byline = reporters_in(text);
            }
            drop(&mut page, line, Rule::WireCredits);
            continue;
        }
        if let Some(rule) = line.rule {
            widget = rule.opens_widget().then_some(rule).or(widget);
            drop(&mut page, line, rule);
            continue;
        }
        if index >= body_end {
            drop(&mut page, line, widget.unwrap_or(Rule::AfterBody));
            continue;
        }
        if let Some(found) = caption_in(text) {
            let seen = page.caption.iter().chain(blocks.iter().filter_map(|b| match b {
                Block::Figure(c) => Some(c),
                _ => None,
            }));
            if seen.into_iter().any(|c| same_text(&c.text, &found.text)) {
                drop(&mut page, line, Rule::DuplicateCaption);
            } else if page.caption.is_none() {
                page.caption = Some(found);
            } else {
                blocks.push(Block::Figure(found));
            }
            continue;
        }
        if !body_started && !is_prose(text) && read_header(&mut page, text, context) {
            drop(&mut page, line, Rule::Metadata);
            continue;
        }
        let words = word_count(text);
        if let Some(item) = list_item(text) {
            match widget {
                Some(rule) => drop(&mut page, line, rule),
                None => blocks.push(Block::Item(item.to_owned())),
            }
            continue;
        }
        if is_prose(text) || (body_started && words >= 3 && ends_sentence(text)) {
            body_started = true;
            widget = None;
            blocks.push(Block::Paragraph(text.to_owned()));
            continue;
        }
        if let Some(rule) = widget {
            drop(&mut page, line, rule);
        } else if body_started && is_subheading(text) && next_is_prose(&rest[index + 1..]) {
            blocks.push(Block::Heading(text.to_owned()));
        } else {
            drop(&mut page, line, Rule::ShortFragment);
        }
    }

    finish(&mut page, blocks, context);
    page
}

/// Shortest line that may be part of a paragraph wrapped at a fixed width.
const WRAPPED_LINE_CHARS: usize = 45;

/// The non-empty lines, classified. When the page is hard-wrapped (e-mailed wire copy,
/// a text-mode browser), the lines of each paragraph are joined first: a long line
/// that does not end a sentence continues on the next, unless either is a widget,
/// a caption, a list item, a byline or a dateline.
fn unwrap_paragraphs(raw: &[String], context: DateContext) -> Vec<Line> {
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
    let hard_wrapped = non_empty > 0 && wrapped * 4 >= non_empty;

    let mut lines: Vec<Line> = Vec::new();
    let mut joining = false;
    for (index, text) in raw.iter().enumerate() {
        if text.is_empty() {
            joining = false;
            continue;
        }
        match lines.last_mut() {
            Some(last) if joining => {
                last.text.push(' ');
                last.text.push_str(text);
            }
            _ => lines.push(Line { number: index + 1, text: text.clone(), rule: None }),
        }
        let next = raw.get(index + 1).map_or("", String::as_str);
        joining = hard_wrapped && !standalone(text) && continues(text, next);
    }
    for line in &mut lines {
        line.rule = classify(&line.text);
    }
    lines
}

/// Byline, dateline or agency line: short, and says who or when.
fn is_header_line(line: &Line, context: DateContext) -> bool {
    word_count(&line.text) <= 16 && !is_prose(&line.text) && is_header_text(&line.text, context)
}

fn is_header_text(text: &str, context: DateContext) -> bool {
    byline_in(text).is_some() || agency_in(text).is_some() || find_date(text, context).is_some()
}

/// Reads a header line into the page; false when it says nothing the page needs.
fn read_header(page: &mut Page, text: &str, context: DateContext) -> bool {
    let mut used = false;
    if let Some(byline) = byline_in(text) {
        page.byline.get_or_insert(byline);
        used = true;
    }
    if let Some(agency) = agency_in(text) {
        page.agency.get_or_insert(agency.to_owned());
        used = true;
    }
    let lowered = text.to_lowercase();
    if let Some(date) = find_date(text, context) {
        let is_update = ["updated", "mis à jour", "modifié", "actualisé"].iter().any(|w| lowered.starts_with(w));
        let published = lowered.find(|c: char| c.is_ascii_digit()).map_or(text, |at| &text[..at]);
        let only_update = is_update && !published.to_lowercase().contains("publi");
        if only_update && page.published.is_some() {
            page.updated.get_or_insert(date);
        } else {
            page.published.get_or_insert(date);
        }
        used = true;
    }
    used
}

fn could_be_title(line: &Line) -> bool {
    line.rule.is_none() && word_count(&line.text) >= 3 && caption_in(&line.text).is_none()
}

fn list_item(text: &str) -> Option<&str> {
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

/// Lede, agency from a wire dateline, summary text and the Markdown body.
fn finish(page: &mut Page, blocks: Vec<Block>, context: DateContext) {
    let lede = blocks.iter().find_map(|b| match b {
        Block::Paragraph(text) => Some(text.clone()),
        _ => None,
    });
    if let Some(lede) = &lede {
        if page.agency.is_none() {
            page.agency = agency_in_parentheses(lede).map(str::to_owned);
        }
        if page.published.is_none() {
            let dateline = lede.split([' ', '-', '–', '—']).take(8).collect::<Vec<_>>().join(" ");
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

    const CONTEXT: DateContext = DateContext { french: true, year: 2024 };

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
    fn hard_wrapped_paragraphs_are_joined() {
        let input = "Kelpwave opens a packaging plant in Porto\nBy Ode Fenn\nMarch 4, 2024 9:30 AM GMT\n\nPORTO, March 4 (Reuters) - Kelpwave, a chip packaging\ncompany, opened a plant near Porto on Monday, the\ncompany said, after two years of building work.\n\nThe plant will employ about 600 people when it\nreaches full output next year, a spokesperson said in\na statement sent to reporters on Monday morning.\n\nRead next\nAnother story about chips\n";
        let page = extract(input, DateContext { french: false, year: 2024 });
        assert_eq!(page.title, "Kelpwave opens a packaging plant in Porto");
        assert_eq!(page.byline.as_deref(), Some("Ode Fenn"));
        assert_eq!(page.body.len(), 2, "{:?}", page.body);
        assert!(page.body[1].starts_with("The plant will employ about 600 people when it reaches full output"));
        assert!(page.body[1].ends_with("on Monday morning."));
    }
}
