//! Calls (13.3.6) and `new` (13.3.5): callees and their this value,
//! argument lists with spread elements, optional calls.

use super::*;

impl<'a> Analyzer<'a> {
    pub(in crate::semantics::analyzer) fn call(
        &mut self,
        i: usize,
        children: &[usize],
    ) -> Result<()> {
        let node = self.ast.nodes[i];
        let Some((&callee, args)) = children.split_first() else {
            return self.err("malformed call");
        };
        let mut callee = callee;
        let mut cn = self.ast.nodes[callee];
        // `o?.m?.()`: the callee is an optional chain of its own; the
        // conditionals of `o?.` close with the call's chain, and `o` is the
        // this value.
        if node.has(flags::OPTIONAL) && cn.kind == NodeKind::OptionalChain {
            if let Some(&inner) = self.ast.children(callee).first() {
                let inn = self.ast.nodes[inner];
                if matches!(
                    inn.kind,
                    NodeKind::StaticMember | NodeKind::ComputedMember | NodeKind::PrivateMember
                ) && inn.has(flags::OPTIONAL)
                {
                    callee = inner;
                    cn = inn;
                }
            }
        }
        if matches!(
            cn.kind,
            NodeKind::SuperMember | NodeKind::SuperComputedMember
        ) {
            // 13.3.7.1 `super.m(args)`: this value is the this binding.
            let this = self.super_method_callee(callee)?;
            self.emit(CompileCommand::VariableReference(this.0, this.1));
            self.free_temp(this);
            if self.has_spread(args) {
                self.spread_arguments(args)?;
                self.emit(CompileCommand::Helper(Helper::Apply));
            } else {
                self.emit(CompileCommand::CalleeWithThis);
                let n = self.arguments(args)?;
                self.emit(CompileCommand::Call(n));
            }
            return Ok(());
        }
        let member = matches!(
            cn.kind,
            NodeKind::StaticMember | NodeKind::ComputedMember | NodeKind::PrivateMember
        );
        if !node.has(flags::OPTIONAL)
            && cn.kind == NodeKind::IdentifierReference
            && self.ast.name(cn.arg) == "eval"
            && !self.has_spread(args)
        {
            // 13.3.6.1 step 6: a possible direct eval.
            return self.direct_eval(callee, args);
        }
        if self.has_spread(args) {
            // `f(...a)`, `o.m(...a)`, `o?.m(...a)`, `f?.(...a)`:
            // Apply(f, this, [args]) (13.3.6.1 with 13.3.8.1
            // ArgumentListEvaluation).
            let mut this = None;
            if member {
                let o = self.callee_object(callee, cn)?;
                self.member_key(callee)?;
                let cache = self.cache();
                self.emit(CompileCommand::GetProperty(cache));
                this = Some(o);
            } else {
                self.expression(callee)?;
            }
            if node.has(flags::OPTIONAL) {
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
            }
            match this {
                Some(o) => {
                    self.emit(CompileCommand::VariableReference(o.0, o.1));
                    self.free_temp(o);
                }
                None => self.emit(CompileCommand::Undefined),
            }
            self.spread_arguments(args)?;
            self.emit(CompileCommand::Helper(Helper::Apply));
            return Ok(());
        }
        if node.has(flags::OPTIONAL) {
            // `f?.()`, `o.m?.()`, `o?.m?.()`: the callee is read once, kept
            // in a temporary for the nullish test, and called with its this
            // value (13.5.1 OptionalChain evaluation).
            let this = if member {
                let this = self.callee_object(callee, cn)?;
                self.member_key(callee)?;
                let cache = self.cache();
                self.emit(CompileCommand::GetProperty(cache));
                Some(this)
            } else {
                self.expression(callee)?;
                None
            };
            let f = self.store_temp()?;
            self.emit_all(&[
                CompileCommand::VariableReference(f.0, f.1),
                CompileCommand::Null,
                CompileCommand::Binary(BinaryOperator::Equality),
                CompileCommand::IfThen,
                CompileCommand::Undefined,
                CompileCommand::Else,
                CompileCommand::VariableReference(f.0, f.1),
            ]);
            self.bump_optional();
            self.free_temp(f);
            if let Some(this) = this {
                self.emit_all(&[
                    CompileCommand::VariableReference(this.0, this.1),
                    CompileCommand::CalleeWithThis,
                ]);
                self.free_temp(this);
            }
        } else if member {
            // `o.m()`, `o?.m()`: GetValue of the callee before the arguments
            // (13.3.6.1), the base kept as the this value.
            self.member_base(callee, cn)?;
            self.member_key(callee)?;
            let cache = self.cache();
            self.emit(CompileCommand::CalleeProperty(cache));
        } else if let Some((inner, im)) = self.parenthesized_chain_member(cn, callee) {
            // `(o?.m)()`: the parenthesized chain is still a property
            // reference, so `o` is the this value (13.2.10, 13.5.1).
            self.emit(CompileCommand::Undefined);
            let this = self.store_temp()?;
            let before = self.optional_depth();
            self.member_base(inner, im)?;
            self.emit_all(&[
                CompileCommand::VariableReference(this.0, this.1),
                CompileCommand::Swap,
                CompileCommand::Assignment,
            ]);
            self.member_key(inner)?;
            let cache = self.cache();
            self.emit(CompileCommand::GetProperty(cache));
            let after = self.optional_depth();
            for _ in before..after {
                self.emit(CompileCommand::ConditionalExpression);
            }
            self.set_optional_depth(before);
            self.emit_all(&[
                CompileCommand::VariableReference(this.0, this.1),
                CompileCommand::CalleeWithThis,
            ]);
            self.free_temp(this);
        } else {
            self.expression(callee)?;
        }
        let n = self.arguments(args)?;
        self.emit(CompileCommand::Call(n));
        Ok(())
    }

