//! `structuredClone(value, { transfer })`: the HTML structured clone
//! algorithm (StructuredSerializeWithTransfer + StructuredDeserialize-
//! WithTransfer, with StructuredSerializeInternal and StructuredDeserialize
//! in one pass) for the types the engine has: primitives except symbols,
//! primitive wrapper objects, Date, RegExp, ArrayBuffer (resizable ones
//! keep their maximum), SharedArrayBuffer (a new object over the same
//! memory), typed arrays and DataView (each buffer cloned once), Map, Set,
//! arrays, Error objects and ordinary objects (own enumerable string-keyed
//! properties). Shared and circular references are preserved through a
//! memory of clones. Anything else (functions, symbols, proxies, promises,
//! weak collections) throws a `DataCloneError`. ArrayBuffers in the
//! `transfer` list move into the clone: the originals are detached.

use jsruntime::builtins::iterator::{get_iterator, step_value};
use jsruntime::gc::{Gc, RootedList};
use jsruntime::object::{Attributes, JsObject, NativeFn, PropertyDescriptor, PropertyKey};
use jsruntime::runtime::introspect::{BinaryData, Slots};
use jsruntime::runtime::Intrinsic;
use jsruntime::{JsResult, Runtime, Thrown, Value};

/// The globals of this module.
pub const GLOBALS: &[(&str, u32, NativeFn)] = &[("structuredClone", 1, structured_clone)];

/// HTML's `structuredClone(value, options)` (window-or-worker global
/// mixin): StructuredSerializeWithTransfer then
/// StructuredDeserializeWithTransfer.
fn structured_clone(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let Some(&v) = args.first() else {
        return Err(rt.type_error("The \"value\" argument must be specified"));
    };
    // WebIDL StructuredSerializeOptions: `transfer` is a sequence<object>.
    let options = args.get(1).copied().unwrap_or(Value::UNDEFINED);
    let mut transfer = rt.rooted_list();
    if let Some(o) = options.as_object() {
        let list = rt.get_by_name(o, "transfer")?;
        if !list.is_undefined() {
            if !list.is_object() {
                return Err(rt.type_error("Optional transferList argument must be an iterable"));
            }
            let record = get_iterator(rt, list)?;
            loop {
                let next = step_value(rt, record)?;
                if next.is_hole() {
                    break;
                }
                if !next.is_object() {
                    return Err(rt.type_error("Found invalid object in transferList"));
                }
                transfer.push(next);
            }
        }
    } else if !options.is_undefined() && !options.is_null() {
        return Err(rt.type_error("The \"options\" argument must be of type object."));
    }
    // The memory: (original, clone) pairs, flattened and rooted.
    let mut memory = rt.rooted_list();
    // StructuredSerializeWithTransfer step 2: every transferable is an
    // ArrayBuffer (not shared), listed once; it is placed in the memory
    // first, so references to it in `value` become the transferred buffer.
    let mut detached = false;
    for i in 0..transfer.len() {
        let t = transfer[i];
        let o = t
            .as_object()
            .filter(|&o| matches!(rt.binary_data(o), Some(BinaryData::ArrayBuffer { .. })));
        let Some(o) = o else {
            return Err(data_clone_error_text(
                rt,
                "Value not transferable: only ArrayBuffers can be transferred.",
            ));
        };
        if transfer.iter().take(i).any(|&u| u == t) {
            return Err(data_clone_error_text(
                rt,
                "Transfer list contains duplicate ArrayBuffer",
            ));
        }
        let placeholder = match rt.clone_array_buffer(o)? {
            Some(copy) => Value::object(copy),
            None => {
                detached = true;
                Value::UNDEFINED
            }
        };
        memory.push(t);
        memory.push(placeholder);
    }
    let result = clone(rt, v, &mut memory)?;
    let result = rt.rooted_list_from(&[result]);
    // Step 4: transfer (a detached transferable cannot be).
    if detached {
        return Err(data_clone_error_text(
            rt,
            "An ArrayBuffer is detached and could not be transferred.",
        ));
    }
    for &t in transfer.iter() {
        if let Some(o) = t.as_object() {
            rt.detach_array_buffer(o);
        }
    }
    Ok(result[0])
}

