//! Generators (27.3-27.5): %GeneratorFunction%, %GeneratorFunction.prototype%
//! (the %Generator% object of the spec's figure 6) and %GeneratorPrototype%
//! with `next`, `return` and `throw` (27.5.3.3 GeneratorResume and 27.5.3.4
//! GeneratorResumeAbrupt over the compiled coroutine, see
//! [`crate::backend::coroutine`]); [`delegate`] is one round of `yield*`.

mod delegate;

pub(crate) use delegate::yield_star_step;

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
        |rt, args, _| generator_function(rt, Value::UNDEFINED, args),
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
        Prop::method("next", 1, next),
        Prop::method("return", 1, return_),
        Prop::method("throw", 1, throw),
        Prop::value("@@toStringTag", Constant::Str("Generator"), ATTR_C),
    ],
};

/// 27.3.1.1 GeneratorFunction ( ...parameterArgs, bodyArg ).
fn generator_function(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    create_dynamic_function(rt, DynamicFunctionKind::Generator, args)
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
