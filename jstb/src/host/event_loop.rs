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
//!
//! `setTimeout`/`setInterval` return `Timeout` objects as node's: `ref`,
//! `unref` (an unreferenced timer does not keep the program alive),
//! `hasRef`, `refresh` (restarts the delay from now, also after the timer
//! fired), `close`, and `[Symbol.toPrimitive]` giving the id, so
//! `clearTimeout(+t)` works. `setImmediate` returns an `Immediate` object
//! (`ref`, `unref`, `hasRef`; an immediate always runs).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use jsruntime::backend::Executor;
use jsruntime::gc::{Gc, Persistent, Trace, Tracer};
use jsruntime::object::{
    Attributes, HostData, JsObject, NativeFn, ObjectKind, PropertyDescriptor, PropertyKey,
};
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

/// A timer waiting in the loop: its `Timeout` object (rooted).
struct Timer {
    id: u64,
    timeout: Persistent,
}

/// Where a `Timeout` is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TimerState {
    /// In the loop's timers (or its callback is running).
    Active,
    /// A `setTimeout` whose callback ran (`refresh` restarts it).
    Fired,
    /// Cleared (`clearTimeout`, `close`).
    Cleared,
}

/// The internal slots of a `Timeout` (and of an `Immediate`).
struct TimeoutData {
    id: u64,
    /// `[callback, ...args]`.
    call: Value,
    /// The delay (`setInterval`'s period).
    delay: Duration,
    repeat: bool,
    /// Its due time while active (the key of the loop's map).
    due: Cell<Instant>,
    state: Cell<TimerState>,
}

// SAFETY: reports the callback array.
unsafe impl Trace for TimeoutData {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.call);
    }
}

impl HostData for TimeoutData {
    fn class_name(&self) -> &'static str {
        "Timeout"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The `Timeout`/`Immediate` data of `v`.
fn timeout_data(v: Value) -> Option<&'static TimeoutData> {
    let o = v.as_object()?;
    // SAFETY: the object is live (the caller holds `v`, rooted or on the
    // stack), its kind never changes, and the data is only read through
    // shared references (mutable fields are `Cell`s).
    let kind = unsafe { &*(o.kind() as *const ObjectKind) };
    match kind {
        ObjectKind::Host(h) => h.as_any().downcast_ref::<TimeoutData>(),
        _ => None,
    }
}

