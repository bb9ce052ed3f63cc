//! The limits of `runtime::limits`: interrupt from another thread
//! (uncatchable, the runtime usable afterwards), heap limit, stack size.

use super::*;
use crate::runtime::CapturedOutput;
use crate::value::Value;

fn executor() -> (Executor, CapturedOutput) {
    let mut exec = Executor::new().expect("JIT");
    let out = CapturedOutput::default();
    exec.runtime.set_output(Box::new(out.clone()));
    (exec, out)
}

fn eval(exec: &mut Executor, source: &str) -> Result<Value, Value> {
    exec.eval_script(source, false)
        .expect("runs")
        .map_err(|t| t.0)
}

/// Interrupts the runtime after `ms` milliseconds from another thread.
fn interrupt_after(exec: &Executor, ms: u64) -> std::thread::JoinHandle<()> {
    let handle = exec.runtime.interrupt_handle();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(ms));
        handle.interrupt();
    })
}

#[test]
fn interrupt_stops_loops_and_cannot_be_caught() {
    let (mut exec, out) = executor();
    let programs = [
        // A loop, with try/catch/finally around it.
        "try { for (;;) {} } catch (e) { print('caught'); } finally { print('finally'); }",
        // A do-while loop and a loop in a callee.
        "function spin() { do {} while (true); } try { spin(); } catch (e) { print('caught'); }",
        // Recursion without loops: every function entry polls.
        "function f(n) { if (n > 60) return; try { f(n + 1); } finally { f(n + 1); } } f(0);",
        // A built-in calling back into a loop.
        "[3, 2, 1].sort(() => { for (;;) {} });",
        // A catch that loops again.
        "for (;;) { try { for (;;) {} } catch (e) {} }",
    ];
    for source in programs {
        let t = interrupt_after(&exec, 50);
        let result = eval(&mut exec, source);
        t.join().expect("interrupting thread");
        let thrown = result.expect_err(source);
        assert!(exec.runtime.is_termination(thrown), "{source}");
        assert_eq!(out.text(), "", "{source}: a handler ran");
        // The runtime is usable again after clearing the request.
        exec.runtime.clear_interrupt();
        assert_eq!(
            eval(&mut exec, "1 + 2").map(|v| v.as_number()),
            Ok(Some(3.0))
        );
    }
}

#[test]
fn interrupt_before_a_call_terminates_at_once() {
    let (mut exec, _out) = executor();
    exec.runtime.interrupt_handle().interrupt();
    let thrown = eval(&mut exec, "(function () { return 1; })()").expect_err("terminated");
    assert!(exec.runtime.is_termination(thrown));
    exec.runtime.clear_interrupt();
    assert!(eval(&mut exec, "(function () { return 1; })()").is_ok());
}

#[test]
fn stack_size_bounds_recursion() {
    let (mut exec, out) = executor();
    let program = "var d = 0; function f() { d++; f(); } try { f(); } catch (e) { print(e instanceof RangeError); } d";
    let deep = eval(&mut exec, program).ok().and_then(|v| v.as_number());
    exec.runtime.set_stack_size(64 * 1024);
    let shallow = eval(&mut exec, program).ok().and_then(|v| v.as_number());
    assert_eq!(out.text(), "true\ntrue\n");
    let (deep, shallow) = (deep.unwrap_or(0.0), shallow.unwrap_or(0.0));
    assert!(shallow > 10.0 && shallow < deep, "{shallow} vs {deep}");
}

#[test]
fn huge_argument_lists_fail_fast() {
    let (mut exec, out) = executor();
    eval(
        &mut exec,
        "function r() { return r.apply(null, new Array(10000)); }
         try { r(); } catch (e) { print(e instanceof RangeError); }
         try { Math.max.apply(null, { length: 2 ** 32 - 1 }); } catch (e) { print(e instanceof RangeError); }",
    )
    .unwrap();
    assert_eq!(out.text(), "true\ntrue\n");
}
