//! Inputs that must not break a build, lose the last good output, or let markup through.

use std::fs;

use crate::common::*;

fn article(title: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2025-03-01\nsummary: \"S\"\ntopics: [chips]\n---\n{body}")
}

#[test]
fn a_ten_megabyte_article_builds() {
    let site = site_copy("sites/minimal");
    let paragraph = "Export controls on advanced chips changed the supply chain again. ".repeat(20);
    let mut body = String::with_capacity(10_500_000);
    let mut section = 0;
    while body.len() < 10_000_000 {
        section += 1;
        body.push_str(&format!("## Section {section}\n\n{paragraph}\n\n"));
    }
    fs::write(site.path().join("content/articles/huge.md"), article("Huge", &body)).unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::metadata(site.path().join("public/articles/huge/index.html")).unwrap();
    assert!(page.len() > 10_000_000);
}

#[test]
fn deeply_nested_quotes_and_lists_do_not_overflow_the_stack() {
    let site = site_copy("sites/minimal");
    let quotes = format!("{} deep\n", ">".repeat(50_000));
    let lists: String = (0..5_000).map(|depth| format!("{}- item {depth}\n", "  ".repeat(depth))).collect();
    let html = "<div>".repeat(20_000);
    fs::write(site.path().join("content/articles/quotes.md"), article("Quotes", &quotes)).unwrap();
    fs::write(site.path().join("content/articles/lists.md"), article("Lists", &lists)).unwrap();
    fs::write(site.path().join("content/articles/divs.md"), article("Divs", &html)).unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(read(site.path().join("public/articles/quotes/index.html")).contains("deep"));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content_is_an_error_not_a_hang() {
    let site = site_copy("sites/minimal");
    std::os::unix::fs::symlink("..", site.path().join("content/articles/loop")).unwrap();
    let output = build(site.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("content/articles/loop: symbolic link loop"), "{}", stderr(&output));
}

#[test]
fn an_output_that_cannot_be_created_is_a_clear_error() {
    let site = site_copy("sites/minimal");
    fs::write(site.path().join("not-a-folder"), "a file").unwrap();
    let target = site.path().join("not-a-folder/public");
    let output = build(site.path(), &["--output", &target.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with("error: refusing to write the output"), "{message}");
    assert!(message.contains("not-a-folder`, which is a file, not a folder"), "{message}");
    assert_eq!(read(site.path().join("not-a-folder")), "a file");
}

#[test]
fn an_output_equal_to_a_source_folder_or_the_root_is_refused() {
    for target in ["content", "templates", "static/built", "."] {
        let site = site_copy("sites/minimal");
        let before = tree(site.path());
        let output = build(site.path(), &["--output", &site.path().join(target).display().to_string()]);
        assert_eq!(output.status.code(), Some(1), "{target}");
        assert!(stderr(&output).contains("refusing to write the output"), "{target}: {}", stderr(&output));
        assert_eq!(before, tree(site.path()), "{target}: nothing written");
    }
}

#[test]
fn two_builds_at_once_take_turns_and_never_mix() {
    let site = site_copy("sites/minimal");
    let root = site.path().display().to_string();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(binary())
                .args(["build", "--root", &root])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let single = site_copy("sites/minimal");
    assert!(build(single.path(), &[]).status.success());
    assert_eq!(tree(&site.path().join("public")), tree(&single.path().join("public")));
    let leftovers: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".tmp-") || name.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn hostile_markup_never_reaches_a_page() {
    let site = site_copy("sites/minimal");
    let body = r#"
<script>alert(1)</script>
<style>body { display: none }</style>
<iframe src="https://evil.example"></iframe>
<img src="data:image/svg+xml;base64,PHN2Zz4=" onerror="alert(2)">
<a href="javascript:alert(3)">click</a> <a href="JaVaScRiPt:alert(4)">again</a>
<p onmouseover="alert(5)">hover</p>

[md link](javascript:alert(6)) ![img](data:text/html;base64,PHNjcmlwdD4=)
"#;
    fs::write(
        site.path().join("content/articles/hostile.md"),
        article("Hostile </title><script>alert(7)</script>", body),
    )
    .unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (path, bytes) in tree(&site.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        let attributes = ["href=\"javascript:", "src=\"javascript:", "src=\"data:", "href=\"data:"];
        for bad in ["<script>alert", "<style>body", "<iframe", "onerror=", "onmouseover="].iter().chain(&attributes) {
            assert!(!text.contains(bad), "{path} contains {bad}");
        }
    }
    let index = read(site.path().join("public/search/d/0.json"));
    assert!(index.contains("\\u003c/title>\\u003cscript>"), "{index}");
}

#[test]
fn hidden_markdown_files_in_content_are_named_in_a_warning() {
    let site = site_copy("sites/minimal");
    fs::create_dir(site.path().join("content/articles/2025")).unwrap();
    fs::write(site.path().join("content/articles/2025/.md"), article("Punctuation only", "Text.")).unwrap();
    fs::write(site.path().join("content/articles/.draft.md"), article("Draft", "Text.")).unwrap();
    fs::write(site.path().join("content/articles/.#first.md"), "an editor's lock file").unwrap();
    let output = build(site.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let skipped = "hidden file (its name starts with `.`), so not built; rename it to publish it";
    assert_eq!(
        stderr(&output),
        format!("warning: content/articles/.draft.md: {skipped}\nwarning: content/articles/2025/.md: {skipped}\n")
    );
    assert!(!site.path().join("public/articles/draft").exists());
    let check = briefing().arg("check").arg("--root").arg(site.path()).output().unwrap();
    assert!(stderr(&check).contains(&format!("warning: content/articles/2025/.md: {skipped}")), "{}", stderr(&check));
}
