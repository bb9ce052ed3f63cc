//! The slow paths of the operators: binary operators (13.15.3
//! ApplyStringOrNumericBinaryOperator, relational, equality, `in`,
//! `instanceof`), unary operators and ToBoolean.
//!
//! They delegate to the runtime core's conversions (ToPrimitive, ToNumeric,
//! ToString, IsLooselyEqual, ...), which call back into compiled code through
//! [`crate::runtime::HostHooks`] when an object's `valueOf`, `toString` or
//! `@@toPrimitive` is a closure.

use crate::backend::feedback::{note, operator_bits};
use crate::backend::Executor;
use crate::bigint::{compare_with_number, string_to_bigint, BigIntOp};
use crate::completion::JsResult;
use crate::conversions::{number_remainder, to_boolean, Hint};
use crate::equality::is_strictly_equal;
use crate::runtime::Runtime;
use crate::semantics::{BinaryOperator, UnaryOperator};
use crate::value::Value;

use super::{complete, value};

/// IsLessThan (7.2.13): `Some(x < y)`, `None` for undefined (NaN).
fn is_less_than(rt: &mut Runtime, x: Value, y: Value, left_first: bool) -> JsResult<Option<bool>> {
    let (px, py) = if left_first {
        let px = rt.to_primitive(x, Hint::Number)?;
        let py = rt.to_primitive(y, Hint::Number)?;
        (px, py)
    } else {
        let py = rt.to_primitive(y, Hint::Number)?;
        let px = rt.to_primitive(x, Hint::Number)?;
        (px, py)
    };
    if let (Some(a), Some(b)) = (px.as_string(), py.as_string()) {
        return Ok(Some(a.compare(&b) == std::cmp::Ordering::Less));
    }
    // Steps 3.c–3.d: a BigInt and a string compare as BigInts (undefined
    // when the string is not an integer).
    if let (Some(a), Some(b)) = (px.as_bigint(), py.as_string()) {
        return Ok(string_to_bigint(b.view()).map(|y| a.value() < &y));
    }
    if let (Some(a), Some(b)) = (px.as_string(), py.as_bigint()) {
        return Ok(string_to_bigint(a.view()).map(|x| &x < b.value()));
    }
    let nx = rt.to_numeric(px)?;
    let ny = rt.to_numeric(py)?;
    let ordering = match (nx.as_bigint(), ny.as_bigint()) {
        (Some(a), Some(b)) => Some(a.value().cmp(b.value())),
        (Some(a), None) => compare_with_number(a.value(), ny.as_number().unwrap_or(f64::NAN)),
        (None, Some(b)) => compare_with_number(b.value(), nx.as_number().unwrap_or(f64::NAN))
            .map(std::cmp::Ordering::reverse),
        (None, None) => {
            let (x, y) = (nx.as_number(), ny.as_number());
            return Ok(x
                .zip(y)
                .and_then(|(x, y)| x.partial_cmp(&y))
                .map(|o| o.is_lt()));
        }
    };
    Ok(ordering.map(|o| o.is_lt()))
}

/// ToNumeric (7.1.3) where a BigInt is a TypeError: unary `+` (ToNumber).
fn numeric(rt: &mut Runtime, v: Value) -> JsResult<f64> {
    let n = rt.to_numeric(v)?;
    match n.as_number() {
        Some(d) => Ok(d),
        None => rt.to_number(n),
    }
}

/// The BigInt operation of a numeric binary operator.
fn bigint_op(op: BinaryOperator) -> Option<BigIntOp> {
    use BinaryOperator as B;
    Some(match op {
        B::Addition => BigIntOp::Add,
        B::Subtraction => BigIntOp::Subtract,
        B::Multiplication => BigIntOp::Multiply,
        B::Division => BigIntOp::Divide,
        B::Remainder => BigIntOp::Remainder,
        B::Exponentiation => BigIntOp::Exponentiate,
        B::LeftShift => BigIntOp::LeftShift,
        B::SignedRightShift => BigIntOp::SignedRightShift,
        B::UnsignedRightShift => BigIntOp::UnsignedRightShift,
        B::BitwiseAnd => BigIntOp::BitwiseAnd,
        B::BitwiseOr => BigIntOp::BitwiseOr,
        B::BitwiseXor => BigIntOp::BitwiseXor,
        _ => return None,
    })
}

