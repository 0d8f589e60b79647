//! Standalone pages (`content/pages/*.md`): rendered with `page.html` at `/<slug>/`, their
//! translations under the language's prefix, listed in the sitemap.

use std::path::PathBuf;

use crate::common::*;

fn built_pages() -> (tempfile::TempDir, PathBuf) {
    built_copy("sites/pages")
}

#[test]
fn pages_are_rendered_at_their_slug_in_their_language() {
    let (_site, public) = built_pages();
    let about = read(public.join("about/index.html"));
    assert!(about.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{about}");
    assert!(about.contains("<h1 class=\"page-title\">About this briefing</h1>"), "{about}");
    assert!(
        about.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/briefing/fr/a-propos/\">")
    );
    let french = read(public.join("fr/a-propos/index.html"));
    assert!(french.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"), "{french}");
    assert!(french.contains("nomme la source de chacun"), "{french}");
    assert!(
        french.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/briefing/about/\">")
    );
    // A page written in one language only is not made in the others.
    assert!(public.join("contact/index.html").is_file());
    assert!(!public.join("fr/contact/index.html").exists());
    insta::assert_snapshot!("standalone-page", french);
}

#[test]
fn pages_are_in_the_sitemap() {
    let (_site, public) = built_pages();
    let sitemap = read(public.join("sitemap.xml"));
    for url in [
        "https://example.org/briefing/about/",
        "https://example.org/briefing/fr/a-propos/",
        "https://example.org/briefing/contact/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{url}:\n{sitemap}");
    }
}

#[test]
fn the_site_with_pages_checks_clean() {
    let site = site_copy("sites/pages");
    let output = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_navigation_of_site_yaml_is_in_the_header_and_footer_in_each_language() {
    let (_site, public) = built_pages();
    let english = read(public.join("about/index.html"));
    let nav = |html: &str| -> String {
        let start = html.find("<nav class=\"site-nav\"").expect("a site nav");
        html[start..start + html[start..].find("</nav>").unwrap()].to_owned()
    };
    let header = nav(&english);
    for link in [
        "<li><a href=\"/briefing/topics/\">Topics</a></li>",
        "<li><a href=\"/briefing/topics/ports/\">",
        "<li><a href=\"/briefing/about/\" aria-current=\"page\">About</a></li>",
        "<li><a href=\"/briefing/contact/\">Contact</a></li>",
        "<li><a href=\"https://example.com/fixture-desk\" rel=\"external\">Desk</a></li>",
    ] {
        assert!(header.contains(link), "{link}:\n{header}");
    }
    assert!(!header.contains("/briefing/archive/"), "nav: replaces the built-in list:\n{header}");
    let french = read(public.join("fr/a-propos/index.html"));
    let header = nav(&french);
    assert!(
        header.contains("<li><a href=\"/briefing/fr/a-propos/\" aria-current=\"page\">À propos</a></li>"),
        "{header}"
    );
    // No French version: the English page, marked as English.
    assert!(header.contains("<li><a href=\"/briefing/contact/\" lang=\"en\">Contact</a></li>"), "{header}");
    assert!(header.contains(">Bureau</a></li>"), "{header}");
    let footer = &french[french.find("<footer").unwrap()..];
    assert!(footer.contains("<li><a href=\"/briefing/fr/a-propos/\">À propos</a></li>"), "{footer}");
}

/// The JSON-LD `publisher` of an article page.
fn publisher_of(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD") + open.len();
    let text = &html[start..start + html[start..].find("</script>").unwrap()];
    let blocks: serde_json::Value = serde_json::from_str(text).unwrap();
    blocks[0]["publisher"].clone()
}

#[test]
fn the_publisher_names_its_policies_in_the_language_of_the_article() {
    let (_site, public) = built_pages();
    let english = publisher_of(&read(public.join("articles/probe/index.html")));
    assert_eq!(english["publishingPrinciples"], "https://example.org/briefing/about/");
    assert_eq!(english["correctionsPolicy"], "https://example.com/fixture-corrections");
    let french = publisher_of(&read(public.join("fr/articles/enquete-douaniere/index.html")));
    assert_eq!(french["publishingPrinciples"], "https://example.org/briefing/fr/a-propos/");
    assert_eq!(french["name"], "Briefing d’essai");
}

#[test]
fn pages_are_documents_of_the_search_index_without_a_date() {
    let (_site, public) = built_pages();
    let mut documents = Vec::new();
    let chunk = |n: usize| public.join(format!("search/d/{n}.json"));
    for n in (0..).take_while(|&n| chunk(n).is_file()) {
        let docs: Vec<serde_json::Value> = serde_json::from_str(&read(chunk(n))).unwrap();
        documents.extend(docs);
    }
    let about = documents.iter().find(|doc| doc["u"] == "/briefing/about/").expect("the About page is indexed");
    assert_eq!(
        (about["t"].as_str(), about["d"].as_str(), about["l"].as_str()),
        (Some("About this briefing"), Some(""), Some("en"))
    );
    assert!(about["x"].as_str().unwrap().contains("names the source"), "{about}");
    let french = documents.iter().find(|doc| doc["u"] == "/briefing/fr/a-propos/").expect("its French version too");
    assert_eq!(french["l"], "fr");
    // The two versions are one story: the French one continues the English one's.
    let stories: serde_json::Value = serde_json::from_str(&read(public.join("search/stories.json"))).unwrap();
    let position = |url: &str| documents.iter().position(|doc| doc["u"] == url).unwrap() as i64;
    let next = briefing::decode_ids(&serde_json::from_value::<Vec<i64>>(stories["next"].clone()).unwrap());
    assert!(next.contains(&(position("/briefing/fr/a-propos/") as u32)), "{next:?}");
}
