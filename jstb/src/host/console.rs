//! `console` as node's (lib/internal/console/constructor.js): `log`,
//! `info`, `debug` to standard output, `error`, `warn`, `trace` to
//! standard error, `dir`, `table`, `time`/`timeLog`/`timeEnd`,
//! `count`/`countReset`, `group`/`groupEnd`, `assert`, and node's format
//! specifiers (`formatWithOptions`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write as _;
use std::time::Instant;

use jsruntime::conversions::to_boolean;
use jsruntime::gc::Gc;
use jsruntime::object::{JsObject, NativeFn, PropertyKey};
use jsruntime::runtime::introspect::Slots;
use jsruntime::{JsResult, Runtime, Value};

use super::inspect::{colors_for, format_number, has_builtin_to_string, inspect, Options};
use super::table;

/// The console's state (one runtime per thread).
#[derive(Default)]
struct ConsoleState {
    /// The group indentation (two spaces per `group`).
    indent: usize,
    counts: HashMap<String, u64>,
    timers: HashMap<String, Instant>,
}

thread_local! {
    static STATE: RefCell<ConsoleState> = RefCell::default();
}

/// The methods of `console`, in node's order.
const METHODS: &[(&str, u32, NativeFn)] = &[
    ("log", 0, log),
    ("warn", 0, warn),
    ("dir", 0, dir),
    ("time", 0, time),
    ("timeEnd", 0, time_end),
    ("timeLog", 0, time_log),
    ("trace", 0, trace),
    ("assert", 0, assert),
    ("clear", 0, clear),
    ("count", 0, count),
    ("countReset", 0, count_reset),
    ("group", 0, group),
    ("groupEnd", 0, group_end),
    ("table", 0, table_method),
    ("debug", 0, log),
    ("info", 0, log),
    ("dirxml", 0, log),
    ("error", 0, warn),
    ("groupCollapsed", 0, group),
];

