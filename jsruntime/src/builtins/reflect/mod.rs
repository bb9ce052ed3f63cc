//! The Reflect object (28.1): a namespace object whose functions expose the
//! internal methods of objects (`object/ordinary.rs`, `object/exotic.rs`).

use super::arg;
use super::object::{from_property_descriptor, to_property_descriptor};
use crate::gc::Gc;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 28.1 The Reflect Object (#sec-reflect-object): an ordinary object, the
/// value of the global `Reflect` (19.4.2).
pub(crate) static REFLECT: BuiltinObject = BuiltinObject {
    name: "Reflect",
    intrinsic: None,
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("apply", 3, apply),
        Prop::method("construct", 2, construct),
        Prop::method("defineProperty", 3, define_property),
        Prop::method("deleteProperty", 2, delete_property),
        Prop::method("get", 2, get),
        Prop::method("getOwnPropertyDescriptor", 2, get_own_property_descriptor),
        Prop::method("getPrototypeOf", 1, get_prototype_of),
        Prop::method("has", 2, has),
        Prop::method("isExtensible", 1, is_extensible),
        Prop::method("ownKeys", 1, own_keys),
        Prop::method("preventExtensions", 1, prevent_extensions),
        Prop::method("set", 3, set),
        Prop::method("setPrototypeOf", 2, set_prototype_of),
        // 28.1.14 Reflect [ @@toStringTag ].
        Prop::value("@@toStringTag", Constant::Str("Reflect"), ATTR_C),
    ],
};

/// The common first step: "If target is not an Object, throw a TypeError
/// exception."
fn target(rt: &mut Runtime, args: &[Value], what: &str) -> JsResult<Gc<JsObject>> {
    match arg(args, 0).as_object() {
        Some(o) => Ok(o),
        None => Err(rt.type_error(&format!("Reflect.{what} called on non-object"))),
    }
}

/// The target and ToPropertyKey(propertyKey), in the spec's order.
fn target_and_key(
    rt: &mut Runtime,
    args: &[Value],
    what: &str,
) -> JsResult<(Gc<JsObject>, PropertyKey)> {
    let o = target(rt, args, what)?;
    let key = rt.to_property_key(arg(args, 1))?;
    Ok((o, key))
}

/// 28.1.1 Reflect.apply ( target, thisArgument, argumentsList )
/// (#sec-reflect.apply).
fn apply(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    // 1. If IsCallable(target) is false, throw a TypeError exception.
    if !f.as_object().is_some_and(|o| o.is_callable()) {
        return Err(rt.type_error("Reflect.apply target is not a function"));
    }
    // 2. Let args be ? CreateListFromArrayLike(argumentsList).
    // (A RootedList: it roots the arguments until the call returns.)
    let list = rt.create_list_from_array_like(arg(args, 2))?;
    // 4. Return ? Call(target, thisArgument, args).
    rt.call(f, arg(args, 1), &list)
}

/// 28.1.2 Reflect.construct ( target, argumentsList [ , newTarget ] )
/// (#sec-reflect.construct).
fn construct(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    // 1. If IsConstructor(target) is false, throw a TypeError exception.
    if !f.as_object().is_some_and(|o| o.is_constructor()) {
        return Err(rt.type_error("Reflect.construct target is not a constructor"));
    }
    // 2-3. newTarget defaults to target, else must be a constructor.
    let new_target = if args.len() < 3 { f } else { args[2] };
    if !new_target.as_object().is_some_and(|o| o.is_constructor()) {
        return Err(rt.type_error("Reflect.construct newTarget is not a constructor"));
    }
    // 4. Let args be ? CreateListFromArrayLike(argumentsList).
    let list = rt.create_list_from_array_like(arg(args, 1))?;
    // 5. Return ? Construct(target, args, newTarget).
    rt.construct(f, &list, Some(new_target))
}

