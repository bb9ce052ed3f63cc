//! `jstb run FILE`: parse, analyze and run a script with the Cranelift
//! backend.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use jsparser::lexer::LineIndex;
use jsparser::Span;
use jsparser::{ParseOptions, SourceKind};
use jsruntime::backend::{Executor, Trace};
use jsruntime::gc::Gc;
use jsruntime::object::{JsObject, StoredProperty};
use jsruntime::runtime::introspect::Slots;
use jsruntime::semantics::{self, AnalyzeError, Program};
use jsruntime::value::Value;
use jsruntime::Runtime;

use crate::diag;

#[derive(clap::Args)]
pub struct RunArgs {
    /// The script to run, or `-` for standard input.
    pub file: String,
    /// Print how many functions were compiled vs. defined (to stderr).
    #[arg(long)]
    pub stats: bool,
    /// GC stress mode: collect at every N-th allocation and poison freed
    /// cells (0: off) [default: the JSRUNTIME_GC_STRESS environment variable].
    #[arg(long, value_name = "N")]
    pub gc_stress: Option<u32>,
    /// Run the file as an ES module (default: `.mjs` files, and `.js` files
    /// that only parse as modules: `import`/`export`, top-level `await`).
    #[arg(long, conflicts_with = "script")]
    pub module: bool,
    /// Run the file as a classic script (default for `.cjs` files).
    #[arg(long)]
    pub script: bool,
    /// Stop the script after this many seconds (an uncatchable termination
    /// at the next loop iteration, call or built-in step).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Maximum heap size (collected cells plus the memory they own):
    /// exceeding it throws a RangeError "Out of memory". A number with an
    /// optional unit K, M or G (default M).
    #[arg(long, value_name = "SIZE", value_parser = parse_max_heap)]
    pub max_heap: Option<usize>,
    /// Native stack for JavaScript recursion (the "Maximum call stack size
    /// exceeded" limit). A number with an optional unit K, M or G (default K,
    /// as node's --stack-size).
    #[arg(long, value_name = "SIZE", value_parser = parse_stack_size)]
    pub stack_size: Option<usize>,
    /// Arguments for the program (`process.argv` after the script).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// Which goal symbol a file is parsed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    Script,
    Module,
    /// Decide from the name and the syntax (see [`detect_goal`]).
    Detect,
}

/// The goal of a file as node decides it: `.mjs` is a module, `.cjs` a
/// script, anything else a script unless it only parses as a module (it
/// has `import`/`export` declarations, `import.meta` or top-level `await`).
pub fn detect_goal(name: &str, source: &str, goal: Goal) -> SourceKind {
    match goal {
        Goal::Script => return SourceKind::Script,
        Goal::Module => return SourceKind::Module,
        Goal::Detect => {}
    }
    if name.ends_with(".mjs") {
        return SourceKind::Module;
    }
    if name.ends_with(".cjs") {
        return SourceKind::Script;
    }
    let script = ParseOptions {
        kind: SourceKind::Script,
        strict: false,
    };
    if jsparser::parse(source, script).is_ok() {
        return SourceKind::Script;
    }
    if jsparser::parse(source, ParseOptions::module()).is_ok() {
        SourceKind::Module
    } else {
        SourceKind::Script
    }
}

/// Reads, parses and analyzes a file; prints diagnostics and returns `None`
/// on failure. Shared with `jstb compile`.
pub fn load(file: &str) -> Option<(String, String, Program)> {
    load_as(file, Goal::Detect)
}

/// [`load`] with a goal.
pub fn load_as(file: &str, goal: Goal) -> Option<(String, String, Program)> {
    let (name, read) = if file == "-" {
        ("<stdin>".to_string(), diag::read_stdin())
    } else {
        (file.to_string(), diag::read_source(Path::new(file)))
    };
    let source = match read {
        Ok(source) => source,
        Err(err) => {
            eprintln!("{name}: {err}");
            return None;
        }
    };
    load_source_as(name, source, goal)
}

/// Parses and analyzes a program's text (`name` for messages).
pub fn load_source(name: String, source: String) -> Option<(String, String, Program)> {
    load_source_as(name, source, Goal::Detect)
}

