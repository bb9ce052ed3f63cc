//! Introspection for embedders: what an inspector (a REPL, `console.log`,
//! a debugger) needs to know about an object beyond its properties, read
//! from its internal slots without running JavaScript code (no getters, no
//! proxy traps).
//!
//! [`Runtime::internal_slots`] classifies an object ([`Slots`]);
//! [`Runtime::collection_entries`] lists the entries of a Map or Set.

use crate::backend::coroutine::CoroutineKind;
use crate::bigint::JsBigInt;
use crate::builtins::map::{host_ref, MapData};
use crate::builtins::promise::{promise_data, PromiseState};
use crate::builtins::set::SetData;
use crate::gc::Gc;
use crate::object::arguments::{ArgumentsObject, UnaliasedArguments};
use crate::object::proxy::ProxyObject;
use crate::object::regexp::RegExpData;
use crate::object::{JsObject, ObjectKind};
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::symbol::Symbol;
use crate::value::Value;
use crate::JsResult;

/// The kind of a function object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// An ordinary or arrow function, a method, or a built-in function.
    Normal,
    /// A class constructor (`class A {}`).
    Class,
    /// `function*`.
    Generator,
    /// `async function` (and async arrows and methods).
    Async,
    /// `async function*`.
    AsyncGenerator,
    /// A bound function exotic object (10.4.1).
    Bound,
}

/// The state of a promise and its result.
#[derive(Clone, Copy, Debug)]
pub enum PromiseInfo {
    /// Not settled yet.
    Pending,
    /// Fulfilled with the value.
    Fulfilled(Value),
    /// Rejected with the reason.
    Rejected(Value),
}

/// What kind of object a value is, by its internal slots.
#[derive(Clone, Copy, Debug)]
pub enum Slots {
    /// An ordinary object with no further internal slots.
    Ordinary,
    /// An Array exotic object.
    Array,
    /// A function object.
    Function(FunctionKind),
    /// Has [[ErrorData]].
    Error,
    /// A Boolean object.
    Boolean(bool),
    /// A Number object.
    Number(f64),
    /// A String object.
    String(Gc<JsString>),
    /// A Symbol object.
    Symbol(Gc<Symbol>),
    /// A BigInt object.
    BigInt(Gc<JsBigInt>),
    /// A Date object with its time value (NaN: invalid).
    Date(f64),
    /// A RegExp object.
    RegExp,
    /// A Map with its size.
    Map(usize),
    /// A Set with its size.
    Set(usize),
    /// A WeakMap.
    WeakMap,
    /// A WeakSet.
    WeakSet,
    /// A WeakRef.
    WeakRef,
    /// A Promise.
    Promise(PromiseInfo),
    /// A Proxy: its target and handler (`None` once revoked).
    Proxy(Option<(Gc<JsObject>, Gc<JsObject>)>),
    /// An arguments object.
    Arguments,
    /// A generator or async generator object (`true`: async).
    Generator(bool),
    /// Another built-in object, by its class name ("Map Iterator", ...).
    Other(&'static str),
}

impl Runtime {
    /// Classifies `o` by its internal slots (see [`Slots`]); runs no
    /// JavaScript code.
    pub fn internal_slots(&self, o: Gc<JsObject>) -> Slots {
        let v = Value::object(o);
        match o.kind() {
            ObjectKind::Ordinary => Slots::Ordinary,
            ObjectKind::Array => Slots::Array,
            ObjectKind::NativeFunction(..) | ObjectKind::NativeClosure1(..) => {
                Slots::Function(FunctionKind::Normal)
            }
            ObjectKind::BoundFunction(_) => Slots::Function(FunctionKind::Bound),
            ObjectKind::Function(closure) => {
                // SAFETY: a closure's template is boxed and lives as long
                // as the executor that created the closure (the closure is
                // live: `o` holds it).
                let template = unsafe { &*(*closure.as_ptr()).template };
                let kind = match template.coroutine_kind() {
                    Some(CoroutineKind::Generator) => FunctionKind::Generator,
                    Some(CoroutineKind::Async) => FunctionKind::Async,
                    Some(CoroutineKind::AsyncGenerator) => FunctionKind::AsyncGenerator,
                    None if template.class_constructor => FunctionKind::Class,
                    None => FunctionKind::Normal,
                };
                Slots::Function(kind)
            }
            ObjectKind::Error => Slots::Error,
            ObjectKind::Boolean(b) => Slots::Boolean(*b),
            ObjectKind::Number(n) => Slots::Number(*n),
            ObjectKind::String(s) => Slots::String(*s),
            ObjectKind::Symbol(s) => Slots::Symbol(*s),
            ObjectKind::Date(t) => Slots::Date(*t),
            ObjectKind::BigInt(b) => Slots::BigInt(*b),
            ObjectKind::Exotic(e) => {
                if let Some(p) = e.as_any().downcast_ref::<ProxyObject>() {
                    Slots::Proxy(p.parts())
                } else if e.as_any().is::<ArgumentsObject>()
                    || e.as_any().is::<UnaliasedArguments>()
                {
                    Slots::Arguments
                } else {
                    Slots::Other(e.builtin_tag())
                }
            }
            ObjectKind::Promise(_) => match promise_data(v) {
                Some(p) => Slots::Promise(match p.state.get() {
                    PromiseState::Pending => PromiseInfo::Pending,
                    PromiseState::Fulfilled => PromiseInfo::Fulfilled(p.result.get()),
                    PromiseState::Rejected => PromiseInfo::Rejected(p.result.get()),
                }),
                None => Slots::Other("Promise"),
            },
            ObjectKind::Coroutine(c) => match c.get().kind {
                CoroutineKind::Generator => Slots::Generator(false),
                CoroutineKind::AsyncGenerator => Slots::Generator(true),
                CoroutineKind::Async => Slots::Other("AsyncFunction"),
            },
            ObjectKind::Host(h) => {
                if let Some(m) = host_ref::<MapData>(v) {
                    return Slots::Map(m.table.borrow().len());
                }
                if let Some(s) = host_ref::<SetData>(v) {
                    return Slots::Set(s.table.borrow().len());
                }
                if h.as_any().is::<RegExpData>() {
                    return Slots::RegExp;
                }
                match h.class_name() {
                    "WeakMap" => Slots::WeakMap,
                    "WeakSet" => Slots::WeakSet,
                    "WeakRef" => Slots::WeakRef,
                    "Function" => Slots::Function(FunctionKind::Normal),
                    other => Slots::Other(other),
                }
            }
        }
    }

