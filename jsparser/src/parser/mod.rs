//! The parser: a driver for LALR(1) tables generated from
//! `grammar/es2025.grammar` by `lalrgen` at build time (`build.rs`).
//!
//! # Design
//!
//! The driver is a plain table-driven LR loop with an explicit state stack
//! (a `Vec` of state, start and end offset), so nesting depth is limited only
//! by memory: 100,000 nested parentheses do not touch the Rust stack. Each
//! shifted token is reported with [`EventSink::shift`], each reduction with
//! [`EventSink::reduce`] (production number and the span from the first to
//! the last token of the right-hand side; an empty span at the end of the
//! previous token for an empty production). The sink builds the tree and may
//! stop the parse with an error (early errors).
//!
//! * **Default reductions.** A state whose only action is one reduction and
//!   which shifts no terminal reduces without reading a token. This is not
//!   only faster: the lexical goal is decided in the state reached after those
//!   reductions, which is the state that really knows what may come next.
//! * **Lexical goal** (ECMA-262 12, InputElementDiv/RegExp/TemplateTail). A
//!   `/` starts a regular expression exactly when the current state has an
//!   action on RegularExpressionLiteral; the generator checks that no state
//!   accepts both `/` (or `/=`) and a regular expression. Whether a `}`
//!   continues a template is decided by counting braces instead of by the
//!   state: with LALR(1) state merging, the state after a complete expression
//!   can be shared by `{ a: x }` and `` `${x}` ``, so its actions do not tell.
//!   The driver records the brace depth at every `${` (TemplateHead and
//!   TemplateMiddle end with one) and asks for the TemplateTail goal when the
//!   depth is back to that value: braces inside a substitution are balanced
//!   in every valid program.
//! * **`[no LineTerminator here]`** (12.10). The generator flags shift entries
//!   whose terminal is under the annotation (for an annotated nonterminal, the
//!   shifts of its first tokens). A flagged shift of a token preceded by a line
//!   terminator is treated as no action, which is a syntax error or, where the
//!   rules allow, an automatic semicolon insertion (`return\nx`, `a\n++b`,
//!   `async\nfunction`).
//! * **12.10 Automatic Semicolon Insertion**, driven by the error: when the
//!   lookahead token has no action and it is preceded by a line terminator,
//!   or is `}`, or is the end of input, or the previous token is `)` and the
//!   state is the one that shifts the `;` ending a do-while statement, and the
//!   state has an action on `;`, a `;` token with an empty span is inserted
//!   and the same token is tried again. An inserted `;` whose shift is flagged
//!   `[no ASI]` (the empty statement, the two semicolons of a `for(;;)`
//!   header) is an error instead. At most one `;` is inserted before a token.
//! * **Contextual keywords** (`let`, `async`, `of`, `get`, ...) are tokens of
//!   their own, and the grammar lists them wherever an identifier may be one.
//!   There is deliberately no fallback "use the keyword as an Identifier when
//!   the state has no action on it": lookahead restrictions remove exactly
//!   such actions (`for (let of x)`, `for (async of x)` are syntax errors), and
//!   a fallback would silently accept them.
//! * **Errors**: `Unexpected token 'x'` (the token's text, escaped and
//!   shortened) or `Unexpected end of input`, with the token's span.
//!
//! The tables are built by `lalrgen`: see its crate documentation for the
//! grammar format, the lookahead-restriction transformation and the packing.

pub mod tables;

#[cfg(test)]
mod tests;

use crate::lexer::{LexGoal, Lexer, Span, Token, TokenFlags, TokenKind};
use crate::{ParseOptions, SourceKind, SyntaxError};
use tables::*;

/// Receives the parser's events. The syntax processor implements it.
pub trait EventSink {
    /// A terminal was shifted. A semicolon inserted by automatic semicolon
    /// insertion arrives as a `;` token with an empty span.
    fn shift(&mut self, token: &Token) -> Result<(), SyntaxError>;
    /// A production was reduced; `span` covers its right-hand side (empty for
    /// an empty production). Unit productions without an action label
    /// (`Action::Pass`, one symbol) are not reported: the generator removes
    /// most of them from the tables (`lalrgen::units`) and the driver skips
    /// the rest.
    fn reduce(&mut self, production: u16, span: Span) -> Result<(), SyntaxError>;
}

/// One entry of the parse stack: an LR state and the source range of the
/// symbol that led to it.
#[derive(Clone, Copy, Debug)]
struct Frame {
    state: u32,
    start: u32,
    end: u32,
}

/// The table driver.
pub struct Parser<'a> {
    source: &'a str,
    options: ParseOptions,
    lexer: Lexer<'a>,
}

impl<'a> Parser<'a> {
    /// A parser for `source` with `options`; [`Parser::run`] does the work.
    pub fn new(source: &'a str, options: ParseOptions) -> Self {
        Parser {
            source,
            options,
            lexer: Lexer::new(source, options.kind),
        }
    }

