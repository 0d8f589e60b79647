//! The served site in memory, and what `serve` adds to its HTML at response time:
//! the live-reload script and the error overlay.
//!
//! Static files are copied in as they change; pages are rendered the first time they are
//! asked for after a change (`Live::get`), by the engine, which renders again only a page
//! whose fingerprint changed. A change costs what it takes to apply it, not to render
//! every page it might reach (a template edit reaches them all).

use std::collections::HashMap;
use std::sync::{Mutex, RwLock};

use axum::body::Bytes;
use tokio::sync::broadcast;

use crate::diagnostic::{Diagnostic, Diagnostics};

use super::engine::{Engine, Lookup, Outcome, Update};

/// Where the browser listens for reloads.
pub(super) const EVENTS_PATH: &str = "/__briefing/events";

/// A rendered page and what it was rendered from.
#[derive(Debug, Clone)]
pub(super) struct Rendered {
    pub bytes: Bytes,
    /// The hash of its template and context.
    pub fingerprint: u64,
    /// The `generation` its fingerprint was last checked in: the page is served as it is
    /// while that is the current one.
    pub checked: u64,
}

/// The last good site, and the problems of the current sources if any.
#[derive(Debug, Default)]
pub(super) struct Published {
    /// Static files, by path under the site root (`style.css`).
    pub statics: HashMap<String, Bytes>,
    /// The pages rendered so far, by path under the site root (`articles/x/index.html`).
    pub pages: HashMap<String, Rendered>,
    /// Counts the rebuilds that succeeded: a page checked in an earlier one is checked
    /// again when it is next asked for.
    pub generation: u64,
    /// Counts published changes; a page tells it to the events stream so that a change
    /// made while the page was loading still reloads it.
    pub version: u64,
    /// The overlay shown over every HTML page while the sources have problems.
    pub overlay: Option<String>,
}

impl Published {
    /// The bytes at `path` if they are those of the current site.
    fn current(&self, path: &str) -> Option<Bytes> {
        if let Some(bytes) = self.statics.get(path) {
            return Some(bytes.clone());
        }
        self.pages.get(path).filter(|page| page.checked == self.generation).map(|page| page.bytes.clone())
    }
}

/// A file asked for.
#[derive(Debug)]
pub(super) enum Fetched {
    Found(Bytes),
    /// A page that failed to render: its last bytes, if any, and why.
    Broken(Option<Bytes>, Diagnostic),
    /// The sources had problems from the start: there is no good site to show, and the
    /// overlay says what to fix.
    Pending,
    Missing,
}

/// The state shared by the rebuilding thread (writer) and the HTTP handlers (readers):
/// the engine renders pages for both, one thing at a time.
pub(super) struct Live {
    pub published: RwLock<Published>,
    pub reloads: broadcast::Sender<u64>,
    engine: Mutex<Engine>,
}

impl Live {
    /// Serves the site of `engine`, publishing its first `outcome`.
    pub(super) fn new(engine: Engine, outcome: Outcome) -> Live {
        let live = Live { published: RwLock::default(), reloads: broadcast::channel(16).0, engine: Mutex::new(engine) };
        live.publish(outcome);
        live
    }

    /// The engine, for a rebuild: while it is held, no page is rendered.
    pub(super) fn engine(&self) -> std::sync::MutexGuard<'_, Engine> {
        self.engine.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Publishes what applying changes with `engine` (held by the caller) gave.
    pub(super) fn publish(&self, outcome: Outcome) {
        match outcome {
            Outcome::Updated(update) => self.update(update),
            Outcome::Failed(problems) => self.fail(&problems),
        }
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Published> {
        self.published.write().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Published> {
        self.published.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes in a rebuild's static files; every page is checked again when next asked for,
    /// and the browser reloads.
    fn update(&self, update: Update) {
        let mut published = self.write();
        if update.whole_site {
            published.statics.clear();
        }
        for path in &update.removed {
            published.statics.remove(path);
        }
        for page in update.statics {
            published.pages.remove(&page.path);
            published.statics.insert(page.path, Bytes::from(page.bytes));
        }
        published.generation += 1;
        published.overlay = None;
        self.bump(&mut published);
    }

    /// Keeps the last good site, with an overlay listing `problems`.
    fn fail(&self, problems: &Diagnostics) {
        let mut published = self.write();
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

    /// The file at `path` (under the site root) as a build would write it, rendering the
    /// page if it was not rendered since the last change.
    pub(super) fn get(&self, path: &str) -> Fetched {
        if let Some(bytes) = self.read().current(path) {
            return Fetched::Found(bytes);
        }
        let mut engine = self.engine();
        // No rebuild runs while the engine is held: the generation stays the one read here.
        let (generation, held) = {
            let published = self.read();
            if let Some(bytes) = published.current(path) {
                return Fetched::Found(bytes);
            }
            (published.generation, published.pages.get(path).cloned())
        };
        match engine.page(path, held.as_ref().map(|page| page.fingerprint)) {
            Lookup::Rendered(bytes, fingerprint) => {
                let bytes = Bytes::from(bytes);
                let page = Rendered { bytes: bytes.clone(), fingerprint, checked: generation };
                self.write().pages.insert(path.to_owned(), page);
                Fetched::Found(bytes)
            }
            Lookup::Unchanged => {
                let page = held.expect("a fingerprint was given");
                self.write().pages.insert(path.to_owned(), Rendered { checked: generation, ..page.clone() });
                Fetched::Found(page.bytes)
            }
            Lookup::Failed(problem) => Fetched::Broken(held.map(|page| page.bytes), problem),
            Lookup::Missing => {
                self.write().pages.remove(path);
                Fetched::Missing
            }
            Lookup::Unavailable => held.map_or(Fetched::Pending, |page| Fetched::Found(page.bytes)),
        }
    }

    /// Whether the site has a file at `path`, without rendering it.
    pub(super) fn exists(&self, path: &str) -> bool {
        if self.read().current(path).is_some() {
            return true;
        }
        let mut engine = self.engine();
        engine.has_page(path) || self.read().statics.contains_key(path)
    }
}

/// The HTML of the error overlay: every problem as `file:line:column: message`, escaped.
pub(super) fn overlay(problems: &Diagnostics) -> String {
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
pub(super) fn injection(version: u64, overlay: Option<&str>) -> String {
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
pub(super) fn inject(html: &[u8], addition: &str) -> Vec<u8> {
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
}
