//! The global object (19): its value properties, its function properties
//! (`eval` in [`eval`], `isNaN`, `isFinite`), the bindings of the
//! constructors and of `Math`, and the host-defined `print`, `console.log`
//! and the test262 host object `$262`.

pub(crate) mod eval;
pub(crate) mod parse;
mod uri;

use super::arg;
use crate::builtins::json::JSON;
use crate::builtins::math::MATH;
use crate::object::PropertyKey;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_NONE, ATTR_WC};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 19 The Global Object (#sec-global-object).
pub(crate) static GLOBAL: BuiltinObject = BuiltinObject {
    name: "globalThis",
    intrinsic: Some(Intrinsic::GlobalObject),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        // 19.1 Value Properties of the Global Object
        // (#sec-value-properties-of-the-global-object).
        Prop::value(
            "globalThis",
            Constant::Intrinsic(Intrinsic::GlobalObject),
            ATTR_WC,
        ),
        Prop::value("Infinity", Constant::Number(f64::INFINITY), ATTR_NONE),
        Prop::value("NaN", Constant::Number(f64::NAN), ATTR_NONE),
        Prop::value("undefined", Constant::Undefined, ATTR_NONE),
        // 19.2 Function Properties of the Global Object
        // (#sec-function-properties-of-the-global-object). `eval` is %eval%:
        // what makes `eval(...)` a direct eval.
        Prop::method("eval", 1, eval::eval).records(Intrinsic::Eval),
        Prop::method("isFinite", 1, is_finite),
        Prop::method("isNaN", 1, is_nan),
        Prop::value(
            "parseFloat",
            Constant::Intrinsic(Intrinsic::ParseFloat),
            ATTR_WC,
        ),
        Prop::value(
            "parseInt",
            Constant::Intrinsic(Intrinsic::ParseInt),
            ATTR_WC,
        ),
        // 19.2.6 URI Handling Functions.
        Prop::method("decodeURI", 1, uri::decode_uri),
        Prop::method("decodeURIComponent", 1, uri::decode_uri_component),
        Prop::method("encodeURI", 1, uri::encode_uri),
        Prop::method("encodeURIComponent", 1, uri::encode_uri_component),
        // 19.3 Constructor Properties of the Global Object
        // (#sec-constructor-properties-of-the-global-object).
        Prop::intrinsic("AggregateError", Intrinsic::AggregateError),
        Prop::intrinsic("Array", Intrinsic::Array),
        Prop::intrinsic("ArrayBuffer", Intrinsic::ArrayBuffer),
        Prop::intrinsic("BigInt", Intrinsic::BigInt),
        Prop::intrinsic("BigInt64Array", Intrinsic::BigInt64Array),
        Prop::intrinsic("BigUint64Array", Intrinsic::BigUint64Array),
        Prop::intrinsic("Boolean", Intrinsic::Boolean),
        Prop::intrinsic("DataView", Intrinsic::DataView),
        Prop::intrinsic("Date", Intrinsic::Date),
        Prop::intrinsic("Error", Intrinsic::Error),
        Prop::intrinsic("EvalError", Intrinsic::EvalError),
        Prop::intrinsic("FinalizationRegistry", Intrinsic::FinalizationRegistry),
        Prop::intrinsic("Float16Array", Intrinsic::Float16Array),
        Prop::intrinsic("Float32Array", Intrinsic::Float32Array),
        Prop::intrinsic("Float64Array", Intrinsic::Float64Array),
        Prop::intrinsic("Function", Intrinsic::Function),
        Prop::intrinsic("Iterator", Intrinsic::Iterator),
        Prop::intrinsic("Int8Array", Intrinsic::Int8Array),
        Prop::intrinsic("Int16Array", Intrinsic::Int16Array),
        Prop::intrinsic("Int32Array", Intrinsic::Int32Array),
        Prop::intrinsic("Map", Intrinsic::Map),
        Prop::intrinsic("Number", Intrinsic::Number),
        Prop::intrinsic("Object", Intrinsic::Object),
        Prop::intrinsic("Promise", Intrinsic::Promise),
        Prop::intrinsic("Proxy", Intrinsic::Proxy),
        Prop::intrinsic("RangeError", Intrinsic::RangeError),
        Prop::intrinsic("ReferenceError", Intrinsic::ReferenceError),
        Prop::intrinsic("RegExp", Intrinsic::RegExp),
        Prop::intrinsic("Set", Intrinsic::Set),
        Prop::intrinsic("SharedArrayBuffer", Intrinsic::SharedArrayBuffer),
        Prop::intrinsic("String", Intrinsic::String),
        Prop::intrinsic("Symbol", Intrinsic::Symbol),
        Prop::intrinsic("SyntaxError", Intrinsic::SyntaxError),
        Prop::intrinsic("TypeError", Intrinsic::TypeError),
        Prop::intrinsic("Uint8Array", Intrinsic::Uint8Array),
        Prop::intrinsic("Uint8ClampedArray", Intrinsic::Uint8ClampedArray),
        Prop::intrinsic("Uint16Array", Intrinsic::Uint16Array),
        Prop::intrinsic("Uint32Array", Intrinsic::Uint32Array),
        Prop::intrinsic("URIError", Intrinsic::UriError),
        Prop::intrinsic("WeakMap", Intrinsic::WeakMap),
        Prop::intrinsic("WeakRef", Intrinsic::WeakRef),
        Prop::intrinsic("WeakSet", Intrinsic::WeakSet),
        // 19.4 Other Properties of the Global Object
        // (#sec-other-properties-of-the-global-object).
        Prop::object("Atomics", &crate::builtins::atomics::ATOMICS),
        Prop::object("JSON", &JSON),
        Prop::object("Math", &MATH),
        Prop::object("Reflect", &crate::builtins::reflect::REFLECT),
        // B.2.1 Additional Properties of the Global Object.
        Prop::method("escape", 1, uri::escape),
        Prop::method("unescape", 1, uri::unescape),
        // Host-defined.
        Prop::method("print", 0, print),
        Prop::object("console", &CONSOLE),
        Prop::object("$262", &TEST262),
    ],
};

