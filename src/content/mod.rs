//! Text -> articles and topics. Pure: never touches the disk.

pub mod addresses;
pub mod front_matter;
pub mod markdown;
mod raw_html;
pub mod share_image;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::diagnostic::{Diagnostic, forbidden_character, forbidden_reference, line_column, suggestion};
use crate::i18n::{Language, canonical_language, is_valid_language, language_tags};
use crate::yaml::{self, YamlError};
pub use addresses::Alias;
pub use front_matter::PageList;
use front_matter::{
    ARTICLE_FIELDS, FrontMatter, PAGE_FIELDS, PageFrontMatter, Source, Split, TOPIC_FIELDS, TopicFrontMatter, locate,
    parse_yaml, split,
};
pub use markdown::Heading;
pub use raw_html::MAX_HTML_DEPTH;

/// What parsing an article needs to know about the rest of the site.
#[derive(Debug, Clone, Copy)]
pub struct ParseContext<'a> {
    pub default_language: &'a str,
    /// The site's other languages, which a file name may give (`name.fr.md`); empty on a
    /// one-language site, whose file names mean what they always did.
    pub languages: &'a [Language],
    /// Slugs of the site's topics, sorted.
    pub topics: &'a [String],
    /// (title, slug) of every topic file, translations included: a title written where a
    /// slug belongs is answered with the slug.
    pub topic_titles: &'a [(String, String)],
    /// The taxonomies of `site.yaml`, in its order.
    pub taxonomies: &'a [String],
}

impl ParseContext<'_> {
    /// The tags of the site's languages, the default first.
    pub fn language_codes(&self) -> Vec<&str> {
        std::iter::once(self.default_language).chain(self.languages.iter().map(|l| l.code.as_str())).collect()
    }
}

/// A parsed article, its Markdown rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub path: PathBuf,
    pub slug: String,
    /// Where the slug came from (`slug:` or the file name), for duplicate-slug errors.
    pub slug_position: (usize, usize),
    pub title: String,
    pub date: DateTime<FixedOffset>,
    pub date_has_time: bool,
    /// The latest of `updated:` and the dates of `updates:`.
    pub updated: Option<DateTime<FixedOffset>>,
    /// The notes of `updates:`, newest first.
    pub updates: Vec<Update>,
    /// The slugs of `follows:`, each with where it is written.
    pub follows: Vec<(String, (usize, usize))>,
    /// The written summary, or the start of the first paragraph when none is written.
    pub summary: String,
    pub summary_written: bool,
    pub topics: Vec<String>,
    /// Terms per taxonomy, in the order of `ParseContext::taxonomies`, as written.
    pub terms: Vec<Vec<String>>,
    pub source: Option<Source>,
    /// Ids of `content/authors.yaml`, as written (`Site::with_authors` checks them).
    pub authors: Vec<String>,
    /// Where each of `authors` is written.
    pub author_positions: Vec<(usize, usize)>,
    pub lang: String,
    /// Shared by the versions of one story: `translation_key:`, or the file's path without
    /// its language and extension (`content/articles/x` for `x.md` and `x.fr.md`).
    pub translation_key: String,
    /// Where the file says it is a translation (`translation_key:`, or `(0, 0)` for its
    /// name), so that a key shared by no other file is a mistake.
    pub translation_claim: Option<(usize, usize)>,
    pub draft: bool,
    /// The share image of `image:`, if any, and where it is written (for a missing file).
    pub image: Option<share_image::ShareImage>,
    pub image_position: (usize, usize),
    /// What the image shows (`image_alt:`), trimmed; `None` when empty.
    pub image_alt: Option<String>,
    pub html: String,
    pub toc: Vec<Heading>,
    pub word_count: usize,
    /// Links in the body to other source files, resolved against this file's folder.
    pub file_links: Vec<SourceLink>,
    /// Images of the site's files in the body, whose sizes fill `html`'s placeholders.
    pub images: Vec<BodyImage>,
    /// Old addresses of the article (`aliases:`), which redirect to its page.
    pub aliases: Vec<Alias>,
    /// The original's address, for a syndicated copy (`canonical:`).
    pub canonical: Option<String>,
    /// The site's own fields (`extra:`), a map, for templates.
    pub extra: Option<yaml::Value>,
    /// Problems that do not stop a build (raw HTML removed), located in the file.
    pub warnings: Vec<Diagnostic>,
}

