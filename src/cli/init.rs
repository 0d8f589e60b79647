//! `briefing init`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::init::{Host, InitRequest, init_site};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in (created if missing)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite files of the new site that already exist there
    #[arg(long)]
    pub force: bool,
    /// Also write a publishing setup for this host (on a folder that already holds a
    /// site, write only that)
    #[arg(long, value_enum, value_name = "HOST")]
    pub ci: Option<Host>,
    /// Also copy the built-in templates and stylesheet into templates/ and static/, to
    /// edit them (on a folder that already holds a site, copy only those)
    #[arg(long)]
    pub templates: bool,
}

impl InitArgs {
    pub fn run(self, terminal: &super::Terminal) -> Result<()> {
        let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
        let request =
            InitRequest { dir: &self.dir, force: self.force, ci: self.ci, templates: self.templates, today: &today };
        let done = init_site(&request)?;
        let files = super::plural(done.written.len(), "file", "files");
        let shown = self.dir.display();
        if done.new_site {
            terminal.say(format!("Created a briefing site in {shown} ({files})"));
        } else {
            terminal.say(format!("Added to the site in {shown} ({files})"));
        }
        for path in &done.written {
            terminal.say(format!("  {path}"));
        }
        if done.new_site {
            let cd = if self.dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", shell_quoted(&shown.to_string()))
            };
            terminal.say(format!("Next: {cd}briefing serve   (a live preview at http://127.0.0.1:1111/)"));
        }
        Ok(())
    }
}

/// `text` as one word of a POSIX shell: as it is when it is plain, else in single quotes,
/// so that the printed `cd` line can be pasted even for `My Site Folder`.
fn shell_quoted(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "._/-+,@%:=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_owned();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}
