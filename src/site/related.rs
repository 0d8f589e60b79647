//! Related articles: those sharing the most topics, organizations, regions and tags.

use rayon::prelude::*;

use super::{ArticleId, Taxonomy};
use crate::content::Article;

/// How many related articles an article page lists.
pub const LIMIT: usize = 5;

/// Weights of what two articles share: a topic says most, a tag least.
const TOPIC_WEIGHT: u32 = 3;
const TAG_WEIGHT: u32 = 1;
const ENTITY_WEIGHT: u32 = 2;

/// For each article, the `LIMIT` best-scoring others, ties going to the most recent.
///
/// Scores are accumulated through the posting lists (term -> articles) rather than by
/// comparing every pair, so the cost follows what articles actually share.
pub fn related_articles(
    articles: &[Article],
    article_topics: &[Vec<usize>],
    article_terms: &[Vec<Vec<usize>>],
    taxonomies: &[Taxonomy],
) -> Vec<Vec<ArticleId>> {
    let topic_count = article_topics.iter().flatten().max().map_or(0, |m| m + 1);
    let mut topic_postings: Vec<Vec<ArticleId>> = vec![Vec::new(); topic_count];
    for (id, topics) in article_topics.iter().enumerate() {
        for &topic in topics {
            topic_postings[topic].push(id);
        }
    }
    let weights: Vec<u32> =
        taxonomies.iter().map(|t| if t.name == "tags" { TAG_WEIGHT } else { ENTITY_WEIGHT }).collect();

    (0..articles.len())
        .into_par_iter()
        .map_init(
            || (vec![0u32; articles.len()], Vec::new()),
            |(scores, touched), id| {
                let mut add = |postings: &[ArticleId], weight: u32| {
                    for &other in postings {
                        if other != id {
                            if scores[other] == 0 {
                                touched.push(other);
                            }
                            scores[other] += weight;
                        }
                    }
                };
                for &topic in &article_topics[id] {
                    add(&topic_postings[topic], TOPIC_WEIGHT);
                }
                for (t, terms) in article_terms[id].iter().enumerate() {
                    for &term in terms {
                        add(&taxonomies[t].terms[term].articles, weights[t]);
                    }
                }
                // Ids are in date order, newest first, so a lower id wins a tie.
                let mut best: Vec<(u32, ArticleId)> = touched.iter().map(|&other| (scores[other], other)).collect();
                let by_rank = |a: &(u32, ArticleId), b: &(u32, ArticleId)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
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
            },
        )
        .collect()
}
