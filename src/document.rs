//! The `Document`: one article, its original text, and every annotation as spans into it.
//!
//! Following spaCy's `Doc`, a document owns the text exactly as it was read (after UTF-8
//! decoding and removal of a byte-order mark, nothing else) and a set of *layers*. Each layer is
//! a vector of annotations that carry a [`Span`]: UTF-8 byte offsets into [`Document::text`],
//! end exclusive, so that `&doc.text[span.range()]` is always the evidence for an annotation.
//! Annotations never copy text; a stage that needs normalised text (folded apostrophes, lower
//! case) derives it on the fly and maps back through the span.
//!
//! Layers, in pipeline order: `blocks` (layout: title, caption, subheading, paragraph),
//! `tokens`, `sentences`, `times` (TIMEX3 expressions), `counts` (numbers of victims, money,
//! percentages), `quotes` (quotations and their speakers). Later stages append their own
//! layers here.

use std::fmt;
use std::ops::Range;

/// A half-open range of UTF-8 byte offsets into a document's text.
///
/// Offsets are `usize` and always fall on `char` boundaries; constructors in this crate
/// guarantee that, so slicing with [`Span::range`] never panics on text the span came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The same span moved right by `offset` bytes (from block-relative to document offsets).
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// What a line (or run of lines) of the article is, as a reader sees its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Title,
    /// A photo caption; never a source of events. Carries the photo credit when one is found.
    Caption,
    /// A short heading between paragraphs: part of the layout, not a sentence of the story.
    Subheading,
    Paragraph,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Caption => "caption",
            BlockKind::Subheading => "subheading",
            BlockKind::Paragraph => "paragraph",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// For captions: the photographer / agency credit ("DOMINIQUE FAGET, AFP/Archives").
    pub credit: Option<Span>,
}

