//! The garbage collector: a tracing, non-moving mark-sweep collector.
//!
//! # Cells
//!
//! Every heap-allocated thing (object, string, symbol, shape, ...) is a *cell*:
//! an 8-byte [`CellHeader`] followed by the body (`#[repr(C)]`, so the body of a
//! `Gc<T>` is at `addr + CELL_BODY_OFFSET`). The header word holds a pointer to
//! the type's static [`CellVTable`] (trace and drop functions) with the mark bit
//! in bit 0; a header word of zero means "free cell". A [`Gc<T>`] is the address
//! of the header; so is the payload of a [`Value`] pointing to a cell.
//!
//! # Heap layout ([`heap`])
//!
//! Cells up to 8 KiB live in 64 KiB blocks, aligned to 64 KiB, each block holding
//! cells of one size class. Larger cells are allocated one by one ("large
//! objects"). Free cells of a block form an intrusive free list. Because blocks
//! are aligned, "does this word point into a live cell?" — the question the
//! conservative stack scan asks of every stack word — is: mask the address to a
//! block base, look the base up in a hash map, divide by the cell size, check the
//! header is non-zero. Interior pointers are accepted (optimised code may keep
//! only a pointer to a field).
//!
//! # Roots
//!
//! 1. The native stack of the thread running JavaScript ([`stack`]): every
//!    aligned word between the current stack pointer and the top of the thread's
//!    stack, after spilling the callee-saved registers into the scanning frame.
//!    Both raw addresses and NaN-boxed values (tag stripped) are recognised.
//!    Rust code therefore may keep `Value`s and `Gc`s in local variables freely.
//! 2. The body being allocated, traced by the slow path of `Runtime::alloc`.
//! 3. Explicit roots for Rust code that keeps values off the stack
//!    ([`roots::RootTable`]): [`roots::Persistent`] handles and every live
//!    [`RootedList`], the list built-ins use; [`roots::ValueList`] is a
//!    traced list *cell*, for lists stored in other cells.
//! 4. The runtime's own roots (intrinsics and the global object, well-known
//!    atoms and symbols, root shapes, permanent cells), traced by
//!    `Runtime::collect`; docs/internals.md section 7 lists them all.
//!
//! Values in a Rust `Vec` (malloc heap) are **not** roots: use a
//! `RootedList`. A test (`gc/rooting_lint.rs`) holds
//! built-ins to this rule.
//!
//! # Stress mode
//!
//! [`stress`]: collect at every N-th allocation and poison freed cells
//! (`JSRUNTIME_GC_STRESS=N`, `jstb run --gc-stress N`).
//!
//! # Collection
//!
//! Allocation through the `Runtime` collects when the bytes allocated since the
//! last collection exceed a threshold of `max(MIN_THRESHOLD, live * GROWTH)`, so a
//! program's memory stays proportional to its live data (`JSRUNTIME_GC_LOG=1`
//! prints each collection's allocated, live and budget bytes). Marking is iterative
//! (an explicit mark stack, so a million-deep linked list or rope cannot overflow
//! the native stack). Weak tables (the atom table) are pruned between marking
//! and sweeping. Cells with weak references (WeakMap, WeakSet, WeakRef,
//! FinalizationRegistry) register themselves with the tracer while traced
//! ([`Tracer::defer_weak`], [`weak`]): after the strong marking, the
//! ephemeron tables are iterated to a fixed point, then every registered
//! container drops its references to unmarked cells.
//! Sweeping runs the drop function of dead cells, rebuilds the free lists and
//! returns empty blocks to the operating system.
//!
//! Later schemes are not blocked: the header has spare bits (for a remembered
//! or "grey" bit), allocation goes through one function, and cells never move,
//! so an incremental marker would only need a write barrier in the setters.

pub mod accounting;
pub mod heap;
pub mod rooted_list;
pub mod roots;
pub mod stack;
pub mod stress;
pub mod weak;

