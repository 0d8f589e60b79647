//! The deployment recipes kept in the repository run this repository's own commands.

use std::path::Path;

use clap::Parser;

use briefing::Cli;

fn repository_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// `cargo run --release -- build --base-url "$URL/"` -> the briefing arguments, with
/// variables of the host replaced by an address.
fn briefing_arguments(command: &str) -> Option<Vec<String>> {
    let (_, rest) = command.split_once("cargo run --release -- ")?;
    let mut line = rest.lines().next().unwrap_or_default().to_owned();
    // A workflow expression `${{ a.b }}` is one word, whatever its spaces.
    while let (Some(start), Some(end)) = (line.find("${{"), line.find("}}")) {
        line.replace_range(start..end + 2, "$VARIABLE");
    }
    let mut arguments = vec!["briefing".to_owned()];
    for word in line.split_whitespace() {
        let word = word.trim_matches('"');
        let substituted =
            if word.contains('$') { "https://user.github.io/briefing/".to_owned() } else { word.to_owned() };
        arguments.push(substituted);
    }
    Some(arguments)
}

#[test]
fn the_github_pages_workflow_tests_checks_and_builds_with_our_commands() {
    let workflow: serde_yaml::Value = serde_yaml::from_str(&repository_file(".github/workflows/pages.yml")).unwrap();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|step| step["run"].as_str()).collect();
    assert!(runs.contains(&"cargo test"), "{runs:?}");
    let commands: Vec<Vec<String>> = runs.iter().filter_map(|run| briefing_arguments(run)).collect();
    assert!(commands.iter().any(|c| c[1] == "check"), "{commands:?}");
    let build = commands.iter().find(|c| c[1] == "build").expect("a build step");
    assert!(build.contains(&"--base-url".to_owned()), "{build:?}");
    for command in &commands {
        Cli::try_parse_from(command).unwrap_or_else(|e| panic!("{command:?}: {e}"));
    }
    let upload =
        steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.contains("upload-pages-artifact"))).unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
}

#[test]
fn the_netlify_settings_build_with_our_commands() {
    let settings = repository_file("netlify.toml");
    let commands: Vec<Vec<String>> = settings
        .lines()
        .filter_map(|line| line.trim().strip_prefix("command = "))
        .map(|value| value.trim_matches('"').replace("\\\"", "\""))
        .filter_map(|command| briefing_arguments(&command))
        .collect();
    assert_eq!(commands.len(), 2, "{settings}");
    for command in &commands {
        Cli::try_parse_from(command).unwrap_or_else(|e| panic!("{command:?}: {e}"));
    }
    assert!(settings.contains("publish = \"public\""));
}

#[test]
fn the_release_workflow_builds_every_archive_the_install_lines_name() {
    let workflow: serde_yaml::Value = serde_yaml::from_str(&repository_file(".github/workflows/release.yml")).unwrap();
    assert!(workflow["on"]["push"]["tags"][0].as_str().is_some_and(|t| t.starts_with('v')));
    assert_eq!(workflow["permissions"]["contents"].as_str(), Some("write"));
    let matrix = workflow["jobs"]["build"]["strategy"]["matrix"]["include"].as_sequence().unwrap();
    let archives: Vec<String> = matrix
        .iter()
        .map(|row| format!("briefing-{}.{}", row["target"].as_str().unwrap(), row["archive"].as_str().unwrap()))
        .collect();
    for os in ["linux", "apple-darwin", "windows"] {
        assert!(archives.iter().any(|a| a.contains(os)), "{archives:?}");
    }
    // What `init --ci netlify` downloads, and every archive the install page names, is built.
    let netlify = briefing::linux_release_url();
    assert!(archives.iter().any(|a| netlify.ends_with(a.as_str())), "{netlify}");
    let install = repository_file("docs/install.md");
    for archive in install.split("briefing-").skip(1).filter_map(|rest| rest.split_once(['.', ' ']).map(|(t, _)| t)) {
        if archive.contains("unknown") || archive.contains("apple") || archive.contains("windows") {
            assert!(archives.iter().any(|a| a.contains(archive)), "docs/install.md names {archive}: {archives:?}");
        }
    }
}
