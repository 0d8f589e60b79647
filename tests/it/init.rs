//! `briefing init`: a site that is its own repository, and the publishing setups it writes
//! for a site's repository (parsed here, and given to actionlint where it is installed).

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use clap::Parser;

use briefing::Cli;

use crate::common::{briefing, read, stderr, stdout};

/// `briefing init` with `args`, run in `cwd`; it must succeed.
fn init(cwd: &Path, args: &[&str]) {
    let output = briefing().current_dir(cwd).arg("init").args(args).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The briefing commands of a shell line (`a && briefing check && .briefing/briefing build …`),
/// each as the arguments `briefing` would get, with host variables replaced by an address.
pub fn briefing_commands(line: &str) -> Vec<Vec<String>> {
    let mut line = line.to_owned();
    // A workflow expression `${{ a.b }}` is one word, whatever its spaces.
    while let (Some(start), Some(end)) = (line.find("${{"), line.find("}}")) {
        line.replace_range(start..end + 2, "$VARIABLE");
    }
    line.split("&&")
        .filter_map(|command| {
            let mut words = command.split_whitespace();
            let program = words.next()?;
            (program == "briefing" || program.ends_with("/briefing")).then(|| {
                let mut arguments = vec!["briefing".to_owned()];
                for word in words {
                    let word = word.trim_matches('"');
                    let word = if word.contains('$') { "https://example.netlify.app/" } else { word };
                    arguments.push(word.to_owned());
                }
                arguments
            })
        })
        .collect()
}

fn assert_parses(commands: &[Vec<String>]) {
    for command in commands {
        Cli::try_parse_from(command).unwrap_or_else(|e| panic!("{command:?}: {e}"));
    }
}

fn actionlint(workflow: &Path) {
    let Ok(output) = Process::new("actionlint").arg(workflow).output() else {
        eprintln!("note: actionlint is not installed; {} was only parsed", workflow.display());
        return;
    };
    assert!(output.status.success(), "actionlint: {}", String::from_utf8_lossy(&output.stdout));
}

/// The run lines of a job's steps, and the step that installs briefing.
fn job_runs(workflow: &serde_yaml::Value, job: &str) -> Vec<String> {
    let steps = workflow["jobs"][job]["steps"].as_sequence().expect("steps");
    steps.iter().filter_map(|step| step["run"].as_str().map(str::to_owned)).collect()
}

fn assert_pinned_install_then_check_then_build(runs: &[String]) {
    let version = env!("CARGO_PKG_VERSION");
    let install = runs.iter().position(|r| r.starts_with("cargo install --locked --git")).expect("an install step");
    assert!(runs[install].contains(&format!("--tag v{version}")), "{}", runs[install]);
    assert!(runs[install].contains(env!("CARGO_PKG_REPOSITORY")), "{}", runs[install]);
    let commands: Vec<(usize, Vec<String>)> =
        runs.iter().enumerate().flat_map(|(i, r)| briefing_commands(r).into_iter().map(move |c| (i, c))).collect();
    let (check, checked) = commands.iter().find(|(_, c)| c[1] == "check").expect("a check step");
    let (build, arguments) = commands.iter().find(|(_, c)| c[1] == "build").expect("a build step");
    assert!(install < *check && check < build, "install, check, build in that order: {runs:?}");
    assert!(arguments.contains(&"--base-url".to_owned()), "{arguments:?}");
    // The check looks at the site at the address the build publishes it at.
    assert_eq!(base_url(checked), base_url(arguments), "{runs:?}");
    assert_parses(&commands.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>());
}

fn base_url(command: &[String]) -> Option<&String> {
    command.iter().position(|word| word == "--base-url").and_then(|at| command.get(at + 1))
}

fn assert_scheduled(workflow: &serde_yaml::Value) {
    // serde_yaml reads the key `on` as the string "on" (YAML 1.2), as GitHub does.
    let triggers = &workflow["on"];
    let cron = triggers["schedule"][0]["cron"].as_str().expect("a schedule");
    assert_eq!(cron.split_whitespace().count(), 5, "{cron}");
    assert!(triggers.get("workflow_dispatch").is_some(), "{triggers:?}");
}

#[test]
fn init_in_the_current_folder_makes_a_repository_that_checks_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &[]);
    let ignored = read(dir.path().join(".gitignore"));
    assert!(ignored.lines().any(|line| line == "/public/"), "{ignored}");
    let config = read(dir.path().join("site.yaml"));
    assert!(config.contains("# languages:") && config.contains("#   - code: fr"), "{config}");
    for setting in ["feed_limit", "home_limit", "share_image", "search", "taxonomies", "description"] {
        assert!(config.contains(setting), "site.yaml teaches `{setting}`: {config}");
    }
    let check = briefing().current_dir(dir.path()).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(!stderr(&check).contains("warning"), "{}", stderr(&check));
    assert!(stdout(&check).contains("0 warnings"), "{}", stdout(&check));
    let build = briefing().current_dir(dir.path()).arg("build").output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(dir.path().join("public/articles/welcome/index.html").is_file());
}

