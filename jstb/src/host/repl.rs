//! The REPL (`jstb` on a terminal, or `jstb -i`): line editing and a
//! persistent history (rustyline), multi-line input decided by the parser
//! (input that ends before the program does continues on the next line; a
//! real syntax error is reported at once), results printed by the
//! inspector, `_` for the last result, `.help`, `.exit`, `.load FILE`,
//! Ctrl-C to cancel the input (twice on an empty line to exit), Ctrl-D to
//! exit. Each input is a new global script of one realm, so `let`, `const`
//! and `class` declarations persist. An input with a top-level `await`
//! runs in an async function, its declarations hoisted out of it (node's
//! rewrite, `repl_await.rs`), and its result is the awaited value. After
//! each input the event loop runs until it is idle.

use std::process::ExitCode;

use jsparser::{ParseOptions, SourceKind};
use jsruntime::backend::Executor;
use jsruntime::semantics;
use jsruntime::Value;
use rustyline::error::ReadlineError;

use super::inspect::{inspect, Options};
use super::Invocation;

const HELP: &str = "\
.exit     Exit the REPL
.help     Print this help message
.load     Load JS from a file into the REPL session
.clear    Forget the input being continued

Press Ctrl+C to abort the current expression, Ctrl+D to exit the REPL";

/// Runs the REPL until `.exit` or end of input.
pub fn main() -> ExitCode {
    match crate::run_cmd::on_big_stack(|| Ok(run())) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("jstb: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `source` failed to parse only because it ended too early.
fn incomplete(source: &str) -> bool {
    let options = ParseOptions {
        kind: SourceKind::Script,
        strict: false,
    };
    match jsparser::parse(source, options) {
        Ok(_) => false,
        Err(e) => {
            let end = source.trim_end().len();
            e.span.start as usize >= end
                || e.message.starts_with("Unterminated template")
                || e.message.starts_with("Unterminated comment")
        }
    }
}

fn history_path() -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("JSTB_REPL_HISTORY") {
        return (!p.is_empty()).then(|| p.into());
    }
    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".jstb_repl_history"))
}

