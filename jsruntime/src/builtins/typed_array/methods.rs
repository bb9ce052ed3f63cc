//! The methods of %TypedArray.prototype% (23.2.3), each its section step by
//! step. Element reads and writes go straight to the buffer (no user code
//! can run in TypedArrayGetElement); values are converted before the
//! bounds are checked again, as the spec orders it, since conversions may
//! run user code that shrinks or detaches the buffer.

use std::cmp::Ordering;

use super::{
    create_same_type, get_element, raw_to_value, set_element, species_create, to_raw,
    typed_array_data, validate, TypedArrayData,
};
use crate::builtins::arg;
use crate::builtins::array::sort::merge_sort;
use crate::builtins::array::{relative_end, relative_index};
use crate::builtins::array_buffer::{ElementType, Raw};
use crate::conversions::to_boolean;
use crate::equality::{is_strictly_equal, same_value_zero};
use crate::gc::Gc;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// The callback argument, which must be callable.
fn callback(rt: &mut Runtime, v: Value, method: &str) -> JsResult<Value> {
    if v.as_object().is_some_and(|f| f.is_callable()) {
        Ok(v)
    } else {
        let message = format!("{method}: the callback is not a function");
        Err(rt.type_error(&message))
    }
}

fn object(rt: &mut Runtime, v: Value) -> JsResult<Gc<JsObject>> {
    v.as_object().ok_or_else(|| rt.type_error("not an object"))
}

/// 23.2.3.1 %TypedArray%.prototype.at ( index ).
pub(super) fn at(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.at")?;
    let rel = rt.to_integer_or_infinity(arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { len as f64 + rel };
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::UNDEFINED);
    }
    get_element(rt, ta, k)
}

/// 23.2.3.6 %TypedArray%.prototype.copyWithin ( target, start [ , end ] ).
pub(super) fn copy_within(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.copyWithin")?;
    let lenf = len as f64;
    let target = relative_index(rt, arg(args, 0), lenf)?;
    let start = relative_index(rt, arg(args, 1), lenf)?;
    let end = relative_end(rt, arg(args, 2), lenf)?;
    // 10. Let count be min(endIndex - startIndex, len - targetIndex).
    let count = (end - start).min(lenf - target);
    if count > 0.0 {
        // 11.c-e. The length again: the conversions may have shrunk the buffer.
        let Some(len) = ta.length() else {
            return Err(
                rt.type_error("TypedArray.prototype.copyWithin: the typed array is out of bounds")
            );
        };
        let size = ta.ty.size();
        let offset = ta.byte_offset;
        // 11.h-k.
        let limit = len * size + offset;
        let to = target as usize * size + offset;
        let from = start as usize * size + offset;
        let count_bytes = count as usize * size;
        let bytes = ta.buffer_data().bytes();
        // 11.l-n: a byte-wise move that stops at the limit.
        let n = count_bytes
            .min(limit.saturating_sub(from))
            .min(limit.saturating_sub(to));
        if n > 0 && from + n <= bytes.len() && to + n <= bytes.len() {
            bytes.copy_within(from..from + n, to);
        }
    }
    Ok(this)
}

/// Which iteration method: what it returns.
#[derive(Clone, Copy, PartialEq)]
enum Find {
    Every,
    Some,
    Value,
    Index,
    ForEach,
}

/// The callback loop of every, some, find, findIndex, findLast,
/// findLastIndex and forEach (23.2.3.8, .28, .11, .12, .13, .14, .15).
fn iterate(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
    what: Find,
    backwards: bool,
    method: &str,
) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, method)?;
    let f = callback(rt, arg(args, 0), method)?;
    let this_arg = arg(args, 1);
    for i in 0..len {
        let k = if backwards { len - 1 - i } else { i } as f64;
        let v = get_element(rt, ta, k)?;
        let result = rt.call(f, this_arg, &[v, Value::number(k), this])?;
        let t = to_boolean(result);
        match what {
            Find::Every if !t => return Ok(Value::FALSE),
            Find::Some if t => return Ok(Value::TRUE),
            Find::Value if t => return Ok(v),
            Find::Index if t => return Ok(Value::number(k)),
            _ => {}
        }
    }
    Ok(match what {
        Find::Every => Value::TRUE,
        Find::Some => Value::FALSE,
        Find::Value | Find::ForEach => Value::UNDEFINED,
        Find::Index => Value::from_i32(-1),
    })
}

