//! The built-in objects of the realm (ECMA-262 19–28), one module per group.
//!
//! Every group describes its functions as static [`BuiltinFunction`] tables
//! (`name`, `length`, Rust function) and installs them with the runtime's
//! table-driven API ([`Runtime::install_functions`],
//! [`Runtime::install_constructor`]); adding a built-in is one table line and
//! one Rust function `fn(&mut Runtime, this, args) -> JsResult<Value>`.
//!
//! [`install`] runs once from `Runtime::new`, after the fundamental objects
//! exist (`runtime::intrinsics`), with collection inhibited.
//!
//! Groups: [`global`] (`print`, `console`, `$262`), [`object`] (`Object`,
//! `Object.prototype`), [`function`] (`Function.prototype`, bound
//! functions), [`error`] (the Error constructors), [`array`] (`Array`,
//! `Array.prototype.push/join/toString`), [`primitive`] (`String`, `Number`,
//! `Boolean` and their prototypes' `toString`/`valueOf`), [`symbol`]
//! (`Symbol`), [`regexp`] and [`regexp_symbols`] (`RegExp`), [`string_from`]
//! (`String.fromCharCode/fromCodePoint`), [`string_regexp`] (the String
//! methods that take a RegExp), [`math`] (`Math`, `isNaN`, `isFinite`),
//! [`iterator`] (the iterator protocol, array and string iterators, the
//! records behind `for-of`, `for-in` and spread).

pub mod array;
pub mod bigint;
pub mod error;
pub mod eval;
pub mod function;
pub mod global;
pub mod iterator;
pub mod math;
pub mod object;
pub mod primitive;
pub mod regexp;
pub mod regexp_symbols;
pub mod string_from;
pub mod string_regexp;
pub mod symbol;

#[cfg(test)]
mod tests;

use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// Installs every built-in group on the runtime's realm.
pub fn install(rt: &mut Runtime) -> JsResult<()> {
    object::install(rt)?;
    function::install(rt)?;
    error::install(rt)?;
    array::install(rt)?;
    primitive::install(rt)?;
    symbol::install(rt)?;
    bigint::install(rt)?;
    regexp::install(rt)?;
    string_from::install(rt)?;
    string_regexp::install(rt)?;
    iterator::install(rt)?;
    math::install(rt)?;
    global::install(rt)?;
    eval::install(rt)?;
    Ok(())
}

/// The i-th argument, undefined when missing.
#[inline]
pub(crate) fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

/// A table entry (shorthand for the tables of this module's groups).
pub(crate) const fn f(
    name: &'static str,
    length: u32,
    call: crate::object::NativeFn,
) -> BuiltinFunction {
    BuiltinFunction::new(name, length, call)
}
