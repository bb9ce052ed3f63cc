//! The Atomics object (25.4). Several agents (threads, each with its own
//! runtime: the test262 host's `$262.agent`) may share a SharedArrayBuffer's
//! block, so every operation is an atomic instruction on the element
//! ([`memory`]), and `wait`/`notify` use process-wide waiter lists keyed by
//! the element's address ([`waiters`]).

mod memory;
pub(crate) mod waiters;

use memory::Element;
use waiters::Woken;

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
        Prop::method("pause", 0, pause),
        Prop::method("store", 3, store),
        Prop::method("sub", 3, |rt, _, a| rmw(rt, a, |x, y| x.wrapping_sub(y))),
        Prop::method("wait", 4, |rt, _, a| do_wait(rt, a, false)),
        Prop::method("waitAsync", 4, |rt, _, a| do_wait(rt, a, true)),
        Prop::method("xor", 3, |rt, _, a| rmw(rt, a, |x, y| x ^ y)),
        Prop::value("@@toStringTag", Constant::Str("Atomics"), ATTR_C),
    ],
};

/// The most spin-wait hints one `Atomics.pause(N)` sends: N only scales an
/// implementation-defined wait, so a huge N must not stall the agent.
const MAX_PAUSES: f64 = 1024.0;

/// 25.4.13 Atomics.pause ( [ N ] ) (#sec-atomics.pause).
fn pause(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let n = arg(args, 0);
    // 1. If N is neither undefined nor an integral Number, throw a TypeError.
    let count = if n.is_undefined() {
        1.0
    } else {
        match n.as_number() {
            Some(x) if x.is_finite() && x.trunc() == x => x.clamp(0.0, MAX_PAUSES),
            _ => return Err(rt.type_error("Atomics.pause: N must be an integral Number")),
        }
    };
    // 2. Signal the CPU that this is a spin-wait loop, N times.
    for _ in 0..count as u32 {
        std::hint::spin_loop();
    }
    // 3. Return undefined.
    Ok(Value::UNDEFINED)
}

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
    let e = element(rt, ta, i)?;
    let ty = ta.ty;
    let old = memory::read_modify_write(e, ty.raw_bits(v) & mask(ty), op);
    raw_to_value(rt, ty, ty.decode_bits(old & mask(ty)))
}

/// The element `i` of `ta` (already validated: in bounds) for an atomic
/// access.
fn element(rt: &mut Runtime, ta: &TypedArrayData, i: usize) -> JsResult<Element> {
    let b = ta.buffer_data();
    let size = ta.ty.size();
    let base = b.as_ptr();
    if base.is_null() {
        return Err(rt.type_error("Atomics: the typed array is detached"));
    }
    let at = ta.byte_offset + i * size;
    if at + size > b.len() {
        return Err(rt.range_error("Atomics: index out of range"));
    }
    // SAFETY: `at + size` is within the byte length, hence within the
    // block; the typed array (an argument of the running call) keeps its
    // buffer, and so the block, alive while the element is used, and a
    // block never moves.
    let e = unsafe { Element::new(base.add(at), size) };
    e.ok_or_else(|| rt.type_error("Atomics: misaligned element"))
}

/// 25.4.5 Atomics.compareExchange ( typedArray, index, expectedValue, replacementValue ).
fn compare_exchange(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (ta, len) = validate_integer(rt, arg(args, 0), false)?;
    let i = validate_access(rt, len, arg(args, 1))?;
    let expected = operand(rt, ta.ty, arg(args, 2))?;
    let replacement = operand(rt, ta.ty, arg(args, 3))?;
    revalidate(rt, ta, i)?;
    let e = element(rt, ta, i)?;
    let ty = ta.ty;
    // Compare the raw bytes: the expected value as stored.
    let old = memory::compare_exchange(
        e,
        ty.raw_bits(expected) & mask(ty),
        ty.raw_bits(replacement) & mask(ty),
    );
    raw_to_value(rt, ty, ty.decode_bits(old & mask(ty)))
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
    let e = element(rt, ta, i)?;
    let bits = memory::load(e) & mask(ta.ty);
    raw_to_value(rt, ta.ty, ta.ty.decode_bits(bits))
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
    let e = element(rt, ta, i)?;
    memory::store(e, ta.ty.raw_bits(raw) & mask(ta.ty));
    Ok(result)
}

