//! Edit-to-served latency of `briefing serve`: edit one article's title in a generated
//! site and time until both its page and its topic page, fetched over HTTP, show it.
//!
//!     cargo bench --bench serve_latency                  # 1,000 and 10,000 articles
//!     cargo bench --bench serve_latency -- 1000 --edits 9
//!
//! Sites are made by the corpus generator (`cargo run --release --example gen_corpus`)
//! under `target/serve-bench/`, and reused. Prints the median, min and max of the edits,
//! and the rebuild times the server itself reported. Goals: < 50 ms at 1,000
//! articles, < 150 ms at 10,000. `BRIEFING_BIN` runs another `briefing` binary.

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
    println!("briefing serve: edit-to-served latency (article page and topic page), {edits} edits per site");
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

/// An article to edit: its file, its URL path and its (first) topic's URL path.
struct Target {
    file: PathBuf,
    text: String,
    page: String,
    topic: String,
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
    let topic = topics.trim_matches(['[', ']']).split(',').next().unwrap().trim().to_owned();
    Target { page: format!("/articles/{slug}/"), topic: format!("/topics/{topic}/"), file, text }
}

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

fn measure(site: &Path, articles: usize, edits: usize) {
    let target = pick_article(site);
    let (server, startup) = start(site);
    let original_title = target.text.lines().find(|l| l.starts_with("title:")).unwrap().to_owned();
    let mut times = Vec::new();
    for edit in 0..edits {
        let title = format!("Benchmark edit {edit} {}", std::process::id());
        let text = target.text.replacen(&original_title, &format!("title: \"{title}\""), 1);
        std::thread::sleep(Duration::from_millis(300));
        fs::write(&target.file, text).unwrap();
        let started = Instant::now();
        let mut waiting = vec![target.page.as_str(), target.topic.as_str()];
        while !waiting.is_empty() {
            assert!(started.elapsed() < Duration::from_secs(60), "the edit never showed on {waiting:?}");
            waiting.retain(|path| !get(&server.address, path).contains(&title));
        }
        times.push(started.elapsed());
    }
    fs::write(&target.file, &target.text).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let reported: Vec<String> = server
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.starts_with("Rebuilt"))
        .take(edits)
        .filter_map(|l| l.split(" in ").nth(1)?.split(" ms").next().map(str::to_owned))
        .collect();
    println!(
        "{articles:>6} articles: median {:6.1} ms   min {:6.1} ms   max {:6.1} ms   (startup {:.1} s; server's own rebuild times, ms: {})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        startup.as_secs_f64(),
        reported.join(" ")
    );
    drop(server);
}
