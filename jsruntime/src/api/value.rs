//! [`JsValue`]: a handle to a JavaScript value that Rust may keep anywhere.

use std::fmt;
use std::rc::Rc;

use super::convert::{FromJs, IntoJs};
use super::{Context, Error, Result};
use crate::gc::Persistent;
use crate::value::{Value, ValueType};

/// A JavaScript value held by Rust.
///
/// Primitives that live in the value itself (numbers, booleans, `undefined`,
/// `null`) are copied; everything in the garbage-collected heap (strings,
/// symbols, BigInts, objects) is rooted in the runtime's persistent-root
/// table for as long as a clone of the handle lives. A `JsValue` can
/// therefore be stored in Rust structs, collections and futures across any
/// number of calls and collections; it needs no lifetime and no scope.
///
/// Handles are cheap to clone (a reference count). A handle dropped after its
/// runtime is harmless; using it with another runtime is an error, not a
/// crash.
#[derive(Clone)]
pub struct JsValue(pub(crate) Repr);

#[derive(Clone)]
pub(crate) enum Repr {
    /// A value that is not a heap reference.
    Inline(Value),
    /// A heap value, rooted, with the id of its runtime.
    Rooted(Rc<Persistent>, u64),
}

impl Default for JsValue {
    fn default() -> Self {
        JsValue::UNDEFINED
    }
}

impl JsValue {
    /// `undefined`.
    pub const UNDEFINED: JsValue = JsValue(Repr::Inline(Value::UNDEFINED));
    /// `null`.
    pub const NULL: JsValue = JsValue(Repr::Inline(Value::NULL));

    /// A number.
    pub fn number(n: f64) -> JsValue {
        JsValue(Repr::Inline(Value::number(n)))
    }

    /// A boolean.
    pub fn boolean(b: bool) -> JsValue {
        JsValue(Repr::Inline(Value::from_bool(b)))
    }

    /// The value, unchecked (for code of this crate that knows the runtime).
    pub(crate) fn peek(&self) -> Value {
        match &self.0 {
            Repr::Inline(v) => *v,
            Repr::Rooted(p, _) => p.get(),
        }
    }

    /// `typeof`-like classification.
    pub fn kind(&self) -> ValueKind {
        let v = self.peek();
        match v.type_of() {
            ValueType::Undefined | ValueType::Hole => ValueKind::Undefined,
            ValueType::Null => ValueKind::Null,
            ValueType::Boolean => ValueKind::Boolean,
            ValueType::Number => ValueKind::Number,
            ValueType::String => ValueKind::String,
            ValueType::Symbol => ValueKind::Symbol,
            ValueType::BigInt => ValueKind::BigInt,
            ValueType::Object => {
                if v.as_object().is_some_and(|o| o.is_callable()) {
                    ValueKind::Function
                } else {
                    ValueKind::Object
                }
            }
        }
    }

    /// `undefined`.
    pub fn is_undefined(&self) -> bool {
        self.kind() == ValueKind::Undefined
    }
    /// `null`.
    pub fn is_null(&self) -> bool {
        self.kind() == ValueKind::Null
    }
    /// `undefined` or `null`.
    pub fn is_nullish(&self) -> bool {
        matches!(self.kind(), ValueKind::Undefined | ValueKind::Null)
    }
    /// An object (functions included).
    pub fn is_object(&self) -> bool {
        matches!(self.kind(), ValueKind::Object | ValueKind::Function)
    }
    /// A callable object.
    pub fn is_function(&self) -> bool {
        self.kind() == ValueKind::Function
    }
    /// A string.
    pub fn is_string(&self) -> bool {
        self.kind() == ValueKind::String
    }
    /// A number.
    pub fn is_number(&self) -> bool {
        self.kind() == ValueKind::Number
    }
    /// An Array.
    pub fn is_array(&self) -> bool {
        self.peek().as_object().is_some_and(|o| o.is_array())
    }
    /// A Promise object.
    pub fn is_promise(&self) -> bool {
        crate::builtins::promise::is_promise(self.peek())
    }

    /// The number, if this is one (no conversion).
    pub fn as_number(&self) -> Option<f64> {
        self.peek().as_number()
    }

