//! A topic file or entities.yaml changed: the articles are assembled again as they were
//! parsed (they depend on the topics' slugs only), reusing every related list the change
//! cannot touch; the pages whose fingerprint changed are rendered.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::plan::{parse_entities, parse_topics, site_options, topic_slugs, topic_titles};
use crate::site::{Entities, Reuse, Site};

use super::{Engine, Frame, Origin, Outcome};

impl Engine {
    /// Parses the topics and entities again and rebuilds from the articles as parsed;
    /// `None` when that cannot be done (the topics' slugs changed, or there is no site
    /// yet): then everything is parsed again.
    pub(super) fn rebuild_frame(&mut self) -> Option<Outcome> {
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
        let (pages, authors, measures) = (before.pages, before.authors, before.measures);
        self.frame = Some(Frame {
            config: before.config,
            topics,
            topic_slugs,
            topic_titles,
            entities,
            pages,
            authors,
            measures,
        });
        let before_entities = before.entities;
        Some(self.reassemble(&before_entities))
    }

    /// Assembles the site again with the new frame, reusing every related list that the
    /// change cannot touch, and renders what shows differently.
    fn reassemble(&mut self, before_entities: &Entities) -> Outcome {
        let frame = self.frame.as_ref().expect("set by the caller");
        let old = self.site.take().expect("checked by the caller");
        // Articles filed under other terms: their related lists are computed again.
        let refiled = refiled(&old, before_entities, &frame.entities);
        let paths = old.articles.iter().map(|article| article.path.clone()).collect();
        let reuse = Reuse { paths, related: old.related, changed: refiled };
        let mut articles = old.articles;
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
        self.render()
    }
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
