//! The Symbol constructor (ECMA-262 20.4.1, 20.4.2: `Symbol.for`,
//! `Symbol.keyFor` and the well-known symbols) and %Symbol.prototype%
//! (20.4.3: `toString`, `valueOf`, `description`, `@@toPrimitive`,
//! `@@toStringTag`).

use super::arg;
use crate::gc::Gc;
use crate::object::ObjectKind;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C, ATTR_NONE};
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::{Symbol, WellKnownSymbol};
use crate::value::Value;
use crate::JsResult;

/// A well-known symbol as a value property of the Symbol constructor:
/// not writable, enumerable or configurable (20.4.2).
const fn well_known(key: &'static str, w: WellKnownSymbol) -> Prop {
    Prop::value(key, Constant::Symbol(w), ATTR_NONE)
}

/// 20.4.2 Properties of the Symbol Constructor
/// (#sec-properties-of-the-symbol-constructor).
pub(crate) static SYMBOL: BuiltinObject = BuiltinObject {
    name: "Symbol",
    intrinsic: Some(Intrinsic::Symbol),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "Symbol",
        0,
        call,
        // 20.4.1.1 step 1: `new Symbol()` throws (Symbol still is a
        // constructor, 20.4.1).
        |rt, _, _| Err(rt.type_error("Symbol is not a constructor")),
    ),
    props: &[
        well_known("asyncIterator", WellKnownSymbol::AsyncIterator),
        Prop::method("for", 1, symbol_for),
        well_known("hasInstance", WellKnownSymbol::HasInstance),
        well_known("isConcatSpreadable", WellKnownSymbol::IsConcatSpreadable),
        well_known("iterator", WellKnownSymbol::Iterator),
        Prop::method("keyFor", 1, key_for),
        well_known("match", WellKnownSymbol::Match),
        well_known("matchAll", WellKnownSymbol::MatchAll),
        Prop::prototype(Intrinsic::SymbolPrototype),
        well_known("replace", WellKnownSymbol::Replace),
        well_known("search", WellKnownSymbol::Search),
        well_known("species", WellKnownSymbol::Species),
        well_known("split", WellKnownSymbol::Split),
        well_known("toPrimitive", WellKnownSymbol::ToPrimitive),
        well_known("toStringTag", WellKnownSymbol::ToStringTag),
        well_known("unscopables", WellKnownSymbol::Unscopables),
    ],
};

/// 20.4.3 Properties of the Symbol Prototype Object
/// (#sec-properties-of-the-symbol-prototype-object).
pub(crate) static SYMBOL_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Symbol.prototype",
    intrinsic: Some(Intrinsic::SymbolPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::Symbol),
        Prop::getter("description", description),
        Prop::method("toString", 0, to_string),
        Prop::method("valueOf", 0, value_of),
        // 20.4.3.5: not writable.
        Prop::method("@@toPrimitive", 1, value_of).attrs(ATTR_C),
        Prop::value("@@toStringTag", Constant::Str("Symbol"), ATTR_C),
    ],
};

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
