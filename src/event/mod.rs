//! Event coding: who did what to whom, in CAMEO, from French sentences.
//!
//! The coder reads each sentence of the story (never a caption or subheading; the title only
//! when the story has no body, which otherwise retells it) and looks every word up in the French event
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
//!
//! Modules by concern: [`dict`] the hand-written dictionary, [`lexicon`] the French event
//! lexicon added after it, [`codes`] the CAMEO and FIPS tables; `group` the verb group, `args`
//! argument finding (actor phrases, pattern matching), `subject` actor 1 when no pattern names
//! it, `tree` the same arguments read on the dependency tree where the neighbourhood finds
//! none (subject over incises, object clitics, complements by their preposition), `speech`
//! speech acts (critical and demanding speech), `dates_places`, `story` (what the
//! story is about) and `assemble`, which turns matched patterns into events. This file holds
//! the types they share and the per-document loop.

mod args;
mod assemble;
pub mod codes;
mod dates_places;
pub mod dict;
mod group;
pub mod lexicon;
mod speech;
mod story;
mod subject;
mod tree;

use crate::document::{
    BlockKind, Dependents, Document, EntityType, Event, EventActor, EventPlace, EventStatus, Span,
    TimexType,
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
    /// The CAMEO roots its word's dictionary entries can code, including under negation.
    pub roots: Vec<String>,
    pub fate: Fate,
    /// "coded 0212 FRAGOV → RUSGOV (planned)" or why not.
    pub outcome: String,
    /// Indices into the document's events, when coded.
    pub events: Vec<usize>,
}

/// What became of a candidate trigger, in a few kinds ordered from the closest to an event to
/// the furthest, for aggregate diagnostics (`depeche eval news` counts them on sentences with a
/// missed event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// One event or more.
    Coded,
    /// A pattern matched but the target it needs was not found.
    NoTarget,
    /// A pattern matched but actor 1 was not found.
    NoSource,
    /// Left out by a rule on its actors ("a trip within the actor's own country").
    Excluded,
    /// No pattern of the entry matched the words after the trigger.
    NoPattern,
    /// Not asserted: a bare or governed infinitive, a background participle, a modal, a noun
    /// in another verb's object.
    NotAsserted,
    /// Inside a quotation, and not the speaker's own act.
    Quoted,
}

impl Fate {
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Coded => "coded",
            Fate::Quoted => "in a quotation",
            Fate::NotAsserted => "not asserted",
            Fate::NoPattern => "no pattern",
            Fate::NoSource => "no actor 1",
            Fate::NoTarget => "no target",
            Fate::Excluded => "excluded",
        }
    }
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
    /// "ont commencé à la gifler", "a fini par accepter": a phase of the act, asserted.
    phase: bool,
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
    /// The dependents of each word of the document's syntax layer ([`tree`]).
    deps: &'a Dependents,
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
        let deps = Dependents::new(&doc.words);
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let kind = doc.blocks.get(sentence.block).map(|b| b.kind);
            if matches!(kind, Some(BlockKind::Caption | BlockKind::Subheading)) {
                continue;
            }
            let mut view = View::new(doc, kb, &self.dict, &story, &spans, &deps, si);
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
        // A headline that the body repeats is not coded again. A dispatch's body retells
        // its headline (its lead does), so the headline is coded only when there is no body:
        // the body's wording of the same act is the one to code, even where the coder misses it.
        let has_body = doc.sentences.iter().any(|s| {
            doc.blocks
                .get(s.block)
                .is_some_and(|b| b.kind == BlockKind::Paragraph)
        });
        for event in title_events {
            let root = root(&event.code);
            let told = has_body
                || events.iter().any(|e| {
                    root == self::root(&e.code)
                        && e.actor1.code == event.actor1.code
                        && e.actor2.as_ref().map(|a| &a.code)
                            == event.actor2.as_ref().map(|a| &a.code)
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
            quotes: sorted(&mut doc.quotes.iter().filter(|q| q.marked).map(|q| q.span)),
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
        deps: &'a Dependents,
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
            deps,
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
        self.dict.is(class, self.w(t)) || (class == "adverb" && self.manner_adverb(t))
    }

    /// An adverb of manner the class does not list ("a ouvertement critiqué"): a word in
    /// "-ment" that the parser tags ADV.
    fn manner_adverb(&self, t: usize) -> bool {
        let w = self.w(t);
        w.len() > 6
            && w.ends_with("ment")
            && crate::document::token_word_range(&self.doc.words, t)
                .any(|k| self.doc.words[k].upos == "ADV")
    }

    fn member(&self, entity: usize, span: Span, named: bool) -> Option<Member> {
        member(self.doc, self.kb, entity, span, named)
    }
}
