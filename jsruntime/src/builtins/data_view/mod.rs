//! DataView objects (25.3): the constructor and %DataView.prototype% with
//! a getter and a setter per element type, in either byte order.

use crate::builtins::arg;
use crate::builtins::array_buffer::{buffer_data, BufferData, ElementType};
use crate::builtins::map::host_ref;
use crate::builtins::typed_array::{raw_to_value, to_raw};
use crate::conversions::to_boolean;
use crate::gc::{Gc, Trace, Tracer};
use crate::object::{HostData, JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 25.3.3 Properties of the DataView Constructor
/// (#sec-properties-of-the-dataview-constructor).
pub(crate) static DATA_VIEW: BuiltinObject = BuiltinObject {
    name: "DataView",
    intrinsic: Some(Intrinsic::DataView),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "DataView",
        1,
        |rt, _, _| Err(rt.type_error("Constructor DataView requires 'new'")),
        construct,
    ),
    props: &[Prop::prototype(Intrinsic::DataViewPrototype)],
};

macro_rules! getter {
    ($name:literal, $ty:ident) => {
        Prop::method($name, 1, |rt, this, args| {
            get_view_value(rt, this, args, ElementType::$ty)
        })
    };
}

macro_rules! setter {
    ($name:literal, $ty:ident) => {
        Prop::method($name, 2, |rt, this, args| {
            set_view_value(rt, this, args, ElementType::$ty)
        })
    };
}

/// 25.3.4 Properties of the DataView Prototype Object
/// (#sec-properties-of-the-dataview-prototype-object).
pub(crate) static DATA_VIEW_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "DataView.prototype",
    intrinsic: Some(Intrinsic::DataViewPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::getter("buffer", buffer),
        Prop::getter("byteLength", byte_length),
        Prop::getter("byteOffset", byte_offset),
        Prop::constructor(Intrinsic::DataView),
        getter!("getBigInt64", BigInt64),
        getter!("getBigUint64", BigUint64),
        getter!("getFloat16", Float16),
        getter!("getFloat32", Float32),
        getter!("getFloat64", Float64),
        getter!("getInt8", Int8),
        getter!("getInt16", Int16),
        getter!("getInt32", Int32),
        getter!("getUint8", Uint8),
        getter!("getUint16", Uint16),
        getter!("getUint32", Uint32),
        setter!("setBigInt64", BigInt64),
        setter!("setBigUint64", BigUint64),
        setter!("setFloat16", Float16),
        setter!("setFloat32", Float32),
        setter!("setFloat64", Float64),
        setter!("setInt8", Int8),
        setter!("setInt16", Int16),
        setter!("setInt32", Int32),
        setter!("setUint8", Uint8),
        setter!("setUint16", Uint16),
        setter!("setUint32", Uint32),
        Prop::value("@@toStringTag", Constant::Str("DataView"), ATTR_C),
    ],
};

/// [[ViewedArrayBuffer]], [[ByteLength]] (`None`: ~auto~) and [[ByteOffset]].
pub(crate) struct DataViewData {
    buffer: Gc<JsObject>,
    byte_length: Option<usize>,
    byte_offset: usize,
}

// SAFETY: reports the viewed buffer.
unsafe impl Trace for DataViewData {
    fn trace(&self, tracer: &mut Tracer) {
        self.buffer.trace(tracer);
    }
}

impl HostData for DataViewData {
    fn class_name(&self) -> &'static str {
        "DataView"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

impl DataViewData {
    fn buffer_data(&self) -> Option<&'static BufferData> {
        buffer_data(Value::object(self.buffer))
    }

    /// 25.3.1.3 GetViewByteLength, or `None` when 25.3.1.4
    /// IsViewOutOfBounds (detached included).
    fn view_byte_length(&self) -> Option<usize> {
        let b = self.buffer_data()?;
        if b.is_detached() {
            return None;
        }
        let buffer_len = b.len();
        let end = match self.byte_length {
            None => buffer_len,
            Some(len) => self.byte_offset.checked_add(len)?,
        };
        if self.byte_offset > buffer_len || end > buffer_len {
            return None;
        }
        Some(end - self.byte_offset)
    }
}

impl DataViewData {
    /// The viewed buffer's data, the byte offset and the current byte
    /// length; `None` when out of bounds or detached.
    /// [[ViewedArrayBuffer]], [[ByteOffset]] and [[ByteLength]] (`None`:
    /// length-tracking), as stored.
    pub(crate) fn parts(&self) -> (Gc<JsObject>, usize, Option<usize>) {
        (self.buffer, self.byte_offset, self.byte_length)
    }

    pub(crate) fn viewed(&self) -> Option<(&'static BufferData, usize, usize)> {
        let len = self.view_byte_length()?;
        Some((self.buffer_data()?, self.byte_offset, len))
    }
}

/// The DataView data of `v`, if it is a DataView.
pub(crate) fn data_view_data(v: Value) -> Option<&'static DataViewData> {
    host_ref::<DataViewData>(v)
}

