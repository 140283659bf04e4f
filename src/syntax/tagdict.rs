//! The tag dictionary: for each word form of the training treebanks (lower-cased, see
//! [`lower_key`](super::clusters::lower_key)), the set of UPOS tags it was seen with, as a
//! bit mask (its "ambiguity class").
//!
//! Why: the greedy tagger knows the tags it has just given, to its left, but not those to its
//! right; the ambiguity classes of the next words ("la" DET|PRON, "porte" NOUN|VERB) stand in
//! for them.
//!
//! Training: a word of a training sentence gets the class learned from the *other* folds
//! ([`TagDict::jackknifed`]), so that the training words, like unseen text, are sometimes
//! unknown and sometimes seen with fewer tags than they can have; the shipped dictionary is
//! learned from all the training words.

use super::weights::{read_key_table, write_key_table, Corrupt, Reader};
use rustc_hash::FxHashMap;

/// The class of a word the dictionary does not hold (no tag bit set).
pub const UNKNOWN: u32 = 0;

/// Tags are bits `0..MAX_TAGS` of a class; the bits above hold how often the word was seen
/// (1, 2–3, 4–9, 10 or more times), so that a class learned from one occurrence ("manifestant"
/// seen once, as VERB) is not trusted like one learned from hundreds.
pub const MAX_TAGS: usize = 28;

#[derive(Debug, Clone, Default)]
pub struct TagDict {
    map: FxHashMap<u64, u32>,
}

impl TagDict {
    /// Learns from (lower-cased form hash, tag index) pairs; tags from [`MAX_TAGS`] on are
    /// not recorded.
    pub fn learn(pairs: impl IntoIterator<Item = (u64, usize)>) -> TagDict {
        let mut seen: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        for (w, t) in pairs {
            let e = seen.entry(w).or_insert((0, 0));
            e.1 += 1;
            if t < MAX_TAGS {
                e.0 |= 1 << t;
            }
        }
        let map = seen
            .into_iter()
            .map(|(w, (mask, n))| {
                let bucket = match n {
                    1 => 1,
                    2..=3 => 2,
                    4..=9 => 3,
                    _ => 4,
                };
                (w, mask | bucket << MAX_TAGS)
            })
            .collect();
        TagDict { map }
    }

    /// One dictionary per fold: `sentences[i]` (lower-cased form hashes and tags) belongs to
    /// fold `i % folds`, and the dictionary of fold `k` learns from the other folds.
    pub fn jackknifed(sentences: &[(&[u64], &[usize])], folds: usize) -> Vec<TagDict> {
        (0..folds)
            .map(|k| {
                TagDict::learn(
                    sentences
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % folds != k)
                        .flat_map(|(_, (w, t))| w.iter().copied().zip(t.iter().copied())),
                )
            })
            .collect()
    }

    /// The class of a lower-cased form's hash, [`UNKNOWN`] when never seen.
    #[inline]
    pub fn get(&self, lower: u64) -> u32 {
        self.map.get(&lower).copied().unwrap_or(UNKNOWN)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// u32 count, then (u64 key, u32 class) sorted by key.
    pub fn write(&self, out: &mut Vec<u8>) {
        write_key_table(out, &self.map, |c| c.to_le_bytes());
    }

    pub fn read(r: &mut Reader<'_>) -> Result<TagDict, Corrupt> {
        let map = read_key_table(r, u32::from_le_bytes)?;
        Ok(TagDict { map })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_jackknife_and_round_trip() {
        let d = TagDict::learn([(7, 0), (7, 3), (9, 1), (9, 40), (5, 2)]);
        let seen = |n: u32| n << MAX_TAGS;
        assert_eq!(d.get(7), 0b1001 | seen(2), "seen twice");
        assert_eq!(d.get(9), 0b10 | seen(2), "tag 40 is not recorded");
        assert_eq!(d.get(5), 0b100 | seen(1), "seen once");
        assert_eq!(d.get(8), UNKNOWN);
        let (w0, t0) = ([1u64, 2], [0usize, 1]);
        let (w1, t1) = ([1u64], [2usize]);
        let folds = TagDict::jackknifed(&[(&w0, &t0), (&w1, &t1)], 2);
        assert_eq!(
            folds[0].get(1),
            0b100 | seen(1),
            "fold 0 learns from sentence 1 only"
        );
        assert_eq!(folds[0].get(2), UNKNOWN);
        assert_eq!(folds[1].get(1), 0b1 | seen(1));
        let mut bytes = Vec::new();
        d.write(&mut bytes);
        let back = TagDict::read(&mut Reader {
            bytes: &bytes,
            at: 0,
        })
        .expect("reads back");
        assert_eq!(back.map, d.map);
    }
}
