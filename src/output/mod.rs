//! The JSON output contract of `depeche extract`, version [`SCHEMA_VERSION`].
//!
//! One object per document:
//!
//! ```text
//! {
//!   "schema_version": "1",
//!   "engine": {"name": "depeche", "version": "0.1.0"},
//!   "id": "000_841bfa5ee9043e79",          // JSON Lines "id", else file stem, else stdin
//!   "title": "Le Drian se rend à Moscou…",  // or null
//!   "published": "2015-12-21",              // ISO 8601 as precise as given, or null
//!   "lang": "fr",
//!   "source": null, "url": null,
//!   "text": "…",                            // the text every span indexes
//!   "warnings": [],                         // problems that did not stop processing
//!   "blocks": [{"kind": "title|caption|subheading|paragraph", "span": [0, 60], "text": "…",
//!               "credit": {"span": [..], "text": "DOMINIQUE FAGET, AFP/Archives"}}],  // captions
//!   "sentences": [{"span": [s, e], "text": "…", "block": 2}],
//!   "mentions": [{"span", "text": "Le Drian", "type": "PER", "score": 0.98,
//!                 "entity": "per:jean_yves_le_drian", "nominal": false}],
//!   "entities": [{"id": "per:jean_yves_le_drian", "name": "Jean-Yves Le Drian", "type": "PER",
//!                 "country": "FRA", "role": "GOV", "role_label": "defence minister",
//!                 "cameo": "FRAGOV", "geonames": null, "lat": null, "lon": null,
//!                 "wikidata": null, "score": 0.95, "by": "kb:actors-fr",
//!                 "mentions": [0, 3, 7]}],   // indices into "mentions"
//!   "times": [{"span", "text": "le 26 novembre", "type": "DATE", "value": "2015-11-26",
//!              "mod": null, "relative": true, "resolved": true, "rule": "day_month"}],
//!   "counts": [{"span", "text": "plus de 250.000 morts", "kind": "KILL", "number": 250000,
//!               "qualifier": "more_than", "unit": "morts",
//!               "number_span": {"span", "text": "250.000"},
//!               "part_of": null}],   // a sub-count ("dont trois enfants"): its whole's index
//!   "quotes": [{"span", "text",                      // the quoted words, without the marks
//!               "speaker": {"span", "text": "Jean-Yves Le Drian", "mention": 17,
//!                           "entity": "per:jean_yves_le_drian"},   // mention index, entity id
//!               "verb": {"span", "text": "a déclaré"},   // speaker and verb may be null
//!               "marked": true}],   // false: direct speech told by an incise alone
//!   "events": [{"code": "0212", "name": "Appeal for military cooperation", "base": "021",
//!               "root": "02", "quad_class": 1, "goldstein": 3.4,
//!               "plover": {"event": "REQUEST", "mode": "assist"},     // null for CAMEO 01x
//!               "actor1": {"code": "FRAGOV", "entity": "per:jean_yves_le_drian", "span", "text",
//!                          "country": "FRA", "role": "GOV"},
//!               "actor2": {…} or null,
//!               "status": "reported|alleged|planned|intended|negated",
//!               "date": "2015-12-21",                  // TIMEX3 value, or null
//!               "date_span": {"span", "text": "lundi"} or null,
//!               "place": {"entity": "geo:524901", "name": "Moscow", "geonames": 524901,
//!                         "lat": 55.75, "lon": 37.62, "country": "RUS", "span", "text"} or null,
//!               "span", "text",                        // the sentence that supports it
//!               "trigger": {"span", "text": "va demander"},
//!               "pattern": "demander: * à $T de … (data/fr/events/verbs.txt:120)",
//!               "score": 0.8}],
//!   "tokens": [{"span": [s, e], "text": "…", "kind": "word"}],      // only with --tokens
//!   "syntax": [{"span": [s, e], "text": "du", "sentence": 0, "id": 4, "form": "de",
//!               "lemma": "de", "upos": "ADP", "feats": "_", "head": 6, "deprel": "case"}]
//!                                                                  // only with --syntax
//! }
//! ```
//!
//! **syntax**: Universal Dependencies words in text order. `sentence` indexes `sentences`;
//! `id` is the word's 1-based position in its sentence and `head` the `id` of its head (0 for
//! the root), as in CoNLL-U. A contraction is two words with the span and text of its token.
//!
//! **events**: CAMEO-coded events, in text order. `code` is the full CAMEO code; `name`, `base`,
//! `root`, `quad_class` (GDELT's 1–4), `goldstein` (GDELT's scale) and `plover` (the PLOVER 2021
//! event type and mode) come from the embedded table `data/events/cameo.tsv`
//! ([`crate::event::codes`]) and are null for a code the table does not hold. An actor's
//! `entity` is the id of its record in `entities` (null for an actor named by a demonym or a
//! description only); `place.entity` likewise. `date` is the event's TIMEX3 value from a time
//! expression of the sentence (`date_span`) or the publication date.
//!
//! Besides JSON, `depeche extract --format` writes two event exports, one line per event:
//! `gdelt-events` (GDELT 2.0 event table rows, see [`gdelt`]) and `plover` (PLOVER/POLECAT-style
//! JSON, see [`plover`]).
//!
//! Rules every layer keeps, now and in later versions: each annotation object carries
//! `"span": [start, end]`, UTF-8 **byte** offsets into `"text"`, end exclusive, and `"text"`,
//! the exact slice `text[start..end]`. Later layers (`mentions`, `entities`, `times`, `counts`,
//! `quotes`, `events`) are added as new keys; existing keys keep their meaning. A change that
//! breaks a consumer bumps `schema_version`.

