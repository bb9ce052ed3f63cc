//! The `cranelift-jit` module: ISA setup, the table of runtime functions
//! registered as JIT symbols, and defining compiled functions.

use cranelift_codegen::ir::{types, AbiParam, Function, Signature, Type, UserFuncName};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::timing::PassTimes;
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};

use super::bridge;
use super::compile_thread::{self, Code};
use super::compiler::CompileError;
use super::dynamic_code;
use super::dynamic_env;
use super::exception_trace;
use super::{Closure, Executor, FunctionTemplate, Lambda};
use crate::runtime::inline_cache::PropertyCache;

/// The Cranelift type of a runtime function's parameter or result, derived
/// from its Rust type: `u8` booleans and modes are `I8`; `u32` statuses,
/// counts and ids are `I32`; `u64` `Value` bits and pointers are `I64` (the
/// backend only targets 64-bit hosts, which [`Jit::new`] checks).
///
/// There is deliberately no impl for `bool`: compiled code passes any byte,
/// and a Rust `bool` other than 0 or 1 is undefined behaviour.
trait AbiType {
    const TYPE: Type;
}

impl AbiType for u8 {
    const TYPE: Type = types::I8;
}

impl AbiType for u32 {
    const TYPE: Type = types::I32;
}

impl AbiType for u64 {
    const TYPE: Type = types::I64;
}

impl<T> AbiType for *const T {
    const TYPE: Type = types::I64;
}

impl<T> AbiType for *mut T {
    const TYPE: Type = types::I64;
}

/// Declares the runtime functions: for each, the [`RuntimeFn`] variant, the
/// Rust function and its parameters with their Rust types, once. The
/// Cranelift signature is derived from the types ([`AbiType`]), and the
/// function is coerced to a typed function pointer, so a Rust function whose
/// signature differs from its entry does not compile.
macro_rules! runtime_functions {
    ($(
        $variant:ident => $func:path,
            ($($param:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => {
        /// The runtime functions compiled code may call (see [`bridge`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(usize)]
        pub enum RuntimeFn { $(#[doc = concat!("`", stringify!($func), "`")] $variant,)* }

        impl RuntimeFn {
            /// Every runtime function, in declaration order.
            pub const ALL: &'static [RuntimeFn] = &[$(RuntimeFn::$variant,)*];

            /// The JIT symbol name (the path of the Rust function).
            pub fn name(self) -> &'static str {
                match self { $(RuntimeFn::$variant => stringify!($func),)* }
            }

            /// The address of the runtime function whose JIT symbol is
            /// `name` (the JIT's symbol lookup, see [`Jit::new`]).
            fn address_of(name: &str) -> Option<*const u8> {
                match name {
                    $(stringify!($func) => Some(RuntimeFn::$variant.address()),)*
                    _ => None,
                }
            }

            fn address(self) -> *const u8 {
                match self {
                    $(RuntimeFn::$variant => {
                        // The check of the Rust signature: this coercion
                        // fails to compile unless `$func` has exactly the
                        // declared parameter and result types.
                        let f: unsafe extern "C" fn($($ty),*) -> $ret = $func;
                        f as *const u8
                    })*
                }
            }

            fn params(self) -> &'static [Type] {
                match self {
                    $(RuntimeFn::$variant => {
                        const PARAMS: &[Type] = &[$(<$ty as AbiType>::TYPE),*];
                        PARAMS
                    })*
                }
            }

            fn returns(self) -> &'static [Type] {
                match self {
                    $(RuntimeFn::$variant => {
                        const RETURNS: &[Type] = &[<$ret as AbiType>::TYPE];
                        RETURNS
                    })*
                }
            }

            /// The parameters as declared: name and Rust type.
            pub fn declared_params(self) -> &'static [(&'static str, &'static str)] {
                match self {
                    $(RuntimeFn::$variant => &[$((stringify!($param), stringify!($ty))),*],)*
                }
            }

            /// The Rust result type as declared.
            pub fn declared_return(self) -> &'static str {
                match self { $(RuntimeFn::$variant => stringify!($ret),)* }
            }
        }

        impl std::fmt::Display for RuntimeFn {
            /// The declared Rust signature: `path(name: type, ..) -> type`.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}(", self.name())?;
                for (i, (name, ty)) in self.declared_params().iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{name}: {ty}")?;
                }
                write!(f, ") -> {}", self.declared_return())
            }
        }
    };
}

