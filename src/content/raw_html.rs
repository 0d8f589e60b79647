//! Raw HTML written in an article, looked at before it is sanitised: what the sanitiser
//! would drop (reported, so nothing disappears silently), elements whose text would
//! swallow the rest of the article, and nesting too deep to sanitise in linear time.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// How deeply raw HTML elements may nest. Real articles stay under 20; the HTML parser
/// under the sanitiser pays for every open element at every new one (200,000 nested
/// `<div>`s took minutes), so elements deeper than this are removed (their text kept).
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements whose content is raw text up to their closing tag: one written in prose
/// (`<script>`, `<style>`) would take the rest of the article with it into the sanitiser,
/// which drops it all.
const RAW_TEXT_ELEMENTS: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// Elements that never hold others, and those whose end tag may be left out (the parser
/// closes them itself): neither adds a level of nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption",
];

/// A warning about the raw HTML of an article, at a byte offset of its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHtmlNote {
    pub offset: usize,
    pub message: String,
}

/// A change to the Markdown before it is rendered: `range` becomes `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Edit {
    pub range: Range<usize>,
    pub replacement: &'static str,
}

/// What looking at an article's raw HTML found: warnings, and edits (sorted, disjoint)
/// that keep the rest of the article out of harm's way.
#[derive(Debug, Default)]
pub(super) struct Inspection {
    pub notes: Vec<RawHtmlNote>,
    pub edits: Vec<Edit>,
}

/// A tag in raw HTML: its name (lowercase), whether it closes, and its byte range.
struct TagAt {
    name: String,
    closing: bool,
    self_closing: bool,
    range: Range<usize>,
}

/// The tags of a raw HTML fragment, in order.
fn tags(html: &str) -> impl Iterator<Item = TagAt> + '_ {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(found) = html[at..].find('<') {
            let start = at + found;
            at = start + 1;
            let closing = bytes.get(at) == Some(&b'/');
            let name_start = at + usize::from(closing);
            let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                continue;
            }
            let end = html[name_start..].find('>').map_or(html.len(), |i| name_start + i + 1);
            at = name_start + name_len;
            return Some(TagAt {
                name: html[name_start..name_start + name_len].to_ascii_lowercase(),
                closing,
                self_closing: html[..end].ends_with("/>"),
                range: start..end,
            });
        }
        None
    })
}

/// Tags the sanitiser keeps; any other is removed from the page.
static KEPT_TAGS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| SANITIZER.clone_tags());

/// Attributes the sanitiser keeps on every tag, per tag, and the URL schemes it keeps.
struct KeptAttributes {
    generic: HashSet<&'static str>,
    per_tag: HashMap<&'static str, HashSet<&'static str>>,
    schemes: HashSet<&'static str>,
}

static KEPT_ATTRIBUTES: LazyLock<KeptAttributes> = LazyLock::new(|| KeptAttributes {
    generic: SANITIZER.clone_generic_attributes(),
    per_tag: SANITIZER.clone_tag_attributes(),
    schemes: SANITIZER.clone_url_schemes(),
});

/// The attributes of a start tag's text (`<a href="x" onclick=y>`): lowercase name, value
/// and byte offset in the tag.
fn attributes(tag: &str) -> Vec<(String, &str, usize)> {
    let bytes = tag.as_bytes();
    let mut at = 1 + bytes[1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
    let mut found = Vec::new();
    loop {
        at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace() || **b == b'/').count();
        if at >= bytes.len() || bytes[at] == b'>' {
            return found;
        }
        let name_len = bytes[at..].iter().take_while(|b| !b.is_ascii_whitespace() && !b"=>/".contains(b)).count();
        if name_len == 0 {
            at += 1;
            continue;
        }
        let name = tag[at..at + name_len].to_ascii_lowercase();
        let offset = at;
        at += name_len;
        let spaces = bytes[at.min(bytes.len())..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        let mut value = "";
        if bytes.get(at + spaces) == Some(&b'=') {
            at += spaces + 1;
            at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
            let (start, end) = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = bytes[at + 1..].iter().position(|b| *b == quote).map_or(bytes.len(), |i| at + 1 + i);
                    (at + 1, end)
                }
                _ => (at, at + bytes[at..].iter().take_while(|b| !b.is_ascii_whitespace() && **b != b'>').count()),
            };
            value = &tag[start..end];
            at = (end + 1).min(bytes.len());
        }
        found.push((name, value, offset));
    }
}

/// Why the sanitiser would remove an attribute of a kept tag, if it would.
fn removed_attribute(tag: &str, name: &str, value: &str) -> Option<String> {
    let kept = &*KEPT_ATTRIBUTES;
    if !kept.generic.contains(name) && !kept.per_tag.get(tag).is_some_and(|names| names.contains(name)) {
        return Some(format!("the attribute `{name}` of raw HTML `<{tag}>` is removed"));
    }
    let url: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let scheme = url.split_once(':').map(|(scheme, _)| scheme).filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        Some(scheme)
            if matches!(name, "href" | "src" | "cite")
                && !kept.schemes.contains(scheme.to_ascii_lowercase().as_str()) =>
        {
            Some(format!(
                "the `{scheme}:` URL of raw HTML `<{tag} {name}>` is removed: only http, https and mailto are kept"
            ))
        }
        _ => None,
    }
}

