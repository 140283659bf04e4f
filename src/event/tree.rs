//! Arguments read on the dependency tree of the syntax layer, where the neighbourhood reading
//! of [`super::args`] and [`super::subject`] finds none: the verb's subject (over adverbs,
//! incises and inversions; a passive's "par X"; a relative's antecedent; the subject of the
//! verb a conjunct, an adverbial clause or a complement infinitive hangs on) and its object or
//! the complement introduced by a pattern's preposition ("a félicité … Boris Johnson",
//! "a réagi lundi, dans un communiqué, aux propos de X").
//!
//! A word stands for the actors of the actor phrases ([`Phrase`]) its noun phrase holds: the
//! word with its articles, adjectives, name parts and appositions, and the conjuncts
//! coordinated with it ("X et Y").

use super::*;
use crate::document::token_word_range;
use crate::syntax::words::SUBJECT_RELATIVES;

/// How many heads up the subject of a conjunct or complement clause is looked for.
const CLIMB_MAX: usize = 3;
/// Relations that keep a word inside its head's noun phrase (and a noun modifier without a
/// preposition: "le président Emmanuel Macron"; "les œuvres du musée" are no actor).
const NP_RELATIONS: &[&str] = &[
    "det", "amod", "flat", "nummod", "compound", "fixed", "appos",
];
/// Subject pronouns that stand for the actor told before.
const PERSONAL: &[&str] = &["il", "elle", "ils", "elles"];
/// Prepositions a pattern may ask for before its target, as the tree writes them ("au" is
/// "à le", "du" is "de le").
const PREPOSITIONS: &[(&str, &str)] = &[
    ("à", "à"),
    ("au", "à"),
    ("aux", "à"),
    ("contre", "contre"),
    ("avec", "avec"),
    ("sur", "sur"),
    ("envers", "envers"),
    ("vers", "vers"),
    ("auprès", "auprès"),
    ("chez", "chez"),
    ("pour", "pour"),
    ("de", "de"),
    ("d'", "de"),
    ("du", "de"),
    ("des", "de"),
];

/// What a pattern asks of its target, when the tree can read it: the direct object, or a
/// complement after one of these prepositions.
pub(super) enum TreeSlot {
    Object,
    After(Vec<&'static str>),
}

impl TreeSlot {
    /// The slot of a pattern that is only a target, or a preposition and a target: the
    /// shapes whose meaning does not hang on word order.
    pub(super) fn of(pattern: &Pattern) -> Option<TreeSlot> {
        if !pattern.before.is_empty() || pattern.victim || pattern.subject {
            return None;
        }
        match pattern.after.as_slice() {
            [Element::Target { direct: false, .. }] => Some(TreeSlot::Object),
            [Element::Words(alternatives), Element::Target { direct: false, .. }] => {
                let mut preps = Vec::new();
                for alternative in alternatives {
                    let [word] = alternative.as_slice() else {
                        return None;
                    };
                    let (_, prep) = PREPOSITIONS.iter().find(|(w, _)| w == word)?;
                    if !preps.contains(prep) {
                        preps.push(*prep);
                    }
                }
                Some(TreeSlot::After(preps))
            }
            _ => None,
        }
    }
}

impl View<'_> {
    /// The word of token `t` (the last of a contraction: "du" → "le").
    fn word_of(&self, t: usize) -> Option<usize> {
        token_word_range(&self.doc.words, t).last()
    }

    fn dependents(&self, w: usize) -> &[usize] {
        self.deps.of(w)
    }

    fn lower_form(&self, w: usize) -> String {
        self.doc.words[w].form.to_lowercase()
    }

