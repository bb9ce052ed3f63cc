//! Conversions between numbers and strings.
//!
//! * [`number_to_string`]: 6.1.6.1.20 Number::toString(x, 10), via `ryu-js`
//!   (shortest round-trip digits, JavaScript's exponent thresholds).
//! * [`string_to_number`]: 7.1.4.1.1 StringToNumber over code units.
//! * [`canonical_array_index`]: whether a string is an array index
//!   (6.1.7 "array index": a canonical numeric string for 0..=2^32-2), the test
//!   that routes property keys to elements.

use super::StrView;

/// 6.1.6.1.20 Number::toString(x) with radix 10.
pub fn number_to_string(x: f64) -> String {
    if x == 0.0 {
        // Step 2: +0 and -0 both print as "0".
        return "0".to_owned();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        // Integral values below 10^21 print without exponent; i64 formatting is
        // exact and faster for the common case.
        return (x as i64).to_string();
    }
    ryu_js::Buffer::new().format(x).to_owned()
}

/// 7.1.4.1.1 StringToNumber: the StringNumericLiteral grammar (7.1.4.1), NaN
/// when the text does not match it.
pub fn string_to_number(s: StrView<'_>) -> f64 {
    match trimmed_ascii(s) {
        // StrWhiteSpace_opt: empty or only white space is 0.
        Some(text) if text.is_empty() => 0.0,
        Some(text) => parse_numeric_literal(&text),
        None => f64::NAN,
    }
}

/// The text without leading and trailing StrWhiteSpaceChars, `None` when
/// what remains is not ASCII (and so cannot match StringNumericLiteral or
/// StringIntegerLiteral).
pub fn trimmed_ascii(s: StrView<'_>) -> Option<String> {
    let mut start = 0;
    let mut end = s.len();
    while start < end && is_str_whitespace(s.at(start)) {
        start += 1;
    }
    while end > start && is_str_whitespace(s.at(end - 1)) {
        end -= 1;
    }
    (start..end)
        .map(|i| char::from_u32(s.at(i) as u32).filter(char::is_ascii))
        .collect()
}

/// WhiteSpace (12.2) or LineTerminator (12.3).
pub fn is_str_whitespace(u: u16) -> bool {
    matches!(
        u,
        0x09 | 0x0B | 0x0C | 0x20 | 0xA0 | 0xFEFF | 0x0A | 0x0D | 0x2028 | 0x2029 | 0x1680
    ) || (0x2000..=0x200A).contains(&u)
        || u == 0x202F
        || u == 0x205F
        || u == 0x3000
}

fn parse_numeric_literal(t: &str) -> f64 {
    let b = t.as_bytes();
    // NonDecimalIntegerLiteral: no sign allowed.
    if b.len() > 2 && b[0] == b'0' {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            return parse_radix_digits(&t[2..], radix);
        }
    }
    let (sign, rest) = match b[0] {
        b'+' => (1.0, &t[1..]),
        b'-' => (-1.0, &t[1..]),
        _ => (1.0, t),
    };
    if rest == "Infinity" {
        return sign * f64::INFINITY;
    }
    if !is_str_unsigned_decimal_literal(rest.as_bytes()) {
        return f64::NAN;
    }
    // The grammar was validated above; Rust's parser rounds correctly.
    match rest.parse::<f64>() {
        Ok(v) => sign * v,
        Err(_) => f64::NAN,
    }
}

/// StrUnsignedDecimalLiteral without "Infinity": digits, optional fraction,
/// optional exponent; at least one digit in the mantissa.
fn is_str_unsigned_decimal_literal(b: &[u8]) -> bool {
    let mut i = 0;
    let mut digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}

/// Digits in a power-of-two radix, rounded to nearest-even like a literal.
fn parse_radix_digits(digits: &str, radix: u32) -> f64 {
    if digits.is_empty() {
        return f64::NAN;
    }
    let bits_per_digit = radix.trailing_zeros();
    // Accumulate exactly while it fits in 64 bits, then keep only the exponent
    // and a sticky bit for the rounding.
    let mut mantissa: u64 = 0;
    let mut extra_bits: i32 = 0;
    let mut sticky = false;
    for c in digits.chars() {
        let Some(d) = c.to_digit(radix) else {
            return f64::NAN;
        };
        if mantissa >> (64 - bits_per_digit) == 0 {
            mantissa = (mantissa << bits_per_digit) | d as u64;
        } else {
            extra_bits += bits_per_digit as i32;
            sticky |= d != 0;
        }
    }
    if mantissa == 0 {
        return 0.0;
    }
    // Round the 64-bit mantissa to 53 bits (ties to even, with sticky bits).
    let lz = mantissa.leading_zeros() as i32;
    let shift = (64 - lz - 53).max(0);
    let mut m = mantissa >> shift;
    if shift > 0 {
        let rem = mantissa & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        if rem > half || (rem == half && (sticky || m & 1 == 1)) {
            m += 1;
        }
    }
    (m as f64) * 2f64.powi(shift + extra_bits)
}