    /// The boolean, if this is one (no conversion).
    pub fn as_bool(&self) -> Option<bool> {
        self.peek().as_bool()
    }

    /// The string as Rust text, if this is a string (no conversion; lone
    /// surrogates become U+FFFD).
    pub fn as_string(&self) -> Option<String> {
        self.peek().as_string().map(|s| s.to_rust_string())
    }

    /// Converts to a Rust value ([`FromJs`]).
    pub fn to<T: FromJs>(&self, ctx: &mut Context) -> Result<T> {
        T::from_js(ctx, self)
    }

    /// `this[key]` converted to `T` (7.3.2 Get: getters and proxies run).
    pub fn get<T: FromJs>(&self, ctx: &mut Context, key: impl IntoKey) -> Result<T> {
        let v = ctx.get_property(self, key)?;
        T::from_js(ctx, &v)
    }

    /// `this[key] = value` (7.3.4 Set with Throw = true).
    pub fn set(&self, ctx: &mut Context, key: impl IntoKey, value: impl IntoJs) -> Result<()> {
        let value = value.into_js(ctx)?;
        ctx.set_property(self, key, &value)
    }

    /// Whether `key in this`.
    pub fn has(&self, ctx: &mut Context, key: impl IntoKey) -> Result<bool> {
        ctx.has_property(self, key)
    }

    /// `delete this[key]`.
    pub fn delete(&self, ctx: &mut Context, key: impl IntoKey) -> Result<bool> {
        ctx.delete_property(self, key)
    }

    /// The object's own enumerable string keys, in property order
    /// (`Object.keys`).
    pub fn keys(&self, ctx: &mut Context) -> Result<Vec<String>> {
        ctx.own_keys(self)
    }

    /// Calls this function with `this` undefined: `args` is a tuple of Rust
    /// values (`()`, `(1,)`, `(1, "a")`, ...) or a `Vec<JsValue>`.
    pub fn call<R: FromJs>(&self, ctx: &mut Context, args: impl IntoArgs) -> Result<R> {
        self.call_with_this(ctx, &JsValue::UNDEFINED, args)
    }

    /// Calls this function with a `this` value.
    pub fn call_with_this<R: FromJs>(
        &self,
        ctx: &mut Context,
        this: &JsValue,
        args: impl IntoArgs,
    ) -> Result<R> {
        let args = args.into_args(ctx)?;
        let v = ctx.call_raw(self, this, &args)?;
        R::from_js(ctx, &v)
    }

    /// Calls the method `name` of this object (7.3.21 Invoke).
    pub fn call_method<R: FromJs>(
        &self,
        ctx: &mut Context,
        name: &str,
        args: impl IntoArgs,
    ) -> Result<R> {
        let f: JsValue = self.get(ctx, name)?;
        f.call_with_this(ctx, self, args)
    }

    /// `new this(...args)`.
    pub fn construct<R: FromJs>(&self, ctx: &mut Context, args: impl IntoArgs) -> Result<R> {
        let args = args.into_args(ctx)?;
        let v = ctx.construct_raw(self, &args)?;
        R::from_js(ctx, &v)
    }

    /// Whether both handles hold the same value (SameValue: the same object,
    /// equal strings, NaN equal to NaN).
    pub fn same_value(&self, other: &JsValue) -> bool {
        crate::equality::same_value(self.peek(), other.peek())
    }
}

/// What kind of value a [`JsValue`] holds (`typeof`, with `null` and
/// functions apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// `undefined`
    Undefined,
    /// `null`
    Null,
    /// a boolean
    Boolean,
    /// a number
    Number,
    /// a string
    String,
    /// a symbol
    Symbol,
    /// a BigInt
    BigInt,
    /// an object that is not callable
    Object,
    /// a callable object
    Function,
}

impl ValueKind {
    /// The name used in conversion errors (`typeof`'s, with `null`).
    pub fn name(self) -> &'static str {
        match self {
            ValueKind::Undefined => "undefined",
            ValueKind::Null => "null",
            ValueKind::Boolean => "boolean",
            ValueKind::Number => "number",
            ValueKind::String => "string",
            ValueKind::Symbol => "symbol",
            ValueKind::BigInt => "bigint",
            ValueKind::Object => "object",
            ValueKind::Function => "function",
        }
    }
}

