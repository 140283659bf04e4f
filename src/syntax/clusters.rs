//! Word clusters for the tagger, the FEATS classifier and the parser: each known word form has
//! a fine cluster (about 20,000) and a coarse one (about 256), read from a table
//! `word <TAB> fine <TAB> coarse` (the project's `data/fr/ner/clusters.tsv`, derived from
//! fastText vectors trained on hundreds of millions of words, far more text than the
//! treebanks hold).
//!
//! Why clusters: a word the treebanks never saw ("Choïgou", "vaccinodrome") still falls in a
//! cluster with words they did see, so its features are not all blank (Koo et al. 2008 for
//! parsing; here the clusters come from vectors rather than Brown's bigram model). The table
//! is copied into the model file, keyed by a 64-bit hash of the form, so that a model always
//! carries the clusters it was trained with and loads without the text table.
//!
//! Lookup: the form as written, else its lower-cased form (digits as 0, typographic apostrophe
//! as `'`): the table's own entry for that lower-case word when it has one, else the most
//! frequent word (lowest fine cluster) among those that lower-case alike.

use super::weights::{hash_str, read_key_table, write_key_table, Corrupt, Reader};
use rustc_hash::FxHashMap;

/// The cluster value of a word the table does not hold.
pub const UNKNOWN: (u16, u16) = (u16::MAX, u16::MAX);

#[derive(Debug, Clone, Default)]
pub struct Clusters {
    map: FxHashMap<u64, (u16, u16)>,
}

/// A form's lower-cased key text: lower case, digits as 0, `’` as `'`, typographic quotes
/// (`«`, `»`, `“`, `”`, `„`) as `"` and dashes (`–`, `—`) as `-`. Why the quotes and dashes:
/// the treebanks write `"` and `-` where news writes `« »` and `–`, and the tagger would
/// otherwise meet them as unknown words (GSD dev: about 120 guillemets tagged PROPN, NOUN
/// or X).
pub fn lower_key(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        for l in c.to_lowercase() {
            out.push(match l {
                '0'..='9' => '0',
                '’' => '\'',
                '«' | '»' | '“' | '”' | '„' => '"',
                '–' | '—' => '-',
                l => l,
            });
        }
    }
}

/// A malformed cluster table line.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{origin}: line {line}: expected 'word<TAB>fine<TAB>coarse' with numbers under 65535")]
pub struct ClusterError {
    pub origin: String,
    pub line: usize,
}

impl Clusters {
    /// Reads `word <TAB> fine <TAB> coarse` lines (`#` comments and blank lines skipped).
    pub fn from_tsv(origin: &str, text: &str) -> Result<Clusters, ClusterError> {
        let mut exact: FxHashMap<u64, (u16, u16)> = FxHashMap::default();
        let mut lower: FxHashMap<u64, (u16, u16)> = FxHashMap::default();
        let mut buf = String::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = || ClusterError {
                origin: origin.to_string(),
                line: i + 1,
            };
            let mut f = line.split('\t');
            let (Some(word), Some(fine), Some(coarse)) = (f.next(), f.next(), f.next()) else {
                return Err(bad());
            };
            let fine: u16 = fine.trim().parse().map_err(|_| bad())?;
            let coarse: u16 = coarse.trim().parse().map_err(|_| bad())?;
            if fine == u16::MAX || coarse == u16::MAX || word.is_empty() {
                return Err(bad());
            }
            let folded = word.replace('’', "'");
            exact.insert(hash_str(&folded), (fine, coarse));
            lower_key(word, &mut buf);
            let e = lower.entry(hash_str(&buf)).or_insert((fine, coarse));
            if fine < e.0 {
                *e = (fine, coarse);
            }
        }
        for (k, v) in lower {
            exact.entry(k).or_insert(v);
        }
        Ok(Clusters { map: exact })
    }

    /// The (fine, coarse) clusters of a word given the hashes of its form and of its
    /// [`lower_key`]; [`UNKNOWN`] when the table lacks both.
    #[inline]
    pub fn get(&self, exact: u64, lower: u64) -> (u16, u16) {
        match self.map.get(&exact) {
            Some(&c) => c,
            None => self.map.get(&lower).copied().unwrap_or(UNKNOWN),
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// u32 count, then (u64 key, u16 fine, u16 coarse) sorted by key.
    pub fn write(&self, out: &mut Vec<u8>) {
        write_key_table(out, &self.map, |&(f, c)| {
            let (f, c) = (f.to_le_bytes(), c.to_le_bytes());
            [f[0], f[1], c[0], c[1]]
        });
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Clusters, Corrupt> {
        let map = read_key_table(r, |b| {
            (
                u16::from_le_bytes([b[0], b[1]]),
                u16::from_le_bytes([b[2], b[3]]),
            )
        })?;
        Ok(Clusters { map })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_then_lower_case_lookup() {
        let c = Clusters::from_tsv("t", "# comment\nParis\t5\t1\nparis\t900\t2\nÉtat\t7\t3\n")
            .expect("valid");
        let mut buf = String::new();
        let key = |w: &str, buf: &mut String| {
            lower_key(w, buf);
            (hash_str(w), hash_str(buf))
        };
        let (e, l) = key("Paris", &mut buf);
        assert_eq!(c.get(e, l), (5, 1));
        let (e, l) = key("PARIS", &mut buf);
        assert_eq!(
            c.get(e, l),
            (900, 2),
            "the table's own 'paris' before Paris's"
        );
        let (e, l) = key("ÉTAT", &mut buf);
        assert_eq!(c.get(e, l), (7, 3), "no 'état' in the table: État's");
        let (e, l) = key("Lyon", &mut buf);
        assert_eq!(c.get(e, l), UNKNOWN);
        assert!(Clusters::from_tsv("t", "word\tx\t1\n").is_err());
        for (typographic, plain) in [("«", "\""), ("»", "\""), ("“", "\""), ("—", "-")] {
            let (mut a, mut b) = (String::new(), String::new());
            lower_key(typographic, &mut a);
            lower_key(plain, &mut b);
            assert_eq!(a, b, "{typographic} shares {plain}'s key");
        }
        let mut bytes = Vec::new();
        c.write(&mut bytes);
        let back = Clusters::read(&mut Reader {
            bytes: &bytes,
            at: 0,
        })
        .expect("reads back");
        assert_eq!(back.map, c.map);
    }
}
