//! The insertion-ordered hash table behind Map and Set ([[MapData]],
//! [[SetData]]: 24.1, 24.2).
//!
//! Entries are appended to a vector in insertion order; a bucket array
//! holds, for each hash bucket, the index of the newest entry of its chain,
//! and each entry the index of the next one (V8's OrderedHashTable layout).
//! Keys compare by SameValueZero (7.2.11): numbers hash by value (int32 and
//! double forms alike, -0 as +0, every NaN alike), strings by contents (the
//! cached hash of [`JsString`], the same for Latin-1, UTF-16, append-buffer
//! and rope forms), BigInts by value, everything else (objects, symbols,
//! booleans, undefined, null) by identity; cells never move.
//!
//! Deleting an entry leaves a tombstone (key `HOLE`) in place, still linked
//! in its chain, so the index of every other entry is unchanged and an
//! iterator standing between entries stays valid, as the spec's list with
//! ~empty~ elements requires. When the entry vector fills up (half an entry per
//! bucket), the table is rebuilt without its tombstones (and with twice the
//! buckets when more than half the entries are live). Live iterators hold a
//! [`Cursor`] (an index into the entries) that the table knows through a weak
//! reference, and a rebuild moves each cursor to the same live entry;
//! `clear` moves them to 0, where entries added later will be.

use std::cell::Cell;
use std::rc::{Rc, Weak};

use crate::equality::same_value_zero;
use crate::gc::{Trace, Tracer};
use crate::value::Value;

/// "No entry" in a bucket or a chain link.
const NONE: u32 = u32::MAX;
const MIN_BUCKETS: usize = 8;

/// An iterator's position: the index of the next entry to visit, kept up
/// to date by the table when it compacts.
pub(crate) type Cursor = Rc<Cell<usize>>;

struct Entry {
    /// `HOLE` for a deleted entry.
    key: Value,
    value: Value,
    hash: u32,
    next: u32,
}

/// See the module docs.
pub(crate) struct OrderedTable {
    // GC: traced by the Map/Set cell that owns the table (`Trace for OrderedTable`).
    entries: Vec<Entry>,
    buckets: Vec<u32>,
    live: usize,
    // GC: iterator positions, no GC references.
    cursors: Vec<Weak<Cell<usize>>>,
}

impl Default for OrderedTable {
    fn default() -> Self {
        OrderedTable::new()
    }
}

/// Mixes 64 bits into a 32-bit hash whose low bits are usable as a bucket
/// index (the finaliser of MurmurHash3: every input bit affects every
/// output bit, which the doubles of small integers, whose low bits are
/// zero, need).
#[inline]
fn mix(mut x: u64) -> u32 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x as u32
}

/// The hash of a key, consistent with SameValueZero: a number that is an
/// int32 hashes as that integer whether stored as int32 or double (-0 as
/// 0), other numbers by their bits (every NaN alike).
#[inline]
pub(crate) fn hash_key(key: Value) -> u32 {
    if let Some(i) = key.as_i32() {
        return mix(i as u32 as u64);
    }
    if let Some(n) = key.as_number() {
        let i = n as i32;
        if i as f64 == n {
            return mix(i as u32 as u64); // also -0
        }
        let bits = if n.is_nan() {
            crate::value::CANONICAL_NAN
        } else {
            n.to_bits()
        };
        return mix(bits);
    }
    if let Some(s) = key.as_string() {
        return s.hash();
    }
    if let Some(b) = key.as_bigint() {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        b.value().hash(&mut h);
        return mix(h.finish());
    }
    mix(key.to_bits())
}

/// Whether an entry key (never `HOLE` for a live entry) equals `key`.
#[inline]
fn keys_equal(a: Value, b: Value) -> bool {
    a == b || (!a.is_hole() && same_value_zero(a, b))
}

impl OrderedTable {
    /// An empty table.
    pub(crate) fn new() -> OrderedTable {
        OrderedTable {
            entries: Vec::new(),
            buckets: vec![NONE; MIN_BUCKETS],
            live: 0,
            cursors: Vec::new(),
        }
    }

    /// The number of live entries (SetDataSize / the `size` getters).
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// The number of entries including tombstones: iteration runs over
    /// `0..raw_len()`.
    #[inline]
    pub(crate) fn raw_len(&self) -> usize {
        self.entries.len()
    }

