//! Times of day (TIMEX3 TIME): clock times ("22 h 30", "vers 18 h", "8 h du soir") and
//! parts of the day, alone ("la nuit") or after a day ("hier soir", "lundi en soirée").
//!
//! A clock time or a part of the day names no day of its own: it takes the last day the
//! article mentioned, or the publication date before any (`Context::anchor`), unless a day
//! follows it ("vers 15 h 30, hier").

use super::resolve;
use super::{Context, Day, Found, Sent, TimeTagger};
use crate::document::TimexType;

impl TimeTagger {
    /// After a day: a part of the day ("soir") makes it a TIME. A clock time stays an
    /// expression of its own ("mardi" DATE, "21 h 45" TIME on that Tuesday), as in TimeBank.
    pub(super) fn day_suffix(&self, s: &Sent, mut f: Found, day: &Day) -> Found {
        // "la veille au soir", "lundi en soirée"
        let j = if matches!(s.word(f.end), "au" | "en") {
            f.end + 1
        } else {
            f.end
        };
        if let Some(code) = self
            .data
            .parts_of_day
            .get(s.word(j))
            .filter(|c| !c.contains(':'))
        {
            f.end = j + 1;
            f.kind = TimexType::Time;
            f.value = format!("{}{}", day.value(), code);
        }
        f
    }

    /// "22 h 30", "18 h", "22 heures", "midi" → "T22:30" and the end of the clock time.
    fn clock_at(&self, s: &Sent, j: usize) -> Option<(usize, String)> {
        if let Some(code) = self
            .data
            .parts_of_day
            .get(s.word(j))
            .filter(|c| c.starts_with("T") && c.contains(':'))
        {
            return Some((j + 1, code.clone()));
        }
        let h = s.int(j).filter(|h| (0..=24).contains(h))?;
        if !matches!(s.word(j + 1), "h" | "heures" | "heure") {
            return None;
        }
        let (mut end, m) = match s.int(j + 2).filter(|m| (0..60).contains(m)) {
            Some(m) if s.text[s.toks[j + 2].span.range()].len() == 2 => (j + 3, m),
            _ => (j + 2, 0),
        };
        // "8 h du soir" → 20:00; "3 heures du matin" stays 03:00.
        let mut h = h;
        match (s.word(end), s.word(end + 1), s.word(end + 2)) {
            ("du", "soir", _) | ("de", "la", "soirée") | ("de", "l'", "après-midi") => {
                if h < 12 {
                    h += 12;
                }
                end += if s.word(end + 1) == "soir" { 2 } else { 3 };
            }
            ("du", "matin", _) => end += 2,
            _ => {}
        }
        Some((end, format!("T{h:02}:{m:02}")))
    }

    /// A clock time on its own, on the last day mentioned: "vers 18 h", "à 21 h 45".
    pub(super) fn clock(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let approx = s.word(i) == "vers";
        let at = if approx { i + 1 } else { i };
        // "24 heures" is a clock time only after a word that introduces one.
        if matches!(s.word(at + 1), "heures" | "heure") {
            let before = if approx {
                "vers"
            } else {
                s.word(i.wrapping_sub(1))
            };
            if !matches!(
                before,
                "à" | "vers" | "dès" | "jusqu'à" | "avant" | "après" | "de" | "et" | "entre"
            ) {
                return None;
            }
        }
        if !s.is_number(at) && !matches!(s.word(at), "midi" | "minuit") {
            return None;
        }
        let (mut end, clock) = self.clock_at(s, at)?;
        let (mut day, mut resolved) = match ctx.anchor() {
            Some(d) => (resolve::day(d), true),
            None => ("XXXX-XX-XX".to_string(), false),
        };
        // "vers 15 h 30, hier": the day that follows is the clock time's day.
        if s.word(end) == "," {
            if let Some(f) = self
                .phrase(s, end + 1, ctx)
                .filter(|f| f.kind == TimexType::Date && f.day.is_some())
            {
                day = f.value;
                resolved = f.resolved;
                end = f.end;
            }
        }
        let f = Found::new(i, end, TimexType::Time, format!("{day}{clock}"), "clock")
            .relative(resolved);
        Some(f.with_mod(approx.then_some("APPROX")))
    }

    /// "la nuit", "la soirée", "le matin": a part of the last day mentioned.
    pub(super) fn part_of_day(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        if !matches!(s.word(i), "la" | "le" | "l'") {
            return None;
        }
        let code = self
            .data
            .parts_of_day
            .get(s.word(i + 1))
            .filter(|c| !c.contains(':'))?;
        if s.word(i + 2) == "de" || s.word(i + 2) == "du" || s.word(i + 2) == "d'" {
            // "la nuit de samedi à dimanche", "le matin du 12": left to the date rules.
            return None;
        }
        let (day, resolved) = match ctx.anchor() {
            Some(d) => (resolve::day(d), true),
            None => ("XXXX-XX-XX".to_string(), false),
        };
        Some(
            Found::new(
                i,
                i + 2,
                TimexType::Time,
                format!("{day}{code}"),
                "part_of_day",
            )
            .relative(resolved),
        )
    }
}