// Each entry names the file that holds the function; new entries go at the
// end. Value parameters and results are NaN-boxed `u64` bits.
runtime_functions! {
    LazyCompile => bridge::calls::runtime_lazy_compile,
        (ctx: *mut Executor, closure: *mut Closure, this: u64, argc: u32, argv: *const u64,
         ret: *mut u64) -> u32;
    Call => bridge::calls::runtime_call,
        (ctx: *mut Executor, callee: u64, this: u64, argc: u32, argv: *const u64, ret: *mut u64)
        -> u32;
    New => bridge::calls::runtime_new,
        (ctx: *mut Executor, callee: u64, argc: u32, argv: *const u64, ret: *mut u64) -> u32;
    Binary => bridge::operators::runtime_binary,
        (ctx: *mut Executor, op: u32, a: u64, b: u64, ret: *mut u64) -> u32;
    Unary => bridge::operators::runtime_unary,
        (ctx: *mut Executor, op: u32, v: u64, ret: *mut u64) -> u32;
    ToBoolean => bridge::operators::runtime_to_boolean,
        (ctx: *mut Executor, v: u64) -> u8;
    GetGlobal => bridge::environments::runtime_get_global,
        (ctx: *mut Executor, name: u32, miss: u8, ret: *mut u64) -> u32;
    GetGlobalCached => bridge::environments::runtime_get_global_cached,
        (ctx: *mut Executor, name: u32, miss: u8, cache: *const PropertyCache, ret: *mut u64)
        -> u32;
    SetGlobalCached => bridge::environments::runtime_set_global_cached,
        (ctx: *mut Executor, name: u32, v: u64, mode: u8, cache: *const PropertyCache,
         ret: *mut u64) -> u32;
    SetGlobal => bridge::environments::runtime_set_global,
        (ctx: *mut Executor, name: u32, v: u64, mode: u8, ret: *mut u64) -> u32;
    GetProperty => bridge::properties::runtime_get_property,
        (ctx: *mut Executor, object: u64, key: u64, cache: *const PropertyCache, ret: *mut u64)
        -> u32;
    SetProperty => bridge::properties::runtime_set_property,
        (ctx: *mut Executor, object: u64, key: u64, v: u64, strict: u8,
         cache: *const PropertyCache, ret: *mut u64) -> u32;
    DeleteProperty => bridge::properties::runtime_delete_property,
        (ctx: *mut Executor, object: u64, key: u64, strict: u8, ret: *mut u64) -> u32;
    DeleteGlobal => bridge::environments::runtime_delete_global,
        (ctx: *mut Executor, name: u32, ret: *mut u64) -> u32;
    CoerceThis => bridge::calls::runtime_coerce_this,
        (ctx: *mut Executor, this: u64, ret: *mut u64) -> u32;
    DeclareGlobal => bridge::environments::runtime_declare_global,
        (ctx: *mut Executor, name: u32, kind: u8, ret: *mut u64) -> u32;
    CreateCapture => bridge::closures::runtime_create_capture,
        (ctx: *mut Executor, target: *mut u64, ret: *mut u64) -> u32;
    CaptureCell => bridge::closures::runtime_capture_cell,
        (ctx: *mut Executor, slot: *mut u64, ret: *mut u64) -> u32;
    EscapeCell => bridge::closures::runtime_escape_cell,
        (ctx: *mut Executor, slot: *mut u64) -> u32;
    CreateClosure => bridge::closures::runtime_create_closure,
        (ctx: *mut Executor, template: *const FunctionTemplate, count: u32, captures: *const u64,
         ret: *mut u64) -> u32;
    CreateClosureFromSlots => bridge::closures::runtime_create_closure_from_slots,
        (ctx: *mut Executor, template: *const FunctionTemplate, count: u32, captures: *mut u64,
         slots: u64, ret: *mut u64) -> u32;
    CreateObject => bridge::objects::runtime_create_object,
        (ctx: *mut Executor, ret: *mut u64) -> u32;
    CreateDataProperty => bridge::objects::runtime_create_data_property,
        (ctx: *mut Executor, object: u64, key: u64, v: u64, ret: *mut u64) -> u32;
    CreateArray => bridge::objects::runtime_create_array,
        (ctx: *mut Executor, ret: *mut u64) -> u32;
    PushArrayElement => bridge::objects::runtime_push_array_element,
        (ctx: *mut Executor, array: u64, v: u64, ret: *mut u64) -> u32;
    PushArrayValues => bridge::objects::runtime_push_array_values,
        (ctx: *mut Executor, array: u64, values: *const u64, count: u32, ret: *mut u64) -> u32;
    ThrowReferenceError => bridge::environments::runtime_throw_reference_error,
        (ctx: *mut Executor, name: u32, ret: *mut u64) -> u32;
    ThrowConstAssignment => bridge::environments::runtime_throw_const_assignment,
        (ctx: *mut Executor, name: u32, ret: *mut u64) -> u32;
    CreateArguments => bridge::arguments::runtime_create_arguments,
        (ctx: *mut Executor, argc: u32, argv: *const u64, start: u32, ret: *mut u64) -> u32;
    Helper => bridge::helpers::runtime_helper,
        (ctx: *mut Executor, code: u32, argc: u32, argv: *const u64, ret: *mut u64) -> u32;
    NewTarget => bridge::calls::runtime_new_target,
        (ctx: *mut Executor, closure: *const Closure) -> u64;
    TierUp => bridge::calls::runtime_tier_up,
        (ctx: *mut Executor, closure: *mut Closure) -> u64;
    Osr => bridge::calls::runtime_osr,
        (ctx: *mut Executor, closure: *mut Closure, buffer: *mut u64) -> u64;
    CreateArgumentsObject => bridge::arguments::runtime_create_arguments_object,
        (ctx: *mut Executor, closure: *const Closure, argc: u32, argv: *const u64,
         cells: *const u64, count: u32, mapped: u8, ret: *mut u64) -> u32;
    NoteExceptionSite => exception_trace::runtime_note_exception_site,
        (ctx: *mut Executor, template: *const FunctionTemplate, position: u32, exception: u64)
        -> u32;
    ExceptionCaught => exception_trace::runtime_exception_caught,
        (ctx: *mut Executor, exception: u64) -> u32;
    Interrupt => bridge::limits::runtime_interrupt,
        (ctx: *mut Executor, ret: *mut u64) -> u32;
    DirectEval => dynamic_code::runtime_direct_eval,
        (ctx: *mut Executor, callee: u64, argc: u32, argv: *const u64, scope: u64, ret: *mut u64)
        -> u32;
    ResolveDynamic => dynamic_env::runtime_resolve_dynamic,
        (ctx: *mut Executor, key: u64, envs: *mut u64, count: u32, with_mask: u32, ret: *mut u64)
        -> u32;
    CheckDynamicBinding => dynamic_env::runtime_check_dynamic_binding,
        (ctx: *mut Executor, object: u64, key: u64, ret: *mut u64) -> u32;
    YieldStarStep => bridge::coroutines::runtime_yield_star_step,
        (ctx: *mut Executor, record: u64, mode: u32, received: u64, ret: *mut u64) -> u32;
    AsyncYieldStarCall => bridge::coroutines::runtime_async_yield_star_call,
        (ctx: *mut Executor, record: u64, mode: u32, received: u64, ret: *mut u64) -> u32;
    AsyncYieldStarResult => bridge::coroutines::runtime_async_yield_star_result,
        (ctx: *mut Executor, mode: u32, result: u64, ret: *mut u64) -> u32;
    AsyncYieldStarNoThrow => bridge::coroutines::runtime_async_yield_star_no_throw,
        (ctx: *mut Executor, result: u64, ret: *mut u64) -> u32;
    PrivateGet => bridge::private::runtime_private_get,
        (ctx: *mut Executor, object: u64, key: u64, cache: *const PropertyCache, ret: *mut u64)
        -> u32;
    PrivateSet => bridge::private::runtime_private_set,
        (ctx: *mut Executor, object: u64, key: u64, v: u64, cache: *const PropertyCache,
         ret: *mut u64) -> u32;
    TypedArrayGet => bridge::elements::runtime_typed_array_get,
        (ctx: *mut Executor, object: u64, key: u64) -> u64;
    TypedArraySet => bridge::elements::runtime_typed_array_set,
        (ctx: *mut Executor, object: u64, key: u64, v: u64) -> u32;
    TypedArrayLength => bridge::elements::runtime_typed_array_length,
        (ctx: *mut Executor, object: u64, cache: *const PropertyCache) -> u64;
    SuperGet => bridge::classes::runtime_super_get,
        (ctx: *mut Executor, this: u64, key: u64, home: u64, cache: *const PropertyCache,
         ret: *mut u64) -> u32;
    DefineField => bridge::classes::runtime_define_field,
        (ctx: *mut Executor, object_bits: u64, key: u64, v: u64, cache: *const PropertyCache,
         ret: *mut u64) -> u32;
    DefinePrivateField => bridge::private::runtime_define_private_field,
        (ctx: *mut Executor, object_bits: u64, name: u64, v: u64, cache: *const PropertyCache,
         ret: *mut u64) -> u32;
    SuperCall => bridge::classes::runtime_super_call,
        (ctx: *mut Executor, f: u64, new_target: u64, argc: u32, argv: *const u64,
         ret: *mut u64) -> u32;
    ConstructThis => bridge::calls::runtime_construct_this,
        (ctx: *mut Executor, callee: u64, ret: *mut u64) -> u32;
    CaseLookup => bridge::switch::runtime_case_lookup,
        (ctx: *mut Executor, table: *const bridge::switch::CaseLookup, v: u64) -> u32;
    BinaryNoting => bridge::operators::runtime_binary_noting,
        (ctx: *mut Executor, op: u32, a: u64, b: u64, ret: *mut u64, site: *mut u8) -> u32;
    GetElementNoting => bridge::elements::runtime_get_element_noting,
        (ctx: *mut Executor, object: u64, key: u64, cache: *const PropertyCache, ret: *mut u64,
         site: *mut u8) -> u32;
    SetElementNoting => bridge::elements::runtime_set_element_noting,
        (ctx: *mut Executor, object: u64, key: u64, v: u64, strict: u8,
         cache: *const PropertyCache, ret: *mut u64, site: *mut u8) -> u32;
    CharCodeAt => bridge::properties::runtime_char_code_at,
        (ctx: *mut Executor, s: u64, index: u64) -> u64;
}

