//! Objects: layout, kinds and property storage.
//!
//! # Layout (`#[repr(C)]`, offsets from the cell address)
//!
//! | offset | field                   | notes                                            |
//! |--------|-------------------------|--------------------------------------------------|
//! | 0      | cell header             | vtable pointer + mark bit (see `gc`)             |
//! | 8      | `shape: Gc<Shape>`      | [`OBJECT_SHAPE_OFFSET`]                          |
//! | 16     | `proto: Value`          | object or null, [`OBJECT_PROTO_OFFSET`]          |
//! | 24     | `flags: u32`            | `FLAG_*`, [`OBJECT_FLAGS_OFFSET`]                |
//! | 28     | `array_length: u32`     | arrays only, [`OBJECT_ARRAY_LENGTH_OFFSET`]      |
//! | 32     | `slots: ValueVec`       | overflow slots: ptr, len u32, cap u32            |
//! | 48     | `elements: ValueVec`    | dense elements (holes allowed)                   |
//! | 64     | `inline: [Value; 4]`    | slots 0..4, [`OBJECT_INLINE_SLOTS_OFFSET`]       |
//! | 96     | sparse elements, kind   | Rust-only                                        |
//!
//! (The exact numbers are checked by a unit test; use the constants.)
//!
//! A coroutine object (generator, async generator, async activation) keeps
//! its coroutine record in the memory of the inline slots: its shapes
//! descend from a root that reserves slots `0..INLINE_SLOTS`
//! ([`shape::SHAPE_FLAG_RESERVED_INLINE`]), so its properties live in the
//! overflow slots and no inline cache reads its inline slots.
//!
//! Slot `i` of the shape is `inline[i]` for `i < INLINE_SLOTS`, else
//! `slots[i - INLINE_SLOTS]`. An inline cache for a named load therefore
//! compiles to: check tag, load shape, compare with the cached shape, load
//! the slot at a constant offset (one more load for overflow slots). For an
//! accessor the slot holds the getter and the next slot the setter.
//!
//! Integer-indexed properties (array indices) of *every* object live in the
//! elements, not in the shape: dense `elements[i]` (a hole means "absent,
//! look further"), with a sparse ordered map for far-away indices and for
//! elements whose attributes are not the default (writable, enumerable,
//! configurable). Hence the JIT's element fast path: `i < elements.len` and
//! `elements[i] != HOLE` means an own, plain data element; writing over a
//! non-hole dense element is always allowed.
//!
//! The prototype is an object field, not part of the shape.
//! `FLAG_EXTENSIBLE` must be tested by an IC that *adds* a property.
//!
//! # Kinds
//!
//! [`ObjectKind`] carries the data of exotic and built-in objects (arrays,
//! native functions, primitive wrappers, errors) and a `Host` escape hatch
//! for types defined elsewhere (closures of the backend, Maps, Promises, ...),
//! whose calls go through the runtime's [`crate::runtime::HostHooks`].
//! Internal methods dispatch on the kind (see [`ordinary`], [`array`]).

pub mod arguments;
pub mod array;
pub mod elements;
pub mod exotic;
pub mod native_closure;
pub mod operations;
pub mod ordinary;
pub(crate) mod private;
pub mod property;
pub mod proxy;
pub mod regexp;
pub mod shape;
pub mod template;
pub mod value_vec;

use std::any::Any;

use crate::backend::Closure;
use crate::gc::{Gc, HeapObject, Trace, Tracer, CELL_BODY_OFFSET};
use crate::runtime::Runtime;
use crate::string::JsString;
use crate::symbol::Symbol;
use crate::value::Value;
use crate::JsResult;
use elements::SparseElements;
pub use exotic::{ExoticMethods, ExoticObject, FLAG_EXOTIC};
pub use property::{Attributes, PropertyDescriptor, PropertyKey};
pub use shape::Shape;
use value_vec::ValueVec;

/// Slots stored inside the object.
pub const INLINE_SLOTS: usize = 4;

/// [[Extensible]].
pub const FLAG_EXTENSIBLE: u32 = 1;
/// Has [[Call]].
pub const FLAG_CALLABLE: u32 = 2;
/// Has [[Construct]].
pub const FLAG_CONSTRUCTOR: u32 = 4;
/// Array exotic object (10.4.2).
pub const FLAG_ARRAY: u32 = 8;
/// The array's `length` is not writable.
pub const FLAG_LENGTH_READONLY: u32 = 16;
/// Some elements live in the sparse map.
pub const FLAG_SPARSE: u32 = 32;
/// The kind is [`ObjectKind::Function`]: the closure pointer is at
/// [`OBJECT_CLOSURE_OFFSET`] (the JIT's inline call path tests this bit).
pub const FLAG_CLOSURE: u32 = 64;
/// A built-in object whose table properties are not created yet
/// (`runtime::builtins`, "Lazy properties"): every path that reads or
/// changes its own properties calls [`Runtime::materialize`] first. Its
/// shape is a dictionary until then, so no inline cache records it.
pub const FLAG_LAZY: u32 = 1 << 12;

