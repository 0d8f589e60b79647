#![no_main]
//! Any text page imports or fails cleanly, and what it writes builds.

#[path = "import_common.rs"]
mod import_common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    import_common::import_round_trips(&import_common::importer(), &import_common::text_page(text));
});
