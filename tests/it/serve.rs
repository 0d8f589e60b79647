//! `briefing serve` driven as a user would: a real process on a free port, a small site
//! written by each test, files edited on disk, pages fetched over HTTP.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// How long a change may take to show: generous, since waits end as soon as it shows,
/// and a loaded machine can be slow to build, print and read.
const DEADLINE: Duration = Duration::from_secs(30);

/// A running `briefing serve` on a fixture site; stopped when dropped.
pub(crate) struct Server {
    child: Child,
    address: String,
    site: TempDir,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Server {
        Server::start_on(extra, write_fixture)
    }

    /// A server on a site that `write_site` writes into an empty folder.
    pub(crate) fn start_on(extra: &[&str], write_site: impl FnOnce(&Path)) -> Server {
        let site = TempDir::new().unwrap();
        write_site(site.path());
        let mut child = Command::new(crate::common::binary())
            .args(["serve", "--port", "0"])
            .args(extra)
            .arg("--root")
            .arg(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = drain(child.stderr.take().unwrap());
        let mut stdout_reader = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout_reader.read_line(&mut first).unwrap();
        let address = first
            .split_whitespace()
            .find_map(|word| word.strip_prefix("http://"))
            .unwrap_or_else(|| panic!("no URL in {first:?}; stderr: {}", stderr.lock().unwrap()))
            .trim_end_matches('/')
            .to_owned();
        let stdout = drain(stdout_reader);
        Server { child, address, site, stdout, stderr }
    }

    fn path(&self, relative: &str) -> std::path::PathBuf {
        self.site.path().join(relative)
    }

    pub(crate) fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub(crate) fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    fn request(&self, method: &str, path: &str) -> Response {
        self.request_as(method, path, Some(&self.address))
    }

    /// The address the server printed (`127.0.0.1:PORT`, `localhost:PORT`).
    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    /// A request naming `host` in its `Host` header, or sending none.
    pub(crate) fn request_as(&self, method: &str, path: &str, host: Option<&str>) -> Response {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let host = host.map(|host| format!("Host: {host}\r\n")).unwrap_or_default();
        write!(stream, "{method} {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    /// Polls `path` until `check` holds, failing after the deadline.
    pub(crate) fn wait_for(&self, path: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(path);
            if check(&response) {
                return response;
            }
            if started.elapsed() > DEADLINE {
                panic!(
                    "{path} never showed {what}: status {}, body:\n{}\nstdout:\n{}\nstderr:\n{}",
                    response.status,
                    response.body,
                    self.stdout.lock().unwrap(),
                    self.stderr.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until a line of the server's output (`stdout` or `stderr`) passes `check`,
    /// failing after the deadline: the output is read by another thread, which may not have
    /// read a line yet when the change it reports is already served.
    fn wait_for_line(&self, output: &Mutex<String>, what: &str, check: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            if let Some(line) = output.lock().unwrap().lines().find(|line| check(line)) {
                return line.to_owned();
            }
            if started.elapsed() > DEADLINE {
                panic!(
                    "the server never printed {what}; stdout:\n{}\nstderr:\n{}",
                    self.stdout.lock().unwrap(),
                    self.stderr.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn drain(reader: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines() {
            let Ok(line) = line else { break };
            let mut sink = sink.lock().unwrap();
            sink.push_str(&line);
            sink.push('\n');
        }
    });
    text
}

pub(crate) struct Response {
    pub(crate) status: u16,
    head: String,
    pub(crate) body: String,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let chunked = head.to_ascii_lowercase().contains("transfer-encoding: chunked");
        let body = if chunked { unchunk(body) } else { body.to_owned() };
        Response { status, head: head.to_owned(), body }
    }

    pub(crate) fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }
}

fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

fn article(title: &str, date: &str, topics: &str, tags: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\nsummary: \"About {title}.\"\ntopics: [{topics}]\ntags: [{tags}]\n---\n\nBody of {title}.\n"
    )
}

pub(crate) fn write_fixture(root: &Path) {
    let files = [
        (
            "site.yaml",
            "title: \"Fixture Briefing\"\nbase_url: \"https://example.org/fixture\"\nlanguage: en\n".to_owned(),
        ),
        ("content/topics/chips.md", "---\ntitle: \"Chips\"\nsummary: \"Chip supply.\"\n---\nChips intro.\n".to_owned()),
        ("content/topics/labs.md", "---\ntitle: \"Labs\"\nsummary: \"Research labs.\"\n---\nLabs intro.\n".to_owned()),
        ("content/articles/2025/fab-opens.md", article("Fab opens in Ohio", "2025-03-01", "chips", "fabs, subsidies")),
        ("content/articles/2025/lab-closes.md", article("Lab closes in Shanghai", "2025-07-25", "labs", "ai-research")),
        ("content/articles/2024/tools-banned.md", article("Tools banned", "2024-10-01", "chips, labs", "export-rules")),
        ("static/notes.txt", "plain static file\n".to_owned()),
    ];
    for (relative, text) in files {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

#[test]
fn an_edited_title_shows_on_the_article_and_its_topic_page() {
    let server = Server::start();
    let before = server.get("/articles/lab-closes/");
    assert_eq!(before.status, 200);
    assert!(before.body.contains("Lab closes in Shanghai"));
    // Links point at the local server, never at the configured base URL.
    assert!(before.body.contains(&format!("http://{}/articles/lab-closes/", server.address)), "{}", before.body);

    server.write(
        "content/articles/2025/lab-closes.md",
        &article("Lab shuts in Shanghai", "2025-07-25", "labs", "ai-research"),
    );
    server.wait_for("/articles/lab-closes/", "the new title", |r| r.body.contains("Lab shuts in Shanghai"));
    let topic = server.wait_for("/topics/labs/", "the new title", |r| r.body.contains("Lab shuts in Shanghai"));
    assert!(!topic.body.contains("Lab closes in Shanghai"));
    let home = server.get("/");
    assert!(home.body.contains("Lab shuts in Shanghai"));
    server.wait_for_line(&server.stdout, "the rebuild", |l| {
        l.starts_with("Rebuilt ") && l.ends_with("(content/articles/2025/lab-closes.md)")
    });
    assert!(!server.path("public").exists(), "serve must not write public/");
}

#[test]
fn a_renamed_tag_gets_its_page_and_the_old_one_goes() {
    let server = Server::start();
    assert_eq!(server.get("/tags/ai-research/").status, 200);
    assert_eq!(server.get("/tags/frontier-models/").status, 404);

    server.write(
        "content/articles/2025/lab-closes.md",
        &article("Lab closes in Shanghai", "2025-07-25", "labs", "frontier-models"),
    );
    let new = server.wait_for("/tags/frontier-models/", "a term page", |r| r.status == 200);
    assert!(new.body.contains("Lab closes in Shanghai"));
    let old = server.wait_for("/tags/ai-research/", "a 404", |r| r.status == 404);
    assert!(old.body.contains("Page not found"), "the site's 404 page is served");
    let article = server.get("/articles/lab-closes/");
    assert!(article.body.contains("/tags/frontier-models/") && !article.body.contains("/tags/ai-research/"));
    let index = server.get("/tags/");
    assert!(index.body.contains("frontier-models") && !index.body.contains("/tags/ai-research/"));
}

#[test]
fn a_deleted_article_returns_404_and_a_new_one_appears() {
    let server = Server::start();
    assert_eq!(server.get("/articles/tools-banned/").status, 200);
    fs::remove_file(server.path("content/articles/2024/tools-banned.md")).unwrap();
    server.wait_for("/articles/tools-banned/", "a 404", |r| r.status == 404);
    server.wait_for("/topics/chips/", "no deleted article", |r| !r.body.contains("Tools banned"));
    assert_eq!(server.get("/tags/export-rules/").status, 404);

    server.write("content/articles/2026/new-one.md", &article("A brand new report", "2026-01-02", "chips", "fabs"));
    server.wait_for("/articles/new-one/", "the new article", |r| r.status == 200);
    server.wait_for("/tags/fabs/", "the new article", |r| r.body.contains("A brand new report"));
}

#[test]
fn the_browser_is_told_to_reload() {
    let server = Server::start();
    let page = server.get("/");
    assert!(page.body.contains("/__briefing/events"), "the reload script is injected into HTML");
    let version = page.body.split("/__briefing/events?v=").nth(1).unwrap().split('"').next().unwrap().to_owned();

    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(stream, "GET /__briefing/events?v={version} HTTP/1.1\r\nHost: {}\r\n\r\n", server.address).unwrap();
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    reader.read_line(&mut head).unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");

    server.write("content/articles/2025/fab-opens.md", &article("Fab opens in Arizona", "2025-03-01", "chips", "fabs"));
    let started = Instant::now();
    let mut line = String::new();
    loop {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the event stream ended");
        assert!(started.elapsed() < DEADLINE, "no reload event showing the change");
        if line.trim() != "event: reload" {
            continue;
        }
        // The event is sent once the new pages are served; on a loaded machine the save may
        // be seen half written first, which reloads to show that problem until the rest.
        let page = server.get("/articles/fab-opens/");
        if page.body.contains("Fab opens in Arizona") {
            break;
        }
        assert!(page.body.contains("briefing-serve-errors"), "a reload before the new page:\n{}", page.body);
    }
}

#[test]
fn a_bad_edit_shows_an_overlay_until_it_is_fixed() {
    let server = Server::start();
    let good = article("Lab closes in Shanghai", "2025-07-25", "labs", "ai-research");
    server.write("content/articles/2025/lab-closes.md", &good.replace("topics: [labs]", "topics: [lbas]"));
    // The overlay names file, line and column (waited for: a file caught half written
    // shows another problem first).
    let page = server.wait_for("/", "the overlay naming the problem", |r| {
        r.body.contains("content/articles/2025/lab-closes.md:5:10: unknown topic `lbas`")
    });
    assert!(page.body.contains("briefing-serve-errors"), "{}", page.body);
    // The last good site is still served, with the overlay on every HTML page.
    let article = server.get("/articles/lab-closes/");
    assert_eq!(article.status, 200);
    assert!(article.body.contains("Lab closes in Shanghai") && article.body.contains("briefing-serve-errors"));
    assert!(!server.get("/feed.xml").body.contains("briefing-serve-errors"), "non-HTML is left alone");
    assert!(!server.get("/notes.txt").body.contains("briefing-serve-errors"));
    server.wait_for_line(&server.stderr, "the problem", |l| {
        l.contains("content/articles/2025/lab-closes.md:5:10: unknown topic `lbas`")
    });

    // Broken YAML is located too.
    server.write("content/articles/2025/lab-closes.md", &good.replace("title: \"Lab", "title: [\"Lab"));
    server.wait_for("/", "the YAML error", |r| r.body.contains("content/articles/2025/lab-closes.md:2:"));

    server.write("content/articles/2025/lab-closes.md", &good.replace("Lab closes", "Lab finally closes"));
    server.wait_for("/", "the fix and no overlay", |r| {
        !r.body.contains("briefing-serve-errors") && r.body.contains("Lab finally closes in Shanghai")
    });
}

#[test]
fn a_template_error_is_shown_and_a_template_fix_rerenders_everything() {
    let server = Server::start();
    server.write("templates/404.html", "{% extends \"base.html\" %}\n{% block main %}{{ nope( }}{% endblock main %}\n");
    let page = server.wait_for("/", "the overlay", |r| r.body.contains("briefing-serve-errors"));
    assert!(page.body.contains("templates/404.html:2:"), "{}", page.body);
    server.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}<p>Gone fishing</p>{% endblock main %}\n",
    );
    server.wait_for("/no/such/page/", "the new 404 page", |r| r.status == 404 && r.body.contains("Gone fishing"));
    server.wait_for("/", "no overlay", |r| !r.body.contains("briefing-serve-errors"));
}

#[test]
fn static_files_are_served_and_follow_their_changes() {
    let server = Server::start();
    let notes = server.get("/notes.txt");
    assert_eq!(notes.status, 200);
    assert_eq!(notes.header("content-type").as_deref(), Some("text/plain; charset=utf-8"));
    server.write("static/img/dot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let svg = server.wait_for("/img/dot.svg", "the new file", |r| r.status == 200);
    assert_eq!(svg.header("content-type").as_deref(), Some("image/svg+xml"));
    fs::remove_file(server.path("static/notes.txt")).unwrap();
    server.wait_for("/notes.txt", "a 404", |r| r.status == 404);
}

#[test]
fn a_new_stylesheet_gets_a_new_fingerprinted_link_on_every_page() {
    let server = Server::start();
    let stylesheet = |body: &str| {
        let marker = "rel=\"stylesheet\" href=\"";
        let start = body.find(marker).expect("a stylesheet link") + marker.len();
        body[start..start + body[start..].find('"').unwrap()].to_owned()
    };
    let before = stylesheet(&server.get("/").body);
    server.write("static/style.css", "body { color: navy }");
    let home = server.wait_for("/", "a new stylesheet link", |r| stylesheet(&r.body) != before);
    let after = stylesheet(&home.body);
    assert!(after.starts_with("/style.") && after.ends_with(".css"), "{after}");
    assert_eq!(server.get(&after).body, "body { color: navy }");
    server.wait_for("/topics/", "the new link on other pages too", |r| stylesheet(&r.body) == after);
}

#[test]
fn listening_on_every_interface_links_to_localhost() {
    let server = Server::start_with(&["--bind", "0.0.0.0"]);
    assert!(server.address.starts_with("localhost:"), "{}", server.address);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(!home.body.contains("0.0.0.0"), "no link to the unspecified address");
}

#[test]
fn nothing_outside_the_site_and_only_get_and_head() {
    let server = Server::start();
    for path in
        ["/../site.yaml", "/%2e%2e/site.yaml", "/..%2fsite.yaml", "/..\\site.yaml", "/%2E%2E%2Fsite.yaml", "/site.yaml"]
    {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.body.contains("base_url"), "{path} leaked site.yaml");
    }
    assert_eq!(server.request("POST", "/").status, 405);
    assert_eq!(server.request("DELETE", "/articles/lab-closes/").status, 405);
    let head = server.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let redirect = server.get("/topics");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location").as_deref(), Some("/topics/"));
}

#[test]
fn a_link_to_an_article_file_follows_its_new_address() {
    let server = Server::start();
    let linking = article("Lab closes in Shanghai", "2025-07-25", "labs", "ai-research")
        .replace("Body of", "See [the fab](fab-opens.md) for the story before. Body of");
    server.write("content/articles/2025/lab-closes.md", &linking);
    let page = server.wait_for("/articles/lab-closes/", "the link", |r| r.body.contains("the fab"));
    assert!(page.body.contains("href=\"/articles/fab-opens/\""), "{}", page.body);

    let moved =
        article("Fab opens in Ohio", "2025-03-01", "chips", "fabs").replace("---\n\n", "slug: ohio-fab\n---\n\n");
    server.write("content/articles/2025/fab-opens.md", &moved);
    server.wait_for("/articles/lab-closes/", "the new address", |r| r.body.contains("href=\"/articles/ohio-fab/\""));
    assert_eq!(server.get("/articles/fab-opens/").status, 404);
}

#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_never_served() {
    let server = Server::start();
    let outside = TempDir::new().unwrap();
    fs::write(outside.path().join("environ"), "SECRET_TOKEN=hunter2\n").unwrap();
    let secret_article = "---\ntitle: \"Secret\"\ndate: 2025-01-01\ntopics: [chips]\n---\nSECRET_TOKEN\n";
    fs::write(outside.path().join("secret.md"), secret_article).unwrap();
    std::os::unix::fs::symlink(outside.path().join("environ"), server.path("static/environ.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), server.path("content/articles/secret.md")).unwrap();
    // The two links may arrive in two batches of changes: the overlay names both in the end.
    server.wait_for("/", "both links as errors", |r| {
        r.body.contains("outside the site root")
            && r.body.contains("static/environ.txt")
            && r.body.contains("content/articles/secret.md")
    });
    for path in ["/environ.txt", "/articles/secret/"] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.body.contains("SECRET_TOKEN"), "{path} served a file from outside the site");
    }
}

#[test]
fn content_warnings_are_printed_at_start_and_when_they_change() {
    let embed = article("Embedded map", "2025-05-01", "chips", "fabs");
    let hidden = article("Not yet", "2025-05-02", "chips", "fabs");
    let files = [
        (
            "content/articles/2025/embed.md",
            embed.replace("Body of", "<iframe src=\"https://example.org/map\"></iframe> Body of"),
        ),
        ("content/articles/2025/.not-yet.md", hidden),
    ];
    let server = Server::start_on(&[], |root| {
        write_fixture(root);
        for (relative, text) in &files {
            let path = root.join(relative);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    });
    let removed = "warning: content/articles/2025/embed.md:9:1: raw HTML `<iframe>` is removed";
    server.wait_for_line(&server.stderr, "the removed iframe", |l| l.starts_with(removed));
    server.wait_for_line(&server.stderr, "the hidden file", |l| {
        l.starts_with("warning: content/articles/2025/.not-yet.md: hidden file")
    });
    // Warnings are not errors: no overlay.
    assert!(!server.get("/").body.contains("briefing-serve-errors"));

    // A rebuild that leaves them as they were does not print them again...
    server.write("content/articles/2025/fab-opens.md", &article("Fab opens in Arizona", "2025-03-01", "chips", "fabs"));
    server.wait_for_line(&server.stdout, "the rebuild", |l| l.ends_with("(content/articles/2025/fab-opens.md)"));
    // ...one that changes them prints them all (after the rebuild above, which ran first).
    let lab = article("Lab closes in Shanghai", "2025-07-25", "labs", "ai-research");
    server.write("content/articles/2025/lab-closes.md", &lab.replace("Body of", "<marquee>News</marquee> Body of"));
    server.wait_for_line(&server.stderr, "the new warning", |l| {
        l.starts_with("warning: content/articles/2025/lab-closes.md:9:1: raw HTML `<marquee>` is removed")
    });
    let stderr = server.stderr.lock().unwrap().clone();
    assert_eq!(stderr.lines().filter(|l| l.starts_with(removed)).count(), 2, "{stderr}");

    // The hidden file published, the raw HTML gone: nothing to warn about.
    fs::rename(server.path("content/articles/2025/.not-yet.md"), server.path("content/articles/2025/not-yet.md"))
        .unwrap();
    server.write("content/articles/2025/lab-closes.md", &lab);
    server.write("content/articles/2025/embed.md", &embed);
    server.wait_for_line(&server.stderr, "that none is left", |l| l == "No warnings left.");
    server.wait_for("/articles/not-yet/", "the published file", |r| r.status == 200);
}
