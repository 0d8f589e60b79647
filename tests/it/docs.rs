//! Every command and configuration example of README.md and docs/ is run or parsed, so the
//! documentation cannot drift from the tool. A fenced block's info string says what it is:
//!
//! - ` ```sh `: `briefing` commands, run one after the other in a temporary folder (one
//!   per documentation file), each of which must succeed;
//! - ` ```sh no-run ` (a server, a download, a path on the reader's machine) and
//!   ` ```console ` (`$ briefing …` lines): each `briefing` command must parse, with its
//!   subcommand and flags, as the command line defines them;
//! - ` ```yaml site.yaml `, ` ```yaml entities.yaml `, ` ```yaml measures.yaml `,
//!   ` ```yaml `: a configuration, an entities file, a measures file, any YAML; ` ```toml `: TOML;
//! - ` ```markdown article `, ` ```markdown topic `: an article or a topic file, parsed as the build does.
//!
//! Other blocks (` ```text `, output samples, PowerShell) are prose.

use std::path::{Path, PathBuf};

use clap::Parser;

use briefing::Cli;
use briefing::{Article, ParseContext, Topic};
use briefing::{Language, SiteConfig};

use crate::common::{briefing, stderr, stdout};

struct Block {
    place: String,
    info: String,
    text: String,
}

fn documentation_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for entry in walkdir::WalkDir::new(root.join("docs")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.into_path());
        }
    }
    files
}

fn blocks(path: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(path).unwrap();
    let shown = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string();
    let mut found = Vec::new();
    let mut open: Option<(usize, String, Vec<&str>)> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match (&mut open, trimmed.strip_prefix("```")) {
            (None, Some(info)) => open = Some((index + 1, info.trim().to_owned(), Vec::new())),
            (Some(_), Some("")) => {
                let (line, info, lines) = open.take().unwrap();
                found.push(Block { place: format!("{shown}:{line}"), info, text: lines.join("\n") + "\n" });
            }
            (Some((_, _, lines)), _) => lines.push(line),
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "{shown}: a code block is not closed");
    found
}

/// The words of a shell command line, as a shell would split them (quotes, comments), up to
/// the first redirection, pipe or `&&`.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '#') if !in_word => break,
            (None, '>' | '|' | '&' | ';') => break,
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The `briefing` commands of a block, as words (`$ ` prompts removed).
fn commands(block: &Block) -> Vec<Vec<String>> {
    block
        .text
        .lines()
        .map(|line| line.trim().strip_prefix("$ ").unwrap_or(line.trim()))
        .filter(|line| line.starts_with("briefing ") || *line == "briefing")
        .map(shell_words)
        .collect()
}

fn assert_parses(block: &Block, words: &[String]) {
    if let Err(error) = Cli::try_parse_from(words) {
        use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
        assert!(
            matches!(error.kind(), DisplayHelp | DisplayVersion),
            "{}: `{}` does not parse:\n{error}",
            block.place,
            words.join(" ")
        );
    }
}

