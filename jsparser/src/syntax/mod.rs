//! The syntax processor: turns the parser's shift/reduce events into a
//! flattened AST node stream (see `NODES.md` beside this file).
//!
//! - [`node`]: [`Node`] and [`NodeKind`], one documented kind per construct.
//! - [`ast`]: [`Ast`], the node buffer and its side tables (interned names,
//!   string values, numbers, ...), navigation and `dump()`.
//! - `processor`: the [`Processor`], an [`crate::parser::EventSink`] that
//!   builds nodes on reductions according to each production's action label
//!   (`=> Label` in `grammar/es2025.grammar`).
//! - `refine`: cover grammar refinement (arrow parameters, async arrow heads,
//!   assignment patterns) and assignment target checks.
//! - `context`: early errors that depend on the enclosing function, class or
//!   strictness, resolved when the enclosing construct is reduced.
//! - [`early_errors`]: the scope-based checks that run on the finished Ast.
//! - [`static_semantics`]: BoundNames, LexicallyDeclaredNames,
//!   VarScopedDeclarations and the like on the node stream, shared by the
//!   processor, the early errors and `jsruntime`'s analyzer.

pub mod ast;
mod context;
pub mod early_errors;
pub mod node;
mod processor;
mod refine;
pub mod static_semantics;

#[cfg(test)]
mod tests;

pub use ast::Ast;
pub use node::{flags, Node, NodeKind};
pub use processor::Processor;
