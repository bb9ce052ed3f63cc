//! Parameter lists (15.1): ContainsExpression, IsSimpleParameterList,
//! ExpectedArgumentCount.

use crate::syntax::ast::ChildrenRev;
use crate::syntax::node::{Node, NodeKind};

/// 15.1.2 ContainsExpression (#sec-static-semantics-containsexpression) of a
/// `FormalParameters`, a binding pattern or binding element: it has an
/// initializer or a computed property key.
///
/// A scan back from `i` over its subtree: an expression inside a pattern is
/// always under a `BindingDefault` or a `ComputedPropertyName`, and in
/// post-order that node comes after it, so the scan meets it before any
/// node of the expression and visits only the pattern's own nodes.
pub fn contains_expression(nodes: &[Node], i: usize) -> bool {
    let Some(n) = nodes.get(i) else {
        return false;
    };
    let start = (i + 1).saturating_sub(n.size as usize);
    nodes[start..=i].iter().rev().any(|n| {
        matches!(
            n.kind,
            NodeKind::BindingDefault | NodeKind::ComputedPropertyName
        )
    })
}

/// 15.1.3 IsSimpleParameterList (#sec-static-semantics-issimpleparameterlist)
/// of a `FormalParameters`: only plain identifiers (no initializer, pattern
/// or rest). The processor records it as
/// [`flags::SIMPLE_PARAMETERS`](crate::syntax::flags::SIMPLE_PARAMETERS),
/// which is cheaper to read on a finished Ast.
pub fn is_simple_parameter_list(nodes: &[Node], params: usize) -> bool {
    ChildrenRev::new(nodes, params).all(|c| nodes[c].kind == NodeKind::BindingIdentifier)
}

/// 15.1.5 ExpectedArgumentCount
/// (#sec-static-semantics-expectedargumentcount) of a `FormalParameters`:
/// the parameters before the first one with an initializer or the rest
/// parameter (the function's `length`).
pub fn expected_argument_count(nodes: &[Node], params: usize) -> usize {
    // Children last first: the count restarts at each one that stops it.
    ChildrenRev::new(nodes, params).fold(0, |count, c| match nodes[c].kind {
        NodeKind::BindingDefault | NodeKind::BindingRest => 0,
        _ => count + 1,
    })
}
