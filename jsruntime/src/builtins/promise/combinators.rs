//! The promise combinators (27.2.4.1 Promise.all, 27.2.4.2
//! Promise.allSettled, 27.2.4.3 Promise.any, 27.2.4.5 Promise.race) with
//! their element functions.
//!
//! The records the element functions of one call share — [[Values]] (or
//! the errors of `any`), [[RemainingElements]] and [[Capability]] — live
//! in one internal object (kind [`ObjectKind::Host`] with
//! [`CombinatorState`], never visible to JavaScript); each element function
//! keeps its [[AlreadyCalled]] and [[Index]] in its own slots.

use std::any::Any;
use std::cell::{Cell, RefCell};

use super::arg;
use super::operations::{if_abrupt_reject, new_promise_capability};
use super::state::PromiseCapability;
use crate::builtins::iterator::{get_iterator, iterator_close, step_value};
use crate::completion::ErrorKind;
use crate::gc::{Gc, Trace, Tracer};
use crate::object::native_closure::{closure_slot, set_closure_slot, ClosureFn};
use crate::object::{Attributes, HostData, JsObject, ObjectKind, PropertyDescriptor, PropertyKey};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::{JsResult, Thrown};

/// Which combinator a call is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Combinator {
    All,
    AllSettled,
    Any,
}

/// The records shared by the element functions of one combinator call.
struct CombinatorState {
    /// [[Values]] (`all`, `allSettled`) or the errors (`any`).
    // GC: a field of a traced heap cell (see the `Trace` impl below).
    values: RefCell<Vec<Value>>,
    /// [[RemainingElements]].[[Value]]
    remaining: Cell<u64>,
    /// [[Capability]]
    capability: PromiseCapability,
}

// SAFETY: reports every value and the capability's values.
unsafe impl Trace for CombinatorState {
    fn trace(&self, tracer: &mut Tracer) {
        for v in self.values.borrow().iter() {
            tracer.mark_value(*v);
        }
        tracer.mark_value(self.capability.promise);
        tracer.mark_value(self.capability.resolve);
        tracer.mark_value(self.capability.reject);
    }
}

impl HostData for CombinatorState {
    fn class_name(&self) -> &'static str {
        "Promise combinator state"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The state of a state object value. The reference must not be held
/// across an allocation or a call into JavaScript.
fn state_data(v: Value) -> Option<&'static CombinatorState> {
    let o = v.as_object()?;
    // SAFETY: the object is live (the caller holds `v`); JavaScript never
    // sees it, so nothing takes `&mut` of it; the `'static` is the
    // callers' promise to drop the reference first.
    let kind = unsafe { &*(o.kind() as *const ObjectKind) };
    match kind {
        ObjectKind::Host(h) => h.as_any().downcast_ref::<CombinatorState>(),
        _ => None,
    }
}

/// 27.2.4.1 Promise.all ( iterable ).
pub(super) fn all(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    combinator(rt, this, arg(args, 0), Some(Combinator::All))
}

/// 27.2.4.2 Promise.allSettled ( iterable ).
pub(super) fn all_settled(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    combinator(rt, this, arg(args, 0), Some(Combinator::AllSettled))
}

/// 27.2.4.3 Promise.any ( iterable ).
pub(super) fn any(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    combinator(rt, this, arg(args, 0), Some(Combinator::Any))
}

/// 27.2.4.5 Promise.race ( iterable ).
pub(super) fn race(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    combinator(rt, this, arg(args, 0), None)
}

/// The common steps of the four combinators (`None`: race).
fn combinator(
    rt: &mut Runtime,
    c: Value,
    iterable: Value,
    which: Option<Combinator>,
) -> JsResult<Value> {
    // Steps 1-2: NewPromiseCapability(C); its functions are handed to
    // `then` calls, so they exist as functions.
    let capability = new_promise_capability(rt, c)?.materialize(rt)?;
    // Steps 3-4: GetPromiseResolve(C) (27.2.4.1.1), IfAbruptRejectPromise.
    let promise_resolve = get_promise_resolve(rt, c);
    let promise_resolve = match promise_resolve {
        Ok(f) => f,
        Err(e) => return if_abrupt_reject(rt, Err(e), &capability),
    };
    // Steps 5-6: GetIterator(iterable, sync), IfAbruptRejectPromise.
    let record = match get_iterator(rt, iterable) {
        Ok(r) => r,
        Err(e) => return if_abrupt_reject(rt, Err(e), &capability),
    };
    // Step 7.
    let result = match which {
        Some(kind) => perform(rt, record, c, capability, promise_resolve, kind),
        None => perform_race(rt, record, c, capability, promise_resolve),
    };
    // Step 8: IteratorClose unless the iterator is done (a throw
    // completion: its own errors are ignored), IfAbruptRejectPromise.
    if result.is_err() {
        iterator_close(rt, record, true)?;
    }
    if_abrupt_reject(rt, result, &capability)
}

