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
use memchr::memmem;

/// Whether `a[at..at + b.len()]` equals `b` (the caller checks the bounds).
fn region_equals(a: StrView<'_>, at: usize, b: StrView<'_>) -> bool {
    let n = b.len();
    match (a, b) {
        (StrView::Latin1(x), StrView::Latin1(y)) => &x[at..at + n] == y,
        (StrView::Utf16(x), StrView::Utf16(y)) => &x[at..at + n] == y,
        _ => (0..n).all(|i| a.at(at + i) == b.at(i)),
    }
}

/// The bytes of UTF-16 code units (native byte order), for a byte search.
fn unit_bytes(units: &[u16]) -> &[u8] {
    // SAFETY: the pointer and the length in bytes cover exactly the units'
    // memory; `u8` has alignment 1, every byte is a valid `u8`, and the
    // result borrows `units` for its lifetime.
    unsafe { std::slice::from_raw_parts(units.as_ptr().cast::<u8>(), units.len() * 2) }
}

/// First index `i >= from` where `needle` (not empty) occurs in `hay`, on
/// UTF-16 units: a `memmem` byte search (SIMD prefilter, two-way), where a
/// match at an odd byte offset straddles two units and is skipped.
pub(super) fn find_units(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    find_units_with(&memmem::Finder::new(unit_bytes(needle)), hay, from)
}

/// [`find_units`] with a finder built from the needle's bytes once.
fn find_units_with(finder: &memmem::Finder<'_>, hay: &[u16], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    let bytes = unit_bytes(hay);
    let mut at = from * 2;
    loop {
        let i = at + finder.find(bytes.get(at..)?)?;
        if i.is_multiple_of(2) {
            return Some(i / 2);
        }
        at = i + 1;
    }
}

/// Repeated StringIndexOf of one needle (not empty) in one string, with the
/// search prepared once (a split walks every occurrence).
pub(super) enum Occurrences<'a> {
    /// A Latin-1 string and a needle that fits Latin-1.
    Bytes(&'a [u8], memmem::Finder<'static>),
    /// A UTF-16 string and the needle's units as bytes.
    Units(&'a [u16], memmem::Finder<'static>),
    /// A needle with a unit above 0xFF in a Latin-1 string: never found.
    Never,
}

impl<'a> Occurrences<'a> {
    pub(super) fn new(hay: StrView<'a>, needle: StrView<'_>) -> Occurrences<'a> {
        match (hay, needle) {
            (StrView::Latin1(x), StrView::Latin1(y)) => {
                Occurrences::Bytes(x, memmem::Finder::new(y).into_owned())
            }
            (StrView::Latin1(x), StrView::Utf16(y)) => match narrow(y) {
                Some(y) => Occurrences::Bytes(x, memmem::Finder::new(&y).into_owned()),
                None => Occurrences::Never,
            },
            (StrView::Utf16(x), StrView::Utf16(y)) => {
                Occurrences::Units(x, memmem::Finder::new(unit_bytes(y)).into_owned())
            }
            (StrView::Utf16(x), StrView::Latin1(y)) => {
                let y = widen(y);
                Occurrences::Units(x, memmem::Finder::new(unit_bytes(&y)).into_owned())
            }
        }
    }

    /// The first occurrence at or after `from`.
    pub(super) fn find(&self, from: usize) -> Option<usize> {
        match self {
            Occurrences::Bytes(x, finder) => finder.find(x.get(from..)?).map(|i| i + from),
            Occurrences::Units(x, finder) => find_units_with(finder, x, from),
            Occurrences::Never => None,
        }
    }
}

/// Last index `i <= from` where `needle` (not empty) occurs in `hay`, on
/// UTF-16 units (see [`find_units`]).
fn rfind_units(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    let finder = memmem::FinderRev::new(unit_bytes(needle));
    let bytes = unit_bytes(hay);
    let needle_bytes = needle.len() * 2;
    // Matches starting at or before `from` end at or before this byte.
    let mut end = (from * 2 + needle_bytes).min(bytes.len());
    loop {
        let i = finder.rfind(bytes.get(..end)?)?;
        if i.is_multiple_of(2) {
            return Some(i / 2);
        }
        // An odd offset: the next candidate starts at least one byte earlier.
        end = i + needle_bytes - 1;
    }
}

