//! The event loop and its globals, with node's ordering: `setTimeout`,
//! `setInterval`, `clearTimeout`, `clearInterval`, `setImmediate`,
//! `clearImmediate`, `queueMicrotask`, and `process.nextTick`'s queue.
//!
//! Microtasks are the engine's job queue (promise jobs and host jobs,
//! `Runtime::run_next_job`); after the script and after each macrotask
//! (a timer or an immediate callback) the loop drains the `nextTick` queue,
//! then the job queue, until both are empty (node's
//! processTicksAndRejections), then reports unhandled rejections. Timers
//! run by due time, then in creation order; immediates after the timers
//! of a turn. The program ends when nothing is left.
//!
//! Callbacks and their arguments are kept alive by `Persistent` roots
//! while they wait.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use jsruntime::backend::Executor;
use jsruntime::gc::Persistent;
use jsruntime::object::NativeFn;
use jsruntime::{JsResult, Runtime, Value};

/// The globals of this module.
pub const GLOBALS: &[(&str, u32, NativeFn)] = &[
    ("setTimeout", 2, set_timeout),
    ("clearTimeout", 1, clear_timer),
    ("setInterval", 2, set_interval),
    ("clearInterval", 1, clear_timer),
    ("setImmediate", 1, set_immediate),
    ("clearImmediate", 1, clear_immediate),
    ("queueMicrotask", 1, queue_microtask),
];

/// A callback with its arguments (an array holding `[callback, ...args]`).
struct Task {
    id: u64,
    call: Persistent,
}

struct Timer {
    task: Task,
    /// `setInterval`'s period.
    repeat: Option<Duration>,
}

#[derive(Default)]
struct Loop {
    next_id: u64,
    /// Timers by (due time, sequence number).
    timers: BTreeMap<(Instant, u64), Timer>,
    immediates: VecDeque<Task>,
    ticks: VecDeque<Persistent>,
}

thread_local! {
    static LOOP: RefCell<Loop> = RefCell::default();
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

/// `[callback, ...args]` as a rooted array; a TypeError when `callback` is
/// not callable (node's ERR_INVALID_ARG_TYPE).
fn make_task(rt: &mut Runtime, args: &[Value], rest_from: usize) -> JsResult<Persistent> {
    let f = arg(args, 0);
    if !f.as_object().is_some_and(|o| o.is_callable()) {
        let shown = super::inspect::inspect_default(rt, f);
        return Err(rt.type_error(&format!(
            "The \"callback\" argument must be of type function. Received {shown}"
        )));
    }
    let mut list = vec![f];
    list.extend(args.iter().skip(rest_from).copied());
    let array = rt.create_array_from_list(&list)?;
    Ok(rt.persistent(Value::object(array)))
}

/// node's delay rule: not a number in 1..=2^31-1 means 1 ms.
fn delay(rt: &mut Runtime, v: Value) -> JsResult<Duration> {
    let ms = if v.is_undefined() {
        1.0
    } else {
        rt.to_number(v)?
    };
    let ms = if (1.0..=2_147_483_647.0).contains(&ms) {
        ms.trunc()
    } else {
        1.0
    };
    Ok(Duration::from_millis(ms as u64))
}

fn add_timer(rt: &mut Runtime, args: &[Value], repeat: bool) -> JsResult<Value> {
    let call = make_task(rt, args, 2)?;
    let d = delay(rt, arg(args, 1))?;
    let id = LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.next_id += 1;
        let id = l.next_id;
        let timer = Timer {
            task: Task { id, call },
            repeat: repeat.then_some(d),
        };
        l.timers.insert((Instant::now() + d, id), timer);
        id
    });
    Ok(Value::number(id as f64))
}

fn set_timeout(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    add_timer(rt, args, false)
}

fn set_interval(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    add_timer(rt, args, true)
}

/// The id of a timer argument (a number from `setTimeout`).
fn timer_id(v: Value) -> Option<u64> {
    v.as_number()
        .filter(|n| n.fract() == 0.0 && *n >= 1.0)
        .map(|n| n as u64)
}

fn clear_timer(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    if let Some(id) = timer_id(arg(args, 0)) {
        let found = LOOP.with(|l| {
            let mut l = l.borrow_mut();
            let before = l.timers.len();
            l.timers.retain(|_, t| t.task.id != id);
            l.timers.len() != before
        });
        if !found {
            // Perhaps the interval whose callback is running.
            CLEARED.with(|c| c.borrow_mut().push(id));
        }
    }
    Ok(Value::UNDEFINED)
}

fn set_immediate(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let call = make_task(rt, args, 1)?;
    let id = LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.next_id += 1;
        let id = l.next_id;
        l.immediates.push_back(Task { id, call });
        id
    });
    Ok(Value::number(id as f64))
}

fn clear_immediate(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    if let Some(id) = timer_id(arg(args, 0)) {
        let found = LOOP.with(|l| {
            let mut l = l.borrow_mut();
            let before = l.immediates.len();
            l.immediates.retain(|t| t.id != id);
            l.immediates.len() != before
        });
        if !found {
            // Perhaps one of the batch being run.
            CLEARED.with(|c| c.borrow_mut().push(id));
        }
    }
    Ok(Value::UNDEFINED)
}

