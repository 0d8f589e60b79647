//! Inputs kept from fuzzing (fuzz/regressions/<target>/) are replayed on every test run.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "../../fuzz/fuzz_targets/import_common.rs"]
mod import_common;
#[path = "../../fuzz/fuzz_targets/import_write_common.rs"]
pub mod import_write_common;
#[path = "../../fuzz/fuzz_targets/site_common.rs"]
mod site_common;

use briefing::render_markdown as render;
use briefing::{Article, ParseContext, Topic};

fn inputs(target: &str) -> Vec<(PathBuf, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut inputs: Vec<(PathBuf, String)> = fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .map(|path| {
            let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
            (path, text)
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", folder.display());
    inputs
}

#[test]
fn front_matter_inputs_parse_or_fail_cleanly() {
    let topics = vec!["chips".to_owned()];
    let taxonomies = vec!["tags".to_owned(), "people".to_owned()];
    let context = ParseContext {
        default_language: "en",
        languages: &[],
        topics: &topics,
        topic_titles: &[],
        taxonomies: &taxonomies,
    };
    for (path, text) in inputs("front_matter") {
        let article = Article::parse(Path::new("a.md"), &text, &context);
        assert!(article.is_err(), "{} should be refused", path.display());
        let _ = Topic::parse(Path::new("t.md"), &text);
    }
}

#[test]
fn markdown_inputs_render_without_scripts() {
    for (path, text) in inputs("markdown") {
        let html = render(&text).html.to_ascii_lowercase();
        // Every `<` opens a tag (text escapes it), so tags can be examined one by one.
        for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default()) {
            assert!(!tag.starts_with("script") && !tag.starts_with("iframe"), "{}: <{tag}>", path.display());
            assert!(!tag.contains("=\"javascript:") && !tag.contains("=\"data:"), "{}: <{tag}>", path.display());
        }
        let ids: Vec<&str> = html.split(" id=\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{}: duplicate ids {ids:?}", path.display());
    }
}

#[test]
fn import_inputs_import_or_fail_cleanly_and_round_trip() {
    let importer = import_common::importer();
    for (_, text) in inputs("import_text") {
        import_common::import_round_trips(&importer, &import_common::text_page(&text));
    }
    for (_, text) in inputs("import_html") {
        import_common::import_round_trips(&importer, &import_common::html_page(&text));
    }
}

#[test]
fn site_build_inputs_build_or_fail_cleanly() {
    for (_, text) in inputs("site_build") {
        site_common::build_site(&text);
    }
}

#[test]
fn import_write_inputs_are_refused_or_build() {
    let site = import_write_common::site();
    for (_, text) in inputs("import_write") {
        import_write_common::import_builds(&site, &text);
    }
}
