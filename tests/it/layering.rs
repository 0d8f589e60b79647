//! The module graph, counted from the code: every `crate::…` path and every `super::` that
//! climbs out to the crate root, in every file under src/, is an import of a top-level
//! module. No two modules may import each other, even through others, and a module may
//! import only those of the layers below its own, in the order that
//! docs/contributing/architecture.md gives under "Layers".

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One import of a top-level module by another: where it was read.
type Edges = BTreeMap<(String, String), BTreeSet<String>>;

/// The top-level modules each file under `src` imports, with the files that do it.
/// `files`: (path under src/, text).
fn imports(files: &[(String, String)]) -> Edges {
    let mut edges = Edges::new();
    for (path, text) in files {
        let Some((module, depth)) = module_of(path) else { continue };
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let nesting = (line.len() - line.trim_start().len()) / 4;
            for target in crate_paths(code).into_iter().chain(root_via_super(code, depth + nesting)) {
                if target != module {
                    let place = format!("src/{path}:{}", number + 1);
                    edges.entry((module.clone(), target)).or_default().insert(place);
                }
            }
        }
    }
    edges
}

/// `content/front_matter.rs` -> (`content`, 2): its top-level module and how deep it sits.
/// The crate roots (lib.rs, main.rs) are no module.
fn module_of(path: &str) -> Option<(String, usize)> {
    let parts: Vec<&str> = path.split('/').collect();
    let first = parts[0].strip_suffix(".rs").unwrap_or(parts[0]);
    if parts.len() == 1 && (first == "lib" || first == "main") {
        return None;
    }
    let depth = if parts.last() == Some(&"mod.rs") { parts.len() - 1 } else { parts.len() };
    Some((first.to_owned(), depth))
}

/// The top-level modules named by `crate::x` paths in a line, `crate::{x, y::z}` included.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (start, _) in code.match_indices("crate::") {
        if code[..start].ends_with('$') || code[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[start + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                let group = group.split('}').next().unwrap_or_default();
                found.extend(group.split(',').filter_map(|item| first_identifier(item.trim())));
            }
            None => found.extend(first_identifier(rest)),
        }
    }
    found
}

/// `super::super::x` written `depth` modules below the crate root, when it climbs to the
/// root: `x`.
fn root_via_super(code: &str, depth: usize) -> Option<String> {
    let start = code.find("super::")?;
    let mut rest = &code[start..];
    let mut climbed = 0;
    while let Some(after) = rest.strip_prefix("super::") {
        climbed += 1;
        rest = after;
    }
    (climbed >= depth).then(|| first_identifier(rest)).flatten()
}

fn first_identifier(text: &str) -> Option<String> {
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    let identifier = &text[..end];
    (!identifier.is_empty() && identifier != "self").then(|| identifier.to_owned())
}

/// The layers of the architecture page, lowest first: the backquoted module names of each
/// numbered line of its "Layers" section.
fn layers(page: &str) -> Vec<Vec<String>> {
    let section = page.split("\n## Layers").nth(1).expect("docs/contributing/architecture.md has a Layers section");
    let section = section.split("\n## ").next().unwrap_or_default();
    let mut layers = Vec::new();
    for line in section.lines() {
        let Some((number, rest)) = line.split_once(". ") else { continue };
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let names = rest.split(" — ").next().unwrap_or_default();
        let modules: Vec<String> = names.split('`').skip(1).step_by(2).map(str::to_owned).collect();
        assert!(!modules.is_empty(), "layer {number} of the architecture page names no module: {line}");
        layers.push(modules);
    }
    layers
}

