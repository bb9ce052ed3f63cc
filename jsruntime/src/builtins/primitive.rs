//! The String (22.1.1), Number (21.1.1) and Boolean (20.3.1) constructors
//! and the `toString`/`valueOf` methods of their prototypes.

use super::{arg, f};
use crate::conversions::to_boolean;
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, ObjectKind, PropertyKey, StoredProperty};
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

static STRING_PROTOTYPE: &[BuiltinFunction] = &[
    f("toString", 0, string_value_of),
    f("valueOf", 0, string_value_of),
];
static NUMBER_PROTOTYPE: &[BuiltinFunction] = &[
    f("toString", 1, number_to_string),
    f("valueOf", 0, number_value_of),
];
static BOOLEAN_PROTOTYPE: &[BuiltinFunction] = &[
    f("toString", 0, boolean_to_string),
    f("valueOf", 0, boolean_value_of),
];

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    let proto = rt.intrinsic_object(Intrinsic::StringPrototype);
    rt.install_functions(proto, STRING_PROTOTYPE)?;
    rt.install_constructor(
        Intrinsic::String,
        "String",
        1,
        |rt, _, args| string_from(rt, args, None),
        |rt, args, nt| string_from(rt, args, Some(nt)),
        proto,
    )?;
    let proto = rt.intrinsic_object(Intrinsic::NumberPrototype);
    rt.install_functions(proto, NUMBER_PROTOTYPE)?;
    let number = rt.install_constructor(
        Intrinsic::Number,
        "Number",
        1,
        |rt, _, args| number_from(rt, args, None),
        |rt, args, nt| number_from(rt, args, Some(nt)),
        proto,
    )?;
    // 21.1.2 Properties of the Number Constructor: the value properties are
    // not writable, enumerable or configurable.
    rt.install_values(
        number,
        &[
            ("EPSILON", Value::from_f64(f64::EPSILON)),
            ("MAX_SAFE_INTEGER", Value::from_f64(9007199254740991.0)),
            ("MAX_VALUE", Value::from_f64(f64::MAX)),
            ("MIN_SAFE_INTEGER", Value::from_f64(-9007199254740991.0)),
            // The smallest positive subnormal (5e-324).
            ("MIN_VALUE", Value::from_f64(f64::from_bits(1))),
            ("NaN", Value::from_f64(f64::NAN)),
            ("NEGATIVE_INFINITY", Value::from_f64(f64::NEG_INFINITY)),
            ("POSITIVE_INFINITY", Value::from_f64(f64::INFINITY)),
        ],
        Attributes::NONE,
    )?;
    let proto = rt.intrinsic_object(Intrinsic::BooleanPrototype);
    rt.install_functions(proto, BOOLEAN_PROTOTYPE)?;
    rt.install_constructor(
        Intrinsic::Boolean,
        "Boolean",
        1,
        |_, _, args| Ok(Value::from_bool(to_boolean(arg(args, 0)))),
        |rt, args, nt| {
            let b = to_boolean(arg(args, 0));
            let o = rt.ordinary_create_from_constructor(
                nt,
                Intrinsic::BooleanPrototype,
                ObjectKind::Boolean(b),
                0,
            )?;
            Ok(Value::object(o))
        },
        proto,
    )?;
    Ok(())
}

/// 22.1.1.1 String ( value ).
fn string_from(
    rt: &mut Runtime,
    args: &[Value],
    new_target: Option<Gc<JsObject>>,
) -> JsResult<Value> {
    let s = match args.first() {
        None => rt.empty_string(),
        Some(&v) => match (v.as_symbol(), new_target) {
            (Some(sym), None) => rt.symbol_descriptive_string(sym)?,
            _ => rt.to_string(v)?,
        },
    };
    let Some(nt) = new_target else {
        return Ok(Value::string(s));
    };
    // 10.4.3.4 StringCreate with GetPrototypeFromConstructor.
    let proto = rt.prototype_from_constructor(nt, Intrinsic::StringPrototype)?;
    let o = rt.new_object_with(proto, ObjectKind::String(s), 0)?;
    let key = PropertyKey::String(rt.names.length);
    rt.store_property(
        o,
        key,
        StoredProperty::Data(Value::from_u32(s.len() as u32), Attributes::NONE),
    )?;
    Ok(Value::object(o))
}

/// 21.1.1.1 Number ( value ).
fn number_from(
    rt: &mut Runtime,
    args: &[Value],
    new_target: Option<Gc<JsObject>>,
) -> JsResult<Value> {
    let n = match args.first() {
        None => 0.0,
        Some(&v) => {
            let prim = rt.to_numeric(v)?;
            // Step 1.b: a BigInt converts to the nearest Number.
            match (prim.as_number(), prim.as_bigint()) {
                (Some(d), _) => d,
                (None, Some(b)) => crate::bigint::to_f64(b.value()),
                (None, None) => f64::NAN,
            }
        }
    };
    let Some(nt) = new_target else {
        return Ok(Value::number(n));
    };
    let o = rt.ordinary_create_from_constructor(
        nt,
        Intrinsic::NumberPrototype,
        ObjectKind::Number(n),
        0,
    )?;
    Ok(Value::object(o))
}

/// 22.1.3.35.1 ThisStringValue, for `toString` and `valueOf`.
fn string_value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    if this.is_string() {
        return Ok(this);
    }
    if let Some(o) = this.as_object() {
        if let ObjectKind::String(s) = o.kind() {
            return Ok(Value::string(*s));
        }
    }
    Err(rt.type_error("String.prototype.valueOf requires that 'this' be a String"))
}

/// 21.1.3.7.1 ThisNumberValue.
fn this_number(rt: &mut Runtime, this: Value) -> JsResult<f64> {
    if let Some(n) = this.as_number() {
        return Ok(n);
    }
    if let Some(o) = this.as_object() {
        if let ObjectKind::Number(n) = o.kind() {
            return Ok(*n);
        }
    }
    Err(rt.type_error("Number.prototype.valueOf requires that 'this' be a Number"))
}

fn number_value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::number(this_number(rt, this)?))
}

/// 21.1.3.6 Number.prototype.toString ( [ radix ] ) (radix 10 only for now).
fn number_to_string(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let n = this_number(rt, this)?;
    let radix = arg(args, 0);
    if !radix.is_undefined() {
        let r = rt.to_integer_or_infinity(radix)?;
        if !(2.0..=36.0).contains(&r) {
            return Err(rt.range_error("toString() radix must be between 2 and 36"));
        }
        if r != 10.0 {
            return Err(rt.range_error("toString() radix other than 10 is not supported yet"));
        }
    }
    Ok(Value::string(rt.number_to_js_string(n)?))
}

/// 20.3.3.3.1 ThisBooleanValue.
fn this_boolean(rt: &mut Runtime, this: Value) -> JsResult<bool> {
    if let Some(b) = this.as_bool() {
        return Ok(b);
    }
    if let Some(o) = this.as_object() {
        if let ObjectKind::Boolean(b) = o.kind() {
            return Ok(*b);
        }
    }
    Err(rt.type_error("Boolean.prototype.valueOf requires that 'this' be a Boolean"))
}

fn boolean_value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(this_boolean(rt, this)?))
}

fn boolean_to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_boolean(rt, this)?;
    Ok(Value::string(if b {
        rt.names.true_
    } else {
        rt.names.false_
    }))
}
