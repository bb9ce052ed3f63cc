//! Translation of control flow: short-circuit operators, conditionals,
//! `switch`, loops and their on-stack replacement areas, labels, `break`
//! and `continue`, `return` and `try` through `finally` blocks.

use super::*;
pub(super) use crate::backend::compiler::control_flow::Target;
pub(super) use crate::backend::compiler::exception::TryStage;

impl Translator<'_, '_> {
    pub(super) fn short_circuit(
        &mut self,
        kind: ShortCircuitKind,
        assign: bool,
    ) -> Result<(), CompileError> {
        let operand = self.pop()?;
        if assign && !operand.is_reference() {
            return Err(CompileError::Malformed(
                "logical assignment to a non-reference".into(),
            ));
        }
        let (result, assign_ref) = if assign {
            self.pin_key(&operand);
            let result = operand.base() + operand.size();
            self.read_into(&operand, result)?;
            (result, Some(operand))
        } else {
            (self.value_here(&operand)?, None)
        };
        let exit = self.ops.len();
        match kind {
            ShortCircuitKind::And => self.emit(Op::JumpIf {
                cond: result,
                when: false,
                target: 0,
            }),
            ShortCircuitKind::Or => self.emit(Op::JumpIf {
                cond: result,
                when: true,
                target: 0,
            }),
            ShortCircuitKind::Nullish => self.emit(Op::JumpIfNullish {
                cond: result,
                when: false,
                target: 0,
            }),
        }
        let floor = self.floor;
        if assign_ref.is_some() {
            // The reference stays below the right-hand side.
            self.floor = self.floor.max(result);
        }
        self.flows.push(Flow::Short {
            exit,
            assign: assign_ref,
            result,
            depth: self.operands.len(),
            floor,
        });
        Ok(())
    }

    pub(super) fn short_circuit_end(&mut self) -> Result<(), CompileError> {
        let Some(Flow::Short {
            exit,
            assign,
            result,
            depth,
            floor,
        }) = self.flows.pop()
        else {
            return Err(CompileError::Malformed(
                "ShortCircuitEnd without ShortCircuit".into(),
            ));
        };
        if self.operands.len() != depth + 1 {
            return Err(CompileError::Malformed(
                "short-circuit operand must leave one value".into(),
            ));
        }
        let rhs = self.pop()?;
        let v = self.read_into(&rhs, result)?;
        if let Some(reference) = &assign {
            self.put_value(reference, v, false)?;
        }
        let here = self.here();
        self.patch(exit, here);
        self.floor = floor;
        let dst = match &assign {
            Some(reference) => {
                let dst = reference.base();
                self.emit(Op::Move { dst, src: result });
                dst
            }
            None => result,
        };
        self.push_value(dst);
        Ok(())
    }

    pub(super) fn else_branch(&mut self) -> Result<(), CompileError> {
        let len = self.operands.len();
        let Some(Flow::If { depth, .. }) = self.flows.last() else {
            return Err(CompileError::Malformed("Else without IfThen".into()));
        };
        let depth = *depth;
        let has_value = if len == depth + 1 {
            let op = self.pop()?;
            self.value_here(&op)?;
            true
        } else if len == depth {
            false
        } else {
            return Err(CompileError::Malformed("unbalanced consequent".into()));
        };
        let end_jump = self.ops.len();
        self.emit(Op::Jump { target: 0 });
        let here = self.here();
        let Some(Flow::If {
            skip,
            end,
            has_value: hv,
            ..
        }) = self.flows.last_mut()
        else {
            unreachable!()
        };
        if end.is_some() {
            return Err(CompileError::Malformed("two Else for one IfThen".into()));
        }
        *end = Some(end_jump);
        *hv = has_value;
        let skip = *skip;
        self.patch(skip, here);
        Ok(())
    }

