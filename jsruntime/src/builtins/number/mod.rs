//! The Number constructor (21.1.1, 21.1.2) and %Number.prototype% (21.1.3);
//! the formatting algorithms are in [`format`].

mod format;

use super::arg;
use crate::builtins::global::parse;
use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_NONE};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 21.1.2 Properties of the Number Constructor
/// (#sec-properties-of-the-number-constructor): the value properties are not
/// writable, enumerable or configurable.
pub(crate) static NUMBER: BuiltinObject = BuiltinObject {
    name: "Number",
    intrinsic: Some(Intrinsic::Number),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "Number",
        1,
        |rt, _, args| number_from(rt, args, None),
        |rt, args, nt| number_from(rt, args, Some(nt)),
    ),
    props: &[
        Prop::value("EPSILON", Constant::Number(f64::EPSILON), ATTR_NONE),
        Prop::method("isFinite", 1, is_finite),
        Prop::method("isInteger", 1, is_integer),
        Prop::method("isNaN", 1, is_nan),
        Prop::method("isSafeInteger", 1, is_safe_integer),
        Prop::value(
            "MAX_SAFE_INTEGER",
            Constant::Number(9007199254740991.0),
            ATTR_NONE,
        ),
        Prop::value("MAX_VALUE", Constant::Number(f64::MAX), ATTR_NONE),
        Prop::value(
            "MIN_SAFE_INTEGER",
            Constant::Number(-9007199254740991.0),
            ATTR_NONE,
        ),
        // The smallest positive subnormal (5e-324).
        Prop::value("MIN_VALUE", Constant::Number(5e-324), ATTR_NONE),
        Prop::value("NaN", Constant::Number(f64::NAN), ATTR_NONE),
        Prop::value(
            "NEGATIVE_INFINITY",
            Constant::Number(f64::NEG_INFINITY),
            ATTR_NONE,
        ),
        // 21.1.2.12/13: the same function objects as the globals.
        Prop::method("parseFloat", 1, parse::parse_float).records(Intrinsic::ParseFloat),
        Prop::method("parseInt", 2, parse::parse_int).records(Intrinsic::ParseInt),
        Prop::value(
            "POSITIVE_INFINITY",
            Constant::Number(f64::INFINITY),
            ATTR_NONE,
        ),
        Prop::prototype(Intrinsic::NumberPrototype),
    ],
};

/// 21.1.3 Properties of the Number Prototype Object
/// (#sec-properties-of-the-number-prototype-object): a Number object for +0.
pub(crate) static NUMBER_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Number.prototype",
    intrinsic: Some(Intrinsic::NumberPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::NumberWrapper,
    props: &[
        Prop::constructor(Intrinsic::Number),
        Prop::method("toExponential", 1, to_exponential),
        Prop::method("toFixed", 1, to_fixed),
        Prop::method("toLocaleString", 0, to_locale_string),
        Prop::method("toPrecision", 1, to_precision),
        Prop::method("toString", 1, number_to_string),
        Prop::method("valueOf", 0, number_value_of),
    ],
};

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

/// 21.1.3.6 Number.prototype.toString ( [ radix ] ).
fn number_to_string(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let x = this_number(rt, this)?;
    let radix = arg(args, 0);
    let r = if radix.is_undefined() {
        10.0
    } else {
        rt.to_integer_or_infinity(radix)?
    };
    if !(2.0..=36.0).contains(&r) {
        return Err(rt.range_error("toString() radix must be between 2 and 36"));
    }
    if r == 10.0 {
        return Ok(Value::string(rt.number_to_js_string(x)?));
    }
    let text = format::to_radix_string(x, r as u32);
    Ok(Value::string(rt.new_string(&text)?))
}

/// 21.1.3.4 Number.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ):
/// without ECMA-402, the same as `toString()`.
fn to_locale_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let x = this_number(rt, this)?;
    Ok(Value::string(rt.number_to_js_string(x)?))
}

/// 21.1.3.3 Number.prototype.toFixed ( fractionDigits ).
fn to_fixed(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1-3.
    let x = this_number(rt, this)?;
    let f = rt.to_integer_or_infinity(arg(args, 0))?;
    // Steps 4-5.
    if !f.is_finite() || !(0.0..=100.0).contains(&f) {
        return Err(rt.range_error("toFixed() digits argument must be between 0 and 100"));
    }
    // Step 6.
    if !x.is_finite() {
        return Ok(Value::string(rt.number_to_js_string(x)?));
    }
    let text = format::to_fixed(x, f as u32);
    Ok(Value::string(rt.new_string(&text)?))
}

/// 21.1.3.2 Number.prototype.toExponential ( fractionDigits ).
fn to_exponential(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1-3.
    let x = this_number(rt, this)?;
    let fd = arg(args, 0);
    let f = rt.to_integer_or_infinity(fd)?;
    // Step 5.
    if !x.is_finite() {
        return Ok(Value::string(rt.number_to_js_string(x)?));
    }
    // Step 6.
    if !(0.0..=100.0).contains(&f) {
        return Err(rt.range_error("toExponential() argument must be between 0 and 100"));
    }
    let f = (!fd.is_undefined()).then_some(f as u32);
    let text = format::to_exponential(x, f);
    Ok(Value::string(rt.new_string(&text)?))
}

/// 21.1.3.5 Number.prototype.toPrecision ( precision ).
fn to_precision(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1-2.
    let x = this_number(rt, this)?;
    let precision = arg(args, 0);
    if precision.is_undefined() {
        return Ok(Value::string(rt.number_to_js_string(x)?));
    }
    // Step 3.
    let p = rt.to_integer_or_infinity(precision)?;
    // Step 4.
    if !x.is_finite() {
        return Ok(Value::string(rt.number_to_js_string(x)?));
    }
    // Step 5.
    if !(1.0..=100.0).contains(&p) {
        return Err(rt.range_error("toPrecision() argument must be between 1 and 100"));
    }
    let text = format::to_precision(x, p as u32);
    Ok(Value::string(rt.new_string(&text)?))
}

/// 21.1.2.2 Number.isFinite ( number ).
fn is_finite(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let n = arg(args, 0).as_number();
    Ok(Value::from_bool(n.is_some_and(f64::is_finite)))
}

/// 21.1.2.3 Number.isInteger ( number ) (IsIntegralNumber).
fn is_integer(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let n = arg(args, 0).as_number();
    Ok(Value::from_bool(
        n.is_some_and(|n| n.is_finite() && n.trunc() == n),
    ))
}

/// 21.1.2.4 Number.isNaN ( number ).
fn is_nan(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let n = arg(args, 0).as_number();
    Ok(Value::from_bool(n.is_some_and(f64::is_nan)))
}

/// 21.1.2.5 Number.isSafeInteger ( number ).
fn is_safe_integer(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let n = arg(args, 0).as_number();
    Ok(Value::from_bool(n.is_some_and(|n| {
        n.is_finite() && n.trunc() == n && n.abs() <= 9007199254740991.0
    })))
}
