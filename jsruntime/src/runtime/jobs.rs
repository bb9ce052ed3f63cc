//! The job queue (9.5 Jobs and Host Operations to Enqueue Jobs,
//! #sec-jobs) and the host's promise rejection tracker (27.2.1.9
//! HostPromiseRejectionTracker, #sec-host-promise-rejection-tracker).
//!
//! One FIFO of jobs per runtime: promise jobs (9.5.5 HostEnqueuePromiseJob,
//! the jobs of 27.2.2) and host jobs (a Rust function and one value, for the
//! CLI's timers and the embedding API). Every value a queued job holds is a
//! GC root ([`JobQueue`] is traced by `Runtime::trace_roots`). The host
//! drains the queue after a script ([`Runtime::run_jobs`]); a job that
//! throws is reported through the host's callback and the next job runs.
//!
//! The rejection tracker keeps the promises rejected while no handler was
//! attached (operation "reject") and forgets them when a handler is added
//! later (operation "handle"); after draining, the host takes what is left
//! ([`Runtime::take_unhandled_rejections`]) and reports it.

use std::collections::VecDeque;

use crate::builtins::atomics::waiters::{AsyncWait, Woken};
use crate::builtins::promise::{self, PromiseReaction};
use crate::gc::{Gc, RootedList, Trace, Tracer};
use crate::object::shape::Shape;
use crate::object::JsObject;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// A host job: a Rust function called with the value it was enqueued with.
pub type HostJobFn = fn(&mut Runtime, data: Value) -> JsResult<()>;

/// One pending job (an Abstract Closure of 9.5 with what it captured).
#[derive(Clone, Copy)]
pub(crate) enum Job {
    /// 27.2.2.1 NewPromiseReactionJob ( reaction, argument ).
    PromiseReaction {
        reaction: PromiseReaction,
        argument: Value,
    },
    /// 27.2.2.2 NewPromiseResolveThenableJob ( promiseToResolve, thenable,
    /// then ).
    ResolveThenable {
        promise: Value,
        thenable: Value,
        then: Value,
    },
    /// A host job ([`Runtime::enqueue_host_job`]).
    Host { func: HostJobFn, data: Value },
}

// SAFETY: reports every value the job captured.
unsafe impl Trace for Job {
    fn trace(&self, tracer: &mut Tracer) {
        match self {
            Job::PromiseReaction { reaction, argument } => {
                reaction.trace(tracer);
                tracer.mark_value(*argument);
            }
            Job::ResolveThenable {
                promise,
                thenable,
                then,
            } => {
                tracer.mark_value(*promise);
                tracer.mark_value(*thenable);
                tracer.mark_value(*then);
            }
            Job::Host { data, .. } => tracer.mark_value(*data),
        }
    }
}

/// The operation of HostPromiseRejectionTracker ( promise, operation ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RejectionOperation {
    /// A promise was rejected without handlers.
    Reject,
    /// A handler was added to a rejected promise that had none.
    Handle,
}

/// The runtime's job queue and rejection tracker.
#[derive(Default)]
pub(crate) struct JobQueue {
    jobs: VecDeque<Job>,
    /// Rejected promises that had no handler then, oldest first; those
    /// handled since ([[PromiseIsHandled]]) are dropped lazily.
    unhandled: Vec<Value>,
    /// The length of `unhandled` after its last compaction.
    compacted_len: usize,
    /// The pending waits of `Atomics.waitAsync` of this agent.
    async_waits: AsyncWaits,
    /// Where PromiseResolve last found a promise prototype's "constructor"
    /// (`builtins::promise::operations::promise_resolve`).
    pub(crate) constructor_cache: Option<ConstructorCache>,
}

