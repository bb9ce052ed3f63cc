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
//! limit applies to their sum.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// The system allocator, counting the bytes in use.
pub struct CountingAllocator;

// SAFETY: every method forwards to `System` with the same arguments; the
// counters have no effect on the memory handed out.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded (the caller upholds `alloc`'s contract).
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
            INSTALLED.store(true, Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
            INSTALLED.store(true, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded.
        unsafe { System.dealloc(ptr, layout) };
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                ALLOCATED.fetch_add(new_size - layout.size(), Ordering::Relaxed);
            } else {
                ALLOCATED.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

/// Bytes allocated through [`CountingAllocator`] and not freed, or `None`
/// when it is not the global allocator.
pub fn allocated() -> Option<usize> {
    if INSTALLED.load(Ordering::Relaxed) {
        Some(ALLOCATED.load(Ordering::Relaxed))
    } else {
        None
    }
}
