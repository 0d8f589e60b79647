//! `briefing import` on hostile or careless input: it writes only inside the site, never
//! through a link, never publishes a password, and writes only what the next build
//! accepts; what it refuses it refuses before writing anything. Each class is one test in
//! the error-fixture style: the whole stderr snapshotted, the site and the files outside
//! it unchanged.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common::{briefing, build, fixture, read, site_copy, stderr, stdout, tree};
use crate::import::fetch::serve;
use crate::import::{ENGLISH_TEXT, page, parsed};

/// The file the English fixture page is imported to.
const ENGLISH_ARTICLE: &str =
    "content/articles/2024/quillbright-to-shut-lisbon-chip-design-centre-as-export-curbs-bite.md";

fn import(root: &Path, args: &[&str]) -> Output {
    briefing().arg("import").arg("--root").arg(root).args(args).output().expect("briefing runs")
}

/// Runs import in `site` and checks that it failed and changed nothing in the site or in
/// `outside`; returns stderr with both folders named `[SITE]` and `[OUTSIDE]`.
fn refused(site: &Path, outside: &Path, args: &[&str]) -> String {
    let (site_before, outside_before) = (tree(site), tree(outside));
    let output = import(site, args);
    assert_eq!(output.status.code(), Some(1), "{args:?}: {}", stderr(&output));
    assert!(stdout(&output).is_empty(), "{args:?}: {}", stdout(&output));
    assert_eq!(site_before, tree(site), "{args:?}: the site changed");
    assert_eq!(outside_before, tree(outside), "{args:?}: files outside the site changed");
    let real_outside = fs::canonicalize(outside).unwrap().display().to_string();
    stderr(&output)
        .replace(&real_outside, "[OUTSIDE]")
        .replace(&outside.display().to_string(), "[OUTSIDE]")
        .replace(&site.display().to_string(), "[SITE]")
}

/// A folder beside the site, standing for anything a link could lead to.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), "someone else's file\n").unwrap();
    fs::create_dir(dir.path().join("folder")).unwrap();
    dir
}

fn import_site() -> tempfile::TempDir {
    site_copy("import/site")
}

#[cfg(unix)]
#[test]
fn import_never_writes_through_a_symbolic_link() {
    use std::os::unix::fs::symlink;
    let english = page(ENGLISH_TEXT).display().to_string();
    let mut report = String::new();
    // Each case: its name, a flag, and how it lays links in the site (and beside it).
    type Prepare = fn(&Path, &Path);
    let cases: [(&str, &str, Prepare); 5] = [
        ("a dangling link at the article's path", "", |site, outside| {
            fs::create_dir_all(site.join("content/articles/2024")).unwrap();
            symlink(outside.join("planted.md"), site.join(ENGLISH_ARTICLE)).unwrap();
        }),
        ("a link to a file outside, with --force", "--force", |site, outside| {
            fs::create_dir_all(site.join("content/articles/2024")).unwrap();
            symlink(outside.join("notes.md"), site.join(ENGLISH_ARTICLE)).unwrap();
        }),
        ("a link inside the site, with --force", "--force", |site, _| {
            fs::create_dir_all(site.join("content/articles/2024")).unwrap();
            symlink("../../topics/export-controls.md", site.join(ENGLISH_ARTICLE)).unwrap();
        }),
        ("a year folder linked outside", "", |site, outside| {
            fs::create_dir_all(site.join("content/articles")).unwrap();
            symlink(outside.join("folder"), site.join("content/articles/2024")).unwrap();
        }),
        ("the articles folder linked outside, and dangling", "", |site, outside| {
            symlink(outside.join("gone"), site.join("content/articles")).unwrap();
        }),
    ];
    for (case, flag, prepare) in cases {
        let site = import_site();
        let outside = outside();
        prepare(site.path(), outside.path());
        let args: Vec<&str> = [flag, english.as_str()].into_iter().filter(|a| !a.is_empty()).collect();
        let message = refused(site.path(), outside.path(), &args).replace(&english, "[PAGE]");
        report.push_str(&format!("## {case}\n{message}\n"));
        assert!(!outside.path().join("planted.md").exists(), "{case}");
    }
    insta::assert_snapshot!("links-at-the-article-path", report);

    // A year folder linked inside the site is where the build reads it: written there.
    let site = import_site();
    fs::create_dir_all(site.path().join("content/articles/archive")).unwrap();
    symlink("archive", site.path().join("content/articles/2024")).unwrap();
    let output = import(site.path(), &[&english]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        site.path().join("content/articles/archive").join(Path::new(ENGLISH_ARTICLE).file_name().unwrap()).is_file()
    );
}

