//! Related articles: those sharing the most topics, organizations, regions and tags.

use rayon::prelude::*;

use super::{ArticleId, Taxonomy};

/// How many related articles an article page lists.
pub const LIMIT: usize = 5;

/// Weights of what two articles share: a topic says most, a tag least.
const TOPIC_WEIGHT: u32 = 3;
const TAG_WEIGHT: u32 = 1;
const ENTITY_WEIGHT: u32 = 2;

/// What related lists are computed from: who carries which topic and term.
struct Postings<'a> {
    article_topics: &'a [Vec<usize>],
    article_terms: &'a [Vec<Vec<usize>>],
    taxonomies: &'a [Taxonomy],
    topic_postings: Vec<Vec<ArticleId>>,
    weights: Vec<u32>,
}

impl<'a> Postings<'a> {
    fn new(
        article_topics: &'a [Vec<usize>],
        article_terms: &'a [Vec<Vec<usize>>],
        taxonomies: &'a [Taxonomy],
    ) -> Postings<'a> {
        let topic_count = article_topics.iter().flatten().max().map_or(0, |m| m + 1);
        let mut topic_postings: Vec<Vec<ArticleId>> = vec![Vec::new(); topic_count];
        for (id, topics) in article_topics.iter().enumerate() {
            for &topic in topics {
                topic_postings[topic].push(id);
            }
        }
        let weights = taxonomies.iter().map(|t| if t.name == "tags" { TAG_WEIGHT } else { ENTITY_WEIGHT }).collect();
        Postings { article_topics, article_terms, taxonomies, topic_postings, weights }
    }

    fn len(&self) -> usize {
        self.article_topics.len()
    }

    /// Calls `add(other, weight)` once per topic or term `id` shares with `other`.
    fn for_each_shared(&self, id: ArticleId, mut add: impl FnMut(ArticleId, u32)) {
        for &topic in &self.article_topics[id] {
            for &other in &self.topic_postings[topic] {
                add(other, TOPIC_WEIGHT);
            }
        }
        for (t, terms) in self.article_terms[id].iter().enumerate() {
            for &term in terms {
                for &other in &self.taxonomies[t].terms[term].articles {
                    add(other, self.weights[t]);
                }
            }
        }
    }

    /// The score of what two articles share; the same as `for_each_shared` adds up.
    fn score(&self, a: ArticleId, b: ArticleId) -> u32 {
        let shared = |x: &[usize], y: &[usize]| x.iter().filter(|i| y.contains(i)).count() as u32;
        let mut score = TOPIC_WEIGHT * shared(&self.article_topics[a], &self.article_topics[b]);
        for (t, (x, y)) in self.article_terms[a].iter().zip(&self.article_terms[b]).enumerate() {
            score += self.weights[t] * shared(x, y);
        }
        score
    }

    /// The `LIMIT` best-scoring others of `id`; `scores` is all zeros before and after.
    fn best(&self, id: ArticleId, scores: &mut [u32], touched: &mut Vec<ArticleId>) -> Vec<ArticleId> {
        self.for_each_shared(id, |other, weight| {
            if other != id {
                if scores[other] == 0 {
                    touched.push(other);
                }
                scores[other] += weight;
            }
        });
        let mut best: Vec<(u32, ArticleId)> = touched.iter().map(|&other| (scores[other], other)).collect();
        if best.len() > LIMIT {
            best.select_nth_unstable_by(LIMIT - 1, by_rank);
            best.truncate(LIMIT);
        }
        best.sort_by(by_rank);
        for &other in touched.iter() {
            scores[other] = 0;
        }
        touched.clear();
        best.into_iter().map(|(_, other)| other).collect()
    }

    fn best_of_each(&self, ids: &[ArticleId]) -> Vec<Vec<ArticleId>> {
        let len = self.len();
        // Scratch buffers are per rayon job; a high minimum length keeps their number low.
        ids.par_iter()
            .with_min_len(64)
            .map_init(|| (vec![0u32; len], Vec::new()), |(scores, touched), &id| self.best(id, scores, touched))
            .collect()
    }
}

