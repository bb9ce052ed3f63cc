//! %TypedArray% (23.2.1, 23.2.2: `from`, `of`, `@@species`) and the twelve
//! TypedArray constructors (23.2.5-23.2.7) with their prototypes.

use super::{
    allocate_with_length, create_from_constructor, intrinsics_of, new_typed_array, set_element,
    typed_array_data, TypedArrayData,
};
use crate::builtins::arg;
use crate::builtins::array_buffer::{buffer_data, ElementType};
use crate::builtins::iterator::{get_iterator_from_method, step_value};
use crate::gc::Gc;
use crate::object::{JsObject, PropertyKey};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_NONE};
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// 23.2.2 Properties of the %TypedArray% Intrinsic Object
/// (#sec-properties-of-the-%typedarray%-intrinsic-object).
pub(crate) static TYPED_ARRAY: BuiltinObject = BuiltinObject {
    name: "%TypedArray%",
    intrinsic: Some(Intrinsic::TypedArray),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("TypedArray", 0, abstract_call, abstract_construct),
    props: &[
        Prop::method("from", 1, from),
        Prop::method("of", 0, of),
        Prop::prototype(Intrinsic::TypedArrayPrototype),
        // 23.2.2.4 get %TypedArray% [ %Symbol.species% ].
        Prop::getter("@@species", |_, this, _| Ok(this)),
    ],
};

/// 23.2.1.1 %TypedArray% ( ): always throws.
fn abstract_call(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Abstract class TypedArray not directly constructable"))
}

fn abstract_construct(rt: &mut Runtime, _: &[Value], _: Gc<JsObject>) -> JsResult<Value> {
    Err(rt.type_error("Abstract class TypedArray not directly constructable"))
}

macro_rules! typed_array_constructors {
    ($(($ctor:ident, $proto:ident, $name:literal, $ty:ident, $ci:ident, $pi:ident)),* $(,)?) => {
        $(
            /// 23.2.6 Properties of a TypedArray constructor.
            pub(crate) static $ctor: BuiltinObject = BuiltinObject {
                name: $name,
                intrinsic: Some(Intrinsic::$ci),
                proto: Some(Intrinsic::TypedArray),
                make: Make::constructor(
                    $name,
                    3,
                    |rt, _, _| Err(rt.type_error(concat!("Constructor ", $name, " requires 'new'"))),
                    |rt, args, nt| construct(rt, args, nt, ElementType::$ty),
                ),
                props: &[
                    Prop::value(
                        "BYTES_PER_ELEMENT",
                        Constant::Number(ElementType::$ty.size() as f64),
                        ATTR_NONE,
                    ),
                    Prop::prototype(Intrinsic::$pi),
                ],
            };

            /// 23.2.7 Properties of a TypedArray prototype object.
            pub(crate) static $proto: BuiltinObject = BuiltinObject {
                name: concat!($name, ".prototype"),
                intrinsic: Some(Intrinsic::$pi),
                proto: Some(Intrinsic::TypedArrayPrototype),
                make: Make::Ordinary,
                props: &[
                    Prop::value(
                        "BYTES_PER_ELEMENT",
                        Constant::Number(ElementType::$ty.size() as f64),
                        ATTR_NONE,
                    ),
                    Prop::constructor(Intrinsic::$ci),
                ],
            };
        )*
    };
}

