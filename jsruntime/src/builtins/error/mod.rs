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
        [$($extra:expr),*];
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
                props: &[Prop::prototype(Intrinsic::error_prototype(ErrorKind::$kind))],
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
        [Prop::method("toString", 0, error_to_string)];
    EvalError, "EvalError", 1, proto Error / ErrorPrototype:
        EVAL_ERROR, EVAL_ERROR_PROTOTYPE, eval_error_call, eval_error_construct, [];
    RangeError, "RangeError", 1, proto Error / ErrorPrototype:
        RANGE_ERROR, RANGE_ERROR_PROTOTYPE, range_error_call, range_error_construct, [];
    ReferenceError, "ReferenceError", 1, proto Error / ErrorPrototype:
        REFERENCE_ERROR, REFERENCE_ERROR_PROTOTYPE, reference_error_call,
        reference_error_construct, [];
    SyntaxError, "SyntaxError", 1, proto Error / ErrorPrototype:
        SYNTAX_ERROR, SYNTAX_ERROR_PROTOTYPE, syntax_error_call, syntax_error_construct, [];
    TypeError, "TypeError", 1, proto Error / ErrorPrototype:
        TYPE_ERROR, TYPE_ERROR_PROTOTYPE, type_error_call, type_error_construct, [];
    UriError, "URIError", 1, proto Error / ErrorPrototype:
        URI_ERROR, URI_ERROR_PROTOTYPE, uri_error_call, uri_error_construct, [];
    AggregateError, "AggregateError", 2, proto Error / ErrorPrototype:
        AGGREGATE_ERROR, AGGREGATE_ERROR_PROTOTYPE, aggregate_error_call,
        aggregate_error_construct, [];
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
    Ok(Value::object(o))
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
