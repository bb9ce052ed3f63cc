//! The analyzer: turns the flattened AST of a Script into a [`Program`], one
//! [`CompileScript`] per function.
//!
//! # Passes
//!
//! For every function (the script itself is function 0) the analyzer
//!
//! 1. *declares*: collects the `var` names of the body (VarScopedDeclarations,
//!    through blocks, not into nested functions), the top-level function
//!    declarations and the lexical declarations of the body, and declares them
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

use jsparser::syntax::{flags, Ast, Node, NodeKind};
use jsparser::Span;

use super::command::*;

#[path = "annex_b.rs"]
mod annex_b;
#[path = "with_scope.rs"]
mod with_scope;

/// Nesting limit of the recursive walk: deeper programs are rejected with a
/// clean error instead of overflowing the native stack.
pub const MAX_DEPTH: usize = 1500;

/// Why a program could not be analyzed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalyzeError {
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

/// 10.2.11 step 22: the arguments object of a finished function. A mapped
/// one aliases its parameters, which therefore live in capture cells.
fn arguments_mapping(f: &mut FnCtx) -> ArgumentsMapping {
    if f.script.flags.strict || !f.simple_params {
        return ArgumentsMapping::Unmapped;
    }
    for v in &mut f.script.scopes[0].variables {
        if matches!(v.locator, Locator::Argument(_)) {
            v.captured = true;
        }
    }
    ArgumentsMapping::Mapped(f.script.num_params)
}

