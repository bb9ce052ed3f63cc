//! Object and array literals: `{}`, their data properties, `[]` and its
//! elements (elisions included).

use crate::backend::Executor;
use crate::object::PropertyKey;
use crate::value::Value;

use super::{complete, value};

/// `{}` (ECMA-262 13.2.5.4).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_create_object(ctx: *mut Executor, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = exec.runtime.new_object().map(Value::object);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// CreateDataPropertyOrThrow for object literals (ECMA-262 7.3.7), after
/// ToPropertyKey of the key (13.2.5.5 PropertyDefinitionEvaluation).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_create_data_property(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    v: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, object, key, v) = unsafe { (&mut *ctx, value(object), value(key), value(v)) };
    let rt = &mut exec.runtime;
    let result = match object.as_object() {
        Some(o) => rt
            .to_property_key(key)
            .and_then(|key| rt.create_data_property_or_throw(o, key, v))
            .map(|()| object),
        None => Err(rt.type_error("CreateDataProperty on a non-object")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `[]` (ECMA-262 13.2.4.1).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_create_array(ctx: *mut Executor, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = exec.runtime.new_array(0).map(Value::object);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// 13.2.4.1 ArrayAccumulation of one element of an array literal: the hole
/// value stands for an elision (the length grows, no element is created).
fn append_element(
    rt: &mut crate::runtime::Runtime,
    a: crate::gc::Gc<crate::object::JsObject>,
    v: Value,
) -> crate::JsResult<()> {
    let index = a.array_length();
    if index == u32::MAX {
        return Err(rt.range_error("Invalid array length"));
    }
    if v.is_hole() {
        let length = PropertyKey::String(rt.names.length);
        return rt
            .set(a, length, Value::from_u32(index + 1), Value::object(a))
            .map(|_| ());
    }
    if !rt.try_create_array_element(a, index, v)? {
        rt.create_data_property_or_throw(a, PropertyKey::Index(index), v)?;
    }
    Ok(())
}

/// Appends `count` values (a run of literal elements, `PushArrayConstants`)
/// to an array literal (13.2.4.1 ArrayAccumulation, each as
/// [`runtime_push_array_element`]).
///
/// # Safety
/// `values` must hold `count` values; `ret` must be writable.
pub unsafe extern "C" fn runtime_push_array_values(
    ctx: *mut Executor,
    array: u64,
    values: *const u64,
    count: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, array) = unsafe { (&mut *ctx, value(array)) };
    // SAFETY: the compiler passes the host's list of `count` values, which
    // lives as long as the code.
    let values = unsafe { std::slice::from_raw_parts(values, count as usize) };
    let rt = &mut exec.runtime;
    let result = match array.as_object().filter(|a| a.is_array()) {
        Some(a) => values
            .iter()
            // SAFETY: the host made the list from values it keeps alive.
            .try_for_each(|&v| append_element(rt, a, unsafe { value(v) }))
            .map(|()| array),
        None => Err(rt.type_error("PushArrayValues on a non-array")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Appends an array literal element (13.2.4.1 ArrayAccumulation); the hole
/// value stands for an elision (the length grows, no element is created).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_push_array_element(
    ctx: *mut Executor,
    array: u64,
    v: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, array, v) = unsafe { (&mut *ctx, value(array), value(v)) };
    let rt = &mut exec.runtime;
    let result = match array.as_object().filter(|a| a.is_array()) {
        Some(a) => append_element(rt, a, v).map(|()| array),
        None => Err(rt.type_error("PushArrayElement on a non-array")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}
