//! Share cards on a built site: the image every page names exists, is a 1200×630 PNG,
//! says what the article says in its language, and a rebuild takes it from the cache.

use std::fs;
use std::path::Path;

use briefing_card::{Card, Colours, Rgb};

use crate::common::SiteTest;

const BASE: &str = "https://example.org/notes";
const CACHE: &str = ".briefing/cache/cards";

fn built(site: SiteTest) -> SiteTest {
    site.build().succeeds();
    site
}

/// The `content` of a page's `<meta property|name="NAME">`.
fn meta<'h>(html: &'h str, name: &str) -> Option<&'h str> {
    let attribute = format!("=\"{name}\" content=\"");
    let rest = &html[html.find(&attribute)? + attribute.len()..];
    Some(&rest[..rest.find('"')?])
}

/// The built file an absolute URL of the site names.
fn file_of(site: &SiteTest, url: &str) -> std::path::PathBuf {
    let path = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    site.path("public").join(path.trim_start_matches('/'))
}

fn english_card(headline: &str) -> Card {
    Card {
        kicker: "Ports and terminals".to_owned(),
        headline: headline.to_owned(),
        standfirst: String::new(),
        footer: "Harbour Notes".to_owned(),
        date: "1 August 2025".to_owned(),
        colours: Colours::default(),
    }
}

fn cached(site: &SiteTest) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.path(CACHE))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_article_names_its_card_which_is_a_1200_by_630_png() {
    let site = built(SiteTest::fixture("sites/share-cards"));
    let html = site.public("articles/east-quay/index.html");
    let card = format!("{BASE}/articles/east-quay/share-card.png");
    assert_eq!(meta(&html, "og:image"), Some(card.as_str()));
    assert_eq!(meta(&html, "twitter:image"), Some(card.as_str()));
    assert_eq!(meta(&html, "twitter:card"), Some("summary_large_image"));
    assert_eq!((meta(&html, "og:image:width"), meta(&html, "og:image:height")), (Some("1200"), Some("630")));
    let image = format!("\"image\":[{{\"@type\":\"ImageObject\",\"height\":630,\"url\":\"{card}\",\"width\":1200}}]");
    assert!(html.contains(&image), "no {image} in the JSON-LD:\n{html}");
    let bytes = fs::read(file_of(&site, &card)).unwrap();
    let size = imagesize::blob_size(&bytes).unwrap();
    assert_eq!((size.width, size.height), (1200, 630));
    assert_eq!(bytes, english_card("Westport leases its east quay for twenty years").draw());
}

#[test]
fn a_french_article_gets_a_french_card() {
    let site = built(SiteTest::fixture("sites/share-cards"));
    let html = site.public("fr/articles/quai-est/index.html");
    let card = format!("{BASE}/fr/articles/quai-est/share-card.png");
    assert_eq!(meta(&html, "og:image"), Some(card.as_str()));
    let french = Card {
        kicker: "Ports et terminaux".to_owned(),
        headline: "Westport loue son quai est pour vingt ans".to_owned(),
        standfirst: String::new(),
        footer: "Notes du port".to_owned(),
        date: "1er août 2025".to_owned(),
        colours: Colours::default(),
    };
    assert_eq!(fs::read(file_of(&site, &card)).unwrap(), french.draw(), "the topic, site name and date in French");
}

#[test]
fn other_pages_show_the_site_card_of_their_language_and_an_article_image_wins() {
    let site = built(SiteTest::fixture("sites/share-cards"));
    for (page, card, title, description) in [
        ("index.html", "share-card.png", "Harbour Notes", "Invented briefings about ports, to test share cards."),
        (
            "fr/topics/ports/index.html",
            "fr/share-card.png",
            "Notes du port",
            "Des briefings inventés sur les ports, pour tester les cartes de partage.",
        ),
    ] {
        let html = site.public(page);
        let url = format!("{BASE}/{card}");
        assert_eq!(meta(&html, "og:image"), Some(url.as_str()), "{page}");
        let drawn = Card {
            kicker: String::new(),
            headline: title.to_owned(),
            standfirst: description.to_owned(),
            footer: "example.org/notes".to_owned(),
            date: String::new(),
            colours: Colours::default(),
        };
        assert_eq!(fs::read(file_of(&site, &url)).unwrap(), drawn.draw(), "{card}");
    }
    let own = site.public("articles/dredging/index.html");
    assert_eq!(meta(&own, "og:image"), Some(format!("{BASE}/images/channel.png").as_str()));
    assert_eq!(meta(&own, "og:image:width"), None, "briefing does not know its size");
    assert!(!site.path("public/articles/dredging/share-card.png").exists(), "no card for an article with an image");
}

#[test]
fn a_headline_the_fonts_cannot_draw_is_shared_with_the_site_card() {
    let site = built(SiteTest::fixture("sites/share-cards"));
    let card = fs::read(site.path("public/articles/lease-in-chinese/share-card.png")).unwrap();
    assert_eq!(card, fs::read(site.path("public/share-card.png")).unwrap());
}