/// The `console` object: `log` only.
static CONSOLE: BuiltinObject = BuiltinObject {
    name: "console",
    intrinsic: None,
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[Prop::method("log", 0, print)],
};

/// $262 (test262 INTERPRETING.md): `createRealm()`, `gc()`,
/// `evalScript()` (when the embedder provides the hook),
/// `detachArrayBuffer()` and `global`; `agent` is not provided yet. Each
/// realm has its own `$262` (a property of its global object).
static TEST262: BuiltinObject = BuiltinObject {
    name: "$262",
    intrinsic: None,
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("createRealm", 0, create_realm),
        Prop::method("gc", 0, gc),
        Prop::method("evalScript", 1, eval_script),
        Prop::method(
            "detachArrayBuffer",
            1,
            crate::builtins::array_buffer::detach_array_buffer,
        ),
        Prop::intrinsic("global", Intrinsic::GlobalObject),
    ],
};

/// 19.2.2 isFinite ( number ).
fn is_finite(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(rt.to_number(arg(args, 0))?.is_finite()))
}

/// 19.2.3 isNaN ( number ).
fn is_nan(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(rt.to_number(arg(args, 0))?.is_nan()))
}

/// `print(...values)` / `console.log(...values)`: strings as they are,
/// other values as `String(value)`, separated by spaces, then a newline, to
/// the runtime's output sink.
fn print(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let mut line = String::new();
    for (i, &v) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(&rt.to_string_for_display(v)?);
    }
    line.push('\n');
    // A closed or failing sink does not make the script fail.
    let _ = rt.output.write_all(line.as_bytes());
    let _ = rt.output.flush();
    Ok(Value::UNDEFINED)
}

/// `$262.evalScript(source)`: runs `source` as a new global script of this
/// realm and returns its completion value (a parse error throws a
/// SyntaxError); needs the embedder's `eval_script` hook.
fn eval_script(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let Some(hook) = rt.hooks.eval_script else {
        return Err(rt.type_error("$262.evalScript is not available"));
    };
    let source = rt.to_string(arg(args, 0))?.to_rust_string();
    hook(rt, &source)
}

/// `$262.createRealm()`: a new realm (`runtime::realm`); returns its
/// `$262`.
fn create_realm(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let realm = rt.create_realm()?;
    let global = rt.realm_intrinsic(realm, Intrinsic::GlobalObject);
    let Some(global) = global.as_object() else {
        return Err(rt.type_error("$262.createRealm: the realm has no global object"));
    };
    let key = PropertyKey::String(rt.atom("$262")?);
    rt.get(global, key, Value::object(global))
}

/// `$262.gc()`: a full collection now.
fn gc(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    rt.collect_garbage();
    Ok(Value::UNDEFINED)
}
