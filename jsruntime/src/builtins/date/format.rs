//! The string forms of a Date (21.4.4.35-21.4.4.45, B.2.3.3): `toString`
//! and its parts (21.4.4.41.1-21.4.4.41.4), `toISOString`, `toUTCString`,
//! the locale forms (a fixed en-US-like format: there is no Intl), `toJSON`
//! and `@@toPrimitive`.

use super::time::Fields;
use super::{this_time_value, zone};
use crate::builtins::arg;
use crate::conversions::Hint;
use crate::object::PropertyKey;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;
use std::fmt::Write;

const WEEK_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The month names, for the parser.
pub(crate) fn month_names() -> &'static [&'static str; 12] {
    &MONTHS
}

/// The sign and 4-digit (at least) year of DateString and toUTCString.
fn push_year(out: &mut String, year: i64) {
    if year < 0 {
        out.push('-');
    }
    let _ = write!(out, "{:04}", year.unsigned_abs());
}

/// 21.4.4.41.2 DateString ( tv ): "Www Mmm DD YYYY", tv in local time.
fn date_string(out: &mut String, tv: f64) {
    let f = Fields::of(tv);
    let _ = write!(
        out,
        "{} {} {:02} ",
        WEEK_DAYS[f.week_day as usize % 7],
        MONTHS[f.month as usize % 12],
        f.date
    );
    push_year(out, f.year);
}

/// 21.4.4.41.1 TimeString ( tv ): "HH:mm:ss GMT".
fn time_string(out: &mut String, tv: f64) {
    let f = Fields::of(tv);
    let _ = write!(out, "{:02}:{:02}:{:02} GMT", f.hour, f.minute, f.second);
}

/// 21.4.4.41.3 TimeZoneString ( tv ): "+HHMM (Name)", tv in UTC.
fn time_zone_string(out: &mut String, tv: f64) {
    let offset = zone::offset_ms(tv);
    let abs = (offset.abs() / 60_000.0).floor() as i64;
    let sign = if offset >= 0.0 { '+' } else { '-' };
    let _ = write!(out, "{sign}{:02}{:02}", abs / 60, abs % 60);
    let name = zone::zone_name(tv);
    if !name.is_empty() {
        let _ = write!(out, " ({name})");
    }
}

/// 21.4.4.41.4 ToDateString ( tv ).
pub(crate) fn to_date_string_of(tv: f64) -> String {
    if tv.is_nan() {
        return "Invalid Date".to_string();
    }
    let t = zone::local_time(tv);
    let mut out = String::with_capacity(64);
    date_string(&mut out, t);
    out.push(' ');
    time_string(&mut out, t);
    time_zone_string(&mut out, tv);
    out
}

fn string_value(rt: &mut Runtime, s: &str) -> JsResult<Value> {
    Ok(Value::string(rt.new_string(s)?))
}

/// 21.4.4.41 Date.prototype.toString ( ).
pub(crate) fn to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let tv = this_time_value(rt, this, "toString")?;
    string_value(rt, &to_date_string_of(tv))
}

/// 21.4.4.35 Date.prototype.toDateString ( ).
pub(crate) fn to_date_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let tv = this_time_value(rt, this, "toDateString")?;
    if tv.is_nan() {
        return string_value(rt, "Invalid Date");
    }
    let mut out = String::new();
    date_string(&mut out, zone::local_time(tv));
    string_value(rt, &out)
}

/// 21.4.4.42 Date.prototype.toTimeString ( ).
pub(crate) fn to_time_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let tv = this_time_value(rt, this, "toTimeString")?;
    if tv.is_nan() {
        return string_value(rt, "Invalid Date");
    }
    let mut out = String::new();
    time_string(&mut out, zone::local_time(tv));
    time_zone_string(&mut out, tv);
    string_value(rt, &out)
}

/// The 21.4.4.43 toUTCString form of a valid time value.
pub(crate) fn utc_string_of(tv: f64) -> String {
    let f = Fields::of(tv);
    let mut out = String::with_capacity(32);
    let _ = write!(
        out,
        "{}, {:02} {} ",
        WEEK_DAYS[f.week_day as usize % 7],
        f.date,
        MONTHS[f.month as usize % 12]
    );
    push_year(&mut out, f.year);
    out.push(' ');
    time_string(&mut out, tv);
    out
}

/// 21.4.4.43 Date.prototype.toUTCString ( ), also B.2.3.3 toGMTString.
pub(crate) fn to_utc_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let tv = this_time_value(rt, this, "toUTCString")?;
    if tv.is_nan() {
        return string_value(rt, "Invalid Date");
    }
    string_value(rt, &utc_string_of(tv))
}

