//! Shapes (hidden classes): the map from property key to slot and attributes.
//!
//! A shared shape describes the *last added* property (key, attributes, slot)
//! and points to its parent; the root (empty) shape has no key. Shapes form a
//! tree by *transitions*: adding key `k` with attributes `a` to an object of
//! shape `S` moves it to the child `S --(k,a)--> S'`, created once and reused,
//! so objects built the same way share one shape and a JIT inline cache can
//! test `object.shape == S` and load the slot at a fixed offset.
//!
//! * Slots are assigned in insertion order; a data property takes one slot, an
//!   accessor two (getter, setter).
//! * Lookup walks the parent chain for short chains and builds a hash table
//!   (cached in the shape) for longer ones.
//! * Transitions are *weak*: the runtime lists shapes that have transitions
//!   and, after marking, drops transitions to shapes nothing else uses.
//! * **Dictionary mode.** An object with many properties, or one that deletes
//!   a property other than the last one, gets its own *dictionary shape*
//!   holding an ordered hash map. Slot indices are kept, so converting does not
//!   move values. A dictionary shape is mutated in place and flagged
//!   [`SHAPE_FLAG_DICTIONARY`]: inline caches must never cache one.
//! * The prototype is *not* part of the shape: it is a field of the object (see
//!   `object` module docs), so a prototype-chain IC guards each hop's shape
//!   and prototype pointer.

use hashbrown::HashMap;
use std::cell::UnsafeCell;

use super::property::{Attributes, PropertyKey};
use crate::gc::{Gc, HeapObject, Trace, Tracer, CELL_BODY_OFFSET};
use crate::runtime::Runtime;
use crate::JsResult;

/// Chains longer than this get a lookup table...
const LINEAR_LOOKUP_LIMIT: u32 = 8;
/// ...once they have been searched this many times: a shape that an object
/// only passes through while its constructor adds properties is searched
/// once or twice, and tables for every step of a long chain would take
/// memory quadratic in its length.
const TABLE_AFTER_LOOKUPS: u32 = 4;
/// Objects with more properties than this switch to dictionary mode (which
/// inline caches do not serve: large objects such as an emulator's state
/// with a few hundred fields stay below it).
pub const MAX_SHARED_SHAPE_PROPERTIES: u32 = 1024;

/// The shape is a per-object dictionary; never cache it in an IC.
pub const SHAPE_FLAG_DICTIONARY: u32 = 1;

/// The shape descends from the root of coroutine objects
/// ([`Shape::new_reserved_root`]): slots `0..INLINE_SLOTS` are reserved (a
/// coroutine object keeps its [`crate::backend::coroutine::Coroutine`]
/// record in the memory of its inline slots), so its properties start at
/// slot `INLINE_SLOTS`, in the overflow slots. Inherited by every shape
/// derived from it (transitions, dictionaries, replays): such a shape is
/// never shared with an object of another root, and an inline cache keyed
/// on it only ever reads or writes overflow slots.
pub const SHAPE_FLAG_RESERVED_INLINE: u32 = 2;

/// Offset of the `u32` flags from the shape's cell address.
pub const SHAPE_FLAGS_OFFSET: usize = CELL_BODY_OFFSET + std::mem::offset_of!(Shape, flags);

/// One property of a shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShapeEntry {
    /// The property key.
    pub key: PropertyKey,
    /// Its slot in the object (the getter's slot for an accessor, the setter in the next).
    pub slot: u32,
    /// Its attributes.
    pub attrs: Attributes,
}

