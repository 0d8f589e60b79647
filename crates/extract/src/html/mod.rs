//! A saved HTML page -> a [`Page`]: metadata from `<head>` and JSON-LD, the article
//! found by the readability pass, converted to Markdown by `htmd`.

mod dom;
mod figure;
mod header;
mod meta;
mod nesting;
mod parts;
mod readability;
mod span;

use htmd::HtmlToMarkdown;
use htmd::options::{BulletListMarker, Options};
use markup5ever_rcdom::Handle;

use crate::byline::{
    agency_in_parentheses, byline_in, caption_in, french_credits, is_photo_caption, reporter_names, same_text,
};
use crate::dates::datelines::LineDates;
use crate::dates::order::{ambiguity_note, numeric_order};
use crate::dates::{DateContext, DateText, copyright_year, find_year, parse_iso};
use crate::markdown::lead_photo;
use crate::noise::{Rule, ends_sentence, is_prose, word_count};
use crate::refusal::Considered;
use crate::tuning::{
    DATE_CANDIDATE_MAX_WORDS, LEDE_MIN_WORDS, MAX_HTML_DEPTH, SPLIT_SENTENCE_MIN_WORDS, STANDFIRST_MIN_WORDS,
};
use crate::{Caption, Dropped, Language, LeadImage, Page};
use dom::{
    attr, class_tokens, descendants, find, has_below, is_prose_text, parent, remove_attr, remove_child, tag, text,
    text_is, text_starts_with,
};
use header::{choose_title, date_shown, dates_in_elements, is_byline, is_dateline, read_bylines};
use readability::{chrome_rule, clean_blocks, main_block, record, record_outside, remove_matching};

/// Whether `input` is an HTML page rather than plain text.
pub fn looks_like_html(input: &str) -> bool {
    let start: String = input.trim_start().chars().take(1024).collect::<String>().to_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<?xml")
        || ["<body", "<head", "<p>", "<div", "<article", "<meta "].iter().any(|t| start.contains(t))
}

#[cfg(test)]
pub fn extract(input: &str, default_year: i32) -> Page {
    extract_from(input, default_year, None)
}

