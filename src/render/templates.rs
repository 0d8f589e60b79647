//! Tera templates: the built-in defaults, overridden file by file by the site's `templates/`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

use tera::{ErrorKind, Kwargs, State, Tera};

use crate::diagnostic::Diagnostic;
use crate::source::TextFile;

/// The templates briefing ships, compiled into the binary: the template of every kind of
/// page (`route::KINDS`) and those they share (a test holds them to the table).
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("taxonomy.html", include_str!("../../templates/taxonomy.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("author.html", include_str!("../../templates/author.html")),
    ("thread.html", include_str!("../../templates/thread.html")),
    ("measures.html", include_str!("../../templates/measures.html")),
    ("measure.html", include_str!("../../templates/measure.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("feed.json", include_str!("../../templates/feed.json")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
    ("sitemap-news.xml", include_str!("../../templates/sitemap-news.xml")),
    ("redirect.html", include_str!("../../templates/redirect.html")),
];

/// Site templates that no page is rendered with and no other template uses: most likely a
/// misspelt name (`articel.html`), which would otherwise be ignored without a word.
pub fn unused_templates(site_templates: &[TextFile]) -> Vec<Diagnostic> {
    let names: Vec<String> = site_templates.iter().map(|f| f.path.to_string_lossy().replace('\\', "/")).collect();
    let texts: Vec<&str> =
        site_templates.iter().map(|f| f.text.as_str()).chain(DEFAULT_TEMPLATES.iter().map(|(_, text)| *text)).collect();
    let built_in = || DEFAULT_TEMPLATES.iter().map(|(name, _)| *name);
    let mut warnings = Vec::new();
    for name in &names {
        let used = built_in().any(|known| known == name)
            || texts.iter().any(|text| text.contains(&format!("\"{name}\"")) || text.contains(&format!("'{name}'")));
        if used {
            continue;
        }
        let hint = crate::diagnostic::suggestion(name, built_in())
            .map(|known| format!("did you mean `{known}`? "))
            .unwrap_or_default();
        let known: Vec<&str> = built_in().collect();
        warnings.push(Diagnostic::whole_file(
            format!("templates/{name}"),
            format!(
                "template `{name}` is not used: no page is rendered with it and no template includes, imports or extends it; \
                 {hint}a site template replaces the built-in one of the same name ({})",
                known.join(", ")
            ),
        ));
    }
    warnings
}

/// Compiled templates; compiled once per build (or once per template change in `serve`).
#[derive(Clone)]
pub struct Templates {
    pub tera: Tera,
    /// Template name -> the file it came from, for error messages.
    origins: BTreeMap<String, String>,
    /// Template name -> its text, for locating what a page's links came from.
    texts: BTreeMap<String, String>,
    /// The hash of every template's name and text: part of a page's fingerprint, so that
    /// `serve` renders a page again when any template it may include changed.
    texts_hash: u64,
}

impl Templates {
    /// Compiles the defaults with the site's templates (`templates/<name>`) over them.
    pub fn compile(site_templates: &[TextFile]) -> Result<Templates, Vec<Diagnostic>> {
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            for file in site_templates {
                (&file.path, &file.text).hash(&mut hasher);
            }
            hasher.finish()
        };
        if let Some(templates) = COMPILED.with_borrow(|compiled| compiled.iter().find(|(k, _)| *k == key).cloned()) {
            return Ok(templates.1);
        }
        let templates = Templates::compile_anew(site_templates)?;
        COMPILED.with_borrow_mut(|compiled| {
            compiled.retain(|(k, _)| *k != key);
            compiled.truncate(COMPILED_KEPT - 1);
            compiled.insert(0, (key, templates.clone()));
        });
        Ok(templates)
    }

    fn compile_anew(site_templates: &[TextFile]) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, (String, &str)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), (format!("(built-in) templates/{name}"), *text)))
            .collect();
        for file in site_templates {
            let name = file.path.to_string_lossy().replace('\\', "/");
            let origin = format!("templates/{name}");
            sources.insert(name, (origin, file.text.as_str()));
        }
        let origins = sources.iter().map(|(name, (origin, _))| (name.clone(), origin.clone())).collect();
        let texts: BTreeMap<String, String> =
            sources.iter().map(|(name, (_, text))| (name.clone(), text.to_string())).collect();
        let mut tera = Tera::new();
        super::register_functions(&mut tera);
        // Templates are added one by one first so that each syntax error is reported,
        // then together so that inheritance is resolved.
        let mut problems = Vec::new();
        for (name, (origin, text)) in &sources {
            let single_key = {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                (name, text).hash(&mut hasher);
                hasher.finish()
            };
            if PARSED.with_borrow(|parsed| parsed.contains(&single_key)) {
                continue;
            }
            let mut single = Tera::new();
            super::register_functions(&mut single);
            let result = single.add_raw_template(name, text);
            if result.is_ok() {
                PARSED.with_borrow_mut(|parsed| {
                    if parsed.len() >= PARSED_KEPT {
                        parsed.clear();
                    }
                    parsed.insert(single_key);
                });
            }
            if let Err(error) = result
                && matches!(error.kind(), ErrorKind::SyntaxError(_))
            {
                // Tera stops at the end of the file or the next closing tag; the open tag is the cause.
                problems.push(match super::template_blocks::unclosed(text) {
                    Some(open) => Diagnostic::new(origin.as_str(), open.line, open.column, open.message),
                    None => diagnostic(&error, origin),
                });
            }
        }
        for (origin, text) in sources.values() {
            problems.extend(unknown_parent(origin, text, &sources));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // The built-in `range` has no idea of the page it serves: ours counts what it makes.
        tera.register_function("range", bounded_range);
        tera.add_raw_templates(sources.iter().map(|(name, (_, text))| (name.as_str(), *text))).map_err(|error| {
            let origin = report_origin(&error, &origins).unwrap_or_else(|| "templates".to_owned());
            vec![diagnostic(&error, &origin)]
        })?;
        let texts_hash = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            texts.hash(&mut hasher);
            hasher.finish()
        };
        Ok(Templates { tera, origins, texts, texts_hash })
    }

    /// The hash of every template's name and text.
    pub(crate) fn texts_hash(&self) -> u64 {
        self.texts_hash
    }

    /// Every template's file and text, site templates and built-in ones alike.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.origins.iter().filter_map(|(name, origin)| Some((origin.as_str(), self.texts.get(name)?.as_str())))
    }

    /// The file a template came from and its text.
    pub fn source(&self, name: &str) -> Option<(&str, &str)> {
        Some((self.origins.get(name)?.as_str(), self.texts.get(name)?.as_str()))
    }

    /// Renders `template` for the page written at `page`, within the page limits
    /// ([`MAX_PAGE_BYTES`], [`MAX_RANGE_ITEMS`], [`MAX_PAGE_TIME`]): a template that loops
    /// without end is an error naming the template and the page, not a build that never ends.
    pub fn render_page(&self, template: &str, context: &tera::Context, page: &str) -> Result<Vec<u8>, Diagnostic> {
        let deadline = Instant::now() + MAX_PAGE_TIME;
        BUDGET.with_borrow_mut(|budget| *budget = Some(Budget { deadline, range_items: 0, exceeded: None }));
        let mut writer = PageWriter { bytes: Vec::with_capacity(16 << 10), deadline, writes: 0 };
        let result = self.tera.render_to(template, context, &mut writer);
        let exceeded = BUDGET.with_borrow_mut(|budget| budget.take().and_then(|b| b.exceeded));
        match result {
            Ok(()) => Ok(writer.bytes),
            Err(error) => {
                let mut diagnostic = self.error(&error, template);
                if let Some(limit) = exceeded {
                    diagnostic.message = format!("rendering `{page}` stopped: {}", limit.describe());
                }
                Err(diagnostic)
            }
        }
    }

    /// A rendering error, located in the template file it happened in.
    pub fn error(&self, error: &tera::Error, rendering: &str) -> Diagnostic {
        let origin = report_origin(error, &self.origins)
            .or_else(|| self.origins.get(rendering).cloned())
            .unwrap_or_else(|| format!("templates/{rendering}"));
        diagnostic(error, &origin)
    }
}

