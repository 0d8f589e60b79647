//! `briefing check`.

use anyhow::Result;
use clap::Args;

use super::{SiteArgs, plural};
use crate::check::{ExternalOptions, Severity, check};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also check external links (throttled per host; answers cached for a day; failures are warnings)
    #[arg(long)]
    pub external: bool,
    /// Check the site as it will be served from this address (the base URL a CI build
    /// passes to `build`), replacing base_url of site.yaml: catches links that would
    /// break under its path
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// With --external: check every link again instead of reusing the day's cached answers
    #[arg(long, requires = "external")]
    pub refresh: bool,
    /// Fail (exit 1) on warnings too, not only on errors: for CI
    #[arg(long, alias = "strict")]
    pub deny_warnings: bool,
}

impl CheckArgs {
    pub fn run(self, terminal: &super::Terminal) -> Result<()> {
        let external = self.external.then(|| ExternalOptions { refresh: self.refresh, ..ExternalOptions::default() });
        let options = crate::plan::BuildOptions { base_url: self.base_url.clone(), ..self.site.options() };
        let report = check(&options, external.as_ref());
        for finding in &report.findings {
            terminal.problems(finding);
        }
        if let Some(links) = report.offline_links {
            terminal.problems(format!(
                "warning: no external link could be reached ({links} tried, on several hosts): this machine \
                 appears to be offline, so they were not checked; run `check --external` again when connected"
            ));
        }
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        let external_part = if self.external {
            format!(", {}", plural(report.external_links, "external link", "external links"))
        } else {
            String::new()
        };
        terminal.say(format!(
            "Checked {}, {}{external_part}: {}, {}, {}",
            plural(report.pages, "page", "pages"),
            plural(report.links, "internal link", "internal links"),
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(report.count(Severity::Note), "note", "notes")
        ));
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
