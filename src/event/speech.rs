//! Speech acts: what a speaker's words do. A speaker's harsh words are the speaker's act of
//! criticising (111) or accusing (1122, 1124); an order at the head of a clause is a demand (100).
//! The words are a quotation attributed in the sentence, "X a déclaré que …", or "Pour X, …". A
//! harsh word that is the denied predicate ("n'est pas irresponsable") or asked about ("… ?")
//! judges no one. Also: who speaks in the first person inside a quotation, and the verb of
//! saying an infinitive depends on ("ont dit envisager").

use super::*;

impl EventCoder {
    /// A speaker's harsh words are the speaker's act of criticising (111): a quotation
    /// attributed in this sentence, or "X a déclaré que …", whose words hold a word of the
    /// dictionary's `%critical` class. The target is the first other actor named in those
    /// words, else the story's main other actor.
    pub(super) fn critical_speech(
        &self,
        view: &View,
        si: usize,
        out: &mut Vec<(Event, usize, (usize, usize))>,
        candidates: &mut Vec<Candidate>,
    ) {
        let doc = view.doc;
        let sentence = doc.sentences[si].span;
        let inside = |s: Span| sentence.start <= s.start && s.start < sentence.end;
        // (speaker, words said, trigger token, verb of saying)
        let mut said: Vec<(Vec<Member>, Span, usize, Option<Span>)> = Vec::new();
        for q in doc.quotes.iter().filter(|q| q.marked) {
            // A quotation with no verb of saying is often a phrase the narrator borrows
            // ("un « signe religieux distinctif »"), not a statement.
            let (Some(speaker), Some(anchor)) = (&q.speaker, q.verb) else {
                continue;
            };
            if !inside(anchor) {
                continue;
            }
            let Some(member) = view.speaker_actor(speaker) else {
                continue;
            };
            let Some(t) = (view.lo..view.hi).find(|&t| doc.tokens[t].span.start >= anchor.start)
            else {
                continue;
            };
            said.push((vec![member], q.span, t, Some(anchor)));
        }
        // "Pour l'organisation, l'usage de la torture prouve …", "Selon plusieurs associations,
        // …": what follows is their statement.
        if matches!(view.w(view.lo), "pour" | "selon") {
            let mut q = view.lo + 1;
            while q < view.hi
                && (view.is("det", q) || view.is("title", q))
                && !view.phrases.contains_key(&q)
            {
                q += 1;
            }
            if let Some(phrase) = view.phrases.get(&q) {
                let comma = (phrase.end..(phrase.end + 8).min(view.hi)).find(|&p| view.w(p) == ",");
                if let Some(c) = comma.filter(|&c| c + 1 < view.hi) {
                    let end = (c + 1..view.hi)
                        .find(|&p| view.w(p) == ";")
                        .unwrap_or(view.hi);
                    let words = Span {
                        start: doc.tokens[c + 1].span.start,
                        end: doc.tokens[end - 1].span.end,
                    };
                    said.push((phrase.members.clone(), words, view.lo, None));
                }
            }
        }
        for t in view.lo..view.hi {
            if !view.is("say-que", t) || view.in_quote[t - view.lo] {
                continue;
            }
            // "a déclaré que …", "a insisté sur …"
            let q = view.skip_fillers(t + 1);
            let about = view.w(q) == "sur" && view.is("say-sur", t);
            if !matches!(view.w(q), "que" | "qu'") && !about {
                continue;
            }
            let mut start = t;
            while start > view.lo
                && (view.is("aux-avoir", start - 1) || view.is("adverb", start - 1))
            {
                start -= 1;
            }
            let Some(speaker) = view.subject(start).or_else(|| view.gerund_subject(t)) else {
                continue;
            };
            let end = (q + 1..view.hi)
                .find(|&p| view.w(p) == ";")
                .unwrap_or(view.hi);
            if end <= q + 1 {
                continue;
            }
            let words = Span {
                start: doc.tokens[q + 1].span.start,
                end: doc.tokens[end - 1].span.end,
            };
            said.push((speaker, words, t, Some(doc.tokens[t].span)));
        }
        for (speakers, words, t, verb) in said {
            let speakers: Vec<Member> = speakers
                .into_iter()
                .filter(|m| !m.code.is_empty())
                .collect();
            if speakers.is_empty()
                || out
                    .iter()
                    .any(|(e, _, _)| speakers.iter().any(|s| s.code == e.actor1.code))
            {
                continue;
            }
            let first = doc
                .tokens
                .partition_point(|tok| tok.span.start < words.start);
            let said: Vec<String> = doc.tokens[first..]
                .iter()
                .take_while(|tok| tok.span.end <= words.end)
                .map(|tok| normalize_word(doc.slice(tok.span)))
                .collect();
            // The sentence that holds the k-th word said: a quotation may run over several.
            let sentence_of = |k: usize| {
                let at = doc.tokens[first + k].span.start;
                doc.sentences
                    .iter()
                    .find(|x| x.span.start <= at && at < x.span.end)
                    .map_or(sentence, |x| x.span)
            };
            // What the words judge: accusations have codes of their own, war crimes and
            // crimes against humanity (1124), human rights abuses such as torture (1122).
            let mut acts: Vec<(&str, String, Span)> = Vec::new();
            // A harsh word denied ("ce n'est pas scandaleux", "sans mépris") or asked about
            // ("est-ce un crime ?") judges no one.
            // Only the word itself is denied, as the predicate of a negated "être" ("n'était
            // absolument pas raciste"); "ne partagent pas les bêtises du MNLA" still judges.
            let negated = |k: usize| {
                let neg_end = (k.saturating_sub(2)..k)
                    .rev()
                    .find(|&j| view.dict.is("negation-end", &said[j]));
                let denied = neg_end.is_some_and(|j| {
                    (j.saturating_sub(4)..j).any(|i| {
                        view.dict.is("negation", &said[i])
                            && said[i + 1..j].iter().any(|w| {
                                view.dict.is("aux-etre", w)
                                    || matches!(w.as_str(), "semble" | "semblent" | "paraît")
                            })
                    })
                });
                denied || (k > 0 && said[k - 1] == "sans")
            };
            let asked = |k: usize| {
                said[k..]
                    .iter()
                    .find(|w| matches!(w.as_str(), "." | "!" | "?"))
                    .is_some_and(|w| w == "?")
            };
            let critical = (0..said.len())
                .find(|&k| view.dict.is_like("critical", &said[k]) && !negated(k) && !asked(k));
            if let Some(k) = critical {
                let war = said
                    .iter()
                    .position(|w| view.dict.is_like("accuse-war-crimes", w))
                    .filter(|_| said.iter().any(|w| w.starts_with("crime")));
                let abuse = said
                    .iter()
                    .position(|w| view.dict.is_like("accuse-abuses", w));
                // An accusation belongs to the sentence that makes it; plain criticism to
                // the sentence that says who speaks.
                let (code, span) = match (war, abuse) {
                    (Some(w), _) => ("1124", sentence_of(w)),
                    (None, Some(a)) => ("1122", sentence_of(a)),
                    _ => ("111", sentence),
                };
                acts.push((code, said[k].clone(), span));
            }
            // "… est clair : arrêtez la destruction": an order at the head of a clause is a
            // demand (100).
            if let Some(k) = (0..said.len()).find(|&k| {
                view.dict.is("imperative-demand", &said[k])
                    && (k == 0 || matches!(said[k - 1].as_str(), ":" | "«" | "." | "!" | ","))
            }) {
                acts.push(("100", said[k].clone(), sentence_of(k)));
            }
            // "« … », a déploré X", "X a salué …", "X accuse …": the verb of saying judges by
            // itself, whatever the words.
            if acts.is_empty() {
                acts.extend(
                    verb.and_then(|v| view.judging_verb(v))
                        .map(|(code, word)| (code, word, sentence)),
                );
            }
            if acts.is_empty() {
                continue;
            }
            // Every other actor the words name is criticised, one event per actor code ("les
            // bêtises du MNLA, du Mujao et d'Al-Qaïda"), at most three.
            let mut targets: Vec<Member> = view
                .actors_in(words)
                .into_iter()
                .filter(|m| speakers.iter().all(|s| s.code != m.code))
                .take(3)
                .collect();
            if targets.is_empty() {
                targets.extend(view.story.implied_target(&speakers));
            }
            let trigger = doc.tokens[t].span;
            for (code, word, span) in acts {
                let mut coded = Vec::new();
                for (a1, target) in speakers
                    .iter()
                    .flat_map(|a| targets.iter().map(move |b| (a, b)))
                {
                    if a1.code == target.code {
                        continue;
                    }
                    let event = Event {
                        code: code.into(),
                        actor1: actor(a1),
                        actor2: Some(actor(target)),
                        status: EventStatus::Reported,
                        date: None,
                        date_span: None,
                        place: None,
                        span,
                        trigger,
                        pattern: format!(
                            "{} speech: \"{word}\"",
                            match code {
                                "100" => "demanding",
                                "051" => "praising",
                                _ => "critical",
                            }
                        ),
                        score: 0.6,
                    };
                    coded.push(format!("{code} {} → {}", a1.code, target.code));
                    out.push((event, t, (t, t + 1)));
                }
                if !coded.is_empty() {
                    candidates.push(Candidate {
                        sentence: si,
                        trigger,
                        lemma: view.w(t).to_string(),
                        roots: vec![root(code).to_string()],
                        fate: Fate::Coded,
                        outcome: format!("coded {} (words: \"{word}\")", coded.join("; ")),
                        events: Vec::new(),
                    });
                }
            }
        }
    }
}

