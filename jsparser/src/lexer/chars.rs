//! Character classification for the lexical grammar (ECMA-262 12.2-12.7).
//!
//! ASCII is classified by a 256-entry table indexed by byte; other code points
//! go through `unicode-id-start` (identifiers) or short explicit lists
//! (white space, line terminators: both are fixed, tiny sets).

/// Byte classes used for ASCII fast paths.
pub(crate) const ID_START: u8 = 1 << 0;
pub(crate) const ID_PART: u8 = 1 << 1;
pub(crate) const DIGIT: u8 = 1 << 2;
pub(crate) const HEX: u8 = 1 << 3;

/// `BYTE_CLASS[b]` for ASCII bytes; 0 for bytes >= 0x80 (decode and look up).
pub(crate) static BYTE_CLASS: [u8; 256] = build_byte_class();

const fn build_byte_class() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 128 {
        let c = b as u8;
        let mut v = 0;
        if c.is_ascii_alphabetic() || c == b'$' || c == b'_' {
            v |= ID_START | ID_PART;
        }
        if c.is_ascii_digit() {
            v |= ID_PART | DIGIT | HEX;
        }
        if matches!(c, b'a'..=b'f' | b'A'..=b'F') {
            v |= HEX;
        }
        t[b] = v;
        b += 1;
    }
    t
}

#[inline]
pub(crate) fn is_ascii_id_start(b: u8) -> bool {
    BYTE_CLASS[b as usize] & ID_START != 0
}

#[inline]
pub(crate) fn is_ascii_id_part(b: u8) -> bool {
    BYTE_CLASS[b as usize] & ID_PART != 0
}

/// 12.7 IdentifierStartChar :: UnicodeIDStart | `$` | `_`
#[inline]
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        is_ascii_id_start(c as u8)
    } else {
        unicode_id_start::is_id_start_unicode(c)
    }
}

/// 12.7 IdentifierPartChar :: UnicodeIDContinue | `$` | ZWNJ | ZWJ
#[inline]
pub fn is_id_part(c: char) -> bool {
    if c.is_ascii() {
        is_ascii_id_part(c as u8)
    } else {
        c == '\u{200C}' || c == '\u{200D}' || unicode_id_start::is_id_continue_unicode(c)
    }
}

/// 12.2 WhiteSpace for non-ASCII code points: NBSP, ZWNBSP and category Zs
/// (U+1680, U+2000..U+200A, U+202F, U+205F, U+3000; U+0020 is ASCII).
#[inline]
pub fn is_non_ascii_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{FEFF}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// 12.2 WhiteSpace, any code point.
#[inline]
pub fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\u{B}' | '\u{C}' | ' ') || is_non_ascii_whitespace(c)
}

/// 12.3 LineTerminator: LF, CR, LS, PS.
#[inline]
pub fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The value of a hexadecimal digit byte, if it is one.
#[inline]
pub(crate) fn hex_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some((b - b'0') as u32),
        b'a'..=b'f' => Some((b - b'a' + 10) as u32),
        b'A'..=b'F' => Some((b - b'A' + 10) as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_identifier_chars() {
        for c in ['a', 'Z', '$', '_'] {
            assert!(is_id_start(c), "{c:?}");
            assert!(is_id_part(c), "{c:?}");
        }
        assert!(!is_id_start('1'));
        assert!(is_id_part('1'));
        assert!(!is_id_start('-'));
        assert!(!is_id_part(' '));
        assert!(!is_id_start('\\'));
    }

    #[test]
    fn unicode_identifier_chars() {
        assert!(is_id_start('é'));
        assert!(is_id_start('中'));
        assert!(is_id_start('𝒳'));
        // ZWNJ / ZWJ continue but do not start an identifier.
        assert!(!is_id_start('\u{200C}'));
        assert!(is_id_part('\u{200C}'));
        assert!(is_id_part('\u{200D}'));
        // U+0300 COMBINING GRAVE ACCENT is ID_Continue only.
        assert!(!is_id_start('\u{300}'));
        assert!(is_id_part('\u{300}'));
        // U+2118 (Other_ID_Start) is ID_Start.
        assert!(is_id_start('\u{2118}'));
        // U+00B7 MIDDLE DOT (Other_ID_Continue).
        assert!(is_id_part('\u{B7}'));
        assert!(!is_id_start('€'));
    }

    #[test]
    fn whitespace_and_terminators() {
        for c in [
            '\t', '\u{B}', '\u{C}', ' ', '\u{A0}', '\u{FEFF}', '\u{1680}', '\u{2000}', '\u{200A}',
            '\u{202F}', '\u{205F}', '\u{3000}',
        ] {
            assert!(is_whitespace(c), "{c:?}");
        }
        assert!(!is_whitespace('\u{200B}'));
        assert!(!is_whitespace('\n'));
        for c in ['\n', '\r', '\u{2028}', '\u{2029}'] {
            assert!(is_line_terminator(c));
        }
        assert!(!is_line_terminator('\u{85}'));
    }

    #[test]
    fn hex_digits() {
        assert_eq!(hex_value(b'0'), Some(0));
        assert_eq!(hex_value(b'f'), Some(15));
        assert_eq!(hex_value(b'F'), Some(15));
        assert_eq!(hex_value(b'g'), None);
    }
}
