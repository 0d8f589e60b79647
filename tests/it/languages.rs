//! Sites in several languages: translations by file name and by key, one listing entry
//! per story, `hreflang` alternates and the language switcher.

use std::fs;

use crate::common::*;

fn built_bilingual() -> tempfile::TempDir {
    let site = site_copy("sites/bilingual");
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "build failed: {}", stderr(&output));
    site
}

fn alternates(html: &str) -> Vec<&str> {
    html.lines().filter(|line| line.starts_with("<link rel=\"alternate\" hreflang=")).collect()
}

#[test]
fn a_translation_by_file_name_lives_under_its_language_with_its_own_slug() {
    let site = built_bilingual();
    let public = site.path().join("public");
    let english = read(public.join("articles/probe/index.html"));
    assert_eq!(
        alternates(&english),
        [
            r#"<link rel="alternate" hreflang="en" href="https://example.org/briefing/articles/probe/">"#,
            r#"<link rel="alternate" hreflang="fr" href="https://example.org/briefing/fr/articles/enquete-douaniere/">"#,
            r#"<link rel="alternate" hreflang="x-default" href="https://example.org/briefing/articles/probe/">"#,
        ]
    );
    let french = read(public.join("fr/articles/enquete-douaniere/index.html"));
    assert!(french.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"), "{french}");
    assert_eq!(alternates(&french), alternates(&english));
    assert!(
        french.contains(r#"<li><a href="/briefing/articles/probe/" hreflang="en" lang="en">English</a></li>"#),
        "the switcher leads to the English version:\n{french}"
    );
    assert!(english.contains(r#"hreflang="fr" lang="fr">Français</a>"#), "{english}");
}

#[test]
fn a_translation_by_key_is_linked_both_ways() {
    let site = built_bilingual();
    let public = site.path().join("public");
    let english = read(public.join("articles/harbour-deal/index.html"));
    let french = read(public.join("fr/articles/accord-portuaire/index.html"));
    let link =
        r#"<link rel="alternate" hreflang="fr" href="https://example.org/briefing/fr/articles/accord-portuaire/">"#;
    assert!(alternates(&english).contains(&link), "{english}");
    assert_eq!(alternates(&french), alternates(&english));
    // A story in one language only has no alternates; its switcher leads to the other
    // language's home page and says so, in that language.
    let alone = read(public.join("articles/dredging/index.html"));
    assert!(alternates(&alone).is_empty(), "{alone}");
    assert!(
        alone.contains(
            "<li><a href=\"/briefing/fr/\" hreflang=\"fr\" lang=\"fr\">Français <span class=\"switcher-note\">(pas de traduction\u{a0}: page d’accueil)</span></a></li>"
        ),
        "{alone}"
    );
}

#[test]
fn listings_show_each_story_once_and_badge_the_other_language() {
    let site = built_bilingual();
    let public = site.path().join("public");
    for page in ["index.html", "archive/index.html", "topics/ports/index.html", "feed.xml", "topics/ports/feed.xml"] {
        let text = read(public.join(page));
        for shown in ["/articles/probe/", "/articles/harbour-deal/", "/fr/articles/quai-est/", "/articles/dredging/"] {
            // A feed entry has one `<id>`; a page links an entry once (its JSON-LD names it too).
            let entry =
                if page.ends_with(".xml") { format!("{shown}</id>") } else { format!("href=\"/briefing{shown}\"") };
            assert_eq!(text.matches(&entry).count(), 1, "{page} lists {shown} once:\n{text}");
        }
        for hidden in ["enquete-douaniere", "accord-portuaire"] {
            assert!(!text.contains(hidden), "{page} lists the English version of {hidden} only:\n{text}");
        }
    }
    let home = read(public.join("index.html"));
    assert!(
        home.contains(r#"<a href="/briefing/fr/articles/quai-est/" hreflang="fr">Le quai est de Sudbourg ferme</a> <span class="lang-badge">FR</span>"#),
        "{home}"
    );
    let term = read(public.join("organizations/nordhavn-customs/index.html"));
    assert_eq!(term.matches("/articles/probe/\"").count(), 1, "{term}");
    assert!(!term.contains("enquete-douaniere"), "{term}");
}

#[test]
fn a_single_listed_language_builds_like_a_one_language_site() {
    let plain = site_copy("sites/basic");
    let listed = site_copy("sites/basic");
    let config = listed.path().join("site.yaml");
    let text = read(&config).replace("language: en\n", "languages:\n  - code: en\n");
    fs::write(&config, text).unwrap();
    for site in [&plain, &listed] {
        let output = build(site.path(), &[]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(tree(&plain.path().join("public")), tree(&listed.path().join("public")));
}

#[test]
fn the_sitemap_lists_the_versions_of_each_story_as_alternates() {
    let site = built_bilingual();
    let sitemap = read(site.path().join("public/sitemap.xml"));
    assert!(sitemap.contains(
        r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#
    ));
    let entry = |page: &str| {
        let start = sitemap.find(&format!("<loc>https://example.org/briefing{page}</loc>")).expect(page);
        sitemap[start..start + sitemap[start..].find("</url>").unwrap()].to_owned()
    };
    let alternates = [
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.org/briefing/articles/probe/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="fr" href="https://example.org/briefing/fr/articles/enquete-douaniere/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/briefing/articles/probe/"/>"#,
    ];
    for page in ["/articles/probe/", "/fr/articles/enquete-douaniere/"] {
        let entry = entry(page);
        for alternate in alternates {
            assert!(entry.contains(alternate), "{page}: {alternate} missing in\n{entry}");
        }
    }
    assert!(!entry("/articles/dredging/").contains("xhtml:link"), "{sitemap}");
    // A one-language site's sitemap declares no alternates at all.
    let plain = site_copy("sites/basic");
    assert!(build(plain.path(), &[]).status.success());
    assert!(!read(plain.path().join("public/sitemap.xml")).contains("xhtml"));
}

#[test]
fn topic_and_entity_names_follow_the_page_language() {
    let site = built_bilingual();
    let public = site.path().join("public");
    let french = read(public.join("fr/articles/enquete-douaniere/index.html"));
    assert!(
        french.contains(r#"<p class="kicker"><a href="/briefing/fr/topics/ports/">Ports et terminaux</a></p>"#),
        "{french}"
    );
    assert!(
        french
            .contains(r#"<a class="chip" href="/briefing/fr/organizations/nordhavn-customs/">Douane de Nordhavn</a>"#),
        "{french}"
    );
    let english = read(public.join("articles/probe/index.html"));
    assert!(english.contains(r#"<p class="kicker"><a href="/briefing/topics/ports/">Ports</a></p>"#), "{english}");
    assert!(english.contains(">Nordhavn Customs</a>") && !english.contains("Douane"), "{english}");
}

#[test]
fn a_topic_without_a_translation_is_named_in_the_default_language_and_marked() {
    let site = site_copy("sites/bilingual");
    fs::remove_file(site.path().join("content/topics/ports.fr.md")).unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let french = read(site.path().join("public/fr/articles/enquete-douaniere/index.html"));
    assert!(
        french.contains(r#"<p class="kicker" lang="en"><a href="/briefing/fr/topics/ports/">Ports</a></p>"#),
        "{french}"
    );
}

#[test]
fn import_writes_a_translation_beside_its_original() {
    let site = site_copy("sites/bilingual");
    let page = fixture("import/pages/norvale-shenzhen-fr.txt");
    let output = briefing()
        .args(["import", "--topic", "ports", "--lang", "fr", "--translation-of", "content/articles/dredging.md"])
        .arg("--root")
        .arg(site.path())
        .arg(&page)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let written = read(site.path().join("content/articles/dredging.fr.md"));
    assert!(written.contains("\nlang: fr\n"), "{written}");
    assert!(written.contains("\nslug: norvale-systems-ferme-son-centre-de-recherche-en-ia-de-shenzhen\n"), "{written}");
    let built = build(site.path(), &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let english = read(site.path().join("public/articles/dredging/index.html"));
    assert!(
        english.contains(r#"hreflang="fr" href="https://example.org/briefing/fr/articles/norvale-systems-ferme-son-centre-de-recherche-en-ia-de-shenzhen/">"#),
        "{english}"
    );
    // A translation of an article that does not exist is refused before anything is written.
    let missing = briefing()
        .args(["import", "--lang", "fr", "--translation-of", "content/articles/nope.md", "--root"])
        .arg(site.path())
        .arg(&page)
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("--translation-of content/articles/nope.md: no such article"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn check_reports_the_translation_problems_and_writes_nothing() {
    let site = site_copy("sites/bilingual");
    let articles = site.path().join("content/articles");
    fs::write(
        articles.join("orphan.fr.md"),
        read(articles.join("probe.fr.md")).replace("enquete-douaniere", "orpheline"),
    )
    .unwrap();
    fs::write(
        articles.join("twice.md"),
        read(articles.join("quai-est.md")).replace("lang: fr", "lang: fr\ntranslation_key: content/articles/probe"),
    )
    .unwrap();
    fs::write(site.path().join("content/topics/cables.fr.md"), "---\ntitle: \"Câbles\"\n---\nLes câbles.\n").unwrap();
    let output = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = stderr(&output);
    for expected in [
        "error: content/articles/orphan.fr.md: this file is named as the `fr` version of `content/articles/orphan.md`, which does not exist",
        "error: content/articles/twice.md:7:1: two versions of one story in `fr`: content/articles/probe.fr.md is one too",
        "error: content/topics/cables.fr.md: a translated topic needs its default-language file: add content/topics/cables.md",
    ] {
        assert!(errors.contains(expected), "missing {expected:?} in:\n{errors}");
    }
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

/// FNV-1a, enough to tell two versions of a page apart in a snapshot.
fn digest(bytes: &[u8]) -> String {
    let hash =
        bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{hash:016x}")
}

/// `style.3f2a1c9e.css` -> `style.css`, and the same for `search.js`.
fn without_fingerprints(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(dot) = rest.find('.') {
        let (before, after) = rest.split_at(dot);
        out.push_str(before);
        let hash = after.get(1..9).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let named = before.ends_with("style") || before.ends_with("search");
        if named && hash.is_some() && after[9..].starts_with('.') {
            rest = &after[9..];
        } else {
            out.push('.');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The pages of a one-language site are those it had before sites had languages, byte for
/// byte: the snapshot was taken from a build made before. The search index's files and the
/// built-in assets change on their own (their fingerprinted names are written plainly in
/// the pages here), so that only what languages can change is compared.
#[test]
fn a_one_language_site_is_built_as_before_byte_for_byte() {
    let site = site_copy("sites/basic");
    // Share cards came after languages, and change every page's head (tests/it/share_cards.rs).
    let config = site.path().join("site.yaml");
    std::fs::write(&config, read(&config) + "share_cards: false\n").unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut listing = String::new();
    for (path, bytes) in tree(&site.path().join("public")) {
        let asset = path.ends_with(".css") || path.ends_with(".js");
        if asset || path.ends_with(".json") || path == ".briefing-output" {
            continue;
        }
        let text = without_fingerprints(&String::from_utf8(bytes).unwrap());
        listing.push_str(&format!("{path} {}\n", digest(text.as_bytes())));
    }
    insta::assert_snapshot!("one-language-site", listing);
}

/// The bilingual fixture with German added as a reader would add it: one `languages:`
/// line, one interface file, and a translation.
fn trilingual() -> tempfile::TempDir {
    let site = site_copy("sites/bilingual");
    // `languages:` ends the fixture's site.yaml: German goes after English and French.
    let config = read(site.path().join("site.yaml"))
        + "  - { code: de, title: \"Test-Briefing\", description: \"Ein kleiner Testauftritt.\" }\n";
    fs::write(site.path().join("site.yaml"), config).unwrap();
    fs::create_dir(site.path().join("i18n")).unwrap();
    fs::copy(fixture("i18n/de.yaml"), site.path().join("i18n/de.yaml")).unwrap();
    fs::write(
        site.path().join("content/articles/probe.de.md"),
        "---\ntitle: \"Nordhavn ermittelt wegen Zollverstößen\"\nslug: zollermittlung\ndate: 2025-03-01T08:44:00Z\n\
         summary: \"Der Zoll von Nordhavn prüft Sensorlieferungen.\"\ntopics: [ports]\norganizations: [Nordhavn Customs]\n---\n\
         Der Zoll von Nordhavn hat Ermittlungen zu Sensorlieferungen aufgenommen.\n",
    )
    .unwrap();
    site
}

#[test]
fn a_third_language_is_one_line_and_one_interface_file() {
    let site = trilingual();
    // Clean of everything languages concern (the fixture's articles cite no source, a
    // warning of its own).
    let output = briefing().args(["check", "--root"]).arg(site.path()).output().unwrap();
    let said = stdout(&output) + &stderr(&output);
    assert!(output.status.success() && said.contains(" 0 errors"), "{said}");
    assert!(!said.contains("i18n") && !said.contains("interface") && !said.contains("`de`"), "{said}");
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let public = site.path().join("public");

    let home = read(public.join("de/index.html"));
    assert!(home.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"), "{home}");
    assert!(home.contains("Zum Inhalt springen") && home.contains(">Themen<"), "German labels: {home}");
    let article = read(public.join("de/articles/zollermittlung/index.html"));
    assert!(article.contains("1. März 2025"), "a German date, month from the locale data: {article}");
    assert!(article.contains("Min. Lesezeit"), "{article}");
    assert!(article.contains(r#"hreflang="en" lang="en">English</a>"#), "{article}");
    let english = read(public.join("articles/probe/index.html"));
    assert!(english.contains(r#"hreflang="de" lang="de">Deutsch</a>"#), "the switcher names German: {english}");

    let feed = read(public.join("de/feed.xml"));
    assert!(feed.contains("xml:lang=\"de\""), "{feed}");
    assert!(feed.contains("Nordhavn ermittelt wegen Zollverstößen"), "{feed}");
    let search = read(public.join("de/search/index.html"));
    assert!(search.contains(">Suchen</button>") && search.contains("data-months=\"Januar|Februar|März"), "{search}");
    let sitemap: String = fs::read_dir(&public)
        .unwrap()
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("sitemap"))
        .map(|entry| read(entry.path()))
        .collect();
    assert!(sitemap.contains("/de/articles/zollermittlung/"), "{sitemap}");
    assert!(sitemap.contains("hreflang=\"de\""), "{sitemap}");
}

#[test]
fn check_lists_the_interface_texts_a_language_lacks() {
    let site = trilingual();
    fs::write(site.path().join("i18n/de.yaml"), "language_name: Deutsch\nsearch: Suche\n").unwrap();
    let output = briefing().args(["check", "--root"]).arg(site.path()).output().unwrap();
    let text = stdout(&output) + &stderr(&output);
    assert!(text.contains("i18n/de.yaml"), "{text}");
    assert!(text.contains("`de` lacks") && text.contains("`archive`") && !text.contains("`search`,"), "{text}");
}
