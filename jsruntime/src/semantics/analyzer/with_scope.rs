//! `with` statements (ECMA-262 14.11), the dynamic variable environments of
//! functions that contain a sloppy direct eval, and the identifier
//! references that resolve through them.
//!
//! A `with` statement gets a scope of its own holding one hidden binding,
//! `%withN`, initialised with ToObject of its expression: the binding object
//! of its Object Environment Record (9.1.1.2, 14.11.2 steps 3-5). A
//! reference whose scope chain walk passes such scopes before reaching its
//! binding (in this or an enclosing function) compiles to
//! `DynamicReference`: the hidden bindings (captured like any binding by
//! closures created inside the `with`) are pushed innermost first, then the
//! name; the backend searches the objects at runtime and falls back to the
//! static binding. References that pass no `with` scope compile exactly as
//! before.
//!
//! A sloppy function (or arrow) whose own code contains a direct `eval`
//! gets a hidden `%varenvN` binding in its function scope: an object with a
//! null prototype, created in the prologue, that receives the `var`s and
//! functions which sloppy eval code declares and the function did not
//! declare statically (19.2.1.3 EvalDeclarationInstantiation step 11: the
//! caller's variable environment). References that leave that function's
//! scope without finding their name search it like a `with` object, but
//! without @@unscopables and with an undefined this value.

use super::*;

/// Prefix of the hidden binding of a `with` scope.
const WITH_BINDING: &str = "%with";
/// Prefix of the hidden binding of a dynamic variable environment.
pub(super) const VAR_ENV_BINDING: &str = "%varenv";

/// Whether `name` is the hidden binding of a dynamic environment.
pub(super) fn is_env_binding(name: &str) -> bool {
    name.starts_with(WITH_BINDING) || name.starts_with(VAR_ENV_BINDING)
}

impl<'a> Analyzer<'a> {
    /// 14.11.2 Runtime Semantics: Evaluation of `with (Expression) Statement`.
    pub(super) fn with_statement(&mut self, children: &[usize]) -> Result<()> {
        let [object, body] = children[..] else {
            return self.err("malformed with statement");
        };
        // Steps 1-2: ToObject(? GetValue(val)).
        self.expression(object)?;
        self.emit(CompileCommand::Helper(Helper::ToObject));
        // Steps 3-5: a new object environment with withEnvironment true.
        let holder = self.env_binding_name(WITH_BINDING);
        let scope = self.new_scope();
        let locator = Locator::Local(self.new_local()?);
        self.push_variable(scope, holder, VariableKind::Const, locator);
        self.cur().with_scopes.push((scope, holder, true));
        self.cur().chain.push(scope);
        self.emit(CompileCommand::PushScope(scope));
        self.emit(CompileCommand::DeclareVars(scope));
        self.emit_all(&[
            CompileCommand::VariableReference(holder, locator),
            CompileCommand::Swap,
            CompileCommand::Initialize,
        ]);
        // Steps 6-8: the body; its completion value is the statement's
        // (UpdateEmpty(C, undefined) is the reset done by `statement`).
        self.statement(body)?;
        self.leave_block(Some(scope));
        Ok(())
    }

    /// A fresh name for the hidden binding of a dynamic environment
    /// (unique in the program, so that inner functions reach outer ones).
    pub(super) fn env_binding_name(&mut self, prefix: &str) -> Symbol {
        let n = self.env_bindings;
        self.env_bindings += 1;
        self.program.symbol(&format!("{prefix}{n}"))
    }