/// A `DataCloneError` (an Error named so; the engine has no DOMException).
fn data_clone_error(rt: &mut Runtime, what: &str) -> Thrown {
    data_clone_error_text(rt, &format!("{what} could not be cloned."))
}

/// A `DataCloneError` with `message`.
fn data_clone_error_text(rt: &mut Runtime, message: &str) -> Thrown {
    match rt.new_error(jsruntime::ErrorKind::Error, message) {
        Ok(e) => {
            if let (Ok(key), Ok(n)) = (rt.key("name"), rt.new_string("DataCloneError")) {
                let _ = rt.create_data_property(e, key, Value::string(n));
            }
            Thrown(Value::object(e))
        }
        Err(t) => t,
    }
}

fn construct(rt: &mut Runtime, which: Intrinsic, args: &[Value]) -> JsResult<Gc<JsObject>> {
    let ctor = rt.intrinsic(which);
    let v = rt.construct(ctor, args, None)?;
    v.as_object()
        .ok_or_else(|| rt.type_error("structuredClone: constructor returned a primitive"))
}

fn clone(rt: &mut Runtime, v: Value, memory: &mut RootedList<Value>) -> JsResult<Value> {
    let Some(o) = v.as_object() else {
        if v.is_symbol() {
            let text = rt.to_string_for_display(v)?;
            return Err(data_clone_error(rt, &text));
        }
        return Ok(v);
    };
    for i in (0..memory.len()).step_by(2) {
        if memory[i] == v {
            return Ok(memory[i + 1]);
        }
    }
    rt.check_stack()?;
    if let Some(binary) = rt.binary_data(o) {
        let copy = clone_binary(rt, o, binary, memory)?;
        memory.push(v);
        memory.push(Value::object(copy));
        return Ok(Value::object(copy));
    }
    let slots = rt.internal_slots(o);
    let (copy, deep) = match slots {
        Slots::Boolean(b) => (
            construct(rt, Intrinsic::Boolean, &[Value::from_bool(b)])?,
            false,
        ),
        Slots::Number(n) => (
            construct(rt, Intrinsic::Number, &[Value::number(n)])?,
            false,
        ),
        Slots::String(s) => (
            construct(rt, Intrinsic::String, &[Value::string(s)])?,
            false,
        ),
        Slots::BigInt(b) => {
            let object = rt.intrinsic_object(Intrinsic::Object);
            let w = rt.call(Value::object(object), Value::UNDEFINED, &[Value::bigint(b)])?;
            let w = w
                .as_object()
                .ok_or_else(|| rt.type_error("BigInt wrapper"))?;
            (w, false)
        }
        Slots::Date(t) => (construct(rt, Intrinsic::Date, &[Value::number(t)])?, false),
        Slots::RegExp => {
            let source = rt.get_by_name(o, "source")?;
            let flags = rt.get_by_name(o, "flags")?;
            (construct(rt, Intrinsic::RegExp, &[source, flags])?, false)
        }
        Slots::Array => (rt.new_array(0)?, true),
        Slots::Map(_) | Slots::Set(_) => {
            let which = if matches!(slots, Slots::Map(_)) {
                Intrinsic::Map
            } else {
                Intrinsic::Set
            };
            let copy = construct(rt, which, &[])?;
            memory.push(v);
            memory.push(Value::object(copy));
            let entries = rt.collection_entries(o).unwrap_or_default();
            let flat: Vec<Value> = entries.iter().flat_map(|(k, v)| [*k, *v]).collect();
            let flat = rt.rooted_list_from(&flat);
            let (method, pairs) = if which == Intrinsic::Map {
                ("set", true)
            } else {
                ("add", false)
            };
            let proto = rt.intrinsic_object(if pairs {
                Intrinsic::MapPrototype
            } else {
                Intrinsic::SetPrototype
            });
            let f = rt.get_by_name(proto, method)?;
            let mut args = rt.rooted_list();
            for i in (0..flat.len()).step_by(2) {
                args.clear();
                let k = clone(rt, flat[i], memory)?;
                args.push(k);
                if pairs {
                    let val = clone(rt, flat[i + 1], memory)?;
                    args.push(val);
                }
                rt.call(f, Value::object(copy), &args)?;
            }
            return Ok(Value::object(copy));
        }
        Slots::Error => {
            let copy = clone_error(rt, o, memory)?;
            memory.push(v);
            memory.push(Value::object(copy));
            return Ok(Value::object(copy));
        }
        Slots::Ordinary | Slots::Arguments => (rt.new_object()?, true),
        Slots::Other(_) if !o.is_callable() => (rt.new_object()?, true),
        _ => {
            let text = describe(rt, o, slots);
            return Err(data_clone_error(rt, &text));
        }
    };
    memory.push(v);
    memory.push(Value::object(copy));
    if deep {
        // Own enumerable string keys, in order; values read with [[Get]].
        let keys = super::own_enumerable_string_keys(rt, o)?;
        let keys = rt.rooted_list_from(&keys);
        for &k in keys.iter() {
            let value = rt.get(o, k, v)?;
            let value = rt.rooted_list_from(&[value]);
            let c = clone(rt, value[0], memory)?;
            rt.create_data_property_or_throw(copy, k, c)?;
        }
        if o.is_array() {
            // The length, for trailing holes.
            let len = o.array_length();
            let key = rt.key("length")?;
            rt.set(copy, key, Value::from_u32(len), Value::object(copy))?;
        }
    }
    Ok(Value::object(copy))
}

