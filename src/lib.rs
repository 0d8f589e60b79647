//! briefing: a static-site generator for tech-geopolitics briefings.
//!
//! Data flows one way: [`source`] reads the site root, [`content`] parses articles
//! and topics, [`site`] assembles them, [`render`] turns the site into pages and
//! [`output`] writes them. [`build`] runs those stages in order.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod import;
pub mod init;
pub mod output;
pub mod render;
pub mod serve;
pub mod site;
pub mod source;
pub mod yaml;
