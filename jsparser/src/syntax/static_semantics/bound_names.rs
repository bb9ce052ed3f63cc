//! 8.2.1 Static Semantics: BoundNames (#sec-static-semantics-boundnames).

use super::{first_child, kind, last_child, Scratch};
use crate::syntax::ast::ChildrenRev;
use crate::syntax::node::{Node, NodeKind};

/// 8.2.1 BoundNames (#sec-static-semantics-boundnames) of node `root`: calls
/// `f` with each `BindingIdentifier` node it binds, in source order (its
/// name is `nodes[b].arg`). Duplicates are reported as often as they occur.
///
/// `root` may be a `BindingIdentifier`, a binding pattern or one of its
/// elements (`BindingProperty`, `BindingDefault`, `BindingRest`), a
/// `FormalParameters`, a `VariableDeclarator`, a `VariableDeclaration` or
/// `LexicalDeclaration`, a `FunctionDeclaration` or `ClassDeclaration`, an
/// `ImportDeclaration`, an `ExportDeclaration` or `ExportDefault`. The walk
/// never enters initializers or computed keys. The `"*default*"` name of an
/// anonymous default export has no node and is not reported; other kinds
/// bind nothing.
pub fn bound_names(nodes: &[Node], root: usize, scratch: &mut Scratch, mut f: impl FnMut(usize)) {
    walk(nodes, root, &mut scratch.stack, &mut f);
}

/// [`bound_names`] on the part of `stack` above its current length (so
/// that another walk of this module can use it for its own stack).
pub(super) fn walk(nodes: &[Node], root: usize, stack: &mut Vec<usize>, f: &mut impl FnMut(usize)) {
    use NodeKind as K;
    let base = stack.len();
    stack.push(root);
    while stack.len() > base {
        let Some(i) = stack.pop() else { break };
        match kind(nodes, i) {
            K::BindingIdentifier => f(i),
            // Every child, first popped first.
            K::ObjectBindingPattern
            | K::ArrayBindingPattern
            | K::FormalParameters
            | K::VariableDeclaration
            | K::LexicalDeclaration
            | K::ImportDeclaration => stack.extend(ChildrenRev::new(nodes, i)),
            // The target is the last child (after the key or the imported
            // name).
            K::BindingProperty
            | K::BindingRest
            | K::ImportDefault
            | K::ImportNamespace
            | K::ImportSpecifier
            | K::ExportDeclaration
            | K::ExportDefault => stack.extend(last_child(nodes, i)),
            // The target is the first child (before the initializer).
            K::BindingDefault | K::VariableDeclarator => stack.extend(first_child(nodes, i)),
            // The name, when there is one.
            K::FunctionDeclaration | K::ClassDeclaration => {
                if let Some(c) = first_child(nodes, i) {
                    if kind(nodes, c) == K::BindingIdentifier {
                        f(c);
                    }
                }
            }
            _ => {}
        }
    }
}
