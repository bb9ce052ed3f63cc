//! The byte storage of ArrayBuffer and SharedArrayBuffer objects (25.1.3.1
//! [[ArrayBufferData]], 6.2.9 Data Blocks) and the raw element reads and
//! writes shared by typed arrays, DataView and Atomics (25.1.3.15
//! RawBytesToNumeric, 25.1.3.18 NumericToRawBytes).
//!
//! *Layout* (for compiled code): [`BufferData`] is `#[repr(C)]` with the
//! data pointer at offset [`BufferData::PTR_OFFSET`] (0) and the current
//! byte length at [`BufferData::LEN_OFFSET`] (8). The block is allocated
//! once at its maximum size (the byte length, or [[ArrayBufferMaxByteLength]]
//! for a resizable buffer) with `alloc_zeroed`, so resizing never moves it:
//! a pointer read once stays valid until the buffer is detached (pointer
//! null, length 0) or collected. An ArrayBuffer owns its bytes; the sweep
//! drops the cell and frees them. Blocks are 8-byte aligned, so every
//! element of a typed array (whose byte offset is a multiple of its element
//! size) is naturally aligned for the atomic instructions of `Atomics`.
//!
//! *Shared blocks.* A SharedArrayBuffer's bytes are a [`SharedBlock`]
//! behind an `Arc`: the buffer object holds one reference, and another
//! agent (a thread with its own runtime, `$262.agent`) wraps the same block
//! in its own SharedArrayBuffer object through [`SharedMemory`]. The block
//! is freed when the last object (in any runtime) is collected. The block
//! never moves and is never detached; its pointer is the identity that
//! `Atomics.wait`/`notify` use across agents (`atomics::waiters`).

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::gc::{Trace, Tracer};
use crate::object::HostData;

/// The largest block the runtime allocates (64 GiB): larger requests are
/// RangeErrors before asking the allocator.
pub(crate) const MAX_BLOCK: u64 = 1 << 36;

/// The alignment of every block.
const BLOCK_ALIGN: usize = 8;

/// Allocates `cap` zero bytes (8-byte aligned; dangling for 0), or `None`.
fn allocate(cap: usize) -> Option<*mut u8> {
    if cap == 0 {
        return Some(std::ptr::NonNull::<u64>::dangling().as_ptr().cast());
    }
    let layout = Layout::from_size_align(cap, BLOCK_ALIGN).ok()?;
    // SAFETY: the layout has a non-zero size.
    let p = unsafe { alloc_zeroed(layout) };
    (!p.is_null()).then_some(p)
}

/// Frees a block from [`allocate`].
///
/// # Safety
/// `p` came from `allocate(cap)` and is not used afterwards.
unsafe fn deallocate(p: *mut u8, cap: usize) {
    if !p.is_null() && cap != 0 {
        // SAFETY: allocated by `allocate` with this layout (the caller).
        unsafe { dealloc(p, Layout::from_size_align_unchecked(cap, BLOCK_ALIGN)) };
    }
}

/// The Shared Data Block of a SharedArrayBuffer (6.2.9 Data Blocks), owned
/// jointly by every SharedArrayBuffer object (of any agent) that wraps it.
pub(crate) struct SharedBlock {
    ptr: *mut u8,
    cap: usize,
    /// [[ArrayBufferByteLengthData]] of a growable SharedArrayBuffer: the
    /// byte length every agent's buffer object over this block reads (a
    /// `grow` in one agent is seen by the others).
    len: AtomicUsize,
}

// SAFETY: the block is plain memory that is never moved or freed while an
// `Arc` to it exists. Every access from a runtime goes through the raw
// pointer: `Atomics` with atomic instructions (race-free); ordinary element
// reads and writes of a shared buffer are the unordered accesses of the
// memory model (29 Memory Model), made by one runtime at a time per thread
// on bytes only (no references into the block outlive one element copy).
unsafe impl Send for SharedBlock {}
// SAFETY: as for `Send`: no method hands out references into the block.
unsafe impl Sync for SharedBlock {}

impl Drop for SharedBlock {
    fn drop(&mut self) {
        // SAFETY: allocated by `allocate(cap)`; this is the last reference.
        unsafe { deallocate(self.ptr, self.cap) };
    }
}

/// A handle on a SharedArrayBuffer's memory that can cross threads (to
/// another agent): its block and byte length.
#[derive(Clone)]
pub struct SharedMemory {
    pub(crate) block: Arc<SharedBlock>,
    pub(crate) len: usize,
    pub(crate) max: Option<usize>,
}