typed_array_constructors![
    (
        INT8_ARRAY,
        INT8_ARRAY_PROTOTYPE,
        "Int8Array",
        Int8,
        Int8Array,
        Int8ArrayPrototype
    ),
    (
        UINT8_ARRAY,
        UINT8_ARRAY_PROTOTYPE,
        "Uint8Array",
        Uint8,
        Uint8Array,
        Uint8ArrayPrototype
    ),
    (
        UINT8_CLAMPED_ARRAY,
        UINT8_CLAMPED_ARRAY_PROTOTYPE,
        "Uint8ClampedArray",
        Uint8Clamped,
        Uint8ClampedArray,
        Uint8ClampedArrayPrototype
    ),
    (
        INT16_ARRAY,
        INT16_ARRAY_PROTOTYPE,
        "Int16Array",
        Int16,
        Int16Array,
        Int16ArrayPrototype
    ),
    (
        UINT16_ARRAY,
        UINT16_ARRAY_PROTOTYPE,
        "Uint16Array",
        Uint16,
        Uint16Array,
        Uint16ArrayPrototype
    ),
    (
        INT32_ARRAY,
        INT32_ARRAY_PROTOTYPE,
        "Int32Array",
        Int32,
        Int32Array,
        Int32ArrayPrototype
    ),
    (
        UINT32_ARRAY,
        UINT32_ARRAY_PROTOTYPE,
        "Uint32Array",
        Uint32,
        Uint32Array,
        Uint32ArrayPrototype
    ),
    (
        FLOAT16_ARRAY,
        FLOAT16_ARRAY_PROTOTYPE,
        "Float16Array",
        Float16,
        Float16Array,
        Float16ArrayPrototype
    ),
    (
        FLOAT32_ARRAY,
        FLOAT32_ARRAY_PROTOTYPE,
        "Float32Array",
        Float32,
        Float32Array,
        Float32ArrayPrototype
    ),
    (
        FLOAT64_ARRAY,
        FLOAT64_ARRAY_PROTOTYPE,
        "Float64Array",
        Float64,
        Float64Array,
        Float64ArrayPrototype
    ),
    (
        BIGINT64_ARRAY,
        BIGINT64_ARRAY_PROTOTYPE,
        "BigInt64Array",
        BigInt64,
        BigInt64Array,
        BigInt64ArrayPrototype
    ),
    (
        BIGUINT64_ARRAY,
        BIGUINT64_ARRAY_PROTOTYPE,
        "BigUint64Array",
        BigUint64,
        BigUint64Array,
        BigUint64ArrayPrototype
    ),
];

/// 23.2.5.1 TypedArray ( ...args ).
fn construct(
    rt: &mut Runtime,
    args: &[Value],
    nt: Gc<JsObject>,
    ty: ElementType,
) -> JsResult<Value> {
    let default_proto = intrinsics_of(ty).1;
    let first = arg(args, 0);
    let Some(first_obj) = first.as_object() else {
        // 6.c. elementLength = ? ToIndex(firstArgument); AllocateTypedArray.
        let len = rt.to_index(first)?;
        let proto = rt.prototype_from_constructor(nt, default_proto)?;
        return allocate_with_length(rt, ty, proto, len).map(Value::object);
    };
    // 6.b.i. AllocateTypedArray(constructorName, NewTarget, proto): the
    // prototype is looked up first.
    let proto = rt.prototype_from_constructor(nt, default_proto)?;
    let o = if let Some(src) = typed_array_data(first) {
        from_typed_array(rt, ty, proto, src)?
    } else if buffer_data(first).is_some() {
        from_array_buffer(rt, ty, proto, first_obj, arg(args, 1), arg(args, 2))?
    } else {
        // iv. An iterable, or an array-like.
        let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
        let using_iterator = rt.get_method(first, key)?;
        match using_iterator {
            Some(method) => {
                let values = iterable_to_list(rt, first, method)?;
                from_list(rt, ty, proto, &values)?
            }
            None => from_array_like(rt, ty, proto, first_obj)?,
        }
    };
    Ok(Value::object(o))
}

/// 7.4.? IteratorToList ( GetIteratorFromMethod ( obj, method ) ).
fn iterable_to_list(
    rt: &mut Runtime,
    obj: Value,
    method: Value,
) -> JsResult<crate::gc::RootedList<Value>> {
    let iterator = get_iterator_from_method(rt, obj, method)?;
    let mut values = rt.rooted_list();
    loop {
        let v = step_value(rt, iterator)?;
        if v.is_hole() {
            break;
        }
        values.push(v);
    }
    Ok(values)
}