/// `{% extends "name" %}` naming a template that is neither the site's nor built in,
/// located at the name and answered with the closest one.
fn unknown_parent(origin: &str, text: &str, sources: &BTreeMap<String, (String, &str)>) -> Option<Diagnostic> {
    let tag = text.find("{%")?;
    let after = text[tag + 2..].trim_start_matches('-').trim_start();
    let quoted = after.strip_prefix("extends")?.trim_start();
    let quote = quoted.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let name = &quoted[1..quoted[1..].find(quote)? + 1];
    if sources.contains_key(name) {
        return None;
    }
    let offset = text.len() - quoted.len();
    let (line, column) = crate::diagnostic::line_column(text, offset);
    // A template extends a layout, not the template of a kind of page (`author.html` is
    // close to `layout.html`, and no answer).
    let pages = crate::route::kinds::page_templates();
    let layouts = sources.keys().map(String::as_str).filter(|known| !pages.contains(known));
    let hint = match crate::diagnostic::suggestion(name, layouts) {
        Some(close) => format!("did you mean `{close}`?"),
        None if sources.contains_key("base.html") => {
            "the layout the built-in pages extend is `base.html`: write `{% extends \"base.html\" %}`".to_owned()
        }
        None => format!("the templates are {}", sources.keys().cloned().collect::<Vec<_>>().join(", ")),
    };
    Some(Diagnostic::new(
        origin,
        line,
        column,
        format!("`{{% extends \"{name}\" %}}` names no template, in templates/ or built in; {hint}"),
    ))
}

