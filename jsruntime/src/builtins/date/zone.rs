//! Local time (21.4.1.20-21.4.1.26): the system time zone through `jiff`,
//! which reads `TZ` (an IANA name, a TZif path or a POSIX rule) or
//! /etc/localtime, and the IANA database in /usr/share/zoneinfo or, on a
//! machine without one, its bundled copy. The zone is read once per thread.
//!
//! jiff's instants cover the years -9999..9999. A later time value takes
//! the offset of the same moment 400·k years earlier (the Gregorian
//! calendar repeats every 400 years, weekdays included, so the zone's last
//! rule places DST the same way); an earlier one takes the offset of
//! jiff's first instant (the zone's local mean time).

use super::time::{civil_from_days, day, time_within_day, MS_PER_SECOND};
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::Timestamp;

thread_local! {
    /// The host's time zone (21.4.1.24 SystemTimeZoneIdentifier); UTC when
    /// the system names none that jiff can read.
    static SYSTEM: TimeZone = TimeZone::try_system().unwrap_or(TimeZone::UTC);
    /// The system zone's one offset in ms when it has no transitions at
    /// all (UTC, `Etc/GMT+5`, a POSIX rule without DST): LocalTime and UTC
    /// are then an addition, with no lookup.
    static FIXED: Option<f64> = SYSTEM.with(fixed_offset_ms);
}

/// The offset in ms of a zone whose offset never changes, else `None`.
fn fixed_offset_ms(tz: &TimeZone) -> Option<f64> {
    if let Ok(offset) = tz.to_fixed_offset() {
        return Some(f64::from(offset.seconds()) * MS_PER_SECOND);
    }
    // A TZif zone such as Etc/UTC: fixed when no transition exists on
    // either side of every instant.
    let none_after = tz.following(Timestamp::MIN).next().is_none();
    let none_before = tz.preceding(Timestamp::MAX).next().is_none();
    (none_after && none_before)
        .then(|| f64::from(tz.to_offset(Timestamp::UNIX_EPOCH).seconds()) * MS_PER_SECOND)
}

/// The system zone's offset when it is fixed (see `FIXED`).
fn fixed() -> Option<f64> {
    FIXED.with(|f| *f)
}

/// 400 Gregorian years in ms.
const MS_PER_400_YEARS: f64 = 146_097.0 * 86_400_000.0;

/// A time value after jiff's range moved back by whole 400-year cycles
/// (with two days to spare, so that local times stay representable too).
fn into_range(t: f64) -> f64 {
    let max = (Timestamp::MAX.as_second() - 2 * 86_400) as f64 * MS_PER_SECOND;
    if t > max {
        t - ((t - max) / MS_PER_400_YEARS).ceil() * MS_PER_400_YEARS
    } else {
        t
    }
}

/// The whole seconds of a finite time value, within jiff's range.
fn clamped_seconds(t: f64) -> i64 {
    let s = crate::conversions::floor(into_range(t) / MS_PER_SECOND);
    let lo = Timestamp::MIN.as_second() as f64;
    let hi = Timestamp::MAX.as_second() as f64;
    s.clamp(lo, hi) as i64
}

/// The offset in ms of `tz` at the instant `t` (ms since the epoch, UTC):
/// GetNamedTimeZoneOffsetNanoseconds (21.4.1.21) in milliseconds.
pub(crate) fn offset_of_utc(tz: &TimeZone, t: f64) -> f64 {
    if !t.is_finite() {
        return 0.0;
    }
    match Timestamp::from_second(clamped_seconds(t)) {
        Ok(ts) => f64::from(tz.to_offset(ts).seconds()) * MS_PER_SECOND,
        Err(_) => 0.0,
    }
}

/// The offset in ms that turns the local time `t` of `tz` into UTC, as
/// 21.4.1.26 UTC ( t ) chooses it: for a local time that occurs twice (a
/// fold) the earlier instant, whose offset is the one before the
/// transition; for a skipped local time (a gap) the offset before the
/// transition too.
pub(crate) fn offset_of_local(tz: &TimeZone, t: f64) -> f64 {
    // Far out of range the result is clipped to NaN anyway.
    if !t.is_finite() || t.abs() > 1e16 {
        return offset_of_utc(tz, t);
    }
    let t = into_range(t);
    let days = day(t);
    let within = time_within_day(t) as i64 / 1000;
    let (y, m, d) = civil_from_days(days as i64);
    let dt = i16::try_from(y).ok().and_then(|y| {
        DateTime::new(
            y,
            m as i8,
            d as i8,
            (within / 3600) as i8,
            (within / 60 % 60) as i8,
            (within % 60) as i8,
            0,
        )
        .ok()
    });
    let Some(dt) = dt else {
        // Beyond jiff's civil range: the offset at the nearest instant.
        return offset_of_utc(tz, t);
    };
    let offset = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset,
        AmbiguousOffset::Gap { before, .. } | AmbiguousOffset::Fold { before, .. } => before,
    };
    f64::from(offset.seconds()) * MS_PER_SECOND
}

