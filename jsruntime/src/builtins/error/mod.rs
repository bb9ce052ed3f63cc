//! Error objects (20.5): the `Error` constructor and %Error.prototype%
//! (with `toString`), the NativeError constructors (`TypeError`,
//! `RangeError`, ...; 20.5.5, 20.5.6) and `AggregateError` (20.5.7), each
//! with its prototype.

use super::arg;
use crate::completion::ErrorKind;
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, ObjectKind, PropertyDescriptor, PropertyKey};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_WC};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// The constructor and prototype tables of one error kind: 20.5.2 / 20.5.3
/// for `Error`, 20.5.6.2 / 20.5.6.3 for the NativeErrors (whose
/// constructors' [[Prototype]] is %Error% and whose prototypes inherit from
/// %Error.prototype%), 20.5.7.2 / 20.5.7.3 for `AggregateError`.
macro_rules! error_objects {
    ($(
        $kind:ident, $name:literal, $length:literal, proto $ctor_proto:ident / $proto_proto:ident:
        $ctor:ident, $proto:ident, $call:ident, $construct:ident,
        [$($ctor_extra:expr),*] [$($extra:expr),*];
    )*) => {
        $(
            fn $call(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
                // Step 1: NewTarget undefined → the active function object.
                let ctor = rt.intrinsic_object(Intrinsic::$kind);
                construct_error(rt, ErrorKind::$kind, args, ctor)
            }

            fn $construct(
                rt: &mut Runtime,
                args: &[Value],
                new_target: Gc<JsObject>,
            ) -> JsResult<Value> {
                construct_error(rt, ErrorKind::$kind, args, new_target)
            }

            #[doc = concat!("The ", $name, " constructor.")]
            pub(crate) static $ctor: BuiltinObject = BuiltinObject {
                name: $name,
                intrinsic: Some(Intrinsic::$kind),
                proto: Some(Intrinsic::$ctor_proto),
                make: Make::constructor($name, $length, $call, $construct),
                props: &[
                    Prop::prototype(Intrinsic::error_prototype(ErrorKind::$kind)),
                    $($ctor_extra,)*
                ],
            };

            #[doc = concat!("%", $name, ".prototype%.")]
            pub(crate) static $proto: BuiltinObject = BuiltinObject {
                name: concat!($name, ".prototype"),
                intrinsic: Some(Intrinsic::error_prototype(ErrorKind::$kind)),
                proto: Some(Intrinsic::$proto_proto),
                make: Make::Ordinary,
                props: &[
                    Prop::constructor(Intrinsic::$kind),
                    Prop::value("message", Constant::Str(""), ATTR_WC),
                    Prop::value("name", Constant::Str($name), ATTR_WC),
                    $($extra,)*
                ],
            };
        )*
    };
}

error_objects! {
    Error, "Error", 1, proto FunctionPrototype / ObjectPrototype:
        ERROR, ERROR_PROTOTYPE, error_call, error_construct,
        [
            Prop::method("captureStackTrace", 2, capture_stack_trace),
            // V8's, read by `Runtime::stack_trace_limit`.
            Prop::value(
                "stackTraceLimit",
                Constant::Number(10.0),
                Attributes::new(true, true, true)
            )
        ]
        [Prop::method("toString", 0, error_to_string)];
    EvalError, "EvalError", 1, proto Error / ErrorPrototype:
        EVAL_ERROR, EVAL_ERROR_PROTOTYPE, eval_error_call, eval_error_construct,[] [];
    RangeError, "RangeError", 1, proto Error / ErrorPrototype:
        RANGE_ERROR, RANGE_ERROR_PROTOTYPE, range_error_call, range_error_construct,[] [];
    ReferenceError, "ReferenceError", 1, proto Error / ErrorPrototype:
        REFERENCE_ERROR, REFERENCE_ERROR_PROTOTYPE, reference_error_call,
        reference_error_construct,[] [];
    SyntaxError, "SyntaxError", 1, proto Error / ErrorPrototype:
        SYNTAX_ERROR, SYNTAX_ERROR_PROTOTYPE, syntax_error_call, syntax_error_construct,[] [];
    TypeError, "TypeError", 1, proto Error / ErrorPrototype:
        TYPE_ERROR, TYPE_ERROR_PROTOTYPE, type_error_call, type_error_construct,[] [];
    UriError, "URIError", 1, proto Error / ErrorPrototype:
        URI_ERROR, URI_ERROR_PROTOTYPE, uri_error_call, uri_error_construct,[] [];
    AggregateError, "AggregateError", 2, proto Error / ErrorPrototype:
        AGGREGATE_ERROR, AGGREGATE_ERROR_PROTOTYPE, aggregate_error_call,
        aggregate_error_construct,[] [];
}

