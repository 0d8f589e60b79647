//! Addresses that last and what search engines read: `aliases:` written as redirect pages
//! and `_redirects`, entities' other names leading to their page, `canonical:` for a
//! syndicated copy, robots.txt naming every sitemap, the Google News sitemap, and `noindex`
//! on preview builds.

use crate::common::SiteTest;

/// The minimal site with an article that has moved twice, a topic that was renamed, a
/// standalone page with an old address, and a syndicated copy.
fn moved_site() -> SiteTest {
    SiteTest::fixture("sites/minimal")
        .file(
            "content/articles/moved.md",
            "---\ntitle: \"Moved\"\ndate: 2025-01-01\ntopics: [chips]\norganizations: [AWS]\n\
             aliases: [/articles/old-moved/, /2024/12/moved.html]\n---\nText.\n",
        )
        .file("content/topics/chips.md", "---\ntitle: \"Chips\"\naliases: [/topics/semiconductors/]\n---\nIntro.\n")
        .file("content/pages/about.md", "---\ntitle: \"About\"\naliases: [/about-us/]\n---\nWho we are.\n")
        .file(
            "content/articles/copy.md",
            "---\ntitle: \"Syndicated\"\ndate: 2025-01-03\ntopics: [chips]\n\
             canonical: https://elsewhere.example/original-story\n---\nText.\n",
        )
        .file("content/entities.yaml", "organizations:\n  Amazon Web Services: { aliases: [AWS] }\n")
        .file(
            "site.yaml",
            "title: \"Minimal\"\nbase_url: \"https://example.org/brief/\"\ntaxonomies: [tags, organizations]\n",
        )
}

