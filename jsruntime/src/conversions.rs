//! Type conversion (7.1): the functions the JIT's slow paths and the built-ins
//! call. Conversions that may run JavaScript (`valueOf`, `toString`,
//! `@@toPrimitive`) take the runtime and return `JsResult`.

use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind, PropertyKey};
use crate::runtime::{Intrinsic, Runtime};
use crate::string::number::{canonical_array_index, number_to_string, string_to_number};
use crate::string::JsString;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// The preferred type of ToPrimitive (7.1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// No preference: objects treat it like `Number` unless `@@toPrimitive` decides.
    Default,
    /// Prefer a string: `toString` is tried before `valueOf`.
    String,
    /// Prefer a number: `valueOf` is tried before `toString`.
    Number,
}

/// 7.1.2 ToBoolean.
pub fn to_boolean(v: Value) -> bool {
    if let Some(b) = v.as_bool() {
        return b;
    }
    if let Some(i) = v.as_i32() {
        return i != 0;
    }
    if let Some(d) = v.as_number() {
        return !(d == 0.0 || d.is_nan());
    }
    if let Some(s) = v.as_string() {
        return !s.is_empty();
    }
    if let Some(b) = v.as_bigint() {
        return !num_traits::Zero::is_zero(b.value());
    }
    // undefined, null → false; symbols, objects → true.
    !v.is_nullish() && !v.is_hole()
}

/// 7.1.5 ToIntegerOrInfinity on a number.
pub fn integer_or_infinity(d: f64) -> f64 {
    if d.is_nan() {
        0.0
    } else {
        // trunc(-0.5) is -0; the spec wants +0 for zero results.
        trunc(d) + 0.0
    }
}

/// 2^52: from here on every f64 is an integer.
const TWO_POW_52: f64 = 4_503_599_627_370_496.0;

/// `d.floor()` without a call. The baseline x86-64 target has no SSE4.1
/// `roundsd`, so `f64::floor` is a software routine of some fifty
/// instructions; a number below 2^52 in magnitude goes through an i64
/// exactly (Date's field arithmetic spent 4% of its time in floor).
#[inline]
pub fn floor(d: f64) -> f64 {
    if d.abs() < TWO_POW_52 && d != 0.0 {
        let t = d as i64 as f64;
        if t > d {
            t - 1.0
        } else {
            t
        }
    } else {
        // ±0, integers past 2^52, infinities and NaN are their own floor.
        d
    }
}

/// `d.trunc()` without a call (see [`floor`]).
#[inline]
pub fn trunc(d: f64) -> f64 {
    if d.abs() < TWO_POW_52 {
        // The sign is kept for results of zero: trunc(-0.5) is -0.
        (d as i64 as f64).copysign(d)
    } else {
        d
    }
}

/// 7.1.6 ToInt32 on a number (modulo 2^32, then signed).
pub fn f64_to_int32(d: f64) -> i32 {
    f64_to_uint32(d) as i32
}

/// 7.1.7 ToUint32 on a number.
pub fn f64_to_uint32(d: f64) -> u32 {
    if !d.is_finite() {
        return 0;
    }
    // Exact for |d| < 2^63; beyond that the low 32 bits of an integer-valued
    // double are zero unless reduced first.
    let t = d.trunc();
    if t.abs() < 9.2e18 {
        (t as i64) as u32
    } else {
        t.rem_euclid(4294967296.0) as u32
    }
}

/// 6.1.6.1.6 Number::remainder ( n, d ) (#sec-numeric-types-number-remainder):
/// the truncating remainder, with the sign of the dividend. Integral
/// operands below 2^53 in magnitude take the exact integer remainder: the
/// floating-point `%` goes through a bit-by-bit `fmod` (`x % 1000` of a
/// time value cost ~70 ns).
pub fn number_remainder(n: f64, d: f64) -> f64 {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if n.abs() < EXACT && d.abs() < EXACT && d != 0.0 && n.trunc() == n && d.trunc() == d {
        let r = (n as i64 % d as i64) as f64;
        // Step 5: a zero result has the sign of n (-0 for a negative n or -0).
        return if r == 0.0 && n.is_sign_negative() {
            -0.0
        } else {
            r
        };
    }
    n % d
}

/// 7.2.10 SameValue.
pub use crate::equality::same_value;

/// Integers below this have cached strings (see
/// [`Runtime::number_to_js_string`]).
pub const SMALL_INT_STRINGS: usize = 1024;

