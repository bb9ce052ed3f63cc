//! Operators: update (13.4), unary (13.5), binary (13.6-13.12), logical
//! (13.13), conditional (13.14) and comma (13.16).

use super::*;

impl<'a> Analyzer<'a> {
    /// 13.4 `x++`, `x--`, `++x`, `--x`.
    pub(in crate::semantics::analyzer) fn update_expression(
        &mut self,
        kind: NodeKind,
        children: &[usize],
    ) -> Result<()> {
        use NodeKind as K;
        let op = match kind {
            K::PostIncrement => UnaryOperator::PostfixIncrement,
            K::PostDecrement => UnaryOperator::PostfixDecrement,
            K::PreIncrement => UnaryOperator::PrefixIncrement,
            _ => UnaryOperator::PrefixDecrement,
        };
        let Some(&target) = children.first() else {
            return self.err("malformed update expression");
        };
        if matches!(
            self.ast.nodes[target].kind,
            NodeKind::SuperMember | NodeKind::SuperComputedMember
        ) {
            return self.super_update(target, op);
        }
        self.target_reference(target)?;
        self.emit(CompileCommand::Unary(op));
        Ok(())
    }

    /// 13.5.1 `delete operand`: a member operand stays a reference.
    pub(in crate::semantics::analyzer) fn delete_expression(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        let Some(&operand) = children.first() else {
            return self.err("malformed delete");
        };
        match self.ast.nodes[operand].kind {
            NodeKind::StaticMember | NodeKind::ComputedMember
                if !self.ast.nodes[operand].has(flags::OPTIONAL) =>
            {
                self.member_reference(operand)?
            }
            _ => self.expression(operand)?,
        }
        self.emit(CompileCommand::Unary(UnaryOperator::Delete));
        Ok(())
    }

    /// 13.5 `void`, `typeof`, `+`, `-`, `~`, `!`.
    pub(in crate::semantics::analyzer) fn unary_expression(
        &mut self,
        kind: NodeKind,
        children: &[usize],
    ) -> Result<()> {
        use NodeKind as K;
        let op = match kind {
            K::Void => UnaryOperator::Void,
            K::Typeof => UnaryOperator::Typeof,
            K::UnaryPlus => UnaryOperator::Plus,
            K::UnaryMinus => UnaryOperator::Minus,
            K::BitNot => UnaryOperator::BitwiseNot,
            _ => UnaryOperator::LogicalNot,
        };
        let Some(&operand) = children.first() else {
            return self.err("malformed unary expression");
        };
        self.expression(operand)?;
        self.emit(CompileCommand::Unary(op));
        Ok(())
    }

    /// 13.13 `a && b`, `a || b`, `a ?? b`.
    pub(in crate::semantics::analyzer) fn logical_expression(
        &mut self,
        kind: NodeKind,
        children: &[usize],
    ) -> Result<()> {
        use NodeKind as K;
        let kind = match kind {
            K::LogicalAnd => ShortCircuitKind::And,
            K::LogicalOr => ShortCircuitKind::Or,
            _ => ShortCircuitKind::Nullish,
        };
        let [a, b] = children[..] else {
            return self.err("malformed logical expression");
        };
        self.expression(a)?;
        self.emit(CompileCommand::ShortCircuit(kind));
        self.expression(b)?;
        self.emit(CompileCommand::ShortCircuitEnd);
        Ok(())
    }

    /// 13.14 `test ? a : b`.
    pub(in crate::semantics::analyzer) fn conditional_expression(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        let [t, a, b] = children[..] else {
            return self.err("malformed conditional expression");
        };
        self.expression(t)?;
        self.emit(C::IfThen);
        self.expression(a)?;
        self.emit(C::Else);
        self.expression(b)?;
        self.emit(C::ConditionalExpression);
        Ok(())
    }

    /// 13.16 the comma operator: the value of the last expression.
    pub(in crate::semantics::analyzer) fn sequence_expression(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        let n = children.len();
        for (k, &c) in children.iter().enumerate() {
            self.expression(c)?;
            if k + 1 < n {
                self.emit(CompileCommand::Discard);
            }
        }
        Ok(())
    }

    /// 13.6 .. 13.12 the binary operators (`kind` is any expression node
    /// the dispatch did not recognise: an error unless it is a binary
    /// operator).
    pub(in crate::semantics::analyzer) fn binary_expression(
        &mut self,
        kind: NodeKind,
        children: &[usize],
    ) -> Result<()> {
        let Some(op) = binary_operator(kind) else {
            return self.err(format!("unexpected expression node {}", kind.name()));
        };
        let [a, b] = children[..] else {
            return self.err("malformed binary expression");
        };
        self.expression(a)?;
        self.expression(b)?;
        self.emit(CompileCommand::Binary(op));
        Ok(())
    }
}

/// The binary operator of a binary expression node kind.
pub(super) fn binary_operator(kind: NodeKind) -> Option<BinaryOperator> {
    use BinaryOperator as B;
    use NodeKind as K;
    Some(match kind {
        K::Exponent => B::Exponentiation,
        K::Multiply => B::Multiplication,
        K::Divide => B::Division,
        K::Remainder => B::Remainder,
        K::Add => B::Addition,
        K::Subtract => B::Subtraction,
        K::ShiftLeft => B::LeftShift,
        K::ShiftRight => B::SignedRightShift,
        K::ShiftRightUnsigned => B::UnsignedRightShift,
        K::Less => B::LessThan,
        K::Greater => B::GreaterThan,
        K::LessEqual => B::LessThanOrEqual,
        K::GreaterEqual => B::GreaterThanOrEqual,
        K::Instanceof => B::InstanceOf,
        K::In => B::In,
        K::Equal => B::Equality,
        K::NotEqual => B::Inequality,
        K::StrictEqual => B::StrictEquality,
        K::StrictNotEqual => B::StrictInequality,
        K::BitAnd => B::BitwiseAnd,
        K::BitXor => B::BitwiseXor,
        K::BitOr => B::BitwiseOr,
        _ => return None,
    })
}
