//! Completion values of scripts and eval code, kept in the hidden
//! `%completion` local of function 0 (UpdateEmpty, 14.15.3).

use super::*;

impl<'a> Analyzer<'a> {
    /// Sets the completion value of the script or eval code being emitted
    /// to the value on the stack (`[value] -> []`); discards it elsewhere.
    pub(super) fn complete_with_value(&mut self) {
        if let Some(l) = self.cur().completion {
            let sym = self.program.symbol("%completion");
            self.emit_all(&[
                CompileCommand::VariableReference(sym, l),
                CompileCommand::Swap,
                CompileCommand::Assignment,
            ]);
        }
        self.emit(CompileCommand::Discard);
    }

    /// UpdateEmpty(stmt, undefined) of the statements whose completion is
    /// never empty (`if`, loops, `switch`, `try`, `with`): the completion
    /// value becomes undefined unless their body produces one.
    pub(super) fn reset_completion(&mut self) {
        if self.cur().completion.is_some() {
            self.emit(CompileCommand::Undefined);
            self.complete_with_value();
        }
    }

    /// Copies the completion value being tracked (if any) to a temporary.
    pub(super) fn save_completion(&mut self) -> Result<Option<(Symbol, Locator)>> {
        let Some(l) = self.cur().completion else {
            return Ok(None);
        };
        let sym = self.program.symbol("%completion");
        let t = self.temp()?;
        self.emit_copy(t, (sym, l));
        Ok(Some(t))
    }

    /// Makes a value saved by [`Self::save_completion`] the completion value.
    pub(super) fn restore_completion(&mut self, saved: Option<(Symbol, Locator)>) {
        if let Some(t) = saved {
            self.emit(CompileCommand::VariableReference(t.0, t.1));
            self.complete_with_value();
            self.free_temp(t);
        }
    }
}

/// The statements whose completion value is UpdateEmpty(..., undefined).
pub(super) fn resets_completion(kind: NodeKind) -> bool {
    use NodeKind as K;
    matches!(
        kind,
        K::If | K::While | K::DoWhile | K::For | K::ForIn | K::ForOf | K::Switch | K::Try | K::With
    )
}
