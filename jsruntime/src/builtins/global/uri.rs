//! 19.2.6 URI Handling Functions (#sec-uri-handling-functions) and the
//! Annex B `escape`/`unescape` (B.2.1.1, B.2.1.2).

use crate::builtins::arg;
use crate::completion::ErrorKind;
use crate::runtime::Runtime;
use crate::string::StrView;
use crate::value::Value;
use crate::JsResult;

/// The reserved characters of uriReserved plus `#` (19.2.6.1 steps): kept
/// by encodeURI and left escaped by decodeURI.
const URI_RESERVED_HASH: &[u8] = b";/?:@&=+$,#";

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// The ASCII word characters (A-Z a-z 0-9 _).
fn is_ascii_word(u: u16) -> bool {
    u < 0x80 && (u as u8).is_ascii_alphanumeric() || u == 0x5F
}

fn uri_error(rt: &mut Runtime) -> crate::Thrown {
    rt.throw_error(ErrorKind::UriError, "URI malformed")
}

/// 19.2.6.5 encodeURI ( uri ).
pub(super) fn encode_uri(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    encode(rt, arg(args, 0), URI_RESERVED_HASH)
}

/// 19.2.6.6 encodeURIComponent ( uriComponent ).
pub(super) fn encode_uri_component(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    encode(rt, arg(args, 0), b"")
}

/// 19.2.6.3 decodeURI ( encodedURI ).
pub(super) fn decode_uri(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    decode(rt, arg(args, 0), URI_RESERVED_HASH)
}

/// 19.2.6.4 decodeURIComponent ( encodedURIComponent ).
pub(super) fn decode_uri_component(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    decode(rt, arg(args, 0), b"")
}

/// 19.2.6.7 Encode ( string, extraUnescaped ) (#sec-encode).
fn encode(rt: &mut Runtime, v: Value, extra_unescaped: &[u8]) -> JsResult<Value> {
    let string = rt.to_string(v)?;
    let s = string.view();
    let len = s.len();
    let mut r: Vec<u8> = Vec::with_capacity(len);
    let mut k = 0;
    while k < len {
        let c = s.at(k);
        let unescaped = is_ascii_word(c)
            || (c < 0x80
                && (b"-.!~*'()".contains(&(c as u8)) || extra_unescaped.contains(&(c as u8))));
        if unescaped {
            r.push(c as u8);
            k += 1;
            continue;
        }
        // CodePointAt: a lone surrogate is a URIError.
        let cp = match c {
            0xD800..=0xDBFF if k + 1 < len && (0xDC00..=0xDFFF).contains(&s.at(k + 1)) => {
                let cp = 0x10000 + (((c as u32) - 0xD800) << 10) + (s.at(k + 1) as u32 - 0xDC00);
                k += 2;
                cp
            }
            0xD800..=0xDFFF => return Err(uri_error(rt)),
            _ => {
                k += 1;
                c as u32
            }
        };
        let ch = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut buf = [0u8; 4];
        for &octet in ch.encode_utf8(&mut buf).as_bytes() {
            r.extend_from_slice(&[
                b'%',
                HEX_UPPER[(octet >> 4) as usize],
                HEX_UPPER[(octet & 15) as usize],
            ]);
        }
    }
    Ok(Value::string(rt.new_string_latin1(&r)?))
}

/// ParseHexOctet ( string, position ) (#sec-parsehexoctet).
fn hex_octet(s: StrView<'_>, position: usize) -> Option<u8> {
    let digit = |i: usize| {
        (i < s.len())
            .then(|| s.at(i))
            .and_then(|u| char::from_u32(u as u32))
            .and_then(|c| c.to_digit(16))
    };
    Some((digit(position)? * 16 + digit(position + 1)?) as u8)
}

