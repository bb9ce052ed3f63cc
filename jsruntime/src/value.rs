//! `Value`: every JavaScript value in one 64-bit word (NaN-boxing).
//!
//! # Bit layout
//!
//! A `Value` is a `u64`. The top 16 bits select the type:
//!
//! | bits 63..48       | bits 47..0                  | meaning                               |
//! |-------------------|-----------------------------|---------------------------------------|
//! | `0x0000..=0xFFF8` | (rest of the double)        | an IEEE-754 double, stored unchanged  |
//! | `0xFFF9`          | low 32 bits: the `i32`      | int32 fast path (`TAG_INT32`)         |
//! | `0xFFFA`          | `0` / `1` / `2`             | undefined / null / hole (`TAG_SPECIAL`)|
//! | `0xFFFB`          | `0` / `1`                   | false / true (`TAG_BOOLEAN`)          |
//! | `0xFFFC`          | 48-bit cell address         | object (`TAG_OBJECT`)                 |
//! | `0xFFFD`          | 48-bit cell address         | string (`TAG_STRING`)                 |
//! | `0xFFFE`          | 48-bit cell address         | symbol (`TAG_SYMBOL`)                 |
//! | `0xFFFF`          | 48-bit cell address         | bigint (`TAG_BIGINT`)                 |
//!
//! Every bit pattern whose top 13 bits are all ones is a NaN, so tags
//! `0xFFF9..=0xFFFF` never collide with a real double as long as NaNs are
//! canonicalised: [`Value::from_f64`] turns every NaN into `CANONICAL_NAN`
//! (`0x7FF8_0000_0000_0000`, the NaN Rust's `f64::NAN` has).
//!
//! What the JIT relies on (each is one or two instructions):
//!
//! * is int32: `(v >> 48) == TAG_INT32`; the payload is `ireduce.i32 v`;
//!   boxing is `uextend(i) | (TAG_INT32 << 48)`.
//! * is double: `v < DOUBLE_LIMIT` (unsigned); the payload is `bitcast.f64 v`.
//! * is number (int32 or double): `v < NUMBER_LIMIT` (unsigned).
//! * is object: `(v >> 48) == TAG_OBJECT`; is any heap cell: `v >= HEAP_LIMIT`.
//! * extract pointer: `v & PAYLOAD_MASK` (user-space addresses fit in 48 bits on
//!   x86_64 and aarch64 Linux; the heap checks every cell address it hands out).
//! * undefined / null / true / false / hole are single constants; "nullish" is
//!   `(v | 1) == NULL`.
//!
//! A pointer payload is the address of the heap cell's header (see
//! [`crate::gc`]); field offsets exported by the object and string modules are
//! relative to that address.
//!
//! The hole (`Value::HOLE`) marks a missing element in a dense array's storage;
//! it never escapes to JavaScript: every element read turns it into a lookup on
//! the prototype chain.

use crate::bigint::JsBigInt;
use crate::gc::Gc;
use crate::object::JsObject;
use crate::string::JsString;
use crate::symbol::Symbol;

/// Tag (top 16 bits) of an int32 value.
pub const TAG_INT32: u64 = 0xFFF9;
/// Tag of undefined, null and the internal hole.
pub const TAG_SPECIAL: u64 = 0xFFFA;
/// Tag of booleans.
pub const TAG_BOOLEAN: u64 = 0xFFFB;
/// Tag of a pointer to an object cell (functions are objects).
pub const TAG_OBJECT: u64 = 0xFFFC;
/// Tag of a pointer to a string cell.
pub const TAG_STRING: u64 = 0xFFFD;
/// Tag of a pointer to a symbol cell.
pub const TAG_SYMBOL: u64 = 0xFFFE;
/// Tag of a pointer to a bigint cell.
pub const TAG_BIGINT: u64 = 0xFFFF;

/// Number of bits below the tag.
pub const TAG_SHIFT: u32 = 48;
/// Mask of the 48-bit payload (pointers).
pub const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;
/// Values below this (unsigned) are doubles.
pub const DOUBLE_LIMIT: u64 = TAG_INT32 << TAG_SHIFT;
/// Values below this (unsigned) are numbers (double or int32).
pub const NUMBER_LIMIT: u64 = TAG_SPECIAL << TAG_SHIFT;
/// Values at or above this (unsigned) point to heap cells.
pub const HEAP_LIMIT: u64 = TAG_OBJECT << TAG_SHIFT;
/// The only NaN bit pattern a `Value` ever holds.
pub const CANONICAL_NAN: u64 = 0x7FF8_0000_0000_0000;

