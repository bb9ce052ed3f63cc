//! `sort` and `toSorted`: 23.1.3.30.1 SortIndexedProperties with a stable
//! merge sort whose comparator may throw (and may be inconsistent: the
//! result is then some permutation, never a panic).

use std::cmp::Ordering;

use super::{array_create, create_index, delete_index, get_index, has_index, set_index};
use crate::builtins::arg;
use crate::gc::{Gc, ValueList};
use crate::object::JsObject;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// Below this many elements a run is sorted by insertion.
const INSERTION_RUN: usize = 12;

/// Sorts `v` stably: `le(a, b)` says whether `a` may stay before `b`
/// (SortCompare(a, b) ≤ 0). Top-down merge sort with a scratch buffer.
pub(crate) fn merge_sort<T: Copy>(
    v: &mut [T],
    le: &mut dyn FnMut(T, T) -> JsResult<bool>,
) -> JsResult<()> {
    // GC: a copy of `v`, whose values the caller keeps rooted.
    let mut scratch: Vec<T> = v.to_vec();
    sort_range(v, &mut scratch, le)
}

fn sort_range<T: Copy>(
    v: &mut [T],
    scratch: &mut [T],
    le: &mut dyn FnMut(T, T) -> JsResult<bool>,
) -> JsResult<()> {
    let n = v.len();
    if n <= INSERTION_RUN {
        for i in 1..n {
            let x = v[i];
            let mut j = i;
            while j > 0 && !le(v[j - 1], x)? {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = x;
        }
        return Ok(());
    }
    let mid = n / 2;
    {
        let (left, right) = v.split_at_mut(mid);
        let (sl, sr) = scratch.split_at_mut(mid);
        sort_range(left, sl, le)?;
        sort_range(right, sr, le)?;
    }
    // Already in order: nothing to merge.
    if le(v[mid - 1], v[mid])? {
        return Ok(());
    }
    scratch[..n].copy_from_slice(v);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if le(scratch[i], scratch[j])? {
            v[k] = scratch[i];
            i += 1;
        } else {
            v[k] = scratch[j];
            j += 1;
        }
        k += 1;
    }
    v[k..k + (mid - i)].copy_from_slice(&scratch[i..mid]);
    k += mid - i;
    v[k..k + (n - j)].copy_from_slice(&scratch[j..n]);
    Ok(())
}

/// 23.1.3.30.1 SortIndexedProperties ( obj, len, SortCompare, holes )
/// (#sec-sortindexedproperties) with 23.1.3.30.2 CompareArrayElements
/// (#sec-comparearrayelements): the sorted values, in a rooted list.
fn sort_indexed_properties(
    rt: &mut Runtime,
    obj: Gc<JsObject>,
    len: f64,
    comparefn: Value,
    skip_holes: bool,
) -> JsResult<Gc<ValueList>> {
    // Steps 1–3: read the values (kept in `items`, which roots them).
    let items = rt.alloc(ValueList::new())?;
    let mut k = 0.0;
    while k < len {
        if !skip_holes || has_index(rt, obj, k)? {
            let v = get_index(rt, obj, k)?;
            items.push(v);
        }
        k += 1.0;
    }
    // Undefined values sort last (CompareArrayElements steps 1–3), in order:
    // only the others go through the comparator.
    // GC: every value is also in `items`, a rooted list.
    let mut values: Vec<Value> = Vec::with_capacity(items.len());
    let mut undefined_count = 0;
    for i in 0..items.len() {
        match items.get(i) {
            Some(v) if !v.is_undefined() => values.push(v),
            _ => undefined_count += 1,
        }
    }
    // Step 4. `values` is a permutation of values rooted by `items`.
    if comparefn.is_undefined() {
        // Steps 5–9 of CompareArrayElements: compare the strings, each
        // value converted once (the strings are rooted in `strings`).
        let strings = rt.alloc(ValueList::new())?;
        // GC: the values are also in `items`, a rooted list.
        let mut pairs: Vec<(u32, Value)> = Vec::with_capacity(values.len());
        for (i, &v) in values.iter().enumerate() {
            let s = rt.to_string(v)?;
            strings.push(Value::string(s));
            pairs.push((i as u32, v));
        }
        let mut le = |a: (u32, Value), b: (u32, Value)| -> JsResult<bool> {
            let (Some(sa), Some(sb)) = (strings.get(a.0 as usize), strings.get(b.0 as usize))
            else {
                return Ok(true);
            };
            let (Some(sa), Some(sb)) = (sa.as_string(), sb.as_string()) else {
                return Ok(true);
            };
            Ok(sa.compare(&sb) != Ordering::Greater)
        };
        merge_sort(&mut pairs, &mut le)?;
        values = pairs.into_iter().map(|(_, v)| v).collect();
    } else {
        let mut le = |x: Value, y: Value| -> JsResult<bool> {
            let r = rt.call(comparefn, Value::UNDEFINED, &[x, y])?;
            let n = rt.to_number(r)?;
            // NaN counts as +0.
            Ok(n <= 0.0 || n.is_nan())
        };
        merge_sort(&mut values, &mut le)?;
    }
    let sorted = rt.alloc(ValueList::new())?;
    for v in values {
        sorted.push(v);
    }
    for _ in 0..undefined_count {
        sorted.push(Value::UNDEFINED);
    }
    Ok(sorted)
}

/// The comparefn check of `sort` and `toSorted` (step 1).
fn check_comparefn(rt: &mut Runtime, comparefn: Value) -> JsResult<()> {
    if !comparefn.is_undefined() && !comparefn.as_object().is_some_and(|o| o.is_callable()) {
        return Err(rt.type_error("The comparison function must be either a function or undefined"));
    }
    Ok(())
}

/// 23.1.3.30 Array.prototype.sort ( comparefn ) (#sec-array.prototype.sort).
pub(super) fn sort(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let comparefn = arg(args, 0);
    check_comparefn(rt, comparefn)?;
    let obj = rt.to_object(this)?;
    let len = rt.length_of_array_like(obj)?;
    let sorted = sort_indexed_properties(rt, obj, len, comparefn, true)?;
    // Steps 6–8: write back, then delete the holes' places.
    let item_count = sorted.len();
    for j in 0..item_count {
        let v = sorted.get(j).unwrap_or(Value::UNDEFINED);
        set_index(rt, obj, j as f64, v)?;
    }
    let mut j = item_count as f64;
    while j < len {
        delete_index(rt, obj, j)?;
        j += 1.0;
    }
    Ok(Value::object(obj))
}

/// 23.1.3.34 Array.prototype.toSorted ( comparefn ).
pub(super) fn to_sorted(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let comparefn = arg(args, 0);
    check_comparefn(rt, comparefn)?;
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let a = array_create(rt, len)?;
    let sorted = sort_indexed_properties(rt, o, len, comparefn, false)?;
    for j in 0..sorted.len() {
        let v = sorted.get(j).unwrap_or(Value::UNDEFINED);
        create_index(rt, a, j as f64, v)?;
    }
    Ok(Value::object(a))
}