pub(super) fn every(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    iterate(
        rt,
        this,
        args,
        Find::Every,
        false,
        "TypedArray.prototype.every",
    )
}

pub(super) fn some(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    iterate(
        rt,
        this,
        args,
        Find::Some,
        false,
        "TypedArray.prototype.some",
    )
}

pub(super) fn find(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    iterate(
        rt,
        this,
        args,
        Find::Value,
        false,
        "TypedArray.prototype.find",
    )
}

pub(super) fn find_index(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    iterate(
        rt,
        this,
        args,
        Find::Index,
        false,
        "TypedArray.prototype.findIndex",
    )
}

pub(super) fn find_last(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    iterate(
        rt,
        this,
        args,
        Find::Value,
        true,
        "TypedArray.prototype.findLast",
    )
}

pub(super) fn find_last_index(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    iterate(
        rt,
        this,
        args,
        Find::Index,
        true,
        "TypedArray.prototype.findLastIndex",
    )
}

pub(super) fn for_each(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    iterate(
        rt,
        this,
        args,
        Find::ForEach,
        false,
        "TypedArray.prototype.forEach",
    )
}

/// 23.2.3.9 %TypedArray%.prototype.fill ( value [ , start [ , end ] ] ).
pub(super) fn fill(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.fill")?;
    // 4-5. ToBigInt or ToNumber first.
    let raw = to_raw(rt, ta.ty, arg(args, 0))?;
    let lenf = len as f64;
    let start = relative_index(rt, arg(args, 1), lenf)?;
    let end = relative_end(rt, arg(args, 2), lenf)?;
    // 15-17. Revalidate; the end is clamped to the current length.
    let Some(len) = ta.length() else {
        return Err(rt.type_error("TypedArray.prototype.fill: the typed array is out of bounds"));
    };
    let end = end.min(len as f64) as usize;
    for k in start as usize..end {
        ta.set_raw(k, raw);
    }
    Ok(this)
}

/// 23.2.3.10 %TypedArray%.prototype.filter ( callback [ , thisArg ] ).
pub(super) fn filter(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let method = "TypedArray.prototype.filter";
    let (ta, len) = validate(rt, this, method)?;
    let f = callback(rt, arg(args, 0), method)?;
    let this_arg = arg(args, 1);
    let mut kept = rt.rooted_list();
    for k in 0..len {
        let v = get_element(rt, ta, k as f64)?;
        let selected = rt.call(f, this_arg, &[v, Value::number(k as f64), this])?;
        if to_boolean(selected) {
            kept.push(v);
        }
    }
    let a = species_create(rt, this, &[Value::number(kept.len() as f64)])?;
    let ao = object(rt, a)?;
    for n in 0..kept.len() {
        let key = rt.index_key(n as f64)?;
        rt.set_property(ao, key, kept[n], true)?;
    }
    Ok(a)
}

/// 23.2.3.16 %TypedArray%.prototype.includes ( searchElement [ , fromIndex ] ).
pub(super) fn includes(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.includes")?;
    if len == 0 {
        return Ok(Value::FALSE);
    }
    let Some(mut k) = start_index(rt, arg(args, 1), len)? else {
        return Ok(Value::FALSE);
    };
    let search = arg(args, 0);
    while k < len {
        let v = get_element(rt, ta, k as f64)?;
        if same_value_zero(v, search) || bigint_equal(v, search) {
            return Ok(Value::TRUE);
        }
        k += 1;
    }
    Ok(Value::FALSE)
}

/// Whether two BigInt values are equal (BigInts are cells: `same_value_zero`
/// and `is_strictly_equal` compare them by value already when they are
/// distinct cells; this covers the values compared by contents).
fn bigint_equal(a: Value, b: Value) -> bool {
    match (a.as_bigint(), b.as_bigint()) {
        (Some(x), Some(y)) => x.value() == y.value(),
        _ => false,
    }
}

/// Steps 5-10 of includes/indexOf: the first index from `fromIndex`, or
/// `None` when the search starts past the end.
fn start_index(rt: &mut Runtime, from: Value, len: usize) -> JsResult<Option<usize>> {
    let n = rt.to_integer_or_infinity(from)?;
    if n == f64::INFINITY {
        return Ok(None);
    }
    let k = if n >= 0.0 {
        n
    } else {
        (len as f64 + n).max(0.0)
    };
    Ok(if k >= len as f64 {
        None
    } else {
        Some(k as usize)
    })
}

