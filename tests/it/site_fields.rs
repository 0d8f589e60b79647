//! The site's own fields: `extra:` in front matter and site.yaml, a free-form map that
//! templates read while every other key stays strict, and the files of `data/`, which
//! templates read as `data.<stem>`.

use crate::common::SiteTest;

/// The minimal site with `extra:` everywhere, a data file, and templates that show them.
fn site_with_fields() -> SiteTest {
    SiteTest::fixture("sites/minimal")
        .file("site.yaml", "title: \"Minimal\"\nbase_url: \"https://example.org/\"\nextra:\n  newsroom: Geneva\n")
        .file(
            "content/articles/first.md",
            "---\ntitle: \"First\"\ndate: 2025-01-02\ntopics: [chips]\nextra:\n  desk: Tokyo\n  \
             sidebar: { links: [a, b] }\n---\nText.\n",
        )
        .file("content/topics/chips.md", "---\ntitle: \"Chips\"\nextra: { colour: teal }\n---\nIntro.\n")
        .file("content/pages/contact.md", "---\ntitle: \"Contact\"\nextra: { form: true }\n---\nWrite.\n")
        .file("data/desks.yaml", "tokyo:\n  editor: \"Aiko\"\n  phone: \"+81 3 0000 0000\"\n")
        .file(
            "templates/article.html",
            "{{ article.extra.desk }}|{{ article.extra.sidebar.links | length }}|{{ site.extra.newsroom }}|\
             {{ data.desks.tokyo.editor }}\n",
        )
        .file("templates/topic.html", "{{ topic.extra.colour }}|{{ data.desks.tokyo.phone }}\n")
        .file("templates/page.html", "{{ standalone.extra.form }}\n")
}

#[test]
fn templates_read_extra_fields_and_data_files() {
    let site = site_with_fields();
    site.build().succeeds();
    assert_eq!(site.public("articles/first/index.html"), "Tokyo|2|Geneva|Aiko\n");
    assert_eq!(site.public("topics/chips/index.html"), "teal|+81 3 0000 0000\n");
    assert_eq!(site.public("contact/index.html"), "true\n");
}

#[test]
fn every_other_key_stays_strict() {
    let site = site_with_fields().file(
        "content/articles/first.md",
        "---\ntitle: \"First\"\ndate: 2025-01-02\ntopics: [chips]\nextras: { desk: Tokyo }\n---\nText.\n",
    );
    site.build().fails().stderr_has("error: content/articles/first.md:5:1: ").stderr_has("did you mean `extra`");
}

#[test]
fn extra_is_a_map() {
    let site = site_with_fields().file(
        "content/articles/first.md",
        "---\ntitle: \"First\"\ndate: 2025-01-02\ntopics: [chips]\nextra: Tokyo\n---\nText.\n",
    );
    site.build().fails().stderr_has(
        "error: content/articles/first.md:5:1: `extra` is a map of the site's own fields, such as `extra: { desk: Tokyo }`",
    );
    let site =
        site_with_fields().file("site.yaml", "title: \"Minimal\"\nbase_url: \"https://example.org/\"\nextra: [a]\n");
    site.build().fails().stderr_has("error: site.yaml:3:1: `extra` is a map of the site's own fields");
}

#[test]
fn a_data_file_that_is_not_yaml_is_an_error_at_its_line_and_column() {
    let site = site_with_fields().file("data/desks.yaml", "tokyo:\n  editor: \"Aiko\n  phone: 1\n");
    site.build().fails().stderr_has(
        "error: data/desks.yaml:4:1: invalid YAML: found unexpected end of stream, while scanning a quoted scalar",
    );
    let site = site_with_fields().file("data/notes.txt", "not data\n");
    site.build().fails().stderr_has("error: data/notes.txt: unexpected file: data/ holds YAML files");
}
