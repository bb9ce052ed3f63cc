//! The BigInt constructor (ECMA-262 21.2.1, 21.2.2: `BigInt.asIntN`,
//! `BigInt.asUintN`) and %BigInt.prototype% (21.2.3: `toString`,
//! `toLocaleString`, `valueOf`, `@@toStringTag`).

use super::arg;
use crate::bigint::{as_n_bits, JsBigInt};
use crate::conversions::Hint;
use crate::gc::Gc;
use crate::object::ObjectKind;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 21.2.2 Properties of the BigInt Constructor
/// (#sec-properties-of-the-bigint-constructor).
pub(crate) static BIGINT: BuiltinObject = BuiltinObject {
    name: "BigInt",
    intrinsic: Some(Intrinsic::BigInt),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "BigInt",
        1,
        call,
        // 21.2.1.1 step 1: `new BigInt()` throws (BigInt still is a
        // constructor, 21.2.1).
        |rt, _, _| Err(rt.type_error("BigInt is not a constructor")),
    ),
    props: &[
        Prop::method("asIntN", 2, as_int_n),
        Prop::method("asUintN", 2, as_uint_n),
        Prop::prototype(Intrinsic::BigIntPrototype),
    ],
};

/// 21.2.3 Properties of the BigInt Prototype Object
/// (#sec-properties-of-the-bigint-prototype-object).
pub(crate) static BIGINT_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "BigInt.prototype",
    intrinsic: Some(Intrinsic::BigIntPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::BigInt),
        Prop::method("toLocaleString", 0, to_locale_string),
        Prop::method("toString", 0, to_string),
        Prop::method("valueOf", 0, value_of),
        Prop::value("@@toStringTag", Constant::Str("BigInt"), ATTR_C),
    ],
};

/// 21.2.1.1 BigInt ( value ).
fn call(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let prim = rt.to_primitive(arg(args, 0), Hint::Number)?;
    match prim.as_number() {
        // Step 3: NumberToBigInt.
        Some(d) => rt.number_to_bigint(d),
        None => rt.to_bigint(prim),
    }
}

/// 21.2.2.1 BigInt.asIntN ( bits, bigint ) and 21.2.2.2 BigInt.asUintN.
fn as_n(rt: &mut Runtime, args: &[Value], signed: bool) -> JsResult<Value> {
    let bits = rt.to_index(arg(args, 0))?;
    let b = rt.to_bigint(arg(args, 1))?;
    let Some(b) = b.as_bigint() else {
        return Err(rt.type_error("not a BigInt"));
    };
    // A negative value modulo 2^bits has `bits` bits: refuse before
    // computing it (asUintN(2^53 - 1, -1n) would allocate 2^50 bytes).
    if !signed && b.value().sign() == num_bigint::Sign::Minus && bits > crate::bigint::MAX_BITS {
        return Err(rt.range_error("Maximum BigInt size exceeded"));
    }
    let r = as_n_bits(b.value(), bits, signed);
    rt.new_bigint(r)
}

fn as_int_n(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    as_n(rt, args, true)
}

fn as_uint_n(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    as_n(rt, args, false)
}

/// 21.2.3.4.1 ThisBigIntValue ( value ).
fn this_bigint(rt: &mut Runtime, this: Value) -> JsResult<Gc<JsBigInt>> {
    if let Some(b) = this.as_bigint() {
        return Ok(b);
    }
    if let Some(o) = this.as_object() {
        if let ObjectKind::BigInt(b) = o.kind() {
            return Ok(*b);
        }
    }
    Err(rt.type_error("BigInt.prototype method called on an incompatible receiver"))
}

/// 21.2.3.3 BigInt.prototype.toString ( [ radix ] ).
fn to_string(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let x = this_bigint(rt, this)?;
    let radix = arg(args, 0);
    let radix = if radix.is_undefined() {
        10.0
    } else {
        rt.to_integer_or_infinity(radix)?
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(rt.range_error("toString() radix must be between 2 and 36"));
    }
    Ok(Value::string(
        rt.bigint_to_js_string(x.value(), radix as u32)?,
    ))
}

/// 21.2.3.2 BigInt.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ):
/// without ECMA-402, the decimal string.
fn to_locale_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let x = this_bigint(rt, this)?;
    Ok(Value::string(rt.bigint_to_js_string(x.value(), 10)?))
}

/// 21.2.3.4 BigInt.prototype.valueOf ( ).
fn value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::bigint(this_bigint(rt, this)?))
}