/// The zone's abbreviation at the instant `t` ("EST", "CEST", "UTC").
pub(crate) fn abbreviation_of_utc(tz: &TimeZone, t: f64) -> String {
    match Timestamp::from_second(clamped_seconds(t)) {
        Ok(ts) => tz.to_offset_info(ts).abbreviation().to_string(),
        Err(_) => String::new(),
    }
}

/// 21.4.1.25 LocalTime ( t ): t + the system zone's offset at t.
pub(crate) fn local_time(t: f64) -> f64 {
    t + offset_ms(t)
}

/// 21.4.1.26 UTC ( t ): the instant of the local time t (NaN stays NaN).
pub(crate) fn utc(t: f64) -> f64 {
    // 1. If t is not finite, return NaN.
    if !t.is_finite() {
        return f64::NAN;
    }
    if let Some(offset) = fixed() {
        return t - offset;
    }
    if let Some(offset) = CACHE.with(|c| c.borrow_mut().local.lookup(t)) {
        return t - offset;
    }
    let offset = SYSTEM.with(|tz| {
        let offset = offset_of_local(tz, t);
        // The local times of the same period, away from its transitions
        // (where a local time may be skipped or occur twice), have the
        // same offset.
        if let Some(period) = Period::around(tz, t - offset) {
            CACHE.with(|c| c.borrow_mut().local.insert(period.local_interior()));
        }
        offset
    });
    t - offset
}

/// The system zone's offset in ms at the instant t.
pub(crate) fn offset_ms(t: f64) -> f64 {
    if let Some(offset) = fixed() {
        // As `offset_of_utc`: 0 for a time value that is not finite.
        return if t.is_finite() { offset } else { 0.0 };
    }
    if let Some(offset) = CACHE.with(|c| c.borrow_mut().utc.lookup(t)) {
        return offset;
    }
    SYSTEM.with(|tz| match Period::around(tz, t) {
        Some(utc) => {
            CACHE.with(|c| c.borrow_mut().utc.insert(utc));
            utc.offset
        }
        None => offset_of_utc(tz, t),
    })
}

/// A stretch of time with one offset of the system zone: the instants
/// (or, for [`Caches::local`], the local times) in `[start, end)` ms.
/// Date arithmetic asks about the same periods again and again: the
/// periods met ([`Caches`]) answer most times without asking jiff (a
/// search of the zone's transitions, or its POSIX rule, each time).
#[derive(Clone, Copy)]
struct Period {
    start: f64,
    end: f64,
    offset: f64,
}

impl Period {
    const EMPTY: Period = Period {
        start: 0.0,
        end: 0.0,
        offset: 0.0,
    };

    fn lookup(&self, t: f64) -> Option<f64> {
        // (-Infinity is no time value: `offset_of_utc` gives it 0.)
        (t.is_finite() && self.start <= t && t < self.end).then_some(self.offset)
    }

    /// The period of instants around `t` between two transitions of `tz`
    /// (`None` outside the range where `offset_of_utc` asks jiff about `t`
    /// itself).
    fn around(tz: &TimeZone, t: f64) -> Option<Period> {
        if !t.is_finite() || into_range(t) != t {
            return None;
        }
        let s = crate::conversions::floor(t / MS_PER_SECOND);
        let (lo, hi) = (
            Timestamp::MIN.as_second() as f64,
            Timestamp::MAX.as_second() as f64,
        );
        if !(lo < s && s < hi) {
            return None;
        }
        let at = Timestamp::from_second(s as i64).ok()?;
        let offset = f64::from(tz.to_offset(at).seconds()) * MS_PER_SECOND;
        // The last transition at or before `at` (`preceding` is strict) and
        // the first after it; none: the offset holds to the end of time
        // (before the first transition, `offset_of_utc` clamps to jiff's
        // first instant, which has this offset too).
        let start = at
            .checked_add(jiff::SignedDuration::from_secs(1))
            .ok()
            .and_then(|next| tz.preceding(next).next())
            .map_or(f64::NEG_INFINITY, |tr| {
                tr.timestamp().as_second() as f64 * MS_PER_SECOND
            });
        let end = tz.following(at).next().map_or(f64::INFINITY, |tr| {
            tr.timestamp().as_second() as f64 * MS_PER_SECOND
        });
        // Past jiff's range the offset is that of an instant 400·k years
        // earlier (`into_range`): the period stops where that begins.
        let max = (Timestamp::MAX.as_second() - 2 * 86_400) as f64 * MS_PER_SECOND;
        Some(Period {
            start,
            end: end.min(max),
            offset,
        })
    }

