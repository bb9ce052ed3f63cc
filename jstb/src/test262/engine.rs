//! The engine behind `jstb test262` in execution mode, as a small trait, and
//! the construction of a test's program from the harness (INTERPRETING.md).
//!
//! [`JsRuntimeEngine`] runs tests with `jsruntime`'s Cranelift backend: one
//! fresh [`Executor`] (realm) per run, the harness files and the test as
//! separate global scripts ([`Executor::eval_script`]), `print` captured.
//! [`NotYetEngine`] is the stand-in that answers every test with
//! "execution not supported yet" (kept for tests of the runner).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jsparser::SourceKind;
use jsruntime::backend::{Executor, FileLoader, ScriptError};
use jsruntime::runtime::CapturedOutput;
use jsruntime::value::Value;
use serde::{Deserialize, Serialize};

use super::cases::Mode;
use super::meta::Phase;

/// One script evaluated in the test realm before the test (a harness file).
#[derive(Clone, Debug)]
pub struct Script {
    /// `harness/assert.js`, for messages.
    pub name: String,
    pub source: String,
}

/// What to run for one test in one mode.
#[derive(Clone, Debug)]
pub struct Program<'a> {
    /// The test file; module specifiers (`./x_FIXTURE.js`) resolve beside it.
    pub path: &'a Path,
    /// Harness scripts, evaluated in order as global scripts of the test's
    /// realm (sloppy, unmodified) before the test. Empty for `raw` tests.
    pub prelude: &'a [Script],
    /// The test source, with `"use strict";\n` prepended in strict mode.
    pub source: &'a str,
    pub kind: SourceKind,
    /// The source starts with the directive (strict mode scripts); modules
    /// are strict anyway.
    pub strict: bool,
}

/// An uncaught exception, with the phase it happened in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrownError {
    /// The thrown value's constructor name (`SyntaxError`, `Test262Error`).
    pub name: String,
    pub message: String,
    pub phase: Phase,
}

/// Why a run did not complete normally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EngineError {
    Thrown(ThrownError),
    /// The engine cannot run this program at all (not an exception).
    Unsupported(String),
}

/// The result of running a program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOutput {
    /// Each string passed to the host's `print`, in order.
    pub printed: Vec<String>,
    pub result: Result<(), EngineError>,
}

