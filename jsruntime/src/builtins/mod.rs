//! The built-in objects of the realm (ECMA-262 19–28), one module per
//! intrinsic object.
//!
//! Each module holds its objects' tables ([`BuiltinObject`]: the constructor,
//! its prototype, ... with every own property in spec order) and the Rust
//! functions behind them, `fn(&mut Runtime, this, args) -> JsResult<Value>`.
//! [`REALM`] lists every table; [`install`] builds them all with the one
//! generic installer ([`Runtime::install_realm`]), from `Runtime::new`.
//!
//! Modules: [`global`] (the global object, 19: `eval`, `isNaN`, the
//! constructor bindings, `print`, `console`, `$262`), [`object`],
//! [`function`] (with the `Function` constructor's dynamic functions),
//! [`boolean`], [`date`], [`symbol`], [`error`] (`Error`, the NativeErrors,
//! `AggregateError`), [`proxy`] (the Proxy constructor; proxies are in
//! `object/proxy/`), [`number`], [`bigint`], [`math`], [`string`],
//! [`regexp`], [`array`], [`iterator`] (%IteratorPrototype%, the array,
//! string and RegExp string iterators, and the iteration records behind
//! `for-of`, `for-in`, spread and array patterns), [`promise`], [`json`]
//! (`JSON.parse` and `JSON.stringify`), [`reflect`] (the `Reflect`
//! namespace object, nested in the global object's table), the keyed
//! collections [`map`] (with the ordered hash table), [`set`],
//! [`weak_map`], [`weak_set`], and [`weak_ref`], [`finalization_registry`];
//! binary data: [`array_buffer`] (ArrayBuffer and SharedArrayBuffer, with
//! the byte storage), [`typed_array`] (%TypedArray%, the twelve
//! constructors and the TypedArray exotic objects) and [`data_view`].

pub mod array;
pub(crate) mod array_buffer;
pub(crate) mod async_function;
pub(crate) mod async_generator;
pub(crate) mod atomics;
pub mod bigint;
pub(crate) mod boolean;
pub(crate) mod data_view;
pub(crate) mod date;
pub mod error;
pub(crate) mod finalization_registry;
pub mod function;
pub(crate) mod generator;
pub mod global;
pub mod iterator;
pub(crate) mod json;
pub(crate) mod map;
pub mod math;
pub(crate) mod number;
pub mod object;
pub(crate) mod promise;
pub(crate) mod proxy;
pub(crate) mod reflect;
pub mod regexp;
pub(crate) mod set;
pub mod string;
pub mod symbol;
pub(crate) mod typed_array;
pub(crate) mod weak_map;
pub(crate) mod weak_ref;
pub(crate) mod weak_set;

#[cfg(test)]
mod tests;

pub use array_buffer::{new_shared_array_buffer, shared_memory_of, SharedMemory};

