//! `briefing new`: the file of a new article or topic, with a front matter that `check`
//! accepts, named as the build reads it.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::config::SiteConfig;
use crate::source::{CONFIG_FILE, read_text};

/// What a new file needs to know of its site.
pub(crate) struct SiteFacts {
    pub config: SiteConfig,
    /// Slugs of the topics in the default language (`content/topics/<slug>.md`), sorted.
    pub topics: Vec<String>,
}

impl SiteFacts {
    /// Reads `site.yaml` and the names of the topic files of the site at `root`.
    pub(crate) fn read(root: &Path) -> Result<SiteFacts> {
        if !root.join(CONFIG_FILE).is_file() {
            bail!(
                "`{}` has no site.yaml: run this in a briefing site (or pass --root DIR), or make one with `briefing init`",
                root.display()
            );
        }
        let config = read_text(root, Path::new(CONFIG_FILE))
            .and_then(|file| SiteConfig::parse(&file.text, CONFIG_FILE))
            .map_err(|problem| anyhow!("{problem}"))?;
        let mut topics = Vec::new();
        if let Ok(entries) = fs::read_dir(root.join("content/topics")) {
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                let Some(stem) = name.strip_suffix(".md").filter(|s| !s.starts_with('.')) else { continue };
                // `<slug>.fr.md` translates the topic `<slug>`.
                let is_translation =
                    stem.rsplit_once('.').is_some_and(|(_, code)| config.languages.iter().any(|l| l.code == code));
                if !is_translation {
                    topics.push(stem.to_owned());
                }
            }
        }
        topics.sort();
        Ok(SiteFacts { config, topics })
    }

    /// The language `code` if the site lists it, else an error that names the ones it does.
    fn language(&self, code: &str) -> Result<String> {
        let codes = self.config.language_codes();
        if codes.contains(&code) {
            return Ok(code.to_owned());
        }
        let hint = did_you_mean(code, codes.iter().copied());
        let listed = codes.join(", ");
        if codes.len() == 1 {
            bail!(
                "`{code}` is not a language of this site (it has only `{listed}`){hint} List the languages in site.yaml first, \
                 for example `languages: [{{ code: {listed} }}, {{ code: {code} }}]` (see the commented lines in site.yaml)"
            );
        }
        bail!(
            "`{code}` is not a language of this site (its languages: {listed}){hint} Add it to `languages:` in site.yaml"
        )
    }

    fn topic(&self, slug: &str) -> Result<String> {
        if self.topics.iter().any(|t| t == slug) {
            return Ok(slug.to_owned());
        }
        let hint = did_you_mean(slug, self.topics.iter().map(String::as_str));
        let known = if self.topics.is_empty() { "none yet".to_owned() } else { self.topics.join(", ") };
        bail!(
            "unknown topic `{slug}`{hint} Known topics: {known}. A new topic is made with `briefing new topic \"Its title\"`"
        )
    }
}

/// `; did you mean `x`?` for the closest of `known`, or `.` to end the sentence.
fn did_you_mean<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| format!("; did you mean `{candidate}`?"))
        .unwrap_or_else(|| ".".to_owned())
}

/// A new article, as the command line asks for it.
pub(crate) struct NewArticle<'a> {
    pub title: &'a str,
    pub topics: &'a [String],
    pub lang: Option<&'a str>,
    /// An existing article this one translates (`content/articles/2025/x.md`).
    pub translation_of: Option<&'a Path>,
    pub slug: Option<&'a str>,
    /// Now, in the site's time zone.
    pub now: chrono::DateTime<chrono::FixedOffset>,
}

/// The path (relative to the site root) and text of a new article.
pub(crate) fn article(root: &Path, facts: &SiteFacts, new: &NewArticle<'_>) -> Result<(PathBuf, String)> {
    if new.title.trim().is_empty() {
        bail!("the title is empty: write it in quotes, `briefing new article \"Chip export rules tighten\"`");
    }
    let slug = match new.slug {
        Some(slug) => slug.to_owned(),
        None => slug::slugify(new.title),
    };
    if slug.is_empty() {
        bail!("the title `{}` has no letter or digit to name the file: pass --slug NAME", new.title);
    }
    let default = facts.config.language.clone();
    let lang = new.lang.map(|code| facts.language(code)).transpose()?;
    if let Some(original) = new.translation_of {
        return translation(root, facts, new, original, lang, &slug);
    }
    let topics: Vec<String> = if new.topics.is_empty() {
        match facts.topics.as_slice() {
            [only] => vec![only.clone()],
            [] => bail!(
                "an article needs a topic, and the site has none: make one with `briefing new topic \"Its title\"`"
            ),
            many => bail!("an article needs a topic: pass --topic SLUG (known topics: {})", many.join(", ")),
        }
    } else {
        new.topics.iter().map(|t| facts.topic(t)).collect::<Result<_>>()?
    };
    let year = new.now.format("%Y");
    let path = PathBuf::from(format!("content/articles/{year}/{slug}.md"));
    let mut front = String::new();
    front.push_str(&format!("title: {}\n", quoted(new.title)));
    front.push_str(&format!("date: {}\n", new.now.format("%Y-%m-%dT%H:%M:00%:z")));
    front.push_str("summary: \"One or two sentences: what happened, and why it matters.\"\n");
    front.push_str(&format!("topics: [{}]\n", topics.join(", ")));
    for taxonomy in &facts.config.taxonomies {
        front.push_str(&format!("{taxonomy}: []\n"));
    }
    if let Some(lang) = lang.filter(|l| *l != default) {
        front.push_str(&format!("lang: {lang}\n"));
    }
    front.push_str(SOURCE_HINT);
    Ok((path, format!("---\n{front}---\n{BODY_HINT}")))
}

