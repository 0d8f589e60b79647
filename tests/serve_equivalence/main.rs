//! Serve is proven equal to build: seeded random sequences of edits go through the dev
//! server's site (`briefing::InProcess`), and after every step each served file
//! is compared, byte for byte, with a fresh full build of the same files (or both fail),
//! with the built-in templates and with an author's templates that reach the site's
//! values in every way Tera allows; after a step that fails, with the last good build.
//!
//! The seeds are split into parts, each its own test, which run in parallel. `cargo test`
//! runs seeds 1 to 6, one template set each; `EQUIVALENCE_SEEDS` chooses others, each with
//! both template sets. The long run, seeds 1 to 1,000:
//!
//!     EQUIVALENCE_SEEDS=1..=1000 cargo test --release --test serve_equivalence seeds
//!
//! (`EQUIVALENCE_SEEDS=42` for one; `EQUIVALENCE_STEPS=200` for other than 60 edits a
//! seed). A failing seed's edits are printed as it fails; the others still run.

use std::collections::BTreeMap;
use std::fs;
use std::ops::RangeInclusive;
use std::path::Path;

use briefing::plan::{self, BuildOptions, Plan};
use briefing::{InProcess, Served};

mod article;
mod fixture;

use fixture::Fixture;

/// xorshift64*: enough randomness for choosing edits, and reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn some<'a>(&mut self, items: &[&'a str]) -> Vec<&'a str> {
        let mut chosen: Vec<&str> = items.iter().copied().filter(|_| self.below(3) == 0).collect();
        chosen.dedup();
        chosen
    }
}

/// Every file of a fresh full build, or `None` when the build fails.
fn fresh_build(options: &BuildOptions) -> Option<BTreeMap<String, Vec<u8>>> {
    let loaded = plan::load(options).ok()?;
    let plan = Plan::new(&loaded.site, &loaded.templates, &loaded.statics);
    if !plan.collisions(&loaded.statics).is_empty() {
        return None;
    }
    let (pages, problems) = plan.render_collected(&plan.routes);
    if !problems.is_empty() {
        return None;
    }
    let mut files: BTreeMap<String, Vec<u8>> = pages.into_iter().map(|page| (page.path, page.bytes)).collect();
    for (name, absolute) in plan::static_list(&loaded.statics) {
        files.insert(name, fs::read(absolute).unwrap());
    }
    Some(files)
}

/// What a browser gets: every file of the served site, each page rendered when it is
/// asked for (as the HTTP handler does); the problem of a page that fails to render.
fn fetch_all(site: &InProcess) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut files = BTreeMap::new();
    for path in site.paths() {
        match site.get(&path) {
            Served::Found(bytes) => drop(files.insert(path, bytes)),
            Served::Broken(problem) => return Err(problem),
            Served::Pending | Served::Missing => return Err(format!("{path} is listed but not served")),
        }
    }
    Ok(files)
}

/// The files of `built` as a browser gets them (a file not served is left out).
fn fetch_as_built(site: &InProcess, built: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for path in built.keys() {
        if let Served::Found(bytes) = site.get(path) {
            files.insert(path.clone(), bytes);
        }
    }
    files
}

/// Applies the changes of `touched`, as the rebuilding thread does; its problems when it
/// failed.
fn apply(site: &InProcess, touched: &[String]) -> Result<(), String> {
    site.apply(touched).map_err(|problems| problems.to_string())
}

/// `apply`, then every file as a browser gets it.
fn apply_and_fetch(site: &InProcess, touched: &[String]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    apply(site, touched)?;
    fetch_all(site)
}

/// The site at `root` served, every file as first served, and the options a fresh build of
/// the same site takes.
fn serving(root: &Path) -> (BuildOptions, InProcess, BTreeMap<String, Vec<u8>>) {
    let options = BuildOptions { root: root.to_owned(), ..BuildOptions::default() };
    let site = InProcess::load(options.clone()).expect("the first build succeeds");
    let served = fetch_all(&site).expect("the first build succeeds");
    (options, site, served)
}