    /// Parses the whole source, sending events to `sink`.
    pub fn run<S: EventSink + ?Sized>(&mut self, sink: &mut S) -> Result<(), SyntaxError> {
        let t = tables();
        let mut state = match self.options.kind {
            SourceKind::Script => t.start_script,
            SourceKind::Module => t.start_module,
        };
        // A few frames per nesting level; a guess from the source length
        // saves regrowing for typical inputs.
        let mut stack: Vec<Frame> = Vec::with_capacity(256);
        stack.push(Frame {
            state,
            start: 0,
            end: 0,
        });
        // The lookahead token, and the real token held back while an inserted
        // `;` is being processed.
        let mut lookahead: Option<Token> = None;
        let mut held: Option<Token> = None;
        let mut prev_end = 0u32;
        let mut prev_kind = TokenKind::Eof;
        // Start offset of the token before which a `;` was last inserted.
        let mut inserted_before = u32::MAX;
        // Template substitutions: brace depth at each open `${`.
        let mut brace_depth = 0u32;
        let mut template_depths: Vec<u32> = Vec::new();

        loop {
            let Some(row) = t.states.get(state as usize) else {
                return Err(internal_error());
            };
            let info = row.info;
            if info & INFO_DEFAULT_REDUCE != 0 {
                state = reduce(t, &mut stack, info & INFO_PROD_MASK, prev_end, sink)?;
                continue;
            }
            let token = match lookahead {
                Some(tok) => tok,
                None => {
                    let goal = LexGoal {
                        regexp: info & INFO_REGEXP != 0,
                        template_tail: template_depths.last() == Some(&brace_depth),
                    };
                    let tok = self.lexer.next_token(goal)?;
                    match tok.kind {
                        TokenKind::LBrace => brace_depth += 1,
                        TokenKind::RBrace => brace_depth = brace_depth.saturating_sub(1),
                        TokenKind::TemplateHead => template_depths.push(brace_depth),
                        TokenKind::TemplateTail => {
                            template_depths.pop();
                        }
                        _ => {}
                    }
                    lookahead = Some(tok);
                    tok
                }
            };
            let kind = token.kind as usize;
            if let Some(v) = t.shift(row, kind) {
                if v == SHIFT_ACCEPT {
                    return Ok(());
                }
                let blocked = (v & SHIFT_NO_LT != 0 && token.newline_before())
                    || (v & SHIFT_NO_ASI != 0 && held.is_some());
                if !blocked {
                    state = (v >> 2) as u32;
                    stack.push(Frame {
                        state,
                        start: token.span.start,
                        end: token.span.end,
                    });
                    sink.shift(&token)?;
                    prev_end = token.span.end;
                    prev_kind = token.kind;
                    lookahead = held.take();
                    continue;
                }
            } else if let Some(p) = t.reduction(row, kind) {
                state = reduce(t, &mut stack, p, prev_end, sink)?;
                continue;
            }
            // No action for the token. 12.10 Automatic Semicolon Insertion.
            if held.is_none() && inserted_before != token.span.start {
                let offending = token.newline_before()
                    || token.kind == TokenKind::RBrace
                    || token.kind == TokenKind::Eof
                    || (prev_kind == TokenKind::RParen && info & INFO_DO_WHILE != 0);
                let allowed = match t.has_action(state, TokenKind::Semicolon as usize) {
                    Some(Some(v)) => v & SHIFT_NO_ASI == 0,
                    Some(None) => true,
                    None => false,
                };
                if offending && allowed {
                    inserted_before = token.span.start;
                    held = Some(token);
                    lookahead = Some(Token {
                        kind: TokenKind::Semicolon,
                        flags: TokenFlags::empty(),
                        span: Span::new(prev_end, prev_end),
                    });
                    continue;
                }
            }
            return Err(self.unexpected(held.unwrap_or(token)));
        }
    }

    fn unexpected(&self, token: Token) -> SyntaxError {
        if token.kind == TokenKind::Eof {
            return SyntaxError::new("Unexpected end of input", token.span);
        }
        let text = self
            .source
            .get(token.span.start as usize..token.span.end as usize)
            .unwrap_or("");
        let mut shown = String::new();
        for (i, c) in text.chars().enumerate() {
            if i == 24 {
                shown.push_str("...");
                break;
            }
            match c {
                '\n' => shown.push_str("\\n"),
                '\r' => shown.push_str("\\r"),
                '\t' => shown.push_str("\\t"),
                c if c.is_control() => shown.push_str(&format!("\\u{{{:x}}}", c as u32)),
                c => shown.push(c),
            }
        }
        SyntaxError::new(format!("Unexpected token '{shown}'"), token.span)
    }
}

fn internal_error() -> SyntaxError {
    SyntaxError::new(
        "internal parser error: inconsistent tables",
        Span::default(),
    )
}

/// Reduces production `p`: pops its right-hand side, reports it, pushes the
/// GOTO state and returns it.
#[inline(always)]
fn reduce<S: EventSink + ?Sized>(
    t: &Tables,
    stack: &mut Vec<Frame>,
    p: u16,
    prev_end: u32,
    sink: &mut S,
) -> Result<u32, SyntaxError> {
    let Some(&(lhs, len_flags)) = t.reduce_info.get(p as usize) else {
        return Err(internal_error());
    };
    let len = (len_flags & !REDUCE_SILENT) as usize;
    let Some(below) = stack.len().checked_sub(len + 1) else {
        return Err(internal_error());
    };
    let state = t.goto(stack[below].state, lhs);
    let span = if len == 1 {
        // The most common case (chains of unit productions): the top frame
        // keeps its span and only changes its state.
        let top = &mut stack[below + 1];
        top.state = state;
        Span::new(top.start, top.end)
    } else {
        let span = if len == 0 {
            Span::new(prev_end, prev_end)
        } else {
            Span::new(stack[below + 1].start, stack[stack.len() - 1].end)
        };
        stack.truncate(below + 1);
        stack.push(Frame {
            state,
            start: span.start,
            end: span.end,
        });
        span
    };
    if len_flags & REDUCE_SILENT == 0 {
        sink.reduce(p, span)?;
    }
    Ok(state)
}
