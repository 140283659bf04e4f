//! Numbers whose counted noun is written elsewhere in the sentence, and counts of none.
//!
//! A bare number is no count (see the parent module), except where the sentence says what it
//! counts in another place. Each construction is read by its own function:
//! - **A range:** the first number takes the noun of the second, "de 35.000 à 70.000
//!   dollars", "entre 20.000 et 25.000 euros", "Quatre à six canadairs".
//! - **A part:** "Trois des sept pompiers blessés", "Vingt-huit des 209 migrants": the first
//!   number counts some of the second's noun. Its kind comes from its own verb when it has one
//!   ("ont été testés positifs"), else from the whole.
//! - **A total:** a number after "à" that a toll or a total reaches, "portant le bilan des
//!   morts à 6.733", "le nombre total des patients à 110.767". The noun after "bilan",
//!   "nombre" or "total" is the counted noun; a toll with no noun counts deaths.
//!   The amount of a change of such a total counts the same: "le nombre de foyers a augmenté
//!   de 40 en 24 heures, à 346".
//! - **Among:** people counted among a group of victims take its kind: "Parmi les personnes
//!   décédées, quatre Français ont été identifiés", "Quatre Français parmi les victimes".
//! - **None:** "aucun blessé", "aucune victime" count zero victims. Only nouns of victims count
//!   so, since "aucun doute" or "aucune preuve" count nothing.
//!
//! The words live in `data/fr/count/context.txt` (classes `range`, `part`, `total`, `change`,
//! `among`, `none`).

use super::lexicon::{normalize, Scan};
use super::Counter;
use crate::document::token_word_range;
use crate::document::{Count, CountKind, Span, TokenKind};
use crate::number::number_at;

/// How many tokens back from the "à" of a total its measure noun ("bilan") may stand.
const TOTAL_REACH: usize = 20;

/// What a bare number borrows: its kind and the span of the counted noun, if any.
pub(super) struct Borrowed {
    pub kind: CountKind,
    pub unit: Option<Span>,
}

impl Counter {
    /// The kind and noun of a bare number whose first token is `i`, at tokens `first..end`
    /// (`first` includes its qualifier), read from a range, a part or a total.
    pub(super) fn borrowed(
        &self,
        scan: &mut Scan,
        i: usize,
        first: usize,
        end: usize,
        floor: usize,
    ) -> Option<Borrowed> {
        self.range_or_part(scan, i, first, end)
            .or_else(|| self.total(scan, first, floor))
    }

    /// "de 35.000 à 70.000 dollars", "Trois des sept pompiers": the count that starts after
    /// the joining word at `end`, and the kind it passes on.
    fn range_or_part(
        &self,
        scan: &mut Scan,
        i: usize,
        first: usize,
        end: usize,
    ) -> Option<Borrowed> {
        if !scan.inside(end) {
            return None;
        }
        let joint = scan.low(end).to_string();
        let ranged = match joint.as_str() {
            // "et" joins a range only after "entre": "deux et trois" stays two numbers.
            "et" => first > scan.start && scan.is(first - 1, "entre"),
            w => self.lex.range.contains(w),
        };
        let part = !ranged && self.lex.part.contains(joint.as_str());
        if !ranged && !part {
            return None;
        }
        let mut next = end + 1;
        // A determiner between: "deux de ses occupants"; "de" needs one, "des" is one.
        if part && scan.inside(next) && self.lex.anaphora.contains(scan.low(next)) {
            next += 1;
        } else if part && joint == "de" {
            return None;
        }
        if !scan.inside(next) || !self.may_start_number(scan, next) {
            return None;
        }
        let number = number_at(scan.text, scan.tokens, next, scan.end, &self.lang)?;
        let (whole, _) = self.count(scan, &number, next, None)?;
        let unit = whole.unit?;
        if ranged {
            return Some(Borrowed {
                kind: whole.kind,
                unit: Some(unit),
            });
        }
        let own = self.kind_of_governor(scan, (i, i), first, true, true);
        Some(Borrowed {
            kind: own.unwrap_or(whole.kind),
            unit: Some(unit),
        })
    }

