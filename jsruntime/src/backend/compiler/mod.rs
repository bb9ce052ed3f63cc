//! Lowers one [`CompileScript`] to Cranelift IR.
//!
//! The compiler walks the commands once, keeping a compile-time operand stack
//! ([`Operand`]) and a stack of open control-flow constructs ([`Flow`]). It
//! emits inline fast paths for int32 and double arithmetic and comparisons
//! and calls the [`super::bridge`] runtime functions for everything else. A
//! malformed script (unbalanced markers, stack underflow, a locator out of
//! range) is a [`CompileError`], never a panic.
//!
//! This file holds the driver and the dispatch (`FunctionCompiler::command`);
//! each command is lowered in the file of its construct: `operand.rs` (the
//! operand stack, literals), `values.rs` (NaN-boxing in IR), `variables.rs`
//! (bindings, scopes, captures), `property.rs` (inline caches, literals of
//! objects and arrays), `call.rs` (calls, closures, arguments, helpers),
//! `operator.rs`, `control_flow.rs`, `exception.rs`, `dynamic.rs` (`with`) and
//! `sites.rs` (exception sites).

use hashbrown::HashMap;
use std::fmt;

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    self, types, Block, BlockArg, FuncRef, InstBuilder, MemFlagsData, StackSlot, StackSlotData,
    StackSlotKind,
};
use cranelift_frontend::{FunctionBuilder, Variable};
use cranelift_jit::JITModule;
use cranelift_module::{FuncId, Module};

use super::jit::{Jit, RuntimeFn, Tier};
use super::{Closure, FunctionTemplate, Status};
use crate::runtime::inline_cache::PropertyCache;
use crate::semantics::{
    ArgumentsMapping, CompileCommand, CompileScript, FunctionId, Program, ScopeRef, StringId,
    Symbol, VariableKind,
};
use crate::value::Value;

use control_flow::Flow;
pub use coroutine::FrameLayout;
use operand::Operand;
pub use type_of::TypeNames;
use variables::Slot;

mod call;
mod class;
pub(crate) mod control_flow;
pub(crate) mod coroutine;
mod dynamic;
mod element;
pub(crate) mod exception;
mod interrupt;
mod intrinsics;
mod loop_views;
mod operand;
mod operator;
mod osr;
mod private;
mod property;
mod sites;
mod type_of;
mod values;
mod variables;

const I8: ir::Type = types::I8;
const I32: ir::Type = types::I32;
const I64: ir::Type = types::I64;
const F64: ir::Type = types::F64;
const F32: ir::Type = types::F32;

/// Why a function could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// The script is inconsistent (a bug in the analyzer).
    Malformed(String),
    /// A command the backend does not lower yet.
    Unsupported(&'static str),
    /// Cranelift refused the function or the host.
    Cranelift(String),
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Malformed(m) => write!(f, "malformed compile script: {m}"),
            CompileError::Unsupported(what) => write!(f, "not supported yet: {what}"),
            CompileError::Cranelift(m) => write!(f, "code generation failed: {m}"),
        }
    }
}

impl std::error::Error for CompileError {}

fn malformed<T>(message: impl Into<String>) -> Result<T, CompileError> {
    Err(CompileError::Malformed(message.into()))
}