/// The bit of `key` in [`Shape::bloom`]: keys are compared by identity (an
/// index, or the address of an atom or symbol), so the bit hashes that.
#[inline]
fn key_bit(key: PropertyKey) -> u64 {
    let x = match key {
        PropertyKey::Index(i) => u64::from(i),
        PropertyKey::String(s) => (s.addr() as u64) >> 3,
        PropertyKey::Symbol(s) => ((s.addr() as u64) >> 3) ^ 0x5bd1_e995,
    };
    1 << (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

enum Transitions {
    None,
    One(PropertyKey, Attributes, Gc<Shape>),
    Many(HashMap<(PropertyKey, u8), Gc<Shape>>),
}

/// Ordered key map of a dictionary shape.
#[derive(Default)]
struct Dictionary {
    index: HashMap<PropertyKey, u32>,
    /// Insertion order; `None` for deleted entries (compacted when they pile up).
    entries: Vec<Option<ShapeEntry>>,
    live: u32,
    free_slots: Vec<u32>,
    next_slot: u32,
}

/// A shape cell; see the module docs.
#[repr(C)]
pub struct Shape {
    flags: u32,
    /// Slots an object of this shape uses (indices `0..slot_count`).
    slot_count: u32,
    property_count: u32,
    /// Lookups so far while there is no table (see `TABLE_AFTER_LOOKUPS`).
    lookups: std::cell::Cell<u32>,
    /// One bit per key of the chain ([`key_bit`]): a lookup of a key whose
    /// bit is clear misses at once (most lookups on a prototype chain miss).
    /// Unused by dictionary shapes.
    bloom: u64,
    last: Option<ShapeEntry>,
    parent: Option<Gc<Shape>>,
    table: UnsafeCell<Option<HashMap<PropertyKey, ShapeEntry>>>,
    transitions: UnsafeCell<Transitions>,
    dict: UnsafeCell<Option<Box<Dictionary>>>,
}

// SAFETY: reports the parent, the key and (dictionary) every key. Transitions
// are weak and deliberately not reported; the lookup table only repeats keys
// of the chain.
unsafe impl Trace for Shape {
    fn trace(&self, tracer: &mut Tracer) {
        self.parent.trace(tracer);
        if let Some(e) = self.last {
            e.key.trace(tracer);
        }
        if let Some(d) = self.dict() {
            for e in d.entries.iter().flatten() {
                e.key.trace(tracer);
            }
        }
    }
}

impl HeapObject for Shape {
    const NAME: &'static str = "Shape";
}

impl Shape {
    pub(crate) fn new_root() -> Shape {
        Shape {
            flags: 0,
            slot_count: 0,
            property_count: 0,
            lookups: std::cell::Cell::new(0),
            bloom: 0,
            last: None,
            parent: None,
            table: UnsafeCell::new(None),
            transitions: UnsafeCell::new(Transitions::None),
            dict: UnsafeCell::new(None),
        }
    }

    /// The root of the shapes of coroutine objects
    /// ([`SHAPE_FLAG_RESERVED_INLINE`]): no property, the inline slots taken.
    pub(crate) fn new_reserved_root() -> Shape {
        Shape {
            flags: SHAPE_FLAG_RESERVED_INLINE,
            slot_count: super::INLINE_SLOTS as u32,
            ..Shape::new_root()
        }
    }

    /// Whether the inline slots of an object of this shape hold no
    /// property ([`SHAPE_FLAG_RESERVED_INLINE`]).
    #[inline]
    pub fn reserves_inline(&self) -> bool {
        self.flags & SHAPE_FLAG_RESERVED_INLINE != 0
    }

    /// Whether this shape is a per-object dictionary ([`SHAPE_FLAG_DICTIONARY`]).
    #[inline]
    pub fn is_dictionary(&self) -> bool {
        self.flags & SHAPE_FLAG_DICTIONARY != 0
    }

    /// Slots an object of this shape uses (indices `0..slot_count`).
    #[inline]
    pub fn slot_count(&self) -> u32 {
        match self.dict() {
            Some(d) => d.next_slot,
            None => self.slot_count,
        }
    }

    /// Number of properties (live entries, for a dictionary).
    pub fn property_count(&self) -> u32 {
        match self.dict() {
            Some(d) => d.live,
            None => self.property_count,
        }
    }

    /// The shape this one extends by one property (None for roots and dictionaries).
    pub fn parent(&self) -> Option<Gc<Shape>> {
        self.parent
    }

    /// The property this shape added (None for roots and dictionaries).
    pub fn last_entry(&self) -> Option<ShapeEntry> {
        self.last
    }

    fn dict(&self) -> Option<&Dictionary> {
        // SAFETY: the dictionary is only replaced through `dict_mut`, whose
        // borrows never overlap a shared one (single-threaded, short scopes).
        unsafe { (*self.dict.get()).as_deref() }
    }

    #[allow(clippy::mut_from_ref)]
    fn dict_mut(&self) -> Option<&mut Dictionary> {
        // SAFETY: as in `dict`.
        unsafe { (*self.dict.get()).as_deref_mut() }
    }

    /// Finds `key`.
    pub fn lookup(&self, key: PropertyKey) -> Option<ShapeEntry> {
        if let Some(d) = self.dict() {
            let i = *d.index.get(&key)?;
            return d.entries[i as usize];
        }
        if self.bloom & key_bit(key) == 0 {
            return None;
        }
        // SAFETY: the table is built once and never changed afterwards.
        let built = unsafe { (*self.table.get()).is_some() };
        let linear = self.property_count <= LINEAR_LOOKUP_LIMIT
            || (!built && self.lookups.get() < TABLE_AFTER_LOOKUPS);
        if linear {
            self.lookups.set(self.lookups.get() + 1);
            let mut cur = Some(self);
            while let Some(s) = cur {
                match s.last {
                    Some(e) if e.key == key => return Some(e),
                    Some(_) => cur = s.parent.as_deref(),
                    None => return None,
                }
            }
            return None;
        }
        // SAFETY: the table is built once and never changed afterwards.
        let table = unsafe { &mut *self.table.get() };
        let table =
            table.get_or_insert_with(|| self.entries().into_iter().map(|e| (e.key, e)).collect());
        table.get(&key).copied()
    }

    /// The properties in insertion order.
    pub fn entries(&self) -> Vec<ShapeEntry> {
        if let Some(d) = self.dict() {
            return d.entries.iter().flatten().copied().collect();
        }
        let mut out = Vec::with_capacity(self.property_count as usize);
        let mut cur = Some(self);
        while let Some(s) = cur {
            if let Some(e) = s.last {
                out.push(e);
            }
            cur = s.parent.as_deref();
        }
        out.reverse();
        out
    }

    fn find_transition(&self, key: PropertyKey, attrs: Attributes) -> Option<Gc<Shape>> {
        // SAFETY: transitions are mutated only in `add_transition`/`prune`,
        // never while this shared borrow is live.
        match unsafe { &*self.transitions.get() } {
            Transitions::None => None,
            Transitions::One(k, a, s) => (*k == key && *a == attrs).then_some(*s),
            Transitions::Many(m) => m.get(&(key, attrs.0)).copied(),
        }
    }

    /// Returns true when this is the shape's first transition.
    fn add_transition(&self, key: PropertyKey, attrs: Attributes, child: Gc<Shape>) -> bool {
        // SAFETY: no other borrow of the transitions is live (single-threaded).
        let t = unsafe { &mut *self.transitions.get() };
        match t {
            Transitions::None => {
                *t = Transitions::One(key, attrs, child);
                true
            }
            Transitions::One(k, a, s) => {
                let mut m = HashMap::new();
                m.insert((*k, a.0), *s);
                m.insert((key, attrs.0), child);
                *t = Transitions::Many(m);
                false
            }
            Transitions::Many(m) => {
                m.insert((key, attrs.0), child);
                false
            }
        }
    }

    /// Drops transitions to unmarked shapes; returns whether any remain.
    pub(crate) fn prune_transitions(&self) -> bool {
        // SAFETY: called by the collector between marking and sweeping; no
        // other borrow exists.
        let t = unsafe { &mut *self.transitions.get() };
        match t {
            Transitions::None => false,
            Transitions::One(_, _, s) => {
                if s.is_marked() {
                    true
                } else {
                    *t = Transitions::None;
                    false
                }
            }
            Transitions::Many(m) => {
                m.retain(|_, s| s.is_marked());
                let any = !m.is_empty();
                if !any {
                    *t = Transitions::None;
                }
                any
            }
        }
    }

    // Dictionary mutation (only on a dictionary shape, owned by one object).

    /// Adds a property; returns its slot.
    pub(crate) fn dict_add(&self, key: PropertyKey, attrs: Attributes) -> u32 {
        let d = self.dict_mut().expect("dictionary shape");
        let width = attrs.slot_width();
        let slot = if width == 1 { d.free_slots.pop() } else { None }.unwrap_or_else(|| {
            let s = d.next_slot;
            d.next_slot += width;
            s
        });
        d.index.insert(key, d.entries.len() as u32);
        d.entries.push(Some(ShapeEntry { key, slot, attrs }));
        d.live += 1;
        slot
    }

    /// Changes the attributes of an existing property, reallocating its slot
    /// when its width changes; returns the entry.
    pub(crate) fn dict_reconfigure(
        &self,
        key: PropertyKey,
        attrs: Attributes,
    ) -> Option<ShapeEntry> {
        let d = self.dict_mut().expect("dictionary shape");
        let i = *d.index.get(&key)? as usize;
        let mut e = d.entries[i]?;
        if e.attrs.slot_width() != attrs.slot_width() {
            if e.attrs.slot_width() == 1 {
                d.free_slots.push(e.slot);
            } else {
                d.free_slots.push(e.slot);
                d.free_slots.push(e.slot + 1);
            }
            let width = attrs.slot_width();
            e.slot = if width == 1 {
                d.free_slots.pop().unwrap_or_else(|| {
                    d.next_slot += 1;
                    d.next_slot - 1
                })
            } else {
                d.next_slot += 2;
                d.next_slot - 2
            };
        }
        e.attrs = attrs;
        d.entries[i] = Some(e);
        Some(e)
    }

    /// Removes a property; returns the entry it had.
    pub(crate) fn dict_remove(&self, key: PropertyKey) -> Option<ShapeEntry> {
        let d = self.dict_mut().expect("dictionary shape");
        let i = d.index.remove(&key)? as usize;
        let e = d.entries[i].take()?;
        d.live -= 1;
        d.free_slots.push(e.slot);
        if e.attrs.is_accessor() {
            d.free_slots.push(e.slot + 1);
        }
        if d.entries.len() > 32 && (d.live as usize) < d.entries.len() / 2 {
            d.entries.retain(|e| e.is_some());
            d.index.clear();
            for (i, e) in d.entries.iter().enumerate() {
                if let Some(e) = e {
                    d.index.insert(e.key, i as u32);
                }
            }
        }
        Some(e)
    }
}

impl Runtime {
    /// The shape reached from `shape` by adding `key` with `attrs` (a shared
    /// shape; the caller handles dictionaries).
    pub(crate) fn shape_add(
        &mut self,
        shape: Gc<Shape>,
        key: PropertyKey,
        attrs: Attributes,
    ) -> JsResult<Gc<Shape>> {
        debug_assert!(!shape.is_dictionary());
        if let Some(s) = shape.find_transition(key, attrs) {
            return Ok(s);
        }
        let entry = ShapeEntry {
            key,
            slot: shape.slot_count,
            attrs,
        };
        let child = self.alloc(Shape {
            flags: shape.flags & SHAPE_FLAG_RESERVED_INLINE,
            slot_count: shape.slot_count + attrs.slot_width(),
            property_count: shape.property_count + 1,
            lookups: std::cell::Cell::new(0),
            bloom: shape.bloom | key_bit(key),
            last: Some(entry),
            parent: Some(shape),
            table: UnsafeCell::new(None),
            transitions: UnsafeCell::new(Transitions::None),
            dict: UnsafeCell::new(None),
        })?;
        if shape.add_transition(key, attrs, child) {
            self.shapes_with_transitions.push(shape);
        }
        Ok(child)
    }

    /// A new dictionary shape with the same entries (and slots) as `shape`.
    pub(crate) fn shape_to_dictionary(&mut self, shape: Gc<Shape>) -> JsResult<Gc<Shape>> {
        let mut d = Dictionary::default();
        for e in shape.entries() {
            d.index.insert(e.key, d.entries.len() as u32);
            d.entries.push(Some(e));
            d.live += 1;
        }
        d.next_slot = shape.slot_count();
        self.alloc(Shape {
            flags: SHAPE_FLAG_DICTIONARY | (shape.flags & SHAPE_FLAG_RESERVED_INLINE),
            slot_count: 0,
            property_count: 0,
            lookups: std::cell::Cell::new(0),
            bloom: 0,
            last: None,
            parent: None,
            table: UnsafeCell::new(None),
            transitions: UnsafeCell::new(Transitions::None),
            dict: UnsafeCell::new(Some(Box::new(d))),
        })
    }

    /// Rebuilds a shared shape with the same keys in the same order from the
    /// root, with `change` applied to each entry's attributes. An attribute
    /// change between data and accessor changes the entry's slot width, so
    /// the slots of the later entries move: the caller moves their values.
    pub(crate) fn shape_replay(
        &mut self,
        shape: Gc<Shape>,
        mut change: impl FnMut(ShapeEntry) -> Attributes,
    ) -> JsResult<Gc<Shape>> {
        let entries = shape.entries();
        let mut s = if shape.reserves_inline() {
            self.coroutine_shape
        } else {
            self.empty_shape
        };
        for e in entries {
            s = self.shape_add(s, e.key, change(e))?;
        }
        Ok(s)
    }

    /// Weak-transition pruning, run between marking and sweeping.
    pub(crate) fn prune_shape_transitions(shapes: &mut Vec<Gc<Shape>>) {
        shapes.retain(|s| s.is_marked() && s.prune_transitions());
    }
}