/// 25.4.3.14 DoWait ( mode, typedArray, index, value, timeout ), for
/// 25.4.13 Atomics.wait (sync: blocks this agent; the host lets every agent
/// block, [[CanBlock]] true) and 25.4.14 Atomics.waitAsync (async: returns
/// `{ async, value }`, the value a promise when the wait is pending). A
/// wait ends with a `notify` on the same element of the same shared block,
/// or with its timeout.
fn do_wait(rt: &mut Runtime, args: &[Value], is_async: bool) -> JsResult<Value> {
    // 1. Let taRecord be ? ValidateIntegerTypedArray(typedArray, true).
    let (ta, len) = validate_integer(rt, arg(args, 0), true)?;
    // 3. If IsSharedArrayBuffer(buffer) is false, throw a TypeError exception.
    if !ta.buffer_data().shared {
        return Err(rt.type_error("Atomics.wait: the buffer is not shared"));
    }
    // 4. Let i be ? ValidateAtomicAccess(taRecord, index).
    let i = validate_access(rt, len, arg(args, 1))?;
    // 6-7. ToBigInt64(value) or ToInt32(value).
    let v = if ta.ty.is_bigint() {
        crate::builtins::typed_array::to_raw(rt, ta.ty, arg(args, 2))?
    } else {
        Raw::Number(rt.to_int32(arg(args, 2))? as f64)
    };
    // 8-9. Let q be ? ToNumber(timeout); NaN or +∞ is +∞, -∞ is 0,
    // otherwise max(q, 0).
    let q = rt.to_number(arg(args, 3))?;
    let t = if q.is_nan() {
        f64::INFINITY
    } else {
        q.max(0.0)
    };
    // 10. If mode is sync and AgentCanSuspend() is false, throw a TypeError
    // exception: every agent of this host can suspend.
    revalidate(rt, ta, i)?;
    let e = element(rt, ta, i)?;
    let ty = ta.ty;
    // 14. In async mode: a new promise and the result object (made before
    // the critical section: they allocate).
    let (promise, result) = if is_async {
        let p = crate::builtins::promise::operations::new_intrinsic_promise(rt)?;
        (p, Some(rt.new_object()?))
    } else {
        (Value::UNDEFINED, None)
    };
    // The timeout in ms; one that does not fit a Duration is forever.
    let timeout = (t / 1000.0 < 1e12).then(|| std::time::Duration::from_secs_f64(t / 1000.0));
    // 15. EnterCriticalSection(WL).
    let section = waiters::enter();
    // 18-19. Let w be GetValueFromBuffer(buffer, byteIndexInBuffer, ..., SeqCst);
    // if v ≠ w, leave the critical section and return "not-equal".
    let immediate = if memory::load(e) & mask(ty) != ty.raw_bits(v) & mask(ty) {
        Some("not-equal")
    } else if is_async && t == 0.0 {
        // 20. An async wait with a zero timeout times out at once.
        Some("timed-out")
    } else {
        None
    };
    if let Some(outcome) = immediate {
        drop(section);
        let s = Value::string(rt.atom(outcome)?);
        return match result {
            Some(o) => wait_result(rt, o, false, s),
            None => Ok(s),
        };
    }
    // 21-23. AddWaiter(WL, waiterRecord).
    let signal = section.add_waiter(e.address());
    if let Some(o) = result {
        // 25. The timeout and the notification settle the promise from a
        // job of this agent (the job queue polls the waiter).
        let deadline = timeout.and_then(|d| std::time::Instant::now().checked_add(d));
        rt.add_async_wait(waiters::AsyncWait {
            signal,
            deadline,
            promise,
        });
        // 28-30. { async: true, value: promise }.
        return wait_result(rt, o, true, promise);
    }
    // 24. SuspendThisAgent(WL, waiterRecord), then RemoveWaiter if it was
    // not notified.
    let interrupt = rt.interrupt_handle();
    let outcome = match signal.suspend(timeout, || interrupt.is_interrupted()) {
        Woken::Notified => "ok",
        Woken::TimedOut => "timed-out",
        Woken::Stopped => return Err(rt.termination()),
    };
    Ok(Value::string(rt.atom(outcome)?))
}

/// The result object of `Atomics.waitAsync`: `{ async, value }`.
fn wait_result(
    rt: &mut Runtime,
    o: crate::gc::Gc<crate::object::JsObject>,
    is_async: bool,
    value: Value,
) -> JsResult<Value> {
    let key = rt.key("async")?;
    rt.create_data_property_or_throw(o, key, Value::from_bool(is_async))?;
    let key = rt.key("value")?;
    rt.create_data_property_or_throw(o, key, value)?;
    Ok(Value::object(o))
}

/// 25.4.15 Atomics.notify ( typedArray, index, count ).
fn notify(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // 1-2. ValidateIntegerTypedArray(typedArray, true), ValidateAtomicAccess.
    let (ta, len) = validate_integer(rt, arg(args, 0), true)?;
    let i = validate_access(rt, len, arg(args, 1))?;
    // 3. If count is undefined, let c be +∞; otherwise
    // max(? ToIntegerOrInfinity(count), 0).
    let count = arg(args, 2);
    let c = if count.is_undefined() {
        None
    } else {
        let n = rt.to_integer_or_infinity(count)?;
        (n != f64::INFINITY).then_some(n.max(0.0) as u64)
    };
    // 6. If IsSharedArrayBuffer(buffer) is false, return +0𝔽.
    if !ta.buffer_data().shared {
        return Ok(Value::from_i32(0));
    }
    // A shared block is never detached and never shrinks: the element is
    // still there.
    let e = element(rt, ta, i)?;
    // 7-11. RemoveWaiters(WL, c) and NotifyWaiter for each, in a critical
    // section; return the count.
    let n = waiters::enter().notify(e.address(), c);
    Ok(Value::number(n as f64))
}
