//! Writing untrusted text as Markdown: every character that Markdown (or the raw HTML
//! it allows) would read as markup is escaped, so a page's text stays text.

use crate::Caption;

/// `text` as one line of literal Markdown text.
pub fn escape(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut escaped = String::with_capacity(text.len() + 8);
    for (index, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '&' if starts_entity(&text[index + 1..]) => escaped.push_str("\\&"),
            '#' | '-' | '+' | '=' if index == 0 => {
                escaped.push('\\');
                escaped.push(c);
            }
            '.' | ')' if text[..index].chars().all(|d| d.is_ascii_digit()) && index > 0 => {
                // "2024. A year" would start an ordered list.
                escaped.push('\\');
                escaped.push(c);
            }
            _ => escaped.push(c),
        }
    }
    escaped
}

/// `&amp;`, `&#169;`: what Markdown would read as an HTML character reference.
fn starts_entity(rest: &str) -> bool {
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// A photo caption, kept as an emphasised paragraph: Markdown has no figure without an image.
pub fn caption(caption: &Caption) -> String {
    match &caption.credit {
        Some(credit) => format!("*{}* ({})", escape(&caption.text), escape(credit)),
        None => format!("*{}*", escape(&caption.text)),
    }
}

/// Blocks joined by blank lines, at most one blank line anywhere, ending in one newline.
pub fn join_blocks(blocks: &[String]) -> String {
    let mut document = String::new();
    for block in blocks.iter().map(|b| b.trim()).filter(|b| !b.is_empty()) {
        if !document.is_empty() {
            document.push_str("\n\n");
        }
        document.push_str(block);
    }
    document.push('\n');
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("2024. A year"), "2024\\. A year");
        assert_eq!(escape("a *b* [c](d) `e`"), "a \\*b\\* \\[c\\](d) \\`e\\`");
        assert_eq!(escape("R&D &amp; more"), "R&D \\&amp; more");
    }
}