/// 27.2.4.1.1 GetPromiseResolve ( promiseConstructor ).
fn get_promise_resolve(rt: &mut Runtime, c: Value) -> JsResult<Value> {
    let key = rt.key("resolve")?;
    let resolve = rt.get_v(c, key)?;
    if !resolve.as_object().is_some_and(|f| f.is_callable()) {
        return Err(rt.type_error("Promise resolve is not a function"));
    }
    Ok(resolve)
}

// Slots of an element function: [[AlreadyCalled]] (a boolean, shared with
// the partner function of allSettled), [[Index]], the shared state, and
// the partner (or undefined).
const SLOT_ALREADY_CALLED: usize = 0;
const SLOT_INDEX: usize = 1;
const SLOT_STATE: usize = 2;
const SLOT_PARTNER: usize = 3;

/// 27.2.4.1.2 PerformPromiseAll, 27.2.4.2.1 PerformPromiseAllSettled and
/// 27.2.4.3.1 PerformPromiseAny ( iteratorRecord, constructor,
/// resultCapability, promiseResolve ).
fn perform(
    rt: &mut Runtime,
    record: Value,
    c: Value,
    capability: PromiseCapability,
    promise_resolve: Value,
    kind: Combinator,
) -> JsResult<Value> {
    // Steps 1-3: values (errors), remainingElementsCount = 1, index = 0.
    let state = CombinatorState {
        values: RefCell::new(Vec::new()),
        remaining: Cell::new(1),
        capability,
    };
    let state =
        Value::object(rt.new_object_with(Value::NULL, ObjectKind::Host(Box::new(state)), 0)?);
    let then_key = PropertyKey::String(rt.names.then);
    let name = rt.empty_string();
    let mut index: u64 = 0;
    // Step 4.
    loop {
        // Step 4.a.
        let next = step_value(rt, record)?;
        // Step 4.b: done.
        if next.is_hole() {
            if count_down(state) {
                finish(rt, state, kind, true)?;
            }
            return Ok(capability.promise);
        }
        // Step 4.c.
        if let Some(s) = state_data(state) {
            s.values.borrow_mut().push(Value::UNDEFINED);
        }
        // Step 4.d.
        let next_promise = rt.call(promise_resolve, c, &[next])?;
        // Steps 4.e-n: the element function(s), then remaining += 1.
        let slots = [
            Value::FALSE,
            Value::number(index as f64),
            state,
            Value::UNDEFINED,
        ];
        let element = |rt: &mut Runtime, call: ClosureFn| {
            rt.new_native_closure(name, 1, call, &slots)
                .map(Value::object)
        };
        let (on_fulfilled, on_rejected) = match kind {
            Combinator::All => (element(rt, all_resolve_element)?, capability.reject),
            Combinator::AllSettled => {
                let fulfilled = element(rt, all_settled_resolve_element)?;
                let rejected = element(rt, all_settled_reject_element)?;
                // The two share one [[AlreadyCalled]] record.
                if let (Some(f), Some(r)) = (fulfilled.as_object(), rejected.as_object()) {
                    set_closure_slot(f, SLOT_PARTNER, rejected);
                    set_closure_slot(r, SLOT_PARTNER, fulfilled);
                }
                (fulfilled, rejected)
            }
            Combinator::Any => (capability.resolve, element(rt, any_reject_element)?),
        };
        if let Some(s) = state_data(state) {
            s.remaining.set(s.remaining.get() + 1);
        }
        // Step 4.n (4.r for allSettled, 4.p for any).
        rt.invoke(next_promise, then_key, &[on_fulfilled, on_rejected])?;
        // Step 4.o.
        index += 1;
    }
}

/// remainingElementsCount.[[Value]] -= 1; whether it reached 0.
fn count_down(state: Value) -> bool {
    match state_data(state) {
        Some(s) => {
            let left = s.remaining.get().saturating_sub(1);
            s.remaining.set(left);
            left == 0
        }
        None => false,
    }
}

