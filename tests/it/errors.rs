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
    unknown_story_in_follows => "unknown-follows",
    stories_following_each_other_in_a_loop => "follows-loop",
    update_dated_before_publication => "update-before-publication",
    page_misspelt_field => "page-misspelt-field",
    page_reserved_slug => "page-reserved-slug",
    page_duplicate_slug => "page-duplicate-slug",
    nav_unknown_page => "nav-unknown-page",
    unknown_author_with_the_closest_id => "unknown-author",
    entity_facts_with_unknown_kinds_names_and_dates => "entity-facts-mistakes",
    measure_naming_an_unknown_jurisdiction_and_article => "measure-unknown-names",
    measure_whose_status_its_dates_do_not_bear_out => "measure-status-without-date",
    measure_misspelt_field => "measure-misspelt-field",
    publisher_policy_naming_an_unknown_page => "publisher-unknown-page",
    nav_unknown_section => "nav-unknown-section",
    nav_entry_with_two_targets => "nav-two-targets",
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

/// The same for mistakes a new user makes, whose messages docs/troubleshooting.md quotes:
/// each message says where, what, and what to write instead.
macro_rules! quoted_error_cases {
    ($($name:ident => $case:literal,)*) => {
        error_cases! { $($name => $case,)* }
        /// The cases whose messages the troubleshooting page must quote.
        const QUOTED_CASES: &[&str] = &[$($case),*];
    };
}

quoted_error_cases! {
    tab_in_the_indentation => "tab-in-indentation",
    unquoted_colon_in_a_title => "colon-in-title",
    source_written_as_text => "source-as-text",
    date_time_mistakes_each_named => "date-time-mistakes",
    topic_title_written_for_its_slug => "topic-title-for-slug",
    template_block_left_open => "unclosed-if-in-template",
    file_name_in_a_language_the_site_does_not_list => "language-suffix-not-listed",
    file_name_with_a_language_on_a_one_language_site => "language-on-a-one-language-site",
    lang_almost_one_of_the_sites => "lang-almost-a-site-language",
    default_language_changed_without_renaming => "default-language-changed",
    misspelt_field => "misspelt-field",
    unknown_topic => "unknown-topic",
    missing_template => "missing-template",
}

/// Builds that succeed with a warning: the minimal site with tests/fixtures/warnings/<case>
/// laid over it; the whole stderr is snapshotted.
macro_rules! warning_cases {
    ($($name:ident => $case:literal,)*) => {$(
        #[test]
        fn $name() {
            let site = site_copy("sites/minimal");
            copy_tree(&fixture(concat!("warnings/", $case)), site.path());
            let output = build(site.path(), &["--quiet"]);
            assert!(output.status.success(), "{}", stderr(&output));
            insta::assert_snapshot!($case, stderr(&output));
        }
    )*};
}

warning_cases! {
    lang_of_a_language_the_site_does_not_list => "lang-not-a-site-language",
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

/// docs/troubleshooting.md quotes messages in blocks marked ` ```text errors/<case> `: each
/// line quoted must be a line of that case's snapshot (which the test of the case keeps
/// equal to what briefing prints), and every case of `QUOTED_CASES` must be quoted.
#[test]
fn the_troubleshooting_page_quotes_each_message_as_briefing_prints_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = read(root.join("docs/troubleshooting.md"));
    let mut quoted = Vec::new();
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        let Some(case) = line.trim().strip_prefix("```text errors/") else { continue };
        let snapshot = read(root.join(format!("tests/it/snapshots/it__errors__{case}.snap")));
        let printed: Vec<&str> =
            snapshot.lines().skip_while(|l| *l != "---").skip(1).skip_while(|l| *l != "---").skip(1).collect();
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        assert!(!block.is_empty(), "docs/troubleshooting.md: the block of {case} is empty");
        for line in block {
            assert!(
                printed.contains(&line),
                "docs/troubleshooting.md quotes, for {case}:\n{line}\nbut briefing prints:\n{}",
                printed.join("\n")
            );
        }
        quoted.push(case.to_owned());
    }
    for case in QUOTED_CASES {
        assert!(quoted.iter().any(|q| q == case), "docs/troubleshooting.md does not quote the message of {case}");
    }
}

#[test]
fn every_case_folder_has_a_test() {
    let listed = include_str!("errors.rs");
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(listed.contains(&format!("=> \"{name}\"")), "tests/fixtures/errors/{name} has no test");
    }
}
