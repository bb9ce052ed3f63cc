//! Loops (14.7): `while`, `do-while`, `for`, `for-in` and `for-of`.

use jsparser::syntax::static_semantics as ss;

use super::*;

impl<'a> Analyzer<'a> {
    /// 14.7.3 `while (test) body`.
    pub(in crate::semantics::analyzer) fn while_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        let (Some(&test), Some(&body)) = (children.first(), children.get(1)) else {
            return self.err("malformed while statement");
        };
        self.emit(C::LoopStart(LoopFlags(LoopFlags::TEST)));
        self.expression(test)?;
        self.emit(C::LoopTest);
        self.loop_body(body)?;
        self.emit_all(&[C::LoopBody, C::LoopEnd]);
        Ok(())
    }

    /// 14.7.2 `do body while (test)`.
    pub(in crate::semantics::analyzer) fn do_while_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        let (Some(&body), Some(&test)) = (children.first(), children.get(1)) else {
            return self.err("malformed do-while statement");
        };
        self.emit(C::LoopStart(LoopFlags(LoopFlags::POST_TEST)));
        self.loop_body(body)?;
        self.emit(C::LoopBody);
        self.expression(test)?;
        self.emit_all(&[C::LoopTest, C::LoopEnd]);
        Ok(())
    }

    /// 14.7.4 `for (init; test; update) body`. A `let` head is a scope
    /// entered in the init section: `continue` and the end of each iteration
    /// escape its captured bindings, which gives each iteration its own
    /// copies (14.7.4.4 CreatePerIterationEnvironment).
    pub(in crate::semantics::analyzer) fn for_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        let [init, test, update, body] = children[..] else {
            return self.err("malformed for statement");
        };
        let is_empty = |a: &Self, i: usize| a.ast.nodes[i].kind == NodeKind::Empty;
        let mut bits = 0;
        if !is_empty(self, init) {
            bits |= LoopFlags::INIT;
        }
        if !is_empty(self, test) {
            bits |= LoopFlags::TEST;
        }
        if !is_empty(self, update) {
            bits |= LoopFlags::NEXT;
        }
        self.emit(C::LoopStart(LoopFlags(bits)));
        let mut scope = None;
        if bits & LoopFlags::INIT != 0 {
            match self.ast.nodes[init].kind {
                NodeKind::LexicalDeclaration => {
                    scope = self.enter_block(&[init])?;
                    self.statement(init)?;
                    // 14.7.4.2 step 2 of ForBodyEvaluation: the first
                    // iteration already runs in a copy, so closures created
                    // by the initializer keep the initial bindings.
                    if let Some(s) = scope {
                        if self.scope_has_captures(s) {
                            self.emit(C::PopScope(s));
                            self.emit(C::PushScope(s));
                        }
                    }
                }
                NodeKind::VariableDeclaration => self.statement(init)?,
                _ => {
                    self.expression(init)?;
                    self.emit(C::Discard);
                }
            }
            self.emit(C::LoopInit);
        }
        if bits & LoopFlags::TEST != 0 {
            self.expression(test)?;
            self.emit(C::LoopTest);
        }
        if bits & LoopFlags::NEXT != 0 {
            self.expression(update)?;
            self.emit(C::Discard);
            self.emit(C::LoopNext);
        }
        self.loop_body(body)?;
        if let Some(s) = scope {
            if self.scope_has_captures(s) {
                self.emit(C::PopScope(s));
                self.emit(C::PushScope(s));
            }
        }
        self.emit(C::LoopBody);
        self.leave_block(scope);
        self.emit(C::LoopEnd);
        Ok(())
    }

    /// 14.7.5 `for (left in right)` and `for (left of right)`
    /// (ForIn/OfHeadEvaluation 14.7.5.6, ForIn/OfBodyEvaluation 14.7.5.7):
    ///
    /// ```text
    /// rec = GetIterator(right)            // ForInIterator for for-in
    /// try {                               // for-of only
    ///   labels: loop (v = IteratorStepValue(rec), v is not HOLE) {
    ///     { let/const scope per iteration; left = v; body }
    ///   }
    /// } catch (e) { IteratorCloseQuiet(rec); throw e }
    ///   finally { IteratorClose(rec) }    // no-op once rec is done
    /// ```
    ///
    /// The record is done when the iterator finished or its `next` threw,
    /// so the `catch`/`finally` close it exactly on the abrupt completions
    /// of the body and of the binding (`break`, `return`, `throw`, `continue`
    /// to an outer loop), as 14.7.5.7 steps 6.i and 6.l.ii-iii say.
    pub(in crate::semantics::analyzer) fn for_in_of(
        &mut self,
        node: jsparser::syntax::Node,
        children: &[usize],
        is_of: bool,
    ) -> Result<()> {
        use CompileCommand as C;
        let labels = std::mem::take(&mut self.loop_labels);
        let [left, right, body] = children[..] else {
            return self.err("malformed for-in/of statement");
        };
        // `for await`: 14.7.5.6 with iteratorKind async.
        let is_async = is_of && node.has(flags::AWAIT);
        let ln = self.ast.nodes[left];
        let (target, mode, lexical) = match ln.kind {
            NodeKind::VariableDeclaration | NodeKind::LexicalDeclaration => {
                let Some(&d) = self.ast.children(left).first() else {
                    return self.err("malformed for-in/of declaration");
                };
                let dc = self.ast.children(d);
                let Some(&t) = dc.first() else {
                    return self.err("malformed for-in/of declaration");
                };
                if ln.kind == NodeKind::VariableDeclaration {
                    // B.3.5 `for (var x = init in o)`: the initializer runs first.
                    if dc.len() > 1 {
                        self.declarator(d, BindMode::Assign)?;
                    }
                    (t, BindMode::Assign, None)
                } else {
                    let kind = if ss::is_constant_declaration(&self.ast.nodes, left) {
                        VariableKind::Const
                    } else {
                        VariableKind::Let
                    };
                    (t, BindMode::Initialize, Some(kind))
                }
            }
            _ => (left, BindMode::Assign, None),
        };
        let mut names = Vec::new();
        if lexical.is_some() {
            self.bound_names(target, &mut names);
        }
        // 14.7.5.6 steps 2-4: the expression sees the bindings in their TDZ.
        let tdz = match lexical {
            Some(kind) if !names.is_empty() => {
                let scope = self.new_scope();
                for n in &names {
                    self.declare(scope, n, kind)?;
                }
                self.cur().chain.push(scope);
                self.emit(C::PushScope(scope));
                self.emit(C::DeclareVars(scope));
                Some(scope)
            }
            _ => None,
        };
        self.expression(right)?;
        self.leave_block(tdz);
        self.emit(C::Helper(if is_async {
            Helper::GetAsyncIterator
        } else if is_of {
            Helper::GetIterator
        } else {
            Helper::ForInIterator
        }));
        let rec = self.store_temp()?;
        if is_of {
            self.emit(C::Try {
                has_catch: true,
                has_finally: true,
            });
        }
        for &l in &labels {
            self.emit(C::LabelStart(l));
        }
        let v = self.temp()?;
        self.emit_all(&[
            C::LoopStart(LoopFlags(LoopFlags::TEST)),
            C::VariableReference(v.0, v.1),
            C::VariableReference(rec.0, rec.1),
        ]);
        if is_async {
            // 14.7.5.7 steps 6.a-e: next(), await, then the result.
            self.emit_all(&[
                C::VariableReference(rec.0, rec.1),
                C::Helper(Helper::AsyncIteratorNext),
            ]);
            self.emit_await();
            self.emit(C::Helper(Helper::AsyncIteratorStepResult));
        } else {
            self.emit(C::Helper(if is_of {
                Helper::IteratorStepValue
            } else {
                Helper::ForInStep
            }));
        }
        self.emit_all(&[
            C::Assignment,
            C::Helper(Helper::IsHole),
            C::Unary(UnaryOperator::LogicalNot),
            C::LoopTest,
        ]);
        // 14.7.5.7 step 6.g-h: a fresh environment per iteration.
        let scope = match lexical {
            Some(kind) if !names.is_empty() => {
                let scope = self.new_scope();
                for n in &names {
                    self.declare(scope, n, kind)?;
                }
                self.cur().chain.push(scope);
                self.emit(C::PushScope(scope));
                self.emit(C::DeclareVars(scope));
                Some(scope)
            }
            _ => None,
        };
        self.bind(target, v, mode)?;
        self.loop_body(body)?;
        self.leave_block(scope);
        self.emit_all(&[C::LoopBody, C::LoopEnd]);
        for &l in labels.iter().rev() {
            self.emit(C::LabelEnd(l));
        }
        self.free_temp(v);
        if is_async {
            self.async_iterator_close(rec)?;
        } else if is_of {
            self.emit(C::Catch(true));
            let e = self.store_temp()?;
            self.emit_all(&[
                C::VariableReference(rec.0, rec.1),
                C::Helper(Helper::IteratorCloseQuiet),
                C::Discard,
                C::VariableReference(e.0, e.1),
                C::Throw,
                C::Finally,
                C::VariableReference(rec.0, rec.1),
                C::Helper(Helper::IteratorClose),
                C::Discard,
                C::TryEnd,
            ]);
            self.free_temp(e);
        }
        self.free_temp(rec);
        Ok(())
    }

    /// The catch and finally blocks of a `for await` loop: 7.4.13
    /// AsyncIteratorClose with a throw completion (the result of `return` is
    /// awaited, its failures ignored, the exception rethrown) and with a
    /// normal completion (the awaited result must be an object).
    fn async_iterator_close(&mut self, rec: (Symbol, Locator)) -> Result<()> {
        use CompileCommand as C;
        self.emit(C::Catch(true));
        let e = self.store_temp()?;
        let t = self.temp()?;
        self.emit_all(&[
            C::Try {
                has_catch: true,
                has_finally: false,
            },
            C::VariableReference(t.0, t.1),
            C::VariableReference(rec.0, rec.1),
            C::Helper(Helper::AsyncIteratorCloseQuiet),
            C::Assignment,
            C::Helper(Helper::IsHole),
            C::Unary(UnaryOperator::LogicalNot),
            C::IfThen,
            C::VariableReference(t.0, t.1),
        ]);
        self.emit_await();
        self.emit_all(&[
            C::Discard,
            C::IfStatement,
            C::Catch(false),
            C::TryEnd,
            C::VariableReference(e.0, e.1),
            C::Throw,
            C::Finally,
            C::VariableReference(t.0, t.1),
            C::VariableReference(rec.0, rec.1),
            C::Helper(Helper::AsyncIteratorClose),
            C::Assignment,
            C::Helper(Helper::IsHole),
            C::Unary(UnaryOperator::LogicalNot),
            C::IfThen,
            C::VariableReference(t.0, t.1),
        ]);
        self.emit_await();
        self.emit_all(&[
            C::Helper(Helper::RequireIteratorResult),
            C::Discard,
            C::IfStatement,
            C::TryEnd,
        ]);
        self.free_temp(t);
        self.free_temp(e);
        Ok(())
    }

    fn loop_body(&mut self, body: usize) -> Result<()> {
        self.cur().breakables.push(Breakable::Loop);
        let r = self.sub_statement(body);
        self.cur().breakables.pop();
        r
    }
}
