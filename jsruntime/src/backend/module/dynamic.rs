//! `import()` (13.3.10.1 EvaluateImportCall, 16.2.1.10
//! ContinueDynamicImport) and `import.meta` (13.3.12.1,
//! HostGetImportMetaProperties).
//!
//! The referrer is the program id that `ActiveScriptOrModule` compiled in.
//! The operands are converted at the call (their conversions are
//! observable); loading, linking and evaluating happen in a host job, so
//! `import()` never runs module code before it returns.

use crate::builtins::promise::{
    new_intrinsic_promise, perform_promise_then, reject_intrinsic_promise,
    resolve_intrinsic_promise, Handler,
};
use crate::completion::{JsResult, Thrown};
use crate::gc::Gc;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::Runtime;
use crate::semantics::module::ModuleRequest;
use crate::value::Value;

use super::loader::file_url;
use crate::backend::Executor;

fn executor(rt: &mut Runtime) -> &mut Executor {
    // SAFETY: these helpers run only in compiled code and jobs of an
    // executor, whose first field is its runtime (`#[repr(C)]`).
    unsafe { &mut *(rt as *mut Runtime as *mut Executor) }
}

/// `[specifier, options, referrer] -> [promise]`.
pub(crate) fn import_call(
    rt: &mut Runtime,
    specifier: Value,
    options: Value,
    referrer: Value,
) -> JsResult<Value> {
    // The operands stay rooted while the conversions allocate.
    let mut values = rt.rooted_list_from(&[specifier, options]);
    // Step 6: the promise capability.
    let promise = new_intrinsic_promise(rt)?;
    values.clear();
    // The job's data: [promise, referrer, specifier, k1, v1, ...].
    values.push(promise);
    values.push(referrer);
    match import_request(rt, specifier, options, &mut values) {
        Err(Thrown(e)) => reject_intrinsic_promise(rt, promise, e),
        Ok(()) => {
            let data = rt.create_array_from_list(values.as_slice())?;
            rt.enqueue_host_job(continue_import_job, Value::object(data));
        }
    }
    Ok(promise)
}

/// Steps 7-11: ToString(specifier) and the `with` attributes of `options`,
/// as strings, appended to `out`: specifier, k1, v1, ... (`out` also keeps
/// `options` alive: the caller rooted it).
fn import_request(
    rt: &mut Runtime,
    specifier: Value,
    options: Value,
    out: &mut crate::gc::RootedList<Value>,
) -> JsResult<()> {
    let roots = rt.rooted_list_from(&[specifier, options]);
    let specifier = rt.to_string(specifier)?;
    out.push(Value::string(specifier));
    if options.is_undefined() {
        return Ok(());
    }
    let Some(options) = options.as_object() else {
        return Err(rt.type_error("The second argument of import() must be an object"));
    };
    let with = rt.get_by_name(options, "with")?;
    if with.is_undefined() {
        return Ok(());
    }
    let Some(with) = with.as_object() else {
        return Err(rt.type_error("The 'with' option of import() must be an object"));
    };
    let with_root = rt.rooted_list_from(&[Value::object(with)]);
    let keys = rt.own_property_keys_rooted(with)?;
    for key in keys.as_slice().to_vec() {
        if matches!(key, PropertyKey::Symbol(_)) {
            continue;
        }
        // EnumerableOwnProperties: [[GetOwnProperty]], then [[Get]].
        let enumerable = rt
            .get_own_property(with, key)?
            .is_some_and(|d| d.enumerable == Some(true));
        if !enumerable {
            continue;
        }
        let v = rt.get(with, key, Value::object(with))?;
        if v.as_string().is_none() {
            return Err(rt.type_error("Import attribute values must be strings"));
        }
        let k = rt.property_key_to_value(key)?;
        out.push(k);
        out.push(v);
    }
    drop((roots, with_root, keys));
    Ok(())
}

/// The host job of an `import()`: load, link, evaluate, then settle the
/// promise with the namespace (16.2.1.10 ContinueDynamicImport).
fn continue_import_job(rt: &mut Runtime, data: Value) -> JsResult<()> {
    let Some(data) = data.as_object() else {
        return Ok(());
    };
    let roots = rt.rooted_list_from(&[Value::object(data)]);
    let promise = element(rt, data, 0)?;
    let referrer = element(rt, data, 1)?;
    let specifier = element(rt, data, 2)?;
    let length = rt.get_by_name(data, "length")?.as_number().unwrap_or(0.0) as u32;
    let mut request = ModuleRequest {
        specifier: string_of(specifier),
        attributes: Vec::new(),
    };
    let mut i = 3;
    while i + 1 < length {
        let k = element(rt, data, i)?;
        let v = element(rt, data, i + 1)?;
        request.attributes.push((string_of(k), string_of(v)));
        i += 2;
    }
    request.attributes.sort();
    let exec = executor(rt);
    let referrer_key = referrer
        .as_i32()
        .and_then(|p| exec.referrer_key(p as usize));
    let loaded = exec
        .load_request(&request, referrer_key.as_deref())
        .and_then(|m| exec.link_module(m).map(|()| m));
    let m = match loaded {
        Ok(m) => m,
        Err(Thrown(e)) => {
            reject_intrinsic_promise(&mut exec.runtime, promise, e);
            return Ok(());
        }
    };
    let evaluation = match exec.evaluate_module(m) {
        Ok(p) => p,
        Err(Thrown(e)) => {
            reject_intrinsic_promise(&mut exec.runtime, promise, e);
            return Ok(());
        }
    };
    // Steps 6-8: on fulfillment, the namespace.
    let pair = exec
        .runtime
        .create_array_from_list(&[promise, Value::from_i32(m as i32)])?;
    let pair = Value::object(pair);
    let on_fulfilled = Handler::Native {
        func: import_fulfilled,
        data: pair,
    };
    let on_rejected = Handler::Native {
        func: import_rejected,
        data: pair,
    };
    perform_promise_then(
        &mut exec.runtime,
        evaluation,
        on_fulfilled,
        on_rejected,
        None,
    );
    drop(roots);
    Ok(())
}