/// Offset of the `Gc<Shape>` from the cell address.
pub const OBJECT_SHAPE_OFFSET: usize = CELL_BODY_OFFSET + std::mem::offset_of!(JsObject, shape);
/// Offset of the prototype (a `Value`: object or null).
pub const OBJECT_PROTO_OFFSET: usize = CELL_BODY_OFFSET + std::mem::offset_of!(JsObject, proto);
/// Offset of the `u32` `FLAG_*` bits.
pub const OBJECT_FLAGS_OFFSET: usize = CELL_BODY_OFFSET + std::mem::offset_of!(JsObject, flags);
/// Offset of the `u32` array `length` (arrays only).
pub const OBJECT_ARRAY_LENGTH_OFFSET: usize =
    CELL_BODY_OFFSET + std::mem::offset_of!(JsObject, array_length);
/// Offset of the overflow slot vector (a `ValueVec`: ptr +0, len +8).
pub const OBJECT_SLOTS_OFFSET: usize = CELL_BODY_OFFSET + std::mem::offset_of!(JsObject, slots);
/// Offset of the dense element vector (a `ValueVec`: ptr +0, len +8).
pub const OBJECT_ELEMENTS_OFFSET: usize =
    CELL_BODY_OFFSET + std::mem::offset_of!(JsObject, elements);
/// Offset of the inline slots (`[Value; INLINE_SLOTS]`: slots `0..INLINE_SLOTS`).
pub const OBJECT_INLINE_SLOTS_OFFSET: usize =
    CELL_BODY_OFFSET + std::mem::offset_of!(JsObject, inline);
/// Offset of the [`ObjectKind`] (a `#[repr(u8)]` enum: tag byte, then the
/// variant's fields at their `repr(C)` offsets).
pub const OBJECT_KIND_OFFSET: usize = CELL_BODY_OFFSET + std::mem::offset_of!(JsObject, kind);
/// Offset of the `Gc<Closure>` of an [`ObjectKind::Function`] object (only
/// meaningful when [`FLAG_CLOSURE`] is set; checked by a unit test).
pub const OBJECT_CLOSURE_OFFSET: usize = OBJECT_KIND_OFFSET + 8;
/// The tag byte (at [`OBJECT_KIND_OFFSET`]) of an
/// [`ObjectKind::NativeFunction`] (checked by a unit test).
pub const NATIVE_FUNCTION_TAG: u8 = 2;
/// Offset of the [[Call]] function pointer ([`NativeFunction::call`]) of an
/// [`ObjectKind::NativeFunction`] object: compiled code recognises the Math
/// functions it runs inline by it (checked by a unit test).
pub const OBJECT_NATIVE_CALL_OFFSET: usize = OBJECT_KIND_OFFSET + 8;

/// A native (Rust) function: `this`, the arguments, and the runtime.
pub type NativeFn = fn(&mut Runtime, this: Value, args: &[Value]) -> JsResult<Value>;
/// A native constructor: the arguments and NewTarget (10.3.2 [[Construct]]).
pub type NativeCtorFn =
    fn(&mut Runtime, args: &[Value], new_target: Gc<JsObject>) -> JsResult<Value>;

/// The behaviour of a built-in function object (10.3). `repr(C)`: `call`
/// comes first, at [`OBJECT_NATIVE_CALL_OFFSET`] in the object.
#[derive(Clone, Copy)]
#[repr(C)]
pub struct NativeFunction {
    /// What [[Call]] runs (10.3.1).
    pub call: NativeFn,
    /// What [[Construct]] runs (10.3.2); `None` throws a TypeError even when the
    /// object has [`FLAG_CONSTRUCTOR`].
    pub construct: Option<NativeCtorFn>,
}

