//! `atob` and `btoa` (HTML's forgiving-base64 decode and encode over
//! Latin-1 strings). TextEncoder/TextDecoder are in `text.rs`.

use jsruntime::object::NativeFn;
use jsruntime::{JsResult, Runtime, Value};

/// The globals of this module.
pub const GLOBALS: &[(&str, u32, NativeFn)] = &[("atob", 1, atob), ("btoa", 1, btoa)];

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A DOMException-like error (`name` set; the engine has no DOMException).
fn dom_error(rt: &mut Runtime, name: &str, message: &str) -> jsruntime::Thrown {
    match rt.new_error(jsruntime::ErrorKind::Error, message) {
        Ok(e) => {
            if let (Ok(key), Ok(n)) = (rt.key("name"), rt.new_string(name)) {
                let _ = rt.create_data_property(e, key, Value::string(n));
            }
            jsruntime::Thrown(Value::object(e))
        }
        Err(t) => t,
    }
}

fn arg_units(rt: &mut Runtime, args: &[Value], name: &str) -> JsResult<Vec<u16>> {
    let Some(&v) = args.first() else {
        return Err(rt.type_error(&format!("The \"data\" argument must be specified ({name})")));
    };
    Ok(rt.to_string(v)?.to_utf16())
}

/// `btoa(data)`: base64 of a string of code points <= 0xFF.
fn btoa(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let units = arg_units(rt, args, "btoa")?;
    let mut bytes = Vec::with_capacity(units.len());
    for u in units {
        if u > 0xff {
            return Err(dom_error(rt, "InvalidCharacterError", "Invalid character"));
        }
        bytes.push(u as u8);
    }
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    Ok(Value::string(rt.new_string(&out)?))
}

/// `atob(data)`: HTML's forgiving-base64 decode (ASCII whitespace
/// ignored, padding optional when the length allows it).
fn atob(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let units = arg_units(rt, args, "atob")?;
    let mut data: Vec<u16> = units
        .into_iter()
        .filter(|&u| !matches!(u, 0x09 | 0x0a | 0x0c | 0x0d | 0x20))
        .collect();
    if data.len().is_multiple_of(4) {
        if data.ends_with(&[b'=' as u16, b'=' as u16]) {
            data.truncate(data.len() - 2);
        } else if data.ends_with(&[b'=' as u16]) {
            data.truncate(data.len() - 1);
        }
    }
    let invalid = || "The string to be decoded is not correctly encoded.";
    if data.len() % 4 == 1 {
        return Err(dom_error(rt, "InvalidCharacterError", invalid()));
    }
    let mut bits: u32 = 0;
    let mut nbits = 0;
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    for u in data {
        let Some(v) = ALPHABET.iter().position(|&c| u16::from(c) == u) else {
            return Err(dom_error(rt, "InvalidCharacterError", invalid()));
        };
        bits = (bits << 6) | v as u32;
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push(((bits >> nbits) & 0xff) as u8);
        }
    }
    Ok(Value::string(rt.new_string_latin1(&out)?))
}
