//! Related articles: those sharing the most topics, organizations, regions and tags.

use rayon::prelude::*;

use super::{ArticleId, Taxonomy};

/// How many related articles an article page lists.
pub const LIMIT: usize = 5;

/// Weights of what two articles share: a topic says most, a tag least.
const TOPIC_WEIGHT: u32 = 3;
const TAG_WEIGHT: u32 = 1;
const ENTITY_WEIGHT: u32 = 2;

/// Articles per parallel task: each task allocates its working memory once.
const CHUNK: usize = 256;

/// For each article, the `LIMIT` best-scoring others (the sum of the weights of what
/// they share), ties going to the most recent.
///
/// Exact, without scoring every pair: an article's features (its topics and terms)
/// are visited cheapest first (shortest posting list per unit of weight); every
/// article met there is scored in full, and the visit stops as soon as the features
/// left could not, all together, lift an unseen article to the current last place.
/// Rare features come first, so the common ones (a big region, a big topic) are
/// seldom read: the cost follows what articles share, not the number of pairs.
pub fn related_articles(
    article_topics: &[Vec<usize>],
    article_terms: &[Vec<Vec<usize>>],
    taxonomies: &[Taxonomy],
) -> Vec<Vec<ArticleId>> {
    let features = Features::new(article_topics, article_terms, taxonomies);
    let ids: Vec<ArticleId> = (0..article_topics.len()).collect();
    ids.par_chunks(CHUNK)
        .flat_map_iter(|chunk| {
            let mut scratch = Scratch::new(article_topics.len(), features.weights.len());
            chunk.iter().map(|&id| features.best(id, &mut scratch)).collect::<Vec<_>>()
        })
        .collect()
}

/// Topics and terms numbered as one list of features: the topics, then the terms of
/// each taxonomy in turn.
struct Features<'a> {
    weights: Vec<u32>,
    topic_postings: Vec<Vec<ArticleId>>,
    /// Per taxonomy: the feature number of its first term.
    first_term: Vec<usize>,
    taxonomies: &'a [Taxonomy],
    article_topics: &'a [Vec<usize>],
    article_terms: &'a [Vec<Vec<usize>>],
}

/// One task's working memory, reused from article to article.
struct Scratch {
    /// `seen[other] == id + 1`: `other` was already scored for article `id`.
    seen: Vec<u32>,
    /// The weight of each feature of the current article, 0 for the others.
    weight: Vec<u32>,
    /// The current article's features: (feature, weight, postings length).
    mine: Vec<(usize, u32, usize)>,
    /// The best so far, best first: (score, article).
    best: Vec<(u32, ArticleId)>,
}

impl Scratch {
    fn new(article_count: usize, feature_count: usize) -> Scratch {
        Scratch {
            seen: vec![0; article_count],
            weight: vec![0; feature_count],
            mine: Vec::new(),
            best: Vec::with_capacity(LIMIT + 1),
        }
    }
}