/// Creates the `console` object.
pub fn create(rt: &mut Runtime) -> JsResult<Gc<JsObject>> {
    let console = rt.new_object()?;
    super::define_methods(rt, console, METHODS)?;
    Ok(console)
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

/// Writes one message (with the group indentation) to standard output or
/// standard error.
fn write(rt: &mut Runtime, text: &str, stderr: bool) {
    let indent = STATE.with(|s| s.borrow().indent);
    let mut line = String::with_capacity(text.len() + 1);
    if indent > 0 {
        let pad = " ".repeat(indent);
        line.push_str(&pad);
        line.push_str(&text.replace('\n', &format!("\n{pad}")));
    } else {
        line.push_str(text);
    }
    line.push('\n');
    // A closed stream does not make the program fail.
    if stderr {
        let _ = rt.output.flush();
        let _ = std::io::stderr().write_all(line.as_bytes());
    } else {
        let _ = rt.output.write_all(line.as_bytes());
        let _ = rt.output.flush();
    }
}

/// node's `formatWithOptions` with the default options (`colors` for a
/// terminal).
pub fn format_args(rt: &mut Runtime, args: &[Value], colors: bool) -> JsResult<String> {
    let opts = Options {
        colors,
        ..Options::default()
    };
    let mut out = String::new();
    let mut a = 0;
    let mut join = "";
    if let Some(first) = args.first().and_then(|v| v.as_string()) {
        let first: Vec<u16> = first.to_utf16();
        if args.len() == 1 {
            return Ok(String::from_utf16_lossy(&first));
        }
        let mut last_pos = 0;
        let mut i = 0;
        let text = |a: usize, b: usize| String::from_utf16_lossy(&first[a..b]);
        while i + 1 < first.len() {
            if first[i] == b'%' as u16 {
                i += 1;
                let next = first[i];
                if a + 1 != args.len() {
                    let piece = match next {
                        0x73 => {
                            // %s
                            a += 1;
                            let v = args[a];
                            if let Some(n) = v.as_number() {
                                Some(format_number(rt, n))
                            } else if v.is_bigint() {
                                Some(format!("{}n", rt.to_string_for_display(v)?))
                            } else if let Some(o) = v.as_object().filter(|o| !o.is_callable()) {
                                if has_builtin_to_string(rt, o)? {
                                    let o = Options {
                                        depth: Some(0),
                                        colors: false,
                                        ..opts
                                    };
                                    Some(inspect(rt, v, o))
                                } else {
                                    Some(rt.to_string_for_display(v)?)
                                }
                            } else {
                                Some(rt.to_string_for_display(v)?)
                            }
                        }
                        0x6a => {
                            // %j
                            a += 1;
                            Some(json_stringify(rt, args[a])?)
                        }
                        0x64 | 0x69 | 0x66 => {
                            // %d %i %f
                            a += 1;
                            let v = args[a];
                            if v.is_bigint() && next != 0x66 {
                                Some(format!("{}n", rt.to_string_for_display(v)?))
                            } else if v.is_symbol() {
                                Some("NaN".to_string())
                            } else if next == 0x64 {
                                let n = rt.to_number(v)?;
                                Some(format_number(rt, n))
                            } else {
                                let name = if next == 0x69 {
                                    "parseInt"
                                } else {
                                    "parseFloat"
                                };
                                let global = rt.global_object();
                                let f = rt.get_by_name(global, name)?;
                                let n = rt.call(f, Value::UNDEFINED, &[v])?;
                                let n = n.as_number().unwrap_or(f64::NAN);
                                Some(format_number(rt, n))
                            }
                        }
                        0x4f => {
                            // %O
                            a += 1;
                            Some(inspect(rt, args[a], opts))
                        }
                        0x6f => {
                            // %o
                            a += 1;
                            let o = Options {
                                show_hidden: true,
                                depth: Some(4),
                                ..opts
                            };
                            Some(inspect(rt, args[a], o))
                        }
                        0x63 => {
                            // %c: CSS, ignored.
                            a += 1;
                            Some(String::new())
                        }
                        0x25 => {
                            out.push_str(&text(last_pos, i));
                            last_pos = i + 1;
                            None
                        }
                        _ => None,
                    };
                    if let Some(piece) = piece {
                        if last_pos != i - 1 {
                            out.push_str(&text(last_pos, i - 1));
                        }
                        out.push_str(&piece);
                        last_pos = i + 1;
                    }
                } else if next == 0x25 {
                    out.push_str(&text(last_pos, i));
                    last_pos = i + 1;
                }
            }
            i += 1;
        }
        if last_pos != 0 {
            a += 1;
            join = " ";
            if last_pos < first.len() {
                out.push_str(&text(last_pos, first.len()));
            }
        }
    }
    while a < args.len() {
        let v = args[a];
        out.push_str(join);
        if let Some(s) = v.as_string() {
            out.push_str(&s.to_rust_string());
        } else {
            out.push_str(&inspect(rt, v, opts));
        }
        join = " ";
        a += 1;
    }
    Ok(out)
}

/// `JSON.stringify(v)` for `%j` (`[Circular]` for a cyclic value).
fn json_stringify(rt: &mut Runtime, v: Value) -> JsResult<String> {
    let global = rt.global_object();
    let json = rt.get_by_name(global, "JSON")?;
    let Some(json) = json.as_object() else {
        return Ok("undefined".into());
    };
    let f = rt.get_by_name(json, "stringify")?;
    match rt.call(f, json.into_value(), &[v]) {
        Ok(s) if s.is_undefined() => Ok("undefined".into()),
        Ok(s) => rt.to_string_for_display(s),
        Err(e) => {
            let msg = rt.format_exception(e.0);
            if msg.contains("ircular") {
                Ok("[Circular]".into())
            } else {
                Err(e)
            }
        }
    }
}

trait IntoValue {
    fn into_value(self) -> Value;
}

impl IntoValue for Gc<JsObject> {
    fn into_value(self) -> Value {
        Value::object(self)
    }
}

fn log(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let text = format_args(rt, args, colors_for(false))?;
    write(rt, &text, false);
    Ok(Value::UNDEFINED)
}

fn warn(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let text = format_args(rt, args, colors_for(true))?;
    write(rt, &text, true);
    Ok(Value::UNDEFINED)
}

/// `console.dir(obj, options)`: `util.inspect` with `options` (depth,
/// showHidden).
fn dir(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let mut opts = Options {
        colors: colors_for(false),
        ..Options::default()
    };
    if let Some(o) = arg(args, 1).as_object() {
        let depth = rt.get_by_name(o, "depth")?;
        if depth.is_null() {
            opts.depth = None;
        } else if let Some(d) = depth.as_number() {
            opts.depth = if d.is_infinite() {
                None
            } else {
                Some(d.max(0.0) as usize)
            };
        }
        let hidden = rt.get_by_name(o, "showHidden")?;
        opts.show_hidden = to_boolean(hidden);
    }
    let text = inspect(rt, arg(args, 0), opts);
    write(rt, &text, false);
    Ok(Value::UNDEFINED)
}

/// The label argument of time/count (`'default'` when undefined).
fn label(rt: &mut Runtime, args: &[Value]) -> JsResult<String> {
    let v = arg(args, 0);
    if v.is_undefined() {
        Ok("default".into())
    } else {
        rt.to_string_for_display(v)
    }
}

/// A process warning as node prints it.
fn warning(rt: &mut Runtime, text: &str) {
    let _ = rt.output.flush();
    let _ = writeln!(
        std::io::stderr(),
        "(node:{}) Warning: {text}",
        std::process::id()
    );
}

fn time(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let label = label(rt, args)?;
    let exists = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.timers.contains_key(&label) {
            true
        } else {
            s.timers.insert(label.clone(), Instant::now());
            false
        }
    });
    if exists {
        warning(
            rt,
            &format!("Label '{label}' already exists for console.time()"),
        );
    }
    Ok(Value::UNDEFINED)
}

