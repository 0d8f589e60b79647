//! `briefing check`: build in memory, write nothing, and report every problem of the site.

mod external;
mod links;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Mutex;

use crate::build::{self, BuildOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::{Page, PageJob, Renderer};
use crate::source::SiteSource;
pub use external::ExternalOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem found by `check`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{label}: {}", self.diagnostic)
    }
}

/// What `check` looked at and found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub pages: usize,
    pub links: usize,
    pub external_links: usize,
    pub findings: Vec<Finding>,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Checks the site of `options` without writing anything. Content errors (the ones a
/// build would stop on) come back as `Err`, all together.
pub fn check(options: &BuildOptions, external: Option<&ExternalOptions>) -> Result<CheckReport, Diagnostics> {
    let source = SiteSource::read(&options.root);
    let loaded = build::parse(&source, options)?;
    let site = &loaded.site;
    let renderer = Renderer::new(site, &loaded.templates, &loaded.statics);
    let static_files = build::static_list(&loaded.statics);
    let jobs = renderer.jobs();
    let collisions = build::static_collisions(&renderer, &jobs, &static_files);
    if !collisions.is_empty() {
        return Err(collisions);
    }
    let pages: Mutex<Vec<Page>> = Mutex::new(Vec::with_capacity(jobs.len()));
    build::render_pages(&renderer, &jobs, |page| {
        pages.lock().expect("no panic while holding the lock").push(page);
        Ok::<(), ()>(())
    })
    .expect("collecting pages cannot fail")?;
    let mut pages = pages.into_inner().expect("no panic while holding the lock");
    pages.sort_by(|a, b| a.path.cmp(&b.path));

    let job_of: HashMap<String, PageJob> = jobs.iter().map(|&job| (renderer.output_path(job), job)).collect();
    let mut files: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    files.extend(static_files.iter().map(|(name, _)| name.as_str()));
    let article_texts: HashMap<&std::path::Path, &str> =
        source.articles.iter().map(|f| (f.path.as_path(), f.text.as_str())).collect();
    let context = links::LinkContext {
        site,
        templates: &loaded.templates,
        files: &files,
        job_of: &job_of,
        article_texts: &article_texts,
    };
    let scan = links::check_links(&context, &pages);
    let mut report = CheckReport { pages: pages.len(), links: scan.internal_links, ..CheckReport::default() };
    report.findings = scan.findings;
    report.findings.extend(content_findings(site, &source));
    let skipped = source.warnings.iter().cloned();
    report.findings.extend(skipped.map(|diagnostic| Finding { severity: Severity::Warning, diagnostic }));
    if let Some(external) = external {
        let urls: Vec<String> = scan.external.iter().map(|link| link.url.clone()).collect();
        let failures: HashMap<String, String> = external::check_urls(&urls, external).into_iter().collect();
        report.external_links = failures.len().max(urls.iter().collect::<HashSet<_>>().len());
        for link in &scan.external {
            if let Some(problem) = failures.get(&link.url) {
                let html = pages
                    .iter()
                    .find(|p| p.path == link.page)
                    .and_then(|p| std::str::from_utf8(&p.bytes).ok())
                    .unwrap_or_default();
                let message = format!("external link `{}` {problem}", link.url);
                report.findings.push(Finding {
                    severity: Severity::Warning,
                    diagnostic: links::locate(&context, &link.page, html, link.offset, &link.url, message),
                });
            }
        }
    }
    report.findings.sort();
    report.findings.dedup();
    Ok(report)
}

/// Problems that do not stop a build but that an editor wants to know of.
fn content_findings(site: &crate::site::Site, source: &SiteSource) -> Vec<Finding> {
    let texts: HashMap<&std::path::Path, &str> =
        source.articles.iter().chain(&source.topics).map(|f| (f.path.as_path(), f.text.as_str())).collect();
    let line_of = |path: &std::path::Path, key: &str| {
        texts.get(path).and_then(|text| crate::config::key_line(text, key)).unwrap_or(1)
    };
    let mut findings = Vec::new();
    for entry in site.topics.iter().filter(|t| t.articles.is_empty()) {
        findings.push(Finding {
            severity: Severity::Warning,
            diagnostic: Diagnostic::new(
                &entry.topic.path,
                line_of(&entry.topic.path, "title"),
                1,
                format!("topic `{}` has no articles; its page will be an empty timeline", entry.topic.slug),
            ),
        });
    }
    for article in site.articles.iter().filter(|a| !a.summary_written) {
        findings.push(Finding {
            severity: Severity::Warning,
            diagnostic: Diagnostic::new(
                &article.path,
                line_of(&article.path, "title"),
                1,
                "no `summary:`; lists, feeds and the meta description use the start of the first paragraph",
            ),
        });
    }
    for (path, date) in &site.scheduled {
        findings.push(Finding {
            severity: Severity::Note,
            diagnostic: Diagnostic::new(
                path,
                line_of(path, "date"),
                1,
                format!(
                    "scheduled: dated {}, it is left out until then (build with --future to include it)",
                    date.to_rfc3339()
                ),
            ),
        });
    }
    findings
}
