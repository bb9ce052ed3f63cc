//! Dynamic environments: identifier references that compiled code resolves
//! at runtime because an object environment record lies between the
//! reference and its static binding (the object of a `with` statement,
//! ECMA-262 9.1.1.2 Object Environment Records, 14.11.2).
//!
//! The analyzer emits `DynamicReference` for such a reference with the
//! environment objects innermost first; [`runtime_resolve_dynamic`] performs
//! the part of 9.1.2.1 GetIdentifierReference that walks them, once, when
//! the reference is evaluated. The compiler then uses the object found as a
//! property base, or the static binding when no environment has the name.

use crate::completion::JsResult;
use crate::conversions::to_boolean;
use crate::gc::Gc;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::Runtime;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;

use super::{bridge, Executor};

/// 9.1.1.2.1 HasBinding(N) of an object environment record whose binding
/// object is `env`; `with` records also consult @@unscopables.
fn has_binding(
    rt: &mut Runtime,
    env: Gc<JsObject>,
    key: PropertyKey,
    with: bool,
) -> JsResult<bool> {
    // Steps 2-3: HasProperty(bindingObject, N).
    if !rt.has_property(env, key)? {
        return Ok(false);
    }
    // Step 4: not a `with` environment.
    if !with {
        return Ok(true);
    }
    // Steps 5-7: a truthy unscopables[N] hides the property.
    let unscopables_key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Unscopables));
    let unscopables = rt.get(env, unscopables_key, Value::object(env))?;
    if let Some(u) = unscopables.as_object() {
        let blocked = rt.get(u, key, unscopables)?;
        return Ok(!to_boolean(blocked));
    }
    Ok(true)
}

/// The first environment of `envs` that has a binding for `key`, with its
/// this value for calls (9.1.1.2.10 WithBaseObject: the object for `with`
/// records, undefined otherwise).
fn resolve(
    rt: &mut Runtime,
    key: Value,
    envs: &[Value],
    with_mask: u32,
) -> JsResult<Option<(Gc<JsObject>, Value)>> {
    let key = rt.to_property_key(key)?;
    for (i, env) in envs.iter().enumerate() {
        let Some(object) = env.as_object() else {
            continue;
        };
        let with = i < 32 && with_mask & (1 << i) != 0;
        if has_binding(rt, object, key, with)? {
            let this = if with {
                Value::object(object)
            } else {
                Value::UNDEFINED
            };
            return Ok(Some((object, this)));
        }
    }
    Ok(None)
}

/// Searches `count` environment objects at `envs` (innermost first) for the
/// name `key`. `*ret` receives the binding object, or HOLE when none has the
/// name (the static binding applies); `envs[count]` receives the this value
/// of a call through the reference.
///
/// # Safety
/// `envs` must hold `count + 1` writable values; `ret` must be writable.
pub unsafe extern "C" fn runtime_resolve_dynamic(
    ctx: *mut Executor,
    key: u64,
    envs: *mut u64,
    count: u32,
    with_mask: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the executor is live for the call (calling convention).
    let exec = unsafe { &mut *ctx };
    // SAFETY: `envs` holds `count + 1` values (contract).
    let slots = unsafe { std::slice::from_raw_parts_mut(envs, count as usize + 1) };
    let (values, this_slot) = slots.split_at_mut(count as usize);
    // SAFETY: compiled code only passes valid values; they stay on the
    // native stack (scanned by the GC) for the whole call.
    let values: Vec<Value> = values
        .iter()
        .map(|&b| unsafe { Value::from_bits(b) })
        .collect();
    // SAFETY: as above.
    let key = unsafe { Value::from_bits(key) };
    let result = resolve(&mut exec.runtime, key, &values, with_mask).map(|found| {
        let (object, this) = match found {
            Some((object, this)) => (Value::object(object), this),
            None => (Value::HOLE, Value::UNDEFINED),
        };
        this_slot[0] = this.to_bits();
        object
    });
    // SAFETY: `ret` is writable (contract).
    unsafe { bridge::complete(ret, result) }
}

/// Strict code's check before it reads or writes a binding object's
/// property (9.1.1.2.6 GetBindingValue step 3, 9.1.1.2.5 SetMutableBinding
/// step 3): the property may have been deleted since the reference was
/// resolved; then the reference is a ReferenceError.
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_check_dynamic_binding(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the executor is live for the call (calling convention).
    let exec = unsafe { &mut *ctx };
    // SAFETY: compiled code only passes valid values.
    let (object, key) = unsafe { (Value::from_bits(object), Value::from_bits(key)) };
    let rt = &mut exec.runtime;
    let result = (|| {
        let key_value = key;
        let key = rt.to_property_key(key)?;
        let exists = match object.as_object() {
            Some(o) => rt.has_property(o, key)?,
            None => false,
        };
        if exists {
            return Ok(Value::UNDEFINED);
        }
        let name = rt.to_string(key_value)?;
        let message = format!("{} is not defined", name.to_rust_string());
        Err(rt.reference_error(&message))
    })();
    // SAFETY: `ret` is writable (contract).
    unsafe { bridge::complete(ret, result) }
}
