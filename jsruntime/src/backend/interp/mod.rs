//! The interpreter: the first tier of a function, below the quick tier
//! (issue 16, docs/internals.md "The interpreter").
//!
//! Most functions of real programs run a few times (terser's bundle: of
//! 1,041 functions compiled quick, about 300 ran once and half fewer than
//! 100 times), and Cranelift costs about 0.9 us per IR instruction even at
//! `opt_level=none`: compiling them was a third of terser's main thread.
//! So a function whose commands the interpreter handles starts here: the
//! compile script is translated once ([`translate`], tens of nanoseconds
//! per command) into [`Op`]s over *frame slots*, and [`run`] executes them,
//! each op one call of the runtime function compiled code would call
//! (`runtime_get_property` with the site's inline cache, `runtime_call`,
//! ...). After [`INTERPRETED_CALLS`] calls its full tier is compiled on
//! the compile thread (the interpreter goes on until it is installed), and
//! a long loop moves into it by on-stack replacement; the ops record the
//! type feedback that tier reads.
//!
//! * **Entry.** An interpreted template's lambda is [`runtime_interpret`]
//!   (the lambda signature), so callers see no difference: compiled code,
//!   `runtime_call` and built-ins call it like compiled code.
//! * **Frames.** The frame is an array on the native stack (one of a few
//!   fixed sizes), so the collector's conservative stack scan finds every
//!   value in it, as it finds compiled frames' spill slots. Its slots are
//!   the parameters, the locals (a captured binding has two words, its value
//!   and its capture cell, as compiled frames have: `runtime_capture_cell`
//!   and `runtime_escape_cell` work on them unchanged) and the operand
//!   stack, whose depth the translator knows at every command, so every op
//!   names its slots directly.
//! * **Exceptions** are status returns, as in compiled code; the
//!   interpreter notes the site for the exception trace
//!   (`runtime_note_exception_site`), then goes to the innermost handler of
//!   the op ([`Handler`]: a `catch` or `finally` block) or leaves the
//!   function after escaping its capture cells.
//! * **What it does not handle** (the translator returns
//!   `CompileError::Unsupported`, and the function compiles as before):
//!   coroutines, direct eval and `with`, `super`, private names, and
//!   frames above [`MAX_FRAME`] slots.

pub(crate) mod run;
#[cfg(test)]
mod tests;
mod translate;

pub(crate) use translate::translate;

use super::bridge::calls::runtime_lazy_compile;
use super::{Closure, Executor, FunctionTemplate};
use crate::runtime::inline_cache::PropertyCache;
use crate::semantics::{BinaryOperator, UnaryOperator};

/// Calls of an interpreted function before it compiles (quick tier).
pub const INTERPRETED_CALLS: i32 = 64;

/// [`INTERPRETED_CALLS`], or `JSRUNTIME_INTERP_CALLS` (experiments).
pub fn interpreted_calls() -> i32 {
    static CALLS: std::sync::OnceLock<i32> = std::sync::OnceLock::new();
    *CALLS.get_or_init(|| {
        std::env::var("JSRUNTIME_INTERP_CALLS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(INTERPRETED_CALLS)
    })
}

/// Tier-up checks (`TIER_UP_POLL` or `TIER_UP_BACKLOG_RETRY` calls apart)
/// an interpreted function waits for its full tier before it compiles
/// quick meanwhile (`JSRUNTIME_INTERP_WAITS`). In effect never: at 4,
/// terser ran 36% longer (the quick compilations the interpreter saves came
/// back) and Octane's fixed-work geometric mean was 1% lower
/// (docs/performance.md, session 20).
pub const MAX_INTERP_WAITS: u32 = 1000;

fn max_interp_waits() -> u32 {
    static WAITS: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *WAITS.get_or_init(|| {
        std::env::var("JSRUNTIME_INTERP_WAITS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(MAX_INTERP_WAITS)
    })
}

/// The most frame slots an interpreted function may have.
pub const MAX_FRAME: usize = 4096;

/// Whether new functions start in the interpreter (`JSRUNTIME_INTERPRETER=0`
/// turns it off, to compare).
pub fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("JSRUNTIME_INTERPRETER").map_or(true, |v| v != "0"))
}

