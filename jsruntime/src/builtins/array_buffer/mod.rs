//! ArrayBuffer (25.1) and SharedArrayBuffer (25.2) objects: the
//! constructors and prototypes. The storage and the raw element
//! conversions are in [`data`].
//!
//! Both kinds are ordinary objects whose host data is a [`BufferData`];
//! `shared` tells them apart (IsSharedArrayBuffer). A SharedArrayBuffer's
//! block can be shared with another agent's runtime: [`shared_memory_of`]
//! takes a thread-safe handle on it, [`new_shared_array_buffer`] wraps one
//! in a new SharedArrayBuffer (the test262 host's `$262.agent.broadcast`).

pub(crate) mod data;

use super::arg;
use crate::builtins::map::host_ref;
use crate::builtins::promise::operations::species_constructor;
use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
pub use data::SharedMemory;
pub(crate) use data::{BufferData, ElementType, Raw};

/// The memory of the SharedArrayBuffer `v`, as a handle another agent (a
/// thread with its own runtime) can wrap; `None` if `v` is not a
/// SharedArrayBuffer.
pub fn shared_memory_of(v: Value) -> Option<SharedMemory> {
    buffer_data(v)?.shared_memory()
}

/// A new SharedArrayBuffer of this runtime over `memory` (the same block:
/// writes through either buffer are seen by the other).
pub fn new_shared_array_buffer(rt: &mut Runtime, memory: &SharedMemory) -> JsResult<Value> {
    let proto = rt.intrinsic(Intrinsic::SharedArrayBufferPrototype);
    let data = BufferData::from_shared(memory);
    rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)
        .map(Value::object)
}

/// 25.1.5 Properties of the ArrayBuffer Constructor
/// (#sec-properties-of-the-arraybuffer-constructor).
pub(crate) static ARRAY_BUFFER: BuiltinObject = BuiltinObject {
    name: "ArrayBuffer",
    intrinsic: Some(Intrinsic::ArrayBuffer),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("ArrayBuffer", 1, call_array_buffer, construct),
    props: &[
        Prop::method("isView", 1, is_view),
        Prop::prototype(Intrinsic::ArrayBufferPrototype),
        // 25.1.5.3 get ArrayBuffer [ %Symbol.species% ].
        Prop::getter("@@species", |_, this, _| Ok(this)),
    ],
};

/// 25.1.6 Properties of the ArrayBuffer Prototype Object
/// (#sec-properties-of-the-arraybuffer-prototype-object).
pub(crate) static ARRAY_BUFFER_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "ArrayBuffer.prototype",
    intrinsic: Some(Intrinsic::ArrayBufferPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::getter("byteLength", byte_length),
        Prop::constructor(Intrinsic::ArrayBuffer),
        Prop::getter("detached", detached),
        Prop::getter("maxByteLength", max_byte_length),
        Prop::getter("resizable", resizable),
        Prop::method("resize", 1, resize),
        Prop::method("slice", 2, slice),
        Prop::method("transfer", 0, transfer),
        Prop::method("transferToFixedLength", 0, transfer_to_fixed_length),
        Prop::value("@@toStringTag", Constant::Str("ArrayBuffer"), ATTR_C),
    ],
};

/// 25.2.4 Properties of the SharedArrayBuffer Constructor
/// (#sec-properties-of-the-sharedarraybuffer-constructor).
pub(crate) static SHARED_ARRAY_BUFFER: BuiltinObject = BuiltinObject {
    name: "SharedArrayBuffer",
    intrinsic: Some(Intrinsic::SharedArrayBuffer),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("SharedArrayBuffer", 1, call_shared, construct_shared),
    props: &[
        Prop::prototype(Intrinsic::SharedArrayBufferPrototype),
        // 25.2.4.2 get SharedArrayBuffer [ %Symbol.species% ].
        Prop::getter("@@species", |_, this, _| Ok(this)),
    ],
};

/// 25.2.5 Properties of the SharedArrayBuffer Prototype Object
/// (#sec-properties-of-the-sharedarraybuffer-prototype-object).
pub(crate) static SHARED_ARRAY_BUFFER_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "SharedArrayBuffer.prototype",
    intrinsic: Some(Intrinsic::SharedArrayBufferPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::getter("byteLength", shared_byte_length),
        Prop::constructor(Intrinsic::SharedArrayBuffer),
        Prop::method("grow", 1, grow),
        Prop::getter("growable", growable),
        Prop::getter("maxByteLength", shared_max_byte_length),
        Prop::method("slice", 2, shared_slice),
        Prop::value("@@toStringTag", Constant::Str("SharedArrayBuffer"), ATTR_C),
    ],
};