/// Data of objects defined outside this module (closures, collections, ...).
pub trait HostData: Trace + Any {
    /// The name of the host type, e.g. `"RegExp"`.
    fn class_name(&self) -> &'static str;
    /// `self` as `Any`, to downcast to the concrete type.
    fn as_any(&self) -> &dyn Any;
    /// `self` as mutable `Any`, to downcast to the concrete type.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// A bound function exotic object's internal slots (10.4.1).
pub struct BoundFunction {
    /// [[BoundTargetFunction]]
    pub target: Gc<JsObject>,
    /// [[BoundThis]]
    pub this: Value,
    /// [[BoundArguments]]
    pub args: Vec<Value>,
}

// SAFETY: reports the target, this and every bound argument.
unsafe impl Trace for BoundFunction {
    fn trace(&self, tracer: &mut Tracer) {
        self.target.trace(tracer);
        tracer.mark_value(self.this);
        for v in &self.args {
            tracer.mark_value(*v);
        }
    }
}

/// What kind of object this is; see the module docs.
///
/// `#[repr(u8)]` gives the enum a defined layout (a tag byte, then each
/// variant's fields as in a `repr(C)` struct), so compiled code can read the
/// closure of a [`ObjectKind::Function`] at [`OBJECT_CLOSURE_OFFSET`].
#[repr(u8)]
pub enum ObjectKind {
    /// An ordinary object (10.1) with no further internal slots.
    Ordinary,
    /// An Array exotic object (10.4.2); the object has [`FLAG_ARRAY`].
    Array,
    /// A built-in function object implemented in Rust (10.3) and its
    /// [[Realm]] (10.3.4 CreateBuiltinFunction step 6). The realm comes
    /// first so that it fits between the tag and the function pointers
    /// (the kind stays 24 bytes).
    NativeFunction(crate::runtime::RealmId, NativeFunction),
    /// An ECMAScript function object (10.2) compiled by the backend.
    Function(Gc<Closure>),
    /// A bound function exotic object (10.4.1).
    BoundFunction(Box<BoundFunction>),

    /// Has an [[ErrorData]] slot (20.5).
    Error,
    /// A Boolean object (20.3.4: [[BooleanData]]).
    Boolean(bool),
    /// A Number object (21.1.4: [[NumberData]]).
    Number(f64),
    /// String exotic object (10.4.3).
    String(Gc<JsString>),
    /// A Symbol object (20.4.4: [[SymbolData]]).
    Symbol(Gc<Symbol>),
    /// A Date object (21.4.5: [[DateValue]], a time value or NaN).
    Date(f64),
    /// A BigInt wrapper object (21.2.4: [[BigIntData]]).
    BigInt(Gc<crate::bigint::JsBigInt>),
    /// Data of a type defined outside this module (see [`HostData`]).
    Host(Box<dyn HostData>),
    /// An exotic object with its own internal methods ([`exotic`]); the
    /// object has [`FLAG_EXOTIC`].
    Exotic(Box<dyn ExoticObject>),
    /// A built-in function with one internal slot, held inline (10.3.4
    /// CreateBuiltinFunction with `additionalInternalSlotsList`): the
    /// resolving functions of a promise's first pair and other one-slot
    /// [`native_closure`]s, without a separate allocation. Read and write
    /// the slot with [`native_closure::closure_slot`] /
    /// [`native_closure::set_closure_slot`].
    NativeClosure1(native_closure::ClosureFn, std::cell::Cell<Value>),
    /// A promise (27.2.6): its internal slots live in the object's inline
    /// slots, which its shape reserves (see `builtins/promise/state.rs`).
    Promise(crate::builtins::promise::PromiseRef),
    /// A generator object (27.5), an async generator object (27.6) or the
    /// hidden object of an async function's activation: the coroutine's
    /// slots and frame live in the object's own cell, after the object.
    Coroutine(crate::backend::coroutine::CoroutineRef),
}

// Every object carries its kind: keep it at 24 bytes (64-bit targets).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<ObjectKind>() == 24);

impl ObjectKind {
    /// Whether dropping the kind frees something (a box, or a coroutine's
    /// record). Exhaustive on purpose: a new kind must say.
    #[inline]
    fn owns_memory(&self) -> bool {
        match self {
            ObjectKind::BoundFunction(_)
            | ObjectKind::Host(_)
            | ObjectKind::Exotic(_)
            | ObjectKind::Coroutine(_) => true,
            // Only while reactions are stored out of line.
            ObjectKind::Promise(p) => p.get().owns_memory(),
            ObjectKind::Ordinary
            | ObjectKind::Array
            | ObjectKind::NativeFunction(..)
            | ObjectKind::Function(_)
            | ObjectKind::Error
            | ObjectKind::Boolean(_)
            | ObjectKind::Number(_)
            | ObjectKind::String(_)
            | ObjectKind::Symbol(_)
            | ObjectKind::Date(_)
            | ObjectKind::BigInt(_)
            | ObjectKind::NativeClosure1(..) => false,
        }
    }
}

// The payloads `owns_memory` calls free to drop.
const _: () = {
    assert!(!std::mem::needs_drop::<crate::runtime::RealmId>());
    assert!(!std::mem::needs_drop::<NativeFunction>());
    assert!(!std::mem::needs_drop::<Gc<Closure>>());
    assert!(!std::mem::needs_drop::<Gc<JsString>>());
    assert!(!std::mem::needs_drop::<Gc<Symbol>>());
    assert!(!std::mem::needs_drop::<Gc<crate::bigint::JsBigInt>>());
    assert!(!std::mem::needs_drop::<native_closure::ClosureFn>());
    assert!(!std::mem::needs_drop::<std::cell::Cell<Value>>());
};

// SAFETY: reports the values the kind holds.
unsafe impl Trace for ObjectKind {
    fn trace(&self, tracer: &mut Tracer) {
        match self {
            ObjectKind::String(s) => s.trace(tracer),
            ObjectKind::Symbol(s) => s.trace(tracer),
            ObjectKind::BigInt(b) => b.trace(tracer),
            ObjectKind::Host(h) => h.trace(tracer),
            ObjectKind::Exotic(e) => e.trace(tracer),
            ObjectKind::Function(c) => c.trace(tracer),
            ObjectKind::BoundFunction(b) => b.trace(tracer),
            ObjectKind::NativeClosure1(_, slot) => tracer.mark_value(slot.get()),
            ObjectKind::Promise(p) => p.trace(tracer),
            ObjectKind::Coroutine(c) => c.trace(tracer),
            _ => {}
        }
    }
}

/// An object cell; see the module docs for the layout.
#[repr(C)]
pub struct JsObject {
    shape: Gc<Shape>,
    proto: Value,
    flags: u32,
    array_length: u32,
    slots: ValueVec,
    elements: ValueVec,
    inline: [Value; INLINE_SLOTS],
    sparse: Option<Box<SparseElements>>,
    kind: ObjectKind,
}

// SAFETY: reports shape, prototype, every slot, every element and the kind.
unsafe impl Trace for JsObject {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_cell(self.shape.addr());
        tracer.mark_value(self.proto);
        // A coroutine object's inline slot memory holds its record, traced
        // with its kind (its shape reserves those slots).
        let used = if self.shape.reserves_inline() {
            0
        } else {
            self.shape.slot_count() as usize
        };
        for v in &self.inline[..used.min(INLINE_SLOTS)] {
            tracer.mark_value(*v);
        }
        for v in self.slots.as_slice() {
            tracer.mark_value(*v);
        }
        for v in self.elements.as_slice() {
            tracer.mark_value(*v);
        }
        if let Some(s) = &self.sparse {
            s.trace(tracer);
        }
        self.kind.trace(tracer);
    }
}