/// A rough class for each token, decided by the tokenizer because it already knows it; later
/// stages use it instead of re-parsing the token's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    /// Digits, possibly with French separators: "250.000", "250 000", "3,5", "-365".
    Number,
    /// Punctuation, quotes, brackets, dashes, ellipses.
    Punct,
    /// An abbreviation that keeps its dot and never ends a sentence ("M.", "Mme.", "av.").
    Abbreviation,
    /// An abbreviation that may end a sentence ("etc.", "J.-C.").
    FinalAbbreviation,
    /// A name initial or dotted acronym ("J.", "J.-Y.", "U.S.A.").
    Initial,
    /// An elided article, pronoun or conjunction ending in an apostrophe ("l'", "qu’").
    Elision,
    /// A clitic split off a verb after a hyphen ("-t-il", "-on", "-moi").
    Clitic,
    Url,
    Email,
    Symbol,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Abbreviation => "abbreviation",
            TokenKind::FinalAbbreviation => "final_abbreviation",
            TokenKind::Initial => "initial",
            TokenKind::Elision => "elision",
            TokenKind::Clitic => "clitic",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Symbol => "symbol",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: a span plus the block it belongs to and the tokens it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Document::blocks`].
    pub block: usize,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// A Universal Dependencies word with its analysis. Words are tokens, except that a
/// contraction is two words on one token ("du" = "de" + "le", both with the span of "du").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Index into [`Document::tokens`].
    pub token: usize,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
    /// The word as UD writes it: the token's text, or a part of a contraction.
    pub form: String,
    pub lemma: String,
    pub upos: String,
    /// `Feat=Value|…`, or `_`.
    pub feats: String,
    /// Index into [`Document::words`] of the head, in the same sentence; `None` for the root.
    pub head: Option<usize>,
    /// UD relation, with its subtype ("nsubj:pass").
    pub deprel: String,
}

impl Word {
    /// The universal relation, without its subtype ("nsubj" of "nsubj:pass").
    pub fn relation(&self) -> &str {
        self.deprel.split(':').next().unwrap_or(&self.deprel)
    }
}

/// The dependents of every word of a syntax layer, built once so that a word's children are
/// read without scanning its sentence (a scan per word is quadratic in long sentences).
#[derive(Debug, Clone, Default)]
pub struct Dependents {
    /// `list[starts[w]..starts[w + 1]]` are the dependents of word `w`, in text order.
    starts: Vec<usize>,
    list: Vec<usize>,
}

impl Dependents {
    pub fn new(words: &[Word]) -> Dependents {
        let mut starts = vec![0usize; words.len() + 1];
        for h in words.iter().filter_map(|w| w.head) {
            if let Some(n) = starts.get_mut(h + 1) {
                *n += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut list = vec![0usize; starts.last().copied().unwrap_or(0)];
        for (i, w) in words.iter().enumerate() {
            if let Some(slot) = w.head.and_then(|h| next.get_mut(h)) {
                list[*slot] = i;
                *slot += 1;
            }
        }
        Dependents { starts, list }
    }

    /// The dependents of word `w` (none for an index outside the layer).
    pub fn of(&self, w: usize) -> &[usize] {
        match (self.starts.get(w), self.starts.get(w + 1)) {
            (Some(&a), Some(&b)) => &self.list[a..b],
            _ => &[],
        }
    }
}

/// Indices into a syntax layer (words in text order) of sentence `sentence`'s words.
pub fn sentence_word_range(words: &[Word], sentence: usize) -> Range<usize> {
    let from = words.partition_point(|w| w.sentence < sentence);
    let to = words.partition_point(|w| w.sentence <= sentence);
    from..to
}

/// Indices into a syntax layer of token `token`'s words: one, two for a contraction, or none.
pub fn token_word_range(words: &[Word], token: usize) -> Range<usize> {
    let from = words.partition_point(|w| w.token < token);
    let to = words.partition_point(|w| w.token <= token);
    from..to
}

/// When the article was published, as precisely as the source said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub date: jiff::civil::Date,
    pub time: Option<jiff::civil::Time>,
    /// Offset from UTC in seconds, when the source gave one ("+01:00", "Z").
    pub offset_seconds: Option<i32>,
}

/// Facts about the document that are not annotations of its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Stable identifier: the JSON Lines `id`, else the file stem, else `stdin`.
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<Published>,
    /// ISO 639-1 code of the language the text was processed as.
    pub lang: String,
    /// Where the document came from, for messages: a path, `path:line` or `<stdin>`.
    pub origin: String,
    /// Whether the first line of the text is the title (plain text), or the title came from
    /// elsewhere (a JSON Lines `title` field) and every line is body.
    pub title_from_first_line: bool,
    /// Author or agency credit of a page or feed item ("AFP", "Orange avec AFP").
    pub credit: Option<String>,
    /// The site's section the article was filed in ("Politique").
    pub section: Option<String>,
    /// Keywords the page or feed gives (`article:tag`, categories).
    pub tags: Vec<String>,
    /// The language web input was detected to be in (else the one its page declares), ISO
    /// 639-1; `None` for text and JSON Lines, whose caller chose the language.
    pub detected_lang: Option<String>,
}

/// One article and all its annotation layers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub meta: Metadata,
    /// The text as read: every span indexes these bytes.
    pub text: String,
    pub blocks: Vec<Block>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// The syntax layer: Universal Dependencies words, in text order, sentence by sentence.
    pub words: Vec<Word>,
    /// Named-entity mentions and nominal mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Canonical records the mentions point to.
    pub entities: Vec<Entity>,
    pub times: Vec<TimeExpr>,
    pub counts: Vec<Count>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// Problems that did not stop processing (a malformed date, an unsupported language).
    pub warnings: Vec<String>,
}

impl Document {
    pub fn new(meta: Metadata, text: String) -> Document {
        Document {
            meta,
            text,
            ..Document::default()
        }
    }

    /// The words of a sentence (empty before the syntax stage).
    pub fn sentence_words(&self, sentence: usize) -> &[Word] {
        &self.words[sentence_word_range(&self.words, sentence)]
    }

    /// Indices into [`Document::words`] of a token's words: one, or two for a contraction.
    pub fn token_words(&self, token: usize) -> Range<usize> {
        token_word_range(&self.words, token)
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
}

/// Named-entity types, CoNLL style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Per,
    Loc,
    Org,
    Misc,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Loc,
        EntityType::Org,
        EntityType::Misc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A mention of a named entity: the name alone, CoNLL style ("M. Le Drian" → "Le Drian").
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityType,
    /// The tagger's confidence, 0 to 1.
    pub score: f32,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// Index into [`Document::entities`] once linked.
    pub entity: Option<usize>,
    /// A description rather than a name: "son homologue russe", "l'armée russe".
    pub nominal: bool,
}

/// A canonical record: who or what a set of mentions designates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entity {
    /// Stable id: a knowledge-base id ("per:vladimir_putin", "geo:524901"), or a key made
    /// from the name for what the base does not know ("per:dominique_faget").
    pub id: String,
    pub name: String,
    pub kind: Option<EntityType>,
    /// ISO 3166 alpha-3 country the entity belongs to or speaks for.
    pub country: Option<String>,
    /// CAMEO agent: GOV, MIL, REB, COP, JUD, LEG, OPP, IGO…
    pub role: Option<String>,
    /// What the article calls the office: "defence minister", "president".
    pub role_label: Option<String>,
    /// CAMEO actor code at the story's date: "FRAGOV", "RUSMIL", "IGOUNO", "WST".
    pub cameo: Option<String>,
    pub geonames: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub wikidata: Option<String>,
    pub score: f32,
    /// The rule or table that decided: "kb:actors-fr", "kb:places", "apposition", "nominal"…
    pub by: &'static str,
    /// Indices into [`Document::mentions`].
    pub mentions: Vec<usize>,
}

/// TimeML TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression, normalised as a TimeML TIMEX3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// The extent, TimeML style: without the preposition, with the determiner ("le 26 novembre").
    pub span: Span,
    pub kind: TimexType,
    /// The TIMEX3 value: "2015-12-21", "2015-W52", "1999-05-23TEV", "P4Y6M", "XXXX-WXX-1",
    /// "PAST_REF". When a relative expression has no publication date to lean on, the value
    /// keeps X placeholders ("XXXX-XX-XX") and `resolved` is false.
    pub value: String,
    /// TIMEX3 `mod`: "START", "END", "MID", "APPROX", "BEFORE", "AFTER", "LESS_THAN", "MORE_THAN".
    pub modifier: Option<&'static str>,
    /// Whether the value needed the publication date (relative: "lundi", "hier", "il y a trois ans").
    pub relative: bool,
    /// Whether the value is complete: false for a relative expression without publication date.
    pub resolved: bool,
    /// The rule that matched, for `explain` and debugging.
    pub rule: &'static str,
}

/// What a count counts, after GDELT's count types plus money and percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountKind {
    Kill,
    Wound,
    Arrest,
    Kidnap,
    Protest,
    Refugees,
    Affect,
    Evacuate,
    Seize,
    Money,
    Percent,
    Other,
}

impl CountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CountKind::Kill => "KILL",
            CountKind::Wound => "WOUND",
            CountKind::Arrest => "ARREST",
            CountKind::Kidnap => "KIDNAP",
            CountKind::Protest => "PROTEST",
            CountKind::Refugees => "REFUGEES",
            CountKind::Affect => "AFFECT",
            CountKind::Evacuate => "EVACUATE",
            CountKind::Seize => "SEIZE",
            CountKind::Money => "MONEY",
            CountKind::Percent => "PERCENT",
            CountKind::Other => "OTHER",
        }
    }
}

/// How exact a count is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// "plus de", "au-delà de"
    MoreThan,
    /// "moins de"
    LessThan,
    /// "au moins"
    AtLeast,
    /// "au plus", "jusqu'à"
    AtMost,
    /// "environ", "près de", "une vingtaine", "quelque"
    About,
    /// An indefinite plural: "des dizaines", "des milliers", "des millions".
    Vague,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::About => "about",
            Qualifier::Vague => "vague",
        }
    }
}

/// A count or amount: "plus de 250.000 morts" → KILL, 250000, more_than.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// From the qualifier (if any) to the counted noun: "plus de 250.000 morts".
    pub span: Span,
    pub kind: CountKind,
    pub number: f64,
    pub qualifier: Option<Qualifier>,
    /// What is counted, as written: "morts", "réfugiés", "euros", "bâtiments de guerre", "%".
    /// Inside `span`, except for a number whose noun is written elsewhere in its sentence:
    /// the first of a range ("de 35.000 à 70.000 dollars"), a part ("Trois des sept
    /// pompiers"), a total ("le bilan des morts à 6.733").
    pub unit: Option<Span>,
    /// The number itself: "250.000", "deux", "des millions".
    pub number_span: Span,
    /// A sub-count ("39 morts, dont trois enfants"): the index in [`Document::counts`] of
    /// the count it is part of.
    pub part_of: Option<usize>,
}

/// Who said a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The words that name the speaker in the text ("Jean-Yves Le Drian", "les deux dirigeants").
    pub span: Span,
    /// Index of the speaker's mention in the `mentions` layer, once that layer exists.
    pub mention: Option<usize>,
    /// Canonical entity id, once entities are linked.
    pub entity: Option<String>,
}

/// A quotation: words between quotation marks (or direct speech) attributed to a speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// The verb or phrase of saying that attributes it ("a déclaré", "selon", "a-t-il dit").
    pub verb: Option<Span>,
    /// Between quotation marks; `false` for direct speech told by an incise alone ("…,
    /// a indiqué le parquet.").
    pub marked: bool,
}

/// How the text presents an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventStatus {
    /// Told as a fact.
    Reported,
    /// Attributed or unverified: "reprochent à l'armée de bombarder", "aurait frappé".
    Alleged,
    /// A future act: "va demander", "se rendra".
    Planned,
    /// A promise or stated intention: "promet de", "s'engage à".
    Intended,
    /// Said not to have happened: "n'a pas condamné".
    Negated,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Reported => "reported",
            EventStatus::Alleged => "alleged",
            EventStatus::Planned => "planned",
            EventStatus::Intended => "intended",
            EventStatus::Negated => "negated",
        }
    }
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventActor {
    /// CAMEO actor code at the event date: "FRAGOV", "RUSMIL", "WST", "IMGMUSISI", "FRA".
    pub code: String,
    /// Index into [`Document::entities`], when the actor is a linked entity (a demonym such as
    /// "russes" in "les bombardements russes" gives a code without an entity).
    pub entity: Option<usize>,
    /// The words that name the actor in the sentence.
    pub span: Span,
    /// ISO 3166 alpha-3 country the actor belongs to, when known.
    pub country: Option<String>,
    /// CAMEO agent (GOV, MIL, REB…), when known.
    pub role: Option<String>,
}

/// Where an event happened: a place entity of the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPlace {
    /// Index into [`Document::entities`].
    pub entity: usize,
    pub span: Span,
}

/// A coded event: actor 1 does `code` to actor 2, supported by the words of `span`.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The full CAMEO code ("0212", "042", "195").
    pub code: String,
    pub actor1: EventActor,
    pub actor2: Option<EventActor>,
    pub status: EventStatus,
    /// TIMEX3-style value of the event date ("2015-11-26"), from a time expression of the
    /// sentence or, failing that, the publication date; `None` when neither is known.
    pub date: Option<String>,
    /// The time expression that gave the date, when one did.
    pub date_span: Option<Span>,
    pub place: Option<EventPlace>,
    /// The sentence that supports the event.
    pub span: Span,
    /// The words that triggered it ("va demander", "visite", "a annulé").
    pub trigger: Span,
    /// The dictionary entry that fired: "demander: * à $T de frapper (data/fr/events/verbs.txt:120)".
    pub pattern: String,
    pub score: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(sentence: usize, head: Option<usize>) -> Word {
        Word {
            token: 0,
            sentence,
            form: String::new(),
            lemma: String::new(),
            upos: String::new(),
            feats: "_".into(),
            head,
            deprel: "dep".into(),
        }
    }

    #[test]
    fn dependents_are_each_words_children_in_text_order() {
        // Sentence 0: 1 is the root, 0 and 2 hang on it, 3 on 2; sentence 1: 5 on 4.
        let words = [
            word(0, Some(1)),
            word(0, None),
            word(0, Some(1)),
            word(0, Some(2)),
            word(1, None),
            word(1, Some(4)),
        ];
        let d = Dependents::new(&words);
        assert_eq!(d.of(1), &[0, 2]);
        assert_eq!(d.of(2), &[3]);
        assert_eq!(d.of(4), &[5]);
        assert!(d.of(0).is_empty() && d.of(5).is_empty() && d.of(99).is_empty());
        assert!(Dependents::new(&[]).of(0).is_empty());
    }
}