impl fmt::Debug for JsValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.peek();
        match self.kind() {
            ValueKind::Undefined => write!(f, "undefined"),
            ValueKind::Null => write!(f, "null"),
            ValueKind::Boolean => write!(f, "{}", v.as_bool().unwrap_or(false)),
            ValueKind::Number => write!(f, "{}", v.as_number().unwrap_or(f64::NAN)),
            ValueKind::String => write!(f, "{:?}", self.as_string().unwrap_or_default()),
            k => write!(f, "[{}]", k.name()),
        }
    }
}

/// A property key: a string (`&str`, `String`), an index (`u32`, `usize`,
/// `i32`) or a symbol (`JsValue`).
pub trait IntoKey {
    /// The key as a JavaScript value (converted with ToPropertyKey).
    fn into_key(self, ctx: &mut Context) -> Result<JsValue>;
    /// The key as Rust text, when it is one (a faster path: the key is
    /// made an atom directly).
    fn as_text(&self) -> Option<&str> {
        None
    }
}

impl IntoKey for &str {
    fn into_key(self, ctx: &mut Context) -> Result<JsValue> {
        self.into_js(ctx)
    }
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}
impl IntoKey for String {
    fn into_key(self, ctx: &mut Context) -> Result<JsValue> {
        self.into_js(ctx)
    }
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}
impl IntoKey for &String {
    fn into_key(self, ctx: &mut Context) -> Result<JsValue> {
        self.as_str().into_js(ctx)
    }
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}
impl IntoKey for u32 {
    fn into_key(self, _: &mut Context) -> Result<JsValue> {
        Ok(JsValue::number(self as f64))
    }
}
impl IntoKey for usize {
    fn into_key(self, _: &mut Context) -> Result<JsValue> {
        Ok(JsValue::number(self as f64))
    }
}
impl IntoKey for i32 {
    fn into_key(self, _: &mut Context) -> Result<JsValue> {
        Ok(JsValue::number(self as f64))
    }
}
impl IntoKey for &JsValue {
    fn into_key(self, _: &mut Context) -> Result<JsValue> {
        Ok(self.clone())
    }
}
impl IntoKey for JsValue {
    fn into_key(self, _: &mut Context) -> Result<JsValue> {
        Ok(self)
    }
}

/// Arguments of a call from Rust: a tuple of [`IntoJs`] values (up to 8),
/// `()`, a `Vec<JsValue>` or a slice of handles.
pub trait IntoArgs {
    /// The arguments as handles.
    fn into_args(self, ctx: &mut Context) -> Result<Vec<JsValue>>;
}

impl IntoArgs for Vec<JsValue> {
    fn into_args(self, _: &mut Context) -> Result<Vec<JsValue>> {
        Ok(self)
    }
}

impl IntoArgs for &[JsValue] {
    fn into_args(self, _: &mut Context) -> Result<Vec<JsValue>> {
        Ok(self.to_vec())
    }
}

macro_rules! into_args_tuple {
    ($($t:ident)*) => {
        impl<$($t: IntoJs),*> IntoArgs for ($($t,)*) {
            #[allow(non_snake_case, unused_variables)]
            fn into_args(self, ctx: &mut Context) -> Result<Vec<JsValue>> {
                let ($($t,)*) = self;
                Ok(vec![$($t.into_js(ctx)?),*])
            }
        }
    };
}
into_args_tuple!();
into_args_tuple!(A);
into_args_tuple!(A B);
into_args_tuple!(A B C);
into_args_tuple!(A B C D);
into_args_tuple!(A B C D E);
into_args_tuple!(A B C D E F);
into_args_tuple!(A B C D E F G);
into_args_tuple!(A B C D E F G H);

/// Makes the error for a value of the wrong kind.
pub(crate) fn wrong_kind(v: &JsValue, to: &'static str) -> Error {
    Error::conversion(v.kind().name(), to, "")
}
