//! The site the equivalence test edits: English and French, with translations named
//! `x.fr.md` or sharing `translation_key:`, French topic files and entity names, and the
//! random edits made to it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::Rng;
use super::article::{ArticleSpec, TOPICS};

/// The site on disk and what its files say.
pub(super) struct Fixture {
    root: PathBuf,
    articles: BTreeMap<String, ArticleSpec>,
    /// The French version of an article, by the article's file name: `x.fr.md` beside it,
    /// or `fr/...` sharing its `translation_key:`.
    translations: BTreeMap<String, String>,
    /// Articles written broken, to be fixed at the next step.
    broken: BTreeSet<String>,
    made: usize,
}

const ARTICLES: &str = "content/articles";

/// Kinds of edit `Fixture::edit_as` makes on purpose (a random edit picks any kind).
pub(super) mod edit {
    pub(in super::super) const BODY: usize = 0;
    /// The title, and with it the summary (`About <title>.`).
    pub(in super::super) const TITLE_AND_SUMMARY: usize = 2;
    /// Drafts a published article, or publishes a draft.
    pub(in super::super) const DRAFT_TOGGLE: usize = 9;
    pub(in super::super) const ADD: usize = 10;
    pub(in super::super) const DELETE: usize = 11;
    /// A topic file in English or French: title, summary and intro.
    pub(in super::super) const TOPIC: usize = 14;
    pub(in super::super) const ENTITIES: usize = 15;
}

impl Fixture {
    pub(super) fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Writes an article's file; returns its path.
    fn write_article(&self, name: &str) -> String {
        let relative = format!("{ARTICLES}/{name}");
        self.write(&relative, &self.articles[name].text(name));
        relative
    }

    fn remove(&self, relative: &str) {
        let _ = fs::remove_file(self.root.join(relative));
    }

    pub(super) fn new(root: &Path, rng: &mut Rng) -> Fixture {
        let mut fixture = Fixture {
            root: root.to_owned(),
            articles: BTreeMap::new(),
            translations: BTreeMap::new(),
            broken: BTreeSet::new(),
            made: 0,
        };
        fixture.write("site.yaml", &site_yaml("Equivalence", None));
        for topic in TOPICS {
            fixture.write(
                &format!("content/topics/{topic}.md"),
                &format!("---\ntitle: \"{topic}\"\n---\nAbout {topic}.\n"),
            );
        }
        fixture.write("content/topics/labs.fr.md", "---\ntitle: \"Laboratoires\"\n---\nÀ propos.\n");
        fixture.write("content/entities.yaml", &entities_yaml(rng, 0));
        fixture.write("static/extra.css", "p { margin: 0 }\n");
        for _ in 0..10 {
            fixture.add_article(rng);
        }
        // A story in each way of naming its versions from the start.
        // (As if made at steps no edit has, which name their slugs.)
        fixture.translate(rng, "report-1.md", 1000, false);
        fixture.translate(rng, "report-2.md", 1001, true);
        fixture
    }

    fn add_article(&mut self, rng: &mut Rng) -> Vec<String> {
        self.made += 1;
        let name = format!("report-{}.md", self.made);
        self.articles.insert(name.clone(), ArticleSpec::random(rng, self.made));
        vec![self.write_article(&name)]
    }

    fn any_article(&self, rng: &mut Rng) -> Option<String> {
        let names: Vec<&String> = self.articles.keys().collect();
        (!names.is_empty()).then(|| names[rng.below(names.len())].clone())
    }

    fn spec(&mut self, name: &str) -> &mut ArticleSpec {
        self.articles.get_mut(name).unwrap()
    }

    /// Applies one random edit; returns what it was and the paths it touched, relative to
    /// the root.
    pub(super) fn edit(&mut self, rng: &mut Rng, step: usize) -> (String, Vec<String>) {
        self.edit_as(rng, step, None)
    }

