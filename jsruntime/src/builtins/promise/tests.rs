//! The job queue, the rejection tracker and the internal promise API on a
//! bare runtime (the JavaScript side is tested by `tests/run/promise_*.js`
//! and test262).

use std::cell::RefCell;

use super::*;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::{JsResult, Thrown};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn log(s: String) {
    LOG.with(|l| l.borrow_mut().push(s));
}

fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

fn show(rt: &mut Runtime, v: Value) -> String {
    rt.to_string_for_display(v).unwrap()
}

fn host_job(rt: &mut Runtime, data: Value) -> JsResult<()> {
    let s = show(rt, data);
    log(format!("host {s}"));
    if s == "throw" {
        return Err(Thrown(data));
    }
    Ok(())
}

fn native_handler(rt: &mut Runtime, data: Value, argument: Value) -> JsResult<Value> {
    let (d, a) = (show(rt, data), show(rt, argument));
    log(format!("{d} {a}"));
    Ok(Value::UNDEFINED)
}

fn string(rt: &mut Runtime, s: &str) -> Value {
    Value::string(rt.new_string(s).unwrap())
}

#[test]
fn the_queue_is_fifo_and_goes_on_after_a_throw() {
    let mut rt = Runtime::new();
    take_log();
    assert!(!rt.has_pending_jobs());
    for s in ["one", "throw", "two"] {
        let v = string(&mut rt, s);
        rt.enqueue_host_job(host_job, v);
    }
    assert!(rt.has_pending_jobs());
    let mut errors = Vec::new();
    rt.run_jobs(&mut |rt, e| errors.push(show(rt, e)));
    assert_eq!(take_log(), ["host one", "host throw", "host two"]);
    assert_eq!(errors, ["throw"]);
    assert!(rt.run_next_job().is_none());
}

#[test]
fn native_handlers_run_in_a_job_and_resolution_happens_once() {
    let mut rt = Runtime::new();
    take_log();
    let p = new_intrinsic_promise(&mut rt).unwrap();
    let tag = string(&mut rt, "fulfilled");
    let other = string(&mut rt, "rejected");
    let on_fulfilled = Handler::Native {
        func: native_handler,
        data: tag,
    };
    let on_rejected = Handler::Native {
        func: native_handler,
        data: other,
    };
    assert!(perform_promise_then(&mut rt, p, on_fulfilled, on_rejected, None).is_undefined());
    resolve_intrinsic_promise(&mut rt, p, Value::from_i32(5)).unwrap();
    // Already resolved: both are ignored.
    reject_intrinsic_promise(&mut rt, p, Value::from_i32(6));
    resolve_intrinsic_promise(&mut rt, p, Value::from_i32(7)).unwrap();
    assert!(take_log().is_empty(), "reactions wait for the queue");
    rt.run_jobs(&mut |_, _| panic!("no job throws"));
    assert_eq!(take_log(), ["fulfilled 5"]);
    assert!(rt.take_unhandled_rejections().is_empty());
}

#[test]
fn adopting_a_promise_takes_two_extra_jobs() {
    let mut rt = Runtime::new();
    take_log();
    let inner = new_intrinsic_promise(&mut rt).unwrap();
    resolve_intrinsic_promise(&mut rt, inner, Value::from_i32(1)).unwrap();
    let outer = new_intrinsic_promise(&mut rt).unwrap();
    let tag = string(&mut rt, "outer");
    let h = Handler::Native {
        func: native_handler,
        data: tag,
    };
    perform_promise_then(&mut rt, outer, h, h, None);
    // NewPromiseResolveThenableJob, then inner's reaction (the resolve
    // function), then outer's reaction.
    resolve_intrinsic_promise(&mut rt, outer, inner).unwrap();
    let mut jobs = 0;
    while take_log().is_empty() {
        assert!(rt.run_next_job().is_some_and(|r| r.is_ok()));
        jobs += 1;
    }
    assert_eq!(jobs, 3);
    assert_eq!(promise_result(outer), Value::from_i32(1));
}

#[test]
fn the_tracker_keeps_unhandled_rejections_only() {
    let mut rt = Runtime::new();
    let unhandled = new_intrinsic_promise(&mut rt).unwrap();
    reject_intrinsic_promise(&mut rt, unhandled, Value::from_i32(1));
    let handled_later = new_intrinsic_promise(&mut rt).unwrap();
    reject_intrinsic_promise(&mut rt, handled_later, Value::from_i32(2));
    let handled_first = new_intrinsic_promise(&mut rt).unwrap();
    let nothing = Handler::Callable(Value::UNDEFINED);
    perform_promise_then(&mut rt, handled_first, nothing, nothing, None);
    reject_intrinsic_promise(&mut rt, handled_first, Value::from_i32(3));
    // "handle" after "reject".
    perform_promise_then(&mut rt, handled_later, nothing, nothing, None);
    rt.run_jobs(&mut |_, _| {});
    let left = rt.take_unhandled_rejections();
    assert_eq!(&left[..], &[unhandled]);
    assert_eq!(rt.promise_result(left[0]), Value::from_i32(1));
    assert!(rt.take_unhandled_rejections().is_empty());
}

#[test]
fn queued_jobs_and_reactions_survive_a_collection() {
    let mut rt = Runtime::new();
    take_log();
    let p = new_intrinsic_promise(&mut rt).unwrap();
    // The handler's data and the job's data exist only in the promise and
    // the queue (no other reference from Rust locals after these lines).
    let data = string(&mut rt, "kept-by-reaction");
    let h = Handler::Native {
        func: native_handler,
        data,
    };
    perform_promise_then(&mut rt, p, h, h, None);
    let host_data = string(&mut rt, "kept-by-queue");
    rt.enqueue_host_job(host_job, host_data);
    let value = string(&mut rt, "value");
    resolve_intrinsic_promise(&mut rt, p, value).unwrap();
    for _ in 0..3 {
        // Fresh garbage between collections, so freed cells get reused.
        for i in 0..1000 {
            let _ = rt.new_string(&format!("garbage {i}"));
        }
        rt.collect_garbage();
    }
    rt.run_jobs(&mut |_, _| panic!("no job throws"));
    assert_eq!(take_log(), ["host kept-by-queue", "kept-by-reaction value"]);
}

#[test]
fn many_rejections_handled_in_order_stay_linear() {
    let mut rt = Runtime::new();
    let mut promises = rt.rooted_list();
    for i in 0..20_000 {
        let p = new_intrinsic_promise(&mut rt).unwrap();
        reject_intrinsic_promise(&mut rt, p, Value::from_i32(i));
        promises.push(p);
    }
    let nothing = Handler::Callable(Value::UNDEFINED);
    // Oldest first: each "handle" would be a search from the end.
    for i in 0..promises.len() - 1 {
        perform_promise_then(&mut rt, promises[i], nothing, nothing, None);
    }
    rt.run_jobs(&mut |_, _| {});
    let left = rt.take_unhandled_rejections();
    assert_eq!(&left[..], &[promises[promises.len() - 1]]);
}