/// 13.15.3 ApplyStringOrNumericBinaryOperator steps 3–8 on numeric values
/// (the results of ToNumeric): both Numbers, both BigInts, or a TypeError.
fn numeric_binary(rt: &mut Runtime, op: BinaryOperator, a: Value, b: Value) -> JsResult<Value> {
    if let (Some(x), Some(y)) = (a.as_bigint(), b.as_bigint()) {
        return match bigint_op(op) {
            Some(op) => rt.bigint_binary(op, x.value(), y.value()),
            None => Err(rt.type_error("unknown BigInt operator")),
        };
    }
    let (Some(x), Some(y)) = (a.as_number(), b.as_number()) else {
        return Err(rt.type_error("Cannot mix BigInt and other types, use explicit conversions"));
    };
    match bigint_op(op).and_then(|_| number_binary(op, x, y)) {
        Some(v) => Ok(v),
        None => Err(rt.type_error("unknown numeric operator")),
    }
}

/// 6.1.6.1.3 Number::exponentiate.
fn exponentiate(x: f64, y: f64) -> f64 {
    if y.is_nan() || ((x == 1.0 || x == -1.0) && y.is_infinite()) {
        f64::NAN
    } else {
        x.powf(y)
    }
}

fn to_int32(d: f64) -> i32 {
    crate::conversions::f64_to_int32(d)
}

/// A binary operator on two Numbers, before the general steps: ToPrimitive
/// and ToNumeric are the identity on a Number (7.1.1 step 2, 7.1.3 step 1
/// after it), so the arithmetic operators are their Number:: operation
/// (13.15.3 step 8), the relational ones 7.2.13 IsLessThan step 4.e
/// (Number::lessThan: NaN compares undefined, so every relation is false),
/// and `==` / `===` Number::equal (7.2.14 step 1, 7.2.15 step 2). `None`
/// for `in` and `instanceof`, which need objects.
fn number_binary(op: BinaryOperator, x: f64, y: f64) -> Option<Value> {
    use BinaryOperator as B;
    Some(match op {
        B::Addition => Value::number(x + y),
        B::Subtraction => Value::number(x - y),
        B::Multiplication => Value::number(x * y),
        B::Division => Value::number(x / y),
        B::Remainder => Value::number(number_remainder(x, y)),
        B::Exponentiation => Value::number(exponentiate(x, y)),
        B::LeftShift => Value::from_i32(to_int32(x).wrapping_shl(to_int32(y) as u32 & 31)),
        B::SignedRightShift => Value::from_i32(to_int32(x) >> (to_int32(y) as u32 & 31)),
        B::UnsignedRightShift => Value::from_u32((to_int32(x) as u32) >> (to_int32(y) as u32 & 31)),
        B::BitwiseAnd => Value::from_i32(to_int32(x) & to_int32(y)),
        B::BitwiseOr => Value::from_i32(to_int32(x) | to_int32(y)),
        B::BitwiseXor => Value::from_i32(to_int32(x) ^ to_int32(y)),
        B::LessThan => Value::from_bool(x < y),
        B::GreaterThan => Value::from_bool(x > y),
        B::LessThanOrEqual => Value::from_bool(x <= y),
        B::GreaterThanOrEqual => Value::from_bool(x >= y),
        B::Equality | B::StrictEquality => Value::from_bool(x == y),
        B::Inequality | B::StrictInequality => Value::from_bool(x != y),
        B::InstanceOf | B::In => return None,
    })
}

