//! The Atomics object (25.4). The runtime has one agent and no threads
//! share a buffer, so every operation is a plain read-modify-write of the
//! buffer; `wait` on a SharedArrayBuffer sleeps for its timeout (nothing can
//! notify it) and `notify` wakes nobody.

use crate::builtins::arg;
use crate::builtins::array_buffer::{ElementType, Raw};
use crate::builtins::typed_array::{raw_to_value, validate, TypedArrayData};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 25.4 The Atomics Object (#sec-atomics-object).
pub(crate) static ATOMICS: BuiltinObject = BuiltinObject {
    name: "Atomics",
    intrinsic: None,
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("add", 3, |rt, _, a| rmw(rt, a, |x, y| x.wrapping_add(y))),
        Prop::method("and", 3, |rt, _, a| rmw(rt, a, |x, y| x & y)),
        Prop::method("compareExchange", 4, compare_exchange),
        Prop::method("exchange", 3, |rt, _, a| rmw(rt, a, |_, y| y)),
        Prop::method("isLockFree", 1, is_lock_free),
        Prop::method("load", 2, load),
        Prop::method("notify", 3, notify),
        Prop::method("or", 3, |rt, _, a| rmw(rt, a, |x, y| x | y)),
        Prop::method("store", 3, store),
        Prop::method("sub", 3, |rt, _, a| rmw(rt, a, |x, y| x.wrapping_sub(y))),
        Prop::method("wait", 4, wait),
        Prop::method("xor", 3, |rt, _, a| rmw(rt, a, |x, y| x ^ y)),
        Prop::value("@@toStringTag", Constant::Str("Atomics"), ATTR_C),
    ],
};

/// 25.4.3.1 ValidateIntegerTypedArray ( typedArray, waitable ): the data
/// and its current length.
fn validate_integer(
    rt: &mut Runtime,
    v: Value,
    waitable: bool,
) -> JsResult<(&'static TypedArrayData, usize)> {
    let (ta, len) = validate(rt, v, "Atomics")?;
    let ok = if waitable {
        matches!(ta.ty, ElementType::Int32 | ElementType::BigInt64)
    } else {
        ta.ty.is_integral()
    };
    if !ok {
        return Err(rt.type_error("Atomics: invalid typed array type"));
    }
    Ok((ta, len))
}

/// 25.4.3.2 ValidateAtomicAccess ( taRecord, requestIndex ): the element
/// index.
fn validate_access(rt: &mut Runtime, len: usize, index: Value) -> JsResult<usize> {
    let i = rt.to_index(index)?;
    if i >= len as u64 {
        return Err(rt.range_error("Atomics: index out of range"));
    }
    Ok(i as usize)
}

/// 25.4.3.? RevalidateAtomicAccess ( typedArray, byteIndexInBuffer ), after
/// the value conversions ran user code.
fn revalidate(rt: &mut Runtime, ta: &TypedArrayData, i: usize) -> JsResult<()> {
    match ta.length() {
        None => Err(rt.type_error("Atomics: the typed array is detached or out of bounds")),
        Some(len) if i >= len => Err(rt.range_error("Atomics: index out of range")),
        Some(_) => Ok(()),
    }
}

/// The operand of an operation: ToBigInt, or 𝔽(ToIntegerOrInfinity(v)).
fn operand(rt: &mut Runtime, ty: ElementType, v: Value) -> JsResult<Raw> {
    if ty.is_bigint() {
        crate::builtins::typed_array::to_raw(rt, ty, v)
    } else {
        let n = rt.to_integer_or_infinity(v)?;
        // +0 for -0 (ToIntegerOrInfinity).
        Ok(Raw::Number(n + 0.0))
    }
}

/// The bits of an element, for the size of `ty`.
fn mask(ty: ElementType) -> u64 {
    match ty.size() {
        8 => u64::MAX,
        n => (1u64 << (n * 8)) - 1,
    }
}

/// 25.4.3.? AtomicReadModifyWrite ( typedArray, index, value, op ).
fn rmw(rt: &mut Runtime, args: &[Value], op: fn(u64, u64) -> u64) -> JsResult<Value> {
    let (ta, len) = validate_integer(rt, arg(args, 0), false)?;
    let i = validate_access(rt, len, arg(args, 1))?;
    let v = operand(rt, ta.ty, arg(args, 2))?;
    revalidate(rt, ta, i)?;
    let Some(old) = ta.get_raw(i) else {
        return Err(rt.type_error("Atomics: the typed array is detached"));
    };
    let ty = ta.ty;
    let new = op(ty.raw_bits(old), ty.raw_bits(v)) & mask(ty);
    ta.set_raw(i, ty.decode_bits(new));
    raw_to_value(rt, ty, old)
}

