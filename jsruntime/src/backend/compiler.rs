//! Lowers one [`CompileScript`] to Cranelift IR.
//!
//! The compiler walks the commands once, keeping a compile-time operand stack
//! ([`Operand`]) and a stack of open control-flow constructs ([`Flow`]). It
//! emits inline fast paths for int32 and double arithmetic and comparisons
//! and calls the [`super::bridge`] runtime functions for everything else. A
//! malformed script (unbalanced markers, stack underflow, a locator out of
//! range) is a [`CompileError`], never a panic.

use std::collections::HashMap;
use std::fmt;

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    self, types, Block, BlockArg, FuncRef, InstBuilder, MemFlagsData, StackSlot, StackSlotData,
    StackSlotKind,
};
use cranelift_frontend::{FunctionBuilder, Switch, Variable};
use cranelift_jit::JITModule;
use cranelift_module::{FuncId, Module};

use super::jit::{Jit, RuntimeFn};
use super::{Capture, Closure, FunctionTemplate, Status};
use crate::object::{
    value_vec::VALUE_VEC_PTR_OFFSET, FLAG_CLOSURE, OBJECT_CLOSURE_OFFSET, OBJECT_FLAGS_OFFSET,
    OBJECT_SHAPE_OFFSET, OBJECT_SLOTS_OFFSET,
};
use crate::runtime::inline_cache::PropertyCache;
use crate::semantics::{ArgumentsMapping, CacheId};
use crate::semantics::{
    BinaryOperator, CompileCommand, CompileScript, FunctionId, Helper, Locator, LoopFlags, Program,
    ScopeRef, ShortCircuitKind, StringId, Symbol, UnaryOperator, VariableKind,
};
use crate::value::{
    Value, CANONICAL_NAN, NUMBER_LIMIT, PAYLOAD_MASK, TAG_BOOLEAN, TAG_INT32, TAG_OBJECT, TAG_SHIFT,
};

mod dynamic;
mod sites;

const I8: ir::Type = types::I8;
const I32: ir::Type = types::I32;
const I64: ir::Type = types::I64;
const F64: ir::Type = types::F64;

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
    /// The address of the value of a binding of the global declarative
    /// record (an escaped capture cell, see `backend::global_env`) and
    /// whether it is mutable; `None` when `name` is not declared lexically
    /// (yet).
    fn global_lexical(&mut self, name: u32) -> Option<(*mut u64, bool)> {
        let _ = name;
        None
    }
    /// The global object (as a value's bits) and the inline cache of the
    /// global name `name` (see `runtime_get_global_cached`); `None` to read
    /// globals without a cache.
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

/// An entry of the compile-time operand stack.
#[derive(Clone, Debug)]
enum Operand {
    Undefined,
    Null,
    Boolean(bool),
    Number(f64),
    String(StringId),
    This,
    /// A boolean computed at runtime (`i8`, 0 or 1).
    Bool(ir::Value),
    /// Any value, NaN-boxed (`i64`).
    Any(ir::Value),
    /// An identifier reference.
    Variable(Symbol, Locator),
    /// An identifier reference whose value was read before a side effect
    /// that could change it (ECMA-262 evaluates GetValue of a left operand
    /// before the right one): still usable as a reference; as a value it is
    /// `value`, checked for the TDZ (or, for globals, existence) when used.
    Snapshot {
        symbol: Symbol,
        locator: Locator,
        value: ir::Value,
    },
    /// A property reference with its base and key already evaluated;
    /// `cache` is the access site when the key is a constant string (so an
    /// inline cache applies).
    Property {
        object: ir::Value,
        key: ir::Value,
        cache: Option<CacheId>,
    },
    /// The callee of a call whose function was already read, with its this
    /// value (`CalleeProperty`, `CalleeWithThis`).
    Method {
        function: ir::Value,
        this: ir::Value,
    },
    /// An identifier reference resolved through dynamic environments
    /// (`DynamicReference`).
    Dynamic(dynamic::DynamicRef),
    /// A closure being built: the capture cells collected so far.
    Closure {
        function: FunctionId,
        captures: Vec<ir::Value>,
    },
}

impl Operand {
    fn is_reference(&self) -> bool {
        matches!(
            self,
            Operand::Variable(..)
                | Operand::Snapshot { .. }
                | Operand::Property { .. }
                | Operand::Dynamic(_)
        )
    }
}

/// How `runtime_get_global` treats a missing global.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum GlobalMiss {
    /// Return undefined (`typeof x`).
    Undefined = 0,
    /// Throw a ReferenceError (a read).
    Throw = 1,
    /// Return the hole (a snapshot; the ReferenceError comes at use).
    Hole = 2,
}

