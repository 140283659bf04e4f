//! Assembly: from a sentence's candidate triggers to events. For every dictionary word of the
//! sentence it reads the verb group ([`super::group`]), decides how the verb asserts the act
//! (reported, planned, alleged, negated, or not at all: a bare infinitive, an adjectival
//! participle), tries the entry's patterns with the sentence's actors ([`super::args`]), finds
//! actor 1 ([`super::subject`]) and builds one event per pair of actors. Every candidate and why
//! it was or was not coded is kept for `depeche explain`.

use super::*;

impl EventCoder {
    pub(super) fn code_sentence(
        &self,
        view: &View,
        si: usize,
        out: &mut Vec<(Event, usize, (usize, usize))>,
        candidates: &mut Vec<Candidate>,
    ) {
        let doc = view.doc;
        let alleged_sentence =
            (view.lo..view.hi).any(|t| view.dict.is("alleged-marker", view.w(t)));
        let mut main: Option<MainVerb> = None;
        // (token after which the complement infinitive comes, its subject)
        let mut complement: Option<(usize, Vec<Member>)> = None;
        for t in view.lo..view.hi {
            let entries = view.dict.lookup(view.w(t));
            if entries.is_empty() {
                continue;
            }
            // A capitalised word inside the sentence is a name ("Gaza"), not a verb.
            let first = doc.slice(doc.tokens[t].span).chars().next();
            if t > view.lo && first.is_some_and(char::is_uppercase) {
                continue;
            }
            let trigger = doc.tokens[t].span;
            let mut roots: Vec<String> = entries
                .iter()
                .flat_map(|&(e, _)| view.dict.entries[e].roots.iter().cloned())
                .collect();
            if entries.len() > 1 {
                roots.sort();
                roots.dedup();
            }
            let mut note = |lemma: &str, fate: Fate, outcome: String| {
                candidates.push(Candidate {
                    sentence: si,
                    trigger,
                    lemma: lemma.to_string(),
                    roots: roots.clone(),
                    fate,
                    outcome,
                    events: Vec::new(),
                })
            };
            // "« Nous condamnons … » a déclaré X": in a quotation, only the speaker's own
            // act of speech in the first person and the present is coded, as the speaker's.
            let quoted = if view.in_quote[t - view.lo] && !view.narrated_in_quote(t) {
                match view.first_person_speaker(t) {
                    Some(speaker) => Some(speaker),
                    None => {
                        let lemma = &view.dict.entries[entries[0].0].lemma;
                        note(
                            lemma,
                            Fate::Quoted,
                            "inside a quotation: what a quote tells is not the narrator's".into(),
                        );
                        continue;
                    }
                }
            } else {
                None
            };
            let has_reflexive_entry = entries.iter().any(|&(e, _)| view.dict.entries[e].reflexive);
            let group_any = view.group(t, FormKind::Finite);
            for &(ei, kind) in entries {
                let entry = &view.dict.entries[ei];
                if entry.reflexive && !view.group(t, kind).reflexive {
                    continue;
                }
                if !entry.reflexive && has_reflexive_entry && group_any.reflexive {
                    continue;
                }
                // A verb form right after an article is a noun or adjective: "un violent
                // clash", "sa demande", "des attaques".
                if kind != FormKind::Noun
                    && t > view.lo
                    && matches!(
                        view.w(t - 1),
                        "un" | "une"
                            | "des"
                            | "du"
                            | "son"
                            | "sa"
                            | "ses"
                            | "ce"
                            | "cet"
                            | "cette"
                            | "ces"
                            | "au"
                            | "aux"
                            | "plusieurs"
                            | "leurs"
                    )
                {
                    continue;
                }
                let mut group = view.group(t, kind);
                // "Il s'appelle Jean-Pierre Pernaut": a verb whose reflexive is another verb.
                if !entry.reflexive
                    && group.reflexive
                    && view.dict.is("other-when-reflexive", &entry.lemma)
                {
                    continue;
                }
                // The speaker's own act, told in the first person: "nous condamnons", "je l'ai
                // félicité", "j'ai parlé à X".
                let own_act =
                    kind == FormKind::Finite || (kind == FormKind::PastParticiple && group.has_aux);
                if quoted.is_some() && (!own_act || group.negated) {
                    note(
                        &entry.lemma, Fate::Quoted,
                        "inside a quotation and not the speaker's own act (present or past): not coded".into(),
                    );
                    continue;
                }
                // "est arrivé": verbs that take "être" are not passive.
                if view.dict.is("etre-verb", &entry.lemma.replace(' ', "_")) {
                    group.passive = false;
                }
                // How the verb asserts the act.
                let mut status = EventStatus::Reported;
                let mut inherited: Option<MainVerb> = None;
                let mut forced_sources: Option<Vec<Member>> = quoted.clone();
                // (agents, patients) of a participle whose agent is named.
                let mut reduced: Option<(Vec<Member>, Vec<Member>)> = None;
                match kind {
                    FormKind::Noun if view.noun_is_object(t) => {
                        note(
                            &entry.lemma,
                            Fate::NotAsserted,
                            "noun in the object of another verb: not an event of its own".into(),
                        );
                        continue;
                    }
                    // "…, en ordonnant le retrait de 2 000 soldats": a gerund is an act of the
                    // clause's subject, told with it.
                    FormKind::PresentParticiple if quoted.is_none() => {
                        // A bare participle of speech or stance ("…, dénonçant X") is the act
                        // of whom the tree says it qualifies; other bare participles are
                        // background.
                        let stance = stance(entry);
                        let subject = view.gerund_subject(t).or_else(|| {
                            (stance && !(t > view.lo && view.w(t - 1) == "en"))
                                .then(|| view.participle_subject_on_tree(t))
                                .flatten()
                                .filter(|m| m.iter().any(|x| !x.code.is_empty()))
                        });
                        match subject {
                            Some(subject) => forced_sources = Some(subject),
                            None => {
                                note(
                                    &entry.lemma,
                                    Fate::NotAsserted,
                                    "present participle: background, not coded".into(),
                                );
                                continue;
                            }
                        }
                    }
                    FormKind::PresentParticiple => {
                        note(
                            &entry.lemma,
                            Fate::NotAsserted,
                            "present participle: background, not coded".into(),
                        );
                        continue;
                    }
                    FormKind::PastParticiple if group.governed.is_some() => {
                        // "d'avoir massacré" after "accuser X": X's alleged act.
                        match &complement {
                            // Over a complement of the target ("le régime de Bachar el-Assad
                            // d'avoir massacré").
                            Some((after, subject)) if *after < t && t <= after + 8 => {
                                forced_sources = Some(subject.clone());
                                status = EventStatus::Alleged;
                            }
                            _ => {
                                note(
                                    &entry.lemma,
                                    Fate::NotAsserted,
                                    "past infinitive after 'de': the complement of another verb"
                                        .into(),
                                );
                                continue;
                            }
                        }
                    }
                    FormKind::PastParticiple if group.participial => {
                        note(
                            &entry.lemma,
                            Fate::NotAsserted,
                            "participial clause (ayant, étant): background, not coded".into(),
                        );
                        continue;
                    }
                    // "a dénoncé … et accusé le gouvernement": the auxiliary and subject of
                    // the verb it is coordinated with.
                    FormKind::PastParticiple
                        if !group.has_aux
                            && main.is_some()
                            && t > view.lo
                            && matches!(view.w(t - 1), "et" | "puis") =>
                    {
                        if let Some(m) = &main {
                            status = m.status;
                            inherited = Some(m.clone());
                        }
                    }
                    FormKind::PastParticiple if !group.has_aux && !view.has_aux_on_tree(t) => {
                        match view.reduced_passive(t) {
                            Some(sides) => reduced = Some(sides),
                            None => {
                                note(
                                    &entry.lemma,
                                    Fate::NotAsserted,
                                    "participle without auxiliary (adjectival): not coded".into(),
                                );
                                continue;
                            }
                        }
                    }
                    FormKind::Infinitive if group.recent || group.phase => {}
                    FormKind::Infinitive => {
                        if group.modal {
                            note(
                                &entry.lemma,
                                Fate::NotAsserted,
                                "after a modal (peut, veut, tente…): not asserted".into(),
                            );
                            continue;
                        }
                        if group.planned {
                            status = EventStatus::Planned;
                        } else if let Some(prep) = &group.governed {
                            let purpose = (prep == "pour" && stance(entry))
                                .then(|| view.purpose_subject(t))
                                .flatten();
                            match &complement {
                                Some((after, subject))
                                    if (prep == "de" || prep == "d'")
                                        && *after < t
                                        && t <= after + 3 =>
                                {
                                    forced_sources = Some(subject.clone());
                                    status = EventStatus::Alleged;
                                }
                                // "a téléphoné au Premier ministre pour le féliciter": a
                                // word or stance the call or the visit was made for, by
                                // the clause's subject.
                                _ if purpose.is_some() => forced_sources = purpose,
                                _ => {
                                    note(&entry.lemma, Fate::NotAsserted, format!("infinitive after '{prep}': the complement of another verb"));
                                    continue;
                                }
                            }
                        } else if group.coordinated {
                            match &main {
                                Some(m) => {
                                    status = m.status;
                                    inherited = Some(m.clone());
                                }
                                None => {
                                    note(
                                        &entry.lemma,
                                        Fate::NotAsserted,
                                        "coordinated infinitive with no coded verb before it"
                                            .into(),
                                    );
                                    continue;
                                }
                            }
                        } else if let Some(say) = view.saying_before(group.start) {
                            // "Les autorités russes ont dit mardi envisager un vol": the
                            // speaker's own stance, told by the speaker.
                            match view.subject(view.group(say, FormKind::Finite).start) {
                                Some(s) => forced_sources = Some(s),
                                None => {
                                    note(
                                        &entry.lemma, Fate::NoSource,
                                        "infinitive after a verb of saying whose subject is no actor"
                                            .into(),
                                    );
                                    continue;
                                }
                            }
                        } else {
                            note(
                                &entry.lemma,
                                Fate::NotAsserted,
                                "bare infinitive: not asserted".into(),
                            );
                            continue;
                        }
                    }
                    FormKind::Future => status = EventStatus::Planned,
                    FormKind::Conditional => status = EventStatus::Alleged,
                    _ => {}
                }
                if group.planned && kind != FormKind::Infinitive {
                    status = EventStatus::Planned;
                }
                // "affirme avoir été agressée": what the subject says happened to them.
                let told = group.start > view.lo
                    && view.is("say-que", group.start - 1)
                    && kind != FormKind::Infinitive;
                if group.alleged || told || (alleged_sentence && status == EventStatus::Reported) {
                    status = EventStatus::Alleged;
                }
                if group.negated {
                    status = EventStatus::Negated;
                }
                // "« … », dénonce le président": after a quotation the subject follows the
                // verb, and what the pattern reads comes after it.
                let mut from = t + 1;
                // "« … », a-t-il exhorté les manifestants": the inverted pronoun is the
                // subject, the speaker of the quotation; what follows is the object.
                let inverted =
                    (group.start..(t + 2).min(view.hi)).any(|k| view.is("inverted-subject", k));
                if inverted && view.after_quotation(group.start) {
                    if let Some(speaker) = view.quoting_speaker(t) {
                        forced_sources = Some(speaker);
                    }
                } else if kind != FormKind::Noun
                    && !group.passive
                    && view.after_quotation(group.start)
                {
                    if let Some((members, end)) = view.slot(view.skip_fillers(t + 1), false) {
                        forced_sources = Some(members);
                        from = end;
                    }
                }
                // Patterns: the first that matches per root code.
                let mut fired: Vec<(&Pattern, Bindings, usize)> = Vec::new();
                let mut tried = Vec::new();
                // "agressés par des individus encagoulés": the patterns whose object is the
                // target, the object being what the participle qualifies.
                if let Some((agents, patients)) = &reduced {
                    for pattern in &entry.patterns {
                        if !single_object(pattern)
                            || fired
                                .iter()
                                .any(|(p, _, _)| subsumes(&p.code, &pattern.code))
                        {
                            continue;
                        }
                        let rest: Vec<Element> = pattern
                            .after
                            .iter()
                            .filter(|e| !matches!(e, Element::Target { .. }))
                            .cloned()
                            .collect();
                        let matched = if rest.is_empty() {
                            Some((Bindings::default(), t + 1))
                        } else {
                            view.match_after(&rest, t + 1, Bindings::default())
                        };
                        // "interrogés par l'AFP", "rencontrés par Le Parisien": how the news
                        // was gathered, not an act of the story.
                        let reporting = matches!(root(&pattern.code), "04" | "09")
                            && agents.iter().all(|m| m.role.as_deref() == Some("MED"));
                        // "des groupes soutenus par les Occidentaux": a standing alliance
                        // that qualifies a noun, not an act of the story.
                        let standing = root(&pattern.code) == "05";
                        if reporting || standing {
                            continue;
                        }
                        if let Some((_, end)) = matched {
                            let bindings = Bindings {
                                sources: agents.clone(),
                                targets: patients.clone(),
                                persons: pattern.persons,
                                ..Bindings::default()
                            };
                            fired.push((pattern, bindings, end));
                        }
                    }
                    if fired.is_empty() {
                        note(
                            &entry.lemma, Fate::NoPattern,
                            "participle with its agent: no pattern with a single object (or the press gathering news)".into(),
                        );
                        continue;
                    }
                }
                // First with the actors the sentence names; failing that, a target may be
                // implied by an object that names no actor.
                for allow_implied in [false, true] {
                    if !fired.is_empty() || (allow_implied && kind == FormKind::Noun) {
                        break;
                    }
                    // (Not after a quotation: the subject follows the verb there, and a parser
                    // may read it as the object.)
                    if allow_implied
                        && !group.passive
                        && kind != FormKind::Noun
                        && !view.after_quotation(group.start)
                    {
                        // Before an implied target: the object or complement the tree reads,
                        // wherever the sentence puts it.
                        tried.clear();
                        for pattern in &entry.patterns {
                            if fired
                                .iter()
                                .any(|(p, _, _)| subsumes(&p.code, &pattern.code))
                                || (pattern.alone && !fired.is_empty())
                            {
                                continue;
                            }
                            let targets = tree::TreeSlot::of(pattern)
                                .and_then(|slot| view.target_on_tree(t, &slot))
                                .map(|m| {
                                    m.into_iter()
                                        .filter(|x| !(pattern.persons && x.place))
                                        .collect::<Vec<_>>()
                                })
                                .filter(|m| !m.is_empty());
                            match targets {
                                Some(targets) => fired.push((
                                    pattern,
                                    Bindings {
                                        targets,
                                        persons: pattern.persons,
                                        ..Bindings::default()
                                    },
                                    t + 1,
                                )),
                                None => tried.push(pattern.code.clone()),
                            }
                        }
                        if !fired.is_empty() {
                            break;
                        }
                    }
                    tried.clear();
                    for pattern in &entry.patterns {
                        if fired
                            .iter()
                            .any(|(p, _, _)| subsumes(&p.code, &pattern.code))
                            || (pattern.alone && !fired.is_empty())
                        {
                            continue;
                        }
                        if !view.match_before(&pattern.before, t) {
                            continue;
                        }
                        let matched = if group.passive && kind != FormKind::Noun {
                            view.match_passive(pattern, t, group.start, allow_implied)
                        } else {
                            let b = Bindings {
                                allow_implied,
                                persons: pattern.persons,
                                ..Bindings::default()
                            };
                            view.match_after(&pattern.after, from, b)
                        };
                        match matched {
                            Some((b, end)) => fired.push((pattern, b, end)),
                            None => tried.push(pattern.code.clone()),
                        }
                    }
                }
                // "« La santé publique n'est pas une priorité pour l'État », a déploré X": the
                // verb of saying judges what the quotation says, about the actors it names.
                if fired.is_empty()
                    && kind != FormKind::Noun
                    && !group.passive
                    && view.judging_verb(view.doc.tokens[t].span).is_some()
                {
                    if let Some(words) = view.words_of_verb(t) {
                        let pattern = entry.patterns.iter().find(|p| {
                            matches!(root(&p.code), "11" | "12" | "13")
                                && single_object(p)
                                // The verb judges by itself: its frame holds no word of an
                                // idiom ("déclarer coupable", "dire non"), prepositions only.
                                && p.after.iter().all(|e| match e {
                                    Element::Words(alternatives) => alternatives.iter().all(|a| {
                                        a.iter().all(|w| view.dict.is("preposition", w))
                                    }),
                                    _ => true,
                                })
                        });
                        if let Some(pattern) = pattern {
                            let named = view.actors_in(words);
                            let implied = named.is_empty();
                            fired.push((
                                pattern,
                                Bindings {
                                    targets: named,
                                    implied,
                                    ..Bindings::default()
                                },
                                t + 1,
                            ));
                        }
                    }
                }
                if fired.is_empty() {
                    note(
                        &entry.lemma,
                        Fate::NoPattern,
                        format!("no pattern matched (tried {})", tried.join(", ")),
                    );
                    continue;
                }
                let mut coded_here = Vec::new();
                for (pattern, mut bindings, end) in fired {
                    if pattern.victim {
                        // "Un lycéen a été victime d'une agression": the subject of "être"
                        // suffers the act.
                        let victims = view.etre_before(t).and_then(|start| view.subject(start));
                        let Some(victims) = victims else {
                            note(
                                &entry.lemma,
                                Fate::NoTarget,
                                format!("{}: no victim (subject of être) found", pattern.code),
                            );
                            continue;
                        };
                        if bindings.sources.is_empty() {
                            bindings.sources.extend(view.implicit_agent(pattern, t));
                        }
                        bindings.targets = victims;
                    }
                    if pattern.subject {
                        // "Laurent Fabius est attendu à Alger": the subject of "être" acts.
                        match view.etre_before(t).and_then(|start| view.subject(start)) {
                            Some(s) => bindings.sources = s,
                            None => {
                                note(
                                    &entry.lemma,
                                    Fate::NoSource,
                                    format!("{}: no actor 1 (subject of être) found", pattern.code),
                                );
                                continue;
                            }
                        }
                    }
                    // Sources: $S, or the subject.
                    let mut targets = bindings.targets.clone();
                    let sources: Vec<Member> = if let Some(s) = &forced_sources {
                        s.clone()
                    } else if !bindings.sources.is_empty() {
                        bindings.sources.clone()
                    } else if let Some(m) = &inherited {
                        if targets.is_empty() && pattern.reciprocal {
                            targets = m.targets.clone();
                        }
                        m.sources.clone()
                    } else if kind == FormKind::Noun {
                        // "La libération de plusieurs journalistes": by the authorities of the
                        // place or story, when the entry says who does it.
                        view.implicit_agent(pattern, t).into_iter().collect()
                    } else {
                        // Unnamed people as attackers: only for acts of violence.
                        let violent = matches!(root(&pattern.code), "18" | "19" | "20");
                        let subject = view
                            .quoting_speaker(t)
                            .or_else(|| view.subject(group.start))
                            .or_else(|| {
                                view.subject_on_tree(t, group.passive)
                                    .filter(|m| m.iter().any(|x| !x.code.is_empty()))
                            });
                        let subject = subject.or_else(|| {
                            violent
                                .then(|| view.unnamed_subject(group.start))
                                .flatten()
                                .map(|m| vec![m])
                        });
                        match subject {
                            Some(s) => s,
                            // "X a félicité les artistes et a reçu…": the subject of the verb
                            // this one is coordinated with.
                            None if view.after_conjunction(group.start) => match &main {
                                Some(m) => m.sources.clone(),
                                // The verb before was not coded: the sentence's subject,
                                // when the sentence opens with an actor.
                                None => view.opening_actor().unwrap_or_default(),
                            },
                            // "Environ 2 000 citoyens maliens du nord en colère contre … se
                            // sont manifestés": the main clause's first actor, far before.
                            None => view.distant_subject(group.start).unwrap_or_default(),
                        }
                    };
                    let sources: Vec<Member> =
                        sources.into_iter().filter(|m| !m.code.is_empty()).collect();
                    if sources.is_empty() {
                        note(
                            &entry.lemma,
                            Fate::NoSource,
                            format!("{}: no actor 1 (subject) found", pattern.code),
                        );
                        continue;
                    }
                    let mut code = pattern.code.clone();
                    let mut status = status;
                    if pattern.intended && status == EventStatus::Reported {
                        status = EventStatus::Intended;
                    }
                    let future = kind == FormKind::Future || group.planned;
                    if status == EventStatus::Planned || (future && status == EventStatus::Negated)
                    {
                        if let Some(c) = &pattern.planned_code {
                            code = c.clone();
                        }
                    }
                    // "n'acceptait pas le plan": the denial is itself an act, a rejection.
                    if let (EventStatus::Negated, Some(c)) = (status, &pattern.negated_code) {
                        code = c.clone();
                        status = if future {
                            EventStatus::Planned
                        } else {
                            EventStatus::Reported
                        };
                    }
                    let sources: Vec<Member> = sources
                        .into_iter()
                        .map(|mut m| {
                            if let (Some(role), true) = (&pattern.source_role, m.entity.is_none()) {
                                m.role = Some(role.clone());
                                m.code = format!("{}{}", m.code, role);
                            }
                            m
                        })
                        .collect();
                    // Every act but a statement, a posture or an investigation has a target (a
                    // pessimistic or optimistic comment is about someone);
                    // when the sentence names none, it is the story's main other actor.
                    // Only words and stances: a physical act (an attack, an arrest) on an
                    // unnamed target is not guessed.
                    let verbal = matches!(
                        root(&code),
                        "02" | "03"
                            | "05"
                            | "06"
                            | "07"
                            | "08"
                            | "10"
                            | "11"
                            | "12"
                            | "13"
                            | "16"
                            | "17"
                    ) || code.starts_with("012")
                        || code.starts_with("013");
                    let needs_target = verbal && !(pattern.reciprocal && sources.len() >= 2);
                    // An object or complement the neighbourhood did not see ("je l'ai
                    // félicitée"): the tree's, before any implied target.
                    // Said in a quotation, the act's target is named in the same quotation, not
                    // by the narrator after it ("« … je l'ai félicitée », a déclaré X").
                    if quoted.is_some() {
                        targets.retain(|m| m.implied || view.same_quotation(t, m.span));
                    }
                    if targets.is_empty()
                        && kind != FormKind::Noun
                        && !group.passive
                        && !view.after_quotation(group.start)
                    {
                        let found = tree::TreeSlot::of(pattern)
                            .and_then(|slot| view.target_on_tree(t, &slot))
                            .unwrap_or_default();
                        targets.extend(found.into_iter().filter(|m| {
                            !(pattern.persons && m.place)
                                && sources
                                    .iter()
                                    .all(|s| s.code != m.code || s.entity != m.entity)
                        }));
                    }
                    if targets.is_empty() && (bindings.implied || needs_target) {
                        // "Le mémorandum, accord entre la Grèce et la BCE, … avait été signé
                        // par le gouvernement Papadimos": a passive whose subject names no
                        // actor but holds some; those of other countries are the targets.
                        if verbal && group.passive {
                            targets.extend(view.actors_in_subject(group.start, &sources));
                        }
                        if verbal && targets.is_empty() {
                            // "a menacé de s'en prendre aux mosquées de la ville": an actor in
                            // the words the pattern leaves, else the story's main other actor.
                            let next = view
                                .deep_target(end)
                                .filter(|t| {
                                    t.iter().all(|m| !m.code.is_empty() && (m.named || m.place))
                                })
                                .filter(|t| {
                                    t.iter().all(|m| sources.iter().all(|s| s.code != m.code))
                                });
                            match next {
                                Some(t) => targets.extend(t),
                                // A withdrawal is from a place, not from an actor.
                                None if code.starts_with("087") => targets.extend(
                                    view.story.withdrawn_from(&sources, view.doc.tokens[t].span),
                                ),
                                None => targets.extend(view.story.implied_target(&sources)),
                            }
                        }
                        if targets.is_empty() && bindings.implied {
                            note(
                                &entry.lemma,
                                Fate::NoTarget,
                                format!("{code}: needs a target and found none"),
                            );
                            continue;
                        }
                    }
                    // "la libération de plusieurs journalistes": people, never a city.
                    if pattern.persons {
                        targets.retain(|m| !m.place);
                        if targets.is_empty() {
                            note(
                                &entry.lemma,
                                Fate::NoTarget,
                                format!("{code}: no person released or held"),
                            );
                            continue;
                        }
                    }
                    // "ont ouvert le feu sur l'avocat": on people who bear no arms, an assault.
                    if let Some(c) = &pattern.unarmed_code {
                        let armed = |m: &Member| {
                            m.role.as_deref().is_some_and(|r| {
                                ["MIL", "REB", "COP", "UAF", "INS", "SPY"]
                                    .iter()
                                    .any(|a| r.starts_with(a))
                            })
                        };
                        if !targets.is_empty() && !targets.iter().any(|m| armed(m) || m.place) {
                            code = c.clone();
                        }
                    }
                    let pairs = pairs(&sources, &targets, pattern.reciprocal);
                    if pairs.is_empty() {
                        note(
                            &entry.lemma,
                            Fate::NoTarget,
                            format!("{code}: needs a target and found none"),
                        );
                        continue;
                    }
                    for (a1, a2) in pairs {
                        // A trip to a city of one's own country ("Il est attendu mercredi à
                        // Charlotte") meets no other actor: no visit.
                        let visit = matches!(&code[..code.len().min(3)], "036" | "042" | "043");
                        let home = a2.as_ref().is_some_and(|m| {
                            m.place && m.country.is_some() && m.country == a1.country
                        });
                        if visit && home {
                            note(
                                &entry.lemma,
                                Fate::Excluded,
                                format!("{code}: a trip within the actor's own country"),
                            );
                            continue;
                        }
                        // "s'est entretenu avec Télé-Loisirs", "a contacté l'AFP": talking to
                        // the press is an interview, not a consultation.
                        let press = |m: &Member| m.role.as_deref() == Some("MED");
                        if root(&code) == "04" && (press(&a1) || a2.as_ref().is_some_and(press)) {
                            note(
                                &entry.lemma,
                                Fate::Excluded,
                                format!("{code}: an interview with the press, not a consultation"),
                            );
                            continue;
                        }
                        // A city as target is where a physical act happens (a visit, a
                        // strike); an accusation of "Moscou" happens wherever it is said.
                        let physical = matches!(
                            root(&code),
                            "03" | "04" | "14" | "15" | "17" | "18" | "19" | "20"
                        ) || code.starts_with("036");
                        let place = a2
                            .as_ref()
                            .filter(|m| physical && m.place && m.entity.is_some())
                            .map(|m| EventPlace {
                                entity: m.entity.unwrap_or_default(),
                                span: m.span,
                            });
                        let named = a1.named && a2.as_ref().is_none_or(|m| m.named);
                        // A target the sentence does not name is a guess from the story.
                        let told = a2.as_ref().is_some_and(|m| !m.implied);
                        let score: f32 = 0.6
                            + if code.len() > 2 { 0.1 } else { 0.0 }
                            + if named { 0.15 } else { 0.05 }
                            + if told { 0.1 } else { 0.0 };
                        let event = Event {
                            code: code.clone(),
                            actor1: actor(&a1),
                            actor2: a2.as_ref().map(actor),
                            status,
                            date: None,
                            date_span: None,
                            place,
                            span: doc.sentences[si].span,
                            trigger: view.trigger_span(&group, t),
                            pattern: pattern.text.clone(),
                            score: score.min(0.95),
                        };
                        coded_here.push(format!(
                            "{} {} → {} ({})",
                            code,
                            event.actor1.code,
                            event.actor2.as_ref().map_or("—", |a| a.code.as_str()),
                            status.as_str()
                        ));
                        out.push((event, t, (group.start.min(t), end.max(t + 1))));
                    }
                    if pattern.alleged_complement {
                        complement = Some((end.saturating_sub(1), targets.clone()));
                    }
                    if kind != FormKind::Noun && forced_sources.is_none() {
                        main = Some(MainVerb {
                            sources: sources.clone(),
                            targets: targets.clone(),
                            status,
                        });
                    }
                }
                if !coded_here.is_empty() {
                    note(
                        &entry.lemma,
                        Fate::Coded,
                        format!("coded {}", coded_here.join("; ")),
                    );
                }
            }
        }
    }
}

