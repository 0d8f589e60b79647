//! `briefing import URL`: the page fetched over http(s) and decoded to text. The only
//! network access of the importer; every limit is a named constant.

use std::time::Duration;

use super::ImportError;
use super::files::decode_bytes;

/// Whole request, redirects and body included, unless `--timeout` says otherwise.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const MAX_REDIRECTS: u32 = 5;
/// Largest page read: news pages are well under 2 MB; anything bigger is not an article.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// Whether a command-line argument names a web page rather than a file.
pub fn is_url(argument: &str) -> bool {
    let lowered = argument.to_ascii_lowercase();
    lowered.starts_with("http://") || lowered.starts_with("https://")
}

/// The page at `url`, decoded with the charset of its `Content-Type` header, else of
/// its `<meta charset>`, else UTF-8 or Windows-1252; `timeout` bounds the whole request.
pub fn fetch(url: &str, timeout: Duration) -> Result<String, ImportError> {
    let failed = |reason: String| ImportError::Fetch { url: url.to_owned(), reason };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("briefing-import/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).header("Accept", "text/html, text/plain;q=0.9, */*;q=0.5").call().map_err(
        |error| match error {
            ureq::Error::Timeout(_) => failed(format!("no answer within {}", seconds(timeout))),
            ureq::Error::TooManyRedirects => failed(format!("more than {MAX_REDIRECTS} redirects")),
            other => failed(other.to_string()),
        },
    )?;
    let status = response.status();
    if status.as_u16() >= 400 {
        let reason = status.canonical_reason().unwrap_or("error");
        return Err(failed(format!("the server answered HTTP {} {reason}", status.as_u16())));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let bytes = response.body_mut().with_config().limit(MAX_PAGE_BYTES).read_to_vec().map_err(|error| match error {
        ureq::Error::BodyExceedsLimit(_) => {
            failed(format!("the page is larger than the {} MB limit", MAX_PAGE_BYTES / (1024 * 1024)))
        }
        ureq::Error::Timeout(_) => failed(format!("no complete answer within {}", seconds(timeout))),
        other => failed(other.to_string()),
    })?;
    let charset = charset_in(&content_type).or_else(|| meta_charset(&bytes));
    decode_bytes(bytes, charset.as_deref()).map_err(failed)
}

/// `30 s`, `1.5 s`.
fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// `text/html; charset=ISO-8859-1` -> `iso-8859-1`.
fn charset_in(content_type: &str) -> Option<String> {
    let at = content_type.find("charset=")?;
    let value = content_type[at + "charset=".len()..].split(';').next()?.trim().trim_matches(['"', '\'']);
    (!value.is_empty()).then(|| value.to_ascii_lowercase())
}

/// How far into a page its `<meta charset>` is looked for, as browsers do.
const META_SNIFF_BYTES: usize = 4096;

/// `<meta charset="windows-1252">` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(META_SNIFF_BYTES)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let value: String = head[at + "charset=".len()..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_from_header_and_meta() {
        assert_eq!(charset_in("text/html; charset=ISO-8859-1").as_deref(), Some("iso-8859-1"));
        assert_eq!(charset_in("text/html").as_deref(), None);
        assert_eq!(meta_charset(b"<html><head><meta charset=\"windows-1252\">").as_deref(), Some("windows-1252"));
        assert_eq!(
            meta_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">").as_deref(),
            Some("utf-8")
        );
        assert!(is_url("https://news.example/a") && is_url("HTTP://x") && !is_url("saved/page.html"));
    }
}
