//! The Math object (21.3).
//!
//! The functions use Rust's `f64` methods (libm); results of the
//! transcendental functions are implementation-approximated as 21.3.2
//! allows.

use super::arg;
use crate::object::NativeFn;
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C, ATTR_NONE};
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
        // 21.3.1.9 Math [ @@toStringTag ].
        Prop::value("@@toStringTag", Constant::Str("Math"), ATTR_C),
        // 21.3.2 Function Properties of the Math Object.
        Prop::method("abs", 1, math_abs),
        Prop::method("acos", 1, |rt, _, a| unary(rt, a, f64::acos)),
        Prop::method("acosh", 1, |rt, _, a| unary(rt, a, f64::acosh)),
        Prop::method("asin", 1, |rt, _, a| unary(rt, a, f64::asin)),
        Prop::method("asinh", 1, |rt, _, a| unary(rt, a, asinh)),
        Prop::method("atan", 1, |rt, _, a| unary(rt, a, f64::atan)),
        Prop::method("atanh", 1, |rt, _, a| unary(rt, a, f64::atanh)),
        Prop::method("atan2", 2, atan2),
        Prop::method("cbrt", 1, |rt, _, a| unary(rt, a, f64::cbrt)),
        Prop::method("ceil", 1, math_ceil),
        Prop::method("clz32", 1, math_clz32),
        Prop::method("cos", 1, |rt, _, a| unary(rt, a, f64::cos)),
        Prop::method("cosh", 1, |rt, _, a| unary(rt, a, f64::cosh)),
        Prop::method("exp", 1, |rt, _, a| unary(rt, a, f64::exp)),
        Prop::method("expm1", 1, |rt, _, a| unary(rt, a, f64::exp_m1)),
        Prop::method("floor", 1, math_floor),
        Prop::method("f16round", 1, |rt, _, a| unary(rt, a, f16round)),
        Prop::method("fround", 1, math_fround),
        Prop::method("hypot", 2, hypot),
        Prop::method("imul", 2, math_imul),
        Prop::method("log", 1, |rt, _, a| unary(rt, a, f64::ln)),
        Prop::method("log1p", 1, |rt, _, a| unary(rt, a, f64::ln_1p)),
        Prop::method("log10", 1, |rt, _, a| unary(rt, a, f64::log10)),
        Prop::method("log2", 1, |rt, _, a| unary(rt, a, f64::log2)),
        Prop::method("max", 2, math_max),
        Prop::method("min", 2, math_min),
        Prop::method("pow", 2, pow),
        Prop::method("random", 0, random),
        Prop::method("round", 1, math_round),
        Prop::method("sign", 1, math_sign),
        Prop::method("sin", 1, |rt, _, a| unary(rt, a, f64::sin)),
        Prop::method("sinh", 1, |rt, _, a| unary(rt, a, f64::sinh)),
        Prop::method("sqrt", 1, math_sqrt),
        Prop::method("tan", 1, |rt, _, a| unary(rt, a, f64::tan)),
        Prop::method("tanh", 1, |rt, _, a| unary(rt, a, f64::tanh)),
        Prop::method("trunc", 1, math_trunc),
    ],
};

/// The Math functions compiled code may run inline (see
/// `backend/compiler/intrinsics.rs`): full-tier code compares a callee read
/// from a property named like one of these against the function pointer
/// here (the callee must be a built-in function object whose [[Call]] is
/// exactly this Rust function, so any realm's original `Math.sqrt` and
/// nothing else), and with Number arguments computes the result itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MathOp {
    Abs,
    Ceil,
    Clz32,
    Floor,
    Fround,
    Imul,
    Max,
    Min,
    Round,
    Sign,
    Sqrt,
    Trunc,
}

/// The property name, the operation and the Rust function of each inline
/// Math function (each a distinct named function, so its address stands
/// for it alone).
pub(crate) const INTRINSICS: [(&str, MathOp, NativeFn); 12] = [
    ("abs", MathOp::Abs, math_abs),
    ("ceil", MathOp::Ceil, math_ceil),
    ("clz32", MathOp::Clz32, math_clz32),
    ("floor", MathOp::Floor, math_floor),
    ("fround", MathOp::Fround, math_fround),
    ("imul", MathOp::Imul, math_imul),
    ("max", MathOp::Max, math_max),
    ("min", MathOp::Min, math_min),
    ("round", MathOp::Round, math_round),
    ("sign", MathOp::Sign, math_sign),
    ("sqrt", MathOp::Sqrt, math_sqrt),
    ("trunc", MathOp::Trunc, math_trunc),
];

/// The inline operation and Rust function of the Math function named `key`.
pub(crate) fn intrinsic(key: &str) -> Option<(MathOp, NativeFn)> {
    INTRINSICS
        .iter()
        .find(|(name, _, _)| *name == key)
        .map(|&(_, op, f)| (op, f))
}

