//! Cover grammar refinement and assignment target checks.
//!
//! The grammar parses arrow parameters as a parenthesized expression
//! (CoverParenthesizedExpressionAndArrowParameterList, 13.2), async arrow
//! heads as calls (CoverCallExpressionAndAsyncArrowHead, 13.3) and
//! destructuring assignment targets as object / array literals (13.15.5).
//! When the context decides, the processor rewrites the node kinds of the
//! already-built subtree in place (the shapes match: `a = 1` becomes a
//! BindingDefault with the same two children, an ObjectLiteral an
//! ObjectBindingPattern, ...) and rejects what does not refine. The walks
//! use an explicit work list and visit only the pattern structure, never
//! initializers or computed keys, so every node is rewritten at most once
//! per refinement.

use super::context::StrictError;
use super::node::{flags as nf, NodeKind as K};
use super::processor::{cover_error, ef, Entry, Processor};
use super::static_semantics::is_simple_parameter_list;
use crate::lexer::Span;
use crate::SyntaxError;

fn err(message: &str, span: Span) -> SyntaxError {
    SyntaxError::new(message, span)
}

impl Processor<'_> {
    /// 13.15.1 / 13.4.1: the operand of `op=`, `++`, `--` (and of `=` when it
    /// is not a literal) must have AssignmentTargetType simple. A call is
    /// `web-compat` (B.3.7, Runtime Errors for Function Call Assignment
    /// Targets) in sloppy mode when `allow_call`: a runtime ReferenceError.
    pub(super) fn check_simple_target(
        &mut self,
        i: u32,
        allow_call: bool,
    ) -> Result<(), SyntaxError> {
        let Some(&node) = self.nodes.get(i as usize) else {
            return Err(err("invalid assignment target", Span::default()));
        };
        match node.kind {
            K::IdentifierReference => {
                if node.arg == self.n.eval || node.arg == self.n.arguments {
                    self.ctx
                        .strict(node.span.start, StrictError::EvalOrArguments)?;
                }
                Ok(())
            }
            K::StaticMember
            | K::ComputedMember
            | K::PrivateMember
            | K::SuperMember
            | K::SuperComputedMember
                if !node.has(nf::OPTIONAL) =>
            {
                Ok(())
            }
            K::Call if allow_call && !node.has(nf::OPTIONAL) => self
                .ctx
                .strict(node.span.start, StrictError::CallAssignmentTarget),
            _ => Err(err("invalid assignment target", node.span)),
        }
    }

    /// The left-hand side of `=` or of a for-in/of head: an object or array
    /// literal becomes an assignment pattern, anything else must be a simple
    /// target.
    pub(super) fn refine_assignment_target(
        &mut self,
        i: u32,
        lhs: Entry,
    ) -> Result<(), SyntaxError> {
        let Some(&node) = self.nodes.get(i as usize) else {
            return Err(err("invalid assignment target", lhs.span));
        };
        if matches!(node.kind, K::ArrayLiteral | K::ObjectLiteral) && !node.has(nf::PARENTHESIZED) {
            return self.refine_assignment_pattern(i);
        }
        if lhs.flags & ef::PROPAGATE != 0 {
            return Err(cover_error(lhs.flags, lhs.span));
        }
        self.check_simple_target(i, true)
    }

    /// 13.15.5.1: ObjectLiteral / ArrayLiteral to AssignmentPattern.
    fn refine_assignment_pattern(&mut self, root: u32) -> Result<(), SyntaxError> {
        let mut work = std::mem::take(&mut self.work);
        work.clear();
        work.push(root);
        let r = self.refine_assignment_work(&mut work);
        self.work = work;
        r
    }

    fn refine_assignment_work(&mut self, work: &mut Vec<u32>) -> Result<(), SyntaxError> {
        while let Some(i) = work.pop() {
            let node = self.nodes[i as usize];
            let is_array = node.kind == K::ArrayLiteral;
            self.nodes[i as usize].kind = if is_array {
                K::ArrayAssignmentPattern
            } else {
                K::ObjectAssignmentPattern
            };
            let trailing = node.has(nf::TRAILING_COMMA);
            let stop = i + 1 - node.size;
            let mut c = i;
            let mut last = true;
            while c > stop {
                let ch = c - 1;
                let cn = self.nodes[ch as usize];
                c -= cn.size.clamp(1, c);
                match cn.kind {
                    K::Hole => {}
                    K::SpreadElement => {
                        if !last || trailing {
                            return Err(err("a rest element must be last", cn.span));
                        }
                        self.nodes[ch as usize].kind = K::AssignmentRest;
                        let t = ch - 1;
                        let tn = self.nodes[t as usize];
                        if tn.kind == K::Assign && !tn.has(nf::PARENTHESIZED) {
                            return Err(err("a rest element cannot have an initializer", cn.span));
                        }
                        if !is_array
                            && matches!(tn.kind, K::ArrayLiteral | K::ObjectLiteral)
                            && !tn.has(nf::PARENTHESIZED)
                        {
                            return Err(err(
                                "the rest of an object pattern must be a simple target",
                                cn.span,
                            ));
                        }
                        self.nested_assignment_target(t, work)?;
                    }
                    K::Assign if !cn.has(nf::PARENTHESIZED) => {
                        self.element_default(ch)?;
                    }
                    K::Property => {
                        self.nodes[ch as usize].kind = K::AssignmentProperty;
                        let v = ch - 1;
                        let vn = self.nodes[v as usize];
                        if vn.kind == K::Assign && !vn.has(nf::PARENTHESIZED) {
                            self.element_default(v)?;
                        } else {
                            self.nested_assignment_target(v, work)?;
                        }
                    }
                    K::CoverInitializedName => {
                        self.nodes[ch as usize].kind = K::AssignmentDefault;
                        if let Some(t) = self.first_child(ch) {
                            self.check_simple_target(t, false)?;
                        }
                    }
                    K::Method => {
                        return Err(err("invalid destructuring assignment target", cn.span));
                    }
                    _ => self.nested_assignment_target(ch, work)?,
                }
                last = false;
            }
        }
        Ok(())
    }

    /// `target = init` inside a pattern: its target was checked when the
    /// assignment was reduced, except that a call is never a destructuring
    /// target (not even in sloppy mode).
    fn element_default(&mut self, a: u32) -> Result<(), SyntaxError> {
        self.nodes[a as usize].kind = K::AssignmentDefault;
        if let Some(t) = self.first_child(a) {
            if self.kind(t) == K::Call {
                return Err(err(
                    "invalid destructuring assignment target",
                    self.nodes[t as usize].span,
                ));
            }
        }
        Ok(())
    }

    /// 13.15.5.1: DestructuringAssignmentTarget.
    fn nested_assignment_target(&mut self, t: u32, work: &mut Vec<u32>) -> Result<(), SyntaxError> {
        let tn = self.nodes[t as usize];
        if matches!(tn.kind, K::ArrayLiteral | K::ObjectLiteral) && !tn.has(nf::PARENTHESIZED) {
            work.push(t);
            return Ok(());
        }
        if tn.kind == K::Call {
            return Err(err("invalid destructuring assignment target", tn.span));
        }
        self.check_simple_target(t, false)
    }

    /// 15.3: `ArrowParameters : CoverParenthesizedExpressionAndArrowParameterList`.
    pub(super) fn refine_arrow_parameters(
        &mut self,
        cover: Entry,
        span: Span,
    ) -> Result<(), SyntaxError> {
        if cover.flags & ef::NESTED_PARENS != 0 {
            return Err(err("invalid arrow function parameters", span));
        }
        let top = self.top();
        let node = self.nodes[top as usize];
        let params = match node.kind {
            K::CoverParameters => {
                self.nodes[top as usize].kind = K::FormalParameters;
                top
            }
            K::Sequence if node.has(nf::PARENTHESIZED) => {
                let n = &mut self.nodes[top as usize];
                n.kind = K::FormalParameters;
                n.flags &= !nf::PARENTHESIZED;
                n.span = span;
                top
            }
            _ => {
                self.nodes[top as usize].flags &= !nf::PARENTHESIZED;
                self.make(K::FormalParameters, 0, span, cover.start)
            }
        };
        self.nodes[params as usize].span = span;
        self.refine_parameter_list(params)
    }

    /// 15.9: at `=>` after `async (...)`: the call node becomes the
    /// parameters (CoverCallExpressionAndAsyncArrowHead refined to
    /// AsyncArrowHead).
    pub(super) fn refine_async_arrow_head(&mut self) -> Result<(), SyntaxError> {
        let Some(e) = self.stack.last().copied() else {
            return Ok(());
        };
        let call = self.top();
        let node = self.nodes[call as usize];
        let callee = e.start;
        let cn = self.nodes.get(callee as usize).copied();
        let ok = node.kind == K::Call
            && cn.is_some_and(|c| {
                c.kind == K::IdentifierReference
                    && c.size == 1
                    && c.arg == self.n.async_
                    && c.flags & (nf::ESCAPED | nf::PARENTHESIZED) == 0
            });
        if !ok {
            return Err(err("invalid arrow function head", e.span));
        }
        // `async (...a,) =>`: no comma after a rest parameter.
        if node.has(nf::TRAILING_COMMA) && self.kind(call - 1) == K::SpreadElement {
            return Err(err("a rest parameter cannot have a trailing comma", e.span));
        }
        if node.has(nf::NEWLINE_BEFORE_ARGUMENTS) {
            return Err(err(
                "no line break is allowed between 'async' and the arrow parameters",
                e.span,
            ));
        }
        // Drop the `async` callee: only the arguments move (they are the
        // last nodes), so this is linear in the parameters' size.
        self.nodes.remove(callee as usize);
        if self.checked_end > callee {
            // (The callee is an IdentifierReference, not a checked node.)
            self.checked_end -= 1;
        }
        let params = call - 1;
        let async_end = cn.map_or(e.span.start, |c| c.span.end);
        let params_start = self.next_significant(async_end).unwrap_or(async_end);
        let p = &mut self.nodes[params as usize];
        p.kind = K::FormalParameters;
        p.flags &= nf::HAS_CHECKED_DESCENDANT;
        p.size -= 1;
        p.span = Span::new(params_start, e.span.end);
        if let Some(top) = self.stack.last_mut() {
            top.flags &= !(ef::COVER_CALL | ef::PROPAGATE);
        }
        self.refine_parameter_list(params)
    }

    /// Refines every child of a FormalParameters node (made from a cover) to
    /// a binding element, and sets SIMPLE_PARAMETERS.
    fn refine_parameter_list(&mut self, params: u32) -> Result<(), SyntaxError> {
        let mut work = std::mem::take(&mut self.work);
        work.clear();
        let node = self.nodes[params as usize];
        let stop = params + 1 - node.size;
        let mut c = params;
        let mut last = true;
        while c > stop {
            let ch = c - 1;
            let cn = self.nodes[ch as usize];
            c -= cn.size.clamp(1, c);
            if (cn.kind == K::SpreadElement || cn.kind == K::BindingRest) && !last {
                self.work = work;
                return Err(err("a rest parameter must be last", cn.span));
            }
            work.push(ch);
            last = false;
        }
        let r = self.refine_binding_work(&mut work);
        self.work = work;
        r?;
        // 15.1.3 IsSimpleParameterList of the refined list (a parenthesized
        // identifier failed above).
        if is_simple_parameter_list(&self.nodes, params as usize) {
            self.nodes[params as usize].flags |= nf::SIMPLE_PARAMETERS;
        }
        Ok(())
    }

    /// Expression nodes (or assignment patterns) to binding nodes.
    fn refine_binding_work(&mut self, work: &mut Vec<u32>) -> Result<(), SyntaxError> {
        while let Some(i) = work.pop() {
            let node = self.nodes[i as usize];
            if node.has(nf::PARENTHESIZED) {
                return Err(err("invalid destructuring target", node.span));
            }
            match node.kind {
                K::IdentifierReference => {
                    self.nodes[i as usize].kind = K::BindingIdentifier;
                    if node.arg == self.n.eval || node.arg == self.n.arguments {
                        self.ctx
                            .strict(node.span.start, StrictError::EvalOrArguments)?;
                    }
                }
                // Parsed as bindings already (the rest of a cover).
                K::BindingIdentifier
                | K::BindingRest
                | K::ObjectBindingPattern
                | K::ArrayBindingPattern => {}
                K::Assign | K::AssignmentDefault | K::CoverInitializedName => {
                    self.nodes[i as usize].kind = K::BindingDefault;
                    if let Some(t) = self.first_child(i) {
                        work.push(t);
                    }
                }
                K::SpreadElement | K::AssignmentRest => {
                    // A rest parameter (its position was checked by the
                    // caller).
                    self.nodes[i as usize].kind = K::BindingRest;
                    let t = i - 1;
                    if matches!(self.kind(t), K::Assign | K::AssignmentDefault) {
                        return Err(err("a rest element cannot have an initializer", node.span));
                    }
                    work.push(t);
                }
                K::ArrayLiteral
                | K::ArrayAssignmentPattern
                | K::ObjectLiteral
                | K::ObjectAssignmentPattern => {
                    let is_array = matches!(node.kind, K::ArrayLiteral | K::ArrayAssignmentPattern);
                    self.nodes[i as usize].kind = if is_array {
                        K::ArrayBindingPattern
                    } else {
                        K::ObjectBindingPattern
                    };
                    let trailing = node.has(nf::TRAILING_COMMA);
                    let stop = i + 1 - node.size;
                    let mut c = i;
                    let mut last = true;
                    while c > stop {
                        let ch = c - 1;
                        let cn = self.nodes[ch as usize];
                        c -= cn.size.clamp(1, c);
                        match cn.kind {
                            K::Hole => {}
                            K::SpreadElement | K::AssignmentRest => {
                                if !last || trailing {
                                    return Err(err("a rest element must be last", cn.span));
                                }
                                let t = ch - 1;
                                if !is_array && !matches!(self.kind(t), K::IdentifierReference) {
                                    return Err(err(
                                        "the rest of an object pattern must be an identifier",
                                        cn.span,
                                    ));
                                }
                                work.push(ch);
                            }
                            K::Property | K::AssignmentProperty => {
                                self.nodes[ch as usize].kind = K::BindingProperty;
                                work.push(ch - 1);
                            }
                            K::Method => {
                                return Err(err("invalid destructuring target", cn.span));
                            }
                            _ => work.push(ch),
                        }
                        last = false;
                    }
                }
                _ => return Err(err("invalid destructuring target", node.span)),
            }
        }
        Ok(())
    }
}
