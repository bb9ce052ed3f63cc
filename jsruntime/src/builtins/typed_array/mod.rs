//! Typed arrays (23.2): %TypedArray% and its prototype ([`prototype`],
//! [`methods`]), the twelve constructors ([`constructor`]), and the
//! TypedArray exotic objects (10.4.5) with their abstract operations (here).
//!
//! A typed array is an exotic object ([`ObjectKind::Exotic`]) whose data is
//! a [`TypedArrayData`]: [[TypedArrayName]] / [[ContentType]] (the element
//! type), [[ViewedArrayBuffer]] (traced), [[ByteOffset]] and [[ArrayLength]]
//! (`None`: ~auto~, a length-tracking view of a resizable buffer). Its
//! length is never stored: it is computed from the buffer's current length
//! on each access (TypedArrayLength), so resizing and detaching need no
//! bookkeeping on the views. Canonical numeric keys never reach the
//! object's own storage; other keys are ordinary.

pub(crate) mod constructor;
mod methods;
mod prototype;

use std::any::Any;

use crate::builtins::array_buffer::{buffer_data, BufferData, ElementType, Raw};
use crate::gc::{Gc, Trace, Tracer};
use crate::object::exotic::FLAG_TYPED_ARRAY;
use crate::object::exotic::{ExoticMethods, ExoticObject};
use crate::object::{Attributes, FLAG_EXOTIC};
use crate::object::{JsObject, ObjectKind, PropertyDescriptor, PropertyKey, StoredProperty};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
pub(crate) use constructor::TYPED_ARRAY;
pub(crate) use prototype::{length_fast, TYPED_ARRAY_PROTOTYPE};

/// The internal slots of a TypedArray (23.2.7, Table 73).
pub(crate) struct TypedArrayData {
    /// [[TypedArrayName]] and [[ContentType]].
    pub(crate) ty: ElementType,
    /// [[ViewedArrayBuffer]].
    pub(crate) buffer: Gc<JsObject>,
    /// [[ByteOffset]].
    pub(crate) byte_offset: usize,
    /// [[ArrayLength]]; `None` is ~auto~ (length-tracking).
    pub(crate) length: Option<usize>,
    /// The [[ArrayBufferData]] of `buffer`, found once: the buffer's data
    /// lives in a box of its own that never moves or changes kind, and the
    /// view keeps the buffer alive (it traces it).
    buffer_data: *const BufferData,
    /// For compiled code: the address of element 0 (the buffer's data
    /// pointer, which never moves, plus [[ByteOffset]]; meaningless once
    /// the buffer is detached, when its length 0 fails every bounds check).
    start: u64,
    /// For compiled code: an int32 index `i` can only be valid when
    /// `i < index_limit` (unsigned): [[ArrayLength]] of a fixed-length view,
    /// capped at 2^31 (so a negative int32 never passes), 2^31 for a
    /// length-tracking one.
    index_limit: u64,
    /// For compiled code: the byte length the buffer needs for the view to
    /// be in bounds (10.4.5.11 IsTypedArrayOutOfBounds): `byte_offset +
    /// length * size` for a fixed-length view, 0 for a length-tracking one
    /// (whose elements are checked one by one against the buffer's length).
    fixed_end: u64,
}

/// Where compiled code finds the `TypedArrayData` of a typed array: the data
/// pointer of the `Box<dyn ExoticObject>` of [`ObjectKind::Exotic`] (the
/// kind is `#[repr(u8)]`: the tag byte, then the box's data pointer and
/// vtable; a unit test checks it).
pub(crate) const OBJECT_TYPED_ARRAY_DATA_OFFSET: usize = crate::object::OBJECT_KIND_OFFSET + 8;
/// Offset of [[TypedArrayName]] (an [`ElementType`] byte) in `TypedArrayData`.
pub(crate) const TYPED_ARRAY_TYPE_OFFSET: usize = std::mem::offset_of!(TypedArrayData, ty);
/// Offset of the cached `*const BufferData` in `TypedArrayData`.
pub(crate) const TYPED_ARRAY_BUFFER_DATA_OFFSET: usize =
    std::mem::offset_of!(TypedArrayData, buffer_data);