/// A slot of the frame.
pub(crate) type Slot = u32;

/// No slot: `this` of a call without a this value is undefined.
pub(crate) const NO_SLOT: Slot = u32::MAX;

/// One step of an interpreted function. Slots are frame indices.
#[derive(Debug)]
pub(crate) enum Op {
    /// `dst = bits`.
    Const { dst: Slot, bits: u64 },
    /// `dst = src`.
    Move { dst: Slot, src: Slot },
    /// `dst = this` (coerced at entry in sloppy functions).
    This { dst: Slot },
    /// A ReferenceError for `name` if the slot holds the hole (the TDZ, or
    /// a missing global read as a snapshot).
    CheckHole { slot: Slot, name: u32 },
    /// The TypeError of an assignment to a constant binding.
    ThrowConst { name: u32 },
    /// `dst = *closure.captures[index].target`.
    GetCapture { dst: Slot, index: u32 },
    /// `*closure.captures[index].target = src`.
    SetCapture { index: u32, src: Slot },
    /// `dst = closure.captures[index]` (the cell pointer).
    OwnCapture { dst: Slot, index: u32 },
    /// `dst` = the capture cell of the two-word binding at `binding`.
    CaptureCell { dst: Slot, binding: Slot },
    /// The binding at `binding` escapes into its cell, if it has one.
    Escape { binding: Slot },
    /// A global read (`miss`: `compiler::variables::GlobalMiss` as a byte).
    GetGlobal {
        dst: Slot,
        name: u32,
        miss: u8,
        cache: *const PropertyCache,
    },
    /// A global write (`mode`: `bridge::set_global_mode`).
    SetGlobal {
        name: u32,
        src: Slot,
        mode: u8,
        cache: *const PropertyCache,
    },
    /// The value cell of a binding of the global declarative record.
    GetGlobalLexical { dst: Slot, address: *mut u64 },
    /// Stores into a binding of the global declarative record.
    SetGlobalLexical { src: Slot, address: *mut u64 },
    /// `delete` of a global binding.
    DeleteGlobal { dst: Slot, name: u32 },
    /// `dst = obj[key]`; `site`: the feedback byte of a computed key, or
    /// null.
    GetProperty {
        dst: Slot,
        object: Slot,
        key: Slot,
        cache: *const PropertyCache,
        site: *mut u8,
    },
    /// `obj[key] = src`.
    SetProperty {
        object: Slot,
        key: Slot,
        src: Slot,
        cache: *const PropertyCache,
        site: *mut u8,
    },
    /// `dst = delete obj[key]`.
    DeleteProperty { dst: Slot, object: Slot, key: Slot },
    /// Call: the callee, its this value ([`NO_SLOT`]: undefined) and
    /// `argc` arguments in consecutive slots from `args`.
    Call {
        dst: Slot,
        callee: Slot,
        this: Slot,
        argc: u32,
        args: Slot,
    },
    /// `new`.
    New {
        dst: Slot,
        callee: Slot,
        argc: u32,
        args: Slot,
    },
    /// A closure of `template` with `count` capture cells from `cells`.
    Closure {
        dst: Slot,
        template: *const FunctionTemplate,
        count: u32,
        cells: Slot,
    },
    /// A binary operator; `site`: its feedback byte (`backend::feedback`)
    /// or null.
    Binary {
        dst: Slot,
        op: BinaryOperator,
        a: Slot,
        b: Slot,
        site: *mut u8,
    },
    /// A unary operator on a value (`runtime_unary` codes; `x++` uses
    /// `PostfixIncrement` for ToNumeric and `Prefix*` for the new value).
    Unary {
        dst: Slot,
        op: UnaryOperator,
        src: Slot,
    },
    /// `dst = !ToBoolean(src)`.
    Not { dst: Slot, src: Slot },
    /// `dst = typeof src`, undefined for the hole (a missing global).
    TypeofOrHole { dst: Slot, src: Slot },
    /// `goto target`.
    Jump { target: u32 },
    /// `if ToBoolean(cond) == when goto target`.
    JumpIf { cond: Slot, when: bool, target: u32 },
    /// `if IsNullish(cond) == when goto target`.
    JumpIfNullish { cond: Slot, when: bool, target: u32 },
    /// A jump on the clause index in `src` (an int32 below
    /// `targets.len() - 1`, else the last target).
    Switch { src: Slot, targets: Box<[u32]> },
    /// The clause index of `src` in a `switch`'s constant selectors.
    CaseIndex {
        dst: Slot,
        src: Slot,
        table: Box<CaseIndex>,
    },
    /// Returns `src`.
    Return { src: Slot },
    /// Throws `src`.
    Throw { src: Slot },
    /// The end of a finally block: how it was entered is in `kind` (0:
    /// normally, go on; 1: by a throw of `value`; 2 + k: by the jump out
    /// `targets[k]` leads to).
    Completion {
        kind: Slot,
        value: Slot,
        targets: Box<[u32]>,
    },
    /// `dst = {}`.
    CreateObject { dst: Slot },
    /// CreateDataPropertyOrThrow(object, key, src).
    CreateDataProperty { object: Slot, key: Slot, src: Slot },
    /// `dst = []`.
    CreateArray { dst: Slot },
    /// Appends `src` to the array literal in `array`.
    PushElement { array: Slot, src: Slot },
    /// Appends a run of constants to the array literal in `array`.
    PushConstants {
        array: Slot,
        values: *const u64,
        count: u32,
    },
    /// A runtime helper on `argc` operands from `args`.
    Helper {
        dst: Slot,
        code: u32,
        argc: u32,
        args: Slot,
    },
    /// `dst` = the arguments from `start` on, as an array (a rest
    /// parameter).
    RestArguments { dst: Slot, start: u32 },
    /// `dst` = the arguments object (`count` mapped parameters whose cells
    /// are in the slots from `cells`).
    ArgumentsObject {
        dst: Slot,
        mapped: bool,
        count: u32,
        cells: Slot,
    },
    /// `dst` = NewTarget (the prologue of a function using `new.target`).
    NewTarget { dst: Slot },
    /// DefineField (a class field) on the object in `object`.
    DefineField {
        object: Slot,
        key: Slot,
        src: Slot,
        cache: *const PropertyCache,
    },
    /// ToPropertyKey of the key of a computed reference that is read and
    /// written (unless the object is nullish: GetValue throws first).
    PinKey { object: Slot, key: Slot },
    /// A loop header: the interrupt poll, and a back-edge counted towards
    /// on-stack replacement (`osr`: an index into [`Code::osr`], or
    /// [`NO_OSR`]).
    Poll { osr: u32 },
}