/// StructuredSerializeInternal / StructuredDeserialize of an ArrayBuffer
/// (step 13), a SharedArrayBuffer (step 13.2: the same memory) or a view
/// (step 14: its buffer through the memory, then a view of the same kind,
/// offset and length, a length-tracking one staying so).
fn clone_binary(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    binary: BinaryData,
    memory: &mut RootedList<Value>,
) -> JsResult<Gc<JsObject>> {
    match binary {
        BinaryData::ArrayBuffer { detached: true, .. } => Err(data_clone_error_text(
            rt,
            "An ArrayBuffer is detached and could not be cloned.",
        )),
        BinaryData::ArrayBuffer { .. } | BinaryData::SharedArrayBuffer => {
            match rt.clone_array_buffer(o)? {
                Some(copy) => Ok(copy),
                None => Err(data_clone_error(rt, "#<ArrayBuffer>")),
            }
        }
        BinaryData::View {
            constructor,
            buffer,
            byte_offset,
            length,
            out_of_bounds,
        } => {
            if out_of_bounds {
                let buffer_detached = matches!(
                    rt.binary_data(buffer),
                    Some(BinaryData::ArrayBuffer { detached: true, .. })
                );
                let text = if buffer_detached {
                    "An ArrayBuffer is detached and could not be cloned."
                } else {
                    "A view out of the bounds of its buffer could not be cloned."
                };
                return Err(data_clone_error_text(rt, text));
            }
            let b = clone(rt, Value::object(buffer), memory)?;
            let mut args = rt.rooted_list();
            args.push(b);
            args.push(Value::number(byte_offset as f64));
            if let Some(n) = length {
                args.push(Value::number(n as f64));
            }
            construct(rt, constructor, &args)
        }
    }
}

