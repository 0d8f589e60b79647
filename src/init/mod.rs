//! `briefing init`: a new site that is its own repository and passes `check` as it is,
//! and the publishing setup of a site (`--ci`).
//!
//! Nothing is ever written outside the site's folder: a file of the new site is never
//! written through a symbolic link (a dangling `site.yaml` link, a `content` link to
//! another folder), and never over an existing file unless asked.

pub(crate) mod ci;
pub(crate) mod files;

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

pub(crate) use ci::Host;

/// What `init` is asked for.
pub(crate) struct InitRequest<'a> {
    pub dir: &'a Path,
    pub force: bool,
    pub ci: Option<Host>,
    /// Also copy the built-in templates and stylesheet into the site, to edit them.
    pub templates: bool,
    /// Today in the site's time zone (`YYYY-MM-DD`), the welcome article's date.
    pub today: &'a str,
}

/// What `init` wrote, relative to the site's folder.
pub(crate) struct Initialised {
    pub written: Vec<String>,
    /// Whether a whole site was made (rather than only the publishing setup of an existing one).
    pub new_site: bool,
}

/// The documentation a new site's welcome article links.
pub(crate) fn docs_url() -> String {
    format!("{}#readme", ci::PIN.repository)
}

/// Writes a new site into `request.dir`, or, when it already has a `site.yaml` and a
/// publishing setup is asked for, only that setup (with the site's languages).
pub(crate) fn init_site(request: &InitRequest<'_>) -> Result<Initialised> {
    let dir = request.dir;
    let config_path = dir.join("site.yaml");
    let existing_config = fs::symlink_metadata(&config_path).is_ok_and(|m| m.is_file());
    let new_site = !(existing_config && (request.ci.is_some() || request.templates));
    let mut planned: Vec<(String, String)> = Vec::new();
    let mut languages = vec!["en".to_owned()];
    if new_site {
        let year = request.today.get(..4).unwrap_or("2025");
        planned.push((".gitignore".to_owned(), files::GITIGNORE.to_owned()));
        planned.push(("site.yaml".to_owned(), files::SITE_YAML.to_owned()));
        planned.push((format!("content/topics/{}.md", files::TOPIC_SLUG), files::TOPIC.to_owned()));
        planned
            .push((format!("content/articles/{year}/welcome.md"), files::welcome_article(request.today, &docs_url())));
        planned.push(("content/entities.yaml".to_owned(), files::ENTITIES.to_owned()));
        planned.push(("static/images/.gitkeep".to_owned(), String::new()));
    } else {
        let text =
            fs::read_to_string(&config_path).with_context(|| format!("cannot read `{}`", config_path.display()))?;
        let config = crate::config::SiteConfig::parse(&text, &config_path.display().to_string())
            .map_err(|diagnostic| anyhow::anyhow!("{diagnostic}"))?;
        languages = config.language_codes().iter().map(|code| code.to_string()).collect();
    }
    if let Some(host) = request.ci {
        planned.extend(ci::files(host, &languages, &project_name(dir)));
    }
    if request.templates {
        planned.extend(built_in_files());
    }
    let paths: Vec<&str> = planned.iter().map(|(path, _)| path.as_str()).collect();
    check_targets(dir, &paths, request.force)?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mut written = Vec::new();
    for (relative, text) in &planned {
        write_new(dir, relative, text, request.force)?;
        written.push(relative.clone());
    }
    Ok(Initialised { written, new_site })
}

/// The built-in templates and stylesheet, as files of a site (`templates/article.html`,
/// `static/style.css`): the site's copies replace the built-in ones.
fn built_in_files() -> Vec<(String, String)> {
    let templates = crate::render::templates::DEFAULT_TEMPLATES.iter();
    let stylesheet = crate::route::BUILTIN_ASSETS.iter().filter(|(name, _)| name.ends_with(".css"));
    templates
        .map(|(name, text)| (format!("templates/{name}"), text.to_string()))
        .chain(stylesheet.map(|(name, text)| (format!("static/{name}"), text.to_string())))
        .collect()
}