    /// The local times of this period of instants that occur once and
    /// only in it: more than two days (more than any offset change) from
    /// either transition.
    fn local_interior(&self) -> Period {
        const MARGIN: f64 = 2.0 * 86_400_000.0;
        let start = self.start + self.offset + MARGIN;
        // Capped where `offset_of_local` starts moving local times back by
        // 400-year cycles.
        let max = (Timestamp::MAX.as_second() - 2 * 86_400) as f64 * MS_PER_SECOND;
        let end = (self.end + self.offset - MARGIN).min(max);
        if start < end {
            Period {
                start,
                end,
                offset: self.offset,
            }
        } else {
            Period::EMPTY
        }
    }
}

/// The periods met so far, sorted and disjoint, in one direction: date
/// arithmetic over a range of years visits the same few dozen periods
/// again and again. Bounded: past `MAX_PERIODS` the list starts over.
#[derive(Default)]
struct Periods {
    // GC: periods are three f64s (ms bounds and an offset), no GC reference.
    list: Vec<Period>,
    /// The index of the period that answered last: the getters of one
    /// date ask about the same time one after another.
    last: usize,
}

const MAX_PERIODS: usize = 4096;

impl Periods {
    fn lookup(&mut self, t: f64) -> Option<f64> {
        if let Some(offset) = self.list.get(self.last).and_then(|p| p.lookup(t)) {
            return Some(offset);
        }
        let i = self.list.partition_point(|p| p.start <= t).checked_sub(1)?;
        let offset = self.list.get(i)?.lookup(t)?;
        self.last = i;
        Some(offset)
    }

    fn insert(&mut self, period: Period) {
        if period.start >= period.end {
            return;
        }
        if self.list.len() >= MAX_PERIODS {
            self.list.clear();
        }
        let i = self.list.partition_point(|p| p.start < period.start);
        // A period already known (two lookups of one period from times
        // the list had no answer for cannot happen, but stay disjoint).
        if self.list.get(i).is_some_and(|p| p.start == period.start) {
            return;
        }
        self.list.insert(i, period);
        self.last = i;
    }
}

/// The zone's periods of instants (for LocalTime) and of local times (for
/// UTC); the zone of a thread is fixed.
#[derive(Default)]
struct Caches {
    utc: Periods,
    local: Periods,
}

thread_local! {
    static CACHE: std::cell::RefCell<Caches> = std::cell::RefCell::new(Caches::default());
}

