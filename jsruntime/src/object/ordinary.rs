//! Object internal methods (10.1 ordinary objects, with the dispatch to the
//! exotic behaviour of arrays (10.4.2, in [`super::array`]) and String
//! objects (10.4.3)) and the abstract operations on objects built on them
//! (7.3).
//!
//! Each internal method is a `Runtime` method taking the object; all return
//! `JsResult` because getters, setters and proxies run JavaScript.
//! Fast paths (plain data properties found through the shape) avoid building
//! descriptors; the general paths follow the spec step by step.

use super::{Attributes, JsObject, ObjectKind, PropertyDescriptor, PropertyKey, StoredProperty};
use super::{FLAG_ARRAY, FLAG_EXOTIC, FLAG_EXTENSIBLE, FLAG_LAZY, FLAG_LENGTH_READONLY};
use crate::equality::same_value;
use crate::gc::Gc;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::{Value, ValueType};
use crate::JsResult;

impl Runtime {
    /// The own property as stored, including the virtual properties of exotic
    /// objects (array `length`, String object indices).
    pub(crate) fn own_property(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
    ) -> JsResult<Option<StoredProperty>> {
        self.materialize(o)?;
        if let Some(f) = o.exotic_methods().and_then(|m| m.get_own_property) {
            return f(self, o, key);
        }
        if o.flags() & FLAG_ARRAY != 0 && key == PropertyKey::String(self.names.length) {
            let writable = o.flags() & FLAG_LENGTH_READONLY == 0;
            return Ok(Some(StoredProperty::Data(
                Value::from_u32(o.array_length()),
                Attributes::new(writable, false, false),
            )));
        }
        if let (ObjectKind::String(s), PropertyKey::Index(i)) = (o.kind(), key) {
            // 10.4.3.5 StringGetOwnProperty.
            let s = *s;
            if (i as usize) < s.len() {
                let unit = s.code_unit_at(i as usize).unwrap_or(0);
                let c = self.char_string(unit)?;
                return Ok(Some(StoredProperty::Data(
                    Value::string(c),
                    Attributes::new(false, true, false),
                )));
            }
        }
        Ok(o.stored_property(key))
    }

    /// 10.1.1 [[GetPrototypeOf]].
    pub fn get_prototype_of(&mut self, o: Gc<JsObject>) -> JsResult<Value> {
        if let Some(f) = o.exotic_methods().and_then(|m| m.get_prototype_of) {
            return f(self, o);
        }
        Ok(o.proto())
    }

    /// 10.1.2.1 OrdinarySetPrototypeOf.
    pub fn set_prototype_of(&mut self, o: Gc<JsObject>, v: Value) -> JsResult<bool> {
        debug_assert!(v.is_object() || v.is_null());
        if let Some(f) = o.exotic_methods().and_then(|m| m.set_prototype_of) {
            return f(self, o, v);
        }
        if same_value(v, o.proto()) {
            return Ok(true);
        }
        // 10.4.7.1 (#sec-immutable-prototype-exotic-objects-setprototypeof-v):
        // %Object.prototype% is an immutable prototype exotic object, whose
        // SetImmutablePrototype refuses any other value.
        if self.intrinsic(Intrinsic::ObjectPrototype).as_object() == Some(o) {
            return Ok(false);
        }
        if !o.is_extensible_flag() {
            return Ok(false);
        }
        // Step 8: refuse to create a cycle; 8.c.i: the walk stops at an
        // object whose [[GetPrototypeOf]] is not ordinary (a Proxy).
        let mut p = v;
        while let Some(po) = p.as_object() {
            if po == o {
                return Ok(false);
            }
            if po
                .exotic_methods()
                .is_some_and(|m| m.get_prototype_of.is_some())
            {
                break;
            }
            p = po.proto();
        }
        self.set_proto_raw(o, v);
        Ok(true)
    }

    /// 10.1.3 [[IsExtensible]].
    pub fn is_extensible(&mut self, o: Gc<JsObject>) -> JsResult<bool> {
        if let Some(f) = o.exotic_methods().and_then(|m| m.is_extensible) {
            return f(self, o);
        }
        Ok(o.is_extensible_flag())
    }

