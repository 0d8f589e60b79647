//! `briefing import URL`: the page fetched over http(s) and decoded to text. The only
//! network access of the importer; every limit is a named constant.

use std::net::{IpAddr, ToSocketAddrs};
use std::time::{Duration, Instant};

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

/// The page at `url`, decoded with the encoding of its byte-order mark, else the charset
/// of its `Content-Type` header, else of its `<meta>`, else UTF-8 or Windows-1252;
/// `timeout` bounds the whole request, redirects included. Redirects are followed here,
/// one by one, so that each target is checked: a public page may not send import to a
/// private, loopback or link-local address (unless the address given was one).
pub fn fetch(url: &str, timeout: Duration) -> Result<String, ImportError> {
    let failed = |reason: String| ImportError::Fetch { reason };
    let deadline = Instant::now() + timeout;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("briefing-import/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut address = url::Url::parse(url).map_err(|error| failed(format!("not a valid address: {error}")))?;
    let private_allowed = is_private(&address);
    let mut redirects = 0;
    let mut response = loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        let response = agent
            .get(address.as_str())
            .header("Accept", "text/html, text/plain;q=0.9, */*;q=0.5")
            .config()
            .timeout_global(Some(remaining.max(Duration::from_millis(1))))
            .build()
            .call()
            .map_err(|error| failed(in_words(error, &address, url, timeout)))?;
        let location = response.headers().get("location").and_then(|value| value.to_str().ok());
        let (true, Some(location)) = (response.status().is_redirection(), location) else { break response };
        redirects += 1;
        if redirects > MAX_REDIRECTS {
            return Err(failed(format!("more than {MAX_REDIRECTS} redirects")));
        }
        address = redirect_target(&address, location, private_allowed).map_err(failed)?;
    };
    let status = response.status();
    if status.as_u16() >= 400 {
        let reason = status.canonical_reason().unwrap_or("error");
        return Err(failed(format!("the server answered HTTP {} {reason}", status.as_u16())));
    }
    let header = |name: &str| {
        response.headers().get(name).and_then(|value| value.to_str().ok()).unwrap_or_default().to_ascii_lowercase()
    };
    let content_type = header("content-type");
    let encoding = header("content-encoding");
    let bytes = response.body_mut().with_config().limit(MAX_PAGE_BYTES).read_to_vec().map_err(|error| match error {
        ureq::Error::BodyExceedsLimit(_) => {
            failed(format!("the page is larger than the {} MB limit", MAX_PAGE_BYTES / (1024 * 1024)))
        }
        ureq::Error::Timeout(_) => failed(format!("no complete answer within {}", seconds(timeout))),
        other => failed(in_words(other, &address, url, timeout)),
    })?;
    if let Some(compression) = compression(&encoding, &bytes) {
        return Err(failed(format!(
            "the server sent the page compressed ({compression}), which import did not ask for and does not read; save the page from a browser and import the file"
        )));
    }
    let charset = charset_in(&content_type).or_else(|| meta_charset(&bytes));
    decode_bytes(bytes, charset.as_deref()).map_err(failed)
}

/// Why a request to `address` failed, in the words of someone who typed `typed`: what
/// happened and, where there is one, what to do instead; never the library's error kind.
fn in_words(error: ureq::Error, address: &url::Url, typed: &str, timeout: Duration) -> String {
    let host = shown_host(address, typed);
    match error {
        ureq::Error::Timeout(_) => format!("no answer within {}", seconds(timeout)),
        ureq::Error::HostNotFound => {
            format!("no server named {host} was found: check the address, and that this machine is online")
        }
        ureq::Error::ConnectionFailed => format!("the server {host} cannot be reached"),
        ureq::Error::Rustls(tls) => secure_connection_failure(&tls, address, &host),
        ureq::Error::Io(io) => match io.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
            Some(tls) => secure_connection_failure(tls, address, &host),
            None => connection_failure(&io, address, &host, timeout),
        },
        ureq::Error::Protocol(_) | ureq::Error::Http(_) if address.scheme() == "http" => {
            let mut secure = address.clone();
            let _ = secure.set_scheme("https");
            format!("the server {host} did not answer in HTTP: if it is a secure site, import `{secure}`")
        }
        ureq::Error::Protocol(_) | ureq::Error::Http(_) => format!("the server {host} did not answer in HTTP"),
        ureq::Error::LargeResponseHeader(..) => format!("the server {host} sent headers too large to read"),
        ureq::Error::BadUri(_) => {
            "the address is not one import can fetch: check it for spaces or stray characters".to_owned()
        }
        other => format!("the request to {host} failed ({other})"),
    }
}

/// `news.example`, or for a name written in another script `bücher.example` with the
/// form the request used: `bücher.example` (`xn--bcher-kva.example`).
fn shown_host(address: &url::Url, typed: &str) -> String {
    let host = address.host_str().unwrap_or_default();
    let rest = typed.split_once("://").map_or(typed, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let written = match host_and_port.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host_and_port,
    };
    if host.split('.').any(|label| label.starts_with("xn--")) && !written.eq_ignore_ascii_case(host) {
        format!("`{}` (`{host}`)", written.to_lowercase())
    } else {
        format!("`{host}`")
    }
}