/// node's `formatTime`.
fn format_time(ms: f64) -> String {
    let (mut hours, mut minutes, mut seconds) = (0.0, 0.0, 0.0);
    let mut ms = ms;
    if ms >= 1000.0 {
        if ms >= 60_000.0 {
            if ms >= 3_600_000.0 {
                hours = (ms / 3_600_000.0).floor();
                ms %= 3_600_000.0;
            }
            minutes = (ms / 60_000.0).floor();
            ms %= 60_000.0;
        }
        seconds = ms / 1000.0;
    }
    if hours != 0.0 || minutes != 0.0 {
        let fixed = format!("{seconds:.3}");
        let (s, frac) = fixed.split_once('.').unwrap_or((&fixed, "000"));
        let res = if hours != 0.0 {
            format!("{hours}:{minutes:02}")
        } else {
            format!("{minutes}")
        };
        return format!(
            "{res}:{s:0>2}.{frac} ({}m:ss.mmm)",
            if hours != 0.0 { "h:m" } else { "" }
        );
    }
    if seconds != 0.0 {
        return format!("{seconds:.3}s");
    }
    let fixed: f64 = format!("{ms:.3}").parse().unwrap_or(ms);
    format!("{fixed}ms")
}

fn time_log_impl(rt: &mut Runtime, args: &[Value], end: bool) -> JsResult<Value> {
    let label = label(rt, args)?;
    let start = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if end {
            s.timers.remove(&label)
        } else {
            s.timers.get(&label).copied()
        }
    });
    let Some(start) = start else {
        let which = if end { "timeEnd" } else { "timeLog" };
        warning(
            rt,
            &format!("No such label '{label}' for console.{which}()"),
        );
        return Ok(Value::UNDEFINED);
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut text = format!("{label}: {}", format_time(ms));
    if !end {
        for &v in args.iter().skip(1) {
            text.push(' ');
            text.push_str(&inspect(rt, v, Options::default()));
        }
    }
    write(rt, &text, false);
    Ok(Value::UNDEFINED)
}

