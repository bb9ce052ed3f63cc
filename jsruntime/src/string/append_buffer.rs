//! Append buffers: flat string storage with spare capacity, shared by the
//! strings that are prefixes of it, so that `s += x` appends in place.
//!
//! A buffer holds `used` initialized code units of a capacity fixed at
//! creation. Every string backed by it is a prefix `[0, len)` with
//! `len <= used`. Appending `x` to a string `s` whose length equals `used`
//! writes `x` after it and makes a new string of length `used + x.len()`
//! that shares the buffer; `s` itself is unchanged (it still reads
//! `[0, s.len())`). Units below `used` are never written again and the
//! buffer never moves, so views of a string stay valid for its lifetime.
//! When the capacity runs out, the next append copies into a new buffer 1.5
//! times as large: appending is amortised O(length of the appended part).

use std::cell::Cell;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

/// See the module docs. `T` is `u8` (Latin-1) or `u16` (UTF-16).
pub struct AppendBuffer<T: Copy> {
    ptr: NonNull<T>,
    cap: usize,
    used: Cell<usize>,
}

impl<T: Copy> AppendBuffer<T> {
    /// A buffer holding `units` followed by `more`, with room for at least
    /// `capacity` units.
    pub fn new(units: &[T], more: impl Iterator<Item = T>, capacity: usize) -> AppendBuffer<T> {
        let mut v = Vec::with_capacity(capacity.max(units.len()));
        v.extend_from_slice(units);
        v.extend(more);
        let mut v = ManuallyDrop::new(v);
        AppendBuffer {
            // SAFETY: a Vec's pointer is never null (dangling for capacity 0).
            ptr: unsafe { NonNull::new_unchecked(v.as_mut_ptr()) },
            cap: v.capacity(),
            used: Cell::new(v.len()),
        }
    }

    /// Initialized units.
    pub fn used(&self) -> usize {
        self.used.get()
    }

    /// Bytes of storage (for GC accounting).
    pub fn bytes(&self) -> usize {
        self.cap * std::mem::size_of::<T>()
    }

    /// The first `len` units (`len <= used`).
    pub fn prefix(&self, len: usize) -> &[T] {
        let len = len.min(self.used.get());
        // SAFETY: the first `used` units are initialized and never written
        // again; the allocation lives as long as `self`.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), len) }
    }

    /// Appends `units` after the string of length `len` if that string ends
    /// the buffer (`len == used`) and the units fit; returns whether it did.
    /// `units` may be a prefix of this very buffer (`s + s`).
    pub fn try_append(&self, len: usize, units: &[T]) -> bool {
        let used = self.used.get();
        if len != used || self.cap - used < units.len() {
            return false;
        }
        // SAFETY: `[used, used + n)` is inside the allocation and
        // uninitialized, so no slice handed out covers it; `units` lies in
        // initialized memory (another allocation or `[0, used)`), hence
        // the regions do not overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(units.as_ptr(), self.ptr.as_ptr().add(used), units.len())
        };
        self.used.set(used + units.len());
        true
    }

    /// Like [`AppendBuffer::try_append`] for Latin-1 units into a UTF-16
    /// buffer (widened one by one).
    pub fn try_append_with(&self, len: usize, n: usize, units: impl Iterator<Item = T>) -> bool {
        let used = self.used.get();
        if len != used || self.cap - used < n {
            return false;
        }
        let mut written = 0;
        for u in units.take(n) {
            // SAFETY: `used + written < used + n <= cap`: uninitialized
            // memory of the allocation that no slice covers.
            unsafe { self.ptr.as_ptr().add(used + written).write(u) };
            written += 1;
        }
        self.used.set(used + written);
        true
    }
}

impl<T: Copy> Drop for AppendBuffer<T> {
    fn drop(&mut self) {
        // SAFETY: `ptr`/`cap` come from a Vec<T> leaked in `new`; `T: Copy`
        // needs no per-element drop.
        unsafe { drop(Vec::from_raw_parts(self.ptr.as_ptr(), 0, self.cap)) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_only_at_the_end_and_within_capacity() {
        let b = AppendBuffer::new(b"abc", std::iter::empty(), 6);
        assert!(b.try_append(3, b"de"));
        assert_eq!(b.prefix(5), b"abcde");
        // The string "abc" no longer ends the buffer.
        assert!(!b.try_append(3, b"x"));
        assert_eq!(b.prefix(3), b"abc");
        assert!(!b.try_append(5, b"xyz"));
        assert!(b.try_append(5, b"f"));
        assert_eq!(b.prefix(10), b"abcdef");
    }

    #[test]
    fn appends_its_own_prefix() {
        let b = AppendBuffer::new(b"ab", std::iter::empty(), 8);
        let own: &[u8] = b.prefix(2);
        assert!(b.try_append(2, own));
        assert_eq!(b.prefix(4), b"abab");
    }

    #[test]
    fn widens_latin1_into_utf16() {
        let b = AppendBuffer::<u16>::new(&[0x3b1], "x".bytes().map(u16::from), 4);
        assert!(b.try_append_with(2, 2, b"yz".iter().map(|&c| c as u16)));
        assert_eq!(b.prefix(4), &[0x3b1, 0x78, 0x79, 0x7a]);
        assert!(!b.try_append_with(4, 1, std::iter::once(1)));
    }
}
