//! Related articles: those sharing the most topics, organizations, regions and tags.

use rayon::prelude::*;

use super::Taxonomy;
use crate::route::{ArticleId as Id, TermId, TopicId};
use crate::taxonomies::{TOPIC_WEIGHT, related_weight};

/// Articles by position: the kernels below count and index with them (postings hold
/// the site's `Id`s).
type ArticleId = usize;

/// How many related articles an article page lists.
pub(super) const LIMIT: usize = 5;

/// Articles per parallel task: each task allocates its working memory once.
const CHUNK: usize = 256;

/// A feature in more than 1/`DENSE` of the articles is kept as a bitset: summing a
/// bitset's word (64 articles) costs a few times less than scoring one article met in a
/// posting list, so short lists are read and long ones summed.
const DENSE: usize = 256;

/// For each article, the `LIMIT` best-scoring others (the sum of the weights of what
/// they share), ties going to the most recent.
///
/// Exact. Scoring every pair through posting lists is quadratic (it took over a
/// minute at 50,000 articles). Here, for one article, the posting lists of its rare
/// features (topics and terms in few articles) are read and every article met there
/// is scored in full. The others can only score through its common features: their
/// sums are computed 64 articles at a time from those features' bitsets (bit-sliced
/// counters), and only the articles that can take the last place are looked at. The
/// pass over the bitsets still grows with the square of the site (n²/64 words), but
/// with a small constant; it stops early once the common features together weigh
/// less than the last place.
pub(super) fn related_articles(
    article_topics: &[Vec<TopicId>],
    article_terms: &[Vec<Vec<TermId>>],
    taxonomies: &[Taxonomy],
) -> Vec<Vec<ArticleId>> {
    let features = Features::new(article_topics, article_terms, taxonomies);
    let ids: Vec<ArticleId> = (0..article_topics.len()).collect();
    best_of_each(&features, &ids)
}

/// The related lists of `ids`, in parallel, with one scratch space per chunk of ids.
fn best_of_each(features: &Features<'_>, ids: &[ArticleId]) -> Vec<Vec<ArticleId>> {
    let articles = features.offsets.len() - 1;
    ids.par_chunks(CHUNK)
        .flat_map_iter(|chunk| {
            let mut scratch = Scratch::new(articles, features.weights.len());
            chunk.iter().map(|&id| features.best(id, &mut scratch)).collect::<Vec<_>>()
        })
        .collect()
}

/// Topics and terms numbered as one list of features: the topics, then the terms of
/// each taxonomy in turn.
struct Features<'a> {
    weights: Vec<u32>,
    topic_postings: Vec<Vec<Id>>,
    /// Per taxonomy: the feature number of its first term.
    first_term: Vec<usize>,
    taxonomies: &'a [Taxonomy],
    /// The features of article `i` are `flat[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    flat: Vec<u32>,
    /// Per feature in many articles: bit `i` is set when article `i` has it.
    bitsets: Vec<Option<Vec<u64>>>,
}

/// One task's working memory, reused from article to article.
struct Scratch<'a> {
    /// `seen[other] == id + 1`: `other` was already scored for article `id`.
    seen: Vec<u32>,
    /// The weight of each feature of the current article, 0 for the others.
    weight: Vec<u32>,
    /// The current article's features: (feature, weight).
    mine: Vec<(usize, u32)>,
    /// Bitsets and weights of its common features.
    common: Vec<(&'a [u64], u32)>,
    /// A bit-sliced counter: bit `b` of plane `p` is bit `p` of the sum for article `b`.
    planes: Vec<u64>,
    /// The best so far, best first: (score, article).
    best: Vec<(u32, ArticleId)>,
}

impl Scratch<'_> {
    fn new(article_count: usize, feature_count: usize) -> Self {
        Scratch {
            seen: vec![0; article_count],
            weight: vec![0; feature_count],
            mine: Vec::new(),
            common: Vec::new(),
            planes: Vec::new(),
            best: Vec::with_capacity(LIMIT + 1),
        }
    }
}

/// Keeps `candidate` if it ranks among the best: higher score, then lower id.
fn offer(best: &mut Vec<(u32, ArticleId)>, candidate: (u32, ArticleId)) {
    let rank = |a: &(u32, ArticleId)| (std::cmp::Reverse(a.0), a.1);
    if best.len() == LIMIT && rank(&candidate) >= rank(&best[LIMIT - 1]) {
        return;
    }
    let at = best.partition_point(|b| rank(b) < rank(&candidate));
    best.insert(at, candidate);
    best.truncate(LIMIT);
}

