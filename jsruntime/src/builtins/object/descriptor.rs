//! 6.2.6.4 FromPropertyDescriptor and 6.2.6.5 ToPropertyDescriptor: property
//! descriptors as JavaScript objects (`Object.defineProperty`,
//! `Object.getOwnPropertyDescriptor`).

use crate::conversions::to_boolean;
use crate::object::{PropertyDescriptor, PropertyKey};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// 6.2.6.4 FromPropertyDescriptor.
pub fn from_property_descriptor(rt: &mut Runtime, d: PropertyDescriptor) -> JsResult<Value> {
    let o = rt.new_object()?;
    let n = &rt.names;
    let fields = [
        (n.value, d.value),
        (n.writable, d.writable.map(Value::from_bool)),
        (n.get, d.get),
        (n.set, d.set),
        (n.enumerable, d.enumerable.map(Value::from_bool)),
        (n.configurable, d.configurable.map(Value::from_bool)),
    ];
    for (name, v) in fields {
        if let Some(v) = v {
            rt.create_data_property_or_throw(o, PropertyKey::String(name), v)?;
        }
    }
    Ok(Value::object(o))
}

/// 6.2.6.5 ToPropertyDescriptor.
pub fn to_property_descriptor(rt: &mut Runtime, v: Value) -> JsResult<PropertyDescriptor> {
    let Some(o) = v.as_object() else {
        return Err(rt.type_error("Property description must be an object"));
    };
    let field = |rt: &mut Runtime, name| -> JsResult<Option<Value>> {
        let key = PropertyKey::String(name);
        if rt.has_property(o, key)? {
            Ok(Some(rt.get(o, key, v)?))
        } else {
            Ok(None)
        }
    };
    let n = (
        rt.names.enumerable,
        rt.names.configurable,
        rt.names.value,
        rt.names.writable,
        rt.names.get,
        rt.names.set,
    );
    let mut d = PropertyDescriptor {
        enumerable: field(rt, n.0)?.map(to_boolean),
        configurable: field(rt, n.1)?.map(to_boolean),
        value: field(rt, n.2)?,
        writable: field(rt, n.3)?.map(to_boolean),
        ..Default::default()
    };
    for (name, slot) in [(n.4, &mut d.get), (n.5, &mut d.set)] {
        if let Some(g) = field(rt, name)? {
            if !g.is_undefined() && !g.as_object().is_some_and(|f| f.is_callable()) {
                return Err(rt.type_error("Getter or setter must be a function"));
            }
            *slot = Some(g);
        }
    }
    if (d.get.is_some() || d.set.is_some()) && (d.value.is_some() || d.writable.is_some()) {
        return Err(rt.type_error(
            "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute",
        ));
    }
    Ok(d)
}
