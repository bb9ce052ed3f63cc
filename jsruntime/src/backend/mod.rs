//! The backend: lowers [`crate::semantics::CompileScript`]s to native code
//! with Cranelift, lazily, one function at a time.
//!
//! * [`compiler`] walks a compile script with a compile-time operand stack and
//!   emits Cranelift IR through `cranelift-frontend`.
//! * [`jit`] owns the `cranelift-jit` module: the runtime functions are
//!   registered there as symbols, compiled functions are defined and finalized
//!   there.
//! * [`bridge`] holds the `extern "C"` runtime functions that compiled code
//!   calls (slow paths of operators, property access, calls, closures, lazy
//!   compilation).
//! * [`Executor`] ties them together: it keeps the programs, the function
//!   templates and the JIT, and runs a program's entry function.
//!
//! # Calling convention
//!
//! Every compiled JavaScript function (a *lambda*) has the native signature
//! of [`Lambda`], in the platform's C calling convention:
//!
//! ```text
//! extern "C" fn(
//!     ctx: *mut Executor,      // the runtime context of the calling thread
//!     closure: *mut Closure,   // the closure being called (its captures)
//!     this: u64,               // the this value, a NaN-boxed Value
//!     argc: u32,               // number of arguments
//!     argv: *const u64,        // argc NaN-boxed Values (may be dangling if argc is 0)
//!     ret: *mut u64,           // out: the result, or the thrown value
//! ) -> Status                  // u32
//! ```
//!
//! `ctx` is also a `*mut Runtime`: [`Executor`] is `#[repr(C)]` with the
//! runtime as its first field, so runtime hooks that receive `&mut Runtime`
//! (a built-in calling a closure through [`crate::runtime::HostHooks`]) get
//! back to the executor, and compiled code can read runtime fields at fixed
//! offsets.
//!
//! `this` is passed as the caller has it; a non-strict function coerces it
//! in its prologue (10.2.1.2 OrdinaryCallBindThis: undefined/null become the
//! global object, primitives are wrapped) when it uses `this`.
//!
//! * [`Status::Normal`] (0): `*ret` holds the completion value.
//! * [`Status::Exception`] (1): `*ret` holds the thrown value. JavaScript
//!   exceptions never unwind the native stack: every call site in compiled
//!   code tests the status and branches to the innermost enclosing handler
//!   (a `catch` or `finally` block) or returns the status to its caller.
//! * [`Status::Suspend`] (2): reserved for coroutines (a generator or an async
//!   function returned at a suspend point; see below).
//!
//! The callee reads `argv[i]` only for `i < argc` and treats the missing
//! parameters as undefined, so callers pass exactly the arguments they have.
//! The callee copies its arguments into its own frame in its prologue; `argv`
//! only has to stay valid for the duration of the call.
//!
//! The runtime functions in [`bridge`] follow the same conventions: those that
//! can throw return a `Status` and write their result or the thrown value to a
//! `ret: *mut u64` out parameter; the others return their result directly.
//!
//! # Frames and closures
//!
//! A binding that no inner function captures lives in a Cranelift variable (a
//! register or a spill slot). A captured binding lives in an explicit stack
//! slot of the frame; next to it the frame keeps a (Cranelift variable) pointer
//! to its [`Capture`] cell, null while no closure captured the binding in the
//! current activation of its scope. `Closure` + `Capture` commands create the
//! cell on first use (it points at the stack slot: the function keeps using
//! the slot directly, inner functions go through the cell). Whenever control
//! leaves the scope — `PopScope`, `break`/`continue`/`return` out of it, an
//! exception reaching a handler outside it or leaving the function — the
//! generated code *escapes* every non-null cell of the scope: it copies the
//! slot into the cell and points the cell at its own copy, then clears the
//! frame's pointer. There is no list of open captures at runtime: the scope
//! tree tells the compiler which cells may exist at every exit.
//!
//! All values of a frame are on the native stack or in registers, so the
//! collector's conservative stack scan finds them; cells and closures are
//! heap cells traced by the collector. A function object is an object of
//! kind [`crate::object::ObjectKind::Function`] holding its `Gc<Closure>`
//! (flag [`crate::object::FLAG_CLOSURE`]); closures reach their template and
//! capture cells, and templates (outside the heap) root their name.
//!
//! # Objects, globals and inline caches
//!
//! Property access calls the runtime core's [[Get]]/[[Set]]/[[Delete]]
//! (`runtime_get_property` & co. in [`bridge`]). A named access with a
//! constant key (`o.x`) also has an inline cache per `CacheId` and direction
//! (get and set caches are separate, so `o.x += 1` never writes through a
//! cache filled by a read): compiled code compares the object's shape with
//! the cached one and loads or stores the slot directly; on a miss the
//! runtime function does the generic operation and refills the cache for
//! own data properties (see [`crate::runtime::inline_cache`]).
//!
//! Globals (`Locator::Global`) are looked up by name at runtime: first in
//! the realm's global declarative record (top-level `let`/`const`/`class` of
//! scripts, see `global_env`: a name already declared there when the code
//! is compiled is read from its cell at a constant address), then on the
//! global object with the prototype chain, so `var` and function
//! declarations of scripts, built-ins and `globalThis.x = 1` are all the
//! same bindings.
//!
//! # Lazy compilation
//!
//! Every function of a program has one [`FunctionTemplate`], created when
//! the first closure of the function is created. Its `lambda` starts as
//! [`bridge::runtime_lazy_compile`], which has the lambda signature: on the
//! first call it compiles the function's script, stores the compiled lambda in
//! the template and in the closure, and tail-calls it. Closures created later
//! copy the template's lambda, so they skip the stub. A function that is never
//! called is never compiled; [`Executor::stats`] counts compiled functions.
//!
//! # Coroutines
//!
//! Generators and async functions are compiled as state machines: a
//! coroutine's body starts with a `br_table` on the saved state
//! (`JumpTable(n)`), and a suspend point (`Await(k)`, `Yield(k)`, ...) saves
//! the live bindings and the compile-time operand stack into the coroutine's
//! frame, stores `k` as the next state and returns [`Status::Suspend`];
//! resuming jumps to the block of state `k`, which loads them back. See
//! [`coroutine`] and docs/internals.md ("Coroutines").

