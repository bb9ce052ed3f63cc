//! The slow path of the interrupt poll (`runtime::limits`), and the stack
//! check of functions with big frames.

use super::complete;
use crate::backend::{Closure, Executor};

/// Frames larger than this are checked whole before the call: compiled
/// call sites only check the stack pointer against the limit, which leaves
/// [`crate::runtime::STACK_RESERVE`] bytes for the callee's frame and the
/// Rust code it calls (a call with 65,000 arguments has a 520 KB frame).
pub const BIG_FRAME: usize = 32 * 1024;

/// The lambda of a function with a big frame: throws the stack-overflow
/// RangeError unless the whole frame fits above the stack limit, then
/// calls the compiled code.
///
/// # Safety
/// Called with the lambda arguments (a live closure of a template whose
/// `big_frame` is set).
pub unsafe extern "C" fn runtime_big_frame_call(
    ctx: *mut Executor,
    closure: *mut Closure,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the caller passes the running executor and a live closure
    // whose template outlives it.
    let (exec, template) = unsafe { (&mut *ctx, &*(*closure).template) };
    let Some((lambda, frame)) = template.big_frame.get() else {
        let thrown = exec.runtime.type_error("internal: no compiled code");
        // SAFETY: `ret` is valid (lambda convention).
        return unsafe { complete(ret, Err(thrown)) };
    };
    let sp = crate::gc::stack::current_sp();
    if sp.saturating_sub(frame + 4096) < exec.runtime.stack_limit {
        let thrown = exec.runtime.stack_overflow();
        // SAFETY: as above.
        return unsafe { complete(ret, Err(thrown)) };
    }
    // SAFETY: the compiled code has the lambda signature; the arguments are
    // the caller's.
    unsafe { lambda(ctx, closure, this, argc, argv, ret) }
}

/// Compiled code found the interrupt flag set: writes the termination
/// exception to `ret` (the code then leaves the function with it; if the
/// flag was cleared meanwhile, the script still ends).
///
/// # Safety
/// `ctx` is the running executor; `ret` points to the scratch slot.
pub unsafe extern "C" fn runtime_interrupt(ctx: *mut Executor, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let thrown = exec.runtime.termination();
    // SAFETY: `ret` is the scratch slot.
    unsafe { complete(ret, Err(thrown)) }
}
