//! `jsparser` is the front end of the engine.
//!
//! Source text goes through three stages, each a module of this crate:
//!
//! 1. [`lexer`] turns UTF-8 source into tokens. The parser tells it which
//!    lexical goal applies (a `/` starts a regular expression or is a division),
//!    because only the parser state knows.
//! 2. [`parser`] is a driver for LALR(1) tables generated at build time from
//!    `grammar/es2025.grammar` by the `lalrgen` crate. It emits shift/reduce
//!    events to an [`parser::EventSink`] and implements automatic semicolon
//!    insertion and `[no LineTerminator here]`.
//! 3. [`syntax`] turns those events into a flattened AST node stream: nodes in
//!    post-order in index-based buffers, the input of `jsruntime::semantics`.

#![warn(missing_docs)]

pub mod error;
pub mod lexer;
pub mod parser;
pub mod syntax;

pub use error::SyntaxError;
pub use lexer::Span;

/// The goal symbol of a parse (ECMA-262 16.1 Scripts, 16.2 Modules).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A Script (16.1): sloppy mode unless `"use strict"` or [`ParseOptions::strict`].
    Script,
    /// A Module (16.2): always strict, with `import` and `export` declarations.
    Module,
}

/// How to parse one source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// The goal symbol: Script or Module.
    pub kind: SourceKind,
    /// Parse a script as strict mode code from its first token (module code is
    /// always strict).
    pub strict: bool,
}

impl ParseOptions {
    /// A sloppy-mode Script.
    pub fn script() -> Self {
        ParseOptions {
            kind: SourceKind::Script,
            strict: false,
        }
    }
    /// A Module (strict).
    pub fn module() -> Self {
        ParseOptions {
            kind: SourceKind::Module,
            strict: true,
        }
    }
}

/// Parses `source` into a flattened AST, or fails with the first SyntaxError
/// (lexical, syntactic or early error).
pub fn parse(source: &str, options: ParseOptions) -> Result<syntax::Ast, SyntaxError> {
    parse_with(source, options, false, &[])
}

/// Parses the code of a direct eval (19.2.1.1 PerformEval): like a Script,
/// but `new.target` is allowed when the call is inside a function (step
/// 6.a, `inFunction`).
pub fn parse_direct_eval(
    source: &str,
    options: ParseOptions,
    in_function: bool,
) -> Result<syntax::Ast, SyntaxError> {
    parse_with(source, options, in_function, &[])
}

/// [`parse_direct_eval`] for a call inside methods and class bodies: the
/// eval code may use `super.x` when `in_method` (19.2.1.1 step 6.b) and the
/// private names `private_names` (without `#`) of the enclosing classes
/// (step 7).
pub fn parse_direct_eval_in_class(
    source: &str,
    options: ParseOptions,
    in_function: bool,
    in_method: bool,
    private_names: &[String],
) -> Result<syntax::Ast, SyntaxError> {
    let mut processor = syntax::Processor::new(source, options);
    if in_function {
        processor.allow_new_target();
    }
    if in_method {
        processor.allow_super_property();
    }
    parser::Parser::new(source, options).run(&mut processor)?;
    let ast = processor.finish()?;
    syntax::early_errors::check_with_private_names(&ast, options, private_names)?;
    Ok(ast)
}

fn parse_with(
    source: &str,
    options: ParseOptions,
    new_target: bool,
    private_names: &[String],
) -> Result<syntax::Ast, SyntaxError> {
    let mut processor = syntax::Processor::new(source, options);
    if new_target {
        processor.allow_new_target();
    }
    parser::Parser::new(source, options).run(&mut processor)?;
    let ast = processor.finish()?;
    syntax::early_errors::check_with_private_names(&ast, options, private_names)?;
    Ok(ast)
}
