use std::process::ExitCode;

use clap::Parser;

use briefing::build::BuildError;
use briefing::cli::Cli;
use briefing::output::OutputError;

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
            } else if let Some(BuildError::Output(output_error)) = error.downcast_ref::<BuildError>() {
                eprintln!("error: {output_error}");
                eprintln!("{}", output_error.summary());
                if let OutputError::Interrupted(signal) = output_error {
                    // The exit status of a process ended by the signal, as shells expect.
                    return ExitCode::from(128 + *signal as u8);
                }
            } else {
                eprintln!("error: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}