fn node_is_arrow(node: jsparser::syntax::Node) -> bool {
    node.kind == NodeKind::ArrowFunction
}

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
    /// Sloppy direct eval code: the lexical bindings between the call and
    /// the caller's variable environment.
    eval_lexical: Vec<Symbol>,
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
            eval_lexical: Vec::new(),
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

    pub fn run(mut self) -> Result<Program> {
        if self.ast.nodes.is_empty() {
            return self.err("empty AST");
        }
        let root = self.ast.root();
        let node = self.ast.nodes[root];
        if node.kind != NodeKind::Script {
            self.span = node.span;
            return self.unsupported("modules");
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

    /// Function 0 of a script or of eval code: its top-level declarations
    /// are recorded in [`Program::declarations`] for the executor (16.1.7
    /// GlobalDeclarationInstantiation, 19.2.1.3 EvalDeclarationInstantiation)
    /// instead of being locals; the statements' completion value (a hidden
    /// local) is returned.
    fn top_level(&mut self, statements: &[usize], mode: TopLevel) -> Result<()> {
        let scope = ScopeRef(0);
        let mut new_vars = Vec::new();
        let mut var_names = Vec::new();
        let mut functions = Vec::new();
        for &s in statements {
            self.var_names(s, &mut var_names, &mut functions, true)?;
        }
        // B.3.2.2 / B.3.2.3: block-level functions of sloppy scripts and
        // sloppy eval code also get a `var` binding, where it is possible.
        let annex_b_names = match mode {
            TopLevel::Script | TopLevel::SloppyEval => {
                let names = self.annex_b_functions(statements, &[])?;
                names
                    .into_iter()
                    .filter(|n| !var_names.contains(n))
                    .collect()
            }
            TopLevel::SloppyFunctionEval => self.eval_annex_b_functions(statements, &var_names)?,
            _ => Vec::new(),
        };
        if mode == TopLevel::SloppyFunctionEval {
            // B.3.2.3: their `var` bindings in the caller's variable
            // environment (new ones in its dynamic environment).
            for n in &annex_b_names {
                let sym = self.program.symbol(n);
                if !self.eval_var_env.contains(&sym) && !new_vars.contains(&sym) {
                    new_vars.push(sym);
                }
            }
        }
        if mode == TopLevel::StrictEval || mode == TopLevel::SloppyFunctionEval {
            // 19.2.1.3 step 3: strict eval code has its own variable
            // environment: everything is local. Sloppy eval code in a
            // function shares the caller's: names the caller declares are
            // its bindings (captures); new names become bindings of the
            // caller's dynamic variable environment (step 11).
            for n in &var_names {
                let sym = self.program.symbol(n);
                if self.eval_var_env.contains(&sym) {
                    continue;
                }
                match self.eval_var_object {
                    Some(_) if mode == TopLevel::SloppyFunctionEval => new_vars.push(sym),
                    _ => {
                        self.declare(scope, n, VariableKind::Var)?;
                    }
                }
            }
            self.declare_lexical(scope, statements)?;
        } else {
            let mut function_names = Vec::new();
            for &f in &functions {
                if let Some(n) = self.declared_name(f) {
                    let sym = self.program.symbol(&n);
                    function_names.retain(|&s| s != sym);
                    function_names.push(sym);
                }
            }
            let mut decls = TopLevelDeclarations {
                deletable: mode == TopLevel::SloppyEval,
                ..TopLevelDeclarations::default()
            };
            for n in &var_names {
                let sym = self.program.symbol(n);
                if !function_names.contains(&sym) {
                    decls.vars.push(sym);
                }
            }
            decls.functions = function_names;
            decls.annex_b_functions = annex_b_names
                .iter()
                .map(|n| self.program.symbol(n))
                .collect();
            if mode == TopLevel::Script {
                for (n, is_const) in self.lexical_names(statements)? {
                    let sym = self.program.symbol(&n);
                    decls.lexical.push((sym, is_const));
                }
            } else {
                // 19.2.1.1 step 18: a new declarative environment.
                self.declare_lexical(scope, statements)?;
            }
            self.program.declarations = decls;
        }
        let scope = ScopeRef(0);
        let completion = self.declare(scope, "%completion", VariableKind::Var)?;
        self.cur().completion = Some(completion);
        self.emit(CompileCommand::PushScope(scope));
        self.emit(CompileCommand::DeclareVars(scope));
        self.cur().prologue_at = self.cur().script.commands.len();
        self.declare_eval_vars(&new_vars)?;
        for f in functions {
            self.emit_hoisted_function(f)?;
        }
        for &s in statements {
            self.statement(s)?;
        }
        let sym = self.program.symbol("%completion");
        self.emit(CompileCommand::VariableReference(sym, completion));
        self.emit(CompileCommand::Return(true));
        self.emit(CompileCommand::PopScope(scope));
        Ok(())
    }

    /// Emits the closure of a scope-descriptor function for a direct eval
    /// at the current point: its captures are every binding visible here
    /// (innermost first; shadowed names once), which forces them into
    /// capture cells so that the eval code reaches them by name. A function
    /// containing a direct eval materialises its `this` and `arguments`
    /// (the hook other features rely on: `arguments` exists whenever eval
    /// could name it).
    fn scope_descriptor(&mut self) -> Result<()> {
        let level = self.fns.len() - 1;
        let mut names: Vec<Symbol> = Vec::new();
        let mut bindings = Vec::new();
        // 19.2.1.1 step 6.a: inside a non-arrow function, the eval code
        // sees its `new.target`.
        let in_function = match self.fns.iter().rev().find(|f| !f.arrow) {
            Some(f) => !f.is_script,
            None => self.eval_in_function,
        };
        if in_function {
            let sym = self.program.symbol(NEW_TARGET);
            names.push(sym);
            bindings.push(EvalBinding::Outer);
        }
        for special in ["this", "arguments"] {
            let sym = self.program.symbol(special);
            if self.body_lexical_in_parameters(sym) {
                continue;
            }
            if self.resolve(sym)? != Locator::Global {
                names.push(sym);
                bindings.push(EvalBinding::Outer);
            }
        }
        for l in (0..=level).rev() {
            let f = &self.fns[l];
            for &scope in f.chain.iter().rev() {
                let Some(sc) = f.script.scopes.get(scope.0 as usize) else {
                    continue;
                };
                for v in sc.variables.iter().rev() {
                    let name = self.program.symbol_name(v.symbol);
                    // The hidden bindings of `with` objects stay in their
                    // place in the chain; the function's own variable
                    // environment comes after its scope 0 (below).
                    let env = with_scope::is_env_binding(name) && f.var_env != Some(v.symbol);
                    if names.contains(&v.symbol) || (name.starts_with('%') && !env) {
                        continue;
                    }
                    // Parameter expressions do not see the body's lexical
                    // declarations (10.2.11 steps 27-30: a separate
                    // environment).
                    let lexical = matches!(v.kind, VariableKind::Let | VariableKind::Const);
                    if l == level && f.in_parameters && scope == ScopeRef(0) && lexical {
                        continue;
                    }
                    let var_scoped = matches!(
                        v.kind,
                        VariableKind::Var | VariableKind::Parameter | VariableKind::Function
                    );
                    // In the body of a function with parameter expressions
                    // eval's `var` of a parameter's name may reuse the
                    // parameter (the spec makes a new body `var` holding
                    // the same value); in the parameters it is an error.
                    let param_in_body = scope == ScopeRef(0)
                        && v.kind == VariableKind::LexicalParameter
                        && f.chain.contains(&f.var_scope);
                    let binding = if l < level || env {
                        EvalBinding::Outer
                    } else if ((scope == f.var_scope && var_scoped) || param_in_body)
                        && !f.is_script
                    {
                        EvalBinding::VarEnv
                    } else {
                        EvalBinding::Lexical
                    };
                    names.push(v.symbol);
                    bindings.push(binding);
                }
                if let (ScopeRef(0), Some(holder)) = (scope, f.var_env) {
                    names.push(holder);
                    bindings.push(EvalBinding::Outer);
                }
            }
        }
        let strict = self.cur().script.flags.strict;
        let global_var_env = self.cur().is_script;
        let parameter_arguments = {
            let arguments = self.program.symbol("arguments");
            let f = self.cur();
            f.in_parameters
                && (!f.arrow
                    || f.script.scopes[0]
                        .variables
                        .iter()
                        .any(|v| v.symbol == arguments && v.kind == VariableKind::Parameter))
        };
        let mut script = CompileScript {
            flags: FunctionFlags {
                strict,
                arrow: true,
                ..FunctionFlags::default()
            },
            eval_scope: Some(EvalScope {
                bindings,
                global_var_env,
                in_function,
                parameter_arguments,
            }),
            ..CompileScript::default()
        };
        let mut sources = Vec::new();
        for &sym in &names {
            let l = self.resolve_in(level, sym, true)?;
            let (is_const, readonly) = self.immutable_binding(level, sym, l);
            script.captures.push(sym);
            script.const_captures.push(is_const || (readonly && strict));
            script.readonly_captures.push(readonly && !strict);
            sources.push(l);
        }
        if sources.len() > u16::MAX as usize {
            return self.err("too many bindings visible at a direct eval");
        }
        let id = FunctionId(self.program.functions.len() as u32);
        self.program.functions.push(script);
        self.emit_closure(id, &sources);
        Ok(())
    }

    /// Whether `sym` is a lexical declaration of the current function's
    /// body while its parameter expressions are being emitted (invisible
    /// there).
    fn body_lexical_in_parameters(&self, sym: Symbol) -> bool {
        let Some(f) = self.fns.last() else {
            return false;
        };
        f.in_parameters
            && f.script.scopes[0].variables.iter().any(|v| {
                v.symbol == sym && matches!(v.kind, VariableKind::Let | VariableKind::Const)
            })
    }

    /// Analyzes direct eval code (19.2.1.1 PerformEval with direct = true)
    /// against the scope described by `scope` (the descriptor function of
    /// the call, from the caller's program): function 0 stands for the
    /// caller (its scope holds the visible bindings as captures), function 1
    /// is the eval code, an arrow-like function (its `this` is the
    /// caller's).
    pub fn run_direct_eval(
        mut self,
        caller: &Program,
        descriptor: &CompileScript,
        strict_caller: bool,
    ) -> Result<Program> {
        if self.ast.nodes.is_empty() {
            return self.err("empty AST");
        }
        let Some(eval_scope) = descriptor.eval_scope.clone() else {
            return self.err("not a scope descriptor");
        };
        let root = self.ast.root();
        let strict = strict_caller || self.ast.nodes[root].has(flags::STRICT);
        self.eval_in_function = eval_scope.in_function;
        self.program.functions.push(CompileScript::default());
        self.push_fn(FunctionId(0), true, false, strict);
        let mut visible = Vec::new();
        for (i, &c) in descriptor.captures.iter().enumerate() {
            let name = caller.symbol_name(c).to_owned();
            let sym = self.program.symbol(&name);
            let binding = eval_scope.bindings.get(i).copied();
            let f = self.cur();
            f.script.captures.push(sym);
            f.script
                .const_captures
                .push(descriptor.const_captures.get(i) == Some(&true));
            f.script
                .readonly_captures
                .push(descriptor.readonly_captures.get(i) == Some(&true));
            visible.push((sym, binding));
        }
        self.caller_scopes(&visible)?;
        self.program.functions.push(CompileScript::default());
        self.push_fn(FunctionId(1), true, false, strict);
        let statements = self.ast.children(root);
        let mode = if strict {
            TopLevel::StrictEval
        } else if eval_scope.global_var_env {
            TopLevel::SloppyEval
        } else {
            TopLevel::SloppyFunctionEval
        };
        // 19.2.1.3 step 3.d: a `var` (or function) of sloppy eval code
        // must not be a lexical binding between the call and the variable
        // environment.
        if mode != TopLevel::StrictEval {
            let mut var_names = Vec::new();
            let mut functions = Vec::new();
            for &st in &statements {
                self.var_names(st, &mut var_names, &mut functions, true)?;
            }
            for n in &var_names {
                let sym = self.program.symbol(n);
                let clash = visible.contains(&(sym, Some(EvalBinding::Lexical)))
                    || (n == "arguments" && eval_scope.parameter_arguments);
                if clash {
                    return self.early_error(format!("Identifier '{n}' has already been declared"));
                }
            }
            self.eval_var_env = visible
                .iter()
                .filter(|(_, b)| *b == Some(EvalBinding::VarEnv))
                .map(|(s, _)| *s)
                .collect();
            self.eval_lexical = visible
                .iter()
                .filter(|(_, b)| *b == Some(EvalBinding::Lexical))
                .map(|(s, _)| *s)
                .collect();
            self.eval_var_object = self.fns[0]
                .with_scopes
                .iter()
                .rev()
                .find(|e| !e.2)
                .map(|e| e.1);
        }
        self.top_level(&statements, mode)?;
        let sources = self.pop_fn();
        let mut map = Vec::new();
        for l in sources {
            match l {
                Locator::Capture(i) => map.push(i),
                _ => return self.err("direct eval: a capture that is not a caller binding"),
            }
        }
        self.pop_fn();
        self.program.eval_captures = Some(map);
        Ok(self.program)
    }

    /// The BindingIdentifier of a function declaration.
    fn declared_name(&self, f: usize) -> Option<String> {
        let &name = self.ast.children(f).first()?;
        (self.ast.nodes[name].kind == NodeKind::BindingIdentifier)
            .then(|| self.ast.name(self.ast.nodes[name].arg).to_owned())
    }

    /// Sets the completion value of the script or eval code being emitted
    /// to the value on the stack (`[value] -> []`); discards it elsewhere.
    fn complete_with_value(&mut self) {
        if let Some(l) = self.cur().completion {
            let sym = self.program.symbol("%completion");
            self.emit_all(&[
                CompileCommand::VariableReference(sym, l),
                CompileCommand::Swap,
                CompileCommand::Assignment,
            ]);
        }
        self.emit(CompileCommand::Discard);
    }

    /// UpdateEmpty(stmt, undefined) of the statements whose completion is
    /// never empty (`if`, loops, `switch`, `try`, `with`): the completion
    /// value becomes undefined unless their body produces one.
    fn reset_completion(&mut self) {
        if self.cur().completion.is_some() {
            self.emit(CompileCommand::Undefined);
            self.complete_with_value();
        }
    }

    /// Copies the completion value being tracked (if any) to a temporary.
    fn save_completion(&mut self) -> Result<Option<(Symbol, Locator)>> {
        let Some(l) = self.cur().completion else {
            return Ok(None);
        };
        let sym = self.program.symbol("%completion");
        let t = self.temp()?;
        self.emit_copy(t, (sym, l));
        Ok(Some(t))
    }

    /// Makes a value saved by [`Self::save_completion`] the completion value.
    fn restore_completion(&mut self, saved: Option<(Symbol, Locator)>) {
        if let Some(t) = saved {
            self.emit(CompileCommand::VariableReference(t.0, t.1));
            self.complete_with_value();
            self.free_temp(t);
        }
    }

    // ----- Functions and scopes -----

    fn cur(&mut self) -> &mut FnCtx {
        let i = self.fns.len() - 1;
        &mut self.fns[i]
    }

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
        if let Some(slot) = self.program.functions.get_mut(f.id.0 as usize) {
            *slot = f.script;
        }
        f.capture_sources
    }

    fn new_scope(&mut self) -> ScopeRef {
        let f = self.cur();
        let parent = f.chain.last().copied();
        f.script.scopes.push(Scope {
            parent,
            variables: Vec::new(),
        });
        ScopeRef((f.script.scopes.len() - 1) as u32)
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

    /// Declares `name` in `scope` of the current function (once: a second
    /// declaration of a name in the same scope reuses the binding).
    fn declare(&mut self, scope: ScopeRef, name: &str, kind: VariableKind) -> Result<Locator> {
        let sym = self.program.symbol(name);
        let f = self.cur();
        if let Some(v) = f
            .script
            .scopes
            .get(scope.0 as usize)
            .and_then(|s| s.variables.iter().find(|v| v.symbol == sym))
        {
            return Ok(v.locator);
        }
        let locator = Locator::Local(self.new_local()?);
        self.push_variable(scope, sym, kind, locator);
        Ok(locator)
    }

    fn push_variable(&mut self, scope: ScopeRef, symbol: Symbol, kind: VariableKind, l: Locator) {
        if let Some(s) = self.cur().script.scopes.get_mut(scope.0 as usize) {
            s.variables.push(Variable {
                symbol,
                kind,
                locator: l,
                captured: false,
            });
        }
    }

    /// ResolveBinding (9.4.2) at the current point; see the module docs.
    fn resolve(&mut self, sym: Symbol) -> Result<Locator> {
        let level = self.fns.len() - 1;
        self.resolve_in(level, sym, false)
    }

    fn resolve_in(&mut self, level: usize, sym: Symbol, from_inner: bool) -> Result<Locator> {
        {
            let f = &mut self.fns[level];
            for &scope in f.chain.iter().rev() {
                if let Some(s) = f.script.scopes.get_mut(scope.0 as usize) {
                    if let Some(v) = s.variables.iter_mut().rev().find(|v| v.symbol == sym) {
                        v.captured |= from_inner;
                        return Ok(v.locator);
                    }
                }
            }
            if let Some(i) = f.script.captures.iter().position(|&c| c == sym) {
                return Ok(Locator::Capture(i as u16));
            }
        }
        let name = self.program.symbol_name(sym).to_owned();
        let (arrow, is_script) = (self.fns[level].arrow, self.fns[level].is_script);
        // `this` of arrow functions and `arguments` (10.4.4) of non-arrow
        // functions, declared on first use in the function scope.
        if !arrow && (name == "this" || name == NEW_TARGET || (name == "arguments" && !is_script)) {
            return self.declare_lazy_binding(level, sym, &name, from_inner);
        }
        if level == 0 {
            return Ok(Locator::Global);
        }
        let outer = self.resolve_in(level - 1, sym, true)?;
        if outer == Locator::Global {
            return Ok(Locator::Global);
        }
        let strict = self.fns[level].script.flags.strict;
        let (is_const, readonly) = self.immutable_binding(level - 1, sym, outer);
        let f = &mut self.fns[level];
        if f.script.captures.len() >= u16::MAX as usize {
            return self.err("too many captures in one function");
        }
        let n = f.script.captures.len();
        f.script.const_captures.resize(n, false);
        f.script.readonly_captures.resize(n, false);
        f.script
            .const_captures
            .push(is_const || (readonly && strict));
        f.script.readonly_captures.push(readonly && !strict);
        f.script.captures.push(sym);
        f.capture_sources.push(outer);
        Ok(Locator::Capture((f.script.captures.len() - 1) as u16))
    }

    /// Declares the `this` or `arguments` binding of function `level` (which
    /// may be an enclosing function) on first use; `pop_fn` initialises it
    /// in the prologue. A function that contains a direct `eval` needs its
    /// `arguments` object without a visible reference (10.2.11 step 15-18):
    /// resolving the symbol `arguments` at its level declares it.
    fn declare_lazy_binding(
        &mut self,
        level: usize,
        sym: Symbol,
        name: &str,
        from_inner: bool,
    ) -> Result<Locator> {
        let local = {
            let fctx = &mut self.fns[level];
            if fctx.script.num_locals == u16::MAX {
                return self.err("too many local variables in one function");
            }
            fctx.script.num_locals += 1;
            fctx.script.num_locals - 1
        };
        let fctx = &mut self.fns[level];
        match name {
            "this" => fctx.lazy_this = Some(local),
            NEW_TARGET => fctx.lazy_new_target = Some(local),
            _ => fctx.lazy_arguments = Some(local),
        }
        fctx.script.scopes[0].variables.push(Variable {
            symbol: sym,
            kind: VariableKind::Var,
            locator: Locator::Local(local),
            captured: from_inner,
        });
        Ok(Locator::Local(local))
    }

    /// Whether the binding `sym` found at `locator` in function `level` is a
    /// `const` declaration, and whether it is the name of a named function
    /// expression (15.2.5: immutable; assigning it throws in strict code and
    /// is ignored in sloppy code, 9.1.1.1.5 step 6).
    fn immutable_binding(&self, level: usize, sym: Symbol, locator: Locator) -> (bool, bool) {
        let f = &self.fns[level];
        if let Locator::Capture(i) = locator {
            let i = i as usize;
            return (
                f.script.const_captures.get(i) == Some(&true),
                f.script.readonly_captures.get(i) == Some(&true),
            );
        }
        let mut result = (false, false);
        for (i, s) in f.script.scopes.iter().enumerate() {
            let found = s
                .variables
                .iter()
                .any(|v| v.symbol == sym && v.locator == locator && v.kind == VariableKind::Const);
            if found {
                if f.name_scopes.contains(&ScopeRef(i as u32)) {
                    result.1 = true;
                } else {
                    result.0 = true;
                }
            }
        }
        result
    }

    /// The reference of a binding being initialised or assigned (also
    /// the global `undefined`: `var undefined = 1` is a silently ignored
    /// write in sloppy code, 10.1.9.1 OrdinarySet step 2.a).
    fn binding_reference(&mut self, name_id: u32) -> Result<()> {
        let sym = self.program.symbol(self.ast.name(name_id));
        let locator = self.resolve(sym)?;
        // Through `with` objects and dynamic variable environments like
        // any other reference (14.3.2.1 step 1: ResolveBinding).
        self.emit_reference(sym, locator)
    }

    /// An identifier in an expression.
    fn reference(&mut self, name_id: u32) -> Result<()> {
        let name = self.ast.name(name_id).to_owned();
        let sym = self.program.symbol(&name);
        let locator = self.resolve(sym)?;
        if locator == Locator::Global && name == "undefined" && self.with_envs(sym).is_empty() {
            // The global `undefined` is a non-writable, non-configurable
            // property (19.1.4).
            self.emit(CompileCommand::Undefined);
        } else {
            self.emit_reference(sym, locator)?;
        }
        Ok(())
    }

    // ----- Declarations -----

    /// VarDeclaredNames and the top-level function declarations of a
    /// statement (14.1 .. 14.15 VarScopedDeclarations).
    fn var_names(
        &mut self,
        i: usize,
        out: &mut Vec<String>,
        functions: &mut Vec<usize>,
        top: bool,
    ) -> Result<()> {
        self.enter(i)?;
        let node = self.ast.nodes[i];
        use NodeKind as K;
        match node.kind {
            K::VariableDeclaration => {
                for d in self.ast.children(i) {
                    if let Some(&target) = self.ast.children(d).first() {
                        self.bound_names(target, out)?;
                    }
                }
            }
            K::FunctionDeclaration if top => {
                if let Some(&name) = self.ast.children(i).first() {
                    if self.ast.nodes[name].kind == K::BindingIdentifier {
                        let n = self.ast.name(self.ast.nodes[name].arg).to_owned();
                        if !out.contains(&n) {
                            out.push(n);
                        }
                    }
                }
                functions.push(i);
            }
            K::Block
            | K::If
            | K::DoWhile
            | K::While
            | K::Labelled
            | K::Try
            | K::Catch
            | K::Finally
            | K::Switch
            | K::Case
            | K::DefaultCase
            | K::For
            | K::ForIn
            | K::ForOf
            | K::With => {
                for c in self.ast.children(i) {
                    self.var_names(c, out, functions, top && node.kind == K::Labelled)?;
                }
            }
            _ => {}
        }
        self.leave();
        Ok(())
    }

    /// BoundNames of a binding target (8.2.1).
    fn bound_names(&mut self, i: usize, out: &mut Vec<String>) -> Result<()> {
        self.enter(i)?;
        let node = self.ast.nodes[i];
        use NodeKind as K;
        match node.kind {
            K::BindingIdentifier => {
                let n = self.ast.name(node.arg).to_owned();
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            K::ObjectBindingPattern | K::ArrayBindingPattern | K::BindingRest => {
                for c in self.ast.children(i) {
                    self.bound_names(c, out)?;
                }
            }
            K::BindingDefault => {
                if let Some(&c) = self.ast.children(i).first() {
                    self.bound_names(c, out)?;
                }
            }
            K::BindingProperty => {
                if let Some(&c) = self.ast.children(i).last() {
                    self.bound_names(c, out)?;
                }
            }
            _ => {}
        }
        self.leave();
        Ok(())
    }

    /// The names of the lexical declarations (`let`, `const`) of a
    /// statement list, with whether they are `const`.
    fn lexical_names(&mut self, statements: &[usize]) -> Result<Vec<(String, bool)>> {
        let mut out = Vec::new();
        for &s in statements {
            let node = self.ast.nodes[s];
            match node.kind {
                NodeKind::LexicalDeclaration => {
                    let mut names = Vec::new();
                    for d in self.ast.children(s) {
                        if let Some(&target) = self.ast.children(d).first() {
                            self.bound_names(target, &mut names)?;
                        }
                    }
                    let is_const = node.has(flags::CONST);
                    out.extend(names.into_iter().map(|n| (n, is_const)));
                }
                NodeKind::ClassDeclaration => {
                    // The binding exists (with its TDZ) even though class
                    // evaluation is not supported yet.
                    if let Some(n) = self.declared_name(s) {
                        out.push((n, false));
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// Declares the lexical bindings of a statement list in `scope`; returns
    /// the function declarations to instantiate at the scope's entry.
    fn declare_lexical(&mut self, scope: ScopeRef, statements: &[usize]) -> Result<Vec<usize>> {
        for (n, is_const) in self.lexical_names(statements)? {
            let kind = if is_const {
                VariableKind::Const
            } else {
                VariableKind::Let
            };
            self.declare(scope, &n, kind)?;
        }
        let mut functions = Vec::new();
        for &s in statements {
            let node = self.ast.nodes[s];
            match node.kind {
                NodeKind::FunctionDeclaration if scope.0 != 0 => {
                    if let Some(&name) = self.ast.children(s).first() {
                        if self.ast.nodes[name].kind == NodeKind::BindingIdentifier {
                            let n = self.ast.name(self.ast.nodes[name].arg).to_owned();
                            self.declare(scope, &n, VariableKind::Function)?;
                        }
                    }
                    functions.push(s);
                }
                _ => {}
            }
        }
        Ok(functions)
    }

    /// Enters a block-like statement list: a new scope if it declares
    /// lexical bindings. Returns the scope to pop.
    fn enter_block(&mut self, statements: &[usize]) -> Result<Option<ScopeRef>> {
        let has_lexical = statements.iter().any(|&s| {
            matches!(
                self.ast.nodes[s].kind,
                NodeKind::LexicalDeclaration
                    | NodeKind::FunctionDeclaration
                    | NodeKind::ClassDeclaration
            )
        });
        if !has_lexical {
            return Ok(None);
        }
        let scope = self.new_scope();
        let functions = self.declare_lexical(scope, statements)?;
        self.cur().chain.push(scope);
        self.emit(CompileCommand::PushScope(scope));
        self.emit(CompileCommand::DeclareVars(scope));
        for f in functions {
            self.emit_hoisted_function(f)?;
        }
        Ok(Some(scope))
    }

    fn leave_block(&mut self, scope: Option<ScopeRef>) {
        if let Some(scope) = scope {
            self.emit(CompileCommand::PopScope(scope));
            self.cur().chain.pop();
        }
    }

    /// InstantiateFunctionObject at the entry of its scope.
    fn emit_hoisted_function(&mut self, i: usize) -> Result<()> {
        let children = self.ast.children(i);
        let Some(&name) = children.first() else {
            return Ok(());
        };
        if self.ast.nodes[name].kind != NodeKind::BindingIdentifier {
            return Ok(());
        }
        let n = self.ast.name(self.ast.nodes[name].arg).to_owned();
        let sym = self.program.symbol(&n);
        let locator = self.resolve(sym)?;
        self.emit_reference(sym, locator)?;
        self.function(i, Some(sym))?;
        self.emit(CompileCommand::Initialize);
        Ok(())
    }

    // ----- Recursion guard -----

    fn enter(&mut self, i: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.span = self.ast.nodes[i].span;
            return self.err("program too deeply nested");
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- Functions -----

    /// Analyzes a function, arrow or method node and emits its `Closure` and
    /// `Capture` commands in the current function.
    fn function(&mut self, i: usize, name: Option<Symbol>) -> Result<()> {
        let node = self.ast.nodes[i];
        self.span = node.span;
        if node.has(flags::GENERATOR) || node.has(flags::ASYNC) {
            return self.unsupported("generators and async functions");
        }
        let arrow = node.kind == NodeKind::ArrowFunction;
        let children = self.ast.children(i);
        let mut own_name = None;
        let mut rest = &children[..];
        if let Some(&first) = rest.first() {
            if self.ast.nodes[first].kind == NodeKind::BindingIdentifier {
                own_name = Some(self.ast.name(self.ast.nodes[first].arg).to_owned());
                rest = &rest[1..];
            } else if node.kind == NodeKind::Method {
                rest = &rest[1..];
            }
        }
        let (Some(&params), Some(&body)) = (rest.first(), rest.get(1)) else {
            return self.err("malformed function node");
        };
        // A named function expression sees its own name (15.2.5): a helper
        // scope of the enclosing function holds the closure.
        let helper = if node.kind == NodeKind::FunctionExpression {
            match &own_name {
                Some(n) => {
                    let scope = self.new_scope();
                    self.cur().name_scopes.push(scope);
                    let sym = self.program.symbol(n);
                    let l = Locator::Local(self.new_local()?);
                    self.push_variable(scope, sym, VariableKind::Const, l);
                    self.cur().chain.push(scope);
                    Some((scope, sym, l))
                }
                None => None,
            }
        } else {
            None
        };
        let id = FunctionId(self.program.functions.len() as u32);
        self.program.functions.push(CompileScript::default());
        let parent_strict = self.cur().script.flags.strict;
        let body_node = self.ast.nodes[body];
        let strict = parent_strict
            || (body_node.kind == NodeKind::FunctionBody && body_node.has(flags::STRICT));
        self.push_fn(id, arrow, false, strict);
        self.cur().script.flags.method = node.kind == NodeKind::Method;
        if !strict && self.contains_direct_eval(i) {
            self.declare_var_env()?;
        }
        if let Some(n) = &own_name {
            let sym = self.program.symbol(n);
            self.cur().script.name = Some(sym);
        } else if let Some(sym) = name {
            self.cur().script.name = Some(sym);
        }
        let result = self.function_body(params, body, node);
        let sources = self.pop_fn();
        result?;
        if let Some((_, sym, l)) = helper {
            let captured = self.cur().script.scopes.iter().any(|s| {
                s.variables
                    .iter()
                    .any(|v| v.symbol == sym && v.locator == l && v.captured)
            });
            let scope = helper.map_or(ScopeRef(0), |h| h.0);
            self.cur().chain.pop();
            if captured {
                self.emit(CompileCommand::PushScope(scope));
                self.emit(CompileCommand::DeclareVars(scope));
                self.emit(CompileCommand::VariableReference(sym, l));
                self.emit_closure(id, &sources);
                self.emit(CompileCommand::Initialize);
                self.emit(CompileCommand::VariableReference(sym, l));
                self.emit(CompileCommand::PopScope(scope));
                return Ok(());
            }
        }
        self.emit_closure(id, &sources);
        Ok(())
    }

    fn emit_closure(&mut self, id: FunctionId, sources: &[Locator]) {
        self.emit(CompileCommand::Closure(id));
        for &s in sources {
            self.emit(CompileCommand::Capture(s));
        }
    }

    fn function_body(
        &mut self,
        params: usize,
        body: usize,
        node: jsparser::syntax::Node,
    ) -> Result<()> {
        let scope = ScopeRef(0);
        let param_nodes = self.ast.children(params);
        let simple = self.ast.nodes[params].has(flags::SIMPLE_PARAMETERS);
        self.cur().simple_params = simple;
        // Parameters: each positional parameter is an argument slot.
        let mut positional = 0u16;
        for &p in &param_nodes {
            if self.ast.nodes[p].kind == NodeKind::BindingRest {
                break;
            }
            positional = positional.saturating_add(1);
        }
        self.cur().script.num_params = positional;
        // 15.1.5 ExpectedArgumentCount.
        let expected = param_nodes
            .iter()
            .take_while(|&&p| {
                !matches!(
                    self.ast.nodes[p].kind,
                    NodeKind::BindingRest | NodeKind::BindingDefault
                )
            })
            .count();
        self.cur().script.length = Some(expected.min(u16::MAX as usize) as u16);
        let mut deferred = Vec::new();
        for (index, &p) in param_nodes.iter().enumerate() {
            let pn = self.ast.nodes[p];
            let target = if pn.kind == NodeKind::BindingDefault {
                self.ast.children(p).first().copied().unwrap_or(p)
            } else {
                p
            };
            let tn = self.ast.nodes[target];
            if !simple {
                // 10.2.11 step 21: uninitialized until step 26 binds it.
                let mut names = Vec::new();
                self.bound_names(p, &mut names)?;
                for n in names {
                    self.declare(scope, &n, VariableKind::LexicalParameter)?;
                }
            } else if pn.kind != NodeKind::BindingRest && tn.kind == NodeKind::BindingIdentifier {
                let sym = self.program.symbol(self.ast.name(tn.arg));
                let l = Locator::Argument(index as u16);
                // Duplicate names (sloppy): the last one wins.
                let vars = &mut self.cur().script.scopes[0].variables;
                if let Some(v) = vars.iter_mut().find(|v| v.symbol == sym) {
                    v.locator = l;
                } else {
                    self.push_variable(scope, sym, VariableKind::Parameter, l);
                }
            } else {
                let mut names = Vec::new();
                self.bound_names(target, &mut names)?;
                for n in names {
                    self.declare(scope, &n, VariableKind::Var)?;
                }
            }
            deferred.push((index, p));
        }
        let is_expression =
            node.kind == NodeKind::ArrowFunction && node.has(flags::EXPRESSION_BODY);
        let statements = if is_expression {
            Vec::new()
        } else {
            self.ast.children(body)
        };
        let mut var_names = Vec::new();
        let mut functions = Vec::new();
        for &s in &statements {
            self.var_names(s, &mut var_names, &mut functions, true)?;
        }
        // B.3.2.1: block-level functions also declare a `var`.
        let mut param_names = Vec::new();
        for &p in &param_nodes {
            self.bound_names(p, &mut param_names)?;
        }
        for n in self.annex_b_functions(&statements, &param_names)? {
            if !var_names.contains(&n) {
                var_names.push(n);
            }
        }
        // 10.2.11 step 28: with parameter expressions the body's `var`s get
        // their own environment (the parameters' scope stays the chain's
        // first entry while the parameters are bound).
        let var_scope = if simple { scope } else { self.new_scope() };
        self.cur().var_scope = var_scope;
        for n in &var_names {
            let sym = self.program.symbol(n);
            let exists = self.cur().script.scopes[var_scope.0 as usize]
                .variables
                .iter()
                .any(|v| v.symbol == sym);
            if n == "arguments" && !node_is_arrow(node) && !self.declares_function(&functions, n) {
                // 10.2.11 steps 18 and 22: `var arguments` is the arguments
                // object's binding (declared on first reference).
                continue;
            }
            if !exists {
                self.declare(var_scope, n, VariableKind::Var)?;
            }
        }
        self.declare_lexical(var_scope, &statements)?;
        self.emit(CompileCommand::PushScope(scope));
        self.emit(CompileCommand::DeclareVars(scope));
        self.init_var_env()?;
        self.cur().prologue_at = self.cur().script.commands.len();
        // 10.2.11 step 25-26: IteratorBindingInitialization of the formals.
        if !simple {
            self.cur().in_parameters = true;
            for (index, p) in deferred {
                self.parameter(index as u16, p)?;
            }
            self.cur().in_parameters = false;
            self.enter_var_scope(var_scope, &var_names, &param_names, &functions)?;
        }
        for f in functions {
            self.emit_hoisted_function(f)?;
        }
        if is_expression {
            self.expression(body)?;
            self.emit(CompileCommand::Return(true));
        } else {
            for s in statements {
                self.statement(s)?;
            }
        }
        if var_scope != scope {
            self.cur().chain.pop();
            self.emit(CompileCommand::PopScope(var_scope));
        }
        self.emit(CompileCommand::PopScope(scope));
        Ok(())
    }

    /// 10.2.11 step 28: enters the separate `var` scope of a function with
    /// a non-simple parameter list; a `var` named like a parameter starts
    /// with the parameter's value (step 28.e.i.4), unless a function
    /// declaration of that name replaces it anyway.
    fn enter_var_scope(
        &mut self,
        var_scope: ScopeRef,
        var_names: &[String],
        param_names: &[String],
        functions: &[usize],
    ) -> Result<()> {
        self.emit(CompileCommand::PushScope(var_scope));
        self.emit(CompileCommand::DeclareVars(var_scope));
        let mut copies = Vec::new();
        for n in var_names {
            if param_names.contains(n) && !self.declares_function(functions, n) {
                let sym = self.program.symbol(n);
                let param = self.resolve(sym)?;
                copies.push((sym, param));
            }
        }
        self.cur().chain.push(var_scope);
        for (sym, param) in copies {
            let var = self.resolve(sym)?;
            self.emit_copy((sym, var), (sym, param));
        }
        Ok(())
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

    /// Whether one of the function declarations `functions` is named `name`.
    fn declares_function(&self, functions: &[usize], name: &str) -> bool {
        functions.iter().any(|&f| {
            self.ast.children(f).first().is_some_and(|&c| {
                let n = self.ast.nodes[c];
                n.kind == NodeKind::BindingIdentifier && self.ast.name(n.arg) == name
            })
        })
    }

    /// Initialises a non-simple parameter from its argument slot.
    fn parameter(&mut self, index: u16, p: usize) -> Result<()> {
        let pn = self.ast.nodes[p];
        let arg_sym = self.program.symbol("%arg");
        let arg = (arg_sym, Locator::Argument(index));
        match pn.kind {
            NodeKind::BindingRest => {
                let Some(&target) = self.ast.children(p).first() else {
                    return Ok(());
                };
                let t = self.temp()?;
                self.emit_all(&[
                    CompileCommand::VariableReference(t.0, t.1),
                    CompileCommand::Arguments(index),
                    CompileCommand::Assignment,
                    CompileCommand::Discard,
                ]);
                self.bind(target, t, BindMode::Initialize)?;
                self.free_temp(t);
            }
            NodeKind::BindingDefault => {
                let children = self.ast.children(p);
                let (Some(&target), Some(&init)) = (children.first(), children.get(1)) else {
                    return Ok(());
                };
                // if (arg === undefined) arg = init
                self.emit_all(&[
                    CompileCommand::VariableReference(arg.0, arg.1),
                    CompileCommand::Undefined,
                    CompileCommand::Binary(BinaryOperator::StrictEquality),
                    CompileCommand::IfThen,
                    CompileCommand::VariableReference(arg.0, arg.1),
                ]);
                self.expression_named(init, target)?;
                self.emit_all(&[
                    CompileCommand::Assignment,
                    CompileCommand::Discard,
                    CompileCommand::IfStatement,
                ]);
                self.bind(target, arg, BindMode::Initialize)?;
            }
            _ => self.bind(p, arg, BindMode::Initialize)?,
        }
        Ok(())
    }

    // ----- Binding and assignment patterns -----

    /// Binds the value in `source` to a binding target or assignment target
    /// (8.6.2 BindingInitialization, 13.15.5 DestructuringAssignmentEvaluation).
    fn bind(&mut self, target: usize, source: (Symbol, Locator), mode: BindMode) -> Result<()> {
        self.enter(target)?;
        let node = self.ast.nodes[target];
        use NodeKind as K;
        match node.kind {
            K::BindingIdentifier | K::IdentifierReference => {
                self.binding_reference(node.arg)?;
                self.emit(CompileCommand::VariableReference(source.0, source.1));
                self.finish_bind(mode);
            }
            K::ObjectBindingPattern | K::ObjectAssignmentPattern
                if self.ast.children(target).last().is_some_and(|&c| {
                    matches!(self.ast.nodes[c].kind, K::BindingRest | K::AssignmentRest)
                }) =>
            {
                self.object_pattern_with_rest(target, source, mode)?;
            }
            K::StaticMember | K::ComputedMember => {
                self.member_reference(target)?;
                self.emit(CompileCommand::VariableReference(source.0, source.1));
                self.emit_all(&[CompileCommand::Assignment, CompileCommand::Discard]);
            }
            K::ObjectBindingPattern | K::ObjectAssignmentPattern => {
                // 8.6.2 / 13.15.5.2 step 1: RequireObjectCoercible (7.2.1).
                self.emit_all(&[
                    CompileCommand::VariableReference(source.0, source.1),
                    CompileCommand::Helper(Helper::RequireObjectCoercible),
                    CompileCommand::Discard,
                ]);
                for c in self.ast.children(target) {
                    let cn = self.ast.nodes[c];
                    match cn.kind {
                        K::BindingIdentifier | K::IdentifierReference => {
                            let key = self.program.string(self.ast.name(cn.arg));
                            self.property_value(source, |a| {
                                a.emit(CompileCommand::String(key));
                                Ok(())
                            })?;
                            let t = self.store_temp()?;
                            self.bind(c, t, mode)?;
                            self.free_temp(t);
                        }
                        K::BindingDefault | K::AssignmentDefault => {
                            let children = self.ast.children(c);
                            let (Some(&inner), Some(&init)) = (children.first(), children.get(1))
                            else {
                                continue;
                            };
                            let name = self.ast.name(self.ast.nodes[inner].arg).to_owned();
                            let key = self.program.string(&name);
                            self.property_value(source, |a| {
                                a.emit(CompileCommand::String(key));
                                Ok(())
                            })?;
                            let t = self.store_temp()?;
                            self.default_value(t, init, inner)?;
                            self.bind(inner, t, mode)?;
                            self.free_temp(t);
                        }
                        K::BindingProperty | K::AssignmentProperty => {
                            let children = self.ast.children(c);
                            let (Some(&key), Some(&value)) = (children.first(), children.get(1))
                            else {
                                continue;
                            };
                            self.property_value(source, |a| a.property_key(key))?;
                            let t = self.store_temp()?;
                            self.bind_element(value, t, mode)?;
                            self.free_temp(t);
                        }
                        K::CoverInitializedName => {
                            let children = self.ast.children(c);
                            let (Some(&inner), Some(&init)) = (children.first(), children.get(1))
                            else {
                                continue;
                            };
                            let key = self
                                .program
                                .string(self.ast.name(self.ast.nodes[inner].arg));
                            self.property_value(source, |a| {
                                a.emit(CompileCommand::String(key));
                                Ok(())
                            })?;
                            let t = self.store_temp()?;
                            self.default_value(t, init, inner)?;
                            self.bind(inner, t, mode)?;
                            self.free_temp(t);
                        }
                        _ => {
                            self.span = cn.span;
                            return self.unsupported("rest properties in object patterns");
                        }
                    }
                }
            }
            K::ArrayBindingPattern | K::ArrayAssignmentPattern => {
                self.array_pattern(target, source, mode)?;
            }
            K::BindingDefault | K::AssignmentDefault => self.bind_element(target, source, mode)?,
            // `for (f() in o)` (B.3.7).
            K::Call if mode == BindMode::Assign && !node.has(flags::OPTIONAL) => {
                self.call_target_reference(target)?;
                self.emit(CompileCommand::VariableReference(source.0, source.1));
                self.finish_bind(mode);
            }
            _ => {
                self.span = node.span;
                return self.err("invalid destructuring target");
            }
        }
        self.leave();
        Ok(())
    }

    /// 8.6.3 IteratorBindingInitialization / 13.15.5.5
    /// IteratorDestructuringAssignmentEvaluation: the elements read the
    /// iterator of the value; an abrupt completion of an element closes it
    /// (quietly for a throw), a normal one closes it unless it is done.
    fn array_pattern(
        &mut self,
        target: usize,
        source: (Symbol, Locator),
        mode: BindMode,
    ) -> Result<()> {
        use CompileCommand as C;
        use NodeKind as K;
        self.emit_all(&[
            C::VariableReference(source.0, source.1),
            C::Helper(Helper::PatternIterator),
        ]);
        let rec = self.store_temp()?;
        self.emit(C::Try {
            has_catch: true,
            has_finally: false,
        });
        for (index, c) in self.ast.children(target).into_iter().enumerate() {
            let cn = self.ast.nodes[c];
            let index = C::Number(index as f64);
            match cn.kind {
                K::Hole => self.emit_all(&[
                    C::VariableReference(rec.0, rec.1),
                    index,
                    C::Helper(Helper::PatternStep),
                    C::Discard,
                ]),
                K::BindingRest | K::AssignmentRest => {
                    let Some(&inner) = self.ast.children(c).first() else {
                        continue;
                    };
                    if self.is_member(inner) {
                        // 13.15.5.5 AssignmentRestElement step 1: the
                        // reference first.
                        self.member_reference(inner)?;
                        self.emit_all(&[
                            C::VariableReference(rec.0, rec.1),
                            index,
                            C::Helper(Helper::PatternRest),
                            C::Assignment,
                            C::Discard,
                        ]);
                        continue;
                    }
                    self.emit_all(&[
                        C::VariableReference(rec.0, rec.1),
                        index,
                        C::Helper(Helper::PatternRest),
                    ]);
                    let t = self.store_temp()?;
                    self.bind(inner, t, mode)?;
                    self.free_temp(t);
                }
                _ if self.is_member(c) || self.is_member_with_default(c) => {
                    // 13.15.5.5 AssignmentElement step 1: a member target's
                    // reference is evaluated before the iterator steps.
                    let children = self.ast.children(c);
                    let (inner, init) = if self.is_member(c) {
                        (c, None)
                    } else {
                        (children[0], children.get(1).copied())
                    };
                    self.member_reference(inner)?;
                    self.emit_all(&[
                        C::VariableReference(rec.0, rec.1),
                        index,
                        C::Helper(Helper::PatternStep),
                    ]);
                    let t = self.store_temp()?;
                    if let Some(init) = init {
                        self.default_value(t, init, inner)?;
                    }
                    self.emit_all(&[C::VariableReference(t.0, t.1), C::Assignment, C::Discard]);
                    self.free_temp(t);
                }
                _ => {
                    self.emit_all(&[
                        C::VariableReference(rec.0, rec.1),
                        index,
                        C::Helper(Helper::PatternStep),
                    ]);
                    let t = self.store_temp()?;
                    self.bind_element(c, t, mode)?;
                    self.free_temp(t);
                }
            }
        }
        self.emit(C::Catch(true));
        let e = self.store_temp()?;
        self.emit_all(&[
            C::VariableReference(rec.0, rec.1),
            C::Helper(Helper::IteratorCloseQuiet),
            C::Discard,
            C::VariableReference(e.0, e.1),
            C::Throw,
            C::TryEnd,
            C::VariableReference(rec.0, rec.1),
            C::Helper(Helper::IteratorClose),
            C::Discard,
        ]);
        self.free_temp(e);
        self.free_temp(rec);
        Ok(())
    }

    fn is_member(&self, i: usize) -> bool {
        let n = self.ast.nodes[i];
        matches!(n.kind, NodeKind::StaticMember | NodeKind::ComputedMember)
            && !n.has(flags::OPTIONAL)
    }

    fn is_member_with_default(&self, i: usize) -> bool {
        self.ast.nodes[i].kind == NodeKind::AssignmentDefault
            && self
                .ast
                .children(i)
                .first()
                .is_some_and(|&t| self.is_member(t))
    }

    /// An object pattern ending in a rest element (14.3.3.1
    /// RestBindingInitialization, 13.15.5.4 RestDestructuringAssignment
    /// Evaluation): the keys of the other properties are collected in an
    /// array, the rest gets a copy of the remaining own enumerable
    /// properties.
    fn object_pattern_with_rest(
        &mut self,
        target: usize,
        source: (Symbol, Locator),
        mode: BindMode,
    ) -> Result<()> {
        use CompileCommand as C;
        use NodeKind as K;
        self.emit_all(&[
            C::VariableReference(source.0, source.1),
            C::Helper(Helper::RequireObjectCoercible),
            C::Discard,
            C::Array,
        ]);
        let keys = self.store_temp()?;
        for c in self.ast.children(target) {
            let cn = self.ast.nodes[c];
            // The key into a temporary, recorded in `keys`.
            let (value_target, with_default) = match cn.kind {
                K::BindingRest | K::AssignmentRest => {
                    let Some(&inner) = self.ast.children(c).first() else {
                        continue;
                    };
                    self.emit_all(&[
                        C::VariableReference(source.0, source.1),
                        C::VariableReference(keys.0, keys.1),
                        C::Helper(Helper::CopyDataExcluding),
                    ]);
                    let t = self.store_temp()?;
                    self.bind(inner, t, mode)?;
                    self.free_temp(t);
                    continue;
                }
                K::BindingIdentifier | K::IdentifierReference => {
                    let key = self.program.string(self.ast.name(cn.arg));
                    self.emit(C::String(key));
                    (c, None)
                }
                K::BindingDefault | K::AssignmentDefault | K::CoverInitializedName => {
                    let children = self.ast.children(c);
                    let (Some(&inner), Some(&init)) = (children.first(), children.get(1)) else {
                        continue;
                    };
                    let key = self
                        .program
                        .string(self.ast.name(self.ast.nodes[inner].arg));
                    self.emit(C::String(key));
                    (inner, Some(init))
                }
                K::BindingProperty | K::AssignmentProperty => {
                    let children = self.ast.children(c);
                    let (Some(&key), Some(&value)) = (children.first(), children.get(1)) else {
                        continue;
                    };
                    self.property_key(key)?;
                    self.emit(C::Helper(Helper::ToPropertyKey));
                    (value, None)
                }
                _ => {
                    self.span = cn.span;
                    return self.err("invalid object pattern element");
                }
            };
            let k = self.store_temp()?;
            self.emit_all(&[
                C::VariableReference(keys.0, keys.1),
                C::VariableReference(k.0, k.1),
                C::PushArrayElement,
                C::Discard,
            ]);
            self.property_value(source, |a| {
                a.emit(C::VariableReference(k.0, k.1));
                Ok(())
            })?;
            self.free_temp(k);
            let t = self.store_temp()?;
            match with_default {
                Some(init) => {
                    self.default_value(t, init, value_target)?;
                    self.bind(value_target, t, mode)?;
                }
                None => self.bind_element(value_target, t, mode)?,
            }
            self.free_temp(t);
        }
        self.free_temp(keys);
        Ok(())
    }

    fn finish_bind(&mut self, mode: BindMode) {
        match mode {
            BindMode::Initialize => self.emit(CompileCommand::Initialize),
            BindMode::Assign => {
                self.emit_all(&[CompileCommand::Assignment, CompileCommand::Discard]);
            }
        }
    }

    /// A pattern element, possibly with a default value.
    fn bind_element(&mut self, c: usize, t: (Symbol, Locator), mode: BindMode) -> Result<()> {
        let cn = self.ast.nodes[c];
        if matches!(
            cn.kind,
            NodeKind::BindingDefault | NodeKind::AssignmentDefault
        ) {
            let children = self.ast.children(c);
            let (Some(&inner), Some(&init)) = (children.first(), children.get(1)) else {
                return Ok(());
            };
            self.default_value(t, init, inner)?;
            self.bind(inner, t, mode)
        } else {
            self.bind(c, t, mode)
        }
    }

    /// `[] -> [value]`: `source[key]`.
    fn property_value(
        &mut self,
        source: (Symbol, Locator),
        key: impl FnOnce(&mut Self) -> Result<()>,
    ) -> Result<()> {
        self.emit(CompileCommand::VariableReference(source.0, source.1));
        key(self)?;
        let cache = self.cache();
        self.emit(CompileCommand::GetProperty(cache));
        Ok(())
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

    /// `if (t === undefined) t = init`.
    fn default_value(&mut self, t: (Symbol, Locator), init: usize, target: usize) -> Result<()> {
        self.emit_all(&[
            CompileCommand::VariableReference(t.0, t.1),
            CompileCommand::Undefined,
            CompileCommand::Binary(BinaryOperator::StrictEquality),
            CompileCommand::IfThen,
            CompileCommand::VariableReference(t.0, t.1),
        ]);
        self.expression_named(init, target)?;
        self.emit_all(&[
            CompileCommand::Assignment,
            CompileCommand::Discard,
            CompileCommand::IfStatement,
        ]);
        Ok(())
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

    // ----- Statements -----

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
            K::ExpressionStatement => {
                if let Some(&e) = children.first() {
                    self.expression(e)?;
                    self.complete_with_value();
                }
            }
            K::EmptyStatement => {}
            K::FunctionDeclaration => self.annex_b_copy(i)?,
            K::Debugger => self.emit(C::Debugger),
            K::VariableDeclaration => {
                for d in children {
                    self.declarator(d, BindMode::Assign)?;
                }
            }
            K::LexicalDeclaration => {
                for d in children {
                    self.declarator(d, BindMode::Initialize)?;
                }
            }
            K::Block => {
                let scope = self.enter_block(&children)?;
                for s in children {
                    self.statement(s)?;
                }
                self.leave_block(scope);
            }
            K::If => {
                let (Some(&test), Some(&then)) = (children.first(), children.get(1)) else {
                    return self.err("malformed if statement");
                };
                self.expression(test)?;
                self.emit(C::IfThen);
                self.sub_statement(then)?;
                if let Some(&alt) = children.get(2) {
                    self.emit(C::Else);
                    self.sub_statement(alt)?;
                    self.emit(C::IfElseStatement);
                } else {
                    self.emit(C::IfStatement);
                }
            }
            K::While => {
                let (Some(&test), Some(&body)) = (children.first(), children.get(1)) else {
                    return self.err("malformed while statement");
                };
                self.emit(C::LoopStart(LoopFlags(LoopFlags::TEST)));
                self.expression(test)?;
                self.emit(C::LoopTest);
                self.loop_body(body)?;
                self.emit_all(&[C::LoopBody, C::LoopEnd]);
            }
            K::DoWhile => {
                let (Some(&body), Some(&test)) = (children.first(), children.get(1)) else {
                    return self.err("malformed do-while statement");
                };
                self.emit(C::LoopStart(LoopFlags(LoopFlags::POST_TEST)));
                self.loop_body(body)?;
                self.emit(C::LoopBody);
                self.expression(test)?;
                self.emit_all(&[C::LoopTest, C::LoopEnd]);
            }
            K::For => self.for_statement(&children)?,
            K::ForIn => self.for_in_of(node, &children, false)?,
            K::ForOf => self.for_in_of(node, &children, true)?,
            K::Continue => {
                let label = self.label_of(&children);
                self.emit(C::Continue(label));
            }
            K::Break => {
                let label = match self.label_of(&children) {
                    Some(l) => Some(l),
                    None => match self.cur().breakables.last() {
                        Some(Breakable::Switch(l)) => Some(*l),
                        _ => None,
                    },
                };
                self.emit(C::Break(label));
            }
            K::Return => match children.first() {
                Some(&e) => {
                    self.expression(e)?;
                    self.emit(C::Return(true));
                }
                None => self.emit(C::Return(false)),
            },
            K::Throw => {
                if let Some(&e) = children.first() {
                    self.expression(e)?;
                    self.emit(C::Throw);
                }
            }
            K::Labelled => {
                let (Some(&label), Some(&body)) = (children.first(), children.get(1)) else {
                    return self.err("malformed labelled statement");
                };
                let sym = self
                    .program
                    .symbol(self.ast.name(self.ast.nodes[label].arg));
                // A labelled for-in/of: the labels go right before its
                // loop (LabelStart directly before LoopStart labels the loop).
                let mut inner = body;
                while self.ast.nodes[inner].kind == K::Labelled {
                    match self.ast.children(inner).get(1) {
                        Some(&b) => inner = b,
                        None => break,
                    }
                }
                if matches!(self.ast.nodes[inner].kind, K::ForIn | K::ForOf) {
                    self.loop_labels.push(sym);
                    self.statement(body)?;
                    return Ok(());
                }
                if !after_label && resets_completion(self.ast.nodes[inner].kind) {
                    self.reset_completion();
                }
                self.emit(C::LabelStart(sym));
                self.statement(body)?;
                self.emit(C::LabelEnd(sym));
            }
            K::Switch => self.switch_statement(&children)?,
            K::Try => self.try_statement(&children)?,
            K::With => self.with_statement(&children)?,
            K::ClassDeclaration => {
                // Not supported yet: an Error when the declaration runs
                // (its binding stays in the TDZ until then).
                let error = self.program.symbol("Error");
                let message = self.program.string("not supported yet: classes");
                self.emit_all(&[
                    C::VariableReference(error, Locator::Global),
                    C::String(message),
                    C::New(1),
                    C::Throw,
                ]);
            }
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

    /// A statement in a position where a declaration cannot appear (the
    /// branches of `if`, loop bodies); sloppy-mode function declarations
    /// there (Annex B.3.4) get their own block.
    fn sub_statement(&mut self, i: usize) -> Result<()> {
        if self.ast.nodes[i].kind == NodeKind::FunctionDeclaration {
            let scope = self.enter_block(&[i])?;
            self.annex_b_copy(i)?;
            self.leave_block(scope);
            return Ok(());
        }
        self.statement(i)
    }

    fn loop_body(&mut self, body: usize) -> Result<()> {
        self.cur().breakables.push(Breakable::Loop);
        let r = self.sub_statement(body);
        self.cur().breakables.pop();
        r
    }

    fn label_of(&mut self, children: &[usize]) -> Option<Symbol> {
        let &l = children.first()?;
        let name = self.ast.name(self.ast.nodes[l].arg).to_owned();
        Some(self.program.symbol(&name))
    }

    fn declarator(&mut self, d: usize, mode: BindMode) -> Result<()> {
        let children = self.ast.children(d);
        let Some(&target) = children.first() else {
            return Ok(());
        };
        let tn = self.ast.nodes[target];
        match children.get(1) {
            Some(&init) => {
                if tn.kind == NodeKind::BindingIdentifier {
                    self.binding_reference(tn.arg)?;
                    self.expression_named(init, target)?;
                    self.finish_bind(mode);
                } else {
                    self.expression(init)?;
                    let t = self.store_temp()?;
                    self.bind(target, t, mode)?;
                    self.free_temp(t);
                }
            }
            None => {
                // `let x;` initialises to undefined; `var x;` does nothing.
                if mode == BindMode::Initialize && tn.kind == NodeKind::BindingIdentifier {
                    self.binding_reference(tn.arg)?;
                    self.emit(CompileCommand::Undefined);
                    self.emit(CompileCommand::Initialize);
                }
            }
        }
        Ok(())
    }

    /// 14.7.4 `for (init; test; update) body`. A `let` head is a scope
    /// entered in the init section: `continue` and the end of each iteration
    /// escape its captured bindings, which gives each iteration its own
    /// copies (14.7.4.4 CreatePerIterationEnvironment).
    fn for_statement(&mut self, children: &[usize]) -> Result<()> {
        use CompileCommand as C;
        let [init, test, update, body] = children[..] else {
            return self.err("malformed for statement");
        };
        let is_empty = |a: &Self, i: usize| a.ast.nodes[i].kind == NodeKind::Empty;
        let mut bits = 0;
        if !is_empty(self, init) {
            bits |= LoopFlags::INIT;
        }
        if !is_empty(self, test) {
            bits |= LoopFlags::TEST;
        }
        if !is_empty(self, update) {
            bits |= LoopFlags::NEXT;
        }
        self.emit(C::LoopStart(LoopFlags(bits)));
        let mut scope = None;
        if bits & LoopFlags::INIT != 0 {
            match self.ast.nodes[init].kind {
                NodeKind::LexicalDeclaration => {
                    scope = self.enter_block(&[init])?;
                    self.statement(init)?;
                    // 14.7.4.2 step 2 of ForBodyEvaluation: the first
                    // iteration already runs in a copy, so closures created
                    // by the initializer keep the initial bindings.
                    if let Some(s) = scope {
                        if self.scope_has_captures(s) {
                            self.emit(C::PopScope(s));
                            self.emit(C::PushScope(s));
                        }
                    }
                }
                NodeKind::VariableDeclaration => self.statement(init)?,
                _ => {
                    self.expression(init)?;
                    self.emit(C::Discard);
                }
            }
            self.emit(C::LoopInit);
        }
        if bits & LoopFlags::TEST != 0 {
            self.expression(test)?;
            self.emit(C::LoopTest);
        }
        if bits & LoopFlags::NEXT != 0 {
            self.expression(update)?;
            self.emit(C::Discard);
            self.emit(C::LoopNext);
        }
        self.loop_body(body)?;
        if let Some(s) = scope {
            if self.scope_has_captures(s) {
                self.emit(C::PopScope(s));
                self.emit(C::PushScope(s));
            }
        }
        self.emit(C::LoopBody);
        self.leave_block(scope);
        self.emit(C::LoopEnd);
        Ok(())
    }

    fn scope_has_captures(&mut self, s: ScopeRef) -> bool {
        self.cur().script.scopes[s.0 as usize]
            .variables
            .iter()
            .any(|v| v.captured)
    }

    /// 14.7.5 `for (left in right)` and `for (left of right)`
    /// (ForIn/OfHeadEvaluation 14.7.5.6, ForIn/OfBodyEvaluation 14.7.5.7):
    ///
    /// ```text
    /// rec = GetIterator(right)            // ForInIterator for for-in
    /// try {                               // for-of only
    ///   labels: loop (v = IteratorStepValue(rec), v is not HOLE) {
    ///     { let/const scope per iteration; left = v; body }
    ///   }
    /// } catch (e) { IteratorCloseQuiet(rec); throw e }
    ///   finally { IteratorClose(rec) }    // no-op once rec is done
    /// ```
    ///
    /// The record is done when the iterator finished or its `next` threw,
    /// so the `catch`/`finally` close it exactly on the abrupt completions
    /// of the body and of the binding (`break`, `return`, `throw`, `continue`
    /// to an outer loop), as 14.7.5.7 steps 6.i and 6.l.ii-iii say.
    fn for_in_of(
        &mut self,
        node: jsparser::syntax::Node,
        children: &[usize],
        is_of: bool,
    ) -> Result<()> {
        use CompileCommand as C;
        let labels = std::mem::take(&mut self.loop_labels);
        let [left, right, body] = children[..] else {
            return self.err("malformed for-in/of statement");
        };
        if is_of && node.has(flags::AWAIT) {
            return self.unsupported("for await");
        }
        let ln = self.ast.nodes[left];
        let (target, mode, lexical) = match ln.kind {
            NodeKind::VariableDeclaration | NodeKind::LexicalDeclaration => {
                let Some(&d) = self.ast.children(left).first() else {
                    return self.err("malformed for-in/of declaration");
                };
                let dc = self.ast.children(d);
                let Some(&t) = dc.first() else {
                    return self.err("malformed for-in/of declaration");
                };
                if ln.kind == NodeKind::VariableDeclaration {
                    // B.3.5 `for (var x = init in o)`: the initializer runs first.
                    if dc.len() > 1 {
                        self.declarator(d, BindMode::Assign)?;
                    }
                    (t, BindMode::Assign, None)
                } else {
                    let kind = if ln.has(flags::CONST) {
                        VariableKind::Const
                    } else {
                        VariableKind::Let
                    };
                    (t, BindMode::Initialize, Some(kind))
                }
            }
            _ => (left, BindMode::Assign, None),
        };
        let mut names = Vec::new();
        if lexical.is_some() {
            self.bound_names(target, &mut names)?;
        }
        // 14.7.5.6 steps 2-4: the expression sees the bindings in their TDZ.
        let tdz = match lexical {
            Some(kind) if !names.is_empty() => {
                let scope = self.new_scope();
                for n in &names {
                    self.declare(scope, n, kind)?;
                }
                self.cur().chain.push(scope);
                self.emit(C::PushScope(scope));
                self.emit(C::DeclareVars(scope));
                Some(scope)
            }
            _ => None,
        };
        self.expression(right)?;
        self.leave_block(tdz);
        self.emit(C::Helper(if is_of {
            Helper::GetIterator
        } else {
            Helper::ForInIterator
        }));
        let rec = self.store_temp()?;
        if is_of {
            self.emit(C::Try {
                has_catch: true,
                has_finally: true,
            });
        }
        for &l in &labels {
            self.emit(C::LabelStart(l));
        }
        let v = self.temp()?;
        self.emit_all(&[
            C::LoopStart(LoopFlags(LoopFlags::TEST)),
            C::VariableReference(v.0, v.1),
            C::VariableReference(rec.0, rec.1),
            C::Helper(if is_of {
                Helper::IteratorStepValue
            } else {
                Helper::ForInStep
            }),
            C::Assignment,
            C::Helper(Helper::IsHole),
            C::Unary(UnaryOperator::LogicalNot),
            C::LoopTest,
        ]);
        // 14.7.5.7 step 6.g-h: a fresh environment per iteration.
        let scope = match lexical {
            Some(kind) if !names.is_empty() => {
                let scope = self.new_scope();
                for n in &names {
                    self.declare(scope, n, kind)?;
                }
                self.cur().chain.push(scope);
                self.emit(C::PushScope(scope));
                self.emit(C::DeclareVars(scope));
                Some(scope)
            }
            _ => None,
        };
        self.bind(target, v, mode)?;
        self.loop_body(body)?;
        self.leave_block(scope);
        self.emit_all(&[C::LoopBody, C::LoopEnd]);
        for &l in labels.iter().rev() {
            self.emit(C::LabelEnd(l));
        }
        self.free_temp(v);
        if is_of {
            self.emit(C::Catch(true));
            let e = self.store_temp()?;
            self.emit_all(&[
                C::VariableReference(rec.0, rec.1),
                C::Helper(Helper::IteratorCloseQuiet),
                C::Discard,
                C::VariableReference(e.0, e.1),
                C::Throw,
                C::Finally,
                C::VariableReference(rec.0, rec.1),
                C::Helper(Helper::IteratorClose),
                C::Discard,
                C::TryEnd,
            ]);
            self.free_temp(e);
        }
        self.free_temp(rec);
        Ok(())
    }

    /// 14.12 `switch`: the case tests pick a clause index (in source order,
    /// the default clause last), then every clause from that index on runs
    /// (fall-through): `if (index <= k) { clause k }`.
    fn switch_statement(&mut self, children: &[usize]) -> Result<()> {
        use CompileCommand as C;
        let Some((&disc, clauses)) = children.split_first() else {
            return self.err("malformed switch statement");
        };
        let label = self.new_label("switch");
        self.emit(C::LabelStart(label));
        self.expression(disc)?;
        let d = self.store_temp()?;
        let index = self.temp()?;
        let none = clauses.len() as f64;
        let default = clauses
            .iter()
            .position(|&c| self.ast.nodes[c].kind == NodeKind::DefaultCase)
            .map_or(none, |p| p as f64);
        self.emit_all(&[
            C::VariableReference(index.0, index.1),
            C::Number(default),
            C::Assignment,
            C::Discard,
        ]);
        // The case block is one scope (14.12.4 step 5), which the case
        // selectors see too (14.12.2 CaseBlockEvaluation runs in it).
        let mut statements = Vec::new();
        for &c in clauses {
            let mut cs = self.ast.children(c);
            if self.ast.nodes[c].kind == NodeKind::Case && !cs.is_empty() {
                cs.remove(0);
            }
            statements.push(cs);
        }
        let all: Vec<usize> = statements.iter().flatten().copied().collect();
        let scope = self.enter_block(&all)?;
        // if (d === t0) index = 0; else if (d === t1) index = 1; ...
        let mut open = 0;
        for (k, &c) in clauses.iter().enumerate() {
            if self.ast.nodes[c].kind != NodeKind::Case {
                continue;
            }
            let Some(&test) = self.ast.children(c).first() else {
                continue;
            };
            self.emit(C::VariableReference(d.0, d.1));
            self.expression(test)?;
            self.emit_all(&[
                C::Binary(BinaryOperator::StrictEquality),
                C::IfThen,
                C::VariableReference(index.0, index.1),
                C::Number(k as f64),
                C::Assignment,
                C::Discard,
                C::Else,
            ]);
            open += 1;
        }
        for _ in 0..open {
            self.emit(C::IfElseStatement);
        }
        self.free_temp(d);
        self.cur().breakables.push(Breakable::Switch(label));
        for (k, cs) in statements.into_iter().enumerate() {
            self.emit_all(&[
                C::VariableReference(index.0, index.1),
                C::Number(k as f64),
                C::Binary(BinaryOperator::LessThanOrEqual),
                C::IfThen,
            ]);
            for s in cs {
                self.statement(s)?;
            }
            self.emit(C::IfStatement);
        }
        self.cur().breakables.pop();
        self.leave_block(scope);
        self.free_temp(index);
        self.emit(C::LabelEnd(label));
        Ok(())
    }

    fn try_statement(&mut self, children: &[usize]) -> Result<()> {
        use CompileCommand as C;
        let Some((&block, rest)) = children.split_first() else {
            return self.err("malformed try statement");
        };
        let catch = rest
            .iter()
            .copied()
            .find(|&c| self.ast.nodes[c].kind == NodeKind::Catch);
        let finally = rest
            .iter()
            .copied()
            .find(|&c| self.ast.nodes[c].kind == NodeKind::Finally);
        self.emit(C::Try {
            has_catch: catch.is_some(),
            has_finally: finally.is_some(),
        });
        self.statement(block)?;
        if let Some(c) = catch {
            let cc = self.ast.children(c);
            match cc[..] {
                [param, body] => {
                    self.emit(C::Catch(true));
                    // 14.15.3: UpdateEmpty(CatchClauseEvaluation, undefined).
                    self.reset_completion();
                    // 14.15.2 CatchClauseEvaluation: a scope for the parameter.
                    let scope = self.new_scope();
                    let mut names = Vec::new();
                    self.bound_names(param, &mut names)?;
                    for n in names {
                        self.declare(scope, &n, VariableKind::CatchParameter)?;
                    }
                    self.cur().chain.push(scope);
                    self.emit(C::PushScope(scope));
                    self.emit(C::DeclareVars(scope));
                    let pn = self.ast.nodes[param];
                    if pn.kind == NodeKind::BindingIdentifier {
                        self.reference(pn.arg)?;
                        self.emit(C::Swap);
                        self.emit(C::Initialize);
                    } else {
                        let t = self.store_temp()?;
                        self.bind(param, t, BindMode::Initialize)?;
                        self.free_temp(t);
                    }
                    self.statement(body)?;
                    self.leave_block(Some(scope));
                }
                [body] => {
                    self.emit(C::Catch(false));
                    self.reset_completion();
                    self.statement(body)?;
                }
                _ => return self.err("malformed catch clause"),
            }
        }
        if let Some(f) = finally {
            self.emit(C::Finally);
            // 14.15.3: a finally block that completes normally keeps the
            // completion value of the try or catch block.
            let saved = self.save_completion()?;
            if let Some(&b) = self.ast.children(f).first() {
                self.statement(b)?;
            }
            self.restore_completion(saved);
        }
        self.emit(C::TryEnd);
        Ok(())
    }

    // ----- Expressions -----

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
            K::This => {
                let arrow = self.cur().arrow;
                if arrow {
                    let sym = self.program.symbol("this");
                    let l = self.resolve(sym)?;
                    self.emit(C::VariableReference(sym, l));
                } else {
                    self.emit(C::This);
                }
            }
            K::NullLiteral => self.emit(C::Null),
            K::TrueLiteral => self.emit(C::Boolean(true)),
            K::FalseLiteral => self.emit(C::Boolean(false)),
            K::NumericLiteral => {
                let n = self.ast.numbers.get(node.arg as usize).copied();
                self.emit(C::Number(n.unwrap_or(f64::NAN)));
            }
            K::StringLiteral => {
                let id = self.program.string_utf16(self.ast.string(node.arg));
                self.emit(C::String(id));
            }
            K::BigIntLiteral => {
                let Some(b) = self.ast.bigints.get(node.arg as usize) else {
                    return self.err("BigInt literal out of range");
                };
                let (radix, digits) = (b.radix, self.program.string(&b.digits));
                self.emit(C::BigInt { radix, digits });
            }
            K::TaggedTemplate => self.tagged_template(&children)?,
            K::RegExpLiteral => {
                // 13.2.7.3: RegExpCreate(pattern, flags) on each evaluation.
                let Some(r) = self.ast.regexps.get(node.arg as usize) else {
                    return self.err("malformed regular expression literal");
                };
                let (pattern, flags) = (r.pattern.clone(), r.flags.clone());
                let pattern = self.program.string(&pattern);
                let flags = self.program.string(&flags);
                self.emit(C::String(pattern));
                self.emit(C::String(flags));
                self.emit(C::Helper(Helper::RegExpCreate));
            }
            K::NewTarget => {
                // 13.3.12.1: GetNewTarget of the nearest non-arrow function.
                let sym = self.program.symbol(NEW_TARGET);
                let locator = self.resolve(sym)?;
                self.emit(C::VariableReference(sym, locator));
            }
            K::Template => {
                // 13.2.8.6: the cooked strings and ToString of the
                // substitutions, concatenated.
                let empty = self.program.string("");
                self.emit(C::String(empty));
                for c in children {
                    let cn = self.ast.nodes[c];
                    if cn.kind == K::TemplateElement {
                        let cooked = self
                            .ast
                            .templates
                            .get(cn.arg as usize)
                            .and_then(|t| t.cooked);
                        let units = cooked.map_or(&[][..], |c| self.ast.string(c));
                        if !units.is_empty() {
                            let id = self.program.string_utf16(units);
                            self.emit(C::String(id));
                            self.emit(C::Binary(BinaryOperator::Addition));
                        }
                    } else {
                        // 13.2.8.6 step 3: ToString (throws for symbols).
                        self.expression(c)?;
                        self.emit(C::Helper(Helper::ToString));
                        self.emit(C::Binary(BinaryOperator::Addition));
                    }
                }
            }
            K::ArrayLiteral => {
                self.emit(C::Array);
                for c in children {
                    // 13.2.4.1 ArrayAccumulation: an elision only grows
                    // the length (a hole), a spread element appends the
                    // values of its iterable.
                    match self.ast.nodes[c].kind {
                        K::Hole => self.emit_all(&[C::Helper(Helper::Hole), C::PushArrayElement]),
                        K::SpreadElement => {
                            let Some(&e) = self.ast.children(c).first() else {
                                return self.err("malformed spread element");
                            };
                            self.expression(e)?;
                            self.emit(C::Helper(Helper::AppendSpread));
                        }
                        _ => {
                            self.expression(c)?;
                            self.emit(C::PushArrayElement);
                        }
                    }
                }
            }
            K::ObjectLiteral => {
                self.emit(C::Object);
                for c in children {
                    self.property_definition(c)?;
                }
            }
            K::StaticMember | K::ComputedMember if node.has(flags::OPTIONAL) => {
                self.optional_step(i)?;
            }
            K::StaticMember | K::ComputedMember => {
                self.member_parts(i)?;
                let cache = self.cache();
                self.emit(C::GetProperty(cache));
            }
            K::Call => self.call(i, &children)?,
            K::New => {
                let Some((&callee, args)) = children.split_first() else {
                    return self.err("malformed new expression");
                };
                self.expression(callee)?;
                if self.has_spread(args) {
                    // 13.3.5.1 with ArgumentListEvaluation of spread elements.
                    self.spread_arguments(args)?;
                    self.emit(C::Helper(Helper::Construct));
                } else {
                    let n = self.arguments(args)?;
                    self.emit(C::New(n));
                }
            }
            K::OptionalChain => {
                let Some(&inner) = children.first() else {
                    return self.err("malformed optional chain");
                };
                let before = self.optional_depth();
                self.expression(inner)?;
                let after = self.optional_depth();
                for _ in before..after {
                    self.emit(C::ConditionalExpression);
                }
                self.set_optional_depth(before);
            }
            K::PostIncrement | K::PostDecrement | K::PreIncrement | K::PreDecrement => {
                let op = match node.kind {
                    K::PostIncrement => UnaryOperator::PostfixIncrement,
                    K::PostDecrement => UnaryOperator::PostfixDecrement,
                    K::PreIncrement => UnaryOperator::PrefixIncrement,
                    _ => UnaryOperator::PrefixDecrement,
                };
                let Some(&target) = children.first() else {
                    return self.err("malformed update expression");
                };
                self.target_reference(target)?;
                self.emit(C::Unary(op));
            }
            K::Delete => {
                let Some(&operand) = children.first() else {
                    return self.err("malformed delete");
                };
                match self.ast.nodes[operand].kind {
                    K::StaticMember | K::ComputedMember
                        if !self.ast.nodes[operand].has(flags::OPTIONAL) =>
                    {
                        self.member_reference(operand)?
                    }
                    _ => self.expression(operand)?,
                }
                self.emit(C::Unary(UnaryOperator::Delete));
            }
            K::Void | K::Typeof | K::UnaryPlus | K::UnaryMinus | K::BitNot | K::LogicalNot => {
                let op = match node.kind {
                    K::Void => UnaryOperator::Void,
                    K::Typeof => UnaryOperator::Typeof,
                    K::UnaryPlus => UnaryOperator::Plus,
                    K::UnaryMinus => UnaryOperator::Minus,
                    K::BitNot => UnaryOperator::BitwiseNot,
                    _ => UnaryOperator::LogicalNot,
                };
                let Some(&operand) = children.first() else {
                    return self.err("malformed unary expression");
                };
                self.expression(operand)?;
                self.emit(C::Unary(op));
            }
            K::LogicalAnd | K::LogicalOr | K::Coalesce => {
                let kind = match node.kind {
                    K::LogicalAnd => ShortCircuitKind::And,
                    K::LogicalOr => ShortCircuitKind::Or,
                    _ => ShortCircuitKind::Nullish,
                };
                let [a, b] = children[..] else {
                    return self.err("malformed logical expression");
                };
                self.expression(a)?;
                self.emit(C::ShortCircuit(kind));
                self.expression(b)?;
                self.emit(C::ShortCircuitEnd);
            }
            K::Conditional => {
                let [t, a, b] = children[..] else {
                    return self.err("malformed conditional expression");
                };
                self.expression(t)?;
                self.emit(C::IfThen);
                self.expression(a)?;
                self.emit(C::Else);
                self.expression(b)?;
                self.emit(C::ConditionalExpression);
            }
            K::Assign => {
                let [target, value] = children[..] else {
                    return self.err("malformed assignment");
                };
                match self.ast.nodes[target].kind {
                    K::ObjectAssignmentPattern | K::ArrayAssignmentPattern => {
                        self.expression(value)?;
                        let t = self.store_temp()?;
                        self.bind(target, t, BindMode::Assign)?;
                        // The value of the assignment is the right-hand side.
                        self.emit(C::VariableReference(t.0, t.1));
                        self.emit(C::Dup);
                        self.emit(C::Discard);
                        self.free_temp(t);
                    }
                    _ => {
                        self.target_reference(target)?;
                        self.expression_named(value, target)?;
                        self.emit(C::Assignment);
                    }
                }
            }
            K::CompoundAssign => {
                let [target, value] = children[..] else {
                    return self.err("malformed assignment");
                };
                let Some(op) = NodeKind::ALL
                    .get(node.arg as usize)
                    .and_then(|&k| binary_operator(k))
                else {
                    return self.err("unknown compound assignment operator");
                };
                self.target_reference(target)?;
                self.emit(C::CompoundAssignmentBegin);
                self.expression(value)?;
                self.emit(C::CompoundAssignment(op));
            }
            K::AndAssign | K::OrAssign | K::CoalesceAssign => {
                let kind = match node.kind {
                    K::AndAssign => ShortCircuitKind::And,
                    K::OrAssign => ShortCircuitKind::Or,
                    _ => ShortCircuitKind::Nullish,
                };
                let [target, value] = children[..] else {
                    return self.err("malformed assignment");
                };
                self.target_reference(target)?;
                self.emit(C::ShortCircuitAssignment(kind));
                self.expression_named(value, target)?;
                self.emit(C::ShortCircuitEnd);
            }
            K::Sequence => {
                let n = children.len();
                for (k, c) in children.into_iter().enumerate() {
                    self.expression(c)?;
                    if k + 1 < n {
                        self.emit(C::Discard);
                    }
                }
            }
            K::FunctionExpression | K::ArrowFunction => self.function(i, name)?,
            kind => {
                if let Some(op) = binary_operator(kind) {
                    let [a, b] = children[..] else {
                        return self.err("malformed binary expression");
                    };
                    self.expression(a)?;
                    self.expression(b)?;
                    self.emit(C::Binary(op));
                } else {
                    let what = match kind {
                        K::ClassExpression => "classes",
                        K::Yield | K::YieldDelegate | K::Await => "generators and async functions",
                        K::SuperMember | K::SuperComputedMember | K::SuperCall => "super",
                        K::ImportMeta | K::ImportCall => "modules",
                        K::PrivateMember | K::PrivateIn => "private names",
                        _ => {
                            return self.err(format!("unexpected expression node {}", kind.name()))
                        }
                    };
                    return self.unsupported(what);
                }
            }
        }
        Ok(())
    }

    /// Pushes `[object, key]` of a member expression.
    fn member_parts(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        let children = self.ast.children(i);
        let Some(&object) = children.first() else {
            return self.err("malformed member expression");
        };
        self.expression(object)?;
        if node.kind == NodeKind::StaticMember {
            let key = self.program.string(self.ast.name(node.arg));
            self.emit(CompileCommand::String(key));
        } else {
            let Some(&key) = children.get(1) else {
                return self.err("malformed member expression");
            };
            self.expression(key)?;
        }
        Ok(())
    }

    fn member_reference(&mut self, i: usize) -> Result<()> {
        self.member_parts(i)?;
        let cache = self.cache();
        self.emit(CompileCommand::PropertyReference(cache));
        Ok(())
    }

    /// A simple assignment target as a reference.
    fn target_reference(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        match node.kind {
            NodeKind::IdentifierReference => {
                let sym = self.program.symbol(self.ast.name(node.arg));
                let l = self.resolve(sym)?;
                self.emit_reference(sym, l)
            }
            NodeKind::StaticMember | NodeKind::ComputedMember if !node.has(flags::OPTIONAL) => {
                self.member_reference(i)
            }
            NodeKind::Call if !node.has(flags::OPTIONAL) => self.call_target_reference(i),
            _ => {
                self.span = node.span;
                self.err("invalid assignment target")
            }
        }
    }

    /// B.3.7 Runtime Errors for Function Call Assignment Targets: a call
    /// as an assignment target (sloppy code; the parser rejects it in
    /// strict code) is evaluated, then throws a ReferenceError. A dummy
    /// reference keeps the operand stack shaped for the code after it,
    /// which is unreachable.
    fn call_target_reference(&mut self, i: usize) -> Result<()> {
        self.expression(i)?;
        self.emit(CompileCommand::Discard);
        let error = self.program.symbol("ReferenceError");
        let message = self
            .program
            .string("invalid assignment target: a function call");
        self.emit_all(&[
            CompileCommand::VariableReference(error, Locator::Global),
            CompileCommand::String(message),
            CompileCommand::New(1),
            CompileCommand::Throw,
        ]);
        let t = self.temp()?;
        self.emit(CompileCommand::VariableReference(t.0, t.1));
        self.free_temp(t);
        Ok(())
    }

    fn arguments(&mut self, args: &[usize]) -> Result<u16> {
        for &a in args {
            if self.ast.nodes[a].kind == NodeKind::SpreadElement {
                self.span = self.ast.nodes[a].span;
                return self.unsupported("spread arguments");
            }
            self.expression(a)?;
        }
        u16::try_from(args.len()).or_else(|_| self.err("too many arguments"))
    }

    fn has_spread(&self, args: &[usize]) -> bool {
        args.iter()
            .any(|&a| self.ast.nodes[a].kind == NodeKind::SpreadElement)
    }

    /// `[] -> [array]`: the argument list with spread elements as an array
    /// (13.3.8.1 ArgumentListEvaluation).
    fn spread_arguments(&mut self, args: &[usize]) -> Result<()> {
        self.emit(CompileCommand::Array);
        for &a in args {
            if self.ast.nodes[a].kind == NodeKind::SpreadElement {
                let Some(&e) = self.ast.children(a).first() else {
                    return self.err("malformed spread element");
                };
                self.expression(e)?;
                self.emit(CompileCommand::Helper(Helper::AppendSpread));
            } else {
                self.expression(a)?;
                self.emit(CompileCommand::PushArrayElement);
            }
        }
        Ok(())
    }

    /// 13.3.11.1 TaggedTemplate evaluation: the tag (a member expression
    /// keeps its base as the this value), the site's template object, the
    /// substitutions, then EvaluateCall.
    fn tagged_template(&mut self, children: &[usize]) -> Result<()> {
        let (Some(&tag), Some(&template)) = (children.first(), children.get(1)) else {
            return self.err("malformed tagged template");
        };
        let tn = self.ast.nodes[tag];
        if matches!(tn.kind, NodeKind::StaticMember | NodeKind::ComputedMember)
            && !tn.has(flags::OPTIONAL)
        {
            self.member_reference(tag)?;
        } else {
            self.expression(tag)?;
        }
        let mut site = TemplateSite::default();
        let mut substitutions = Vec::new();
        for c in self.ast.children(template) {
            let cn = self.ast.nodes[c];
            if cn.kind != NodeKind::TemplateElement {
                substitutions.push(c);
                continue;
            }
            let Some(&part) = self.ast.templates.get(cn.arg as usize) else {
                return self.err("malformed template element");
            };
            let cooked = part
                .cooked
                .map(|c| self.program.string_utf16(self.ast.string(c)));
            site.cooked.push(cooked);
            let raw = String::from_utf16_lossy(self.ast.string(part.raw));
            site.raw.push(self.program.string(&raw));
        }
        let Ok(index) = u32::try_from(self.program.templates.len()) else {
            return self.err("too many template literals");
        };
        self.program.templates.push(site);
        self.emit(CompileCommand::TemplateObject(index));
        for &s in &substitutions {
            self.expression(s)?;
        }
        let Ok(n) = u16::try_from(substitutions.len() + 1) else {
            return self.err("too many substitutions");
        };
        self.emit(CompileCommand::Call(n));
        Ok(())
    }

    fn call(&mut self, i: usize, children: &[usize]) -> Result<()> {
        let node = self.ast.nodes[i];
        let Some((&callee, args)) = children.split_first() else {
            return self.err("malformed call");
        };
        let mut callee = callee;
        let mut cn = self.ast.nodes[callee];
        // `o?.m?.()`: the callee is an optional chain of its own; the
        // conditionals of `o?.` close with the call's chain, and `o` is the
        // this value.
        if node.has(flags::OPTIONAL) && cn.kind == NodeKind::OptionalChain {
            if let Some(&inner) = self.ast.children(callee).first() {
                let inn = self.ast.nodes[inner];
                if matches!(inn.kind, NodeKind::StaticMember | NodeKind::ComputedMember)
                    && inn.has(flags::OPTIONAL)
                {
                    callee = inner;
                    cn = inn;
                }
            }
        }
        let member = matches!(cn.kind, NodeKind::StaticMember | NodeKind::ComputedMember);
        if !node.has(flags::OPTIONAL)
            && cn.kind == NodeKind::IdentifierReference
            && self.ast.name(cn.arg) == "eval"
            && !self.has_spread(args)
        {
            // 13.3.6.1 step 6: a possible direct eval.
            self.expression(callee)?;
            let n = self.arguments(args)?;
            self.scope_descriptor()?;
            self.emit(CompileCommand::DirectEval(n));
            return Ok(());
        }
        if self.has_spread(args) {
            // `f(...a)`, `o.m(...a)`, `o?.m(...a)`, `f?.(...a)`:
            // Apply(f, this, [args]) (13.3.6.1 with 13.3.8.1
            // ArgumentListEvaluation).
            let mut this = None;
            if member {
                let o = self.callee_object(callee, cn)?;
                self.member_key(callee)?;
                let cache = self.cache();
                self.emit(CompileCommand::GetProperty(cache));
                this = Some(o);
            } else {
                self.expression(callee)?;
            }
            if node.has(flags::OPTIONAL) {
                let t = self.store_temp()?;
                self.emit_all(&[
                    CompileCommand::VariableReference(t.0, t.1),
                    CompileCommand::Null,
                    CompileCommand::Binary(BinaryOperator::Equality),
                    CompileCommand::IfThen,
                    CompileCommand::Undefined,
                    CompileCommand::Else,
                    CompileCommand::VariableReference(t.0, t.1),
                ]);
                self.bump_optional();
                self.free_temp(t);
            }
            match this {
                Some(o) => {
                    self.emit(CompileCommand::VariableReference(o.0, o.1));
                    self.free_temp(o);
                }
                None => self.emit(CompileCommand::Undefined),
            }
            self.spread_arguments(args)?;
            self.emit(CompileCommand::Helper(Helper::Apply));
            return Ok(());
        }
        if node.has(flags::OPTIONAL) {
            // `f?.()`, `o.m?.()`, `o?.m?.()`: the callee is read once, kept
            // in a temporary for the nullish test, and called with its this
            // value (13.5.1 OptionalChain evaluation).
            let this = if member {
                let this = self.callee_object(callee, cn)?;
                self.member_key(callee)?;
                let cache = self.cache();
                self.emit(CompileCommand::GetProperty(cache));
                Some(this)
            } else {
                self.expression(callee)?;
                None
            };
            let f = self.store_temp()?;
            self.emit_all(&[
                CompileCommand::VariableReference(f.0, f.1),
                CompileCommand::Null,
                CompileCommand::Binary(BinaryOperator::Equality),
                CompileCommand::IfThen,
                CompileCommand::Undefined,
                CompileCommand::Else,
                CompileCommand::VariableReference(f.0, f.1),
            ]);
            self.bump_optional();
            self.free_temp(f);
            if let Some(this) = this {
                self.emit_all(&[
                    CompileCommand::VariableReference(this.0, this.1),
                    CompileCommand::CalleeWithThis,
                ]);
                self.free_temp(this);
            }
        } else if member {
            // `o.m()`, `o?.m()`: GetValue of the callee before the arguments
            // (13.3.6.1), the base kept as the this value.
            self.member_base(callee, cn)?;
            self.member_key(callee)?;
            let cache = self.cache();
            self.emit(CompileCommand::CalleeProperty(cache));
        } else if let Some((inner, im)) = self.parenthesized_chain_member(cn, callee) {
            // `(o?.m)()`: the parenthesized chain is still a property
            // reference, so `o` is the this value (13.2.10, 13.5.1).
            self.emit(CompileCommand::Undefined);
            let this = self.store_temp()?;
            let before = self.optional_depth();
            self.member_base(inner, im)?;
            self.emit_all(&[
                CompileCommand::VariableReference(this.0, this.1),
                CompileCommand::Swap,
                CompileCommand::Assignment,
            ]);
            self.member_key(inner)?;
            let cache = self.cache();
            self.emit(CompileCommand::GetProperty(cache));
            let after = self.optional_depth();
            for _ in before..after {
                self.emit(CompileCommand::ConditionalExpression);
            }
            self.set_optional_depth(before);
            self.emit_all(&[
                CompileCommand::VariableReference(this.0, this.1),
                CompileCommand::CalleeWithThis,
            ]);
            self.free_temp(this);
        } else {
            self.expression(callee)?;
        }
        let n = self.arguments(args)?;
        self.emit(CompileCommand::Call(n));
        Ok(())
    }

    /// Evaluates the base of a member expression, through its optional
    /// step if it has one (`o` of `o.m`, `o?.m`).
    fn member_base(&mut self, member: usize, mn: Node) -> Result<()> {
        let Some(&object) = self.ast.children(member).first() else {
            return self.err("malformed member expression");
        };
        if mn.has(flags::OPTIONAL) {
            self.optional_object(object)
        } else {
            self.expression(object)
        }
    }

    /// Evaluates the base of a member callee (through its optional step,
    /// if any) into a temporary that holds the this value of the call.
    fn callee_object(&mut self, callee: usize, cn: Node) -> Result<(Symbol, Locator)> {
        self.member_base(callee, cn)?;
        let this = self.store_temp()?;
        self.emit(CompileCommand::VariableReference(this.0, this.1));
        Ok(this)
    }

    /// The member expression at the end of a parenthesized optional chain
    /// used as a callee (`(o?.m)()`), if that is what `callee` is.
    fn parenthesized_chain_member(&self, cn: Node, callee: usize) -> Option<(usize, Node)> {
        if cn.kind != NodeKind::OptionalChain {
            return None;
        }
        let &inner = self.ast.children(callee).first()?;
        let im = self.ast.nodes[inner];
        matches!(im.kind, NodeKind::StaticMember | NodeKind::ComputedMember).then_some((inner, im))
    }

    fn member_key(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        if node.kind == NodeKind::StaticMember {
            let key = self.program.string(self.ast.name(node.arg));
            self.emit(CompileCommand::String(key));
        } else {
            let Some(&key) = self.ast.children(i).get(1) else {
                return self.err("malformed member expression");
            };
            self.expression(key)?;
        }
        Ok(())
    }

    /// `object?.` : evaluates the object into a temporary, opens
    /// `if (t == null) undefined else` and pushes the object again. The
    /// enclosing OptionalChain closes the conditional.
    fn optional_object(&mut self, object: usize) -> Result<()> {
        self.expression(object)?;
        let t = self.store_temp()?;
        self.emit_all(&[
            CompileCommand::VariableReference(t.0, t.1),
            CompileCommand::Null,
            CompileCommand::Binary(BinaryOperator::Equality),
            CompileCommand::IfThen,
            CompileCommand::Undefined,
            CompileCommand::Else,
            CompileCommand::VariableReference(t.0, t.1),
        ]);
        self.bump_optional();
        self.free_temp(t);
        Ok(())
    }

    fn optional_step(&mut self, i: usize) -> Result<()> {
        let Some(&object) = self.ast.children(i).first() else {
            return self.err("malformed member expression");
        };
        self.optional_object(object)?;
        self.member_key(i)?;
        let cache = self.cache();
        self.emit(CompileCommand::GetProperty(cache));
        Ok(())
    }

    fn optional_depth(&self) -> usize {
        self.optional
    }

    fn set_optional_depth(&mut self, d: usize) {
        self.optional = d;
    }

    fn bump_optional(&mut self) {
        self.optional += 1;
    }

    fn property_key(&mut self, key: usize) -> Result<()> {
        let kn = self.ast.nodes[key];
        match kn.kind {
            NodeKind::IdentifierName => {
                let s = self.program.string(self.ast.name(kn.arg));
                self.emit(CompileCommand::String(s));
            }
            NodeKind::ComputedPropertyName => {
                let Some(&e) = self.ast.children(key).first() else {
                    return self.err("malformed computed key");
                };
                self.expression(e)?;
            }
            NodeKind::NumericLiteral => {
                // ToPropertyKey of a number literal is its canonical string.
                let n = self.ast.numbers.get(kn.arg as usize).copied();
                self.emit(CompileCommand::Number(n.unwrap_or(f64::NAN)));
            }
            _ => self.expression(key)?,
        }
        Ok(())
    }

    /// 13.2.5.5 PropertyDefinitionEvaluation: `[object] -> [object]`.
    fn property_definition(&mut self, c: usize) -> Result<()> {
        use CompileCommand as C;
        let cn = self.ast.nodes[c];
        self.span = cn.span;
        let children = self.ast.children(c);
        match cn.kind {
            NodeKind::Property => {
                let [key, value] = children[..] else {
                    return self.err("malformed property");
                };
                let kn = self.ast.nodes[key];
                // B.3.1: `__proto__: v` sets the prototype.
                let is_proto = match kn.kind {
                    NodeKind::IdentifierName => self.ast.name(kn.arg) == "__proto__",
                    NodeKind::StringLiteral => {
                        String::from_utf16_lossy(self.ast.string(kn.arg)) == "__proto__"
                    }
                    _ => false,
                };
                if is_proto {
                    self.expression(value)?;
                    self.emit(C::Helper(Helper::SetPrototype));
                    return Ok(());
                }
                let k = self.definition_key(key)?;
                let name = self.static_key_name(key);
                self.enter(value)?;
                let r = self.expression_inner(value, name);
                self.leave();
                r?;
                // 13.2.5.5 step 5: NamedEvaluation with a computed key.
                if let Some(k) = k {
                    if self.is_anonymous_function(value) {
                        self.emit_all(&[
                            C::VariableReference(k.0, k.1),
                            C::Helper(Helper::SetFunctionName),
                        ]);
                    }
                    self.free_temp(k);
                }
                self.emit(C::CreateDataProperty);
            }
            NodeKind::IdentifierReference => {
                let s = self.program.string(self.ast.name(cn.arg));
                self.emit(C::String(s));
                self.reference(cn.arg)?;
                self.emit(C::CreateDataProperty);
            }
            NodeKind::Method => {
                let Some(&key) = children.first() else {
                    return self.err("malformed method");
                };
                let (prefix, set_name, finish) = if cn.has(flags::GETTER) {
                    (
                        "get ",
                        Helper::SetGetterName,
                        C::Helper(Helper::DefineGetter),
                    )
                } else if cn.has(flags::SETTER) {
                    (
                        "set ",
                        Helper::SetSetterName,
                        C::Helper(Helper::DefineSetter),
                    )
                } else {
                    ("", Helper::SetFunctionName, C::CreateDataProperty)
                };
                let k = self.definition_key(key)?;
                let name = self.static_key_name(key).map(|s| {
                    let n = format!("{prefix}{}", self.program.symbol_name(s));
                    self.program.symbol(&n)
                });
                self.function(c, name)?;
                if let Some(k) = k {
                    self.emit_all(&[C::VariableReference(k.0, k.1), C::Helper(set_name)]);
                    self.free_temp(k);
                }
                self.emit(finish);
            }
            NodeKind::SpreadElement => {
                // 13.2.5.5 PropertyDefinition : ... AssignmentExpression
                // (7.3.25 CopyDataProperties).
                let Some(&e) = children.first() else {
                    return self.err("malformed spread element");
                };
                self.expression(e)?;
                self.emit(C::Helper(Helper::CopyDataProperties));
            }
            _ => return self.err("invalid property definition"),
        }
        Ok(())
    }

    /// Pushes the key of a property definition; a computed or numeric key
    /// is converted once (ToPropertyKey) and also kept in a temporary for
    /// SetFunctionName, which the caller frees.
    fn definition_key(&mut self, key: usize) -> Result<Option<(Symbol, Locator)>> {
        match self.ast.nodes[key].kind {
            NodeKind::IdentifierName | NodeKind::StringLiteral => {
                self.property_key(key)?;
                Ok(None)
            }
            _ => {
                self.property_key(key)?;
                self.emit(CompileCommand::Helper(Helper::ToPropertyKey));
                let t = self.store_temp()?;
                self.emit(CompileCommand::VariableReference(t.0, t.1));
                Ok(Some(t))
            }
        }
    }

    /// The function name of a literal key known statically.
    fn static_key_name(&mut self, key: usize) -> Option<Symbol> {
        let kn = self.ast.nodes[key];
        match kn.kind {
            NodeKind::IdentifierName => Some(self.program.symbol(self.ast.name(kn.arg))),
            NodeKind::StringLiteral => {
                let s = String::from_utf16_lossy(self.ast.string(kn.arg));
                Some(self.program.symbol(&s))
            }
            _ => None,
        }
    }

    /// 8.4.3 IsAnonymousFunctionDefinition (classes are not supported).
    fn is_anonymous_function(&self, i: usize) -> bool {
        let node = self.ast.nodes[i];
        match node.kind {
            NodeKind::ArrowFunction => true,
            NodeKind::FunctionExpression => self
                .ast
                .children(i)
                .first()
                .is_none_or(|&c| self.ast.nodes[c].kind != NodeKind::BindingIdentifier),
            _ => false,
        }
    }
}

/// The binary operator of a binary expression node kind.
/// The statements whose completion value is UpdateEmpty(..., undefined).
fn resets_completion(kind: NodeKind) -> bool {
    use NodeKind as K;
    matches!(
        kind,
        K::If | K::While | K::DoWhile | K::For | K::ForIn | K::ForOf | K::Switch | K::Try | K::With
    )
}

fn binary_operator(kind: NodeKind) -> Option<BinaryOperator> {
    use BinaryOperator as B;
    use NodeKind as K;
    Some(match kind {
        K::Exponent => B::Exponentiation,
        K::Multiply => B::Multiplication,
        K::Divide => B::Division,
        K::Remainder => B::Remainder,
        K::Add => B::Addition,
        K::Subtract => B::Subtraction,
        K::ShiftLeft => B::LeftShift,
        K::ShiftRight => B::SignedRightShift,
        K::ShiftRightUnsigned => B::UnsignedRightShift,
        K::Less => B::LessThan,
        K::Greater => B::GreaterThan,
        K::LessEqual => B::LessThanOrEqual,
        K::GreaterEqual => B::GreaterThanOrEqual,
        K::Instanceof => B::InstanceOf,
        K::In => B::In,
        K::Equal => B::Equality,
        K::NotEqual => B::Inequality,
        K::StrictEqual => B::StrictEquality,
        K::StrictNotEqual => B::StrictInequality,
        K::BitAnd => B::BitwiseAnd,
        K::BitXor => B::BitwiseXor,
        K::BitOr => B::BitwiseOr,
        _ => return None,
    })
}
