//! Actors and measures: organization and region pages with the facts of entities.yaml
//! (`kind:`, `country:`, `parent:`, `listed:`), related actors, their measures and a
//! feed; the measure tracker of `content/measures.yaml`, a page per measure, and the
//! measures an article reports. On a small site in two languages.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::*;

fn built() -> (tempfile::TempDir, PathBuf) {
    built_copy("sites/actors")
}

/// The part of a page between `<main` and `</main>`.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    &html[start..html.find("</main>").expect("its end") + "</main>".len()]
}

#[test]
fn an_actor_page_shows_its_facts_in_the_page_language() {
    let (_site, public) = built();
    let english = read(public.join("organizations/harbour-group/index.html"));
    assert!(english.contains("<a href=\"/briefing/organizations/\">Organizations</a> · Company</p>"), "{english}");
    assert!(
        english.contains("<dt>Country</dt><dd><a href=\"/briefing/regions/westland/\">Westland</a></dd>"),
        "{english}"
    );
    assert!(
        english.contains(
            "<dt>Owns</dt><dd><a href=\"/briefing/organizations/harbour-logistics/\">Harbour Logistics</a></dd>"
        ),
        "{english}"
    );
    assert!(english.contains("<dt>Listed</dt><dd>Watch List since 1 March 2024</dd>"), "{english}");
    let french = read(public.join("fr/organizations/harbour-logistics/index.html"));
    assert!(
        french.contains(
            "<dt>Filiale de</dt><dd><a href=\"/briefing/fr/organizations/harbour-group/\">Harbour Group</a></dd>"
        ),
        "{french}"
    );
    assert!(
        french.contains("<dt>Pays</dt><dd><a href=\"/briefing/fr/regions/westland/\">Ouestland</a></dd>"),
        "{french}"
    );
    let place = read(public.join("regions/eastland/index.html"));
    assert!(place.contains("· Country</p>"), "{place}");
    // A term entities.yaml gives no facts of stays a plain term page.
    let tag = read(public.join("tags/shipping/index.html"));
    assert!(tag.contains("<a href=\"/briefing/tags/\">Tags</a></p>") && !tag.contains("class=\"facts\""), "{tag}");
}

#[test]
fn related_actors_are_those_named_in_the_same_stories_most_often_first() {
    let (_site, public) = built();
    let page = read(public.join("organizations/harbour-group/index.html"));
    let related = &page[page.find("Appears with").expect("related actors")..];
    let westland = related.find(">Westland <span class=\"count\">2</span>").expect("two stories with Westland");
    let eastland = related.find(">Eastland <span class=\"count\">1</span>").expect("one with Eastland");
    assert!(westland < eastland, "{related}");
    assert!(!related[..related.find("</section>").unwrap()].contains(">Harbour Group "), "not itself: {related}");
}

#[test]
fn a_page_of_an_actor_in_most_stories_shows_its_measures_and_actors_before_its_stories() {
    let (_site, public) = built();
    let broad = main_of(&read(public.join("regions/westland/index.html"))).to_owned();
    let measures = broad.find("id=\"measures-title\"").expect("its measures");
    let based = broad.find("id=\"based-title\"").expect("the actors based there");
    let stories = broad.find("id=\"timeline-title\"").expect("its stories");
    assert!(measures < based && based < stories, "{broad}");
    assert!(broad.contains("/briefing/measures/terminal-licensing/"), "{broad}");
    assert!(!broad.contains("/briefing/measures/berth-cap/"), "another jurisdiction's: {broad}");
    // One story of three: its stories come first.
    let narrow = main_of(&read(public.join("organizations/port-authority/index.html"))).to_owned();
    assert!(narrow.find("id=\"timeline-title\"").unwrap() < narrow.find("id=\"measures-title\"").unwrap(), "{narrow}");
}

#[test]
fn an_actor_has_a_feed_of_its_stories() {
    let (_site, public) = built();
    let feed = read(public.join("organizations/harbour-group/feed.xml"));
    assert!(feed.contains("<title>Harbour Group – Fixture Briefing</title>"), "{feed}");
    assert_eq!(feed.matches("<entry").count(), 2, "{feed}");
    let page = read(public.join("organizations/harbour-group/index.html"));
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\""), "{page}");
    assert!(page.contains("href=\"/briefing/organizations/harbour-group/feed.xml\""), "{page}");
    assert!(!page.contains("href=\"\""), "no link without an address (the actor has no JSON Feed): {page}");
    // A term entities.yaml gives no facts of has no feed.
    assert!(public.join("tags/shipping/index.html").exists());
    assert!(!public.join("tags/shipping/feed.xml").exists());
}