/// A promise prototype's "constructor" data property, found once by a full
/// [[Get]]: the prototype, its shape at the time and the property's slot.
/// A shape that is not a dictionary never changes (adding, deleting or
/// reconfiguring a property gives the object another shape), so while the
/// prototype still has `shape` the property is the same data property in
/// the same slot and only its value (read from the slot) may differ. Both
/// cells are traced with the queue, so the shape's address cannot be
/// reused by another shape while it is cached.
#[derive(Clone, Copy)]
pub(crate) struct ConstructorCache {
    /// The prototype object.
    pub proto: Gc<JsObject>,
    /// Its shape when the property was found (not a dictionary).
    pub shape: Gc<Shape>,
    /// The slot of "constructor" in that shape.
    pub slot: u32,
}

/// The pending `Atomics.waitAsync` waiters of a runtime; they leave the
/// process-wide waiter lists when the runtime goes away.
// GC: the promises are traced with the job queue (`JobQueue::trace`).
#[derive(Default)]
struct AsyncWaits(Vec<AsyncWait>);

impl Drop for AsyncWaits {
    fn drop(&mut self) {
        for w in &self.0 {
            w.signal.cancel();
        }
    }
}

// SAFETY: reports every queued job, every tracked promise and the cached
// prototype and shape.
unsafe impl Trace for JobQueue {
    fn trace(&self, tracer: &mut Tracer) {
        for job in &self.jobs {
            job.trace(tracer);
        }
        for v in &self.unhandled {
            tracer.mark_value(*v);
        }
        for w in &self.async_waits.0 {
            tracer.mark_value(w.promise);
        }
        if let Some(c) = &self.constructor_cache {
            tracer.mark_cell(c.proto.addr());
            tracer.mark_cell(c.shape.addr());
        }
    }
}

/// Resolves the promise of an `Atomics.waitAsync` wait with `result`.
fn settle_wait(rt: &mut Runtime, promise: Value, result: &str) -> JsResult<()> {
    let s = rt.atom(result)?;
    promise::operations::resolve_intrinsic_promise(rt, promise, Value::string(s))
}

impl Runtime {
    /// 9.5.5 HostEnqueuePromiseJob ( job, realm ): appends a job to the
    /// queue (one realm, so the realm is not recorded).
    pub(crate) fn enqueue_job(&mut self, job: Job) {
        self.jobs.jobs.push_back(job);
    }

    /// Appends a host job: `func(rt, data)` runs after the jobs queued
    /// before it; `data` is kept alive until then.
    pub fn enqueue_host_job(&mut self, func: HostJobFn, data: Value) {
        self.enqueue_job(Job::Host { func, data });
    }

    /// Whether a job is waiting.
    pub fn has_pending_jobs(&self) -> bool {
        !self.jobs.jobs.is_empty()
    }

    /// Keeps an `Atomics.waitAsync` waiter until its wait ends.
    pub(crate) fn add_async_wait(&mut self, wait: AsyncWait) {
        self.jobs.async_waits.0.push(wait);
    }

    /// Whether an `Atomics.waitAsync` promise of this runtime waits for a
    /// notification or its timeout (the host may keep running jobs until
    /// it settles: [`Runtime::wait_for_async_waits`]).
    pub fn has_pending_async_waits(&self) -> bool {
        !self.jobs.async_waits.0.is_empty()
    }

