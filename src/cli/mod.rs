//! The command line: one Args struct per command, each in its own file with `run()`.

mod build;
mod check;
mod import;
mod init;
mod serve;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

pub use build::BuildArgs;
pub use check::CheckArgs;
pub use import::ImportArgs;
pub use init::InitArgs;
pub use serve::ServeArgs;

use crate::build::BuildOptions;

/// The flags of every command that builds the site (`build`, `check`, `serve`).
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The site's root directory (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include articles marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future (by default they wait for their date)
    #[arg(long)]
    pub future: bool,
    /// Build even if no article is published (by default an empty site is an error)
    #[arg(long)]
    pub allow_empty: bool,
}

impl SiteArgs {
    /// Build options for these flags (output and base URL as site.yaml says).
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: None,
            base_url: None,
            include_drafts: self.drafts,
            include_future: self.future,
            allow_empty: self.allow_empty,
            ..BuildOptions::default()
        }
    }
}

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
                      problems (file:line:column: message) shown over every page and in the terminal; \
                      warnings (raw HTML removed, hidden files) are printed in the terminal only.",
        after_help = "Examples:\n  briefing serve --root my-briefing\n  briefing serve --port 0 --drafts --open   (any free port; drafts included)"
    )]
    Serve(ServeArgs),
    /// Create a new, minimal briefing site that builds as it is
    #[command(after_help = "Example:\n  briefing init my-briefing && briefing build --root my-briefing")]
    Init(InitArgs),
    /// Turn news pages (saved as plain text or HTML, or fetched from a URL) into articles of the site
    #[command(
        after_help = "Examples:\n  briefing import saved/report.txt --root my-briefing\n  briefing import saved/ --root my-briefing --topic export-controls\n  briefing import https://news.example/2025/11/20/report --root my-briefing\n  briefing import saved/page.txt --date 2025-11-20 --source AFP\n  cat saved/page.html | briefing import - --stdout"
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

/// `1.4 MB`, `820 kB`, `512 B`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} kB", b / 1_000),
        b => format!("{b} B"),
    }
}