/// Which templates the site of a run has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TemplateSet {
    BuiltIn,
    /// `Fixture::write_custom_templates`.
    Custom,
}

/// Compares what serve serves with a fresh build; `Err` says where they differ.
fn compare(served: &BTreeMap<String, Vec<u8>>, fresh: &BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    let served_paths: Vec<&String> = served.keys().collect();
    let fresh_paths: Vec<&String> = fresh.keys().collect();
    if served_paths != fresh_paths {
        let only_served: Vec<&&String> = served_paths.iter().filter(|p| !fresh.contains_key(**p)).collect();
        let only_built: Vec<&&String> = fresh_paths.iter().filter(|p| !served.contains_key(**p)).collect();
        return Err(format!("different files: only served {only_served:?}, only built {only_built:?}"));
    }
    let stale: Vec<&String> = fresh.iter().filter(|(path, bytes)| served[*path] != **bytes).map(|(p, _)| p).collect();
    let Some(path) = stale.first() else { return Ok(()) };
    let (a, b) = (String::from_utf8_lossy(&served[*path]), String::from_utf8_lossy(&fresh[*path]));
    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
    let (a, b) = (a.lines().nth(line).unwrap_or(""), b.lines().nth(line).unwrap_or(""));
    Err(format!(
        "{} of {} files stale; {path} differs at line {}:\nserved: {a}\nbuilt:  {b}",
        stale.len(),
        fresh.len(),
        line + 1
    ))
}

/// Runs `steps` random edits from `seed`; returns after how many of them the site built
/// with an article in French.
fn run(seed: u64, steps: usize, templates: TemplateSet) -> usize {
    let site = tempfile::TempDir::new().unwrap();
    let mut rng = Rng(0x5eed_0000 + seed);
    let mut fixture = Fixture::new(site.path(), &mut rng);
    if templates == TemplateSet::Custom {
        fixture.write_custom_templates();
    }
    // One seed in four previews drafts and scheduled articles (`serve --drafts --future`).
    let preview = seed.is_multiple_of(4);
    let options = BuildOptions {
        root: site.path().to_owned(),
        base_url: Some("http://127.0.0.1:1111".to_owned()),
        include_drafts: preview,
        include_future: preview,
        ..BuildOptions::default()
    };
    let live = InProcess::load(options.clone())
        .unwrap_or_else(|problems| panic!("seed {seed}: the first build fails:\n{problems}"));
    // The files of the site serve took last, when a build of it succeeds.
    let mut last_good = fresh_build(&options);
    // Which steps look at the served files: pages left unasked for stay unrendered through
    // the steps between, as in a browser that looks at a few pages now and then.
    let mut looks = Rng(0x100c_0000 + seed);
    let mut history: Vec<String> = Vec::new();
    let mut bilingual = 0;
    for step in 0..steps {
        let mut touched = fixture.fix();
        let (what, paths) = fixture.edit(&mut rng, step);
        touched.extend(paths);
        history.push(format!("{step}: {what} {touched:?}"));
        let applied = apply(&live, &touched);
        let fresh = fresh_build(&options);
        let context = || {
            format!(
                "seed {seed} ({templates:?} templates, drafts and future: {preview}), after:\n{}",
                history.join("\n")
            )
        };
        if let (Err(problems), Some(_)) = (&applied, &fresh) {
            panic!("serve fails where build does not:\n{problems}\n{}", context());
        }
        if applied.is_err() {
            // While the change fails, the last good site is served.
            if let Some(last_good) = &last_good
                && let Err(difference) = compare(&fetch_as_built(&live, last_good), last_good)
            {
                panic!("not the last good site: {difference}\n{}", context());
            }
            continue;
        }
        // Serve took the change: its site is the last good one, if it builds.
        last_good = fresh;
        if looks.below(3) == 0 && step + 1 < steps {
            continue;
        }
        let served = match (fetch_all(&live), &last_good) {
            (Err(problems), Some(_)) => panic!("serve fails where build does not:\n{problems}\n{}", context()),
            (Ok(_), None) => panic!("build fails where serve does not; {}", context()),
            (Err(_), None) => continue,
            (Ok(served), Some(_)) => served,
        };
        let fresh = last_good.as_ref().expect("matched above");
        if fresh.keys().any(|path| path.starts_with("fr/articles/")) {
            bilingual += 1;
        }
        if let Err(difference) = compare(&served, fresh) {
            panic!("{difference}\n{}", context());
        }
    }
    bilingual
}