/// Reads an HTML page; `address` is where it was saved from, for its relative addresses.
pub fn extract_from(input: &str, default_year: i32, address: Option<&str>) -> Page {
    let options = Options {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..Options::default()
    };
    let converter =
        HtmlToMarkdown::builder().options(options).skip_tags(vec!["img", "source", "track", "map", "area"]).build();
    let mut page = Page::default();
    let (bounded, removed_tags) = nesting::lighten(input);
    let Ok(document) = converter.html_to_tree(&bounded) else { return page };
    let flattened = dom::flatten_below_max_depth(&document) + removed_tags;
    if flattened > 0 {
        page.dropped.push(Dropped {
            location: format!("elements nested deeper than {MAX_HTML_DEPTH}"),
            text: format!("{flattened} tags left out, their text kept"),
            rule: Rule::TooDeep,
        });
    }
    let meta = meta::read(&document);
    let body = find(&document, "body").unwrap_or_else(|| document.clone());

    let whole_text = text(&body);
    let whole_dated = DateText::new(&whole_text);
    // A page's own tag says its language; the text is asked only when it has none.
    let language = match &meta.lang {
        Some(tag) => Language::from_tag(tag),
        None => Language::detect(&whole_text),
    };
    let year = meta
        .published
        .as_deref()
        .and_then(find_year)
        .or_else(|| whole_dated.year())
        .or_else(|| copyright_year(&whole_text))
        .unwrap_or(default_year);
    let order = numeric_order(&whole_dated, language, meta.lang.as_deref());
    let context = DateContext { language, year, month_first: order.month_first };
    page.notes.extend(ambiguity_note(&whole_dated, &order));
    page.published = meta.published.as_deref().and_then(|d| parse_iso(d, context));
    page.updated = meta.modified.as_deref().and_then(|d| parse_iso(d, context)).filter(|u| Some(*u) != page.published);
    if page.published.is_none() || page.updated.is_none() {
        let shown = dates_in_elements(&body, context);
        let from_time = meta.first_time.as_deref().and_then(|d| parse_iso(d, context));
        if page.published.is_none() {
            page.published = shown.published.or(from_time);
        }
        page.updated = page.updated.or(shown.updated).filter(|u| Some(*u) != page.published);
    }
    // The line a page without a dateline shows its date in: front matter, like a dateline.
    let mut shown_line = None;
    if page.published.is_none()
        && let Some((date, location, line)) = date_shown(&body, context)
    {
        page.notes
            .push(format!("no dateline: the date shown in {location} \"{line}\" is taken as the publication date"));
        page.published = Some(date);
        shown_line = Some(line);
    }
    // A page whose one date is its update: that is when it was published, as far as it says.
    LineDates::settle(&mut page.published, &mut page.updated);
    if page.published.is_none() {
        page.date_candidates = date_candidates(&meta, &body, context);
    }
    page.url = meta.url.clone();
    page.publisher = meta.site_name.clone();
    page.lang_hint = meta.lang.clone();
    (page.title, page.title_candidates) = choose_title(&meta, context);

    // Form controls are page chrome, but the boxes that held them are widgets to find later.
    let controls = parts::Controls::mark(&body);
    remove_matching(&body, &mut page.dropped, &chrome_rule);
    let block = main_block(&body, &controls, context, &mut page.dropped);
    record_outside(&block, &body, &mut page.dropped);

    read_bylines(&block, &body, &meta, &mut page);
    let title = page.title.clone();
    remove_matching(&block, &mut page.dropped, &|node| {
        metadata_rule(node, &title, context)
            .or_else(|| shown_line.as_deref().filter(|line| text_is(node, line)).map(|_| Rule::Metadata))
    });
    take_credits(&block, &mut page);
    let photo = take_captions(&block, &mut page);
    let base = figure::base_address(meta.base.as_deref(), address, meta.url.as_deref());
    let relative = photo.as_ref().filter(|_| base.is_none()).map(|photo| photo.src.clone());
    page.image = figure::lead_image(photo, meta.image.as_deref(), base.as_ref(), page.caption.as_ref(), &page.title);
    if let Some(src) = relative.filter(|_| page.image.is_none()) {
        page.notes.push(format!(
            "the lead photo's address `{src}` is relative and the page gives none of its own to resolve it \
             against: no figure (its caption, if any, is kept as a line); give the page's address with --url"
        ));
    }
    clean_blocks(&block, &controls, context, &mut page.dropped);
    span::trim_to_report(&block, language, &mut page.dropped);
    for link in descendants(&block).iter().filter(|n| tag(n) == Some("a")) {
        if !attr(link, "href").is_some_and(|h| h.starts_with("https://") || h.starts_with("http://")) {
            remove_attr(link, "href");
        }
    }

    let paragraphs: Vec<String> = dom::paragraphs(&block).into_iter().map(|(_, text)| text).collect();
    // The summary is prose: never a byline, a caption or a credits line left in a `<p>`.
    let is_lede = |p: &&String| {
        (is_prose(p) || word_count(p) >= LEDE_MIN_WORDS)
            && byline_in(p).is_none()
            && reporter_names(p).is_none()
            && caption_in(p).is_none()
            && !is_photo_caption(p)
    };
    page.lede = paragraphs.iter().find(is_lede).cloned().unwrap_or_default();
    if page.agency.is_none() {
        page.agency = agency_in_parentheses(&page.lede)
            .or_else(|| crate::byline::cjk_wire_dateline(&page.lede).map(|(agency, _)| agency))
            .map(str::to_owned);
    }
    page.text = paragraphs.join("\n");
    page.body = markdown_blocks(&converter.tree_to_markdown(&block), page.caption.as_ref(), page.image.as_ref());
    if let Some(standfirst) = standfirst_outside(&block, &body, &page.title) {
        page.text = format!("{standfirst}\n{}", page.text);
        page.body.insert(0, crate::markdown::escape(&standfirst));
    }
    page
}