impl HeapObject for JsObject {
    const NAME: &'static str = "Object";

    /// An object whose properties and elements fit its inline slots and
    /// whose kind owns nothing (most short-lived instances: plain objects,
    /// promises, closures, resolving functions) has nothing to free.
    #[inline]
    fn drop_is_noop(&self) -> bool {
        !self.kind.owns_memory()
            && self.slots.capacity() == 0
            && self.elements.capacity() == 0
            && self.sparse.is_none()
    }
}

/// An own property as stored (the storage layer's view of a descriptor).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StoredProperty {
    /// A data property: its value and attributes.
    Data(Value, Attributes),
    /// An accessor property.
    Accessor {
        /// The getter: a function or undefined.
        get: Value,
        /// The setter: a function or undefined.
        set: Value,
        /// The attributes (enumerable, configurable).
        attrs: Attributes,
    },
}

impl StoredProperty {
    /// The attributes of either form.
    pub fn attrs(&self) -> Attributes {
        match self {
            StoredProperty::Data(_, a) => *a,
            StoredProperty::Accessor { attrs, .. } => *attrs,
        }
    }

    /// The complete Property Descriptor (6.2.6) this property stores.
    pub fn to_descriptor(self) -> PropertyDescriptor {
        match self {
            StoredProperty::Data(v, a) => PropertyDescriptor::data(v, a),
            StoredProperty::Accessor { get, set, attrs } => {
                PropertyDescriptor::accessor(get, set, attrs)
            }
        }
    }
}

// SAFETY: reports the value or the accessor pair.
unsafe impl Trace for StoredProperty {
    fn trace(&self, tracer: &mut Tracer) {
        match self {
            StoredProperty::Data(v, _) => tracer.mark_value(*v),
            StoredProperty::Accessor { get, set, .. } => {
                tracer.mark_value(*get);
                tracer.mark_value(*set);
            }
        }
    }
}

