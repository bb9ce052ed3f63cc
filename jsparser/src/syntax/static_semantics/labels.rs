//! 14.13.2 Static Semantics: IsLabelledFunction (#sec-islabelledfunction).

use super::{kind, last_child};
use crate::syntax::node::{Node, NodeKind};

/// The statement under any number of labels: `stmt` itself unless it is a
/// `Labelled`, else the LabelledItem of the innermost label.
pub fn labelled_item(nodes: &[Node], stmt: usize) -> usize {
    let mut s = stmt;
    while kind(nodes, s) == NodeKind::Labelled {
        match last_child(nodes, s) {
            Some(b) => s = b,
            None => break,
        }
    }
    s
}

/// 14.13.2 IsLabelledFunction(stmt) (#sec-islabelledfunction): `stmt` is a
/// labelled statement whose item, under any further labels, is a function
/// declaration.
pub fn is_labelled_function(nodes: &[Node], stmt: usize) -> bool {
    kind(nodes, stmt) == NodeKind::Labelled
        && kind(nodes, labelled_item(nodes, stmt)) == NodeKind::FunctionDeclaration
}
