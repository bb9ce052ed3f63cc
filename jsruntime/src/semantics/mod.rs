//! Semantic analysis: scopes, bindings and the compile scripts the backend
//! lowers. [`analyzer`] turns the parser's node stream into a [`Program`];
//! [`command`] defines its output.

pub mod analyzer;
pub mod command;
#[cfg(test)]
mod tests;

pub use analyzer::{analyze, AnalyzeError, Analyzer};
pub use command::*;
