//! Publication dates as callers give them: `2015-12-21`, `2015-12-21T00:09`,
//! `2015-12-21T00:09:00+01:00`, `2015-12-21 00:09:00Z`. Impossible dates (31 February) are
//! refused with the reason, never clamped.

use crate::document::Published;
use jiff::civil::{Date, Time};

/// Parses an ISO 8601 date or date-time, with an optional UTC offset.
pub fn parse_published(input: &str) -> Result<Published, String> {
    let s = input.trim();
    let bad = |why: &str| format!("'{input}' is not a date: {why}");
    let expected =
        "expected YYYY-MM-DD, optionally followed by THH:MM[:SS] and an offset (Z, +01:00)";
    let (date_part, rest) = match s.get(..10) {
        Some(d) => (d, &s[10..]),
        None => return Err(bad(expected)),
    };
    let number = |part: &str| -> Result<i64, String> {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(expected));
        }
        part.parse::<i64>().map_err(|_| bad(expected))
    };
    let fields: Vec<&str> = date_part.split('-').collect();
    if fields.len() != 3 || fields[0].len() != 4 || fields[1].len() != 2 || fields[2].len() != 2 {
        return Err(bad(expected));
    }
    let (y, m, d) = (number(fields[0])?, number(fields[1])?, number(fields[2])?);
    let date = Date::new(y as i16, m as i8, d as i8).map_err(|e| bad(&e.to_string()))?;
    if rest.is_empty() {
        return Ok(Published {
            date,
            time: None,
            offset_seconds: None,
        });
    }
    let rest = rest
        .strip_prefix(['T', 't', ' '])
        .ok_or_else(|| bad(expected))?;
    // Split the clock time from the offset.
    let offset_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (clock, offset) = rest.split_at(offset_at);
    let clock = clock.split('.').next().unwrap_or(clock);
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
        return Err(bad(expected));
    }
    let h = number(parts[0])?;
    let mi = number(parts[1])?;
    let sec = parts.get(2).map(|p| number(p)).transpose()?.unwrap_or(0);
    let time = Time::new(h as i8, mi as i8, sec as i8, 0).map_err(|e| bad(&e.to_string()))?;
    let offset_seconds = match offset {
        "" => None,
        "Z" | "z" => Some(0),
        o => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let digits: String = o[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("the UTC offset must read +HH:MM"));
            }
            let (oh, om) = (number(&digits[..2])?, number(&digits[2..])?);
            if oh > 18 || om > 59 {
                return Err(bad("the UTC offset is out of range"));
            }
            Some(sign * (oh * 3600 + om * 60) as i32)
        }
    };
    Ok(Published {
        date,
        time: Some(time),
        offset_seconds,
    })
}

/// ISO 8601 text for a publication date, as precise as it was given.
pub fn format_published(p: &Published) -> String {
    let mut out = p.date.to_string();
    if let Some(t) = p.time {
        out.push_str(&format!(
            "T{:02}:{:02}:{:02}",
            t.hour(),
            t.minute(),
            t.second()
        ));
        if let Some(off) = p.offset_seconds {
            if off == 0 {
                out.push('Z');
            } else {
                let sign = if off < 0 { '-' } else { '+' };
                let off = off.abs();
                out.push_str(&format!("{sign}{:02}:{:02}", off / 3600, off % 3600 / 60));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_at_their_precision() {
        for (input, expected) in [
            ("2015-12-21", "2015-12-21"),
            ("2015-12-21T00:09", "2015-12-21T00:09:00"),
            ("2015-12-21 00:09:30+01:00", "2015-12-21T00:09:30+01:00"),
            ("2015-12-21T00:09:00.123Z", "2015-12-21T00:09:00Z"),
            ("2015-12-21T00:09:00-0430", "2015-12-21T00:09:00-04:30"),
        ] {
            let p = parse_published(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(format_published(&p), expected);
        }
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for input in [
            "2015-02-31",
            "21/12/2015",
            "2015-12",
            "hier",
            "2015-12-21T25:00",
            "2015-12-21Tmidi",
            "",
        ] {
            let err = parse_published(input).expect_err(input);
            assert!(err.contains(input), "{err}");
        }
    }
}
