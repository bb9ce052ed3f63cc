//! The getters and setters of %Date.prototype% (21.4.4.2-21.4.4.34) and
//! Annex B's `getYear`/`setYear` (B.2.3.1, B.2.3.2).

use super::time::{
    day, make_date, make_day, make_full_year, make_time, time_clip, time_within_day, Fields,
    MS_PER_MINUTE,
};
use super::{set_date_value, this_date, this_time_value, zone};
use crate::builtins::arg;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// Which field a getter reads.
#[derive(Clone, Copy)]
enum Get {
    Year,
    Month,
    Date,
    Day,
    Hours,
    Minutes,
    Seconds,
    Ms,
}

/// The getters' common steps: 1-3. t = thisTimeValue; 4. NaN stays NaN;
/// 5. the field of LocalTime(t) (or of t for the UTC ones).
fn get_field(
    rt: &mut Runtime,
    this: Value,
    local: bool,
    which: Get,
    method: &str,
) -> JsResult<Value> {
    let t = this_time_value(rt, this, method)?;
    if t.is_nan() {
        return Ok(Value::number(f64::NAN));
    }
    let t = if local { zone::local_time(t) } else { t };
    // Only the calendar fields need the year; the others are one division.
    let within = time_within_day(t) as i64;
    let v = match which {
        Get::Year => Fields::of(t).year,
        Get::Month => Fields::of(t).month,
        Get::Date => Fields::of(t).date,
        Get::Day => (day(t) as i64 + 4).rem_euclid(7),
        Get::Hours => within / 3_600_000,
        Get::Minutes => within / 60_000 % 60,
        Get::Seconds => within / 1000 % 60,
        Get::Ms => within % 1000,
    };
    Ok(Value::number(v as f64))
}

