//! The words and date formats of the interface, per language, read from `i18n/<lang>.yaml`.
//!
//! briefing ships English and French (the files of its own `i18n/` folder, built into the
//! binary); a site's `i18n/` folder overrides them key by key and adds languages. Every key
//! of the English file is one the templates may read as `labels.<key>`; a language that
//! lacks some shows them in English, and `check` lists them. Month names come from the
//! locale data of `pure-rust-locales` (glibc's), unless a file lists its own `months:`.

mod dates;
pub(crate) mod language_tags;
pub(crate) mod typography;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::source::TextFile;
use crate::yaml::{self, Document, Value};
use typography::Typography;

/// A language of the site: its tag, and the site's title and description in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub title: String,
    pub description: String,
}

/// The form of a language tag that briefing compares and writes: tags are
/// case-insensitive (BCP 47), so `FR` and `fr` are one language, written `fr`.
pub(crate) fn canonical_language(code: &str) -> String {
    code.to_ascii_lowercase()
}

/// A BCP 47 language tag such as `en`, `fr` or `pt-BR`.
pub(crate) fn is_valid_language(lang: &str) -> bool {
    let mut parts = lang.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The interface files briefing ships, by language code.
const BUILTIN: [(&str, &str); 2] =
    [("en", include_str!("../../i18n/en.yaml")), ("fr", include_str!("../../i18n/fr.yaml"))];

/// The folder of a site's own interface files.
pub(crate) const FOLDER: &str = crate::source::I18N_FOLDER;

/// Keys a file may leave out without anything missing: the locale data or a default
/// stands in for them.
const OPTIONAL: [&str; 3] = ["months", "day_one", "typography"];

/// Which of an [`Interface`]'s locales: an index, cheap to copy and compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct LocaleId(pub usize);

/// The interface of every language a site's pages may be written in: its declared
/// languages first, in their order, then the languages briefing ships that it does not
/// declare (for an article in such a language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    locales: Vec<Locale>,
}

/// The words and formats of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// The language code, as the site declares it (`fr`, `pt-BR`).
    pub lang: String,
    /// Every label, those the language lacks in English.
    labels: BTreeMap<String, String>,
    /// Month names for dates ("25 июля"), January first.
    months: Vec<String>,
    /// Month names standing alone, as a timeline's headings ("Июль").
    month_headings: Vec<String>,
    /// The keys this language has no text for, shown in English.
    pub missing: Vec<String>,
    /// Whether the site declares this language (`languages:` of site.yaml).
    pub declared: bool,
    /// The site's own file for this language, if it has one.
    pub file: Option<PathBuf>,
}

impl Default for Interface {
    fn default() -> Interface {
        Interface::builtin(&[])
    }
}

impl Interface {
    /// The shipped interface for a site whose languages are `codes` (the default first).
    pub fn builtin(codes: &[&str]) -> Interface {
        Interface::read(codes, &[]).0
    }

    /// The interface for a site whose languages are `codes`, with the site's own files
    /// (`i18n/*.yaml`) over the shipped ones; the problems of those files.
    pub fn read(codes: &[&str], files: &[TextFile]) -> (Interface, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let english = parse_builtin("en");
        let known: Vec<&str> = english.keys().map(String::as_str).collect();
        let mut site_files: Vec<(String, PathBuf, BTreeMap<String, Value>)> = Vec::new();
        for file in files {
            let Some(code) = file_language(&file.path) else {
                problems.push(Diagnostic::whole_file(
                    &file.path,
                    "unexpected file: i18n/ holds one `<language>.yaml` file per language (`de.yaml`)",
                ));
                continue;
            };
            match parse_site_file(file, &known) {
                Ok(entries) => site_files.push((code, file.path.clone(), entries)),
                Err(mut file_problems) => problems.append(&mut file_problems),
            }
        }
        for (code, path, _) in &site_files {
            if !codes.iter().any(|declared| same_language(declared, code) || primary(declared) == code) {
                let declared = codes.join(", ");
                problems.push(Diagnostic::whole_file(
                    path,
                    format!("`{code}` is not one of the site's languages ({declared}); add it to `languages:` in site.yaml or remove the file"),
                ));
            }
        }
        let mut langs: Vec<(String, bool)> = codes.iter().map(|code| ((*code).to_owned(), true)).collect();
        for (code, _) in BUILTIN {
            if !codes.iter().any(|declared| primary(declared) == code) {
                langs.push((code.to_owned(), false));
            }
        }
        let locales = langs
            .into_iter()
            .map(|(lang, declared)| {
                // Least specific first: the shipped file of the primary language, then of
                // the tag, then the site's files in the same order.
                let codes: Vec<&str> =
                    if primary(&lang) == lang { vec![lang.as_str()] } else { vec![primary(&lang), lang.as_str()] };
                let mut layers: Vec<BTreeMap<String, Value>> = Vec::new();
                let mut file = None;
                for code in &codes {
                    if let Some((_, text)) = BUILTIN.iter().find(|(builtin, _)| same_language(builtin, code)) {
                        layers.push(parse_builtin_text(text));
                    }
                }
                for code in &codes {
                    if let Some((_, path, entries)) = site_files.iter().find(|(own, ..)| same_language(own, code)) {
                        layers.push(entries.clone());
                        file = Some(path.clone());
                    }
                }
                Locale::layered(lang, declared, file, &english, &layers)
            })
            .collect();
        (Interface { locales }, problems)
    }