/// `needle` as Latin-1 bytes, or None when a unit is wider (it cannot
/// occur in a Latin-1 string).
fn narrow(needle: &[u16]) -> Option<Vec<u8>> {
    // GC: bytes, no references.
    needle.iter().map(|&u| u8::try_from(u).ok()).collect()
}

/// `needle` widened to UTF-16 units.
fn widen(needle: &[u8]) -> Vec<u16> {
    // GC: code units, no references.
    needle.iter().map(|&b| b as u16).collect()
}

/// 6.1.4.1 StringIndexOf ( string, searchValue, fromIndex )
/// (#sec-stringindexof): a substring search on the string's own
/// representation (`memchr::memmem`, linear time).
pub(super) fn string_index_of(s: StrView<'_>, search: StrView<'_>, from: usize) -> Option<usize> {
    let len = s.len();
    // Steps 2-3: the empty string is found at fromIndex if it is in range.
    if search.is_empty() {
        return (from <= len).then_some(from);
    }
    if from > len {
        return None;
    }
    match (s, search) {
        (StrView::Latin1(x), StrView::Latin1(y)) => memmem::find(&x[from..], y).map(|i| i + from),
        (StrView::Utf16(x), StrView::Utf16(y)) => find_units(x, y, from),
        (StrView::Latin1(x), StrView::Utf16(y)) => {
            let y = narrow(y)?;
            memmem::find(&x[from..], &y).map(|i| i + from)
        }
        (StrView::Utf16(x), StrView::Latin1(y)) => find_units(x, &widen(y), from),
    }
}

/// 6.1.4.2 StringLastIndexOf ( string, searchValue, fromIndex )
/// (#sec-stringlastindexof): the last match starting at or before `from`
/// (the caller has clamped `from` to `len - searchLen`).
fn string_last_index_of(s: StrView<'_>, search: StrView<'_>, from: usize) -> Option<usize> {
    if search.is_empty() {
        return Some(from);
    }
    let end = from.checked_add(search.len())?.min(s.len());
    match (s, search) {
        (StrView::Latin1(x), StrView::Latin1(y)) => memmem::rfind(&x[..end], y),
        (StrView::Utf16(x), StrView::Utf16(y)) => rfind_units(x, y, from),
        (StrView::Latin1(x), StrView::Utf16(y)) => memmem::rfind(&x[..end], &narrow(y)?),
        (StrView::Utf16(x), StrView::Latin1(y)) => rfind_units(x, &widen(y), from),
    }
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
        // Mixed: a Latin-1 string and a UTF-16 needle (and the reverse).
        let nw: Vec<u16> = "bca".encode_utf16().collect();
        assert_eq!(
            string_index_of(StrView::Latin1(&hay), StrView::Utf16(&nw), 0),
            Some(1)
        );
        assert_eq!(
            string_index_of(StrView::Latin1(&hay), StrView::Utf16(&[0x100]), 0),
            None
        );
        assert_eq!(
            string_last_index_of(StrView::Utf16(&wide), StrView::Latin1(&l("abc")), 4),
            Some(3)
        );
        assert_eq!(
            string_last_index_of(StrView::Latin1(&hay), StrView::Latin1(&l("abc")), 4),
            Some(3)
        );
        assert_eq!(
            string_last_index_of(StrView::Latin1(&hay), StrView::Latin1(&l("abc")), 2),
            Some(0)
        );
    }

    /// A byte search over UTF-16 units sees matches that straddle two
    /// units (odd byte offsets); they are not matches.
    #[test]
    fn utf16_search_skips_odd_byte_offsets() {
        // Units 0x4200 0x0041 are the bytes 00 42 41 00 (little endian):
        // the needle 0x4142 (bytes 42 41) occurs only at byte 1.
        let hay = [0x4200u16, 0x0041, 0x4142];
        let needle = [0x4142u16];
        assert_eq!(find_units(&hay, &needle, 0), Some(2));
        assert_eq!(find_units(&hay[..2], &needle, 0), None);
        assert_eq!(rfind_units(&hay[..2], &needle, 1), None);
        assert_eq!(rfind_units(&hay, &needle, 2), Some(2));
        assert_eq!(rfind_units(&hay, &needle, 1), None);
        assert_eq!(find_units(&hay, &needle, 3), None);
        assert_eq!(find_units(&hay, &needle, 4), None);
    }
}
