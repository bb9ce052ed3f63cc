//! The methods that build a new array from the elements: `concat`, `flat`,
//! `flatMap`, `slice`, `splice`, `toReversed`, `toSpliced`, `with`.

use super::mutate::move_element;
use super::{
    array_create, array_species_create, callable, create_index, delete_index, get_index, has_index,
    relative_end, relative_index, set_index, set_length, MAX_SAFE_INTEGER,
};
use crate::builtins::arg;
use crate::conversions::to_boolean;
use crate::gc::Gc;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::Runtime;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// 23.1.3.2.1 IsConcatSpreadable ( O ) (#sec-isconcatspreadable).
fn is_concat_spreadable(rt: &mut Runtime, v: Value) -> JsResult<bool> {
    let Some(o) = v.as_object() else {
        return Ok(false);
    };
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::IsConcatSpreadable));
    let spreadable = rt.get(o, key, v)?;
    if !spreadable.is_undefined() {
        return Ok(to_boolean(spreadable));
    }
    rt.is_array(v)
}

/// 23.1.3.2 Array.prototype.concat ( ...items ).
pub(super) fn concat(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let a = array_species_create(rt, o, 0.0)?;
    let mut n = 0.0;
    // Step 4: O, then the arguments.
    for e in std::iter::once(Value::object(o)).chain(args.iter().copied()) {
        if is_concat_spreadable(rt, e)? {
            let Some(eo) = e.as_object() else {
                return Err(rt.type_error("internal error: spreadable non-object"));
            };
            let len = rt.length_of_array_like(eo)?;
            if n + len > MAX_SAFE_INTEGER {
                return Err(rt.type_error("concat: the result would be too long"));
            }
            let mut k = 0.0;
            while k < len {
                if has_index(rt, eo, k)? {
                    let sub = get_index(rt, eo, k)?;
                    create_index(rt, a, n, sub)?;
                }
                n += 1.0;
                k += 1.0;
            }
        } else {
            if n >= MAX_SAFE_INTEGER {
                return Err(rt.type_error("concat: the result would be too long"));
            }
            create_index(rt, a, n, e)?;
            n += 1.0;
        }
    }
    set_length(rt, a, n)?;
    Ok(Value::object(a))
}

/// The mapper of `flatMap` and its thisArg.
type Mapper = Option<(Value, Value)>;

/// 23.1.3.13.1 FlattenIntoArray ( target, source, sourceLen, start, depth
/// [ , mapperFunction [ , thisArg ] ] ) (#sec-flattenintoarray): the next
/// target index.
fn flatten_into_array(
    rt: &mut Runtime,
    target: Gc<JsObject>,
    source: Gc<JsObject>,
    source_len: f64,
    start: f64,
    depth: f64,
    mapper: Mapper,
) -> JsResult<f64> {
    // Nested (or cyclic) arrays recurse: end in a RangeError, not a crash.
    rt.check_stack()?;
    let mut target_index = start;
    let mut source_index = 0.0;
    while source_index < source_len {
        if has_index(rt, source, source_index)? {
            let mut element = get_index(rt, source, source_index)?;
            if let Some((f, this_arg)) = mapper {
                element = rt.call(
                    f,
                    this_arg,
                    &[element, Value::number(source_index), Value::object(source)],
                )?;
            }
            let flatten = depth > 0.0 && rt.is_array(element)?;
            match element.as_object() {
                Some(eo) if flatten => {
                    let new_depth = depth - 1.0; // Infinity stays Infinity.
                    let element_len = rt.length_of_array_like(eo)?;
                    target_index = flatten_into_array(
                        rt,
                        target,
                        eo,
                        element_len,
                        target_index,
                        new_depth,
                        None,
                    )?;
                }
                _ => {
                    if target_index >= MAX_SAFE_INTEGER {
                        return Err(rt.type_error("flat: the result would be too long"));
                    }
                    create_index(rt, target, target_index, element)?;
                    target_index += 1.0;
                }
            }
        }
        source_index += 1.0;
    }
    Ok(target_index)
}

/// 23.1.3.13 Array.prototype.flat ( [ depth ] ).
pub(super) fn flat(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let source_len = rt.length_of_array_like(o)?;
    let depth = arg(args, 0);
    let mut depth_num = 1.0;
    if !depth.is_undefined() {
        depth_num = rt.to_integer_or_infinity(depth)?.max(0.0);
    }
    let a = array_species_create(rt, o, 0.0)?;
    flatten_into_array(rt, a, o, source_len, 0.0, depth_num, None)?;
    Ok(Value::object(a))
}

/// 23.1.3.14 Array.prototype.flatMap ( mapperFunction [ , thisArg ] ).
pub(super) fn flat_map(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let source_len = rt.length_of_array_like(o)?;
    let mapper = callable(rt, arg(args, 0))?;
    let a = array_species_create(rt, o, 0.0)?;
    let m = Some((mapper, arg(args, 1)));
    flatten_into_array(rt, a, o, source_len, 0.0, 1.0, m)?;
    Ok(Value::object(a))
}

