//! The command line: one Args struct per command, each with `run()`.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use chrono::Datelike;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::{BuildOptions, build};
use crate::check::{ExternalOptions, Severity, check};
use crate::content::shorten;
use crate::import::files::{collect_inputs, import_all, write_all};
use crate::import::site::load_gazetteer;
use crate::import::{Imported, Importer};
use crate::init::init_site;

/// briefing turns news reports into a browsable tech-geopolitics briefing site.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder of static files (public/ by default)
    #[command(after_help = "Example:\n  briefing build --root my-briefing --base-url https://user.github.io/briefing/")]
    Build(BuildArgs),
    /// Check the site without writing anything: links, anchors, static files, content
    #[command(after_help = "Examples:\n  briefing check\n  briefing check --root my-briefing --external")]
    Check(CheckArgs),
    /// Preview the site: build it in memory, serve it locally and rebuild it as files change
    #[command(
        long_about = "Preview the site: build it in memory (never writing public/), serve it at http://127.0.0.1:1111/ \
                      and watch site.yaml, content/, templates/ and static/. A change rebuilds only the pages it \
                      touches and reloads the browser. A bad edit keeps the last good site served, with the \
                      problems (file:line:column: message) shown over every page and in the terminal.",
        after_help = "Examples:\n  briefing serve --root my-briefing\n  briefing serve --port 0 --drafts --open   (any free port; drafts included)"
    )]
    Serve(crate::serve::ServeArgs),
    /// Create a new, minimal briefing site that builds as it is
    #[command(after_help = "Example:\n  briefing init my-briefing && briefing build --root my-briefing")]
    Init(InitArgs),
    /// Turn saved news pages (plain text or HTML) into articles of the site
    #[command(
        after_help = "Examples:\n  briefing import saved/report.txt --root my-briefing\n  briefing import saved/ --root my-briefing --topic export-controls\n  cat saved/page.html | briefing import - --stdout"
    )]
    Import(ImportArgs),
}

impl Command {
    pub fn run(self) -> Result<()> {
        match self {
            Command::Build(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Import(args) => args.run(),
        }
    }
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's root directory (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: public/ under the root]
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Absolute URL the site is served from, replacing base_url of site.yaml
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future (by default they wait for their date)
    #[arg(long)]
    pub future: bool,
}

impl BuildArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            include_drafts: self.drafts,
            include_future: self.future,
        }
    }

    pub fn run(self) -> Result<()> {
        let report = build(&self.options())?;
        let shown = report
            .output
            .strip_prefix(std::env::current_dir().unwrap_or_default())
            .unwrap_or(&report.output)
            .display()
            .to_string();
        println!(
            "Built {} pages ({} articles, {} topics) in {} ms -> {}/ ({})",
            report.pages,
            report.articles,
            report.topics,
            report.elapsed.as_millis(),
            shown,
            human_size(report.bytes)
        );
        Ok(())
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's root directory (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include articles marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Also check external links (throttled per host, cached for a day; failures are warnings)
    #[arg(long)]
    pub external: bool,
}

impl CheckArgs {
    pub fn run(self) -> Result<()> {
        let options = BuildOptions { root: self.root.clone(), include_drafts: self.drafts, ..BuildOptions::default() };
        let external = self.external.then(ExternalOptions::default);
        let report = check(&options, external.as_ref()).map_err(crate::build::BuildError::Content)?;
        for finding in &report.findings {
            eprintln!("{finding}");
        }
        let errors = report.count(Severity::Error);
        let external_part =
            if self.external { format!(", {} external links", report.external_links) } else { String::new() };
        println!(
            "Checked {} pages, {} internal links{external_part}: {errors} errors, {} warnings, {} notes",
            report.pages,
            report.links,
            report.count(Severity::Warning),
            report.count(Severity::Note)
        );
        if errors > 0 {
            anyhow::bail!("the check found {errors} error{}", if errors == 1 { "" } else { "s" });
        }
        Ok(())
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to create the site in (created if missing)
    pub dir: PathBuf,
    /// Overwrite files of the new site that already exist there
    #[arg(long)]
    pub force: bool,
}

impl InitArgs {
    pub fn run(self) -> Result<()> {
        let written = init_site(&self.dir, self.force)?;
        println!("Created a briefing site in {} ({} files)", self.dir.display(), written.len());
        println!("Next: briefing build --root {}", self.dir.display());
        Ok(())
    }
}

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
        let results = import_all(&importer, &inputs, &|| bar.inc(1));
        bar.finish_and_clear();

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

/// What `--explain` prints for one article: every dropped line or block and its rule.
fn explanation(input: &str, article: &Imported) -> String {
    let mut text = format!("{input}: {} dropped\n", article.dropped.len());
    for dropped in &article.dropped {
        text.push_str(&format!("  {}: {}: \"{}\"\n", dropped.location, dropped.rule, shorten(&dropped.text, 70)));
    }
    text
}

/// `1.4 MB`, `820 kB`, `512 B`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} kB", b / 1_000),
        b => format!("{b} B"),
    }
}
