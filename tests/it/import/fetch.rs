//! `briefing import URL` against a server on 127.0.0.1: redirects followed, the charset
//! of the header or of `<meta>` honoured, errors for 4xx/5xx and oversized pages.

use std::io::Write;

use super::*;
use crate::common::http::{self, Answer};

/// A French page in Windows-1252 bytes: "é" is 0xE9, the apostrophe 0x92.
fn latin_page() -> Vec<u8> {
    let page = "<html lang=\"fr\"><head><title>Norvale Systems ferme son centre de Shenzhen</title>\
        <meta property=\"article:published_time\" content=\"2025-11-20T09:30:00+01:00\"></head><body><article>\
        <h1>Norvale Systems ferme son centre de Shenzhen</h1>\
        <p>Le groupe américain Norvale Systems a fermé son centre de recherche de Shenzhen, a indiqué jeudi l’entreprise, sur fond de contrôles à l'exportation.</p>\
        <p>Les équipes seront redéployées à Austin d’ici la fin de l’année, selon un porte-parole.</p></article></body></html>";
    page.chars()
        .map(|c| match c {
            '’' => 0x92,
            c => u8::try_from(u32::from(c)).expect("the page is Latin-1"),
        })
        .collect()
}

/// The French page in UTF-8, with `head` added to its `<head>`.
fn utf8_page(head: &str) -> Vec<u8> {
    let latin: String = latin_page().iter().map(|&b| if b == 0x92 { '’' } else { char::from(b) }).collect();
    latin.replacen("<head>", &format!("<head>{head}"), 1).into_bytes()
}

/// Serves a few fixed routes on 127.0.0.1 until the test ends; returns the base URL.
pub fn serve() -> String {
    http::serve(answer)
}

fn answer(target: &str) -> Answer {
    // Routes are told by their path; a query (`?utm_source=…`) changes nothing.
    let path = target.split('?').next().unwrap_or("/");
    if let Some(stall) = stalled(path) {
        return Answer::Stream(Box::new(stall));
    }
    match path {
        "/latin" => Answer::new("200 OK", "text/html; charset=ISO-8859-1", latin_page()),
        // UTF-8 with a byte-order mark, under a header that says otherwise.
        "/bom" => {
            let mut body = "\u{feff}".as_bytes().to_vec();
            body.extend(utf8_page(""));
            Answer::new("200 OK", "text/html; charset=ISO-8859-1", body)
        }
        // `charset=` in a description, which declares nothing.
        "/charset-in-text" => Answer::new(
            "200 OK",
            "text/html",
            utf8_page("<meta name=\"description\" content=\"Read with charset=koi8-r\">"),
        ),
        // A gzip body that was not asked for (import sends no Accept-Encoding).
        "/gzip" => Answer::new("200 OK", "text/html", vec![0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03])
            .header("Content-Encoding: gzip"),
        "/meta" => {
            let mut body = b"<!DOCTYPE html><meta charset=\"windows-1252\">".to_vec();
            body.extend(latin_page());
            Answer::new("200 OK", "text/html", body)
        }
        "/moved" => Answer::new("301 Moved Permanently", "text/html", Vec::new()).header("Location: /latin"),
        // A page that names its own address.
        "/shared" => Answer::new(
            "200 OK",
            "text/html",
            utf8_page("<link rel=\"canonical\" href=\"https://news.example/2025/norvale-shenzhen\">"),
        ),
        "/huge" => Answer::new("200 OK", "text/html", vec![b'a'; 9 * 1024 * 1024]),
        "/broken" => Answer::new("503 Service Unavailable", "text/html", b"down".to_vec()),
        _ => Answer::new("404 Not Found", "text/html", b"no such page".to_vec()),
    }
}

/// Routes that never finish answering: "/silent" sends nothing, "/trickle" sends its
/// head and then a byte of body every 100 ms, for longer than any test waits.
fn stalled(path: &str) -> Option<fn(std::net::TcpStream)> {
    match path {
        "/silent" => Some(|_stream| std::thread::sleep(std::time::Duration::from_secs(20))),
        "/trickle" => Some(|mut stream| {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<p>";
            let _ = stream.write_all(head.as_bytes());
            for _ in 0..200 {
                std::thread::sleep(std::time::Duration::from_millis(100));
                if stream.write_all(b"a").is_err() {
                    break;
                }
            }
        }),
        _ => None,
    }
}

