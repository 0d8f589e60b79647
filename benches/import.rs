//! Import benchmark: first the accuracy of import on the fixture corpus
//! (tests/fixtures/import/corpus: fields right per field, pages fully right), then the
//! speed, each set of generated pages (deterministic, invented events) imported as a
//! directory with the release binary, printing pages per second:
//! - small pages: a few hundred pages of a few kB (French finance-portal text, English
//!   wire text, French news HTML);
//! - large pages: HTML of about 500 kB shaped like big news sites' (mega menus, scripts
//!   and styles, inline JSON, deep nesting, a rail of related stories, a comment thread).
//!
//! Run: `cargo bench --bench import` (IMPORT_BENCH_PAGES=N and IMPORT_BENCH_LARGE_PAGES=N
//! to change the counts, RAYON_NUM_THREADS=1 to measure one core).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use briefing::month_names;

#[path = "../tests/it/import/corpus_table.rs"]
mod corpus_table;

const COMPANIES: &[&str] =
    &["Norvale Systems", "Quillbright", "Veldmark", "Ostrava Micro", "Kelpwave", "Brantor Labs", "Sundial Compute"];
const CITIES: &[&str] = &["Shenzhen", "Lisbon", "Grenoble", "Eindhoven", "Austin", "Dublin", "Singapore"];

/// A small deterministic generator (xorshift), so every run imports the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }
}

fn french_paragraphs(rng: &mut Rng, company: &str, city: &str, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let other = rng.pick(COMPANIES);
            format!(
                "Le groupe {company} a confirmé la fermeture de son site de {city}, qui employait {} personnes, selon une source proche du dossier citée pour la {}e fois. Son concurrent {other} a lui aussi réduit ses activités de recherche en Chine, sur fond de contrôles à l'exportation renforcés par les États-Unis et de rivalité entre Pékin et Washington.",
                40 + rng.next(300),
                i + 1
            )
        })
        .collect()
}

fn french_text_page(rng: &mut Rng, index: usize) -> String {
    let (company, city) = (rng.pick(COMPANIES), rng.pick(CITIES));
    let mut page = String::from(
        "Aller au contenu principal Activer le contraste adaptéDésactiver le contraste adapté\nFermer\n\n",
    );
    let _ = writeln!(page, "{company} ferme son centre de recherche de {city} (dépêche {index})");
    let (day, month, year, hour, minute) =
        (1 + rng.next(28), rng.next(12), 2022 + rng.next(4), rng.next(24), rng.next(60));
    if index.is_multiple_of(2) {
        let _ =
            writeln!(page, "information fournie par AFP {day:02}/{:02}/{year} à {hour:02}:{minute:02}\n", month + 1);
    } else {
        let _ = writeln!(
            page,
            "information fournie par AFP {day} {} {year} à {hour:02}h{minute:02}\n",
            month_names("fr")[month]
        );
    }
    let caption = format!("Les bureaux de {company} à {city} ( AFP / PHOTOGRAPHE FICTIF )");
    let _ = writeln!(page, "{caption}\n\n{caption}\n");
    let count = 6 + rng.next(6);
    for paragraph in french_paragraphs(rng, company, city, count) {
        let _ = writeln!(page, "{paragraph}\n");
    }
    page.push_str("Valeurs associées\n\n231,4400 USD NASDAQ -0,34%\nIBM\n259,730 USD NYSE -0,32%\n\n0 commentaire\n\nSignaler le commentaire\n\nFermer\n\nA lire aussi\n\nMes listes\n\nCette liste ne contient aucune valeur.\nChargement...\n");
    page
}

fn english_text_page(rng: &mut Rng, index: usize) -> String {
    let (company, city) = (rng.pick(COMPANIES), rng.pick(CITIES));
    let names = month_names("en");
    let months: Vec<&str> = names.iter().map(String::as_str).collect();
    let month = rng.pick(&months);
    let day = 1 + rng.next(28);
    let mut page = String::from("Skip to main content\nWorld | Technology | Business\n");
    let _ = writeln!(page, "{company} to shut {city} design centre as export curbs bite ({index})");
    let _ = writeln!(
        page,
        "By Mara Quillon\n{month} {day}, 2024 10:{:02} AM GMT+2 Updated 2 hours ago\n\nShare",
        rng.next(60)
    );
    for i in 0..6 + rng.next(6) {
        let prefix =
            if i == 0 { format!("{}, {month} {day} (Reuters) - ", city.to_uppercase()) } else { String::new() };
        let _ = writeln!(
            page,
            "\n{prefix}{company} will close its design centre in {city}, which employs about {} engineers, citing new US export controls on chips sold to China, people familiar with the matter said on Friday.",
            50 + rng.next(200)
        );
    }
    page.push_str("\n(Reporting by Mara Quillon; Editing by Ode Fenn)\n\nRead next\nAnother story\nSign up for our newsletter\n© 2024 Wire Example. All rights reserved.\n");
    page
}