impl JsObject {
    /// A new extensible object of `shape` (`flags` plus
    /// [`FLAG_EXTENSIBLE`]) with no stored values yet: the body the
    /// object constructors put in a cell.
    #[inline]
    fn blank(shape: Gc<Shape>, proto: Value, flags: u32, kind: ObjectKind) -> JsObject {
        JsObject {
            shape,
            proto,
            flags: flags | FLAG_EXTENSIBLE,
            array_length: 0,
            slots: ValueVec::new(),
            elements: ValueVec::new(),
            inline: [Value::UNDEFINED; INLINE_SLOTS],
            sparse: None,
            kind,
        }
    }

    /// The shape: where each named property is stored, with its attributes.
    #[inline]
    pub fn shape(&self) -> Gc<Shape> {
        self.shape
    }

    /// [[Prototype]]: an object or null.
    #[inline]
    pub fn proto(&self) -> Value {
        self.proto
    }

    /// The `FLAG_*` bits.
    #[inline]
    pub fn flags(&self) -> u32 {
        self.flags
    }

    /// The kind and its internal slots.
    #[inline]
    pub fn kind(&self) -> &ObjectKind {
        &self.kind
    }

    /// The kind and its internal slots, mutably.
    #[inline]
    pub fn kind_mut(&mut self) -> &mut ObjectKind {
        &mut self.kind
    }

    /// Has [[Call]] ([`FLAG_CALLABLE`]).
    #[inline]
    pub fn is_callable(&self) -> bool {
        self.flags & FLAG_CALLABLE != 0
    }

    /// Has [[Construct]] ([`FLAG_CONSTRUCTOR`]).
    #[inline]
    pub fn is_constructor(&self) -> bool {
        self.flags & FLAG_CONSTRUCTOR != 0
    }

    /// Is an Array exotic object ([`FLAG_ARRAY`]).
    #[inline]
    pub fn is_array(&self) -> bool {
        self.flags & FLAG_ARRAY != 0
    }

    /// The stored [[Extensible]] bit ([`FLAG_EXTENSIBLE`]), read without running
    /// any internal method.
    #[inline]
    pub fn is_extensible_flag(&self) -> bool {
        self.flags & FLAG_EXTENSIBLE != 0
    }

    /// The array's `length` (arrays only).
    #[inline]
    pub fn array_length(&self) -> u32 {
        self.array_length
    }

    /// Dense element storage (holes included).
    pub fn dense_elements(&self) -> &[Value] {
        self.elements.as_slice()
    }

    /// The value in slot `i` of the shape; undefined past the allocated slots.
    #[inline]
    pub fn slot(&self, i: u32) -> Value {
        let i = i as usize;
        if i < INLINE_SLOTS {
            self.inline[i]
        } else {
            self.slots.get(i - INLINE_SLOTS).unwrap_or(Value::UNDEFINED)
        }
    }

    #[inline]
    pub(crate) fn set_slot(&mut self, i: u32, v: Value) {
        let i = i as usize;
        if i < INLINE_SLOTS {
            self.inline[i] = v;
        } else if let Some(s) = self.slots.as_mut_slice().get_mut(i - INLINE_SLOTS) {
            *s = v;
        }
    }

    /// Makes room for `count` slots; returns the bytes allocated.
    fn ensure_slots(&mut self, count: u32) -> Result<usize, value_vec::CapacityError> {
        let count = count as usize;
        if count > INLINE_SLOTS && self.slots.len() < count - INLINE_SLOTS {
            return self.slots.resize(count - INLINE_SLOTS, Value::UNDEFINED);
        }
        Ok(0)
    }

    /// Reads a stored named property.
    fn stored_named(&self, key: PropertyKey) -> Option<StoredProperty> {
        let e = self.shape.lookup(key)?;
        Some(if e.attrs.is_accessor() {
            StoredProperty::Accessor {
                get: self.slot(e.slot),
                set: self.slot(e.slot + 1),
                attrs: e.attrs,
            }
        } else {
            StoredProperty::Data(self.slot(e.slot), e.attrs)
        })
    }

    /// Reads an own property from storage (no exotic behaviour).
    pub fn stored_property(&self, key: PropertyKey) -> Option<StoredProperty> {
        match key {
            PropertyKey::Index(i) => self.get_element(i),
            _ => self.stored_named(key),
        }
    }
}

