//! Calendar dates (TIMEX3 DATE) and the weekly sets built on weekdays: day and month with
//! their year, dernier/prochain or a range ("du 13 au 15 juillet"), numeric dates
//! ("21/12/2015"), weekdays, months, years and decades, seasons, the start, middle or end of a
//! period ("fin de l'année dernière"), and "tous les jeudis".
//!
//! Each rule recognises its words and computes its value in one pass. A date written without
//! its year is placed against the publication date in a direction: the one its words give
//! ("dernier", "prochain"), else, for a bare weekday, the tense of its clause
//! (`clause_direction`), else the nearest.

use super::resolve::{self, Direction};
use super::{Context, Day, Found, Sent, TimeTagger};
use crate::document::TimexType;
use jiff::civil::Date;

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
    /// "(la) fin de l'année dernière", "en début de matinée", "fin de journée", "au milieu de
    /// la semaine": the start, middle or end of a period (TIMEX3 mod START, MID, END).
    pub(super) fn part_of_period(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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
    pub(super) fn numeric_date(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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

    /// Where a clause points in time, for a bare weekday: the nearest tense marker decides.
    pub(super) fn clause_direction(&self, s: &Sent, i: usize) -> Direction {
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
    pub(super) fn direction_word(s: &Sent, j: usize) -> Option<Direction> {
        match s.word(j) {
            "dernier" | "dernière" | "derniers" | "dernières" | "passé" | "passée" => {
                Some(Direction::Past)
            }
            "prochain" | "prochaine" | "prochains" | "prochaines" => Some(Direction::Future),
            _ => None,
        }
    }

    /// [weekday] day month [year] [dernier|prochain] + suffix; `None` if no month follows.
    pub(super) fn day_month(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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
    pub(super) fn weekday_date(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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
    pub(super) fn month_or_year(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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
    pub(super) fn season(&self, s: &Sent, i: usize, ctx: &Context) -> Option<Found> {
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
    pub(super) fn set(&self, s: &Sent, i: usize) -> Option<Found> {
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
}
