//! Edit-to-served latency of `briefing serve` on a generated site: edit one article's
//! title and time until both its page and its topic page, fetched over HTTP, show it;
//! then a topic's introduction (until its page shows it), an organization's
//! description in entities.yaml (until its page shows it), the base template (until the
//! article's and the topic's pages show it) and the stylesheet (until the article's page
//! links to the new stylesheet and that shows it). Pages are rendered when asked for,
//! so each time includes rendering the pages fetched.
//!
//!     cargo bench --bench serve_latency                  # 1,000 and 10,000 articles
//!     cargo bench --bench serve_latency -- 1000 --edits 9
//!
//! Sites are made by the corpus generator (`cargo run --release --example gen_corpus`)
//! under `target/serve-bench/`, and reused. Prints the median, min and max of the edits,
//! and the rebuild times the server itself reported. Goal: ≤ 50 ms at 10,000 articles,
//! every kind of edit. `BRIEFING_BIN` runs another `briefing` binary.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn main() {
    let mut sizes = Vec::new();
    let mut edits = 7;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--edits" => edits = args.next().and_then(|n| n.parse().ok()).expect("--edits N"),
            "--bench" => {}
            n => sizes.push(n.parse::<usize>().unwrap_or_else(|_| panic!("not a number of articles: {n}"))),
        }
    }
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000];
    }
    println!("briefing serve: edit-to-served latency, {edits} edits of each kind per site");
    for articles in sizes {
        let site = corpus(articles);
        measure(&site, articles, edits);
    }
}

/// The generated site of `articles` articles, made once.
fn corpus(articles: usize) -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = manifest.join("target").join("serve-bench").join(format!("briefing-{articles}"));
    if dir.join("corpus-manifest.json").exists() {
        return dir;
    }
    let status = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--release", "--example", "gen_corpus", "--", "--articles", &articles.to_string()])
        .arg("--out")
        .arg(&dir)
        .current_dir(manifest)
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run the corpus generator: {e}"));
    assert!(status.success(), "the corpus generator failed");
    dir
}

/// An article to edit: its file, its URL path, its (first) topic's slug and URL path, and
/// its first organization and that organization's URL path.
struct Target {
    file: PathBuf,
    text: String,
    page: String,
    topic_slug: String,
    topic: String,
    organization: String,
    organization_page: String,
}

fn pick_article(site: &Path) -> Target {
    let year =
        fs::read_dir(site.join("content/articles")).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).max().unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(&year).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let file = files.into_iter().find(|f| f.extension().is_some_and(|e| e == "md")).unwrap();
    let text = fs::read_to_string(&file).unwrap();
    let field =
        |key: &str| text.lines().find_map(|line| line.strip_prefix(key)).map(|v| v.trim().trim_matches('"').to_owned());
    let slug = field("slug:").unwrap_or_else(|| file.file_stem().unwrap().to_string_lossy().into_owned());
    let topics = field("topics:").expect("an article has topics");
    let first = |list: String| list.trim_matches(['[', ']']).split(',').next().unwrap().trim().to_owned();
    let topic = first(topics);
    let organization = first(field("organizations:").expect("an article of the corpus has organizations"));
    let organization = organization.trim_matches('"').to_owned();
    Target {
        page: format!("/articles/{slug}/"),
        topic: format!("/topics/{topic}/"),
        topic_slug: topic,
        organization_page: format!("/organizations/{}/", slugify(&organization)),
        organization,
        file,
        text,
    }
}

/// The slug of a term, as briefing makes it (the `slug` crate: ASCII, lowercase, `-`).
fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// The built-in base template and stylesheet, which a site without its own gets.
const BASE_TEMPLATE: &str = include_str!("../templates/base.html");
const STYLESHEET: &str = include_str!("../static/style.css");

struct Server {
    child: Child,
    address: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Path) -> (Server, Duration) {
    let started = Instant::now();
    let binary = std::env::var_os("BRIEFING_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_briefing").into());
    let mut child =
        Command::new(binary).args(["serve", "--port", "0", "--root"]).arg(site).stdout(Stdio::piped()).spawn().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    let address = first
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .unwrap_or_else(|| panic!("no URL in {first:?}"))
        .trim_end_matches('/')
        .to_owned();
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    (Server { child, address, log }, started.elapsed())
}

fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut body = Vec::new();
    stream.read_to_end(&mut body).unwrap();
    String::from_utf8_lossy(&body).into_owned()
}

/// Saves `edits` versions of `file` (`version(marker)` gives each text, with a marker that
/// must then show on every page of `pages`) and times each until it shows; then puts the
/// file back as it was (`None`: it did not exist). Returns the sorted times.
fn time_edits(
    server: &Server,
    edits: usize,
    file: &Path,
    original: Option<&str>,
    version: impl Fn(&str) -> String,
    pages: &[&str],
) -> Vec<Duration> {
    let shows =
        |marker: &str, waiting: &mut Vec<&str>| waiting.retain(|path| !get(&server.address, path).contains(marker));
    time_edits_until(edits, file, original, version, pages, shows)
}

