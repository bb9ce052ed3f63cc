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
//!
//! **Prototype-chain hits** (get caches only). When a named read finds a
//! data property on a prototype, the cache also records the *holder* (the
//! prototype object that has it), the receiver's [[Prototype]] and the
//! current [`PROTO_EPOCH`]. A hit then needs the receiver's shape (so the
//! receiver still lacks the key), the same [[Prototype]] pointer and the
//! same epoch, and reads the holder's slot:
//!
//! ```text
//! shape == cache.shape && (cache.holder == 0 ||
//!     (load(obj + PROTO) == cache.proto && PROTO_EPOCH == cache.epoch))
//! ```
//!
//! Every object the fill walked through (from the receiver's prototype to
//! the holder) is marked [`FLAG_WATCHED`]; any change to a watched object's
//! shape (a property added, removed or reconfigured) or [[Prototype]] bumps
//! the epoch (`object/mod.rs`), which invalidates every prototype-chain
//! entry at once. Value writes to existing slots need nothing: the hit reads
//! the holder's slot live.
//!
//! **Getter entries** (get caches only). A read that finds an accessor (own
//! or on the chain, under the same conditions) records it in
//! `getter_shape`/`getter_slot` instead, and leaves `shape` empty so
//! compiled code never takes it for a data hit. The runtime's slow path
//! checks the entry first ([`PropertyCache::getter_hit`]) and calls the
//! getter read live from the holder's slot, without looking the key up.
//! Typed arrays may be receivers of getter entries (their non-numeric keys
//! are ordinary): `ta.length` is the common case. **Setter entries** are
//! the same fields in a set cache ([`PropertyCache::fill_setter`]; the
//! setter is the slot after the getter).
//!
//! **Polymorphic sites.** The cache table holds one entry per site and
//! direction, the one compiled code checks inline. A site that misses on
//! a second receiver shape gets [`POLY_EXTRA`] further entries
//! ([`PropertyCache::more`]), grown to [`POLY_MAX_EXTRA`] when full; past
//! those the site is megamorphic and refills nothing. The further entries
//! are checked by the runtime's miss path ([`PropertyCache::poly_get`],
//! [`PropertyCache::poly_set`]) before any lookup, under the same guards as
//! the first. Each entry is for one receiver shape (a transition entry: the
//! shape before the store), so a refill replaces the stale entry of that
//! shape or takes an empty one ([`PropertyCache::fill_get_poly`],
//! [`PropertyCache::fill_set_poly`]). The further tables are made by
//! [`Runtime::new_inline_caches`], so pruning clears their entries too.
//! Entries that depend on the receiver's prototype are keyed by shape and
//! prototype, and one whose epoch has passed is free for a refill.
//!
//! **Transitions to overflow slots.** A transition entry may add the
//! property in an overflow slot: compiled code stores it when the
//! overflow storage has the slot or room for it (the length grows by one),
//! [`PropertyCache::poly_set`] grows the storage otherwise. A transition
//! entry also serves a receiver of its shape with another prototype once
//! that receiver's chain is checked for the entry's key
//! ([`transition_chain_ok`]).
//!
//! **The megamorphic cache.** A site whose entries are all taken
//! (`megamorphic` non-zero) also consults one table shared by every site of
//! the runtime, as V8's stub cache: [`MEGA_ENTRIES`] get entries and as many
//! set entries, each an ordinary [`PropertyCache`] entry (own data,
//! prototype-chain data, getter or setter, transition) tagged with the key
//! in `key` and found by hashing (receiver shape, key)
//! ([`Runtime::mega_get`], [`Runtime::mega_set`]). A hit needs the entry's
//! key and then exactly what a hit on a site's further entries needs (the
//! shape, and for an entry that depends on the chain the [[Prototype]] and
//! the epoch), so prototype changes invalidate it as they invalidate any
//! entry; a miss through the generic lookup refills the slot of (shape,
//! key), overwriting whatever was there ([`Runtime::mega_fill_get`],
//! [`Runtime::mega_fill_set`]). Only atom and symbol keys are cached (equal
//! bits are then the same key). The table is made by
//! [`Runtime::new_inline_caches`], so pruning clears entries of dead
//! shapes, holders and keys as for any site; get and set entries are apart
//! since a get entry does not check that a property is writable.
//!
//! **The chain memo.** The third part of the megamorphic cache's table
//! remembers, per (prototype, key), a prototype chain that
//! [`transition_chain_ok`] found free of setters and read-only properties
//! of the key (its objects watched, the entry tagged with the epoch), so a
//! transition entry serves receivers of many prototypes without a walk;
//! full-tier code probes it inline (`compiler/property.rs`,
//! `chain_memo_hit`) at set sites that used it ([`PropertyCache::other_protos`]).
//! Full-tier code also scans a polymorphic site's further entries inline
//! (`scan_extras`), so [`PropertyCache::poly_get`] and
//! [`PropertyCache::poly_set`] run for compact code and complete misses.
//!
//! **Primitive entries** (get caches, runtime only). A read on a string,
//! number, boolean, symbol or BigInt is cached by receiver type
//! ([`PropertyCache::primitive_get`], [`PropertyCache::fill_get_primitive`]):
//! the holder on the chain of the type's prototype, watched and guarded by
//! the epoch like a prototype-chain entry, or a string's own `length`.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::gc::Gc;
use crate::object::exotic::{FLAG_EXOTIC, FLAG_TYPED_ARRAY};
use crate::object::{
    shape::Shape, JsObject, ObjectKind, PropertyKey, FLAG_EXTENSIBLE, FLAG_LAZY, INLINE_SLOTS,
    OBJECT_INLINE_SLOTS_OFFSET, OBJECT_SHAPE_OFFSET,
};
use crate::runtime::Runtime;

mod megamorphic;

/// The epoch of prototype-chain cache entries: bumped whenever a watched
/// object (one a prototype-chain entry depends on) changes its shape or its
/// [[Prototype]]. Shared by all runtimes of the process (a bump elsewhere
/// only costs a refill).
pub static PROTO_EPOCH: AtomicU64 = AtomicU64::new(1);

/// The object flag of objects that prototype-chain cache entries depend on
/// (see the module docs).
pub const FLAG_WATCHED: u32 = 256;

/// Invalidates every prototype-chain cache entry.
pub fn bump_proto_epoch() {
    PROTO_EPOCH.fetch_add(1, Ordering::Relaxed);
}

