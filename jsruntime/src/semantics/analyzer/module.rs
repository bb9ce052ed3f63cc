//! Modules (16.2): the module environment, the import and export entries
//! (16.2.1.6.1 ParseModule), the hoisted function declarations
//! (16.2.1.6.4 InitializeEnvironment) and the body (ExecuteModule).
//!
//! See [`crate::semantics::module`] for the three functions of a module
//! program. Every module-level binding is a capture of function 0, so the
//! backend gives each a heap cell before linking; an import's cell *is* the
//! exporter's cell, which makes bindings live without any lookup.

use jsparser::syntax::static_semantics::{self as ss, Level};

use super::*;
use crate::semantics::module::*;

impl<'a> Analyzer<'a> {
    /// Analyzes a Module (16.2.1.6.1 ParseModule).
    pub fn run_module(mut self) -> Result<Program> {
        let root = self.ast.root();
        let statements = self.ast.children(root);
        let mut info = ModuleInfo::default();
        // [[RequestedModules]] in source order (imports and re-exports).
        for &s in &statements {
            if matches!(
                self.ast.nodes[s].kind,
                NodeKind::ImportDeclaration | NodeKind::ExportFrom
            ) {
                let children = self.ast.children(s);
                self.module_request(&children, &mut info);
            }
        }
        let mut kinds = Vec::new();
        self.module_bindings(&statements, &mut info, &mut kinds)?;
        self.module_exports(&statements, &mut info)?;
        info.has_tla = self.contains_top_level_await(root);

        // Function 0: the module environment.
        self.program.functions.push(CompileScript::default());
        self.push_fn(FunctionId(0), true, false, true);
        for (i, b) in info.bindings.iter().enumerate() {
            let sym = self.program.symbol(&b.name);
            let kind = kinds[i];
            self.push_variable(ScopeRef(0), sym, kind, Locator::Capture(i as u16));
            let f = self.cur();
            f.script.captures.push(sym);
            f.script.const_captures.push(kind == VariableKind::Const);
            f.script.readonly_captures.push(false);
        }
        if info.bindings.len() > u16::MAX as usize {
            return self.err("too many module-level bindings");
        }
        // Functions 1 and 2 keep their ids; nested functions come after.
        self.program.functions.push(CompileScript::default());
        self.program.functions.push(CompileScript::default());

        // Function 1: InitializeEnvironment step 24 (the function objects).
        self.push_fn(FunctionId(MODULE_INIT_FUNCTION), true, false, true);
        self.emit(CompileCommand::PushScope(ScopeRef(0)));
        self.emit(CompileCommand::DeclareVars(ScopeRef(0)));
        for &s in &statements {
            if let Some(f) = self.hoisted_module_function(s) {
                self.module_function(f)?;
            }
        }
        self.emit(CompileCommand::PopScope(ScopeRef(0)));
        let init = self.pop_fn();
        info.init_captures = capture_map(&init).ok_or_else(|| self.module_error())?;

        // Function 2: the body.
        self.push_fn(FunctionId(MODULE_BODY_FUNCTION), true, false, true);
        self.cur().script.flags.r#async = info.has_tla;
        self.emit(CompileCommand::PushScope(ScopeRef(0)));
        self.emit(CompileCommand::DeclareVars(ScopeRef(0)));
        self.cur().prologue_at = self.cur().script.commands.len();
        for &s in &statements {
            self.module_item(s)?;
        }
        self.emit(CompileCommand::PopScope(ScopeRef(0)));
        let body = self.pop_fn();
        info.body_captures = capture_map(&body).ok_or_else(|| self.module_error())?;
        self.pop_fn();
        self.program.module = Some(info);
        Ok(self.program)
    }

    fn module_error(&self) -> AnalyzeError {
        AnalyzeError {
            message: "module code captures a binding outside the module".into(),
            span: self.span,
            early_error: false,
        }
    }