/// The standfirst when the page sets it apart from the article's body (a `chapeau`,
/// `standfirst`, `dek` above the text): a real paragraph, kept at the top.
fn standfirst_outside(block: &Handle, body: &Handle, title: &str) -> Option<String> {
    const CLASSES: &[&str] =
        &["chapeau", "chapo", "standfirst", "dek", "deck", "lede", "lead", "intro", "subtitle", "subheadline"];
    let inside = descendants(block);
    descendants(body)
        .into_iter()
        .filter(|n| matches!(tag(n), Some("p" | "div" | "h2" | "span")))
        .filter(|n| class_tokens(n).iter().any(|t| CLASSES.contains(&t.as_str())))
        .filter(|n| !inside.iter().any(|i| std::rc::Rc::ptr_eq(i, n)))
        .map(|n| text(&n))
        .find(|t| word_count(t) >= STANDFIRST_MIN_WORDS && !same_text(t, title))
}

/// For a refusal: the page's date metadata and the short elements holding a number,
/// and why none gave the publication date.
fn date_candidates(meta: &meta::Metadata, body: &Handle, context: DateContext) -> Vec<Considered> {
    let mut considered = Vec::new();
    for (location, value) in [("article:published_time", &meta.published), ("<time datetime>", &meta.first_time)] {
        match value {
            Some(value) => considered.push(Considered::new(location, value, "not a date")),
            None => considered.push(Considered::new(location, "", "absent")),
        }
    }
    let leaves = descendants(body).into_iter().filter(|n| {
        matches!(tag(n), Some("p" | "span" | "time" | "small" | "figcaption"))
            && !has_below(n, |c| matches!(tag(c), Some("p" | "span" | "div")))
    });
    for node in leaves {
        let content = text(&node);
        if content.is_empty()
            || !content.chars().any(|c| c.is_ascii_digit())
            || word_count(&content) > DATE_CANDIDATE_MAX_WORDS
        {
            continue;
        }
        let verdict = if crate::dates::find_date(&content, context).is_none() {
            "no date in it"
        } else if find(&node, "figcaption").is_some() || tag(&node) == Some("figcaption") {
            "a photo caption: its date is not the publication date"
        } else {
            "a date inside the text, not a dateline"
        };
        considered.push(Considered::new(format!("<{}>", tag(&node).unwrap_or("?")), &content, verdict));
    }
    considered
}

/// "(Reportage …, version française …)": the credits, kept for the end of the article.
fn take_credits(block: &Handle, page: &mut Page) {
    for node in descendants(block).into_iter().filter(|n| tag(n) == Some("p")) {
        if let Some(credits) = french_credits(&text(&node)) {
            page.credits.get_or_insert(credits);
            readability::record(&mut page.dropped, &node, Rule::WireCredits);
            if let Some(up) = parent(&node) {
                remove_child(&up, &node);
            }
        }
    }
}

/// The headline, bylines, datelines and timestamps inside the article: front matter now.
fn metadata_rule(node: &Handle, title: &str, context: DateContext) -> Option<Rule> {
    let name = tag(node)?;
    let tokens = class_tokens(node);
    let dateline = tokens.iter().any(|t| matches!(t.as_str(), "dateline" | "date" | "timestamp" | "published"));
    let meta_block = tokens.iter().any(|t| t == "meta") && !is_prose_text(node);
    // A `<time>` inside a sentence ("takes effect on <time>March 1</time>") is text.
    let standalone_time = name == "time"
        && !parent(node)
            .and_then(|p| {
                tag(&p)
                    .map(|t| matches!(t, "p" | "li" | "blockquote" | "td" | "em" | "strong" | "a" | "span" | "b" | "i"))
            })
            .unwrap_or(false);
    let heading_is_title = (matches!(name, "h1" | "h2" | "h3")
        || attr(node, "itemprop").is_some_and(|p| p == "headline"))
        && text_is(node, title);
    (heading_is_title || standalone_time || is_byline(node) || dateline || meta_block || is_dateline(node, context))
        .then_some(Rule::Metadata)
}

