//! Scoring one annotated document against its gold, layer by layer. Each function adds to the
//! [`Report`] counters and, when asked, writes the disagreements.

use super::gold::{GoldDoc, GoldEntity, GoldSpan, Offsets};
use super::Report;
use crate::document::{Document, EntityType, Event, Span};
use crate::event::Candidate;
use rustc_hash::FxHashMap;

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The mention that covers a gold span: the exact one, else the longest overlapping one; among
/// equals, a nominal mention when `nominal` asks for one.
fn mention_at(doc: &Document, span: Span, nominal: bool) -> Option<usize> {
    let mut best: Option<(usize, (bool, bool, usize))> = None;
    for (i, m) in doc.mentions.iter().enumerate() {
        if !overlaps(m.span, span) {
            continue;
        }
        let key = (m.span == span, m.nominal == nominal, m.span.len());
        if best.is_none_or(|(_, k)| key > k) {
            best = Some((i, key));
        }
    }
    best.map(|(i, _)| i)
}

fn entity_at(doc: &Document, span: Span, nominal: bool) -> Option<usize> {
    mention_at(doc, span, nominal).and_then(|m| doc.mentions[m].entity)
}

/// The predicted record most of a gold entity's mentions point to (names first; descriptions
/// only when it has no name).
fn record_of(doc: &Document, offsets: &Offsets, e: &GoldEntity) -> Option<usize> {
    let (spans, nominal) = if e.spans.is_empty() {
        (&e.nominal_spans, true)
    } else {
        (&e.spans, false)
    };
    let mut votes: FxHashMap<usize, usize> = FxHashMap::default();
    for s in spans.iter().filter_map(|s| offsets.span(*s)) {
        if let Some(ent) = entity_at(doc, s, nominal) {
            *votes.entry(ent).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by_key(|&(ent, n)| (n, std::cmp::Reverse(ent)))
        .map(|(ent, _)| ent)
}

fn describe_record(doc: &Document, ent: Option<usize>) -> String {
    match ent.map(|e| &doc.entities[e]) {
        Some(e) => format!(
            "{} ({} {} {})",
            e.id,
            e.kind.map_or("—", EntityType::as_str),
            e.country.as_deref().unwrap_or("—"),
            e.cameo.as_deref().unwrap_or("—")
        ),
        None => "nothing".into(),
    }
}

pub(super) fn entities(r: &mut Report, doc: &Document, gold: &GoldDoc, offsets: &Offsets) {
    // Names: the tagger (exact span and type, PER/LOC/ORG), then type and country of the record.
    let gold_names: Vec<(Span, &str)> = gold
        .entities
        .iter()
        .filter(|e| matches!(e.kind.as_str(), "PER" | "LOC" | "ORG"))
        .flat_map(|e| {
            e.spans
                .iter()
                .filter_map(|s| offsets.span(*s))
                .map(move |s| (s, e.kind.as_str()))
        })
        .collect();
    let predicted: Vec<(Span, &str)> = doc
        .mentions
        .iter()
        .filter(|m| !m.nominal && m.kind != EntityType::Misc)
        .map(|m| (m.span, m.kind.as_str()))
        .collect();
    r.ner.gold += gold_names.len();
    r.ner.predicted += predicted.len();
    r.ner.true_pos += predicted.iter().filter(|p| gold_names.contains(p)).count();

    for e in &gold.entities {
        let named = !e.spans.is_empty();
        let record = if named {
            record_of(doc, offsets, e)
        } else {
            None
        };
        for s in e.spans.iter().filter_map(|s| offsets.span(*s)) {
            let found = entity_at(doc, s, false).map(|i| &doc.entities[i]);
            r.names.gold += 1;
            let kind_ok = found
                .and_then(|f| f.kind)
                .is_some_and(|k| k.as_str() == e.kind);
            let country_ok = found.is_some_and(|f| f.country == e.country);
            if kind_ok && country_ok {
                r.names.right += 1;
            } else {
                r.error(format!(
                    "{}: name \"{}\" ({} {}) linked to {}",
                    doc.meta.id,
                    doc.slice(s),
                    e.kind,
                    e.country.as_deref().unwrap_or("no country"),
                    describe_record(doc, entity_at(doc, s, false))
                ));
            }
            if let (Some(id), "LOC") = (e.geonames, e.kind.as_str()) {
                r.places.gold += 1;
                if found.is_some_and(|f| f.geonames == Some(id)) {
                    r.places.right += 1;
                } else {
                    r.error(format!(
                        "{}: place \"{}\" is GeoNames {id}, linked to {:?}",
                        doc.meta.id,
                        doc.slice(s),
                        found.and_then(|f| f.geonames)
                    ));
                }
            }
        }
        for s in e.nominal_spans.iter().filter_map(|s| offsets.span(*s)) {
            let found = entity_at(doc, s, true);
            if named {
                r.nominal.gold += 1;
                if found.is_some() && found == record {
                    r.nominal.right += 1;
                } else {
                    r.error(format!(
                        "{}: description \"{}\" of {} ({}) is {}",
                        doc.meta.id,
                        doc.slice(s),
                        e.name.as_deref().unwrap_or(&e.id),
                        describe_record(doc, record),
                        describe_record(doc, found)
                    ));
                }
            } else {
                r.groups.gold += 1;
                let f = found.map(|i| &doc.entities[i]);
                if f.is_some_and(|f| f.country == e.country && f.role == e.role) {
                    r.groups.right += 1;
                } else {
                    r.error(format!(
                        "{}: group \"{}\" ({} {}) is {}",
                        doc.meta.id,
                        doc.slice(s),
                        e.country.as_deref().unwrap_or("—"),
                        e.role.as_deref().unwrap_or("—"),
                        describe_record(doc, found)
                    ));
                }
            }
        }
    }
}

/// One-to-one matching of gold spans to predicted spans that overlap them, exact ones first.
fn match_spans(gold: &[Option<Span>], predicted: &[Span]) -> Vec<Option<usize>> {
    let mut out = vec![None; gold.len()];
    let mut used = vec![false; predicted.len()];
    for exact in [true, false] {
        for (g, slot) in gold.iter().zip(out.iter_mut()) {
            let Some(g) = g else { continue };
            if slot.is_some() {
                continue;
            }
            let hit = predicted
                .iter()
                .enumerate()
                .position(|(i, p)| !used[i] && if exact { p == g } else { overlaps(*p, *g) });
            if let Some(i) = hit {
                used[i] = true;
                *slot = Some(i);
            }
        }
    }
    out
}

pub(super) fn times(r: &mut Report, doc: &Document, gold: &GoldDoc, offsets: &Offsets) {
    let spans: Vec<Option<Span>> = gold.times.iter().map(|t| offsets.span(t.span)).collect();
    let predicted: Vec<Span> = doc.times.iter().map(|t| t.span).collect();
    let matched = match_spans(&spans, &predicted);
    r.times.gold += gold.times.len();
    r.times.predicted += predicted.len();
    for ((g, s), m) in gold.times.iter().zip(&spans).zip(&matched) {
        let Some(s) = s else { continue };
        match m {
            Some(i) => {
                let p = &doc.times[*i];
                r.times.matched += 1;
                if p.span == *s {
                    r.times.exact += 1;
                }
                if p.value == g.value {
                    r.times.right += 1;
                } else {
                    r.error(format!(
                        "{}: time \"{}\" is {} {}, read {} {}",
                        doc.meta.id,
                        doc.slice(*s),
                        g.kind,
                        g.value,
                        p.kind.as_str(),
                        p.value
                    ));
                }
            }
            None => r.error(format!(
                "{}: time \"{}\" ({}) missed",
                doc.meta.id,
                doc.slice(*s),
                g.value
            )),
        }
    }
}

pub(super) fn counts(r: &mut Report, doc: &Document, gold: &GoldDoc, offsets: &Offsets) {
    let spans: Vec<Option<Span>> = gold.counts.iter().map(|c| offsets.span(c.span)).collect();
    let predicted: Vec<Span> = doc.counts.iter().map(|c| c.span).collect();
    let matched = match_spans(&spans, &predicted);
    r.counts.gold += gold.counts.len();
    r.counts.predicted += predicted.len();
    for ((g, s), m) in gold.counts.iter().zip(&spans).zip(&matched) {
        let Some(s) = s else { continue };
        match m {
            Some(i) => {
                let p = &doc.counts[*i];
                r.counts.matched += 1;
                let number_right = (p.number - g.number).abs() < 1e-6;
                if number_right && p.kind.as_str() == g.kind {
                    r.counts.right += 1;
                } else {
                    let key = if number_right {
                        format!("{}→{}", g.kind, p.kind.as_str())
                    } else {
                        "number".to_string()
                    };
                    *r.count_errors.entry(key).or_default() += 1;
                    r.error(format!(
                        "{}: count \"{}\" is {} {}, read {} {}",
                        doc.meta.id,
                        doc.slice(*s),
                        g.kind,
                        g.number,
                        p.kind.as_str(),
                        p.number
                    ));
                }
            }
            None => {
                *r.count_misses.entry(g.kind.clone()).or_default() += 1;
                r.error(format!(
                    "{}: count \"{}\" ({} {}) missed",
                    doc.meta.id,
                    doc.slice(*s),
                    g.kind,
                    g.number
                ))
            }
        }
    }
}

pub(super) fn quotes(r: &mut Report, doc: &Document, gold: &GoldDoc, offsets: &Offsets) {
    let spans: Vec<Option<Span>> = gold.quotes.iter().map(|q| offsets.span(q.span)).collect();
    let predicted: Vec<Span> = doc.quotes.iter().map(|q| q.span).collect();
    let matched = match_spans(&spans, &predicted);
    r.quotes.gold += gold.quotes.len();
    r.quotes.predicted += predicted.len();
    let entities: FxHashMap<&str, &GoldEntity> =
        gold.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    for ((g, s), m) in gold.quotes.iter().zip(&spans).zip(&matched) {
        let Some(s) = s else { continue };
        let length = if doc.slice(*s).split_whitespace().count() < 8 {
            "fragment"
        } else {
            "long"
        };
        let Some(i) = m else {
            *r.speaker_errors
                .entry(format!("quote missed, {length}"))
                .or_default() += 1;
            r.error(format!(
                "{}: quote \"{}\" missed",
                doc.meta.id,
                short(doc.slice(*s))
            ));
            continue;
        };
        r.quotes.matched += 1;
        let said = doc.quotes[*i].speaker.as_ref();
        let gold_speaker = g.speaker.as_deref().and_then(|k| entities.get(k));
        let right = match (gold_speaker, said) {
            (None, None) => true,
            (Some(e), Some(sp)) => {
                let surfaces = e
                    .spans
                    .iter()
                    .chain(&e.nominal_spans)
                    .chain(g.speaker_mention.iter())
                    .filter_map(|x: &GoldSpan| offsets.span(*x));
                let record = record_of(doc, offsets, e).map(|x| doc.entities[x].id.as_str());
                surfaces.into_iter().any(|x| overlaps(x, sp.span))
                    || (record.is_some() && sp.entity.as_deref() == record)
            }
            _ => false,
        };
        if right {
            r.quotes.right += 1;
        } else {
            let why = match (gold_speaker, said) {
                (Some(_), None) => "none read",
                (None, _) => "none said, one read",
                (Some(_), Some(_)) if doc.quotes[*i].verb.is_some() => "another, with a verb",
                (Some(_), Some(_)) => "another, no verb",
            };
            *r.speaker_errors
                .entry(format!("{why}, {length}"))
                .or_default() += 1;
            r.error(format!(
                "{}: quote \"{}\" said by {}, read {}",
                doc.meta.id,
                short(doc.slice(*s)),
                gold_speaker.map_or("nobody".to_string(), |e| e
                    .name
                    .clone()
                    .unwrap_or_else(|| e.id.clone())),
                said.map_or("nobody".to_string(), |sp| format!(
                    "\"{}\" {}",
                    doc.slice(sp.span),
                    sp.entity.as_deref().unwrap_or("")
                ))
            ));
        }
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// What a side is compared on: its country, or the first three letters of its code for actors
/// without one (IGO, NGO, IMG…).
fn side(code: &str, country: Option<&str>) -> String {
    match country {
        Some(c) if !c.is_empty() => c.to_string(),
        _ => code.get(..3).unwrap_or(code).to_string(),
    }
}

fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// How a predicted event compares with a gold one: root, source side, target side.
fn event_agreement(e: &Event, g: &super::gold::GoldEvent) -> (bool, bool, bool) {
    let roots_ok = root(&e.code) == root(&g.code)
        || g.acceptable_codes.iter().any(|c| root(c) == root(&e.code));
    let a1 = g
        .actor1
        .as_ref()
        .map(|a| side(&a.code, a.country.as_deref()));
    let a2 = g
        .actor2
        .as_ref()
        .map(|a| side(&a.code, a.country.as_deref()));
    let p1 = Some(side(&e.actor1.code, e.actor1.country.as_deref()));
    let p2 = e
        .actor2
        .as_ref()
        .map(|a| side(&a.code, a.country.as_deref()));
    (roots_ok, p1 == a1, p2 == a2)
}

fn event_matches(e: &Event, g: &super::gold::GoldEvent, sentence: Span) -> bool {
    overlaps(e.span, sentence) && event_agreement(e, g) == (true, true, true)
}

/// Files an unpartnered event under its cause, given its agreement with each event of the other
/// side in the same sentence.
fn classify(errors: &mut super::EventErrors, agreements: &[(bool, bool, bool)]) {
    if agreements.is_empty() {
        errors.none_in_sentence += 1;
    } else if !agreements.iter().any(|a| a.0) {
        errors.other_root += 1;
    } else if agreements.iter().any(|a| a.0 && a.1) {
        errors.wrong_target += 1;
    } else if agreements.iter().any(|a| a.0 && a.2) {
        errors.wrong_source += 1;
    } else {
        errors.wrong_both += 1;
    }
}

/// For a miss with no event in its sentence: what became of the sentence's dictionary words
/// that can code its root (the candidate that came closest to an event), and whether its gold
/// actors' sides are among the sentence's linked entities. Returns the closest candidate,
/// "lemma: outcome", for the error listing.
fn unseen_miss(
    r: &mut Report,
    doc: &Document,
    g: &super::gold::GoldEvent,
    sentence: Span,
    candidates: &[Candidate],
) -> Option<String> {
    let in_sentence: Vec<usize> = doc
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| overlaps(s.span, sentence))
        .map(|(i, _)| i)
        .collect();
    let wanted: Vec<&str> = std::iter::once(&g.code)
        .chain(&g.acceptable_codes)
        .map(|c| root(c))
        .collect();
    let closest = candidates
        .iter()
        .filter(|c| in_sentence.contains(&c.sentence))
        .filter(|c| c.roots.iter().any(|r| wanted.contains(&r.as_str())))
        .min_by_key(|c| c.fate);
    let fate = closest.map_or("no word with its root", |c| c.fate.as_str());
    *r.events.unseen_fates.entry(fate.to_string()).or_default() += 1;
    let sides: Vec<String> = doc
        .mentions
        .iter()
        .filter(|m| overlaps(m.span, sentence))
        .filter_map(|m| m.entity.and_then(|e| doc.entities.get(e)))
        .filter_map(|e| {
            let code = e.cameo.as_deref().unwrap_or("");
            let country = e.country.as_deref();
            (!code.is_empty() || country.is_some_and(|c| !c.is_empty()))
                .then(|| side(code, country))
        })
        .collect();
    let linked = |a: &Option<super::gold::GoldActor>| {
        a.as_ref()
            .is_some_and(|a| sides.contains(&side(&a.code, a.country.as_deref())))
    };
    let key = match (linked(&g.actor1), g.actor2.is_none() || linked(&g.actor2)) {
        (true, true) => "all linked",
        (true, false) => "target unlinked",
        (false, true) => "actor 1 unlinked",
        (false, false) => "both unlinked",
    };
    *r.events.unseen_actors.entry(key.to_string()).or_default() += 1;
    closest.map(|c| format!("{}: {}", c.lemma, c.outcome))
}

pub(super) fn events(
    r: &mut Report,
    doc: &Document,
    gold: &GoldDoc,
    offsets: &Offsets,
    candidates: &[Candidate],
) {
    let mut used = vec![false; doc.events.len()];
    // Required events first, so that an optional one never takes a required one's match.
    let mut order: Vec<usize> = (0..gold.events.len()).collect();
    order.sort_by_key(|&i| gold.events[i].optional);
    for gi in order {
        let g = &gold.events[gi];
        if !g.optional {
            r.events.gold += 1;
        }
        let Some(sentence) = offsets.span(g.sentence) else {
            continue;
        };
        let hit = doc
            .events
            .iter()
            .enumerate()
            .position(|(i, e)| !used[i] && event_matches(e, g, sentence));
        match hit {
            Some(i) => {
                used[i] = true;
                let e = &doc.events[i];
                if g.optional {
                    r.events.optional_matched += 1;
                    continue;
                }
                r.events.matched += 1;
                if e.code == g.code || g.acceptable_codes.contains(&e.code) {
                    r.events.code_right += 1;
                }
                if g.status.as_deref() == Some(e.status.as_str()) {
                    r.events.status_right += 1;
                }
            }
            None if !g.optional => {
                let agreements: Vec<_> = doc
                    .events
                    .iter()
                    .filter(|e| overlaps(e.span, sentence))
                    .map(|e| event_agreement(e, g))
                    .collect();
                let closest = if agreements.is_empty() {
                    unseen_miss(r, doc, g, sentence, candidates)
                } else {
                    None
                };
                classify(&mut r.events.missed, &agreements);
                *r.events
                    .missed_roots
                    .entry(root(&g.code).to_string())
                    .or_default() += 1;
                r.error(format!(
                    "{}: missed {} {} → {} in \"{}\"{}",
                    doc.meta.id,
                    g.code,
                    g.actor1.as_ref().map_or("—", |a| a.code.as_str()),
                    g.actor2.as_ref().map_or("—", |a| a.code.as_str()),
                    short(doc.slice(sentence)),
                    closest.map_or(String::new(), |c| format!(" [closest: {c}]"))
                ))
            }
            None => {}
        }
    }
    r.events.predicted += doc.events.len();
    for (i, e) in doc.events.iter().enumerate() {
        if !used[i] {
            let agreements: Vec<_> = gold
                .events
                .iter()
                .filter(|g| {
                    offsets
                        .span(g.sentence)
                        .is_some_and(|s| overlaps(e.span, s))
                })
                .map(|g| event_agreement(e, g))
                .collect();
            classify(&mut r.events.extra, &agreements);
            *r.events
                .extra_roots
                .entry(root(&e.code).to_string())
                .or_default() += 1;
            r.error(format!(
                "{}: extra {} {} → {} [{}] \"{}\" in \"{}\"",
                doc.meta.id,
                e.code,
                e.actor1.code,
                e.actor2.as_ref().map_or("—", |a| a.code.as_str()),
                e.status.as_str(),
                doc.slice(e.trigger),
                short(doc.slice(e.span))
            ));
        }
    }
}