/// An exception handler: an exception raised by the ops from `start` to
/// `end` (excluded) is stored in `slot` and the code goes on at `landing`;
/// `catch`: a `catch` clause catches it (its trace is complete).
#[derive(Debug)]
pub(crate) struct Handler {
    pub start: u32,
    pub end: u32,
    pub landing: u32,
    pub slot: Slot,
    pub catch: bool,
}

/// A loop the interpreter cannot leave by on-stack replacement.
pub(crate) const NO_OSR: u32 = u32::MAX;

/// The save area of a loop header for on-stack replacement into the full
/// tier (`compiler/osr.rs`): the loop's number, then the bindings it
/// carries (a captured one with its cell).
#[derive(Debug)]
pub(crate) struct OsrLoop {
    pub number: u32,
    pub items: Vec<OsrItem>,
}

/// A word (or two) of a save area, in the order of `compiler/osr.rs`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OsrItem {
    /// The pending return value of a `return` through finally blocks.
    ReturnValue(Slot),
    /// How an open `try` statement's finally block was entered (an
    /// integer, not a value).
    TryKind(Slot),
    /// Its thrown value.
    TryValue(Slot),
    /// A binding; `true`: captured (its cell follows).
    Binding(Slot, bool),
}

/// The constant selectors of a `switch` (`Program::case_tables`).
#[derive(Debug)]
pub(crate) struct CaseIndex {
    /// Int32 selectors and their clauses (the first of a value wins).
    pub ints: std::collections::HashMap<i32, u32>,
    /// The host's lookup of the other selectors, or null.
    pub lookup: *const super::bridge::switch::CaseLookup,
    /// The clause when nothing matches.
    pub fallback: u32,
}

