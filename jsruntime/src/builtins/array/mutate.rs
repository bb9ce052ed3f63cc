//! The methods that change the array in place: `copyWithin`, `fill`, `pop`,
//! `push`, `reverse`, `shift`, `unshift`.

use super::{
    delete_index, get_index, has_index, relative_end, relative_index, set_index, set_length,
    MAX_SAFE_INTEGER,
};
use crate::builtins::arg;
use crate::gc::Gc;
use crate::object::JsObject;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// Moves element `from` to `to`, deleting `to` when `from` is absent (the
/// loop body shared by `copyWithin`, `shift`, `unshift` and `splice`).
pub(super) fn move_element(rt: &mut Runtime, o: Gc<JsObject>, from: f64, to: f64) -> JsResult<()> {
    if has_index(rt, o, from)? {
        let v = get_index(rt, o, from)?;
        set_index(rt, o, to, v)
    } else {
        delete_index(rt, o, to)
    }
}

/// 23.1.3.4 Array.prototype.copyWithin ( target, start [ , end ] ).
pub(super) fn copy_within(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let mut to = relative_index(rt, arg(args, 0), len)?;
    let mut from = relative_index(rt, arg(args, 1), len)?;
    let final_ = relative_end(rt, arg(args, 2), len)?;
    let mut count = (final_ - from).min(len - to);
    // Steps 11-13 as one memmove on plain storage.
    if count > 0.0
        && count < f64::from(u32::MAX)
        && rt.try_move_plain_elements(o, from as u32, to as u32, count as u32)?
    {
        return Ok(Value::object(o));
    }
    // Step 12: copy backwards when the ranges overlap that way.
    let direction = if from < to && to < from + count {
        from += count - 1.0;
        to += count - 1.0;
        -1.0
    } else {
        1.0
    };
    while count > 0.0 {
        move_element(rt, o, from, to)?;
        from += direction;
        to += direction;
        count -= 1.0;
    }
    Ok(Value::object(o))
}

/// 23.1.3.7 Array.prototype.fill ( value [ , start [ , end ] ] ).
pub(super) fn fill(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let mut k = relative_index(rt, arg(args, 1), len)?;
    let final_ = relative_end(rt, arg(args, 2), len)?;
    let value = arg(args, 0);
    // Steps 6-7 at once on plain storage (no step can run code).
    if final_ <= f64::from(u32::MAX)
        && rt.try_fill_plain_elements(o, k as u32, final_ as u32, value)?
    {
        return Ok(Value::object(o));
    }
    while k < final_ {
        set_index(rt, o, k, value)?;
        k += 1.0;
    }
    Ok(Value::object(o))
}

/// 23.1.3.22 Array.prototype.pop ( ).
pub(super) fn pop(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    if let Some(element) = rt.try_pop_plain(o) {
        return Ok(element);
    }
    let len = rt.length_of_array_like(o)?;
    if len == 0.0 {
        set_length(rt, o, 0.0)?;
        return Ok(Value::UNDEFINED);
    }
    let new_len = len - 1.0;
    let element = get_index(rt, o, new_len)?;
    delete_index(rt, o, new_len)?;
    set_length(rt, o, new_len)?;
    Ok(element)
}

/// 23.1.3.23 Array.prototype.push ( ...items ).
pub(super) fn push(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    if let Some(n) = rt.try_push_plain(o, args)? {
        return Ok(Value::from_u32(n));
    }
    let len = rt.length_of_array_like(o)?;
    if len + args.len() as f64 > MAX_SAFE_INTEGER {
        return Err(rt.type_error("Pushing too many elements"));
    }
    let mut n = len;
    for &v in args {
        set_index(rt, o, n, v)?;
        n += 1.0;
    }
    set_length(rt, o, n)?;
    Ok(Value::number(n))
}

/// 23.1.3.26 Array.prototype.reverse ( ).
pub(super) fn reverse(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let middle = (len / 2.0).floor();
    let mut lower = 0.0;
    while lower != middle {
        let upper = len - lower - 1.0;
        let lower_exists = has_index(rt, o, lower)?;
        let lower_value = if lower_exists {
            get_index(rt, o, lower)?
        } else {
            Value::UNDEFINED
        };
        let upper_exists = has_index(rt, o, upper)?;
        let upper_value = if upper_exists {
            get_index(rt, o, upper)?
        } else {
            Value::UNDEFINED
        };
        match (lower_exists, upper_exists) {
            (true, true) => {
                set_index(rt, o, lower, upper_value)?;
                set_index(rt, o, upper, lower_value)?;
            }
            (false, true) => {
                set_index(rt, o, lower, upper_value)?;
                delete_index(rt, o, upper)?;
            }
            (true, false) => {
                delete_index(rt, o, lower)?;
                set_index(rt, o, upper, lower_value)?;
            }
            (false, false) => {}
        }
        lower += 1.0;
    }
    Ok(Value::object(o))
}

/// 23.1.3.27 Array.prototype.shift ( ).
pub(super) fn shift(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    if len == 0.0 {
        set_length(rt, o, 0.0)?;
        return Ok(Value::UNDEFINED);
    }
    let first = get_index(rt, o, 0.0)?;
    let mut k = 1.0;
    // Steps 6-7 as one memmove on plain storage.
    if len < f64::from(u32::MAX) && rt.try_move_plain_elements(o, 1, 0, len as u32 - 1)? {
        k = len;
    }
    while k < len {
        move_element(rt, o, k, k - 1.0)?;
        k += 1.0;
    }
    delete_index(rt, o, len - 1.0)?;
    set_length(rt, o, len - 1.0)?;
    Ok(first)
}

/// 23.1.3.37 Array.prototype.unshift ( ...items ).
pub(super) fn unshift(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let arg_count = args.len() as f64;
    if arg_count > 0.0 {
        if len + arg_count > MAX_SAFE_INTEGER {
            return Err(rt.type_error("Unshift would make the array too long"));
        }
        let mut k = len;
        // Step 4.c as one memmove on plain storage.
        if len > 0.0
            && len + arg_count < f64::from(u32::MAX)
            && rt.try_move_plain_elements(o, 0, arg_count as u32, len as u32)?
        {
            k = 0.0;
        }
        while k > 0.0 {
            move_element(rt, o, k - 1.0, k + arg_count - 1.0)?;
            k -= 1.0;
        }
        for (j, &item) in args.iter().enumerate() {
            set_index(rt, o, j as f64, item)?;
        }
    }
    set_length(rt, o, len + arg_count)?;
    Ok(Value::number(len + arg_count))
}