/// How deep a prototype-chain entry may look.
const MAX_CHAIN: usize = 8;

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
    /// Prototype-chain entries: the cell address of the holder object (0
    /// for an own property).
    pub holder: Cell<u64>,
    /// Prototype-chain entries: the receiver's [[Prototype]] (value bits).
    pub proto: Cell<u64>,
    /// Prototype-chain entries: [`PROTO_EPOCH`] when filled.
    pub epoch: Cell<u64>,
    /// Set caches: the shape after adding the property (a *transition*
    /// entry: `shape` is the shape before), 0 otherwise.
    pub new_shape: Cell<u64>,
    /// Getter entries: the receiver's shape (cell address), 0 when none.
    /// Read by the runtime only.
    pub getter_shape: Cell<u64>,
    /// Getter entries: the accessor's slot in the holder (the getter; the
    /// setter is the next slot).
    pub getter_slot: Cell<u64>,
    /// Polymorphic sites (first entry of a site only): the address of the
    /// site's further entries, 0 until a second shape is seen. Read by the
    /// runtime only (see the module docs).
    pub more: Cell<u64>,
    /// Polymorphic sites: how many further entries `more` has
    /// ([`POLY_EXTRA`], then [`POLY_MAX_EXTRA`]).
    pub more_len: Cell<u64>,
    /// Polymorphic sites: misses that found no free entry (the site is
    /// megamorphic and stops refilling). Statistics only.
    pub megamorphic: Cell<u64>,
    /// Primitive entries (get caches, read by the runtime only): the
    /// receiver's type (`PRIM_STRING` ... `PRIM_BIGINT`) and the
    /// `PRIM_ACCESSOR`/`PRIM_LENGTH` flags; 0 for every other entry.
    pub primitive: Cell<u64>,
    /// Polymorphic sites (first entry only): runtime hits on a further
    /// entry since the last promotion ([`PropertyCache::note_extra_hit`]).
    pub extra_hits: Cell<u64>,
    /// Set sites (first entry only): stores through a transition entry
    /// for a receiver of another prototype (`poly_set`'s chain walk or
    /// memo). The full tier then probes the chain memo inline
    /// ([`PropertyCache::wants_chain_memo`]).
    pub other_protos: Cell<u64>,
}

/// [`PropertyCache::primitive`]: a string receiver (read by compiled code:
/// a data entry of a string receiver is exactly this value).
pub(crate) const PRIM_STRING: u64 = 1;
/// [`PropertyCache::primitive`]: a number receiver.
const PRIM_NUMBER: u64 = 2;
/// [`PropertyCache::primitive`]: a boolean receiver.
const PRIM_BOOLEAN: u64 = 3;
/// [`PropertyCache::primitive`]: a symbol receiver.
const PRIM_SYMBOL: u64 = 4;
/// [`PropertyCache::primitive`]: a BigInt receiver.
const PRIM_BIGINT: u64 = 5;
/// [`PropertyCache::primitive`]: the bits of the receiver's type (also the
/// entry's receiver id for the polymorphic table: never a cell address).
const PRIM_TYPE: u64 = 0xff;
/// [`PropertyCache::primitive`]: the property is an accessor (the holder's
/// slot is its getter).
const PRIM_ACCESSOR: u64 = 0x100;
/// [`PropertyCache::primitive`]: a string's own `length` (10.4.3.5
/// StringGetOwnProperty gives no `length`; the String object's own
/// `length` is the string's length, 10.4.3.4).
const PRIM_LENGTH: u64 = 0x200;

/// The receiver type of a primitive entry for `v` and the prototype its
/// properties are read from (ToObject(v).[[Prototype]]), or `None` for
/// objects, undefined and null.
fn primitive_type(v: crate::value::Value) -> Option<(u64, crate::runtime::Intrinsic)> {
    use crate::runtime::Intrinsic;
    use crate::value::ValueType;
    Some(match v.type_of() {
        ValueType::String => (PRIM_STRING, Intrinsic::StringPrototype),
        ValueType::Number => (PRIM_NUMBER, Intrinsic::NumberPrototype),
        ValueType::Boolean => (PRIM_BOOLEAN, Intrinsic::BooleanPrototype),
        ValueType::Symbol => (PRIM_SYMBOL, Intrinsic::SymbolPrototype),
        ValueType::BigInt => (PRIM_BIGINT, Intrinsic::BigIntPrototype),
        _ => return None,
    })
}

/// Entries of a polymorphic site beyond the first (the one compiled code
/// checks inline).
pub const POLY_EXTRA: usize = 3;

/// Entries of a site beyond the first once [`POLY_EXTRA`] were not enough
/// (16 in all); past them the site is megamorphic.
pub const POLY_MAX_EXTRA: usize = 15;

/// Runtime hits on a further entry of a polymorphic site before it takes
/// the first place ([`PropertyCache::note_extra_hit`]).
const PROMOTE_AFTER: u64 = 8;

/// A megamorphic site (every entry full at a miss) tries to refill only
/// at every this many misses ([`PropertyCache::poly_target`]).
const MEGAMORPHIC_RETRY: u64 = 64;

/// Entries of each half (get, set) of the megamorphic cache (a power of
/// two; see the module docs).
pub const MEGA_ENTRIES: usize = 1024;

/// The part of the megamorphic cache's table with get entries.
const MEGA_GET: usize = 0;
/// The part with set entries.
const MEGA_SET: usize = 1;
/// The part with the chain memo of [`transition_chain_ok`].
const CHAIN_MEMO: usize = 2;
/// Parts of the megamorphic cache's table.
const MEGA_PARTS: usize = 3;

/// The tag byte (at `OBJECT_KIND_OFFSET`) of an `ObjectKind::Ordinary`
/// object: compiled code takes the chain memo only for ordinary receivers,
/// whose named properties are their stored ones (checked by a unit test).
pub(crate) const ORDINARY_KIND_TAG: u8 = 0;

/// The multiplier of the megamorphic cache's hash ([`mega_index`]).
pub(crate) const MEGA_HASH_MUL: u64 = 0x9E37_79B9_7F4A_7C15;

/// Bits of the megamorphic cache's hash that index a part of its table.
pub(crate) const MEGA_INDEX_BITS: u32 = MEGA_ENTRIES.trailing_zeros();

/// The byte offset of the chain memo in the megamorphic cache's table, for
/// compiled code (`compiler/property.rs` probes it inline).
pub(crate) const CHAIN_MEMO_BYTES: i64 =
    (CHAIN_MEMO * MEGA_ENTRIES * std::mem::size_of::<PropertyCache>()) as i64;

/// The offset of the megamorphic cache's table address (0 until made) in
/// the runtime, for compiled code (the runtime is at the start of the
/// executor, `ctx`).
pub(crate) const MEGA_CACHES_OFFSET: i32 = std::mem::offset_of!(Runtime, mega_caches) as i32;

/// The index in each part of the megamorphic cache's table of the entry of
/// (`shape`, `key`): a cell address and a key's bits. Compiled code
/// computes the same for the chain memo (`compiler/property.rs`).
pub(crate) fn mega_index(shape: u64, key: u64) -> usize {
    let h = ((shape >> 4) ^ (key >> 3).rotate_left(17)).wrapping_mul(MEGA_HASH_MUL);
    (h >> (64 - MEGA_INDEX_BITS)) as usize
}

