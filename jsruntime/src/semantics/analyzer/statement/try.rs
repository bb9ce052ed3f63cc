//! The `try` statement (14.15): `catch` parameters and `finally` blocks.

use super::*;

impl<'a> Analyzer<'a> {
    pub(in crate::semantics::analyzer) fn try_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        let Some((&block, rest)) = children.split_first() else {
            return self.err("malformed try statement");
        };
        let catch = rest
            .iter()
            .copied()
            .find(|&c| self.ast.nodes[c].kind == NodeKind::Catch);
        let finally = rest
            .iter()
            .copied()
            .find(|&c| self.ast.nodes[c].kind == NodeKind::Finally);
        self.emit(C::Try {
            has_catch: catch.is_some(),
            has_finally: finally.is_some(),
        });
        self.statement(block)?;
        if let Some(c) = catch {
            let cc = self.ast.children(c);
            match cc[..] {
                [param, body] => {
                    self.emit(C::Catch(true));
                    // 14.15.3: UpdateEmpty(CatchClauseEvaluation, undefined).
                    self.reset_completion();
                    // 14.15.2 CatchClauseEvaluation: a scope for the parameter.
                    let scope = self.new_scope();
                    let mut names = Vec::new();
                    self.bound_names(param, &mut names);
                    for n in names {
                        self.declare(scope, &n, VariableKind::CatchParameter)?;
                    }
                    self.cur().chain.push(scope);
                    self.emit(C::PushScope(scope));
                    self.emit(C::DeclareVars(scope));
                    let pn = self.ast.nodes[param];
                    if pn.kind == NodeKind::BindingIdentifier {
                        self.reference(pn.arg)?;
                        self.emit(C::Swap);
                        self.emit(C::Initialize);
                    } else {
                        let t = self.store_temp()?;
                        self.bind(param, t, BindMode::Initialize)?;
                        self.free_temp(t);
                    }
                    self.statement(body)?;
                    self.leave_block(Some(scope));
                }
                [body] => {
                    self.emit(C::Catch(false));
                    self.reset_completion();
                    self.statement(body)?;
                }
                _ => return self.err("malformed catch clause"),
            }
        }
        if let Some(f) = finally {
            self.emit(C::Finally);
            // 14.15.3: a finally block that completes normally keeps the
            // completion value of the try or catch block.
            let saved = self.save_completion()?;
            if let Some(&b) = self.ast.children(f).first() {
                self.statement(b)?;
            }
            self.restore_completion(saved);
        }
        self.emit(C::TryEnd);
        Ok(())
    }
}
