//! Figures: a Markdown image with a title, or a ```` ```figure ```` block, becomes a
//! `<figure>` with its caption and credit; an image of the site's own files gets its width
//! and height from the file's header; `check` warns of images too heavy for a page.

use crate::common::SiteTest;

/// The header of a PNG of `width` × `height` pixels: all that is read of it.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

fn article(body: &str) -> String {
    format!("---\ntitle: \"Pictured\"\ndate: 2025-01-01\ntopics: [chips]\n---\n{body}")
}

fn site_with_figures() -> SiteTest {
    SiteTest::fixture("sites/minimal")
        .file("site.yaml", "title: \"Minimal\"\nbase_url: \"https://example.org/brief/\"\n")
        .file("static/images/fab.png", png(640, 360))
        .file(
            "content/articles/pictured.md",
            article(
                "Text.\n\n![A clean room](/images/fab.png \"The clean room\")\n\n```figure\nsrc: /images/fab.png\n\
                 alt: The same room\ncaption: Seen from the gallery.\ncredit: \"Photo: Example Agency\"\n```\n\n\
                 ![elsewhere](https://images.example/x.png)\n",
            ),
        )
}

#[test]
fn figures_have_their_caption_their_credit_and_their_image_size() {
    let site = site_with_figures();
    site.build().succeeds();
    let page = site.public("articles/pictured/index.html");
    assert!(
        page.contains(
            "<figure><img src=\"/brief/images/fab.png\" alt=\"A clean room\" width=\"640\" height=\"360\" \
             loading=\"lazy\"><figcaption>The clean room</figcaption></figure>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<figcaption>Seen from the gallery. <span class=\"figure-credit\">Photo: Example Agency</span></figcaption>"
        ),
        "{page}"
    );
    // Another site's image has no size to read; no placeholder is left behind.
    assert!(page.contains("<img src=\"https://images.example/x.png\" alt=\"elsewhere\" loading=\"lazy\">"), "{page}");
    assert!(!page.contains("__briefing_image"), "{page}");
    let feed = site.public("feed.xml");
    assert!(feed.contains("width=&quot;640&quot;") || feed.contains("width=\"640\""), "{feed}");
    assert!(!feed.contains("__briefing_image"));
}

#[test]
fn an_image_whose_file_is_missing_has_no_size_and_check_reports_it() {
    let site = site_with_figures().remove("static/images/fab.png");
    site.build().succeeds();
    let page = site.public("articles/pictured/index.html");
    assert!(page.contains("<img src=\"/brief/images/fab.png\" alt=\"A clean room\" loading=\"lazy\">"), "{page}");
    site.run(["check"]).fails().stderr_has("/brief/images/fab.png");
}

#[test]
fn check_warns_of_an_image_too_wide_for_any_screen() {
    let site = site_with_figures().file("static/images/fab.png", png(6000, 4000));
    site.run(["check"])
        .stderr_has("content/articles/pictured.md:8:1: the image `/images/fab.png` is 6000 pixels wide, over 3000");
}

#[test]
fn a_figure_block_without_an_image_is_an_error_at_its_line() {
    let site = site_with_figures()
        .file("content/articles/pictured.md", article("Text.\n\n```figure\ncaption: Nothing\n```\n"));
    site.build()
        .fails()
        .stderr_has("error: content/articles/pictured.md:8:1: a `figure` block needs `src:`, the image's address");
}