/// Offset of [[ByteOffset]] (a `usize`) in `TypedArrayData`.
pub(crate) const TYPED_ARRAY_BYTE_OFFSET_OFFSET: usize =
    std::mem::offset_of!(TypedArrayData, byte_offset);
/// Offset of `start` (a `u64` address) in `TypedArrayData`.
pub(crate) const TYPED_ARRAY_START_OFFSET: usize = std::mem::offset_of!(TypedArrayData, start);
/// Offset of `index_limit` (a `u64`) in `TypedArrayData`.
pub(crate) const TYPED_ARRAY_INDEX_LIMIT_OFFSET: usize =
    std::mem::offset_of!(TypedArrayData, index_limit);
/// Offset of `fixed_end` (a `u64`) in `TypedArrayData`.
pub(crate) const TYPED_ARRAY_FIXED_END_OFFSET: usize =
    std::mem::offset_of!(TypedArrayData, fixed_end);

// SAFETY: reports the viewed buffer, which the view keeps alive.
unsafe impl Trace for TypedArrayData {
    fn trace(&self, tracer: &mut Tracer) {
        self.buffer.trace(tracer);
    }
}

static TYPED_ARRAY_METHODS: ExoticMethods = ExoticMethods {
    get_own_property: Some(get_own_property),
    define_own_property: Some(define_own_property),
    has_property: Some(has_property),
    get: Some(get),
    set: Some(set),
    delete: Some(delete),
    own_property_keys: Some(own_property_keys),
    prevent_extensions: Some(prevent_extensions),
    // "Infinity", "-0", "1.5"... are element keys, not stored properties.
    ordinary_named: false,
    ..ExoticMethods::ORDINARY
};