/// A name for the site on hosts that need one: its folder's name as a slug.
fn project_name(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = absolute.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let slug = slug::slugify(name);
    if slug.is_empty() { "my-briefing".to_owned() } else { slug }
}

/// Refuses before anything is written: a path of the new site that goes through a
/// symbolic link (even a dangling one), or a file that exists already (unless `force`).
fn check_targets(dir: &Path, paths: &[&str], force: bool) -> Result<()> {
    let mut existing = Vec::new();
    for relative in paths {
        let mut path = dir.to_path_buf();
        let components: Vec<Component<'_>> = Path::new(relative).components().collect();
        for (index, component) in components.iter().enumerate() {
            path.push(component);
            let Ok(metadata) = fs::symlink_metadata(&path) else { break };
            let shown = shown(dir, &path);
            if metadata.file_type().is_symlink() {
                let target = fs::read_link(&path).map(|t| t.display().to_string()).unwrap_or_default();
                bail!(
                    "`{shown}` is a symbolic link (to `{target}`); briefing init never writes through a link, so \
                     that nothing outside `{}` is touched. Remove the link, or init the site in another folder; \
                     nothing was written",
                    dir.display()
                );
            }
            let last = index + 1 == components.len();
            if last {
                existing.push(shown);
            } else if !metadata.is_dir() {
                bail!("`{shown}` is a file, where the new site needs a folder; nothing was written");
            }
        }
    }
    if !existing.is_empty() && !force {
        let count = existing.len();
        bail!(
            "`{}` already has {} ({}); nothing was written (use --force to overwrite {})",
            dir.display(),
            crate::diagnostic::plural(count, "file", "files"),
            existing.join(", "),
            if count == 1 { "it" } else { "them" }
        );
    }
    Ok(())
}

fn shown(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir).unwrap_or(path).display().to_string()
}

/// Writes one file under `dir`, creating its folders; never follows a link at the file.
fn write_new(dir: &Path, relative: &str, text: &str, force: bool) -> Result<PathBuf> {
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(&path).with_context(|| format!("cannot write `{}`", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(dir: &Path, ci: Option<Host>) -> InitRequest<'_> {
        InitRequest { dir, force: false, ci, templates: false, today: "2025-03-04" }
    }

    #[test]
    fn refuses_a_dangling_link_where_a_file_would_go() {
        let temp = tempfile::tempdir().unwrap();
        let outside = temp.path().join("outside.yaml");
        let site = temp.path().join("site");
        fs::create_dir(&site).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, site.join("site.yaml")).unwrap();
        #[cfg(unix)]
        {
            let error = init_site(&InitRequest { force: true, ..request(&site, None) }).err().unwrap();
            assert!(error.to_string().contains("`site.yaml` is a symbolic link"), "{error}");
            assert!(!outside.exists());
            assert!(!site.join(".gitignore").exists(), "nothing is written when one path is refused");
        }
    }

    #[test]
    fn refuses_a_linked_folder_of_the_site() {
        let temp = tempfile::tempdir().unwrap();
        let elsewhere = temp.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let site = temp.path().join("site");
        fs::create_dir(&site).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&elsewhere, site.join("content")).unwrap();
            let error = init_site(&request(&site, None)).err().unwrap();
            assert!(error.to_string().contains("`content` is a symbolic link"), "{error}");
            assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
        }
    }

    #[test]
    fn adds_only_the_publishing_setup_to_an_existing_site() {
        let temp = tempfile::tempdir().unwrap();
        fs::write(
            temp.path().join("site.yaml"),
            "title: T\nbase_url: https://example.org\nlanguages:\n  - code: en\n  - code: fr\n  - code: de\n",
        )
        .unwrap();
        let done = init_site(&request(temp.path(), Some(Host::Netlify))).unwrap();
        assert!(!done.new_site);
        assert_eq!(done.written, ["netlify.toml", ".github/workflows/scheduled-rebuild.yml"]);
        let netlify = fs::read_to_string(temp.path().join("netlify.toml")).unwrap();
        assert!(netlify.contains("from = \"/fr/*\"") && netlify.contains("from = \"/de/*\""), "{netlify}");
        assert!(!netlify.contains("from = \"/en/*\""), "{netlify}");
    }
}
