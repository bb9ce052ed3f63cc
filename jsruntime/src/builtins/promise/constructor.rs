//! The Promise constructor (27.2.3) and its simple static methods (27.2.4:
//! `reject`, `resolve`, `try`, `withResolvers`; the combinators are in
//! `combinators.rs`).

use super::arg;
use super::operations::{create_resolving_functions, new_promise_capability, promise_resolve};
use super::state::new_promise_object;
use crate::gc::Gc;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::{JsResult, Thrown};

/// 27.2.3.1 Promise ( executor ), called without `new` (step 1).
pub(super) fn promise_call(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Promise constructor cannot be invoked without 'new'"))
}

/// 27.2.3.1 Promise ( executor ) (#sec-promise-executor).
pub(super) fn promise_construct(
    rt: &mut Runtime,
    args: &[Value],
    new_target: Gc<JsObject>,
) -> JsResult<Value> {
    let executor = arg(args, 0);
    // Step 2.
    if !executor.as_object().is_some_and(|f| f.is_callable()) {
        return Err(rt.type_error("Promise resolver is not a function"));
    }
    // Steps 3-7. `new Promise(...)` itself: %Promise%.prototype is a
    // non-writable, non-configurable data property (27.2.4.1) of an
    // ordinary function, so Get(newTarget, "prototype") is
    // %Promise.prototype% without a lookup.
    let proto = if Value::object(new_target) == rt.intrinsic(Intrinsic::Promise) {
        rt.intrinsic(Intrinsic::PromisePrototype)
    } else {
        rt.prototype_from_constructor(new_target, Intrinsic::PromisePrototype)?
    };
    let promise = Value::object(new_promise_object(rt, proto)?);
    // Step 8.
    let (resolve, reject) = create_resolving_functions(rt, promise, true)?;
    // Steps 9-10.
    if let Err(Thrown(e)) = rt.call(executor, Value::UNDEFINED, &[resolve, reject]) {
        rt.call(reject, Value::UNDEFINED, &[e])?;
    }
    // Step 11.
    Ok(promise)
}

/// 27.2.4.6 Promise.reject ( r ).
pub(super) fn reject(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1-2.
    let capability = new_promise_capability(rt, this)?;
    // Step 3.
    capability.reject(rt, arg(args, 0))?;
    // Step 4.
    Ok(capability.promise)
}

/// 27.2.4.7 Promise.resolve ( x ).
pub(super) fn resolve(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Step 2.
    if !this.is_object() {
        return Err(rt.type_error("Promise.resolve called on a non-object"));
    }
    // Step 3.
    promise_resolve(rt, this, arg(args, 0))
}

/// 27.2.4.8 Promise.try ( callback, ...args ).
pub(super) fn try_(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Step 2.
    if !this.is_object() {
        return Err(rt.type_error("Promise.try called on a non-object"));
    }
    // Step 3.
    let capability = new_promise_capability(rt, this)?;
    // Step 4.
    let rest = args.get(1..).unwrap_or(&[]);
    let status = rt.call(arg(args, 0), Value::UNDEFINED, rest);
    // Steps 5-6.
    match status {
        Err(Thrown(e)) => capability.reject(rt, e)?,
        Ok(v) => capability.resolve(rt, v)?,
    };
    // Step 7.
    Ok(capability.promise)
}

/// 27.2.4.9 Promise.withResolvers ( ).
pub(super) fn with_resolvers(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    // Step 2.
    let capability = new_promise_capability(rt, this)?.materialize(rt)?;
    // Steps 3-7.
    let obj = rt.new_object()?;
    for (name, v) in [
        ("promise", capability.promise),
        ("resolve", capability.resolve),
        ("reject", capability.reject),
    ] {
        let key: PropertyKey = rt.key(name)?;
        rt.create_data_property_or_throw(obj, key, v)?;
    }
    Ok(Value::object(obj))
}

/// 27.2.4.10 get Promise [ @@species ].
pub(super) fn get_species(_: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(this)
}
