//! Block tags left open in a template (`{% if %}` without `{% endif %}`).
//!
//! Tera reports such a template where it gave up, at the end of the file or at the next
//! closing tag ("Unexpected end of input", "Unknown tag"); the author needs the tag that
//! was opened and the one to add.

/// Tags that open a block closed by `end<name>`.
const BLOCK_TAGS: &[&str] = &["if", "for", "block", "macro", "filter", "raw"];

/// An open block tag: where, and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unclosed {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The first block tag of `text` that is not closed where it should be, if any.
pub(super) fn unclosed(text: &str) -> Option<Unclosed> {
    let blanked = without_comments(text);
    let text = blanked.as_str();
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut rest = 0;
    while let Some(start) = text[rest..].find("{%").map(|at| rest + at) {
        let end = text[start..].find("%}").map(|at| start + at + 2)?;
        let inner = text[start + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let name = inner.split_whitespace().next().unwrap_or_default();
        rest = end;
        if let Some(&(inside, _)) = open.last()
            && inside == "raw"
            && name != "endraw"
        {
            continue;
        }
        if BLOCK_TAGS.contains(&name) {
            open.push((name, start));
        } else if let Some(closed) = name.strip_prefix("end") {
            match open.pop() {
                Some((opened, _)) if opened == closed => {}
                Some((opened, at)) => {
                    let (line, column) = crate::diagnostic::line_column(text, at);
                    let (close_line, _) = crate::diagnostic::line_column(text, start);
                    return Some(Unclosed {
                        line,
                        column,
                        message: format!(
                            "`{{% {opened} %}}` is not closed before `{{% {name} %}}` on line {close_line}: \
                             add `{{% end{opened} %}}` where its block ends"
                        ),
                    });
                }
                None => {
                    let (line, column) = crate::diagnostic::line_column(text, start);
                    return Some(Unclosed {
                        line,
                        column,
                        message: format!("`{{% {name} %}}` closes no block: remove it, or open its block before it"),
                    });
                }
            }
        }
    }
    let &(opened, at) = open.last()?;
    let (line, column) = crate::diagnostic::line_column(text, at);
    Some(Unclosed {
        line,
        column,
        message: format!("`{{% {opened} %}}` is never closed: add `{{% end{opened} %}}` where its block ends"),
    })
}

/// `text` with every `{# comment #}` blanked out, lines and offsets kept.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{#") {
        let end = rest[start..].find("#}").map_or(rest.len(), |at| start + at + 2);
        out.push_str(&rest[..start]);
        out.extend(rest[start..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_if_left_open_is_named_at_its_tag() {
        let found = unclosed("<p>\n  {% if page %}\nx\n").unwrap();
        assert_eq!((found.line, found.column), (2, 3));
        assert_eq!(found.message, "`{% if %}` is never closed: add `{% endif %}` where its block ends");
    }

    #[test]
    fn a_block_closed_inside_an_open_if_names_the_if() {
        let text = "{% block content %}\n{% if a %}{% for x in y %}{% endfor %}\n{% endblock content %}\n";
        let found = unclosed(text).unwrap();
        assert_eq!((found.line, found.column), (2, 1));
        assert!(found.message.starts_with("`{% if %}` is not closed before `{% endblock %}` on line 3"), "{found:?}");
    }

    #[test]
    fn balanced_templates_and_raw_blocks_pass() {
        assert_eq!(unclosed("{% if a %}{%- for x in y -%}{% endfor %}{% else %}{% endif %}"), None);
        assert_eq!(unclosed("{% raw %}{% if %}{% endraw %}"), None);
        assert_eq!(unclosed("{# {% if a %} #}<p>"), None);
    }

    #[test]
    fn a_stray_end_tag_is_named() {
        let found = unclosed("a\n{% endif %}").unwrap();
        assert_eq!((found.line, found.column), (2, 1));
    }
}
