//! Generators (27.3-27.5): %GeneratorFunction%, %GeneratorFunction.prototype%
//! (the %Generator% object of the spec's figure 6) and %GeneratorPrototype%
//! with `next`, `return` and `throw` (27.5.3.3 GeneratorResume and 27.5.3.4
//! GeneratorResumeAbrupt over the compiled coroutine, see
//! [`crate::backend::coroutine`]); [`delegate`] is one round of `yield*`.

mod delegate;

pub(crate) use delegate::{async_yield_star_call, async_yield_star_result, yield_star_step};

use super::arg;
use super::function::{create_dynamic_function, DynamicFunctionKind};
use super::iterator::iter_result;
use crate::backend::coroutine::{
    coroutine_data, resume, CoroutineKind, CoroutineObject, GeneratorState, Outcome, MODE_NEXT,
    MODE_RETURN, MODE_THROW, SUSPEND_YIELD, SUSPEND_YIELD_RAW,
};
use crate::gc::Gc;
use crate::object::JsObject;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::{JsResult, Thrown};

/// 27.3.2 Properties of the GeneratorFunction Constructor
/// (#sec-properties-of-the-generatorfunction-constructor).
pub(crate) static GENERATOR_FUNCTION: BuiltinObject = BuiltinObject {
    name: "GeneratorFunction",
    intrinsic: Some(Intrinsic::GeneratorFunction),
    proto: Some(Intrinsic::Function),
    make: Make::constructor(
        "GeneratorFunction",
        1,
        generator_function,
        |rt, args, nt| create_dynamic_function(rt, DynamicFunctionKind::Generator, args, Some(nt)),
    ),
    props: &[Prop::prototype(Intrinsic::GeneratorFunctionPrototype)],
};

/// 27.3.3 Properties of the GeneratorFunction Prototype Object
/// (#sec-properties-of-the-generatorfunction-prototype-object).
pub(crate) static GENERATOR_FUNCTION_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "GeneratorFunction.prototype",
    intrinsic: Some(Intrinsic::GeneratorFunctionPrototype),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::value(
            "constructor",
            Constant::Intrinsic(Intrinsic::GeneratorFunction),
            ATTR_C,
        ),
        Prop::value(
            "prototype",
            Constant::Intrinsic(Intrinsic::GeneratorPrototype),
            ATTR_C,
        ),
        Prop::value("@@toStringTag", Constant::Str("GeneratorFunction"), ATTR_C),
    ],
};

/// 27.5.1 Properties of the Generator Prototype Object
/// (#sec-properties-of-generator-prototype).
pub(crate) static GENERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%GeneratorPrototype%",
    intrinsic: Some(Intrinsic::GeneratorPrototype),
    proto: Some(Intrinsic::IteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::value(
            "constructor",
            Constant::Intrinsic(Intrinsic::GeneratorFunctionPrototype),
            ATTR_C,
        ),
        // The iteration fast path recognises the original `next`.
        Prop::method("next", 1, next).records(Intrinsic::GeneratorNext),
        Prop::method("return", 1, return_),
        Prop::method("throw", 1, throw),
        Prop::value("@@toStringTag", Constant::Str("Generator"), ATTR_C),
    ],
};

/// 27.3.1.1 GeneratorFunction ( ...parameterArgs, bodyArg ).
fn generator_function(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    create_dynamic_function(rt, DynamicFunctionKind::Generator, args, None)
}

/// 27.5.3.2 GeneratorValidate: the generator object and its slots; a
/// running generator cannot be re-entered.
fn validate(rt: &mut Runtime, this: Value) -> JsResult<(Gc<JsObject>, &'static CoroutineObject)> {
    let Some(o) = this.as_object() else {
        return Err(rt.type_error("not a generator object"));
    };
    let Some(data) = coroutine_data(o, CoroutineKind::Generator) else {
        return Err(rt.type_error("not a generator object"));
    };
    if data.state.get() == GeneratorState::Executing {
        return Err(rt.type_error("Generator is already running"));
    }
    Ok((o, data))
}

/// 27.5.1.2 %GeneratorPrototype%.next ( value ), with 27.5.3.3
/// GeneratorResume.
fn next(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (o, data) = validate(rt, this)?;
    if data.state.get() == GeneratorState::Completed {
        return iter_result(rt, Value::UNDEFINED, true);
    }
    run(rt, o, data, arg(args, 0), MODE_NEXT)
}