    pub(super) fn end_if(&mut self, command: &CompileCommand) -> Result<(), CompileError> {
        let Some(Flow::If {
            skip,
            end,
            depth,
            has_value,
        }) = self.flows.pop()
        else {
            return Err(CompileError::Malformed("end of if without IfThen".into()));
        };
        let here = self.here();
        match command {
            CompileCommand::IfStatement => {
                if end.is_some() || self.operands.len() != depth {
                    return Err(CompileError::Malformed("IfStatement after Else".into()));
                }
                self.patch(skip, here);
            }
            CompileCommand::IfElseStatement => {
                let Some(end) = end.filter(|_| !has_value && self.operands.len() == depth) else {
                    return Err(CompileError::Malformed(
                        "IfElseStatement without Else".into(),
                    ));
                };
                self.patch(end, here);
            }
            _ => {
                let Some(end) = end.filter(|_| has_value && self.operands.len() == depth + 1)
                else {
                    return Err(CompileError::Malformed(
                        "ConditionalExpression without two values".into(),
                    ));
                };
                let op = self.pop()?;
                let slot = op.base();
                self.value_here(&op)?;
                let here = self.here();
                self.patch(end, here);
                self.push_value(slot);
            }
        }
        Ok(())
    }

    pub(super) fn case_index(&mut self, table: u32) -> Result<(), CompileError> {
        let Some(t) = self.program.case_tables.get(table as usize) else {
            return Err(CompileError::Malformed(
                "CaseIndex of a missing table".into(),
            ));
        };
        let mut ints = std::collections::HashMap::new();
        for &(selector, clause) in &t.cases {
            ints.entry(selector).or_insert(clause);
        }
        let fallback = t.fallback;
        let lookup = if t.others.is_empty() {
            std::ptr::null()
        } else {
            self.host.case_lookup(self.program, table)?
        };
        let op = self.pop()?;
        let dst = op.base();
        let src = self.value(&op)?;
        self.emit(Op::CaseIndex {
            dst,
            src,
            table: Box::new(CaseIndex {
                ints,
                lookup,
                fallback,
            }),
        });
        self.push_value(dst);
        Ok(())
    }

    pub(super) fn switch_clause(&mut self, k: Option<u32>) -> Result<(), CompileError> {
        let here = self.here();
        let len = self.operands.len();
        let Some(Flow::Switch { op, next, depth }) = self.flows.last_mut() else {
            return Err(CompileError::Malformed(
                "SwitchClause outside of a switch".into(),
            ));
        };
        if *depth != len {
            return Err(CompileError::Malformed("operands left in a clause".into()));
        }
        let op = *op;
        let Op::Switch { targets, .. } = &mut self.ops[op] else {
            unreachable!()
        };
        let index = match k {
            Some(k) if k as usize == *next && (k as usize) + 1 < targets.len() => k as usize,
            None if *next + 1 == targets.len() => *next,
            _ => return Err(CompileError::Malformed("SwitchClause out of order".into())),
        };
        targets[index] = here;
        *next += 1;
        if k.is_none() {
            self.flows.pop();
        }
        Ok(())
    }

    pub(super) fn loop_mut(&mut self) -> Result<&mut Flow, CompileError> {
        match self.flows.last_mut() {
            Some(flow @ Flow::Loop { .. }) => Ok(flow),
            _ => Err(CompileError::Malformed("loop marker outside a loop".into())),
        }
    }

    /// After the init section: the loop header (the interrupt poll), then
    /// the test or the body.
    pub(super) fn loop_enter(&mut self) -> Result<(), CompileError> {
        let header = self.here();
        let flags = match self.loop_mut()? {
            Flow::Loop {
                flags,
                stage,
                header: h,
                ..
            } => {
                *h = header;
                *stage = if flags.has(LoopFlags::POST_TEST) {
                    Stage::Body
                } else {
                    Stage::Test
                };
                *flags
            }
            _ => unreachable!(),
        };
        let osr = self.osr_loop();
        self.emit(Op::Poll { osr });
        if !flags.has(LoopFlags::POST_TEST) && !flags.has(LoopFlags::TEST) {
            self.loop_after_test()?;
        }
        Ok(())
    }

