//! The one HTTP fake of the tests: a server on 127.0.0.1 that answers every request as a
//! function of its target says, each on its own thread, until the test process ends. A
//! test that needs another answer adds a function, not a second server.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

/// What the fake answers to one request.
pub enum Answer {
    /// A whole response: its status (`404 Not Found`), header lines, body.
    Whole { status: String, headers: Vec<String>, body: Vec<u8> },
    /// The connection itself, to answer slowly or never (a stalled server).
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

impl Answer {
    /// A response with its status, `Content-Type` and body.
    pub fn new(status: &str, content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
        let headers = vec![format!("Content-Type: {content_type}")];
        Answer::Whole { status: status.to_owned(), headers, body: body.into() }
    }

    /// The same response with one more header line (`Location: /a`).
    pub fn header(self, line: &str) -> Answer {
        match self {
            Answer::Whole { status, mut headers, body } => {
                headers.push(line.to_owned());
                Answer::Whole { status, headers, body }
            }
            stream => stream,
        }
    }

    fn send(self, mut stream: TcpStream) {
        match self {
            Answer::Whole { status, headers, body } => {
                let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
                for line in headers {
                    head.push_str(&line);
                    head.push_str("\r\n");
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
            }
            Answer::Stream(answer) => answer(stream),
        }
    }
}

/// Serves `answer` (given each request's target, `/a?b=c`) on a free port of 127.0.0.1;
/// returns the base URL, `http://127.0.0.1:PORT`.
pub fn serve(answer: impl Fn(&str) -> Answer + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let answer = std::sync::Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            std::thread::spawn(move || {
                // A TLS handshake (an https:// address sent here) is answered in plain HTTP,
                // as a plain-http server does.
                let mut first = [0u8; 1];
                if stream.peek(&mut first).is_ok_and(|n| n == 1) && first[0] == 0x16 {
                    Answer::new("400 Bad Request", "text/plain", "").send(stream);
                } else if let Some(target) = request_target(&stream) {
                    answer(&target).send(stream);
                }
            });
        }
    });
    base
}

/// Reads a request's line and headers; its target (`/a?b=c`).
fn request_target(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut header = String::new();
    while reader.read_line(&mut header).unwrap_or(0) > 0 && header != "\r\n" {
        header.clear();
    }
    Some(line.split_whitespace().nth(1).unwrap_or("/").to_owned())
}

/// Answers with the files under `root` (a folder's `index.html` for a path ending in
/// `/`), 404 for anything else, with the content type of the file's extension.
pub fn file_answer(root: &std::path::Path, target: &str) -> Answer {
    let path = target.split(['?', '#']).next().unwrap_or("/").trim_start_matches('/');
    let mut file = root.join(path);
    if path.is_empty() || path.ends_with('/') {
        file = file.join("index.html");
    }
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    match (path.contains(".."), std::fs::read(&file)) {
        (false, Ok(body)) => Answer::new("200 OK", kind, body),
        _ => Answer::new("404 Not Found", "text/plain", "not found"),
    }
}

#[test]
fn the_fake_answers_each_target_as_its_function_says() {
    use std::io::Read;
    let base = serve(|target| match target {
        "/moved" => Answer::new("301 Moved Permanently", "text/html", "").header("Location: /here"),
        _ => Answer::new("404 Not Found", "text/plain", format!("no {target}")),
    });
    let fetch = |path: &str| {
        let mut stream = TcpStream::connect(base.trim_start_matches("http://")).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    };
    let moved = fetch("/moved");
    assert!(moved.starts_with("HTTP/1.1 301 Moved Permanently\r\n"), "{moved}");
    assert!(moved.contains("\r\nLocation: /here\r\n"), "{moved}");
    let missing = fetch("/a?b=c");
    assert!(missing.starts_with("HTTP/1.1 404 Not Found\r\n") && missing.ends_with("\r\n\r\nno /a?b=c"), "{missing}");
}