impl ExoticObject for TypedArrayData {
    fn methods(&self) -> &'static ExoticMethods {
        &TYPED_ARRAY_METHODS
    }
    fn builtin_tag(&self) -> &'static str {
        "Object"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl TypedArrayData {
    /// The slots of a new view of `buffer` (which must be an ArrayBuffer or
    /// SharedArrayBuffer).
    pub(crate) fn new(
        ty: ElementType,
        buffer: Gc<JsObject>,
        byte_offset: usize,
        length: Option<usize>,
    ) -> TypedArrayData {
        let data = match buffer_data(Value::object(buffer)) {
            Some(b) => b,
            // A view is only ever created over a buffer.
            None => unreachable_buffer(),
        };
        const INT32_LIMIT: u64 = 1 << 31;
        let (index_limit, fixed_end) = match length {
            Some(len) => (
                (len as u64).min(INT32_LIMIT),
                // The constructors checked that the view fits its buffer
                // (so this does not overflow); saturate all the same.
                (len as u64)
                    .saturating_mul(ty.size() as u64)
                    .saturating_add(byte_offset as u64),
            ),
            None => (INT32_LIMIT, 0),
        };
        TypedArrayData {
            ty,
            buffer,
            byte_offset,
            length,
            buffer_data: data,
            start: (data.bytes_start() as u64).wrapping_add(byte_offset as u64),
            index_limit,
            fixed_end,
        }
    }

    /// The [[ArrayBufferData]] of the viewed buffer.
    #[inline]
    pub(crate) fn buffer_data(&self) -> &'static BufferData {
        // SAFETY: set in `new` from the buffer, which this view keeps alive
        // and whose data never moves (see the field).
        unsafe { &*self.buffer_data }
    }

    /// 10.4.5.12 TypedArrayLength, or `None` when 10.4.5.11
    /// IsTypedArrayOutOfBounds (detached included).
    pub(crate) fn length(&self) -> Option<usize> {
        let b = self.buffer_data();
        if b.is_detached() {
            return None;
        }
        let buffer_len = b.len();
        let size = self.ty.size();
        match self.length {
            None => {
                if self.byte_offset > buffer_len {
                    return None;
                }
                Some((buffer_len - self.byte_offset) / size)
            }
            Some(len) => {
                let end = self.byte_offset.checked_add(len.checked_mul(size)?)?;
                (self.byte_offset <= buffer_len && end <= buffer_len).then_some(len)
            }
        }
    }

    /// 10.4.5.10 TypedArrayByteLength (0 when out of bounds).
    pub(crate) fn byte_length(&self) -> usize {
        self.length().map_or(0, |l| l * self.ty.size())
    }

    /// 10.4.5.14 IsValidIntegerIndex as an element index.
    #[inline]
    pub(crate) fn valid_index(&self, index: f64) -> Option<usize> {
        if index.fract() != 0.0 || index < 0.0 || (index == 0.0 && index.is_sign_negative()) {
            return None;
        }
        let len = self.length()?;
        (index < len as f64).then_some(index as usize)
    }

    /// TypedArrayGetElement's read for an int32 index (10.4.5.15 with
    /// 10.4.5.14 IsValidIntegerIndex: an int32 is integral and never -0):
    /// the element, or `None` when the index is not valid. One length
    /// computation and no float checks (the JIT's `ta[i]` path).
    #[inline]
    pub(crate) fn get_int_index(&self, i: i32) -> Option<Raw> {
        let len = self.length()?;
        let i = usize::try_from(i).ok().filter(|&i| i < len)?;
        let size = self.ty.size();
        let at = self.byte_offset + i * size;
        let bytes = self.buffer_data().bytes();
        bytes.get(at..at + size).map(|b| self.ty.read(b, true))
    }

    /// The byte position of element `i` when `i` is a valid integer index
    /// (10.4.5.14 IsValidIntegerIndex for an int32, which is integral and
    /// never -0), with the buffer's bytes.
    #[inline]
    fn element_at(&self, i: i32) -> Option<(&'static mut [u8], usize)> {
        let len = self.length()?;
        let i = usize::try_from(i).ok().filter(|&i| i < len)?;
        Some((
            self.buffer_data().bytes(),
            self.byte_offset + i * self.ty.size(),
        ))
    }

    /// `ta[i]` for compiled code (10.4.5.4 [[Get]] with an int32 key, which
    /// is TypedArrayGetElement): the element, or undefined when `i` is not a
    /// valid index; `None` for BigInt content, whose elements allocate.
    #[inline]
    pub(crate) fn get_number_at(&self, i: i32) -> Option<Value> {
        if self.ty.is_bigint() {
            return None;
        }
        let Some((bytes, at)) = self.element_at(i) else {
            return Some(Value::UNDEFINED);
        };
        let v = match self.ty {
            ElementType::Int8 => le::<1>(bytes, at).map(|b| Value::from_i32(b[0] as i8 as i32)),
            ElementType::Uint8 | ElementType::Uint8Clamped => {
                le::<1>(bytes, at).map(|b| Value::from_i32(b[0] as i32))
            }
            ElementType::Int16 => {
                le::<2>(bytes, at).map(|b| Value::from_i32(i16::from_le_bytes(b) as i32))
            }
            ElementType::Uint16 => {
                le::<2>(bytes, at).map(|b| Value::from_i32(u16::from_le_bytes(b) as i32))
            }
            ElementType::Int32 => {
                le::<4>(bytes, at).map(|b| Value::from_i32(i32::from_le_bytes(b)))
            }
            ElementType::Uint32 => {
                le::<4>(bytes, at).map(|b| Value::from_u32(u32::from_le_bytes(b)))
            }
            ElementType::Float32 => {
                le::<4>(bytes, at).map(|b| Value::number(f32::from_le_bytes(b) as f64))
            }
            ElementType::Float64 => {
                le::<8>(bytes, at).map(|b| Value::number(f64::from_le_bytes(b)))
            }
            ElementType::Float16 => le::<2>(bytes, at).map(|b| {
                Value::number(crate::builtins::array_buffer::data::f16_bits_to_f64(
                    u16::from_le_bytes(b),
                ))
            }),
            ElementType::BigInt64 | ElementType::BigUint64 => None,
        };
        Some(v.unwrap_or(Value::UNDEFINED))
    }

    /// `ta[i] = v` for compiled code, `v` a Number (10.4.5.5 [[Set]] with
    /// the view as the receiver, so 10.4.5.16 TypedArraySetElement: a
    /// Number needs no conversion, and an invalid index is silently
    /// ignored). `false` for BigInt content (a Number there throws: the
    /// runtime path).
    #[inline]
    pub(crate) fn set_number_at(&self, i: i32, v: Value) -> bool {
        if self.ty.is_bigint() {
            return false;
        }
        // NumericToRawBytes: an int32 wraps to the integer types directly
        // (ToInt8/ToUint8/... of an integer is its low bits). Anything but a
        // Number converts first, which may run code: the runtime path.
        let bits = match (v.as_i32(), self.ty.is_integral()) {
            (Some(n), true) => n as u32 as u64,
            _ => match v.as_number() {
                Some(d) => self.ty.number_bits(d),
                None => return false,
            },
        };
        let Some((bytes, at)) = self.element_at(i) else {
            return true;
        };
        let size = self.ty.size();
        if let Some(dst) = bytes.get_mut(at..at + size) {
            dst.copy_from_slice(&bits.to_le_bytes()[..size]);
        }
        true
    }

    /// The element at `i` if `i` is a valid index.
    #[inline]
    pub(crate) fn get_raw(&self, i: usize) -> Option<Raw> {
        if self.length().is_none_or(|len| i >= len) {
            return None;
        }
        let size = self.ty.size();
        let at = self.byte_offset + i * size;
        let bytes = self.buffer_data().bytes();
        bytes.get(at..at + size).map(|b| self.ty.read(b, true))
    }

    /// Writes the element at `i` if it is in bounds (a no-op otherwise).
    #[inline]
    pub(crate) fn set_raw(&self, i: usize, v: Raw) {
        if self.length().is_none_or(|len| i >= len) {
            return;
        }
        let size = self.ty.size();
        let at = self.byte_offset + i * size;
        if let Some(b) = self.buffer_data().bytes().get_mut(at..at + size) {
            self.ty.write(b, v, true);
        }
    }

    /// 10.4.5.? IsTypedArrayFixedLength.
    pub(crate) fn is_fixed_length(&self) -> bool {
        let b = self.buffer_data();
        self.length.is_some() && (!b.is_resizable() || b.shared)
    }
}

