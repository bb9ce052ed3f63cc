//! Proxy exotic objects (ECMA-262 10.5, #sec-proxy-object-internal-methods-and-internal-slots).
//!
//! A proxy is an object of kind [`ObjectKind::Exotic`] holding a
//! [`ProxyObject`] ([[ProxyTarget]], [[ProxyHandler]]; both `None` once
//! revoked). Its [`ExoticMethods`] table overrides all eleven essential
//! internal methods, and [[Call]]/[[Construct]], which the runtime uses only
//! when the proxy has `FLAG_CALLABLE`/`FLAG_CONSTRUCTOR` (copied from the
//! target by ProxyCreate, 10.5.14 step 5). `ordinary_named` is false, so no
//! inline cache ever serves a proxy; its own storage stays empty.
//!
//! Each method follows its spec steps (cited by number) and starts with
//! [`Runtime::check_stack`]: a chain of nested proxies recurses in Rust
//! (a proxy without a trap forwards to its target's internal method), and
//! the guard turns a deep chain into a RangeError instead of a stack
//! overflow. The property traps are in [`properties`].

mod properties;

use std::any::Any;

use super::exotic::{ExoticMethods, ExoticObject, FLAG_EXOTIC};
use super::{JsObject, FLAG_CALLABLE, FLAG_CONSTRUCTOR, FLAG_EXTENSIBLE};
use crate::conversions::to_boolean;
use crate::equality::same_value;
use crate::gc::{Gc, Trace, Tracer};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// The internal slots of a Proxy exotic object (10.5, Table 31).
pub struct ProxyObject {
    /// [[ProxyTarget]] (`None`: revoked).
    target: Option<Gc<JsObject>>,
    /// [[ProxyHandler]] (`None`: revoked).
    handler: Option<Gc<JsObject>>,
}

// SAFETY: reports the target and the handler.
unsafe impl Trace for ProxyObject {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(t) = self.target {
            t.trace(tracer);
        }
        if let Some(h) = self.handler {
            h.trace(tracer);
        }
    }
}

static PROXY_METHODS: ExoticMethods = ExoticMethods {
    get_own_property: Some(properties::get_own_property),
    define_own_property: Some(properties::define_own_property),
    has_property: Some(properties::has_property),
    get: Some(properties::get),
    set: Some(properties::set),
    delete: Some(properties::delete),
    own_property_keys: Some(properties::own_property_keys),
    get_prototype_of: Some(get_prototype_of),
    set_prototype_of: Some(set_prototype_of),
    is_extensible: Some(is_extensible),
    prevent_extensions: Some(prevent_extensions),
    call: Some(call),
    construct: Some(construct),
    ordinary_named: false,
};

impl ExoticObject for ProxyObject {
    fn methods(&self) -> &'static ExoticMethods {
        &PROXY_METHODS
    }
    fn builtin_tag(&self) -> &'static str {
        "Object"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl ProxyObject {
    /// [[ProxyTarget]] and [[ProxyHandler]]; `None` once revoked.
    pub fn parts(&self) -> Option<(Gc<JsObject>, Gc<JsObject>)> {
        Some((self.target?, self.handler?))
    }
}

/// Whether `o` is a Proxy exotic object (revoked or not).
pub fn is_proxy(o: Gc<JsObject>) -> bool {
    o.exotic_data::<ProxyObject>().is_some()
}

/// The [[ProxyTarget]] of a proxy: `None` for other objects, `Some(None)`
/// for a revoked proxy.
pub fn proxy_target(o: Gc<JsObject>) -> Option<Option<Gc<JsObject>>> {
    o.exotic_data::<ProxyObject>().map(|p| p.target)
}

impl Runtime {
    /// 10.5.14 ProxyCreate ( target, handler ) (#sec-proxycreate).
    pub fn proxy_create(&mut self, target: Value, handler: Value) -> JsResult<Gc<JsObject>> {
        // 1. If target is not an Object, throw a TypeError exception.
        let Some(target) = target.as_object() else {
            return Err(self.type_error("Cannot create proxy with a non-object as target"));
        };
        // 2. If handler is not an Object, throw a TypeError exception.
        let Some(handler) = handler.as_object() else {
            return Err(self.type_error("Cannot create proxy with a non-object as handler"));
        };
        // 3-7. MakeBasicObject with the proxy's internal methods and slots.
        let data = Box::new(ProxyObject {
            target: Some(target),
            handler: Some(handler),
        });
        let p = self.new_exotic_object(Value::NULL, data)?;
        // 5. [[Call]] if IsCallable(target), [[Construct]] if
        // IsConstructor(target). The stored [[Extensible]] bit is cleared:
        // nothing may add to a proxy's own (unused) storage.
        let mut set = FLAG_EXOTIC;
        if target.is_callable() {
            set |= FLAG_CALLABLE;
        }
        if target.is_constructor() {
            set |= FLAG_CONSTRUCTOR;
        }
        self.set_object_flags(p, set, FLAG_EXTENSIBLE);
        Ok(p)
    }

