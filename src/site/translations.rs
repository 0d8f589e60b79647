//! Versions of one story in the site's languages: which article is which story's version
//! in which language, and which version a listing of the default language shows.

use std::collections::{BTreeMap, HashMap};

use super::ArticleId;
use crate::config::SiteConfig;
use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::route::LanguageId;

/// The stories of a site and their versions.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// Per article: every version of its story (itself included), in the order of the
    /// site's languages, then of other languages by tag.
    pub versions: Vec<Vec<ArticleId>>,
    /// Per article: whether listings of the default language show it, that is, whether it
    /// is its story's version in the default language or, when the story has none, its
    /// earliest version (shown in its own language).
    pub listed: Vec<bool>,
    /// Per language of the site after the default, per article: whether that language's
    /// listings show it: its story's version in that language, else the version that the
    /// default language's listings show.
    pub listed_in_other_languages: Vec<Vec<bool>>,
}

impl Translations {
    /// The versions of `articles` (the site's, newest first), grouped by translation key.
    pub fn group(articles: &[Article], config: &SiteConfig) -> Translations {
        let rank = |lang: &str| config.languages.iter().position(|l| l.code == lang).unwrap_or(config.languages.len());
        let mut stories: HashMap<&str, Vec<ArticleId>> = HashMap::with_capacity(articles.len());
        for (id, article) in articles.iter().enumerate() {
            stories.entry(&article.translation_key).or_default().push(ArticleId(id));
        }
        let mut versions = vec![Vec::new(); articles.len()];
        let mut listed = vec![false; articles.len()];
        let others = &config.languages[1..];
        let mut listed_in_other_languages = vec![vec![false; articles.len()]; others.len()];
        for mut story in stories.into_values() {
            story.sort_by(|&a, &b| {
                let (a_article, b_article) = (&articles[a], &articles[b]);
                (rank(&a_article.lang), &a_article.lang, a).cmp(&(rank(&b_article.lang), &b_article.lang, b))
            });
            // Newest first: the earliest version is the one with the highest id.
            let shown = if articles[story[0]].lang == config.language {
                story[0]
            } else {
                story.iter().copied().max().expect("a story has a version")
            };
            listed[shown] = true;
            for (language, listed) in others.iter().zip(&mut listed_in_other_languages) {
                let own = story.iter().find(|&&id| articles[id].lang == language.code);
                listed[own.unwrap_or(&shown).0] = true;
            }
            for &id in &story {
                versions[id] = story.clone();
            }
        }
        Translations { versions, listed, listed_in_other_languages }
    }

    /// Whether the listings of language `lang` show the article.
    pub fn is_listed(&self, lang: LanguageId, id: ArticleId) -> bool {
        match lang.0.checked_sub(1) {
            None => self.listed[id],
            Some(other) => self.listed_in_other_languages[other][id],
        }
    }

    /// The other versions of an article's story.
    pub fn others(&self, id: ArticleId) -> impl Iterator<Item = ArticleId> + '_ {
        self.versions[id].iter().copied().filter(move |&other| other != id)
    }
}

/// `x.md` for `x.<lang>.md`; any other path as it is.
fn without_language(path: &std::path::Path, lang: &str) -> std::path::PathBuf {
    let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
    match stem.strip_suffix(&format!(".{lang}")) {
        Some(plain) => path.with_file_name(format!("{plain}.md")),
        None => path.to_path_buf(),
    }
}

