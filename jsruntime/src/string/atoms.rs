//! The atom table: interned strings used as property keys.
//!
//! Every atom is a flat [`JsString`] with the `FLAG_ATOM` flag, unique by
//! contents in its runtime, so two atoms are equal exactly when their pointers
//! are. The table is *weak*: after marking, atoms nothing refers to are removed
//! (programs that build keys like `"k" + i` in a loop run in bounded memory).
//! The runtime's well-known names (`length`, `prototype`, ...) are rooted
//! separately and so never disappear.
//!
//! The table stores only `Gc<JsString>`s (hashbrown's `HashTable`), keyed by
//! the cached content hash, and compares contents on lookup — no second copy
//! of the key text.

use hashbrown::HashTable;

use super::{hash_str, JsString};
use crate::gc::Gc;
use crate::runtime::Runtime;
use crate::JsResult;

/// Weak set of interned strings; see the module docs.
#[derive(Default)]
pub(crate) struct AtomTable {
    table: HashTable<Gc<JsString>>,
}

impl AtomTable {
    /// An empty table.
    pub(crate) fn new() -> AtomTable {
        // Room for the realm's names (about 900 after `Runtime::new`), so
        // building the realm does not rehash the table as it grows.
        AtomTable {
            table: HashTable::with_capacity(1536),
        }
    }

    /// Number of atoms.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    fn find_str(&self, hash: u32, s: &str) -> Option<Gc<JsString>> {
        self.table
            .find(hash as u64, |a| a.hash() == hash && a.eq_str(s))
            .copied()
    }

    /// Interns an existing string cell (which becomes the atom if its contents
    /// are new). Never allocates in the GC heap.
    pub(crate) fn intern(&mut self, s: Gc<JsString>) -> Gc<JsString> {
        if s.is_atom() {
            return s;
        }
        let hash = s.hash();
        if let Some(&found) = self
            .table
            .find(hash as u64, |a| a.hash() == hash && a.equals(&s))
        {
            return found;
        }
        s.set_atom();
        self.table
            .insert_unique(hash as u64, s, |a| a.hash() as u64);
        s
    }

    /// Removes atoms that the collection in progress did not mark.
    pub(crate) fn prune_unmarked(&mut self) {
        self.table.retain(|a| a.is_marked());
    }
}

impl Runtime {
    /// The atom with the contents of `s`, creating it if needed.
    pub fn atom(&mut self, s: &str) -> JsResult<Gc<JsString>> {
        let hash = hash_str(s);
        if let Some(a) = self.atoms.find_str(hash, s) {
            return Ok(a);
        }
        let string = self.new_string(s)?;
        // The hash of the same code units, as `JsString::hash` computes it.
        string.hash.set(hash);
        Ok(self.atoms.intern(string))
    }

    /// Interns a string value (for use as a property key).
    pub fn intern(&mut self, s: Gc<JsString>) -> Gc<JsString> {
        self.atoms.intern(s)
    }
}