/// 23.2.5.1.2 InitializeTypedArrayFromTypedArray ( O, srcArray ).
fn from_typed_array(
    rt: &mut Runtime,
    ty: ElementType,
    proto: Value,
    src: &'static TypedArrayData,
) -> JsResult<Gc<JsObject>> {
    // 4-5. If IsTypedArrayOutOfBounds(srcRecord), throw a TypeError.
    let Some(len) = src.length() else {
        return Err(rt.type_error("source typed array is detached or out of bounds"));
    };
    // 11. If IsBigIntElementType(elementType) differs from the source's, throw a TypeError.
    if ty.is_bigint() != src.ty.is_bigint() {
        return Err(rt.type_error("cannot mix BigInt and other types"));
    }
    let o = allocate_with_length(rt, ty, proto, len as u64)?;
    let Some(target) = typed_array_data(Value::object(o)) else {
        return Err(rt.type_error("typed array allocation failed"));
    };
    if src.ty == ty {
        // 10. Same type: copy the bytes.
        let n = len * ty.size();
        let from = src.byte_offset;
        // GC: bytes or raw numbers, no GC references.
        let bytes = src.buffer_data().bytes()[from..from + n].to_vec();
        target.buffer_data().bytes()[..n].copy_from_slice(&bytes);
    } else {
        for i in 0..len {
            if let Some(raw) = src.get_raw(i) {
                // GetValueFromBuffer then SetValueInBuffer: a Number
                // converts on the write, BigInt bits carry over.
                target.set_raw(i, raw);
            }
        }
    }
    Ok(o)
}

/// 23.2.5.1.3 InitializeTypedArrayFromArrayBuffer ( O, buffer, byteOffset, length ).
fn from_array_buffer(
    rt: &mut Runtime,
    ty: ElementType,
    proto: Value,
    buffer: Gc<JsObject>,
    byte_offset: Value,
    length: Value,
) -> JsResult<Gc<JsObject>> {
    let size = ty.size() as u64;
    // 2. Let offset be ? ToIndex(byteOffset).
    let offset = rt.to_index(byte_offset)?;
    // 3. If offset modulo elementSize ≠ 0, throw a RangeError exception.
    if !offset.is_multiple_of(size) {
        return Err(rt.range_error(
            "start offset of the typed array should be a multiple of the element size",
        ));
    }
    // 4-5. newLength = ? ToIndex(length) unless undefined.
    let new_length = if length.is_undefined() {
        None
    } else {
        Some(rt.to_index(length)?)
    };
    // 6. If IsDetachedBuffer(buffer) is true, throw a TypeError exception.
    let Some(b) = buffer_data(Value::object(buffer)) else {
        return Err(rt.type_error("not an ArrayBuffer"));
    };
    if b.is_detached() {
        return Err(rt.type_error("the ArrayBuffer is detached"));
    }
    // 7. Let bufferByteLength be ArrayBufferByteLength(buffer, seq-cst).
    let buffer_len = b.len() as u64;
    let length = match new_length {
        // 8. Length-tracking over a resizable buffer.
        None if b.is_resizable() => {
            if offset > buffer_len {
                return Err(rt.range_error("start offset is outside the bounds of the buffer"));
            }
            None
        }
        // 9.a. Fixed: the rest of the buffer.
        None => {
            if !buffer_len.is_multiple_of(size) {
                return Err(rt.range_error(
                    "byte length of the typed array should be a multiple of the element size",
                ));
            }
            if offset > buffer_len {
                return Err(rt.range_error("start offset is outside the bounds of the buffer"));
            }
            Some((buffer_len - offset) / size)
        }
        // 9.b. newByteLength = newLength × elementSize.
        Some(n) => {
            let end = n
                .checked_mul(size)
                .and_then(|bytes| bytes.checked_add(offset));
            if end.is_none_or(|end| end > buffer_len) {
                return Err(rt.range_error("invalid typed array length"));
            }
            Some(n)
        }
    };
    new_typed_array(
        rt,
        proto,
        TypedArrayData::new(ty, buffer, offset as usize, length.map(|l| l as usize)),
    )
}