#[derive(Default)]
struct Loop {
    next_id: u64,
    /// Timers by (due time, sequence number).
    timers: BTreeMap<(Instant, u64), Timer>,
    immediates: VecDeque<Task>,
    ticks: VecDeque<Persistent>,
    /// Ids of unreferenced timers and immediates.
    unrefed: HashSet<u64>,
    /// `Timeout.prototype` and `Immediate.prototype`, made on first use.
    prototypes: Option<(Persistent, Persistent)>,
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

/// The prototypes of `Timeout` and `Immediate` objects.
fn prototypes(rt: &mut Runtime) -> JsResult<(Value, Value)> {
    if let Some((t, i)) = LOOP.with(|l| {
        l.borrow()
            .prototypes
            .as_ref()
            .map(|(t, i)| (t.get(), i.get()))
    }) {
        return Ok((t, i));
    }
    let timeout = make_prototype(
        rt,
        "Timeout",
        &[
            ("ref", 0, timer_ref),
            ("unref", 0, timer_unref),
            ("hasRef", 0, timer_has_ref),
            ("refresh", 0, timer_refresh),
            ("close", 0, timer_close),
        ],
    )?;
    let tp = rt.well_known_symbol(jsruntime::symbol::WellKnownSymbol::ToPrimitive);
    let name = rt.new_string("[Symbol.toPrimitive]")?;
    let f = rt.new_native_function(name, 0, timer_to_primitive, None)?;
    let desc = PropertyDescriptor::data(
        Value::object(f),
        Attributes(Attributes::WRITABLE | Attributes::CONFIGURABLE),
    );
    rt.define_property_or_throw(timeout, PropertyKey::Symbol(tp), desc)?;
    let immediate = make_prototype(
        rt,
        "Immediate",
        &[
            ("ref", 0, timer_ref),
            ("unref", 0, timer_unref),
            ("hasRef", 0, timer_has_ref),
        ],
    )?;
    let (t, i) = (Value::object(timeout), Value::object(immediate));
    let keep = (rt.persistent(t), rt.persistent(i));
    LOOP.with(|l| l.borrow_mut().prototypes = Some(keep));
    Ok((t, i))
}

/// A prototype with non-enumerable methods and a `constructor` named
/// `name` (so that the inspector prints `Timeout {...}`).
fn make_prototype(
    rt: &mut Runtime,
    name: &str,
    methods: &[(&str, u32, NativeFn)],
) -> JsResult<Gc<JsObject>> {
    let proto = rt.new_object()?;
    let hidden = Attributes(Attributes::WRITABLE | Attributes::CONFIGURABLE);
    let name_atom = rt.new_string(name)?;
    let ctor = rt.new_native_function(
        name_atom,
        0,
        |rt, _, _| Err(rt.type_error("Illegal constructor")),
        None,
    )?;
    let key = rt.key("prototype")?;
    rt.define_property_or_throw(
        ctor,
        key,
        PropertyDescriptor::data(Value::object(proto), Attributes(0)),
    )?;
    let key = rt.key("constructor")?;
    rt.define_property_or_throw(
        proto,
        key,
        PropertyDescriptor::data(Value::object(ctor), hidden),
    )?;
    for &(m, len, f) in methods {
        let key = rt.key(m)?;
        let m_name = rt.new_string(m)?;
        let fo = rt.new_native_function(m_name, len, f, None)?;
        rt.define_property_or_throw(
            proto,
            key,
            PropertyDescriptor::data(Value::object(fo), hidden),
        )?;
    }
    Ok(proto)
}

fn add_timer(rt: &mut Runtime, args: &[Value], repeat: bool) -> JsResult<Value> {
    let call = make_task(rt, args, 2)?;
    let d = delay(rt, arg(args, 1))?;
    let (proto, _) = prototypes(rt)?;
    let id = LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.next_id += 1;
        l.next_id
    });
    let due = Instant::now() + d;
    let data = TimeoutData {
        id,
        call: call.get(),
        delay: d,
        repeat,
        due: Cell::new(due),
        state: Cell::new(TimerState::Active),
    };
    let o = rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)?;
    let timeout = rt.persistent(Value::object(o));
    LOOP.with(|l| {
        l.borrow_mut()
            .timers
            .insert((due, id), Timer { id, timeout })
    });
    Ok(Value::object(o))
}

fn set_timeout(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    add_timer(rt, args, false)
}

fn set_interval(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    add_timer(rt, args, true)
}

/// The id of a timer argument: a `Timeout`/`Immediate`, or its id as a
/// number or a numeric string (node's known-timers-by-id).
fn timer_id(v: Value) -> Option<u64> {
    if let Some(d) = timeout_data(v) {
        return Some(d.id);
    }
    let n = match v.as_string() {
        Some(s) => s.to_rust_string().parse::<f64>().ok()?,
        None => v.as_number()?,
    };
    (n.fract() == 0.0 && n >= 1.0).then_some(n as u64)
}

/// Removes timer `id` from the loop; its `Timeout` object if it was there.
fn remove_timer(id: u64) -> Option<Persistent> {
    LOOP.with(|l| {
        let mut l = l.borrow_mut();
        let key = l.timers.iter().find(|(_, t)| t.id == id).map(|(k, _)| *k)?;
        l.timers.remove(&key).map(|t| t.timeout)
    })
}

fn clear_timer(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Some(id) = timer_id(v) {
        if let Some(d) = timeout_data(v) {
            d.state.set(TimerState::Cleared);
        }
        match remove_timer(id) {
            Some(t) => {
                if let Some(d) = timeout_data(t.get()) {
                    d.state.set(TimerState::Cleared);
                }
            }
            // Perhaps the interval whose callback is running.
            None => CLEARED.with(|c| c.borrow_mut().push(id)),
        }
        LOOP.with(|l| l.borrow_mut().unrefed.remove(&id));
    }
    Ok(Value::UNDEFINED)
}

fn this_timer(rt: &mut Runtime, this: Value) -> JsResult<&'static TimeoutData> {
    match timeout_data(this) {
        Some(d) => Ok(d),
        None => Err(rt.type_error("Value of \"this\" must be of type Timeout")),
    }
}