pub mod gdelt;
pub mod plover;

use crate::document::{Document, Event, EventActor, Span};
use crate::event::codes::cameo;
use crate::read::published::format_published;
use serde::Serialize;

pub const SCHEMA_VERSION: &str = "1";
pub const ENGINE_NAME: &str = "depeche";
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What to include beyond the default layers.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutputOptions {
    pub tokens: bool,
    pub syntax: bool,
    /// The annotation layers written (`--layers`); `None` writes them all. A layer left out
    /// is absent from the object, not an empty list.
    pub layers: Option<LayerSet>,
}

/// A set of annotation layers, by the names of their JSON keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayerSet(u16);

impl LayerSet {
    /// The layers, in output order; `tokens` and `syntax` are also chosen by `--tokens` and
    /// `--syntax`.
    pub const NAMES: [&'static str; 10] = [
        "blocks",
        "sentences",
        "mentions",
        "entities",
        "times",
        "counts",
        "quotes",
        "events",
        "tokens",
        "syntax",
    ];

    /// Parses "none" or a comma-separated list of layer names.
    pub fn parse(list: &str) -> Result<LayerSet, String> {
        let mut set = LayerSet(0);
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name == "none" {
                continue;
            }
            let i = Self::NAMES.iter().position(|n| *n == name).ok_or_else(|| {
                format!(
                    "unknown layer '{name}' (layers: none, {})",
                    Self::NAMES.join(", ")
                )
            })?;
            set.0 |= 1 << i;
        }
        Ok(set)
    }

    pub fn contains(self, name: &str) -> bool {
        Self::NAMES
            .iter()
            .position(|n| *n == name)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }

    /// Whether any layer beyond `blocks` is asked for (so the pipeline must run).
    pub fn needs_annotation(self) -> bool {
        self.0 & !1 != 0
    }
}

#[derive(Serialize)]
struct Engine {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct SpanText<'a> {
    span: [usize; 2],
    text: &'a str,
}

#[derive(Serialize)]
struct BlockOut<'a> {
    kind: &'static str,
    span: [usize; 2],
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<SpanText<'a>>,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    span: [usize; 2],
    text: &'a str,
    block: usize,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    span: [usize; 2],
    text: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct WordOut<'a> {
    span: [usize; 2],
    text: &'a str,
    sentence: usize,
    id: usize,
    form: &'a str,
    lemma: &'a str,
    upos: &'a str,
    feats: &'a str,
    head: usize,
    deprel: &'a str,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    schema_version: &'static str,
    engine: Engine,
    id: &'a str,
    title: Option<&'a str>,
    published: Option<String>,
    lang: &'a str,
    source: Option<&'a str>,
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    detected_lang: Option<&'a str>,
    text: &'a str,
    warnings: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    blocks: Option<Vec<BlockOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<Vec<SentenceOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions: Option<Vec<MentionOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<EntityOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    times: Option<Vec<TimeOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<Vec<CountOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<Vec<QuoteOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<Vec<EventOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    syntax: Option<Vec<WordOut<'a>>>,
}

