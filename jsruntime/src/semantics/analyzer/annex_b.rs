//! Annex B.3.2 block-level function declarations in sloppy code (web
//! legacy compatibility semantics), with B.3.4 FunctionDeclarations in
//! IfStatement clauses (the analyzer already treats `if (x) function f(){}`
//! as a block, see `sub_statement`).
//!
//! A FunctionDeclaration directly contained in the statement list of a
//! block, `case` or `default` clause of sloppy code also gets a `var`
//! binding of its name in the enclosing function or script, unless a `var`
//! statement in its place would be an early error (a lexical declaration of
//! the name in an enclosing block, a `for (let …)` head, a destructured
//! `catch` parameter or the function's top level) or the name is a
//! parameter (B.3.2.1 step ii, B.3.2.2 step ii). When the declaration is
//! evaluated, the block's binding is copied to that `var` binding
//! (B.3.2.1 step 3: "When the FunctionDeclaration f is evaluated ...").

use std::collections::HashSet;

use jsparser::syntax::static_semantics::{self as ss, Level};

use super::*;

/// The declarations that get the Annex B treatment, found by
/// [`Analyzer::annex_b_functions`].
#[derive(Default)]
pub(super) struct AnnexB {
    /// FunctionDeclaration nodes whose evaluation copies the binding.
    pub nodes: HashSet<usize>,
}

impl<'a> Analyzer<'a> {
    /// B.3.2.1 / B.3.2.2: the names to declare as `var` (in order, without
    /// duplicates) for the block-level functions of `statements` (a function
    /// body or a script) with parameters `params`; records the nodes in
    /// `self.annex_b`.
    pub(super) fn annex_b_functions(
        &mut self,
        statements: &[usize],
        params: &[String],
    ) -> Result<Vec<String>> {
        let mut names = Vec::new();
        if self.cur().script.flags.strict {
            return Ok(names);
        }
        // The top level's lexical names: `let`/`const`/`class` only (its
        // function declarations are `var`-scoped).
        let top = self.lexically_declared_names(statements, Level::TopLevel);
        let mut enclosing = vec![top];
        for &s in statements {
            self.annex_b_scan(s, &mut enclosing, params, &mut names)?;
        }
        Ok(names)
    }

    /// 8.2.4 LexicallyDeclaredNames (#sec-static-semantics-lexicallydeclarednames)
    /// of a statement list at `level` (function declarations count at
    /// [`Level::Block`]), without duplicates.
    fn lexically_declared_names(&mut self, statements: &[usize], level: Level) -> Vec<String> {
        let ast = self.ast;
        let mut out = Vec::new();
        // A set beside `out`: a linear search per name made a script of
        // 40,000 top-level `let`s quadratic.
        let mut seen = std::collections::HashSet::new();
        for &s in statements {
            ss::lexically_declared_names(&ast.nodes, s, level, &mut self.scratch, |b| {
                let name = ast.name(ast.nodes[b].arg);
                if seen.insert(name) {
                    out.push(name.to_owned());
                }
            });
        }
        out
    }

    /// Walks a statement (not into functions) looking for block-level
    /// function declarations; `enclosing` holds the lexical names of the
    /// enclosing blocks.
    fn annex_b_scan(
        &mut self,
        i: usize,
        enclosing: &mut Vec<Vec<String>>,
        params: &[String],
        out: &mut Vec<String>,
    ) -> Result<()> {
        self.enter(i)?;
        let node = self.ast.nodes[i];
        let children = self.ast.children(i);
        use NodeKind as K;
        match node.kind {
            K::Block => self.annex_b_list(&children, enclosing, params, out)?,
            K::Switch => {
                // One scope for all the clauses (14.12.2 CaseBlock).
                let statements: Vec<usize> = children
                    .iter()
                    .skip(1)
                    .flat_map(|&c| {
                        let cs = self.ast.children(c);
                        let skip = usize::from(self.ast.nodes[c].kind == K::Case);
                        cs.into_iter().skip(skip)
                    })
                    .collect();
                self.annex_b_list(&statements, enclosing, params, out)?;
            }
            K::If => {
                for &c in children.iter().skip(1) {
                    if self.ast.nodes[c].kind == K::FunctionDeclaration {
                        // B.3.4: as if in a block of its own.
                        enclosing.push(Vec::new());
                        self.annex_b_candidate(c, enclosing, params, out);
                        enclosing.pop();
                    } else {
                        self.annex_b_scan(c, enclosing, params, out)?;
                    }
                }
            }
            K::For | K::ForIn | K::ForOf => {
                let mut head = Vec::new();
                if let Some(&first) = children.first() {
                    if self.ast.nodes[first].kind == K::LexicalDeclaration {
                        self.bound_names(first, &mut head);
                    }
                }
                enclosing.push(head);
                if let Some(&body) = children.last() {
                    self.annex_b_scan(body, enclosing, params, out)?;
                }
                enclosing.pop();
            }
            K::While | K::DoWhile | K::With | K::Labelled => {
                for c in children {
                    self.annex_b_scan(c, enclosing, params, out)?;
                }
            }
            K::Try | K::Finally => {
                for c in children {
                    self.annex_b_scan(c, enclosing, params, out)?;
                }
            }
            K::Catch => {
                // B.3.4: a `var` of the name of a simple catch parameter is
                // allowed; a destructured parameter's names conflict.
                let mut names = Vec::new();
                if children.len() == 2 {
                    let param = children[0];
                    if self.ast.nodes[param].kind != K::BindingIdentifier {
                        self.bound_names(param, &mut names);
                    }
                }
                enclosing.push(names);
                if let Some(&block) = children.last() {
                    self.annex_b_scan(block, enclosing, params, out)?;
                }
                enclosing.pop();
            }
            _ => {}
        }
        self.leave();
        Ok(())
    }