// Compiled lambdas share the lazy-compile stub's signature (`Jit::new`
// derives the lambda signature from its entry).
const _: Lambda = bridge::calls::runtime_lazy_compile;

/// How much effort a compilation spends (issue 16, point 6).
///
/// Most functions of real programs run a few times or once (a library's
/// top-level code, an IIFE that defines a module's methods), and Cranelift's
/// optimising pipeline spends most of its time on exactly those large,
/// cold functions. So a function without loops is first compiled *quick*:
/// the same IR, no mid-end optimisation and the single-pass register
/// allocator. Its entry counts calls down in the template's `hotness`; at zero
/// it asks for the *full* compilation (`runtime_tier_up`) and later calls run
/// the full code. Functions with loops start quick too: their loop headers
/// count back-edges ([`OSR_BACK_EDGES`]) and move a long-running activation
/// into the full code at a loop header (on-stack replacement,
/// `compiler/osr.rs`). Coroutine bodies and a program's top level are
/// compiled full at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// Cheap to compile, counts its calls.
    Quick,
    /// Optimised.
    Full,
}

/// Calls of quick-tier code before the full compilation (session 13,
/// docs/performance.md "Tier-up policy, session 13"). At 16 calls, 211 of
/// acorn's 255 compiled functions and 790 of terser's 1,041 tiered up, and
/// the compile thread spent 0.6 s and 1.75 s of CPU on them: the full
/// tier's gain on this runtime-bound code is small, so a function must run
/// often before its compile pays. But on a quiet machine (where the
/// compile thread has a core of its own) box2d scored a fifth less at
/// 1,000 than at 16 or 300, while terser ran 9% faster at 1,000 than at
/// 300: 300 is the compromise (lead's quiet sweep, session 13). Unit tests
/// keep 16, so that a few calls in a test reach the full tier.
pub const TIER_UP_CALLS: i32 = if cfg!(test) { 16 } else { 300 };

