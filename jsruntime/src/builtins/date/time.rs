//! Time values and the abstract operations of 21.4.1 (#sec-overview-of-date-objects-and-definitions-of-abstract-operations):
//! pure functions on f64 milliseconds since the epoch, UTC. The calendar
//! (year, month, day from a day number and back) is computed exactly with
//! integers; everything the spec writes as Number arithmetic stays f64.

use crate::conversions::{floor, integer_or_infinity};

/// 21.4.1.1 Time Values and Time Range: ms per day.
pub(crate) const MS_PER_DAY: f64 = 86_400_000.0;
/// 21.4.1.11: ms per hour, minute, second.
pub(crate) const MS_PER_HOUR: f64 = 3_600_000.0;
pub(crate) const MS_PER_MINUTE: f64 = 60_000.0;
pub(crate) const MS_PER_SECOND: f64 = 1_000.0;
/// The largest |time value| (21.4.1.1): 100,000,000 days.
pub(crate) const MAX_TIME: f64 = 8.64e15;

/// `t` as an integer when it is one below 2^53 in magnitude: every time
/// value is, and so is LocalTime of one (offsets are whole seconds). The
/// integer forms of Day and TimeWithinDay are exact (the f64 division is
/// a rounded quotient) and avoid a `divsd` per getter.
fn integral_ms(t: f64) -> Option<i64> {
    if t.abs() < 9_007_199_254_740_992.0 {
        let i = t as i64;
        if i as f64 == t {
            return Some(i);
        }
    }
    None
}

const MS_PER_DAY_I: i64 = 86_400_000;

/// 21.4.1.3 Day ( t ).
pub(crate) fn day(t: f64) -> f64 {
    match integral_ms(t) {
        Some(i) => i.div_euclid(MS_PER_DAY_I) as f64,
        None => floor(t / MS_PER_DAY),
    }
}

/// 21.4.1.4 TimeWithinDay ( t ): t modulo msPerDay (always positive).
pub(crate) fn time_within_day(t: f64) -> f64 {
    if let Some(i) = integral_ms(t) {
        return i.rem_euclid(MS_PER_DAY_I) as f64;
    }
    // Exact for the integral values in range, and much faster than fmod.
    let r = t - day(t) * MS_PER_DAY;
    if (0.0..MS_PER_DAY).contains(&r) {
        return r;
    }
    let r = t.rem_euclid(MS_PER_DAY);
    // rem_euclid of a tiny negative value can round up to the divisor.
    if r >= MS_PER_DAY {
        0.0
    } else {
        r
    }
}

/// 21.4.1.5 DaysInYear ( y ), for an integral year.
pub(crate) fn days_in_year(y: i64) -> i64 {
    if is_leap(y) {
        366
    } else {
        365
    }
}

