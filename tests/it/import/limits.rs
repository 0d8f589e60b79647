//! Hostile HTML: nesting far deeper than any page imports without exhausting the stack
//! and in linear time (the bound is `MAX_HTML_DEPTH` in src/import/html/dom.rs).

use super::*;

fn deep_page(opening: &str, closing: &str, count: usize) -> String {
    let paragraph = "<p>Norvale Systems closed its chip lab in Lisbon on Friday, the company said, ending eight years of export controls work.</p>";
    format!(
        "<html lang=\"en\"><head><title>Norvale closes its chip lab in Lisbon</title><meta property=\"article:published_time\" content=\"2025-01-10T09:00:00Z\"></head><body>{}{}{}</body></html>",
        opening.repeat(count),
        paragraph.repeat(3),
        closing.repeat(count)
    )
}

fn import_html(page: String) -> std::process::Output {
    let site = site();
    briefing()
        .args(["import", "--stdout", "--explain", "--topic", "export-controls", "--root"])
        .arg(site.path())
        .arg("-")
        .write_stdin(page)
        .output()
        .unwrap()
}

#[test]
fn a_hundred_thousand_nested_divs_import() {
    let output = import_html(deep_page("<div>", "</div>", 100_000));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("ending eight years of export controls work."));
    assert!(stderr.contains("nested too deep: flattened into its text"), "{stderr}");
}

#[test]
fn twenty_thousand_unclosed_inline_tags_import() {
    let output = import_html(deep_page("<b>x ", "", 20_000));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Norvale Systems closed its chip lab"));
}
