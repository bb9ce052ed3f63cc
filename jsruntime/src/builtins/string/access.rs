//! String.prototype methods that read code units or cut and join strings:
//! `at`, `charAt`, `charCodeAt`, `codePointAt`, `concat`, `repeat`,
//! `slice`, `substring` and Annex B `substr`.

use super::units::{clamp_index, code_point_at, relative_index, this_to_string, Units};
use crate::builtins::arg;
use crate::runtime::Runtime;
use crate::string::StrView;
use crate::value::Value;
use crate::JsResult;

/// 22.1.3.1 String.prototype.at ( index ) (#sec-string.prototype.at).
pub(super) fn at(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "at")?;
    let len = s.len() as f64;
    let relative = rt.to_integer_or_infinity(arg(args, 0))?;
    let k = if relative >= 0.0 {
        relative
    } else {
        len + relative
    };
    if k < 0.0 || k >= len {
        return Ok(Value::UNDEFINED);
    }
    let k = k as usize;
    Ok(Value::string(rt.substring(s, k, k + 1)?))
}

/// 22.1.3.2 String.prototype.charAt ( pos ) (#sec-string.prototype.charat).
pub(super) fn char_at(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "charAt")?;
    let position = rt.to_integer_or_infinity(arg(args, 0))?;
    if position < 0.0 || position >= s.len() as f64 {
        return Ok(Value::string(rt.empty_string()));
    }
    let p = position as usize;
    Ok(Value::string(rt.substring(s, p, p + 1)?))
}

/// 22.1.3.3 String.prototype.charCodeAt ( pos )
/// (#sec-string.prototype.charcodeat).
pub(super) fn char_code_at(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "charCodeAt")?;
    let position = rt.to_integer_or_infinity(arg(args, 0))?;
    if position < 0.0 || position >= s.len() as f64 {
        return Ok(Value::number(f64::NAN));
    }
    let unit = s.code_unit_at(position as usize).unwrap_or(0);
    Ok(Value::from_u32(u32::from(unit)))
}

/// 22.1.3.4 String.prototype.codePointAt ( pos )
/// (#sec-string.prototype.codepointat).
pub(super) fn code_point_at_method(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    let s = this_to_string(rt, this, "codePointAt")?;
    let position = rt.to_integer_or_infinity(arg(args, 0))?;
    if position < 0.0 || position >= s.len() as f64 {
        return Ok(Value::UNDEFINED);
    }
    let (cp, _) = code_point_at(s.view(), position as usize);
    Ok(Value::from_u32(cp))
}

/// 22.1.3.5 String.prototype.concat ( ...args )
/// (#sec-string.prototype.concat): `+` on strings, so long results are ropes.
pub(super) fn concat(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let mut r = this_to_string(rt, this, "concat")?;
    for &next in args {
        let next = rt.to_string(next)?;
        r = rt.concat_strings(r, next)?;
    }
    Ok(Value::string(r))
}

/// 22.1.3.18 String.prototype.repeat ( count )
/// (#sec-string.prototype.repeat). A result longer than a string can be is
/// a RangeError before anything is allocated.
pub(super) fn repeat(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "repeat")?;
    // Steps 3-5.
    let n = rt.to_integer_or_infinity(arg(args, 0))?;
    if n < 0.0 || n == f64::INFINITY {
        return Err(rt.range_error(&format!("Invalid count value: {n}")));
    }
    if n == 0.0 || s.is_empty() {
        return Ok(Value::string(rt.empty_string()));
    }
    Units::check_length(rt, n * s.len() as f64)?;
    let n = n as usize;
    let v = s.view();
    let mut out = Units::with_capacity(n * v.len());
    match (&mut out, v) {
        (Units::Latin1(b), StrView::Latin1(src)) => {
            for _ in 0..n {
                b.extend_from_slice(src);
            }
        }
        _ => {
            for _ in 0..n {
                out.push_all(v);
            }
        }
    }
    Ok(Value::string(out.finish(rt)?))
}

/// 22.1.3.22 String.prototype.slice ( start, end )
/// (#sec-string.prototype.slice).
pub(super) fn slice(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "slice")?;
    let len = s.len();
    let from = relative_index(rt.to_integer_or_infinity(arg(args, 0))?, len);
    let end = arg(args, 1);
    let to = if end.is_undefined() {
        len
    } else {
        relative_index(rt.to_integer_or_infinity(end)?, len)
    };
    if from >= to {
        return Ok(Value::string(rt.empty_string()));
    }
    Ok(Value::string(rt.substring(s, from, to)?))
}

/// 22.1.3.25 String.prototype.substring ( start, end )
/// (#sec-string.prototype.substring).
pub(super) fn substring(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "substring")?;
    let len = s.len();
    let int_start = rt.to_integer_or_infinity(arg(args, 0))?;
    let end = arg(args, 1);
    let int_end = if end.is_undefined() {
        len as f64
    } else {
        rt.to_integer_or_infinity(end)?
    };
    let (a, b) = (clamp_index(int_start, len), clamp_index(int_end, len));
    Ok(Value::string(rt.substring(s, a.min(b), a.max(b))?))
}

/// B.2.2.1 String.prototype.substr ( start, length )
/// (#sec-string.prototype.substr).
pub(super) fn substr(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "substr")?;
    let size = s.len();
    // Steps 4-7.
    let int_start = relative_index(rt.to_integer_or_infinity(arg(args, 0))?, size);
    // Steps 8-9.
    let length = arg(args, 1);
    let int_length = if length.is_undefined() {
        size as f64
    } else {
        rt.to_integer_or_infinity(length)?
    };
    let int_length = clamp_index(int_length, size);
    // Steps 10-11.
    let int_end = (int_start + int_length).min(size);
    if int_start >= int_end {
        return Ok(Value::string(rt.empty_string()));
    }
    Ok(Value::string(rt.substring(s, int_start, int_end)?))
}
