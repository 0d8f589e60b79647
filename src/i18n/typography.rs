//! Typography by language: the spaces and quotes a language's readers expect, applied to
//! every text a site shows (front matter as written, the body as rendered).
//!
//! French puts a no-break space before `:` and a narrow one before `;` `!` `?` and
//! inside `« »`, so that a line never starts with the sign. Only spaces the author wrote
//! become no-break ones (and guillemets get theirs): a `?` in `page?id=1` or a time such as
//! `08:44` is left alone. Straight quotes and apostrophes in French front matter become
//! curly ones, as Markdown's smart punctuation makes them in the body.

/// The rules a language's `typography:` key names (`i18n/<lang>.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Typography {
    /// Texts as written (English: its output stays as it was).
    #[default]
    Plain,
    /// Curly quotes and apostrophes in front matter, and French spacing.
    French,
}

pub(crate) const NO_BREAK_SPACE: char = '\u{a0}';
pub(crate) const NARROW_NO_BREAK_SPACE: char = '\u{202f}';

impl Typography {
    /// The rules of a `typography:` value: `french`, else plain.
    pub fn named(name: &str) -> Typography {
        if name.eq_ignore_ascii_case("french") { Typography::French } else { Typography::Plain }
    }

    /// Front-matter text (a title, a summary): quotes, apostrophes and spacing.
    pub fn text(self, text: &str) -> String {
        match self {
            Typography::Plain => text.to_owned(),
            Typography::French => french_spacing(&curly_quotes(text)),
        }
    }

    /// Rendered HTML (an article's body): spacing in its text, outside tags, entities,
    /// code and preformatted blocks. Quotes are Markdown's business there.
    pub fn html(self, html: &str) -> String {
        match self {
            Typography::Plain => html.to_owned(),
            Typography::French => map_html_text(html, french_spacing),
        }
    }
}

/// `'` and `"` as the typesetter would write them: ’ within and after a word, ‘ “ at
/// the start of a quotation, ” at its end.
fn curly_quotes(text: &str) -> String {
    if !text.contains(['\'', '"']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let opens = previous.is_none_or(|p| p.is_whitespace() || "([{«“‘—–-/".contains(p));
        out.push(match c {
            '\'' if opens => '‘',
            '\'' => '’',
            '"' if opens => '“',
            '"' => '”',
            other => other,
        });
        previous = Some(c);
    }
    out
}

/// French spacing in plain text.
fn french_spacing(text: &str) -> String {
    if !text.contains([':', ';', '!', '?', '«', '»']) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let is_space = |c: char| c == ' ' || c == '\n' || c == '\t' || c == NO_BREAK_SPACE || c == NARROW_NO_BREAK_SPACE;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        let space_before = match c {
            ':' => Some(NO_BREAK_SPACE),
            ';' | '!' | '?' | '»' => Some(NARROW_NO_BREAK_SPACE),
            _ => None,
        };
        if let Some(space) = space_before {
            let ends_in_space = out.ends_with(is_space);
            if ends_in_space {
                while out.ends_with(is_space) {
                    out.pop();
                }
                out.push(space);
            } else if c == '»' && !out.is_empty() {
                out.push(space);
            }
            out.push(c);
            index += 1;
            continue;
        }
        out.push(c);
        index += 1;
        if c == '«' {
            while index < chars.len() && is_space(chars[index]) {
                index += 1;
            }
            if index < chars.len() {
                out.push(NARROW_NO_BREAK_SPACE);
            }
        }
    }
    out
}

/// `html` with `map` applied to each run of text outside tags, except inside `<code>`,
/// `<pre>`, `<script>`, `<style>` and `<kbd>`. Entities are kept whole: a run stops at `&`
/// and starts again after the entity's `;`.
fn map_html_text(html: &str, map: fn(&str) -> String) -> String {
    const RAW: [&str; 5] = ["code", "pre", "script", "style", "kbd"];
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    let mut raw_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            let name: String =
                tag.trim_start_matches(['<', '/']).chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if RAW.iter().any(|raw| raw.eq_ignore_ascii_case(&name)) {
                if tag.starts_with("</") {
                    raw_depth = raw_depth.saturating_sub(1);
                } else if !tag.ends_with("/>") {
                    raw_depth += 1;
                }
            }
            out.push_str(tag);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        if raw_depth > 0 {
            out.push_str(text);
        } else {
            out.push_str(&map_between_entities(text, map));
        }
        rest = &rest[end..];
    }
    out
}

/// Text of HTML, `map` applied around its entities (`&amp;`), which it never sees; a
/// run is mapped with the entity standing as one placeholder character so that spacing
/// around it holds (`a &amp; b :`).
fn map_between_entities(text: &str, map: fn(&str) -> String) -> String {
    if !text.contains('&') {
        return map(text);
    }
    // Entities stand as private-use characters while the text is mapped.
    let mut entities: Vec<&str> = Vec::new();
    let mut masked = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        masked.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after.find(';').filter(|&semi| semi <= 32 && !after[1..semi].contains(char::is_whitespace));
        match end {
            Some(semi) if entities.len() < 6400 => {
                masked.push(char::from_u32(0xE000 + entities.len() as u32).unwrap_or('\u{E000}'));
                entities.push(&after[..=semi]);
                rest = &after[semi + 1..];
            }
            _ => {
                masked.push('&');
                rest = &after[1..];
            }
        }
    }
    masked.push_str(rest);
    map(&masked)
        .chars()
        .map(|c| match (c as u32).checked_sub(0xE000) {
            Some(index) if (index as usize) < entities.len() => entities[index as usize].to_owned(),
            _ => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: Typography = Typography::French;

    #[test]
    fn french_spaces_before_high_signs_and_inside_guillemets() {
        assert_eq!(FR.text("Pourquoi ? Parce que ; voilà !"), "Pourquoi\u{202f}? Parce que\u{202f}; voilà\u{202f}!");
        assert_eq!(FR.text("Bilan : positif"), "Bilan\u{a0}: positif");
        assert_eq!(FR.text("« Oui » et «non»"), "«\u{202f}Oui\u{202f}» et «\u{202f}non\u{202f}»");
    }

    #[test]
    fn french_leaves_signs_without_a_space_alone() {
        assert_eq!(FR.text("à 08:44, voir page?id=1"), "à 08:44, voir page?id=1");
    }

    #[test]
    fn front_matter_gets_curly_quotes_and_apostrophes() {
        assert_eq!(FR.text("L'Europe et \"l'IA\""), "L’Europe et “l’IA”");
        assert_eq!(Typography::Plain.text("It's 'new'"), "It's 'new'");
    }

    #[test]
    fn html_text_changes_but_not_tags_code_or_entities() {
        let html = "<p title=\"a : b\">Question ? <code>a ? b</code> R&amp;D : oui &amp; non !</p><pre>x ; y</pre>";
        assert_eq!(
            FR.html(html),
            "<p title=\"a : b\">Question\u{202f}? <code>a ? b</code> R&amp;D\u{a0}: oui &amp; non\u{202f}!</p><pre>x ; y</pre>"
        );
    }

    #[test]
    fn a_line_break_before_a_sign_is_no_longer_a_place_to_break() {
        assert_eq!(FR.html("<p>fin\n: suite</p>"), "<p>fin\u{a0}: suite</p>");
    }

    #[test]
    fn plain_html_is_unchanged() {
        assert_eq!(Typography::Plain.html("<p>Why ? \"x\"</p>"), "<p>Why ? \"x\"</p>");
    }
}
