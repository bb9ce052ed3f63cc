//! 12.9.3.3 MV (mathematical value) of a NumericLiteral, rounded to the
//! nearest f64 (ties to even, 6.1.6.1).
//!
//! Decimal text goes to Rust's correctly rounded float parser. Hex, octal,
//! binary and legacy octal integers are converted here: digits become bits,
//! and the 53 leading significant bits are rounded with the rest as guard
//! and sticky bits, so even huge literals round correctly.

use std::borrow::Cow;

use super::chars::hex_value;
use super::value::split_radix_prefix;

/// The Number value of a NumericLiteral token's text (any form; a BigInt
/// suffix `n` is ignored). Never panics; malformed text gives NaN.
pub fn numeric_value(text: &str) -> f64 {
    let text = text.strip_suffix('n').unwrap_or(text);
    let text: Cow<'_, str> = if text.contains('_') {
        Cow::Owned(text.replace('_', ""))
    } else {
        Cow::Borrowed(text)
    };
    let (radix, digits) = split_radix_prefix(&text);
    if radix != 10 {
        return integer_value(digits, radix);
    }
    let b = digits.as_bytes();
    // B.1 LegacyOctalIntegerLiteral: `0` followed only by octal digits.
    if b.len() >= 2 && b[0] == b'0' && b[1..].iter().all(|c| matches!(c, b'0'..=b'7')) {
        return integer_value(&digits[1..], 8);
    }
    if let Some(v) = small_integer(b) {
        return v;
    }
    // Rust's parser accepts `1.`, `.5`, `1.e3` and leading zeros (`08.5`).
    digits.parse::<f64>().unwrap_or(f64::NAN)
}

/// Fast path: up to 15 decimal digits, exact in an f64.
#[inline]
fn small_integer(b: &[u8]) -> Option<f64> {
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    let mut v: u64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as u64;
    }
    Some(v as f64)
}

/// Correctly rounded value of `digits` in a power-of-two `radix`.
fn integer_value(digits: &str, radix: u32) -> f64 {
    let bits_per_digit = match radix {
        2 => 1,
        8 => 3,
        16 => 4,
        _ => return f64::NAN,
    };
    let mut mantissa: u64 = 0; // the leading (up to 54) significant bits
    let mut kept = 0u32; // how many bits `mantissa` holds
    let mut dropped = 0u64; // bits beyond those (the exponent)
    let mut sticky = false; // any dropped bit set, except the guard bit
    for c in digits.bytes() {
        let Some(d) = hex_value(c).filter(|&d| d < radix) else {
            return f64::NAN;
        };
        for shift in (0..bits_per_digit).rev() {
            let bit = (d >> shift) & 1;
            if kept == 0 && bit == 0 {
                continue; // leading zero
            }
            if kept < 54 {
                mantissa = (mantissa << 1) | bit as u64;
                kept += 1;
            } else {
                sticky |= bit == 1;
                dropped += 1;
            }
        }
    }
    if kept <= 53 {
        return mantissa as f64; // exact
    }
    // `mantissa` has 54 bits: 53 significant plus the guard bit.
    let guard = mantissa & 1 == 1;
    let mut m = mantissa >> 1;
    let mut exponent = dropped + 1;
    if guard && (sticky || m & 1 == 1) {
        m += 1;
        if m == 1 << 53 {
            m >>= 1;
            exponent += 1;
        }
    }
    scale_by_power_of_two(m as f64, exponent)
}