impl Runtime {
    /// 7.1.1 ToPrimitive.
    pub fn to_primitive(&mut self, v: Value, hint: Hint) -> JsResult<Value> {
        let Some(_) = v.as_object() else {
            return Ok(v);
        };
        let key = PropertyKey::Symbol(self.well_known_symbol(WellKnownSymbol::ToPrimitive));
        if let Some(exotic) = self.get_method(v, key)? {
            let hint_str = match hint {
                Hint::Default => self.names.default,
                Hint::String => self.names.string,
                Hint::Number => self.names.number,
            };
            let result = self.call(exotic, v, &[Value::string(hint_str)])?;
            if result.is_object() {
                return Err(self.type_error("Cannot convert object to primitive value"));
            }
            return Ok(result);
        }
        let hint = if hint == Hint::Default {
            Hint::Number
        } else {
            hint
        };
        self.ordinary_to_primitive(v, hint)
    }

    /// 7.1.1.1 OrdinaryToPrimitive.
    pub fn ordinary_to_primitive(&mut self, o: Value, hint: Hint) -> JsResult<Value> {
        let (first, second) = if hint == Hint::String {
            (self.names.to_string, self.names.value_of)
        } else {
            (self.names.value_of, self.names.to_string)
        };
        for name in [first, second] {
            let method = self.get_v(o, PropertyKey::String(name))?;
            if method.as_object().is_some_and(|m| m.is_callable()) {
                let result = self.call(method, o, &[])?;
                if !result.is_object() {
                    return Ok(result);
                }
            }
        }
        Err(self.type_error("Cannot convert object to primitive value"))
    }

    /// 7.1.3 ToNumeric: a Number or a BigInt.
    pub fn to_numeric(&mut self, v: Value) -> JsResult<Value> {
        let p = self.to_primitive(v, Hint::Number)?;
        if p.is_bigint() {
            return Ok(p);
        }
        Ok(Value::from_f64(self.to_number(p)?))
    }

    /// 7.1.4 ToNumber.
    pub fn to_number(&mut self, v: Value) -> JsResult<f64> {
        if let Some(d) = v.as_number() {
            return Ok(d);
        }
        if v.is_undefined() {
            return Ok(f64::NAN);
        }
        if v.is_null() {
            return Ok(0.0);
        }
        if let Some(b) = v.as_bool() {
            return Ok(if b { 1.0 } else { 0.0 });
        }
        if let Some(s) = v.as_string() {
            return Ok(string_to_number(s.view()));
        }
        if v.is_symbol() {
            return Err(self.type_error("Cannot convert a Symbol value to a number"));
        }
        if v.is_bigint() {
            return Err(self.type_error("Cannot convert a BigInt value to a number"));
        }
        let p = self.to_primitive(v, Hint::Number)?;
        self.to_number(p)
    }

    /// 7.1.5 ToIntegerOrInfinity.
    pub fn to_integer_or_infinity(&mut self, v: Value) -> JsResult<f64> {
        if let Some(i) = v.as_i32() {
            return Ok(i as f64);
        }
        Ok(integer_or_infinity(self.to_number(v)?))
    }

    /// 7.1.6 ToInt32.
    pub fn to_int32(&mut self, v: Value) -> JsResult<i32> {
        if let Some(i) = v.as_i32() {
            return Ok(i);
        }
        Ok(f64_to_int32(self.to_number(v)?))
    }

    /// 7.1.7 ToUint32.
    pub fn to_uint32(&mut self, v: Value) -> JsResult<u32> {
        if let Some(i) = v.as_i32() {
            return Ok(i as u32);
        }
        Ok(f64_to_uint32(self.to_number(v)?))
    }

    /// 7.1.20 ToLength.
    pub fn to_length(&mut self, v: Value) -> JsResult<f64> {
        let len = self.to_integer_or_infinity(v)?;
        Ok(len.clamp(0.0, 9007199254740991.0))
    }

    /// 7.1.22 ToIndex.
    pub fn to_index(&mut self, v: Value) -> JsResult<u64> {
        if v.is_undefined() {
            return Ok(0);
        }
        let i = self.to_integer_or_infinity(v)?;
        if !(0.0..=9007199254740991.0).contains(&i) {
            return Err(self.range_error("Invalid index"));
        }
        Ok(i as u64)
    }

    /// A number as a string (6.1.6.1.20), with small integers from a cache
    /// of atoms.
    pub fn number_to_js_string(&mut self, d: f64) -> JsResult<Gc<JsString>> {
        if d.is_nan() {
            return Ok(self.names.nan);
        }
        // -0 is "0" too (6.1.6.1.20 step 2).
        if d >= 0.0 && d < SMALL_INT_STRINGS as f64 && d.fract() == 0.0 {
            let i = d as usize;
            if let Some(s) = self.small_int_strings[i].as_string() {
                return Ok(s);
            }
            let s = self.atom(&number_to_string(d))?;
            self.small_int_strings[i] = Value::string(s);
            return Ok(s);
        }
        let s = number_to_string(d);
        self.new_string(&s)
    }

