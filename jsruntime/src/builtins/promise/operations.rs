//! The Promise abstract operations (27.2.1 Promise Abstract Operations,
//! #sec-promise-abstract-operations), PerformPromiseThen (27.2.5.4.1),
//! PromiseResolve (27.2.4.7.1) and SpeciesConstructor (7.3.22), with the
//! crate-internal API the coroutine driver uses for `await` and async
//! function results.

use super::state::{
    await_reactions, is_promise, new_intrinsic_promise_object, promise_data, Handler,
    PromiseCapability, PromiseState, ReactionPair, ReactionType,
};
use crate::equality::same_value;
use crate::gc::Gc;
use crate::object::native_closure::{closure_slot, set_closure_slot};
use crate::object::{JsObject, PropertyKey};
use crate::runtime::jobs::{Job, RejectionOperation};
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::{JsResult, Thrown};

// ---- Resolving functions (27.2.1.3) ----

// Slots of a resolving function: the promise, its [[AlreadyResolved]]
// record, and the other function of the pair. The record is either
// undefined — the promise's own `already_resolved` flag, for its first
// pair (the constructor's, or an intrinsic capability's) — or a boolean
// kept in both functions of the pair (a pair made later by
// NewPromiseResolveThenableJob). The functions of a first pair have only
// the promise slot (slot 1 then reads undefined).
const SLOT_PROMISE: usize = 0;
const SLOT_ALREADY_RESOLVED: usize = 1;
const SLOT_PARTNER: usize = 2;

/// 27.2.1.3 CreateResolvingFunctions ( promise ): the pair `(resolve,
/// reject)`. With `first`, the pair shares the promise's own
/// [[AlreadyResolved]] flag (see [`super::state::PromiseData`]); otherwise
/// it gets a fresh record.
pub(crate) fn create_resolving_functions(
    rt: &mut Runtime,
    promise: Value,
    first: bool,
) -> JsResult<(Value, Value)> {
    let name = rt.empty_string();
    if first {
        // The record is the promise's own flag and the partner is never
        // read: each function needs only the promise, held inline
        // (`ObjectKind::NativeClosure1`, no allocation besides the object).
        let resolve = rt.new_native_closure(name, 1, promise_resolve_function, &[promise])?;
        let reject = rt.new_native_closure(name, 1, promise_reject_function, &[promise])?;
        return Ok((Value::object(resolve), Value::object(reject)));
    }
    let record = Value::FALSE;
    // Steps 2-6: resolve; 7-11: reject (both of length 1, named "").
    let resolve = rt.new_native_closure(
        name,
        1,
        promise_resolve_function,
        &[promise, record, Value::UNDEFINED],
    )?;
    let reject = rt.new_native_closure(
        name,
        1,
        promise_reject_function,
        &[promise, record, Value::object(resolve)],
    )?;
    set_closure_slot(resolve, SLOT_PARTNER, Value::object(reject));
    Ok((Value::object(resolve), Value::object(reject)))
}

/// Steps "If alreadyResolved.[[Value]] is true, return undefined. Set
/// alreadyResolved.[[Value]] to true." of both resolving functions:
/// whether the function may go on.
fn claim_resolution(f: Gc<JsObject>) -> bool {
    let promise = closure_slot(f, SLOT_PROMISE);
    let record = closure_slot(f, SLOT_ALREADY_RESOLVED);
    if record.is_undefined() {
        return claim_intrinsic(promise);
    }
    if record == Value::TRUE {
        return false;
    }
    set_closure_slot(f, SLOT_ALREADY_RESOLVED, Value::TRUE);
    if let Some(partner) = closure_slot(f, SLOT_PARTNER).as_object() {
        set_closure_slot(partner, SLOT_ALREADY_RESOLVED, Value::TRUE);
    }
    true
}

/// The same steps for the promise's own [[AlreadyResolved]] flag.
fn claim_intrinsic(promise: Value) -> bool {
    match promise_data(promise) {
        Some(d) if !d.already_resolved.get() => {
            d.already_resolved.set(true);
            true
        }
        _ => false,
    }
}

/// 27.2.1.3.1 Promise Reject Functions (#sec-promise-reject-functions).
fn promise_reject_function(
    rt: &mut Runtime,
    f: Gc<JsObject>,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    // Steps 1-6.
    if !claim_resolution(f) {
        return Ok(Value::UNDEFINED);
    }
    // Step 7: RejectPromise(promise, reason).
    let promise = closure_slot(f, SLOT_PROMISE);
    reject_promise(rt, promise, super::arg(args, 0));
    Ok(Value::UNDEFINED)
}

