//! Private names from compiled code (see `object/private.rs`): the slow
//! paths of private reads and writes, which refill the site's inline cache
//! for the private name, and the class helpers that create private names
//! and add private elements.

use std::sync::atomic::Ordering;

use crate::backend::Executor;
use crate::completion::JsResult;

use crate::gc::Gc;
use crate::object::private::{PRIVATE_ACCESSOR, PRIVATE_FIELD, PRIVATE_METHOD};
use crate::object::shape::Shape;
use crate::object::{
    JsObject, PropertyKey, StoredProperty, FLAG_EXTENSIBLE, INLINE_SLOTS,
    OBJECT_INLINE_SLOTS_OFFSET,
};
use crate::runtime::inline_cache::{PropertyCache, FLAG_WATCHED, PROTO_EPOCH};
use crate::runtime::Runtime;
use crate::semantics::Helper;
use crate::value::Value;

use super::{complete, value};

/// GetValue of a private reference (6.2.5.5 step 3.b, 7.3.31 PrivateGet).
/// `cache` is the site's get cache or null.
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_private_get(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, base, key) = unsafe { (&mut *ctx, value(object), value(key)) };
    let rt = &mut exec.runtime;
    let result = rt.private_key(key).and_then(|key| {
        let v = rt.private_get(base, key)?;
        if let (Some(o), false) = (base.as_object(), cache.is_null()) {
            // SAFETY: caches live as long as the runtime.
            unsafe { (*cache).fill_private(o, key, false) };
        }
        Ok(v)
    });
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// PutValue of a private reference (6.2.5.6 step 3.b, 7.3.32 PrivateSet).
/// `cache` is the site's set cache or null.
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_private_set(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    v: u64,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, base, key, v) = unsafe { (&mut *ctx, value(object), value(key), value(v)) };
    let rt = &mut exec.runtime;
    let result = rt.private_key(key).and_then(|key| {
        rt.private_set(base, key, v)?;
        if let (Some(o), false) = (base.as_object(), cache.is_null()) {
            // SAFETY: caches live as long as the runtime.
            unsafe { (*cache).fill_private(o, key, true) };
        }
        Ok(v)
    });
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

fn object(rt: &mut Runtime, v: Value) -> JsResult<Gc<JsObject>> {
    match v.as_object() {
        Some(o) => Ok(o),
        None => Err(rt.type_error("internal error: private element on a non-object")),
    }
}

/// The private-name helpers of the `Helper(h)` dispatch; `None` for the
/// others.
pub(super) fn private_helper(
    rt: &mut Runtime,
    h: Helper,
    args: &[Value],
) -> Option<JsResult<Value>> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::UNDEFINED);
    let (a, b, c, d) = (arg(0), arg(1), arg(2), arg(3));
    let r = match h {
        // 15.7.14 step 6.b (#sec-runtime-semantics-classdefinitionevaluation):
        // a new Private Name whose [[Description]] is `#x`.
        Helper::NewPrivateName => (|| {
            let description = Value::string(rt.to_string(a)?);
            Ok(Value::symbol(rt.new_private_name(description)?))
        })(),
        Helper::PrivateMethodAdd => (|| {
            let o = object(rt, a)?;
            let key = rt.private_key(b)?;
            let prop = StoredProperty::Data(c, PRIVATE_METHOD);
            rt.private_method_or_accessor_add(o, key, prop)?;
            Ok(a)
        })(),
        Helper::PrivateAccessorAdd => (|| {
            let o = object(rt, a)?;
            let key = rt.private_key(b)?;
            let prop = StoredProperty::Accessor {
                get: c,
                set: d,
                attrs: PRIVATE_ACCESSOR,
            };
            rt.private_method_or_accessor_add(o, key, prop)?;
            Ok(a)
        })(),
        Helper::PrivateIn => (|| {
            let key = rt.private_key(a)?;
            Ok(Value::from_bool(rt.private_in(key, b)?))
        })(),
        _ => return None,
    };
    Some(r)
}

/// The `DefinePrivateField` command: 7.3.28 PrivateFieldAdd(object, name,
/// value) (a TypeError if the object has the name already). `cache` is the
/// site's set cache or null; it is filled with the add transition of this
/// private name when the field went into an inline slot of an ordinary,
/// extensible, unwatched object with a shared shape. A hit (compiled code)
/// then needs the same name, the shape before, the same [[Prototype]] and
/// epoch: such an object lacks the name, so the add cannot throw, and the
/// store of the slot plus the new shape is what `private_field_add` does.
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_define_private_field(
    ctx: *mut Executor,
    object_bits: u64,
    name: u64,
    v: u64,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, o, name, v) = unsafe { (&mut *ctx, value(object_bits), value(name), value(v)) };
    let rt = &mut exec.runtime;
    let result = object(rt, o).and_then(|obj| {
        let key = rt.private_key(name)?;
        let before = obj.shape();
        rt.private_field_add(obj, key, v)?;
        // SAFETY: caches live as long as the runtime.
        if let Some(cache) = unsafe { cache.as_ref() } {
            fill_private_add(cache, obj, key, name, before);
        }
        Ok(o)
    });
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Fills `cache` with the transition `before` -> the shape of `o` that
/// adding the private field `key` (whose value is `name`) made, or leaves
/// it empty.
fn fill_private_add(
    cache: &PropertyCache,
    o: Gc<JsObject>,
    key: PropertyKey,
    name: Value,
    before: Gc<Shape>,
) {
    cache.clear();
    let after = o.shape();
    let flags = o.flags();
    if o.exotic_methods().is_some()
        || after.is_dictionary()
        || before.is_dictionary()
        || after.parent() != Some(before)
        || flags & FLAG_WATCHED != 0
        || flags & FLAG_EXTENSIBLE == 0
    {
        return;
    }
    let Some(entry) = after.last_entry() else {
        return;
    };
    if entry.key != key || entry.attrs != PRIVATE_FIELD || entry.slot as usize >= INLINE_SLOTS {
        return;
    }
    cache.key.set(name.to_bits());
    cache
        .offset
        .set((OBJECT_INLINE_SLOTS_OFFSET + entry.slot as usize * 8) as u64);
    cache.indirect.set(0);
    cache.holder.set(0);
    cache.proto.set(o.proto().to_bits());
    cache.epoch.set(PROTO_EPOCH.load(Ordering::Relaxed));
    cache.new_shape.set(after.addr() as u64);
    cache.shape.set(before.addr() as u64);
}
