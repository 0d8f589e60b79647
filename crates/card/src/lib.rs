//! Share cards: the 1200×630 PNG a link preview shows for an article (its topic, headline,
//! the site's name and the date) or for a site (its name and description). Pure: texts
//! in, bytes out. Its bytes depend on nothing but a `Card`'s fields and `DRAWING_VERSION`,
//! which `Card::key` hashes, so that a caller can keep cards by key.

mod canvas;
mod fonts;
mod layout;
mod text;

use std::hash::Hash;

use canvas::{Canvas, Ink, ascent, measure};
use fonts::Fonts;

/// The size of a card: what Open Graph and Twitter's large cards show without cropping.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Changed whenever the same texts and colours would give other bytes (layout, fonts, the
/// encoder's settings, a new version of the png crate's compressor), so that a cache never
/// hands out a card drawn the old way.
const DRAWING_VERSION: u32 = 2;

/// Space left and right of the texts.
const MARGIN: f32 = 80.0;
/// The band of accent colour across the top.
const BAND: u32 = 14;
/// The kicker (the topic), in capitals over the headline.
const KICKER_BASELINE: f32 = 122.0;
const KICKER_SIZE: f32 = 28.0;
const KICKER_TRACKING: f32 = 2.0;
/// The headline's block: from under the kicker to above the footer's rule.
const HEADLINE_TOP: f32 = 158.0;
const HEADLINE_BOTTOM: f32 = 500.0;
/// Sizes a headline is tried at, largest first: the first at which it fits whole is taken,
/// else the last, with an ellipsis. Lines are `LINE_HEIGHT` times the size apart.
const HEADLINE_SIZES: [f32; 4] = [76.0, 68.0, 60.0, 54.0];
const LINE_HEIGHT: f32 = 1.16;
/// At most this many lines of headline, even where more would fit.
const HEADLINE_LINES: usize = 5;
/// The site's card: its name on at most two lines, its description under it.
const SITE_NAME_LINES: usize = 2;
const STANDFIRST_SIZE: f32 = 32.0;
const STANDFIRST_GAP: f32 = 26.0;
/// The rule over the footer, and the footer's line (the site's name, the date).
const RULE_TOP: u32 = 528;
const FOOTER_BASELINE: f32 = 584.0;
const FOOTER_SIZE: f32 = 28.0;
/// Coverage of the rule's muted ink, of `canvas::LEVELS`: a light line.
const RULE_LEVEL: u8 = 2;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Reads `#rrggbb` or `#rgb`.
    pub fn parse(written: &str) -> Result<Rgb, String> {
        let hex = written.trim().strip_prefix('#').unwrap_or("");
        let digits: Vec<u8> =
            hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>().unwrap_or_default();
        match digits[..] {
            [r, g, b] => Ok(Rgb([r * 17, g * 17, b * 17])),
            [r1, r2, g1, g2, b1, b2] => Ok(Rgb([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2])),
            _ => Err(format!("`{written}` is not a colour: write it as `#rrggbb` (`#a3161f`) or `#rgb`")),
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

/// A card's colours (`share_cards:` in site.yaml); the muted colour of the date, the
/// description and the rule is the text colour over the background, lightened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colours {
    pub background: Rgb,
    pub text: Rgb,
    pub accent: Rgb,
}

impl Default for Colours {
    /// The built-in stylesheet's: its paper, ink and accent red.
    fn default() -> Colours {
        Colours { background: Rgb([0xfb, 0xf9, 0xf5]), text: Rgb([0x1b, 0x1b, 0x1b]), accent: Rgb([0xa3, 0x16, 0x1f]) }
    }
}

/// Everything a card shows; each text is drawn only if the fonts can draw it
/// (`Card::can_draw`), and left out otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Card {
    /// Over the headline, in capitals and the accent colour: an article's topic.
    pub kicker: String,
    /// An article's title, or the site's name.
    pub headline: String,
    /// Under the headline: the site's description on the site's card.
    pub standfirst: String,
    /// Bottom left: the site's name, or its address on the site's card.
    pub footer: String,
    /// Bottom right, muted: an article's date, in its language.
    pub date: String,
    pub colours: Colours,
}

/// A card's key: a hash of everything its bytes depend on, the same on every machine and
/// in every build (SipHash-1-3 with fixed keys, 128 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CardKey(pub u128);

impl CardKey {
    /// 32 hexadecimal digits, for a file name.
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }
}

impl Card {
    /// Whether the headline fonts can draw `headline` (every character has a glyph, and
    /// none is of a script written right to left). An article whose title they cannot draw
    /// is shared with the site's card instead.
    pub fn can_draw(headline: &str) -> bool {
        text::drawable(&Fonts::load().headline, &text::clean(headline))
    }

    pub fn key(&self) -> CardKey {
        let mut hasher = siphasher::sip128::SipHasher13::new();
        (DRAWING_VERSION, WIDTH, HEIGHT).hash(&mut hasher);
        self.hash(&mut hasher);
        CardKey(siphasher::sip128::Hasher128::finish128(&hasher).as_u128())
    }

