//! A few hundred generated hostile pages through import's writing path, the oracle of the
//! `import_write` fuzz target (fuzz/fuzz_targets/import_write_common.rs) run on every
//! `cargo test`, without cargo-fuzz: each page is refused, or what import would write
//! builds and renders.

use crate::fuzz_regressions::import_write_common::{import_builds, site};

/// A small deterministic generator (xorshift64), so that every run tries the same pages.
struct Generator(u64);

impl Generator {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// What a hostile page puts where import reads a field: control characters raw and as
/// references, YAML and Markdown syntax, front-matter fences, odd Unicode, markup.
const HOSTILE: &[&str] = &[
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{b}\u{c}",
    "\u{7f}",
    "\u{fffe}",
    "\u{feff}",
    "&#7;",
    "&#x1B;",
    "&#0;",
    "\r",
    "\r\n",
    "\t",
    "\u{2028}",
    "\u{202e}",
    ": ",
    "---",
    "\n---\n",
    "...",
    "# ",
    "- ",
    "* ",
    "'",
    "\"",
    "{a: b}",
    "[x]",
    "!!binary",
    "&anchor",
    "*alias",
    "%YAML",
    "@",
    "`",
    "|",
    ">",
    "\\",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "ß",
    "ﬁ",
    "🙂",
    "e\u{301}",
    "—",
    "«",
    "»",
];
const LANGS: &[&str] = &["en", "fr", "FR", "fr-FR", "fr_FR", "1$", "", "x", "de-AT", "en-US", "zz-Latn", "e n"];
const DATES: &[&str] = &[
    "2025-07-25T08:44:00+02:00",
    "1850-06-01T09:00:00Z",
    "0001-01-01",
    "9999-12-31T23:59:59Z",
    "2025-02-30",
    "2025-07-25",
    "1899-12-31T23:00:00-02:00",
    "2999-12-31T23:30:00-01:00",
    "yesterday",
];
const URLS: &[&str] = &[
    "https://news.example/a",
    "HTTP://News.Example/B",
    "http://editor:hunter2@news.example/c",
    "ftp://x/y",
    "javascript:alert(1)",
    "https://news.example/a b",
    "//news.example/d",
    "https://",
];
const OPTIONS: &[&str] = &[
    "",
    "%%lang=fr_FR\n",
    "%%lang=FR\n",
    "%%url=HTTP://Wire.Example/x\n",
    "%%url=http://u:p@wire.example/y\n",
    "%%date=2025-01-01\n",
    "%%title=Chips\u{7} again\n",
    "%%source=Wire\u{1b} Example\n",
];

/// A page about chips (so a topic is suggested), with hostile text in its fields.
fn hostile_page(generator: &mut Generator) -> String {
    let mut hostile = |generator: &mut Generator| -> String {
        (0..generator.below(4)).map(|_| generator.pick(HOSTILE)).collect::<Vec<_>>().concat()
    };
    let title = format!("Chips {} export controls {}", hostile(generator), hostile(generator));
    let paragraph = |generator: &mut Generator, hostile: &mut dyn FnMut(&mut Generator) -> String| {
        format!(
            "The chips export controls {} tightened again on Friday, {} the ministry said, and Northwind said it would comply {}.",
            hostile(generator),
            hostile(generator),
            hostile(generator)
        )
    };
    let first = paragraph(generator, &mut hostile);
    let second = paragraph(generator, &mut hostile);
    let options = generator.pick(OPTIONS);
    let date = generator.pick(DATES);
    if generator.below(2) == 0 {
        let lang = generator.pick(LANGS);
        let url = generator.pick(URLS);
        format!(
            "{options}<!DOCTYPE html><html lang=\"{lang}\"><head><title>{title}</title>\
             <meta property=\"article:published_time\" content=\"{date}\"><link rel=\"canonical\" href=\"{url}\">\
             <meta property=\"og:site_name\" content=\"{}\"></head><body><article><h1>{title}</h1><p>{first}</p><p>{second}</p></article></body></html>",
            hostile(generator)
        )
    } else {
        format!("{options}{title}\n{date}\n\n{first}\n\n{second}\n")
    }
}

/// A few hundred generated hostile pages: each is refused, or what import would write
/// builds and renders in a site in two languages (the oracle of the `import_write`
/// fuzz target, run here without cargo-fuzz).
#[test]
fn generated_hostile_pages_are_refused_or_build() {
    let site = site();
    let mut generator = Generator(0x5eed_1234_abcd_0001);
    let pages = 300;
    let written = (0..pages).filter(|_| {
        let page = hostile_page(&mut generator);
        import_builds(&site, &page)
    });
    let written = written.count();
    // Most pages are good enough to import: the oracle is not checking refusals only.
    assert!(written > pages / 4, "only {written} of {pages} pages imported");
}