    /// 10.1.4 [[PreventExtensions]].
    pub fn prevent_extensions(&mut self, o: Gc<JsObject>) -> JsResult<bool> {
        if let Some(f) = o.exotic_methods().and_then(|m| m.prevent_extensions) {
            return f(self, o);
        }
        self.set_object_flags(o, 0, FLAG_EXTENSIBLE);
        Ok(true)
    }

    /// 10.1.5 [[GetOwnProperty]].
    pub fn get_own_property(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
    ) -> JsResult<Option<PropertyDescriptor>> {
        Ok(self
            .own_property(o, key)?
            .map(StoredProperty::to_descriptor))
    }

    /// 10.1.6 [[DefineOwnProperty]] (dispatching to the exotic versions).
    pub fn define_own_property(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        if let Some(f) = o.exotic_methods().and_then(|m| m.define_own_property) {
            return f(self, o, key, desc);
        }
        if o.is_array() {
            return self.array_define_own_property(o, key, desc);
        }
        if let (ObjectKind::String(s), PropertyKey::Index(i)) = (o.kind(), key) {
            // 10.4.3.2 String exotic [[DefineOwnProperty]].
            if (i as usize) < s.len() {
                let current = self.own_property(o, key)?;
                return self.validate_and_apply(None, key, false, desc, current);
            }
        }
        self.ordinary_define_own_property(o, key, desc)
    }

    /// 10.1.6.1 OrdinaryDefineOwnProperty.
    pub fn ordinary_define_own_property(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        self.materialize(o)?;
        let current = o.stored_property(key);
        let extensible = o.is_extensible_flag();
        self.validate_and_apply(Some(o), key, extensible, desc, current)
    }

    /// 10.1.6.3 ValidateAndApplyPropertyDescriptor (`o` = None validates only,
    /// as IsCompatiblePropertyDescriptor 10.1.6.2 does).
    pub(crate) fn validate_and_apply(
        &mut self,
        o: Option<Gc<JsObject>>,
        key: PropertyKey,
        extensible: bool,
        desc: PropertyDescriptor,
        current: Option<StoredProperty>,
    ) -> JsResult<bool> {
        // Step 2: a new property.
        let Some(current) = current else {
            if !extensible {
                return Ok(false);
            }
            if let Some(o) = o {
                let prop = if desc.is_accessor() {
                    StoredProperty::Accessor {
                        get: desc.get.unwrap_or(Value::UNDEFINED),
                        set: desc.set.unwrap_or(Value::UNDEFINED),
                        attrs: desc.attributes(),
                    }
                } else {
                    StoredProperty::Data(desc.value.unwrap_or(Value::UNDEFINED), desc.attributes())
                };
                self.store_property(o, key, prop)?;
            }
            return Ok(true);
        };
        // Step 3: no fields.
        if desc == PropertyDescriptor::default() {
            return Ok(true);
        }
        let cur_attrs = current.attrs();
        // Step 4: a non-configurable property may change only in limited ways.
        if !cur_attrs.configurable() {
            if desc.configurable == Some(true) {
                return Ok(false);
            }
            if desc.enumerable.is_some_and(|e| e != cur_attrs.enumerable()) {
                return Ok(false);
            }
            if !desc.is_generic() && desc.is_accessor() != cur_attrs.is_accessor() {
                return Ok(false);
            }
            match current {
                StoredProperty::Accessor { get, set, .. } => {
                    if desc.get.is_some_and(|g| !same_value(g, get))
                        || desc.set.is_some_and(|s| !same_value(s, set))
                    {
                        return Ok(false);
                    }
                }
                StoredProperty::Data(value, attrs) => {
                    if !attrs.writable() {
                        if desc.writable == Some(true) {
                            return Ok(false);
                        }
                        if desc.value.is_some_and(|v| !same_value(v, value)) {
                            return Ok(false);
                        }
                    }
                }
            }
        }
        // Step 5: apply.
        let Some(o) = o else { return Ok(true) };
        let enumerable = desc.enumerable.unwrap_or(cur_attrs.enumerable());
        let configurable = desc.configurable.unwrap_or(cur_attrs.configurable());
        let new = match current {
            StoredProperty::Data(..) if desc.is_accessor() => StoredProperty::Accessor {
                get: desc.get.unwrap_or(Value::UNDEFINED),
                set: desc.set.unwrap_or(Value::UNDEFINED),
                attrs: Attributes::accessor(enumerable, configurable),
            },
            StoredProperty::Accessor { .. } if desc.is_data() => StoredProperty::Data(
                desc.value.unwrap_or(Value::UNDEFINED),
                Attributes::new(desc.writable.unwrap_or(false), enumerable, configurable),
            ),
            StoredProperty::Data(value, attrs) => StoredProperty::Data(
                desc.value.unwrap_or(value),
                Attributes::new(
                    desc.writable.unwrap_or(attrs.writable()),
                    enumerable,
                    configurable,
                ),
            ),
            StoredProperty::Accessor { get, set, .. } => StoredProperty::Accessor {
                get: desc.get.unwrap_or(get),
                set: desc.set.unwrap_or(set),
                attrs: Attributes::accessor(enumerable, configurable),
            },
        };
        if new != current {
            self.store_property(o, key, new)?;
        }
        Ok(true)
    }

