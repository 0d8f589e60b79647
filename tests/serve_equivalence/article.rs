//! The articles of the equivalence test's site: what their files say.

use super::Rng;

pub(super) const TOPICS: &[&str] = &["chips", "export-controls", "labs"];
// Spellings that fold together (case, aliases, names in French) as well as distinct ones.
const TAGS: &[&str] = &["fabs", "Fabs", "lithography", "ai research", "AI-research", "layoffs", "memory"];
const ORGANIZATIONS: &[&str] = &["Northwind", "NW", "Quillbright", "Veldmark", "Nordvent"];
const REGIONS: &[&str] = &["China", "Chine", "Taiwan", "Netherlands", "Pays-Bas"];

/// What an article's file says.
#[derive(Debug, Clone)]
pub(super) struct ArticleSpec {
    pub(super) title: String,
    pub(super) date: String,
    pub(super) slug: Option<String>,
    pub(super) topics: Vec<String>,
    pub(super) tags: Vec<String>,
    pub(super) organizations: Vec<String>,
    pub(super) regions: Vec<String>,
    pub(super) body: String,
    /// Another article's file name, linked to from the body.
    pub(super) link_to: Option<String>,
    pub(super) draft: bool,
    pub(super) lang: Option<String>,
    pub(super) translation_key: Option<String>,
}

impl ArticleSpec {
    pub(super) fn random(rng: &mut Rng, n: usize) -> ArticleSpec {
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
            lang: None,
            translation_key: None,
        };
        spec.redate(rng);
        spec.reterm(rng);
        spec
    }

    pub(super) fn redate(&mut self, rng: &mut Rng) {
        self.date = if rng.below(12) == 0 {
            "2999-01-01".to_owned() // scheduled: left out by both
        } else {
            format!("202{}-{:02}-{:02}", 4 + rng.below(2), 1 + rng.below(12), 1 + rng.below(28))
        };
    }

    pub(super) fn reterm(&mut self, rng: &mut Rng) {
        self.tags = rng.some(TAGS).into_iter().map(str::to_owned).collect();
        self.organizations = rng.some(ORGANIZATIONS).into_iter().map(str::to_owned).collect();
        self.regions = rng.some(REGIONS).into_iter().map(str::to_owned).collect();
    }

    /// Whether a site shows it: an article may link only to those.
    pub(super) fn published(&self) -> bool {
        !self.draft && !self.date.starts_with("2999")
    }

    /// Its file's text, when named `name`.
    pub(super) fn text(&self, name: &str) -> String {
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
        for (field, value) in [("slug", &self.slug), ("lang", &self.lang), ("translation_key", &self.translation_key)] {
            if let Some(value) = value {
                text.push_str(&format!("{field}: {value}\n"));
            }
        }
        if self.draft {
            text.push_str("draft: true\n");
        }
        text.push_str("---\n");
        text.push_str(&self.body);
        if let Some(target) = &self.link_to {
            // Relative to the linking file's folder.
            let up = "../".repeat(name.matches('/').count());
            text.push_str(&format!("\n\nSee [the earlier report]({up}{target}#details).\n"));
        }
        text
    }
}
