//! The Math object (21.3).
//!
//! The functions use Rust's `f64` methods (libm); results of the
//! transcendental functions are implementation-approximated as 21.3.2
//! allows.

use super::arg;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_NONE};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// A value property of the Math object (21.3.1): not writable, enumerable
/// or configurable.
const fn constant(key: &'static str, value: f64) -> Prop {
    Prop::value(key, Constant::Number(value), ATTR_NONE)
}

/// 21.3 The Math Object (#sec-math-object): an ordinary object, the value
/// of the global `Math` (19.4).
pub(crate) static MATH: BuiltinObject = BuiltinObject {
    name: "Math",
    intrinsic: None,
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        // 21.3.1 Value Properties of the Math Object.
        constant("E", std::f64::consts::E),
        constant("LN10", std::f64::consts::LN_10),
        constant("LN2", std::f64::consts::LN_2),
        constant("LOG10E", std::f64::consts::LOG10_E),
        constant("LOG2E", std::f64::consts::LOG2_E),
        constant("PI", std::f64::consts::PI),
        constant("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
        constant("SQRT2", std::f64::consts::SQRT_2),
        // 21.3.2 Function Properties of the Math Object.
        Prop::method("abs", 1, |rt, _, a| unary(rt, a, f64::abs)),
        Prop::method("acos", 1, |rt, _, a| unary(rt, a, f64::acos)),
        Prop::method("acosh", 1, |rt, _, a| unary(rt, a, f64::acosh)),
        Prop::method("asin", 1, |rt, _, a| unary(rt, a, f64::asin)),
        Prop::method("asinh", 1, |rt, _, a| unary(rt, a, asinh)),
        Prop::method("atan", 1, |rt, _, a| unary(rt, a, f64::atan)),
        Prop::method("atanh", 1, |rt, _, a| unary(rt, a, f64::atanh)),
        Prop::method("atan2", 2, atan2),
        Prop::method("cbrt", 1, |rt, _, a| unary(rt, a, f64::cbrt)),
        Prop::method("ceil", 1, |rt, _, a| unary(rt, a, f64::ceil)),
        Prop::method("clz32", 1, clz32),
        Prop::method("cos", 1, |rt, _, a| unary(rt, a, f64::cos)),
        Prop::method("cosh", 1, |rt, _, a| unary(rt, a, f64::cosh)),
        Prop::method("exp", 1, |rt, _, a| unary(rt, a, f64::exp)),
        Prop::method("expm1", 1, |rt, _, a| unary(rt, a, f64::exp_m1)),
        Prop::method("floor", 1, |rt, _, a| unary(rt, a, f64::floor)),
        Prop::method("fround", 1, |rt, _, a| unary(rt, a, |x| x as f32 as f64)),
        Prop::method("hypot", 2, hypot),
        Prop::method("imul", 2, imul),
        Prop::method("log", 1, |rt, _, a| unary(rt, a, f64::ln)),
        Prop::method("log1p", 1, |rt, _, a| unary(rt, a, f64::ln_1p)),
        Prop::method("log10", 1, |rt, _, a| unary(rt, a, f64::log10)),
        Prop::method("log2", 1, |rt, _, a| unary(rt, a, f64::log2)),
        Prop::method("max", 2, |rt, _, a| min_max(rt, a, true)),
        Prop::method("min", 2, |rt, _, a| min_max(rt, a, false)),
        Prop::method("pow", 2, pow),
        Prop::method("random", 0, random),
        Prop::method("round", 1, |rt, _, a| unary(rt, a, round)),
        Prop::method("sign", 1, |rt, _, a| unary(rt, a, sign)),
        Prop::method("sin", 1, |rt, _, a| unary(rt, a, f64::sin)),
        Prop::method("sinh", 1, |rt, _, a| unary(rt, a, f64::sinh)),
        Prop::method("sqrt", 1, |rt, _, a| unary(rt, a, f64::sqrt)),
        Prop::method("tan", 1, |rt, _, a| unary(rt, a, f64::tan)),
        Prop::method("tanh", 1, |rt, _, a| unary(rt, a, f64::tanh)),
        Prop::method("trunc", 1, |rt, _, a| unary(rt, a, f64::trunc)),
    ],
};

fn unary(rt: &mut Runtime, args: &[Value], op: fn(f64) -> f64) -> JsResult<Value> {
    let x = rt.to_number(arg(args, 0))?;
    Ok(Value::number(op(x)))
}