fn article_context_check(block: &Block, text: &str, topic: bool) {
    let path = Path::new(if topic { "content/topics/example.md" } else { "content/articles/2025/example.md" });
    let front: serde_yaml::Value = {
        let yaml = text.split("---\n").nth(1).unwrap_or_else(|| panic!("{}: no front matter", block.place));
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: {e}", block.place))
    };
    let topics: Vec<String> = front["topics"]
        .as_sequence()
        .map(|list| list.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let taxonomies: Vec<String> = ["tags", "organizations", "regions"].map(String::from).to_vec();
    let french = [Language { code: "fr".into(), title: String::new(), description: String::new() }];
    let context = ParseContext {
        default_language: "en",
        languages: &french,
        topics: &topics,
        topic_titles: &[],
        taxonomies: &taxonomies,
    };
    let result =
        if topic { Topic::parse(path, text).map(|_| ()) } else { Article::parse(path, text, &context).map(|_| ()) };
    if let Err(problems) = result {
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("{}: the example does not parse:\n{}", block.place, shown.join("\n"));
    }
}

#[test]
fn every_command_and_configuration_example_of_the_documentation_works() {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for file in documentation_files() {
        // One folder per page: its commands build on one another, as a reader runs them.
        let folder = tempfile::tempdir().unwrap();
        for block in blocks(&file) {
            let kind = match block.info.as_str() {
                "sh" => {
                    for words in commands(&block) {
                        assert_parses(&block, &words);
                        let output = briefing().current_dir(folder.path()).args(&words[1..]).output().unwrap();
                        assert!(
                            output.status.success(),
                            "{}: `{}` failed:\n{}{}",
                            block.place,
                            words.join(" "),
                            stdout(&output),
                            stderr(&output)
                        );
                    }
                    let others: Vec<&str> = block
                        .text
                        .lines()
                        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("briefing"))
                        .collect();
                    assert!(
                        others.is_empty(),
                        "{}: mark a block that runs more than briefing `sh no-run`: {others:?}",
                        block.place
                    );
                    "run"
                }
                "sh no-run" | "console" => {
                    for words in commands(&block) {
                        assert_parses(&block, &words);
                    }
                    "parsed command"
                }
                "yaml site.yaml" => {
                    SiteConfig::parse(&block.text, "site.yaml").unwrap_or_else(|e| panic!("{}: {e}", block.place));
                    "site.yaml"
                }
                "yaml entities.yaml" => {
                    let taxonomies = ["tags", "organizations", "regions"].map(String::from);
                    briefing::Entities::parse(
                        &block.text,
                        Path::new("content/entities.yaml"),
                        &taxonomies,
                        &["en", "fr"],
                    )
                    .unwrap_or_else(|e| panic!("{}: {e:?}", block.place));
                    "entities.yaml"
                }
                "yaml measures.yaml" => {
                    briefing::site::measures::parse(&block.text, Path::new("content/measures.yaml"), &["en", "fr"])
                        .unwrap_or_else(|e| panic!("{}: {e:?}", block.place));
                    "measures.yaml"
                }
                "yaml" => {
                    serde_yaml::from_str::<serde_yaml::Value>(&block.text)
                        .unwrap_or_else(|e| panic!("{}: {e}", block.place));
                    "yaml"
                }
                "toml" => {
                    block.text.parse::<toml::Table>().unwrap_or_else(|e| panic!("{}: {e}", block.place));
                    "toml"
                }
                "markdown article" => {
                    article_context_check(&block, &block.text, false);
                    "article"
                }
                "markdown topic" => {
                    article_context_check(&block, &block.text, true);
                    "topic"
                }
                _ => "prose",
            };
            *counts.entry(kind).or_default() += 1;
        }
    }
    // The documentation keeps examples of each kind, so this test keeps testing something.
    for (kind, at_least) in
        [("run", 10), ("parsed command", 10), ("site.yaml", 2), ("article", 2), ("topic", 1), ("measures.yaml", 1)]
    {
        assert!(counts.get(kind).copied().unwrap_or(0) >= at_least, "{kind}: {counts:?}");
    }
}

#[test]
fn the_readme_is_a_front_door() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.lines().count() <= 250, "README.md has {} lines", readme.lines().count());
    let first_screen: String = readme.lines().take(40).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("cargo install --locked"), "install on the first screen");
    for page in documentation_files().iter().skip(1) {
        let relative = page.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")).unwrap();
        let linked = readme.contains(&format!("docs/{}", relative.display()))
            || std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/README.md"))
                .unwrap()
                .contains(&relative.display().to_string());
        assert!(linked, "docs/{} is linked from the README or docs/README.md", relative.display());
    }
}

#[test]
fn shell_words_split_as_a_shell_does() {
    assert_eq!(
        shell_words(r#"briefing new article "A: b" --topic x # comment"#),
        ["briefing", "new", "article", "A: b", "--topic", "x"]
    );
    assert_eq!(shell_words("briefing man | man -l -"), ["briefing", "man"]);
    assert_eq!(shell_words("briefing import x --stdout >/dev/null"), ["briefing", "import", "x", "--stdout"]);
}
