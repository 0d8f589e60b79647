//! Compact JSON for document lists, and the split of sorted keys into shards of bounded size.

/// A sorted list of document ids as gaps, where a run of consecutive ids is its first gap
/// followed by minus the number of ids after the first: `[3, 4, 5, 9]` -> `[4, -2, 4]`.
/// Ids are in date order, so the lists of a year or a busy topic are mostly runs.
pub(crate) fn encode_ids(ids: &[u32]) -> Vec<i64> {
    let mut out = Vec::new();
    let mut previous: i64 = -1;
    let mut index = 0;
    while index < ids.len() {
        let start = ids[index];
        let mut end = index;
        while end + 1 < ids.len() && ids[end + 1] == ids[end] + 1 {
            end += 1;
        }
        out.push(i64::from(start) - previous);
        if end > index {
            out.push(-((end - index) as i64));
        }
        previous = i64::from(ids[end]);
        index = end + 1;
    }
    out
}

/// The inverse of `encode_ids` (the browser's `decodeIds` does the same).
pub fn decode_ids(encoded: &[i64]) -> Vec<u32> {
    let mut ids = Vec::new();
    let mut previous: i64 = -1;
    for &value in encoded {
        if value < 0 {
            for _ in 0..-value {
                previous += 1;
                ids.push(previous as u32);
            }
        } else {
            previous += value;
            ids.push(previous as u32);
        }
    }
    ids
}

/// Splits entries sorted by key into consecutive shards of about `target` bytes each;
/// an entry larger than `target` is a shard of its own. Returns the index of each shard's
/// first entry; the browser finds a key's shard by the first keys of the shards.
pub(super) fn shard_starts(sizes: &[usize], target: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut current = 0;
    for (index, &size) in sizes.iter().enumerate() {
        if index == 0 || current + size > target {
            starts.push(index);
            current = 0;
        }
        current += size;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_become_one_gap_and_a_count() {
        assert_eq!(encode_ids(&[3, 4, 5, 9]), [4, -2, 4]);
        assert_eq!(encode_ids(&[0, 1, 2, 3]), [1, -3]);
        assert_eq!(encode_ids(&[0, 2, 4]), [1, 2, 2]);
        assert_eq!(encode_ids(&[]), Vec::<i64>::new());
    }

    #[test]
    fn decoding_inverts_encoding() {
        let cases: [&[u32]; 4] = [&[], &[0], &[7, 8, 9, 20, 21, 40], &[1, 3, 5, 6, 7, 8, 100_000]];
        for ids in cases {
            assert_eq!(decode_ids(&encode_ids(ids)), ids);
        }
    }

    #[test]
    fn shards_stay_under_the_target_unless_one_entry_is_larger() {
        assert_eq!(shard_starts(&[4, 4, 4, 4, 4], 10), [0, 2, 4]);
        assert_eq!(shard_starts(&[3, 30, 3, 3], 10), [0, 1, 2]);
        assert_eq!(shard_starts(&[], 10), Vec::<usize>::new());
    }
}
