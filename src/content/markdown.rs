//! Markdown -> HTML, with unique heading ids, a table of contents and a word count.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use super::raw_html::{self, RawHtmlNote, find_id_attribute, namespace_raw_ids, sanitise};

/// A heading of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A rendered Markdown document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    pub word_count: usize,
    /// The text of the first paragraph, for a summary when none is written.
    pub first_paragraph: String,
    /// Links to other source files (`../2024/x.md`), in the order of their placeholders.
    pub file_links: Vec<FileLink>,
    /// What happened to raw HTML: removed tags (warnings), or nesting too deep to render.
    pub raw_html: Vec<RawHtmlNote>,
    /// Images of the site's own files (`/images/fab.jpg`), in the order of their size
    /// placeholders (`image_size_placeholder`), filled once the files are known.
    pub images: Vec<LocalImage>,
    /// `figure` blocks that do not say what a figure needs: (byte offset, message).
    pub figure_problems: Vec<(usize, String)>,
}

/// An image of one of the site's files, by its root-relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalImage {
    pub src: String,
    /// Byte offset of the image in the Markdown text.
    pub offset: usize,
}

/// The `width` and `height` attributes that stand for the `index`th local image's size
/// until the file's header gives it (`render::views::with_image_sizes`).
pub fn image_size_placeholder(index: usize) -> String {
    format!(" width=\"__briefing_image_{index}_width__\" height=\"__briefing_image_{index}_height__\"")
}

/// The figure form: a fenced block ```` ```figure ```` of YAML.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureForm {
    #[serde(default)]
    src: String,
    #[serde(default)]
    alt: String,
    #[serde(default)]
    caption: String,
    #[serde(default)]
    credit: String,
}