    /// Applies one edit of the kind given (one of the `Edit` constants), or of a random
    /// kind; returns what it was and the paths it touched, relative to the root.
    pub(super) fn edit_as(&mut self, rng: &mut Rng, step: usize, kind: Option<usize>) -> (String, Vec<String>) {
        let Some(name) = self.any_article(rng) else { return ("add".into(), self.add_article(rng)) };
        let path = format!("{ARTICLES}/{name}");
        // Other files the edit rewrites.
        let mut touched = Vec::new();
        let kind = match kind {
            Some(kind) => kind,
            None => rng.below(21),
        };
        let what = match kind {
            0 | 1 => {
                self.spec(&name).body = format!("Edited at step {step}.\n\n## Details\n\nText.");
                "article text"
            }
            2 => {
                self.spec(&name).title = format!("Retitled {step}");
                "title"
            }
            3 => {
                self.spec(&name).redate(rng);
                if !self.articles[&name].published() {
                    touched = self.unlink(&name);
                }
                "date"
            }
            4 => {
                let spec = self.spec(&name);
                spec.slug = if spec.slug.is_some() || rng.below(4) == 0 { None } else { Some(format!("moved-{step}")) };
                "slug"
            }
            5 => {
                let mut topics = rng.some(TOPICS);
                if topics.is_empty() {
                    // An article needs a topic: an error that would stay until the next such edit.
                    topics.push(rng.pick(TOPICS));
                }
                self.spec(&name).topics = topics.into_iter().map(str::to_owned).collect();
                "topics"
            }
            6 | 7 => {
                self.spec(&name).reterm(rng);
                "terms"
            }
            8 => {
                let target = self.any_article(rng).filter(|t| *t != name && self.articles[t].published());
                let spec = self.spec(&name);
                spec.link_to = if spec.link_to.is_some() { None } else { target };
                "link to a file"
            }
            9 => {
                let spec = self.spec(&name);
                spec.draft = !spec.draft;
                if spec.draft {
                    touched = self.unlink(&name);
                }
                "draft"
            }
            10 => return ("add".into(), self.add_article(rng)),
            11 => return ("delete".into(), self.delete(&name)),
            12 => return ("rename".into(), self.rename(&name)),
            13 => {
                self.write(&path, "---\ntitle: [unclosed\n---\nBroken.\n");
                self.broken.insert(name);
                return ("broken article".into(), vec![path]);
            }
            14 => return self.edit_topic(rng, step),
            15 => {
                self.write("content/entities.yaml", &entities_yaml(rng, step));
                return ("entities.yaml".into(), vec!["content/entities.yaml".into()]);
            }
            16 => {
                let description = (rng.below(2) == 0).then(|| format!("Étape {step}."));
                self.write("site.yaml", &site_yaml(&format!("Equivalence {step}"), description.as_deref()));
                return ("site.yaml".into(), vec!["site.yaml".into()]);
            }
            17 => {
                let relative = "templates/404.html";
                if rng.below(3) == 0 {
                    self.remove(relative);
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
                    self.remove(relative);
                } else {
                    self.write(relative, &format!("/* step {step} */\n"));
                }
                return ("static file".into(), vec![relative.into()]);
            }
            _ => {
                let keyed = rng.below(2) == 0;
                return self.translate(rng, &name, step, keyed);
            }
        };
        touched.insert(0, self.write_article(&name));
        (what.into(), touched)
    }

    /// Writes a topic's file, in English or French, or removes its French file.
    fn edit_topic(&mut self, rng: &mut Rng, step: usize) -> (String, Vec<String>) {
        let topic = rng.pick(TOPICS);
        let french = format!("content/topics/{topic}.fr.md");
        match rng.below(5) {
            0 => {
                self.remove(&french);
                ("French topic file removed".into(), vec![french])
            }
            1 | 2 => {
                let text = format!(
                    "---\ntitle: \"Sujet {topic} {step}\"\nsummary: \"Étape {step}.\"\nkeywords: [mot {step}]\n---\nIntroduction {step}.\n"
                );
                self.write(&french, &text);
                ("French topic file".into(), vec![french])
            }
            _ => {
                let relative = format!("content/topics/{topic}.md");
                let text = format!("---\ntitle: \"{topic} {step}\"\nsummary: \"Step {step}.\"\n---\nIntro {step}.\n");
                self.write(&relative, &text);
                ("topic file".into(), vec![relative])
            }
        }
    }

