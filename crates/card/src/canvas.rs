//! A card's pixels as indices into a palette of 16 colours: the background, then each ink
//! blended over it in `LEVELS` steps of coverage. A card is text and flat shapes on one
//! background, so its antialiased edges are exactly those blends; a PNG of 4-bit indices is
//! a sixth of the size of an RGB one (about 13 KB), and quicker to compress.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

use super::Rgb;

/// Steps of coverage from background to full ink: with the background, the three inks fill
/// a 16-colour palette, so that a pixel takes 4 bits. Against 16 steps (8-bit indices), text
/// edges at these sizes look the same, and the PNG is a third smaller and twice as quick
/// to compress.
pub(crate) const LEVELS: u8 = 5;

/// The colours a card draws with, each an ink over the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    Text = 0,
    Accent = 1,
    Muted = 2,
}

const INKS: usize = 3;

pub(crate) struct Canvas {
    width: u32,
    height: u32,
    /// Row by row; 0 is the background, `1 + ink * LEVELS + level - 1` an ink at a level.
    pixels: Vec<u8>,
    palette: Vec<u8>,
}

impl Canvas {
    /// A canvas of the background colour, with `inks` in `Ink`'s order.
    pub(crate) fn new(width: u32, height: u32, background: Rgb, inks: [Rgb; INKS]) -> Canvas {
        let mut palette = Vec::with_capacity(3 * (1 + INKS * LEVELS as usize));
        palette.extend(background.0);
        for ink in inks {
            for level in 1..=LEVELS {
                palette.extend(blend(background, ink, level));
            }
        }
        Canvas { width, height, pixels: vec![0; (width * height) as usize], palette }
    }

    /// Fills a rectangle (clipped to the canvas) with `ink` at `level` of `LEVELS`.
    pub(crate) fn fill(&mut self, x: u32, y: u32, width: u32, height: u32, ink: Ink, level: u8) {
        let index = index_of(ink, level.clamp(1, LEVELS));
        for row in y.min(self.height)..(y.saturating_add(height)).min(self.height) {
            let start = (row * self.width + x.min(self.width)) as usize;
            let end = (row * self.width + x.saturating_add(width).min(self.width)) as usize;
            self.pixels[start..end].fill(index);
        }
    }

    /// Covers a pixel with `ink` by `coverage` (0 to 1); a pixel keeps the ink that covers
    /// it most, so that overlapping glyphs do not lighten each other.
    fn cover(&mut self, x: i64, y: i64, ink: Ink, coverage: f32) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let level = (coverage.clamp(0.0, 1.0) * f32::from(LEVELS)).round() as u8;
        if level == 0 {
            return;
        }
        let pixel = &mut self.pixels[(y as u32 * self.width + x as u32) as usize];
        let current = if *pixel == 0 { 0 } else { (*pixel - 1) % LEVELS + 1 };
        if level > current {
            *pixel = index_of(ink, level);
        }
    }

    /// Draws `text` from `x` on the baseline `y` in `font` at `size` pixels, with `tracking`
    /// pixels between letters.
    pub(crate) fn text(
        &mut self,
        font: &FontRef<'_>,
        size: f32,
        tracking: f32,
        (x, y): (f32, f32),
        text: &str,
        ink: Ink,
    ) {
        let scaled = font.as_scaled(PxScale::from(size));
        let mut caret = x;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(previous) = previous {
                caret += scaled.kern(previous, id) + tracking;
            }
            let glyph = id.with_scale_and_position(size, point(caret, y));
            caret += scaled.h_advance(id);
            previous = Some(id);
            let Some(outline) = font.outline_glyph(glyph) else { continue };
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i64, bounds.min.y as i64);
            outline.draw(|gx, gy, coverage| self.cover(left + i64::from(gx), top + i64::from(gy), ink, coverage));
        }
    }

    /// The canvas as a PNG: 4-bit indexed, unfiltered (filters do not help palette images),
    /// with no time or other varying chunk, so the same pixels always give the same bytes.
    pub(crate) fn png(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(16 * 1024);
        let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Four);
        encoder.set_palette(self.palette.as_slice());
        encoder.set_compression(png::Compression::Balanced);
        encoder.set_filter(png::Filter::NoFilter);
        let mut writer = encoder.write_header().expect("writing to memory cannot fail");
        writer.write_image_data(&self.packed()).expect("the pixels match the header");
        writer.finish().expect("writing to memory cannot fail");
        bytes
    }
}

impl Canvas {
    /// The pixels two to a byte, the first in the high half, each row starting on a byte.
    fn packed(&self) -> Vec<u8> {
        let row_bytes = (self.width as usize).div_ceil(2);
        let mut packed = Vec::with_capacity(row_bytes * self.height as usize);
        for row in self.pixels.chunks(self.width as usize) {
            packed.extend(row.chunks(2).map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0)));
        }
        packed
    }
}

/// The width of `text` as `Canvas::text` draws it.
pub(crate) fn measure(font: &FontRef<'_>, size: f32, tracking: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(previous) = previous {
            width += scaled.kern(previous, id) + tracking;
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    width
}

/// How far above its baseline a line of `font` at `size` reaches.
pub(crate) fn ascent(font: &FontRef<'_>, size: f32) -> f32 {
    font.as_scaled(PxScale::from(size)).ascent()
}

fn index_of(ink: Ink, level: u8) -> u8 {
    1 + ink as u8 * LEVELS + level - 1
}

/// `ink` over `background` at `level` of `LEVELS`.
fn blend(background: Rgb, ink: Rgb, level: u8) -> [u8; 3] {
    let mix = |from: u8, to: u8| {
        let (from, to, level, levels) = (u32::from(from), u32::from(to), u32::from(level), u32::from(LEVELS));
        ((from * (levels - level) + to * level + levels / 2) / levels) as u8
    };
    [mix(background.0[0], ink.0[0]), mix(background.0[1], ink.0[1]), mix(background.0[2], ink.0[2])]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_blend_from_the_background_to_the_ink() {
        let (white, black) = (Rgb([255, 255, 255]), Rgb([0, 0, 0]));
        assert_eq!(blend(white, black, LEVELS), [0, 0, 0]);
        assert_eq!(blend(white, black, 2), [153, 153, 153]);
        let canvas = Canvas::new(4, 2, white, [black, Rgb([255, 0, 0]), Rgb([0, 0, 255])]);
        assert_eq!(canvas.palette.len(), 3 * 16, "a palette of 4-bit indices, full");
        assert_eq!(&canvas.palette[3 * usize::from(index_of(Ink::Accent, LEVELS))..][..3], [255, 0, 0]);
    }

    #[test]
    fn shapes_are_clipped_and_the_darker_cover_wins() {
        let mut canvas = Canvas::new(4, 2, Rgb([255; 3]), [Rgb([0; 3]); INKS]);
        canvas.fill(2, 1, 100, 100, Ink::Text, LEVELS);
        assert_eq!(canvas.pixels, [0, 0, 0, 0, 0, 0, LEVELS, LEVELS]);
        assert_eq!(canvas.packed(), [0, 0, 0, LEVELS << 4 | LEVELS], "two pixels a byte");
        canvas.cover(0, 0, Ink::Accent, 0.6);
        canvas.cover(0, 0, Ink::Muted, 0.2);
        canvas.cover(-1, 9, Ink::Muted, 1.0);
        assert_eq!(canvas.pixels[0], index_of(Ink::Accent, 3));
    }
}