/// The seeds to run and whether each runs with both template sets: seeds 1 to 6, one
/// set each, or those of `EQUIVALENCE_SEEDS` (`11..=500`, `42`), both sets each.
fn seeds() -> (RangeInclusive<u64>, bool) {
    let Ok(wanted) = std::env::var("EQUIVALENCE_SEEDS") else { return (1..=6, false) };
    let bound = |text: &str| text.trim().parse::<u64>().expect("EQUIVALENCE_SEEDS: a number, or FIRST..=LAST");
    let range = match wanted.split_once("..") {
        Some((first, last)) => bound(first)..=bound(last.trim_start_matches('=')),
        None => bound(&wanted)..=bound(&wanted),
    };
    (range, true)
}

/// Edits per seed: 60, or `EQUIVALENCE_STEPS`.
fn steps_per_seed() -> usize {
    std::env::var("EQUIVALENCE_STEPS").map_or(60, |steps| steps.parse().expect("EQUIVALENCE_STEPS: a number"))
}

/// How many tests the seeds are split into.
const PARTS: u64 = 6;

/// Runs part `part` of the seeds (`seeds`, cut into `PARTS` runs of seeds in a row): each
/// seed with the built-in templates (odd seeds) or an author's (even), or with both; all
/// of them, so that one failure does not hide others.
fn run_part(part: u64) {
    let (range, both) = seeds();
    let (first, count) = (*range.start(), range.end() + 1 - range.start());
    let mine = first + count * part / PARTS..first + count * (part + 1) / PARTS;
    let steps_per_seed = steps_per_seed();
    let (mut failed, mut bilingual, mut steps) = (Vec::new(), 0, 0);
    for seed in mine {
        let sets = match (both, seed % 2) {
            (true, _) => &[TemplateSet::BuiltIn, TemplateSet::Custom][..],
            (false, 0) => &[TemplateSet::Custom],
            (false, _) => &[TemplateSet::BuiltIn],
        };
        for &templates in sets {
            match std::panic::catch_unwind(|| run(seed, steps_per_seed, templates)) {
                Ok(built) => (bilingual, steps) = (bilingual + built, steps + steps_per_seed),
                Err(_) => failed.push((seed, templates)),
            }
        }
    }
    assert!(failed.is_empty(), "seeds {failed:?} fail (each one's steps are printed above)");
    // Edits that leave no site, or no site in two languages, would prove nothing (a seed
    // alone may be unlucky: over ten, it is the generator).
    assert!(
        steps < 600 || bilingual * 2 > steps,
        "only {bilingual} of {steps} steps built a site with articles in French"
    );
}

macro_rules! seed_parts {
    ($($name:ident: $part:expr,)*) => {$(
        #[test]
        fn $name() {
            run_part($part);
        }
    )*};
}

seed_parts! {
    seeds_part_1: 0,
    seeds_part_2: 1,
    seeds_part_3: 2,
    seeds_part_4: 3,
    seeds_part_5: 4,
    seeds_part_6: 5,
}

