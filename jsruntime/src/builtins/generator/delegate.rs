//! One round of `yield*` in a sync generator (15.5.5 YieldExpression
//! evaluation, `yield* AssignmentExpression`, step 8), called by the
//! delegation loop the backend compiles (`YieldDelegate`).

use crate::backend::coroutine::{MODE_NEXT, MODE_THROW};
use crate::builtins::iterator::record_iterator;
use crate::conversions::to_boolean;
use crate::object::PropertyKey;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// Yield the inner result object as it is.
pub(crate) const STEP_YIELD: u32 = 0;
/// The inner iterator finished: the value of the `yield*` expression.
pub(crate) const STEP_DONE: u32 = 2;
/// Return the value from the generator.
pub(crate) const STEP_RETURN: u32 = 3;

/// What the generator received (`mode`, `received`) forwarded to the inner
/// iterator of `record`: `(STEP_*, value)`.
pub(crate) fn yield_star_step(
    rt: &mut Runtime,
    record: Value,
    mode: u32,
    received: Value,
) -> JsResult<(u32, Value)> {
    let (iterator, next) = record_iterator(rt, record)?;
    match mode {
        // Step 8.a: a normal completion goes to `next`.
        MODE_NEXT => {
            let inner = rt.call(next, iterator, &[received])?;
            inner_result(rt, inner, STEP_DONE)
        }
        // Step 8.b: a throw completion goes to `throw`.
        MODE_THROW => {
            let key = PropertyKey::String(rt.atom("throw")?);
            match rt.get_method(iterator, key)? {
                Some(throw) => {
                    let inner = rt.call(throw, iterator, &[received])?;
                    inner_result(rt, inner, STEP_DONE)
                }
                None => {
                    // Step 8.b.iii: the protocol lacks `throw`: close the
                    // iterator (7.4.11 IteratorClose with a normal
                    // completion), then throw a TypeError.
                    let key = PropertyKey::String(rt.atom("return")?);
                    if let Some(ret) = rt.get_method(iterator, key)? {
                        let result = rt.call(ret, iterator, &[])?;
                        if !result.is_object() {
                            return Err(rt.type_error("iterator result is not an object"));
                        }
                    }
                    Err(rt.type_error("The iterator does not provide a 'throw' method"))
                }
            }
        }
        // Step 8.c: a return completion goes to `return`.
        _ => {
            let key = PropertyKey::String(rt.atom("return")?);
            match rt.get_method(iterator, key)? {
                None => Ok((STEP_RETURN, received)),
                Some(ret) => {
                    let inner = rt.call(ret, iterator, &[received])?;
                    inner_result(rt, inner, STEP_RETURN)
                }
            }
        }
    }
}

/// Steps 8.a.iii-vi (and their copies in 8.b and 8.c): a non-object result
/// is a TypeError; a done one ends the delegation with `done` and its
/// value; otherwise it is yielded as it is.
fn inner_result(rt: &mut Runtime, inner: Value, done: u32) -> JsResult<(u32, Value)> {
    let Some(o) = inner.as_object() else {
        return Err(rt.type_error("iterator result is not an object"));
    };
    let done_key = PropertyKey::String(rt.names.done);
    if to_boolean(rt.get(o, done_key, inner)?) {
        let value_key = PropertyKey::String(rt.names.value);
        let value = rt.get(o, value_key, inner)?;
        return Ok((done, value));
    }
    Ok((STEP_YIELD, inner))
}

/// A throw completion met an inner iterator without `throw`: `*ret` is the
/// result of closing it (to await) or HOLE.
pub(crate) const STEP_NO_THROW: u32 = 4;

/// The call of one round of `yield*` in an async generator (15.5.5 step 8
/// with generatorKind async), before its await: `(STEP_YIELD, result)` with
/// the result of the inner `next`/`throw`/`return` to await,
/// `(STEP_RETURN, received)` when a return has no inner `return` (the value
/// is awaited, then returned), `(STEP_NO_THROW, result | HOLE)` when a throw
/// has no inner `throw`.
pub(crate) fn async_yield_star_call(
    rt: &mut Runtime,
    record: Value,
    mode: u32,
    received: Value,
) -> JsResult<(u32, Value)> {
    let (iterator, next) = record_iterator(rt, record)?;
    match mode {
        MODE_NEXT => Ok((STEP_YIELD, rt.call(next, iterator, &[received])?)),
        MODE_THROW => {
            let key = PropertyKey::String(rt.atom("throw")?);
            match rt.get_method(iterator, key)? {
                Some(throw) => Ok((STEP_YIELD, rt.call(throw, iterator, &[received])?)),
                None => {
                    // Step 8.b.iii: 7.4.13 AsyncIteratorClose with a normal
                    // completion (its await is compiled code's).
                    let key = PropertyKey::String(rt.atom("return")?);
                    match rt.get_method(iterator, key)? {
                        Some(ret) => Ok((STEP_NO_THROW, rt.call(ret, iterator, &[])?)),
                        None => Ok((STEP_NO_THROW, Value::HOLE)),
                    }
                }
            }
        }
        _ => {
            let key = PropertyKey::String(rt.atom("return")?);
            match rt.get_method(iterator, key)? {
                None => Ok((STEP_RETURN, received)),
                Some(ret) => Ok((STEP_YIELD, rt.call(ret, iterator, &[received])?)),
            }
        }
    }
}

/// The awaited inner result of a round of an async `yield*`: a TypeError
/// unless an object; when done its value ends the delegation
/// (`STEP_RETURN` after a return, else `STEP_DONE`); otherwise
/// `(STEP_YIELD, value)`: AsyncGeneratorYield of its value.
pub(crate) fn async_yield_star_result(
    rt: &mut Runtime,
    mode: u32,
    inner: Value,
) -> JsResult<(u32, Value)> {
    let done = if mode == crate::backend::coroutine::MODE_RETURN {
        STEP_RETURN
    } else {
        STEP_DONE
    };
    match inner_result(rt, inner, done)? {
        (STEP_YIELD, result) => {
            let value_key = PropertyKey::String(rt.names.value);
            let value = rt.get_v(result, value_key)?;
            Ok((STEP_YIELD, value))
        }
        other => Ok(other),
    }
}
