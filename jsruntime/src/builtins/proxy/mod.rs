//! The Proxy constructor (28.2); the proxy objects themselves are in
//! `object/proxy/`.

use std::any::Any;

use super::arg;
use crate::gc::{Gc, Trace, Tracer};
use crate::object::FLAG_EXOTIC;
use crate::object::{ExoticMethods, ExoticObject, JsObject, PropertyKey, FLAG_CALLABLE};
use crate::runtime::builtins::{BuiltinObject, Make, Prop};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 28.2.2 Properties of the Proxy Constructor
/// (#sec-properties-of-the-proxy-constructor): no `prototype` property.
pub(crate) static PROXY: BuiltinObject = BuiltinObject {
    name: "Proxy",
    intrinsic: Some(Intrinsic::Proxy),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("Proxy", 2, proxy_call, proxy_construct),
    props: &[Prop::method("revocable", 2, revocable)],
};

/// 28.2.1.1 Proxy ( target, handler ) (#sec-proxy-target-handler), called:
/// step 1, NewTarget is undefined.
fn proxy_call(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor Proxy requires 'new'"))
}

/// 28.2.1.1 Proxy ( target, handler ), constructed: step 2, ProxyCreate.
fn proxy_construct(rt: &mut Runtime, args: &[Value], _: Gc<JsObject>) -> JsResult<Value> {
    Ok(Value::object(rt.proxy_create(arg(args, 0), arg(args, 1))?))
}

/// A revocation function (28.2.2.1.1): a built-in function object with the
/// [[RevocableProxy]] slot, made as an exotic object whose only override is
/// [[Call]].
struct Revoker {
    /// [[RevocableProxy]] (`None` once used).
    proxy: Option<Gc<JsObject>>,
}

// SAFETY: reports the proxy.
unsafe impl Trace for Revoker {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(p) = self.proxy {
            p.trace(tracer);
        }
    }
}

static REVOKER_METHODS: ExoticMethods = ExoticMethods {
    call: Some(revoke),
    ..ExoticMethods::ORDINARY
};

impl ExoticObject for Revoker {
    fn methods(&self) -> &'static ExoticMethods {
        &REVOKER_METHODS
    }
    fn builtin_tag(&self) -> &'static str {
        "Function"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// 28.2.2.1.1 Proxy Revocation Functions (#sec-proxy-revocation-functions).
fn revoke(rt: &mut Runtime, f: Gc<JsObject>, _: Value, _: &[Value]) -> JsResult<Value> {
    // 1-2. Let p be F.[[RevocableProxy]]; 4. set F.[[RevocableProxy]] to null.
    let p = rt
        .with_exotic_data_mut::<Revoker, _>(f, |r| r.proxy.take())
        .flatten();
    // 3. If p is null, return undefined.
    // 5-7. Set p.[[ProxyTarget]] and p.[[ProxyHandler]] to null.
    if let Some(p) = p {
        rt.proxy_revoke(p);
    }
    // 8. Return undefined.
    Ok(Value::UNDEFINED)
}

/// 28.2.2.1 Proxy.revocable ( target, handler ) (#sec-proxy.revocable).
fn revocable(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // 1. Let proxy be ? ProxyCreate(target, handler).
    let proxy = rt.proxy_create(arg(args, 0), arg(args, 1))?;
    // 2-4. CreateBuiltinFunction(revokerClosure, 0, "", « [[RevocableProxy]] »)
    // with [[RevocableProxy]] set to proxy.
    let proto = rt.intrinsic(Intrinsic::FunctionPrototype);
    let name = rt.empty_string();
    let revoker = rt.new_function_object(
        proto,
        crate::object::ObjectKind::Exotic(Box::new(Revoker { proxy: Some(proxy) })),
        FLAG_CALLABLE | FLAG_EXOTIC,
        0,
        name,
    )?;
    // 5. Let result be OrdinaryObjectCreate(%Object.prototype%).
    let result = rt.new_object()?;
    // 6. Perform ! CreateDataPropertyOrThrow(result, "proxy", proxy).
    let key = rt.key("proxy")?;
    rt.create_data_property_or_throw(result, key, Value::object(proxy))?;
    // 7. Perform ! CreateDataPropertyOrThrow(result, "revoke", revoker).
    let key: PropertyKey = rt.key("revoke")?;
    rt.create_data_property_or_throw(result, key, Value::object(revoker))?;
    // 8. Return result.
    Ok(Value::object(result))
}
