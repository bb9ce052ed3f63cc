//! `ValueVec`: a `#[repr(C)]` vector of values with a layout the JIT can read
//! (pointer at +0, `u32` length at +8, `u32` capacity at +12), used for an
//! object's overflow slots and dense elements. Growth is fallible: a request
//! past `MAX_LEN` or one the allocator refuses returns an error instead of
//! aborting.

use std::alloc::Layout;
use std::ptr::NonNull;

use crate::value::Value;

/// Longest vector (elements beyond this go to sparse storage).
pub const MAX_LEN: usize = 1 << 27;

/// Offset of the data pointer inside a `ValueVec`.
pub const VALUE_VEC_PTR_OFFSET: usize = std::mem::offset_of!(ValueVec, ptr);
/// Offset of the `u32` length inside a `ValueVec`.
pub const VALUE_VEC_LEN_OFFSET: usize = std::mem::offset_of!(ValueVec, len);
/// Offset of the `u32` capacity inside a `ValueVec`.
pub const VALUE_VEC_CAP_OFFSET: usize = std::mem::offset_of!(ValueVec, cap);

/// A vector of values with the JIT-readable layout of the module docs.
#[repr(C)]
pub(crate) struct ValueVec {
    ptr: NonNull<Value>,
    len: u32,
    cap: u32,
}

/// Growth failed (too large).
#[derive(Debug)]
pub struct CapacityError;

impl Default for ValueVec {
    fn default() -> Self {
        Self::new()
    }
}

impl ValueVec {
    pub(crate) const fn new() -> ValueVec {
        ValueVec {
            ptr: NonNull::dangling(),
            len: 0,
            cap: 0,
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    #[inline]
    pub(crate) fn capacity(&self) -> usize {
        self.cap as usize
    }

    #[inline]
    pub(crate) fn as_slice(&self) -> &[Value] {
        // SAFETY: `ptr` is valid for `len` initialised values (dangling and
        // len 0 when empty, which is allowed for slices).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len as usize) }
    }

    #[inline]
    pub(crate) fn as_mut_slice(&mut self) -> &mut [Value] {
        // SAFETY: as in `as_slice`, and `&mut self` is exclusive.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len as usize) }
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<Value> {
        self.as_slice().get(i).copied()
    }

    /// Ensures room for `additional` more values; returns the bytes newly
    /// allocated (for GC accounting).
    pub(crate) fn reserve(&mut self, additional: usize) -> Result<usize, CapacityError> {
        let need = self.len() + additional;
        if need <= self.capacity() {
            return Ok(0);
        }
        if need > MAX_LEN {
            return Err(CapacityError);
        }
        let new_cap = need.max(self.capacity() * 2).clamp(4, MAX_LEN);
        let new_layout = Layout::array::<Value>(new_cap).map_err(|_| CapacityError)?;
        let ptr = if self.cap == 0 {
            // SAFETY: non-zero size layout.
            unsafe { std::alloc::alloc(new_layout) }
        } else {
            let old = Layout::array::<Value>(self.capacity()).map_err(|_| CapacityError)?;
            // SAFETY: `ptr` was allocated with `old`; the new size is non-zero.
            unsafe { std::alloc::realloc(self.ptr.as_ptr() as *mut u8, old, new_layout.size()) }
        };
        let ptr = NonNull::new(ptr as *mut Value).ok_or(CapacityError)?;
        let grown = (new_cap - self.capacity()) * std::mem::size_of::<Value>();
        self.ptr = ptr;
        self.cap = new_cap as u32;
        Ok(grown)
    }

    /// Appends (capacity must have been reserved).
    #[cfg(test)]
    pub(crate) fn push(&mut self, v: Value) -> Result<usize, CapacityError> {
        let grown = self.reserve(1)?;
        // SAFETY: capacity > len after reserve.
        unsafe { self.ptr.as_ptr().add(self.len as usize).write(v) };
        self.len += 1;
        Ok(grown)
    }

    /// Resizes to `new_len`, filling with `fill`.
    pub(crate) fn resize(&mut self, new_len: usize, fill: Value) -> Result<usize, CapacityError> {
        let mut grown = 0;
        if new_len > self.len() {
            grown = self.reserve(new_len - self.len())?;
            for i in self.len()..new_len {
                // SAFETY: i < capacity after reserve.
                unsafe { self.ptr.as_ptr().add(i).write(fill) };
            }
        }
        self.len = new_len as u32;
        Ok(grown)
    }

    pub(crate) fn truncate(&mut self, new_len: usize) {
        if new_len < self.len() {
            self.len = new_len as u32;
        }
    }
}

impl Drop for ValueVec {
    fn drop(&mut self) {
        if self.cap != 0 {
            // SAFETY: allocated with this layout in `reserve`.
            unsafe {
                std::alloc::dealloc(
                    self.ptr.as_ptr() as *mut u8,
                    Layout::array::<Value>(self.capacity()).expect("valid when allocated"),
                )
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_and_truncates() {
        let mut v = ValueVec::new();
        for i in 0..100 {
            v.push(Value::from_i32(i)).unwrap();
        }
        assert_eq!(v.len(), 100);
        assert_eq!(v.get(42), Some(Value::from_i32(42)));
        v.truncate(10);
        assert_eq!(v.len(), 10);
        v.resize(20, Value::HOLE).unwrap();
        assert_eq!(v.get(15), Some(Value::HOLE));
        assert!(v.reserve(MAX_LEN + 1).is_err());
    }
}
