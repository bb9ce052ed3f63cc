//! `structuredClone(value)`: the HTML structured clone algorithm
//! (StructuredSerializeInternal + StructuredDeserialize in one pass) for
//! the types the engine has: primitives except symbols, primitive wrapper
//! objects, Date, RegExp, Map, Set, arrays, Error objects and ordinary
//! objects (own enumerable string-keyed properties). Shared and circular
//! references are preserved through a memory of clones. Anything else
//! (functions, symbols, proxies, promises, weak collections) throws a
//! `DataCloneError`.

use jsruntime::gc::{Gc, RootedList};
use jsruntime::object::{JsObject, NativeFn};
use jsruntime::runtime::introspect::Slots;
use jsruntime::runtime::Intrinsic;
use jsruntime::{JsResult, Runtime, Thrown, Value};

/// The globals of this module.
pub const GLOBALS: &[(&str, u32, NativeFn)] = &[("structuredClone", 1, structured_clone)];

fn structured_clone(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let Some(&v) = args.first() else {
        return Err(rt.type_error("The \"value\" argument must be specified"));
    };
    // The memory: (original, clone) pairs, flattened and rooted.
    let mut memory = rt.rooted_list();
    clone(rt, v, &mut memory)
}

/// A `DataCloneError` (an Error named so; the engine has no DOMException).
fn data_clone_error(rt: &mut Runtime, what: &str) -> Thrown {
    let message = format!("{what} could not be cloned.");
    match rt.new_error(jsruntime::ErrorKind::Error, &message) {
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
            let name = rt.get_by_name(o, "name")?;
            let name = rt.to_string_for_display(name)?;
            let which = match name.as_str() {
                "EvalError" => Intrinsic::EvalError,
                "RangeError" => Intrinsic::RangeError,
                "ReferenceError" => Intrinsic::ReferenceError,
                "SyntaxError" => Intrinsic::SyntaxError,
                "TypeError" => Intrinsic::TypeError,
                "URIError" => Intrinsic::UriError,
                _ => Intrinsic::Error,
            };
            let message = rt.get_by_name(o, "message")?;
            let args: Vec<Value> = if message.is_undefined() {
                Vec::new()
            } else {
                let m = rt.to_string(message)?;
                vec![Value::string(m)]
            };
            let args = rt.rooted_list_from(&args);
            let copy = construct(rt, which, &args)?;
            let stack = rt.get_by_name(o, "stack")?;
            if stack.is_string() {
                let key = rt.key("stack")?;
                rt.create_data_property(copy, key, stack)?;
            }
            (copy, false)
        }
        Slots::Ordinary | Slots::Arguments => (rt.new_object()?, true),
        Slots::Other(_) if !o.is_callable() => (rt.new_object()?, true),
        _ => {
            let text = super::inspect::inspect_default(rt, v);
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
