//! Operations on references and operators that the JIT's slow paths and the
//! built-ins share: GetValue/PutValue of property references with any base
//! (6.2.5.5, 6.2.5.6, primitives without allocating a wrapper for reads),
//! `in` and `instanceof` (13.10.1, 13.10.2, 7.3.22 OrdinaryHasInstance) and
//! a [[Get]] that tells "absent" from "undefined" (global bindings).

use super::{JsObject, ObjectKind, PropertyKey, StoredProperty, FLAG_EXOTIC, FLAG_LAZY};
use crate::conversions::to_boolean;
use crate::gc::{Gc, RootedList};
use crate::runtime::{Intrinsic, Runtime, INSTANCE_OF_CACHE_ENTRIES};
use crate::symbol::WellKnownSymbol;
use crate::value::{Value, ValueType};
use crate::JsResult;

impl Runtime {
    /// [[Get]] along the chain, `None` when no object of the chain has the
    /// property (HasProperty + Get in one walk, 9.1.1.2.6 GetBindingValue
    /// of object environment records).
    pub fn get_if_present(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        receiver: Value,
    ) -> JsResult<Option<Value>> {
        let mut cur = o;
        loop {
            if cur.exotic_methods().is_some_and(|m| m.get.is_some()) {
                // An exotic [[Get]]: ask [[HasProperty]] first.
                if !self.has_property(cur, key)? {
                    return Ok(None);
                }
                return self.get(cur, key, receiver).map(Some);
            }
            match self.own_property(cur, key)? {
                Some(StoredProperty::Data(v, _)) => return Ok(Some(v)),
                Some(StoredProperty::Accessor { get, .. }) => {
                    if get.is_undefined() {
                        return Ok(Some(Value::UNDEFINED));
                    }
                    return self.call(get, receiver, &[]).map(Some);
                }
                None => match cur.proto().as_object() {
                    Some(p) => cur = p,
                    None => return Ok(None),
                },
            }
        }
    }

    /// A short description of a key for error messages.
    pub fn key_for_message(&mut self, key: PropertyKey) -> String {
        match key {
            PropertyKey::Index(i) => i.to_string(),
            PropertyKey::String(s) => s.to_rust_string(),
            PropertyKey::Symbol(s) => self
                .symbol_descriptive_string(s)
                .map(|d| d.to_rust_string())
                .unwrap_or_else(|_| "Symbol()".to_owned()),
        }
    }

    /// A short description of a key value (not converted: conversion could
    /// run code) for error messages.
    fn key_value_for_message(&mut self, key: Value) -> String {
        if key.is_object() {
            return "[object]".to_owned();
        }
        self.to_string_for_display(key)
            .unwrap_or_else(|_| "?".to_owned())
    }

    /// The TypeError of a property access on undefined or null.
    pub fn nullish_base_error(&mut self, base: Value, key: Value, write: bool) -> crate::Thrown {
        let what = if base.is_null() { "null" } else { "undefined" };
        let key = self.key_value_for_message(key);
        let verb = if write { "set" } else { "read" };
        let message = format!(
            "Cannot {verb} properties of {what} ({}ing '{key}')",
            if write { "sett" } else { "read" }
        );
        self.type_error(&message)
    }

    /// GetValue (6.2.5.5) of the property reference `base[key]`: ToObject of
    /// the base (a TypeError for undefined and null), ToPropertyKey of the
    /// key, then [[Get]] with the base as the receiver. Primitive bases read
    /// their own properties (a string's `length` and indices) and then their
    /// prototype, without allocating a wrapper object.
    pub fn get_value(&mut self, base: Value, key: Value) -> JsResult<Value> {
        if let Some(o) = base.as_object() {
            let key = self.to_property_key(key)?;
            return self.get(o, key, base);
        }
        if base.is_nullish() {
            return Err(self.nullish_base_error(base, key, false));
        }
        let key = self.to_property_key(key)?;
        self.get_primitive_property(base, key)
    }

