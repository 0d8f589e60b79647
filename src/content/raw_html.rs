//! Raw HTML written in an article, looked at before it is sanitised: what the sanitiser
//! would drop (reported, so nothing disappears silently), elements whose text would
//! swallow the rest of the article, and nesting too deep to sanitise in linear time.

use std::collections::HashSet;
use std::sync::LazyLock;

/// How deeply raw HTML elements may nest. Real articles stay under 20; the HTML parser
/// under the sanitiser slows down with every open element (200,000 nested `<div>`s took
/// minutes), so past this an article is an error, not a slow build.
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

/// Something about the raw HTML of an article, at a byte offset of its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHtmlNote {
    pub offset: usize,
    pub message: String,
    /// The article cannot be rendered (nesting too deep); otherwise a warning.
    pub fatal: bool,
}

/// A tag in raw HTML: its name (lowercase), whether it closes, and its byte offset.
struct TagAt {
    name: String,
    closing: bool,
    self_closing: bool,
    offset: usize,
}

/// The tags of a raw HTML fragment, in order (comments and declarations skipped).
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
            let end = html[name_start..].find('>').map_or(html.len(), |i| name_start + i);
            at = name_start + name_len;
            return Some(TagAt {
                name: html[name_start..name_start + name_len].to_ascii_lowercase(),
                closing,
                self_closing: end > 0 && bytes.get(end - 1) == Some(&b'/'),
                offset: start,
            });
        }
        None
    })
}

/// Tags the sanitiser keeps; any other is removed from the page.
static KEPT_TAGS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| super::markdown::sanitiser_tags());

/// Looks at every raw HTML fragment of an article, as `(byte offset in the Markdown, text)`.
/// Returns the notes, and the offsets of raw-text elements to show as text instead.
pub fn inspect<'a>(fragments: impl Iterator<Item = (usize, &'a str)>) -> (Vec<RawHtmlNote>, Vec<usize>) {
    let mut notes = Vec::new();
    let mut as_text = Vec::new();
    let mut depth = 0usize;
    let mut reported: HashSet<String> = HashSet::new();
    for (base, fragment) in fragments {
        for tag in tags(fragment) {
            let offset = base + tag.offset;
            if !tag.closing && RAW_TEXT_ELEMENTS.contains(&tag.name.as_str()) {
                as_text.push(offset);
                notes.push(RawHtmlNote {
                    offset,
                    message: format!(
                        "raw HTML `<{}>` is never kept: it is shown as text, and the rest of the article is kept (quote it in backticks to avoid this warning)",
                        tag.name
                    ),
                    fatal: false,
                });
                continue;
            }
            if !tag.closing && !KEPT_TAGS.contains(tag.name.as_str()) && reported.insert(tag.name.clone()) {
                notes.push(RawHtmlNote {
                    offset,
                    message: format!("raw HTML `<{}>` is removed: only safe HTML is kept in a page", tag.name),
                    fatal: false,
                });
            }
            if NOT_NESTING.contains(&tag.name.as_str()) || tag.self_closing {
                continue;
            }
            if tag.closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                if depth > MAX_HTML_DEPTH {
                    notes.push(RawHtmlNote {
                        offset,
                        message: format!(
                            "raw HTML nests more than {MAX_HTML_DEPTH} elements deep here: close elements or flatten them"
                        ),
                        fatal: true,
                    });
                    return (notes, as_text);
                }
            }
        }
    }
    (notes, as_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_text_elements_are_shown_as_text() {
        let (notes, as_text) = inspect([(10, "<SCRIPT>"), (30, "<b>")].into_iter());
        assert_eq!(as_text, vec![10]);
        assert_eq!(notes.len(), 1);
        assert!(!notes[0].fatal);
    }

    #[test]
    fn removed_tags_are_reported_once() {
        let (notes, _) = inspect([(0, "<blink>"), (20, "</blink><blink>")].into_iter());
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].message.contains("`<blink>` is removed"), "{}", notes[0].message);
    }

    #[test]
    fn deep_nesting_is_fatal_but_flat_html_is_not() {
        let deep = "<div>".repeat(MAX_HTML_DEPTH + 1);
        let (notes, _) = inspect([(0, deep.as_str())].into_iter());
        assert!(notes.last().is_some_and(|n| n.fatal && n.offset == MAX_HTML_DEPTH * 5), "{notes:?}");
        let flat = "<div></div><p><br>".repeat(10_000);
        assert!(inspect([(0, flat.as_str())].into_iter()).0.is_empty());
    }
}