impl Runtime {
    /// A new object with the given prototype, kind and flags (FLAG_EXTENSIBLE
    /// is added).
    pub fn new_object_with(
        &mut self,
        proto: Value,
        kind: ObjectKind,
        flags: u32,
    ) -> JsResult<Gc<JsObject>> {
        debug_assert!(proto.is_null() || proto.is_object());
        let shape = self.empty_shape;
        self.alloc_with(|| JsObject::blank(shape, proto, flags, kind))
    }

    /// A new ordinary-kind object in a cell of `cell_size` bytes (at least
    /// [`crate::gc::cell_size_of`]`::<JsObject>()`): the bytes after the
    /// object are a tail the caller initialises before its next allocation
    /// and hands to the object's kind (a coroutine object's slots and
    /// frame, `backend::coroutine`).
    pub(crate) fn new_object_with_tail(
        &mut self,
        proto: Value,
        flags: u32,
        cell_size: usize,
    ) -> JsResult<Gc<JsObject>> {
        debug_assert!(proto.is_null() || proto.is_object());
        let shape = self.coroutine_shape;
        self.alloc_with_tail(
            JsObject::blank(shape, proto, flags, ObjectKind::Ordinary),
            cell_size,
        )
    }

    /// A new object that starts with `shape` and the given slot values (for
    /// objects created in bulk with a known layout, e.g. native functions).
    pub(crate) fn new_object_with_shape(
        &mut self,
        proto: Value,
        kind: ObjectKind,
        flags: u32,
        shape: Gc<Shape>,
        slots: &[Value],
    ) -> JsResult<Gc<JsObject>> {
        debug_assert!(slots.len() <= INLINE_SLOTS && shape.slot_count() as usize == slots.len());
        let mut inline = [Value::UNDEFINED; INLINE_SLOTS];
        inline[..slots.len()].copy_from_slice(slots);
        self.alloc(JsObject {
            inline,
            ..JsObject::blank(shape, proto, flags, kind)
        })
    }

    /// 10.1.12 OrdinaryObjectCreate(%Object.prototype%).
    pub fn new_object(&mut self) -> JsResult<Gc<JsObject>> {
        let proto = self.intrinsic(crate::runtime::Intrinsic::ObjectPrototype);
        self.new_object_with(proto, ObjectKind::Ordinary, 0)
    }

    /// 10.1.12 OrdinaryObjectCreate(proto).
    pub fn new_object_with_proto(&mut self, proto: Value) -> JsResult<Gc<JsObject>> {
        self.new_object_with(proto, ObjectKind::Ordinary, 0)
    }

    /// Accounts for element storage grown by a direct write (or turns its
    /// failure into a RangeError).
    pub(crate) fn note_element_growth(
        &mut self,
        r: Result<usize, value_vec::CapacityError>,
    ) -> JsResult<()> {
        self.note_growth(r)
    }

    fn note_growth(&mut self, r: Result<usize, value_vec::CapacityError>) -> JsResult<()> {
        match r {
            Ok(bytes) => {
                self.heap.note_external_alloc(bytes);
                // The heap limit (runtime::limits) counts element storage.
                if self.max_heap().is_some() {
                    self.check_heap_limit()?;
                }
                Ok(())
            }
            Err(_) => Err(self.range_error("Out of memory: object too large")),
        }
    }

