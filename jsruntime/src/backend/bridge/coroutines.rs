//! Runtime functions of coroutine bodies: the rounds of `yield*` (sync and
//! async).

use crate::backend::Executor;
use crate::builtins::generator::{async_yield_star_call, async_yield_star_result, yield_star_step};

use super::{complete, value};

/// One round of the `yield*` loop of a sync generator (15.5.5): forwards
/// what the generator received (`mode`: a `MODE_*` of
/// [`crate::backend::coroutine`], and the value) to the inner iterator of
/// `record`. Returns 1 (an exception, in `*ret`) or a step of
/// `builtins::generator::delegate`: 0 to yield the inner result `*ret` as
/// it is, 2 when the inner iterator is done (`*ret` is the value of the
/// expression), 3 to return `*ret` from the generator.
///
/// # Safety
/// Compiled code passes valid values and a writable `ret`.
pub unsafe extern "C" fn runtime_yield_star_step(
    ctx: *mut Executor,
    record: u64,
    mode: u32,
    received: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, record, received) = unsafe { (&mut *ctx, value(record), value(received)) };
    match yield_star_step(&mut exec.runtime, record, mode, received) {
        Ok((step, v)) => {
            // SAFETY: `ret` is writable.
            unsafe { *ret = v.to_bits() };
            step
        }
        // SAFETY: `ret` is writable.
        Err(e) => unsafe { complete(ret, Err(e)) },
    }
}

/// The calls of one round of `yield*` in an async generator (15.5.5 step 8
/// with generatorKind async): the inner iterator's `next`, `throw` or
/// `return` with what the generator received. Returns 1 (an exception) or a
/// step of `builtins::generator::delegate`: 0 with the call's result in
/// `*ret` (to await), 3 when a return has no inner `return` (`*ret`: the
/// value, to await and return), 4 when a throw has no inner `throw` (`*ret`:
/// the result of closing the inner iterator, to await, or HOLE).
///
/// # Safety
/// Compiled code passes valid values and a writable `ret`.
pub unsafe extern "C" fn runtime_async_yield_star_call(
    ctx: *mut Executor,
    record: u64,
    mode: u32,
    received: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, record, received) = unsafe { (&mut *ctx, value(record), value(received)) };
    let result = async_yield_star_call(&mut exec.runtime, record, mode, received);
    // SAFETY: `ret` is writable.
    unsafe { finish(ret, result) }
}

/// The awaited inner result of a round of an async `yield*` (15.5.5 steps
/// 8.a.iii-vi and their copies): 1 (an exception), 0 to yield `*ret` (the
/// result's value), 2 when done (`*ret`: the value of the expression), 3
/// when done after a return (`*ret`: the value to await and return).
///
/// # Safety
/// Compiled code passes valid values and a writable `ret`.
pub unsafe extern "C" fn runtime_async_yield_star_result(
    ctx: *mut Executor,
    mode: u32,
    result: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, result) = unsafe { (&mut *ctx, value(result)) };
    let r = async_yield_star_result(&mut exec.runtime, mode, result);
    // SAFETY: `ret` is writable.
    unsafe { finish(ret, r) }
}

/// The end of a throw into an async `yield*` whose inner iterator has no
/// `throw` (15.5.5 step 8.b.iii): the awaited result of closing it (or
/// HOLE) must be an object, then a TypeError. Always throws.
///
/// # Safety
/// Compiled code passes a valid value and a writable `ret`.
pub unsafe extern "C" fn runtime_async_yield_star_no_throw(
    ctx: *mut Executor,
    result: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, result) = unsafe { (&mut *ctx, value(result)) };
    let rt = &mut exec.runtime;
    let e = if !result.is_hole() && !result.is_object() {
        rt.type_error("iterator result is not an object")
    } else {
        rt.type_error("The iterator does not provide a 'throw' method")
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, Err(e)) }
}

/// Writes a step's value and returns the step, or completes an exception.
///
/// # Safety
/// `ret` must be writable.
unsafe fn finish(ret: *mut u64, result: crate::JsResult<(u32, crate::value::Value)>) -> u32 {
    match result {
        Ok((step, v)) => {
            // SAFETY: guaranteed by the caller.
            unsafe { *ret = v.to_bits() };
            step
        }
        // SAFETY: guaranteed by the caller.
        Err(e) => unsafe { complete(ret, Err(e)) },
    }
}
