//! Escape sequences shared by string literals, templates and identifiers
//! (ECMA-262 12.9.4 EscapeSequence, 12.9.6 NotEscapeSequence, Annex B.1.2).
//!
//! One reader decodes the text after a backslash; the lexer uses it to
//! validate (and to set flags), the value functions to cook. Callers decide
//! what each outcome means in their context: a legacy octal escape is legal
//! in a sloppy string but a NotEscapeSequence in a template.

use super::chars::hex_value;

/// What follows a backslash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    /// A character or code point (`\n`, `\x41`, `\u{1F600}`, identity
    /// escapes, `\0` not followed by a digit). May be a lone surrogate.
    CodePoint(u32),
    /// LineContinuation: backslash + LineTerminatorSequence (no value).
    LineContinuation,
    /// Annex B.1.2 LegacyOctalEscapeSequence (`\1`, `\07`, `\377`, `\08`'s
    /// `\0`), with its value.
    LegacyOctal(u32),
    /// `\8` or `\9` (NonOctalDecimalEscapeSequence), with its value.
    NonOctalDecimal(u32),
    /// A malformed `\x` escape.
    BadHex,
    /// A malformed `\u` escape (including a code point above 0x10FFFF).
    BadUnicode,
    /// Backslash at the end of the text.
    Eof,
}

/// Reads the escape whose backslash is at `bytes[at - 1]`; returns it and the
/// offset just after it. Never reads out of bounds; `at` may equal the length.
pub(crate) fn read_escape(text: &str, at: usize) -> (Escape, usize) {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(at) else {
        return (Escape::Eof, at);
    };
    let single = |v: char| (Escape::CodePoint(v as u32), at + 1);
    match b {
        // 12.9.4 SingleEscapeCharacter
        b'b' => single('\u{8}'),
        b't' => single('\t'),
        b'n' => single('\n'),
        b'v' => single('\u{B}'),
        b'f' => single('\u{C}'),
        b'r' => single('\r'),
        b'\r' => {
            // CRLF is one LineTerminatorSequence.
            let end = if bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            (Escape::LineContinuation, end)
        }
        b'\n' => (Escape::LineContinuation, at + 1),
        b'x' => match (
            bytes.get(at + 1).and_then(|&h| hex_value(h)),
            bytes.get(at + 2).and_then(|&h| hex_value(h)),
        ) {
            (Some(h), Some(l)) => (Escape::CodePoint(h * 16 + l), at + 3),
            _ => (Escape::BadHex, at + 1),
        },
        b'u' => match read_unicode_escape_body(bytes, at + 1) {
            Some((cp, end)) => (Escape::CodePoint(cp), end),
            None => (Escape::BadUnicode, at + 1),
        },
        b'0'..=b'7' => {
            let d0 = (b - b'0') as u32;
            let next_is_digit = bytes.get(at + 1).is_some_and(|c| c.is_ascii_digit());
            if d0 == 0 && !next_is_digit {
                // `\0` [lookahead ∉ DecimalDigit]
                return (Escape::CodePoint(0), at + 1);
            }
            // B.1.2 LegacyOctalEscapeSequence: ZeroToThree takes up to two
            // more octal digits, FourToSeven up to one.
            let max_len = if d0 <= 3 { 3 } else { 2 };
            let mut value = d0;
            let mut end = at + 1;
            while end - at < max_len {
                match bytes.get(end) {
                    Some(&c @ b'0'..=b'7') => {
                        value = value * 8 + (c - b'0') as u32;
                        end += 1;
                    }
                    _ => break,
                }
            }
            (Escape::LegacyOctal(value), end)
        }
        b'8' | b'9' => (Escape::NonOctalDecimal(b as u32), at + 1),
        _ if b < 0x80 => single(b as char),
        _ => {
            // A non-ASCII character: LS/PS are line continuations, anything
            // else escapes itself (NonEscapeCharacter).
            let c = text.get(at..).and_then(|s| s.chars().next());
            match c {
                Some(c @ ('\u{2028}' | '\u{2029}')) => {
                    (Escape::LineContinuation, at + c.len_utf8())
                }
                Some(c) => (Escape::CodePoint(c as u32), at + c.len_utf8()),
                None => (Escape::Eof, bytes.len()),
            }
        }
    }
}