    /// The live entry at raw index `i`, if any.
    #[inline]
    pub(crate) fn entry_at(&self, i: usize) -> Option<(Value, Value)> {
        let e = self.entries.get(i)?;
        (!e.key.is_hole()).then_some((e.key, e.value))
    }

    #[inline]
    fn bucket_of(&self, hash: u32) -> usize {
        hash as usize & (self.buckets.len() - 1)
    }

    /// The raw index of the entry for `key`.
    #[inline]
    pub(crate) fn find(&self, key: Value) -> Option<usize> {
        self.find_hashed(key, hash_key(key))
    }

    #[inline]
    fn find_hashed(&self, key: Value, hash: u32) -> Option<usize> {
        let mut i = self.buckets[self.bucket_of(hash)];
        while i != NONE {
            let e = &self.entries[i as usize];
            if e.hash == hash && keys_equal(e.key, key) {
                return Some(i as usize);
            }
            i = e.next;
        }
        None
    }

    /// The value stored for `key`.
    #[inline]
    pub(crate) fn get(&self, key: Value) -> Option<Value> {
        self.find(key).map(|i| self.entries[i].value)
    }

    /// Whether `key` has an entry.
    #[inline]
    pub(crate) fn has(&self, key: Value) -> bool {
        self.find(key).is_some()
    }

    /// Sets the value of `key`, appending an entry when it has none. The
    /// caller canonicalises -0 to +0 (CanonicalizeKeyedCollectionKey).
    pub(crate) fn set(&mut self, key: Value, value: Value) {
        let hash = hash_key(key);
        if let Some(i) = self.find_hashed(key, hash) {
            self.entries[i].value = value;
            return;
        }
        self.append_hashed(key, value, hash);
    }

    /// Adds `key` (with an unused value) unless it is present (Set.add).
    pub(crate) fn add(&mut self, key: Value) {
        let hash = hash_key(key);
        if self.find_hashed(key, hash).is_none() {
            self.append_hashed(key, Value::UNDEFINED, hash);
        }
    }

    /// Appends an entry for a key known to be absent.
    pub(crate) fn append(&mut self, key: Value, value: Value) {
        self.append_hashed(key, value, hash_key(key));
    }

    fn append_hashed(&mut self, key: Value, value: Value, hash: u32) {
        if self.entries.len() * 2 >= self.buckets.len() {
            self.rehash();
        }
        let b = self.bucket_of(hash);
        let index = self.entries.len() as u32;
        self.entries.push(Entry {
            key,
            value,
            hash,
            next: self.buckets[b],
        });
        self.buckets[b] = index;
        self.live += 1;
    }

    /// Deletes the entry of `key` (leaving a tombstone); whether it existed.
    pub(crate) fn delete(&mut self, key: Value) -> bool {
        let Some(i) = self.find(key) else {
            return false;
        };
        let e = &mut self.entries[i];
        e.key = Value::HOLE;
        e.value = Value::UNDEFINED;
        self.live -= 1;
        true
    }

    /// Sets the raw entry `i`'s key to empty (the Set methods' results).
    pub(crate) fn delete_at(&mut self, i: usize) {
        if let Some(e) = self.entries.get_mut(i) {
            if !e.key.is_hole() {
                e.key = Value::HOLE;
                e.value = Value::UNDEFINED;
                self.live -= 1;
            }
        }
    }

    /// Removes every entry (24.1.3.1 Map.prototype.clear); iterators move
    /// to the start, where the next entries will be.
    pub(crate) fn clear(&mut self) {
        self.entries = Vec::new();
        self.buckets = vec![NONE; MIN_BUCKETS];
        self.live = 0;
        self.cursors.retain(|c| match c.upgrade() {
            Some(c) => {
                c.set(0);
                true
            }
            None => false,
        });
    }

    /// A new cursor at the first entry, moved along by compaction.
    pub(crate) fn new_cursor(&mut self) -> Cursor {
        // Forget the cursors of dropped iterators now and then.
        if self.cursors.len() >= 8 && self.cursors.len().is_power_of_two() {
            self.cursors.retain(|c| c.strong_count() > 0);
        }
        let c = Rc::new(Cell::new(0));
        self.cursors.push(Rc::downgrade(&c));
        c
    }

