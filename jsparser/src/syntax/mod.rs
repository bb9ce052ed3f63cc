//! The syntax processor: turns parser events into a flattened AST node
//! stream. Work in progress: see issue 2.

use crate::lexer::{Span, Token};
use crate::parser::EventSink;
use crate::{ParseOptions, SyntaxError};

/// The result of a successful parse: the flattened AST node stream.
#[derive(Debug, Default)]
pub struct Ast {}

/// Builds an [`Ast`] from parser events.
pub struct Processor<'a> {
    #[allow(dead_code)]
    source: &'a str,
    #[allow(dead_code)]
    options: ParseOptions,
}

impl<'a> Processor<'a> {
    pub fn new(source: &'a str, options: ParseOptions) -> Self {
        Processor { source, options }
    }

    pub fn finish(self) -> Result<Ast, SyntaxError> {
        Ok(Ast::default())
    }
}

impl EventSink for Processor<'_> {
    fn shift(&mut self, _token: &Token) -> Result<(), SyntaxError> {
        Ok(())
    }
    fn reduce(&mut self, _production: u16, _span: Span) -> Result<(), SyntaxError> {
        Ok(())
    }
}
