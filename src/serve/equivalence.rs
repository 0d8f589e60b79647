//! Serve is proven equal to build: seeded random sequences of edits go through the serve
//! engine, and after every step each served file is compared, byte for byte, with a
//! fresh full build of the same files (or both fail).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::change::{Change, classify};
use super::engine::{Engine, Outcome};
use crate::build::BuildOptions;
use crate::plan::{self, Plan};

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

const TOPICS: &[&str] = &["chips", "export-controls", "labs"];
// Spellings that fold together (case, aliases) as well as distinct ones.
const TAGS: &[&str] = &["fabs", "Fabs", "lithography", "ai research", "AI-research", "layoffs", "memory"];
const ORGANIZATIONS: &[&str] = &["Northwind", "NW", "Quillbright", "Veldmark"];
const REGIONS: &[&str] = &["China", "Chine", "Taiwan", "Netherlands"];

#[derive(Debug, Clone)]
struct ArticleSpec {
    title: String,
    date: String,
    slug: Option<String>,
    topics: Vec<String>,
    tags: Vec<String>,
    organizations: Vec<String>,
    regions: Vec<String>,
    body: String,
    /// Another article's file name, linked to from the body.
    link_to: Option<String>,
    draft: bool,
}

impl ArticleSpec {
    fn random(rng: &mut Rng, n: usize) -> ArticleSpec {
        let mut spec = ArticleSpec {
            title: format!("Report {n}"),
            date: String::new(),
            slug: None,
            topics: vec![rng.pick(TOPICS).to_owned()],
            tags: Vec::new(),
            organizations: Vec::new(),
            regions: Vec::new(),
            body: format!("Body of report {n}.\n\n## Details\n\nMore."),
            link_to: None,
            draft: false,
        };
        spec.redate(rng);
        spec.reterm(rng);
        spec
    }

    fn redate(&mut self, rng: &mut Rng) {
        self.date = if rng.below(12) == 0 {
            "2999-01-01".to_owned() // scheduled: left out by both
        } else {
            format!("202{}-{:02}-{:02}", 4 + rng.below(2), 1 + rng.below(12), 1 + rng.below(28))
        };
    }

    fn reterm(&mut self, rng: &mut Rng) {
        self.tags = rng.some(TAGS).into_iter().map(str::to_owned).collect();
        self.organizations = rng.some(ORGANIZATIONS).into_iter().map(str::to_owned).collect();
        self.regions = rng.some(REGIONS).into_iter().map(str::to_owned).collect();
    }

    fn text(&self) -> String {
        let list = |items: &[String]| format!("[{}]", items.join(", "));
        let mut text = format!(
            "---\ntitle: \"{}\"\ndate: {}\nsummary: \"About {}.\"\ntopics: {}\ntags: {}\norganizations: {}\nregions: {}\n",
            self.title,
            self.date,
            self.title,
            list(&self.topics),
            list(&self.tags),
            list(&self.organizations),
            list(&self.regions)
        );
        if let Some(slug) = &self.slug {
            text.push_str(&format!("slug: {slug}\n"));
        }
        if self.draft {
            text.push_str("draft: true\n");
        }
        text.push_str("---\n");
        text.push_str(&self.body);
        if let Some(target) = &self.link_to {
            text.push_str(&format!("\n\nSee [the earlier report]({target}#details).\n"));
        }
        text
    }
}

/// The site on disk and what its files say.
struct Fixture {
    root: PathBuf,
    articles: BTreeMap<String, ArticleSpec>,
    /// Articles written broken, to be fixed at the next step.
    broken: BTreeSet<String>,
    made: usize,
}

const ARTICLES: &str = "content/articles";

impl Fixture {
    fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn write_article(&self, name: &str) {
        self.write(&format!("{ARTICLES}/{name}"), &self.articles[name].text());
    }

    fn new(root: &Path, rng: &mut Rng) -> Fixture {
        let mut fixture =
            Fixture { root: root.to_owned(), articles: BTreeMap::new(), broken: BTreeSet::new(), made: 0 };
        fixture.write("site.yaml", &site_yaml("Equivalence"));
        for topic in TOPICS {
            fixture.write(
                &format!("content/topics/{topic}.md"),
                &format!("---\ntitle: \"{topic}\"\n---\nAbout {topic}.\n"),
            );
        }
        fixture.write(
            "content/entities.yaml",
            "organizations:\n  Northwind: { aliases: [NW] }\nregions:\n  China: { aliases: [Chine] }\n",
        );
        fixture.write("static/extra.css", "p { margin: 0 }\n");
        for _ in 0..10 {
            fixture.add_article(rng);
        }
        fixture
    }

