//! Bindings: the frame slots of locals and arguments, globals (with their
//! inline cache and the global declarative record), TDZ checks, capture
//! cells and their escape, and the scope and declaration commands.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, BlockArg, InstBuilder, StackSlot};
use cranelift_frontend::Variable;

use super::control_flow::Flow;
use super::operand::Operand;
use super::{malformed, trusted, CompileError, FunctionCompiler, F64, I32, I64, I8};
use crate::backend::jit::RuntimeFn;
use crate::backend::{Capture, Closure};
use crate::semantics::{Locator, ScopeRef, Symbol, VariableKind};
use crate::value::Value;

/// How `runtime_get_global` treats a missing global.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum GlobalMiss {
    /// Return undefined (`typeof x`).
    Undefined = 0,
    /// Throw a ReferenceError (a read).
    Throw = 1,
    /// Return the hole (a snapshot; the ReferenceError comes at use).
    Hole = 2,
}

/// Where a binding of the current function lives.
#[derive(Clone, Copy)]
pub(super) enum Slot {
    /// Not captured: an SSA variable.
    Register(Variable),
    /// Captured: a 16-byte stack slot holding the value (offset 0) and the
    /// binding's capture cell or 0 ([`CELL_OFFSET`]). The cell pointer is
    /// kept in memory rather than in an SSA variable: a variable is a
    /// block parameter of every block it is live across, and every captured
    /// binding's cell is live from its scope's entry to its escape, so
    /// 1,000 captured locals made Cranelift's work (and memory) quadratic.
    Memory { slot: StackSlot },
}

/// Offset of the capture cell pointer in a captured binding's stack slot.
pub(super) const CELL_OFFSET: i32 = 8;

impl FunctionCompiler<'_, '_> {
    pub(super) fn slot_index(&self, locator: Locator) -> Result<usize, CompileError> {
        match self.script.binding_index(locator) {
            Some(index) => Ok(index),
            None => malformed(format!("no frame slot for {locator}")),
        }
    }

    pub(super) fn is_lexical(&self, index: usize) -> bool {
        self.kinds[index].is_some_and(|k| k.is_lexical())
    }

