//! Event coding: who did what to whom, in CAMEO, from French sentences.
//!
//! The coder reads each sentence of the story (never a caption or subheading; the title only
//! when the body does not tell the same event) and looks every word up in the French event
//! dictionary ([`dict`], `data/fr/events/verbs.txt`). For a verb it reads the verb group
//! around it — auxiliaries, "va"/"doit" (planned), modals (not asserted), "ne … pas"
//! (negated), reflexive pronouns, passive "est/a été + participle" — then tries the entry's
//! patterns after the trigger, whose `$T` and `$S` slots take the actor phrases of the
//! sentence: mentions linked by [`crate::link`] (named or nominal: "son homologue russe"),
//! compounds ("X et Y"), "les deux dirigeants" (the last two people named), and demonyms
//! ("les bombardements russes"). Actor 1 is the `$S` slot, else the verb's subject: the
//! nearest actor phrase to its left that is not a complement (no preposition before it), the
//! antecedent of "qui", or the subject of the verb an infinitive is coordinated with ("va
//! demander … et discuter"). Actor codes are the entities' CAMEO codes at the story's date.
//!
//! This is a chunk-level reading, not a parser: it codes what its patterns see and leaves the
//! rest. When a pattern does not match, no event is coded — there is no default code. Every
//! candidate trigger and why it was or was not coded is kept for `depeche explain`.

pub mod codes;
pub mod dict;
pub mod lexicon;

use crate::document::{
    BlockKind, Document, EntityType, Event, EventActor, EventPlace, EventStatus, Span, TimexType,
};
use crate::lang::normalize_word;
use crate::link::kb::KnowledgeBase;
use dict::{DictError, Dictionary, Element, FormKind, Pattern};
use rustc_hash::FxHashMap;

/// One side of an event, before it becomes an [`EventActor`].
#[derive(Debug, Clone, PartialEq)]
struct Member {
    code: String,
    entity: Option<usize>,
    span: Span,
    country: Option<String>,
    role: Option<String>,
    /// A city or region: as an actor it stands for its country, and it is the event's place.
    place: bool,
    named: bool,
    /// Not in the sentence: the story's main other actor, as the target of an act whose
    /// object names no actor ("a dénoncé la furie destructrice").
    implied: bool,
}

/// Consecutive tokens that name one actor or several ("X et Y").
#[derive(Debug, Clone)]
struct Phrase {
    start: usize,
    end: usize,
    members: Vec<Member>,
}

/// A candidate trigger and what became of it, for `depeche explain`.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub sentence: usize,
    pub trigger: Span,
    pub lemma: String,
    /// "coded 0212 FRAGOV → RUSGOV (planned)" or why not.
    pub outcome: String,
    /// Indices into the document's events, when coded.
    pub events: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct EventCoder {
    dict: Dictionary,
}

/// The verb group around a trigger.
#[derive(Debug, Clone, Default)]
struct Group {
    start: usize,
    negated: bool,
    planned: bool,
    alleged: bool,
    modal: bool,
    passive: bool,
    reflexive: bool,
    has_aux: bool,
    /// The auxiliary is "ayant" or "étant": a participial clause.
    participial: bool,
    /// The preposition that governs an infinitive ("de frapper").
    governed: Option<String>,
    /// An infinitive after "et"/"ou": it shares the subject of the verb before.
    coordinated: bool,
    /// "vient de transférer": an act just done, asserted.
    recent: bool,
}

/// What a coded main verb leaves for the verbs coordinated with it.
#[derive(Debug, Clone)]
struct MainVerb {
    sources: Vec<Member>,
    targets: Vec<Member>,
    status: EventStatus,
}

struct View<'a> {
    doc: &'a Document,
    kb: &'a KnowledgeBase,
    dict: &'a Dictionary,
    lo: usize,
    hi: usize,
    words: Vec<String>,
    /// Phrase starting at a token.
    phrases: FxHashMap<usize, Phrase>,
    /// Phrase ending (exclusive) at a token → its start.
    ends: FxHashMap<usize, usize>,
    in_quote: Vec<bool>,
    in_time: Vec<bool>,
    /// The story's country and actors, for implicit agents and implied targets.
    story: &'a Story,
    /// What "il", "elle", "ils" before a verb stand for: actor 1 of the last event coded in the
    /// sentences before.
    antecedent: Option<Vec<Member>>,
}

#[derive(Debug, Clone, Default)]
struct Bindings {
    sources: Vec<Member>,
    targets: Vec<Member>,
    /// A required `$T` that finds no actor may stand for the story's main other actor.
    allow_implied: bool,
    /// …and did.
    implied: bool,
    /// The target must be people: a place in the target's slot is skipped over.
    persons: bool,
}

/// What the whole story is about, for agents and targets the sentence leaves implicit.
struct Story {
    /// The country whose entities the story mentions most.
    country: Option<String>,
    /// The countries of the places the story names, most mentioned first: where it happens.
    place_countries: Vec<String>,
    /// The story's actors, most mentioned first (one per actor code).
    actors: Vec<Member>,
}

impl EventCoder {
    pub fn new() -> Result<EventCoder, DictError> {
        Ok(EventCoder {
            dict: Dictionary::french()?,
        })
    }

    /// Adds the `events` layer.
    pub fn annotate(&self, doc: &mut Document, kb: &KnowledgeBase) {
        let (events, _) = self.code(doc, kb);
        doc.events = events;
    }

