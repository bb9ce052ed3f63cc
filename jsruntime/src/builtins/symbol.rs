//! The Symbol constructor (ECMA-262 20.4.1, 20.4.2: `Symbol.for`,
//! `Symbol.keyFor` and the well-known symbols) and %Symbol.prototype%
//! (20.4.3: `toString`, `valueOf`, `description`, `@@toStringTag`).

use super::{arg, f};
use crate::gc::Gc;
use crate::object::{Attributes, ObjectKind, PropertyDescriptor, PropertyKey, StoredProperty};
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::{Symbol, WellKnownSymbol};
use crate::value::Value;
use crate::JsResult;

static SYMBOL: &[BuiltinFunction] = &[f("for", 1, symbol_for), f("keyFor", 1, key_for)];
static SYMBOL_TO_PRIMITIVE: &[BuiltinFunction] = &[f("@@toPrimitive", 1, value_of)];
static SYMBOL_PROTOTYPE: &[BuiltinFunction] =
    &[f("toString", 0, to_string), f("valueOf", 0, value_of)];

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    let proto = rt.intrinsic_object(Intrinsic::SymbolPrototype);
    rt.install_functions(proto, SYMBOL_PROTOTYPE)?;
    let ctor = rt.install_constructor(
        Intrinsic::Symbol,
        "Symbol",
        0,
        call,
        // 20.4.1.1 step 1: `new Symbol()` throws (Symbol still is a
        // constructor, 20.4.1).
        |rt, _, _| Err(rt.type_error("Symbol is not a constructor")),
        proto,
    )?;
    rt.install_functions(ctor, SYMBOL)?;
    // 20.4.2: the well-known symbols, non-writable and non-configurable.
    for &w in WellKnownSymbol::ALL {
        let name = &w.description()["Symbol.".len()..];
        let key = PropertyKey::String(rt.atom(name)?);
        let s = rt.well_known_symbol(w);
        rt.store_property(
            ctor,
            key,
            StoredProperty::Data(Value::symbol(s), Attributes::NONE),
        )?;
    }
    // 20.4.3.2 get Symbol.prototype.description.
    let name = rt.atom("get description")?;
    let getter = rt.new_native_function(name, 0, description, None)?;
    let key = PropertyKey::String(rt.atom("description")?);
    rt.define_property_or_throw(
        proto,
        key,
        PropertyDescriptor::accessor(
            Value::object(getter),
            Value::UNDEFINED,
            Attributes::CONFIGURABLE_ONLY,
        ),
    )?;
    // 20.4.3.5 Symbol.prototype [ @@toPrimitive ] ( hint ): not writable.
    rt.install_functions(proto, SYMBOL_TO_PRIMITIVE)?;
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::ToPrimitive));
    if let Some(StoredProperty::Data(f, _)) = proto.stored_property(key) {
        rt.define_property_or_throw(
            proto,
            key,
            PropertyDescriptor::data(f, Attributes::CONFIGURABLE_ONLY),
        )?;
    }
    // 20.4.3.6 Symbol.prototype [ @@toStringTag ].
    let tag = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::ToStringTag));
    let name = rt.atom("Symbol")?;
    rt.store_property(
        proto,
        tag,
        StoredProperty::Data(Value::string(name), Attributes::CONFIGURABLE_ONLY),
    )?;
    Ok(())
}

/// 20.4.1.1 Symbol ( [ description ] ).
fn call(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let d = arg(args, 0);
    let description = if d.is_undefined() {
        Value::UNDEFINED
    } else {
        Value::string(rt.to_string(d)?)
    };
    Ok(Value::symbol(rt.new_symbol(description)?))
}

/// 20.4.2.2 Symbol.for ( key ).
fn symbol_for(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let key = rt.to_string(arg(args, 0))?;
    Ok(Value::symbol(rt.symbol_for(key)?))
}

/// 20.4.2.6 Symbol.keyFor ( sym ).
fn key_for(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let Some(s) = arg(args, 0).as_symbol() else {
        return Err(rt.type_error("Symbol.keyFor: not a symbol"));
    };
    Ok(rt.symbol_key_for(s).map_or(Value::UNDEFINED, Value::string))
}

/// 20.4.3.5.1 ThisSymbolValue ( value ).
fn this_symbol(rt: &mut Runtime, this: Value) -> JsResult<Gc<Symbol>> {
    if let Some(s) = this.as_symbol() {
        return Ok(s);
    }
    if let Some(o) = this.as_object() {
        if let ObjectKind::Symbol(s) = o.kind() {
            return Ok(*s);
        }
    }
    Err(rt.type_error("Symbol.prototype method called on an incompatible receiver"))
}

/// 20.4.3.3 Symbol.prototype.toString ( ).
fn to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_symbol(rt, this)?;
    Ok(Value::string(rt.symbol_descriptive_string(s)?))
}

/// 20.4.3.4 Symbol.prototype.valueOf ( ).
fn value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::symbol(this_symbol(rt, this)?))
}

/// 20.4.3.2 get Symbol.prototype.description.
fn description(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(this_symbol(rt, this)?.description())
}
