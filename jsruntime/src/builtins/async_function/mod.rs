//! Async functions (27.7): %AsyncFunction% and %AsyncFunction.prototype%,
//! and the driver of `await` (27.7.5.3 Await) for every coroutine that
//! awaits (async functions and async generators).
//!
//! The body runs until it suspends at an `Await`; [`await_value`] then
//! subscribes the coroutine to the awaited promise with two
//! [`Handler::Native`] reactions (no JavaScript closures are created) whose
//! jobs resume the body with the fulfilment value or the rejection. When the
//! body returns or throws, the async function's promise settles
//! (27.7.5.2 AsyncBlockStart steps 3.e-3.g).

use super::function::{create_dynamic_function, DynamicFunctionKind};
use super::promise::{
    new_intrinsic_promise, perform_await_then, promise_resolve, reject_intrinsic_promise,
    resolve_intrinsic_promise, Handler, PromiseReaction, ReactionType,
};
use crate::backend::coroutine::{
    coroutine_data_any, resume, CoroutineKind, CoroutineObject, GeneratorState, Outcome, MODE_NEXT,
    MODE_THROW, SUSPEND_AWAIT,
};
use crate::gc::Gc;
use crate::object::JsObject;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::jobs::Job;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::{JsResult, Thrown};

/// 27.7.2 Properties of the AsyncFunction Constructor
/// (#sec-async-function-constructor-properties).
pub(crate) static ASYNC_FUNCTION: BuiltinObject = BuiltinObject {
    name: "AsyncFunction",
    intrinsic: Some(Intrinsic::AsyncFunction),
    proto: Some(Intrinsic::Function),
    make: Make::constructor("AsyncFunction", 1, async_function, |rt, args, nt| {
        create_dynamic_function(rt, DynamicFunctionKind::Async, args, Some(nt))
    }),
    props: &[Prop::prototype(Intrinsic::AsyncFunctionPrototype)],
};

/// 27.7.3 Properties of the AsyncFunction Prototype Object
/// (#sec-async-function-prototype-properties).
pub(crate) static ASYNC_FUNCTION_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "AsyncFunction.prototype",
    intrinsic: Some(Intrinsic::AsyncFunctionPrototype),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::value(
            "constructor",
            Constant::Intrinsic(Intrinsic::AsyncFunction),
            ATTR_C,
        ),
        Prop::value("@@toStringTag", Constant::Str("AsyncFunction"), ATTR_C),
    ],
};

/// 27.7.1.1 AsyncFunction ( ...parameterArgs, bodyArg ).
fn async_function(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    create_dynamic_function(rt, DynamicFunctionKind::Async, args, None)
}

/// The ramp of an async function (15.8.4 EvaluateAsyncFunctionBody) after
/// the body ran to its first suspension: the result promise.
pub(crate) fn started(
    rt: &mut Runtime,
    object: Gc<JsObject>,
    data: &CoroutineObject,
    outcome: Outcome,
) -> JsResult<Value> {
    // Step 1: the promise capability (of %Promise%: creating it later is not
    // observable).
    let promise = new_intrinsic_promise(rt)?;
    data.set_promise(promise);
    continue_async(rt, object, data, outcome)?;
    Ok(promise)
}

/// What an async function does after its body stopped: await, or settle
/// the promise (27.7.5.2 AsyncBlockStart step 3).
fn continue_async(
    rt: &mut Runtime,
    object: Gc<JsObject>,
    data: &CoroutineObject,
    mut outcome: Outcome,
) -> JsResult<()> {
    loop {
        let promise = data.promise();
        match outcome {
            Outcome::Suspended(SUSPEND_AWAIT, v) => {
                data.state.set(GeneratorState::Awaiting);
                match await_value(rt, object, v) {
                    Ok(()) => return Ok(()),
                    // `? PromiseResolve(...)` threw: the await throws.
                    Err(Thrown(e)) => {
                        data.state.set(GeneratorState::Executing);
                        outcome = resume(rt, object, e, MODE_THROW);
                    }
                }
            }
            Outcome::Returned(v) => {
                data.state.set(GeneratorState::Completed);
                return resolve_intrinsic_promise(rt, promise, v);
            }
            Outcome::Threw(e) => {
                data.state.set(GeneratorState::Completed);
                reject_intrinsic_promise(rt, promise, e);
                return Ok(());
            }
            Outcome::Suspended(..) => {
                data.state.set(GeneratorState::Completed);
                let e = rt.type_error("internal error: an async function yielded");
                reject_intrinsic_promise(rt, promise, e.0);
                return Ok(());
            }
        }
    }
}

/// 27.7.5.3 Await ( value ) steps 2-9 (#await) for the suspended coroutine
/// `object`: resumes it from a promise job once `value` settles.
pub(crate) fn await_value(rt: &mut Runtime, object: Gc<JsObject>, value: Value) -> JsResult<()> {
    let data = Value::object(object);
    let on_fulfilled = Handler::Native {
        func: await_fulfilled,
        data,
    };
    if !value.is_object() {
        // PromiseResolve of a primitive makes a promise fulfilled with it,
        // and PerformPromiseThen on it queues the reaction at once: the
        // same job, without the promise (nothing else can see it).
        rt.enqueue_job(Job::PromiseReaction {
            reaction: PromiseReaction {
                capability: None,
                kind: ReactionType::Fulfill,
                handler: on_fulfilled,
            },
            argument: value,
        });
        return Ok(());
    }
    // Step 2.
    let constructor = rt.intrinsic(Intrinsic::Promise);
    let promise = promise_resolve(rt, constructor, value)?;
    // Steps 3-9.
    perform_await_then(rt, promise, data);
    Ok(())
}

/// The fulfilment continuation of an await (27.7.5.3 step 3).
pub(crate) fn await_fulfilled(rt: &mut Runtime, data: Value, value: Value) -> JsResult<Value> {
    resume_after_await(rt, data, value, MODE_NEXT)?;
    Ok(Value::UNDEFINED)
}

/// The rejection continuation of an await (27.7.5.3 step 5).
pub(crate) fn await_rejected(rt: &mut Runtime, data: Value, reason: Value) -> JsResult<Value> {
    resume_after_await(rt, data, reason, MODE_THROW)?;
    Ok(Value::UNDEFINED)
}

/// Resumes the coroutine `data` after an await and carries on with what its
/// kind does next. Only running out of memory makes this fail (the job
/// then reports it).
fn resume_after_await(rt: &mut Runtime, data: Value, value: Value, mode: u32) -> JsResult<()> {
    let Some(object) = data.as_object() else {
        return Ok(());
    };
    let Some(co) = coroutine_data_any(object) else {
        return Ok(());
    };
    co.state.set(GeneratorState::Executing);
    let outcome = resume(rt, object, value, mode);
    match co.kind {
        CoroutineKind::Async => continue_async(rt, object, co, outcome),
        CoroutineKind::AsyncGenerator | CoroutineKind::Generator => {
            super::async_generator::continue_after_await(rt, object, co, outcome)
        }
    }
}
