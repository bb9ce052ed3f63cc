//! Functions, arrows and methods: closures, bodies and parameters (10.2.11
//! FunctionDeclarationInstantiation), `this`, `new.target` and the
//! arguments object.

use jsparser::syntax::static_semantics as ss;

use super::*;

impl<'a> Analyzer<'a> {
    /// Analyzes a function, arrow or method node and emits its `Closure` and
    /// `Capture` commands in the current function.
    pub(super) fn function(&mut self, i: usize, name: Option<Symbol>) -> Result<()> {
        let node = self.ast.nodes[i];
        self.span = node.span;
        let pending = std::mem::take(&mut self.pending_method);
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
            || self.class_depth > 0
            || (body_node.kind == NodeKind::FunctionBody && body_node.has(flags::STRICT));
        self.push_fn(id, arrow, false, strict);
        self.cur().script.flags.method = node.kind == NodeKind::Method;
        self.cur().script.flags.generator = node.has(flags::GENERATOR);
        self.cur().script.flags.r#async = node.has(flags::ASYNC);
        // 20.2.3.5: a class constructor's text is the whole class.
        self.cur().script.source = Some(pending.ctor.map_or(node.span, |c| c.source));
        self.cur().home = pending.home;
        self.begin_class_function(pending.ctor)?;
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
            let captured = self
                .cur()
                .variables_named(sym)
                .any(|v| v.locator == l && v.captured);
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

    pub(super) fn emit_closure(&mut self, id: FunctionId, sources: &[Locator]) {
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
        // 15.1.5 ExpectedArgumentCount (#sec-static-semantics-expectedargumentcount).
        let expected = ss::expected_argument_count(&self.ast.nodes, params);
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
                self.bound_names(p, &mut names);
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
                self.bound_names(target, &mut names);
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
        self.var_names(&statements, &mut var_names, &mut functions);
        // B.3.2.1: block-level functions also declare a `var`.
        let mut param_names = Vec::new();
        self.bound_names(params, &mut param_names);
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
            let exists = self.cur().variable_in(var_scope, sym).is_some();
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
        self.class_constructor_prologue()?;
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
        self.generator_start();
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

    /// Whether one of the function declarations `functions` is named `name`.
    fn declares_function(&mut self, functions: &[usize], name: &str) -> bool {
        functions
            .iter()
            .any(|&f| self.declared_name(f).as_deref() == Some(name))
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

    /// `this`: an arrow function reads the binding of its enclosing
    /// function (declared there on first use).
    pub(super) fn this_expression(&mut self) -> Result<()> {
        if self.this_is_derived() {
            // 9.1.1.3.4 GetThisBinding of a derived constructor.
            let sym = self.program.symbol("this");
            let l = self.resolve(sym)?;
            self.emit(CompileCommand::VariableReference(sym, l));
            self.emit(CompileCommand::Helper(Helper::CheckThis));
            return Ok(());
        }
        let arrow = self.cur().arrow;
        if arrow {
            let sym = self.program.symbol("this");
            let l = self.resolve(sym)?;
            self.emit(CompileCommand::VariableReference(sym, l));
        } else {
            self.emit(CompileCommand::This);
        }
        Ok(())
    }

    /// 13.3.12.1: GetNewTarget of the nearest non-arrow function.
    pub(super) fn new_target(&mut self) -> Result<()> {
        let sym = self.program.symbol(NEW_TARGET);
        let locator = self.resolve(sym)?;
        self.emit(CompileCommand::VariableReference(sym, locator));
        Ok(())
    }
}

/// 10.2.11 step 22: the arguments object of a finished function. A mapped
/// one aliases its parameters, which therefore live in capture cells.
pub(super) fn arguments_mapping(f: &mut FnCtx) -> ArgumentsMapping {
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