/// `for-of`, spread and destructuring over a generator whose `next` is the
/// original one: the step of 7.4.8 IteratorStepValue without the result
/// object (it never escapes, so creating it is not observable). `None` when
/// the iterator is done.
pub(crate) fn step_value(rt: &mut Runtime, o: Gc<JsObject>) -> Option<JsResult<Option<Value>>> {
    let data = coroutine_data(o, CoroutineKind::Generator)?;
    Some(match data.state.get() {
        GeneratorState::Executing => Err(rt.type_error("Generator is already running")),
        GeneratorState::Completed => Ok(None),
        _ => {
            data.state.set(GeneratorState::Executing);
            match resume(rt, o, Value::UNDEFINED, MODE_NEXT) {
                Outcome::Suspended(SUSPEND_YIELD, v) => {
                    data.state.set(GeneratorState::SuspendedYield);
                    Ok(Some(v))
                }
                Outcome::Suspended(SUSPEND_YIELD_RAW, v) => {
                    // An inner result of `yield*`: read as the caller would.
                    data.state.set(GeneratorState::SuspendedYield);
                    raw_step(rt, v)
                }
                Outcome::Suspended(..) => {
                    data.state.set(GeneratorState::Completed);
                    Err(rt.type_error("internal error: a generator suspended without yielding"))
                }
                Outcome::Returned(_) => {
                    data.state.set(GeneratorState::Completed);
                    Ok(None)
                }
                Outcome::Threw(e) => {
                    data.state.set(GeneratorState::Completed);
                    Err(Thrown(e))
                }
            }
        }
    })
}

/// 7.4.5 IteratorComplete and 7.4.6 IteratorValue of a result object.
fn raw_step(rt: &mut Runtime, result: Value) -> JsResult<Option<Value>> {
    let Some(o) = result.as_object() else {
        return Err(rt.type_error("iterator result is not an object"));
    };
    let done_key = crate::object::PropertyKey::String(rt.names.done);
    if crate::conversions::to_boolean(rt.get(o, done_key, result)?) {
        return Ok(None);
    }
    let value_key = crate::object::PropertyKey::String(rt.names.value);
    rt.get(o, value_key, result).map(Some)
}

/// 27.5.1.3 %GeneratorPrototype%.return ( value ), with 27.5.3.4
/// GeneratorResumeAbrupt for a return completion.
fn return_(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (o, data) = validate(rt, this)?;
    let value = arg(args, 0);
    match data.state.get() {
        GeneratorState::SuspendedStart | GeneratorState::Completed => {
            data.state.set(GeneratorState::Completed);
            iter_result(rt, value, true)
        }
        _ => run(rt, o, data, value, MODE_RETURN),
    }
}

/// 27.5.1.4 %GeneratorPrototype%.throw ( exception ), with 27.5.3.4
/// GeneratorResumeAbrupt for a throw completion.
fn throw(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (o, data) = validate(rt, this)?;
    let value = arg(args, 0);
    match data.state.get() {
        GeneratorState::SuspendedStart | GeneratorState::Completed => {
            data.state.set(GeneratorState::Completed);
            Err(Thrown(value))
        }
        _ => run(rt, o, data, value, MODE_THROW),
    }
}

/// Runs the generator's body with the resumption (27.5.3.3 steps 5-10, and
/// 27.5.3.8 GeneratorYield where it stops again).
fn run(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    data: &CoroutineObject,
    value: Value,
    mode: u32,
) -> JsResult<Value> {
    data.state.set(GeneratorState::Executing);
    let outcome = resume(rt, o, value, mode);
    match outcome {
        Outcome::Suspended(SUSPEND_YIELD, v) => {
            data.state.set(GeneratorState::SuspendedYield);
            iter_result(rt, v, false)
        }
        Outcome::Suspended(SUSPEND_YIELD_RAW, v) => {
            data.state.set(GeneratorState::SuspendedYield);
            Ok(v)
        }
        Outcome::Suspended(..) => {
            data.state.set(GeneratorState::Completed);
            Err(rt.type_error("internal error: a generator suspended without yielding"))
        }
        Outcome::Returned(v) => {
            data.state.set(GeneratorState::Completed);
            iter_result(rt, v, true)
        }
        Outcome::Threw(e) => {
            data.state.set(GeneratorState::Completed);
            Err(Thrown(e))
        }
    }
}
