//! The String constructor (22.1.1, 22.1.2) and %String.prototype% (22.1.3).
//! The methods that take a search pattern (`match`, `replace`, `split`, ...)
//! are in [`pattern`]; the string iterator in [`crate::builtins::iterator`].

pub(crate) mod pattern;

use crate::builtins::iterator::string::create_string_iterator;
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, ObjectKind, PropertyKey, StoredProperty};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_NONE};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
use pattern::*;

/// 22.1.2 Properties of the String Constructor
/// (#sec-properties-of-the-string-constructor).
pub(crate) static STRING: BuiltinObject = BuiltinObject {
    name: "String",
    intrinsic: Some(Intrinsic::String),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "String",
        1,
        |rt, _, args| string_from(rt, args, None),
        |rt, args, nt| string_from(rt, args, Some(nt)),
    ),
    props: &[
        Prop::method("fromCharCode", 1, string_from_char_code),
        Prop::method("fromCodePoint", 1, string_from_code_point),
        Prop::prototype(Intrinsic::StringPrototype),
    ],
};

/// 22.1.3 Properties of the String Prototype Object
/// (#sec-properties-of-the-string-prototype-object): a String exotic object
/// for "", so with an own `length` of 0.
pub(crate) static STRING_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "String.prototype",
    intrinsic: Some(Intrinsic::StringPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::StringWrapper,
    props: &[
        Prop::value("length", Constant::Number(0.0), ATTR_NONE),
        Prop::constructor(Intrinsic::String),
        Prop::method("match", 1, string_match),
        Prop::method("matchAll", 1, string_match_all),
        Prop::method("replace", 2, string_replace),
        Prop::method("replaceAll", 2, string_replace_all),
        Prop::method("search", 1, string_search),
        Prop::method("split", 2, string_split),
        Prop::method("toString", 0, this_string_value),
        Prop::method("valueOf", 0, this_string_value),
        Prop::method("@@iterator", 0, string_iterator),
    ],
};

/// 22.1.1.1 String ( value ).
fn string_from(
    rt: &mut Runtime,
    args: &[Value],
    new_target: Option<Gc<JsObject>>,
) -> JsResult<Value> {
    let s = match args.first() {
        None => rt.empty_string(),
        Some(&v) => match (v.as_symbol(), new_target) {
            (Some(sym), None) => rt.symbol_descriptive_string(sym)?,
            _ => rt.to_string(v)?,
        },
    };
    let Some(nt) = new_target else {
        return Ok(Value::string(s));
    };
    // 10.4.3.4 StringCreate with GetPrototypeFromConstructor.
    let proto = rt.prototype_from_constructor(nt, Intrinsic::StringPrototype)?;
    let o = rt.new_object_with(proto, ObjectKind::String(s), 0)?;
    let key = PropertyKey::String(rt.names.length);
    rt.store_property(
        o,
        key,
        StoredProperty::Data(Value::from_u32(s.len() as u32), Attributes::NONE),
    )?;
    Ok(Value::object(o))
}

/// 22.1.2.1 String.fromCharCode ( ...codeUnits ).
fn string_from_char_code(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // GC: code units (Vec<u16>)
    let mut units = Vec::with_capacity(args.len());
    for &v in args {
        // ToUint16: ToNumber, then modulo 2^16 (via ToUint32).
        units.push(rt.to_uint32(v)? as u16);
    }
    Ok(Value::string(rt.new_string_utf16(&units)?))
}

/// 22.1.2.2 String.fromCodePoint ( ...codePoints ).
fn string_from_code_point(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // GC: code units (Vec<u16>)
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

/// 22.1.3.35.1 ThisStringValue, for `toString` and `valueOf`.
fn this_string_value(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    if this.is_string() {
        return Ok(this);
    }
    if let Some(o) = this.as_object() {
        if let ObjectKind::String(s) = o.kind() {
            return Ok(Value::string(*s));
        }
    }
    Err(rt.type_error("String.prototype.valueOf requires that 'this' be a String"))
}

/// 22.1.3.36 String.prototype [ @@iterator ] ( ).
fn string_iterator(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    if this.is_nullish() {
        return Err(rt.type_error("String.prototype[Symbol.iterator] called on null or undefined"));
    }
    let s = rt.to_string(this)?;
    create_string_iterator(rt, s)
}