/// Every import circle between top-level modules (the strongly connected components of
/// more than one module), each with the imports that close it.
fn circles(edges: &Edges) -> Vec<Vec<String>> {
    let modules: BTreeSet<&String> = edges.keys().flat_map(|(from, to)| [from, to]).collect();
    let reaches = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(module) = stack.pop() {
            for (_, to) in edges.keys().filter(|(f, _)| *f == module) {
                if seen.insert(to.clone()) {
                    stack.push(to.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> = modules.iter().map(|&m| (m, reaches(m))).collect();
    let mut found: Vec<Vec<String>> = Vec::new();
    for &module in &modules {
        let mut component: Vec<String> = modules
            .iter()
            .filter(|&&other| reached[module].contains(other) && reached[other].contains(module))
            .map(|m| m.to_string())
            .collect();
        if component.len() > 1 && !found.contains(&component) {
            component.sort();
            found.push(component);
        }
    }
    found
}

/// What breaks the rules: each import circle and each import of a module from a layer
/// not below the importer's, with the lines that do it.
fn violations(edges: &Edges, layers: &[Vec<String>], modules: &BTreeSet<String>) -> Vec<String> {
    let layer_of = |module: &str| layers.iter().position(|layer| layer.iter().any(|m| m == module));
    let mut problems = Vec::new();
    for module in modules {
        if layer_of(module).is_none() {
            problems.push(format!("`{module}` is in no layer of docs/contributing/architecture.md"));
        }
    }
    for layer in layers {
        for module in layer.iter().filter(|m| !modules.contains(*m)) {
            problems.push(format!("the architecture page names `{module}`, which is no module under src/"));
        }
    }
    for circle in circles(edges) {
        let closing: Vec<String> = (edges.iter())
            .filter(|((from, to), _)| circle.contains(from) && circle.contains(to))
            .map(|((from, to), places)| {
                format!("  {from} -> {to}: {}", places.iter().cloned().collect::<Vec<_>>().join(", "))
            })
            .collect();
        problems.push(format!("import circle {}:\n{}", circle.join(" <-> "), closing.join("\n")));
    }
    for ((from, to), places) in edges {
        if let (Some(importer), Some(imported)) = (layer_of(from), layer_of(to))
            && imported >= importer
        {
            let places: Vec<&str> = places.iter().map(String::as_str).collect();
            problems.push(format!(
                "`{from}` (layer {}) imports `{to}` (layer {}), which is not below it: {}",
                importer + 1,
                imported + 1,
                places.join(", ")
            ));
        }
    }
    problems
}

fn source_files(src: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let relative = entry.path().strip_prefix(src).unwrap().to_string_lossy().replace('\\', "/");
            files.push((relative, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    files
}

#[test]
fn modules_import_only_the_layers_below_them_and_never_in_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = source_files(&root.join("src"));
    let modules: BTreeSet<String> = files.iter().filter_map(|(path, _)| module_of(path)).map(|(m, _)| m).collect();
    let page = std::fs::read_to_string(root.join("docs/contributing/architecture.md")).unwrap();
    let problems = violations(&imports(&files), &layers(&page), &modules);
    assert!(problems.is_empty(), "the module graph breaks the layering:\n{}", problems.join("\n"));
}

fn file(path: &str, text: &str) -> (String, String) {
    (path.to_owned(), text.to_owned())
}

#[test]
fn imports_are_read_from_crate_paths_and_from_super_that_climbs_to_the_root() {
    let files = [
        file("config.rs", "use crate::content::Article;\nuse super::yaml;\nmod tests {\n    use super::*;\n}\n"),
        file(
            "content/mod.rs",
            "use crate::{diagnostic::Diagnostic, yaml};\nuse super::route::Route; // a comment: crate::plan\n",
        ),
        file("content/markdown.rs", "use super::front_matter;\nfn f() { crate::search::fold(x); $crate::ignored }\n"),
        file("lib.rs", "pub mod config;\nuse crate::content;\n"),
    ];
    let edges = imports(&files);
    let found: Vec<(&str, &str)> = edges.keys().map(|(from, to)| (from.as_str(), to.as_str())).collect();
    assert_eq!(
        found,
        [
            ("config", "content"),
            ("config", "yaml"),
            ("content", "diagnostic"),
            ("content", "route"),
            ("content", "search"),
            ("content", "yaml"),
        ]
    );
    assert_eq!(
        edges[&("content".to_owned(), "search".to_owned())],
        BTreeSet::from(["src/content/markdown.rs:2".to_owned()])
    );
}

#[test]
fn a_circle_and_an_import_from_above_are_reported_with_their_lines() {
    let files = [
        file("config.rs", "use crate::content::Article;\n"),
        file("content/mod.rs", "use crate::config::Language;\nuse crate::site::Site;\n"),
        file("site/mod.rs", "use crate::config::SiteConfig;\n"),
        file("yaml.rs", ""),
    ];
    let page = "# Architecture\n\n## Layers\n\n1. `yaml` — parses\n2. `content` — parses pages\n3. `config`, `site` — the rest\n\n## Next\n4. `ignored`\n";
    let modules = BTreeSet::from(["config", "content", "site", "yaml"].map(str::to_owned));
    let layers = layers(page);
    assert_eq!(layers, [vec!["yaml"], vec!["content"], vec!["config", "site"]]);
    let problems = violations(&imports(&files), &layers, &modules);
    assert_eq!(
        problems,
        [
            "import circle config <-> content <-> site:\n  config -> content: src/config.rs:1\n  content -> config: src/content/mod.rs:1\n  content -> site: src/content/mod.rs:2\n  site -> config: src/site/mod.rs:1",
            "`content` (layer 2) imports `config` (layer 3), which is not below it: src/content/mod.rs:1",
            "`content` (layer 2) imports `site` (layer 3), which is not below it: src/content/mod.rs:2",
            "`site` (layer 3) imports `config` (layer 3), which is not below it: src/site/mod.rs:1",
        ]
    );
    let unlisted = violations(&Edges::new(), &layers[..2], &modules);
    assert_eq!(unlisted.len(), 2, "{unlisted:?}");
    assert!(unlisted[0].starts_with("`config` is in no layer"), "{unlisted:?}");
}