    /// Creates or replaces an own property in storage with exactly `prop`
    /// (no validation: callers implement the spec checks).
    pub(crate) fn store_property(
        &mut self,
        obj: Gc<JsObject>,
        key: PropertyKey,
        prop: StoredProperty,
    ) -> JsResult<()> {
        self.materialize(obj)?;
        if let PropertyKey::Index(i) = key {
            let r = {
                // SAFETY: exclusive access for the duration of the call; no
                // other reference to the object is live.
                let o = unsafe { obj.get_mut() };
                o.put_element(i, prop)
            };
            return self.note_growth(r);
        }
        let attrs = prop.attrs();
        let shape = obj.shape;
        if obj.flags & crate::runtime::inline_cache::FLAG_WATCHED != 0
            && shape.lookup(key).is_none_or(|e| e.attrs != attrs)
        {
            // A prototype-chain cache entry may depend on this object.
            crate::runtime::inline_cache::bump_proto_epoch();
        }
        let slot = match shape.lookup(key) {
            None if shape.is_dictionary() => shape.dict_add(key, attrs),
            None if shape.property_count() >= shape::MAX_SHARED_SHAPE_PROPERTIES => {
                let dict = self.shape_to_dictionary(shape)?;
                // SAFETY: short exclusive access.
                unsafe { obj.get_mut() }.shape = dict;
                dict.dict_add(key, attrs)
            }
            None => {
                let next = self.shape_add(shape, key, attrs)?;
                // SAFETY: short exclusive access.
                unsafe { obj.get_mut() }.shape = next;
                next.last_entry().expect("added").slot
            }
            Some(e) if e.attrs == attrs => e.slot,
            Some(_) if shape.is_dictionary() => {
                shape.dict_reconfigure(key, attrs).expect("present").slot
            }
            // A shared shape stays shared: a dictionary would end inline
            // caching on the object for good (the host's `performance`
            // accessor, redefined as a data property by `var performance =
            // ...`, made the global object a dictionary).
            Some(_) => {
                let new_shape =
                    self.shape_replay(shape, |e| if e.key == key { attrs } else { e.attrs })?;
                self.move_replayed_slots(obj, shape, new_shape, key)?;
                new_shape.lookup(key).expect("present").slot
            }
        };
        let count = obj.shape.slot_count();
        // SAFETY: short exclusive access.
        let r = unsafe { obj.get_mut() }.ensure_slots(count);
        self.note_growth(r)?;
        // SAFETY: short exclusive access.
        let o = unsafe { obj.get_mut() };
        match prop {
            StoredProperty::Data(v, _) => o.set_slot(slot, v),
            StoredProperty::Accessor { get, set, .. } => {
                o.set_slot(slot, get);
                o.set_slot(slot + 1, set);
            }
        }
        Ok(())
    }

    /// Switches `obj` from `old` to `new`, a replay of it
    /// ([`Runtime::shape_replay`]) in which `key` changed attributes: when
    /// `key` changed between data and accessor, the properties after it
    /// move to their new slots (`key`'s own slots are the caller's).
    fn move_replayed_slots(
        &mut self,
        obj: Gc<JsObject>,
        old: Gc<shape::Shape>,
        new: Gc<shape::Shape>,
        key: PropertyKey,
    ) -> JsResult<()> {
        let mut moved = Vec::new();
        for (o, n) in old.entries().iter().zip(new.entries().iter()) {
            if o.key != key && o.slot != n.slot {
                for i in 0..o.attrs.slot_width() {
                    moved.push((n.slot + i, obj.slot(o.slot + i)));
                }
            }
        }
        if !moved.is_empty() {
            // Room for both layouts before anything moves; no collection
            // runs between reading the values and storing them.
            let count = old.slot_count().max(new.slot_count());
            // SAFETY: short exclusive access.
            let r = unsafe { obj.get_mut() }.ensure_slots(count);
            self.note_growth(r)?;
        }
        // SAFETY: short exclusive access; no allocation.
        let o = unsafe { obj.get_mut() };
        o.shape = new;
        for (slot, v) in moved {
            o.set_slot(slot, v);
        }
        // An accessor became a data property: the last slot is no
        // longer used (nothing may stay alive through it).
        for slot in new.slot_count()..old.slot_count() {
            o.set_slot(slot, Value::UNDEFINED);
        }
        Ok(())
    }

    /// Adds new own named properties to `obj` in one step (for objects built
    /// from a table, such as the built-ins): the shape becomes the one that
    /// adding `props` one by one with [`Runtime::store_property`] would reach
    /// (the same transitions, a dictionary past
    /// [`shape::MAX_SHARED_SHAPE_PROPERTIES`]), without looking any key up,
    /// and the slots are sized once and written at once. `values` holds one
    /// value per data property and a getter and a setter per accessor, in
    /// order. No key may be an index or already be an own property of `obj`.
    /// The values are not reachable from `obj` until the end: the caller
    /// keeps them alive (the realm is built with collection inhibited).
    pub(crate) fn add_own_properties(
        &mut self,
        obj: Gc<JsObject>,
        props: &[(PropertyKey, Attributes)],
        values: &[Value],
    ) -> JsResult<()> {
        debug_assert_eq!(
            props
                .iter()
                .map(|(_, a)| a.slot_width() as usize)
                .sum::<usize>(),
            values.len()
        );
        self.materialize(obj)?;
        let mut shape = obj.shape;
        if obj.flags & crate::runtime::inline_cache::FLAG_WATCHED != 0 {
            crate::runtime::inline_cache::bump_proto_epoch();
        }
        let mut slots = Vec::with_capacity(props.len());
        for &(key, attrs) in props {
            debug_assert!(!matches!(key, PropertyKey::Index(_)));
            let slot = if shape.is_dictionary() {
                shape.dict_add(key, attrs)
            } else if shape.property_count() >= shape::MAX_SHARED_SHAPE_PROPERTIES {
                shape = self.shape_to_dictionary(shape)?;
                shape.dict_add(key, attrs)
            } else {
                shape = self.shape_add(shape, key, attrs)?;
                shape.last_entry().expect("added").slot
            };
            slots.push(slot);
        }
        // SAFETY: short exclusive access.
        let r = unsafe { obj.get_mut() }.ensure_slots(shape.slot_count());
        self.note_growth(r)?;
        // SAFETY: short exclusive access; no allocation until the end.
        let o = unsafe { obj.get_mut() };
        o.shape = shape;
        let mut next = values.iter().copied();
        for (&(_, attrs), &slot) in props.iter().zip(&slots) {
            for i in 0..attrs.slot_width() {
                o.set_slot(slot + i, next.next().unwrap_or(Value::UNDEFINED));
            }
        }
        Ok(())
    }