fn time_end(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    time_log_impl(rt, args, true)
}

fn time_log(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    time_log_impl(rt, args, false)
}

/// `console.trace(...data)`: `Trace: MESSAGE` then the stack trace of
/// the caller (`    at …` lines, as node prints them) to standard error.
fn trace(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let text = format_args(rt, args, colors_for(true))?;
    let frames = rt.capture_stack_trace(None, false).unwrap_or_default();
    let text = if text.is_empty() {
        format!("Trace{frames}")
    } else {
        format!("Trace: {text}{frames}")
    };
    write(rt, &text, true);
    Ok(Value::UNDEFINED)
}

/// `console.assert(value, ...data)`: `Assertion failed[: data]` to
/// standard error when `value` is falsy.
fn assert(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    if to_boolean(arg(args, 0)) {
        return Ok(Value::UNDEFINED);
    }
    let mut rest: Vec<Value> = args.iter().skip(1).copied().collect();
    let head = if rest.is_empty() {
        "Assertion failed".to_string()
    } else {
        format!("Assertion failed: {}", rt.to_string_for_display(rest[0])?)
    };
    let head = rt.new_string(&head)?;
    if rest.is_empty() {
        rest.push(Value::string(head));
    } else {
        rest[0] = Value::string(head);
    }
    let rest = rt.rooted_list_from(&rest);
    let text = format_args(rt, &rest, colors_for(true))?;
    write(rt, &text, true);
    Ok(Value::UNDEFINED)
}

/// `console.clear()`: nothing when standard output is not a terminal.
fn clear(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::UNDEFINED)
}

fn count(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let label = label(rt, args)?;
    let n = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let n = s.counts.entry(label.clone()).or_insert(0);
        *n += 1;
        *n
    });
    write(rt, &format!("{label}: {n}"), false);
    Ok(Value::UNDEFINED)
}

fn count_reset(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let label = label(rt, args)?;
    let found = STATE.with(|s| s.borrow_mut().counts.remove(&label).is_some());
    if !found {
        warning(rt, &format!("Count for '{label}' does not exist"));
    }
    Ok(Value::UNDEFINED)
}

fn group(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    if !args.is_empty() {
        log(rt, this, args)?;
    }
    STATE.with(|s| s.borrow_mut().indent += 2);
    Ok(Value::UNDEFINED)
}

fn group_end(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.indent = s.indent.saturating_sub(2);
    });
    Ok(Value::UNDEFINED)
}

