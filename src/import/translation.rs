//! `--translation-of`: the article a page translates, checked as the build reads it, and
//! where the translation goes so that the build pairs the two.

use std::fs;
use std::path::{Path, PathBuf};

use super::validate::SiteRules;
use super::{ImportError, Imported};
use crate::content::Article;
use crate::content::front_matter::{ARTICLE_FIELDS, FrontMatter, parse_yaml, split};
use crate::source::{ContentKind, is_ignored};

/// Where the translation of one article into one language goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationOf {
    /// The translation's file, relative to the site root (`content/articles/x.fr.md`).
    pub path: PathBuf,
    pub lang: String,
    /// The original's `translation_key:`, written in the translation too, when the file
    /// name alone would not pair them.
    pub translation_key: Option<String>,
}

impl TranslationOf {
    /// Checks that `original` (relative to `root`, or absolute) is an article of the site
    /// that builds, in another language than `lang`, one of the site's.
    pub fn new(root: &Path, original: &Path, lang: &str, rules: &SiteRules) -> Result<TranslationOf, ImportError> {
        let refuse =
            |reason: String| ImportError::Invalid(format!("--translation-of {}: {reason}", original.display()));
        let real_root =
            fs::canonicalize(root).map_err(|source| ImportError::Read { path: root.to_path_buf(), source })?;
        let real = fs::canonicalize(root.join(original))
            .map_err(|_| refuse(format!("no such article under {}", root.display())))?;
        let Ok(relative) = real.strip_prefix(&real_root) else {
            return Err(refuse(format!(
                "it is outside the site at {}: give an article of content/articles/",
                root.display()
            )));
        };
        let hidden = relative.file_name().and_then(|n| n.to_str()).is_none_or(is_ignored);
        if ContentKind::of(relative) != Some(ContentKind::Article) || hidden {
            return Err(refuse(format!(
                "`{}` is not an article: a translation is of a Markdown file under content/articles/",
                relative.display()
            )));
        }
        let text = fs::read_to_string(&real).map_err(|source| ImportError::Read { path: real.clone(), source })?;
        let article = Article::parse(relative, &text, &rules.context()).map_err(|problems| {
            let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
            refuse(format!("the article does not build; fix it first:\n  {}", problems.join("\n  ")))
        })?;
        if article.lang == lang {
            return Err(refuse(format!(
                "that article is already in `{lang}`: a translation is in another of the site's languages ({})",
                rules.language_list()
            )));
        }
        let written_key = split(&text).ok().and_then(|parts| parse_yaml::<FrontMatter>(&parts, ARTICLE_FIELDS).ok());
        let written_key = written_key.and_then(|front| front.translation_key);

        // `x.md`, `x.de.md` -> `x`: the name every version of the story shares.
        let stem = relative.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let base = match stem.rsplit_once('.') {
            Some((base, suffix)) if rules.languages[1..].iter().any(|l| l.code == suffix) => base,
            _ => stem,
        };
        let name = if lang == rules.default_language() { format!("{base}.md") } else { format!("{base}.{lang}.md") };
        let folder = relative.parent().unwrap_or(Path::new(""));
        let mut path = folder.join(name);
        let mut translation_key = written_key;
        if path == relative {
            // The original has the name its translation would take (`x.md` in French on an
            // English site): the translation gets its own name and the original's key.
            path = folder.join(format!("{base}.{lang}.md"));
            translation_key.get_or_insert(article.translation_key);
        }
        Ok(TranslationOf { path, lang: lang.to_owned(), translation_key })
    }

    /// Puts `article` where the translation goes, keeping the slug its own title gives.
    pub fn place(&self, article: &mut Imported) {
        let slug = article.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        article.path = self.path.clone();
        article.front.slug = Some(slug);
        article.front.lang = Some(self.lang.clone());
        article.front.translation_key = self.translation_key.clone();
    }
}
