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

use crate::document::{Document, Span, TimeExpr, TimexType, Token, TokenKind};
use crate::lang::{normalize_word, LangData, NumberWord};
use crate::number::{number_at, Exactness};
use jiff::civil::Date;
use lexicon::{Phrase, TimeData, Unit};
use resolve::Direction;

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
const YEAR_CUES: &[&str] = &[
    "en",
    "de",
    "d'",
    "depuis",
    "dès",
    "ici",
    "jusqu'en",
    "avant",
    "après",
    "fin",
    "début",
    "mi",
    "année",
    "an",
    "courant",
    "pour",
    "vers",
    "entre",
    "à",
    "au",
    "(",
    "été",
    "hiver",
    "printemps",
    "automne",
    "l'an",
    "l'année",
    "mi-",
    "janvier",
    "élections",
    "saison",
    "exercice",
    "budget",
];
const YEAR_FOLLOWERS: &[&str] = &[
    "et", "à", "au", "aux", "où", "qui", "ou", "contre", "dernier", "prochain", "déjà", "encore",
    "avec", "pour", "par", "sur", "en", "dans", "lors", "puis", "alors", "selon", "avant", "après",
    "le", "la", "les", "l'", "il", "elle", "ils", "elles", "on", "ce", "cette", "un", "une", "des",
    "du", "de",
];

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

    /// "(la) fin de l'année dernière", "en début de matinée", "fin de journée", "au milieu de
    /// la semaine": the start, middle or end of a period (TIMEX3 mod START, MID, END).
    fn part_of_period(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let at = if matches!(s.word(i), "la" | "le") {
            i + 1
        } else {
            i
        };
        let modifier = match s.word(at) {
            "début" => "START",
            "milieu" | "mi" => "MID",
            "fin" => "END",
            _ => return None,
        };
        if !matches!(s.word(at + 1), "de" | "d'" | "du") {
            return None;
        }
        let inner_at = at + 2;
        let bare = |j: usize| -> Option<(usize, TimexType, String, bool)> {
            let w = s.word(j);
            let anchor = ctx.anchor();
            let (kind, value) =
                if let Some(code) = self.data.parts_of_day.get(w).filter(|c| !c.contains(':')) {
                    let day = anchor.map_or_else(|| "XXXX-XX-XX".to_string(), resolve::day);
                    (TimexType::Time, format!("{day}{code}"))
                } else {
                    let dct = ctx.dct;
                    let v = match w {
                        "semaine" => dct.map_or_else(|| "XXXX-WXX".to_string(), resolve::iso_week),
                        "mois" => dct.map_or_else(|| "XXXX-XX".to_string(), resolve::month),
                        "année" | "an" => dct.map_or_else(|| "XXXX".to_string(), resolve::year),
                        _ => return None,
                    };
                    (TimexType::Date, v)
                };
            Some((j + 1, kind, value, ctx.dct.is_some()))
        };
        // A longer expression may start after "de" ("la fin de l'année dernière", "fin de
        // juillet"); otherwise a bare period word, with or without article ("fin de journée",
        // "à la fin de la semaine").
        let inner = self
            .phrase(s, inner_at, ctx)
            .or_else(|| self.match_dated(s, inner_at, ctx));
        let bare_at = if matches!(s.word(inner_at), "la" | "l'") {
            inner_at + 1
        } else {
            inner_at
        };
        let mut f = match (inner, bare(bare_at)) {
            (Some(f), _) if f.kind != TimexType::Duration => f,
            (_, Some((end, kind, value, resolved))) => {
                Found::new(i, end, kind, value, "part_of_period").relative(resolved)
            }
            _ => return None,
        };
        f.start = i;
        f.modifier = Some(modifier);
        f.rule = "part_of_period";
        Some(f)
    }

    /// A date expression without determiner logic: day-month, weekday, month or year.
    fn match_dated(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        self.day_month(s, i, ctx)
            .or_else(|| self.weekday_date(s, i, ctx))
            .or_else(|| self.month_or_year(s, i, ctx))
    }

    /// "21/12/2015", "21/12/15", "2015-12-21": numeric dates, day first as in French.
    fn numeric_date(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let tok = s.toks.get(i)?;
        let text = &s.text[tok.span.range()];
        let parts: Vec<&str> = text.split(['/', '-']).collect();
        if parts.len() != 3
            || !parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let n: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let (y, m, d) = if parts[0].len() == 4 && text.contains('-') {
            (n[0] as i16, n[1], n[2])
        } else if text.contains('/') && parts[2].len() == 4 {
            (n[2] as i16, n[1], n[0])
        } else if text.contains('/') && parts[2].len() == 2 {
            (resolve::full_year(n[2] as i16, ctx.dct), n[1], n[0])
        } else {
            return None;
        };
        let date = Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
        let mut f = Found::new(
            i,
            i + 1,
            TimexType::Date,
            resolve::day(date),
            "numeric_date",
        );
        f.day = Some(date);
        Some(f)
    }

    /// A fixed phrase from the lexicon, possibly followed by a weekday, part of day or clock.
    fn phrase(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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

    /// After a day: a part of the day ("soir") makes it a TIME. A clock time stays an
    /// expression of its own ("mardi" DATE, "21 h 45" TIME on that Tuesday), as in TimeBank.
    fn day_suffix(&self, s: &Sent, mut f: Found, day: &Day) -> Found {
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
    fn clock(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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
    fn part_of_day(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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

    /// Where a clause points in time, for a bare weekday: the nearest tense marker decides.
    fn clause_direction(&self, s: &Sent, i: usize) -> Direction {
        for distance in 1..=10 {
            for j in [i.checked_sub(distance), Some(i + distance)]
                .into_iter()
                .flatten()
            {
                let w = s.word(j);
                if matches!(w, "," | ";" | ":" | "." | "") && j > i {
                    continue;
                }
                if self.data.is_future_marker(w) {
                    return Direction::Future;
                }
                if matches!(
                    w,
                    "a" | "ont" | "avait" | "avaient" | "était" | "étaient" | "fut" | "furent"
                ) || (w.len() > 4 && (w.ends_with("ait") || w.ends_with("aient")))
                {
                    return Direction::Past;
                }
            }
        }
        Direction::Past
    }

    /// "dernier"/"prochain" after a date, and how many tokens it takes.
    fn direction_word(s: &Sent, j: usize) -> Option<Direction> {
        match s.word(j) {
            "dernier" | "dernière" | "derniers" | "dernières" | "passé" | "passée" => {
                Some(Direction::Past)
            }
            "prochain" | "prochaine" | "prochains" | "prochaines" => Some(Direction::Future),
            _ => None,
        }
    }

    /// [weekday] day month [year] [dernier|prochain] + suffix; `None` if no month follows.
    fn day_month(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let (day, j) = match s.word(i) {
            "1er" | "premier" => (1, i + 1),
            _ => (s.int(i).filter(|d| (1..=31).contains(d))?, i + 1),
        };
        if let Some(&month) = self.data.months.get(s.word(j)) {
            return self.finish_date(s, i, j + 1, month, day as i8, ctx, "day_month");
        }
        // The first day of a range takes the month of the second: "du 13 au 15 juillet",
        // "entre le 13 et le 15 juillet", "les 6 et 13 avril".
        if matches!(s.word(j), "au" | "et" | "-" | "jusqu'au" | "à") {
            let mut k = j + 1;
            if s.word(k) == "le" {
                k += 1;
            }
            if self.data.weekdays.contains_key(s.word(k)) {
                k += 1;
            }
            let second = matches!(s.word(k), "1er" | "premier")
                || s.int(k).is_some_and(|d| (1..=31).contains(&d));
            if let (true, Some(&month)) = (second, self.data.months.get(s.word(k + 1))) {
                let year = self.year_at(s, k + 2, ctx);
                let mut f = self.finish_date(s, i, j, month, day as i8, ctx, "day_month_range")?;
                if let Some((y, _)) = year {
                    let date = Date::new(y, month, day as i8).ok()?;
                    f.value = resolve::day(date);
                    f.day = Some(date);
                    f.relative = false;
                    f.resolved = true;
                }
                return Some(f);
            }
        }
        None
    }

    /// Completes a day-month date: optional year, dernier/prochain, part of day, clock.
    #[allow(clippy::too_many_arguments)]
    fn finish_date(
        &self,
        s: &Sent,
        start: usize,
        mut end: usize,
        month: i8,
        day: i8,
        ctx: &Context,
        rule: &'static str,
    ) -> Option<Found> {
        let year = self.year_at(s, end, ctx);
        let (day_value, relative) = if let Some((y, e)) = year {
            end = e;
            match Date::new(y, month, day) {
                Ok(d) => (Day::Known(d), false),
                Err(_) => return None,
            }
        } else {
            let dir = match Self::direction_word(s, end) {
                Some(dir) => {
                    end += 1;
                    dir
                }
                None => Direction::Nearest,
            };
            match ctx.dct {
                Some(dct) => (Day::Known(resolve::day_month(dct, month, day, dir)?), true),
                None => {
                    Date::new(2000, month, day).ok()?;
                    (Day::Unknown(format!("XXXX-{month:02}-{day:02}")), true)
                }
            }
        };
        let mut f = Found::new(start, end, TimexType::Date, day_value.value(), rule);
        f.relative = relative;
        f.resolved = matches!(day_value, Day::Known(_));
        if let Day::Known(d) = day_value {
            f.day = Some(d);
        }
        Some(self.day_suffix(s, f, &day_value))
    }

    /// A year after a month or day: "2015", "98" (two digits after a month).
    fn year_at(&self, s: &Sent, j: usize, ctx: &Context) -> Option<(i16, usize)> {
        let tok = s.toks.get(j)?;
        let digits = &s.text[tok.span.range()];
        let y = s.int(j)?;
        match digits.len() {
            4 if (1000..=2999).contains(&y) => Some((y as i16, j + 1)),
            2 => Some((resolve::full_year(y as i16, ctx.dct), j + 1)),
            _ => None,
        }
    }

    /// [le|ce] [même] weekday [dernier|prochain] [day month [year]] + suffix.
    fn weekday_date(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let weekday = *self.data.weekdays.get(s.word(i))?;
        if s.word(i).ends_with('s') {
            return None;
        }
        if let Some(mut f) = self.day_month(s, i + 1, ctx) {
            f.start = i;
            return Some(f);
        }
        let mut end = i + 1;
        let explicit = Self::direction_word(s, end);
        let dir = match explicit {
            Some(dir) => {
                end += 1;
                dir
            }
            None => self.clause_direction(s, i),
        };
        let day = match ctx.dct {
            // "mercredi dernier" written on a Wednesday is the week before; "mercredi
            // prochain", the week after.
            Some(dct) if explicit.is_some() && dct.weekday().to_monday_one_offset() == weekday => {
                let weeks = if dir == Direction::Future { 1 } else { -1 };
                Day::Known(resolve::shift(dct, 0, 0, weeks, 0)?)
            }
            Some(dct) => Day::Known(resolve::weekday(dct, weekday, dir)?),
            None => Day::Unknown(format!("XXXX-WXX-{weekday}")),
        };
        let mut f = Found::new(i, end, TimexType::Date, day.value(), "weekday")
            .relative(matches!(day, Day::Known(_)));
        if let Day::Known(d) = day {
            f.day = Some(d);
        }
        Some(self.day_suffix(s, f, &day))
    }

    /// [début|mi-|fin] month [year] [dernier|prochain]; [début|fin] year; "l'année 2001";
    /// decades ("les années 1990"); a bare year in context ("en 2012").
    fn month_or_year(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let mut j = i;
        let mut modifier = match s.word(j) {
            "début" => Some("START"),
            "mi" | "mi-" => Some("MID"),
            "fin" => Some("END"),
            _ => None,
        };
        if modifier.is_some() {
            j += 1;
            if s.word(j) == "-" {
                j += 1;
            }
        }
        // "mi-décembre" is one token.
        let word = s.word(j);
        let (month_word, mid) = match word.strip_prefix("mi-") {
            Some(rest) => (rest, true),
            None => (word, false),
        };
        if mid {
            modifier = Some("MID");
        }
        let mut lead = j;
        if month_word == "mois" && s.word(j + 1) == "de" {
            lead = j + 2; // "le mois de juin"
        }
        let month_word = if lead != j { s.word(lead) } else { month_word };
        if let Some(&month) = self.data.months.get(month_word) {
            let context_ok = modifier.is_some()
                || lead != j
                || self.year_at(s, lead + 1, ctx).is_some()
                || Self::direction_word(s, lead + 1).is_some()
                || matches!(
                    s.word(i.wrapping_sub(1)),
                    "en" | "depuis"
                        | "dès"
                        | "de"
                        | "d'"
                        | "jusqu'en"
                        | "avant"
                        | "après"
                        | "courant"
                        | "fin"
                        | "début"
                        | "mois"
                )
                || month_word != "mars" && month_word != "mai";
            if !context_ok {
                return None;
            }
            let mut end = lead + 1;
            let (value, relative, resolved) = if let Some((y, e)) = self.year_at(s, end, ctx) {
                end = e;
                (format!("{y:04}-{month:02}"), false, true)
            } else {
                let dir = match Self::direction_word(s, end) {
                    Some(d) => {
                        end += 1;
                        d
                    }
                    None => Direction::Nearest,
                };
                match ctx.dct.and_then(|dct| resolve::month_only(dct, month, dir)) {
                    Some(d) => (resolve::month(d), true, true),
                    None => (format!("XXXX-{month:02}"), true, false),
                }
            };
            let mut f = Found::new(i, end, TimexType::Date, value, "month").with_mod(modifier);
            f.relative = relative;
            f.resolved = resolved;
            // Include a determiner: "le mois de juin", "la fin de".
            return Some(f);
        }
        // Decades: "les années 1990", "les années 90".
        if s.word(j) == "les" && s.word(j + 1) == "années" {
            if let Some(y) = s.int(j + 2) {
                let decade = match y {
                    1000..=2999 if y % 10 == 0 => Some(y / 10),
                    10..=90 if y % 10 == 0 => {
                        Some(resolve::full_year(y as i16, ctx.dct) as i64 / 10)
                    }
                    _ => None,
                };
                if let Some(d) = decade {
                    return Some(Found::new(
                        i,
                        j + 3,
                        TimexType::Date,
                        format!("{d:03}"),
                        "decade",
                    ));
                }
            }
        }
        // "l'année 2001", "l'an 2000"
        let mut y_at = j;
        if (s.word(j) == "l'" && matches!(s.word(j + 1), "année" | "an")) || s.word(j) == "l'année"
        {
            y_at = if s.word(j) == "l'" { j + 2 } else { j + 1 };
        }
        let y = s.int(y_at).filter(|y| (1000..=2999).contains(y))?;
        if s.text[s.toks[y_at].span.range()].len() != 4 {
            return None;
        }
        let cue = modifier.is_some() || y_at != j || YEAR_CUES.contains(&s.word(i.wrapping_sub(1)));
        let next = s.word(y_at + 1);
        let next_ok = next.is_empty()
            || !next.starts_with(|c: char| c.is_alphabetic())
            || YEAR_FOLLOWERS.contains(&next)
            || s.toks
                .get(y_at + 1)
                .is_some_and(|t| s.text[t.span.range()].starts_with(char::is_uppercase));
        // Without a cue word, only a plausible modern year not followed by a noun ("2000 soldats").
        if !(cue || next_ok && (1900..=2100).contains(&y)) {
            return None;
        }
        Some(Found::new(i, y_at + 1, TimexType::Date, format!("{y:04}"), "year").with_mod(modifier))
    }

    /// [l'|le|cet|ce|cette] season [year|dernier|prochain].
    fn season(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
        let code = self.data.seasons.get(s.word(i))?;
        let before = s.word(i.wrapping_sub(1));
        let this = matches!(before, "cet" | "ce" | "cette");
        // "été" is also the participle of être ("a été"): a season needs an article or a
        // preposition before it, or a year or dernier/prochain after it.
        let introduced = matches!(
            before,
            "l'" | "le" | "cet" | "ce" | "cette" | "en" | "au" | "d'" | "de" | "du"
        );
        if !introduced
            && self.year_at(s, i + 1, ctx).is_none()
            && Self::direction_word(s, i + 1).is_none()
        {
            return None;
        }
        if let Some((y, end)) = self.year_at(s, i + 1, ctx) {
            return Some(Found::new(
                i,
                end,
                TimexType::Date,
                format!("{y:04}-{code}"),
                "season",
            ));
        }
        let dir = Self::direction_word(s, i + 1);
        let end = i + 1 + usize::from(dir.is_some());
        let year = match (ctx.dct, dir) {
            (Some(dct), Some(Direction::Past)) => Some(dct.year() - 1),
            (Some(dct), Some(Direction::Future)) => Some(dct.year() + 1),
            (Some(dct), _) if this => Some(dct.year()),
            _ => None,
        };
        Some(match year {
            Some(y) => Found::new(i, end, TimexType::Date, format!("{y:04}-{code}"), "season")
                .relative(true),
            None => Found::new(i, end, TimexType::Date, format!("XXXX-{code}"), "season"),
        })
    }

    /// "tous les jeudis", "chaque lundi" → XXXX-WXX-4.
    fn set(&self, s: &Sent, i: usize) -> Option<Found> {
        let j = match (s.word(i), s.word(i + 1)) {
            ("chaque", _) => i + 1,
            ("tous" | "toutes", "les") => i + 2,
            _ => return None,
        };
        let weekday = self.data.weekdays.get(s.word(j))?;
        Some(Found::new(
            i,
            j + 1,
            TimexType::Set,
            format!("XXXX-WXX-{weekday}"),
            "set",
        ))
    }

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

    fn duration(&self, s: &Sent, i: usize) -> Option<Found> {
        self.duration_parts(s, i).map(|(f, _, _)| f)
    }

    /// "il y a trois ans" → DATE three years before publication; "dans deux mois" → DATE after.
    fn ago_or_ahead(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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
