use chrono::{DateTime, FixedOffset};

use super::*;

fn date(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn file(path: &str, text: &str) -> TextFile {
    TextFile { path: PathBuf::from(path), text: text.to_owned() }
}

fn locale<'a>(interface: &'a Interface, lang: &str) -> &'a Locale {
    interface.get(interface.locale_for(lang))
}

#[test]
fn the_shipped_languages_have_every_key() {
    let interface = Interface::builtin(&["en", "fr"]);
    for locale in interface.locales() {
        assert_eq!(locale.missing, Vec::<String>::new(), "{}", locale.lang);
    }
    assert_eq!(locale(&interface, "fr").label("search_button"), "Rechercher");
}

#[test]
fn dates_in_english_and_french() {
    let interface = Interface::builtin(&["en", "fr"]);
    let (en, fr) = (locale(&interface, "en"), locale(&interface, "fr"));
    let d = date("2025-07-25T08:44:00+02:00");
    assert_eq!(en.date(&d), "25 July 2025");
    assert_eq!(fr.date(&d), "25 juillet 2025");
    assert_eq!(fr.date(&date("2025-08-01T00:00:00Z")), "1er août 2025");
    assert_eq!(fr.date_time(&d), "25 juillet 2025 à 8\u{a0}h\u{a0}44 (UTC+02:00)");
    assert_eq!(en.date_time(&date("2025-01-02T10:05:00Z")), "2 January 2025, 10:05 (UTC)");
    assert_eq!(en.reading_time(10), "1 min read");
    assert_eq!(fr.reading_time(661), "4\u{a0}min de lecture");
}

#[test]
fn a_language_without_its_own_file_shows_english_and_lists_what_it_lacks() {
    let interface = Interface::builtin(&["en", "de"]);
    let de = locale(&interface, "de");
    assert_eq!(de.label("search"), "Search");
    assert!(de.missing.contains(&"search".to_owned()));
    // Month names come from the locale data all the same.
    assert_eq!(de.date(&date("2025-03-04T00:00:00Z")), "4 März 2025");
}

#[test]
fn a_site_file_adds_a_language_and_overrides_a_shipped_one_key_by_key() {
    let files = [
        file("i18n/de.yaml", "search: Suche\ndate: \"{day}. {month} {year}\"\n"),
        file("i18n/fr.yaml", "search: Chercher\n"),
    ];
    let (interface, problems) = Interface::read(&["en", "fr", "de"], &files);
    assert_eq!(problems, Vec::new());
    let de = locale(&interface, "de");
    assert_eq!(de.label("search"), "Suche");
    assert_eq!(de.date(&date("2025-03-04T00:00:00Z")), "4. März 2025");
    assert!(!de.missing.contains(&"search".to_owned()) && de.missing.contains(&"archive".to_owned()));
    assert_eq!(de.file, Some(PathBuf::from("i18n/de.yaml")));
    let fr = locale(&interface, "fr");
    assert_eq!((fr.label("search"), fr.label("archive")), ("Chercher", "Archives"));
    assert!(fr.missing.is_empty());
}

#[test]
fn a_regional_language_takes_its_primary_language_and_its_own_file() {
    let files = [file("i18n/fr-CA.yaml", "search: Recherche au Canada\n")];
    let (interface, problems) = Interface::read(&["en", "fr-CA"], &files);
    assert_eq!(problems, Vec::new());
    let fr_ca = locale(&interface, "fr-CA");
    assert_eq!((fr_ca.label("search"), fr_ca.label("archive")), ("Recherche au Canada", "Archives"));
    assert!(fr_ca.missing.is_empty());
}

#[test]
fn unknown_keys_and_wrong_values_are_located() {
    let files = [file("i18n/de.yaml", "search: Suche\nserch: Suche\nmonths: [Januar]\narticle: 3\n")];
    let (_, problems) = Interface::read(&["en", "de"], &files);
    let found: Vec<String> = problems.iter().map(|p| format!("{}:{}", p.line, p.message)).collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("4:`article:` is a text"), "{found:?}");
    assert!(found[1].starts_with("3:`months:` lists the twelve"), "{found:?}");
    assert!(found[2].starts_with("2:unknown key `serch`") && found[2].contains("search"), "{found:?}");
}

#[test]
fn a_file_for_a_language_the_site_does_not_declare_is_a_problem() {
    let (_, problems) = Interface::read(&["en"], &[file("i18n/de.yaml", "search: Suche\n")]);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("`de` is not one of the site's languages"), "{}", problems[0].message);
}

#[test]
fn language_names_come_from_the_files() {
    let (interface, _) = Interface::read(&["en", "fr", "de"], &[file("i18n/de.yaml", "language_name: Deutsch\n")]);
    assert_eq!(interface.language_name("fr"), "Français");
    assert_eq!(interface.language_name("de"), "Deutsch");
    assert_eq!(interface.language_name("zh"), "中文");
    assert_eq!(interface.language_name("sw"), "sw");
}