#[derive(Serialize)]
struct PloverOut<'a> {
    event: &'a str,
    mode: Option<&'a str>,
}

#[derive(Serialize)]
struct ActorOut<'a> {
    code: &'a str,
    entity: Option<&'a str>,
    span: [usize; 2],
    text: &'a str,
    country: Option<&'a str>,
    role: Option<&'a str>,
}

#[derive(Serialize)]
struct PlaceOut<'a> {
    entity: Option<&'a str>,
    name: Option<&'a str>,
    geonames: Option<u64>,
    lat: Option<f64>,
    lon: Option<f64>,
    country: Option<&'a str>,
    span: [usize; 2],
    text: &'a str,
}

#[derive(Serialize)]
struct EventOut<'a> {
    code: &'a str,
    name: Option<&'static str>,
    base: Option<&'static str>,
    root: Option<&'static str>,
    quad_class: Option<u8>,
    goldstein: Option<f32>,
    plover: Option<PloverOut<'static>>,
    actor1: ActorOut<'a>,
    actor2: Option<ActorOut<'a>>,
    status: &'static str,
    date: Option<&'a str>,
    date_span: Option<SpanText<'a>>,
    place: Option<PlaceOut<'a>>,
    span: [usize; 2],
    text: &'a str,
    trigger: SpanText<'a>,
    pattern: &'a str,
    score: f32,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    span: [usize; 2],
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    score: f32,
    entity: Option<&'a str>,
    nominal: bool,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: Option<&'static str>,
    country: Option<&'a str>,
    role: Option<&'a str>,
    role_label: Option<&'a str>,
    cameo: Option<&'a str>,
    geonames: Option<u64>,
    lat: Option<f64>,
    lon: Option<f64>,
    wikidata: Option<&'a str>,
    score: f32,
    by: &'static str,
    mentions: &'a [usize],
}

#[derive(Serialize)]
struct TimeOut<'a> {
    span: [usize; 2],
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(rename = "mod")]
    modifier: Option<&'static str>,
    relative: bool,
    resolved: bool,
    rule: &'static str,
}

#[derive(Serialize)]
struct CountOut<'a> {
    span: [usize; 2],
    text: &'a str,
    kind: &'static str,
    number: serde_json::Number,
    qualifier: Option<&'static str>,
    unit: Option<&'a str>,
    number_span: SpanText<'a>,
    /// A sub-count's whole: the index of the count it is part of ("dont trois enfants").
    part_of: Option<usize>,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    span: [usize; 2],
    text: &'a str,
    mention: Option<usize>,
    entity: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    span: [usize; 2],
    text: &'a str,
    speaker: Option<SpeakerOut<'a>>,
    verb: Option<SpanText<'a>>,
    marked: bool,
}

/// Whole numbers as JSON integers (250000, not 250000.0); others as floats.
fn json_number(x: f64) -> serde_json::Number {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        serde_json::Number::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

fn span_text(text: &str, span: Span) -> SpanText<'_> {
    SpanText {
        span: pair(span),
        text: &text[span.range()],
    }
}

fn pair(span: Span) -> [usize; 2] {
    [span.start, span.end]
}

