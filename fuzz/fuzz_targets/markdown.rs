#![no_main]
//! Any Markdown renders, and nothing executable survives the sanitiser.

use briefing::content::markdown::render;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let rendered = render(text);
    let html = rendered.html.to_ascii_lowercase();
    assert!(!html.contains("<script"), "script element in {html}");
    assert!(!html.contains("href=\"javascript:"), "javascript: link in {html}");
});