/// The last step of a combinator once every element is settled: resolve
/// with the values array (all, allSettled), or reject with an
/// AggregateError of the errors (any). At the end of the iteration
/// (`from_loop`), PerformPromiseAny step 4.b.iii throws the error instead,
/// and Promise.any's IfAbruptRejectPromise rejects with it.
fn finish(rt: &mut Runtime, state: Value, kind: Combinator, from_loop: bool) -> JsResult<Value> {
    let Some(s) = state_data(state) else {
        return Ok(Value::UNDEFINED);
    };
    let capability = s.capability;
    let values = rt.rooted_list_from(&s.values.borrow());
    let array = Value::object(rt.create_array_from_list(&values)?);
    if kind != Combinator::Any {
        return capability.resolve(rt, array);
    }
    // Let error be a newly created AggregateError object (with V8's
    // message); DefinePropertyOrThrow
    // (error, "errors", { [[Configurable]]: true, [[Enumerable]]: false,
    // [[Writable]]: true, [[Value]]: CreateArrayFromList(errors) }).
    let error = rt.new_error(ErrorKind::AggregateError, "All promises were rejected")?;
    let key = PropertyKey::String(rt.names.errors);
    rt.define_property_or_throw(
        error,
        key,
        PropertyDescriptor::data(array, Attributes::BUILTIN_METHOD),
    )?;
    if from_loop {
        return Err(Thrown(Value::object(error)));
    }
    capability.reject(rt, Value::object(error))
}

/// Steps 1-3 of every element function: whether [[AlreadyCalled]] was
/// false (it is true afterwards, in the partner too).
fn claim_call(f: Gc<JsObject>) -> bool {
    if closure_slot(f, SLOT_ALREADY_CALLED) == Value::TRUE {
        return false;
    }
    set_closure_slot(f, SLOT_ALREADY_CALLED, Value::TRUE);
    if let Some(partner) = closure_slot(f, SLOT_PARTNER).as_object() {
        set_closure_slot(partner, SLOT_ALREADY_CALLED, Value::TRUE);
    }
    true
}

/// The element function's remaining steps: values[index] = x, count down,
/// and finish at zero.
fn store(rt: &mut Runtime, f: Gc<JsObject>, x: Value, kind: Combinator) -> JsResult<Value> {
    let state = closure_slot(f, SLOT_STATE);
    let index = closure_slot(f, SLOT_INDEX).as_number().unwrap_or(0.0) as usize;
    if let Some(s) = state_data(state) {
        if let Some(slot) = s.values.borrow_mut().get_mut(index) {
            *slot = x;
        }
    }
    if count_down(state) {
        return finish(rt, state, kind, false);
    }
    Ok(Value::UNDEFINED)
}

/// 27.2.4.1.3 Promise.all Resolve Element Functions.
fn all_resolve_element(
    rt: &mut Runtime,
    f: Gc<JsObject>,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    if !claim_call(f) {
        return Ok(Value::UNDEFINED);
    }
    store(rt, f, arg(args, 0), Combinator::All)
}

/// 27.2.4.2.2 Promise.allSettled Resolve Element Functions.
fn all_settled_resolve_element(
    rt: &mut Runtime,
    f: Gc<JsObject>,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    settled_element(rt, f, arg(args, 0), "fulfilled", "value")
}

/// 27.2.4.2.3 Promise.allSettled Reject Element Functions.
fn all_settled_reject_element(
    rt: &mut Runtime,
    f: Gc<JsObject>,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    settled_element(rt, f, arg(args, 0), "rejected", "reason")
}

/// The common steps of the allSettled element functions: the
/// `{ status, value | reason }` object.
fn settled_element(
    rt: &mut Runtime,
    f: Gc<JsObject>,
    x: Value,
    status: &str,
    field: &str,
) -> JsResult<Value> {
    if !claim_call(f) {
        return Ok(Value::UNDEFINED);
    }
    let obj = rt.new_object()?;
    let key = rt.key("status")?;
    let status = Value::string(rt.atom(status)?);
    rt.create_data_property_or_throw(obj, key, status)?;
    let key = rt.key(field)?;
    rt.create_data_property_or_throw(obj, key, x)?;
    store(rt, f, Value::object(obj), Combinator::AllSettled)
}

/// 27.2.4.3.2 Promise.any Reject Element Functions.
fn any_reject_element(
    rt: &mut Runtime,
    f: Gc<JsObject>,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    if !claim_call(f) {
        return Ok(Value::UNDEFINED);
    }
    store(rt, f, arg(args, 0), Combinator::Any)
}

/// 27.2.4.5.1 PerformPromiseRace ( iteratorRecord, constructor,
/// resultCapability, promiseResolve ).
fn perform_race(
    rt: &mut Runtime,
    record: Value,
    c: Value,
    capability: PromiseCapability,
    promise_resolve: Value,
) -> JsResult<Value> {
    let then_key = PropertyKey::String(rt.names.then);
    loop {
        // Steps 1.a-b.
        let next = step_value(rt, record)?;
        if next.is_hole() {
            return Ok(capability.promise);
        }
        // Steps 1.c-d.
        let next_promise = rt.call(promise_resolve, c, &[next])?;
        rt.invoke(
            next_promise,
            then_key,
            &[capability.resolve, capability.reject],
        )?;
    }
}