    /// Overwrites the value of an existing own data property (no checks).
    pub(crate) fn store_value(&mut self, obj: Gc<JsObject>, key: PropertyKey, v: Value) -> bool {
        // SAFETY: short exclusive access.
        let o = unsafe { obj.get_mut() };
        match key {
            PropertyKey::Index(i) => o.overwrite_element(i, v),
            _ => match o.shape.lookup(key) {
                Some(e) if !e.attrs.is_accessor() => {
                    o.set_slot(e.slot, v);
                    true
                }
                _ => false,
            },
        }
    }

    /// Removes an own property from storage (no checks).
    pub(crate) fn remove_property(&mut self, obj: Gc<JsObject>, key: PropertyKey) -> JsResult<()> {
        self.materialize(obj)?;
        if let PropertyKey::Index(i) = key {
            // SAFETY: short exclusive access.
            unsafe { obj.get_mut() }.remove_element(i);
            return Ok(());
        }
        let shape = obj.shape;
        let Some(e) = shape.lookup(key) else {
            return Ok(());
        };
        if obj.flags & crate::runtime::inline_cache::FLAG_WATCHED != 0 {
            crate::runtime::inline_cache::bump_proto_epoch();
        }
        let new_shape = if shape.is_dictionary() {
            shape.dict_remove(key);
            shape
        } else if shape.last_entry().map(|l| l.key) == Some(key) {
            shape.parent().expect("a shape with an entry has a parent")
        } else {
            let d = self.shape_to_dictionary(shape)?;
            d.dict_remove(key);
            d
        };
        // SAFETY: short exclusive access.
        let o = unsafe { obj.get_mut() };
        o.shape = new_shape;
        o.set_slot(e.slot, Value::UNDEFINED);
        if e.attrs.is_accessor() {
            o.set_slot(e.slot + 1, Value::UNDEFINED);
        }
        Ok(())
    }

    /// Makes room for `count` slots in `obj` (a cached transition to a
    /// shape with an overflow slot, `runtime/inline_cache`), counting the
    /// growth against the heap as [`Runtime::store_property`] does. May
    /// collect (at the heap limit): the caller's values are on the stack.
    pub(crate) fn grow_slots(&mut self, obj: Gc<JsObject>, count: u32) -> JsResult<()> {
        // SAFETY: short exclusive access.
        let r = unsafe { obj.get_mut() }.ensure_slots(count);
        self.note_growth(r)
    }

    pub(crate) fn set_object_flags(&mut self, obj: Gc<JsObject>, set: u32, clear: u32) {
        // SAFETY: short exclusive access.
        let o = unsafe { obj.get_mut() };
        o.flags = (o.flags | set) & !clear;
    }

    /// Replaces the shape without touching the slots (lazy built-in
    /// objects, `runtime::builtins`): the slots must match the new shape.
    pub(crate) fn set_shape_raw(&mut self, obj: Gc<JsObject>, shape: Gc<Shape>) {
        // SAFETY: short exclusive access.
        unsafe { obj.get_mut() }.shape = shape;
    }

    pub(crate) fn set_array_length_raw(&mut self, obj: Gc<JsObject>, len: u32) {
        // SAFETY: short exclusive access.
        unsafe { obj.get_mut() }.array_length = len;
    }

    pub(crate) fn set_proto_raw(&mut self, obj: Gc<JsObject>, proto: Value) {
        if obj.flags & crate::runtime::inline_cache::FLAG_WATCHED != 0 {
            crate::runtime::inline_cache::bump_proto_epoch();
        }
        // SAFETY: short exclusive access.
        unsafe { obj.get_mut() }.proto = proto;
    }
}

#[cfg(test)]
mod tests;
