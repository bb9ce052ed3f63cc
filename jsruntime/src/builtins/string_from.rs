//! String.fromCharCode (22.1.2.1) and String.fromCodePoint (22.1.2.2).

use super::f;
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

static STRING: &[BuiltinFunction] = &[
    f("fromCharCode", 1, string_from_char_code),
    f("fromCodePoint", 1, string_from_code_point),
];

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    let ctor = rt.intrinsic_object(Intrinsic::String);
    rt.install_functions(ctor, STRING)
}

/// 22.1.2.1 String.fromCharCode ( ...codeUnits ).
fn string_from_char_code(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for &v in args {
        // ToUint16: ToNumber, then modulo 2^16 (via ToUint32).
        units.push(rt.to_uint32(v)? as u16);
    }
    Ok(Value::string(rt.new_string_utf16(&units)?))
}

/// 22.1.2.2 String.fromCodePoint ( ...codePoints ).
fn string_from_code_point(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for &v in args {
        let n = rt.to_number(v)?;
        if n.fract() != 0.0 || !(0.0..=1114111.0).contains(&n) {
            return Err(rt.range_error(&format!("Invalid code point {n}")));
        }
        let cp = n as u32;
        if cp < 0x10000 {
            units.push(cp as u16);
        } else {
            let c = cp - 0x10000;
            units.push(0xD800 + (c >> 10) as u16);
            units.push(0xDC00 + (c & 0x3FF) as u16);
        }
    }
    Ok(Value::string(rt.new_string_utf16(&units)?))
}