impl SharedMemory {
    /// The byte length when the handle was taken.
    pub fn byte_length(&self) -> usize {
        self.len
    }
}

/// [[ArrayBufferData]], [[ArrayBufferByteLength]],
/// [[ArrayBufferMaxByteLength]] and [[ArrayBufferDetachKey]] (always
/// undefined here) of an ArrayBuffer or SharedArrayBuffer.
#[repr(C)]
pub(crate) struct BufferData {
    /// The first byte; null once detached, dangling for a zero capacity.
    ptr: Cell<*mut u8>,
    /// The current byte length.
    len: Cell<usize>,
    /// Bytes allocated (the maximum byte length); 0 once detached.
    cap: Cell<usize>,
    /// [[ArrayBufferMaxByteLength]] of a resizable (growable) buffer.
    pub(crate) max: Option<usize>,
    /// A SharedArrayBuffer (25.2).
    pub(crate) shared: bool,
    /// The shared block of a SharedArrayBuffer (which owns the bytes:
    /// `ptr` points into it).
    block: Option<Arc<SharedBlock>>,
}

// The offsets are for compiled code (typed-array element access in
// `backend/compiler/element.rs`; a unit test checks them).
impl BufferData {
    /// Offset of the data pointer (compiled code reads a typed array's
    /// cached element address instead; kept with its unit test).
    #[allow(dead_code)]
    pub const PTR_OFFSET: usize = std::mem::offset_of!(BufferData, ptr);
    /// Offset of the byte length, for compiled code.
    pub const LEN_OFFSET: usize = std::mem::offset_of!(BufferData, len);

    /// 6.2.9.1 CreateByteDataBlock: `len` zero bytes with room for `cap`
    /// (`None` when the allocation fails: the caller throws a RangeError).
    pub(crate) fn new(len: usize, max: Option<usize>, shared: bool) -> Option<BufferData> {
        let cap = max.unwrap_or(len).max(len);
        if cap as u64 > MAX_BLOCK {
            return None;
        }
        let ptr = allocate(cap)?;
        let block = shared.then(|| {
            Arc::new(SharedBlock {
                ptr,
                cap,
                len: AtomicUsize::new(len),
            })
        });
        Some(BufferData {
            ptr: Cell::new(ptr),
            len: Cell::new(len),
            cap: Cell::new(cap),
            max,
            shared,
            block,
        })
    }

    /// A SharedArrayBuffer's data over an existing shared block (another
    /// agent's buffer, `$262.agent.broadcast`).
    pub(crate) fn from_shared(memory: &SharedMemory) -> BufferData {
        let block = memory.block.clone();
        BufferData {
            ptr: Cell::new(block.ptr),
            len: Cell::new(if memory.max.is_some() {
                block.len.load(Ordering::SeqCst)
            } else {
                memory.len.min(block.cap)
            }),
            cap: Cell::new(block.cap),
            max: memory.max,
            shared: true,
            block: Some(block),
        }
    }

    /// The shared block of a SharedArrayBuffer, as a handle for another
    /// agent.
    pub(crate) fn shared_memory(&self) -> Option<SharedMemory> {
        Some(SharedMemory {
            block: self.block.clone()?,
            len: self.len(),
            max: self.max,
        })
    }

    /// The first byte (null once detached).
    #[inline]
    pub(crate) fn as_ptr(&self) -> *mut u8 {
        self.ptr.get()
    }

