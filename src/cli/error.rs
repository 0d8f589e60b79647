//! Why a command failed, how that is printed, and the exit status that tells a shell so.

use thiserror::Error;

use super::Terminal;
use crate::diagnostic::Diagnostics;
use crate::output::OutputError;
use crate::plan::BuildError;
use crate::serve::ServeError;

/// A command's failure. Usage errors never get here: the argument parser prints them and
/// exits with 2 itself.
#[derive(Debug, Error)]
pub enum CliError {
    /// Problems in the site's files, every one of them (exit status 1).
    #[error("{0}")]
    Content(Diagnostics),
    /// Problems in the site's files when `serve` starts, which has no output to keep (1).
    #[error("{0}")]
    PreviewContent(Diagnostics),
    /// Writing the output failed (1) or a signal stopped it (128 + the signal, as shells
    /// expect of a process the signal ended).
    #[error(transparent)]
    Output(OutputError),
    /// Anything else: a failed check, an import that went wrong, a file that cannot be
    /// read (1).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<BuildError> for CliError {
    fn from(error: BuildError) -> Self {
        match error {
            BuildError::Content(diagnostics) => CliError::Content(diagnostics),
            BuildError::Output(error) => CliError::Output(error),
        }
    }
}

impl From<ServeError> for CliError {
    fn from(error: ServeError) -> Self {
        match error {
            ServeError::Content(diagnostics) => CliError::PreviewContent(diagnostics),
            ServeError::Setup(error) => CliError::Other(error),
        }
    }
}

impl CliError {
    /// The process's exit status for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Output(OutputError::Interrupted(signal)) => 128u8.saturating_add(*signal as u8),
            _ => 1,
        }
    }

    /// Prints the failure to stderr: each problem with its place, then what became of the
    /// output.
    pub fn report(&self, terminal: &Terminal) {
        match self {
            CliError::Content(diagnostics) => {
                terminal.problems(diagnostics);
                let count = diagnostics.len();
                let plural = if count == 1 { "" } else { "s" };
                eprintln!("{count} error{plural} found; nothing was written and the previous output is unchanged");
            }
            CliError::PreviewContent(diagnostics) => {
                terminal.problems(diagnostics);
                let count = diagnostics.len();
                let plural = if count == 1 { "" } else { "s" };
                eprintln!("{count} error{plural} found; the preview did not start: fix them, then run it again");
            }
            CliError::Output(error) => {
                terminal.problems(format!("error: {error}"));
                eprintln!("{}", error.summary());
            }
            CliError::Other(error) => terminal.problems(format!("error: {error:#}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn a_signal_gives_128_plus_its_number_and_every_other_failure_1() {
        assert_eq!(CliError::Output(OutputError::Interrupted(2)).exit_code(), 130);
        assert_eq!(CliError::Output(OutputError::Interrupted(15)).exit_code(), 143);
        let content = Diagnostics::from(vec![Diagnostic::whole_file("site.yaml", "broken")]);
        assert_eq!(CliError::from(BuildError::Content(content)).exit_code(), 1);
        let unsafe_output = OutputError::Unsafe { output: "/".into(), reason: "the root".to_owned() };
        assert_eq!(CliError::from(BuildError::Output(unsafe_output)).exit_code(), 1);
        assert_eq!(CliError::from(anyhow::anyhow!("the check found 1 error")).exit_code(), 1);
    }
}
