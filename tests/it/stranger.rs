//! A stranger's first site: the installed binary alone (copied into a temporary prefix,
//! run from a folder outside this repository), a site made with `init` and `new`, an image,
//! a French version, a build under a sub-path, and every address of the output followed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::links;

const PUBLISHED_AT: &str = "https://example.github.io/project/";
const BASE_PATH: &str = "/project/";

/// The binary the tests built, installed alone into `prefix/bin`.
fn install(prefix: &Path) -> PathBuf {
    let built = crate::common::binary();
    let bin = prefix.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let installed = bin.join(built.file_name().unwrap());
    fs::copy(&built, &installed).unwrap();
    installed
}

fn run(binary: &Path, cwd: &Path, args: &[&str]) -> Output {
    // No environment of this repository: the stranger has only the binary.
    let output = Command::new(binary).current_dir(cwd).args(args).env_remove("CARGO_MANIFEST_DIR").output().unwrap();
    assert!(
        output.status.success(),
        "briefing {}:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The output file an address of the site leads to, or why it leads nowhere.
fn resolve(public: &Path, page: &Path, address: &str) -> Result<PathBuf, String> {
    let address = address.split(['#', '?']).next().unwrap_or_default();
    let path = if let Some(own) = address.strip_prefix("https://example.github.io") {
        own.to_owned()
    } else if address.starts_with('/') {
        address.to_owned()
    } else {
        // Relative to the page's folder, as a browser reads it.
        let folder = page.parent().unwrap().strip_prefix(public).unwrap();
        format!("/{}/{address}", folder.display())
    };
    let Some(inside) = path.strip_prefix(BASE_PATH).or_else(|| (path == "/project").then_some("")) else {
        return Err(format!("`{address}` is outside {BASE_PATH}"));
    };
    let mut file = public.to_path_buf();
    for part in percent_encoding::percent_decode_str(inside).decode_utf8_lossy().split('/') {
        match part {
            "" | "." => {}
            ".." => {
                file.pop();
            }
            part => file.push(part),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    if file.is_file() { Ok(file) } else { Err(format!("`{address}` leads to nothing ({})", file.display())) }
}

/// Addresses of other sites, fragments of the page itself, and URIs that are no address
/// (`mailto:`, an Atom `tag:` id).
fn is_external(address: &str) -> bool {
    let has_scheme = address.split_once(':').is_some_and(|(scheme, _)| !scheme.contains('/'));
    address.is_empty() || address.starts_with('#') || (has_scheme && !address.starts_with("https://example.github.io/"))
}

#[test]
fn a_stranger_installs_briefing_makes_a_bilingual_site_and_publishes_it_under_a_sub_path() {
    let prefix = tempfile::tempdir().unwrap();
    let briefing = install(prefix.path());
    let home = tempfile::tempdir().unwrap();
    assert!(!home.path().starts_with(env!("CARGO_MANIFEST_DIR")));

    run(&briefing, home.path(), &["init", "my-briefing", "--ci", "github"]);
    let site = home.path().join("my-briefing");
    // French, as site.yaml shows in its commented lines.
    let config = fs::read_to_string(site.join("site.yaml")).unwrap();
    let config = config
        .replace("# languages:", "languages:")
        .replace("#   - code: en", "  - code: en")
        .replace("#   - code: fr", "  - code: fr")
        .replace("#     title: \"Mon", "    title: \"Mon")
        .replace("#     description: \"Des", "    description: \"Des");
    fs::write(site.join("site.yaml"), config).unwrap();

    run(&briefing, &site, &["new", "topic", "Export controls"]);
    let created = run(&briefing, &site, &["new", "article", "Chip export rules tighten", "--topic", "export-controls"]);
    let printed = String::from_utf8_lossy(&created.stdout).into_owned();
    let article = PathBuf::from(printed.trim().strip_prefix("Created ").unwrap());
    let article = if article.is_absolute() { article } else { site.join(article) };
    let text = fs::read_to_string(&article).unwrap().replace(
        "Write the briefing here",
        "![The fab](/images/fab.png) See [all topics](/topics/) and [the welcome page](welcome.md).\n\nWrite the briefing here",
    );
    let text = text.replace(
        "# source:\n#   name: Reuters\n#   url: \"https://www.reuters.com/…\"",
        "source:\n  name: Reuters\n  url: \"https://www.reuters.com/technology/\"",
    );
    fs::write(&article, text).unwrap();
    fs::write(site.join("static/images/fab.png"), [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]).unwrap();
    let relative = article.strip_prefix(&site).unwrap().to_str().unwrap().to_owned();
    run(&briefing, &site, &["new", "article", "Les règles d'exportation se durcissent", "--translation-of", &relative]);

    let check = run(&briefing, &site, &["check", "--base-url", PUBLISHED_AT]);
    assert!(
        String::from_utf8_lossy(&check.stdout).contains(": 0 errors"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    run(&briefing, &site, &["build", "--base-url", PUBLISHED_AT]);
    let public = site.join("public");

    // Every link, image, stylesheet and script of every page leads to a file of the output.
    let mut followed = 0;
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(&public).into_iter().filter_map(Result::ok) {
        let page = entry.path();
        let extension = page.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(extension, "html" | "xml") {
            continue;
        }
        let text = fs::read_to_string(page).unwrap();
        let mut addresses = links(&text);
        // Feeds and the sitemap name pages by their full address.
        for (open, close) in [("<loc>", "</loc>"), ("<id>", "</id>")] {
            addresses.extend(text.split(open).skip(1).filter_map(|rest| rest.split(close).next()).map(str::to_owned));
        }
        for address in addresses.iter().filter(|a| !is_external(a)) {
            if page.ends_with("404.html") && !address.starts_with('/') && !address.starts_with("https://") {
                continue; // a 404 page is served at any address: its links are all rooted
            }
            followed += 1;
            if let Err(problem) = resolve(&public, page, address) {
                broken.push(format!("{}: {problem}", page.strip_prefix(&public).unwrap().display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(followed > 100, "{followed} addresses followed");

    let page = fs::read_to_string(public.join("articles/chip-export-rules-tighten/index.html")).unwrap();
    assert!(page.contains("src=\"/project/images/fab.png\""), "the image, under the base path");
    assert!(page.contains("rel=\"stylesheet\" href=\"/project/style."), "the stylesheet, under the base path");
    assert!(page.contains("hreflang=\"fr\""), "the French version is declared");
    assert!(public.join("fr/articles/les-regles-d-exportation-se-durcissent/index.html").is_file());
    for feed in ["feed.xml", "fr/feed.xml", "topics/export-controls/feed.xml"] {
        let text = fs::read_to_string(public.join(feed)).unwrap();
        assert!(text.contains(&format!("href=\"{PUBLISHED_AT}")), "{feed}: {text}");
    }

    // The search page finds its index, and the index its shards and articles, under the sub-path.
    let search = fs::read_to_string(public.join("search/index.html")).unwrap();
    assert!(search.contains("data-index=\"/project/search-index.json\""), "{search}");
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(public.join("search-index.json")).unwrap()).unwrap();
    let shards = manifest["base"].as_str().unwrap();
    assert_eq!(shards, "/project/search/");
    let mut documents = 0;
    for entry in walkdir::WalkDir::new(public.join("search/d")).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let list: Vec<serde_json::Value> =
                serde_json::from_str(&fs::read_to_string(entry.path()).unwrap()).unwrap();
            for document in list {
                let url = document["u"].as_str().unwrap();
                resolve(&public, &public.join("search/index.html"), url).unwrap();
                documents += 1;
            }
        }
    }
    assert_eq!(documents, 3, "welcome, the new article and its French version");
    for folder in ["w", "p", "f/lang"] {
        assert!(public.join("search").join(folder).read_dir().unwrap().next().is_some(), "search/{folder}");
    }

    // The publishing setup, for the site's own repository.
    let workflow: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap()).unwrap();
    let runs: Vec<&str> = workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|step| step["run"].as_str())
        .collect();
    assert!(runs.iter().any(|r| r.starts_with("cargo install --locked --git")), "{runs:?}");
    assert!(runs.iter().any(|r| r.starts_with("briefing check --base-url")), "{runs:?}");
    assert!(runs.iter().any(|r| r.starts_with("briefing build --base-url")), "{runs:?}");
    assert!(workflow["on"]["schedule"][0]["cron"].as_str().is_some());
    run(&briefing, &site, &["init", "--ci", "netlify"]);
    let netlify: toml::Table = fs::read_to_string(site.join("netlify.toml")).unwrap().parse().unwrap();
    let from: Vec<&str> =
        netlify["redirects"].as_array().unwrap().iter().map(|r| r["from"].as_str().unwrap()).collect();
    assert_eq!(from, ["/fr/*"]);
}