#[test]
fn credentials_in_an_address_are_never_published() {
    // The address a page is fetched from, user and password included.
    let base = serve();
    let with_password = base.replacen("http://", "http://editor:hunter2@", 1);
    let site = import_site();
    let fetched = import(site.path(), &["--stdout", &format!("{with_password}/latin")]);
    assert!(fetched.status.success(), "{}", stderr(&fetched));
    let document = stdout(&fetched);
    assert!(!document.contains("hunter2") && !document.contains("editor"), "{document}");
    let source = parsed(&document).0.source.expect("a source");
    assert_eq!(source.url, Some(format!("{base}/latin")));
    assert_eq!(source.name, base.trim_start_matches("http://"), "the host alone names the source");

    // The address a saved page declares itself, and one given with --url.
    let outside = outside();
    let saved = outside.path().join("saved.html");
    fs::write(
        &saved,
        fs::read_to_string(page("sundial-exports-en.html")).unwrap().replacen(
            "<head>",
            "<head><link rel=\"canonical\" href=\"https://editor:hunter2@News.Example/sundial\">",
            1,
        ),
    )
    .unwrap();
    let written = import(site.path(), &[&saved.display().to_string()]);
    assert!(written.status.success(), "{}", stderr(&written));
    let given = import(
        site.path(),
        &["--stdout", "--url", "http://editor:hunter2@wire.example/a", &page(ENGLISH_TEXT).display().to_string()],
    );
    assert!(given.status.success(), "{}", stderr(&given));
    assert!(!stdout(&given).contains("hunter2"), "{}", stdout(&given));
    let mut report = String::new();
    for (path, bytes) in tree(&site.path().join("content/articles")) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("hunter2"), "{path}: {text}");
        let front = text.split("\n---\n").next().unwrap();
        report.push_str(&format!("## {path}\n{front}\n---\n"));
    }
    report.push_str(&format!("## --url\n{}\n", parsed(&stdout(&given)).0.source.unwrap().url.unwrap()));
    insta::assert_snapshot!("credentials-never-published", report);
    assert!(build(site.path(), &[]).status.success());
}

/// An HTML page of the bilingual site's one topic, with `lang`, a publication date, a
/// title and a body.
fn harbour_page(lang: &str, date: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"{date}\"></head><body><article><h1>{title}</h1>\
         <p>{body} The port authority said on Monday that the new quay would open to container ships next spring.</p>\
         <p>Dredging of the channel has been delayed twice by the weather and by a dispute over the contract.</p>\
         </article></body></html>"
    )
}

#[test]
fn what_import_writes_the_build_accepts_or_import_refuses() {
    let site = site_copy("sites/bilingual");
    let outside = outside();
    let pages = outside.path();
    let cases = [
        (
            "lang-not-a-tag.html",
            harbour_page("1$", "2025-03-04T09:00:00Z", "Harbour quay opens in spring", "Norvale said it would bid."),
            vec![],
        ),
        (
            "regional-lang.html",
            harbour_page("en", "2025-03-05T09:00:00Z", "Port dredging resumes after delay", "Work resumed."),
            vec!["--lang", "fr_FR"],
        ),
        (
            "upper-case-scheme.html",
            harbour_page("en", "2025-03-06T09:00:00Z", "Quay contract signed at last", "Signed."),
            vec!["--url", "HTTP://Port.Example/quay"],
        ),
        (
            "control-characters.html",
            harbour_page(
                "en",
                "2025-03-07T09:00:00Z",
                "Tug\u{7} fleet grows\u{1b}[31m by two",
                "Two tugs&#7; arrived.\u{0}\u{b}",
            ),
            vec![],
        ),
        ("year-1850.html", harbour_page("en", "1850-06-01T09:00:00Z", "Harbour founded long ago", "History."), vec![]),
        (
            "unlisted-lang.html",
            harbour_page("en", "2025-03-08T09:00:00Z", "Pilots strike for a day", "Pilots struck."),
            vec!["--lang", "de_AT"],
        ),
    ];
    let mut report = String::new();
    for (name, html, flags) in cases {
        let file = pages.join(name);
        fs::write(&file, html).unwrap();
        let mut args = vec!["--topic", "ports"];
        args.extend(flags);
        let file = file.display().to_string();
        args.push(&file);
        let before = tree(site.path());
        let output = import(site.path(), &args);
        let stderr = stderr(&output).replace(&pages.display().to_string(), "[OUTSIDE]");
        if output.status.success() {
            let line = stdout(&output);
            let written = line.rsplit(" -> ").next().unwrap().trim();
            let document = read(written);
            let (front, body) = parsed(&document);
            assert!(!document.contains(|c: char| c.is_control() && !matches!(c, '\n' | '\t')), "{name}: {document:?}");
            assert!(!body.contains("&#7;"), "{name}: {body}");
            report.push_str(&format!(
                "## {name}: written\nlang: {:?}\nurl: {:?}\ntitle: {}\n",
                front.lang,
                front.source.and_then(|s| s.url),
                front.title
            ));
        } else {
            assert_eq!(output.status.code(), Some(1), "{name}");
            assert_eq!(before, tree(site.path()), "{name}: the site changed");
            report.push_str(&format!("## {name}: refused\n{stderr}"));
        }
    }
    insta::assert_snapshot!("what-import-writes-builds", report);
    let built = build(site.path(), &[]);
    assert!(built.status.success(), "{}", stderr(&built));
}

