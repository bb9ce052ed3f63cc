//! Coroutines: the jump table, the suspend points and the resume blocks of a
//! generator or async function body (the run-time side is
//! [`crate::backend::coroutine`]).
//!
//! The body's entry loads the resume point ([`Coroutine::STATE_OFFSET`]): 0 falls into the ordinary
//! prologue, any other state goes through a `br_table` (filled at the end,
//! [`FunctionCompiler::finish_jump_table`]) to the resume block of that
//! state. A suspend point ([`FunctionCompiler::suspend`]) saves what is live
//! there into the coroutine's frame and returns `Status::Suspend`; its resume
//! block, where compilation continues, loads it all back:
//!
//! * the bindings of the open scopes and every temporary (their frame slots
//!   are allocated on first save, so a binding never live at a suspend point
//!   takes no room); a captured binding also saves its capture cell, which
//!   escapes at the suspension (closures keep working on it) and is pointed
//!   at the new stack slot again on resume;
//! * the return value, `this`, and the state variables of open `try`
//!   statements;
//! * the compile-time operand stack, into the *scratch* slots, shared by all
//!   suspend points (`a + b + await c` keeps `a + b` there).
//!
//! An operand that is below a control-flow split when a branch suspends is
//! reached after the join both from the suspended branch and from the others,
//! so before every split of a coroutine the operands move into variables
//! ([`Operand::Spilled`]); the suspension saves and the resume block
//! redefines those variables, and SSA construction merges them at the join.

use std::collections::HashMap;

use cranelift_codegen::entity::EntityRef;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, Block, BlockArg, InstBuilder};
use cranelift_frontend::{Switch, Variable};

use super::control_flow::{Flow, Target};
use super::operand::Operand;
use super::variables::{Slot, CELL_OFFSET};
use super::{malformed, trusted, CompileError, FunctionCompiler, I32, I64};
use crate::backend::coroutine::{
    Coroutine, FrameSlot, MODE_RETURN, MODE_THROW, SUSPEND_AWAIT, SUSPEND_START, SUSPEND_YIELD,
    SUSPEND_YIELD_RAW,
};
use crate::backend::jit::RuntimeFn;
use crate::backend::{Capture, Status};
use crate::semantics::{CompileScript, Locator, ScopeRef};
use crate::value::Value;

/// The frame a compiled coroutine body needs.
pub struct FrameLayout {
    /// What each fixed slot holds.
    pub layout: Vec<FrameSlot>,
    /// Number of scratch slots.
    pub scratch: u32,
}

/// What `runtime_yield_star_step` asks the delegation loop to do.
mod step {
    /// Yield the inner result object (in `*ret`) as it is.
    pub const YIELD: i64 = 0;
    /// The inner iterator is done: `*ret` is the value of `yield*`.
    pub const DONE: i64 = 2;
    /// Return `*ret` from the generator (after awaiting it, in an async
    /// generator).
    pub const RETURN: i64 = 3;
    /// A throw met an inner iterator without `throw`: `*ret` is the result
    /// of closing it (to await) or HOLE.
    pub const NO_THROW: i64 = 4;
}

/// Per-function state of a coroutine body being compiled.
pub(super) struct CoroutineState {
    co: ir::Value,
    resume_value: ir::Value,
    resume_mode: ir::Value,
    /// The resume block of state `k` is `resume[k - 1]`.
    resume: Vec<Block>,
    /// The entry's branch for states other than 0 (filled at the end).
    dispatch: Block,
    /// `this`, after the prologue's coercion.
    pub(super) this: Variable,
    /// Whether the body reads `this` (else it takes no frame slot).
    uses_this: bool,
    /// Frame slot of each binding's value and of its capture cell.
    slot_frame: Vec<Option<u32>>,
    cell_frame: Vec<Option<u32>>,
    /// Frame slots of other variables (return value, `this`, `try` state).
    var_frame: HashMap<usize, u32>,
    layout: Vec<FrameSlot>,
    scratch: u32,
    /// The scopes that declare each binding slot (none: a temporary).
    slot_scopes: Vec<Vec<ScopeRef>>,
}