    fn add_article(&mut self, rng: &mut Rng) -> Vec<String> {
        self.made += 1;
        let name = format!("report-{}.md", self.made);
        self.articles.insert(name.clone(), ArticleSpec::random(rng, self.made));
        self.write_article(&name);
        vec![format!("{ARTICLES}/{name}")]
    }

    fn any_article(&self, rng: &mut Rng) -> Option<String> {
        let names: Vec<&String> = self.articles.keys().collect();
        (!names.is_empty()).then(|| names[rng.below(names.len())].clone())
    }

    /// Applies one random edit; returns the paths it touched, relative to the root.
    fn edit(&mut self, rng: &mut Rng, step: usize) -> (String, Vec<String>) {
        let Some(name) = self.any_article(rng) else { return ("add".into(), self.add_article(rng)) };
        let path = format!("{ARTICLES}/{name}");
        let kind = rng.below(20);
        let mut touched = vec![path.clone()];
        let what = match kind {
            0 | 1 => {
                self.articles.get_mut(&name).unwrap().body = format!("Edited at step {step}.\n\n## Details\n\nText.");
                "article text"
            }
            2 => {
                self.articles.get_mut(&name).unwrap().title = format!("Retitled {step}");
                "title"
            }
            3 => {
                self.articles.get_mut(&name).unwrap().redate(rng);
                "date"
            }
            4 => {
                let spec = self.articles.get_mut(&name).unwrap();
                spec.slug = if spec.slug.is_some() || rng.below(4) == 0 { None } else { Some(format!("moved-{step}")) };
                "slug"
            }
            5 => {
                self.articles.get_mut(&name).unwrap().topics =
                    rng.some(TOPICS).into_iter().map(str::to_owned).collect();
                "topics"
            }
            6 | 7 => {
                self.articles.get_mut(&name).unwrap().reterm(rng);
                "terms"
            }
            8 => {
                let target = self.any_article(rng).filter(|t| *t != name);
                let spec = self.articles.get_mut(&name).unwrap();
                spec.link_to = if spec.link_to.is_some() { None } else { target };
                "link to a file"
            }
            9 => {
                let spec = self.articles.get_mut(&name).unwrap();
                spec.draft = !spec.draft;
                "draft"
            }
            10 => return ("add".into(), self.add_article(rng)),
            11 => {
                // Articles linking to it link to nothing from now on.
                touched.extend(self.remove_translation(&name));
                self.articles.remove(&name);
                fs::remove_file(self.root.join(&path)).unwrap();
                touched.extend(self.unlink(&name));
                return ("delete".into(), touched);
            }
            12 => {
                self.made += 1;
                let new_name = format!("2025/renamed-{}.md", self.made);
                touched.extend(self.remove_translation(&name));
                let spec = self.articles.remove(&name).unwrap();
                self.articles.insert(new_name.clone(), spec);
                fs::remove_file(self.root.join(&path)).unwrap();
                self.write_article(&new_name);
                touched.push(format!("{ARTICLES}/{new_name}"));
                touched.extend(self.unlink(&name));
                return ("rename".into(), touched);
            }
            13 => {
                self.write(&path, "---\ntitle: [unclosed\n---\nBroken.\n");
                self.broken.insert(name);
                return ("broken article".into(), touched);
            }
            14 => {
                let topic = rng.pick(TOPICS);
                // Half the time its French version: the French pages name it so.
                let suffix = if rng.below(2) == 0 { ".fr" } else { "" };
                let relative = format!("content/topics/{topic}{suffix}.md");
                let text = format!("---\ntitle: \"{topic} {step}\"\nsummary: \"Step {step}.\"\n---\nIntro {step}.\n");
                self.write(&relative, &text);
                return ("topic file".into(), vec![relative]);
            }
            15 => {
                let aliases = rng.some(&["NW", "Quill", "Veld"]).join(", ");
                let names =
                    if rng.below(2) == 0 { format!(", names: {{ fr: \"Nordvent {step}\" }}") } else { String::new() };
                let text = format!(
                    "organizations:\n  Northwind: {{ aliases: [{aliases}], description: \"Step {step}.\"{names} }}\nregions:\n  China: {{ aliases: [Chine] }}\n"
                );
                self.write("content/entities.yaml", &text);
                return ("entities.yaml".into(), vec!["content/entities.yaml".into()]);
            }
            16 => {
                self.write("site.yaml", &site_yaml(&format!("Equivalence {step}")));
                return ("site.yaml".into(), vec!["site.yaml".into()]);
            }
            17 => {
                let relative = "templates/404.html";
                if rng.below(3) == 0 {
                    let _ = fs::remove_file(self.root.join(relative));
                } else {
                    self.write(
                        relative,
                        &format!("<!DOCTYPE html><title>{{{{ site.title }}}}</title><p>Lost {step}</p>\n"),
                    );
                }
                return ("template".into(), vec![relative.into()]);
            }
            18 => {
                let relative = if rng.below(2) == 0 { "static/extra.css" } else { "static/notes.txt" };
                if rng.below(3) == 0 {
                    let _ = fs::remove_file(self.root.join(relative));
                } else {
                    self.write(relative, &format!("/* step {step} */\n"));
                }
                return ("static file".into(), vec![relative.into()]);
            }
            19 => return self.translate(rng, &name, step),
            _ => return ("add".into(), self.add_article(rng)),
        };
        self.write_article(&name);
        (what.into(), touched)
    }

