//! Statements (ECMA-262 14): blocks, `if`, labels and the jumps
//! (`break`, `continue`, `return`, `throw`); loops, `switch` and `try` have
//! files of their own.

use super::*;

mod loops;
mod switch;
mod r#try;

impl<'a> Analyzer<'a> {
    /// 14.5 ExpressionStatement: its value becomes the completion value.
    pub(in crate::semantics::analyzer) fn expression_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        if let Some(&e) = children.first() {
            self.expression(e)?;
            self.complete_with_value();
        }
        Ok(())
    }

    /// 14.2 Block: a scope of its own if it declares something.
    pub(in crate::semantics::analyzer) fn block_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        let scope = self.enter_block(children)?;
        for &s in children {
            self.statement(s)?;
        }
        self.leave_block(scope);
        Ok(())
    }

    /// 14.6 `if (test) then else alt`.
    pub(in crate::semantics::analyzer) fn if_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        let (Some(&test), Some(&then)) = (children.first(), children.get(1)) else {
            return self.err("malformed if statement");
        };
        self.expression(test)?;
        self.emit(C::IfThen);
        self.sub_statement(then)?;
        if let Some(&alt) = children.get(2) {
            self.emit(C::Else);
            self.sub_statement(alt)?;
            self.emit(C::IfElseStatement);
        } else {
            self.emit(C::IfStatement);
        }
        Ok(())
    }

    /// 14.8 `continue label`.
    pub(in crate::semantics::analyzer) fn continue_statement(&mut self, children: &[usize]) {
        let label = self.label_of(children);
        self.emit(CompileCommand::Continue(label));
    }

    /// 14.9 `break label`; an unlabelled `break` in a `switch` leaves the
    /// switch's synthetic label.
    pub(in crate::semantics::analyzer) fn break_statement(&mut self, children: &[usize]) {
        let label = match self.label_of(children) {
            Some(l) => Some(l),
            None => match self.cur().breakables.last() {
                Some(Breakable::Switch(l)) => Some(*l),
                _ => None,
            },
        };
        self.emit(CompileCommand::Break(label));
    }

    /// 14.10 `return expression`.
    pub(in crate::semantics::analyzer) fn return_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        match children.first() {
            Some(&e) => {
                self.expression(e)?;
                self.await_return_value();
                self.emit(CompileCommand::Return(true));
            }
            None => self.emit(CompileCommand::Return(false)),
        }
        Ok(())
    }

    /// 14.14 `throw expression`.
    pub(in crate::semantics::analyzer) fn throw_statement(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        if let Some(&e) = children.first() {
            self.expression(e)?;
            self.emit(CompileCommand::Throw);
        }
        Ok(())
    }

    /// 14.13 `label: body`. `after_label`: this statement directly follows
    /// a `LabelStart` (see `statement_inner`).
    pub(in crate::semantics::analyzer) fn labelled_statement(
        &mut self,
        children: &[usize],
        after_label: bool,
    ) -> Result<()> {
        use CompileCommand as C;
        use NodeKind as K;
        let (Some(&label), Some(&body)) = (children.first(), children.get(1)) else {
            return self.err("malformed labelled statement");
        };
        let sym = self
            .program
            .symbol(self.ast.name(self.ast.nodes[label].arg));
        // A labelled for-in/of: the labels go right before its
        // loop (LabelStart directly before LoopStart labels the loop).
        let mut inner = body;
        while self.ast.nodes[inner].kind == K::Labelled {
            match self.ast.children(inner).get(1) {
                Some(&b) => inner = b,
                None => break,
            }
        }
        if matches!(self.ast.nodes[inner].kind, K::ForIn | K::ForOf) {
            self.loop_labels.push(sym);
            self.statement(body)?;
            return Ok(());
        }
        if !after_label && resets_completion(self.ast.nodes[inner].kind) {
            self.reset_completion();
        }
        self.emit(C::LabelStart(sym));
        self.statement(body)?;
        self.emit(C::LabelEnd(sym));
        Ok(())
    }

    /// A statement in a position where a declaration cannot appear (the
    /// branches of `if`, loop bodies); sloppy-mode function declarations
    /// there (Annex B.3.4) get their own block.
    pub(super) fn sub_statement(&mut self, i: usize) -> Result<()> {
        if self.ast.nodes[i].kind == NodeKind::FunctionDeclaration {
            let scope = self.enter_block(&[i])?;
            self.annex_b_copy(i)?;
            self.leave_block(scope);
            return Ok(());
        }
        self.statement(i)
    }

    fn label_of(&mut self, children: &[usize]) -> Option<Symbol> {
        let &l = children.first()?;
        let name = self.ast.name(self.ast.nodes[l].arg).to_owned();
        Some(self.program.symbol(&name))
    }
}
