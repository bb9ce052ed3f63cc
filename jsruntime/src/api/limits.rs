//! Limits on what a script may use (the engine's `runtime::limits`, see
//! docs/security.md) reachable from the API: an interrupt handle for other
//! threads, a deadline, the heap limit and the stack size.
//!
//! A stopped script is [`Error::Terminated`] for Rust. JavaScript cannot
//! catch it (`catch` and `finally` blocks do not run while the request
//! stands). When it reaches the embedder (no host function is running),
//! the request is cleared, so the runtime runs the next call normally: one
//! interrupt stops one run.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Instant;

use super::{Context, Error, Result};
use crate::runtime::InterruptHandle;

/// The deadline thread of a runtime: it sleeps until the deadline, then
/// interrupts. Dropping it stops the thread.
pub(crate) struct Watchdog {
    shared: Arc<(Mutex<WatchState>, Condvar)>,
}

struct WatchState {
    /// When to interrupt (`None`: no deadline).
    deadline: Option<Instant>,
    /// Set when the runtime goes away: the thread ends.
    shutdown: bool,
    /// Whether the deadline fired (an interrupt was requested).
    fired: bool,
}

fn lock(m: &Mutex<WatchState>) -> MutexGuard<'_, WatchState> {
    // A poisoned lock only means a panic elsewhere; the state stays valid.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Watchdog {
    fn start(handle: InterruptHandle) -> std::io::Result<Watchdog> {
        let shared = Arc::new((
            Mutex::new(WatchState {
                deadline: None,
                shutdown: false,
                fired: false,
            }),
            Condvar::new(),
        ));
        let theirs = shared.clone();
        std::thread::Builder::new()
            .name("jsruntime-deadline".into())
            .spawn(move || watch(&theirs, &handle))?;
        Ok(Watchdog { shared })
    }

    /// Replaces the deadline; returns whether the previous one fired.
    fn set(&self, deadline: Option<Instant>) -> bool {
        let (m, cv) = &*self.shared;
        let mut state = lock(m);
        state.deadline = deadline;
        let fired = std::mem::replace(&mut state.fired, false);
        cv.notify_one();
        fired
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (m, cv) = &*self.shared;
        lock(m).shutdown = true;
        cv.notify_one();
    }
}

/// The watchdog thread: waits for the deadline (or a change of it) and
/// interrupts when it passes. The interrupt happens under the lock, so once
/// [`Watchdog::set`] returns, a deadline it replaced can no longer fire.
fn watch(shared: &(Mutex<WatchState>, Condvar), handle: &InterruptHandle) {
    let (m, cv) = shared;
    let mut state = lock(m);
    loop {
        if state.shutdown {
            return;
        }
        match state.deadline {
            None => state = cv.wait(state).unwrap_or_else(|e| e.into_inner()),
            Some(at) => {
                let now = Instant::now();
                if now >= at {
                    handle.interrupt();
                    // Spent: the next run needs a new deadline.
                    state.deadline = None;
                    state.fired = true;
                    continue;
                }
                state = cv
                    .wait_timeout(state, at - now)
                    .map(|(s, _)| s)
                    .unwrap_or_else(|e| e.into_inner().0);
            }
        }
    }
}

impl Context {
    /// A handle that stops the running script from another thread
    /// (`Send + Sync`, cheap to clone): `handle.interrupt()` terminates the
    /// script at its next loop iteration, function call or step of a
    /// long built-in; the call that was running returns
    /// [`Error::Terminated`].
    ///
    /// ```
    /// use jsruntime::api::{Runtime, Error};
    /// let mut rt = Runtime::new()?;
    /// let handle = rt.interrupt_handle();
    /// let stopper = std::thread::spawn(move || {
    ///     std::thread::sleep(std::time::Duration::from_millis(50));
    ///     handle.interrupt();
    /// });
    /// let err = rt.eval::<()>("try { while (true) {} } catch (e) {}").unwrap_err();
    /// assert!(err.is_terminated());
    /// stopper.join().unwrap();
    /// assert_eq!(rt.eval::<i32>("1 + 1")?, 2); // usable again
    /// # Ok::<(), Error>(())
    /// ```
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.exec.runtime.interrupt_handle()
    }

    /// Stops scripts at `deadline`: the run in progress then (or the next
    /// one, if none is running) returns [`Error::Terminated`]. A deadline
    /// fires once; `None` removes it. Replacing or removing a deadline also
    /// withdraws the interrupt it requested if no run has seen it yet (it
    /// passed just as a run ended). A helper thread waits for it (started
    /// on first use, ended with the runtime).
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use jsruntime::api::{Runtime, Error};
    /// let mut rt = Runtime::new()?;
    /// rt.set_deadline(Some(Instant::now() + Duration::from_millis(50)))?;
    /// assert!(rt.eval::<()>("for (;;) {}").unwrap_err().is_terminated());
    /// # Ok::<(), Error>(())
    /// ```
    pub fn set_deadline(&mut self, deadline: Option<Instant>) -> Result<()> {
        if self.state.watchdog.is_none() {
            if deadline.is_none() {
                return Ok(());
            }
            let handle = self.exec.runtime.interrupt_handle();
            let dog = Watchdog::start(handle)
                .map_err(|e| Error::new(format!("cannot start the deadline thread: {e}")))?;
            self.state.watchdog = Some(dog);
        }
        let fired = self
            .state
            .watchdog
            .as_ref()
            .is_some_and(|dog| dog.set(deadline));
        if fired && self.state.host_depth == 0 {
            self.exec.runtime.clear_interrupt();
        }
        Ok(())
    }

    /// Limits the heap to `bytes` (`None`: no limit): the collected cells
    /// plus the memory their bodies own as the engine reports it (element
    /// storage, strings, buffers). An allocation past it, after a full
    /// collection, throws a `RangeError: Out of memory` that scripts can
    /// catch; the runtime stays usable once the memory is released.
    pub fn set_max_heap(&mut self, bytes: Option<usize>) {
        self.exec.runtime.set_max_heap(bytes);
    }

    /// The heap limit, if any.
    pub fn max_heap(&self) -> Option<usize> {
        self.exec.runtime.max_heap()
    }

    /// Bytes the heap limit counts now.
    pub fn heap_used(&self) -> usize {
        self.exec.runtime.heap_used()
    }

    /// Limits JavaScript recursion to about `bytes` of native stack below
    /// this point (at most what the thread's stack allows, less a reserve
    /// for Rust code). Deeper recursion throws a catchable
    /// `RangeError: Maximum call stack size exceeded`. Returns the size in
    /// effect. Call it from the thread, and about the stack depth, where
    /// the runtime will be used.
    pub fn set_stack_size(&mut self, bytes: usize) -> usize {
        self.exec.runtime.set_stack_size(bytes)
    }

    /// Requests termination from this thread (for example from a host
    /// function): as [`InterruptHandle::interrupt`].
    pub fn interrupt(&self) {
        self.exec.runtime.interrupt();
    }

    /// The error of a terminated run; at the outermost level (no host
    /// function running) the request is cleared so the runtime can run
    /// again.
    pub(crate) fn terminated(&mut self) -> Error {
        if self.state.host_depth == 0 {
            self.exec.runtime.clear_interrupt();
        }
        Error::Terminated
    }
}
