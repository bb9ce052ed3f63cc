//! Function 0 of a Script or of eval code: its top-level declarations
//! (16.1.7 GlobalDeclarationInstantiation, 19.2.1.3
//! EvalDeclarationInstantiation) and its statements.

use super::*;

impl<'a> Analyzer<'a> {
    /// Function 0 of a script or of eval code: its top-level declarations
    /// are recorded in [`Program::declarations`] for the executor (16.1.7
    /// GlobalDeclarationInstantiation, 19.2.1.3 EvalDeclarationInstantiation)
    /// instead of being locals; the statements' completion value (a hidden
    /// local) is returned.
    pub(super) fn top_level(&mut self, statements: &[usize], mode: TopLevel) -> Result<()> {
        let scope = ScopeRef(0);
        let mut new_vars = Vec::new();
        let mut var_names = Vec::new();
        let mut functions = Vec::new();
        self.var_names(statements, &mut var_names, &mut functions);
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
            // 16.1.7 step 10: the last declaration of a name wins, in the
            // order of the last ones (sets, not scans: 100,000 top-level
            // functions were quadratic).
            let mut function_syms = Vec::new();
            for &f in &functions {
                if let Some(n) = self.declared_name(f) {
                    function_syms.push(self.program.symbol(&n));
                }
            }
            let mut seen = std::collections::HashSet::new();
            let mut function_names: Vec<Symbol> = function_syms
                .iter()
                .rev()
                .filter(|&&s| seen.insert(s))
                .copied()
                .collect();
            function_names.reverse();
            let mut decls = TopLevelDeclarations {
                deletable: mode == TopLevel::SloppyEval,
                ..TopLevelDeclarations::default()
            };
            for n in &var_names {
                let sym = self.program.symbol(n);
                if !seen.contains(&sym) {
                    decls.vars.push(sym);
                }
            }
            decls.functions = function_names;
            decls.annex_b_functions = annex_b_names
                .iter()
                .map(|n| self.program.symbol(n))
                .collect();
            if mode == TopLevel::Script {
                for (n, is_const) in self.lexical_names(statements) {
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
        if self.wants_chunks(mode, statements, &functions) {
            // A huge top level: separately compiled chunks (`chunks.rs`).
            self.chunked_top_level(&functions, statements)?;
        } else {
            for f in functions {
                self.emit_hoisted_function(f)?;
            }
            for &s in statements {
                self.statement(s)?;
            }
        }
        let sym = self.program.symbol("%completion");
        self.emit(CompileCommand::VariableReference(sym, completion));
        self.emit(CompileCommand::Return(true));
        self.emit(CompileCommand::PopScope(scope));
        Ok(())
    }
}
