//! The Number constructor (21.1.1, 21.1.2) and %Number.prototype% (21.1.3).

use super::arg;
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
