//! Publication dates as pages write them: ISO 8601 in metadata (`2020-05-24T19:34:46+02:00`,
//! `2020-05-24T17:34:46.000Z`, `2020-05-24T19:34:46+0200`), and datelines in the text
//! ("publié le dimanche 24 mai 2020 à 19h34", "Publié le 24/05/2020 à 19:34",
//! "May 24, 2020"). A dateline carries no offset: its time stays local, and says so by having
//! none.

use crate::document::Published;
use crate::read::published::parse_published;
use jiff::civil::{Date, Time};

const MONTHS: [(&str, i8); 30] = [
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("janv", 1),
    ("févr", 2),
];

/// An ISO 8601 date or date-time from metadata; fractional seconds are dropped.
pub fn parse_meta_date(value: &str) -> Option<Published> {
    let v = value.trim();
    if v.len() < 10 {
        return None;
    }
    parse_published(v).ok()
}

/// The first date (with its clock time, when written next to it) in a dateline or a
/// `<time>` element's text.
pub fn parse_dateline(text: &str) -> Option<Published> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        // 24/05/2020 or 24.05.2020
        if let Some(date) = numeric_date(w) {
            return Some(with_time(date, &words[i + 1..]));
        }
        // 24 mai 2020, 1er mai 2020
        let day = w.trim_end_matches("er").parse::<i8>().ok();
        if let (Some(day), Some(month), Some(year)) = (
            day,
            words.get(i + 1).and_then(|m| month(m)),
            words.get(i + 2).and_then(|y| year(y)),
        ) {
            if let Ok(date) = Date::new(year, month, day) {
                return Some(with_time(date, &words[i + 3..]));
            }
        }
        // May 24 2020
        if let (Some(month), Some(day), Some(year)) = (
            month(w),
            words.get(i + 1).and_then(|d| d.parse::<i8>().ok()),
            words.get(i + 2).and_then(|y| year(y)),
        ) {
            if let Ok(date) = Date::new(year, month, day) {
                return Some(with_time(date, &words[i + 3..]));
            }
        }
    }
    None
}

fn month(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, m)| m)
}

fn year(word: &str) -> Option<i16> {
    let y = word.trim_end_matches(['.', ':']);
    (y.len() == 4)
        .then(|| y.parse::<i16>().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

fn numeric_date(word: &str) -> Option<Date> {
    let parts: Vec<&str> = word.split(['/', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    let day = parts[0].parse::<i8>().ok()?;
    let month = parts[1].parse::<i8>().ok()?;
    let year = year(parts[2])?;
    Date::new(year, month, day).ok()
}

/// Adds a clock time found in the next few words ("à 19h34", "19:34", "- 19h").
fn with_time(date: Date, after: &[&str]) -> Published {
    let time = after.iter().take(3).find_map(|w| clock(w));
    Published {
        date,
        time,
        offset_seconds: None,
    }
}

fn clock(word: &str) -> Option<Time> {
    let (h, m) = word.split_once(['h', ':'])?;
    let h = h.parse::<i8>().ok()?;
    let m = m.trim_end_matches(['.', ')']);
    let m = if m.is_empty() {
        0
    } else {
        m.get(..2)?.parse::<i8>().ok()?
    };
    Time::new(h, m, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::published::format_published;

    fn show(p: Option<Published>) -> Option<String> {
        p.map(|p| format_published(&p))
    }

    #[test]
    fn datelines() {
        assert_eq!(
            show(parse_dateline(
                "AFP, publié le dimanche 24 mai 2020 à 19h34"
            ))
            .as_deref(),
            Some("2020-05-24T19:34:00")
        );
        assert_eq!(
            show(parse_dateline("Publié le 01/06/2019 à 08:05")).as_deref(),
            Some("2019-06-01T08:05:00")
        );
        assert_eq!(
            show(parse_dateline("le 1er mai 2018")).as_deref(),
            Some("2018-05-01")
        );
        assert_eq!(
            show(parse_dateline("Updated May 3, 2021")).as_deref(),
            Some("2021-05-03")
        );
        assert_eq!(parse_dateline("le 31 février 2020"), None);
        assert_eq!(parse_dateline("il y a 3 heures"), None);
    }

    #[test]
    fn meta_dates() {
        assert_eq!(
            show(parse_meta_date("2020-05-24T17:34:46.000Z")).as_deref(),
            Some("2020-05-24T17:34:46Z")
        );
        assert_eq!(
            show(parse_meta_date("2020-05-24T19:34:46+0200")).as_deref(),
            Some("2020-05-24T19:34:46+02:00")
        );
        assert_eq!(parse_meta_date("hier"), None);
    }
}
