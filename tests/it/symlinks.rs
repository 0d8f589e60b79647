//! Symbolic links in a site: nothing outside the site root is ever read, and the output
//! guard sees where links really lead.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use crate::common::*;

/// A folder beside the site, standing for anything outside it (`/proc/self/environ`, `~/.ssh`).
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("secret.txt"), "SECRET_TOKEN=hunter2\n").unwrap();
    fs::write(
        dir.path().join("secret.md"),
        "---\ntitle: Secret\ndate: 2025-01-01\ntopics: [chips]\n---\nSECRET_TOKEN\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("folder")).unwrap();
    fs::write(dir.path().join("folder/inner.txt"), "SECRET_TOKEN\n").unwrap();
    dir
}

/// Builds `site` and checks that it failed, changed nothing, and never published the secret.
fn refused(site: &Path, outside: &Path, extra: &[&str]) -> String {
    let before = tree(site);
    let output = build(site, extra);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(before, tree(site), "files changed");
    assert!(tree(site).iter().all(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("SECRET_TOKEN")));
    stderr(&output)
        .replace(&fs::canonicalize(outside).unwrap().display().to_string(), "[OUTSIDE]")
        .replace(&site.display().to_string(), "[SITE]")
}

#[test]
fn links_out_of_the_site_root_are_errors_naming_each_file() {
    let site = site_copy("sites/minimal");
    let outside = outside();
    assert!(build(site.path(), &[]).status.success());
    let secret = |name: &str| outside.path().join(name);
    fs::create_dir(site.path().join("static")).unwrap();
    symlink(secret("secret.txt"), site.path().join("static/leak.txt")).unwrap();
    symlink(secret("folder"), site.path().join("static/folder")).unwrap();
    symlink(secret("secret.md"), site.path().join("content/articles/leak.md")).unwrap();
    fs::create_dir(site.path().join("templates")).unwrap();
    symlink(secret("secret.txt"), site.path().join("templates/article.html")).unwrap();
    insta::assert_snapshot!("links-out-of-the-site", refused(site.path(), outside.path(), &[]));
}

#[test]
fn a_site_yaml_linked_from_outside_is_refused() {
    let site = site_copy("sites/minimal");
    let outside = outside();
    fs::remove_file(site.path().join("site.yaml")).unwrap();
    fs::write(outside.path().join("site.yaml"), "title: \"SECRET_TOKEN\"\nbase_url: \"https://example.org/\"\n")
        .unwrap();
    symlink(outside.path().join("site.yaml"), site.path().join("site.yaml")).unwrap();
    let message = refused(site.path(), outside.path(), &[]);
    assert_eq!(
        message,
        "error: site.yaml: symbolic link to `[OUTSIDE]/site.yaml`, outside the site root: briefing never reads outside the site; copy the file into the site instead\n1 error found; nothing was written and the previous output is unchanged\n"
    );
}

#[test]
fn a_whole_source_folder_linked_from_outside_is_refused() {
    let site = site_copy("sites/minimal");
    let outside = outside();
    symlink(outside.path().join("folder"), site.path().join("static")).unwrap();
    let message = refused(site.path(), outside.path(), &[]);
    assert!(
        message.starts_with("error: static: symbolic link to `[OUTSIDE]/folder`, outside the site root"),
        "{message}"
    );
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let site = site_copy("sites/minimal");
    fs::create_dir_all(site.path().join("assets/images")).unwrap();
    fs::write(site.path().join("assets/images/map.svg"), "<svg/>").unwrap();
    fs::create_dir(site.path().join("static")).unwrap();
    symlink("../assets/images", site.path().join("static/images")).unwrap();
    symlink("../assets/images/map.svg", site.path().join("static/map.svg")).unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(read(site.path().join("public/images/map.svg")), "<svg/>");
    assert_eq!(read(site.path().join("public/map.svg")), "<svg/>");
}

#[test]
fn a_site_reached_through_a_linked_root_builds() {
    let site = site_copy("sites/minimal");
    let links = tempfile::tempdir().unwrap();
    let root = links.path().join("site");
    symlink(site.path(), &root).unwrap();
    let output = build(&root, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn an_output_inside_a_source_folder_reached_through_a_link_is_refused() {
    let site = site_copy("sites/minimal");
    symlink("content", site.path().join("drafts")).unwrap();
    let before = tree(site.path());
    let output = build(site.path(), &["--output", &site.path().join("drafts/out").display().to_string()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output).replace(&site.path().display().to_string(), "[SITE]");
    insta::assert_snapshot!("output-through-a-link", message);
    assert_eq!(before, tree(site.path()), "nothing written");
}

#[test]
fn an_output_in_a_linked_root_is_refused_as_a_source_folder() {
    let site = site_copy("sites/minimal");
    let links = tempfile::tempdir().unwrap();
    let root = links.path().join("site");
    symlink(site.path(), &root).unwrap();
    let before = tree(site.path());
    // The root named through the link, the output through the real path: the same folder.
    let output = build(&root, &["--output", &site.path().join("content/out").display().to_string()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("inside the site's `content/` directory"), "{}", stderr(&output));
    assert_eq!(before, tree(site.path()), "nothing written");
}

#[test]
fn a_linked_output_is_built_into_its_target_and_stays_a_link() {
    let site = site_copy("sites/minimal");
    let releases = tempfile::tempdir().unwrap();
    let earlier = releases.path().join("2025-01");
    let public = site.path().join("public");
    assert!(build(site.path(), &["--output", &earlier.display().to_string()]).status.success());
    fs::write(earlier.join("stale.html"), "from the earlier build").unwrap();
    symlink(&earlier, &public).unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(fs::symlink_metadata(&public).unwrap().file_type().is_symlink(), "public is still a link");
    assert_eq!(fs::read_link(&public).unwrap(), earlier);
    assert!(earlier.join("index.html").is_file(), "the new output is where the link points");
    assert!(!earlier.join("stale.html").exists(), "the earlier output was replaced as a whole");
    let beside: Vec<String> =
        fs::read_dir(releases.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(beside, ["2025-01"], "no staging folder left beside the target");
}

#[test]
fn a_broken_output_link_is_refused() {
    let site = site_copy("sites/minimal");
    symlink("gone", site.path().join("public")).unwrap();
    let before = tree(site.path());
    let output = build(site.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output).replace(&site.path().display().to_string(), "[SITE]");
    insta::assert_snapshot!("broken-output-link", message);
    assert_eq!(before, tree(site.path()));
    assert!(fs::symlink_metadata(site.path().join("public")).unwrap().file_type().is_symlink());
}
