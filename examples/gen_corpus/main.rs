//! The benchmark corpus: N tech-geopolitics articles (~700 words each) as a briefing
//! site, or the same articles as a Hugo site.
//!
//!     cargo run --release --example gen_corpus -- --articles 10000 --out DIR [--flavor briefing|hugo] [--seed S] [--french PERCENT]
//!
//! It follows the recipe of a common static-site-generator benchmark corpus:
//! 12 topics (1, sometimes 2 per article), 200 tags (2-5, Zipf), 80 organizations
//! (1-4), 30 regions (1-3), dates 2018-01 to 2026-10 in several UTC offsets (10% bare
//! dates), `updated` on 20%, `source` on 60%, `lang` fr/de on 4%, an explicit `slug` on
//! 25%; bodies with headings, a list, links, emphasis, a quote, a table in every 4th
//! article and a code block in every 10th. The draws come from this crate's own
//! generator, so the articles are its own while the shape is the
//! same. Article i depends only on (seed, i): the corpus of 1,000 is the first 1,000
//! articles of the corpus of 10,000, in both flavors.
//!
//! The site root also gets `corpus-manifest.json`: counts of used terms, the expected
//! number of HTML pages and three sample articles for spot checks (`benches/check_site.py`).
//! `--fingerprint` prints the hash that manifest would carry, so scripts can reuse a corpus.

mod article;
mod rng;
mod vocab;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, ValueEnum};
use serde::Serialize;

use article::{Article, Recipe, lower_first, slugify, word_count};
use rng::{Rng, fnv1a};
use vocab::{TOPIC_INTROS, TOPICS};

#[derive(Debug, Parser)]
#[command(about = "Generate the benchmark corpus as a briefing or a Hugo site")]
struct Args {
    /// Number of articles
    #[arg(long)]
    articles: u64,
    /// Site root to create (must not exist or be empty)
    #[arg(long, required_unless_present = "fingerprint")]
    out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Flavor::Briefing)]
    flavor: Flavor,
    #[arg(long, default_value_t = 20260725)]
    seed: u64,
    /// Print the fingerprint a fresh corpus-manifest.json would carry, and exit
    #[arg(long)]
    fingerprint: bool,
    /// Share of articles (0-100) that also get a French version (`<name>.fr.md`, briefing
    /// flavor); above 0 the site lists English and French, to show a second language's cost
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=100))]
    french: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
enum Flavor {
    Briefing,
    Hugo,
}

const SITE_TITLE: &str = "Tech & Geopolitics Briefing";
const BASE_URL: &str = "https://example.org/briefing";
const SITE_DESCRIPTION: &str =
    "Daily briefings on technology, trade and power: chips, AI, cables, minerals and the rules around them.";
const STYLE_CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem}
nav a{margin-right:1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}
blockquote{border-left:3px solid #999;margin-left:0;padding-left:1rem;color:#444}
";

/// Hugo's config and templates, the same pages as briefing's built-in ones build.
const HUGO_FILES: &[(&str, &str)] = &[
    ("hugo.toml", include_str!("../../benches/hugo/hugo.toml")),
    ("layouts/baseof.html", include_str!("../../benches/hugo/layouts/baseof.html")),
    ("layouts/home.html", include_str!("../../benches/hugo/layouts/home.html")),
    ("layouts/home.atom.xml", include_str!("../../benches/hugo/layouts/home.atom.xml")),
    ("layouts/page.html", include_str!("../../benches/hugo/layouts/page.html")),
    ("layouts/taxonomy.html", include_str!("../../benches/hugo/layouts/taxonomy.html")),
    ("layouts/term.html", include_str!("../../benches/hugo/layouts/term.html")),
    ("layouts/topics/term.html", include_str!("../../benches/hugo/layouts/topics/term.html")),
    ("layouts/404.html", include_str!("../../benches/hugo/layouts/404.html")),
    ("layouts/_partials/item.html", include_str!("../../benches/hugo/layouts/_partials/item.html")),
];

/// This generator's own source: a change to the recipe changes the fingerprint.
const RECIPE_SOURCES: &[&str] =
    &[include_str!("main.rs"), include_str!("article.rs"), include_str!("rng.rs"), include_str!("vocab.rs")];

fn fingerprint(n: u64, flavor: Flavor, seed: u64) -> String {
    let mut text = format!("{n} {flavor:?} {seed}\n");
    for source in RECIPE_SOURCES {
        text.push_str(source);
    }
    if flavor == Flavor::Hugo {
        for (name, body) in HUGO_FILES {
            text.push_str(name);
            text.push_str(body);
        }
    }
    format!("{:016x}", fnv1a(text.as_bytes()))
}

#[derive(Serialize)]
struct Sample {
    index: u64,
    slug: String,
    title: String,
    phrase: Option<String>,
    topic: String,
    tag: String,
}

#[derive(Serialize)]
struct Terms {
    tags: usize,
    organizations: usize,
    regions: usize,
}

#[derive(Serialize)]
struct Breakdown {
    articles: u64,
    home: usize,
    topics_index: usize,
    topic_pages: usize,
    taxonomy_indexes: usize,
    term_pages: usize,
    #[serde(rename = "404")]
    not_found: usize,
    /// briefing only: `/archive/` and `/search/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    archive_and_search: Option<usize>,
}

#[derive(Serialize)]
struct Manifest {
    generator: &'static str,
    flavor: Flavor,
    seed: u64,
    fingerprint: String,
    articles: u64,
    topics: usize,
    terms: Terms,
    avg_body_words: f64,
    expected_html_pages: u64,
    expected_html_breakdown: Breakdown,
    expected_other: Vec<&'static str>,
    samples: Vec<Sample>,
}

/// A double-quoted string, valid in YAML, TOML and JSON.
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn yaml_scalar(s: &str) -> String {
    let plain = s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || " ._-".contains(c));
    let reserved =
        ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"].contains(&s.to_lowercase().as_str());
    let numeric = s.chars().all(|c| c.is_ascii_digit() || ".+-".contains(c));
    if plain && !reserved && !numeric { s.to_owned() } else { q(s) }
}