    /// The next live entry at or after the cursor; advances the cursor past
    /// it.
    #[inline]
    pub(crate) fn next_from(&self, cursor: &Cell<usize>) -> Option<(Value, Value)> {
        let mut i = cursor.get();
        while i < self.entries.len() {
            let e = &self.entries[i];
            i += 1;
            if !e.key.is_hole() {
                cursor.set(i);
                return Some((e.key, e.value));
            }
        }
        cursor.set(i);
        None
    }

    /// A copy of the live entries (the Set methods' "copy of
    /// O.[[SetData]]"; tombstones are not observable in a fresh table).
    pub(crate) fn copy(&self) -> OrderedTable {
        let mut t = OrderedTable::new();
        for e in &self.entries {
            if !e.key.is_hole() {
                t.append_hashed(e.key, e.value, e.hash);
            }
        }
        t
    }

    /// Rebuilds the table without tombstones, with twice the buckets when
    /// more than half the entries are live; moves the cursors along.
    fn rehash(&mut self) {
        let mut buckets = self.buckets.len();
        if self.live * 2 > self.entries.len() {
            buckets *= 2;
        }
        self.rebuild(buckets);
    }

    fn rebuild(&mut self, buckets: usize) {
        // new_index[i]: the number of live entries before raw index i.
        self.cursors.retain(|c| c.strong_count() > 0);
        if !self.cursors.is_empty() {
            // GC: indices only.
            let mut new_index = Vec::with_capacity(self.entries.len() + 1);
            let mut n = 0;
            for e in &self.entries {
                new_index.push(n);
                if !e.key.is_hole() {
                    n += 1;
                }
            }
            new_index.push(n);
            for c in &self.cursors {
                if let Some(c) = c.upgrade() {
                    let old = c.get().min(self.entries.len());
                    c.set(new_index[old]);
                }
            }
        }
        let old = std::mem::take(&mut self.entries);
        self.entries = Vec::with_capacity(buckets / 2);
        self.buckets = vec![NONE; buckets.max(MIN_BUCKETS)];
        for e in old {
            if e.key.is_hole() {
                continue;
            }
            let b = self.bucket_of(e.hash);
            let index = self.entries.len() as u32;
            self.entries.push(Entry {
                next: self.buckets[b],
                ..e
            });
            self.buckets[b] = index;
        }
    }

    /// Bytes of malloc memory the table holds (for the collector's budget).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>() + self.buckets.capacity() * 4
    }
}

// SAFETY: reports every live key and value.
unsafe impl Trace for OrderedTable {
    fn trace(&self, tracer: &mut Tracer) {
        for e in &self.entries {
            if !e.key.is_hole() {
                tracer.mark_value(e.key);
                tracer.mark_value(e.value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_compare_by_same_value_zero() {
        let mut t = OrderedTable::new();
        t.set(Value::from_i32(1), Value::from_i32(10));
        assert_eq!(t.get(Value::from_f64(1.0)), Some(Value::from_i32(10)));
        t.set(Value::from_f64(f64::NAN), Value::TRUE);
        assert!(t.has(Value::NAN));
        t.set(Value::ZERO, Value::FALSE);
        assert!(t.has(Value::from_f64(-0.0)));
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn cursors_survive_deletion_and_compaction() {
        let mut t = OrderedTable::new();
        for i in 0..6 {
            t.set(Value::from_i32(i), Value::UNDEFINED);
        }
        let c = t.new_cursor();
        assert_eq!(t.next_from(&c).map(|e| e.0), Some(Value::from_i32(0)));
        assert_eq!(t.next_from(&c).map(|e| e.0), Some(Value::from_i32(1)));
        // Delete everything before and at the cursor, then force rebuilds.
        for i in 0..4 {
            t.delete(Value::from_i32(i));
        }
        for i in 100..140 {
            t.set(Value::from_i32(i), Value::UNDEFINED);
        }
        let mut seen = Vec::new();
        while let Some((k, _)) = t.next_from(&c) {
            seen.push(k.as_i32().unwrap_or(-1));
        }
        let mut expected = vec![4, 5];
        expected.extend(100..140);
        assert_eq!(seen, expected);
        t.clear();
        t.set(Value::from_i32(7), Value::UNDEFINED);
        assert_eq!(t.next_from(&c).map(|e| e.0), Some(Value::from_i32(7)));
    }
}