/// If the code units are an array index in canonical form ("0", or no leading
/// zero and at most 4294967294), the index.
pub fn canonical_array_index(s: StrView<'_>) -> Option<u32> {
    let len = s.len();
    if len == 0 || len > 10 {
        return None;
    }
    let first = s.at(0);
    if first == b'0' as u16 {
        return (len == 1).then_some(0);
    }
    let mut n: u64 = 0;
    for i in 0..len {
        let u = s.at(i);
        if !(b'0' as u16..=b'9' as u16).contains(&u) {
            return None;
        }
        n = n * 10 + (u - b'0' as u16) as u64;
    }
    (n < u32::MAX as u64).then_some(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> f64 {
        let units: Vec<u16> = s.encode_utf16().collect();
        string_to_number(StrView::Utf16(&units))
    }

    #[test]
    fn to_string() {
        assert_eq!(number_to_string(0.0), "0");
        assert_eq!(number_to_string(-0.0), "0");
        assert_eq!(number_to_string(1.5), "1.5");
        assert_eq!(number_to_string(-42.0), "-42");
        assert_eq!(number_to_string(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_to_string(1e21), "1e+21");
        assert_eq!(number_to_string(1e20), "100000000000000000000");
        assert_eq!(number_to_string(1e-7), "1e-7");
        assert_eq!(number_to_string(0.000001), "0.000001");
        assert_eq!(number_to_string(f64::NAN), "NaN");
        assert_eq!(number_to_string(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(
            number_to_string(123456789012345680000.0),
            "123456789012345680000"
        );
    }

    #[test]
    fn from_string() {
        assert_eq!(num(""), 0.0);
        assert_eq!(num("  \n\t "), 0.0);
        assert_eq!(num(" 42 "), 42.0);
        assert_eq!(num("-1.5e3"), -1500.0);
        assert_eq!(num(".5"), 0.5);
        assert_eq!(num("5."), 5.0);
        assert_eq!(num("0x1F"), 31.0);
        assert_eq!(num("0b101"), 5.0);
        assert_eq!(num("0o17"), 15.0);
        assert!(num("-0x1F").is_nan());
        assert!(num("0x").is_nan());
        assert_eq!(num("-Infinity"), f64::NEG_INFINITY);
        assert!(num("infinity").is_nan());
        assert!(num("inf").is_nan());
        assert!(num("NaN").is_nan());
        assert!(num("1_000").is_nan());
        assert!(num("1e").is_nan());
        assert!(num(".").is_nan());
        assert!(num("12abc").is_nan());
        assert_eq!(num("\u{3000}7\u{FEFF}"), 7.0);
        assert_eq!(num("0x1fffffffffffff"), 9007199254740991.0);
        // 2^53 + 1 rounds to even (2^53), 2^53 + 3 rounds up.
        assert_eq!(num("0x20000000000001"), 9007199254740992.0);
        assert_eq!(num("0x20000000000003"), 9007199254740996.0);
        assert_eq!(num("0x10000000000000000000"), 2f64.powi(76));
        assert_eq!(num("-0"), 0.0);
        assert!(num("-0").is_sign_negative());
    }

    #[test]
    fn array_indices() {
        let idx = |s: &str| canonical_array_index(StrView::Latin1(s.as_bytes()));
        assert_eq!(idx("0"), Some(0));
        assert_eq!(idx("123"), Some(123));
        assert_eq!(idx("4294967294"), Some(4294967294));
        assert_eq!(idx("4294967295"), None);
        assert_eq!(idx("01"), None);
        assert_eq!(idx("-1"), None);
        assert_eq!(idx("1.0"), None);
        assert_eq!(idx(""), None);
    }
}
