//! The host environment of the `jstb` command line, as node's: `console`
//! ([`console`], values printed by [`inspect`]), the event loop and timers
//! ([`event_loop`]), `process` and `performance` ([`process`]),
//! `queueMicrotask`, `atob`/`btoa` ([`encoding`]), `TextEncoder` and
//! `TextDecoder` ([`text`]), `structuredClone`
//! ([`clone`]), and node's command line
//! (`jstb FILE ARGS`, `-e`, `-p`, standard input: [`cli`]) and the REPL
//! ([`repl`]).
//!
//! The engine gives an embedder a bare ECMAScript realm (plus `print` and
//! `$262`); [`install`] adds these globals to it. `process` is created on
//! first use (a getter on the global object that replaces itself), so a
//! program that does not use it pays nothing for `process.env`.

pub mod cli;
pub mod clone;
pub mod console;
pub mod encoding;
pub mod event_loop;
pub mod inspect;
pub mod process;
pub mod repl;
mod repl_await;
mod table;
pub mod text;

use jsruntime::backend::Executor;
use jsruntime::gc::Gc;
use jsruntime::object::{Attributes, JsObject, NativeFn, PropertyDescriptor, PropertyKey};
use jsruntime::{JsResult, Runtime, Value};

/// What the program was started with (for `process.argv`).
#[derive(Clone, Default)]
pub struct Invocation {
    /// The script's path as given (`-e`/`-p`: none, `[eval]` in node).
    pub script: Option<String>,
    /// The arguments after the script.
    pub args: Vec<String>,
    /// `-p`: print the script's completion value (as `console.log`).
    pub print_result: bool,
}

/// Prints a completion value as `console.log` would (`-p`).
pub fn print_result(rt: &mut Runtime, v: Value) {
    use std::io::Write as _;
    let text = match v.as_string() {
        Some(s) => s.to_rust_string(),
        None => {
            let opts = inspect::Options {
                colors: inspect::colors_for(false),
                ..inspect::Options::default()
            };
            inspect::inspect(rt, v, opts)
        }
    };
    let _ = writeln!(rt.output, "{text}");
    let _ = rt.output.flush();
}

/// Installs the host globals on the executor's global object.
pub fn install(exec: &mut Executor, invocation: Invocation) -> JsResult<()> {
    process::set_invocation(invocation);
    let rt = &mut exec.runtime;
    let global = rt.global_object();
    let console = console::create(rt)?;
    define_value(rt, global, "console", Value::object(console))?;
    define_methods(rt, global, event_loop::GLOBALS)?;
    define_methods(rt, global, encoding::GLOBALS)?;
    define_methods(rt, global, clone::GLOBALS)?;
    define_lazy(rt, global, "process", process::create_process)?;
    define_lazy(rt, global, "performance", process::create_performance)?;
    define_lazy(rt, global, "TextEncoder", text::create_text_encoder)?;
    define_lazy(rt, global, "TextDecoder", text::create_text_decoder)?;
    Ok(())
}

/// Adds writable, configurable, enumerable methods to `o`.
pub fn define_methods(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    methods: &[(&str, u32, NativeFn)],
) -> JsResult<()> {
    for &(name, length, call) in methods {
        let name_atom = rt.new_string(name)?;
        let f = rt.new_native_function(name_atom, length, call, None)?;
        define_value(rt, o, name, Value::object(f))?;
    }
    Ok(())
}

/// Defines `o[name] = v` (writable, enumerable, configurable).
pub fn define_value(rt: &mut Runtime, o: Gc<JsObject>, name: &str, v: Value) -> JsResult<()> {
    let key = rt.key(name)?;
    rt.create_data_property_or_throw(o, key, v)
}

/// A global created on first read: `name` is an accessor whose getter
/// makes the value with `make` and redefines `name` as a data property;
/// its setter replaces it with the assigned value.
fn define_lazy(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    name: &'static str,
    make: NativeFn,
) -> JsResult<()> {
    let key = rt.key(name)?;
    let get_name = rt.new_string(&format!("get {name}"))?;
    let get = rt.new_native_function(get_name, 0, make, None)?;
    let set_name = rt.new_string(&format!("set {name}"))?;
    let set = rt.new_native_function(set_name, 1, lazy_setter(name), None)?;
    let desc = PropertyDescriptor::accessor(
        Value::object(get),
        Value::object(set),
        Attributes(Attributes::CONFIGURABLE),
    );
    rt.define_property_or_throw(o, key, desc)
}

fn lazy_setter(name: &str) -> NativeFn {
    match name {
        "process" => |rt, _, args| replace_global(rt, "process", args),
        "TextEncoder" => |rt, _, args| replace_global(rt, "TextEncoder", args),
        "TextDecoder" => |rt, _, args| replace_global(rt, "TextDecoder", args),
        _ => |rt, _, args| replace_global(rt, "performance", args),
    }
}

fn replace_global(rt: &mut Runtime, name: &str, args: &[Value]) -> JsResult<Value> {
    let v = args.first().copied().unwrap_or(Value::UNDEFINED);
    let global = rt.global_object();
    replace_lazy(rt, global, name, v)?;
    Ok(Value::UNDEFINED)
}

/// Replaces the lazy accessor `name` by a data property holding `v`.
pub fn replace_lazy(rt: &mut Runtime, o: Gc<JsObject>, name: &str, v: Value) -> JsResult<()> {
    let key = rt.key(name)?;
    let desc = PropertyDescriptor::data(
        v,
        Attributes(Attributes::WRITABLE | Attributes::CONFIGURABLE),
    );
    rt.define_property_or_throw(o, key, desc)
}

/// The own enumerable string keys of `o` (`Object.keys`).
pub fn own_enumerable_string_keys(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<Vec<PropertyKey>> {
    let keys = rt.own_property_keys_rooted(o)?;
    let mut out = Vec::new();
    for &k in keys.iter() {
        if k.is_symbol() {
            continue;
        }
        if let Some(d) = rt.get_own_property(o, k)? {
            if d.enumerable.unwrap_or(false) {
                out.push(k);
            }
        }
    }
    Ok(out)
}