    /// [[ArrayBufferByteLength]] (0 once detached). A growable
    /// SharedArrayBuffer reads its block's shared length (25.2.2.3
    /// ArrayBufferByteLength, seq-cst) and refreshes the cached one that
    /// compiled code bounds-checks against: a stale cached length is only
    /// ever smaller, so an access past it takes the slow path, which comes
    /// here.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        if let (Some(block), Some(_)) = (&self.block, self.max) {
            let len = block.len.load(Ordering::SeqCst);
            self.len.set(len);
            return len;
        }
        self.len.get()
    }

    /// The address of the first byte (null once detached): fixed for the
    /// buffer's life (see the module docs).
    #[inline]
    pub(crate) fn bytes_start(&self) -> *mut u8 {
        self.ptr.get()
    }

    /// 25.1.3.4 IsDetachedBuffer.
    #[inline]
    pub(crate) fn is_detached(&self) -> bool {
        self.ptr.get().is_null()
    }

    /// 25.1.3.9 IsFixedLengthArrayBuffer (negated).
    #[inline]
    pub(crate) fn is_resizable(&self) -> bool {
        self.max.is_some()
    }

    /// The bytes, for reading and writing.
    ///
    /// The slice must not be held across anything that can run JavaScript
    /// or allocate (a resize or detach would leave it dangling).
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn bytes(&self) -> &mut [u8] {
        if self.is_detached() {
            return &mut [];
        }
        // SAFETY: `ptr` points at `cap >= len` allocated bytes owned by
        // this buffer (or by its shared block, which it keeps alive); a
        // runtime is single-threaded and callers do not keep the slice
        // across calls that could resize or detach it. A shared block may
        // be written by another agent's thread meanwhile: those are the
        // unordered accesses of the memory model (racy programs read some
        // byte values); synchronisation goes through `Atomics`, which uses
        // atomic instructions and not this slice.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.get(), self.len()) }
    }

    /// Sets the byte length within the capacity (25.1.6.6 resize, 25.2.5.3
    /// grow), zeroing bytes that come into view again.
    pub(crate) fn set_len(&self, new_len: usize) -> bool {
        if new_len > self.cap.get() || self.is_detached() {
            return false;
        }
        let old = self.len.get();
        // A shared block never shrinks, so the bytes past the length are
        // still zero (and another agent may be using them: no write).
        if new_len > old && self.block.is_none() {
            // SAFETY: old..new_len lies within the allocation.
            unsafe { std::ptr::write_bytes(self.ptr.get().add(old), 0, new_len - old) };
        }
        self.len.set(new_len);
        true
    }

    /// The loop of 25.2.5.3 SharedArrayBuffer.prototype.grow, steps 12-13:
    /// sets the shared byte length to `new_len` with a compare-exchange,
    /// so concurrent grows from several agents never shrink the buffer.
    /// `false` (a RangeError) when `new_len` is below the current length or
    /// above the maximum.
    pub(crate) fn grow_shared(&self, new_len: usize) -> bool {
        let (Some(block), Some(max)) = (&self.block, self.max) else {
            return false;
        };
        let mut current = block.len.load(Ordering::SeqCst);
        loop {
            // b. If newByteLength = currentByteLength, return undefined.
            if new_len == current {
                self.len.set(current);
                return true;
            }
            // c. RangeError when shrinking or past the maximum.
            if new_len < current || new_len > max.min(block.cap) {
                self.len.set(current);
                return false;
            }
            // d-g. Compare-exchange the length; retry with the value read.
            match block
                .len
                .compare_exchange(current, new_len, Ordering::SeqCst, Ordering::SeqCst)
            {
                Ok(_) => {
                    self.len.set(new_len);
                    return true;
                }
                Err(read) => current = read,
            }
        }
    }

    /// 25.1.3.5 DetachArrayBuffer: frees the block.
    pub(crate) fn detach(&self) {
        self.free();
        self.ptr.set(std::ptr::null_mut());
        self.len.set(0);
        self.cap.set(0);
    }

    fn free(&self) {
        if self.block.is_some() {
            // The block frees itself with its last reference.
            return;
        }
        // SAFETY: allocated by `allocate(cap)` in `new`, freed once (the
        // pointer is cleared or the data dropped right after).
        unsafe { deallocate(self.ptr.get(), self.cap.get()) };
    }
}

impl Drop for BufferData {
    fn drop(&mut self) {
        self.free();
    }
}

// SAFETY: a buffer holds bytes only.
unsafe impl Trace for BufferData {
    fn trace(&self, _: &mut Tracer) {}
}

impl HostData for BufferData {
    fn class_name(&self) -> &'static str {
        if self.shared {
            "SharedArrayBuffer"
        } else {
            "ArrayBuffer"
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// An element type of typed arrays and DataView (Table 71, #table-the-typedarray-constructors).
///
/// `#[repr(u8)]` with the discriminants in this order (0 for Int8 ... 11
/// for BigUint64): compiled code reads the byte from a `TypedArrayData` to
/// pick the element access (`backend/compiler/element.rs`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(crate) enum ElementType {
    Int8 = 0,
    Uint8,
    Uint8Clamped,
    Int16,
    Uint16,
    Int32,
    Uint32,
    Float16,
    Float32,
    Float64,
    BigInt64,
    BigUint64,
}

/// A value read from or to be written to a buffer: a Number or the 64 bits
/// of a BigInt (two's complement).
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Raw {
    Number(f64),
    Big(u64),
}

impl ElementType {
    /// The Element Size.
    #[inline]
    pub(crate) const fn size(self) -> usize {
        match self {
            ElementType::Int8 | ElementType::Uint8 | ElementType::Uint8Clamped => 1,
            ElementType::Int16 | ElementType::Uint16 | ElementType::Float16 => 2,
            ElementType::Int32 | ElementType::Uint32 | ElementType::Float32 => 4,
            ElementType::Float64 | ElementType::BigInt64 | ElementType::BigUint64 => 8,
        }
    }