/// A dated note of what changed in an article since it was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub date: DateTime<FixedOffset>,
    pub note: String,
    /// A correction of something the article said, as opposed to news added to it.
    pub correction: bool,
}

/// A link from an article's body to another source file (`../2024/x.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// The linked file, relative to the site root (`content/articles/2024/x.md`).
    pub resolved: PathBuf,
    pub written: String,
    pub fragment: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// A topic: a group of articles with an introduction.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub weight: i64,
    pub keywords: Vec<String>,
    pub intro_html: String,
    /// Images of the site's files in the intro, whose sizes fill `intro_html`'s placeholders.
    pub images: Vec<BodyImage>,
    /// Old addresses of the topic's page in the file's language (`aliases:`).
    pub aliases: Vec<Alias>,
    /// The site's own fields (`extra:`), a map, for templates.
    pub extra: Option<yaml::Value>,
    /// Problems that do not stop a build (raw HTML removed), located in the file.
    pub warnings: Vec<Diagnostic>,
}

/// A standalone page (`content/pages/about.md`, its French version `about.fr.md`): an
/// About, Methodology or Corrections policy page, outside the articles' timelines.
#[derive(Debug, Clone, PartialEq)]
pub struct StandalonePage {
    pub path: PathBuf,
    /// Its file name without language and extension (`about` for `about.fr.md`): what
    /// `nav:` and `publisher:` in site.yaml name, shared by its versions.
    pub key: String,
    /// One URL segment: `slug:`, or the key.
    pub slug: String,
    /// Where the slug came from (`slug:`, or `(0, 0)` for the file name), for errors.
    pub slug_position: (usize, usize),
    /// `None` for the default language's file; `fr` for `about.fr.md`.
    pub translation_language: Option<String>,
    pub title: String,
    /// The title navigation links show: `nav:`, or the title.
    pub nav_title: String,
    pub summary: String,
    pub weight: i64,
    /// The list the site makes for it (`list:`), shown after its text.
    pub list: Option<PageList>,
    pub html: String,
    /// Images of the site's files in the text, whose sizes fill `html`'s placeholders.
    pub images: Vec<BodyImage>,
    /// Old addresses of this version of the page (`aliases:`).
    pub aliases: Vec<Alias>,
    /// The site's own fields (`extra:`), a map, for templates.
    pub extra: Option<yaml::Value>,
    /// Problems that do not stop a build (raw HTML removed), located in the file.
    pub warnings: Vec<Diagnostic>,
}

