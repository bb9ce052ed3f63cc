//! Tier-ups compiled on the compile thread (`backend::compile_thread`):
//! the quick code runs until the full tier is installed, results are the
//! same either way, and executors dropped or running side by side with
//! compilations in flight neither block nor crash.

use super::*;
use crate::value::Value;

fn eval(exec: &mut Executor, source: &str) -> Result<Value, Value> {
    exec.eval_script(source, false)
        .expect("runs")
        .map_err(|t| t.0)
}

/// A function without a loop (quick tier first) called often enough to
/// tier up, from top-level code (full tier at once).
const HOT: &str = "function f(x) { return x * 2 + 1; }\n\
                   var s = 0; for (var i = 0; i < 200; i++) s += f(i); s";

#[test]
fn tier_up_on_the_compile_thread() {
    let mut exec = Executor::new().expect("JIT");
    exec.set_sync_compile(false);
    let r = eval(&mut exec, HOT).expect("no exception");
    assert_eq!(r, Value::from_i32(200 * 199 + 200));
    exec.finish_background_compiles();
    assert_eq!(exec.stats().tiered_up, 1);
    assert_eq!(exec.compile_costs().background_functions, 1);
    // The full tier runs now, with the same results.
    let r = eval(
        &mut exec,
        "var t = 0; for (var j = 0; j < 50; j++) t += f(j); t",
    );
    assert_eq!(r.expect("no exception"), Value::from_i32(50 * 49 + 50));
}

#[test]
fn tier_up_synchronously_when_asked() {
    let mut exec = Executor::new().expect("JIT");
    exec.set_sync_compile(true);
    let r = eval(&mut exec, HOT).expect("no exception");
    assert_eq!(r, Value::from_i32(200 * 199 + 200));
    assert_eq!(exec.stats().tiered_up, 1);
    assert_eq!(exec.compile_costs().background_functions, 0);
}

#[test]
fn executor_dropped_with_compilations_in_flight() {
    for _ in 0..4 {
        let mut exec = Executor::new().expect("JIT");
        exec.set_sync_compile(false);
        let r = eval(&mut exec, HOT).expect("no exception");
        assert_eq!(r, Value::from_i32(200 * 199 + 200));
        // Dropped without waiting: the results are discarded.
    }
}

#[test]
fn executors_on_several_threads_share_the_compile_thread() {
    let threads: Vec<_> = (0..3)
        .map(|k| {
            std::thread::spawn(move || {
                let mut exec = Executor::new().expect("JIT");
                exec.set_sync_compile(false);
                let source = format!(
                    "function g(x) {{ return x + {k}; }}\n\
                     var s = 0; for (var i = 0; i < 300; i++) s += g(i); s"
                );
                let r = eval(&mut exec, &source).expect("no exception");
                exec.finish_background_compiles();
                let r2 = eval(&mut exec, "g(1)").expect("no exception");
                (r, r2, exec.stats().tiered_up)
            })
        })
        .collect();
    for (k, t) in threads.into_iter().enumerate() {
        let (r, r2, tiered) = t.join().expect("thread");
        assert_eq!(r, Value::from_i32(300 * 299 / 2 + 300 * k as i32));
        assert_eq!(r2, Value::from_i32(1 + k as i32));
        assert_eq!(tiered, 1);
    }
}

/// A function whose loop runs long in its only call starts quick and moves
/// into the full tier at the loop header (on-stack replacement,
/// `compiler/osr.rs`), keeping numbers, objects, captured bindings, the
/// arguments object and the state of an open `try ... finally`.
#[test]
fn on_stack_replacement_of_a_long_loop() {
    let mut exec = Executor::new().expect("JIT");
    exec.set_sync_compile(true);
    let source = "function f(n) {\n\
                    var s = 0, o = { k: 1 }, arr = [];\n\
                    let cap = 0; const get = () => cap;\n\
                    try {\n\
                      for (var i = 0; i < n; i++) {\n\
                        s += i; cap += 2; o.k ^= i;\n\
                        if (i % 10000 === 0) arr.push(get());\n\
                      }\n\
                    } finally {\n\
                      for (var j = 0; j < n; j++) s -= 1;\n\
                    }\n\
                    return s + get() + arr.length + o.k + arguments.length;\n\
                  }\n\
                  f(100000)";
    let r = eval(&mut exec, source).expect("no exception");
    let n = 100_000f64;
    // o.k ^= i for i in 0..100000 leaves 1 ^ (0 ^ 1 ^ ... ^ 99999) = 1.
    let expected = n * (n - 1.0) / 2.0 - n + 2.0 * n + 10.0 + 1.0 + 1.0;
    assert_eq!(r.as_number(), Some(expected));
    assert_eq!(exec.stats().tiered_up, 1);
    assert_eq!(exec.stats().osr_entries, 1);
    // Later calls run the full tier from the start.
    let r = eval(&mut exec, "f(10)").expect("no exception");
    // s = 45 - 10, cap = 20, one element, o.k = 1 ^ (0 ^ ... ^ 9) = 0.
    assert_eq!(r.as_number(), Some(35.0 + 20.0 + 1.0 + 0.0 + 1.0));
    assert_eq!(exec.stats().osr_entries, 1);
}

/// A function with a loop and a direct eval compiles full at once (the save
/// area does not carry eval environments).
#[test]
fn loops_with_direct_eval_compile_full_at_once() {
    let mut exec = Executor::new().expect("JIT");
    exec.set_sync_compile(true);
    let source =
        "function g(n) { var s = 0; for (var i = 0; i < n; i++) s += eval('i'); return s; }\n\
                  g(3000)";
    let r = eval(&mut exec, source).expect("no exception");
    assert_eq!(r.as_number(), Some(3000.0 * 2999.0 / 2.0));
    // Only the eval code (a tiny top level, quick, called 3000 times)
    // tiers up; `g` was full from its first call.
    assert_eq!(exec.stats().tiered_up, 1);
    assert_eq!(exec.stats().osr_entries, 0);
}