/// `x * 2^exp`, exact unless it overflows to infinity.
fn scale_by_power_of_two(x: f64, exp: u64) -> f64 {
    if exp > 1023 + 53 {
        return f64::INFINITY;
    }
    let mut result = x;
    let mut remaining = exp as i32;
    while remaining > 0 {
        let step = remaining.min(1000);
        result *= f64::from_bits(((step + 1023) as u64) << 52);
        remaining -= step;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_forms() {
        assert_eq!(numeric_value("0"), 0.0);
        assert_eq!(numeric_value("42"), 42.0);
        assert_eq!(numeric_value("1.5"), 1.5);
        assert_eq!(numeric_value(".5"), 0.5);
        assert_eq!(numeric_value("5."), 5.0);
        assert_eq!(numeric_value("1e3"), 1000.0);
        assert_eq!(numeric_value("1E-3"), 0.001);
        assert_eq!(numeric_value("1.e2"), 100.0);
        assert_eq!(numeric_value("2e+2"), 200.0);
        assert_eq!(numeric_value("1_000_000"), 1e6);
        assert_eq!(numeric_value("1_0.0_1e1_0"), 10.01e10);
        assert_eq!(numeric_value("0.1"), 0.1);
        assert_eq!(numeric_value("1e400"), f64::INFINITY);
        assert_eq!(numeric_value("1e-400"), 0.0);
        assert_eq!(numeric_value("9007199254740993"), 9007199254740992.0);
        assert_eq!(
            numeric_value("123456789012345678901234567890"),
            1.2345678901234568e29
        );
    }

    #[test]
    fn radix_forms() {
        assert_eq!(numeric_value("0xff"), 255.0);
        assert_eq!(numeric_value("0XFF"), 255.0);
        assert_eq!(numeric_value("0o17"), 15.0);
        assert_eq!(numeric_value("0O17"), 15.0);
        assert_eq!(numeric_value("0b101"), 5.0);
        assert_eq!(numeric_value("0B1_0"), 2.0);
        assert_eq!(numeric_value("0x0"), 0.0);
        assert_eq!(numeric_value("0x000001"), 1.0);
    }

    #[test]
    fn big_radix_values_round_correctly() {
        // 2^53 + 1 rounds to even (2^53); 2^53 + 3 rounds up to 2^53 + 4.
        assert_eq!(numeric_value("0x20000000000001"), 9007199254740992.0);
        assert_eq!(numeric_value("0x20000000000003"), 9007199254740996.0);
        // 2^53 + 1 + a sticky bit far below rounds up.
        assert_eq!(
            numeric_value("0x200000000000010001"),
            9007199254740994.0f64 * 65536.0
        );
        assert_eq!(numeric_value("0xffffffffffffffff"), 18446744073709551616.0);
        assert_eq!(numeric_value("0x1fffffffffffff"), 9007199254740991.0);
        let huge = format!("0x1{}", "0".repeat(256));
        assert_eq!(numeric_value(&huge), f64::INFINITY);
        let just_max = format!("0xfffffffffffff8{}", "0".repeat(242));
        assert_eq!(numeric_value(&just_max), f64::MAX);
        // MAX plus half an ulp ties to even: up, to infinity.
        let half_above = format!("0xfffffffffffffc{}", "0".repeat(242));
        assert_eq!(numeric_value(&half_above), f64::INFINITY);
        // Just below that tie rounds down to MAX.
        let below_tie = format!("0xfffffffffffffbf{}", "0".repeat(241));
        assert_eq!(numeric_value(&below_tie), f64::MAX);
    }

    #[test]
    fn legacy_forms() {
        assert_eq!(numeric_value("017"), 15.0);
        assert_eq!(numeric_value("00"), 0.0);
        assert_eq!(numeric_value("08"), 8.0);
        assert_eq!(numeric_value("09"), 9.0);
        assert_eq!(numeric_value("089.5"), 89.5);
        assert_eq!(numeric_value("08e1"), 80.0);
        assert_eq!(
            numeric_value("0777777777777777777777"),
            9.223372036854776e18
        );
    }

    #[test]
    fn bigint_text_ignores_suffix() {
        assert_eq!(numeric_value("10n"), 10.0);
        assert_eq!(numeric_value("0x10n"), 16.0);
    }

    #[test]
    fn malformed_text_does_not_panic() {
        assert!(numeric_value("").is_nan());
        assert!(numeric_value("0x").is_nan() || numeric_value("0x") == 0.0);
        assert!(numeric_value("0xg").is_nan());
        assert!(numeric_value("abc").is_nan());
        assert!(numeric_value("é").is_nan());
    }
}
