//! The Function constructor (20.2.1, 20.2.2; its dynamic functions are in
//! [`dynamic`]) and %Function.prototype% (20.2.3): `call`, `apply`, `bind`
//! (bound function exotic objects, 10.4.1), `toString`, `@@hasInstance`.

mod dynamic;

use super::arg;
use crate::object::{
    Attributes, BoundFunction, ObjectKind, PropertyKey, StoredProperty, FLAG_CALLABLE,
    FLAG_CONSTRUCTOR,
};
use crate::runtime::builtins::{BuiltinObject, Make, Prop, ATTR_NONE};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

pub use dynamic::{create_dynamic_function, DynamicFunctionKind};

/// 20.2.2 Properties of the Function Constructor
/// (#sec-properties-of-the-function-constructor).
pub(crate) static FUNCTION: BuiltinObject = BuiltinObject {
    name: "Function",
    intrinsic: Some(Intrinsic::Function),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "Function",
        1,
        dynamic::function_constructor,
        dynamic::function_construct,
    ),
    props: &[Prop::prototype(Intrinsic::FunctionPrototype)],
};

/// 20.2.3 Properties of the Function Prototype Object
/// (#sec-properties-of-the-function-prototype-object): itself a built-in
/// function that returns undefined, with `length` 0 and `name` "".
pub(crate) static FUNCTION_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Function.prototype",
    intrinsic: Some(Intrinsic::FunctionPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Function {
        name: "",
        length: 0,
        call: |_, _, _| Ok(Value::UNDEFINED),
        construct: None,
    },
    props: &[
        Prop::method("apply", 2, apply),
        Prop::method("bind", 1, bind),
        Prop::method("call", 1, call),
        Prop::constructor(Intrinsic::Function),
        Prop::method("toString", 0, to_string),
        // 20.2.3.6: not writable, enumerable or configurable.
        Prop::method("@@hasInstance", 1, has_instance)
            .attrs(ATTR_NONE)
            .records(Intrinsic::FunctionPrototypeHasInstance),
        // 10.2.4 AddRestrictedFunctionProperties (CreateIntrinsics): `caller`
        // and `arguments` are accessors that throw, so reading them on any
        // ordinary function, arrow or bound function throws a TypeError.
        Prop::restricted("caller"),
        Prop::restricted("arguments"),
    ],
};

fn require_callable(rt: &mut Runtime, this: Value, what: &str) -> JsResult<()> {
    if this.as_object().is_some_and(|o| o.is_callable()) {
        Ok(())
    } else {
        Err(rt.type_error(&format!("{what} called on a value that is not a function")))
    }
}

/// 20.2.3.1 Function.prototype.apply ( thisArg, argArray ).
fn apply(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    require_callable(rt, this, "Function.prototype.apply")?;
    let array = arg(args, 1);
    if array.is_nullish() {
        return rt.call(this, arg(args, 0), &[]);
    }
    // The values stay reachable as elements of `array` during the call.
    let list = rt.create_list_from_array_like(array)?;
    rt.call(this, arg(args, 0), &list)
}

/// 20.2.3.3 Function.prototype.call ( thisArg, ...args ).
fn call(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    require_callable(rt, this, "Function.prototype.call")?;
    let rest = args.get(1..).unwrap_or(&[]);
    rt.call(this, arg(args, 0), rest)
}

/// 20.2.3.2 Function.prototype.bind ( thisArg, ...args ) with 10.4.1.3
/// BoundFunctionCreate.
fn bind(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    require_callable(rt, this, "Function.prototype.bind")?;
    let Some(target) = this.as_object() else {
        return Err(rt.type_error("Bind must be called on a function"));
    };
    // GC: copied from args (rooted by the caller) and moved into the BoundFunction cell; Runtime::alloc traces the body being allocated
    let bound_args: Vec<Value> = args.get(1..).unwrap_or(&[]).to_vec();
    let arg_count = bound_args.len() as f64;
    let proto = rt.get_prototype_of(target)?;
    let mut flags = FLAG_CALLABLE;
    if target.is_constructor() {
        flags |= FLAG_CONSTRUCTOR;
    }
    let empty = rt.empty_string();
    let bound = rt.new_function_object(
        proto,
        ObjectKind::BoundFunction(Box::new(BoundFunction {
            target,
            this: arg(args, 0),
            args: bound_args,
        })),
        flags,
        0,
        empty,
    )?;
    // Steps 4-6: length = max(0, targetLen - argCount).
    let length_key = PropertyKey::String(rt.names.length);
    let mut length = 0.0;
    if rt.has_own_property(target, length_key)? {
        let target_len = rt.get(target, length_key, this)?;
        if let Some(n) = target_len.as_number() {
            if n == f64::INFINITY {
                length = f64::INFINITY;
            } else if n != f64::NEG_INFINITY {
                let n = crate::conversions::integer_or_infinity(n);
                length = (n - arg_count).max(0.0);
            }
        }
    }
    rt.store_property(
        bound,
        length_key,
        StoredProperty::Data(Value::number(length), Attributes::CONFIGURABLE_ONLY),
    )?;
    // Steps 7-8: SetFunctionName(F, targetName, "bound").
    let name_key = PropertyKey::String(rt.names.name);
    let target_name = rt.get(target, name_key, this)?;
    let target_name = target_name.as_string().unwrap_or(empty);
    let prefix = rt.atom("bound ")?;
    let name = rt.concat_strings(prefix, target_name)?;
    rt.store_property(
        bound,
        name_key,
        StoredProperty::Data(Value::string(name), Attributes::CONFIGURABLE_ONLY),
    )?;
    Ok(Value::object(bound))
}

/// 20.2.3.5 Function.prototype.toString ( ): the source text when the
/// backend provides it (`HostHooks::source_text`), otherwise the
/// NativeFunction syntax `function name() { [native code] }`.
fn to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(o) = this.as_object().filter(|o| o.is_callable()) else {
        return Err(rt.type_error("Function.prototype.toString requires that 'this' be a Function"));
    };
    if matches!(o.kind(), ObjectKind::Function(_)) {
        if let Some(hook) = rt.hooks.source_text {
            if let Some(text) = hook(rt, o)? {
                return Ok(Value::string(text));
            }
        }
    }
    // The initial name: the own `name` data property if it is a string.
    let name_key = PropertyKey::String(rt.names.name);
    let name = match o.stored_property(name_key) {
        Some(StoredProperty::Data(v, _)) => v.as_string().map(|s| s.to_rust_string()),
        _ => None,
    }
    .unwrap_or_default();
    // A name that is not an IdentifierName (e.g. "[Symbol.iterator]" or
    // "bound f") is still a valid PropertyName-ish text in NativeFunction;
    // keep it as is.
    let text = format!("function {name}() {{ [native code] }}");
    Ok(Value::string(rt.new_string(&text)?))
}

/// 20.2.3.6 Function.prototype [ @@hasInstance ] ( V ).
fn has_instance(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(
        rt.ordinary_has_instance(this, arg(args, 0))?,
    ))
}
