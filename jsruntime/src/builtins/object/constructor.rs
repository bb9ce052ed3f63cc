//! The static functions of the Object constructor (20.1.2).

use super::descriptor::{from_property_descriptor, to_property_descriptor};
use super::entries::{enumerable_own_properties, key_at, key_value, own_keys_rooted, EnumKind};
use crate::builtins::arg;
use crate::gc::{Gc, ValueList};
use crate::object::{JsObject, PropertyDescriptor, PropertyKey};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

fn require_object(rt: &mut Runtime, v: Value, what: &str) -> JsResult<Gc<JsObject>> {
    match v.as_object() {
        Some(o) => Ok(o),
        None => Err(rt.type_error(&format!("{what} called on non-object"))),
    }
}

/// 20.1.2.2 Object.create ( O, Properties ).
pub(super) fn create(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let proto = arg(args, 0);
    if !proto.is_object() && !proto.is_null() {
        return Err(rt.type_error("Object prototype may only be an Object or null"));
    }
    let o = rt.new_object_with_proto(proto)?;
    let props = arg(args, 1);
    if !props.is_undefined() {
        object_define_properties(rt, o, props)?;
    }
    Ok(Value::object(o))
}

/// 20.1.2.3.1 ObjectDefineProperties ( O, Properties )
/// (#sec-objectdefineproperties).
fn object_define_properties(rt: &mut Runtime, o: Gc<JsObject>, props: Value) -> JsResult<()> {
    // 1. Let props be ? ToObject(Properties).
    let props_obj = rt.to_object(props)?;
    // 2. Let keys be ? props.[[OwnPropertyKeys]]().
    let keys = own_keys_rooted(rt, props_obj)?;
    // 3. Let descriptors be a new empty List. The getters of the descriptor
    // objects run before any is applied, so the descriptors' values are
    // rooted: per descriptor, its key, value, get and set (HOLE = absent)
    // in `values`, and its booleans in `flags`.
    let values = rt.alloc(ValueList::new())?;
    // GC: booleans only.
    let mut flags: Vec<(Option<bool>, Option<bool>, Option<bool>)> = Vec::new();
    // 4. For each element nextKey of keys, do
    for i in 0..keys.len() {
        let key = key_at(rt, keys, i)?;
        // a. Let propDesc be ? props.[[GetOwnProperty]](nextKey).
        let Some(d) = rt.get_own_property(props_obj, key)? else {
            continue;
        };
        // b. If propDesc is not undefined and propDesc.[[Enumerable]] is true:
        if d.enumerable == Some(true) {
            // i. Let descObj be ? Get(props, nextKey).
            let desc_obj = rt.get(props_obj, key, Value::object(props_obj))?;
            // ii. Let desc be ? ToPropertyDescriptor(descObj).
            let d = to_property_descriptor(rt, desc_obj)?;
            // iii. Append the Record { [[Key]]: nextKey, [[Descriptor]]: desc }.
            values.push(key_value(key));
            for v in [d.value, d.get, d.set] {
                values.push(v.unwrap_or(Value::HOLE));
            }
            flags.push((d.writable, d.enumerable, d.configurable));
        }
    }
    // 5. For each element property of descriptors, do
    for (n, &(writable, enumerable, configurable)) in flags.iter().enumerate() {
        let field = |j: usize| values.get(4 * n + j).filter(|v| !v.is_hole());
        let key = rt.to_property_key(field(0).unwrap_or(Value::UNDEFINED))?;
        let d = PropertyDescriptor {
            value: field(1),
            writable,
            get: field(2),
            set: field(3),
            enumerable,
            configurable,
        };
        // a. Perform ? DefinePropertyOrThrow(O, property.[[Key]], property.[[Descriptor]]).
        rt.define_property_or_throw(o, key, d)?;
    }
    std::hint::black_box((keys, values));
    // 6. Return O.
    Ok(())
}

/// 20.1.2.3 Object.defineProperties ( O, Properties ).
pub(super) fn define_properties(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = require_object(rt, arg(args, 0), "Object.defineProperties")?;
    object_define_properties(rt, o, arg(args, 1))?;
    Ok(Value::object(o))
}

/// 20.1.2.4 Object.defineProperty ( O, P, Attributes ).
pub(super) fn define_property(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = require_object(rt, arg(args, 0), "Object.defineProperty")?;
    let key = rt.to_property_key(arg(args, 1))?;
    let d = to_property_descriptor(rt, arg(args, 2))?;
    rt.define_property_or_throw(o, key, d)?;
    Ok(Value::object(o))
}

/// 20.1.2.6 Object.freeze ( O ).
pub(super) fn freeze(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Some(o) = v.as_object() {
        if !rt.set_integrity_level(o, true)? {
            return Err(rt.type_error("Cannot freeze"));
        }
    }
    Ok(v)
}