/// `N` bytes at `at`, if in range.
#[inline(always)]
fn le<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at + N)?.try_into().ok()
}

#[cold]
fn unreachable_buffer() -> &'static BufferData {
    thread_local! {
        static EMPTY: &'static BufferData = {
            let b = BufferData::new(0, None, false).unwrap_or_else(|| std::process::abort());
            b.detach();
            Box::leak(Box::new(b))
        };
    }
    EMPTY.with(|b| *b)
}

/// The typed array data of `v`, if it is a typed array.
#[inline]
pub(crate) fn typed_array_data(v: Value) -> Option<&'static TypedArrayData> {
    let o = v.as_object()?;
    if o.flags() & FLAG_TYPED_ARRAY == 0 {
        return None;
    }
    // SAFETY: the object is live (the caller holds `v`), its kind never
    // changes after creation, and the data is only read through shared
    // references (its fields never change).
    let kind = unsafe { &*(o.kind() as *const ObjectKind) };
    match kind {
        ObjectKind::Exotic(e) => {
            let p: *const dyn ExoticObject = &**e;
            // SAFETY: only `new_typed_array` sets FLAG_TYPED_ARRAY, on an
            // exotic object whose data is a `TypedArrayData`.
            Some(unsafe { &*(p as *const TypedArrayData) })
        }
        _ => None,
    }
}