/// The 21.4.1.32 Date Time String Format of a valid time value, in UTC:
/// "YYYY-MM-DDTHH:mm:ss.sssZ", with a signed 6-digit year outside 0-9999.
pub(crate) fn iso_string_of(tv: f64) -> String {
    let f = Fields::of(tv);
    let mut out = String::with_capacity(27);
    if (0..=9999).contains(&f.year) {
        let _ = write!(out, "{:04}", f.year);
    } else {
        let sign = if f.year < 0 { '-' } else { '+' };
        let _ = write!(out, "{sign}{:06}", f.year.unsigned_abs());
    }
    let _ = write!(
        out,
        "-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        f.month + 1,
        f.date,
        f.hour,
        f.minute,
        f.second,
        f.ms
    );
    out
}

/// 21.4.4.36 Date.prototype.toISOString ( ).
pub(crate) fn to_iso_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let tv = this_time_value(rt, this, "toISOString")?;
    // 4. If tv is not finite, throw a RangeError exception.
    if !tv.is_finite() {
        return Err(rt.range_error("Invalid time value"));
    }
    string_value(rt, &iso_string_of(tv))
}

/// 21.4.4.37 Date.prototype.toJSON ( key ).
pub(crate) fn to_json(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = Value::object(rt.to_object(this)?);
    // 2. Let tv be ? ToPrimitive(O, number).
    let tv = rt.to_primitive(o, Hint::Number)?;
    // 3. If tv is a Number and tv is not finite, return null.
    if tv.as_number().is_some_and(|n| !n.is_finite()) {
        return Ok(Value::NULL);
    }
    // 4. Return ? Invoke(O, "toISOString").
    let key = PropertyKey::String(rt.atom("toISOString")?);
    rt.invoke(o, key, &[])
}

/// The locale forms' date part: "M/D/YYYY" (local time).
fn locale_date(out: &mut String, f: &Fields) {
    let _ = write!(out, "{}/{}/", f.month + 1, f.date);
    if f.year < 0 {
        out.push('-');
    }
    let _ = write!(out, "{}", f.year.unsigned_abs());
}

/// The locale forms' time part: "h:mm:ss AM".
fn locale_time(out: &mut String, f: &Fields) {
    let h12 = if f.hour % 12 == 0 { 12 } else { f.hour % 12 };
    let ampm = if f.hour < 12 { "AM" } else { "PM" };
    let _ = write!(out, "{h12}:{:02}:{:02} {ampm}", f.minute, f.second);
}

fn locale_form(
    rt: &mut Runtime,
    this: Value,
    method: &str,
    date: bool,
    time: bool,
) -> JsResult<Value> {
    let tv = this_time_value(rt, this, method)?;
    if tv.is_nan() {
        return string_value(rt, "Invalid Date");
    }
    let f = Fields::of(zone::local_time(tv));
    let mut out = String::new();
    if date {
        locale_date(&mut out, &f);
    }
    if date && time {
        out.push_str(", ");
    }
    if time {
        locale_time(&mut out, &f);
    }
    string_value(rt, &out)
}

/// 21.4.4.38 Date.prototype.toLocaleDateString ( [ reserved1 [ , reserved2 ] ] ).
pub(crate) fn to_locale_date_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    locale_form(rt, this, "toLocaleDateString", true, false)
}

/// 21.4.4.39 Date.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ).
pub(crate) fn to_locale_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    locale_form(rt, this, "toLocaleString", true, true)
}

/// 21.4.4.40 Date.prototype.toLocaleTimeString ( [ reserved1 [ , reserved2 ] ] ).
pub(crate) fn to_locale_time_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    locale_form(rt, this, "toLocaleTimeString", false, true)
}

/// 21.4.4.45 Date.prototype [ %Symbol.toPrimitive% ] ( hint ).
pub(crate) fn to_primitive(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // 1-2. If O is not an Object, throw a TypeError exception.
    if !this.is_object() {
        return Err(rt.type_error("Date.prototype[Symbol.toPrimitive] called on a non-object"));
    }
    // 3-5. "string" or "default": string first; "number": number first;
    // anything else is a TypeError.
    let hint = arg(args, 0);
    let try_first = match hint.as_string().map(|s| s.to_rust_string()) {
        Some(s) if s == "string" || s == "default" => Hint::String,
        Some(s) if s == "number" => Hint::Number,
        _ => return Err(rt.type_error("Invalid hint")),
    };
    // 6. Return ? OrdinaryToPrimitive(O, tryFirst).
    rt.ordinary_to_primitive(this, try_first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_utc_forms() {
        assert_eq!(iso_string_of(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_string_of(-1.0), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso_string_of(8.64e15), "+275760-09-13T00:00:00.000Z");
        assert_eq!(iso_string_of(-8.64e15), "-271821-04-20T00:00:00.000Z");
        assert_eq!(
            iso_string_of(-62_198_755_200_000.0),
            "-000001-01-01T00:00:00.000Z"
        );
        assert_eq!(utc_string_of(0.0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(
            utc_string_of(-62_198_755_200_000.0),
            "Fri, 01 Jan -0001 00:00:00 GMT"
        );
    }
}