#[test]
fn a_rebuild_takes_unchanged_cards_from_the_cache_and_draws_changed_ones() {
    let site = built(SiteTest::fixture("sites/share-cards"));
    let first = english_card("Westport leases its east quay for twenty years");
    let kept = site.path(CACHE).join(format!("{}.png", first.key().hex()));
    assert_eq!(fs::read(&kept).unwrap(), first.draw());
    // Marked, the kept card shows whether the next build read it or drew the card again.
    let mut marked = first.draw();
    marked.splice(8..8, *b"\0\0\0\0teXt");
    fs::write(&kept, &marked).unwrap();
    site.build().succeeds();
    assert_eq!(fs::read(site.path("public/articles/east-quay/share-card.png")).unwrap(), marked);
    let before = cached(&site);

    let article = site.read("content/articles/east-quay.md").replace("for twenty years", "for thirty years");
    let site = site.file("content/articles/east-quay.md", article);
    site.build().succeeds();
    let second = english_card("Westport leases its east quay for thirty years");
    assert_eq!(fs::read(site.path("public/articles/east-quay/share-card.png")).unwrap(), second.draw());
    let after = cached(&site);
    assert!(after.contains(&format!("{}.png", second.key().hex())), "{after:?}");
    assert!(!after.contains(&format!("{}.png", first.key().hex())), "the old card is pruned: {after:?}");
    assert_eq!(after.len(), before.len(), "{before:?} -> {after:?}");
    assert!(after.iter().all(|name| name.ends_with(".png") && !name.starts_with('.')), "{after:?}");
}

#[test]
fn share_cards_take_the_site_colours_or_are_off() {
    let colours = "share_cards:\n  background: \"#0b1f3a\"\n  text: \"#ffffff\"\n  accent: \"#f2c200\"\n";
    let site = SiteTest::fixture("sites/share-cards");
    let config = site.read("site.yaml") + colours;
    let site = built(site.file("site.yaml", config));
    let navy = Colours { background: Rgb([0x0b, 0x1f, 0x3a]), text: Rgb([0xff; 3]), accent: Rgb([0xf2, 0xc2, 0x00]) };
    let card = Card { colours: navy, ..english_card("Westport leases its east quay for twenty years") };
    assert_eq!(fs::read(site.path("public/articles/east-quay/share-card.png")).unwrap(), card.draw());

    let site = SiteTest::fixture("sites/share-cards");
    let config = site.read("site.yaml") + "share_cards: false\n";
    let site = built(site.file("site.yaml", config));
    let pngs: Vec<_> = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.file_name().is_some_and(|name| name == "share-card.png"))
        .collect();
    assert!(pngs.is_empty(), "{pngs:?}");
    let html = site.public("articles/east-quay/index.html");
    assert_eq!(meta(&html, "og:image"), None);
    assert_eq!(meta(&html, "twitter:card"), Some("summary"));
    assert!(!Path::new(&site.path(CACHE)).exists(), "nothing drawn, nothing kept");
}

#[test]
fn cards_and_article_images_say_what_they_show_in_the_page_language() {
    let site = built(SiteTest::fixture("sites/share-cards"));
    for (page, alt) in [
        ("articles/east-quay/index.html", "“Westport leases its east quay for twenty years”, Harbour Notes"),
        (
            "fr/articles/quai-est/index.html",
            "«\u{202f}Westport loue son quai est pour vingt ans\u{202f}», Notes du port",
        ),
        ("index.html", "Harbour Notes: Invented briefings about ports, to test share cards."),
        (
            "fr/topics/ports/index.html",
            "Notes du port\u{a0}: Des briefings inventés sur les ports, pour tester les cartes de partage.",
        ),
        // Drawn as the site's card, it says what that card says.
        ("articles/lease-in-chinese/index.html", "Harbour Notes: Invented briefings about ports, to test share cards."),
        ("articles/dredging/index.html", "A dredger at work in the channel at low tide"),
    ] {
        let html = site.public(page);
        assert_eq!(meta(&html, "og:image:alt"), Some(alt), "{page}");
        assert_eq!(meta(&html, "twitter:image:alt"), Some(alt), "{page}");
    }

    let site = SiteTest::fixture("sites/share-cards");
    let config = site.read("site.yaml") + "share_cards: false\n";
    let site = built(site.file("site.yaml", config));
    assert_eq!(meta(&site.public("index.html"), "og:image:alt"), None, "no image, no words for it");
    assert_eq!(
        meta(&site.public("articles/dredging/index.html"), "og:image:alt"),
        Some("A dredger at work in the channel at low tide")
    );
}

#[test]
fn an_image_alt_without_an_image_is_an_error_at_its_line() {
    let site = SiteTest::fixture("sites/share-cards");
    let article = site.read("content/articles/east-quay.md").replacen("---\n", "---\nimage_alt: \"A quay\"\n", 1);
    let site = site.file("content/articles/east-quay.md", article);
    site.build().fails().stderr_has("content/articles/east-quay.md:2:1: `image_alt:` describes the article's `image:`");
}

#[test]
fn builds_with_and_without_drafts_keep_each_others_cards() {
    let site = SiteTest::fixture("sites/share-cards");
    let draft = "---\ntitle: \"Westport plans a second quay\"\ndate: 2025-08-02T09:00:00Z\nsummary: \"A draft.\"\ntopics: [ports]\ndraft: true\n---\nNot yet.\n";
    let site = site.file("content/articles/second-quay.md", draft);
    site.run(["build", "--drafts"]).succeeds();
    let card = Card { date: "2 August 2025".to_owned(), ..english_card("Westport plans a second quay") };
    let kept = site.path(CACHE).join(format!("{}.png", card.key().hex()));
    assert_eq!(fs::read(&kept).unwrap(), card.draw());
    site.build().succeeds();
    assert!(kept.is_file(), "a build without drafts keeps the cards of the last build with them");
    // Marked, the kept card shows that the next build with drafts took it rather than drew it.
    let mut marked = card.draw();
    marked.splice(8..8, *b"\0\0\0\0teXt");
    fs::remove_file(&kept).unwrap();
    fs::write(&kept, &marked).unwrap();
    site.run(["build", "--drafts"]).succeeds();
    assert_eq!(fs::read(site.path("public/articles/second-quay/share-card.png")).unwrap(), marked);
}
