//! `briefing new article|topic`.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::new::{NewArticle, SiteFacts};

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewWhat,
    /// The site's root directory (holding site.yaml)
    #[arg(long, default_value = ".", global = true)]
    pub root: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// A new article: content/articles/<year>/<slug>.md, dated now
    #[command(
        after_help = "Examples:\n  briefing new article \"Chip export rules tighten\" --topic export-controls\n  briefing new article \"Les règles d'exportation se durcissent\" --translation-of content/articles/2025/chip-export-rules-tighten.md --lang fr"
    )]
    Article {
        /// The article's title, in quotes
        title: String,
        /// A topic of the article: the slug of a file of content/topics/ (repeat for several)
        #[arg(long = "topic", value_name = "SLUG")]
        topics: Vec<String>,
        /// The article's language, one of the site's `languages:` (default: the site's language)
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// An existing article this one translates: written beside it as <name>.<lang>.md
        #[arg(long, value_name = "FILE")]
        translation_of: Option<PathBuf>,
        /// The slug (file name and address) instead of the one made from the title
        #[arg(long)]
        slug: Option<String>,
    },
    /// A new topic: content/topics/<slug>.md (with --lang, its translation <slug>.<lang>.md)
    #[command(
        after_help = "Examples:\n  briefing new topic \"Export controls\"\n  briefing new topic \"Contrôles à l'export\" --lang fr --slug export-controls"
    )]
    Topic {
        /// The topic's title, in quotes
        title: String,
        /// The slug (file name and address) instead of the one made from the title
        #[arg(long)]
        slug: Option<String>,
        /// The topic's language; another than the default translates the topic --slug
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
    },
}

impl NewArgs {
    pub fn run(self, terminal: &super::Terminal) -> Result<()> {
        let facts = SiteFacts::read(&self.root)?;
        let (relative, text) = match &self.what {
            NewWhat::Article { title, topics, lang, translation_of, slug } => {
                let now = chrono::Local::now().fixed_offset();
                let new = NewArticle {
                    title,
                    topics,
                    lang: lang.as_deref(),
                    translation_of: translation_of.as_deref(),
                    slug: slug.as_deref(),
                    now,
                };
                crate::new::article(&self.root, &facts, &new)?
            }
            NewWhat::Topic { title, slug, lang } => crate::new::topic(&facts, title, slug.as_deref(), lang.as_deref())?,
        };
        crate::new::write(&self.root, &relative, &text)?;
        let shown = if self.root == std::path::Path::new(".") { relative } else { self.root.join(&relative) };
        terminal.say(format!("Created {}", shown.display()));
        Ok(())
    }
}
