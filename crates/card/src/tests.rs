use super::*;

fn card(headline: &str) -> Card {
    Card {
        kicker: "Export controls".to_owned(),
        headline: headline.to_owned(),
        standfirst: String::new(),
        footer: "Tech & Geopolitics Briefing".to_owned(),
        date: "7 December 2026".to_owned(),
        colours: Colours::default(),
    }
}

fn size_of(png: &[u8]) -> (usize, usize) {
    let size = imagesize::blob_size(png).expect("a PNG");
    (size.width, size.height)
}

#[test]
fn a_card_is_a_png_of_the_card_size_and_the_same_inputs_give_the_same_bytes() {
    let png = card("Chip export controls tighten again").draw();
    assert_eq!(size_of(&png), (WIDTH as usize, HEIGHT as usize));
    assert_eq!(png, card("Chip export controls tighten again").draw());
    assert!(png.len() < 100_000, "{} bytes", png.len());
}

#[test]
fn the_key_changes_with_every_input_and_only_with_them() {
    let base = card("A");
    assert_eq!(base.key(), card("A").key());
    let others = [
        Card { headline: "B".into(), ..base.clone() },
        Card { kicker: "Chips".into(), ..base.clone() },
        Card { standfirst: "More".into(), ..base.clone() },
        Card { footer: "Other site".into(), ..base.clone() },
        Card { date: "7 décembre 2026".into(), ..base.clone() },
        Card { colours: Colours { accent: Rgb([0, 0, 0]), ..base.colours }, ..base.clone() },
    ];
    for other in &others {
        assert_ne!(other.key(), base.key(), "{other:?}");
    }
    assert_eq!(base.key().hex().len(), 32);
}

#[test]
fn odd_headlines_draw_without_panicking() {
    for headline in [
        String::new(),
        " \n\t ".to_owned(),
        "\u{202e}reversed\u{202c} and \u{0}nul".to_owned(),
        "word ".repeat(50_000),
        "x".repeat(10_000),
        "Contrôles à l’exportation\u{a0}: «\u{202f}la fin d’une époque\u{202f}»".to_owned(),
        "半导体出口管制".to_owned(),
        "ضوابط التصدير".to_owned(),
        "e\u{301}\u{301}\u{301}\u{301}".to_owned(),
    ] {
        let png = card(&headline).draw();
        assert_eq!(size_of(&png), (WIDTH as usize, HEIGHT as usize), "{headline:?}");
    }
}

#[test]
fn only_headlines_the_fonts_can_draw_left_to_right_get_a_card_of_their_own() {
    assert!(Card::can_draw("Chips: the “export” rules — again"));
    assert!(Card::can_draw("Contrôles à l’exportation\u{a0}: «\u{202f}oui\u{202f}»"));
    assert!(Card::can_draw("Экспортный контроль"));
    assert!(!Card::can_draw("半导体出口管制"));
    assert!(!Card::can_draw("Chips and 半导体"));
    assert!(!Card::can_draw("פיקוח על יצוא"));
}

#[test]
fn a_long_headline_takes_a_smaller_size_then_an_ellipsis() {
    let fonts = Fonts::load();
    let line_width = WIDTH as f32 - 2.0 * MARGIN;
    let (size, lines) = fit_headline(&fonts, "Chips again", line_width, HEADLINE_LINES);
    assert_eq!((size, lines.len()), (HEADLINE_SIZES[0], 1));
    let long = text::clean(&"Export controls on advanced chips and the tools to make them ".repeat(4));
    let (size, lines) = fit_headline(&fonts, &long, line_width, HEADLINE_LINES);
    assert_eq!(size, HEADLINE_SIZES[HEADLINE_SIZES.len() - 1]);
    assert!(lines.last().unwrap().ends_with(layout::ELLIPSIS), "{lines:?}");
    for line in &lines {
        assert!(measure(&fonts.headline, size, 0.0, line) <= line_width, "{line}");
    }
}

#[test]
fn colours_are_read_as_hex() {
    assert_eq!(Rgb::parse("#a3161f"), Ok(Rgb([0xa3, 0x16, 0x1f])));
    assert_eq!(Rgb::parse("#FFF"), Ok(Rgb([255, 255, 255])));
    assert_eq!(Rgb([0xa3, 0x16, 0x1f]).hex(), "#a3161f");
    for bad in ["a3161f", "#a3161", "#ggg", "", "#", "red"] {
        assert!(Rgb::parse(bad).is_err(), "{bad}");
    }
}
