//! A topic file or entities.yaml changed: when the topics keep their places and only
//! entities' descriptions changed, the topics' text and the terms' descriptions are put
//! in place; else the articles are assembled again as they were parsed (they depend
//! on the topics' slugs only), reusing every related list the change cannot touch. Pages
//! are rendered again when asked for, if their fingerprint changed.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::content::Topic;
use crate::plan::{parse_entities, parse_topics, site_options, topic_slugs, topic_titles};
use crate::site::{Entities, Reuse, Site, describe_terms};

use super::{Engine, Frame, Origin, Outcome};

impl Engine {
    /// Parses the topics and entities again and rebuilds from the articles as parsed;
    /// `None` when that cannot be done (the topics' slugs changed, or there is no site
    /// yet): then everything is parsed again. `entities`: entities.yaml changed.
    pub(super) fn rebuild_frame(&mut self, entities_changed: bool) -> Option<Outcome> {
        let elsewhere = self.problems.keys().any(|origin| !matches!(origin, Origin::Topics | Origin::Entities));
        if self.site.is_none() || self.render_all || !self.pending.is_empty() || elsewhere {
            return None;
        }
        let frame = self.frame.as_ref()?;
        let (topics, topic_problems) = parse_topics(&self.source.topics, &frame.config.languages[1..]);
        let topic_slugs = topic_slugs(&topics);
        let topic_titles = topic_titles(&topics);
        // Problems in articles (whose messages may name a topic's title) took the slow path above.
        if topic_slugs != frame.topic_slugs || !topic_problems.is_empty() {
            return None;
        }
        self.problems.remove(&Origin::Topics);
        let (entities, entity_problems) = parse_entities(self.source.entities.as_ref(), &frame.config);
        if !entity_problems.is_empty() {
            // The frame stays the one the served site was assembled with.
            self.problems.insert(Origin::Entities, entity_problems);
            return Some(Outcome::Failed(self.all_problems()));
        }
        self.problems.remove(&Origin::Entities);
        let before = self.frame.take()?;
        let same_topics = same_places(&before.topics, &topics);
        let (pages, authors, measures) = (before.pages, before.authors, before.measures);
        let frame =
            Frame { config: before.config, topics, topic_slugs, topic_titles, entities, pages, authors, measures };
        self.frame = Some(frame);
        let frame = self.frame.as_ref().expect("just set");
        let site = self.site.as_mut().expect("checked above");
        // Only descriptions changed: the terms, actors and measures are those assembled.
        let described = !entities_changed || before.entities.differs_only_in_descriptions(&frame.entities);
        if !same_topics || !described {
            // Articles filed under other terms: their related lists are computed again.
            let refiled = if entities_changed { refiled(site, &before.entities, &frame.entities) } else { Vec::new() };
            return Some(self.reassemble(refiled));
        }
        // Assembling would give the same site with the topics' new text and the terms' new
        // descriptions: they are put in place.
        let mut replaced = Vec::with_capacity(site.topics.len());
        for entry in &mut site.topics {
            let (defaults, translations): (Vec<&Topic>, Vec<&Topic>) = (frame.topics.iter())
                .filter(|topic| topic.slug == entry.topic.slug)
                .partition(|topic| topic.translation_language().is_none());
            let topic = std::mem::replace(&mut entry.topic, defaults[0].clone());
            let translations = translations.into_iter().cloned().collect();
            replaced.push((topic, std::mem::replace(&mut entry.translations, translations)));
        }
        if entities_changed {
            describe_terms(&mut site.taxonomies, &frame.entities, &site.config);
        }
        let outcome = self.render(true);
        if matches!(outcome, Outcome::Failed(_)) {
            // The site stays the last good one, served while the problem stands; the next
            // change assembles it again with the new frame.
            let site = self.site.as_mut().expect("checked above");
            for (entry, (topic, translations)) in site.topics.iter_mut().zip(replaced) {
                (entry.topic, entry.translations) = (topic, translations);
            }
            describe_terms(&mut site.taxonomies, &before.entities, &site.config);
            self.reparse = true;
        }
        Some(outcome)
    }

    /// Assembles the site again with the new frame, reusing every related list that the
    /// change cannot touch, and renders what shows differently.
    fn reassemble(&mut self, refiled: Vec<PathBuf>) -> Outcome {
        let old = self.site.take().expect("checked by the caller");
        let paths = old.articles.iter().map(|article| article.path.clone()).collect();
        let (mut articles, related) = self.take_for_assembly(old);
        let frame = self.frame.as_ref().expect("set by the caller");
        let reuse = Reuse { paths, related, changed: refiled };
        articles.extend(std::mem::take(&mut self.withheld).into_values());
        let options = site_options(&self.options);
        self.withheld = super::withheld(&articles, &options);
        let (config, topics) = (frame.config.clone(), frame.topics.clone());
        match Site::assemble_reusing(config, articles, topics, &frame.entities, options, Some(reuse)) {
            Ok(site) => match self.with_pages(site) {
                Ok(site) => self.site = Some(site),
                Err(failed) => return failed,
            },
            Err(problems) => {
                self.problems.insert(Origin::Site, problems);
                self.reparse = true;
                return Outcome::Failed(self.all_problems());
            }
        }
        self.render(false)
    }
}

/// Whether the topics, as parsed again, keep their files, slugs, languages and order: then
/// assembling the site gives the same site with their new text (assembly reads nothing
/// else of them), which is put in place.
fn same_places(before: &[Topic], after: &[Topic]) -> bool {
    let place = |topic: &Topic| (topic.path.clone(), topic.slug.clone(), topic.translation_language());
    let order = |topics: &[Topic]| {
        let mut defaults: Vec<&Topic> = topics.iter().filter(|t| t.translation_language().is_none()).collect();
        defaults.sort_by(|a, b| {
            a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)).then_with(|| a.slug.cmp(&b.slug))
        });
        defaults.into_iter().map(|topic| topic.slug.clone()).collect::<Vec<String>>()
    };
    before.len() == after.len() && before.iter().map(place).eq(after.iter().map(place)) && order(before) == order(after)
}

/// The paths of the articles whose terms fold into other canonical names with the new
/// entities than with the old ones.
fn refiled(site: &Site, before: &Entities, after: &Entities) -> Vec<PathBuf> {
    let mut cache: HashMap<(usize, &str), bool> = HashMap::new();
    site.articles
        .iter()
        .filter(|article| {
            article.terms.iter().enumerate().any(|(t, written)| {
                let taxonomy = &site.config.taxonomies[t];
                written.iter().any(|name| {
                    *cache
                        .entry((t, name.as_str()))
                        .or_insert_with(|| before.canonical(taxonomy, name) != after.canonical(taxonomy, name))
                })
            })
        })
        .map(|article| article.path.clone())
        .collect()
}