/// A translated function.
pub(crate) struct Code {
    pub ops: Vec<Op>,
    /// The source position of each op (`u32::MAX`: unknown).
    pub positions: Vec<u32>,
    /// Frame slots in all.
    pub frame_size: usize,
    pub num_params: usize,
    /// Slot of each parameter and local (a captured binding's slot is two
    /// words: its value, then its cell or 0).
    pub bindings: Vec<Slot>,
    /// The captured bindings' slots (escaped when the function returns).
    pub captured: Vec<Slot>,
    /// Sloppy-mode `this` needs OrdinaryCallBindThis's coercion.
    pub coerce_this: bool,
    pub strict: bool,
    /// The runtime's interrupt flag.
    pub interrupt_flag: Option<usize>,
    /// The exception handlers, innermost first.
    pub handlers: Vec<Handler>,
    /// The loops' save areas (see [`Op::Poll`]).
    pub osr: Vec<OsrLoop>,
    /// Where on-stack replacement writes its save area (past every other
    /// slot).
    pub osr_area: Slot,
    /// The literals, copied to the frame from `const_base` at entry.
    pub const_base: Slot,
    // GC: value bits of literals the host keeps alive for the program
    // (interned strings, BigInts, template objects), as compiled code
    // embeds them.
    pub constants: Vec<u64>,
}

/// An interpreted function's calls ran out: the lambda to call instead,
/// or `None` to go on interpreting. Like quick code, it asks for the full
/// tier (`Executor::tier_up`: built here, compiled on the compile thread)
/// and goes on until it is installed; the quick tier compiles it instead
/// when the full tier is not for it (tiering off, a huge function) or
/// failed.
fn leave(exec: &mut Executor, template: &FunctionTemplate) -> Option<super::Lambda> {
    let interpret: super::Lambda = runtime_interpret;
    let installed = |t: &FunctionTemplate| {
        let lambda = t.lambda.get();
        (lambda as usize != interpret as usize).then_some(lambda)
    };
    if let Some(lambda) = installed(template) {
        return Some(lambda);
    }
    let huge = exec
        .state
        .programs
        .get(template.program)
        .and_then(|p| p.function(template.function))
        .is_none_or(super::compiler::is_huge);
    if template.quick.get() && !huge && exec.state.tiering {
        exec.tier_up(template);
        if let Some(lambda) = installed(template) {
            return Some(lambda);
        }
        if template.quick.get() {
            // Waiting for the compile thread (or for its queue to shorten):
            // after a while, the quick tier runs meanwhile (and later polls
            // for the full tier itself).
            let waits = template.interp_waits.get() + 1;
            template.interp_waits.set(waits);
            if waits < max_interp_waits() {
                return None;
            }
        }
    }
    // The quick tier, through the lazy-compile stub.
    template.interp_done.set(true);
    Some(runtime_lazy_compile)
}

/// The lambda of an interpreted function (see the module docs): runs its
/// code, or after [`INTERPRETED_CALLS`] calls compiles it and calls the
/// compiled code.
///
/// # Safety
/// The lambda convention: `ctx` is the running executor, `closure` a live
/// closure whose template has interpreter code, `argv` holds `argc` values
/// and `ret` is writable.
pub unsafe extern "C" fn runtime_interpret(
    ctx: *mut Executor,
    closure: *mut Closure,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the caller passes a live closure; templates outlive closures.
    let template = unsafe { &*(*closure).template };
    let left = template.hotness.get() - 1;
    template.hotness.set(left);
    if left < 0 {
        // SAFETY: `ctx` is the running executor.
        if let Some(lambda) = leave(unsafe { &mut *ctx }, template) {
            // SAFETY: the closure is live; `lambda` has the lambda signature.
            unsafe {
                if lambda as usize != runtime_lazy_compile as *const () as usize {
                    (*closure).lambda = lambda;
                }
                return lambda(ctx, closure, this, argc, argv, ret);
            }
        }
    }
    let Some(code) = template.interp.get() else {
        template.interp_done.set(true);
        // SAFETY: the lambda convention holds for the stub.
        return unsafe { runtime_lazy_compile(ctx, closure, this, argc, argv, ret) };
    };
    // SAFETY: the lambda convention.
    unsafe { run::enter(ctx, closure, template, code, this, argc, argv, ret) }
}
