//! Assignment (13.15): simple, compound and logical assignment, and
//! assignment targets.

use super::operator::binary_operator;
use super::*;

impl<'a> Analyzer<'a> {
    /// 13.15.2 `target = value`; a pattern target destructures (13.15.5).
    pub(in crate::semantics::analyzer) fn assignment(&mut self, children: &[usize]) -> Result<()> {
        use CompileCommand as C;
        let [target, value] = children[..] else {
            return self.err("malformed assignment");
        };
        match self.ast.nodes[target].kind {
            NodeKind::SuperMember | NodeKind::SuperComputedMember => {
                self.super_assignment(target, value)?
            }
            NodeKind::ObjectAssignmentPattern | NodeKind::ArrayAssignmentPattern => {
                self.expression(value)?;
                let t = self.store_temp()?;
                self.bind(target, t, BindMode::Assign)?;
                // The value of the assignment is the right-hand side.
                self.emit(C::VariableReference(t.0, t.1));
                self.emit(C::Dup);
                self.emit(C::Discard);
                self.free_temp(t);
            }
            _ => {
                self.target_reference(target)?;
                self.expression_named(value, target)?;
                self.emit(C::Assignment);
            }
        }
        Ok(())
    }

    /// 13.15.2 `target op= value` (the operator is in `node.arg`).
    pub(in crate::semantics::analyzer) fn compound_assignment(
        &mut self,
        node: Node,
        children: &[usize],
    ) -> Result<()> {
        let [target, value] = children[..] else {
            return self.err("malformed assignment");
        };
        let Some(op) = NodeKind::ALL
            .get(node.arg as usize)
            .and_then(|&k| binary_operator(k))
        else {
            return self.err("unknown compound assignment operator");
        };
        if matches!(
            self.ast.nodes[target].kind,
            NodeKind::SuperMember | NodeKind::SuperComputedMember
        ) {
            return self.super_compound_assignment(target, value, op);
        }
        self.target_reference(target)?;
        self.emit(CompileCommand::CompoundAssignmentBegin);
        self.expression(value)?;
        self.emit(CompileCommand::CompoundAssignment(op));
        Ok(())
    }

    /// 13.15.2 `target &&= value`, `||=`, `??=`.
    pub(in crate::semantics::analyzer) fn logical_assignment(
        &mut self,
        kind: NodeKind,
        children: &[usize],
    ) -> Result<()> {
        use NodeKind as K;
        let kind = match kind {
            K::AndAssign => ShortCircuitKind::And,
            K::OrAssign => ShortCircuitKind::Or,
            _ => ShortCircuitKind::Nullish,
        };
        let [target, value] = children[..] else {
            return self.err("malformed assignment");
        };
        self.target_reference(target)?;
        self.emit(CompileCommand::ShortCircuitAssignment(kind));
        self.expression_named(value, target)?;
        self.emit(CompileCommand::ShortCircuitEnd);
        Ok(())
    }

    /// A simple assignment target as a reference.
    pub(super) fn target_reference(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        match node.kind {
            NodeKind::IdentifierReference => {
                let sym = self.program.symbol(self.ast.name(node.arg));
                let l = self.resolve(sym)?;
                self.emit_reference(sym, l)
            }
            NodeKind::StaticMember | NodeKind::ComputedMember | NodeKind::PrivateMember
                if !node.has(flags::OPTIONAL) =>
            {
                self.member_reference(i)
            }
            NodeKind::Call if !node.has(flags::OPTIONAL) => self.call_target_reference(i),
            _ => {
                self.span = node.span;
                self.err("invalid assignment target")
            }
        }
    }

    /// B.3.7 Runtime Errors for Function Call Assignment Targets: a call
    /// as an assignment target (sloppy code; the parser rejects it in
    /// strict code) is evaluated, then throws a ReferenceError. A dummy
    /// reference keeps the operand stack shaped for the code after it,
    /// which is unreachable.
    pub(in crate::semantics::analyzer) fn call_target_reference(&mut self, i: usize) -> Result<()> {
        self.expression(i)?;
        self.emit(CompileCommand::Discard);
        let error = self.program.symbol("ReferenceError");
        let message = self
            .program
            .string("invalid assignment target: a function call");
        self.emit_all(&[
            CompileCommand::VariableReference(error, Locator::Global),
            CompileCommand::String(message),
            CompileCommand::New(1),
            CompileCommand::Throw,
        ]);
        let t = self.temp()?;
        self.emit(CompileCommand::VariableReference(t.0, t.1));
        self.free_temp(t);
        Ok(())
    }
}
