//! `briefing build` on small fixture sites, through the real binary.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use crate::common::*;

fn built_basic() -> SiteTest {
    let site = SiteTest::fixture("sites/basic");
    site.build().succeeds();
    site
}

#[test]
fn prints_one_summary_line() {
    let printed = SiteTest::fixture("sites/basic").build().succeeds().stdout();
    let (line, left_out) = printed.split_once('\n').unwrap();
    // A second line says what the build left out, when it left something out.
    assert_eq!(left_out, "1 draft and 1 scheduled article left out (use --drafts / --future; -v lists them)\n");
    assert!(line.starts_with("Built "), "{line}");
    assert!(line.contains("pages (3 articles, 2 topics) in "), "{line}");
    assert!(line.contains(" ms -> "), "{line}");
}

#[test]
fn writes_every_kind_of_page() {
    let site = built_basic();
    let public = site.path("public");
    for page in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "search-index.json",
        "search/index.html",
        "archive/index.html",
        "topics/index.html",
        "topics/lab-closures/index.html",
        "topics/lab-closures/feed.xml",
        "articles/northwind-closes-lab/index.html",
        "tags/index.html",
        "tags/ai-research/index.html",
        "organizations/index.html",
        "organizations/northwind-labs/index.html",
        "regions/examplestan/index.html",
        "style.css",
        "search.js",
        ".briefing-output",
    ] {
        assert!(public.join(page).is_file(), "missing {page}");
    }
    assert!(!public.join("articles/draft-note").exists(), "drafts are left out by default");
}

#[test]
fn article_page_shows_dates_terms_source_and_neighbours() {
    let site = built_basic();
    let html = site.public("articles/northwind-closes-lab/index.html");
    for expected in [
        "Northwind closes its Example City lab",
        "25 July 2025",
        "26 July 2025",
        "datetime=\"2025-07-25T08:44:00+02:00\"",
        "href=\"/briefing/topics/lab-closures/\"",
        "href=\"/briefing/tags/layoffs/\"",
        "href=\"/briefing/organizations/northwind-labs/\"",
        "href=\"/briefing/regions/examplestan/\"",
        "Example Wire",
        "href=\"https://wire.example.org/northwind\"",
        "min read",
        "id=\"background\"",
        "id=\"fn-1\"",
        "<table>",
        "href=\"/briefing/articles/fermeture-exemple/\"",
    ] {
        assert!(html.contains(expected), "article page lacks {expected:?}");
    }
}

#[test]
fn french_article_has_french_language_and_dates() {
    let site = built_basic();
    let html = site.public("articles/fermeture-exemple/index.html");
    assert!(html.contains("<html lang=\"fr\""), "lang attribute");
    assert!(html.contains("1er août 2025"), "French date");
    assert!(html.contains("Publié le") || html.contains("Publié"), "French labels");
}

#[test]
fn aliases_fold_into_one_entity_page() {
    let site = built_basic();
    let page = site.public("organizations/northwind-labs/index.html");
    assert!(page.contains("Northwind closes its Example City lab"), "article tagged NWL");
    assert!(page.contains("Northwind ferme un second site"), "article tagged Northwind Labs");
    assert!(page.contains("A fictional research company used in tests."), "entity description");
    // The alias has no page of its own: its address leads to the entity's.
    let alias = site.public("organizations/nwl/index.html");
    assert!(alias.contains("<meta http-equiv=\"refresh\""), "{alias}");
    assert!(alias.contains("/organizations/northwind-labs/\">"), "{alias}");
    assert!(!alias.contains("Northwind closes"), "{alias}");
    let regions = site.public("regions/index.html");
    assert!(regions.contains("Examplestan"), "{regions}");
    assert!(!regions.contains("Exemplestan"), "alias folded");
}

