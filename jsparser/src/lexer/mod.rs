//! The lexer: the lexical grammar of ECMA-262 (clause 12).

pub mod token;

pub use token::{Span, Token, TokenFlags, TokenKind};
