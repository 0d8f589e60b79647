//! The table of what import must read from each page of the fixture corpus
//! (tests/fixtures/import/corpus/expected*.yaml), and how a result is scored against it.
//! Shared by the corpus test and `cargo bench --bench import`.

use std::path::{Path, PathBuf};
use std::process::Command;

use briefing::{ARTICLE_FIELDS, FrontMatter, parse_yaml, split};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub page: String,
    #[serde(default)]
    pub refused: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    /// The original reporters, as `source.byline` names them (not checked when absent).
    #[serde(default)]
    pub byline: Option<String>,
    #[serde(default)]
    pub has: Vec<String>,
    #[serde(default)]
    pub once: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
    #[serde(default)]
    pub regions: Option<Vec<String>>,
    #[serde(default)]
    pub organizations: Option<Vec<String>>,
    /// Fields known to come out wrong for now (`import` for a page refused outright): the
    /// corpus test accepts them wrong and fails once they come out right, so the list only
    /// shrinks; the benchmark scores them like every other field.
    #[serde(default)]
    pub pending: Vec<String>,
}

/// One field of one page: right or wrong, and what was found when wrong.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub problem: Option<String>,
}

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/corpus")
}

/// The rows of every `expected*.yaml` of the corpus, in the order of their file names.
pub fn table() -> Vec<Expected> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with("expected") && name.ends_with(".yaml")
        })
        .collect();
    paths.sort();
    let mut rows = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let more: Vec<Expected> = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        rows.extend(more);
    }
    rows
}

/// Imports one page of the corpus with `binary`, against the corpus site, and scores it.
pub fn check(binary: &Path, expected: &Expected) -> Vec<Field> {
    let output = Command::new(binary)
        .args(["import", "--stdout", "--topic", "export-controls", "--root"])
        .arg(corpus().join("site"))
        .arg(corpus().join("pages").join(&expected.page))
        .output()
        .expect("the briefing binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    score(expected, output.status.success().then_some(stdout.as_str()), &stderr)
}

/// The fields of `expected` checked against an imported document (or the refusal on stderr).
pub fn score(expected: &Expected, document: Option<&str>, stderr: &str) -> Vec<Field> {
    if let Some(missing) = &expected.refused {
        let wanted = match missing.as_str() {
            "date" => "--date YYYY-MM-DD",
            "title" => "--title \"THE HEADLINE\"",
            _ => "no body text found",
        };
        let problem = match document {
            Some(_) => Some(format!("imported, but should be refused for want of its {missing}")),
            None if !stderr.contains(wanted) => Some(format!("refused, but without `{wanted}`: {stderr}")),
            None => None,
        };
        return vec![Field { name: "refusal", problem }];
    }
    let Some(document) = document else {
        return vec![Field { name: "import", problem: Some(format!("refused: {stderr}")) }];
    };
    let parts = split(document).expect("an imported document splits");
    let front: FrontMatter = parse_yaml(&parts, ARTICLE_FIELDS).expect("imported front matter parses");
    let body = parts.body;
    let mut fields = Vec::new();
    let mut compare = |name: &'static str, found: Option<String>, wanted: &Option<String>| {
        let problem = (found != *wanted).then(|| format!("{found:?}, expected {wanted:?}"));
        fields.push(Field { name, problem });
    };
    compare("title", Some(front.title.clone()), &expected.title);
    compare("date", Some(front.date.to_string()), &expected.date);
    compare("updated", front.updated.map(|d| d.to_string()), &expected.updated);
    compare("lang", front.lang.clone(), &expected.lang);
    compare("source", front.source.as_ref().map(|s| s.name.clone()), &expected.source);
    if expected.byline.is_some() {
        compare("byline", front.source.as_ref().and_then(|s| s.byline.clone()), &expected.byline);
    }
    if let Some(summary) = &expected.summary {
        let problem = (!front.summary.starts_with(summary.as_str()))
            .then(|| format!("summary {:?} does not start with {summary:?}", front.summary));
        fields.push(Field { name: "summary", problem });
    }
    let lost: Vec<&String> = expected.has.iter().filter(|phrase| !body.contains(phrase.as_str())).collect();
    let repeated: Vec<&String> =
        expected.once.iter().filter(|phrase| body.matches(phrase.as_str()).count() != 1).collect();
    let problem = (!lost.is_empty() || !repeated.is_empty())
        .then(|| format!("lost {lost:?}, not exactly once {repeated:?}, in:\n{body}"));
    fields.push(Field { name: "body", problem });
    let noise: Vec<&String> = expected.not.iter().filter(|phrase| body.contains(phrase.as_str())).collect();
    let problem = (!noise.is_empty()).then(|| format!("noise {noise:?} kept, in:\n{body}"));
    fields.push(Field { name: "noise", problem });
    if let Some(regions) = &expected.regions {
        let problem = (front.regions != *regions).then(|| format!("regions {:?}, expected {regions:?}", front.regions));
        fields.push(Field { name: "regions", problem });
    }
    if let Some(organizations) = &expected.organizations {
        let problem = (front.organizations != *organizations)
            .then(|| format!("organizations {:?}, expected {organizations:?}", front.organizations));
        fields.push(Field { name: "organizations", problem });
    }
    fields
}
