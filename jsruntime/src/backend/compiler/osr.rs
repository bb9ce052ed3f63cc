//! On-stack replacement: a function with loops starts in the quick tier and
//! a long-running activation moves into the full tier at a loop header
//! (issue 16, design step 4; see docs/internals.md, "Tiers").
//!
//! Both tiers compile the same commands, so at the header of loop `k` (the
//! `k`-th `LoopStart`, after its init section) both see the same open scopes
//! and constructs, and lay out the same *save area* ([`Item`]): the loop's
//! number, the return value, the state variables of the open `try`
//! statements, then every binding of an open scope and every temporary
//! (a captured one as its value and its capture cell pointer).
//!
//! *Quick tier.* Every loop header counts a back-edge in the template's
//! `backedges`, shared by all activations ([`OSR_BACK_EDGES`]): a function
//! whose calls each run a short loop is as hot as one long loop, and reaches
//! the full tier as soon (box2d's solver steps ran in quick code to the
//! end: a few hundred calls of a few dozen iterations each, below both the
//! call count and a per-activation back-edge count). When the count runs
//! out, the activation that sees it saves its state
//! into a stack slot of its own frame (the area) and calls `runtime_osr`,
//! which asks for the full tier (on the compile thread) and, once it is
//! installed, stores the area's address in the executor and returns the full
//! code's lambda: the quick code then calls it with its own arguments and
//! returns what it returns, without running its own exits (its cells now
//! belong to the full frame). The quick frame stays below the full one for
//! the rest of the call, so the area stays visible to the conservative
//! stack scan while the full code reads it.
//!
//! *Full tier* (built at tier-up, `build_full_tier`). The entry reads and
//! clears the executor's area pointer; after the prologue's `this`
//! coercion, a non-null area branches to a dispatch on the loop number,
//! whose entry block per loop loads everything back (a captured binding's
//! open cell is pointed at the new frame's slot) and jumps to the loop
//! header. Ordinary calls pay one load, one store and one branch.
//!
//! A cell pointer in a binding's slot is non-zero only while the cell is
//! open (`escape_slot` clears it), so the quick frame's open cells are
//! exactly those to re-point. Bindings of closed scopes are not carried:
//! the full frame's prologue gave them their initial state.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, Block, InstBuilder, StackSlot, StackSlotData, StackSlotKind};
use cranelift_frontend::{Switch, Variable};

use super::control_flow::Flow;
use super::variables::{Slot, CELL_OFFSET};
use super::{trusted, CompileError, FunctionCompiler, I32, I64, OSR_UNSUPPORTED};
use crate::backend::jit::{RuntimeFn, Tier, OSR_BACK_EDGES};
use crate::backend::stack_walk::OSR_TRANSFER_POSITION;
use crate::backend::{Capture, Closure, Executor, FunctionTemplate, Status};
use crate::semantics::{CompileCommand, ScopeRef};
use crate::value::Value;

/// One entry of a save area, a word each except a captured binding (two).
#[derive(Clone, Copy)]
enum Item {
    ReturnValue,
    /// The completion kind of an open `try` statement (an `i32`, widened).
    TryKind(Variable),
    TryValue(Variable),
    /// A binding slot (argument or local).
    Slot(usize),
}

enum Kind {
    /// Saves into `area` (back-edges are counted in the template).
    Quick { area: StackSlot },
    /// The entries of the loops and the dispatch to them.
    Full {
        buffer: Option<ir::Value>,
        dispatch: Option<Block>,
        entries: Vec<(u32, Block)>,
    },
}

/// Per-function state of on-stack replacement.
pub(super) struct OsrState {
    kind: Kind,
    /// The scopes that declare each binding slot (none: a temporary).
    slot_scopes: Vec<Vec<ScopeRef>>,
}

