//! Date (21.4): the constructor and its statics (`constructor.rs`), the
//! time values and abstract operations of 21.4.1 (`time.rs`), local time
//! through the system time zone (`zone.rs`), the getters and setters
//! (`fields.rs`), the string forms (`format.rs`) and `Date.parse`
//! (`parse.rs`). A Date object is an object of kind
//! [`ObjectKind::Date`] holding its [[DateValue]] (a time value or NaN).

mod constructor;
mod fields;
mod format;
mod parse;
mod time;
mod zone;

use crate::gc::Gc;
use crate::object::{Attributes, JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Make, Prop};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 21.4.3 Properties of the Date Constructor
/// (#sec-properties-of-the-date-constructor).
pub(crate) static DATE: BuiltinObject = BuiltinObject {
    name: "Date",
    intrinsic: Some(Intrinsic::Date),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "Date",
        7,
        constructor::date_call,
        constructor::date_construct,
    ),
    props: &[
        Prop::method("now", 0, constructor::now),
        Prop::method("parse", 1, constructor::parse),
        Prop::prototype(Intrinsic::DatePrototype),
        Prop::method("UTC", 7, constructor::utc),
    ],
};

/// 21.4.4 Properties of the Date Prototype Object
/// (#sec-properties-of-the-date-prototype-object): an ordinary object (not
/// a Date), then Annex B.2.3's `getYear`, `setYear` and `toGMTString`.
pub(crate) static DATE_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Date.prototype",
    intrinsic: Some(Intrinsic::DatePrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::Date),
        Prop::method("getDate", 0, fields::get_date),
        Prop::method("getDay", 0, fields::get_day),
        Prop::method("getFullYear", 0, fields::get_full_year),
        Prop::method("getHours", 0, fields::get_hours),
        Prop::method("getMilliseconds", 0, fields::get_milliseconds),
        Prop::method("getMinutes", 0, fields::get_minutes),
        Prop::method("getMonth", 0, fields::get_month),
        Prop::method("getSeconds", 0, fields::get_seconds),
        Prop::method("getTime", 0, fields::get_time),
        Prop::method("getTimezoneOffset", 0, fields::get_timezone_offset),
        Prop::method("getUTCDate", 0, fields::get_utc_date),
        Prop::method("getUTCDay", 0, fields::get_utc_day),
        Prop::method("getUTCFullYear", 0, fields::get_utc_full_year),
        Prop::method("getUTCHours", 0, fields::get_utc_hours),
        Prop::method("getUTCMilliseconds", 0, fields::get_utc_milliseconds),
        Prop::method("getUTCMinutes", 0, fields::get_utc_minutes),
        Prop::method("getUTCMonth", 0, fields::get_utc_month),
        Prop::method("getUTCSeconds", 0, fields::get_utc_seconds),
        Prop::method("setDate", 1, fields::set_date),
        Prop::method("setFullYear", 3, fields::set_full_year),
        Prop::method("setHours", 4, fields::set_hours),
        Prop::method("setMilliseconds", 1, fields::set_milliseconds),
        Prop::method("setMinutes", 3, fields::set_minutes),
        Prop::method("setMonth", 2, fields::set_month),
        Prop::method("setSeconds", 2, fields::set_seconds),
        Prop::method("setTime", 1, fields::set_time),
        Prop::method("setUTCDate", 1, fields::set_utc_date),
        Prop::method("setUTCFullYear", 3, fields::set_utc_full_year),
        Prop::method("setUTCHours", 4, fields::set_utc_hours),
        Prop::method("setUTCMilliseconds", 1, fields::set_utc_milliseconds),
        Prop::method("setUTCMinutes", 3, fields::set_utc_minutes),
        Prop::method("setUTCMonth", 2, fields::set_utc_month),
        Prop::method("setUTCSeconds", 2, fields::set_utc_seconds),
        Prop::method("toDateString", 0, format::to_date_string),
        Prop::method("toISOString", 0, format::to_iso_string),
        Prop::method("toJSON", 1, format::to_json),
        Prop::method("toLocaleDateString", 0, format::to_locale_date_string),
        Prop::method("toLocaleString", 0, format::to_locale_string),
        Prop::method("toLocaleTimeString", 0, format::to_locale_time_string),
        Prop::method("toString", 0, format::to_string),
        Prop::method("toTimeString", 0, format::to_time_string),
        Prop::method("toUTCString", 0, format::to_utc_string),
        Prop::method("valueOf", 0, fields::get_time),
        Prop::method("@@toPrimitive", 1, format::to_primitive).attrs(Attributes::CONFIGURABLE_ONLY),
        // B.2.3 Additional Properties of the Date.prototype Object.
        Prop::method("getYear", 0, fields::get_year),
        Prop::method("setYear", 1, fields::set_year),
        Prop::alias("toGMTString", "toUTCString"),
    ],
};

/// 21.4.4 thisTimeValue ( value ): the Date object `this` and its
/// [[DateValue]], or a TypeError.
pub(crate) fn this_date(
    rt: &mut Runtime,
    this: Value,
    method: &str,
) -> JsResult<(Gc<JsObject>, f64)> {
    if let Some(o) = this.as_object() {
        if let ObjectKind::Date(t) = o.kind() {
            return Ok((o, *t));
        }
    }
    Err(rt.type_error(&format!(
        "Date.prototype.{method} requires that 'this' be a Date"
    )))
}

/// 21.4.4 thisTimeValue ( value ): the [[DateValue]] of `this`.
pub(crate) fn this_time_value(rt: &mut Runtime, this: Value, method: &str) -> JsResult<f64> {
    Ok(this_date(rt, this, method)?.1)
}

/// Sets the [[DateValue]] of a Date object.
pub(crate) fn set_date_value(o: Gc<JsObject>, t: f64) {
    // SAFETY: the object is live (the caller holds it) and nothing else
    // borrows its kind while this one field is written.
    if let ObjectKind::Date(slot) = unsafe { o.get_mut() }.kind_mut() {
        *slot = t;
    }
}

/// 7.1.4 ToNumber with the Number case inline (the setters' and the
/// constructor's arguments are nearly always Numbers).
#[inline]
pub(crate) fn to_number(rt: &mut Runtime, v: Value) -> JsResult<f64> {
    match v.as_number() {
        Some(d) => Ok(d),
        None => rt.to_number(v),
    }
}