fn french_html_page(rng: &mut Rng, index: usize) -> String {
    let (company, city) = (rng.pick(COMPANIES), rng.pick(CITIES));
    let title = format!("{company} suspend ses livraisons depuis {city} (article {index})");
    let date =
        format!("2025-{:02}-{:02}T{:02}:{:02}:00", 1 + rng.next(12), 1 + rng.next(28), rng.next(24), rng.next(60));
    let mut body = String::new();
    let count = 6 + rng.next(6);
    for (i, paragraph) in french_paragraphs(rng, company, city, count).into_iter().enumerate() {
        let _ = writeln!(body, "<p>{paragraph}</p>");
        if i == 2 {
            body.push_str("<div class=\"pub\">Publicité</div><h2>Des clients dans l'incertitude</h2>\n");
        }
    }
    let menu: String = (0..30).map(|i| format!("<li><a href=\"/rubrique/{i}\">Rubrique {i}</a></li>")).collect();
    format!(
        r#"<!DOCTYPE html><html lang="fr"><head><title>{title} - Le Quotidien imaginaire</title>
<link rel="canonical" href="https://quotidien.example/a/{index}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"{date}","author":{{"name":"AFP"}}}}</script>
<script>var x = 1;</script><style>body {{ margin: 0 }}</style></head><body>
<div class="cookie-banner"><p>Nous utilisons des cookies.</p><button>Tout accepter</button></div>
<header class="site-header"><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">Par la rédaction avec AFP</p>
<figure><img src="x.jpg"><figcaption>Les bureaux de {company} à {city}. <span class="credit">AFP / Photographe fictif</span></figcaption></figure>
{body}<aside class="related"><h3>À lire aussi</h3><ul><li><a href="/a/1">Un autre article</a></li></ul></aside>
<div class="comments"><h2>0 commentaire</h2></div></article></main>
<footer><p>© 2025 Le Quotidien imaginaire</p></footer></body></html>
"#
    )
}

/// Words of the invented reports, comments and teasers of the large pages.
const PROSE_WORDS: &str = "the company said on Tuesday that its new packaging line would start in spring after \
    regulators approved export licences for equipment shipped from suppliers and analysts expect orders to rise by a \
    third next year while officials in the province welcomed jobs plant engineers wafers customers chips of with \
    about million euros quarter demand capacity talks ministry grid";

/// A sentence of `words` invented words, capitalised, with a comma and a full stop.
fn sentence(rng: &mut Rng, words: usize) -> String {
    let vocabulary: Vec<&str> = PROSE_WORDS.split_whitespace().collect();
    let mut out = String::new();
    for i in 0..words {
        let word = rng.pick(&vocabulary);
        if i == 0 {
            let mut letters = word.chars();
            out.extend(letters.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(letters.as_str());
        } else {
            out.push(' ');
            out.push_str(word);
        }
        if i == words / 2 {
            out.push(',');
        }
    }
    out.push('.');
    out
}

/// A script of the size and shape of a site's bundles: functions, strings holding
/// markup, comparisons.
fn script_source(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 200);
    let mut i = 0;
    while out.len() < bytes {
        let _ = writeln!(
            out,
            "function m{i}(e,t){{if(e<t&&t.length>{}){{return '<div class=\"w{i}\">'+e+'</div>'}}var n=t.map(function(r){{return r*{}}});return n.join(\",\")}}",
            rng.next(90),
            rng.next(9) + 1
        );
        i += 1;
    }
    out
}

