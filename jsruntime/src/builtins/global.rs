//! Properties of the global object (19): `globalThis` (created with the
//! realm), `print` and `console.log`, and the test262 host object `$262`.

use super::f;
use crate::object::{Attributes, StoredProperty};
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

static GLOBAL_FUNCTIONS: &[BuiltinFunction] = &[f("print", 0, print)];
static CONSOLE: &[BuiltinFunction] = &[f("log", 0, print)];
static TEST262: &[BuiltinFunction] = &[f("gc", 0, gc), f("evalScript", 1, eval_script)];

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    let global = rt.global_object();
    rt.install_functions(global, GLOBAL_FUNCTIONS)?;

    let console = rt.new_object()?;
    rt.install_functions(console, CONSOLE)?;
    let key = rt.key("console")?;
    rt.store_property(
        global,
        key,
        StoredProperty::Data(Value::object(console), Attributes::BUILTIN_METHOD),
    )?;

    // $262 (test262 INTERPRETING.md): `global`, `gc()`, `evalScript()` (when
    // the embedder provides the hook); `createRealm`, `detachArrayBuffer`
    // and `agent` are not provided yet.
    let host = rt.new_object()?;
    rt.install_functions(host, TEST262)?;
    rt.install_values(
        host,
        &[("global", Value::object(global))],
        Attributes::BUILTIN_METHOD,
    )?;
    let key = rt.key("$262")?;
    rt.store_property(
        global,
        key,
        StoredProperty::Data(Value::object(host), Attributes::BUILTIN_METHOD),
    )?;
    Ok(())
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
    let source = rt.to_string(super::arg(args, 0))?.to_rust_string();
    hook(rt, &source)
}

/// `$262.gc()`: a full collection now.
fn gc(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    rt.collect_garbage();
    Ok(Value::UNDEFINED)
}
