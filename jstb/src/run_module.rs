//! `jstb run` of an ES module: load, link and evaluate the module graph
//! (jsruntime's `backend::module` with the filesystem loader), then drain the
//! job queue as node does; a top-level await still pending once the queue
//! is empty ends with exit code 13.

use std::process::ExitCode;

use jsruntime::backend::module::promise_outcome;
use jsruntime::backend::Executor;
use jsruntime::value::Value;

use crate::run_cmd::{describe_exception, render_uncaught};

/// node's exit code for an unsettled top-level await.
const EXIT_UNSETTLED_TLA: u8 = 13;

/// Runs `file` as the main module; returns the process's exit code.
pub fn run_main_module(exec: &mut Executor, file: &str) -> ExitCode {
    let promise = match exec.run_module(file) {
        Ok(p) => p,
        Err(thrown) => {
            report(exec, file, thrown.0, "");
            return ExitCode::FAILURE;
        }
    };
    let main = exec.runtime.persistent(promise);
    exec.runtime.clear_kept_objects();
    let mut code = ExitCode::SUCCESS;
    while let Some(result) = exec.runtime.run_next_job() {
        if let Err(thrown) = result {
            report(exec, file, thrown.0, "");
            code = ExitCode::FAILURE;
        }
    }
    let rejected = exec.runtime.take_unhandled_rejections();
    match promise_outcome(main.get()) {
        Some(Ok(_)) => {}
        Some(Err(reason)) => {
            report(exec, file, reason, "");
            code = ExitCode::FAILURE;
        }
        None => {
            eprintln!("Warning: Detected unsettled top-level await in {file}");
            return ExitCode::from(EXIT_UNSETTLED_TLA);
        }
    }
    for &p in rejected.iter() {
        if p == main.get() {
            continue;
        }
        let reason = exec.runtime.promise_result(p);
        report(exec, file, reason, "(in promise) ");
        code = ExitCode::FAILURE;
    }
    code
}

/// Prints an uncaught exception at its throw site, in whichever module it
/// was thrown.
fn report(exec: &mut Executor, file: &str, thrown: Value, what: &str) {
    let text = format!("{what}{}", describe_exception(exec, thrown));
    let trace = exec.exception_trace(thrown);
    let program = trace
        .as_ref()
        .and_then(|t| t.frames.first())
        .map(|f| f.program);
    let (name, source) = match program {
        Some(p) => (
            exec.source_name(p).unwrap_or(file).to_owned(),
            exec.source_text(p).unwrap_or("").to_owned(),
        ),
        None => (file.to_owned(), String::new()),
    };
    let id = program.unwrap_or(usize::MAX);
    eprintln!(
        "{}",
        render_uncaught(&name, &source, id, &text, trace.as_ref())
    );
}