    /// 13.3.5 `new callee(args)`.
    pub(in crate::semantics::analyzer) fn new_expression(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        let Some((&callee, args)) = children.split_first() else {
            return self.err("malformed new expression");
        };
        self.expression(callee)?;
        if self.has_spread(args) {
            // 13.3.5.1 with ArgumentListEvaluation of spread elements.
            self.spread_arguments(args)?;
            self.emit(CompileCommand::Helper(Helper::Construct));
        } else {
            let n = self.arguments(args)?;
            self.emit(CompileCommand::New(n));
        }
        Ok(())
    }

    pub(in crate::semantics::analyzer) fn arguments(&mut self, args: &[usize]) -> Result<u16> {
        for &a in args {
            if self.ast.nodes[a].kind == NodeKind::SpreadElement {
                self.span = self.ast.nodes[a].span;
                return self.unsupported("spread arguments");
            }
            self.expression(a)?;
        }
        u16::try_from(args.len()).or_else(|_| self.err("too many arguments"))
    }

    fn has_spread(&self, args: &[usize]) -> bool {
        args.iter()
            .any(|&a| self.ast.nodes[a].kind == NodeKind::SpreadElement)
    }

    /// `[] -> [array]`: the argument list with spread elements as an array
    /// (13.3.8.1 ArgumentListEvaluation).
    pub(in crate::semantics::analyzer) fn spread_arguments(
        &mut self,
        args: &[usize],
    ) -> Result<()> {
        self.emit(CompileCommand::Array);
        for &a in args {
            if self.ast.nodes[a].kind == NodeKind::SpreadElement {
                let Some(&e) = self.ast.children(a).first() else {
                    return self.err("malformed spread element");
                };
                self.expression(e)?;
                self.emit(CompileCommand::Helper(Helper::AppendSpread));
            } else {
                self.expression(a)?;
                self.emit(CompileCommand::PushArrayElement);
            }
        }
        Ok(())
    }

    /// Evaluates the base of a member callee (through its optional step,
    /// if any) into a temporary that holds the this value of the call.
    fn callee_object(&mut self, callee: usize, cn: Node) -> Result<(Symbol, Locator)> {
        self.member_base(callee, cn)?;
        let this = self.store_temp()?;
        self.emit(CompileCommand::VariableReference(this.0, this.1));
        Ok(this)
    }

    /// The member expression at the end of a parenthesized optional chain
    /// used as a callee (`(o?.m)()`), if that is what `callee` is.
    fn parenthesized_chain_member(&self, cn: Node, callee: usize) -> Option<(usize, Node)> {
        if cn.kind != NodeKind::OptionalChain {
            return None;
        }
        let &inner = self.ast.children(callee).first()?;
        let im = self.ast.nodes[inner];
        matches!(
            im.kind,
            NodeKind::StaticMember | NodeKind::ComputedMember | NodeKind::PrivateMember
        )
        .then_some((inner, im))
    }
}