/// The [[ArrayBufferData]] of `v`, if it is an ArrayBuffer or a
/// SharedArrayBuffer.
pub(crate) fn buffer_data(v: Value) -> Option<&'static BufferData> {
    host_ref::<BufferData>(v)
}

/// RequireInternalSlot(O, [[ArrayBufferData]]) and IsSharedArrayBuffer(O)
/// = `shared`.
fn this_buffer(
    rt: &mut Runtime,
    this: Value,
    shared: bool,
    method: &str,
) -> JsResult<&'static BufferData> {
    match buffer_data(this) {
        Some(b) if b.shared == shared => Ok(b),
        _ => {
            let kind = if shared {
                "SharedArrayBuffer"
            } else {
                "ArrayBuffer"
            };
            let message = format!("{kind}.prototype.{method} called on incompatible receiver");
            Err(rt.type_error(&message))
        }
    }
}

fn call_array_buffer(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor ArrayBuffer requires 'new'"))
}

fn call_shared(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor SharedArrayBuffer requires 'new'"))
}

/// 25.1.3.7 GetArrayBufferMaxByteLengthOption ( options ).
fn max_byte_length_option(rt: &mut Runtime, options: Value) -> JsResult<Option<u64>> {
    let Some(o) = options.as_object() else {
        return Ok(None);
    };
    let max = rt.get_by_name(o, "maxByteLength")?;
    if max.is_undefined() {
        return Ok(None);
    }
    Ok(Some(rt.to_index(max)?))
}

/// 25.1.4.1 ArrayBuffer ( length [ , options ] ).
fn construct(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    // 2. Let byteLength be ? ToIndex(length).
    let len = rt.to_index(arg(args, 0))?;
    // 3. Let requestedMaxByteLength be ? GetArrayBufferMaxByteLengthOption(options).
    let max = max_byte_length_option(rt, arg(args, 1))?;
    // 4. Return ? AllocateArrayBuffer(NewTarget, byteLength, requestedMaxByteLength).
    allocate_buffer(rt, Some(nt), len, max, false).map(Value::object)
}

/// 25.2.3.1 SharedArrayBuffer ( length [ , options ] ).
fn construct_shared(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    let len = rt.to_index(arg(args, 0))?;
    let max = max_byte_length_option(rt, arg(args, 1))?;
    allocate_buffer(rt, Some(nt), len, max, true).map(Value::object)
}

/// 25.1.3.1 AllocateArrayBuffer ( constructor, byteLength [ ,
/// maxByteLength ] ) and 25.2.2.1 AllocateSharedArrayBuffer; `None` as the
/// constructor means the intrinsic one (no observable lookup).
pub(crate) fn allocate_buffer(
    rt: &mut Runtime,
    constructor: Option<Gc<JsObject>>,
    len: u64,
    max: Option<u64>,
    shared: bool,
) -> JsResult<Gc<JsObject>> {
    // 3. If allocatingResizableBuffer and byteLength > maxByteLength, throw a RangeError.
    if max.is_some_and(|m| len > m) {
        return Err(rt.range_error("byteLength exceeds maxByteLength"));
    }
    let default = if shared {
        Intrinsic::SharedArrayBufferPrototype
    } else {
        Intrinsic::ArrayBufferPrototype
    };
    // 4. Let obj be ? OrdinaryCreateFromConstructor(constructor, proto, slots).
    let proto = match constructor {
        Some(c) => rt.prototype_from_constructor(c, default)?,
        None => rt.intrinsic(default),
    };
    // 5-6. CreateByteDataBlock(byteLength), and room for maxByteLength.
    let data = match (usize::try_from(len), max.map(usize::try_from).transpose()) {
        (Ok(len), Ok(max)) => BufferData::new(len, max, shared),
        _ => None,
    };
    let Some(data) = data else {
        return Err(rt.range_error("Array buffer allocation failed"));
    };
    rt.heap.note_external_alloc(data.len());
    rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)
}

/// 25.1.5.1 ArrayBuffer.isView ( arg ).
fn is_view(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    Ok(Value::from_bool(
        crate::builtins::typed_array::typed_array_data(v).is_some()
            || crate::builtins::data_view::data_view_data(v).is_some(),
    ))
}

/// 25.1.6.1 get ArrayBuffer.prototype.byteLength.
fn byte_length(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_buffer(rt, this, false, "byteLength")?;
    Ok(Value::number(b.len() as f64))
}

/// 25.1.6.3 get ArrayBuffer.prototype.detached.
fn detached(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_buffer(rt, this, false, "detached")?;
    Ok(Value::from_bool(b.is_detached()))
}

/// 25.1.6.4 get ArrayBuffer.prototype.maxByteLength.
fn max_byte_length(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_buffer(rt, this, false, "maxByteLength")?;
    if b.is_detached() {
        return Ok(Value::from_i32(0));
    }
    Ok(Value::number(b.max.unwrap_or(b.len()) as f64))
}

