#![no_main]
//! Any page, with any options, imports as `briefing import` writes it or is refused
//! before writing; what import would write, the site builds and renders.

#[path = "import_write_common.rs"]
mod import_write_common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

static SITE: OnceLock<import_write_common::Site> = OnceLock::new();

fuzz_target!(|input: &str| {
    import_write_common::import_builds(SITE.get_or_init(import_write_common::site), input);
});
