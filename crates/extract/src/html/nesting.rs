//! A bound on how deep a page's elements nest, applied to the markup before it is
//! parsed: the HTML parser checks element scope by walking its stack of open elements,
//! so 100,000 nested `<div>`s cost it billions of steps, and every later walk over a
//! tree that deep risks the stack. Tags past the bound are left out; their text stays.

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

/// `input` with the tags that would nest deeper than `PARSE_DEPTH` removed, and how
/// many tags were removed. Linear in the input; borrowed when nothing is removed.
pub fn bound_nesting(input: &str) -> (Cow<'_, str>, usize) {
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
        let name = input[name_start..name_start + name_len].to_ascii_lowercase();
        let end = input[name_start..].find('>').map_or(input.len(), |e| name_start + e + 1);
        let self_closing = input[..end].ends_with("/>");
        let mut remove = false;
        if closing {
            if !NOT_NESTING.contains(&name.as_str()) {
                if skipped_open > 0 {
                    skipped_open -= 1;
                    remove = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
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
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            at = input[at..].to_ascii_lowercase().find(&close).map_or(input.len(), |e| at + e);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_unchanged() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(bound_nesting(page), (Cow::Borrowed(_), 0)));
    }

    #[test]
    fn deep_nesting_is_cut_and_the_text_kept() {
        let deep = format!("{}text{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let (bounded, removed) = bound_nesting(&deep);
        assert_eq!(removed, 2 * (1000 - PARSE_DEPTH));
        assert!(bounded.contains("text") && bounded.matches("<div>").count() == PARSE_DEPTH);
        let bold = format!("<p>{}words", "<b>x ".repeat(5000));
        let (bounded, removed) = bound_nesting(&bold);
        assert_eq!(removed, 5000 - PARSE_DEPTH);
        assert_eq!(bounded.matches("x ").count(), 5000);
    }
}
