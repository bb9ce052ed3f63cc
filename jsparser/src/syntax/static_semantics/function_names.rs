//! 8.4 Function Name Inference: IsFunctionDefinition and
//! IsAnonymousFunctionDefinition.

use super::{first_child, kind};
use crate::syntax::node::{Node, NodeKind};

/// 8.4.2 IsFunctionDefinition (#sec-static-semantics-isfunctiondefinition)
/// of expression `expr`: a function, generator, async or arrow function
/// expression, or a class expression (parenthesized or not: parentheses
/// make no node).
pub fn is_function_definition(nodes: &[Node], expr: usize) -> bool {
    matches!(
        kind(nodes, expr),
        NodeKind::FunctionExpression | NodeKind::ArrowFunction | NodeKind::ClassExpression
    )
}

/// 8.4.3 IsAnonymousFunctionDefinition (#sec-isanonymousfunctiondefinition)
/// of expression `expr`: a function definition without a name of its own
/// (8.4.1 HasName), which NamedEvaluation names after its target.
pub fn is_anonymous_function_definition(nodes: &[Node], expr: usize) -> bool {
    use NodeKind as K;
    match kind(nodes, expr) {
        K::ArrowFunction => true,
        K::FunctionExpression | K::ClassExpression => {
            first_child(nodes, expr).is_none_or(|c| kind(nodes, c) != K::BindingIdentifier)
        }
        _ => false,
    }
}