    /// Whether the code of function or arrow `i` (parameters and body, not
    /// nested functions or classes) contains a call that may be a direct
    /// eval (13.3.6.1 step 6).
    pub(super) fn contains_direct_eval(&self, i: usize) -> bool {
        let start = self.ast.first_descendant(i);
        let mut j = i;
        while j > start {
            j -= 1;
            let node = self.ast.nodes[j];
            match node.kind {
                NodeKind::FunctionExpression
                | NodeKind::FunctionDeclaration
                | NodeKind::ArrowFunction
                | NodeKind::Method
                | NodeKind::ClassExpression
                | NodeKind::ClassDeclaration => {
                    // Skip the nested function's subtree.
                    j = self.ast.first_descendant(j);
                }
                NodeKind::Call if !node.has(flags::OPTIONAL) => {
                    let callee = self.ast.children(j).first().copied();
                    if let Some(c) = callee {
                        let cn = self.ast.nodes[c];
                        if cn.kind == NodeKind::IdentifierReference
                            && self.ast.name(cn.arg) == "eval"
                        {
                            return true;
                        }
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Declares the dynamic variable environment of the current function
    /// (see the module documentation).
    pub(super) fn declare_var_env(&mut self) -> Result<()> {
        let holder = self.env_binding_name(VAR_ENV_BINDING);
        let locator = Locator::Local(self.new_local()?);
        self.push_variable(ScopeRef(0), holder, VariableKind::Var, locator);
        self.cur().var_env = Some(holder);
        Ok(())
    }

    /// Creates the dynamic variable environment, if the function has one;
    /// emitted after its `DeclareVars(0)`.
    pub(super) fn init_var_env(&mut self) -> Result<()> {
        let Some(holder) = self.cur().var_env else {
            return Ok(());
        };
        let locator = self.resolve(holder)?;
        self.emit_all(&[
            CompileCommand::VariableReference(holder, locator),
            CompileCommand::Object,
            CompileCommand::Null,
            CompileCommand::Helper(Helper::SetPrototype),
            CompileCommand::Initialize,
        ]);
        Ok(())
    }

    /// The hidden bindings of the dynamic environments that a reference to
    /// `sym` at the current point passes before reaching its binding,
    /// innermost first, each with whether it is a `with` object (9.1.2.1
    /// GetIdentifierReference walks the same chain).
    pub(super) fn with_envs(&self, sym: Symbol) -> Vec<(Symbol, bool)> {
        let mut envs = Vec::new();
        if !self
            .fns
            .iter()
            .any(|f| !f.with_scopes.is_empty() || f.var_env.is_some())
        {
            return envs;
        }
        let name = self.program.symbol_name(sym);
        if name.starts_with('%') || name == "this" || name == NEW_TARGET {
            return envs;
        }
        for f in self.fns.iter().rev() {
            for &scope in f.chain.iter().rev() {
                let declared = f
                    .script
                    .scopes
                    .get(scope.0 as usize)
                    .is_some_and(|s| s.variables.iter().any(|v| v.symbol == sym));
                if declared {
                    return envs;
                }
                if let Some(&(_, holder, with)) = f.with_scopes.iter().find(|e| e.0 == scope) {
                    envs.push((holder, with));
                }
            }
            // `arguments` of a non-arrow function is declared on first use.
            if name == "arguments" && !f.arrow && !f.is_script {
                return envs;
            }
            if let Some(holder) = f.var_env {
                envs.push((holder, false));
            }
        }
        envs
    }

    /// Emits the reference to `sym` whose static binding is `locator`:
    /// a `VariableReference`, or a `DynamicReference` inside `with`.
    pub(super) fn emit_reference(&mut self, sym: Symbol, locator: Locator) -> Result<()> {
        let envs = self.with_envs(sym);
        if envs.is_empty() {
            self.emit(CompileCommand::VariableReference(sym, locator));
            return Ok(());
        }
        if envs.len() > 32 {
            return self.err("too many nested with statements");
        }
        let mut with_mask = 0u32;
        for (i, &(holder, with)) in envs.iter().enumerate() {
            let l = self.resolve(holder)?;
            self.emit(CompileCommand::VariableReference(holder, l));
            if with {
                with_mask |= 1 << i;
            }
        }
        let name = self.program.symbol_name(sym).to_owned();
        let key = self.program.string(&name);
        self.emit(CompileCommand::String(key));
        self.emit(CompileCommand::DynamicReference {
            symbol: sym,
            locator,
            envs: envs.len() as u16,
            with_mask,
        });
        Ok(())
    }

    /// Function 0 of direct eval code (standing for the caller): the
    /// visible bindings of the scope descriptor (innermost first) become
    /// its scope chain, a new scope starting at each hidden environment
    /// binding, so that references from the eval code pass the caller's
    /// `with` objects and dynamic variable environment where the caller's
    /// own references do.
    pub(super) fn caller_scopes(
        &mut self,
        visible: &[(Symbol, Option<EvalBinding>)],
    ) -> Result<()> {
        let mut current = ScopeRef(0);
        for (i, &(sym, _)) in visible.iter().enumerate().rev() {
            let name = self.program.symbol_name(sym).to_owned();
            if is_env_binding(&name) {
                current = self.new_scope();
                let with = name.starts_with(WITH_BINDING);
                let f = self.cur();
                f.chain.push(current);
                f.with_scopes.push((current, sym, with));
                // Fresh names of this program must not clash with these.
                let digits = name.trim_start_matches(|c: char| !c.is_ascii_digit());
                if let Ok(n) = digits.parse::<u32>() {
                    self.env_bindings = self.env_bindings.max(n.saturating_add(1));
                }
            }
            self.push_variable(current, sym, VariableKind::Var, Locator::Capture(i as u16));
        }
        Ok(())
    }

    /// Sloppy direct eval code in a function: its new `var`s (and
    /// functions) become bindings of the caller's dynamic variable
    /// environment (19.2.1.3 step 11).
    pub(super) fn declare_eval_vars(&mut self, names: &[Symbol]) -> Result<()> {
        let Some(holder) = self.eval_var_object else {
            return Ok(());
        };
        for &sym in names {
            let l = self.resolve(holder)?;
            let name = self.program.symbol_name(sym).to_owned();
            let key = self.program.string(&name);
            self.emit_all(&[
                CompileCommand::VariableReference(holder, l),
                CompileCommand::String(key),
                CompileCommand::Helper(Helper::DeclareEvalVar),
                CompileCommand::Discard,
            ]);
        }
        Ok(())
    }
}
