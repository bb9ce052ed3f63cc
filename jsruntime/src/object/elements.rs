//! Element (array-index keyed) storage of an object.
//!
//! Dense storage is a `ValueVec` where `Value::HOLE` marks an absent element;
//! every present dense element is a plain data property (writable, enumerable,
//! configurable). Everything else lives in the sparse map: indices far beyond
//! the dense length (`a[4294967294] = 1` allocates one map entry, not four
//! billion slots) and elements with other attributes or accessors. An index is
//! present in at most one of the two.

use std::collections::BTreeMap;

use super::value_vec::CapacityError;
use super::{Attributes, JsObject, StoredProperty, FLAG_SPARSE};
use crate::gc::{Trace, Tracer};
use crate::value::Value;

/// Writes this far past the dense length still extend the dense storage;
/// farther ones go to the sparse map.
const MAX_DENSE_GAP: usize = 1024;

/// Sparse elements: index → property.
#[derive(Default)]
pub struct SparseElements {
    pub(crate) map: BTreeMap<u32, StoredProperty>,
}

// SAFETY: reports every stored value.
unsafe impl Trace for SparseElements {
    fn trace(&self, tracer: &mut Tracer) {
        for p in self.map.values() {
            p.trace(tracer);
        }
    }
}

fn is_plain(prop: &StoredProperty) -> bool {
    matches!(prop, StoredProperty::Data(v, a) if *a == Attributes::DEFAULT_DATA && !v.is_hole())
}

impl JsObject {
    /// The own element at `index`, if present.
    pub fn get_element(&self, index: u32) -> Option<StoredProperty> {
        if let Some(v) = self.elements.get(index as usize) {
            if !v.is_hole() {
                return Some(StoredProperty::Data(v, Attributes::DEFAULT_DATA));
            }
        }
        self.sparse.as_ref()?.map.get(&index).copied()
    }

    /// Fast read of a present plain dense element.
    #[inline]
    pub fn dense_element(&self, index: u32) -> Option<Value> {
        self.elements.get(index as usize).filter(|v| !v.is_hole())
    }

    /// Creates or replaces the element (no validation). Returns bytes
    /// allocated for GC accounting.
    pub(crate) fn put_element(
        &mut self,
        index: u32,
        prop: StoredProperty,
    ) -> Result<usize, CapacityError> {
        let i = index as usize;
        let in_sparse = self
            .sparse
            .as_ref()
            .is_some_and(|s| s.map.contains_key(&index));
        if is_plain(&prop) && !in_sparse {
            let StoredProperty::Data(v, _) = prop else {
                unreachable!()
            };
            let len = self.elements.len();
            if i < len {
                self.elements.as_mut_slice()[i] = v;
                return Ok(0);
            }
            if i <= len + MAX_DENSE_GAP && i < super::value_vec::MAX_LEN {
                let grown = self.elements.resize(i + 1, Value::HOLE)?;
                self.elements.as_mut_slice()[i] = v;
                return Ok(grown);
            }
        }
        // Sparse: make sure the dense copy (if any) is gone.
        if let Some(slot) = self.elements.as_mut_slice().get_mut(i) {
            *slot = Value::HOLE;
        }
        self.flags |= FLAG_SPARSE;
        self.sparse
            .get_or_insert_with(Default::default)
            .map
            .insert(index, prop);
        Ok(std::mem::size_of::<StoredProperty>() + 16)
    }

    /// Stores `v` as plain dense elements `from..to` of an object without
    /// sparse elements; `None` (nothing done) when that would leave a gap
    /// the dense storage does not take. Returns bytes allocated.
    pub(crate) fn fill_dense(
        &mut self,
        from: u32,
        to: u32,
        v: Value,
    ) -> Option<Result<usize, CapacityError>> {
        let (from, to) = (from as usize, to as usize);
        if self.sparse.is_some()
            || from > self.elements.len() + MAX_DENSE_GAP
            || to > super::value_vec::MAX_LEN
        {
            return None;
        }
        let mut grown = 0;
        if to > self.elements.len() {
            grown = match self.elements.resize(to, Value::HOLE) {
                Ok(bytes) => bytes,
                Err(e) => return Some(Err(e)),
            };
        }
        self.elements.as_mut_slice()[from..to].fill(v);
        Some(Ok(grown))
    }

