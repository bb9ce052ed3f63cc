//! Limits an embedder sets on a script it does not trust (docs/security.md):
//!
//! * **Interrupt.** [`InterruptHandle`] is `Send + Sync`: another thread
//!   calls [`InterruptHandle::interrupt`] (a watchdog implements a
//!   deadline). Compiled code polls the flag at every loop back-edge and at
//!   every function entry (one byte load and a branch, the address is a
//!   constant of the code); [`Runtime::call`]/[`Runtime::construct`] and
//!   the long-running built-ins poll it with [`Runtime::poll_interrupt`].
//!   The termination it throws is not catchable: compiled `catch` and
//!   `finally` handlers re-poll the flag on entry and pass the exception on,
//!   and every function entry throws it again while the flag is set. The
//!   embedder sees `Err(Thrown(v))` with [`Runtime::is_termination`]`(v)`
//!   and calls [`Runtime::clear_interrupt`] before the next call.
//! * **Stack size.** [`Runtime::set_stack_size`]: the JavaScript recursion
//!   limit, in bytes of native stack (at most the thread's stack less
//!   [`super::STACK_RESERVE`]). Argument lists held on the heap across a
//!   call (`apply`, spread, bound functions) are charged to it too.
//! * **Heap.** [`Runtime::set_max_heap`]: collected cells plus the malloc'd
//!   memory the runtime reports ([`Runtime::reserve_memory`]); exceeding it
//!   throws a catchable RangeError "Out of memory".

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::Runtime;
use crate::value::Value;
use crate::{JsResult, Thrown};

/// A thread-safe handle that stops the script running in a [`Runtime`].
#[derive(Clone, Debug)]
pub struct InterruptHandle(Arc<AtomicBool>);