/// 25.4.5 Atomics.compareExchange ( typedArray, index, expectedValue, replacementValue ).
fn compare_exchange(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate_integer(rt, arg(args, 0), false)?;
    let i = validate_access(rt, len, arg(args, 1))?;
    let expected = operand(rt, ta.ty, arg(args, 2))?;
    let replacement = operand(rt, ta.ty, arg(args, 3))?;
    revalidate(rt, ta, i)?;
    let Some(old) = ta.get_raw(i) else {
        return Err(rt.type_error("Atomics: the typed array is detached"));
    };
    let ty = ta.ty;
    // Compare the raw bytes: the expected value as stored.
    if ty.raw_bits(old) & mask(ty) == ty.raw_bits(expected) & mask(ty) {
        ta.set_raw(i, replacement);
    }
    raw_to_value(rt, ty, old)
}

/// 25.4.7 Atomics.isLockFree ( size ).
fn is_lock_free(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let n = rt.to_integer_or_infinity(arg(args, 0))?;
    Ok(Value::from_bool(
        matches!(n as i64, 1 | 2 | 4 | 8) && n.fract() == 0.0,
    ))
}

/// 25.4.8 Atomics.load ( typedArray, index ).
fn load(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate_integer(rt, arg(args, 0), false)?;
    let i = validate_access(rt, len, arg(args, 1))?;
    revalidate(rt, ta, i)?;
    match ta.get_raw(i) {
        Some(raw) => raw_to_value(rt, ta.ty, raw),
        None => Err(rt.type_error("Atomics: the typed array is detached")),
    }
}

/// 25.4.11 Atomics.store ( typedArray, index, value ): returns the
/// converted value.
fn store(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate_integer(rt, arg(args, 0), false)?;
    let i = validate_access(rt, len, arg(args, 1))?;
    let value = arg(args, 2);
    let (raw, result) = if ta.ty.is_bigint() {
        let b = rt.to_bigint(value)?;
        (crate::builtins::typed_array::to_raw(rt, ta.ty, b)?, b)
    } else {
        let n = rt.to_integer_or_infinity(value)? + 0.0;
        (Raw::Number(n), Value::number(n))
    };
    revalidate(rt, ta, i)?;
    ta.set_raw(i, raw);
    Ok(result)
}

/// 25.4.13 Atomics.wait ( typedArray, index, value, timeout ) (DoWait,
/// sync): with one agent nothing can notify, so a matching value waits
/// out the timeout.
fn wait(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate_integer(rt, arg(args, 0), true)?;
    // 3. If IsSharedArrayBuffer(buffer) is false, throw a TypeError exception.
    if !ta.buffer_data().shared {
        return Err(rt.type_error("Atomics.wait: the buffer is not shared"));
    }
    let i = validate_access(rt, len, arg(args, 1))?;
    let v = if ta.ty.is_bigint() {
        crate::builtins::typed_array::to_raw(rt, ta.ty, arg(args, 2))?
    } else {
        Raw::Number(rt.to_int32(arg(args, 2))? as f64)
    };
    let q = rt.to_number(arg(args, 3))?;
    let t = if q.is_nan() || q == f64::INFINITY {
        f64::INFINITY
    } else if q == f64::NEG_INFINITY {
        0.0
    } else {
        q.max(0.0)
    };
    revalidate(rt, ta, i)?;
    let w = ta.get_raw(i);
    let ty = ta.ty;
    if w.is_none_or(|w| ty.raw_bits(w) & mask(ty) != ty.raw_bits(v) & mask(ty)) {
        return Ok(Value::string(rt.atom("not-equal")?));
    }
    if t.is_finite() {
        std::thread::sleep(std::time::Duration::from_secs_f64(t / 1000.0));
    } else {
        // No other agent exists to notify: the wait never ends.
        loop {
            std::thread::park();
        }
    }
    Ok(Value::string(rt.atom("timed-out")?))
}

/// 25.4.15 Atomics.notify ( typedArray, index, count ).
fn notify(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (_, len) = validate_integer(rt, arg(args, 0), true)?;
    validate_access(rt, len, arg(args, 1))?;
    let count = arg(args, 2);
    if !count.is_undefined() {
        rt.to_integer_or_infinity(count)?;
    }
    // No agent waits: nobody is woken.
    Ok(Value::from_i32(0))
}
