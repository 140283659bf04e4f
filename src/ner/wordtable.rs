//! A hash table from words to a small `Copy` value, for the per-token lookups of the tagger's
//! features (word clusters, first tokens of gazetteer names).
//!
//! A general-purpose map of string keys costs a lookup three cache misses in a large table:
//! the control bytes, the slot, and the key's bytes wherever they live. Here a slot holds the
//! key itself when it has at most [`INLINE`] bytes (nearly every word), its length and the
//! value, in 32 bytes: a lookup reads one slot (linear probing: usually the next slot is in the
//! same cache line) and compares 16 bytes, without calling `memcmp`. Longer keys live in an
//! arena the slot points into. The slot of a word can be asked for ahead of the lookup
//! ([`WordTable::prefetch`]), so that the waits of a sentence's lookups overlap.

use super::model::prefetch;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// Key bytes held in the slot.
pub const INLINE: usize = 16;

const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot<V> {
    /// The key, zero-padded; for a longer key, its offset in the arena (4 bytes, LE).
    key: [u8; INLINE],
    /// Key length in bytes; `EMPTY` for a free slot.
    len: u32,
    value: V,
}

/// A word's hash and its padded key: what a lookup needs, computed once.
#[derive(Clone, Copy)]
pub struct Probe {
    hash: u64,
    key: [u8; INLINE],
}

#[derive(Clone)]
pub struct WordTable<V> {
    slots: Vec<Slot<V>>,
    /// Keys longer than `INLINE`, one after the other.
    long: Vec<u8>,
    /// Entries held.
    len: usize,
    /// log2 of the slot count.
    bits: u32,
}

impl<V: Copy + Default> Default for WordTable<V> {
    fn default() -> Self {
        WordTable::with_capacity(0)
    }
}

impl<V> std::fmt::Debug for WordTable<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordTable")
            .field("len", &self.len)
            .field("slots", &self.slots.len())
            .finish()
    }
}

#[inline]
fn pad(word: &[u8]) -> [u8; INLINE] {
    let mut k = [0u8; INLINE];
    if word.len() <= INLINE {
        for (d, &s) in k.iter_mut().zip(word) {
            *d = s;
        }
    }
    k
}

