//! The JSON object (25.5): `JSON.parse` ([`parse`], a dedicated parser over
//! the string's code units, and InternalizeJSONProperty for the reviver) and
//! `JSON.stringify` ([`stringify`], SerializeJSONProperty writing into one
//! growable Latin-1/UTF-16 buffer).
//!
//! Both recurse on nested values and call [`Runtime::check_stack`] at each
//! level, so deep nesting ends in a RangeError, never a native overflow.

mod parse;

pub(crate) use parse::parse_text;
mod stringify;

use crate::gc::{Gc, ValueList};
use crate::object::{JsObject, PropertyKey};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 25.5 The JSON Object (#sec-json-object): an ordinary object, the value of
/// the global `JSON` (19.4.2).
pub(crate) static JSON: BuiltinObject = BuiltinObject {
    name: "JSON",
    intrinsic: None,
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("parse", 2, parse::parse),
        Prop::method("stringify", 3, stringify::stringify),
        // 25.5.3 JSON [ @@toStringTag ].
        Prop::value("@@toStringTag", Constant::Str("JSON"), ATTR_C),
    ],
};

/// A string or index key as a value a [`ValueList`] can keep alive: atoms
/// are weak, so keys held across calls into user code must be rooted.
fn key_to_root(key: PropertyKey) -> Value {
    match key {
        PropertyKey::Index(i) => Value::number(i as f64),
        PropertyKey::String(s) => Value::string(s),
        PropertyKey::Symbol(s) => Value::symbol(s),
    }
}

/// The inverse of [`key_to_root`].
fn root_to_key(v: Value) -> PropertyKey {
    if let Some(s) = v.as_string() {
        PropertyKey::String(s)
    } else if let Some(s) = v.as_symbol() {
        PropertyKey::Symbol(s)
    } else {
        PropertyKey::Index(v.as_number().unwrap_or(0.0) as u32)
    }
}

/// 7.3.23 EnumerableOwnProperties(O, key) (#sec-enumerableownproperties):
/// the enumerable own string keys, in a rooted list ([`key_to_root`]).
fn enumerable_own_keys(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<Gc<ValueList>> {
    let list = rt.alloc(ValueList::new())?;
    // Fast path: an ordinary object without elements. Its
    // [[OwnPropertyKeys]] are the string keys of its shape in order, and
    // [[GetOwnProperty]] reads their attributes from the shape: no code
    // runs, so the keys are read from the shape at once.
    if matches!(o.kind(), crate::object::ObjectKind::Ordinary)
        && o.exotic_methods().is_none()
        && o.element_indices().is_empty()
    {
        for e in o.shape().entries() {
            if !e.key.is_symbol() && e.attrs.0 & crate::object::Attributes::ENUMERABLE != 0 {
                list.push(key_to_root(e.key));
            }
        }
        return Ok(list);
    }
    // Root the keys before anything can run: [[GetOwnProperty]] may run user
    // code (exotic objects) that deletes them.
    let all = rt.alloc(ValueList::new())?;
    let keys = rt.own_property_keys(o)?;
    for &k in &keys {
        if !k.is_symbol() {
            all.push(key_to_root(k));
        }
    }
    for i in 0..all.len() {
        let k = root_to_key(all.get(i).unwrap_or(Value::UNDEFINED));
        if rt
            .get_own_property(o, k)?
            .is_some_and(|d| d.enumerable == Some(true))
        {
            list.push(key_to_root(k));
        }
    }
    Ok(list)
}
