//! The methods that call a callback per element: `every`, `filter`, `find`,
//! `findIndex`, `findLast`, `findLastIndex`, `forEach`, `map`, `reduce`,
//! `reduceRight`, `some`.

use super::{array_species_create, callable, create_index, get_index, has_index, present_index};
use crate::builtins::arg;
use crate::conversions::to_boolean;
use crate::gc::Gc;
use crate::object::JsObject;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// 𝔽(k) for an element index (an integer, 0 ≤ k < 2^53): the int32 form
/// directly, as `Value::number` makes it, without its general checks.
#[inline]
fn index_value(k: f64) -> Value {
    if k < 2147483648.0 {
        Value::from_i32(k as i32)
    } else {
        Value::number(k)
    }
}

/// ToObject(this), LengthOfArrayLike and the IsCallable check of the
/// callback (steps 1–3 of every method here).
fn prologue(rt: &mut Runtime, this: Value, f: Value) -> JsResult<(Gc<JsObject>, f64, Value)> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let f = callable(rt, f)?;
    Ok((o, len, f))
}

/// Visits the present elements in ascending order; `visit` returns
/// `Some(result)` to stop early.
fn each_present(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
    mut visit: impl FnMut(&mut Runtime, f64, Value, Value) -> JsResult<Option<Value>>,
) -> JsResult<Option<Value>> {
    let (o, len, f) = prologue(rt, this, arg(args, 0))?;
    let this_arg = arg(args, 1);
    let mut k = 0.0;
    while k < len {
        if let Some(k_value) = present_index(rt, o, k)? {
            let result = rt.call(f, this_arg, &[k_value, index_value(k), Value::object(o)])?;
            if let Some(r) = visit(rt, k, k_value, result)? {
                return Ok(Some(r));
            }
        }
        k += 1.0;
    }
    Ok(None)
}

/// 23.1.3.6 Array.prototype.every ( callbackfn [ , thisArg ] ).
pub(super) fn every(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = each_present(rt, this, args, |_, _, _, result| {
        Ok((!to_boolean(result)).then_some(Value::FALSE))
    })?;
    Ok(r.unwrap_or(Value::TRUE))
}

/// 23.1.3.29 Array.prototype.some ( callbackfn [ , thisArg ] ).
pub(super) fn some(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = each_present(rt, this, args, |_, _, _, result| {
        Ok(to_boolean(result).then_some(Value::TRUE))
    })?;
    Ok(r.unwrap_or(Value::FALSE))
}

/// 23.1.3.15 Array.prototype.forEach ( callbackfn [ , thisArg ] ).
pub(super) fn for_each(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    each_present(rt, this, args, |_, _, _, _| Ok(None))?;
    Ok(Value::UNDEFINED)
}

/// 23.1.3.21 Array.prototype.map ( callbackfn [ , thisArg ] ).
pub(super) fn map(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1–5: A is created after the callable check.
    let (o, len, f) = prologue(rt, this, arg(args, 0))?;
    let a = array_species_create(rt, o, len)?;
    let this_arg = arg(args, 1);
    let mut k = 0.0;
    while k < len {
        if let Some(k_value) = present_index(rt, o, k)? {
            let mapped = rt.call(f, this_arg, &[k_value, index_value(k), Value::object(o)])?;
            create_index(rt, a, k, mapped)?;
        }
        k += 1.0;
    }
    Ok(Value::object(a))
}

/// 23.1.3.8 Array.prototype.filter ( callbackfn [ , thisArg ] ).
pub(super) fn filter(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (o, len, f) = prologue(rt, this, arg(args, 0))?;
    let a = array_species_create(rt, o, 0.0)?;
    let this_arg = arg(args, 1);
    let (mut k, mut to) = (0.0, 0.0);
    while k < len {
        if let Some(k_value) = present_index(rt, o, k)? {
            let selected = rt.call(f, this_arg, &[k_value, index_value(k), Value::object(o)])?;
            if to_boolean(selected) {
                create_index(rt, a, to, k_value)?;
                to += 1.0;
            }
        }
        k += 1.0;
    }
    Ok(Value::object(a))
}

/// 23.1.3.12.1 FindViaPredicate ( O, len, direction, predicate, thisArg )
/// (#sec-findviapredicate): the index and value found, or (-1, undefined).
fn find_via_predicate(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
    ascending: bool,
) -> JsResult<(f64, Value)> {
    let (o, len, predicate) = prologue(rt, this, arg(args, 0))?;
    let this_arg = arg(args, 1);
    let mut i = 0.0;
    while i < len {
        let k = if ascending { i } else { len - 1.0 - i };
        let k_value = get_index(rt, o, k)?;
        let result = rt.call(
            predicate,
            this_arg,
            &[k_value, index_value(k), Value::object(o)],
        )?;
        if to_boolean(result) {
            return Ok((k, k_value));
        }
        i += 1.0;
    }
    Ok((-1.0, Value::UNDEFINED))
}

/// 23.1.3.9 Array.prototype.find ( predicate [ , thisArg ] ).
pub(super) fn find(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    Ok(find_via_predicate(rt, this, args, true)?.1)
}

/// 23.1.3.10 Array.prototype.findIndex ( predicate [ , thisArg ] ).
pub(super) fn find_index(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::number(find_via_predicate(rt, this, args, true)?.0))
}

/// 23.1.3.11 Array.prototype.findLast ( predicate [ , thisArg ] ).
pub(super) fn find_last(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    Ok(find_via_predicate(rt, this, args, false)?.1)
}

/// 23.1.3.12 Array.prototype.findLastIndex ( predicate [ , thisArg ] ).
pub(super) fn find_last_index(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::number(find_via_predicate(rt, this, args, false)?.0))
}

/// 23.1.3.24 Array.prototype.reduce and 23.1.3.25 reduceRight
/// ( callbackfn [ , initialValue ] ).
fn reduce_in(rt: &mut Runtime, this: Value, args: &[Value], ascending: bool) -> JsResult<Value> {
    let (o, len, f) = prologue(rt, this, arg(args, 0))?;
    let initial_present = args.len() >= 2;
    // Step 4.
    if len == 0.0 && !initial_present {
        return Err(rt.type_error("Reduce of empty array with no initial value"));
    }
    // `i` counts visited positions; the index is `i` or `len - 1 - i`.
    let index = |i: f64| if ascending { i } else { len - 1.0 - i };
    let mut i = 0.0;
    let mut accumulator = Value::UNDEFINED;
    if initial_present {
        accumulator = arg(args, 1);
    } else {
        // Step 8: the first present element.
        let mut k_present = false;
        while !k_present && i < len {
            let k = index(i);
            k_present = has_index(rt, o, k)?;
            if k_present {
                accumulator = get_index(rt, o, k)?;
            }
            i += 1.0;
        }
        if !k_present {
            return Err(rt.type_error("Reduce of empty array with no initial value"));
        }
    }
    // Step 9.
    while i < len {
        let k = index(i);
        if let Some(k_value) = present_index(rt, o, k)? {
            accumulator = rt.call(
                f,
                Value::UNDEFINED,
                &[accumulator, k_value, index_value(k), Value::object(o)],
            )?;
        }
        i += 1.0;
    }
    Ok(accumulator)
}

/// 23.1.3.24 Array.prototype.reduce ( callbackfn [ , initialValue ] ).
pub(super) fn reduce(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    reduce_in(rt, this, args, true)
}

/// 23.1.3.25 Array.prototype.reduceRight ( callbackfn [ , initialValue ] ).
pub(super) fn reduce_right(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    reduce_in(rt, this, args, false)
}