/// Services of the runtime the compiler needs while it emits code.
pub trait CompileHost {
    /// A string literal as a value that stays alive as long as the compiled
    /// code (the host roots it).
    fn string_constant(&mut self, program: &Program, id: StringId) -> Result<Value, CompileError>;
    /// The id passed to `runtime_get_global`/`runtime_set_global` for a
    /// global name.
    fn global_name(&mut self, program: &Program, symbol: Symbol) -> u32;
    /// The template shared by the closures of a function of the program
    /// being compiled.
    fn template(&mut self, function: FunctionId) -> Result<*const FunctionTemplate, CompileError>;
    /// `count` inline caches for the function being compiled (two per
    /// `CacheId`: get at `2 * id`, set at `2 * id + 1`), living as long as
    /// the compiled code; null to compile without caches.
    fn inline_caches(&mut self, count: u32) -> *const PropertyCache;
    /// The feedback table of the function being compiled (`len` bytes,
    /// `backend::feedback`), living as long as the compiled code: made
    /// (zeroed) when `create` is set and it does not exist yet; null when
    /// it does not exist (or has another length) and `create` is not set.
    fn feedback(&mut self, _len: usize, _create: bool) -> *mut u8 {
        std::ptr::null_mut()
    }
    /// The values of `Program::constant_lists[list]` as an array of value
    /// bits living as long as the compiled code, and their count.
    fn constant_list(
        &mut self,
        program: &Program,
        list: u32,
    ) -> Result<(*const u64, u32), CompileError> {
        let _ = (program, list);
        Err(CompileError::Unsupported("constant lists"))
    }
    /// The runtime lookup of the selectors of `Program::case_tables[table]`
    /// that are not int32 (`runtime_case_lookup`), living as long as the
    /// compiled code.
    fn case_lookup(
        &mut self,
        program: &Program,
        table: u32,
    ) -> Result<*const crate::backend::bridge::switch::CaseLookup, CompileError> {
        let _ = (program, table);
        Err(CompileError::Unsupported("case lookup tables"))
    }
    /// The address of the value of a binding of the global declarative
    /// record (an escaped capture cell, see `backend::global_env`) and
    /// whether it is mutable; `None` when `name` is not declared lexically
    /// (yet).
    fn global_lexical(&mut self, name: u32) -> Option<(*mut u64, bool)> {
        let _ = name;
        None
    }
    /// The referrer of `import()` and `import.meta` in the code being
    /// compiled (9.4.1 GetActiveScriptOrModule): a value only the host
    /// interprets.
    fn active_script_or_module(&mut self) -> Value {
        Value::UNDEFINED
    }
    /// The intrinsic `which` of the realm of the program being compiled (a
    /// value's bits) when it is an object, which lives as long as its
    /// realm; `None` offline, where inline caches are placeholders that
    /// must not be read (`print_clif`). Named sites compare a string
    /// receiver's cached prototype with %String.prototype%
    /// (`compiler/property.rs`).
    fn intrinsic_constant(&mut self, which: crate::runtime::Intrinsic) -> Option<u64> {
        let _ = which;
        None
    }
    /// Keeps the cell at `addr` (a shape or an object read from a live
    /// inline cache) alive as long as the compiled code, which embeds its
    /// address; `false` offline, where nothing may be embedded.
    fn keep_cell_alive(&mut self, addr: usize) -> bool {
        let _ = addr;
        false
    }
    /// The result strings of `typeof` (atoms the runtime keeps for its
    /// lifetime); `None` to call the runtime instead (offline).
    fn type_names(&mut self) -> Option<TypeNames> {
        None
    }
    /// Whether calls may jump straight into a closure's lambda (realm 0
    /// code); code of another realm calls through `runtime_call`, which
    /// switches realms (`runtime::realm`).
    fn direct_closure_calls(&mut self) -> bool {
        true
    }
    /// The address of the runtime's interrupt flag (one byte, see
    /// `runtime::limits`) that compiled code polls at function entries and
    /// loop headers; `None` to compile without polls.
    fn interrupt_flag(&mut self) -> Option<usize> {
        None
    }
    /// The global object (as a value's bits) and the inline caches of the
    /// global name `name`: the get cache (see `runtime_get_global_cached`),
    /// followed in memory by the set cache (`runtime_set_global_cached`);
    /// `None` to access globals without a cache.
    fn global_cache(&mut self, name: u32) -> Option<(u64, *const PropertyCache)> {
        let _ = name;
        None
    }
    /// A BigInt literal (its digits in `radix` are string `digits` of the
    /// program) as a value that stays alive as long as the compiled code.
    fn bigint_constant(
        &mut self,
        program: &Program,
        radix: u32,
        digits: StringId,
    ) -> Result<Value, CompileError> {
        let _ = (program, radix, digits);
        Err(CompileError::Unsupported("BigInt literals"))
    }
    /// The template object of tagged template site `site` (13.2.8.4
    /// GetTemplateObject), created once per site and kept alive as long as
    /// the compiled code.
    fn template_object(&mut self, program: &Program, site: u32) -> Result<Value, CompileError> {
        let _ = (program, site);
        Err(CompileError::Unsupported("tagged templates"))
    }
}

/// Compiles the function `id` of `program` into `jit.ctx` (without defining
/// it in the module).
fn build(
    jit: &mut Jit,
    program: &Program,
    id: FunctionId,
    host: &mut dyn CompileHost,
    tier: Tier,
    osr_entries: bool,
) -> Result<Option<FrameLayout>, CompileError> {
    let script = program
        .function(id)
        .ok_or_else(|| CompileError::Malformed(format!("no function {}", id.0)))?;
    let runtime = RuntimeImports {
        ids: &mut jit.runtime_ids,
        refs: HashMap::new(),
        module: &mut jit.module,
    };
    let config = runtime.module.target_config();
    // The function's template identifies it in exception sites.
    let template = host.template(id)? as u64;
    let builder = FunctionBuilder::new(&mut jit.ctx.func, &mut jit.builder_ctx);
    let result =
        FunctionCompiler::new(builder, program, script, host, runtime).and_then(|mut compiler| {
            compiler.sites.template = template;
            compiler.tier = tier;
            compiler.run_once = id.0 == 0;
            let quick_osr = tier == Tier::Quick && osr_capable(program, id);
            compiler.init_osr(quick_osr || osr_entries);
            compiler.run()?;
            let frame = compiler.frame_layout();
            compiler.b.seal_all_blocks();
            compiler.b.finalize(config);
            Ok(frame)
        });
    if result.is_ok() {
        propagate_cold(&mut jit.ctx.func);
    }
    if result.is_err() {
        // The builder context keeps the abandoned function's state.
        jit.builder_ctx = cranelift_frontend::FunctionBuilderContext::new();
    }
    result
}