/// Whether a pattern that fired with code `fired` makes a later one with code `other`
/// redundant: the same root class. Patterns are written most specific first, so "a condamné X
/// à dix ans de prison" is 116 and not also 111.
pub(super) fn subsumes(fired: &str, other: &str) -> bool {
    // One act of violence per trigger: "tué par un tir d'obus" is a shelling (194), not a
    // shelling and a killing.
    let violent = |c: &str| matches!(root(c), "18" | "19" | "20");
    root(fired) == root(other) || (violent(fired) && violent(other))
}

/// Whether every pattern of an entry is an act of words or stance (statements, appeals,
/// intents, praise, demands, criticism, rejection), which a participle or a purpose clause
/// can tell.
fn stance(entry: &dict::Entry) -> bool {
    entry.patterns.iter().all(|p| {
        matches!(
            root(&p.code),
            "01" | "02" | "03" | "05" | "10" | "11" | "12"
        )
    })
}

/// Whether a pattern's only actor after the verb is its one target, with no source and
/// nothing before the verb: the frame "$S V (prep) $T", whose object a passive participle
/// qualifies or a quotation names.
fn single_object(pattern: &Pattern) -> bool {
    pattern.before.is_empty()
        && !pattern.victim
        && !pattern.subject
        && pattern.after.iter().all(|e| !matches!(e, Element::Source))
        && pattern
            .after
            .iter()
            .filter(|e| matches!(e, Element::Target { .. }))
            .count()
            == 1
}