/// A connection that failed below HTTP, in words.
fn connection_failure(io: &std::io::Error, address: &url::Url, host: &str, timeout: Duration) -> String {
    use std::io::ErrorKind;
    let port = address.port_or_known_default().unwrap_or(80);
    match io.kind() {
        ErrorKind::ConnectionRefused => {
            format!("nothing answers at {host} on port {port}: the server refused the connection")
        }
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof => {
            format!("the server {host} closed the connection before answering")
        }
        ErrorKind::TimedOut => format!("no answer within {}", seconds(timeout)),
        // A failed name lookup has no kind of its own; its text is the system's.
        _ if io.to_string().contains("lookup address") => {
            format!("the name {host} could not be looked up: check the address, and that this machine is online")
        }
        kind => format!("the connection to {host} failed: {kind}"),
    }
}

/// An https connection that could not be made, in words, with the address to try when
/// the server speaks plain http.
fn secure_connection_failure(error: &rustls::Error, address: &url::Url, host: &str) -> String {
    use rustls::CertificateError;
    let refused = format!("a secure (https) connection to {host} could not be made");
    match error {
        rustls::Error::InvalidMessage(_) | rustls::Error::InappropriateMessage { .. } => {
            let mut plain = address.clone();
            let _ = plain.set_scheme("http");
            format!(
                "{host} does not answer in https on port {}: it may serve plain http only; if you trust the page \
                 without encryption, import `{plain}`",
                address.port_or_known_default().unwrap_or(443)
            )
        }
        rustls::Error::InvalidCertificate(certificate) => {
            let why = match certificate {
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => "its certificate has expired",
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    "its certificate is not valid yet (or this machine's clock is wrong)"
                }
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                    "its certificate is for another name"
                }
                CertificateError::UnknownIssuer => {
                    "its certificate is not signed by an authority import trusts (a self-signed or private one)"
                }
                CertificateError::Revoked => "its certificate has been revoked",
                _ => "its certificate is not valid",
            };
            format!("{refused}: {why}; save the page from a browser and import the file if you trust it")
        }
        rustls::Error::PeerIncompatible(_) | rustls::Error::AlertReceived(_) => {
            format!("{refused}: the server refused every secure protocol import offers")
        }
        _ => refused,
    }
}

/// Where a redirect from `address` to `location` leads, if import may follow it: to an
/// http(s) address, and to a private one only when `private_allowed` (the address the
/// user gave was private too).
fn redirect_target(address: &url::Url, location: &str, private_allowed: bool) -> Result<url::Url, String> {
    let next = address.join(location).map_err(|_| format!("redirected to `{location}`, which is not an address"))?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(format!("redirected to `{next}`, which is not an http(s) address"));
    }
    if !private_allowed && is_private(&next) {
        return Err(format!(
            "redirected to `{next}`, a private, loopback or link-local address: a public page may not send import there; import that address itself if it is meant"
        ));
    }
    Ok(next)
}

/// The compression of a body, from its `Content-Encoding` or its first bytes; `None`
/// for a body as it is.
fn compression(content_encoding: &str, bytes: &[u8]) -> Option<String> {
    let declared = content_encoding.trim();
    if !declared.is_empty() && declared != "identity" {
        return Some(declared.to_owned());
    }
    match bytes {
        [0x1f, 0x8b, ..] => Some("gzip".to_owned()),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Some("zstd".to_owned()),
        _ => None,
    }
}

/// Whether `address` names, or its host resolves to, a private, loopback, link-local
/// or unspecified address.
fn is_private(address: &url::Url) -> bool {
    match address.host() {
        Some(url::Host::Ipv4(ip)) => is_private_ip(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => is_private_ip(IpAddr::V6(ip)),
        Some(url::Host::Domain(name)) => {
            let port = address.port_or_known_default().unwrap_or(80);
            name.eq_ignore_ascii_case("localhost")
                || (name, port).to_socket_addrs().is_ok_and(|mut found| found.any(|a| is_private_ip(a.ip())))
        }
        None => false,
    }
}

fn is_private_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => {
            let [first, second, ..] = ip.octets();
            ip.is_private()
                || ip.is_loopback()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_broadcast()
                // Shared address space (carrier-grade NAT), 100.64.0.0/10.
                || (first == 100 && (second & 0xc0) == 64)
        }
        IpAddr::V6(ip) => {
            let first = ip.segments()[0];
            ip.is_loopback()
                || ip.is_unspecified()
                // Unique local fc00::/7 and link-local fe80::/10.
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || ip.to_ipv4_mapped().is_some_and(|v4| is_private_ip(IpAddr::V4(v4)))
        }
    }
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

