//! [`FromJs`] and [`IntoJs`]: typed conversions between Rust and JavaScript
//! values.
//!
//! | Rust | JavaScript |
//! | --- | --- |
//! | `()` | `undefined` |
//! | `bool` | boolean |
//! | `f64`, `f32`, `i8`..`i64`, `u8`..`u64`, `usize`, `isize` | number (integers are checked: no fraction, in range; a BigInt that fits converts too) |
//! | `i128`, `u128`, [`AsBigInt<T>`], `num_bigint::BigInt` | BigInt |
//! | `String`, `&str`, `char` | string |
//! | `Option<T>` | `undefined`/`null` or `T` |
//! | `Vec<T>`, `[T; N]`, `&[T]` | Array |
//! | `HashMap<String, T>`, `BTreeMap<String, T>` | a plain object |
//! | tuples `(A, B, ...)` (up to 8) | Array |
//! | [`JsValue`] | any value, unconverted |
//! | `Result<T, E>` (into JS only) | `T`, or a throw |
//! | [`super::Serde<T>`] | serde: structs as objects (feature `serde`) |
//!
//! `FromJs` of numbers and strings is strict: a string does not convert to
//! a number (ask for a [`JsValue`] and call `to_number` style helpers in
//! JavaScript when that is wanted). Host functions receive a conversion
//! failure as a TypeError.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use super::value::wrong_kind;
use super::{Context, Error, JsValue, Result, ValueKind};
use crate::value::Value;

/// Converts a Rust value into a JavaScript value.
pub trait IntoJs {
    /// The value in `ctx`'s heap.
    fn into_js(self, ctx: &mut Context) -> Result<JsValue>;
}

/// Converts a JavaScript value into a Rust value.
pub trait FromJs: Sized {
    /// The Rust value, or an [`Error::Conversion`].
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self>;
}

impl IntoJs for JsValue {
    fn into_js(self, _: &mut Context) -> Result<JsValue> {
        Ok(self)
    }
}
impl IntoJs for &JsValue {
    fn into_js(self, _: &mut Context) -> Result<JsValue> {
        Ok(self.clone())
    }
}
impl FromJs for JsValue {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        // Checks that the handle belongs to this runtime.
        ctx.raw(v)?;
        Ok(v.clone())
    }
}

impl IntoJs for () {
    fn into_js(self, _: &mut Context) -> Result<JsValue> {
        Ok(JsValue::UNDEFINED)
    }
}
impl FromJs for () {
    fn from_js(_: &mut Context, _: &JsValue) -> Result<Self> {
        Ok(())
    }
}

impl IntoJs for bool {
    fn into_js(self, _: &mut Context) -> Result<JsValue> {
        Ok(JsValue::boolean(self))
    }
}
impl FromJs for bool {
    fn from_js(_: &mut Context, v: &JsValue) -> Result<Self> {
        v.as_bool().ok_or_else(|| wrong_kind(v, "bool"))
    }
}

impl IntoJs for f64 {
    fn into_js(self, _: &mut Context) -> Result<JsValue> {
        Ok(JsValue::number(self))
    }
}
impl FromJs for f64 {
    fn from_js(_: &mut Context, v: &JsValue) -> Result<Self> {
        v.as_number().ok_or_else(|| wrong_kind(v, "f64"))
    }
}
impl IntoJs for f32 {
    fn into_js(self, _: &mut Context) -> Result<JsValue> {
        Ok(JsValue::number(self as f64))
    }
}
impl FromJs for f32 {
    fn from_js(_: &mut Context, v: &JsValue) -> Result<Self> {
        v.as_number()
            .map(|n| n as f32)
            .ok_or_else(|| wrong_kind(v, "f32"))
    }
}

macro_rules! integer {
    ($($t:ty)*) => {$(
        impl IntoJs for $t {
            fn into_js(self, _: &mut Context) -> Result<JsValue> {
                Ok(JsValue::number(self as f64))
            }
        }
        impl FromJs for $t {
            fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
                if v.kind() == ValueKind::BigInt {
                    return from_bigint(ctx, v, stringify!($t));
                }
                let n = v.as_number().ok_or_else(|| wrong_kind(v, stringify!($t)))?;
                if n.fract() != 0.0 || n.is_nan() {
                    return Err(Error::conversion("number", stringify!($t), format!("{n} is not an integer")));
                }
                if n < <$t>::MIN as f64 || n > <$t>::MAX as f64 {
                    return Err(Error::conversion("number", stringify!($t), format!("{n} is out of range")));
                }
                Ok(n as $t)
            }
        }
    )*};
}
integer!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize);

