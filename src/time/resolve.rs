//! Calendar arithmetic for TIMEX3 values: shifts, ISO weeks, weekday and day-month resolution
//! against the publication date, and the placeholder values used when there is none.

use jiff::civil::Date;
use jiff::Span as Shift;

/// Which way an incomplete date points from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// "dernier", or a past clause: the latest one on or before the publication date.
    Past,
    /// "prochain", or a future clause: the earliest one on or after it.
    Future,
    /// No clue: the nearest one.
    Nearest,
}

pub fn day(date: Date) -> String {
    date.to_string()
}

pub fn shift(date: Date, years: i64, months: i64, weeks: i64, days: i64) -> Option<Date> {
    date.checked_add(
        Shift::new()
            .years(years)
            .months(months)
            .weeks(weeks)
            .days(days),
    )
    .ok()
}

/// "2015-W52".
pub fn iso_week(date: Date) -> String {
    let w = date.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub fn month(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

pub fn year(date: Date) -> String {
    format!("{:04}", date.year())
}

/// The weekday `target` (ISO, Monday = 1) nearest the publication date in `dir`; the
/// publication day itself when it is that weekday.
pub fn weekday(dct: Date, target: i8, dir: Direction) -> Option<Date> {
    let today = dct.weekday().to_monday_one_offset();
    if today == target {
        return Some(dct);
    }
    let back = (today - target).rem_euclid(7) as i64;
    let ahead = (target - today).rem_euclid(7) as i64;
    match dir {
        Direction::Future => shift(dct, 0, 0, 0, ahead),
        Direction::Past | Direction::Nearest => shift(dct, 0, 0, 0, -back),
    }
}

/// A day of a month without year: the year that puts it in `dir` from the publication date,
/// within a year. `None` when no year has that day ("31 février").
pub fn day_month(dct: Date, month: i8, day: i8, dir: Direction) -> Option<Date> {
    let candidates: Vec<Date> = [dct.year() - 1, dct.year(), dct.year() + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .collect();
    pick(dct, &candidates, dir)
}

/// A month without year, as its first day, chosen like [`day_month`].
pub fn month_only(dct: Date, month: i8, dir: Direction) -> Option<Date> {
    let first = |y: i16| Date::new(y, month, 1).ok();
    let candidates: Vec<Date> = [dct.year() - 1, dct.year(), dct.year() + 1]
        .into_iter()
        .filter_map(first)
        .collect();
    // A month counts as "on or before" the publication date when it has begun.
    let dct_month = Date::new(dct.year(), dct.month(), 1).ok()?;
    pick(dct_month, &candidates, dir)
}

fn pick(reference: Date, candidates: &[Date], dir: Direction) -> Option<Date> {
    let distance = |d: &Date| (d.since(reference).ok()?.get_days() as i64).checked_abs();
    match dir {
        Direction::Past => candidates
            .iter()
            .filter(|d| **d <= reference)
            .max()
            .copied(),
        Direction::Future => candidates
            .iter()
            .filter(|d| **d >= reference)
            .min()
            .copied(),
        Direction::Nearest => candidates
            .iter()
            .filter_map(|d| Some((distance(d)?, *d)))
            .min_by_key(|(dist, d)| (*dist, std::cmp::Reverse(*d)))
            .map(|(_, d)| d),
    }
}

/// A two-digit year ("octobre 98") read in the century that puts it at most ten years after
/// the publication year (or 1931–2030 without one).
pub fn full_year(yy: i16, dct: Option<Date>) -> i16 {
    let pivot = dct.map_or(2030, |d| d.year() + 10);
    let century = pivot - pivot.rem_euclid(100);
    let y = century + yy;
    if y > pivot {
        y - 100
    } else {
        y
    }
}

/// Formats a duration quantity: whole numbers plainly, others with a dot ("30.4").
pub fn quantity(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn weekdays_resolve_by_tense_and_publication_day() {
        let monday = d("2015-12-21");
        assert_eq!(weekday(monday, 1, Direction::Future), Some(monday));
        assert_eq!(weekday(monday, 1, Direction::Past), Some(monday));
        assert_eq!(weekday(monday, 3, Direction::Past), Some(d("2015-12-16")));
        assert_eq!(weekday(monday, 3, Direction::Future), Some(d("2015-12-23")));
        assert_eq!(
            weekday(d("2002-02-09"), 4, Direction::Nearest),
            Some(d("2002-02-07"))
        );
    }

    #[test]
    fn day_and_month_pick_the_right_year() {
        let dct = d("2015-12-21");
        assert_eq!(
            day_month(dct, 11, 26, Direction::Nearest),
            Some(d("2015-11-26"))
        );
        assert_eq!(
            day_month(d("2015-01-05"), 12, 20, Direction::Nearest),
            Some(d("2014-12-20"))
        );
        assert_eq!(
            day_month(d("2002-02-09"), 9, 11, Direction::Nearest),
            Some(d("2001-09-11"))
        );
        assert_eq!(
            day_month(d("2002-02-09"), 9, 26, Direction::Past),
            Some(d("2001-09-26"))
        );
        assert_eq!(day_month(dct, 2, 31, Direction::Nearest), None);
        assert_eq!(
            month_only(d("2002-09-01"), 9, Direction::Nearest),
            Some(d("2002-09-01"))
        );
        assert_eq!(
            month_only(d("2002-02-09"), 9, Direction::Past),
            Some(d("2001-09-01"))
        );
        assert_eq!(
            month_only(d("1999-05-23"), 6, Direction::Future),
            Some(d("1999-06-01"))
        );
    }

    #[test]
    fn weeks_years_and_quantities() {
        assert_eq!(iso_week(d("2015-12-21")), "2015-W52");
        assert_eq!(iso_week(d("2003-02-04")), "2003-W06");
        assert_eq!(full_year(98, Some(d("1999-05-23"))), 1998);
        assert_eq!(full_year(3, Some(d("1999-05-23"))), 2003);
        assert_eq!(full_year(93, Some(d("2002-01-21"))), 1993);
        assert_eq!(quantity(30.4), "30.4");
        assert_eq!(quantity(6.0), "6");
    }
}
