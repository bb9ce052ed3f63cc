//! Semantic analysis: scopes, bindings and the compile scripts the backend
//! lowers. [`analyzer`] turns the parser's node stream into a [`Program`];
//! [`command`] defines its output.

pub mod analyzer;
pub mod command;
pub mod helper;
pub mod module;
#[cfg(test)]
mod tests;

pub use analyzer::{analyze, analyze_direct_eval, analyze_indirect_eval, AnalyzeError, Analyzer};
pub use command::*;
