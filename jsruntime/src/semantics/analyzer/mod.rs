//! The analyzer: turns the flattened AST of a Script into a [`Program`], one
//! [`CompileScript`] per function.
//!
//! # Passes
//!
//! For every function (the script itself is function 0) the analyzer
//!
//! 1. *declares*: collects the `var` names of the body (VarScopedDeclarations,
//!    through blocks, not into nested functions), the top-level function
//!    declarations and the lexical declarations of the body (with the
//!    operations of `jsparser::syntax::static_semantics`), and declares them
//!    in the function scope (ECMA-262 10.2.11 FunctionDeclarationInstantiation,
//!    16.1.7 GlobalDeclarationInstantiation). Blocks, `catch` clauses, `for`
//!    heads and `switch` case blocks declare their lexical bindings when they
//!    are entered (14.2.3 BlockDeclarationInstantiation), so every binding of a
//!    scope exists before any reference in the scope is resolved;
//! 2. *emits*: walks the subtree (bounded recursion: [`MAX_DEPTH`]) and emits
//!    compile commands in evaluation order. Nested functions are analyzed
//!    where their closure is created, so a reference that is not found in
//!    the current function is resolved right away against the scope chain of
//!    the enclosing function *at the closure's creation point*; the binding is
//!    marked captured there and becomes a capture slot of every function in
//!    between (see [`Analyzer::resolve`]). A reference that reaches the script
//!    unresolved is `Locator::Global`.
//!
//! Bindings that are only known once a function body was analyzed (`this` and
//! `arguments` of a function that an arrow function uses) are declared on
//! first use and their initialisation is inserted into the already emitted
//! prologue (the "placeholder" step of docs/internals.md, "Closures").
//!
//! # Layout
//!
//! This file holds the [`Analyzer`], the per-function context (`FnCtx`),
//! the entry points, the emission helpers and the dispatch
//! (`statement_inner`, `expression_inner`), whose arms call into one file
//! per construct:
//!
//! | construct | file |
//! |---|---|
//! | scope tree, binding resolution, identifier references | `scope.rs` |
//! | declare pass, `var`/`let`/`const`/function declarations, blocks | `declarations.rs` |
//! | Script and eval top level (Global/EvalDeclarationInstantiation) | `script.rs` |
//! | huge top levels compiled in chunks | `chunks.rs` |
//! | functions, parameters, closures, `this`, `new.target`, `arguments` | `function.rs` |
//! | destructuring (binding and assignment patterns) | `pattern.rs` |
//! | completion values of scripts and eval code | `completion.rs` |
//! | direct eval, scope descriptors | `eval.rs` |
//! | Annex B.3.2 block-level functions | `annex_b.rs` |
//! | `with`, dynamic variable environments | `with_scope.rs` |
//! | classes, `super`, fields, static blocks | `class.rs` |
//! | private names (`#x`), private methods, `#x in o` | `private.rs` |
//! | blocks, `if`, labels, `break`/`continue`/`return`/`throw` | `statement/mod.rs` |
//! | `for`, `for-in`, `for-of`, `while`, `do-while` | `statement/loops.rs` |
//! | `switch` | `statement/switch.rs` |
//! | `try`/`catch`/`finally` | `statement/try.rs` |
//! | literals | `expression/mod.rs` |
//! | calls, `new`, arguments and spread | `expression/call.rs` |
//! | property access, optional chains | `expression/member.rs` |
//! | object and array literals, property keys | `expression/object.rs` |
//! | `=`, compound and logical assignment, assignment targets | `expression/assign.rs` |
//! | unary, update, binary, logical, conditional, comma operators | `expression/operator.rs` |
//! | template literals, tagged templates | `expression/template.rs` |
//! | `yield`, `yield*`, `await`, the jump table of a coroutine | `coroutine.rs` |
//!
//! Room is left for `module.rs` (ES modules); the dispatch reports them as
//! not supported.