impl InterruptHandle {
    /// Requests termination: the running script stops at its next poll
    /// (a loop iteration, a call, or a step of a long built-in).
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether termination is requested.
    pub fn is_interrupted(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Argument lists longer than this held by Rust code across a call are
/// charged to the stack (8 bytes each).
pub const CHARGED_ARGUMENTS: usize = 64;

/// The longest argument list built on the heap (`apply`, bound functions):
/// longer ones are a RangeError before they are built.
pub const MAX_ARGUMENTS: usize = 1 << 24;

/// The message of the termination exception.
pub const TERMINATED: &str = "Script execution terminated";

impl Runtime {
    /// A handle another thread can use to terminate the running script.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle(self.interrupt.clone())
    }

    /// Requests termination from this thread (e.g. from a host function).
    pub fn interrupt(&self) {
        self.interrupt.store(true, Ordering::Relaxed);
    }

    /// Whether termination is requested.
    pub fn is_interrupted(&self) -> bool {
        self.interrupt.load(Ordering::Relaxed)
    }

    /// Clears a termination request so that the runtime can run again.
    pub fn clear_interrupt(&mut self) {
        self.interrupt.store(false, Ordering::Relaxed);
        if self.is_termination(self.pending_exception) {
            self.pending_exception = Value::UNDEFINED;
        }
    }

    /// The address of the interrupt flag (one byte, nonzero: terminate);
    /// compiled code loads it directly.
    pub fn interrupt_flag_address(&self) -> usize {
        Arc::as_ptr(&self.interrupt) as usize
    }

    /// Whether `v` is the termination exception.
    pub fn is_termination(&self, v: Value) -> bool {
        v.to_bits() == self.termination.to_bits() && !v.is_undefined()
    }

    /// The termination exception (uncatchable while the flag is set).
    pub fn termination(&mut self) -> Thrown {
        self.pending_exception = self.termination;
        Thrown(self.termination)
    }

    /// Throws the termination exception when termination is requested.
    #[inline]
    pub fn poll_interrupt(&mut self) -> JsResult<()> {
        if self.interrupt.load(Ordering::Relaxed) {
            return Err(self.termination());
        }
        Ok(())
    }

    /// Sets the JavaScript recursion limit: at most `bytes` of native stack
    /// below the runtime's creation point (clamped to the thread's stack
    /// less the reserve). Returns the size in effect.
    pub fn set_stack_size(&mut self, bytes: usize) -> usize {
        let here = crate::gc::stack::current_sp();
        let lowest = self.stack_low.saturating_add(super::STACK_RESERVE);
        let limit = here.saturating_sub(bytes).max(lowest);
        self.stack_limit = limit;
        self.base_stack_limit = limit;
        here.saturating_sub(limit)
    }

    /// Charges an argument list of `n` values held on the heap across a call
    /// to the stack (as if it were pushed there); a RangeError when it does
    /// not fit. Pair with [`Runtime::release_arguments`].
    pub(crate) fn charge_arguments(&mut self, n: usize) -> JsResult<usize> {
        let bytes = n.saturating_mul(8);
        let sp = crate::gc::stack::current_sp();
        if sp.saturating_sub(bytes) < self.stack_limit {
            return Err(self.range_error("Maximum call stack size exceeded"));
        }
        self.stack_limit += bytes;
        Ok(bytes)
    }

    pub(crate) fn release_arguments(&mut self, bytes: usize) {
        self.stack_limit -= bytes;
    }

    /// Sets the maximum heap size in bytes (`None`: unlimited): collected
    /// cells plus the memory reported with [`Runtime::reserve_memory`].
    pub fn set_max_heap(&mut self, bytes: Option<usize>) {
        self.max_heap = bytes;
        self.heap
            .set_max_threshold(bytes.map(|b| (b / 16).max(64 * 1024)));
    }

    /// The maximum heap size, if any.
    pub fn max_heap(&self) -> Option<usize> {
        self.max_heap
    }

    /// Bytes the heap limit counts now: live cells plus malloc'd bodies.
    pub fn heap_used(&self) -> usize {
        self.heap.footprint()
    }

    /// Checks, before a built-in allocates `bytes` of malloc'd memory, that
    /// the heap limit allows it (collecting first if that helps): the
    /// "Out of memory" RangeError otherwise. Without a limit, requests over
    /// [`MAX_SINGLE_ALLOCATION`] fail the same way (fail fast, not abort).
    pub fn reserve_memory(&mut self, bytes: usize) -> JsResult<()> {
        if bytes > MAX_SINGLE_ALLOCATION {
            return Err(self.out_of_memory_error());
        }
        let Some(max) = self.max_heap else {
            return Ok(());
        };
        if self.heap.footprint().saturating_add(bytes) <= max {
            return Ok(());
        }
        self.collect_garbage();
        if self.heap.footprint().saturating_add(bytes) <= max {
            return Ok(());
        }
        Err(self.out_of_memory_error())
    }

    /// With a heap limit: the "Out of memory" RangeError when the footprint
    /// is over it even after a full collection. Callers hold their values
    /// where the conservative stack scan sees them.
    pub fn check_heap_limit(&mut self) -> JsResult<()> {
        let Some(max) = self.max_heap else {
            return Ok(());
        };
        if self.heap.footprint() <= max {
            return Ok(());
        }
        self.collect_garbage();
        if self.heap.footprint() <= max {
            return Ok(());
        }
        Err(self.out_of_memory_error())
    }

    /// The preallocated "Out of memory" RangeError.
    pub fn out_of_memory_error(&mut self) -> Thrown {
        Thrown(self.out_of_memory)
    }
}

/// Default backtracking budget of one regular-expression match (steps):
/// about a second of matching; [`Runtime::set_regexp_step_budget`].
pub const REGEXP_STEP_BUDGET: u64 = 100_000_000;

/// Largest backtrack stack of one match (entries of a few words each).
pub const REGEXP_MAX_BACKTRACK_STACK: usize = 4 << 20;

impl Runtime {
    /// Sets the backtracking budget of one regular-expression match: past
    /// it the match throws a RangeError ("Maximum regular expression
    /// backtracking exceeded") instead of running on.
    pub fn set_regexp_step_budget(&mut self, steps: u64) {
        self.regexp_step_budget = steps;
    }

    /// The backtracking budget of one match.
    pub fn regexp_step_budget(&self) -> u64 {
        self.regexp_step_budget
    }
}

/// The largest single malloc'd body a script may request (4 GiB): larger
/// requests are refused up front instead of aborting the process.
pub const MAX_SINGLE_ALLOCATION: usize = 1 << 32;
