use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use briefing::{Cli, ColorChoice};

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
            error.report(&terminal);
            ExitCode::from(error.exit_code())
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
