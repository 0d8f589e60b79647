//! The search page of the example site in headless Chromium: results after scripts ran,
//! facets from the URL, and the page without JavaScript.
//!
//! A test target of its own (`cargo test --test browser`), which the plain `cargo test`
//! and so `.ci/run` run too. Needs `chromium` on the PATH (`apt-get install chromium`;
//! `.ci/run` installs it). Without it the tests pass with a note on a developer's machine,
//! so that `cargo test` needs only Rust, and fail under CI (`CI` set), which must run them.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::http;
use common::*;

/// Serves the files under `root` for as long as the test process lives; returns the base
/// URL. With `scripts` false, pages forbid every script (Content-Security-Policy), as a
/// browser without JavaScript would run none; Chromium's `--dump-dom` itself needs
/// JavaScript on.
fn serve(root: PathBuf, scripts: bool) -> String {
    http::serve(move |target| {
        let answer = http::file_answer(&root, target);
        if scripts { answer } else { answer.header("Content-Security-Policy: script-src 'none'") }
    })
}

/// The example site of this repository, built for and served at a local address.
fn served_example(scripts: bool) -> (tempfile::TempDir, String) {
    served_example_with(scripts, |_| {})
}

/// The same, letting `prepare` add files to the built site before it is served.
fn served_example_with(scripts: bool, prepare: impl FnOnce(&Path)) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    // Files are read as they are asked for, so the server may start before the build.
    let base = serve(public.clone(), scripts);
    let output = build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["--output", public.to_str().unwrap(), "--base-url", &format!("{base}/")],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    prepare(&public);
    (out, base)
}

/// The DOM of `url` after its scripts ran.
fn dump_dom(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut command = Command::new("chromium");
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--virtual-time-budget=10000",
    ]);
    command.arg(format!("--user-data-dir={}", profile.path().display()));
    let output =
        command.arg("--dump-dom").arg(url).output().expect("chromium runs (install it: apt-get install chromium)");
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Whether Chromium is there to drive; see the module's note.
fn chromium_present() -> bool {
    let found = Command::new("chromium").arg("--version").output().is_ok_and(|output| output.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "chromium is not installed: .ci/run installs it");
        eprintln!("note: chromium is not installed; browser test skipped (apt-get install chromium)");
    }
    found
}

/// The text between `<tag ... id="id"...>` and the next `</tag>`.
fn element<'h>(html: &'h str, id: &str, tag: &str) -> &'h str {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in {html}"));
    let end = html[start..].find(&format!("</{tag}>")).map_or(html.len(), |end| start + end);
    &html[start..end]
}

#[test]
fn search_finds_a_word_of_an_article_body_and_narrows_it_by_facet() {
    if !chromium_present() {
        return;
    }
    let (_site, base) = served_example(true);
    let search = |query: &str| dump_dom(&format!("{base}/search/?{query}"));

    // "parliament" is in the body of one article only (its French version says "Parlement"), not in any title or summary.
    let html = search("q=parliament");
    assert!(element(&html, "search-status", "p").ends_with(">1 article"), "{}", element(&html, "search-status", "p"));
    let results = element(&html, "search-results", "ol");
    assert!(results.contains("href=\"/articles/netherlands-duv-export-rules/\""), "{results}");
    assert!(results.contains("<mark>"), "the excerpt highlights the word: {results}");

    // A facet from the URL keeps the result when it fits, and drops it when it does not.
    let html = search("q=parliament&year=2023&region=netherlands");
    assert!(element(&html, "search-results", "ol").contains("/articles/netherlands-duv-export-rules/"));
    let html = search("q=parliament&lang=fr");
    assert!(element(&html, "search-status", "p").ends_with(">No briefing matches."), "{html}");
    assert!(!element(&html, "search-results", "ol").contains("<li"));

    // A facet alone lists its articles.
    let html = search("lang=fr&year=2023");
    let results = element(&html, "search-results", "ol");
    assert!(results.contains("/articles/chine-controle-gallium-germanium/"), "{results}");
    assert!(!results.contains("/articles/netherlands-duv-export-rules/"), "{results}");
}

