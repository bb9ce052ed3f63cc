//! The property internal methods of Proxy exotic objects (10.5.5-10.5.11):
//! each calls its trap and checks the trap's result against the target's
//! invariants, step by step.

use std::collections::HashSet;

use crate::builtins::object::{from_property_descriptor, to_property_descriptor};
use crate::conversions::to_boolean;
use crate::equality::same_value;
use crate::gc::{Gc, RootedList};
use crate::object::{JsObject, PropertyDescriptor, PropertyKey, StoredProperty};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// 6.2.6.6 CompletePropertyDescriptor, as the stored form.
fn complete(desc: PropertyDescriptor) -> StoredProperty {
    if desc.is_accessor() {
        StoredProperty::Accessor {
            get: desc.get.unwrap_or(Value::UNDEFINED),
            set: desc.set.unwrap_or(Value::UNDEFINED),
            attrs: desc.attributes(),
        }
    } else {
        StoredProperty::Data(desc.value.unwrap_or(Value::UNDEFINED), desc.attributes())
    }
}

/// 10.5.5 [[GetOwnProperty]] ( P )
/// (#sec-proxy-object-internal-methods-and-internal-slots-getownproperty-p).
pub(super) fn get_own_property(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
) -> JsResult<Option<StoredProperty>> {
    const TRAP: &str = "getOwnPropertyDescriptor";
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, TRAP)?;
    // 5. Let trap be ? GetMethod(handler, "getOwnPropertyDescriptor").
    let Some(trap) = rt.proxy_trap(handler, TRAP)? else {
        // 6. Return ? target.[[GetOwnProperty]](P).
        return rt.own_property(target, key);
    };
    // 7. Let trapResultObj be ? Call(trap, handler, « target, P »).
    let k = rt.property_key_to_value(key)?;
    let result = rt.call(trap, Value::object(handler), &[Value::object(target), k])?;
    // 8. If trapResultObj is not an Object and not undefined, throw.
    if !result.is_object() && !result.is_undefined() {
        return Err(rt.proxy_invariant(TRAP, "trap returned neither object nor undefined"));
    }
    // 9. Let targetDesc be ? target.[[GetOwnProperty]](P).
    let target_desc = rt.own_property(target, key)?;
    // 10. If trapResultObj is undefined, then
    if result.is_undefined() {
        // a. If targetDesc is undefined, return undefined.
        let Some(td) = target_desc else {
            return Ok(None);
        };
        // b. If targetDesc.[[Configurable]] is false, throw a TypeError.
        if !td.attrs().configurable() {
            return Err(rt.proxy_invariant(
                TRAP,
                "trap returned undefined for a non-configurable property of the target",
            ));
        }
        // c-d. If ? IsExtensible(target) is false, throw a TypeError.
        if !rt.is_extensible(target)? {
            return Err(rt.proxy_invariant(
                TRAP,
                "trap returned undefined for an existing property of a non-extensible target",
            ));
        }
        // e. Return undefined.
        return Ok(None);
    }
    // 11. Let extensibleTarget be ? IsExtensible(target).
    let extensible = rt.is_extensible(target)?;
    // 12. Let resultDesc be ? ToPropertyDescriptor(trapResultObj).
    let result_desc = to_property_descriptor(rt, result)?;
    // 13. Perform CompletePropertyDescriptor(resultDesc).
    let result_prop = complete(result_desc);
    let result_desc = result_prop.to_descriptor();
    // 14. Let valid be IsCompatiblePropertyDescriptor(extensibleTarget,
    // resultDesc, targetDesc).
    let valid = rt.validate_and_apply(None, key, extensible, result_desc, target_desc)?;
    // 15. If valid is false, throw a TypeError exception.
    if !valid {
        return Err(rt.proxy_invariant(
            TRAP,
            "trap returned a descriptor incompatible with the target's property",
        ));
    }
    // 16. If resultDesc.[[Configurable]] is false, then
    if !result_prop.attrs().configurable() {
        // a. If targetDesc is undefined or targetDesc.[[Configurable]] is
        // true, throw a TypeError exception.
        let Some(td) = target_desc.filter(|td| !td.attrs().configurable()) else {
            return Err(rt.proxy_invariant(
                TRAP,
                "trap reported non-configurability for a property that is configurable or missing on the target",
            ));
        };
        // b. If resultDesc has a [[Writable]] field and it is false, then
        // i-ii. if targetDesc.[[Writable]] is true, throw a TypeError.
        if let (StoredProperty::Data(_, ra), StoredProperty::Data(_, ta)) = (result_prop, td) {
            if !ra.writable() && ta.writable() {
                return Err(rt.proxy_invariant(
                    TRAP,
                    "trap reported a non-configurable, non-writable property that is writable on the target",
                ));
            }
        }
    }
    // 17. Return resultDesc.
    Ok(Some(result_prop))
}