#[test]
fn topic_page_is_a_timeline_with_intro_and_feed() {
    let site = built_basic();
    let html = site.public("topics/lab-closures/index.html");
    assert!(html.contains("<strong>close</strong>"), "Markdown intro");
    assert!(html.contains("2025"), "year group");
    assert!(html.contains("August") && html.contains("July"), "month groups");
    assert!(html.find("Northwind ferme").unwrap() < html.find("Northwind closes").unwrap(), "newest first");
    assert!(html.contains("/briefing/topics/lab-closures/feed.xml"), "feed link");
}

#[test]
fn every_internal_link_honours_the_base_path_and_resolves() {
    let site = built_basic();
    let public = site.path("public");
    for (path, bytes) in tree(&public) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links(&html) {
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            assert!(link.starts_with("/briefing/"), "{path}: link {link} ignores the base path");
            let target = link.trim_start_matches("/briefing/").split(['#', '?']).next().unwrap().to_owned();
            let file = if target.is_empty() || target.ends_with('/') { format!("{target}index.html") } else { target };
            assert!(public.join(&file).exists(), "{path}: broken link {link}");
        }
    }
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = SiteTest::fixture("sites/basic");
    site.run(["build", "--base-url", "https://preview.example.net/"]).succeeds();
    let html = site.public("index.html");
    assert!(html.contains("href=\"/topics/\""), "root base path");
    assert!(!html.contains("/briefing/"), "old base path gone");
    let feed = site.public("feed.xml");
    assert!(feed.contains("https://preview.example.net/articles/"), "absolute links use the new base");
}

#[test]
fn feeds_are_atom_with_absolute_links_and_rfc3339_dates() {
    let site = built_basic();
    let feed = site.public("feed.xml");
    assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"), "{}", &feed[..60]);
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(feed.matches("<entry").count(), 2, "feed_limit is 2");
    assert!(feed.contains("<updated>2025-08-01T00:00:00+00:00</updated>"));
    assert!(feed.contains("https://example.org/briefing/articles/fermeture-exemple/"));
    let topic_feed = site.public("topics/export-rules/feed.xml");
    assert!(topic_feed.contains("https://example.org/briefing/articles/export-rule/"));
    assert!(!topic_feed.contains("fermeture-exemple"), "only the topic's articles");
}

#[test]
fn sitemap_lists_pages_with_lastmod_and_robots_points_to_it() {
    let site = built_basic();
    let sitemap = site.public("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/briefing/articles/northwind-closes-lab/</loc>"));
    assert!(sitemap.contains("<lastmod>2025-07-26T00:00:00+00:00</lastmod>"), "updated date");
    assert!(!sitemap.contains("404"), "404 is not in the sitemap");
    let robots = site.public("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/briefing/sitemap.xml"), "{robots}");
}

#[test]
fn search_index_holds_documents_and_facets() {
    let site = built_basic();
    let public = site.path("public");
    let manifest: serde_json::Value = serde_json::from_str(&read(public.join("search-index.json"))).unwrap();
    assert_eq!(manifest["count"], 3);
    assert_eq!(manifest["base"], "/briefing/search/");
    let organizations = manifest["facets"].as_array().unwrap().iter().find(|f| f["key"] == "organization").unwrap();
    assert!(organizations["values"].as_array().unwrap().iter().any(|v| v[1] == "Northwind Labs"), "{organizations}");
    let docs: serde_json::Value = serde_json::from_str(&read(public.join("search/d/0.json"))).unwrap();
    assert_eq!(docs.as_array().unwrap().len(), 3);
    assert_eq!(docs[0]["t"], "Northwind ferme un second site");
    assert_eq!(docs[0]["u"], "/briefing/articles/fermeture-exemple/");
    assert!(public.join("search/f/organization/northwind-labs.json").is_file());
}

