//! Time expressions: finds French dates, times, durations and sets and normalises them as
//! TimeML TIMEX3 values against the publication date. Adds the `times` layer.
//!
//! The tagger is a small grammar over the tokens of each sentence, tried left to right, the
//! longest match winning. Its words (months, weekdays, parts of day, units, seasons, fixed
//! phrases with their values, future markers) live in `data/fr/time/`; the code holds the
//! combinations:
//! - fixed phrases: "hier", "la semaine dernière", "ce soir", "récemment" (`lexicon.tsv`), then
//!   a part of day or a clock time may follow ("hier soir" → TIME …TEV, "hier à 10 h");
//! - dates: [le|ce] [weekday] day month [year] [dernier|prochain] ("le 26 novembre",
//!   "dimanche 29 août", "le 10 novembre 93"), month [year] with début/mi-/fin ("début
//!   octobre" → mod START), years in context ("en 2012" → "2012", "fin 2014"), decades;
//! - weekdays: "lundi" → the most recent one, the publication day itself when it falls on it,
//!   the coming one when the clause is in the future ("va demander lundi");
//! - durations: number + unit ("quatre ans et demi" → P4Y6M, "30,4 secondes" → PT30.4S), vague
//!   ("plusieurs jours" → PXD), with qualifiers ("environ deux mois" → mod APPROX); after
//!   "il y a" or "dans" they become dates ("il y a trois ans" → 2012);
//! - clock times ("22 h 30", "vers 18 h") on the last day the article mentioned;
//! - sets ("chaque jour" → P1D, "tous les jeudis" → XXXX-WXX-4), seasons.
//!
//! Extents follow the TimeML convention of `../shared/spec/coding-conventions.md`: without the
//! preposition ("en", "à", "depuis"), with the determiner ("le 26 novembre"). The one choice
//! that matters: every relative value is computed from the publication date passed in, never
//! from today's clock; without one the value keeps X placeholders and `resolved` is false.

pub mod lexicon;
pub mod resolve;

mod dates;
mod durations;
mod phrases;
mod time_of_day;

use crate::document::{Document, Span, TimeExpr, TimexType, Token, TokenKind};
use crate::lang::{normalize_word, LangData, NumberWord};
use jiff::civil::Date;
use lexicon::TimeData;

/// The time stage, built once per pipeline.
#[derive(Debug, Clone)]
pub struct TimeTagger {
    data: TimeData,
    lang: LangData,
}

/// One sentence, with lower-cased, apostrophe-folded words for matching.
struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
    words: Vec<String>,
}

impl Sent<'_> {
    fn word(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }

    fn is_number(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Number)
    }

    /// The integer value of a plain digit token ("26", "1998"), not "250.000" or "3,5".
    fn int(&self, i: usize) -> Option<i64> {
        let t = self.toks.get(i)?;
        let s = &self.text[t.span.range()];
        (t.kind == TokenKind::Number && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    }
}

/// What the article's own dates say so far.
struct Context {
    dct: Option<Date>,
    /// The last day the article mentioned ("la veille", clock times lean on it).
    reference: Option<Date>,
}

impl Context {
    fn anchor(&self) -> Option<Date> {
        self.reference.or(self.dct)
    }
}

/// A day, known or with placeholders.
#[derive(Debug, Clone)]
enum Day {
    Known(Date),
    Unknown(String),
}

impl Day {
    fn value(&self) -> String {
        match self {
            Day::Known(d) => resolve::day(*d),
            Day::Unknown(s) => s.clone(),
        }
    }
}

#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: TimexType,
    value: String,
    modifier: Option<&'static str>,
    relative: bool,
    resolved: bool,
    rule: &'static str,
    /// The day this expression names, which later relative expressions may lean on.
    day: Option<Date>,
}

impl Found {
    fn new(start: usize, end: usize, kind: TimexType, value: String, rule: &'static str) -> Found {
        Found {
            start,
            end,
            kind,
            value,
            modifier: None,
            relative: false,
            resolved: true,
            rule,
            day: None,
        }
    }

    fn relative(mut self, resolved: bool) -> Found {
        self.relative = true;
        self.resolved = resolved;
        self
    }

    fn with_mod(mut self, m: Option<&'static str>) -> Found {
        if m.is_some() {
            self.modifier = m;
        }
        self
    }
}