/// Problems with translations among every article of the site, published or not: a file
/// that says it is a translation of a story no other file tells, and two files that claim
/// the same language of one story.
pub fn check_translations(articles: &[Article], config: &SiteConfig) -> Vec<Diagnostic> {
    let mut stories: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for article in articles {
        stories.entry(&article.translation_key).or_default().push(article);
    }
    // The file a name like `x.fr.md` points to is `x.md` (or `x.en.md`), by the key its
    // name gives: found by path, since its own `translation_key:` may say otherwise.
    let by_name_key: HashMap<String, &Article> = articles
        .iter()
        .filter(|a| a.translation_claim.is_none_or(|claim| claim != (0, 0)))
        .map(|a| {
            let name = a.path.with_extension("").to_string_lossy().replace('\\', "/");
            let name = name.strip_suffix(&format!(".{}", a.lang)).map_or(name.clone(), str::to_owned);
            (name, a)
        })
        .collect();
    let mut problems = Vec::new();
    // Stories whose `x.md` and `x.<default>.md` are both in the default language, while
    // `x.md` reads as another of the site's: the default language was changed.
    let mut renamed_default: Vec<(&Article, &'static str)> = Vec::new();
    for (key, story) in stories {
        if let [alone] = story.as_slice() {
            if let Some((line, column)) = alone.translation_claim {
                let named = by_name_key.get(key);
                let message = match named {
                    Some(original) if (line, column) == (0, 0) => format!(
                        "this file is named as the `{}` version of `{}`, but that file sets `translation_key: {}`: add `translation_key: {}` to this file too",
                        alone.lang,
                        original.path.display(),
                        original.translation_key,
                        original.translation_key
                    ),
                    None if (line, column) == (0, 0) => format!(
                        "this file is named as the `{}` version of `{key}.md`, which does not exist: add it, or rename this file",
                        alone.lang
                    ),
                    _ => format!(
                        "`translation_key: {key}` matches no other article: give the other versions the same key"
                    ),
                };
                problems.push(Diagnostic::new(&alone.path, line, column, message));
            }
            continue;
        }
        if let Some(read_as) = default_changed(&story, config) {
            renamed_default.push(read_as);
            continue;
        }
        for article in &story {
            let same: Vec<String> = story
                .iter()
                .filter(|other| other.lang == article.lang && other.path != article.path)
                .map(|other| other.path.display().to_string())
                .collect();
            if !same.is_empty() {
                let (line, column) = article.translation_claim.unwrap_or((0, 0));
                // `x.md` and `x.en.md` on an English site: one file says its language, the
                // other does not, and they are the same version.
                let named_twice = same.len() == 1
                    && without_language(&article.path, &article.lang)
                        == without_language(std::path::Path::new(&same[0]), &article.lang);
                let advice = if named_twice {
                    format!("the `.{}` of one name says the language the other already has: keep one", article.lang)
                } else {
                    "give one of them another `lang:` or `translation_key:`".to_owned()
                };
                problems.push(Diagnostic::new(
                    &article.path,
                    line,
                    column,
                    format!(
                        "two versions of one story in `{}`: {} is one too; {advice}",
                        article.lang,
                        same.join(", ")
                    ),
                ));
            }
        }
    }
    if let Some(problem) = changed_default_language(&renamed_default, config) {
        problems.push(problem);
    }
    problems
}

/// For a story of two files in the default language (`x.md` and `x.<default>.md`, or two
/// files paired by `translation_key:`), one of which has no language in its name and reads
/// as another of the site's languages: that file and the language it reads as.
fn default_changed<'a>(story: &[&'a Article], config: &SiteConfig) -> Option<(&'a Article, &'static str)> {
    let [first, second] = story else { return None };
    let default = config.language.as_str();
    if first.lang != default || second.lang != default {
        return None;
    }
    let other_language = |article: &Article| {
        let unnamed = without_language(&article.path, default) == article.path;
        text_language(article)
            .filter(|&read| unnamed && read != default && config.languages.iter().any(|l| l.code == read))
    };
    match (other_language(first), other_language(second)) {
        (Some(read), None) => Some((*first, read)),
        (None, Some(read)) => Some((*second, read)),
        _ => None,
    }
}

/// The language an article's title and text read as, told by their most common short words.
fn text_language(article: &Article) -> Option<&'static str> {
    let mut text = String::with_capacity(article.title.len() + article.html.len());
    text.push_str(&article.title);
    text.push('\n');
    let mut in_tag = false;
    for c in article.html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    briefing_extract::Language::detect(&text).map(briefing_extract::Language::code)
}

/// One message for every story of a site whose default language was changed (`fr` listed
/// before `en`), rather than one per file suggesting the wrong rename.
fn changed_default_language(stories: &[(&Article, &'static str)], config: &SiteConfig) -> Option<Diagnostic> {
    let (first, _) = stories.first()?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, read_as) in stories {
        *counts.entry(read_as).or_default() += 1;
    }
    let (old, _) = counts.into_iter().max_by_key(|&(_, count)| count)?;
    let new = config.language.as_str();
    let others = match stories.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    let story_count = match stories.len() {
        1 => "a story has".to_owned(),
        n => format!("{n} stories have"),
    };
    Some(Diagnostic::whole_file(
        std::path::Path::new("site.yaml"),
        format!(
            "`{new}` is first in `languages:`, so it is the default language and a file without a language in its \
             name (`x.md`) is in `{new}`; but {story_count} two versions in `{new}`, one of them without a language \
             in its name that reads as `{old}` ({}{others}). If `{old}` was the default before: to keep it, list \
             `{old}` first again in `languages:`; to make `{new}` the default, rename every `x.md` written in \
             `{old}` to `x.{old}.md` and every `x.{new}.md` to `x.md`, in content/articles/, content/topics/ and \
             content/pages/ (a file paired by `translation_key:` takes `lang: {old}` instead)",
            first.path.display()
        ),
    ))
}
