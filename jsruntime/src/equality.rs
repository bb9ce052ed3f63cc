//! Equality and `typeof` (7.2.9–7.2.14, 13.5.3).

use crate::conversions::Hint;
use crate::gc::Gc;
use crate::runtime::Runtime;
use crate::string::JsString;
use crate::value::{Value, ValueType};
use crate::JsResult;

fn strings_equal(a: Value, b: Value) -> Option<bool> {
    match (a.as_string(), b.as_string()) {
        (Some(x), Some(y)) => Some(x.equals(&y)),
        _ => None,
    }
}

/// 7.2.10 SameValue: like `===` but NaN equals NaN and +0 differs from -0.
pub fn same_value(a: Value, b: Value) -> bool {
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        if x.is_nan() && y.is_nan() {
            return true;
        }
        return x == y && x.is_sign_negative() == y.is_sign_negative();
    }
    same_value_non_number(a, b)
}

/// 7.2.11 SameValueZero: like SameValue but +0 equals -0.
pub fn same_value_zero(a: Value, b: Value) -> bool {
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return x == y || (x.is_nan() && y.is_nan());
    }
    same_value_non_number(a, b)
}

/// 7.2.12 SameValueNonNumber (also false for a number and a non-number).
fn same_value_non_number(a: Value, b: Value) -> bool {
    if a == b {
        return true;
    }
    // 6.1.6.2.13 BigInt::equal: by mathematical value.
    if let (Some(x), Some(y)) = (a.as_bigint(), b.as_bigint()) {
        return x.value() == y.value();
    }
    strings_equal(a, b).unwrap_or(false)
}

/// 7.2.15 IsStrictlyEqual (`===`).
pub fn is_strictly_equal(a: Value, b: Value) -> bool {
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return x == y;
    }
    same_value_non_number(a, b)
}

impl Runtime {
    /// 7.2.14 IsLooselyEqual (`==`).
    pub fn is_loosely_equal(&mut self, a: Value, b: Value) -> JsResult<bool> {
        let (ta, tb) = (a.type_of(), b.type_of());
        // Step 1: same type.
        if ta == tb {
            return Ok(is_strictly_equal(a, b));
        }
        use ValueType::*;
        Ok(match (ta, tb) {
            // Steps 2–3: null == undefined.
            (Null, Undefined) | (Undefined, Null) => true,
            // Steps 5–6: number vs string.
            (Number, String) => {
                let n = self.to_number(b)?;
                a.as_number() == Some(n)
            }
            (String, Number) => {
                let n = self.to_number(a)?;
                b.as_number() == Some(n)
            }
            // Steps 7–8: BigInt vs string (StringToBigInt; no match is
            // false).
            (BigInt, String) | (String, BigInt) => {
                let (x, s) = if ta == BigInt { (a, b) } else { (b, a) };
                match (x.as_bigint(), s.as_string()) {
                    (Some(x), Some(s)) => {
                        crate::bigint::string_to_bigint(s.view()).is_some_and(|y| &y == x.value())
                    }
                    _ => false,
                }
            }
            // Step 13: BigInt vs Number by mathematical value.
            (BigInt, Number) | (Number, BigInt) => {
                let (x, n) = if ta == BigInt { (a, b) } else { (b, a) };
                match (x.as_bigint(), n.as_number()) {
                    (Some(x), Some(n)) => {
                        crate::bigint::compare_with_number(x.value(), n)
                            == Some(std::cmp::Ordering::Equal)
                    }
                    _ => false,
                }
            }
            // Steps 9–10: booleans compare as numbers.
            (Boolean, _) => {
                let n = Value::from_f64(self.to_number(a)?);
                return self.is_loosely_equal(n, b);
            }
            (_, Boolean) => {
                let n = Value::from_f64(self.to_number(b)?);
                return self.is_loosely_equal(a, n);
            }
            // Steps 11–12: objects against primitives.
            (String | Number | BigInt | Symbol, Object) => {
                let p = self.to_primitive(b, Hint::Default)?;
                return self.is_loosely_equal(a, p);
            }
            (Object, String | Number | BigInt | Symbol) => {
                let p = self.to_primitive(a, Hint::Default)?;
                return self.is_loosely_equal(p, b);
            }
            _ => false,
        })
    }

    /// 13.5.3 The typeof operator: the result string (an atom).
    pub fn type_of(&self, v: Value) -> Gc<JsString> {
        let n = &self.names;
        match v.type_of() {
            ValueType::Undefined | ValueType::Hole => n.undefined,
            ValueType::Null => n.object,
            ValueType::Boolean => n.boolean,
            ValueType::Number => n.number,
            ValueType::String => n.string,
            ValueType::Symbol => n.symbol,
            ValueType::BigInt => n.bigint,
            ValueType::Object => {
                if v.as_object().is_some_and(|o| o.is_callable()) {
                    n.function
                } else {
                    n.object
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_family() {
        let nan = Value::NAN;
        let pz = Value::from_f64(0.0);
        let nz = Value::from_f64(-0.0);
        assert!(same_value(nan, nan));
        assert!(!same_value(pz, nz));
        assert!(same_value_zero(pz, nz));
        assert!(!is_strictly_equal(nan, nan));
        assert!(is_strictly_equal(pz, nz));
        assert!(is_strictly_equal(Value::from_i32(1), Value::from_f64(1.0)));
        assert!(same_value(Value::from_i32(0), pz), "int32 0 is +0");
    }

    #[test]
    fn strings_and_loose_equality() {
        let mut rt = Runtime::new();
        let a = Value::string(rt.new_string("abc").unwrap());
        let b = Value::string(rt.new_string("abc").unwrap());
        assert!(is_strictly_equal(a, b));
        let one = Value::string(rt.new_string("1").unwrap());
        assert!(rt.is_loosely_equal(one, Value::from_i32(1)).unwrap());
        assert!(rt.is_loosely_equal(Value::TRUE, one).unwrap());
        assert!(rt.is_loosely_equal(Value::NULL, Value::UNDEFINED).unwrap());
        assert!(!rt.is_loosely_equal(Value::NULL, Value::ZERO).unwrap());
        let o = rt.new_object().unwrap();
        assert!(!rt.is_loosely_equal(Value::object(o), Value::NULL).unwrap());
        assert_eq!(rt.type_of(Value::NULL).to_rust_string(), "object");
        assert_eq!(rt.type_of(Value::from_f64(1.5)).to_rust_string(), "number");
        let f = rt.intrinsic(crate::runtime::Intrinsic::FunctionPrototype);
        assert_eq!(rt.type_of(f).to_rust_string(), "function");
    }
}