#[test]
fn a_site_without_search_has_no_search_page_index_or_link() {
    let site = SiteTest::fixture("sites/basic");
    let config = site.read("site.yaml") + "search: false\n";
    let site = site.file("site.yaml", config);
    site.build().succeeds();
    let public = site.path("public");
    assert!(!public.join("search-index.json").exists());
    assert!(!public.join("search").exists());
    let scripts: Vec<String> =
        tree(&public).into_iter().map(|(path, _)| path).filter(|path| path.starts_with("search.")).collect();
    assert!(scripts.is_empty(), "no search script: {scripts:?}");
    assert!(public.join("articles/northwind-closes-lab/index.html").is_file());
    let home = read(public.join("index.html"));
    assert!(!home.contains("/briefing/search/"), "no link to a search page: {home}");
    assert!(read(public.join("archive/index.html")).contains("/briefing/archive/"));
    assert!(!read(public.join("404.html")).contains("/search/"));
    assert!(!read(public.join("sitemap.xml")).contains("/search/"));
    // With search, the same pages link to it.
    let site = built_basic();
    assert!(site.public("index.html").contains("/briefing/search/"));
    assert!(site.public("sitemap.xml").contains("/briefing/search/"));
}

#[test]
fn hostile_markup_is_inert_everywhere() {
    let site = built_basic();
    let public = site.path("public");
    let article = read(public.join("articles/northwind-closes-lab/index.html"));
    assert!(!article.contains("alert(\"no\")"), "raw script removed");
    assert!(!article.contains("javascript:"), "javascript: URL removed");
    assert!(!article.contains("onclick"), "event handler removed");
    for (path, bytes) in tree(&public) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("</title><script>"), "{path} lets a title close <title>");
        assert!(!text.contains("<script>alert(1)"), "{path} has an unescaped script from a title");
    }
    let feed = read(public.join("topics/export-rules/feed.xml"));
    assert!(feed.contains("&lt;/title&gt;&lt;script&gt;"), "escaped in Atom");
}

#[test]
fn drafts_are_built_on_request() {
    let site = SiteTest::fixture("sites/basic");
    site.run(["build", "--drafts"]).succeeds().stdout_has("(4 articles, 2 topics)");
    assert!(site.path("public/articles/draft-note/index.html").is_file());
}

#[test]
fn future_articles_wait_unless_asked() {
    let site = SiteTest::fixture("sites/basic");
    site.build().succeeds();
    assert!(!site.path("public/articles/scheduled").exists());
    assert!(!site.public("feed.xml").contains("scheduled"));
    site.run(["build", "--future"]).succeeds();
    assert!(site.path("public/articles/scheduled/index.html").is_file());
}

#[test]
fn builds_are_deterministic() {
    let site = SiteTest::fixture("sites/basic");
    site.build().succeeds();
    let first = tree(&site.path("public"));
    site.build().succeeds();
    assert_eq!(first, tree(&site.path("public")));
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = built_basic();
    let before = tree(&site.path("public"));
    let site = site.file("content/articles/2025/broken.md", "---\ntitle: [unclosed\n---\n");
    site.build().fails();
    assert_eq!(before, tree(&site.path("public")));
    let siblings: Vec<String> =
        fs::read_dir(site.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!siblings.iter().any(|name| name.contains(".tmp-")), "temporary output removed: {siblings:?}");
}

#[test]
fn every_content_error_is_reported_with_its_location() {
    SiteTest::fixture("sites/basic")
        .file("content/articles/2025/a.md", "---\ntitle: A\ndate: 2025-01-01\ntopics: [lab-closure]\n---\n")
        .file("content/articles/2025/b.md", "---\ntittle: B\ndate: 2025-01-01\ntopics: [lab-closures]\n---\n")
        .build()
        .fails()
        .stderr_has("content/articles/2025/a.md:4:10: unknown topic `lab-closure`")
        .stderr_has("did you mean `lab-closures`?")
        .stderr_has("content/articles/2025/b.md:2:1: unknown field `tittle`; did you mean `title`?");
}