/// 25.1.6.5 get ArrayBuffer.prototype.resizable.
fn resizable(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_buffer(rt, this, false, "resizable")?;
    Ok(Value::from_bool(b.is_resizable()))
}

/// 25.1.6.6 ArrayBuffer.prototype.resize ( newLength ).
fn resize(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // 1-3. RequireInternalSlot(O, [[ArrayBufferMaxByteLength]]); not shared.
    let b = this_buffer(rt, this, false, "resize")?;
    let Some(max) = b.max else {
        return Err(rt.type_error("ArrayBuffer.prototype.resize: the buffer is not resizable"));
    };
    // 4. Let newByteLength be ? ToIndex(newLength).
    let new_len = rt.to_index(arg(args, 0))?;
    // 5. If IsDetachedBuffer(O) is true, throw a TypeError exception.
    if b.is_detached() {
        return Err(rt.type_error("ArrayBuffer.prototype.resize: the buffer is detached"));
    }
    // 6. If newByteLength > O.[[ArrayBufferMaxByteLength]], throw a RangeError exception.
    if new_len > max as u64 {
        return Err(rt.range_error("ArrayBuffer.prototype.resize: length exceeds maxByteLength"));
    }
    b.set_len(new_len as usize);
    Ok(Value::UNDEFINED)
}

/// Steps 6-11 of `slice`: the byte range [first, final) of a buffer of `len`
/// bytes for (start, end).
fn relative_range(rt: &mut Runtime, len: usize, start: Value, end: Value) -> JsResult<(f64, f64)> {
    let len = len as f64;
    let rel_start = rt.to_integer_or_infinity(start)?;
    let first = if rel_start < 0.0 {
        (len + rel_start).max(0.0)
    } else {
        rel_start.min(len)
    };
    let rel_end = if end.is_undefined() {
        len
    } else {
        rt.to_integer_or_infinity(end)?
    };
    let last = if rel_end < 0.0 {
        (len + rel_end).max(0.0)
    } else {
        rel_end.min(len)
    };
    Ok((first, last))
}

/// 25.1.6.7 ArrayBuffer.prototype.slice ( start, end ) and 25.2.5.6
/// SharedArrayBuffer.prototype.slice.
fn slice_common(rt: &mut Runtime, this: Value, args: &[Value], shared: bool) -> JsResult<Value> {
    let b = this_buffer(rt, this, shared, "slice")?;
    // 4. If IsDetachedBuffer(O) is true, throw a TypeError exception.
    if b.is_detached() {
        return Err(rt.type_error("ArrayBuffer.prototype.slice: the buffer is detached"));
    }
    // 5-13.
    let (first, last) = relative_range(rt, b.len(), arg(args, 0), arg(args, 1))?;
    let new_len = (last - first).max(0.0);
    // 14. Let ctor be ? SpeciesConstructor(O, %ArrayBuffer%).
    let Some(o) = this.as_object() else {
        return Err(rt.type_error("not an object"));
    };
    let default = if shared {
        Intrinsic::SharedArrayBuffer
    } else {
        Intrinsic::ArrayBuffer
    };
    let ctor = species_constructor(rt, o, default)?;
    // 15. Let new be ? Construct(ctor, « 𝔽(newLen) »).
    let new = rt.construct(ctor, &[Value::number(new_len)], None)?;
    // 16-17. RequireInternalSlot(new, [[ArrayBufferData]]); same sharedness.
    let Some(nb) = buffer_data(new).filter(|nb| nb.shared == shared) else {
        return Err(rt.type_error("species constructor did not return an ArrayBuffer"));
    };
    // 18. If IsDetachedBuffer(new) is true, throw a TypeError exception.
    if nb.is_detached() {
        return Err(rt.type_error("species constructor returned a detached ArrayBuffer"));
    }
    // 19. If SameValue(new, O) is true, throw a TypeError exception.
    if new == this {
        return Err(rt.type_error("species constructor returned the same ArrayBuffer"));
    }
    // 20. If new.[[ArrayBufferByteLength]] < newLen, throw a TypeError exception.
    if (nb.len() as f64) < new_len {
        return Err(rt.type_error("species constructor returned a too small ArrayBuffer"));
    }
    // 22. If IsDetachedBuffer(O) is true, throw a TypeError exception.
    if b.is_detached() {
        return Err(rt.type_error("ArrayBuffer.prototype.slice: the buffer is detached"));
    }
    // 25-27. Copy min(newLen, currentLen - first) bytes (the buffer may have shrunk).
    let current = b.len() as f64;
    if first < current {
        let count = new_len.min(current - first) as usize;
        let first = first as usize;
        // GC: bytes or raw numbers, no GC references.
        let src = b.bytes()[first..first + count].to_vec();
        nb.bytes()[..count].copy_from_slice(&src);
    }
    Ok(new)
}

