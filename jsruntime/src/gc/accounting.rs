//! Memory accounting for the heap limit ([`crate::runtime::limits`]).
//!
//! The collector knows its cells, but cells own malloc'd bodies (string
//! characters, element vectors, BigInt digits, Map tables, array buffers,
//! regexp programs) and the compiler allocates too. An embedder that wants
//! the heap limit to count all of it installs [`CountingAllocator`] as the
//! global allocator (`jstb` does):
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOC: jsruntime::gc::accounting::CountingAllocator =
//!     jsruntime::gc::accounting::CountingAllocator;
//! ```
//!
//! The count is process-wide: with several runtimes on several threads, the
//! limit applies to their sum. Each thread batches its changes (up to 256 KB
//! either way) before it adds them to the shared count, so another thread's
//! latest allocations may be missing from it by that much.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

/// Bytes in use, as last flushed by each thread (see [`PENDING`]).
static ALLOCATED: AtomicIsize = AtomicIsize::new(0);
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// How far a thread's count may run ahead of [`ALLOCATED`]: each thread
/// adds its allocations to a thread-local count and moves it to the shared
/// one when it reaches this many bytes either way. The runtime's thread and
/// the compile thread both allocate all the time; one shared counter
/// updated on every allocation bounced its cache line between the cores
/// (the two counting methods took 4% of marked's time).
const BATCH: isize = 256 << 10;

thread_local! {
    /// This thread's allocations (positive) and frees (negative) not yet
    /// in [`ALLOCATED`]. A `const` cell without a destructor: reading it
    /// never allocates, so the allocator may use it.
    static PENDING: Cell<isize> = const { Cell::new(0) };
}

/// Counts `delta` bytes (negative: freed).
#[inline]
fn note(delta: isize) {
    let flushed = PENDING.try_with(|p| {
        let v = p.get() + delta;
        if v.abs() >= BATCH {
            ALLOCATED.fetch_add(v, Ordering::Relaxed);
            p.set(0);
        } else {
            p.set(v);
        }
    });
    // No thread-local storage (a thread being torn down): count directly.
    if flushed.is_err() {
        ALLOCATED.fetch_add(delta, Ordering::Relaxed);
    }
}

#[inline]
fn note_installed() {
    // Written once: later allocations only read the flag.
    if !INSTALLED.load(Ordering::Relaxed) {
        INSTALLED.store(true, Ordering::Relaxed);
    }
}

/// The system allocator, counting the bytes in use.
pub struct CountingAllocator;

// SAFETY: every method forwards to `System` with the same arguments; the
// counters have no effect on the memory handed out.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded (the caller upholds `alloc`'s contract).
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            note(layout.size() as isize);
            note_installed();
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            note(layout.size() as isize);
            note_installed();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded.
        unsafe { System.dealloc(ptr, layout) };
        note(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            note(new_size as isize - layout.size() as isize);
        }
        p
    }
}

/// Bytes allocated through [`CountingAllocator`] and not freed, or `None`
/// when it is not the global allocator: exact for the calling thread's own
/// allocations, and within [`BATCH`] bytes for each other thread's.
pub fn allocated() -> Option<usize> {
    if INSTALLED.load(Ordering::Relaxed) {
        let own = PENDING.try_with(Cell::get).unwrap_or(0);
        Some((ALLOCATED.load(Ordering::Relaxed) + own).max(0) as usize)
    } else {
        None
    }
}