impl CoroutineState {
    /// Sets up the entry of a coroutine body with `states` resume points:
    /// called in the entry block, which it leaves for the start block.
    pub(super) fn begin(
        b: &mut cranelift_frontend::FunctionBuilder<'_>,
        script: &CompileScript,
        params: &[ir::Value],
        states: u32,
        this: ir::Value,
    ) -> Result<CoroutineState, CompileError> {
        let [co, resume_value, resume_mode] = params[..] else {
            return malformed("unexpected coroutine signature");
        };
        let state = b.ins().load(I32, trusted(), co, Coroutine::STATE_OFFSET);
        let start = b.create_block();
        let dispatch = b.create_block();
        b.ins().brif(state, dispatch, &[], start, &[]);
        b.switch_to_block(start);
        let this_var = b.declare_var(I64);
        b.def_var(this_var, this);
        let resume = (0..states).map(|_| b.create_block()).collect();
        let num_slots = script.num_params as usize + script.num_locals as usize;
        let slot_scopes = slot_scopes(script, num_slots);
        Ok(CoroutineState {
            co,
            resume_value,
            resume_mode,
            resume,
            dispatch,
            this: this_var,
            uses_this: script
                .commands
                .contains(&crate::semantics::CompileCommand::This),
            slot_frame: vec![None; num_slots],
            cell_frame: vec![None; num_slots],
            var_frame: HashMap::new(),
            layout: Vec::new(),
            scratch: 0,
            slot_scopes,
        })
    }

    /// The frame layout, once the body is compiled.
    pub(super) fn frame_layout(&self) -> FrameLayout {
        FrameLayout {
            layout: self.layout.clone(),
            scratch: self.scratch,
        }
    }
}

/// Allocates a fixed frame slot on first use.
fn frame_slot(layout: &mut Vec<FrameSlot>, entry: &mut Option<u32>, kind: FrameSlot) -> u32 {
    *entry.get_or_insert_with(|| {
        layout.push(kind);
        layout.len() as u32 - 1
    })
}

/// Where one suspend point saves a variable: the variable, its frame offset
/// and whether it is an `i32` (stored widened).
type SavedVar = (Variable, i32, bool);

impl FunctionCompiler<'_, '_> {
    fn coroutine(&self) -> Result<&CoroutineState, CompileError> {
        match &self.coroutine {
            Some(c) => Ok(c),
            None => malformed("a suspend point outside a generator or async function"),
        }
    }

    /// `this` of the function (a variable in a coroutine, where it must
    /// survive suspension).
    pub(super) fn this_value(&mut self) -> ir::Value {
        match &self.coroutine {
            Some(c) => {
                let var = c.this;
                self.b.use_var(var)
            }
            None => self.this,
        }
    }

    /// `JumpTable(states)`: handled by the prologue; must come first.
    pub(super) fn jump_table(&mut self, states: u32) -> Result<(), CompileError> {
        match &self.coroutine {
            Some(c) if c.resume.len() == states as usize => Ok(()),
            _ => malformed("JumpTable not at the start of a coroutine"),
        }
    }

    /// Fills the entry's dispatch on the saved state.
    pub(super) fn finish_jump_table(&mut self) {
        let Some(c) = &self.coroutine else {
            return;
        };
        let (co, dispatch, resume) = (c.co, c.dispatch, c.resume.clone());
        self.b.switch_to_block(dispatch);
        let state = self
            .b
            .ins()
            .load(I32, trusted(), co, Coroutine::STATE_OFFSET);
        // An unknown state cannot happen; it ends the call with undefined.
        let invalid = self.b.create_block();
        self.b.set_cold_block(invalid);
        let mut switch = Switch::new();
        for (k, &block) in resume.iter().enumerate() {
            switch.set_entry(k as u128 + 1, block);
        }
        switch.emit(&mut self.b, state, invalid);
        self.b.switch_to_block(invalid);
        let undefined = self.constant(Value::UNDEFINED);
        self.b.ins().store(trusted(), undefined, self.ret, 0);
        let status = self.b.ins().iconst(I32, Status::Exception as i64);
        self.b.ins().return_(&[status]);
    }