    /// A block-like statement list: its function declarations are
    /// candidates, the other statements are walked.
    fn annex_b_list(
        &mut self,
        statements: &[usize],
        enclosing: &mut Vec<Vec<String>>,
        params: &[String],
        out: &mut Vec<String>,
    ) -> Result<()> {
        let names = self.lexically_declared_names(statements, Level::Block);
        enclosing.push(names);
        for &s in statements {
            if self.ast.nodes[s].kind == NodeKind::FunctionDeclaration {
                self.annex_b_candidate(s, enclosing, params, out);
            } else {
                self.annex_b_scan(s, enclosing, params, out)?;
            }
        }
        enclosing.pop();
        Ok(())
    }

    /// B.3.2.1 step a.ii: replacing the declaration by `var F` must not be
    /// an early error, and F must not be a parameter name.
    fn annex_b_candidate(
        &mut self,
        f: usize,
        enclosing: &[Vec<String>],
        params: &[String],
        out: &mut Vec<String>,
    ) {
        let node = self.ast.nodes[f];
        if node.has(flags::GENERATOR) || node.has(flags::ASYNC) {
            return;
        }
        let Some(n) = self.declared_name(f) else {
            return;
        };
        if params.contains(&n) || n == "arguments" {
            return;
        }
        // The innermost list is the declaration's own block: the declaration
        // itself is in it once; any other declaration of the name conflicts.
        let (own, outer) = match enclosing.split_last() {
            Some(x) => x,
            None => return,
        };
        let own_count = own.iter().filter(|x| **x == n).count();
        if own_count > 1 || outer.iter().any(|names| names.contains(&n)) {
            return;
        }
        self.annex_b.nodes.insert(f);
        if !out.contains(&n) {
            out.push(n);
        }
    }

    /// B.3.2.1 step 3 / B.3.2.2 step 3: evaluating an Annex B function
    /// declaration copies its block binding to the `var` binding.
    pub(super) fn annex_b_copy(&mut self, f: usize) -> Result<()> {
        if !self.annex_b.nodes.contains(&f) {
            return Ok(());
        }
        let Some(n) = self.declared_name(f) else {
            return Ok(());
        };
        let sym = self.program.symbol(&n);
        let inner = self.resolve(sym)?;
        if self.cur().is_script {
            self.emit(CompileCommand::VariableReference(sym, Locator::Global));
        } else {
            let var_scope = self.cur().var_scope.0 as usize;
            let found = self.cur().script.scopes.get(var_scope).and_then(|s| {
                s.variables
                    .iter()
                    .rev()
                    .find(|v| v.symbol == sym)
                    .map(|v| v.locator)
            });
            match found {
                Some(l) => self.emit(CompileCommand::VariableReference(sym, l)),
                None if self.eval_var_object.is_some() && self.fns.len() == 2 => {
                    // B.3.2.3: sloppy direct eval code in a function: the
                    // caller's binding, resolved from the eval code's top
                    // level (past the block's own binding).
                    let chain = std::mem::replace(&mut self.cur().chain, vec![ScopeRef(0)]);
                    let outer = self.resolve(sym);
                    let emitted = outer.and_then(|l| self.emit_reference(sym, l));
                    self.cur().chain = chain;
                    emitted?;
                }
                None => return Ok(()),
            }
        }
        self.emit_all(&[
            CompileCommand::VariableReference(sym, inner),
            CompileCommand::Assignment,
            CompileCommand::Discard,
        ]);
        Ok(())
    }

    /// B.3.2.3 for sloppy direct eval code in a function: the block-level
    /// functions that get a `var` binding in the caller's variable
    /// environment. A function whose name is a lexical binding between the
    /// call and that environment is not hoisted (bindingExists).
    pub(super) fn eval_annex_b_functions(
        &mut self,
        statements: &[usize],
        var_names: &[String],
    ) -> Result<Vec<String>> {
        if self.eval_var_object.is_none() {
            return Ok(Vec::new());
        }
        let names = self.annex_b_functions(statements, &[])?;
        let mut kept = Vec::new();
        for n in names {
            let sym = self.program.symbol(&n);
            if self.eval_lexical.contains(&sym) {
                let nodes: Vec<usize> = self.annex_b.nodes.iter().copied().collect();
                for f in nodes {
                    if self.declared_name(f).as_deref() == Some(n.as_str()) {
                        self.annex_b.nodes.remove(&f);
                    }
                }
            } else if !var_names.contains(&n) {
                kept.push(n);
            }
        }
        Ok(kept)
    }
}
