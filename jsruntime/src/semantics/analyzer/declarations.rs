//! The declare pass (VarDeclaredNames, BoundNames, LexicallyDeclaredNames),
//! block scopes (14.2.3 BlockDeclarationInstantiation), hoisted function
//! declarations and `var`/`let`/`const` declaration lists.

use super::*;

impl<'a> Analyzer<'a> {
    /// VarDeclaredNames and the top-level function declarations of a
    /// statement (14.1 .. 14.15 VarScopedDeclarations).
    pub(super) fn var_names(
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
    pub(super) fn bound_names(&mut self, i: usize, out: &mut Vec<String>) -> Result<()> {
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
    pub(super) fn lexical_names(&mut self, statements: &[usize]) -> Result<Vec<(String, bool)>> {
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

    /// The BindingIdentifier of a function declaration.
    pub(super) fn declared_name(&self, f: usize) -> Option<String> {
        let &name = self.ast.children(f).first()?;
        (self.ast.nodes[name].kind == NodeKind::BindingIdentifier)
            .then(|| self.ast.name(self.ast.nodes[name].arg).to_owned())
    }

    /// Declares the lexical bindings of a statement list in `scope`; returns
    /// the function declarations to instantiate at the scope's entry.
    pub(super) fn declare_lexical(
        &mut self,
        scope: ScopeRef,
        statements: &[usize],
    ) -> Result<Vec<usize>> {
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
    pub(super) fn enter_block(&mut self, statements: &[usize]) -> Result<Option<ScopeRef>> {
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

    pub(super) fn leave_block(&mut self, scope: Option<ScopeRef>) {
        if let Some(scope) = scope {
            self.emit(CompileCommand::PopScope(scope));
            self.cur().chain.pop();
        }
    }

    /// InstantiateFunctionObject at the entry of its scope.
    pub(super) fn emit_hoisted_function(&mut self, i: usize) -> Result<()> {
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
