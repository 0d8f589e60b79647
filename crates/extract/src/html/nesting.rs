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

/// Elements whose content follows the rules of SVG and MathML.
const FOREIGN: &[&str] = &["svg", "math"];

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
    // Inside `<svg>` or `<math>`.
    let mut foreign = 0usize;
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
        if closing && is(FOREIGN) {
            foreign = foreign.saturating_sub(1);
        } else if !closing && !self_closing && is(FOREIGN) {
            foreign += 1;
        }
        if !closing && is(RAW_TEXT) {
            // Scripts and styles in SVG and MathML are markup, not raw text.
            // `<script:x>` is not a script.
            let named = bytes.get(name_start + name_len).is_some_and(|b| b.is_ascii_whitespace() || b"/>".contains(b));
            let unread = match open_tag_end(bytes, name_start + name_len) {
                Some(source) if named && foreign == 0 && !remove => unread_source(input, start, source, name),
                _ => None,
            };
            if let Some((source, close)) = unread {
                let kept = output.get_or_insert_with(|| String::with_capacity(input.len()));
                kept.push_str(&input[copied_to..source]);
                copied_to = close;
                at = close;
            } else {
                at = end_tag(&input[at..], name).map_or(input.len(), |e| at + e);
            }
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

/// The source of the script or style whose tag opens at `start` and ends before
/// `source`, when it can be left out: the start of the source and of its end tag.
/// JSON is read (JSON-LD metadata); the end of a script is where the parser ends it.
fn unread_source(input: &str, start: usize, source: usize, name: &[u8]) -> Option<(usize, usize)> {
    let rest = &input[source..];
    if name.eq_ignore_ascii_case(b"style") {
        let close = tags(rest).find(|&at| tag_at(&rest.as_bytes()[at..], b"</", b"style"))?;
        return Some((source, source + close));
    }
    if !name.eq_ignore_ascii_case(b"script") || input[start..source].to_ascii_lowercase().contains("json") {
        return None;
    }
    script_end(rest).map(|close| (source, source + close))
}

/// Where a `<` stands in `text`.
fn tags(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('<').map(|(at, _)| at)
}

/// Whether `rest` starts with `opening` (`<`, `</`) and the tag name `name`, in any case,
/// closed as the tokenizer closes a tag name (a space, `/`, `>`).
fn tag_at(rest: &[u8], opening: &[u8], name: &[u8]) -> bool {
    let after = opening.len() + name.len();
    rest.starts_with(opening)
        && rest.get(opening.len()..after).is_some_and(|found| found.eq_ignore_ascii_case(name))
        && rest.get(after).is_some_and(|b| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
}

/// Where the HTML tokenizer ends the source of a script: at the first `</script>`, but
/// that after `<!--` a `<script>` opens a part where `</script>` does not end it (until
/// `-->`, or a `</script>` that closes the part).
fn script_end(source: &str) -> Option<usize> {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let bytes = source.as_bytes();
    let mut state = State::Data;
    let mut at = 0;
    loop {
        // Outside the escaped parts only a `<` changes anything; inside them a `-->` too.
        let next = match state {
            State::Data => at + source[at..].find('<')?,
            _ => at + bytes[at..].iter().position(|&b| b == b'<' || b == b'>')?,
        };
        let rest = &bytes[next..];
        at = next + 1;
        if rest[0] == b'>' {
            // `-->`, the dashes of the `<!--` that opened the part among them (`<!-->`).
            if next >= 2 && bytes[next - 2..next] == *b"--" {
                state = State::Data;
            }
            continue;
        }
        match state {
            State::Data if rest.starts_with(b"<!--") => (state, at) = (State::Escaped, next + 4),
            State::Data | State::Escaped if tag_at(rest, b"</", b"script") => return Some(next),
            // The name and the character that closed it are read.
            State::Escaped if tag_at(rest, b"<", b"script") => (state, at) = (State::DoubleEscaped, next + 8),
            State::DoubleEscaped if tag_at(rest, b"</", b"script") => (state, at) = (State::Escaped, next + 9),
            _ => {}
        }
    }
}

/// Where the source of an element starts: past its open tag's attributes, read as the
/// tokenizer reads them (a `>` inside a quoted value does not close the tag). `at` is
/// just past the tag's name.
fn open_tag_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    let space = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    loop {
        while bytes.get(at).is_some_and(|&b| space(b) || b == b'/') {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => return Some(at + 1),
            // The name: its first character may be `=`.
            _ => at += 1,
        }
        while bytes.get(at).is_some_and(|&b| !space(b) && !matches!(b, b'/' | b'>' | b'=')) {
            at += 1;
        }
        while bytes.get(at).copied().is_some_and(space) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while bytes.get(at).copied().is_some_and(space) {
            at += 1;
        }
        match bytes.get(at)? {
            &quote @ (b'"' | b'\'') => at += 2 + bytes[at + 1..].iter().position(|&b| b == quote)?,
            _ => {
                while bytes.get(at).is_some_and(|&b| !space(b) && b != b'>') {
                    at += 1;
                }
            }
        }
    }
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

    /// Elements, attributes and text of a parsed page, but the text of scripts and styles.
    fn shape(html: &str) -> String {
        use markup5ever_rcdom::NodeData;
        let document = htmd::HtmlToMarkdown::new().html_to_tree(html).unwrap();
        let mut out = String::new();
        let mut stack = vec![(document, false)];
        while let Some((node, in_source)) = stack.pop() {
            let source = match &node.data {
                NodeData::Element { name, attrs, .. } => {
                    let attrs: Vec<String> =
                        attrs.borrow().iter().map(|a| format!("{}={}", a.name.local, a.value)).collect();
                    out.push_str(&format!("<{} {}>", name.local, attrs.join(" ")));
                    matches!(&*name.local, "script" | "style")
                }
                NodeData::Text { contents } if !in_source => {
                    out.push_str(&contents.borrow());
                    false
                }
                _ => false,
            };
            stack.extend(node.children.borrow().iter().rev().map(|c| (c.clone(), source)));
        }
        out
    }

    #[test]
    fn scripts_and_styles_are_left_empty_but_json() {
        let page = concat!(
            r#"<head><style>p { color: red }</style><script type="application/ld+json">{"a": 1}</script></head>"#,
            "<body><p>Text</p><SCRIPT>if (a<b) {}</Script ><script>x = '</scripts>'</script></body>"
        );
        let (lightened, removed) = lighten(page);
        assert_eq!(removed, 0);
        assert_eq!(
            lightened,
            concat!(
                r#"<head><style></style><script type="application/ld+json">{"a": 1}</script></head>"#,
                "<body><p>Text</p><SCRIPT></Script ><script></script></body>"
            )
        );
    }

    #[test]
    fn scripts_end_where_the_parser_ends_them() {
        for script in [
            "<script>if (a<b) {}</script><p>after</p>",
            "<script>document.write('<!--<script>x</script>-->')</script><p>after</p>",
            "<script>a = '<!--'; b = '<script>'; c = '</script>'; d = 1</script><p>after</p>",
            "<script>a = '<!--'; b = '<script>'; </script><p>inside</p><!-- --></script><p>after</p>",
            "<script>a = '<!-->'; b = '<script>'; </script><p>after</p>",
            "<script>a = '<!--'; b = '-->'; c = '<script>'; </script><p>after</p>",
            "<script>a = '<!--'; b = '<script>'; c = '-->' </script><p>after</p>",
            "<script>a = '<!--<script>-->'; </script><p>after</p>",
            "<script>a = '<!--->'; b = '<script>'; </script><p>after</p>",
            "<script>a = '<!--<SCRIPT/-- -->'; </script><p>after</p></script>",
            r#"<script data-x="a>b" data-y='</script>' z=w>code</script><p>after</p>"#,
            "<script>/* <!--> */ y</script\n><p>after</p>",
            "<script:x>not a script</script:x><p>after</p>",
            "<svg><script>if (a<b) {}</script><style>a</style></svg><p>after</p>",
            "<style>a { content: '</stylex>' }</style><p>after</p>",
            "<script>never closed",
        ] {
            let page = format!("<html><body><p>before</p>{script}</body></html>");
            let (lightened, _) = lighten(&page);
            assert_eq!(shape(&lightened), shape(&page), "{script}\n{lightened}");
        }
        let (lightened, _) = lighten("<script>a = '<!--'; b = '<script>'; c = '</script>'; d = 1</script>");
        assert_eq!(lightened, "<script></script>");
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
