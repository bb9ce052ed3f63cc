//! Array exotic objects (10.4.2).
//!
//! An array is an object with `FLAG_ARRAY`; its `length` is not stored in the
//! shape but in the object's `array_length` field (`FLAG_LENGTH_READONLY` when
//! not writable), presented as a virtual own data property
//! `{ writable, enumerable: false, configurable: false }`. Elements use the
//! object's element storage (see [`super::elements`]); `length` can exceed the
//! dense storage (holes and sparse elements cost nothing).

use super::{
    Attributes, JsObject, ObjectKind, PropertyDescriptor, PropertyKey, StoredProperty, FLAG_ARRAY,
    FLAG_EXOTIC, FLAG_LENGTH_READONLY, FLAG_SPARSE,
};
use crate::gc::Gc;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

impl Runtime {
    /// 10.4.2.2 ArrayCreate(length) with %Array.prototype%.
    pub fn new_array(&mut self, length: u32) -> JsResult<Gc<JsObject>> {
        let proto = self.intrinsic(Intrinsic::ArrayPrototype);
        let a = self.new_object_with(proto, ObjectKind::Array, FLAG_ARRAY)?;
        self.set_array_length_raw(a, length);
        Ok(a)
    }

    /// 7.3.18 CreateArrayFromList: the values stored at once as the new
    /// array's dense elements (each CreateDataPropertyOrThrow adds a plain
    /// element to an extensible array).
    pub fn create_array_from_list(&mut self, values: &[Value]) -> JsResult<Gc<JsObject>> {
        let a = self.new_array(0)?;
        let Ok(length) = u32::try_from(values.len()) else {
            return Err(self.range_error("Invalid array length"));
        };
        if values.is_empty() {
            return Ok(a);
        }
        let r = {
            // SAFETY: short exclusive access to the new array.
            let o = unsafe { a.get_mut() };
            o.elements
                .resize(values.len(), Value::UNDEFINED)
                .inspect(|_| o.elements.as_mut_slice().copy_from_slice(values))
        };
        self.note_element_growth(r)?;
        self.set_array_length_raw(a, length);
        Ok(a)
    }

    /// 10.4.2.1 [[DefineOwnProperty]] of arrays.
    pub(crate) fn array_define_own_property(
        &mut self,
        a: Gc<JsObject>,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        if key == PropertyKey::String(self.names.length) {
            return self.array_set_length(a, desc);
        }
        if let PropertyKey::Index(index) = key {
            let length = a.array_length();
            // Step 1.e: no growth past a read-only length.
            if index >= length && a.flags() & FLAG_LENGTH_READONLY != 0 {
                return Ok(false);
            }
            if !self.ordinary_define_own_property(a, key, desc)? {
                return Ok(false);
            }
            if index >= length {
                self.set_array_length_raw(a, index + 1);
            }
            return Ok(true);
        }
        self.ordinary_define_own_property(a, key, desc)
    }

    /// CreateDataProperty(A, index, v) (7.3.7) on an array whose storage
    /// is all plain (no exotic hook, no sparse element, extensible): the
    /// element is absent or a plain dense data property, so 10.4.2.1 steps
    /// 1.b-1.k with ValidateAndApplyPropertyDescriptor reduce to storing the
    /// value and growing `length`. Returns false, having done nothing, when
    /// the array is not of that kind (the caller takes the general path).
    pub(crate) fn try_create_array_element(
        &mut self,
        a: Gc<JsObject>,
        index: u32,
        v: Value,
    ) -> JsResult<bool> {
        if index == u32::MAX
            || !matches!(a.kind(), ObjectKind::Array)
            || a.flags() & (FLAG_EXOTIC | FLAG_SPARSE) != 0
            || !a.is_extensible_flag()
        {
            return Ok(false);
        }
        let length = a.array_length();
        // Step 1.e: no growth past a read-only length.
        if index >= length && a.flags() & FLAG_LENGTH_READONLY != 0 {
            return Ok(false);
        }
        let prop = StoredProperty::Data(v, Attributes::DEFAULT_DATA);
        self.store_property(a, PropertyKey::Index(index), prop)?;
        if index >= length {
            self.set_array_length_raw(a, index + 1);
        }
        Ok(true)
    }

