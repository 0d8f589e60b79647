//! `content/entities.yaml`: canonical names of organizations, regions (any taxonomy) and their aliases.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::i18n::canonical_language;
use crate::yaml::{self, Document};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityDefinition {
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    description: String,
    /// The entity's name per language (`{ fr: Chine }`); each also stands for it.
    #[serde(default)]
    names: BTreeMap<String, String>,
    /// Its description per language (`{ fr: "La République populaire de Chine." }`).
    #[serde(default)]
    descriptions: BTreeMap<String, String>,
}

/// Canonical entities of each taxonomy, with a case-insensitive alias lookup.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    /// taxonomy -> lowercase name or alias -> canonical name
    lookup: HashMap<String, HashMap<String, String>>,
    /// taxonomy -> canonical name -> description
    descriptions: HashMap<String, HashMap<String, String>>,
    /// taxonomy -> canonical name -> language -> name
    names: HashMap<String, HashMap<String, BTreeMap<String, String>>>,
    /// taxonomy -> canonical name -> language -> description
    translated_descriptions: HashMap<String, HashMap<String, BTreeMap<String, String>>>,
    /// taxonomy -> every name and alias as written, with its canonical name (for `import`)
    spellings: HashMap<String, Vec<(String, String)>>,
}

impl Entities {
    /// Parses the file's text; `taxonomies` are the site's, every section must be one of
    /// them; `languages` are the codes of the site's languages, which `names:` and
    /// `descriptions:` are given in.
    pub fn parse(
        text: &str,
        path: &Path,
        taxonomies: &[String],
        languages: &[&str],
    ) -> Result<Entities, Vec<Diagnostic>> {
        let document = Document::file(text);
        let raw: BTreeMap<String, BTreeMap<String, Option<EntityDefinition>>> = if document.text.trim().is_empty() {
            BTreeMap::new()
        } else {
            yaml::parse(&document, &["aliases", "description", "descriptions", "names"])
                .map_err(|error| vec![error.in_file(path)])?
        };
        let mut entities = Entities::default();
        let mut problems = Vec::new();
        for (taxonomy, definitions) in raw {
            if !taxonomies.contains(&taxonomy) {
                let known: Vec<&str> = taxonomies.iter().map(String::as_str).collect();
                let (line, column) = yaml::locate(&document, &taxonomy, None);
                problems.push(Diagnostic::new(path, line, column, yaml::unknown("taxonomy", &taxonomy, &known)));
                continue;
            }
            let lookup = entities.lookup.entry(taxonomy.clone()).or_default();
            let descriptions = entities.descriptions.entry(taxonomy.clone()).or_default();
            for (canonical, definition) in definitions {
                let mut definition = definition.unwrap_or_default();
                if canonical.trim().is_empty() {
                    let (line, column) = yaml::locate(&document, &taxonomy, None);
                    problems.push(Diagnostic::new(
                        path,
                        line,
                        column,
                        format!("an entity of `{taxonomy}` has an empty name: write its name"),
                    ));
                    continue;
                }
                for (field, per_language) in
                    [("names", &mut definition.names), ("descriptions", &mut definition.descriptions)]
                {
                    let mut canonical_codes: BTreeMap<String, String> = BTreeMap::new();
                    for (code, text) in std::mem::take(per_language) {
                        let (line, column) = locate_language(&document, &taxonomy, &canonical, field, &code);
                        let lower = canonical_language(&code);
                        if !languages.contains(&lower.as_str()) {
                            problems.push(Diagnostic::new(
                                path,
                                line,
                                column,
                                yaml::unknown("language", &code, languages),
                            ));
                        } else if field == "names" && text.trim().is_empty() {
                            problems.push(Diagnostic::new(
                                path,
                                line,
                                column,
                                format!(
                                    "the `{lower}` name of `{canonical}` is empty: write it, or leave `{code}:` out"
                                ),
                            ));
                        } else if let Some(first) = canonical_codes.get(&lower) {
                            problems.push(Diagnostic::new(
                                path,
                                line,
                                column,
                                format!("`{code}` repeats `{first}` in `{field}` of `{canonical}` (language tags ignore case): keep one"),
                            ));
                        } else {
                            canonical_codes.insert(lower.clone(), code);
                            per_language.insert(lower, text);
                        }
                    }
                }
                if definition.aliases.iter().any(|alias| alias.trim().is_empty()) {
                    let entity = yaml::locate(&document, &taxonomy, Some(&canonical));
                    let (line, column) = yaml::locate_after(&document, entity, &["aliases"]).unwrap_or(entity);
                    problems.push(Diagnostic::new(
                        path,
                        line,
                        column,
                        format!("`{canonical}` has an empty alias in `aliases`: remove it"),
                    ));
                }
                if !definition.descriptions.is_empty() {
                    let descriptions = entities.translated_descriptions.entry(taxonomy.clone()).or_default();
                    descriptions.insert(canonical.clone(), definition.descriptions.clone());
                }
                if !definition.description.is_empty() {
                    descriptions.insert(canonical.clone(), definition.description.clone());
                }
                if !definition.names.is_empty() {
                    let names = entities.names.entry(taxonomy.clone()).or_default();
                    names.insert(canonical.clone(), definition.names.clone());
                }
                let spellings = entities.spellings.entry(taxonomy.clone()).or_default();
                let translated = definition.names.values().filter(|name| **name != canonical);
                for name in std::iter::once(&canonical).chain(&definition.aliases).chain(translated) {
                    spellings.push((name.clone(), canonical.clone()));
                    if let Some(previous) = lookup.insert(name.to_lowercase(), canonical.clone())
                        && previous != canonical
                    {
                        let (line, column) = yaml::locate(&document, &taxonomy, Some(name));
                        problems.push(Diagnostic::new(
                            path,
                            line,
                            column,
                            format!("`{name}` in `{taxonomy}` names both `{previous}` and `{canonical}`: keep it under one of them"),
                        ));
                    }
                }
            }
        }
        if problems.is_empty() { Ok(entities) } else { Err(problems) }
    }

