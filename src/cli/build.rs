//! `briefing build`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{SiteArgs, human_size};
use crate::build::{BuildOptions, build};

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: public/ under the root]
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
        let report = build(&self.options())?;
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
