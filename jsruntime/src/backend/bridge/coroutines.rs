//! Runtime functions of coroutine bodies: the rounds of `yield*`.

use crate::backend::Executor;
use crate::builtins::generator::yield_star_step;

use super::{complete, value};

/// One round of the `yield*` loop of a sync generator (15.5.5): forwards
/// what the generator received (`mode`: a `MODE_*` of
/// [`crate::backend::coroutine`], and the value) to the inner iterator of
/// `record`. Returns 1 (an exception, in `*ret`) or a step of
/// `builtins::generator::delegate`: 0 to yield the inner result `*ret` as
/// it is, 2 when the inner iterator is done (`*ret` is the value of the
/// expression), 3 to return `*ret` from the generator.
///
/// # Safety
/// Compiled code passes valid values and a writable `ret`.
pub unsafe extern "C" fn runtime_yield_star_step(
    ctx: *mut Executor,
    record: u64,
    mode: u32,
    received: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, record, received) = unsafe { (&mut *ctx, value(record), value(received)) };
    match yield_star_step(&mut exec.runtime, record, mode, received) {
        Ok((step, v)) => {
            // SAFETY: `ret` is writable.
            unsafe { *ret = v.to_bits() };
            step
        }
        // SAFETY: `ret` is writable.
        Err(e) => unsafe { complete(ret, Err(e)) },
    }
}
