//! %TypedArray.prototype% (23.2.3): the table, the accessors and the
//! iteration methods; the other methods are in [`super::methods`].

use super::methods::*;
use super::{type_name, typed_array_data, validate};
use crate::builtins::iterator::array::{create_array_iterator, ArrayIterKind};
use crate::object::{NativeFn, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_WC};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 23.2.3 Properties of the %TypedArray% Prototype Object
/// (#sec-properties-of-the-%typedarrayprototype%-object).
pub(crate) static TYPED_ARRAY_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%TypedArray.prototype%",
    intrinsic: Some(Intrinsic::TypedArrayPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("at", 1, at),
        Prop::getter("buffer", buffer),
        Prop::getter("byteLength", byte_length),
        Prop::getter("byteOffset", byte_offset),
        Prop::constructor(Intrinsic::TypedArray),
        Prop::method("copyWithin", 2, copy_within),
        Prop::method("entries", 0, entries),
        Prop::method("every", 1, every),
        Prop::method("fill", 1, fill),
        Prop::method("filter", 1, filter),
        Prop::method("find", 1, find),
        Prop::method("findIndex", 1, find_index),
        Prop::method("findLast", 1, find_last),
        Prop::method("findLastIndex", 1, find_last_index),
        Prop::method("forEach", 1, for_each),
        Prop::method("includes", 1, includes),
        Prop::method("indexOf", 1, index_of),
        Prop::method("join", 1, join),
        Prop::method("keys", 0, keys),
        Prop::method("lastIndexOf", 1, last_index_of),
        Prop::getter("length", length),
        Prop::method("map", 1, map),
        Prop::method("reduce", 1, reduce),
        Prop::method("reduceRight", 1, reduce_right),
        Prop::method("reverse", 0, reverse),
        Prop::method("set", 1, set),
        Prop::method("slice", 2, slice),
        Prop::method("some", 1, some),
        Prop::method("sort", 1, sort),
        Prop::method("subarray", 2, subarray),
        Prop::method("toLocaleString", 0, to_locale_string),
        Prop::method("toReversed", 0, to_reversed),
        Prop::method("toSorted", 1, to_sorted),
        // 23.2.3.35: the same function object as Array.prototype.toString.
        Prop::value(
            "toString",
            Constant::Intrinsic(Intrinsic::ArrayPrototypeToString),
            ATTR_WC,
        ),
        Prop::method("values", 0, values),
        Prop::method("with", 2, with),
        Prop::alias("@@iterator", "values"),
        Prop::getter("@@toStringTag", to_string_tag),
    ],
};

/// 23.2.3.2 get %TypedArray%.prototype.buffer.
fn buffer(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    match typed_array_data(this) {
        Some(ta) => Ok(Value::object(ta.buffer)),
        None => Err(rt.type_error("get TypedArray.prototype.buffer: this is not a typed array")),
    }
}

/// 23.2.3.3 get %TypedArray%.prototype.byteLength.
fn byte_length(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    match typed_array_data(this) {
        Some(ta) => Ok(Value::number(ta.byte_length() as f64)),
        None => {
            Err(rt.type_error("get TypedArray.prototype.byteLength: this is not a typed array"))
        }
    }
}

/// 23.2.3.4 get %TypedArray%.prototype.byteOffset.
fn byte_offset(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    match typed_array_data(this) {
        Some(ta) if ta.length().is_none() => Ok(Value::from_i32(0)),
        Some(ta) => Ok(Value::number(ta.byte_offset as f64)),
        None => {
            Err(rt.type_error("get TypedArray.prototype.byteOffset: this is not a typed array"))
        }
    }
}

/// 23.2.3.21 get %TypedArray%.prototype.length.
fn length(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    match typed_array_data(this) {
        Some(ta) => Ok(Value::number(ta.length().unwrap_or(0) as f64)),
        None => Err(rt.type_error("get TypedArray.prototype.length: this is not a typed array")),
    }
}

/// What calling `getter` on `this` returns when `getter` is the original
/// `length` getter above and `this` a typed array (the getter has no other
/// effect, so the call can be skipped); `None` otherwise.
pub(crate) fn length_fast(getter: Value, this: Value) -> Option<Value> {
    let ta = typed_array_data(this)?;
    let original: NativeFn = length;
    match getter.as_object()?.kind() {
        ObjectKind::NativeFunction(_, nf) if nf.call as *const () == original as *const () => {
            let len = ta.length().unwrap_or(0);
            Some(match i32::try_from(len) {
                Ok(n) => Value::from_i32(n),
                Err(_) => Value::number(len as f64),
            })
        }
        _ => None,
    }
}

/// 23.2.3.40 get %TypedArray%.prototype [ %Symbol.toStringTag% ].
fn to_string_tag(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    match typed_array_data(this) {
        Some(ta) => Ok(Value::string(rt.atom(type_name(ta.ty))?)),
        None => Ok(Value::UNDEFINED),
    }
}

/// 23.2.3.7 %TypedArray%.prototype.entries ( ).
fn entries(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    validate(rt, this, "TypedArray.prototype.entries")?;
    create_array_iterator(rt, this, ArrayIterKind::Entries)
}

/// 23.2.3.19 %TypedArray%.prototype.keys ( ).
fn keys(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    validate(rt, this, "TypedArray.prototype.keys")?;
    create_array_iterator(rt, this, ArrayIterKind::Keys)
}

/// 23.2.3.37 %TypedArray%.prototype.values ( ).
fn values(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    validate(rt, this, "TypedArray.prototype.values")?;
    create_array_iterator(rt, this, ArrayIterKind::Values)
}
