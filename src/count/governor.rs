//! The kind of a count from the verb that governs its noun on the dependency tree, for verbs
//! the word-window rules of the parent module do not reach: "Quatre Français, partis en
//! randonnée samedi, ont été tués", "deux hommes et trois femmes ont été interpellés",
//! "sept personnes, dont un mineur, mises en examen". The verb's own words are looked up in
//! the same lists as a verb next to the count (`data/fr/count/kinds.txt`): an `after` entry
//! for a verb the noun is subject of or qualified by, a `before` entry for a verb it is the
//! object of. A noun counted inside a group ("un groupe de dix touristes") takes the group's
//! verb.

use super::lexicon::{normalize, Scan};
use super::Counter;
use crate::document::{sentence_word_range, token_word_range, CountKind, Word};

/// How many coordinated nouns are climbed to reach the first conjunct's verb.
const CONJUNCTS_MAX: usize = 4;

impl Counter {
    /// The kind given by the verb that governs the counted noun at token `noun` (or the
    /// number, when there is no noun); the count's words start at token `first`.
    pub(super) fn kind_of_governor(
        &self,
        scan: &mut Scan,
        (first, noun): (usize, usize),
        floor: usize,
        people: bool,
        things: bool,
    ) -> Option<CountKind> {
        let words = scan.words;
        let w = token_word_range(words, noun).next()?;
        // "plus de 10 personnes" after a plural noun of events is a threshold, not what befell
        // them: "les rassemblements de plus de 10 personnes restent interdits".
        let limit = (first..noun).any(|t| matches!(scan.low(t), "plus" | "moins"));
        if let Some(kind) = self.kind_of_word(scan, w, floor, people, things, limit) {
            return Some(kind);
        }
        // The parser may hang the noun on a word of the count itself, which then takes the
        // noun's place in the clause: "Près de 30.000 autochtones ont été contaminés" (under
        // "Près"), "une vingtaine d'employés ont été tués" (under "vingtaine").
        let top = climb_count_words(words, w, first..noun);
        (top != w)
            .then(|| self.kind_of_word(scan, top, floor, people, things, limit))
            .flatten()
    }

    /// Whether the people counted at token `noun` (the count's words start at `first`) are
    /// the subject of an active verb of the kinds table that has an object: they did it, it
    /// did not befall them ("Deux hommes ont tué un policier", "Une centaine de militants
    /// bloquaient le col"). Idioms with their object stay ("16 piétons ont perdu la vie").
    pub(super) fn agents_of_transitive(&self, scan: &Scan, (first, noun): (usize, usize)) -> bool {
        let words = scan.words;
        let Some(w) = token_word_range(words, noun).next() else {
            return false;
        };
        let w = climb_count_words(words, w, first..noun);
        let Some(v) = words[w]
            .head
            .filter(|&h| words[w].deprel == "nsubj" && words[h].upos == "VERB")
        else {
            return false;
        };
        let plain_lemma = self
            .lex
            .verbs_people
            .get(&normalize(&words[v].lemma))
            .is_some_and(|entries| entries.iter().any(|(rest, _)| rest.is_empty()));
        // With "être" the verb is passive or tells what befell its subject ("ont été
        // blessés", "est morte vendredi"), whatever the parser took for an object.
        let dependents = || {
            sentence_word_range(words, words[v].sentence).filter(move |&c| words[c].head == Some(v))
        };
        plain_lemma
            && !dependents().any(|c| {
                matches!(words[c].relation(), "aux" | "cop") && normalize(&words[c].lemma) == "être"
            })
            && dependents().any(|c| words[c].relation() == "obj")
    }

