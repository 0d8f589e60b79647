//! Why a page was refused: what is missing, the lines that were considered for it and
//! why each was turned down, and the flag that supplies it by hand.

use std::fmt;

use crate::{Dropped, shorten};

/// A line or element considered for the headline or the date, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Considered {
    /// `line 3`, `<h1>`, `og:title`.
    pub location: String,
    pub text: String,
    /// "chosen", or why it was rejected ("a date line", "a byline").
    pub verdict: String,
}

impl Considered {
    pub fn new(location: impl Into<String>, text: &str, verdict: impl Into<String>) -> Considered {
        Considered { location: location.into(), text: text.to_owned(), verdict: verdict.into() }
    }
}

/// What a refused page lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Title,
    Date,
    Body,
}

/// A page import cannot turn into an article by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub missing: Missing,
    /// The headline, when the page had one.
    pub title: Option<String>,
    pub considered: Vec<Considered>,
    /// What was left out of the page, for `--explain`.
    pub dropped: Vec<Dropped>,
}

/// Candidates listed in a refusal; the rest are counted.
const LISTED_CANDIDATES: usize = 12;

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let about = self.title.as_ref().map(|t| format!(" for \"{}\"", shorten(t, 80))).unwrap_or_default();
        match self.missing {
            Missing::Title => write!(f, "no headline found: no line of the page reads as a title")?,
            Missing::Date => {
                write!(f, "no publication date found{about}: no dateline, <time> or published-time metadata")?
            }
            Missing::Body => {
                return write!(
                    f,
                    "no body text found{about}: the page has a headline but no paragraph of prose \
                     (only captions, bylines or page furniture); import the full page, not a teaser"
                );
            }
        }
        if self.considered.is_empty() {
            write!(f, "\n  no line was a candidate")?;
        } else {
            write!(f, "\n  considered:")?;
            for candidate in self.considered.iter().take(LISTED_CANDIDATES) {
                write!(f, "\n    {}: \"{}\": {}", candidate.location, shorten(&candidate.text, 70), candidate.verdict)?;
            }
            if self.considered.len() > LISTED_CANDIDATES {
                write!(f, "\n    … and {} more", self.considered.len() - LISTED_CANDIDATES)?;
            }
        }
        match self.missing {
            Missing::Title => write!(f, "\n  pass the headline with --title \"THE HEADLINE\""),
            Missing::Date => {
                write!(f, "\n  pass the date with --date YYYY-MM-DD (or --date 2025-11-20T09:30:00+01:00)")
            }
            Missing::Body => Ok(()),
        }
    }
}
