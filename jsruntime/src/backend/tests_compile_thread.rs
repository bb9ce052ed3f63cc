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
