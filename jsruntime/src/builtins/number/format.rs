//! Number formatting of %Number.prototype%: `toFixed`, `toExponential`,
//! `toPrecision` (exact: the digits come from the exact value of the double,
//! scaled with big integers and rounded half up as the spec's "if there are
//! two such n, pick the larger n" says) and `toString(radix)`.

use num_bigint::BigUint;
use num_integer::Integer;

/// The exact value of a finite non-negative `x` as `mant × 2^exp`.
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7FF) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    }
}

/// The integer n nearest to `x × 10^shift` (ties to the larger n), for a
/// finite non-negative `x`.
fn scaled_round(x: f64, shift: i32) -> BigUint {
    let (mant, exp) = decompose(x);
    let mut num = BigUint::from(mant);
    let mut den = BigUint::from(1u32);
    if exp >= 0 {
        num <<= exp as u64;
    } else {
        den <<= (-exp) as u64;
    }
    let ten = BigUint::from(10u32);
    if shift >= 0 {
        num *= ten.pow(shift as u32);
    } else {
        den *= ten.pow((-shift) as u32);
    }
    let (q, r) = num.div_rem(&den);
    if r * 2u32 >= den {
        q + 1u32
    } else {
        q
    }
}

/// Whether the finite `x > 0` is at least `10^e`, compared exactly.
fn at_least_pow10(x: f64, e: i32) -> bool {
    let (mant, exp) = decompose(x);
    let mut lhs = BigUint::from(mant);
    let mut rhs = BigUint::from(1u32);
    if exp >= 0 {
        lhs <<= exp as u64;
    } else {
        rhs <<= (-exp) as u64;
    }
    let ten = BigUint::from(10u32);
    if e >= 0 {
        rhs *= ten.pow(e as u32);
    } else {
        lhs *= ten.pow((-e) as u32);
    }
    lhs >= rhs
}

/// `p` significant digits of a finite `x > 0` and the exponent `e` with
/// `10^(p-1) ≤ n < 10^p` and `n × 10^(e-p+1)` nearest to `x` (ties to the
/// larger n): `e` is floor(log10(x)) computed exactly, unless rounding
/// carries n up to `10^p`.
fn digits_with_precision(x: f64, p: u32) -> (String, i32) {
    let mut e = x.log10().floor() as i32;
    // The floating-point estimate is off by at most one near powers of ten.
    while !at_least_pow10(x, e) {
        e -= 1;
    }
    while at_least_pow10(x, e + 1) {
        e += 1;
    }
    let n = scaled_round(x, p as i32 - 1 - e);
    if n == BigUint::from(10u32).pow(p) {
        return ("1".to_owned() + &"0".repeat(p as usize - 1), e + 1);
    }
    (n.to_str_radix(10), e)
}