/// 28.1.3 Reflect.defineProperty ( target, propertyKey, attributes )
/// (#sec-reflect.defineproperty).
fn define_property(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (o, key) = target_and_key(rt, args, "defineProperty")?;
    let desc = to_property_descriptor(rt, arg(args, 2))?;
    Ok(Value::from_bool(rt.define_own_property(o, key, desc)?))
}

/// 28.1.4 Reflect.deleteProperty ( target, propertyKey )
/// (#sec-reflect.deleteproperty).
fn delete_property(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (o, key) = target_and_key(rt, args, "deleteProperty")?;
    Ok(Value::from_bool(rt.delete(o, key)?))
}

/// 28.1.5 Reflect.get ( target, propertyKey [ , receiver ] )
/// (#sec-reflect.get).
fn get(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (o, key) = target_and_key(rt, args, "get")?;
    // 3. If receiver is not present, set receiver to target.
    let receiver = args.get(2).copied().unwrap_or(Value::object(o));
    rt.get(o, key, receiver)
}

/// 28.1.6 Reflect.getOwnPropertyDescriptor ( target, propertyKey )
/// (#sec-reflect.getownpropertydescriptor).
fn get_own_property_descriptor(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (o, key) = target_and_key(rt, args, "getOwnPropertyDescriptor")?;
    match rt.get_own_property(o, key)? {
        Some(d) => from_property_descriptor(rt, d),
        None => Ok(Value::UNDEFINED),
    }
}

/// 28.1.7 Reflect.getPrototypeOf ( target ) (#sec-reflect.getprototypeof).
fn get_prototype_of(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = target(rt, args, "getPrototypeOf")?;
    rt.get_prototype_of(o)
}

/// 28.1.8 Reflect.has ( target, propertyKey ) (#sec-reflect.has).
fn has(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (o, key) = target_and_key(rt, args, "has")?;
    Ok(Value::from_bool(rt.has_property(o, key)?))
}

/// 28.1.9 Reflect.isExtensible ( target ) (#sec-reflect.isextensible).
fn is_extensible(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = target(rt, args, "isExtensible")?;
    Ok(Value::from_bool(rt.is_extensible(o)?))
}

/// 28.1.10 Reflect.ownKeys ( target ) (#sec-reflect.ownkeys).
fn own_keys(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = target(rt, args, "ownKeys")?;
    // Rooted: a proxy's keys are held by nothing else.
    let keys = rt.own_property_keys_rooted(o)?;
    // CreateArrayFromList(keys), appending one by one so that each new key
    // string is reachable from the array.
    let array = rt.new_array(0)?;
    for (n, &key) in (0u32..).zip(keys.iter()) {
        let k = rt.property_key_to_value(key)?;
        rt.create_data_property_or_throw(array, PropertyKey::Index(n), k)?;
    }
    Ok(Value::object(array))
}

/// 28.1.11 Reflect.preventExtensions ( target )
/// (#sec-reflect.preventextensions).
fn prevent_extensions(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = target(rt, args, "preventExtensions")?;
    Ok(Value::from_bool(rt.prevent_extensions(o)?))
}

/// 28.1.12 Reflect.set ( target, propertyKey, V [ , receiver ] )
/// (#sec-reflect.set).
fn set(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (o, key) = target_and_key(rt, args, "set")?;
    // 3. If receiver is not present, set receiver to target.
    let receiver = args.get(3).copied().unwrap_or(Value::object(o));
    Ok(Value::from_bool(rt.set(o, key, arg(args, 2), receiver)?))
}

/// 28.1.13 Reflect.setPrototypeOf ( target, proto )
/// (#sec-reflect.setprototypeof).
fn set_prototype_of(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = target(rt, args, "setPrototypeOf")?;
    let proto = arg(args, 1);
    // 2. If proto is not an Object and proto is not null, throw a TypeError.
    if !proto.is_object() && !proto.is_null() {
        return Err(rt.type_error("Object prototype may only be an Object or null"));
    }
    Ok(Value::from_bool(rt.set_prototype_of(o, proto)?))
}