/// 20.1.2.22 Object.seal ( O ).
pub(super) fn seal(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Some(o) = v.as_object() {
        if !rt.set_integrity_level(o, false)? {
            return Err(rt.type_error("Cannot seal"));
        }
    }
    Ok(v)
}

/// 20.1.2.19 Object.preventExtensions ( O ).
pub(super) fn prevent_extensions(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Some(o) = v.as_object() {
        if !rt.prevent_extensions(o)? {
            return Err(rt.type_error("Cannot prevent extensions"));
        }
    }
    Ok(v)
}

/// 7.3.17 TestIntegrityLevel ( O, level ).
fn test_integrity_level(rt: &mut Runtime, o: Gc<JsObject>, frozen: bool) -> JsResult<bool> {
    if rt.is_extensible(o)? {
        return Ok(false);
    }
    let keys = rt.own_property_keys_rooted(o)?;
    for &key in keys.iter() {
        if let Some(d) = rt.get_own_property(o, key)? {
            if d.configurable == Some(true) {
                return Ok(false);
            }
            if frozen && d.is_data() && d.writable == Some(true) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// 20.1.2.16 Object.isFrozen ( O ).
pub(super) fn is_frozen(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    match arg(args, 0).as_object() {
        Some(o) => Ok(Value::from_bool(test_integrity_level(rt, o, true)?)),
        None => Ok(Value::TRUE),
    }
}

/// 20.1.2.17 Object.isSealed ( O ).
pub(super) fn is_sealed(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    match arg(args, 0).as_object() {
        Some(o) => Ok(Value::from_bool(test_integrity_level(rt, o, false)?)),
        None => Ok(Value::TRUE),
    }
}

/// 20.1.2.15 Object.isExtensible ( O ).
pub(super) fn is_extensible(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    match arg(args, 0).as_object() {
        Some(o) => Ok(Value::from_bool(rt.is_extensible(o)?)),
        None => Ok(Value::FALSE),
    }
}

/// 20.1.2.8 Object.getOwnPropertyDescriptor ( O, P ).
pub(super) fn get_own_property_descriptor(
    rt: &mut Runtime,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    let o = rt.to_object(arg(args, 0))?;
    let key = rt.to_property_key(arg(args, 1))?;
    match rt.get_own_property(o, key)? {
        Some(d) => from_property_descriptor(rt, d),
        None => Ok(Value::UNDEFINED),
    }
}

/// An array of the own keys of `v` that pass `keep` (keys are appended one
/// by one so that every new string is reachable from the array).
fn keys_array(
    rt: &mut Runtime,
    v: Value,
    mut keep: impl FnMut(&mut Runtime, Gc<JsObject>, PropertyKey) -> JsResult<bool>,
) -> JsResult<Value> {
    let o = rt.to_object(v)?;
    let array = rt.new_array(0)?;
    let mut n = 0u32;
    let keys = rt.own_property_keys_rooted(o)?;
    for &key in keys.iter() {
        if key.is_symbol() || !keep(rt, o, key)? {
            continue;
        }
        let k = rt.property_key_to_value(key)?;
        rt.create_data_property_or_throw(array, PropertyKey::Index(n), k)?;
        n += 1;
    }
    Ok(Value::object(array))
}

/// 20.1.2.10 Object.getOwnPropertyNames ( O ).
pub(super) fn get_own_property_names(
    rt: &mut Runtime,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    keys_array(rt, arg(args, 0), |_, _, _| Ok(true))
}

/// 20.1.2.18 Object.keys ( O ) (#sec-object.keys).
pub(super) fn keys(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // 1. Let obj be ? ToObject(O).
    let o = rt.to_object(arg(args, 0))?;
    // 2-3. CreateArrayFromList(? EnumerableOwnProperties(obj, key)).
    enumerable_own_properties(rt, o, EnumKind::Keys)
}

/// 20.1.2.12 Object.getPrototypeOf ( O ).
pub(super) fn get_prototype_of(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(arg(args, 0))?;
    rt.get_prototype_of(o)
}

/// 20.1.2.23 Object.setPrototypeOf ( O, proto ).
pub(super) fn set_prototype_of(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if v.is_nullish() {
        return Err(rt.type_error("Object.setPrototypeOf called on null or undefined"));
    }
    let proto = arg(args, 1);
    if !proto.is_object() && !proto.is_null() {
        return Err(rt.type_error("Object prototype may only be an Object or null"));
    }
    let Some(o) = v.as_object() else {
        return Ok(v);
    };
    if !rt.set_prototype_of(o, proto)? {
        return Err(rt.type_error("Cannot set the prototype of this object"));
    }
    Ok(v)
}