    /// 23.1.3.23 Array.prototype.push steps 5-7 on an array whose Sets are
    /// plain storage writes: its elements are its storage, `length` is
    /// writable, and OrdinarySet of each new index reaches
    /// CreateDataProperty without running code (see
    /// `may_add_plain_elements`). Returns the new length, or `None`,
    /// having done nothing, when the caller must take the spec's steps.
    pub(crate) fn try_push_plain(
        &mut self,
        a: Gc<JsObject>,
        values: &[Value],
    ) -> JsResult<Option<u32>> {
        let length = a.array_length();
        let Some(end) = u32::try_from(values.len())
            .ok()
            .and_then(|n| length.checked_add(n))
            .filter(|&end| end < u32::MAX)
        else {
            return Ok(None);
        };
        if !matches!(a.kind(), ObjectKind::Array)
            || a.flags() & FLAG_LENGTH_READONLY != 0
            || !Self::plain_element_holder(a)
            || !Self::may_add_plain_elements(a)
        {
            return Ok(None);
        }
        for (i, &v) in values.iter().enumerate() {
            let prop = StoredProperty::Data(v, Attributes::DEFAULT_DATA);
            let r = {
                // SAFETY: short exclusive access; no other reference to
                // the object is live.
                let o = unsafe { a.get_mut() };
                o.put_element(length + i as u32, prop)
            };
            // Step 5's Sets grow `length` one by one (10.4.2.1 step 1.k):
            // a failed allocation, or the heap limit reached after this
            // store, leaves `length` past the elements stored so far.
            let stored = u32::from(r.is_ok());
            if let Err(e) = self.note_element_growth(r) {
                self.set_array_length_raw(a, length + i as u32 + stored);
                return Err(e);
            }
        }
        self.set_array_length_raw(a, end);
        Ok(Some(end))
    }

    /// 23.1.3.22 Array.prototype.pop steps 4-5 on an array whose last
    /// element is a plain dense element: Get reads it, DeletePropertyOrThrow
    /// removes it and Set of `length` shrinks by one without running code.
    /// Returns the element, or `None`, having done nothing, when the
    /// caller must take the spec's steps.
    pub(crate) fn try_pop_plain(&mut self, a: Gc<JsObject>) -> Option<Value> {
        let length = a.array_length();
        if length == 0
            || !matches!(a.kind(), ObjectKind::Array)
            || a.flags() & (FLAG_LENGTH_READONLY | FLAG_SPARSE) != 0
            || !Self::plain_element_holder(a)
        {
            return None;
        }
        let last = length - 1;
        let v = a.dense_element(last)?;
        // SAFETY: short exclusive access; no other reference is live.
        unsafe { a.get_mut() }.remove_element(last);
        self.set_array_length_raw(a, last);
        Some(v)
    }

    /// OrdinaryDefineOwnProperty(A, "length", desc) on the virtual `length`.
    fn define_length_raw(&mut self, a: Gc<JsObject>, desc: PropertyDescriptor) -> JsResult<bool> {
        let key = PropertyKey::String(self.names.length);
        let current = self.own_property(a, key)?;
        if !self.validate_and_apply(None, key, a.is_extensible_flag(), desc, current)? {
            return Ok(false);
        }
        if let Some(n) = desc.value.and_then(|v| v.as_number()) {
            self.set_array_length_raw(a, n as u32);
        }
        if desc.writable == Some(false) {
            self.set_object_flags(a, FLAG_LENGTH_READONLY, 0);
        }
        Ok(true)
    }

