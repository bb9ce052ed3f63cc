//! Direct eval (19.2.1.1 PerformEval): the scope descriptor emitted at
//! a call `eval(...)`, and the analysis of the eval code against it.

use super::*;

impl<'a> Analyzer<'a> {
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
        self.direct_eval = true;
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
        if let Some(h) = eval_scope.home {
            self.eval_home = visible.get(h as usize).map(|v| v.0);
            // Hidden names made for the eval code (`%protoN` of its own
            // classes) must not shadow the captured home binding.
            if let Some(home) = self.eval_home {
                let name = self.program.symbol_name(home);
                let digits = name.trim_start_matches(|c: char| !c.is_ascii_digit());
                if let Ok(n) = digits.parse::<u32>() {
                    self.labels = self.labels.max(n);
                }
            }
        }
        if eval_scope.field_initializer && self.contains_arguments(root) {
            return self.early_error(
                "'arguments' is not allowed in class field initializer or static initialization block"
                    .to_owned(),
            );
        }
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
            self.var_names(&statements, &mut var_names, &mut functions);
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

    /// 13.3.6.1 step 6: `eval(args)`, a possible direct eval: the callee,
    /// the arguments, then the scope descriptor of the call.
    pub(super) fn direct_eval(&mut self, callee: usize, args: &[usize]) -> Result<()> {
        self.expression(callee)?;
        let n = self.arguments(args)?;
        self.scope_descriptor()?;
        self.emit(CompileCommand::DirectEval(n));
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
        // 19.2.1.1 steps 6.b-c: in a method, the eval code may use
        // `super.x` (the descriptor captures the [[HomeObject]] binding); in
        // a field initializer it must not contain `arguments`.
        let (home, field_initializer) = match self.fns.iter().rev().find(|f| !f.arrow) {
            Some(f) => (f.home, f.field_initializer),
            None => (self.eval_home, false),
        };
        let home_index = match home {
            Some(h) => {
                names.push(h);
                bindings.push(EvalBinding::Outer);
                Some(names.len() as u32 - 1)
            }
            None => None,
        };
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
                home: home_index,
                field_initializer,
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

    /// 15.7.? ContainsArguments of eval code (19.2.1.1 step 6.c): an
    /// `arguments` reference outside non-arrow functions.
    fn contains_arguments(&self, i: usize) -> bool {
        let start = self.ast.first_descendant(i);
        let mut j = i;
        while j > start {
            j -= 1;
            let node = self.ast.nodes[j];
            match node.kind {
                NodeKind::FunctionExpression | NodeKind::FunctionDeclaration | NodeKind::Method => {
                    j = self.ast.first_descendant(j);
                }
                NodeKind::IdentifierReference if self.ast.name(node.arg) == "arguments" => {
                    return true;
                }
                _ => {}
            }
        }
        false
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
}
