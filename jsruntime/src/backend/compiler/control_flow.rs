//! Structured control flow: the stack of open constructs ([`Flow`]),
//! conditionals, short-circuit operators, loops, labels, and the jumps out of
//! them (`break`, `continue`, `return`) through the enclosing `finally`
//! blocks.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, Block, BlockArg, InstBuilder};
use cranelift_frontend::Switch;

use super::exception::{TryFlow, TryStage};
use super::operand::Operand;
use super::{malformed, CompileError, FunctionCompiler, F64, I32, I64};
use crate::backend::jit::RuntimeFn;
use crate::semantics::{CompileCommand, LoopFlags, ShortCircuitKind, Symbol};
use crate::value::{Value, NUMBER_LIMIT};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LoopStage {
    Init,
    Test,
    Next,
    Body,
    PostTest,
    Done,
}

/// Where `break`, `continue` or `return` goes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    Break(usize),
    Continue(usize),
    Return,
}

/// An open control-flow construct.
pub(super) enum Flow {
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
        /// The loop's number in the function (`LoopStart` order), which
        /// names its on-stack replacement entry (`osr.rs`).
        number: u32,
    },
    Label {
        symbol: Symbol,
        end: Block,
        scope_depth: usize,
    },
    Try(Box<TryFlow>),
    /// The clauses of a `switch` (`SwitchCases`): the block of each clause,
    /// then the end.
    Switch {
        clauses: Vec<Block>,
        next: usize,
        depth: usize,
    },
}

impl Flow {
    /// The operand-stack depth saved when the construct opened, for the
    /// constructs whose sections must leave the stack as they found it
    /// (see [`crate::semantics::StackEffect::Restore`]).
    #[cfg(debug_assertions)]
    pub(super) fn saved_depth(&self) -> Option<usize> {
        match self {
            Flow::If { depth, .. } | Flow::ShortCircuit { depth, .. } => Some(*depth),
            Flow::Loop { .. } | Flow::Label { .. } | Flow::Try(_) | Flow::Switch { .. } => None,
        }
    }
}

impl FunctionCompiler<'_, '_> {
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
    pub(super) fn jump_out(&mut self, target: Target) -> Result<(), CompileError> {
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
            number,
            ..
        } = self.loop_mut()?
        else {
            unreachable!()
        };
        let (flags, header, body, number) = (*flags, *header, *body, *number);
        let post_test = flags.has(LoopFlags::POST_TEST);
        if let Flow::Loop { stage, .. } = self.loop_mut()? {
            *stage = if post_test {
                LoopStage::Body
            } else {
                LoopStage::Test
            };
        }
        // Typed-array views read once per entry (`loop_views.rs`).
        self.hoist_loop_views(number);
        // Every back-edge goes to the header (the body of a post-test
        // loop): the interrupt poll (runtime::limits) is there, and the
        // on-stack replacement of quick code by full code (`osr.rs`).
        if post_test {
            self.b.ins().jump(body, &[]);
            self.osr_entry(number, body)?;
            self.b.switch_to_block(body);
            self.poll_interrupt();
            self.osr_back_edge(number)?;
            return Ok(());
        }
        self.b.ins().jump(header, &[]);
        self.osr_entry(number, header)?;
        self.b.switch_to_block(header);
        self.poll_interrupt();
        self.osr_back_edge(number)?;
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

    /// `Return(has_value)`.
    pub(super) fn return_from(&mut self, has_value: bool) -> Result<(), CompileError> {
        let value = if has_value {
            let v = self.pop()?;
            self.value_of(v)?
        } else {
            self.constant(Value::UNDEFINED)
        };
        self.b.def_var(self.return_value, value);
        self.jump_out(Target::Return)?;
        self.start_dead_block();
        Ok(())
    }