    /// Blocks until a pending `Atomics.waitAsync` wait ends (then its
    /// promise's resolution job is queued) or the runtime is interrupted
    /// (the termination exception).
    pub fn wait_for_async_waits(&mut self) -> JsResult<()> {
        while self.has_pending_async_waits() && !self.settle_async_waits() {
            self.poll_interrupt()?;
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        Ok(())
    }

    /// 25.4.3.? EnqueueResolveInAgentJob / EnqueueAtomicsWaitAsyncTimeoutJob:
    /// queues the resolution of every async wait that ended (notified:
    /// "ok", timed out: "timed-out"); whether any did.
    fn settle_async_waits(&mut self) -> bool {
        let mut any = false;
        let mut i = 0;
        while i < self.jobs.async_waits.0.len() {
            let w = &self.jobs.async_waits.0[i];
            let Some(woken) = w.signal.poll(w.deadline) else {
                i += 1;
                continue;
            };
            let w = self.jobs.async_waits.0.remove(i);
            let job: HostJobFn = match woken {
                Woken::TimedOut => |rt, p| settle_wait(rt, p, "timed-out"),
                Woken::Notified | Woken::Stopped => |rt, p| settle_wait(rt, p, "ok"),
            };
            self.enqueue_host_job(job, w.promise);
            any = true;
        }
        any
    }

    /// Runs the oldest job: `None` when the queue is empty, else the job's
    /// completion (a throw is the host's to report).
    pub fn run_next_job(&mut self) -> Option<JsResult<()>> {
        if self.has_pending_async_waits() {
            self.settle_async_waits();
        }
        // FinalizationRegistry cleanups of targets collected so far run as a
        // host job once the other jobs are done (9.13
        // HostEnqueueFinalizationRegistryCleanupJob).
        if self.jobs.jobs.is_empty() && !self.pending_finalizations.is_empty() {
            self.enqueue_host_job(|rt, _| rt.run_finalization_cleanups(), Value::UNDEFINED);
        }
        // The job's values live in this frame while it runs (the
        // conservative stack scan sees them).
        let job = self.jobs.jobs.pop_front()?;
        let result = match job {
            Job::PromiseReaction { reaction, argument } => {
                promise::run_reaction_job(self, reaction, argument)
            }
            Job::ResolveThenable {
                promise,
                thenable,
                then,
            } => promise::run_resolve_thenable_job(self, promise, thenable, then),
            Job::Host { func, data } => func(self, data),
        };
        // The job is over: WeakRef targets it read may die (9.10.2
        // ClearKeptObjects).
        self.clear_kept_objects();
        Some(result)
    }

    /// Runs jobs until the queue is empty (jobs enqueued meanwhile run
    /// too). A job that throws is passed to `on_error`, then the next one
    /// runs.
    pub fn run_jobs(&mut self, on_error: &mut dyn FnMut(&mut Runtime, Value)) {
        while let Some(result) = self.run_next_job() {
            if let Err(thrown) = result {
                on_error(self, thrown.0);
            }
        }
    }

    /// 27.2.1.9 HostPromiseRejectionTracker ( promise, operation ).
    ///
    /// "handle" needs no search: PerformPromiseThen sets
    /// [[PromiseIsHandled]], and handled promises are dropped from the list
    /// when it has doubled since the last compaction (amortised O(1) per
    /// rejection) and when the host takes it.
    pub(crate) fn promise_rejection_tracker(&mut self, promise: Value, op: RejectionOperation) {
        let queue = &mut self.jobs;
        match op {
            RejectionOperation::Reject => {
                queue.unhandled.push(promise);
                if queue.unhandled.len() >= 64.max(2 * queue.compacted_len) {
                    queue.unhandled.retain(|p| !promise::is_handled(*p));
                    queue.compacted_len = queue.unhandled.len();
                }
            }
            RejectionOperation::Handle => {
                // The common case, a handler added to the latest rejection.
                if queue.unhandled.last() == Some(&promise) {
                    queue.unhandled.pop();
                }
            }
        }
    }

    /// The promises rejected without a handler that still have none, oldest
    /// first (rooted while the list lives); the tracker forgets them.
    pub fn take_unhandled_rejections(&mut self) -> RootedList<Value> {
        let mut promises = std::mem::take(&mut self.jobs.unhandled);
        self.jobs.compacted_len = 0;
        promises.retain(|p| !promise::is_handled(*p));
        // GC: `promises` is not rooted, but nothing allocates a cell before
        // the list below holds them (registering a list does not collect).
        self.rooted_list_from(&promises)
    }

    /// The [[PromiseResult]] of a settled promise (the rejection reason of
    /// an unhandled rejection); undefined for a pending promise or another
    /// value.
    pub fn promise_result(&self, promise: Value) -> Value {
        promise::promise_result(promise)
    }
}