#[test]
fn without_javascript_the_search_page_links_to_the_archive() {
    if !chromium_present() {
        return;
    }
    let (_site, base) = served_example(false);
    let html = dump_dom(&format!("{base}/search/?q=parliament"));
    // The form, useless without the script, stays hidden; the notice links to the archive.
    assert!(
        html.contains("<form class=\"search-form\" role=\"search\" action=\"/search/\" method=\"get\" hidden"),
        "{html}"
    );
    let notice = &html[html.find("<noscript>").expect("a noscript notice")..];
    let notice = &notice[..notice.find("</noscript>").unwrap()];
    assert!(notice.contains("href=\"/archive/\""), "{notice}");
    assert!(element(&html, "search-status", "p").ends_with("aria-live=\"polite\">"), "no script ran: {html}");
}

#[test]
fn with_javascript_the_search_form_is_shown() {
    if !chromium_present() {
        return;
    }
    let (_site, base) = served_example(true);
    let html = dump_dom(&format!("{base}/search/"));
    assert!(html.contains("<form class=\"search-form\" role=\"search\" action=\"/search/\" method=\"get\">"), "{html}");
}

/// Drives the search page as a reader would: submits a query, picks a facet, goes back;
/// after each step it logs the address, the status line, the results and the facet.
const DRIVER: &str = r#"<script>
window.addEventListener("load", function () {
  var input = document.getElementById("search-input"), lang = document.getElementById("facet-lang");
  var status = document.getElementById("search-status"), list = document.getElementById("search-results");
  var log = [];
  function settled(then) {
    var tries = 0;
    (function poll() {
      var text = status.textContent;
      var done = /^No /.test(text) || (/^\d+ /.test(text) && list.children.length);
      if (done || tries++ > 400) then(); else setTimeout(poll, 25);
    })();
  }
  function record(step) {
    var links = Array.prototype.map.call(list.querySelectorAll("a"), function (a) { return a.getAttribute("href"); });
    log.push([step, location.search, status.textContent, links.join(","), lang.value].join("|"));
    status.textContent = "";
  }
  input.value = "parliament";
  input.form.requestSubmit();
  settled(function () {
    record("submit");
    lang.value = "fr";
    lang.dispatchEvent(new Event("change"));
    settled(function () {
      record("facet");
      history.back();
      settled(function () { record("back"); document.body.setAttribute("data-log", log.join(" ~ ")); });
    });
  });
});
</script>"#;

#[test]
fn a_submitted_query_and_a_chosen_facet_go_into_the_address_and_back_returns() {
    if !chromium_present() {
        return;
    }
    let (_site, base) = served_example_with(true, |public| {
        let page = read(public.join("search/index.html"));
        std::fs::write(public.join("search/drive.html"), page.replace("</body>", &format!("{DRIVER}</body>"))).unwrap();
    });
    let html = dump_dom(&format!("{base}/search/drive.html"));
    let start = html.find("data-log=\"").expect("the driver finished") + "data-log=\"".len();
    let log: Vec<&str> = html[start..start + html[start..].find('"').unwrap()].split(" ~ ").collect();
    let article = "/articles/netherlands-duv-export-rules/";
    assert_eq!(
        log,
        [
            format!("submit|?q=parliament|1 article|{article}|"),
            "facet|?q=parliament&amp;lang=fr|No briefing matches.||fr".to_owned(),
            format!("back|?q=parliament|1 article|{article}|"),
        ]
    );
}