    /// `ShortCircuit(kind)`, or `ShortCircuitAssignment(kind)` when `assign`.
    pub(super) fn short_circuit(
        &mut self,
        kind: ShortCircuitKind,
        assign: bool,
    ) -> Result<(), CompileError> {
        let operand = self.pop()?;
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
        self.spill_operands();
        let assign_ref = if assign {
            Some(self.spill_operand(operand))
        } else {
            None
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
            assign: assign_ref,
            depth: self.operands.len(),
        });
        Ok(())
    }

    /// `ShortCircuitEnd`: the right-hand side's value joins the left one.
    pub(super) fn short_circuit_end(&mut self) -> Result<(), CompileError> {
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
        Ok(())
    }

    /// `IfThen`.
    pub(super) fn if_then(&mut self) -> Result<(), CompileError> {
        let condition = self.pop()?;
        let c = self.truthy(condition)?;
        self.spill_operands();
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
        Ok(())
    }

    /// `Else`.
    pub(super) fn else_branch(&mut self) -> Result<(), CompileError> {
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
        Ok(())
    }

    /// `IfStatement`, `IfElseStatement` or `ConditionalExpression`: closes
    /// the innermost `IfThen`.
    pub(super) fn end_if(&mut self, command: &CompileCommand) -> Result<(), CompileError> {
        use CompileCommand as C;
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
        Ok(())
    }

    /// `LoopStart(flags)`: pending labels label the loop.
    pub(super) fn loop_start(&mut self, flags: LoopFlags) -> Result<(), CompileError> {
        self.spill_operands();
        let labels = std::mem::take(&mut self.pending_labels);
        let header = self.b.create_block();
        let body = self.b.create_block();
        let cont = self.b.create_block();
        let exit = self.b.create_block();
        let number = self.loops;
        self.loops += 1;
        self.flows.push(Flow::Loop {
            flags,
            labels,
            header,
            body,
            cont,
            exit,
            stage: LoopStage::Init,
            scope_depth: self.scopes.len(),
            number,
        });
        if !flags.has(LoopFlags::INIT) {
            self.loop_enter()?;
        }
        Ok(())
    }

    /// `LoopInit`.
    pub(super) fn loop_init(&mut self) -> Result<(), CompileError> {
        match self.loop_mut()? {
            Flow::Loop {
                stage: LoopStage::Init,
                ..
            } => {}
            _ => return malformed("LoopInit out of place"),
        }
        self.loop_enter()?;
        Ok(())
    }

    /// `LoopTest`: closes the test or the post test.
    pub(super) fn loop_test(&mut self) -> Result<(), CompileError> {
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
        Ok(())
    }

    /// `LoopNext`.
    pub(super) fn loop_next(&mut self) -> Result<(), CompileError> {
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
        Ok(())
    }

    /// `LoopBody`.
    pub(super) fn loop_body(&mut self) -> Result<(), CompileError> {
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
        Ok(())
    }

    /// `LoopEnd`.
    pub(super) fn loop_end(&mut self) -> Result<(), CompileError> {
        let Some(Flow::Loop { exit, stage, .. }) = self.flows.pop() else {
            return malformed("LoopEnd without LoopStart");
        };
        if stage != LoopStage::Done {
            return malformed("LoopEnd before the loop's sections are closed");
        }
        self.b.ins().jump(exit, &[]);
        self.b.switch_to_block(exit);
        Ok(())
    }

    /// `LabelStart(symbol)`.
    pub(super) fn label_start(&mut self, symbol: Symbol) -> Result<(), CompileError> {
        self.spill_operands();
        let end = self.b.create_block();
        self.flows.push(Flow::Label {
            symbol,
            end,
            scope_depth: self.scopes.len(),
        });
        self.pending_labels.push(symbol);
        Ok(())
    }

    /// `LabelEnd(symbol)`.
    pub(super) fn label_end(&mut self, symbol: Symbol) -> Result<(), CompileError> {
        let Some(Flow::Label { symbol: s, end, .. }) = self.flows.pop() else {
            return malformed("LabelEnd without LabelStart");
        };
        if s != symbol {
            return malformed("LabelEnd does not match LabelStart");
        }
        self.b.ins().jump(end, &[]);
        self.b.switch_to_block(end);
        Ok(())
    }

    /// `Break(label)`.
    pub(super) fn break_to(&mut self, label: Option<Symbol>) -> Result<(), CompileError> {
        let index = match label {
            Some(l) => self.find_label(l)?,
            None => self.find_loop(None)?,
        };
        self.jump_out(Target::Break(index))?;
        self.start_dead_block();
        Ok(())
    }

    /// `Continue(label)`.
    pub(super) fn continue_to(&mut self, label: Option<Symbol>) -> Result<(), CompileError> {
        let index = self.find_loop(label)?;
        self.jump_out(Target::Continue(index))?;
        self.start_dead_block();
        Ok(())
    }

    /// `CaseIndex(table)`: the clause of the first selector of the table
    /// strictly equal to the value (14.12.2 CaseBlockEvaluation with
    /// 7.2.15 IsStrictlyEqual: only a Number equals a Number, +0 equals -0,
    /// NaN equals nothing; strings by code units), else the table's
    /// fallback. An int32 or an integral double goes through a `Switch` (a
    /// jump table for dense selectors, a search tree otherwise); any other
    /// value cannot equal an int32 selector, and is looked up in the host's
    /// hash table of the other selectors (`runtime_case_lookup`) when the
    /// table has any.
    pub(super) fn case_index(&mut self, table: u32) -> Result<(), CompileError> {
        let Some(t) = self.program.case_tables.get(table as usize) else {
            return malformed("CaseIndex of a missing table");
        };
        let (cases, fallback) = (t.cases.clone(), t.fallback);
        let lookup = if t.others.is_empty() {
            None
        } else {
            Some(self.host.case_lookup(self.program, table)?)
        };
        let op = self.pop()?;
        let v = self.value_of(op)?;
        let merge = self.b.create_block();
        self.b.append_block_param(merge, I64);
        let no_match = self.b.create_block();
        // Not an int32: the runtime lookup, or no match without one.
        let other = match lookup {
            Some(_) => self.b.create_block(),
            None => no_match,
        };
        let int_path = self.b.create_block();
        self.b.append_block_param(int_path, I32);
        let not_int = self.b.create_block();
        let is_int = self.is_int32(v);
        let i = self.b.ins().ireduce(I32, v);
        self.b
            .ins()
            .brif(is_int, int_path, &[BlockArg::Value(i)], not_int, &[]);
        // A double: the int32 it equals, if any (-0 gives 0).
        self.b.switch_to_block(not_int);
        let is_number = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, v, NUMBER_LIMIT as i64);
        let double = self.b.create_block();
        self.b.ins().brif(is_number, double, &[], other, &[]);
        self.b.switch_to_block(double);
        let d = self.b.ins().bitcast(F64, ir::MemFlagsData::new(), v);
        let di = self.b.ins().fcvt_to_sint_sat(I32, d);
        let back = self.b.ins().fcvt_from_sint(F64, di);
        let exact = self
            .b
            .ins()
            .fcmp(cranelift_codegen::ir::condcodes::FloatCC::Equal, back, d);
        self.b
            .ins()
            .brif(exact, int_path, &[BlockArg::Value(di)], other, &[]);
        if let Some(lookup) = lookup {
            self.b.switch_to_block(other);
            let table = self.b.ins().iconst(I64, lookup as i64);
            let clause = self.call_runtime(RuntimeFn::CaseLookup, &[self.ctx, table, v]);
            let k = self.box_int(clause);
            self.b.ins().jump(merge, &[BlockArg::Value(k)]);
        }
        // The selectors, biased to unsigned: key + 2^31 as an i64.
        self.b.switch_to_block(int_path);
        let key = self.b.block_params(int_path)[0];
        let wide = self.b.ins().sextend(I64, key);
        let biased = self.b.ins().iadd_imm_s(wide, 1 << 31);
        let mut switch = Switch::new();
        let mut targets = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for &(selector, clause) in &cases {
            // The first selector of a value wins.
            if !seen.insert(selector) {
                continue;
            }
            let block = self.b.create_block();
            switch.set_entry((selector as i64 + (1 << 31)) as u128, block);
            targets.push((block, clause));
        }
        switch.emit(&mut self.b, biased, no_match);
        for (block, clause) in targets {
            self.b.switch_to_block(block);
            let k = self.constant(Value::number(clause as f64));
            self.b.ins().jump(merge, &[BlockArg::Value(k)]);
        }
        self.b.switch_to_block(no_match);
        let k = self.constant(Value::number(fallback as f64));
        self.b.ins().jump(merge, &[BlockArg::Value(k)]);
        self.b.switch_to_block(merge);
        let result = self.b.block_params(merge)[0];
        self.operands.push(super::operand::Operand::Any(result));
        Ok(())
    }

    /// `SwitchCases(clauses)`: a jump table on the clause index to the
    /// clauses' blocks (created here, entered by `SwitchClause`); index
    /// `clauses` (and anything that is not an int32 below it) goes to the
    /// end.
    pub(super) fn switch_cases(&mut self, clauses: u32) -> Result<(), CompileError> {
        let op = self.pop()?;
        let v = self.value_of(op)?;
        self.spill_operands();
        let blocks: Vec<Block> = (0..=clauses).map(|_| self.b.create_block()).collect();
        let is_int = self.is_int32(v);
        let i = self.b.ins().ireduce(I32, v);
        let past = self.b.ins().iconst(I32, clauses as i64);
        let index = self.b.ins().select(is_int, i, past);
        let mut switch = Switch::new();
        for (k, &block) in blocks.iter().enumerate() {
            switch.set_entry(k as u128, block);
        }
        let end = blocks[clauses as usize];
        switch.emit(&mut self.b, index, end);
        self.start_dead_block();
        self.flows.push(Flow::Switch {
            clauses: blocks,
            next: 0,
            depth: self.operands.len(),
        });
        Ok(())
    }

    /// `SwitchClause(k)`: the previous clause falls through into clause
    /// `k`.
    pub(super) fn switch_clause(&mut self, k: u32) -> Result<(), CompileError> {
        let depth_now = self.operands.len();
        let Some(Flow::Switch {
            clauses,
            next,
            depth,
        }) = self.flows.last_mut()
        else {
            return malformed("SwitchClause outside of SwitchCases");
        };
        if *next != k as usize || k as usize + 1 >= clauses.len() || *depth != depth_now {
            return malformed("SwitchClause out of order or with operands left");
        }
        *next += 1;
        let block = clauses[k as usize];
        self.b.ins().jump(block, &[]);
        self.b.switch_to_block(block);
        Ok(())
    }

    /// `SwitchEnd`.
    pub(super) fn switch_end(&mut self) -> Result<(), CompileError> {
        let depth_now = self.operands.len();
        let Some(Flow::Switch {
            clauses,
            next,
            depth,
        }) = self.flows.pop()
        else {
            return malformed("SwitchEnd without SwitchCases");
        };
        if next + 1 != clauses.len() || depth != depth_now {
            return malformed("SwitchEnd before every clause or with operands left");
        }
        let end = clauses[next];
        self.b.ins().jump(end, &[]);
        self.b.switch_to_block(end);
        Ok(())
    }
}