impl FunctionCompiler<'_, '_> {
    /// Sets up on-stack replacement for the tier being compiled (in the
    /// prologue's last block), when `enabled`.
    pub(super) fn init_osr(&mut self, enabled: bool) {
        if !enabled || self.coroutine.is_some() {
            return;
        }
        let script = self.script;
        let slot_scopes = super::coroutine::slot_scopes(script, self.slots.len());
        let kind = match self.tier {
            Tier::Quick => {
                let tries = script
                    .commands
                    .iter()
                    .filter(|c| matches!(c, CompileCommand::Try { .. }))
                    .count();
                let words = 2 + 2 * tries + 2 * self.slots.len();
                let area = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    (words * 8) as u32,
                    3,
                ));
                Kind::Quick { area }
            }
            Tier::Full => Kind::Full {
                buffer: None,
                dispatch: None,
                entries: Vec::new(),
            },
        };
        self.osr = Some(OsrState { kind, slot_scopes });
    }

    /// Full tier, at the start of the entry: reads and clears the
    /// executor's save-area pointer.
    pub(super) fn osr_read_buffer(&mut self) {
        let ctx = self.ctx;
        let Some(OsrState {
            kind: Kind::Full { buffer, .. },
            ..
        }) = &mut self.osr
        else {
            return;
        };
        let area = self
            .b
            .ins()
            .load(I64, trusted(), ctx, Executor::OSR_BUFFER_OFFSET);
        let zero = self.b.ins().iconst(I64, 0);
        self.b
            .ins()
            .store(trusted(), zero, ctx, Executor::OSR_BUFFER_OFFSET);
        *buffer = Some(area);
    }

    /// Full tier, after the prologue's `this` coercion: a save area goes to
    /// the dispatch (filled by [`Self::finish_osr_dispatch`]).
    pub(super) fn osr_branch(&mut self) {
        let Some(OsrState {
            kind:
                Kind::Full {
                    buffer: Some(area),
                    dispatch,
                    ..
                },
            ..
        }) = &mut self.osr
        else {
            return;
        };
        let area = *area;
        let block = self.b.create_block();
        self.b.set_cold_block(block);
        *dispatch = Some(block);
        let body = self.b.create_block();
        self.b.ins().brif(area, block, &[], body, &[]);
        self.b.switch_to_block(body);
    }

    /// Full tier, at the end: the dispatch on the save area's loop number.
    pub(super) fn finish_osr_dispatch(&mut self) {
        let Some(OsrState {
            kind:
                Kind::Full {
                    buffer: Some(area),
                    dispatch: Some(dispatch),
                    entries,
                },
            ..
        }) = &self.osr
        else {
            return;
        };
        let (area, dispatch, entries) = (*area, *dispatch, entries.clone());
        self.b.switch_to_block(dispatch);
        let number = self.b.ins().load(I32, trusted(), area, 0);
        // An unknown loop cannot happen; it ends the call with undefined.
        let invalid = self.b.create_block();
        self.b.set_cold_block(invalid);
        let mut switch = Switch::new();
        for (k, block) in entries {
            switch.set_entry(k as u128, block);
        }
        switch.emit(&mut self.b, number, invalid);
        self.b.switch_to_block(invalid);
        let undefined = self.constant(Value::UNDEFINED);
        self.b.ins().store(trusted(), undefined, self.ret, 0);
        let status = self.b.ins().iconst(I32, Status::Exception as i64);
        self.b.ins().return_(&[status]);
    }

    /// The save area at the current loop header.
    fn osr_layout(&self) -> Result<Vec<Item>, CompileError> {
        let Some(osr) = &self.osr else {
            return Ok(Vec::new());
        };
        // Values on the operand stack and open expressions are SSA values
        // of the quick frame that the area does not carry (no loop of the
        // analyzer starts inside an expression today).
        if !self.operands.is_empty()
            || self
                .flows
                .iter()
                .any(|f| matches!(f, Flow::ShortCircuit { .. }))
        {
            return Err(CompileError::Unsupported(OSR_UNSUPPORTED));
        }
        let mut items = vec![Item::ReturnValue];
        for flow in &self.flows {
            if let Flow::Try(t) = flow {
                items.push(Item::TryKind(t.kind));
                items.push(Item::TryValue(t.value));
            }
        }
        for (i, scopes) in osr.slot_scopes.iter().enumerate() {
            if scopes.is_empty() || scopes.iter().any(|s| self.scopes.contains(s)) {
                items.push(Item::Slot(i));
            }
        }
        Ok(items)
    }

    /// Quick tier, at the header of loop `number` (after the interrupt
    /// poll): counts the back-edge; when the count runs out, saves the
    /// frame and asks `runtime_osr` for the full code, which it then runs
    /// to the end of the call.
    pub(super) fn osr_back_edge(&mut self, number: u32) -> Result<(), CompileError> {
        let Some(OsrState {
            kind: Kind::Quick { area },
            ..
        }) = &self.osr
        else {
            return Ok(());
        };
        let area = *area;
        let items = self.osr_layout()?;
        let template = self
            .b
            .ins()
            .load(I64, trusted(), self.closure, Closure::TEMPLATE_OFFSET);
        let count = self
            .b
            .ins()
            .load(I32, trusted(), template, FunctionTemplate::BACKEDGES_OFFSET);
        let left = self.b.ins().iadd_imm_s(count, -1);
        self.b.ins().store(
            trusted(),
            left,
            template,
            FunctionTemplate::BACKEDGES_OFFSET,
        );
        let hot = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, left, 0);
        let poll = self.b.create_block();
        self.b.set_cold_block(poll);
        let cont = self.b.create_block();
        self.b.ins().brif(hot, poll, &[], cont, &[]);

        self.b.switch_to_block(poll);
        let reset = self.b.ins().iconst(I32, OSR_BACK_EDGES as i64);
        self.b.ins().store(
            trusted(),
            reset,
            template,
            FunctionTemplate::BACKEDGES_OFFSET,
        );
        let base = self.b.ins().stack_addr(I64, area, 0);
        let n = self.b.ins().iconst(I64, number as i64);
        self.b.ins().store(trusted(), n, base, 0);
        let mut at = 8;
        for item in items {
            match item {
                Item::ReturnValue => {
                    let v = self.b.use_var(self.return_value);
                    self.b.ins().store(trusted(), v, base, at);
                }
                Item::TryKind(var) => {
                    let v = self.b.use_var(var);
                    let v = self.b.ins().uextend(I64, v);
                    self.b.ins().store(trusted(), v, base, at);
                }
                Item::TryValue(var) => {
                    let v = self.b.use_var(var);
                    self.b.ins().store(trusted(), v, base, at);
                }
                Item::Slot(i) => match self.slots[i] {
                    Slot::Register(var) => {
                        // (The quick tier: no unboxed companions.)
                        let v = self.b.use_var(var);
                        self.b.ins().store(trusted(), v, base, at);
                    }
                    Slot::Memory { slot } => {
                        let v = self.b.ins().stack_load(I64, I64, slot, 0);
                        self.b.ins().store(trusted(), v, base, at);
                        at += 8;
                        let cell = self.b.ins().stack_load(I64, I64, slot, CELL_OFFSET);
                        self.b.ins().store(trusted(), cell, base, at);
                    }
                },
            }
            at += 8;
        }
        let lambda = self.call_runtime(RuntimeFn::Osr, &[self.ctx, self.closure, base]);
        let transfer = self.b.create_block();
        self.b.set_cold_block(transfer);
        self.b.ins().brif(lambda, transfer, &[], cont, &[]);

        // The full code runs the rest of the call; its exits escape the
        // cells, so this frame's must not run.
        self.b.switch_to_block(transfer);
        self.b.set_srcloc(ir::SourceLoc::new(OSR_TRANSFER_POSITION));
        let status = self.call_lambda(
            lambda,
            [
                self.ctx,
                self.closure,
                self.this,
                self.argc,
                self.argv_ptr,
                self.ret,
            ],
        );
        // Cleared by the full code's entry, unless the call failed before
        // it (a stack overflow in `runtime_big_frame_call`).
        let zero = self.b.ins().iconst(I64, 0);
        self.b
            .ins()
            .store(trusted(), zero, self.ctx, Executor::OSR_BUFFER_OFFSET);
        self.b.ins().return_(&[status]);
        self.b.set_srcloc(ir::SourceLoc::new(self.sites.position));

        self.b.switch_to_block(cont);
        Ok(())
    }

    /// Full tier, after the jump into the header `header` of loop `number`:
    /// the loop's entry block, which loads the save area and jumps there.
    /// The caller switches to the header next.
    pub(super) fn osr_entry(&mut self, number: u32, header: Block) -> Result<(), CompileError> {
        let Some(OsrState {
            kind: Kind::Full {
                buffer: Some(area), ..
            },
            ..
        }) = &self.osr
        else {
            return Ok(());
        };
        let area = *area;
        let items = self.osr_layout()?;
        let entry = self.b.create_block();
        self.b.set_cold_block(entry);
        self.b.switch_to_block(entry);
        let mut at = 8;
        for item in items {
            match item {
                Item::ReturnValue => {
                    let v = self.b.ins().load(I64, trusted(), area, at);
                    self.b.def_var(self.return_value, v);
                }
                Item::TryKind(var) => {
                    let v = self.b.ins().load(I64, trusted(), area, at);
                    let v = self.b.ins().ireduce(I32, v);
                    self.b.def_var(var, v);
                }
                Item::TryValue(var) => {
                    let v = self.b.ins().load(I64, trusted(), area, at);
                    self.b.def_var(var, v);
                }
                Item::Slot(i) => match self.slots[i] {
                    Slot::Register(var) => {
                        let v = self.b.ins().load(I64, trusted(), area, at);
                        // A boxed value: the unboxed flag cleared.
                        self.def_register(i, var, v);
                    }
                    Slot::Memory { slot } => {
                        let v = self.b.ins().load(I64, trusted(), area, at);
                        self.b.ins().stack_store(I64, v, slot, 0);
                        at += 8;
                        let cell = self.b.ins().load(I64, trusted(), area, at);
                        self.b.ins().stack_store(I64, cell, slot, CELL_OFFSET);
                        // An open cell now reads and writes this frame.
                        let reopen = self.b.create_block();
                        let done = self.b.create_block();
                        self.b.ins().brif(cell, reopen, &[], done, &[]);
                        self.b.switch_to_block(reopen);
                        let target = self.b.ins().stack_addr(I64, slot, 0);
                        self.b
                            .ins()
                            .store(trusted(), target, cell, Capture::TARGET_OFFSET);
                        self.b.ins().jump(done, &[]);
                        self.b.switch_to_block(done);
                    }
                },
            }
            at += 8;
        }
        // This loop's typed-array views and those of the loops around it:
        // the entry skips where they are defined (`loop_views.rs`).
        let open: Vec<u32> = self
            .flows
            .iter()
            .filter_map(|flow| match flow {
                Flow::Loop { number, .. } => Some(*number),
                _ => None,
            })
            .collect();
        self.redefine_loop_views(&open);
        self.b.ins().jump(header, &[]);
        if let Some(OsrState {
            kind: Kind::Full { entries, .. },
            ..
        }) = &mut self.osr
        {
            entries.push((number, entry));
        }
        Ok(())
    }
}