    /// 7.1.17 ToString.
    pub fn to_string(&mut self, v: Value) -> JsResult<Gc<JsString>> {
        if let Some(s) = v.as_string() {
            return Ok(s);
        }
        if let Some(d) = v.as_number() {
            return self.number_to_js_string(d);
        }
        if v.is_undefined() {
            return Ok(self.names.undefined);
        }
        if v.is_null() {
            return Ok(self.names.null);
        }
        if let Some(b) = v.as_bool() {
            return Ok(if b {
                self.names.true_
            } else {
                self.names.false_
            });
        }
        if v.is_symbol() {
            return Err(self.type_error("Cannot convert a Symbol value to a string"));
        }
        if let Some(b) = v.as_bigint() {
            // 6.1.6.2.23 BigInt::toString(x, 10).
            return self.bigint_to_js_string(b.value(), 10);
        }
        let p = self.to_primitive(v, Hint::String)?;
        self.to_string(p)
    }

    /// 7.1.18 ToObject.
    pub fn to_object(&mut self, v: Value) -> JsResult<Gc<JsObject>> {
        if let Some(o) = v.as_object() {
            return Ok(o);
        }
        if v.is_nullish() {
            return Err(self.type_error("Cannot convert undefined or null to object"));
        }
        let (proto, kind) = if let Some(b) = v.as_bool() {
            (Intrinsic::BooleanPrototype, ObjectKind::Boolean(b))
        } else if let Some(d) = v.as_number() {
            (Intrinsic::NumberPrototype, ObjectKind::Number(d))
        } else if let Some(s) = v.as_string() {
            return self.new_string_object(s);
        } else if let Some(s) = v.as_symbol() {
            (Intrinsic::SymbolPrototype, ObjectKind::Symbol(s))
        } else if let Some(b) = v.as_bigint() {
            (Intrinsic::BigIntPrototype, ObjectKind::BigInt(b))
        } else {
            return Err(self.type_error("Cannot convert the value to an object"));
        };
        let proto = self.intrinsic(proto);
        self.new_object_with(proto, kind, 0)
    }

    /// 10.4.3.4 StringCreate with %String.prototype%.
    pub fn new_string_object(&mut self, s: Gc<JsString>) -> JsResult<Gc<JsObject>> {
        let proto = self.intrinsic(Intrinsic::StringPrototype);
        let o = self.new_object_with(proto, ObjectKind::String(s), 0)?;
        self.store_property(
            o,
            PropertyKey::String(self.names.length),
            crate::object::StoredProperty::Data(
                Value::from_u32(s.len() as u32),
                crate::object::Attributes::NONE,
            ),
        )?;
        Ok(o)
    }

    /// The property key for a string: an index when canonical, else its atom.
    pub fn property_key_from_string(&mut self, s: Gc<JsString>) -> PropertyKey {
        if let Some(i) = canonical_array_index(s.view()) {
            return PropertyKey::Index(i);
        }
        PropertyKey::String(self.intern(s))
    }

    pub(crate) fn property_key_from_atom(&self, atom: Gc<JsString>) -> PropertyKey {
        match canonical_array_index(atom.view()) {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::String(atom),
        }
    }

    /// 7.1.19 ToPropertyKey. Int32 values that are array indices skip the
    /// string round trip.
    pub fn to_property_key(&mut self, v: Value) -> JsResult<PropertyKey> {
        if let Some(i) = v.as_i32() {
            if i >= 0 {
                return Ok(PropertyKey::Index(i as u32));
            }
        }
        if let Some(d) = v.as_number() {
            if (0.0..4294967295.0).contains(&d)
                && d.fract() == 0.0
                && !(d == 0.0 && d.is_sign_negative())
            {
                return Ok(PropertyKey::Index(d as u32));
            }
        }
        let key = self.to_primitive(v, Hint::String)?;
        if let Some(s) = key.as_symbol() {
            return Ok(PropertyKey::Symbol(s));
        }
        let s = self.to_string(key)?;
        Ok(self.property_key_from_string(s))
    }

