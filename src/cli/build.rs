//! `briefing build`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::{CliError, SiteArgs, human_size, plural};
use crate::build::build;
use crate::output::Interruption;
use crate::plan::BuildOptions;

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: public/ under the root]; if it is a symbolic
    /// link, the site is built into the folder it points to and the link is kept
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Absolute URL the site is served from, replacing base_url of site.yaml; another
    /// address than site.yaml's makes a preview, whose pages ask not to be indexed
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

impl BuildArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions { output: self.output.clone(), base_url: self.base_url.clone(), ..self.site.options() }
    }

    pub fn run(self, terminal: &super::Terminal) -> Result<(), CliError> {
        let options = self.options();
        on_interruption(&options.interruption)?;
        let report = build(&options)?;
        for warning in &report.warnings {
            terminal.problems(format!("warning: {warning}"));
        }
        let shown = report
            .output
            .strip_prefix(std::env::current_dir().unwrap_or_default())
            .unwrap_or(&report.output)
            .display()
            .to_string();
        terminal.say(format!(
            "Built {} ({}, {}) in {} ms -> {}/ ({})",
            plural(report.pages, "page", "pages"),
            plural(report.articles, "article", "articles"),
            plural(report.topics, "topic", "topics"),
            report.elapsed.as_millis(),
            shown,
            human_size(report.bytes)
        ));
        if let Some(line) = left_out(report.drafts_left_out.len(), report.scheduled_left_out.len()) {
            terminal.say(line);
        }
        if terminal.verbose {
            for path in &report.drafts_left_out {
                terminal.say(format!("  draft: {}", path.display()));
            }
            for (path, date) in &report.scheduled_left_out {
                terminal.say(format!("  scheduled for {}: {}", date.to_rfc3339(), path.display()));
            }
        }
        Ok(())
    }
}

/// "1 draft and 2 scheduled articles left out (use --drafts / --future)", or nothing.
pub(super) fn left_out(drafts: usize, scheduled: usize) -> Option<String> {
    let (what, flags) = match (drafts, scheduled) {
        (0, 0) => return None,
        (d, 0) => (plural(d, "draft", "drafts"), "--drafts"),
        (0, s) => (plural(s, "scheduled article", "scheduled articles"), "--future"),
        (d, s) => (
            format!("{} and {}", plural(d, "draft", "drafts"), plural(s, "scheduled article", "scheduled articles")),
            "--drafts / --future",
        ),
    };
    Some(format!("{what} left out (use {flags}; -v lists them)"))
}

/// Ctrl-C or SIGTERM sets `interruption`, so the build stops at its next page and removes
/// its unfinished output; a second one ends the process at once.
fn on_interruption(interruption: &Interruption) -> Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let stopping = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        // Registered first, so it sees `stopping` still false on the first signal.
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, stopping.clone())
            .and_then(|_| signal_hook::flag::register(signal, stopping.clone()))
            .and_then(|_| signal_hook::flag::register_usize(signal, interruption.clone(), signal as usize))
            .context("cannot install the signal handlers")?;
    }
    Ok(())
}
