//! The methods of %Object.prototype% (20.1.3).

use crate::builtins::arg;
use crate::object::{ObjectKind, PropertyKey};
use crate::runtime::Runtime;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// 20.1.3.2 Object.prototype.hasOwnProperty ( V ).
pub(super) fn has_own_property(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let key = rt.to_property_key(arg(args, 0))?;
    let o = rt.to_object(this)?;
    Ok(Value::from_bool(rt.has_own_property(o, key)?))
}

/// 20.1.3.3 Object.prototype.isPrototypeOf ( V ).
pub(super) fn is_prototype_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let Some(mut v) = arg(args, 0).as_object() else {
        return Ok(Value::FALSE);
    };
    let o = rt.to_object(this)?;
    loop {
        match rt.get_prototype_of(v)?.as_object() {
            None => return Ok(Value::FALSE),
            Some(p) if p == o => return Ok(Value::TRUE),
            Some(p) => v = p,
        }
    }
}

/// 20.1.3.4 Object.prototype.propertyIsEnumerable ( V ).
pub(super) fn property_is_enumerable(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    let key = rt.to_property_key(arg(args, 0))?;
    let o = rt.to_object(this)?;
    let d = rt.get_own_property(o, key)?;
    Ok(Value::from_bool(
        d.is_some_and(|d| d.enumerable == Some(true)),
    ))
}

/// 20.1.3.5 Object.prototype.toLocaleString ( ).
pub(super) fn to_locale_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let key = PropertyKey::String(rt.names.to_string);
    rt.invoke(this, key, &[])
}

/// 20.1.3.6 Object.prototype.toString ( ).
pub fn object_to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    if this.is_undefined() {
        return Ok(Value::string(rt.atom("[object Undefined]")?));
    }
    if this.is_null() {
        return Ok(Value::string(rt.atom("[object Null]")?));
    }
    let o = rt.to_object(this)?;
    let builtin_tag = if o.is_array() {
        "Array"
    } else {
        match o.kind() {
            _ if o.is_callable() => "Function",
            ObjectKind::Error => "Error",
            ObjectKind::Boolean(_) => "Boolean",
            ObjectKind::Number(_) => "Number",
            ObjectKind::String(_) => "String",
            ObjectKind::Exotic(e) => e.builtin_tag(),
            _ if crate::object::regexp::is_regexp_object(o) => "RegExp",
            _ => "Object",
        }
    };
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::ToStringTag));
    let tag = rt.get(o, key, Value::object(o))?;
    let tag = match tag.as_string() {
        Some(s) => s.to_rust_string(),
        None => builtin_tag.to_owned(),
    };
    Ok(Value::string(rt.new_string(&format!("[object {tag}]"))?))
}

/// 20.1.3.7 Object.prototype.valueOf ( ).
pub(super) fn value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::object(rt.to_object(this)?))
}
