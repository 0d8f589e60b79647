//! The command line: one Args struct per command, each in its own file with `run()`.

mod build;
mod check;
mod docs;
mod error;
mod import;
mod init;
mod new;
mod serve;
pub(crate) mod terminal;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub(crate) use build::BuildArgs;
pub(crate) use check::CheckArgs;
pub(crate) use docs::{CompletionsArgs, ManArgs};
pub(crate) use error::CliError;
pub(crate) use import::ImportArgs;
pub(crate) use init::InitArgs;
pub(crate) use new::NewArgs;
pub(crate) use serve::ServeArgs;
pub use terminal::ColorChoice;
pub(crate) use terminal::Terminal;

pub(crate) use crate::diagnostic::plural;

use crate::plan::BuildOptions;

/// The flags of every command that builds the site (`build`, `check`, `serve`).
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The site's root directory (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include articles marked `draft: true` (a preview: pages ask search engines not to index them)
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future (by default they wait for their date; a preview, not indexed)
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
#[command(
    after_help = "Exit status: 0 on success, 1 on content, template, output or check errors, 2 on usage errors.\nDocumentation: docs/README.md of briefing's repository, or `briefing man`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors and warnings
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say what was left out and why (drafts, scheduled articles)
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// When to colour messages: auto (a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto", global = true)]
    pub color: ColorChoice,
}

impl Cli {
    /// What the flags ask of the output.
    pub fn terminal(&self) -> Terminal {
        Terminal { quiet: self.quiet, verbose: self.verbose, colour: self.color.colours_stderr() }
    }
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
    /// Create a new briefing site (its own repository) that builds and checks as it is
    #[command(
        after_help = "Examples:\n  briefing init my-briefing\n  briefing init my-briefing --ci github   (with a GitHub Pages workflow)\n  briefing init --ci netlify              (add a Netlify setup to the site in this folder)"
    )]
    Init(InitArgs),
    /// Turn news pages (saved as plain text or HTML, or fetched from a URL) into articles of the site
    #[command(
        after_help = "Examples:\n  briefing import saved/report.txt --root my-briefing\n  briefing import saved/ --root my-briefing --topic export-controls\n  briefing import https://news.example/2025/11/20/report --root my-briefing\n  briefing import saved/page.txt --date 2025-11-20 --source AFP\n  cat saved/page.html | briefing import - --stdout"
    )]
    Import(ImportArgs),
    /// Start a new article or topic, with a front matter that `check` accepts
    New(NewArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(
        after_help = "Examples:\n  briefing completions bash > ~/.local/share/bash-completion/completions/briefing\n  briefing completions zsh > ~/.zfunc/_briefing\n  briefing completions fish > ~/.config/fish/completions/briefing.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page, briefing(1), or write one page per command with --out-dir
    #[command(after_help = "Examples:\n  briefing man | man -l -\n  briefing man --out-dir ~/.local/share/man/man1")]
    Man(ManArgs),
}

impl Command {
    pub fn run(self, terminal: &Terminal) -> Result<(), CliError> {
        match self {
            Command::Build(args) => args.run(terminal),
            Command::Check(args) => Ok(args.run(terminal)?),
            Command::Init(args) => Ok(args.run(terminal)?),
            Command::Serve(args) => Ok(args.run()?),
            Command::Import(args) => Ok(args.run(terminal)?),
            Command::New(args) => Ok(args.run(terminal)?),
            Command::Completions(args) => Ok(args.run()?),
            Command::Man(args) => Ok(args.run()?),
        }
    }
}

/// `1.4 MB`, `820 kB`, `512 B`.
pub(crate) fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} kB", b / 1_000),
        b => format!("{b} B"),
    }
}