/// A JavaScript engine able to run test262 programs. Each call must use a
/// fresh realm; `$262` and `print` are the engine's to provide.
pub trait Engine {
    fn run(&self, program: &Program<'_>) -> RunOutput;
}

/// The stand-in engine that runs nothing (tests of the runner).
#[allow(dead_code)]
pub struct NotYetEngine;

impl Engine for NotYetEngine {
    fn run(&self, _program: &Program<'_>) -> RunOutput {
        RunOutput {
            printed: Vec::new(),
            result: Err(EngineError::Unsupported(
                "execution not supported yet".into(),
            )),
        }
    }
}

/// The engine `jstb test262` uses in execution mode.
pub fn default_engine() -> Box<dyn Engine> {
    Box::new(JsRuntimeEngine)
}

/// `jsruntime` with the Cranelift backend (INTERPRETING.md): a fresh realm
/// per run, the prelude and the test evaluated in order as global scripts.
pub struct JsRuntimeEngine;

impl Engine for JsRuntimeEngine {
    fn run(&self, program: &Program<'_>) -> RunOutput {
        let captured = CapturedOutput::default();
        let result = run_in_fresh_realm(program, &captured);
        // The test's agents end with it.
        super::agent::finish();
        let text = captured.text();
        RunOutput {
            printed: text.lines().map(str::to_string).collect(),
            result,
        }
    }
}

fn run_in_fresh_realm(program: &Program<'_>, out: &CapturedOutput) -> Result<(), EngineError> {
    let mut exec = Executor::new()
        .map_err(|e| EngineError::Unsupported(format!("cannot create a runtime: {e}")))?;
    exec.runtime.set_output(Box::new(out.clone()));
    super::agent::install_main(&mut exec)
        .map_err(|_| EngineError::Unsupported("cannot install $262.agent".into()))?;
    // Module specifiers (`./x_FIXTURE.js`) resolve beside the test file,
    // also for `import()` in scripts.
    exec.set_module_loader(std::rc::Rc::new(FileLoader));
    let referrer = program.path.to_string_lossy().into_owned();
    for script in program.prelude {
        // A harness file that cannot run makes the test unrunnable; one
        // that throws is a runtime failure like the test's own.
        match exec.eval_script(&script.source, false) {
            Ok(Ok(_)) => {}
            Ok(Err(thrown)) => return Err(thrown_error(&mut exec, thrown.0)),
            Err(e) => {
                return Err(EngineError::Unsupported(format!("{}: {e}", script.name)));
            }
        }
    }
    // Async tests print their completion (harness/doneprintHandle.js).
    let is_async = program
        .prelude
        .iter()
        .any(|s| s.name == "harness/doneprintHandle.js");
    let keep_alive = is_async.then_some(out);
    if program.kind == SourceKind::Module {
        return run_module(&mut exec, program, keep_alive);
    }
    let result = exec.eval_script_named(program.source, program.strict, &referrer);
    match result {
        Ok(Ok(_)) => run_jobs(&mut exec, keep_alive),
        Ok(Err(thrown)) => Err(thrown_error(&mut exec, thrown.0)),
        Err(ScriptError::Syntax(e)) => Err(EngineError::Thrown(ThrownError {
            name: "SyntaxError".into(),
            message: e.message,
            phase: Phase::Parse,
        })),
        Err(e) => Err(EngineError::Unsupported(e.to_string())),
    }
}

/// Runs a module test: a parse error of the test file is of phase
/// `parse`; a load or link error (a dependency that does not parse, an
/// import that does not resolve) of phase `resolution`; an evaluation error
/// rejects the module's promise (phase `runtime`).
fn run_module(
    exec: &mut Executor,
    program: &Program<'_>,
    keep_alive: Option<&CapturedOutput>,
) -> Result<(), EngineError> {
    if let Err(e) = jsparser::parse(program.source, jsparser::ParseOptions::module()) {
        return Err(EngineError::Thrown(ThrownError {
            name: "SyntaxError".into(),
            message: e.message,
            phase: Phase::Parse,
        }));
    }
    let path = program.path.to_string_lossy().into_owned();
    let promise = match exec.load_module(&path, None) {
        Ok(m) => match exec.link_module(m) {
            Ok(()) => exec.evaluate_module(m),
            Err(e) => Err(e),
        }
        .map_err(|e| resolution_error(exec, e.0)),
        Err(e) => Err(resolution_error(exec, e.0)),
    }?;
    let main = exec.runtime.persistent(promise);
    let jobs = run_jobs(exec, keep_alive);
    match jsruntime::backend::module::promise_outcome(main.get()) {
        Some(Err(reason)) => Err(thrown_error(exec, reason)),
        _ => jobs,
    }
}

/// A load or link error, as an error of phase `resolution`.
fn resolution_error(exec: &mut Executor, v: Value) -> EngineError {
    match thrown_error(exec, v) {
        EngineError::Thrown(mut e) => {
            e.phase = Phase::Resolution;
            EngineError::Thrown(e)
        }
        e => e,
    }
}

/// Drains the job queue after the test (async tests report through
/// `print` from promise jobs): the first job that throws is the test's
/// uncaught exception; the queue is drained anyway (as a host reports and
/// goes on). Unhandled rejections are not errors here.
///
/// An async test (`keep_alive`) also waits for its pending
/// `Atomics.waitAsync` promises (a notification from an agent, a timeout)
/// until it reports completion through `print`.
fn run_jobs(exec: &mut Executor, keep_alive: Option<&CapturedOutput>) -> Result<(), EngineError> {
    let mut first_error = None;
    loop {
        while let Some(result) = exec.runtime.run_next_job() {
            if let (Err(thrown), None) = (result, &first_error) {
                first_error = Some(thrown_error(exec, thrown.0));
            }
        }
        let Some(out) = keep_alive else { break };
        if !exec.runtime.has_pending_async_waits() {
            break;
        }
        let text = out.text();
        if text.contains("Test262:AsyncTestComplete") || text.contains("Test262:AsyncTestFailure") {
            break;
        }
        if exec.runtime.wait_for_async_waits().is_err() {
            break;
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// A runtime exception: the thrown value's constructor name and message
/// (property reads only; getters may run). A function the backend cannot
/// compile yet surfaces as an `Error` thrown at its first call: reported
/// as unsupported, not as an exception of the test.
fn thrown_error(exec: &mut Executor, v: Value) -> EngineError {
    let rt = &mut exec.runtime;
    let mut name = String::new();
    let mut message = String::new();
    if let Some(o) = v.as_object() {
        let constructor = rt.get_by_name(o, "constructor").ok();
        if let Some(c) = constructor.and_then(|c| c.as_object()) {
            if let Ok(n) = rt.get_by_name(c, "name") {
                if n.as_string().is_some() {
                    name = rt.to_string_for_display(n).unwrap_or_default();
                }
            }
        }
        if let Ok(m) = rt.get_by_name(o, "message") {
            if !m.is_undefined() {
                message = rt.to_string_for_display(m).unwrap_or_default();
            }
        }
    } else {
        message = rt
            .to_string_for_display(v)
            .unwrap_or_else(|_| "<exception>".into());
    }
    if name == "Error" && message.starts_with("cannot compile the function: ") {
        return EngineError::Unsupported(message);
    }
    EngineError::Thrown(ThrownError {
        name,
        message,
        phase: Phase::Runtime,
    })
}

/// Harness files, read once per worker.
pub struct Harness {
    dir: PathBuf,
    cache: HashMap<String, Result<String, String>>,
}

impl Harness {
    pub fn new(test262_dir: &Path) -> Harness {
        Harness {
            dir: test262_dir.join("harness"),
            cache: HashMap::new(),
        }
    }

    /// The harness file `name` (`assert.js`): a plain file name only.
    pub fn file(&mut self, name: &str) -> Result<Script, String> {
        let dir = &self.dir;
        let text = self.cache.entry(name.to_string()).or_insert_with(|| {
            if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
                return Err(format!("bad include name {name:?}"));
            }
            let path = dir.join(name);
            crate::diag::read_source(&path).map_err(|e| format!("harness/{name}: {e}"))
        });
        text.clone().map(|source| Script {
            name: format!("harness/{name}"),
            source,
        })
    }

    /// The prelude of a test (INTERPRETING.md): `assert.js`, `sta.js`,
    /// `doneprintHandle.js` for async tests, then the includes in order;
    /// nothing for raw tests.
    pub fn prelude(
        &mut self,
        raw: bool,
        is_async: bool,
        includes: &[String],
    ) -> Result<Vec<Script>, String> {
        if raw {
            return Ok(Vec::new());
        }
        let mut names = vec!["assert.js", "sta.js"];
        if is_async {
            names.push("doneprintHandle.js");
        }
        names.extend(includes.iter().map(String::as_str));
        let mut scripts: Vec<Script> = Vec::with_capacity(names.len());
        for name in names {
            // An include listed twice (or a default listed again) runs once.
            if scripts.iter().any(|s| s.name == format!("harness/{name}")) {
                continue;
            }
            scripts.push(self.file(name)?);
        }
        Ok(scripts)
    }
}

/// The source a mode runs: strict mode scripts get the directive prepended
/// (INTERPRETING.md: `"use strict";` and a newline, before anything else).
pub fn test_source(source: &str, mode: Mode) -> String {
    match mode {
        Mode::Strict => format!("\"use strict\";\n{source}"),
        Mode::Sloppy | Mode::Module => source.to_string(),
    }
}

/// The goal and strictness of a mode.
pub fn mode_kind(mode: Mode) -> (SourceKind, bool) {
    match mode {
        Mode::Sloppy => (SourceKind::Script, false),
        Mode::Strict => (SourceKind::Script, true),
        Mode::Module => (SourceKind::Module, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn harness_dir() -> tempdir::Dir {
        let dir = tempdir::Dir::new("harness");
        let h = dir.path().join("harness");
        std::fs::create_dir_all(&h).unwrap();
        for name in [
            "assert.js",
            "sta.js",
            "doneprintHandle.js",
            "compareArray.js",
        ] {
            std::fs::write(h.join(name), format!("// {name}\n")).unwrap();
        }
        dir
    }

    #[test]
    fn prelude_order() {
        let dir = harness_dir();
        let mut harness = Harness::new(dir.path());
        let names = |p: Vec<Script>| p.into_iter().map(|s| s.name).collect::<Vec<_>>();
        let p = harness
            .prelude(false, true, &["compareArray.js".into(), "sta.js".into()])
            .unwrap();
        assert_eq!(
            names(p),
            [
                "harness/assert.js",
                "harness/sta.js",
                "harness/doneprintHandle.js",
                "harness/compareArray.js"
            ]
        );
        assert!(harness.prelude(true, true, &[]).unwrap().is_empty());
        assert!(harness.prelude(false, false, &["nope.js".into()]).is_err());
        assert!(harness
            .prelude(false, false, &["../etc/passwd".into()])
            .is_err());
        let p = harness.prelude(false, false, &[]).unwrap();
        assert_eq!(p[0].source, "// assert.js\n");
    }

    #[test]
    fn strict_source_and_kinds() {
        assert_eq!(test_source("x", Mode::Strict), "\"use strict\";\nx");
        assert_eq!(test_source("x", Mode::Sloppy), "x");
        assert_eq!(test_source("x", Mode::Module), "x");
        assert_eq!(mode_kind(Mode::Module), (SourceKind::Module, true));
        assert_eq!(mode_kind(Mode::Sloppy), (SourceKind::Script, false));
    }

    fn run(prelude: &[(&str, &str)], source: &str, strict: bool) -> RunOutput {
        let prelude: Vec<Script> = prelude
            .iter()
            .map(|(name, source)| Script {
                name: name.to_string(),
                source: source.to_string(),
            })
            .collect();
        JsRuntimeEngine.run(&Program {
            path: Path::new("t.js"),
            prelude: &prelude,
            source,
            kind: SourceKind::Script,
            strict,
        })
    }

    fn thrown(out: &RunOutput) -> Option<(String, Phase)> {
        match &out.result {
            Err(EngineError::Thrown(t)) => Some((t.name.clone(), t.phase)),
            _ => None,
        }
    }

    #[test]
    fn engine_runs_prelude_and_test() {
        let prelude = [
            (
                "harness/a.js",
                "function Test262Error(m) { this.message = m; }\nvar x = 1;",
            ),
            ("harness/b.js", "var y = x + 1;"),
        ];
        let out = run(
            &prelude,
            "print('y', y); print(typeof $262.evalScript);",
            false,
        );
        assert_eq!(out.result, Ok(()));
        assert_eq!(out.printed, ["y 2", "function"]);
        // Constructor names of thrown values, and the phase.
        let out = run(&prelude, "throw new Test262Error('no');", false);
        assert_eq!(thrown(&out), Some(("Test262Error".into(), Phase::Runtime)));
        let out = run(&[], "null.x;", false);
        assert_eq!(thrown(&out), Some(("TypeError".into(), Phase::Runtime)));
        let out = run(&[], "\"use strict\";\nvar let = 1;", true);
        assert_eq!(thrown(&out), Some(("SyntaxError".into(), Phase::Parse)));
        // A fresh realm per run.
        let out = run(&[], "print(typeof y);", false);
        assert_eq!(out.printed, ["undefined"]);
    }

    #[test]
    fn jobs_run_after_the_test() {
        let source = "Promise.resolve(1).then(function (v) { print('job ' + v); });\n\
                      print('script');";
        let out = run(&[], source, false);
        assert_eq!(out.result, Ok(()));
        assert_eq!(out.printed, ["script", "job 1"]);
        let out = run(&[], "Promise.reject(new RangeError('r'));", false);
        assert_eq!(out.result, Ok(()));
    }

    #[test]
    fn eval_script_shares_the_realm() {
        let source = "var v = 1; function f() { return v; } f();\n\
                      $262.evalScript('var v = 2;');\n\
                      print(f());\n\
                      try { $262.evalScript('('); } catch (e) { print(e.constructor.name); }";
        let out = run(&[], source, false);
        assert_eq!(out.result, Ok(()));
        assert_eq!(out.printed, ["2", "SyntaxError"]);
    }

    #[test]
    fn not_yet_engine_is_honest() {
        let out = NotYetEngine.run(&Program {
            path: Path::new("t.js"),
            prelude: &[],
            source: "",
            kind: SourceKind::Script,
            strict: false,
        });
        assert!(matches!(out.result, Err(EngineError::Unsupported(_))));
    }

    /// A minimal temporary directory for tests (no extra dependency).
    pub mod tempdir {
        use std::path::{Path, PathBuf};

        pub struct Dir(PathBuf);

        impl Dir {
            pub fn new(tag: &str) -> Dir {
                use std::sync::atomic::{AtomicU32, Ordering};
                static N: AtomicU32 = AtomicU32::new(0);
                let n = N.fetch_add(1, Ordering::Relaxed);
                let path = std::env::temp_dir()
                    .join(format!("jstb-test-{tag}-{}-{n}", std::process::id()));
                let _ = std::fs::remove_dir_all(&path);
                std::fs::create_dir_all(&path).unwrap();
                Dir(path)
            }
            pub fn path(&self) -> &Path {
                &self.0
            }
        }

        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    /// `$262.agent`: two agents wait on the same element of a shared block;
    /// the main agent wakes them one at a time (FIFO per address), and
    /// their reports come back through `getReport`.
    #[test]
    fn agents_wait_and_are_notified_across_threads() {
        let source = r#"
            for (var n = 0; n < 2; n++) {
              $262.agent.start(`
                $262.agent.receiveBroadcast(function (sab, id) {
                  var ia = new Int32Array(sab);
                  Atomics.add(ia, 1, 1);
                  $262.agent.report(Atomics.wait(ia, 0, 0, 20000) + ' ' + id);
                  $262.agent.leaving();
                });
              `);
            }
            var ia = new Int32Array(new SharedArrayBuffer(8));
            $262.agent.broadcast(ia.buffer, 7);
            while (Atomics.load(ia, 1) !== 2) $262.agent.sleep(1);
            // Both are counted before they wait: retry until each is woken.
            var woken = 0, reports = [];
            while (woken < 2) {
              woken += Atomics.notify(ia, 0, 1);
              $262.agent.sleep(1);
            }
            while (reports.length < 2) {
              var r = $262.agent.getReport();
              if (r === null) $262.agent.sleep(1); else reports.push(r);
            }
            print(reports.join(','), Atomics.notify(ia, 0), $262.agent.getReport());
            print(Atomics.wait(ia, 0, 0, 1), Atomics.wait(ia, 0, 1));
            print(typeof $262.agent.monotonicNow());
        "#;
        let out = run(&[], source, false);
        assert_eq!(out.result, Ok(()));
        assert_eq!(
            out.printed,
            ["ok 7,ok 7 0 null", "timed-out not-equal", "number"]
        );
    }

    /// An agent stuck in a loop or a wait ends with its test (interrupted).
    #[test]
    fn stuck_agents_end_with_the_test() {
        let source = r#"
            $262.agent.start(`
              $262.agent.receiveBroadcast(function (sab) {
                Atomics.wait(new Int32Array(sab), 0, 0);
              });
            `);
            $262.agent.broadcast(new SharedArrayBuffer(4));
            $262.agent.start('while (true) {}');
            print('done');
        "#;
        let start = std::time::Instant::now();
        let out = run(&[], source, false);
        assert_eq!(out.printed, ["done"]);
        assert!(start.elapsed() < super::super::agent::STOP_GRACE);
        assert!(!super::super::agent::TAINTED.load(std::sync::atomic::Ordering::Relaxed));
    }
}