    /// Before a control-flow split in a coroutine: operands below it move
    /// into variables (see the module documentation).
    pub(super) fn spill_operands(&mut self) {
        if self.coroutine.is_none() {
            return;
        }
        for i in 0..self.operands.len() {
            let op = std::mem::replace(&mut self.operands[i], Operand::Undefined);
            self.operands[i] = self.spill_operand(op);
        }
    }

    /// One operand in variables (a no-op for constants and lazy references).
    pub(super) fn spill_operand(&mut self, op: Operand) -> Operand {
        if self.coroutine.is_none() {
            return op;
        }
        let op = match op {
            Operand::Bool(v) => Operand::Any(self.box_bool(v)),
            // Never made in a coroutine; boxed if it were.
            op @ Operand::Num { .. } => match self.value_of(op.clone()) {
                Ok(v) => Operand::Any(v),
                Err(_) => op,
            },
            // Complete (see `suspend`).
            op @ Operand::Closure { .. } => match self.value_of(op.clone()) {
                Ok(v) => Operand::Any(v),
                Err(_) => op,
            },
            op => op,
        };
        let parts = op.parts();
        if parts.is_empty() || matches!(op, Operand::Spilled { .. } | Operand::Closure { .. }) {
            return op;
        }
        let vars = parts
            .iter()
            .map(|&p| {
                let var = self.b.declare_var(I64);
                self.b.def_var(var, p);
                var
            })
            .collect();
        Operand::Spilled {
            shape: Box::new(op),
            vars,
        }
    }

    /// The binding slots live at this point: those of the open scopes and
    /// the temporaries.
    fn live_slots(&self) -> Vec<usize> {
        let Some(c) = &self.coroutine else {
            return Vec::new();
        };
        (0..self.slots.len())
            .filter(|&i| {
                let scopes = &c.slot_scopes[i];
                scopes.is_empty() || scopes.iter().any(|s| self.scopes.contains(s))
            })
            .collect()
    }

    /// The variables saved at a suspend point besides the bindings, with
    /// their frame offsets. The return value is set just before leaving
    /// the function, so it is live at a suspend point only inside a
    /// `finally` block (run by `return`); `this` only when the body reads
    /// it. Those not saved are undefined on resumption ([`Self::unsaved_vars`]).
    fn saved_vars(&mut self) -> Vec<SavedVar> {
        let mut vars = Vec::new();
        if self.return_value_live() {
            vars.push((self.return_value, false));
        }
        if let Some(c) = &self.coroutine {
            if c.uses_this {
                vars.push((c.this, false));
            }
        }
        for flow in &self.flows {
            if let Flow::Try(t) = flow {
                vars.push((t.kind, true));
                vars.push((t.value, false));
            }
        }
        let Some(c) = &mut self.coroutine else {
            return Vec::new();
        };
        vars.into_iter()
            .map(|(var, narrow)| {
                let kind = if narrow {
                    FrameSlot::Raw
                } else {
                    FrameSlot::Value
                };
                let mut entry = c.var_frame.get(&var.index()).copied();
                let index = frame_slot(&mut c.layout, &mut entry, kind);
                c.var_frame.insert(var.index(), index);
                (var, index as i32 * 8, narrow)
            })
            .collect()
    }

    /// Whether the return value can be set at a suspend point here: inside
    /// a `try` statement with a `finally` block.
    fn return_value_live(&self) -> bool {
        self.flows
            .iter()
            .any(|f| matches!(f, Flow::Try(t) if t.has_finally))
    }

    /// The variables a suspend point does not save (see
    /// [`Self::saved_vars`]): undefined again on resumption.
    fn unsaved_vars(&self) -> Vec<Variable> {
        let mut vars = Vec::new();
        if !self.return_value_live() {
            vars.push(self.return_value);
        }
        if let Some(c) = &self.coroutine {
            if !c.uses_this {
                vars.push(c.this);
            }
        }
        vars
    }

