//! The slow path of the interrupt poll (`runtime::limits`).

use super::complete;
use crate::backend::Executor;

/// Compiled code found the interrupt flag set: throws the termination
/// exception (when the flag was cleared meanwhile, returns normally).
///
/// # Safety
/// `ctx` is the running executor; `ret` points to the scratch slot.
pub unsafe extern "C" fn runtime_interrupt(ctx: *mut Executor, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = exec
        .runtime
        .poll_interrupt()
        .map(|()| crate::value::Value::UNDEFINED);
    // SAFETY: `ret` is the scratch slot.
    unsafe { complete(ret, result) }
}
