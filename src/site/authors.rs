//! `content/authors.yaml`: the people who write the site's articles, by the id articles
//! name them with (`authors: [ana-ruiz]`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{ArticleId, Site};
use crate::content::is_valid_slug;
use crate::diagnostic::Diagnostic;
use crate::i18n::canonical_language;
use crate::route::{AuthorId, LanguageId};
#[cfg(test)]
use crate::source::AUTHORS_FILE;
use crate::yaml::{self, Document};

/// The fields of an author, for "did you mean".
const AUTHOR_FIELDS: &[&str] = &["name", "role", "bio", "links", "roles", "bios"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthor {
    #[serde(deserialize_with = "yaml::required_text")]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    links: Vec<String>,
    /// The role in other languages (`{ fr: Correspondante }`).
    #[serde(default)]
    roles: BTreeMap<String, String>,
    /// The biography in other languages.
    #[serde(default)]
    bios: BTreeMap<String, String>,
}

/// One author: what `authors.yaml` says of them, and the articles they wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// What articles name them with, and their page's address (`/authors/<id>/`).
    pub id: String,
    pub name: String,
    pub role: String,
    pub bio: String,
    /// Their pages elsewhere (a profile, a social account): schema.org's `sameAs`.
    pub links: Vec<String>,
    pub roles: BTreeMap<String, String>,
    pub bios: BTreeMap<String, String>,
    /// Every version of every story they wrote, newest first (`Site::with_authors`).
    pub articles: Vec<ArticleId>,
    /// Per language of the site: their stories as its listings show them, one version per
    /// story, newest first.
    pub listings: Vec<Vec<ArticleId>>,
}

impl Author {
    /// Their role in the language `code`, else in the default language.
    pub fn role_in(&self, code: &str) -> &str {
        self.roles.get(code).map_or(&self.role, String::as_str)
    }

    /// Their biography in the language `code`, else in the default language.
    pub fn bio_in(&self, code: &str) -> &str {
        self.bios.get(code).map_or(&self.bio, String::as_str)
    }

    /// Their stories as the listings of `lang` show them, newest first.
    pub fn listing(&self, lang: LanguageId) -> &[ArticleId] {
        &self.listings[lang]
    }
}

/// The stories of `articles` as the listings of `lang` show them: the version each lists
/// there (an author may have written one version of a story only), newest first.
pub(super) fn listing(site: &Site, articles: &[ArticleId], lang: LanguageId) -> Vec<ArticleId> {
    let mut stories: Vec<ArticleId> = articles
        .iter()
        .flat_map(|&id| site.translations.versions[id].iter().copied())
        .filter(|&id| site.translations.is_listed(lang, id))
        .collect();
    stories.sort_unstable();
    stories.dedup();
    stories
}

/// Parses `authors.yaml`, by id; `languages`: the codes of the site's languages, which
/// `roles:` and `bios:` are given in.
pub fn parse(text: &str, path: &Path, languages: &[&str]) -> Result<Vec<Author>, Vec<Diagnostic>> {
    let document = Document::file(text);
    let raw: BTreeMap<String, RawAuthor> = if document.text.trim().is_empty() {
        BTreeMap::new()
    } else {
        yaml::parse(&document, AUTHOR_FIELDS).map_err(|error| vec![error.in_file(path)])?
    };
    let mut problems = Vec::new();
    let mut authors = Vec::with_capacity(raw.len());
    for (id, raw) in raw {
        let at = |needles: &[&str], message: String| {
            let entry = yaml::locate(&document, &id, None);
            let (line, column) = yaml::locate_after(&document, entry, needles).unwrap_or(entry);
            Diagnostic::new(path, line, column, message)
        };
        if !is_valid_slug(&id) {
            problems.push(at(
                &[],
                format!(
                    "author id `{id}` is not allowed: it is their page's address, so lowercase letters, digits and `-` (e.g. `{}`)",
                    slug::slugify(&id)
                ),
            ));
            continue;
        }
        if let Some(link) = raw.links.iter().find(|link| !(link.starts_with("https://") || link.starts_with("http://")))
        {
            problems
                .push(at(&["links", link], format!("the link `{link}` of `{id}` must start with https:// or http://")));
        }
        let mut per_language = |field: &str, written: BTreeMap<String, String>| {
            let mut kept = BTreeMap::new();
            for (code, text) in written {
                let lower = canonical_language(&code);
                if languages.contains(&lower.as_str()) {
                    kept.insert(lower, text.trim().to_owned());
                } else {
                    problems.push(at(&[field, &format!("{code}:")], yaml::unknown("language", &code, languages)));
                }
            }
            kept
        };
        let roles = per_language("roles", raw.roles);
        let bios = per_language("bios", raw.bios);
        authors.push(Author {
            id,
            name: raw.name.trim().to_owned(),
            role: raw.role.trim().to_owned(),
            bio: raw.bio.trim().to_owned(),
            links: raw.links,
            roles,
            bios,
            articles: Vec::new(),
            listings: Vec::new(),
        });
    }
    if problems.is_empty() { Ok(authors) } else { Err(problems) }
}