/// 10.5.6 [[DefineOwnProperty]] ( P, Desc )
/// (#sec-proxy-object-internal-methods-and-internal-slots-defineownproperty-p-desc).
pub(super) fn define_own_property(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
    desc: PropertyDescriptor,
) -> JsResult<bool> {
    const TRAP: &str = "defineProperty";
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, TRAP)?;
    // 5. Let trap be ? GetMethod(handler, "defineProperty").
    let Some(trap) = rt.proxy_trap(handler, TRAP)? else {
        // 6. Return ? target.[[DefineOwnProperty]](P, Desc).
        return rt.define_own_property(target, key, desc);
    };
    // 7. Let descObj be FromPropertyDescriptor(Desc).
    let desc_obj = from_property_descriptor(rt, desc)?;
    // 8. Let booleanTrapResult be ToBoolean(? Call(trap, handler,
    // « target, P, descObj »)).
    let k = rt.property_key_to_value(key)?;
    let r = rt.call(
        trap,
        Value::object(handler),
        &[Value::object(target), k, desc_obj],
    )?;
    // 9. If booleanTrapResult is false, return false.
    if !to_boolean(r) {
        return Ok(false);
    }
    // 10. Let targetDesc be ? target.[[GetOwnProperty]](P).
    let target_desc = rt.own_property(target, key)?;
    // 11. Let extensibleTarget be ? IsExtensible(target).
    let extensible = rt.is_extensible(target)?;
    // 12. settingConfigFalse: Desc has [[Configurable]] false.
    let setting_config_false = desc.configurable == Some(false);
    match target_desc {
        // 13. If targetDesc is undefined, then
        None => {
            // a. If extensibleTarget is false, throw a TypeError exception.
            if !extensible {
                return Err(rt.proxy_invariant(
                    TRAP,
                    "trap returned truish for adding a property to a non-extensible target",
                ));
            }
            // b. If settingConfigFalse is true, throw a TypeError exception.
            if setting_config_false {
                return Err(rt.proxy_invariant(
                    TRAP,
                    "trap returned truish for defining a non-configurable property that does not exist on the target",
                ));
            }
        }
        // 14. Else,
        Some(td) => {
            // a. If IsCompatiblePropertyDescriptor(extensibleTarget, Desc,
            // targetDesc) is false, throw a TypeError exception.
            if !rt.validate_and_apply(None, key, extensible, desc, Some(td))? {
                return Err(rt.proxy_invariant(
                    TRAP,
                    "trap returned truish for a descriptor incompatible with the target's property",
                ));
            }
            // b. If settingConfigFalse is true and targetDesc.[[Configurable]]
            // is true, throw a TypeError exception.
            if setting_config_false && td.attrs().configurable() {
                return Err(rt.proxy_invariant(
                    TRAP,
                    "trap returned truish for making a configurable property of the target non-configurable",
                ));
            }
            // c. If IsDataDescriptor(targetDesc) is true,
            // targetDesc.[[Configurable]] is false, and targetDesc.[[Writable]]
            // is true, then i. if Desc has [[Writable]] false, throw.
            if let StoredProperty::Data(_, a) = td {
                if !a.configurable() && a.writable() && desc.writable == Some(false) {
                    return Err(rt.proxy_invariant(
                        TRAP,
                        "trap returned truish for making a non-configurable writable property of the target non-writable",
                    ));
                }
            }
        }
    }
    // 15. Return true.
    Ok(true)
}

/// 10.5.7 [[HasProperty]] ( P )
/// (#sec-proxy-object-internal-methods-and-internal-slots-hasproperty-p).
pub(super) fn has_property(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
    const TRAP: &str = "has";
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, TRAP)?;
    // 5. Let trap be ? GetMethod(handler, "has").
    let Some(trap) = rt.proxy_trap(handler, TRAP)? else {
        // 6. Return ? target.[[HasProperty]](P).
        return rt.has_property(target, key);
    };
    // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler, « target, P »)).
    let k = rt.property_key_to_value(key)?;
    let r = to_boolean(rt.call(trap, Value::object(handler), &[Value::object(target), k])?);
    // 8. If booleanTrapResult is false, then
    if !r {
        // a. Let targetDesc be ? target.[[GetOwnProperty]](P).
        // b. If targetDesc is not undefined, then
        if let Some(td) = rt.own_property(target, key)? {
            // i. If targetDesc.[[Configurable]] is false, throw a TypeError.
            if !td.attrs().configurable() {
                return Err(rt.proxy_invariant(
                    TRAP,
                    "trap returned falsish for a non-configurable property of the target",
                ));
            }
            // ii-iii. If ? IsExtensible(target) is false, throw a TypeError.
            if !rt.is_extensible(target)? {
                return Err(rt.proxy_invariant(
                    TRAP,
                    "trap returned falsish for a property of a non-extensible target",
                ));
            }
        }
    }
    // 9. Return booleanTrapResult.
    Ok(r)
}

