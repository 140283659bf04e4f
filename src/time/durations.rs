//! Durations (TIMEX3 DURATION) and the dates counted from one. A duration is a number and a
//! unit ("quatre ans et demi" → P4Y6M, "30,4 secondes" → PT30.4S) or a vague quantity of
//! units ("plusieurs jours" → PXD), with its qualifier ("environ deux mois" → mod APPROX).
//! After "il y a" or "dans" it becomes a date, that far before or after the publication
//! date ("il y a trois ans" → 2012).

use super::lexicon::Unit;
use super::resolve;
use super::{Context, Found, Sent, TimeTagger};
use crate::document::TimexType;
use crate::number::{number_at, Exactness};

impl TimeTagger {
    /// A duration at `i`: [qualifier] number unit [et demi], or a vague quantity of units.
    /// Returns the found expression and the unit, for "il y a" / "dans".
    fn duration_parts(&self, s: &Sent, i: usize) -> Option<(Found, Unit, Option<f64>)> {
        let (modifier, q) = match (s.word(i), s.word(i + 1)) {
            ("environ" | "presque" | "quelque", _) => (Some("APPROX"), 1),
            ("près", "de" | "d'") => (Some("APPROX"), 2),
            ("plus", "de" | "d'") => (Some("MORE_THAN"), 2),
            ("moins", "de" | "d'") => (Some("LESS_THAN"), 2),
            ("au", "moins") => (Some("EQUAL_OR_MORE"), 2),
            _ => (None, 0),
        };
        let at = i + q;
        // Vague: "plusieurs jours", "quelques mois", "des années".
        if matches!(
            s.word(at),
            "plusieurs" | "quelques" | "des" | "nombreuses" | "nombreux"
        ) {
            let unit = *self
                .data
                .units
                .get(s.word(at + 1))
                .filter(|_| s.word(at + 1).ends_with(['s', 'x']) || s.word(at + 1) == "mois")?;
            let t = if unit.clock { "T" } else { "" };
            let value = format!("P{t}X{}", unit.designator);
            let f =
                Found::new(i, at + 2, TimexType::Duration, value, "duration").with_mod(modifier);
            return Some((f, unit, None));
        }
        let number = number_at(s.text, s.toks, at, s.toks.len(), &self.lang)?;
        if number.exactness != Exactness::Exact || number.value <= 0.0 || number.value > 10000.0 {
            return None;
        }
        let local = number.tokens.clone();
        let mut unit_at = local.end;
        // "les trois derniers jours", "les deux prochaines semaines"
        if Self::direction_word(s, unit_at).is_some() {
            unit_at += 1;
        }
        let unit = *self.data.units.get(s.word(unit_at))?;
        let mut end = unit_at + 1;
        if matches!(
            s.word(end),
            "passés" | "passées" | "suivants" | "suivantes" | "écoulés" | "écoulées"
        ) {
            end += 1;
        }
        let mut amount = number.value * unit.multiple;
        let mut designator = unit.designator;
        let mut clock = unit.clock;
        let mut extra = String::new();
        // "quatre ans et demi" → P4Y6M; "une heure et demie" → PT1H30M.
        if s.word(end) == "et" && matches!(s.word(end + 1), "demi" | "demie") {
            end += 2;
            match (designator, clock) {
                ('Y', false) => extra = "6M".to_string(),
                ('H', true) => extra = "30M".to_string(),
                ('M', true) => extra = "30S".to_string(),
                ('D', false) => {
                    extra = "T12H".to_string();
                }
                _ => amount += 0.5 * unit.multiple,
            }
        }
        // Whole weeks of days stay in days; fractional years become months.
        if designator == 'Y' && amount.fract() != 0.0 && extra.is_empty() {
            amount *= 12.0;
            designator = 'M';
        }
        if designator == 'W' && amount.fract() != 0.0 {
            amount *= 7.0;
            designator = 'D';
            clock = false;
        }
        let t = if clock { "T" } else { "" };
        let value = format!("P{t}{}{designator}{extra}", resolve::quantity(amount));
        let f = Found::new(i, end, TimexType::Duration, value, "duration").with_mod(modifier);
        Some((f, unit, Some(number.value)))
    }

    pub(super) fn duration(&self, s: &Sent, i: usize) -> Option<Found> {
        self.duration_parts(s, i).map(|(f, _, _)| f)
    }

    /// "il y a trois ans" → DATE three years before publication; "dans deux mois" → DATE after.
    pub(super) fn ago_or_ahead(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let (sign, at, start) = match (s.word(i), s.word(i + 1), s.word(i + 2)) {
            ("il", "y", "a") => (-1i64, i + 3, i),
            ("dans", _, _) => (1, i + 1, i + 1),
            _ => return None,
        };
        let (duration, unit, n) = self.duration_parts(s, at)?;
        if duration.modifier.is_some() && sign > 0 {
            return None;
        }
        let end = duration.end;
        // "il y a quelques mois": a vague duration, as TimeBank tags it.
        let n = n?;
        let k = (n * unit.multiple).round() as i64 * sign;
        let Some(dct) = ctx.dct else {
            return Some(
                Found::new(start, end, TimexType::Date, "XXXX-XX-XX".to_string(), "ago")
                    .relative(false),
            );
        };
        let (date, value) = match (unit.designator, unit.clock) {
            ('Y', false) => {
                let d = resolve::shift(dct, k, 0, 0, 0)?;
                (d, resolve::year(d))
            }
            ('M', false) => {
                let d = resolve::shift(dct, 0, k, 0, 0)?;
                (d, resolve::month(d))
            }
            ('W', false) => {
                let d = resolve::shift(dct, 0, 0, k, 0)?;
                (d, resolve::iso_week(d))
            }
            ('D', false) => {
                let d = resolve::shift(dct, 0, 0, 0, k)?;
                (d, resolve::day(d))
            }
            _ => (dct, resolve::day(dct)),
        };
        let mut f = Found::new(start, end, TimexType::Date, value, "ago").relative(true);
        if unit.designator == 'D' && !unit.clock {
            f.day = Some(date);
        }
        Some(f.with_mod(duration.modifier))
    }
}