/// The state a page hands its scripts as inline JSON: teasers with their dates.
fn state_json(rng: &mut Rng, items: usize) -> String {
    let entries: Vec<String> = (0..items)
        .map(|i| {
            format!(
                r#"{{"id":{i},"headline":"{}","url":"https://daily.example/{i}","published":"2025-0{}-1{}T0{}:00:00Z","tags":["chips","trade","energy"],"image":{{"src":"/img/{i}.jpg","width":1200,"height":675}}}}"#,
                sentence(rng, 9),
                1 + rng.next(9),
                rng.next(10),
                rng.next(10)
            )
        })
        .collect();
    format!(r#"{{"page":{{"section":"technology","items":[{}]}}}}"#, entries.join(","))
}

/// A large page shaped like those of big news sites (about 500 kB): a mega menu, scripts
/// and styles, inline JSON state, the report deep inside nested wrappers with ad slots
/// between its paragraphs, a long rail of related stories, a comment thread with
/// replies, a footer of links. Invented text.
fn large_html_page(rng: &mut Rng, index: usize) -> String {
    let (company, city) = (rng.pick(COMPANIES), rng.pick(CITIES));
    let title = format!("{company} builds a packaging plant near {city} (report {index})");
    let date =
        format!("2025-{:02}-{:02}T{:02}:{:02}:00Z", 1 + rng.next(12), 1 + rng.next(28), rng.next(24), rng.next(60));
    let icon = r#"<svg class="icon" viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5zm0 13l-10-5v6l10 5 10-5v-6l-10 5z"/></svg>"#;
    let mut page = String::with_capacity(560_000);
    let _ = write!(
        page,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="The Daily Example">
<link rel="canonical" href="https://daily.example/tech/{index}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"{date}","author":{{"name":"Mara Quillon"}}}}</script>
<style>"#
    );
    for i in 0..1400 {
        let _ =
            writeln!(page, ".c{i} > .x{i}:hover {{ margin: {}px; color: #{:06x}; }}", rng.next(40), rng.next(0xffffff));
    }
    page.push_str("</style>\n");
    for _ in 0..4 {
        let _ = writeln!(page, "<script>{}</script>", script_source(rng, 40_000));
    }
    let _ = writeln!(page, r#"<script id="state" type="application/json">{}</script></head>"#, state_json(rng, 250));
    page.push_str(r#"<body class="article-page"><div class="cookie-consent" role="dialog"><p>We use cookies to measure our audience.</p><button>Accept</button></div>"#);
    // The mega menu: sections, each a column of links with icons.
    page.push_str(r#"<header class="site-header"><nav class="mega-menu"><ul>"#);
    for section in 0..24 {
        let _ = write!(
            page,
            r#"<li class="menu-section" data-section="{section}"><a href="/s/{section}">{icon}Section {section}</a><div class="menu-panel"><ul>"#
        );
        for item in 0..14 {
            let _ = write!(
                page,
                r#"<li data-track="menu-{section}-{item}"><a href="/s/{section}/{item}">Topic {section}.{item}</a></li>"#
            );
        }
        page.push_str("</ul></div></li>");
    }
    page.push_str("</ul></nav></header>\n");
    // The report, deep inside wrappers.
    let depth = 30;
    for level in 0..depth {
        let _ = write!(page, r#"<div class="layout-{level}" data-layout="{level}">"#);
    }
    let _ = write!(
        page,
        r#"<main><article class="story"><div class="kicker">Technology</div><h1>{title}</h1>
<div class="byline">By <a href="/by/mq">Mara Quillon</a> <time datetime="{date}">{date}</time></div>
<figure><img src="/img/{index}.jpg" alt="A plant"><figcaption>The site near {city}. <span class="credit">Photo: Ana Ficta</span></figcaption></figure>
<div class="story-body">"#
    );
    for paragraph in 0..18 {
        let _ = writeln!(page, "<p>{company} {} {}</p>", sentence(rng, 18), sentence(rng, 14));
        if paragraph == 0 {
            page.push_str("<p>The plant answers the export controls that reshaped the supply chain of chips.</p>\n");
        }
        if paragraph % 5 == 4 {
            let _ = write!(
                page,
                r#"<div class="ad-slot" data-slot="{paragraph}"><span>Advertisement</span><div id="ad-{paragraph}"></div></div>"#
            );
        }
    }
    page.push_str("</div></article></main>\n");
    // The rail of related stories, each with a picture, a teaser and its date.
    page.push_str(r#"<aside class="rail"><h2>More from The Daily Example</h2><ul class="teasers">"#);
    for teaser in 0..90 {
        let _ = write!(
            page,
            r#"<li class="teaser" data-id="{teaser}"><a href="/story/{teaser}"><img src="/t/{teaser}.jpg" srcset="/t/{teaser}-1x.jpg 1x, /t/{teaser}-2x.jpg 2x" alt=""><span class="teaser-title">{}</span></a><time datetime="2025-03-0{}">{} hours ago</time>{icon}</li>"#,
            sentence(rng, 10),
            1 + rng.next(9),
            1 + rng.next(20)
        );
    }
    page.push_str("</ul></aside>\n");
    // The comment thread: comments with replies, each with its author and time.
    page.push_str(r#"<section class="comments"><h2>Comments</h2><ol class="thread">"#);
    for comment in 0..80 {
        let _ = write!(
            page,
            r#"<li class="comment"><div class="comment-head"><span class="author">Reader {comment}</span><time>{} hours ago</time></div><div class="comment-body"><p>{} {}</p></div><ol class="replies">"#,
            1 + rng.next(48),
            sentence(rng, 16),
            sentence(rng, 10)
        );
        for reply in 0..rng.next(3) {
            let _ = write!(
                page,
                r#"<li class="comment reply"><span class="author">Reader {comment}.{reply}</span><time>{} minutes ago</time><p>{}</p><button>Reply</button></li>"#,
                1 + rng.next(59),
                sentence(rng, 12)
            );
        }
        page.push_str("</ol></li>");
    }
    page.push_str("</ol></section>\n");
    page.push_str(&"</div>".repeat(depth));
    page.push_str(r#"<footer class="site-footer"><ul>"#);
    for link in 0..200 {
        let _ = write!(page, r#"<li><a href="/f/{link}">Footer link {link}</a></li>"#);
    }
    page.push_str("</ul><p>© 2025 The Daily Example</p></footer>\n");
    for _ in 0..2 {
        let _ = writeln!(page, "<script>{}</script>", script_source(rng, 25_000));
    }
    page.push_str("</body></html>\n");
    page
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Fields right and pages fully right, over some pages of the corpus.
#[derive(Default, Clone, Copy)]
struct Tally {
    fields_right: usize,
    fields: usize,
    pages_right: usize,
    pages: usize,
}

impl Tally {
    fn add(&mut self, fields: &[corpus_table::Field]) {
        let right = fields.iter().filter(|f| f.problem.is_none()).count();
        self.fields_right += right;
        self.fields += fields.len();
        self.pages_right += usize::from(right == fields.len());
        self.pages += 1;
    }

    fn row(&self, label: &str) -> String {
        let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
        format!(
            "  {label:<16} {:>4}/{:<4} {:>5.1}%   {:>3}/{:<3} {:>5.1}%",
            self.fields_right,
            self.fields,
            percent(self.fields_right, self.fields),
            self.pages_right,
            self.pages,
            percent(self.pages_right, self.pages)
        )
    }
}

/// Imports every page of the fixture corpus and prints, per field, how many pages have it
/// right; then fields right and pages fully right per language and kind (text, HTML);
/// then what is wrong where.
fn accuracy() {
    let binary = Path::new(env!("CARGO_BIN_EXE_briefing"));
    let table = corpus_table::table();
    let mut per_field: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut per_group: Vec<(String, Tally)> = Vec::new();
    let mut per_kind: Vec<(String, Tally)> = Vec::new();
    let mut all = Tally::default();
    let mut wrong = Vec::new();
    let started = Instant::now();
    for expected in &table {
        let fields = corpus_table::check(binary, expected);
        all.add(&fields);
        // `-`: a page refused by design, which has no language.
        let language = expected.lang.as_deref().unwrap_or("-");
        let kind = if expected.page.ends_with(".html") { "html" } else { "text" };
        tally_of(&mut per_group, format!("{language} {kind}")).add(&fields);
        tally_of(&mut per_kind, format!("all {kind}")).add(&fields);
        for field in fields {
            let slot = match per_field.iter().position(|(name, _, _)| *name == field.name) {
                Some(at) => at,
                None => {
                    per_field.push((field.name, 0, 0));
                    per_field.len() - 1
                }
            };
            per_field[slot].2 += 1;
            match field.problem {
                None => per_field[slot].1 += 1,
                Some(problem) => {
                    wrong.push(format!("  {}: {}: {}", expected.page, field.name, problem.lines().next().unwrap_or("")))
                }
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!("accuracy on the fixture corpus ({} pages, one process per page):", table.len());
    println!("  {:<14} {:>7}", "field", "right");
    for (name, right, total) in &per_field {
        println!("  {name:<14} {right:>3}/{total:<3}");
    }
    per_group.sort_by(|a, b| a.0.cmp(&b.0));
    println!("  {:<16} {:>17}   {:>17}", "language kind", "fields right", "pages fully right");
    for (group, tally) in &per_group {
        println!("{}", tally.row(group));
    }
    for (kind, tally) in &per_kind {
        println!("{}", tally.row(kind));
    }
    println!("{}", all.row("all pages"));
    let pending: usize = table.iter().map(|expected| expected.pending.len()).sum();
    println!("  ({pending} of the wrong fields are listed as pending in expected.yaml)");
    for line in &wrong {
        println!("{line}");
    }
    println!("  ({:.0} ms, a process per page)", elapsed * 1000.0);
}

/// The row named `name`, added empty when new.
fn tally_of(rows: &mut Vec<(String, Tally)>, name: String) -> &mut Tally {
    let at = match rows.iter().position(|(row, _)| *row == name) {
        Some(at) => at,
        None => {
            rows.push((name, Tally::default()));
            rows.len() - 1
        }
    };
    &mut rows[at].1
}

fn main() {
    // `cargo bench` passes `--bench`; no other argument is read.
    accuracy();
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/site"), &site);
    let mut rng = Rng(0x5eed_1234_abcd_0001);

    let pages = count_from_env("IMPORT_BENCH_PAGES", 600);
    let small = work.path().join("pages");
    let generated = (0..pages).map(|index| match index % 3 {
        0 => (format!("{index:04}.txt"), french_text_page(&mut rng, index)),
        1 => (format!("{index:04}.txt"), english_text_page(&mut rng, index)),
        _ => (format!("{index:04}.html"), french_html_page(&mut rng, index)),
    });
    write_pages(&small, generated.collect());
    time_import("small pages (text and HTML)", &site, &small, pages);

    let pages = count_from_env("IMPORT_BENCH_LARGE_PAGES", 60);
    let large = work.path().join("large");
    write_pages(
        &large,
        (0..pages).map(|index| (format!("{index:04}.html"), large_html_page(&mut rng, index))).collect(),
    );
    time_import("large HTML pages", &site, &large, pages);
}

fn count_from_env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

fn write_pages(folder: &Path, pages: Vec<(String, String)>) {
    fs::create_dir_all(folder).unwrap();
    let bytes: usize = pages.iter().map(|(_, text)| text.len()).sum();
    let count = pages.len();
    for (name, text) in pages {
        fs::write(folder.join(name), text).unwrap();
    }
    println!(
        "generated {count} pages ({} kB, {} kB a page) in {}",
        bytes / 1000,
        bytes / 1000 / count.max(1),
        folder.display()
    );
}

/// Imports the folder five times into the site (`--force`), printing wall and CPU time
/// of each run, then the medians as pages per second.
fn time_import(label: &str, site: &Path, input: &Path, pages: usize) {
    let mut timings = Vec::new();
    let mut cpu_seconds = Vec::new();
    for run in 0..5 {
        let cpu_before = children_cpu_seconds();
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["import", "--force", "-q", "--root"])
            .arg(site)
            .arg(input)
            .output()
            .expect("the briefing binary runs");
        let elapsed = started.elapsed().as_secs_f64();
        assert!(output.status.success(), "import failed:\n{}", String::from_utf8_lossy(&output.stderr));
        let cpu = children_cpu_seconds().zip(cpu_before).map(|(after, before)| after - before);
        match cpu {
            Some(cpu) => println!("run {}: {:.1} ms wall, {:.0} ms CPU", run + 1, elapsed * 1000.0, cpu * 1000.0),
            None => println!("run {}: {:.1} ms wall", run + 1, elapsed * 1000.0),
        }
        timings.push(elapsed);
        cpu_seconds.extend(cpu);
    }
    timings.sort_by(f64::total_cmp);
    let median = timings[timings.len() / 2];
    println!(
        "import of {pages} {label}, whole process (5 runs): median {:.1} ms = {:.0} pages/s; best {:.1} ms = {:.0} pages/s",
        median * 1000.0,
        pages as f64 / median,
        timings[0] * 1000.0,
        pages as f64 / timings[0]
    );
    if !cpu_seconds.is_empty() {
        cpu_seconds.sort_by(f64::total_cmp);
        let cpu = cpu_seconds[cpu_seconds.len() / 2];
        // On a shared, loaded machine the wall time varies with other work; CPU time does not.
        println!(
            "{label}: median CPU time (user + system) {:.0} ms = {:.1} ms a page = {:.0} pages per CPU-second",
            cpu * 1000.0,
            cpu * 1000.0 / pages as f64,
            pages as f64 / cpu
        );
    }
}

/// User + system time of finished child processes, from /proc (Linux); 10 ms resolution.
fn children_cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(13)?.parse::<f64>().ok()? + fields.get(14)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
