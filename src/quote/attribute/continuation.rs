//! Speech that goes on: a quotation with no verb of saying of its own that continues what
//! was said just before, by the speaker of the quotation before it or by the subject of a
//! sentence of reported speech.

use super::{Context, Who};
use crate::document::{BlockKind, Span, TokenKind};
use crate::quote::marks::Extent;

/// How many sentences after a quotation with a speaker a quotation that opens its sentence
/// without one continues its speech.
const CONTINUATION_SENTENCES: usize = 2;

impl Context<'_> {
    /// The speaker of the quotation just before: when this one opens its sentence and
    /// follows within [`CONTINUATION_SENTENCES`], in the same paragraph, or at the head of
    /// the paragraph right after that quotation's (speech that goes on: "« … »,
    /// explique-t-il. « … »"; a quotation that continues in the next paragraph); when it
    /// stands inside its sentence, only in the same paragraph (the conventions' speech that
    /// goes on in its paragraph: "…, a souligné X. Figurent aussi des individus issus « des
    /// rangs de l'ultra droite »").
    pub(super) fn continued(&self, e: &Extent) -> Option<Span> {
        let opens = self.opens_sentence(e)?;
        let here = *self.tok_sent.get(e.open)?;
        let &(o, span) = self.found.last()?;
        let there = *self.tok_sent.get(o)?;
        if there > here {
            return None;
        }
        let block = |s: usize| self.sentence_blocks.get(s).copied();
        let opens_paragraph = here == 0 || block(here - 1) != block(here);
        let next_paragraph = block(here)
            .zip(block(there))
            .is_some_and(|(b, a)| b == a + 1);
        let same_paragraph = block(here).is_some() && block(here) == block(there);
        let continues = if opens {
            here - there <= CONTINUATION_SENTENCES
                || same_paragraph
                || (opens_paragraph && next_paragraph)
        } else {
            same_paragraph
        };
        continues.then_some(span)
    }

    /// The subject of the sentence just before, in the same paragraph, when its verb is a
    /// verb of saying and it holds no quotation: a quotation that opens its sentence with no
    /// verb of its own goes on with what that subject said ("Le député assure n'avoir pas
    /// voulu de dons. « Je ne veux pas de dons qui puissent m'enchaîner. »").
    pub(super) fn said_before(&self, e: &Extent) -> Option<Span> {
        let opens = self.opens_sentence(e)?;
        let here = *self.tok_sent.get(e.open)?;
        if !opens || here == 0 {
            return None;
        }
        let (range, kind) = self.sentences.get(here - 1)?;
        let same_paragraph = self.sentence_blocks.get(here - 1) == self.sentence_blocks.get(here);
        if *kind != BlockKind::Paragraph || !same_paragraph || range.clone().any(|t| self.quoted[t])
        {
            return None;
        }
        let (who, verb) = self.sentence_subject(range.clone(), range.end)?;
        self.verb_forward(verb, range.end).filter(|m| !m.prep)?;
        self.resolve(who, verb)
    }

    /// The subject of the sentence right after a quotation that makes a whole sentence
    /// and opens its paragraph, in that paragraph, when that subject is a named person or organisation: the
    /// lead quotation of a story, whose speaker the next sentence introduces ("« Je vous
    /// présente mes excuses ». La présidente de la Commission, Ursula von der Leyen, …").
    pub(super) fn said_after(&self, e: &Extent) -> Option<Span> {
        if !self.opens_sentence(e)? {
            return None;
        }
        let here = *self.tok_sent.get(e.open)?;
        let (range, _) = self.sentences.get(here)?;
        let close = e.close?;
        if (close + 1..range.end).any(|t| self.tokens[t].kind != TokenKind::Punct) {
            return None;
        }
        let block = |s: usize| self.sentence_blocks.get(s).copied();
        let opens_paragraph = here == 0 || block(here - 1) != block(here);
        if !opens_paragraph {
            return None;
        }
        let (next, kind) = self.sentences.get(here + 1)?;
        if *kind != BlockKind::Paragraph
            || block(here + 1) != block(here)
            || next.clone().any(|t| self.quoted[t])
        {
            return None;
        }
        let (who, verb) = self.sentence_subject(next.clone(), next.end)?;
        match who {
            Who::Named(span) if self.names_someone(span) && self.may_speak(span) => {
                self.resolve(who, verb)
            }
            _ => None,
        }
    }

    /// Whether a quotation opens its sentence (a dash of dialogue may come before it).
    fn opens_sentence(&self, e: &Extent) -> Option<bool> {
        let sent = self.sentence(e.open)?;
        Some((sent.start..e.open).all(|t| self.is_punct(t, &["-", "–", "—"])))
    }
}