impl StandalonePage {
    /// Parses a page's text; `languages`: the site's other languages, which the file name
    /// may give (`about.fr.md`).
    pub fn parse(
        path: &Path,
        text: &str,
        default_language: &str,
        languages: &[Language],
    ) -> Result<StandalonePage, Vec<Diagnostic>> {
        let parts = split(text).map_err(|e| vec![located(path, e)])?;
        let front: PageFrontMatter = parse_yaml(&parts, PAGE_FIELDS).map_err(|e| vec![located(path, e)])?;
        let file_name = FileName::of(path, default_language, languages);
        let codes: Vec<&str> =
            std::iter::once(default_language).chain(languages.iter().map(|l| l.code.as_str())).collect();
        let at = |key: &str| {
            let (line, column) = locate(&parts, key, None);
            move |message: String| Diagnostic::new(path, line, column, message)
        };
        let mut problems = Vec::new();
        if let Some(message) = language_tags::file_name_problem(path, &codes) {
            problems.push(Diagnostic::whole_file(path, message));
        }
        if front.title.trim().is_empty() {
            problems.push(at("title")("`title` is empty".to_owned()));
        }
        let (slug, slug_position) = match front.slug {
            Some(slug) => (slug, locate(&parts, "slug", None)),
            None => (file_name.stem.clone(), (0, 0)),
        };
        if !is_valid_slug(&slug) {
            let message = format!(
                "page slug `{slug}` is not allowed: use lowercase letters, digits and `-` (e.g. `{}`)",
                slug::slugify(&slug)
            );
            problems.push(match slug_position {
                (0, 0) => Diagnostic::whole_file(path, message),
                (line, column) => Diagnostic::new(path, line, column, message),
            });
        }
        let aliases = addresses::read_aliases(&front.aliases, &parts, path, &mut problems);
        let extra = addresses::read_extra(front.extra.clone(), &parts, path, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut warnings = Vec::new();
        let rendered = render_body(path, &parts, &mut warnings).map_err(|problem| vec![problem])?;
        let images = body_images(&parts, &rendered);
        let html = rendered.html;
        let title = front.title.trim().to_owned();
        Ok(StandalonePage {
            path: path.to_path_buf(),
            key: file_name.stem,
            slug,
            slug_position,
            translation_language: file_name.lang,
            nav_title: front
                .nav
                .map(|nav| nav.trim().to_owned())
                .filter(|nav| !nav.is_empty())
                .unwrap_or(title.clone()),
            title,
            summary: front.summary.trim().to_owned(),
            weight: front.weight,
            list: front.list,
            html,
            images,
            aliases,
            extra,
            warnings,
        })
    }
}

fn located(path: &Path, error: YamlError) -> Diagnostic {
    error.in_file(path)
}

/// A body rendered, or the character no output can carry. Warnings about raw HTML go
/// to `warnings`.
fn render_body(
    path: &Path,
    parts: &Split<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<markdown::Rendered, Diagnostic> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_column(parts.body, offset);
        Diagnostic::new(path, line + parts.body_line - 1, column, message)
    };
    // Raw, or written as a character reference that Markdown and HTML would decode.
    if let Some((offset, character)) = forbidden_character(parts.body)
        .or_else(|| parts.body.contains("&#").then(|| forbidden_reference(parts.body)).flatten())
    {
        return Err(at(offset, yaml::character_message(character)));
    }
    let mut rendered = markdown::render(parts.body);
    if let Some((offset, message)) = rendered.figure_problems.first() {
        return Err(at(*offset, message.clone()));
    }
    for note in std::mem::take(&mut rendered.raw_html) {
        warnings.push(at(note.offset, note.message));
    }
    Ok(rendered)
}

/// An image of one of the site's files in a body (`/images/fab.jpg`), and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    pub src: String,
    pub line: usize,
    pub column: usize,
}

/// The local images of a rendered body, located in the file, in the order of their size
/// placeholders.
fn body_images(parts: &Split<'_>, rendered: &markdown::Rendered) -> Vec<BodyImage> {
    (rendered.images.iter())
        .map(|image| {
            let (line, column) = line_column(parts.body, image.offset);
            BodyImage { src: image.src.clone(), line: line + parts.body_line - 1, column }
        })
        .collect()
}