    /// The save area of the loop whose header is here (`compiler/osr.rs`,
    /// `osr_layout`), or [`NO_OSR`] when the full tier's entry cannot take
    /// this state.
    pub(super) fn osr_loop(&mut self) -> u32 {
        let number = self.loops;
        self.loops += 1;
        // Operands and open expressions are not carried (the full tier
        // cannot take them either).
        if !self.operands.is_empty() || self.flows.iter().any(|f| matches!(f, Flow::Short { .. })) {
            return NO_OSR;
        }
        let mut items = vec![OsrItem::ReturnValue(self.return_slot)];
        for flow in &self.flows {
            if let Flow::Try(t) = flow {
                items.push(OsrItem::TryKind(t.kind));
                items.push(OsrItem::TryValue(t.value));
            }
        }
        for (i, scopes) in self.slot_scopes.iter().enumerate() {
            if scopes.is_empty() || scopes.iter().any(|s| self.scopes.contains(s)) {
                items.push(OsrItem::Binding(self.bindings[i], self.captured[i]));
            }
        }
        let words = 1 + items
            .iter()
            .map(|i| match i {
                OsrItem::Binding(_, true) => 2,
                _ => 1,
            })
            .sum::<u32>();
        self.osr_words = self.osr_words.max(words);
        self.osr.push(OsrLoop { number, items });
        (self.osr.len() - 1) as u32
    }

    pub(super) fn loop_after_test(&mut self) -> Result<(), CompileError> {
        let at = self.ops.len();
        let Flow::Loop { flags, .. } = self.loop_mut()? else {
            unreachable!()
        };
        if flags.has(LoopFlags::NEXT) {
            self.emit(Op::Jump { target: 0 });
            let here = self.here();
            let Flow::Loop {
                stage,
                cont,
                skip_next,
                ..
            } = self.loop_mut()?
            else {
                unreachable!()
            };
            *stage = Stage::Next;
            *cont = Some(here);
            *skip_next = Some(at);
        } else {
            let Flow::Loop {
                stage,
                cont,
                header,
                ..
            } = self.loop_mut()?
            else {
                unreachable!()
            };
            *stage = Stage::Body;
            *cont = Some(*header);
        }
        Ok(())
    }

    pub(super) fn loop_test(&mut self) -> Result<(), CompileError> {
        let stage = match self.loop_mut()? {
            Flow::Loop { stage, .. } => *stage,
            _ => unreachable!(),
        };
        let condition = self.pop()?;
        let cond = self.value(&condition)?;
        match stage {
            Stage::Test => {
                let at = self.ops.len();
                self.emit(Op::JumpIf {
                    cond,
                    when: false,
                    target: 0,
                });
                if let Flow::Loop { breaks, .. } = self.loop_mut()? {
                    breaks.push(at);
                }
                self.loop_after_test()
            }
            Stage::PostTest => {
                let Flow::Loop { header, stage, .. } = self.loop_mut()? else {
                    unreachable!()
                };
                *stage = Stage::Done;
                let target = *header;
                self.emit(Op::JumpIf {
                    cond,
                    when: true,
                    target,
                });
                Ok(())
            }
            _ => Err(CompileError::Malformed("LoopTest out of place".into())),
        }
    }

    pub(super) fn loop_next(&mut self) -> Result<(), CompileError> {
        let Flow::Loop {
            header,
            stage,
            skip_next,
            ..
        } = self.loop_mut()?
        else {
            unreachable!()
        };
        if *stage != Stage::Next {
            return Err(CompileError::Malformed("LoopNext out of place".into()));
        }
        *stage = Stage::Body;
        let (header, skip) = (*header, *skip_next);
        self.emit(Op::Jump { target: header });
        if let Some(skip) = skip {
            let here = self.here();
            self.patch(skip, here);
        }
        Ok(())
    }