const DETERMINERS: &[&str] = &["le", "la", "l'", "ce", "cet", "cette"];

impl TimeTagger {
    pub fn new(lang: &LangData) -> TimeTagger {
        TimeTagger {
            data: TimeData::french(),
            lang: lang.clone(),
        }
    }

    /// Adds the `times` layer. Requires `tokens`, `sentences`; reads the publication date.
    pub fn annotate(&self, doc: &mut Document) {
        let mut ctx = Context {
            dct: doc.meta.published.map(|p| p.date),
            reference: None,
        };
        let mut times = Vec::new();
        let mut warnings = Vec::new();
        for sentence in &doc.sentences {
            let toks = &doc.tokens[sentence.tokens.clone()];
            let words = toks
                .iter()
                .map(|t| normalize_word(&doc.text[t.span.range()]))
                .collect();
            let s = Sent {
                text: &doc.text,
                toks,
                words,
            };
            let mut i = 0;
            while i < s.words.len() {
                if !self.may_start(&s, i) {
                    i += 1;
                    continue;
                }
                match self.match_at(&s, i, &ctx) {
                    Some(found) if found.end > found.start => {
                        if let Some(day) = found.day {
                            ctx.reference = Some(day);
                        }
                        times.push(TimeExpr {
                            span: Span::new(
                                s.toks[found.start].span.start,
                                s.toks[found.end - 1].span.end,
                            ),
                            kind: found.kind,
                            value: found.value,
                            modifier: found.modifier,
                            relative: found.relative,
                            resolved: found.resolved,
                            rule: found.rule,
                        });
                        i = found.end;
                    }
                    _ => {
                        if let Some(bad) = self.impossible_date(&s, i) {
                            warnings.push(format!(
                                "time: '{bad}' is not a valid date; it was left out"
                            ));
                            i += 1; // the month too: "février" alone is not what was written
                        }
                        i += 1;
                    }
                }
            }
        }
        doc.times = times;
        doc.warnings.extend(warnings);
    }

    /// Whether a time expression can start at token `i`: most tokens are ruled out here by one
    /// hash lookup, before the grammar is tried.
    fn may_start(&self, s: &Sent, i: usize) -> bool {
        let w = s.word(i);
        s.toks[i].kind == TokenKind::Number
            || w.starts_with(|c: char| c.is_ascii_digit())
            || w.starts_with("mi-")
            || self.data.starters.contains(w)
            || self
                .lang
                .number_word(w.split('-').next().unwrap_or(w))
                .is_some_and(|n| !matches!(n, NumberWord::Half))
    }

    /// "31 février": a day and month that no year has.
    fn impossible_date(&self, s: &Sent, i: usize) -> Option<String> {
        let day = s.int(i)?;
        let month = *self.data.months.get(s.word(i + 1))?;
        let ok = (1..=31).contains(&day) && Date::new(2000, month, day as i8).is_ok();
        (!ok && (1..=31).contains(&day)).then(|| format!("{} {}", day, s.word(i + 1)))
    }

    fn match_at(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        if let Some(f) = self.ago_or_ahead(s, i, ctx) {
            return Some(f);
        }
        if let Some(f) = self.phrase(s, i, ctx) {
            return Some(f);
        }
        if let Some(f) = self.part_of_period(s, i, ctx) {
            return Some(f);
        }
        if let Some(f) = self.numeric_date(s, i, ctx) {
            return Some(f);
        }
        // Determiners belong to the extent of the date they introduce: "le 26 novembre".
        let mut k = 0;
        while k < 2 && DETERMINERS.contains(&s.word(i + k)) {
            k += 1;
        }
        if s.word(i + k) == "même" && k > 0 {
            k += 1;
        }
        for start in [i + k, i].into_iter().filter(|&st| st >= i) {
            let hit = self
                .weekday_date(s, start, ctx)
                .or_else(|| self.day_month(s, start, ctx))
                .or_else(|| self.season(s, start, ctx));
            if let Some(mut f) = hit {
                f.start = i;
                return Some(f);
            }
            if start == i {
                break;
            }
        }
        self.month_or_year(s, i, ctx)
            .or_else(|| self.set(s, i))
            .or_else(|| self.clock(s, i, ctx))
            .or_else(|| self.duration(s, i))
            .or_else(|| self.part_of_day(s, i, ctx))
    }
}