use std::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

pub use heap::{AllocError, Heap, HeapStats};
pub use rooted_list::RootedList;
pub use roots::{Persistent, RootTable, ValueList};
pub use weak::{is_value_marked, WeakContainer};

use crate::value::Value;

/// Offset of a cell's body from the cell address (the header is one word).
pub const CELL_BODY_OFFSET: usize = 8;

/// Mark bit in the header word.
const MARK_BIT: usize = 1;

/// The first word of every cell.
#[repr(C)]
pub struct CellHeader {
    /// `&'static CellVTable` as an address, with `MARK_BIT`; 0 for free cells.
    word: std::cell::Cell<usize>,
}

impl CellHeader {
    #[inline]
    pub(crate) fn is_marked(&self) -> bool {
        self.word.get() & MARK_BIT != 0
    }

    #[inline]
    pub(crate) fn is_allocated(&self) -> bool {
        self.word.get() != 0
    }

    #[inline]
    pub(crate) fn vtable(&self) -> &'static CellVTable {
        // SAFETY: the header word of an allocated cell is always the address of
        // a `'static CellVTable` (written by `Heap::alloc*`), plus the mark bit.
        unsafe { &*((self.word.get() & !MARK_BIT) as *const CellVTable) }
    }
}

/// Per-type functions the collector calls on cells.
pub struct CellVTable {
    /// Type name, for debugging and heap statistics.
    pub name: &'static str,
    /// Reports the cell's outgoing references; the argument is the body.
    pub trace: unsafe fn(*const u8, &mut Tracer),
    /// Drops the body in place (None when the type needs no drop).
    pub drop: Option<unsafe fn(*mut u8)>,
}

/// Reports the heap references held by a value.
///
/// # Safety
/// An implementation must report every `Gc`/`Value` it holds that may point to
/// a cell; a missed reference is a use-after-free.
pub unsafe trait Trace {
    /// Reports every GC reference `self` holds to `tracer`.
    fn trace(&self, tracer: &mut Tracer);
}

/// A type that can live in the GC heap.
pub trait HeapObject: Trace + 'static {
    /// The cell kind's name, for heap statistics and debugging.
    const NAME: &'static str;

    /// Whether dropping this body would do nothing (it owns no Rust
    /// allocation right now): the sweep then skips the drop glue. Only a
    /// cheap check, for types of which many die young (plain objects).
    #[inline]
    fn drop_is_noop(&self) -> bool {
        false
    }
}

#[repr(C)]
struct CellRepr<T> {
    header: CellHeader,
    body: UnsafeCell<T>,
}

struct VTableOf<T>(PhantomData<T>);

impl<T: HeapObject> VTableOf<T> {
    const VTABLE: CellVTable = CellVTable {
        name: T::NAME,
        trace: trace_body::<T>,
        drop: if std::mem::needs_drop::<T>() {
            Some(drop_body::<T>)
        } else {
            None
        },
    };
}

unsafe fn trace_body<T: Trace>(body: *const u8, tracer: &mut Tracer) {
    // SAFETY: the collector passes the body of an allocated cell of type T.
    unsafe { (*(body as *const T)).trace(tracer) }
}

unsafe fn drop_body<T: HeapObject>(body: *mut u8) {
    // SAFETY: the sweeper calls this once on the body of a dead cell of type T.
    unsafe {
        if !(*(body as *const T)).drop_is_noop() {
            std::ptr::drop_in_place(body as *mut T)
        }
    }
}

/// A pointer to a cell holding a `T`. `Copy`; validity is guaranteed by the
/// collector as long as the pointer is reachable from a root (any stack slot
/// counts, see the module docs).
///
/// Access: `Deref` gives `&T`. Heap types with mutable state use interior
/// mutability or the `unsafe` [`Gc::get_mut`] in short scopes that do not
/// overlap another reference to the same cell (the runtime is single-threaded).
#[repr(transparent)]
pub struct Gc<T> {
    ptr: NonNull<CellHeader>,
    _marker: PhantomData<*const T>,
}

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Gc<T> {}

