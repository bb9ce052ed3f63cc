//! Translation of expressions: literals, property access, operators,
//! calls, closures and their captures, `arguments`, and scopes.

use super::*;

impl Translator<'_, '_> {
    pub(super) fn constant(&mut self, v: Value) {
        let dst = self.next_slot();
        self.emit(Op::Const {
            dst,
            bits: v.to_bits(),
        });
        self.push_value(dst);
    }

    /// The object and key of a property access (popped), in two
    /// consecutive slots, and the site's cache when the key is constant.
    /// The object and key of a property reference (popped): the object
    /// in its own slot, the key in the next one (or a constant's slot when
    /// the site is cached), and the site's cache when the key is constant.
    pub(super) fn property_operands(
        &mut self,
        cache: CacheId,
    ) -> Result<(Slot, Slot, Option<CacheId>), CompileError> {
        let key = self.pop()?;
        let object = self.pop()?;
        let o = self.value_here(&object)?;
        let (k, cache) = match key {
            Opnd::Const {
                src, string: true, ..
            } => (src, Some(cache)),
            _ => (self.read_into(&key, o + 1)?, None),
        };
        self.use_slot(o + 1);
        Ok((o, k, cache))
    }

    /// `GetProperty(cache)`: object and key are read where they are.
    pub(super) fn get_property(&mut self, cache: CacheId) -> Result<(), CompileError> {
        let key = self.pop()?;
        let object = self.pop()?;
        let dst = object.base();
        let cached = matches!(key, Opnd::Const { string: true, .. });
        let o = self.value(&object)?;
        let k = self.value(&key)?;
        self.emit_get(dst, o, k, cached.then_some(cache));
        self.push_value(dst);
        Ok(())
    }

    pub(super) fn swap(&mut self) -> Result<(), CompileError> {
        let b = self.pop()?;
        let a = self.pop()?;
        if a.size() != 1 || b.size() != 1 {
            return unsupported("Swap of a two-slot operand");
        }
        if matches!(a, Opnd::Closure { .. }) || matches!(b, Opnd::Closure { .. }) {
            return unsupported("Swap of a closure being built");
        }
        let (sa, sb) = (a.base(), b.base());
        let scratch = self.scratch;
        // An unread reference has nothing in its slot yet.
        let moves = |o: &Opnd| !matches!(o, Opnd::Var { .. } | Opnd::Const { .. });
        if moves(&a) {
            self.emit(Op::Move {
                dst: scratch,
                src: sa,
            });
        }
        if moves(&b) {
            self.emit(Op::Move { dst: sa, src: sb });
        }
        if moves(&a) {
            self.emit(Op::Move {
                dst: sb,
                src: scratch,
            });
        }
        let reslot = |o: Opnd, slot: Slot| match o {
            Opnd::Value { .. } => Opnd::Value { slot },
            Opnd::Const { src, string, .. } => Opnd::Const { slot, src, string },
            Opnd::Var {
                symbol, locator, ..
            } => Opnd::Var {
                symbol,
                locator,
                slot,
            },
            Opnd::Snap {
                symbol, locator, ..
            } => Opnd::Snap {
                symbol,
                locator,
                slot,
            },
            other => other,
        };
        self.operands.push(reslot(b, sa));
        self.operands.push(reslot(a, sb));
        Ok(())
    }