/// Ids are in date order, newest first, so a lower id wins a tie.
fn by_rank(a: &(u32, ArticleId), b: &(u32, ArticleId)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// For each article, the `LIMIT` best-scoring others, ties going to the most recent.
///
/// Scores are accumulated through the posting lists (term -> articles) rather than by
/// comparing every pair, so the cost follows what articles actually share.
pub fn related_articles(
    article_topics: &[Vec<usize>],
    article_terms: &[Vec<Vec<usize>>],
    taxonomies: &[Taxonomy],
) -> Vec<Vec<ArticleId>> {
    let postings = Postings::new(article_topics, article_terms, taxonomies);
    let all: Vec<ArticleId> = (0..postings.len()).collect();
    postings.best_of_each(&all)
}

/// The same lists as `related_articles`, reusing `previous` lists (in the current ids;
/// `None` for a new article or a list that held a removed one) when only the articles
/// `changed` (current ids) and the removed ones differ from the earlier site.
///
/// The score of two unchanged articles is unchanged and so is their order, so an
/// unchanged article's list can only change if it held a changed or removed article
/// (`previous` then is `None` too) or if a changed article now beats its last entry.
pub fn update_related(
    article_topics: &[Vec<usize>],
    article_terms: &[Vec<Vec<usize>>],
    taxonomies: &[Taxonomy],
    mut previous: Vec<Option<Vec<ArticleId>>>,
    changed: &[ArticleId],
) -> Vec<Vec<ArticleId>> {
    let postings = Postings::new(article_topics, article_terms, taxonomies);
    let mut is_changed = vec![false; postings.len()];
    for &x in changed {
        is_changed[x] = true;
    }
    for list in &mut previous {
        if list.as_ref().is_some_and(|list| list.iter().any(|&id| is_changed[id])) {
            *list = None;
        }
    }
    for &x in changed {
        previous[x] = None;
    }
    for &x in changed {
        let mut candidates: Vec<ArticleId> = Vec::new();
        postings.for_each_shared(x, |other, _| candidates.push(other));
        candidates.sort_unstable();
        candidates.dedup();
        for other in candidates {
            if other == x {
                continue;
            }
            let Some(list) = &previous[other] else { continue };
            let entry = (postings.score(other, x), x);
            let beats_last = match list.last() {
                Some(&last) if list.len() >= LIMIT => by_rank(&entry, &(postings.score(other, last), last)).is_lt(),
                _ => true,
            };
            if beats_last {
                previous[other] = None;
            }
        }
    }
    let stale: Vec<ArticleId> = (0..postings.len()).filter(|&id| previous[id].is_none()).collect();
    let mut fresh = postings.best_of_each(&stale).into_iter();
    previous
        .into_iter()
        .map(|list| list.unwrap_or_else(|| fresh.next().expect("one fresh list per stale id")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Term;

    fn taxonomy(name: &str, terms: Vec<Vec<ArticleId>>) -> Taxonomy {
        let terms = terms
            .into_iter()
            .enumerate()
            .map(|(i, articles)| Term { name: format!("t{i}"), slug: format!("t{i}"), description: None, articles })
            .collect();
        Taxonomy { name: name.to_owned(), terms }
    }

    #[test]
    fn update_matches_a_full_computation() {
        // 8 articles, 2 topics, tags: article 3 changes from topic 1 to topic 0 with a new tag.
        let topics_before: Vec<Vec<usize>> =
            vec![vec![0], vec![0], vec![1], vec![1], vec![0], vec![1], vec![0], vec![1]];
        let terms_before: Vec<Vec<Vec<usize>>> = vec![
            vec![vec![0]],
            vec![vec![]],
            vec![vec![0]],
            vec![vec![1]],
            vec![vec![]],
            vec![vec![1]],
            vec![vec![0]],
            vec![vec![]],
        ];
        let tags_before = taxonomy("tags", vec![vec![0, 2, 6], vec![3, 5]]);
        let before = related_articles(&topics_before, &terms_before, std::slice::from_ref(&tags_before));

        let mut topics_after = topics_before.clone();
        topics_after[3] = vec![0];
        let mut terms_after = terms_before.clone();
        terms_after[3] = vec![vec![0]];
        let tags_after = taxonomy("tags", vec![vec![0, 2, 3, 6], vec![5]]);
        let full = related_articles(&topics_after, &terms_after, std::slice::from_ref(&tags_after));
        let previous = before.into_iter().map(Some).collect();
        let updated = update_related(&topics_after, &terms_after, &[tags_after], previous, &[3]);
        assert_eq!(updated, full);
    }
}