    /// The kind given by the verb that governs word `w`, the counted noun or the word that
    /// stands for it in the clause; `limit` when the count is "plus de …" or "moins de …".
    fn kind_of_word(
        &self,
        scan: &mut Scan,
        mut w: usize,
        floor: usize,
        people: bool,
        things: bool,
        limit: bool,
    ) -> Option<CountKind> {
        let words = scan.words;
        for _ in 0..CONJUNCTS_MAX {
            if words[w].relation() != "conj" {
                break;
            }
            let h = words[w].head?;
            // A noun the parser coordinated with a verb ("a assassiné sa femme et ses quatre
            // enfants", "enfants" under "assassiné") goes with that verb's nearest object or
            // subject written before it, or is its object when it has none.
            if words[h].upos == "VERB"
                && matches!(words[w].upos.as_str(), "NOUN" | "PROPN" | "PRON")
            {
                let conjunct = (h + 1..w).rev().find(|&c| {
                    words[c].head == Some(h) && matches!(words[c].relation(), "obj" | "nsubj")
                });
                match conjunct {
                    Some(c) => w = c,
                    None => return self.kind_of_verb(scan, h, false, floor, people, things),
                }
                continue;
            }
            w = h;
        }
        // A noun counted after a noun of the event that befell it: "la mort de 39 migrants",
        // "les corps de ses quatre enfants", "l'évacuation de 110 ouvriers".
        if let Some(h) = words[w]
            .head
            .filter(|&h| words[w].relation() == "nmod" && words[h].upos == "NOUN")
        {
            let of = |c: usize| {
                words[c].head == Some(w)
                    && words[c].relation() == "case"
                    && matches!(
                        normalize(&words[c].form).as_str(),
                        "de" | "d'" | "des" | "du"
                    )
            };
            let lemma = normalize(&words[h].lemma);
            let threshold = limit && words[h].feats.contains("Number=Plur");
            let kind = people
                .then(|| self.lex.event_nouns_people.get(&lemma))
                .flatten()
                .or_else(|| {
                    things
                        .then(|| self.lex.event_nouns_things.get(&lemma))
                        .flatten()
                });
            if let Some(&kind) = kind.filter(|_| !threshold && (w.saturating_sub(6)..w).any(of)) {
                return Some(kind);
            }
        }
        // A group named by a collective noun takes that noun's verb: "Un groupe de dix
        // touristes a été placé en garde à vue".
        if let Some(h) = words[w].head.filter(|&h| {
            words[w].relation() == "nmod"
                && words[h].upos == "NOUN"
                && self.lex.collective.contains(&normalize(&words[h].lemma))
        }) {
            w = h;
        }
        let word = &words[w];
        // A participle or relative clause that qualifies the noun, written after it.
        let qualifier = (w + 1..words.len())
            .take_while(|&c| words[c].sentence == word.sentence)
            .find(|&c| {
                words[c].head == Some(w) && words[c].relation() == "acl" && words[c].upos == "VERB"
            });
        let mut verbs = Vec::with_capacity(2);
        if let Some(v) = qualifier {
            verbs.push((v, true));
        }
        // A predicate noun with its copula counts too: "deux combattants du feu sont morts"
        // ("morts" read as a noun).
        let predicate = |h: usize| {
            words[h].upos == "NOUN"
                && sentence_word_range(words, words[h].sentence)
                    .any(|c| words[c].head == Some(h) && words[c].relation() == "cop")
        };
        if let Some(h) = word
            .head
            .filter(|&h| matches!(words[h].upos.as_str(), "VERB" | "ADJ") || predicate(h))
        {
            match word.relation() {
                "nsubj" => {
                    verbs.push((h, true));
                    // Coordinated verbs without a subject of their own share this one.
                    let shared = (h + 1..words.len())
                        .take_while(|&c| words[c].sentence == word.sentence)
                        .filter(|&c| {
                            words[c].head == Some(h)
                                && words[c].relation() == "conj"
                                && !words[sentence_word_range(words, word.sentence)]
                                    .iter()
                                    .any(|x| x.head == Some(c) && x.relation() == "nsubj")
                        });
                    verbs.extend(shared.map(|c| (c, true)).collect::<Vec<_>>());
                }
                "obj" => verbs.push((h, false)),
                _ => {}
            }
        }
        verbs
            .into_iter()
            .find_map(|(v, after)| self.kind_of_verb(scan, v, after, floor, people, things))
    }

    /// The kind the verb at word `v` gives a count of its subject or a noun it qualifies
    /// (`after`) or of its object: by its lemma, else by the words written around it.
    fn kind_of_verb(
        &self,
        scan: &mut Scan,
        v: usize,
        after: bool,
        floor: usize,
        people: bool,
        things: bool,
    ) -> Option<CountKind> {
        let words = scan.words;
        let lex = &self.lex;
        let verb = &words[v];
        if !(scan.start..scan.end).contains(&verb.token) {
            return None;
        }
        let t = verb.token;
        let by_lemma = self.kind_of_lemma(scan, verb, people, things);
        if by_lemma.is_some() {
            return by_lemma;
        }
        if after {
            let people_kind = people
                .then(|| lex.after_people.at(scan, t))
                .flatten()
                .map(|(_, k)| k);
            people_kind.or_else(|| {
                things
                    .then(|| lex.after_things.at(scan, t))
                    .flatten()
                    .map(|(_, k)| k)
            })
        } else {
            let people_kind = people
                .then(|| lex.before_people.ending_at(scan, floor, t + 1))
                .flatten()
                .map(|(_, k)| k);
            people_kind.or_else(|| {
                things
                    .then(|| lex.before_things.ending_at(scan, floor, t + 1))
                    .flatten()
                    .map(|(_, k)| k)
            })
        }
    }

    /// The kind a verb's lemma gives (`verb` rows of `kinds.txt`), with the words that must
    /// follow it ("mises" + "en examen").
    fn kind_of_lemma(
        &self,
        scan: &mut Scan,
        verb: &Word,
        people: bool,
        things: bool,
    ) -> Option<CountKind> {
        let lemma = normalize(&verb.lemma);
        let tables = [
            (people, &self.lex.verbs_people),
            (things, &self.lex.verbs_things),
        ];
        for (wanted, table) in tables {
            let Some(entries) = table.get(&lemma).filter(|_| wanted) else {
                continue;
            };
            // The longest entry that matches: "mettre en examen" before "mettre".
            let mut best: Option<(usize, CountKind)> = None;
            for (rest, kind) in entries {
                let follows = rest.iter().enumerate().all(|(i, w)| {
                    let t = verb.token + 1 + i;
                    scan.inside(t) && scan.low(t) == w
                });
                if follows && best.is_none_or(|(n, _)| rest.len() > n) {
                    best = Some((rest.len(), *kind));
                }
            }
            if let Some((_, kind)) = best {
                return Some(kind);
            }
        }
        None
    }
}

/// The word that stands for the counted noun at word `w` in its clause: the noun, or the word
/// of the count's own tokens (`count`) the parser hung it on ("Près de 30.000 soignants",
/// "une vingtaine d'employés"), climbed to the top.
fn climb_count_words(words: &[Word], mut w: usize, count: std::ops::Range<usize>) -> usize {
    while let Some(h) = words[w].head.filter(|&h| count.contains(&words[h].token)) {
        w = h;
    }
    w
}