/// 23.1.3.28 Array.prototype.slice ( start, end ).
pub(super) fn slice(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let mut k = relative_index(rt, arg(args, 0), len)?;
    let final_ = relative_end(rt, arg(args, 1), len)?;
    let count = (final_ - k).max(0.0);
    let a = array_species_create(rt, o, count)?;
    let mut n = 0.0;
    while k < final_ {
        if has_index(rt, o, k)? {
            let v = get_index(rt, o, k)?;
            create_index(rt, a, n, v)?;
        }
        k += 1.0;
        n += 1.0;
    }
    set_length(rt, a, n)?;
    Ok(Value::object(a))
}

/// The actual start and delete (skip) count of `splice` and `toSpliced`
/// (steps 3–8 / 3–9).
fn splice_range(rt: &mut Runtime, args: &[Value], len: f64) -> JsResult<(f64, f64)> {
    let actual_start = relative_index(rt, arg(args, 0), len)?;
    let count = match args.len() {
        0 => 0.0,
        1 => len - actual_start,
        _ => {
            let dc = rt.to_integer_or_infinity(args[1])?;
            dc.clamp(0.0, len - actual_start)
        }
    };
    Ok((actual_start, count))
}

/// 23.1.3.31 Array.prototype.splice ( start, deleteCount, ...items ).
pub(super) fn splice(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let (actual_start, delete_count) = splice_range(rt, args, len)?;
    let items = args.get(2..).unwrap_or(&[]);
    let item_count = items.len() as f64;
    // Step 9.
    if len + item_count - delete_count > MAX_SAFE_INTEGER {
        return Err(rt.type_error("splice: the result would be too long"));
    }
    // Steps 10–12: the deleted elements.
    let a = array_species_create(rt, o, delete_count)?;
    let mut k = 0.0;
    while k < delete_count {
        let from = actual_start + k;
        if has_index(rt, o, from)? {
            let v = get_index(rt, o, from)?;
            create_index(rt, a, k, v)?;
        }
        k += 1.0;
    }
    set_length(rt, a, delete_count)?;
    // Steps 15–16: move the tail.
    // Step 15.b / 16.b as one memmove on plain storage.
    let tail = len - delete_count - actual_start;
    let moved = item_count != delete_count
        && tail > 0.0
        && len + item_count < f64::from(u32::MAX)
        && rt.try_move_plain_elements(
            o,
            (actual_start + delete_count) as u32,
            (actual_start + item_count) as u32,
            tail as u32,
        )?;
    if item_count < delete_count {
        let mut k = if moved {
            len - delete_count
        } else {
            actual_start
        };
        while k < len - delete_count {
            move_element(rt, o, k + delete_count, k + item_count)?;
            k += 1.0;
        }
        let mut k = len;
        while k > len - delete_count + item_count {
            delete_index(rt, o, k - 1.0)?;
            k -= 1.0;
        }
    } else if item_count > delete_count {
        let mut k = if moved {
            actual_start
        } else {
            len - delete_count
        };
        while k > actual_start {
            move_element(rt, o, k + delete_count - 1.0, k + item_count - 1.0)?;
            k -= 1.0;
        }
    }
    // Steps 17–18.
    for (i, &e) in items.iter().enumerate() {
        set_index(rt, o, actual_start + i as f64, e)?;
    }
    set_length(rt, o, len - delete_count + item_count)?;
    Ok(Value::object(a))
}

/// 23.1.3.33 Array.prototype.toReversed ( ).
pub(super) fn to_reversed(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let a = array_create(rt, len)?;
    let mut k = 0.0;
    while k < len {
        let v = get_index(rt, o, len - k - 1.0)?;
        create_index(rt, a, k, v)?;
        k += 1.0;
    }
    Ok(Value::object(a))
}

/// 23.1.3.35 Array.prototype.toSpliced ( start, skipCount, ...items ).
pub(super) fn to_spliced(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let (actual_start, skip_count) = splice_range(rt, args, len)?;
    let items = args.get(2..).unwrap_or(&[]);
    // Steps 10–11.
    let new_len = len + items.len() as f64 - skip_count;
    if new_len > MAX_SAFE_INTEGER {
        return Err(rt.type_error("toSpliced: the result would be too long"));
    }
    let a = array_create(rt, new_len)?;
    let mut i = 0.0;
    let mut r = actual_start + skip_count;
    while i < actual_start {
        let v = get_index(rt, o, i)?;
        create_index(rt, a, i, v)?;
        i += 1.0;
    }
    for &e in items {
        create_index(rt, a, i, e)?;
        i += 1.0;
    }
    while i < new_len {
        let v = get_index(rt, o, r)?;
        create_index(rt, a, i, v)?;
        i += 1.0;
        r += 1.0;
    }
    Ok(Value::object(a))
}

/// 23.1.3.39 Array.prototype.with ( index, value ).
pub(super) fn with(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let rel = rt.to_integer_or_infinity(arg(args, 0))?;
    let actual = if rel >= 0.0 { rel } else { len + rel };
    if actual >= len || actual < 0.0 {
        return Err(rt.range_error("Invalid index"));
    }
    let a = array_create(rt, len)?;
    let value = arg(args, 1);
    let mut k = 0.0;
    while k < len {
        let v = if k == actual {
            value
        } else {
            get_index(rt, o, k)?
        };
        create_index(rt, a, k, v)?;
        k += 1.0;
    }
    Ok(Value::object(a))
}
