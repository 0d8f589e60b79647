//! Bad input: each case is a folder under tests/fixtures/errors/ laid over the minimal site.
//! The whole stderr is snapshotted, the exit code is 1, and the previous output is untouched.

use std::path::Path;

use crate::common::*;

/// Builds the minimal site, lays the case's files over it, builds again and checks that the
/// failed build reported an error and changed no file, the first output included. Returns stderr.
fn failed_build(case: &str) -> String {
    failed_build_with(&format!("errors/{case}"))
}

/// The same with the files of any fixture folder (`site-errors/<case>`).
pub(crate) fn failed_build_with(folder: &str) -> String {
    let site = site_copy("sites/minimal");
    let first = build(site.path(), &[]);
    assert!(first.status.success(), "the minimal site builds: {}", stderr(&first));
    copy_tree(&fixture(folder), site.path());
    // The whole site, the previous output included: a failed build writes nothing at all.
    let before = tree(site.path());
    let output = build(site.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{folder}: {}", stderr(&output));
    assert!(stdout(&output).is_empty(), "{folder}: nothing on stdout");
    assert_eq!(before, tree(site.path()), "{folder}: files changed");
    stderr(&output).replace(&site.path().display().to_string(), "[SITE]")
}

macro_rules! error_cases {
    ($($name:ident => $case:literal,)*) => {$(
        #[test]
        fn $name() {
            let stderr = failed_build($case);
            insta::assert_snapshot!($case, stderr);
        }
    )*};
}

error_cases! {
    misspelt_field => "misspelt-field",
    page_misspelt_field => "page-misspelt-field",
    page_reserved_slug => "page-reserved-slug",
    page_duplicate_slug => "page-duplicate-slug",
    nav_unknown_page => "nav-unknown-page",
    unknown_author_with_the_closest_id => "unknown-author",
    publisher_policy_naming_an_unknown_page => "publisher-unknown-page",
    nav_unknown_section => "nav-unknown-section",
    nav_entry_with_two_targets => "nav-two-targets",
    unknown_topic => "unknown-topic",
    several_errors_are_reported_together => "several-errors",
    unterminated_front_matter => "unterminated-front-matter",
    invalid_yaml => "invalid-yaml",
    missing_title => "missing-title",
    impossible_date => "impossible-date",
    wrong_type => "wrong-type",
    duplicate_slug => "duplicate-slug",
    two_articles_with_the_same_output_path => "same-output-path",
    slug_with_slash_or_dots => "slug-with-slash",
    empty_file => "empty-file",
    invalid_utf8 => "invalid-utf8",
    binary_file_in_content => "binary-file",
    template_syntax_error => "template-syntax-error",
    template_undefined_variable => "template-undefined-variable",
    missing_template => "missing-template",
    static_file_colliding_with_a_page => "static-collision",
    broken_site_yaml => "broken-site-yaml",
    base_url_not_a_url => "base-url-not-url",
    unknown_entity_taxonomy => "unknown-entity-taxonomy",
    distinct_terms_sharing_an_address => "term-collision",
    static_file_over_the_fingerprinted_stylesheet => "fingerprinted-static",
    // Hostile or careless input: each class is refused where it is written.
    yaml_aliases_that_expand_too_far => "alias-expansion",
    template_that_loops_without_end => "template-runaway",
    control_characters_where_text_enters => "control-characters",
    control_character_in_site_yaml => "control-character-in-site-yaml",
    year_out_of_range => "year-out-of-range",
    empty_language_in_site_yaml => "empty-language",
    duplicate_key_at_the_duplicate => "duplicate-key",
    quoted_unknown_key_at_its_line => "quoted-unknown-key",
    feed_limit_out_of_range => "feed-limit-out-of-range",
    long_value_shortened_in_messages => "long-value",
    taxonomy_clashing_with_a_field => "taxonomy-clashes-with-field",
    taxonomy_listed_twice => "taxonomy-listed-twice",
    undeclared_taxonomy_in_an_article => "undeclared-taxonomy",
    null_title => "null-title",
    translation_of_a_story_no_file_tells => "translation-of-nothing",
    two_versions_of_a_story_in_one_language => "two-versions-in-one-language",
    translated_topic_without_its_default_file => "translated-topic-alone",
    entity_description_in_an_unknown_language => "unknown-description-language",
}

// Mistakes a new user makes: each message says where, what, and what to write instead.
error_cases! {
    tab_in_the_indentation => "tab-in-indentation",
    unquoted_colon_in_a_title => "colon-in-title",
    source_written_as_text => "source-as-text",
    date_time_mistakes_each_named => "date-time-mistakes",
    topic_title_written_for_its_slug => "topic-title-for-slug",
    template_block_left_open => "unclosed-if-in-template",
}

#[test]
fn a_site_without_articles_is_an_error_unless_asked_for() {
    let site = site_copy("sites/minimal");
    std::fs::remove_file(site.path().join("content/articles/first.md")).unwrap();
    let output = build(site.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    insta::assert_snapshot!("empty-site", stderr(&output));
    assert!(!site.path().join("public").exists(), "nothing was written");
    let output = build(site.path(), &["--allow-empty"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn every_case_folder_has_a_test() {
    let listed = include_str!("errors.rs");
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(listed.contains(&format!("=> \"{name}\"")), "tests/fixtures/errors/{name} has no test");
    }
}