#[test]
fn the_next_step_it_prints_can_be_pasted_into_a_shell_whatever_the_folder_is_called() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, shown) in
        [("my-briefing", "cd my-briefing && "), ("My Site's Folder", "cd 'My Site'\\''s Folder' && ")]
    {
        let output = briefing().current_dir(dir.path()).args(["init", folder]).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let next = stdout(&output).lines().find(|l| l.starts_with("Next: ")).unwrap_or_default().to_owned();
        assert!(next.starts_with(&format!("Next: {shown}briefing serve")), "{next}");
    }
}

#[test]
fn init_refuses_to_overwrite_or_to_write_through_links() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    init(dir.path(), &["site"]);
    let again = briefing().current_dir(dir.path()).args(["init", "site"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("use --force"), "{}", stderr(&again));
    #[cfg(unix)]
    {
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        fs::remove_dir_all(site.join("content")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("content")).unwrap();
        let forced = briefing().current_dir(dir.path()).args(["init", "site", "--force"]).output().unwrap();
        assert_eq!(forced.status.code(), Some(1));
        assert!(stderr(&forced).contains("`content` is a symbolic link"), "{}", stderr(&forced));
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing written through the link");
    }
}

#[test]
fn github_pages_setup_installs_a_pinned_briefing_checks_builds_deploys_and_runs_daily() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["site", "--ci", "github"]);
    let path = dir.path().join("site/.github/workflows/publish.yml");
    let workflow = yaml(&path);
    assert_scheduled(&workflow);
    assert!(workflow["on"]["push"]["branches"].as_sequence().is_some());
    let permissions = &workflow["permissions"];
    assert_eq!(permissions["pages"].as_str(), Some("write"));
    assert_eq!(permissions["id-token"].as_str(), Some("write"));
    assert_eq!(permissions["contents"].as_str(), Some("read"));
    let runs = job_runs(&workflow, "build");
    assert_pinned_install_then_check_then_build(&runs);
    assert!(runs.iter().all(|r| !r.contains("cargo run") && !r.contains("cargo test")), "{runs:?}");
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let uses = |name: &str| steps.iter().any(|s| s["uses"].as_str().is_some_and(|u| u.contains(name)));
    assert!(uses("actions/cache") && uses("upload-pages-artifact"), "{steps:?}");
    let deploy = workflow["jobs"]["deploy"]["steps"][0]["uses"].as_str().unwrap();
    assert!(deploy.starts_with("actions/deploy-pages"), "{deploy}");
    actionlint(&path);
}

