//! Error objects (20.5): the `Error` constructor and the native error
//! constructors (`TypeError`, `RangeError`, ...; 20.5.5, 20.5.6),
//! `AggregateError` (20.5.7), and `Error.prototype.toString`.
//!
//! The prototypes (with `name` and `message`) are created with the realm
//! (`runtime::intrinsics`); this module adds the constructors.

use super::{arg, f};
use crate::completion::ErrorKind;
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, ObjectKind, PropertyDescriptor, PropertyKey};
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

static ERROR_PROTOTYPE: &[BuiltinFunction] = &[f("toString", 0, error_to_string)];

fn constructor_intrinsic(kind: ErrorKind) -> Intrinsic {
    match kind {
        ErrorKind::Error => Intrinsic::Error,
        ErrorKind::EvalError => Intrinsic::EvalError,
        ErrorKind::RangeError => Intrinsic::RangeError,
        ErrorKind::ReferenceError => Intrinsic::ReferenceError,
        ErrorKind::SyntaxError => Intrinsic::SyntaxError,
        ErrorKind::TypeError => Intrinsic::TypeError,
        ErrorKind::UriError => Intrinsic::UriError,
        ErrorKind::AggregateError => Intrinsic::AggregateError,
    }
}

macro_rules! error_constructors {
    ($($kind:ident: $call:ident, $construct:ident;)*) => {
        $(
            fn $call(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
                // Step 1: NewTarget undefined → the active function object.
                let ctor = rt.intrinsic_object(constructor_intrinsic(ErrorKind::$kind));
                construct_error(rt, ErrorKind::$kind, args, ctor)
            }
            fn $construct(
                rt: &mut Runtime,
                args: &[Value],
                new_target: Gc<JsObject>,
            ) -> JsResult<Value> {
                construct_error(rt, ErrorKind::$kind, args, new_target)
            }
        )*

        /// (kind, call, construct) of every error constructor.
        #[allow(clippy::type_complexity)]
        static CONSTRUCTORS: &[(
            ErrorKind,
            crate::object::NativeFn,
            crate::object::NativeCtorFn,
        )] = &[$((ErrorKind::$kind, $call, $construct),)*];
    };
}

error_constructors! {
    Error: error_call, error_construct;
    EvalError: eval_error_call, eval_error_construct;
    RangeError: range_error_call, range_error_construct;
    ReferenceError: reference_error_call, reference_error_construct;
    SyntaxError: syntax_error_call, syntax_error_construct;
    TypeError: type_error_call, type_error_construct;
    UriError: uri_error_call, uri_error_construct;
    AggregateError: aggregate_error_call, aggregate_error_construct;
}

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    for &(kind, call, construct) in CONSTRUCTORS {
        let proto = rt.intrinsic_object(Intrinsic::error_prototype(kind));
        let length = if kind == ErrorKind::AggregateError {
            2
        } else {
            1
        };
        let ctor = rt.install_constructor(
            constructor_intrinsic(kind),
            kind.name(),
            length,
            call,
            construct,
            proto,
        )?;
        if kind != ErrorKind::Error {
            // 20.5.6.2: the [[Prototype]] of a NativeError constructor is %Error%.
            let error = rt.intrinsic(Intrinsic::Error);
            rt.set_proto_raw(ctor, error);
        }
    }
    let proto = rt.intrinsic_object(Intrinsic::ErrorPrototype);
    rt.install_functions(proto, ERROR_PROTOTYPE)?;
    Ok(())
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
        // Steps 5-6: IterableToList(errors); array-likes stand in for
        // iterables until the iterator protocol exists.
        let errors = rt.create_list_from_array_like(arg(args, 0))?;
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