/// With an author's templates that show the article count and the topics on every page,
/// each kind of edit leaves serve equal to a fresh build.
#[test]
fn custom_templates_stay_equal_through_every_kind_of_edit() {
    use fixture::edit;
    let site = tempfile::TempDir::new().unwrap();
    let mut rng = Rng(11);
    let mut fixture = Fixture::new(site.path(), &mut rng);
    fixture.write_custom_templates();
    let (options, live, _) = serving(site.path());
    let kinds = [
        ("draft", edit::DRAFT_TOGGLE),
        ("undraft", edit::DRAFT_TOGGLE),
        ("new article", edit::ADD),
        ("deleted article", edit::DELETE),
        ("topic file", edit::TOPIC),
        ("entities.yaml", edit::ENTITIES),
        ("body", edit::BODY),
        ("title and summary", edit::TITLE_AND_SUMMARY),
    ];
    let mut failures = Vec::new();
    for round in 0..4 {
        for (step, (label, kind)) in kinds.iter().enumerate() {
            let step = round * kinds.len() + step;
            // A draft toggled back: the same article twice in a row.
            let before = rng.0;
            let (what, touched) = fixture.edit_as(&mut rng, step, Some(*kind));
            if *label == "draft" {
                rng.0 = before;
            }
            let served = apply_and_fetch(&live, &touched).unwrap_or_else(|p| panic!("{what}: {p}"));
            let fresh = fresh_build(&options).expect("the fixture's edits keep the site building");
            if let Err(difference) = compare(&served, &fresh) {
                failures.push(format!("{label} ({what} {touched:?}): {difference}"));
            }
        }
    }
    assert!(failures.is_empty(), "serve left pages stale:\n{}", failures.join("\n"));
}

/// A slug taken twice fails until one of the two articles goes; then serve builds again.
#[test]
fn a_duplicate_slug_fails_until_it_is_gone() {
    let site = tempfile::TempDir::new().unwrap();
    let fixture = Fixture::new(site.path(), &mut Rng(7));
    let (options, live, _) = serving(site.path());
    let copy = "content/articles/copy.md".to_owned();
    fixture.write(&copy, "---\ntitle: \"Copy\"\ndate: 2025-01-01\ntopics: [chips]\nslug: report-3\n---\nText.\n");
    let failed = apply_and_fetch(&live, std::slice::from_ref(&copy));
    assert!(failed.is_err_and(|problems| problems.contains("duplicate slug `report-3`")));
    fs::remove_file(site.path().join(&copy)).unwrap();
    let served = apply_and_fetch(&live, std::slice::from_ref(&copy)).expect("serve builds again");
    assert!(served == fresh_build(&options).unwrap(), "serve equals build");
    // A draft makes no page: it takes no slug.
    fixture.write(&copy, "---\ntitle: \"Copy\"\ndate: 2025-01-01\ntopics: [chips]\nslug: report-3\ndraft: true\n---\n");
    apply_and_fetch(&live, &[copy]).expect("a draft takes no slug");
}

/// Actors' facts and measures.yaml leave serve equal to a fresh build: an entity becomes an
/// actor with a feed, the tracker appears, a measure's status changes, the tracker goes.
#[test]
fn measures_and_actor_facts_stay_equal_to_a_build() {
    let site = tempfile::TempDir::new().unwrap();
    let fixture = Fixture::new(site.path(), &mut Rng(7));
    let (options, live, _) = serving(site.path());
    let entities =
        "organizations:\n  Northwind: { kind: company, country: China }\nregions:\n  China: { kind: country }\n";
    fixture.write("content/entities.yaml", entities);
    let served = apply_and_fetch(&live, &["content/entities.yaml".to_owned()]).expect("facts");
    assert!(served == fresh_build(&options).unwrap(), "an entity with facts");
    let measures = "rule:\n  title: A rule\n  kind: rule\n  jurisdiction: China\n  issued_by: Northwind\n  status: announced\n  reported_in: [report-3]\n";
    let file = "content/measures.yaml".to_owned();
    for text in [measures.to_owned(), measures.replace("status: announced", "in_force: 2025-01-01\n  status: in-force")]
    {
        fixture.write(&file, &text);
        let served = apply_and_fetch(&live, std::slice::from_ref(&file)).expect("measures");
        assert!(served.keys().any(|path| path.starts_with("measures/rule/")), "the measure's page");
        assert!(served == fresh_build(&options).unwrap(), "serve equals build: {text}");
    }
    fs::remove_file(site.path().join(&file)).unwrap();
    let served = apply_and_fetch(&live, &[file]).expect("no measures");
    assert!(served == fresh_build(&options).unwrap(), "the tracker is gone");
}