/// Looks at every raw HTML fragment (a byte range) of an article's Markdown.
pub(super) fn inspect(markdown: &str, fragments: impl Iterator<Item = Range<usize>>) -> Inspection {
    let mut found = Inspection::default();
    let mut depth = 0usize;
    // Elements opened past MAX_HTML_DEPTH and not closed yet: their tags are removed.
    let mut too_deep = 0usize;
    let mut reported: HashSet<String> = HashSet::new();
    let mut note = |offset: usize, message: String| found.notes.push(RawHtmlNote { offset, message });
    for fragment in fragments {
        let base = fragment.start;
        for tag in tags(&markdown[fragment]) {
            let range = base + tag.range.start..base + tag.range.end;
            let name = tag.name.as_str();
            if !tag.closing && RAW_TEXT_ELEMENTS.contains(&name) {
                if closes_in_its_block(markdown, range.end, name) {
                    note(range.start, format!("raw HTML `<{name}>` is removed with its content"));
                } else {
                    // Unclosed, it would swallow the article up to its end: show it as text.
                    found.edits.push(Edit { range: range.start..range.start + 1, replacement: "&lt;" });
                    note(
                        range.start,
                        format!("raw HTML `<{name}>` is shown as text (write it in backticks to quote a tag)"),
                    );
                }
                continue;
            }
            if !tag.closing && !KEPT_TAGS.contains(name) {
                if reported.insert(tag.name.clone()) {
                    note(range.start, format!("raw HTML `<{name}>` is removed: only safe HTML is kept in a page"));
                }
            } else if !tag.closing {
                for (attribute, value, offset) in attributes(&markdown[range.clone()]) {
                    if let Some(message) = removed_attribute(name, &attribute, value)
                        && reported.insert(format!("{name} {attribute}"))
                    {
                        note(range.start + offset, message);
                    }
                }
            }
            if NOT_NESTING.contains(&name) || tag.self_closing {
                continue;
            }
            if tag.closing {
                if too_deep > 0 {
                    too_deep -= 1;
                    found.edits.push(Edit { range, replacement: "" });
                } else {
                    depth = depth.saturating_sub(1);
                }
            } else if depth == MAX_HTML_DEPTH {
                if too_deep == 0 {
                    note(
                        range.start,
                        format!(
                            "raw HTML nests more than {MAX_HTML_DEPTH} elements deep from here: the deeper elements are removed, their text kept"
                        ),
                    );
                }
                too_deep += 1;
                found.edits.push(Edit { range, replacement: "" });
            } else {
                depth += 1;
            }
        }
    }
    found.edits.sort_by_key(|edit| edit.range.start);
    found
}

/// Whether `</name` comes after `from` before the paragraph or block ends (a blank line).
fn closes_in_its_block(markdown: &str, from: usize, name: &str) -> bool {
    let rest = &markdown[from..];
    let block = rest.find("\n\n").or_else(|| rest.find("\n\r\n")).map_or(rest, |end| &rest[..end]);
    let closing = format!("</{name}");
    block.as_bytes().windows(closing.len()).any(|window| window.eq_ignore_ascii_case(closing.as_bytes()))
}

/// `markdown` with the edits made, and a map from offsets in the result back to `markdown`.
pub(super) fn apply<'e>(markdown: &str, edits: &'e [Edit]) -> (String, impl Fn(usize) -> usize + 'e) {
    let mut out = String::with_capacity(markdown.len() + 3 * edits.len());
    let mut from = 0;
    for edit in edits {
        out.push_str(&markdown[from..edit.range.start]);
        out.push_str(edit.replacement);
        from = edit.range.end;
    }
    out.push_str(&markdown[from..]);
    let back = move |offset: usize| {
        let mut shift: isize = 0;
        for edit in edits {
            let start_after = (edit.range.start as isize + shift) as usize;
            if start_after >= offset {
                break;
            }
            shift += edit.replacement.len() as isize - edit.range.len() as isize;
        }
        (offset as isize - shift) as usize
    };
    (out, back)
}

/// The sanitiser for raw HTML: ammonia's safe defaults, keeping the ids and
/// classes that headings, footnotes and task lists need.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class"])
        .add_tags(["input", "figure", "figcaption"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|_, attribute, value| {
            if attribute != "id" {
                return Some(value.into());
            }
            // Raw HTML may repeat an id; only its first use keeps it.
            SEEN_IDS.with_borrow_mut(|seen| seen.insert(value.to_owned())).then(|| value.into())
        });
    builder
});

thread_local! {
    /// Ids met while sanitising the current document (a `clean` runs on one thread).
    static SEEN_IDS: std::cell::RefCell<HashSet<String>> = std::cell::RefCell::new(HashSet::new());
}