/// 10.5.8 [[Get]] ( P, Receiver )
/// (#sec-proxy-object-internal-methods-and-internal-slots-get-p-receiver).
pub(super) fn get(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
    receiver: Value,
) -> JsResult<Value> {
    const TRAP: &str = "get";
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, TRAP)?;
    // 5. Let trap be ? GetMethod(handler, "get").
    let Some(trap) = rt.proxy_trap(handler, TRAP)? else {
        // 6. Return ? target.[[Get]](P, Receiver).
        return rt.get(target, key, receiver);
    };
    // 7. Let trapResult be ? Call(trap, handler, « target, P, Receiver »).
    let k = rt.property_key_to_value(key)?;
    let result = rt.call(
        trap,
        Value::object(handler),
        &[Value::object(target), k, receiver],
    )?;
    // 8. Let targetDesc be ? target.[[GetOwnProperty]](P).
    // 9. If targetDesc is not undefined and targetDesc.[[Configurable]] is
    // false, then
    match rt.own_property(target, key)? {
        // a. A non-writable data property: SameValue(trapResult, value).
        Some(StoredProperty::Data(v, a))
            if !a.configurable() && !a.writable() && !same_value(result, v) =>
        {
            Err(rt.proxy_invariant(
                TRAP,
                "the target's property is a non-writable, non-configurable data property and the trap did not return its actual value",
            ))
        }
        // b. An accessor without [[Get]]: trapResult must be undefined.
        Some(StoredProperty::Accessor { get, attrs, .. })
            if !attrs.configurable() && get.is_undefined() && !result.is_undefined() =>
        {
            Err(rt.proxy_invariant(
                TRAP,
                "the target's property is a non-configurable accessor without a getter and the trap did not return undefined",
            ))
        }
        // 10. Return trapResult.
        _ => Ok(result),
    }
}

/// 10.5.9 [[Set]] ( P, V, Receiver )
/// (#sec-proxy-object-internal-methods-and-internal-slots-set-p-v-receiver).
pub(super) fn set(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
    v: Value,
    receiver: Value,
) -> JsResult<bool> {
    const TRAP: &str = "set";
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, TRAP)?;
    // 5. Let trap be ? GetMethod(handler, "set").
    let Some(trap) = rt.proxy_trap(handler, TRAP)? else {
        // 6. Return ? target.[[Set]](P, V, Receiver).
        return rt.set(target, key, v, receiver);
    };
    // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler,
    // « target, P, V, Receiver »)).
    let k = rt.property_key_to_value(key)?;
    let r = rt.call(
        trap,
        Value::object(handler),
        &[Value::object(target), k, v, receiver],
    )?;
    // 8. If booleanTrapResult is false, return false.
    if !to_boolean(r) {
        return Ok(false);
    }
    // 9. Let targetDesc be ? target.[[GetOwnProperty]](P).
    // 10. If targetDesc is not undefined and targetDesc.[[Configurable]] is
    // false, then
    match rt.own_property(target, key)? {
        // a. A non-writable data property: SameValue(V, value) or throw.
        Some(StoredProperty::Data(tv, a))
            if !a.configurable() && !a.writable() && !same_value(v, tv) =>
        {
            Err(rt.proxy_invariant(
                TRAP,
                "trap returned truish for a non-writable, non-configurable property of the target with a different value",
            ))
        }
        // b. An accessor without [[Set]]: throw.
        Some(StoredProperty::Accessor { set, attrs, .. })
            if !attrs.configurable() && set.is_undefined() =>
        {
            Err(rt.proxy_invariant(
                TRAP,
                "trap returned truish for a non-configurable accessor property of the target without a setter",
            ))
        }
        // 11. Return true.
        _ => Ok(true),
    }
}

/// 10.5.10 [[Delete]] ( P )
/// (#sec-proxy-object-internal-methods-and-internal-slots-delete-p).
pub(super) fn delete(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
    const TRAP: &str = "deleteProperty";
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, TRAP)?;
    // 5. Let trap be ? GetMethod(handler, "deleteProperty").
    let Some(trap) = rt.proxy_trap(handler, TRAP)? else {
        // 6. Return ? target.[[Delete]](P).
        return rt.delete(target, key);
    };
    // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler, « target, P »)).
    let k = rt.property_key_to_value(key)?;
    let r = rt.call(trap, Value::object(handler), &[Value::object(target), k])?;
    // 8. If booleanTrapResult is false, return false.
    if !to_boolean(r) {
        return Ok(false);
    }
    // 9. Let targetDesc be ? target.[[GetOwnProperty]](P).
    // 10. If targetDesc is undefined, return true.
    let Some(td) = rt.own_property(target, key)? else {
        return Ok(true);
    };
    // 11. If targetDesc.[[Configurable]] is false, throw a TypeError exception.
    if !td.attrs().configurable() {
        return Err(rt.proxy_invariant(
            TRAP,
            "trap returned truish for a non-configurable property of the target",
        ));
    }
    // 12-13. If ? IsExtensible(target) is false, throw a TypeError exception.
    if !rt.is_extensible(target)? {
        return Err(rt.proxy_invariant(
            TRAP,
            "trap returned truish for a property of a non-extensible target",
        ));
    }
    // 14. Return true.
    Ok(true)
}