/// Figures become the page's caption (the first) or are dropped as duplicates;
/// paragraphs repeating a caption are dropped too. Returns the lead photo: that of the
/// caption (in its figure, or beside a caption set apart by its class), or, when the
/// page has no caption, the first figure's.
fn take_captions(block: &Handle, page: &mut Page) -> Option<figure::Photo> {
    let figures: Vec<Handle> = descendants(block).into_iter().filter(|n| tag(n) == Some("figure")).collect();
    let mut first_photo = None;
    let mut captioned_photo = None;
    let mut caption_in_figure = false;
    for figure in figures {
        let found = find(&figure, "figcaption").and_then(|c| caption_of(&c));
        let photo = figure::photo_in(&figure);
        if let Some(up) = parent(&figure) {
            remove_child(&up, &figure);
        }
        match found {
            Some(found) if page.caption.as_ref().is_some_and(|c| same_text(&c.text, &found.text)) => {
                record(&mut page.dropped, &figure, Rule::DuplicateCaption);
            }
            // A credit alone gives way to the first caption that says something.
            Some(found) if page.caption.as_ref().is_none_or(|c| c.text.is_empty() && !found.text.is_empty()) => {
                page.caption = Some(found);
                captioned_photo = photo.clone();
                caption_in_figure = true;
            }
            _ => record(&mut page.dropped, &figure, Rule::Media),
        }
        first_photo = first_photo.or(photo);
    }
    let captions: Vec<Handle> = descendants(block)
        .into_iter()
        .filter(|n| matches!(tag(n), Some("p" | "div" | "span")))
        .filter(|n| class_tokens(n).iter().any(|t| matches!(t.as_str(), "caption" | "legende" | "legend" | "photo")))
        .collect();
    for node in captions {
        let content = text(&node);
        if content.is_empty() || parent(&node).is_none() {
            continue;
        }
        let found = caption_in(&content).unwrap_or(Caption { text: content, credit: None });
        let beside = parent(&node).and_then(|up| figure::photo_in(&up));
        if let Some(up) = parent(&node) {
            remove_child(&up, &node);
        }
        match page.caption.as_ref().filter(|kept| !kept.text.is_empty()) {
            Some(kept) if same_text(&kept.text, &found.text) => {
                record(&mut page.dropped, &node, Rule::DuplicateCaption)
            }
            Some(_) => record(&mut page.dropped, &node, Rule::Media),
            None => {
                page.caption = Some(found);
                captioned_photo = beside;
                caption_in_figure = false;
            }
        }
    }
    // A caption from a figure without a photo of its own belongs to no other figure.
    let photo = if caption_in_figure { captioned_photo } else { captioned_photo.or(first_photo) };
    let Some(caption) = page.caption.clone().filter(|caption| !caption.text.is_empty()) else { return photo };
    let repeats: Vec<Handle> = descendants(block)
        .into_iter()
        .filter(|n| matches!(tag(n), Some("p" | "div" | "span")))
        .filter(|n| {
            // A caption found in a text is at its start, its credit after it.
            if text_starts_with(n, &caption.text).is_none() {
                return false;
            }
            let content = text(n);
            same_text(&content, &caption.text)
                || caption_in(&content).is_some_and(|c| same_text(&c.text, &caption.text))
        })
        .collect();
    for node in repeats {
        record(&mut page.dropped, &node, Rule::DuplicateCaption);
        if let Some(up) = parent(&node) {
            remove_child(&up, &node);
        }
    }
    photo
}