/// Reads `XXXX` or `{X...}` after `\u` at `at`; returns the code point (which
/// may be a surrogate) and the end offset. `\u{}` with a value above 0x10FFFF
/// or with no digits is malformed.
pub(crate) fn read_unicode_escape_body(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    if bytes.get(at) == Some(&b'{') {
        let mut value: u32 = 0;
        let mut end = at + 1;
        let mut digits = 0usize;
        while let Some(h) = bytes.get(end).and_then(|&c| hex_value(c)) {
            value = value.checked_mul(16)?.checked_add(h)?;
            if value > 0x10FFFF {
                return None;
            }
            end += 1;
            digits += 1;
        }
        if digits == 0 || bytes.get(end) != Some(&b'}') {
            return None;
        }
        Some((value, end + 1))
    } else {
        let mut value = 0u32;
        for i in 0..4 {
            value = value * 16 + hex_value(*bytes.get(at + i)?)?;
        }
        Some((value, at + 4))
    }
}

/// Appends code point `cp` (possibly a lone surrogate) as UTF-16.
#[inline]
pub(crate) fn push_utf16(out: &mut Vec<u16>, cp: u32) {
    if cp >= 0x10000 {
        let v = cp - 0x10000;
        out.push(0xD800 | (v >> 10) as u16);
        out.push(0xDC00 | (v & 0x3FF) as u16);
    } else {
        out.push(cp as u16);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> (Escape, usize) {
        read_escape(s, 0)
    }

    #[test]
    fn single_escapes() {
        assert_eq!(esc("n"), (Escape::CodePoint(10), 1));
        assert_eq!(esc("b"), (Escape::CodePoint(8), 1));
        assert_eq!(esc("v"), (Escape::CodePoint(11), 1));
        assert_eq!(esc("'"), (Escape::CodePoint(39), 1));
        assert_eq!(esc("q"), (Escape::CodePoint('q' as u32), 1));
        assert_eq!(esc("é"), (Escape::CodePoint(0xE9), 2));
    }

    #[test]
    fn hex_and_unicode() {
        assert_eq!(esc("x41"), (Escape::CodePoint(0x41), 3));
        assert_eq!(esc("x4"), (Escape::BadHex, 1));
        assert_eq!(esc("u0041"), (Escape::CodePoint(0x41), 5));
        assert_eq!(esc("u{1F600}"), (Escape::CodePoint(0x1F600), 8));
        assert_eq!(esc("u{0000000041}"), (Escape::CodePoint(0x41), 13));
        assert_eq!(esc("u{110000}"), (Escape::BadUnicode, 1));
        assert_eq!(esc("u{}"), (Escape::BadUnicode, 1));
        assert_eq!(esc("u{41"), (Escape::BadUnicode, 1));
        assert_eq!(esc("u00"), (Escape::BadUnicode, 1));
        assert_eq!(esc("uD800"), (Escape::CodePoint(0xD800), 5));
    }

    #[test]
    fn line_continuations() {
        assert_eq!(esc("\n"), (Escape::LineContinuation, 1));
        assert_eq!(esc("\r\n"), (Escape::LineContinuation, 2));
        assert_eq!(esc("\r"), (Escape::LineContinuation, 1));
        assert_eq!(esc("\u{2028}"), (Escape::LineContinuation, 3));
    }

    #[test]
    fn octal_forms() {
        assert_eq!(esc("0"), (Escape::CodePoint(0), 1));
        assert_eq!(esc("0a"), (Escape::CodePoint(0), 1));
        assert_eq!(esc("08"), (Escape::LegacyOctal(0), 1));
        assert_eq!(esc("00"), (Escape::LegacyOctal(0), 2));
        assert_eq!(esc("377"), (Escape::LegacyOctal(255), 3));
        assert_eq!(esc("400"), (Escape::LegacyOctal(32), 2));
        assert_eq!(esc("1"), (Escape::LegacyOctal(1), 1));
        assert_eq!(esc("8"), (Escape::NonOctalDecimal(b'8' as u32), 1));
        assert_eq!(esc(""), (Escape::Eof, 0));
    }

    #[test]
    fn utf16_encoding() {
        let mut v = Vec::new();
        push_utf16(&mut v, 0x41);
        push_utf16(&mut v, 0x1F600);
        push_utf16(&mut v, 0xD800);
        assert_eq!(v, vec![0x41, 0xD83D, 0xDE00, 0xD800]);
    }
}
