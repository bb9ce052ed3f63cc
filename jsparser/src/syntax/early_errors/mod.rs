//! Early errors (ECMA-262 "Static Semantics: Early Errors") checked as one
//! pass over a finished [`Ast`], after the processor: the rules that need
//! scopes or a view of a whole construct.
//!
//! - Declared names (8.2): duplicate lexical declarations and lexical/var
//!   clashes in blocks, case blocks, for heads, catch clauses (B.3.4),
//!   function bodies (vs. parameters), static blocks, scripts and modules;
//!   sloppy duplicate function declarations in blocks (B.3.2.4, B.3.2.5);
//!   `const` without an initializer (14.3.1).
//! - Labels (14.13.1, 14.8.1, 14.9.1): duplicate labels, undefined break /
//!   continue targets, continue to a non-iteration label, break / continue
//!   outside loops; IsLabelledFunction bodies (14.6.1, 14.7.1.1, 14.11.1).
//! - Private names (15.7.1): duplicates (a getter/setter pair allowed),
//!   AllPrivateIdentifiersValid.
//! - Modules (16.2.1.1, 16.2.2.1): duplicate exported names, exported
//!   bindings that are not declared, duplicate import attribute keys.
//!
//! The processor checks the errors it can decide while reducing (strict-only
//! errors, identifiers by context, duplicate parameters, `super` /
//! `new.target` / `arguments` / `await` / `yield` contexts, class element
//! names, assignment targets, `delete` of private names, export list local
//! names, ...); this pass does not repeat them.
//!
//! The walk is iterative (an explicit task stack), so any nesting depth is
//! fine. Declared names are tracked per scope: a scope holds its lexically
//! declared names and the var names declared in its subtree so far; when a
//! block-like scope closes, its var names move to the parent (small into
//! large) and are checked against the parent's lexical names (iterating the
//! smaller side), so a clash is found in near-linear time in all.

mod classes;
mod modules;
mod scope;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::ast::{Ast, FxHasher};
use super::node::{flags, Node, NodeKind};
use super::static_semantics::{self, is_constant_declaration, is_labelled_function, Scratch};
use crate::lexer::Span;
use crate::{ParseOptions, SourceKind, SyntaxError};

use scope::{LexKind, Scope, ScopeKind};

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Runs every early error check of this pass over `ast`.
pub fn check(ast: &Ast, options: ParseOptions) -> Result<(), SyntaxError> {
    check_with_private_names(ast, options, &[])
}

/// [`check`] for direct eval code inside classes: `outer_private_names`
/// (without `#`) are declared by the enclosing classes of the eval call
/// (19.2.1.1 PerformEval step 7: the PrivateEnvironment of the caller
/// counts for AllPrivateIdentifiersValid).
pub fn check_with_private_names(
    ast: &Ast,
    options: ParseOptions,
    outer_private_names: &[String],
) -> Result<(), SyntaxError> {
    if ast.nodes.is_empty() {
        return Ok(());
    }
    let mut c = Checker::new(ast, options);
    c.outer_private_names = outer_private_names;
    c.run()
}

/// The function-level context of the code being walked.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    strict: bool,
    /// Enclosing iteration statements in this function.
    loops: u32,
    /// Enclosing iteration and switch statements in this function.
    breakables: u32,
}

/// One unit of work of the walk.
#[derive(Clone, Copy, Debug)]
enum Task {
    /// Visit node `.0`, whose parent is `.1` (`u32::MAX` for the root).
    Enter(u32, u32),
    PushCtx(Ctx),
    PopCtx,
    PopScope,
    /// Leave a labelled statement (its label name).
    PopLabel(u32),
    EndLoop,
    EndSwitch,
    /// Leave a class body (pops its private names).
    EndClassBody,
    /// The end of the module: resolve exports.
    EndModule,
}

const NO_PARENT: u32 = u32::MAX;