    /// Suspends at `state` with `value` in `*ret` (kind `SUSPEND_*`), then
    /// continues in the state's resume block with everything restored.
    pub(super) fn suspend(
        &mut self,
        state: u32,
        value: ir::Value,
        kind: u32,
    ) -> Result<(), CompileError> {
        let c = self.coroutine()?;
        let Some(&resume) = (state as usize)
            .checked_sub(1)
            .and_then(|k| c.resume.get(k))
        else {
            return malformed(format!("suspend state {state} out of range"));
        };
        let co = c.co;

        // Operands (and the references open short-circuit assignments keep)
        // go to the scratch slots.
        for i in 0..self.operands.len() {
            if let Operand::Bool(v) = self.operands[i] {
                self.operands[i] = Operand::Any(self.box_bool(v));
            }
            // Never made in a coroutine; boxed if it were.
            if let Operand::Num { .. } = self.operands[i] {
                let op = std::mem::replace(&mut self.operands[i], Operand::Undefined);
                self.operands[i] = Operand::Any(self.value_of(op)?);
            }
            // A closure's captures directly follow its `Closure`: it is
            // complete here and can be created.
            if let Operand::Closure { .. } = self.operands[i] {
                let op = std::mem::replace(&mut self.operands[i], Operand::Undefined);
                self.operands[i] = Operand::Any(self.value_of(op)?);
            }
        }
        let mut flow_vars = Vec::new();
        for flow in &self.flows {
            if let Flow::ShortCircuit {
                assign: Some(Operand::Spilled { vars, .. }),
                ..
            } = flow
            {
                flow_vars.extend(vars.iter().copied());
            }
        }
        let scratch = self
            .b
            .ins()
            .load(I64, trusted(), co, Coroutine::SCRATCH_OFFSET);
        let mut n = 0i32;
        let mut store_scratch = |this: &mut Self, v: ir::Value| {
            this.b.ins().store(trusted(), v, scratch, n * 8);
            n += 1;
        };
        for i in 0..self.operands.len() {
            match &self.operands[i] {
                Operand::Spilled { vars, .. } => {
                    for var in vars.clone() {
                        let v = self.b.use_var(var);
                        store_scratch(self, v);
                    }
                }
                op => {
                    for p in op.parts() {
                        store_scratch(self, p);
                    }
                }
            }
        }
        for &var in &flow_vars {
            let v = self.b.use_var(var);
            store_scratch(self, v);
        }
        if let Some(c) = &mut self.coroutine {
            c.scratch = c.scratch.max(n as u32);
        }

        // Bindings and variables go to the fixed slots.
        let live = self.live_slots();
        let mut bindings = Vec::with_capacity(live.len());
        {
            let Some(c) = &mut self.coroutine else {
                unreachable!()
            };
            for &index in &live {
                let value = frame_slot(&mut c.layout, &mut c.slot_frame[index], FrameSlot::Value);
                let cell = match self.slots[index] {
                    Slot::Memory { .. } => Some(frame_slot(
                        &mut c.layout,
                        &mut c.cell_frame[index],
                        FrameSlot::Cell,
                    )),
                    Slot::Register(_) => None,
                };
                bindings.push((index, value as i32 * 8, cell.map(|c| c as i32 * 8)));
            }
        }
        let vars = self.saved_vars();
        let unsaved = self.unsaved_vars();
        let frame = self.b.ins().iadd_imm_s(co, Coroutine::FRAME_OFFSET as i64);
        for &(index, value_at, cell_at) in &bindings {
            match self.slots[index] {
                Slot::Register(var) => {
                    let v = self.b.use_var(var);
                    self.b.ins().store(trusted(), v, frame, value_at);
                }
                Slot::Memory { slot } => {
                    let v = self.b.ins().stack_load(I64, I64, slot, 0);
                    self.b.ins().store(trusted(), v, frame, value_at);
                    let cell_ptr = self.b.ins().stack_load(I64, I64, slot, CELL_OFFSET);
                    self.b
                        .ins()
                        .store(trusted(), cell_ptr, frame, cell_at.unwrap_or(0));
                    // The cell escapes: closures use it while the frame is
                    // suspended.
                    let escape = self.b.create_block();
                    let done = self.b.create_block();
                    self.b.ins().brif(cell_ptr, escape, &[], done, &[]);
                    self.b.switch_to_block(escape);
                    self.b
                        .ins()
                        .store(trusted(), v, cell_ptr, Capture::VALUE_OFFSET);
                    let own = self
                        .b
                        .ins()
                        .iadd_imm_s(cell_ptr, Capture::VALUE_OFFSET as i64);
                    self.b
                        .ins()
                        .store(trusted(), own, cell_ptr, Capture::TARGET_OFFSET);
                    self.b.ins().jump(done, &[]);
                    self.b.switch_to_block(done);
                }
            }
        }
        for &(var, at, narrow) in &vars {
            let v = self.b.use_var(var);
            let v = if narrow {
                self.b.ins().uextend(I64, v)
            } else {
                v
            };
            self.b.ins().store(trusted(), v, frame, at);
        }
        let state_value = self.b.ins().iconst(I32, state as i64);
        self.b
            .ins()
            .store(trusted(), state_value, co, Coroutine::STATE_OFFSET);
        // One byte (`Coroutine::suspend`).
        let kind_value = self.b.ins().iconst(I32, kind as i64);
        self.b
            .ins()
            .istore8(trusted(), kind_value, co, Coroutine::SUSPEND_OFFSET);
        self.b.ins().store(trusted(), value, self.ret, 0);
        let status = self.b.ins().iconst(I32, Status::Suspend as i64);
        self.b.ins().return_(&[status]);

        // Resumed: everything comes back.
        self.b.switch_to_block(resume);
        // The native frame is new: a captured binding that is not live here
        // (its scope is closed) has no cell in this activation, and its
        // slot's cell word must read 0 for the escapes at scope exits and
        // returns (the start path wrote it; this path did not).
        for index in 0..self.slots.len() {
            if let Slot::Memory { slot } = self.slots[index] {
                if !bindings.iter().any(|&(i, _, _)| i == index) {
                    let zero = self.b.ins().iconst(I64, 0);
                    self.b.ins().stack_store(I64, zero, slot, CELL_OFFSET);
                }
            }
        }
        let frame = self.b.ins().iadd_imm_s(co, Coroutine::FRAME_OFFSET as i64);
        for &(index, value_at, cell_at) in &bindings {
            match self.slots[index] {
                Slot::Register(var) => {
                    let v = self.b.ins().load(I64, trusted(), frame, value_at);
                    self.b.def_var(var, v);
                }
                Slot::Memory { slot } => {
                    let cell_ptr = self
                        .b
                        .ins()
                        .load(I64, trusted(), frame, cell_at.unwrap_or(0));
                    self.b.ins().stack_store(I64, cell_ptr, slot, CELL_OFFSET);
                    let reopen = self.b.create_block();
                    let plain = self.b.create_block();
                    let done = self.b.create_block();
                    self.b.ins().brif(cell_ptr, reopen, &[], plain, &[]);
                    // A cell reads its own copy (closures may have changed
                    // it) and points at the new stack slot again.
                    self.b.switch_to_block(reopen);
                    let v = self
                        .b
                        .ins()
                        .load(I64, trusted(), cell_ptr, Capture::VALUE_OFFSET);
                    self.b.ins().stack_store(I64, v, slot, 0);
                    let target = self.b.ins().stack_addr(I64, slot, 0);
                    self.b
                        .ins()
                        .store(trusted(), target, cell_ptr, Capture::TARGET_OFFSET);
                    self.b.ins().jump(done, &[]);
                    self.b.switch_to_block(plain);
                    let v = self.b.ins().load(I64, trusted(), frame, value_at);
                    self.b.ins().stack_store(I64, v, slot, 0);
                    self.b.ins().jump(done, &[]);
                    self.b.switch_to_block(done);
                }
            }
        }
        for &(var, at, narrow) in &vars {
            let v = self.b.ins().load(I64, trusted(), frame, at);
            let v = if narrow {
                self.b.ins().ireduce(I32, v)
            } else {
                v
            };
            self.b.def_var(var, v);
        }
        if !unsaved.is_empty() {
            let undefined = self.constant(Value::UNDEFINED);
            for var in unsaved {
                self.b.def_var(var, undefined);
            }
        }
        let scratch = self
            .b
            .ins()
            .load(I64, trusted(), co, Coroutine::SCRATCH_OFFSET);
        let mut n = 0i32;
        for i in 0..self.operands.len() {
            let op = std::mem::replace(&mut self.operands[i], Operand::Undefined);
            let op = match op {
                Operand::Spilled { shape, vars } => {
                    for &var in &vars {
                        let v = self.b.ins().load(I64, trusted(), scratch, n * 8);
                        n += 1;
                        self.b.def_var(var, v);
                    }
                    Operand::Spilled { shape, vars }
                }
                op => {
                    let count = op.parts().len();
                    let mut parts = Vec::with_capacity(count);
                    for _ in 0..count {
                        parts.push(self.b.ins().load(I64, trusted(), scratch, n * 8));
                        n += 1;
                    }
                    op.with_parts(&parts)
                }
            };
            self.operands[i] = op;
        }
        for var in flow_vars {
            let v = self.b.ins().load(I64, trusted(), scratch, n * 8);
            n += 1;
            self.b.def_var(var, v);
        }
        Ok(())
    }