/// Adds `weight` to the counters of the articles whose bits are set in `bits`.
fn add(planes: &mut [u64], bits: u64, weight: u32) {
    for bit in (0..planes.len()).filter(|&b| weight >> b & 1 == 1) {
        let mut carry = bits;
        for plane in &mut planes[bit..] {
            if carry == 0 {
                break;
            }
            let next = *plane & carry;
            *plane ^= carry;
            carry = next;
        }
    }
}

/// The articles whose counter is at least `needed`.
fn at_least(planes: &[u64], needed: u32) -> u64 {
    let (mut greater, mut equal) = (0u64, !0u64);
    for (p, &plane) in planes.iter().enumerate().rev() {
        if needed >> p & 1 == 1 {
            equal &= plane;
        } else {
            greater |= equal & plane;
            equal &= !plane;
        }
    }
    greater | equal
}

impl<'a> Features<'a> {
    fn new(article_topics: &[Vec<TopicId>], article_terms: &[Vec<Vec<TermId>>], taxonomies: &'a [Taxonomy]) -> Self {
        let article_count = article_topics.len();
        let topic_count = article_topics.iter().flatten().max().map_or(0, |m| m.0 + 1);
        let mut topic_postings: Vec<Vec<Id>> = vec![Vec::new(); topic_count];
        for (id, topics) in article_topics.iter().enumerate() {
            for &topic in topics {
                topic_postings[topic].push(Id(id));
            }
        }
        let mut weights = vec![TOPIC_WEIGHT; topic_count];
        let mut first_term = Vec::with_capacity(taxonomies.len());
        for taxonomy in taxonomies {
            first_term.push(weights.len());
            let weight = related_weight(&taxonomy.name);
            weights.extend(std::iter::repeat_n(weight, taxonomy.terms.len()));
        }
        let mut offsets = Vec::with_capacity(article_count + 1);
        let mut flat = Vec::new();
        offsets.push(0);
        for (topics, terms) in article_topics.iter().zip(article_terms) {
            flat.extend(topics.iter().map(|&t| t.0 as u32));
            for (t, terms) in terms.iter().enumerate() {
                flat.extend(terms.iter().map(|&term| (first_term[t] + term.0) as u32));
            }
            offsets.push(flat.len());
        }
        let mut features = Features { weights, topic_postings, first_term, taxonomies, offsets, flat, bitsets: vec![] };
        features.bitsets = (0..features.weights.len())
            .map(|feature| {
                let postings = features.postings(feature);
                (postings.len() > article_count / DENSE).then(|| {
                    let mut bits = vec![0u64; article_count.div_ceil(64)];
                    for &Id(id) in postings {
                        bits[id / 64] |= 1 << (id % 64);
                    }
                    bits
                })
            })
            .collect();
        features
    }

    fn of(&self, id: ArticleId) -> &[u32] {
        &self.flat[self.offsets[id]..self.offsets[id + 1]]
    }

    fn postings(&self, feature: usize) -> &[Id] {
        if feature < self.topic_postings.len() {
            return &self.topic_postings[feature];
        }
        let t = self.first_term.partition_point(|&first| first <= feature) - 1;
        &self.taxonomies[t].terms[feature - self.first_term[t]].articles
    }

    /// The score of `other` for the article whose feature weights are in `weight`.
    fn score(&self, other: ArticleId, weight: &[u32]) -> u32 {
        self.of(other).iter().map(|&f| weight[f as usize]).sum()
    }

    /// The best `LIMIT` others for `id`, best first.
    fn best<'s>(&'s self, id: ArticleId, scratch: &mut Scratch<'s>) -> Vec<ArticleId> {
        let Scratch { seen, weight, mine, common, planes, best } = scratch;
        mine.clear();
        common.clear();
        best.clear();
        for &feature in self.of(id) {
            let feature = feature as usize;
            weight[feature] = self.weights[feature];
            match &self.bitsets[feature] {
                Some(bits) => common.push((bits, self.weights[feature])),
                None => mine.push((feature, self.weights[feature])),
            }
        }
        let stamp = id as u32 + 1;
        seen[id] = stamp;

