//! The Array constructor (23.1.1, 23.1.2) and %Array.prototype% (23.1.3).
//! The array iterators behind `entries`, `keys` and `values` are in
//! [`crate::builtins::iterator`].

use super::arg;
use crate::builtins::iterator::array::{create_array_iterator, ArrayIterKind};
use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind, PropertyKey, FLAG_ARRAY};
use crate::runtime::builtins::{BuiltinObject, Make, Prop};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 23.1.2 Properties of the Array Constructor
/// (#sec-properties-of-the-array-constructor).
pub(crate) static ARRAY: BuiltinObject = BuiltinObject {
    name: "Array",
    intrinsic: Some(Intrinsic::Array),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "Array",
        1,
        |rt, _, args| {
            let ctor = rt.intrinsic_object(Intrinsic::Array);
            construct(rt, args, ctor)
        },
        construct,
    ),
    props: &[
        Prop::method("isArray", 1, is_array),
        Prop::prototype(Intrinsic::ArrayPrototype),
    ],
};

/// 23.1.3 Properties of the Array Prototype Object
/// (#sec-properties-of-the-array-prototype-object): an Array exotic object.
pub(crate) static ARRAY_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Array.prototype",
    intrinsic: Some(Intrinsic::ArrayPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Array,
    props: &[
        Prop::constructor(Intrinsic::Array),
        Prop::method("entries", 0, entries),
        Prop::method("join", 1, join),
        Prop::method("keys", 0, keys),
        Prop::method("push", 1, push),
        Prop::method("toString", 0, to_string),
        // The iteration fast paths recognise the original function.
        Prop::method("values", 0, values).records(Intrinsic::ArrayValues),
        // 23.1.3.40: the same function object as `values`.
        Prop::alias("@@iterator", "values"),
    ],
};

/// 2^53 - 1.
const MAX_SAFE_INTEGER: f64 = 9007199254740991.0;

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

/// 23.1.3.7 Array.prototype.entries ( ).
fn entries(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Entries)
}

/// 23.1.3.19 Array.prototype.keys ( ).
fn keys(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Keys)
}

/// 23.1.3.37 Array.prototype.values ( ).
fn values(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Values)
}