    /// [[Get]] on ToObject(base) for a primitive base, with the base as the
    /// receiver (10.4.3 for strings).
    pub fn get_primitive_property(&mut self, base: Value, key: PropertyKey) -> JsResult<Value> {
        let proto = match base.type_of() {
            ValueType::String => {
                if let Some(s) = base.as_string() {
                    if key == PropertyKey::String(self.names.length) {
                        return Ok(Value::from_u32(s.len() as u32));
                    }
                    if let PropertyKey::Index(i) = key {
                        if let Some(unit) = s.code_unit_at(i as usize) {
                            return Ok(Value::string(self.char_string(unit)?));
                        }
                    }
                }
                Intrinsic::StringPrototype
            }
            ValueType::Number => Intrinsic::NumberPrototype,
            ValueType::Boolean => Intrinsic::BooleanPrototype,
            ValueType::Symbol => Intrinsic::SymbolPrototype,
            ValueType::BigInt => Intrinsic::BigIntPrototype,
            ValueType::Object => {
                let o = self.to_object(base)?;
                return self.get(o, key, base);
            }
            ValueType::Undefined | ValueType::Null | ValueType::Hole => {
                let k = self.property_key_to_value(key)?;
                return Err(self.nullish_base_error(base, k, false));
            }
        };
        let proto = self.intrinsic_object(proto);
        self.get(proto, key, base)
    }

    /// PutValue (6.2.5.6) of `base[key] = v`; `strict` turns a failed
    /// [[Set]] into a TypeError.
    pub fn put_value(&mut self, base: Value, key: Value, v: Value, strict: bool) -> JsResult<()> {
        if base.is_nullish() {
            return Err(self.nullish_base_error(base, key, true));
        }
        let o = self.to_object(base)?;
        let key = self.to_property_key(key)?;
        let ok = self.set(o, key, v, base)?;
        if !ok && strict {
            let k = self.key_for_message(key);
            let message = if base.is_object() {
                format!("Cannot assign to read only property '{k}' of object")
            } else {
                format!("Cannot create property '{k}' on a primitive value")
            };
            return Err(self.type_error(&message));
        }
        Ok(())
    }

    /// `delete base[key]` (13.5.1.2): ToObject, [[Delete]]; in strict code a
    /// failed delete is a TypeError.
    pub fn delete_value(&mut self, base: Value, key: Value, strict: bool) -> JsResult<bool> {
        if base.is_nullish() {
            let k = self.key_value_for_message(key);
            let what = if base.is_null() { "null" } else { "undefined" };
            return Err(self.type_error(&format!("Cannot delete property '{k}' of {what}")));
        }
        let o = self.to_object(base)?;
        let key = self.to_property_key(key)?;
        let ok = self.delete(o, key)?;
        if !ok && strict {
            let k = self.key_for_message(key);
            return Err(self.type_error(&format!("Cannot delete property '{k}'")));
        }
        Ok(ok)
    }

    /// `key in target` (13.10.1 RelationalExpression : ShiftExpression in ...).
    pub fn in_operator(&mut self, key: Value, target: Value) -> JsResult<bool> {
        let Some(o) = target.as_object() else {
            return Err(
                self.type_error("Cannot use 'in' operator to search for a key in a non-object")
            );
        };
        let key = self.to_property_key(key)?;
        self.has_property(o, key)
    }