use crate::runtime::builtins::BuiltinObject;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// Every intrinsic object of the realm, in creation order: an object's
/// [[Prototype]] comes before it (checked by a test).
pub(crate) static REALM: &[&BuiltinObject] = &[
    &object::OBJECT_PROTOTYPE,
    &function::FUNCTION_PROTOTYPE,
    &object::OBJECT,
    &function::FUNCTION,
    &boolean::BOOLEAN_PROTOTYPE,
    &boolean::BOOLEAN,
    &symbol::SYMBOL_PROTOTYPE,
    &symbol::SYMBOL,
    &error::ERROR_PROTOTYPE,
    &error::ERROR,
    &error::EVAL_ERROR_PROTOTYPE,
    &error::EVAL_ERROR,
    &error::RANGE_ERROR_PROTOTYPE,
    &error::RANGE_ERROR,
    &error::REFERENCE_ERROR_PROTOTYPE,
    &error::REFERENCE_ERROR,
    &error::SYNTAX_ERROR_PROTOTYPE,
    &error::SYNTAX_ERROR,
    &error::TYPE_ERROR_PROTOTYPE,
    &error::TYPE_ERROR,
    &error::URI_ERROR_PROTOTYPE,
    &error::URI_ERROR,
    &error::AGGREGATE_ERROR_PROTOTYPE,
    &error::AGGREGATE_ERROR,
    &number::NUMBER_PROTOTYPE,
    &number::NUMBER,
    &bigint::BIGINT_PROTOTYPE,
    &bigint::BIGINT,
    &string::STRING_PROTOTYPE,
    &string::STRING,
    &regexp::REGEXP_PROTOTYPE,
    &regexp::REGEXP,
    &array::ARRAY_PROTOTYPE,
    &array::ARRAY,
    &iterator::ITERATOR_PROTOTYPE,
    &iterator::ITERATOR,
    &iterator::WRAP_FOR_VALID_ITERATOR_PROTOTYPE,
    &iterator::ITERATOR_HELPER_PROTOTYPE,
    &iterator::ARRAY_ITERATOR_PROTOTYPE,
    &iterator::STRING_ITERATOR_PROTOTYPE,
    &iterator::REGEXP_STRING_ITERATOR_PROTOTYPE,
    &generator::GENERATOR_FUNCTION_PROTOTYPE,
    &generator::GENERATOR_PROTOTYPE,
    &generator::GENERATOR_FUNCTION,
    &async_function::ASYNC_FUNCTION_PROTOTYPE,
    &async_function::ASYNC_FUNCTION,
    &async_generator::ASYNC_ITERATOR_PROTOTYPE,
    &iterator::async_from_sync::ASYNC_FROM_SYNC_ITERATOR_PROTOTYPE,
    &async_generator::ASYNC_GENERATOR_FUNCTION_PROTOTYPE,
    &async_generator::ASYNC_GENERATOR_PROTOTYPE,
    &async_generator::ASYNC_GENERATOR_FUNCTION,
    &promise::PROMISE_PROTOTYPE,
    &promise::PROMISE,
    &map::MAP_PROTOTYPE,
    &map::MAP,
    &map::iterator::MAP_ITERATOR_PROTOTYPE,
    &set::SET_PROTOTYPE,
    &set::SET,
    &set::iterator::SET_ITERATOR_PROTOTYPE,
    &weak_map::WEAK_MAP_PROTOTYPE,
    &weak_map::WEAK_MAP,
    &weak_set::WEAK_SET_PROTOTYPE,
    &weak_set::WEAK_SET,
    &weak_ref::WEAK_REF_PROTOTYPE,
    &weak_ref::WEAK_REF,
    &finalization_registry::FINALIZATION_REGISTRY_PROTOTYPE,
    &finalization_registry::FINALIZATION_REGISTRY,
    &date::DATE_PROTOTYPE,
    &date::DATE,
    &proxy::PROXY,
    &array_buffer::ARRAY_BUFFER_PROTOTYPE,
    &array_buffer::ARRAY_BUFFER,
    &array_buffer::SHARED_ARRAY_BUFFER_PROTOTYPE,
    &array_buffer::SHARED_ARRAY_BUFFER,
    &data_view::DATA_VIEW_PROTOTYPE,
    &data_view::DATA_VIEW,
    &typed_array::TYPED_ARRAY_PROTOTYPE,
    &typed_array::TYPED_ARRAY,
    &typed_array::constructor::INT8_ARRAY_PROTOTYPE,
    &typed_array::constructor::INT8_ARRAY,
    &typed_array::constructor::UINT8_ARRAY_PROTOTYPE,
    &typed_array::constructor::UINT8_ARRAY,
    &typed_array::constructor::UINT8_CLAMPED_ARRAY_PROTOTYPE,
    &typed_array::constructor::UINT8_CLAMPED_ARRAY,
    &typed_array::constructor::INT16_ARRAY_PROTOTYPE,
    &typed_array::constructor::INT16_ARRAY,
    &typed_array::constructor::UINT16_ARRAY_PROTOTYPE,
    &typed_array::constructor::UINT16_ARRAY,
    &typed_array::constructor::INT32_ARRAY_PROTOTYPE,
    &typed_array::constructor::INT32_ARRAY,
    &typed_array::constructor::UINT32_ARRAY_PROTOTYPE,
    &typed_array::constructor::UINT32_ARRAY,
    &typed_array::constructor::FLOAT16_ARRAY_PROTOTYPE,
    &typed_array::constructor::FLOAT16_ARRAY,
    &typed_array::constructor::FLOAT32_ARRAY_PROTOTYPE,
    &typed_array::constructor::FLOAT32_ARRAY,
    &typed_array::constructor::FLOAT64_ARRAY_PROTOTYPE,
    &typed_array::constructor::FLOAT64_ARRAY,
    &typed_array::constructor::BIGINT64_ARRAY_PROTOTYPE,
    &typed_array::constructor::BIGINT64_ARRAY,
    &typed_array::constructor::BIGUINT64_ARRAY_PROTOTYPE,
    &typed_array::constructor::BIGUINT64_ARRAY,
    &global::GLOBAL,
];

/// Builds every built-in object of the runtime's realm.
pub(crate) fn install(rt: &mut Runtime) -> JsResult<()> {
    rt.install_realm(REALM)
}

/// The i-th argument, undefined when missing.
#[inline]
pub(crate) fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}