/// Marks cold every block that only cold blocks lead to (the continuation
/// of a slow path's runtime call, the generic path behind a cold guard).
///
/// Cranelift lowers blocks in reverse postorder, with a branch's second
/// successor (and the edge blocks of its first) right after it, and moves
/// only the blocks marked cold to the end. So an unlikely path whose
/// blocks are not all marked often sits between a branch and its likely
/// successor, which then costs a taken jump: typed_matmul's inner loop
/// took 25 taken jumps per iteration, and was bound by them rather than
/// by its instructions. The compiler marks the first block of each
/// unlikely path (slow paths, and the paths a site's feedback never saw);
/// this pass marks the rest.
fn propagate_cold(func: &mut ir::Function) {
    let cfg = cranelift_codegen::flowgraph::ControlFlowGraph::with_function(func);
    let entry = func.layout.entry_block();
    let blocks: Vec<Block> = func.layout.blocks().collect();
    loop {
        let mut changed = false;
        for &block in &blocks {
            if Some(block) == entry || func.layout.is_cold(block) {
                continue;
            }
            let mut preds = cfg.pred_iter(block).peekable();
            if preds.peek().is_some() && preds.all(|p| func.layout.is_cold(p.block)) {
                func.layout.set_cold(block);
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// A function compiled to native code.
pub struct Compiled {
    /// The code's address: a lambda, or a coroutine body when `frame` is
    /// set.
    pub address: *const u8,
    /// The frame of a coroutine body (generators, async functions).
    pub frame: Option<FrameLayout>,
    /// The native stack frame's size in bytes.
    pub frame_size: usize,
}

/// Whether function `id` of `program` compiles to a coroutine body.
fn is_coroutine(program: &Program, id: FunctionId) -> bool {
    program
        .function(id)
        .is_some_and(|s| matches!(s.commands.first(), Some(CompileCommand::JumpTable(_))))
}

/// The tier of function `id`'s first compilation ([`Tier`]): quick unless
/// it is a coroutine body, or has a loop and cannot leave it by on-stack
/// replacement ([`osr_capable`]: direct eval, `with`). A program's top level (function 0:
/// a script's or eval code's body) is compiled full too: its frame lives
/// as long as the program runs, and the quick tier's spill slots would keep
/// stale values visible to the conservative stack scan all that time.
/// Except a tiny top level (at most [`TINY_TOP_LEVEL`] commands, no loop):
/// its few spill slots hold little, and the full tier's fixed cost
/// (Cranelift's optimiser and register allocator set up for one small
/// function) was a third of a hello world's instructions. And a huge one
/// (more than [`HUGE_FUNCTION`] commands, no loop; generated code, a long
/// list of statements or cases): the full tier's register allocator is
/// superlinear in a function's size (200,000 `var` statements did not
/// compile in 5 minutes), the quick tier's single pass is not. A huge
/// function that is not a coroutine body is quick even with loops, and
/// stays quick (see [`is_huge`]): a 20,000-case `switch` took 90 s in the
/// full tier.
pub fn first_tier(program: &Program, id: FunctionId) -> Tier {
    match program.function(id) {
        Some(script) if is_huge(script) && !is_coroutine(program, id) => Tier::Quick,
        Some(script)
            if (id.0 != 0 || script.commands.len() <= TINY_TOP_LEVEL)
                && !matches!(script.commands.first(), Some(CompileCommand::JumpTable(_)))
                && !has_loop(script) =>
        {
            Tier::Quick
        }
        Some(_) if osr_capable(program, id) => Tier::Quick,
        _ => Tier::Full,
    }
}

fn has_loop(script: &CompileScript) -> bool {
    script
        .commands
        .iter()
        .any(|c| matches!(c, CompileCommand::LoopStart(_)))
}

/// Whether function `id` has loops and starts in the quick tier, which
/// leaves them for the full tier by on-stack replacement (`osr.rs`): a
/// function (not a program's top level, whose frame lives all run long) that
/// is not a coroutine body, not huge, and has no direct eval or `with`
/// (whose environments the save area does not carry).
fn osr_capable(program: &Program, id: FunctionId) -> bool {
    id.0 != 0
        && !is_coroutine(program, id)
        && program.function(id).is_some_and(|script| {
            !is_huge(script)
                && has_loop(script)
                && !script.commands.iter().any(|c| {
                    matches!(
                        c,
                        CompileCommand::DirectEval(_) | CompileCommand::DynamicReference { .. }
                    )
                })
        })
}

/// Whether the full tier of function `id` (built at its tier-up) has the
/// on-stack replacement entries of its loops (`osr.rs`).
pub fn has_osr_entries(program: &Program, id: FunctionId) -> bool {
    osr_capable(program, id)
}

/// The [`CompileError::Unsupported`] of a quick compilation that met a loop
/// it cannot leave by on-stack replacement: the function compiles full.
pub const OSR_UNSUPPORTED: &str = "on-stack replacement at this loop";

/// Whether a function is too large for the full tier (more than
/// [`HUGE_FUNCTION`] commands): its quick code never counts calls towards
/// a tier-up.
pub fn is_huge(script: &CompileScript) -> bool {
    script.commands.len() > HUGE_FUNCTION
}

/// The most commands of a top level compiled by the quick tier (see
/// [`first_tier`]).
pub const TINY_TOP_LEVEL: usize = 64;

/// The fewest commands of a top level compiled by the quick tier for its
/// size (see [`first_tier`]).
pub const HUGE_FUNCTION: usize = 20_000;

/// Compiles function `id` of `program` to native code.
pub fn compile(
    jit: &mut Jit,
    program: &Program,
    id: FunctionId,
    host: &mut dyn CompileHost,
    tier: Tier,
) -> Result<Compiled, CompileError> {
    let (func_id, frame) = begin_and_build(jit, program, id, host, tier, false)?;
    let (address, frame_size) = jit.finish_function(func_id, tier)?;
    Ok(Compiled {
        address,
        frame,
        frame_size,
    })
}

/// Declares function `id` of `program` in the module and builds its IR
/// into `jit.ctx` (timed as `CompileCosts::build_time`).
fn begin_and_build(
    jit: &mut Jit,
    program: &Program,
    id: FunctionId,
    host: &mut dyn CompileHost,
    tier: Tier,
    osr_entries: bool,
) -> Result<(FuncId, Option<FrameLayout>), CompileError> {
    let name = program
        .function(id)
        .and_then(|s| s.name)
        .map(|s| sanitize(program.symbol_name(s)))
        .unwrap_or_else(|| format!("fn{}", id.0));
    let start = std::time::Instant::now();
    let func_id = jit.begin_function(&name, is_coroutine(program, id))?;
    let built = build(jit, program, id, host, tier, osr_entries);
    jit.costs.build_time += start.elapsed();
    match built {
        Ok(frame) => Ok((func_id, frame)),
        Err(e) => {
            jit.module.clear_context(&mut jit.ctx);
            Err(e)
        }
    }
}

/// Builds the full tier of lambda `id` of `program` and returns its IR, to
/// be compiled by the compile thread (`backend::compile_thread`) and
/// installed with `Jit::install`.
pub fn build_full_tier(
    jit: &mut Jit,
    program: &Program,
    id: FunctionId,
    host: &mut dyn CompileHost,
) -> Result<(FuncId, ir::Function, cranelift_codegen::isa::OwnedTargetIsa), CompileError> {
    let osr_entries = has_osr_entries(program, id);
    let (func_id, frame) = begin_and_build(jit, program, id, host, Tier::Full, osr_entries)?;
    let (func, isa) = jit.take_function();
    if frame.is_some() {
        return Err(CompileError::Malformed(
            "a coroutine body compiled as a lambda".into(),
        ));
    }
    Ok((func_id, func, isa))
}

/// The Cranelift IR (CLIF) of function `id`, as `jstb compile --print clif`
/// shows it. Nothing is compiled to machine code.
pub fn print_clif(
    jit: &mut Jit,
    program: &Program,
    id: FunctionId,
    host: &mut dyn CompileHost,
) -> Result<String, CompileError> {
    jit.module.clear_context(&mut jit.ctx);
    jit.ctx.func.signature = if is_coroutine(program, id) {
        jit.coroutine_signature().clone()
    } else {
        jit.lambda_signature().clone()
    };
    jit.ctx.func.name = ir::UserFuncName::user(1, id.0);
    let tier = first_tier(program, id);
    let result =
        build(jit, program, id, host, tier, false).map(|_| jit.ctx.func.display().to_string());
    jit.module.clear_context(&mut jit.ctx);
    result
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn trusted() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// The runtime functions, imported into the function on first use.
struct RuntimeImports<'m> {
    ids: &'m mut [Option<FuncId>],
    refs: HashMap<RuntimeFn, FuncRef>,
    module: &'m mut JITModule,
}

struct FunctionCompiler<'a, 'p> {
    b: FunctionBuilder<'a>,
    program: &'p Program,
    script: &'p CompileScript,
    host: &'p mut dyn CompileHost,
    runtime: RuntimeImports<'p>,

    // Parameters of the lambda.
    ctx: ir::Value,
    closure: ir::Value,
    this: ir::Value,
    /// `argc` and `argv` of the call (valid for the whole call).
    argc: ir::Value,
    argv_ptr: ir::Value,
    ret: ir::Value,

    /// Out parameter of runtime calls; also where a thrown value waits for
    /// its handler.
    scratch: StackSlot,
    /// Argument vector of calls (and capture vector of closures).
    argv: Option<StackSlot>,
    /// The entries of the argument area that hold a captured frame slot's
    /// address rather than its cell, for the closure being created
    /// (`call.rs`, `capture`).
    slot_captures: u64,
    /// Arguments then locals.
    slots: Vec<Slot>,
    /// Kind of each slot's binding, when a scope declares it.
    kinds: Vec<Option<VariableKind>>,
    /// Per slot, the unboxed companions of a `var` held in a register in
    /// the full tier (`variables.rs`, `init_unboxed_vars`): a raw flag
    /// (`i8`) and a double (`f64`).
    unboxed_vars: Vec<Option<(Variable, Variable)>>,
    /// The `i8` 0 every boxed store gives a companion's raw flag (one SSA
    /// value, so that loops of int32 code carry no extra block parameter).
    raw_zero: Option<ir::Value>,
    /// Int32 values held unboxed in the full tier (`values.rs`,
    /// `variables.rs`): the boxed values made from them, the int32
    /// companions of locals.
    ints: values::IntState,
    /// The completion value of `return`.
    return_value: Variable,

    operands: Vec<Operand>,
    flows: Vec<Flow>,
    scopes: Vec<ScopeRef>,
    pending_labels: Vec<Symbol>,

    return_block: Block,
    throw_block: Block,
    /// Where interrupt polls go when the flag is set (`interrupt`),
    /// created by the first poll.
    terminate_block: Option<Block>,
    /// The function's inline caches (null: none).
    caches: *const PropertyCache,
    /// The cached access sites whose key is `length` (`element.rs`).
    length_sites: hashbrown::HashSet<u32>,
    /// Callees read from a property named like an inline Math function
    /// (`intrinsics.rs`), full tier only.
    math_callees: Vec<(ir::Value, crate::builtins::math::MathOp, usize)>,
    /// Callees read as `s.charCodeAt` at a site that saw strings
    /// (`call.rs`), full tier only.
    char_code_callees: Vec<ir::Value>,
    /// The hoisted typed-array view of each element site that has one, by
    /// command index (`loop_views.rs`).
    site_views: HashMap<usize, loop_views::ViewVars>,
    /// The kind of entry the next get cache check's site holds (`true`: a
    /// prototype-chain entry), for the layout of its hit paths
    /// (`property.rs`).
    entry_hint: Option<bool>,
    /// The views each loop defines at its entry, by loop number, with the
    /// slots they read (`loop_views.rs`).
    loop_views: HashMap<u32, Vec<(usize, loop_views::ViewVars)>>,
    /// Quick code counts its calls (see [`Tier`]).
    tier: Tier,
    /// A program's top level (function 0 of a script, module or eval
    /// code): it runs once, so outside its loops it is compiled compact
    /// like quick code ([`Self::compact`]).
    run_once: bool,
    /// Exception sites (source positions noted on the exception path).
    sites: sites::Sites,
    /// The jump table and frame of a generator or async function body.
    coroutine: Option<coroutine::CoroutineState>,
    /// On-stack replacement: the quick tier's back-edge counter and save
    /// area, or the full tier's entries at loop headers (`osr.rs`).
    osr: Option<osr::OsrState>,
    /// Loops (`LoopStart`) met so far: the next loop's number.
    loops: u32,
    /// Quick tier: the function's feedback table, which its operator and
    /// element calls fill (null: no recording). See `backend::feedback`.
    feedback_table: *mut u8,
    /// Full tier built at a tier-up: a copy of the feedback the quick
    /// code recorded, which selects the paths each site gets.
    feedback: Option<Box<[u8]>>,
    /// The index of the command being lowered (its feedback bytes are
    /// `2 * index` and `2 * index + 1`).
    command_index: usize,
}

impl<'a, 'p> FunctionCompiler<'a, 'p> {
    fn new(
        mut b: FunctionBuilder<'a>,
        program: &'p Program,
        script: &'p CompileScript,
        host: &'p mut dyn CompileHost,
        runtime: RuntimeImports<'p>,
    ) -> Result<Self, CompileError> {
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let params = b.block_params(entry).to_vec();
        let [ctx, closure, this, argc, argv, ret] = params[..params.len().min(6)] else {
            return Err(CompileError::Cranelift(
                "unexpected lambda signature".into(),
            ));
        };
        // A coroutine body branches to its resume blocks before the prologue.
        let coroutine = match script.commands.first() {
            Some(&CompileCommand::JumpTable(states)) => Some(coroutine::CoroutineState::begin(
                &mut b,
                script,
                &params[6..],
                states,
                this,
            )?),
            _ => None,
        };

        let scratch =
            b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
        let mut max_argc = 0usize;
        for command in &script.commands {
            match command {
                CompileCommand::Call(n)
                | CompileCommand::New(n)
                | CompileCommand::SuperCall(n)
                | CompileCommand::DirectEval(n) => max_argc = max_argc.max(*n as usize),
                CompileCommand::Helper(h) => max_argc = max_argc.max(h.arity()),
                // `pin_property_key` calls the ToPropertyKey helper.
                CompileCommand::CompoundAssignmentBegin
                | CompileCommand::ShortCircuitAssignment(_)
                | CompileCommand::Unary(_) => max_argc = max_argc.max(1),
                CompileCommand::ArgumentsObject(ArgumentsMapping::Mapped(n)) => {
                    max_argc = max_argc.max(*n as usize)
                }
                CompileCommand::Closure(f) => {
                    let n = program.function(*f).map_or(0, |s| s.captures.len());
                    max_argc = max_argc.max(n);
                }
                _ => {}
            }
        }
        let argv_slot = (max_argc > 0).then(|| {
            b.create_sized_stack_slot(StackSlotData::new(
                StackSlotKind::ExplicitSlot,
                (max_argc * 8) as u32,
                3,
            ))
        });

        // Which bindings are captured, and their kinds.
        let num_params = script.num_params as usize;
        let num_slots = num_params + script.num_locals as usize;
        let (captured, kinds) = script.binding_table().map_err(|symbol| {
            CompileError::Malformed(format!(
                "variable {} declared outside the function's bindings",
                program.symbol_name(symbol)
            ))
        })?;

        let undefined = b.ins().iconst(I64, Value::UNDEFINED.to_bits() as i64);
        let zero_ptr = b.ins().iconst(I64, 0);
        let mut slots = Vec::with_capacity(num_slots);
        for (index, &is_captured) in captured.iter().enumerate() {
            let initial = if index < num_params {
                // Prologue: argv[i] if i < argc, else undefined.
                let load = b.create_block();
                let done = b.create_block();
                let value = b.append_block_param(done, I64);
                let present = b
                    .ins()
                    .icmp_imm_u(IntCC::UnsignedGreaterThan, argc, index as i64);
                b.ins()
                    .brif(present, load, &[], done, &[BlockArg::Value(undefined)]);
                b.switch_to_block(load);
                let arg = b.ins().load(I64, trusted(), argv, (index * 8) as i32);
                b.ins().jump(done, &[BlockArg::Value(arg)]);
                b.switch_to_block(done);
                value
            } else {
                undefined
            };
            if is_captured {
                let slot = b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    16,
                    3,
                ));
                b.ins().stack_store(I64, initial, slot, 0);
                b.ins()
                    .stack_store(I64, zero_ptr, slot, variables::CELL_OFFSET);
                slots.push(Slot::Memory { slot });
            } else {
                let var = b.declare_var(I64);
                b.def_var(var, initial);
                slots.push(Slot::Register(var));
            }
        }
        let return_value = b.declare_var(I64);
        b.def_var(return_value, undefined);

        let return_block = b.create_block();
        let throw_block = b.create_block();
        b.set_cold_block(throw_block);

        Ok(FunctionCompiler {
            b,
            program,
            script,
            host,
            runtime,
            ctx,
            closure,
            this,
            argc,
            argv_ptr: argv,
            ret,
            scratch,
            argv: argv_slot,
            slot_captures: 0,
            slots,
            kinds,
            unboxed_vars: Vec::new(),
            raw_zero: None,
            ints: Default::default(),
            return_value,
            operands: Vec::new(),
            flows: Vec::new(),
            scopes: Vec::new(),
            pending_labels: Vec::new(),
            return_block,
            throw_block,
            terminate_block: None,
            caches: std::ptr::null(),
            length_sites: Default::default(),
            math_callees: Vec::new(),
            char_code_callees: Vec::new(),
            site_views: Default::default(),
            entry_hint: None,
            loop_views: Default::default(),
            tier: Tier::Full,
            run_once: false,
            sites: sites::Sites::new(),
            coroutine,
            osr: None,
            loops: 0,
            feedback_table: std::ptr::null_mut(),
            feedback: None,
            command_index: 0,
        })
    }

    fn run(&mut self) -> Result<(), CompileError> {
        if self.script.num_inline_caches > 0 {
            self.caches = self.host.inline_caches(self.script.num_inline_caches * 2);
        }
        self.init_feedback();
        self.init_unboxed_vars();
        // A full tier with on-stack replacement entries reads its save area
        // first (`osr.rs`).
        self.osr_read_buffer();
        // Function entry: the interrupt poll (runtime::limits).
        self.poll_interrupt();
        if self.tier == Tier::Quick && !is_huge(self.script) {
            self.count_call();
        }
        // 10.2.1.2 OrdinaryCallBindThis: a non-strict function sees the
        // global object for undefined/null and a wrapper for primitives.
        if !self.script.flags.strict
            && !self.script.flags.arrow
            && self.script.commands.contains(&CompileCommand::This)
        {
            let scratch = self.scratch_addr();
            self.this =
                self.call_runtime_checked(RuntimeFn::CoerceThis, &[self.ctx, self.this, scratch]);
            if let Some(c) = &self.coroutine {
                self.b.def_var(c.this, self.this);
            }
        }
        self.osr_branch();
        for (index, command) in self.script.commands.iter().enumerate() {
            self.command_index = index;
            self.sites.position = self
                .script
                .position(index)
                .unwrap_or(sites::UNKNOWN_POSITION);
            // Call sites map back to it (`backend::stack_walk`).
            self.b.set_srcloc(ir::SourceLoc::new(self.sites.position));
            if !matches!(
                command,
                CompileCommand::LabelStart(_) | CompileCommand::LoopStart(_)
            ) {
                self.pending_labels.clear();
            }
            self.command(command)?;
        }
        if !self.flows.is_empty() {
            return malformed("unclosed control-flow construct at the end of the function");
        }
        // Falling off the end returns undefined (ECMA-262 10.2.1.4
        // OrdinaryCallEvaluateBody: a normal completion returns undefined).
        let undefined = self.constant(Value::UNDEFINED);
        self.b.def_var(self.return_value, undefined);
        self.b.ins().jump(self.return_block, &[]);

        // return: escape every cell (the frame dies), store the value.
        self.b.switch_to_block(self.return_block);
        self.escape_all();
        let value = self.b.use_var(self.return_value);
        self.b.ins().store(trusted(), value, self.ret, 0);
        let status = self.b.ins().iconst(I32, Status::Normal as i64);
        self.b.ins().return_(&[status]);

        // Uncaught exception: the value is in the scratch slot.
        self.b.switch_to_block(self.throw_block);
        self.escape_all();
        let value = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.b.ins().store(trusted(), value, self.ret, 0);
        let status = self.b.ins().iconst(I32, Status::Exception as i64);
        self.b.ins().return_(&[status]);
        self.fill_raise_blocks();
        self.finish_jump_table();
        self.finish_osr_dispatch();
        Ok(())
    }

    // ----- Small helpers -----

    /// Whether generic operations call the runtime instead of inlining
    /// their fast paths. Quick-tier code runs a limited number of times (it
    /// has no loop and tiers up after `tier_up_calls` calls), while Cranelift costs
    /// about 5,000 host instructions per IR instruction: for run-once code
    /// (module bodies, a library's top-level setup) an inline fast path
    /// costs far more to compile than it can save. The runtime paths fill
    /// the same inline caches, so the full tier starts warm. A program's
    /// top level is compiled full (see [`first_tier`]) but runs once: it is
    /// compact outside its loops.
    fn compact(&self) -> bool {
        self.tier == Tier::Quick
            || (self.run_once
                && !self
                    .flows
                    .iter()
                    .any(|f| matches!(f, control_flow::Flow::Loop { .. })))
    }

    /// Type feedback (`backend::feedback`): quick code that tiers up
    /// records into the function's table; the full tier reads a copy of
    /// the table when the quick tier made one (a function compiled full at
    /// once has none, and gets the generic paths everywhere).
    fn init_feedback(&mut self) {
        let len = 2 * self.script.commands.len();
        if self.tier == Tier::Quick {
            // Huge quick code never tiers up: nothing would read it.
            if !is_huge(self.script) {
                self.feedback_table = self.host.feedback(len, true);
            }
            return;
        }
        let table = self.host.feedback(len, false);
        if !table.is_null() {
            // SAFETY: the host's table has `len` bytes and lives as long as
            // the executor; the runtime is single-threaded, so the quick
            // code is not writing it now.
            let bytes = unsafe { std::slice::from_raw_parts(table, len) };
            self.feedback = Some(bytes.into());
        }
    }

    /// The address (as an IR constant) of the current command's feedback
    /// byte (`element`: its element byte, else its operator byte), when the
    /// quick code records feedback.
    fn feedback_site(&mut self, element: bool) -> Option<ir::Value> {
        if self.feedback_table.is_null() {
            return None;
        }
        let offset = 2 * self.command_index + element as usize;
        let addr = self.feedback_table as usize + offset;
        Some(self.b.ins().iconst(I64, addr as i64))
    }

    /// The feedback of the current command's site (`element`: its element
    /// byte, else its operator byte) in a full tier built at a tier-up;
    /// `None` (every path) otherwise.
    fn site_feedback(&self, element: bool) -> Option<u8> {
        let table = self.feedback.as_ref()?;
        table
            .get(2 * self.command_index + element as usize)
            .copied()
    }

    /// Whether the current command lies inside a loop.
    fn in_loop(&self) -> bool {
        self.flows
            .iter()
            .any(|f| matches!(f, control_flow::Flow::Loop { .. }))
    }

    /// Quick-tier entry: counts the call down in the template's `hotness`
    /// and asks for the full tier when it goes below zero.
    fn count_call(&mut self) {
        let template = self
            .b
            .ins()
            .load(I64, trusted(), self.closure, Closure::TEMPLATE_OFFSET);
        let hotness = self
            .b
            .ins()
            .load(I32, trusted(), template, FunctionTemplate::HOTNESS_OFFSET);
        let left = self.b.ins().iadd_imm_s(hotness, -1);
        self.b
            .ins()
            .store(trusted(), left, template, FunctionTemplate::HOTNESS_OFFSET);
        let hot = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, left, 0);
        let tier_up = self.b.create_block();
        self.b.set_cold_block(tier_up);
        let body = self.b.create_block();
        self.b.ins().brif(hot, tier_up, &[], body, &[]);
        self.b.switch_to_block(tier_up);
        self.call_runtime(RuntimeFn::TierUp, &[self.ctx, self.closure]);
        self.b.ins().jump(body, &[]);
        self.b.switch_to_block(body);
    }

    fn call_runtime(&mut self, f: RuntimeFn, args: &[ir::Value]) -> ir::Value {
        let func_ref = match self.runtime.refs.get(&f) {
            Some(&r) => r,
            None => {
                let id =
                    crate::backend::jit::declare_runtime(self.runtime.module, self.runtime.ids, f);
                let r = self.runtime.module.declare_func_in_func(id, self.b.func);
                self.runtime.refs.insert(f, r);
                r
            }
        };
        let inst = self.b.ins().call(func_ref, args);
        self.b.inst_results(inst)[0]
    }

    fn scratch_addr(&mut self) -> ir::Value {
        self.b.ins().stack_addr(I64, self.scratch, 0)
    }

    /// Calls a runtime function returning a status, branches to the handler
    /// on an exception, and returns the value left in the scratch slot.
    fn call_runtime_checked(&mut self, f: RuntimeFn, args: &[ir::Value]) -> ir::Value {
        let status = self.call_runtime(f, args);
        self.check_status(status);
        self.b.ins().stack_load(I64, I64, self.scratch, 0)
    }

    /// Branches to the innermost handler if `status` is not Normal.
    fn check_status(&mut self, status: ir::Value) {
        let handler = self.raise_block();
        let cont = self.b.create_block();
        self.b.ins().brif(status, handler, &[], cont, &[]);
        self.b.switch_to_block(cont);
    }

    /// After an unconditional transfer: code up to the next marker is dead.
    fn start_dead_block(&mut self) {
        let block = self.b.create_block();
        self.b.switch_to_block(block);
    }

    // ----- Commands -----

    /// Lowers one command; each arm is the command's function in the file of
    /// its construct.
    fn command(&mut self, command: &CompileCommand) -> Result<(), CompileError> {
        use CompileCommand as C;
        let effect = command.stack_effect();
        if command.settles() {
            self.settle(effect.max_pops())?;
        }
        #[cfg(debug_assertions)]
        let depth = self.operands.len();
        match *command {
            C::Undefined => self.operands.push(Operand::Undefined),
            C::Null => self.operands.push(Operand::Null),
            C::Boolean(b) => self.operands.push(Operand::Boolean(b)),
            C::Number(n) => self.operands.push(Operand::Number(n)),
            C::String(id) => self.string_literal(id)?,
            C::BigInt { radix, digits } => self.bigint_literal(radix, digits)?,
            C::This => self.operands.push(Operand::This),
            C::VariableReference(symbol, locator) => self.variable_reference(symbol, locator)?,
            C::DynamicReference {
                symbol,
                locator,
                envs,
                with_mask,
            } => self.dynamic_reference(symbol, locator, envs, with_mask)?,
            C::GetProperty(cache) => self.read_property(cache)?,
            C::PropertyReference(cache) => self.property_reference(cache)?,
            C::CalleeProperty(cache) => self.callee_property(cache)?,
            C::CalleeWithThis => self.callee_with_this()?,
            C::GetSuperProperty(cache) => self.get_super_property(cache)?,
            C::DefineField(cache) => self.define_field(cache)?,
            C::DefinePrivateField(cache) => self.define_private_field(cache)?,
            C::SuperCall(argc) => self.super_call(Some(argc))?,
            C::SuperCallForward => self.super_call(None)?,
            C::PrivateKey => self.private_key()?,
            C::PushScope(scope) => self.push_scope(scope)?,
            C::PopScope(scope) => self.pop_scope(scope)?,
            C::DeclareVars(scope) => self.declare_vars(scope)?,
            C::Initialize => self.initialize()?,
            C::Closure(function) => self.closure(function)?,
            C::Capture(locator) => self.capture(locator)?,
            C::Call(argc) => self.call(argc, false)?,
            C::New(argc) => self.call(argc, true)?,
            C::DirectEval(argc) => self.direct_eval(argc)?,
            C::Return(has_value) => self.return_from(has_value)?,
            C::Throw => self.throw()?,
            C::Object => self.create_literal(RuntimeFn::CreateObject)?,
            C::Array => self.create_literal(RuntimeFn::CreateArray)?,
            C::CreateDataProperty => self.create_data_property()?,
            C::PushArrayElement => self.push_array_element()?,
            C::PushArrayConstants(list) => self.push_array_constants(list)?,
            C::Unary(op) => self.unary_operator(op)?,
            C::Binary(op) => self.binary_operator(op)?,
            C::Assignment => self.assignment()?,
            C::CompoundAssignmentBegin => self.compound_assignment_begin()?,
            C::CompoundAssignment(op) => self.compound_assignment(op)?,
            C::ShortCircuit(kind) => self.short_circuit(kind, false)?,
            C::ShortCircuitAssignment(kind) => self.short_circuit(kind, true)?,
            C::ShortCircuitEnd => self.short_circuit_end()?,
            C::IfThen => self.if_then()?,
            C::Else => self.else_branch()?,
            C::IfStatement | C::IfElseStatement | C::ConditionalExpression => {
                self.end_if(command)?
            }
            C::LoopStart(flags) => self.loop_start(flags)?,
            C::LoopInit => self.loop_init()?,
            C::LoopTest => self.loop_test()?,
            C::LoopNext => self.loop_next()?,
            C::LoopBody => self.loop_body()?,
            C::LoopEnd => self.loop_end()?,
            C::CaseIndex(table) => self.case_index(table)?,
            C::SwitchCases(clauses) => self.switch_cases(clauses)?,
            C::SwitchClause(k) => self.switch_clause(k)?,
            C::SwitchEnd => self.switch_end()?,
            C::LabelStart(symbol) => self.label_start(symbol)?,
            C::LabelEnd(symbol) => self.label_end(symbol)?,
            C::Break(label) => self.break_to(label)?,
            C::Continue(label) => self.continue_to(label)?,
            C::Try {
                has_catch,
                has_finally,
            } => self.try_start(has_catch, has_finally)?,
            C::Catch(has_parameter) => self.catch(has_parameter)?,
            C::Finally => self.finally()?,
            C::TryEnd => self.try_end()?,
            C::Discard => self.discard()?,
            C::Dup => self.dup()?,
            C::Swap => self.swap()?,
            C::Dereference => self.dereference()?,
            C::Debugger => {}
            C::Arguments(start) => self.rest_arguments(start)?,
            C::ArgumentsObject(mapping) => self.arguments_object(mapping)?,
            C::NewTarget => self.new_target()?,
            C::ActiveScriptOrModule => self.active_script_or_module()?,
            C::TemplateObject(site) => self.template_object(site)?,
            C::DeclareGlobalVar(symbol) => self.declare_global_var(symbol)?,
            C::Helper(helper) => self.helper(helper)?,
            C::JumpTable(states) => self.jump_table(states)?,
            C::GeneratorStart(state) => self.generator_start(state)?,
            C::Await(state) => self.await_value(state)?,
            C::Yield(state) => self.yield_value(state)?,
            C::YieldDelegate(state) => self.yield_delegate(state)?,
            C::AsyncYieldDelegate(state) => self.async_yield_delegate(state)?,
        }
        #[cfg(debug_assertions)]
        self.check_stack_effect(command, effect, depth)?;
        Ok(())
    }

    /// Debug builds: the operand stack went from `before` entries to what
    /// the command's declared [`crate::semantics::StackEffect`] says.
    #[cfg(debug_assertions)]
    fn check_stack_effect(
        &self,
        command: &CompileCommand,
        effect: crate::semantics::StackEffect,
        before: usize,
    ) -> Result<(), CompileError> {
        use crate::semantics::StackEffect;
        let after = self.operands.len();
        let expected = match effect {
            StackEffect::Fixed { pops, pushes } => before.checked_sub(pops).map(|d| d + pushes),
            // Back to the depth saved when the section opened, having popped
            // at most `max_pops` operands.
            StackEffect::Restore { max_pops } => self
                .flows
                .last()
                .and_then(Flow::saved_depth)
                .filter(|&depth| depth <= before && before - depth <= max_pops),
        };
        if expected != Some(after) {
            return malformed(format!(
                "{command} went from {before} to {after} operands, against its declared {effect:?}"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_codegen::ir::{AbiParam, Function, Signature, UserFuncName};
    use cranelift_codegen::isa::CallConv;
    use cranelift_frontend::FunctionBuilderContext;

    /// entry: brif -> slow (marked cold) / fast; slow -> after_slow;
    /// after_slow and fast -> join. Only `after_slow` is reached from cold
    /// blocks alone.
    #[test]
    fn propagate_cold_marks_what_only_cold_blocks_reach() {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(I64));
        sig.returns.push(AbiParam::new(I64));
        let mut func = Function::with_name_signature(UserFuncName::default(), sig);
        let mut ctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut ctx);
        let [entry, slow, after_slow, fast, join] = [(); 5].map(|()| b.create_block());
        b.append_block_params_for_function_params(entry);
        let x = b.append_block_param(join, I64);
        b.switch_to_block(entry);
        let v = b.block_params(entry)[0];
        b.ins().brif(v, slow, &[], fast, &[]);
        b.set_cold_block(slow);
        b.switch_to_block(slow);
        b.ins().jump(after_slow, &[]);
        b.switch_to_block(after_slow);
        let one = b.ins().iconst(I64, 1);
        b.ins().jump(join, &[BlockArg::Value(one)]);
        b.switch_to_block(fast);
        b.ins().jump(join, &[BlockArg::Value(v)]);
        b.switch_to_block(join);
        b.ins().return_(&[x]);
        b.seal_all_blocks();
        b.finalize(cranelift_codegen::isa::TargetFrontendConfig {
            default_call_conv: CallConv::SystemV,
            pointer_width: target_lexicon::PointerWidth::U64,
            page_size_align_log2: 12,
        });
        propagate_cold(&mut func);
        let cold = |block| func.layout.is_cold(block);
        assert!(cold(slow) && cold(after_slow));
        assert!(!cold(entry) && !cold(fast) && !cold(join));
    }
}