impl Article {
    /// Parses an article's text; `path` (relative to the site root) names it in errors
    /// and gives the default slug.
    pub fn parse(path: &Path, text: &str, context: &ParseContext<'_>) -> Result<Article, Vec<Diagnostic>> {
        let parts = split(text).map_err(|e| vec![located(path, e)])?;
        let front: FrontMatter = parse_yaml(&parts, ARTICLE_FIELDS).map_err(|error| {
            // A misspelt required field shows up as "missing field"; name the misspelling instead.
            let misspelt = misspelt_keys(&parts, context.taxonomies, path);
            if error.message.starts_with("missing field") && !misspelt.is_empty() {
                misspelt
            } else {
                vec![located(path, error)]
            }
        })?;
        let mut problems = Vec::new();
        let at = |key: &str, value: Option<&str>| {
            let (line, column) = locate(&parts, key, value);
            move |message: String| Diagnostic::new(path, line, column, message)
        };

        if front.title.trim().is_empty() {
            problems.push(at("title", None)("`title` is empty".to_owned()));
        }
        let file_name = FileName::of(path, context.default_language, context.languages);
        let codes = context.language_codes();
        if let Some(message) = language_tags::file_name_problem(path, &codes) {
            problems.push(Diagnostic::whole_file(path, message));
        }
        let (slug, slug_position) = match &front.slug {
            Some(slug) => {
                if !is_valid_slug(slug) {
                    problems.push(at("slug", None)(format!(
                        "slug `{slug}` is not allowed: use lowercase letters, digits and `-` (no `/` or `..`)"
                    )));
                }
                (slug.clone(), locate(&parts, "slug", None))
            }
            None => (slug::slugify(&file_name.stem), (0, 0)),
        };
        if slug.is_empty() {
            problems.push(Diagnostic::whole_file(
                path,
                "the file name gives an empty slug: rename the file or add `slug:`",
            ));
        }
        if front.topics.is_empty() {
            problems.push(at("topics", None)(format!(
                "an article needs at least one topic in `topics:`; known topics: {}",
                known_list(context.topics)
            )));
        }
        for topic in &front.topics {
            if context.topics.binary_search(topic).is_err() {
                problems.push(at("topics", Some(topic))(unknown_topic(topic, context)));
            }
        }
        // Language tags are case-insensitive (`FR` is `fr`): every later comparison and
        // every output uses the lower-case form.
        let written_lang = front.lang.as_deref().map(canonical_language);
        let lang = match (&written_lang, &file_name.lang) {
            (Some(written), Some(named)) if written != named => {
                problems.push(at("lang", front.lang.as_deref())(format!(
                    "`lang: {written}` contradicts the file name, which says `{named}`: keep one"
                )));
                written.clone()
            }
            (Some(lang), _) | (None, Some(lang)) => lang.clone(),
            (None, None) => context.default_language.to_owned(),
        };
        let mut lang_warning = None;
        if !is_valid_language(&lang) {
            problems.push(at("lang", front.lang.as_deref())(format!(
                "`lang: {lang}` is not a language tag such as `en` or `fr`"
            )));
        } else if let (Some(written), None) = (&front.lang, &file_name.lang) {
            match language_tags::meaning(written, &codes) {
                language_tags::TagMeaning::NearMiss(code) => problems.push(at("lang", front.lang.as_deref())(format!(
                    "`lang: {written}` is not one of the site's languages ({}): write `lang: {code}`",
                    codes.join(", ")
                ))),
                language_tags::TagMeaning::Unlisted(code) if code != lang => {
                    problems.push(at("lang", front.lang.as_deref())(format!(
                        "`{written}` is written `{code}` in a language tag: write `lang: {code}`"
                    )))
                }
                language_tags::TagMeaning::Unlisted(_) => {
                    lang_warning = Some(at("lang", front.lang.as_deref())(format!(
                        "the site does not publish in `{lang}` (its languages: {}), so this article is published \
                         among the `{}` pages, marked as `{lang}`: to give `{lang}` pages of their own, add \
                         `- code: {lang}` under `languages:` in site.yaml",
                        codes.join(", "),
                        context.default_language
                    )));
                }
                language_tags::TagMeaning::Listed(_) | language_tags::TagMeaning::NotALanguage => {}
            }
        }
        if let Some(url) = front.source.as_ref().and_then(|s| s.url.as_deref())
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            problems.push(at("source", Some("url"))(format!("source url `{url}` must start with https:// or http://")));
        }
        // Problems of the value are located at the value, not at its key.
        let image_position = locate(&parts, "image", front.image.as_deref().map(str::trim));
        let image = match front.image.as_deref().map(share_image::ShareImage::parse) {
            Some(Err(message)) => {
                problems.push(Diagnostic::new(path, image_position.0, image_position.1, message));
                None
            }
            Some(Ok(image)) => Some(image),
            None => None,
        };
        let image_alt = front.image_alt.as_deref().map(str::trim).filter(|alt| !alt.is_empty()).map(str::to_owned);
        if image_alt.is_some() && front.image.is_none() {
            problems.push(at("image_alt", None)(
                "`image_alt:` describes the article's `image:`, which it does not have: add the image or remove the text"
                    .to_owned(),
            ));
        }
        let terms = taxonomy_terms(&front, &parts, context, path, &mut problems);
        let updates = read_updates(&front, &parts, path, &mut problems);
        let aliases = addresses::read_aliases(&front.aliases, &parts, path, &mut problems);
        let canonical = addresses::read_canonical(front.canonical.as_deref(), &parts, path, &mut problems);
        let extra = addresses::read_extra(front.extra.clone(), &parts, path, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }

