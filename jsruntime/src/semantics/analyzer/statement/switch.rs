//! The `switch` statement (14.12).

use super::*;
use crate::semantics::analyzer::expression::Literal;

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
        // A run of constant selectors is one `CaseIndex` lookup:
        // index = lookup(d); if (index === default) { ...the cases after }.
        let mut cases = Vec::new();
        for (k, &c) in clauses.iter().enumerate() {
            if self.ast.nodes[c].kind != NodeKind::Case {
                continue;
            }
            let Some(&test) = self.ast.children(c).first() else {
                continue;
            };
            let constant = self.case_constant(test)?;
            cases.push((k, test, constant));
        }
        let mut closers = Vec::new();
        let mut i = 0;
        while i < cases.len() {
            let run = cases[i..]
                .iter()
                .take_while(|(_, _, constant)| constant.is_some())
                .count();
            if run >= MIN_CASE_TABLE {
                let table = self.program.case_tables.len() as u32;
                let mut t = CaseTable {
                    fallback: default as u32,
                    ..CaseTable::default()
                };
                for (k, _, constant) in &mut cases[i..i + run] {
                    match constant.take() {
                        Some(CaseConstant::Int32(x)) => t.cases.push((x, *k as u32)),
                        Some(CaseConstant::Other(c)) => t.others.push((c, *k as u32)),
                        None => {}
                    }
                }
                self.program.case_tables.push(t);
                self.emit_all(&[
                    C::VariableReference(index.0, index.1),
                    C::VariableReference(d.0, d.1),
                    C::CaseIndex(table),
                    C::Assignment,
                    C::Discard,
                ]);
                i += run;
                if i < cases.len() {
                    self.emit_all(&[
                        C::VariableReference(index.0, index.1),
                        C::Number(default),
                        C::Binary(BinaryOperator::StrictEquality),
                        C::IfThen,
                    ]);
                    closers.push(C::IfStatement);
                }
                continue;
            }
            let (k, test, _) = cases[i];
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
            closers.push(C::IfElseStatement);
            i += 1;
        }
        for closer in closers.into_iter().rev() {
            self.emit(closer);
        }
        self.free_temp(d);
        self.cur().breakables.push(Breakable::Switch(label));
        // The clauses: a jump to the chosen one, which falls through.
        self.emit_all(&[
            C::VariableReference(index.0, index.1),
            C::SwitchCases(statements.len() as u32),
        ]);
        for (k, cs) in statements.into_iter().enumerate() {
            self.emit(C::SwitchClause(k as u32));
            for s in cs {
                self.statement(s)?;
            }
        }
        self.emit(C::SwitchEnd);
        self.cur().breakables.pop();
        self.leave_block(scope);
        self.free_temp(index);
        self.emit(C::LabelEnd(label));
        Ok(())
    }

    /// The value of a case selector that is a literal (a number, or minus
    /// one, a string, a boolean or `null`), else `None`. Nothing stays
    /// emitted.
    fn case_constant(&mut self, test: usize) -> Result<Option<CaseConstant>> {
        let constant = match self.literal_constant(test)? {
            Literal::Constant(c) => c,
            Literal::No => return Ok(None),
            Literal::Emitted(start) => {
                let script = &mut self.cur().script;
                script.commands.truncate(start);
                script.positions.truncate(start.min(script.positions.len()));
                return Ok(None);
            }
        };
        Ok(Some(match constant {
            // -0 is the int32 0 here: IsStrictlyEqual(-0, +0) is true.
            CompileCommand::Number(x)
                if x.fract() == 0.0 && x >= i32::MIN as f64 && x <= i32::MAX as f64 =>
            {
                CaseConstant::Int32(x as i32)
            }
            c => CaseConstant::Other(c),
        }))
    }
}

/// A constant case selector: an int32 (tested by a jump table or search
/// tree in the code) or another literal (looked up at run time).
enum CaseConstant {
    Int32(i32),
    Other(CompileCommand),
}

/// The fewest consecutive constant selectors tested by one `CaseIndex`.
const MIN_CASE_TABLE: usize = 8;