#[test]
fn translation_of_takes_only_an_article_in_another_language_of_the_site() {
    let site = site_copy("sites/bilingual");
    let outside = outside();
    let french = fixture("import/pages/norvale-shenzhen-fr.txt").display().to_string();
    let mut report = String::new();
    let outside_file = outside.path().join("notes.md").display().to_string();
    for (original, lang) in [
        ("content/topics/ports.md", "fr"),
        ("site.yaml", "fr"),
        ("content/entities.yaml", "fr"),
        (outside_file.as_str(), "fr"),
        ("content/articles/dredging.md", "en"),
        ("content/articles/quai-est.md", "FR"),
        ("content/articles/dredging.md", "de"),
        // Its story already has a French version, paired by `translation_key:`.
        ("content/articles/harbour-deal.md", "fr"),
    ] {
        let args = ["--topic", "ports", "--lang", lang, "--translation-of", original, &french];
        let message = refused(site.path(), outside.path(), &args).replace(&french, "[PAGE]");
        report.push_str(&format!(
            "## {} --lang {lang}\n{message}\n",
            original.replace(&outside_file, "[OUTSIDE]/notes.md")
        ));
    }
    insta::assert_snapshot!("translation-of-refusals", report);

    // An original with its own `translation_key:` pairs with its translation by that key.
    let keyed = "---\ntitle: \"Harbour story\"\ndate: 2025-02-01\nsummary: \"S\"\ntopics: [ports]\ntranslation_key: harbour-story\n---\nText.\n";
    fs::write(site.path().join("content/articles/keyed.md"), keyed).unwrap();
    let output = import(
        site.path(),
        &["--topic", "ports", "--lang", "fr", "--translation-of", "content/articles/keyed.md", &french],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let written = read(site.path().join("content/articles/keyed.fr.md"));
    assert!(written.contains("\ntranslation_key: harbour-story\n"), "{written}");
    let built = build(site.path(), &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let english = read(site.path().join("public/articles/keyed/index.html"));
    assert!(english.contains("hreflang=\"fr\""), "the versions are paired: {english}");
}

#[test]
fn fetched_bodies_are_decoded_as_browsers_do_or_named() {
    let base = serve();
    let site = import_site();
    for route in ["/bom", "/charset-in-text"] {
        let output = import(site.path(), &["--stdout", &format!("{base}{route}")]);
        assert!(output.status.success(), "{route}: {}", stderr(&output));
        let (_, body) = parsed(&stdout(&output));
        assert!(body.contains("Les équipes seront redéployées à Austin d’ici la fin de l’année"), "{route}: {body}");
    }
    let outside = outside();
    let message = refused(site.path(), outside.path(), &[&format!("{base}/gzip")]).replace(&base, "[BASE]");
    insta::assert_snapshot!("compressed-body", message);
}

#[test]
fn timeouts_that_round_to_nothing_are_usage_errors() {
    let site = import_site();
    for bad in ["1e-300", "0.0000001", "NaN", "inf", "-0"] {
        let output = import(site.path(), &[&format!("--timeout={bad}"), "x.txt"]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&output).contains(&format!("`{bad}` is not a number of seconds between 0.001 and 3600")),
            "{bad}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn stdin_and_files_have_the_size_limit_of_a_fetched_page() {
    let site = import_site();
    let outside = outside();
    let huge = outside.path().join("huge.txt");
    let text = "Export controls tightened again this week. ".repeat(9 * 1024 * 1024 / 43 + 1);
    fs::write(&huge, &text).unwrap();
    let message = refused(site.path(), outside.path(), &[&huge.display().to_string()]);
    let stdin = briefing().args(["import", "--root"]).arg(site.path()).arg("-").write_stdin(text).output().unwrap();
    assert_eq!(stdin.status.code(), Some(1));
    insta::assert_snapshot!("input-size-limit", format!("{message}{}", stderr(&stdin)));
}
