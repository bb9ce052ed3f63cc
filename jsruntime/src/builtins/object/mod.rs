//! The Object constructor (20.1.1, 20.1.2) and %Object.prototype% (20.1.3).
//! The static functions are in [`constructor`], the prototype's methods in
//! [`prototype`], the descriptor conversions in [`descriptor`].

mod constructor;
mod descriptor;
mod entries;
mod prototype;

use super::arg;
use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Make, Prop};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
use constructor::*;
use entries::*;
use prototype::*;

pub use descriptor::{from_property_descriptor, to_property_descriptor};
pub use prototype::object_to_string;

/// 20.1.2 Properties of the Object Constructor
/// (#sec-properties-of-the-object-constructor).
pub(crate) static OBJECT: BuiltinObject = BuiltinObject {
    name: "Object",
    intrinsic: Some(Intrinsic::Object),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("Object", 1, object_call, object_construct),
    props: &[
        Prop::method("assign", 2, assign),
        Prop::method("create", 2, create),
        Prop::method("defineProperties", 2, define_properties),
        Prop::method("defineProperty", 3, define_property),
        Prop::method("entries", 1, entries),
        Prop::method("freeze", 1, freeze),
        Prop::method("fromEntries", 1, from_entries),
        Prop::method("getOwnPropertyDescriptor", 2, get_own_property_descriptor),
        Prop::method("getOwnPropertyDescriptors", 1, get_own_property_descriptors),
        Prop::method("getOwnPropertyNames", 1, get_own_property_names),
        Prop::method("getOwnPropertySymbols", 1, get_own_property_symbols),
        Prop::method("getPrototypeOf", 1, get_prototype_of),
        Prop::method("groupBy", 2, group_by),
        Prop::method("hasOwn", 2, has_own),
        Prop::method("is", 2, is),
        Prop::method("isExtensible", 1, is_extensible),
        Prop::method("isFrozen", 1, is_frozen),
        Prop::method("isSealed", 1, is_sealed),
        Prop::method("keys", 1, keys),
        Prop::method("preventExtensions", 1, prevent_extensions),
        Prop::prototype(Intrinsic::ObjectPrototype),
        Prop::method("seal", 1, seal),
        Prop::method("setPrototypeOf", 2, set_prototype_of),
        Prop::method("values", 1, values),
    ],
};

/// 20.1.3 Properties of the Object Prototype Object
/// (#sec-properties-of-the-object-prototype-object); its [[Prototype]] is
/// null.
pub(crate) static OBJECT_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Object.prototype",
    intrinsic: Some(Intrinsic::ObjectPrototype),
    proto: None,
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::Object),
        Prop::method("hasOwnProperty", 1, has_own_property),
        Prop::method("isPrototypeOf", 1, is_prototype_of),
        Prop::method("propertyIsEnumerable", 1, property_is_enumerable),
        Prop::method("toLocaleString", 0, to_locale_string),
        Prop::method("toString", 0, object_to_string),
        Prop::method("valueOf", 0, value_of),
        // B.2.2 Additional Properties of the Object.prototype Object.
        Prop::accessor("__proto__", Some(get_proto), Some(set_proto)),
        Prop::method("__defineGetter__", 2, define_getter),
        Prop::method("__defineSetter__", 2, define_setter),
        Prop::method("__lookupGetter__", 1, lookup_getter),
        Prop::method("__lookupSetter__", 1, lookup_setter),
    ],
};

/// 20.1.1.1 Object ( [ value ] ), called.
fn object_call(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if v.is_nullish() {
        return Ok(Value::object(rt.new_object()?));
    }
    Ok(Value::object(rt.to_object(v)?))
}

/// 20.1.1.1 Object ( [ value ] ), constructed.
fn object_construct(rt: &mut Runtime, args: &[Value], new_target: Gc<JsObject>) -> JsResult<Value> {
    let object = rt.intrinsic_object(Intrinsic::Object);
    if new_target != object {
        let o = rt.ordinary_create_from_constructor(
            new_target,
            Intrinsic::ObjectPrototype,
            ObjectKind::Ordinary,
            0,
        )?;
        return Ok(Value::object(o));
    }
    object_call(rt, Value::UNDEFINED, args)
}
