//! The megamorphic table (see the parent module's docs): one runtime-wide
//! table of (shape, key) entries for sites past their polymorphic entries,
//! in three parts (gets, sets, and the chain memo of transitions on
//! receivers of many prototypes).

use super::*;
use crate::value::Value;
use crate::JsResult;

/// The bits of a key the megamorphic cache may hold: an atom (the keys of
/// named access sites) or a symbol, whose bits identify the key.
fn mega_key_bits(key: crate::value::Value) -> Option<u64> {
    if key.as_string().is_some_and(|s| s.is_atom()) || key.as_symbol().is_some() {
        Some(key.to_bits())
    } else {
        None
    }
}

impl Runtime {
    /// The megamorphic cache's entry for (`shape`, `key`) in the part
    /// `part` of its table ([`MEGA_GET`], [`MEGA_SET`], [`CHAIN_MEMO`]),
    /// allocating the table on first use when `alloc`; `None` when there is
    /// no table yet.
    pub(super) fn mega_entry<'a>(
        &mut self,
        part: usize,
        shape: u64,
        key: u64,
        alloc: bool,
    ) -> Option<&'a PropertyCache> {
        if self.mega_caches == 0 {
            if !alloc {
                return None;
            }
            self.mega_caches = self.new_inline_caches(MEGA_PARTS * MEGA_ENTRIES) as usize;
        }
        let index = mega_index(shape, key) + part * MEGA_ENTRIES;
        // SAFETY: `mega_caches` is the address of a table of MEGA_PARTS *
        // MEGA_ENTRIES entries made by `new_inline_caches`, which lives as
        // long as the runtime (it is never released: no program owns it).
        Some(unsafe { &*(self.mega_caches as *const PropertyCache).add(index) })
    }

    /// A read of `key` on `o` at a megamorphic site: the value or getter the
    /// megamorphic cache has for (`o`'s shape, `key`), under the guards of
    /// [`PropertyCache::poly_get`].
    pub fn mega_get(&mut self, o: Gc<JsObject>, key: crate::value::Value) -> Option<CachedGet> {
        let bits = mega_key_bits(key)?;
        let e = self.mega_entry(MEGA_GET, o.shape().addr() as u64, bits, false)?;
        if e.key.get() != bits {
            return None;
        }
        e.poly_get(o)
    }

    /// Refills the megamorphic cache after a read of `key` (`key_value` its
    /// value) on `o` missed it, as [`PropertyCache::fill_get`] fills an entry.
    pub fn mega_fill_get(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        key_value: crate::value::Value,
    ) {
        let shape = o.shape();
        let Some(bits) = mega_key_bits(key_value) else {
            return;
        };
        if shape.is_dictionary() || matches!(key, PropertyKey::Index(_)) {
            return;
        }
        if let Some(e) = self.mega_entry(MEGA_GET, shape.addr() as u64, bits, true) {
            e.clear();
            e.key.set(0);
            e.fill_get(self, o, key);
            if e.receiver_shape() != 0 {
                e.key.set(bits);
            }
        }
    }

    /// A store of `v` into `o.key` at a megamorphic site: stored through the
    /// megamorphic cache's entry for (`o`'s shape, `key`), or the setter it
    /// has, under the guards of [`PropertyCache::poly_set`].
    pub fn mega_set(
        &mut self,
        o: Gc<JsObject>,
        key: crate::value::Value,
        v: crate::value::Value,
    ) -> Option<CachedSet> {
        let bits = mega_key_bits(key)?;
        let e = self.mega_entry(MEGA_SET, o.shape().addr() as u64, bits, false)?;
        if e.key.get() != bits {
            return None;
        }
        e.poly_set(self, o, v)
    }

    /// Refills the megamorphic cache after `o.key = v` missed it (`before`:
    /// `o`'s shape before the store), as [`PropertyCache::fill_set_poly`]
    /// fills a site's entry: a transition entry keyed by `before`, else an
    /// own data or setter entry keyed by the shape after.
    pub fn mega_fill_set(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        key_value: crate::value::Value,
        before: Gc<Shape>,
    ) {
        let after = o.shape();
        let Some(bits) = mega_key_bits(key_value) else {
            return;
        };
        if matches!(key, PropertyKey::Index(_)) || after.is_dictionary() {
            return;
        }
        if after != before && !before.is_dictionary() && after.parent() == Some(before) {
            if let Some(e) = self.mega_entry(MEGA_SET, before.addr() as u64, bits, true) {
                e.clear();
                e.key.set(0);
                if e.try_fill_transition(self, o, key, before) {
                    e.key.set(bits);
                    return;
                }
            }
        }
        if let Some(e) = self.mega_entry(MEGA_SET, after.addr() as u64, bits, true) {
            e.clear();
            e.key.set(0);
            if !e.fill(o, key, true) && after == before {
                e.fill_setter(self, o, key);
            }
            if e.receiver_shape() != 0 {
                e.key.set(bits);
            }
        }
    }

    /// Get(`o`, `key`) for runtime operations that read one key on objects
    /// of many shapes, as a megamorphic site does: a hit in the megamorphic
    /// table reads without a lookup (or calls the getter it has), a miss
    /// looks the key up and refills the table. `instanceof` reads
    /// `@@hasInstance` and `prototype` of its constructors this way.
    pub fn get_through_mega(&mut self, o: Gc<JsObject>, key: PropertyKey) -> JsResult<Value> {
        let key_value = match key {
            PropertyKey::String(s) => Value::string(s),
            PropertyKey::Symbol(s) => Value::symbol(s),
            PropertyKey::Index(_) => return self.get(o, key, Value::object(o)),
        };
        match self.mega_get(o, key_value) {
            Some(CachedGet::Value(v)) => return Ok(v),
            Some(CachedGet::Getter(g)) if g.is_undefined() => return Ok(Value::UNDEFINED),
            Some(CachedGet::Getter(g)) => return self.call(g, Value::object(o), &[]),
            None => {}
        }
        let v = self.get(o, key, Value::object(o))?;
        self.mega_fill_get(o, key, key_value);
        Ok(v)
    }
}