    /// The revocation steps of 28.2.2.1.1 (steps f-g): the proxy's target and
    /// handler become null.
    pub fn proxy_revoke(&mut self, p: Gc<JsObject>) {
        self.with_exotic_data_mut::<ProxyObject, _>(p, |data| {
            data.target = None;
            data.handler = None;
        });
    }

    /// 7.2.2 IsArray ( argument ) (#sec-isarray), iterative through proxies:
    /// a revoked proxy is a TypeError (step 3.a, ValidateNonRevokedProxy).
    pub fn is_array(&mut self, v: Value) -> JsResult<bool> {
        let Some(mut o) = v.as_object() else {
            return Ok(false);
        };
        loop {
            // 2. If argument is an Array exotic object, return true.
            if o.is_array() {
                return Ok(true);
            }
            // 3. If argument is a Proxy exotic object, then
            match o.exotic_data::<ProxyObject>() {
                Some(ProxyObject {
                    target: Some(t), ..
                }) => o = *t,
                Some(_) => return Err(self.revoked_error("IsArray")),
                // 4. Return false.
                None => return Ok(false),
            }
        }
    }

    /// The TypeError of an operation on a revoked proxy.
    fn revoked_error(&mut self, what: &str) -> crate::Thrown {
        self.type_error(&format!(
            "Cannot perform '{what}' on a proxy that has been revoked"
        ))
    }

    /// Steps 1-4 of every proxy internal method: 10.5.15
    /// ValidateNonRevokedProxy, then the target and the handler; with the
    /// native recursion guard.
    fn proxy_parts(
        &mut self,
        o: Gc<JsObject>,
        what: &str,
    ) -> JsResult<(Gc<JsObject>, Gc<JsObject>)> {
        self.check_stack()?;
        match o.exotic_data::<ProxyObject>() {
            Some(ProxyObject {
                target: Some(t),
                handler: Some(h),
            }) => Ok((*t, *h)),
            _ => Err(self.revoked_error(what)),
        }
    }

    /// Step 5 of every proxy internal method: GetMethod(handler, name).
    fn proxy_trap(&mut self, handler: Gc<JsObject>, name: &str) -> JsResult<Option<Value>> {
        let key = self.key(name)?;
        self.get_method(Value::object(handler), key)
    }

    /// The TypeError of a trap result that breaks an invariant.
    fn proxy_invariant(&mut self, trap: &str, message: &str) -> crate::Thrown {
        self.type_error(&format!("'{trap}' on proxy: {message}"))
    }
}

/// 10.5.1 [[GetPrototypeOf]] ( )
/// (#sec-proxy-object-internal-methods-and-internal-slots-getprototypeof).
fn get_prototype_of(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<Value> {
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, "getPrototypeOf")?;
    // 5. Let trap be ? GetMethod(handler, "getPrototypeOf").
    let Some(trap) = rt.proxy_trap(handler, "getPrototypeOf")? else {
        // 6. Return ? target.[[GetPrototypeOf]]().
        return rt.get_prototype_of(target);
    };
    // 7. Let handlerProto be ? Call(trap, handler, « target »).
    let handler_proto = rt.call(trap, Value::object(handler), &[Value::object(target)])?;
    // 8. If handlerProto is not an Object and handlerProto is not null, throw.
    if !handler_proto.is_object() && !handler_proto.is_null() {
        return Err(rt.proxy_invariant("getPrototypeOf", "trap returned neither object nor null"));
    }
    // 9-10. If ? IsExtensible(target) is true, return handlerProto.
    if rt.is_extensible(target)? {
        return Ok(handler_proto);
    }
    // 11. Let targetProto be ? target.[[GetPrototypeOf]]().
    let target_proto = rt.get_prototype_of(target)?;
    // 12. If SameValue(handlerProto, targetProto) is false, throw.
    if !same_value(handler_proto, target_proto) {
        return Err(rt.proxy_invariant(
            "getPrototypeOf",
            "proxy target is non-extensible but the trap did not return its actual prototype",
        ));
    }
    // 13. Return handlerProto.
    Ok(handler_proto)
}

/// 10.5.2 [[SetPrototypeOf]] ( V )
/// (#sec-proxy-object-internal-methods-and-internal-slots-setprototypeof-v).
fn set_prototype_of(rt: &mut Runtime, o: Gc<JsObject>, v: Value) -> JsResult<bool> {
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, "setPrototypeOf")?;
    // 5. Let trap be ? GetMethod(handler, "setPrototypeOf").
    let Some(trap) = rt.proxy_trap(handler, "setPrototypeOf")? else {
        // 6. Return ? target.[[SetPrototypeOf]](V).
        return rt.set_prototype_of(target, v);
    };
    // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler, « target, V »)).
    let r = rt.call(trap, Value::object(handler), &[Value::object(target), v])?;
    // 8. If booleanTrapResult is false, return false.
    if !to_boolean(r) {
        return Ok(false);
    }
    // 9-10. If ? IsExtensible(target) is true, return true.
    if rt.is_extensible(target)? {
        return Ok(true);
    }
    // 11. Let targetProto be ? target.[[GetPrototypeOf]]().
    let target_proto = rt.get_prototype_of(target)?;
    // 12. If SameValue(V, targetProto) is false, throw a TypeError exception.
    if !same_value(v, target_proto) {
        return Err(rt.proxy_invariant(
            "setPrototypeOf",
            "trap returned truish for setting a new prototype on the non-extensible proxy target",
        ));
    }
    // 13. Return true.
    Ok(true)
}