/// A `<figcaption>`'s text and its credit (an element classed `credit`, or a credit
/// suffix); a figcaption of a credit alone ("Photo: Ana Ficta") has an empty text.
fn caption_of(figcaption: &Handle) -> Option<Caption> {
    let credit_node = descendants(figcaption).into_iter().skip(1).find(|n| {
        class_tokens(n)
            .iter()
            .any(|t| matches!(t.as_str(), "credit" | "credits" | "copyright" | "source" | "photographer"))
    });
    let whole = text(figcaption);
    let Some(credit_node) = credit_node else {
        return caption_in(&whole)
            .or_else(|| {
                figure::is_bare_credit(&whole).then(|| Caption { text: String::new(), credit: Some(whole.clone()) })
            })
            .or_else(|| (!whole.is_empty()).then_some(Caption { text: whole, credit: None }));
    };
    let credit = text(&credit_node);
    let caption = whole.replace(&credit, "");
    let credit = credit.trim().trim_start_matches(['©', '(']).trim_end_matches(')').trim().to_owned();
    let caption = caption.split_whitespace().collect::<Vec<_>>().join(" ");
    let credit = (!credit.is_empty()).then_some(credit);
    (!caption.is_empty() || credit.is_some()).then_some(Caption { text: caption, credit })
}

