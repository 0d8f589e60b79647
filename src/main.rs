use std::process::ExitCode;

use clap::Parser;

use briefing::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if error
                .downcast_ref::<briefing::build::BuildError>()
                .is_some_and(|e| matches!(e, briefing::build::BuildError::Content(_)))
            {
                eprintln!("{error}");
            } else {
                eprintln!("error: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}
