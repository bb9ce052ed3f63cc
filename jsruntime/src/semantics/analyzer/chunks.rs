//! Huge top levels in chunks (issue 17): the statements of a very large
//! script or indirect eval code go into hidden arrow functions, each called
//! once in order by function 0, so that no single function is too large for
//! Cranelift (whose time and memory grow faster than a function's size:
//! 200,000 `var` statements in one function took 2 GB).
//!
//! Why it is sound (docs/internals.md, "Huge top levels"):
//! - every top-level binding of a script or of indirect eval code is a
//!   global reference (a property of the global object or a binding of the
//!   global declarative record), not a local of function 0, so a chunk
//!   reaches them exactly as function 0 would: `Locator::Global`. Strict
//!   indirect eval code's `var`s and lexical bindings are locals of function
//!   0; a chunk captures them like any nested arrow function would;
//! - declarations are instantiated by the executor before function 0 runs
//!   (16.1.7 GlobalDeclarationInstantiation, 19.2.1.3
//!   EvalDeclarationInstantiation); hoisted function objects are created
//!   first, in order, by the first chunks, before any statement runs;
//! - a chunk boundary is between two top-level statements: nothing is on
//!   the operand stack and no block, loop, label, `try` or `with` is open;
//! - a chunk is an arrow function, so `this` (and `arguments`, `new.target`)
//!   are function 0's; the completion value is function 0's `%completion`,
//!   which chunks capture;
//! - a chunk's exception propagates through function 0's call, which has no
//!   handler around it; that call has the position
//!   [`HIDDEN_CALL_POSITION`], so neither the exception trace nor
//!   `error.stack` shows it: a chunk's frame (unnamed, like function 0)
//!   stands for the top level, with the statement's own position.
//!
//! Direct eval code is function 1 of its program (function 0 stands for the
//! caller, whose visible bindings it captures): its chunks are arrows
//! nested in function 1 and reach the caller's bindings through it, as any
//! arrow function in eval code does. Not chunked: sloppy direct eval code
//! called in a function (its `var`s may be bindings of the caller's
//! function environment, declared by function 1's own prologue), and eval
//! code with more than [`MAX_SHARED_LOCALS`] top-level locals (strict eval
//! code's `var`s, eval code's lexical declarations): each would be a
//! capture cell made by the top level.

use super::*;

/// A top level whose statements (and hoisted function declarations) have
/// more AST nodes than this outside function bodies is compiled in chunks.
/// Function 0 is compiled by the full tier, whose cost grows faster than
/// its size: 4,000 `var` statements (16,000 nodes) took 0.40 s of CPU and
/// 104 MB in one function, 0.08 s and 23 MB in chunks.
pub(super) const CHUNKED_TOP_LEVEL_NODES: usize = 10_000;

/// A chunk is closed after the statement that takes it to this many
/// commands (a `var aI = I;` statement is 4 commands, 32 IR instructions in
/// the quick tier). 500 to 4,000 measured alike for 100,000 `var`
/// statements; 16,000 cost 20% more time and 30% more memory.
pub(super) const CHUNK_COMMANDS: usize = 2_000;

/// The most locals of function 0 (besides its completion value) with which
/// a top level is still chunked (see [`Analyzer::wants_chunks`]).
pub(super) const MAX_SHARED_LOCALS: usize = 64;

/// One item of a chunked top level, in evaluation order.
#[derive(Clone, Copy)]
enum Item {
    /// A hoisted function declaration (instantiated before any statement).
    Hoisted(usize),
    Statement(usize),
}

impl<'a> Analyzer<'a> {
    /// Whether the top level being emitted (function 0 of a script or of
    /// indirect eval code, function 1 of direct eval code) is large enough
    /// to be compiled in chunks.
    pub(super) fn wants_chunks(
        &self,
        mode: TopLevel,
        statements: &[usize],
        functions: &[usize],
    ) -> bool {
        let top = match (self.direct_eval, self.fns.len()) {
            (false, 1) if self.fns[0].is_script => 0,
            (true, 2) => 1,
            _ => return false,
        };
        if mode == TopLevel::SloppyFunctionEval {
            return false;
        }
        // Locals of function 0 that chunks may share (strict eval code's
        // `var`s, eval code's lexical declarations) are captured by every
        // chunk that uses them, and function 0 makes their capture cells:
        // with many of them, function 0 would be huge again.
        let shared = self.fns[top].script.scopes[0].variables.len();
        if shared > MAX_SHARED_LOCALS {
            return false;
        }
        let limit = chunked_top_level_nodes();
        let mut nodes = functions.len();
        for &s in statements {
            nodes += self.own_nodes(s);
            if nodes > limit {
                return true;
            }
        }
        false
    }

