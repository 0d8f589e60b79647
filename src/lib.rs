//! briefing: a static-site generator for tech-geopolitics briefings.
//!
//! Data flows one way: [`source`] reads the site root, [`content`] parses articles
//! and topics, [`site`] assembles them, [`render`] turns the site into pages and
//! [`output`] writes them.
//!
//! [`route`] is the route table: every kind of page is a [`route::Route`], and
//! [`route::Routes`] knows each page's URL, output file, template and sitemap entry.
//! [`plan`] is the one build plan (load -> assemble -> plan pages -> render) that
//! [`build`] writes out, [`check`] checks and [`serve`] serves. The built-in taxonomies
//! are one table, [`taxonomies`]; the interface's words per language are [`i18n`]. [`yaml`] alone uses the YAML parser; [`search`]
//! builds the full-text index; [`import`] turns news pages into articles.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod i18n;
pub mod import;
pub mod init;
pub mod new;
pub mod output;
pub mod plan;
pub mod render;
pub mod route;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod taxonomies;
pub mod yaml;
