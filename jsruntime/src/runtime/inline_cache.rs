//! Inline caches for named property access (one per access site and
//! direction, see `CompileScript::num_inline_caches`).
//!
//! A [`PropertyCache`] remembers one shape and where an own data property
//! of objects of that shape lives. Compiled code reads it without calling
//! the runtime:
//!
//! ```text
//! if tag(v) == OBJECT && load(obj + OBJECT_SHAPE_OFFSET) == cache.shape {
//!     base = cache.indirect ? load(obj + OBJECT_SLOTS_OFFSET) : obj
//!     value = load(base + cache.offset)          // or store, for a set cache
//! } else {
//!     runtime_get_property(..., cache)           // the generic path refills it
//! }
//! ```
//!
//! Only shared (non-dictionary) shapes are cached: a shared shape never
//! changes, so equal shapes mean the same key → slot map and the same
//! attributes. A *set* cache is only filled for writable data properties.
//!
//! Caches are weak: after marking, a collection clears every cache whose
//! shape is unmarked ([`Runtime::prune_inline_caches`]), so a freed shape's
//! address reused by a new shape can never produce a false hit.

use std::cell::Cell;

use crate::gc::Gc;
use crate::object::{
    shape::Shape, JsObject, PropertyKey, INLINE_SLOTS, OBJECT_INLINE_SLOTS_OFFSET,
};
use crate::runtime::Runtime;

/// One cache entry; `#[repr(C)]`, read by compiled code at the offsets below.
#[repr(C)]
#[derive(Default)]
pub struct PropertyCache {
    /// Cell address of the cached shape, 0 when empty.
    pub shape: Cell<u64>,
    /// Byte offset of the slot from the base (the object cell, or the
    /// overflow slot array when `indirect` is 1).
    pub offset: Cell<u64>,
    /// 0: the slot is inline; 1: it is an overflow slot.
    pub indirect: Cell<u64>,
    /// Private access sites (`o.#x`): the bits of the private name the
    /// entry was filled for. One site can see several private names of the
    /// same `#x` (a class evaluated more than once), so a hit needs the
    /// shape and the key (see `object/private.rs`). Unused elsewhere.
    pub key: Cell<u64>,
}

impl PropertyCache {
    /// Offset of `shape`, for compiled code.
    pub const SHAPE_OFFSET: i32 = 0;
    /// Offset of `offset`, for compiled code.
    pub const OFFSET_OFFSET: i32 = 8;
    /// Offset of `indirect`, for compiled code.
    pub const INDIRECT_OFFSET: i32 = 16;
    /// Offset of `key`, for compiled code.
    pub const KEY_OFFSET: i32 = 24;

    /// Empties the cache (the next access takes the slow path).
    pub fn clear(&self) {
        self.shape.set(0);
    }

    /// Fills the cache of a private access site for the private name
    /// `key` (see [`PropertyCache::key`]).
    pub fn fill_private(&self, o: Gc<JsObject>, key: PropertyKey, for_set: bool) {
        if let PropertyKey::Symbol(s) = key {
            self.clear();
            self.key.set(crate::value::Value::symbol(s).to_bits());
            self.fill(o, key, for_set);
        }
    }

    /// Whether the cache holds no shape.
    pub fn is_empty(&self) -> bool {
        self.shape.get() == 0
    }

    /// Fills the cache for an own data property of `o` (does nothing for
    /// dictionary shapes, accessors, index keys, or — for a set cache —
    /// read-only properties).
    pub fn fill(&self, o: Gc<JsObject>, key: PropertyKey, for_set: bool) {
        if matches!(key, PropertyKey::Index(_)) {
            return;
        }
        // Exotic objects whose named properties are not ordinary are never
        // cached (object::exotic).
        if o.exotic_methods().is_some_and(|m| !m.ordinary_named) {
            return;
        }
        let shape = o.shape();
        if shape.is_dictionary() {
            return;
        }
        let Some(entry) = shape.lookup(key) else {
            return;
        };
        if entry.attrs.is_accessor() || (for_set && !entry.attrs.writable()) {
            return;
        }
        let slot = entry.slot as usize;
        if slot < INLINE_SLOTS {
            self.offset
                .set((OBJECT_INLINE_SLOTS_OFFSET + slot * 8) as u64);
            self.indirect.set(0);
        } else {
            self.offset.set(((slot - INLINE_SLOTS) * 8) as u64);
            self.indirect.set(1);
        }
        self.shape.set(shape.addr() as u64);
    }
}

/// The caches of one compiled function (boxed: compiled code embeds the
/// address).
pub type CacheTable = Box<[PropertyCache]>;

impl Runtime {
    /// Allocates `count` empty caches that live as long as the runtime and
    /// returns the address of the first (null when `count` is 0).
    pub fn new_inline_caches(&mut self, count: usize) -> *const PropertyCache {
        if count == 0 {
            return std::ptr::null();
        }
        let table: CacheTable = (0..count).map(|_| PropertyCache::default()).collect();
        let ptr = table.as_ptr();
        self.inline_caches.push(table);
        ptr
    }

    /// Clears the caches whose shape did not survive marking.
    pub(crate) fn prune_inline_caches(tables: &[CacheTable]) {
        for table in tables {
            for cache in table.iter() {
                let addr = cache.shape.get() as usize;
                if addr != 0 {
                    // SAFETY: a non-empty cache holds the address of a shape
                    // cell that was live at the end of the previous
                    // collection (caches of dead shapes are cleared then),
                    // and cells are only freed by sweeping, after this.
                    let shape: Gc<Shape> = unsafe { Gc::from_addr(addr) };
                    if !shape.is_marked() {
                        cache.clear();
                    }
                }
            }
        }
    }

    /// Number of filled caches (statistics, tests).
    pub fn filled_inline_caches(&self) -> usize {
        self.inline_caches
            .iter()
            .flat_map(|t| t.iter())
            .filter(|c| !c.is_empty())
            .count()
    }
}