/// The name 21.4.4.41.3 TimeZoneString may append: the system zone's
/// abbreviation at t, spelled out for UTC as other engines do.
pub(crate) fn zone_name(t: f64) -> String {
    let a = SYSTEM.with(|tz| abbreviation_of_utc(tz, t));
    if a == "UTC" {
        "Coordinated Universal Time".to_string()
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::super::time::{make_date, make_day, make_time};
    use super::*;

    fn local(y: f64, mo: f64, d: f64, h: f64, mi: f64) -> f64 {
        make_date(make_day(y, mo, d), make_time(h, mi, 0.0, 0.0))
    }

    const HOUR: f64 = 3_600_000.0;

    #[test]
    fn new_york_offsets_follow_dst() {
        let Ok(tz) = TimeZone::get("America/New_York") else {
            return;
        };
        // 2024-01-15T12:00Z: EST; 2024-07-15T12:00Z: EDT.
        assert_eq!(
            offset_of_utc(&tz, local(2024.0, 0.0, 15.0, 12.0, 0.0)),
            -5.0 * HOUR
        );
        assert_eq!(
            offset_of_utc(&tz, local(2024.0, 6.0, 15.0, 12.0, 0.0)),
            -4.0 * HOUR
        );
        assert_eq!(
            abbreviation_of_utc(&tz, local(2024.0, 6.0, 15.0, 12.0, 0.0)),
            "EDT"
        );
        // 1883 before standard time: local mean time, -4:56:02.
        assert_eq!(
            offset_of_utc(&tz, local(1850.0, 0.0, 1.0, 0.0, 0.0)),
            -(4.0 * HOUR + 56.0 * 60_000.0 + 2_000.0)
        );
        // Far outside jiff's range: local mean time in the past, the
        // last rule (DST in September) in the future.
        assert_eq!(offset_of_utc(&tz, -8.64e15), offset_of_utc(&tz, -3.0e14));
        assert_eq!(offset_of_utc(&tz, 8.64e15), -4.0 * HOUR);
        assert_eq!(offset_of_local(&tz, 8.64e15), -4.0 * HOUR);
    }

    #[test]
    fn fixed_zones_have_one_offset() {
        assert_eq!(fixed_offset_ms(&TimeZone::UTC), Some(0.0));
        let plus_five = TimeZone::posix("XYZ-5").expect("valid rule");
        assert_eq!(fixed_offset_ms(&plus_five), Some(5.0 * HOUR));
        if let Ok(tz) = TimeZone::get("Etc/UTC") {
            assert_eq!(fixed_offset_ms(&tz), Some(0.0));
        }
        if let Ok(tz) = TimeZone::get("America/New_York") {
            assert_eq!(fixed_offset_ms(&tz), None);
        }
        let dst = TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").expect("valid rule");
        assert_eq!(fixed_offset_ms(&dst), None);
    }

    #[test]
    fn skipped_and_repeated_local_times() {
        let Ok(tz) = TimeZone::get("America/New_York") else {
            return;
        };
        // 2024-03-10 02:30 does not exist (02:00 EST -> 03:00 EDT): the
        // offset before the transition, EST.
        assert_eq!(
            offset_of_local(&tz, local(2024.0, 2.0, 10.0, 2.0, 30.0)),
            -5.0 * HOUR
        );
        // 2024-11-03 01:30 happens twice: the earlier, EDT.
        assert_eq!(
            offset_of_local(&tz, local(2024.0, 10.0, 3.0, 1.0, 30.0)),
            -4.0 * HOUR
        );
        // Either side of them: unambiguous.
        assert_eq!(
            offset_of_local(&tz, local(2024.0, 2.0, 10.0, 3.0, 30.0)),
            -4.0 * HOUR
        );
        assert_eq!(
            offset_of_local(&tz, local(2024.0, 10.0, 3.0, 2.0, 30.0)),
            -5.0 * HOUR
        );
    }

    #[test]
    fn historical_offsets() {
        let Ok(tz) = TimeZone::get("Europe/Berlin") else {
            return;
        };
        // Summer 1945 in Berlin: double summer time (+3).
        assert_eq!(
            offset_of_utc(&tz, local(1945.0, 5.0, 1.0, 12.0, 0.0)),
            3.0 * HOUR
        );
        assert_eq!(offset_of_utc(&tz, local(2000.0, 0.0, 1.0, 12.0, 0.0)), HOUR);
        // The POSIX TZ form works too.
        let posix = TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").expect("valid rule");
        assert_eq!(
            offset_of_utc(&posix, local(2030.0, 6.0, 1.0, 0.0, 0.0)),
            -4.0 * HOUR
        );
    }

    /// The periods cached by `offset_ms` and `utc` give what a lookup of
    /// each time would: instants on both sides of transitions, and local
    /// times in gaps and folds (which the local period leaves out).
    #[test]
    fn cached_periods_agree_with_lookups() {
        for name in ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe"] {
            let Ok(tz) = TimeZone::get(name) else {
                continue;
            };
            let mut t = local(1890.0, 0.0, 1.0, 0.0, 0.0);
            let stop = local(2060.0, 0.0, 1.0, 0.0, 0.0);
            // A step of 9h 31m 7.123s: every hour of the day is visited,
            // and the edges of transitions come within minutes.
            let step = 9.0 * HOUR + 31.0 * 60_000.0 + 7_123.0;
            let mut known = Caches::default();
            while t < stop {
                let period = Period::around(&tz, t).expect("in range");
                known.utc.insert(period);
                for probe in [t, period.start, period.end - 1.0, t + HOUR, t - HOUR] {
                    if let Some(offset) = period.lookup(probe) {
                        assert_eq!(offset, offset_of_utc(&tz, probe), "{name} utc {probe}");
                    }
                }
                let offset = offset_of_local(&tz, t);
                let local = Period::around(&tz, t - offset)
                    .expect("in range")
                    .local_interior();
                known.local.insert(local);
                for probe in [
                    t,
                    local.start,
                    local.end - 1.0,
                    t + 3.0 * HOUR,
                    t - 3.0 * HOUR,
                ] {
                    if let Some(offset) = local.lookup(probe) {
                        assert_eq!(offset, offset_of_local(&tz, probe), "{name} local {probe}");
                    }
                }
                t += step;
            }
            // The lists answer as lookups do, in another order (every
            // 7 hours 7 minutes, backwards).
            let mut t = stop;
            let (mut hits, mut local_hits) = (0, 0);
            while t > local(1890.0, 0.0, 1.0, 0.0, 0.0) {
                if let Some(offset) = known.utc.lookup(t) {
                    assert_eq!(offset, offset_of_utc(&tz, t), "{name} listed utc {t}");
                    hits += 1;
                }
                if let Some(offset) = known.local.lookup(t) {
                    assert_eq!(offset, offset_of_local(&tz, t), "{name} listed local {t}");
                    local_hits += 1;
                }
                t -= 7.0 * HOUR + 7.0 * 60_000.0;
            }
            assert!(
                hits > 100_000 && local_hits > 100_000,
                "{name}: {hits} {local_hits}"
            );
        }
    }
}
