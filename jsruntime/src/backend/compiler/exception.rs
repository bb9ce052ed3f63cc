//! Exceptions: where a raised exception goes (the innermost handler),
//! `throw`, and `try`/`catch`/`finally` with the dispatch at the end of a
//! finally block on how it was entered.

use cranelift_codegen::ir::{self, Block, BlockArg, InstBuilder};
use cranelift_frontend::{Switch, Variable};

use super::control_flow::{Flow, Target};
use super::operand::Operand;
use super::{malformed, CompileError, FunctionCompiler, I32, I64};
use crate::backend::jit::RuntimeFn;
use crate::semantics::ScopeRef;
use crate::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TryStage {
    Try,
    Catch,
    Finally,
}

pub(super) struct TryFlow {
    pub(super) stage: TryStage,
    pub(super) has_catch: bool,
    pub(super) has_finally: bool,
    /// The exception landing of the current stage, created on first use.
    pub(super) landing: Option<Block>,
    pub(super) catch_block: Block,
    pub(super) finally_block: Block,
    pub(super) end: Block,
    /// How the finally block was entered: 0 normal, 1 throw, 2 + i exit i.
    pub(super) kind: Variable,
    /// The thrown value when `kind` is 1.
    pub(super) value: Variable,
    pub(super) exits: Vec<Target>,
    pub(super) scope_depth: usize,
    /// Scopes entered inside the statement (their cells escape on a throw).
    pub(super) nested: Vec<ScopeRef>,
}

impl FunctionCompiler<'_, '_> {
    /// The block an exception raised here goes to.
    pub(super) fn handler_block(&mut self) -> Block {
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
            // Termination is not caught (runtime::limits).
            self.skip_handler_when_terminating();
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

    /// `Throw`.
    pub(super) fn throw(&mut self) -> Result<(), CompileError> {
        let v = self.pop()?;
        let v = self.value_of(v)?;
        self.throw_value(v);
        Ok(())
    }

    /// `Try { has_catch, has_finally }`.
    pub(super) fn try_start(
        &mut self,
        has_catch: bool,
        has_finally: bool,
    ) -> Result<(), CompileError> {
        if !has_catch && !has_finally {
            return malformed("try without catch and finally");
        }
        self.spill_operands();
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
        Ok(())
    }

    /// `Catch(has_parameter)`: the exception is pushed when there is a
    /// parameter.
    pub(super) fn catch(&mut self, has_parameter: bool) -> Result<(), CompileError> {
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
        Ok(())
    }

    /// `Finally`.
    pub(super) fn finally(&mut self) -> Result<(), CompileError> {
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
        Ok(())
    }

    /// `TryEnd`.
    pub(super) fn try_end(&mut self) -> Result<(), CompileError> {
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
        Ok(())
    }
}