/// 20.5.1.1 Error ( message [ , options ] ) and 20.5.6.1.1 NativeError,
/// 20.5.7.1.1 AggregateError ( errors, message [ , options ] ).
fn construct_error(
    rt: &mut Runtime,
    kind: ErrorKind,
    args: &[Value],
    new_target: Gc<JsObject>,
) -> JsResult<Value> {
    let o = rt.ordinary_create_from_constructor(
        new_target,
        Intrinsic::error_prototype(kind),
        ObjectKind::Error,
        0,
    )?;
    let (message, options) = if kind == ErrorKind::AggregateError {
        (arg(args, 1), arg(args, 2))
    } else {
        (arg(args, 0), arg(args, 1))
    };
    if !message.is_undefined() {
        let msg = rt.to_string(message)?;
        let key = PropertyKey::String(rt.names.message);
        rt.define_property_or_throw(
            o,
            key,
            PropertyDescriptor::data(Value::string(msg), Attributes::BUILTIN_METHOD),
        )?;
    }
    // 20.5.8.1 InstallErrorCause.
    if let Some(opts) = options.as_object() {
        let key = PropertyKey::String(rt.names.cause);
        if rt.has_property(opts, key)? {
            let cause = rt.get(opts, key, options)?;
            rt.define_property_or_throw(
                o,
                key,
                PropertyDescriptor::data(cause, Attributes::BUILTIN_METHOD),
            )?;
        }
    }
    if kind == ErrorKind::AggregateError {
        // Steps 5-6: IterableToList(errors) (7.4.13).
        let errors = iterable_to_list(rt, arg(args, 0))?;
        let list = rt.create_array_from_list(&errors)?;
        let key = PropertyKey::String(rt.names.errors);
        rt.define_property_or_throw(
            o,
            key,
            PropertyDescriptor::data(Value::object(list), Attributes::BUILTIN_METHOD),
        )?;
    }
    // Not in ECMA-262: V8 captures the stack trace here, without the
    // frames of a subclass constructor (`new_target`) and what it called.
    if rt.hooks.capture_stack.is_some() {
        let frames = rt.capture_stack_trace(Some(new_target), false);
        install_stack(rt, o, frames.as_deref())?;
    }
    Ok(Value::object(o))
}

/// Defines `o.stack`: V8's header (`NAME: MESSAGE`, from data properties
/// only, so no user code runs) then `frames` (`\n    at …` lines);
/// writable and configurable, not enumerable, as V8's. Without frames
/// (`Error.stackTraceLimit` is not a number) V8 defines it as undefined.
fn install_stack(rt: &mut Runtime, o: Gc<JsObject>, frames: Option<&str>) -> JsResult<()> {
    let key = PropertyKey::String(rt.names.stack);
    let Some(frames) = frames else {
        let desc = PropertyDescriptor::data(Value::UNDEFINED, Attributes::BUILTIN_METHOD);
        return rt.define_property_or_throw(o, key, desc).map(drop);
    };
    let name = data_string(o, rt.names.name).unwrap_or_else(|| "Error".to_owned());
    let message = data_string(o, rt.names.message).unwrap_or_default();
    let text = match (name.is_empty(), message.is_empty()) {
        (_, true) => format!("{name}{frames}"),
        (true, false) => format!("{message}{frames}"),
        (false, false) => format!("{name}: {message}{frames}"),
    };
    let text = rt.new_string(&text)?;
    rt.define_property_or_throw(
        o,
        key,
        PropertyDescriptor::data(Value::string(text), Attributes::BUILTIN_METHOD),
    )?;
    Ok(())
}

/// `Error.captureStackTrace(targetObject [, constructorOpt])` (V8, not in
/// ECMA-262; many npm packages call it): gives `targetObject` a `stack`
/// for the running code, leaving out the frames up to and including the
/// innermost call of `constructorOpt` (all of them when it is not running).
fn capture_stack_trace(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let Some(o) = arg(args, 0).as_object() else {
        return Err(rt.type_error("Invalid argument: Error.captureStackTrace needs an object"));
    };
    let skip = arg(args, 1).as_object().filter(|f| f.is_callable());
    let frames = rt.capture_stack_trace(skip, skip.is_some());
    install_stack(rt, o, frames.as_deref())?;
    Ok(Value::UNDEFINED)
}

/// A string data property found along the prototype chain (an accessor
/// or a non-string stops the search: no user code may run here). Also
/// used by the exception trace's header.
pub(crate) fn data_string(o: Gc<JsObject>, name: Gc<crate::string::JsString>) -> Option<String> {
    let key = PropertyKey::String(name);
    let mut current = Some(o);
    // Prototype chains are finite but may be long: bound the walk.
    for _ in 0..1000 {
        let o = current?;
        match o.stored_property(key) {
            Some(crate::object::StoredProperty::Data(v, _)) => {
                return Some(v.as_string()?.to_rust_string());
            }
            Some(crate::object::StoredProperty::Accessor { .. }) => return None,
            None => current = o.proto().as_object(),
        }
    }
    None
}

/// 7.4.13 IterableToList ( items ) (#sec-iterabletolist), with the
/// iterator of GetIterator(items, sync).
fn iterable_to_list(rt: &mut Runtime, items: Value) -> JsResult<crate::gc::RootedList<Value>> {
    let record = crate::builtins::iterator::get_iterator(rt, items)?;
    let mut values = rt.rooted_list();
    loop {
        let next = crate::builtins::iterator::step_value(rt, record)?;
        if next.is_hole() {
            return Ok(values);
        }
        values.push(next);
    }
}

/// 20.5.3.4 Error.prototype.toString ( ).
fn error_to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(o) = this.as_object() else {
        return Err(rt.type_error("Error.prototype.toString called on a non-object"));
    };
    let key = PropertyKey::String(rt.names.name);
    let name = rt.get(o, key, this)?;
    let name = if name.is_undefined() {
        rt.atom("Error")?
    } else {
        rt.to_string(name)?
    };
    let key = PropertyKey::String(rt.names.message);
    let msg = rt.get(o, key, this)?;
    let msg = if msg.is_undefined() {
        rt.empty_string()
    } else {
        rt.to_string(msg)?
    };
    if name.is_empty() {
        return Ok(Value::string(msg));
    }
    if msg.is_empty() {
        return Ok(Value::string(name));
    }
    let sep = rt.atom(": ")?;
    let left = rt.concat_strings(name, sep)?;
    Ok(Value::string(rt.concat_strings(left, msg)?))
}