/// An article fixed in the batch of an entities.yaml edit is read again (serve read only
/// entities.yaml, and kept failing on the article as it was).
#[test]
fn an_article_fixed_along_with_entities_yaml_is_read_again() {
    let site = tempfile::TempDir::new().unwrap();
    let fixture = Fixture::new(site.path(), &mut Rng(7));
    let (options, live, _) = serving(site.path());
    let article = "content/articles/extra.md".to_owned();
    fixture.write(&article, "---\ntitle: [unclosed\n---\nBroken.\n");
    assert!(apply_and_fetch(&live, std::slice::from_ref(&article)).is_err());
    fixture.write(&article, "---\ntitle: \"Extra\"\ndate: 2025-01-01\ntopics: [chips]\n---\nText.\n");
    fixture.write("content/entities.yaml", "organizations:\n  Northwind: { description: \"Fixed.\" }\n");
    let batch = [article, "content/entities.yaml".to_owned()];
    let served = apply_and_fetch(&live, &batch).expect("serve builds again");
    assert!(served == fresh_build(&options).unwrap(), "serve equals build");
}

/// Drafting one version of a story makes another version listed: the pages around it in
/// its topic show it, though its file did not change.
#[test]
fn a_drafted_version_lists_the_other_and_its_neighbours_show_it() {
    let site = tempfile::TempDir::new().unwrap();
    let write = |relative: &str, text: &str| {
        let path = site.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    let article = |title: &str, date: &str, topic: &str, extra: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\ntopics: [{topic}]\n{extra}---\nText.\n")
    };
    write("site.yaml", "title: T\nbase_url: https://example.org\nlanguages:\n  - code: en\n  - code: fr\n");
    write("content/topics/chips.md", "---\ntitle: Chips\n---\n");
    // In chips, by date: fillers, older, (the French version), middle, the story. Older
    // shares a tag with the fillers, which fill its related list: only its newer
    // neighbour shows the story.
    for n in 1..=5 {
        write(
            &format!("content/articles/filler-{n}.md"),
            &article("Filler", &format!("2024-0{n}-01"), "chips", "tags: [fabs]\n"),
        );
    }
    write("content/articles/older.md", &article("Older", "2025-01-01", "chips", "tags: [fabs]\n"));
    write("content/articles/middle.md", &article("Middle", "2025-03-01", "chips", ""));
    write("content/articles/story.md", &article("Story", "2025-06-01", "chips", ""));
    write("content/articles/story.fr.md", &article("Histoire", "2025-01-10", "chips", ""));
    let (options, live, _) = serving(site.path());
    write("content/articles/story.md", &article("Story", "2025-06-01", "chips", "draft: true\n"));
    let served = apply_and_fetch(&live, &["content/articles/story.md".to_owned()]).unwrap();
    let fresh = fresh_build(&options).unwrap();
    let page = "articles/older/index.html";
    assert!(String::from_utf8_lossy(&fresh[page]).contains("/fr/articles/story/"), "the newer one in its topic");
    assert!(served[page] == fresh[page], "the older article's page is stale");
    assert!(served == fresh, "serve equals build");
}

