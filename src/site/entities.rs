//! `content/entities.yaml`: canonical names of organizations, regions (any taxonomy) and their aliases.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::actors::{ACTOR_KINDS, Facts, Listing, RawListing};
use crate::diagnostic::Diagnostic;
use crate::i18n::canonical_language;
use crate::yaml::{self, Document};

/// The fields of an entity, for "did you mean".
const ENTITY_FIELDS: &[&str] =
    &["aliases", "description", "descriptions", "names", "kind", "country", "parent", "listed", "list", "since"];

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
    /// What kind of actor it is (`company`, `regulator`, `country`: `actors::ACTOR_KINDS`).
    #[serde(default)]
    kind: Option<String>,
    /// The entity (a region) it belongs to.
    #[serde(default)]
    country: Option<String>,
    /// The entity (of the same taxonomy) that owns it.
    #[serde(default)]
    parent: Option<String>,
    /// The lists it is on, from a day on.
    #[serde(default)]
    listed: Vec<RawListing>,
}

/// An entity's facts as written, kept until every name of the file is known.
struct WrittenFacts {
    taxonomy: String,
    canonical: String,
    kind: Option<String>,
    country: Option<String>,
    parent: Option<String>,
    listed: Vec<RawListing>,
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
    /// taxonomy -> canonical name -> its facts as an actor
    facts: HashMap<String, HashMap<String, Facts>>,
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
            yaml::parse(&document, ENTITY_FIELDS).map_err(|error| vec![error.in_file(path)])?
        };
        let mut entities = Entities::default();
        let mut problems = Vec::new();
        let mut written_facts = Vec::new();
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
                if definition.kind.is_some()
                    || definition.country.is_some()
                    || definition.parent.is_some()
                    || !definition.listed.is_empty()
                {
                    written_facts.push(WrittenFacts {
                        taxonomy: taxonomy.clone(),
                        canonical: canonical.clone(),
                        kind: definition.kind.take(),
                        country: definition.country.take(),
                        parent: definition.parent.take(),
                        listed: std::mem::take(&mut definition.listed),
                    });
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
        for written in written_facts {
            match entities.resolve_facts(&document, path, written) {
                Ok((taxonomy, canonical, facts)) => {
                    entities.facts.entry(taxonomy).or_default().insert(canonical, facts);
                }
                Err(mut located) => problems.append(&mut located),
            }
        }
        if problems.is_empty() { Ok(entities) } else { Err(problems) }
    }

    /// An entity's facts with the names they give resolved, or where they are wrong.
    fn resolve_facts(
        &self,
        document: &Document<'_>,
        path: &Path,
        written: WrittenFacts,
    ) -> Result<(String, String, Facts), Vec<Diagnostic>> {
        let WrittenFacts { taxonomy, canonical, kind, country, parent, listed } = written;
        let mut problems = Vec::new();
        let at = |needles: &[&str], message: String| {
            let entity = yaml::locate(document, &taxonomy, Some(&canonical));
            let (line, column) = yaml::locate_after(document, entity, needles).unwrap_or(entity);
            Diagnostic::new(path, line, column, message)
        };
        let kind = match kind {
            None => {
                problems.push(at(
                    &[],
                    format!("`{canonical}` has facts but no `kind:`; give one of {}", ACTOR_KINDS.join(", ")),
                ));
                ""
            }
            Some(kind) => match ACTOR_KINDS.iter().find(|known| **known == kind) {
                Some(known) => known,
                None => {
                    problems.push(at(&["kind", &kind], yaml::unknown("kind", &kind, ACTOR_KINDS)));
                    ""
                }
            },
        };
        let country = country.and_then(|name| match self.find_anywhere(&name) {
            Some(found) => Some(found),
            None => {
                problems.push(at(&["country", &name], self.unknown_entity("country", &name, None)));
                None
            }
        });
        let parent =
            parent.and_then(|name| match self.lookup.get(&taxonomy).and_then(|n| n.get(&name.to_lowercase())) {
                Some(found) if *found == canonical => {
                    problems.push(at(&["parent", &name], format!("`{canonical}` cannot be its own parent")));
                    None
                }
                Some(found) => Some(found.clone()),
                None => {
                    problems.push(at(&["parent", &name], self.unknown_entity("parent", &name, Some(&taxonomy))));
                    None
                }
            });
        let mut listings = Vec::with_capacity(listed.len());
        for RawListing { list, since } in listed {
            if list.trim().is_empty() {
                problems.push(at(&["listed"], format!("a listing of `{canonical}` has no `list:`: name the list")));
                continue;
            }
            match NaiveDate::parse_from_str(since.trim(), "%Y-%m-%d") {
                Ok(since) => listings.push(Listing { list: list.trim().to_owned(), since }),
                Err(_) => problems.push(at(
                    &["listed", &list, "since"],
                    format!("`since: {since}` of `{canonical}` on `{list}` is not a date: write it as YYYY-MM-DD"),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok((taxonomy, canonical, Facts { kind, country, parent, listed: listings }))
    }

    /// The canonical name and taxonomy of `name` in any taxonomy, the first that has it.
    pub fn find_anywhere(&self, name: &str) -> Option<(String, String)> {
        let lower = name.to_lowercase();
        let mut sections: Vec<(&String, &HashMap<String, String>)> = self.lookup.iter().collect();
        sections.sort_by(|a, b| a.0.cmp(b.0));
        sections.into_iter().find_map(|(taxonomy, names)| names.get(&lower).map(|c| (c.clone(), taxonomy.clone())))
    }

    /// "unknown country `X`", with the closest name the file has (of `taxonomy`, else any).
    pub fn unknown_entity(&self, what: &str, name: &str, taxonomy: Option<&str>) -> String {
        let mut known: Vec<&str> = (self.spellings.iter())
            .filter(|(section, _)| taxonomy.is_none_or(|t| t == section.as_str()))
            .flat_map(|(_, spellings)| spellings.iter().map(|(_, canonical)| canonical.as_str()))
            .collect();
        known.sort_unstable();
        known.dedup();
        match crate::diagnostic::suggestion(name, known.iter().copied()) {
            Some(close) => format!("unknown {what} `{name}`; did you mean `{close}`?"),
            None => format!("unknown {what} `{name}`: name an entity of content/entities.yaml"),
        }
    }

    /// An entity's facts as an actor, if entities.yaml gives any.
    pub fn facts(&self, taxonomy: &str, canonical: &str) -> Option<&Facts> {
        self.facts.get(taxonomy)?.get(canonical)
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