/// [`load_source`] with a goal.
pub fn load_source_as(
    name: String,
    source: String,
    goal: Goal,
) -> Option<(String, String, Program)> {
    let kind = detect_goal(&name, &source, goal);
    let options = ParseOptions {
        kind,
        strict: kind == SourceKind::Module,
    };
    let ast = match jsparser::parse(&source, options) {
        Ok(ast) => ast,
        Err(err) => {
            eprintln!("{}", diag::render_syntax_error(&name, &source, &err));
            return None;
        }
    };
    match semantics::analyze(&ast) {
        Ok(program) => Some((name, source, program)),
        Err(err) => {
            eprintln!("{}", render_analyze_error(&name, &source, &err));
            None
        }
    }
}

/// `FILE:LINE:COL: error: MESSAGE`.
pub fn render_analyze_error(name: &str, source: &str, err: &AnalyzeError) -> String {
    let index = LineIndex::new(source);
    let (line, col) = index.line_col(err.span.start);
    format!("{name}:{line}:{col}: error: {}", err.message)
}

/// Runs `job` on a thread with a big stack (deep recursion in the analyzer
/// and in JavaScript code).
pub fn on_big_stack<T: Send + 'static>(
    job: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    std::thread::Builder::new()
        .name("run".into())
        .stack_size(crate::BIG_STACK)
        .spawn(job)
        .context("cannot start the runner thread")?
        .join()
        .map_err(|_| anyhow::anyhow!("the runner thread panicked"))?
}

pub fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let file = args.file.clone();
    let stats = args.stats;
    let gc_stress = args.gc_stress;
    let limits = Limits {
        timeout: args.timeout,
        max_heap: args.max_heap,
        stack_size: args.stack_size,
    };
    let invocation = crate::host::Invocation {
        script: (file != "-").then(|| file.clone()),
        args: args.args.clone(),
        print_result: false,
    };
    let goal = match (args.module, args.script) {
        (true, _) => Goal::Module,
        (_, true) => Goal::Script,
        _ => Goal::Detect,
    };
    on_big_stack(move || {
        let Some(loaded) = load_as(&file, goal) else {
            return Ok(ExitCode::FAILURE);
        };
        run_loaded_with(loaded, invocation, stats, gc_stress, &limits)
    })
}

/// The limits `jstb run` puts on a script (`runtime::limits`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Limits {
    /// Seconds before the script is terminated.
    pub timeout: Option<f64>,
    /// Maximum heap size in bytes.
    pub max_heap: Option<usize>,
    /// Native stack for JavaScript recursion, in bytes.
    pub stack_size: Option<usize>,
}

/// `SIZE[K|M|G]` in bytes, `default_unit` for a bare number.
fn parse_size(text: &str, default_unit: usize) -> Result<usize, String> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let unit = match unit.to_ascii_uppercase().as_str() {
        "" => default_unit,
        "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        other => return Err(format!("unknown unit {other:?} (use K, M or G)")),
    };
    let n: f64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("not a size: {text:?}"))?;
    if !(n.is_finite() && n > 0.0) {
        return Err(format!("not a positive size: {text:?}"));
    }
    Ok((n * unit as f64).min(usize::MAX as f64) as usize)
}

pub fn parse_max_heap(text: &str) -> Result<usize, String> {
    parse_size(text, 1 << 20)
}

pub fn parse_stack_size(text: &str) -> Result<usize, String> {
    parse_size(text, 1 << 10)
}

/// Stops a watchdog thread when dropped.
struct Watchdog(Option<std::sync::mpsc::Sender<()>>);

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.0.take();
    }
}

/// Applies `limits` to a new executor's runtime; the returned guard keeps
/// the timeout's watchdog thread until the run is over.
fn apply_limits(exec: &mut Executor, limits: &Limits) -> Watchdog {
    if let Some(bytes) = limits.stack_size {
        exec.runtime.set_stack_size(bytes);
    }
    if limits.max_heap.is_some() {
        exec.runtime.set_max_heap(limits.max_heap);
    }
    let Some(seconds) = limits.timeout.filter(|s| s.is_finite() && *s >= 0.0) else {
        return Watchdog(None);
    };
    let handle = exec.runtime.interrupt_handle();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let duration = std::time::Duration::from_secs_f64(seconds.min(1e9));
    let spawned = std::thread::Builder::new()
        .name("watchdog".into())
        .spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(duration) {
                handle.interrupt();
            }
        });
    if spawned.is_err() {
        eprintln!("jstb: warning: cannot start the --timeout watchdog");
    }
    Watchdog(Some(tx))
}

