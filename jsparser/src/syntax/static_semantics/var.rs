//! Var-scoped declarations: 8.2.6 VarDeclaredNames, 8.2.7
//! VarScopedDeclarations and their TopLevel forms (8.2.10, 8.2.11).

use super::{bound_names, kind, labelled_item, Level, Scratch};
use crate::syntax::ast::ChildrenRev;
use crate::syntax::node::{Node, NodeKind};

/// 8.2.7 VarScopedDeclarations
/// (#sec-static-semantics-varscopeddeclarations) of one statement list item,
/// or 8.2.11 TopLevelVarScopedDeclarations
/// (#sec-static-semantics-toplevelvarscopeddeclarations) at
/// [`Level::TopLevel`]: calls `f` with each declaration in source order.
///
/// A declaration is a `VariableDeclarator` of a `var` statement or a
/// `for (var ...)` head anywhere in the item's statements (not in nested
/// functions or classes), and at [`Level::TopLevel`] the item itself when
/// it is a `FunctionDeclaration`, under any number of labels.
pub fn var_scoped_declarations(
    nodes: &[Node],
    item: usize,
    level: Level,
    scratch: &mut Scratch,
    mut f: impl FnMut(usize),
) {
    walk(nodes, item, level, &mut scratch.stack, &mut |_, d| f(d));
}

/// 8.2.6 VarDeclaredNames (#sec-static-semantics-vardeclarednames) of one
/// statement list item, or 8.2.10 TopLevelVarDeclaredNames
/// (#sec-static-semantics-toplevelvardeclarednames) at [`Level::TopLevel`]:
/// the BoundNames of [`var_scoped_declarations`]. Calls `f` with each
/// `BindingIdentifier` node, in source order, duplicates included.
pub fn var_declared_names(
    nodes: &[Node],
    item: usize,
    level: Level,
    scratch: &mut Scratch,
    mut f: impl FnMut(usize),
) {
    walk(nodes, item, level, &mut scratch.stack, &mut |stack, d| {
        bound_names::walk(nodes, d, stack, &mut f)
    });
}

/// The walk of [`var_scoped_declarations`]: `visit` gets the stack (to walk
/// on above its length) and each declaration.
fn walk(
    nodes: &[Node],
    item: usize,
    level: Level,
    stack: &mut Vec<usize>,
    visit: &mut impl FnMut(&mut Vec<usize>, usize),
) {
    use NodeKind as K;
    if level == Level::TopLevel {
        let s = labelled_item(nodes, item);
        if kind(nodes, s) == K::FunctionDeclaration {
            visit(stack, s);
            return;
        }
    }
    let base = stack.len();
    stack.push(item);
    while stack.len() > base {
        let Some(i) = stack.pop() else { break };
        match kind(nodes, i) {
            K::VariableDeclarator => visit(stack, i),
            // Statements that may contain `var` declarations, and the
            // declarations themselves. Their other children (expressions,
            // nested declarations, functions) are of none of these kinds,
            // so they are popped and dropped.
            K::VariableDeclaration
            | K::Block
            | K::If
            | K::DoWhile
            | K::While
            | K::For
            | K::ForIn
            | K::ForOf
            | K::With
            | K::Switch
            | K::Case
            | K::DefaultCase
            | K::Labelled
            | K::Try
            | K::Catch
            | K::Finally
            | K::ExportDeclaration => stack.extend(ChildrenRev::new(nodes, i)),
            _ => {}
        }
    }
}