    /// 10.1.7 [[HasProperty]] (OrdinaryHasProperty, following the chain).
    pub fn has_property(&mut self, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
        let mut cur = o;
        loop {
            if let Some(f) = cur.exotic_methods().and_then(|m| m.has_property) {
                return f(self, cur, key);
            }
            if self.own_property(cur, key)?.is_some() {
                return Ok(true);
            }
            match cur.proto().as_object() {
                Some(p) => cur = p,
                None => return Ok(false),
            }
        }
    }

    /// 10.1.8 [[Get]] (OrdinaryGet, following the chain iteratively).
    pub fn get(&mut self, o: Gc<JsObject>, key: PropertyKey, receiver: Value) -> JsResult<Value> {
        let mut cur = o;
        loop {
            if let Some(f) = cur.exotic_methods().and_then(|m| m.get) {
                return f(self, cur, key, receiver);
            }
            match self.own_property(cur, key)? {
                Some(StoredProperty::Data(v, _)) => return Ok(v),
                Some(StoredProperty::Accessor { get, .. }) => {
                    if get.is_undefined() {
                        return Ok(Value::UNDEFINED);
                    }
                    return self.call(get, receiver, &[]);
                }
                None => match cur.proto().as_object() {
                    Some(p) => cur = p,
                    None => return Ok(Value::UNDEFINED),
                },
            }
        }
    }

    /// 10.1.9 [[Set]]: OrdinarySet / 10.1.9.2 OrdinarySetWithOwnDescriptor.
    pub fn set(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        v: Value,
        receiver: Value,
    ) -> JsResult<bool> {
        if let Some(f) = o.exotic_methods().and_then(|m| m.set) {
            return f(self, o, key, v, receiver);
        }
        self.ordinary_set(o, key, v, receiver)
    }

    /// 10.1.9.1 OrdinarySet ( O, P, V, Receiver ), also for exotic objects
    /// whose [[Set]] falls back to it (TypedArrays).
    pub(crate) fn ordinary_set(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        v: Value,
        receiver: Value,
    ) -> JsResult<bool> {
        if let PropertyKey::Index(index) = key {
            if receiver == Value::object(o) && self.try_set_plain_element(o, index, v)? {
                return Ok(true);
            }
        }
        // Find ownDesc on `o` or, via step 2.a's recursion into the parent,
        // on the first object of the chain that has the property.
        let mut cur = o;
        let found = loop {
            if cur != o {
                if let Some(f) = cur.exotic_methods().and_then(|m| m.set) {
                    return f(self, cur, key, v, receiver);
                }
            }
            if let Some(p) = self.own_property(cur, key)? {
                break Some(p);
            }
            match cur.proto().as_object() {
                Some(p) => cur = p,
                None => break None,
            }
        };
        // Step 2.b.i: no property anywhere is like a default data property.
        let found = found.unwrap_or(StoredProperty::Data(
            Value::UNDEFINED,
            Attributes::DEFAULT_DATA,
        ));
        match found {
            StoredProperty::Data(_, attrs) => {
                if !attrs.writable() {
                    return Ok(false);
                }
                let Some(recv) = receiver.as_object() else {
                    return Ok(false);
                };
                match self.own_property(recv, key)? {
                    Some(StoredProperty::Accessor { .. }) => Ok(false),
                    Some(StoredProperty::Data(_, a)) => {
                        if !a.writable() {
                            return Ok(false);
                        }
                        // Step 2.d.iv: Receiver.[[DefineOwnProperty]](P, {[[Value]]: V}).
                        if self.is_plain_storage(recv, key) {
                            Ok(self.store_value(recv, key, v))
                        } else {
                            self.define_own_property(
                                recv,
                                key,
                                PropertyDescriptor {
                                    value: Some(v),
                                    ..Default::default()
                                },
                            )
                        }
                    }
                    None => self.create_data_property(recv, key, v),
                }
            }
            StoredProperty::Accessor { set, .. } => {
                if set.is_undefined() {
                    return Ok(false);
                }
                self.call(set, receiver, &[v])?;
                Ok(true)
            }
        }
    }

