//! One article of the corpus: the benchmark recipe (see `main.rs`), drawn from
//! this crate's own generator. Article `i` depends only on (seed, i) and the stems of
//! the articles before it, so a corpus of N is the first N articles of a larger one.

use std::collections::HashSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};

use briefing::month_names;

use crate::rng::{Rng, zipf_weights};
use crate::vocab::*;

pub struct Source {
    pub name: &'static str,
    pub url: String,
}

pub struct Article {
    pub topics: Vec<&'static str>,
    pub tags: Vec<&'static str>,
    pub organizations: Vec<&'static str>,
    pub regions: Vec<&'static str>,
    pub date: DateTime<FixedOffset>,
    pub bare_date: bool,
    pub updated: Option<NaiveDate>,
    pub title: String,
    pub summary: String,
    pub stem: String,
    pub slug: String,
    pub explicit_slug: bool,
    pub source: Option<Source>,
    pub lang: Option<&'static str>,
    pub draft_false: bool,
    pub body: String,
    /// The longest plain sentence of the first paragraph, for spot checks of the output.
    pub phrase: Option<String>,
}

/// The draws' weights, made once.
pub struct Recipe {
    seed: u64,
    tags: &'static [&'static str],
    tag_weights: Vec<f64>,
    org_weights: Vec<f64>,
    region_weights: Vec<f64>,
    zones: Vec<FixedOffset>,
    start: DateTime<Utc>,
    span_minutes: i64,
}

impl Recipe {
    pub fn new(seed: u64) -> Recipe {
        let tags = &TAG_LIST[..200];
        // Tags get Zipf ranks in a shuffled order, so the popular ones are not the first listed.
        let mut order = tags.to_vec();
        Rng::new(7).shuffle(&mut order);
        let by_rank = zipf_weights(tags.len(), 0.9);
        let tag_weights = tags.iter().map(|t| by_rank[order.iter().position(|o| o == t).unwrap()]).collect();
        let zone = |minutes: i32| FixedOffset::east_opt(minutes * 60).unwrap();
        let start = Utc.with_ymd_and_hms(2018, 1, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 10, 31, 0, 0, 0).unwrap();
        Recipe {
            seed,
            tags,
            tag_weights,
            org_weights: zipf_weights(ORGS.len(), 0.8),
            region_weights: zipf_weights(REGIONS.len(), 0.7),
            zones: [0, 60, 120, -300, -240, 480, 540, 330].map(zone).to_vec(),
            start,
            span_minutes: (end - start).num_minutes(),
        }
    }