/// Runs a loaded program with the host environment and `limits`, then
/// the event loop.
pub fn run_loaded_with(
    (name, source, program): (String, String, Program),
    invocation: crate::host::Invocation,
    stats: bool,
    gc_stress: Option<u32>,
    limits: &Limits,
) -> anyhow::Result<ExitCode> {
    let print_result = invocation.print_result;
    let defined = program.functions.len();
    // Both callers (`jstb run`, `jstb FILE`) end the process after this
    // run, so the executor is left to the operating system instead of being
    // dropped: unmapping the heap blocks and JIT pages one by one was about
    // 5 % of a hello world (docs/performance.md). Output is flushed by each
    // write, and nothing else waits for the drop.
    let mut exec =
        std::mem::ManuallyDrop::new(Executor::new().map_err(|e| anyhow::anyhow!("{e}"))?);
    if let Some(n) = gc_stress {
        exec.runtime.set_gc_stress(n);
    }
    let _watchdog = apply_limits(&mut exec, limits);
    if program.module.is_some() {
        crate::host::install(&mut exec, invocation)
            .map_err(|_| anyhow::anyhow!("cannot install the host"))?;
        let code = crate::run_module::run_main_module(&mut exec, &name, &source);
        print_stats(&exec, stats, defined);
        return Ok(code);
    }
    exec.set_module_loader(std::rc::Rc::new(jsruntime::backend::FileLoader));
    let id = exec.load(program);
    exec.set_source(id, &name, &source);
    crate::host::install(&mut exec, invocation)
        .map_err(|_| anyhow::anyhow!("cannot install the host"))?;
    let result = exec.run(id).map_err(|e| anyhow::anyhow!("{e}"))?;
    // The script's job is over: WeakRef targets it read may die now
    // (ClearKeptObjects); FinalizationRegistry cleanups run from the job
    // queue.
    exec.runtime.clear_kept_objects();
    let code = match result {
        Ok(value) => {
            if print_result {
                crate::host::print_result(&mut exec.runtime, value);
            }
            run_jobs(&mut exec, &name, &source, id)
        }
        Err(thrown) => {
            report_uncaught(&mut exec, &name, &source, id, thrown.0, "");
            ExitCode::FAILURE
        }
    };
    print_stats(&exec, stats, defined);
    Ok(code)
}

fn print_stats(exec: &Executor, stats: bool, defined: usize) {
    if stats {
        let s = exec.stats();
        eprintln!(
            "functions: {} interpreted, {} compiled / {defined} defined ({} closures' templates), {} full-tier compilations, {} on-stack replacements",
            s.interpreted_functions, s.compiled_functions, s.templates, s.tiered_up, s.osr_entries
        );
        let c = exec.compile_costs();
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        let h = exec.runtime.heap_stats();
        eprintln!(
            "gc: {} collections, {:.1} ms marking, {:.1} ms sweeping, {} KB live after the last",
            h.collections,
            ms(h.mark_time),
            ms(h.sweep_time),
            h.live_bytes / 1024
        );
        eprintln!(
            "compile: {:.1} ms in Cranelift, {} IR instructions, {} bytes of machine code",
            ms(c.time),
            c.ir_insts,
            c.code_bytes
        );
        eprintln!(
            "code memory: {} bytes mapped, {} bytes of eval code freed, {} bytes free for reuse",
            c.code_memory_mapped, c.freed_code_bytes, c.code_memory_free
        );
        eprintln!(
            "compile: {:.1} ms building IR; Cranelift quick tier {:.1} ms / {} IR instructions, \
             compile thread {:.1} ms / {} IR instructions / {} functions",
            ms(c.build_time),
            ms(c.quick_time),
            c.quick_insts,
            ms(c.background_time),
            c.background_insts,
            c.background_functions
        );
        let (mono, poly, wide, mega, misses) = exec.runtime.inline_cache_stats();
        eprintln!(
            "inline caches: {mono} monomorphic, {poly} with 2-4 entries, {wide} with 5-16, \
             {mega} megamorphic ({misses} misses with every entry full); prototype epoch {}, \
             {} cells embedded in compiled code",
            jsruntime::runtime::inline_cache::PROTO_EPOCH
                .load(std::sync::atomic::Ordering::Relaxed),
            exec.runtime.code_cell_count()
        );
        if std::env::var_os("JSRUNTIME_CRANELIFT_TIMING").is_some() {
            eprint!("{}", exec.cranelift_pass_times());
        }
    }
}