    /// Moves plain dense elements `from..from + count` to `to..to + count`
    /// as memmove does (a hole moves as a hole), on an object without
    /// sparse elements; `None` (nothing done) when the ranges reach past
    /// what the dense storage takes. Returns bytes allocated and the index
    /// after the last element present in the target range (0 if none).
    pub(crate) fn move_dense(
        &mut self,
        from: u32,
        to: u32,
        count: u32,
    ) -> Option<Result<(usize, usize), CapacityError>> {
        if self.sparse.is_some() {
            return None;
        }
        let (from, to, count) = (from as usize, to as usize, count as usize);
        let stored = self.elements.len();
        // The first `present` sources are in the storage; the others are
        // holes. Reading each source before its slot is overwritten, in
        // the loops' order, is exactly what memmove does.
        let present = (from + count).min(stored).saturating_sub(from);
        let mut grown = 0;
        if present > 0 && to + present > stored {
            if to > stored + MAX_DENSE_GAP || to + present > super::value_vec::MAX_LEN {
                return None;
            }
            grown = match self.elements.resize(to + present, Value::HOLE) {
                Ok(bytes) => bytes,
                Err(e) => return Some(Err(e)),
            };
        }
        let slice = self.elements.as_mut_slice();
        if present > 0 {
            slice.copy_within(from..from + present, to);
        }
        // Targets of absent sources are deleted (those past the storage
        // are holes already).
        let len = slice.len();
        let (holes, end) = ((to + present).min(len), (to + count).min(len));
        if holes < end {
            slice[holes..end].fill(Value::HOLE);
        }
        let last = (to.min(end)..end)
            .rev()
            .find(|&i| !slice[i].is_hole())
            .map_or(0, |i| i + 1);
        Some(Ok((grown, last)))
    }

    /// Overwrites an existing data element's value; false if there is none or
    /// it is an accessor.
    pub(crate) fn overwrite_element(&mut self, index: u32, v: Value) -> bool {
        if let Some(slot) = self.elements.as_mut_slice().get_mut(index as usize) {
            if !slot.is_hole() {
                *slot = v;
                return true;
            }
        }
        match self.sparse.as_mut().and_then(|s| s.map.get_mut(&index)) {
            Some(StoredProperty::Data(old, _)) => {
                *old = v;
                true
            }
            _ => false,
        }
    }

    pub(crate) fn remove_element(&mut self, index: u32) {
        let i = index as usize;
        let len = self.elements.len();
        if i < len {
            self.elements.as_mut_slice()[i] = Value::HOLE;
            if i + 1 == len {
                // Trim trailing holes so appends stay dense.
                let mut n = i;
                while n > 0 && self.elements.as_slice()[n - 1].is_hole() {
                    n -= 1;
                }
                self.elements.truncate(n);
            }
        }
        if let Some(s) = &mut self.sparse {
            s.map.remove(&index);
        }
    }

    /// Whether the object has no element storage at all (then it has no
    /// elements; one with storage may still have none, all holes).
    #[inline]
    pub fn has_no_element_storage(&self) -> bool {
        self.elements.len() == 0 && self.sparse.is_none()
    }

    /// Own element indices in ascending order.
    pub fn element_indices(&self) -> Vec<u32> {
        let dense = self
            .elements
            .as_slice()
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_hole())
            .map(|(i, _)| i as u32);
        match &self.sparse {
            None => dense.collect(),
            Some(s) => {
                let mut all: Vec<u32> = dense.chain(s.map.keys().copied()).collect();
                all.sort_unstable();
                all
            }
        }
    }

    /// Sparse indices `>= from`, descending (used by ArraySetLength).
    pub(crate) fn sparse_indices_from(&self, from: u32) -> Vec<u32> {
        match &self.sparse {
            None => Vec::new(),
            Some(s) => s.map.range(from..).rev().map(|(&k, _)| k).collect(),
        }
    }

    /// Drops dense elements at and after `len`.
    pub(crate) fn truncate_dense(&mut self, len: u32) {
        self.elements.truncate(len as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Runtime;

    #[test]
    fn dense_sparse_and_holes() {
        let mut rt = Runtime::new();
        let obj = rt.new_object().unwrap();
        // SAFETY: test code, exclusive access.
        let o = unsafe { obj.get_mut() };
        let d = |i: i32| StoredProperty::Data(Value::from_i32(i), Attributes::DEFAULT_DATA);
        o.put_element(0, d(0)).unwrap();
        o.put_element(2, d(2)).unwrap();
        assert_eq!(o.dense_elements().len(), 3);
        assert!(o.get_element(1).is_none());
        o.put_element(4_294_967_294, d(9)).unwrap();
        assert_eq!(o.dense_elements().len(), 3, "far index is sparse");
        assert_eq!(o.element_indices(), vec![0, 2, 4_294_967_294]);
        // Non-default attributes move an element to the sparse map.
        o.put_element(0, StoredProperty::Data(Value::TRUE, Attributes::NONE))
            .unwrap();
        assert_eq!(o.dense_elements()[0], Value::HOLE);
        assert_eq!(
            o.get_element(0),
            Some(StoredProperty::Data(Value::TRUE, Attributes::NONE))
        );
        assert!(o.overwrite_element(0, Value::FALSE));
        o.remove_element(2);
        assert_eq!(o.dense_elements().len(), 0, "trailing holes trimmed");
        assert_eq!(o.element_indices(), vec![0, 4_294_967_294]);
    }
}