#[test]
fn a_story_in_two_languages_is_one_result_in_the_page_language() {
    if !chromium_present() {
        return;
    }
    // The same search page as a French reader would have it.
    let (_site, base) = served_example_with(true, |public| {
        let page = read(public.join("search/index.html"));
        assert!(page.contains("<html lang=\"en\"") && page.contains("data-lang=\"en\""), "{page}");
        let french =
            page.replace("<html lang=\"en\"", "<html lang=\"fr\"").replace("data-lang=\"en\"", "data-lang=\"fr\"");
        std::fs::write(public.join("search/fr.html"), french).unwrap();
    });
    let search = |page: &str, query: &str| dump_dom(&format!("{base}/search/{page}?{query}"));
    let (english, french) = ("/articles/aws-shanghai-ai-lab-closure/", "/articles/amazon-shanghai-ai-lab/");

    // "shanghai" is in both versions of one story, and in no other article.
    let html = search("", "q=shanghai");
    assert!(element(&html, "search-status", "p").ends_with(">1 article"), "{}", element(&html, "search-status", "p"));
    let results = element(&html, "search-results", "ol");
    assert!(results.contains(english) && !results.contains(french), "{results}");
    assert!(!results.contains("lang-badge"), "{results}");

    let html = search("fr.html", "q=shanghai");
    let results = element(&html, "search-results", "ol");
    assert_eq!(results.matches("<li").count(), 1, "{results}");
    assert!(results.contains(french) && !results.contains(english), "{results}");
    assert!(!results.contains("lang-badge"), "{results}");

    // Only the French version is in French: shown in English pages with its language.
    let html = search("", "q=shanghai&lang=fr");
    let results = element(&html, "search-results", "ol");
    assert!(results.contains(french) && !results.contains(english), "{results}");
    assert!(results.contains("hreflang=\"fr\""), "{results}");
    assert!(results.contains("<span class=\"lang-badge\">FR</span>"), "{results}");
}

/// Searches each query of `QUERIES` in turn, as a reader would submit it, and logs
/// whether the results link to `ARTICLE`.
const FOLD_DRIVER: &str = r#"<script>
window.addEventListener("load", function () {
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status"), list = document.getElementById("search-results");
  var queries = QUERIES, log = [];
  function settled(then) {
    var tries = 0;
    (function poll() {
      var text = status.textContent;
      var done = /^No /.test(text) || (/^\d+ /.test(text) && list.children.length);
      if (done || tries++ > 400) then(); else setTimeout(poll, 25);
    })();
  }
  (function next(i) {
    if (i === queries.length) { document.body.setAttribute("data-log", log.join(" ~ ")); return; }
    input.value = queries[i];
    input.form.requestSubmit();
    settled(function () {
      var found = !!list.querySelector('a[href="ARTICLE"]');
      log.push(queries[i] + "=" + (found ? "found" : "missing"));
      status.textContent = "";
      next(i + 1);
    });
  })(0);
});
</script>"#;

