//! HTTP: the site from memory, GET and HEAD only, nothing outside it; and the stream
//! of reload events.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::{broadcast, watch};

use super::live::{EVENTS_PATH, Fetched, Live, inject, injection};
use crate::diagnostic::Diagnostics;

/// What the handlers share: the site, the `Host` names it answers to, and whether the
/// server is stopping.
#[derive(Clone)]
pub(super) struct AppState {
    pub live: Arc<Live>,
    pub hosts: Arc<AllowedHosts>,
    pub stopping: watch::Receiver<bool>,
}

pub(super) fn router(state: AppState) -> Router {
    let checked = state.clone();
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(page)
        .layer(axum::middleware::from_fn(move |request: axum::extract::Request, next: axum::middleware::Next| {
            let hosts = Arc::clone(&checked.hosts);
            async move {
                let host = request.headers().get(header::HOST).and_then(|value| value.to_str().ok());
                if hosts.allows(host) {
                    next.run(request).await
                } else {
                    (StatusCode::MISDIRECTED_REQUEST, "this server answers only to its own address\n").into_response()
                }
            }
        }))
        .with_state(state)
}

/// The `Host` names the server answers to. A web page elsewhere can point its own name at
/// 127.0.0.1 (DNS rebinding) and then read the preview, drafts included; its requests
/// carry that name, so only the served address's own names are answered. Listening on
/// every interface (`--bind 0.0.0.0`) means being reached by names briefing cannot know:
/// any name is answered then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum AllowedHosts {
    Any,
    /// Names without a port, lower case; each is answered bare or with `port`.
    Only {
        names: Vec<String>,
        port: u16,
    },
}

impl AllowedHosts {
    pub(super) fn for_address(address: std::net::SocketAddr) -> AllowedHosts {
        let ip = address.ip();
        if ip.is_unspecified() {
            return AllowedHosts::Any;
        }
        let own = match ip {
            std::net::IpAddr::V4(v4) => v4.to_string(),
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        };
        let mut names = vec![own];
        if ip.is_loopback() {
            names.extend(["localhost", "127.0.0.1", "[::1]"].map(str::to_owned));
        }
        names.dedup();
        AllowedHosts::Only { names, port: address.port() }
    }

    /// Whether a request with this `Host` header (`None`: without one) is answered.
    pub(super) fn allows(&self, host: Option<&str>) -> bool {
        let AllowedHosts::Only { names, port } = self else { return true };
        let Some(host) = host else { return false };
        let host = host.to_ascii_lowercase();
        let name = match host.rsplit_once(':') {
            // `[::1]` has colons of its own: a port follows the bracket.
            Some((name, written)) if !written.contains(']') => {
                if written != port.to_string() {
                    return false;
                }
                name
            }
            _ => host.as_str(),
        };
        names.iter().any(|allowed| allowed == name)
    }
}

