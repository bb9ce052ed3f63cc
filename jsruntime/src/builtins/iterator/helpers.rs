//! Iterator helper objects (27.1.2.1 %IteratorHelperPrototype%) and the
//! lazy methods of %Iterator.prototype% that create them: `map`, `filter`,
//! `take`, `drop` and `flatMap` (27.1.4).
//!
//! The spec writes each helper as an Abstract Closure run as a generator
//! (CreateIteratorFromClosure). Here a helper is an object whose host data
//! is an [`IteratorHelper`]: a [[GeneratorState]] and the closure's
//! variables, and `next` runs one step of a Rust state machine per kind
//! (every closure's loop restarts at "step the underlying iterator", so
//! the variables are the whole state). GeneratorValidate's "already
//! running" check, GeneratorResumeAbrupt's return completion (which closes
//! the underlying iterator, and for `flatMap` the inner one first) and
//! IfAbruptCloseIterator on abrupt callbacks are as the spec's generators
//! would behave.

use std::cell::Cell;

use super::constructor::{
    close, close_if_abrupt, close_quietly, get_iterator_direct, get_iterator_flattenable,
    iterator_step, iterator_step_value, Direct,
};
use super::{host, iter_result, new_host};
use crate::builtins::arg;
use crate::builtins::map::is_callable;
use crate::gc::{Trace, Tracer};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// [[GeneratorState]] of a helper (27.5: suspended-start, suspended-yield,
/// executing, completed).
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    SuspendedStart,
    SuspendedYield,
    Executing,
    Completed,
}

/// Which closure a helper runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Filter,
    Take,
    Drop,
    FlatMap,
}

/// An Iterator Helper object's slots: [[GeneratorState]],
/// [[UnderlyingIterator]] and the closure's captured values and variables.
struct IteratorHelper {
    kind: Kind,
    state: Cell<State>,
    /// [[UnderlyingIterator]].
    underlying: Direct,
    /// mapper or predicate (undefined for `take` and `drop`).
    func: Value,
    /// `counter` (map, filter, flatMap) or `remaining` (take, drop; +∞ for
    /// no limit).
    count: Cell<f64>,
    /// flatMap's innerIterator while it is alive (`iterator` undefined
    /// otherwise).
    inner: Cell<Direct>,
}

// SAFETY: reports every value the helper holds.
unsafe impl Trace for IteratorHelper {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.underlying.iterator);
        tracer.mark_value(self.underlying.next);
        tracer.mark_value(self.func);
        let inner = self.inner.get();
        tracer.mark_value(inner.iterator);
        tracer.mark_value(inner.next);
    }
}
host_data!(IteratorHelper, "Iterator Helper");

const NO_INNER: Direct = Direct {
    iterator: Value::UNDEFINED,
    next: Value::UNDEFINED,
};

/// The helper of a `this` value; a TypeError for anything else
/// (RequireInternalSlot(O, [[UnderlyingIterator]]) and the brand check of
/// GeneratorValidate).
fn this_helper(rt: &mut Runtime, this: Value) -> JsResult<&'static IteratorHelper> {
    match host::<IteratorHelper>(this) {
        Some(h) => Ok(h),
        None => Err(rt.type_error("not an Iterator Helper object")),
    }
}

/// 27.1.2.1.1 %IteratorHelperPrototype%.next ( ): GeneratorResume (27.5.3.3).
pub(super) fn helper_next(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    // `this` is held by the caller, so the host data outlives the calls below.
    let h = this_helper(rt, this)?;
    // GeneratorValidate: a running generator cannot be re-entered.
    match h.state.get() {
        State::Executing => return Err(rt.type_error("Iterator Helper is already running")),
        State::Completed => return iter_result(rt, Value::UNDEFINED, true),
        State::SuspendedStart | State::SuspendedYield => {}
    }
    h.state.set(State::Executing);
    match resume(rt, h) {
        Ok(Some(v)) => {
            h.state.set(State::SuspendedYield);
            iter_result(rt, v, false)
        }
        Ok(None) => {
            h.state.set(State::Completed);
            iter_result(rt, Value::UNDEFINED, true)
        }
        Err(e) => {
            h.state.set(State::Completed);
            Err(e)
        }
    }
}