/// Calls of quick-tier code before the full compilation of a function of
/// `commands` compile commands: [`TIER_UP_CALLS`] plus
/// [`TIER_UP_CALLS_PER_100_COMMANDS`] per 100 commands. Cranelift's full
/// tier costs in proportion to a function's size, while a call of a large
/// function (a parser's `switch` over token types, a module's setup) runs a
/// small part of it: a large function must prove hot before its compile
/// pays. The environment variables `JSRUNTIME_TIER_UP_CALLS` and
/// `JSRUNTIME_TIER_UP_PER_100` override the two constants (experiments).
pub fn tier_up_calls(commands: usize) -> i32 {
    static KNOBS: std::sync::OnceLock<(i64, i64)> = std::sync::OnceLock::new();
    let (base, per_100) = *KNOBS.get_or_init(|| {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<i64>().ok());
        (
            var("JSRUNTIME_TIER_UP_CALLS").map_or(TIER_UP_CALLS as i64, |v| v.clamp(1, 1 << 24)),
            var("JSRUNTIME_TIER_UP_PER_100").map_or(TIER_UP_CALLS_PER_100_COMMANDS as i64, |v| {
                v.clamp(0, 1 << 16)
            }),
        )
    });
    let extra = (commands as i64).saturating_mul(per_100) / 100;
    base.saturating_add(extra).min(1 << 24) as i32
}

/// Extra calls per 100 compile commands of a function before its full
/// tier (see [`tier_up_calls`]). Off: 10 calls per command (on top of 16 or
/// 1,000) cut the npm programs' compile thread further but cost box2d a
/// fifth of its score, whose large functions are hot (docs/performance.md,
/// session 13).
pub const TIER_UP_CALLS_PER_100_COMMANDS: i32 = 0;

/// Calls of quick-tier code between two checks for its full tier while the
/// compile thread compiles it (`backend::compile_thread`).
pub const TIER_UP_POLL: i32 = 8;

/// A tier-up (not an on-stack replacement) finding this many compilations
/// queued waits [`TIER_UP_BACKLOG_RETRY`] more calls instead of building
/// its full-tier IR (`JSRUNTIME_TIER_UP_BACKLOG` overrides).
pub static MAX_TIER_UP_BACKLOG: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
    std::env::var("JSRUNTIME_TIER_UP_BACKLOG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16)
});
/// See [`MAX_TIER_UP_BACKLOG`].
pub const TIER_UP_BACKLOG_RETRY: i32 = 64;

/// Loop back-edges of one activation of quick-tier code between two
/// checks for on-stack replacement (`runtime_osr`): the first asks for the
/// full tier, the later ones enter it at the loop header once it is
/// installed.
pub const OSR_BACK_EDGES: i32 = 1000;

/// A Cranelift target for the host with the settings of `tier` (the lean
/// full tier of large functions when `lean`, see [`lean_insts`]).
fn make_isa(tier: Tier, lean: bool) -> Result<OwnedTargetIsa, CompileError> {
    let mut flags = settings::builder();
    let set = |flags: &mut settings::Builder, name: &str, value: &str| {
        flags
            .set(name, value)
            .map_err(|e| CompileError::Cranelift(format!("{name}={value}: {e}")))
    };
    // The JIT links with absolute addresses.
    set(&mut flags, "use_colocated_libcalls", "false")?;
    set(&mut flags, "is_pic", "false")?;
    match tier {
        // Large functions ([`lean_insts`]): the egraph pass (GVN, LICM,
        // rewrites) cost 17% of full-tier compile time in box2d, and
        // Octane scored higher with `opt_level=none` for the full tier and
        // smaller code (docs/performance.md, "Compile cost, session 9").
        Tier::Full if lean => set(&mut flags, "opt_level", "none")?,
        Tier::Full => set(&mut flags, "opt_level", "speed")?,
        Tier::Quick => {
            set(&mut flags, "opt_level", "none")?;
            set(&mut flags, "regalloc_algorithm", "single_pass")?;
        }
    }
    // The IR verifier costs up to 5% of a run (issue 16); it stays on in
    // debug builds and tests, where it catches malformed IR.
    let verify = if cfg!(debug_assertions) {
        "true"
    } else {
        "false"
    };
    set(&mut flags, "enable_verifier", verify)?;
    // Experiments: `JSRUNTIME_CRANELIFT="name=value,..."` overrides
    // Cranelift settings of full-tier code (to measure trade-offs), and
    // `JSRUNTIME_CRANELIFT_LEAN` those of the lean full tier after that.
    let overrides: &[&str] = match (tier, lean) {
        (Tier::Quick, _) => &[],
        (Tier::Full, false) => &["JSRUNTIME_CRANELIFT"],
        (Tier::Full, true) => &["JSRUNTIME_CRANELIFT", "JSRUNTIME_CRANELIFT_LEAN"],
    };
    for variable in overrides {
        if let Ok(extra) = std::env::var(variable) {
            for pair in extra.split(',').filter(|p| !p.is_empty()) {
                if let Some((name, value)) = pair.split_once('=') {
                    set(&mut flags, name.trim(), value.trim())?;
                }
            }
        }
    }
    cranelift_native::builder()
        .map_err(|e| CompileError::Cranelift(format!("unsupported host: {e}")))?
        .finish(settings::Flags::new(flags))
        .map_err(|e| CompileError::Cranelift(e.to_string()))
}