    /// The nodes of statement `i` that function 0 compiles: not those of
    /// the bodies of the functions, methods and arrows in it (one node each:
    /// their closure), which are functions of their own.
    fn own_nodes(&self, i: usize) -> usize {
        let start = self.ast.first_descendant(i);
        let mut count = 1;
        let mut j = i;
        while j > start {
            j -= 1;
            count += 1;
            if matches!(
                self.ast.nodes[j].kind,
                NodeKind::FunctionExpression
                    | NodeKind::FunctionDeclaration
                    | NodeKind::ArrowFunction
                    | NodeKind::Method
            ) {
                j = self.ast.first_descendant(j);
            }
        }
        count
    }

    /// Emits the hoisted functions, then the statements, of a top level
    /// into chunks called in order by the current function (function 0).
    pub(super) fn chunked_top_level(
        &mut self,
        functions: &[usize],
        statements: &[usize],
    ) -> Result<()> {
        let items = functions
            .iter()
            .map(|&f| Item::Hoisted(f))
            .chain(statements.iter().map(|&s| Item::Statement(s)));
        let limit = chunk_commands();
        let mut open = None;
        for item in items {
            let id = match open {
                Some(id) => id,
                None => {
                    let id = self.open_chunk()?;
                    open = Some(id);
                    id
                }
            };
            match item {
                Item::Hoisted(f) => self.emit_hoisted_function(f)?,
                Item::Statement(s) => self.statement(s)?,
            }
            if self.cur().script.commands.len() >= limit {
                self.close_chunk(id)?;
                open = None;
            }
        }
        if let Some(id) = open {
            self.close_chunk(id)?;
        }
        Ok(())
    }

    /// Starts the next chunk: a hidden arrow function of the top level.
    fn open_chunk(&mut self) -> Result<FunctionId> {
        let (strict, is_script) = {
            let f = self.cur();
            (f.script.flags.strict, f.is_script)
        };
        let id = FunctionId(self.program.functions.len() as u32);
        self.program.functions.push(CompileScript::default());
        self.push_fn(id, true, is_script, strict);
        // The completion value is the top level's (a capture).
        let sym = self.program.symbol("%completion");
        let completion = self.resolve(sym)?;
        self.cur().completion = Some(completion);
        self.emit(CompileCommand::PushScope(ScopeRef(0)));
        self.emit(CompileCommand::DeclareVars(ScopeRef(0)));
        self.cur().prologue_at = self.cur().script.commands.len();
        Ok(id)
    }

    /// Ends the current chunk and emits its call in the top level:
    /// `[] -> []`, at a position the stack walk and the exception trace
    /// leave out.
    fn close_chunk(&mut self, id: FunctionId) -> Result<()> {
        self.emit(CompileCommand::PopScope(ScopeRef(0)));
        let sources = self.pop_fn();
        let span = self.span;
        self.span = Span {
            start: HIDDEN_CALL_POSITION,
            end: HIDDEN_CALL_POSITION,
        };
        self.emit_closure(id, &sources);
        self.emit_all(&[CompileCommand::Call(0), CompileCommand::Discard]);
        self.span = span;
        Ok(())
    }
}

/// [`CHUNKED_TOP_LEVEL_NODES`], or `JSRUNTIME_CHUNK_NODES` (measurements).
fn chunked_top_level_nodes() -> usize {
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| env_usize("JSRUNTIME_CHUNK_NODES").unwrap_or(CHUNKED_TOP_LEVEL_NODES))
}

/// [`CHUNK_COMMANDS`], or `JSRUNTIME_CHUNK_COMMANDS` (measurements).
fn chunk_commands() -> usize {
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| env_usize("JSRUNTIME_CHUNK_COMMANDS").unwrap_or(CHUNK_COMMANDS))
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.parse().ok()
}
