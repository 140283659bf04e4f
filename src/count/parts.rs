//! Counts that are parts of another count in their sentence: sub-counts after "dont", a
//! breakdown after "(" or ":" ("22 morts (21 touristes et un policier)"), and bare numbers that
//! go on from the count before them with their noun left out ("26.991 décès, 17.003 dans les
//! hôpitaux").

use super::lexicon::Scan;
use super::{scan_start, Counter};
use crate::document::{Count, CountKind};

/// What opens the breakdown of the count right before it: "22 morts (21 touristes …)",
/// "huit morts: deux Nigériens …", "quatre morts - deux pompiers …".
const BREAKDOWN_OPENERS: [&str; 5] = ["(", ":", "-", "–", "—"];

impl Counter {
    /// Whether the count starting at token `first` breaks down the count `previous`: after
    /// "dont", or after an opening parenthesis, a colon or a dash that follows it right away
    /// ("un bilan de quatre morts - deux pompiers et deux civils -").
    pub(super) fn breaks_down(
        &self,
        scan: &mut Scan,
        first: usize,
        previous: Option<&Count>,
    ) -> bool {
        let Some(before) = first.checked_sub(1).filter(|&b| b >= scan.start) else {
            return false;
        };
        match scan.low(before) {
            "dont" => true,
            low if BREAKDOWN_OPENERS.contains(&low) => previous.is_some_and(|p| {
                before
                    .checked_sub(1)
                    .filter(|&b| b >= scan.start)
                    .is_some_and(|b| scan.tokens[b].span.end == p.span.end)
            }),
            _ => false,
        }
    }

    /// The count a sub-count is part of: the count just before it in its sentence when "dont"
    /// introduces it ("39 morts, dont trois enfants", "140.227 cas, dont 708 supplémentaires")
    /// or an opening parenthesis, a colon or a dash right after it, and the same whole for a sub-count
    /// that goes on from another after "et" or a comma ("dont trois enfants et deux femmes").
    pub(super) fn whole_of(&self, scan: &mut Scan, count: &Count, out: &[Count]) -> Option<usize> {
        let first = scan
            .tokens
            .partition_point(|t| t.span.start < count.span.start);
        let before = first.checked_sub(1).filter(|&b| b >= scan.start)?;
        let last = out.len().checked_sub(1)?;
        let previous = &out[last];
        if previous.span.start < scan_start(scan) {
            return None;
        }
        let touching = before
            .checked_sub(1)
            .and_then(|b| scan.tokens.get(b))
            .is_some_and(|t| t.span.end == previous.span.end);
        match scan.low(before) {
            "dont" => Some(last),
            // "22 morts (21 touristes et un policier)", "huit morts: deux Nigériens…".
            low if touching && BREAKDOWN_OPENERS.contains(&low) => Some(last),
            // The sub-count before ends right before the conjunction.
            "et" | "," if touching => previous.part_of,
            _ => None,
        }
    }

    /// The kind of a bare number that goes on from the count before it in its sentence, the
    /// counted noun left out: after a comma, "et", "dont", "soit" or an opening parenthesis
    /// ("26.991 décès, 17.003 dans les hôpitaux et 9.988 dans les établissements", "30.606
    /// personnes sont décédées, soit quatre de plus", "32.877 morts (92 lundi)"). `first` is
    /// the number's first token (or its qualifier's), `end` the token after it.
    pub(super) fn elliptical(
        &self,
        scan: &mut Scan,
        first: usize,
        end: usize,
        previous: Option<CountKind>,
    ) -> Option<CountKind> {
        let before = first.checked_sub(1).filter(|&p| p >= scan.start)?;
        // "(38)" alone in its parentheses is a code or a reference ("Isère (38)"), not a part.
        let closes = scan.inside(end) && scan.is(end, ")");
        let low = scan.low(before);
        let alone = low == "(" && closes;
        (matches!(low, "," | "et" | "dont" | "soit" | "(") && !alone)
            .then_some(previous)
            .flatten()
    }
}