/// The size (IR instructions) from which full-tier code is compiled lean
/// (`opt_level=none`: no e-graph pass), on either thread. Register
/// allocation and the e-graph pass cost about 3 us per IR instruction, and
/// the compile thread is what Octane waits on: quick code runs until its
/// full tier arrives. Small functions keep the optimiser (numeric loops
/// need it: `bench/run/loop.js` runs 2x slower without it); larger ones,
/// whose code is mostly inline-cache checks and runtime calls, gain little
/// from it. At 2,000 (session 17, interleaved sittings of 7 runs): Octane's
/// geometric mean +6% and +10%, npm programs -5% time, `bench/run`
/// unchanged; test262's `identifiers/start-unicode-{6,7}.0.0-class.js`
/// 0.4 s against 5.0 s. `JSRUNTIME_LEAN_INSTS=N` overrides it.
pub const LEAN_IR_INSTS: usize = 2_000;

fn lean_insts() -> usize {
    static LEAN: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *LEAN.get_or_init(|| {
        std::env::var("JSRUNTIME_LEAN_INSTS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(LEAN_IR_INSTS)
    })
}

/// The size (IR instructions) from which full-tier code is compiled with
/// the quick tier's settings (no optimiser, the single-pass register
/// allocator): regalloc2's backtracking allocator is superlinear on such
/// functions. A 134,602-instruction top level (test262's
/// `identifiers/start-unicode-7.0.0-class.js`: a class with thousands of
/// private names) took 9.0 s of Cranelift, 0.15 s this way (docs/performance.md,
/// session 14). The largest full-tier functions of Octane and the npm
/// programs are below it (typescript 83,787, terser 46,000, gbemu 31,545).
pub const HUGE_IR_INSTS: usize = 100_000;

/// One compilation's cost: a `tracing` event, and a line on stderr with
/// `JSRUNTIME_COMPILE_LOG=1` (`compile TIER sync|thread INSTS BYTES MICROS`,
/// to see where compile time goes by function size).
fn log_compile(
    tier: Tier,
    background: bool,
    insts: usize,
    bytes: usize,
    time: std::time::Duration,
) {
    static LOG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let micros = time.as_micros() as u64;
    tracing::debug!(insts, bytes, micros, background, "cranelift compile");
    if *LOG.get_or_init(|| std::env::var_os("JSRUNTIME_COMPILE_LOG").is_some()) {
        let tier = if tier == Tier::Quick { "quick" } else { "full" };
        let thread = if background { "thread" } else { "sync" };
        eprintln!("compile {tier} {thread} {insts} {bytes} {micros}");
    }
}

/// What Cranelift compilations have cost (IR size in, machine code out,
/// wall time of the backend).
#[derive(Clone, Copy, Debug, Default)]
pub struct CompileCosts {
    /// Time spent in Cranelift (lowering, register allocation, emission),
    /// on either thread.
    pub time: std::time::Duration,
    /// IR instructions handed to Cranelift.
    pub ir_insts: usize,
    /// Machine code bytes produced.
    pub code_bytes: usize,
    /// Machine code bytes freed with their eval programs (`reclaim`).
    pub freed_code_bytes: usize,
    /// Code memory mapped (filled in by `Executor::compile_costs`).
    pub code_memory_mapped: usize,
    /// The part of `code_memory_mapped` freed and not reused yet.
    pub code_memory_free: usize,
    /// Time spent building the IR (our compiler and `cranelift-frontend`),
    /// on the main thread.
    pub build_time: std::time::Duration,
    /// The part of `time` spent on quick-tier code.
    pub quick_time: std::time::Duration,
    /// The part of `ir_insts` compiled by the quick tier.
    pub quick_insts: usize,
    /// The part of `time` spent on the compile thread (`compile_thread`).
    pub background_time: std::time::Duration,
    /// The part of `ir_insts` compiled on the compile thread.
    pub background_insts: usize,
    /// Functions compiled on the compile thread.
    pub background_functions: usize,
}

/// The JIT: the Cranelift module and the contexts reused by compilations.
pub struct Jit {
    pub(crate) module: JITModule,
    pub(crate) ctx: Context,
    pub(crate) builder_ctx: FunctionBuilderContext,
    /// The module's ids of the runtime functions declared so far, by
    /// [`RuntimeFn`] index.
    pub(crate) runtime_ids: Box<[Option<FuncId>]>,
    /// The target of quick-tier compilations (cheaper settings).
    quick_isa: OwnedTargetIsa,
    /// The module's target (the full tier), for the compile thread.
    full_isa: OwnedTargetIsa,
    /// The lean full tier: functions of at least [`lean_insts`] IR
    /// instructions, on either thread.
    lean_isa: OwnedTargetIsa,
    /// What compilations cost so far (`jstb run --stats`).
    pub(crate) costs: CompileCosts,
    /// Cranelift's pass timings of quick-tier and of full-tier compilations
    /// (`JSRUNTIME_CRANELIFT_TIMING=1 jstb run --stats`).
    passes: [PassTimes; 2],
    lambda_signature: Signature,
    coroutine_signature: Signature,
    /// The next number in function names (only declared off x86-64).
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    next_name: u32,
    /// The call sites and code size of the function compiled last, for
    /// the stack walk's code map (`super::stack_walk`).
    pub(crate) last_call_sites: Vec<(u32, u32)>,
    pub(crate) last_code_size: usize,
    /// Where the function compiled last was placed: its address and the
    /// bytes reserved for it, to give back with [`Jit::free_code`] when its
    /// program is freed (`reclaim`).
    pub(crate) last_code: (usize, usize),
    /// Emptied IR functions the compile thread gave back
    /// ([`compile_thread::Done::spare`]): the next full tier built on this
    /// thread starts in one, with its vectors' capacity.
    spare_functions: Vec<Function>,
    /// The memory of compiled functions (x86-64; elsewhere the module's
    /// own provider holds them and they are never freed).
    code_memory: super::code_memory::CodeMemory,
}

/// The module id given to every compiled function on x86-64, where
/// functions are not declared in the module: their code is placed and
/// relocated by [`Jit::place`], which reads this id in a relocation as
/// the function itself.
/// (`u32::MAX` is the entity's reserved value.)
#[cfg(target_arch = "x86_64")]
const UNDECLARED: u32 = u32::MAX - 1;

/// The module's id of runtime function `f`, declaring it (as an import with
/// the signature derived from its Rust types) on first use: the ids follow
/// the order of first use, not [`RuntimeFn::ALL`].
pub(crate) fn declare_runtime(
    module: &mut JITModule,
    ids: &mut [Option<FuncId>],
    f: RuntimeFn,
) -> FuncId {
    if let Some(id) = ids[f as usize] {
        return id;
    }
    let mut sig = module.make_signature();
    sig.params
        .extend(f.params().iter().map(|&t| AbiParam::new(t)));
    sig.returns
        .extend(f.returns().iter().map(|&t| AbiParam::new(t)));
    // Each name is declared once, always with the same linkage and
    // signature, so the module cannot report a conflicting declaration.
    let id = module
        .declare_function(f.name(), Linkage::Import, &sig)
        .expect("a runtime function is declared once, with one signature");
    ids[f as usize] = Some(id);
    id
}

impl Jit {
    /// Sets up a JIT for the host machine.
    pub fn new() -> Result<Jit, CompileError> {
        let isa = make_isa(Tier::Full, false)?;
        let quick_isa = make_isa(Tier::Quick, false)?;
        let lean_isa = make_isa(Tier::Full, true)?;
        let full_isa = isa.clone();
        if isa.pointer_type() != types::I64 {
            return Err(CompileError::Cranelift(
                "the backend needs a 64-bit host".to_owned(),
            ));
        }
        let mut builder = JITBuilder::with_isa(isa, default_libcall_names());
        // On x86-64 functions are placed in `code_memory` by `Jit::place`
        // (packed into large chunks, and freed with their eval program);
        // the module only declares the runtime functions they import.
        // Runtime functions are declared on their first use
        // ([`Jit::runtime_id`]) and their addresses found by name when code
        // is linked: declaring all of them here was 7% of a hello world's
        // instructions (docs/performance.md, "Startup, session 11").
        builder.symbol_lookup_fn(Box::new(RuntimeFn::address_of));
        let module = JITModule::new(builder);
        let runtime_ids = vec![None; RuntimeFn::ALL.len()].into_boxed_slice();
        // A lambda has the lazy-compile stub's signature (checked above).
        let stub = RuntimeFn::LazyCompile;
        let mut lambda_signature = module.make_signature();
        lambda_signature
            .params
            .extend(stub.params().iter().map(|&t| AbiParam::new(t)));
        lambda_signature
            .returns
            .extend(stub.returns().iter().map(|&t| AbiParam::new(t)));
        // A coroutine body: the lambda's parameters, then the coroutine, the
        // resumption value and mode (`backend::coroutine::CoroutineBody`).
        let mut coroutine_signature = lambda_signature.clone();
        coroutine_signature.params.extend([
            AbiParam::new(types::I64),
            AbiParam::new(types::I64),
            AbiParam::new(types::I32),
        ]);
        let ctx = module.make_context();
        Ok(Jit {
            module,
            ctx,
            builder_ctx: FunctionBuilderContext::new(),
            runtime_ids,
            quick_isa,
            full_isa,
            lean_isa,
            costs: CompileCosts::default(),
            passes: Default::default(),
            lambda_signature,
            coroutine_signature,
            next_name: 0,
            last_call_sites: Vec::new(),
            spare_functions: Vec::new(),
            last_code_size: 0,
            last_code: (0, 0),
            code_memory: super::code_memory::CodeMemory::new(),
        })
    }

    /// The Cranelift signature of a lambda (see the calling convention in
    /// [`super`]).
    pub fn lambda_signature(&self) -> &Signature {
        &self.lambda_signature
    }

    /// The Cranelift signature of a coroutine body
    /// ([`super::coroutine::CoroutineBody`]).
    pub fn coroutine_signature(&self) -> &Signature {
        &self.coroutine_signature
    }

    /// Prepares `self.ctx` for a new function and returns its module id.
    pub(crate) fn begin_function(
        &mut self,
        name: &str,
        coroutine: bool,
    ) -> Result<FuncId, CompileError> {
        self.module.clear_context(&mut self.ctx);
        let signature = if coroutine {
            self.coroutine_signature.clone()
        } else {
            self.lambda_signature.clone()
        };
        self.ctx.func.signature = signature.clone();
        // On x86-64 the function is not declared in the module (a declared
        // name stays for the module's lifetime): `Jit::place` places it.
        #[cfg(target_arch = "x86_64")]
        let id = {
            let _ = name;
            FuncId::from_u32(UNDECLARED)
        };
        #[cfg(not(target_arch = "x86_64"))]
        let id = {
            // Names must be unique in the module; the JS name is only a hint.
            let symbol = format!("js{}_{name}", self.next_name);
            self.next_name += 1;
            self.module
                .declare_function(&symbol, Linkage::Local, &signature)
                .map_err(|e| CompileError::Cranelift(e.to_string()))?
        };
        self.ctx.func.name = UserFuncName::user(0, id.as_u32());
        Ok(id)
    }

    /// Compiles the function in `self.ctx` and returns its address.
    /// Returns the code's address and its frame size in bytes (from the
    /// stack pointer after the prologue to the frame pointer).
    pub(crate) fn finish_function(
        &mut self,
        id: FuncId,
        tier: Tier,
    ) -> Result<(*const u8, usize), CompileError> {
        let isa = match tier {
            Tier::Quick => Some(self.quick_isa.clone()),
            Tier::Full => Some(self.full_tier_isa()),
        };
        self.finish(id, tier, isa)
    }

    /// Compiles `func` (function `id`, a tier-up's full tier built with
    /// `compiler::build_full_tier`) on this thread, as
    /// [`Jit::finish_function`].
    pub(crate) fn finish_tier_up(
        &mut self,
        id: FuncId,
        func: Function,
    ) -> Result<(*const u8, usize), CompileError> {
        self.ctx.func = func;
        let isa = self.full_tier_isa();
        self.finish(id, Tier::Full, Some(isa))
    }

    /// Compiles the function in `self.ctx` for `isa` (the module's target
    /// when `None`), defines and finalizes it.
    fn finish(
        &mut self,
        id: FuncId,
        tier: Tier,
        isa: Option<OwnedTargetIsa>,
    ) -> Result<(*const u8, usize), CompileError> {
        let start = std::time::Instant::now();
        let insts = self.ctx.func.dfg.num_insts();
        let isa = isa.unwrap_or_else(|| self.full_isa.clone());
        let result = compile_thread::compile_to_code(&mut self.ctx, &*isa, id);
        let elapsed = start.elapsed();
        self.passes[(tier == Tier::Full) as usize].add(&cranelift_codegen::timing::take_current());
        self.module.clear_context(&mut self.ctx);
        let mut code = result?;
        let address = self.place(id, &code)?;
        let (bytes, frame_size) = (code.bytes.len(), code.frame_size);
        let sites = std::mem::take(&mut code.call_sites);
        // For the stack walk's code map (`Executor::register_code`).
        self.last_call_sites = sites;
        self.last_code_size = bytes;
        self.costs.time += elapsed;
        self.costs.ir_insts += insts;
        self.costs.code_bytes += bytes;
        if tier == Tier::Quick {
            self.costs.quick_time += elapsed;
            self.costs.quick_insts += insts;
        }
        log_compile(tier, false, insts, bytes, elapsed);
        Ok((address, frame_size))
    }

    /// Whether the function in `self.ctx` is large enough for the lean
    /// full tier ([`lean_insts`]).
    fn lean(&self) -> bool {
        self.ctx.func.dfg.num_insts() >= lean_insts()
    }

    /// The full tier's target for the function in `self.ctx`: the quick
    /// tier's settings for one of at least [`HUGE_IR_INSTS`] instructions.
    fn full_tier_isa(&self) -> OwnedTargetIsa {
        if self.ctx.func.dfg.num_insts() >= HUGE_IR_INSTS {
            self.quick_isa.clone()
        } else if self.lean() {
            self.lean_isa.clone()
        } else {
            self.full_isa.clone()
        }
    }

    /// Places compiled `code` of function `id` in executable memory and
    /// returns its address (noted in `last_code`).
    #[cfg(not(target_arch = "x86_64"))]
    fn place(&mut self, id: FuncId, code: &Code) -> Result<*const u8, CompileError> {
        // Elsewhere the module defines it (its provider handles caches).
        self.module
            .define_function_bytes(id, code.alignment, &code.bytes, &code.relocs)
            .map_err(|e| CompileError::Cranelift(format!("{e:?}")))?;
        self.module
            .finalize_definitions()
            .map_err(|e| CompileError::Cranelift(e.to_string()))?;
        let address = self.module.get_finalized_function(id);
        self.last_code = (0, 0);
        Ok(address)
    }

    /// Places compiled `code` of function `id` in executable memory and
    /// returns its address (noted in `last_code`): the bytes are copied
    /// into `code_memory`, their relocations applied here (what
    /// `cranelift-jit` does for a defined function, without declaring a
    /// name that would stay for the module's lifetime), and the pages made
    /// executable.
    #[cfg(target_arch = "x86_64")]
    fn place(&mut self, id: FuncId, code: &Code) -> Result<*const u8, CompileError> {
        use cranelift_codegen::binemit::Reloc;
        use cranelift_module::ModuleRelocTarget;
        let memory_error = |e: std::io::Error| CompileError::Cranelift(format!("code memory: {e}"));
        let isa = self.module.isa();
        let align = code
            .alignment
            .max(isa.function_alignment().minimum as u64)
            .max(isa.symbol_alignment());
        let size = code.bytes.len();
        let base = self
            .code_memory
            .allocate_code(size, align)
            .map_err(memory_error)?;
        // SAFETY: `size` bytes at `base` were just allocated and are
        // writable until `finalize_code`.
        unsafe { std::ptr::copy_nonoverlapping(code.bytes.as_ptr(), base, size) };
        let mut result = Ok(());
        for reloc in &code.relocs {
            let target = match &reloc.name {
                ModuleRelocTarget::FunctionOffset(f, offset) if f.as_u32() == id.as_u32() => {
                    Some(base as usize + *offset as usize)
                }
                // A runtime function (the only functions declared) or a
                // libcall: found by name as the module links them.
                ModuleRelocTarget::User { namespace: 0, .. } | ModuleRelocTarget::LibCall(_) => {
                    Some(self.module.get_address(&reloc.name) as usize)
                }
                _ => None,
            };
            let offset = reloc.offset as usize;
            let what = target.and_then(|t| t.checked_add_signed(reloc.addend as isize));
            let Some(what) = what.filter(|_| offset < size) else {
                result = Err(format!(
                    "unresolved relocation {:?} at {}",
                    reloc.name, reloc.offset
                ));
                break;
            };
            // SAFETY: `offset < size`: inside the bytes written at `base`
            // (each kind's width is checked below).
            let at = unsafe { base.add(offset) };
            match reloc.kind {
                Reloc::Abs8 if offset + 8 <= size => {
                    // SAFETY: as above, 8 bytes.
                    unsafe { std::ptr::write_unaligned(at.cast::<u64>(), what as u64) };
                }
                Reloc::X86PCRel4 | Reloc::X86CallPCRel4 if offset + 4 <= size => {
                    match i32::try_from(what as isize - at as isize) {
                        // SAFETY: as above, 4 bytes.
                        Ok(pcrel) => unsafe { std::ptr::write_unaligned(at.cast::<i32>(), pcrel) },
                        Err(_) => {
                            result = Err(format!("relocation out of range at {}", reloc.offset));
                            break;
                        }
                    }
                }
                kind => {
                    result = Err(format!("unsupported relocation {kind:?}"));
                    break;
                }
            }
        }
        let finalized = self.code_memory.finalize_code().map_err(memory_error);
        if let Err(e) = result {
            // SAFETY: the code was never returned: nothing runs it.
            unsafe { self.code_memory.free_code(base, size) };
            return Err(CompileError::Cranelift(e));
        }
        finalized?;
        self.last_code = (base as usize, size);
        Ok(base)
    }

    /// Gives back the code memory of functions placed at `ranges` (the
    /// `last_code` of each).
    ///
    /// # Safety
    ///
    /// None of that code runs again: no frame of it is on the stack, and
    /// nothing (a closure, a template, a cache) can call it.
    pub(crate) unsafe fn free_code(&mut self, ranges: &[(usize, usize)]) {
        for &(at, len) in ranges {
            if len > 0 {
                // SAFETY: the caller's guarantee.
                unsafe { self.code_memory.free_code(at as *const u8, len) };
                self.costs.freed_code_bytes += len;
            }
        }
    }

    /// What compilations cost so far, with the code memory's figures.
    pub(crate) fn costs(&self) -> CompileCosts {
        CompileCosts {
            code_memory_mapped: self.code_memory.mapped_code_bytes(),
            code_memory_free: self.code_memory.free_code_bytes(),
            ..self.costs
        }
    }

    /// Takes the function built in `self.ctx` (to compile it elsewhere, see
    /// `compile_thread`) and the target of the full tier.
    pub(crate) fn take_function(&mut self) -> (Function, OwnedTargetIsa) {
        let isa = self.full_tier_isa();
        // A fresh `Function` would grow every vector from nothing again
        // (esprima: half of the full-tier IR build on the main thread was
        // `realloc` copying into freshly faulted pages).
        let spare = self.spare_functions.pop().unwrap_or_else(Function::new);
        let func = std::mem::replace(&mut self.ctx.func, spare);
        self.module.clear_context(&mut self.ctx);
        (func, isa)
    }

    /// Installs a function the compile thread compiled and returns its
    /// address and frame size (as [`Jit::finish_function`]).
    pub(crate) fn install(
        &mut self,
        done: compile_thread::Done,
    ) -> Result<(*const u8, usize), CompileError> {
        self.passes[1].add(&done.passes);
        self.costs.time += done.time;
        self.costs.ir_insts += done.ir_insts;
        self.costs.background_time += done.time;
        self.costs.background_insts += done.ir_insts;
        self.costs.background_functions += 1;
        if let Some(spare) = done.spare {
            if self.spare_functions.len() < compile_thread::MAX_SPARE_FUNCTIONS {
                self.spare_functions.push(spare);
            }
        }
        let mut code = done.code?;
        let address = self.place(done.id, &code)?;
        self.costs.code_bytes += code.bytes.len();
        self.last_call_sites = std::mem::take(&mut code.call_sites);
        self.last_code_size = code.bytes.len();
        log_compile(Tier::Full, true, done.ir_insts, code.bytes.len(), done.time);
        Ok((address, code.frame_size))
    }

    /// Cranelift's pass timings so far, quick tier then full tier (the
    /// `timing` feature of `cranelift-codegen`).
    pub fn pass_times(&self) -> String {
        format!(
            "quick tier:\n{}full tier:\n{}",
            self.passes[0], self.passes[1]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::RuntimeFn;

    #[test]
    fn runtime_functions_follow_the_convention() {
        let mut names = std::collections::HashSet::new();
        for &f in RuntimeFn::ALL {
            assert!(names.insert(f.name()), "{f}: declared twice");
            assert_eq!(f.params().len(), f.declared_params().len(), "{f}");
            assert_eq!(
                f.declared_params().first(),
                Some(&("ctx", "*mut Executor")),
                "{f}"
            );
        }
        assert_eq!(
            RuntimeFn::New.to_string(),
            "bridge::calls::runtime_new(ctx: *mut Executor, callee: u64, argc: u32, \
             argv: *const u64, ret: *mut u64) -> u32"
        );
    }
}