fn view<'a>(doc: &'a Document, opts: OutputOptions) -> DocumentOut<'a> {
    let text = doc.text.as_str();
    let keep = |layer: &str| opts.layers.is_none_or(|set| set.contains(layer));
    DocumentOut {
        schema_version: SCHEMA_VERSION,
        engine: Engine {
            name: ENGINE_NAME,
            version: ENGINE_VERSION,
        },
        id: &doc.meta.id,
        title: doc.meta.title.as_deref(),
        published: doc.meta.published.as_ref().map(format_published),
        lang: &doc.meta.lang,
        source: doc.meta.source.as_deref(),
        url: doc.meta.url.as_deref(),
        credit: doc.meta.credit.as_deref(),
        section: doc.meta.section.as_deref(),
        tags: &doc.meta.tags,
        detected_lang: doc.meta.detected_lang.as_deref(),
        text,
        warnings: &doc.warnings,
        blocks: keep("blocks").then(|| {
            doc.blocks
                .iter()
                .map(|b| BlockOut {
                    kind: b.kind.as_str(),
                    span: pair(b.span),
                    text: &text[b.span.range()],
                    credit: b.credit.map(|c| span_text(text, c)),
                })
                .collect()
        }),
        sentences: keep("sentences").then(|| {
            doc.sentences
                .iter()
                .map(|s| SentenceOut {
                    span: pair(s.span),
                    text: &text[s.span.range()],
                    block: s.block,
                })
                .collect()
        }),
        mentions: keep("mentions").then(|| {
            doc.mentions
                .iter()
                .map(|m| MentionOut {
                    span: pair(m.span),
                    text: &text[m.span.range()],
                    kind: m.kind.as_str(),
                    score: (m.score * 1000.0).round() / 1000.0,
                    entity: m
                        .entity
                        .and_then(|e| doc.entities.get(e))
                        .map(|e| e.id.as_str()),
                    nominal: m.nominal,
                })
                .collect()
        }),
        entities: keep("entities").then(|| {
            doc.entities
                .iter()
                .map(|e| EntityOut {
                    id: &e.id,
                    name: &e.name,
                    kind: e.kind.map(|k| k.as_str()),
                    country: e.country.as_deref(),
                    role: e.role.as_deref(),
                    role_label: e.role_label.as_deref(),
                    cameo: e.cameo.as_deref(),
                    geonames: e.geonames,
                    lat: e.lat,
                    lon: e.lon,
                    wikidata: e.wikidata.as_deref(),
                    score: (e.score * 1000.0).round() / 1000.0,
                    by: e.by,
                    mentions: &e.mentions,
                })
                .collect()
        }),
        times: keep("times").then(|| {
            doc.times
                .iter()
                .map(|t| TimeOut {
                    span: pair(t.span),
                    text: &text[t.span.range()],
                    kind: t.kind.as_str(),
                    value: &t.value,
                    modifier: t.modifier,
                    relative: t.relative,
                    resolved: t.resolved,
                    rule: t.rule,
                })
                .collect()
        }),
        counts: keep("counts").then(|| {
            doc.counts
                .iter()
                .map(|c| CountOut {
                    span: pair(c.span),
                    text: &text[c.span.range()],
                    kind: c.kind.as_str(),
                    number: json_number(c.number),
                    qualifier: c.qualifier.map(|q| q.as_str()),
                    unit: c.unit.map(|u| &text[u.range()]),
                    number_span: span_text(text, c.number_span),
                    part_of: c.part_of,
                })
                .collect()
        }),
        quotes: keep("quotes").then(|| {
            doc.quotes
                .iter()
                .map(|q| QuoteOut {
                    span: pair(q.span),
                    text: &text[q.span.range()],
                    speaker: q.speaker.as_ref().map(|s| SpeakerOut {
                        span: pair(s.span),
                        text: &text[s.span.range()],
                        mention: s.mention,
                        entity: s.entity.as_deref(),
                    }),
                    verb: q.verb.map(|v| span_text(text, v)),
                    marked: q.marked,
                })
                .collect()
        }),
        events: keep("events").then(|| doc.events.iter().map(|e| event_out(doc, e)).collect()),
        tokens: (opts.tokens || opts.layers.is_some_and(|set| set.contains("tokens"))).then(|| {
            doc.tokens
                .iter()
                .map(|t| TokenOut {
                    span: pair(t.span),
                    text: &text[t.span.range()],
                    kind: t.kind.as_str(),
                })
                .collect()
        }),
        syntax: (opts.syntax || opts.layers.is_some_and(|set| set.contains("syntax")))
            .then(|| words_out(doc)),
    }
}