    /// Deletes an article and whatever would point at nothing without it: its French
    /// version, links to it, the key its other version shares with it.
    fn delete(&mut self, name: &str) -> Vec<String> {
        let mut touched = self.remove_translation(name);
        touched.extend(self.detach(name));
        self.articles.remove(name);
        let path = format!("{ARTICLES}/{name}");
        self.remove(&path);
        touched.push(path);
        touched.extend(self.unlink(name));
        touched
    }

    /// Moves an article to another file; a French version moved this way is a version of
    /// nothing any more: an article of its own.
    fn rename(&mut self, name: &str) -> Vec<String> {
        self.made += 1;
        let new_name = format!("2025/renamed-{}.md", self.made);
        let mut touched = self.remove_translation(name);
        touched.extend(self.detach(name));
        let mut spec = self.articles.remove(name).unwrap();
        spec.translation_key = None;
        self.articles.insert(new_name.clone(), spec);
        let path = format!("{ARTICLES}/{name}");
        self.remove(&path);
        touched.push(path);
        touched.push(self.write_article(&new_name));
        touched.extend(self.unlink(name));
        touched
    }

    /// Adds a French version of an article (`x.fr.md`, or `fr/...` sharing a
    /// `translation_key:` when `keyed`), or removes the one it has; a French version is
    /// retitled.
    fn translate(&mut self, rng: &mut Rng, name: &str, step: usize, keyed: bool) -> (String, Vec<String>) {
        if self.articles[name].lang.is_some() || self.translations.values().any(|french| french == name) {
            self.spec(name).title = format!("Rapport retitré {step}");
            return ("translation retitled".into(), vec![self.write_article(name)]);
        }
        let removed = self.remove_translation(name);
        if !removed.is_empty() {
            return ("translation removed".into(), removed);
        }
        let mut spec = self.articles[name].clone();
        spec.title = format!("Rapport {step}");
        spec.body = format!("Corps du rapport {step}.\n\n## Details\n\nPlus.");
        spec.link_to = None;
        spec.draft = false;
        if rng.below(2) == 0 {
            spec.redate(rng);
        }
        let mut touched = Vec::new();
        let french = if keyed {
            self.made += 1;
            let key = format!("story-{}", self.made);
            self.spec(name).translation_key = Some(key.clone());
            touched.push(self.write_article(name));
            spec.lang = Some("fr".to_owned());
            spec.translation_key = Some(key);
            // Versions of one story may share a slug.
            let shared = self.articles[name].slug.clone().unwrap_or_else(|| stem(name).to_owned());
            spec.slug = (rng.below(2) == 0).then_some(shared);
            format!("fr/rapport-{}.md", self.made)
        } else {
            spec.slug = (rng.below(2) == 0).then(|| format!("rapport-{step}"));
            format!("{}.fr.md", name.trim_end_matches(".md"))
        };
        self.articles.insert(french.clone(), spec);
        self.translations.insert(name.to_owned(), french.clone());
        touched.push(self.write_article(&french));
        ("translation".into(), touched)
    }

    /// Deletes the French version of an article, if it has one, and the key it shared;
    /// returns the paths touched.
    fn remove_translation(&mut self, name: &str) -> Vec<String> {
        let Some(french) = self.translations.remove(name) else { return Vec::new() };
        self.articles.remove(&french);
        let path = format!("{ARTICLES}/{french}");
        self.remove(&path);
        let mut touched = vec![path];
        if self.spec(name).translation_key.take().is_some() {
            touched.push(self.write_article(name));
        }
        touched.extend(self.unlink(&french));
        touched
    }

    /// Parts a French version from its article, about to go (a `translation_key:` that no
    /// other article shares is an error); returns the paths touched.
    fn detach(&mut self, french: &str) -> Vec<String> {
        let Some(name) = self.translations.iter().find(|(_, f)| *f == french).map(|(n, _)| n.clone()) else {
            return Vec::new();
        };
        self.translations.remove(&name);
        if self.spec(&name).translation_key.take().is_some() {
            return vec![self.write_article(&name)];
        }
        Vec::new()
    }