/// A figure's HTML: the image, and its caption and credit if it has them.
fn figure_html(
    src: &str,
    alt: &str,
    caption: &str,
    credit: &str,
    images: &mut Vec<LocalImage>,
    offset: usize,
) -> String {
    let mut html = String::from("<figure>");
    html.push_str(&image_html(src, alt, images, offset));
    if !caption.is_empty() || !credit.is_empty() {
        html.push_str("<figcaption>");
        html.push_str(&escaped(caption));
        if !credit.is_empty() {
            if !caption.is_empty() {
                html.push(' ');
            }
            html.push_str("<span class=\"figure-credit\">");
            html.push_str(&escaped(credit));
            html.push_str("</span>");
        }
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>\n");
    html
}

/// An `<img>`, with its size's placeholder when it shows a file of the site.
fn image_html(src: &str, alt: &str, images: &mut Vec<LocalImage>, offset: usize) -> String {
    let mut html = String::from("<img src=\"");
    pulldown_cmark_escape::escape_href(&mut html, src).expect("writing to a String cannot fail");
    html.push_str("\" alt=\"");
    html.push_str(&escaped(alt));
    html.push('"');
    if src.starts_with('/') && !src.starts_with("//") {
        html.push_str(&image_size_placeholder(images.len()));
        images.push(LocalImage { src: src.to_owned(), offset });
    }
    html.push_str(" loading=\"lazy\">");
    html
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// A Markdown link to a source file, written into the HTML as a placeholder
/// (`file_link_placeholder(index)`) until the site knows which page that file became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    /// The path as written, without its `#fragment`.
    pub target: String,
    pub fragment: Option<String>,
    /// Byte offset of the link in the Markdown text.
    pub offset: usize,
}

/// The href that stands for the `index`th file link until it is resolved.
pub fn file_link_placeholder(index: usize) -> String {
    format!("./__briefing_file_link_{index}__")
}

/// A relative link to a Markdown file (`../2024/x.md#part`), as (path, fragment).
fn as_file_link(dest: &str) -> Option<(&str, Option<&str>)> {
    if dest.contains("://") || dest.starts_with('/') || dest.starts_with("mailto:") || dest.starts_with('#') {
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    path.ends_with(".md").then_some((path, fragment))
}

/// Ids the page templates use themselves; headings never take them.
const TEMPLATE_IDS: &[&str] = &["main", "content", "toc", "related", "source", "footnotes", "search", "top"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders Markdown. Raw HTML in it is sanitised, so no script, event handler or
/// `javascript:` URL gets through; what the sanitiser removes is noted in `raw_html`.
pub fn render(markdown: &str) -> Rendered {
    let (events, ranges): (Vec<Event<'_>>, Vec<std::ops::Range<usize>>) =
        Parser::new_ext(markdown, options()).into_offset_iter().unzip();
    let has_raw_html = events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    if !has_raw_html {
        return render_events(events, &ranges, false);
    }
    let fragments = events
        .iter()
        .zip(&ranges)
        .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range.clone());
    let inspection = raw_html::inspect(markdown, fragments);
    let mut rendered = if inspection.edits.is_empty() {
        render_events(events, &ranges, true)
    } else {
        // `<script>` in prose becomes `&lt;script>` (text, no longer an element that would
        // swallow the rest of the article); elements nested too deep lose their tags.
        // Rare, so parsed again.
        let (edited, back) = raw_html::apply(markdown, &inspection.edits);
        let (events, ranges): (Vec<Event<'_>>, Vec<_>) = Parser::new_ext(&edited, options()).into_offset_iter().unzip();
        let mut rendered = render_events(events, &ranges, true);
        for link in &mut rendered.file_links {
            link.offset = back(link.offset);
        }
        for image in &mut rendered.images {
            image.offset = back(image.offset);
        }
        for (offset, _) in &mut rendered.figure_problems {
            *offset = back(*offset);
        }
        rendered
    };
    rendered.raw_html = inspection.notes;
    rendered
}

/// The HTML of parsed Markdown, with ids, toc, word count and file links.
fn render_events(events: Vec<Event<'_>>, ranges: &[std::ops::Range<usize>], has_raw_html: bool) -> Rendered {
    let mut file_links = Vec::new();
    let mut images = Vec::new();
    let mut figure_problems = Vec::new();

    let mut used_ids: HashSet<String> = TEMPLATE_IDS.iter().map(|id| id.to_string()).collect();
    let mut toc = Vec::new();
    let mut word_count = 0;
    let mut first_paragraph = String::new();
    let mut paragraph_depth = 0usize;
    let mut first_paragraph_done = false;
    let footnote_numbers = number_footnotes(&events);

    let mut output: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut index = 0;
    while index < events.len() {
        match &events[index] {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let end = index
                    + events[index..].iter().position(|e| matches!(e, Event::End(TagEnd::Heading(_)))).unwrap_or(0);
                let inner = &events[index + 1..end.max(index + 1)];
                let title = plain_text(inner);
                let wanted = match id {
                    Some(id) => id.to_string(),
                    None => slug::slugify(&title),
                };
                let id = unique_id(if wanted.is_empty() { "section".to_owned() } else { wanted }, &mut used_ids);
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    toc.push(Heading { level: *level as u8, id: id.clone(), title });
                }
                output.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
                index += 1;
                continue;
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if !is_safe_url(dest_url) => {
                output.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: CowStr::from("#"),
                    title: title.clone(),
                    id: id.clone(),
                }));
                index += 1;
                continue;
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) if !is_safe_url(dest_url) => {
                output.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(""),
                    title: title.clone(),
                    id: id.clone(),
                }));
                index += 1;
                continue;
            }
            // A paragraph of one image with a title is a figure, the title its caption.
            Event::Start(Tag::Paragraph)
                if matches!(events.get(index + 1),
                    Some(Event::Start(Tag::Image { title, dest_url, .. })) if !title.is_empty() && is_safe_url(dest_url)) =>
            {
                let Some(Event::Start(Tag::Image { dest_url, title, .. })) = events.get(index + 1) else {
                    unreachable!("matched above")
                };
                let image_end = index
                    + 1
                    + events[index + 1..].iter().position(|e| matches!(e, Event::End(TagEnd::Image))).unwrap_or(0);
                if matches!(events.get(image_end + 1), Some(Event::End(TagEnd::Paragraph))) {
                    let alt = plain_text(&events[index + 2..image_end]);
                    let html = figure_html(dest_url, &alt, title, "", &mut images, ranges[index].start);
                    output.push(Event::Html(CowStr::from(html)));
                    index = image_end + 2;
                    continue;
                }
                paragraph_depth += 1;
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.as_ref() == "figure" => {
                let end = index
                    + events[index..].iter().position(|e| matches!(e, Event::End(TagEnd::CodeBlock))).unwrap_or(0);
                let yaml = plain_text(&events[index + 1..end.max(index + 1)]);
                match serde_yaml::from_str::<FigureForm>(&yaml) {
                    Ok(form) if is_safe_url(&form.src) && !form.src.trim().is_empty() => {
                        let html = figure_html(
                            form.src.trim(),
                            &form.alt,
                            form.caption.trim(),
                            form.credit.trim(),
                            &mut images,
                            ranges[index].start,
                        );
                        output.push(Event::Html(CowStr::from(html)));
                    }
                    Ok(_) => figure_problems.push((
                        ranges[index].start,
                        "a `figure` block needs `src:`, the image's address (`/images/fab.jpg` or `https://…`)"
                            .to_owned(),
                    )),
                    Err(error) => figure_problems.push((
                        ranges[index].start,
                        format!(
                            "this `figure` block is not `src:`, `alt:`, `caption:` and `credit:` lines: {}",
                            error.to_string().split(" at line").next().unwrap_or_default()
                        ),
                    )),
                }
                index = end + 1;
                continue;
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let end =
                    index + events[index..].iter().position(|e| matches!(e, Event::End(TagEnd::Image))).unwrap_or(0);
                let alt = plain_text(&events[index + 1..end.max(index + 1)]);
                output.push(Event::InlineHtml(CowStr::from(image_html(
                    dest_url,
                    &alt,
                    &mut images,
                    ranges[index].start,
                ))));
                index = end + 1;
                continue;
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                if let Some((target, fragment)) = as_file_link(dest_url) {
                    let placeholder = file_link_placeholder(file_links.len());
                    file_links.push(FileLink {
                        target: target.to_owned(),
                        fragment: fragment.map(str::to_owned),
                        offset: ranges[index].start,
                    });
                    output.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: CowStr::from(placeholder),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                    index += 1;
                    continue;
                }
            }
            Event::Start(Tag::Paragraph) => paragraph_depth += 1,
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if !first_paragraph.trim().is_empty() {
                    first_paragraph_done = true;
                }
            }
            Event::Text(text) | Event::Code(text) => {
                word_count += count_words(text);
                if paragraph_depth > 0 && !first_paragraph_done {
                    first_paragraph.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak if paragraph_depth > 0 && !first_paragraph_done => {
                first_paragraph.push(' ')
            }
            Event::Html(raw) | Event::InlineHtml(raw) if find_id_attribute(raw).is_some() => {
                let namespaced = CowStr::from(namespace_raw_ids(raw));
                output.push(if matches!(events[index], Event::Html(_)) {
                    Event::Html(namespaced)
                } else {
                    Event::InlineHtml(namespaced)
                });
                index += 1;
                continue;
            }
            Event::FootnoteReference(label) => {
                let number = footnote_numbers.get(label.as_ref()).copied().unwrap_or(0);
                let id = footnote_id(label);
                output.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\" id=\"fnref-{id}\"><a href=\"#fn-{id}\">{number}</a></sup>"
                ))));
                index += 1;
                continue;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let number = footnote_numbers.get(label.as_ref()).copied().unwrap_or(0);
                let id = footnote_id(label);
                output.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-{id}\">{number}</a></sup>"
                ))));
                index += 1;
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                output.push(Event::Html(CowStr::from("</div>\n")));
                index += 1;
                continue;
            }
            _ => {}
        }
        output.push(events[index].clone());
        index += 1;
    }

    let mut html_out = String::with_capacity(ranges.last().map_or(0, |r| r.end) * 3 / 2);
    html::push_html(&mut html_out, output.into_iter());
    if has_raw_html {
        html_out = sanitise(&html_out);
    }
    Rendered {
        html: html_out,
        toc,
        word_count,
        first_paragraph: first_paragraph.trim().to_owned(),
        file_links,
        raw_html: Vec::new(),
        images,
        figure_problems,
    }
}

