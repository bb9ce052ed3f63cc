//! The parser: a driver for LALR(1) tables generated from
//! `grammar/es2025.grammar`. Work in progress: see issue 2.

use crate::lexer::{Span, Token};
use crate::{ParseOptions, SyntaxError};

/// Receives the parser's events. The syntax processor implements it.
pub trait EventSink {
    /// A terminal was shifted. A semicolon inserted by automatic semicolon
    /// insertion arrives as a `;` token with an empty span.
    fn shift(&mut self, token: &Token) -> Result<(), SyntaxError>;
    /// A production was reduced; `span` covers its right-hand side (empty for
    /// an empty production).
    fn reduce(&mut self, production: u16, span: Span) -> Result<(), SyntaxError>;
}

/// The table driver.
pub struct Parser<'a> {
    #[allow(dead_code)]
    source: &'a str,
    #[allow(dead_code)]
    options: ParseOptions,
}

impl<'a> Parser<'a> {
    pub fn new(source: &'a str, options: ParseOptions) -> Self {
        Parser { source, options }
    }

    /// Parses the whole source, sending events to `sink`.
    pub fn run(&mut self, _sink: &mut dyn EventSink) -> Result<(), SyntaxError> {
        Err(SyntaxError::new(
            "the parser is not built yet",
            Span::default(),
        ))
    }
}