/// The key of the served pages that a raw (still percent-encoded) request path names
/// (`/x/` -> `x/index.html`), or `None` for
/// anything that could step outside the site or be read two ways: `..` or `.`
/// segments, encoded dots, slashes and backslashes, backslashes, empty segments,
/// invalid encodings and control characters.
pub(super) fn resolve(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    if ["%2e", "%2f", "%5c", "\\"].iter().any(|bad| lower.contains(bad)) {
        return None;
    }
    let decoded = percent_decode(rest)?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let (last, dirs) = segments.split_last().expect("split gives one at least");
    if dirs.iter().any(|s| s.is_empty() || *s == "." || *s == "..") || *last == "." || *last == ".." {
        return None;
    }
    if last.is_empty() {
        return Some(format!("{decoded}index.html"));
    }
    Some(decoded)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a served path, by its extension.
pub(super) fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" if path.ends_with("feed.json") => "application/feed+json",
        "json" => "application/json",
        // What browsers accept as the stylesheet of an XML document (feeds).
        "xsl" => "text/xsl; charset=utf-8",
        "xml" if path.ends_with("feed.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The 404 page for a missing address: its language's (`fr/404.html` for `fr/…`), as a
/// static host configured per language would answer, else the site's.
fn not_found_page(live: &Live, missing: &str) -> String {
    match missing.split_once('/') {
        Some((first, _)) if live.exists(&format!("{first}/404.html")) => format!("{first}/404.html"),
        _ => "404.html".to_owned(),
    }
}

/// What a request is answered with.
enum Answer {
    File(StatusCode, String, Fetched),
    Redirect,
}

/// Finds (rendering it if need be) what answers a request for `resolved`.
fn answer(live: &Live, resolved: Option<String>) -> Answer {
    let Some(path) = resolved else {
        return Answer::File(StatusCode::NOT_FOUND, "404.html".to_owned(), live.get("404.html"));
    };
    match live.get(&path) {
        Fetched::Missing if live.exists(&format!("{path}/index.html")) => Answer::Redirect,
        Fetched::Missing => {
            let not_found = not_found_page(live, &path);
            let fetched = live.get(&not_found);
            Answer::File(StatusCode::NOT_FOUND, not_found, fetched)
        }
        fetched => Answer::File(StatusCode::OK, path, fetched),
    }
}

async fn page(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let resolved = resolve(uri.path());
    let live = Arc::clone(&state.live);
    // Rendering a page takes the engine, and may wait for a rebuild: off the async workers.
    let Ok(answer) = tokio::task::spawn_blocking(move || answer(&live, resolved)).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the page could not be made\n").into_response();
    };
    let (status, path, fetched) = match answer {
        Answer::Redirect => return redirect(&with_slash(&uri)),
        Answer::File(status, path, fetched) => (status, path, fetched),
    };
    let (version, overlay) = {
        let published = state.live.published.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        (published.version, published.overlay.clone())
    };
    let (bytes, overlay) = match fetched {
        Fetched::Found(bytes) => (Some(bytes), overlay),
        // The site's problems, if any, else the page's own.
        Fetched::Broken(bytes, problem) => {
            let shown = overlay.unwrap_or_else(|| super::live::overlay(&Diagnostics::from(vec![problem])));
            (bytes, Some(shown))
        }
        Fetched::Pending | Fetched::Missing => (None, overlay),
    };
    let content_type = if bytes.is_some() { content_type(&path) } else { content_type("index.html") };
    let body = match bytes {
        Some(bytes) if content_type.starts_with("text/html") => {
            Body::from(inject(&bytes, &injection(version, overlay.as_deref())))
        }
        Some(bytes) => Body::from(bytes),
        // No good build yet: a bare page that still carries the overlay and the reload script.
        None => Body::from(inject(
            b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>briefing serve</title></head><body></body></html>",
            &injection(version, overlay.as_deref()),
        )),
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// The address of the folder a path without its trailing slash names, its query kept
/// (`/search?q=x` -> `/search/?q=x`), as a static host redirects.
fn with_slash(uri: &Uri) -> String {
    match uri.query() {
        Some(query) => format!("{}/?{query}", uri.path()),
        None => format!("{}/", uri.path()),
    }
}

fn redirect(location: &str) -> Response {
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Server-Sent Events: one `reload` event per published change. A client that says which
/// version its page showed (`?v=N`) is told at once if the site has changed since.
async fn events(State(state): State<AppState>, uri: Uri) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let seen: Option<u64> = uri.query().and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("v=")?.parse().ok()));
    let receiver = state.live.reloads.subscribe();
    let current = state.live.published.read().unwrap_or_else(|poisoned| poisoned.into_inner()).version;
    let missed = seen.filter(|&seen| seen != current).map(|_| current);
    let stream = futures_util::stream::unfold(
        (receiver, missed, state.stopping),
        |(mut receiver, missed, mut stopping)| async move {
            let reload = |version: u64| Ok(Event::default().event("reload").data(version.to_string()));
            if let Some(version) = missed {
                return Some((reload(version), (receiver, None, stopping)));
            }
            if *stopping.borrow() {
                return None;
            }
            tokio::select! {
                received = receiver.recv() => match received {
                    Ok(version) => Some((reload(version), (receiver, None, stopping))),
                    Err(broadcast::error::RecvError::Lagged(_)) => Some((reload(0), (receiver, None, stopping))),
                    Err(broadcast::error::RecvError::Closed) => None,
                },
                _ = stopping.changed() => None,
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Option<String> {
        Some(path.to_owned())
    }

    #[test]
    fn maps_urls_to_pages() {
        assert_eq!(resolve("/"), file("index.html"));
        assert_eq!(resolve("/articles/x/"), file("articles/x/index.html"));
        assert_eq!(resolve("/articles/x"), file("articles/x"));
        assert_eq!(resolve("/feed.xml"), file("feed.xml"));
        assert_eq!(resolve("/tags/caf%C3%A9/"), file("tags/café/index.html"));
        assert_eq!(resolve("/a%20b.txt"), file("a b.txt"));
    }

    #[test]
    fn refuses_whatever_could_leave_the_site() {
        for raw in [
            "/../site.yaml",
            "/articles/../../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/..%2Fsite.yaml",
            "/%2fetc/passwd",
            "/..\\site.yaml",
            "/..%5csite.yaml",
            "/./index.html",
            "/articles//x/",
            "/..",
            "/%00",
            "/%zz",
            "/%c3",
            "relative",
            "",
        ] {
            assert_eq!(resolve(raw), None, "{raw}");
        }
    }

    #[test]
    fn only_the_served_address_is_answered() {
        let local = AllowedHosts::for_address("127.0.0.1:1111".parse().unwrap());
        for host in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST:1111", "localhost", "[::1]:1111"] {
            assert!(local.allows(Some(host)), "{host}");
        }
        for host in ["attacker.example:1111", "localhost:2222", "127.0.0.1:", "evil.localhost:1111", ""] {
            assert!(!local.allows(Some(host)), "{host}");
        }
        assert!(!local.allows(None));
        let v6 = AllowedHosts::for_address("[::1]:8080".parse().unwrap());
        assert!(v6.allows(Some("[::1]:8080")) && v6.allows(Some("localhost:8080")));
        let lan = AllowedHosts::for_address("192.168.1.20:1111".parse().unwrap());
        assert!(lan.allows(Some("192.168.1.20:1111")));
        assert!(!lan.allows(Some("localhost:1111")), "a LAN address is not localhost");
        let every = AllowedHosts::for_address("0.0.0.0:1111".parse().unwrap());
        assert!(every.allows(Some("my-laptop.lan:1111")) && every.allows(None));
    }

    #[test]
    fn the_trailing_slash_redirect_keeps_the_query() {
        let uri = |text: &str| text.parse::<Uri>().unwrap();
        assert_eq!(with_slash(&uri("/search?q=x&topic=chips")), "/search/?q=x&topic=chips");
        assert_eq!(with_slash(&uri("/search")), "/search/");
        assert_eq!(with_slash(&uri("/fr/search?q=%C3%A9")), "/fr/search/?q=%C3%A9");
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/atom+xml; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("search-index.json"), "application/json");
        assert_eq!(content_type("img/MAP.PNG"), "image/png");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