    /// Throws a ReferenceError if `v` is the uninitialized marker (the TDZ,
    /// ECMA-262 9.1.1.1.6 GetBindingValue step 2).
    pub(super) fn check_initialized(&mut self, v: ir::Value, symbol: Symbol) {
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

    /// Full tier, not a coroutine: every `var` held in a register gets its
    /// unboxed companions (design step 3 for locals): a raw flag and a
    /// double. A store of an [`Operand::Num`] defines all three (no
    /// boxing: a double accumulator of a loop stays an `f64` across
    /// iterations); any other store defines the boxed value and clears the
    /// flag; a read as a value boxes when the flag is set. So the boxed
    /// variable always holds a valid Value (0, a Number, while the flag is
    /// set) and no guard can fail: there is nothing to bail out of. Only
    /// `var` bindings (no TDZ, never const) of the function's own frame
    /// (parameters may be mapped by `arguments`) that are the target of an
    /// arithmetic compound assignment (`s += x`, `p *= k`: accumulators):
    /// companions of every variable made loops carry twice the block
    /// parameters, for nothing in int32 code.
    pub(super) fn init_unboxed_vars(&mut self) {
        if self.tier != crate::backend::jit::Tier::Full || self.coroutine.is_some() {
            return;
        }
        self.init_double_vars();
        self.init_int_vars();
    }

    /// The double companions of accumulators (see [`Self::init_unboxed_vars`]).
    fn init_double_vars(&mut self) {
        let accumulators = self.accumulators();
        if accumulators.is_empty() {
            return;
        }
        let zero = self.b.ins().iconst(I8, 0);
        self.raw_zero = Some(zero);
        let num_params = self.script.num_params as usize;
        self.unboxed_vars = (0..self.slots.len())
            .map(|index| match self.slots[index] {
                Slot::Register(_)
                    if index >= num_params
                        && accumulators.contains(&(index - num_params))
                        && self.kinds[index] == Some(VariableKind::Var) =>
                {
                    let raw = self.b.declare_var(I8);
                    let f = self.b.declare_var(F64);
                    self.b.def_var(raw, zero);
                    Some((raw, f))
                }
                _ => None,
            })
            .collect();
    }

    /// Full tier, not a coroutine: the int32 companions of locals (issue
    /// 13 point 1): a flag (`i8`) and an `i32`, beside the boxed variable,
    /// as an [`Operand::Int`]: while the flag is set the value is the
    /// `i32` and the boxed variable is stale; while it is clear the value
    /// is the boxed variable. A store of an int32 side (an int32
    /// arithmetic result, `i++`) defines the flag and the `i32` without
    /// boxing; a boxed store defines the boxed variable and its tag test
    /// as the flag (a constant for a literal). A read as an operator's
    /// operand gives the int32 side (no tag test, no unboxing: `i * n + k`
    /// compiles to an `imul` and an `add` with their overflow checks); a
    /// read as a value boxes without a branch (`select`, computed where it
    /// is used: a call argument, a return, the slow paths). No guard fails
    /// after the fact (a double or a string stored mid-loop clears the
    /// flag, and the generic paths take over), raw `i32`s are never
    /// pointers for the conservative scan, and captured bindings live in
    /// memory, so only register slots have them: parameters (a register
    /// parameter is not mapped by `arguments`) and the `var`s that are the
    /// target of `++`/`--` or of an int32 literal (`var i = 0`), except
    /// accumulators, which have the double companions.
    fn init_int_vars(&mut self) {
        let candidates = self.int_candidates();
        let num_params = self.script.num_params as usize;
        let mut vars = Vec::with_capacity(self.slots.len());
        for index in 0..self.slots.len() {
            // A parameter's boxed variable stays valid (an int32 store
            // boxes it too): most parameters are never assigned, and many
            // are objects whose reads would otherwise all test the flag.
            let (eligible, stale) = match self.kinds[index] {
                Some(VariableKind::Parameter) => (index < num_params, false),
                Some(VariableKind::Var) => (
                    index >= num_params && candidates.contains(&(index - num_params)),
                    true,
                ),
                _ => (false, false),
            };
            let companions = match self.slots[index] {
                Slot::Register(var) if eligible && self.companions(index).is_none() => {
                    let flag = self.b.declare_var(I8);
                    let i = self.b.declare_var(I32);
                    let v = self.b.use_var(var);
                    let side = self.int_side_of(v);
                    self.b.def_var(flag, side.flag);
                    self.b.def_var(i, side.i);
                    Some((flag, i, stale))
                }
                _ => None,
            };
            vars.push(companions);
        }
        self.ints.vars = vars;
    }

    /// The locals that are the target of an update operator (`i++`) or
    /// of an int32 literal (`var i = 0`, `n = 1`).
    fn int_candidates(&self) -> Vec<usize> {
        use crate::semantics::CompileCommand as C;
        use crate::semantics::UnaryOperator as U;
        let commands = &self.script.commands;
        let mut found = Vec::new();
        for (i, command) in commands.iter().enumerate() {
            let C::VariableReference(_, Locator::Local(n)) = command else {
                continue;
            };
            let candidate = match commands.get(i + 1) {
                Some(C::Unary(
                    U::PostfixIncrement
                    | U::PostfixDecrement
                    | U::PrefixIncrement
                    | U::PrefixDecrement,
                )) => true,
                Some(C::Number(x)) => {
                    Value::number(*x).as_i32().is_some()
                        && matches!(commands.get(i + 2), Some(C::Assignment | C::Initialize))
                }
                _ => false,
            };
            if candidate && !found.contains(&(*n as usize)) {
                found.push(*n as usize);
            }
        }
        found
    }

    /// Whether `reference` is a local or parameter with int32 companions.
    pub(super) fn int_target(&self, reference: Option<&Operand>) -> bool {
        match reference {
            Some(Operand::Variable(_, locator) | Operand::Snapshot { locator, .. }) => self
                .slot_index(*locator)
                .is_ok_and(|index| self.int_companions(index).is_some()),
            _ => false,
        }
    }

    /// The int32 companions of slot `index` (flag, `i32`, whether the boxed
    /// variable is stale while the flag is set).
    pub(super) fn int_companions(&self, index: usize) -> Option<(Variable, Variable, bool)> {
        self.ints.vars.get(index).copied().flatten()
    }

    /// The locals that are the target of an arithmetic compound
    /// assignment: `VariableReference(x, local)` then
    /// `CompoundAssignmentBegin`, matched with its `CompoundAssignment(op)`
    /// (they nest).
    fn accumulators(&self) -> Vec<usize> {
        use crate::semantics::BinaryOperator as B;
        use crate::semantics::CompileCommand as C;
        let mut open: Vec<Option<usize>> = Vec::new();
        let mut found = Vec::new();
        let commands = &self.script.commands;
        for (i, command) in commands.iter().enumerate() {
            match command {
                C::CompoundAssignmentBegin => {
                    let target = match i.checked_sub(1).and_then(|p| commands.get(p)) {
                        Some(C::VariableReference(_, Locator::Local(n))) => Some(*n as usize),
                        _ => None,
                    };
                    open.push(target);
                }
                C::CompoundAssignment(op) => {
                    if let Some(Some(n)) = open.pop() {
                        if matches!(
                            op,
                            B::Addition | B::Subtraction | B::Multiplication | B::Division
                        ) && !found.contains(&n)
                        {
                            found.push(n);
                        }
                    }
                }
                _ => {}
            }
        }
        found
    }

    /// The unboxed companions of slot `index`.
    fn companions(&self, index: usize) -> Option<(Variable, Variable)> {
        self.unboxed_vars.get(index).copied().flatten()
    }

    /// The boxed value of register variable `var` of slot `index`: its
    /// companion double boxed when the raw flag is set. `snapshot`: boxed
    /// without a branch ([`Self::box_unboxed_select`]), so that an unused
    /// snapshot costs nothing.
    fn use_register(&mut self, index: usize, var: Variable, snapshot: bool) -> ir::Value {
        let v = self.b.use_var(var);
        if let Some((flag, i, true)) = self.int_companions(index) {
            let flag = self.b.use_var(flag);
            let i = self.b.use_var(i);
            return self.box_int_side(flag, i, v);
        }
        match self.companions(index) {
            Some((raw, f)) => {
                let raw = self.b.use_var(raw);
                let f = self.b.use_var(f);
                if snapshot {
                    self.box_unboxed_select(raw, f, v, false)
                } else {
                    self.box_unboxed(raw, f, v, false)
                }
            }
            None => v,
        }
    }

    /// Defines register variable `var` of slot `index` as the boxed
    /// `value` (clearing the companion flag).
    pub(super) fn def_register(&mut self, index: usize, var: Variable, value: ir::Value) {
        if let Some((flag, i, stale)) = self.int_companions(index) {
            // A value boxed from an int32 side stores the side, and the
            // boxed value it was made from (stale while the flag is set)
            // or the boxed value itself.
            let (side, boxed) = match self.ints.origin.get(&value) {
                Some(&(side, boxed)) if stale => (side, boxed),
                Some(&(side, _)) => (side, value),
                None => (self.int_side_of(value), value),
            };
            self.b.def_var(var, boxed);
            self.b.def_var(flag, side.flag);
            self.b.def_var(i, side.i);
            return;
        }
        self.b.def_var(var, value);
        if let (Some((raw, _)), Some(zero)) = (self.companions(index), self.raw_zero) {
            self.b.def_var(raw, zero);
        }
    }

    /// A read of variable reference `op` as an operator's operand: an
    /// [`Operand::Num`] for a variable with companions (its double is
    /// meaningful only while the flag is set: `loose`).
    pub(super) fn unboxed_variable(
        &mut self,
        op: &Operand,
    ) -> Result<Option<Operand>, CompileError> {
        let Operand::Variable(_, locator @ (Locator::Local(_) | Locator::Argument(_))) = *op else {
            return Ok(None);
        };
        let index = self.slot_index(locator)?;
        if let (Slot::Register(var), Some((flag, i, _))) =
            (self.slots[index], self.int_companions(index))
        {
            return Ok(Some(Operand::Int {
                flag: self.b.use_var(flag),
                i: self.b.use_var(i),
                v: self.b.use_var(var),
            }));
        }
        let (Slot::Register(var), Some((raw, f))) = (self.slots[index], self.companions(index))
        else {
            return Ok(None);
        };
        Ok(Some(Operand::Num {
            raw: self.b.use_var(raw),
            f: self.b.use_var(f),
            v: self.b.use_var(var),
            exact: false,
            loose: true,
        }))
    }

    /// PutValue of an [`Operand::Num`] into a variable with companions,
    /// without boxing; `false` (nothing done) for any other reference or
    /// value.
    pub(super) fn store_unboxed(
        &mut self,
        reference: &Operand,
        value: &Operand,
    ) -> Result<bool, CompileError> {
        let locator = match *reference {
            Operand::Variable(_, locator) | Operand::Snapshot { locator, .. } => locator,
            _ => return Ok(false),
        };
        let (Locator::Local(_), &Operand::Num { raw, f, v, .. }) = (locator, value) else {
            return Ok(false);
        };
        let index = self.slot_index(locator)?;
        let (Slot::Register(var), Some((raw_var, f_var))) =
            (self.slots[index], self.companions(index))
        else {
            return Ok(false);
        };
        self.b.def_var(var, v);
        self.b.def_var(raw_var, raw);
        self.b.def_var(f_var, f);
        Ok(true)
    }

    pub(super) fn load_variable(
        &mut self,
        symbol: Symbol,
        locator: Locator,
    ) -> Result<ir::Value, CompileError> {
        match locator {
            Locator::Argument(_) | Locator::Local(_) => {
                let index = self.slot_index(locator)?;
                let v = match self.slots[index] {
                    Slot::Register(var) => self.use_register(index, var, false),
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
    pub(super) fn read_raw(
        &mut self,
        symbol: Symbol,
        locator: Locator,
    ) -> Result<ir::Value, CompileError> {
        match locator {
            Locator::Argument(_) | Locator::Local(_) => {
                let index = self.slot_index(locator)?;
                Ok(match self.slots[index] {
                    Slot::Register(var) => self.use_register(index, var, true),
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

    pub(super) fn load_global(
        &mut self,
        symbol: Symbol,
        miss: GlobalMiss,
    ) -> Result<ir::Value, CompileError> {
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
    pub(super) fn store_variable(
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
                    Slot::Register(var) => self.def_register(index, var, value),
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
                let global_name = self.host.global_name(self.program, symbol);
                if let Some((address, mutable)) = self.host.global_lexical(global_name) {
                    return self.store_global_lexical(symbol, address, mutable, value, initialize);
                }
                let name = self.b.ins().iconst(I32, global_name as i64);
                use crate::backend::bridge::set_global_mode as mode;
                let mode = mode::of(
                    initialize,
                    self.program.declarations.deletable,
                    self.script.flags.strict,
                );
                let assignment = mode == mode::SLOPPY || mode == mode::STRICT;
                let mode = self.b.ins().iconst(I8, mode as i64);
                let cache = if assignment {
                    self.host.global_cache(global_name)
                } else {
                    None
                };
                let Some((global, ic)) = cache else {
                    let scratch = self.scratch_addr();
                    self.call_runtime_checked(
                        RuntimeFn::SetGlobal,
                        &[self.ctx, name, value, mode, scratch],
                    );
                    return Ok(());
                };
                // Inline cache on the global object's shape (an own writable
                // data property): store into its slot.
                let slow = self.b.create_block();
                self.b.set_cold_block(slow);
                let done = self.b.create_block();
                let object = self.b.ins().iconst(I64, global as i64);
                // The set cache follows the get cache.
                let ic = self.b.ins().iconst(I64, ic.wrapping_add(1) as i64);
                let (hit, slot) = self.cache_check(object, ic, slow);
                self.b.switch_to_block(hit);
                self.b.ins().store(trusted(), value, slot, 0);
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(slow);
                let scratch = self.scratch_addr();
                self.call_runtime_checked(
                    RuntimeFn::SetGlobalCached,
                    &[self.ctx, name, value, mode, ic, scratch],
                );
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(done);
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

    // ----- Captures -----

    /// Moves a captured binding into its cell, if a cell exists.
    fn escape_slot(&mut self, index: usize) {
        let Some(Slot::Memory { slot }) = self.slots.get(index).copied() else {
            return;
        };
        // Compact code: one call instead of a branch and three stores.
        if self.compact() {
            let address = self.b.ins().stack_addr(I64, slot, 0);
            self.call_runtime(RuntimeFn::EscapeCell, &[self.ctx, address]);
            return;
        }
        let cell_ptr = self.b.ins().stack_load(I64, I64, slot, CELL_OFFSET);
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
        self.b.ins().stack_store(I64, zero, slot, CELL_OFFSET);
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

    pub(super) fn escape_scope(&mut self, scope: ScopeRef) {
        for index in self.captured_slots_of(scope) {
            self.escape_slot(index);
        }
    }

    /// Escapes the scopes `self.scopes[to..from]`, innermost first.
    pub(super) fn escape_scopes(&mut self, from: usize, to: usize) {
        for i in (to..from).rev() {
            let scope = self.scopes[i];
            self.escape_scope(scope);
        }
    }

    pub(super) fn escape_all(&mut self) {
        for index in 0..self.slots.len() {
            self.escape_slot(index);
        }
    }

    /// The capture cell of a binding of this frame, created on first use.
    pub(super) fn capture_cell(&mut self, locator: Locator) -> Result<ir::Value, CompileError> {
        if let Locator::Capture(i) = locator {
            return self.own_capture(i);
        }
        let slot = self.captured_slot(locator)?;
        // Compact code: the runtime finds or makes the cell.
        if self.compact() {
            let target = self.b.ins().stack_addr(I64, slot, 0);
            let scratch = self.scratch_addr();
            return Ok(
                self.call_runtime_checked(RuntimeFn::CaptureCell, &[self.ctx, target, scratch])
            );
        }
        let existing = self.b.ins().stack_load(I64, I64, slot, CELL_OFFSET);
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
        self.b.ins().stack_store(I64, result, slot, CELL_OFFSET);
        Ok(result)
    }

    /// The frame slot of captured binding `locator` (a local or an
    /// argument: its value, then its cell's body pointer or 0).
    pub(super) fn captured_slot(&self, locator: Locator) -> Result<StackSlot, CompileError> {
        let index = self.slot_index(locator)?;
        let Slot::Memory { slot } = self.slots[index] else {
            return malformed(format!(
                "capturing {locator}, which no scope marks as captured"
            ));
        };
        Ok(slot)
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

    /// `VariableReference(symbol, locator)`: a lazy reference.
    pub(super) fn variable_reference(
        &mut self,
        symbol: Symbol,
        locator: Locator,
    ) -> Result<(), CompileError> {
        if let Locator::Argument(_) | Locator::Local(_) = locator {
            self.slot_index(locator)?;
        }
        self.operands.push(Operand::Variable(symbol, locator));
        Ok(())
    }

    /// `PushScope(scope)`.
    pub(super) fn push_scope(&mut self, scope: ScopeRef) -> Result<(), CompileError> {
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
            if let Slot::Memory { slot } = self.slots[index] {
                let zero = self.b.ins().iconst(I64, 0);
                self.b.ins().stack_store(I64, zero, slot, CELL_OFFSET);
            }
        }
        Ok(())
    }

    /// `PopScope(scope)`: the scope's captured bindings escape.
    pub(super) fn pop_scope(&mut self, scope: ScopeRef) -> Result<(), CompileError> {
        if self.scopes.last() != Some(&scope) {
            return malformed(format!("PopScope({}) does not match", scope.0));
        }
        self.escape_scope(scope);
        self.scopes.pop();
        Ok(())
    }

    /// `DeclareVars(scope)`: `var` bindings undefined, lexical ones in
    /// their TDZ.
    pub(super) fn declare_vars(&mut self, scope: ScopeRef) -> Result<(), CompileError> {
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
                Slot::Register(var) => self.def_register(index, var, value),
                Slot::Memory { slot, .. } => {
                    self.b.ins().stack_store(I64, value, slot, 0);
                }
            }
        }
        Ok(())
    }

    /// `Initialize`.
    pub(super) fn initialize(&mut self) -> Result<(), CompileError> {
        let value = self.pop()?;
        let reference = self.pop()?;
        let value = self.value_of(value)?;
        self.put_value(&reference, value, true)?;
        Ok(())
    }

    /// `DeclareGlobalVar(symbol)`.
    pub(super) fn declare_global_var(&mut self, symbol: Symbol) -> Result<(), CompileError> {
        let name = self.host.global_name(self.program, symbol);
        let name = self.b.ins().iconst(I32, name as i64);
        let kind = self.b.ins().iconst(I8, 0);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(RuntimeFn::DeclareGlobal, &[self.ctx, name, kind, scratch]);
        Ok(())
    }
}