    /// The locale of a language tag: the site's language of that tag, else of its primary
    /// language, else the shipped one, else English.
    pub fn locale_for(&self, lang: &str) -> LocaleId {
        let exact = self.locales.iter().position(|l| same_language(&l.lang, lang));
        let by_primary = || self.locales.iter().position(|l| primary(&l.lang) == primary(lang));
        let english = || self.locales.iter().position(|l| primary(&l.lang) == "en");
        LocaleId(exact.or_else(by_primary).or_else(english).unwrap_or(0))
    }

    pub fn get(&self, id: LocaleId) -> &Locale {
        &self.locales[id.0]
    }

    /// How many locales there are: ids run from 0 to this, excluded.
    pub fn len(&self) -> usize {
        self.locales.len()
    }

    pub fn is_empty(&self) -> bool {
        self.locales.is_empty()
    }

    pub fn locales(&self) -> impl Iterator<Item = &Locale> {
        self.locales.iter()
    }

    /// A language's name in that language (`Français`), as a language switcher shows it;
    /// the tag itself for a language no file names.
    pub fn language_name<'a>(&'a self, lang: &'a str) -> &'a str {
        let locale = self.get(self.locale_for(lang));
        if primary(&locale.lang) == primary(lang) && !locale.missing.iter().any(|key| key == "language_name") {
            locale.label("language_name")
        } else {
            fallback_language_name(lang)
        }
    }
}

impl Locale {
    /// The locale of `lang` from `layers` of entries (each over the one before), with
    /// English under them all.
    fn layered(
        lang: String,
        declared: bool,
        file: Option<PathBuf>,
        english: &BTreeMap<String, Value>,
        layers: &[BTreeMap<String, Value>],
    ) -> Locale {
        let mut labels = BTreeMap::new();
        let mut missing = Vec::new();
        let mut own_months = None;
        for (key, value) in english {
            let own = layers.iter().rev().find_map(|layer| layer.get(key));
            if own.is_none() && !OPTIONAL.contains(&key.as_str()) && primary(&lang) != "en" {
                missing.push(key.clone());
            }
            if let Some(text) = own.or(Some(value)).and_then(Value::as_str) {
                labels.insert(key.clone(), text.to_owned());
            }
        }
        for key in OPTIONAL {
            if let Some(value) = layers.iter().rev().find_map(|layer| layer.get(key)) {
                match yaml::string_list(value) {
                    Some(list) if key == "months" => own_months = Some(list),
                    _ => {
                        if let Some(text) = value.as_str() {
                            labels.insert(key.to_owned(), text.to_owned());
                        }
                    }
                }
            }
        }
        let (months, month_headings) = match own_months {
            Some(months) => (months.clone(), months),
            None => match dates::months(&lang) {
                Some(names) => names,
                None => {
                    missing.push("months".to_owned());
                    dates::months("en").unwrap_or_default()
                }
            },
        };
        // What the search page's script needs to write dates as the pages do.
        labels.entry("day_one".to_owned()).or_insert_with(|| "1".to_owned());
        labels.insert("months".to_owned(), months.join("|"));
        Locale { lang, labels, months, month_headings, missing, declared, file }
    }