/// 23.2.5.1.4 InitializeTypedArrayFromList ( O, values ).
fn from_list(
    rt: &mut Runtime,
    ty: ElementType,
    proto: Value,
    values: &[Value],
) -> JsResult<Gc<JsObject>> {
    let o = allocate_with_length(rt, ty, proto, values.len() as u64)?;
    let Some(ta) = typed_array_data(Value::object(o)) else {
        return Err(rt.type_error("typed array allocation failed"));
    };
    // Set(O, Pk, kValue, true) for each value: TypedArraySetElement.
    for (k, &v) in values.iter().enumerate() {
        set_element(rt, ta, k as f64, v)?;
    }
    Ok(o)
}

/// 23.2.5.1.5 InitializeTypedArrayFromArrayLike ( O, arrayLike ).
fn from_array_like(
    rt: &mut Runtime,
    ty: ElementType,
    proto: Value,
    array_like: Gc<JsObject>,
) -> JsResult<Gc<JsObject>> {
    let len = rt.length_of_array_like(array_like)?;
    let o = allocate_with_length(rt, ty, proto, len as u64)?;
    let Some(ta) = typed_array_data(Value::object(o)) else {
        return Err(rt.type_error("typed array allocation failed"));
    };
    let mut k = 0.0;
    while k < len {
        let key = rt.index_key(k)?;
        let v = rt.get(array_like, key, Value::object(array_like))?;
        set_element(rt, ta, k, v)?;
        k += 1.0;
    }
    Ok(o)
}

/// 23.2.2.1 %TypedArray%.from ( source [ , mapper [ , thisArg ] ] ).
fn from(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (source, mapper, this_arg) = (arg(args, 0), arg(args, 1), arg(args, 2));
    // 1-2. If IsConstructor(C) is false, throw a TypeError exception.
    if !this.as_object().is_some_and(|c| c.is_constructor()) {
        return Err(rt.type_error("TypedArray.from: this is not a constructor"));
    }
    // 3-4. mapping.
    let mapping = !mapper.is_undefined();
    if mapping && !mapper.as_object().is_some_and(|f| f.is_callable()) {
        return Err(rt.type_error("TypedArray.from: the mapper is not a function"));
    }
    // 5. Let usingIterator be ? GetMethod(source, %Symbol.iterator%).
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
    let using_iterator = rt.get_method(source, key)?;
    // 6-7. Values from the iterator, or the array-like.
    let (values, len) = match using_iterator {
        Some(method) => {
            let values = iterable_to_list(rt, source, method)?;
            let len = values.len() as f64;
            (Some(values), len)
        }
        None => {
            let o = rt.to_object(source)?;
            (None, rt.length_of_array_like(o)?)
        }
    };
    let array_like = match values {
        Some(_) => None,
        None => Some(rt.to_object(source)?),
    };
    // Let targetObj be ? TypedArrayCreateFromConstructor(C, « 𝔽(len) »).
    let target = create_from_constructor(rt, this, &[Value::number(len)])?;
    let Some(target_obj) = target.as_object() else {
        return Err(rt.type_error("not an object"));
    };
    let mut k = 0.0;
    while k < len {
        let v = match (&values, array_like) {
            (Some(values), _) => values[k as usize],
            (None, Some(a)) => {
                let key = rt.index_key(k)?;
                rt.get(a, key, Value::object(a))?
            }
            (None, None) => Value::UNDEFINED,
        };
        let mapped = if mapping {
            rt.call(mapper, this_arg, &[v, Value::number(k)])?
        } else {
            v
        };
        let key = rt.index_key(k)?;
        rt.set_property(target_obj, key, mapped, true)?;
        k += 1.0;
    }
    Ok(target)
}

/// 23.2.2.2 %TypedArray%.of ( ...items ).
fn of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    if !this.as_object().is_some_and(|c| c.is_constructor()) {
        return Err(rt.type_error("TypedArray.of: this is not a constructor"));
    }
    let len = args.len();
    let items = rt.rooted_list_from(args);
    let target = create_from_constructor(rt, this, &[Value::number(len as f64)])?;
    let Some(target_obj) = target.as_object() else {
        return Err(rt.type_error("not an object"));
    };
    for k in 0..len {
        rt.set_property(target_obj, PropertyKey::Index(k as u32), items[k], true)?;
    }
    Ok(target)
}
