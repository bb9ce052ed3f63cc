//! `jsparser` is the front end of the engine.
//!
//! Source text goes through three stages, each a module of this crate:
//!
//! 1. [`lexer`] turns UTF-8 source into tokens. The parser tells it which
//!    lexical goal applies (a `/` starts a regular expression or is a division),
//!    because only the parser state knows.
//! 2. `parser` is a driver for LALR(1) tables generated at build time from
//!    `grammar/es2025.grammar` by the `lalrgen` crate. It emits shift/reduce events
//!    and implements automatic semicolon insertion and `[no LineTerminator here]`.
//! 3. `syntax` turns those events into a flattened AST node stream: nodes in
//!    post-order in index-based buffers, the input of `jsruntime::semantics`.

pub mod lexer;