pub mod bridge;
#[cfg(target_arch = "x86_64")]
mod code_memory;
mod compile_thread;
pub mod compiler;
pub mod coroutine;
mod dynamic_code;
pub mod dynamic_env;
pub mod exception_trace;
pub mod executor;
pub(crate) mod feedback;
mod global_env;
pub(crate) mod interp;
mod perf_map;
mod programs;

pub use executor::print_clif;
pub mod jit;
pub mod module;
mod reclaim;
pub(crate) mod stack_walk;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_compile_thread;
#[cfg(test)]
mod tests_eval;
#[cfg(test)]
mod tests_limits;
#[cfg(test)]
mod tests_objects;

pub use compiler::CompileError;
pub use exception_trace::{StackFrame, Trace};
pub use executor::{Executor, ScriptError, Stats};
pub use module::{FileLoader, MemoryLoader, ModuleLoader};

use crate::semantics::FunctionId;

/// The result of a compiled function or of a runtime function that may throw.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The completion value is in `*ret`.
    Normal = 0,
    /// The thrown value is in `*ret`.
    Exception = 1,
    /// A coroutine body stopped at a suspend point; `*ret` holds the yielded
    /// or awaited value (see [`coroutine`]).
    Suspend = 2,
}

/// The native type of a compiled function; see the module documentation.
pub type Lambda = unsafe extern "C" fn(
    ctx: *mut Executor,
    closure: *mut Closure,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32;

/// A heap cell holding a captured binding (an *upvalue*).
///
/// `target` points at the frame's stack slot while the binding's scope is
/// active, and at `value` once it escaped.
#[repr(C)]
pub struct Capture {
    /// Where the binding's value is (offset 0, read by compiled code).
    pub target: *mut u64,
    /// The binding's value after escape (offset 8).
    pub value: u64,
}

impl Capture {
    /// Offset of `target`, for compiled code.
    pub const TARGET_OFFSET: i32 = 0;
    /// Offset of `value`, for compiled code.
    pub const VALUE_OFFSET: i32 = 8;

    /// Whether the binding left its frame.
    pub fn is_escaped(&self) -> bool {
        std::ptr::eq(self.target, &self.value)
    }
}

/// A closure: a function's lambda, its template and its captures.
#[repr(C)]
pub struct Closure {
    /// The lambda to call (offset 0): the lazy-compile stub or compiled code.
    pub lambda: Lambda,
    /// The function's shared template (offset 8).
    pub template: *const FunctionTemplate,
    /// Pointer to the first capture cell pointer (offset 16): the
    /// `num_captures` words after this struct, in the closure's own cell
    /// (see `bridge::create_function`).
    pub captures: *const *mut Capture,
    /// Number of captures (offset 24).
    pub num_captures: u32,
    /// The function object of this closure (set right after both are
    /// created): the `callee` of a mapped arguments object (10.4.4.7).
    pub function: crate::value::Value,
}

impl Closure {
    /// The capture cell (body) pointers.
    pub fn capture_cells(&self) -> &[*mut Capture] {
        if self.num_captures == 0 || self.captures.is_null() {
            return &[];
        }
        // SAFETY: `captures` points at `num_captures` cell pointers: the
        // closure cell's tail (or, while the cell is being allocated, the
        // creator's list).
        unsafe { std::slice::from_raw_parts(self.captures, self.num_captures as usize) }
    }

    /// Offset of `lambda`, for compiled code.
    pub const LAMBDA_OFFSET: i32 = 0;
    /// Offset of `template`, for compiled code.
    pub const TEMPLATE_OFFSET: i32 = 8;
    /// Offset of `captures`, for compiled code.
    pub const CAPTURES_OFFSET: i32 = 16;
}

/// What the closures of one function share.
pub struct FunctionTemplate {
    /// The compiled lambda once compiled, else the lazy-compile stub.
    pub lambda: std::cell::Cell<Lambda>,
    /// Whether `lambda` is compiled code.
    pub compiled: std::cell::Cell<bool>,
    /// Whether `lambda` is quick-tier code (see [`jit::Tier`]), which counts
    /// its calls down in `hotness` and asks for the full tier at zero.
    pub quick: std::cell::Cell<bool>,
    /// Calls left before quick-tier code asks for the full tier (offset
    /// [`FunctionTemplate::HOTNESS_OFFSET`], read by compiled code).
    pub hotness: std::cell::Cell<i32>,
    /// Loop back-edges of its quick-tier code, over all activations, left
    /// before the next on-stack replacement poll (offset
    /// [`FunctionTemplate::BACKEDGES_OFFSET`], `compiler/osr.rs`).
    pub backedges: std::cell::Cell<i32>,
    /// Compiled code whose frame is larger than the stack check's reserve
    /// allows (`BIG_FRAME`), and its frame size: `lambda` is then
    /// `runtime_big_frame_call`, which checks the stack for the whole frame
    /// before calling it (a prologue that skips the guard page would write
    /// into whatever memory lies below the stack).
    pub big_frame: std::cell::Cell<Option<(Lambda, usize)>>,
    /// Which program and function this template compiles.
    pub program: usize,
    /// The function of that program.
    pub function: FunctionId,
    /// [[Realm]] (10.2.3 OrdinaryFunctionCreate): the program's realm.
    pub realm: crate::runtime::RealmId,
    /// Number of formal parameters (the `length` of the function object).
    pub num_params: u16,
    /// The initial `name` of the function objects (an atom; the empty
    /// string for anonymous functions).
    pub name: crate::gc::Gc<crate::string::JsString>,
    /// Keeps `name` alive (atoms are weak otherwise).
    pub name_root: Option<crate::gc::Persistent>,
    /// Strict mode code (this is not coerced).
    pub strict: bool,
    /// Has [[Construct]] (10.2.5 MakeConstructor): not an arrow function,
    /// generator or async function.
    pub constructor: bool,
    /// A class constructor: no `prototype` from `create_function` (the
    /// class definition sets it).
    pub class_constructor: bool,
    /// A derived class constructor: [[Construct]] passes no this value.
    pub derived: bool,
    /// A generator or async function: `lambda` is the ramp
    /// ([`coroutine::runtime_coroutine_ramp`]) and the compiled body is here.
    pub coroutine_kind: Option<coroutine::CoroutineKind>,
    /// The compiled body of a coroutine function, once compiled.
    pub coroutine: std::cell::OnceCell<coroutine::CoroutineCode>,
    /// [[Construct]] of a base constructor: a cache of the new target's own
    /// `prototype` (GetPrototypeFromConstructor), allocated on the first
    /// construction (`bridge::calls::construct_prototype`); null before.
    pub construct_cache: std::cell::Cell<*const crate::runtime::inline_cache::PropertyCache>,
    /// Set when a collection marks a closure of this template (read and
    /// cleared for the programs of eval code, `reclaim`).
    pub reached: std::cell::Cell<bool>,
    /// The interpreter's code while the function runs interpreted
    /// ([`interp`]; `lambda` is `interp::runtime_interpret`).
    pub(crate) interp: std::cell::OnceCell<Box<interp::Code>>,
    /// The function left the interpreter (or never could enter it): the
    /// next compilation is Cranelift's.
    pub interp_done: std::cell::Cell<bool>,
    /// Tier-up checks of the interpreted function that found its full
    /// tier not ready (`interp::MAX_INTERP_WAITS`).
    pub interp_waits: std::cell::Cell<u32>,
}

impl FunctionTemplate {
    /// Offset of `hotness`, for compiled code.
    pub const HOTNESS_OFFSET: i32 = std::mem::offset_of!(FunctionTemplate, hotness) as i32;
    /// Offset of `backedges`, for compiled code.
    pub const BACKEDGES_OFFSET: i32 = std::mem::offset_of!(FunctionTemplate, backedges) as i32;

    /// The kind of coroutine function, if this is one.
    pub fn coroutine_kind(&self) -> Option<coroutine::CoroutineKind> {
        self.coroutine_kind
    }

    /// The function's initial `name`.
    pub fn name(&self) -> crate::gc::Gc<crate::string::JsString> {
        self.name
    }
}
