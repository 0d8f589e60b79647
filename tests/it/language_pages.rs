//! The pages of each language of a site: home, topics, taxonomies, archive, search, feeds
//! and 404 under `/<lang>/`, written in that language, listing its own version of each
//! story, linked to the same page in the other languages.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

fn built_bilingual() -> (tempfile::TempDir, PathBuf) {
    built_copy("sites/bilingual")
}

/// The pages every language has, as output files of the default language.
const SECTIONS: &[&str] = &[
    "index.html",
    "topics/index.html",
    "topics/ports/index.html",
    "archive/index.html",
    "tags/index.html",
    "organizations/index.html",
    "organizations/nordhavn-customs/index.html",
    "search/index.html",
    "404.html",
];

/// The URL path of an output file (`topics/index.html` -> `/topics/`).
fn url_of(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

fn alternates(html: &str) -> Vec<&str> {
    html.lines().filter(|line| line.starts_with("<link rel=\"alternate\" hreflang=")).collect()
}

#[test]
fn every_language_has_its_pages_in_its_language_with_its_title() {
    let (_site, public) = built_bilingual();
    for file in SECTIONS {
        let english = read(public.join(file));
        let french = read(public.join("fr").join(file));
        assert!(english.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{file}:\n{english}");
        assert!(french.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"), "fr/{file}:\n{french}");
        assert!(english.contains("<meta property=\"og:site_name\" content=\"Fixture Briefing\">"), "{file}");
        assert!(french.contains("<meta property=\"og:site_name\" content=\"Briefing d’essai\">"), "fr/{file}");
        assert!(french.contains("<a class=\"skip-link\" href=\"#main\">Aller au contenu</a>"), "fr/{file}");
        // The French navigation stays in French.
        for section in ["fr/", "fr/topics/", "fr/archive/", "fr/organizations/", "fr/search/"] {
            assert!(french.contains(&format!("<a href=\"/briefing/{section}\"")), "fr/{file} links {section}");
        }
        for english_nav in ["<a href=\"/briefing/topics/\">", "<a href=\"/briefing/topics/\" aria-current"] {
            assert!(!french.contains(english_nav), "fr/{file} leads to the English topics");
        }
    }
    let home = read(public.join("fr/index.html"));
    assert!(home.contains("<h1 class=\"nameplate\">Briefing d’essai</h1>"), "{home}");
    assert!(home.contains("<p class=\"tagline\">Un petit site bilingue pour les tests de briefing.</p>"), "{home}");
    assert!(home.contains("<time datetime=\"2025-03-02T11:00:00+00:00\">2 mars 2025</time>"), "{home}");
    let search = read(public.join("fr/search/index.html"));
    assert!(search.contains("data-index=\"/briefing/search-index.json\""), "one index for every language");
    assert!(search.contains("data-lang=\"fr\"") && search.contains("placeholder=\"Rechercher dans les synthèses…\""));
    let not_found = read(public.join("fr/404.html"));
    assert!(not_found.contains("<h1 class=\"page-title\">Page introuvable</h1>"), "{not_found}");
}

#[test]
fn a_language_lists_its_own_versions_and_the_others_once_with_a_badge() {
    let (_site, public) = built_bilingual();
    let pages = ["index.html", "archive/index.html", "topics/ports/index.html", "feed.xml", "topics/ports/feed.xml"];
    for page in pages {
        let text = read(public.join("fr").join(page));
        let french = ["/fr/articles/enquete-douaniere/", "/fr/articles/accord-portuaire/", "/fr/articles/quai-est/"];
        for shown in french.iter().chain(&["/articles/dredging/"]) {
            let entry =
                if page.ends_with(".xml") { format!("{shown}</id>") } else { format!("href=\"/briefing{shown}\"") };
            assert_eq!(text.matches(&entry).count(), 1, "fr/{page} lists {shown} once:\n{text}");
        }
        for hidden in ["/articles/probe/", "/articles/harbour-deal/"] {
            assert!(!text.contains(&format!("briefing{hidden}")), "fr/{page} lists the French version of {hidden}");
        }
    }
    let home = read(public.join("fr/index.html"));
    assert!(
        home.contains(r#"<p class="headline-title" lang="en"><a href="/briefing/articles/dredging/" hreflang="en">Eastmouth starts dredging</a> <span class="lang-badge">EN</span> <span class="only-in" lang="en">Only in English</span></p>"#),
        "{home}"
    );
    assert!(!home.contains("<span class=\"lang-badge\">FR</span>"), "{home}");
    let archive = read(public.join("fr/archive/index.html"));
    assert!(archive.contains("<p class=\"page-meta\">4 articles</p>"), "four stories:\n{archive}");
    let term = read(public.join("fr/organizations/nordhavn-customs/index.html"));
    assert!(term.contains("href=\"/briefing/fr/articles/enquete-douaniere/\""), "{term}");
    assert!(!term.contains("/briefing/articles/probe/"), "{term}");
}

#[test]
fn every_page_in_several_languages_declares_its_versions_and_switches_to_them() {
    let (_site, public) = built_bilingual();
    for file in SECTIONS.iter().filter(|file| **file != "404.html") {
        let url = url_of(file);
        let expected = [
            format!(r#"<link rel="alternate" hreflang="en" href="https://example.org/briefing{url}">"#),
            format!(r#"<link rel="alternate" hreflang="fr" href="https://example.org/briefing/fr{url}">"#),
            format!(r#"<link rel="alternate" hreflang="x-default" href="https://example.org/briefing{url}">"#),
        ];
        let english = read(public.join(file));
        let french = read(public.join("fr").join(file));
        assert_eq!(alternates(&english), expected, "{file}");
        assert_eq!(alternates(&french), expected, "fr/{file}");
        let to_french = format!(r#"<li><a href="/briefing/fr{url}" hreflang="fr" lang="fr">Français</a></li>"#);
        assert!(english.contains(&to_french), "{file} switches to its French version:\n{english}");
        let to_english = format!(r#"<li><a href="/briefing{url}" hreflang="en" lang="en">English</a></li>"#);
        assert!(french.contains(&to_english), "fr/{file} switches to its English version");
    }
    // A 404 page is no page to index; its switcher leads to the other language's.
    let not_found = read(public.join("fr/404.html"));
    assert!(alternates(&not_found).is_empty(), "{not_found}");
    assert!(not_found.contains(r#"<li><a href="/briefing/404.html" hreflang="en" lang="en">English</a></li>"#));
}

#[test]
fn the_sitemap_lists_every_language_of_every_page_with_its_alternates() {
    let (_site, public) = built_bilingual();
    let sitemap = read(public.join("sitemap.xml"));
    let entry = |url: &str| {
        let start = sitemap.find(&format!("<loc>https://example.org/briefing{url}</loc>")).expect(url);
        sitemap[start..start + sitemap[start..].find("</url>").unwrap()].to_owned()
    };
    for file in SECTIONS.iter().filter(|file| **file != "404.html") {
        let url = url_of(file);
        for page in [url.clone(), format!("/fr{url}")] {
            let entry = entry(&page);
            for (lang, href) in [("en", url.clone()), ("fr", format!("/fr{url}")), ("x-default", url.clone())] {
                let alternate = format!(
                    r#"<xhtml:link rel="alternate" hreflang="{lang}" href="https://example.org/briefing{href}"/>"#
                );
                assert!(entry.contains(&alternate), "{page}: {alternate} missing in\n{entry}");
            }
        }
    }
    assert!(!sitemap.contains("404.html") && !sitemap.contains("feed.xml"), "{sitemap}");
}

#[test]
fn each_language_has_atom_feeds_of_its_listings() {
    let (_site, public) = built_bilingual();
    let feed = read(public.join("fr/feed.xml"));
    // The second line names the stylesheet a browser shows the feed with.
    let lines: Vec<&str> = feed.lines().collect();
    assert_eq!(lines[0], "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    assert!(lines[1].starts_with("<?xml-stylesheet type=\"text/xsl\" href=\"/briefing/feed."), "{feed}");
    assert!(lines[2].starts_with("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\""), "{feed}");
    assert!(feed.contains("<title>Briefing d’essai</title>"), "{feed}");
    assert!(
        feed.contains(
            r#"<link rel="self" type="application/atom+xml" href="https://example.org/briefing/fr/feed.xml"/>"#
        )
    );
    assert!(feed.contains(r#"<link rel="alternate" type="text/html" href="https://example.org/briefing/fr/"/>"#));
    assert_eq!(feed.matches("<entry").count(), 4, "{feed}");
    // The English-only story says it is in English; the French ones need not.
    assert_eq!(feed.matches("<entry xml:lang=\"en\">").count(), 1, "{feed}");
    let english = read(public.join("feed.xml"));
    assert!(english.contains("xml:lang=\"en\"") && english.contains("<entry xml:lang=\"fr\">"), "{english}");
    insta::assert_snapshot!("french-topic-feed", read(public.join("fr/topics/ports/feed.xml")));
}

#[test]
fn topics_and_entities_are_named_in_each_language() {
    let (_site, public) = built_bilingual();
    let topics = read(public.join("fr/topics/index.html"));
    assert!(
        topics.contains(r#"<h2 class="topic-title"><a href="/briefing/fr/topics/ports/">Ports et terminaux</a></h2>"#),
        "{topics}"
    );
    let topic = read(public.join("fr/topics/ports/index.html"));
    assert!(topic.contains("<h1 class=\"page-title\">Ports et terminaux</h1>"), "{topic}");
    assert!(topic.contains("<p class=\"standfirst\">Les ports et le commerce qui y passe.</p>"), "{topic}");
    assert!(topic.contains(r#""@type":"CollectionPage","#) && topic.contains(r#""inLanguage":"fr""#), "{topic}");
    let english = read(public.join("topics/ports/index.html"));
    assert!(english.contains("<h1 class=\"page-title\">Ports</h1>"), "{english}");
    let organizations = read(public.join("fr/organizations/index.html"));
    assert!(organizations.contains("<span class=\"term-name\">Douane de Nordhavn</span>"), "{organizations}");
    let term = read(public.join("fr/organizations/nordhavn-customs/index.html"));
    assert!(term.contains("<h1 class=\"page-title\">Douane de Nordhavn</h1>"), "{term}");
    let english = read(public.join("organizations/nordhavn-customs/index.html"));
    assert!(english.contains("<h1 class=\"page-title\">Nordhavn Customs</h1>"), "{english}");
}

#[test]
fn an_entity_is_described_in_each_language_else_in_the_default_one_marked_as_such() {
    let (site, public) = built_bilingual();
    let term = read(public.join("fr/organizations/nordhavn-customs/index.html"));
    let french = "Le bureau de douane du port de Nordhavn.";
    assert!(term.contains(&format!("<p class=\"standfirst\">{french}</p>")), "{term}");
    assert!(term.contains(&format!("<meta name=\"description\" content=\"{french}\">")), "{term}");
    let english = read(public.join("organizations/nordhavn-customs/index.html"));
    let default = "The customs office of the port of Nordhavn.";
    assert!(english.contains(&format!("<p class=\"standfirst\">{default}</p>")), "{english}");

    // Without a French description, the French page shows the English one in English.
    let entities = site.path().join("content/entities.yaml");
    fs::write(
        &entities,
        read(&entities).lines().filter(|line| !line.contains("descriptions:")).collect::<Vec<_>>().join("\n"),
    )
    .unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let term = read(public.join("fr/organizations/nordhavn-customs/index.html"));
    assert!(term.contains(&format!("<p class=\"standfirst\" lang=\"en\">{default}</p>")), "{term}");
    let english = read(public.join("organizations/nordhavn-customs/index.html"));
    assert!(english.contains(&format!("<p class=\"standfirst\">{default}</p>")), "{english}");
}

#[test]
fn a_topic_without_a_translation_is_shown_in_the_default_language_and_says_so() {
    let site = site_copy("sites/bilingual");
    fs::remove_file(site.path().join("content/topics/ports.fr.md")).unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let public = site.path().join("public");
    let topic = read(public.join("fr/topics/ports/index.html"));
    assert!(
        topic.contains(r#"<h1 class="page-title" lang="en">Ports <span class="lang-badge">EN</span></h1>"#),
        "{topic}"
    );
    assert!(topic.contains(r#"<p class="standfirst" lang="en">Harbours and the trade through them.</p>"#));
    assert!(topic.contains(r#"<div class="prose topic-intro" lang="en">"#), "{topic}");
    assert!(topic.contains("Ce thème n’est pas encore traduit"), "{topic}");
    let topics = read(public.join("fr/topics/index.html"));
    assert!(topics.contains(r#"<h2 class="topic-title" lang="en"><a href="/briefing/fr/topics/ports/">Ports</a> <span class="lang-badge">EN</span></h2>"#), "{topics}");
    // The English pages have nothing to mark.
    let english = read(public.join("topics/ports/index.html"));
    assert!(english.contains("<h1 class=\"page-title\">Ports</h1>") && !english.contains("untranslated"), "{english}");
}

#[test]
fn a_taxonomy_may_not_take_the_address_of_a_language() {
    let site = site_copy("sites/bilingual");
    let config = site.path().join("site.yaml");
    fs::write(&config, read(&config).replace("taxonomies: [tags,", "taxonomies: [fr,")).unwrap();
    let output = build(site.path(), &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("taxonomy `fr` cannot be used: `/fr/` holds the pages of the language `fr`"));
    assert!(!Path::new(&site.path().join("public")).exists());
}

#[test]
fn serve_updates_the_pages_of_every_language_a_change_shows_on() {
    let server = crate::serve::Server::start_on(&[], |root| copy_tree(&fixture("sites/bilingual"), root));
    let french_home = server.get("/fr/");
    assert_eq!(french_home.status, 200);
    assert!(french_home.body.contains("Nordhavn ouvre une enquête douanière"), "{}", french_home.body);
    // A missing address under a language gets that language's 404 page.
    let missing = server.get("/fr/nulle-part/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html lang=\"fr\">"), "{}", missing.body);
    let missing = server.get("/nowhere/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html lang=\"en\">"), "{}", missing.body);

    // One version of a story changes: its listings in both languages follow.
    let probe = read(fixture("sites/bilingual/content/articles/probe.fr.md"));
    server.write("content/articles/probe.fr.md", &probe.replace("ouvre une enquête", "lance une enquête"));
    let changed = |r: &crate::serve::Response| r.body.contains("Nordhavn lance une enquête douanière");
    server.wait_for("/fr/", "the new French title", changed);
    server.wait_for("/fr/topics/ports/", "the new French title", changed);
    server.wait_for("/fr/feed.xml", "the new French title", changed);
    let english = server.get("/articles/probe/");
    assert!(english.body.contains(">Nordhavn opens a customs probe<"), "{}", english.body);

    // A story gets its first French version: the French listings show it instead.
    let dredging = read(fixture("sites/bilingual/content/articles/dredging.md"));
    server.write(
        "content/articles/dredging.fr.md",
        &dredging
            .replace("Eastmouth starts dredging", "Eastmouth commence à draguer")
            .replace("---\n", "---\nslug: dragage\n"),
    );
    let french =
        server.wait_for("/fr/archive/", "the French version", |r| r.body.contains("Eastmouth commence à draguer"));
    assert!(!french.body.contains("Eastmouth starts dredging"), "{}", french.body);
    server
        .wait_for("/articles/dredging/", "a link to the French version", |r| r.body.contains("/fr/articles/dragage/"));

    // A French topic file and an entity's French name show on the French pages.
    server.write(
        "content/topics/ports.fr.md",
        "---\ntitle: \"Ports maritimes\"\nsummary: \"Les ports.\"\n---\nLes ports.\n",
    );
    server.wait_for("/fr/topics/", "the new French topic title", |r| r.body.contains("Ports maritimes"));
    let english = server.get("/topics/");
    assert!(!english.body.contains("Ports maritimes"), "{}", english.body);
    server
        .write("content/entities.yaml", "organizations:\n  Nordhavn Customs: { names: { fr: Douanes du Nordhavn } }\n");
    server.wait_for("/fr/organizations/", "the new French name", |r| r.body.contains("Douanes du Nordhavn"));
    // An entity's French description shows on its French page.
    server.write(
        "content/entities.yaml",
        "organizations:\n  Nordhavn Customs: { names: { fr: Douanes du Nordhavn }, descriptions: { fr: \"Une douane.\" } }\n",
    );
    server.wait_for("/fr/organizations/nordhavn-customs/", "the French description", |r| {
        r.body.contains("<p class=\"standfirst\">Une douane.</p>")
    });
}

#[test]
fn a_taxonomy_index_and_the_search_facets_are_in_the_order_of_the_names_its_language_gives() {
    let site = site_copy("sites/bilingual");
    let content = site.path().join("content");
    fs::write(
        content.join("entities.yaml"),
        "organizations:\n  Nordhavn Customs: { names: { fr: Douane de Nordhavn } }\n  Aldor Shipping: { names: { fr: Zéphyr Maritime } }\n  Baltic Pilots: { names: { fr: Éclaireurs de la Baltique } }\n",
    )
    .unwrap();
    let dredging = content.join("articles/dredging.md");
    fs::write(
        &dredging,
        read(&dredging).replace("topics: [ports]", "topics: [ports]\norganizations: [Aldor Shipping, Baltic Pilots]"),
    )
    .unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names = |page: &str| {
        let html = read(site.path().join("public").join(page));
        html.split("<span class=\"term-name\">")
            .skip(1)
            .map(|rest| rest[..rest.find('<').unwrap()].to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(names("organizations/index.html"), ["Aldor Shipping", "Baltic Pilots", "Nordhavn Customs"]);
    // Accents do not send a name to the end.
    assert_eq!(
        names("fr/organizations/index.html"),
        ["Douane de Nordhavn", "Éclaireurs de la Baltique", "Zéphyr Maritime"]
    );
    // The search page's facets name and order them as the pages of their language do.
    let options = |page: &str, facet: &str| {
        let html = read(site.path().join("public").join(page));
        let select = &html[html.find(&format!("<select id=\"facet-{facet}\"")).unwrap()..];
        let select = &select[..select.find("</select>").unwrap()];
        let values = select.split("<option value=\"").skip(2).map(|option| &option[option.find("\">").unwrap() + 2..]);
        values.map(|rest| rest[..rest.find(" (").unwrap()].to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(options("search/index.html", "organization"), ["Aldor Shipping", "Baltic Pilots", "Nordhavn Customs"]);
    assert_eq!(
        options("fr/search/index.html", "organization"),
        ["Douane de Nordhavn", "Éclaireurs de la Baltique", "Zéphyr Maritime"]
    );
    assert_eq!(options("search/index.html", "topic"), ["Ports"]);
    assert_eq!(options("fr/search/index.html", "topic"), ["Ports et terminaux"]);
}

#[test]
fn a_link_to_a_topic_file_leads_to_the_topic_in_the_language_of_the_article() {
    let site = site_copy("sites/bilingual");
    let articles = site.path().join("content/articles");
    let link = "\nVoir [le thème](../topics/ports.md) et [son en-tête](../topics/ports.md#top).\n";
    fs::write(articles.join("quai-est.md"), read(articles.join("quai-est.md")) + link).unwrap();
    let english = "\nSee [the topic](../topics/ports.md) and [in French](../topics/ports.fr.md).\n";
    fs::write(articles.join("dredging.md"), read(articles.join("dredging.md")) + english).unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let public = site.path().join("public");
    let french = read(public.join("fr/articles/quai-est/index.html"));
    assert!(french.contains(r#"<a href="/briefing/fr/topics/ports/">le thème</a>"#), "{french}");
    assert!(french.contains(r#"<a href="/briefing/fr/topics/ports/#top">"#), "{french}");
    let english = read(public.join("articles/dredging/index.html"));
    assert!(english.contains(r#"<a href="/briefing/topics/ports/">the topic</a>"#), "{english}");
    assert!(english.contains(r#"<a href="/briefing/fr/topics/ports/">in French</a>"#), "{english}");
}