pub(crate) struct Checker<'a> {
    ast: &'a Ast,
    nodes: &'a [Node],
    ctxs: Vec<Ctx>,
    scopes: Vec<Scope>,
    tasks: Vec<Task>,
    /// Label name -> the active labels of that name: (context depth, labels
    /// an iteration statement).
    labels: FxMap<u32, Vec<(u32, bool)>>,
    /// The last labelled statement entered and whether it labels an
    /// iteration statement.
    label_chain: Option<(u32, bool)>,
    /// Private names visible here -> how many enclosing class bodies
    /// declare them.
    private_names: FxMap<u32, u32>,
    /// The private names of each open class body (to undo on exit).
    class_privates: Vec<Vec<u32>>,
    /// Private names of the classes around a direct eval call.
    outer_private_names: &'a [String],
    /// Module: exports whose local binding must exist (name, span).
    pending_exports: Vec<(u32, Span)>,
    /// Scratch lists (kept to reuse their buffers): bound names, the work
    /// stack of the static semantics walks, children.
    names: Vec<(u32, usize)>,
    scratch: Scratch,
    kids: Vec<usize>,
}

fn err(message: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError::new(message, span)
}

fn is_iteration(k: NodeKind) -> bool {
    matches!(
        k,
        NodeKind::For | NodeKind::ForIn | NodeKind::ForOf | NodeKind::While | NodeKind::DoWhile
    )
}

impl<'a> Checker<'a> {
    fn new(ast: &'a Ast, options: ParseOptions) -> Self {
        let module = options.kind == SourceKind::Module;
        let root = &ast.nodes[ast.root()];
        let strict = module || options.strict || root.has(flags::STRICT);
        let ctx = Ctx {
            strict,
            loops: 0,
            breakables: 0,
        };
        Checker {
            ast,
            nodes: &ast.nodes,
            ctxs: vec![ctx],
            scopes: vec![Scope::new(if module {
                ScopeKind::Module
            } else {
                ScopeKind::Var
            })],
            tasks: Vec::new(),
            labels: FxMap::default(),
            label_chain: None,
            private_names: FxMap::default(),
            class_privates: Vec::new(),
            outer_private_names: &[],
            pending_exports: Vec::new(),
            names: Vec::new(),
            scratch: Scratch::new(),
            kids: Vec::new(),
        }
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        // Every root left in the buffer (normally one).
        let mut roots = Vec::new();
        let mut i = self.nodes.len();
        while i > 0 {
            let r = i - 1;
            roots.push(r);
            i = self.ast.first_descendant(r);
        }
        for &r in &roots {
            self.push_child(r, NO_PARENT as usize);
        }
        while let Some(t) = self.tasks.pop() {
            match t {
                Task::Enter(i, parent) => self.enter(i as usize, parent)?,
                Task::PushCtx(c) => self.ctxs.push(c),
                Task::PopCtx => {
                    if self.ctxs.len() > 1 {
                        self.ctxs.pop();
                    }
                }
                Task::PopScope => self.pop_scope()?,
                Task::PopLabel(name) => {
                    if let Some(v) = self.labels.get_mut(&name) {
                        v.pop();
                    }
                }
                Task::EndLoop => {
                    let c = self.ctx_mut();
                    c.loops = c.loops.saturating_sub(1);
                    c.breakables = c.breakables.saturating_sub(1);
                }
                Task::EndSwitch => {
                    let c = self.ctx_mut();
                    c.breakables = c.breakables.saturating_sub(1);
                }
                Task::EndClassBody => self.end_class_body(),
                Task::EndModule => self.end_module()?,
            }
        }
        Ok(())
    }

    fn ctx(&self) -> &Ctx {
        // The stack is never empty: the root context is never popped.
        &self.ctxs[self.ctxs.len() - 1]
    }

    fn ctx_mut(&mut self) -> &mut Ctx {
        let n = self.ctxs.len() - 1;
        &mut self.ctxs[n]
    }