/// What a runtime check of a site's entries found for a read.
pub enum CachedGet {
    /// The value of a data property.
    Value(crate::value::Value),
    /// The getter of an accessor (undefined when it has none).
    Getter(crate::value::Value),
}

/// What a runtime check of a site's entries did or found for a store.
pub enum CachedSet {
    /// The value was stored (an own data entry or a transition entry).
    Stored,
    /// The setter of an accessor to call (never undefined).
    Setter(crate::value::Value),
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
    /// Offset of `holder`, for compiled code.
    pub const HOLDER_OFFSET: i32 = 32;
    /// Offset of `proto`, for compiled code.
    pub const PROTO_OFFSET: i32 = 40;
    /// Offset of `epoch`, for compiled code.
    pub const EPOCH_OFFSET: i32 = 48;
    /// Offset of `new_shape`, for compiled code.
    pub const NEW_SHAPE_OFFSET: i32 = 56;
    /// Offset of `primitive`, for compiled code.
    pub const PRIMITIVE_OFFSET: i32 = std::mem::offset_of!(PropertyCache, primitive) as i32;
    /// Offset of `more`, for compiled code (the scan of a polymorphic
    /// site's further entries, `compiler/property.rs`).
    pub const MORE_OFFSET: i32 = std::mem::offset_of!(PropertyCache, more) as i32;
    /// Offset of `more_len`, for compiled code.
    pub const MORE_LEN_OFFSET: i32 = std::mem::offset_of!(PropertyCache, more_len) as i32;

    /// Whether the site has further entries (it saw a second receiver
    /// shape): the full tier then scans them inline after a miss on the
    /// first (`compiler/property.rs`). Read when the IR is built, on the
    /// thread that owns the caches.
    pub fn is_polymorphic(&self) -> bool {
        self.more.get() != 0
    }

    /// Whether this set site stored through a transition entry for a
    /// receiver of another prototype (a base constructor called on
    /// instances of many subclasses): the full tier then probes the chain
    /// memo inline when the entry's prototype guard fails
    /// (`compiler/property.rs`). Read when the IR is built.
    pub fn wants_chain_memo(&self) -> bool {
        self.other_protos.get() != 0
    }

    /// Whether some entry of this get site is a data entry of string
    /// receivers (`s.charCodeAt`): the full tier then checks the first
    /// entry for string receivers inline (`compiler/property.rs`). Read
    /// when the IR is built, on the thread that owns the caches.
    pub fn has_string_entry(&self) -> bool {
        self.entries().any(|e| e.primitive.get() == PRIM_STRING)
    }

    /// Empties the cache (the next access takes the slow path).
    pub fn clear(&self) {
        self.shape.set(0);
        self.getter_shape.set(0);
        self.primitive.set(0);
    }

    /// The getter of a getter entry when `o` hits it (see the module docs):
    /// `o` has the entry's shape and, for an inherited accessor, the same
    /// [[Prototype]] and epoch. `Value::UNDEFINED` for an accessor without
    /// a getter.
    pub fn getter_hit(&self, o: Gc<JsObject>) -> Option<crate::value::Value> {
        self.accessor_hit(o, 0)
    }

    /// The setter of a setter entry (a getter entry of a set cache, see
    /// [`PropertyCache::fill_setter`]) when `o` hits it, as
    /// [`PropertyCache::getter_hit`].
    pub fn setter_hit(&self, o: Gc<JsObject>) -> Option<crate::value::Value> {
        self.accessor_hit(o, 1)
    }

    /// The getter (`which` 0) or setter (1) of an accessor entry `o` hits.
    fn accessor_hit(&self, o: Gc<JsObject>, which: u32) -> Option<crate::value::Value> {
        let shape = self.getter_shape.get();
        let typed_ok = self.indirect.get() != 0;
        if shape == 0 || o.shape().addr() as u64 != shape || !getter_receiver(o, typed_ok) {
            return None;
        }
        let slot = self.getter_slot.get() as u32 + which;
        let holder = self.holder.get() as usize;
        if holder == 0 {
            return Some(o.slot(slot));
        }
        if o.proto().to_bits() != self.proto.get()
            || PROTO_EPOCH.load(Ordering::Relaxed) != self.epoch.get()
        {
            return None;
        }
        // SAFETY: the holder of a live entry is live (entries of dead
        // holders are cleared by `prune_inline_caches`).
        let holder: Gc<JsObject> = unsafe { Gc::from_addr(holder) };
        Some(holder.slot(slot))
    }

