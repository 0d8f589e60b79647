//! `briefing check`: build in memory, write nothing, and report every problem of the site.

mod external;
mod images;
mod links;
mod sourcing;

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::plan::BuildOptions;
use crate::plan::{self, Loaded, Plan};
use crate::render::Route;
use crate::source::SiteSource;
pub(crate) use external::ExternalOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem found by `check`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Finding {
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

impl Finding {
    fn error(diagnostic: Diagnostic) -> Finding {
        Finding { severity: Severity::Error, diagnostic }
    }
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
pub(crate) struct CheckReport {
    pub pages: usize,
    pub links: usize,
    pub external_links: usize,
    pub findings: Vec<Finding>,
    /// Set when no external link could be reached (how many were tried): the machine
    /// looks offline, and the links were not judged.
    pub offline_links: Option<usize>,
}

impl CheckReport {
    /// Findings of `severity`; being offline counts as one warning.
    pub(crate) fn count(&self, severity: Severity) -> usize {
        let offline = usize::from(severity == Severity::Warning && self.offline_links.is_some());
        self.findings.iter().filter(|f| f.severity == severity).count() + offline
    }
}

/// Checks the site of `options` without writing anything, and reports every problem in
/// one run: content errors (those a build stops on), pages that fail to render, broken
/// links and anchors, then warnings and notes.
pub(crate) fn check(options: &BuildOptions, external: Option<&ExternalOptions>) -> CheckReport {
    let source = crate::plan::read_source(&options.root);
    let (loaded, problems) = plan::parse_despite_problems(&source, options);
    let mut report = CheckReport::default();
    report.findings.extend(problems.0.into_iter().map(Finding::error));
    if let Some(loaded) = &loaded {
        report.findings.extend(crate::plan::empty_site(&loaded.site, options).map(Finding::error));
        check_pages(loaded, &source, external, &mut report);
    }
    report.findings.sort();
    report.findings.dedup();
    report
}

/// Renders the pages of a loaded site and checks their links; adds what it finds to `report`.
fn check_pages(loaded: &Loaded, source: &SiteSource, external: Option<&ExternalOptions>, report: &mut CheckReport) {
    let site = &loaded.site;
    let plan = Plan::new(site, &loaded.templates, &loaded.statics);
    report.findings.extend(plan.collisions(&loaded.statics).0.into_iter().map(Finding::error));
    // Share cards hold no links: they are listed, not drawn.
    let (cards, routes): (Vec<Route>, Vec<Route>) = plan.routes.iter().partition(|route| route.is_card());
    let (mut pages, problems) = plan.render_collected(&routes);
    report.findings.extend(problems.0.into_iter().map(Finding::error));
    pages.sort_by(|a, b| a.path.cmp(&b.path));

    let route_of: HashMap<String, Route> = plan.outputs();
    let static_files = plan::static_list(&loaded.statics);
    let card_files: Vec<String> = cards.iter().map(|&route| plan.renderer.output_file(route)).collect();
    let mut files: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    files.extend(card_files.iter().map(String::as_str));
    files.extend(static_files.iter().map(|(name, _)| name.as_str()));
    let texts: HashMap<&std::path::Path, &str> =
        source.articles.iter().chain(&source.topics).map(|f| (f.path.as_path(), f.text.as_str())).collect();
    let context =
        links::LinkContext { site, templates: &loaded.templates, files: &files, route_of: &route_of, texts: &texts };
    let scan = links::check_links(&context, &pages);
    report.pages = pages.len();
    report.links = scan.internal_links;
    report.findings.extend(scan.findings);
    report.findings.extend(content_findings(site, source));
    report.findings.extend(sourcing::findings(&site.articles, &texts));
    report.findings.extend(images::findings(site, &loaded.statics));
    let skipped = loaded.warnings.iter().cloned();
    report.findings.extend(skipped.map(|diagnostic| Finding { severity: Severity::Warning, diagnostic }));
    if let Some(external) = external {
        let urls: Vec<String> = scan.external.iter().map(|link| link.url.clone()).collect();
        let external_report = external::check_urls(&urls, external);
        report.offline_links = external_report.offline;
        let failures: HashMap<String, String> = external_report.failures.into_iter().collect();
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
}

/// Problems that do not stop a build but that an editor wants to know of.
fn content_findings(site: &crate::site::Site, source: &SiteSource) -> Vec<Finding> {
    let texts: HashMap<&std::path::Path, &str> =
        source.articles.iter().chain(&source.topics).map(|f| (f.path.as_path(), f.text.as_str())).collect();
    let line_of = |path: &std::path::Path, key: &str| {
        texts.get(path).and_then(|text| crate::yaml::key_line(text, key)).unwrap_or(1)
    };
    let mut findings: Vec<Finding> = (site.articles.iter().flat_map(|article| &article.warnings))
        .chain(site.topics.iter().flat_map(|entry| &entry.topic.warnings))
        .map(|warning| Finding { severity: Severity::Warning, diagnostic: warning.clone() })
        .collect();
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
    findings.extend(near_miss_terms(site, &texts));
    findings.extend(missing_interface_texts(site, source));
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

/// Each language of the site whose interface files lack keys: its pages show those in
/// English.
fn missing_interface_texts(site: &crate::site::Site, source: &SiteSource) -> Vec<Finding> {
    let languages_line =
        source.config.as_ref().and_then(|config| crate::yaml::key_line(&config.text, "languages")).unwrap_or(1);
    let locales = site.config.interface.locales().filter(|locale| locale.declared && !locale.missing.is_empty());
    locales
        .map(|locale| {
            let keys = locale.missing.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ");
            let count = locale.missing.len();
            let diagnostic = match &locale.file {
                Some(file) => Diagnostic::whole_file(
                    file,
                    format!("`{}` lacks {count} interface text(s), shown in English instead: {keys}", locale.lang),
                ),
                None => Diagnostic::new(
                    crate::source::CONFIG_FILE,
                    languages_line,
                    1,
                    format!(
                        "`{lang}` has no interface file, so its pages show their labels in English: add i18n/{lang}.yaml with {keys}",
                        lang = locale.lang
                    ),
                ),
            };
            Finding { severity: Severity::Warning, diagnostic }
        })
        .collect()
}

/// A term only one article uses, spelt almost like a term others use or entities.yaml
/// describes (`Nvdia` beside `Nvidia`): likely a slip that would get a page of its own.
fn near_miss_terms(site: &crate::site::Site, texts: &HashMap<&std::path::Path, &str>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for taxonomy in &site.taxonomies {
        let uses = |term: &crate::site::Term| {
            term.articles.len() + term.articles_in_other_languages.iter().map(Vec::len).sum::<usize>()
        };
        let established: Vec<&str> = (taxonomy.terms.iter())
            .filter(|term| uses(term) > 1 || term.description.is_some() || !term.names.is_empty())
            .map(|term| term.name.as_str())
            .collect();
        for term in taxonomy.terms.iter().filter(|term| uses(term) == 1 && !established.contains(&term.name.as_str())) {
            let Some(close) = crate::diagnostic::suggestion(&term.name, established.iter().copied()) else {
                continue;
            };
            let Some(&crate::site::ArticleId(id)) =
                term.articles.first().or_else(|| term.articles_in_other_languages.iter().flatten().next())
            else {
                continue;
            };
            let article = &site.articles[id];
            let (line, column) = texts
                .get(article.path.as_path())
                .and_then(|text| crate::content::front_matter::split(text).ok())
                .map_or((1, 1), |parts| crate::yaml::locate(&parts.document(), &taxonomy.name, Some(&term.name)));
            findings.push(Finding {
                severity: Severity::Warning,
                diagnostic: Diagnostic::new(
                    &article.path,
                    line,
                    column,
                    format!(
                        "`{}` is in no other article and not in content/entities.yaml, and it is close to `{close}`: \
                         did you mean `{close}`? (as written, it gets a page of its own)",
                        term.name
                    ),
                ),
            });
        }
    }
    findings
}
