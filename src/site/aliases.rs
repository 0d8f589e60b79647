//! Old addresses -> the pages they lead to: the `aliases:` of articles, topics and
//! standalone pages, and the other names of entities (entities.yaml `aliases:`), whose
//! term pages would be at the other name's slug. Pure.

use std::collections::HashMap;
use std::path::Path;

use super::Site;
use crate::content::Alias;
use crate::diagnostic::Diagnostic;
use crate::route::{LanguageId, PageId, Route, TaxonomyId, TermId, TopicId, language_prefix, output_file, term_path};

/// An old address of a page and the page it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// A path of the site without its base path (`/articles/old-slug/`).
    pub path: String,
    pub target: Route,
}

/// Where an alias was written, to name it in an error about another.
struct Written<'s> {
    file: &'s Path,
    alias: &'s Alias,
}

/// The site's redirects, the written aliases first; `taken`: the output file of every page
/// of the site. A written alias that is a page's address or another alias's is a problem at
/// its line; an entity's other name whose address is taken is left out (the page there, or
/// the first alias, wins).
pub fn redirects(site: &Site, taken: &HashMap<String, Route>) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut redirects = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, Written<'_>> = HashMap::new();
    for (file, alias, target) in written(site) {
        let output = output_file(&alias.path);
        let at = |message: String| Diagnostic::new(file, alias.line, alias.column, message);
        if let Some(&route) = taken.get(&output) {
            problems.push(at(format!(
                "the alias `{}` is the address of a page of the site (`{}`): an alias names an old address that no \
                 page has now",
                alias.path,
                site.routes.url(route)
            )));
        } else if let Some(earlier) = seen.get(&output) {
            problems.push(at(format!(
                "the alias `{}` is also an alias in {}:{}:{}: an old address leads to one page, so keep one",
                alias.path,
                earlier.file.display(),
                earlier.alias.line,
                earlier.alias.column
            )));
        } else {
            seen.insert(output, Written { file, alias });
            redirects.push(Redirect { path: alias.path.clone(), target });
        }
    }
    for redirect in entity_redirects(site) {
        let output = output_file(&redirect.path);
        let free = !taken.contains_key(&output) && !redirects.iter().any(|r| output_file(&r.path) == output);
        if free {
            redirects.push(redirect);
        }
    }
    (redirects, problems)
}

/// Every alias written in front matter: its file, itself, and the page it leads to.
fn written(site: &Site) -> Vec<(&Path, &Alias, Route)> {
    let mut all = Vec::new();
    for (id, article) in site.articles.iter().enumerate() {
        let target = Route::Article(crate::route::ArticleId(id));
        all.extend(article.aliases.iter().map(|alias| (article.path.as_path(), alias, target)));
    }
    for (t, entry) in site.topics.iter().enumerate() {
        let topic = TopicId(t);
        let target = Route::Topic(LanguageId::DEFAULT, topic);
        all.extend(entry.topic.aliases.iter().map(|alias| (entry.topic.path.as_path(), alias, target)));
        for translation in &entry.translations {
            let lang = site.config.language_id(&translation.translation_language().unwrap_or_default());
            let target = Route::Topic(lang, topic);
            all.extend(translation.aliases.iter().map(|alias| (translation.path.as_path(), alias, target)));
        }
    }
    for (id, page) in site.pages.iter().enumerate() {
        let target = Route::Page(site.page_languages[id], PageId(id));
        all.extend(page.aliases.iter().map(|alias| (page.path.as_path(), alias, target)));
    }
    all
}

/// The address each other name of an entity would have as a term of its own, in every
/// language, leading to the entity's page (`/organizations/aws/` to
/// `/organizations/amazon-web-services/`).
fn entity_redirects(site: &Site) -> Vec<Redirect> {
    let mut redirects = Vec::new();
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        for (index, term) in taxonomy.terms.iter().enumerate() {
            for alias in &term.aliases {
                let slug = slug::slugify(alias);
                if slug.is_empty() || slug == term.slug || taxonomy.terms.iter().any(|other| other.slug == slug) {
                    continue;
                }
                for lang in site.routes.languages() {
                    let prefix = match lang {
                        LanguageId::DEFAULT => String::new(),
                        other => language_prefix(&site.config.languages[other].code),
                    };
                    let path = format!("{prefix}{}", term_path(&taxonomy.name, &slug));
                    if redirects.iter().any(|r: &Redirect| r.path == path) {
                        continue;
                    }
                    redirects.push(Redirect { path, target: Route::Term(lang, TaxonomyId(t), TermId(index)) });
                }
            }
        }
    }
    redirects
}

/// The `_redirects` file of Netlify and Cloudflare Pages: one `old new 301` line per
/// redirect, both root-relative with the base path.
pub fn redirects_file(site: &Site, redirects: &[Redirect]) -> String {
    let mut text = String::from("# Old addresses and the pages they lead to, made by briefing from `aliases:`.\n");
    for redirect in redirects {
        let from = site.routes.url_of(&redirect.path);
        text.push_str(&format!("{from} {} 301\n", site.routes.url(redirect.target)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::tests::site_of;

    #[test]
    fn an_alias_leads_to_its_page_unless_the_address_is_taken() {
        let site = site_of(&[
            ("a", "aliases: [/articles/old-a/, /2024/a.html]\norganizations: [AWS]"),
            ("b", "aliases: [/articles/a/]"),
            ("c", "aliases: [/articles/old-a/]"),
        ]);
        let taken: HashMap<String, Route> =
            site.routes.all(&[]).into_iter().map(|route| (site.routes.output_file(route), route)).collect();
        let (redirects, problems) = redirects(&site, &taken);
        let paths: Vec<&str> = redirects.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["/articles/old-a/", "/2024/a.html", "/organizations/aws/"]);
        assert!(redirects[..2].iter().all(|r| site.routes.url(r.target) == "/b/articles/a/"));
        assert_eq!(site.routes.url(redirects[2].target), "/b/organizations/amazon-web-services/");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("is the address of a page of the site (`/b/articles/a/`)"));
        assert!(problems[1].message.contains("is also an alias in content/articles/a.md:5:"), "{problems:?}");
        let file = redirects_file(&site, &redirects);
        assert!(
            file.contains("\n/b/articles/old-a/ /b/articles/a/ 301\n/b/2024/a.html /b/articles/a/ 301\n"),
            "{file}"
        );
        assert!(file.ends_with("/b/organizations/aws/ /b/organizations/amazon-web-services/ 301\n"), "{file}");
    }
}
