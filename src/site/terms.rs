//! Taxonomies: the terms articles carry, folded into canonical names, one page per term.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::{ArticleId, Entities, Taxonomy, Term};
use crate::config::SiteConfig;
use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::route::{TermId, term_path};

type TaxonomyTables = (Vec<Taxonomy>, Vec<Vec<Vec<TermId>>>);

/// Folds aliases into canonical names and groups spellings with the same slug.
pub(super) fn build_taxonomies(
    config: &SiteConfig,
    articles: &[Article],
    entities: &Entities,
    problems: &mut Vec<Diagnostic>,
) -> TaxonomyTables {
    let mut taxonomies = Vec::with_capacity(config.taxonomies.len());
    let mut article_terms: Vec<Vec<Vec<TermId>>> = vec![Vec::with_capacity(config.taxonomies.len()); articles.len()];
    for (t, name) in config.taxonomies.iter().enumerate() {
        // Terms with the same slug are one: (slug, spelling -> uses, articles), in order of appearance.
        let mut groups: Vec<(String, BTreeMap<&str, usize>, Vec<ArticleId>)> = Vec::new();
        let mut group_of_slug: HashMap<String, usize> = HashMap::new();
        // Few distinct names among many uses: each is resolved once to (group, canonical name).
        let mut resolved: HashMap<&str, (usize, &str)> = HashMap::new();
        let mut groups_of_article: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
        for (id, article) in articles.iter().enumerate() {
            let mut mine: Vec<usize> = Vec::new();
            for written in article.terms.get(t).into_iter().flatten() {
                let &mut (group, canonical) = resolved.entry(written.as_str()).or_insert_with(|| {
                    let canonical = entities.canonical(name, written);
                    let slug = slug::slugify(canonical);
                    let group = *group_of_slug.entry(slug.clone()).or_insert_with(|| {
                        groups.push((slug, BTreeMap::new(), Vec::new()));
                        groups.len() - 1
                    });
                    (group, canonical)
                });
                *groups[group].1.entry(canonical).or_default() += 1;
                if !mine.contains(&group) {
                    groups[group].2.push(ArticleId(id));
                    mine.push(group);
                }
            }
            groups_of_article.push(mine);
        }
        for (slug, spellings, ids) in &groups {
            let first_use = |canonical: &str| {
                let uses = |article: &&Article| {
                    let written = article.terms.get(t).into_iter().flatten();
                    written.into_iter().any(|w| resolved.get(w.as_str()).is_some_and(|(_, c)| *c == canonical))
                };
                ids.iter().map(|&id| &articles[id]).find(uses).map(|a| a.path.clone()).unwrap_or_default()
            };
            check_one_term(name, slug, spellings.keys().copied(), first_use, problems);
        }
        let mut terms: Vec<(usize, Term)> = groups
            .into_iter()
            .enumerate()
            .map(|(group, (slug, spellings, articles))| {
                // The most used spelling names the term; ties go to the first alphabetically.
                let display = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(s, _)| s.to_string())
                    .unwrap_or_default();
                let term = Term {
                    name: display,
                    slug,
                    description: None,
                    descriptions: BTreeMap::new(),
                    names: BTreeMap::new(),
                    aliases: Vec::new(),
                    facts: None,
                    articles,
                    articles_in_other_languages: Vec::new(),
                };
                (group, term)
            })
            .collect();
        let aliases = aliases_by_canonical(entities, name);
        for (_, term) in &mut terms {
            term.describe(name, entities, &aliases, config);
        }
        terms.sort_by_cached_key(|(_, term)| (term.name.to_lowercase(), term.slug.clone()));
        let mut index = vec![0; terms.len()];
        for (position, (group, _)) in terms.iter().enumerate() {
            index[*group] = position;
        }
        for (id, groups) in groups_of_article.iter().enumerate() {
            article_terms[id].push(groups.iter().map(|&group| TermId(index[group])).collect());
        }
        taxonomies.push(Taxonomy { name: name.clone(), terms: terms.into_iter().map(|(_, term)| term).collect() });
    }
    (taxonomies, article_terms)
}