/// A BigInt value as the integer type `T` (an error when it does not fit).
fn from_bigint<T>(ctx: &mut Context, v: &JsValue, to: &'static str) -> Result<T>
where
    T: for<'a> TryFrom<&'a num_bigint::BigInt>,
{
    let raw = ctx.raw(v)?;
    let Some(b) = raw.as_bigint() else {
        return Err(wrong_kind(v, to));
    };
    // The handle keeps the BigInt alive while its digits are read.
    T::try_from(b.value())
        .map_err(|_| Error::conversion("bigint", to, format!("{}n is out of range", b.value())))
}

/// A Rust integer as a JavaScript BigInt.
fn to_bigint(ctx: &mut Context, x: num_bigint::BigInt) -> Result<JsValue> {
    let r = ctx.exec.runtime.new_bigint(x);
    let v = ctx.check(r)?;
    Ok(ctx.handle(v))
}

// 128-bit integers do not fit a number: they cross as BigInts. Into Rust a
// number is accepted too when it is a safe integer (exact).
macro_rules! integer128 {
    ($($t:ty)*) => {$(
        impl IntoJs for $t {
            fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
                to_bigint(ctx, self.into())
            }
        }
        impl FromJs for $t {
            fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
                if let Some(n) = v.as_number() {
                    if n.fract() != 0.0 || n.abs() > MAX_SAFE_INTEGER || (n < 0.0 && <$t>::MIN == 0) {
                        return Err(Error::conversion("number", stringify!($t), format!("{n} is not a safe integer in range (use a BigInt)")));
                    }
                    return Ok(n as $t);
                }
                from_bigint(ctx, v, stringify!($t))
            }
        }
    )*};
}
integer128!(i128 u128);

/// 2^53 - 1 (Number.MAX_SAFE_INTEGER).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// An integer that crosses as a JavaScript BigInt instead of a number:
/// `AsBigInt(u64::MAX)` is `18446744073709551615n`. Into Rust, only a
/// BigInt converts (`AsBigInt<i64>` from `5n`), and it must fit.
///
/// Plain integer types convert from a BigInt too when it fits (`i64` from
/// `5n`), and `i128`/`u128` are always BigInts.
///
/// ```
/// use jsruntime::api::{AsBigInt, Runtime};
/// let mut rt = Runtime::new().unwrap();
/// rt.set_global("big", AsBigInt(u64::MAX)).unwrap();
/// assert!(rt.eval::<bool>("big === 2n ** 64n - 1n").unwrap());
/// let AsBigInt(x): AsBigInt<i64> = rt.eval("-(2n ** 62n)").unwrap();
/// assert_eq!(x, -(1 << 62));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AsBigInt<T>(pub T);

macro_rules! as_bigint {
    ($($t:ty)*) => {$(
        impl IntoJs for AsBigInt<$t> {
            fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
                to_bigint(ctx, self.0.into())
            }
        }
        impl FromJs for AsBigInt<$t> {
            fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
                from_bigint(ctx, v, stringify!($t)).map(AsBigInt)
            }
        }
    )*};
}
as_bigint!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize);

/// Arbitrary-precision integers (`num_bigint::BigInt`) as BigInts.
impl IntoJs for num_bigint::BigInt {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        to_bigint(ctx, self)
    }
}
impl FromJs for num_bigint::BigInt {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        let raw = ctx.raw(v)?;
        raw.as_bigint()
            .map(|b| b.value().clone())
            .ok_or_else(|| wrong_kind(v, "BigInt"))
    }
}

impl IntoJs for &str {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        ctx.string(self)
    }
}
impl IntoJs for String {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        ctx.string(&self)
    }
}
impl IntoJs for &String {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        ctx.string(self)
    }
}
impl IntoJs for char {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        ctx.string(self.encode_utf8(&mut [0; 4]))
    }
}
impl FromJs for String {
    fn from_js(_: &mut Context, v: &JsValue) -> Result<Self> {
        v.as_string().ok_or_else(|| wrong_kind(v, "String"))
    }
}
impl FromJs for char {
    fn from_js(_: &mut Context, v: &JsValue) -> Result<Self> {
        let s = v.as_string().ok_or_else(|| wrong_kind(v, "char"))?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(Error::conversion("string", "char", "not one character")),
        }
    }
}

impl<T: IntoJs> IntoJs for Option<T> {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        match self {
            Some(v) => v.into_js(ctx),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}
impl<T: FromJs> FromJs for Option<T> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        if v.is_nullish() {
            Ok(None)
        } else {
            T::from_js(ctx, v).map(Some)
        }
    }
}

impl<T: IntoJs, E: Into<Error>> IntoJs for std::result::Result<T, E> {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        self.map_err(Into::into)?.into_js(ctx)
    }
}

/// An array of handles.
fn array_from(ctx: &mut Context, items: Vec<JsValue>) -> Result<JsValue> {
    let raw = items
        .iter()
        .map(|v| ctx.raw(v))
        .collect::<Result<Vec<Value>>>()?;
    // The handles in `items` keep the values alive while the array is made.
    let r = ctx.exec.runtime.create_array_from_list(&raw);
    let a = ctx.check(r)?;
    Ok(ctx.handle(Value::object(a)))
}

/// The longest array-like converted to a Rust collection.
const MAX_ELEMENTS: u32 = 1 << 26;

