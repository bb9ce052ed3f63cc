//! Private elements (6.2.12 Private Names, 7.3.26-7.3.32).
//!
//! A Private Name is a [`Symbol`](crate::symbol::Symbol) with the private flag,
//! created once per class evaluation and `#name` (see
//! `semantics/analyzer/private.rs`). An object's [[PrivateElements]] are
//! ordinary shape entries keyed by these symbols, so instances built by one
//! constructor share a shape and private accesses go through the inline
//! caches like named properties. The keys are hidden from everything else:
//! [[OwnPropertyKeys]] skips them (so `Object.keys`, `for-in`, JSON,
//! `Object.freeze`, `Reflect.ownKeys` never see them) and no JavaScript code
//! can obtain a private symbol as a value, so [[Get]]/[[Set]]/[[Delete]]/
//! [[DefineOwnProperty]] of user code can never name them.
//!
//! Element kinds are stored as:
//! - field: a writable data property;
//! - method: a read-only data property holding the method (the instance
//!   "brand" is the method entry itself, one slot per method and instance);
//! - accessor: an accessor property (getter and setter, undefined when
//!   absent).
//!
//! No extensibility check: PrivateFieldAdd and PrivateMethodOrAccessorAdd
//! work on non-extensible (frozen, sealed) objects.

use super::{Attributes, JsObject, PropertyKey, StoredProperty};
use crate::gc::Gc;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// The attributes of a private field (writable data).
pub(crate) const PRIVATE_FIELD: Attributes = Attributes(Attributes::WRITABLE);
/// The attributes of a private method (read-only data).
pub(crate) const PRIVATE_METHOD: Attributes = Attributes::NONE;
/// The attributes of a private accessor.
pub(crate) const PRIVATE_ACCESSOR: Attributes = Attributes(Attributes::ACCESSOR);

impl Runtime {
    /// The private key of a value the analyzer passes (a private symbol).
    pub(crate) fn private_key(&mut self, key: Value) -> JsResult<PropertyKey> {
        match key.as_symbol() {
            Some(s) if s.is_private() => Ok(PropertyKey::Symbol(s)),
            _ => Err(self.type_error("internal error: not a private name")),
        }
    }

    /// `#x` for messages.
    fn private_name_text(&mut self, key: PropertyKey) -> String {
        match key {
            PropertyKey::Symbol(s) => s
                .description_string()
                .map(|d| String::from_utf16_lossy(&d.to_utf16()))
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// 7.3.26 PrivateElementFind (#sec-privateelementfind): the element
    /// stored on `o` itself (never on its prototypes).
    pub(crate) fn private_element_find(
        &self,
        o: Gc<JsObject>,
        key: PropertyKey,
    ) -> Option<StoredProperty> {
        o.stored_property(key)
    }

    /// The object a private reference's base designates: GetValue/PutValue
    /// (6.2.5.5 step 3.a, 6.2.5.6 step 3.a) apply ToObject to the base, and
    /// a new wrapper object never has private elements, so any primitive
    /// base ends in the TypeError of PrivateGet/PrivateSet.
    fn private_base(
        &mut self,
        base: Value,
        key: PropertyKey,
        write: bool,
    ) -> JsResult<Gc<JsObject>> {
        if let Some(o) = base.as_object() {
            return Ok(o);
        }
        if base.is_nullish() {
            let what = if base.is_null() { "null" } else { "undefined" };
            let name = self.private_name_text(key);
            let verb = if write { "set" } else { "read" };
            return Err(self.type_error(&format!("Cannot {verb} private member {name} of {what}")));
        }
        Err(self.missing_private(key, write))
    }

    fn missing_private(&mut self, key: PropertyKey, write: bool) -> crate::Thrown {
        let name = self.private_name_text(key);
        let message = if write {
            format!(
                "Cannot write private member {name} to an object whose class did not declare it"
            )
        } else {
            format!(
                "Cannot read private member {name} from an object whose class did not declare it"
            )
        };
        self.type_error(&message)
    }

    /// 7.3.28 PrivateFieldAdd (#sec-privatefieldadd) (O, P, value).
    pub(crate) fn private_field_add(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        value: Value,
    ) -> JsResult<()> {
        // Steps 2-3: a second add (e.g. a constructor returning an object
        // that already went through the class) is a TypeError.
        if self.private_element_find(o, key).is_some() {
            let name = self.private_name_text(key);
            return Err(self.type_error(&format!(
                "Cannot initialize {name} twice on the same object"
            )));
        }
        // Step 4 (no extensibility check).
        self.store_property(o, key, StoredProperty::Data(value, PRIVATE_FIELD))
    }

    /// 7.3.29 PrivateMethodOrAccessorAdd (#sec-privatemethodoraccessoradd)
    /// (O, method): `get`/`set` are `None` for a method.
    pub(crate) fn private_method_or_accessor_add(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        prop: StoredProperty,
    ) -> JsResult<()> {
        // Steps 3-4.
        if self.private_element_find(o, key).is_some() {
            let name = self.private_name_text(key);
            return Err(self.type_error(&format!(
                "Cannot initialize private method {name} twice on the same object"
            )));
        }
        self.store_property(o, key, prop)
    }

    /// 7.3.31 PrivateGet (#sec-privateget) (O, P), with ToObject of the base.
    pub(crate) fn private_get(&mut self, base: Value, key: PropertyKey) -> JsResult<Value> {
        let o = self.private_base(base, key, false)?;
        match self.private_element_find(o, key) {
            // Steps 2, 4: a field or a method.
            Some(StoredProperty::Data(v, _)) => Ok(v),
            // Step 5: an accessor.
            Some(StoredProperty::Accessor { get, .. }) => {
                if get.is_undefined() {
                    let name = self.private_name_text(key);
                    return Err(self.type_error(&format!("'{name}' was defined without a getter")));
                }
                self.call(get, Value::object(o), &[])
            }
            // Step 1.
            None => Err(self.missing_private(key, false)),
        }
    }

    /// 7.3.32 PrivateSet (#sec-privateset) (O, P, value).
    pub(crate) fn private_set(&mut self, base: Value, key: PropertyKey, v: Value) -> JsResult<()> {
        let o = self.private_base(base, key, true)?;
        match self.private_element_find(o, key) {
            // Step 3: a field.
            Some(StoredProperty::Data(_, attrs)) if attrs.writable() => {
                self.store_value(o, key, v);
                Ok(())
            }
            // Step 4: a method.
            Some(StoredProperty::Data(..)) => {
                let name = self.private_name_text(key);
                Err(self.type_error(&format!("Private method {name} is not writable")))
            }
            // Step 5: an accessor.
            Some(StoredProperty::Accessor { set, .. }) => {
                if set.is_undefined() {
                    let name = self.private_name_text(key);
                    return Err(self.type_error(&format!("'{name}' was defined without a setter")));
                }
                self.call(set, Value::object(o), &[v])?;
                Ok(())
            }
            // Step 2.
            None => Err(self.missing_private(key, true)),
        }
    }

    /// 13.10.1 `#x in obj` (#sec-relational-operators-runtime-semantics-evaluation),
    /// PrivateIdentifier `in` ShiftExpression steps 4-6.
    pub(crate) fn private_in(&mut self, key: PropertyKey, target: Value) -> JsResult<bool> {
        let Some(o) = target.as_object() else {
            let name = self.private_name_text(key);
            return Err(self.type_error(&format!(
                "Cannot use 'in' operator to search for '{name}' in a non-object"
            )));
        };
        Ok(self.private_element_find(o, key).is_some())
    }
}