fn slice(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    slice_common(rt, this, args, false)
}

fn shared_slice(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    slice_common(rt, this, args, true)
}

/// 25.1.3.3 ArrayBufferCopyAndDetach ( arrayBuffer, newLength,
/// preserveResizability ).
fn copy_and_detach(
    rt: &mut Runtime,
    this: Value,
    new_length: Value,
    preserve: bool,
) -> JsResult<Value> {
    // 1-2. RequireInternalSlot(arrayBuffer, [[ArrayBufferData]]); not shared.
    let b = this_buffer(rt, this, false, "transfer")?;
    // 3-4. newByteLength.
    let new_len = if new_length.is_undefined() {
        b.len() as u64
    } else {
        rt.to_index(new_length)?
    };
    // 5. If IsDetachedBuffer(arrayBuffer) is true, throw a TypeError exception.
    if b.is_detached() {
        return Err(rt.type_error("ArrayBuffer.prototype.transfer: the buffer is detached"));
    }
    // 6-7. newMaxByteLength.
    let new_max = if preserve {
        b.max.map(|m| m as u64)
    } else {
        None
    };
    // 8. [[ArrayBufferDetachKey]] is always undefined here.
    // 9. Let newBuffer be ? AllocateArrayBuffer(%ArrayBuffer%, newByteLength, newMaxByteLength).
    let new = allocate_buffer(rt, None, new_len, new_max, false)?;
    let Some(nb) = buffer_data(Value::object(new)) else {
        return Err(rt.type_error("ArrayBuffer allocation failed"));
    };
    // 10-13. Copy min(newByteLength, old length) bytes.
    let count = nb.len().min(b.len());
    nb.bytes()[..count].copy_from_slice(&b.bytes()[..count]);
    // 14. Perform ! DetachArrayBuffer(arrayBuffer).
    b.detach();
    Ok(Value::object(new))
}

/// 25.1.6.8 ArrayBuffer.prototype.transfer ( [ newLength ] ).
fn transfer(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    copy_and_detach(rt, this, arg(args, 0), true)
}

/// 25.1.6.9 ArrayBuffer.prototype.transferToFixedLength ( [ newLength ] ).
fn transfer_to_fixed_length(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    copy_and_detach(rt, this, arg(args, 0), false)
}

/// 25.2.5.1 get SharedArrayBuffer.prototype.byteLength.
fn shared_byte_length(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_buffer(rt, this, true, "byteLength")?;
    Ok(Value::number(b.len() as f64))
}

/// 25.2.5.3 SharedArrayBuffer.prototype.grow ( newLength ).
fn grow(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // 1-3. RequireInternalSlot(O, [[ArrayBufferMaxByteLength]]); shared.
    let b = this_buffer(rt, this, true, "grow")?;
    let Some(max) = b.max else {
        return Err(rt.type_error("SharedArrayBuffer.prototype.grow: the buffer is not growable"));
    };
    // 4. Let newByteLength be ? ToIndex(newLength).
    let new_len = rt.to_index(arg(args, 0))?;
    // 5. RangeError past the maximum (also what does not fit a usize).
    let new_len = usize::try_from(new_len)
        .ok()
        .filter(|&n| n <= max)
        .ok_or_else(|| rt.range_error("SharedArrayBuffer.prototype.grow: invalid length"))?;
    // 12-13. Compare-exchange the shared length against concurrent grows.
    if !b.grow_shared(new_len) {
        return Err(rt.range_error("SharedArrayBuffer.prototype.grow: invalid length"));
    }
    Ok(Value::UNDEFINED)
}

/// 25.2.5.4 get SharedArrayBuffer.prototype.growable.
fn growable(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_buffer(rt, this, true, "growable")?;
    Ok(Value::from_bool(b.is_resizable()))
}

/// 25.2.5.5 get SharedArrayBuffer.prototype.maxByteLength.
fn shared_max_byte_length(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_buffer(rt, this, true, "maxByteLength")?;
    Ok(Value::number(b.max.unwrap_or(b.len()) as f64))
}

/// `$262.detachArrayBuffer(buffer)` (test262 INTERPRETING.md): 25.1.3.5
/// DetachArrayBuffer with an undefined key.
pub(crate) fn detach_array_buffer(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    match buffer_data(arg(args, 0)) {
        Some(b) if !b.shared => {
            b.detach();
            Ok(Value::NULL)
        }
        _ => Err(rt.type_error("detachArrayBuffer: not an ArrayBuffer")),
    }
}
