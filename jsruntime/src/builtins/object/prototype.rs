//! The methods of %Object.prototype% (20.1.3).

use crate::builtins::arg;
use crate::object::{ObjectKind, PropertyDescriptor, PropertyKey};
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

/// 20.1.3.6 Object.prototype.toString ( ) (#sec-object.prototype.tostring).
pub fn object_to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    // 1-2. Undefined and null.
    if this.is_undefined() {
        return Ok(Value::string(rt.atom("[object Undefined]")?));
    }
    if this.is_null() {
        return Ok(Value::string(rt.atom("[object Null]")?));
    }
    // 3. Let O be ! ToObject(this value).
    let o = rt.to_object(this)?;
    // 4-14. builtinTag: Array (IsArray), Function ([[Call]]), Arguments
    // ([[ParameterMap]], the exotic table's tag), Error, Boolean, Number,
    // String, Date, RegExp, else Object.
    let builtin_tag = if rt.is_array(Value::object(o))? {
        "Array"
    } else {
        match o.kind() {
            _ if o.is_callable() => "Function",
            ObjectKind::Exotic(e) => e.builtin_tag(),
            ObjectKind::Error => "Error",
            ObjectKind::Boolean(_) => "Boolean",
            ObjectKind::Number(_) => "Number",
            ObjectKind::String(_) => "String",
            ObjectKind::Date(_) => "Date",
            _ if crate::object::regexp::is_regexp_object(o) => "RegExp",
            _ => "Object",
        }
    };
    // 15. Let tag be ? Get(O, @@toStringTag).
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::ToStringTag));
    let tag = rt.get(o, key, Value::object(o))?;
    // 16. If tag is not a String, set tag to builtinTag.
    // 17. Return the string-concatenation of "[object ", tag, and "]"
    // (in UTF-16: a tag may hold lone surrogates).
    let mut units: Vec<u16> = "[object ".encode_utf16().collect();
    match tag.as_string() {
        Some(s) => units.extend(s.to_utf16()),
        None => units.extend(builtin_tag.encode_utf16()),
    }
    units.push(u16::from(b']'));
    Ok(Value::string(rt.new_string_utf16(&units)?))
}

/// 20.1.3.7 Object.prototype.valueOf ( ).
pub(super) fn value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::object(rt.to_object(this)?))
}

/// B.2.2.1.1 get Object.prototype.__proto__
/// (#sec-get-object.prototype.__proto__).
pub(super) fn get_proto(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = rt.to_object(this)?;
    // 2. Return ? O.[[GetPrototypeOf]]().
    rt.get_prototype_of(o)
}

/// B.2.2.1.2 set Object.prototype.__proto__
/// (#sec-set-object.prototype.__proto__).
pub(super) fn set_proto(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // 1. Let O be ? RequireObjectCoercible(this value).
    if this.is_nullish() {
        return Err(rt.type_error("Object.prototype.__proto__ called on null or undefined"));
    }
    // 2. If proto is not an Object and proto is not null, return undefined.
    let proto = arg(args, 0);
    if !proto.is_object() && !proto.is_null() {
        return Ok(Value::UNDEFINED);
    }
    // 3. If O is not an Object, return undefined.
    let Some(o) = this.as_object() else {
        return Ok(Value::UNDEFINED);
    };
    // 4-5. Let status be ? O.[[SetPrototypeOf]](proto); false throws.
    if !rt.set_prototype_of(o, proto)? {
        return Err(rt.type_error("Object.prototype.__proto__: cannot set the prototype"));
    }
    Ok(Value::UNDEFINED)
}

/// B.2.2.2 Object.prototype.__defineGetter__ ( P, getter ) and B.2.2.3
/// Object.prototype.__defineSetter__ ( P, setter ).
fn define_accessor(rt: &mut Runtime, this: Value, args: &[Value], getter: bool) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = rt.to_object(this)?;
    // 2. If IsCallable(getter) is false, throw a TypeError exception.
    let f = arg(args, 1);
    if !f.as_object().is_some_and(|f| f.is_callable()) {
        let which = if getter { "getter" } else { "setter" };
        return Err(rt.type_error(&format!(
            "Object.prototype.__define{}__: {which} is not a function",
            if getter { "Getter" } else { "Setter" }
        )));
    }
    // 3. Let desc be PropertyDescriptor { [[Get]]/[[Set]]: getter,
    // [[Enumerable]]: true, [[Configurable]]: true }.
    let desc = PropertyDescriptor {
        get: getter.then_some(f),
        set: (!getter).then_some(f),
        enumerable: Some(true),
        configurable: Some(true),
        ..Default::default()
    };
    // 4. Let key be ? ToPropertyKey(P).
    let key = rt.to_property_key(arg(args, 0))?;
    // 5. Perform ? DefinePropertyOrThrow(O, key, desc).
    rt.define_property_or_throw(o, key, desc)?;
    Ok(Value::UNDEFINED)
}

/// B.2.2.2 Object.prototype.__defineGetter__ ( P, getter )
/// (#sec-object.prototype.__defineGetter__).
pub(super) fn define_getter(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    define_accessor(rt, this, args, true)
}

/// B.2.2.3 Object.prototype.__defineSetter__ ( P, setter )
/// (#sec-object.prototype.__defineSetter__).
pub(super) fn define_setter(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    define_accessor(rt, this, args, false)
}

/// B.2.2.4 Object.prototype.__lookupGetter__ ( P ) and B.2.2.5
/// Object.prototype.__lookupSetter__ ( P ).
fn lookup_accessor(rt: &mut Runtime, this: Value, args: &[Value], getter: bool) -> JsResult<Value> {
    // 1. Let O be ? ToObject(this value).
    let mut o = rt.to_object(this)?;
    // 2. Let key be ? ToPropertyKey(P).
    let key = rt.to_property_key(arg(args, 0))?;
    // 3. Repeat,
    loop {
        // a. Let desc be ? O.[[GetOwnProperty]](key).
        // b. If desc is not undefined, then
        if let Some(desc) = rt.get_own_property(o, key)? {
            // i. If IsAccessorDescriptor(desc) is true, return desc.[[Get]]/[[Set]].
            // ii. Return undefined.
            let f = if getter { desc.get } else { desc.set };
            return Ok(f.unwrap_or(Value::UNDEFINED));
        }
        // c. Set O to ? O.[[GetPrototypeOf]]().
        // d. If O is null, return undefined.
        match rt.get_prototype_of(o)?.as_object() {
            Some(p) => o = p,
            None => return Ok(Value::UNDEFINED),
        }
    }
}

/// B.2.2.4 Object.prototype.__lookupGetter__ ( P )
/// (#sec-object.prototype.__lookupGetter__).
pub(super) fn lookup_getter(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    lookup_accessor(rt, this, args, true)
}

/// B.2.2.5 Object.prototype.__lookupSetter__ ( P )
/// (#sec-object.prototype.__lookupSetter__).
pub(super) fn lookup_setter(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    lookup_accessor(rt, this, args, false)
}
