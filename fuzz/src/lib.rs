//! Shared by the fuzz targets: running one program with limits, and the
//! program generator ([`gen`]).
//!
//! Every input runs in a fresh [`Executor`] with a time limit (the
//! runtime's interrupt, set by a watchdog thread), a heap limit
//! (`set_max_heap`, counted by the runtime's [`CountingAllocator`]) and a
//! recursion limit (`set_stack_size`). Output goes nowhere. Exceptions,
//! SyntaxErrors, out-of-memory RangeErrors and terminations are all normal
//! ends; only a panic, an abort or a crash is a finding.

use std::sync::mpsc;
use std::time::Duration;

use jsruntime::backend::Executor;

pub mod gen;

#[global_allocator]
static ALLOC: jsruntime::gc::accounting::CountingAllocator =
    jsruntime::gc::accounting::CountingAllocator;

/// How an input runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Normal collection.
    Normal,
    /// GC stress: a collection at every allocation, freed cells poisoned.
    GcStress,
}

/// Time limit per input (the interrupt fires after it).
pub const TIMEOUT: Duration = Duration::from_millis(1000);
/// Heap limit per input.
pub const MAX_HEAP: usize = 256 << 20;
/// Native stack for JavaScript recursion.
pub const STACK_SIZE: usize = 1 << 20;

/// Parses, analyzes and runs `source` as a classic script, then its jobs.
/// Set `JSRUNTIME_FUZZ_PRINT=1` to see the program on stderr (to turn a
/// crash of a generated input into a `.js` reproducer).
pub fn run(source: &str, mode: Mode) {
    if std::env::var_os("JSRUNTIME_FUZZ_PRINT").is_some() {
        eprintln!("---- program\n{source}\n----");
    }
    let Ok(ast) = jsparser::parse(source, jsparser::ParseOptions::script()) else {
        return;
    };
    let Ok(program) = jsruntime::semantics::analyze(&ast) else {
        return;
    };
    drop(ast);
    let Ok(mut exec) = Executor::new() else {
        return;
    };
    exec.runtime.set_output(Box::new(std::io::sink()));
    if mode == Mode::GcStress {
        exec.runtime.set_gc_stress(1);
    }
    exec.runtime.set_stack_size(STACK_SIZE);
    exec.runtime.set_max_heap(Some(MAX_HEAP));
    let handle = exec.runtime.interrupt_handle();
    let (stop, stopped) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(TIMEOUT) {
            handle.interrupt();
        }
    });
    let id = exec.load(program);
    let _ = exec.run(id);
    exec.runtime.run_jobs(&mut |_, _| {});
    drop(stop);
    let _ = watchdog.join();
}