/// Where a binding of the current function lives.
#[derive(Clone, Copy)]
enum Slot {
    /// Not captured: an SSA variable.
    Register(Variable),
    /// Captured: a stack slot, and a variable holding its capture cell or 0.
    Memory { slot: StackSlot, cell: Variable },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LoopStage {
    Init,
    Test,
    Next,
    Body,
    PostTest,
    Done,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TryStage {
    Try,
    Catch,
    Finally,
}

/// Where `break`, `continue` or `return` goes.
#[derive(Clone, Copy, Debug)]
enum Target {
    Break(usize),
    Continue(usize),
    Return,
}

/// An open control-flow construct.
enum Flow {
    If {
        else_block: Block,
        merge: Block,
        depth: usize,
        has_else: bool,
        has_value: bool,
    },
    ShortCircuit {
        merge: Block,
        assign: Option<Operand>,
        depth: usize,
    },
    Loop {
        flags: LoopFlags,
        labels: Vec<Symbol>,
        header: Block,
        body: Block,
        cont: Block,
        exit: Block,
        stage: LoopStage,
        scope_depth: usize,
    },
    Label {
        symbol: Symbol,
        end: Block,
        scope_depth: usize,
    },
    Try(Box<TryFlow>),
}

struct TryFlow {
    stage: TryStage,
    has_catch: bool,
    has_finally: bool,
    /// The exception landing of the current stage, created on first use.
    landing: Option<Block>,
    catch_block: Block,
    finally_block: Block,
    end: Block,
    /// How the finally block was entered: 0 normal, 1 throw, 2 + i exit i.
    kind: Variable,
    /// The thrown value when `kind` is 1.
    value: Variable,
    exits: Vec<Target>,
    scope_depth: usize,
    /// Scopes entered inside the statement (their cells escape on a throw).
    nested: Vec<ScopeRef>,
}

/// Compiles the function `id` of `program` into `jit.ctx` (without defining
/// it in the module).
fn build(
    jit: &mut Jit,
    program: &Program,
    id: FunctionId,
    host: &mut dyn CompileHost,
) -> Result<(), CompileError> {
    let script = program
        .function(id)
        .ok_or_else(|| CompileError::Malformed(format!("no function {}", id.0)))?;
    let runtime = RuntimeImports {
        ids: RuntimeFn::ALL.iter().map(|&f| jit.runtime_id(f)).collect(),
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
            compiler.run()?;
            compiler.b.seal_all_blocks();
            compiler.b.finalize(config);
            Ok(())
        });
    if result.is_err() {
        // The builder context keeps the abandoned function's state.
        jit.builder_ctx = cranelift_frontend::FunctionBuilderContext::new();
    }
    result
}

/// Compiles function `id` of `program` to native code and returns the
/// lambda's address.
pub fn compile(
    jit: &mut Jit,
    program: &Program,
    id: FunctionId,
    host: &mut dyn CompileHost,
) -> Result<*const u8, CompileError> {
    let name = program
        .function(id)
        .and_then(|s| s.name)
        .map(|s| sanitize(program.symbol_name(s)))
        .unwrap_or_else(|| format!("fn{}", id.0));
    let func_id = jit.begin_function(&name)?;
    if let Err(e) = build(jit, program, id, host) {
        jit.module.clear_context(&mut jit.ctx);
        return Err(e);
    }
    jit.finish_function(func_id)
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
    jit.ctx.func.signature = jit.lambda_signature().clone();
    jit.ctx.func.name = ir::UserFuncName::user(1, id.0);
    let result = build(jit, program, id, host).map(|()| jit.ctx.func.display().to_string());
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
    ids: Vec<FuncId>,
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
    /// Arguments then locals.
    slots: Vec<Slot>,
    /// Kind of each slot's binding, when a scope declares it.
    kinds: Vec<Option<VariableKind>>,
    /// The completion value of `return`.
    return_value: Variable,

    operands: Vec<Operand>,
    flows: Vec<Flow>,
    scopes: Vec<ScopeRef>,
    pending_labels: Vec<Symbol>,

    return_block: Block,
    throw_block: Block,
    /// The function's inline caches (null: none).
    caches: *const PropertyCache,
    /// Exception sites (source positions noted on the exception path).
    sites: sites::Sites,
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
        let [ctx, closure, this, argc, argv, ret] = params[..] else {
            return Err(CompileError::Cranelift(
                "unexpected lambda signature".into(),
            ));
        };

        let scratch =
            b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
        let mut max_argc = 0usize;
        for command in &script.commands {
            match command {
                CompileCommand::Call(n)
                | CompileCommand::New(n)
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
        let mut captured = vec![false; num_slots];
        let mut kinds = vec![None; num_slots];
        for scope in &script.scopes {
            for v in &scope.variables {
                let index = match v.locator {
                    Locator::Argument(i) if (i as usize) < num_params => i as usize,
                    Locator::Local(i) if (i as usize) < script.num_locals as usize => {
                        num_params + i as usize
                    }
                    other => {
                        return malformed(format!(
                            "variable {} declared at {other}",
                            program.symbol_name(v.symbol)
                        ))
                    }
                };
                captured[index] |= v.captured;
                kinds[index] = Some(v.kind);
            }
        }

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
                    8,
                    3,
                ));
                b.ins().stack_store(I64, initial, slot, 0);
                let cell = b.declare_var(I64);
                b.def_var(cell, zero_ptr);
                slots.push(Slot::Memory { slot, cell });
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
            slots,
            kinds,
            return_value,
            operands: Vec::new(),
            flows: Vec::new(),
            scopes: Vec::new(),
            pending_labels: Vec::new(),
            return_block,
            throw_block,
            caches: std::ptr::null(),
            sites: sites::Sites::new(),
        })
    }

    fn run(&mut self) -> Result<(), CompileError> {
        if self.script.num_inline_caches > 0 {
            self.caches = self.host.inline_caches(self.script.num_inline_caches * 2);
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
        }
        for (index, command) in self.script.commands.iter().enumerate() {
            self.sites.position = self
                .script
                .position(index)
                .unwrap_or(sites::UNKNOWN_POSITION);
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
        Ok(())
    }

    // ----- Small helpers -----

    fn constant(&mut self, v: Value) -> ir::Value {
        self.b.ins().iconst(I64, v.to_bits() as i64)
    }

    fn pop(&mut self) -> Result<Operand, CompileError> {
        match self.operands.pop() {
            Some(op) => Ok(op),
            None => malformed("operand stack underflow"),
        }
    }

    fn call_runtime(&mut self, f: RuntimeFn, args: &[ir::Value]) -> ir::Value {
        let func_ref = match self.runtime.refs.get(&f) {
            Some(&r) => r,
            None => {
                let id = self.runtime.ids[f as usize];
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

    fn slot_index(&self, locator: Locator) -> Result<usize, CompileError> {
        let index = match locator {
            Locator::Argument(i) if i < self.script.num_params => i as usize,
            Locator::Local(i) if i < self.script.num_locals => {
                self.script.num_params as usize + i as usize
            }
            other => return malformed(format!("no frame slot for {other}")),
        };
        Ok(index)
    }

    /// The block an exception raised here goes to.
    fn handler_block(&mut self) -> Block {
        for flow in self.flows.iter_mut().rev() {
            if let Flow::Try(t) = flow {
                let protected = match t.stage {
                    TryStage::Try => true,
                    TryStage::Catch => t.has_finally,
                    TryStage::Finally => false,
                };
                if protected {
                    if let Some(block) = t.landing {
                        return block;
                    }
                    let block = self.b.create_block();
                    self.b.set_cold_block(block);
                    t.landing = Some(block);
                    return block;
                }
            }
        }
        self.throw_block
    }

    /// Throws the value: stores it in the scratch slot and jumps to the
    /// handler.
    fn throw_value(&mut self, value: ir::Value) {
        self.b.ins().stack_store(I64, value, self.scratch, 0);
        let handler = self.raise_block();
        self.b.ins().jump(handler, &[]);
        self.start_dead_block();
    }

    /// Rethrows a pending exception (the end of a finally block entered by
    /// a throw): its site was noted where it was thrown.
    fn rethrow_value(&mut self, value: ir::Value) {
        self.b.ins().stack_store(I64, value, self.scratch, 0);
        let handler = self.handler_block();
        self.b.ins().jump(handler, &[]);
        self.start_dead_block();
    }

    // ----- Captures -----

    /// Moves a captured binding into its cell, if a cell exists.
    fn escape_slot(&mut self, index: usize) {
        let Some(Slot::Memory { slot, cell }) = self.slots.get(index).copied() else {
            return;
        };
        let cell_ptr = self.b.use_var(cell);
        let escape = self.b.create_block();
        let done = self.b.create_block();
        self.b.ins().brif(cell_ptr, escape, &[], done, &[]);
        self.b.switch_to_block(escape);
        let value = self.b.ins().stack_load(I64, I64, slot, 0);
        self.b
            .ins()
            .store(trusted(), value, cell_ptr, Capture::VALUE_OFFSET);
        let own = self
            .b
            .ins()
            .iadd_imm_s(cell_ptr, Capture::VALUE_OFFSET as i64);
        self.b
            .ins()
            .store(trusted(), own, cell_ptr, Capture::TARGET_OFFSET);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
        let zero = self.b.ins().iconst(I64, 0);
        self.b.def_var(cell, zero);
    }

    fn captured_slots_of(&self, scope: ScopeRef) -> Vec<usize> {
        let mut out = Vec::new();
        if let Some(s) = self.script.scopes.get(scope.0 as usize) {
            for v in &s.variables {
                if v.captured {
                    if let Ok(i) = self.slot_index(v.locator) {
                        out.push(i);
                    }
                }
            }
        }
        out
    }

    fn escape_scope(&mut self, scope: ScopeRef) {
        for index in self.captured_slots_of(scope) {
            self.escape_slot(index);
        }
    }

    /// Escapes the scopes `self.scopes[to..from]`, innermost first.
    fn escape_scopes(&mut self, from: usize, to: usize) {
        for i in (to..from).rev() {
            let scope = self.scopes[i];
            self.escape_scope(scope);
        }
    }

    fn escape_all(&mut self) {
        for index in 0..self.slots.len() {
            self.escape_slot(index);
        }
    }

    /// The capture cell of a binding of this frame, created on first use.
    fn capture_cell(&mut self, locator: Locator) -> Result<ir::Value, CompileError> {
        if let Locator::Capture(i) = locator {
            return self.own_capture(i);
        }
        let index = self.slot_index(locator)?;
        let Slot::Memory { slot, cell } = self.slots[index] else {
            return malformed(format!(
                "capturing {locator}, which no scope marks as captured"
            ));
        };
        let existing = self.b.use_var(cell);
        let create = self.b.create_block();
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        self.b
            .ins()
            .brif(existing, done, &[BlockArg::Value(existing)], create, &[]);
        self.b.switch_to_block(create);
        let target = self.b.ins().stack_addr(I64, slot, 0);
        let scratch = self.scratch_addr();
        let created =
            self.call_runtime_checked(RuntimeFn::CreateCapture, &[self.ctx, target, scratch]);
        self.b.ins().jump(done, &[BlockArg::Value(created)]);
        self.b.switch_to_block(done);
        self.b.def_var(cell, result);
        Ok(result)
    }

    /// Capture cell `i` of the running closure.
    fn own_capture(&mut self, i: u16) -> Result<ir::Value, CompileError> {
        if i as usize >= self.script.captures.len() {
            return malformed(format!("capture {i} out of range"));
        }
        let captures = self
            .b
            .ins()
            .load(I64, trusted(), self.closure, Closure::CAPTURES_OFFSET);
        Ok(self.b.ins().load(I64, trusted(), captures, i as i32 * 8))
    }

    // ----- Values -----

    fn box_bool(&mut self, b: ir::Value) -> ir::Value {
        let wide = self.b.ins().uextend(I64, b);
        self.b
            .ins()
            .bor_imm_s(wide, (TAG_BOOLEAN << TAG_SHIFT) as i64)
    }

    fn box_int(&mut self, i: ir::Value) -> ir::Value {
        let wide = self.b.ins().uextend(I64, i);
        self.b
            .ins()
            .bor_imm_s(wide, (TAG_INT32 << TAG_SHIFT) as i64)
    }

    /// A double as a Value: int32 when exactly one (not -0), so that the int32
    /// fast paths apply to the result; NaN canonicalised.
    fn box_number(&mut self, d: ir::Value) -> ir::Value {
        let i = self.b.ins().fcvt_to_sint_sat(I32, d);
        let back = self.b.ins().fcvt_from_sint(F64, i);
        let exact = self.b.ins().fcmp(FloatCC::Equal, back, d);
        let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), d);
        // -0 converts to 0 exactly; keep it a double (its sign bit is set).
        let non_negative_zero = self.b.ins().icmp_imm_s(IntCC::NotEqual, bits, i64::MIN);
        let is_int = self.b.ins().band(exact, non_negative_zero);
        let boxed_int = self.box_int(i);
        let is_nan = self.b.ins().fcmp(FloatCC::Unordered, d, d);
        let nan = self.b.ins().iconst(I64, CANONICAL_NAN as i64);
        let double = self.b.ins().select(is_nan, nan, bits);
        self.b.ins().select(is_int, boxed_int, double)
    }

    fn is_int32(&mut self, v: ir::Value) -> ir::Value {
        let tag = self.b.ins().ushr_imm_u(v, TAG_SHIFT as i64);
        self.b.ins().icmp_imm_s(IntCC::Equal, tag, TAG_INT32 as i64)
    }

    fn both_int32(&mut self, a: ir::Value, b: ir::Value) -> ir::Value {
        let x = self.is_int32(a);
        let y = self.is_int32(b);
        self.b.ins().band(x, y)
    }

    fn both_numbers(&mut self, a: ir::Value, b: ir::Value) -> ir::Value {
        let x = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, a, NUMBER_LIMIT as i64);
        let y = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, b, NUMBER_LIMIT as i64);
        self.b.ins().band(x, y)
    }

    /// The f64 of a value known to be a number.
    fn number_to_f64(&mut self, v: ir::Value) -> ir::Value {
        let is_int = self.is_int32(v);
        let i = self.b.ins().ireduce(I32, v);
        let from_int = self.b.ins().fcvt_from_sint(F64, i);
        let from_bits = self.b.ins().bitcast(F64, MemFlagsData::new(), v);
        self.b.ins().select(is_int, from_int, from_bits)
    }

    /// GetValue (ECMA-262 6.2.5.5) of an operand, boxed.
    fn value_of(&mut self, op: Operand) -> Result<ir::Value, CompileError> {
        Ok(match op {
            Operand::Undefined => self.constant(Value::UNDEFINED),
            Operand::Null => self.constant(Value::NULL),
            Operand::Boolean(b) => self.constant(Value::from_bool(b)),
            Operand::Number(n) => self.constant(Value::number(n)),
            Operand::String(id) => {
                let v = self.host.string_constant(self.program, id)?;
                self.constant(v)
            }
            Operand::This => self.this,
            Operand::Bool(b) => self.box_bool(b),
            Operand::Any(v) => v,
            Operand::Variable(symbol, locator) => self.load_variable(symbol, locator)?,
            Operand::Snapshot {
                symbol,
                locator,
                value,
            } => {
                let checked = match locator {
                    Locator::Argument(_) | Locator::Local(_) => {
                        let index = self.slot_index(locator)?;
                        self.is_lexical(index)
                    }
                    _ => true,
                };
                if checked {
                    self.check_initialized(value, symbol);
                }
                value
            }
            Operand::Property { object, key, cache } => self.get_property(object, key, cache),
            Operand::Method { function, .. } => function,
            Operand::Dynamic(r) => self.dynamic_get(r)?,
            Operand::Closure { function, captures } => self.create_closure(function, &captures)?,
        })
    }

    /// ToBoolean (ECMA-262 7.1.2) of an operand, as an `i8`.
    fn truthy(&mut self, op: Operand) -> Result<ir::Value, CompileError> {
        let constant = match op {
            Operand::Undefined | Operand::Null => Some(false),
            Operand::Boolean(b) => Some(b),
            Operand::Number(n) => Some(!(n == 0.0 || n.is_nan())),
            Operand::String(id) => Some(
                self.program
                    .strings
                    .get(id.0 as usize)
                    .is_some_and(|s| !s.is_empty()),
            ),
            Operand::Closure { .. } => None,
            Operand::Bool(b) => return Ok(b),
            _ => None,
        };
        if let Some(c) = constant {
            return Ok(self.b.ins().iconst(I8, c as i64));
        }
        let v = self.value_of(op)?;
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I8);
        let not_bool = self.b.create_block();
        let not_int = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        // Booleans: the low bit.
        let tag = self.b.ins().ushr_imm_u(v, TAG_SHIFT as i64);
        let is_bool = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_BOOLEAN as i64);
        let low = self.b.ins().ireduce(I8, v);
        let bit = self.b.ins().band_imm_u(low, 1);
        self.b
            .ins()
            .brif(is_bool, done, &[BlockArg::Value(bit)], not_bool, &[]);
        // Int32: non-zero.
        self.b.switch_to_block(not_bool);
        let is_int = self.b.ins().icmp_imm_s(IntCC::Equal, tag, TAG_INT32 as i64);
        let i = self.b.ins().ireduce(I32, v);
        let nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, i, 0);
        self.b
            .ins()
            .brif(is_int, done, &[BlockArg::Value(nonzero)], not_int, &[]);
        // Everything else in the runtime.
        self.b.switch_to_block(not_int);
        self.b.ins().jump(slow, &[]);
        self.b.switch_to_block(slow);
        let r = self.call_runtime(RuntimeFn::ToBoolean, &[self.ctx, v]);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        Ok(result)
    }

    fn is_lexical(&self, index: usize) -> bool {
        self.kinds[index].is_some_and(|k| k.is_lexical())
    }

    /// Throws a ReferenceError if `v` is the uninitialized marker (the TDZ,
    /// ECMA-262 9.1.1.1.6 GetBindingValue step 2).
    fn check_initialized(&mut self, v: ir::Value, symbol: Symbol) {
        let uninitialized = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
        let error = self.b.create_block();
        let ok = self.b.create_block();
        self.b.set_cold_block(error);
        self.b.ins().brif(uninitialized, error, &[], ok, &[]);
        self.b.switch_to_block(error);
        let name = self.host.global_name(self.program, symbol);
        let name = self.b.ins().iconst(I32, name as i64);
        let scratch = self.scratch_addr();
        let status = self.call_runtime(RuntimeFn::ThrowReferenceError, &[self.ctx, name, scratch]);
        let _ = status;
        let handler = self.raise_block();
        self.b.ins().jump(handler, &[]);
        self.b.switch_to_block(ok);
    }

    fn load_variable(
        &mut self,
        symbol: Symbol,
        locator: Locator,
    ) -> Result<ir::Value, CompileError> {
        match locator {
            Locator::Argument(_) | Locator::Local(_) => {
                let index = self.slot_index(locator)?;
                let v = match self.slots[index] {
                    Slot::Register(var) => self.b.use_var(var),
                    Slot::Memory { slot, .. } => self.b.ins().stack_load(I64, I64, slot, 0),
                };
                if self.is_lexical(index) {
                    self.check_initialized(v, symbol);
                }
                Ok(v)
            }
            Locator::Capture(i) => {
                let cell = self.own_capture(i)?;
                let target = self
                    .b
                    .ins()
                    .load(I64, trusted(), cell, Capture::TARGET_OFFSET);
                let v = self.b.ins().load(I64, trusted(), target, 0);
                self.check_initialized(v, symbol);
                Ok(v)
            }
            Locator::Global | Locator::None => self.load_global(symbol, GlobalMiss::Throw),
        }
    }

    /// Reads a binding without the TDZ check (see [`Operand::Snapshot`]).
    fn read_raw(&mut self, symbol: Symbol, locator: Locator) -> Result<ir::Value, CompileError> {
        match locator {
            Locator::Argument(_) | Locator::Local(_) => {
                let index = self.slot_index(locator)?;
                Ok(match self.slots[index] {
                    Slot::Register(var) => self.b.use_var(var),
                    Slot::Memory { slot, .. } => self.b.ins().stack_load(I64, I64, slot, 0),
                })
            }
            Locator::Capture(i) => {
                let cell = self.own_capture(i)?;
                let target = self
                    .b
                    .ins()
                    .load(I64, trusted(), cell, Capture::TARGET_OFFSET);
                Ok(self.b.ins().load(I64, trusted(), target, 0))
            }
            Locator::Global | Locator::None => self.load_global(symbol, GlobalMiss::Hole),
        }
    }

    /// Snapshots the identifier references below the top `keep` operands,
    /// before a command that may change bindings (see [`Operand::Snapshot`]).
    /// Also called before control flow splits, so that no lazy reference is
    /// read in only one branch.
    fn settle(&mut self, keep: usize) -> Result<(), CompileError> {
        let end = self.operands.len().saturating_sub(keep);
        for i in 0..end {
            if let Operand::Variable(symbol, locator) = self.operands[i] {
                let value = self.read_raw(symbol, locator)?;
                self.operands[i] = Operand::Snapshot {
                    symbol,
                    locator,
                    value,
                };
            }
        }
        Ok(())
    }

    fn load_global(&mut self, symbol: Symbol, miss: GlobalMiss) -> Result<ir::Value, CompileError> {
        let name = self.host.global_name(self.program, symbol);
        if let Some((address, _)) = self.host.global_lexical(name) {
            // A binding of the global declarative record: its cell's value,
            // with the TDZ check (also for typeof, 13.5.3.1 / 9.1.1.1.6).
            let address = self.b.ins().iconst(I64, address as i64);
            let v = self.b.ins().load(I64, trusted(), address, 0);
            if miss != GlobalMiss::Hole {
                self.check_initialized(v, symbol);
            }
            return Ok(v);
        }
        if let Some((global, ic)) = self.host.global_cache(name) {
            // Inline cache on the global object's shape (an own data
            // property); the slow path does the whole lookup and refills it.
            let slow = self.b.create_block();
            self.b.set_cold_block(slow);
            let done = self.b.create_block();
            let result = self.b.append_block_param(done, I64);
            let object = self.b.ins().iconst(I64, global as i64);
            let ic = self.b.ins().iconst(I64, ic as i64);
            let (hit, slot) = self.cache_check(object, ic, slow);
            self.b.switch_to_block(hit);
            let v = self.b.ins().load(I64, trusted(), slot, 0);
            self.b.ins().jump(done, &[BlockArg::Value(v)]);
            self.b.switch_to_block(slow);
            let name = self.b.ins().iconst(I32, name as i64);
            let throw = self.b.ins().iconst(I8, miss as i64);
            let scratch = self.scratch_addr();
            let v = self.call_runtime_checked(
                RuntimeFn::GetGlobalCached,
                &[self.ctx, name, throw, ic, scratch],
            );
            self.b.ins().jump(done, &[BlockArg::Value(v)]);
            self.b.switch_to_block(done);
            return Ok(result);
        }
        let name = self.b.ins().iconst(I32, name as i64);
        let throw = self.b.ins().iconst(I8, miss as i64);
        let scratch = self.scratch_addr();
        Ok(self.call_runtime_checked(RuntimeFn::GetGlobal, &[self.ctx, name, throw, scratch]))
    }

    /// PutValue (ECMA-262 6.2.5.6) or InitializeReferencedBinding.
    fn store_variable(
        &mut self,
        symbol: Symbol,
        locator: Locator,
        value: ir::Value,
        initialize: bool,
    ) -> Result<(), CompileError> {
        match locator {
            Locator::Argument(_) | Locator::Local(_) => {
                let index = self.slot_index(locator)?;
                if !initialize {
                    if self.kinds[index] == Some(VariableKind::Const) {
                        // 9.1.1.1.5 SetMutableBinding: TDZ first, then the
                        // TypeError for an immutable binding.
                        let current = self.load_variable(symbol, locator)?;
                        let _ = current;
                        self.throw_const_assignment(symbol);
                        return Ok(());
                    }
                    if self.is_lexical(index) {
                        let current = self.load_variable(symbol, locator)?;
                        let _ = current;
                    }
                }
                match self.slots[index] {
                    Slot::Register(var) => self.b.def_var(var, value),
                    Slot::Memory { slot, .. } => {
                        self.b.ins().stack_store(I64, value, slot, 0);
                    }
                }
                Ok(())
            }
            Locator::Capture(i) => {
                let cell = self.own_capture(i)?;
                let target = self
                    .b
                    .ins()
                    .load(I64, trusted(), cell, Capture::TARGET_OFFSET);
                if !initialize {
                    let current = self.b.ins().load(I64, trusted(), target, 0);
                    self.check_initialized(current, symbol);
                    if self.script.readonly_captures.get(i as usize) == Some(&true) {
                        return Ok(());
                    }
                    if self.script.const_captures.get(i as usize) == Some(&true) {
                        // 9.1.1.1.5 SetMutableBinding step 6.
                        self.throw_const_assignment(symbol);
                        return Ok(());
                    }
                }
                self.b.ins().store(trusted(), value, target, 0);
                Ok(())
            }
            Locator::Global | Locator::None => {
                let name = self.host.global_name(self.program, symbol);
                if let Some((address, mutable)) = self.host.global_lexical(name) {
                    return self.store_global_lexical(symbol, address, mutable, value, initialize);
                }
                let name = self.b.ins().iconst(I32, name as i64);
                use super::bridge::set_global_mode as mode;
                let mode = if initialize && self.program.declarations.deletable {
                    mode::INITIALIZE_DELETABLE
                } else if initialize {
                    mode::INITIALIZE
                } else if self.script.flags.strict {
                    mode::STRICT
                } else {
                    mode::SLOPPY
                };
                let mode = self.b.ins().iconst(I8, mode as i64);
                let scratch = self.scratch_addr();
                self.call_runtime_checked(
                    RuntimeFn::SetGlobal,
                    &[self.ctx, name, value, mode, scratch],
                );
                Ok(())
            }
        }
    }

    /// SetMutableBinding / InitializeBinding of a binding of the global
    /// declarative record at `address` (9.1.1.1.5, 9.1.1.1.4).
    fn store_global_lexical(
        &mut self,
        symbol: Symbol,
        address: *mut u64,
        mutable: bool,
        value: ir::Value,
        initialize: bool,
    ) -> Result<(), CompileError> {
        let address = self.b.ins().iconst(I64, address as i64);
        if !initialize {
            let current = self.b.ins().load(I64, trusted(), address, 0);
            self.check_initialized(current, symbol);
            if !mutable {
                let name = self.host.global_name(self.program, symbol);
                let name = self.b.ins().iconst(I32, name as i64);
                let scratch = self.scratch_addr();
                self.call_runtime(RuntimeFn::ThrowConstAssignment, &[self.ctx, name, scratch]);
                let handler = self.handler_block();
                self.b.ins().jump(handler, &[]);
                self.start_dead_block();
                return Ok(());
            }
        }
        self.b.ins().store(trusted(), value, address, 0);
        Ok(())
    }

    /// The access site whose inline cache applies to a key operand: only
    /// constant keys (`o.name`) are cached.
    fn cache_for(&self, key: &Operand, cache: CacheId) -> Result<Option<CacheId>, CompileError> {
        if cache.0 >= self.script.num_inline_caches {
            return malformed(format!("inline cache {} out of range", cache.0));
        }
        Ok(match key {
            Operand::String(_) if !self.caches.is_null() => Some(cache),
            _ => None,
        })
    }

    /// The address of a cache entry (get or set direction) as a constant.
    fn cache_addr(&mut self, cache: Option<CacheId>, set: bool) -> (ir::Value, bool) {
        match cache {
            Some(c) if !self.caches.is_null() => {
                let index = 2 * c.0 as usize + set as usize;
                // The table has 2 * num_inline_caches entries (cache_for
                // checked the range).
                let addr = self.caches as usize + index * std::mem::size_of::<PropertyCache>();
                (self.b.ins().iconst(I64, addr as i64), true)
            }
            _ => (self.b.ins().iconst(I64, 0), false),
        }
    }

    /// The inline-cache check shared by gets and sets: branches to the
    /// returned block with the slot address when `object` is an object of
    /// the cached shape, else to `slow`.
    fn cache_check(&mut self, object: ir::Value, ic: ir::Value, slow: Block) -> (Block, ir::Value) {
        let check = self.b.create_block();
        let hit = self.b.create_block();
        let addr = self.b.append_block_param(hit, I64);
        let tag = self.b.ins().ushr_imm_u(object, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        self.b.ins().brif(is_object, check, &[], slow, &[]);
        self.b.switch_to_block(check);
        let ptr = self.b.ins().band_imm_u(object, PAYLOAD_MASK as i64);
        let shape = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_SHAPE_OFFSET as i32);
        let cached = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::SHAPE_OFFSET);
        let same = self.b.ins().icmp(IntCC::Equal, shape, cached);
        // Slot address: base (object or overflow array) + offset.
        let offset = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::OFFSET_OFFSET);
        let indirect = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::INDIRECT_OFFSET);
        let slots = self.b.ins().load(
            I64,
            trusted(),
            ptr,
            (OBJECT_SLOTS_OFFSET + VALUE_VEC_PTR_OFFSET) as i32,
        );
        let base = self.b.ins().select(indirect, slots, ptr);
        let slot = self.b.ins().iadd(base, offset);
        self.b
            .ins()
            .brif(same, hit, &[BlockArg::Value(slot)], slow, &[]);
        (hit, addr)
    }

    /// GetValue of a property reference, with the inline cache fast path.
    fn get_property(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        cache: Option<CacheId>,
    ) -> ir::Value {
        let (ic, cached) = self.cache_addr(cache, false);
        if !cached {
            let scratch = self.scratch_addr();
            return self.call_runtime_checked(
                RuntimeFn::GetProperty,
                &[self.ctx, object, key, ic, scratch],
            );
        }
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let (hit, slot) = self.cache_check(object, ic, slow);
        self.b.switch_to_block(hit);
        let v = self.b.ins().load(I64, trusted(), slot, 0);
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(slow);
        let scratch = self.scratch_addr();
        let v = self.call_runtime_checked(
            RuntimeFn::GetProperty,
            &[self.ctx, object, key, ic, scratch],
        );
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(done);
        result
    }

    /// PutValue of a property reference, with the inline cache fast path.
    fn set_property(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        value: ir::Value,
        cache: Option<CacheId>,
    ) {
        let (ic, cached) = self.cache_addr(cache, true);
        let strict = self.script.flags.strict as i64;
        if !cached {
            let strict = self.b.ins().iconst(I8, strict);
            let scratch = self.scratch_addr();
            self.call_runtime_checked(
                RuntimeFn::SetProperty,
                &[self.ctx, object, key, value, strict, ic, scratch],
            );
            return;
        }
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let (hit, slot) = self.cache_check(object, ic, slow);
        self.b.switch_to_block(hit);
        self.b.ins().store(trusted(), value, slot, 0);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(slow);
        let strict = self.b.ins().iconst(I8, strict);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(
            RuntimeFn::SetProperty,
            &[self.ctx, object, key, value, strict, ic, scratch],
        );
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Call (7.3.14) of a value: closures are called directly through their
    /// lambda (the callee is an object with [`FLAG_CLOSURE`], whose closure
    /// is at [`OBJECT_CLOSURE_OFFSET`]) after an inline stack-limit check;
    /// everything else, and a nearly exhausted stack, goes through
    /// `runtime_call`. Returns the result (exceptions branch to the handler).
    fn call_value(
        &mut self,
        function: ir::Value,
        this: ir::Value,
        argc: ir::Value,
        argv: ir::Value,
        scratch: ir::Value,
    ) -> ir::Value {
        let check_flags = self.b.create_block();
        let check_stack = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        let done = self.b.create_block();
        let status = self.b.append_block_param(done, I32);
        let tag = self.b.ins().ushr_imm_u(function, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        self.b.ins().brif(is_object, check_flags, &[], slow, &[]);

        self.b.switch_to_block(check_flags);
        let ptr = self.b.ins().band_imm_u(function, PAYLOAD_MASK as i64);
        let flags = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_FLAGS_OFFSET as i32);
        let is_closure = self.b.ins().band_imm_u(flags, FLAG_CLOSURE as i64);
        self.b.ins().brif(is_closure, check_stack, &[], slow, &[]);

        // The executor starts with its runtime (repr(C)), so the stack limit
        // is at a fixed offset from `ctx`.
        self.b.switch_to_block(check_stack);
        let sp = self.b.ins().get_stack_pointer(I64);
        let limit = self.b.ins().load(
            I64,
            trusted(),
            self.ctx,
            std::mem::offset_of!(crate::runtime::Runtime, stack_limit) as i32,
        );
        let low = self.b.ins().icmp(IntCC::UnsignedLessThan, sp, limit);
        self.b.ins().brif(low, slow, &[], fast, &[]);

        self.b.switch_to_block(fast);
        let cell = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_CLOSURE_OFFSET as i32);
        let closure = self
            .b
            .ins()
            .iadd_imm_s(cell, crate::gc::CELL_BODY_OFFSET as i64);
        let lambda = self
            .b
            .ins()
            .load(I64, trusted(), closure, Closure::LAMBDA_OFFSET);
        let mut sig = self.runtime.module.make_signature();
        for t in [I64, I64, I64, I32, I64, I64] {
            sig.params.push(ir::AbiParam::new(t));
        }
        sig.returns.push(ir::AbiParam::new(I32));
        let sig = self.b.import_signature(sig);
        let call = self.b.ins().call_indirect(
            sig,
            lambda,
            &[self.ctx, closure, this, argc, argv, scratch],
        );
        let s = self.b.inst_results(call)[0];
        self.b.ins().jump(done, &[BlockArg::Value(s)]);

        self.b.switch_to_block(slow);
        let s = self.call_runtime(
            RuntimeFn::Call,
            &[self.ctx, function, this, argc, argv, scratch],
        );
        self.b.ins().jump(done, &[BlockArg::Value(s)]);

        self.b.switch_to_block(done);
        self.check_status(status);
        self.b.ins().stack_load(I64, I64, self.scratch, 0)
    }

    /// PutValue of `value` into a reference operand.
    fn put_value(
        &mut self,
        reference: &Operand,
        value: ir::Value,
        initialize: bool,
    ) -> Result<(), CompileError> {
        match *reference {
            Operand::Variable(symbol, locator)
            | Operand::Snapshot {
                symbol, locator, ..
            } => self.store_variable(symbol, locator, value, initialize),
            Operand::Property { object, key, cache } if !initialize => {
                self.set_property(object, key, value, cache);
                Ok(())
            }
            // A function declaration of eval code in a dynamic variable
            // environment initialises the property it just created.
            Operand::Dynamic(r) => self.dynamic_put(r, value),
            _ => malformed("assignment to a non-reference"),
        }
    }

    fn create_closure(
        &mut self,
        function: FunctionId,
        captures: &[ir::Value],
    ) -> Result<ir::Value, CompileError> {
        let expected = self
            .program
            .function(function)
            .map(|s| s.captures.len())
            .ok_or_else(|| CompileError::Malformed(format!("no function {}", function.0)))?;
        if captures.len() != expected {
            return malformed(format!(
                "closure of fn{} has {} captures, expected {expected}",
                function.0,
                captures.len()
            ));
        }
        let template = self.host.template(function)?;
        let template = self.b.ins().iconst(I64, template as i64);
        let count = self.b.ins().iconst(I32, captures.len() as i64);
        let vector = match self.argv {
            Some(slot) if !captures.is_empty() => {
                for (i, &c) in captures.iter().enumerate() {
                    self.b.ins().stack_store(I64, c, slot, (i * 8) as i32);
                }
                self.b.ins().stack_addr(I64, slot, 0)
            }
            _ => self.b.ins().iconst(I64, 0),
        };
        let scratch = self.scratch_addr();
        Ok(self.call_runtime_checked(
            RuntimeFn::CreateClosure,
            &[self.ctx, template, count, vector, scratch],
        ))
    }

    // ----- Operators -----

    /// `op` on two boxed values: int32 and double fast paths, the runtime
    /// for the rest.
    fn binary(&mut self, op: BinaryOperator, a: ir::Value, b: ir::Value) -> Operand {
        use BinaryOperator as B;
        match op {
            B::Addition | B::Subtraction | B::Multiplication | B::Division => {
                Operand::Any(self.arithmetic(op, a, b))
            }
            B::LessThan
            | B::GreaterThan
            | B::LessThanOrEqual
            | B::GreaterThanOrEqual
            | B::Equality
            | B::Inequality
            | B::StrictEquality
            | B::StrictInequality => Operand::Bool(self.comparison(op, a, b)),
            B::BitwiseAnd
            | B::BitwiseOr
            | B::BitwiseXor
            | B::LeftShift
            | B::SignedRightShift
            | B::UnsignedRightShift => Operand::Any(self.bitwise(op, a, b)),
            B::Remainder => Operand::Any(self.remainder(a, b)),
            B::Exponentiation | B::InstanceOf | B::In => {
                Operand::Any(self.runtime_binary(op, a, b))
            }
        }
    }

    /// `a % b`: int32 fast path for `a >= 0`, `b > 0` (no -0, no division
    /// by zero, no overflow: 6.1.6.1.6 Number::remainder), else the runtime.
    fn remainder(&mut self, a: ir::Value, b: ir::Value) -> ir::Value {
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let int = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let both = self.both_int32(a, b);
        self.b.ins().brif(both, int, &[], slow, &[]);
        self.b.switch_to_block(int);
        let x = self.b.ins().ireduce(I32, a);
        let y = self.b.ins().ireduce(I32, b);
        let x_ok = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, x, 0);
        let y_ok = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, y, 0);
        let ok = self.b.ins().band(x_ok, y_ok);
        self.b.ins().brif(ok, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let r = self.b.ins().urem(x, y);
        let boxed = self.box_int(r);
        self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
        self.b.switch_to_block(slow);
        let r = self.runtime_binary(BinaryOperator::Remainder, a, b);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        result
    }

    fn runtime_binary(&mut self, op: BinaryOperator, a: ir::Value, b: ir::Value) -> ir::Value {
        let op = self.b.ins().iconst(I32, op as i64);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(RuntimeFn::Binary, &[self.ctx, op, a, b, scratch])
    }

    fn arithmetic(&mut self, op: BinaryOperator, a: ir::Value, b: ir::Value) -> ir::Value {
        self.arithmetic_or(op, a, b, None)
    }

    /// [`Self::arithmetic`]; the slow path runs `update` on `a` instead of
    /// the binary operator when given (`x++` on a BigInt, see
    /// `runtime_unary`).
    fn arithmetic_or(
        &mut self,
        op: BinaryOperator,
        a: ir::Value,
        b: ir::Value,
        update: Option<UnaryOperator>,
    ) -> ir::Value {
        use BinaryOperator as B;
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let float = self.b.create_block();
        let not_int = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);

        if op != B::Division {
            let int = self.b.create_block();
            let both = self.both_int32(a, b);
            self.b.ins().brif(both, int, &[], not_int, &[]);
            self.b.switch_to_block(int);
            let x = self.b.ins().ireduce(I32, a);
            let y = self.b.ins().ireduce(I32, b);
            let (r, overflow) = match op {
                B::Addition => self.b.ins().sadd_overflow(x, y),
                B::Subtraction => self.b.ins().ssub_overflow(x, y),
                _ => {
                    let (r, overflow) = self.b.ins().smul_overflow(x, y);
                    // A zero product with a negative operand is -0, a double
                    // (ECMA-262 6.1.6.1.4 Number::multiply).
                    let zero = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
                    let signs = self.b.ins().bor(x, y);
                    let negative = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, signs, 0);
                    let negative_zero = self.b.ins().band(zero, negative);
                    let bad = self.b.ins().bor(overflow, negative_zero);
                    (r, bad)
                }
            };
            let ok = self.b.create_block();
            self.b.ins().brif(overflow, float, &[], ok, &[]);
            self.b.switch_to_block(ok);
            let boxed = self.box_int(r);
            self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
        } else {
            self.b.ins().jump(not_int, &[]);
        }

        self.b.switch_to_block(not_int);
        let numbers = self.both_numbers(a, b);
        self.b.ins().brif(numbers, float, &[], slow, &[]);

        self.b.switch_to_block(float);
        let x = self.number_to_f64(a);
        let y = self.number_to_f64(b);
        let r = match op {
            B::Addition => self.b.ins().fadd(x, y),
            B::Subtraction => self.b.ins().fsub(x, y),
            B::Multiplication => self.b.ins().fmul(x, y),
            _ => self.b.ins().fdiv(x, y),
        };
        let boxed = self.box_number(r);
        self.b.ins().jump(done, &[BlockArg::Value(boxed)]);

        self.b.switch_to_block(slow);
        let r = match update {
            Some(u) => self.runtime_unary(u, a),
            None => self.runtime_binary(op, a, b),
        };
        self.b.ins().jump(done, &[BlockArg::Value(r)]);

        self.b.switch_to_block(done);
        result
    }

    fn comparison(&mut self, op: BinaryOperator, a: ir::Value, b: ir::Value) -> ir::Value {
        use BinaryOperator as B;
        let (icc, fcc) = match op {
            B::LessThan => (IntCC::SignedLessThan, FloatCC::LessThan),
            B::GreaterThan => (IntCC::SignedGreaterThan, FloatCC::GreaterThan),
            B::LessThanOrEqual => (IntCC::SignedLessThanOrEqual, FloatCC::LessThanOrEqual),
            B::GreaterThanOrEqual => (IntCC::SignedGreaterThanOrEqual, FloatCC::GreaterThanOrEqual),
            B::Equality | B::StrictEquality => (IntCC::Equal, FloatCC::Equal),
            // Unordered-or-not-equal: NaN != NaN is true.
            _ => (IntCC::NotEqual, FloatCC::NotEqual),
        };
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I8);
        let int = self.b.create_block();
        let not_int = self.b.create_block();
        let float = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);

        let both = self.both_int32(a, b);
        self.b.ins().brif(both, int, &[], not_int, &[]);
        self.b.switch_to_block(int);
        let x = self.b.ins().ireduce(I32, a);
        let y = self.b.ins().ireduce(I32, b);
        let r = self.b.ins().icmp(icc, x, y);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);

        self.b.switch_to_block(not_int);
        let numbers = self.both_numbers(a, b);
        self.b.ins().brif(numbers, float, &[], slow, &[]);
        self.b.switch_to_block(float);
        let x = self.number_to_f64(a);
        let y = self.number_to_f64(b);
        let r = self.b.ins().fcmp(fcc, x, y);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);

        self.b.switch_to_block(slow);
        if matches!(op, B::StrictEquality | B::StrictInequality) {
            // Not both numbers: identical bits are equal except strings,
            // which compare by content in the runtime (7.2.16
            // IsStrictlyEqual).
            let same = self.b.create_block();
            let different = self.b.create_block();
            let eq = self.b.ins().icmp(IntCC::Equal, a, b);
            self.b.ins().brif(eq, same, &[], different, &[]);
            self.b.switch_to_block(same);
            let r = self.b.ins().iconst(I8, (op == B::StrictEquality) as i64);
            self.b.ins().jump(done, &[BlockArg::Value(r)]);
            self.b.switch_to_block(different);
        }
        let v = self.runtime_binary(op, a, b);
        let r = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, v, Value::TRUE.to_bits() as i64);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);

        self.b.switch_to_block(done);
        result
    }

    fn bitwise(&mut self, op: BinaryOperator, a: ir::Value, b: ir::Value) -> ir::Value {
        use BinaryOperator as B;
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let int = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let both = self.both_int32(a, b);
        self.b.ins().brif(both, int, &[], slow, &[]);
        self.b.switch_to_block(int);
        let x = self.b.ins().ireduce(I32, a);
        let y = self.b.ins().ireduce(I32, b);
        // Shift counts are taken modulo 32 (13.9.1 step 3), as Cranelift
        // does for 32-bit shifts.
        let r = match op {
            B::BitwiseAnd => self.b.ins().band(x, y),
            B::BitwiseOr => self.b.ins().bor(x, y),
            B::BitwiseXor => self.b.ins().bxor(x, y),
            B::LeftShift => self.b.ins().ishl(x, y),
            B::SignedRightShift => self.b.ins().sshr(x, y),
            _ => self.b.ins().ushr(x, y),
        };
        let boxed = if op == B::UnsignedRightShift {
            // The result is a uint32: above i32::MAX it is a double.
            let wide = self.b.ins().uextend(I64, r);
            let d = self.b.ins().fcvt_from_uint(F64, wide);
            self.box_number(d)
        } else {
            self.box_int(r)
        };
        self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
        self.b.switch_to_block(slow);
        let r = self.runtime_binary(op, a, b);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        result
    }

    /// `op` of the unary operators that take a value.
    fn unary(&mut self, op: UnaryOperator, operand: Operand) -> Result<Operand, CompileError> {
        use UnaryOperator as U;
        Ok(match op {
            U::LogicalNot => {
                let t = self.truthy(operand)?;
                Operand::Bool(self.b.ins().bxor_imm_u(t, 1))
            }
            U::Void => {
                self.value_of(operand)?;
                Operand::Undefined
            }
            U::Typeof => {
                let v = match operand {
                    // typeof of an unresolvable reference is "undefined"
                    // (13.5.3.1 step 2.a).
                    Operand::Variable(symbol, Locator::Global | Locator::None) => {
                        self.load_global(symbol, GlobalMiss::Undefined)?
                    }
                    Operand::Snapshot {
                        locator: Locator::Global | Locator::None,
                        value,
                        ..
                    } => {
                        // A missing global snapshots as the hole.
                        let hole = self.constant(Value::HOLE);
                        let undefined = self.constant(Value::UNDEFINED);
                        let missing = self.b.ins().icmp(IntCC::Equal, value, hole);
                        self.b.ins().select(missing, undefined, value)
                    }
                    Operand::Dynamic(r) => self.dynamic_typeof_value(r)?,
                    other => self.value_of(other)?,
                };
                Operand::Any(self.runtime_unary(op, v))
            }
            U::Minus => {
                let v = self.value_of(operand)?;
                let done = self.b.create_block();
                let result = self.b.append_block_param(done, I64);
                let number = self.b.create_block();
                let slow = self.b.create_block();
                self.b.set_cold_block(slow);
                let is_number =
                    self.b
                        .ins()
                        .icmp_imm_u(IntCC::UnsignedLessThan, v, NUMBER_LIMIT as i64);
                self.b.ins().brif(is_number, number, &[], slow, &[]);
                self.b.switch_to_block(number);
                let d = self.number_to_f64(v);
                let n = self.b.ins().fneg(d);
                let boxed = self.box_number(n);
                self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
                self.b.switch_to_block(slow);
                let r = self.runtime_unary(op, v);
                self.b.ins().jump(done, &[BlockArg::Value(r)]);
                self.b.switch_to_block(done);
                Operand::Any(result)
            }
            U::Plus | U::BitwiseNot => {
                let v = self.value_of(operand)?;
                Operand::Any(self.plus_or_not(op, v, op))
            }
            U::Delete => {
                match operand {
                    Operand::Property { object, key, .. } => {
                        let strict = self.b.ins().iconst(I8, self.script.flags.strict as i64);
                        let scratch = self.scratch_addr();
                        Operand::Any(self.call_runtime_checked(
                            RuntimeFn::DeleteProperty,
                            &[self.ctx, object, key, strict, scratch],
                        ))
                    }
                    // Deleting a global binding asks the global environment;
                    // deleting a function's binding fails (sloppy mode; strict
                    // mode makes it an early error); deleting a value succeeds
                    // (13.5.1.2).
                    Operand::Variable(symbol, Locator::Global | Locator::None)
                    | Operand::Snapshot {
                        symbol,
                        locator: Locator::Global | Locator::None,
                        ..
                    } => {
                        let name = self.host.global_name(self.program, symbol);
                        let name = self.b.ins().iconst(I32, name as i64);
                        let scratch = self.scratch_addr();
                        Operand::Any(self.call_runtime_checked(
                            RuntimeFn::DeleteGlobal,
                            &[self.ctx, name, scratch],
                        ))
                    }
                    Operand::Variable(..) | Operand::Snapshot { .. } => Operand::Boolean(false),
                    Operand::Dynamic(r) => Operand::Any(self.dynamic_delete(r)?),
                    other => {
                        self.value_of(other)?;
                        Operand::Boolean(true)
                    }
                }
            }
            U::PostfixIncrement | U::PostfixDecrement | U::PrefixIncrement | U::PrefixDecrement => {
                if !operand.is_reference() {
                    return malformed("update expression on a non-reference");
                }
                let operand = self.pin_property_key(operand)?;
                let old = self.value_of(operand.clone())?;
                // ToNumeric first (13.4.2.1 step 2): numbers pass, the
                // runtime converts the rest (a BigInt stays a BigInt).
                let old = self.plus_or_not(U::Plus, old, U::PostfixIncrement);
                let one = self.constant(Value::from_i32(1));
                let sub = matches!(op, U::PostfixDecrement | U::PrefixDecrement);
                // A BigInt takes the slow path, which adds 1n instead.
                let (arith, slow) = if sub {
                    (BinaryOperator::Subtraction, U::PrefixDecrement)
                } else {
                    (BinaryOperator::Addition, U::PrefixIncrement)
                };
                let new = self.arithmetic_or(arith, old, one, Some(slow));
                self.put_value(&operand, new, false)?;
                Operand::Any(if matches!(op, U::PostfixIncrement | U::PostfixDecrement) {
                    old
                } else {
                    new
                })
            }
        })
    }

    /// Unary `+` (ToNumber: numbers pass) or `~` (int32 fast path); the
    /// slow path calls the runtime with `slow_op` (the update operators
    /// pass their ToNumeric code, see `runtime_unary`).
    fn plus_or_not(
        &mut self,
        op: UnaryOperator,
        v: ir::Value,
        slow_op: UnaryOperator,
    ) -> ir::Value {
        use UnaryOperator as U;
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let cond = if op == U::Plus {
            self.b
                .ins()
                .icmp_imm_u(IntCC::UnsignedLessThan, v, NUMBER_LIMIT as i64)
        } else {
            self.is_int32(v)
        };
        self.b.ins().brif(cond, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let r = if op == U::Plus {
            v
        } else {
            let i = self.b.ins().ireduce(I32, v);
            let n = self.b.ins().bnot(i);
            self.box_int(n)
        };
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(slow);
        let r = self.runtime_unary(slow_op, v);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        result
    }

    fn runtime_unary(&mut self, op: UnaryOperator, v: ir::Value) -> ir::Value {
        let op = self.b.ins().iconst(I32, op as i64);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(RuntimeFn::Unary, &[self.ctx, op, v, scratch])
    }

    // ----- Control flow -----

    fn target_block(&self, target: Target) -> Result<(Block, usize), CompileError> {
        match target {
            Target::Return => Ok((self.return_block, 0)),
            Target::Break(i) => match self.flows.get(i) {
                Some(Flow::Loop {
                    exit, scope_depth, ..
                }) => Ok((*exit, *scope_depth)),
                Some(Flow::Label {
                    end, scope_depth, ..
                }) => Ok((*end, *scope_depth)),
                _ => malformed("break target is not a loop or label"),
            },
            Target::Continue(i) => match self.flows.get(i) {
                Some(Flow::Loop {
                    cont, scope_depth, ..
                }) => Ok((*cont, *scope_depth)),
                _ => malformed("continue target is not a loop"),
            },
        }
    }

    /// Jumps to a target, running the `finally` blocks in between and
    /// escaping the scopes that are left.
    fn jump_out(&mut self, target: Target) -> Result<(), CompileError> {
        let limit = match target {
            Target::Break(i) | Target::Continue(i) => i + 1,
            Target::Return => 0,
        };
        let from = self.scopes.len();
        for i in (limit..self.flows.len()).rev() {
            if let Flow::Try(t) = &mut self.flows[i] {
                if t.has_finally && t.stage != TryStage::Finally {
                    t.exits.push(target);
                    let kind = 2 + (t.exits.len() - 1) as i64;
                    let (kind_var, finally_block, depth) = (t.kind, t.finally_block, t.scope_depth);
                    self.escape_scopes(from, depth.min(from));
                    let k = self.b.ins().iconst(I32, kind);
                    self.b.def_var(kind_var, k);
                    self.b.ins().jump(finally_block, &[]);
                    return Ok(());
                }
            }
        }
        let (block, depth) = self.target_block(target)?;
        if !matches!(target, Target::Return) {
            // The return block escapes every cell itself.
            self.escape_scopes(from, depth.min(from));
        }
        self.b.ins().jump(block, &[]);
        Ok(())
    }

    fn find_loop(&self, label: Option<Symbol>) -> Result<usize, CompileError> {
        for (i, flow) in self.flows.iter().enumerate().rev() {
            if let Flow::Loop { labels, .. } = flow {
                if label.is_none_or(|l| labels.contains(&l)) {
                    return Ok(i);
                }
            }
        }
        malformed("continue or break outside of a loop")
    }

    fn find_label(&self, label: Symbol) -> Result<usize, CompileError> {
        for (i, flow) in self.flows.iter().enumerate().rev() {
            if let Flow::Label { symbol, .. } = flow {
                if *symbol == label {
                    return Ok(i);
                }
            }
        }
        malformed(format!(
            "break to unknown label {}",
            self.program.symbol_name(label)
        ))
    }

    fn loop_mut(&mut self) -> Result<&mut Flow, CompileError> {
        match self.flows.last_mut() {
            Some(flow @ Flow::Loop { .. }) => Ok(flow),
            _ => malformed("loop marker outside of a loop"),
        }
    }

    /// After the init section (or at the start): enter the test or the body.
    fn loop_enter(&mut self) -> Result<(), CompileError> {
        let Flow::Loop {
            flags,
            header,
            body,
            stage,
            ..
        } = self.loop_mut()?
        else {
            unreachable!()
        };
        let (flags, header, body) = (*flags, *header, *body);
        if flags.has(LoopFlags::POST_TEST) {
            *stage = LoopStage::Body;
            self.b.ins().jump(body, &[]);
            self.b.switch_to_block(body);
            return Ok(());
        }
        *stage = LoopStage::Test;
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        if !flags.has(LoopFlags::TEST) {
            self.loop_after_test(None)?;
        }
        Ok(())
    }

    /// After the test section of a pre-test loop.
    fn loop_after_test(&mut self, condition: Option<ir::Value>) -> Result<(), CompileError> {
        let Flow::Loop {
            flags,
            body,
            cont,
            exit,
            stage,
            ..
        } = self.loop_mut()?
        else {
            unreachable!()
        };
        let (flags, body, cont, exit) = (*flags, *body, *cont, *exit);
        if flags.has(LoopFlags::NEXT) {
            *stage = LoopStage::Next;
        } else {
            *stage = LoopStage::Body;
        }
        match condition {
            Some(c) => self.b.ins().brif(c, body, &[], exit, &[]),
            None => self.b.ins().jump(body, &[]),
        };
        if flags.has(LoopFlags::NEXT) {
            self.b.switch_to_block(cont);
        } else {
            self.b.switch_to_block(body);
        }
        Ok(())
    }

    // ----- Commands -----

    fn command(&mut self, command: &CompileCommand) -> Result<(), CompileError> {
        use CompileCommand as C;
        if let Some(keep) = consumed_operands(command) {
            self.settle(keep)?;
        }
        match *command {
            C::Undefined => self.operands.push(Operand::Undefined),
            C::Null => self.operands.push(Operand::Null),
            C::Boolean(b) => self.operands.push(Operand::Boolean(b)),
            C::Number(n) => self.operands.push(Operand::Number(n)),
            C::String(id) => {
                if id.0 as usize >= self.program.strings.len() {
                    return malformed(format!("string {} out of range", id.0));
                }
                self.operands.push(Operand::String(id))
            }
            C::BigInt { radix, digits } => {
                let v = self.host.bigint_constant(self.program, radix, digits)?;
                let v = self.constant(v);
                self.operands.push(Operand::Any(v))
            }
            C::This => self.operands.push(Operand::This),
            C::VariableReference(symbol, locator) => {
                if let Locator::Argument(_) | Locator::Local(_) = locator {
                    self.slot_index(locator)?;
                }
                self.operands.push(Operand::Variable(symbol, locator))
            }
            C::DynamicReference {
                symbol,
                locator,
                envs,
                with_mask,
            } => self.dynamic_reference(symbol, locator, envs, with_mask)?,
            C::GetProperty(cache) => {
                let key = self.pop()?;
                let object = self.pop()?;
                let cache = self.cache_for(&key, cache)?;
                let object = self.value_of(object)?;
                let key = self.value_of(key)?;
                let v = self.value_of(Operand::Property { object, key, cache })?;
                self.operands.push(Operand::Any(v));
            }
            C::PropertyReference(cache) => {
                let key = self.pop()?;
                let object = self.pop()?;
                let cache = self.cache_for(&key, cache)?;
                let object = self.value_of(object)?;
                let key = self.value_of(key)?;
                self.operands.push(Operand::Property { object, key, cache });
            }
            C::CalleeProperty(cache) => {
                let key = self.pop()?;
                let object = self.pop()?;
                let cache = self.cache_for(&key, cache)?;
                let object = self.value_of(object)?;
                let key = self.value_of(key)?;
                let function = self.value_of(Operand::Property { object, key, cache })?;
                self.operands.push(Operand::Method {
                    function,
                    this: object,
                });
            }
            C::CalleeWithThis => {
                let this = self.pop()?;
                let function = self.pop()?;
                let function = self.value_of(function)?;
                let this = self.value_of(this)?;
                self.operands.push(Operand::Method { function, this });
            }
            C::PushScope(scope) => {
                if scope.0 as usize >= self.script.scopes.len() {
                    return malformed(format!("scope {} out of range", scope.0));
                }
                self.scopes.push(scope);
                for flow in &mut self.flows {
                    if let Flow::Try(t) = flow {
                        t.nested.push(scope);
                    }
                }
                // A new activation of the scope has no cells yet.
                for index in self.captured_slots_of(scope) {
                    if let Slot::Memory { cell, .. } = self.slots[index] {
                        let zero = self.b.ins().iconst(I64, 0);
                        self.b.def_var(cell, zero);
                    }
                }
            }
            C::PopScope(scope) => {
                if self.scopes.last() != Some(&scope) {
                    return malformed(format!("PopScope({}) does not match", scope.0));
                }
                self.escape_scope(scope);
                self.scopes.pop();
            }
            C::DeclareVars(scope) => {
                let Some(s) = self.script.scopes.get(scope.0 as usize) else {
                    return malformed(format!("scope {} out of range", scope.0));
                };
                for v in &s.variables {
                    let initial = match v.kind {
                        VariableKind::Parameter => continue,
                        k if k.is_lexical() => Value::HOLE,
                        _ => Value::UNDEFINED,
                    };
                    let index = self.slot_index(v.locator)?;
                    let value = self.constant(initial);
                    match self.slots[index] {
                        Slot::Register(var) => self.b.def_var(var, value),
                        Slot::Memory { slot, .. } => {
                            self.b.ins().stack_store(I64, value, slot, 0);
                        }
                    }
                }
            }
            C::Initialize => {
                let value = self.pop()?;
                let reference = self.pop()?;
                let value = self.value_of(value)?;
                self.put_value(&reference, value, true)?;
            }
            C::Closure(function) => {
                if self.program.function(function).is_none() {
                    return malformed(format!("no function {}", function.0));
                }
                self.operands.push(Operand::Closure {
                    function,
                    captures: Vec::new(),
                });
            }
            C::Capture(locator) => {
                let cell = self.capture_cell(locator)?;
                match self.operands.last_mut() {
                    Some(Operand::Closure { captures, .. }) => captures.push(cell),
                    _ => return malformed("Capture without a Closure"),
                }
            }
            C::Call(argc) | C::New(argc) => {
                let argc = argc as usize;
                if self.operands.len() < argc + 1 {
                    return malformed("operand stack underflow in a call");
                }
                let args = self.operands.split_off(self.operands.len() - argc);
                let callee = self.pop()?;
                let (function, this) = match callee {
                    Operand::Property { object, .. } if matches!(command, C::Call(_)) => {
                        let f = self.value_of(callee)?;
                        (f, object)
                    }
                    Operand::Method { function, this } if matches!(command, C::Call(_)) => {
                        (function, this)
                    }
                    Operand::Dynamic(r) if matches!(command, C::Call(_)) => {
                        (self.dynamic_get(r)?, r.this)
                    }
                    other => {
                        let f = self.value_of(other)?;
                        let undefined = self.constant(Value::UNDEFINED);
                        (f, undefined)
                    }
                };
                let argv = self.argument_area(args)?;
                let argc = self.b.ins().iconst(I32, argc as i64);
                let scratch = self.scratch_addr();
                let result = if matches!(command, C::Call(_)) {
                    self.call_value(function, this, argc, argv, scratch)
                } else {
                    self.call_runtime_checked(
                        RuntimeFn::New,
                        &[self.ctx, function, argc, argv, scratch],
                    )
                };
                self.operands.push(Operand::Any(result));
            }
            C::DirectEval(argc) => {
                let scope = self.pop()?;
                let scope = self.value_of(scope)?;
                let argc = argc as usize;
                if self.operands.len() < argc + 1 {
                    return malformed("operand stack underflow in a direct eval");
                }
                let args = self.operands.split_off(self.operands.len() - argc);
                let callee = self.pop()?;
                let callee = self.value_of(callee)?;
                let argv = self.argument_area(args)?;
                let argc = self.b.ins().iconst(I32, argc as i64);
                let scratch = self.scratch_addr();
                let result = self.call_runtime_checked(
                    RuntimeFn::DirectEval,
                    &[self.ctx, callee, argc, argv, scope, scratch],
                );
                self.operands.push(Operand::Any(result));
            }
            C::Return(has_value) => {
                let value = if has_value {
                    let v = self.pop()?;
                    self.value_of(v)?
                } else {
                    self.constant(Value::UNDEFINED)
                };
                self.b.def_var(self.return_value, value);
                self.jump_out(Target::Return)?;
                self.start_dead_block();
            }
            C::Throw => {
                let v = self.pop()?;
                let v = self.value_of(v)?;
                self.throw_value(v);
            }
            C::Object | C::Array => {
                let scratch = self.scratch_addr();
                let f = if matches!(command, C::Object) {
                    RuntimeFn::CreateObject
                } else {
                    RuntimeFn::CreateArray
                };
                let v = self.call_runtime_checked(f, &[self.ctx, scratch]);
                self.operands.push(Operand::Any(v));
            }
            C::CreateDataProperty => {
                let value = self.pop()?;
                let key = self.pop()?;
                let object = self.pop()?;
                let object = self.value_of(object)?;
                let key = self.value_of(key)?;
                let value = self.value_of(value)?;
                let scratch = self.scratch_addr();
                self.call_runtime_checked(
                    RuntimeFn::CreateDataProperty,
                    &[self.ctx, object, key, value, scratch],
                );
                self.operands.push(Operand::Any(object));
            }
            C::PushArrayElement => {
                let value = self.pop()?;
                let array = self.pop()?;
                let array = self.value_of(array)?;
                let value = self.value_of(value)?;
                let scratch = self.scratch_addr();
                self.call_runtime_checked(
                    RuntimeFn::PushArrayElement,
                    &[self.ctx, array, value, scratch],
                );
                self.operands.push(Operand::Any(array));
            }
            C::Unary(op) => {
                let operand = self.pop()?;
                let result = self.unary(op, operand)?;
                self.operands.push(result);
            }
            C::Binary(op) => {
                let rhs = self.pop()?;
                let lhs = self.pop()?;
                if let (Operand::Number(x), Operand::Number(y)) = (&lhs, &rhs) {
                    if let Some(folded) = fold_numbers(op, *x, *y) {
                        self.operands.push(folded);
                        return Ok(());
                    }
                }
                let a = self.value_of(lhs)?;
                let b = self.value_of(rhs)?;
                let result = self.binary(op, a, b);
                self.operands.push(result);
            }
            C::Assignment => {
                let value = self.pop()?;
                let reference = self.pop()?;
                let v = self.value_of(value)?;
                self.put_value(&reference, v, false)?;
                self.operands.push(Operand::Any(v));
            }
            C::CompoundAssignmentBegin => {
                let reference = self.pop()?;
                if !reference.is_reference() {
                    return malformed("compound assignment to a non-reference");
                }
                let reference = self.pin_property_key(reference)?;
                let old = self.value_of(reference.clone())?;
                self.operands.push(reference);
                self.operands.push(Operand::Any(old));
            }
            C::CompoundAssignment(op) => {
                let rhs = self.pop()?;
                let old = self.pop()?;
                let reference = self.pop()?;
                let a = self.value_of(old)?;
                let b = self.value_of(rhs)?;
                let result = self.binary(op, a, b);
                let v = self.value_of(result)?;
                self.put_value(&reference, v, false)?;
                self.operands.push(Operand::Any(v));
            }
            C::ShortCircuit(kind) | C::ShortCircuitAssignment(kind) => {
                let operand = self.pop()?;
                let assign = matches!(command, C::ShortCircuitAssignment(_));
                if assign && !operand.is_reference() {
                    return malformed("logical assignment to a non-reference");
                }
                let operand = if assign {
                    self.pin_property_key(operand)?
                } else {
                    operand
                };
                let left = self.value_of(operand.clone())?;
                let evaluate_rhs = match kind {
                    ShortCircuitKind::And => self.truthy(Operand::Any(left))?,
                    ShortCircuitKind::Or => {
                        let t = self.truthy(Operand::Any(left))?;
                        self.b.ins().bxor_imm_u(t, 1)
                    }
                    ShortCircuitKind::Nullish => {
                        let low = self.b.ins().bor_imm_s(left, 1);
                        self.b
                            .ins()
                            .icmp_imm_s(IntCC::Equal, low, Value::NULL.to_bits() as i64)
                    }
                };
                let rhs = self.b.create_block();
                let merge = self.b.create_block();
                self.b.append_block_param(merge, I64);
                self.b
                    .ins()
                    .brif(evaluate_rhs, rhs, &[], merge, &[BlockArg::Value(left)]);
                self.b.switch_to_block(rhs);
                self.flows.push(Flow::ShortCircuit {
                    merge,
                    assign: assign.then_some(operand),
                    depth: self.operands.len(),
                });
            }
            C::ShortCircuitEnd => {
                let Some(Flow::ShortCircuit {
                    merge,
                    assign,
                    depth,
                }) = self.flows.pop()
                else {
                    return malformed("ShortCircuitEnd without ShortCircuit");
                };
                if self.operands.len() != depth + 1 {
                    return malformed("short-circuit operand must leave one value");
                }
                let rhs = self.pop()?;
                let v = self.value_of(rhs)?;
                if let Some(reference) = assign {
                    self.put_value(&reference, v, false)?;
                }
                self.b.ins().jump(merge, &[BlockArg::Value(v)]);
                self.b.switch_to_block(merge);
                let result = self.b.block_params(merge)[0];
                self.operands.push(Operand::Any(result));
            }
            C::IfThen => {
                let condition = self.pop()?;
                let c = self.truthy(condition)?;
                let then_block = self.b.create_block();
                let else_block = self.b.create_block();
                let merge = self.b.create_block();
                self.b.ins().brif(c, then_block, &[], else_block, &[]);
                self.b.switch_to_block(then_block);
                self.flows.push(Flow::If {
                    else_block,
                    merge,
                    depth: self.operands.len(),
                    has_else: false,
                    has_value: false,
                });
            }
            C::Else => {
                let Some(Flow::If {
                    else_block,
                    merge,
                    depth,
                    has_else,
                    has_value,
                }) = self.flows.last_mut()
                else {
                    return malformed("Else without IfThen");
                };
                if *has_else {
                    return malformed("two Else for one IfThen");
                }
                *has_else = true;
                let (else_block, merge, depth) = (*else_block, *merge, *depth);
                if self.operands.len() == depth + 1 {
                    // A conditional expression: the consequent's value flows
                    // into the merge block.
                    *has_value = true;
                    let op = self.pop()?;
                    let v = self.value_of(op)?;
                    self.b.append_block_param(merge, I64);
                    self.b.ins().jump(merge, &[BlockArg::Value(v)]);
                } else if self.operands.len() == depth {
                    self.b.ins().jump(merge, &[]);
                } else {
                    return malformed("unbalanced operand stack in a consequent");
                }
                self.b.switch_to_block(else_block);
            }
            C::IfStatement | C::IfElseStatement | C::ConditionalExpression => {
                let Some(Flow::If {
                    else_block,
                    merge,
                    depth,
                    has_else,
                    has_value,
                }) = self.flows.pop()
                else {
                    return malformed("end of if without IfThen");
                };
                match command {
                    C::IfStatement => {
                        if has_else || self.operands.len() != depth {
                            return malformed("IfStatement after Else or with a value");
                        }
                        // Without Else, the else block is the merge point.
                        let _ = merge;
                        self.b.ins().jump(else_block, &[]);
                        self.b.switch_to_block(else_block);
                    }
                    C::IfElseStatement => {
                        if !has_else || has_value || self.operands.len() != depth {
                            return malformed("IfElseStatement without Else or with a value");
                        }
                        self.b.ins().jump(merge, &[]);
                        self.b.switch_to_block(merge);
                    }
                    _ => {
                        if !has_else || !has_value || self.operands.len() != depth + 1 {
                            return malformed("ConditionalExpression without two values");
                        }
                        let op = self.pop()?;
                        let v = self.value_of(op)?;
                        self.b.ins().jump(merge, &[BlockArg::Value(v)]);
                        self.b.switch_to_block(merge);
                        let result = self.b.block_params(merge)[0];
                        self.operands.push(Operand::Any(result));
                    }
                }
            }
            C::LoopStart(flags) => {
                let labels = std::mem::take(&mut self.pending_labels);
                let header = self.b.create_block();
                let body = self.b.create_block();
                let cont = self.b.create_block();
                let exit = self.b.create_block();
                self.flows.push(Flow::Loop {
                    flags,
                    labels,
                    header,
                    body,
                    cont,
                    exit,
                    stage: LoopStage::Init,
                    scope_depth: self.scopes.len(),
                });
                if !flags.has(LoopFlags::INIT) {
                    self.loop_enter()?;
                }
            }
            C::LoopInit => {
                match self.loop_mut()? {
                    Flow::Loop {
                        stage: LoopStage::Init,
                        ..
                    } => {}
                    _ => return malformed("LoopInit out of place"),
                }
                self.loop_enter()?;
            }
            C::LoopTest => {
                let stage = match self.loop_mut()? {
                    Flow::Loop { stage, .. } => *stage,
                    _ => unreachable!(),
                };
                let condition = self.pop()?;
                let c = self.truthy(condition)?;
                match stage {
                    LoopStage::Test => self.loop_after_test(Some(c))?,
                    LoopStage::PostTest => {
                        let Flow::Loop {
                            body, exit, stage, ..
                        } = self.loop_mut()?
                        else {
                            unreachable!()
                        };
                        *stage = LoopStage::Done;
                        let (body, exit) = (*body, *exit);
                        self.b.ins().brif(c, body, &[], exit, &[]);
                        self.start_dead_block();
                    }
                    _ => return malformed("LoopTest out of place"),
                }
            }
            C::LoopNext => {
                let Flow::Loop {
                    header,
                    body,
                    stage,
                    ..
                } = self.loop_mut()?
                else {
                    unreachable!()
                };
                if *stage != LoopStage::Next {
                    return malformed("LoopNext out of place");
                }
                *stage = LoopStage::Body;
                let (header, body) = (*header, *body);
                self.b.ins().jump(header, &[]);
                self.b.switch_to_block(body);
            }
            C::LoopBody => {
                let Flow::Loop {
                    flags,
                    header,
                    cont,
                    stage,
                    ..
                } = self.loop_mut()?
                else {
                    unreachable!()
                };
                if *stage != LoopStage::Body {
                    return malformed("LoopBody out of place");
                }
                let (flags, header, cont) = (*flags, *header, *cont);
                *stage = if flags.has(LoopFlags::POST_TEST) {
                    LoopStage::PostTest
                } else {
                    LoopStage::Done
                };
                self.b.ins().jump(cont, &[]);
                if flags.has(LoopFlags::POST_TEST) {
                    self.b.switch_to_block(cont);
                } else if !flags.has(LoopFlags::NEXT) {
                    // Without a next section, continue goes to the test.
                    self.b.switch_to_block(cont);
                    self.b.ins().jump(header, &[]);
                    self.start_dead_block();
                } else {
                    self.start_dead_block();
                }
            }
            C::LoopEnd => {
                let Some(Flow::Loop { exit, stage, .. }) = self.flows.pop() else {
                    return malformed("LoopEnd without LoopStart");
                };
                if stage != LoopStage::Done {
                    return malformed("LoopEnd before the loop's sections are closed");
                }
                self.b.ins().jump(exit, &[]);
                self.b.switch_to_block(exit);
            }
            C::LabelStart(symbol) => {
                let end = self.b.create_block();
                self.flows.push(Flow::Label {
                    symbol,
                    end,
                    scope_depth: self.scopes.len(),
                });
                self.pending_labels.push(symbol);
            }
            C::LabelEnd(symbol) => {
                let Some(Flow::Label { symbol: s, end, .. }) = self.flows.pop() else {
                    return malformed("LabelEnd without LabelStart");
                };
                if s != symbol {
                    return malformed("LabelEnd does not match LabelStart");
                }
                self.b.ins().jump(end, &[]);
                self.b.switch_to_block(end);
            }
            C::Break(label) => {
                let index = match label {
                    Some(l) => self.find_label(l)?,
                    None => self.find_loop(None)?,
                };
                self.jump_out(Target::Break(index))?;
                self.start_dead_block();
            }
            C::Continue(label) => {
                let index = self.find_loop(label)?;
                self.jump_out(Target::Continue(index))?;
                self.start_dead_block();
            }
            C::Try {
                has_catch,
                has_finally,
            } => {
                if !has_catch && !has_finally {
                    return malformed("try without catch and finally");
                }
                let catch_block = self.b.create_block();
                self.b.append_block_param(catch_block, I64);
                let finally_block = self.b.create_block();
                let end = self.b.create_block();
                let kind = self.b.declare_var(I32);
                let value = self.b.declare_var(I64);
                let zero = self.b.ins().iconst(I32, 0);
                self.b.def_var(kind, zero);
                let undefined = self.constant(Value::UNDEFINED);
                self.b.def_var(value, undefined);
                self.flows.push(Flow::Try(Box::new(TryFlow {
                    stage: TryStage::Try,
                    has_catch,
                    has_finally,
                    landing: None,
                    catch_block,
                    finally_block,
                    end,
                    kind,
                    value,
                    exits: Vec::new(),
                    scope_depth: self.scopes.len(),
                    nested: Vec::new(),
                })));
            }
            C::Catch(has_parameter) => {
                let t = self.finish_try_stage(TryStage::Try, TryStage::Catch)?;
                if !t.0 {
                    return malformed("Catch in a try without catch");
                }
                let catch_block = t.1;
                self.b.switch_to_block(catch_block);
                if has_parameter {
                    let exception = self.b.block_params(catch_block)[0];
                    self.operands.push(Operand::Any(exception));
                }
            }
            C::Finally => {
                let stage = match self.flows.last() {
                    Some(Flow::Try(t)) if t.has_finally => t.stage,
                    _ => return malformed("Finally without a try with finally"),
                };
                self.finish_try_stage(stage, TryStage::Finally)?;
                let Some(Flow::Try(t)) = self.flows.last() else {
                    unreachable!()
                };
                let finally_block = t.finally_block;
                self.b.switch_to_block(finally_block);
            }
            C::TryEnd => {
                let Some(Flow::Try(t)) = self.flows.pop() else {
                    return malformed("TryEnd without Try");
                };
                match t.stage {
                    TryStage::Try => return malformed("TryEnd right after the try block"),
                    TryStage::Catch if t.has_finally => return malformed("TryEnd before Finally"),
                    TryStage::Catch => {
                        self.b.ins().jump(t.end, &[]);
                        // Exceptions in the catch block went to the outer
                        // handler: no landing for this stage.
                    }
                    TryStage::Finally => {
                        // Dispatch on how the finally block was entered
                        // (ECMA-262 14.15.3: the finally completion replaces
                        // the earlier one only if abrupt).
                        let kind = self.b.use_var(t.kind);
                        let rethrow = self.b.create_block();
                        let mut switch = Switch::new();
                        switch.set_entry(0, t.end);
                        switch.set_entry(1, rethrow);
                        let mut exit_blocks = Vec::new();
                        for (i, _) in t.exits.iter().enumerate() {
                            let block = self.b.create_block();
                            switch.set_entry(2 + i as u128, block);
                            exit_blocks.push(block);
                        }
                        switch.emit(&mut self.b, kind, t.end);
                        self.b.switch_to_block(rethrow);
                        let value = self.b.use_var(t.value);
                        self.rethrow_value(value);
                        self.b.ins().jump(t.end, &[]);
                        for (block, target) in exit_blocks.into_iter().zip(t.exits.iter()) {
                            self.b.switch_to_block(block);
                            self.jump_out(*target)?;
                        }
                    }
                }
                self.b.switch_to_block(t.end);
            }
            C::Discard => {
                let op = self.pop()?;
                if op.is_reference() || matches!(op, Operand::Closure { .. }) {
                    // ECMA-262 14.5.1: an expression statement still performs
                    // GetValue (it may throw a ReferenceError or run a getter).
                    self.value_of(op)?;
                }
            }
            C::Dup => {
                let top = self.pop()?;
                let top = if let Operand::Closure { .. } = top {
                    Operand::Any(self.value_of(top)?)
                } else {
                    top
                };
                self.operands.push(top.clone());
                self.operands.push(top);
            }
            C::Swap => {
                let a = self.pop()?;
                let b = self.pop()?;
                self.operands.push(a);
                self.operands.push(b);
            }
            C::Dereference => {
                let reference = self.pop()?;
                let v = self.value_of(reference.clone())?;
                self.operands.push(reference);
                self.operands.push(Operand::Any(v));
            }
            C::Debugger => {}
            C::Arguments(start) => {
                let start = self.b.ins().iconst(I32, start as i64);
                let scratch = self.scratch_addr();
                let v = self.call_runtime_checked(
                    RuntimeFn::CreateArguments,
                    &[self.ctx, self.argc, self.argv_ptr, start, scratch],
                );
                self.operands.push(Operand::Any(v));
            }
            C::ArgumentsObject(mapping) => self.arguments_object(mapping)?,
            C::NewTarget => {
                let v = self.call_runtime(RuntimeFn::NewTarget, &[self.ctx, self.closure]);
                self.operands.push(Operand::Any(v));
            }
            C::TemplateObject(site) => {
                let v = self.host.template_object(self.program, site)?;
                let v = self.constant(v);
                self.operands.push(Operand::Any(v));
            }
            C::DeclareGlobalVar(symbol) => {
                let name = self.host.global_name(self.program, symbol);
                let name = self.b.ins().iconst(I32, name as i64);
                let kind = self.b.ins().iconst(I8, 0);
                let scratch = self.scratch_addr();
                self.call_runtime_checked(
                    RuntimeFn::DeclareGlobal,
                    &[self.ctx, name, kind, scratch],
                );
            }
            C::Helper(helper) => self.helper(helper)?,
            C::JumpTable(_) | C::Await(_) | C::Yield(_) => {
                return Err(CompileError::Unsupported("generators and async functions"))
            }
        }
        Ok(())
    }

    /// Throws the TypeError of an assignment to a `const` binding (9.1.1.1.5
    /// SetMutableBinding step 6); the code after it is unreachable.
    fn throw_const_assignment(&mut self, symbol: Symbol) {
        let name = self.host.global_name(self.program, symbol);
        let name = self.b.ins().iconst(I32, name as i64);
        let scratch = self.scratch_addr();
        self.call_runtime(RuntimeFn::ThrowConstAssignment, &[self.ctx, name, scratch]);
        let handler = self.raise_block();
        self.b.ins().jump(handler, &[]);
        self.start_dead_block();
    }

    /// A property reference that is read and then written (`o[k] += v`,
    /// `o[k]++`, `o[k] ??= v`) converts an object key with ToPropertyKey
    /// once: GetValue stores the converted key in the reference (6.2.5.5
    /// step 3.b), so PutValue does not call `toString` again. Primitive keys
    /// convert without side effects and are left as they are.
    fn pin_property_key(&mut self, reference: Operand) -> Result<Operand, CompileError> {
        let Operand::Property {
            object,
            key,
            cache: None,
        } = reference
        else {
            return Ok(reference);
        };
        let tag = self.b.ins().ushr_imm_u(key, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        let check_base = self.b.create_block();
        self.b.set_cold_block(check_base);
        let convert = self.b.create_block();
        self.b.set_cold_block(convert);
        let done = self.b.create_block();
        let pinned = self.b.append_block_param(done, I64);
        self.b
            .ins()
            .brif(is_object, check_base, &[], done, &[BlockArg::Value(key)]);
        // GetValue converts the base with ToObject first (step 3.a): a
        // nullish base throws its TypeError before any `toString` runs.
        self.b.switch_to_block(check_base);
        let undefined =
            self.b
                .ins()
                .icmp_imm_s(IntCC::Equal, object, Value::UNDEFINED.to_bits() as i64);
        let null = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, object, Value::NULL.to_bits() as i64);
        let nullish = self.b.ins().bor(undefined, null);
        self.b
            .ins()
            .brif(nullish, done, &[BlockArg::Value(key)], convert, &[]);
        self.b.switch_to_block(convert);
        self.operands.push(Operand::Any(key));
        self.helper(Helper::ToPropertyKey)?;
        let converted = self.pop()?;
        let converted = self.value_of(converted)?;
        self.b.ins().jump(done, &[BlockArg::Value(converted)]);
        self.b.switch_to_block(done);
        Ok(Operand::Property {
            object,
            key: pinned,
            cache: None,
        })
    }

    /// `ArgumentsObject(mapping)`: the capture cells of the mapped
    /// parameters go to the argument area, then one runtime call.
    fn arguments_object(&mut self, mapping: ArgumentsMapping) -> Result<(), CompileError> {
        let count = match mapping {
            ArgumentsMapping::Mapped(n) => n,
            ArgumentsMapping::Unmapped => 0,
        };
        let zero = self.b.ins().iconst(I64, 0);
        for i in 0..count {
            let locator = Locator::Argument(i);
            let mapped = self.script.scopes.first().is_some_and(|s| {
                s.variables
                    .iter()
                    .any(|v| v.locator == locator && v.captured)
            });
            let cell = if mapped {
                self.capture_cell(locator)?
            } else {
                zero
            };
            let Some(argv) = self.argv else {
                return malformed("no argument area for the arguments object");
            };
            self.b.ins().stack_store(I64, cell, argv, i as i32 * 8);
        }
        let cells = match self.argv {
            Some(argv) if count > 0 => self.b.ins().stack_addr(I64, argv, 0),
            _ => zero,
        };
        let count = self.b.ins().iconst(I32, count as i64);
        let mapped = self
            .b
            .ins()
            .iconst(I8, matches!(mapping, ArgumentsMapping::Mapped(_)) as i64);
        let scratch = self.scratch_addr();
        let v = self.call_runtime_checked(
            RuntimeFn::CreateArgumentsObject,
            &[
                self.ctx,
                self.closure,
                self.argc,
                self.argv_ptr,
                cells,
                count,
                mapped,
                scratch,
            ],
        );
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// GetValue of each operand, in order, stored in the argument area;
    /// returns its address (null when there are no operands).
    fn argument_area(&mut self, args: Vec<Operand>) -> Result<ir::Value, CompileError> {
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(self.value_of(arg)?);
        }
        Ok(match self.argv {
            Some(slot) if !values.is_empty() => {
                for (i, &v) in values.iter().enumerate() {
                    self.b.ins().stack_store(I64, v, slot, (i * 8) as i32);
                }
                self.b.ins().stack_addr(I64, slot, 0)
            }
            _ => self.b.ins().iconst(I64, 0),
        })
    }

    /// `Helper(h)`: the inline ones, or one `runtime_helper` call with the
    /// operands in the argument area.
    fn helper(&mut self, helper: Helper) -> Result<(), CompileError> {
        match helper {
            Helper::Hole => {
                let v = self.constant(Value::HOLE);
                self.operands.push(Operand::Any(v));
                return Ok(());
            }
            Helper::IsHole => {
                let v = self.pop()?;
                let v = self.value_of(v)?;
                let hole = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
                let b = self.box_bool(hole);
                self.operands.push(Operand::Any(b));
                return Ok(());
            }
            _ => {}
        }
        let n = helper.arity();
        if self.operands.len() < n {
            return malformed("operand stack underflow in a helper");
        }
        let args = self.operands.split_off(self.operands.len() - n);
        let argv = self.argument_area(args)?;
        let code = self.b.ins().iconst(I32, helper.code() as i64);
        let argc = self.b.ins().iconst(I32, n as i64);
        let scratch = self.scratch_addr();
        let v =
            self.call_runtime_checked(RuntimeFn::Helper, &[self.ctx, code, argc, argv, scratch]);
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// Ends the `from` stage of the innermost try statement (normal
    /// completion and the stage's exception landing) and enters `to`.
    /// Returns whether the statement has a catch block, and the catch block.
    fn finish_try_stage(
        &mut self,
        from: TryStage,
        to: TryStage,
    ) -> Result<(bool, Block), CompileError> {
        let Some(Flow::Try(t)) = self.flows.last_mut() else {
            return malformed("catch or finally without try");
        };
        if t.stage != from {
            return malformed("catch or finally out of place");
        }
        t.stage = to;
        let landing = t.landing.take();
        let (has_catch, has_finally) = (t.has_catch, t.has_finally);
        let (catch_block, finally_block, end, kind, value) =
            (t.catch_block, t.finally_block, t.end, t.kind, t.value);
        let nested = t.nested.clone();
        // Normal completion of the stage.
        if has_finally {
            let zero = self.b.ins().iconst(I32, 0);
            self.b.def_var(kind, zero);
            self.b.ins().jump(finally_block, &[]);
        } else {
            self.b.ins().jump(end, &[]);
        }
        // Exceptions raised in the stage.
        if let Some(landing) = landing {
            self.b.switch_to_block(landing);
            let exception = self.b.ins().stack_load(I64, I64, self.scratch, 0);
            for scope in nested {
                self.escape_scope(scope);
            }
            if from == TryStage::Try && has_catch {
                // The exception is caught: its trace is complete.
                self.call_runtime(RuntimeFn::ExceptionCaught, &[self.ctx, exception]);
                self.b
                    .ins()
                    .jump(catch_block, &[BlockArg::Value(exception)]);
            } else {
                let one = self.b.ins().iconst(I32, 1);
                self.b.def_var(kind, one);
                self.b.def_var(value, exception);
                self.b.ins().jump(finally_block, &[]);
            }
        }
        Ok((has_catch, catch_block))
    }
}

/// How many operands on top of the stack a command consumes, or `None` for
/// commands without side effects that only push (see
/// [`FunctionCompiler::settle`]).
fn consumed_operands(command: &CompileCommand) -> Option<usize> {
    use CompileCommand as C;
    Some(match command {
        C::Undefined
        | C::Null
        | C::Boolean(_)
        | C::Number(_)
        | C::String(_)
        | C::BigInt { .. }
        | C::This
        | C::VariableReference(..)
        | C::Closure(_)
        | C::Capture(_)
        | C::Dup
        | C::Swap
        | C::Debugger
        | C::PushScope(_)
        | C::PopScope(_)
        | C::LabelStart(_)
        | C::LabelEnd(_) => return None,
        C::Call(n) | C::New(n) => *n as usize + 1,
        C::DirectEval(n) => *n as usize + 2,
        C::Helper(Helper::Hole) => return None,
        C::Helper(h) => h.arity(),
        C::Assignment
        | C::Initialize
        | C::Binary(_)
        | C::PushArrayElement
        | C::PropertyReference(_)
        | C::GetProperty(_)
        | C::CalleeProperty(_)
        | C::CalleeWithThis => 2,
        C::CompoundAssignment(_) | C::CreateDataProperty => 3,
        C::DynamicReference { envs, .. } => *envs as usize + 1,
        C::Unary(_)
        | C::CompoundAssignmentBegin
        | C::ShortCircuit(_)
        | C::ShortCircuitAssignment(_)
        | C::ShortCircuitEnd
        | C::IfThen
        | C::Else
        | C::ConditionalExpression
        | C::LoopTest
        | C::Throw
        | C::Return(true)
        | C::Discard
        | C::Dereference
        | C::Await(_)
        | C::Yield(_) => 1,
        _ => 0,
    })
}

/// Constant folding of `op` on two number literals, when the result is a
/// number computed exactly as at runtime.
fn fold_numbers(op: BinaryOperator, x: f64, y: f64) -> Option<Operand> {
    use BinaryOperator as B;
    Some(match op {
        B::Addition => Operand::Number(x + y),
        B::Subtraction => Operand::Number(x - y),
        B::Multiplication => Operand::Number(x * y),
        B::Division => Operand::Number(x / y),
        B::LessThan => Operand::Boolean(x < y),
        B::GreaterThan => Operand::Boolean(x > y),
        B::LessThanOrEqual => Operand::Boolean(x <= y),
        B::GreaterThanOrEqual => Operand::Boolean(x >= y),
        B::Equality | B::StrictEquality => Operand::Boolean(x == y),
        B::Inequality | B::StrictInequality => Operand::Boolean(x != y),
        _ => return None,
    })
}
