//! Tera templates: the built-in defaults, overridden file by file by the site's `templates/`.

use std::collections::BTreeMap;

use tera::{ErrorKind, Tera};

use crate::diagnostic::Diagnostic;
use crate::source::TextFile;

/// The templates briefing ships, compiled into the binary.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("taxonomy.html", include_str!("../../templates/taxonomy.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// Compiled templates; compiled once per build (or once per template change in `serve`).
pub struct Templates {
    pub tera: Tera,
    /// Template name -> the file it came from, for error messages.
    origins: BTreeMap<String, String>,
    /// Template name -> its text, for locating what a page's links came from.
    texts: BTreeMap<String, String>,
}

impl Templates {
    /// Compiles the defaults with the site's templates (`templates/<name>`) over them.
    pub fn compile(site_templates: &[TextFile]) -> Result<Templates, Vec<Diagnostic>> {
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
        let texts = sources.iter().map(|(name, (_, text))| (name.clone(), text.to_string())).collect();
        let mut tera = Tera::new();
        super::register_functions(&mut tera);
        // Templates are added one by one first so that each syntax error is reported,
        // then together so that inheritance is resolved.
        let mut problems = Vec::new();
        for (name, (origin, text)) in &sources {
            let mut single = Tera::new();
            super::register_functions(&mut single);
            if let Err(error) = single.add_raw_template(name, text)
                && matches!(error.kind(), ErrorKind::SyntaxError(_))
            {
                problems.push(diagnostic(&error, origin));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        tera.add_raw_templates(sources.iter().map(|(name, (_, text))| (name.as_str(), *text))).map_err(|error| {
            let origin = report_origin(&error, &origins).unwrap_or_else(|| "templates".to_owned());
            vec![diagnostic(&error, &origin)]
        })?;
        Ok(Templates { tera, origins, texts })
    }

    /// The file a template came from and its text.
    pub fn source(&self, name: &str) -> Option<(&str, &str)> {
        Some((self.origins.get(name)?.as_str(), self.texts.get(name)?.as_str()))
    }

    /// A rendering error, located in the template file it happened in.
    pub fn error(&self, error: &tera::Error, rendering: &str) -> Diagnostic {
        let origin = report_origin(error, &self.origins)
            .or_else(|| self.origins.get(rendering).cloned())
            .unwrap_or_else(|| format!("templates/{rendering}"));
        diagnostic(error, &origin)
    }
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
    fn defaults_compile() {
        assert!(Templates::compile(&[]).is_ok());
    }

    #[test]
    fn syntax_error_names_the_template_file_and_line() {
        let errors = Templates::compile(&[file("index.html", "ok\n{% if %}\n")]).err().unwrap();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, PathBuf::from("templates/index.html"));
        assert_eq!(errors[0].line, 2);
    }
}