/// Runs the closure from where it is suspended to its next Yield (`Some`)
/// or its end (`None`).
fn resume(rt: &mut Runtime, h: &IteratorHelper) -> JsResult<Option<Value>> {
    let iterated = h.underlying;
    match h.kind {
        // 27.1.4.8 Iterator.prototype.map, step 6.
        Kind::Map => {
            // 6.b.i-ii. Let value be ? IteratorStepValue(iterated); done: return.
            let Some(value) = iterator_step_value(rt, iterated)? else {
                return Ok(None);
            };
            // 6.b.iii-iv. Let mapped be Completion(Call(mapper, undefined,
            // « value, 𝔽(counter) »)); IfAbruptCloseIterator(mapped, iterated).
            let counter = h.count.get();
            let mapped = rt.call(h.func, Value::UNDEFINED, &[value, Value::number(counter)]);
            let mapped = close_if_abrupt(rt, iterated.iterator, mapped)?;
            // 6.b.v-vii. Yield(mapped); counter + 1.
            h.count.set(counter + 1.0);
            Ok(Some(mapped))
        }
        // 27.1.4.4 Iterator.prototype.filter, step 6.
        Kind::Filter => loop {
            let Some(value) = iterator_step_value(rt, iterated)? else {
                return Ok(None);
            };
            let counter = h.count.get();
            let selected = rt.call(h.func, Value::UNDEFINED, &[value, Value::number(counter)]);
            let selected = close_if_abrupt(rt, iterated.iterator, selected)?;
            h.count.set(counter + 1.0);
            // 6.b.v. If ToBoolean(selected) is true, Yield(value).
            if crate::conversions::to_boolean(selected) {
                return Ok(Some(value));
            }
        },
        // 27.1.4.11 Iterator.prototype.take, step 10.
        Kind::Take => {
            let remaining = h.count.get();
            // 10.b.i. If remaining = 0, return ? IteratorClose(iterated,
            // ReturnCompletion(undefined)).
            if remaining == 0.0 {
                close(rt, iterated.iterator)?;
                return Ok(None);
            }
            // 10.b.ii. If remaining ≠ +∞, set remaining to remaining - 1.
            if remaining != f64::INFINITY {
                h.count.set(remaining - 1.0);
            }
            // 10.b.iii-v. Let value be ? IteratorStepValue(iterated); Yield(value).
            iterator_step_value(rt, iterated)
        }
        // 27.1.4.2 Iterator.prototype.drop, step 10.
        Kind::Drop => {
            // 10.b. Repeat, while remaining > 0: skip with IteratorStep
            // (the values are not read). Runs once: remaining stays 0.
            let mut remaining = h.count.get();
            while remaining > 0.0 {
                if remaining != f64::INFINITY {
                    remaining -= 1.0;
                    h.count.set(remaining);
                }
                if iterator_step(rt, iterated)?.is_none() {
                    return Ok(None);
                }
            }
            // 10.c. Repeat: Let value be ? IteratorStepValue(iterated); Yield(value).
            iterator_step_value(rt, iterated)
        }
        // 27.1.4.6 Iterator.prototype.flatMap, step 6.
        Kind::FlatMap => loop {
            let inner = h.inner.get();
            if !inner.iterator.is_undefined() {
                // 6.b.viii. Repeat, while innerAlive is true: Let innerValue be
                // Completion(IteratorStepValue(innerIterator));
                // IfAbruptCloseIterator(innerValue, iterated).
                let inner_value = iterator_step_value(rt, inner);
                match close_if_abrupt(rt, iterated.iterator, inner_value) {
                    Ok(Some(v)) => return Ok(Some(v)),
                    // innerValue is done: innerAlive is false; counter + 1.
                    Ok(None) => {
                        h.inner.set(NO_INNER);
                        h.count.set(h.count.get() + 1.0);
                    }
                    Err(e) => {
                        h.inner.set(NO_INNER);
                        return Err(e);
                    }
                }
                continue;
            }
            // 6.b.i-ii. Let value be ? IteratorStepValue(iterated).
            let Some(value) = iterator_step_value(rt, iterated)? else {
                return Ok(None);
            };
            // 6.b.iii-iv. Let mapped be Completion(Call(mapper, ...)).
            let counter = h.count.get();
            let mapped = rt.call(h.func, Value::UNDEFINED, &[value, Value::number(counter)]);
            let mapped = close_if_abrupt(rt, iterated.iterator, mapped)?;
            // 6.b.v-vi. Let innerIterator be Completion(GetIteratorFlattenable(
            // mapped, reject-primitives)); IfAbruptCloseIterator.
            let inner = get_iterator_flattenable(rt, mapped, false);
            let inner = close_if_abrupt(rt, iterated.iterator, inner)?;
            h.inner.set(inner);
        },
    }
}

/// 27.1.2.1.2 %IteratorHelperPrototype%.return ( ).
pub(super) fn helper_return(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    // 2. Perform ? RequireInternalSlot(O, [[UnderlyingIterator]]).
    let h = this_helper(rt, this)?;
    let iterated = h.underlying;
    match h.state.get() {
        // 4. If O.[[GeneratorState]] is suspended-start: completed, then
        //    ? IteratorClose(O.[[UnderlyingIterator]], NormalCompletion(unused)).
        State::SuspendedStart => {
            h.state.set(State::Completed);
            close(rt, iterated.iterator)?;
            iter_result(rt, Value::UNDEFINED, true)
        }
        // 6. GeneratorResumeAbrupt(O, return completion): GeneratorValidate ...
        State::Executing => Err(rt.type_error("Iterator Helper is already running")),
        // ... a completed generator returns the completion's value.
        State::Completed => iter_result(rt, Value::UNDEFINED, true),
        // ... else the closure resumes at its Yield with the return
        // completion: IfAbruptCloseIterator(completion, iterated).
        State::SuspendedYield => {
            h.state.set(State::Executing);
            let result = close_on_return(rt, h, iterated);
            h.state.set(State::Completed);
            result?;
            iter_result(rt, Value::UNDEFINED, true)
        }
    }
}

