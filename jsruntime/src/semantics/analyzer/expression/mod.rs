//! Expressions (ECMA-262 13): the literals here, the other constructs in
//! the files below.

use super::*;

mod assign;
mod call;
mod member;
mod object;
mod operator;
mod template;

/// What [`Analyzer::literal_constant`] made of an expression.
pub(in crate::semantics::analyzer) enum Literal {
    /// Not a literal: nothing emitted.
    No,
    /// A literal with this constant value (`Number`, `String`, `Boolean`,
    /// `Null`); nothing stays emitted.
    Constant(CompileCommand),
    /// A literal that did not compile to one constant: its commands stay
    /// emitted from this command index on.
    Emitted(usize),
}

impl<'a> Analyzer<'a> {
    /// The constant value of `node` when it is a literal (`null`, `true`,
    /// `false`, a number, a string, or minus a number), for the analyses
    /// that gather constants into tables (array literals, `switch`
    /// selectors).
    pub(in crate::semantics::analyzer) fn literal_constant(
        &mut self,
        node: usize,
    ) -> Result<Literal> {
        use CompileCommand as C;
        let nodes = &self.ast.nodes;
        let literal = match nodes[node].kind {
            NodeKind::NullLiteral
            | NodeKind::TrueLiteral
            | NodeKind::FalseLiteral
            | NodeKind::NumericLiteral
            | NodeKind::StringLiteral => true,
            NodeKind::UnaryMinus => self
                .ast
                .children(node)
                .first()
                .is_some_and(|&n| nodes[n].kind == NodeKind::NumericLiteral),
            _ => false,
        };
        if !literal {
            return Ok(Literal::No);
        }
        let start = self.cur().script.commands.len();
        self.expression(node)?;
        let script = &mut self.cur().script;
        let constant = match script.commands[start..] {
            [c @ (C::Number(_) | C::String(_) | C::Boolean(_) | C::Null | C::Undefined)] => c,
            [C::Number(x), C::Unary(UnaryOperator::Minus)] => C::Number(-x),
            _ => return Ok(Literal::Emitted(start)),
        };
        script.commands.truncate(start);
        script.positions.truncate(start.min(script.positions.len()));
        Ok(Literal::Constant(constant))
    }

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