/// 27.2.1.3.2 Promise Resolve Functions (#sec-promise-resolve-functions).
fn promise_resolve_function(
    rt: &mut Runtime,
    f: Gc<JsObject>,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    // Steps 1-6.
    if !claim_resolution(f) {
        return Ok(Value::UNDEFINED);
    }
    let promise = closure_slot(f, SLOT_PROMISE);
    resolve_promise(rt, promise, super::arg(args, 0))?;
    Ok(Value::UNDEFINED)
}

/// 27.2.1.3.2 Promise Resolve Functions, steps 7-16: resolves a pending
/// `promise` with `resolution` (after its [[AlreadyResolved]] check). Throws
/// only when the runtime is out of memory.
pub(crate) fn resolve_promise(rt: &mut Runtime, promise: Value, resolution: Value) -> JsResult<()> {
    // Step 7: a promise resolved with itself.
    if same_value(resolution, promise) {
        let error = rt.type_error("Chaining cycle detected for promise");
        reject_promise(rt, promise, error.0);
        return Ok(());
    }
    // Step 8.
    let Some(o) = resolution.as_object() else {
        fulfill_promise(rt, promise, resolution);
        return Ok(());
    };
    // Steps 9-10: Get(resolution, "then").
    let key = PropertyKey::String(rt.names.then);
    let then = match rt.get(o, key, resolution) {
        Ok(v) => v,
        Err(Thrown(e)) => {
            reject_promise(rt, promise, e);
            return Ok(());
        }
    };
    // Steps 11-12.
    if !then.as_object().is_some_and(|t| t.is_callable()) {
        fulfill_promise(rt, promise, resolution);
        return Ok(());
    }
    // Steps 13-15: HostMakeJobCallback is the identity;
    // NewPromiseResolveThenableJob, HostEnqueuePromiseJob.
    rt.enqueue_job(Job::ResolveThenable {
        promise,
        thenable: resolution,
        then,
    });
    Ok(())
}

/// 27.2.1.4 FulfillPromise ( promise, value ).
pub(crate) fn fulfill_promise(rt: &mut Runtime, promise: Value, value: Value) {
    settle(rt, promise, PromiseState::Fulfilled, value);
}

/// 27.2.1.7 RejectPromise ( promise, reason ).
pub(crate) fn reject_promise(rt: &mut Runtime, promise: Value, reason: Value) {
    settle(rt, promise, PromiseState::Rejected, reason);
}

/// FulfillPromise and RejectPromise: record the result, clear both reaction
/// lists, set the state, track an unhandled rejection, and trigger the
/// reactions of `state`.
fn settle(rt: &mut Runtime, promise: Value, state: PromiseState, value: Value) {
    let Some(d) = promise_data(promise) else {
        return;
    };
    // Step 1: Assert: the state is pending.
    if d.state.get() != PromiseState::Pending {
        return;
    }
    // Steps 2-6. GC: the reactions leave the traced promise, but nothing
    // allocates before they are in the (traced) job queue.
    let reactions = d.take_reactions();
    d.result.set(value);
    d.state.set(state);
    let kind = if state == PromiseState::Fulfilled {
        ReactionType::Fulfill
    } else {
        // 27.2.1.7 step 7.
        if !d.is_handled.get() {
            rt.promise_rejection_tracker(promise, RejectionOperation::Reject);
        }
        ReactionType::Reject
    };
    // 27.2.1.8 TriggerPromiseReactions ( reactions, argument ).
    reactions.for_each(|pair| {
        rt.enqueue_job(Job::PromiseReaction {
            reaction: pair.reaction(kind),
            argument: value,
        })
    });
}

// ---- NewPromiseCapability (27.2.1.5) ----

// Slots of a GetCapabilitiesExecutor function: the capability's [[Resolve]]
// and [[Reject]] as they are set.
const SLOT_CAP_RESOLVE: usize = 0;
const SLOT_CAP_REJECT: usize = 1;

