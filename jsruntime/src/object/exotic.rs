//! The hook for exotic objects (ECMA-262 6.1.7.2: objects whose essential
//! internal methods are not all the ordinary ones of 10.1).
//!
//! An exotic object has kind [`ObjectKind::Exotic`] holding its internal
//! slots as a `Box<dyn ExoticObject>`, and the flag [`FLAG_EXOTIC`]. The data
//! names a static [`ExoticMethods`] table: one optional function per
//! internal method, `None` meaning "the ordinary method". Every internal
//! method of [`Runtime`] (`own_property`, `define_own_property`, `get`,
//! `set`, `has_property`, `delete`, `own_property_keys`,
//! `get_prototype_of`, `set_prototype_of`, `is_extensible`,
//! `prevent_extensions`, and `call`/`construct` for objects with
//! `FLAG_CALLABLE`/`FLAG_CONSTRUCTOR`) tests the flag
//! first, so ordinary objects pay one bit test on the slow paths and nothing
//! on the fast ones:
//!
//! * inline caches only ever hold shapes of *stored* named data properties;
//!   an exotic object whose string-keyed properties are not ordinary (a
//!   Proxy) sets [`ExoticMethods::ordinary_named`] to false and is never
//!   cached (`PropertyCache::fill` checks it);
//! * Rust fast paths that read storage directly (`stored_property`,
//!   `dense_element`) must not be used on objects with [`FLAG_EXOTIC`];
//!   [`Runtime::is_plain_storage`] says so for [[Set]].
//!
//! The arguments object (10.4.4, [`super::arguments`]), Proxy exotic
//! objects (10.5, [`super::proxy`]) and TypedArrays (10.4.5,
//! `builtins/typed_array`) use it. Module namespaces (10.4.6) plug into the
//! same table; Arrays and String objects predate it and are still
//! special-cased by kind in `ordinary.rs` (they could move here unchanged).

use std::any::Any;

use super::{JsObject, ObjectKind, PropertyDescriptor, PropertyKey, StoredProperty};
use crate::gc::{Gc, Trace};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// Has an [`ExoticMethods`] table (kind [`ObjectKind::Exotic`]).
pub const FLAG_EXOTIC: u32 = 128;
/// A typed array (10.4.5): the kind is [`ObjectKind::Exotic`] holding a
/// `TypedArrayData` (set with [`FLAG_EXOTIC`] by the typed-array
/// constructors only, so the data can be reached without a downcast; the
/// JIT's element path tests this bit).
pub const FLAG_TYPED_ARRAY: u32 = 512;

/// [[GetOwnProperty]] (returning the stored form of the descriptor).
pub type GetOwnPropertyFn =
    fn(&mut Runtime, Gc<JsObject>, PropertyKey) -> JsResult<Option<StoredProperty>>;
/// [[DefineOwnProperty]].
pub type DefineOwnPropertyFn =
    fn(&mut Runtime, Gc<JsObject>, PropertyKey, PropertyDescriptor) -> JsResult<bool>;
/// [[HasProperty]].
pub type HasPropertyFn = fn(&mut Runtime, Gc<JsObject>, PropertyKey) -> JsResult<bool>;
/// [[Get]] (key, receiver).
pub type GetFn = fn(&mut Runtime, Gc<JsObject>, PropertyKey, Value) -> JsResult<Value>;
/// [[Set]] (key, value, receiver).
pub type SetFn = fn(&mut Runtime, Gc<JsObject>, PropertyKey, Value, Value) -> JsResult<bool>;
/// [[Delete]].
pub type DeleteFn = fn(&mut Runtime, Gc<JsObject>, PropertyKey) -> JsResult<bool>;
/// [[OwnPropertyKeys]].
pub type OwnKeysFn = fn(&mut Runtime, Gc<JsObject>) -> JsResult<Vec<PropertyKey>>;
/// [[GetPrototypeOf]].
pub type GetPrototypeOfFn = fn(&mut Runtime, Gc<JsObject>) -> JsResult<Value>;
/// [[SetPrototypeOf]] (an object or null).
pub type SetPrototypeOfFn = fn(&mut Runtime, Gc<JsObject>, Value) -> JsResult<bool>;
/// [[IsExtensible]] and [[PreventExtensions]].
pub type ExtensibilityFn = fn(&mut Runtime, Gc<JsObject>) -> JsResult<bool>;
/// [[Call]] (the object itself, thisArgument, argumentsList).
pub type CallFn = fn(&mut Runtime, Gc<JsObject>, Value, &[Value]) -> JsResult<Value>;
/// [[Construct]] (the object itself, argumentsList, newTarget).
pub type ConstructFn = fn(&mut Runtime, Gc<JsObject>, &[Value], Gc<JsObject>) -> JsResult<Value>;