    /// 13.10.2 InstanceofOperator(V, target) (#sec-instanceofoperator).
    pub fn instance_of(&mut self, v: Value, target: Value) -> JsResult<bool> {
        let Some(t) = target.as_object() else {
            return Err(self.type_error("Right-hand side of 'instanceof' is not an object"));
        };
        if let Some(prototype) = self.cached_instance_prototype(t) {
            // Steps 2-3 and OrdinaryHasInstance steps 1-4 known to run no
            // code: step 6's walk.
            return match v.as_object() {
                Some(o) => self.chain_reaches(o, prototype),
                None => Ok(false),
            };
        }
        // Step 2: GetMethod(target, @@hasInstance).
        let key = PropertyKey::Symbol(self.well_known_symbol(WellKnownSymbol::HasInstance));
        if self.finds_original_has_instance(t, key) {
            // Step 3 with the original method: OrdinaryHasInstance.
            return self.ordinary_has_instance(target, v);
        }
        // Otherwise through the megamorphic table: a program tests against
        // many constructors, each a lookup on itself and then on
        // %Function.prototype%.
        let handler = self.get_through_mega(t, key)?;
        if let Some(handler) = self.method_of(handler)? {
            // Step 3. The original Function.prototype[@@hasInstance]
            // (20.2.3.6) returns OrdinaryHasInstance(F, V): run it without
            // the call.
            if handler == self.intrinsic(Intrinsic::FunctionPrototypeHasInstance) {
                return self.ordinary_has_instance(target, v);
            }
            let r = self.call(handler, target, &[v])?;
            return Ok(to_boolean(r));
        }
        // Step 4.
        if !t.is_callable() {
            return Err(self.type_error("Right-hand side of 'instanceof' is not callable"));
        }
        // Step 5.
        self.ordinary_has_instance(target, v)
    }

    /// C.prototype, when `instanceof C` is known to reach OrdinaryHasInstance
    /// step 6 without running code: C is a callable, non-bound function
    /// inheriting straight from the current realm's %Function.prototype%
    /// (whose @@hasInstance cannot change, 20.2.3.6), its shared shape has
    /// no own @@hasInstance and a data `prototype` holding an object. The
    /// shape's answer is cached by shape address (`instance_of_cache`,
    /// emptied by each collection, the only time a shape's address can be
    /// reused): a program tests against a few constructors many times.
    fn cached_instance_prototype(&mut self, c: Gc<JsObject>) -> Option<Gc<JsObject>> {
        let shape = c.shape();
        if c.flags() & (FLAG_EXOTIC | FLAG_LAZY) != 0
            || shape.is_dictionary()
            || !c.is_callable()
            || matches!(c.kind(), ObjectKind::BoundFunction(_))
            || c.proto() != self.intrinsic(Intrinsic::FunctionPrototype)
        {
            return None;
        }
        let i = (shape.addr() >> 4) % INSTANCE_OF_CACHE_ENTRIES;
        let (cached, slot) = self.instance_of_cache[i];
        let slot = if cached == shape.addr() {
            slot
        } else {
            let has_instance =
                PropertyKey::Symbol(self.well_known_symbol(WellKnownSymbol::HasInstance));
            if shape.lookup(has_instance).is_some() {
                return None;
            }
            let e = shape.lookup(PropertyKey::String(self.names.prototype))?;
            if e.attrs.is_accessor() {
                return None;
            }
            self.instance_of_cache[i] = (shape.addr(), e.slot);
            e.slot
        };
        c.slot(slot).as_object()
    }

    /// OrdinaryHasInstance step 6: whether `prototype` is on `o`'s chain
    /// (O.[[GetPrototypeOf]]() is the stored prototype of an object without
    /// hooks).
    fn chain_reaches(&mut self, o: Gc<JsObject>, prototype: Gc<JsObject>) -> JsResult<bool> {
        let mut o = o;
        loop {
            let next = if o.flags() & FLAG_EXOTIC == 0 {
                o.proto()
            } else {
                self.get_prototype_of(o)?
            };
            match next.as_object() {
                None => return Ok(false),
                Some(next) if next == prototype => return Ok(true),
                Some(next) => o = next,
            }
        }
    }

