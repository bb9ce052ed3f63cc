//! The one error type of the front end.

use crate::lexer::Span;

/// A SyntaxError: lexical, syntactic, or an early error (static semantics).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, for the user.
    pub message: String,
    /// Where in the source (byte offsets).
    pub span: Span,
}

impl SyntaxError {
    /// A SyntaxError with `message` at `span`.
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        SyntaxError {
            message: message.into(),
            span,
        }
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}