impl<T> PartialEq for Gc<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T> Eq for Gc<T> {}

impl<T> std::hash::Hash for Gc<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ptr.hash(state)
    }
}

impl<T> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Gc({:#x})", self.addr())
    }
}

impl<T> Gc<T> {
    /// Address of the cell (its header).
    #[inline]
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// # Safety
    /// `addr` must be the address of an allocated cell whose body is a `T`.
    #[inline]
    pub unsafe fn from_addr(addr: usize) -> Gc<T> {
        Gc {
            // SAFETY: cell addresses are never null (guaranteed by the caller).
            ptr: unsafe { NonNull::new_unchecked(addr as *mut CellHeader) },
            _marker: PhantomData,
        }
    }

    #[inline]
    pub(crate) fn header(&self) -> &CellHeader {
        // SAFETY: a Gc always addresses an allocated cell.
        unsafe { self.ptr.as_ref() }
    }

    /// Raw pointer to the body.
    #[inline]
    pub fn as_ptr(self) -> *mut T {
        // SAFETY: CellRepr<T> is repr(C) with the body after the header; the
        // pointer stays inside the cell.
        unsafe { (*(self.ptr.as_ptr() as *const CellRepr<T>)).body.get() }
    }

    /// Mutable access to the body.
    ///
    /// # Safety
    /// No other reference to this cell's body may be live while the result is.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn get_mut(&self) -> &mut T {
        // SAFETY: the body is in an UnsafeCell; exclusivity is the caller's duty.
        unsafe { &mut *self.as_ptr() }
    }

    /// Whether the cell was marked by the collection in progress (for weak
    /// table pruning).
    #[inline]
    pub fn is_marked(self) -> bool {
        self.header().is_marked()
    }
}

impl<T> std::ops::Deref for Gc<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the cell is live while this Gc is reachable; see the type docs
        // for the aliasing discipline.
        unsafe { &*self.as_ptr() }
    }
}

// SAFETY: a `Gc` is one reference, and it reports it.
unsafe impl<T> Trace for Gc<T> {
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_cell(self.addr());
    }
}

// SAFETY: values report the cell they point to, if any.
unsafe impl Trace for Value {
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(addr) = self.cell_addr() {
            tracer.mark_cell(addr);
        }
    }
}

// SAFETY: forwards to the contained value.
unsafe impl<T: Trace> Trace for Option<T> {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(v) = self {
            v.trace(tracer);
        }
    }
}

// SAFETY: forwards to every element.
unsafe impl<T: Trace> Trace for Vec<T> {
    fn trace(&self, tracer: &mut Tracer) {
        for v in self {
            v.trace(tracer);
        }
    }
}

// SAFETY: forwards to every element.
unsafe impl<T: Trace> Trace for [T] {
    fn trace(&self, tracer: &mut Tracer) {
        for v in self {
            v.trace(tracer);
        }
    }
}

// SAFETY: forwards to both fields.
unsafe impl<A: Trace, B: Trace> Trace for (A, B) {
    fn trace(&self, tracer: &mut Tracer) {
        self.0.trace(tracer);
        self.1.trace(tracer);
    }
}

// SAFETY: forwards to the boxed value.
unsafe impl<T: Trace + ?Sized> Trace for Box<T> {
    fn trace(&self, tracer: &mut Tracer) {
        (**self).trace(tracer);
    }
}

/// The marking phase's state: the grey set as an explicit stack.
pub struct Tracer {
    stack: Vec<usize>,
    marked_cells: usize,
    /// The live cells' weak containers met so far (see [`weak`]).
    weak: Vec<*const dyn WeakContainer>,
}