/// 23.2.4.4 ValidateTypedArray ( O, order ): the data and the current
/// length; a TypeError when `v` is not a typed array or is out of bounds.
pub(crate) fn validate(
    rt: &mut Runtime,
    v: Value,
    method: &str,
) -> JsResult<(&'static TypedArrayData, usize)> {
    let Some(ta) = typed_array_data(v) else {
        let message = format!("{method}: this is not a typed array");
        return Err(rt.type_error(&message));
    };
    match ta.length() {
        Some(len) => Ok((ta, len)),
        None => {
            let message = format!("{method}: the typed array is detached or out of bounds");
            Err(rt.type_error(&message))
        }
    }
}

/// A value converted for `ty` (ToBigInt or ToNumber, as TypedArraySetElement's
/// first step).
pub(crate) fn to_raw(rt: &mut Runtime, ty: ElementType, v: Value) -> JsResult<Raw> {
    if ty.is_bigint() {
        use num_traits::ToPrimitive;
        let b = rt.to_bigint_value(v)?;
        let bits = crate::bigint::as_n_bits(&b, 64, false);
        Ok(Raw::Big(bits.to_u64().unwrap_or(0)))
    } else {
        Ok(Raw::Number(rt.to_number(v)?))
    }
}

/// The JavaScript value of an element read as `ty`.
pub(crate) fn raw_to_value(rt: &mut Runtime, ty: ElementType, raw: Raw) -> JsResult<Value> {
    match raw {
        Raw::Number(d) => Ok(Value::number(d)),
        Raw::Big(bits) => {
            let b = if ty == ElementType::BigInt64 {
                num_bigint::BigInt::from(bits as i64)
            } else {
                num_bigint::BigInt::from(bits)
            };
            rt.new_bigint(b)
        }
    }
}

/// 10.4.5.15 TypedArrayGetElement ( O, index ).
pub(crate) fn get_element(rt: &mut Runtime, ta: &TypedArrayData, index: f64) -> JsResult<Value> {
    match ta.valid_index(index).and_then(|i| ta.get_raw(i)) {
        Some(raw) => raw_to_value(rt, ta.ty, raw),
        None => Ok(Value::UNDEFINED),
    }
}

/// 10.4.5.16 TypedArraySetElement ( O, index, value ).
pub(crate) fn set_element(
    rt: &mut Runtime,
    ta: &TypedArrayData,
    index: f64,
    v: Value,
) -> JsResult<()> {
    // 1-2. Convert first: user code may detach or resize the buffer.
    let raw = to_raw(rt, ta.ty, v)?;
    // 3. If IsValidIntegerIndex(O, index) is true, store.
    if let Some(i) = ta.valid_index(index) {
        ta.set_raw(i, raw);
    }
    Ok(())
}

/// 7.1.21 CanonicalNumericIndexString ( argument ) for a property key:
/// the number when the key is a canonical numeric string.
pub(crate) fn canonical_numeric_index(key: PropertyKey) -> Option<f64> {
    match key {
        PropertyKey::Index(i) => Some(i as f64),
        PropertyKey::Symbol(_) => None,
        PropertyKey::String(s) => {
            // Only these can start a canonical numeric string: digits,
            // "-", "Infinity", "NaN".
            let first = s.code_unit_at(0)?;
            if !(first == u16::from(b'-')
                || first == u16::from(b'I')
                || first == u16::from(b'N')
                || (u16::from(b'0')..=u16::from(b'9')).contains(&first))
            {
                return None;
            }
            if s.eq_str("-0") {
                return Some(-0.0);
            }
            let n = crate::string::number::string_to_number(s.view());
            s.eq_str(&crate::string::number::number_to_string(n))
                .then_some(n)
        }
    }
}

