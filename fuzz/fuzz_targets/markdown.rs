#![no_main]
//! Any Markdown renders, and nothing executable survives the sanitiser.

use briefing::content::markdown::render;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = render(text).html.to_ascii_lowercase();
    // Text never holds a raw `<`, so every `<` opens a tag: only tags are examined, since a
    // code block may well show `href="javascript:` as text.
    for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default()) {
        for element in ["script", "iframe", "style", "object", "embed"] {
            assert!(!tag.starts_with(element), "<{element}> in {html}");
        }
        for attribute in ["href=\"javascript:", "src=\"javascript:", "href=\"data:", "src=\"data:"] {
            assert!(!tag.contains(attribute), "{attribute} in <{tag}>");
        }
    }
});