    /// Rewrites the articles that link to `name` without the link; returns their paths.
    fn unlink(&mut self, name: &str) -> Vec<String> {
        let linking: Vec<String> =
            self.articles.iter().filter(|(_, s)| s.link_to.as_deref() == Some(name)).map(|(n, _)| n.clone()).collect();
        linking
            .iter()
            .map(|other| {
                self.spec(other).link_to = None;
                self.write_article(other)
            })
            .collect()
    }

    /// Replaces the built-in templates with a set that reaches the site's values in every
    /// way Tera allows: a computed key, a component argument, an include looping over
    /// `site.topics`, filters; on pages that extend the base and on pages that do not.
    pub(super) fn write_custom_templates(&self) {
        for (name, text) in CUSTOM_TEMPLATES {
            self.write(&format!("templates/{name}"), text);
        }
    }

    /// Rewrites the articles written broken at the previous step.
    pub(super) fn fix(&mut self) -> Vec<String> {
        let broken = std::mem::take(&mut self.broken);
        broken
            .into_iter()
            .filter(|name| self.articles.contains_key(name))
            .map(|name| self.write_article(&name))
            .collect()
    }
}

/// A file name's last part without `.md`: the slug it gives.
fn stem(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name).trim_end_matches(".md")
}

/// A site in English and French.
fn site_yaml(title: &str, french_description: Option<&str>) -> String {
    let description = french_description.map(|d| format!("    description: \"{d}\"\n")).unwrap_or_default();
    format!(
        "title: \"{title}\"\nbase_url: \"https://example.org/brief\"\nlanguages:\n  - code: en\n  - code: fr\n    title: \"{title} (fr)\"\n{description}"
    )
}

/// Entities with aliases, names and descriptions in French that come and go: the same
/// written name is filed under one entity, then another, then is its own.
fn entities_yaml(rng: &mut Rng, step: usize) -> String {
    let aliases = rng.some(&["NW", "Quill", "Veld"]).join(", ");
    let maybe = |rng: &mut Rng, text: String| if rng.below(2) == 0 { text } else { String::new() };
    let northwind = maybe(rng, ", names: { fr: Nordvent }".to_owned());
    let french = format!(", descriptions: {{ fr: \"Étape {}.\" }}", rng.below(2));
    let northwind = northwind + &maybe(rng, french);
    let china = maybe(rng, format!(", names: {{ fr: \"Chine {step}\" }}"));
    let netherlands = maybe(rng, "  Netherlands: { names: { fr: Pays-Bas } }\n".to_owned());
    format!(
        "organizations:\n  Northwind: {{ aliases: [{aliases}], description: \"Step {step}.\"{northwind} }}\nregions:\n  China: {{ aliases: [Chine]{china} }}\n{netherlands}"
    )
}

/// Templates written by a site's author, not briefing's: `base.html` shows the site's
/// topics and article count on every page that extends it, in four ways.
const CUSTOM_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head><title>{% block title %}{{ page.title }} · {{ site.title }}{% endblock title %}</title>{% block head %}{% endblock head %}</head>
<body>
<p class="count">{{ site["article" ~ "_count"] }} articles; {{ site.topics | length }} topics, first by name {{ site.topics | sort(attribute="name") | first | get(key="name") | upper }}</p>
{{ <topic_roll topics={site.topics} /> }}
{% include "site_topics.html" %}
<main>{% block main %}{% endblock main %}</main>
{%- block scripts %}{% endblock scripts %}
</body>
</html>
"#,
    ),
    (
        "reach.html",
        r#"{% component topic_roll(topics: array) -%}
<ol class="roll">{% for t in topics %}<li>{{ loop.index }}. {{ t.name | title }}</li>{% endfor %}</ol>
{%- endcomponent topic_roll %}
"#,
    ),
    (
        "site_topics.html",
        r#"<nav>{% for t in site.topics %}<a href="{{ t.url }}" lang="{{ t.lang }}">{{ t.name }}</a>{% endfor %}</nav>
"#,
    ),
    (
        "robots.txt",
        "User-agent: *\n# {{ site[\"article\" ~ \"_count\"] }} articles, last topic {{ site.topics | last | get(key=\"name\") }}\nSitemap: {{ sitemap_url }}\n",
    ),
];