/// 25.3.2.1 DataView ( buffer [ , byteOffset [ , byteLength ] ] ).
fn construct(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    let buffer = arg(args, 0);
    // 2. RequireInternalSlot(buffer, [[ArrayBufferData]]).
    let (Some(b), Some(buffer_obj)) = (buffer_data(buffer), buffer.as_object()) else {
        return Err(rt.type_error("DataView: the first argument is not an ArrayBuffer"));
    };
    // 3. Let offset be ? ToIndex(byteOffset).
    let offset = rt.to_index(arg(args, 1))?;
    // 4. If IsDetachedBuffer(buffer) is true, throw a TypeError exception.
    if b.is_detached() {
        return Err(rt.type_error("DataView: the ArrayBuffer is detached"));
    }
    // 5-6. If offset > bufferByteLength, throw a RangeError exception.
    let buffer_len = b.len() as u64;
    if offset > buffer_len {
        return Err(rt.range_error("DataView: start offset is outside the bounds of the buffer"));
    }
    // 7-9. viewByteLength.
    let length_arg = arg(args, 2);
    let view_len = if length_arg.is_undefined() {
        if b.is_resizable() {
            None
        } else {
            Some(buffer_len - offset)
        }
    } else {
        let len = rt.to_index(length_arg)?;
        if offset + len > buffer_len {
            return Err(rt.range_error("DataView: invalid length"));
        }
        Some(len)
    };
    // 10. Let O be ? OrdinaryCreateFromConstructor(NewTarget, "%DataView.prototype%", ...).
    let proto = rt.prototype_from_constructor(nt, Intrinsic::DataViewPrototype)?;
    // 11. If IsDetachedBuffer(buffer) is true, throw a TypeError exception.
    if b.is_detached() {
        return Err(rt.type_error("DataView: the ArrayBuffer is detached"));
    }
    // 12-14. The buffer may have shrunk meanwhile.
    let buffer_len = b.len() as u64;
    if offset > buffer_len {
        return Err(rt.range_error("DataView: start offset is outside the bounds of the buffer"));
    }
    if !length_arg.is_undefined() && view_len.is_some_and(|l| offset + l > buffer_len) {
        return Err(rt.range_error("DataView: invalid length"));
    }
    let data = DataViewData {
        buffer: buffer_obj,
        byte_length: view_len.map(|l| l as usize),
        byte_offset: offset as usize,
    };
    let o = rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)?;
    Ok(Value::object(o))
}

fn this_view(rt: &mut Runtime, this: Value, method: &str) -> JsResult<&'static DataViewData> {
    data_view_data(this).ok_or_else(|| {
        let message = format!("DataView.prototype.{method} called on incompatible receiver");
        rt.type_error(&message)
    })
}

/// 25.3.4.1 get DataView.prototype.buffer.
fn buffer(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::object(this_view(rt, this, "buffer")?.buffer))
}

/// 25.3.4.2 get DataView.prototype.byteLength.
fn byte_length(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let view = this_view(rt, this, "byteLength")?;
    match view.view_byte_length() {
        Some(len) => Ok(Value::number(len as f64)),
        None => Err(rt.type_error("DataView.prototype.byteLength: the view is out of bounds")),
    }
}

/// 25.3.4.3 get DataView.prototype.byteOffset.
fn byte_offset(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let view = this_view(rt, this, "byteOffset")?;
    match view.view_byte_length() {
        Some(_) => Ok(Value::number(view.byte_offset as f64)),
        None => Err(rt.type_error("DataView.prototype.byteOffset: the view is out of bounds")),
    }
}

/// The buffer index of an access of `size` bytes at `index`, after the
/// out-of-bounds (TypeError) and range (RangeError) checks of GetViewValue
/// and SetViewValue.
fn view_index(rt: &mut Runtime, view: &DataViewData, index: u64, size: usize) -> JsResult<usize> {
    let Some(view_size) = view.view_byte_length() else {
        return Err(rt.type_error("DataView: the view is out of bounds"));
    };
    if index + size as u64 > view_size as u64 {
        return Err(rt.range_error("DataView: offset is outside the bounds of the view"));
    }
    Ok(index as usize + view.byte_offset)
}

/// 25.3.1.5 GetViewValue ( view, requestIndex, isLittleEndian, type ).
fn get_view_value(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
    ty: ElementType,
) -> JsResult<Value> {
    let view = this_view(rt, this, "get")?;
    let index = rt.to_index(arg(args, 0))?;
    let little = to_boolean(arg(args, 1));
    let at = view_index(rt, view, index, ty.size())?;
    let Some(b) = view.buffer_data() else {
        return Err(rt.type_error("DataView: no buffer"));
    };
    let raw = ty.read(&b.bytes()[at..at + ty.size()], little);
    raw_to_value(rt, ty, raw)
}

/// 25.3.1.6 SetViewValue ( view, requestIndex, isLittleEndian, type, value ).
fn set_view_value(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
    ty: ElementType,
) -> JsResult<Value> {
    let view = this_view(rt, this, "set")?;
    let index = rt.to_index(arg(args, 0))?;
    let raw = to_raw(rt, ty, arg(args, 1))?;
    let little = to_boolean(arg(args, 2));
    let at = view_index(rt, view, index, ty.size())?;
    let Some(b) = view.buffer_data() else {
        return Err(rt.type_error("DataView: no buffer"));
    };
    ty.write(&mut b.bytes()[at..at + ty.size()], raw, little);
    Ok(Value::UNDEFINED)
}