    /// Whether writing `key` on `o` needs no exotic [[DefineOwnProperty]].
    pub(crate) fn is_plain_storage(&self, o: Gc<JsObject>, key: PropertyKey) -> bool {
        match o.kind() {
            ObjectKind::Exotic(_) => false,
            ObjectKind::Array => key != PropertyKey::String(self.names.length),
            ObjectKind::String(_) => !matches!(key, PropertyKey::Index(_)),
            _ => true,
        }
    }

    /// 10.1.10 [[Delete]] (dispatching to the exotic versions).
    pub fn delete(&mut self, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
        if let Some(f) = o.exotic_methods().and_then(|m| m.delete) {
            return f(self, o, key);
        }
        self.ordinary_delete(o, key)
    }

    /// 10.1.10.1 OrdinaryDelete.
    pub fn ordinary_delete(&mut self, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
        match self.own_property(o, key)? {
            None => Ok(true),
            Some(p) if p.attrs().configurable() => {
                self.remove_property(o, key)?;
                Ok(true)
            }
            Some(_) => Ok(false),
        }
    }

    /// 10.1.11 [[OwnPropertyKeys]]: array indices ascending, then string keys
    /// in creation order, then symbols in creation order.
    pub fn own_property_keys(&mut self, o: Gc<JsObject>) -> JsResult<Vec<PropertyKey>> {
        self.materialize(o)?;
        if let Some(f) = o.exotic_methods().and_then(|m| m.own_property_keys) {
            return f(self, o);
        }
        let mut keys = Vec::new();
        if let ObjectKind::String(s) = o.kind() {
            // 10.4.3.3: the string's indices come first.
            keys.extend((0..s.len() as u32).map(PropertyKey::Index));
        }
        keys.extend(o.element_indices().into_iter().map(PropertyKey::Index));
        if o.is_array() {
            keys.push(PropertyKey::String(self.names.length));
        }
        let entries = o.shape().entries();
        keys.extend(entries.iter().filter(|e| !e.key.is_symbol()).map(|e| e.key));
        // Private names (object/private.rs) are not properties.
        keys.extend(
            entries
                .iter()
                .filter(|e| e.key.is_symbol() && !e.key.is_private())
                .map(|e| e.key),
        );
        Ok(keys)
    }

    /// [[OwnPropertyKeys]] in a rooted list, for callers that allocate or
    /// run user code while they walk the keys: a proxy's keys come from its
    /// trap's result and no shape holds them. Nothing allocates between the
    /// internal method returning and the keys being rooted.
    pub fn own_property_keys_rooted(
        &mut self,
        o: Gc<JsObject>,
    ) -> JsResult<crate::gc::RootedList<PropertyKey>> {
        let keys = self.own_property_keys(o)?;
        Ok(self.rooted_list_from(&keys))
    }

    // ---- 7.3 Operations on Objects ----

    /// A property key for Rust text (an index when canonical, else an atom).
    pub fn key(&mut self, name: &str) -> JsResult<PropertyKey> {
        let atom = self.atom(name)?;
        Ok(self.property_key_from_atom(atom))
    }

    /// 7.3.2 Get(O, P) with a Rust name (convenience for built-ins and tests).
    pub fn get_by_name(&mut self, o: Gc<JsObject>, name: &str) -> JsResult<Value> {
        let key = self.key(name)?;
        self.get(o, key, Value::object(o))
    }

