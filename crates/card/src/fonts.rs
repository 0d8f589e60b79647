//! The fonts cards are drawn with, built into the binary so that every machine draws the
//! same pixels: Liberation Serif Bold for headlines, Liberation Sans for the rest (SIL Open
//! Font License 1.1, `fonts/OFL.txt`). Both cover Latin (French and the other western
//! European languages, typographic quotes, no-break spaces), Greek and Cyrillic.

use ab_glyph::FontRef;

const HEADLINE: &[u8] = include_bytes!("fonts/LiberationSerif-Bold.ttf");
const LABEL: &[u8] = include_bytes!("fonts/LiberationSans-Regular.ttf");

/// The card fonts, parsed (a few microseconds: tables are read when used).
pub(crate) struct Fonts {
    pub headline: FontRef<'static>,
    pub label: FontRef<'static>,
}

impl Fonts {
    pub(crate) fn load() -> Fonts {
        Fonts {
            headline: FontRef::try_from_slice(HEADLINE).expect("the built-in headline font parses"),
            label: FontRef::try_from_slice(LABEL).expect("the built-in label font parses"),
        }
    }
}