        let mut warnings: Vec<Diagnostic> = lang_warning.into_iter().collect();
        let rendered = render_body(path, &parts, &mut warnings).map_err(|problem| vec![problem])?;
        let images = body_images(&parts, &rendered);
        let folder = path.parent().unwrap_or(Path::new(""));
        let file_links = rendered
            .file_links
            .iter()
            .map(|link| {
                let (line, column) = line_column(parts.body, link.offset);
                SourceLink {
                    resolved: normalise(&folder.join(&link.target)),
                    written: link.target.clone(),
                    fragment: link.fragment.clone(),
                    line: line + parts.body_line - 1,
                    column,
                }
            })
            .collect();
        let summary_written = !front.summary.trim().is_empty();
        let summary =
            if summary_written { front.summary.trim().to_owned() } else { shorten(&rendered.first_paragraph, 200) };
        Ok(Article {
            path: path.to_path_buf(),
            slug,
            slug_position,
            title: front.title.trim().to_owned(),
            date: front.date.to_fixed(),
            date_has_time: front.date.has_time(),
            updated: front.updated.map(|d| d.to_fixed()).into_iter().chain(updates.iter().map(|u| u.date)).max(),
            updates,
            follows: front
                .follows
                .iter()
                .map(|slug| (slug.trim().to_owned(), locate(&parts, "follows", Some(slug.trim()))))
                .collect(),
            summary,
            summary_written,
            topics: front.topics,
            terms,
            source: front.source,
            author_positions: front.authors.iter().map(|id| locate(&parts, "authors", Some(id))).collect(),
            authors: front.authors,
            lang,
            translation_claim: match (&front.translation_key, &file_name.lang) {
                (Some(_), _) => Some(locate(&parts, "translation_key", None)),
                (None, Some(_)) => Some((0, 0)),
                (None, None) => None,
            },
            translation_key: front.translation_key.unwrap_or(file_name.key),
            draft: front.draft,
            image,
            image_position,
            image_alt,
            html: rendered.html,
            toc: rendered.toc,
            word_count: rendered.word_count,
            images,
            file_links,
            aliases,
            canonical,
            extra,
            warnings,
        })
    }
}

/// The notes of `updates:`, newest first. A note dated before the article is refused at
/// its date: an update cannot come before what it updates.
fn read_updates(front: &FrontMatter, parts: &Split<'_>, path: &Path, problems: &mut Vec<Diagnostic>) -> Vec<Update> {
    let published = front.date.to_fixed();
    let mut updates = Vec::with_capacity(front.updates.len());
    for written in &front.updates {
        let date = written.date.to_fixed();
        let note = written.note.trim();
        if date < published {
            let day = date.date_naive().to_string();
            let (line, column) = locate(parts, "updates", Some(&day));
            problems.push(Diagnostic::new(
                path,
                line,
                column,
                format!(
                    "the update \"{}\" is dated {}, before the article itself ({}): an update comes after publication",
                    shorten(note, 40),
                    date.date_naive(),
                    published.date_naive()
                ),
            ));
        }
        updates.push(Update { date, note: note.to_owned(), correction: written.correction });
    }
    updates.sort_by_key(|update| std::cmp::Reverse(update.date));
    updates
}

/// What an article's file name says: its slug, its language (`x.fr.md`) and the key its
/// versions share.
struct FileName {
    stem: String,
    lang: Option<String>,
    key: String,
}

