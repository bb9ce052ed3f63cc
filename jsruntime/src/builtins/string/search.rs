//! String.prototype methods that look for a substring: `endsWith`,
//! `includes`, `indexOf`, `lastIndexOf`, `startsWith`, with 6.1.4.1
//! StringIndexOf and 6.1.4.2 StringLastIndexOf on code units (either
//! representation, without converting).

use super::units::{clamp_index, this_to_string};
use crate::builtins::arg;
use crate::builtins::regexp::is_regexp;
use crate::gc::Gc;
use crate::runtime::Runtime;
use crate::string::{JsString, StrView};
use crate::value::Value;
use crate::JsResult;

/// Whether `a[at..at + b.len()]` equals `b` (the caller checks the bounds).
fn region_equals(a: StrView<'_>, at: usize, b: StrView<'_>) -> bool {
    let n = b.len();
    match (a, b) {
        (StrView::Latin1(x), StrView::Latin1(y)) => &x[at..at + n] == y,
        (StrView::Utf16(x), StrView::Utf16(y)) => &x[at..at + n] == y,
        _ => (0..n).all(|i| a.at(at + i) == b.at(i)),
    }
}

/// First index `i >= from` where `needle` occurs in `hay` (slices of one
/// unit type): scan for the first unit, then compare the rest.
fn find_slice<T: Copy + PartialEq>(hay: &[T], needle: &[T], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    let mut i = from;
    while i <= last_start {
        let off = hay[i..=last_start].iter().position(|&u| u == first)?;
        i += off;
        if &hay[i + 1..i + needle.len()] == rest {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// 6.1.4.1 StringIndexOf ( string, searchValue, fromIndex )
/// (#sec-stringindexof).
pub(super) fn string_index_of(s: StrView<'_>, search: StrView<'_>, from: usize) -> Option<usize> {
    let (len, search_len) = (s.len(), search.len());
    // Steps 2-3: the empty string is found at fromIndex if it is in range.
    if search_len == 0 {
        return (from <= len).then_some(from);
    }
    match (s, search) {
        (StrView::Latin1(x), StrView::Latin1(y)) => find_slice(x, y, from),
        (StrView::Utf16(x), StrView::Utf16(y)) => find_slice(x, y, from),
        _ => {
            let last = len.checked_sub(search_len)?;
            (from..=last).find(|&i| region_equals(s, i, search))
        }
    }
}

/// 6.1.4.2 StringLastIndexOf ( string, searchValue, fromIndex )
/// (#sec-stringlastindexof): the last match starting at or before `from`
/// (the caller has clamped `from` to `len - searchLen`).
fn string_last_index_of(s: StrView<'_>, search: StrView<'_>, from: usize) -> Option<usize> {
    (0..=from).rev().find(|&i| region_equals(s, i, search))
}

/// The shared first steps of `startsWith`, `endsWith` and `includes`:
/// RequireObjectCoercible and ToString of `this`, the IsRegExp check (a
/// TypeError), and ToString of the search string.
fn prepare(
    rt: &mut Runtime,
    this: Value,
    search: Value,
    method: &str,
) -> JsResult<(Gc<JsString>, Gc<JsString>)> {
    let s = this_to_string(rt, this, method)?;
    if is_regexp(rt, search)? {
        return Err(rt.type_error(&format!(
            "First argument to String.prototype.{method} must not be a regular expression"
        )));
    }
    let search = rt.to_string(search)?;
    Ok((s, search))
}

/// 22.1.3.7 String.prototype.endsWith ( searchString [ , endPosition ] )
/// (#sec-string.prototype.endswith).
pub(super) fn ends_with(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (s, search) = prepare(rt, this, arg(args, 0), "endsWith")?;
    let len = s.len();
    // Steps 7-9.
    let end_position = arg(args, 1);
    let end = if end_position.is_undefined() {
        len
    } else {
        clamp_index(rt.to_integer_or_infinity(end_position)?, len)
    };
    // Steps 10-14.
    let search_len = search.len();
    if search_len == 0 {
        return Ok(Value::from_bool(true));
    }
    let Some(start) = end.checked_sub(search_len) else {
        return Ok(Value::from_bool(false));
    };
    Ok(Value::from_bool(region_equals(
        s.view(),
        start,
        search.view(),
    )))
}

/// 22.1.3.8 String.prototype.includes ( searchString [ , position ] )
/// (#sec-string.prototype.includes).
pub(super) fn includes(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (s, search) = prepare(rt, this, arg(args, 0), "includes")?;
    let pos = rt.to_integer_or_infinity(arg(args, 1))?;
    let start = clamp_index(pos, s.len());
    let found = string_index_of(s.view(), search.view(), start).is_some();
    Ok(Value::from_bool(found))
}

/// 22.1.3.9 String.prototype.indexOf ( searchString [ , position ] )
/// (#sec-string.prototype.indexof).
pub(super) fn index_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "indexOf")?;
    let search = rt.to_string(arg(args, 0))?;
    let pos = rt.to_integer_or_infinity(arg(args, 1))?;
    let start = clamp_index(pos, s.len());
    Ok(match string_index_of(s.view(), search.view(), start) {
        Some(i) => Value::from_u32(i as u32),
        None => Value::from_i32(-1),
    })
}

/// 22.1.3.11 String.prototype.lastIndexOf ( searchString [ , position ] )
/// (#sec-string.prototype.lastindexof).
pub(super) fn last_index_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "lastIndexOf")?;
    let search = rt.to_string(arg(args, 0))?;
    // Steps 4-6: NaN (so also undefined) searches from the end.
    let num_pos = rt.to_number(arg(args, 1))?;
    let pos = if num_pos.is_nan() {
        f64::INFINITY
    } else {
        rt.to_integer_or_infinity(Value::number(num_pos))?
    };
    // Steps 7-10.
    let (len, search_len) = (s.len(), search.len());
    let Some(max_start) = len.checked_sub(search_len) else {
        return Ok(Value::from_i32(-1));
    };
    let start = clamp_index(pos, max_start);
    Ok(match string_last_index_of(s.view(), search.view(), start) {
        Some(i) => Value::from_u32(i as u32),
        None => Value::from_i32(-1),
    })
}