/// After a topic's intro or an entity's description changed, the pages asked for are
/// rendered again only where they show it, not the whole site.
#[test]
fn topic_and_entity_edits_render_only_what_shows_them() {
    let site = tempfile::TempDir::new().unwrap();
    let fixture = Fixture::new(site.path(), &mut Rng(7));
    // Entities without names in French, whatever the generator chose.
    fixture.write(
        "content/entities.yaml",
        "organizations:\n  Northwind: { aliases: [NW] }\nregions:\n  China: { aliases: [Chine] }\n",
    );
    // And the topic in English only, until it is translated below.
    fs::remove_file(site.path().join("content/topics/labs.fr.md")).unwrap();
    let options = BuildOptions { root: site.path().to_owned(), ..BuildOptions::default() };
    fixture.write("content/topics/quiet.md", "---\ntitle: \"Quiet\"\n---\nNothing yet.\n");
    let live = InProcess::load(options).unwrap();
    let first = fetch_all(&live).expect("the first build succeeds");
    // Every file asked for after the change: the paths of the pages rendered again.
    let rendered = |touched: &[String]| {
        let before = live.rendered();
        apply_and_fetch(&live, touched).unwrap_or_else(|problems| panic!("{problems}"));
        let mut paths: Vec<String> = (live.rendered().into_iter())
            .filter(|(path, fingerprint)| before.get(path) != Some(fingerprint))
            .map(|(path, _)| path)
            .collect();
        paths.sort();
        paths
    };
    let topic = "content/topics/labs.md".to_owned();
    fixture.write(&topic, "---\ntitle: \"labs\"\nsummary: \"Labs.\"\n---\nAn intro.\n");
    let paths = rendered(std::slice::from_ref(&topic));
    // The French pages show the topic in English too: it has no French version.
    let listing =
        ["index.html", "topics/index.html", "topics/labs/feed.json", "topics/labs/feed.xml", "topics/labs/index.html"];
    let both: Vec<String> = listing.iter().flat_map(|path| [format!("fr/{path}"), path.to_string()]).collect();
    let mut both = both;
    both.sort();
    assert_eq!(paths, both);
    fixture.write(&topic, "---\ntitle: \"labs\"\nsummary: \"Labs.\"\n---\nA new intro.\n");
    let paths = rendered(std::slice::from_ref(&topic));
    assert_eq!(paths, ["fr/topics/labs/index.html", "topics/labs/index.html"], "of {} files", first.len());
    // Once it has one, an edit of the English version leaves the French pages alone.
    let french = "content/topics/labs.fr.md".to_owned();
    fixture.write(&french, "---\ntitle: \"laboratoires\"\nsummary: \"Labos.\"\n---\nUne intro.\n");
    let paths = rendered(std::slice::from_ref(&french));
    assert!(paths.contains(&"fr/topics/labs/index.html".to_owned()), "{paths:?}");
    fixture.write(&topic, "---\ntitle: \"labs\"\nsummary: \"Labs.\"\n---\nAn intro again.\n");
    let paths = rendered(std::slice::from_ref(&topic));
    assert_eq!(paths, ["topics/labs/index.html"]);

    fixture.write(&topic, "---\ntitle: \"labs renamed\"\nsummary: \"Labs.\"\n---\nA new intro.\n");
    let paths = rendered(std::slice::from_ref(&topic));
    assert!(paths.contains(&"topics/index.html".to_owned()), "{paths:?}");
    // Every page that lists one of its articles, in both languages, but not the whole site.
    assert!(paths.len() < first.len() * 2 / 3, "{} of {}: {paths:?}", paths.len(), first.len());
    // The search manifest names every topic among its facets, one without articles too.
    let quiet = "content/topics/quiet.md".to_owned();
    fixture.write(&quiet, "---\ntitle: \"Quiet, renamed\"\n---\nNothing yet.\n");
    let paths = rendered(std::slice::from_ref(&quiet));
    assert!(paths.contains(&"search-index.json".to_owned()), "{paths:?}");

    let entities = "organizations:\n  Northwind: { aliases: [NW], description: \"Invented.\" }\nregions:\n  China: { aliases: [Chine] }\n";
    fixture.write("content/entities.yaml", entities);
    let paths = rendered(&["content/entities.yaml".to_owned()]);
    assert_eq!(paths, ["fr/organizations/northwind/index.html", "organizations/northwind/index.html"]);
    // A description in French shows on the French page only.
    let entities = entities.replace("\"Invented.\"", "\"Invented.\", descriptions: { fr: \"Inventée.\" }");
    fixture.write("content/entities.yaml", &entities);
    let paths = rendered(&["content/entities.yaml".to_owned()]);
    assert_eq!(paths, ["fr/organizations/northwind/index.html"]);
    // The English one shows on the English page only, now that French has its own.
    fixture.write("content/entities.yaml", &entities.replace("\"Invented.\"", "\"Made up.\""));
    let paths = rendered(&["content/entities.yaml".to_owned()]);
    assert_eq!(paths, ["organizations/northwind/index.html"]);
}

