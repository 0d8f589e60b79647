use std::process::ExitCode;

use clap::Parser;

use briefing::build::BuildError;
use briefing::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Some(BuildError::Content(diagnostics)) = error.downcast_ref::<BuildError>() {
                eprintln!("{diagnostics}");
                let count = diagnostics.len();
                let plural = if count == 1 { "" } else { "s" };
                eprintln!("{count} error{plural} found; nothing was written and the previous output is unchanged");
            } else {
                eprintln!("error: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}