    pub(super) fn unary(&mut self, op: UnaryOperator) -> Result<(), CompileError> {
        use UnaryOperator as U;
        let operand = self.pop()?;
        let dst = operand.base();
        match op {
            U::LogicalNot => {
                let src = self.value(&operand)?;
                self.emit(Op::Not { dst, src });
            }
            U::Void => {
                self.value(&operand)?;
                self.emit(Op::Const {
                    dst,
                    bits: Value::UNDEFINED.to_bits(),
                });
            }
            U::Typeof => match operand {
                Opnd::Var {
                    symbol,
                    locator: locator @ (Locator::Global | Locator::None),
                    slot,
                } => {
                    self.read_variable(symbol, locator, slot, MISS_UNDEFINED, true)?;
                    self.emit(Op::Unary { dst, op, src: slot });
                }
                Opnd::Snap {
                    locator: Locator::Global | Locator::None,
                    slot,
                    ..
                } => self.emit(Op::TypeofOrHole { dst, src: slot }),
                other => {
                    let src = self.value(&other)?;
                    self.emit(Op::Unary { dst, op, src });
                }
            },
            U::Minus | U::Plus | U::BitwiseNot => {
                let src = self.value(&operand)?;
                self.emit(Op::Unary { dst, op, src });
            }
            U::Delete => match operand {
                Opnd::Prop { slot, key, .. } => self.emit(Op::DeleteProperty {
                    dst,
                    object: slot,
                    key,
                }),
                Opnd::Var {
                    symbol,
                    locator: Locator::Global | Locator::None,
                    ..
                }
                | Opnd::Snap {
                    symbol,
                    locator: Locator::Global | Locator::None,
                    ..
                } => {
                    let name = self.name(symbol);
                    self.emit(Op::DeleteGlobal { dst, name });
                }
                Opnd::Var { .. } | Opnd::Snap { .. } => self.emit(Op::Const {
                    dst,
                    bits: Value::FALSE.to_bits(),
                }),
                other => {
                    self.value(&other)?;
                    self.emit(Op::Const {
                        dst,
                        bits: Value::TRUE.to_bits(),
                    });
                }
            },
            U::PostfixIncrement | U::PostfixDecrement | U::PrefixIncrement | U::PrefixDecrement => {
                if !operand.is_reference() {
                    return Err(CompileError::Malformed(
                        "update expression on a non-reference".into(),
                    ));
                }
                self.pin_key(&operand);
                let old = operand.base() + operand.size();
                let new = old + 1;
                self.use_slot(new);
                self.read_into(&operand, old)?;
                // ToNumeric of the old value, then +1 or -1.
                self.emit(Op::Unary {
                    dst: old,
                    op: U::PostfixIncrement,
                    src: old,
                });
                let step = if matches!(op, U::PostfixDecrement | U::PrefixDecrement) {
                    U::PrefixDecrement
                } else {
                    U::PrefixIncrement
                };
                self.emit(Op::Unary {
                    dst: new,
                    op: step,
                    src: old,
                });
                self.put_value(&operand, new, false)?;
                let result = if matches!(op, U::PrefixIncrement | U::PrefixDecrement) {
                    new
                } else {
                    old
                };
                if !self.discarded {
                    self.emit(Op::Move { dst, src: result });
                }
            }
        }
        self.push_value(dst);
        Ok(())
    }

    pub(super) fn call(&mut self, argc: usize, new: bool) -> Result<(), CompileError> {
        if self.operands.len() < argc + 1 {
            return Err(CompileError::Malformed("operand stack underflow".into()));
        }
        let args = self.operands.split_off(self.operands.len() - argc);
        let callee = self.pop()?;
        let (function, this, first) = match callee {
            Opnd::Method { slot } => (slot + 1, slot, slot + 2),
            Opnd::Prop { slot, key, cache } => {
                self.emit_get(slot + 1, slot, key, cache);
                (slot + 1, slot, slot + 2)
            }
            ref other => {
                let f = self.value(other)?;
                (f, NO_SLOT, f + 1)
            }
        };
        let first = self.argument_area(&args, first)?;
        let dst = callee.base();
        let argc = argc as u32;
        if new {
            self.emit(Op::New {
                dst,
                callee: function,
                argc,
                args: first,
            });
        } else {
            self.emit(Op::Call {
                dst,
                callee: function,
                this: if new { NO_SLOT } else { this },
                argc,
                args: first,
            });
        }
        self.push_value(dst);
        Ok(())
    }

    pub(super) fn helper(&mut self, helper: Helper) -> Result<(), CompileError> {
        let n = helper.arity();
        if self.operands.len() < n {
            return Err(CompileError::Malformed("operand stack underflow".into()));
        }
        if helper == Helper::Hole {
            self.constant(Value::HOLE);
            return Ok(());
        }
        let args = self.operands.split_off(self.operands.len() - n);
        let dst = match args.first() {
            Some(a) => a.base(),
            None => self.next_slot(),
        };
        let first = self.argument_area(&args, dst)?;
        self.emit(Op::Helper {
            dst,
            code: helper.code(),
            argc: n as u32,
            args: first,
        });
        self.push_value(dst);
        Ok(())
    }

    /// The values of `args` in consecutive slots: from `first` when each
    /// operand is in its place there (the usual case), else copied above
    /// all of them. Returns the first slot.
    pub(super) fn argument_area(
        &mut self,
        args: &[Opnd],
        first: Slot,
    ) -> Result<Slot, CompileError> {
        let in_place = args
            .iter()
            .enumerate()
            .all(|(i, a)| a.size() == 1 && a.base() == first + i as Slot);
        if in_place {
            for arg in args {
                self.value_here(arg)?;
            }
            return Ok(first);
        }
        let top = args
            .iter()
            .map(|a| a.base() + a.size())
            .max()
            .unwrap_or(first)
            .max(first);
        let mut sources = Vec::with_capacity(args.len());
        for arg in args {
            sources.push(self.value_here(arg)?);
        }
        for (i, src) in sources.into_iter().enumerate() {
            let dst = top + i as Slot;
            self.use_slot(dst);
            self.emit(Op::Move { dst, src });
        }
        Ok(top)
    }

