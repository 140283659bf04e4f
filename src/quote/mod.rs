//! Quotations and their speakers: adds the `quotes` layer. Requires `blocks`, `tokens`,
//! `sentences`.
//!
//! **What it finds.** Words between quotation marks — « », “ ”, ‹ › and straight " — however
//! short: a whole paragraph of speech, or a fragment inside a sentence ("avaient convenu
//! "d'intensifier" et "coordonner"" gives two quotes). Marks are read from the token layer
//! ([`marks`]): a stack pairs them, the outermost pair makes the quotation, and anything
//! nested inside (‹ › or “ ” in « ») is part of its text. Straight quotes open or close by
//! their position (glued to the word after or before), by parity when that does not decide.
//! A quotation may run over several sentences and paragraphs: a paragraph that reopens with
//! the same mark, or whose first mark of that family closes, continues it; a quotation that
//! never closes ends with its paragraph (the last one it continued into). Empty quotes
//! (« »), stray marks, and short capitalised quotes right after a word that introduces a
//! title or a name (`data/fr/quote/title-words.txt`: le film "Intouchables", l'opération
//! "Barkhane", baptisée "Chammal") are not reported. The span is the quoted words without
//! the outer marks, from the first token inside to the last.
//!
//! **Direct speech without marks** (`attribute`'s `unmarked`): a sentence of a paragraph,
//! with no quotation mark in it, that ends with an incise — a comma, then a verb of saying
//! with its inverted subject or clitic and only complements after it ("…, a indiqué lundi le
//! parquet.", "…, a-t-elle précisé.") — is a quotation with `marked: false`: its words run from
//! the sentence's first word to that comma (four words at least), its speaker is the incise's
//! subject. An observation or a source ("a constaté l'AFP", "a-t-on appris", the
//! `observation` forms of `speech-verbs.txt`), an incise without a speaker, or a clause after
//! the incise make none. The event coder reads such a sentence as narration, not quotation.
//!
//! **Who said it** ([`attribute`]), rules tried in order, each within the quote's sentence:
//! - (a) after the quote, behind a comma or the quote's own final punctuation: a verb of
//!   saying (after a comma, any verb with its subject clitic inverted: "« … », a-t-elle
//!   développé") then its speaker — `« … », a déclaré X à …`, `« … », déclare X`, `« … », selon X`,
//!   `« … », pour X`; or an inverted verb — `« … », a-t-il dit`, `dit-elle`, `ont-ils affirmé`;
//!   the speaker may come after the verb's complements (`attribute`'s `inverted`: `« … », a
//!   expliqué à l'AFP X`, `avait déclaré plus tôt dans la matinée le ministre`);
//! - (b) before the quote: `X a déclaré : « … »`, `X a estimé que « … »`, `X a déclaré à
//!   l'AFP : « … »`, and a preposition opening the clause: `Selon X, « … »`, `Pour X, « … »`;
//! - "X : « … »": a sentence that opens with a person's or organisation's name and a colon;
//! - on the dependency tree of the syntax layer ([`attribute`]'s `tree`), when the rules
//!   above found no speaker: a verb after the quote that hangs on a word inside it (an
//!   incise, "« … », ont décrit les pompiers", whatever words stand between), else the verb
//!   the quote hangs on, or the nearest verb of saying above it ("X critique les
//!   « ayatollahs »", "Pékin …, affirmant que la loi entend réprimer le « séparatisme »"); the
//!   speaker is that verb's subject, a passive's agent, the noun a relative "qui" stands for,
//!   or the subject of the verb a participle or conjunct depends on; a noun after a verb of
//!   saying that follows its quote is its inverted subject even when parsed as an object. A
//!   verb that is not one of saying attributes only to a pronoun or a mention, never to a
//!   subject that holds the quote;
//! - an incise that closes the sentence, with words between the quote and it: a comma, a
//!   verb of saying, its inverted subject, then the sentence's end, punctuation or a
//!   complement ("… une « fuite en avant » plus qu'une fin en soi, souligne X", "… « une
//!   crise majeure » pour la droite, a lancé X aux députés");
//! - (c) inside a sentence (the quote does not open it): the sentence's subject, the words
//!   from its start to its first finite verb or auxiliary (`Les deux dirigeants avaient
//!   alors convenu "d'intensifier"` → "Les deux dirigeants"); the verb is that finite verb
//!   only when it is one of saying (`Le ministre a dénoncé une "provocation"` → "a
//!   dénoncé"), so the seed's fragments carry no verb ("convenir" is agreeing, not saying);
//! - a verb of saying that closes the sentence goes before a governor that is not one;
//! - a quote that opens its sentence with no speaker and no verb continues the speech of
//!   the quote with a speaker just before it (two sentences at most: "« … », explique-t-il.
//!   « … »", or anywhere in the same paragraph, or at the head of the next one); a quote
//!   inside its sentence with no speaker and no verb continues it only within the same
//!   paragraph ("…, a souligné X. Figurent aussi des individus issus « des rangs … »"); a
//!   quote alone in its sentence after reported speech goes on with that speech's subject
//!   (`attribute`'s `continuation`); a quote of the title or a subheading with no speaker
//!   takes the speaker of the body quote that holds most of its words;
//! - (d) otherwise no speaker and no verb.
//!
//! The speaker is the name or noun phrase only (`attribute`'s `noun_phrase`): a phrase stops at punctuation, prepositions,
//! conjunctions and verbs (`data/fr/quote/speaker-words.txt`); when it ends with a run of
//! capitalised words, that run is the speaker, the first word dropped when it follows "de"
//! ("le ministre français de la Défense Jean-Yves Le Drian" → "Jean-Yves Le Drian"); without a
//! name, a phrase opened by a determiner is the speaker as a whole ("les deux dirigeants", "le
//! ministre de l'Intérieur"). A pronoun ("a-t-il dit", "selon lui", "Il a déclaré :") stands
//! for its antecedent (`attribute`'s `antecedent`): a mention of a person or organisation
//! that agrees with it in gender and number, searched sentence by sentence back over the
//! last few: the speaker of an earlier quote, else the sentence's subject, else the nearest
//! person it names; a person anywhere in those sentences goes before an organisation, and the
//! title is read when the search reaches the story's start; a sentence whose subject is the
//! same pronoun passes the search on to the one before without counting. "on" names nobody: the verb stays, the
//! speaker is null.
//!
//! The verb span is the contiguous words of saying as written: auxiliary to participle
//! ("a déclaré", "a-t-il dit" with its clitic, which sits in between), the verb alone when
//! the clitic follows it ("dit" of "dit-il"), the preposition ("selon", "d'après"). Verbs,
//! auxiliaries and prepositions come from `data/fr/quote/speech-verbs.txt`. `Speaker.mention`
//! and `Speaker.entity` are filled by [`crate::link::attach_speakers`] right after.
//!
//! **The design choice that matters: one quotation, one span, whatever its length.** A
//! quotation over several paragraphs is one `Quote` whose span runs from its first word to
//! its last, the paragraph breaks and reopening marks inside it included, rather than one
//! quote per paragraph. Attribution in French news sits once per quotation — often after the
//! last paragraph (`…», a-t-il ajouté`) or before the first — so splitting would leave pieces
//! without speaker or repeat the guess; and the span stays evidence: `&text[span]` is every
//! word the speaker said, in order, nothing lost. The price is that a quote's text may hold a
//! reopening « or a line break, which a consumer reading it as prose must skip.
//!
//! Cost: the word lists are hashed once in [`Quoter::new`]; a document costs one pass over
//! its tokens for the marks plus a bounded look around each quotation.