    /// Article `i`; `used` holds the stems and slugs taken by the articles before it.
    pub fn article(&self, i: u64, used: &mut HashSet<String>) -> Article {
        let rng = &mut Rng::new(self.seed.wrapping_mul(1_000_003).wrapping_add(i));
        let topic_count = if rng.random() < 0.15 { 2 } else { 1 };
        let topic_ids = rng.pick_distinct(&(0..TOPICS.len()).collect::<Vec<_>>(), TOPIC_WEIGHTS, topic_count);
        let count = rng.randint(2, 5) as usize;
        let tags = rng.pick_distinct(self.tags, &self.tag_weights, count);
        let count = rng.randint(1, 4) as usize;
        let organizations = rng.pick_distinct(ORGS, &self.org_weights, count);
        let count = rng.randint(1, 3) as usize;
        let regions = rng.pick_distinct(REGIONS, &self.region_weights, count);
        let zone = *rng.choice(&self.zones);
        let when = self.start + Duration::minutes(rng.randint(0, self.span_minutes));
        let date = when.with_timezone(&zone);
        let bare_date = rng.random() < 0.1;
        let updated =
            if rng.random() < 0.2 { Some((date + Duration::days(rng.randint(1, 30))).date_naive()) } else { None };
        let entities = Entities {
            tags: tags.clone(),
            organizations: organizations.clone(),
            regions: regions.clone(),
            topic_title: TOPICS[topic_ids[0]].1,
        };
        let mut filler = Filler { entities: &entities, bag: Vec::new() };

        let verb = *rng.choice(VERBS_PAST);
        let object = *rng.choice(OBJECTS);
        let rule = *rng.choice(RULE_NOUNS);
        let sector = *rng.choice(SECTORS);
        let event = *rng.choice(EVENTS);
        let forms: Vec<&str> = TITLE_FORMS
            .iter()
            .copied()
            .filter(|t| {
                (!t.contains("org2}") || organizations.len() > 1) && (!t.contains("egion2}") || regions.len() > 1)
            })
            .collect();
        let form = rng.choice(&forms).replace("{verb}", verb).replace("{obj}", object).replace("{rule}", rule);
        let form = form.replace("{sector}", sector).replace("{event}", event).replace("{Sector}", &cap(sector));
        let title = cap(&filler.fill(rng, &form));
        let summary = (0..2).map(|_| filler.next_sentence(rng)).collect::<Vec<_>>().join(" ");

        let stem = unique(slugify(&title).chars().take(70).collect::<String>().trim_end_matches('-'), used);
        let explicit_slug = rng.random() < 0.25;
        let slug = if explicit_slug {
            let head: Vec<&str> = stem.split('-').take(5).collect();
            unique(&format!("{}-{}", head.join("-"), date.format("%Y")), used)
        } else {
            stem.clone()
        };
        let source = (rng.random() < 0.6).then(|| {
            let name = *rng.choice(SOURCES);
            let url = format!("https://news.example.com/{}/{}/{stem}", slugify(name), date.format("%Y"));
            Source { name, url }
        });
        let lang = if rng.random() < 0.04 { Some(*rng.choice(&["fr", "de"])) } else { None };
        let draft_false = rng.random() < 0.05;
        let (body, plain) = body(rng, &entities, &date, i);
        // The first of the longest, as Python's max() picks.
        let phrase = plain.iter().rev().max_by_key(|s| s.chars().count()).cloned();
        Article {
            topics: topic_ids.iter().map(|&t| TOPICS[t].0).collect(),
            tags,
            organizations,
            regions,
            date,
            bare_date,
            updated,
            title,
            summary,
            stem,
            slug,
            explicit_slug,
            source,
            lang,
            draft_false,
            body,
            phrase,
        }
    }
}

/// `wanted`, or `wanted-2`, `wanted-3`... whichever is free; marks it taken.
fn unique(wanted: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = wanted.to_owned();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{wanted}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// What an article's sentences talk about.
struct Entities {
    tags: Vec<&'static str>,
    organizations: Vec<&'static str>,
    regions: Vec<&'static str>,
    topic_title: &'static str,
}

/// Fills the `{slots}` of sentence templates from one article's entities.
struct Filler<'a> {
    entities: &'a Entities,
    bag: Vec<&'static str>,
}