/// 23.2.3.17 %TypedArray%.prototype.indexOf ( searchElement [ , fromIndex ] ).
pub(super) fn index_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.indexOf")?;
    if len == 0 {
        return Ok(Value::from_i32(-1));
    }
    let Some(mut k) = start_index(rt, arg(args, 1), len)? else {
        return Ok(Value::from_i32(-1));
    };
    let search = arg(args, 0);
    while k < len {
        // HasProperty: the element may be gone after fromIndex's conversion.
        if ta.valid_index(k as f64).is_some() {
            let v = get_element(rt, ta, k as f64)?;
            if is_strictly_equal(v, search) || bigint_equal(v, search) {
                return Ok(Value::number(k as f64));
            }
        }
        k += 1;
    }
    Ok(Value::from_i32(-1))
}

/// 23.2.3.20 %TypedArray%.prototype.lastIndexOf ( searchElement [ , fromIndex ] ).
pub(super) fn last_index_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.lastIndexOf")?;
    if len == 0 {
        return Ok(Value::from_i32(-1));
    }
    let n = if args.len() > 1 {
        rt.to_integer_or_infinity(args[1])?
    } else {
        len as f64 - 1.0
    };
    if n == f64::NEG_INFINITY {
        return Ok(Value::from_i32(-1));
    }
    let mut k = if n >= 0.0 {
        n.min(len as f64 - 1.0)
    } else {
        len as f64 + n
    };
    let search = arg(args, 0);
    while k >= 0.0 {
        if ta.valid_index(k).is_some() {
            let v = get_element(rt, ta, k)?;
            if is_strictly_equal(v, search) || bigint_equal(v, search) {
                return Ok(Value::number(k));
            }
        }
        k -= 1.0;
    }
    Ok(Value::from_i32(-1))
}

/// The elements joined with `sep`, each converted by `convert` (join and
/// toLocaleString).
fn join_with(
    rt: &mut Runtime,
    ta: &TypedArrayData,
    len: usize,
    sep: &[u16],
    mut convert: impl FnMut(&mut Runtime, Value) -> JsResult<Vec<u16>>,
) -> JsResult<Value> {
    let mut out: Vec<u16> = Vec::new();
    for k in 0..len {
        if k > 0 {
            out.extend_from_slice(sep);
        }
        let v = get_element(rt, ta, k as f64)?;
        if !v.is_undefined() {
            out.extend(convert(rt, v)?);
        }
        if out.len() > crate::string::MAX_STRING_LENGTH {
            return Err(rt.range_error("Invalid string length"));
        }
    }
    Ok(Value::string(rt.new_string_utf16(&out)?))
}

/// 23.2.3.18 %TypedArray%.prototype.join ( separator ).
pub(super) fn join(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.join")?;
    let sep = arg(args, 0);
    let sep: Vec<u16> = if sep.is_undefined() {
        vec![b',' as u16]
    } else {
        rt.to_string(sep)?.to_utf16()
    };
    join_with(rt, ta, len, &sep, |rt, v| Ok(rt.to_string(v)?.to_utf16()))
}

/// 23.2.3.31 %TypedArray%.prototype.toLocaleString ( ): Array's algorithm
/// (23.1.3.32) over the elements, without ECMA-402.
pub(super) fn to_locale_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.toLocaleString")?;
    let key = PropertyKey::String(rt.atom("toLocaleString")?);
    join_with(rt, ta, len, &[b',' as u16], |rt, v| {
        let s = rt.invoke(v, key, &[])?;
        Ok(rt.to_string(s)?.to_utf16())
    })
}

/// 23.2.3.22 %TypedArray%.prototype.map ( callback [ , thisArg ] ).
pub(super) fn map(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let method = "TypedArray.prototype.map";
    let (ta, len) = validate(rt, this, method)?;
    let f = callback(rt, arg(args, 0), method)?;
    let this_arg = arg(args, 1);
    let a = species_create(rt, this, &[Value::number(len as f64)])?;
    let ao = object(rt, a)?;
    for k in 0..len {
        let v = get_element(rt, ta, k as f64)?;
        let mapped = rt.call(f, this_arg, &[v, Value::number(k as f64), this])?;
        let key = rt.index_key(k as f64)?;
        rt.set_property(ao, key, mapped, true)?;
    }
    Ok(a)
}