// 21.3.2.1 Math.abs ( x )
fn math_abs(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    unary(rt, a, f64::abs)
}
// 21.3.2.10 Math.ceil ( x )
fn math_ceil(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    unary(rt, a, f64::ceil)
}
// 21.3.2.16 Math.floor ( x )
fn math_floor(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    unary(rt, a, f64::floor)
}
// 21.3.2.17 Math.fround ( x )
fn math_fround(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    unary(rt, a, |x| x as f32 as f64)
}
// 21.3.2.24 Math.max ( ...args )
fn math_max(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    min_max(rt, a, true)
}
// 21.3.2.25 Math.min ( ...args )
fn math_min(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    min_max(rt, a, false)
}
// 21.3.2.28 Math.round ( x )
fn math_round(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    unary(rt, a, round)
}
// 21.3.2.29 Math.sign ( x )
fn math_sign(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    unary(rt, a, sign)
}
// 21.3.2.32 Math.sqrt ( x )
fn math_sqrt(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    unary(rt, a, f64::sqrt)
}
// 21.3.2.35 Math.trunc ( x )
fn math_trunc(rt: &mut Runtime, _: Value, a: &[Value]) -> JsResult<Value> {
    unary(rt, a, f64::trunc)
}

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

// 21.3.2.11 Math.clz32 ( x )
fn math_clz32(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let n = rt.to_uint32(arg(args, 0))?;
    Ok(Value::from_i32(n.leading_zeros() as i32))
}

// 21.3.2.19 Math.imul ( x, y )
fn math_imul(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
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

/// 21.3.2.17 Math.f16round ( x ) (#sec-math.f16round): the nearest IEEE
/// binary16 value, ties to even, rounded once from the double (going
/// through f32 would round twice).
pub(crate) fn f16round(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 || x.is_infinite() {
        return x;
    }
    let a = x.abs();
    // 65504 is the largest finite half; from 65520 on, rounding overflows.
    if a >= 65520.0 {
        return f64::INFINITY.copysign(x);
    }
    let exponent = ((a.to_bits() >> 52) & 0x7FF) as i32 - 1023;
    // The spacing of halves near `a`: 2^(e-10), and 2^-24 for subnormals.
    let quantum = 2f64.powi(exponent.max(-14) - 10);
    ((a / quantum).round_ties_even() * quantum).copysign(x)
}

/// 21.3.2.27 Math.random: xorshift128+ (as in V8), seeded once per thread
/// from the operating system (`getrandom(2)`), with the clock as a
/// fallback. Not cryptographic.
fn random(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    use std::cell::Cell;
    thread_local! {
        static STATE: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
    }
    let bits = STATE.with(|s| {
        let (mut s0, mut s1) = s.get();
        if s0 == 0 && s1 == 0 {
            (s0, s1) = seed();
        }
        // xorshift128+ (Vigna), the variant V8 uses.
        let result = s0.wrapping_add(s1);
        let t = s0;
        s0 = s1;
        let mut x = t;
        x ^= x << 23;
        x ^= x >> 17;
        x ^= s0;
        x ^= s0 >> 26;
        s1 = x;
        s.set((s0, s1));
        result
    });
    // 53 random bits in [0, 1).
    Ok(Value::from_f64((bits >> 11) as f64 / (1u64 << 53) as f64))
}

/// 128 bits from the OS, never both zero.
fn seed() -> (u64, u64) {
    let mut buf = [0u8; 16];
    // SAFETY: `buf` is a valid writable buffer of `buf.len()` bytes.
    let n = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), buf.len(), 0) };
    if n != buf.len() as isize {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9E37_79B9_7F4A_7C15);
        buf[..8].copy_from_slice(&nanos.to_le_bytes());
        buf[8..].copy_from_slice(&(nanos.rotate_left(32) ^ 0xD1B5_4A32_D192_ED03).to_le_bytes());
    }
    let lo = u64::from_le_bytes(buf[..8].try_into().unwrap_or([1; 8]));
    let hi = u64::from_le_bytes(buf[8..].try_into().unwrap_or([1; 8]));
    if lo == 0 && hi == 0 {
        (1, 2)
    } else {
        (lo, hi)
    }
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
        assert_eq!(f16round(5e-4), 0.0005002021789550781);
        assert_eq!(f16round(65519.99), 65504.0);
        assert_eq!(f16round(65520.0), f64::INFINITY);
        assert_eq!(f16round(2f64.powi(-25)), 0.0);
        assert_eq!(f16round(3e-8), 5.960464477539063e-8);
        assert!(f16round(-1e-10).is_sign_negative());
        assert_eq!(f16round(1.337), 1.3369140625);
    }

    /// Compiled code tells the inline Math functions apart by their
    /// addresses: each must be a function of its own.
    #[test]
    fn intrinsic_functions_are_distinct() {
        for (i, a) in INTRINSICS.iter().enumerate() {
            for b in &INTRINSICS[i + 1..] {
                assert_ne!(a.2 as usize, b.2 as usize, "{} and {}", a.0, b.0);
            }
            assert_eq!(intrinsic(a.0).map(|(op, _)| op), Some(a.1));
        }
        assert!(intrinsic("pow").is_none());
    }
}
