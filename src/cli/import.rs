//! `briefing import`.

use std::path::PathBuf;

use anyhow::Result;
use chrono::Datelike;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::content::{is_valid_language, shorten};
use crate::import::files::{collect_inputs, import_all, write_all};
use crate::import::site::load_gazetteer;
use crate::import::{Imported, Importer};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Pages to import: text or HTML files, directories of them, or `-` for stdin
    #[arg(required = true, value_name = "FILE")]
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
    #[arg(long)]
    pub force: bool,
    /// List every line or block left out of each article, and the rule that dropped it
    #[arg(long)]
    pub explain: bool,
    /// Language of the imported articles (`fr`), instead of the one each page declares or reads as
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Import one page as a translation of this article (`content/articles/…/name.md`): it is
    /// written beside it as `name.<LANG>.md`, with its own slug
    #[arg(long, value_name = "ARTICLE", requires = "lang")]
    pub translation_of: Option<PathBuf>,
}

impl ImportArgs {
    pub fn run(self) -> Result<()> {
        let started = std::time::Instant::now();
        let gazetteer = load_gazetteer(&self.root)?;
        let importer = Importer::new(gazetteer, self.topics.clone(), chrono::Local::now().year())?;
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
        if let Some(lang) = &self.lang
            && !is_valid_language(lang)
        {
            anyhow::bail!("`--lang {lang}` is not a language tag such as `en` or `fr`");
        }
        if let Some(original) = &self.translation_of {
            if inputs.len() != 1 {
                anyhow::bail!("--translation-of takes one page to import, not {}", inputs.len());
            }
            if !self.root.join(original).is_file() {
                anyhow::bail!("--translation-of {}: no such article under {}", original.display(), self.root.display());
            }
        }
        let mut results = import_all(&importer, &inputs, &|| bar.inc(1));
        bar.finish_and_clear();
        for article in results.iter_mut().flatten() {
            self.localise(article);
        }

        let mut failed = 0;
        let mut articles: Vec<(String, &Imported)> = Vec::new();
        for (input, result) in inputs.iter().zip(&results) {
            match result {
                Ok(article) => {
                    if self.explain {
                        eprint!("{}", explanation(&input.name(), article));
                    }
                    articles.push((input.name(), article));
                }
                Err(error) => {
                    failed += 1;
                    eprintln!("error: {}: {error}", input.name());
                }
            }
        }
        let mut written = 0;
        if self.stdout {
            for (_, article) in &articles {
                print!("{}", article.document());
            }
        } else {
            for ((input, _), outcome) in articles.iter().zip(write_all(&self.root, &articles, self.force)) {
                match outcome {
                    Ok(path) => {
                        written += 1;
                        if !any_directory {
                            println!("Imported {input} -> {}", path.display());
                        }
                    }
                    Err(error) => {
                        failed += 1;
                        eprintln!("error: {input}: {error}");
                    }
                }
            }
        }
        if any_directory {
            let seconds = started.elapsed().as_secs_f64();
            let action = if self.stdout { "printed" } else { "written" };
            println!(
                "Imported {} of {} pages ({} {action}, {failed} failed) in {:.0} ms ({:.0} pages/s)",
                inputs.len() - failed,
                inputs.len(),
                if self.stdout { articles.len() } else { written },
                seconds * 1000.0,
                inputs.len() as f64 / seconds.max(1e-9)
            );
        }
        if failed > 0 {
            anyhow::bail!("{failed} of {} pages were not imported", inputs.len());
        }
        Ok(())
    }
}

impl ImportArgs {
    /// `--lang` and `--translation-of`: the article's language, and its file beside the
    /// original (`name.fr.md`), keeping the slug its title gives.
    fn localise(&self, article: &mut Imported) {
        let Some(lang) = &self.lang else { return };
        article.front.lang = Some(lang.clone());
        if let Some(original) = &self.translation_of {
            let slug = article.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            let stem = original.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            article.path = original.with_file_name(format!("{stem}.{lang}.md"));
            article.front.slug = Some(slug);
        }
    }
}

/// What `--explain` prints for one article: every dropped line or block and its rule.
fn explanation(input: &str, article: &Imported) -> String {
    let mut text = format!("{input}: {} dropped\n", article.dropped.len());
    for dropped in &article.dropped {
        text.push_str(&format!("  {}: {}: \"{}\"\n", dropped.location, dropped.rule, shorten(&dropped.text, 70)));
    }
    text
}