macro_rules! getters {
    ($($(#[$doc:meta])* $name:ident = $js:literal, $local:expr, $which:ident;)*) => {$(
        $(#[$doc])*
        pub(crate) fn $name(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
            get_field(rt, this, $local, Get::$which, $js)
        }
    )*};
}

getters! {
    /// 21.4.4.2 Date.prototype.getDate ( ).
    get_date = "getDate", true, Date;
    /// 21.4.4.3 Date.prototype.getDay ( ).
    get_day = "getDay", true, Day;
    /// 21.4.4.4 Date.prototype.getFullYear ( ).
    get_full_year = "getFullYear", true, Year;
    /// 21.4.4.5 Date.prototype.getHours ( ).
    get_hours = "getHours", true, Hours;
    /// 21.4.4.6 Date.prototype.getMilliseconds ( ).
    get_milliseconds = "getMilliseconds", true, Ms;
    /// 21.4.4.7 Date.prototype.getMinutes ( ).
    get_minutes = "getMinutes", true, Minutes;
    /// 21.4.4.8 Date.prototype.getMonth ( ).
    get_month = "getMonth", true, Month;
    /// 21.4.4.9 Date.prototype.getSeconds ( ).
    get_seconds = "getSeconds", true, Seconds;
    /// 21.4.4.12 Date.prototype.getUTCDate ( ).
    get_utc_date = "getUTCDate", false, Date;
    /// 21.4.4.13 Date.prototype.getUTCDay ( ).
    get_utc_day = "getUTCDay", false, Day;
    /// 21.4.4.14 Date.prototype.getUTCFullYear ( ).
    get_utc_full_year = "getUTCFullYear", false, Year;
    /// 21.4.4.15 Date.prototype.getUTCHours ( ).
    get_utc_hours = "getUTCHours", false, Hours;
    /// 21.4.4.16 Date.prototype.getUTCMilliseconds ( ).
    get_utc_milliseconds = "getUTCMilliseconds", false, Ms;
    /// 21.4.4.17 Date.prototype.getUTCMinutes ( ).
    get_utc_minutes = "getUTCMinutes", false, Minutes;
    /// 21.4.4.18 Date.prototype.getUTCMonth ( ).
    get_utc_month = "getUTCMonth", false, Month;
    /// 21.4.4.19 Date.prototype.getUTCSeconds ( ).
    get_utc_seconds = "getUTCSeconds", false, Seconds;
}

/// 21.4.4.10 Date.prototype.getTime ( ), also 21.4.4.44
/// Date.prototype.valueOf ( ).
pub(crate) fn get_time(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::number(this_time_value(rt, this, "getTime")?))
}

/// 21.4.4.11 Date.prototype.getTimezoneOffset ( ).
pub(crate) fn get_timezone_offset(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let t = this_time_value(rt, this, "getTimezoneOffset")?;
    if t.is_nan() {
        return Ok(Value::number(f64::NAN));
    }
    // 5. Return (t - LocalTime(t)) / msPerMinute.
    Ok(Value::number((t - zone::local_time(t)) / MS_PER_MINUTE))
}

/// B.2.3.1 Date.prototype.getYear ( ).
pub(crate) fn get_year(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let t = this_time_value(rt, this, "getYear")?;
    if t.is_nan() {
        return Ok(Value::number(f64::NAN));
    }
    Ok(Value::number(
        Fields::of(zone::local_time(t)).year as f64 - 1900.0,
    ))
}

/// The fields a setter may write, in the order of MakeDay and MakeTime's
/// arguments: year, month, date, hours, minutes, seconds, ms.
const YEAR: usize = 0;
const MONTH: usize = 1;
const DATE: usize = 2;
const HOURS: usize = 3;
const MINUTES: usize = 4;
const SECONDS: usize = 5;
const MS: usize = 6;

/// The setters' common steps (21.4.4.20-21.4.4.34): with t the
/// [[DateValue]] read first, ToNumber of the first argument, then of each
/// further one that is present (up to `count` fields from `first`); if t
/// is NaN the result is NaN (setFullYear and setUTCFullYear start from +0
/// instead, after converting only the year); the other fields come from
/// LocalTime(t) (or t), and the result is TimeClip(UTC(MakeDate(...))).
fn set_fields(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
    local: bool,
    first: usize,
    count: usize,
    method: &str,
) -> JsResult<Value> {
    let (o, t) = this_date(rt, this, method)?;
    let mut given = [f64::NAN; 7];
    given[first] = super::to_number(rt, arg(args, 0))?;
    let year_setter = first == YEAR;
    // setFullYear converts its other arguments after replacing NaN (step 5
    // comes before 6-7); the order of the conversions is the same either way.
    for i in 1..count {
        if args.len() > i {
            given[first + i] = super::to_number(rt, args[i])?;
        }
    }
    let t = if t.is_nan() {
        if !year_setter {
            return Ok(Value::number(f64::NAN));
        }
        0.0
    } else if local {
        zone::local_time(t)
    } else {
        t
    };
    if first >= HOURS {
        // Only time fields change: MakeDay(YearFromTime(t), MonthFromTime(t),
        // DateFromTime(t)) is Day(t), so the calendar is not needed.
        let within = time_within_day(t) as i64;
        let mut v = [
            (within / 3_600_000) as f64,
            (within / 60_000 % 60) as f64,
            (within / 1000 % 60) as f64,
            (within % 1000) as f64,
        ];
        for i in 0..count {
            if i == 0 || args.len() > i {
                v[first - HOURS + i] = given[first + i];
            }
        }
        let date = make_date(day(t), make_time(v[0], v[1], v[2], v[3]));
        let u = time_clip(if local { zone::utc(date) } else { date });
        set_date_value(o, u);
        return Ok(Value::number(u));
    }
    let f = Fields::of(t);
    let mut v = [
        f.year as f64,
        f.month as f64,
        f.date as f64,
        f.hour as f64,
        f.minute as f64,
        f.second as f64,
        f.ms as f64,
    ];
    for i in 0..count {
        if i == 0 || args.len() > i {
            v[first + i] = given[first + i];
        }
    }
    let date = make_date(
        make_day(v[YEAR], v[MONTH], v[DATE]),
        make_time(v[HOURS], v[MINUTES], v[SECONDS], v[MS]),
    );
    let u = time_clip(if local { zone::utc(date) } else { date });
    set_date_value(o, u);
    Ok(Value::number(u))
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident = $js:literal, $local:expr, $first:ident, $count:literal;)*) => {$(
        $(#[$doc])*
        pub(crate) fn $name(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
            set_fields(rt, this, args, $local, $first, $count, $js)
        }
    )*};
}

