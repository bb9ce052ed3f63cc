//! The `switch` statement (14.12).

use super::*;

impl<'a> Analyzer<'a> {
    /// 14.12 `switch`: the case tests pick a clause index (in source order,
    /// the default clause last), then every clause from that index on runs
    /// (fall-through): `if (index <= k) { clause k }`.
    pub(in crate::semantics::analyzer) fn switch_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        let Some((&disc, clauses)) = children.split_first() else {
            return self.err("malformed switch statement");
        };
        let label = self.new_label("switch");
        self.emit(C::LabelStart(label));
        self.expression(disc)?;
        let d = self.store_temp()?;
        let index = self.temp()?;
        let none = clauses.len() as f64;
        let default = clauses
            .iter()
            .position(|&c| self.ast.nodes[c].kind == NodeKind::DefaultCase)
            .map_or(none, |p| p as f64);
        self.emit_all(&[
            C::VariableReference(index.0, index.1),
            C::Number(default),
            C::Assignment,
            C::Discard,
        ]);
        // The case block is one scope (14.12.4 step 5), which the case
        // selectors see too (14.12.2 CaseBlockEvaluation runs in it).
        let mut statements = Vec::new();
        for &c in clauses {
            let mut cs = self.ast.children(c);
            if self.ast.nodes[c].kind == NodeKind::Case && !cs.is_empty() {
                cs.remove(0);
            }
            statements.push(cs);
        }
        let all: Vec<usize> = statements.iter().flatten().copied().collect();
        let scope = self.enter_block(&all)?;
        // if (d === t0) index = 0; else if (d === t1) index = 1; ...
        let mut open = 0;
        for (k, &c) in clauses.iter().enumerate() {
            if self.ast.nodes[c].kind != NodeKind::Case {
                continue;
            }
            let Some(&test) = self.ast.children(c).first() else {
                continue;
            };
            self.emit(C::VariableReference(d.0, d.1));
            self.expression(test)?;
            self.emit_all(&[
                C::Binary(BinaryOperator::StrictEquality),
                C::IfThen,
                C::VariableReference(index.0, index.1),
                C::Number(k as f64),
                C::Assignment,
                C::Discard,
                C::Else,
            ]);
            open += 1;
        }
        for _ in 0..open {
            self.emit(C::IfElseStatement);
        }
        self.free_temp(d);
        self.cur().breakables.push(Breakable::Switch(label));
        for (k, cs) in statements.into_iter().enumerate() {
            self.emit_all(&[
                C::VariableReference(index.0, index.1),
                C::Number(k as f64),
                C::Binary(BinaryOperator::LessThanOrEqual),
                C::IfThen,
            ]);
            for s in cs {
                self.statement(s)?;
            }
            self.emit(C::IfStatement);
        }
        self.cur().breakables.pop();
        self.leave_block(scope);
        self.free_temp(index);
        self.emit(C::LabelEnd(label));
        Ok(())
    }
}