    /// The card as a PNG of `WIDTH`×`HEIGHT`.
    pub fn draw(&self) -> Vec<u8> {
        let fonts = Fonts::load();
        let colours = self.colours;
        let muted = Rgb(muted(colours.text, colours.background));
        let mut canvas = Canvas::new(WIDTH, HEIGHT, colours.background, [colours.text, colours.accent, muted]);
        canvas.fill(0, 0, WIDTH, BAND, Ink::Accent, canvas::LEVELS);
        let line_width = WIDTH as f32 - 2.0 * MARGIN;
        let drawable = |font, text: &str| Some(text::clean(text)).filter(|t| !t.is_empty() && text::drawable(font, t));

        if let Some(kicker) = drawable(&fonts.label, &self.kicker) {
            let kicker = kicker.to_uppercase();
            let width = |t: &str| measure(&fonts.label, KICKER_SIZE, KICKER_TRACKING, t);
            let line = layout::wrap(&kicker, &width, line_width, 1).0.concat();
            canvas.text(&fonts.label, KICKER_SIZE, KICKER_TRACKING, (MARGIN, KICKER_BASELINE), &line, Ink::Accent);
        }

        let mut bottom = HEADLINE_TOP;
        if let Some(headline) = drawable(&fonts.headline, &self.headline) {
            let max_lines = if self.standfirst.is_empty() { HEADLINE_LINES } else { SITE_NAME_LINES };
            let (size, lines) = fit_headline(&fonts, &headline, line_width, max_lines);
            let mut baseline = HEADLINE_TOP + ascent(&fonts.headline, size);
            for line in &lines {
                canvas.text(&fonts.headline, size, 0.0, (MARGIN, baseline), line, Ink::Text);
                bottom = baseline;
                baseline += size * LINE_HEIGHT;
            }
        }

        if let Some(standfirst) = drawable(&fonts.label, &self.standfirst) {
            let line_height = STANDFIRST_SIZE * 1.35;
            let mut baseline = bottom + STANDFIRST_GAP + line_height;
            let lines = ((HEADLINE_BOTTOM - baseline) / line_height).floor() as usize + 1;
            let width = |t: &str| measure(&fonts.label, STANDFIRST_SIZE, 0.0, t);
            for line in layout::wrap(&standfirst, &width, line_width, lines).0 {
                canvas.text(&fonts.label, STANDFIRST_SIZE, 0.0, (MARGIN, baseline), &line, Ink::Muted);
                baseline += line_height;
            }
        }

        canvas.fill(MARGIN as u32, RULE_TOP, WIDTH - 2 * MARGIN as u32, 2, Ink::Muted, RULE_LEVEL);
        let width = |t: &str| measure(&fonts.label, FOOTER_SIZE, 0.0, t);
        let date =
            drawable(&fonts.label, &self.date).map(|date| layout::wrap(&date, &width, line_width / 2.0, 1).0.concat());
        let date_width = date.as_deref().map_or(0.0, width);
        if let Some(date) = &date {
            let x = WIDTH as f32 - MARGIN - date_width;
            canvas.text(&fonts.label, FOOTER_SIZE, 0.0, (x, FOOTER_BASELINE), date, Ink::Muted);
        }
        if let Some(footer) = drawable(&fonts.label, &self.footer) {
            let room = line_width - date_width - if date.is_some() { 40.0 } else { 0.0 };
            let line = layout::wrap(&footer, &width, room, 1).0.concat();
            canvas.text(&fonts.label, FOOTER_SIZE, 0.0, (MARGIN, FOOTER_BASELINE), &line, Ink::Text);
        }
        canvas.png()
    }
}

/// The headline's size and lines: the largest size at which it fits whole in the block,
/// else the smallest, cut with an ellipsis.
fn fit_headline(fonts: &Fonts, headline: &str, line_width: f32, max_lines: usize) -> (f32, Vec<String>) {
    let mut fitted = (HEADLINE_SIZES[0], Vec::new());
    for size in HEADLINE_SIZES {
        let block = HEADLINE_BOTTOM - HEADLINE_TOP - ascent(&fonts.headline, size);
        let lines = ((block / (size * LINE_HEIGHT)).floor() as usize + 1).min(max_lines);
        let width = |t: &str| measure(&fonts.headline, size, 0.0, t);
        let (wrapped, cut) = layout::wrap(headline, &width, line_width, lines);
        fitted = (size, wrapped);
        if !cut {
            break;
        }
    }
    fitted
}

/// The text colour two thirds over the background: quieter than the text, still legible.
fn muted(text: Rgb, background: Rgb) -> [u8; 3] {
    let mix = |a: u8, b: u8| ((2 * u16::from(a) + u16::from(b)) / 3) as u8;
    let (a, b) = (text, background);
    [mix(a.0[0], b.0[0]), mix(a.0[1], b.0[1]), mix(a.0[2], b.0[2])]
}

#[cfg(test)]
mod tests;