/// The most one page may weigh. The largest built-in page of a 10,000-article site
/// (the archive) is a few megabytes.
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// How many numbers `range()` may make while one page renders: loops of loops of
/// `range(end=99999)` would otherwise run for days with no output to stop them.
pub const MAX_RANGE_ITEMS: usize = 1_000_000;

/// How long one page may take to render; built-in pages take milliseconds.
pub const MAX_PAGE_TIME: Duration = Duration::from_secs(20);

/// Which page limit a rendering hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Bytes,
    RangeItems,
    Time,
}

impl Limit {
    fn describe(self) -> String {
        match self {
            Limit::Bytes => format!("the template wrote more than {} MiB", MAX_PAGE_BYTES >> 20),
            Limit::RangeItems => {
                format!(
                    "the template's `range()` loops made more than {MAX_RANGE_ITEMS} numbers (loops nested too deep?)"
                )
            }
            Limit::Time => format!("the template ran for more than {} s", MAX_PAGE_TIME.as_secs()),
        }
    }
}

/// What the page being rendered on this thread has used. Tera calls `range` with no
/// handle on the rendering, so the count lives with the thread (a page renders on one).
struct Budget {
    deadline: Instant,
    range_items: usize,
    exceeded: Option<Limit>,
}

/// How many sets of compiled templates a thread keeps (`Templates::compile`).
const COMPILED_KEPT: usize = 4;
/// How many templates known to parse a thread remembers, by the hash of name and text.
const PARSED_KEPT: usize = 4096;

thread_local! {
    /// The last sets of templates compiled on this thread, by the hash of the site's
    /// templates: `serve` reading the site again, or a test building the same site after
    /// each edit, compiles them once.
    static COMPILED: RefCell<Vec<(u64, Templates)>> = const { RefCell::new(Vec::new()) };
    /// Templates that parse on their own, by the hash of name and text: after a template
    /// edit, only the edited one is parsed alone again to locate its syntax errors.
    static PARSED: RefCell<std::collections::HashSet<u64>> = RefCell::new(std::collections::HashSet::new());

    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Records that the page hit `limit`; the rendering error then says which.
fn exceed(limit: Limit) -> std::io::Error {
    BUDGET.with_borrow_mut(|budget| {
        if let Some(budget) = budget {
            budget.exceeded.get_or_insert(limit);
        }
    });
    std::io::Error::other(limit.describe())
}

/// The page's bytes, refused past [`MAX_PAGE_BYTES`] or [`MAX_PAGE_TIME`].
struct PageWriter {
    bytes: Vec<u8>,
    deadline: Instant,
    writes: usize,
}

impl Write for PageWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_PAGE_BYTES {
            return Err(exceed(Limit::Bytes));
        }
        // Reading the clock on every small write would cost more than the write.
        self.writes += 1;
        if self.writes.is_multiple_of(1024) && Instant::now() > self.deadline {
            return Err(exceed(Limit::Time));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Tera's `range(start=0, end, step_by=1)`, counted against the page's budget.
fn bounded_range(kwargs: Kwargs, _: &State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message("`range` was called with `step_by=0`"));
    }
    let span = if step > 0 { end.saturating_sub(start) } else { start.saturating_sub(end) };
    let length = if span <= 0 { 0 } else { (span.saturating_add(step.abs() - 1) / step.abs()) as u128 };
    let over = BUDGET.with_borrow_mut(|budget| {
        let budget = budget.as_mut()?;
        budget.range_items = budget.range_items.saturating_add(usize::try_from(length).unwrap_or(usize::MAX));
        if budget.range_items > MAX_RANGE_ITEMS {
            Some(Limit::RangeItems)
        } else if Instant::now() > budget.deadline {
            Some(Limit::Time)
        } else {
            None
        }
    });
    if let Some(limit) = over {
        return Err(tera::Error::message(exceed(limit).to_string()));
    }
    if length > MAX_RANGE_ITEMS as u128 {
        return Err(tera::Error::message(format!("`range` would make {length} numbers, more than {MAX_RANGE_ITEMS}")));
    }
    Ok((0..length as i128).map(|i| start + i * step).collect())
}