    /// 10.4.2.4 ArraySetLength.
    pub(crate) fn array_set_length(
        &mut self,
        a: Gc<JsObject>,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        // Step 1.
        let Some(value) = desc.value else {
            return self.define_length_raw(a, desc);
        };
        // Steps 3–5.
        let new_len = self.to_uint32(value)?;
        let number_len = self.to_number(value)?;
        if new_len as f64 != number_len {
            return Err(self.range_error("Invalid array length"));
        }
        let mut new_desc = desc;
        new_desc.value = Some(Value::from_u32(new_len));
        let old_len = a.array_length();
        // Step 9: growing.
        if new_len >= old_len {
            return self.define_length_raw(a, new_desc);
        }
        // Step 10.
        if a.flags() & FLAG_LENGTH_READONLY != 0 {
            return Ok(false);
        }
        // Steps 11–12: defer making length read-only until elements are gone.
        let new_writable = desc.writable != Some(false);
        if !new_writable {
            new_desc.writable = Some(true);
        }
        if !self.define_length_raw(a, new_desc)? {
            return Ok(false);
        }
        // Step 15: delete elements from the end. Dense elements are always
        // configurable, so only sparse ones can stop the deletion.
        for index in a.sparse_indices_from(new_len) {
            if !self.delete(a, PropertyKey::Index(index))? {
                // SAFETY: short exclusive access to the array.
                unsafe { a.get_mut() }.truncate_dense(index + 1);
                new_desc.value = Some(Value::from_u32(index + 1));
                if !new_writable {
                    new_desc.writable = Some(false);
                }
                self.define_length_raw(a, new_desc)?;
                return Ok(false);
            }
        }
        // SAFETY: short exclusive access to the array.
        unsafe { a.get_mut() }.truncate_dense(new_len);
        // Step 16.
        if !new_writable {
            self.define_length_raw(
                a,
                PropertyDescriptor {
                    writable: Some(false),
                    ..Default::default()
                },
            )?;
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx(i: u32) -> PropertyKey {
        PropertyKey::Index(i)
    }

    #[test]
    fn length_tracks_elements() {
        let mut rt = Runtime::new();
        let a = rt.new_array(0).unwrap();
        let av = Value::object(a);
        rt.set(a, idx(0), Value::from_i32(1), av).unwrap();
        rt.set(a, idx(5), Value::from_i32(6), av).unwrap();
        assert_eq!(a.array_length(), 6);
        assert_eq!(rt.get(a, idx(3), av).unwrap(), Value::UNDEFINED);
        let len = rt.get_by_name(a, "length").unwrap();
        assert_eq!(len, Value::from_i32(6));
        // Huge index: sparse, no giant allocation.
        rt.set(a, idx(4_294_967_294), Value::TRUE, av).unwrap();
        assert_eq!(a.array_length(), 4_294_967_295);
        assert!(a.dense_elements().len() < 10);
        assert_eq!(rt.get(a, idx(4_294_967_294), av).unwrap(), Value::TRUE);
        // Shrinking deletes.
        let length = rt.key("length").unwrap();
        rt.set(a, length, Value::from_i32(1), av).unwrap();
        assert_eq!(a.array_length(), 1);
        assert_eq!(rt.get(a, idx(4_294_967_294), av).unwrap(), Value::UNDEFINED);
        assert_eq!(rt.get(a, idx(5), av).unwrap(), Value::UNDEFINED);
        assert_eq!(rt.get(a, idx(0), av).unwrap(), Value::from_i32(1));
    }

    #[test]
    fn invalid_length_throws_range_error() {
        let mut rt = Runtime::new();
        let a = rt.new_array(0).unwrap();
        let length = rt.key("length").unwrap();
        let r = rt.set(a, length, Value::from_f64(1.5), Value::object(a));
        assert!(r.is_err());
        let r = rt.set(a, length, Value::from_i32(-1), Value::object(a));
        assert!(r.is_err());
    }

    #[test]
    fn non_configurable_element_stops_truncation() {
        let mut rt = Runtime::new();
        let a = rt
            .create_array_from_list(&[Value::from_i32(0); 10])
            .unwrap();
        let d = PropertyDescriptor {
            configurable: Some(false),
            ..Default::default()
        };
        assert!(rt.define_own_property(a, idx(4), d).unwrap());
        let length = rt.key("length").unwrap();
        let ok = rt
            .define_own_property(
                a,
                length,
                PropertyDescriptor {
                    value: Some(Value::from_i32(2)),
                    writable: Some(false),
                    ..Default::default()
                },
            )
            .unwrap();
        assert!(!ok);
        assert_eq!(a.array_length(), 5);
        // Length became read-only (step 15.d.iii... deferred writable false).
        assert!(!rt.set(a, idx(7), Value::TRUE, Value::object(a)).unwrap());
        let keys = rt.own_property_keys(a).unwrap();
        assert_eq!(keys.len(), 6, "indices 0..5 and length");
    }

    #[test]
    fn frozen_array_rejects_writes() {
        let mut rt = Runtime::new();
        let a = rt
            .create_array_from_list(&[Value::from_i32(1), Value::from_i32(2)])
            .unwrap();
        assert!(rt.set_integrity_level(a, true).unwrap());
        assert!(!rt.set(a, idx(0), Value::TRUE, Value::object(a)).unwrap());
        assert!(!rt.set(a, idx(2), Value::TRUE, Value::object(a)).unwrap());
        assert_eq!(
            rt.get(a, idx(0), Value::object(a)).unwrap(),
            Value::from_i32(1)
        );
        let length = rt.key("length").unwrap();
        assert!(!rt.set(a, length, Value::ZERO, Value::object(a)).unwrap());
    }
}