    pub(super) fn closure(&mut self, function: FunctionId) -> Result<(), CompileError> {
        let expected = self
            .program
            .function(function)
            .map(|s| s.captures.len())
            .ok_or_else(|| CompileError::Malformed(format!("no function {}", function.0)))?;
        let template = self.host.template(function)?;
        let slot = self.next_slot();
        if expected == 0 {
            self.emit(Op::Closure {
                dst: slot,
                template,
                count: 0,
                cells: slot,
            });
            self.push_value(slot);
            return Ok(());
        }
        self.use_slot(slot + expected as Slot);
        self.operands.push(Opnd::Closure {
            slot,
            template,
            count: 0,
            expected: expected as u32,
        });
        Ok(())
    }

    pub(super) fn capture(&mut self, locator: Locator) -> Result<(), CompileError> {
        let Some(Opnd::Closure {
            slot,
            template,
            count,
            expected,
        }) = self.operands.last().cloned()
        else {
            return Err(CompileError::Malformed("Capture without a Closure".into()));
        };
        let dst = slot + 1 + count;
        match locator {
            Locator::Capture(i) => self.emit(Op::OwnCapture {
                dst,
                index: u32::from(i),
            }),
            _ => {
                let Some(index) = self.binding_index(locator) else {
                    return unsupported("capture of a global");
                };
                if !self.captured[index] {
                    return Err(CompileError::Malformed(
                        "capture of a binding not marked captured".into(),
                    ));
                }
                let binding = self.bindings[index];
                self.emit(Op::CaptureCell { dst, binding });
            }
        }
        let count = count + 1;
        let top = self.operands.len() - 1;
        if count == expected {
            self.emit(Op::Closure {
                dst: slot,
                template,
                count,
                cells: slot + 1,
            });
            self.operands[top] = Opnd::Value { slot };
        } else {
            self.operands[top] = Opnd::Closure {
                slot,
                template,
                count,
                expected,
            };
        }
        Ok(())
    }

    pub(super) fn arguments_object(
        &mut self,
        mapping: ArgumentsMapping,
    ) -> Result<(), CompileError> {
        let count = match mapping {
            ArgumentsMapping::Mapped(n) => n,
            ArgumentsMapping::Unmapped => 0,
        };
        let dst = self.next_slot();
        self.use_slot(dst + u32::from(count));
        for i in 0..count {
            let cell = dst + 1 + u32::from(i);
            let index = i as usize;
            let mapped = self.script.scopes.first().is_some_and(|s| {
                s.variables
                    .iter()
                    .any(|v| v.locator == Locator::Argument(i) && v.captured)
            });
            if mapped && index < self.bindings.len() && self.captured[index] {
                let binding = self.bindings[index];
                self.emit(Op::CaptureCell { dst: cell, binding });
            } else {
                self.emit(Op::Const { dst: cell, bits: 0 });
            }
        }
        self.emit(Op::ArgumentsObject {
            dst,
            mapped: matches!(mapping, ArgumentsMapping::Mapped(_)),
            count: u32::from(count),
            cells: dst + 1,
        });
        self.push_value(dst);
        Ok(())
    }

    // ----- Scopes -----

    pub(super) fn captured_slots_of(&self, scope: ScopeRef) -> Vec<Slot> {
        let Some(s) = self.script.scopes.get(scope.0 as usize) else {
            return Vec::new();
        };
        s.variables
            .iter()
            .filter(|v| v.captured)
            .filter_map(|v| self.binding_index(v.locator))
            .filter(|&i| self.captured[i])
            .map(|i| self.bindings[i])
            .collect()
    }

    pub(super) fn push_scope(&mut self, scope: ScopeRef) -> Result<(), CompileError> {
        if scope.0 as usize >= self.script.scopes.len() {
            return Err(CompileError::Malformed("scope out of range".into()));
        }
        self.scopes.push(scope);
        for flow in &mut self.flows {
            if let Flow::Try(t) = flow {
                t.nested.push(scope);
            }
        }
        // A new activation of the scope has no cells yet.
        for binding in self.captured_slots_of(scope) {
            self.emit(Op::Const {
                dst: binding + 1,
                bits: 0,
            });
        }
        Ok(())
    }

    pub(super) fn escape_scope(&mut self, scope: ScopeRef) {
        for binding in self.captured_slots_of(scope) {
            self.emit(Op::Escape { binding });
        }
    }

    pub(super) fn declare_vars(&mut self, scope: ScopeRef) -> Result<(), CompileError> {
        let Some(s) = self.script.scopes.get(scope.0 as usize) else {
            return Err(CompileError::Malformed("scope out of range".into()));
        };
        let mut stores = Vec::new();
        for v in &s.variables {
            let initial = match v.kind {
                VariableKind::Parameter => continue,
                k if k.is_lexical() => Value::HOLE,
                _ => Value::UNDEFINED,
            };
            let Some(index) = self.binding_index(v.locator) else {
                return Err(CompileError::Malformed("no slot for a declaration".into()));
            };
            stores.push((self.bindings[index], initial));
        }
        for (dst, v) in stores {
            self.emit(Op::Const {
                dst,
                bits: v.to_bits(),
            });
        }
        Ok(())
    }
}
