//! `briefing build`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::{SiteArgs, human_size};
use crate::build::{BuildOptions, build};
use crate::output::Interruption;

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: public/ under the root]; if it is a symbolic
    /// link, the site is built into the folder it points to and the link is kept
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Absolute URL the site is served from, replacing base_url of site.yaml
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

impl BuildArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions { output: self.output.clone(), base_url: self.base_url.clone(), ..self.site.options() }
    }

    pub fn run(self) -> Result<()> {
        let options = self.options();
        on_interruption(&options.interruption)?;
        let report = build(&options)?;
        for warning in &report.warnings {
            eprintln!("warning: {warning}");
        }
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