    /// Makes this a getter entry for the accessor at `slot` of `holder`
    /// (`None`: an own accessor of a receiver of shape `shape`).
    ///
    /// `typed_ok`: the key is not a canonical numeric string, so typed
    /// arrays may hit the entry (kept in `indirect`, unused otherwise).
    fn set_getter(
        &self,
        shape: &Gc<Shape>,
        slot: u32,
        holder: Option<Gc<JsObject>>,
        proto: u64,
        typed_ok: bool,
    ) {
        self.clear();
        self.new_shape.set(0);
        self.indirect.set(typed_ok as u64);
        self.getter_slot.set(slot as u64);
        self.holder.set(holder.map_or(0, |h| h.addr() as u64));
        self.proto.set(proto);
        self.epoch.set(PROTO_EPOCH.load(Ordering::Relaxed));
        self.getter_shape.set(shape.addr() as u64);
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

    /// Whether the site ever missed with every entry full (then it also
    /// consults the megamorphic cache).
    pub fn is_megamorphic(&self) -> bool {
        self.megamorphic.get() != 0
    }

    /// Whether the cache holds no shape.
    pub fn is_empty(&self) -> bool {
        self.shape.get() == 0
    }

    /// Fills the cache for an own data property of `o` (does nothing for
    /// dictionary shapes, accessors, index keys, or — for a set cache —
    /// read-only properties).
    pub fn fill(&self, o: Gc<JsObject>, key: PropertyKey, for_set: bool) -> bool {
        if matches!(key, PropertyKey::Index(_)) {
            return false;
        }
        // Exotic objects whose named properties are not ordinary are never
        // cached (object::exotic).
        if o.exotic_methods().is_some_and(|m| !m.ordinary_named) {
            return false;
        }
        let shape = o.shape();
        if shape.is_dictionary() {
            return false;
        }
        let Some(entry) = shape.lookup(key) else {
            return false;
        };
        if entry.attrs.is_accessor() || (for_set && !entry.attrs.writable()) {
            return false;
        }
        self.getter_shape.set(0);
        self.primitive.set(0);
        self.set_slot(entry.slot as usize);
        self.holder.set(0);
        self.new_shape.set(0);
        self.shape.set(shape.addr() as u64);
        true
    }

    /// Fills a set cache after `o.key = v` added `key` to `o`, whose shape
    /// was `before`: a transition entry (the store adds the property
    /// inline without the runtime) when the new property is an ordinary
    /// data property in an inline slot and nothing on the prototype chain
    /// could intercept the store (a setter or a read-only property: the
    /// chain is watched like a prototype-chain get entry's). Otherwise an
    /// own entry as [`PropertyCache::fill`] makes.
    pub fn fill_set(&self, rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey, before: Gc<Shape>) {
        if self.try_fill_transition(rt, o, key, before) {
            return;
        }
        self.fill(o, key, true);
    }

    fn try_fill_transition(
        &self,
        rt: &mut Runtime,
        o: Gc<JsObject>,
        key: PropertyKey,
        before: Gc<Shape>,
    ) -> bool {
        let after = o.shape();
        if matches!(key, PropertyKey::Index(_))
            || after == before
            || after.is_dictionary()
            || before.is_dictionary()
            || before.lookup(key).is_some()
            || after.parent() != Some(before)
            || o.flags() & FLAG_WATCHED != 0
        {
            return false;
        }
        let length = PropertyKey::String(rt.names.length);
        if !plain_named(o, key, length) {
            return false;
        }
        let Some(entry) = after.last_entry() else {
            return false;
        };
        let a = entry.attrs;
        if entry.key != key
            || a.is_accessor()
            || !(a.writable() && a.enumerable() && a.configurable())
        {
            return false;
        }
        // The prototype chain must not have a setter or a read-only `key`.
        let mut chain = [o; MAX_CHAIN];
        let mut depth = 0;
        let mut p = o.proto();
        while let Some(obj) = p.as_object() {
            if depth == MAX_CHAIN || !plain_named(obj, key, length) {
                return false;
            }
            if let Some(e) = obj.shape().lookup(key) {
                if e.attrs.is_accessor() || !e.attrs.writable() {
                    return false;
                }
            }
            chain[depth] = obj;
            depth += 1;
            p = obj.proto();
        }
        for &w in &chain[..depth] {
            if w.flags() & FLAG_WATCHED == 0 {
                rt.set_object_flags(w, FLAG_WATCHED, 0);
            }
        }
        self.clear();
        self.set_slot(entry.slot as usize);
        self.holder.set(0);
        // The key, for receivers of another prototype (`poly_set`).
        self.key.set(key_bits(key));
        self.proto.set(o.proto().to_bits());
        self.epoch.set(PROTO_EPOCH.load(Ordering::Relaxed));
        self.new_shape.set(after.addr() as u64);
        self.shape.set(before.addr() as u64);
        true
    }

    fn set_slot(&self, slot: usize) {
        if slot < INLINE_SLOTS {
            self.offset
                .set((OBJECT_INLINE_SLOTS_OFFSET + slot * 8) as u64);
            self.indirect.set(0);
        } else {
            self.offset.set(((slot - INLINE_SLOTS) * 8) as u64);
            self.indirect.set(1);
        }
    }

    /// Fills a get cache after a read of `key` on `o`: an own data
    /// property as [`PropertyCache::fill`] does, else a data property found
    /// on the prototype chain (see the module docs), else nothing.
    pub fn fill_get(&self, rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) {
        self.fill_read(rt, o, key, false);
    }

    /// Fills a *set* cache with a setter entry after `o.key = v` called
    /// the setter of an accessor found as a read finds it (own or on the
    /// chain, see [`PropertyCache::fill_get`]): the same fields as a getter
    /// entry, the setter being the slot after the getter. Does nothing
    /// when the lookup finds a data property.
    pub fn fill_setter(&self, rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) {
        self.fill_read(rt, o, key, true);
    }

    /// [`PropertyCache::fill_get`], or with `accessors_only` only its
    /// getter entries (a set cache must never hold a prototype-chain data
    /// entry: compiled stores do not check `holder`).
    fn fill_read(&self, rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey, accessors_only: bool) {
        if matches!(key, PropertyKey::Index(_)) || (!accessors_only && self.fill(o, key, false)) {
            return;
        }
        let length = PropertyKey::String(rt.names.length);
        let shape = o.shape();
        if shape.is_dictionary() {
            return;
        }
        // A typed array's non-numeric keys are ordinary: it may receive
        // getter entries (`ta.length`), not data entries (the compiled hit
        // does not know the key).
        let typed_ok = crate::builtins::typed_array::canonical_numeric_index(key).is_none();
        let typed = o.flags() & FLAG_TYPED_ARRAY != 0 && typed_ok;
        if !typed && !plain_named(o, key, length) {
            return;
        }
        if let Some(own) = shape.lookup(key) {
            if own.attrs.is_accessor() && !typed {
                self.set_getter(&shape, own.slot, None, o.proto().to_bits(), typed_ok);
            }
            return;
        }
        let mut chain = [o; MAX_CHAIN];
        let mut p = o.proto();
        for depth in 0..MAX_CHAIN {
            let Some(obj) = p.as_object() else {
                return;
            };
            if !plain_named(obj, key, length) {
                return;
            }
            chain[depth] = obj;
            let Some(entry) = obj.shape().lookup(key) else {
                p = obj.proto();
                continue;
            };
            for &w in &chain[..=depth] {
                if w.flags() & FLAG_WATCHED == 0 {
                    rt.set_object_flags(w, FLAG_WATCHED, 0);
                }
            }
            if entry.attrs.is_accessor() {
                self.set_getter(&shape, entry.slot, Some(obj), o.proto().to_bits(), typed_ok);
                return;
            }
            if typed || accessors_only {
                return;
            }
            // Empty while the entry is rewritten (no half-written hit).
            self.clear();
            self.set_slot(entry.slot as usize);
            self.new_shape.set(0);
            self.holder.set(obj.addr() as u64);
            self.proto.set(o.proto().to_bits());
            self.epoch.set(PROTO_EPOCH.load(Ordering::Relaxed));
            self.shape.set(shape.addr() as u64);
            return;
        }
    }
}

impl PropertyCache {
    /// The receiver shape this entry is for (data, transition or getter
    /// entry), 0 when empty.
    fn receiver_shape(&self) -> u64 {
        match (self.shape.get(), self.getter_shape.get()) {
            (0, 0) => self.primitive.get() & PRIM_TYPE,
            (0, g) => g,
            (s, _) => s,
        }
    }

    /// The further entries of a polymorphic site (empty until it saw a
    /// second shape).
    pub fn extras(&self) -> &[PropertyCache] {
        match self.more.get() {
            0 => &[],
            // SAFETY: `more` is the address of a table of `more_len`
            // entries made by `new_inline_caches`, which live as long as the
            // runtime, as this entry does.
            p => unsafe {
                std::slice::from_raw_parts(p as *const PropertyCache, self.more_len.get() as usize)
            },
        }
    }

    /// This entry and the site's further entries.
    fn entries(&self) -> impl Iterator<Item = &PropertyCache> {
        std::iter::once(self).chain(self.extras())
    }