impl Filler<'_> {
    /// A sentence template, drawn without replacement until all were used.
    fn sentence(&mut self, rng: &mut Rng) -> &'static str {
        if self.bag.is_empty() {
            self.bag = SENTENCES.to_vec();
            rng.shuffle(&mut self.bag);
        }
        self.bag.pop().expect("refilled above")
    }

    fn next_sentence(&mut self, rng: &mut Rng) -> String {
        let template = self.sentence(rng);
        self.fill(rng, template)
    }

    fn fill(&self, rng: &mut Rng, template: &str) -> String {
        let e = self.entities;
        let nth = |rng: &mut Rng, items: &[&'static str], all: &[&'static str], k: usize| -> &'static str {
            if k < items.len() { items[k] } else { all[rng.below(all.len())] }
        };
        let org = nth(rng, &e.organizations, ORGS, 0);
        let org2 = nth(rng, &e.organizations, ORGS, 1);
        let region = nth(rng, &e.regions, REGIONS, 0);
        let region2 = nth(rng, &e.regions, REGIONS, 1);
        let tag = e.tags[0].replace('-', " ");
        let tag2 = e.tags[1 % e.tags.len()].replace('-', " ");
        let think_tank = *rng.choice(THINKTANKS);
        let num = rng.randint(3, 950).to_string();
        let pct = rng.randint(2, 85).to_string();
        let year = rng.randint(2015, 2024).to_string();
        let months = month_names("en");
        let month = rng.choice(&months).as_str();
        let money = format!("${}.{}bn", rng.randint(1, 40), rng.randint(0, 9));
        let sector = *rng.choice(SECTORS);
        let ordinal = ["second", "third", "fourth", "fifth", "sixth"][rng.randint(0, 4) as usize];
        fill_slots(template, |key| {
            Some(match key {
                "org" => org.to_owned(),
                "org2" => org2.to_owned(),
                "region" => region.to_owned(),
                "region2" => region2.to_owned(),
                "Org" => cap(org),
                "Org2" => cap(org2),
                "Region" => cap(region),
                "Region2" => cap(region2),
                "tag" => tag.clone(),
                "tag2" => tag2.clone(),
                "topic" => lower_first(e.topic_title),
                "tt" => think_tank.to_owned(),
                "num" => num.clone(),
                "pct" => pct.clone(),
                "year" => year.clone(),
                "month" => month.to_owned(),
                "money" => money.clone(),
                "sector" => sector.to_owned(),
                "ord" => ordinal.to_owned(),
                _ => return None,
            })
        })
    }
}

/// Replaces each `{key}` by `value(key)`; unknown keys are left as written.
pub fn fill_slots(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let key = &rest[open + 1..open + close];
        match value(key) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn link_sentence(rng: &mut Rng, filler: &mut Filler<'_>, date: &DateTime<FixedOffset>) -> String {
    let anchors = [
        "the ministry's statement",
        "a filing",
        "the draft rules",
        "an earlier report",
        "the full text",
        "a company blog post",
        "the court ruling",
    ];
    let anchor = *rng.choice(&anchors);
    let domain = *rng.choice(DOMAINS);
    let url = format!("https://{domain}/{}/{}-{}", date.format("%Y"), slugify(anchor), rng.randint(100, 9999));
    let sentence = filler.next_sentence(rng);
    format!("{}, according to [{anchor}]({url}).", &sentence[..sentence.len() - 1])
}

fn paragraph(
    rng: &mut Rng,
    filler: &mut Filler<'_>,
    date: &DateTime<FixedOffset>,
    sentences: usize,
    mut plain: Option<&mut Vec<String>>,
) -> String {
    let mut out = Vec::with_capacity(sentences);
    for _ in 0..sentences {
        let mut s = filler.next_sentence(rng);
        let roll = rng.random();
        if roll < 0.12 {
            s = link_sentence(rng, filler, date);
        } else if roll < 0.24 {
            let mut words: Vec<String> = s.split(' ').map(str::to_owned).collect();
            if words.len() > 6 {
                if roll < 0.20 {
                    let a = rng.randint(1, words.len() as i64 - 4) as usize;
                    words[a] = format!("*{}", words[a]);
                    words[a + 1].push('*');
                } else {
                    let a = rng.randint(1, words.len() as i64 - 3) as usize;
                    words[a] = format!("**{}**", words[a]);
                }
                s = words.join(" ");
            }
        } else if let Some(plain) = plain.as_deref_mut()
            && !s.contains('\'')
            && !s.contains('–')
        {
            plain.push(s.clone());
        }
        out.push(s);
    }
    out.join(" ")
}

/// Words as the recipe counts them: `[A-Za-z0-9$][A-Za-z0-9'.,$%–-]*`.
pub fn word_count(text: &str) -> usize {
    let starts = |c: char| c.is_ascii_alphanumeric() || c == '$';
    let continues = |c: char| starts(c) || matches!(c, '\'' | '.' | ',' | '%' | '–' | '-');
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if in_word {
            in_word = continues(c);
        }
        if !in_word && starts(c) {
            count += 1;
            in_word = true;
        }
    }
    count
}

