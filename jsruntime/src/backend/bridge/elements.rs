//! Typed-array element access from compiled code (issue 16, point 2): the
//! out-of-line half of `ta[i]` and `ta[i] = v` with an int32 `i`, called by
//! the element fast path (`compiler/element.rs`) when the receiver has
//! `FLAG_TYPED_ARRAY` and the inline access does not apply (quick tier,
//! Float16, an index the inline checks reject...), and of `ta.length`. They take the executor as every runtime function
//! does but never use it, and have no out parameter: they never throw,
//! allocate or run JavaScript, and answer "ask the runtime" (BigInt
//! content, a non-Number value) with a sentinel.

use crate::backend::feedback::note_element;
use crate::backend::Executor;
use crate::builtins::typed_array::{length_fast, typed_array_data};
use crate::runtime::inline_cache::PropertyCache;
use crate::value::Value;

use super::properties::{runtime_get_property, runtime_set_property};
use super::value;

/// `object[key]` for a typed array and an int32 key: the element's bits, or
/// the bits of `Value::HOLE` when the generic path must answer.
///
/// # Safety
/// `object` and `key` must be valid value bits (the compiled caller checked
/// that `object` is an object with `FLAG_TYPED_ARRAY` and `key` an int32).
pub unsafe extern "C" fn runtime_typed_array_get(
    _ctx: *mut Executor,
    object: u64,
    key: u64,
) -> u64 {
    // SAFETY: see the function's contract.
    let (object, key) = unsafe { (value(object), value(key)) };
    let hit = match (typed_array_data(object), key.as_i32()) {
        (Some(ta), Some(i)) => ta.get_number_at(i),
        _ => None,
    };
    hit.unwrap_or(Value::HOLE).to_bits()
}

/// `object[key] = v` for a typed array, an int32 key and a Number `v`:
/// 1 when done, 0 when the generic path must do it.
///
/// # Safety
/// As [`runtime_typed_array_get`]; `v` must be valid value bits.
pub unsafe extern "C" fn runtime_typed_array_set(
    _ctx: *mut Executor,
    object: u64,
    key: u64,
    v: u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (object, key, v) = unsafe { (value(object), value(key), value(v)) };
    match (typed_array_data(object), key.as_i32()) {
        (Some(ta), Some(i)) => u32::from(ta.set_number_at(i, v)),
        _ => 0,
    }
}

/// `object.length` for a typed array: when the site's inline cache holds a
/// getter entry that `object` hits (`PropertyCache::getter_hit`: the lookup
/// would find that accessor) and the getter is the original
/// %TypedArray%.prototype `length` getter, the length without the call;
/// else the bits of `Value::HOLE` (the generic path answers and fills the
/// cache).
///
/// # Safety
/// `object` must be valid value bits (the compiled caller checked that it
/// is an object with `FLAG_TYPED_ARRAY`); `cache` null or a cache of the
/// executor.
pub unsafe extern "C" fn runtime_typed_array_length(
    _ctx: *mut Executor,
    object: u64,
    cache: *const PropertyCache,
) -> u64 {
    // SAFETY: see the function's contract.
    let object = unsafe { value(object) };
    let hit = match (object.as_object(), cache.is_null()) {
        // SAFETY: caches live as long as the runtime.
        (Some(o), false) => unsafe { (*cache).getter_hit(o) },
        _ => None,
    };
    hit.and_then(|getter| length_fast(getter, object))
        .unwrap_or(Value::HOLE)
        .to_bits()
}

/// `runtime_get_property` for a computed key in the quick tier: also
/// records the receiver and key kinds in the site's feedback byte
/// (`backend::feedback`), read when the full tier is built.
///
/// # Safety
/// As `runtime_get_property`; `site` null or a byte of a live feedback
/// table.
pub unsafe extern "C" fn runtime_get_element_noting(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    cache: *const PropertyCache,
    ret: *mut u64,
    site: *mut u8,
) -> u32 {
    // SAFETY: see the function's contract (the values come from compiled
    // code).
    unsafe {
        note_element(site, value(object), value(key));
        runtime_get_property(ctx, object, key, cache, ret)
    }
}

/// `runtime_set_property` for a computed key in the quick tier, recording
/// feedback as [`runtime_get_element_noting`] does.
///
/// # Safety
/// As `runtime_set_property`; `site` null or a byte of a live feedback
/// table.
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn runtime_set_element_noting(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    v: u64,
    strict: u8,
    cache: *const PropertyCache,
    ret: *mut u64,
    site: *mut u8,
) -> u32 {
    // SAFETY: see the function's contract.
    unsafe {
        note_element(site, value(object), value(key));
        runtime_set_property(ctx, object, key, v, strict, cache, ret)
    }
}