    /// BigInt64 or BigUint64 (the content type is BigInt).
    #[inline]
    pub(crate) const fn is_bigint(self) -> bool {
        matches!(self, ElementType::BigInt64 | ElementType::BigUint64)
    }

    /// An integer type other than Uint8Clamped (Atomics' IsIntegralElementType).
    pub(crate) const fn is_integral(self) -> bool {
        !matches!(
            self,
            ElementType::Uint8Clamped
                | ElementType::Float16
                | ElementType::Float32
                | ElementType::Float64
        )
    }

    /// 25.1.3.18 NumericToRawBytes for a Number already converted by
    /// ToNumber (integer types wrap modulo 2^n; Uint8Clamped rounds half
    /// to even), as little-endian bits in a u64.
    pub(crate) fn number_bits(self, d: f64) -> u64 {
        match self {
            ElementType::Int8
            | ElementType::Uint8
            | ElementType::Int16
            | ElementType::Uint16
            | ElementType::Int32
            | ElementType::Uint32 => crate::conversions::f64_to_uint32(d) as u64,
            ElementType::Uint8Clamped => {
                if d.is_nan() || d <= 0.0 {
                    0
                } else if d >= 255.0 {
                    255
                } else {
                    d.round_ties_even() as u64
                }
            }
            ElementType::Float16 => f64_to_f16_bits(d) as u64,
            ElementType::Float32 => (d as f32).to_bits() as u64,
            ElementType::Float64 => d.to_bits(),
            ElementType::BigInt64 | ElementType::BigUint64 => 0,
        }
    }

    /// The bits of a [`Raw`] value for this type.
    pub(crate) fn raw_bits(self, v: Raw) -> u64 {
        match v {
            Raw::Number(d) => self.number_bits(d),
            Raw::Big(b) => b,
        }
    }

    /// 25.1.3.15 RawBytesToNumeric from the little-endian bits of one
    /// element (the low `size()` bytes of `bits`).
    pub(crate) fn decode_bits(self, bits: u64) -> Raw {
        let n = match self {
            ElementType::Int8 => bits as u8 as i8 as f64,
            ElementType::Uint8 | ElementType::Uint8Clamped => bits as u8 as f64,
            ElementType::Int16 => bits as u16 as i16 as f64,
            ElementType::Uint16 => bits as u16 as f64,
            ElementType::Int32 => bits as u32 as i32 as f64,
            ElementType::Uint32 => bits as u32 as f64,
            ElementType::Float16 => f16_bits_to_f64(bits as u16),
            ElementType::Float32 => f32::from_bits(bits as u32) as f64,
            ElementType::Float64 => f64::from_bits(bits),
            ElementType::BigInt64 | ElementType::BigUint64 => return Raw::Big(bits),
        };
        Raw::Number(n)
    }

    /// Reads one element at `bytes[0..size]` (GetValueFromBuffer's byte
    /// step); `little` chooses the byte order.
    pub(crate) fn read(self, bytes: &[u8], little: bool) -> Raw {
        let size = self.size();
        let mut buf = [0u8; 8];
        buf[..size].copy_from_slice(&bytes[..size]);
        if !little {
            buf[..size].reverse();
        }
        self.decode_bits(u64::from_le_bytes(buf))
    }