fn words_out(doc: &Document) -> Vec<WordOut<'_>> {
    let text = &doc.text;
    let mut out = Vec::with_capacity(doc.words.len());
    let mut first = 0;
    for (i, w) in doc.words.iter().enumerate() {
        if i == 0 || doc.words[i - 1].sentence != w.sentence {
            first = i;
        }
        let span = doc.tokens.get(w.token).map_or(Span::new(0, 0), |t| t.span);
        out.push(WordOut {
            span: pair(span),
            text: &text[span.range()],
            sentence: w.sentence,
            id: i - first + 1,
            form: &w.form,
            lemma: &w.lemma,
            upos: &w.upos,
            feats: &w.feats,
            head: w.head.map_or(0, |h| h + 1 - first),
            deprel: &w.deprel,
        });
    }
    out
}

fn actor_out<'a>(doc: &'a Document, a: &'a EventActor) -> ActorOut<'a> {
    ActorOut {
        code: &a.code,
        entity: a
            .entity
            .and_then(|e| doc.entities.get(e))
            .map(|e| e.id.as_str()),
        span: pair(a.span),
        text: &doc.text[a.span.range()],
        country: a.country.as_deref(),
        role: a.role.as_deref(),
    }
}

fn event_out<'a>(doc: &'a Document, e: &'a Event) -> EventOut<'a> {
    let text = doc.text.as_str();
    let code = cameo().get(&e.code);
    EventOut {
        code: &e.code,
        name: code.map(|c| c.name.as_str()),
        base: code.map(|c| c.base.as_str()),
        root: code.map(|c| c.root.as_str()),
        quad_class: code.map(|c| c.quadclass),
        goldstein: code.map(|c| c.goldstein),
        plover: code.and_then(|c| {
            c.plover_event.as_deref().map(|event| PloverOut {
                event,
                mode: c.plover_mode.as_deref(),
            })
        }),
        actor1: actor_out(doc, &e.actor1),
        actor2: e.actor2.as_ref().map(|a| actor_out(doc, a)),
        status: e.status.as_str(),
        date: e.date.as_deref(),
        date_span: e.date_span.map(|s| span_text(text, s)),
        place: e.place.as_ref().map(|p| {
            let entity = doc.entities.get(p.entity);
            PlaceOut {
                entity: entity.map(|x| x.id.as_str()),
                name: entity.map(|x| x.name.as_str()),
                geonames: entity.and_then(|x| x.geonames),
                lat: entity.and_then(|x| x.lat),
                lon: entity.and_then(|x| x.lon),
                country: entity.and_then(|x| x.country.as_deref()),
                span: pair(p.span),
                text: &text[p.span.range()],
            }
        }),
        span: pair(e.span),
        text: &text[e.span.range()],
        trigger: span_text(text, e.trigger),
        pattern: &e.pattern,
        score: (e.score * 1000.0).round() / 1000.0,
    }
}

/// The day an event is dated to in the exports: its own date when that is a full calendar
/// date ("2015-11-26", or a day with a time or part of day: "2015-11-26TEV"), else the
/// publication date; `None` when neither is known.
pub fn event_day(doc: &Document, e: &Event) -> Option<jiff::civil::Date> {
    e.date
        .as_deref()
        .and_then(full_date)
        .or_else(|| doc.meta.published.map(|p| p.date))
}

/// A TIMEX3 value that names one calendar day, as a date.
fn full_date(value: &str) -> Option<jiff::civil::Date> {
    let day = value.get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    if value.len() > 10 && !value[10..].starts_with('T') {
        return None;
    }
    let n = |r: std::ops::Range<usize>| day[r].parse::<i16>().ok();
    jiff::civil::Date::new(n(0..4)?, n(5..7)? as i8, n(8..10)? as i8).ok()
}

/// The document as one line of compact JSON (no trailing newline).
pub fn to_json_line(doc: &Document, opts: OutputOptions) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string(&view(doc, opts)).unwrap_or_default()
}

/// The document as indented JSON (no trailing newline).
pub fn to_json_pretty(doc: &Document, opts: OutputOptions) -> String {
    serde_json::to_string_pretty(&view(doc, opts)).unwrap_or_default()
}
