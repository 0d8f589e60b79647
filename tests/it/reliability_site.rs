//! What a site is made of, held to account: language tags, translations, share images,
//! search words, sitemaps and serve's answers. A failing case is a folder under
//! tests/fixtures/site-errors/ laid over the minimal site, as in errors.rs: its stderr is
//! snapshotted, and the site (its previous output included) is left unchanged.

use std::fs;
use std::path::Path;

use crate::common::*;
use crate::errors::failed_build_with;
use crate::serve::{Server, write_fixture};

macro_rules! site_error_cases {
    ($($name:ident => $case:literal,)*) => {$(
        #[test]
        fn $name() {
            let stderr = failed_build_with(concat!("site-errors/", $case));
            insta::assert_snapshot!($case, stderr);
        }
    )*};
}

site_error_cases! {
    share_image_missing_outside_static_or_not_a_url => "share-image-missing-or-outside",
    language_listed_twice_in_two_cases => "language-listed-twice-in-two-cases",
    empty_language_title => "empty-language-title",
    empty_entity_names_and_a_name_given_twice_in_two_cases => "empty-entity-name",
    translation_named_after_a_file_that_has_its_own_key => "translation-named-after-a-keyed-file",
    article_in_an_unlisted_language_taking_a_page => "unlisted-language-takes-a-page",
    default_language_named_and_unnamed => "default-language-named-twice",
}

#[test]
fn every_site_error_folder_has_a_test() {
    let listed = include_str!("reliability_site.rs");
    for entry in fs::read_dir(fixture("site-errors")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(listed.contains(&format!("=> \"{name}\"")), "tests/fixtures/site-errors/{name} has no test");
    }
}

const BILINGUAL: &str =
    "title: \"Minimal\"\nbase_url: \"https://example.org/\"\nlanguages:\n  - code: en\n  - code: fr\n";