/// A JavaScript value; see the module documentation for the encoding.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Value(u64);

/// The ECMAScript language type of a value (6.1), plus the internal hole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// The value undefined (6.1.1).
    Undefined,
    /// The value null (6.1.2).
    Null,
    /// true or false (6.1.3).
    Boolean,
    /// A string of UTF-16 code units (6.1.4).
    String,
    /// A symbol (6.1.5).
    Symbol,
    /// A number, stored as an int32 or a double (6.1.6.1).
    Number,
    /// A BigInt (6.1.6.2).
    BigInt,
    /// An object, functions included (6.1.7).
    Object,
    /// Internal: a missing array element; never visible to JavaScript.
    Hole,
}

impl Value {
    /// undefined.
    pub const UNDEFINED: Value = Value(TAG_SPECIAL << TAG_SHIFT);
    /// null.
    pub const NULL: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 1);
    /// Missing element in dense array storage (never escapes to JavaScript).
    pub const HOLE: Value = Value((TAG_SPECIAL << TAG_SHIFT) | 2);
    /// false.
    pub const FALSE: Value = Value(TAG_BOOLEAN << TAG_SHIFT);
    /// true.
    pub const TRUE: Value = Value((TAG_BOOLEAN << TAG_SHIFT) | 1);
    /// NaN, in its canonical encoding.
    pub const NAN: Value = Value(CANONICAL_NAN);
    /// +0, as an int32.
    pub const ZERO: Value = Value(TAG_INT32 << TAG_SHIFT);

    /// The raw bits (what the JIT stores and loads).
    #[inline]
    pub const fn to_bits(self) -> u64 {
        self.0
    }

    /// Rebuilds a value from bits produced by [`Value::to_bits`].
    ///
    /// # Safety
    /// `bits` must be the encoding of a valid value: a pointer payload must
    /// address a live heap cell of the tagged type.
    #[inline]
    pub const unsafe fn from_bits(bits: u64) -> Value {
        Value(bits)
    }

    /// Boxes a boolean.
    #[inline]
    pub const fn from_bool(b: bool) -> Value {
        Value((TAG_BOOLEAN << TAG_SHIFT) | b as u64)
    }

    /// Boxes an int32 in the int32 encoding.
    #[inline]
    pub const fn from_i32(i: i32) -> Value {
        Value((TAG_INT32 << TAG_SHIFT) | (i as u32 as u64))
    }

    /// A double, unboxed; NaNs are canonicalised so they cannot forge a tag.
    #[inline]
    pub fn from_f64(d: f64) -> Value {
        if d.is_nan() {
            Value(CANONICAL_NAN)
        } else {
            Value(d.to_bits())
        }
    }

    /// A number, as an int32 when it is one exactly (not -0), else a double.
    /// Prefer this for results so the JIT's int32 fast paths apply.
    #[inline]
    pub fn number(d: f64) -> Value {
        let i = d as i32;
        if i as f64 == d && !(i == 0 && d.is_sign_negative()) {
            Value::from_i32(i)
        } else {
            Value::from_f64(d)
        }
    }

    /// A number from a `u32`: an int32 when it fits, else a double.
    #[inline]
    pub fn from_u32(n: u32) -> Value {
        if n <= i32::MAX as u32 {
            Value::from_i32(n as i32)
        } else {
            Value::from_f64(n as f64)
        }
    }

    #[inline]
    fn from_cell(tag: u64, addr: usize) -> Value {
        debug_assert_eq!(addr as u64 & !PAYLOAD_MASK, 0);
        Value((tag << TAG_SHIFT) | addr as u64)
    }

    /// A value pointing to an object cell.
    #[inline]
    pub fn object(o: Gc<JsObject>) -> Value {
        Value::from_cell(TAG_OBJECT, o.addr())
    }

    /// A value pointing to a string cell.
    #[inline]
    pub fn string(s: Gc<JsString>) -> Value {
        Value::from_cell(TAG_STRING, s.addr())
    }

    /// A value pointing to a symbol cell.
    #[inline]
    pub fn symbol(s: Gc<Symbol>) -> Value {
        Value::from_cell(TAG_SYMBOL, s.addr())
    }

    /// A value pointing to a bigint cell.
    #[inline]
    pub fn bigint(b: Gc<JsBigInt>) -> Value {
        Value::from_cell(TAG_BIGINT, b.addr())
    }

    /// The tag (top 16 bits); any tag below [`TAG_INT32`] is a double.
    #[inline]
    pub const fn tag(self) -> u64 {
        self.0 >> TAG_SHIFT
    }

    /// Whether this is undefined.
    #[inline]
    pub const fn is_undefined(self) -> bool {
        self.0 == Value::UNDEFINED.0
    }

    /// Whether this is null.
    #[inline]
    pub const fn is_null(self) -> bool {
        self.0 == Value::NULL.0
    }

    /// undefined or null.
    #[inline]
    pub const fn is_nullish(self) -> bool {
        (self.0 | 1) == Value::NULL.0
    }

    /// Whether this is the internal hole (a missing array element).
    #[inline]
    pub const fn is_hole(self) -> bool {
        self.0 == Value::HOLE.0
    }

    /// Whether this is true or false.
    #[inline]
    pub const fn is_boolean(self) -> bool {
        self.tag() == TAG_BOOLEAN
    }

    /// Whether this is a number stored as an int32.
    #[inline]
    pub const fn is_int32(self) -> bool {
        self.tag() == TAG_INT32
    }

    /// Whether this is a number stored as a double (NaN and -0 included).
    #[inline]
    pub const fn is_double(self) -> bool {
        self.0 < DOUBLE_LIMIT
    }

    /// Whether this is a number (int32 or double).
    #[inline]
    pub const fn is_number(self) -> bool {
        self.0 < NUMBER_LIMIT
    }

    /// Whether this points to an object.
    #[inline]
    pub const fn is_object(self) -> bool {
        self.tag() == TAG_OBJECT
    }

    /// Whether this points to a string.
    #[inline]
    pub const fn is_string(self) -> bool {
        self.tag() == TAG_STRING
    }

    /// Whether this points to a symbol.
    #[inline]
    pub const fn is_symbol(self) -> bool {
        self.tag() == TAG_SYMBOL
    }

    /// Whether this points to a bigint.
    #[inline]
    pub const fn is_bigint(self) -> bool {
        self.tag() == TAG_BIGINT
    }

    /// Points to a heap cell (object, string, symbol or bigint).
    #[inline]
    pub const fn is_cell(self) -> bool {
        self.0 >= HEAP_LIMIT
    }

    /// The boolean, if this is one.
    #[inline]
    pub fn as_bool(self) -> Option<bool> {
        self.is_boolean().then_some(self.0 & 1 == 1)
    }

    /// The int32, if stored as one (an integral double gives `None`).
    #[inline]
    pub fn as_i32(self) -> Option<i32> {
        self.is_int32().then_some(self.0 as u32 as i32)
    }

    /// The numeric value of an int32 or double.
    #[inline]
    pub fn as_number(self) -> Option<f64> {
        if self.is_double() {
            Some(f64::from_bits(self.0))
        } else if self.is_int32() {
            Some(self.0 as u32 as i32 as f64)
        } else {
            None
        }
    }

    /// The address of the heap cell, if the value points to one.
    #[inline]
    pub fn cell_addr(self) -> Option<usize> {
        self.is_cell().then_some((self.0 & PAYLOAD_MASK) as usize)
    }

    /// The object cell, if this is an object.
    #[inline]
    pub fn as_object(self) -> Option<Gc<JsObject>> {
        // SAFETY: a value tagged TAG_OBJECT always holds the address of a live
        // object cell (the constructors above are the only way to build one).
        self.is_object()
            .then(|| unsafe { Gc::from_addr((self.0 & PAYLOAD_MASK) as usize) })
    }

    /// The string cell, if this is a string.
    #[inline]
    pub fn as_string(self) -> Option<Gc<JsString>> {
        // SAFETY: as in `as_object`, for string cells.
        self.is_string()
            .then(|| unsafe { Gc::from_addr((self.0 & PAYLOAD_MASK) as usize) })
    }

    /// The symbol cell, if this is a symbol.
    #[inline]
    pub fn as_symbol(self) -> Option<Gc<Symbol>> {
        // SAFETY: as in `as_object`, for symbol cells.
        self.is_symbol()
            .then(|| unsafe { Gc::from_addr((self.0 & PAYLOAD_MASK) as usize) })
    }

    /// The bigint cell, if this is a bigint.
    #[inline]
    pub fn as_bigint(self) -> Option<Gc<JsBigInt>> {
        // SAFETY: as in `as_object`, for bigint cells.
        self.is_bigint()
            .then(|| unsafe { Gc::from_addr((self.0 & PAYLOAD_MASK) as usize) })
    }

    /// 6.1 ECMAScript language types.
    pub fn type_of(self) -> ValueType {
        match self.tag() {
            TAG_INT32 => ValueType::Number,
            TAG_SPECIAL => match self.0 & 3 {
                0 => ValueType::Undefined,
                1 => ValueType::Null,
                _ => ValueType::Hole,
            },
            TAG_BOOLEAN => ValueType::Boolean,
            TAG_OBJECT => ValueType::Object,
            TAG_STRING => ValueType::String,
            TAG_SYMBOL => ValueType::Symbol,
            TAG_BIGINT => ValueType::BigInt,
            _ => ValueType::Number,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::from_bool(b)
    }
}

