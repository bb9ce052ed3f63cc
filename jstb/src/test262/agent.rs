//! The test262 agent host (INTERPRETING.md, `$262.agent`): concurrent
//! agents for the Atomics tests.
//!
//! * `$262.agent.start(source)` starts a thread with its own [`Executor`]
//!   (runtimes are not `Send`: each agent's runtime is created inside its
//!   thread) and runs `source` there; only sendable data crosses threads:
//!   the source text, shared memory handles ([`SharedMemory`]), report
//!   strings and the agent's [`InterruptHandle`].
//! * `broadcast(sab, id)` hands the SharedArrayBuffer's block to every
//!   agent, which wraps it in a SharedArrayBuffer of its own runtime and
//!   calls the function it gave `receiveBroadcast`; it blocks until every
//!   agent has taken the message.
//! * `report(v)` (agent) queues `ToString(v)`; `getReport()` (main) takes
//!   the oldest report or returns null. `sleep(ms)`, `monotonicNow()` and
//!   `leaving()` exist on both sides.
//!
//! When a test ends, [`finish`] stops its agents: each is asked to stop
//! and interrupted (a script in a loop or in `Atomics.wait` stops at its
//! next poll). An agent that does not end within [`STOP_GRACE`] taints the
//! worker process, which then exits after answering (the pool starts a
//! fresh one), so a stuck agent never outlives its test for long.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jsruntime::backend::Executor;
use jsruntime::builtins::{new_shared_array_buffer, shared_memory_of, SharedMemory};
use jsruntime::gc::roots::Persistent;
use jsruntime::object::NativeFn;
use jsruntime::runtime::limits::InterruptHandle;
use jsruntime::{JsResult, Runtime, Value};

/// How long a stopped agent may take to end before the worker is tainted.
pub const STOP_GRACE: Duration = Duration::from_secs(2);

/// The native stack of an agent thread.
const AGENT_STACK: usize = 64 << 20;

/// How often blocking host functions check for an interrupt.
const POLL: Duration = Duration::from_millis(20);

/// Set when an agent thread could not be stopped: the worker exits after
/// its current answer.
pub static TAINTED: AtomicBool = AtomicBool::new(false);

/// A broadcast: the shared block and the id argument.
struct Message {
    memory: SharedMemory,
    id: f64,
}

#[derive(Default)]
struct SlotState {
    /// The broadcast not yet taken by the agent.
    pending: Option<Message>,
    /// The main agent asks the agent to end.
    stop: bool,
    /// The agent's thread is ending (it takes no more messages).
    done: bool,
}