use jsparser::syntax::static_semantics::Scratch;
use jsparser::syntax::{flags, Ast, Node, NodeKind};
use jsparser::Span;

use super::command::*;

mod annex_b;
mod chunks;
mod class;
mod completion;
mod coroutine;
mod declarations;
mod eval;
mod expression;
mod function;
mod module;
mod pattern;
mod private;
mod scope;
mod script;
mod statement;
#[cfg(test)]
mod tests;
mod with_scope;

use completion::resets_completion;
use function::arguments_mapping;

/// Nesting limit of the recursive walk: deeper programs are rejected with a
/// clean error instead of overflowing the native stack.
pub const MAX_DEPTH: usize = 1500;

/// Native stack bytes the analyzer keeps free: below this it stops
/// descending with a SyntaxError instead of overflowing the thread's stack.
const MIN_NATIVE_STACK: usize = 64 * 1024;

/// Why a program could not be analyzed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalyzeError {
    /// What is wrong (or not supported yet).
    pub message: String,
    /// Byte offsets in the source.
    pub span: Span,
    /// An error the language requires (a SyntaxError of eval code), not a
    /// limitation of the analyzer.
    pub early_error: bool,
}

impl std::fmt::Display for AnalyzeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AnalyzeError {}

type Result<T> = std::result::Result<T, AnalyzeError>;

/// The name of the `new.target` binding (not an identifier, so no program
/// can refer to it by name).
const NEW_TARGET: &str = "new.target";

/// Analyzes a Script's AST into a program.
pub fn analyze(ast: &Ast) -> Result<Program> {
    Analyzer::new(ast).run()
}

/// Analyzes direct eval code; see [`Analyzer::run_direct_eval`].
pub fn analyze_direct_eval(
    ast: &Ast,
    caller: &Program,
    descriptor: &CompileScript,
    strict_caller: bool,
) -> Result<Program> {
    Analyzer::new(ast).run_direct_eval(caller, descriptor, strict_caller)
}

/// Analyzes eval code run in the global scope (indirect eval, dynamic
/// functions); see [`Analyzer::run_indirect_eval`].
pub fn analyze_indirect_eval(ast: &Ast) -> Result<Program> {
    Analyzer::new(ast).run_indirect_eval()
}

/// Which kind of top-level code function 0 is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TopLevel {
    /// A Script (16.1.7 GlobalDeclarationInstantiation).
    Script,
    /// Sloppy eval code in the global scope: `var`s become deletable global
    /// properties.
    SloppyEval,
    /// Strict eval code: its own variable environment.
    StrictEval,
    /// Sloppy direct eval code called from a function: the caller's
    /// variable environment.
    SloppyFunctionEval,
}

/// An unlabelled `break` target.
#[derive(Clone, Copy)]
enum Breakable {
    Loop,
    /// A `switch`, compiled as a labelled statement with this synthetic
    /// label.
    Switch(Symbol),
}

