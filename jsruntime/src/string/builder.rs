//! [`StringBuilder`]: code units collected for a new string, one byte each
//! while they fit Latin-1 and widened to UTF-16 once at the first unit that
//! does not (so joining Latin-1 parts never converts them).

use super::{JsString, StrView};
use crate::gc::Gc;
use crate::runtime::Runtime;
use crate::JsResult;

/// See the module docs.
pub enum StringBuilder {
    /// Every unit so far is below 0x100.
    Latin1(Vec<u8>),
    /// Some unit is wider.
    Utf16(Vec<u16>),
}

impl Default for StringBuilder {
    fn default() -> Self {
        StringBuilder::Latin1(Vec::new())
    }
}

impl StringBuilder {
    /// Length in code units.
    pub fn len(&self) -> usize {
        match self {
            StringBuilder::Latin1(b) => b.len(),
            StringBuilder::Utf16(u) => u.len(),
        }
    }

    /// Whether nothing was appended yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the code units of `view`.
    pub fn push_view(&mut self, view: StrView<'_>) {
        match (&mut *self, view) {
            (StringBuilder::Latin1(b), StrView::Latin1(x)) => b.extend_from_slice(x),
            (StringBuilder::Utf16(u), StrView::Utf16(x)) => u.extend_from_slice(x),
            (StringBuilder::Utf16(u), StrView::Latin1(x)) => u.extend(x.iter().map(|&c| c as u16)),
            (StringBuilder::Latin1(_), StrView::Utf16(x)) => self.push_units(x),
        }
    }

    /// Appends UTF-16 code units (widening the builder only when one of
    /// them is above 0xFF).
    pub fn push_units(&mut self, units: &[u16]) {
        if let StringBuilder::Latin1(b) = self {
            if units.iter().all(|&u| u < 0x100) {
                b.extend(units.iter().map(|&u| u as u8));
                return;
            }
            let mut wide = Vec::with_capacity(b.len() + units.len());
            wide.extend(b.iter().map(|&c| c as u16));
            *self = StringBuilder::Utf16(wide);
        }
        if let StringBuilder::Utf16(u) = self {
            u.extend_from_slice(units);
        }
    }

    /// Appends the code units of a string.
    pub fn push_string(&mut self, s: &JsString) {
        self.push_view(s.view());
    }
}

impl Runtime {
    /// The built string (a RangeError past the maximum length).
    pub fn finish_string(&mut self, builder: StringBuilder) -> JsResult<Gc<JsString>> {
        match builder {
            StringBuilder::Latin1(b) => self.new_string_latin1_vec(b),
            StringBuilder::Utf16(u) => self.new_string_utf16(&u),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_latin1_until_a_wide_unit() {
        let mut rt = Runtime::new();
        let mut b = StringBuilder::default();
        b.push_view(StrView::Latin1(b"ab\xe9"));
        b.push_units(&[0x63]);
        assert!(matches!(b, StringBuilder::Latin1(_)));
        b.push_units(&[0x100, 0x64]);
        assert!(matches!(b, StringBuilder::Utf16(_)));
        b.push_view(StrView::Latin1(b"!"));
        assert_eq!(b.len(), 7);
        let s = rt.finish_string(b).unwrap();
        assert_eq!(
            s.to_utf16(),
            vec![0x61, 0x62, 0xe9, 0x63, 0x100, 0x64, 0x21]
        );
    }
}
