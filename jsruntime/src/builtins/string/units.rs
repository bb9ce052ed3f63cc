//! Helpers shared by the String.prototype methods: RequireObjectCoercible
//! plus ToString of `this`, index clamping, and [`Units`], a result buffer
//! that stays one byte per code unit until a wider unit is pushed (so
//! Latin-1 strings keep their compact form).

use crate::gc::Gc;
use crate::runtime::Runtime;
use crate::string::{JsString, StrView, MAX_STRING_LENGTH};
use crate::value::Value;
use crate::JsResult;

/// 7.2.1 RequireObjectCoercible(this), then ToString: the first steps of
/// most String.prototype methods.
pub(super) fn this_to_string(
    rt: &mut Runtime,
    this: Value,
    method: &str,
) -> JsResult<Gc<JsString>> {
    if this.is_nullish() {
        return Err(rt.type_error(&format!(
            "String.prototype.{method} called on null or undefined"
        )));
    }
    rt.to_string(this)
}

/// "The result of clamping `n` between 0 and `len`", for an integral or
/// infinite `n` (from ToIntegerOrInfinity).
pub(super) fn clamp_index(n: f64, len: usize) -> usize {
    if n <= 0.0 {
        0
    } else if n >= len as f64 {
        len
    } else {
        n as usize
    }
}

/// A relative index as `slice` and `substr` read it: negative counts from
/// the end (`len + n`), then clamped to `[0, len]`.
pub(super) fn relative_index(n: f64, len: usize) -> usize {
    if n < 0.0 {
        clamp_index(len as f64 + n, len)
    } else {
        clamp_index(n, len)
    }
}

/// Whether `u` is a leading (high) surrogate.
#[inline]
pub(super) fn is_lead(u: u16) -> bool {
    (0xD800..0xDC00).contains(&u)
}

/// Whether `u` is a trailing (low) surrogate.
#[inline]
pub(super) fn is_trail(u: u16) -> bool {
    (0xDC00..0xE000).contains(&u)
}

/// 11.1.4 CodePointAt ( string, position ): the code point at `i` (a lone
/// surrogate is its own code point) and its length in code units.
pub(crate) fn code_point_at(v: StrView<'_>, i: usize) -> (u32, usize) {
    let first = v.at(i);
    if is_lead(first) && i + 1 < v.len() {
        let second = v.at(i + 1);
        if is_trail(second) {
            let cp = 0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
            return (cp, 2);
        }
    }
    (u32::from(first), 1)
}

/// A string under construction; see the module docs.
pub(super) enum Units {
    Latin1(Vec<u8>),
    Utf16(Vec<u16>),
}

impl Units {
    pub(super) fn with_capacity(n: usize) -> Units {
        Units::Latin1(Vec::with_capacity(n))
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Units::Latin1(b) => b.len(),
            Units::Utf16(u) => u.len(),
        }
    }

    fn widen(&mut self) -> &mut Vec<u16> {
        if let Units::Latin1(b) = self {
            let mut wide: Vec<u16> = Vec::with_capacity(b.capacity().max(b.len() + 1));
            wide.extend(b.iter().map(|&c| u16::from(c)));
            *self = Units::Utf16(wide);
        }
        match self {
            Units::Utf16(u) => u,
            Units::Latin1(_) => unreachable!("widened above"),
        }
    }

    pub(super) fn push(&mut self, u: u16) {
        match self {
            Units::Latin1(b) if u < 0x100 => b.push(u as u8),
            _ => self.widen().push(u),
        }
    }

    /// Pushes a code point as one or two UTF-16 code units.
    pub(super) fn push_code_point(&mut self, cp: u32) {
        if cp < 0x10000 {
            self.push(cp as u16);
        } else {
            let c = cp - 0x10000;
            self.push(0xD800 + (c >> 10) as u16);
            self.push(0xDC00 + (c & 0x3FF) as u16);
        }
    }

    pub(super) fn push_str(&mut self, s: &str) {
        for u in s.encode_utf16() {
            self.push(u);
        }
    }

    /// Pushes the code units `v[start..end]`.
    pub(super) fn push_view(&mut self, v: StrView<'_>, start: usize, end: usize) {
        match (&mut *self, v) {
            (Units::Latin1(b), StrView::Latin1(s)) => b.extend_from_slice(&s[start..end]),
            (Units::Utf16(u), StrView::Latin1(s)) => {
                u.extend(s[start..end].iter().map(|&c| u16::from(c)))
            }
            (Units::Utf16(u), StrView::Utf16(s)) => u.extend_from_slice(&s[start..end]),
            (Units::Latin1(_), StrView::Utf16(s)) => {
                for &u in &s[start..end] {
                    self.push(u);
                }
            }
        }
    }

    /// Pushes every code unit of `v`.
    pub(super) fn push_all(&mut self, v: StrView<'_>) {
        self.push_view(v, 0, v.len());
    }

    /// A RangeError when the result would be longer than a string can be.
    pub(super) fn check_length(rt: &mut Runtime, len: f64) -> JsResult<()> {
        if len > MAX_STRING_LENGTH as f64 {
            return Err(rt.range_error("Invalid string length"));
        }
        Ok(())
    }

    /// The new string.
    pub(super) fn finish(self, rt: &mut Runtime) -> JsResult<Gc<JsString>> {
        match self {
            Units::Latin1(b) => rt.new_string_latin1(&b),
            Units::Utf16(u) => rt.new_string_utf16(&u),
        }
    }
}
