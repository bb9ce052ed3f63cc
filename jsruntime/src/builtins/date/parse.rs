//! The parser behind `Date.parse` and `new Date(string)` (21.4.3.2): the
//! Date Time String Format (21.4.1.32), then a lenient reader of the forms
//! `toString`, `toUTCString` and the locale methods produce ("Tue Feb 01
//! 2022 00:00:00 GMT+0100 (CET)", "Tue, 01 Feb 2022 00:00:00 GMT",
//! "2/1/2022, 12:00:00 AM"). Anything else is NaN.

use super::format::month_names;
use super::time::{days_in_year, make_date, make_day, make_time, time_clip};
use super::zone;

/// 21.4.3.2 Date.parse ( string ): the time value of `s`, or NaN.
pub(crate) fn parse(s: &str) -> f64 {
    let s = s.trim_matches(|c: char| c.is_whitespace());
    if let Some(t) = parse_iso(s.as_bytes()) {
        return t;
    }
    parse_informal(s).map_or(f64::NAN, time_clip)
}

/// A little cursor over ASCII bytes.
struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Exactly `n` decimal digits.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut v = 0i64;
        for _ in 0..n {
            let d = self.peek().filter(u8::is_ascii_digit)?;
            v = v * 10 + i64::from(d - b'0');
            self.i += 1;
        }
        Some(v)
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }
}

/// 21.4.1.32 Date Time String Format (#sec-date-time-string-format):
/// `YYYY[-MM[-DD]][THH:mm[:ss[.sss]][Z|±HH:mm]]`, the year also as ±YYYYYY
/// (not -000000). Date-only forms are UTC, date-time forms without an
/// offset local time. More than three fraction digits are accepted (and
/// truncated), as other engines do. Out-of-range fields reject the string.
fn parse_iso(s: &[u8]) -> Option<f64> {
    let mut c = Cursor { s, i: 0 };
    // The year.
    let year = match c.peek()? {
        sign @ (b'+' | b'-') => {
            c.i += 1;
            let y = c.digits(6)?;
            if sign == b'-' {
                if y == 0 {
                    return None;
                }
                -y
            } else {
                y
            }
        }
        _ => c.digits(4)?,
    };
    let (mut month, mut day) = (1, 1);
    if c.eat(b'-') {
        month = c.digits(2)?;
        if c.eat(b'-') {
            day = c.digits(2)?;
        }
    }
    if !(1..=12).contains(&month) || !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let (mut h, mut m, mut sec, mut ms) = (0, 0, 0, 0);
    let mut has_time = false;
    let mut offset: Option<i64> = None;
    // A space for the T, as other engines accept ("2000-01-01 12:00").
    let space_time = c.peek() == Some(b' ') && c.s.get(c.i + 1).is_some_and(u8::is_ascii_digit);
    if c.eat(b'T') || c.eat(b't') || (space_time && c.eat(b' ')) {
        has_time = true;
        h = c.digits(2)?;
        if !c.eat(b':') {
            return None;
        }
        m = c.digits(2)?;
        if c.eat(b':') {
            sec = c.digits(2)?;
            if c.eat(b'.') {
                // At least one digit; the first three are the ms.
                let start = c.i;
                let mut scale = 100;
                while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
                    ms += i64::from(d - b'0') * scale;
                    scale /= 10;
                    c.i += 1;
                }
                if c.i == start {
                    return None;
                }
            }
        }
        if h > 24 || m > 59 || sec > 59 || (h == 24 && (m, sec, ms) != (0, 0, 0)) {
            return None;
        }
        match c.peek() {
            Some(b'Z' | b'z') => {
                c.i += 1;
                offset = Some(0);
            }
            Some(sign @ (b'+' | b'-')) => {
                c.i += 1;
                let oh = c.digits(2)?;
                if !c.eat(b':') {
                    return None;
                }
                let om = c.digits(2)?;
                if oh > 23 || om > 59 {
                    return None;
                }
                let o = (oh * 60 + om) * 60_000;
                offset = Some(if sign == b'-' { -o } else { o });
            }
            _ => {}
        }
    }
    if !c.at_end() {
        return None;
    }
    let t = make_date(
        make_day(year as f64, (month - 1) as f64, day as f64),
        make_time(h as f64, m as f64, sec as f64, ms as f64),
    );
    let t = match offset {
        Some(o) => t - o as f64,
        None if has_time => zone::utc(t),
        None => t,
    };
    Some(time_clip(t))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if days_in_year(year) == 366 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What the informal reader has seen.