        // 1. Every article sharing a rare feature, scored in full.
        for &(feature, _) in mine.iter() {
            for &Id(other) in self.postings(feature) {
                if seen[other] != stamp {
                    seen[other] = stamp;
                    offer(best, (self.score(other, weight), other));
                }
            }
        }

        // 2. The others share only common features: sum those, 64 articles at a time,
        // and look at the articles that can take the last place (a tie wins by a lower id).
        let common_weight: u32 = common.iter().map(|c| c.1).sum();
        planes.resize((u32::BITS - common_weight.leading_zeros()) as usize, 0);
        let words = self.bitsets.iter().flatten().next().map_or(0, Vec::len);
        for word in 0..words {
            let (mut needed, last) = if best.len() == LIMIT { best[LIMIT - 1] } else { (1, ArticleId::MAX) };
            if needed > common_weight {
                break;
            }
            if word * 64 > last {
                // Every article here comes after the last place: a tie loses.
                needed += 1;
                if needed > common_weight {
                    break;
                }
            }
            planes.fill(0);
            for &(bits, feature_weight) in common.iter() {
                add(planes, bits[word], feature_weight);
            }
            let mut hits = at_least(planes, needed);
            while hits != 0 {
                let other = word * 64 + hits.trailing_zeros() as usize;
                hits &= hits - 1;
                if seen[other] != stamp {
                    seen[other] = stamp;
                    offer(best, (self.score(other, weight), other));
                }
            }
        }

        for &feature in self.of(id) {
            weight[feature as usize] = 0;
        }
        best.iter().map(|&(_, other)| other).collect()
    }
}

/// Who carries which topic and term: what an update of the related lists looks through.
struct Postings<'a> {
    article_topics: &'a [Vec<TopicId>],
    article_terms: &'a [Vec<Vec<TermId>>],
    taxonomies: &'a [Taxonomy],
    topic_postings: Vec<Vec<Id>>,
    weights: Vec<u32>,
}

impl<'a> Postings<'a> {
    fn new(
        article_topics: &'a [Vec<TopicId>],
        article_terms: &'a [Vec<Vec<TermId>>],
        taxonomies: &'a [Taxonomy],
    ) -> Postings<'a> {
        let topic_count = article_topics.iter().flatten().max().map_or(0, |m| m.0 + 1);
        let mut topic_postings: Vec<Vec<Id>> = vec![Vec::new(); topic_count];
        for (id, topics) in article_topics.iter().enumerate() {
            for &topic in topics {
                topic_postings[topic].push(Id(id));
            }
        }
        let weights = taxonomies.iter().map(|t| related_weight(&t.name)).collect();
        Postings { article_topics, article_terms, taxonomies, topic_postings, weights }
    }

    fn len(&self) -> usize {
        self.article_topics.len()
    }

    /// Calls `add(other, weight)` once per topic or term `id` shares with `other`.
    fn for_each_shared(&self, id: ArticleId, mut add: impl FnMut(ArticleId, u32)) {
        for &topic in &self.article_topics[id] {
            for &Id(other) in &self.topic_postings[topic] {
                add(other, TOPIC_WEIGHT);
            }
        }
        for (t, terms) in self.article_terms[id].iter().enumerate() {
            for &term in terms {
                for &Id(other) in &self.taxonomies[t].terms[term].articles {
                    add(other, self.weights[t]);
                }
            }
        }
    }

    /// The score of what two articles share; the same as `for_each_shared` adds up.
    fn score(&self, a: ArticleId, b: ArticleId) -> u32 {
        fn shared<T: PartialEq>(x: &[T], y: &[T]) -> u32 {
            x.iter().filter(|i| y.contains(i)).count() as u32
        }
        let mut score = TOPIC_WEIGHT * shared(&self.article_topics[a], &self.article_topics[b]);
        for (t, (x, y)) in self.article_terms[a].iter().zip(&self.article_terms[b]).enumerate() {
            score += self.weights[t] * shared(x, y);
        }
        score
    }
}