/// `htmd`'s Markdown split into blocks, with the lead photo placed after the first paragraph.
fn markdown_blocks(markdown: &str, caption: Option<&Caption>, image: Option<&LeadImage>) -> Vec<String> {
    let is_paragraph =
        |b: &String| !b.starts_with(['#', '*', '-', '>', '|', '+', '`', '\\']) && !b.starts_with(char::is_numeric);
    let mut blocks: Vec<String> = Vec::new();
    // Text set with `<br><br>` comes out as hard breaks around a blank line: a paragraph break.
    let markdown: String = markdown
        .lines()
        .map(|line| match line.strip_prefix(' ') {
            _ if line.trim().is_empty() => "",
            // The space htmd leaves after a `<br>`; deeper indents are nested lists.
            Some(rest) if !rest.starts_with(' ') => rest.trim_end_matches(' '),
            _ => line.trim_end_matches(' '),
        })
        .collect::<Vec<_>>()
        .join("\n");
    for block in markdown.split("\n\n").map(|b| b.trim_matches('\n').to_owned()).filter(|b| !b.trim().is_empty()) {
        // Two halves of a sentence that an advertisement stood between.
        match blocks.last_mut() {
            Some(last)
                if is_paragraph(last)
                    && is_paragraph(&block)
                    && !ends_sentence(last)
                    && !last.ends_with(':')
                    && word_count(last) >= SPLIT_SENTENCE_MIN_WORDS
                    && block.chars().next().is_some_and(char::is_lowercase) =>
            {
                last.push(' ');
                last.push_str(&block);
            }
            _ => blocks.push(block),
        }
    }
    if let Some(photo) = lead_photo(image, caption) {
        let at = blocks.iter().position(is_paragraph).map_or(0, |i| i + 1);
        blocks.insert(at, photo);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_html() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("  <div class=x>text</div>"));
        assert!(!looks_like_html("Norvale Systems ferme son centre\nPublié le 3 mai 2024"));
    }

    #[test]
    fn article_with_chrome_and_figure() {
        let page = extract(
            r#"<html lang="en"><head><title>Lab closes | Example News</title></head><body>
            <nav><a href="/">Home</a><a href="/world">World</a></nav>
            <article><h1>Norvale closes its lab in Lisbon</h1><p class="byline">By Mara Quillon</p>
            <figure><img src="x.jpg"><figcaption>The Norvale office in Lisbon. <span class="credit">Photo: Ana Ficta</span></figcaption></figure>
            <p>Norvale Systems closed its research lab in Lisbon on Friday, the company said, ending eight years of work.</p>
            <div class="share-bar"><a href="https://social.example/share">Share</a></div>
            <h2>What comes next</h2>
            <p>About 90 engineers will be offered posts elsewhere, a spokesperson said in a statement on Friday.</p>
            <p><a href="javascript:alert(1)">Click</a> <script>alert(2)</script></p>
            </article><footer>© 2024 Example News</footer></body></html>"#,
            2024,
        );
        assert_eq!(page.title, "Norvale closes its lab in Lisbon");
        assert_eq!(page.byline.as_deref(), Some("Mara Quillon"));
        assert_eq!(page.caption.as_ref().unwrap().credit.as_deref(), Some("Photo: Ana Ficta"));
        assert!(page.lede.starts_with("Norvale Systems closed"));
        let body = page.body.join("\n\n");
        assert!(body.contains("## What comes next"), "{body}");
        assert!(!body.contains("javascript"), "{body}");
        assert!(!body.contains("Share") && !body.contains("Home") && !body.contains("2024 Example"), "{body}");
        assert_eq!(page.body[1], "*The Norvale office in Lisbon.* (Photo: Ana Ficta)");
        assert!(page.notes.iter().any(|note| note.starts_with("the lead photo's address `x.jpg` is relative")));
    }

    #[test]
    fn the_lead_photo_is_a_figure_when_its_address_is_known() {
        let html = r#"<html lang="en"><head><link rel="canonical" href="https://news.example/tech/lab.html"></head><body>
            <article><h1>Norvale closes its lab in Lisbon</h1>
            <p class="byline"><img class="avatar" src="/people/mara.jpg" width="40" height="40">By Mara Quillon</p>
            <figure><img src="/img/logo.png"><img src="photos/lab.jpg" alt="Engineers beside a clean-room window"><figcaption>The Norvale office in Lisbon. <span class="credit">Photo: Ana Ficta</span></figcaption></figure>
            <p>Norvale Systems closed its research lab in Lisbon on Friday, the company said, ending eight years of work.</p>
            </article></body></html>"#;
        let page = extract_from(html, 2024, None);
        assert_eq!(
            page.body[1],
            "```figure\nsrc: https://news.example/tech/photos/lab.jpg\nalt: Engineers beside a clean-room window\n\
             caption: The Norvale office in Lisbon.\ncredit: \"Photo: Ana Ficta\"\n```"
        );
        // The address the page was fetched from comes before the one it declares.
        let page = extract_from(html, 2024, Some("https://mirror.example/a/b.html"));
        assert!(page.body[1].contains("src: https://mirror.example/a/photos/lab.jpg\n"), "{:?}", page.body);
    }

    #[test]
    fn readability_picks_the_prose_block_without_an_article_element() {
        let links: String =
            (0..12).map(|i| format!("<li><a href=\"/s/{i}\">Story number {i} of the day</a></li>")).collect();
        let page = extract(
            &format!(
                r#"<html><head><meta property="article:published_time" content="2024-02-01T08:00:00+01:00"><meta property="og:title" content="Kelpwave opens a chip plant"></head><body>
                <div class="layout"><div class="col-left"><ul>{links}</ul></div>
                <div class="col-main"><p>Kelpwave opened a chip packaging plant near Porto on Thursday, the company said, after two years of building work.</p>
                <p>The plant, which cost about 400 million euros, will employ 600 people when it reaches full output next year, it said.</p>
                <p>Publicité</p></div>
                <div class="col-right"><p>Market wrap: shares, bonds and currencies, every evening in your inbox.</p></div></div></body></html>"#
            ),
            2024,
        );
        assert_eq!(page.title, "Kelpwave opens a chip plant");
        assert_eq!(page.published.unwrap().to_string(), "2024-02-01T08:00:00+01:00");
        assert_eq!(page.body.len(), 2, "{:?}", page.body);
        assert!(page.body[1].starts_with("The plant, which cost"));
        let rules: Vec<Rule> = page.dropped.iter().map(|d| d.rule).collect();
        assert!(rules.contains(&Rule::OutsideArticle) && rules.contains(&Rule::Advertising), "{rules:?}");
    }

    #[test]
    fn a_time_inside_a_sentence_is_kept() {
        let page = extract(
            r#"<html lang="en"><head><meta property="article:published_time" content="2024-02-01T08:00:00Z"></head><body><article><h1>Rules on chip tools take effect</h1>
            <p>The new licence rules on chipmaking tools take effect on <time datetime="2024-03-01">March 1</time>, the ministry said on Thursday.</p></article></body></html>"#,
            2024,
        );
        assert!(page.body[0].contains("take effect on March 1, the ministry"), "{:?}", page.body);
    }
}
