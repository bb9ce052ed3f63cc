//! BigInt values (6.1.6.2 The BigInt Type): heap cells holding an
//! arbitrary-precision integer, and the BigInt operations and conversions
//! the operators, `==`, `<` and the `BigInt` built-ins use.
//!
//! A BigInt is an immutable cell ([`JsBigInt`]) wrapping a
//! [`num_bigint::BigInt`]; its digits live in the Rust heap and are freed
//! when the collector sweeps the cell (the cell type needs drop, so the
//! collector's vtable drops it). Cells hold no references, so tracing is
//! empty. Equal BigInts may be different cells: `===`, SameValue and
//! IsLooselyEqual compare contents ([`JsBigInt::value`]).
//!
//! Every result is checked against [`MAX_BITS`] before it is computed, so
//! `1n << 10n ** 10n` is a RangeError rather than an attempt to allocate
//! gigabytes.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};

use crate::conversions::Hint;
use crate::gc::{Gc, HeapObject, Trace, Tracer};
use crate::runtime::Runtime;
use crate::string::number::trimmed_ascii;
use crate::string::StrView;
use crate::value::Value;
use crate::JsResult;

/// The largest BigInt, in bits (the implementation-defined limit; V8 has
/// 2^30). Results that would exceed it are RangeErrors.
pub const MAX_BITS: u64 = 1 << 26;

/// A BigInt cell.
pub struct JsBigInt {
    value: BigInt,
}

impl JsBigInt {
    /// The mathematical value.
    pub fn value(&self) -> &BigInt {
        &self.value
    }
}

// SAFETY: a BigInt holds no heap references.
unsafe impl Trace for JsBigInt {
    fn trace(&self, _: &mut Tracer) {}
}

impl HeapObject for JsBigInt {
    const NAME: &'static str = "BigInt";
}

/// A binary BigInt operator (6.1.6.2 Table: BigInt::add ... BigInt::bitwiseOR).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BigIntOp {
    /// `+`: BigInt::add (6.1.6.2.7, #sec-numeric-types-bigint-add).
    Add,
    /// `-`: BigInt::subtract (6.1.6.2.8, #sec-numeric-types-bigint-subtract).
    Subtract,
    /// `*`: BigInt::multiply (6.1.6.2.4, #sec-numeric-types-bigint-multiply).
    Multiply,
    /// `/`: BigInt::divide (6.1.6.2.5, #sec-numeric-types-bigint-divide):
    /// truncates; a RangeError on division by zero.
    Divide,
    /// `%`: BigInt::remainder (6.1.6.2.6, #sec-numeric-types-bigint-remainder):
    /// a RangeError on division by zero.
    Remainder,
    /// `**`: BigInt::exponentiate (6.1.6.2.3, #sec-numeric-types-bigint-exponentiate).
    Exponentiate,
    /// `<<`: BigInt::leftShift (6.1.6.2.9, #sec-numeric-types-bigint-leftShift).
    LeftShift,
    /// `>>`: BigInt::signedRightShift (6.1.6.2.10,
    /// #sec-numeric-types-bigint-signedRightShift).
    SignedRightShift,
    /// `>>>`: BigInt::unsignedRightShift (6.1.6.2.11,
    /// #sec-numeric-types-bigint-unsignedRightShift): always a TypeError.
    UnsignedRightShift,
    /// `&`: BigInt::bitwiseAND (6.1.6.2.18, #sec-numeric-types-bigint-bitwiseAND).
    BitwiseAnd,
    /// `|`: BigInt::bitwiseOR (6.1.6.2.20, #sec-numeric-types-bigint-bitwiseOR).
    BitwiseOr,
    /// `^`: BigInt::bitwiseXOR (6.1.6.2.19, #sec-numeric-types-bigint-bitwiseXOR).
    BitwiseXor,
}

/// 7.1.14 StringToBigInt: `None` when the text is not a StringIntegerLiteral.
pub fn string_to_bigint(s: StrView<'_>) -> Option<BigInt> {
    parse_string_integer_literal(trimmed_ascii(s)?.as_bytes())
}

/// StringIntegerLiteral (7.1.14): StrWhiteSpace is already trimmed. An empty
/// text is 0; a sign is allowed only on decimal digits; no separators, no
/// `n` suffix, no fraction, no exponent.
fn parse_string_integer_literal(text: &[u8]) -> Option<BigInt> {
    if text.is_empty() {
        return Some(BigInt::zero());
    }
    let (radix, digits, negative) = match text {
        [b'0', b'x' | b'X', rest @ ..] => (16, rest, false),
        [b'0', b'o' | b'O', rest @ ..] => (8, rest, false),
        [b'0', b'b' | b'B', rest @ ..] => (2, rest, false),
        [b'-', rest @ ..] => (10, rest, true),
        [b'+', rest @ ..] => (10, rest, false),
        _ => (10, text, false),
    };
    parse_digits(digits, radix).map(|v| if negative { -v } else { v })
}