    /// The kind of the toll or total that a count of people reaches after "à" ("portant le
    /// nombre de morts à 30.513 personnes").
    pub(super) fn total_reached(
        &self,
        scan: &mut Scan,
        first: usize,
        floor: usize,
    ) -> Option<CountKind> {
        let at = first.checked_sub(1)?;
        if !scan.inside(at) || !scan.is(at, "à") {
            return None;
        }
        self.total(scan, first, floor).map(|b| b.kind)
    }

    /// "portant le bilan national des morts à 6.733": a number after "à" whose toll or total
    /// stands before it in the sentence.
    fn total(&self, scan: &mut Scan, first: usize, floor: usize) -> Option<Borrowed> {
        let at = first
            .checked_sub(1)
            .filter(|&a| a >= floor.max(scan.start))?;
        // "… a augmenté de 40": the amount of a change of the total.
        let change = (scan.is(at, "de") || scan.is(at, "d'"))
            && at > 0
            && token_word_range(scan.words, at - 1)
                .next()
                .is_some_and(|w| self.lex.change.contains(&normalize(&scan.words[w].lemma)));
        if !scan.is(at, "à") && !change {
            return None;
        }
        let reach = at.saturating_sub(TOTAL_REACH).max(scan.start);
        let measure = (reach..at)
            .rev()
            .find(|&k| self.lex.total.contains(scan.low(k)))?;
        // The measure's "de" noun, after up to two adjectives: "le nombre total des patients".
        let mut k = measure + 1;
        let mut skipped = 0;
        while skipped < 2 && k < at && !matches!(scan.low(k), "de" | "des" | "d'" | "du") {
            if scan.tokens[k].kind != TokenKind::Word {
                return None;
            }
            k += 1;
            skipped += 1;
        }
        let of = k < at && matches!(scan.low(k), "de" | "des" | "d'" | "du");
        if !of {
            // A toll with no noun counts deaths: "le bilan s'élève à 12".
            return scan.is(measure, "bilan").then_some(Borrowed {
                kind: CountKind::Kill,
                unit: None,
            });
        }
        let (noun, _) = self.noun(scan, k + 1, 2.0)?;
        let noun = noun?;
        if noun.tokens.1 > at {
            return None;
        }
        let unit = Span::new(
            scan.tokens[noun.tokens.0].span.start,
            scan.tokens[noun.tokens.1 - 1].span.end,
        );
        Some(Borrowed {
            kind: noun.kind.unwrap_or(CountKind::Other),
            unit: Some(unit),
        })
    }

    /// The kind of a group of victims that people counted at tokens `first..after` are among:
    /// "parmi les victimes" right after them, or fronted before them in the sentence.
    pub(super) fn kind_among(
        &self,
        scan: &mut Scan,
        floor: usize,
        first: usize,
        after: usize,
    ) -> Option<CountKind> {
        let from = floor.max(scan.start);
        let among = if scan.inside(after) && self.lex.among.contains(scan.low(after)) {
            after
        } else {
            (from..first).find(|&k| self.lex.among.contains(scan.low(k)))?
        };
        let mut k = among + 1;
        if scan.inside(k) && self.lex.anaphora.contains(scan.low(k)) {
            k += 1;
        }
        let (noun, _) = self.noun(scan, k, 2.0)?;
        let noun = noun?;
        noun.kind
            .or_else(|| self.kind_after(scan, noun.tokens.1, true, false, true))
            .filter(|&kind| super::is_victim(kind))
    }

    /// "aucun blessé", "aucune victime": a count of zero victims at token `i`, and the token
    /// after it.
    pub(super) fn none_at(&self, scan: &mut Scan, i: usize) -> Option<(Count, usize)> {
        if !scan.inside(i) || !self.lex.none.contains(scan.low(i)) {
            return None;
        }
        let (noun, _) = self.noun(scan, i + 1, 1.0)?;
        let noun = noun?;
        let kind = noun.kind.filter(|&k| super::is_victim(k))?;
        let tokens = scan.tokens;
        let unit = Span::new(
            tokens[noun.tokens.0].span.start,
            tokens[noun.tokens.1 - 1].span.end,
        );
        Some((
            Count {
                span: Span::new(tokens[i].span.start, unit.end),
                kind,
                number: 0.0,
                qualifier: None,
                unit: Some(unit),
                number_span: tokens[i].span,
                part_of: None,
            },
            noun.tokens.1,
        ))
    }
}