    /// The entries of a Map (key, value) or a Set (value, value), in
    /// insertion order; `None` for other objects. The values are not
    /// rooted: root them before allocating.
    pub fn collection_entries(&self, o: Gc<JsObject>) -> Option<Vec<(Value, Value)>> {
        let v = Value::object(o);
        let table = if let Some(m) = host_ref::<MapData>(v) {
            m.table.borrow()
        } else {
            host_ref::<SetData>(v)?.table.borrow()
        };
        let mut out = Vec::with_capacity(table.len());
        for i in 0..table.raw_len() {
            if let Some(entry) = table.entry_at(i) {
                out.push(entry);
            }
        }
        Some(out)
    }
}

/// Bytes of buffers and views, for host APIs over binary data (the
/// WHATWG Encoding API's `BufferSource` and `Uint8Array` arguments).
impl Runtime {
    /// A copy of the bytes a `BufferSource` (an ArrayBuffer, a
    /// SharedArrayBuffer, a typed array or a DataView) holds; empty when the
    /// buffer is detached or the view out of bounds; `None` for other
    /// values.
    pub fn buffer_source_bytes(&self, v: Value) -> Option<Vec<u8>> {
        use crate::builtins::{array_buffer, data_view, typed_array};
        if let Some(b) = array_buffer::buffer_data(v) {
            if b.is_detached() {
                return Some(Vec::new());
            }
            return Some(b.bytes().to_vec());
        }
        if let Some(ta) = typed_array::typed_array_data(v) {
            let len = ta.byte_length();
            let at = ta.byte_offset;
            let bytes = ta.buffer_data().bytes();
            return Some(
                bytes
                    .get(at..at + len)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default(),
            );
        }
        if let Some(dv) = data_view::data_view_data(v) {
            let Some((b, at, len)) = dv.viewed() else {
                return Some(Vec::new());
            };
            return Some(
                b.bytes()
                    .get(at..at + len)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default(),
            );
        }
        None
    }

    /// The current length of a `Uint8Array` (0 when out of bounds);
    /// `None` when `v` is not a `Uint8Array`.
    pub fn uint8_array_length(&self, v: Value) -> Option<usize> {
        use crate::builtins::array_buffer::ElementType;
        let ta = crate::builtins::typed_array::typed_array_data(v)?;
        (ta.ty == ElementType::Uint8).then(|| ta.length().unwrap_or(0))
    }

    /// Writes `bytes` at the start of the `Uint8Array` `v`, as many as fit;
    /// returns how many were written.
    pub fn write_uint8_array(&self, v: Value, bytes: &[u8]) -> usize {
        let Some(len) = self.uint8_array_length(v) else {
            return 0;
        };
        let Some(ta) = crate::builtins::typed_array::typed_array_data(v) else {
            return 0;
        };
        let n = len.min(bytes.len());
        let at = ta.byte_offset;
        match ta.buffer_data().bytes().get_mut(at..at + n) {
            Some(dest) => {
                dest.copy_from_slice(&bytes[..n]);
                n
            }
            None => 0,
        }
    }