setters! {
    /// 21.4.4.20 Date.prototype.setDate ( date ).
    set_date = "setDate", true, DATE, 1;
    /// 21.4.4.21 Date.prototype.setFullYear ( year [ , month [ , date ] ] ).
    set_full_year = "setFullYear", true, YEAR, 3;
    /// 21.4.4.22 Date.prototype.setHours ( hour [ , min [ , sec [ , ms ] ] ] ).
    set_hours = "setHours", true, HOURS, 4;
    /// 21.4.4.23 Date.prototype.setMilliseconds ( ms ).
    set_milliseconds = "setMilliseconds", true, MS, 1;
    /// 21.4.4.24 Date.prototype.setMinutes ( min [ , sec [ , ms ] ] ).
    set_minutes = "setMinutes", true, MINUTES, 3;
    /// 21.4.4.25 Date.prototype.setMonth ( month [ , date ] ).
    set_month = "setMonth", true, MONTH, 2;
    /// 21.4.4.26 Date.prototype.setSeconds ( sec [ , ms ] ).
    set_seconds = "setSeconds", true, SECONDS, 2;
    /// 21.4.4.28 Date.prototype.setUTCDate ( date ).
    set_utc_date = "setUTCDate", false, DATE, 1;
    /// 21.4.4.29 Date.prototype.setUTCFullYear ( year [ , month [ , date ] ] ).
    set_utc_full_year = "setUTCFullYear", false, YEAR, 3;
    /// 21.4.4.30 Date.prototype.setUTCHours ( hour [ , min [ , sec [ , ms ] ] ] ).
    set_utc_hours = "setUTCHours", false, HOURS, 4;
    /// 21.4.4.31 Date.prototype.setUTCMilliseconds ( ms ).
    set_utc_milliseconds = "setUTCMilliseconds", false, MS, 1;
    /// 21.4.4.32 Date.prototype.setUTCMinutes ( min [ , sec [ , ms ] ] ).
    set_utc_minutes = "setUTCMinutes", false, MINUTES, 3;
    /// 21.4.4.33 Date.prototype.setUTCMonth ( month [ , date ] ).
    set_utc_month = "setUTCMonth", false, MONTH, 2;
    /// 21.4.4.34 Date.prototype.setUTCSeconds ( sec [ , ms ] ).
    set_utc_seconds = "setUTCSeconds", false, SECONDS, 2;
}

/// 21.4.4.27 Date.prototype.setTime ( time ).
pub(crate) fn set_time(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (o, _) = this_date(rt, this, "setTime")?;
    let t = super::to_number(rt, arg(args, 0))?;
    let v = time_clip(t);
    set_date_value(o, v);
    Ok(Value::number(v))
}

/// B.2.3.2 Date.prototype.setYear ( year ).
pub(crate) fn set_year(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // 1-3. t is read before the conversion.
    let (o, t) = this_date(rt, this, "setYear")?;
    // 4. Let y be ? ToNumber(year).
    let y = super::to_number(rt, arg(args, 0))?;
    // 5. If t is NaN, set t to +0; otherwise, set t to LocalTime(t).
    let t = if t.is_nan() { 0.0 } else { zone::local_time(t) };
    // 6. Let yyyy be MakeFullYear(y).
    let yyyy = make_full_year(y);
    // 7-8. MakeDay(yyyy, MonthFromTime(t), DateFromTime(t)), the same time.
    let f = Fields::of(t);
    let d = make_day(yyyy, f.month as f64, f.date as f64);
    let date = make_date(d, time_within_day(t));
    // 9-10. Set [[DateValue]] to TimeClip(UTC(date)).
    let u = time_clip(zone::utc(date));
    set_date_value(o, u);
    Ok(Value::number(u))
}