/// Runs the event loop after the script (ECMA-262 9.5: promise jobs run
/// once the script's execution context is gone; then timers), stopping at
/// the first uncaught exception or unhandled rejection as node does (exit
/// code 1); else the exit code is `process.exitCode` or 0.
fn run_jobs(exec: &mut Executor, name: &str, source: &str, id: usize) -> ExitCode {
    let mut report = |exec: &mut Executor, thrown: Value, what: &str| {
        report_uncaught(exec, name, source, id, thrown, what);
    };
    if !crate::host::event_loop::run(exec, &mut report) {
        return ExitCode::FAILURE;
    }
    match crate::host::process::exit_code(&mut exec.runtime) {
        Some(code) => ExitCode::from(code as u8),
        None => ExitCode::SUCCESS,
    }
}

/// Prints an uncaught exception (`what` qualifies it: `(in promise) `).
pub fn report_uncaught(
    exec: &mut Executor,
    name: &str,
    source: &str,
    id: usize,
    thrown: Value,
    what: &str,
) {
    if exec.runtime.is_termination(thrown) {
        eprintln!("{name}: terminated (--timeout or an interrupt)");
        return;
    }
    let text = format!("{what}{}", describe_exception(exec, thrown));
    let trace = exec.exception_trace(thrown);
    eprintln!(
        "{}",
        render_uncaught(name, source, id, &text, trace.as_ref())
    );
}

/// An uncaught exception as V8 reports it, in `jstb parse`'s layout:
/// `FILE:LINE:COL: Uncaught NAME: MESSAGE` (the throw site), the source line
/// with a caret, then `    at FUNCTION (FILE:LINE:COL)` per frame the
/// exception left, innermost first.
pub fn render_uncaught(
    name: &str,
    source: &str,
    program: usize,
    text: &str,
    trace: Option<&Trace>,
) -> String {
    let Some(trace) = trace else {
        return format!("{name}: Uncaught {text}");
    };
    let mut out = String::new();
    // The throw site is the innermost frame in this file with a position.
    let site = trace
        .frames
        .first()
        .filter(|f| f.program == program)
        .and_then(|f| Some((f.line_col?, f.offset?)));
    match site {
        Some(((line, col), offset)) => {
            out.push_str(&format!("{name}:{line}:{col}: Uncaught {text}\n"));
            let index = LineIndex::new(source);
            out.push_str(&diag::render_excerpt(
                source,
                &index,
                Span::new(offset, offset),
            ));
        }
        None => out.push_str(&format!("{name}: Uncaught {text}")),
    }
    for frame in &trace.frames {
        out.push_str(&format!("\n    {frame}"));
    }
    if trace.omitted > 0 {
        out.push_str(&format!("\n    ... {} more", trace.omitted));
    }
    out
}

/// An uncaught exception as node prints it: an Error object (one with
/// [[ErrorData]]) as `NAME: MESSAGE` (ECMA-262 20.5.3.4
/// Error.prototype.toString, reading data properties only), a string as it
/// is, anything else as `util.inspect` shows it (`-0`, `123n`,
/// `[Object: null prototype] {}`, `<ref *1> [ 1, [Circular *1] ]`).
/// No user getter or `toString` runs, so a hostile value cannot hang or
/// overflow the printer.
pub fn describe_exception(exec: &mut Executor, v: Value) -> String {
    let rt = &mut exec.runtime;
    if let Some(o) = v.as_object() {
        if matches!(rt.internal_slots(o), Slots::Error) {
            let name = data_string(rt, o, "name").unwrap_or_else(|| "Error".to_owned());
            return match data_string(rt, o, "message") {
                Some(m) if !m.is_empty() => format!("{name}: {m}"),
                _ => name,
            };
        }
    }
    if let Some(s) = v.as_string() {
        return s.to_rust_string();
    }
    crate::host::inspect::inspect_default(rt, v)
}

/// A string-valued data property of `o` or its prototypes (accessors and
/// other values: `None`); reads storage only, so no user code runs.
fn data_string(rt: &mut Runtime, o: Gc<JsObject>, name: &str) -> Option<String> {
    let key = rt.key(name).ok()?;
    let mut current = Some(o);
    // Prototype chains are finite but may be long: bound the walk.
    for _ in 0..1000 {
        let o = current?;
        // A built-in object's properties may not be created yet.
        rt.materialize(o).ok()?;
        match o.stored_property(key) {
            Some(StoredProperty::Data(v, _)) => return Some(v.as_string()?.to_rust_string()),
            Some(StoredProperty::Accessor { .. }) => return None,
            None => current = o.proto().as_object(),
        }
    }
    None
}