    /// Adds a French version of an article (`x.fr.md`), or removes the one it has; a
    /// French version is retitled.
    fn translate(&mut self, rng: &mut Rng, name: &str, step: usize) -> (String, Vec<String>) {
        if name.ends_with(".fr.md") {
            self.articles.get_mut(name).unwrap().title = format!("Rapport retitré {step}");
            self.write_article(name);
            return ("translation retitled".into(), vec![format!("{ARTICLES}/{name}")]);
        }
        let removed = self.remove_translation(name);
        if !removed.is_empty() {
            return ("translation removed".into(), removed);
        }
        let french = translation_of(name);
        let mut spec = self.articles[name].clone();
        spec.title = format!("Rapport {step}");
        spec.body = format!("Corps du rapport {step}.\n\n## Details\n\nPlus.");
        spec.link_to = None;
        spec.draft = false;
        spec.slug = (rng.below(2) == 0).then(|| format!("rapport-{step}"));
        if rng.below(2) == 0 {
            spec.redate(rng);
        }
        self.articles.insert(french.clone(), spec);
        self.write_article(&french);
        ("translation".into(), vec![format!("{ARTICLES}/{french}")])
    }

    /// Deletes the French version of an article, if it has one (a version of nothing is an
    /// error); returns the paths touched.
    fn remove_translation(&mut self, name: &str) -> Vec<String> {
        let french = translation_of(name);
        if name.ends_with(".fr.md") || self.articles.remove(&french).is_none() {
            return Vec::new();
        }
        fs::remove_file(self.root.join(ARTICLES).join(&french)).unwrap();
        let mut touched = vec![format!("{ARTICLES}/{french}")];
        touched.extend(self.unlink(&french));
        touched
    }

    /// Rewrites the articles that link to `name` without the link; returns their paths.
    fn unlink(&mut self, name: &str) -> Vec<String> {
        let linking: Vec<String> =
            self.articles.iter().filter(|(_, s)| s.link_to.as_deref() == Some(name)).map(|(n, _)| n.clone()).collect();
        for other in &linking {
            self.articles.get_mut(other).unwrap().link_to = None;
            self.write_article(other);
        }
        linking.iter().map(|other| format!("{ARTICLES}/{other}")).collect()
    }

    /// Rewrites the articles written broken at the previous step.
    fn fix(&mut self) -> Vec<String> {
        let broken = std::mem::take(&mut self.broken);
        broken
            .into_iter()
            .filter(|name| self.articles.contains_key(name))
            .map(|name| {
                self.write_article(&name);
                format!("{ARTICLES}/{name}")
            })
            .collect()
    }
}

/// The French version's file name of an article (`x.md` -> `x.fr.md`).
fn translation_of(name: &str) -> String {
    format!("{}.fr.md", name.trim_end_matches(".md"))
}