mod attribute;
mod lexicon;
mod marks;

use crate::document::{BlockKind, Document, Quote, Span, Speaker};
use crate::lang::LangData;

/// The quote stage, built once per pipeline.
#[derive(Debug, Clone)]
pub struct Quoter {
    lex: lexicon::Lexicon,
}

impl Quoter {
    /// Builds the stage for a language; only French has lists, other languages get them too
    /// (the marks are the same, the verbs simply never match).
    pub fn new(_lang: &LangData) -> Result<Quoter, crate::lang::conjugation::ConjugationError> {
        Ok(Quoter {
            lex: lexicon::Lexicon::french()?,
        })
    }

    /// Adds the `quotes` layer, in text order. Requires `blocks`, `tokens`, `sentences`.
    pub fn annotate(&self, doc: &mut Document) {
        let extents = marks::extents(&doc.text, &doc.blocks, &doc.tokens);
        let mut quotes = Vec::with_capacity(extents.len());
        {
            let mut ctx = attribute::Context::new(doc, &self.lex, &extents);
            // Marked and unmarked quotations in text order, so that speech that goes on
            // follows the speaker of the quotation just before, with marks or without.
            let unmarked = ctx.unmarked();
            let mut unmarked = unmarked.iter().peekable();
            let push = |quotes: &mut Vec<Quote>,
                        inner: &std::ops::Range<usize>,
                        a: attribute::Attribution,
                        marked: bool| {
                quotes.push(Quote {
                    span: Span::new(
                        doc.tokens[inner.start].span.start,
                        doc.tokens[inner.end - 1].span.end,
                    ),
                    speaker: a.speaker.map(|span| Speaker {
                        span,
                        mention: None,
                        entity: None,
                    }),
                    verb: a.verb,
                    marked,
                });
            };
            for e in &extents {
                while let Some(u) = unmarked.next_if(|u| u.inner.start < e.open) {
                    ctx.record_unmarked(u);
                    push(&mut quotes, &u.inner, u.attribution, false);
                }
                if ctx.is_title(e) {
                    continue;
                }
                let a = ctx.attribute(e);
                push(&mut quotes, &e.inner, a, true);
            }
            for u in unmarked {
                ctx.record_unmarked(u);
                push(&mut quotes, &u.inner, u.attribution, false);
            }
        }
        share_within_sentence(doc, &mut quotes);
        share_with_headline(doc, &mut quotes);
        doc.quotes = quotes;
    }
}

