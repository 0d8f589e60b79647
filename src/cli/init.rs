//! `briefing init`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::init::init_site;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to create the site in (created if missing)
    pub dir: PathBuf,
    /// Overwrite files of the new site that already exist there
    #[arg(long)]
    pub force: bool,
}

impl InitArgs {
    pub fn run(self) -> Result<()> {
        let written = init_site(&self.dir, self.force)?;
        println!("Created a briefing site in {} ({} files)", self.dir.display(), written.len());
        println!("Next: briefing build --root {}", self.dir.display());
        Ok(())
    }
}