/// 22.1.3.24 String.prototype.startsWith ( searchString [ , position ] )
/// (#sec-string.prototype.startswith).
pub(super) fn starts_with(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (s, search) = prepare(rt, this, arg(args, 0), "startsWith")?;
    let len = s.len();
    let start = clamp_index(rt.to_integer_or_infinity(arg(args, 1))?, len);
    let search_len = search.len();
    if search_len == 0 {
        return Ok(Value::from_bool(true));
    }
    if start + search_len > len {
        return Ok(Value::from_bool(false));
    }
    Ok(Value::from_bool(region_equals(
        s.view(),
        start,
        search.view(),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Vec<u8> {
        s.bytes().collect()
    }

    #[test]
    fn index_of_on_both_representations() {
        let hay = l("abcabcd");
        let wide: Vec<u16> = "abcabcd".encode_utf16().collect();
        for (needle, from, want) in [
            ("abc", 0, Some(0)),
            ("abc", 1, Some(3)),
            ("cd", 0, Some(5)),
            ("x", 0, None),
            ("", 7, Some(7)),
            ("", 8, None),
            ("abcabcde", 0, None),
        ] {
            let n = l(needle);
            let nw: Vec<u16> = needle.encode_utf16().collect();
            assert_eq!(
                string_index_of(StrView::Latin1(&hay), StrView::Latin1(&n), from),
                want
            );
            assert_eq!(
                string_index_of(StrView::Utf16(&wide), StrView::Utf16(&nw), from),
                want
            );
            assert_eq!(
                string_index_of(StrView::Utf16(&wide), StrView::Latin1(&n), from),
                want
            );
        }
        assert_eq!(
            string_last_index_of(StrView::Latin1(&hay), StrView::Latin1(&l("abc")), 4),
            Some(3)
        );
        assert_eq!(
            string_last_index_of(StrView::Latin1(&hay), StrView::Latin1(&l("abc")), 2),
            Some(0)
        );
    }
}