/// A binary operator on any values (13.15.3 ApplyStringOrNumericBinaryOperator
/// and the relational, equality, `in` and `instanceof` operators).
fn binary(rt: &mut Runtime, op: BinaryOperator, a: Value, b: Value) -> JsResult<Value> {
    use BinaryOperator as B;
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        if let Some(v) = number_binary(op, x, y) {
            return Ok(v);
        }
    }
    Ok(match op {
        // Strings and numbers are primitives already (ToPrimitive is the
        // identity): string building skips the general path.
        B::Addition
            if (a.is_string() && (b.is_string() || b.is_number()))
                || (a.is_number() && b.is_string()) =>
        {
            let x = rt.to_string(a)?;
            let y = rt.to_string(b)?;
            Value::string(rt.concat_strings(x, y)?)
        }
        B::Addition => {
            let pa = rt.to_primitive(a, Hint::Default)?;
            let pb = rt.to_primitive(b, Hint::Default)?;
            if pa.is_string() || pb.is_string() {
                let x = rt.to_string(pa)?;
                let y = rt.to_string(pb)?;
                Value::string(rt.concat_strings(x, y)?)
            } else {
                let x = rt.to_numeric(pa)?;
                let y = rt.to_numeric(pb)?;
                return numeric_binary(rt, op, x, y);
            }
        }
        B::Subtraction
        | B::Multiplication
        | B::Division
        | B::Remainder
        | B::Exponentiation
        | B::LeftShift
        | B::SignedRightShift
        | B::UnsignedRightShift
        | B::BitwiseAnd
        | B::BitwiseOr
        | B::BitwiseXor => {
            let x = rt.to_numeric(a)?;
            let y = rt.to_numeric(b)?;
            return numeric_binary(rt, op, x, y);
        }
        // 13.10.1: `a > b` is IsLessThan(b, a, LeftFirst = false), etc.
        B::LessThan => Value::from_bool(is_less_than(rt, a, b, true)? == Some(true)),
        B::GreaterThan => Value::from_bool(is_less_than(rt, b, a, false)? == Some(true)),
        B::LessThanOrEqual => Value::from_bool(is_less_than(rt, b, a, false)? == Some(false)),
        B::GreaterThanOrEqual => Value::from_bool(is_less_than(rt, a, b, true)? == Some(false)),
        B::StrictEquality => Value::from_bool(is_strictly_equal(a, b)),
        B::StrictInequality => Value::from_bool(!is_strictly_equal(a, b)),
        B::Equality => Value::from_bool(rt.is_loosely_equal(a, b)?),
        B::Inequality => Value::from_bool(!rt.is_loosely_equal(a, b)?),
        B::InstanceOf => Value::from_bool(rt.instance_of(a, b)?),
        B::In => Value::from_bool(rt.in_operator(a, b)?),
    })
}

pub(crate) const BINARY_OPERATORS: [BinaryOperator; 22] = [
    BinaryOperator::Exponentiation,
    BinaryOperator::Multiplication,
    BinaryOperator::Division,
    BinaryOperator::Remainder,
    BinaryOperator::Addition,
    BinaryOperator::Subtraction,
    BinaryOperator::LeftShift,
    BinaryOperator::SignedRightShift,
    BinaryOperator::UnsignedRightShift,
    BinaryOperator::LessThan,
    BinaryOperator::GreaterThan,
    BinaryOperator::LessThanOrEqual,
    BinaryOperator::GreaterThanOrEqual,
    BinaryOperator::InstanceOf,
    BinaryOperator::In,
    BinaryOperator::Equality,
    BinaryOperator::Inequality,
    BinaryOperator::StrictEquality,
    BinaryOperator::StrictInequality,
    BinaryOperator::BitwiseAnd,
    BinaryOperator::BitwiseXor,
    BinaryOperator::BitwiseOr,
];

pub(crate) const UNARY_OPERATORS: [UnaryOperator; 11] = [
    UnaryOperator::PostfixIncrement,
    UnaryOperator::PostfixDecrement,
    UnaryOperator::PrefixIncrement,
    UnaryOperator::PrefixDecrement,
    UnaryOperator::Delete,
    UnaryOperator::Void,
    UnaryOperator::Typeof,
    UnaryOperator::Plus,
    UnaryOperator::Minus,
    UnaryOperator::BitwiseNot,
    UnaryOperator::LogicalNot,
];