/// The internal methods an exotic object overrides; `None` is the ordinary
/// method (10.1).
pub struct ExoticMethods {
    /// [[GetOwnProperty]] override.
    pub get_own_property: Option<GetOwnPropertyFn>,
    /// [[DefineOwnProperty]] override.
    pub define_own_property: Option<DefineOwnPropertyFn>,
    /// [[HasProperty]] override.
    pub has_property: Option<HasPropertyFn>,
    /// [[Get]] override.
    pub get: Option<GetFn>,
    /// [[Set]] override.
    pub set: Option<SetFn>,
    /// [[Delete]] override.
    pub delete: Option<DeleteFn>,
    /// [[OwnPropertyKeys]] override.
    pub own_property_keys: Option<OwnKeysFn>,
    /// [[GetPrototypeOf]] override.
    pub get_prototype_of: Option<GetPrototypeOfFn>,
    /// [[SetPrototypeOf]] override.
    pub set_prototype_of: Option<SetPrototypeOfFn>,
    /// [[IsExtensible]] override.
    pub is_extensible: Option<ExtensibilityFn>,
    /// [[PreventExtensions]] override.
    pub prevent_extensions: Option<ExtensibilityFn>,
    /// [[Call]]: used when the object has `FLAG_CALLABLE`.
    pub call: Option<CallFn>,
    /// [[Construct]]: used when the object has `FLAG_CONSTRUCTOR`.
    pub construct: Option<ConstructFn>,
    /// String- and symbol-keyed properties are ordinary stored properties,
    /// so inline caches may serve them.
    pub ordinary_named: bool,
}

impl ExoticMethods {
    /// A table that overrides nothing (start from it with `..`).
    pub const ORDINARY: ExoticMethods = ExoticMethods {
        get_own_property: None,
        define_own_property: None,
        has_property: None,
        get: None,
        set: None,
        delete: None,
        own_property_keys: None,
        get_prototype_of: None,
        set_prototype_of: None,
        is_extensible: None,
        prevent_extensions: None,
        call: None,
        construct: None,
        ordinary_named: true,
    };
}

/// The internal slots of an exotic object.
pub trait ExoticObject: Trace + Any {
    /// The internal methods of objects with this data.
    fn methods(&self) -> &'static ExoticMethods;
    /// What `Object.prototype.toString` reports when the object has no
    /// `@@toStringTag` (20.1.3.6 step 7 builtinTag; "Object" if none).
    fn builtin_tag(&self) -> &'static str;
    /// `self` as `Any`, to downcast to the concrete type.
    fn as_any(&self) -> &dyn Any;
    /// `self` as mutable `Any`, to downcast to the concrete type.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl JsObject {
    /// The exotic methods of an object with [`FLAG_EXOTIC`].
    #[inline]
    pub fn exotic_methods(&self) -> Option<&'static ExoticMethods> {
        if self.flags & FLAG_EXOTIC == 0 {
            return None;
        }
        match &self.kind {
            ObjectKind::Exotic(data) => Some(data.methods()),
            _ => None,
        }
    }

    /// The exotic data of type `T`, if this object has it.
    pub fn exotic_data<T: ExoticObject>(&self) -> Option<&T> {
        match &self.kind {
            ObjectKind::Exotic(data) => data.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }
}

impl Runtime {
    /// A new exotic object (extensible, no properties).
    pub fn new_exotic_object(
        &mut self,
        proto: Value,
        data: Box<dyn ExoticObject>,
    ) -> JsResult<Gc<JsObject>> {
        self.new_object_with(proto, ObjectKind::Exotic(data), FLAG_EXOTIC)
    }

    /// Runs `f` on the exotic data of type `T` of `o` (None if `o` has none).
    /// `f` gets no runtime, so it cannot allocate or run JavaScript while it
    /// holds the data.
    pub(crate) fn with_exotic_data_mut<T: ExoticObject, R>(
        &mut self,
        o: Gc<JsObject>,
        f: impl FnOnce(&mut T) -> R,
    ) -> Option<R> {
        // SAFETY: exclusive access for the duration of `f`, which cannot
        // reach the runtime or the object (see above).
        match unsafe { o.get_mut() }.kind_mut() {
            ObjectKind::Exotic(data) => data.as_any_mut().downcast_mut::<T>().map(f),
            _ => None,
        }
    }
}