impl From<i32> for Value {
    fn from(i: i32) -> Value {
        Value::from_i32(i)
    }
}

impl From<f64> for Value {
    fn from(d: f64) -> Value {
        Value::number(d)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.type_of() {
            ValueType::Undefined => write!(f, "undefined"),
            ValueType::Null => write!(f, "null"),
            ValueType::Hole => write!(f, "<hole>"),
            ValueType::Boolean => write!(f, "{}", self.0 & 1 == 1),
            ValueType::Number => match self.as_i32() {
                Some(i) => write!(f, "{i}"),
                None => write!(f, "{:?}", f64::from_bits(self.0)),
            },
            ValueType::String => match self.as_string() {
                Some(s) => write!(f, "{:?}", s.to_rust_string()),
                None => write!(f, "<string>"),
            },
            ValueType::Symbol => write!(f, "Symbol@{:#x}", self.0 & PAYLOAD_MASK),
            ValueType::Object => write!(f, "Object@{:#x}", self.0 & PAYLOAD_MASK),
            ValueType::BigInt => match self.as_bigint() {
                Some(b) => write!(f, "{}n", b.value()),
                None => write!(f, "<bigint>"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_and_int32s() {
        assert_eq!(Value::from_f64(1.5).as_number(), Some(1.5));
        assert!(Value::from_f64(1.5).is_double());
        assert!(Value::from_f64(f64::NEG_INFINITY).is_double());
        assert_eq!(Value::from_i32(-7).as_i32(), Some(-7));
        assert_eq!(Value::from_i32(-7).as_number(), Some(-7.0));
        assert!(Value::from_i32(3).is_number() && !Value::from_i32(3).is_double());
        assert!(Value::number(3.0).is_int32());
        assert!(Value::number(-0.0).is_double());
        assert!(Value::number(0.5).is_double());
        assert_eq!(Value::from_u32(u32::MAX).as_number(), Some(4294967295.0));
    }

    #[test]
    fn nan_is_canonicalised() {
        let weird = f64::from_bits(0xFFFF_1234_5678_9ABC);
        assert!(weird.is_nan());
        let v = Value::from_f64(weird);
        assert_eq!(v.to_bits(), CANONICAL_NAN);
        assert!(v.is_double() && v.as_number().unwrap().is_nan());
        assert_eq!(Value::from_f64(-f64::NAN).to_bits(), CANONICAL_NAN);
    }

    #[test]
    fn specials() {
        assert!(Value::UNDEFINED.is_nullish() && Value::NULL.is_nullish());
        assert!(!Value::FALSE.is_nullish() && !Value::HOLE.is_nullish());
        assert_eq!(Value::TRUE.as_bool(), Some(true));
        assert_eq!(Value::FALSE.as_bool(), Some(false));
        assert_eq!(Value::HOLE.type_of(), ValueType::Hole);
        assert_eq!(Value::NULL.type_of(), ValueType::Null);
        assert!(!Value::UNDEFINED.is_number() && !Value::TRUE.is_cell());
    }
}