/// `time_edits` with another test of whether the edit shows: `shows(marker, waiting)`
/// removes from `waiting` the pages that show it.
fn time_edits_until<'p>(
    edits: usize,
    file: &Path,
    original: Option<&str>,
    version: impl Fn(&str) -> String,
    pages: &[&'p str],
    shows: impl Fn(&str, &mut Vec<&'p str>),
) -> Vec<Duration> {
    let mut times = Vec::new();
    for edit in 0..edits {
        let marker = format!("Benchmark edit {edit} {}", std::process::id());
        std::thread::sleep(Duration::from_millis(300));
        fs::write(file, version(&marker)).unwrap();
        let started = Instant::now();
        let mut waiting = pages.to_vec();
        while !waiting.is_empty() {
            assert!(started.elapsed() < Duration::from_secs(60), "the edit never showed on {waiting:?}");
            shows(&marker, &mut waiting);
        }
        times.push(started.elapsed());
    }
    match original {
        Some(text) => fs::write(file, text).unwrap(),
        None => fs::remove_file(file).unwrap(),
    }
    std::thread::sleep(Duration::from_millis(500));
    times.sort();
    times
}

/// The server's own rebuild times since line `from` of its log, in ms.
fn reported(server: &Server, from: usize, edits: usize) -> String {
    let log = server.log.lock().unwrap();
    let times: Vec<&str> = log
        .iter()
        .skip(from)
        .filter(|l| l.starts_with("Rebuilt"))
        .take(edits)
        .filter_map(|l| l.split(" in ").nth(1)?.split(" ms").next())
        .collect();
    times.join(" ")
}

fn print(what: &str, articles: usize, times: &[Duration], reported: &str) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{articles:>6} articles, {what:<19} median {:6.1} ms   min {:6.1} ms   max {:6.1} ms   (server's own rebuild times, ms: {reported})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
    );
}

fn measure(site: &Path, articles: usize, edits: usize) {
    let target = pick_article(site);
    let (server, startup) = start(site);
    println!("{articles:>6} articles: server started in {:.1} s", startup.as_secs_f64());

    // An article's title: its page and its topic's page show it.
    let original_title = target.text.lines().find(|l| l.starts_with("title:")).unwrap().to_owned();
    let from = server.log.lock().unwrap().len();
    let times = time_edits(
        &server,
        edits,
        &target.file,
        Some(&target.text),
        |marker| target.text.replacen(&original_title, &format!("title: \"{marker}\""), 1),
        &[&target.page, &target.topic],
    );
    print("article title:", articles, &times, &reported(&server, from, edits));

    // A topic's introduction: its page shows it.
    let topic_file = site.join("content/topics").join(format!("{}.md", target.topic_slug));
    let topic_text = fs::read_to_string(&topic_file).unwrap();
    let from = server.log.lock().unwrap().len();
    let times = time_edits(
        &server,
        edits,
        &topic_file,
        Some(&topic_text),
        |marker| format!("{}\n\n{marker}\n", topic_text.trim_end()),
        &[&target.topic],
    );
    print("topic intro:", articles, &times, &reported(&server, from, edits));

    // An organization's description in entities.yaml: its page shows it.
    let entities = site.join("content/entities.yaml");
    let original = fs::read_to_string(&entities).ok();
    let from = server.log.lock().unwrap().len();
    let times = time_edits(
        &server,
        edits,
        &entities,
        original.as_deref(),
        |marker| {
            let mut text = original.clone().unwrap_or_default();
            if !text.contains("organizations:") {
                text.push_str("organizations:\n");
            }
            text.replacen(
                "organizations:\n",
                &format!("organizations:\n  {}: {{ description: \"{marker}\" }}\n", target.organization),
                1,
            )
        },
        &[&target.organization_page],
    );
    print("entity description:", articles, &times, &reported(&server, from, edits));

    // The base template: every page shows it.
    let template = site.join("templates/base.html");
    let original = fs::read_to_string(&template).ok();
    let base = original.clone().unwrap_or_else(|| BASE_TEMPLATE.to_owned());
    fs::create_dir_all(template.parent().unwrap()).unwrap();
    let from = server.log.lock().unwrap().len();
    let times = time_edits(
        &server,
        edits,
        &template,
        original.as_deref(),
        |marker| base.replacen("</body>", &format!("<!-- {marker} --></body>"), 1),
        &[&target.page, &target.topic],
    );
    print("base template:", articles, &times, &reported(&server, from, edits));

    // The stylesheet: every page links to its new fingerprinted name.
    let stylesheet = site.join("static/style.css");
    let original = fs::read_to_string(&stylesheet).ok();
    let css = original.clone().unwrap_or_else(|| STYLESHEET.to_owned());
    fs::create_dir_all(stylesheet.parent().unwrap()).unwrap();
    let from = server.log.lock().unwrap().len();
    let times = time_edits_until(
        edits,
        &stylesheet,
        original.as_deref(),
        |marker| format!("{css}\n/* {marker} */\n"),
        &[&target.page],
        |marker, waiting| {
            waiting.retain(|path| {
                let page = get(&server.address, path);
                let linked = page.split('"').find(|part| part.contains("/style.") && part.ends_with(".css"));
                !linked.is_some_and(|href| get(&server.address, href).contains(marker))
            })
        },
    );
    print("stylesheet:", articles, &times, &reported(&server, from, edits));
    drop(server);
}