    /// The bindings of the module environment (16.2.1.6.4 steps 7-24):
    /// imports, `var`s, lexical declarations and functions, then `this`;
    /// with the [[ImportEntries]] and [[RequestedModules]].
    fn module_bindings(
        &mut self,
        statements: &[usize],
        info: &mut ModuleInfo,
        kinds: &mut Vec<VariableKind>,
    ) -> Result<()> {
        let ast = self.ast;
        let mut add = |info: &mut ModuleInfo, name: String, init, kind| -> u32 {
            if let Some(i) = info.bindings.iter().position(|b| b.name == name) {
                return i as u32;
            }
            info.bindings.push(ModuleBinding { name, init });
            kinds.push(kind);
            (info.bindings.len() - 1) as u32
        };
        for &s in statements {
            if ast.nodes[s].kind != NodeKind::ImportDeclaration {
                continue;
            }
            let children = ast.children(s);
            let request = self.module_request(&children, info);
            for &c in &children {
                let cn = ast.nodes[c];
                let parts = ast.children(c);
                let (import_name, local) = match cn.kind {
                    NodeKind::ImportDefault => (ImportName::Name("default".into()), parts.last()),
                    NodeKind::ImportNamespace => (ImportName::Namespace, parts.last()),
                    NodeKind::ImportSpecifier => {
                        let local = parts.last();
                        let imported = match parts.len() {
                            2 => self.module_name(parts[0]),
                            _ => local.map(|&l| self.module_name(l)).unwrap_or_default(),
                        };
                        (ImportName::Name(imported), local)
                    }
                    _ => continue,
                };
                let Some(&local) = local else {
                    return self.err("malformed import");
                };
                let name = self.module_name(local);
                let binding = add(info, name, BindingInit::Import, VariableKind::Const);
                info.imports.push(ImportEntry {
                    request,
                    import_name,
                    binding,
                });
            }
        }
        // 16.2.1.6.4 step 21: VarScopedDeclarations (functions are lexical
        // in modules).
        let mut var_names = Vec::new();
        for &s in statements {
            ss::var_declared_names(&ast.nodes, s, Level::Block, &mut self.scratch, |b| {
                declarations::push_new(&mut var_names, ast.name(ast.nodes[b].arg))
            });
        }
        for n in var_names {
            add(info, n, BindingInit::Undefined, VariableKind::Var);
        }
        // Step 22: LexicallyScopedDeclarations.
        for &s in statements {
            let Some(d) = ss::lexically_scoped_declaration(&ast.nodes, s, Level::Block) else {
                continue;
            };
            let dn = ast.nodes[d];
            let (init, kind) = match dn.kind {
                NodeKind::FunctionDeclaration => (BindingInit::Function, VariableKind::Var),
                NodeKind::LexicalDeclaration if dn.has(flags::CONST) => {
                    (BindingInit::Uninitialized, VariableKind::Const)
                }
                _ => (BindingInit::Uninitialized, VariableKind::Let),
            };
            let mut names = Vec::new();
            self.bound_names(d, &mut names);
            let anonymous = matches!(
                dn.kind,
                NodeKind::FunctionDeclaration | NodeKind::ClassDeclaration
            ) && names.is_empty();
            if dn.kind == NodeKind::ExportDefaultExpression || anonymous {
                names.push(DEFAULT_BINDING.to_owned());
            }
            for n in names {
                add(info, n, init, kind);
            }
        }
        add(info, "this".into(), BindingInit::This, VariableKind::Var);
        Ok(())
    }

    /// The ModuleRequest of an import or re-export (its specifier and
    /// attributes among `children`), added to [[RequestedModules]] unless an
    /// equal one is there.
    fn module_request(&mut self, children: &[usize], info: &mut ModuleInfo) -> u32 {
        let ast = self.ast;
        let mut request = ModuleRequest::default();
        for &c in children {
            let cn = ast.nodes[c];
            match cn.kind {
                NodeKind::ModuleSpecifier => {
                    request.specifier = String::from_utf16_lossy(ast.string(cn.arg));
                }
                NodeKind::ImportAttribute => {
                    let parts = ast.children(c);
                    if let (Some(&k), Some(&v)) = (parts.first(), parts.get(1)) {
                        let key = self.module_name(k);
                        let value = self.module_name(v);
                        request.attributes.push((key, value));
                    }
                }
                _ => {}
            }
        }
        request.attributes.sort();
        if let Some(i) = info.requests.iter().position(|r| *r == request) {
            return i as u32;
        }
        info.requests.push(request);
        (info.requests.len() - 1) as u32
    }