/// 27.2.1.5 NewPromiseCapability ( C ) (#sec-newpromisecapability). For
/// %Promise% itself the capability is intrinsic (no resolving functions
/// are allocated; see [`PromiseCapability`]).
pub(crate) fn new_promise_capability(rt: &mut Runtime, c: Value) -> JsResult<PromiseCapability> {
    // Step 1.
    if !c.as_object().is_some_and(|o| o.is_constructor()) {
        return Err(rt.type_error("Promise capability: the constructor is not a constructor"));
    }
    if c == rt.intrinsic(Intrinsic::Promise) {
        // Steps 3-9 with C = %Promise% observe nothing: %Promise%.prototype
        // is a non-writable, non-configurable data property, and the
        // executor is this function's own.
        let promise = new_intrinsic_promise_object(rt)?;
        return Ok(PromiseCapability {
            promise: Value::object(promise),
            resolve: Value::UNDEFINED,
            reject: Value::UNDEFINED,
        });
    }
    // Steps 3-5: the executor closure, length 2, name "".
    let name = rt.empty_string();
    let executor = rt.new_native_closure(
        name,
        2,
        get_capabilities_executor,
        &[Value::UNDEFINED, Value::UNDEFINED],
    )?;
    // Step 6.
    let promise = rt.construct(c, &[Value::object(executor)], None)?;
    // Steps 7-8.
    let resolve = closure_slot(executor, SLOT_CAP_RESOLVE);
    if !resolve.as_object().is_some_and(|f| f.is_callable()) {
        return Err(rt.type_error("Promise resolve function is not callable"));
    }
    let reject = closure_slot(executor, SLOT_CAP_REJECT);
    if !reject.as_object().is_some_and(|f| f.is_callable()) {
        return Err(rt.type_error("Promise reject function is not callable"));
    }
    // Step 9.
    Ok(PromiseCapability {
        promise,
        resolve,
        reject,
    })
}

/// 27.2.1.5 step 4: the GetCapabilitiesExecutor closure.
fn get_capabilities_executor(
    rt: &mut Runtime,
    f: Gc<JsObject>,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    // Steps 4.a-b.
    if !closure_slot(f, SLOT_CAP_RESOLVE).is_undefined() {
        return Err(rt.type_error("Promise executor has already been invoked"));
    }
    if !closure_slot(f, SLOT_CAP_REJECT).is_undefined() {
        return Err(rt.type_error("Promise executor has already been invoked"));
    }
    // Steps 4.c-e.
    set_closure_slot(f, SLOT_CAP_RESOLVE, super::arg(args, 0));
    set_closure_slot(f, SLOT_CAP_REJECT, super::arg(args, 1));
    Ok(Value::UNDEFINED)
}

impl PromiseCapability {
    /// Call(capability.[[Resolve]], undefined, « value »).
    pub(crate) fn resolve(&self, rt: &mut Runtime, value: Value) -> JsResult<Value> {
        if self.resolve.is_undefined() {
            resolve_intrinsic_promise(rt, self.promise, value)?;
            return Ok(Value::UNDEFINED);
        }
        rt.call(self.resolve, Value::UNDEFINED, &[value])
    }

    /// Call(capability.[[Reject]], undefined, « reason »).
    pub(crate) fn reject(&self, rt: &mut Runtime, reason: Value) -> JsResult<Value> {
        if self.reject.is_undefined() {
            reject_intrinsic_promise(rt, self.promise, reason);
            return Ok(Value::UNDEFINED);
        }
        rt.call(self.reject, Value::UNDEFINED, &[reason])
    }

    /// The capability with its [[Resolve]] and [[Reject]] as functions (for
    /// an intrinsic one: the promise's first resolving functions), when
    /// they are handed to JavaScript code.
    pub(crate) fn materialize(self, rt: &mut Runtime) -> JsResult<PromiseCapability> {
        if !self.resolve.is_undefined() {
            return Ok(self);
        }
        let (resolve, reject) = create_resolving_functions(rt, self.promise, true)?;
        Ok(PromiseCapability {
            promise: self.promise,
            resolve,
            reject,
        })
    }
}

/// IfAbruptRejectPromise ( value, capability ) (27.2.1.1.1): on a throw,
/// rejects the capability's promise and returns it.
pub(crate) fn if_abrupt_reject(
    rt: &mut Runtime,
    result: JsResult<Value>,
    capability: &PromiseCapability,
) -> JsResult<Value> {
    match result {
        Ok(v) => Ok(v),
        Err(Thrown(e)) => {
            capability.reject(rt, e)?;
            Ok(capability.promise)
        }
    }
}