fn article(title: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2025-03-01\nsummary: \"S\"\ntopics: [chips]\n{extra}---\nText of {title}.\n"
    )
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn built(site: &Path) {
    let output = build(site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn language_tags_in_any_case_are_one_language_written_in_lower_case() {
    let site = site_copy("sites/minimal");
    write(site.path(), "site.yaml", &BILINGUAL.replace("code: fr", "code: FR").replace("code: en", "code: En"));
    write(site.path(), "content/articles/written.md", &article("Written", "lang: Fr\n"));
    write(site.path(), "content/articles/named.md", &article("Named", ""));
    write(site.path(), "content/articles/named.FR.md", &article("Nommé", ""));
    built(site.path());
    let public = site.path().join("public");
    for page in ["fr/articles/written/index.html", "fr/articles/named/index.html"] {
        let html = read(public.join(page));
        assert!(html.contains("<html lang=\"fr\""), "{page}: {html}");
    }
    assert!(!public.join("FR").exists() && !public.join("Fr").exists());
    assert!(read(public.join("fr/articles/named/index.html")).contains("Nommé"));
    assert!(!public.join("articles/named-fr").exists());
}

#[test]
fn name_en_md_on_an_english_site_is_the_english_version_of_name() {
    let site = site_copy("sites/minimal");
    write(site.path(), "site.yaml", BILINGUAL);
    write(site.path(), "content/articles/welcome.en.md", &article("Welcome", ""));
    write(site.path(), "content/articles/welcome.fr.md", &article("Bienvenue", ""));
    built(site.path());
    let public = site.path().join("public");
    assert!(!public.join("articles/welcome-en").exists());
    let english = read(public.join("articles/welcome/index.html"));
    assert!(english.contains("<html lang=\"en\""), "{english}");
    assert!(english.contains("hreflang=\"fr\" href=\"https://example.org/fr/articles/welcome/\""), "{english}");
    assert!(read(public.join("fr/articles/welcome/index.html")).contains("Bienvenue"));
}

/// The `content` of `<meta property="og:image" ...>`.
fn og_image(html: &str) -> &str {
    let start = html.find("property=\"og:image\" content=\"").expect("an og:image") + 29;
    &html[start..start + html[start..].find('"').unwrap()]
}

#[test]
fn share_images_become_absolute_encoded_urls_in_og_image_and_json_ld() {
    let site = site_copy("sites/minimal");
    write(site.path(), "static/images/quay side.png", "not really a PNG");
    write(site.path(), "content/articles/local.md", &article("Local", "image: /images/quay side.png\n"));
    write(
        site.path(),
        "content/articles/shouting.md",
        &article("Shouting", "image: HTTPS://CDN.Example.com/a b.png\n"),
    );
    write(site.path(), "content/articles/relative.md", &article("Relative", "image: //cdn.example.net/x.png\n"));
    built(site.path());
    let public = site.path().join("public");
    for (page, url) in [
        ("local", "https://example.org/images/quay%20side.png"),
        ("shouting", "https://cdn.example.com/a%20b.png"),
        ("relative", "https://cdn.example.net/x.png"),
    ] {
        let html = read(public.join(format!("articles/{page}/index.html")));
        assert_eq!(og_image(&html), url, "{page}");
        assert!(html.contains(&format!("\"image\":[\"{url}\"]")), "{page}: JSON-LD names {url}: {html}");
    }
}

#[test]
fn words_of_other_scripts_and_a_dotted_capital_i_are_indexed_folded() {
    let site = site_copy("sites/minimal");
    // A debug build (the one tests run) once panicked on the dotted capital I.
    write(
        site.path(),
        "content/articles/places.md",
        &article("İSTANBUL", "").replace("Text of", "Łódź, Москва, Αθήνα and"),
    );
    built(site.path());
    let vocabulary: String =
        fs::read_dir(site.path().join("public/search/w")).unwrap().map(|entry| read(entry.unwrap().path())).collect();
    for folded in ["\"istanbul\"", "\"lodz\"", "\"москва\"", "\"αθηνα\""] {
        assert!(vocabulary.contains(folded), "{folded} in {vocabulary}");
    }
}

#[test]
fn one_enormous_token_makes_no_enormous_search_file() {
    let site = site_copy("sites/minimal");
    let token = "x".repeat(5_000_000);
    write(site.path(), "content/articles/blob.md", &article("Blob", "").replace("Text of", &format!("{token} and")));
    built(site.path());
    let largest = walkdir::WalkDir::new(site.path().join("public/search"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| (entry.metadata().unwrap().len(), entry.path().display().to_string()))
        .max()
        .unwrap();
    assert!(largest.0 < 100_000, "{largest:?}");
    assert!(!read(site.path().join("public/search/w/0.json")).contains("xxxxxxxx"));
}

#[test]
fn serve_redirects_to_the_trailing_slash_with_the_query() {
    let server = Server::start_on(&[], write_fixture);
    let redirect = server.get("/search?q=chips&topic=labs");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location").as_deref(), Some("/search/?q=chips&topic=labs"));
}

#[test]
fn serve_answers_only_the_names_of_its_own_address() {
    let server = Server::start_on(&[], write_fixture);
    let port = server.address().rsplit_once(':').unwrap().1.to_owned();
    assert_eq!(server.request_as("GET", "/", Some(server.address())).status, 200);
    assert_eq!(server.request_as("GET", "/", Some(&format!("localhost:{port}"))).status, 200);
    for host in [Some(format!("rebound.example:{port}")), Some("127.0.0.1:1".to_owned()), None] {
        let refused = server.request_as("GET", "/", host.as_deref());
        assert_eq!(refused.status, 421, "{host:?}");
        assert!(!refused.body.contains("Fixture Briefing"), "{host:?}: {}", refused.body);
    }
    // Listening on every interface means names briefing cannot know: any is answered.
    let open = Server::start_on(&["--bind", "0.0.0.0"], write_fixture);
    assert_eq!(open.request_as("GET", "/", Some("my-laptop.lan")).status, 200);
}
