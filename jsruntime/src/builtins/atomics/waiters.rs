//! Waiter lists (25.4.3.? WaiterList Records, #sec-waiterlist-objects) for
//! `Atomics.wait` and `Atomics.notify` across agents.
//!
//! One process-wide list holds every waiting agent, in the order it started
//! to wait, keyed by the address of the element it waits on: the block of a
//! SharedArrayBuffer has the same address in every agent that shares it, so
//! the address identifies (block, byte index). The list's mutex is the
//! WaiterList's critical section: `wait` compares the value and enqueues
//! itself under it, `notify` removes waiters under it (FIFO per address).
//! Each waiter sleeps on its own condition variable; it wakes to a
//! notification, its timeout, or every [`POLL`] to check its runtime's
//! interrupt flag (so a host can stop an agent stuck in a wait).

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How often a waiter checks whether its runtime was interrupted.
pub(crate) const POLL: Duration = Duration::from_millis(50);

/// One waiting agent's signal: set (under its mutex) when notified.
#[derive(Default)]
pub(crate) struct Signal {
    notified: Mutex<bool>,
    cond: Condvar,
}

struct Waiter {
    address: usize,
    signal: Arc<Signal>,
}

/// Every waiter of every agent, oldest first.
// GC: a waiter is an address and a signal, no GC reference.
static WAITERS: Mutex<Vec<Waiter>> = Mutex::new(Vec::new());

/// A lock that survives a panic of another holder (the data is a list of
/// plain records, consistent after every step).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The critical section of all waiter lists (EnterCriticalSection).
// GC: the waiters hold no GC reference (see WAITERS).
pub(crate) struct CriticalSection(MutexGuard<'static, Vec<Waiter>>);

/// Enters the critical section.
pub(crate) fn enter() -> CriticalSection {
    CriticalSection(lock(&WAITERS))
}

impl CriticalSection {
    /// AddWaiter: appends a waiter for `address`, and leaves the critical
    /// section; the caller then [`Signal::suspend`]s on the signal.
    pub(crate) fn add_waiter(mut self, address: usize) -> Arc<Signal> {
        let signal = Arc::new(Signal::default());
        self.0.push(Waiter {
            address,
            signal: signal.clone(),
        });
        signal
    }

    /// RemoveWaiters and NotifyWaiter: wakes the first `count` waiters on
    /// `address` (all for `None`) in FIFO order; returns how many.
    pub(crate) fn notify(mut self, address: usize, count: Option<u64>) -> u64 {
        let mut n = 0u64;
        let mut i = 0;
        while i < self.0.len() && count.is_none_or(|c| n < c) {
            if self.0[i].address == address {
                let w = self.0.remove(i);
                *lock(&w.signal.notified) = true;
                w.signal.cond.notify_one();
                n += 1;
            } else {
                i += 1;
            }
        }
        n
    }
}

/// How a wait ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Woken {
    Notified,
    TimedOut,
    /// `stop()` returned true (the runtime was interrupted).
    Stopped,
}

impl Signal {
    /// SuspendThisAgent: blocks until notified, until `timeout` passes
    /// (`None`: forever), or until `stop()` (checked every [`POLL`]) is
    /// true. A waiter that was not notified is removed from the list.
    pub(crate) fn suspend(
        self: &Arc<Signal>,
        timeout: Option<Duration>,
        stop: impl Fn() -> bool,
    ) -> Woken {
        let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
        let mut notified = lock(&self.notified);
        let ended = loop {
            if *notified {
                return Woken::Notified;
            }
            if stop() {
                break Woken::Stopped;
            }
            let slice = match deadline {
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break Woken::TimedOut;
                    }
                    left.min(POLL)
                }
                None => POLL,
            };
            notified = match self.cond.wait_timeout(notified, slice) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        };
        drop(notified);
        self.leave(ended)
    }

    /// Leaves the list, unless a notifier removed this waiter meanwhile
    /// (then the notification won: the flag is set before the list lock is
    /// freed): `ended`, or `Notified`.
    fn leave(self: &Arc<Signal>, ended: Woken) -> Woken {
        let mut list = lock(&WAITERS);
        match list.iter().position(|w| Arc::ptr_eq(&w.signal, self)) {
            Some(i) => {
                list.remove(i);
                ended
            }
            None => Woken::Notified,
        }
    }

    /// An async waiter's state without blocking: `Some` once notified or
    /// past its deadline (then it has left the list).
    pub(crate) fn poll(self: &Arc<Signal>, deadline: Option<Instant>) -> Option<Woken> {
        if *lock(&self.notified) {
            return Some(Woken::Notified);
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Some(self.leave(Woken::TimedOut));
        }
        None
    }

    /// Removes a waiter whose agent goes away.
    pub(crate) fn cancel(self: &Arc<Signal>) {
        self.leave(Woken::Stopped);
    }
}

/// A waiter of `Atomics.waitAsync` (mode async): its signal, its timeout
/// and its promise, kept by its runtime's job queue (which traces the
/// promise and settles it from a job once the wait ends).
pub(crate) struct AsyncWait {
    pub(crate) signal: Arc<Signal>,
    pub(crate) deadline: Option<Instant>,
    pub(crate) promise: crate::value::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notify_wakes_waiters_in_order_across_threads() {
        // An address no other test uses.
        let address = 0x5EED_0001usize;
        let (tx, rx) = std::sync::mpsc::channel();
        let mut threads = Vec::new();
        for id in 0..3 {
            let signal = enter().add_waiter(address);
            let tx = tx.clone();
            threads.push(std::thread::spawn(move || {
                let w = signal.suspend(Some(Duration::from_secs(20)), || false);
                let _ = tx.send((id, w));
            }));
        }
        assert_eq!(enter().notify(address, Some(1)), 1);
        assert_eq!(rx.recv().unwrap(), (0, Woken::Notified));
        assert_eq!(enter().notify(address, None), 2);
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(enter().notify(address, None), 0);
        let signal = enter().add_waiter(address);
        let w = signal.suspend(Some(Duration::from_millis(1)), || false);
        assert_eq!(w, Woken::TimedOut);
        assert_eq!(enter().notify(address, None), 0);
    }
}
