//! Expressions (ECMA-262 13): the literals here, the other constructs in
//! the files below.

use super::*;

mod assign;
mod call;
mod member;
mod object;
mod operator;
mod template;

impl<'a> Analyzer<'a> {
    /// A numeric literal.
    pub(in crate::semantics::analyzer) fn numeric_literal(&mut self, node: Node) {
        let n = self.ast.numbers.get(node.arg as usize).copied();
        self.emit(CompileCommand::Number(n.unwrap_or(f64::NAN)));
    }

    /// A string literal (its exact UTF-16 code units).
    pub(in crate::semantics::analyzer) fn string_literal(&mut self, node: Node) {
        let id = self.program.string_utf16(self.ast.string(node.arg));
        self.emit(CompileCommand::String(id));
    }

    /// A BigInt literal: its digits and radix, parsed by the backend.
    pub(in crate::semantics::analyzer) fn bigint_literal(&mut self, node: Node) -> Result<()> {
        let Some(b) = self.ast.bigints.get(node.arg as usize) else {
            return self.err("BigInt literal out of range");
        };
        let (radix, digits) = (b.radix, self.program.string(&b.digits));
        self.emit(CompileCommand::BigInt { radix, digits });
        Ok(())
    }

    /// 13.2.7.3: RegExpCreate(pattern, flags) on each evaluation.
    pub(in crate::semantics::analyzer) fn regexp_literal(&mut self, node: Node) -> Result<()> {
        let Some(r) = self.ast.regexps.get(node.arg as usize) else {
            return self.err("malformed regular expression literal");
        };
        let (pattern, flags) = (r.pattern.clone(), r.flags.clone());
        let pattern = self.program.string(&pattern);
        let flags = self.program.string(&flags);
        self.emit(CompileCommand::String(pattern));
        self.emit(CompileCommand::String(flags));
        self.emit(CompileCommand::Helper(Helper::RegExpCreate));
        Ok(())
    }
}
