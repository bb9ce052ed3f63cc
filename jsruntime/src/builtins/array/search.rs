//! Reading and searching: `at`, `includes`, `indexOf`, `lastIndexOf`.

use super::{get_index, has_index};
use crate::builtins::arg;
use crate::equality::{is_strictly_equal, same_value_zero};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// 23.1.3.1 Array.prototype.at ( index ) (#sec-array.prototype.at).
pub(super) fn at(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let rel = rt.to_integer_or_infinity(arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { len + rel };
    if k < 0.0 || k >= len {
        return Ok(Value::UNDEFINED);
    }
    get_index(rt, o, k)
}

/// The start index of `includes`/`indexOf` (steps 4–10): None when the
/// search cannot find anything.
fn start_index(rt: &mut Runtime, from: Value, len: f64) -> JsResult<Option<f64>> {
    let n = rt.to_integer_or_infinity(from)?;
    if n == f64::INFINITY {
        return Ok(None);
    }
    Ok(Some(if n >= 0.0 { n } else { (len + n).max(0.0) }))
}

/// 23.1.3.16 Array.prototype.includes ( searchElement [ , fromIndex ] ).
pub(super) fn includes(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    if len == 0.0 {
        return Ok(Value::FALSE);
    }
    let Some(mut k) = start_index(rt, arg(args, 1), len)? else {
        return Ok(Value::FALSE);
    };
    let search = arg(args, 0);
    while k < len {
        let element = get_index(rt, o, k)?;
        if same_value_zero(search, element) {
            return Ok(Value::TRUE);
        }
        k += 1.0;
    }
    Ok(Value::FALSE)
}

/// 23.1.3.17 Array.prototype.indexOf ( searchElement [ , fromIndex ] ).
pub(super) fn index_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let not_found = Value::from_i32(-1);
    if len == 0.0 {
        return Ok(not_found);
    }
    let Some(mut k) = start_index(rt, arg(args, 1), len)? else {
        return Ok(not_found);
    };
    let search = arg(args, 0);
    while k < len {
        if has_index(rt, o, k)? {
            let element = get_index(rt, o, k)?;
            if is_strictly_equal(search, element) {
                return Ok(Value::number(k));
            }
        }
        k += 1.0;
    }
    Ok(not_found)
}

/// 23.1.3.20 Array.prototype.lastIndexOf ( searchElement [ , fromIndex ] ).
pub(super) fn last_index_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let not_found = Value::from_i32(-1);
    if len == 0.0 {
        return Ok(not_found);
    }
    // Steps 4–6: fromIndex counts only when present.
    let n = if args.len() >= 2 {
        rt.to_integer_or_infinity(args[1])?
    } else {
        len - 1.0
    };
    if n == f64::NEG_INFINITY {
        return Ok(not_found);
    }
    let mut k = if n >= 0.0 { n.min(len - 1.0) } else { len + n };
    let search = arg(args, 0);
    while k >= 0.0 {
        if has_index(rt, o, k)? {
            let element = get_index(rt, o, k)?;
            if is_strictly_equal(search, element) {
                return Ok(Value::number(k));
            }
        }
        k -= 1.0;
    }
    Ok(not_found)
}