/// Markdown links may only use web and mail schemes (or none): never `javascript:`,
/// `data:` or `vbscript:`, however they are spelt.
fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    match cleaned.find(':') {
        Some(colon) if !cleaned[..colon].contains(['/', '?', '#']) => {
            let scheme = cleaned[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Footnotes are numbered in the order of their first reference, then of their definition.
fn number_footnotes<'a>(events: &'a [Event<'a>]) -> HashMap<&'a str, usize> {
    let mut numbers = HashMap::new();
    for event in events {
        let label = match event {
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => label.as_ref(),
            _ => continue,
        };
        let next = numbers.len() + 1;
        numbers.entry(label).or_insert(next);
    }
    numbers
}

/// Footnote ids live in their own `fn-` namespace, away from heading ids.
fn footnote_id(label: &str) -> String {
    let id = slug::slugify(label);
    if id.is_empty() { "note".to_owned() } else { id }
}

fn unique_id(wanted: String, used: &mut HashSet<String>) -> String {
    // Heading ids never start like footnote or raw-HTML ids, whatever the heading says.
    let reserved = ["fn-", "fnref-", "user-"].iter().any(|prefix| wanted.starts_with(prefix));
    let wanted = if reserved { format!("h-{wanted}") } else { wanted };
    let mut candidate = wanted.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        candidate = format!("{wanted}-{n}");
        n += 1;
    }
    candidate
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text.trim().to_owned()
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_with_a_title_alone_in_its_paragraph_is_a_figure() {
        let out = render("Text.\n\n![A clean room](/images/fab.jpg \"The new fab's clean room\")\n");
        assert_eq!(
            out.html,
            "<p>Text.</p>\n<figure><img src=\"/images/fab.jpg\" alt=\"A clean room\" width=\"__briefing_image_0_width__\" \
             height=\"__briefing_image_0_height__\" loading=\"lazy\"><figcaption>The new fab&#39;s clean room</figcaption></figure>\n"
        );
        assert_eq!(out.images, [LocalImage { src: "/images/fab.jpg".to_owned(), offset: 7 }]);
        // Without a title, or among words, an image stays an image; one of another site has no size to fill.
        let out = render("See ![a map](https://maps.example/m.png \"Map\") here.\n\n![b](/b.png)\n");
        assert!(
            out.html
                .contains("<p>See <img src=\"https://maps.example/m.png\" alt=\"a map\" loading=\"lazy\"> here.</p>"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<p><img src=\"/b.png\" alt=\"b\" width=\"__briefing_image_0_width__\""),
            "{}",
            out.html
        );
        assert!(!out.html.contains("<figure>"), "{}", out.html);
    }

    #[test]
    fn the_figure_form_gives_a_caption_and_a_credit() {
        let out = render(
            "```figure\nsrc: /images/port.jpg\nalt: Cranes\ncaption: The port at dawn.\ncredit: \"Photo: A. Agency\"\n```\n",
        );
        assert!(out.html.starts_with("<figure><img src=\"/images/port.jpg\" alt=\"Cranes\""), "{}", out.html);
        assert!(
            out.html.ends_with("<figcaption>The port at dawn. <span class=\"figure-credit\">Photo: A. Agency</span></figcaption></figure>\n"),
            "{}",
            out.html
        );
        assert!(out.figure_problems.is_empty());
        let out = render("Text.\n\n```figure\nalt: Cranes\n```\n");
        assert_eq!(out.figure_problems.len(), 1);
        assert_eq!(out.figure_problems[0].0, 7);
        let out = render("```figure\nsrc: /a.jpg\ncaptoin: x\n```\n");
        assert!(out.figure_problems[0].1.contains("unknown field `captoin`"), "{:?}", out.figure_problems);
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let out = render("## Export controls\n\ntext\n\n## Export controls\n\n### Main\n");
        assert!(out.html.contains("<h2 id=\"export-controls\">"), "{}", out.html);
        assert!(out.html.contains("<h2 id=\"export-controls-1\">"), "{}", out.html);
        // `main` is a template id, so the heading takes another.
        assert!(out.html.contains("<h3 id=\"main-1\">"), "{}", out.html);
        assert_eq!(out.toc.len(), 3);
        assert_eq!(out.toc[1].id, "export-controls-1");
    }

    #[test]
    fn extensions_are_on() {
        let out = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"\n\n- [x] done\n");
        assert!(out.html.contains("<table>"), "{}", out.html);
        assert!(out.html.contains("<del>old</del>"), "{}", out.html);
        assert!(out.html.contains("\u{201c}quoted\u{201d}"), "{}", out.html);
        assert!(out.html.contains("type=\"checkbox\""), "{}", out.html);
    }

    #[test]
    fn footnotes_have_their_own_ids() {
        let out = render("A claim.[^1]\n\n## 1\n\n[^1]: The note.\n");
        assert!(out.html.contains("id=\"fnref-1\""), "{}", out.html);
        assert!(out.html.contains("id=\"fn-1\""), "{}", out.html);
        assert!(out.html.contains("<h2 id=\"1\">"), "{}", out.html);
    }

    #[test]
    fn links_to_markdown_files_become_placeholders() {
        let out = render("See [the rule](../2024/rule.md#scope), [site](https://e.org/a.md) and [top](#x).\n");
        assert_eq!(out.file_links.len(), 1);
        assert_eq!(out.file_links[0].target, "../2024/rule.md");
        assert_eq!(out.file_links[0].fragment.as_deref(), Some("scope"));
        assert_eq!(out.file_links[0].offset, 4);
        assert!(out.html.contains(&format!("href=\"{}\"", file_link_placeholder(0))), "{}", out.html);
        assert!(out.html.contains("href=\"https://e.org/a.md\""), "{}", out.html);
    }

    #[test]
    fn markdown_links_with_script_urls_are_neutralised() {
        let out = render(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:x) ![c](data:text/html;base64,xx) [d](https://e.org/x:y) [e](/p:q)\n",
        );
        for bad in ["javascript", "JaVa", "data:"] {
            assert!(!out.html.contains(bad), "{bad} in {}", out.html);
        }
        assert!(out.html.contains("href=\"https://e.org/x:y\""), "{}", out.html);
        assert!(out.html.contains("href=\"/p:q\""), "{}", out.html);
    }

    #[test]
    fn counts_words_and_keeps_first_paragraph() {
        let out = render("# Title\n\nOne two\nthree.\n\nFour five.\n");
        assert_eq!(out.word_count, 6);
        assert_eq!(out.first_paragraph, "One two three.");
    }
}