const SOURCE_HINT: &str = "# The report or document this article summarises (check warns until it has a url):
# source:
#   name: Reuters
#   url: \"https://www.reuters.com/…\"
#   published: 2025-11-20T09:30:00+01:00
";

const BODY_HINT: &str = "Write the briefing here, in Markdown. Link another article by its file
(`[the earlier report](../2024/other-article.md)`) and show an image of `static/images/`
as `![What it shows](/images/photo.jpg)`.
";

/// A translation: `<name>.<lang>.md` beside the original, with its date, topics, terms
/// and source (the same story), and a new title.
fn translation(
    root: &Path,
    facts: &SiteFacts,
    new: &NewArticle<'_>,
    original: &Path,
    lang: Option<String>,
    slug: &str,
) -> Result<(PathBuf, String)> {
    let others: Vec<&str> = facts.config.language_codes().into_iter().skip(1).collect();
    let lang = match (lang, others.as_slice()) {
        (Some(lang), _) => lang,
        (None, [only]) => (*only).to_owned(),
        (None, []) => bail!(
            "this site has one language, so an article cannot have a translation: list the languages in site.yaml first"
        ),
        (None, many) => bail!("pass --lang CODE: which language is the translation in ({})?", many.join(", ")),
    };
    if lang == facts.config.language {
        bail!("`{lang}` is the site's default language: a translation is in another one (--lang CODE)");
    }
    let relative = original.strip_prefix(root).unwrap_or(original);
    let text = fs::read_to_string(root.join(relative)).with_context(|| {
        format!("cannot read `{}` (--translation-of names an existing article)", relative.display())
    })?;
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let Some(stem) = name.strip_suffix(".md") else {
        bail!("`{}` is not an article: --translation-of names a `.md` file of content/articles/", relative.display());
    };
    let parts = crate::content::front_matter::split(&text).map_err(|e| anyhow!("{}", e.in_file(relative)))?;
    let mut front: serde_yaml::Mapping = serde_yaml::from_str(parts.yaml)
        .with_context(|| format!("cannot read the front matter of `{}`", relative.display()))?;
    front.insert("title".into(), new.title.into());
    front.insert("summary".into(), "One or two sentences: what happened, and why it matters.".into());
    // An old address leads to one page, so the original keeps its `aliases:`.
    for key in ["lang", "draft", "updated", "image", "aliases"] {
        front.remove(key);
    }
    front.remove("slug");
    if new.slug.is_some() || slug != stem {
        front.insert("slug".into(), slug.into());
    }
    let yaml = serde_yaml::to_string(&front).context("cannot write the front matter")?;
    let path = relative.with_file_name(format!("{stem}.{lang}.md"));
    Ok((path, format!("---\n{yaml}---\n{BODY_HINT}")))
}

/// A new topic: `content/topics/<slug>.md`, or `<slug>.<lang>.md` translating it.
pub(crate) fn topic(
    facts: &SiteFacts,
    title: &str,
    slug: Option<&str>,
    lang: Option<&str>,
) -> Result<(PathBuf, String)> {
    let slug = slug.map_or_else(|| slug::slugify(title), str::to_owned);
    if slug.is_empty() {
        bail!("the title `{title}` has no letter or digit to name the file: pass --slug NAME");
    }
    let lang = lang.map(|code| facts.language(code)).transpose()?.filter(|l| *l != facts.config.language);
    let path = match &lang {
        Some(lang) => {
            if !facts.topics.contains(&slug) {
                let hint = did_you_mean(&slug, facts.topics.iter().map(String::as_str));
                bail!(
                    "no topic `{slug}` to translate{hint} A topic in `{lang}` translates one of the default language; pass its --slug"
                );
            }
            PathBuf::from(format!("content/topics/{slug}.{lang}.md"))
        }
        None => PathBuf::from(format!("content/topics/{slug}.md")),
    };
    let text = format!(
        "---\ntitle: {}\nsummary: \"What this topic follows, in one sentence.\"\n# Words that make `briefing import` suggest this topic for a page.\nkeywords: []\n---\nAn introduction to the topic, in Markdown: shown above its timeline.\n",
        quoted(title)
    );
    Ok((path, text))
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}

/// Writes a new file under `root`; an existing one is an error naming it.
pub(crate) fn write(root: &Path, relative: &Path, text: &str) -> Result<PathBuf> {
    let path = root.join(relative);
    if fs::symlink_metadata(&path).is_ok() {
        bail!("`{}` already exists; nothing was written. Pass another --slug, or edit that file", relative.display());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot write `{}`", relative.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("cannot write `{}`", relative.display()))?;
    Ok(path)
}
