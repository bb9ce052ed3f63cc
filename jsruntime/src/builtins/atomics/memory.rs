//! The atomic accesses of `Atomics` to an element of a buffer: sequentially
//! consistent atomic instructions on the element's bytes, so that several
//! agents (threads, each with its own runtime) sharing a block through
//! SharedArrayBuffers are race-free (29 Memory Model: the operations of
//! `Atomics` are SeqCst events). Values are the element's little-endian
//! bits in the low `size` bytes of a `u64` (the runtime only builds for
//! little-endian targets: `data.rs` reads elements the same way).

// The arms of `with_atomic!` widen every element width to u64, a no-op cast
// for the 8-byte arm.
#![allow(clippy::unnecessary_cast)]

use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, AtomicU8, Ordering::SeqCst};

/// The address of one element: non-null, aligned to its size, and inside a
/// live block for as long as it is used (the caller's promise).
#[derive(Clone, Copy)]
pub(crate) struct Element {
    ptr: *mut u8,
    size: usize,
}

impl Element {
    /// `ptr` to an element of `size` bytes (1, 2, 4 or 8), or `None` when
    /// it is null or not aligned (never for a valid typed array element:
    /// blocks are 8-byte aligned and byte offsets multiples of the size).
    ///
    /// # Safety
    /// `ptr..ptr + size` lies inside an allocated buffer block that stays
    /// allocated while the `Element` is used.
    pub(crate) unsafe fn new(ptr: *mut u8, size: usize) -> Option<Element> {
        let ok =
            !ptr.is_null() && matches!(size, 1 | 2 | 4 | 8) && (ptr as usize).is_multiple_of(size);
        ok.then_some(Element { ptr, size })
    }

    /// The element's address (the key of its waiter list).
    pub(crate) fn address(self) -> usize {
        self.ptr as usize
    }
}

/// Runs `$body` with `$a` the atomic integer of the element's size.
macro_rules! with_atomic {
    ($e:expr, |$a:ident, $t:ident| $body:expr) => {{
        let e: Element = $e;
        // In every arm: `Element::new` checked that the pointer is non-null
        // and aligned for its size, and its caller that the bytes are
        // allocated; every access to them by `Atomics` is atomic.
        match e.size {
            1 => {
                #[allow(dead_code)]
                type $t = u8;
                // SAFETY: see above (non-null, aligned, allocated).
                let $a = unsafe { AtomicU8::from_ptr(e.ptr) };
                $body
            }
            2 => {
                #[allow(dead_code)]
                type $t = u16;
                // SAFETY: see above (non-null, aligned, allocated).
                let $a = unsafe { AtomicU16::from_ptr(e.ptr.cast()) };
                $body
            }
            4 => {
                #[allow(dead_code)]
                type $t = u32;
                // SAFETY: see above (non-null, aligned, allocated).
                let $a = unsafe { AtomicU32::from_ptr(e.ptr.cast()) };
                $body
            }
            _ => {
                #[allow(dead_code)]
                type $t = u64;
                // SAFETY: see above (non-null, aligned, allocated).
                let $a = unsafe { AtomicU64::from_ptr(e.ptr.cast()) };
                $body
            }
        }
    }};
}

/// An atomic load of the element's bits.
pub(crate) fn load(e: Element) -> u64 {
    with_atomic!(e, |a, T| a.load(SeqCst) as u64)
}

/// An atomic store of the element's bits.
pub(crate) fn store(e: Element, bits: u64) {
    with_atomic!(e, |a, T| a.store(bits as T, SeqCst))
}

/// An atomic read-modify-write: stores `op(old, operand)`, returns `old`.
pub(crate) fn read_modify_write(e: Element, operand: u64, op: fn(u64, u64) -> u64) -> u64 {
    with_atomic!(e, |a, T| {
        let mut old = a.load(SeqCst);
        loop {
            let new = op(old as u64, operand) as T;
            match a.compare_exchange_weak(old, new, SeqCst, SeqCst) {
                Ok(_) => break old as u64,
                Err(seen) => old = seen,
            }
        }
    })
}

/// An atomic compare-and-exchange: stores `replacement` if the element is
/// `expected`; returns the old bits.
pub(crate) fn compare_exchange(e: Element, expected: u64, replacement: u64) -> u64 {
    with_atomic!(e, |a, T| {
        match a.compare_exchange(expected as T, replacement as T, SeqCst, SeqCst) {
            Ok(old) | Err(old) => old as u64,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_act_on_the_element_size_only() {
        let mut words = [0u64; 2];
        let p = words.as_mut_ptr().cast::<u8>();
        // SAFETY: inside `words`, aligned.
        let e = unsafe { Element::new(p.add(4), 4) }.unwrap();
        store(e, 0xFFFF_FFFF);
        assert_eq!(
            read_modify_write(e, 1, |x, y| x.wrapping_add(y)),
            0xFFFF_FFFF
        );
        assert_eq!(load(e), 0);
        assert_eq!(compare_exchange(e, 0, 7), 0);
        assert_eq!(compare_exchange(e, 0, 9), 7);
        assert_eq!(words[0], 7 << 32);
        // SAFETY: misaligned pointers are refused.
        assert!(unsafe { Element::new(p.add(2), 4) }.is_none());
    }
}
