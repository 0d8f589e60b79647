//! `briefing completions SHELL` and `briefing man`: generated from the command line's own
//! definition, so they never disagree with it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete commands in
    #[arg(value_enum)]
    pub shell: Shell,
}

impl CompletionsArgs {
    pub fn run(self) -> Result<()> {
        let mut command = Cli::command();
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut command, "briefing", &mut script);
        print_all(&script, "the completion script")
    }
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per command (briefing.1, briefing-build.1, …) into this folder
    /// instead of printing briefing(1)
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

impl ManArgs {
    pub fn run(self) -> Result<()> {
        let command = Cli::command();
        match self.out_dir {
            None => {
                let mut page = Vec::new();
                clap_mangen::Man::new(command).render(&mut page).context("cannot render the manual page")?;
                print_all(&page, "the manual page")?;
            }
            Some(dir) => {
                std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
                clap_mangen::generate_to(command, &dir)
                    .with_context(|| format!("cannot write the manual pages into `{}`", dir.display()))?;
                println!("Wrote the manual pages into {}", dir.display());
            }
        }
        Ok(())
    }
}

/// Writes `bytes` to standard output; a reader that stops early (`| head`) is no error.
fn print_all(bytes: &[u8], what: &str) -> Result<()> {
    match std::io::stdout().write_all(bytes) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.with_context(|| format!("cannot print {what}")),
    }
}