    /// A property key as a value (for `Object.keys`, `for-in`, ...).
    pub fn property_key_to_value(&mut self, key: PropertyKey) -> JsResult<Value> {
        Ok(match key {
            PropertyKey::Index(i) => Value::string(self.number_to_js_string(i as f64)?),
            PropertyKey::String(s) => Value::string(s),
            PropertyKey::Symbol(s) => Value::symbol(s),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_trunc_agree_with_std() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            2.5,
            -2.5,
            1e-300,
            -1e-300,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            4_503_599_627_370_495.5,
            -4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            -4_503_599_627_370_497.0,
            9.007_199_254_740_993e15,
            1e300,
            -1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            8.64e15 + 0.25,
            -8.64e15 - 0.75,
        ];
        // Neighbours of integers, where an i64 round trip could go wrong.
        for i in -40..40 {
            let x = f64::from(i) * 0.5;
            values.extend([x, x + 1e-9, x - 1e-9, x + 1e-15, x - 1e-15]);
        }
        for &d in &values {
            assert_eq!(floor(d).to_bits(), d.floor().to_bits(), "floor({d:e})");
            assert_eq!(trunc(d).to_bits(), d.trunc().to_bits(), "trunc({d:e})");
        }
    }

    #[test]
    fn remainder_agrees_with_fmod() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            7.0,
            -7.0,
            3.0,
            1000.0,
            1.5,
            -2.5,
            1e15 + 3.0,
            -1e15 - 3.0,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            5e-324,
        ];
        for &n in &values {
            for &d in &values {
                let (fast, slow) = (number_remainder(n, d), n % d);
                assert!(
                    fast.to_bits() == slow.to_bits() || (fast.is_nan() && slow.is_nan()),
                    "{n} % {d}: {fast} vs {slow}"
                );
            }
        }
    }

    #[test]
    fn int32_uint32() {
        assert_eq!(f64_to_int32(4294967296.0 + 5.0), 5);
        assert_eq!(f64_to_int32(2147483648.0), -2147483648);
        assert_eq!(f64_to_int32(-1.5), -1);
        assert_eq!(f64_to_int32(f64::NAN), 0);
        assert_eq!(f64_to_uint32(-1.0), 4294967295);
        assert_eq!(
            f64_to_uint32(1e20),
            (1e20f64.rem_euclid(4294967296.0)) as u32
        );
        assert_eq!(f64_to_int32(f64::INFINITY), 0);
    }

    #[test]
    fn primitives() {
        let mut rt = Runtime::new();
        assert!(!to_boolean(Value::from_f64(f64::NAN)));
        assert!(!to_boolean(Value::string(rt.empty_string())));
        assert!(to_boolean(Value::from_f64(-1.0)));
        let s = rt.new_string(" 12 ").unwrap();
        assert_eq!(rt.to_number(Value::string(s)).unwrap(), 12.0);
        assert!(rt.to_number(Value::UNDEFINED).unwrap().is_nan());
        assert_eq!(rt.to_number(Value::NULL).unwrap(), 0.0);
        let t = rt.to_string(Value::from_f64(-0.0)).unwrap();
        assert_eq!(t.to_rust_string(), "0");
        let t = rt.to_string(Value::from_f64(1e21)).unwrap();
        assert_eq!(t.to_rust_string(), "1e+21");
        let t = rt.to_string(Value::TRUE).unwrap();
        assert_eq!(t.to_rust_string(), "true");
        let sym = rt.new_symbol(Value::UNDEFINED).unwrap();
        assert!(rt.to_number(Value::symbol(sym)).is_err());
        assert!(rt.to_string(Value::symbol(sym)).is_err());
    }

    #[test]
    fn property_keys() {
        let mut rt = Runtime::new();
        assert_eq!(
            rt.to_property_key(Value::from_i32(7)).unwrap(),
            PropertyKey::Index(7)
        );
        let s = rt.new_string("7").unwrap();
        assert_eq!(
            rt.to_property_key(Value::string(s)).unwrap(),
            PropertyKey::Index(7)
        );
        let k1 = rt.to_property_key(Value::from_f64(1.5)).unwrap();
        let k2 = rt.key("1.5").unwrap();
        assert_eq!(k1, k2);
        let neg = rt.to_property_key(Value::from_f64(-0.0)).unwrap();
        assert_eq!(neg, PropertyKey::Index(0), "ToString(-0) is \"0\"");
        let big = rt.to_property_key(Value::from_f64(4294967295.0)).unwrap();
        assert!(matches!(big, PropertyKey::String(_)));
    }

    #[test]
    fn wrappers() {
        let mut rt = Runtime::new();
        let s = rt.new_string("héllo").unwrap();
        let o = rt.to_object(Value::string(s)).unwrap();
        let c = rt.get(o, PropertyKey::Index(1), Value::object(o)).unwrap();
        assert_eq!(c.as_string().unwrap().to_rust_string(), "é");
        assert_eq!(rt.get_by_name(o, "length").unwrap(), Value::from_i32(5));
        let keys = rt.own_property_keys(o).unwrap();
        assert_eq!(keys.len(), 6);
        assert!(!rt
            .set(o, PropertyKey::Index(0), Value::TRUE, Value::object(o))
            .unwrap());
        assert!(rt.to_object(Value::UNDEFINED).is_err());
    }
}