    fn node(&self, i: usize) -> &'a Node {
        &self.nodes[i]
    }

    fn kind(&self, i: usize) -> NodeKind {
        self.nodes[i].kind
    }

    /// Schedules the children of `i` in source order.
    fn push_children(&mut self, i: usize) {
        for c in self.ast.children_rev(i) {
            self.push_child(c, i);
        }
    }

    /// Schedules node `c`, a child of `parent`. Entering a node of another
    /// kind than [`NodeKind::is_checked`] would only schedule its children,
    /// so for one we schedule its outermost checked descendants directly,
    /// in source order: a right-to-left scan of its post-order range that
    /// jumps over each checked subtree it meets, and over each subtree
    /// without [`flags::HAS_CHECKED_DESCENDANT`] (most expressions). A
    /// descendant found that way gets `c` as its parent: `enter` only
    /// compares a parent's kind with checked kinds (Catch, If, ForIn, ForOf,
    /// Labelled), and its real parent, being unchecked too, would compare
    /// the same.
    fn push_child(&mut self, c: usize, parent: usize) {
        let n = self.node(c);
        if n.kind.is_checked() {
            self.tasks.push(Task::Enter(c as u32, parent as u32));
            return;
        }
        if !n.has(flags::HAS_CHECKED_DESCENDANT) {
            return;
        }
        let stop = self.ast.first_descendant(c);
        let mut j = c;
        while j > stop {
            let d = j - 1;
            let n = self.node(d);
            let checked = n.kind.is_checked();
            if checked {
                self.tasks.push(Task::Enter(d as u32, c as u32));
            }
            if checked || !n.has(flags::HAS_CHECKED_DESCENDANT) {
                j = (d + 1).saturating_sub(n.size.max(1) as usize).max(stop);
            } else {
                j = d;
            }
        }
    }

    /// Visits a node of a checked kind (the walk enters no other, see
    /// [`NodeKind::is_checked`]).
    fn enter(&mut self, i: usize, parent: u32) -> Result<(), SyntaxError> {
        use NodeKind as K;
        let n = self.node(i);
        debug_assert!(n.kind.is_checked());
        match n.kind {
            K::Script => {}
            K::Module => {
                self.start_module(i)?;
                self.tasks.push(Task::EndModule);
            }
            K::FunctionDeclaration | K::FunctionExpression | K::ArrowFunction | K::Method => {
                return self.enter_function(i, parent);
            }
            K::ClassDeclaration | K::ClassExpression => return self.enter_class(i),
            K::ClassBody => return self.enter_class_body(i),
            K::Field => return self.enter_field(i),
            K::StaticBlock => {
                // 15.7.1: a static block is a function boundary (labels) with
                // its own var scope.
                self.tasks.push(Task::PopCtx);
                self.tasks.push(Task::PopScope);
                self.push_children(i);
                self.ctxs.push(Ctx {
                    strict: true,
                    loops: 0,
                    breakables: 0,
                });
                self.scopes.push(Scope::new(ScopeKind::Var));
                return Ok(());
            }
            K::PrivateMember | K::PrivateIn => self.check_private_use(i)?,
            K::Block => {
                // The block of a catch clause shares the catch scope (14.15.1).
                let in_catch = parent != NO_PARENT && self.kind(parent as usize) == K::Catch;
                if !in_catch {
                    self.scopes.push(Scope::new(ScopeKind::Block));
                    self.tasks.push(Task::PopScope);
                }
            }
            K::Catch => return self.enter_catch(i),
            K::VariableDeclaration => self.declare_vars(i)?,
            K::LexicalDeclaration => self.declare_lexical(i, parent)?,
            K::For | K::ForIn | K::ForOf => {
                let lexical = self
                    .first_child(i)
                    .is_some_and(|c| self.kind(c) == K::LexicalDeclaration);
                if let Some(body) = self.last_child(i) {
                    self.check_not_labelled_function(body)?;
                }
                self.tasks.push(Task::EndLoop);
                if lexical {
                    // 14.7.4.1 / 14.7.5.1: the head's lexical names vs. the
                    // body's var names (the for scope holds both).
                    self.tasks.push(Task::PopScope);
                }
                self.push_children(i);
                if lexical {
                    self.scopes.push(Scope::new(ScopeKind::Block));
                }
                let c = self.ctx_mut();
                c.loops += 1;
                c.breakables += 1;
                return Ok(());
            }
            K::While | K::DoWhile => {
                let body = if n.kind == K::While {
                    self.last_child(i)
                } else {
                    self.first_child(i)
                };
                if let Some(b) = body {
                    // 14.7.1.1: IsLabelledFunction(Statement).
                    self.check_not_labelled_function(b)?;
                }
                self.tasks.push(Task::EndLoop);
                self.push_children(i);
                let c = self.ctx_mut();
                c.loops += 1;
                c.breakables += 1;
                return Ok(());
            }
            K::If => {
                // The children after the test: 14.6.1 IsLabelledFunction(Statement).
                let first = self.first_child(i);
                for k in self.ast.children_rev(i) {
                    if Some(k) != first {
                        self.check_not_labelled_function(k)?;
                    }
                }
            }
            K::With => {
                if let Some(b) = self.last_child(i) {
                    // 14.11.1: IsLabelledFunction(Statement).
                    self.check_not_labelled_function(b)?;
                }
            }
            K::Switch => {
                // 14.12.1: the case block is one scope.
                self.tasks.push(Task::EndSwitch);
                self.tasks.push(Task::PopScope);
                self.push_children(i);
                self.scopes.push(Scope::new(ScopeKind::Block));
                self.ctx_mut().breakables += 1;
                return Ok(());
            }
            K::Labelled => return self.enter_labelled(i, parent),
            K::Break | K::Continue => self.check_jump(i)?,
            K::ImportDeclaration => self.declare_import(i)?,
            _ => {}
        }
        self.push_children(i);
        Ok(())
    }

    /// Function-like nodes: FunctionDeclaration, FunctionExpression,
    /// ArrowFunction, Method.
    fn enter_function(&mut self, i: usize, parent: u32) -> Result<(), SyntaxError> {
        use NodeKind as K;
        let n = *self.node(i);
        let (kids, count) = self.children_upto::<3>(i);
        let (key, name, params, body) = match (n.kind, count) {
            (K::FunctionDeclaration | K::FunctionExpression, 3) => {
                (None, Some(kids[0]), kids[1], kids[2])
            }
            (K::FunctionDeclaration | K::FunctionExpression, 2) => (None, None, kids[0], kids[1]),
            (K::Method, 3) => (Some(kids[0]), None, kids[1], kids[2]),
            (K::ArrowFunction, 2) => (None, None, kids[0], kids[1]),
            _ => {
                // Unknown layout: check the children generically.
                self.push_children(i);
                return Ok(());
            }
        };
        let outer = *self.ctx();
        let body_strict = self.kind(body) == K::FunctionBody && self.node(body).has(flags::STRICT);
        let strict = outer.strict || body_strict;

        // The function's own name (15.2.1, 15.5.1, 15.6.1, 15.8.1).
        if let Some(nm) = name {
            if self.kind(nm) == K::BindingIdentifier && n.kind == K::FunctionDeclaration {
                self.declare_function(nm, n.flags, parent)?;
            }
        }

        let fn_ctx = Ctx {
            strict,
            loops: 0,
            breakables: 0,
        };

        // 15.2.1 (and 15.3.1, 15.4.1, ...): the parameters' bound names
        // clash with the body's lexically declared names. (Duplicate
        // parameters are the processor's.)
        let mut scope = Scope::new(ScopeKind::Var);
        let mut names = self.take_names();
        for p in self.ast.children_rev(params) {
            self.bound_names(p, &mut names);
        }
        // (Children last first: the last of duplicate parameters keeps
        // its span, as in source order with overwriting.)
        for &(nm, node) in &names {
            scope
                .lex
                .entry(nm)
                .or_insert((LexKind::Param, self.node(node).span));
        }
        self.names = names;

        // Schedule: key (outer context), params, body.
        self.tasks.push(Task::PopScope);
        self.tasks.push(Task::PopCtx);
        self.push_child(body, i);
        self.push_child(params, i);
        self.tasks.push(Task::PushCtx(fn_ctx));
        // The scope is pushed now: the key's expressions declare nothing.
        self.scopes.push(scope);
        if let Some(k) = key {
            if self.kind(k) != K::PrivateName {
                self.push_child(k, i);
            }
        }
        Ok(())
    }

    /// The children of `i` in source order, if it has at most `N`, and
    /// their count (larger than `N` if it has more).
    fn children_upto<const N: usize>(&self, i: usize) -> ([usize; N], usize) {
        let mut kids = [0; N];
        let mut count = 0;
        for c in self.ast.children_rev(i) {
            count += 1;
            if count <= N {
                kids[N - count] = c;
            }
        }
        if count <= N {
            kids.copy_within(N - count.., 0);
        }
        (kids, count)
    }

    /// The children of `i` in source order, in the scratch list (give it
    /// back by assigning `self.kids`).
    fn children_of(&mut self, i: usize) -> Vec<usize> {
        let mut kids = std::mem::take(&mut self.kids);
        kids.clear();
        kids.extend(self.ast.children_rev(i));
        kids.reverse();
        kids
    }

    fn first_child(&self, i: usize) -> Option<usize> {
        self.ast.children_rev(i).last()
    }

    fn last_child(&self, i: usize) -> Option<usize> {
        self.ast.children_rev(i).next()
    }

    /// The scratch list for [`Checker::bound_names`], empty (give it back
    /// by assigning `self.names`).
    fn take_names(&mut self) -> Vec<(u32, usize)> {
        let mut names = std::mem::take(&mut self.names);
        names.clear();
        names
    }

    /// 8.2.1 BoundNames (#sec-static-semantics-boundnames) of a binding
    /// target, parameter or declaration, appended to `out` as (name, node)
    /// in source order.
    fn bound_names(&mut self, target: usize, out: &mut Vec<(u32, usize)>) {
        let nodes = self.nodes;
        static_semantics::bound_names(nodes, target, &mut self.scratch, |b| {
            out.push((nodes[b].arg, b))
        });
    }

    /// A FunctionDeclaration's name: var-scoped at the top level of a
    /// function or script, lexical in blocks and modules (8.2.4, 8.2.6).
    fn declare_function(
        &mut self,
        name: usize,
        fflags: u16,
        parent: u32,
    ) -> Result<(), SyntaxError> {
        // B.3.3: `if (x) function f() {}` is in a block of its own.
        if parent != NO_PARENT && self.kind(parent as usize) == NodeKind::If {
            return Ok(());
        }
        let id = self.node(name).arg;
        let span = self.node(name).span;
        let top = self.scopes.len() - 1;
        if self.scopes[top].kind == ScopeKind::Var {
            return self.add_var(id, span);
        }
        // B.3.2.4 / B.3.2.5: duplicate plain function declarations in
        // blocks are allowed in sloppy mode code.
        let plain = fflags & (flags::ASYNC | flags::GENERATOR) == 0;
        let kind = if plain && !self.ctx().strict {
            LexKind::SloppyFunction
        } else {
            LexKind::Function
        };
        self.add_lexical(id, kind, span)
    }

    /// `var` declarations (14.3.2).
    fn declare_vars(&mut self, i: usize) -> Result<(), SyntaxError> {
        let mut names = self.take_names();
        self.bound_names(i, &mut names);
        let result = names
            .iter()
            .try_for_each(|&(id, node)| self.add_var(id, self.node(node).span));
        self.names = names;
        result
    }

    /// `let` / `const` declarations (14.3.1).
    fn declare_lexical(&mut self, i: usize, parent: u32) -> Result<(), SyntaxError> {
        // 8.2.3 IsConstantDeclaration (#sec-static-semantics-isconstantdeclaration).
        let is_const = is_constant_declaration(self.nodes, i);
        let in_for_in_of = parent != NO_PARENT
            && matches!(
                self.kind(parent as usize),
                NodeKind::ForIn | NodeKind::ForOf
            );
        let mut names = self.take_names();
        let kids = self.children_of(i);
        for &d in &kids {
            if is_const && !in_for_in_of && self.node(d).kind == NodeKind::VariableDeclarator {
                // 14.3.1: a const declaration needs an initializer.
                if self.ast.children_rev(d).count() < 2 {
                    self.kids = kids;
                    return Err(err(
                        "missing initializer in const declaration",
                        self.node(d).span,
                    ));
                }
            }
            self.bound_names(d, &mut names);
        }
        self.kids = kids;
        let kind = if is_const {
            LexKind::Const
        } else {
            LexKind::Let
        };
        let result = names
            .iter()
            .try_for_each(|&(id, node)| self.add_lexical(id, kind, self.node(node).span));
        self.names = names;
        result
    }

    /// 14.15.1 (with B.3.4): the catch parameter's names form the scope of
    /// the catch block.
    fn enter_catch(&mut self, i: usize) -> Result<(), SyntaxError> {
        let (kids, count) = self.children_upto::<2>(i);
        let mut scope = Scope::new(ScopeKind::Block);
        if count == 2 {
            let p = kids[0];
            let simple = self.kind(p) == NodeKind::BindingIdentifier;
            let mut names = self.take_names();
            self.bound_names(p, &mut names);
            let kind = if simple {
                LexKind::CatchSimple
            } else {
                LexKind::CatchPattern
            };
            // (Duplicate names in the parameter are the processor's.)
            for &(id, node) in &names {
                scope.lex.insert(id, (kind, self.node(node).span));
            }
            self.names = names;
        }
        self.tasks.push(Task::PopScope);
        self.push_children(i);
        self.scopes.push(scope);
        Ok(())
    }

    /// 14.13.2 IsLabelledFunction(stmt) (#sec-islabelledfunction) must be
    /// false for the bodies of if, iteration and with statements (14.6.1,
    /// 14.7.1.1, 14.11.1).
    fn check_not_labelled_function(&self, stmt: usize) -> Result<(), SyntaxError> {
        if is_labelled_function(self.nodes, stmt) {
            return Err(err(
                "a labelled function declaration cannot be the body of a statement",
                self.node(stmt).span,
            ));
        }
        Ok(())
    }

    /// 14.13.1: labels (ContainsDuplicateLabels).
    fn enter_labelled(&mut self, i: usize, parent: u32) -> Result<(), SyntaxError> {
        let Some(label) = self.first_child(i) else {
            return Ok(());
        };
        if self.kind(label) != NodeKind::LabelIdentifier {
            self.push_children(i);
            return Ok(());
        }
        let id = self.node(label).arg;
        let depth = self.ctxs.len() as u32;
        // A label directly inside another labels the same statement: reuse
        // the outer one's answer (linear in a chain of labels).
        let is_loop = match self.label_chain {
            Some((p, is_loop)) if p == parent => is_loop,
            _ => is_iteration(self.kind(static_semantics::labelled_item(self.nodes, i))),
        };
        self.label_chain = Some((i as u32, is_loop));
        let v = self.labels.entry(id).or_default();
        if v.last().is_some_and(|&(d, _)| d == depth) {
            return Err(err(
                format!("label '{}' has already been declared", self.ast.name(id)),
                self.node(label).span,
            ));
        }
        v.push((depth, is_loop));
        self.tasks.push(Task::PopLabel(id));
        self.push_children(i);
        Ok(())
    }

    /// 14.8.1, 14.9.1: break and continue targets.
    fn check_jump(&self, i: usize) -> Result<(), SyntaxError> {
        let n = self.node(i);
        let is_continue = n.kind == NodeKind::Continue;
        let c = self.ctx();
        match self.ast.children_rev(i).next() {
            Some(l) if self.kind(l) == NodeKind::LabelIdentifier => {
                let id = self.node(l).arg;
                let depth = self.ctxs.len() as u32;
                let found = self
                    .labels
                    .get(&id)
                    .and_then(|v| v.last())
                    .filter(|&&(d, _)| d == depth);
                match found {
                    None => Err(err(
                        format!("undefined label '{}'", self.ast.name(id)),
                        self.node(l).span,
                    )),
                    Some(&(_, is_loop)) if is_continue && !is_loop => Err(err(
                        format!(
                            "'continue' target '{}' is not an iteration statement",
                            self.ast.name(id)
                        ),
                        self.node(l).span,
                    )),
                    Some(_) => Ok(()),
                }
            }
            _ => {
                if is_continue && c.loops == 0 {
                    Err(err("'continue' outside of a loop", n.span))
                } else if !is_continue && c.breakables == 0 {
                    Err(err("'break' outside of a loop or switch", n.span))
                } else {
                    Ok(())
                }
            }
        }
    }

    // ----- Scopes -------------------------------------------------------------

    /// Declares a lexical name in the current scope.
    fn add_lexical(&mut self, id: u32, kind: LexKind, span: Span) -> Result<(), SyntaxError> {
        let top = self.scopes.len() - 1;
        let s = &mut self.scopes[top];
        if let Some(&(prev, _)) = s.lex.get(&id) {
            let both_sloppy_fns =
                prev == LexKind::SloppyFunction && kind == LexKind::SloppyFunction;
            if !both_sloppy_fns {
                return Err(self.redeclared(id, span));
            }
        }
        if s.vars.contains_key(&id) {
            return Err(self.redeclared(id, span));
        }
        s.lex.insert(id, (kind, span));
        Ok(())
    }

    /// Declares a var-scoped name in the current scope (it moves outwards
    /// as block scopes close).
    fn add_var(&mut self, id: u32, span: Span) -> Result<(), SyntaxError> {
        let top = self.scopes.len() - 1;
        let s = &mut self.scopes[top];
        if let Some(&(k, _)) = s.lex.get(&id) {
            if k.clashes_with_var() {
                return Err(self.redeclared(id, span));
            }
        }
        s.vars.entry(id).or_insert(span);
        Ok(())
    }

    fn redeclared(&self, id: u32, span: Span) -> SyntaxError {
        err(
            format!(
                "identifier '{}' has already been declared",
                self.ast.name(id)
            ),
            span,
        )
    }

    /// Closes the current scope; a block-like scope hands its var names to
    /// its parent.
    fn pop_scope(&mut self) -> Result<(), SyntaxError> {
        if self.scopes.len() <= 1 {
            return Ok(());
        }
        let Some(child) = self.scopes.pop() else {
            return Ok(());
        };
        if child.kind != ScopeKind::Block {
            return Ok(());
        }
        let top = self.scopes.len() - 1;
        let parent = &mut self.scopes[top];
        // Check the smaller side against the larger.
        let clash = if child.vars.len() <= parent.lex.len() {
            child.vars.iter().find_map(|(id, &span)| {
                parent
                    .lex
                    .get(id)
                    .filter(|(k, _)| k.clashes_with_var())
                    .map(|_| (*id, span))
            })
        } else {
            parent.lex.iter().find_map(|(id, &(k, _))| {
                if k.clashes_with_var() {
                    child.vars.get(id).map(|&span| (*id, span))
                } else {
                    None
                }
            })
        };
        if let Some((id, span)) = clash {
            return Err(self.redeclared(id, span));
        }
        let mut vars = child.vars;
        if vars.len() > parent.vars.len() {
            std::mem::swap(&mut vars, &mut parent.vars);
        }
        for (id, span) in vars {
            parent.vars.entry(id).or_insert(span);
        }
        Ok(())
    }
}