/// The state of one function being analyzed.
struct FnCtx {
    id: FunctionId,
    script: CompileScript,
    arrow: bool,
    /// The script (function 0): its `var`s are global object properties.
    is_script: bool,
    /// The scope chain at the current point, innermost last.
    chain: Vec<ScopeRef>,
    /// Where the enclosing function finds each capture (parallel to
    /// `script.captures`).
    capture_sources: Vec<Locator>,
    /// Free temporaries (local slots outside any scope).
    free_temps: Vec<u16>,
    breakables: Vec<Breakable>,
    /// Commands inserted after the prologue's `DeclareVars(0)`.
    prologue_at: usize,
    /// Lazily declared `this` / `arguments` bindings (locals).
    lazy_this: Option<u16>,
    lazy_arguments: Option<u16>,
    /// Lazily declared `new.target` binding (13.3.12; arrows inherit it).
    lazy_new_target: Option<u16>,
    /// The parameter list is simple (15.1.3 IsSimpleParameterList): a sloppy
    /// function's arguments object is then mapped (10.2.11 step 22).
    simple_params: bool,
    /// The scope of the body's `var`s (the VariableEnvironment): scope 0,
    /// or with a non-simple parameter list a child of the parameters' scope
    /// 0 (10.2.11 step 28), so that closures in parameter expressions do
    /// not see the body's declarations.
    var_scope: ScopeRef,
    /// The helper scopes that hold the name of a named function expression
    /// (immutable, but assigning it is only an error in strict code).
    name_scopes: Vec<ScopeRef>,
    /// The hidden local holding the completion value of a script or eval
    /// code (function 0 only).
    completion: Option<Locator>,
    /// The scopes of `with` statements and their hidden bindings (see
    /// `with_scope.rs`), outermost first; `false`: a dynamic variable
    /// environment of a caller, in the scope chain of direct eval code.
    with_scopes: Vec<(ScopeRef, Symbol, bool)>,
    /// The hidden binding of the dynamic variable environment of a sloppy
    /// function that contains a direct eval (see `with_scope.rs`).
    var_env: Option<Symbol>,
    /// Emitting the parameter list (its expressions run before the body).
    in_parameters: bool,
    /// The hidden binding holding the [[HomeObject]] of a method (`super.x`).
    home: Option<Symbol>,
    /// The function is a class constructor.
    class_ctor: Option<class::ClassCtor>,
    /// The this binding of a derived constructor (undefined until `super()`).
    derived_this: Option<Locator>,
    /// Suspend points numbered so far (generators and async functions).
    states: u32,
    /// The function is a synthesised class field initializer (direct eval
    /// code in it must not contain `arguments`, 19.2.1.1 step 6.c).
    field_initializer: bool,
    /// Where each symbol is declared in `script.scopes`: (scope, index in
    /// its `variables`), in declaration order. Kept by `push_variable` (the
    /// only way a variable is added), so that resolving a name does not
    /// scan every variable (40,000 `var`s captured by one closure spent most
    /// of their time in those scans).
    bindings: std::collections::HashMap<Symbol, Vec<(u32, u32)>>,
    /// The first index of each symbol of `script.captures`, for the first
    /// `captures_indexed` entries (entries are pushed in several places, so
    /// the index catches up on use; see `capture_index`).
    capture_indexes: std::collections::HashMap<Symbol, u16>,
    captures_indexed: usize,
}

/// See the module documentation.
pub struct Analyzer<'a> {
    ast: &'a Ast,
    program: Program,
    fns: Vec<FnCtx>,
    depth: usize,
    labels: u32,
    span: Span,
    /// Open `?.` conditionals of the optional chains being emitted.
    optional: usize,
    /// Labels of a `for-in`/`for-of` statement being emitted: they label
    /// the loop itself (see [`Analyzer::for_in_of`]).
    loop_labels: Vec<Symbol>,
    /// Block-level functions with Annex B.3.2 semantics.
    annex_b: annex_b::AnnexB,
    /// Sloppy direct eval code in a function: the caller's `var`-scoped
    /// bindings (eval's `var`s of these names are those bindings).
    eval_var_env: Vec<Symbol>,
    /// Counter for the names of hidden dynamic environment bindings.
    env_bindings: u32,
    /// Sloppy direct eval code in a function: the hidden binding of the
    /// caller's dynamic variable environment, which receives the new `var`s.
    eval_var_object: Option<Symbol>,
    /// Direct eval code whose call is inside a non-arrow function.
    eval_in_function: bool,
    /// Direct eval code (function 1 is the eval code, function 0 stands for
    /// its caller: `run_direct_eval`).
    direct_eval: bool,
    /// Sloppy direct eval code: the lexical bindings between the call and
    /// the caller's variable environment.
    eval_lexical: Vec<Symbol>,
    /// What the next analyzed function needs from its class (see
    /// `class.rs`).
    pending_method: class::PendingMethod,
    /// Nesting of class definitions being emitted (class code is strict).
    class_depth: u32,
    /// The private methods of the class bodies being emitted (see
    /// `private.rs`), innermost last.
    class_private: Vec<private::ClassPrivate>,
    /// Direct eval code called from a method: the capture of the caller's
    /// [[HomeObject]] (`super.x` at the eval code's top level).
    eval_home: Option<Symbol>,
    /// Work space of the static semantics walks (BoundNames, ...).
    scratch: Scratch,
}