/// The elements of an array-like object (its `length`, then each index).
fn elements(ctx: &mut Context, v: &JsValue, to: &'static str) -> Result<Vec<JsValue>> {
    if !v.is_object() {
        return Err(wrong_kind(v, to));
    }
    let len: JsValue = v.get(ctx, "length")?;
    let len = len.as_number().unwrap_or(0.0);
    // A hostile `{ length: 4e9 }` must be an error, not an allocation
    // that aborts the process.
    if !(0.0..=MAX_ELEMENTS as f64).contains(&len) {
        return Err(Error::conversion(
            "object",
            to,
            format!("length {len} is too large"),
        ));
    }
    let mut out = Vec::with_capacity((len as usize).min(1 << 16));
    for i in 0..len as u32 {
        out.push(ctx.get_property(v, i)?);
    }
    Ok(out)
}

impl<T: IntoJs> IntoJs for Vec<T> {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        let items = self
            .into_iter()
            .map(|v| v.into_js(ctx))
            .collect::<Result<Vec<_>>>()?;
        array_from(ctx, items)
    }
}
impl<T: IntoJs + Clone> IntoJs for &[T] {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        self.to_vec().into_js(ctx)
    }
}
impl<T: IntoJs, const N: usize> IntoJs for [T; N] {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        Vec::from(self).into_js(ctx)
    }
}
impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        elements(ctx, v, "Vec")?
            .iter()
            .map(|e| T::from_js(ctx, e))
            .collect()
    }
}

/// A plain object from (key, value) pairs.
fn object_from(ctx: &mut Context, entries: Vec<(String, JsValue)>) -> Result<JsValue> {
    let o = ctx.object()?;
    for (k, v) in entries {
        ctx.create_property(&o, &k, &v)?;
    }
    Ok(o)
}

/// The own enumerable string-keyed properties of an object.
fn entries(ctx: &mut Context, v: &JsValue, to: &'static str) -> Result<Vec<(String, JsValue)>> {
    if !v.is_object() {
        return Err(wrong_kind(v, to));
    }
    let keys = v.keys(ctx)?;
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        let value = ctx.get_property(v, &k)?;
        out.push((k, value));
    }
    Ok(out)
}

impl<T: IntoJs, S: BuildHasher> IntoJs for HashMap<String, T, S> {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        let entries = self
            .into_iter()
            .map(|(k, v)| Ok((k, v.into_js(ctx)?)))
            .collect::<Result<Vec<_>>>()?;
        object_from(ctx, entries)
    }
}
impl<T: FromJs, S: BuildHasher + Default> FromJs for HashMap<String, T, S> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        entries(ctx, v, "HashMap")?
            .into_iter()
            .map(|(k, v)| Ok((k, T::from_js(ctx, &v)?)))
            .collect()
    }
}
impl<T: IntoJs> IntoJs for BTreeMap<String, T> {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        let entries = self
            .into_iter()
            .map(|(k, v)| Ok((k, v.into_js(ctx)?)))
            .collect::<Result<Vec<_>>>()?;
        object_from(ctx, entries)
    }
}
impl<T: FromJs> FromJs for BTreeMap<String, T> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        entries(ctx, v, "BTreeMap")?
            .into_iter()
            .map(|(k, v)| Ok((k, T::from_js(ctx, &v)?)))
            .collect()
    }
}

macro_rules! tuple {
    ($($t:ident $i:tt)+) => {
        impl<$($t: IntoJs),+> IntoJs for ($($t,)+) {
            fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
                let items = vec![$(self.$i.into_js(ctx)?),+];
                array_from(ctx, items)
            }
        }
        impl<$($t: FromJs),+> FromJs for ($($t,)+) {
            fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
                let items = elements(ctx, v, "tuple")?;
                let undefined = JsValue::UNDEFINED;
                Ok(($($t::from_js(ctx, items.get($i).unwrap_or(&undefined))?,)+))
            }
        }
    };
}
tuple!(A 0);
tuple!(A 0 B 1);
tuple!(A 0 B 1 C 2);
tuple!(A 0 B 1 C 2 D 3);
tuple!(A 0 B 1 C 2 D 3 E 4);
tuple!(A 0 B 1 C 2 D 3 E 4 F 5);
tuple!(A 0 B 1 C 2 D 3 E 4 F 5 G 6);
tuple!(A 0 B 1 C 2 D 3 E 4 F 5 G 6 H 7);

/// Any value converted with JavaScript's own rules (ToNumber, ToString,
/// ToBoolean) instead of the strict ones: `Coerce<f64>` accepts `"12"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Coerce<T>(pub T);

impl FromJs for Coerce<f64> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        let raw = ctx.raw(v)?;
        let r = ctx.exec.runtime.to_number(raw);
        Ok(Coerce(ctx.check(r)?))
    }
}
impl FromJs for Coerce<String> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        let raw = ctx.raw(v)?;
        let r = ctx.exec.runtime.to_string_for_display(raw);
        Ok(Coerce(ctx.check(r)?))
    }
}
impl FromJs for Coerce<bool> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        let raw = ctx.raw(v)?;
        Ok(Coerce(crate::conversions::to_boolean(raw)))
    }
}

impl ValueKind {
    /// Whether values of this kind live in the heap.
    pub fn is_heap(self) -> bool {
        !matches!(
            self,
            ValueKind::Undefined | ValueKind::Null | ValueKind::Boolean | ValueKind::Number
        )
    }
}