    /// Makes this entry a copy of `from` (the entry fields, not the site's).
    fn copy_from(&self, from: &PropertyCache) {
        self.clear();
        self.offset.set(from.offset.get());
        self.indirect.set(from.indirect.get());
        self.key.set(from.key.get());
        self.holder.set(from.holder.get());
        self.proto.set(from.proto.get());
        self.epoch.set(from.epoch.get());
        self.new_shape.set(from.new_shape.get());
        self.getter_slot.set(from.getter_slot.get());
        self.getter_shape.set(from.getter_shape.get());
        self.primitive.set(from.primitive.get());
        self.shape.set(from.shape.get());
    }

    /// Exchanges the entry fields (not the site's) of `self` and `other`.
    fn swap_entry(&self, other: &PropertyCache) {
        self.offset.swap(&other.offset);
        self.indirect.swap(&other.indirect);
        self.key.swap(&other.key);
        self.holder.swap(&other.holder);
        self.proto.swap(&other.proto);
        self.epoch.swap(&other.epoch);
        self.new_shape.swap(&other.new_shape);
        self.getter_slot.swap(&other.getter_slot);
        self.getter_shape.swap(&other.getter_shape);
        self.primitive.swap(&other.primitive);
        self.shape.swap(&other.shape);
    }

    /// Notes that the runtime hit the site's further entry `e` (the first
    /// entry is `self`): after [`PROMOTE_AFTER`] such hits the entry
    /// changes places with the first one, the one compiled code checks
    /// inline. A site whose receivers changed shape for good (an object
    /// that gained properties after the site first ran: the first entry
    /// holds a shape nothing has any more) then hits inline again; a site
    /// alternating between shapes pays one exchange per [`PROMOTE_AFTER`]
    /// runtime hits.
    fn note_extra_hit(&self, e: &PropertyCache) {
        if std::ptr::eq(self, e) {
            return;
        }
        let hits = self.extra_hits.get() + 1;
        if hits < PROMOTE_AFTER {
            self.extra_hits.set(hits);
            return;
        }
        self.extra_hits.set(0);
        self.swap_entry(e);
    }

    /// The slot index of a data entry (`shape` non-zero).
    fn slot_index(&self) -> u32 {
        let offset = self.offset.get() as usize;
        if self.indirect.get() == 0 {
            (offset.saturating_sub(OBJECT_INLINE_SLOTS_OFFSET) / 8) as u32
        } else {
            (INLINE_SLOTS + offset / 8) as u32
        }
    }

    /// The runtime's check of a get site (the miss path of compiled code,
    /// or the whole path of compact code): the first entry of the site
    /// that `o` hits, as compiled code would hit a data entry and
    /// [`PropertyCache::getter_hit`] a getter entry.
    pub fn poly_get(&self, o: Gc<JsObject>) -> Option<CachedGet> {
        let shape = o.shape().addr() as u64;
        for e in self.entries() {
            if e.shape.get() == shape && e.new_shape.get() == 0 {
                let holder = e.holder.get() as usize;
                if holder == 0 {
                    let v = o.slot(e.slot_index());
                    self.note_extra_hit(e);
                    return Some(CachedGet::Value(v));
                }
                if o.proto().to_bits() == e.proto.get()
                    && PROTO_EPOCH.load(Ordering::Relaxed) == e.epoch.get()
                {
                    // SAFETY: the holder of a live entry is live (entries
                    // of dead holders are cleared by `prune_inline_caches`).
                    let holder: Gc<JsObject> = unsafe { Gc::from_addr(holder) };
                    let v = holder.slot(e.slot_index());
                    self.note_extra_hit(e);
                    return Some(CachedGet::Value(v));
                }
            } else if e.getter_shape.get() == shape {
                if let Some(getter) = e.getter_hit(o) {
                    return Some(CachedGet::Getter(getter));
                }
            }
        }
        None
    }

    /// The runtime's check of a set site: stores `v` into `o` when `o` hits
    /// an own data entry or a transition entry of the site, under the same
    /// conditions as compiled code (`set_cache_hit`), or finds the setter of
    /// a setter entry `o` hits.
    ///
    /// A transition entry for an overflow slot grows the object's overflow
    /// storage first when it is too short (`Runtime::grow_slots`); a
    /// failed growth (the heap limit) is a miss, and the generic store
    /// reports it.
    pub fn poly_set(
        &self,
        rt: &mut Runtime,
        o: Gc<JsObject>,
        v: crate::value::Value,
    ) -> Option<CachedSet> {
        let shape = o.shape().addr() as u64;
        // A transition entry for `o`'s shape whose prototype guard failed.
        let mut other_proto = None;
        for e in self.entries() {
            if e.shape.get() != shape {
                if e.getter_shape.get() == shape {
                    if let Some(setter) = e.setter_hit(o).filter(|s| !s.is_undefined()) {
                        return Some(CachedSet::Setter(setter));
                    }
                }
                continue;
            }
            let new_shape = e.new_shape.get() as usize;
            if new_shape == 0 {
                if e.holder.get() != 0 {
                    continue;
                }
                // SAFETY: short exclusive access, no allocation.
                unsafe { o.get_mut() }.set_slot(e.slot_index(), v);
                self.note_extra_hit(e);
                return Some(CachedSet::Stored);
            }
            let flags = o.flags() & (FLAG_EXTENSIBLE | FLAG_WATCHED);
            if flags != FLAG_EXTENSIBLE {
                continue;
            }
            if o.proto().to_bits() != e.proto.get() {
                other_proto = other_proto.or(Some(e));
                continue;
            }
            // Same prototype, older epoch: a miss, so that the refill
            // makes the entry hit in compiled code again.
            if PROTO_EPOCH.load(Ordering::Relaxed) != e.epoch.get() {
                continue;
            }
            let stored = e.apply_transition(rt, o, shape, v);
            if stored.is_some() {
                self.note_extra_hit(e);
            }
            return stored;
        }
        // Objects of one shape with many prototypes (a base constructor
        // called on instances of many subclasses) would need an entry per
        // prototype: instead, check this receiver's chain for the key (no
        // setter, no read-only property, as `try_fill_transition` does)
        // and make the entry's transition. The new shape does not depend
        // on the prototype.
        let e = other_proto?;
        // SAFETY: the key bits of a transition entry are a live string or
        // symbol (entries of dead keys are pruned).
        let key = property_key_of(unsafe { crate::value::Value::from_bits(e.key.get()) })?;
        if !transition_chain_ok(rt, o, key) {
            return None;
        }
        self.other_protos
            .set(self.other_protos.get().saturating_add(1));
        e.apply_transition(rt, o, shape, v)
    }