    /// 7.3.3 GetV(V, P).
    pub fn get_v(&mut self, v: Value, key: PropertyKey) -> JsResult<Value> {
        // Step 1's wrapper is not made when it has no own property `key`:
        // step 2 then asks its prototype, with `v` as the receiver, which
        // is all the wrapper would do (it is never seen). A String object
        // owns `length` and its indices only (10.4.3.5
        // StringGetOwnProperty; other numeric strings are not indices of
        // it); Number, Boolean, Symbol and BigInt objects own nothing.
        // Spreading a string allocated a String object for its @@iterator.
        if !v.is_object() {
            let prototype = match v.type_of() {
                ValueType::String => match key {
                    PropertyKey::Symbol(_) => Some(Intrinsic::StringPrototype),
                    PropertyKey::String(s) if s != self.names.length => {
                        Some(Intrinsic::StringPrototype)
                    }
                    _ => None,
                },
                ValueType::Number => Some(Intrinsic::NumberPrototype),
                ValueType::Boolean => Some(Intrinsic::BooleanPrototype),
                ValueType::Symbol => Some(Intrinsic::SymbolPrototype),
                ValueType::BigInt => Some(Intrinsic::BigIntPrototype),
                _ => None,
            };
            if let Some(prototype) = prototype {
                let o = self.intrinsic_object(prototype);
                return self.get(o, key, v);
            }
        }
        let o = self.to_object(v)?;
        self.get(o, key, v)
    }

    /// 7.3.4 Set(O, P, V, Throw).
    pub fn set_property(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        v: Value,
        throw: bool,
    ) -> JsResult<()> {
        let ok = self.set(o, key, v, Value::object(o))?;
        if !ok && throw {
            return Err(self.type_error("Cannot assign to read only property"));
        }
        Ok(())
    }

    /// OrdinarySet (10.1.9.1) of element `index` on `o`, its own receiver,
    /// when no step can run code or fail differently from a plain store:
    /// `o` is an ordinary object or array (not exotic, not a lazy built-in)
    /// and either holds the element as a plain dense one (writable data:
    /// steps 2.c-2.d.iv store the value), or lacks it while no object of its
    /// prototype chain has an element or a hook that could supply one (a
    /// String object, an exotic object): then step 2.b.i finds no property,
    /// and 2.e is CreateDataProperty on `o` (10.4.2.1 for arrays). Returns
    /// false, having done nothing, when the general steps must run.
    /// `Array.prototype.fill` on `new Array(n)` was ~40x slower than node
    /// through the general steps.
    fn try_set_plain_element(&mut self, o: Gc<JsObject>, index: u32, v: Value) -> JsResult<bool> {
        if index == u32::MAX || !Self::plain_element_holder(o) {
            return Ok(false);
        }
        if o.dense_element(index).is_some() {
            // SAFETY: short exclusive access; dense elements are plain
            // writable data properties (others are kept sparse).
            return Ok(unsafe { o.get_mut() }.overwrite_element(index, v));
        }
        if !Self::may_add_plain_elements(o) {
            return Ok(false);
        }
        if matches!(o.kind(), ObjectKind::Array) {
            self.try_create_array_element(o, index, v)
        } else {
            let prop = StoredProperty::Data(v, Attributes::DEFAULT_DATA);
            self.store_property(o, PropertyKey::Index(index), prop)?;
            Ok(true)
        }
    }

