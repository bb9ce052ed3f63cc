//! Added for jsruntime: a budget on the backtracking matcher, so that a
//! catastrophic pattern (`/^(a|b)*$/`-style nesting on a long input) ends
//! instead of running for hours or growing its backtrack stack without
//! bound. Every backtrack step is counted; every 4096 steps the budget and
//! an optional interrupt flag are checked. When either is exceeded the
//! match gives up (it reports no match) and [`take_aborted`] returns the
//! reason. The settings are per thread.

use core::cell::Cell;
use core::sync::atomic::{AtomicBool, Ordering};

/// Why a match was abandoned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aborted {
    /// More backtrack steps than the budget.
    Budget,
    /// The backtrack stack grew past its limit.
    Memory,
    /// The interrupt flag was set.
    Interrupted,
}

std::thread_local! {
    static BUDGET: Cell<u64> = const { Cell::new(u64::MAX) };
    static MAX_STACK: Cell<usize> = const { Cell::new(usize::MAX) };
    static STEPS: Cell<u64> = const { Cell::new(0) };
    static INTERRUPT: Cell<usize> = const { Cell::new(0) };
    static ABORTED: Cell<Option<Aborted>> = const { Cell::new(None) };
}

/// Sets this thread's limits for the next matches: at most `budget`
/// backtrack steps and `max_stack` backtrack entries per match; `interrupt`
/// (the address of an `AtomicBool` that outlives the matches, or 0) is
/// polled.
pub fn configure(budget: u64, max_stack: usize, interrupt: usize) {
    BUDGET.with(|b| b.set(budget));
    MAX_STACK.with(|m| m.set(max_stack));
    INTERRUPT.with(|i| i.set(interrupt));
}

/// Starts counting a match (call before each search).
pub fn begin() {
    STEPS.with(|s| s.set(0));
    ABORTED.with(|a| a.set(None));
}

/// Why the last match was abandoned, if it was (clears it).
pub fn take_aborted() -> Option<Aborted> {
    ABORTED.with(|a| a.take())
}

#[inline(always)]
pub(crate) fn aborted() -> bool {
    ABORTED.with(|a| a.get().is_some())
}

/// Counts one backtrack step; true when the match must stop.
#[inline(always)]
pub(crate) fn step(stack_len: usize) -> bool {
    let n = STEPS.with(|s| {
        let n = s.get().wrapping_add(1);
        s.set(n);
        n
    });
    if n & 4095 != 0 {
        return false;
    }
    slow_check(n, stack_len)
}

#[inline(never)]
fn slow_check(n: u64, stack_len: usize) -> bool {
    let reason = if n > BUDGET.with(|b| b.get()) {
        Some(Aborted::Budget)
    } else if stack_len > MAX_STACK.with(|m| m.get()) {
        Some(Aborted::Memory)
    } else {
        let flag = INTERRUPT.with(|i| i.get());
        // SAFETY: `configure` was given the address of an AtomicBool that
        // outlives the matches (or 0).
        if flag != 0 && unsafe { &*(flag as *const AtomicBool) }.load(Ordering::Relaxed) {
            Some(Aborted::Interrupted)
        } else {
            None
        }
    };
    if reason.is_some() {
        ABORTED.with(|a| a.set(reason));
        return true;
    }
    false
}
