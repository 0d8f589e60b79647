//! The served site in memory, and what `serve` adds to its HTML at response time:
//! the live-reload script and the error overlay.

use std::collections::HashMap;
use std::sync::RwLock;

use axum::body::Bytes;
use tokio::sync::broadcast;

use crate::diagnostic::Diagnostics;

use super::engine::Update;

/// Where the browser listens for reloads.
pub const EVENTS_PATH: &str = "/__briefing/events";

/// The last good site, and the problems of the current sources if any.
#[derive(Debug, Default)]
pub struct Published {
    /// Path under the site root (`articles/x/index.html`) -> bytes.
    pub pages: HashMap<String, Bytes>,
    /// Counts published changes; a page tells it to the events stream so that a change
    /// made while the page was loading still reloads it.
    pub version: u64,
    /// The overlay shown over every HTML page while the sources have problems.
    pub overlay: Option<String>,
}

/// The state shared by the rebuilding thread (writer) and the HTTP handlers (readers).
pub struct Live {
    pub published: RwLock<Published>,
    pub reloads: broadcast::Sender<u64>,
}

impl Default for Live {
    fn default() -> Self {
        Live { published: RwLock::new(Published::default()), reloads: broadcast::channel(16).0 }
    }
}

impl Live {
    /// Swaps in a rebuild's pages at once, keeping the bytes of unchanged pages. Returns
    /// how many paths changed.
    pub fn publish(&self, update: Update) -> usize {
        let mut published = self.published.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut changed = 0;
        if update.whole_site {
            let before = published.pages.len();
            let pages: HashMap<String, Bytes> =
                update.pages.into_iter().map(|page| (page.path, Bytes::from(page.bytes))).collect();
            changed = pages.iter().filter(|(path, bytes)| published.pages.get(*path) != Some(bytes)).count();
            changed += before.saturating_sub(pages.len());
            published.pages = pages;
        } else {
            for path in &update.removed {
                changed += usize::from(published.pages.remove(path).is_some());
            }
            for page in update.pages {
                if published.pages.get(&page.path).is_none_or(|old| old.as_ref() != page.bytes.as_slice()) {
                    published.pages.insert(page.path, Bytes::from(page.bytes));
                    changed += 1;
                }
            }
        }
        let had_problems = published.overlay.take().is_some();
        if changed > 0 || had_problems {
            self.bump(&mut published);
        }
        changed
    }

    /// Keeps the last good site, with an overlay listing `problems`.
    pub fn fail(&self, problems: &Diagnostics) {
        let mut published = self.published.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        let overlay = overlay(problems);
        if published.overlay.as_deref() != Some(overlay.as_str()) {
            published.overlay = Some(overlay);
            self.bump(&mut published);
        }
    }

    fn bump(&self, published: &mut Published) {
        published.version += 1;
        // Nobody listening is fine.
        let _ = self.reloads.send(published.version);
    }
}

/// The HTML of the error overlay: every problem as `file:line:column: message`, escaped.
pub fn overlay(problems: &Diagnostics) -> String {
    let mut items = String::new();
    for problem in &problems.0 {
        items.push_str("<li>");
        pulldown_cmark_escape::escape_html_body_text(&mut items, &problem.to_string())
            .expect("a String takes any text");
        items.push_str("</li>");
    }
    format!(
        concat!(
            r#"<div id="briefing-serve-errors" role="alert" style="position:fixed;inset:0;z-index:2147483647;"#,
            r#"overflow:auto;margin:0;padding:2rem;background:rgba(24,4,4,.94);color:#fde8e8;"#,
            r#"font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">"#,
            r#"<p style="margin:0 0 1rem;font-weight:bold;color:#ff9b9b">briefing serve: {count} to fix; "#,
            r#"the last good build is shown underneath</p>"#,
            r#"<ul style="margin:0;padding-left:1.2rem;white-space:pre-wrap">{items}</ul></div>"#
        ),
        count = if problems.len() == 1 { "1 problem".to_owned() } else { format!("{} problems", problems.len()) },
        items = items
    )
}

/// What is added before `</body>` of every served HTML page.
pub fn injection(version: u64, overlay: Option<&str>) -> String {
    format!(
        concat!(
            "{overlay}<script>/* briefing serve: live reload */(function(){{",
            "var s=new EventSource(\"{path}?v={version}\");",
            "s.addEventListener(\"reload\",function(){{s.close();location.reload();}});",
            "}})();</script>"
        ),
        overlay = overlay.unwrap_or_default(),
        path = EVENTS_PATH,
        version = version
    )
}

/// `html` with `addition` before its last `</body>` (at the end when it has none).
pub fn inject(html: &[u8], addition: &str) -> Vec<u8> {
    let at = rfind_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn injects_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></BODY></html>";
        assert_eq!(inject(html, "<i>"), b"<html><body><p>x</p><i></BODY></html>");
        assert_eq!(inject(b"<p>no body", "<i>"), b"<p>no body<i>");
    }

    #[test]
    fn overlay_escapes_and_locates() {
        let problems = Diagnostics::from(vec![Diagnostic::new("content/a.md", 4, 7, "unknown topic `<b>`")]);
        let html = overlay(&problems);
        assert!(html.contains("content/a.md:4:7: unknown topic `&lt;b&gt;`"), "{html}");
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn publish_counts_only_changed_bytes() {
        use crate::render::Page;
        let live = Live::default();
        let page = |path: &str, text: &str| Page { path: path.to_owned(), bytes: text.as_bytes().to_vec() };
        let all = Update { pages: vec![page("a", "1"), page("b", "2")], removed: vec![], whole_site: true };
        assert_eq!(live.publish(all), 2);
        let same = Update { pages: vec![page("a", "1")], removed: vec![], whole_site: false };
        assert_eq!(live.publish(same), 0);
        let version = live.published.read().unwrap().version;
        let edit = Update { pages: vec![page("a", "3")], removed: vec!["b".to_owned()], whole_site: false };
        assert_eq!(live.publish(edit), 2);
        let published = live.published.read().unwrap();
        assert_eq!(published.version, version + 1);
        assert!(!published.pages.contains_key("b"));
    }
}
