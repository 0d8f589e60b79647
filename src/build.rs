//! The one place that knows the order: source -> content -> site -> render -> output.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use thiserror::Error;

use crate::config::SiteConfig;
use crate::content::{Article, ParseContext, Topic};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{Interruption, Output, OutputError};
use crate::render::{Page, PageJob, Renderer, Templates};
use crate::site::{Entities, Site, SiteOptions};
use crate::source::{CONFIG_FILE, SiteSource, StaticFile, TextFile, fingerprinted_name};

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` under the root.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of site.yaml.
    pub base_url: Option<String>,
    pub include_drafts: bool,
    /// Include articles dated in the future (scheduled ones).
    pub include_future: bool,
    /// Set by a SIGINT or SIGTERM handler: the build stops and removes its unfinished output.
    pub interruption: Interruption,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug, Error)]
pub enum BuildError {
    /// Problems in the site's files, every one of them.
    #[error("{0}")]
    Content(Diagnostics),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub articles: usize,
    pub topics: usize,
    pub bytes: u64,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// What was left out and the author should hear of.
    pub warnings: Vec<Diagnostic>,
}

/// Everything a site's pages are rendered from, parsed and checked.
pub struct Loaded {
    pub site: Site,
    pub templates: Templates,
    /// The site's `static/` files.
    pub statics: Vec<StaticFile>,
    /// What was left out and the author should hear of.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and parses the site, collecting every problem before giving up.
pub fn load(options: &BuildOptions) -> Result<Loaded, Diagnostics> {
    let source = SiteSource::read(&options.root);
    parse(&source, options)
}

/// The content and site stages over a source already in memory.
pub fn parse(source: &SiteSource, options: &BuildOptions) -> Result<Loaded, Diagnostics> {
    let mut problems = Diagnostics::default();
    problems.extend(source.problems.iter().cloned());
    let Some(config_file) = &source.config else {
        // A site.yaml that is there but unreadable (or a link out of the site) says why.
        let unreadable = source.problems.iter().any(|problem| problem.path == Path::new(CONFIG_FILE));
        return Err(if unreadable { problems.sorted() } else { no_site(options) });
    };
    let config = match parse_config(&config_file.text, options) {
        Ok(config) => config,
        Err(problem) => {
            problems.push(problem);
            return Err(problems.sorted());
        }
    };
    let (topics, topic_problems) = parse_topics(&source.topics);
    problems.extend(topic_problems);
    let topic_slugs = topic_slugs(&topics);
    let (entities, entity_problems) = parse_entities(source.entities.as_ref(), &config);
    problems.extend(entity_problems);

    let templates = Templates::compile(&source.templates);
    let context =
        ParseContext { default_language: &config.language, topics: &topic_slugs, taxonomies: &config.taxonomies };
    let mut articles = Vec::with_capacity(source.articles.len());
    for result in parse_articles(&source.articles, &context) {
        match result {
            Ok(article) => articles.push(article),
            Err(errors) => problems.extend(errors),
        }
    }
    let templates = match templates {
        Ok(templates) => Some(templates),
        Err(errors) => {
            problems.extend(errors);
            None
        }
    };
    if !problems.is_empty() {
        return Err(problems.sorted());
    }
    let site = Site::assemble(
        config,
        articles,
        topics,
        &entities,
        SiteOptions {
            include_drafts: options.include_drafts,
            include_future: options.include_future,
            now: Some(chrono::Local::now().fixed_offset()),
        },
    )
    .map_err(Diagnostics::from)?;
    Ok(Loaded {
        site,
        templates: templates.expect("no problems means templates compiled"),
        statics: source.static_files.clone(),
        warnings: source.warnings.clone(),
    })
}

/// The one problem of a root without a readable site.yaml.
pub fn no_site(options: &BuildOptions) -> Diagnostics {
    let mut only = Diagnostics::default();
    only.push(Diagnostic::whole_file(
        CONFIG_FILE,
        format!(
            "no site here: `{}` has no readable site.yaml; run `briefing init DIR` to create a site",
            options.root.display()
        ),
    ));
    only
}

/// site.yaml's text -> the configuration, with the base URL the options ask for.
pub fn parse_config(text: &str, options: &BuildOptions) -> Result<SiteConfig, Diagnostic> {
    let config = SiteConfig::parse(text, CONFIG_FILE)?;
    match &options.base_url {
        Some(base_url) => {
            config.with_base_url(base_url).map_err(|message| Diagnostic::whole_file("--base-url", message))
        }
        None => Ok(config),
    }
}

/// Every topic that parses, and the problems of those that do not.
pub fn parse_topics(files: &[TextFile]) -> (Vec<Topic>, Vec<Diagnostic>) {
    let mut topics = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for file in files {
        match Topic::parse(&file.path, &file.text) {
            Ok(topic) => topics.push(topic),
            Err(errors) => problems.extend(errors),
        }
    }
    (topics, problems)
}

/// The slugs of `topics`, sorted, as `ParseContext::topics` wants them.
pub fn topic_slugs(topics: &[Topic]) -> Vec<String> {
    let mut slugs: Vec<String> = topics.iter().map(|t| t.slug.clone()).collect();
    slugs.sort();
    slugs
}

/// content/entities.yaml, if any; no entities (and its problems) when it does not parse.
pub fn parse_entities(file: Option<&TextFile>, config: &SiteConfig) -> (Entities, Vec<Diagnostic>) {
    match file {
        Some(file) => match Entities::parse(&file.text, &file.path, &config.taxonomies) {
            Ok(entities) => (entities, Vec::new()),
            Err(errors) => (Entities::default(), errors),
        },
        None => (Entities::default(), Vec::new()),
    }
}

/// Parses articles in parallel, each to an article or its problems, in the order given.
pub fn parse_articles(files: &[TextFile], context: &ParseContext<'_>) -> Vec<Result<Article, Vec<Diagnostic>>> {
    files.par_iter().map(|file| Article::parse(&file.path, &file.text, context)).collect()
}

/// Static files as `(path under static/ with `/`, file to copy)`; a stylesheet or script
/// comes twice, under its own name and under its fingerprinted one.
pub fn static_list(files: &[StaticFile]) -> Vec<(String, PathBuf)> {
    let mut list = Vec::with_capacity(files.len());
    for file in files {
        let name = file.relative.to_string_lossy().replace('\\', "/");
        if let Some(fingerprint) = &file.fingerprint {
            list.push((fingerprinted_name(&name, fingerprint), file.absolute.clone()));
        }
        list.push((name, file.absolute.clone()));
    }
    list
}

/// Static files that would overwrite a generated page.
pub fn static_collisions(renderer: &Renderer<'_>, jobs: &[PageJob], static_files: &[(String, PathBuf)]) -> Diagnostics {
    let generated: HashSet<String> = jobs
        .iter()
        .filter(|job| !matches!(job, PageJob::Asset(_) | PageJob::FingerprintedAsset(_)))
        .map(|&job| renderer.output_path(job))
        .collect();
    let mut problems = Diagnostics::default();
    for (relative, _) in static_files {
        if generated.contains(relative) {
            problems.push(Diagnostic::whole_file(
                format!("static/{relative}"),
                format!("this file would overwrite the generated page `{relative}`: rename or remove it"),
            ));
        }
    }
    problems
}

/// Renders every page, handing each to `sink` as soon as it is ready, so the whole
/// site is never held in memory at once. Every rendering error is collected.
pub fn render_pages<E: Send>(
    renderer: &Renderer<'_>,
    jobs: &[PageJob],
    sink: impl Fn(Page) -> Result<(), E> + Sync,
) -> Result<Result<(), Diagnostics>, E> {
    let results: Vec<Result<Option<Diagnostic>, E>> = jobs
        .par_iter()
        .map(|&job| match renderer.render(job) {
            Ok(page) => sink(page).map(|_| None),
            Err(diagnostic) => Ok(Some(diagnostic)),
        })
        .collect();
    let mut problems = Diagnostics::default();
    for result in results {
        if let Some(diagnostic) = result? {
            problems.push(diagnostic);
        }
    }
    Ok(problems.into_result(()))
}

/// Builds the site into its output directory.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let loaded = load(options).map_err(BuildError::Content)?;
    let renderer = Renderer::new(&loaded.site, &loaded.templates, &loaded.statics);
    let static_files = static_list(&loaded.statics);
    let jobs = renderer.jobs();
    let collisions = static_collisions(&renderer, &jobs, &static_files);
    if !collisions.is_empty() {
        return Err(BuildError::Content(collisions.sorted()));
    }

    let output = Output::prepare(&options.root, &options.output_dir())?.interrupted_by(options.interruption.clone());
    render_pages(&renderer, &jobs, |page| output.write(&page))?.map_err(BuildError::Content)?;
    static_files.par_iter().try_for_each(|(relative, absolute)| output.copy(absolute, Path::new(relative)))?;
    let bytes = output.size();
    let target = output.commit()?;
    Ok(BuildReport {
        pages: jobs.len() + static_files.len(),
        articles: loaded.site.articles.len(),
        topics: loaded.site.topics.len(),
        bytes,
        output: target,
        elapsed: started.elapsed(),
        warnings: loaded.warnings,
    })
}