pub(super) fn sanitise(html: &str) -> String {
    SEEN_IDS.with_borrow_mut(HashSet::clear);
    SANITIZER.clean(html).to_string()
}

/// Puts the ids written in raw HTML into their own `user-` namespace, so they never
/// take the id of a generated heading or footnote.
pub(super) fn namespace_raw_ids(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(found) = find_id_attribute(rest) {
        let (head, tail) = rest.split_at(found);
        out.push_str(head);
        let quote_len = usize::from(tail.as_bytes().get(3).is_some_and(|b| *b == b'"' || *b == b'\''));
        out.push_str(&tail[..3 + quote_len]);
        out.push_str("user-");
        rest = &tail[3 + quote_len..];
    }
    out.push_str(rest);
    out
}

/// The byte offset of the next ` id=` (any case, after whitespace) in `html`.
pub(super) fn find_id_attribute(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    (1..bytes.len().saturating_sub(2))
        .find(|&i| bytes[i - 1].is_ascii_whitespace() && bytes[i..i + 3].eq_ignore_ascii_case(b"id="))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::render;

    fn inspect_all(markdown: &str) -> Inspection {
        inspect(markdown, std::iter::once(0..markdown.len()))
    }

    #[test]
    fn unclosed_raw_text_elements_are_shown_as_text() {
        let found = inspect_all("a <SCRIPT> b\n\n</script> <b>");
        assert_eq!(found.edits, vec![Edit { range: 2..3, replacement: "&lt;" }]);
        assert_eq!(found.notes.len(), 1);
        let closed = inspect_all("<script>x()</script>");
        assert!(closed.edits.is_empty());
        assert!(closed.notes[0].message.contains("removed with its content"), "{:?}", closed.notes);
    }

    #[test]
    fn removed_tags_are_reported_once() {
        let found = inspect_all("<blink></blink><blink>");
        assert_eq!(found.notes.len(), 1, "{:?}", found.notes);
        assert!(found.notes[0].message.contains("`<blink>` is removed"), "{}", found.notes[0].message);
    }

    #[test]
    fn removed_attributes_and_urls_are_reported() {
        let found =
            inspect_all("<a href=\"javascript:x()\" onclick='y()' title=t>a</a><a onclick=z><span style=\"c\">");
        let messages: Vec<&str> = found.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the `javascript:` URL of raw HTML `<a href>` is removed: only http, https and mailto are kept",
                "the attribute `onclick` of raw HTML `<a>` is removed",
                "the attribute `style` of raw HTML `<span>` is removed",
            ]
        );
        assert!(
            inspect_all("<a href=\"https://e.org/a:b\" class=x>a</a><img src=\"/i.png\" alt=\"\">").notes.is_empty()
        );
    }

    #[test]
    fn nesting_past_the_bound_is_flattened() {
        let deep = format!("{}x{}", "<div>".repeat(MAX_HTML_DEPTH + 2), "</div>".repeat(MAX_HTML_DEPTH + 2));
        let found = inspect_all(&deep);
        assert_eq!(found.notes.len(), 1);
        assert_eq!(found.notes[0].offset, MAX_HTML_DEPTH * 5);
        assert_eq!(found.edits.len(), 4);
        let (flat, back) = apply(&deep, &found.edits);
        assert_eq!(flat, format!("{}x{}", "<div>".repeat(MAX_HTML_DEPTH), "</div>".repeat(MAX_HTML_DEPTH)));
        assert_eq!(back(flat.len()), deep.len());
        let flat = "<div></div><p><br>".repeat(10_000);
        assert!(inspect_all(&flat).notes.is_empty());
    }

    #[test]
    fn raw_html_is_sanitised() {
        let out = render(
            "Hi <script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n\n<iframe src=\"https://e.org\"></iframe><img src=x onerror=alert(1)>\n",
        );
        for bad in ["<script", "javascript:", "onclick", "onerror", "<iframe"] {
            assert!(!out.html.contains(bad), "{bad} in {}", out.html);
        }
    }

    #[test]
    fn script_in_prose_keeps_the_rest_of_the_article() {
        let out = render(
            "# Intro\n\nThe <script> tag runs code.\n\n<style> sheets too.\n\n## Later heading\n\nMore [x](a.md).\n",
        );
        assert!(out.html.contains("<h2 id=\"later-heading\">"), "{}", out.html);
        assert!(out.html.contains("&lt;script&gt; tag runs code"), "{}", out.html);
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert_eq!(out.raw_html.len(), 2, "{:?}", out.raw_html);
        assert_eq!(out.raw_html[0].offset, 13);
        assert_eq!(out.file_links[0].offset, 82);
    }

    #[test]
    fn deep_raw_html_is_flattened_in_linear_time() {
        let out = render(&format!("Text\n\n{}deep\n", "<div>".repeat(200_000)));
        assert_eq!(out.raw_html.len(), 1, "{:?}", out.raw_html);
        assert!(out.html.contains("deep"));
    }
}
