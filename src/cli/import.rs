//! `briefing import`.

use std::path::PathBuf;

use anyhow::Result;
use chrono::Datelike;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::content::front_matter::DateValue;
use crate::content::shorten;
use crate::import::files::{collect_inputs, import_all, write_all};
use crate::import::site::load_site;
use crate::import::translation::TranslationOf;
use crate::import::validate::{SiteRules, check_in_site, public_url};
use crate::import::{Dropped, ImportError, Imported, Importer, Overrides};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Pages to import: text or HTML files, directories of them, http(s) URLs to fetch, or `-` for stdin
    #[arg(required = true, value_name = "FILE|URL")]
    pub files: Vec<PathBuf>,
    /// The site's root directory (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Topic of the imported articles (repeatable); suggested from the topics' keywords if absent
    #[arg(long = "topic", value_name = "SLUG")]
    pub topics: Vec<String>,
    /// Print the articles instead of writing them
    #[arg(long)]
    pub stdout: bool,
    /// Overwrite articles that already exist
    #[arg(long, conflicts_with = "skip_existing")]
    pub force: bool,
    /// Leave articles that already exist as they are, and say so, instead of failing on
    /// them: for importing a folder again after adding pages to it
    #[arg(long)]
    pub skip_existing: bool,
    /// List every line or block left out of each article, and the rule that dropped it (refused pages too)
    #[arg(long)]
    pub explain: bool,
    /// Publication date, when the page has none or a wrong one: 2025-11-20 or 2025-11-20T09:30:00+01:00
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<DateValue>,
    /// Headline, when the page has none or import picks the wrong line
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Source name (agency or publication), over the one the page credits
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Address of the original page, written as `source.url`
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    pub url: Option<String>,
    /// Language of the article (`fr`, `en`…), over the one detected
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    pub lang: Option<String>,
    /// Import one page as a translation of this article (`content/articles/…/name.md`): it is
    /// written beside it as `name.<CODE>.md`, with its own slug; CODE is --lang, else the
    /// language the page is in
    #[arg(long, value_name = "ARTICLE")]
    pub translation_of: Option<PathBuf>,
    /// Seconds a page fetched from a URL may take, redirects and body included
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_timeout)]
    pub timeout: std::time::Duration,
}

fn parse_date(text: &str) -> Result<DateValue, String> {
    DateValue::parse(text.trim())
        .map_err(|_| format!("`{text}` is not a date: write 2025-11-20 or 2025-11-20T09:30:00+01:00"))
}

/// An http(s) address, as it will be published: lowercase scheme, no user or password.
fn parse_url(text: &str) -> Result<String, String> {
    match public_url(text).filter(|_| crate::import::fetch::is_url(text) && !text.contains(char::is_whitespace)) {
        Some(url) => Ok(url),
        None => Err(format!("`{text}` is not an http(s) URL")),
    }
}

/// The shortest `--timeout`: anything shorter is a typing slip, and would round to no time.
const MIN_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(1);
const MAX_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3600);

fn parse_timeout(text: &str) -> Result<std::time::Duration, String> {
    let seconds = text.trim().parse::<f64>().ok().filter(|s| s.is_finite());
    match seconds.and_then(|s| std::time::Duration::try_from_secs_f64(s).ok()) {
        Some(duration) if (MIN_TIMEOUT..=MAX_TIMEOUT).contains(&duration) => Ok(duration),
        _ => Err(format!(
            "`{text}` is not a number of seconds between {} and {}",
            MIN_TIMEOUT.as_secs_f64(),
            MAX_TIMEOUT.as_secs_f64()
        )),
    }
}

/// A language tag's shape (`fr`, `fr-FR`, `fr_FR`); whether the site publishes in it is
/// checked once the site is read.
fn parse_lang(text: &str) -> Result<String, String> {
    let primary = text.split(['-', '_']).next().unwrap_or_default();
    if (2..=3).contains(&primary.len())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        && primary.chars().all(|c| c.is_ascii_alphabetic())
    {
        Ok(text.to_owned())
    } else {
        Err(format!("`{text}` is not a language code such as `fr` or `en`"))
    }
}

