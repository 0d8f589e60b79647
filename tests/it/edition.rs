//! The edition: updates and corrections (`updates:`), the home page's lead, headlines and
//! topic sections, and story threads (`follows:`), on a small site in two languages.

use serde_json::Value;

use crate::common::*;

fn built_edition() -> tempfile::TempDir {
    let site = site_copy("sites/edition");
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "build failed: {}", stderr(&output));
    site
}

/// The `NewsArticle` of an article page's JSON-LD.
fn news_article(html: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("the page has JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let blocks: Value = serde_json::from_str(&html[start..end]).unwrap();
    blocks.as_array().unwrap().iter().find(|node| node["@type"] == "NewsArticle").unwrap().clone()
}

#[test]
fn updates_show_on_the_article_in_its_language_newest_first() {
    let site = built_edition();
    let public = site.path().join("public");
    let english = read(public.join("articles/harbour-deal/index.html"));
    let corrected = english.find("<strong>Corrected <time datetime=\"2025-02-14T10:00:00+00:00\">14 February 2025</time>:</strong> The terminal is leased, not sold.");
    let updated = english.find("<strong>Updated <time datetime=\"2025-02-12T10:00:00+00:00\">12 February 2025</time>:</strong> Added the length of the lease.");
    assert!(corrected.is_some() && updated.is_some(), "{english}");
    assert!(corrected < updated, "newest first");
    let french = read(public.join("fr/articles/accord-portuaire/index.html"));
    assert!(
        french.contains("<strong>Rectifié le <time datetime=\"2025-02-14T10:00:00+00:00\">14 février 2025</time>\u{a0}:</strong> Le terminal est loué, non vendu."),
        "{french}"
    );
}

#[test]
fn an_update_dates_the_feed_entry_and_the_json_ld_and_a_correction_is_a_correction_comment() {
    let site = built_edition();
    let public = site.path().join("public");
    let news = news_article(&read(public.join("articles/harbour-deal/index.html")));
    assert_eq!(news["dateModified"], "2025-02-14T10:00:00+00:00");
    assert_eq!(news["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(news["correction"][0]["text"], "The terminal is leased, not sold.");
    assert_eq!(news["correction"].as_array().map(Vec::len), Some(1), "the other note is no correction");
    assert!(news_article(&read(public.join("articles/dredging/index.html"))).get("correction").is_none());
    let feed = read(public.join("feed.xml"));
    let entry = &feed[feed.find("articles/harbour-deal/").unwrap()..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(entry.contains("<updated>2025-02-14T10:00:00+00:00</updated>"), "{entry}");
}

#[test]
fn listings_mark_an_updated_story_and_the_corrections_page_lists_every_correction() {
    let site = built_edition();
    let public = site.path().join("public");
    let home = read(public.join("index.html"));
    let row =
        &home[home.find("data-published=\"2025-02-10T09:00:00+00:00\"").expect("the story is on the home page")..];
    let row = &row[..row.find("</li>").unwrap()];
    assert!(row.contains("data-updated=\"2025-02-14T10:00:00+00:00\""), "{row}");
    assert!(row.contains("<span class=\"badge badge-updated\">Updated <time"), "{row}");
    let corrections = read(public.join("corrections/index.html"));
    assert!(corrections.contains(">The terminal is leased, not sold.</span>"), "{corrections}");
    assert!(corrections.contains("href=\"/briefing/articles/harbour-deal/\""), "{corrections}");
    let french = read(public.join("fr/corrections/index.html"));
    assert!(french.contains(">Le terminal est loué, non vendu.</span>"), "{french}");
    assert!(!french.contains("leased, not sold"), "the French page lists the French version: {french}");
}

#[test]
fn the_home_page_leads_with_the_newest_story_then_headlines_and_topic_sections() {
    let site = built_edition();
    let home = read(site.path().join("public/index.html"));
    let lead = home.find("class=\"lead-story\"").expect("a lead story");
    assert!(home[lead..].find("Nordhavn opens a customs probe").is_some_and(|at| at < 400), "the newest leads");
    assert!(home.contains("<ol class=\"headline-list\">"), "headlines, not cards, below the lead");
    assert!(!home.contains("class=\"card-list\""), "{home}");
    assert!(home.contains("localStorage"), "the visit markers are kept in the browser");
    let french = read(site.path().join("public/fr/index.html"));
    assert!(french.contains("data-new-label=\"Nouveau\""), "{french}");
}

#[test]
fn a_thread_shows_on_each_of_its_articles_and_has_a_page_in_every_language() {
    let site = built_edition();
    let public = site.path().join("public");
    let probe = read(public.join("articles/probe/index.html"));
    let so_far = &probe[probe.find("class=\"story-so-far\"").expect("the story so far")..];
    let so_far = &so_far[..so_far.find("</nav>").unwrap()];
    let order: Vec<usize> =
        ["Eastmouth starts dredging", "Westport signs a harbour deal", "Nordhavn opens a customs probe"]
            .iter()
            .map(|title| so_far.find(title).unwrap_or_else(|| panic!("{title} in {so_far}")))
            .collect();
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "oldest first: {so_far}");
    assert!(so_far.contains("<span aria-current=\"page\">Nordhavn opens a customs probe</span>"), "{so_far}");
    assert!(so_far.contains("href=\"/briefing/threads/dredging/\""), "{so_far}");
    let french = read(public.join("fr/threads/dredging/index.html"));
    assert!(french.contains("Westport signe un accord portuaire"), "the French version where there is one");
    assert!(french.contains("Eastmouth starts dredging</a> <span class=\"lang-badge\">EN</span>"), "{french}");
    assert!(read(public.join("sitemap.xml")).contains("/threads/dredging/"));
    let lone = read(public.join("fr/articles/quai-est/index.html"));
    assert!(!lone.contains("story-so-far"), "a story outside every thread has none");
}

#[test]
fn the_pager_names_its_topic_and_related_stories_do_not_repeat_it() {
    let site = built_edition();
    let probe = read(site.path().join("public/articles/probe/index.html"));
    assert!(probe.contains("<span class=\"pager-label\">Older in <span>Ports</span></span>"), "{probe}");
    if let Some(at) = probe.find("id=\"related\"") {
        let related = &probe[at..];
        assert!(!related.contains("Westport signs a harbour deal"), "the pager and thread show it: {related}");
    }
}
