//! Actor 1 when the pattern does not name it: the verb's subject (the nearest actor phrase to
//! its left that is no complement, the antecedent of "qui" or of a pronoun, a cleft's focus),
//! the subject of a gerund's clause, unnamed attackers, and the implicit agent of a passive.

use super::*;

impl View<'_> {
    /// The subject of the verb group starting at `start`: the actor phrase that ends right
    /// before it — over adverbs, an incise between commas, nationality adjectives — or the
    /// antecedent of "qui". Anything else before the verb (a noun the base does not know, "l'ONG
    /// a demandé") means the subject is not an actor: no guess further left.
    pub(super) fn subject(&self, start: usize) -> Option<Vec<Member>> {
        let mut k = start;
        loop {
            if k <= self.lo {
                return None;
            }
            let w = self.w(k - 1);
            // "Sonia Dridi affirme avoir été agressée": the subject of the verb of saying.
            if self.is("say-que", k - 1) && matches!(self.w(k), "avoir" | "être") {
                k -= 1;
                continue;
            }
            if matches!(w, "il" | "elle" | "ils" | "elles") {
                // A subject pronoun stands for the actor the sentence opened with ("la France
                // ne va pas quitter la province puisqu'elle va continuer"), else for the last
                // actor 1 told in the sentences before.
                if k - 1 > self.lo + 1 {
                    if let Some(m) = self.opening_actor() {
                        if m.iter().all(|x| !x.place) {
                            return Some(m);
                        }
                    }
                }
                return self.antecedent.clone();
            }
            if w == "qui" {
                let mut e = k - 1;
                if e > self.lo && self.w(e - 1) == "," {
                    e -= 1;
                }
                // "Les dirigeants européens, qui…": over up to two adjectives.
                for back in 0..=2 {
                    if back > 0 && (e < self.lo + back || !self.is_adjective(e - back)) {
                        break;
                    }
                    if let Some((m, _)) = self.phrase_ending_at(e - back) {
                        return Some(m);
                    }
                }
                // "c'est la police qui a ouvert le feu": the cleft's focus.
                let focus = self.cleft_focus(e)?;
                return self.slot(focus, false).map(|(m, _)| m);
            }
            if w == "," {
                // "Le ministre de l'Intérieur, Manuel Valls, apportait": a name between commas
                // is the subject's own name.
                if let Some((m, start)) = self.phrase_ending_at(k - 1) {
                    let named = m.iter().all(|x| x.named && !x.place && !x.code.is_empty());
                    if named && start > self.lo && self.w(start - 1) == "," {
                        return Some(m);
                    }
                }
                // "Vladimir Poutine, en visite à Paris, a déclaré": back to the comma before.
                let open = (k.saturating_sub(32).max(self.lo)..k - 1)
                    .rev()
                    .find(|&j| self.w(j) == ",")?;
                k = open;
                continue;
            }
            // A note mark ("[1]").
            if self.is("skip", k - 1)
                || self.is("adverb", k - 1)
                || (w.len() > 2 && w.starts_with('[') && w.ends_with(']'))
            {
                k -= 1;
                continue;
            }
            // "La Communauté économique des États d'Afrique de l'Ouest (CEDEAO) a organisé",
            // "Le Parti populaire[1] a exclu": an acronym in brackets names the subject; a
            // note mark is skipped.
            if matches!(w, ")" | "]") {
                let open = (k.saturating_sub(8).max(self.lo)..k - 1)
                    .rev()
                    .find(|&j| matches!(self.w(j), "(" | "["))?;
                if let Some((m, start)) = self.phrase_ending_at(k - 1) {
                    if start == open + 1 && m.iter().all(|x| !x.code.is_empty()) {
                        return Some(m);
                    }
                }
                k = open;
                continue;
            }
            break;
        }
        // "Le ministère de la Santé invite": the head before a complement "de la Santé" that
        // names no actor.
        let head = (2..=5).find_map(|n| {
            let j = k.checked_sub(n)?;
            if j <= self.lo || !matches!(self.w(j), "de" | "d'" | "du" | "des" | "au" | "aux") {
                return None;
            }
            let plain = (j + 1..k).all(|p| {
                !self.phrases.contains_key(&p)
                    && (self.is("det", p)
                        || self.is_adjective(p)
                        || self.is_capitalised(p)
                        || self.w(p).chars().all(|c| c.is_ascii_digit()))
            });
            (plain).then(|| self.phrase_ending_at(j)).flatten()
        });
        for back in 0..=2 {
            if back > 0 && (k <= self.lo + back || !self.is_adjective(k - back)) {
                return head.map(|(m, _)| m);
            }
            let Some((members, pstart)) = self.phrase_ending_at(k - back) else {
                continue;
            };
            // A complement ("la création de la Russie") is not the subject…
            let mut b = pstart;
            while b > self.lo && (self.is("det", b - 1) || self.is("title", b - 1)) {
                // "du", "au", "aux" are "de le", "à les": a preposition is in them; so is
                // "des" after a noun ("la réforme des retraites").
                let contracted = matches!(self.w(b - 1), "du" | "au" | "aux")
                    || (self.w(b - 1) == "des"
                        && b - 1 > self.lo
                        && self.is_adjective(b - 2)
                        && !matches!(
                            self.w(b - 2),
                            "où" | "quand"
                                | "lorsque"
                                | "si"
                                | "comme"
                                | "car"
                                | "donc"
                                | "or"
                                | "ni"
                                | "puis"
                                | "alors"
                        ));
                if contracted {
                    break;
                }
                b -= 1;
            }
            // …unless it counts the subject: "des milliers de manifestants".
            let counted = b >= self.lo + 2
                && matches!(self.w(b - 1), "de" | "d'")
                && (self.is("quantity", b - 2)
                    || self.w(b - 2).chars().all(|c| c.is_ascii_digit()));
            if b > self.lo && self.is("preposition", b - 1) && !counted {
                // "Le régime de Damas a accusé": the head the complement hangs on.
                if matches!(self.w(b - 1), "de" | "d'" | "du" | "des") && b - 1 > self.lo {
                    if let Some((head, _)) = self.phrase_ending_at(b - 1) {
                        return Some(head);
                    }
                }
                return None;
            }
            return Some(members);
        }
        head.map(|(m, _)| m)
    }

    pub(super) fn is_capitalised(&self, t: usize) -> bool {
        t < self.hi
            && self
                .doc
                .slice(self.doc.tokens[t].span)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// A word that may follow a name inside its noun phrase: a nationality ("russe") or a
    /// lower-case word that is no verb of the dictionary, preposition or determiner.
    pub(super) fn is_adjective(&self, t: usize) -> bool {
        let w = self.w(t);
        self.kb.demonym(w).is_some()
            || (w.chars().all(|c| c.is_alphabetic() || c == '-')
                && w.chars().next().is_some_and(char::is_lowercase)
                && !self.is("preposition", t)
                && !self.is("det", t)
                && !self.is("aux-avoir", t)
                && !self.is("aux-etre", t)
                && !matches!(w, "et" | "ou" | "qui" | "que" | "ne" | "n'")
                && self.dict.lookup(w).is_empty())
    }

    /// The actor phrase a sentence opens with ("La préfecture a créé … et appelle …").
    pub(super) fn opening_actor(&self) -> Option<Vec<Member>> {
        let mut q = self.lo;
        // "- L'ONG Human Rights Watch…": a dash after the dateline.
        while q < self.hi && matches!(self.w(q), "-" | "–" | "—") {
            q += 1;
        }
        while q < self.hi
            && (self.is("det", q) || self.is("title", q))
            && !self.phrases.contains_key(&q)
        {
            q += 1;
        }
        let phrase = self.phrases.get(&q)?;
        let named_or_group = phrase.members.iter().all(|m| !m.code.is_empty());
        named_or_group.then(|| phrase.members.clone())
    }

    /// Who acts when the text does not say: the pattern's `+agent` role in the story's country
    /// ("ont été interpellés" → the police).
    pub(super) fn implicit_agent(&self, pattern: &Pattern, t: usize) -> Option<Member> {
        let role = pattern.implicit_agent.as_ref()?;
        self.unnamed_actor(role, t)
    }

    /// Unnamed people of `role` acting at token `t`: unnamed attackers or police are of the
    /// place where it happened ("place Tahrir au Caire"), else of the story's country.
    pub(super) fn unnamed_actor(&self, role: &str, t: usize) -> Option<Member> {
        let local = self
            .phrases
            .values()
            .filter(|p| {
                !p.members.is_empty() && p.members.iter().all(|m| m.place && m.entity.is_some())
            })
            .min_by_key(|p| p.start.abs_diff(t))
            .and_then(|p| p.members.first())
            .and_then(|m| m.country.clone());
        let country = local.or_else(|| self.story.country.clone())?;
        Some(Member {
            code: format!("{country}{role}"),
            entity: None,
            span: self.doc.tokens[t].span,
            country: Some(country),
            role: Some(role.to_string()),
            place: false,
            implied: false,
            named: false,
        })
    }

    /// The subject of a gerund at `t` ("en ordonnant", "tout en insistant"): the actor of the
    /// clause it hangs on. A gerund that opens the sentence ("Tout en insistant sur …, le
    /// républicain poursuit") takes the actor after its closing comma; one after its clause
    /// takes the last actor before it that no preposition governs.
    pub(super) fn gerund_subject(&self, t: usize) -> Option<Vec<Member>> {
        if t <= self.lo || self.w(t - 1) != "en" {
            return None;
        }
        let mut open = t - 1;
        if open > self.lo && self.w(open - 1) == "tout" {
            open -= 1;
        }
        let free = |start: usize| {
            let mut b = start;
            while b > self.lo && self.is("det", b - 1) {
                b -= 1;
            }
            !(b > self.lo && self.is("preposition", b - 1))
        };
        let named = |m: &Vec<Member>| m.iter().all(|x| !x.place && !x.code.is_empty());
        if (self.lo..open).all(|q| self.is("skip", q) || self.w(q) == "-") {
            let comma = (t + 1..self.hi).find(|&q| self.w(q) == ",")?;
            let (m, _) = self.slot(self.skip_fillers(comma + 1), false)?;
            return named(&m).then_some(m);
        }
        let mut starts: Vec<usize> = self.phrases.keys().copied().filter(|&p| p < open).collect();
        starts.sort_unstable();
        starts
            .into_iter()
            .rev()
            .filter(|&p| free(p))
            .map(|p| self.phrases[&p].members.clone())
            .find(named)
    }

    /// The named actors before a passive verb group at `start`, other than the sources and
    /// their country, one per code: what a passive subject that names no actor holds.
    pub(super) fn actors_in_subject(&self, start: usize, sources: &[Member]) -> Vec<Member> {
        let mut found: Vec<Member> = Vec::new();
        let mut starts: Vec<usize> = self
            .phrases
            .keys()
            .copied()
            .filter(|&p| p < start)
            .collect();
        starts.sort_unstable();
        for p in starts {
            for m in &self.phrases[&p].members {
                let other = !m.code.is_empty()
                    && !m.place
                    && m.named
                    && sources.iter().all(|s| {
                        s.code != m.code && (s.country.is_none() || s.country != m.country)
                    })
                    && found.iter().all(|f| f.code != m.code);
                if other {
                    found.push(m.clone());
                }
            }
        }
        found
    }

    /// The first token after "ce sont" / "c'est" in a cleft whose "qui" is at `qui`.
    pub(super) fn cleft_focus(&self, qui: usize) -> Option<usize> {
        let copula = (qui.saturating_sub(10).max(self.lo + 1)..qui)
            .rev()
            .find(|&j| {
                matches!(self.w(j), "sont" | "est" | "était" | "étaient")
                    && matches!(self.w(j - 1), "ce" | "c'")
            })?;
        Some(self.skip_fillers(copula + 1))
    }

    /// The unnamed attackers an active verb at `start` has for subject: "deux hommes ont
    /// ouvert le feu", "des inconnus armés ont tiré", "ce sont deux hommes à bord d'une moto
    /// qui ont tiré" (words of `%unknown-people`, over "armés" and the like). They are
    /// unidentified armed people of the place or the story's country. Never a target: "deux
    /// hommes ont été tués" are victims, not attackers.
    pub(super) fn unnamed_subject(&self, start: usize) -> Option<Member> {
        let mut k = start;
        while k > self.lo && (self.is("skip", k - 1) || self.is("adverb", k - 1)) {
            k -= 1;
        }
        let ends_people = |end: usize| {
            let mut e = end;
            if e > self.lo && self.is("armed", e - 1) {
                e -= 1;
            }
            (e > self.lo && self.is("unknown-people", e - 1)).then(|| e - 1)
        };
        let at = if k > self.lo && self.w(k - 1) == "qui" {
            let mut e = k - 1;
            if e > self.lo && self.w(e - 1) == "," {
                e -= 1;
            }
            ends_people(e).or_else(|| {
                let focus = self.cleft_focus(k - 1)?;
                (focus + 1..=(focus + 4).min(k - 1)).find_map(ends_people)
            })?
        } else {
            ends_people(k)?
        };
        self.unnamed_actor("UAF", at)
    }

    /// The sentence's first free actor as the subject of a verb far after it, when nothing
    /// between them opens another clause or closes this one (no relative, no conjunction, no
    /// punctuation, no other verb of the dictionary).
    pub(super) fn distant_subject(&self, start: usize) -> Option<Vec<Member>> {
        let mut starts: Vec<usize> = self
            .phrases
            .keys()
            .copied()
            .filter(|&s| s < start)
            .collect();
        starts.sort_unstable();
        let first = *starts.first()?;
        let mut b = first;
        while b > self.lo && self.is("det", b - 1) {
            b -= 1;
        }
        // Only an opening subject: "Environ 2 000 citoyens…" (an adverb or a number before it).
        if (self.lo..b)
            .any(|p| !(self.is("adverb", p) || self.is("skip", p) || self.w(p) == "environ"))
        {
            return None;
        }
        let phrase = &self.phrases[&first];
        let clean = (phrase.end..start).all(|p| {
            let w = self.w(p);
            !matches!(
                w,
                "," | ";"
                    | ":"
                    | "qui"
                    | "que"
                    | "qu'"
                    | "dont"
                    | "où"
                    | "et"
                    | "ou"
                    | "mais"
                    | "«"
                    | "»"
            ) && self.dict.lookup(w).is_empty()
                && !self.is("aux-avoir", p)
                && !self.is("aux-etre", p)
        });
        (clean && phrase.members.iter().all(|m| !m.place)).then(|| phrase.members.clone())
    }

    /// The first actor phrase of the sentence that no preposition governs: the likely subject
    /// of its main clause ("Bien que l'armée fût mise en état d'alerte").
    pub(super) fn first_free_actor(&self) -> Option<Vec<Member>> {
        let mut starts: Vec<usize> = self.phrases.keys().copied().collect();
        starts.sort_unstable();
        starts.into_iter().find_map(|start| {
            let mut b = start;
            while b > self.lo && self.is("det", b - 1) {
                b -= 1;
            }
            let governed = b > self.lo && self.is("preposition", b - 1);
            (!governed).then(|| self.phrases[&start].members.clone())
        })
    }

    /// Whether a verb group follows "et"/"puis" (over adverbs): a coordinated verb.
    pub(super) fn after_conjunction(&self, start: usize) -> bool {
        let mut k = start;
        while k > self.lo
            && (self.is("skip", k - 1) || self.is("adverb", k - 1))
            && self.w(k - 1) != ","
        {
            k -= 1;
        }
        k > self.lo && matches!(self.w(k - 1), "et" | "puis")
    }

    /// The phrase that ends right before token `k`, with "X et Y" compounds to its left.
    pub(super) fn phrase_ending_at(&self, k: usize) -> Option<(Vec<Member>, usize)> {
        let start = *self.ends.get(&k)?;
        let mut members = self.phrases.get(&start)?.members.clone();
        let mut s = start;
        // "X, Y et Z": the last join is "et"; a comma alone joins nothing ("la CPI, l'ONG a").
        let mut joined_by_et = false;
        loop {
            let mut b = s;
            while b > self.lo && self.is("det", b - 1) {
                b -= 1;
            }
            let joiner = if b > self.lo { self.w(b - 1) } else { "" };
            if joiner == "et" || (joiner == "," && joined_by_et) {
                joined_by_et = true;
                if let Some(&prev) = self.ends.get(&(b - 1)) {
                    if let Some(p) = self.phrases.get(&prev) {
                        members.splice(0..0, p.members.iter().cloned());
                        s = prev;
                        continue;
                    }
                }
            }
            break;
        }
        Some((members, s))
    }
}