/// While a change fails, every page asked for is the last good build's, a page never asked
/// for before too, though the failing change also brought templates that compile, a new
/// stylesheet, a site.yaml read again or an assembled site; a page only the failed site
/// would have is not found. Once fixed, serve equals build again.
#[test]
fn a_failed_change_serves_the_last_good_site_until_it_is_fixed() {
    let article = |extra: &str| format!("---\ntitle: \"New\"\ndate: 2025-01-01\ntopics: [chips]\n{extra}---\nText.\n");
    let lost = "<!DOCTYPE html><title>{{ site.title }}</title><p>Lost</p>\n";
    let failing: [&[(&str, String)]; 4] = [
        // Parsed again: the article fails to parse.
        &[
            ("templates/404.html", lost.to_owned()),
            ("static/extra.css", "p { margin: 1px }\n".to_owned()),
            ("content/articles/new.md", "---\ntitle: [unclosed\n---\n".to_owned()),
        ],
        // Read again from the disk: site.yaml fails.
        &[("site.yaml", "title: [\n".to_owned()), ("static/extra.css", "p { margin: 2px }\n".to_owned())],
        // Assembled: an author nobody lists.
        &[("templates/404.html", lost.to_owned()), ("content/articles/new.md", article("authors: [nobody]\n"))],
        // Put in place of the old version: a share image missing from static/.
        &[("content/articles/new.md", article("image: /missing.png\n"))],
    ];
    for (case, batch) in failing.iter().enumerate() {
        let site = tempfile::TempDir::new().unwrap();
        let fixture = Fixture::new(site.path(), &mut Rng(7));
        if case == 3 {
            fixture.write("content/articles/new.md", &article(""));
        }
        let options = BuildOptions { root: site.path().to_owned(), ..BuildOptions::default() };
        let last_good = fresh_build(&options).expect("the fixture builds");
        // Nothing asked for yet: every page is rendered after the failure.
        let live = InProcess::load(options.clone()).unwrap();
        let before: Vec<(String, Option<String>)> = (batch.iter())
            .map(|(path, _)| (path.to_string(), fs::read_to_string(site.path().join(path)).ok()))
            .collect();
        for (path, text) in batch.iter() {
            fixture.write(path, text);
        }
        let touched: Vec<String> = before.iter().map(|(path, _)| path.clone()).collect();
        assert!(apply(&live, &touched).is_err(), "case {case} fails");
        for (path, bytes) in &last_good {
            match live.get(path) {
                Served::Found(served) => assert!(served == *bytes, "case {case}: {path} is not the last good one"),
                other => panic!("case {case}: {path}: {other:?}"),
            }
        }
        if case != 3 {
            assert!(matches!(live.get("articles/new/index.html"), Served::Missing), "case {case}");
        }
        for (path, text) in &before {
            match text {
                Some(text) => fixture.write(path, text),
                None => fs::remove_file(site.path().join(path)).unwrap(),
            }
        }
        let served = apply_and_fetch(&live, &touched).unwrap_or_else(|problems| panic!("case {case}: {problems}"));
        assert!(served == fresh_build(&options).unwrap(), "case {case}: serve equals build once fixed");
    }
}