/// 23.2.3.23 reduce and 23.2.3.24 reduceRight.
fn reduce_common(rt: &mut Runtime, this: Value, args: &[Value], right: bool) -> JsResult<Value> {
    let method = if right {
        "TypedArray.prototype.reduceRight"
    } else {
        "TypedArray.prototype.reduce"
    };
    let (ta, len) = validate(rt, this, method)?;
    let f = callback(rt, arg(args, 0), method)?;
    let index = |i: usize| if right { len - 1 - i } else { i };
    let mut i = 0;
    let mut acc = if args.len() >= 2 {
        args[1]
    } else {
        if len == 0 {
            let message = format!("{method} of empty array with no initial value");
            return Err(rt.type_error(&message));
        }
        i = 1;
        get_element(rt, ta, index(0) as f64)?
    };
    while i < len {
        let k = index(i) as f64;
        let v = get_element(rt, ta, k)?;
        acc = rt.call(f, Value::UNDEFINED, &[acc, v, Value::number(k), this])?;
        i += 1;
    }
    Ok(acc)
}

pub(super) fn reduce(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    reduce_common(rt, this, args, false)
}

pub(super) fn reduce_right(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    reduce_common(rt, this, args, true)
}

/// 23.2.3.25 %TypedArray%.prototype.reverse ( ).
pub(super) fn reverse(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.reverse")?;
    let (mut lower, mut upper) = (0, len);
    while lower + 1 < upper {
        upper -= 1;
        if let (Some(a), Some(b)) = (ta.get_raw(lower), ta.get_raw(upper)) {
            ta.set_raw(lower, b);
            ta.set_raw(upper, a);
        }
        lower += 1;
    }
    Ok(this)
}

/// 23.2.3.26 %TypedArray%.prototype.set ( source [ , offset ] ).
pub(super) fn set(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // 2-3. RequireInternalSlot(target, [[TypedArrayName]]).
    let Some(target) = typed_array_data(this) else {
        return Err(rt.type_error("TypedArray.prototype.set: this is not a typed array"));
    };
    // 4-5. targetOffset = ? ToIntegerOrInfinity(offset); negative is a RangeError.
    let offset = rt.to_integer_or_infinity(arg(args, 1))?;
    if offset < 0.0 {
        return Err(rt.range_error("TypedArray.prototype.set: offset is out of bounds"));
    }
    let source = arg(args, 0);
    match typed_array_data(source) {
        Some(src) => set_from_typed_array(rt, target, offset, src)?,
        None => set_from_array_like(rt, target, offset, source)?,
    }
    Ok(Value::UNDEFINED)
}

/// 23.2.3.26.1 SetTypedArrayFromTypedArray ( target, targetOffset, source ).
fn set_from_typed_array(
    rt: &mut Runtime,
    target: &TypedArrayData,
    offset: f64,
    src: &TypedArrayData,
) -> JsResult<()> {
    let Some(target_len) = target.length() else {
        return Err(rt.type_error("TypedArray.prototype.set: the target is out of bounds"));
    };
    let Some(src_len) = src.length() else {
        return Err(rt.type_error("TypedArray.prototype.set: the source is out of bounds"));
    };
    // 13-14. The source must fit.
    if offset == f64::INFINITY || src_len as f64 + offset > target_len as f64 {
        return Err(rt.range_error("TypedArray.prototype.set: the source is too large"));
    }
    // 15. If the content types differ, throw a TypeError exception.
    if target.ty.is_bigint() != src.ty.is_bigint() {
        return Err(rt.type_error("TypedArray.prototype.set: cannot mix BigInt and other types"));
    }
    let offset = offset as usize;
    if src.ty == target.ty {
        // 21-22. The same type: the bytes, through a copy (the buffers may
        // be the same: CloneArrayBuffer's effect).
        let size = src.ty.size();
        let from = src.byte_offset;
        // GC: bytes or raw numbers, no GC references.
        let bytes = src.buffer_data().bytes()[from..from + src_len * size].to_vec();
        let to = target.byte_offset + offset * size;
        target.buffer_data().bytes()[to..to + bytes.len()].copy_from_slice(&bytes);
    } else {
        // 23. Element by element, from a copy of the source values.
        // GC: bytes or raw numbers, no GC references.
        let values: Vec<Raw> = (0..src_len).filter_map(|i| src.get_raw(i)).collect();
        for (i, raw) in values.into_iter().enumerate() {
            target.set_raw(offset + i, raw);
        }
    }
    Ok(())
}