#[test]
fn search_finds_the_words_of_the_shared_fold_table_as_written_and_as_folded() {
    if !chromium_present() {
        return;
    }
    // The lines the index's fold is unit-tested on (src/search/fold.rs).
    let table = read(fixture("search-fold.tsv"));
    let rows: Vec<(&str, &str)> = table
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split_once('\t').expect("written<TAB>folded"))
        .collect();
    let body: Vec<&str> = rows.iter().map(|(written, _)| *written).collect();
    // The words are in the title too, so that the article comes first among the results of
    // a word other articles have as well (the French name of the United States tags many).
    let article = format!(
        "---\ntitle: \"Places and names: {list}\"\ndate: 2024-01-05\nsummary: \"A list.\"\ntopics: [export-controls]\n---\n{list}.\n",
        list = body.join(", ")
    );
    let site = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["content", "templates", "static"] {
        copy_tree(&example.join(folder), &site.path().join(folder));
    }
    std::fs::copy(example.join("site.yaml"), site.path().join("site.yaml")).unwrap();
    std::fs::write(site.path().join("content/articles/places-and-names.md"), article).unwrap();

    let public = site.path().join("public");
    let base = serve(public.clone(), true);
    let output = build(site.path(), &["--base-url", &format!("{base}/")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let queries: Vec<&str> = rows.iter().flat_map(|(written, folded)| [*written, *folded]).collect();
    let driver = FOLD_DRIVER
        .replace("QUERIES", &serde_json::to_string(&queries).unwrap())
        .replace("ARTICLE", "/articles/places-and-names/");
    let page = read(public.join("search/index.html"));
    std::fs::write(public.join("search/drive.html"), page.replace("</body>", &format!("{driver}</body>"))).unwrap();

    let html = dump_dom(&format!("{base}/search/drive.html"));
    let start = html.find("data-log=\"").expect("the driver finished") + "data-log=\"".len();
    let log: Vec<&str> = html[start..start + html[start..].find('"').unwrap()].split(" ~ ").collect();
    let expected: Vec<String> = queries.iter().map(|query| format!("{query}=found")).collect();
    assert_eq!(log, expected);
}

/// The hrefs of the results of a search page's DOM, in order.
fn result_links(html: &str) -> Vec<String> {
    let results = element(html, "search-results", "ol");
    links(results).into_iter().filter(|href| href.starts_with("/articles/") || href.starts_with("/fr/")).collect()
}

#[test]
fn british_and_american_spellings_find_the_same_stories() {
    if !chromium_present() {
        return;
    }
    let (_site, base) = served_example(true);
    let search = |query: &str| result_links(&dump_dom(&format!("{base}/search/?q={query}")));
    let licence = search("licence");
    assert!(licence.len() > 1, "{licence:?}");
    assert_eq!(search("license"), licence);
    assert_eq!(search("licences"), search("licenses"));
}

/// Searches each query of `QUERIES` in turn and logs the results' addresses.
const RESULTS_DRIVER: &str = r#"<script>
window.addEventListener("load", function () {
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status"), list = document.getElementById("search-results");
  var queries = QUERIES, log = [];
  function settled(then) {
    var tries = 0;
    (function poll() {
      var text = status.textContent;
      var done = /^No /.test(text) || (/^\d+ /.test(text) && list.children.length);
      if (done || tries++ > 400) then(); else setTimeout(poll, 25);
    })();
  }
  (function next(i) {
    if (i === queries.length) { document.body.setAttribute("data-log", log.join(" ~ ")); return; }
    input.value = queries[i];
    input.form.requestSubmit();
    settled(function () {
      var links = Array.prototype.map.call(list.querySelectorAll(".search-result-title a"), function (a) {
        return a.getAttribute("href");
      });
      log.push(queries[i] + "=" + links.join(","));
      status.textContent = "";
      next(i + 1);
    });
  })(0);
});
</script>"#;

#[test]
fn entity_aliases_and_russian_greek_and_chinese_words_find_their_articles() {
    if !chromium_present() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["content", "templates", "static", "i18n"] {
        copy_tree(&example.join(folder), &site.path().join(folder));
    }
    std::fs::copy(example.join("site.yaml"), site.path().join("site.yaml")).unwrap();
    let entities = read(site.path().join("content/entities.yaml"));
    let entities = entities.replacen(
        "organizations:\n",
        "organizations:\n  Zentrix Microsystems:\n    aliases: [Kestrelwing]\n",
        1,
    );
    std::fs::write(site.path().join("content/entities.yaml"), entities).unwrap();
    let articles = [
        ("zentrix", "organizations: [Zentrix Microsystems]", "A maker of sensors was named in a filing."),
        ("moscow", "", "Поставки полупроводников выросли, сообщили в Москве."),
        ("athens", "", "Η αγορά ημιαγωγών στην Αθήνα μεγαλώνει."),
        ("shenzhen", "", "深圳的半导体企业扩大了产能。"),
    ];
    for (slug, front, body) in articles {
        let text = format!(
            "---\ntitle: \"Probe {slug}\"\ndate: 2024-01-05\nsummary: \"A note.\"\ntopics: [export-controls]\n{front}\n---\n{body}\n"
        );
        std::fs::write(site.path().join(format!("content/articles/{slug}.md")), text).unwrap();
    }
    let public = site.path().join("public");
    let base = serve(public.clone(), true);
    let output = build(site.path(), &["--base-url", &format!("{base}/")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let queries = ["Kestrelwing", "Zentrix", "полупроводников", "ημιαγωγών", "半导体"];
    let driver = RESULTS_DRIVER.replace("QUERIES", &serde_json::to_string(&queries).unwrap());
    let page = read(public.join("search/index.html"));
    std::fs::write(public.join("search/drive.html"), page.replace("</body>", &format!("{driver}</body>"))).unwrap();

    let html = dump_dom(&format!("{base}/search/drive.html"));
    let start = html.find("data-log=\"").expect("the driver finished") + "data-log=\"".len();
    let log: Vec<&str> = html[start..start + html[start..].find('"').unwrap()].split(" ~ ").collect();
    assert_eq!(
        log,
        [
            "Kestrelwing=/articles/zentrix/",
            "Zentrix=/articles/zentrix/",
            "полупроводников=/articles/moscow/",
            "ημιαγωγών=/articles/athens/",
            "半导体=/articles/shenzhen/",
        ]
    );
}

#[test]
fn the_query_goes_along_when_the_reader_switches_language() {
    if !chromium_present() {
        return;
    }
    let (_site, base) = served_example(true);
    let html = dump_dom(&format!("{base}/search/?q=parliament&sort=new"));
    let at = html.find("class=\"language-switcher\"").expect("the search page has a language switcher");
    let switcher = &html[at..at + html[at..].find("</nav>").unwrap()];
    assert!(switcher.contains("href=\"/fr/search/?q=parliament&amp;sort=new\""), "{switcher}");
    let french = dump_dom(&format!("{base}/fr/search/?q=parliament&sort=new"));
    assert!(
        element(&french, "search-status", "p").ends_with(">1 article"),
        "{}",
        element(&french, "search-status", "p")
    );
}

/// The text of the `<option value="value">` of the select `#facet-key`, with its
/// attributes.
fn facet_option(html: &str, key: &str, value: &str) -> String {
    let select = element(html, &format!("facet-{key}"), "select");
    let start = select.find(&format!("<option value=\"{value}\"")).unwrap_or_else(|| panic!("no {value} in {select}"));
    let end = select[start..].find("</option>").unwrap() + start;
    select[start..end].to_owned()
}

#[test]
fn facet_counts_follow_the_query_and_the_other_facets() {
    if !chromium_present() {
        return;
    }
    let (_site, base) = served_example(true);
    let search = |query: &str| dump_dom(&format!("{base}/search/?{query}"));

    // Without a query, each value counts the whole site's stories.
    let html = search("");
    let whole = facet_option(&html, "region", "netherlands");
    assert!(!whole.ends_with("(1)"), "the site has several Netherlands stories: {whole}");

    // "parliament" is in one story, from 2023, about the Netherlands.
    let html = search("q=parliament");
    assert!(facet_option(&html, "year", "2023").ends_with(">2023 (1)"), "{html}");
    assert!(facet_option(&html, "region", "netherlands").ends_with("(1)"), "{html}");
    let other_year = facet_option(&html, "year", "2025");
    assert!(other_year.ends_with("(0)") && other_year.contains("disabled"), "{other_year}");

    // A chosen facet narrows the counts of the others, not its own.
    let html = search("q=parliament&year=2025");
    assert!(facet_option(&html, "year", "2023").ends_with(">2023 (1)"), "{html}");
    assert!(facet_option(&html, "region", "netherlands").ends_with("(0)"), "{html}");
    let chosen = facet_option(&html, "year", "2025");
    assert!(!chosen.contains("disabled"), "the chosen value stays choosable: {chosen}");
}