/// Takes the terms' descriptions, names in other languages and aliases from `entities`
/// again: what an entities.yaml that files every article's terms as before can change.
pub fn describe_terms(taxonomies: &mut [Taxonomy], entities: &Entities, config: &SiteConfig) {
    for taxonomy in taxonomies {
        let aliases = aliases_by_canonical(entities, &taxonomy.name);
        for term in &mut taxonomy.terms {
            term.describe(&taxonomy.name, entities, &aliases, config);
        }
    }
}

/// The other spellings of each canonical name of `taxonomy` in `entities`, in the file's order.
fn aliases_by_canonical<'e>(entities: &'e Entities, taxonomy: &str) -> HashMap<&'e str, Vec<&'e str>> {
    let mut aliases: HashMap<&str, Vec<&str>> = HashMap::new();
    for (spelling, canonical) in entities.spellings(taxonomy) {
        if spelling != canonical {
            aliases.entry(canonical.as_str()).or_default().push(spelling.as_str());
        }
    }
    aliases
}

impl Term {
    /// Takes its description, names in other languages, aliases (`aliases`, by canonical
    /// name) and facts from `entities`, by its name; `taxonomy` is its taxonomy's name.
    /// Descriptions and the names of other languages are set in their language's
    /// typography; the name itself stays as written, as entities are found by it.
    fn describe(
        &mut self,
        taxonomy: &str,
        entities: &Entities,
        aliases: &HashMap<&str, Vec<&str>>,
        config: &SiteConfig,
    ) {
        let interface = &config.interface;
        let typeset = |code: &str, text: &str| interface.get(interface.locale_for(code)).typography().text(text);
        let in_languages = |texts: Option<&BTreeMap<String, String>>| -> BTreeMap<String, String> {
            texts.into_iter().flatten().map(|(code, text)| (code.clone(), typeset(code, text))).collect()
        };
        self.description = entities.description(taxonomy, &self.name).map(|text| typeset(&config.language, text));
        self.descriptions = in_languages(entities.descriptions(taxonomy, &self.name));
        self.names = in_languages(entities.names(taxonomy, &self.name));
        let own = aliases.get(self.name.as_str()).map_or(&[][..], Vec::as_slice);
        self.aliases = own.iter().map(|&spelling| spelling.to_owned()).collect();
        self.facts = entities.facts(taxonomy, &self.name).cloned();
    }
}

/// Spellings are one term when they differ only in case and separators (`AI research`,
/// `ai-research`); others that share a slug (`C++`, `C#`, `C`) are distinct terms that
/// would silently share a page.
fn same_term_key(spelling: &str) -> String {
    spelling
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|part| !part.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A problem for a term whose slug is empty, or shared by distinct terms: one per
/// spelling beyond the first, naming both spellings and the files that use them.
/// `first_use` gives the first file (in site order) that uses a spelling.
fn check_one_term<'a>(
    taxonomy: &str,
    slug: &str,
    spellings: impl Iterator<Item = &'a str>,
    first_use: impl Fn(&str) -> PathBuf,
    problems: &mut Vec<Diagnostic>,
) {
    let spellings: Vec<&str> = spellings.collect();
    if spellings.len() == 1 && !slug.is_empty() {
        return;
    }
    if slug.is_empty() {
        for spelling in &spellings {
            problems.push(Diagnostic::whole_file(
                first_use(spelling),
                format!(
                    "`{spelling}` in `{taxonomy}` makes no address (its slug is empty): write it with letters or digits"
                ),
            ));
        }
        return;
    }
    let mut distinct: Vec<&str> = Vec::new();
    for spelling in spellings {
        if !distinct.iter().any(|kept| same_term_key(kept) == same_term_key(spelling)) {
            distinct.push(spelling);
        }
    }
    let Some((first, others)) = distinct.split_first() else { return };
    let first_path = first_use(first);
    for other in others {
        problems.push(Diagnostic::whole_file(
            first_use(other),
            format!(
                "`{other}` and `{first}` ({}) in `{taxonomy}` would share the page {}: distinct terms need distinct \
                 addresses; rename one, or spell them alike if they are the same",
                first_path.display(),
                term_path(taxonomy, slug)
            ),
        ));
    }
}
