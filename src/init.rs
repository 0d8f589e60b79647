//! `briefing init`: a new, minimal site that builds as it is.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

const SITE_YAML: &str = r#"title: "My Briefing"
base_url: "https://example.org"
language: en
description: "A briefing on technology and geopolitics."
taxonomies: [tags, organizations, regions]
"#;

const TOPIC: &str = r#"---
title: "US–China tech decoupling"
summary: "Export controls, lab closures and the splitting of supply chains."
weight: 10
keywords: [export controls, decoupling, découplage]
---
How the technology ties between the United States and China are being cut, one rule and one
closure at a time.
"#;

const ARTICLE: &str = r#"---
title: "Welcome to your briefing"
date: 2025-01-01
summary: "How this site is organised, and how to add the first real briefing."
topics: [us-china-tech-decoupling]
tags: [getting-started]
organizations: []
regions: []
---
Each briefing is one Markdown file under `content/articles/`, with its front matter between
the `---` lines: a title, a date, a summary, its topics and the organizations and regions it
concerns.

## Next steps

- Replace this article with a summary of a report you follow.
- Name the report's source in `source:` (agency, URL, original publication time).
- Run `briefing serve` to preview the site while you write.
"#;

const ENTITIES: &str = r#"organizations:
  Amazon Web Services: { aliases: [AWS] }
regions:
  China: { aliases: [Chine, Beijing, PRC] }
  United States: { aliases: [US, USA, États-Unis] }
"#;

/// The files of a new site, relative to its root.
pub const FILES: &[(&str, &str)] = &[
    ("site.yaml", SITE_YAML),
    ("content/topics/us-china-tech-decoupling.md", TOPIC),
    ("content/articles/2025/welcome.md", ARTICLE),
    ("content/entities.yaml", ENTITIES),
];

/// Writes a new site into `dir`. Existing files are left alone unless `force`.
pub fn init_site(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let existing: Vec<String> = FILES
        .iter()
        .filter(|(relative, _)| dir.join(relative).exists())
        .map(|(relative, _)| relative.to_string())
        .collect();
    if !existing.is_empty() && !force {
        bail!(
            "`{}` already has {}; nothing was written (use --force to overwrite them)",
            dir.display(),
            existing.join(", ")
        );
    }
    let mut written = Vec::new();
    for (relative, text) in FILES {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
