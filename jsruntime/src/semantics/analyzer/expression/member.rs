//! Property access (13.3.2) and optional chains (13.3.9).

use super::*;

impl<'a> Analyzer<'a> {
    /// 13.3.2 `object.name` and `object[key]`: GetValue of the property.
    pub(in crate::semantics::analyzer) fn member_expression(&mut self, i: usize) -> Result<()> {
        self.member_parts(i)?;
        let cache = self.cache();
        self.emit(CompileCommand::GetProperty(cache));
        Ok(())
    }

    /// 13.3.9 OptionalExpression: closes the conditionals opened by the
    /// `?.` steps of the chain.
    pub(in crate::semantics::analyzer) fn optional_chain(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        let Some(&inner) = children.first() else {
            return self.err("malformed optional chain");
        };
        let before = self.optional_depth();
        self.expression(inner)?;
        let after = self.optional_depth();
        for _ in before..after {
            self.emit(CompileCommand::ConditionalExpression);
        }
        self.set_optional_depth(before);
        Ok(())
    }

    /// Pushes `[object, key]` of a member expression.
    fn member_parts(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        let children = self.ast.children(i);
        let Some(&object) = children.first() else {
            return self.err("malformed member expression");
        };
        self.expression(object)?;
        if node.kind == NodeKind::StaticMember {
            let key = self.program.string(self.ast.name(node.arg));
            self.emit(CompileCommand::String(key));
        } else if node.kind == NodeKind::PrivateMember {
            self.private_key(node.arg)?;
        } else {
            let Some(&key) = children.get(1) else {
                return self.err("malformed member expression");
            };
            self.expression(key)?;
        }
        Ok(())
    }

    pub(in crate::semantics::analyzer) fn member_reference(&mut self, i: usize) -> Result<()> {
        self.member_parts(i)?;
        let cache = self.cache();
        self.emit(CompileCommand::PropertyReference(cache));
        Ok(())
    }

    /// Evaluates the base of a member expression, through its optional
    /// step if it has one (`o` of `o.m`, `o?.m`).
    pub(super) fn member_base(&mut self, member: usize, mn: Node) -> Result<()> {
        let Some(&object) = self.ast.children(member).first() else {
            return self.err("malformed member expression");
        };
        if mn.has(flags::OPTIONAL) {
            self.optional_object(object)
        } else {
            self.expression(object)
        }
    }

    pub(super) fn member_key(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        if node.kind == NodeKind::StaticMember {
            let key = self.program.string(self.ast.name(node.arg));
            self.emit(CompileCommand::String(key));
        } else if node.kind == NodeKind::PrivateMember {
            self.private_key(node.arg)?;
        } else {
            let Some(&key) = self.ast.children(i).get(1) else {
                return self.err("malformed member expression");
            };
            self.expression(key)?;
        }
        Ok(())
    }

    /// `object?.` : evaluates the object into a temporary, opens
    /// `if (t == null) undefined else` and pushes the object again. The
    /// enclosing OptionalChain closes the conditional.
    fn optional_object(&mut self, object: usize) -> Result<()> {
        self.expression(object)?;
        let t = self.store_temp()?;
        self.emit_all(&[
            CompileCommand::VariableReference(t.0, t.1),
            CompileCommand::Null,
            CompileCommand::Binary(BinaryOperator::Equality),
            CompileCommand::IfThen,
            CompileCommand::Undefined,
            CompileCommand::Else,
            CompileCommand::VariableReference(t.0, t.1),
        ]);
        self.bump_optional();
        self.free_temp(t);
        Ok(())
    }

    pub(in crate::semantics::analyzer) fn optional_step(&mut self, i: usize) -> Result<()> {
        let Some(&object) = self.ast.children(i).first() else {
            return self.err("malformed member expression");
        };
        self.optional_object(object)?;
        self.member_key(i)?;
        let cache = self.cache();
        self.emit(CompileCommand::GetProperty(cache));
        Ok(())
    }

    pub(super) fn optional_depth(&self) -> usize {
        self.optional
    }

    pub(super) fn set_optional_depth(&mut self, d: usize) {
        self.optional = d;
    }

    pub(super) fn bump_optional(&mut self) {
        self.optional += 1;
    }
}