impl ImportArgs {
    pub fn run(self, terminal: &super::Terminal) -> Result<()> {
        let started = std::time::Instant::now();
        let (gazetteer, rules) = load_site(&self.root)?;
        let lang = self.lang.as_deref().map(|tag| rules.given_language(tag)).transpose().map_err(anyhow::Error::msg)?;
        let mut importer = Importer::new(gazetteer, self.topics.clone(), chrono::Local::now().year())?;
        importer.overrides = Overrides {
            title: self.title.clone().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")),
            date: self.date,
            source: self.source.clone(),
            url: self.url.clone(),
            lang: lang.clone(),
        };
        importer.fetch_timeout = self.timeout;
        let (inputs, any_directory) = collect_inputs(&self.files)?;
        let bar = if any_directory {
            let bar = ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} importing [{bar:30}] {pos}/{len} pages, {elapsed}")
                    .expect("the progress template is valid")
                    .progress_chars("=> "),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        if self.translation_of.is_some() && inputs.len() != 1 {
            anyhow::bail!("--translation-of takes one page to import, not {}", inputs.len());
        }
        let results = import_all(&importer, &inputs, &|| bar.inc(1));
        bar.finish_and_clear();
        let translation = match &self.translation_of {
            Some(original) => match translation_language(lang.as_deref(), &results[0], &rules, original) {
                Ok(Some(lang)) => Some(TranslationOf::new(&self.root, original, &lang, &rules)?),
                Ok(None) => None,
                Err(message) => anyhow::bail!(message),
            },
            None => None,
        };
        let results = held_to_the_site(&self.root, &rules, translation.as_ref(), results);

        let mut failed = 0;
        let mut articles: Vec<(String, &Imported)> = Vec::new();
        for (input, result) in inputs.iter().zip(&results) {
            match result {
                Ok(article) => {
                    if self.explain {
                        eprint!("{}", explanation(&input.name(), &article.dropped));
                        for note in &article.notes {
                            eprintln!("  read: {note}");
                        }
                    }
                    articles.push((input.name(), article));
                }
                Err(error) => {
                    failed += 1;
                    terminal.problems(format!("error: {}: {error}", input.name()));
                    match error {
                        ImportError::Refused(refusal) if self.explain => {
                            eprint!("{}", explanation(&input.name(), &refusal.dropped));
                        }
                        ImportError::NoTopic { considered, .. } if self.explain => {
                            eprintln!("{}: the topics' keywords looked for:", input.name());
                            for line in considered {
                                eprintln!("  {line}");
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        let (mut written, mut skipped) = (0, 0);
        if self.stdout {
            for (_, article) in &articles {
                print!("{}", article.document());
            }
        } else {
            for ((input, _), outcome) in articles.iter().zip(write_all(&self.root, &articles, self.force)) {
                match outcome {
                    Ok(path) => {
                        written += 1;
                        terminal.say(format!("Imported {input} -> {}", path.display()));
                    }
                    Err(ImportError::Exists { path }) if self.skip_existing => {
                        skipped += 1;
                        terminal.say(format!("Skipped {input}: {} exists (--skip-existing)", path.display()));
                    }
                    Err(error) => {
                        failed += 1;
                        terminal.problems(format!("error: {input}: {error}"));
                    }
                }
            }
        }
        if any_directory {
            let seconds = started.elapsed().as_secs_f64();
            let action = if self.stdout { "printed" } else { "written" };
            let skipped_part = if skipped > 0 { format!(", {skipped} skipped as they exist") } else { String::new() };
            terminal.say(format!(
                "Imported {} of {} pages ({} {action}{skipped_part}, {failed} failed) in {:.0} ms ({:.0} pages/s)",
                inputs.len() - failed - skipped,
                inputs.len(),
                if self.stdout { articles.len() } else { written },
                seconds * 1000.0,
                inputs.len() as f64 / seconds.max(1e-9)
            ));
        }
        if failed > 0 {
            anyhow::bail!("{failed} of {} pages were not imported", inputs.len());
        }
        Ok(())
    }
}

/// The language a page imported with `--translation-of` is a translation into: `--lang`,
/// else the one the page was read in, if it is one of the site's. `Ok(None)` when the
/// page was refused (its own error says why).
fn translation_language(
    given: Option<&str>,
    result: &Result<Imported, ImportError>,
    rules: &SiteRules,
    original: &std::path::Path,
) -> Result<Option<String>, String> {
    if let Some(lang) = given {
        return Ok(Some(lang.to_owned()));
    }
    let Ok(article) = result else { return Ok(None) };
    let shown = original.display();
    match article.front.lang.as_deref() {
        Some(read) => match rules.site_language(read) {
            Some(code) => Ok(Some(code.to_owned())),
            None => Err(format!(
                "--translation-of {shown}: the page reads as `{read}`, which is not one of the site's languages ({}): pass --lang with the language it translates into",
                rules.language_list()
            )),
        },
        None => Err(format!(
            "--translation-of {shown}: the page's language could not be told (no `lang` attribute, too little text): pass --lang with the language it translates into"
        )),
    }
}

/// The imported articles, each put where it goes (beside the original for a translation)
/// and held to the build's rules there, alone and then with the rest of the site, before
/// anything is written: an article the next build would refuse becomes an error.
fn held_to_the_site(
    root: &std::path::Path,
    rules: &SiteRules,
    translation: Option<&TranslationOf>,
    results: Vec<Result<Imported, ImportError>>,
) -> Vec<Result<Imported, ImportError>> {
    let mut results: Vec<Result<Imported, ImportError>> = results
        .into_iter()
        .map(|result| {
            let mut article = result?;
            if let Some(translation) = translation {
                translation.place(&mut article);
            }
            rules.finish(&mut article)?;
            Ok(article)
        })
        .collect();
    let ready: Vec<&Imported> = results.iter().flatten().collect();
    let mut verdicts = check_in_site(root, &ready).into_iter();
    for result in &mut results {
        if result.is_ok()
            && let Some(Err(error)) = verdicts.next()
        {
            *result = Err(error);
        }
    }
    results
}

/// What `--explain` prints for one page: every dropped line or block and its rule.
fn explanation(input: &str, dropped: &[Dropped]) -> String {
    let mut text = format!("{input}: {} dropped\n", dropped.len());
    for dropped in dropped {
        text.push_str(&format!("  {}: {}: \"{}\"\n", dropped.location, dropped.rule, shorten(&dropped.text, 70)));
    }
    text
}