fn element(rt: &mut Runtime, o: Gc<JsObject>, i: u32) -> JsResult<Value> {
    rt.get(o, PropertyKey::Index(i), Value::object(o))
}

fn string_of(v: Value) -> String {
    v.as_string()
        .map(|s| s.to_rust_string())
        .unwrap_or_default()
}

fn import_fulfilled(rt: &mut Runtime, data: Value, _: Value) -> JsResult<Value> {
    let Some(pair) = data.as_object() else {
        return Ok(Value::UNDEFINED);
    };
    let promise = element(rt, pair, 0)?;
    let m = element(rt, pair, 1)?.as_i32().unwrap_or(-1);
    let exec = executor(rt);
    if m < 0 || m as usize >= exec.state.modules.records.len() {
        return Ok(Value::UNDEFINED);
    }
    match exec.module_namespace(m as usize) {
        Ok(ns) => resolve_intrinsic_promise(&mut exec.runtime, promise, ns)?,
        Err(Thrown(e)) => reject_intrinsic_promise(&mut exec.runtime, promise, e),
    }
    Ok(Value::UNDEFINED)
}

fn import_rejected(rt: &mut Runtime, data: Value, reason: Value) -> JsResult<Value> {
    let Some(pair) = data.as_object() else {
        return Ok(Value::UNDEFINED);
    };
    let promise = element(rt, pair, 0)?;
    reject_intrinsic_promise(rt, promise, reason);
    Ok(Value::UNDEFINED)
}

/// `[referrer] -> [object]`: `import.meta` of the module compiled as
/// program `referrer` (created once, with a null prototype): `url`, and for
/// files `filename`, `dirname` and `resolve(specifier)`.
pub(crate) fn import_meta(rt: &mut Runtime, referrer: Value) -> JsResult<Value> {
    let exec = executor(rt);
    let Some(&m) = referrer
        .as_i32()
        .and_then(|p| exec.state.modules.by_program.get(&(p as usize)))
    else {
        return Err(exec.runtime.syntax_error("import.meta outside a module"));
    };
    if let Some(meta) = &exec.module(m).meta {
        return Ok(meta.get());
    }
    let key = exec.module(m).key.clone();
    let url = match &exec.state.modules.loader {
        Some(l) => l.url(&key),
        None => key.clone(),
    };
    let rt = &mut exec.runtime;
    let meta = rt.new_object_with_proto(Value::NULL)?;
    let roots = rt.rooted_list_from(&[Value::object(meta)]);
    // Each key is made before its value, so no unrooted value lives
    // across an allocation.
    let url_key = PropertyKey::String(rt.atom("url")?);
    let url = rt.new_string(&url)?;
    rt.create_data_property_or_throw(meta, url_key, Value::string(url))?;
    if key.starts_with('/') {
        let path = std::path::Path::new(&key);
        let dirname = path
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let filename_key = PropertyKey::String(rt.atom("filename")?);
        let filename = rt.new_string(&key)?;
        rt.create_data_property_or_throw(meta, filename_key, Value::string(filename))?;
        let dirname_key = PropertyKey::String(rt.atom("dirname")?);
        let dirname = rt.new_string(&dirname)?;
        rt.create_data_property_or_throw(meta, dirname_key, Value::string(dirname))?;
    }
    let name = rt.atom("resolve")?;
    let resolve = rt.new_native_closure(name, 1, meta_resolve, &[referrer])?;
    let resolve_key = PropertyKey::String(name);
    rt.create_data_property_or_throw(meta, resolve_key, Value::object(resolve))?;
    drop(roots);
    let persistent = exec.runtime.persistent(Value::object(meta));
    exec.module_mut(m).meta = Some(persistent);
    Ok(Value::object(meta))
}

/// `import.meta.resolve(specifier)`: the URL the specifier resolves to
/// from this module.
fn meta_resolve(
    rt: &mut Runtime,
    callee: Gc<JsObject>,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    let referrer = crate::object::native_closure::closure_slot(callee, 0);
    let specifier = rt.to_string(args.first().copied().unwrap_or(Value::UNDEFINED))?;
    let specifier = specifier.to_rust_string();
    let exec = executor(rt);
    let key = referrer
        .as_i32()
        .and_then(|p| exec.referrer_key(p as usize));
    let Some(loader) = exec.state.modules.loader.clone() else {
        return Err(exec.runtime.type_error("no module loader is installed"));
    };
    let resolved = match loader.resolve(&specifier, key.as_deref()) {
        Ok(k) => k,
        Err(message) => return Err(exec.runtime.type_error(&message)),
    };
    let url = if resolved.starts_with('/') {
        file_url(&resolved)
    } else {
        loader.url(&resolved)
    };
    let s = exec.runtime.new_string(&url)?;
    Ok(Value::string(s))
}