/// Digits of `radix` (at least one, nothing else) as a non-negative BigInt.
fn parse_digits(digits: &[u8], radix: u32) -> Option<BigInt> {
    if digits.is_empty() || !digits.iter().all(|&d| (d as char).is_digit(radix)) {
        return None;
    }
    BigInt::parse_bytes(digits, radix)
}

/// The value of a BigInt literal's digits (as `jsparser::lexer::bigint_literal`
/// gives them: no prefix, no separators) in `radix`.
pub fn literal_value(radix: u32, digits: &str) -> Option<BigInt> {
    parse_digits(digits.as_bytes(), radix)
}

/// 6.1.6.2.23 BigInt::toString ( x, radix ): lowercase digits.
pub fn to_string_radix(x: &BigInt, radix: u32) -> String {
    x.to_str_radix(radix)
}

/// 6.1.6.2 BigInt → Number (21.1.1.1 Number ( value ) step 2.a, 𝔽(ℝ(x))):
/// the nearest double, ties to even.
pub fn to_f64(x: &BigInt) -> f64 {
    x.to_f64().unwrap_or(if x.is_negative() {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    })
}

/// Compares a BigInt with a Number (7.2.13 IsLessThan steps 4.e–4.i and
/// 7.2.14 IsLooselyEqual step 13): `None` when `y` is NaN.
pub fn compare_with_number(x: &BigInt, y: f64) -> Option<Ordering> {
    if y.is_nan() {
        return None;
    }
    if y.is_infinite() {
        return Some(if y > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let floor = y.floor();
    // Exact: a finite double's integer part is an integer.
    let fy = BigInt::from_f64(floor)?;
    Some(match x.cmp(&fy) {
        // x = floor(y) ≤ y: less exactly when y has a fraction.
        Ordering::Equal if floor < y => Ordering::Less,
        o => o,
    })
}

/// 21.2.2.1 BigInt.asIntN / 21.2.2.2 BigInt.asUintN: `x` modulo 2^bits,
/// signed when `signed`.
pub fn as_n_bits(x: &BigInt, bits: u64, signed: bool) -> BigInt {
    if bits == 0 {
        return BigInt::zero();
    }
    // Small non-negative values that already fit are returned unchanged;
    // this also keeps asUintN(2^53 - 1, x) from building a 2^(2^53) modulus.
    let fits = if signed {
        x.bits() < bits
    } else {
        !x.is_negative() && x.bits() <= bits
    };
    if fits {
        return x.clone();
    }
    let modulus = BigInt::one() << bits;
    let m = x.mod_floor(&modulus);
    if signed && m.bits() == bits {
        // m ≥ 2^(bits-1): the two's-complement value is negative.
        m - modulus
    } else {
        m
    }
}

impl Runtime {
    /// A BigInt value for `x`; a RangeError above [`MAX_BITS`].
    pub fn new_bigint(&mut self, x: BigInt) -> JsResult<Value> {
        if x.bits() > MAX_BITS {
            return Err(self.range_error("Maximum BigInt size exceeded"));
        }
        let cell = self.alloc(JsBigInt { value: x })?;
        Ok(Value::bigint(cell))
    }

    /// 21.2.1.1.1 NumberToBigInt ( number ).
    pub fn number_to_bigint(&mut self, d: f64) -> JsResult<Value> {
        if !d.is_finite() || d.fract() != 0.0 {
            let s = crate::string::number::number_to_string(d);
            return Err(self.range_error(&format!(
                "The number {s} cannot be converted to a BigInt because it is not an integer"
            )));
        }
        match BigInt::from_f64(d) {
            Some(x) => self.new_bigint(x),
            None => Err(self.range_error("Cannot convert the number to a BigInt")),
        }
    }

    /// 7.1.13 ToBigInt ( argument ).
    pub fn to_bigint(&mut self, v: Value) -> JsResult<Value> {
        let prim = self.to_primitive(v, Hint::Number)?;
        if prim.is_bigint() {
            return Ok(prim);
        }
        if let Some(b) = prim.as_bool() {
            return self.new_bigint(BigInt::from(b as u8));
        }
        if let Some(s) = prim.as_string() {
            return match string_to_bigint(s.view()) {
                Some(x) => self.new_bigint(x),
                None => {
                    let text = s.to_rust_string();
                    Err(self.syntax_error(&format!("Cannot convert {text} to a BigInt")))
                }
            };
        }
        let what = if prim.is_undefined() {
            "undefined"
        } else if prim.is_null() {
            "null"
        } else if prim.is_symbol() {
            "a Symbol"
        } else {
            "a Number"
        };
        Err(self.type_error(&format!("Cannot convert {what} to a BigInt")))
    }

    /// ToBigInt as the mathematical value.
    pub fn to_bigint_value(&mut self, v: Value) -> JsResult<BigInt> {
        let b = self.to_bigint(v)?;
        Ok(b.as_bigint().map(|b| b.value().clone()).unwrap_or_default())
    }

    /// 6.1.6.2.23 BigInt::toString as a string value.
    pub fn bigint_to_js_string(
        &mut self,
        x: &BigInt,
        radix: u32,
    ) -> JsResult<Gc<crate::string::JsString>> {
        let s = to_string_radix(x, radix);
        self.new_string(&s)
    }

    /// A binary operator on two BigInts (6.1.6.2.1–6.1.6.2.20).
    pub fn bigint_binary(&mut self, op: BigIntOp, x: &BigInt, y: &BigInt) -> JsResult<Value> {
        use BigIntOp as O;
        let r = match op {
            O::Add => x + y,
            O::Subtract => x - y,
            O::Multiply => {
                self.check_bits(x.bits().saturating_add(y.bits()))?;
                x * y
            }
            // 6.1.6.2.5 BigInt::divide: truncates toward zero.
            O::Divide | O::Remainder if y.is_zero() => {
                return Err(self.range_error("Division by zero"));
            }
            O::Divide => x / y,
            // 6.1.6.2.6 BigInt::remainder: the sign of the dividend.
            O::Remainder => x % y,
            O::Exponentiate => return self.bigint_exponentiate(x, y),
            O::LeftShift => return self.bigint_shift_left(x, y),
            O::SignedRightShift => return self.bigint_shift_left(x, &-y),
            // 6.1.6.2.11 BigInt::unsignedRightShift.
            O::UnsignedRightShift => {
                return Err(self.type_error("BigInts have no unsigned right shift, use >> instead"))
            }
            // 6.1.6.2.18–20: two's complement bitwise operations.
            O::BitwiseAnd => x & y,
            O::BitwiseOr => x | y,
            O::BitwiseXor => x ^ y,
        };
        self.new_bigint(r)
    }

    fn check_bits(&mut self, bits: u64) -> JsResult<()> {
        if bits > MAX_BITS {
            return Err(self.range_error("Maximum BigInt size exceeded"));
        }
        Ok(())
    }

    /// 6.1.6.2.3 BigInt::exponentiate.
    fn bigint_exponentiate(&mut self, base: &BigInt, exponent: &BigInt) -> JsResult<Value> {
        if exponent.is_negative() {
            return Err(self.range_error("Exponent must be non-negative"));
        }
        // 0, 1 and -1 have small powers whatever the exponent.
        if base.is_zero() || base.magnitude().is_one() {
            let r = if exponent.is_zero() {
                BigInt::one()
            } else if base.is_negative() && exponent.is_odd() {
                -BigInt::one()
            } else {
                base.abs()
            };
            return self.new_bigint(r);
        }
        let e = exponent.to_u32().filter(|&e| e as u64 <= MAX_BITS);
        let Some(e) = e else {
            return Err(self.range_error("Maximum BigInt size exceeded"));
        };
        // |base| ≥ 2: the result has more than (bits - 1) * e bits.
        self.check_bits((base.bits() - 1).saturating_mul(e as u64))?;
        self.new_bigint(base.pow(e))
    }

    /// 6.1.6.2.9 BigInt::leftShift (a negative count shifts right, rounding
    /// toward −∞).
    fn bigint_shift_left(&mut self, x: &BigInt, count: &BigInt) -> JsResult<Value> {
        if x.is_zero() {
            return self.new_bigint(BigInt::zero());
        }
        if count.is_negative() {
            // x / 2^n rounded down: -1 for negative x once every bit is gone.
            let r = match count.magnitude().to_u64() {
                Some(n) if n < x.bits() => x >> n,
                _ if x.is_negative() => -BigInt::one(),
                _ => BigInt::zero(),
            };
            return self.new_bigint(r);
        }
        let n = count.to_u64().filter(|&n| n <= MAX_BITS);
        let Some(n) = n else {
            return Err(self.range_error("Maximum BigInt size exceeded"));
        };
        self.check_bits(x.bits().saturating_add(n))?;
        self.new_bigint(x << n)
    }

    /// 6.1.6.2.1 BigInt::unaryMinus.
    pub fn bigint_negate(&mut self, x: &BigInt) -> JsResult<Value> {
        self.new_bigint(-x)
    }

    /// 6.1.6.2.2 BigInt::bitwiseNOT: -x - 1.
    pub fn bigint_not(&mut self, x: &BigInt) -> JsResult<Value> {
        self.new_bigint(!x)
    }

    /// `x ± 1` for `++`/`--` on a BigInt (13.4.2.1 step 3: BigInt::add with
    /// 1n).
    pub fn bigint_increment(&mut self, x: &BigInt, by: i32) -> JsResult<Value> {
        self.new_bigint(x + BigInt::from(by))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        BigInt::parse_bytes(s.as_bytes(), 10).unwrap()
    }

    fn parse(s: &str) -> Option<BigInt> {
        let units: Vec<u16> = s.encode_utf16().collect();
        string_to_bigint(StrView::Utf16(&units))
    }

    #[test]
    fn string_to_bigint_grammar() {
        assert_eq!(parse(""), Some(big("0")));
        assert_eq!(parse(" \n\u{FEFF}"), Some(big("0")));
        assert_eq!(parse(" -12 "), Some(big("-12")));
        assert_eq!(parse("+7"), Some(big("7")));
        assert_eq!(parse("0x1f"), Some(big("31")));
        assert_eq!(parse("0B11"), Some(big("3")));
        assert_eq!(parse("0o17"), Some(big("15")));
        for bad in [
            "1n", "1.0", "1e3", "-0x1", "0x", "1_000", "Infinity", "--1", "-", "١",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn literals() {
        assert_eq!(literal_value(16, "FF"), Some(big("255")));
        assert_eq!(literal_value(2, "102"), None);
        assert_eq!(literal_value(10, ""), None);
    }

    #[test]
    fn number_comparison() {
        let two53 = big("9007199254740993");
        assert_eq!(
            compare_with_number(&two53, 9007199254740992.0),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_with_number(&big("1"), 1.5), Some(Ordering::Less));
        assert_eq!(compare_with_number(&big("2"), 1.5), Some(Ordering::Greater));
        assert_eq!(compare_with_number(&big("-2"), -1.5), Some(Ordering::Less));
        assert_eq!(
            compare_with_number(&big("-1"), -1.5),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_with_number(&big("0"), -0.0), Some(Ordering::Equal));
        assert_eq!(compare_with_number(&big("0"), f64::NAN), None);
        assert_eq!(
            compare_with_number(&big("5"), f64::INFINITY),
            Some(Ordering::Less)
        );
        let huge = BigInt::one() << 2000u32;
        assert_eq!(
            compare_with_number(&huge, f64::MAX),
            Some(Ordering::Greater)
        );
    }

    #[test]
    fn modular_truncation() {
        assert_eq!(as_n_bits(&big("255"), 8, true), big("-1"));
        assert_eq!(as_n_bits(&big("-129"), 8, true), big("127"));
        assert_eq!(as_n_bits(&big("-1"), 8, false), big("255"));
        assert_eq!(as_n_bits(&big("5"), 0, false), big("0"));
        assert_eq!(as_n_bits(&big("-5"), 1 << 53, true), big("-5"));
        assert_eq!(as_n_bits(&big("5"), 1 << 53, false), big("5"));
    }

    #[test]
    fn conversion_to_number_rounds_to_even() {
        assert_eq!(to_f64(&big("9007199254740993")), 9007199254740992.0);
        assert_eq!(to_f64(&big("9007199254740995")), 9007199254740996.0);
        assert_eq!(to_f64(&-(BigInt::one() << 1100u32)), f64::NEG_INFINITY);
    }

    #[test]
    fn operations_and_limits() {
        let mut rt = Runtime::new();
        let v = |rt: &mut Runtime, op, x: &str, y: &str| {
            rt.bigint_binary(op, &big(x), &big(y))
                .map(|r| r.as_bigint().unwrap().value().to_string())
        };
        assert_eq!(v(&mut rt, BigIntOp::Divide, "-7", "2").unwrap(), "-3");
        assert_eq!(v(&mut rt, BigIntOp::Remainder, "-7", "2").unwrap(), "-1");
        assert_eq!(
            v(&mut rt, BigIntOp::SignedRightShift, "-9", "1").unwrap(),
            "-5"
        );
        assert_eq!(v(&mut rt, BigIntOp::LeftShift, "-9", "-100").unwrap(), "-1");
        assert_eq!(
            v(&mut rt, BigIntOp::Exponentiate, "-1", "99999999999").unwrap(),
            "-1"
        );
        assert!(v(&mut rt, BigIntOp::Divide, "1", "0").is_err());
        assert!(v(&mut rt, BigIntOp::Exponentiate, "2", "-1").is_err());
        assert!(v(&mut rt, BigIntOp::LeftShift, "1", "99999999999").is_err());
        assert!(v(&mut rt, BigIntOp::UnsignedRightShift, "1", "1").is_err());
        let b = rt.new_bigint(big("-5")).unwrap();
        assert!(crate::conversions::to_boolean(b));
        let z = rt.new_bigint(big("0")).unwrap();
        assert!(!crate::conversions::to_boolean(z));
        assert_eq!(rt.to_string(b).unwrap().to_rust_string(), "-5");
        assert!(rt.to_number(b).is_err());
    }
}