/// A site in English and French.
fn site_yaml(title: &str) -> String {
    format!(
        "title: \"{title}\"\nbase_url: \"https://example.org/brief\"\nlanguages:\n  - code: en\n  - code: fr\n    title: \"{title} (fr)\"\n"
    )
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

/// What the engine serves after `outcome`; `false` when it failed.
fn publish(served: &mut BTreeMap<String, Vec<u8>>, outcome: Outcome) -> bool {
    match outcome {
        Outcome::Updated(update) => {
            if update.whole_site {
                served.clear();
            }
            for path in update.removed {
                served.remove(&path);
            }
            for page in update.pages {
                served.insert(page.path, page.bytes);
            }
            true
        }
        Outcome::Failed(_) => false,
    }
}

fn changes(paths: &[String]) -> BTreeSet<Change> {
    paths.iter().filter_map(|path| classify(Path::new(path))).collect()
}

fn run(seed: u64, steps: usize) {
    let site = tempfile::TempDir::new().unwrap();
    let mut rng = Rng(0x5eed_0000 + seed);
    let mut fixture = Fixture::new(site.path(), &mut rng);
    let options = BuildOptions {
        root: site.path().to_owned(),
        base_url: Some("http://127.0.0.1:1111".to_owned()),
        ..BuildOptions::default()
    };
    let (mut engine, outcome) = Engine::load(options.clone()).unwrap();
    let mut served = BTreeMap::new();
    assert!(publish(&mut served, outcome), "seed {seed}: the first build fails");
    let mut history: Vec<String> = Vec::new();
    for step in 0..steps {
        let mut touched = fixture.fix();
        let (what, paths) = fixture.edit(&mut rng, step);
        touched.extend(paths);
        history.push(format!("{step}: {what} {touched:?}"));
        let served_ok = publish(&mut served, engine.apply(&changes(&touched)));
        let fresh = fresh_build(&options);
        let context = || format!("seed {seed}, after:\n{}", history.join("\n"));
        assert_eq!(served_ok, fresh.is_some(), "serve and build disagree on failing; {}", context());
        let Some(fresh) = fresh else { continue };
        let served_paths: Vec<&String> = served.keys().collect();
        let fresh_paths: Vec<&String> = fresh.keys().collect();
        assert_eq!(served_paths, fresh_paths, "different files; {}", context());
        for (path, bytes) in &fresh {
            if served[path] != *bytes {
                let (a, b) = (String::from_utf8_lossy(&served[path]), String::from_utf8_lossy(bytes));
                let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
                let (a, b) = (a.lines().nth(line).unwrap_or(""), b.lines().nth(line).unwrap_or(""));
                panic!("{path} differs at line {}:\nserved: {a}\nbuilt:  {b}\n{}", line + 1, context());
            }
        }
    }
}

/// The seeds to run: `EQUIVALENCE_SEEDS=11..=500` (or `=42`) runs others than the default.
fn seeds() -> std::ops::RangeInclusive<u64> {
    let Ok(wanted) = std::env::var("EQUIVALENCE_SEEDS") else { return 1..=10 };
    let bound = |text: &str| text.trim().parse::<u64>().expect("EQUIVALENCE_SEEDS: a number, or FIRST..=LAST");
    match wanted.split_once("..") {
        Some((first, last)) => bound(first)..=bound(last.trim_start_matches('=')),
        None => bound(&wanted)..=bound(&wanted),
    }
}

#[test]
fn serve_equals_a_fresh_build_after_every_edit() {
    // Every seed runs, so that one failure does not hide others.
    let failed: Vec<u64> = seeds().filter(|seed| std::panic::catch_unwind(|| run(*seed, 60)).is_err()).collect();
    assert!(failed.is_empty(), "seeds {failed:?} fail (each one's steps are printed above)");
}

/// A topic's intro or an entity's description renders the pages that show it, not the site.
#[test]
fn topic_and_entity_edits_render_only_what_shows_them() {
    let site = tempfile::TempDir::new().unwrap();
    let fixture = Fixture::new(site.path(), &mut Rng(7));
    let options = BuildOptions { root: site.path().to_owned(), ..BuildOptions::default() };
    let (mut engine, outcome) = Engine::load(options).unwrap();
    let Outcome::Updated(first) = outcome else { panic!("the first build fails") };
    let rendered = |outcome: Outcome| match outcome {
        Outcome::Updated(update) => {
            assert!(!update.whole_site);
            let mut paths: Vec<String> = update.pages.into_iter().map(|page| page.path).collect();
            paths.retain(|path| !path.ends_with(".css") && !path.ends_with(".js"));
            paths.sort();
            paths
        }
        Outcome::Failed(problems) => panic!("{problems}"),
    };
    let topic = "content/topics/labs.md".to_owned();
    fixture.write(&topic, "---\ntitle: \"labs\"\nsummary: \"Labs.\"\n---\nAn intro.\n");
    let paths = rendered(engine.apply(&changes(std::slice::from_ref(&topic))));
    assert_eq!(paths, ["index.html", "topics/index.html", "topics/labs/feed.xml", "topics/labs/index.html"]);
    fixture.write(&topic, "---\ntitle: \"labs\"\nsummary: \"Labs.\"\n---\nA new intro.\n");
    let paths = rendered(engine.apply(&changes(std::slice::from_ref(&topic))));
    assert_eq!(paths, ["topics/labs/index.html"], "of {} files", first.pages.len());

    fixture.write(&topic, "---\ntitle: \"labs renamed\"\nsummary: \"Labs.\"\n---\nA new intro.\n");
    let paths = rendered(engine.apply(&changes(std::slice::from_ref(&topic))));
    assert!(paths.contains(&"topics/index.html".to_owned()), "{paths:?}");
    assert!(paths.len() < first.pages.len() / 2, "{paths:?}");

    let entities = "organizations:\n  Northwind: { aliases: [NW], description: \"Invented.\" }\nregions:\n  China: { aliases: [Chine] }\n";
    fixture.write("content/entities.yaml", entities);
    let paths = rendered(engine.apply(&changes(&["content/entities.yaml".to_owned()])));
    assert_eq!(paths, ["organizations/northwind/index.html"]);
}