/// The mailbox between the main agent and one agent.
#[derive(Default)]
struct Slot {
    state: Mutex<SlotState>,
    cond: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

type Reports = Arc<Mutex<VecDeque<String>>>;

struct AgentHandle {
    slot: Arc<Slot>,
    interrupt: Option<InterruptHandle>,
    thread: JoinHandle<()>,
}

/// The main agent's side (the worker thread running the test).
#[derive(Default)]
struct Host {
    agents: Vec<AgentHandle>,
    reports: Reports,
}

/// An agent's side (inside its thread).
struct AgentSide {
    slot: Arc<Slot>,
    reports: Reports,
    callback: Option<Persistent>,
}

thread_local! {
    static HOST: RefCell<Host> = RefCell::default();
    static AGENT: RefCell<Option<AgentSide>> = const { RefCell::new(None) };
}

/// `$262.agent` of the main agent.
const MAIN_METHODS: &[(&str, u32, NativeFn)] = &[
    ("start", 1, start),
    ("broadcast", 2, broadcast),
    ("getReport", 0, get_report),
    ("sleep", 1, sleep),
    ("monotonicNow", 0, monotonic_now),
];

/// `$262.agent` inside an agent.
const AGENT_METHODS: &[(&str, u32, NativeFn)] = &[
    ("receiveBroadcast", 1, receive_broadcast),
    ("report", 1, report),
    ("leaving", 0, leaving),
    ("sleep", 1, sleep),
    ("monotonicNow", 0, monotonic_now),
];

/// Adds `$262.agent` (the main agent's) to the executor's realm.
pub fn install_main(exec: &mut Executor) -> JsResult<()> {
    install(&mut exec.runtime, MAIN_METHODS)
}

fn install(rt: &mut Runtime, methods: &[(&str, u32, NativeFn)]) -> JsResult<()> {
    let global = rt.global_object();
    let test262 = rt.get_by_name(global, "$262")?;
    let Some(test262) = test262.as_object() else {
        return Err(rt.type_error("$262 is missing"));
    };
    let agent = rt.new_object()?;
    crate::host::define_methods(rt, agent, methods)?;
    crate::host::define_value(rt, test262, "agent", Value::object(agent))
}

/// Stops the agents of the test that just ran (see the module comment).
pub fn finish() {
    let agents = HOST.with(|h| {
        let mut h = h.borrow_mut();
        lock(&h.reports).clear();
        std::mem::take(&mut h.agents)
    });
    if agents.is_empty() {
        return;
    }
    for a in &agents {
        lock(&a.slot.state).stop = true;
        a.slot.cond.notify_all();
        if let Some(i) = &a.interrupt {
            i.interrupt();
        }
    }
    let deadline = Instant::now() + STOP_GRACE;
    while agents.iter().any(|a| !a.thread.is_finished()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    for a in agents {
        if a.thread.is_finished() {
            let _ = a.thread.join();
        } else {
            TAINTED.store(true, Ordering::Relaxed);
        }
    }
}

/// `$262.agent.start(source)`: runs `source` in a new agent; returns once
/// the agent's runtime exists.
fn start(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let source = rt.to_string(arg(args, 0))?.to_rust_string();
    let slot = Arc::new(Slot::default());
    let reports = HOST.with(|h| h.borrow().reports.clone());
    let (tx, rx) = mpsc::channel();
    let agent_slot = slot.clone();
    let spawned = std::thread::Builder::new()
        .name("test262-agent".into())
        .stack_size(AGENT_STACK)
        .spawn(move || agent_main(&source, agent_slot, reports, tx));
    let thread = match spawned {
        Ok(t) => t,
        Err(e) => return Err(rt.type_error(&format!("$262.agent.start: no thread: {e}"))),
    };
    // The agent sends its interrupt handle once its runtime exists (or
    // nothing if it could not create one: the channel closes).
    let interrupt = rx.recv().ok();
    HOST.with(|h| {
        h.borrow_mut().agents.push(AgentHandle {
            slot,
            interrupt,
            thread,
        })
    });
    Ok(Value::UNDEFINED)
}

/// The body of an agent thread.
fn agent_main(
    source: &str,
    slot: Arc<Slot>,
    reports: Reports,
    started: mpsc::Sender<InterruptHandle>,
) {
    run_agent(source, &slot, reports, started);
    AGENT.with(|a| a.borrow_mut().take());
    lock(&slot.state).done = true;
    slot.cond.notify_all();
}

fn run_agent(
    source: &str,
    slot: &Arc<Slot>,
    reports: Reports,
    started: mpsc::Sender<InterruptHandle>,
) {
    let Ok(mut exec) = Executor::new() else {
        return;
    };
    exec.runtime.set_output(Box::new(std::io::sink()));
    if install(&mut exec.runtime, AGENT_METHODS).is_err() {
        return;
    }
    AGENT.with(|a| {
        *a.borrow_mut() = Some(AgentSide {
            slot: slot.clone(),
            reports,
            callback: None,
        })
    });
    let interrupt = exec.runtime.interrupt_handle();
    let _ = started.send(interrupt.clone());
    drop(started);
    if !matches!(exec.eval_script(source, false), Ok(Ok(_))) {
        return;
    }
    drain_jobs(&mut exec);
    loop {
        // Wait for a broadcast (or the end of the test).
        let message = {
            let mut state = lock(&slot.state);
            loop {
                if state.stop || interrupt.is_interrupted() {
                    return;
                }
                if let Some(m) = state.pending.take() {
                    break m;
                }
                state = match slot.cond.wait_timeout(state, POLL) {
                    Ok((g, _)) => g,
                    Err(e) => e.into_inner().0,
                };
            }
        };
        slot.cond.notify_all();
        let callback = AGENT.with(|a| {
            a.borrow()
                .as_ref()
                .and_then(|s| s.callback.as_ref().map(|c| c.get()))
        });
        let Some(callback) = callback else { continue };
        let rt = &mut exec.runtime;
        let Ok(sab) = new_shared_array_buffer(rt, &message.memory) else {
            return;
        };
        let sab = rt.persistent(sab);
        let r = rt.call(
            callback,
            Value::UNDEFINED,
            &[sab.get(), Value::number(message.id)],
        );
        if r.is_err() && interrupt.is_interrupted() {
            return;
        }
        drain_jobs(&mut exec);
    }
}

/// Runs the agent's jobs, waiting for its pending `Atomics.waitAsync`
/// promises too (until interrupted).
fn drain_jobs(exec: &mut Executor) {
    loop {
        while let Some(r) = exec.runtime.run_next_job() {
            if r.is_err() && exec.runtime.is_interrupted() {
                return;
            }
        }
        if !exec.runtime.has_pending_async_waits() || exec.runtime.wait_for_async_waits().is_err() {
            return;
        }
    }
}

/// `$262.agent.broadcast(sab, id)`: every agent receives the block; blocks
/// until each has taken it (or ended).
fn broadcast(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let Some(memory) = shared_memory_of(arg(args, 0)) else {
        return Err(rt.type_error("$262.agent.broadcast: not a SharedArrayBuffer"));
    };
    let id = arg(args, 1);
    let id = if id.is_undefined() {
        0.0
    } else {
        rt.to_number(id)?
    };
    let slots: Vec<Arc<Slot>> =
        HOST.with(|h| h.borrow().agents.iter().map(|a| a.slot.clone()).collect());
    for slot in &slots {
        lock(&slot.state).pending = Some(Message {
            memory: memory.clone(),
            id,
        });
        slot.cond.notify_all();
    }
    for slot in &slots {
        let mut state = lock(&slot.state);
        while state.pending.is_some() && !state.done {
            if rt.is_interrupted() {
                drop(state);
                return Err(rt.termination());
            }
            state = match slot.cond.wait_timeout(state, POLL) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
    }
    Ok(Value::UNDEFINED)
}

/// `$262.agent.getReport()`: the oldest report, or null.
fn get_report(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let next = HOST.with(|h| lock(&h.borrow().reports).pop_front());
    match next {
        Some(text) => Ok(Value::string(rt.new_string(&text)?)),
        None => Ok(Value::NULL),
    }
}

/// `$262.agent.receiveBroadcast(callback)` (agent).
fn receive_broadcast(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    if !f.as_object().is_some_and(|o| o.is_callable()) {
        return Err(rt.type_error("$262.agent.receiveBroadcast: not a function"));
    }
    let p = rt.persistent(f);
    AGENT.with(|a| {
        if let Some(side) = a.borrow_mut().as_mut() {
            side.callback = Some(p);
        }
    });
    Ok(Value::UNDEFINED)
}

/// `$262.agent.report(value)` (agent): queues `ToString(value)`.
fn report(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let text = rt.to_string(arg(args, 0))?.to_rust_string();
    AGENT.with(|a| {
        if let Some(side) = a.borrow().as_ref() {
            lock(&side.reports).push_back(text);
        }
    });
    Ok(Value::UNDEFINED)
}

/// `$262.agent.leaving()` (agent): nothing to do (the thread ends when
/// the test does).
fn leaving(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    AGENT.with(|a| {
        if let Some(side) = a.borrow().as_ref() {
            side.slot.cond.notify_all();
        }
    });
    Ok(Value::UNDEFINED)
}

/// `$262.agent.sleep(ms)`: sleeps (polling for an interrupt).
fn sleep(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let ms = rt.to_number(arg(args, 0))?;
    let ms = if ms.is_nan() { 0.0 } else { ms.clamp(0.0, 1e9) };
    let deadline = Instant::now() + Duration::from_secs_f64(ms / 1000.0);
    loop {
        rt.poll_interrupt()?;
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Value::UNDEFINED);
        }
        std::thread::sleep(left.min(POLL));
    }
}

/// `$262.agent.monotonicNow()`: milliseconds on a monotonic clock shared by
/// all agents.
fn monotonic_now(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    let origin = *ORIGIN.get_or_init(Instant::now);
    Ok(Value::number(origin.elapsed().as_secs_f64() * 1000.0))
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}
