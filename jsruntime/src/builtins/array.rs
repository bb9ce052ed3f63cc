//! The Array constructor (23.1.1, `Array.isArray`) and a first part of
//! %Array.prototype% (23.1.3): `push`, `join`, `toString`.

use super::{arg, f};
use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind, PropertyKey, FLAG_ARRAY};
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

static ARRAY_PROTOTYPE: &[BuiltinFunction] = &[
    f("join", 1, join),
    f("push", 1, push),
    f("toString", 0, to_string),
];

static ARRAY: &[BuiltinFunction] = &[f("isArray", 1, is_array)];

/// 2^53 - 1.
const MAX_SAFE_INTEGER: f64 = 9007199254740991.0;

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    let proto = rt.intrinsic_object(Intrinsic::ArrayPrototype);
    rt.install_functions(proto, ARRAY_PROTOTYPE)?;
    let ctor = rt.install_constructor(
        Intrinsic::Array,
        "Array",
        1,
        |rt, _, args| {
            let ctor = rt.intrinsic_object(Intrinsic::Array);
            construct(rt, args, ctor)
        },
        construct,
        proto,
    )?;
    rt.install_functions(ctor, ARRAY)?;
    Ok(())
}

/// 23.1.1.1 Array ( ...values ).
fn construct(rt: &mut Runtime, args: &[Value], new_target: Gc<JsObject>) -> JsResult<Value> {
    let proto = rt.prototype_from_constructor(new_target, Intrinsic::ArrayPrototype)?;
    let a = rt.new_object_with(proto, ObjectKind::Array, FLAG_ARRAY)?;
    if let [len] = args {
        if let Some(n) = len.as_number() {
            let int_len = crate::conversions::f64_to_uint32(n);
            if int_len as f64 != n {
                return Err(rt.range_error("Invalid array length"));
            }
            rt.set_array_length_raw(a, int_len);
        } else {
            rt.create_data_property_or_throw(a, PropertyKey::Index(0), *len)?;
        }
        return Ok(Value::object(a));
    }
    for (i, &v) in args.iter().enumerate() {
        rt.create_data_property_or_throw(a, PropertyKey::Index(i as u32), v)?;
    }
    Ok(Value::object(a))
}

/// 23.1.2.2 Array.isArray ( arg ).
fn is_array(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(rt.is_array(arg(args, 0))))
}

/// 23.1.3.23 Array.prototype.push ( ...items ).
fn push(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    if len + args.len() as f64 > MAX_SAFE_INTEGER {
        return Err(rt.type_error("Pushing too many elements"));
    }
    let mut n = len;
    for &v in args {
        let key = rt.index_key(n)?;
        rt.set_property(o, key, v, true)?;
        n += 1.0;
    }
    let key = PropertyKey::String(rt.names.length);
    rt.set_property(o, key, Value::number(n), true)?;
    Ok(Value::number(n))
}

/// 23.1.3.18 Array.prototype.join ( separator ).
fn join(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let len = rt.length_of_array_like(o)?;
    let sep = arg(args, 0);
    let sep: Vec<u16> = if sep.is_undefined() {
        vec![b',' as u16]
    } else {
        rt.to_string(sep)?.to_utf16()
    };
    let mut out: Vec<u16> = Vec::new();
    let mut k = 0.0;
    while k < len {
        if k > 0.0 {
            out.extend_from_slice(&sep);
        }
        let key = rt.index_key(k)?;
        let element = rt.get(o, key, Value::object(o))?;
        if !element.is_nullish() {
            out.extend(rt.to_string(element)?.to_utf16());
        }
        if out.len() > crate::string::MAX_STRING_LENGTH {
            return Err(rt.range_error("Invalid string length"));
        }
        k += 1.0;
    }
    Ok(Value::string(rt.new_string_utf16(&out)?))
}

/// 23.1.3.36 Array.prototype.toString ( ).
fn to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let key = PropertyKey::String(rt.names.join);
    let func = rt.get(o, key, Value::object(o))?;
    if func.as_object().is_some_and(|f| f.is_callable()) {
        return rt.call(func, Value::object(o), &[]);
    }
    super::object::object_to_string(rt, Value::object(o), &[])
}