fn yaml_list(items: &[&str]) -> String {
    format!("[{}]", items.iter().map(|s| yaml_scalar(s)).collect::<Vec<_>>().join(", "))
}

fn rfc3339(date: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let s = date.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    match s.strip_suffix("+00:00") {
        Some(head) => format!("{head}Z"),
        None => s,
    }
}

fn date_str(a: &Article) -> String {
    if a.bare_date { a.date.format("%Y-%m-%d").to_string() } else { rfc3339(&a.date) }
}

fn front_matter(a: &Article, flavor: Flavor) -> String {
    let mut lines = vec!["---".to_owned(), format!("title: {}", q(&a.title)), format!("date: {}", date_str(a))];
    let updated_key = if flavor == Flavor::Hugo { "lastmod" } else { "updated" };
    if let Some(updated) = a.updated {
        lines.push(format!("{updated_key}: {updated}"));
    }
    lines.push(format!("summary: {}", q(&a.summary)));
    if flavor == Flavor::Hugo {
        lines.push(format!("slug: {}", a.slug));
    }
    for (key, items) in
        [("topics", &a.topics), ("tags", &a.tags), ("organizations", &a.organizations), ("regions", &a.regions)]
    {
        lines.push(format!("{key}: {}", yaml_list(items)));
    }
    let source = |indent: &str| match &a.source {
        Some(s) => vec![
            format!("{indent}source:"),
            format!("{indent}  name: {}", yaml_scalar(s.name)),
            format!("{indent}  url: {}", q(&s.url)),
            format!("{indent}  published: {}", rfc3339(&a.date)),
        ],
        None => Vec::new(),
    };
    match flavor {
        Flavor::Briefing => {
            lines.extend(source(""));
            if let Some(lang) = a.lang {
                lines.push(format!("lang: {lang}"));
            }
            if a.explicit_slug {
                lines.push(format!("slug: {}", a.slug));
            }
            if a.draft_false {
                lines.push("draft: false".to_owned());
            }
        }
        Flavor::Hugo => {
            if a.source.is_some() || a.lang.is_some() {
                lines.push("params:".to_owned());
                if let Some(lang) = a.lang {
                    lines.push(format!("  lang: {lang}"));
                }
                lines.extend(source("  "));
            }
        }
    }
    lines.push("---".to_owned());
    lines.join("\n") + "\n\n"
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
    }
    fs::write(path, text).with_context(|| format!("failed to write `{}`", path.display()))
}

/// Whether article `i` gets a French version, for `french` percent of the articles; never
/// one already in another language (two French versions of one story are an error).
fn translated(i: u64, a: &Article, french: u64, seed: u64) -> bool {
    a.lang.is_none() && fnv1a(format!("french {seed} {i}").as_bytes()) % 100 < french
}

/// The French version of an article: the same story under a French title and slug.
fn french_version(a: &Article) -> String {
    let front = front_matter(a, Flavor::Briefing);
    let title = format!("Version française : {}", a.title);
    let front = front.replacen(&format!("title: {}", q(&a.title)), &format!("title: {}", q(&title)), 1);
    let slug = format!("fr-{}", a.slug);
    let front = match a.explicit_slug {
        true => front.replacen(&format!("slug: {}", a.slug), &format!("slug: {slug}"), 1),
        false => front.replacen("\n---\n", &format!("\nslug: {slug}\n---\n"), 1),
    };
    front + &a.body
}