/// 10.5.3 [[IsExtensible]] ( )
/// (#sec-proxy-object-internal-methods-and-internal-slots-isextensible).
fn is_extensible(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<bool> {
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, "isExtensible")?;
    // 5. Let trap be ? GetMethod(handler, "isExtensible").
    let Some(trap) = rt.proxy_trap(handler, "isExtensible")? else {
        // 6. Return ? IsExtensible(target).
        return rt.is_extensible(target);
    };
    // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler, « target »)).
    let r = to_boolean(rt.call(trap, Value::object(handler), &[Value::object(target)])?);
    // 8. Let targetResult be ? IsExtensible(target).
    let target_result = rt.is_extensible(target)?;
    // 9. If booleanTrapResult is not targetResult, throw a TypeError exception.
    if r != target_result {
        return Err(rt.proxy_invariant(
            "isExtensible",
            "trap result does not reflect extensibility of proxy target",
        ));
    }
    // 10. Return booleanTrapResult.
    Ok(r)
}

/// 10.5.4 [[PreventExtensions]] ( )
/// (#sec-proxy-object-internal-methods-and-internal-slots-preventextensions).
fn prevent_extensions(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<bool> {
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, "preventExtensions")?;
    // 5. Let trap be ? GetMethod(handler, "preventExtensions").
    let Some(trap) = rt.proxy_trap(handler, "preventExtensions")? else {
        // 6. Return ? target.[[PreventExtensions]]().
        return rt.prevent_extensions(target);
    };
    // 7. Let booleanTrapResult be ToBoolean(? Call(trap, handler, « target »)).
    let r = to_boolean(rt.call(trap, Value::object(handler), &[Value::object(target)])?);
    // 8. If booleanTrapResult is true, then
    // a-b. If ? IsExtensible(target) is true, throw a TypeError exception.
    if r && rt.is_extensible(target)? {
        return Err(rt.proxy_invariant(
            "preventExtensions",
            "trap returned truish but the proxy target is extensible",
        ));
    }
    // 9. Return booleanTrapResult.
    Ok(r)
}

/// 10.5.12 [[Call]] ( thisArgument, argumentsList )
/// (#sec-proxy-object-internal-methods-and-internal-slots-call-thisargument-argumentslist).
fn call(rt: &mut Runtime, o: Gc<JsObject>, this: Value, args: &[Value]) -> JsResult<Value> {
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, "apply")?;
    // 5. Let trap be ? GetMethod(handler, "apply").
    let Some(trap) = rt.proxy_trap(handler, "apply")? else {
        // 6. Return ? Call(target, thisArgument, argumentsList).
        return rt.call(Value::object(target), this, args);
    };
    // 7. Let argArray be CreateArrayFromList(argumentsList).
    let arg_array = rt.create_array_from_list(args)?;
    // 8. Return ? Call(trap, handler, « target, thisArgument, argArray »).
    rt.call(
        trap,
        Value::object(handler),
        &[Value::object(target), this, Value::object(arg_array)],
    )
}

/// 10.5.13 [[Construct]] ( argumentsList, newTarget )
/// (#sec-proxy-object-internal-methods-and-internal-slots-construct-argumentslist-newtarget).
fn construct(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    args: &[Value],
    new_target: Gc<JsObject>,
) -> JsResult<Value> {
    // 1-4.
    let (target, handler) = rt.proxy_parts(o, "construct")?;
    // 5. Assert: IsConstructor(target) is true (FLAG_CONSTRUCTOR came from it).
    // 6. Let trap be ? GetMethod(handler, "construct").
    let Some(trap) = rt.proxy_trap(handler, "construct")? else {
        // 7. Return ? Construct(target, argumentsList, newTarget).
        return rt.construct(Value::object(target), args, Some(Value::object(new_target)));
    };
    // 8. Let argArray be CreateArrayFromList(argumentsList).
    let arg_array = rt.create_array_from_list(args)?;
    // 9. Let newObj be ? Call(trap, handler, « target, argArray, newTarget »).
    let new_obj = rt.call(
        trap,
        Value::object(handler),
        &[
            Value::object(target),
            Value::object(arg_array),
            Value::object(new_target),
        ],
    )?;
    // 10. If newObj is not an Object, throw a TypeError exception.
    if !new_obj.is_object() {
        return Err(rt.proxy_invariant("construct", "trap returned non-object"));
    }
    // 11. Return newObj.
    Ok(new_obj)
}

#[cfg(test)]
mod tests;
