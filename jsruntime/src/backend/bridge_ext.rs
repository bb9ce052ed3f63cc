//! Runtime functions for the compile commands the analyzer added to the
//! backend (kept apart from [`super::bridge`], which another part of the
//! engine owns). Same conventions: a `Status` result and a `ret` out
//! parameter for the value or the thrown value.

use crate::completion::{JsResult, Thrown};
use crate::object::PropertyKey;
use crate::value::Value;

use super::{Executor, Status};

/// `Arguments(start)`: a new array of `argv[start..argc]` (a rest parameter,
/// ECMA-262 10.2.11 step 23; or the `arguments` object with `start` 0).
///
/// # Safety
/// `argv` must hold `argc` values when `argc > 0`; `ret` must be writable.
pub unsafe extern "C" fn runtime_create_arguments(
    ctx: *mut Executor,
    argc: u32,
    argv: *const u64,
    start: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the executor is live for the call (calling convention).
    let exec = unsafe { &mut *ctx };
    let args: &[u64] = if argc == 0 || argv.is_null() {
        &[]
    } else {
        // SAFETY: guaranteed by the caller.
        unsafe { std::slice::from_raw_parts(argv, argc as usize) }
    };
    let result = create_arguments(exec, args.get(start as usize..).unwrap_or(&[]));
    let (v, status) = match result {
        Ok(v) => (v, Status::Normal),
        Err(Thrown(e)) => (e, Status::Exception),
    };
    // SAFETY: `ret` is writable.
    unsafe { *ret = v.to_bits() };
    status as u32
}

fn create_arguments(exec: &mut Executor, args: &[u64]) -> JsResult<Value> {
    let rt = &mut exec.runtime;
    // The array is on the native stack, found by the conservative scan.
    let array = rt.new_array(0)?;
    for (i, &bits) in args.iter().enumerate() {
        // SAFETY: compiled code only passes valid values.
        let v = unsafe { Value::from_bits(bits) };
        rt.create_data_property_or_throw(array, PropertyKey::Index(i as u32), v)?;
    }
    Ok(Value::object(array))
}