/// A quotation left without a speaker takes the speaker of the nearest other quotation of its
/// sentence that has one: the fragments of one speech ("…, a déclaré X, saluant son « rôle
/// crucial »"; "« Nous l'avons laissé libre » de ses sujets, mais « la règle … »").
fn share_within_sentence(doc: &Document, quotes: &mut [Quote]) {
    let sentence_of = |span: Span| sentence_at(doc, span);
    // The sentences each quotation runs over: one may open a sentence before its fragment's
    // ("« … La seconde vague est là », souligne-t-il, ajoutant que … « un mois compliqué »").
    let sentences: Vec<(usize, usize)> = quotes
        .iter()
        .map(|q| {
            let last = Span::new(q.span.end.saturating_sub(1), q.span.end);
            (sentence_of(q.span), sentence_of(last))
        })
        .collect();
    let given: Vec<Option<Speaker>> = quotes.iter().map(|q| q.speaker.clone()).collect();
    for (i, q) in quotes.iter_mut().enumerate() {
        if q.speaker.is_some() {
            continue;
        }
        let here = sentences[i].0;
        let nearest = (0..given.len())
            .filter(|&j| j != i && given[j].is_some())
            .filter(|&j| sentences[j].0 <= here && here <= sentences[j].1)
            .min_by_key(|&j| j.abs_diff(i));
        if let Some(j) = nearest {
            q.speaker = given[j].clone();
        }
    }
}

/// The index of the sentence a span starts in (the number of sentences when none).
fn sentence_at(doc: &Document, span: Span) -> usize {
    doc.sentences
        .partition_point(|s| s.span.end <= span.start)
        .min(doc.sentences.len())
}

/// The lower-cased words of a quotation, for comparing a headline's with the body's.
fn quoted_words(doc: &Document, span: Span) -> Vec<String> {
    doc.text
        .get(span.range())
        .unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// At least this share of a headline quotation's words must be in a quotation of the body for
/// the body's speaker to be the headline's.
const HEADLINE_COVERAGE: f64 = 0.8;

/// A quotation of the title or a subheading with no speaker repeats one of the body: it takes
/// the speaker of the body quotation that holds most of its words ("« Les autorités étaient au
/// courant »" over "« Il paraît clair que les autorités étaient au courant … », affirme le
/// quotidien Liberté").
fn share_with_headline(doc: &Document, quotes: &mut [Quote]) {
    let kinds: Vec<Option<BlockKind>> = quotes
        .iter()
        .map(|q| {
            doc.sentences
                .get(sentence_at(doc, q.span))
                .and_then(|s| doc.blocks.get(s.block))
                .map(|b| b.kind)
        })
        .collect();
    let body: Vec<(Vec<String>, Speaker)> = quotes
        .iter()
        .zip(&kinds)
        .filter(|(_, kind)| **kind == Some(BlockKind::Paragraph))
        .filter_map(|(q, _)| Some((quoted_words(doc, q.span), q.speaker.clone()?)))
        .collect();
    for (q, kind) in quotes.iter_mut().zip(&kinds) {
        if q.speaker.is_some() || !matches!(kind, Some(BlockKind::Title | BlockKind::Subheading)) {
            continue;
        }
        let words = quoted_words(doc, q.span);
        if words.is_empty() {
            continue;
        }
        let best = body
            .iter()
            .map(|(said, speaker)| {
                let held = words.iter().filter(|w| said.contains(w)).count();
                (held as f64 / words.len() as f64, speaker)
            })
            .filter(|(coverage, _)| *coverage >= HEADLINE_COVERAGE)
            .fold(None::<(f64, &Speaker)>, |best, (c, s)| match best {
                Some((b, _)) if b >= c => best,
                _ => Some((c, s)),
            });
        if let Some((_, speaker)) = best {
            q.speaker = Some(speaker.clone());
        }
    }
}
