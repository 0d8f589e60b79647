use super::*;

fn context<'a>(topics: &'a [String], taxonomies: &'a [String]) -> ParseContext<'a> {
    ParseContext { default_language: "en", languages: &[], topics, topic_titles: &[], taxonomies }
}

fn taxonomies() -> Vec<String> {
    vec!["tags".into(), "organizations".into(), "regions".into()]
}

#[test]
fn unknown_topic_is_located_with_suggestion() {
    let topics = vec!["us-china-tech-decoupling".to_owned()];
    let text = "---\ntitle: A\ndate: 2025-01-01\ntopics: [us-china]\n---\nBody\n";
    let errors =
        Article::parse(Path::new("content/articles/a.md"), text, &context(&topics, &taxonomies())).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "content/articles/a.md:4:10: unknown topic `us-china`: add content/topics/us-china.md or use a known slug; did you mean `us-china-tech-decoupling`?"
    );
}

#[test]
fn misspelt_field_suggests_the_field() {
    let topics = vec!["t".to_owned()];
    let text = "---\ntittle: A\ndate: 2025-01-01\ntopics: [t]\n---\n";
    let errors = Article::parse(Path::new("a.md"), text, &context(&topics, &taxonomies())).unwrap_err();
    assert!(
        errors.iter().any(|e| e.to_string().contains("unknown field `tittle`; did you mean `title`?")),
        "{errors:?}"
    );
}

#[test]
fn custom_taxonomy_is_read_when_declared() {
    let topics = vec!["t".to_owned()];
    let tax = vec!["tags".to_owned(), "people".to_owned()];
    let text = "---\ntitle: A\ndate: 2025-01-01\ntopics: [t]\npeople: [Ada]\n---\n";
    let article = Article::parse(Path::new("a.md"), text, &context(&topics, &tax)).unwrap();
    assert_eq!(article.terms, vec![Vec::<String>::new(), vec!["Ada".to_owned()]]);
}

#[test]
fn slug_with_slash_is_refused() {
    let topics = vec!["t".to_owned()];
    let text = "---\ntitle: A\ndate: 2025-01-01\ntopics: [t]\nslug: ../evil\n---\n";
    let errors = Article::parse(Path::new("a.md"), text, &context(&topics, &taxonomies())).unwrap_err();
    assert!(errors[0].message.contains("not allowed"), "{errors:?}");
    assert_eq!(errors[0].line, 5);
}

#[test]
fn summary_falls_back_to_first_paragraph() {
    let topics = vec!["t".to_owned()];
    let text = "---\ntitle: A\ndate: 2025-01-01\ntopics: [t]\n---\nFirst words here.\n\nSecond.\n";
    let article =
        Article::parse(Path::new("content/articles/My File.md"), text, &context(&topics, &taxonomies())).unwrap();
    assert_eq!(article.summary, "First words here.");
    assert!(!article.summary_written);
    assert_eq!(article.slug, "my-file");
}

#[test]
fn shorten_cuts_at_a_word() {
    assert_eq!(shorten("one two three", 9), "one two…");
    assert_eq!(shorten("short", 9), "short");
}

#[test]
fn a_file_name_may_name_any_language_of_the_site_in_any_case() {
    let topics = vec!["t".to_owned()];
    let language =
        |code: &str| crate::i18n::Language { code: code.to_owned(), title: "T".to_owned(), description: String::new() };
    let languages = [language("en"), language("fr")];
    let context = ParseContext {
        default_language: "en",
        languages: &languages[1..],
        topics: &topics,
        topic_titles: &[],
        taxonomies: &[],
    };
    let parse = |name: &str, extra: &str| {
        let text = format!("---\ntitle: A\ndate: 2025-01-01\ntopics: [t]\n{extra}---\n");
        Article::parse(Path::new(&format!("content/articles/{name}")), &text, &context).unwrap()
    };
    for (name, extra, slug, lang) in [
        ("welcome.en.md", "", "welcome", "en"),
        ("welcome.FR.md", "", "welcome", "fr"),
        ("welcome.md", "lang: FR\n", "welcome", "fr"),
        ("node.js.md", "", "node-js", "en"),
    ] {
        let article = parse(name, extra);
        assert_eq!((article.slug.as_str(), article.lang.as_str()), (slug, lang), "{name}");
    }
    assert_eq!(parse("welcome.en.md", "").translation_key, parse("welcome.fr.md", "").translation_key);
    // A language the site does not list is not read as part of the slug.
    let refused = |name: &str, languages: &[crate::i18n::Language]| {
        let context = ParseContext { languages, ..context };
        let text = "---\ntitle: A\ndate: 2025-01-01\ntopics: [t]\n---\n";
        Article::parse(Path::new(&format!("content/articles/{name}")), text, &context).unwrap_err()[0].message.clone()
    };
    assert!(refused("welcome.de.md", &languages[1..]).contains("add `- code: de` under `languages:`"));
    assert!(refused("welcome.en.md", &[]).contains("name the file `welcome.md`"));
}
