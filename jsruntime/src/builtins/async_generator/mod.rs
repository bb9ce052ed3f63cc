//! Async generators (27.4, 27.6): %AsyncGeneratorFunction%,
//! %AsyncGeneratorFunction.prototype%, %AsyncIteratorPrototype% and
//! %AsyncGeneratorPrototype% with `next`, `return` and `throw`, over the
//! compiled coroutine (see [`crate::backend::coroutine`]).
//!
//! Every request gets a promise and waits in the generator's queue
//! (27.6.3.1); the body runs for the oldest one. The analyzer already
//! awaits the operand of `yield` and of `return`; at a `yield` the body
//! suspends and [`after_body`] completes the oldest request
//! (27.6.3.8 AsyncGeneratorYield), then either resumes at once for the next
//! request or leaves the generator suspended. Awaits inside the body go
//! through the async function driver ([`super::async_function`]), which
//! comes back here ([`continue_after_await`]).

use super::arg;
use super::async_function::await_value;
use super::function::{create_dynamic_function, DynamicFunctionKind};
use super::iterator::iter_result;
use super::promise::{
    new_intrinsic_promise, perform_promise_then, promise_resolve, reject_intrinsic_promise,
    resolve_intrinsic_promise, Handler,
};
use crate::backend::coroutine::{
    coroutine_data, coroutine_data_any, resume, AsyncGeneratorRequest, CoroutineKind,
    CoroutineObject, GeneratorState, Outcome, MODE_NEXT, MODE_RETURN, MODE_THROW, SUSPEND_AWAIT,
    SUSPEND_YIELD,
};
use crate::gc::Gc;
use crate::object::JsObject;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::{JsResult, Thrown};

/// 27.4.2 Properties of the AsyncGeneratorFunction Constructor.
pub(crate) static ASYNC_GENERATOR_FUNCTION: BuiltinObject = BuiltinObject {
    name: "AsyncGeneratorFunction",
    intrinsic: Some(Intrinsic::AsyncGeneratorFunction),
    proto: Some(Intrinsic::Function),
    make: Make::constructor(
        "AsyncGeneratorFunction",
        1,
        async_generator_function,
        |rt, args, nt| {
            create_dynamic_function(rt, DynamicFunctionKind::AsyncGenerator, args, Some(nt))
        },
    ),
    props: &[Prop::prototype(Intrinsic::AsyncGeneratorFunctionPrototype)],
};

/// 27.4.3 Properties of the AsyncGeneratorFunction Prototype Object.
pub(crate) static ASYNC_GENERATOR_FUNCTION_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "AsyncGeneratorFunction.prototype",
    intrinsic: Some(Intrinsic::AsyncGeneratorFunctionPrototype),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::value(
            "constructor",
            Constant::Intrinsic(Intrinsic::AsyncGeneratorFunction),
            ATTR_C,
        ),
        Prop::value(
            "prototype",
            Constant::Intrinsic(Intrinsic::AsyncGeneratorPrototype),
            ATTR_C,
        ),
        Prop::value(
            "@@toStringTag",
            Constant::Str("AsyncGeneratorFunction"),
            ATTR_C,
        ),
    ],
};

/// 27.1.3 The %AsyncIteratorPrototype% Object.
pub(crate) static ASYNC_ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%AsyncIteratorPrototype%",
    intrinsic: Some(Intrinsic::AsyncIteratorPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[Prop::method("@@asyncIterator", 0, |_, this, _| Ok(this))],
};

/// 27.6.1 Properties of the AsyncGenerator Prototype Object.
pub(crate) static ASYNC_GENERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%AsyncGeneratorPrototype%",
    intrinsic: Some(Intrinsic::AsyncGeneratorPrototype),
    proto: Some(Intrinsic::AsyncIteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::value(
            "constructor",
            Constant::Intrinsic(Intrinsic::AsyncGeneratorFunctionPrototype),
            ATTR_C,
        ),
        Prop::method("next", 1, next),
        Prop::method("return", 1, return_),
        Prop::method("throw", 1, throw),
        Prop::value("@@toStringTag", Constant::Str("AsyncGenerator"), ATTR_C),
    ],
};

/// 27.4.1.1 AsyncGeneratorFunction ( ...parameterArgs, bodyArg ).
fn async_generator_function(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    create_dynamic_function(rt, DynamicFunctionKind::AsyncGenerator, args, None)
}