    /// Stores `v` into `o` (of the shape `shape`, extensible, its chain
    /// checked) through the transition entry `self`: grows the overflow
    /// storage when the new slot is past it, stores, and switches `o` to
    /// the new shape as compiled code does.
    fn apply_transition(
        &self,
        rt: &mut Runtime,
        o: Gc<JsObject>,
        shape: u64,
        v: crate::value::Value,
    ) -> Option<CachedSet> {
        let slot = self.slot_index();
        if self.indirect.get() != 0 {
            // A collection at the heap limit may clear the entry (its new
            // shape unmarked): then the generic store does it.
            if rt.grow_slots(o, slot + 1).is_err() || self.shape.get() != shape {
                return None;
            }
        }
        let new_shape = self.new_shape.get();
        // SAFETY: short exclusive access, no allocation (the overflow
        // storage has room for `slot` now).
        unsafe { o.get_mut() }.set_slot(slot, v);
        // A store of the shape's cell address into the shape field.
        // SAFETY: `o` is a live object cell and the field at
        // OBJECT_SHAPE_OFFSET is its `Gc<Shape>`, a cell address; the
        // entry's new shape is live (pruned otherwise) and is `shape` plus
        // the property in the entry's slot, which `o` has room for.
        unsafe { ((o.addr() + OBJECT_SHAPE_OFFSET) as *mut u64).write(new_shape) };
        Some(CachedSet::Stored)
    }

    /// The runtime's check of a get site for a primitive receiver `base`
    /// (a string, number, boolean, symbol or BigInt): a string's `length`,
    /// or the property found on the prototype chain of the primitive's
    /// prototype, read from its holder without wrapping the primitive
    /// (the data value, or the getter to call with `base` as this). A hit
    /// needs the current realm's prototype for the type (the one the entry
    /// was filled from) and an unchanged [`PROTO_EPOCH`]: every object from
    /// that prototype to the holder is watched.
    pub fn primitive_get(&self, rt: &Runtime, base: crate::value::Value) -> Option<CachedGet> {
        let (ty, proto) = primitive_type(base)?;
        for e in self.entries() {
            let p = e.primitive.get();
            if p & PRIM_TYPE != ty {
                continue;
            }
            if p & PRIM_LENGTH != 0 {
                let len = base.as_string()?.len() as u32;
                return Some(CachedGet::Value(crate::value::Value::from_u32(len)));
            }
            if PROTO_EPOCH.load(Ordering::Relaxed) != e.epoch.get()
                || crate::value::Value::object(rt.intrinsic_object(proto)).to_bits()
                    != e.proto.get()
            {
                return None;
            }
            // SAFETY: the holder of a live entry is live (entries of dead
            // holders are cleared by `prune_inline_caches`).
            let holder: Gc<JsObject> = unsafe { Gc::from_addr(e.holder.get() as usize) };
            let v = holder.slot(e.getter_slot.get() as u32);
            return Some(if p & PRIM_ACCESSOR != 0 {
                CachedGet::Getter(v)
            } else {
                CachedGet::Value(v)
            });
        }
        None
    }

    /// Fills an entry of a get site after a read of `key` on the primitive
    /// `base` (see [`PropertyCache::primitive_get`]): a string's `length`,
    /// or a data property or accessor found on the chain of the
    /// primitive's prototype (nothing when the key is absent, an index, or
    /// an object on the chain has named properties outside its shape).
    pub fn fill_get_primitive(
        &self,
        rt: &mut Runtime,
        base: crate::value::Value,
        key: PropertyKey,
    ) {
        let Some((ty, proto)) = primitive_type(base) else {
            return;
        };
        if matches!(key, PropertyKey::Index(_)) {
            return;
        }
        let length = PropertyKey::String(rt.names.length);
        if ty == PRIM_STRING && key == length {
            if let Some(e) = self.poly_target(rt, ty, 0) {
                e.clear();
                e.holder.set(0);
                e.new_shape.set(0);
                e.primitive.set(ty | PRIM_LENGTH);
            }
            return;
        }
        let start = rt.intrinsic_object(proto);
        let mut chain = [start; MAX_CHAIN];
        let mut p = crate::value::Value::object(start);
        for depth in 0..MAX_CHAIN {
            let Some(obj) = p.as_object() else {
                return;
            };
            // A String object (%String.prototype%) stores every named
            // property but `length`.
            let string_object = matches!(obj.kind(), ObjectKind::String(_))
                && key != length
                && obj.flags() & (FLAG_EXOTIC | FLAG_LAZY) == 0;
            if !string_object && !plain_named(obj, key, length) {
                return;
            }
            chain[depth] = obj;
            let Some(entry) = obj.shape().lookup(key) else {
                p = obj.proto();
                continue;
            };
            for &w in &chain[..=depth] {
                if w.flags() & FLAG_WATCHED == 0 {
                    rt.set_object_flags(w, FLAG_WATCHED, 0);
                }
            }
            let start_bits = crate::value::Value::object(start).to_bits();
            let Some(e) = self.poly_target(rt, ty, start_bits) else {
                return;
            };
            e.clear();
            e.holder.set(obj.addr() as u64);
            e.proto.set(start_bits);
            e.epoch.set(PROTO_EPOCH.load(Ordering::Relaxed));
            e.getter_slot.set(entry.slot as u64);
            // Where the value is in the holder, as for an own entry:
            // compiled code reads a string receiver's data entry with
            // `offset` and `indirect` (`compiler/property.rs`).
            e.set_slot(entry.slot as usize);
            let accessor = if entry.attrs.is_accessor() {
                PRIM_ACCESSOR
            } else {
                0
            };
            e.primitive.set(ty | accessor);
            return;
        }
    }

    /// Whether a hit on this entry also needs the receiver's [[Prototype]]
    /// and the epoch (prototype-chain, inherited getter, transition and
    /// primitive entries).
    fn proto_dependent(&self) -> bool {
        self.holder.get() != 0 || self.new_shape.get() != 0
    }

    /// The entry of this site a miss on a receiver of shape `shape` (a
    /// primitive entry's receiver type) with [[Prototype]] `proto` (value
    /// bits) should fill: the entry already for that shape and, when the
    /// entry depends on it, that prototype (stale: its guards failed), else
    /// the first empty entry or the first whose epoch has passed (making
    /// the further entries on the second shape or prototype), else none:
    /// the site is megamorphic and keeps its entries.
    ///
    /// Keying proto-dependent entries by the prototype too matters for
    /// constructors shared by subclasses (`Base.call(this)`, typescript's
    /// AST nodes): the objects have one shape and many prototypes, and a
    /// single entry per shape was refilled at every other store.
    fn poly_target(&self, rt: &mut Runtime, shape: u64, proto: u64) -> Option<&PropertyCache> {
        // A megamorphic site looks for a stale or free entry only every
        // `MEGAMORPHIC_RETRY` misses: two scans of 16 entries at every
        // miss cost more than the lookups they were to save.
        let misses = self.megamorphic.get();
        if misses != 0 && !misses.is_multiple_of(MEGAMORPHIC_RETRY) {
            self.megamorphic.set(misses + 1);
            return None;
        }
        let epoch = PROTO_EPOCH.load(Ordering::Relaxed);
        let fits = |e: &PropertyCache| {
            e.receiver_shape() == shape && (!e.proto_dependent() || e.proto.get() == proto)
        };
        let free = |e: &PropertyCache| {
            e.receiver_shape() == 0 || (e.proto_dependent() && e.epoch.get() != epoch)
        };
        if let Some(e) = self.entries().find(|e| fits(e)) {
            return Some(e);
        }
        if let Some(e) = self.entries().find(|e| free(e)) {
            return Some(e);
        }
        let extras = self.extras();
        if extras.len() < POLY_MAX_EXTRA {
            // Grow (the old table is left empty; it stays allocated).
            let len = if extras.is_empty() {
                POLY_EXTRA
            } else {
                POLY_MAX_EXTRA
            };
            let table = rt.new_inline_caches(len);
            // SAFETY: `new_inline_caches` made `len` entries at `table`,
            // which live as long as the runtime.
            let new = unsafe { std::slice::from_raw_parts(table, len) };
            for (to, from) in new.iter().zip(extras) {
                to.copy_from(from);
                from.clear();
            }
            let free = &new[extras.len()];
            self.more_len.set(len as u64);
            self.more.set(table as u64);
            return Some(free);
        }
        self.megamorphic.set(self.megamorphic.get() + 1);
        None
    }