// ---- The internal API of the coroutine driver ----

/// A new pending %Promise% object with no resolving functions (the
/// promise of an async function call). Settle it with
/// [`resolve_intrinsic_promise`] / [`reject_intrinsic_promise`].
#[allow(dead_code)] // for the coroutine driver (async function results)
pub(crate) fn new_intrinsic_promise(rt: &mut Runtime) -> JsResult<Value> {
    Ok(Value::object(new_intrinsic_promise_object(rt)?))
}

/// Calls the first resolve function of `promise` (27.2.1.3.2: nothing if
/// it was already resolved; thenable adoption included). Throws only when
/// out of memory.
pub(crate) fn resolve_intrinsic_promise(
    rt: &mut Runtime,
    promise: Value,
    value: Value,
) -> JsResult<()> {
    if !claim_intrinsic(promise) {
        return Ok(());
    }
    resolve_promise(rt, promise, value)
}

/// Calls the first reject function of `promise` (27.2.1.3.1: nothing if it
/// was already resolved).
pub(crate) fn reject_intrinsic_promise(rt: &mut Runtime, promise: Value, reason: Value) {
    if claim_intrinsic(promise) {
        reject_promise(rt, promise, reason);
    }
}

/// 27.2.4.7.1 PromiseResolve ( C, x ) (#sec-promise-resolve): `x` itself if
/// it is a promise whose `constructor` is `c`, else a new promise of `c`
/// resolved with `x`.
pub(crate) fn promise_resolve(rt: &mut Runtime, c: Value, x: Value) -> JsResult<Value> {
    // Step 1.
    if let Some(o) = x.as_object().filter(|_| is_promise(x)) {
        // Step 1.a: Get(x, "constructor"), read from the cache when x has no
        // own properties and inherits it from the cached prototype.
        let x_constructor = match cached_constructor(rt, o) {
            Some(v) => v,
            None => {
                let key = PropertyKey::String(rt.names.constructor);
                let v = rt.get(o, key, x)?;
                cache_constructor(rt, o, key);
                v
            }
        };
        if same_value(x_constructor, c) {
            return Ok(x);
        }
    }
    // Steps 2-4.
    let capability = new_promise_capability(rt, c)?;
    capability.resolve(rt, x)?;
    Ok(capability.promise)
}

/// `Get(o, "constructor")` without a property lookup (every `await` of a
/// promise asks): when `o` (a promise, not exotic) has no own properties
/// (the root shape of promises, `Runtime::coroutine_shape`)
/// and its prototype is the one cached by [`cache_constructor`], still with
/// the cached shape, the value is in the cached slot. `None` when the
/// cache does not apply.
#[inline]
fn cached_constructor(rt: &Runtime, o: Gc<JsObject>) -> Option<Value> {
    let cache = rt.jobs.constructor_cache?;
    if o.shape() != rt.coroutine_shape
        || o.exotic_methods().is_some()
        || o.proto() != Value::object(cache.proto)
        || cache.proto.shape() != cache.shape
    {
        return None;
    }
    Some(cache.proto.slot(cache.slot))
}

/// After a full `Get(o, key)` of "constructor": caches where the value was
/// found when `o` has no own properties and its prototype (not exotic, its
/// shape not a dictionary) holds `key` as an own data property.
fn cache_constructor(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) {
    if o.shape() != rt.coroutine_shape || o.exotic_methods().is_some() {
        return;
    }
    let Some(proto) = o.proto().as_object() else {
        return;
    };
    let shape = proto.shape();
    if proto.exotic_methods().is_some() || shape.is_dictionary() {
        return;
    }
    match shape.lookup(key) {
        Some(e) if !e.attrs.is_accessor() => {
            rt.jobs.constructor_cache = Some(crate::runtime::jobs::ConstructorCache {
                proto,
                shape,
                slot: e.slot,
            });
        }
        _ => {}
    }
}