fn import_url(url: &str) -> std::process::Output {
    let site = site();
    briefing().args(["import", "--stdout", "--root"]).arg(site.path()).arg(url).output().unwrap()
}

#[test]
fn a_page_is_fetched_decoded_and_credited_with_its_url() {
    let base = serve();
    for route in ["/latin", "/meta", "/moved"] {
        let output = import_url(&format!("{base}{route}"));
        assert!(output.status.success(), "{route}: {}", String::from_utf8_lossy(&output.stderr));
        let (front, body) = parsed(&String::from_utf8(output.stdout).unwrap());
        assert_eq!(front.title, "Norvale Systems ferme son centre de Shenzhen", "{route}");
        assert!(body.contains("Les équipes seront redéployées à Austin d’ici la fin de l’année"), "{route}: {body}");
        assert_eq!(front.source.unwrap().url, Some(format!("{base}{route}")), "{route}");
    }
}

#[test]
fn the_credited_address_is_the_pages_canonical_one_without_tracking_parameters() {
    let base = serve();
    for (route, credited) in [
        ("/shared?utm_source=newsletter&utm_medium=email", "https://news.example/2025/norvale-shenzhen".to_owned()),
        ("/latin?utm_source=feed&fbclid=abc&page=2", format!("{base}/latin?page=2")),
    ] {
        let output = import_url(&format!("{base}{route}"));
        assert!(output.status.success(), "{route}: {}", String::from_utf8_lossy(&output.stderr));
        let (front, _) = parsed(&String::from_utf8(output.stdout).unwrap());
        assert_eq!(front.source.unwrap().url, Some(credited), "{route}");
    }
}

#[test]
fn an_https_address_of_a_plain_http_server_is_answered_with_the_http_one() {
    let base = serve();
    let secure = base.replace("http://", "https://");
    let output = import_url(&format!("{secure}/latin"));
    assert!(!output.status.success());
    let port = base.rsplit(':').next().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr)
        .replace(&secure, "[HTTPS]")
        .replace(&base, "[HTTP]")
        .replace(&format!("port {port}"), "port [PORT]");
    insta::assert_snapshot!("https-to-plain-http", stderr);
}

#[test]
fn a_host_name_in_another_script_is_requested_in_its_ascii_form() {
    let output = import_url("https://bücher.invalid/a");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`bücher.invalid` (`xn--bcher-kva.invalid`)"), "{stderr}");
    assert!(!stderr.contains("invalid uri"), "{stderr}");
    assert_eq!(stderr.matches("https://bücher.invalid/a").count(), 1, "the address is printed once: {stderr}");
}

#[test]
fn http_errors_and_oversized_pages_are_named() {
    let base = serve();
    for (route, message) in [
        ("/missing", "the server answered HTTP 404 Not Found"),
        ("/broken", "the server answered HTTP 503 Service Unavailable"),
        ("/huge", "the page is larger than the 8 MB limit"),
    ] {
        let output = import_url(&format!("{base}{route}"));
        assert!(!output.status.success(), "{route}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&format!("{base}{route}: cannot fetch the page: {message}")), "{route}: {stderr}");
        assert_eq!(stderr.matches(&format!("{base}{route}")).count(), 1, "the address is printed once: {stderr}");
    }
}

#[test]
fn a_page_that_never_finishes_is_given_up_after_the_timeout() {
    let base = serve();
    for (route, message) in [("/silent", "no answer within 1 s"), ("/trickle", "no complete answer within 1 s")] {
        let site = site();
        let output = briefing()
            .args(["import", "--stdout", "--timeout", "1", "--root"])
            .arg(site.path())
            .arg(format!("{base}{route}"))
            .output()
            .unwrap();
        assert!(!output.status.success(), "{route}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&format!("{base}{route}: cannot fetch the page: {message}")), "{route}: {stderr}");
    }
}

#[test]
fn a_timeout_that_is_not_a_number_of_seconds_is_refused() {
    for bad in ["0", "-3", "soon", "7200"] {
        let site = site();
        let timeout = format!("--timeout={bad}");
        let output = briefing().args(["import", &timeout, "--root"]).arg(site.path()).arg("x.txt").output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&format!("`{bad}` is not a number of seconds")), "{bad}: {stderr}");
    }
}