#[test]
fn netlify_setup_caches_fingerprinted_assets_forever_and_has_a_404_rule_per_language() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &[]);
    // Languages added later: `init --ci` on an existing site writes only the setup, from them.
    let config = read(dir.path().join("site.yaml"))
        .replace("# languages:", "languages:")
        .replace("#   - code: en", "  - code: en")
        .replace("#   - code: fr", "  - code: fr")
        .replace("#     title: \"Mon", "    title: \"Mon")
        .replace("#     description: \"Des", "    description: \"Des");
    fs::write(dir.path().join("site.yaml"), config).unwrap();
    init(dir.path(), &["--ci", "netlify"]);
    let settings: toml::Table = read(dir.path().join("netlify.toml")).parse().unwrap();
    let command = settings["build"]["command"].as_str().unwrap();
    assert!(command.contains(&briefing::linux_release_url()), "{command}");
    let commands = briefing_commands(command);
    assert_eq!(commands.iter().map(|c| c[1].as_str()).collect::<Vec<_>>(), ["check", "build"], "{command}");
    assert!(commands[1].contains(&"--base-url".to_owned()));
    assert_eq!(base_url(&commands[0]), base_url(&commands[1]), "{command}");
    assert_parses(&commands);
    let preview = settings["context"]["deploy-preview"]["command"].as_str().unwrap();
    let previews = briefing_commands(preview);
    assert_eq!(base_url(&previews[0]), base_url(&previews[1]), "{preview}");
    assert_parses(&previews);
    assert_eq!(settings["build"]["publish"].as_str(), Some("public"));

    let headers = settings["headers"].as_array().unwrap();
    let cache_of = |pattern: &str| {
        headers
            .iter()
            .find(|h| h["for"].as_str() == Some(pattern))
            .and_then(|h| h["values"]["Cache-Control"].as_str())
            .map(str::to_owned)
    };
    assert_eq!(cache_of("/*.css").as_deref(), Some("public, max-age=31536000, immutable"));
    assert_eq!(cache_of("/*.js").as_deref(), Some("public, max-age=31536000, immutable"));
    assert!(cache_of("/*").is_none(), "no rule for every file, which would merge with the assets' own");
    let redirects = settings["redirects"].as_array().unwrap();
    let rules: Vec<(&str, &str, i64)> = redirects
        .iter()
        .map(|r| (r["from"].as_str().unwrap(), r["to"].as_str().unwrap(), r["status"].as_integer().unwrap()))
        .collect();
    assert_eq!(rules, [("/fr/*", "/fr/404.html", 404)]);

    let schedule_path = dir.path().join(".github/workflows/scheduled-rebuild.yml");
    let schedule = yaml(&schedule_path);
    assert_scheduled(&schedule);
    assert!(job_runs(&schedule, "rebuild")[0].contains("$NETLIFY_BUILD_HOOK"));
    actionlint(&schedule_path);
    // The site still builds with both languages, and its French 404 page is where the rule points.
    let build = briefing().current_dir(dir.path()).arg("build").output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(dir.path().join("public/fr/404.html").is_file());
}

#[test]
fn cloudflare_setup_deploys_with_wrangler_and_ships_its_headers_file() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["my-briefing", "--ci", "cloudflare"]);
    let site = dir.path().join("my-briefing");
    let path = site.join(".github/workflows/publish.yml");
    let workflow = yaml(&path);
    assert_scheduled(&workflow);
    assert_eq!(workflow["env"]["BASE_URL"].as_str(), Some("https://my-briefing.pages.dev/"));
    assert_pinned_install_then_check_then_build(&job_runs(&workflow, "publish"));
    let steps = workflow["jobs"]["publish"]["steps"].as_sequence().unwrap();
    let deploy = steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("cloudflare/wrangler-action")));
    let command = deploy.expect("a wrangler step")["with"]["command"].as_str().unwrap();
    assert!(command.starts_with("pages deploy public --project-name=my-briefing"), "{command}");
    actionlint(&path);
    let build = briefing().current_dir(&site).arg("build").output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let headers = read(site.join("public/_headers"));
    assert!(headers.contains("/*.css\n  Cache-Control: public, max-age=31536000, immutable"), "{headers}");
}

#[test]
fn this_repositorys_netlify_rules_follow_its_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = briefing::SiteConfig::parse(&read(root.join("site.yaml")), "site.yaml").unwrap();
    let ours: toml::Table = read(root.join("netlify.toml")).parse().unwrap();
    let codes: Vec<String> = config.language_codes().iter().map(|c| c.to_string()).collect();
    let generated: toml::Table = briefing::netlify_toml(&codes).parse().unwrap();
    assert_eq!(ours["headers"], generated["headers"]);
    assert_eq!(ours["redirects"], generated["redirects"]);
}
