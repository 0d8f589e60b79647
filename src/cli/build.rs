//! `briefing build`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::human_size;
use crate::build::{BuildOptions, build};

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