impl View<'_> {
    /// The speaker of the quotation holding token `t`, when the verb at `t` has "je" or
    /// "nous" for subject ("Nous demandons", "je condamne", "nous ne l'acceptons pas").
    pub(super) fn first_person_speaker(&self, t: usize) -> Option<Vec<Member>> {
        let mut k = t;
        while k > self.lo
            && (self.is("negation", k - 1)
                || self.is("clitic", k - 1)
                || self.is("aux-avoir", k - 1)
                || self.is("aux-etre", k - 1)
                || matches!(self.w(k - 1), "vous" | "te" | "t'" | "me" | "m'")
                || self.is("adverb", k - 1))
        {
            k -= 1;
        }
        if k == self.lo || !matches!(self.w(k - 1), "je" | "j'" | "nous") {
            return None;
        }
        let at = self.doc.tokens[t].span;
        let quote = self
            .doc
            .quotes
            .iter()
            .find(|q| q.marked && q.span.start <= at.start && at.end <= q.span.end)?;
        Some(vec![self.speaker_actor(quote.speaker.as_ref()?)?])
    }

    /// What a verb of saying does by itself, when its words judge: criticising (111,
    /// `%say-critical`: "a déploré", "a ironisé"), accusing (112, `%say-accusing`) or praising
    /// (051, `%say-praising`: "a salué"), unless denied ("n'a pas dénoncé").
    /// The verb is in this view's sentence: its words are the sentence's, already normalised.
    pub(super) fn judging_verb(&self, verb: Span) -> Option<(&'static str, String)> {
        let tokens = &self.doc.tokens;
        let first = tokens.partition_point(|tok| tok.span.end <= verb.start);
        let last = tokens.partition_point(|tok| tok.span.start < verb.end);
        // "n'a pas dénoncé": a negation inside the verb group or right before it.
        if (first.saturating_sub(1)..last).any(|k| self.is("negation", k)) {
            return None;
        }
        [
            ("say-accusing", "112"),
            ("say-critical", "111"),
            ("say-praising", "051"),
        ]
        .into_iter()
        .find_map(|(class, code)| {
            (first..last)
                .find(|&k| self.dict.is_like(class, self.w(k)))
                .map(|k| (code, self.w(k).to_string()))
        })
    }

    /// The quotation whose verb of saying is the verb at token `t` ("… », a-t-il exhorté",
    /// "… », dénonce la direction").
    fn quotation_of_verb(&self, t: usize) -> Option<&crate::document::Quote> {
        let at = self.doc.tokens[t].span;
        self.doc.quotes.iter().find(|q| {
            q.marked
                && q.verb
                    .is_some_and(|v| v.start <= at.start && at.end <= v.end)
        })
    }

    /// The speaker of the quotation whose verb of saying is the verb at token `t`: the subject
    /// the attribution found, pronoun antecedents included.
    pub(super) fn quoting_speaker(&self, t: usize) -> Option<Vec<Member>> {
        let quote = self.quotation_of_verb(t)?;
        Some(vec![self.speaker_actor(quote.speaker.as_ref()?)?])
    }

    /// The words of the quotation whose verb of saying is the verb at token `t`.
    pub(super) fn words_of_verb(&self, t: usize) -> Option<Span> {
        self.quotation_of_verb(t).map(|q| q.span)
    }

    /// The actors that mentions inside `words` name, in order, once per code; no places.
    pub(super) fn actors_in(&self, words: Span) -> Vec<Member> {
        let mut named: Vec<&crate::document::Mention> = self
            .doc
            .mentions
            .iter()
            .filter(|m| words.start <= m.span.start && m.span.end <= words.end)
            .collect();
        named.sort_by_key(|m| m.span.start);
        let mut out: Vec<Member> = Vec::new();
        for m in named
            .into_iter()
            .filter_map(|m| m.entity.and_then(|e| self.member(e, m.span, !m.nominal)))
        {
            if !m.code.is_empty() && !m.place && out.iter().all(|o| o.code != m.code) {
                out.push(m);
            }
        }
        out
    }

    /// The actor a quotation's speaker names, when it has a code and is no place.
    pub(super) fn speaker_actor(&self, speaker: &crate::document::Speaker) -> Option<Member> {
        let m = speaker.mention.and_then(|m| self.doc.mentions.get(m))?;
        m.entity
            .and_then(|e| self.member(e, m.span, !m.nominal))
            .filter(|x| !x.code.is_empty() && !x.place)
    }

    /// Whether `span` lies in the quotation that holds token `t` (false when none does).
    pub(super) fn same_quotation(&self, t: usize, span: Span) -> bool {
        let at = self.doc.tokens[t].span;
        self.doc
            .quotes
            .iter()
            .find(|q| q.marked && q.span.start <= at.start && at.end <= q.span.end)
            .is_some_and(|q| q.span.start <= span.start && span.end <= q.span.end)
    }

    /// Whether a verb group comes right after a closing quotation mark ("», dénonce"). A
    /// straight mark that opens a quotation ("\"Nous appelons…") is no closing one.
    pub(super) fn after_quotation(&self, start: usize) -> bool {
        let mut k = start;
        if k > self.lo && self.w(k - 1) == "," {
            k -= 1;
        }
        if k == self.lo || !matches!(self.w(k - 1), "»" | "”" | "\"") {
            return false;
        }
        let mark = self.doc.tokens[k - 1].span;
        let opens = self
            .doc
            .quotes
            .iter()
            .any(|q| q.span.start >= mark.end && q.span.start <= mark.end + 1);
        !opens
    }

    /// The verb of saying right before a verb group, over adverbs and time expressions ("ont
    /// dit mardi envisager", "a assuré renforcer"), when there is one.
    pub(super) fn saying_before(&self, start: usize) -> Option<usize> {
        let mut q = start;
        while q > self.lo
            && (self.in_time[q - 1 - self.lo] || self.is("adverb", q - 1) || self.is("skip", q - 1))
        {
            q -= 1;
        }
        (q > self.lo && self.is("say-que", q - 1)).then(|| q - 1)
    }
}
