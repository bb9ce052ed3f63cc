//! The Date constructor (21.4.2) and its statics `Date.now`, `Date.parse`
//! and `Date.UTC` (21.4.3).

use super::time::{make_date, make_day, make_full_year, make_time, time_clip};
use super::{format, parse as date_parse, zone};
use crate::builtins::arg;
use crate::conversions::Hint;
use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// The current time value: ms since the epoch from the system clock.
pub(crate) fn current_time() -> f64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis() as f64,
        Err(e) => -(e.duration().as_millis() as f64),
    }
}

/// 21.4.2.1 Date ( ...values ), called as a function: step 1, the current
/// time as ToDateString would print it (the arguments are ignored).
pub(crate) fn date_call(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let s = format::to_date_string_of(current_time());
    Ok(Value::string(rt.new_string(&s)?))
}

/// 21.4.2.1 Date ( ...values ), constructed (#sec-date).
pub(crate) fn date_construct(
    rt: &mut Runtime,
    args: &[Value],
    nt: Gc<JsObject>,
) -> JsResult<Value> {
    let dv = match args.len() {
        // 3. No arguments: the current time.
        0 => current_time(),
        // 4. One argument.
        1 => {
            let value = args[0];
            // 4.a. A Date object: its time value.
            let date_value = value.as_object().and_then(|o| match o.kind() {
                ObjectKind::Date(t) => Some(*t),
                _ => None,
            });
            let tv = match date_value {
                Some(t) => t,
                None => {
                    // 4.b. Let v be ? ToPrimitive(value); a String is parsed.
                    let v = rt.to_primitive(value, Hint::Default)?;
                    match v.as_string() {
                        Some(s) => date_parse::parse(&s.to_rust_string()),
                        None => super::to_number(rt, v)?,
                    }
                }
            };
            // 4.d. Let dv be TimeClip(tv).
            time_clip(tv)
        }
        // 5. Two or more: the fields in local time.
        n => {
            let y = super::to_number(rt, args[0])?;
            let m = super::to_number(rt, args[1])?;
            let mut rest = [1.0, 0.0, 0.0, 0.0, 0.0];
            for (i, slot) in rest.iter_mut().enumerate() {
                if n > i + 2 {
                    *slot = super::to_number(rt, args[i + 2])?;
                }
            }
            let [dt, h, min, s, milli] = rest;
            let yr = make_full_year(y);
            let final_date = make_date(make_day(yr, m, dt), make_time(h, min, s, milli));
            time_clip(zone::utc(final_date))
        }
    };
    // 6-7. OrdinaryCreateFromConstructor after the conversions. For
    // `new Date(...)` itself GetPrototypeFromConstructor needs no lookup:
    // %Date%'s "prototype" is neither writable nor configurable (21.4.3.3),
    // so Get answers %Date.prototype% without running code.
    let o = if Value::object(nt) == rt.intrinsic(Intrinsic::Date) {
        let proto = rt.intrinsic(Intrinsic::DatePrototype);
        rt.new_object_with(proto, ObjectKind::Date(dv), 0)?
    } else {
        rt.ordinary_create_from_constructor(nt, Intrinsic::DatePrototype, ObjectKind::Date(dv), 0)?
    };
    Ok(Value::object(o))
}

/// 21.4.3.1 Date.now ( ).
pub(crate) fn now(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::number(current_time()))
}

/// 21.4.3.2 Date.parse ( string ).
pub(crate) fn parse(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let s = rt.to_string(arg(args, 0))?;
    Ok(Value::number(date_parse::parse(&s.to_rust_string())))
}

/// 21.4.3.4 Date.UTC ( year [ , month [ , date [ , hours [ , minutes [ ,
/// seconds [ , ms ] ] ] ] ] ] ).
pub(crate) fn utc(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // 1. Let y be ? ToNumber(year).
    let y = super::to_number(rt, arg(args, 0))?;
    // 2-7. The others when present, else 0 (the date 1).
    let mut rest = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (i, slot) in rest.iter_mut().enumerate() {
        if args.len() > i + 1 {
            *slot = super::to_number(rt, args[i + 1])?;
        }
    }
    let [m, dt, h, min, s, milli] = rest;
    // 8. Let yr be MakeFullYear(y).
    let yr = make_full_year(y);
    // 9. Return TimeClip(MakeDate(MakeDay(yr, m, dt), MakeTime(h, min, s, milli))).
    Ok(Value::number(time_clip(make_date(
        make_day(yr, m, dt),
        make_time(h, min, s, milli),
    ))))
}