/// The hash of a word: a folded 128-bit multiply of its padded bytes for a short one, FxHash
/// for a longer one. Any good mix will do; it only has to be the same at insert and lookup.
#[inline]
fn hash(word: &[u8], key: &[u8; INLINE]) -> u64 {
    if word.len() > INLINE {
        let mut h = FxHasher::default();
        h.write(word);
        return h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    let a = u64::from_le_bytes(key[..8].try_into().unwrap_or_default());
    let b = u64::from_le_bytes(key[8..].try_into().unwrap_or_default());
    let full = ((a ^ 0x243f_6a88_85a3_08d3) as u128)
        .wrapping_mul((b ^ 0x1319_8a2e_0370_7344 ^ (word.len() as u64) << 56) as u128);
    ((full as u64) ^ ((full >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl<V: Copy + Default> WordTable<V> {
    /// A table that holds `n` entries without growing.
    pub fn with_capacity(n: usize) -> Self {
        let bits = (n * 10 / 7 + 1)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        WordTable {
            slots: vec![
                Slot {
                    key: [0; INLINE],
                    len: EMPTY,
                    value: V::default(),
                };
                1 << bits
            ],
            long: Vec::new(),
            len: 0,
            bits,
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn probe(word: &str) -> Probe {
        let key = pad(word.as_bytes());
        Probe {
            hash: hash(word.as_bytes(), &key),
            key,
        }
    }

    #[inline]
    fn home(&self, p: &Probe) -> usize {
        (p.hash >> (64 - self.bits)) as usize
    }

    /// Asks for the cache line of the word's first slot (a hint: no effect on results).
    #[inline]
    pub fn prefetch(&self, p: &Probe) {
        prefetch(&self.slots[self.home(p)]);
    }

    /// The slot of `word` (probed as `p`), or the free slot where it would go.
    #[inline]
    fn find(&self, word: &[u8], p: &Probe) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(p);
        loop {
            let s = &self.slots[i];
            if s.len == EMPTY {
                return i;
            }
            if s.len as usize == word.len() {
                let same = if word.len() <= INLINE {
                    s.key == p.key
                } else {
                    let at = u32::from_le_bytes([s.key[0], s.key[1], s.key[2], s.key[3]]) as usize;
                    &self.long[at..at + word.len()] == word
                };
                if same {
                    return i;
                }
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    pub fn get(&self, word: &str) -> Option<V> {
        self.get_probed(word, &Self::probe(word))
    }

    /// [`WordTable::get`] with the word's probe computed beforehand.
    #[inline]
    pub fn get_probed(&self, word: &str, p: &Probe) -> Option<V> {
        let s = &self.slots[self.find(word.as_bytes(), p)];
        (s.len != EMPTY).then_some(s.value)
    }

    /// Sets the value of `word` to `f(its value, if it has one)`.
    #[cfg(test)]
    pub fn update(&mut self, word: &str, f: impl FnOnce(Option<V>) -> V) {
        self.update_probed(word, &Self::probe(word), f);
    }

    /// For each `(word, x)` in order, sets the value of `word` to `f(its value, if it has
    /// one, x)`: the same as one [`WordTable::update`] after the other, with the slots of the
    /// next words asked for ahead, so that loading a large table does not wait on memory at
    /// every word.
    pub fn update_all<K: AsRef<str>, X>(
        &mut self,
        items: impl IntoIterator<Item = (K, X)>,
        mut f: impl FnMut(Option<V>, X) -> V,
    ) {
        const AHEAD: usize = 16;
        let mut queue = std::collections::VecDeque::with_capacity(AHEAD);
        let mut items = items.into_iter();
        loop {
            while queue.len() < AHEAD {
                let Some((word, x)) = items.next() else { break };
                let p = Self::probe(word.as_ref());
                self.prefetch(&p);
                queue.push_back((word, x, p));
            }
            let Some((word, x, p)) = queue.pop_front() else {
                break;
            };
            self.update_probed(word.as_ref(), &p, |old| f(old, x));
        }
    }

    fn update_probed(&mut self, word: &str, p: &Probe, f: impl FnOnce(Option<V>) -> V) {
        if (self.len + 1) * 10 > self.slots.len() * 7 {
            self.grow();
        }
        let w = word.as_bytes();
        let i = self.find(w, p);
        let s = &mut self.slots[i];
        if s.len != EMPTY {
            s.value = f(Some(s.value));
            return;
        }
        s.value = f(None);
        s.len = u32::try_from(w.len()).expect("a word under 4 GiB");
        if w.len() <= INLINE {
            s.key = p.key;
        } else {
            let at = u32::try_from(self.long.len()).expect("long keys under 4 GiB");
            s.key[..4].copy_from_slice(&at.to_le_bytes());
            self.long.extend_from_slice(w);
        }
        self.len += 1;
    }

    fn grow(&mut self) {
        let mut bigger = WordTable::with_capacity(self.slots.len());
        bigger.long = std::mem::take(&mut self.long);
        for s in self.slots.iter().filter(|s| s.len != EMPTY) {
            let len = s.len as usize;
            let word: &[u8] = if len <= INLINE {
                &s.key[..len]
            } else {
                let at = u32::from_le_bytes([s.key[0], s.key[1], s.key[2], s.key[3]]) as usize;
                &bigger.long[at..at + len]
            };
            let p = Probe {
                hash: hash(word, &s.key),
                key: s.key,
            };
            let mask = bigger.slots.len() - 1;
            let mut i = bigger.home(&p);
            while bigger.slots[i].len != EMPTY {
                i = (i + 1) & mask;
            }
            bigger.slots[i] = *s;
            bigger.len += 1;
        }
        *self = bigger;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    #[test]
    fn behaves_as_a_map() {
        let mut t: WordTable<(u32, u32)> = WordTable::default();
        let mut m: FxHashMap<String, (u32, u32)> = FxHashMap::default();
        for i in 0..5000u32 {
            let w = match i % 5 {
                0 => format!("w{i}"),
                1 => format!("un-mot-bien-plus-long-que-seize-{}", i % 300),
                2 => "é".repeat((i % 19) as usize),
                3 => format!("{}\0", i % 50),
                _ => format!("Mot{}", i % 700),
            };
            let update = |old: Option<(u32, u32)>| old.map_or((i, 1), |(s, n)| (s + i, n + 1));
            t.update(&w, update);
            let old = m.get(&w).copied();
            m.insert(w, update(old));
        }
        assert_eq!(t.len(), m.len());
        for (w, v) in &m {
            let p = WordTable::<(u32, u32)>::probe(w);
            t.prefetch(&p);
            assert_eq!(t.get_probed(w, &p), Some(*v), "{w:?}");
        }
        for missing in [
            "w1",
            "Mot700",
            "un-mot-bien-plus-long-que-seize-300",
            "\0",
            "é",
        ] {
            assert_eq!(t.get(missing), m.get(missing).copied(), "{missing:?}");
        }
        assert_eq!(t.get("w1"), None);
    }
}