    /// The tokens of word `w`'s noun phrase, without its conjuncts.
    fn np_tokens(&self, w: usize) -> (usize, usize) {
        let words = &self.doc.words;
        let (mut lo, mut hi) = (words[w].token, words[w].token);
        let mut stack = vec![w];
        let mut seen = 0;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > 64 {
                break;
            }
            for &c in self.dependents(x) {
                let bare_noun_modifier = words[c].relation() == "nmod"
                    && !self
                        .dependents(c)
                        .iter()
                        .any(|&k| words[k].relation() == "case");
                if NP_RELATIONS.contains(&words[c].relation()) || bare_noun_modifier {
                    lo = lo.min(words[c].token);
                    hi = hi.max(words[c].token);
                    stack.push(c);
                }
            }
        }
        (lo, hi + 1)
    }

    /// The actors word `w` stands for: those of the phrase at its own token, else the first
    /// phrase of its noun phrase ("le quotidien El Watan"), and its conjuncts' ("X et Y").
    pub(super) fn actors_of_word(&self, w: usize) -> Option<Vec<Member>> {
        let words = &self.doc.words;
        let mut out: Vec<Member> = Vec::new();
        let mut heads = vec![w];
        heads.extend(
            self.dependents(w)
                .iter()
                .copied()
                .filter(|&c| words[c].relation() == "conj"),
        );
        for h in heads {
            let (lo, hi) = self.np_tokens(h);
            let token = words[h].token;
            let own = self
                .phrases
                .values()
                .find(|p| p.start <= token && token < p.end);
            let phrase = own.or_else(|| {
                self.phrases
                    .values()
                    .filter(|p| lo <= p.start && p.end <= hi)
                    .min_by_key(|p| p.start)
            });
            if let Some(p) = phrase {
                for m in &p.members {
                    if !out.iter().any(|o| o.code == m.code && o.entity == m.entity) {
                        out.push(m.clone());
                    }
                }
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// Actor 1 of the verb at token `t`, read on the tree: its subject, or in a passive its
    /// "par X"; "qui" stands for the noun its clause depends on, "il"/"elle" for the actor
    /// told before; without a subject of its own, a conjunct, an adverbial clause or an
    /// infinitive complement shares the subject of the verb it hangs on (not "demander à X
    /// de …", whose infinitive is X's).
    pub(super) fn subject_on_tree(&self, t: usize, passive: bool) -> Option<Vec<Member>> {
        let words = &self.doc.words;
        let mut v = self.word_of(t)?;
        let mut passive = passive;
        for _ in 0..=CLIMB_MAX {
            let subject = self.dependents(v).iter().copied().find(|&c| {
                let rel = words[c].deprel.as_str();
                if passive {
                    rel == "obl:agent"
                } else {
                    rel == "nsubj"
                }
            });
            if let Some(s) = subject {
                if words[s].upos == "PRON" {
                    let form = self.lower_form(s);
                    if SUBJECT_RELATIVES.contains(&form.as_str()) {
                        let head = words[v].head.filter(|_| words[v].relation() == "acl")?;
                        return self.actors_of_word(head);
                    }
                    if PERSONAL.contains(&form.as_str()) {
                        return self.antecedent.clone();
                    }
                    return None;
                }
                return self.actors_of_word(s);
            }
            if passive {
                return None;
            }
            let head = words[v].head?;
            match words[v].relation() {
                "conj" | "advcl" => {}
                "xcomp"
                    if !self
                        .dependents(head)
                        .iter()
                        .any(|&c| matches!(words[c].relation(), "obj" | "iobj")) => {}
                _ => return None,
            }
            // A conjunct of a passive verb shares its passive subject, not its agent.
            passive = false;
            v = head;
        }
        None
    }

    /// A participle without auxiliary whose agent is named ("un couple agressé par des
    /// individus encagoulés", "X, appuyé par le ministre"): the agent's actors and those of
    /// whom the participle qualifies, the noun it hangs on or the subject of the clause it
    /// qualifies.
    pub(super) fn reduced_passive(&self, t: usize) -> Option<(Vec<Member>, Vec<Member>)> {
        let words = &self.doc.words;
        let v = self.word_of(t)?;
        let agent = self
            .dependents(v)
            .iter()
            .copied()
            .find(|&c| words[c].deprel == "obl:agent")?;
        let agents = self.actors_of_word(agent)?;
        let head = words[v].head?;
        let patients = match words[v].relation() {
            "acl" if matches!(words[head].upos.as_str(), "NOUN" | "PROPN" | "PRON") => {
                self.actors_of_word(head)?
            }
            "advcl" | "conj" if words[head].upos == "VERB" => {
                self.subject_on_tree(words[head].token, false)?
            }
            _ => return None,
        };
        let coded = |m: &Vec<Member>| m.iter().any(|x| !x.code.is_empty());
        (coded(&agents) && coded(&patients)).then_some((agents, patients))
    }

    /// Who acts in a purpose infinitive ("a téléphoné au Premier ministre pour le féliciter"):
    /// the subject of the verb the "pour" clause hangs on, a verb of contact or movement (a
    /// call, a visit, a letter), not a verb whose purpose is only hoped for.
    pub(super) fn purpose_subject(&self, t: usize) -> Option<Vec<Member>> {
        let words = &self.doc.words;
        let v = self.word_of(t)?;
        if words[v].relation() != "advcl" {
            return None;
        }
        let head = words[v].head?;
        if !self.dict.is("purpose-head", &words[head].lemma) {
            return None;
        }
        self.subject_on_tree(words[head].token, false)
            .filter(|m| m.iter().any(|x| !x.code.is_empty()))
    }

    /// Whether the verb at token `t`, inside a quotation, belongs to the narrator's sentence:
    /// its subject or auxiliary (or those of the verb it is coordinated with) stands before the
    /// quotation opens. "Le second a lui « insulté (...) et poussé un autre pompier »" tells an
    /// act with a fragment of the speaker's words; "« Nous l'avons fait », a dit X" does not.
    pub(super) fn narrated_in_quote(&self, t: usize) -> bool {
        let words = &self.doc.words;
        let at = self.doc.tokens[t].span;
        let Some(quote) = self
            .doc
            .quotes
            .iter()
            .find(|q| q.marked && q.span.start <= at.start && at.end <= q.span.end)
        else {
            return false;
        };
        let Some(mut v) = self.word_of(t) else {
            return false;
        };
        let span = |w: usize| self.doc.tokens[words[w].token].span;
        let before = |w: usize| span(w).end <= quote.span.start;
        let inside = |w: usize| quote.span.start <= span(w).start && span(w).end <= quote.span.end;
        for _ in 0..=CLIMB_MAX {
            let subjects = self
                .dependents(v)
                .iter()
                .copied()
                .filter(|&c| matches!(words[c].relation(), "nsubj" | "aux"));
            for c in subjects {
                if before(c) {
                    return true;
                }
                if inside(c) {
                    return false;
                }
            }
            // Over coordination within the quotation: "« poussé et infligé … »".
            match (words[v].relation(), words[v].head) {
                ("conj", Some(h)) if inside(h) => v = h,
                _ => return false,
            }
        }
        false
    }

    /// Whether the participle at token `t` has an auxiliary on the tree, wherever it stands
    /// ("a, dans un communiqué publié lundi, félicité X").
    /// A participle coordinated with one that has it shares it ("a diffusé sa photo et lancé
    /// un appel").
    pub(super) fn has_aux_on_tree(&self, t: usize) -> bool {
        let words = &self.doc.words;
        let has_aux = |v: usize| {
            self.dependents(v)
                .iter()
                .any(|&c| words[c].deprel == "aux:tense" || words[c].deprel == "aux")
        };
        self.word_of(t).is_some_and(|v| {
            has_aux(v)
                || (words[v].relation() == "conj"
                    && words[v].head.is_some_and(|h| {
                        words[h].upos == "VERB"
                            && words[h].feats.contains("VerbForm=Part")
                            && has_aux(h)
                    }))
        })
    }

    /// The target of the verb at token `t` for a pattern's slot, read on the tree: the direct
    /// object, or a complement whose preposition is one the pattern asks for. An object
    /// clitic ("l'a félicité", "lui a demandé") stands for the last person or organisation
    /// named before it that is not the verb's subject.
    pub(super) fn target_on_tree(&self, t: usize, slot: &TreeSlot) -> Option<Vec<Member>> {
        let words = &self.doc.words;
        let v = self.word_of(t)?;
        let clitic = self.dependents(v).iter().copied().find(|&c| {
            let form = self.lower_form(c);
            words[c].upos == "PRON"
                && match slot {
                    TreeSlot::Object => {
                        words[c].relation() == "obj" && matches!(form.as_str(), "le" | "la" | "l'")
                    }
                    TreeSlot::After(preps) => {
                        preps.contains(&"à")
                            && matches!(words[c].relation(), "iobj" | "obl")
                            && form == "lui"
                    }
                }
        });
        if let Some(c) = clitic {
            return self.clitic_antecedent(v, c);
        }
        let complement = self.dependents(v).iter().copied().find(|&c| {
            let word = &words[c];
            if word.upos == "PRON" {
                return false;
            }
            match slot {
                TreeSlot::Object => word.relation() == "obj",
                TreeSlot::After(preps) => {
                    matches!(word.relation(), "obl" | "iobj" | "nmod")
                        && word.deprel != "obl:agent"
                        && self.dependents(c).iter().any(|&k| {
                            words[k].relation() == "case"
                                && preps.contains(&self.lower_form(k).as_str())
                        })
                }
            }
        })?;
        self.actors_of_word(complement)
    }
}

impl View<'_> {
    /// Who acts in a bare present participle ("…, dénonçant X", "des manifestants
    /// dénonçant X"): the noun it qualifies, else the subject of the clause it hangs on.
    pub(super) fn participle_subject_on_tree(&self, t: usize) -> Option<Vec<Member>> {
        let words = &self.doc.words;
        let v = self.word_of(t)?;
        match words[v].relation() {
            "acl" => {
                let head = words[v].head?;
                let noun = matches!(words[head].upos.as_str(), "NOUN" | "PROPN");
                if noun && matches!(words[head].relation(), "nsubj" | "obj" | "appos") {
                    return self
                        .actors_of_word(head)
                        .filter(|m| m.iter().all(|x| !x.place));
                }
                // Hung on a complement ("devant la Douma, dénonçant X"): the act of the
                // subject of that complement's clause.
                let verb = words[head].head?;
                self.subject_on_tree(words[verb].token, false)
            }
            "advcl" | "conj" => self.subject_on_tree(t, false),
            _ => None,
        }
    }

    /// What an object clitic of verb `v` stands for: the last person or organisation named
    /// before it, in its sentence or the one before, that is not the verb's subject.
    fn clitic_antecedent(&self, v: usize, clitic: usize) -> Option<Vec<Member>> {
        let doc = self.doc;
        let words = &doc.words;
        let at = doc.tokens.get(words[clitic].token)?.span.start;
        let subject = self.subject_on_tree(words[v].token, false);
        let from = doc
            .sentences
            .get(words[clitic].sentence.saturating_sub(1))
            .map_or(0, |s| s.span.start);
        let stop = doc.mentions.partition_point(|m| m.span.start < at);
        doc.mentions[..stop]
            .iter()
            .rev()
            .take_while(|m| m.span.start >= from)
            .filter(|m| matches!(m.kind, EntityType::Per | EntityType::Org))
            .filter_map(|m| self.member(m.entity?, m.span, !m.nominal))
            .find(|m| {
                !m.code.is_empty()
                    && !subject
                        .iter()
                        .flatten()
                        .any(|s| s.entity == m.entity && s.code == m.code)
            })
            .map(|m| vec![m])
    }
}