/// About 700 words of Markdown, and the plain sentences of its first paragraph.
fn body(rng: &mut Rng, entities: &Entities, date: &DateTime<FixedOffset>, i: u64) -> (String, Vec<String>) {
    let filler = &mut Filler { entities, bag: Vec::new() };
    let mut plain = Vec::new();
    let mut blocks = vec![paragraph(rng, filler, date, 3, Some(&mut plain)), paragraph(rng, filler, date, 4, None)];
    let h2s = rng.sample(H2S, 3);
    blocks.push(format!("## {}", filler.fill(rng, h2s[0])));
    blocks.push(paragraph(rng, filler, date, 4, None));
    let count = rng.randint(3, 5) as usize;
    let bullets: Vec<String> =
        rng.sample(BULLETS, count).iter().map(|b| format!("- {}", filler.fill(rng, b))).collect();
    blocks.push(bullets.join("\n"));
    blocks.push(paragraph(rng, filler, date, 3, None));
    if rng.random() < 0.1 {
        let money = filler.fill(rng, "{money}");
        blocks.push(format!("The first report ~~put the figure at {money}~~ was later corrected by the company."));
    }
    blocks.push(format!("## {}", filler.fill(rng, h2s[1])));
    blocks.push(paragraph(rng, filler, date, 4, None));
    let think_tank = *rng.choice(THINKTANKS);
    let speaker = rng.choice(SPEAKERS).replace("{tt}", think_tank);
    let quote = *rng.choice(QUOTES);
    let quote = filler.fill(rng, quote);
    blocks.push(format!("> {quote}\n>\n> — {}", cap(&speaker)));
    if i.is_multiple_of(4) {
        let mut rows =
            vec!["| Company | Home region | Exposure | Change |".to_owned(), "| --- | --- | ---: | ---: |".to_owned()];
        for _ in 0..rng.randint(3, 5) {
            let org = *rng.choice(ORGS);
            let region = *rng.choice(REGIONS);
            let exposure = rng.randint(1, 70);
            let change = rng.uniform(-9.0, 9.0);
            rows.push(format!("| {org} | {region} | {exposure}% | {change:+.1} pts |"));
        }
        blocks.push(rows.join("\n"));
    }
    blocks.push(paragraph(rng, filler, date, 3, None));
    blocks.push(format!("### {}", rng.choice(H3S)));
    blocks.push(paragraph(rng, filler, date, 3, None));
    if i % 10 == 3 {
        if rng.random() < 0.5 {
            let codes: Vec<String> =
                (0..4).map(|_| format!("\"{:04}.{:02}\"", rng.randint(8400, 8599), rng.randint(10, 99))).collect();
            blocks.push(format!(
                "```json\n[\n  {{\"rule\": \"{}\", \"hs_codes\": [{}],\n   \"effective\": \"{}\"}}\n]\n```",
                slugify(entities.tags[0]),
                codes.join(", "),
                date.format("%Y-%m-%d")
            ));
        } else {
            let hits = rng.randint(1, 60);
            blocks.push(format!("```text\n$ grep -c '{}' entity-list.csv\n{hits}\n```", entities.organizations[0]));
        }
    }
    blocks.push(format!("## {}", filler.fill(rng, h2s[2])));
    let mut words = word_count(&blocks.join("\n\n"));
    while words < 690 {
        let sentences = rng.randint(2, 4) as usize;
        let block = paragraph(rng, filler, date, sentences, None);
        words += word_count(&block);
        blocks.push(block);
    }
    (blocks.join("\n\n") + "\n", plain)
}

/// `[^a-z0-9]+` -> `-`, lowercase, trimmed of `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// `Semiconductor supply chains` -> `semiconductor supply chains`; `AI governance` unchanged.
pub fn lower_first(s: &str) -> String {
    let head: Vec<char> = s.chars().take(2).collect();
    let all_upper = head.iter().any(|c| c.is_alphabetic()) && head.iter().all(|c| !c.is_lowercase());
    if all_upper {
        return s.to_owned();
    }
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

pub fn cap(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