fn data(o: Gc<JsObject>) -> &'static TypedArrayData {
    match typed_array_data(Value::object(o)) {
        Some(ta) => ta,
        None => unreachable_typed_array(),
    }
}

#[cold]
fn unreachable_typed_array() -> &'static TypedArrayData {
    // The methods table is only installed on typed arrays.
    std::process::abort()
}

/// 10.4.5.1 [[GetOwnProperty]] ( P ).
fn get_own_property(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
) -> JsResult<Option<StoredProperty>> {
    if let Some(index) = canonical_numeric_index(key) {
        let ta = data(o);
        if ta.valid_index(index).is_none() {
            return Ok(None);
        }
        let v = get_element(rt, ta, index)?;
        return Ok(Some(StoredProperty::Data(v, Attributes::DEFAULT_DATA)));
    }
    Ok(o.stored_property(key))
}

/// 10.4.5.2 [[HasProperty]] ( P ).
fn has_property(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
    if let Some(index) = canonical_numeric_index(key) {
        return Ok(data(o).valid_index(index).is_some());
    }
    // OrdinaryHasProperty.
    if o.stored_property(key).is_some() {
        return Ok(true);
    }
    match o.proto().as_object() {
        Some(p) => rt.has_property(p, key),
        None => Ok(false),
    }
}

/// 10.4.5.3 [[DefineOwnProperty]] ( P, Desc ).
fn define_own_property(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
    desc: PropertyDescriptor,
) -> JsResult<bool> {
    if let Some(index) = canonical_numeric_index(key) {
        let ta = data(o);
        // i. If IsValidIntegerIndex(O, numericIndex) is false, return false.
        if ta.valid_index(index).is_none() {
            return Ok(false);
        }
        // ii-v. The property is a writable, enumerable, configurable data property.
        if desc.configurable == Some(false)
            || desc.enumerable == Some(false)
            || desc.is_accessor()
            || desc.writable == Some(false)
        {
            return Ok(false);
        }
        // vi. If Desc has a [[Value]] field, perform ? TypedArraySetElement(O, numericIndex, Desc.[[Value]]).
        if let Some(v) = desc.value {
            set_element(rt, ta, index, v)?;
        }
        return Ok(true);
    }
    rt.ordinary_define_own_property(o, key, desc)
}

/// 10.4.5.4 [[Get]] ( P, Receiver ).
fn get(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey, receiver: Value) -> JsResult<Value> {
    if let Some(index) = canonical_numeric_index(key) {
        return get_element(rt, data(o), index);
    }
    // OrdinaryGet.
    match o.stored_property(key) {
        Some(StoredProperty::Data(v, _)) => Ok(v),
        Some(StoredProperty::Accessor { get, .. }) => {
            if get.is_undefined() {
                Ok(Value::UNDEFINED)
            } else {
                rt.call(get, receiver, &[])
            }
        }
        None => match o.proto().as_object() {
            Some(p) => rt.get(p, key, receiver),
            None => Ok(Value::UNDEFINED),
        },
    }
}

/// 10.4.5.5 [[Set]] ( P, V, Receiver ).
fn set(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
    v: Value,
    receiver: Value,
) -> JsResult<bool> {
    if let Some(index) = canonical_numeric_index(key) {
        let ta = data(o);
        // i. If SameValue(O, Receiver) is true: TypedArraySetElement, return true.
        if receiver == Value::object(o) {
            set_element(rt, ta, index, v)?;
            return Ok(true);
        }
        // ii. If IsValidIntegerIndex(O, numericIndex) is false, return true.
        if ta.valid_index(index).is_none() {
            return Ok(true);
        }
    }
    // 2. Return ? OrdinarySet(O, P, V, Receiver).
    rt.ordinary_set(o, key, v, receiver)
}