#[test]
fn refuses_an_output_inside_the_sources_or_not_made_by_briefing() {
    let site = SiteTest::fixture("sites/basic");
    let inside = site.path("content/out");
    site.run([OsStr::new("build"), OsStr::new("--output"), inside.as_os_str()])
        .fails()
        .stderr_has("inside the site's `content/` directory");
    assert!(!inside.exists());

    let site = site.file("docs/keep.txt", "precious");
    let foreign = site.path("docs");
    site.run([OsStr::new("build"), OsStr::new("--output"), foreign.as_os_str()])
        .fails()
        .stderr_has("was not made by briefing");
    assert_eq!(site.read("docs/keep.txt"), "precious");
}

#[test]
fn usage_errors_exit_with_2() {
    let output = briefing().args(["build", "--no-such-flag"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = briefing().output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn help_and_version_describe_the_commands() {
    let help = stdout(&briefing().arg("--help").output().unwrap());
    for command in ["build", "init"] {
        assert!(help.contains(command), "{help}");
    }
    let version = stdout(&briefing().arg("--version").output().unwrap());
    assert!(version.starts_with("briefing "), "{version}");
    let build_help = stdout(&briefing().args(["build", "--help"]).output().unwrap());
    assert!(build_help.contains("--base-url") && build_help.contains("--drafts"), "{build_help}");
}

#[test]
fn site_templates_override_the_defaults_file_by_file() {
    let site = SiteTest::fixture("sites/basic").file("templates/404.html", "custom 404 for {{ site.title }}");
    site.build().succeeds();
    assert_eq!(site.public("404.html"), "custom 404 for Fixture Briefing");
    assert!(site.public("index.html").contains("<html"), "other templates are the defaults");
}

#[test]
fn init_writes_a_site_that_builds_without_templates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new-site");
    let output = briefing().arg("init").arg(&root).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!root.join("templates").exists());
    let built = build(&root, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(stdout(&built).contains("(1 articles, 1 topics)") || stdout(&built).contains("(1 article, 1 topic)"));
    assert!(Path::new(&root.join("public/articles/welcome/index.html")).is_file());

    let again = briefing().arg("init").arg(&root).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "refuses to overwrite");
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
}

#[test]
fn rendered_pages_match_their_snapshots() {
    let site = built_basic();
    let public = site.path("public");
    insta::assert_snapshot!("article-page", read(public.join("articles/northwind-closes-lab/index.html")));
    insta::assert_snapshot!("topic-page", read(public.join("topics/lab-closures/index.html")));
    insta::assert_snapshot!("topic-feed", read(public.join("topics/export-rules/feed.xml")));
}

#[test]
fn stylesheets_and_scripts_get_fingerprinted_names() {
    let site = SiteTest::fixture("sites/minimal")
        .file("static/style.css", "body { color: black }")
        .file("static/images/map.png", [0x89, b'P', b'N', b'G']);
    site.build().succeeds();
    let public = site.path("public");
    let linked = |page: &str, ext: &str| -> String {
        links(&read(public.join(page))).into_iter().find(|l| l.ends_with(ext)).expect("an asset link")
    };
    let stylesheet = linked("index.html", ".css");
    assert!(stylesheet.starts_with("/style.") && stylesheet.len() == "/style.12345678.css".len(), "{stylesheet}");
    assert_eq!(read(public.join(&stylesheet[1..])), "body { color: black }");
    assert!(public.join("style.css").is_file(), "the plain name stays for other links");
    let script = linked("search/index.html", ".js");
    assert!(script.starts_with("/search.") && public.join(&script[1..]).is_file(), "built-in script: {script}");
    assert!(public.join("images/map.png").is_file(), "images are copied as they are");
    assert!(!fs::read_dir(public.join("images")).unwrap().any(|e| e.unwrap().file_name() != "map.png"));

    let site = site.file("static/style.css", "body { color: navy }");
    site.build().succeeds();
    let changed = linked("index.html", ".css");
    assert_ne!(stylesheet, changed, "new content, new name");
    assert!(!public.join(&stylesheet[1..]).exists(), "the old copy is gone with the old build");
}
