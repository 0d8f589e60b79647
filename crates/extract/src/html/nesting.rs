//! The markup made lighter before it is parsed.
//!
//! A bound on how deep a page's elements nest: the HTML parser checks element scope by
//! walking its stack of open elements, so 100,000 nested `<div>`s cost it billions of
//! steps, and every later walk over a tree that deep risks the stack. Tags past the
//! bound are left out; their text stays.
//!
//! The source of scripts and styles, which no stage reads (but JSON-LD metadata): on a
//! large news page it is most of the bytes, and the parser would copy it character by
//! character into text nodes that are thrown away. The elements stay, empty.

use std::borrow::Cow;

use crate::tuning::PARSE_DEPTH;

/// Elements that never nest: void elements, and those whose end tag is optional (an
/// unclosed `<p>` or `<li>` is closed by the next one, not nested in it).
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "html", "head", "body", "optgroup", "rt", "rp",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// `input` with the tags that would nest deeper than `PARSE_DEPTH` removed and the
/// source of scripts and styles left out, and how many tags were removed. Linear in the
/// input; borrowed when nothing is removed.
pub fn lighten(input: &str) -> (Cow<'_, str>, usize) {
    let bytes = input.as_bytes();
    let mut output: Option<String> = None;
    let mut copied_to = 0;
    let mut depth = 0usize;
    let mut skipped_open = 0usize;
    let mut removed = 0usize;
    let mut at = 0;
    while let Some(offset) = input[at..].find('<') {
        let start = at + offset;
        let rest = &input[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(input.len(), |end| start + end + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 {
            at = start + 1;
            continue;
        }
        let name = &bytes[name_start..name_start + name_len];
        let is = |names: &[&str]| names.iter().any(|known| known.as_bytes().eq_ignore_ascii_case(name));
        let end = input[name_start..].find('>').map_or(input.len(), |e| name_start + e + 1);
        let self_closing = input[..end].ends_with("/>");
        let mut remove = false;
        if closing {
            if !is(NOT_NESTING) {
                if skipped_open > 0 {
                    skipped_open -= 1;
                    remove = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if !self_closing && !is(NOT_NESTING) {
            if depth >= PARSE_DEPTH {
                skipped_open += 1;
                remove = true;
            } else {
                depth += 1;
            }
        }
        if remove {
            let kept = output.get_or_insert_with(|| String::with_capacity(input.len()));
            kept.push_str(&input[copied_to..start]);
            copied_to = end;
            removed += 1;
        }
        at = end;
        if !closing && is(RAW_TEXT) {
            let close = end_tag(&input[at..], name).map(|e| at + e);
            if let Some(close) = close
                && unread_source(&input[start..at], name, &input[at..close], &bytes[close + 2 + name_len..])
            {
                let kept = output.get_or_insert_with(|| String::with_capacity(input.len()));
                kept.push_str(&input[copied_to..at]);
                copied_to = close;
            }
            at = close.unwrap_or(input.len());
        }
    }
    match output {
        None => (Cow::Borrowed(input), 0),
        Some(mut kept) => {
            kept.push_str(&input[copied_to..]);
            (Cow::Owned(kept), removed)
        }
    }
}

/// Whether the source of the script or style opened by `open_tag` can be left out: it
/// is not JSON (JSON-LD metadata is read), and the parser ends it where [`end_tag`] does
/// (no `<!--`, after which a script may hold `</script>` as text; an end tag closed
/// like a tag, unlike `</scripts`).
fn unread_source(open_tag: &str, name: &[u8], source: &str, after_end_tag: &[u8]) -> bool {
    let is_script = name.eq_ignore_ascii_case(b"script");
    (is_script || name.eq_ignore_ascii_case(b"style"))
        && !(is_script && open_tag.to_ascii_lowercase().contains("json"))
        && !source.contains("<!--")
        && after_end_tag.first().is_some_and(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
}

/// Where the end tag of `name` starts in `rest` (`</script`, in any case).
fn end_tag(rest: &str, name: &[u8]) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(offset) = rest[from..].find('<') {
        let start = from + offset;
        if bytes.get(start + 1) == Some(&b'/')
            && bytes.get(start + 2..start + 2 + name.len()).is_some_and(|found| found.eq_ignore_ascii_case(name))
        {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_unchanged() {
        let page =
            "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><textarea>if (a<b) {}</textarea></div></body></html>";
        assert!(matches!(lighten(page), (Cow::Borrowed(_), 0)));
    }

    #[test]
    fn scripts_and_styles_are_left_empty_but_json() {
        let page = concat!(
            r#"<head><style>p { color: red }</style><script type="application/ld+json">{"a": 1}</script></head>"#,
            "<body><p>Text</p><SCRIPT>if (a<b) {}</Script ><script>document.write('<!--<script></script>-->')</script>",
            "<script>x = '</scripts>'</script></body>"
        );
        let (lightened, removed) = lighten(page);
        assert_eq!(removed, 0);
        assert_eq!(
            lightened,
            concat!(
                r#"<head><style></style><script type="application/ld+json">{"a": 1}</script></head>"#,
                "<body><p>Text</p><SCRIPT></Script ><script>document.write('<!--<script></script>-->')</script>",
                "<script>x = '</scripts>'</script></body>"
            )
        );
    }

    #[test]
    fn deep_nesting_is_cut_and_the_text_kept() {
        let deep = format!("{}text{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let (bounded, removed) = lighten(&deep);
        assert_eq!(removed, 2 * (1000 - PARSE_DEPTH));
        assert!(bounded.contains("text") && bounded.matches("<div>").count() == PARSE_DEPTH);
        let bold = format!("<p>{}words", "<b>x ".repeat(5000));
        let (bounded, removed) = lighten(&bold);
        assert_eq!(removed, 5000 - PARSE_DEPTH);
        assert_eq!(bounded.matches("x ").count(), 5000);
    }
}