    /// The resumption value and mode of the current call.
    fn resumption(&self) -> Result<(ir::Value, ir::Value), CompileError> {
        let c = self.coroutine()?;
        Ok((c.resume_value, c.resume_mode))
    }

    /// Throws the resumption value when resumed with `throw` (a rejected
    /// await, `generator.throw(e)`).
    fn throw_if_resumed_with_throw(&mut self) -> Result<(), CompileError> {
        let (value, mode) = self.resumption()?;
        let is_throw = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, mode, MODE_THROW as i64);
        let throw = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(throw);
        self.b.ins().brif(is_throw, throw, &[], cont, &[]);
        self.b.switch_to_block(throw);
        self.b.ins().stack_store(I64, value, self.scratch, 0);
        let handler = self.raise_block();
        self.b.ins().jump(handler, &[]);
        self.b.switch_to_block(cont);
        Ok(())
    }

    /// `GeneratorStart(state)`.
    pub(super) fn generator_start(&mut self, state: u32) -> Result<(), CompileError> {
        let undefined = self.constant(Value::UNDEFINED);
        self.suspend(state, undefined, SUSPEND_START)
    }

    /// `Await(state)` (27.7.5.3 Await): the driver settles the value; a
    /// rejection comes back as a throw.
    pub(super) fn await_value(&mut self, state: u32) -> Result<(), CompileError> {
        let v = self.pop()?;
        let v = self.value_of(v)?;
        self.suspend(state, v, SUSPEND_AWAIT)?;
        self.throw_if_resumed_with_throw()?;
        let (value, _) = self.resumption()?;
        self.operands.push(Operand::Any(value));
        Ok(())
    }

    /// `Yield(state)` (27.5.3.7 Yield with 27.5.3.8 GeneratorYield): the
    /// driver wraps the value; `return(v)` resumes as a return completion.
    pub(super) fn yield_value(&mut self, state: u32) -> Result<(), CompileError> {
        let v = self.pop()?;
        let v = self.value_of(v)?;
        self.suspend(state, v, SUSPEND_YIELD)?;
        self.throw_if_resumed_with_throw()?;
        self.return_if_resumed_with_return()?;
        let (value, _) = self.resumption()?;
        self.operands.push(Operand::Any(value));
        Ok(())
    }

    /// Returns the resumption value (through the `finally` blocks) when
    /// resumed with `return`.
    fn return_if_resumed_with_return(&mut self) -> Result<(), CompileError> {
        let (value, mode) = self.resumption()?;
        let is_return = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, mode, MODE_RETURN as i64);
        let ret = self.b.create_block();
        let cont = self.b.create_block();
        self.b.ins().brif(is_return, ret, &[], cont, &[]);
        self.b.switch_to_block(ret);
        self.b.def_var(self.return_value, value);
        self.jump_out(Target::Return)?;
        self.b.switch_to_block(cont);
        Ok(())
    }

    /// The head of a `yield*` loop: pops the iterator record, opens the
    /// loop block (parameters: the resumption mode, the received value, the
    /// record; the first round is `next(undefined)`) and calls `round` there.
    /// Returns the loop block, its mode and record parameters and the
    /// round's outcome.
    fn delegation_round(
        &mut self,
        round: RuntimeFn,
    ) -> Result<(Block, ir::Value, ir::Value, ir::Value), CompileError> {
        let record = self.pop()?;
        let record = self.value_of(record)?;
        // The loop joins the first round with the resumed ones.
        self.spill_operands();
        let header = self.b.create_block();
        let mode = self.b.append_block_param(header, I32);
        let received = self.b.append_block_param(header, I64);
        let record_param = self.b.append_block_param(header, I64);
        let next = self.b.ins().iconst(I32, 0);
        let undefined = self.constant(Value::UNDEFINED);
        self.b.ins().jump(
            header,
            &[
                BlockArg::Value(next),
                BlockArg::Value(undefined),
                BlockArg::Value(record),
            ],
        );
        self.b.switch_to_block(header);
        let scratch = self.scratch_addr();
        let outcome = self.call_runtime(round, &[self.ctx, record_param, mode, received, scratch]);
        Ok((header, mode, record_param, outcome))
    }

    /// `YieldDelegate(state)`: the loop of 15.5.5 `yield*` for sync
    /// generators. `runtime_yield_star_step` performs one round (calls the
    /// inner iterator's `next`, `throw` or `return` with what the generator
    /// received); the loop suspends with each inner result object.
    pub(super) fn yield_delegate(&mut self, state: u32) -> Result<(), CompileError> {
        let (header, _, record_param, outcome) = self.delegation_round(RuntimeFn::YieldStarStep)?;
        let yield_block = self.b.create_block();
        let done_block = self.b.create_block();
        let return_block = self.b.create_block();
        let handler = self.raise_block();
        let mut switch = Switch::new();
        switch.set_entry(step::YIELD as u128, yield_block);
        switch.set_entry(step::DONE as u128, done_block);
        switch.set_entry(step::RETURN as u128, return_block);
        switch.emit(&mut self.b, outcome, handler);

        // Return: the generator returns the value.
        self.b.switch_to_block(return_block);
        let v = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.b.def_var(self.return_value, v);
        self.jump_out(Target::Return)?;

        // Yield the inner result; resuming goes round the loop again with
        // what the generator received.
        self.b.switch_to_block(yield_block);
        let inner = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.operands.push(Operand::Any(record_param));
        self.suspend(state, inner, SUSPEND_YIELD_RAW)?;
        let record = self.pop()?;
        let record = self.value_of(record)?;
        let (value, resume_mode) = self.resumption()?;
        self.b.ins().jump(
            header,
            &[
                BlockArg::Value(resume_mode),
                BlockArg::Value(value),
                BlockArg::Value(record),
            ],
        );

        // Done: the value of the `yield*` expression.
        self.b.switch_to_block(done_block);
        let v = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `AsyncYieldDelegate(state)`: the loop of 15.5.5 `yield*` in an async
    /// generator, with its four suspend points (`state`: await the inner
    /// result; `state + 1`: yield its value; `state + 2`: await the value
    /// to return; `state + 3`: await the result of closing an iterator
    /// without `throw`).
    pub(super) fn async_yield_delegate(&mut self, state: u32) -> Result<(), CompileError> {
        let (header, mode, record_param, outcome) =
            self.delegation_round(RuntimeFn::AsyncYieldStarCall)?;
        let await_inner = self.b.create_block();
        let await_return = self.b.create_block();
        let return_value = self.b.append_block_param(await_return, I64);
        let no_throw = self.b.create_block();
        let returning = self.b.create_block();
        let handler = self.raise_block();
        let mut switch = Switch::new();
        switch.set_entry(step::YIELD as u128, await_inner);
        switch.set_entry(step::RETURN as u128, returning);
        switch.set_entry(step::NO_THROW as u128, no_throw);
        switch.emit(&mut self.b, outcome, handler);
        self.b.switch_to_block(returning);
        let v = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.b.ins().jump(await_return, &[BlockArg::Value(v)]);

        // A return: await the value, then return it.
        self.b.switch_to_block(await_return);
        self.suspend(state + 2, return_value, SUSPEND_AWAIT)?;
        self.throw_if_resumed_with_throw()?;
        let (value, _) = self.resumption()?;
        self.b.def_var(self.return_value, value);
        self.jump_out(Target::Return)?;

        // A throw into an iterator without `throw`: await the result of
        // closing it, if any, then a TypeError.
        self.b.switch_to_block(no_throw);
        let closed = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        let is_hole = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, closed, Value::HOLE.to_bits() as i64);
        let throw_now = self.b.create_block();
        let await_close = self.b.create_block();
        self.b.ins().brif(is_hole, throw_now, &[], await_close, &[]);
        self.b.switch_to_block(throw_now);
        self.no_throw_error(closed);
        self.b.switch_to_block(await_close);
        self.suspend(state + 3, closed, SUSPEND_AWAIT)?;
        self.throw_if_resumed_with_throw()?;
        let (value, _) = self.resumption()?;
        self.no_throw_error(value);

        // Await the inner result, then yield its value, finish, or return.
        self.b.switch_to_block(await_inner);
        let inner = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.operands.push(Operand::Any(record_param));
        let boxed_mode = self.box_int(mode);
        self.operands.push(Operand::Any(boxed_mode));
        self.suspend(state, inner, SUSPEND_AWAIT)?;
        self.throw_if_resumed_with_throw()?;
        let boxed_mode = self.pop()?;
        let boxed_mode = self.value_of(boxed_mode)?;
        let mode = self.b.ins().ireduce(I32, boxed_mode);
        let record = self.pop()?;
        let record = self.value_of(record)?;
        let (result, _) = self.resumption()?;
        let scratch = self.scratch_addr();
        let outcome = self.call_runtime(
            RuntimeFn::AsyncYieldStarResult,
            &[self.ctx, mode, result, scratch],
        );
        let yield_block = self.b.create_block();
        let done_block = self.b.create_block();
        let return_block = self.b.create_block();
        let handler = self.raise_block();
        let mut switch = Switch::new();
        switch.set_entry(step::YIELD as u128, yield_block);
        switch.set_entry(step::DONE as u128, done_block);
        switch.set_entry(step::RETURN as u128, return_block);
        switch.emit(&mut self.b, outcome, handler);
        self.b.switch_to_block(return_block);
        let v = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.b.ins().jump(await_return, &[BlockArg::Value(v)]);

        self.b.switch_to_block(yield_block);
        let v = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.operands.push(Operand::Any(record));
        self.suspend(state + 1, v, SUSPEND_YIELD)?;
        let record = self.pop()?;
        let record = self.value_of(record)?;
        let (value, resume_mode) = self.resumption()?;
        self.b.ins().jump(
            header,
            &[
                BlockArg::Value(resume_mode),
                BlockArg::Value(value),
                BlockArg::Value(record),
            ],
        );

        self.b.switch_to_block(done_block);
        let v = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// Throws the TypeError of a throw into an async `yield*` whose inner
    /// iterator has no `throw` (`closed`: the awaited result of closing it,
    /// or HOLE).
    fn no_throw_error(&mut self, closed: ir::Value) {
        let scratch = self.scratch_addr();
        self.call_runtime(
            RuntimeFn::AsyncYieldStarNoThrow,
            &[self.ctx, closed, scratch],
        );
        let handler = self.raise_block();
        self.b.ins().jump(handler, &[]);
    }

    /// The frame layout of the compiled coroutine.
    pub(super) fn frame_layout(&self) -> Option<FrameLayout> {
        self.coroutine.as_ref().map(CoroutineState::frame_layout)
    }
}

/// The scopes of each of a function's `num_slots` slots (parameters, then
/// locals): which scopes' variables live in it, for the frames that save
/// and reload slots by scope (suspend points and on-stack replacement).
pub(crate) fn slot_scopes(script: &CompileScript, num_slots: usize) -> Vec<Vec<ScopeRef>> {
    let mut slot_scopes = vec![Vec::new(); num_slots];
    for (s, scope) in script.scopes.iter().enumerate() {
        for v in &scope.variables {
            let index = match v.locator {
                Locator::Argument(i) => i as usize,
                Locator::Local(i) => script.num_params as usize + i as usize,
                _ => continue,
            };
            if let Some(list) = slot_scopes.get_mut(index) {
                list.push(ScopeRef(s as u32));
            }
        }
    }
    slot_scopes
}