/// 10.4.5.6 [[Delete]] ( P ).
fn delete(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
    if let Some(index) = canonical_numeric_index(key) {
        return Ok(data(o).valid_index(index).is_none());
    }
    rt.ordinary_delete(o, key)
}

/// 10.4.5.7 [[OwnPropertyKeys]] ( ): the indices, then the string keys and
/// symbols in creation order.
// GC: the keys are returned at once (the caller roots them).
fn own_property_keys(_: &mut Runtime, o: Gc<JsObject>) -> JsResult<Vec<PropertyKey>> {
    let len = data(o).length().unwrap_or(0);
    // GC: nothing allocates while the keys are built; callers root them.
    let mut keys: Vec<PropertyKey> = Vec::new();
    if keys.try_reserve(len).is_err() {
        return Ok(keys);
    }
    keys.extend((0..len as u32).map(PropertyKey::Index));
    let entries = o.shape().entries();
    keys.extend(entries.iter().filter(|e| !e.key.is_symbol()).map(|e| e.key));
    keys.extend(
        entries
            .iter()
            .filter(|e| e.key.is_symbol() && !e.key.is_private())
            .map(|e| e.key),
    );
    Ok(keys)
}

/// 10.4.5.? [[PreventExtensions]] ( ): a view whose length can change
/// stays extensible.
fn prevent_extensions(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<bool> {
    if !data(o).is_fixed_length() {
        return Ok(false);
    }
    rt.set_object_flags(o, 0, crate::object::FLAG_EXTENSIBLE);
    Ok(true)
}

/// The constructor and prototype intrinsics of an element type.
pub(crate) fn intrinsics_of(ty: ElementType) -> (Intrinsic, Intrinsic) {
    match ty {
        ElementType::Int8 => (Intrinsic::Int8Array, Intrinsic::Int8ArrayPrototype),
        ElementType::Uint8 => (Intrinsic::Uint8Array, Intrinsic::Uint8ArrayPrototype),
        ElementType::Uint8Clamped => (
            Intrinsic::Uint8ClampedArray,
            Intrinsic::Uint8ClampedArrayPrototype,
        ),
        ElementType::Int16 => (Intrinsic::Int16Array, Intrinsic::Int16ArrayPrototype),
        ElementType::Uint16 => (Intrinsic::Uint16Array, Intrinsic::Uint16ArrayPrototype),
        ElementType::Int32 => (Intrinsic::Int32Array, Intrinsic::Int32ArrayPrototype),
        ElementType::Uint32 => (Intrinsic::Uint32Array, Intrinsic::Uint32ArrayPrototype),
        ElementType::Float16 => (Intrinsic::Float16Array, Intrinsic::Float16ArrayPrototype),
        ElementType::Float32 => (Intrinsic::Float32Array, Intrinsic::Float32ArrayPrototype),
        ElementType::Float64 => (Intrinsic::Float64Array, Intrinsic::Float64ArrayPrototype),
        ElementType::BigInt64 => (Intrinsic::BigInt64Array, Intrinsic::BigInt64ArrayPrototype),
        ElementType::BigUint64 => (
            Intrinsic::BigUint64Array,
            Intrinsic::BigUint64ArrayPrototype,
        ),
    }
}

/// The [[TypedArrayName]] of an element type.
pub(crate) fn type_name(ty: ElementType) -> &'static str {
    match ty {
        ElementType::Int8 => "Int8Array",
        ElementType::Uint8 => "Uint8Array",
        ElementType::Uint8Clamped => "Uint8ClampedArray",
        ElementType::Int16 => "Int16Array",
        ElementType::Uint16 => "Uint16Array",
        ElementType::Int32 => "Int32Array",
        ElementType::Uint32 => "Uint32Array",
        ElementType::Float16 => "Float16Array",
        ElementType::Float32 => "Float32Array",
        ElementType::Float64 => "Float64Array",
        ElementType::BigInt64 => "BigInt64Array",
        ElementType::BigUint64 => "BigUint64Array",
    }
}

