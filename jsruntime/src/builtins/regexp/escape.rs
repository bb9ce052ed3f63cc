//! 22.2.5.1 RegExp.escape ( S ) (#sec-regexp.escape), ES2025.

use crate::builtins::arg;
use crate::runtime::Runtime;
use crate::string::MAX_STRING_LENGTH;
use crate::value::Value;
use crate::JsResult;

/// 22.2.5.1 RegExp.escape ( S ).
pub(super) fn regexp_escape(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // 1. If S is not a String, throw a TypeError exception.
    let Some(s) = arg(args, 0).as_string() else {
        return Err(rt.type_error("RegExp.escape requires a string"));
    };
    // GC: code units only (no GC references); `s` is on the stack.
    let units: Vec<u16> = s.view().units().collect();
    // 2. Let escaped be the empty String.
    let mut escaped: Vec<u16> = Vec::with_capacity(units.len());
    // 3-4. For each code point c of StringToCodePoints(S):
    for r in char::decode_utf16(units.iter().copied()) {
        let c = r.map_or_else(|e| u32::from(e.unpaired_surrogate()), u32::from);
        if escaped.is_empty() && is_ascii_alphanumeric(c) {
            // 4.a. An initial decimal digit or ASCII letter: "\x" and its
            // two hex digits (so that it cannot continue an escape before it).
            push_hex_escape(&mut escaped, c);
        } else {
            // 4.b. Append EncodeForRegExpEscape(c).
            encode_for_regexp_escape(&mut escaped, c);
        }
        if escaped.len() > MAX_STRING_LENGTH {
            return Err(rt.range_error("Invalid string length"));
        }
    }
    // 5. Return escaped.
    Ok(Value::string(rt.new_string_utf16(&escaped)?))
}

fn is_ascii_alphanumeric(c: u32) -> bool {
    char::from_u32(c).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// `\x` and two lowercase hex digits (Number::toString(c, 16) padded).
fn push_hex_escape(out: &mut Vec<u16>, c: u32) {
    out.extend("\\x".encode_utf16());
    out.extend(format!("{c:02x}").encode_utf16());
}

/// 22.2.5.1.1 EncodeForRegExpEscape ( c ).
fn encode_for_regexp_escape(out: &mut Vec<u16>, c: u32) {
    const SYNTAX: &str = "^$\\.*+?()[]{}|";
    const OTHER_PUNCTUATORS: &str = ",-=<>#&!%:;@~'`\"";
    let ch = char::from_u32(c);
    // 1. A SyntaxCharacter or U+002F (SOLIDUS): "\" and c.
    if let Some(ch) = ch.filter(|&ch| SYNTAX.contains(ch) || ch == '/') {
        out.push(u16::from(b'\\'));
        out.push(ch as u16);
        return;
    }
    // 2. A code point of Table 67 (ControlEscape): "\" and its letter.
    let control = match c {
        0x09 => Some(b't'),
        0x0A => Some(b'n'),
        0x0B => Some(b'v'),
        0x0C => Some(b'f'),
        0x0D => Some(b'r'),
        _ => None,
    };
    if let Some(letter) = control {
        out.push(u16::from(b'\\'));
        out.push(u16::from(letter));
        return;
    }
    // 3-5. Other punctuators, WhiteSpace, LineTerminator and surrogates.
    let punctuator = ch.is_some_and(|ch| OTHER_PUNCTUATORS.contains(ch));
    if punctuator || is_white_space_or_line_terminator(c) || (0xD800..=0xDFFF).contains(&c) {
        // 5.b. "\x" and two hex digits up to 0xFF.
        if c <= 0xFF {
            push_hex_escape(out, c);
            return;
        }
        // 5.c-f. UnicodeEscape of each code unit of UTF16EncodeCodePoint(c).
        let mut buf = [0u16; 2];
        let code_units: &[u16] = match ch {
            Some(ch) => ch.encode_utf16(&mut buf),
            // A lone surrogate is its own code unit.
            None => {
                buf[0] = c as u16;
                &buf[..1]
            }
        };
        for &cu in code_units {
            out.extend(format!("\\u{cu:04x}").encode_utf16());
        }
        return;
    }
    // 6. Return UTF16EncodeCodePoint(c).
    match ch {
        Some(ch) => {
            let mut buf = [0u16; 2];
            out.extend_from_slice(ch.encode_utf16(&mut buf));
        }
        None => out.push(c as u16),
    }
}

/// WhiteSpace (12.2: TAB, VT, FF, ZWNBSP and the Zs category) or
/// LineTerminator (12.3: LF, CR, LS, PS).
fn is_white_space_or_line_terminator(c: u32) -> bool {
    matches!(
        c,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000
            ..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(s: &str) -> String {
        let mut out = Vec::new();
        for (i, c) in s.chars().enumerate() {
            if i == 0 && c.is_ascii_alphanumeric() {
                push_hex_escape(&mut out, c as u32);
            } else {
                encode_for_regexp_escape(&mut out, c as u32);
            }
        }
        String::from_utf16(&out).unwrap()
    }

    #[test]
    fn escapes_as_the_spec_examples() {
        assert_eq!(escape("foo.bar"), "\\x66oo\\.bar");
        assert_eq!(escape("1 + 1"), "\\x31\\x20\\+\\x201");
        assert_eq!(escape("a/b\n"), "\\x61\\/b\\n");
        assert_eq!(escape("_\u{2028}\u{FEFF},"), "_\\u2028\\ufeff\\x2c");
    }
}