#[test]
fn the_tracker_starts_on_what_is_in_force_in_both_languages() {
    let (_site, public) = built();
    let english = read(public.join("measures/index.html"));
    assert!(english.contains("3 measures · 1 in force now"), "{english}");
    assert!(
        english.contains("<input type=\"radio\" name=\"status\" id=\"s-in-force\" value=\"in-force\" checked>"),
        "{english}"
    );
    assert!(
        english.contains(
            ".tracker:has(#j-westland:checked) .measure-row:not([data-jurisdiction=\"westland\"]) { display: none; }"
        ),
        "{english}"
    );
    assert!(
        english.contains("<li class=\"measure-row\" data-jurisdiction=\"eastland\" data-status=\"rescinded\">"),
        "{english}"
    );
    assert!(english.contains("<a href=\"/briefing/measures/\""), "the navigation links to it: {english}");
    let french = read(public.join("fr/measures/index.html"));
    assert!(french.contains("<legend>Juridiction</legend>"), "{french}");
    assert!(french.contains(">Règle sur les licences de terminal</a>"), "{french}");
    assert!(
        french.contains(
            "<span class=\"status status-in-force\">En vigueur</span> Règlement · Ouestland · Autorité portuaire"
        ),
        "{french}"
    );
    insta::assert_snapshot!("measures_page", main_of(&english));
}

#[test]
fn a_measure_page_has_its_timeline_and_its_legislation_json_ld() {
    let (_site, public) = built();
    let html = read(public.join("measures/terminal-licensing/index.html"));
    let page = main_of(&html);
    let announced = page.find("· <strong>Announced</strong>").expect("announced");
    let story = page.find("/briefing/articles/terminal-rule/").expect("the story of the announcement");
    let in_force = page.find("· <strong>Took effect</strong>").expect("in force");
    let amended = page.find("· <strong>Amended</strong>").expect("amended");
    let later = page.find("/briefing/articles/harbour-fine/").expect("the later story");
    assert!(announced < story && story < in_force && in_force < amended && amended < later, "{page}");
    assert!(
        page.contains("<dt>Replaces</dt><dd><a href=\"/briefing/measures/berth-cap/\">Berth cap</a></dd>"),
        "{page}"
    );
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD") + open.len();
    let legislation: Value =
        serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()]).unwrap();
    assert_eq!(legislation["@type"], "Legislation");
    assert_eq!(legislation["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(legislation["legislationJurisdiction"], "Westland");
    assert_eq!(legislation["legislationPassedBy"]["name"], "Port Authority");
    assert_eq!(legislation["sameAs"], "https://example.org/rules/terminals");
    assert_eq!(legislation["subjectOf"].as_array().map(Vec::len), Some(2));
    // A court's order is not legislation.
    let order = read(public.join("measures/harbour-court-order/index.html"));
    assert!(!order.contains("application/ld+json"), "{order}");
    let french = read(public.join("fr/measures/berth-cap/index.html"));
    assert!(french.contains("<dt>Remplacée par</dt>"), "{french}");
    assert!(french.contains("<strong>Abrogation</strong>"), "{french}");
}

#[test]
fn an_article_lists_the_measures_it_reports_in_its_language() {
    let (_site, public) = built();
    let english = read(public.join("articles/terminal-rule/index.html"));
    assert!(
        english.contains("<h2 class=\"section-title\" id=\"measures-title\">Measures in this story</h2>"),
        "{english}"
    );
    assert!(
        english.contains("<a href=\"/briefing/measures/terminal-licensing/\">Terminal licensing rule</a>"),
        "{english}"
    );
    // Its French version reports it too, though measures.yaml names the English slug.
    let french = read(public.join("fr/articles/regle-terminaux/index.html"));
    assert!(
        french.contains("<a href=\"/briefing/fr/measures/terminal-licensing/\">Règle sur les licences de terminal</a>"),
        "{french}"
    );
    let unrelated = read(public.join("articles/eastland-trade/index.html"));
    assert!(!unrelated.contains("measures-title"), "{unrelated}");
}

#[test]
fn a_site_without_measures_has_no_tracker() {
    let (_site, public) = built_copy("sites/minimal");
    assert!(!public.join("measures").exists());
    let home = read(public.join("index.html"));
    assert!(!home.contains("/measures/"), "{home}");
}