#[test]
fn an_old_address_is_a_page_that_sends_the_reader_on_and_names_the_new_one_canonical() {
    let site = moved_site();
    site.build().succeeds();
    let old = site.public("articles/old-moved/index.html");
    let new = "https://example.org/brief/articles/moved/";
    assert!(old.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{old}");
    assert!(old.contains(&format!("<link rel=\"canonical\" href=\"{new}\">")), "{old}");
    assert!(old.contains(&format!("<meta http-equiv=\"refresh\" content=\"0; url={new}\">")), "{old}");
    assert!(old.contains("<meta name=\"robots\" content=\"noindex\">"), "{old}");
    assert!(old.contains("<a href=\"/brief/articles/moved/\">"), "{old}");
    assert!(site.public("2024/12/moved.html").contains(new));
    let topic = site.public("topics/semiconductors/index.html");
    assert!(topic.contains("url=https://example.org/brief/topics/chips/\""), "{topic}");
    assert!(site.public("about-us/index.html").contains("url=https://example.org/brief/about/\""));
    // An entity's other name leads to the entity's page.
    let aws = site.public("organizations/aws/index.html");
    assert!(aws.contains("url=https://example.org/brief/organizations/amazon-web-services/\""), "{aws}");
    insta::assert_snapshot!("redirect-page", old);
}

#[test]
fn the_redirects_file_lists_every_old_address_for_netlify_and_cloudflare() {
    let site = moved_site();
    site.build().succeeds();
    let redirects = site.public("_redirects");
    for line in [
        "/brief/articles/old-moved/ /brief/articles/moved/ 301",
        "/brief/2024/12/moved.html /brief/articles/moved/ 301",
        "/brief/topics/semiconductors/ /brief/topics/chips/ 301",
        "/brief/about-us/ /brief/about/ 301",
        "/brief/organizations/aws/ /brief/organizations/amazon-web-services/ 301",
    ] {
        assert!(redirects.lines().any(|l| l == line), "{line}:\n{redirects}");
    }
    // Redirect pages are no pages to index.
    assert!(!site.public("sitemap.xml").contains("old-moved"));
}

#[test]
fn a_site_without_aliases_has_no_redirects_file() {
    let site = SiteTest::fixture("sites/minimal");
    site.build().succeeds();
    assert!(!site.path("public/_redirects").exists());
}

#[test]
fn an_alias_that_is_a_page_or_another_alias_or_leaves_the_site_is_an_error_at_its_line() {
    let site = moved_site().file(
        "content/articles/clash.md",
        "---\ntitle: \"Clash\"\ndate: 2025-01-01\ntopics: [chips]\n\
         aliases: [/articles/first/, /articles/old-moved/]\n---\nText.\n",
    );
    site.build()
        .fails()
        .stderr_has(
            "error: content/articles/clash.md:5:11: the alias `/articles/first/` is the address of a page of the \
             site (`/brief/articles/first/`)",
        )
        // Articles of one day come by slug: `clash` first, so `moved` repeats its alias.
        .stderr_has(
            "error: content/articles/moved.md:6:11: the alias `/articles/old-moved/` is also an alias in \
             content/articles/clash.md:5:29: an old address leads to one page, so keep one",
        );
    let site = moved_site()
        .file("content/topics/chips.md", "---\ntitle: \"Chips\"\naliases: [https://old.example/chips/]\n---\nIntro.\n");
    site.build().fails().stderr_has(
        "error: content/topics/chips.md:3:11: the alias `https://old.example/chips/` leaves the site: an alias is \
         a path of this site without its base path",
    );
}

#[test]
fn a_syndicated_copy_names_its_original_and_stays_out_of_the_sitemaps() {
    let site = moved_site();
    site.build().succeeds();
    let copy = site.public("articles/copy/index.html");
    assert!(copy.contains("<link rel=\"canonical\" href=\"https://elsewhere.example/original-story\">"), "{copy}");
    assert!(copy.contains("\"@id\":\"https://elsewhere.example/original-story\""), "{copy}");
    assert!(!site.public("sitemap.xml").contains("/articles/copy/"));
    assert!(!site.public("sitemap-news.xml").contains("/articles/copy/"));
    let first = site.public("articles/first/index.html");
    assert!(first.contains("<link rel=\"canonical\" href=\"https://example.org/brief/articles/first/\">"));
    let site = moved_site().file(
        "content/articles/copy.md",
        "---\ntitle: \"Syndicated\"\ndate: 2025-01-03\ntopics: [chips]\ncanonical: original-story\n---\nText.\n",
    );
    site.build()
        .fails()
        .stderr_has("error: content/articles/copy.md:5:12: `canonical: original-story` is not an absolute address");
}

#[test]
fn robots_txt_names_the_sitemap_and_the_news_sitemap() {
    let site = moved_site();
    site.build().succeeds();
    let robots = site.public("robots.txt");
    assert_eq!(
        robots,
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/brief/sitemap.xml\n\
         Sitemap: https://example.org/brief/sitemap-news.xml\n"
    );
}

#[test]
fn the_news_sitemap_lists_the_articles_of_the_two_days_before_the_newest() {
    // `first` (2 January) is within two days of `copy` (3 January), a syndicated copy left
    // out; `moved` (1 January) is too, `old` is not.
    let site = moved_site()
        .file("content/articles/old.md", "---\ntitle: \"Old & gone\"\ndate: 2024-12-20\ntopics: [chips]\n---\nText.\n");
    site.build().succeeds();
    let news = site.public("sitemap-news.xml");
    assert!(news.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""), "{news}");
    assert!(news.contains("<loc>https://example.org/brief/articles/first/</loc>"), "{news}");
    assert!(news.contains("<loc>https://example.org/brief/articles/moved/</loc>"), "{news}");
    assert!(!news.contains("/articles/old/"), "{news}");
    assert!(news.contains("<news:name>Minimal</news:name>"), "{news}");
    assert!(news.contains("<news:language>en</news:language>"), "{news}");
    assert!(news.contains("<news:publication_date>2025-01-02T00:00:00+00:00</news:publication_date>"), "{news}");
    assert!(news.contains("<news:title>First</news:title>"), "{news}");
}

#[test]
fn a_preview_build_asks_search_engines_not_to_index_its_pages() {
    let noindex = "<meta name=\"robots\" content=\"noindex\">";
    let site = SiteTest::fixture("sites/minimal");
    site.build().succeeds();
    assert!(!site.public("index.html").contains(noindex));
    for preview in
        [&["build", "--drafts"][..], &["build", "--future"], &["build", "--base-url", "https://preview.example/"]]
    {
        site.run(preview.iter().copied()).succeeds();
        for page in ["index.html", "articles/first/index.html", "topics/chips/index.html"] {
            assert!(site.public(page).contains(noindex), "{preview:?}: {page}");
        }
    }
    // The production address given on the command line is no preview.
    site.run(["build", "--base-url", "https://example.org/"]).succeeds();
    assert!(!site.public("index.html").contains(noindex));
}
