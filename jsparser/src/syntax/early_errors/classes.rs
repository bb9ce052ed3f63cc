//! Classes: 15.7.1 Static Semantics: Early Errors for private names
//! (duplicates, AllPrivateIdentifiersValid); the processor checks the
//! element names (constructor, prototype, #constructor).

use super::scope::LexKind;
use super::{err, Checker, Ctx, Task};
use crate::syntax::node::{flags, NodeKind};
use crate::SyntaxError;

/// What a private name declares (for the getter/setter pairing rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PrivateKind {
    Field,
    Method,
    Getter,
    Setter,
    /// A getter and a setter together.
    Accessor,
}

impl Checker<'_> {
    /// ClassDeclaration / ClassExpression: the name is a lexical
    /// declaration; all parts of a class are strict mode code (11.2.2).
    pub(super) fn enter_class(&mut self, i: usize) -> Result<(), SyntaxError> {
        let outer = *self.ctx();
        let class_ctx = Ctx {
            strict: true,
            ..outer
        };
        if self.kind(i) == NodeKind::ClassDeclaration {
            if let Some(nm) = self.first_child(i) {
                if self.kind(nm) == NodeKind::BindingIdentifier {
                    self.add_lexical(self.node(nm).arg, LexKind::Class, self.node(nm).span)?;
                }
            }
        }
        self.tasks.push(Task::PopCtx);
        self.push_children(i);
        self.tasks.push(Task::PushCtx(class_ctx));
        Ok(())
    }

    /// ClassBody: element rules and the private environment.
    pub(super) fn enter_class_body(&mut self, i: usize) -> Result<(), SyntaxError> {
        let mut privates: super::FxMap<u32, (PrivateKind, bool)> = super::FxMap::default();
        let mut declared = Vec::new();
        for e in self.ast.children(i) {
            let n = *self.node(e);
            let is_static = n.has(flags::STATIC);
            let (key, pkind) = match n.kind {
                NodeKind::Method => {
                    let kind = if n.has(flags::GETTER) {
                        PrivateKind::Getter
                    } else if n.has(flags::SETTER) {
                        PrivateKind::Setter
                    } else {
                        PrivateKind::Method
                    };
                    (self.ast.children_rev(e).last(), kind)
                }
                NodeKind::Field => (self.ast.children_rev(e).last(), PrivateKind::Field),
                _ => continue,
            };
            let Some(key) = key else { continue };
            let span = self.node(key).span;
            if self.kind(key) == NodeKind::PrivateName {
                let id = self.node(key).arg;
                // 15.7.1: PrivateBoundIdentifiers has no duplicates, except
                // one getter and one setter with the same placement.
                match privates.get(&id).copied() {
                    None => {
                        privates.insert(id, (pkind, is_static));
                        declared.push(id);
                    }
                    Some((prev, prev_static)) => {
                        let pair = prev_static == is_static
                            && matches!(
                                (prev, pkind),
                                (PrivateKind::Getter, PrivateKind::Setter)
                                    | (PrivateKind::Setter, PrivateKind::Getter)
                            );
                        if !pair {
                            return Err(err(
                                format!(
                                    "private name '#{}' has already been declared",
                                    self.ast.name(id)
                                ),
                                span,
                            ));
                        }
                        privates.insert(id, (PrivateKind::Accessor, is_static));
                    }
                }
            }
        }
        for &id in &declared {
            *self.private_names.entry(id).or_insert(0) += 1;
        }
        self.class_privates.push(declared);
        self.tasks.push(Task::EndClassBody);
        self.push_children(i);
        Ok(())
    }

    pub(super) fn end_class_body(&mut self) {
        if let Some(declared) = self.class_privates.pop() {
            for id in declared {
                if let Some(c) = self.private_names.get_mut(&id) {
                    *c = c.saturating_sub(1);
                }
            }
        }
    }

    /// A field: its key in the class context, its initializer as a
    /// function boundary of its own.
    pub(super) fn enter_field(&mut self, i: usize) -> Result<(), SyntaxError> {
        let (kids, count) = self.children_upto::<2>(i);
        if count >= 2 {
            self.tasks.push(Task::PopCtx);
            let first = kids[0];
            for k in self.ast.children_rev(i) {
                if k != first {
                    self.push_child(k, i);
                }
            }
            self.tasks.push(Task::PushCtx(Ctx {
                strict: true,
                loops: 0,
                breakables: 0,
            }));
        }
        if count > 0 {
            let key = kids[0];
            if self.kind(key) != NodeKind::PrivateName {
                self.push_child(key, i);
            }
        }
        Ok(())
    }

    /// 15.7.1 AllPrivateIdentifiersValid: every `#x` used is declared by an
    /// enclosing class body.
    pub(super) fn check_private_use(&self, i: usize) -> Result<(), SyntaxError> {
        let n = self.node(i);
        if self.private_names.get(&n.arg).copied().unwrap_or(0) == 0
            && !self
                .outer_private_names
                .iter()
                .any(|p| p == self.ast.name(n.arg))
        {
            return Err(err(
                format!(
                    "private name '#{}' is not declared in an enclosing class",
                    self.ast.name(n.arg)
                ),
                n.span,
            ));
        }
        Ok(())
    }
}