/// 10.5.11 [[OwnPropertyKeys]] ( )
/// (#sec-proxy-object-internal-methods-and-internal-slots-ownpropertykeys).
pub(super) fn own_property_keys(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<Vec<PropertyKey>> {
    const TRAP: &str = "ownKeys";
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, TRAP)?;
    // 5. Let trap be ? GetMethod(handler, "ownKeys").
    let Some(trap) = rt.proxy_trap(handler, TRAP)? else {
        // 6. Return ? target.[[OwnPropertyKeys]]().
        return rt.own_property_keys(target);
    };
    // 7. Let trapResultArray be ? Call(trap, handler, « target »).
    let array = rt.call(trap, Value::object(handler), &[Value::object(target)])?;
    // 8. Let trapResult be ? CreateListFromArrayLike(trapResultArray,
    // property-key) (7.3.20: elements must be Strings or Symbols).
    let Some(array_obj) = array.as_object() else {
        return Err(rt.proxy_invariant(TRAP, "trap returned a non-object"));
    };
    let len = rt.length_of_array_like(array_obj)?;
    if len > crate::object::value_vec::MAX_LEN as f64 {
        return Err(rt.range_error("Too many keys"));
    }
    let mut trap_result: RootedList<PropertyKey> = rt.rooted_list_with_capacity(len as usize);
    // GC: keys only, each also in `trap_result`, which is rooted.
    let mut seen: HashSet<PropertyKey> = HashSet::new();
    for i in 0..len as u32 {
        let next = rt.get(array_obj, PropertyKey::Index(i), array)?;
        if !next.is_string() && !next.is_symbol() {
            return Err(rt.proxy_invariant(TRAP, "trap result elements must be strings or symbols"));
        }
        let key = rt.to_property_key(next)?;
        // 9. If trapResult contains any duplicate entries, throw a TypeError.
        if !seen.insert(key) {
            return Err(rt.proxy_invariant(TRAP, "trap returned duplicate entries"));
        }
        trap_result.push(key);
    }
    // 10. Let extensibleTarget be ? IsExtensible(target).
    let extensible = rt.is_extensible(target)?;
    // 11. Let targetKeys be ? target.[[OwnPropertyKeys]]().
    let target_keys = rt.own_property_keys(target)?;
    let target_keys: RootedList<PropertyKey> = rt.rooted_list_from(&target_keys);
    // 13-15. Split targetKeys by the configurability of their properties.
    let mut configurable: RootedList<PropertyKey> = rt.rooted_list();
    let mut nonconfigurable: RootedList<PropertyKey> = rt.rooted_list();
    for &key in target_keys.iter() {
        match rt.own_property(target, key)? {
            Some(d) if !d.attrs().configurable() => nonconfigurable.push(key),
            _ => configurable.push(key),
        }
    }
    // 16. If extensibleTarget is true and targetNonconfigurableKeys is
    // empty, return trapResult.
    if extensible && nonconfigurable.is_empty() {
        return Ok(trap_result.to_vec());
    }
    // 17. Let uncheckedResultKeys be a List whose elements are the elements
    // of trapResult (no duplicates: a set).
    let mut unchecked = seen;
    // 18. For each element key of targetNonconfigurableKeys: it must be
    // in uncheckedResultKeys; remove it.
    for &key in nonconfigurable.iter() {
        if !unchecked.remove(&key) {
            return Err(rt.proxy_invariant(
                TRAP,
                "trap result did not include a non-configurable key of the target",
            ));
        }
    }
    // 19. If extensibleTarget is true, return trapResult.
    if extensible {
        return Ok(trap_result.to_vec());
    }
    // 20. For each element key of targetConfigurableKeys: likewise.
    for &key in configurable.iter() {
        if !unchecked.remove(&key) {
            return Err(rt.proxy_invariant(
                TRAP,
                "trap result did not include all keys of the non-extensible target",
            ));
        }
    }
    // 21. If uncheckedResultKeys is not empty, throw a TypeError exception.
    if !unchecked.is_empty() {
        return Err(rt.proxy_invariant(
            TRAP,
            "trap returned extra keys but the proxy target is non-extensible",
        ));
    }
    // 22. Return trapResult.
    Ok(trap_result.to_vec())
}
