//! How the commands talk to the terminal: `--quiet`, `--verbose`, and `--color`, which
//! also colours our own `error:`, `warning:` and `note:` labels as clap colours its own.

use std::io::IsTerminal;

use clap::ValueEnum;

/// `--color`: `auto` colours a terminal unless `NO_COLOR` is set (no-color.org).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour standard error.
    pub fn colours_stderr(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()) && std::io::stderr().is_terminal()
            }
        }
    }

    pub fn for_clap(self) -> clap::ColorChoice {
        match self {
            ColorChoice::Auto if !self.colours_stderr() => clap::ColorChoice::Never,
            ColorChoice::Auto => clap::ColorChoice::Auto,
            ColorChoice::Always => clap::ColorChoice::Always,
            ColorChoice::Never => clap::ColorChoice::Never,
        }
    }
}

/// What the user asked of the output, handed to every command.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminal {
    /// Print errors and warnings only.
    pub quiet: bool,
    /// Also say what was left out and why.
    pub verbose: bool,
    pub colour: bool,
}

const RED_BOLD: &str = "\x1b[1;31m";
const YELLOW_BOLD: &str = "\x1b[1;33m";
const CYAN_BOLD: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

impl Terminal {
    /// Prints a report line on standard output, unless quiet.
    pub fn say(&self, text: impl std::fmt::Display) {
        if !self.quiet {
            println!("{text}");
        }
    }

    /// Prints problems on standard error, their labels coloured when asked.
    pub fn problems(&self, text: impl std::fmt::Display) {
        eprintln!("{}", self.paint(&text.to_string()));
    }

    /// `text` with the `error:`, `warning:` and `note:` starting its lines coloured.
    pub fn paint(&self, text: &str) -> String {
        if !self.colour {
            return text.to_owned();
        }
        let mut painted = String::with_capacity(text.len() + 16);
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                painted.push('\n');
            }
            let labelled = [("error:", RED_BOLD), ("warning:", YELLOW_BOLD), ("note:", CYAN_BOLD)]
                .into_iter()
                .find_map(|(label, style)| line.strip_prefix(label).map(|rest| (label, style, rest)));
            match labelled {
                Some((label, style, rest)) => painted.push_str(&format!("{style}{label}{RESET}{rest}")),
                None => painted.push_str(line),
            }
        }
        painted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_only_the_labels_and_only_when_asked() {
        let text = "error: a.md:1:1: bad\n  considered: error: not a label\nwarning: b.md:2:1: odd";
        assert_eq!(Terminal::default().paint(text), text);
        let painted = Terminal { colour: true, ..Terminal::default() }.paint(text);
        assert_eq!(
            painted,
            "\x1b[1;31merror:\x1b[0m a.md:1:1: bad\n  considered: error: not a label\n\x1b[1;33mwarning:\x1b[0m b.md:2:1: odd"
        );
    }
}