impl Site {
    /// The site with its authors, each with their articles, and the problems of articles
    /// naming an author `authors.yaml` does not have.
    pub fn with_authors(mut self, mut authors: Vec<Author>) -> (Site, Vec<Diagnostic>) {
        let ids: Vec<&str> = authors.iter().map(|author| author.id.as_str()).collect();
        let mut problems = Vec::new();
        let mut article_authors = Vec::with_capacity(self.articles.len());
        for article in &self.articles {
            let mut found = Vec::with_capacity(article.authors.len());
            for (name, &(line, column)) in article.authors.iter().zip(&article.author_positions) {
                match ids.binary_search(&name.as_str()) {
                    Ok(index) => found.push(AuthorId(index)),
                    Err(_) => {
                        let hint = if ids.is_empty() { " (add them to content/authors.yaml)" } else { "" };
                        let message = format!("{}{hint}", yaml::unknown("author", name, &ids));
                        problems.push(Diagnostic::new(&article.path, line, column, message));
                    }
                }
            }
            article_authors.push(found);
        }
        for (id, found) in article_authors.iter().enumerate() {
            for &author in found {
                authors[author].articles.push(ArticleId(id));
            }
        }
        for author in &mut authors {
            author.listings = self.routes.languages().map(|lang| listing(&self, &author.articles, lang)).collect();
        }
        let routes = std::mem::take(&mut self.routes);
        self.routes = routes.with_authors(authors.iter().map(|author| author.id.as_str()));
        self.article_authors = article_authors;
        self.authors = authors;
        (self, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_have_their_fields_per_language() {
        let text = "ana-ruiz:\n  name: Ana Ruiz\n  role: Trade correspondent\n  roles: { fr: Correspondante commerce }\n  links: [https://example.org/ana]\n";
        let authors = parse(text, Path::new(AUTHORS_FILE), &["en", "fr"]).unwrap();
        assert_eq!(authors[0].id, "ana-ruiz");
        assert_eq!(authors[0].role_in("fr"), "Correspondante commerce");
        assert_eq!(authors[0].role_in("de"), "Trade correspondent");
        assert_eq!(authors[0].bio_in("fr"), "");
    }

    #[test]
    fn mistakes_are_located_at_their_value() {
        let text =
            "ana-ruiz:\n  name: Ana Ruiz\n  links: [example.org/ana]\n  bios:\n    de: Text\nAna B:\n  name: Ana B\n";
        let errors = parse(text, Path::new("a.yaml"), &["en", "fr"]).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "a.yaml:6:1: author id `Ana B` is not allowed: it is their page's address, so lowercase letters, digits and `-` (e.g. `ana-b`)",
                "a.yaml:3:11: the link `example.org/ana` of `ana-ruiz` must start with https:// or http://",
                "a.yaml:5:5: unknown language `de`; known languages: en, fr",
            ]
        );
        let misspelt = parse("ana:\n  name: A\n  bio_text: x\n", Path::new("a.yaml"), &["en"]).unwrap_err();
        assert_eq!(misspelt[0].line, 3, "{}", misspelt[0]);
    }
}