fn run() -> ExitCode {
    let Ok(mut exec) = Executor::new() else {
        eprintln!("jstb: cannot start the engine");
        return ExitCode::FAILURE;
    };
    if super::install(&mut exec, Invocation::default()).is_err() {
        eprintln!("jstb: cannot install the host");
        return ExitCode::FAILURE;
    }
    let Ok(mut editor) = rustyline::DefaultEditor::new() else {
        eprintln!("jstb: cannot start the line editor");
        return ExitCode::FAILURE;
    };
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    println!(
        "Welcome to jstb {} (the jsruntime engine).\nType \".help\" for more information.",
        env!("CARGO_PKG_VERSION")
    );
    let mut buffer = String::new();
    let mut inputs = 0usize;
    let mut interrupted = false;
    loop {
        let prompt = if buffer.is_empty() { "> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                interrupted = false;
                if buffer.is_empty() {
                    let command = line.trim();
                    if let Some(rest) = command.strip_prefix('.') {
                        let _ = editor.add_history_entry(command);
                        let (name, arg) = rest.split_once(' ').unwrap_or((rest, ""));
                        match name {
                            "exit" => break,
                            "help" => println!("{HELP}"),
                            "clear" => {}
                            "load" => match std::fs::read_to_string(arg.trim()) {
                                Ok(text) => {
                                    inputs += 1;
                                    evaluate(&mut exec, &text, inputs);
                                }
                                Err(e) => println!("Failed to load: {}: {e}", arg.trim()),
                            },
                            _ => println!("Invalid REPL keyword"),
                        }
                        continue;
                    }
                }
                buffer.push_str(&line);
                buffer.push('\n');
                if buffer.trim().is_empty() {
                    buffer.clear();
                    continue;
                }
                if incomplete(&buffer) {
                    continue;
                }
                let _ = editor.add_history_entry(buffer.trim_end());
                inputs += 1;
                let source = std::mem::take(&mut buffer);
                evaluate(&mut exec, &source, inputs);
            }
            Err(ReadlineError::Interrupted) => {
                if buffer.is_empty() {
                    if interrupted {
                        break;
                    }
                    println!("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
                    interrupted = true;
                }
                buffer.clear();
            }
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    ExitCode::SUCCESS
}

/// Runs one input, prints its completion value (or what it threw), then
/// runs the event loop until it is idle.
fn evaluate(exec: &mut Executor, source: &str, n: usize) {
    let name = format!("REPL{n}");
    // Top-level await: the input runs in an async function (node's rule:
    // tried first when the input mentions `await`).
    let rewritten = if source.contains("await") {
        super::repl_await::rewrite(source)
    } else {
        None
    };
    let is_async = rewritten.is_some();
    let source = rewritten.as_deref().unwrap_or(source);
    let options = ParseOptions {
        kind: SourceKind::Script,
        strict: false,
    };
    let ast = match jsparser::parse(source, options) {
        Ok(ast) => ast,
        Err(e) => {
            println!("Uncaught SyntaxError: {}", e.message);
            return;
        }
    };
    let program = match semantics::analyze(&ast) {
        Ok(p) => p,
        Err(e) => {
            println!("Uncaught SyntaxError: {}", e.message);
            return;
        }
    };
    let id = exec.load(program);
    exec.set_source(id, &name, source);
    let result = exec.run(id);
    let result = match result {
        Ok(Ok(v)) if is_async => await_result(exec, v),
        other => other,
    };
    match result {
        Ok(Ok(v)) => {
            let opts = Options {
                colors: super::inspect::colors_for(false),
                ..Options::default()
            };
            let text = inspect(&mut exec.runtime, v, opts);
            println!("{text}");
            let _ = exec.define_global("_", v);
        }
        Ok(Err(thrown)) => print_uncaught(exec, thrown.0, ""),
        Err(e) => println!("Uncaught {e}"),
    }
    exec.runtime.clear_kept_objects();
    let mut report = |exec: &mut Executor, v: Value, what: &str| print_uncaught(exec, v, what);
    super::event_loop::run(exec, &mut report);
}

/// Waits for the promise `v` of a top-level-await input: runs the event
/// loop until it is idle, then gives the promise's value or reason (a
/// promise still pending gives `undefined`, where node would wait).
fn await_result(
    exec: &mut Executor,
    v: Value,
) -> Result<jsruntime::JsResult<Value>, jsruntime::backend::CompileError> {
    use jsruntime::runtime::introspect::{PromiseInfo, Slots};
    let Some(promise) = v.as_object() else {
        return Ok(Ok(v));
    };
    // A rejection is the input's exception, not an unhandled rejection.
    let keep = exec.runtime.persistent(v);
    if let Err(t) = mark_handled(&mut exec.runtime, v) {
        return Ok(Err(t));
    }
    let mut report = |exec: &mut Executor, v: Value, what: &str| print_uncaught(exec, v, what);
    super::event_loop::run(exec, &mut report);
    let state = exec.runtime.internal_slots(promise);
    drop(keep);
    Ok(match state {
        Slots::Promise(PromiseInfo::Fulfilled(v)) => Ok(v),
        Slots::Promise(PromiseInfo::Rejected(r)) => Err(jsruntime::Thrown(r)),
        _ => Ok(Value::UNDEFINED),
    })
}

/// `promise.then(undefined, () => {})`.
fn mark_handled(rt: &mut jsruntime::Runtime, promise: Value) -> jsruntime::JsResult<()> {
    let key = rt.key("then")?;
    let then = rt.get_v(promise, key)?;
    let name = rt.new_string("")?;
    let noop = rt.new_native_function(name, 1, |_, _, _| Ok(Value::UNDEFINED), None)?;
    rt.call(then, promise, &[Value::UNDEFINED, Value::object(noop)])?;
    Ok(())
}

/// `Uncaught NAME: MESSAGE` for errors, `Uncaught VALUE` (inspected) for
/// other values.
fn print_uncaught(exec: &mut Executor, v: Value, what: &str) {
    let is_error = v.as_object().is_some_and(|o| {
        matches!(
            exec.runtime.internal_slots(o),
            jsruntime::runtime::introspect::Slots::Error
        )
    });
    let text = if is_error {
        exec.runtime.format_exception(v)
    } else {
        inspect(&mut exec.runtime, v, Options::default())
    };
    println!("Uncaught {what}{text}");
}