impl FileName {
    /// On a site of several languages, a suffix naming any of them, the default included
    /// (`x.en.md` on an English site is the English `x`), in any case (`x.FR.md`).
    /// `languages`: the site's other languages; `default_language`: its first, which a
    /// file name of a site with several languages may also give (`x.en.md`).
    fn of(path: &Path, default_language: &str, languages: &[Language]) -> FileName {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let named = stem.rsplit_once('.').and_then(|(stem, suffix)| {
            let suffix = canonical_language(suffix);
            let listed = languages.iter().any(|l| l.code == suffix)
                || (!languages.is_empty() && suffix == canonical_language(default_language));
            listed.then_some((stem, suffix))
        });
        let (stem, lang) = match named {
            Some((stem, lang)) => (stem, Some(lang)),
            None => (stem, None),
        };
        let folder = path.parent().unwrap_or(Path::new("")).to_string_lossy().replace('\\', "/");
        FileName { stem: stem.to_owned(), lang, key: format!("{folder}/{stem}") }
    }
}

/// Top-level keys that are neither article fields nor taxonomies, with suggestions.
fn misspelt_keys(parts: &Split<'_>, taxonomies: &[String], path: &Path) -> Vec<Diagnostic> {
    yaml::top_level_keys(&parts.document())
        .into_iter()
        .filter(|(key, _)| !ARTICLE_FIELDS.contains(&key.as_str()) && !taxonomies.contains(key))
        .filter(|(key, _)| suggestion(key, ARTICLE_FIELDS.iter().copied()).is_some())
        .map(|(key, line)| Diagnostic::new(path, line, 1, yaml::unknown("field", &key, ARTICLE_FIELDS)))
        .collect()
}

/// The terms of each taxonomy of the site; unknown front-matter fields are reported.
fn taxonomy_terms(
    front: &FrontMatter,
    parts: &Split<'_>,
    context: &ParseContext<'_>,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Vec<String>> {
    // The fields an article of this site may have: the built-in taxonomies only if declared.
    let declared =
        |field: &&str| !front_matter::is_taxonomy_field(field) || context.taxonomies.iter().any(|t| t == field);
    let mut known: Vec<&str> = ARTICLE_FIELDS.iter().copied().filter(declared).collect();
    known.extend(context.taxonomies.iter().map(String::as_str).filter(|t| !ARTICLE_FIELDS.contains(t)));
    for (key, value) in &front.other {
        let (line, column) = locate(parts, key, None);
        if !context.taxonomies.contains(key) {
            let mut message = yaml::unknown("field", key, &known);
            if yaml::string_list(value).is_some() {
                message.push_str(&format!("; or, for a taxonomy, add `{key}` to `taxonomies:` in site.yaml"));
            }
            problems.push(Diagnostic::new(path, line, column, message));
        } else if yaml::string_list(value).is_none() {
            problems.push(Diagnostic::new(
                path,
                line,
                column,
                format!("`{key}` must be a list of names, such as `[a, b]`"),
            ));
        }
    }
    // A built-in taxonomy field the site does not declare would be dropped without a word.
    for (taxonomy, terms) in
        crate::taxonomies::BUILTIN.iter().filter_map(|t| Some((t.name, front.builtin_terms(t.name)?)))
    {
        if !terms.is_empty() && !context.taxonomies.iter().any(|t| t == taxonomy) {
            let (line, column) = locate(parts, taxonomy, None);
            let hint = match suggestion(taxonomy, context.taxonomies.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the site's taxonomies are: {}", known_list(context.taxonomies)),
            };
            problems.push(Diagnostic::new(
                path,
                line,
                column,
                format!("`{taxonomy}` is not a taxonomy of this site (site.yaml `taxonomies:`); {hint}"),
            ));
        }
    }
    context
        .taxonomies
        .iter()
        .map(|taxonomy| {
            let terms: Vec<String> = match front.builtin_terms(taxonomy) {
                Some(terms) => terms.clone(),
                None => front.other.get(taxonomy.as_str()).and_then(yaml::string_list).unwrap_or_default(),
            };
            for term in &terms {
                if slug::slugify(term).is_empty() {
                    let (line, column) = locate(parts, taxonomy, Some(term));
                    problems.push(Diagnostic::new(
                        path,
                        line,
                        column,
                        format!("`{term}` in `{taxonomy}` has no letters or digits to make a page name from"),
                    ));
                }
            }
            terms
        })
        .collect()
}