    /// Set(O, k, v, true) for every k in `from..to` (`Array.prototype.fill`
    /// on `o`) done at once when each of them would be
    /// [`Self::try_set_plain_element`]'s plain store and no array length
    /// changes: storing runs no code, so the conditions checked before the
    /// first store hold for the last. Returns false, having done nothing,
    /// when the caller must go element by element.
    pub(crate) fn try_fill_plain_elements(
        &mut self,
        o: Gc<JsObject>,
        from: u32,
        to: u32,
        v: Value,
    ) -> JsResult<bool> {
        if from >= to
            || to == u32::MAX
            || !Self::plain_element_holder(o)
            || !Self::may_add_plain_elements(o)
            || (matches!(o.kind(), ObjectKind::Array) && to > o.array_length())
        {
            return Ok(false);
        }
        // SAFETY: short exclusive access.
        match unsafe { o.get_mut() }.fill_dense(from, to, v) {
            Some(r) => {
                self.note_element_growth(r)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The moves `move_element(from + k, to + k)` for every k < `count`, in
    /// the order that copies overlapping ranges correctly (the loops of
    /// `copyWithin`, `shift`, `unshift` and `splice`: HasProperty, then
    /// Get and Set, or DeletePropertyOrThrow of the target), done at once
    /// as a memmove when each step is a plain storage operation on an array
    /// whose length may grow: no step can then run code or fail. Returns
    /// false, having done nothing, when the caller must go step by step.
    /// `shift` of a 20,000-element array took 28 ms through the steps.
    pub(crate) fn try_move_plain_elements(
        &mut self,
        o: Gc<JsObject>,
        from: u32,
        to: u32,
        count: u32,
    ) -> JsResult<bool> {
        let within = |n: u32| n.checked_add(count).is_some_and(|end| end < u32::MAX);
        if count == 0
            || !within(from)
            || !within(to)
            || !matches!(o.kind(), ObjectKind::Array)
            || o.flags() & FLAG_LENGTH_READONLY != 0
            || !Self::plain_element_holder(o)
            || !Self::may_add_plain_elements(o)
        {
            return Ok(false);
        }
        // SAFETY: short exclusive access.
        match unsafe { o.get_mut() }.move_dense(from, to, count) {
            Some(Ok((grown, last))) => {
                self.note_element_growth(Ok(grown))?;
                // A Set past the end grows `length` (10.4.2.1 step 1.k).
                if last as u32 > o.array_length() {
                    self.set_array_length_raw(o, last as u32);
                }
                Ok(true)
            }
            Some(Err(e)) => self.note_element_growth(Err(e)).map(|()| false),
            None => Ok(false),
        }
    }

    /// An ordinary object or array (not exotic, not a lazy built-in): its
    /// elements are its storage.
    pub(crate) fn plain_element_holder(o: Gc<JsObject>) -> bool {
        o.flags() & (FLAG_EXOTIC | FLAG_LAZY) == 0
            && matches!(o.kind(), ObjectKind::Array | ObjectKind::Ordinary)
    }

    /// Whether OrdinarySet of an element `o` lacks reaches step 2.e's
    /// CreateDataProperty without running code: `o` is extensible with no
    /// sparse (possibly non-plain) elements, and no object of its
    /// prototype chain has an element or a hook that could supply one (a
    /// String object, an exotic object), so step 2.b.i finds no property.
    /// A long chain takes the general steps.
    pub(crate) fn may_add_plain_elements(o: Gc<JsObject>) -> bool {
        if o.flags() & super::FLAG_SPARSE != 0 || !o.is_extensible_flag() {
            return false;
        }
        let mut proto = o.proto().as_object();
        for _ in 0..64 {
            let Some(p) = proto else {
                return true;
            };
            if p.flags() & FLAG_EXOTIC != 0
                || matches!(p.kind(), ObjectKind::String(_))
                || !p.has_no_element_storage()
            {
                return false;
            }
            proto = p.proto().as_object();
        }
        false
    }

    /// 7.3.5 CreateDataProperty.
    pub fn create_data_property(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        v: Value,
    ) -> JsResult<bool> {
        if !matches!(key, PropertyKey::Index(_))
            && matches!(o.kind(), ObjectKind::Ordinary)
            && o.flags() & (FLAG_EXOTIC | FLAG_LAZY) == 0
        {
            // 10.1.6.3 ValidateAndApplyPropertyDescriptor on an ordinary
            // object's stored property: absent on an extensible object,
            // it is added (step 2); a plain data property (writable,
            // enumerable, configurable) takes the value (steps 5-6).
            match o.shape().lookup(key) {
                None if o.is_extensible_flag() => {
                    let prop = StoredProperty::Data(v, Attributes::DEFAULT_DATA);
                    self.store_property(o, key, prop)?;
                    return Ok(true);
                }
                Some(e) if e.attrs == Attributes::DEFAULT_DATA => {
                    // SAFETY: short exclusive access.
                    unsafe { o.get_mut() }.set_slot(e.slot, v);
                    return Ok(true);
                }
                _ => {}
            }
        }
        self.define_own_property(
            o,
            key,
            PropertyDescriptor::data(v, Attributes::DEFAULT_DATA),
        )
    }

    /// 7.3.7 CreateDataPropertyOrThrow.
    pub fn create_data_property_or_throw(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        v: Value,
    ) -> JsResult<()> {
        if !self.create_data_property(o, key, v)? {
            return Err(self.type_error("Cannot define property"));
        }
        Ok(())
    }

    /// 7.3.9 DefinePropertyOrThrow.
    pub fn define_property_or_throw(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<()> {
        if !self.define_own_property(o, key, desc)? {
            return Err(self.type_error("Cannot redefine property"));
        }
        Ok(())
    }

    /// 7.3.10 DeletePropertyOrThrow.
    pub fn delete_property_or_throw(&mut self, o: Gc<JsObject>, key: PropertyKey) -> JsResult<()> {
        if !self.delete(o, key)? {
            return Err(self.type_error("Cannot delete property"));
        }
        Ok(())
    }

    /// 7.3.11 GetMethod(V, P): None for undefined/null, TypeError if not
    /// callable.
    pub fn get_method(&mut self, v: Value, key: PropertyKey) -> JsResult<Option<Value>> {
        let f = self.get_v(v, key)?;
        self.method_of(f)
    }

    /// GetMethod's steps after the Get: `None` for undefined/null, the
    /// function, or a TypeError if `f` is not callable.
    pub(crate) fn method_of(&mut self, f: Value) -> JsResult<Option<Value>> {
        if f.is_nullish() {
            return Ok(None);
        }
        if !f.as_object().is_some_and(|o| o.is_callable()) {
            return Err(self.type_error("not a function"));
        }
        Ok(Some(f))
    }

    /// 7.3.12 HasProperty / 7.3.13 HasOwnProperty.
    pub fn has_own_property(&mut self, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
        Ok(self.own_property(o, key)?.is_some())
    }

    /// 7.3.21 Invoke(V, P, argumentsList).
    pub fn invoke(&mut self, v: Value, key: PropertyKey, args: &[Value]) -> JsResult<Value> {
        let f = self.get_v(v, key)?;
        self.call(f, v, args)
    }

    /// SetIntegrityLevel's steps 5-6 at once on an object whose properties
    /// are all in its shared shape (an ordinary object or function without
    /// elements or hooks): each DefinePropertyOrThrow only changes
    /// attributes in storage, and the shape they reach one by one is the
    /// replay of its keys with the new attributes, so that shape is taken
    /// directly. Private elements keep theirs. False, having done nothing,
    /// for any other object.
    fn try_set_plain_integrity_level(&mut self, o: Gc<JsObject>, frozen: bool) -> JsResult<bool> {
        let shape = o.shape();
        if o.flags() & (FLAG_EXOTIC | FLAG_LAZY) != 0
            || !matches!(o.kind(), ObjectKind::Ordinary | ObjectKind::Function(_))
            || !o.has_no_element_storage()
            || shape.is_dictionary()
        {
            return Ok(false);
        }
        let sealed = self.shape_replay(shape, |e| {
            let a = e.attrs;
            if e.key.is_private() {
                a
            } else if a.is_accessor() {
                Attributes::accessor(a.enumerable(), false)
            } else {
                Attributes::new(a.writable() && !frozen, a.enumerable(), false)
            }
        })?;
        if sealed != shape {
            if o.flags() & crate::runtime::inline_cache::FLAG_WATCHED != 0 {
                // A prototype-chain cache entry may depend on the attributes.
                crate::runtime::inline_cache::bump_proto_epoch();
            }
            // Same keys, same kinds: every slot stays where it is.
            self.set_shape_raw(o, sealed);
        }
        Ok(true)
    }

    /// 7.3.16 SetIntegrityLevel (sealed / frozen).
    pub fn set_integrity_level(&mut self, o: Gc<JsObject>, frozen: bool) -> JsResult<bool> {
        if !self.prevent_extensions(o)? {
            return Ok(false);
        }
        if self.try_set_plain_integrity_level(o, frozen)? {
            return Ok(true);
        }
        let keys = self.own_property_keys_rooted(o)?;
        for &key in keys.iter() {
            let desc = if frozen {
                // [[GetOwnProperty]], not the stored slot: exotic objects
                // (String index properties, arguments) have virtual ones.
                match self.get_own_property(o, key)? {
                    Some(d) if d.is_accessor() => PropertyDescriptor {
                        configurable: Some(false),
                        ..Default::default()
                    },
                    Some(_) => PropertyDescriptor {
                        configurable: Some(false),
                        writable: Some(false),
                        ..Default::default()
                    },
                    None => continue,
                }
            } else {
                PropertyDescriptor {
                    configurable: Some(false),
                    ..Default::default()
                }
            };
            self.define_property_or_throw(o, key, desc)?;
        }
        Ok(true)
    }
}
