#![no_main]
//! A whole site built from fuzzed front matter, body and article template: errors are
//! fine, panics are not.

#[path = "site_common.rs"]
mod site_common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| site_common::build_site(input));
