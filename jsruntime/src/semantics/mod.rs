//! Semantic analysis: scopes, bindings and the compile scripts the backend
//! lowers. The analyzer (`semantics::Analyzer`, turning the parser's node
//! stream into compile scripts) is not written yet; [`command`] defines its
//! output.

pub mod command;

pub use command::*;
