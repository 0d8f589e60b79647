//! The command line: one Args struct per command, each with `run()`.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::build::{BuildOptions, build};
use crate::check::{ExternalOptions, Severity, check};
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
}

impl Command {
    pub fn run(self) -> Result<()> {
        match self {
            Command::Build(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::Serve(args) => args.run(),
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

/// `1.4 MB`, `820 kB`, `512 B`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} kB", b / 1_000),
        b => format!("{b} B"),
    }
}