fn report_origin(error: &tera::Error, origins: &BTreeMap<String, String>) -> Option<String> {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => origins.get(report.filename()).cloned(),
        ErrorKind::MissingParent { current, .. } => origins.get(current).cloned(),
        _ => None,
    }
}

/// Tera's error as `templates/x.html:line:column: message`.
fn diagnostic(error: &tera::Error, origin: &str) -> Diagnostic {
    let mut diagnostic = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            Diagnostic::new(origin, span.start_line, span.start_col + 1, report.message().to_owned())
        }
        ErrorKind::TemplateNotFound(name) => Diagnostic::whole_file(
            origin,
            format!("template `{name}` not found: add templates/{name} or use one of the built-in templates"),
        ),
        other => Diagnostic::whole_file(origin, other.to_string()),
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        diagnostic.message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(name: &str, text: &str) -> TextFile {
        TextFile { path: PathBuf::from(name), text: text.to_owned() }
    }

    #[test]
    fn every_kind_has_a_built_in_template_and_every_other_is_shared() {
        let shared = ["base.html", "macros.html"];
        let mut expected: Vec<&str> = crate::route::kinds::page_templates();
        expected.extend(shared);
        expected.sort();
        let mut names: Vec<&str> = DEFAULT_TEMPLATES.iter().map(|(name, _)| *name).collect();
        names.sort();
        assert_eq!(names, expected);
    }

    #[test]
    fn defaults_compile() {
        assert!(Templates::compile(&[]).is_ok());
    }

    #[test]
    fn nested_ranges_stop_at_the_page_budget() {
        let loops = "{% for i in range(end=99999) %}{% for j in range(end=99999) %}{% for k in range(end=99999) %}{% endfor %}{% endfor %}{% endfor %}";
        let templates = Templates::compile(&[file("index.html", loops)]).ok().unwrap();
        let error = templates.render_page("index.html", &tera::Context::new(), "index.html").unwrap_err();
        assert_eq!(error.path, PathBuf::from("templates/index.html"));
        assert!(error.message.starts_with("rendering `index.html` stopped: "), "{}", error.message);
        assert!(error.message.contains("range()"), "{}", error.message);
    }

    #[test]
    fn range_counts_like_teras() {
        let text = "{% for i in range(end=3) %}{{ i }}{% endfor %}|{% for i in range(start=5, end=1, step_by=-2) %}{{ i }}{% endfor %}|{% for i in range(start=2, end=2) %}x{% endfor %}";
        let templates = Templates::compile(&[file("index.html", text)]).ok().unwrap();
        let page = templates.render_page("index.html", &tera::Context::new(), "index.html").unwrap();
        assert_eq!(String::from_utf8(page).unwrap(), "012|53|");
    }

    #[test]
    fn output_past_the_page_limit_is_an_error() {
        let loops =
            "{% for i in range(end=99999) %}{% for j in range(end=9) %}{{ \"x\" ~ i ~ j }}{% endfor %}{% endfor %}";
        // 900,000 range numbers, within budget; about 6 MB of output: raise it by a big string.
        let big = format!("{{% set s = \"{}\" %}}{loops}", "y".repeat(100));
        let templates = Templates::compile(&[file("index.html", &big.replace("\"x\"", "s"))]).ok().unwrap();
        let error = templates.render_page("index.html", &tera::Context::new(), "page.html").unwrap_err();
        assert!(error.message.contains("MiB"), "{}", error.message);
    }

    #[test]
    fn syntax_error_names_the_template_file_and_line() {
        let errors = Templates::compile(&[file("index.html", "ok\n{% if %}\n")]).err().unwrap();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, PathBuf::from("templates/index.html"));
        assert_eq!(errors[0].line, 2);
    }
}