    /// Whether GetMethod(t, `key` = @@hasInstance) finds the current
    /// realm's %Function.prototype%[@@hasInstance] without running code:
    /// no object before %Function.prototype% on t's chain has hooks or an
    /// own @@hasInstance. That property is neither writable nor
    /// configurable (20.2.3.6), so it is still the original method.
    fn finds_original_has_instance(&self, t: Gc<JsObject>, key: PropertyKey) -> bool {
        let Some(function_prototype) = self.intrinsic(Intrinsic::FunctionPrototype).as_object()
        else {
            return false;
        };
        let mut o = t;
        for _ in 0..32 {
            if o == function_prototype {
                return true;
            }
            if o.flags() & (FLAG_EXOTIC | FLAG_LAZY) != 0 || o.shape().lookup(key).is_some() {
                return false;
            }
            match o.proto().as_object() {
                Some(p) => o = p,
                None => return false,
            }
        }
        false
    }

    /// 7.3.22 OrdinaryHasInstance(C, O).
    pub fn ordinary_has_instance(&mut self, c: Value, o: Value) -> JsResult<bool> {
        let Some(c) = c.as_object().filter(|c| c.is_callable()) else {
            return Ok(false);
        };
        if let ObjectKind::BoundFunction(b) = c.kind() {
            let target = b.target;
            return self.instance_of(o, Value::object(target));
        }
        let Some(o) = o.as_object() else {
            return Ok(false);
        };
        let key = PropertyKey::String(self.names.prototype);
        // Step 4: Get(C, "prototype"), read from C's storage when it is an
        // own data property of an object without hooks.
        let own = c
            .shape()
            .lookup(key)
            .filter(|e| c.flags() & (FLAG_EXOTIC | FLAG_LAZY) == 0 && !e.attrs.is_accessor());
        let p = match own {
            Some(e) => c.slot(e.slot),
            None => self.get_through_mega(c, key)?,
        };
        let Some(p) = p.as_object() else {
            return Err(self.type_error("Function has non-object prototype in instanceof check"));
        };
        self.chain_reaches(o, p)
    }
}

impl Runtime {
    /// 7.3.19 LengthOfArrayLike.
    pub fn length_of_array_like(&mut self, o: Gc<JsObject>) -> JsResult<f64> {
        // An Array's `length` is its own data property (10.4.2), held in
        // the object: a Get of it runs no code.
        if o.is_array() && o.exotic_methods().is_none() {
            return Ok(o.array_length() as f64);
        }
        let key = PropertyKey::String(self.names.length);
        let len = self.get(o, key, Value::object(o))?;
        self.to_length(len)
    }

    /// 7.3.20 CreateListFromArrayLike (any element type). The list is rooted: getters may return fresh values and allocate
    /// while it is built and while it is used as an argument list.
    pub fn create_list_from_array_like(&mut self, v: Value) -> JsResult<RootedList> {
        let Some(o) = v.as_object() else {
            return Err(self.type_error("CreateListFromArrayLike called on a non-object"));
        };
        let len = self.length_of_array_like(o)?;
        if len > crate::object::value_vec::MAX_LEN as f64
            || len > crate::runtime::limits::MAX_ARGUMENTS as f64
        {
            return Err(self.range_error("Too many arguments"));
        }
        let mut list = self.rooted_list_with_capacity(len as usize);
        // An ordinary object's present dense element is an own plain data
        // property: Get returns its value without running any code.
        let ordinary = o.exotic_methods().is_none();
        for i in 0..len as u32 {
            let element = match o.dense_element(i) {
                Some(e) if ordinary => e,
                _ => self.get(o, PropertyKey::Index(i), v)?,
            };
            list.push(element);
        }
        Ok(list)
    }

    /// The property key of an integer index that may exceed the array-index
    /// range (`2^32 - 1 ..= 2^53 - 1` become string keys).
    pub fn index_key(&mut self, i: f64) -> JsResult<PropertyKey> {
        if i < 4294967295.0 {
            return Ok(PropertyKey::Index(i as u32));
        }
        self.to_property_key(Value::number(i))
    }
}