/// Ids are in date order, newest first, so a lower id wins a tie.
fn by_rank(a: &(u32, ArticleId), b: &(u32, ArticleId)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// The same lists as `related_articles`, reusing `previous` lists (in the current ids;
/// `None` for a new article or a list that held a removed one) when only the articles
/// `changed` (current ids) and the removed ones differ from the earlier site.
///
/// The score of two unchanged articles is unchanged and so is their order, so an
/// unchanged article's list can only change if it held a changed or removed article
/// (`previous` then is `None` too) or if a changed article now beats its last entry.
pub(super) fn update_related(
    article_topics: &[Vec<TopicId>],
    article_terms: &[Vec<Vec<TermId>>],
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
    let features = Features::new(article_topics, article_terms, taxonomies);
    let mut fresh = best_of_each(&features, &stale).into_iter();
    previous
        .into_iter()
        .map(|list| list.unwrap_or_else(|| fresh.next().expect("one fresh list per stale id")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Term;

    /// Every pair scored: the definition the fast version must match exactly.
    fn brute_force(
        article_topics: &[Vec<TopicId>],
        article_terms: &[Vec<Vec<TermId>>],
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
                            let weight = related_weight(&taxonomy.name);
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
    type Sample = (Vec<Vec<TopicId>>, Vec<Vec<Vec<TermId>>>, Vec<Taxonomy>);

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
                    .map(|i| Term {
                        name: i.to_string(),
                        slug: i.to_string(),
                        description: None,
                        descriptions: Default::default(),
                        names: Default::default(),
                        aliases: Vec::new(),
                        facts: None,
                        articles: vec![],
                        articles_in_other_languages: vec![],
                    })
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
            article_topics.push(topics.into_iter().map(TopicId).collect());
            let mut per_taxonomy = Vec::new();
            for (x, (_, count)) in sizes.iter().enumerate() {
                let mut terms: Vec<usize> = Vec::new();
                for _ in 0..next(4) {
                    // Skewed: low numbers are common.
                    let bound = next(*count) + 1;
                    let term = next(bound);
                    if !terms.contains(&term) {
                        terms.push(term);
                        taxonomies[x].terms[term].articles.push(Id(id));
                    }
                }
                per_taxonomy.push(terms.into_iter().map(TermId).collect());
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

    fn taxonomy(name: &str, terms: Vec<Vec<ArticleId>>) -> Taxonomy {
        let terms = terms
            .into_iter()
            .enumerate()
            .map(|(i, articles)| {
                let articles = articles.into_iter().map(Id).collect();
                Term {
                    name: format!("t{i}"),
                    slug: format!("t{i}"),
                    description: None,
                    descriptions: Default::default(),
                    names: Default::default(),
                    aliases: Vec::new(),
                    facts: None,
                    articles,
                    articles_in_other_languages: vec![],
                }
            })
            .collect();
        Taxonomy { name: name.to_owned(), terms }
    }

    #[test]
    fn update_matches_a_full_computation() {
        // 8 articles, 2 topics, tags: article 3 changes from topic 1 to topic 0 with a new tag.
        let topics_before: Vec<Vec<TopicId>> = [0, 0, 1, 1, 0, 1, 0, 1].into_iter().map(|t| vec![TopicId(t)]).collect();
        let terms: Vec<Vec<Vec<usize>>> = vec![
            vec![vec![0]],
            vec![vec![]],
            vec![vec![0]],
            vec![vec![1]],
            vec![vec![]],
            vec![vec![1]],
            vec![vec![0]],
            vec![vec![]],
        ];
        let terms_before: Vec<Vec<Vec<TermId>>> = (terms.into_iter())
            .map(|article| article.into_iter().map(|tags| tags.into_iter().map(TermId).collect()).collect())
            .collect();
        let tags_before = taxonomy("tags", vec![vec![0, 2, 6], vec![3, 5]]);
        let before = related_articles(&topics_before, &terms_before, std::slice::from_ref(&tags_before));

        let mut topics_after = topics_before.clone();
        topics_after[3] = vec![TopicId(0)];
        let mut terms_after = terms_before.clone();
        terms_after[3] = vec![vec![TermId(0)]];
        let tags_after = taxonomy("tags", vec![vec![0, 2, 3, 6], vec![5]]);
        let full = related_articles(&topics_after, &terms_after, std::slice::from_ref(&tags_after));
        let previous = before.into_iter().map(Some).collect();
        let updated = update_related(&topics_after, &terms_after, &[tags_after], previous, &[3]);
        assert_eq!(updated, full);
    }
}
