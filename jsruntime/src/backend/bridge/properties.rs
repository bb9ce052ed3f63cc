//! Property access from compiled code: GetValue, PutValue and `delete` of a
//! property reference through the core's [[Get]]/[[Set]]/[[Delete]]. The
//! named-access slow paths refill the site's inline cache
//! ([`crate::runtime::inline_cache`]).

use crate::backend::Executor;
use crate::builtins::typed_array::{raw_to_value, set_element, typed_array_data};
use crate::runtime::inline_cache::{CachedGet, CachedSet, PropertyCache};
use crate::value::Value;

use super::{complete, value};

/// GetValue of a property reference (ECMA-262 6.2.5.5). `cache` is the
/// site's get cache or null; it is refilled for data properties (own or
/// on the prototype chain).
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_get_property(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, base, key) = unsafe { (&mut *ctx, value(object), value(key)) };
    let rt = &mut exec.runtime;
    // A typed array indexed by an int32: 10.4.5.4 [[Get]] for a numeric key
    // is TypedArrayGetElement (no key conversion, no prototype walk).
    if let (Some(ta), Some(i)) = (typed_array_data(base), key.as_i32()) {
        let result = match ta.get_int_index(i) {
            Some(raw) => raw_to_value(rt, ta.ty, raw),
            None => Ok(Value::UNDEFINED),
        };
        // SAFETY: `ret` is writable.
        return unsafe { complete(ret, result) };
    }
    // Any entry of the site's cache (a polymorphic site has several; the
    // compiled code checked the first only, compact code none): a data
    // property without a lookup, or a getter to call (10.1.8.1 OrdinaryGet
    // steps 5-8).
    if let (Some(o), false) = (base.as_object(), cache.is_null()) {
        // SAFETY: caches live as long as the runtime.
        if let Some(hit) = unsafe { (*cache).poly_get(o) } {
            // SAFETY: `ret` is writable.
            return unsafe { complete(ret, cached_get_result(rt, base, hit)) };
        }
        // A megamorphic site: the runtime's shared table, keyed by shape
        // and key (`inline_cache`, "The megamorphic cache").
        // SAFETY: caches live as long as the runtime.
        if unsafe { (*cache).is_megamorphic() } {
            if let Some(hit) = rt.mega_get(o, key) {
                // SAFETY: `ret` is writable.
                return unsafe { complete(ret, cached_get_result(rt, base, hit)) };
            }
        }
    }
    // A primitive base (`s.length`, `s.charCodeAt`, `n.toFixed`): the
    // site's primitive entries read the property from the primitive's
    // prototype chain without a lookup and without ToObject (7.3.3 GetV).
    if !cache.is_null() && !base.is_object() {
        // SAFETY: caches live as long as the runtime.
        if let Some(hit) = unsafe { (*cache).primitive_get(rt, base) } {
            // SAFETY: `ret` is writable.
            return unsafe { complete(ret, cached_get_result(rt, base, hit)) };
        }
    }
    let result = match base.as_object() {
        Some(o) => rt.to_property_key(key).and_then(|pk| {
            let v = rt.get(o, pk, base)?;
            if !cache.is_null() {
                // SAFETY: caches live as long as the runtime.
                unsafe { (*cache).fill_get_poly(rt, o, pk) };
                // SAFETY: as above.
                if unsafe { (*cache).is_megamorphic() } {
                    rt.mega_fill_get(o, pk, key);
                }
            }
            Ok(v)
        }),
        None if cache.is_null() || base.is_nullish() => rt.get_value(base, key),
        // 6.2.5.5 GetValue steps 3.a-c for a primitive base, as
        // `Runtime::get_value`, then the refill.
        None => rt.to_property_key(key).and_then(|key| {
            let v = rt.get_primitive_property(base, key)?;
            // SAFETY: caches live as long as the runtime.
            unsafe { (*cache).fill_get_primitive(rt, base, key) };
            Ok(v)
        }),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// PutValue of a property reference (ECMA-262 6.2.5.6); `strict` makes a
/// failed assignment a TypeError. `cache` is the site's set cache or null.
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_set_property(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    v: u64,
    strict: u8,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, base, key, v) = unsafe { (&mut *ctx, value(object), value(key), value(v)) };
    let rt = &mut exec.runtime;
    // A typed array indexed by an int32, written as the receiver: 10.4.5.5
    // [[Set]] is TypedArraySetElement, which always succeeds.
    if let (Some(ta), Some(i)) = (typed_array_data(base), key.as_i32()) {
        let result = set_element(rt, ta, i as f64, v).map(|()| v);
        // SAFETY: `ret` is writable.
        return unsafe { complete(ret, result) };
    }
    let result = match base.as_object() {
        Some(o) if !cache.is_null() => {
            // Any entry of the site's cache: a store without a lookup, or a
            // setter to call (10.1.9.2 OrdinarySetWithOwnDescriptor steps
            // 5-7: the receiver is the base).
            // SAFETY: caches live as long as the runtime.
            match unsafe { (*cache).poly_set(rt, o, v) } {
                Some(CachedSet::Stored) => {
                    // SAFETY: `ret` is writable.
                    return unsafe { complete(ret, Ok(v)) };
                }
                Some(CachedSet::Setter(setter)) => {
                    let result = rt.call(setter, base, &[v]).map(|_| v);
                    // SAFETY: `ret` is writable.
                    return unsafe { complete(ret, result) };
                }
                None => {}
            }
            // A megamorphic site: the runtime's shared table.
            // SAFETY: caches live as long as the runtime.
            if unsafe { (*cache).is_megamorphic() } {
                match rt.mega_set(o, key, v) {
                    Some(CachedSet::Stored) => {
                        // SAFETY: `ret` is writable.
                        return unsafe { complete(ret, Ok(v)) };
                    }
                    Some(CachedSet::Setter(setter)) => {
                        let result = rt.call(setter, base, &[v]).map(|_| v);
                        // SAFETY: `ret` is writable.
                        return unsafe { complete(ret, result) };
                    }
                    None => {}
                }
            }
            set_and_fill(rt, o, key, v, base, strict, cache)
        }
        _ => rt.put_value(base, key, v, strict != 0).map(|()| v),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// The generic store of [`runtime_set_property`] through [[Set]], then the
/// refill of the site's set cache.
fn set_and_fill(
    rt: &mut crate::runtime::Runtime,
    o: crate::gc::Gc<crate::object::JsObject>,
    key: Value,
    v: Value,
    base: Value,
    strict: u8,
    cache: *const PropertyCache,
) -> crate::JsResult<Value> {
    let key_value = key;
    rt.to_property_key(key).and_then(|key| {
        let before = o.shape();
        let ok = rt.set(o, key, v, base)?;
        if ok {
            // SAFETY: caches live as long as the runtime.
            unsafe { (*cache).fill_set_poly(rt, o, key, before) };
            // SAFETY: as above.
            if unsafe { (*cache).is_megamorphic() } {
                rt.mega_fill_set(o, key, key_value, before);
            }
        } else if strict != 0 {
            let k = rt.key_for_message(key);
            let message = format!("Cannot assign to read only property '{k}' of object");
            return Err(rt.type_error(&message));
        }
        Ok(v)
    })
}

/// `delete object[key]` (ECMA-262 13.5.1.2).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_delete_property(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    strict: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, base, key) = unsafe { (&mut *ctx, value(object), value(key)) };
    let result = exec
        .runtime
        .delete_value(base, key, strict != 0)
        .map(Value::from_bool);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// 22.1.3.3 String.prototype.charCodeAt ( pos ) for a string `s` and an
/// int32 `index` (compiled code checked both and that the callee is the
/// original `charCodeAt`, `compiler/call.rs`): the code unit, or NaN out
/// of range. Uses no executor (`ctx` is there by the runtime functions'
/// convention) and cannot throw (a rope is flattened on the malloc heap,
/// without a collection).
///
/// # Safety
/// `s` must be the bits of a live string value.
pub unsafe extern "C" fn runtime_char_code_at(_ctx: *mut Executor, s: u64, index: u64) -> u64 {
    // SAFETY: see the function's contract.
    let (s, index) = unsafe { (value(s), value(index)) };
    let unit = match (s.as_string(), index.as_i32()) {
        (Some(s), Some(i)) if i >= 0 => s.code_unit_at(i as usize),
        _ => None,
    };
    match unit {
        Some(u) => Value::from_u32(u32::from(u)),
        None => Value::number(f64::NAN),
    }
    .to_bits()
}

/// The value of a cache hit: the stored value, or the getter called on
/// `base` (undefined for an accessor without one; 10.1.8.1 OrdinaryGet
/// steps 5-8).
fn cached_get_result(
    rt: &mut crate::runtime::Runtime,
    base: Value,
    hit: CachedGet,
) -> crate::JsResult<Value> {
    match hit {
        CachedGet::Value(v) => Ok(v),
        CachedGet::Getter(getter) if getter.is_undefined() => Ok(Value::UNDEFINED),
        CachedGet::Getter(getter) => rt.call(getter, base, &[]),
    }
}