/// `f64::asinh` loses the sign of -0.
fn asinh(x: f64) -> f64 {
    if x == 0.0 {
        x
    } else {
        x.asinh()
    }
}

/// 21.3.2.28 Math.round: the nearest integer, ties toward +∞; -0 stays -0
/// and (-0.5, -0) rounds to -0.
fn round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if (-0.5..0.0).contains(&x) {
        return -0.0;
    }
    let r = x.floor();
    if x - r >= 0.5 {
        r + 1.0
    } else {
        r
    }
}

fn sign(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 {
        x
    } else {
        x.signum()
    }
}

fn atan2(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let y = rt.to_number(arg(args, 0))?;
    let x = rt.to_number(arg(args, 1))?;
    Ok(Value::number(y.atan2(x)))
}

fn clz32(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let n = rt.to_uint32(arg(args, 0))?;
    Ok(Value::from_i32(n.leading_zeros() as i32))
}

fn imul(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let a = rt.to_uint32(arg(args, 0))?;
    let b = rt.to_uint32(arg(args, 1))?;
    Ok(Value::from_i32(a.wrapping_mul(b) as i32))
}

/// 21.3.2.18 Math.hypot: every argument is converted first.
fn hypot(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // GC: numbers (Vec<f64>)
    let mut values = Vec::with_capacity(args.len());
    for &v in args {
        values.push(rt.to_number(v)?);
    }
    if values.iter().any(|x| x.is_infinite()) {
        return Ok(Value::from_f64(f64::INFINITY));
    }
    if values.iter().any(|x| x.is_nan()) {
        return Ok(Value::from_f64(f64::NAN));
    }
    let max = values.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if max == 0.0 {
        return Ok(Value::from_i32(0));
    }
    let sum: f64 = values.iter().map(|x| (x / max) * (x / max)).sum();
    Ok(Value::number(sum.sqrt() * max))
}

/// 21.3.2.24 Math.max / 21.3.2.25 Math.min: every argument is converted,
/// NaN wins, and +0 is larger than -0.
fn min_max(rt: &mut Runtime, args: &[Value], max: bool) -> JsResult<Value> {
    let mut result = if max {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    for &v in args {
        let x = rt.to_number(v)?;
        if result.is_nan() {
            continue;
        }
        if x.is_nan() {
            result = x;
        } else if x == result && x == 0.0 {
            if max == result.is_sign_negative() {
                result = x;
            }
        } else if (max && x > result) || (!max && x < result) {
            result = x;
        }
    }
    Ok(Value::number(result))
}

/// 21.3.2.26 Math.pow (6.1.6.1.3 Number::exponentiate): unlike `powf`, a
/// NaN exponent gives NaN, and 1 or -1 to an infinite power is NaN.
fn pow(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let base = rt.to_number(arg(args, 0))?;
    let exponent = rt.to_number(arg(args, 1))?;
    Ok(Value::number(exponentiate(base, exponent)))
}

pub(crate) fn exponentiate(base: f64, exponent: f64) -> f64 {
    if exponent.is_nan() {
        return f64::NAN;
    }
    if exponent == 0.0 {
        return 1.0;
    }
    if base.abs() == 1.0 && exponent.is_infinite() {
        return f64::NAN;
    }
    base.powf(exponent)
}

/// 21.3.2.27 Math.random: xorshift64* seeded from the clock and a counter
/// (not cryptographic).
fn random(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    use std::cell::Cell;
    thread_local! {
        static STATE: Cell<u64> = const { Cell::new(0) };
    }
    let bits = STATE.with(|s| {
        let mut x = s.get();
        if x == 0 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0x9E37_79B9_7F4A_7C15);
            x = nanos | 1;
        }
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        s.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    });
    // 53 random bits in [0, 1).
    Ok(Value::from_f64((bits >> 11) as f64 / (1u64 << 53) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases() {
        assert_eq!(round(2.5), 3.0);
        assert_eq!(round(-2.5), -2.0);
        assert!(round(-0.4).is_sign_negative());
        assert_eq!(round(0.49999999999999994), 0.0);
        assert!(exponentiate(1.0, f64::INFINITY).is_nan());
        assert!(exponentiate(f64::NAN, 0.0) == 1.0);
        assert!(sign(-0.0).is_sign_negative());
        assert!(asinh(-0.0).is_sign_negative());
    }
}