    /// A new `Uint8Array` (of the current realm) holding a copy of `bytes`.
    pub fn new_uint8_array(&mut self, bytes: &[u8]) -> JsResult<Gc<JsObject>> {
        use crate::builtins::array_buffer::ElementType;
        use crate::builtins::typed_array;
        let ty = ElementType::Uint8;
        let o = typed_array::create_same_type(self, ty, bytes.len())?;
        self.write_uint8_array(Value::object(o), bytes);
        Ok(o)
    }
}

/// What the structured clone algorithm (HTML) needs of binary data: see
/// [`Runtime::binary_data`].
#[derive(Clone, Copy, Debug)]
pub enum BinaryData {
    /// An ArrayBuffer: detached or not, and the [[ArrayBufferMaxByteLength]]
    /// of a resizable one.
    ArrayBuffer {
        /// IsDetachedBuffer.
        detached: bool,
        /// `Some` for a resizable buffer.
        max_byte_length: Option<usize>,
    },
    /// A SharedArrayBuffer.
    SharedArrayBuffer,
    /// A typed array or a DataView over `buffer`.
    View {
        /// The view's constructor (`Intrinsic::Uint8Array`, ...,
        /// `Intrinsic::DataView`).
        constructor: Intrinsic,
        /// [[ViewedArrayBuffer]].
        buffer: Gc<JsObject>,
        /// [[ByteOffset]].
        byte_offset: usize,
        /// [[ArrayLength]] of a typed array, [[ByteLength]] of a DataView;
        /// `None` when the view tracks its buffer's length.
        length: Option<usize>,
        /// IsTypedArrayOutOfBounds / IsViewOutOfBounds (a detached buffer
        /// included).
        out_of_bounds: bool,
    },
}

/// Buffers and views for the host's structured clone.
impl Runtime {
    /// Classifies an ArrayBuffer, SharedArrayBuffer, typed array or DataView
    /// (`None` for other objects); runs no JavaScript code.
    pub fn binary_data(&self, o: Gc<JsObject>) -> Option<BinaryData> {
        use crate::builtins::{array_buffer, data_view, typed_array};
        let v = Value::object(o);
        if let Some(b) = array_buffer::buffer_data(v) {
            if b.shared {
                return Some(BinaryData::SharedArrayBuffer);
            }
            return Some(BinaryData::ArrayBuffer {
                detached: b.is_detached(),
                max_byte_length: b.max,
            });
        }
        if let Some(ta) = typed_array::typed_array_data(v) {
            return Some(BinaryData::View {
                constructor: typed_array::intrinsics_of(ta.ty).0,
                buffer: ta.buffer,
                byte_offset: ta.byte_offset,
                length: ta.length,
                out_of_bounds: ta.length().is_none(),
            });
        }
        let dv = data_view::data_view_data(v)?;
        let (buffer, byte_offset, length) = dv.parts();
        Some(BinaryData::View {
            constructor: Intrinsic::DataView,
            buffer,
            byte_offset,
            length,
            out_of_bounds: dv.viewed().is_none(),
        })
    }

    /// A new ArrayBuffer (of the current realm) with a copy of the bytes of
    /// ArrayBuffer `o`, resizable with the same maximum when `o` is. A
    /// SharedArrayBuffer gives a new SharedArrayBuffer object over the same
    /// memory. `None` when `o` is no buffer or is detached.
    pub fn clone_array_buffer(&mut self, o: Gc<JsObject>) -> JsResult<Option<Gc<JsObject>>> {
        use crate::builtins::array_buffer;
        let v = Value::object(o);
        let Some(b) = array_buffer::buffer_data(v) else {
            return Ok(None);
        };
        if b.is_detached() {
            return Ok(None);
        }
        if let Some(memory) = b.shared_memory() {
            let copy = array_buffer::new_shared_array_buffer(self, &memory)?;
            return Ok(copy.as_object());
        }
        let len = b.len();
        let copy =
            array_buffer::allocate_buffer(self, None, len as u64, b.max.map(|m| m as u64), false)?;
        if let Some(c) = array_buffer::buffer_data(Value::object(copy)) {
            let from = b.bytes();
            let to = c.bytes();
            let n = from.len().min(to.len());
            to[..n].copy_from_slice(&from[..n]);
        }
        Ok(Some(copy))
    }

    /// 25.1.3.5 DetachArrayBuffer of the ArrayBuffer `o` (with the
    /// undefined key); `false` when `o` is no ArrayBuffer (or is shared).
    pub fn detach_array_buffer(&mut self, o: Gc<JsObject>) -> bool {
        match crate::builtins::array_buffer::buffer_data(Value::object(o)) {
            Some(b) if !b.shared => {
                b.detach();
                true
            }
            _ => false,
        }
    }
}