/// StructuredSerializeInternal step 18 / StructuredDeserialize for an
/// Error: the prototype from `name` (one of the seven NativeError names,
/// else %Error.prototype%), an own `message` data property, and, as V8
/// does, `cause` (cloned) and `stack`.
fn clone_error(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    memory: &mut RootedList<Value>,
) -> JsResult<Gc<JsObject>> {
    let name = rt.get_by_name(o, "name")?;
    let name = if name.is_string() {
        rt.to_string_for_display(name)?
    } else {
        String::new()
    };
    let which = match name.as_str() {
        "EvalError" => Intrinsic::EvalError,
        "RangeError" => Intrinsic::RangeError,
        "ReferenceError" => Intrinsic::ReferenceError,
        "SyntaxError" => Intrinsic::SyntaxError,
        "TypeError" => Intrinsic::TypeError,
        "URIError" => Intrinsic::UriError,
        _ => Intrinsic::Error,
    };
    // Own data properties only (no getter runs for these).
    let mut own = rt.rooted_list();
    for key in ["message", "cause", "stack"] {
        let k = rt.key(key)?;
        let value = match rt.get_own_property(o, k)? {
            Some(PropertyDescriptor {
                value: Some(v),
                get: None,
                set: None,
                ..
            }) => v,
            _ => Value::HOLE,
        };
        own.push(value);
    }
    let message = if own[0].is_hole() {
        Value::UNDEFINED
    } else {
        Value::string(rt.to_string(own[0])?)
    };
    own.push(message);
    let copy = construct(rt, which, &[])?;
    let attributes = Attributes::new(true, false, true);
    if !own[3].is_undefined() {
        let k = rt.key("message")?;
        rt.define_property_or_throw(copy, k, PropertyDescriptor::data(own[3], attributes))?;
    }
    if !own[1].is_hole() {
        let cause = clone(rt, own[1], memory)?;
        let k = rt.key("cause")?;
        rt.define_property_or_throw(copy, k, PropertyDescriptor::data(cause, attributes))?;
    }
    // The stack as the original has it (a string), or none.
    let k: PropertyKey = rt.key("stack")?;
    if own[2].is_string() {
        rt.define_property_or_throw(copy, k, PropertyDescriptor::data(own[2], attributes))?;
    } else {
        rt.delete_property_or_throw(copy, k)?;
    }
    Ok(copy)
}

/// V8's name for a value that could not be cloned: a function's source
/// text, `#<Object>` for a proxy, else `#<CONSTRUCTOR>` (the `name` of the
/// `constructor` found along the prototype chain, data properties only).
fn describe(rt: &mut Runtime, o: Gc<JsObject>, slots: Slots) -> String {
    match slots {
        Slots::Proxy(_) => return "#<Object>".to_owned(),
        Slots::Function(_) => {
            let proto = rt.intrinsic_object(Intrinsic::FunctionPrototype);
            let text = rt
                .get_by_name(proto, "toString")
                .and_then(|f| rt.call(f, Value::object(o), &[]))
                .ok()
                .and_then(|t| t.as_string().map(|s| s.to_rust_string()));
            if let Some(text) = text {
                return text;
            }
        }
        _ => {}
    }
    let name = rt
        .key("constructor")
        .ok()
        .and_then(|k| data_property(rt, o, k))
        .and_then(Value::as_object)
        .and_then(|c| {
            let k = rt.key("name").ok()?;
            data_property(rt, c, k)
        })
        .and_then(|n| n.as_string().map(|s| s.to_rust_string()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Object".to_owned());
    format!("#<{name}>")
}

/// A data property of `o` or its prototypes (an accessor stops the search).
fn data_property(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> Option<Value> {
    let mut current = Some(o);
    for _ in 0..1000 {
        let o = current?;
        // A built-in object's properties may not be created yet.
        rt.materialize(o).ok()?;
        match o.stored_property(key) {
            Some(jsruntime::object::StoredProperty::Data(v, _)) => return Some(v),
            Some(_) => return None,
            None => current = o.proto().as_object(),
        }
    }
    None
}