/// The return completion received at a Yield: IteratorClose(iterated,
/// completion); flatMap's Yield is inside the inner loop (6.b.viii.4.b):
/// the inner iterator closes first, and if that throws the outer one closes
/// with the throw completion.
fn close_on_return(rt: &mut Runtime, h: &IteratorHelper, iterated: Direct) -> JsResult<()> {
    let inner = h.inner.get();
    h.inner.set(NO_INNER);
    if h.kind == Kind::FlatMap && !inner.iterator.is_undefined() {
        let backup = close(rt, inner.iterator);
        close_if_abrupt(rt, iterated.iterator, backup)?;
    }
    close(rt, iterated.iterator)
}

/// Steps 1-5 of map, filter and flatMap: `this` must be an object, the
/// function callable (else the iterator is closed), then GetIteratorDirect.
fn create_with_function(rt: &mut Runtime, this: Value, func: Value, kind: Kind) -> JsResult<Value> {
    // 2. If O is not an Object, throw a TypeError exception.
    if !this.is_object() {
        return Err(rt.type_error("Iterator.prototype method called on a non-object"));
    }
    // 4. If IsCallable(fn) is false: IteratorClose(iterated, TypeError).
    if !is_callable(func) {
        let error = rt.type_error("callback is not a function");
        close_quietly(rt, this);
        return Err(error);
    }
    // 5. Set iterated to ? GetIteratorDirect(O).
    let iterated = get_iterator_direct(rt, this)?;
    create(rt, iterated, func, kind, 0.0)
}

/// CreateIteratorFromClosure(closure, "Iterator Helper",
/// %IteratorHelperPrototype%, « [[UnderlyingIterator]] »), with
/// [[UnderlyingIterator]] set to `iterated`.
fn create(
    rt: &mut Runtime,
    iterated: Direct,
    func: Value,
    kind: Kind,
    count: f64,
) -> JsResult<Value> {
    let proto = rt.intrinsic(Intrinsic::IteratorHelperPrototype);
    new_host(
        rt,
        proto,
        Box::new(IteratorHelper {
            kind,
            state: Cell::new(State::SuspendedStart),
            underlying: iterated,
            func,
            count: Cell::new(count),
            inner: Cell::new(NO_INNER),
        }),
    )
}

/// 27.1.4.8 Iterator.prototype.map ( mapper ).
pub(super) fn map(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    create_with_function(rt, this, arg(args, 0), Kind::Map)
}

/// 27.1.4.4 Iterator.prototype.filter ( predicate ).
pub(super) fn filter(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    create_with_function(rt, this, arg(args, 0), Kind::Filter)
}

/// 27.1.4.6 Iterator.prototype.flatMap ( mapper ).
pub(super) fn flat_map(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    create_with_function(rt, this, arg(args, 0), Kind::FlatMap)
}

/// Steps 1-9 of take and drop: the limit as an integer or +∞ (the iterator
/// is closed when it is not a number ≥ 0), then GetIteratorDirect.
fn create_with_limit(rt: &mut Runtime, this: Value, limit: Value, kind: Kind) -> JsResult<Value> {
    // 2. If O is not an Object, throw a TypeError exception.
    if !this.is_object() {
        return Err(rt.type_error("Iterator.prototype method called on a non-object"));
    }
    // 4-5. Let numLimit be Completion(ToNumber(limit)); IfAbruptCloseIterator.
    let num = rt.to_number(limit);
    let num = close_if_abrupt(rt, this, num)?;
    // 6. If numLimit is NaN: IteratorClose(iterated, RangeError).
    // 7-8. Let integerLimit be ! ToIntegerOrInfinity(numLimit); < 0: the same.
    // Also a finite limit above 2^53 - 1 (a step the spec added after
    // ES2025, which test262 checks; no ES2025 program can observe it
    // otherwise but by running past 2^53 steps).
    let integer = num.trunc() + 0.0;
    if num.is_nan() || integer < 0.0 || (num.is_finite() && num > 9007199254740991.0) {
        let error = rt.range_error("limit must be a non-negative number");
        close_quietly(rt, this);
        return Err(error);
    }
    // 9. Set iterated to ? GetIteratorDirect(O).
    let iterated = get_iterator_direct(rt, this)?;
    create(rt, iterated, Value::UNDEFINED, kind, integer)
}

/// 27.1.4.11 Iterator.prototype.take ( limit ).
pub(super) fn take(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    create_with_limit(rt, this, arg(args, 0), Kind::Take)
}

/// 27.1.4.2 Iterator.prototype.drop ( limit ).
pub(super) fn drop(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    create_with_limit(rt, this, arg(args, 0), Kind::Drop)
}