fn is_leap(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// The day number (days since the epoch) of year `y`, month `m` (1-12),
/// day `d` (1-31) of the proleptic Gregorian calendar (H. Hinnant's
/// days_from_civil; exact for |y| up to about 10^15).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month 1-12, day 1-31) of a day number (the inverse of
/// [`days_from_civil`]).
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The calendar fields of a finite time value (21.4.1.8-21.4.1.17 at once).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Fields {
    /// YearFromTime.
    pub year: i64,
    /// MonthFromTime (0-11).
    pub month: i64,
    /// DateFromTime (1-31).
    pub date: i64,
    /// WeekDay (0 = Sunday).
    pub week_day: i64,
    /// HourFromTime, MinFromTime, SecFromTime, msFromTime.
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    pub ms: i64,
}

impl Fields {
    /// The fields of `t`, which must be finite (and is at most a little more
    /// than [`MAX_TIME`] in magnitude: a clipped time value plus an offset).
    pub(crate) fn of(t: f64) -> Fields {
        // Getters called one after another on the same date (`getDate()`,
        // `getMonth()`, a setter's LocalTime) ask for the same t: one
        // entry remembers the last answer.
        thread_local! {
            static LAST: std::cell::Cell<Option<(u64, Fields)>> =
                const { std::cell::Cell::new(None) };
        }
        let key = t.to_bits();
        if let Some((k, fields)) = LAST.with(|last| last.get()) {
            if k == key {
                return fields;
            }
        }
        let fields = Fields::compute(t);
        LAST.with(|last| last.set(Some((key, fields))));
        fields
    }

    fn compute(t: f64) -> Fields {
        let (days, within) = match integral_ms(t) {
            Some(i) => (i.div_euclid(MS_PER_DAY_I), i.rem_euclid(MS_PER_DAY_I)),
            None => (day(t) as i64, time_within_day(t) as i64),
        };
        let (year, month, date) = civil_from_days(days);
        Fields {
            year,
            month: month - 1,
            date,
            // 21.4.1.10 WeekDay: (Day(t) + 4) modulo 7.
            week_day: (days + 4).rem_euclid(7),
            hour: within / 3_600_000,
            minute: within / 60_000 % 60,
            second: within / 1000 % 60,
            ms: within % 1000,
        }
    }
}

/// 21.4.1.6 DayFromYear ( y ), as the spec writes it (the runtime uses
/// [`days_from_civil`]; the tests check they agree).
#[cfg(test)]
fn day_from_year(y: i64) -> i64 {
    365 * (y - 1970) + (y - 1969).div_euclid(4) - (y - 1901).div_euclid(100)
        + (y - 1601).div_euclid(400)
}

/// 21.4.1.27 MakeTime ( hour, min, sec, ms ).
pub(crate) fn make_time(hour: f64, min: f64, sec: f64, ms: f64) -> f64 {
    // 1. If any argument is not finite, return NaN.
    if !(hour.is_finite() && min.is_finite() && sec.is_finite() && ms.is_finite()) {
        return f64::NAN;
    }
    // 2-5. ToIntegerOrInfinity of each.
    let (h, m, s, milli) = (
        integer_or_infinity(hour),
        integer_or_infinity(min),
        integer_or_infinity(sec),
        integer_or_infinity(ms),
    );
    // 6. (h × msPerHour + m × msPerMinute) + s × msPerSecond + milli, with
    // IEEE 754 arithmetic.
    ((h * MS_PER_HOUR + m * MS_PER_MINUTE) + s * MS_PER_SECOND) + milli
}

/// 21.4.1.28 MakeDay ( year, month, date ).
pub(crate) fn make_day(year: f64, month: f64, date: f64) -> f64 {
    // 1. If any argument is not finite, return NaN.
    if !(year.is_finite() && month.is_finite() && date.is_finite()) {
        return f64::NAN;
    }
    // 2-4.
    let y = integer_or_infinity(year);
    let m = integer_or_infinity(month);
    let dt = integer_or_infinity(date);
    // 5. Let ym be y + 𝔽(floor(ℝ(m) / 12)); and 7. Let mn be 𝔽(ℝ(m)
    // modulo 12). Exact in i64 for the integral m below 2^53 (no fmod).
    let (ym, mn) = if m.abs() < 9_007_199_254_740_992.0 {
        let m = m as i64;
        (y + m.div_euclid(12) as f64, m.rem_euclid(12) as f64)
    } else {
        (y + floor(m / 12.0), m.rem_euclid(12.0))
    };
    // 6. If ym is not finite, return NaN.
    if !ym.is_finite() {
        return f64::NAN;
    }
    // 8. The day of the first of month mn of year ym; NaN when out of
    // range (a year this far out can never make a valid time value with
    // any date, since |date| beyond 2^53 days is not exact either).
    if ym.abs() > 1e15 {
        return f64::NAN;
    }
    let first = days_from_civil(ym as i64, mn as i64 + 1, 1);
    // 9. Return Day(t) + dt - 1𝔽.
    first as f64 + dt - 1.0
}

/// 21.4.1.29 MakeDate ( day, time ).
pub(crate) fn make_date(day: f64, time: f64) -> f64 {
    // 1. If day or time is not finite, return NaN.
    if !(day.is_finite() && time.is_finite()) {
        return f64::NAN;
    }
    // 2. Let tv be day × msPerDay + time.
    let tv = day * MS_PER_DAY + time;
    // 3. If tv is not finite, return NaN.
    if !tv.is_finite() {
        return f64::NAN;
    }
    tv
}

/// 21.4.1.30 MakeFullYear ( year ): two-digit years are 1900-1999.
pub(crate) fn make_full_year(year: f64) -> f64 {
    if year.is_nan() {
        return f64::NAN;
    }
    let truncated = integer_or_infinity(year);
    if (0.0..=99.0).contains(&truncated) {
        1900.0 + truncated
    } else {
        year
    }
}

/// 21.4.1.31 TimeClip ( time ).
pub(crate) fn time_clip(time: f64) -> f64 {
    if !time.is_finite() || time.abs() > MAX_TIME {
        return f64::NAN;
    }
    // ToIntegerOrInfinity, which also turns -0 into +0.
    integer_or_infinity(time) + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_day_from_year() {
        for y in [
            -271_821, -10_000, -1, 0, 1, 1600, 1900, 1969, 1970, 2000, 2024, 275_760,
        ] {
            assert_eq!(days_from_civil(y, 1, 1), day_from_year(y), "year {y}");
            for z in [
                days_from_civil(y, 1, 1),
                days_from_civil(y, 2, 29),
                days_from_civil(y, 12, 31),
            ] {
                let (yy, mm, dd) = civil_from_days(z);
                assert_eq!(days_from_civil(yy, mm, dd), z);
            }
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }

    #[test]
    fn leap_years() {
        assert_eq!(days_in_year(2000), 366);
        assert_eq!(days_in_year(1900), 365);
        assert_eq!(days_in_year(2024), 366);
        assert_eq!(days_in_year(0), 366);
        assert_eq!(days_in_year(-4), 366);
        assert_eq!(days_in_year(-100), 365);
        assert_eq!(days_in_year(-400), 366);
        // Feb 29 exists in leap years only: MakeDay(2023, 1, 29) is Mar 1.
        let d = make_day(2023.0, 1.0, 29.0);
        let f = Fields::of(make_date(d, 0.0));
        assert_eq!((f.year, f.month, f.date), (2023, 2, 1));
        let f = Fields::of(make_date(make_day(2024.0, 1.0, 29.0), 0.0));
        assert_eq!((f.year, f.month, f.date), (2024, 1, 29));
    }

    #[test]
    fn negative_years_and_times() {
        // -1 ms is 1969-12-31T23:59:59.999, a Wednesday.
        let f = Fields::of(-1.0);
        assert_eq!(
            (f.year, f.month, f.date, f.hour, f.minute, f.second, f.ms, f.week_day),
            (1969, 11, 31, 23, 59, 59, 999, 3)
        );
        // Year 0 and -1 (1 BC and 2 BC).
        let t = make_date(make_day(0.0, 0.0, 1.0), 0.0);
        assert_eq!(t, -62_167_219_200_000.0);
        assert_eq!(Fields::of(t).year, 0);
        assert_eq!(Fields::of(t - 1.0).year, -1);
        assert_eq!(Fields::of(t - 1.0).date, 31);
    }

    #[test]
    fn limits_of_the_time_range() {
        // +275760-09-13T00:00:00Z is the last valid time value.
        let t = make_date(make_day(275_760.0, 8.0, 13.0), 0.0);
        assert_eq!(t, MAX_TIME);
        assert_eq!(time_clip(t), MAX_TIME);
        assert!(time_clip(t + 1.0).is_nan());
        let t = make_date(make_day(-271_821.0, 3.0, 20.0), 0.0);
        assert_eq!(t, -MAX_TIME);
        assert!(time_clip(t - 1.0).is_nan());
        let f = Fields::of(-MAX_TIME);
        assert_eq!((f.year, f.month, f.date, f.week_day), (-271_821, 3, 20, 2));
        let f = Fields::of(MAX_TIME);
        assert_eq!((f.year, f.month, f.date, f.week_day), (275_760, 8, 13, 6));
    }

    #[test]
    fn make_functions_follow_the_spec() {
        assert!(make_time(f64::INFINITY, 0.0, 0.0, 0.0).is_nan());
        assert_eq!(
            make_time(1.9, 2.5, 3.0, 4.7),
            3_600_000.0 + 120_000.0 + 3_000.0 + 4.0
        );
        // Months out of range carry into the year, both ways.
        assert_eq!(make_day(2000.0, 12.0, 1.0), make_day(2001.0, 0.0, 1.0));
        assert_eq!(make_day(2000.0, -1.0, 1.0), make_day(1999.0, 11.0, 1.0));
        assert_eq!(make_day(2000.0, 0.0, 0.0), make_day(1999.0, 11.0, 31.0));
        assert!(make_day(1e300, 0.0, 1.0).is_nan());
        assert!(make_date(1e305, 0.0).is_nan());
        assert_eq!(make_full_year(99.9), 1999.0);
        assert_eq!(make_full_year(100.0), 100.0);
        assert_eq!(make_full_year(-1.0), -1.0);
        assert_eq!(time_clip(-0.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(time_clip(1.9), 1.0);
        assert_eq!(time_clip(-1.9), -1.0);
        assert_eq!(time_within_day(-1.0), MS_PER_DAY - 1.0);
        // The integer and the f64 forms agree, around day boundaries too.
        for t in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            86_399_999.0,
            86_400_000.0,
            -86_400_000.0,
            -86_400_001.0,
            8.64e15,
            -8.64e15,
            8.64e15 - 1.0,
            12.5,
            -12.5,
            86_399_999.5,
            -0.25,
        ] {
            assert_eq!(day(t), floor(t / MS_PER_DAY) + 0.0, "Day({t})");
            let r = time_within_day(t);
            assert!((0.0..MS_PER_DAY).contains(&r), "TimeWithinDay({t})");
            assert_eq!(day(t) * MS_PER_DAY + r, t + 0.0, "{t}");
        }
    }
}
