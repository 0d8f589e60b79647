//! Long timelines in parts: past `timeline_limit:` stories, a topic's, a term's and the
//! archive's page keeps the newest part and the rest go to pages by year, and by month
//! inside a year still too long, linked from each other and listed in the sitemap.

use crate::common::SiteTest;

/// The minimal site with five stories in topic `chips` tagged `fabs`, at most two a page:
/// three in 2025 (two in March), one in 2024, and the minimal site's own of January 2025.
fn long_site() -> SiteTest {
    let mut site = SiteTest::fixture("sites/minimal")
        .file("site.yaml", "title: \"Minimal\"\nbase_url: \"https://example.org/\"\ntimeline_limit: 2\n");
    for (slug, date) in [("march-b", "2025-03-20"), ("march-a", "2025-03-10"), ("older", "2024-06-01")] {
        site = site.file(
            &format!("content/articles/{slug}.md"),
            format!("---\ntitle: \"{slug}\"\ndate: {date}\ntopics: [chips]\ntags: [fabs]\n---\nText.\n"),
        );
    }
    site
}

#[test]
fn the_first_page_keeps_the_newest_part_and_the_others_have_addresses_by_period() {
    let site = long_site();
    site.build().succeeds();
    let topic = site.public("topics/chips/index.html");
    let listed = |html: &str, slug: &str| html.contains(&format!("<a href=\"/articles/{slug}/\">"));
    assert!(listed(&topic, "march-b") && listed(&topic, "march-a"), "{topic}");
    assert!(!listed(&topic, "first") && !listed(&topic, "older"), "{topic}");
    let january = site.public("topics/chips/2025/01/index.html");
    assert!(listed(&january, "first") && !listed(&january, "march-a"), "{january}");
    assert!(january.contains("<title>Chips · January 2025 · Minimal</title>"), "{january}");
    assert!(listed(&site.public("topics/chips/2024/index.html"), "older"));
    // 2025 is too long for one page: its page links to its months.
    let year = site.public("topics/chips/2025/index.html");
    assert!(year.contains("href=\"/topics/chips/2025/01/\""), "{year}");
    // The same for the term's and the archive's timelines.
    assert!(listed(&site.public("tags/fabs/2024/index.html"), "older"));
    assert!(listed(&site.public("archive/2025/01/index.html"), "first"));
    assert!(!listed(&site.public("archive/index.html"), "first"));
}

#[test]
fn every_part_links_to_every_other_and_marks_its_own() {
    let site = long_site();
    site.build().succeeds();
    let nav = |html: &str| -> String {
        let start = html.find("<nav class=\"year-jump timeline-parts\"").expect("the parts' navigation");
        html[start..start + html[start..].find("</nav>").unwrap()].to_owned()
    };
    let older = nav(&site.public("topics/chips/2024/index.html"));
    for link in [
        "<li><a href=\"/topics/chips/\">Newest · March 2025</a></li>",
        "<li><a href=\"/topics/chips/2025/\">2025</a></li>",
        "<li><a href=\"/topics/chips/2025/01/\">January 2025</a></li>",
        "<li><a href=\"/topics/chips/2024/\" aria-current=\"page\">2024</a></li>",
    ] {
        assert!(older.contains(link), "{link}:\n{older}");
    }
    insta::assert_snapshot!("timeline-parts", older);
}

#[test]
fn the_parts_are_in_the_sitemap() {
    let site = long_site();
    site.build().succeeds();
    let sitemap = site.public("sitemap.xml");
    for url in ["topics/chips/2024/", "topics/chips/2025/01/", "tags/fabs/2025/", "archive/2024/"] {
        assert!(sitemap.contains(&format!("<loc>https://example.org/{url}</loc>")), "{url}:\n{sitemap}");
    }
}

#[test]
fn a_short_timeline_is_one_page() {
    let site = SiteTest::fixture("sites/minimal");
    site.build().succeeds();
    assert!(!site.public("topics/chips/index.html").contains("timeline-parts"));
    assert!(!site.path("public/topics/chips/2025").exists());
}

#[test]
fn by_default_a_page_lists_at_most_250_stories_and_stays_light() {
    // 260 stories of a long summary each, 130 a year: no page may list all of them.
    let summary = "A regulator opened a review of the supply contracts of a chip maker; ".repeat(3);
    let mut site = SiteTest::fixture("sites/minimal");
    for n in 0..260 {
        let year = if n % 2 == 0 { 2024 } else { 2023 };
        let date = format!("{year}-{:02}-{:02}", n % 12 + 1, n % 28 + 1);
        site = site.file(
            &format!("content/articles/story-{n}.md"),
            format!("---\ntitle: \"Story {n}\"\ndate: {date}\ntopics: [chips]\nsummary: \"{summary}\"\n---\nText.\n"),
        );
    }
    site.build().succeeds();
    let topic = site.public("topics/chips/index.html");
    let rows = topic.matches("class=\"tl-entry\"").count();
    assert!((1..=250).contains(&rows), "{rows} rows on the topic's page");
    assert!(topic.contains("href=\"/topics/chips/2023/\""), "the older year is a part of its own");
    for page in ["topics/chips/index.html", "topics/chips/2023/index.html", "archive/index.html"] {
        let size = site.public(page).len();
        assert!(size < 200_000, "{page}: {size} bytes");
    }
}

#[test]
fn a_part_describes_itself_in_its_structured_data() {
    let site = long_site();
    site.build().succeeds();
    let part = site.public("topics/chips/2024/index.html");
    let start = part.find("<script type=\"application/ld+json\">").expect("JSON-LD") + 35;
    let json: serde_json::Value =
        serde_json::from_str(&part[start..start + part[start..].find("</script>").unwrap()]).expect("valid JSON-LD");
    let collection = &json[0];
    assert_eq!(collection["url"], "https://example.org/topics/chips/2024/", "{json}");
    assert_eq!(collection["name"], "Chips · 2024", "{json}");
    let items = collection["mainEntity"]["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only the part's stories: {json}");
    assert_eq!(items[0]["url"], "https://example.org/articles/older/");
    let trail = json[1]["itemListElement"].as_array().unwrap();
    assert_eq!(trail.last().unwrap()["item"], "https://example.org/topics/chips/2024/", "{json}");
    assert_eq!(trail.len(), 4, "{json}");
}