/// `timeout.ref()`.
fn timer_ref(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let d = this_timer(rt, this)?;
    LOOP.with(|l| l.borrow_mut().unrefed.remove(&d.id));
    Ok(this)
}

/// `timeout.unref()`: the timer no longer keeps the program alive.
fn timer_unref(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let d = this_timer(rt, this)?;
    if d.state.get() != TimerState::Cleared {
        LOOP.with(|l| l.borrow_mut().unrefed.insert(d.id));
    }
    Ok(this)
}

fn timer_has_ref(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let d = this_timer(rt, this)?;
    let unrefed = LOOP.with(|l| l.borrow().unrefed.contains(&d.id));
    Ok(Value::from_bool(!unrefed))
}

/// `timeout.refresh()`: due `delay` from now (again, if it fired).
fn timer_refresh(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let d = this_timer(rt, this)?;
    let timeout = match d.state.get() {
        TimerState::Cleared => return Ok(this),
        TimerState::Fired => Some(rt.persistent(this)),
        TimerState::Active => remove_timer(d.id),
    };
    // Not in the map while active: its callback is running; the loop
    // reschedules an interval from `due`.
    let due = Instant::now() + d.delay;
    d.due.set(due);
    if let Some(timeout) = timeout {
        d.state.set(TimerState::Active);
        LOOP.with(|l| {
            l.borrow_mut()
                .timers
                .insert((due, d.id), Timer { id: d.id, timeout })
        });
    }
    Ok(this)
}

/// `timeout.close()`: `clearTimeout(timeout)`.
fn timer_close(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    this_timer(rt, this)?;
    clear_timer(rt, Value::UNDEFINED, &[this])?;
    Ok(this)
}

/// `timeout[Symbol.toPrimitive]()`: the id.
fn timer_to_primitive(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let d = this_timer(rt, this)?;
    Ok(Value::number(d.id as f64))
}

fn set_immediate(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let call = make_task(rt, args, 1)?;
    let (_, proto) = prototypes(rt)?;
    let id = LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.next_id += 1;
        l.next_id
    });
    let data = TimeoutData {
        id,
        call: call.get(),
        delay: Duration::ZERO,
        repeat: false,
        due: Cell::new(Instant::now()),
        state: Cell::new(TimerState::Active),
    };
    let o = rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)?;
    LOOP.with(|l| l.borrow_mut().immediates.push_back(Task { id, call }));
    Ok(Value::object(o))
}

fn clear_immediate(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    if let Some(id) = timer_id(arg(args, 0)) {
        let found = LOOP.with(|l| {
            let mut l = l.borrow_mut();
            let before = l.immediates.len();
            l.immediates.retain(|t| t.id != id);
            l.immediates.len() != before
        });
        LOOP.with(|l| l.borrow_mut().unrefed.remove(&id));
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
            let result = run_timer(exec, timer);
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
            // Only referenced timers keep the program alive; the loop
            // still sleeps until the first timer of any kind.
            if l.timers.values().all(|t| l.unrefed.contains(&t.id)) {
                return None;
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

/// Runs a due timer's callback, then reschedules it (an interval not
/// cleared, or a timer refreshed by its own callback).
fn run_timer(exec: &mut Executor, timer: Timer) -> JsResult<()> {
    let Some(d) = timeout_data(timer.timeout.get()) else {
        return Ok(());
    };
    let due_before = d.due.get();
    let result = call_timeout(&mut exec.runtime, d.call);
    let was_cleared = cleared(timer.id) || d.state.get() == TimerState::Cleared;
    if was_cleared {
        d.state.set(TimerState::Cleared);
        return result;
    }
    let refreshed = d.due.get() != due_before;
    if refreshed || d.repeat {
        let due = if refreshed {
            d.due.get()
        } else {
            Instant::now() + d.delay
        };
        d.due.set(due);
        LOOP.with(|l| l.borrow_mut().timers.insert((due, timer.id), timer));
    } else {
        d.state.set(TimerState::Fired);
    }
    result
}

/// Calls a `[callback, ...args]` array.
fn call_timeout(rt: &mut Runtime, call: Value) -> JsResult<()> {
    let keep = rt.persistent(call);
    let r = call_task(rt, &keep);
    drop(keep);
    r
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