    /// Writes one element at `bytes[0..size]` (SetValueInBuffer's byte step).
    pub(crate) fn write(self, bytes: &mut [u8], v: Raw, little: bool) {
        let size = self.size();
        let mut buf = self.raw_bits(v).to_le_bytes();
        if !little {
            buf[..size].reverse();
        }
        bytes[..size].copy_from_slice(&buf[..size]);
    }
}

/// The IEEE binary16 bits of `d`, rounded once to nearest, ties to even.
pub(crate) fn f64_to_f16_bits(d: f64) -> u16 {
    let sign: u16 = if d.is_sign_negative() { 0x8000 } else { 0 };
    if d.is_nan() {
        return 0x7E00;
    }
    let r = crate::builtins::math::f16round(d).abs();
    if r.is_infinite() {
        return sign | 0x7C00;
    }
    if r == 0.0 {
        return sign;
    }
    // `r` is exactly a half: a subnormal below 2^-14.
    if r < 2f64.powi(-14) {
        return sign | (r / 2f64.powi(-24)) as u16;
    }
    let e = ((r.to_bits() >> 52) & 0x7FF) as i32 - 1023;
    let mantissa = ((r.to_bits() >> 42) & 0x3FF) as u16;
    sign | (((e + 15) as u16) << 10) | mantissa
}

/// The value of binary16 bits.
pub(crate) fn f16_bits_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1F) as i32;
    let m = (h & 0x3FF) as f64;
    let magnitude = match e {
        0 => m * 2f64.powi(-24),
        31 if m == 0.0 => f64::INFINITY,
        31 => return f64::NAN,
        _ => (1.0 + m / 1024.0) * 2f64.powi(e - 15),
    };
    sign * magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats_round_trip() {
        for &(d, bits) in &[
            (1.0, 0x3C00u16),
            (-2.0, 0xC000),
            (65504.0, 0x7BFF),
            (65520.0, 0x7C00),
            (5.960464477539063e-8, 0x0001),
            (6.103515625e-5, 0x0400),
            (0.333251953125, 0x3555),
        ] {
            assert_eq!(f64_to_f16_bits(d), bits, "{d}");
            if bits != 0x7C00 {
                assert_eq!(f16_bits_to_f64(bits), d);
            }
        }
        assert_eq!(f64_to_f16_bits(-0.0), 0x8000);
        assert!(f16_bits_to_f64(0x7E00).is_nan());
    }

    #[test]
    fn elements_convert_and_respect_byte_order() {
        let mut b = [0u8; 8];
        ElementType::Int16.write(&mut b, Raw::Number(-2.0), false);
        assert_eq!(&b[..2], &[0xFF, 0xFE]);
        assert_eq!(ElementType::Int16.read(&b, false), Raw::Number(-2.0));
        assert_eq!(ElementType::Uint16.read(&b, true), Raw::Number(65279.0));
        assert_eq!(ElementType::Uint8Clamped.number_bits(2.5), 2);
        assert_eq!(ElementType::Uint8Clamped.number_bits(3.5), 4);
        assert_eq!(ElementType::Int8.number_bits(255.0) as u8 as i8, -1);
        assert_eq!(ElementType::Uint32.number_bits(-1.0), 0xFFFF_FFFF);
    }

    #[test]
    fn the_layout_is_fixed_for_compiled_code() {
        assert_eq!((BufferData::PTR_OFFSET, BufferData::LEN_OFFSET), (0, 8));
    }

    #[test]
    fn buffers_resize_within_their_capacity_and_detach() {
        let b = BufferData::new(4, Some(8), false).unwrap();
        b.bytes()[3] = 7;
        assert!(b.set_len(2));
        assert!(b.set_len(8));
        assert_eq!(b.bytes(), &[0, 0, 0, 0, 0, 0, 0, 0]);
        assert!(!b.set_len(9));
        b.detach();
        assert!(b.is_detached() && b.len() == 0 && b.bytes().is_empty());
        assert!(BufferData::new(0, Some(MAX_BLOCK as usize + 1), false).is_none());
    }

    #[test]
    fn a_grown_shared_buffer_is_seen_by_every_agent() {
        let a = BufferData::new(4, Some(16), true).unwrap();
        let memory = a.shared_memory().unwrap();
        // Another agent's buffer object over the same block, on its thread.
        let grown = std::thread::spawn(move || {
            let b = BufferData::from_shared(&memory);
            assert_eq!(b.len(), 4);
            assert!(b.grow_shared(12));
            assert!(!b.grow_shared(8), "a shared buffer never shrinks");
            assert!(!b.grow_shared(17), "nor grows past its maximum");
            b.len()
        })
        .join()
        .unwrap();
        assert_eq!(grown, 12);
        assert_eq!(a.len(), 12);
        assert_eq!(a.bytes().len(), 12);
        assert!(a.grow_shared(12), "growing to the current length succeeds");
        let fixed = BufferData::new(4, None, true).unwrap();
        assert!(!fixed.grow_shared(8), "only growable buffers grow");
    }
}
