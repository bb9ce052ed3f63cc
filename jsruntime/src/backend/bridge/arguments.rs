//! A function's arguments: rest parameter arrays and `arguments` objects
//! (10.4.4 Arguments Exotic Objects).

use crate::backend::{Capture, Closure, Executor, Status};
use crate::completion::{JsResult, Thrown};
use crate::object::arguments::create_arguments_object;
use crate::object::PropertyKey;
use crate::value::Value;

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

/// `ArgumentsObject(mapping)` (ECMA-262 10.4.4.6 / 10.4.4.7): the
/// `arguments` object of the running call of `closure`. `mapped` is 0 for an
/// unmapped object; otherwise `cells` holds `count` capture cell pointers
/// (null for a parameter that is not mapped), one per formal parameter.
///
/// # Safety
/// `closure` must be the running closure; `argv` must hold `argc` values and
/// `cells` `count` cell pointers of the caller's frame; `ret` writable.
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn runtime_create_arguments_object(
    ctx: *mut Executor,
    closure: *const Closure,
    argc: u32,
    argv: *const u64,
    cells: *const u64,
    count: u32,
    mapped: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the executor and the closure are live for the call.
    let (exec, callee) = unsafe { (&mut *ctx, (*closure).function) };
    // GC: a copy of argv, which the caller keeps rooted for the call (a JIT frame, or a RootedList passed to Runtime::call)
    let args: Vec<Value> = if argc == 0 || argv.is_null() {
        Vec::new()
    } else {
        // SAFETY: `argv` holds `argc` values (the function's contract).
        unsafe { std::slice::from_raw_parts(argv, argc as usize) }
            .iter()
            // SAFETY: compiled code passes valid values.
            .map(|&b| unsafe { Value::from_bits(b) })
            .collect()
    };
    let cells: &[*mut Capture] = if count == 0 || cells.is_null() {
        &[]
    } else {
        // SAFETY: guaranteed by the caller.
        unsafe { std::slice::from_raw_parts(cells as *const *mut Capture, count as usize) }
    };
    let map = (mapped != 0).then_some(cells);
    let result = create_arguments_object(&mut exec.runtime, &args, callee, map).map(Value::object);
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
