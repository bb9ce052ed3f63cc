//! The methods of %Promise.prototype% (27.2.5): `catch`, `finally` (with
//! its closures) and `then`.

use super::arg;
use super::operations::{
    new_promise_capability, perform_promise_then, promise_resolve, species_constructor,
};
use super::state::{is_promise, Handler};
use crate::gc::Gc;
use crate::object::native_closure::closure_slot;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::{JsResult, Thrown};

/// 27.2.5.1 Promise.prototype.catch ( onRejected ).
pub(super) fn catch(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Step 2: Invoke(promise, "then", « undefined, onRejected »).
    let key = PropertyKey::String(rt.names.then);
    rt.invoke(this, key, &[Value::UNDEFINED, arg(args, 0)])
}

// Slots of the thenFinally and catchFinally closures (27.2.5.3 steps
// 6.a-d): onFinally and C.
const SLOT_ON_FINALLY: usize = 0;
const SLOT_CONSTRUCTOR: usize = 1;

/// 27.2.5.3 Promise.prototype.finally ( onFinally ).
pub(super) fn finally(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Step 2.
    let Some(promise) = this.as_object() else {
        return Err(rt.type_error("Promise.prototype.finally called on a non-object"));
    };
    // Steps 3-4.
    let c = species_constructor(rt, promise, Intrinsic::Promise)?;
    let on_finally = arg(args, 0);
    // Steps 5-6.
    let (then_finally, catch_finally) = if on_finally.as_object().is_some_and(|f| f.is_callable()) {
        let name = rt.empty_string();
        let slots = [on_finally, c];
        let then_finally = rt.new_native_closure(name, 1, then_finally, &slots)?;
        let catch_finally = rt.new_native_closure(name, 1, catch_finally, &slots)?;
        (Value::object(then_finally), Value::object(catch_finally))
    } else {
        (on_finally, on_finally)
    };
    // Step 7.
    let key = PropertyKey::String(rt.names.then);
    rt.invoke(this, key, &[then_finally, catch_finally])
}

/// 27.2.5.3 step 6.a: thenFinallyClosure ( value ).
fn then_finally(rt: &mut Runtime, f: Gc<JsObject>, _: Value, args: &[Value]) -> JsResult<Value> {
    let value = arg(args, 0);
    let p = call_on_finally(rt, f)?;
    // Steps 6.a.iii-iv: returnValue, a closure returning `value`.
    let name = rt.empty_string();
    let value_thunk = rt.new_native_closure(name, 0, return_value, &[value])?;
    // Step 6.a.v.
    let key = PropertyKey::String(rt.names.then);
    rt.invoke(p, key, &[Value::object(value_thunk)])
}

/// 27.2.5.3 step 6.c: catchFinallyClosure ( reason ).
fn catch_finally(rt: &mut Runtime, f: Gc<JsObject>, _: Value, args: &[Value]) -> JsResult<Value> {
    let reason = arg(args, 0);
    let p = call_on_finally(rt, f)?;
    // Steps 6.c.iii-iv: throwReason, a closure throwing `reason`.
    let name = rt.empty_string();
    let thrower = rt.new_native_closure(name, 0, throw_reason, &[reason])?;
    // Step 6.c.v.
    let key = PropertyKey::String(rt.names.then);
    rt.invoke(p, key, &[Value::object(thrower)])
}

/// Steps 6.a.i-ii / 6.c.i-ii: Call(onFinally, undefined), then
/// PromiseResolve(C, result).
fn call_on_finally(rt: &mut Runtime, f: Gc<JsObject>) -> JsResult<Value> {
    let on_finally = closure_slot(f, SLOT_ON_FINALLY);
    let c = closure_slot(f, SLOT_CONSTRUCTOR);
    let result = rt.call(on_finally, Value::UNDEFINED, &[])?;
    promise_resolve(rt, c, result)
}

/// The returnValue closure of 27.2.5.3 step 6.a.iii.
fn return_value(_: &mut Runtime, f: Gc<JsObject>, _: Value, _: &[Value]) -> JsResult<Value> {
    Ok(closure_slot(f, 0))
}

/// The throwReason closure of 27.2.5.3 step 6.c.iii.
fn throw_reason(_: &mut Runtime, f: Gc<JsObject>, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(Thrown(closure_slot(f, 0)))
}

/// 27.2.5.4 Promise.prototype.then ( onFulfilled, onRejected ).
pub(super) fn then(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1-2.
    let Some(promise) = this.as_object().filter(|_| is_promise(this)) else {
        return Err(
            rt.type_error("Promise.prototype.then called on an object that is not a Promise")
        );
    };
    // Steps 3-4.
    let c = species_constructor(rt, promise, Intrinsic::Promise)?;
    let capability = new_promise_capability(rt, c)?;
    // Step 5.
    Ok(perform_promise_then(
        rt,
        this,
        Handler::Callable(arg(args, 0)),
        Handler::Callable(arg(args, 1)),
        Some(capability),
    ))
}
