//! `process` (argv, env, exit, exitCode, platform, version, versions, pid,
//! cwd, nextTick, stdout/stderr.write) and `performance` (now,
//! timeOrigin), both created on first use.

use std::cell::RefCell;
use std::io::Write as _;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use jsruntime::object::NativeFn;
use jsruntime::{JsResult, Runtime, Value};

use super::{define_methods, define_value, replace_lazy, Invocation};

thread_local! {
    static INVOCATION: RefCell<Invocation> = RefCell::default();
    /// When the host was installed: performance.now()'s zero.
    static ORIGIN: RefCell<Option<(Instant, f64)>> = const { RefCell::new(None) };
}

/// Records the command line (for `process.argv`) and the time origin.
pub fn set_invocation(invocation: Invocation) {
    INVOCATION.with(|i| *i.borrow_mut() = invocation);
    let epoch_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    ORIGIN.with(|o| *o.borrow_mut() = Some((Instant::now(), epoch_ms)));
}

const PROCESS_METHODS: &[(&str, u32, NativeFn)] = &[
    ("exit", 1, exit),
    ("cwd", 0, cwd),
    ("nextTick", 1, super::event_loop::next_tick),
    ("uptime", 0, uptime),
    ("hrtime", 0, hrtime),
];

/// The getter of the lazy `process` global: makes the object and
/// replaces the accessor with it.
pub fn create_process(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let process = rt.new_object()?;
    let pv = Value::object(process);
    let global = rt.global_object();
    replace_lazy(rt, global, "process", pv)?;
    // argv: [the runtime, the script (absolute), ...arguments].
    let (script, args) = INVOCATION.with(|i| {
        let i = i.borrow();
        (i.script.clone(), i.args.clone())
    });
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "jstb".into());
    let mut argv = vec![exe.clone()];
    if let Some(s) = script {
        let abs = std::fs::canonicalize(&s)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or(s);
        argv.push(abs);
    }
    argv.extend(args);
    let mut list = rt.rooted_list();
    for a in &argv {
        list.push(Value::string(rt.new_string(a)?));
    }
    let argv = rt.create_array_from_list(&list)?;
    define_value(rt, process, "argv", Value::object(argv))?;
    let argv0 = rt.new_string("jstb")?;
    define_value(rt, process, "argv0", Value::string(argv0))?;
    let exe = rt.new_string(&exe)?;
    define_value(rt, process, "execPath", Value::string(exe))?;
    let env = rt.new_object()?;
    define_value(rt, process, "env", Value::object(env))?;
    for (k, v) in std::env::vars_os() {
        let (k, v) = (k.to_string_lossy(), v.to_string_lossy());
        let v = rt.new_string(&v)?;
        define_value(rt, env, &k, Value::string(v))?;
    }
    define_value(rt, process, "exitCode", Value::UNDEFINED)?;
    let platform = rt.new_string(std::env::consts::OS)?;
    define_value(rt, process, "platform", Value::string(platform))?;
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let arch = rt.new_string(arch)?;
    define_value(rt, process, "arch", Value::string(arch))?;
    let version = rt.new_string(concat!("v", env!("CARGO_PKG_VERSION")))?;
    define_value(rt, process, "version", Value::string(version))?;
    let versions = rt.new_object()?;
    define_value(rt, process, "versions", Value::object(versions))?;
    let jstb = rt.new_string(env!("CARGO_PKG_VERSION"))?;
    define_value(rt, versions, "jstb", Value::string(jstb))?;
    define_value(rt, process, "pid", Value::number(std::process::id() as f64))?;
    define_methods(rt, process, PROCESS_METHODS)?;
    for (name, f) in [
        ("stdout", write_stdout as NativeFn),
        ("stderr", write_stderr),
    ] {
        let stream = rt.new_object()?;
        define_methods(rt, stream, &[("write", 1, f)])?;
        define_value(rt, process, name, Value::object(stream))?;
    }
    Ok(pv)
}

/// The exit code the program asked for with `process.exitCode` (if
/// `process` was ever created).
pub fn exit_code(rt: &mut Runtime) -> Option<i32> {
    let global = rt.global_object();
    let key = rt.key("process").ok()?;
    let desc = rt.get_own_property(global, key).ok()??;
    let process = desc.value?.as_object()?;
    let code = rt.get_by_name(process, "exitCode").ok()?;
    if code.is_undefined() {
        return None;
    }
    rt.to_number(code).ok().map(|n| n as i32)
}

/// `process.exit(code)`: flushes the output and ends the process now.
fn exit(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let code = match args.first() {
        Some(v) if !v.is_undefined() => rt.to_number(*v)? as i32,
        _ => match this.as_object() {
            Some(p) => {
                let c = rt.get_by_name(p, "exitCode")?;
                if c.is_undefined() {
                    0
                } else {
                    rt.to_number(c)? as i32
                }
            }
            None => 0,
        },
    };
    let _ = rt.output.flush();
    let _ = std::io::stdout().flush();
    std::process::exit(code)
}

fn cwd(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let dir = std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Value::string(rt.new_string(&dir)?))
}

fn elapsed_ms() -> f64 {
    ORIGIN.with(|o| {
        o.borrow()
            .map_or(0.0, |(start, _)| start.elapsed().as_secs_f64() * 1000.0)
    })
}

fn uptime(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::number(elapsed_ms() / 1000.0))
}

/// `process.hrtime()`: `[seconds, nanoseconds]` since an arbitrary time.
fn hrtime(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let ns = (elapsed_ms() * 1e6) as u64;
    let parts = [
        Value::number((ns / 1_000_000_000) as f64),
        Value::number((ns % 1_000_000_000) as f64),
    ];
    Ok(Value::object(rt.create_array_from_list(&parts)?))
}

fn write_stream(rt: &mut Runtime, args: &[Value], stderr: bool) -> JsResult<Value> {
    let v = args.first().copied().unwrap_or(Value::UNDEFINED);
    let text = rt.to_string_for_display(v)?;
    if stderr {
        let _ = rt.output.flush();
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        let _ = rt.output.write_all(text.as_bytes());
        let _ = rt.output.flush();
    }
    Ok(Value::TRUE)
}

fn write_stdout(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    write_stream(rt, args, false)
}

fn write_stderr(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    write_stream(rt, args, true)
}

/// The getter of the lazy `performance` global.
pub fn create_performance(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let perf = rt.new_object()?;
    let pv = Value::object(perf);
    let global = rt.global_object();
    replace_lazy(rt, global, "performance", pv)?;
    define_methods(rt, perf, &[("now", 0, now)])?;
    let origin = ORIGIN.with(|o| o.borrow().map_or(0.0, |(_, ms)| ms));
    define_value(rt, perf, "timeOrigin", Value::number(origin))?;
    Ok(pv)
}

/// `performance.now()`: milliseconds since the time origin.
fn now(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::number(elapsed_ms()))
}
