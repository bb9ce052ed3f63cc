//! The Object constructor (20.1.1, 20.1.2) and %Object.prototype% (20.1.3),
//! with the descriptor conversions 6.2.6.4 FromPropertyDescriptor and
//! 6.2.6.5 ToPropertyDescriptor.

use super::{arg, f};
use crate::conversions::to_boolean;
use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind, PropertyDescriptor, PropertyKey};
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

static OBJECT_PROTOTYPE: &[BuiltinFunction] = &[
    f("hasOwnProperty", 1, has_own_property),
    f("isPrototypeOf", 1, is_prototype_of),
    f("propertyIsEnumerable", 1, property_is_enumerable),
    f("toLocaleString", 0, to_locale_string),
    f("toString", 0, object_to_string),
    f("valueOf", 0, value_of),
];

static OBJECT: &[BuiltinFunction] = &[
    f("create", 2, create),
    f("defineProperties", 2, define_properties),
    f("defineProperty", 3, define_property),
    f("freeze", 1, freeze),
    f("getOwnPropertyDescriptor", 2, get_own_property_descriptor),
    f("getOwnPropertyNames", 1, get_own_property_names),
    f("getPrototypeOf", 1, get_prototype_of),
    f("isExtensible", 1, is_extensible),
    f("isFrozen", 1, is_frozen),
    f("isSealed", 1, is_sealed),
    f("keys", 1, keys),
    f("preventExtensions", 1, prevent_extensions),
    f("seal", 1, seal),
    f("setPrototypeOf", 2, set_prototype_of),
];

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    let proto = rt.intrinsic_object(Intrinsic::ObjectPrototype);
    rt.install_functions(proto, OBJECT_PROTOTYPE)?;
    let ctor = rt.install_constructor(
        Intrinsic::Object,
        "Object",
        1,
        object_call,
        object_construct,
        proto,
    )?;
    rt.install_functions(ctor, OBJECT)?;
    Ok(())
}

/// 20.1.1.1 Object ( [ value ] ), called.
fn object_call(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if v.is_nullish() {
        return Ok(Value::object(rt.new_object()?));
    }
    Ok(Value::object(rt.to_object(v)?))
}

/// 20.1.1.1 Object ( [ value ] ), constructed.
fn object_construct(rt: &mut Runtime, args: &[Value], new_target: Gc<JsObject>) -> JsResult<Value> {
    let object = rt.intrinsic_object(Intrinsic::Object);
    if new_target != object {
        let o = rt.ordinary_create_from_constructor(
            new_target,
            Intrinsic::ObjectPrototype,
            ObjectKind::Ordinary,
            0,
        )?;
        return Ok(Value::object(o));
    }
    object_call(rt, Value::UNDEFINED, args)
}

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

fn require_object(rt: &mut Runtime, v: Value, what: &str) -> JsResult<Gc<JsObject>> {
    match v.as_object() {
        Some(o) => Ok(o),
        None => Err(rt.type_error(&format!("{what} called on non-object"))),
    }
}

// ----- Object.prototype -----

/// 20.1.3.2 Object.prototype.hasOwnProperty ( V ).
fn has_own_property(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let key = rt.to_property_key(arg(args, 0))?;
    let o = rt.to_object(this)?;
    Ok(Value::from_bool(rt.has_own_property(o, key)?))
}

/// 20.1.3.3 Object.prototype.isPrototypeOf ( V ).
fn is_prototype_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
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
fn property_is_enumerable(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let key = rt.to_property_key(arg(args, 0))?;
    let o = rt.to_object(this)?;
    let d = rt.get_own_property(o, key)?;
    Ok(Value::from_bool(
        d.is_some_and(|d| d.enumerable == Some(true)),
    ))
}

/// 20.1.3.5 Object.prototype.toLocaleString ( ).
fn to_locale_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
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
fn value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::object(rt.to_object(this)?))
}

// ----- Object -----

/// 20.1.2.2 Object.create ( O, Properties ).
fn create(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let proto = arg(args, 0);
    if !proto.is_object() && !proto.is_null() {
        return Err(rt.type_error("Object prototype may only be an Object or null"));
    }
    let o = rt.new_object_with_proto(proto)?;
    let props = arg(args, 1);
    if !props.is_undefined() {
        object_define_properties(rt, o, props)?;
    }
    Ok(Value::object(o))
}

/// 20.1.2.3.1 ObjectDefineProperties ( O, Properties ).
fn object_define_properties(rt: &mut Runtime, o: Gc<JsObject>, props: Value) -> JsResult<()> {
    let props_obj = rt.to_object(props)?;
    let keys = rt.own_property_keys(props_obj)?;
    // The descriptors are applied after all were read (step 4); each
    // descriptor's values stay reachable from `props`.
    let mut descriptors = Vec::new();
    for key in keys {
        let Some(d) = rt.get_own_property(props_obj, key)? else {
            continue;
        };
        if d.enumerable == Some(true) {
            let desc_obj = rt.get(props_obj, key, Value::object(props_obj))?;
            descriptors.push((key, to_property_descriptor(rt, desc_obj)?));
        }
    }
    for (key, d) in descriptors {
        rt.define_property_or_throw(o, key, d)?;
    }
    Ok(())
}

