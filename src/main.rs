use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use briefing::build::BuildError;
use briefing::cli::{Cli, ColorChoice};
use briefing::output::OutputError;

fn main() -> ExitCode {
    // `--color` and NO_COLOR apply to the argument parser's own messages too, so they are
    // read before it runs.
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let colour = colour_asked(&arguments);
    let matches = Cli::command().color(colour.for_clap()).get_matches_from(&arguments);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let terminal = cli.terminal();
    match cli.command.run(&terminal) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Some(BuildError::Content(diagnostics)) = error.downcast_ref::<BuildError>() {
                terminal.problems(diagnostics);
                let count = diagnostics.len();
                let plural = if count == 1 { "" } else { "s" };
                eprintln!("{count} error{plural} found; nothing was written and the previous output is unchanged");
            } else if let Some(BuildError::Output(output_error)) = error.downcast_ref::<BuildError>() {
                terminal.problems(format!("error: {output_error}"));
                eprintln!("{}", output_error.summary());
                if let OutputError::Interrupted(signal) = output_error {
                    // The exit status of a process ended by the signal, as shells expect.
                    return ExitCode::from(128 + *signal as u8);
                }
            } else {
                terminal.problems(format!("error: {error:#}"));
            }
            ExitCode::FAILURE
        }
    }
}

/// The `--color` of the command line (`--color never`, `--color=always`), else auto.
fn colour_asked(arguments: &[std::ffi::OsString]) -> ColorChoice {
    let words: Vec<&str> = arguments.iter().filter_map(|a| a.to_str()).collect();
    let value = words.iter().enumerate().find_map(|(index, word)| match word.strip_prefix("--color") {
        Some("") => words.get(index + 1).copied(),
        Some(rest) => rest.strip_prefix('='),
        None => None,
    });
    match value {
        Some("always") => ColorChoice::Always,
        Some("never") => ColorChoice::Never,
        _ => ColorChoice::Auto,
    }
}