/// 19.2.6.8 Decode ( string, preserveEscapeSet ) (#sec-decode).
fn decode(rt: &mut Runtime, v: Value, preserve_escape_set: &[u8]) -> JsResult<Value> {
    let string = rt.to_string(v)?;
    let s = string.view();
    let len = s.len();
    let mut r: Vec<u16> = Vec::with_capacity(len);
    let mut k = 0;
    while k < len {
        let c = s.at(k);
        if c != 0x25 {
            r.push(c);
            k += 1;
            continue;
        }
        // Steps 2.c.i-v.
        let start = k;
        if k + 3 > len {
            return Err(uri_error(rt));
        }
        let Some(b) = hex_octet(s, k + 1) else {
            return Err(uri_error(rt));
        };
        k += 2;
        let n = b.leading_ones() as usize;
        if n == 0 {
            // Step 2.c.vii.
            if preserve_escape_set.contains(&b) {
                r.extend((start..start + 3).map(|i| s.at(i)));
            } else {
                r.push(b as u16);
            }
        } else {
            // Step 2.c.viii.
            if n == 1 || n > 4 {
                return Err(uri_error(rt));
            }
            let mut octets: Vec<u8> = vec![b];
            for _ in 1..n {
                k += 1;
                if k + 3 > len || s.at(k) != 0x25 {
                    return Err(uri_error(rt));
                }
                let Some(cont) = hex_octet(s, k + 1) else {
                    return Err(uri_error(rt));
                };
                octets.push(cont);
                k += 2;
            }
            // Step 2.c.viii.6: exactly one valid UTF-8 code point (no
            // overlong forms, no surrogates).
            let Some(ch) = std::str::from_utf8(&octets)
                .ok()
                .and_then(|t| t.chars().next())
            else {
                return Err(uri_error(rt));
            };
            let mut buf = [0u16; 2];
            r.extend_from_slice(ch.encode_utf16(&mut buf));
        }
        k += 1;
    }
    Ok(Value::string(rt.new_string_utf16(&r)?))
}

/// B.2.1.1 escape ( string ) (#sec-escape-string).
pub(super) fn escape(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let string = rt.to_string(arg(args, 0))?;
    let s = string.view();
    let mut r: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.units() {
        if is_ascii_word(c) || (c < 0x80 && b"@*+-./".contains(&(c as u8))) {
            r.push(c as u8);
        } else if c < 256 {
            r.extend_from_slice(&[
                b'%',
                HEX_UPPER[(c >> 4) as usize],
                HEX_UPPER[(c & 15) as usize],
            ]);
        } else {
            r.extend_from_slice(&[
                b'%',
                b'u',
                HEX_UPPER[(c >> 12) as usize],
                HEX_UPPER[((c >> 8) & 15) as usize],
                HEX_UPPER[((c >> 4) & 15) as usize],
                HEX_UPPER[(c & 15) as usize],
            ]);
        }
    }
    Ok(Value::string(rt.new_string_latin1(&r)?))
}

/// B.2.1.2 unescape ( string ) (#sec-unescape-string).
pub(super) fn unescape(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let string = rt.to_string(arg(args, 0))?;
    let s = string.view();
    let len = s.len();
    let hex = |i: usize| char::from_u32(s.at(i) as u32).and_then(|c| c.to_digit(16));
    let mut r: Vec<u16> = Vec::with_capacity(len);
    let mut k = 0;
    while k < len {
        let mut c = s.at(k);
        if c == 0x25 {
            // Steps 5.b.i-iii: `%uXXXX` or `%XX`.
            let (digits_start, count) = if k + 6 <= len && s.at(k + 1) == 0x75 {
                (k + 2, 4)
            } else if k + 3 <= len {
                (k + 1, 2)
            } else {
                (k, 0)
            };
            if count > 0 {
                let value = (digits_start..digits_start + count)
                    .try_fold(0u32, |acc, i| hex(i).map(|d| acc * 16 + d));
                if let Some(value) = value {
                    c = value as u16;
                    k = digits_start + count - 1;
                }
            }
        }
        r.push(c);
        k += 1;
    }
    Ok(Value::string(rt.new_string_utf16(&r)?))
}
