//! Fixed phrases of `data/fr/time/lexicon.tsv` ("hier", "la veille", "la semaine
//! dernière", "ce week-end", "Noël"), and the evaluation of their values against the
//! context: `DCT-1D` counts from the publication date, `REF+1D` from the last day the article
//! mentioned, `:week`, `:month`, `:year` or a part of the day give the granularity, and
//! `MD:12-25` is a day of the year in the year nearest publication. The data keeps the values
//! symbolic so that all the arithmetic stays here, in one place.

use super::lexicon::Phrase;
use super::resolve::{self, Direction};
use super::{Context, Day, Found, Sent, TimeTagger};

impl TimeTagger {
    /// A fixed phrase from the lexicon, possibly followed by a weekday, part of day or clock.
    pub(super) fn phrase(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let candidates = self.data.phrases.get(s.word(i))?;
        let phrase: &Phrase = candidates.iter().find(|p| {
            p.tokens
                .iter()
                .enumerate()
                .all(|(k, w)| s.word(i + k) == w.as_str())
        })?;
        let end = i + phrase.tokens.len();
        let mut value = phrase.value.as_str();
        // "ce week-end" written on Monday to Thursday of a past-tense clause is the one just gone.
        if value == "DCT:weekend"
            && ctx
                .dct
                .is_some_and(|d| d.weekday().to_monday_one_offset() <= 4)
            && self.clause_direction(s, i) != Direction::Future
        {
            value = "DCT-1W:weekend";
        }
        let mut found = match evaluate(value, ctx) {
            Evaluated::Literal => Found::new(i, end, phrase.kind, value.to_string(), "phrase"),
            Evaluated::Day(day) => {
                let mut f = Found::new(i, end, phrase.kind, day.value(), "phrase")
                    .relative(matches!(day, Day::Known(_)));
                if let Day::Known(d) = day {
                    f.day = Some(d);
                }
                // "aujourd'hui vendredi", "hier soir", "hier à 10 h"
                let mut end = end;
                if self.data.weekdays.contains_key(s.word(end)) {
                    end += 1;
                }
                f.end = end;
                return Some(self.day_suffix(s, f, &day));
            }
            Evaluated::Other(v, resolved) => {
                Found::new(i, end, phrase.kind, v, "phrase").relative(resolved)
            }
        };
        found = found.with_mod(phrase.modifier);
        Some(found)
    }
}

/// "12-25" or "12-24:TEV": a fixed day of the year in the year nearest the publication date.
fn fixed_day(md: &str, ctx: &Context) -> Evaluated {
    let (md, part) = match md.split_once(':') {
        Some((md, part)) => (md, Some(part)),
        None => (md, None),
    };
    let mut fields = md.split('-').map(|f| f.parse::<i8>().ok());
    let (Some(Some(m)), Some(Some(d))) = (fields.next(), fields.next()) else {
        return Evaluated::Literal;
    };
    let day = match ctx
        .dct
        .and_then(|dct| resolve::day_month(dct, m, d, Direction::Nearest))
    {
        Some(date) => Day::Known(date),
        None => Day::Unknown(format!("XXXX-{m:02}-{d:02}")),
    };
    match part {
        None => Evaluated::Day(day),
        Some(part) => {
            let resolved = matches!(day, Day::Known(_));
            Evaluated::Other(format!("{}{part}", day.value()), resolved)
        }
    }
}

/// A lexicon value evaluated against the context.
enum Evaluated {
    Literal,
    Day(Day),
    Other(String, bool),
}

/// Evaluates a lexicon value: "DCT-1D", "REF+1D", "DCT:week", "DCT-1M:month", "DCT:TEV".
fn evaluate(value: &str, ctx: &Context) -> Evaluated {
    if let Some(md) = value.strip_prefix("MD:") {
        return fixed_day(md, ctx);
    }
    let (base, rest) = if let Some(r) = value.strip_prefix("DCT") {
        (ctx.dct, r)
    } else if let Some(r) = value.strip_prefix("REF") {
        (ctx.anchor(), r)
    } else {
        return Evaluated::Literal;
    };
    let (offset, unit_view) = match rest.split_once(':') {
        Some((o, v)) => (o, Some(v)),
        None => (rest, None),
    };
    let (amount, unit) = if offset.is_empty() {
        (0, 'D')
    } else {
        let unit = offset.chars().last().unwrap_or('D');
        let n: i64 = offset[..offset.len() - unit.len_utf8()]
            .parse()
            .unwrap_or(0);
        (n, unit)
    };
    let placeholder = match unit_view {
        None => "XXXX-XX-XX".to_string(),
        Some("week") => "XXXX-WXX".to_string(),
        Some("weekend") => "XXXX-WXX-WE".to_string(),
        Some("month") => "XXXX-XX".to_string(),
        Some("year") => "XXXX".to_string(),
        Some(part) => format!("XXXX-XX-XX{part}"),
    };
    let Some(base) = base else {
        return match unit_view {
            None => Evaluated::Day(Day::Unknown(placeholder)),
            Some(_) => Evaluated::Other(placeholder, false),
        };
    };
    let shifted = match unit {
        'Y' => resolve::shift(base, amount, 0, 0, 0),
        'M' => resolve::shift(base, 0, amount, 0, 0),
        'W' => resolve::shift(base, 0, 0, amount, 0),
        _ => resolve::shift(base, 0, 0, 0, amount),
    };
    let Some(d) = shifted else {
        return Evaluated::Other(placeholder, false);
    };
    match unit_view {
        None => Evaluated::Day(Day::Known(d)),
        Some("week") => Evaluated::Other(resolve::iso_week(d), true),
        Some("weekend") => Evaluated::Other(format!("{}-WE", resolve::iso_week(d)), true),
        Some("month") => Evaluated::Other(resolve::month(d), true),
        Some("year") => Evaluated::Other(resolve::year(d), true),
        Some(part) => Evaluated::Other(format!("{}{part}", resolve::day(d)), true),
    }
}