    /// An IdentifierName, binding or string literal used as a module name.
    fn module_name(&self, i: usize) -> String {
        let n = self.ast.nodes[i];
        match n.kind {
            NodeKind::StringLiteral | NodeKind::ModuleSpecifier => {
                String::from_utf16_lossy(self.ast.string(n.arg))
            }
            _ => self.ast.name(n.arg).to_owned(),
        }
    }

    /// [[LocalExportEntries]], [[IndirectExportEntries]] and
    /// [[StarExportEntries]] (16.2.1.6.1 ParseModule steps 9-10).
    fn module_exports(&mut self, statements: &[usize], info: &mut ModuleInfo) -> Result<()> {
        let ast = self.ast;
        let binding = |info: &ModuleInfo, name: &str| {
            info.bindings
                .iter()
                .position(|b| b.name == name)
                .map(|i| i as u32)
        };
        for &s in statements {
            let node = ast.nodes[s];
            let children = ast.children(s);
            match node.kind {
                NodeKind::ExportDeclaration | NodeKind::ExportDefault => {
                    let Some(&d) = children.last() else { continue };
                    let mut names = Vec::new();
                    self.bound_names(d, &mut names);
                    if node.kind == NodeKind::ExportDefault {
                        let local = names.pop().unwrap_or_else(|| DEFAULT_BINDING.to_owned());
                        if let Some(b) = binding(info, &local) {
                            info.local_exports.push(("default".into(), b));
                        }
                        continue;
                    }
                    for n in names {
                        if let Some(b) = binding(info, &n) {
                            info.local_exports.push((n, b));
                        }
                    }
                }
                NodeKind::ExportDefaultExpression => {
                    if let Some(b) = binding(info, DEFAULT_BINDING) {
                        info.local_exports.push(("default".into(), b));
                    }
                }
                NodeKind::ExportNamed => {
                    for &spec in &children {
                        let parts = ast.children(spec);
                        let Some(&l) = parts.first() else { continue };
                        let local = self.module_name(l);
                        let export_name = match parts.get(1) {
                            Some(&e) => self.module_name(e),
                            None => local.clone(),
                        };
                        let Some(b) = binding(info, &local) else {
                            self.span = ast.nodes[l].span;
                            return self
                                .early_error(format!("Export '{local}' is not defined in module"));
                        };
                        // Step 10.a.ii: a re-export of an import (of a
                        // namespace: like `export * as ns from`).
                        let import = info.imports.iter().find(|e| e.binding == b).cloned();
                        match import {
                            Some(ie) => info.indirect_exports.push(IndirectExport {
                                export_name,
                                request: ie.request,
                                import_name: ie.import_name,
                            }),
                            None => info.local_exports.push((export_name, b)),
                        }
                    }
                }
                NodeKind::ExportFrom => {
                    let request = self.module_request(&children, info);
                    for &c in &children {
                        let cn = ast.nodes[c];
                        let parts = ast.children(c);
                        match cn.kind {
                            NodeKind::ExportAll => info.star_exports.push(request),
                            NodeKind::ExportAllAs => {
                                let Some(&n) = parts.first() else { continue };
                                info.indirect_exports.push(IndirectExport {
                                    export_name: self.module_name(n),
                                    request,
                                    import_name: ImportName::Namespace,
                                });
                            }
                            NodeKind::ExportSpecifier => {
                                let Some(&l) = parts.first() else { continue };
                                let local = self.module_name(l);
                                let export_name = match parts.get(1) {
                                    Some(&e) => self.module_name(e),
                                    None => local.clone(),
                                };
                                info.indirect_exports.push(IndirectExport {
                                    export_name,
                                    request,
                                    import_name: ImportName::Name(local),
                                });
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The function declaration a module item hoists, if any.
    fn hoisted_module_function(&self, s: usize) -> Option<usize> {
        let node = self.ast.nodes[s];
        let d = match node.kind {
            NodeKind::FunctionDeclaration => s,
            NodeKind::ExportDeclaration | NodeKind::ExportDefault => {
                *self.ast.children(s).last()?
            }
            _ => return None,
        };
        (self.ast.nodes[d].kind == NodeKind::FunctionDeclaration).then_some(d)
    }

    /// InstantiateFunctionObject of a module-level function declaration
    /// (`export default function () {}` binds `*default*`, named "default").
    fn module_function(&mut self, f: usize) -> Result<()> {
        if self.declared_name(f).is_some() {
            return self.emit_hoisted_function(f);
        }
        let sym = self.program.symbol(DEFAULT_BINDING);
        let locator = self.resolve(sym)?;
        self.emit(CompileCommand::VariableReference(sym, locator));
        let name = self.program.symbol("default");
        self.function(f, Some(name))?;
        self.emit(CompileCommand::Initialize);
        Ok(())
    }

    /// One ModuleItem of the body (16.2.1.11 Evaluation).
    fn module_item(&mut self, s: usize) -> Result<()> {
        let node = self.ast.nodes[s];
        let children = self.ast.children(s);
        match node.kind {
            NodeKind::ImportDeclaration | NodeKind::ExportFrom | NodeKind::ExportNamed => Ok(()),
            NodeKind::ExportDeclaration => match children.last() {
                Some(&d) if self.ast.nodes[d].kind != NodeKind::FunctionDeclaration => {
                    self.statement(d)
                }
                _ => Ok(()),
            },
            NodeKind::ExportDefault => {
                let Some(&d) = children.last() else {
                    return Ok(());
                };
                if self.ast.nodes[d].kind == NodeKind::FunctionDeclaration {
                    return Ok(());
                }
                if self.declared_name(d).is_some() {
                    return self.statement(d);
                }
                // `export default class {}`: the class is named "default".
                self.default_binding_reference()?;
                let name = self.program.symbol("default");
                self.class_expression(d, Some(name))?;
                self.emit(CompileCommand::Initialize);
                Ok(())
            }
            NodeKind::ExportDefaultExpression => {
                let Some(&e) = children.first() else {
                    return Ok(());
                };
                self.default_binding_reference()?;
                // NamedEvaluation with "default" of an anonymous function.
                let name = self.program.symbol("default");
                self.enter(e)?;
                let span = self.span;
                let r = self.expression_inner(e, Some(name));
                self.leave();
                self.span = span;
                r?;
                self.emit(CompileCommand::Initialize);
                Ok(())
            }
            _ => self.statement(s),
        }
    }

    fn default_binding_reference(&mut self) -> Result<()> {
        let sym = self.program.symbol(DEFAULT_BINDING);
        let locator = self.resolve(sym)?;
        self.emit(CompileCommand::VariableReference(sym, locator));
        Ok(())
    }

    /// `import.meta` (13.3.12.1).
    pub(super) fn import_meta(&mut self) {
        self.emit(CompileCommand::ActiveScriptOrModule);
        self.emit(CompileCommand::Helper(Helper::ImportMeta));
    }

    /// `import(specifier, options)` (13.3.10.1 EvaluateImportCall): the
    /// operands are evaluated in order, then the host loads the module.
    pub(super) fn import_call(&mut self, children: &[usize]) -> Result<()> {
        let Some(&specifier) = children.first() else {
            return self.err("malformed import()");
        };
        self.expression(specifier)?;
        match children.get(1) {
            Some(&options) => self.expression(options)?,
            None => self.emit(CompileCommand::Undefined),
        }
        self.emit(CompileCommand::ActiveScriptOrModule);
        self.emit(CompileCommand::Helper(Helper::ImportCall));
        Ok(())
    }

    /// [[HasTLA]]: `await` (or `for await`) outside nested functions.
    fn contains_top_level_await(&self, root: usize) -> bool {
        let start = self.ast.first_descendant(root);
        let mut j = root;
        while j > start {
            j -= 1;
            let node = self.ast.nodes[j];
            match node.kind {
                NodeKind::FunctionExpression
                | NodeKind::FunctionDeclaration
                | NodeKind::ArrowFunction
                | NodeKind::Method => j = self.ast.first_descendant(j),
                NodeKind::Await => return true,
                NodeKind::ForOf if node.has(flags::AWAIT) => return true,
                _ => {}
            }
        }
        false
    }
}

/// The capture indices of function 0 a module function's captures come
/// from (`None` if one is not a capture of function 0).
fn capture_map(sources: &[Locator]) -> Option<Vec<u16>> {
    sources
        .iter()
        .map(|l| match l {
            Locator::Capture(i) => Some(*i),
            _ => None,
        })
        .collect()
}
