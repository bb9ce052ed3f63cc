//! The string conversions: `join`, `toLocaleString`, `toString`.

use super::get_index;
use crate::builtins::arg;
use crate::gc::Gc;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::Runtime;
use crate::string::builder::StringBuilder;
use crate::string::JsString;
use crate::value::Value;
use crate::JsResult;

/// Joins the elements of `o` with `sep`, each converted by `convert` (empty
/// for undefined and null); with `plain`, `convert` is ToString, done here
/// for int32 elements.
fn join_with(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    len: f64,
    sep: Gc<JsString>,
    plain: bool,
    mut convert: impl FnMut(&mut Runtime, Value) -> JsResult<Gc<JsString>>,
) -> JsResult<Value> {
    // The separators alone would exceed the maximum string length: fail
    // before walking (2^32 - 1 holes take minutes), as V8 does.
    if len >= 2.0 && (len - 1.0) * sep.len() as f64 > crate::string::MAX_STRING_LENGTH as f64 {
        return Err(rt.range_error("Invalid string length"));
    }
    let mut out = StringBuilder::default();
    let mut k = 0.0;
    while k < len {
        rt.poll_interrupt()?;
        if k > 0.0 {
            out.push_string(&sep);
        }
        let element = get_index(rt, o, k)?;
        if let (true, Some(i)) = (plain, element.as_i32()) {
            // ToString of an int32 (6.1.6.1.20): its decimal digits, with
            // no string allocated for them.
            let mut digits = [0u8; 11];
            let mut at = digits.len();
            let mut n = i.unsigned_abs();
            loop {
                at -= 1;
                digits[at] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            if i < 0 {
                at -= 1;
                digits[at] = b'-';
            }
            out.push_view(crate::string::StrView::Latin1(&digits[at..]));
        } else if !element.is_nullish() {
            let s = convert(rt, element)?;
            out.push_string(&s);
        }
        if out.len() > crate::string::MAX_STRING_LENGTH {
            return Err(rt.range_error("Invalid string length"));
        }
        k += 1.0;
    }
    Ok(Value::string(rt.finish_string(out)?))
}

/// 23.1.3.18 Array.prototype.join ( separator ).
pub(super) fn join(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let sep = arg(args, 0);
    let sep = if sep.is_undefined() {
        rt.atom(",")?
    } else {
        rt.to_string(sep)?
    };
    join_with(rt, o, len, sep, true, |rt, v| rt.to_string(v))
}

/// 23.1.3.32 Array.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ):
/// without ECMA-402, the list separator is ",".
pub(super) fn to_locale_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let key = PropertyKey::String(rt.atom("toLocaleString")?);
    let sep = rt.atom(",")?;
    join_with(rt, o, len, sep, false, |rt, v| {
        let s = rt.invoke(v, key, &[])?;
        rt.to_string(s)
    })
}

/// 23.1.3.36 Array.prototype.toString ( ).
pub(super) fn to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let key = PropertyKey::String(rt.names.join);
    let func = rt.get(o, key, Value::object(o))?;
    if func.as_object().is_some_and(|f| f.is_callable()) {
        return rt.call(func, Value::object(o), &[]);
    }
    crate::builtins::object::object_to_string(rt, Value::object(o), &[])
}