/// The shortest digits that round-trip, and the exponent of the first one.
fn shortest_digits(x: f64) -> (String, i32) {
    let text = format!("{x:e}");
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    // GC: a Rust String.
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// `e+N` / `e-N`.
fn exponent_suffix(e: i32) -> String {
    if e >= 0 {
        format!("e+{e}")
    } else {
        format!("e-{}", -e)
    }
}

/// Digits with a decimal point after the first.
fn point_after_first(digits: &str) -> String {
    if digits.len() > 1 {
        format!("{}.{}", &digits[..1], &digits[1..])
    } else {
        digits.to_owned()
    }
}

/// 21.1.3.3 Number.prototype.toFixed steps 7-13 (#sec-number.prototype.tofixed),
/// for a finite `x` and `0 ≤ f ≤ 100`.
pub(super) fn to_fixed(x: f64, f: u32) -> String {
    // Steps 7-8.
    let (sign, x) = if x < 0.0 { ("-", -x) } else { ("", x) };
    // Step 9: from 10^21 on, the ordinary string form.
    if x >= 1e21 {
        return format!("{sign}{}", crate::string::number::number_to_string(x));
    }
    // Step 10.
    let n = scaled_round(x, f as i32);
    let mut m = n.to_str_radix(10);
    if f != 0 {
        let f = f as usize;
        let mut k = m.len();
        if k <= f {
            m = "0".repeat(f + 1 - k) + &m;
            k = f + 1;
        }
        m = format!("{}.{}", &m[..k - f], &m[k - f..]);
    }
    format!("{sign}{m}")
}

/// 21.1.3.2 Number.prototype.toExponential steps 7-15, for a finite `x`;
/// `f` is None for an undefined fractionDigits (as many digits as needed).
pub(super) fn to_exponential(x: f64, f: Option<u32>) -> String {
    let (sign, x) = if x < 0.0 { ("-", -x) } else { ("", x) };
    let (digits, e) = if x == 0.0 {
        ("0".repeat(f.unwrap_or(0) as usize + 1), 0)
    } else {
        match f {
            Some(f) => digits_with_precision(x, f + 1),
            None => shortest_digits(x),
        }
    };
    format!("{sign}{}{}", point_after_first(&digits), exponent_suffix(e))
}

/// 21.1.3.5 Number.prototype.toPrecision steps 7-13, for a finite `x` and
/// `1 ≤ p ≤ 100`.
pub(super) fn to_precision(x: f64, p: u32) -> String {
    let (sign, x) = if x < 0.0 { ("-", -x) } else { ("", x) };
    let (m, e) = if x == 0.0 {
        ("0".repeat(p as usize), 0)
    } else {
        digits_with_precision(x, p)
    };
    let p = p as i32;
    // Step 10.c: exponential notation.
    if x != 0.0 && (e < -6 || e >= p) {
        return format!("{sign}{}{}", point_after_first(&m), exponent_suffix(e));
    }
    // Steps 11-12.
    if e == p - 1 {
        return format!("{sign}{m}");
    }
    if e >= 0 {
        let k = e as usize + 1;
        format!("{sign}{}.{}", &m[..k], &m[k..])
    } else {
        format!("{sign}0.{}{m}", "0".repeat((-(e + 1)) as usize))
    }
}

/// 6.1.6.1.20 Number::toString ( x, radix ) for a radix other than 10
/// (#sec-numeric-types-number-tostring). The fractional digits are
/// implementation-approximated (step 5 note): like V8, as many as needed to
/// tell the value from its neighbours, rounded half to even.
pub(super) fn to_radix_string(value: f64, radix: u32) -> String {
    const CHARS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let negative = value < 0.0;
    let value = value.abs();
    let r = radix as f64;
    let mut integer = value.floor();
    let mut fraction = value - integer;
    // Half the distance to the next double: digits below it are noise.
    let next = f64::from_bits(value.to_bits() + 1);
    let mut delta = (0.5 * (next - value)).max(f64::from_bits(1));
    let mut frac_digits: Vec<u8> = Vec::new();
    if fraction >= delta {
        loop {
            fraction *= r;
            delta *= r;
            let digit = fraction as usize;
            frac_digits.push(CHARS[digit.min(35)]);
            fraction -= digit as f64;
            if (fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1)) && fraction + delta > 1.0 {
                // Round up, carrying through the digits already written.
                loop {
                    match frac_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(c) => {
                            let d = (c as char).to_digit(36).unwrap_or(0) + 1;
                            if d < radix {
                                frac_digits.push(CHARS[d as usize]);
                                break;
                            }
                        }
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }
    // The integer digits; those below the double's precision are zeros.
    let mut int_digits: Vec<u8> = Vec::new();
    while integer / r >= 9007199254740992.0 {
        integer /= r;
        int_digits.push(b'0');
    }
    loop {
        let remainder = integer % r;
        int_digits.push(CHARS[remainder as usize]);
        integer = (integer - remainder) / r;
        if integer <= 0.0 {
            break;
        }
    }
    let mut out = String::with_capacity(int_digits.len() + frac_digits.len() + 2);
    if negative {
        out.push('-');
    }
    out.extend(int_digits.iter().rev().map(|&c| c as char));
    if !frac_digits.is_empty() {
        out.push('.');
        out.extend(frac_digits.iter().map(|&c| c as char));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_formatting() {
        assert_eq!(to_fixed(1.005, 2), "1.00");
        assert_eq!(to_fixed(1e21, 2), "1e+21");
        assert_eq!(to_fixed(-1e-10, 2), "-0.00");
        assert_eq!(to_fixed(0.5, 0), "1");
        assert_eq!(to_fixed(123.456, 10), "123.4560000000");
        assert_eq!(to_exponential(123456.0, Some(2)), "1.23e+5");
        assert_eq!(to_exponential(0.00015, None), "1.5e-4");
        assert_eq!(to_exponential(0.0, Some(2)), "0.00e+0");
        assert_eq!(to_precision(123.456, 4), "123.5");
        assert_eq!(to_precision(0.000001234, 2), "0.0000012");
        assert_eq!(to_precision(0.0000001234, 2), "1.2e-7");
        assert_eq!(to_precision(123456.0, 2), "1.2e+5");
        assert_eq!(to_precision(0.0, 3), "0.00");
        assert_eq!(to_radix_string(255.5, 16), "ff.8");
        assert_eq!(
            to_precision("9.999999999999999e-22".parse().unwrap_or(0.0), 16),
            "9.999999999999999e-22"
        );
        assert_eq!(to_precision(99.99, 2), "1.0e+2");
        assert_eq!(to_exponential(9.96, Some(1)), "1.0e+1");
        assert_eq!(to_radix_string(-255.0, 2), "-11111111");
        assert_eq!(
            to_radix_string(0.1, 3),
            "0.0022002200220022002200220022002201"
        );
    }
}
