//! `briefing check`.

use anyhow::Result;
use clap::Args;

use super::SiteArgs;
use crate::check::{ExternalOptions, Severity, check};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also check external links (throttled per host; answers cached for a day; failures are warnings)
    #[arg(long)]
    pub external: bool,
    /// With --external: check every link again instead of reusing the day's cached answers
    #[arg(long, requires = "external")]
    pub refresh: bool,
    /// Fail (exit 1) on warnings too, not only on errors: for CI
    #[arg(long, alias = "strict")]
    pub deny_warnings: bool,
}

impl CheckArgs {
    pub fn run(self) -> Result<()> {
        let external = self.external.then(|| ExternalOptions { refresh: self.refresh, ..ExternalOptions::default() });
        let report = check(&self.site.options(), external.as_ref());
        for finding in &report.findings {
            eprintln!("{finding}");
        }
        if let Some(links) = report.offline_links {
            eprintln!(
                "warning: no external link could be reached ({links} tried, on several hosts): this machine \
                 appears to be offline, so they were not checked; run `check --external` again when connected"
            );
        }
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        let external_part =
            if self.external { format!(", {} external links", report.external_links) } else { String::new() };
        println!(
            "Checked {} pages, {} internal links{external_part}: {errors} errors, {} warnings, {} notes",
            report.pages,
            report.links,
            warnings,
            report.count(Severity::Note)
        );
        if errors > 0 {
            anyhow::bail!("the check found {errors} error{}", if errors == 1 { "" } else { "s" });
        }
        if self.deny_warnings && warnings > 0 {
            anyhow::bail!(
                "the check found {warnings} warning{}, and --deny-warnings makes them fail it",
                if warnings == 1 { "" } else { "s" }
            );
        }
        Ok(())
    }
}