/// 20.1.2.3 Object.defineProperties ( O, Properties ).
fn define_properties(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = require_object(rt, arg(args, 0), "Object.defineProperties")?;
    object_define_properties(rt, o, arg(args, 1))?;
    Ok(Value::object(o))
}

/// 20.1.2.4 Object.defineProperty ( O, P, Attributes ).
fn define_property(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = require_object(rt, arg(args, 0), "Object.defineProperty")?;
    let key = rt.to_property_key(arg(args, 1))?;
    let d = to_property_descriptor(rt, arg(args, 2))?;
    rt.define_property_or_throw(o, key, d)?;
    Ok(Value::object(o))
}

/// 20.1.2.6 Object.freeze ( O ).
fn freeze(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Some(o) = v.as_object() {
        if !rt.set_integrity_level(o, true)? {
            return Err(rt.type_error("Cannot freeze"));
        }
    }
    Ok(v)
}

/// 20.1.2.22 Object.seal ( O ).
fn seal(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Some(o) = v.as_object() {
        if !rt.set_integrity_level(o, false)? {
            return Err(rt.type_error("Cannot seal"));
        }
    }
    Ok(v)
}

/// 20.1.2.19 Object.preventExtensions ( O ).
fn prevent_extensions(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Some(o) = v.as_object() {
        if !rt.prevent_extensions(o)? {
            return Err(rt.type_error("Cannot prevent extensions"));
        }
    }
    Ok(v)
}

/// 7.3.17 TestIntegrityLevel ( O, level ).
fn test_integrity_level(rt: &mut Runtime, o: Gc<JsObject>, frozen: bool) -> JsResult<bool> {
    if rt.is_extensible(o)? {
        return Ok(false);
    }
    for key in rt.own_property_keys(o)? {
        if let Some(d) = rt.get_own_property(o, key)? {
            if d.configurable == Some(true) {
                return Ok(false);
            }
            if frozen && d.is_data() && d.writable == Some(true) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// 20.1.2.16 Object.isFrozen ( O ).
fn is_frozen(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    match arg(args, 0).as_object() {
        Some(o) => Ok(Value::from_bool(test_integrity_level(rt, o, true)?)),
        None => Ok(Value::TRUE),
    }
}

/// 20.1.2.17 Object.isSealed ( O ).
fn is_sealed(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    match arg(args, 0).as_object() {
        Some(o) => Ok(Value::from_bool(test_integrity_level(rt, o, false)?)),
        None => Ok(Value::TRUE),
    }
}

/// 20.1.2.15 Object.isExtensible ( O ).
fn is_extensible(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    match arg(args, 0).as_object() {
        Some(o) => Ok(Value::from_bool(rt.is_extensible(o)?)),
        None => Ok(Value::FALSE),
    }
}

/// 20.1.2.8 Object.getOwnPropertyDescriptor ( O, P ).
fn get_own_property_descriptor(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(arg(args, 0))?;
    let key = rt.to_property_key(arg(args, 1))?;
    match rt.get_own_property(o, key)? {
        Some(d) => from_property_descriptor(rt, d),
        None => Ok(Value::UNDEFINED),
    }
}

/// An array of the own keys of `v` that pass `keep` (keys are appended one
/// by one so that every new string is reachable from the array).
fn keys_array(
    rt: &mut Runtime,
    v: Value,
    mut keep: impl FnMut(&mut Runtime, Gc<JsObject>, PropertyKey) -> JsResult<bool>,
) -> JsResult<Value> {
    let o = rt.to_object(v)?;
    let array = rt.new_array(0)?;
    let mut n = 0u32;
    for key in rt.own_property_keys(o)? {
        if key.is_symbol() || !keep(rt, o, key)? {
            continue;
        }
        let k = rt.property_key_to_value(key)?;
        rt.create_data_property_or_throw(array, PropertyKey::Index(n), k)?;
        n += 1;
    }
    Ok(Value::object(array))
}

/// 20.1.2.10 Object.getOwnPropertyNames ( O ).
fn get_own_property_names(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    keys_array(rt, arg(args, 0), |_, _, _| Ok(true))
}

/// 20.1.2.18 Object.keys ( O ): EnumerableOwnProperties(O, key).
fn keys(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    keys_array(rt, arg(args, 0), |rt, o, key| {
        Ok(rt
            .get_own_property(o, key)?
            .is_some_and(|d| d.enumerable == Some(true)))
    })
}

/// 20.1.2.12 Object.getPrototypeOf ( O ).
fn get_prototype_of(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(arg(args, 0))?;
    rt.get_prototype_of(o)
}

/// 20.1.2.23 Object.setPrototypeOf ( O, proto ).
fn set_prototype_of(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if v.is_nullish() {
        return Err(rt.type_error("Object.setPrototypeOf called on null or undefined"));
    }
    let proto = arg(args, 1);
    if !proto.is_object() && !proto.is_null() {
        return Err(rt.type_error("Object prototype may only be an Object or null"));
    }
    let Some(o) = v.as_object() else {
        return Ok(v);
    };
    if !rt.set_prototype_of(o, proto)? {
        return Err(rt.type_error("Cannot set the prototype of this object"));
    }
    Ok(v)
}
