//! The runtime functions compiled code calls, registered as JIT symbols.
//!
//! A *runtime function* is an `unsafe extern "C" fn` that compiled code
//! calls for everything it does not inline: the slow paths of operators and
//! property access, calls, globals, closures, literals. Each one is declared
//! once, with its typed parameters, in the table of [`super::jit::RuntimeFn`]
//! (which derives the Cranelift signature from the Rust types and checks the
//! function's Rust signature at compile time); the compiler calls it with
//! `call_runtime` / `call_runtime_checked`.
//!
//! Calling convention (see [`super`]): every function takes the executor
//! (`ctx: *mut Executor`) first and values as NaN-boxed `u64` bits. Those
//! that may throw return a [`Status`] as `u32` and write their result, or the
//! thrown value, to a `ret: *mut u64` out parameter (see [`complete`]); the
//! others return their result directly. A Rust panic must never cross these
//! functions (it would abort): they return a JavaScript exception instead.
//!
//! The functions are grouped by topic: [`operators`], [`properties`],
//! [`elements`] (typed arrays), [`calls`], [`environments`] (globals), [`closures`], [`arguments`],
//! [`objects`] (literals), [`helpers`] (the `Helper(h)` dispatch),
//! `classes` (the class helpers of that dispatch) and [`coroutines`]
//! (`yield*`).

pub(super) mod arguments;
pub(super) mod calls;
pub(super) mod classes;
pub(super) mod closures;
pub(super) mod coroutines;
pub(super) mod elements;
pub(super) mod environments;
pub(super) mod helpers;
pub(super) mod limits;
mod modules;
pub(super) mod objects;
pub(super) mod operators;
pub(super) mod private;
pub(super) mod properties;
pub mod switch;

pub(crate) use calls::{call_hook, construct_hook, PendingNewTarget};
pub use calls::{runtime_call, runtime_lazy_compile};
pub use closures::closure_of;
pub(crate) use closures::create_function;
pub(crate) use environments::declare_global;
pub use environments::set_global_mode;
#[cfg(test)]
pub(crate) use operators::{BINARY_OPERATORS, UNARY_OPERATORS};

use crate::completion::{JsResult, Thrown};
use crate::value::Value;

use super::Status;

/// Writes a completion to `ret` and returns its status.
///
/// # Safety
/// `ret` must be valid for a write.
pub(super) unsafe fn complete(ret: *mut u64, result: JsResult<Value>) -> u32 {
    let (value, status) = match result {
        Ok(v) => (v, Status::Normal),
        Err(Thrown(e)) => (e, Status::Exception),
    };
    // SAFETY: guaranteed by the caller.
    unsafe { *ret = value.to_bits() };
    status as u32
}

/// # Safety
/// `bits` must come from compiled code, which only handles valid values.
unsafe fn value(bits: u64) -> Value {
    // SAFETY: guaranteed by the caller.
    unsafe { Value::from_bits(bits) }
}

/// The argument slice of a call from compiled code.
///
/// # Safety
/// `argv` must hold `argc` values when `argc > 0`.
unsafe fn arguments<'a>(argc: u32, argv: *const u64) -> &'a [Value] {
    if argc == 0 || argv.is_null() {
        &[]
    } else {
        // SAFETY: guaranteed by the caller; Value is repr(transparent) over u64.
        unsafe { std::slice::from_raw_parts(argv as *const Value, argc as usize) }
    }
}