    /// The canonical name for `name` in `taxonomy`; an unknown name is its own entity.
    pub fn canonical<'a>(&'a self, taxonomy: &str, name: &'a str) -> &'a str {
        self.lookup.get(taxonomy).and_then(|names| names.get(&name.to_lowercase())).map_or(name, String::as_str)
    }

    /// Every name and alias of `taxonomy` as written, each with its canonical name.
    pub fn spellings(&self, taxonomy: &str) -> &[(String, String)] {
        self.spellings.get(taxonomy).map_or(&[], Vec::as_slice)
    }

    /// An entity's names in other languages (`fr` -> `Chine`), from `names:`.
    pub fn names(&self, taxonomy: &str, canonical: &str) -> Option<&BTreeMap<String, String>> {
        self.names.get(taxonomy)?.get(canonical)
    }

    /// An entity's description in the default language (`description:`).
    pub fn description(&self, taxonomy: &str, canonical: &str) -> Option<&str> {
        self.descriptions.get(taxonomy)?.get(canonical).map(String::as_str)
    }

    /// An entity's descriptions in other languages (`fr` -> `…`), from `descriptions:`.
    pub fn descriptions(&self, taxonomy: &str, canonical: &str) -> Option<&BTreeMap<String, String>> {
        self.translated_descriptions.get(taxonomy)?.get(canonical)
    }
}

/// Where language `code` of an entity's `field` (`names`, `descriptions`) is written:
/// the entity's line under its taxonomy, then the field, then `code:` after it.
fn locate_language(
    document: &Document<'_>,
    taxonomy: &str,
    canonical: &str,
    field: &str,
    code: &str,
) -> (usize, usize) {
    let entity = yaml::locate(document, taxonomy, Some(canonical));
    yaml::locate_after(document, entity, &[field, &format!("{code}:")]).unwrap_or(entity)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomies() -> Vec<String> {
        vec!["tags".into(), "organizations".into(), "regions".into()]
    }

    #[test]
    fn aliases_fold_into_the_canonical_name() {
        let text = "organizations:\n  Amazon Web Services: { aliases: [AWS] }\n  ASML: {}\n  IBM:\nregions:\n  China: { aliases: [Chine, Pékin] }\n";
        let entities = Entities::parse(text, Path::new("content/entities.yaml"), &taxonomies(), &["en", "fr"]).unwrap();
        assert_eq!(entities.canonical("organizations", "aws"), "Amazon Web Services");
        assert_eq!(entities.canonical("organizations", "ASML"), "ASML");
        assert_eq!(entities.canonical("regions", "Pékin"), "China");
        assert_eq!(entities.canonical("regions", "Mars"), "Mars");
        assert_eq!(entities.canonical("tags", "AWS"), "AWS");
        let spellings = entities.spellings("regions");
        assert!(spellings.contains(&("Pékin".to_owned(), "China".to_owned())), "{spellings:?}");
    }

    #[test]
    fn names_per_language_name_the_entity_and_stand_for_it() {
        let text = "regions:\n  China: { aliases: [PRC], names: { fr: Chine } }\n";
        let entities = Entities::parse(text, Path::new("content/entities.yaml"), &taxonomies(), &["en", "fr"]).unwrap();
        assert_eq!(entities.canonical("regions", "chine"), "China");
        assert_eq!(entities.names("regions", "China").unwrap()["fr"], "Chine");
        assert!(entities.names("regions", "PRC").is_none());
    }

    #[test]
    fn descriptions_per_language_describe_the_entity() {
        let text = "regions:\n  China: { description: \"The PRC.\", descriptions: { fr: \"La RPC.\" } }\n";
        let entities = Entities::parse(text, Path::new("content/entities.yaml"), &taxonomies(), &["en", "fr"]).unwrap();
        assert_eq!(entities.description("regions", "China"), Some("The PRC."));
        assert_eq!(entities.descriptions("regions", "China").unwrap()["fr"], "La RPC.");
    }

    #[test]
    fn unknown_languages_are_located_in_their_field() {
        let text = "regions:\n  Chile: { names: { es: Chile } }\n  China:\n    names: { fr: Chine }\n    descriptions: { fr: \"La RPC.\", fra: \"?\" }\n";
        let errors = Entities::parse(text, Path::new("e.yaml"), &taxonomies(), &["en", "fr"]).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "e.yaml:2:21: unknown language `es`; known languages: en, fr",
                "e.yaml:5:36: unknown language `fra`; did you mean `fr`?"
            ]
        );
    }

    #[test]
    fn unknown_taxonomy_is_located() {
        let errors = Entities::parse("organisations:\n  IBM: {}\n", Path::new("e.yaml"), &taxonomies(), &["en", "fr"])
            .unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "e.yaml:1:1: unknown taxonomy `organisations`; did you mean `organizations`?"
        );
    }

    #[test]
    fn one_alias_for_two_entities_is_an_error() {
        let text = "organizations:\n  Amazon: { aliases: [AWS] }\n  Amazon Web Services: { aliases: [AWS] }\n";
        assert!(Entities::parse(text, Path::new("e.yaml"), &taxonomies(), &["en", "fr"]).is_err());
    }
}