/// `queueMicrotask(callback)`: a host job on the engine's job queue.
fn queue_microtask(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    if !f.as_object().is_some_and(|o| o.is_callable()) {
        let shown = super::inspect::inspect_default(rt, f);
        return Err(rt.type_error(&format!(
            "The \"callback\" argument must be of type function. Received {shown}"
        )));
    }
    rt.enqueue_host_job(|rt, f| rt.call(f, Value::UNDEFINED, &[]).map(|_| ()), f);
    Ok(Value::UNDEFINED)
}

/// `process.nextTick(callback, ...args)`.
pub fn next_tick(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let call = make_task(rt, args, 1)?;
    LOOP.with(|l| l.borrow_mut().ticks.push_back(call));
    Ok(Value::UNDEFINED)
}

/// Calls `[callback, ...args]`.
fn call_task(rt: &mut Runtime, call: &Persistent) -> JsResult<()> {
    let array = call.get();
    let Some(o) = array.as_object() else {
        return Ok(());
    };
    let list = rt.create_list_from_array_like(array)?;
    let (f, rest) = match list.split_first() {
        Some((f, rest)) => (*f, rest.to_vec()),
        None => return Ok(()),
    };
    let rest = rt.rooted_list_from(&rest);
    let _keep = o;
    rt.call(f, Value::UNDEFINED, &rest).map(|_| ())
}

/// How the loop reports an uncaught exception (`what`: `""` or
/// `"(in promise) "`).
pub type Reporter<'a> = &'a mut dyn FnMut(&mut Executor, Value, &str);

/// Runs ticks and microtasks until both queues are empty, then reports
/// unhandled rejections. `false` when something was reported (the
/// program must stop with exit code 1, as node does; node reports only
/// the first rejection, this reports all those of the turn).
pub fn drain(exec: &mut Executor, report: Reporter) -> bool {
    loop {
        while let Some(tick) = LOOP.with(|l| l.borrow_mut().ticks.pop_front()) {
            if let Err(thrown) = call_task(&mut exec.runtime, &tick) {
                report(exec, thrown.0, "");
                return false;
            }
        }
        while let Some(result) = exec.runtime.run_next_job() {
            if let Err(thrown) = result {
                report(exec, thrown.0, "");
                return false;
            }
        }
        if LOOP.with(|l| l.borrow().ticks.is_empty()) {
            break;
        }
    }
    // Every rejection still unhandled now is reported (oldest first), then
    // the program stops.
    let rejected = exec.runtime.take_unhandled_rejections();
    for &promise in rejected.iter() {
        let reason = exec.runtime.promise_result(promise);
        report(exec, reason, "(in promise) ");
    }
    rejected.is_empty()
}

/// Runs the event loop after the script: microtasks, then timers and
/// immediates until none is left. `false` when an uncaught exception or
/// an unhandled rejection was reported.
pub fn run(exec: &mut Executor, report: Reporter) -> bool {
    if !drain(exec, report) {
        return false;
    }
    loop {
        // Timers phase: every timer due now, in order.
        let now = Instant::now();
        loop {
            let due = LOOP.with(|l| {
                let mut l = l.borrow_mut();
                let key = *l.timers.keys().next()?;
                if key.0 > now {
                    return None;
                }
                l.timers.remove(&key)
            });
            let Some(timer) = due else { break };
            let result = call_task(&mut exec.runtime, &timer.task.call);
            if let Some(period) = timer.repeat {
                // Rescheduled unless the callback cleared it.
                if !cleared(timer.task.id) {
                    LOOP.with(|l| {
                        l.borrow_mut()
                            .timers
                            .insert((Instant::now() + period, timer.task.id), timer);
                    });
                }
            }
            if let Err(thrown) = result {
                report(exec, thrown.0, "");
                return false;
            }
            if !drain(exec, report) {
                return false;
            }
        }
        // Check phase: the immediates queued before it.
        let batch: Vec<Task> = LOOP.with(|l| l.borrow_mut().immediates.drain(..).collect());
        let mut batch = VecDeque::from(batch);
        while let Some(task) = batch.pop_front() {
            if cleared(task.id) {
                continue;
            }
            if let Err(thrown) = call_task(&mut exec.runtime, &task.call) {
                report(exec, thrown.0, "");
                return false;
            }
            if !drain(exec, report) {
                return false;
            }
        }
        CLEARED.with(|c| c.borrow_mut().clear());
        let next = LOOP.with(|l| {
            let l = l.borrow();
            if !l.immediates.is_empty() {
                return Some(None);
            }
            l.timers.keys().next().map(|k| Some(k.0))
        });
        match next {
            None => return true,
            Some(None) => {}
            Some(Some(due)) => {
                let now = Instant::now();
                if due > now {
                    std::thread::sleep(due - now);
                }
            }
        }
    }
}

thread_local! {
    /// Ids cleared while their callback ran (intervals) or while their
    /// batch was running (immediates).
    static CLEARED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

fn cleared(id: u64) -> bool {
    CLEARED.with(|c| {
        let mut c = c.borrow_mut();
        match c.iter().position(|&x| x == id) {
            Some(i) => {
                c.swap_remove(i);
                true
            }
            None => false,
        }
    })
}