/// 23.2.3.26.2 SetTypedArrayFromArrayLike ( target, targetOffset, source ).
fn set_from_array_like(
    rt: &mut Runtime,
    target: &TypedArrayData,
    offset: f64,
    source: Value,
) -> JsResult<()> {
    let Some(target_len) = target.length() else {
        return Err(rt.type_error("TypedArray.prototype.set: the target is out of bounds"));
    };
    let src = rt.to_object(source)?;
    let src_len = rt.length_of_array_like(src)?;
    if offset == f64::INFINITY || src_len + offset > target_len as f64 {
        return Err(rt.range_error("TypedArray.prototype.set: the source is too large"));
    }
    let mut k = 0.0;
    while k < src_len {
        let key = rt.index_key(k)?;
        let v = rt.get(src, key, Value::object(src))?;
        set_element(rt, target, offset + k, v)?;
        k += 1.0;
    }
    Ok(())
}

/// 23.2.3.27 %TypedArray%.prototype.slice ( start, end ).
pub(super) fn slice(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.slice")?;
    let lenf = len as f64;
    let start = relative_index(rt, arg(args, 0), lenf)?;
    let end = relative_end(rt, arg(args, 1), lenf)?;
    let count = (end - start).max(0.0);
    let a = species_create(rt, this, &[Value::number(count)])?;
    if count > 0.0 {
        let Some(len) = ta.length() else {
            return Err(
                rt.type_error("TypedArray.prototype.slice: the typed array is out of bounds")
            );
        };
        let end = end.min(len as f64);
        let count = (end - start).max(0.0) as usize;
        let start = start as usize;
        let Some(target) = typed_array_data(a) else {
            return Err(rt.type_error("not a typed array"));
        };
        if target.ty == ta.ty {
            // 14.h: byte by byte, in increasing order (the buffers may be one).
            let size = ta.ty.size();
            let src = ta.buffer_data().bytes();
            let dst = target.buffer_data().bytes();
            let (mut from, mut to) = (start * size + ta.byte_offset, target.byte_offset);
            let end_to = to + count * size;
            while to < end_to && from < src.len() && to < dst.len() {
                dst[to] = src[from];
                from += 1;
                to += 1;
            }
        } else {
            let ao = object(rt, a)?;
            for (n, k) in (start..end as usize).enumerate() {
                let v = get_element(rt, ta, k as f64)?;
                let key = rt.index_key(n as f64)?;
                rt.set_property(ao, key, v, true)?;
            }
        }
    }
    Ok(a)
}

/// 23.2.4.7 CompareTypedArrayElements without a comparator: numeric order,
/// -0 before +0, NaN last.
fn compare_default(x: Raw, y: Raw, ty: ElementType) -> Ordering {
    match (x, y) {
        (Raw::Number(a), Raw::Number(b)) => match (a.is_nan(), b.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => a
                .partial_cmp(&b)
                .unwrap_or(Ordering::Equal)
                .then_with(|| b.is_sign_negative().cmp(&a.is_sign_negative())),
        },
        (Raw::Big(a), Raw::Big(b)) if ty == ElementType::BigInt64 => (a as i64).cmp(&(b as i64)),
        (Raw::Big(a), Raw::Big(b)) => a.cmp(&b),
        _ => Ordering::Equal,
    }
}

/// SortIndexedProperties over a typed array with 23.2.4.7
/// CompareTypedArrayElements: the sorted elements.
fn sorted_elements(
    rt: &mut Runtime,
    ta: &TypedArrayData,
    len: usize,
    comparator: Value,
    // GC: bytes or raw numbers, no GC references.
) -> JsResult<Vec<Raw>> {
    // GC: raw numbers, no GC references.
    let mut items: Vec<Raw> = (0..len).filter_map(|i| ta.get_raw(i)).collect();
    let ty = ta.ty;
    if comparator.is_undefined() {
        items.sort_by(|a, b| compare_default(*a, *b, ty));
        return Ok(items);
    }
    merge_sort(&mut items, &mut |a: Raw, b: Raw| {
        let x = raw_to_value(rt, ty, a)?;
        let y = raw_to_value(rt, ty, b)?;
        let v = rt.call(comparator, Value::UNDEFINED, &[x, y])?;
        let v = rt.to_number(v)?;
        // NaN counts as +0: "a may stay before b".
        Ok(v.is_nan() || v <= 0.0)
    })?;
    Ok(items)
}

