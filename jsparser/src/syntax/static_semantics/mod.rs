//! Static semantics of ECMA-262 computed on the flattened node stream: the
//! scope analysis operations of 8.2 (BoundNames, LexicallyDeclaredNames,
//! VarScopedDeclarations, ...) and the small predicates the early errors and
//! the analyzer share (IsSimpleParameterList, IsLabelledFunction, ...).
//!
//! Every operation takes the node slice (`&ast.nodes`, or the processor's
//! buffer while it builds one) and a node index. The ones that return lists
//! call a closure for each element, in source order, and walk with an
//! explicit stack kept in a caller-provided [`Scratch`]: they never recurse
//! and, once the scratch has grown to the deepest pattern seen, never
//! allocate.
//!
//! - [`bound_names`](mod@bound_names): 8.2.1 BoundNames.
//! - [`lexical`]: 8.2.3 IsConstantDeclaration, 8.2.4 / 8.2.8
//!   (TopLevel)LexicallyDeclaredNames, 8.2.5 / 8.2.9
//!   (TopLevel)LexicallyScopedDeclarations.
//! - [`var`]: 8.2.6 / 8.2.10 (TopLevel)VarDeclaredNames, 8.2.7 / 8.2.11
//!   (TopLevel)VarScopedDeclarations.
//! - [`parameters`]: 15.1.2 ContainsExpression, 15.1.3
//!   IsSimpleParameterList, 15.1.5 ExpectedArgumentCount.
//! - [`labels`]: 14.13.2 IsLabelledFunction.
//! - [`function_names`]: 8.4.2 IsFunctionDefinition, 8.4.3
//!   IsAnonymousFunctionDefinition.

pub mod bound_names;
pub mod function_names;
pub mod labels;
pub mod lexical;
pub mod parameters;
pub mod var;

#[cfg(test)]
mod tests;

pub use bound_names::bound_names;
pub use function_names::{is_anonymous_function_definition, is_function_definition};
pub use labels::{is_labelled_function, labelled_item};
pub use lexical::{
    is_constant_declaration, lexically_declared_names, lexically_scoped_declaration,
};
pub use parameters::{contains_expression, expected_argument_count, is_simple_parameter_list};
pub use var::{var_declared_names, var_scoped_declarations};

use super::ast::ChildrenRev;
use super::node::{Node, NodeKind};

/// Where a statement list is, which decides where its function
/// declarations are scoped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The statements of a Block, a CaseBlock or a Module: function
    /// declarations (labelled ones too) are lexically scoped (8.2.4 to
    /// 8.2.7).
    Block,
    /// The top level of a function body, a Script or a class static block:
    /// function declarations (labelled ones too) are var-scoped (8.2.8 to
    /// 8.2.11, the TopLevel operations).
    TopLevel,
}

/// Reusable work space for the walks of this module. Keep one and pass it
/// to every call: its stack is only grown, so a walk allocates only when it
/// goes deeper than every walk before it. Between calls it is empty.
#[derive(Debug, Default)]
pub struct Scratch {
    stack: Vec<usize>,
}

impl Scratch {
    /// An empty scratch (allocates on first use).
    pub fn new() -> Self {
        Scratch::default()
    }
}

/// The kind of node `i`, `Empty` when out of range.
fn kind(nodes: &[Node], i: usize) -> NodeKind {
    nodes.get(i).map_or(NodeKind::Empty, |n| n.kind)
}

/// The first child of node `i` (walks the children: use on small nodes).
fn first_child(nodes: &[Node], i: usize) -> Option<usize> {
    ChildrenRev::new(nodes, i).last()
}

/// The last child of node `i` (one step).
fn last_child(nodes: &[Node], i: usize) -> Option<usize> {
    ChildrenRev::new(nodes, i).next()
}
