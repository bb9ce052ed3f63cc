//! 19.2.4 parseFloat and 19.2.5 parseInt: the global functions, which are
//! also `Number.parseFloat`/`Number.parseInt` (recorded as intrinsics by
//! Number's table).

use crate::builtins::arg;
use crate::runtime::Runtime;
use crate::string::number::is_str_whitespace;
use crate::string::StrView;
use crate::value::Value;
use crate::JsResult;
use num_traits::ToPrimitive;

/// TrimString(string, start) (#sec-trimstring): the index of the first unit
/// that is not white space or a line terminator.
fn trim_start(s: StrView<'_>) -> usize {
    (0..s.len())
        .find(|&i| !is_str_whitespace(s.at(i)))
        .unwrap_or(s.len())
}

/// 19.2.4 parseFloat ( string ) (#sec-parsefloat-string).
pub(crate) fn parse_float(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1-2.
    let input = rt.to_string(arg(args, 0))?;
    let s = input.view();
    let start = trim_start(s);
    let unit = |i: usize| (i < s.len()).then(|| s.at(i));
    let digit = |i: usize| unit(i).is_some_and(|u| (0x30..=0x39).contains(&u));
    // Steps 3-5: the longest prefix that is a StrDecimalLiteral.
    let mut i = start;
    let negative = unit(i) == Some(0x2D);
    if matches!(unit(i), Some(0x2B | 0x2D)) {
        i += 1;
    }
    let infinity: Vec<u16> = "Infinity".encode_utf16().collect();
    if infinity
        .iter()
        .enumerate()
        .all(|(k, &c)| unit(i + k) == Some(c))
    {
        let inf = if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
        return Ok(Value::number(inf));
    }
    let mut text = String::from(if negative { "-" } else { "" });
    let int_start = i;
    while digit(i) {
        text.push(s.at(i) as u8 as char);
        i += 1;
    }
    let mut any_digit = i > int_start;
    if unit(i) == Some(0x2E) {
        let mut j = i + 1;
        let mut frac = String::from(".");
        while digit(j) {
            frac.push(s.at(j) as u8 as char);
            j += 1;
        }
        if j > i + 1 || any_digit {
            any_digit |= j > i + 1;
            text.push_str(&frac);
            i = j;
        }
    }
    if !any_digit {
        return Ok(Value::NAN);
    }
    // ExponentPart only when complete.
    if matches!(unit(i), Some(0x45 | 0x65)) {
        let mut j = i + 1;
        let mut exp = String::from("e");
        if let Some(c @ (0x2B | 0x2D)) = unit(j) {
            exp.push(c as u8 as char);
            j += 1;
        }
        let digits_start = j;
        while digit(j) {
            exp.push(s.at(j) as u8 as char);
            j += 1;
        }
        if j > digits_start {
            text.push_str(&exp);
        }
    }
    if text.ends_with('.') {
        text.push('0');
    }
    if text.starts_with('.') || text.starts_with("-.") {
        text = text.replacen('.', "0.", 1);
    }
    // Step 6: the mathematical value, correctly rounded; -0 stays -0.
    Ok(Value::number(text.parse::<f64>().unwrap_or(f64::NAN)))
}

/// 19.2.5 parseInt ( string, radix ) (#sec-parseint-string-radix).
pub(crate) fn parse_int(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // A Number with radix undefined, 0 or 10 whose ToString is plain
    // decimal notation (1e-6 <= |x| < 1e21, or zero): the digits before the
    // point are the result, i.e. the value truncated (-0 for -0.5, +0 for
    // ±0 as "0"). Skips building and scanning the string.
    let input = arg(args, 0);
    let radix = arg(args, 1);
    let decimal = radix.is_undefined() || radix.as_number().is_some_and(|r| r == 0.0 || r == 10.0);
    if let (Some(x), true) = (input.as_number(), decimal) {
        if x == 0.0 {
            return Ok(Value::ZERO);
        }
        if (1e-6..1e21).contains(&x.abs()) {
            return Ok(Value::number(x.trunc()));
        }
    }
    // Steps 1-2.
    let input = rt.to_string(arg(args, 0))?;
    // Step 6 (after ToString): R = ToInt32(radix).
    let mut r = rt.to_int32(arg(args, 1))?;
    let s = input.view();
    let unit = |i: usize| (i < s.len()).then(|| s.at(i));
    let mut i = trim_start(s);
    // Steps 3-5.
    let negative = unit(i) == Some(0x2D);
    if matches!(unit(i), Some(0x2B | 0x2D)) {
        i += 1;
    }
    // Steps 7-9.
    let mut strip_prefix = true;
    if r != 0 {
        if !(2..=36).contains(&r) {
            return Ok(Value::NAN);
        }
        if r != 16 {
            strip_prefix = false;
        }
    } else {
        r = 10;
    }
    // Step 10.
    if strip_prefix && unit(i) == Some(0x30) && matches!(unit(i + 1), Some(0x58 | 0x78)) {
        i += 2;
        r = 16;
    }
    // Steps 11-13: the longest run of radix-R digits.
    let radix = r as u32;
    let mut digits: Vec<u8> = Vec::new();
    while let Some(d) = unit(i)
        .and_then(|u| char::from_u32(u as u32))
        .and_then(|c| c.to_digit(radix))
    {
        digits.push(d as u8);
        i += 1;
    }
    if digits.is_empty() {
        return Ok(Value::NAN);
    }
    // Step 14: exact (correctly rounded) for every radix.
    let magnitude = if digits.len() <= 10 {
        digits
            .iter()
            .fold(0.0, |acc, &d| acc * radix as f64 + d as f64)
    } else if radix == 10 {
        // GC: a Rust String.
        let text: String = digits.iter().map(|&d| (b'0' + d) as char).collect();
        text.parse::<f64>().unwrap_or(f64::NAN)
    } else {
        num_bigint::BigUint::from_radix_be(&digits, radix)
            .and_then(|n| n.to_f64())
            .unwrap_or(f64::NAN)
    };
    // Steps 15-16: a zero keeps the sign.
    Ok(Value::number(if negative { -magnitude } else { magnitude }))
}