    /// The text of `key` (a key of the English file).
    pub fn label(&self, key: &str) -> &str {
        self.labels.get(key).map_or_else(
            || {
                debug_assert!(false, "no interface text `{key}`");
                ""
            },
            String::as_str,
        )
    }

    /// Every label, as templates read them (`labels.search`).
    pub fn labels(&self) -> &BTreeMap<String, String> {
        &self.labels
    }

    /// The heading of a taxonomy: its label for the built-in ones, else the name capitalised.
    pub fn taxonomy(&self, name: &str) -> String {
        match crate::taxonomies::builtin(name) {
            Some(_) => self.label(name).to_owned(),
            None => {
                let mut chars = name.chars();
                chars
                    .next()
                    .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect::<String>().replace('-', " "))
            }
        }
    }

    /// The name of a month (1 to 12) standing alone, as a heading.
    pub fn month_name(&self, month: u32) -> &str {
        &self.month_headings[(month.clamp(1, 12) - 1) as usize]
    }

    /// The names of the months as dates write them, January first.
    pub fn months(&self) -> &[String] {
        &self.months
    }

    /// The typography of the language's texts (`typography: french`), plain by default.
    pub fn typography(&self) -> Typography {
        self.labels.get("typography").map_or(Typography::Plain, |name| Typography::named(name))
    }

    /// "3 articles" / "1 article".
    pub fn article_count(&self, count: usize) -> String {
        format!("{count} {}", if count == 1 { self.label("article") } else { self.label("articles") })
    }

    /// "5 min read", at 220 words a minute.
    pub fn reading_time(&self, words: usize) -> String {
        let minutes = words.div_ceil(220).max(1);
        self.label("reading_time").replace("{minutes}", &minutes.to_string())
    }
}

/// The month names dates use in `lang` (January first), from the locale data; English's
/// for a language it does not know. For generators of sample text.
pub fn month_names(lang: &str) -> Vec<String> {
    dates::months(lang).or_else(|| dates::months("en")).map(|(in_dates, _)| in_dates).unwrap_or_default()
}

/// `de` for `i18n/de.yaml`.
fn file_language(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let code = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))?;
    is_valid_language(code).then(|| code.to_owned())
}

/// Language tags are compared without case, `_` read as `-`.
fn same_language(a: &str, b: &str) -> bool {
    a.replace('_', "-").eq_ignore_ascii_case(&b.replace('_', "-"))
}

/// `fr` for `fr-CA`.
fn primary(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or_default()
}

fn parse_builtin(code: &str) -> BTreeMap<String, Value> {
    BUILTIN.iter().find(|(builtin, _)| *builtin == code).map(|(_, text)| parse_builtin_text(text)).unwrap_or_default()
}

fn parse_builtin_text(text: &str) -> BTreeMap<String, Value> {
    yaml::parse(&Document::file(text), &[]).expect("the shipped interface files parse")
}

/// A site's interface file: a mapping of known keys to text (`months:` a list of twelve).
fn parse_site_file(file: &TextFile, known: &[&str]) -> Result<BTreeMap<String, Value>, Vec<Diagnostic>> {
    let document = Document::file(&file.text);
    if file.text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    let entries: BTreeMap<String, Value> = yaml::parse(&document, &[])
        .map_err(|error| vec![Diagnostic::new(&file.path, error.line, error.column, error.message)])?;
    let mut keys: Vec<&str> = known.to_vec();
    keys.extend(OPTIONAL);
    let mut problems = Vec::new();
    for (key, value) in &entries {
        let (line, column) = yaml::locate(&document, key, None);
        let at = |message: String| Diagnostic::new(&file.path, line, column, message);
        if !keys.contains(&key.as_str()) {
            problems.push(at(yaml::unknown("key", key, &keys)));
        } else if key == "months" {
            if yaml::string_list(value).is_none_or(|list| list.len() != 12) {
                problems.push(at("`months:` lists the twelve month names, January first".to_owned()));
            }
        } else if value.as_str().is_none() {
            problems.push(at(format!("`{key}:` is a text; quote it if it is a number or starts with a symbol")));
        }
    }
    if problems.is_empty() { Ok(entries) } else { Err(problems) }
}

/// The names of languages briefing has no file for, in those languages.
fn fallback_language_name(lang: &str) -> &str {
    match primary(lang) {
        "en" => "English",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "it" => "Italiano",
        "zh" => "中文",
        _ => lang,
    }
}

#[cfg(test)]
mod tests;
