//! A site published under a sub-path (`https://you.github.io/project/`): links and images
//! written in Markdown get the base path, and `check --base-url` finds what would break.

use std::fs;

use crate::common::{briefing, read, site_copy, stderr, stdout};

const SUB_PATH: &str = "https://example.github.io/project/";

#[test]
fn markdown_links_and_images_written_from_the_root_get_the_base_path() {
    let site = site_copy("sites/minimal");
    fs::create_dir_all(site.path().join("static/images")).unwrap();
    fs::write(site.path().join("static/images/fab.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let article = site.path().join("content/articles/first.md");
    let text = read(&article).replace(
        "Text.",
        "Text. ![A fab](/images/fab.png) [Chips](/topics/chips/) <img src=\"/images/fab.png\" alt=\"raw\">",
    );
    fs::write(&article, text).unwrap();
    fs::write(site.path().join("content/topics/chips.md"), "---\ntitle: Chips\n---\n![Map](/images/fab.png)\n")
        .unwrap();

    let check = briefing().args(["check", "--base-url", SUB_PATH, "--root"]).arg(site.path()).output().unwrap();
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let build = briefing().args(["build", "--base-url", SUB_PATH, "--root"]).arg(site.path()).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let page = read(site.path().join("public/articles/first/index.html"));
    assert!(page.contains(r#"<img src="/project/images/fab.png" alt="A fab""#), "{page}");
    assert!(page.contains(r#"<a href="/project/topics/chips/">Chips</a>"#), "{page}");
    assert!(page.contains(r#"src="/project/images/fab.png" alt="raw""#), "{page}");
    let topic = read(site.path().join("public/topics/chips/index.html"));
    assert!(topic.contains(r#"src="/project/images/fab.png""#), "{topic}");
}

#[test]
fn check_with_the_published_address_finds_links_that_would_break_and_says_what_to_write() {
    let site = site_copy("sites/minimal");
    let article = site.path().join("content/articles/first.md");
    let text = read(&article).replace("Text.", "Text. [Chips](/project/topics/chips/)");
    fs::write(&article, text).unwrap();
    fs::create_dir_all(site.path().join("templates")).unwrap();
    let base = read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"));
    let hard_coded = base.replacen("<body", "<a href=\"/archive/\">Archive</a><body", 1);
    assert_ne!(base, hard_coded);
    fs::write(site.path().join("templates/base.html"), hard_coded).unwrap();

    // At the root (site.yaml's base_url) both links work...
    let at_root = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert!(!stderr(&at_root).contains("/archive/"), "{}", stderr(&at_root));
    // ...published under /project/, both break, and each message says what to write.
    let output = briefing().args(["check", "--base-url", SUB_PATH, "--root"]).arg(site.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(messages.contains("templates/base.html:"), "{messages}");
    assert!(messages.contains("link `/archive/` is outside the site's base path `/project/`"), "{messages}");
    assert!(messages.contains(r#"write `{{ url(path="/archive/") }}`"#), "{messages}");
    assert!(messages.contains("content/articles/first.md:"), "{messages}");
    assert!(messages.contains("the base path is in it twice; write `/topics/chips/`"), "{messages}");
}

#[test]
fn a_share_image_that_names_no_file_is_an_error_at_its_line() {
    let site = site_copy("sites/minimal");
    let article = site.path().join("content/articles/first.md");
    fs::write(&article, read(&article).replacen("---\n", "---\nimage: /images/lab.jpg\n", 1)).unwrap();
    let config = site.path().join("site.yaml");
    fs::write(&config, format!("{}share_image: /images/share.png\n", read(&config))).unwrap();
    let output = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(
        messages.contains(
            "content/articles/first.md:2:8: `image` names /images/lab.jpg, which is not in static/: add static/images/lab.jpg"
        ),
        "{messages}"
    );
    assert!(
        messages.contains("site.yaml:3:14: `share_image` names /images/share.png, which is not in static/"),
        "{messages}"
    );
    fs::create_dir_all(site.path().join("static/images")).unwrap();
    fs::write(site.path().join("static/images/lab.jpg"), b"jpeg").unwrap();
    fs::write(site.path().join("static/images/share.png"), b"png").unwrap();
    let fixed = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert!(fixed.status.success(), "{}", stderr(&fixed));
}