impl<'a> Features<'a> {
    fn new(
        article_topics: &'a [Vec<usize>],
        article_terms: &'a [Vec<Vec<usize>>],
        taxonomies: &'a [Taxonomy],
    ) -> Features<'a> {
        let topic_count = article_topics.iter().flatten().max().map_or(0, |m| m + 1);
        let mut topic_postings: Vec<Vec<ArticleId>> = vec![Vec::new(); topic_count];
        for (id, topics) in article_topics.iter().enumerate() {
            for &topic in topics {
                topic_postings[topic].push(id);
            }
        }
        let mut weights = vec![TOPIC_WEIGHT; topic_count];
        let mut first_term = Vec::with_capacity(taxonomies.len());
        for taxonomy in taxonomies {
            first_term.push(weights.len());
            let weight = if taxonomy.name == "tags" { TAG_WEIGHT } else { ENTITY_WEIGHT };
            weights.extend(std::iter::repeat_n(weight, taxonomy.terms.len()));
        }
        Features { weights, topic_postings, first_term, taxonomies, article_topics, article_terms }
    }

    /// The features of an article.
    fn of(&self, id: ArticleId) -> impl Iterator<Item = usize> + '_ {
        let terms = self.article_terms[id]
            .iter()
            .enumerate()
            .flat_map(move |(t, terms)| terms.iter().map(move |&term| self.first_term[t] + term));
        self.article_topics[id].iter().copied().chain(terms)
    }

    fn postings(&self, feature: usize) -> &[ArticleId] {
        if feature < self.topic_postings.len() {
            return &self.topic_postings[feature];
        }
        let t = self.first_term.partition_point(|&first| first <= feature) - 1;
        &self.taxonomies[t].terms[feature - self.first_term[t]].articles
    }

    /// The best `LIMIT` others for `id`, best first.
    fn best(&self, id: ArticleId, scratch: &mut Scratch) -> Vec<ArticleId> {
        let Scratch { seen, weight, mine, best } = scratch;
        mine.clear();
        best.clear();
        for feature in self.of(id) {
            weight[feature] = self.weights[feature];
            mine.push((feature, self.weights[feature], self.postings(feature).len()));
        }
        // Cheapest first: fewest articles to score per unit of weight.
        mine.sort_by(|a, b| (a.2 * b.1 as usize).cmp(&(b.2 * a.1 as usize)).then(a.0.cmp(&b.0)));
        let stamp = id as u32 + 1;
        seen[id] = stamp;
        let mut left: u32 = mine.iter().map(|m| m.1).sum();
        for &(feature, feature_weight, _) in mine.iter() {
            // An article not met yet shares only features still left: it scores at most `left`,
            // and must beat the last place (a tie goes to the lower id, which may be unseen).
            if best.len() == LIMIT && left < best[LIMIT - 1].0 {
                break;
            }
            left -= feature_weight;
            for &other in self.postings(feature) {
                if seen[other] == stamp {
                    continue;
                }
                seen[other] = stamp;
                let score: u32 = self.of(other).map(|f| weight[f]).sum();
                let candidate = (score, other);
                let rank = |a: &(u32, ArticleId)| (std::cmp::Reverse(a.0), a.1);
                if best.len() == LIMIT && rank(&candidate) >= rank(&best[LIMIT - 1]) {
                    continue;
                }
                let at = best.partition_point(|b| rank(b) < rank(&candidate));
                best.insert(at, candidate);
                best.truncate(LIMIT);
            }
        }
        for &(feature, _, _) in mine.iter() {
            weight[feature] = 0;
        }
        best.iter().map(|&(_, other)| other).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Term;

    /// Every pair scored: the definition the fast version must match exactly.
    fn brute_force(
        article_topics: &[Vec<usize>],
        article_terms: &[Vec<Vec<usize>>],
        taxonomies: &[Taxonomy],
    ) -> Vec<Vec<ArticleId>> {
        let n = article_topics.len();
        (0..n)
            .map(|a| {
                let mut scored: Vec<(u32, ArticleId)> = (0..n)
                    .filter(|&b| b != a)
                    .map(|b| {
                        let mut score = 0;
                        for t in &article_topics[a] {
                            if article_topics[b].contains(t) {
                                score += TOPIC_WEIGHT;
                            }
                        }
                        for (x, taxonomy) in taxonomies.iter().enumerate() {
                            let weight = if taxonomy.name == "tags" { TAG_WEIGHT } else { ENTITY_WEIGHT };
                            for term in &article_terms[a][x] {
                                if article_terms[b][x].contains(term) {
                                    score += weight;
                                }
                            }
                        }
                        (score, b)
                    })
                    .filter(|&(score, _)| score > 0)
                    .collect();
                scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
                scored.into_iter().take(LIMIT).map(|(_, b)| b).collect()
            })
            .collect()
    }

    /// Article topics, article terms and taxonomies.
    type Sample = (Vec<Vec<usize>>, Vec<Vec<Vec<usize>>>, Vec<Taxonomy>);

    /// A site-shaped random sample: few topics, skewed terms, some articles sharing nothing.
    fn sample(n: usize, seed: u64) -> Sample {
        let mut state = seed;
        let mut next = move |below: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % below
        };
        let sizes = [("tags", 40), ("organizations", 15), ("regions", 6), ("people", 3)];
        let mut taxonomies: Vec<Taxonomy> = sizes
            .iter()
            .map(|(name, count)| Taxonomy {
                name: name.to_string(),
                terms: (0..*count)
                    .map(|i| Term { name: i.to_string(), slug: i.to_string(), description: None, articles: vec![] })
                    .collect(),
            })
            .collect();
        let mut article_topics = Vec::new();
        let mut article_terms = Vec::new();
        for id in 0..n {
            let mut topics = vec![next(5)];
            if next(4) == 0 && topics[0] != 4 {
                topics.push(4);
            }
            article_topics.push(topics);
            let mut per_taxonomy = Vec::new();
            for (x, (_, count)) in sizes.iter().enumerate() {
                let mut terms: Vec<usize> = Vec::new();
                for _ in 0..next(4) {
                    // Skewed: low numbers are common.
                    let bound = next(*count) + 1;
                    let term = next(bound);
                    if !terms.contains(&term) {
                        terms.push(term);
                        taxonomies[x].terms[term].articles.push(id);
                    }
                }
                per_taxonomy.push(terms);
            }
            article_terms.push(per_taxonomy);
        }
        (article_topics, article_terms, taxonomies)
    }

    #[test]
    fn matches_scoring_every_pair() {
        for (n, seed) in [(1, 1), (7, 2), (300, 3), (1000, 4), (1000, 5)] {
            let (topics, terms, taxonomies) = sample(n, seed);
            assert_eq!(
                related_articles(&topics, &terms, &taxonomies),
                brute_force(&topics, &terms, &taxonomies),
                "n = {n}, seed = {seed}"
            );
        }
    }
}
