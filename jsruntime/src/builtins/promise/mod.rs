//! Promise objects (27.2, #sec-promise-objects).
//!
//! * `state.rs`: the promise object (its internal slots, [`PromiseData`],
//!   in the object's own cell)
//!   and the PromiseCapability and PromiseReaction records, with the
//!   reaction [`Handler`] (a JavaScript function or a Rust function plus a
//!   value).
//! * `operations.rs`: the abstract operations (27.2.1: resolving
//!   functions, FulfillPromise, RejectPromise, NewPromiseCapability, ...),
//!   PerformPromiseThen, PromiseResolve, SpeciesConstructor.
//! * `jobs.rs`: the promise jobs (27.2.2), run by the runtime's job queue
//!   (`runtime::jobs`, which also holds HostPromiseRejectionTracker).
//! * `constructor.rs`: the constructor and `reject`, `resolve`, `try`,
//!   `withResolvers`, `@@species`; `combinators.rs`: `all`, `allSettled`,
//!   `any`, `race`; `prototype.rs`: `catch`, `finally`, `then`.
//!
//! # The internal API (for the coroutine driver: `await`, async functions)
//!
//! * [`promise_resolve`]`(rt, C, x)`: 27.2.4.7.1 PromiseResolve (`await v`
//!   uses it with %Promise%).
//! * [`new_promise_capability`]`(rt, C)`: 27.2.1.5; call the result with
//!   [`PromiseCapability::resolve`] / [`PromiseCapability::reject`].
//! * [`new_intrinsic_promise`]`(rt)`: a pending %Promise% with no resolving
//!   functions allocated; settle it with [`resolve_intrinsic_promise`]
//!   (the resolve function's steps, thenable adoption included) or
//!   [`reject_intrinsic_promise`].
//! * [`perform_await_then`]`(rt, promise, coroutine)`: Await's
//!   PerformPromiseThen with the driver's continuations (one word in a
//!   pending promise).
//! * [`perform_promise_then`]`(rt, promise, on_fulfilled, on_rejected,
//!   result)`: 27.2.5.4.1 with [`Handler`]s; `Handler::Native { func, data }`
//!   is called by NewPromiseReactionJob exactly where a JavaScript handler
//!   would be, as `func(rt, data, argument)`.
//! * The queue: `Runtime::run_jobs`, `Runtime::run_next_job`,
//!   `Runtime::enqueue_host_job`, `Runtime::take_unhandled_rejections`
//!   (`runtime::jobs`).

mod combinators;
mod constructor;
mod jobs;
pub(crate) mod operations;
mod prototype;
mod state;

use super::arg;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::Intrinsic;

pub(crate) use jobs::{run_reaction_job, run_resolve_thenable_job};
pub(crate) use operations::{is_handled, promise_result};

/// Sets [[PromiseIsHandled]] (for hosts that watch a promise themselves).
pub(crate) fn mark_handled(promise: crate::value::Value) {
    if let Some(d) = state::promise_data(promise) {
        d.is_handled.set(true);
    }
}

/// A promise's state for hosts: `Some(Ok(value))` fulfilled, `Some(Err(reason))`
/// rejected, `None` pending (or not a promise).
pub(crate) fn promise_outcome(
    promise: crate::value::Value,
) -> Option<Result<crate::value::Value, crate::value::Value>> {
    let d = state::promise_data(promise)?;
    match d.state.get() {
        state::PromiseState::Pending => None,
        state::PromiseState::Fulfilled => Some(Ok(d.result.get())),
        state::PromiseState::Rejected => Some(Err(d.result.get())),
    }
}
#[allow(unused_imports)] // the coroutine driver's API (see the module docs)
pub(crate) use operations::{
    new_intrinsic_promise, new_promise_capability, perform_await_then, perform_promise_then,
    promise_resolve, reject_intrinsic_promise, resolve_intrinsic_promise,
};
#[allow(unused_imports)] // the coroutine driver's API (see the module docs)
pub(crate) use state::{
    is_promise, Handler, NativeHandlerFn, PromiseCapability, PromiseData, PromiseReaction,
    PromiseRef, ReactionType,
};
pub(crate) use state::{promise_data, PromiseState};

/// 27.2.3 The Promise Constructor and 27.2.4 Properties of the Promise
/// Constructor.
pub(crate) static PROMISE: BuiltinObject = BuiltinObject {
    name: "Promise",
    intrinsic: Some(Intrinsic::Promise),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "Promise",
        1,
        constructor::promise_call,
        constructor::promise_construct,
    ),
    props: &[
        Prop::method("all", 1, combinators::all),
        Prop::method("allSettled", 1, combinators::all_settled),
        Prop::method("any", 1, combinators::any),
        Prop::prototype(Intrinsic::PromisePrototype),
        Prop::method("race", 1, combinators::race),
        Prop::method("reject", 1, constructor::reject),
        Prop::method("resolve", 1, constructor::resolve),
        Prop::method("try", 1, constructor::try_),
        Prop::method("withResolvers", 0, constructor::with_resolvers),
        Prop::getter("@@species", constructor::get_species),
    ],
};

/// 27.2.5 Properties of the Promise Prototype Object.
pub(crate) static PROMISE_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Promise.prototype",
    intrinsic: Some(Intrinsic::PromisePrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::Promise),
        Prop::method("catch", 1, prototype::catch),
        Prop::method("finally", 1, prototype::finally),
        Prop::method("then", 2, prototype::then),
        Prop::value("@@toStringTag", Constant::Str("Promise"), ATTR_C),
    ],
};

#[cfg(test)]
mod tests;
