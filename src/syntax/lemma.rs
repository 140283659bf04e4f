//! Lemmas: a table learned from the training treebanks (form and UPOS → lemma, the most
//! frequent), then for unseen words a suffix rule learned from the word types of the same UPOS
//! ("parlaient" VERB → "parler": strip "aient", add "er"), the longest suffix with a rule
//! winning. Proper nouns and unseen words without a rule keep their
//! form. Only the table entries that the rules would get wrong are stored, which keeps the
//! table small.

use super::weights::{hash_str, write_string, Corrupt, Reader};
use rustc_hash::FxHashMap;

const MAX_SUFFIX: usize = 6;

/// Lookups go through the hash of the form or suffix, so that no key string is built per word.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (form as written, upos index) → lemma.
    exact: FxHashMap<(String, u16), String>,
    /// (suffix of the lower-cased form, upos) → (characters to strip, string to add).
    rules: FxHashMap<(String, u16), (u16, String)>,
    /// (hash of the form, upos) → lemma.
    exact_hashed: FxHashMap<(u64, u16), String>,
    /// (hash of the suffix, upos) → rule.
    rules_hashed: FxHashMap<(u64, u16), (u16, String)>,
}

fn lower(form: &str) -> String {
    form.chars().flat_map(char::to_lowercase).collect()
}

/// The rule that turns `form` into `lemma`: characters to strip, string to add.
fn rule_of(form: &str, lemma: &str) -> (u16, String) {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let p = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    ((f.len() - p) as u16, l[p..].iter().collect())
}

fn suffix(chars: &[char], k: usize) -> String {
    chars[chars.len() - k..].iter().collect()
}

impl Lemmatizer {
    /// Learns from (form, upos index, lemma) triples; `propn` is the index of PROPN, if any.
    pub fn learn<'a>(
        examples: impl Iterator<Item = (&'a str, u16, &'a str)>,
        propn: Option<u16>,
    ) -> Lemmatizer {
        let mut counts: FxHashMap<(String, u16), FxHashMap<String, u32>> = FxHashMap::default();
        for (form, upos, lemma) in examples {
            if lemma == "_" || lemma.is_empty() {
                continue;
            }
            *counts
                .entry((form.to_string(), upos))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        // The most frequent lemma of each (form, upos); ties to the smaller string, so that
        // the result does not depend on hash order.
        let mut best: Vec<((String, u16), String)> = counts
            .into_iter()
            .map(|(k, m)| {
                let lemma = m
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .map(|(l, _)| l)
                    .unwrap_or_default();
                (k, lemma)
            })
            .collect();
        best.sort();
        // Rules from word types.
        let mut rule_counts: FxHashMap<(String, u16), FxHashMap<(u16, String), u32>> =
            FxHashMap::default();
        for ((form, upos), lemma) in &best {
            if Some(*upos) == propn {
                continue;
            }
            let low = lower(form);
            let rule = rule_of(&low, lemma);
            let chars: Vec<char> = low.chars().collect();
            for k in 1..=MAX_SUFFIX.min(chars.len()) {
                *rule_counts
                    .entry((suffix(&chars, k), *upos))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
        }
        let mut rules = FxHashMap::default();
        for (key, m) in rule_counts {
            let total: u32 = m.values().sum();
            let (rule, n) = m
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .expect("a rule");
            // A suffix seen once decides nothing; keep rules that hold for most types.
            if total >= 2 && n * 2 > total {
                rules.insert(key, rule);
            }
        }
        let mut lem = Lemmatizer {
            rules,
            ..Lemmatizer::default()
        };
        lem.index();
        for ((form, upos), lemma) in best {
            if lem.guess(&form, upos, propn) != lemma {
                lem.exact.insert((form, upos), lemma);
            }
        }
        lem.index();
        lem
    }

    fn index(&mut self) {
        self.exact_hashed = self
            .exact
            .iter()
            .map(|((f, u), l)| ((hash_str(f), *u), l.clone()))
            .collect();
        self.rules_hashed = self
            .rules
            .iter()
            .map(|((s, u), r)| ((hash_str(s), *u), r.clone()))
            .collect();
    }

    /// The lemma of a form with this UPOS.
    pub fn lemma(&self, form: &str, upos: u16, propn: Option<u16>) -> String {
        if let Some(l) = self.exact_hashed.get(&(hash_str(form), upos)) {
            return l.clone();
        }
        self.guess(form, upos, propn)
    }

    fn guess(&self, form: &str, upos: u16, propn: Option<u16>) -> String {
        if Some(upos) == propn {
            return form.to_string();
        }
        let mut low = lower(form);
        // Byte starts of the last 1..=MAX_SUFFIX characters.
        let mut starts = [0usize; MAX_SUFFIX];
        let mut n = 0;
        for (i, _) in low.char_indices().rev().take(MAX_SUFFIX) {
            starts[n] = i;
            n += 1;
        }
        for k in (1..=n).rev() {
            let Some((strip, add)) = self
                .rules_hashed
                .get(&(hash_str(&low[starts[k - 1]..]), upos))
            else {
                continue;
            };
            let strip = *strip as usize;
            let cut = match strip {
                0 => Some(low.len()),
                s => low.char_indices().rev().nth(s - 1).map(|(i, _)| i),
            };
            if let Some(cut) = cut {
                if cut > 0 || !add.is_empty() {
                    low.truncate(cut);
                    low.push_str(add);
                    return low;
                }
            }
        }
        low
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut exact: Vec<_> = self.exact.iter().collect();
        exact.sort();
        out.extend_from_slice(&(exact.len() as u32).to_le_bytes());
        for ((form, upos), lemma) in exact {
            write_string(out, form);
            out.extend_from_slice(&(*upos as u32).to_le_bytes());
            write_string(out, lemma);
        }
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        out.extend_from_slice(&(rules.len() as u32).to_le_bytes());
        for ((suf, upos), (strip, add)) in rules {
            write_string(out, suf);
            out.extend_from_slice(&(*upos as u32).to_le_bytes());
            out.extend_from_slice(&(*strip as u32).to_le_bytes());
            write_string(out, add);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, Corrupt> {
        let mut lem = Lemmatizer::default();
        for _ in 0..r.u32()? {
            let form = r.string()?;
            let upos = r.u32()? as u16;
            let lemma = r.string()?;
            lem.exact.insert((form, upos), lemma);
        }
        for _ in 0..r.u32()? {
            let suf = r.string()?;
            let upos = r.u32()? as u16;
            let strip = r.u32()? as u16;
            let add = r.string()?;
            lem.rules.insert((suf, upos), (strip, add));
        }
        lem.index();
        Ok(lem)
    }

    pub fn entries(&self) -> (usize, usize) {
        (self.exact.len(), self.rules.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_generalise_to_unseen_forms() {
        let data = [
            ("parlaient", 1, "parler"),
            ("chantaient", 1, "chanter"),
            ("mangeaient", 1, "manger"),
            ("est", 2, "être"),
            ("Paris", 3, "Paris"),
        ];
        let lem = Lemmatizer::learn(data.iter().map(|&(f, u, l)| (f, u, l)), Some(3));
        assert_eq!(lem.lemma("dansaient", 1, Some(3)), "danser");
        assert_eq!(lem.lemma("est", 2, Some(3)), "être");
        assert_eq!(lem.lemma("Lyon", 3, Some(3)), "Lyon");
    }
}