/// `console.table(data, properties)` (node's algorithm: an index column,
/// one column per property of the rows, `Values` for primitive rows).
fn table_method(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let data = arg(args, 0);
    let Some(o) = data.as_object() else {
        return log(rt, this, &args[..args.len().min(1)]);
    };
    let properties = arg(args, 1);
    let props: Option<Vec<Value>> = match properties.as_object() {
        Some(p) if p.is_array() => {
            let list = rt.create_list_from_array_like(properties)?;
            Some(list.to_vec())
        }
        _ => None,
    };
    let props = props.map(|p| rt.rooted_list_from(&p));
    let cell = |rt: &mut Runtime, v: Value| -> String {
        let depth = match v.as_object() {
            Some(o) if !o.is_array() => {
                let n = super::own_enumerable_string_keys(rt, o).map_or(0, |k| k.len());
                if n > 2 {
                    None
                } else {
                    Some(0)
                }
            }
            _ => Some(0),
        };
        let opts = Options {
            depth: Some(depth.unwrap_or(0)),
            max_array_length: 3,
            break_length: usize::MAX / 4,
            colors: colors_for(false),
            ..Options::default()
        };
        // node passes depth -1 for objects with more than two keys: they
        // print as `[Object]`.
        if depth.is_none() {
            return match v.as_object() {
                Some(_) if opts.colors => "\u{1b}[36m[Object]\u{1b}[39m".to_string(),
                Some(_) => "[Object]".to_string(),
                None => inspect(rt, v, opts),
            };
        }
        inspect(rt, v, opts)
    };
    let slots = rt.internal_slots(o);
    if let Slots::Map(_) | Slots::Set(_) = slots {
        let entries = rt.collection_entries(o).unwrap_or_default();
        let flat: Vec<Value> = entries.iter().flat_map(|(k, v)| [*k, *v]).collect();
        let flat = rt.rooted_list_from(&flat);
        let n = flat.len() / 2;
        let index: Vec<String> = (0..n).map(|i| cell(rt, Value::number(i as f64))).collect();
        let text = if let Slots::Map(_) = slots {
            let mut keys = Vec::new();
            let mut values = Vec::new();
            for i in 0..n {
                keys.push(cell(rt, flat[2 * i]));
                values.push(cell(rt, flat[2 * i + 1]));
            }
            table::render(
                &["(iteration index)", "Key", "Values"],
                &[
                    index.into_iter().map(Some).collect(),
                    some(keys),
                    some(values),
                ],
            )
        } else {
            let values: Vec<String> = (0..n).map(|i| cell(rt, flat[2 * i])).collect();
            table::render(
                &["(iteration index)", "Values"],
                &[index.into_iter().map(Some).collect(), some(values)],
            )
        };
        write(rt, &text, false);
        return Ok(Value::UNDEFINED);
    }
    let index_keys = super::own_enumerable_string_keys(rt, o)?;
    let index_keys = rt.rooted_list_from(&index_keys);
    // Column name -> cells by row.
    let mut columns: Vec<(String, Vec<Option<String>>)> = Vec::new();
    let mut has_primitives = false;
    let mut values_column: Vec<Option<String>> = vec![None; index_keys.len()];
    for (i, &k) in index_keys.iter().enumerate() {
        let item = rt.get(o, k, data)?;
        let item_list = rt.rooted_list_from(&[item]);
        let primitive = !item.is_object();
        if props.is_none() && primitive {
            has_primitives = true;
            values_column[i] = Some(cell(rt, item_list[0]));
            continue;
        }
        let keys: Vec<PropertyKey> = match &props {
            Some(p) => {
                let mut ks = Vec::new();
                for &v in p.iter() {
                    let s = rt.to_string(v)?;
                    let s = s.to_rust_string();
                    ks.push(rt.key(&s)?);
                }
                ks
            }
            None => match item.as_object() {
                Some(io) => super::own_enumerable_string_keys(rt, io)?,
                None => Vec::new(),
            },
        };
        let keys = rt.rooted_list_from(&keys);
        for &key in keys.iter() {
            let name = key_text(key);
            let col = match columns.iter().position(|(n, _)| *n == name) {
                Some(c) => c,
                None => {
                    columns.push((name, vec![None; index_keys.len()]));
                    columns.len() - 1
                }
            };
            let text = match item.as_object() {
                Some(io) if rt.has_own_property(io, key)? => {
                    let v = rt.get(io, key, item)?;
                    let v = rt.rooted_list_from(&[v]);
                    cell(rt, v[0])
                }
                _ => String::new(),
            };
            columns[col].1[i] = Some(text);
        }
    }
    let mut head: Vec<String> = vec!["(index)".to_string()];
    let mut cols: Vec<Vec<Option<String>>> =
        vec![index_keys.iter().map(|&k| Some(key_text(k))).collect()];
    for (name, c) in columns {
        head.push(name);
        cols.push(c);
    }
    if has_primitives {
        head.push("Values".to_string());
        cols.push(values_column);
    }
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let text = table::render(&head, &cols);
    write(rt, &text, false);
    Ok(Value::UNDEFINED)
}

fn some(v: Vec<String>) -> Vec<Option<String>> {
    v.into_iter().map(Some).collect()
}

fn key_text(k: PropertyKey) -> String {
    match k {
        PropertyKey::Index(i) => i.to_string(),
        PropertyKey::String(s) => s.to_rust_string(),
        PropertyKey::Symbol(_) => String::new(),
    }
}
