//! `with` statements (ECMA-262 14.11) and identifier references that
//! resolve through them.
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

use super::*;

/// Prefix of the hidden binding of a `with` scope.
const WITH_BINDING: &str = "%with";

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
        let n = self.cur().with_scopes.len();
        let holder = self.program.symbol(&format!("{WITH_BINDING}{n}"));
        let scope = self.new_scope();
        let locator = Locator::Local(self.new_local()?);
        self.push_variable(scope, holder, VariableKind::Const, locator);
        self.cur().with_scopes.push((scope, holder));
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

    /// The hidden bindings of the `with` scopes that a reference to `sym`
    /// at the current point passes before reaching its binding, innermost
    /// first (9.1.2.1 GetIdentifierReference walks the same chain).
    pub(super) fn with_envs(&self, sym: Symbol) -> Vec<Symbol> {
        let mut envs = Vec::new();
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
                if let Some(&(_, holder)) = f.with_scopes.iter().find(|(s, _)| *s == scope) {
                    envs.push(holder);
                }
            }
            // `arguments` of a non-arrow function is declared on first use.
            if name == "arguments" && !f.arrow && !f.is_script {
                return envs;
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
        for &holder in &envs {
            let l = self.resolve(holder)?;
            self.emit(CompileCommand::VariableReference(holder, l));
        }
        let name = self.program.symbol_name(sym).to_owned();
        let key = self.program.string(&name);
        self.emit(CompileCommand::String(key));
        self.emit(CompileCommand::DynamicReference {
            symbol: sym,
            locator,
            envs: envs.len() as u16,
            with_mask: (1u64 << envs.len()).wrapping_sub(1) as u32,
        });
        Ok(())
    }
}