fn generate(n: u64, out: &Path, flavor: Flavor, seed: u64, french: u64) -> Result<Manifest> {
    let french = if flavor == Flavor::Briefing { french } else { 0 };
    if out.exists() && fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(true) {
        bail!("`{}` exists and is not empty", out.display());
    }
    let recipe = Recipe::new(seed);
    let mut used = HashSet::new();
    let mut used_terms: [BTreeSet<String>; 4] = Default::default();
    let samples_at: BTreeSet<u64> = [0, n / 2, n - 1].into();
    let mut samples = Vec::new();
    let mut words = 0;
    let mut translations = 0;
    for i in 0..n {
        let a = recipe.article(i, &mut used);
        words += word_count(&a.body);
        for (set, items) in used_terms.iter_mut().zip([&a.tags, &a.organizations, &a.regions, &a.topics]) {
            set.extend(items.iter().map(|s| slugify(s)));
        }
        let path = out.join("content/articles").join(a.date.format("%Y").to_string()).join(format!("{}.md", a.stem));
        write(&path, &(front_matter(&a, flavor) + &a.body))?;
        if translated(i, &a, french, seed) {
            write(&path.with_file_name(format!("{}.fr.md", a.stem)), &french_version(&a))?;
            translations += 1;
        }
        if samples_at.contains(&i) {
            samples.push(Sample {
                index: i,
                slug: a.slug.clone(),
                title: a.title.clone(),
                phrase: a.phrase.clone(),
                topic: a.topics[0].to_owned(),
                tag: a.tags[0].to_owned(),
            });
        }
    }

    for (k, (slug, title, summary)) in TOPICS.iter().enumerate() {
        let intro = format!(
            "{} Entries are listed newest first; each links to its *organizations*, *regions* and *tags*.\n",
            Rng::from_str(&format!("topic-{slug}")).choice(TOPIC_INTROS).replace("{t}", &lower_first(title))
        );
        let text = format!("---\ntitle: {}\nsummary: {}\nweight: {}\n---\n{intro}", q(title), q(summary), 10 * (k + 1));
        let path = match flavor {
            Flavor::Briefing => out.join(format!("content/topics/{slug}.md")),
            Flavor::Hugo => out.join(format!("content/topics/{slug}/_index.md")),
        };
        write(&path, &text)?;
    }
    write(&out.join("static/style.css"), STYLE_CSS)?;
    match flavor {
        Flavor::Briefing => write(
            &out.join("site.yaml"),
            &format!(
                "title: {}\nbase_url: {}\nlanguage: en\ndescription: {}\ntaxonomies: [tags, organizations, regions]\n{}",
                q(SITE_TITLE),
                q(BASE_URL),
                q(SITE_DESCRIPTION),
                if french > 0 {
                    "languages:\n  - code: en\n  - code: fr\n    title: \"Briefing tech et géopolitique\"\n"
                } else {
                    ""
                }
            ),
        )?,
        Flavor::Hugo => {
            for (name, text) in HUGO_FILES {
                write(&out.join(name), text)?;
            }
        }
    }

    let [tags, organizations, regions, topics] = used_terms.map(|set| set.len());
    let term_pages = tags + organizations + regions;
    let archive_and_search = (flavor == Flavor::Briefing).then_some(2);
    let html = n + translations + (1 + 1 + topics + 3 + term_pages + 1 + archive_and_search.unwrap_or(0)) as u64;
    let mut expected_other = vec!["feed.xml", "sitemap.xml", "robots.txt", "style.css"];
    if flavor == Flavor::Briefing {
        expected_other.extend(["search-index.json", "search.js"]);
    }
    let manifest = Manifest {
        generator: "briefing examples/gen_corpus",
        flavor,
        seed,
        fingerprint: match french {
            0 => fingerprint(n, flavor, seed),
            _ => format!("{}-fr{french}", fingerprint(n, flavor, seed)),
        },
        articles: n,
        topics,
        terms: Terms { tags, organizations, regions },
        avg_body_words: (words as f64 / n as f64 * 10.0).round() / 10.0,
        expected_html_pages: html,
        expected_html_breakdown: Breakdown {
            articles: n + translations,
            home: 1,
            topics_index: 1,
            topic_pages: topics,
            taxonomy_indexes: 3,
            term_pages,
            not_found: 1,
            archive_and_search,
        },
        expected_other,
        samples,
    };
    let json = serde_json::to_string_pretty(&manifest)? + "\n";
    write(&out.join("corpus-manifest.json"), &json)?;
    Ok(manifest)
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.articles < 1 {
        bail!("--articles must be at least 1");
    }
    if args.fingerprint {
        match args.french {
            0 => println!("{}", fingerprint(args.articles, args.flavor, args.seed)),
            french => println!("{}-fr{french}", fingerprint(args.articles, args.flavor, args.seed)),
        }
        return Ok(());
    }
    let out = args.out.expect("clap requires --out");
    let m = generate(args.articles, &out, args.flavor, args.seed, args.french)?;
    println!(
        "{:?}: {} articles, {} topics, {}/{}/{} tags/organizations/regions, {:.0} words/article, {} HTML pages expected -> {}",
        m.flavor,
        m.articles,
        m.topics,
        m.terms.tags,
        m.terms.organizations,
        m.terms.regions,
        m.avg_body_words,
        m.expected_html_pages,
        out.display()
    );
    Ok(())
}