    /// Fills an entry of a polymorphic get site after a read that missed
    /// (see [`PropertyCache::fill_get`]).
    pub fn fill_get_poly(&self, rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) {
        let shape = o.shape();
        if shape.is_dictionary() || matches!(key, PropertyKey::Index(_)) {
            return;
        }
        if let Some(e) = self.poly_target(rt, shape.addr() as u64, o.proto().to_bits()) {
            e.fill_get(rt, o, key);
        }
    }

    /// Fills an entry of a polymorphic set site after `o.key = v` missed
    /// (see [`PropertyCache::fill_set`]; `before` is `o`'s shape before the
    /// store): a transition entry keyed by `before` when the store added
    /// the property, else an own entry or (`o.key` is an accessor) a setter
    /// entry keyed by the shape after.
    pub fn fill_set_poly(
        &self,
        rt: &mut Runtime,
        o: Gc<JsObject>,
        key: PropertyKey,
        before: Gc<Shape>,
    ) {
        let after = o.shape();
        if matches!(key, PropertyKey::Index(_)) || after.is_dictionary() {
            return;
        }
        if after != before && !before.is_dictionary() && after.parent() == Some(before) {
            let entry = self.poly_target(rt, before.addr() as u64, o.proto().to_bits());
            if entry.is_some_and(|e| e.try_fill_transition(rt, o, key, before)) {
                return;
            }
        }
        if let Some(e) = self.poly_target(rt, after.addr() as u64, o.proto().to_bits()) {
            if !e.fill(o, key, true) && after == before {
                e.fill_setter(rt, o, key);
            }
        }
    }
}

/// The value bits of a named key (kept in a transition entry's `key`).
fn key_bits(key: PropertyKey) -> u64 {
    match key {
        PropertyKey::String(s) => crate::value::Value::string(s).to_bits(),
        PropertyKey::Symbol(s) => crate::value::Value::symbol(s).to_bits(),
        PropertyKey::Index(_) => 0,
    }
}

/// The named key of [`key_bits`] (`None` for 0 or any other value).
fn property_key_of(v: crate::value::Value) -> Option<PropertyKey> {
    if let Some(s) = v.as_string() {
        return Some(PropertyKey::String(s));
    }
    v.as_symbol().map(PropertyKey::Symbol)
}

/// Whether `o.key = v` on an object that lacks `key` adds an ordinary data
/// property without anything on the way: `o` and every object on its
/// prototype chain (at most `MAX_CHAIN`) store their named properties in
/// their shapes and none has `key` as an accessor or a read-only property
/// (10.1.9.2 OrdinarySetWithOwnDescriptor steps 2-3).
///
/// The answer for the chain depends on the prototype and the key only, so
/// a chain found clean is remembered (the *chain memo*, a part of the
/// megamorphic cache's table keyed by (prototype, key)) and every object of
/// it watched: until [`PROTO_EPOCH`] moves, none of them changed its shape
/// or [[Prototype]], and the memo answers without the walk. typescript's
/// AST constructor stores a dozen properties into objects of one shape and
/// a hundred prototypes: the walks were two thirds of its
/// `Shape::lookup` calls.
fn transition_chain_ok(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> bool {
    let length = PropertyKey::String(rt.names.length);
    if !plain_named(o, key, length) {
        return false;
    }
    let Some(first) = o.proto().as_object() else {
        return true;
    };
    let bits = key_bits(key);
    let first_addr = first.addr() as u64;
    let epoch = PROTO_EPOCH.load(Ordering::Relaxed);
    if let Some(m) = rt.mega_entry(CHAIN_MEMO, first_addr, bits, false) {
        if m.key.get() == bits && m.holder.get() == first_addr && m.epoch.get() == epoch {
            return true;
        }
    }
    let mut chain = [first; MAX_CHAIN];
    let mut depth = 0;
    let mut p = o.proto();
    while let Some(obj) = p.as_object() {
        if depth == MAX_CHAIN || !plain_named(obj, key, length) {
            return false;
        }
        if let Some(e) = obj.shape().lookup(key) {
            if e.attrs.is_accessor() || !e.attrs.writable() {
                return false;
            }
        }
        chain[depth] = obj;
        depth += 1;
        p = obj.proto();
    }
    for &w in &chain[..depth] {
        if w.flags() & FLAG_WATCHED == 0 {
            rt.set_object_flags(w, FLAG_WATCHED, 0);
        }
    }
    if let Some(m) = rt.mega_entry(CHAIN_MEMO, first_addr, bits, true) {
        // Shaped like a prototype-chain entry (shape, holder, key), so that
        // `prune_inline_caches` clears it when the prototype or the key
        // dies; no site looks at this part of the table.
        m.clear();
        m.key.set(bits);
        m.holder.set(first_addr);
        m.proto.set(0);
        m.new_shape.set(0);
        m.epoch.set(PROTO_EPOCH.load(Ordering::Relaxed));
        m.shape.set(first.shape().addr() as u64);
    }
    true
}

/// Whether `key` of `o` can only be an ordinary stored property: not an
/// exotic object, not a kind with named properties outside its shape
/// (String objects, an array's `length`), not a built-in whose properties
/// are not made yet.
pub(crate) fn plain_named(o: Gc<JsObject>, key: PropertyKey, length: PropertyKey) -> bool {
    // A lazy built-in (`FLAG_LAZY`, runtime/builtins.rs) has not got its
    // properties yet: a chain walk must not read its shape as complete, and
    // its materialisation does not bump the prototype epoch.
    if o.exotic_methods().is_some() || has_unstored_names(o) || o.flags() & FLAG_LAZY != 0 {
        return false;
    }
    !matches!(o.kind(), ObjectKind::Array) || key != length
}

/// Kinds with named properties outside the shape (String objects'
/// `length`) or exotic ones. Functions of every kind store theirs (`length`,
/// `name`, `prototype` and sloppy functions' `caller`/`arguments` are
/// slots of the shape they are created with), and built-ins not yet given
/// their properties carry `FLAG_LAZY`: `f.call`, `_super.apply` and
/// `Ctor.staticMethod` are cached like any other object's properties.
fn has_unstored_names(o: Gc<JsObject>) -> bool {
    matches!(o.kind(), ObjectKind::String(_) | ObjectKind::Exotic(_))
}

/// Whether `o` may hit an entry checked by the runtime: an object whose
/// named properties are its stored ones (as [`plain_named`] for a key other
/// than an array's `length`), or, when `typed_ok` (the entry's key is not a
/// canonical numeric string), a typed array.
fn getter_receiver(o: Gc<JsObject>, typed_ok: bool) -> bool {
    let flags = o.flags();
    if flags & FLAG_TYPED_ARRAY != 0 {
        return typed_ok;
    }
    flags & (FLAG_EXOTIC | FLAG_LAZY) == 0 && !has_unstored_names(o)
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

    /// Frees the cache tables at the given addresses (the tables of
    /// freed programs, `backend::reclaim`: no code that embeds them can run
    /// again).
    pub(crate) fn release_inline_caches(&mut self, tables: &std::collections::HashSet<usize>) {
        if !tables.is_empty() {
            self.inline_caches
                .retain(|t| !tables.contains(&(t.as_ptr() as usize)));
        }
    }

    /// Clears the caches whose shape did not survive marking.
    pub(crate) fn prune_inline_caches(tables: &[CacheTable]) {
        for table in tables {
            for cache in table.iter() {
                if cache.primitive.get() & PRIM_TYPE != 0 {
                    let dead = |addr: u64| {
                        addr != 0
                            // SAFETY: as for the shape below: the holder and
                            // the prototype of a non-empty primitive entry
                            // were live at the last collection.
                            && !unsafe { Gc::<JsObject>::from_addr(addr as usize) }.is_marked()
                    };
                    let proto = crate::value::PAYLOAD_MASK & cache.proto.get();
                    if dead(cache.holder.get()) || dead(proto) {
                        cache.clear();
                    }
                    continue;
                }
                let addr = match cache.shape.get() {
                    0 => cache.getter_shape.get() as usize,
                    a => a as usize,
                };
                if addr != 0 {
                    // SAFETY: a non-empty cache holds the address of a shape
                    // cell that was live at the end of the previous
                    // collection (caches of dead shapes are cleared then),
                    // and cells are only freed by sweeping, after this.
                    let shape: Gc<Shape> = unsafe { Gc::from_addr(addr) };
                    let holder = cache.holder.get() as usize;
                    // SAFETY: as for the shape: the holder of a non-empty
                    // prototype-chain entry was live at the last collection.
                    let holder_dead =
                        holder != 0 && !unsafe { Gc::<JsObject>::from_addr(holder) }.is_marked();
                    // The receiver's prototype, compared by address on a hit.
                    use crate::value::{PAYLOAD_MASK, TAG_OBJECT, TAG_SHIFT};
                    let bits = cache.proto.get();
                    let proto_dead = bits >> TAG_SHIFT == TAG_OBJECT
                        // SAFETY: as for the holder.
                        && !unsafe { Gc::<JsObject>::from_addr((bits & PAYLOAD_MASK) as usize) }
                            .is_marked();
                    let new_shape = cache.new_shape.get() as usize;
                    // SAFETY: as for the shape.
                    let new_shape_dead =
                        new_shape != 0 && !unsafe { Gc::<Shape>::from_addr(new_shape) }.is_marked();
                    let chain = holder != 0 || new_shape != 0 || cache.getter_shape.get() != 0;
                    // A keyed entry (private sites) compares the key's bits:
                    // its symbol must stay the same cell.
                    // SAFETY: the bits were a live value when the entry was
                    // filled, and as for the shape, a cell it names is only
                    // freed by the sweep after this.
                    let key = unsafe { crate::value::Value::from_bits(cache.key.get()) };
                    let key_dead = key.as_string().is_some_and(|s| !s.is_marked())
                        || key.as_symbol().is_some_and(|s| !s.is_marked());
                    let proto_dead = chain && proto_dead;
                    if !shape.is_marked() || holder_dead || proto_dead || new_shape_dead || key_dead
                    {
                        cache.clear();
                    }
                }
            }
        }
    }

    /// Statistics of the named-access sites for `--stats`: sites with one
    /// filled entry, sites with up to 4 entries, sites with up to 16, sites
    /// that missed with every entry full (megamorphic), and the misses
    /// those found no room for.
    pub fn inline_cache_stats(&self) -> (usize, usize, usize, usize, u64) {
        let all = self.site_caches().flat_map(|t| t.iter());
        let (mut filled, mut extra_filled, mut poly, mut wide) = (0usize, 0, 0, 0);
        let (mut mega, mut misses) = (0, 0u64);
        for c in all {
            if c.receiver_shape() != 0 {
                filled += 1;
            }
            if c.more.get() != 0 {
                if c.more_len.get() as usize == POLY_EXTRA {
                    poly += 1;
                } else {
                    wide += 1;
                }
                extra_filled += c
                    .extras()
                    .iter()
                    .filter(|e| e.receiver_shape() != 0)
                    .count();
            }
            if c.megamorphic.get() != 0 {
                mega += 1;
                misses += c.megamorphic.get();
            }
        }
        let mono = filled.saturating_sub(extra_filled + poly + wide);
        (mono, poly, wide, mega, misses)
    }

    /// Number of filled caches (statistics, tests).
    pub fn filled_inline_caches(&self) -> usize {
        self.site_caches()
            .flat_map(|t| t.iter())
            .filter(|c| !c.is_empty())
            .count()
    }

    /// The cache tables of access sites (all but the megamorphic cache).
    fn site_caches(&self) -> impl Iterator<Item = &CacheTable> {
        let mega = self.mega_caches;
        self.inline_caches
            .iter()
            .filter(move |t| t.as_ptr() as usize != mega)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tag byte compiled code reads to recognise ordinary receivers.
    #[test]
    fn ordinary_kind_tag() {
        let kind = ObjectKind::Ordinary;
        // SAFETY: the kind is `repr(u8)`-tagged: its first byte is the tag.
        let tag = unsafe { *(&kind as *const ObjectKind as *const u8) };
        assert_eq!(tag, ORDINARY_KIND_TAG);
    }

    /// The chain memo's index is the megamorphic cache's hash, in range.
    #[test]
    fn mega_index_in_range() {
        for (shape, key) in [
            (0u64, 0u64),
            (0x7f00_1234_5670, 0xfffa_0000_1230),
            (u64::MAX, 1),
        ] {
            assert!(mega_index(shape, key) < MEGA_ENTRIES);
        }
    }
}
