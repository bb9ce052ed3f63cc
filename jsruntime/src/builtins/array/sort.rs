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

/// The order of `ToString(a)` and `ToString(b)` (code unit order) for
/// integers of at most 10 digits, without making the strings: `-` sorts
/// before digits; otherwise the shorter digit string is scaled by powers
/// of ten to the longer one's length, and a tie means one is a prefix of
/// the other (the shorter first).
fn lexicographic_int_cmp(a: i64, b: i64) -> Ordering {
    match (a < 0, b < 0) {
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        _ => {}
    }
    let (x, y) = (a.unsigned_abs(), b.unsigned_abs());
    let digits = |mut n: u64| {
        let mut d = 1;
        while n >= 10 {
            n /= 10;
            d += 1;
        }
        d
    };
    let (dx, dy) = (digits(x), digits(y));
    let (mut sx, mut sy) = (x, y);
    if dx < dy {
        sx *= 10u64.pow(dy - dx);
    } else {
        sy *= 10u64.pow(dx - dy);
    }
    sx.cmp(&sy).then(dx.cmp(&dy))
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
    let all_int32 = values.iter().all(|v| v.is_int32());
    if comparefn.is_undefined() && all_int32 {
        // Fast path: ToString of an int32 is its decimal digits, which
        // compare as the numbers do after scaling to the same length
        // (`lexicographic_int_cmp`); no string is made.
        let mut le = |a: Value, b: Value| -> JsResult<bool> {
            let (Some(x), Some(y)) = (a.as_number(), b.as_number()) else {
                return Ok(true);
            };
            Ok(lexicographic_int_cmp(x as i64, y as i64) != Ordering::Greater)
        };
        merge_sort(&mut values, &mut le)?;
    } else if comparefn.is_undefined() {
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

#[cfg(test)]
mod tests {
    use super::lexicographic_int_cmp;

    #[test]
    fn int_order_is_string_order() {
        let samples = [
            0i64,
            1,
            2,
            9,
            10,
            11,
            19,
            100,
            101,
            2147483647,
            -1,
            -2,
            -10,
            -100,
            -2147483648,
            5,
            50,
            500,
            55,
            49,
            1000000,
            999999,
        ];
        for &a in &samples {
            for &b in &samples {
                let want = a.to_string().cmp(&b.to_string());
                assert_eq!(lexicographic_int_cmp(a, b), want, "{a} vs {b}");
            }
        }
    }
}