/// `<meta charset="windows-1252">` or `<meta http-equiv="Content-Type" content="…; charset=…">`:
/// only those, not `charset=` in any other text (a description, a script).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(META_SNIFF_BYTES)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + "<meta".len()..];
        if !rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '/') {
            continue;
        }
        let attributes = attributes(rest);
        let value = |name: &str| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        if let Some(charset) = value("charset").map(str::trim).filter(|c| !c.is_empty()) {
            return Some(charset.to_owned());
        }
        if value("http-equiv").is_some_and(|v| v.trim() == "content-type")
            && let Some(charset) = value("content").and_then(charset_in)
        {
            return Some(charset);
        }
    }
    None
}

/// The attributes of a tag, from just after its name up to its `>`: names and values.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return found;
        }
        let name_end =
            rest.find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/')).unwrap_or(rest.len());
        let name = rest[..name_end].to_owned();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (text, remainder) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(quote).unwrap_or(inner.len());
                    (&inner[..end], &inner[(end + 1).min(inner.len())..])
                }
                _ => {
                    let end = after.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = text.to_owned();
            rest = remainder;
        }
        found.push((name, value));
    }
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

    #[test]
    fn only_meta_tags_declare_a_charset() {
        assert_eq!(meta_charset(b"<META CHARSET=ISO-8859-1>").as_deref(), Some("iso-8859-1"));
        assert_eq!(meta_charset(b"<meta name=\"description\" content=\"Set charset=koi8-r to read it\">"), None);
        assert_eq!(meta_charset(b"<script>var charset='koi8-r';</script><p>charset=koi8-r</p>"), None);
        assert_eq!(meta_charset(b"<metadata charset=koi8-r>"), None);
        assert_eq!(
            meta_charset(b"<meta content='text/html; charset=windows-1252' http-equiv='Content-Type'/>").as_deref(),
            Some("windows-1252")
        );
    }

    #[test]
    fn a_public_page_may_not_redirect_to_a_private_address() {
        let public = url::Url::parse("http://93.184.215.14/story").unwrap();
        let refused = redirect_target(&public, "http://169.254.169.254/latest/meta-data/", false).unwrap_err();
        assert!(refused.contains("a private, loopback or link-local address"), "{refused}");
        assert!(redirect_target(&public, "http://127.0.0.1:8080/admin", false).is_err());
        assert!(redirect_target(&public, "file:///etc/passwd", false).unwrap_err().contains("not an http(s) address"));
        assert_eq!(redirect_target(&public, "/moved", false).unwrap().as_str(), "http://93.184.215.14/moved");
        // Given a private address, the user may be redirected within their network.
        let private = url::Url::parse("http://127.0.0.1:8080/a").unwrap();
        assert_eq!(redirect_target(&private, "http://10.0.0.2/b", true).unwrap().as_str(), "http://10.0.0.2/b");
    }

    #[test]
    fn a_name_in_another_script_is_shown_as_written_and_as_requested() {
        let typed = "https://Bücher.example:8443/a";
        let address = url::Url::parse(typed).unwrap();
        assert_eq!(address.host_str(), Some("xn--bcher-kva.example"));
        assert_eq!(shown_host(&address, typed), "`bücher.example` (`xn--bcher-kva.example`)");
        let plain = "http://user@news.example/a";
        assert_eq!(shown_host(&url::Url::parse(plain).unwrap(), plain), "`news.example`");
    }

    #[test]
    fn a_plain_http_server_reached_in_https_is_named_with_the_address_to_try() {
        let address = url::Url::parse("https://news.example/a?b=1").unwrap();
        let error = rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType);
        let words = secure_connection_failure(&error, &address, "`news.example`");
        assert!(words.contains("does not answer in https on port 443"), "{words}");
        assert!(words.contains("import `http://news.example/a?b=1`"), "{words}");
        assert!(!words.contains("InvalidContentType"), "{words}");
    }

    #[test]
    fn compressed_bodies_are_recognised() {
        assert_eq!(compression("gzip", b"<html>").as_deref(), Some("gzip"));
        assert_eq!(compression("", &[0x1f, 0x8b, 8, 0]).as_deref(), Some("gzip"));
        assert_eq!(compression("identity", b"<html>"), None);
    }

    #[test]
    fn private_loopback_and_link_local_addresses_are_told_apart() {
        for private in [
            "http://10.0.0.1/",
            "http://192.168.1.1/",
            "http://127.0.0.1:8080/",
            "http://169.254.169.254/latest",
            "http://[::1]/",
            "http://[fe80::1]/",
            "http://[fd00::1]/",
            "http://[::ffff:10.0.0.1]/",
            "http://localhost/",
            "http://0.0.0.0/",
            "http://100.64.0.1/",
        ] {
            assert!(is_private(&url::Url::parse(private).unwrap()), "{private}");
        }
        for public in ["http://93.184.215.14/", "http://[2606:4700::1]/", "http://8.8.8.8/"] {
            assert!(!is_private(&url::Url::parse(public).unwrap()), "{public}");
        }
    }
}
