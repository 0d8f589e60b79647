//! Writing untrusted text as Markdown: every character that Markdown (or the raw HTML
//! it allows) would read as markup is escaped, so a page's text stays text.

use crate::{Caption, LeadImage};

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

/// The lead photo: with its image's address, a `figure` block (`src`, `alt`, `caption`,
/// `credit`, each a line of YAML); without one, its caption as an emphasised line, since
/// a figure is an image first; with neither, nothing.
pub fn lead_photo(image: Option<&LeadImage>, caption: Option<&Caption>) -> Option<String> {
    // A credit with no caption and no photo says nothing.
    let Some(image) = image else { return caption.filter(|c| !c.text.is_empty()).map(self::caption) };
    let mut block = format!("```figure\nsrc: {}\n", yaml_scalar(&image.src));
    let fields = [
        ("alt", image.alt.as_deref()),
        ("caption", caption.map(|c| c.text.as_str())),
        ("credit", caption.and_then(|c| c.credit.as_deref())),
    ];
    for (key, value) in fields {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            block.push_str(&format!("{key}: {}\n", yaml_scalar(value)));
        }
    }
    block.push_str("```");
    Some(block)
}

/// `text` on one line as a YAML value: plain when YAML reads it back as that same text,
/// double-quoted otherwise ("Photo: Agency", a leading quote or sign, `true`, `2024`).
fn yaml_scalar(text: &str) -> String {
    const KEYWORDS: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = text.starts_with(char::is_alphabetic)
        && !KEYWORDS.contains(&text.to_ascii_lowercase().as_str())
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.contains(|c: char| c.is_control() || matches!(c, '\\' | '"' | '\u{feff}'));
    if plain { text } else { serde_json::Value::String(text).to_string() }
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

    #[test]
    fn a_lead_photo_with_an_image_is_a_figure_block_else_an_emphasised_caption() {
        let image = LeadImage { src: "https://cdn.example/lab.jpg?w=1200&h=800".into(), alt: None };
        let caption = Caption { text: "The lab, in 2024.".into(), credit: Some("Photo: Ana Ficta".into()) };
        assert_eq!(
            lead_photo(Some(&image), Some(&caption)).unwrap(),
            "```figure\nsrc: https://cdn.example/lab.jpg?w=1200&h=800\ncaption: The lab, in 2024.\ncredit: \"Photo: Ana Ficta\"\n```"
        );
        assert_eq!(
            lead_photo(Some(&image), None).unwrap(),
            "```figure\nsrc: https://cdn.example/lab.jpg?w=1200&h=800\n```"
        );
        assert_eq!(lead_photo(None, Some(&caption)).unwrap(), "*The lab, in 2024.* (Photo: Ana Ficta)");
        assert_eq!(lead_photo(None, None), None);
        let credit = Caption { text: String::new(), credit: Some("AFP".into()) };
        assert_eq!(
            lead_photo(Some(&image), Some(&credit)).unwrap(),
            "```figure\nsrc: https://cdn.example/lab.jpg?w=1200&h=800\ncredit: AFP\n```"
        );
        assert_eq!(lead_photo(None, Some(&credit)), None);
    }

    #[test]
    fn yaml_values_read_back_as_written() {
        assert_eq!(yaml_scalar("The lab in Lisbon"), "The lab in Lisbon");
        assert_eq!(yaml_scalar("AFP"), "AFP");
        for quoted in
            ["Photo: AFP", "\"Quoted\" first", "- a list?", "2024", "true", "No", "x #1", "[a]", "© AFP", "'a'"]
        {
            assert!(yaml_scalar(quoted).starts_with('"'), "{quoted}");
        }
    }
}