/// What to do with the value of a binding target.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BindMode {
    /// `let`, `const`, parameters, catch parameters: InitializeReferencedBinding.
    Initialize,
    /// `var` and assignment patterns: PutValue.
    Assign,
}

impl<'a> Analyzer<'a> {
    /// An analyzer for the script `ast`.
    pub fn new(ast: &'a Ast) -> Self {
        Analyzer {
            ast,
            program: Program::default(),
            fns: Vec::new(),
            depth: 0,
            labels: 0,
            span: Span::default(),
            optional: 0,
            loop_labels: Vec::new(),
            annex_b: annex_b::AnnexB::default(),
            eval_var_env: Vec::new(),
            env_bindings: 0,
            eval_var_object: None,
            eval_in_function: false,
            direct_eval: false,
            eval_lexical: Vec::new(),
            pending_method: class::PendingMethod::default(),
            class_depth: 0,
            class_private: Vec::new(),
            eval_home: None,
            scratch: Scratch::new(),
        }
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T> {
        Err(AnalyzeError {
            message: message.into(),
            span: self.span,
            early_error: false,
        })
    }

    /// An early error found while analyzing eval code (a SyntaxError).
    fn early_error<T>(&self, message: String) -> Result<T> {
        Err(AnalyzeError {
            message,
            span: self.span,
            early_error: true,
        })
    }

    fn unsupported<T>(&self, what: &str) -> Result<T> {
        self.err(format!("not supported yet: {what}"))
    }

    /// Analyzes the script into one compile script per function.
    pub fn run(mut self) -> Result<Program> {
        if self.ast.nodes.is_empty() {
            return self.err("empty AST");
        }
        let root = self.ast.root();
        let node = self.ast.nodes[root];
        if node.kind == NodeKind::Module {
            return self.run_module();
        }
        if node.kind != NodeKind::Script {
            self.span = node.span;
            return self.err("not a script or module");
        }
        self.program.functions.push(CompileScript::default());
        let strict = node.has(flags::STRICT);
        self.push_fn(FunctionId(0), false, true, strict);
        let statements = self.ast.children(root);
        self.top_level(&statements, TopLevel::Script)?;
        self.pop_fn();
        Ok(self.program)
    }

    /// Analyzes eval code in the global scope (19.2.1.1 PerformEval with
    /// direct = false, and the dynamic functions of 20.2.1.1.1, whose
    /// source is an expression): sloppy code declares its `var`s and
    /// functions on the global object (deletable), strict code keeps them in
    /// its own variable environment; lexical declarations are always local.
    pub fn run_indirect_eval(mut self) -> Result<Program> {
        if self.ast.nodes.is_empty() {
            return self.err("empty AST");
        }
        let root = self.ast.root();
        let strict = self.ast.nodes[root].has(flags::STRICT);
        self.program.functions.push(CompileScript::default());
        self.push_fn(FunctionId(0), false, true, strict);
        let statements = self.ast.children(root);
        let mode = if strict {
            TopLevel::StrictEval
        } else {
            TopLevel::SloppyEval
        };
        self.top_level(&statements, mode)?;
        self.pop_fn();
        Ok(self.program)
    }

    // ----- The per-function context -----

    fn cur(&mut self) -> &mut FnCtx {
        let i = self.fns.len() - 1;
        &mut self.fns[i]
    }

    fn push_fn(&mut self, id: FunctionId, arrow: bool, is_script: bool, strict: bool) {
        let script = CompileScript {
            flags: FunctionFlags {
                strict,
                arrow,
                ..FunctionFlags::default()
            },
            scopes: vec![Scope::default()],
            ..CompileScript::default()
        };
        self.fns.push(FnCtx {
            id,
            script,
            arrow,
            is_script,
            chain: vec![ScopeRef(0)],
            capture_sources: Vec::new(),
            free_temps: Vec::new(),
            breakables: Vec::new(),
            prologue_at: 0,
            lazy_this: None,
            lazy_arguments: None,
            lazy_new_target: None,
            simple_params: true,
            var_scope: ScopeRef(0),
            name_scopes: Vec::new(),
            completion: None,
            with_scopes: Vec::new(),
            var_env: None,
            in_parameters: false,
            home: None,
            class_ctor: None,
            derived_this: None,
            states: 0,
            field_initializer: false,
            bindings: Default::default(),
            capture_indexes: Default::default(),
            captures_indexed: 0,
        });
    }

    /// Finishes the current function: inserts the lazily declared bindings'
    /// initialisation into its prologue and stores its script.
    fn pop_fn(&mut self) -> Vec<Locator> {
        let Some(mut f) = self.fns.pop() else {
            return Vec::new();
        };
        let mut prologue = Vec::new();
        if let Some(i) = f.lazy_this {
            let sym = self.program.symbol("this");
            prologue.push(CompileCommand::VariableReference(sym, Locator::Local(i)));
            prologue.push(CompileCommand::This);
            prologue.push(CompileCommand::Initialize);
        }
        if let Some(i) = f.lazy_new_target {
            let sym = self.program.symbol(NEW_TARGET);
            prologue.push(CompileCommand::VariableReference(sym, Locator::Local(i)));
            prologue.push(CompileCommand::NewTarget);
            prologue.push(CompileCommand::Initialize);
        }
        if let Some(i) = f.lazy_arguments {
            let sym = self.program.symbol("arguments");
            let mapping = arguments_mapping(&mut f);
            prologue.push(CompileCommand::VariableReference(sym, Locator::Local(i)));
            prologue.push(CompileCommand::ArgumentsObject(mapping));
            prologue.push(CompileCommand::Initialize);
        }
        let at = f.prologue_at;
        f.script.insert_commands(at, prologue, 0);
        Self::finish_coroutine(&mut f);
        if let Some(slot) = self.program.functions.get_mut(f.id.0 as usize) {
            *slot = f.script;
        }
        f.capture_sources
    }

    // ----- Emission helpers and temporaries -----

    /// Appends a command, positioned at the start of the node being emitted
    /// (see [`CompileScript::positions`]).
    fn emit(&mut self, command: CompileCommand) {
        let at = self.span.start;
        let script = &mut self.cur().script;
        script.commands.push(command);
        script.positions.push(at);
    }

    fn emit_all(&mut self, commands: &[CompileCommand]) {
        for c in commands {
            self.emit(*c);
        }
    }

    /// `to = from` between two bindings.
    fn emit_copy(&mut self, to: (Symbol, Locator), from: (Symbol, Locator)) {
        self.emit_all(&[
            CompileCommand::VariableReference(to.0, to.1),
            CompileCommand::VariableReference(from.0, from.1),
            CompileCommand::Assignment,
            CompileCommand::Discard,
        ]);
    }

    fn new_local(&mut self) -> Result<u16> {
        let f = self.cur();
        if f.script.num_locals == u16::MAX {
            return self.err("too many local variables in one function");
        }
        f.script.num_locals += 1;
        Ok(f.script.num_locals - 1)
    }

    fn temp(&mut self) -> Result<(Symbol, Locator)> {
        let sym = self.program.symbol("%tmp");
        let i = match self.cur().free_temps.pop() {
            Some(i) => i,
            None => self.new_local()?,
        };
        Ok((sym, Locator::Local(i)))
    }

    fn free_temp(&mut self, t: (Symbol, Locator)) {
        if let Locator::Local(i) = t.1 {
            self.cur().free_temps.push(i);
        }
    }

    /// `[value] -> []`: stores the value in a new temporary.
    fn store_temp(&mut self) -> Result<(Symbol, Locator)> {
        let t = self.temp()?;
        // [value] -> [ref, value] -> Assignment
        self.emit_all(&[
            CompileCommand::VariableReference(t.0, t.1),
            CompileCommand::Swap,
            CompileCommand::Assignment,
            CompileCommand::Discard,
        ]);
        Ok(t)
    }

    fn cache(&mut self) -> CacheId {
        let f = self.cur();
        f.script.num_inline_caches += 1;
        CacheId(f.script.num_inline_caches - 1)
    }

    fn new_label(&mut self, what: &str) -> Symbol {
        self.labels += 1;
        self.program.symbol(&format!("%{what}{}", self.labels))
    }

    // ----- Recursion guard -----

    fn enter(&mut self, i: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.span = self.ast.nodes[i].span;
            return self.err("program too deeply nested");
        }
        // The depth limit assumes a whole stack; eval code analyzed when the
        // JavaScript stack is nearly full has only the runtime's reserve.
        if crate::gc::stack::remaining() < MIN_NATIVE_STACK {
            self.span = self.ast.nodes[i].span;
            return Err(AnalyzeError {
                message: "Maximum call stack size exceeded (program too deeply nested)".into(),
                span: self.span,
                early_error: true,
            });
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- Dispatch -----

    fn statement(&mut self, i: usize) -> Result<()> {
        self.enter(i)?;
        let span = self.span;
        let r = self.statement_inner(i);
        self.leave();
        // Commands emitted after a child belong to the parent (positions).
        self.span = span;
        r
    }

    fn statement_inner(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        self.span = node.span;
        let children = self.ast.children(i);
        use CompileCommand as C;
        use NodeKind as K;
        // (A loop right after its label resets before the LabelStart.)
        let after_label = matches!(self.cur().script.commands.last(), Some(C::LabelStart(_)));
        if !after_label && resets_completion(node.kind) {
            self.reset_completion();
        }
        match node.kind {
            K::ExpressionStatement => self.expression_statement(&children)?,
            K::EmptyStatement => {}
            K::FunctionDeclaration => self.annex_b_copy(i)?,
            K::Debugger => self.emit(C::Debugger),
            K::VariableDeclaration => self.declaration_list(&children, BindMode::Assign)?,
            K::LexicalDeclaration => self.declaration_list(&children, BindMode::Initialize)?,
            K::Block => self.block_statement(&children)?,
            K::If => self.if_statement(&children)?,
            K::While => self.while_statement(&children)?,
            K::DoWhile => self.do_while_statement(&children)?,
            K::For => self.for_statement(&children)?,
            K::ForIn => self.for_in_of(node, &children, false)?,
            K::ForOf => self.for_in_of(node, &children, true)?,
            K::Continue => self.continue_statement(&children),
            K::Break => self.break_statement(&children),
            K::Return => self.return_statement(&children)?,
            K::Throw => self.throw_statement(&children)?,
            K::Labelled => self.labelled_statement(&children, after_label)?,
            K::Switch => self.switch_statement(&children)?,
            K::Try => self.try_statement(&children)?,
            K::With => self.with_statement(&children)?,
            K::ClassDeclaration => self.class_declaration(i)?,
            K::ImportDeclaration
            | K::ExportFrom
            | K::ExportNamed
            | K::ExportDeclaration
            | K::ExportDefault
            | K::ExportDefaultExpression => return self.unsupported("modules"),
            _ => return self.err(format!("unexpected statement node {}", node.kind.name())),
        }
        Ok(())
    }

    /// Emits an expression: one operand (a value or a reference).
    fn expression(&mut self, i: usize) -> Result<()> {
        self.enter(i)?;
        let span = self.span;
        let r = self.expression_inner(i, None);
        self.leave();
        self.span = span;
        r
    }

    /// An initializer whose anonymous function gets the target's name
    /// (8.4.5 NamedEvaluation).
    fn expression_named(&mut self, i: usize, target: usize) -> Result<()> {
        let tn = self.ast.nodes[target];
        // IsIdentifierRef is false for `(x)` (13.15.2 step 1.c).
        let name = (matches!(
            tn.kind,
            NodeKind::BindingIdentifier | NodeKind::IdentifierReference
        ) && !tn.has(flags::PARENTHESIZED))
        .then(|| self.program.symbol(self.ast.name(tn.arg)));
        self.enter(i)?;
        let span = self.span;
        let r = self.expression_inner(i, name);
        self.leave();
        self.span = span;
        r
    }

    fn expression_inner(&mut self, i: usize, name: Option<Symbol>) -> Result<()> {
        let node = self.ast.nodes[i];
        self.span = node.span;
        let children = self.ast.children(i);
        use CompileCommand as C;
        use NodeKind as K;
        match node.kind {
            K::IdentifierReference => self.reference(node.arg)?,
            K::This => self.this_expression()?,
            K::NullLiteral => self.emit(C::Null),
            K::TrueLiteral => self.emit(C::Boolean(true)),
            K::FalseLiteral => self.emit(C::Boolean(false)),
            K::NumericLiteral => self.numeric_literal(node),
            K::StringLiteral => self.string_literal(node),
            K::BigIntLiteral => self.bigint_literal(node)?,
            K::TaggedTemplate => self.tagged_template(&children)?,
            K::RegExpLiteral => self.regexp_literal(node)?,
            K::NewTarget => self.new_target()?,
            K::Template => self.template_literal(&children)?,
            K::ArrayLiteral => self.array_literal(&children)?,
            K::ObjectLiteral => self.object_literal(&children)?,
            K::StaticMember | K::ComputedMember | K::PrivateMember if node.has(flags::OPTIONAL) => {
                self.optional_step(i)?
            }
            K::StaticMember | K::ComputedMember | K::PrivateMember => self.member_expression(i)?,
            K::Call => self.call(i, &children)?,
            K::New => self.new_expression(&children)?,
            K::OptionalChain => self.optional_chain(&children)?,
            K::PostIncrement | K::PostDecrement | K::PreIncrement | K::PreDecrement => {
                self.update_expression(node.kind, &children)?
            }
            K::Delete => self.delete_expression(&children)?,
            K::Void | K::Typeof | K::UnaryPlus | K::UnaryMinus | K::BitNot | K::LogicalNot => {
                self.unary_expression(node.kind, &children)?
            }
            K::LogicalAnd | K::LogicalOr | K::Coalesce => {
                self.logical_expression(node.kind, &children)?
            }
            K::Conditional => self.conditional_expression(&children)?,
            K::Assign => self.assignment(&children)?,
            K::CompoundAssign => self.compound_assignment(node, &children)?,
            K::AndAssign | K::OrAssign | K::CoalesceAssign => {
                self.logical_assignment(node.kind, &children)?
            }
            K::Sequence => self.sequence_expression(&children)?,
            K::FunctionExpression | K::ArrowFunction => self.function(i, name)?,
            K::ClassExpression => self.class_expression(i, name)?,
            K::Yield => self.yield_expression(&children)?,
            K::YieldDelegate => self.yield_delegate(&children)?,
            K::Await => self.await_expression(&children)?,
            K::SuperMember | K::SuperComputedMember => self.super_member(i)?,
            K::SuperCall => self.super_call(&children)?,
            K::ImportMeta => self.import_meta(),
            K::ImportCall => self.import_call(&children)?,
            K::PrivateIn => self.private_in(i)?,
            kind => self.binary_expression(kind, &children)?,
        }
        Ok(())
    }
}