    /// Codes the document's events and says why each candidate trigger was or was not coded.
    pub fn code(&self, doc: &Document, kb: &KnowledgeBase) -> (Vec<Event>, Vec<Candidate>) {
        let mut events: Vec<Event> = Vec::new();
        let mut candidates = Vec::new();
        let mut title_events: Vec<Event> = Vec::new();
        let mut last_date: Option<(String, Option<Span>)> = None;
        let mut antecedent: Option<Vec<Member>> = None;
        let story = Story::of(doc, kb);
        let spans = SpanIndex::new(doc);
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let kind = doc.blocks.get(sentence.block).map(|b| b.kind);
            if matches!(kind, Some(BlockKind::Caption | BlockKind::Subheading)) {
                continue;
            }
            let mut view = View::new(doc, kb, &self.dict, &story, &spans, si);
            view.antecedent = antecedent.clone();
            let mut coded = Vec::new();
            self.code_sentence(&view, si, &mut coded, &mut candidates);
            self.critical_speech(&view, si, &mut coded, &mut candidates);
            // Date and place per event.
            let mut sentence_dates = Vec::new();
            let opening = view.first_free_actor().filter(|m| {
                m.iter()
                    .all(|x| !x.place && x.entity.is_some() && !x.code.is_empty())
            });
            if let Some((e, _, _)) = coded
                .iter()
                .rev()
                .find(|(e, _, _)| e.actor1.entity.is_some())
            {
                let a = &e.actor1;
                antecedent = Some(vec![Member {
                    code: a.code.clone(),
                    entity: a.entity,
                    span: a.span,
                    country: a.country.clone(),
                    role: a.role.clone(),
                    place: false,
                    implied: false,
                    named: true,
                }]);
            } else if let Some(m) = opening {
                // No event here: a pronoun further on still stands for the actor this
                // sentence opened with ("L'armée a été mise en alerte. Elle a promis …").
                if !matches!(kind, Some(BlockKind::Title)) {
                    antecedent = Some(m);
                }
            }
            for (mut event, trigger_token, window) in coded {
                let (date, span) = view.date(trigger_token, window, last_date.as_ref());
                // An act dated after the publication has not happened yet.
                let published = doc.meta.published.map(|p| p.date.to_string());
                if let (Some(d), Some(p), EventStatus::Reported) = (&date, &published, event.status)
                {
                    if d.len() == 10 && p.len() == 10 && d.as_str() > p.as_str() {
                        event.status = EventStatus::Planned;
                    }
                }
                event.date = date;
                event.date_span = span;
                if event.place.is_none() {
                    // "a attribué l'attaque à l'Iran": the target is no place of the event.
                    event.place = view.place(window).filter(|p| {
                        event
                            .actor2
                            .as_ref()
                            .is_none_or(|a| a.entity != Some(p.entity))
                    });
                }
                if let (Some(d), Some(_)) = (&event.date, event.date_span) {
                    sentence_dates.push((d.clone(), event.date_span));
                }
                let dup = |e: &Event| {
                    e.code == event.code
                        && e.actor1.code == event.actor1.code
                        && e.actor2.as_ref().map(|a| &a.code)
                            == event.actor2.as_ref().map(|a| &a.code)
                        && e.span == event.span
                };
                if matches!(kind, Some(BlockKind::Title)) {
                    if !title_events.iter().any(dup) {
                        title_events.push(event);
                    }
                } else if !events.iter().any(dup) {
                    let idx = events.len();
                    if let Some(c) = candidates
                        .iter_mut()
                        .rev()
                        .find(|c: &&mut Candidate| c.trigger.end == event.trigger.end)
                    {
                        c.events.push(idx);
                    }
                    events.push(event);
                }
            }
            if let Some(d) = sentence_dates.into_iter().next() {
                last_date = Some(d);
            }
        }
        // A headline that the body repeats is not coded again.
        for event in title_events {
            let root = root(&event.code);
            let told = events.iter().any(|e| {
                root == self::root(&e.code)
                    && e.actor1.code == event.actor1.code
                    && e.actor2.as_ref().map(|a| &a.code) == event.actor2.as_ref().map(|a| &a.code)
            });
            if let Some(c) = candidates
                .iter_mut()
                .find(|c| c.trigger.end == event.trigger.end)
            {
                if told {
                    c.outcome = format!(
                        "{} (headline: the body tells it, not coded again)",
                        c.outcome
                    );
                    c.events.clear();
                }
            }
            if !told {
                events.push(event);
            }
        }
        events.sort_by_key(|e| (e.span.start, e.trigger.start));
        (events, candidates)
    }

    fn code_sentence(
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
            let mut note = |lemma: &str, outcome: String| {
                candidates.push(Candidate {
                    sentence: si,
                    trigger,
                    lemma: lemma.to_string(),
                    outcome,
                    events: Vec::new(),
                })
            };
            // "« Nous condamnons … » a déclaré X": in a quotation, only the speaker's own
            // act of speech in the first person and the present is coded, as the speaker's.
            let quoted = if view.in_quote[t - view.lo] {
                match view.first_person_speaker(t) {
                    Some(speaker) => Some(speaker),
                    None => {
                        let lemma = &view.dict.entries[entries[0].0].lemma;
                        note(
                            lemma,
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
                if quoted.is_some() && (kind != FormKind::Finite || group.has_aux || group.negated)
                {
                    note(
                        &entry.lemma,
                        "inside a quotation and not a speech act in the present: not coded".into(),
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
                match kind {
                    FormKind::Noun if view.noun_is_object(t) => {
                        note(
                            &entry.lemma,
                            "noun in the object of another verb: not an event of its own".into(),
                        );
                        continue;
                    }
                    // "…, en ordonnant le retrait de 2 000 soldats": a gerund is an act of the
                    // clause's subject, told with it.
                    FormKind::PresentParticiple if quoted.is_none() => {
                        match view.gerund_subject(t) {
                            Some(subject) => forced_sources = Some(subject),
                            None => {
                                note(
                                    &entry.lemma,
                                    "present participle: background, not coded".into(),
                                );
                                continue;
                            }
                        }
                    }
                    FormKind::PresentParticiple => {
                        note(
                            &entry.lemma,
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
                    FormKind::PastParticiple if !group.has_aux => {
                        note(
                            &entry.lemma,
                            "participle without auxiliary (adjectival): not coded".into(),
                        );
                        continue;
                    }
                    FormKind::Infinitive if group.recent => {}
                    FormKind::Infinitive => {
                        if group.modal {
                            note(
                                &entry.lemma,
                                "after a modal (peut, veut, tente…): not asserted".into(),
                            );
                            continue;
                        }
                        if group.planned {
                            status = EventStatus::Planned;
                        } else if let Some(prep) = &group.governed {
                            match &complement {
                                Some((after, subject))
                                    if (prep == "de" || prep == "d'")
                                        && *after < t
                                        && t <= after + 3 =>
                                {
                                    forced_sources = Some(subject.clone());
                                    status = EventStatus::Alleged;
                                }
                                _ => {
                                    note(&entry.lemma, format!("infinitive after '{prep}': the complement of another verb"));
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
                                        &entry.lemma,
                                        "infinitive after a verb of saying whose subject is no actor"
                                            .into(),
                                    );
                                    continue;
                                }
                            }
                        } else {
                            note(&entry.lemma, "bare infinitive: not asserted".into());
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
                if kind != FormKind::Noun && !group.passive && view.after_quotation(group.start) {
                    if let Some((members, end)) = view.slot(view.skip_fillers(t + 1), false) {
                        forced_sources = Some(members);
                        from = end;
                    }
                }
                // Patterns: the first that matches per root code.
                let mut fired: Vec<(&Pattern, Bindings, usize)> = Vec::new();
                let mut tried = Vec::new();
                // First with the actors the sentence names; failing that, a target may be
                // implied by an object that names no actor.
                for allow_implied in [false, true] {
                    if !fired.is_empty() || (allow_implied && kind == FormKind::Noun) {
                        break;
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
                        // Said in a quotation, only acts done by saying them: appeals,
                        // promises, demands, criticism, rejections, threats.
                        let speech =
                            matches!(root(&pattern.code), "02" | "03" | "10" | "11" | "12" | "13");
                        if quoted.is_some() && !speech {
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
                if fired.is_empty() {
                    note(
                        &entry.lemma,
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
                        let subject = view.subject(group.start).or_else(|| {
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
                            | "04"
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
                                format!("{code}: needs a target and found none"),
                            );
                            continue;
                        }
                    }
                    // "la libération de plusieurs journalistes": people, never a city.
                    if pattern.persons {
                        targets.retain(|m| !m.place);
                        if targets.is_empty() {
                            note(&entry.lemma, format!("{code}: no person released or held"));
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
                                format!("{code}: a trip within the actor's own country"),
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
                    note(&entry.lemma, format!("coded {}", coded_here.join("; ")));
                }
            }
        }
    }

    /// A speaker's harsh words are the speaker's act of criticising (111): a quotation
    /// attributed in this sentence, or "X a déclaré que …", whose words hold a word of the
    /// dictionary's `%critical` class. The target is the first other actor named in those
    /// words, else the story's main other actor.
    fn critical_speech(
        &self,
        view: &View,
        si: usize,
        out: &mut Vec<(Event, usize, (usize, usize))>,
        candidates: &mut Vec<Candidate>,
    ) {
        let doc = view.doc;
        let sentence = doc.sentences[si].span;
        let inside = |s: Span| sentence.start <= s.start && s.start < sentence.end;
        // (speaker, words said, trigger token)
        let mut said: Vec<(Vec<Member>, Span, usize)> = Vec::new();
        for q in &doc.quotes {
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
            said.push((vec![member], q.span, t));
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
                    said.push((phrase.members.clone(), words, view.lo));
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
            said.push((speaker, words, t));
        }
        for (speakers, words, t) in said {
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
            if acts.is_empty() {
                continue;
            }
            // The first other actor the words name.
            let mut named: Vec<&crate::document::Mention> = doc
                .mentions
                .iter()
                .filter(|m| words.start <= m.span.start && m.span.end <= words.end)
                .collect();
            named.sort_by_key(|m| m.span.start);
            // Every actor the words name is criticised, one event per actor code ("les
            // bêtises du MNLA, du Mujao et d'Al-Qaïda").
            let mut targets: Vec<Member> = Vec::new();
            for m in named
                .into_iter()
                .filter_map(|m| m.entity.and_then(|e| view.member(e, m.span, !m.nominal)))
            {
                let other = !m.code.is_empty()
                    && !m.place
                    && speakers.iter().all(|s| s.code != m.code)
                    && targets.iter().all(|t| t.code != m.code);
                if other && targets.len() < 3 {
                    targets.push(m);
                }
            }
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
                            if code == "100" {
                                "demanding"
                            } else {
                                "critical"
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
                        outcome: format!("coded {} (words: \"{word}\")", coded.join("; ")),
                        events: Vec::new(),
                    });
                }
            }
        }
    }
}

/// Whether a pattern that fired with code `fired` makes a later one with code `other`
/// redundant: the same root class. Patterns are written most specific first, so "a condamné X
/// à dix ans de prison" is 116 and not also 111.
fn subsumes(fired: &str, other: &str) -> bool {
    // One act of violence per trigger: "tué par un tir d'obus" is a shelling (194), not a
    // shelling and a killing.
    let violent = |c: &str| matches!(root(c), "18" | "19" | "20");
    root(fired) == root(other) || (violent(fired) && violent(other))
}

impl Story {
    fn of(doc: &Document, kb: &KnowledgeBase) -> Story {
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for e in &doc.entities {
            if let Some(c) = e.country.as_deref() {
                *counts.entry(c).or_default() += e.mentions.len();
            }
        }
        let country = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| c.to_string());
        let mut places: FxHashMap<&str, usize> = FxHashMap::default();
        for e in doc.entities.iter().filter(|e| e.geonames.is_some()) {
            if let Some(c) = e.country.as_deref() {
                *places.entry(c).or_default() += e.mentions.len();
            }
        }
        let mut place_countries: Vec<(&str, usize)> = places.into_iter().collect();
        place_countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let place_countries = place_countries
            .into_iter()
            .map(|(c, _)| c.to_string())
            .collect();
        // Actors by code, weighed by their mentions; the most mentioned entity speaks for
        // its code.
        let mut by_code: Vec<(Member, usize, usize)> = Vec::new();
        let title: Vec<Span> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .map(|b| b.span)
            .collect();
        let in_title = |s: Span| title.iter().any(|t| t.start <= s.start && s.end <= t.end);
        // …and so does the lead, the first two sentences of the body.
        let lead_end = doc
            .sentences
            .iter()
            .filter(|x| {
                doc.blocks
                    .get(x.block)
                    .is_some_and(|b| matches!(b.kind, BlockKind::Paragraph))
            })
            .nth(1)
            .map_or(0, |x| x.span.end);
        for (i, e) in doc.entities.iter().enumerate() {
            let Some(&first) = e.mentions.first() else {
                continue;
            };
            let Some(mention) = doc.mentions.get(first) else {
                continue;
            };
            let Some(mut m) = member(doc, kb, i, mention.span, !mention.nominal) else {
                continue;
            };
            // A city is where things happen, not whom they are done to.
            if m.code.is_empty() || m.place {
                continue;
            }
            m.implied = true;
            m.place = false;
            // The headline names the story's protagonists: its mentions weigh more.
            let n: usize = e
                .mentions
                .iter()
                .map(|&k| match doc.mentions.get(k).map(|x| x.span) {
                    Some(s) if in_title(s) => 3,
                    Some(s) if s.start < lead_end => 2,
                    _ => 1,
                })
                .sum();
            match by_code.iter_mut().find(|(b, _, _)| b.code == m.code) {
                Some(slot) => {
                    slot.1 += n;
                    if n > slot.2 {
                        slot.0 = m;
                        slot.2 = n;
                    }
                }
                None => by_code.push((m, n, n)),
            }
        }
        by_code.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.span.start.cmp(&b.0.span.start)));
        Story {
            country,
            place_countries,
            actors: by_code.into_iter().map(|(m, _, _)| m).collect(),
        }
    }

    /// Where a withdrawal with no place named leaves from: the country of the story's places
    /// that is not the sources' own ("L'OTAN prévoit de retirer ses forces" in a story set in
    /// Afghanistan).
    fn withdrawn_from(&self, sources: &[Member], span: Span) -> Option<Member> {
        let c = self.place_countries.iter().find(|c| {
            sources
                .iter()
                .all(|s| s.country.as_deref() != Some(c.as_str()) && s.code != **c)
        })?;
        Some(Member {
            code: c.clone(),
            entity: None,
            span,
            country: Some(c.clone()),
            role: None,
            place: false,
            implied: true,
            named: false,
        })
    }

    /// The target an act with no actor in its object is about: the story's most mentioned
    /// actor that is none of the sources.
    fn implied_target(&self, sources: &[Member]) -> Option<Member> {
        self.actors
            .iter()
            .find(|a| {
                sources
                    .iter()
                    .all(|s| s.code != a.code && (s.entity.is_none() || s.entity != a.entity))
            })
            .cloned()
    }
}

/// The root class of a code: "0212" → "02".
pub fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

fn actor(m: &Member) -> EventActor {
    EventActor {
        code: m.code.clone(),
        entity: m.entity,
        span: m.span,
        country: m.country.clone(),
        role: m.role.clone(),
    }
}

/// The actor a linked entity stands for, if it has a code.
fn member(
    doc: &Document,
    kb: &KnowledgeBase,
    entity: usize,
    span: Span,
    named: bool,
) -> Option<Member> {
    let e = doc.entities.get(entity)?;
    if e.kind == Some(EntityType::Loc) || (e.geonames.is_some() && e.kind != Some(EntityType::Per))
    {
        let country = e.country.clone()?;
        let is_country = kb
            .country(&country)
            .is_some_and(|c| Some(c.geonames) == e.geonames);
        // A city that the hand table knows as an actor stands for it ("Bruxelles" → the
        // EU); other cities stand for their country ("Moscou" → RUS).
        let date = doc.meta.published.map(|p| p.date);
        let metonym = (!is_country)
            .then(|| {
                kb.actors_named(doc.slice(span))
                    .iter()
                    .map(|&a| &kb.actors[a])
                    .find(|a| a.hand && !a.is_person)
                    .and_then(|a| a.roles_at(date).first().map(|r| r.code.clone()))
            })
            .flatten();
        if let Some(code) = metonym {
            return Some(Member {
                code,
                entity: Some(entity),
                span,
                country: None,
                role: None,
                place: true,
                implied: false,
                named,
            });
        }
        return Some(Member {
            code: country.clone(),
            entity: Some(entity),
            span,
            country: Some(country),
            role: None,
            place: !is_country,
            implied: false,
            named,
        });
    }
    // A named person or organisation the base does not code can still be acted upon
    // (actor 2 with an empty code); it is never actor 1.
    let code = match e.cameo.clone().filter(|c| !c.is_empty()) {
        Some(c) => c,
        // A person or organisation the base does not know but the linker gave a country
        // (an apposition, a demonym, the story's country) acts for that country, by name or
        // by a description ("Bernard Thibault" … "Le secrétaire général").
        None if matches!(e.kind, Some(EntityType::Per | EntityType::Org)) => {
            e.country.clone().unwrap_or_default()
        }
        None => return None,
    };
    Some(Member {
        code,
        entity: Some(entity),
        span,
        country: e.country.clone(),
        role: e.role.clone(),
        place: false,
        implied: false,
        named,
    })
}

/// Who acts on whom: every source on every target; reciprocal acts both ways, and between
/// the members of a compound subject when there is no target.
fn pairs(
    sources: &[Member],
    targets: &[Member],
    reciprocal: bool,
) -> Vec<(Member, Option<Member>)> {
    let same = |a: &Member, b: &Member| a.code == b.code && a.entity == b.entity;
    let mut out: Vec<(Member, Option<Member>)> = Vec::new();
    let mut push = |a: &Member, b: Option<&Member>| {
        if b.is_some_and(|b| same(a, b)) {
            return;
        }
        if !out.iter().any(|(x, y)| {
            same(x, a)
                && match (y, b) {
                    (Some(y), Some(b)) => same(y, b),
                    (None, None) => true,
                    _ => false,
                }
        }) {
            out.push((a.clone(), b.cloned()));
        }
    };
    if targets.is_empty() {
        if reciprocal && sources.len() >= 2 {
            for a in sources {
                for b in sources {
                    push(a, Some(b));
                }
            }
        } else if !reciprocal {
            for a in sources {
                push(a, None);
            }
        }
        return out;
    }
    for a in sources {
        for b in targets {
            push(a, Some(b));
            if reciprocal {
                push(b, Some(a));
            }
        }
    }
    out
}

/// The quotations' and time expressions' spans of a document, sorted, with the running
/// maximum of their ends, so that a sentence finds those that overlap it in O(log n + k).
struct SpanIndex {
    quotes: (Vec<Span>, Vec<usize>),
    times: (Vec<Span>, Vec<usize>),
}

impl SpanIndex {
    fn new(doc: &Document) -> SpanIndex {
        let sorted = |spans: &mut dyn Iterator<Item = Span>| {
            let mut spans: Vec<Span> = spans.collect();
            spans.sort_by_key(|s| (s.start, s.end));
            let max_end: Vec<usize> = spans
                .iter()
                .scan(0, |m, s| {
                    *m = (*m).max(s.end);
                    Some(*m)
                })
                .collect();
            (spans, max_end)
        };
        SpanIndex {
            quotes: sorted(&mut doc.quotes.iter().map(|q| q.span)),
            times: sorted(&mut doc.times.iter().map(|t| t.span)),
        }
    }

    /// The spans that overlap `within`.
    fn overlapping((spans, max_end): &(Vec<Span>, Vec<usize>), within: Span) -> Vec<Span> {
        let first = max_end.partition_point(|&end| end <= within.start);
        spans[first..]
            .iter()
            .take_while(|q| q.start < within.end)
            .filter(|q| within.start < q.end)
            .copied()
            .collect()
    }
}

impl<'a> View<'a> {
    fn new(
        doc: &'a Document,
        kb: &'a KnowledgeBase,
        dict: &'a Dictionary,
        story: &'a Story,
        index: &SpanIndex,
        si: usize,
    ) -> View<'a> {
        let s = &doc.sentences[si];
        let (lo, hi) = (s.tokens.start, s.tokens.end);
        let words: Vec<String> = doc.tokens[lo..hi]
            .iter()
            .map(|t| normalize_word(doc.slice(t.span)))
            .collect();
        let inside = |spans: Vec<Span>| -> Vec<bool> {
            (lo..hi)
                .map(|t| {
                    let ts = doc.tokens[t].span;
                    spans.iter().any(|q| q.start <= ts.start && ts.end <= q.end)
                })
                .collect()
        };
        let in_quote = inside(SpanIndex::overlapping(&index.quotes, s.span));
        let in_time = inside(SpanIndex::overlapping(&index.times, s.span));
        let mut view = View {
            doc,
            kb,
            dict,
            lo,
            hi,
            words,
            phrases: FxHashMap::default(),
            ends: FxHashMap::default(),
            in_quote,
            in_time,
            story,
            antecedent: None,
        };
        view.build_phrases();
        view
    }

    fn w(&self, t: usize) -> &str {
        if t >= self.lo && t < self.hi {
            &self.words[t - self.lo]
        } else {
            ""
        }
    }

    fn is(&self, class: &str, t: usize) -> bool {
        self.dict.is(class, self.w(t))
    }

    fn member(&self, entity: usize, span: Span, named: bool) -> Option<Member> {
        member(self.doc, self.kb, entity, span, named)
    }

    /// Actor phrases: linked mentions, an apposition and its name merged ("son homologue
    /// russe Sergueï Choïgou"), and "les deux dirigeants".
    fn build_phrases(&mut self) {
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
    fn last_two(&self, before: usize, persons: bool) -> Vec<Member> {
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
    fn skip_phrase_at(&self, p: usize) -> Option<usize> {
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
    fn skip_phrase_before(&self, end: usize) -> Option<usize> {
        (2..=4)
            .rev()
            .find(|&n| end >= self.lo + n && self.skip_phrase_at(end - n) == Some(n))
    }

    /// Skips words the patterns may step over: adverbs, time expressions, quotation marks.
    fn skip_fillers(&self, mut p: usize) -> usize {
        while p < self.hi {
            if self.is("skip", p)
                || self.is("adverb", p)
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
    fn slot(&self, p: usize, demonym: bool) -> Option<(Vec<Member>, usize)> {
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
    fn after_adjectives(&self, next: usize) -> Vec<usize> {
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
    fn after_incise(&self, next: usize) -> Option<usize> {
        if next >= self.hi || self.w(next) != "," {
            return None;
        }
        (next + 1..(next + 10).min(self.hi))
            .take_while(|&c| !matches!(self.w(c), ";" | ":" | "." | "«" | "»" | "\"" | "qui"))
            .find(|&c| self.w(c) == ",")
            .map(|c| c + 1)
    }

    /// The verb of saying right before a verb group, over adverbs and time expressions ("ont
    /// dit mardi envisager", "a assuré renforcer"), when there is one.
    fn saying_before(&self, start: usize) -> Option<usize> {
        let mut q = start;
        while q > self.lo
            && (self.in_time[q - 1 - self.lo] || self.is("adverb", q - 1) || self.is("skip", q - 1))
        {
            q -= 1;
        }
        (q > self.lo && self.is("say-que", q - 1)).then(|| q - 1)
    }

    /// The first actor phrase in the next few words of the clause, not an agent ("par X"),
    /// not after "à"/"en"/"dans" ("à Bruxelles" is where, not whom), not a possessive ("son ambassade" is
    /// the subject's own); failing that, a nationality ("un avion russe").
    fn deep_target(&self, p: usize) -> Option<Vec<Member>> {
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
    fn deep_agent(&self, p: usize) -> Option<Vec<Member>> {
        (p..(p + 10).min(self.hi))
            .take_while(|&q| !matches!(self.w(q), "," | ";" | "." | "et" | "mais"))
            .find_map(|q| self.phrases.get(&q))
            .map(|ph| ph.members.clone())
            .filter(|m| m.iter().all(|x| !x.code.is_empty() && !x.place))
    }

    /// Whether the words at `p` start an object that is a thing, not an actor: a determiner
    /// or a quotation, and no actor phrase in the next words of the clause.
    fn names_no_actor(&self, p: usize) -> bool {
        // The clause ends: the object was told before ("« … », dénonce le président").
        if p >= self.hi || matches!(self.w(p), "." | ";" | "!" | "?") {
            return true;
        }
        let thing = self.is("det", p) || matches!(self.w(p), "«" | "\"" | "“");
        thing && self.deep_target(p).is_none()
    }

    fn slot_simple(&self, p: usize) -> Option<(Vec<Member>, usize)> {
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

    fn words_at(&self, alternatives: &[Vec<String>], p: usize) -> Option<usize> {
        alternatives.iter().find_map(|seq| {
            let ok = seq
                .iter()
                .enumerate()
                .all(|(i, w)| p + i < self.hi && dict::word_matches(w, self.w(p + i)));
            ok.then_some(p + seq.len())
        })
    }

    fn match_after(&self, elems: &[Element], p: usize, b: Bindings) -> Option<(Bindings, usize)> {
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
    fn match_after_gap(
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

    fn match_before(&self, elems: &[Element], t: usize) -> bool {
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

    /// Reads the words before a trigger: auxiliaries, negation, "va", modals, clitics.
    fn group(&self, t: usize, kind: FormKind) -> Group {
        let mut g = Group {
            start: t,
            ..Group::default()
        };
        if kind == FormKind::Noun {
            return g;
        }
        let (mut avoir, mut etre) = (false, false);
        let participle = kind == FormKind::PastParticiple;
        let infinitive = kind == FormKind::Infinitive;
        let mut j = t;
        let mut steps = 0;
        while j > self.lo && steps < 7 {
            j -= 1;
            steps += 1;
            let w = self.w(j);
            if self.is("reflexive", j) {
                g.reflexive = true;
                g.start = j;
            } else if self.is("negation", j) {
                g.negated = true;
                g.start = j;
            } else if self.is("negation-end", j) && (participle || infinitive) {
                // "n'a pas condamné", "ne pas condamner"
                continue;
            } else if participle && !avoir && self.is("aux-avoir", j) {
                avoir = true;
                g.start = j;
                g.participial |= w == "ayant";
                g.alleged |= matches!(w, "aurait" | "auraient");
                g.planned |= matches!(w, "aura" | "auront");
            } else if participle && !avoir && !etre && self.is("aux-etre", j) {
                etre = true;
                g.start = j;
                g.participial |= w == "étant";
                g.alleged |= matches!(w, "serait" | "seraient");
                g.planned |= matches!(w, "sera" | "seront");
            } else if infinitive && self.is("planned", j) {
                g.planned = true;
                g.start = j;
                break;
            } else if infinitive && self.is("modal", j) {
                g.modal = true;
                g.start = j;
                break;
            } else if kind == FormKind::Finite && self.is("aux-avoir", j) && !avoir {
                // "a officiellement abolit": a participle written as a finite form.
                avoir = true;
                g.start = j;
            } else if participle
                && avoir
                && matches!(w, "de" | "d'")
                && matches!(self.w(g.start), "avoir" | "être")
            {
                // "accusé le régime d'avoir massacré": a past infinitive governed by "de".
                g.governed = Some(w.to_string());
                break;
            } else if self.is("clitic", j) && j + 1 == g.start {
                g.start = j;
            } else if self.is("skip", j) || self.is("adverb", j) {
                continue;
            } else if let Some(n) = self.skip_phrase_before(j + 1) {
                j = j + 1 - n;
                continue;
            } else if infinitive && matches!(w, "de" | "d'") && j > self.lo && self.planned_de(j) {
                // "L'OTAN prévoit de retirer", "a décidé de suspendre": a plan.
                g.planned = true;
                g.start = j - 1;
                if j >= self.lo + 2 && self.is("aux-avoir", j - 2) {
                    g.start = j - 2;
                }
                break;
            } else if infinitive
                && matches!(w, "de" | "d'")
                && j > self.lo
                && matches!(
                    self.w(j - 1),
                    "vient" | "viennent" | "venait" | "venaient" | "venons" | "venez"
                )
            {
                // "L'armée française vient de transférer": a recent past, told as a fact.
                g.start = j - 1;
                g.recent = true;
                break;
            } else if infinitive
                && matches!(w, "de" | "d'" | "à" | "pour" | "sans" | "par" | "afin")
            {
                g.governed = Some(w.to_string());
                break;
            } else if infinitive && matches!(w, "et" | "ou" | "puis") {
                g.coordinated = true;
                break;
            } else {
                break;
            }
        }
        g.has_aux = avoir || etre;
        // Reflexive verbs take "être" without being passive: "s'est rendu".
        g.passive = etre && !g.reflexive;
        g
    }

    /// Whether the word before "de" at `j` announces a plan ("prévoit", "a décidé").
    fn planned_de(&self, j: usize) -> bool {
        let w = self.w(j - 1);
        self.dict.is("planned-de", w)
            || (j >= self.lo + 2
                && self
                    .dict
                    .is("planned-de", &format!("{}_{}", self.w(j - 2), w)))
    }

    /// The whole verb group's span: "va demander", "a annulé", "visite".
    fn trigger_span(&self, g: &Group, t: usize) -> Span {
        let start = g.start.min(t);
        Span {
            start: self.doc.tokens[start].span.start,
            end: self.doc.tokens[t].span.end,
        }
    }

    /// The subject of the verb group starting at `start`: the actor phrase that ends right
    /// before it — over adverbs, an incise between commas, nationality adjectives — or the
    /// antecedent of "qui". Anything else before the verb (a noun the base does not know, "l'ONG
    /// a demandé") means the subject is not an actor: no guess further left.
    fn subject(&self, start: usize) -> Option<Vec<Member>> {
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

    fn is_capitalised(&self, t: usize) -> bool {
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
    fn is_adjective(&self, t: usize) -> bool {
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
    fn opening_actor(&self) -> Option<Vec<Member>> {
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
    fn implicit_agent(&self, pattern: &Pattern, t: usize) -> Option<Member> {
        let role = pattern.implicit_agent.as_ref()?;
        self.unnamed_actor(role, t)
    }

    /// Unnamed people of `role` acting at token `t`: unnamed attackers or police are of the
    /// place where it happened ("place Tahrir au Caire"), else of the story's country.
    fn unnamed_actor(&self, role: &str, t: usize) -> Option<Member> {
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

    /// The start of the "être" group right before a noun ("a été victime", "serait donc
    /// victime").
    fn etre_before(&self, t: usize) -> Option<usize> {
        let mut k = t;
        while k > self.lo && (self.is("skip", k - 1) || self.is("adverb", k - 1)) {
            k -= 1;
        }
        if k == self.lo || !self.is("aux-etre", k - 1) {
            return None;
        }
        k -= 1;
        while k > self.lo && (self.is("aux-avoir", k - 1) || self.is("adverb", k - 1)) {
            k -= 1;
        }
        Some(k)
    }

    /// The subject of a gerund at `t` ("en ordonnant", "tout en insistant"): the actor of the
    /// clause it hangs on. A gerund that opens the sentence ("Tout en insistant sur …, le
    /// républicain poursuit") takes the actor after its closing comma; one after its clause
    /// takes the last actor before it that no preposition governs.
    fn gerund_subject(&self, t: usize) -> Option<Vec<Member>> {
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

    /// The speaker of the quotation holding token `t`, when the verb at `t` has "je" or
    /// "nous" for subject ("Nous demandons", "je condamne", "nous ne l'acceptons pas").
    fn first_person_speaker(&self, t: usize) -> Option<Vec<Member>> {
        let mut k = t;
        while k > self.lo
            && (self.is("negation", k - 1)
                || self.is("clitic", k - 1)
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
            .find(|q| q.span.start <= at.start && at.end <= q.span.end)?;
        Some(vec![self.speaker_actor(quote.speaker.as_ref()?)?])
    }

    /// The actor a quotation's speaker names, when it has a code and is no place.
    fn speaker_actor(&self, speaker: &crate::document::Speaker) -> Option<Member> {
        let m = speaker.mention.and_then(|m| self.doc.mentions.get(m))?;
        m.entity
            .and_then(|e| self.member(e, m.span, !m.nominal))
            .filter(|x| !x.code.is_empty() && !x.place)
    }

    /// The named actors before a passive verb group at `start`, other than the sources and
    /// their country, one per code: what a passive subject that names no actor holds.
    fn actors_in_subject(&self, start: usize, sources: &[Member]) -> Vec<Member> {
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
    fn cleft_focus(&self, qui: usize) -> Option<usize> {
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
    fn unnamed_subject(&self, start: usize) -> Option<Member> {
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

    /// Whether a verb group comes right after a closing quotation mark ("», dénonce").
    fn after_quotation(&self, start: usize) -> bool {
        let mut k = start;
        if k > self.lo && self.w(k - 1) == "," {
            k -= 1;
        }
        k > self.lo && matches!(self.w(k - 1), "»" | "”" | "\"")
    }

    /// The sentence's first free actor as the subject of a verb far after it, when nothing
    /// between them opens another clause or closes this one (no relative, no conjunction, no
    /// punctuation, no other verb of the dictionary).
    fn distant_subject(&self, start: usize) -> Option<Vec<Member>> {
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
    fn first_free_actor(&self) -> Option<Vec<Member>> {
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
    fn after_conjunction(&self, start: usize) -> bool {
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
    fn phrase_ending_at(&self, k: usize) -> Option<(Vec<Member>, usize)> {
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

    /// A passive reads the active pattern backwards: the subject is the target the pattern's
    /// first `$T` wants, and "par X" right after the participle is the source. Without an
    /// agent there is no actor 1, so no event.
    fn match_passive(
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
        // leaves the target implied.
        let (subject, implied) = match self.subject(group_start) {
            Some(s) => (s, false),
            None if allow_implied => (Vec::new(), true),
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
    fn noun_is_object(&self, t: usize) -> bool {
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

    /// The event date: a dated time expression in the trigger's clause, "alors" → the last
    /// date told, else the publication date.
    fn date(
        &self,
        t: usize,
        window: (usize, usize),
        last: Option<&(String, Option<Span>)>,
    ) -> (Option<String>, Option<Span>) {
        let lo_tok = window.0.saturating_sub(3).max(self.lo);
        let hi_tok = (window.1 + 4).min(self.hi);
        let (lo_b, hi_b) = (
            self.doc.tokens[lo_tok].span.start,
            self.doc.tokens[hi_tok - 1].span.end,
        );
        let anchor = self.doc.tokens[t].span.start;
        let best = self
            .doc
            .times
            .iter()
            .filter(|x| x.span.start >= lo_b && x.span.end <= hi_b)
            .filter(|x| matches!(x.kind, TimexType::Date | TimexType::Time) && x.resolved)
            .filter(|x| x.value.len() >= 4 && x.value[..4].chars().all(|c| c.is_ascii_digit()))
            .min_by_key(|x| x.span.start.abs_diff(anchor));
        if let Some(x) = best {
            return (Some(x.value.clone()), Some(x.span));
        }
        // "avaient alors convenu": the date told last.
        let alors = (self.lo..self.hi).any(|p| self.w(p) == "alors");
        if alors {
            if let Some((d, s)) = last {
                return (Some(d.clone()), *s);
            }
        }
        let published = self.doc.meta.published.map(|p| p.date.to_string());
        (published, None)
    }

    /// A place the pattern's words put the event in: a place after à/en/dans between the verb
    /// group and the end of the match.
    fn place(&self, window: (usize, usize)) -> Option<EventPlace> {
        for p in window.0..window.1.min(self.hi) {
            if !matches!(self.w(p), "à" | "en" | "au" | "aux" | "dans") {
                continue;
            }
            let mut q = p + 1;
            while q < self.hi && self.is("det", q) {
                q += 1;
            }
            let Some(phrase) = self.phrases.get(&q) else {
                continue;
            };
            let m = &phrase.members[0];
            if let Some(e) = m.entity {
                if self.doc.entities[e].geonames.is_some() {
                    return Some(EventPlace {
                        entity: e,
                        span: m.span,
                    });
                }
            }
        }
        None
    }
}
