//! The integration tests, in one binary so that a fresh `cargo test` links once.
//! Each module drives the real `briefing` binary on small fixture sites under
//! tests/fixtures/ (one folder per case); `common` (tests/common/, shared with the
//! browser tests of tests/browser.rs) holds the helpers.

#[path = "../common/mod.rs"]
mod common;

mod actors;
mod addresses;
mod authors;
mod base_path;
mod build;
mod check;
mod cli;
mod customising;
mod docs;
mod edition;
mod errors;
mod external_links;
mod feeds;
mod figures;
mod fuzz_regressions;
mod import;
mod init;
mod input;
mod language_pages;
mod languages;
mod layering;
mod new;
mod output_folder;
mod pages;
mod publishing;
mod reliability;
mod reliability_import;
mod reliability_site;
mod serve;
mod share_cards;
mod site_fields;
mod stranger;
mod structured_data;
mod symlinks;
mod timelines;