/// 27.2.5.4.1 PerformPromiseThen ( promise, onFulfilled, onRejected [ ,
/// resultCapability ] ) (#sec-performpromisethen): adds the reactions (or
/// queues the job at once if `promise` is settled). Returns the result
/// capability's promise, or undefined without one. A
/// [`Handler::Callable`] that is not callable is *empty*.
pub(crate) fn perform_promise_then(
    rt: &mut Runtime,
    promise: Value,
    on_fulfilled: Handler,
    on_rejected: Handler,
    result: Option<PromiseCapability>,
) -> Value {
    // Step 1: Assert: IsPromise(promise).
    let Some(d) = promise_data(promise) else {
        return Value::UNDEFINED;
    };
    // Steps 2-5.
    let empty_unless_callable = |h: Handler| match h {
        Handler::Callable(v) if !v.as_object().is_some_and(|f| f.is_callable()) => {
            Handler::Callable(Value::UNDEFINED)
        }
        h => h,
    };
    // Steps 6-7: fulfillReaction and rejectReaction.
    let pair = ReactionPair {
        capability: result,
        on_fulfilled: empty_unless_callable(on_fulfilled),
        on_rejected: empty_unless_callable(on_rejected),
    };
    match d.state.get() {
        // Step 8.
        PromiseState::Pending => d.add_reactions(pair),
        // Steps 9-10.
        _ => enqueue_settled_reaction(rt, promise, pair),
    }
    // Step 11.
    d.is_handled.set(true);
    // Steps 12-13.
    result.map_or(Value::UNDEFINED, |c| c.promise)
}

/// PerformPromiseThen ( promise, onFulfilled, onRejected ) steps 9-10: the
/// reaction job of a settled `promise`.
fn enqueue_settled_reaction(rt: &mut Runtime, promise: Value, pair: ReactionPair) {
    let Some(d) = promise_data(promise) else {
        return;
    };
    match d.state.get() {
        PromiseState::Pending => {}
        // Step 9.
        PromiseState::Fulfilled => rt.enqueue_job(Job::PromiseReaction {
            reaction: pair.reaction(ReactionType::Fulfill),
            argument: d.result.get(),
        }),
        // Step 10.
        PromiseState::Rejected => {
            if !d.is_handled.get() {
                rt.promise_rejection_tracker(promise, RejectionOperation::Handle);
            }
            rt.enqueue_job(Job::PromiseReaction {
                reaction: pair.reaction(ReactionType::Reject),
                argument: d.result.get(),
            });
        }
    }
}

/// 27.7.5.3 Await ( value ) steps 3-9 (#await) once `promise` is
/// PromiseResolve(%Promise%, value): PerformPromiseThen(promise,
/// onFulfilled, onRejected) with the abstract closures as the coroutine
/// driver's native continuations of the coroutine object `coroutine`
/// ([`super::state::await_reactions`]). While `promise` is pending the pair
/// is stored in one word when it is its first.
pub(crate) fn perform_await_then(rt: &mut Runtime, promise: Value, coroutine: Value) {
    // Step 1 of PerformPromiseThen: Assert: IsPromise(promise).
    let Some(d) = promise_data(promise) else {
        return;
    };
    match d.state.get() {
        // Step 8.
        PromiseState::Pending => d.add_await_reactions(coroutine),
        // Steps 9-10.
        _ => enqueue_settled_reaction(rt, promise, await_reactions(coroutine)),
    }
    // Step 11.
    d.is_handled.set(true);
}

/// [[PromiseIsHandled]] of a promise (true for other values).
pub(crate) fn is_handled(promise: Value) -> bool {
    promise_data(promise).is_none_or(|d| d.is_handled.get())
}

/// The [[PromiseResult]] of a promise (undefined for other values).
pub(crate) fn promise_result(promise: Value) -> Value {
    promise_data(promise).map_or(Value::UNDEFINED, |d| d.result.get())
}

/// 7.3.22 SpeciesConstructor ( O, defaultConstructor ).
pub(crate) fn species_constructor(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    default: Intrinsic,
) -> JsResult<Value> {
    // Steps 1-3.
    let key = PropertyKey::String(rt.names.constructor);
    let c = rt.get(o, key, Value::object(o))?;
    if c.is_undefined() {
        return Ok(rt.intrinsic(default));
    }
    // Step 4.
    let Some(co) = c.as_object() else {
        return Err(rt.type_error("object.constructor is not an object"));
    };
    // Steps 5-6.
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Species));
    let s = rt.get(co, key, c)?;
    if s.is_nullish() {
        return Ok(rt.intrinsic(default));
    }
    // Steps 7-8.
    if s.as_object().is_some_and(|o| o.is_constructor()) {
        return Ok(s);
    }
    Err(rt.type_error("object.constructor[Symbol.species] is not a constructor"))
}