/// An async generator object and its slots.
type Generator = (Gc<JsObject>, &'static CoroutineObject);

/// Steps 1-4 of `next`, `return` and `throw`: the request's promise, and the
/// generator if `this` is one (27.6.3.2 AsyncGeneratorValidate; otherwise
/// the promise is rejected with a TypeError and returned).
fn validate(rt: &mut Runtime, this: Value) -> JsResult<(Value, Option<Generator>)> {
    let promise = new_intrinsic_promise(rt)?;
    let generator = this
        .as_object()
        .and_then(|o| coroutine_data(o, CoroutineKind::AsyncGenerator).map(|d| (o, d)));
    if generator.is_none() {
        let e = rt.type_error("not an async generator object");
        reject_intrinsic_promise(rt, promise, e.0);
    }
    Ok((promise, generator))
}

/// 27.6.1.2 %AsyncGeneratorPrototype%.next ( value ).
fn next(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (promise, generator) = validate(rt, this)?;
    let Some((o, data)) = generator else {
        return Ok(promise);
    };
    let state = data.state.get();
    // Step 6.
    if state == GeneratorState::Completed {
        let result = iter_result(rt, Value::UNDEFINED, true)?;
        resolve_intrinsic_promise(rt, promise, result)?;
        return Ok(promise);
    }
    // Steps 7-9.
    enqueue(data, MODE_NEXT, arg(args, 0), promise);
    if matches!(
        state,
        GeneratorState::SuspendedStart | GeneratorState::SuspendedYield
    ) {
        resume_with(rt, o, data, MODE_NEXT, arg(args, 0))?;
    }
    Ok(promise)
}

/// 27.6.1.3 %AsyncGeneratorPrototype%.return ( value ).
fn return_(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (promise, generator) = validate(rt, this)?;
    let Some((o, data)) = generator else {
        return Ok(promise);
    };
    let value = arg(args, 0);
    enqueue(data, MODE_RETURN, value, promise);
    match data.state.get() {
        // Step 8.
        GeneratorState::SuspendedStart | GeneratorState::Completed => {
            data.state.set(GeneratorState::AwaitingReturn);
            await_return(rt, o, data)?;
        }
        // Step 9.
        GeneratorState::SuspendedYield => resume_with(rt, o, data, MODE_RETURN, value)?,
        _ => {}
    }
    Ok(promise)
}

/// 27.6.1.4 %AsyncGeneratorPrototype%.throw ( exception ).
fn throw(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (promise, generator) = validate(rt, this)?;
    let Some((o, data)) = generator else {
        return Ok(promise);
    };
    let value = arg(args, 0);
    let mut state = data.state.get();
    // Steps 6-7.
    if state == GeneratorState::SuspendedStart {
        data.state.set(GeneratorState::Completed);
        state = GeneratorState::Completed;
    }
    if state == GeneratorState::Completed {
        reject_intrinsic_promise(rt, promise, value);
        return Ok(promise);
    }
    // Steps 8-10.
    enqueue(data, MODE_THROW, value, promise);
    if state == GeneratorState::SuspendedYield {
        resume_with(rt, o, data, MODE_THROW, value)?;
    }
    Ok(promise)
}

/// 27.6.3.3 AsyncGeneratorEnqueue.
fn enqueue(data: &CoroutineObject, mode: u32, value: Value, promise: Value) {
    data.queue().push_back(AsyncGeneratorRequest {
        mode,
        value,
        promise,
    });
}

/// 27.6.3.4 AsyncGeneratorCompleteStep: settles the oldest request's promise
/// with the completion (`Err` for a throw) as an iterator result.
fn complete_step(
    rt: &mut Runtime,
    data: &CoroutineObject,
    completion: Result<Value, Value>,
    done: bool,
) -> JsResult<()> {
    let request = data.queue().pop_front();
    let Some(request) = request else {
        return Ok(());
    };
    match completion {
        Err(e) => reject_intrinsic_promise(rt, request.promise, e),
        Ok(v) => {
            let result = iter_result(rt, v, done)?;
            resolve_intrinsic_promise(rt, request.promise, result)?;
        }
    }
    Ok(())
}

/// 27.6.3.5 AsyncGeneratorResume, and 27.6.3.7
/// AsyncGeneratorUnwrapYieldResumption for a generator stopped at a
/// `yield`: a return completion first awaits its value.
fn resume_with(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    data: &CoroutineObject,
    mode: u32,
    value: Value,
) -> JsResult<()> {
    if mode == MODE_RETURN && data.state.get() == GeneratorState::SuspendedYield {
        data.state.set(GeneratorState::Executing);
        return await_for_return(rt, o, value);
    }
    data.state.set(GeneratorState::Executing);
    let outcome = resume(rt, o, value, mode);
    after_body(rt, o, data, outcome)
}

/// The await of 27.6.3.7 step 2: resumes the body with a return completion
/// of the awaited value, or a throw completion of the rejection.
fn await_for_return(rt: &mut Runtime, o: Gc<JsObject>, value: Value) -> JsResult<()> {
    let constructor = rt.intrinsic(Intrinsic::Promise);
    let promise = match promise_resolve(rt, constructor, value) {
        Ok(p) => p,
        Err(Thrown(e)) => {
            let data = coroutine_data_any(o);
            let outcome = resume(rt, o, e, MODE_THROW);
            return match data {
                Some(data) => after_body(rt, o, data, outcome),
                None => Ok(()),
            };
        }
    };
    let data = Value::object(o);
    perform_promise_then(
        rt,
        promise,
        Handler::Native {
            func: |rt, data, v| resume_job(rt, data, v, MODE_RETURN),
            data,
        },
        Handler::Native {
            func: |rt, data, e| resume_job(rt, data, e, MODE_THROW),
            data,
        },
        None,
    );
    Ok(())
}

fn resume_job(rt: &mut Runtime, data: Value, value: Value, mode: u32) -> JsResult<Value> {
    if let Some(o) = data.as_object() {
        if let Some(d) = coroutine_data_any(o) {
            d.state.set(GeneratorState::Executing);
            let outcome = resume(rt, o, value, mode);
            after_body(rt, o, d, outcome)?;
        }
    }
    Ok(Value::UNDEFINED)
}

/// After an await inside the body (the async function driver calls this).
pub(crate) fn continue_after_await(
    rt: &mut Runtime,
    object: Gc<JsObject>,
    data: &CoroutineObject,
    outcome: Outcome,
) -> JsResult<()> {
    after_body(rt, object, data, outcome)
}

/// What the generator does after its body stopped: await, yield (27.6.3.8
/// AsyncGeneratorYield steps 8-11), or complete (27.6.3.2
/// AsyncGeneratorStart steps 4.g-4.k).
fn after_body(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    data: &CoroutineObject,
    mut outcome: Outcome,
) -> JsResult<()> {
    loop {
        match outcome {
            Outcome::Suspended(SUSPEND_AWAIT, v) => {
                return match await_value(rt, o, v) {
                    Ok(()) => Ok(()),
                    Err(Thrown(e)) => {
                        outcome = resume(rt, o, e, MODE_THROW);
                        continue;
                    }
                };
            }
            Outcome::Suspended(SUSPEND_YIELD, v) => {
                complete_step(rt, data, Ok(v), false)?;
                let next = data.queue().front();
                match next {
                    // Execution continues without suspending (step 10).
                    Some(request) if request.mode == MODE_RETURN => {
                        return await_for_return(rt, o, request.value);
                    }
                    Some(request) => {
                        outcome = resume(rt, o, request.value, request.mode);
                    }
                    None => {
                        data.state.set(GeneratorState::SuspendedYield);
                        return Ok(());
                    }
                }
            }
            Outcome::Suspended(..) => {
                data.state.set(GeneratorState::Completed);
                let e = rt.type_error("internal error: unexpected suspension");
                complete_step(rt, data, Err(e.0), true)?;
                return drain_queue(rt, o, data);
            }
            Outcome::Returned(v) => {
                data.state.set(GeneratorState::Completed);
                complete_step(rt, data, Ok(v), true)?;
                return drain_queue(rt, o, data);
            }
            Outcome::Threw(e) => {
                data.state.set(GeneratorState::Completed);
                complete_step(rt, data, Err(e), true)?;
                return drain_queue(rt, o, data);
            }
        }
    }
}

/// 27.6.3.10 AsyncGeneratorDrainQueue.
fn drain_queue(rt: &mut Runtime, o: Gc<JsObject>, data: &CoroutineObject) -> JsResult<()> {
    loop {
        let next = data.queue().front();
        let Some(request) = next else {
            return Ok(());
        };
        match request.mode {
            MODE_RETURN => {
                data.state.set(GeneratorState::AwaitingReturn);
                return await_return(rt, o, data);
            }
            MODE_THROW => complete_step(rt, data, Err(request.value), true)?,
            _ => complete_step(rt, data, Ok(Value::UNDEFINED), true)?,
        }
    }
}

/// 27.6.3.9 AsyncGeneratorAwaitReturn: the oldest request is a `return(v)`
/// of a generator that is not running: await `v`, then complete.
fn await_return(rt: &mut Runtime, o: Gc<JsObject>, data: &CoroutineObject) -> JsResult<()> {
    let Some(request) = data.queue().front() else {
        return Ok(());
    };
    let constructor = rt.intrinsic(Intrinsic::Promise);
    // Steps 5-6.
    let promise = match promise_resolve(rt, constructor, request.value) {
        Ok(p) => p,
        Err(Thrown(e)) => {
            data.state.set(GeneratorState::Completed);
            complete_step(rt, data, Err(e), true)?;
            return drain_queue(rt, o, data);
        }
    };
    // Steps 8-12.
    perform_promise_then(
        rt,
        promise,
        Handler::Native {
            func: |rt, data, v| return_settled(rt, data, Ok(v)),
            data: Value::object(o),
        },
        Handler::Native {
            func: |rt, data, e| return_settled(rt, data, Err(e)),
            data: Value::object(o),
        },
        None,
    );
    Ok(())
}

/// The closures of 27.6.3.9 steps 8 and 10.
fn return_settled(rt: &mut Runtime, data: Value, result: Result<Value, Value>) -> JsResult<Value> {
    let Some(o) = data.as_object() else {
        return Ok(Value::UNDEFINED);
    };
    let Some(d) = coroutine_data_any(o) else {
        return Ok(Value::UNDEFINED);
    };
    d.state.set(GeneratorState::Completed);
    complete_step(rt, d, result, true)?;
    drain_queue(rt, o, d)?;
    Ok(Value::UNDEFINED)
}