/// A new typed array object (the last steps of AllocateTypedArray and the
/// Initialize* operations, which fill the slots before the object exists).
pub(crate) fn new_typed_array(
    rt: &mut Runtime,
    proto: Value,
    data: TypedArrayData,
) -> JsResult<Gc<JsObject>> {
    rt.new_object_with(
        proto,
        ObjectKind::Exotic(Box::new(data)),
        FLAG_EXOTIC | FLAG_TYPED_ARRAY,
    )
}

/// A typed array of `ty` over a new zeroed buffer of `len` elements
/// (AllocateTypedArray with a length, 23.2.5.1.6 AllocateTypedArrayBuffer).
pub(crate) fn allocate_with_length(
    rt: &mut Runtime,
    ty: ElementType,
    proto: Value,
    len: u64,
) -> JsResult<Gc<JsObject>> {
    let Some(bytes) = len.checked_mul(ty.size() as u64) else {
        return Err(rt.range_error("Invalid typed array length"));
    };
    let buffer = crate::builtins::array_buffer::allocate_buffer(rt, None, bytes, None, false)?;
    new_typed_array(
        rt,
        proto,
        TypedArrayData::new(ty, buffer, 0, Some(len as usize)),
    )
}

/// 23.2.4.2 TypedArrayCreateFromConstructor ( constructor, argumentList ).
pub(crate) fn create_from_constructor(
    rt: &mut Runtime,
    constructor: Value,
    args: &[Value],
) -> JsResult<Value> {
    // 1. Let newTypedArray be ? Construct(constructor, argumentList).
    let new = rt.construct(constructor, args, None)?;
    // 2-3. ValidateTypedArray.
    let (_, len) = validate(rt, new, "TypedArray species")?;
    // 4. A single Number argument is a minimum length.
    if let [n] = args {
        if n.as_number().is_some_and(|n| (len as f64) < n) {
            return Err(rt.type_error("TypedArray species constructor returned a too short array"));
        }
    }
    Ok(new)
}

/// 23.2.4.1 TypedArraySpeciesCreate ( exemplar, argumentList ).
pub(crate) fn species_create(rt: &mut Runtime, exemplar: Value, args: &[Value]) -> JsResult<Value> {
    let Some(ta) = typed_array_data(exemplar) else {
        return Err(rt.type_error("not a typed array"));
    };
    let ty = ta.ty;
    let Some(o) = exemplar.as_object() else {
        return Err(rt.type_error("not a typed array"));
    };
    // 1-2. defaultConstructor, constructor = ? SpeciesConstructor(exemplar, defaultConstructor).
    let ctor =
        crate::builtins::promise::operations::species_constructor(rt, o, intrinsics_of(ty).0)?;
    // 3. Let result be ? TypedArrayCreateFromConstructor(constructor, argumentList).
    let result = create_from_constructor(rt, ctor, args)?;
    // 5. If result.[[ContentType]] is not exemplar.[[ContentType]], throw a TypeError exception.
    if typed_array_data(result).is_some_and(|r| r.ty.is_bigint() != ty.is_bigint()) {
        return Err(rt.type_error("TypedArray species constructor returned the wrong content type"));
    }
    Ok(result)
}

/// 23.2.4.3 TypedArrayCreateSameType ( exemplar, argumentList ) with one
/// length argument.
pub(crate) fn create_same_type(
    rt: &mut Runtime,
    ty: ElementType,
    len: usize,
) -> JsResult<Gc<JsObject>> {
    let proto = rt.intrinsic(intrinsics_of(ty).1);
    allocate_with_length(rt, ty, proto, len as u64)
}