#[derive(Default)]
struct Parts {
    month: Option<i64>,
    /// Numbers that are neither time nor offset: the day and the year,
    /// with their digit counts.
    // GC: integers only.
    numbers: Vec<(i64, usize)>,
    time: Option<(i64, i64, i64, i64)>,
    pm: Option<bool>,
    /// Minutes east of UTC, once "GMT"/"UTC"/"Z" or a signed offset is seen.
    offset: Option<i64>,
    slash_date: Option<(i64, i64, i64, usize)>,
}

/// The forms of `toString`, `toUTCString` and the locale methods, read
/// word by word: month names, weekday names (ignored), `h:mm[:ss[.sss]]`,
/// AM/PM, `GMT`/`UTC`/`Z` with an optional `±hhmm`, `M/D/YYYY`, a
/// parenthesised zone name (ignored), and the day and year numbers.
fn parse_informal(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut c = Cursor { s: b, i: 0 };
    let mut p = Parts::default();
    while let Some(ch) = c.peek() {
        match ch {
            b' ' | b',' | b'\t' | b'\n' | b'\r' => c.i += 1,
            b'(' => {
                let mut depth = 0;
                while let Some(ch) = c.peek() {
                    c.i += 1;
                    match ch {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                let start = c.i;
                while c
                    .peek()
                    .is_some_and(|ch| ch.is_ascii_alphabetic() || ch == b'.')
                {
                    c.i += 1;
                }
                let word = s[start..c.i].trim_end_matches('.').to_ascii_lowercase();
                word_of(&word, &mut p)?;
            }
            b'+' | b'-' => {
                c.i += 1;
                let start = c.i;
                let n = number(&mut c)?;
                let len = c.i - start;
                let negative = ch == b'-';
                if p.offset.is_some() || p.time.is_some() {
                    // An offset: hhmm, hh:mm or hh.
                    if len > 4 {
                        return None;
                    }
                    let minutes = if c.eat(b':') {
                        n * 60 + number(&mut c)?.min(99)
                    } else if len <= 2 {
                        n * 60
                    } else {
                        n / 100 * 60 + n % 100
                    };
                    p.offset = Some(if negative { -minutes } else { minutes });
                } else {
                    p.numbers.push((if negative { -n } else { n }, len.max(3)));
                }
            }
            b'0'..=b'9' => {
                let start = c.i;
                let n = number(&mut c)?;
                let len = c.i - start;
                if c.eat(b':') {
                    let m = number(&mut c)?;
                    let (mut sec, mut ms) = (0, 0);
                    if c.eat(b':') {
                        sec = number(&mut c)?;
                        if c.eat(b'.') {
                            let start = c.i;
                            let f = number(&mut c)?;
                            let digits = (c.i - start) as u32;
                            ms = if digits >= 3 {
                                f / 10i64.pow(digits.min(18) - 3)
                            } else {
                                f * 10i64.pow(3 - digits)
                            };
                        }
                    }
                    if p.time.is_some() || n > 24 || m > 59 || sec > 59 {
                        return None;
                    }
                    p.time = Some((n, m, sec, ms));
                } else if c.eat(b'/') {
                    let d = number(&mut c)?;
                    if !c.eat(b'/') {
                        return None;
                    }
                    let start = c.i;
                    let y = number(&mut c)?;
                    p.slash_date = Some((n, d, y, c.i - start));
                } else {
                    p.numbers.push((n, len));
                }
            }
            _ => return None,
        }
    }
    // The date: a month name with a day and a year, or M/D/Y.
    let (year, month, day, year_digits) = match (p.slash_date, p.month) {
        (Some((m, d, y, len)), None) if p.numbers.is_empty() => (y, m - 1, d, len),
        (None, Some(month)) => match p.numbers.as_slice() {
            // "Feb 01 2022", "01 Feb 2022"; a first number past 31 is the year.
            [(a, _), (y, len)] if *a <= 31 => (*y, month, *a, *len),
            [(y, len), (d, _)] => (*y, month, *d, *len),
            _ => return None,
        },
        _ => return None,
    };
    if !(1..=31).contains(&day) || !(0..12).contains(&month) {
        return None;
    }
    // Two-digit years are 1950-2049.
    let year = if year_digits <= 2 && (0..100).contains(&year) {
        if year < 50 {
            2000 + year
        } else {
            1900 + year
        }
    } else {
        year
    };
    let (mut h, m, sec, ms) = p.time.unwrap_or((0, 0, 0, 0));
    match p.pm {
        Some(pm) if (1..=12).contains(&h) => h = h % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    if h == 24 && (m, sec, ms) != (0, 0, 0) {
        return None;
    }
    let t = make_date(
        make_day(year as f64, month as f64, day as f64),
        make_time(h as f64, m as f64, sec as f64, ms as f64),
    );
    Some(match p.offset {
        Some(minutes) => t - minutes as f64 * 60_000.0,
        None => zone::utc(t),
    })
}

/// A run of decimal digits (at most 18).
fn number(c: &mut Cursor) -> Option<i64> {
    let start = c.i;
    let mut v = 0i64;
    while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
        if c.i - start >= 18 {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
        c.i += 1;
    }
    (c.i > start).then_some(v)
}

/// One word of the informal forms.
fn word_of(word: &str, p: &mut Parts) -> Option<()> {
    const WEEK_DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    match word {
        "am" | "a.m" => p.pm = Some(false),
        "pm" | "p.m" => p.pm = Some(true),
        "gmt" | "utc" | "ut" | "z" => p.offset = Some(0),
        _ if word.len() >= 3 => {
            let prefix = &word[..3];
            if WEEK_DAYS.contains(&prefix) {
                return Some(());
            }
            let m = month_names()
                .iter()
                .position(|n| n.eq_ignore_ascii_case(prefix))?;
            if p.month.is_some() {
                return None;
            }
            p.month = Some(m as i64);
        }
        _ => return None,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        assert_eq!(parse("1970"), 0.0);
        assert_eq!(parse("1970-01"), 0.0);
        assert_eq!(parse("1970-01-01"), 0.0);
        assert_eq!(parse("1970-01-01T00:00Z"), 0.0);
        assert_eq!(parse("1970-01-01T00:00:00.001Z"), 1.0);
        assert_eq!(parse("1970-01-01T01:00+01:00"), 0.0);
        assert_eq!(parse("1970-01-01T24:00:00Z"), 86_400_000.0);
        assert_eq!(parse("1970-01-02 00:00Z"), 86_400_000.0);
        assert_eq!(parse("+275760-09-13T00:00:00.000Z"), 8.64e15);
        assert_eq!(parse("-271821-04-20T00:00:00.000Z"), -8.64e15);
        assert_eq!(parse("-000001-01-01T00:00:00Z"), -62_198_755_200_000.0);
        for bad in [
            "-000000-01-01T00:00:00Z",
            "+275760-09-13T00:00:00.001Z",
            "1970-13-01",
            "1970-02-30",
            "1970-01-01T24:00:01Z",
            "1970-01-01T",
            "1970-01-01Z",
            "1970-1-1",
            "Invalid Date",
            "",
        ] {
            assert!(parse(bad).is_nan(), "{bad}");
        }
    }

    #[test]
    fn informal_forms() {
        assert_eq!(parse("Thu, 01 Jan 1970 00:00:00 GMT"), 0.0);
        assert_eq!(
            parse("Thu Jan 01 1970 01:00:00 GMT+0100 (Central European Standard Time)"),
            0.0
        );
        assert_eq!(
            parse("Fri, 01 Jan -0001 00:00:00 GMT"),
            -62_198_755_200_000.0
        );
        assert_eq!(parse("Wed Dec 31 1969 19:00:00 GMT-0500 (EST)"), 0.0);
        assert_eq!(parse("Sat, 13 Sep 275760 00:00:00 GMT"), 8.64e15);
        assert!(parse("Sat, 13 Sep 275760 00:00:01 GMT").is_nan());
        assert!(parse("Foo 13 1999").is_nan());
        assert!(parse("Jan 1 2000 10:00 GMT+999999999999999999").is_nan());
        assert!(parse("Jan 1 2000 10:00 GMT+99999999:999999999999999999").is_nan());
        assert!(parse("Jan 1 2000 10:00 GMT+1:999999999999999999").is_finite());
    }
}
