//! Argument finding by neighbourhood: the actor phrases of a sentence (linked mentions,
//! compounds "X et Y", "les deux dirigeants", demonyms) and the matching of a pattern's elements
//! (`$T`, `$S`, words, gaps) after and before its trigger, passives included. Where it finds
//! no actor, [`super::tree`] reads the dependency tree; the lexicon's typed frames
//! ([`super::lexicon::Slot`]) say what each slot is.

use super::*;

impl View<'_> {
    /// Actor phrases: linked mentions, an apposition and its name merged ("son homologue
    /// russe Sergueï Choïgou"), and "les deux dirigeants".
    pub(super) fn build_phrases(&mut self) {
        let doc = self.doc;
        let mut list: Vec<Phrase> = Vec::new();
        // Mentions are in text order: those of the sentence are one run of them.
        let first = doc.mentions.partition_point(|m| m.tokens.start < self.lo);
        let mut mentions: Vec<&crate::document::Mention> = doc.mentions[first..]
            .iter()
            .take_while(|m| m.tokens.start < self.hi)
            .filter(|m| m.tokens.end <= self.hi && m.tokens.start < m.tokens.end)
            .collect();
        mentions.sort_by_key(|m| m.tokens.start);
        for m in mentions {
            let Some(member) = m.entity.and_then(|e| self.member(e, m.span, !m.nominal)) else {
                continue;
            };
            if let Some(last) = list.last_mut() {
                // "France 2" inside "le journaliste de France 2": the description is the
                // phrase; the name in it is no actor of its own here.
                if m.tokens.start > last.start && m.tokens.end <= last.end {
                    continue;
                }
                let gap = m.tokens.start.saturating_sub(last.end);
                // Only adjectives of nationality may stand between a description and the
                // name it introduces ("son homologue russe Sergueï Choïgou").
                let joinable = m.tokens.start >= last.end
                    && gap <= 2
                    && (last.end..m.tokens.start).all(|t| self.kb.demonym(self.w(t)).is_some());
                if joinable {
                    // The name wins over the description it follows.
                    if member.named || !last.members[0].named {
                        last.members = vec![member];
                    }
                    last.end = m.tokens.end;
                    continue;
                }
            }
            list.push(Phrase {
                start: m.tokens.start,
                end: m.tokens.end,
                members: vec![member],
            });
        }
        // "les deux dirigeants": the last two people named before.
        for t in self.lo..self.hi.saturating_sub(2) {
            if matches!(self.w(t), "les" | "leurs" | "ces")
                && self.w(t + 1) == "deux"
                && self.is("dual", t + 2)
            {
                let persons = self.w(t + 2) != "pays";
                let members = self.last_two(self.doc.tokens[t].span.start, persons);
                if members.len() == 2 {
                    let span = Span {
                        start: self.doc.tokens[t].span.start,
                        end: self.doc.tokens[t + 2].span.end,
                    };
                    let members = members
                        .into_iter()
                        .map(|mut m| {
                            m.span = span;
                            m
                        })
                        .collect();
                    list.push(Phrase {
                        start: t,
                        end: t + 3,
                        members,
                    });
                }
            }
        }
        for p in list {
            // Two phrases ending together ("le président de la commission européenne" and
            // "commission européenne" in it): the longer one is what ends there.
            let start = self.ends.entry(p.end).or_insert(p.start);
            *start = (*start).min(p.start);
            self.phrases.insert(p.start, p);
        }
    }

    /// The last two distinct actors mentioned before `before`: people (with their codes) or
    /// their countries.
    pub(super) fn last_two(&self, before: usize, persons: bool) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::new();
        // Mentions are in text order: walk back from the last one that starts before.
        let stop = self.doc.mentions.partition_point(|m| m.span.start < before);
        let mut mentions: Vec<&crate::document::Mention> = self.doc.mentions[..stop]
            .iter()
            .filter(|m| m.span.end <= before)
            .collect();
        mentions.sort_by_key(|m| std::cmp::Reverse(m.span.start));
        for m in mentions {
            let Some(e) = m.entity else { continue };
            let entity = &self.doc.entities[e];
            if entity.kind != Some(EntityType::Per) {
                continue;
            }
            let Some(mut member) = self.member(e, m.span, true) else {
                continue;
            };
            if !persons {
                let Some(c) = entity.country.clone() else {
                    continue;
                };
                member = Member {
                    code: c.clone(),
                    entity: None,
                    span: m.span,
                    country: Some(c),
                    role: None,
                    place: false,
                    implied: false,
                    named: true,
                };
                if out.iter().any(|o| o.code == member.code) {
                    continue;
                }
            } else if out.iter().any(|o| o.entity == member.entity) {
                continue;
            }
            out.push(member);
            if out.len() == 2 {
                break;
            }
        }
        out
    }

    /// The length of a multi-word adverbial ("de son côté", "pour sa part") starting at `p`.
    pub(super) fn skip_phrase_at(&self, p: usize) -> Option<usize> {
        (2..=4).rev().find(|&n| {
            p + n <= self.hi
                && self.dict.is(
                    "skip2",
                    &(p..p + n)
                        .map(|q| self.w(q))
                        .collect::<Vec<_>>()
                        .join("_")
                        .replace("'_", "'"),
                )
        })
    }

    /// The length of a multi-word adverbial ending right before `end`.
    pub(super) fn skip_phrase_before(&self, end: usize) -> Option<usize> {
        (2..=4)
            .rev()
            .find(|&n| end >= self.lo + n && self.skip_phrase_at(end - n) == Some(n))
    }

    /// Skips words the patterns may step over: adverbs, time expressions, quotation marks. Only
    /// the adverbs the dictionary lists: a pattern may name one of manner ("agresser $T
    /// sexuellement").
    pub(super) fn skip_fillers(&self, mut p: usize) -> usize {
        while p < self.hi {
            if self.is("skip", p)
                || self.dict.is("adverb", self.w(p))
                || self.is("negation-end", p)
                || self.in_time[p - self.lo]
            {
                p += 1;
            } else if let Some(n) = self.skip_phrase_at(p) {
                p += n;
            } else {
                break;
            }
        }
        p
    }

    /// An actor phrase at `p` (after determiners and titles), with "X et Y" compounds, or a
    /// demonym when `demonym` (the source of a noun: "bombardements russes").
    pub(super) fn slot(&self, p: usize, demonym: bool) -> Option<(Vec<Member>, usize)> {
        let mut q = p;
        for _ in 0..4 {
            if self.phrases.contains_key(&q) || q >= self.hi {
                break;
            }
            if self.is("det", q) || self.is("title", q) {
                q += 1;
            } else {
                break;
            }
        }
        if let Some(phrase) = self.phrases.get(&q) {
            let mut members = phrase.members.clone();
            let mut end = phrase.end;
            // "X et Y", "X, Y et Z", "X ainsi que Y"
            loop {
                let next = match self.w(end) {
                    "et" | "," => end + 1,
                    "ainsi" if self.w(end + 1) == "que" => {
                        end + if matches!(self.w(end + 2), "d'" | "de") {
                            3
                        } else {
                            2
                        }
                    }
                    _ => break,
                };
                match self.slot_simple(next) {
                    Some((more, e)) => {
                        members.extend(more);
                        end = e;
                    }
                    None => break,
                }
            }
            return Some((members, end));
        }
        if demonym {
            let iso3 = self.kb.demonym(self.w(q))?;
            let t = &self.doc.tokens[q];
            return Some((
                vec![Member {
                    code: iso3.to_string(),
                    entity: None,
                    span: t.span,
                    country: Some(iso3.to_string()),
                    role: None,
                    place: false,
                    implied: false,
                    named: false,
                }],
                q + 1,
            ));
        }
        None
    }

    /// Where a pattern may go on after an actor phrase: right after it, or after one or two
    /// adjectives that the mention left out ("l'armée russe", "des groupes modérés").
    pub(super) fn after_adjectives(&self, next: usize) -> Vec<usize> {
        let mut out = vec![next];
        let mut p = next;
        while p < self.hi && out.len() < 3 {
            let w = self.w(p);
            let adjective = w.chars().all(|c| c.is_alphabetic() || c == '-')
                && w.chars().next().is_some_and(char::is_lowercase)
                && !self.is("preposition", p)
                && !self.is("det", p)
                && !self.is("skip", p)
                && !matches!(w, "et" | "ou" | "qui" | "que" | "ne" | "n'")
                && self.dict.lookup(w).is_empty();
            if !adjective {
                break;
            }
            p += 1;
            out.push(p);
        }
        out
    }

    /// Where a pattern goes on after an incise between commas that follows an actor phrase
    /// ("aux gouverneurs, majoritairement démocrates, d'avoir…"): after the closing comma.
    pub(super) fn after_incise(&self, next: usize) -> Option<usize> {
        if next >= self.hi || self.w(next) != "," {
            return None;
        }
        (next + 1..(next + 10).min(self.hi))
            .take_while(|&c| !matches!(self.w(c), ";" | ":" | "." | "«" | "»" | "\"" | "qui"))
            .find(|&c| self.w(c) == ",")
            .map(|c| c + 1)
    }

    /// The first actor phrase in the next few words of the clause, not an agent ("par X"),
    /// not after "à"/"en"/"dans" ("à Bruxelles" is where, not whom), not a possessive ("son ambassade" is
    /// the subject's own); failing that, a nationality ("un avion russe").
    pub(super) fn deep_target(&self, p: usize) -> Option<Vec<Member>> {
        let mut end = (p + 7).min(self.hi);
        for q in p..end {
            let w = self.w(q);
            if matches!(
                w,
                "," | ";"
                    | ":"
                    | "."
                    | "qui"
                    | "que"
                    | "qu'"
                    | "dont"
                    | "par"
                    | "et"
                    | "mais"
                    | "\""
                    | "«"
                    | "»"
            ) {
                end = q;
                break;
            }
        }
        for q in p..end {
            let Some(phrase) = self.phrases.get(&q) else {
                continue;
            };
            let before = if q > self.lo { self.w(q - 1) } else { "" };
            let locative = matches!(
                before,
                "à" | "en" | "au" | "aux" | "dans" | "vers" | "depuis"
            ) || (q >= self.lo + 2
                && matches!(self.w(q - 2), "à" | "dans")
                && self.is("det", q - 1));
            let possessive = matches!(self.w(q), "son" | "sa" | "ses" | "leur" | "leurs")
                || matches!(before, "son" | "sa" | "ses" | "leur" | "leurs");
            if locative || possessive {
                continue;
            }
            return Some(phrase.members.clone());
        }
        (p + 1..end).find_map(|q| {
            let iso3 = self.kb.demonym(self.w(q))?;
            Some(vec![Member {
                code: iso3.to_string(),
                entity: None,
                span: self.doc.tokens[q].span,
                country: Some(iso3.to_string()),
                role: None,
                place: false,
                implied: false,
                named: false,
            }])
        })
    }

    /// The first actor named in an agent phrase that is no actor itself, within the clause.
    pub(super) fn deep_agent(&self, p: usize) -> Option<Vec<Member>> {
        (p..(p + 10).min(self.hi))
            .take_while(|&q| !matches!(self.w(q), "," | ";" | "." | "et" | "mais"))
            .find_map(|q| self.phrases.get(&q))
            .map(|ph| ph.members.clone())
            .filter(|m| m.iter().all(|x| !x.code.is_empty() && !x.place))
    }

    /// Whether the words at `p` start an object that is a thing, not an actor: a determiner
    /// or a quotation, and no actor phrase in the next words of the clause.
    pub(super) fn names_no_actor(&self, p: usize) -> bool {
        // The clause ends: the object was told before ("« … », dénonce le président").
        if p >= self.hi || matches!(self.w(p), "." | ";" | "!" | "?") {
            return true;
        }
        let thing = self.is("det", p) || matches!(self.w(p), "«" | "\"" | "“");
        thing && self.deep_target(p).is_none()
    }

    pub(super) fn slot_simple(&self, p: usize) -> Option<(Vec<Member>, usize)> {
        let mut q = p;
        while q < self.hi
            && !self.phrases.contains_key(&q)
            && (self.is("det", q) || self.is("title", q))
            && q < p + 3
        {
            q += 1;
        }
        self.phrases.get(&q).map(|ph| (ph.members.clone(), ph.end))
    }

    pub(super) fn words_at(&self, alternatives: &[Vec<String>], p: usize) -> Option<usize> {
        alternatives.iter().find_map(|seq| {
            let ok = seq
                .iter()
                .enumerate()
                .all(|(i, w)| p + i < self.hi && dict::word_matches(w, self.w(p + i)));
            ok.then_some(p + seq.len())
        })
    }

    pub(super) fn match_after(
        &self,
        elems: &[Element],
        p: usize,
        b: Bindings,
    ) -> Option<(Bindings, usize)> {
        let Some(first) = elems.first() else {
            return Some((b, p));
        };
        let p = self.skip_fillers(p);
        let rest = &elems[1..];
        match first {
            Element::Words(alts) => {
                let next = self.words_at(alts, p)?;
                self.match_after(rest, next, b)
            }
            Element::Gap => self.match_after_gap(rest, p, b),
            Element::Target { optional, direct } => {
                let slot = self
                    .slot(p, true)
                    .filter(|(m, _)| !(b.persons && m.iter().all(|x| x.place)));
                if let Some((members, next)) = slot {
                    let resumes = self.after_adjectives(next).into_iter().chain(
                        // "a reproché aux gouverneurs, majoritairement démocrates, d'avoir…"
                        (!rest.is_empty())
                            .then(|| self.after_incise(next))
                            .flatten(),
                    );
                    for next in resumes {
                        let mut with = b.clone();
                        with.targets.extend(members.iter().cloned());
                        if let Some(found) = self.match_after(rest, next, with) {
                            return Some(found);
                        }
                    }
                }
                if rest.is_empty() && !*optional && !*direct {
                    // The object is a thing that names the actor further on: "a salué la
                    // création du nouveau gouvernement grec" → the first actor of the clause.
                    if let Some(members) = self.deep_target(p) {
                        let mut with = b;
                        with.targets.extend(members);
                        return Some((with, p + 1));
                    }
                }
                let skipped = optional
                    .then(|| self.match_after(rest, p, b.clone()))
                    .flatten();
                if skipped.is_some() {
                    skipped
                } else if b.allow_implied && !b.implied && self.names_no_actor(p) {
                    // The object names no actor ("a dénoncé la furie destructrice"): the
                    // target is implied; the rest of the pattern comes after the object.
                    let mut with = b;
                    with.implied = true;
                    self.match_after_gap(rest, p, with)
                } else {
                    None
                }
            }
            Element::Source => {
                // "revendiqués par la secte islamiste Boko Haram": over a description the
                // linker left out, within the clause.
                let (members, next) = self.slot(p, true).or_else(|| {
                    (p + 1..(p + 5).min(self.hi))
                        .take_while(|&q| {
                            !matches!(self.w(q - 1), "," | ";" | ":" | "." | "et" | "qui")
                        })
                        .find_map(|q| self.phrases.get(&q))
                        .map(|ph| (ph.members.clone(), ph.end))
                })?;
                self.after_adjectives(next).into_iter().find_map(|next| {
                    let mut with = b.clone();
                    with.sources.extend(members.iter().cloned());
                    self.match_after(rest, next, with)
                })
            }
            Element::Trigger => self.match_after(rest, p, b),
        }
    }

    /// The rest of a pattern after up to [`dict::GAP`] tokens of anything within the clause.
    pub(super) fn match_after_gap(
        &self,
        rest: &[Element],
        p: usize,
        b: Bindings,
    ) -> Option<(Bindings, usize)> {
        // Up to GAP words; an incise between commas ("le contrôle de la province de la
        // Kapisa, dernier territoire dont elle avait la responsabilité, aux forces afghanes")
        // costs nothing, and a name counts as one word.
        let mut q = p;
        let mut steps = 0;
        while steps <= dict::GAP {
            if q > self.hi {
                return None;
            }
            if let Some(found) = self.match_after(rest, q, b.clone()) {
                return Some(found);
            }
            if q >= self.hi || matches!(self.w(q), ";" | ":" | "." | "?" | "!") {
                return None;
            }
            let close = (self.w(q) == ",")
                .then(|| {
                    (q + 1..(q + 14).min(self.hi))
                        .take_while(|&c| !matches!(self.w(c), ";" | ":" | "." | "«" | "»"))
                        .find(|&c| self.w(c) == ",")
                })
                .flatten();
            if let Some(c) = close {
                q = c + 1;
                continue;
            }
            let name_end = self
                .phrases
                .get(&q)
                .filter(|ph| ph.members.iter().all(|m| m.named))
                .map(|ph| ph.end);
            q = name_end.unwrap_or(q + 1);
            steps += 1;
        }
        None
    }

    pub(super) fn match_before(&self, elems: &[Element], t: usize) -> bool {
        let mut p = t;
        for e in elems {
            while p > self.lo && self.is("skip", p - 1) {
                p -= 1;
            }
            match e {
                Element::Words(alts) => {
                    let found = alts.iter().any(|seq| {
                        seq.len() <= p - self.lo
                            && seq
                                .iter()
                                .enumerate()
                                .all(|(i, w)| dict::word_matches(w, self.w(p - seq.len() + i)))
                    });
                    if !found {
                        return false;
                    }
                    let len = alts.iter().map(Vec::len).min().unwrap_or(1);
                    p -= len;
                }
                _ => return false,
            }
        }
        true
    }

    /// A passive reads the active pattern backwards: the subject is the target the pattern's
    /// first `$T` wants, and "par X" right after the participle is the source. Without an
    /// agent there is no actor 1, so no event.
    pub(super) fn match_passive(
        &self,
        pattern: &Pattern,
        t: usize,
        group_start: usize,
        allow_implied: bool,
    ) -> Option<(Bindings, usize)> {
        let mut p = self.skip_fillers(t + 1);
        // "tué à Homs par …": over the place where it happened.
        if matches!(self.w(p), "à" | "au" | "en" | "dans") {
            if let Some((m, end)) = self.slot(p + 1, false) {
                if m.iter().all(|x| x.place) && self.w(self.skip_fillers(end)) == "par" {
                    p = self.skip_fillers(end);
                }
            }
        }
        let (agent, after_agent) = if self.w(p) == "par" {
            let q = self.skip_fillers(p + 1);
            match self.slot(q, false) {
                Some(found) => found,
                // "par « un tir d'obus lancé par les rebelles »": the first actor of the agent
                // phrase.
                None => match self.deep_agent(q) {
                    Some(found) => (found, q + 1),
                    // "abattu par trois balles": the means, not the agent.
                    None => (vec![self.implicit_agent(pattern, t)?], q),
                },
            }
        } else {
            (vec![self.implicit_agent(pattern, t)?], t + 1)
        };
        // "Le mémorandum … avait été signé par le gouvernement": a pattern with no target
        // whose words name the thing the subject is.
        if !pattern
            .after
            .iter()
            .any(|e| matches!(e, Element::Target { .. }))
        {
            let in_subject = pattern.after.iter().all(|e| match e {
                Element::Words(alts) => {
                    (self.lo..group_start).any(|q| self.words_at(alts, q).is_some())
                }
                Element::Gap | Element::Trigger => true,
                _ => false,
            });
            let b = Bindings {
                sources: agent,
                targets: Vec::new(),
                allow_implied,
                implied: false,
                persons: pattern.persons,
            };
            return in_subject.then_some((b, after_agent));
        }
        // A subject that names no actor ("Les restrictions ont été levées par le ministère")
        // leaves the target implied; not for acts done to someone's body or freedom ("l'homme
        // a été interpellé"): the one who suffers it is the subject, named or not.
        let bodily = pattern.persons || matches!(root(&pattern.code), "17" | "18" | "19" | "20");
        let (subject, implied) = match self.subject(group_start) {
            Some(s) => (s, false),
            None if allow_implied && !bodily => (Vec::new(), true),
            None => return None,
        };
        let mut elems = pattern.after.clone();
        let first_target = elems
            .iter()
            .position(|e| matches!(e, Element::Target { .. }))?;
        elems.remove(first_target);
        let b = Bindings {
            sources: agent,
            targets: subject,
            allow_implied,
            implied,
            persons: pattern.persons,
        };
        self.match_after(&elems, after_agent, b)
    }

    /// A noun governed by a verb ("coordonner les frappes") is that verb's object.
    pub(super) fn noun_is_object(&self, t: usize) -> bool {
        let mut b = t;
        while b > self.lo && self.is("det", b - 1) {
            b -= 1;
        }
        if b == self.lo || b == t {
            return false;
        }
        // Quotation marks are transparent: «coordonner» les frappes.
        while b > self.lo + 1 && matches!(self.w(b - 1), "\"" | "«" | "»" | "“" | "”") {
            b -= 1;
        }
        let w = self.w(b - 1);
        // "quelques mois après la libération de …": a time reference, told as background.
        if matches!(w, "après" | "avant" | "depuis") {
            return true;
        }
        let punct = w.chars().all(|c| !c.is_alphanumeric());
        !(punct
            || self.is("preposition", b - 1)
            || matches!(w, "et" | "ou" | "mais" | "que" | "qu'" | "dont" | "où"))
    }
}
