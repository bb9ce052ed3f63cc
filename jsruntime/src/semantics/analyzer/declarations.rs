//! The declare pass (VarDeclaredNames, BoundNames, LexicallyDeclaredNames),
//! block scopes (14.2.3 BlockDeclarationInstantiation), hoisted function
//! declarations and `var`/`let`/`const` declaration lists.

use jsparser::syntax::static_semantics::{self as ss, Level};

use super::*;

impl<'a> Analyzer<'a> {
    /// 8.2.10 TopLevelVarDeclaredNames
    /// (#sec-static-semantics-toplevelvardeclarednames) of `statements`
    /// appended to `out` without duplicates, and the function declarations
    /// among their 8.2.11 TopLevelVarScopedDeclarations appended to
    /// `functions`, in source order.
    pub(super) fn var_names(
        &mut self,
        statements: &[usize],
        out: &mut Vec<String>,
        functions: &mut Vec<usize>,
    ) {
        let ast = self.ast;
        let nodes = &ast.nodes[..];
        // The walk holds the scratch: collect the declarations first.
        let mut declarations = Vec::new();
        for &s in statements {
            ss::var_scoped_declarations(nodes, s, Level::TopLevel, &mut self.scratch, |d| {
                declarations.push(d)
            });
        }
        // A set beside `out`: a linear search per name made a script of
        // 40,000 `var`s quadratic.
        let mut seen: std::collections::HashSet<String> = out.iter().cloned().collect();
        let mut names = Vec::new();
        for d in declarations {
            if nodes[d].kind == NodeKind::FunctionDeclaration {
                functions.push(d);
            }
            self.bound_names(d, &mut names);
            for name in names.drain(..) {
                if seen.insert(name.clone()) {
                    out.push(name);
                }
            }
        }
    }

    /// 8.2.1 BoundNames (#sec-static-semantics-boundnames) of `root` (a
    /// binding target, a FormalParameters or a declaration) appended to
    /// `out`, skipping names already in it.
    pub(super) fn bound_names(&mut self, root: usize, out: &mut Vec<String>) {
        let ast = self.ast;
        ss::bound_names(&ast.nodes, root, &mut self.scratch, |b| {
            push_new(out, ast.name(ast.nodes[b].arg))
        });
    }

    /// The names of the `let`, `const` and `class` declarations of a
    /// statement list (those of its 8.2.9 TopLevelLexicallyScopedDeclarations:
    /// function declarations are not among them), with whether they are
    /// `const` (8.2.3 IsConstantDeclaration).
    pub(super) fn lexical_names(&mut self, statements: &[usize]) -> Vec<(String, bool)> {
        let ast = self.ast;
        let nodes = &ast.nodes[..];
        let mut out = Vec::new();
        for &s in statements {
            if let Some(d) = ss::lexically_scoped_declaration(nodes, s, Level::TopLevel) {
                // A class declaration's binding exists (with its TDZ) even
                // though class evaluation is not supported yet.
                let is_const = ss::is_constant_declaration(nodes, d);
                let mut names = Vec::new();
                self.bound_names(d, &mut names);
                out.extend(names.into_iter().map(|n| (n, is_const)));
            }
        }
        out
    }

    /// The BindingIdentifier of a function declaration (its BoundNames).
    pub(super) fn declared_name(&mut self, f: usize) -> Option<String> {
        let mut names = Vec::new();
        self.bound_names(f, &mut names);
        names.pop()
    }

    /// Declares the lexical bindings of a statement list in `scope`; returns
    /// the function declarations to instantiate at the scope's entry.
    /// Scope 0 is a top level, whose function declarations are var-scoped
    /// (8.2.9); in any other scope they are lexically scoped (8.2.5), also
    /// under labels (`{ l: function f() {} }`, sloppy code).
    pub(super) fn declare_lexical(
        &mut self,
        scope: ScopeRef,
        statements: &[usize],
    ) -> Result<Vec<usize>> {
        for (n, is_const) in self.lexical_names(statements) {
            let kind = if is_const {
                VariableKind::Const
            } else {
                VariableKind::Let
            };
            self.declare(scope, &n, kind)?;
        }
        let level = if scope.0 == 0 {
            Level::TopLevel
        } else {
            Level::Block
        };
        let ast = self.ast;
        let nodes = &ast.nodes[..];
        let mut functions = Vec::new();
        for &s in statements {
            if let Some(f) = ss::lexically_scoped_declaration(nodes, s, level)
                .filter(|&d| nodes[d].kind == NodeKind::FunctionDeclaration)
            {
                if let Some(n) = self.declared_name(f) {
                    self.declare(scope, &n, VariableKind::Function)?;
                }
                functions.push(f);
            }
        }
        Ok(functions)
    }

    /// Enters a block-like statement list: a new scope if it declares
    /// lexical bindings. Returns the scope to pop.
    pub(super) fn enter_block(&mut self, statements: &[usize]) -> Result<Option<ScopeRef>> {
        // 14.2.3 BlockDeclarationInstantiation: its LexicallyScopedDeclarations.
        let ast = self.ast;
        let nodes = &ast.nodes[..];
        let has_lexical = statements
            .iter()
            .any(|&s| ss::lexically_scoped_declaration(nodes, s, Level::Block).is_some());
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

    pub(super) fn leave_block(&mut self, scope: Option<ScopeRef>) {
        if let Some(scope) = scope {
            self.emit(CompileCommand::PopScope(scope));
            self.cur().chain.pop();
        }
    }

    /// InstantiateFunctionObject at the entry of its scope.
    pub(super) fn emit_hoisted_function(&mut self, i: usize) -> Result<()> {
        let Some(n) = self.declared_name(i) else {
            return Ok(());
        };
        let sym = self.program.symbol(&n);
        let locator = self.resolve(sym)?;
        self.emit_reference(sym, locator)?;
        self.function(i, Some(sym))?;
        self.emit(CompileCommand::Initialize);
        Ok(())
    }

    /// A `var` (`mode` Assign) or `let`/`const` (`mode` Initialize)
    /// declaration list (14.3.1.2, 14.3.2.1).
    pub(super) fn declaration_list(&mut self, children: &[usize], mode: BindMode) -> Result<()> {
        for &d in children {
            self.declarator(d, mode)?;
        }
        Ok(())
    }

    pub(super) fn declarator(&mut self, d: usize, mode: BindMode) -> Result<()> {
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
}

/// Appends `name` to `names` unless it is there already.
pub(super) fn push_new(names: &mut Vec<String>, name: &str) {
    if !names.iter().any(|x| x == name) {
        names.push(name.to_owned());
    }
}