    pub(super) fn loop_body(&mut self) -> Result<(), CompileError> {
        let here = self.here();
        let Flow::Loop {
            flags, stage, cont, ..
        } = self.loop_mut()?
        else {
            unreachable!()
        };
        if *stage != Stage::Body {
            return Err(CompileError::Malformed("LoopBody out of place".into()));
        }
        if flags.has(LoopFlags::POST_TEST) {
            *stage = Stage::PostTest;
            *cont = Some(here);
        } else {
            *stage = Stage::Done;
            let target = cont.unwrap_or(0);
            self.emit(Op::Jump { target });
        }
        Ok(())
    }

    pub(super) fn loop_end(&mut self) -> Result<(), CompileError> {
        let Some(Flow::Loop {
            stage,
            cont,
            breaks,
            continues,
            ..
        }) = self.flows.pop()
        else {
            return Err(CompileError::Malformed("LoopEnd without LoopStart".into()));
        };
        if stage != Stage::Done {
            return Err(CompileError::Malformed(
                "LoopEnd before the loop's end".into(),
            ));
        }
        let here = self.here();
        for b in breaks {
            self.patch(b, here);
        }
        let cont = cont.unwrap_or(here);
        for c in continues {
            self.patch(c, cont);
        }
        Ok(())
    }