impl Topic {
    /// Parses a topic's text; the file stem is its slug.
    pub fn parse(path: &Path, text: &str) -> Result<Topic, Vec<Diagnostic>> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        Topic::parse_as(path, text, stem)
    }

    /// The language of a topic's translation: `fr` for `<slug>.fr.md` (or `<slug>.FR.md`);
    /// `None` for the default language's file.
    pub fn translation_language(&self) -> Option<String> {
        let stem = self.path.file_stem()?.to_str()?;
        stem.strip_prefix(self.slug.as_str())?.strip_prefix('.').map(canonical_language)
    }

    /// Parses a topic's text with the slug its file name gives (`chips` for `chips.fr.md`).
    pub fn parse_as(path: &Path, text: &str, stem: &str) -> Result<Topic, Vec<Diagnostic>> {
        let parts = split(text).map_err(|e| vec![located(path, e)])?;
        let front: TopicFrontMatter = parse_yaml(&parts, TOPIC_FIELDS).map_err(|e| vec![located(path, e)])?;
        if let Some((base, suffix)) =
            stem.rsplit_once('.').filter(|(_, suffix)| language_tags::names_a_language(suffix))
        {
            return Err(vec![Diagnostic::whole_file(
                path,
                format!(
                    "`.{suffix}` in the file name names a language, which a topic's file name gives only for a \
                     translation into one of the site's languages after the first: the first language's topic is \
                     `{base}.md`"
                ),
            )]);
        }
        if !is_valid_slug(stem) {
            return Err(vec![Diagnostic::whole_file(
                path,
                format!(
                    "a topic's file name is its slug: rename `{stem}.md` to lowercase letters, digits and `-` (e.g. `{}.md`)",
                    slug::slugify(stem)
                ),
            )]);
        }
        if front.title.trim().is_empty() {
            let (line, column) = locate(&parts, "title", None);
            return Err(vec![Diagnostic::new(path, line, column, "`title` is empty")]);
        }
        let mut problems = Vec::new();
        let aliases = addresses::read_aliases(&front.aliases, &parts, path, &mut problems);
        let extra = addresses::read_extra(front.extra.clone(), &parts, path, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut warnings = Vec::new();
        let rendered = render_body(path, &parts, &mut warnings).map_err(|problem| vec![problem])?;
        let images = body_images(&parts, &rendered);
        let intro_html = rendered.html;
        Ok(Topic {
            path: path.to_path_buf(),
            slug: stem.to_owned(),
            title: front.title.trim().to_owned(),
            summary: front.summary.trim().to_owned(),
            weight: front.weight,
            keywords: front.keywords,
            intro_html,
            images,
            aliases,
            extra,
            warnings,
        })
    }
}

/// `a/b/../c` -> `a/c`, without touching the disk.
pub fn normalise(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

/// A slug is one URL segment: lowercase ASCII letters, digits, `-` and `_`.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !slug.starts_with('-')
}

/// An unknown topic, answered with the slug when the title (or its slug form) was written.
fn unknown_topic(topic: &str, context: &ParseContext<'_>) -> String {
    let written = slug::slugify(topic);
    let by_title = context
        .topic_titles
        .iter()
        .find(|(title, slug)| title.trim().eq_ignore_ascii_case(topic.trim()) || *slug == written)
        .map(|(_, slug)| slug);
    if let Some(slug) = by_title {
        return format!(
            "`{topic}` is the title of the topic `{slug}`: `topics:` takes slugs, the file names in content/topics/; write `{slug}`"
        );
    }
    let hint = match suggestion(topic, context.topics.iter().map(String::as_str)) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("known topics: {}", known_list(context.topics)),
    };
    format!("unknown topic `{topic}`: add content/topics/{topic}.md or use a known slug; {hint}")
}

fn known_list(items: &[String]) -> String {
    if items.is_empty() { "none (add one in content/topics/)".to_owned() } else { items.join(", ") }
}

/// At most `max` characters, cut at a word and marked with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests;