impl Tracer {
    pub(crate) fn new() -> Tracer {
        Tracer {
            stack: Vec::with_capacity(1024),
            marked_cells: 0,
            weak: Vec::new(),
        }
    }

    /// Marks the cell at `addr` (an allocated cell's header address) and
    /// schedules its body for tracing.
    #[inline]
    pub fn mark_cell(&mut self, addr: usize) {
        // SAFETY: every caller passes the address of an allocated cell: either
        // from a Gc/Value (always valid) or from the heap's conservative lookup.
        let header = unsafe { &*(addr as *const CellHeader) };
        let word = header.word.get();
        debug_assert!(word != 0, "tracing a free cell");
        if word & MARK_BIT == 0 {
            header.word.set(word | MARK_BIT);
            self.stack.push(addr);
            self.marked_cells += 1;
        }
    }

    /// Marks the cell `v` points to, if it is a heap value.
    #[inline]
    pub fn mark_value(&mut self, v: Value) {
        v.trace(self);
    }

    /// Traces grey cells until none is left.
    ///
    /// A cell popped from the stack is prefetched and traced
    /// `PREFETCH_AHEAD` pops later (a small ring in between), so its first
    /// cache lines are loaded while the cells before it are traced: marking
    /// a large live heap (10^5 suspended coroutines) is mostly cache misses.
    pub(crate) fn drain(&mut self) {
        const PREFETCH_AHEAD: usize = 8;
        let mut ring = [0usize; PREFETCH_AHEAD];
        let mut head = 0;
        let mut len = 0;
        loop {
            while len < PREFETCH_AHEAD {
                let Some(addr) = self.stack.pop() else { break };
                prefetch(addr);
                prefetch(addr + 64);
                ring[(head + len) % PREFETCH_AHEAD] = addr;
                len += 1;
            }
            if len == 0 {
                break;
            }
            let addr = ring[head];
            head = (head + 1) % PREFETCH_AHEAD;
            len -= 1;
            // SAFETY: only marked, allocated cells are pushed.
            let header = unsafe { &*(addr as *const CellHeader) };
            let vtable = header.vtable();
            // SAFETY: the vtable belongs to the cell's type; the body follows
            // the header.
            unsafe { (vtable.trace)((addr + CELL_BODY_OFFSET) as *const u8, self) };
        }
    }

    pub(crate) fn marked_cells(&self) -> usize {
        self.marked_cells
    }
}

/// Asks the CPU to load the cache line of `addr` (a hint: no effect on
/// the program's meaning, and never a fault, whatever the address).
#[inline(always)]
pub(crate) fn prefetch(addr: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault,
    // even for an unmapped address; SSE is part of the x86_64 baseline.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(addr as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = addr;
}

/// Vtable of `T`, promoted to a `'static`.
pub(crate) fn vtable_of<T: HeapObject>() -> &'static CellVTable {
    &VTableOf::<T>::VTABLE
}

/// Size of the cell holding a `T`.
pub(crate) const fn cell_size_of<T>() -> usize {
    std::mem::size_of::<CellRepr<T>>()
}

/// Writes a header and body into freshly allocated cell memory.
///
/// # Safety
/// `addr` must be a free cell of at least `cell_size_of::<T>()` bytes, aligned
/// to 16.
#[inline]
pub(crate) unsafe fn init_cell<T: HeapObject>(addr: usize, value: T) -> Gc<T> {
    let repr = addr as *mut CellRepr<T>;
    // SAFETY: the memory is ours, large and aligned enough (caller's contract).
    unsafe {
        std::ptr::write(
            repr,
            CellRepr {
                header: CellHeader {
                    word: std::cell::Cell::new(vtable_of::<T>() as *const CellVTable as usize),
                },
                body: UnsafeCell::new(value),
            },
        );
        Gc::from_addr(addr)
    }
}

#[cfg(test)]
mod rooting_lint;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_roots;
#[cfg(test)]
mod tests_weak;