/// 23.2.3.29 %TypedArray%.prototype.sort ( comparator ).
pub(super) fn sort(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let comparator = arg(args, 0);
    if !comparator.is_undefined() && !comparator.as_object().is_some_and(|f| f.is_callable()) {
        return Err(rt.type_error("TypedArray.prototype.sort: the comparator is not a function"));
    }
    let (ta, len) = validate(rt, this, "TypedArray.prototype.sort")?;
    let sorted = sorted_elements(rt, ta, len, comparator)?;
    // Set(obj, j, sortedList[j], true): indices the comparator shrank away are skipped.
    for (j, raw) in sorted.into_iter().enumerate() {
        ta.set_raw(j, raw);
    }
    Ok(this)
}

/// 23.2.3.30 %TypedArray%.prototype.subarray ( start, end ).
pub(super) fn subarray(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let Some(ta) = typed_array_data(this) else {
        return Err(rt.type_error("TypedArray.prototype.subarray: this is not a typed array"));
    };
    // 5-7. srcLength: 0 when out of bounds.
    let src_len = ta.length().unwrap_or(0) as f64;
    let start = relative_index(rt, arg(args, 0), src_len)?;
    let size = ta.ty.size() as f64;
    // 13. beginByteOffset.
    let begin = ta.byte_offset as f64 + start * size;
    let buffer = Value::object(ta.buffer);
    let end = arg(args, 1);
    // 14-15.
    if ta.length.is_none() && end.is_undefined() {
        species_create(rt, this, &[buffer, Value::number(begin)])
    } else {
        let end = relative_end(rt, end, src_len)?;
        let new_len = (end - start).max(0.0);
        species_create(
            rt,
            this,
            &[buffer, Value::number(begin), Value::number(new_len)],
        )
    }
}

/// 23.2.3.33 %TypedArray%.prototype.toReversed ( ).
pub(super) fn to_reversed(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.toReversed")?;
    let a = create_same_type(rt, ta.ty, len)?;
    let Some(target) = typed_array_data(Value::object(a)) else {
        return Err(rt.type_error("not a typed array"));
    };
    for k in 0..len {
        if let Some(raw) = ta.get_raw(len - 1 - k) {
            target.set_raw(k, raw);
        }
    }
    Ok(Value::object(a))
}

/// 23.2.3.34 %TypedArray%.prototype.toSorted ( comparator ).
pub(super) fn to_sorted(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let comparator = arg(args, 0);
    if !comparator.is_undefined() && !comparator.as_object().is_some_and(|f| f.is_callable()) {
        return Err(
            rt.type_error("TypedArray.prototype.toSorted: the comparator is not a function")
        );
    }
    let (ta, len) = validate(rt, this, "TypedArray.prototype.toSorted")?;
    let a = create_same_type(rt, ta.ty, len)?;
    let sorted = sorted_elements(rt, ta, len, comparator)?;
    let Some(target) = typed_array_data(Value::object(a)) else {
        return Err(rt.type_error("not a typed array"));
    };
    for (j, raw) in sorted.into_iter().enumerate() {
        target.set_raw(j, raw);
    }
    Ok(Value::object(a))
}

/// 23.2.3.38 %TypedArray%.prototype.with ( index, value ).
pub(super) fn with(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate(rt, this, "TypedArray.prototype.with")?;
    let rel = rt.to_integer_or_infinity(arg(args, 0))?;
    let actual = if rel >= 0.0 { rel } else { len as f64 + rel };
    // 7-8. The value is converted before the index is checked.
    let raw = to_raw(rt, ta.ty, arg(args, 1))?;
    // 9. If IsValidIntegerIndex(O, 𝔽(actualIndex)) is false, throw a RangeError exception.
    if ta.valid_index(actual).is_none() {
        return Err(rt.range_error("TypedArray.prototype.with: invalid index"));
    }
    let a = create_same_type(rt, ta.ty, len)?;
    let Some(target) = typed_array_data(Value::object(a)) else {
        return Err(rt.type_error("not a typed array"));
    };
    for k in 0..len {
        if k as f64 == actual {
            target.set_raw(k, raw);
        } else {
            // ! Get(O, Pk) may be undefined once the buffer shrank: NaN as a Number.
            let v = match ta.get_raw(k) {
                Some(raw) => raw,
                None if ta.ty.is_bigint() => {
                    return Err(rt.type_error("Cannot convert undefined to a BigInt"))
                }
                None => Raw::Number(f64::NAN),
            };
            target.set_raw(k, v);
        }
    }
    Ok(Value::object(a))
}