/// The slow path of a binary operator (the operator is a
/// [`BinaryOperator`] discriminant).
///
/// # Safety
/// `ret` must be writable; `a` and `b` valid values.
pub unsafe extern "C" fn runtime_binary(
    ctx: *mut Executor,
    op: u32,
    a: u64,
    b: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = match BINARY_OPERATORS.get(op as usize) {
        // SAFETY: compiled code passes valid values.
        Some(&op) => binary(&mut exec.runtime, op, unsafe { value(a) }, unsafe {
            value(b)
        }),
        None => Err(exec.runtime.type_error("unknown binary operator")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// [`runtime_binary`] in the quick tier: also records the operand kinds in
/// the site's feedback byte (`backend::feedback`), read when the full tier
/// is built.
///
/// # Safety
/// As [`runtime_binary`]; `site` null or a byte of a live feedback table.
pub unsafe extern "C" fn runtime_binary_noting(
    ctx: *mut Executor,
    op: u32,
    a: u64,
    b: u64,
    ret: *mut u64,
    site: *mut u8,
) -> u32 {
    // SAFETY: see the function's contract.
    let status = unsafe { runtime_binary(ctx, op, a, b, ret) };
    // SAFETY: `ret` holds the result (or the exception when `status` says
    // so); `a`, `b` are valid values; `site` per the contract.
    unsafe {
        let result = (status == super::Status::Normal as u32).then(|| value(*ret));
        note(site, operator_bits(value(a), value(b), result));
    }
    status
}

/// The slow path of a unary operator (`+`, `-`, `~`, `typeof`). The update
/// operators use two codes: `PostfixIncrement` is their ToNumeric step
/// (13.4.2.1 step 2, a BigInt passes through) and `PrefixIncrement` /
/// `PrefixDecrement` add or subtract 1 (or 1n) to a numeric value.
///
/// # Safety
/// `ret` must be writable; `v` a valid value.
pub unsafe extern "C" fn runtime_unary(ctx: *mut Executor, op: u32, v: u64, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, v) = unsafe { (&mut *ctx, value(v)) };
    let rt = &mut exec.runtime;
    let op = UNARY_OPERATORS.get(op as usize);
    // A Number first: ToNumeric is the identity (7.1.3), so the operators
    // are their Number:: operations.
    if let Some(d) = v.as_number() {
        let fast = match op {
            Some(UnaryOperator::Minus) => Some(Value::number(-d)),
            Some(UnaryOperator::BitwiseNot) => Some(Value::from_i32(!to_int32(d))),
            Some(UnaryOperator::Plus | UnaryOperator::PostfixIncrement) => Some(Value::number(d)),
            Some(UnaryOperator::PrefixIncrement) => Some(Value::number(d + 1.0)),
            Some(UnaryOperator::PrefixDecrement) => Some(Value::number(d - 1.0)),
            _ => None,
        };
        if let Some(r) = fast {
            // SAFETY: `ret` is writable.
            return unsafe { complete(ret, Ok(r)) };
        }
    }
    let result = match op {
        // 13.5.3.1 typeof.
        Some(UnaryOperator::Typeof) => Ok(Value::string(rt.type_of(v))),
        // 13.5.5.1 unary minus: ToNumeric, then Number::unaryMinus or
        // BigInt::unaryMinus.
        Some(UnaryOperator::Minus) => rt.to_numeric(v).and_then(|n| match n.as_bigint() {
            Some(b) => rt.bigint_negate(b.value()),
            None => Ok(Value::number(-n.as_number().unwrap_or(f64::NAN))),
        }),
        // 13.5.6.1 `~`: ToNumeric, then Number::bitwiseNOT or BigInt::bitwiseNOT.
        Some(UnaryOperator::BitwiseNot) => rt.to_numeric(v).and_then(|n| match n.as_bigint() {
            Some(b) => rt.bigint_not(b.value()),
            None => Ok(Value::from_i32(!to_int32(n.as_number().unwrap_or(0.0)))),
        }),
        // Numbers as int32 where exact, for the addition's fast path.
        Some(UnaryOperator::PostfixIncrement) => rt.to_numeric(v).map(|n| match n.as_number() {
            Some(d) => Value::number(d),
            None => n,
        }),
        Some(op @ (UnaryOperator::PrefixIncrement | UnaryOperator::PrefixDecrement)) => {
            let by = if *op == UnaryOperator::PrefixIncrement {
                1
            } else {
                -1
            };
            match v.as_bigint() {
                Some(b) => rt.bigint_increment(b.value(), by),
                None => numeric(rt, v).map(|n| Value::number(n + by as f64)),
            }
        }
        // 13.5.4.1 unary plus: ToNumber (and ToNumeric for x++ / x--).
        Some(_) => numeric(rt, v).map(Value::number),
        None => Err(rt.type_error("unknown unary operator")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// ToBoolean (ECMA-262 7.1.2); never throws.
///
/// # Safety
/// `v` must be a valid value.
pub unsafe extern "C" fn runtime_to_boolean(_ctx: *mut Executor, v: u64) -> u8 {
    // SAFETY: see the function's contract.
    to_boolean(unsafe { value(v) }) as u8
}
