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
//! builds the full-text index; [`import`] turns news pages into articles; the
//! `briefing-card` crate draws the share cards link previews show.

#![warn(unreachable_pub)]

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod cli;
pub mod config;
pub mod content;
pub(crate) mod diagnostic;
pub(crate) mod i18n;
pub mod import;
pub(crate) mod init;
pub(crate) mod new;
pub mod output;
pub mod plan;
pub mod render;
pub(crate) mod route;
pub(crate) mod search;
pub(crate) mod serve;
pub mod site;
pub mod source;
pub(crate) mod taxonomies;
pub(crate) mod yaml;

// The facade: what the command-line binary, the benchmarks and the integration tests use.
// Everything else is `pub(crate)`, and `unreachable_pub` keeps it so.
pub use build::write;
pub use cli::{Cli, ColorChoice};
pub use config::{Language, SiteConfig};
pub use content::front_matter::{ARTICLE_FIELDS, FrontMatter, parse_yaml, split};
pub use content::markdown::render as render_markdown;
pub use content::{Article, MAX_HTML_DEPTH, ParseContext, Topic};
pub use i18n::month_names;
pub use init::ci::{linux_release_url, netlify_toml};
pub use plan::{BuildOptions, load};
pub use search::text::{STOP_WORDS, fold};
pub use search::{SearchIndex, decode_ids, index as search_index};
pub use serve::in_process::{InProcess, Served};
pub use site::Entities;
