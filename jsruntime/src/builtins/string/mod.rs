//! The String constructor (22.1.1, 22.1.2) and %String.prototype% (22.1.3,
//! B.2.2). The method bodies are in files by topic: [`access`] (reading,
//! cutting and joining), [`search`], [`case`], [`pad_trim`], [`unicode`]
//! (well-formedness, `normalize`, `localeCompare`), [`html`] (Annex B), and
//! [`pattern`] for the methods that take a search pattern (`match`,
//! `replace`, `split`, ...); the string iterator is in
//! [`crate::builtins::iterator`].

mod access;

/// The [[Call]] of the original `String.prototype.charCodeAt`: full-tier
/// code compares a callee's native function with it before reading the code
/// unit without the call (`backend/compiler/call.rs`).
pub(crate) const CHAR_CODE_AT: crate::object::NativeFn = access::char_code_at;
mod case;
mod html;
mod pad_trim;
pub(crate) mod pattern;
mod search;
mod unicode;
pub(crate) mod units;

use crate::builtins::arg;
use crate::builtins::iterator::string::create_string_iterator;
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, ObjectKind, PropertyKey, StoredProperty};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_NONE};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
use pattern::*;
use units::Units;

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
        Prop::method("raw", 1, string_raw),
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
        Prop::method("at", 1, access::at),
        Prop::method("charAt", 1, access::char_at),
        Prop::method("charCodeAt", 1, access::char_code_at),
        Prop::method("codePointAt", 1, access::code_point_at_method),
        Prop::method("concat", 1, access::concat),
        Prop::constructor(Intrinsic::String),
        Prop::method("endsWith", 1, search::ends_with),
        Prop::method("includes", 1, search::includes),
        Prop::method("indexOf", 1, search::index_of),
        Prop::method("isWellFormed", 0, unicode::is_well_formed),
        Prop::method("lastIndexOf", 1, search::last_index_of),
        Prop::method("localeCompare", 1, unicode::locale_compare),
        Prop::method("match", 1, string_match),
        Prop::method("matchAll", 1, string_match_all),
        Prop::method("normalize", 0, unicode::normalize),
        Prop::method("padEnd", 1, pad_trim::pad_end),
        Prop::method("padStart", 1, pad_trim::pad_start),
        Prop::method("repeat", 1, access::repeat),
        Prop::method("replace", 2, string_replace),
        Prop::method("replaceAll", 2, string_replace_all),
        Prop::method("search", 1, string_search),
        Prop::method("slice", 2, access::slice),
        Prop::method("split", 2, string_split),
        Prop::method("startsWith", 1, search::starts_with),
        Prop::method("substring", 2, access::substring),
        Prop::method("toLocaleLowerCase", 0, case::to_locale_lower_case),
        Prop::method("toLocaleUpperCase", 0, case::to_locale_upper_case),
        Prop::method("toLowerCase", 0, case::to_lower_case),
        Prop::method("toString", 0, this_string_value),
        Prop::method("toUpperCase", 0, case::to_upper_case),
        Prop::method("toWellFormed", 0, unicode::to_well_formed),
        Prop::method("trim", 0, pad_trim::trim),
        Prop::method("trimEnd", 0, pad_trim::trim_end),
        Prop::method("trimStart", 0, pad_trim::trim_start),
        Prop::method("valueOf", 0, this_string_value),
        Prop::method("@@iterator", 0, string_iterator).records(Intrinsic::StringPrototypeIterator),
        // Annex B.2.2 (#sec-additional-properties-of-the-string.prototype-object).
        Prop::method("substr", 2, access::substr),
        Prop::method("anchor", 1, html::anchor),
        Prop::method("big", 0, html::big),
        Prop::method("blink", 0, html::blink),
        Prop::method("bold", 0, html::bold),
        Prop::method("fixed", 0, html::fixed),
        Prop::method("fontcolor", 1, html::fontcolor),
        Prop::method("fontsize", 1, html::fontsize),
        Prop::method("italics", 0, html::italics),
        Prop::method("link", 1, html::link),
        Prop::method("small", 0, html::small),
        Prop::method("strike", 0, html::strike),
        Prop::method("sub", 0, html::sub),
        Prop::method("sup", 0, html::sup),
        Prop::alias("trimLeft", "trimStart"),
        Prop::alias("trimRight", "trimEnd"),
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
    if let [v] = args {
        let unit = rt.to_uint32(*v)? as u16;
        return Ok(Value::string(rt.char_string(unit)?));
    }
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

/// 22.1.2.4 String.raw ( template, ...substitutions ) (#sec-string.raw).
fn string_raw(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1-4.
    let substitutions = args.get(1..).unwrap_or(&[]);
    let cooked = rt.to_object(arg(args, 0))?;
    let raw = rt.get_by_name(cooked, "raw")?;
    let literals = rt.to_object(raw)?;
    let literal_count = rt.length_of_array_like(literals)?;
    // Step 5.
    if literal_count <= 0.0 {
        return Ok(Value::string(rt.empty_string()));
    }
    // Steps 6-7.
    let mut r = Units::with_capacity(0);
    let mut next_index = 0usize;
    loop {
        let key = rt.index_key(next_index as f64)?;
        let next_literal_val = rt.get(literals, key, Value::object(literals))?;
        let next_literal = rt.to_string(next_literal_val)?;
        r.push_all(next_literal.view());
        Units::check_length(rt, r.len() as f64)?;
        if (next_index + 1) as f64 == literal_count {
            return Ok(Value::string(r.finish(rt)?));
        }
        if let Some(&next_sub_val) = substitutions.get(next_index) {
            let next_sub = rt.to_string(next_sub_val)?;
            r.push_all(next_sub.view());
            Units::check_length(rt, r.len() as f64)?;
        }
        next_index += 1;
    }
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
