//! `briefing check`.

use anyhow::Result;
use clap::Args;

use super::SiteArgs;
use crate::check::{ExternalOptions, Severity, check};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also check external links (throttled per host, cached for a day; failures are warnings)
    #[arg(long)]
    pub external: bool,
}

impl CheckArgs {
    pub fn run(self) -> Result<()> {
        let external = self.external.then(ExternalOptions::default);
        let report = check(&self.site.options(), external.as_ref());
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