    /// `break` / `continue`: the loop or label it leaves.
    pub(super) fn jump_out(
        &mut self,
        label: Option<Symbol>,
        is_continue: bool,
    ) -> Result<(), CompileError> {
        let mut found = None;
        for (i, flow) in self.flows.iter().enumerate().rev() {
            match flow {
                Flow::Loop { labels, .. } if label.is_none_or(|l| labels.contains(&l)) => {
                    found = Some(i);
                    break;
                }
                Flow::Label { symbol, .. } if !is_continue && label == Some(*symbol) => {
                    found = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(index) = found else {
            return Err(CompileError::Malformed("jump target not found".into()));
        };
        self.jump_to(if is_continue {
            Target::Continue(index)
        } else {
            Target::Break(index)
        })
    }

    /// `return` of the value in `src`.
    pub(super) fn return_from(&mut self, src: Slot) -> Result<(), CompileError> {
        let through_finally = self.flows.iter().any(|f| match f {
            Flow::Try(t) => t.has_finally && t.stage != TryStage::Finally,
            _ => false,
        });
        if !through_finally {
            self.emit(Op::Return { src });
            return Ok(());
        }
        let dst = self.return_slot;
        self.emit(Op::Move { dst, src });
        self.jump_to(Target::Return)
    }

    /// Jumps to `target`, through the finally blocks in between (the
    /// innermost runs first; its end goes on to the target,
    /// `compiler/control_flow.rs` `jump_out`), escaping the scopes left.
    fn jump_to(&mut self, target: Target) -> Result<(), CompileError> {
        let limit = match target {
            Target::Break(i) | Target::Continue(i) => i + 1,
            Target::Return => 0,
        };
        for i in (limit..self.flows.len()).rev() {
            let Flow::Try(t) = &mut self.flows[i] else {
                continue;
            };
            if !t.has_finally || t.stage == TryStage::Finally {
                continue;
            }
            t.exits.push(target);
            let kind = 2 + t.exits.len() as i32 - 1;
            let (kind_slot, depth) = (t.kind, t.scope_depth);
            self.escape_scopes_to(depth);
            self.emit(Op::Const {
                dst: kind_slot,
                bits: Value::from_i32(kind).to_bits(),
            });
            let at = self.ops.len();
            self.emit(Op::Jump { target: 0 });
            if let Flow::Try(t) = &mut self.flows[i] {
                t.fin_jumps.push(at);
            }
            return Ok(());
        }
        let index = match target {
            Target::Return => {
                let src = self.return_slot;
                self.emit(Op::Return { src });
                return Ok(());
            }
            Target::Break(i) | Target::Continue(i) => i,
        };
        let depth = match &self.flows[index] {
            Flow::Loop { scope_depth, .. } | Flow::Label { scope_depth, .. } => *scope_depth,
            _ => {
                return Err(CompileError::Malformed(
                    "jump target is not a loop or label".into(),
                ))
            }
        };
        self.escape_scopes_to(depth);
        let at = self.ops.len();
        self.emit(Op::Jump { target: 0 });
        match (&mut self.flows[index], target) {
            (Flow::Loop { continues, .. }, Target::Continue(_)) => continues.push(at),
            (Flow::Loop { breaks, .. } | Flow::Label { breaks, .. }, _) => breaks.push(at),
            _ => return Err(CompileError::Malformed("continue to a label".into())),
        }
        Ok(())
    }

    /// Escapes the scopes open above `depth`, innermost first.
    fn escape_scopes_to(&mut self, depth: usize) {
        let left: Vec<ScopeRef> = self.scopes[depth.min(self.scopes.len())..]
            .iter()
            .rev()
            .copied()
            .collect();
        for scope in left {
            self.escape_scope(scope);
        }
    }

    // ----- try (14.15) -----

    /// `Try { has_catch, has_finally }`: its completion kind and value
    /// get slots below the operands of its blocks.
    pub(super) fn try_start(
        &mut self,
        has_catch: bool,
        has_finally: bool,
    ) -> Result<(), CompileError> {
        if !has_catch && !has_finally {
            return Err(CompileError::Malformed(
                "try without catch and finally".into(),
            ));
        }
        let kind = self.next_slot();
        let value = kind + 1;
        self.use_slot(value);
        // As the compiler's (the on-stack replacement area carries them).
        self.emit(Op::Const {
            dst: kind,
            bits: Value::ZERO.to_bits(),
        });
        self.emit(Op::Const {
            dst: value,
            bits: Value::UNDEFINED.to_bits(),
        });
        let floor = self.floor;
        self.floor = value + 1;
        let start = self.here();
        self.flows.push(Flow::Try(Box::new(TryFlow {
            stage: TryStage::Try,
            has_catch,
            has_finally,
            start,
            kind,
            value,
            floor,
            ends: Vec::new(),
            fin_jumps: Vec::new(),
            exits: Vec::new(),
            scope_depth: self.scopes.len(),
            nested: Vec::new(),
        })));
        Ok(())
    }

    /// Ends the current stage of the innermost try statement (its normal
    /// completion, then its exception landing, where the handler of the
    /// stage's ops goes) and enters `to`. Returns the slot the exception
    /// lands in.
    fn finish_try_stage(&mut self, to: TryStage) -> Result<Slot, CompileError> {
        let Some(Flow::Try(t)) = self.flows.last() else {
            return Err(CompileError::Malformed(
                "catch or finally without try".into(),
            ));
        };
        let (from, has_catch, has_finally) = (t.stage, t.has_catch, t.has_finally);
        let (kind, value, start, nested) = (t.kind, t.value, t.start, t.nested.clone());
        // Normal completion of the stage.
        let at = self.ops.len();
        if has_finally {
            self.emit(Op::Const {
                dst: kind,
                bits: Value::ZERO.to_bits(),
            });
        }
        self.emit(Op::Jump { target: 0 });
        let jump = if has_finally { at + 1 } else { at };
        let catching = from == TryStage::Try && has_catch;
        // The exception lands in the catch clause's operand slot, or in
        // the completion value.
        let slot = if catching { self.next_slot() } else { value };
        let landing = self.here();
        self.handlers.push(super::super::Handler {
            start,
            end: landing,
            landing,
            slot,
            catch: catching,
        });
        for scope in nested {
            self.escape_scope(scope);
        }
        if !catching {
            self.emit(Op::Const {
                dst: kind,
                bits: Value::from_i32(1).to_bits(),
            });
        }
        let here = self.here();
        let Some(Flow::Try(t)) = self.flows.last_mut() else {
            unreachable!()
        };
        t.stage = to;
        t.start = here;
        if has_finally {
            t.fin_jumps.push(jump);
        } else {
            t.ends.push(jump);
        }
        Ok(slot)
    }

    /// `Catch(has_parameter)`: the exception is pushed when there is a
    /// parameter.
    pub(super) fn catch(&mut self, has_parameter: bool) -> Result<(), CompileError> {
        match self.flows.last() {
            Some(Flow::Try(t)) if t.stage == TryStage::Try && t.has_catch => {}
            _ => return Err(CompileError::Malformed("Catch out of place".into())),
        }
        let slot = self.finish_try_stage(TryStage::Catch)?;
        if has_parameter {
            self.push_value(slot);
        }
        Ok(())
    }

    /// `Finally`: the normal completions and the throw landing go here.
    pub(super) fn finally(&mut self) -> Result<(), CompileError> {
        match self.flows.last() {
            Some(Flow::Try(t)) if t.has_finally && t.stage != TryStage::Finally => {}
            _ => return Err(CompileError::Malformed("Finally out of place".into())),
        }
        self.finish_try_stage(TryStage::Finally)?;
        let here = self.here();
        let Some(Flow::Try(t)) = self.flows.last_mut() else {
            unreachable!()
        };
        let jumps = std::mem::take(&mut t.fin_jumps);
        for at in jumps {
            self.patch(at, here);
        }
        Ok(())
    }

    /// `TryEnd`: after a finally block, the dispatch on how it was entered
    /// (14.15.3: its own completion replaces the earlier one only if
    /// abrupt).
    pub(super) fn try_end(&mut self) -> Result<(), CompileError> {
        let Some(Flow::Try(t)) = self.flows.pop() else {
            return Err(CompileError::Malformed("TryEnd without Try".into()));
        };
        let t = *t;
        let mut ends = t.ends;
        match t.stage {
            TryStage::Try => {
                return Err(CompileError::Malformed("TryEnd after the try block".into()))
            }
            TryStage::Catch if t.has_finally => {
                return Err(CompileError::Malformed("TryEnd before Finally".into()))
            }
            TryStage::Catch => {
                // The catch block's exceptions go to the outer handler.
                ends.push(self.ops.len());
                self.emit(Op::Jump { target: 0 });
            }
            TryStage::Finally => {
                let completion = self.ops.len();
                self.emit(Op::Completion {
                    kind: t.kind,
                    value: t.value,
                    targets: vec![0; t.exits.len()].into_boxed_slice(),
                });
                ends.push(self.ops.len());
                self.emit(Op::Jump { target: 0 });
                // The jumps out that ran this finally block go on from
                // here, through the finally blocks around it.
                for (k, &target) in t.exits.iter().enumerate() {
                    let here = self.here();
                    if let Op::Completion { targets, .. } = &mut self.ops[completion] {
                        targets[k] = here;
                    }
                    self.jump_to(target)?;
                }
            }
        }
        self.floor = t.floor;
        let here = self.here();
        for at in ends {
            self.patch(at, here);
        }
        Ok(())
    }
}

/// An open `try` statement.
pub(super) struct TryFlow {
    stage: TryStage,
    has_catch: bool,
    has_finally: bool,
    /// The first op of the current stage (the start of its handler's range).
    start: u32,
    /// How the finally block was entered: 0 normally, 1 by a throw, 2 + k
    /// by exit `k`.
    kind: Slot,
    /// The thrown value when `kind` is 1.
    value: Slot,
    /// The operand floor before the statement.
    floor: Slot,
    /// Jumps to the end of the statement.
    ends: Vec<usize>,
    /// Jumps into the finally block (its kind already set).
    fin_jumps: Vec<usize>,
    exits: Vec<Target>,
    scope_depth: usize,
    /// Scopes entered inside the statement (their cells escape on a throw).
    pub(super) nested: Vec<ScopeRef>,
}
