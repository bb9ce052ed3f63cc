//! The scope tree of each function and binding resolution (9.4.2
//! ResolveBinding): declarations in scopes, captures through enclosing
//! functions, lazily declared `this`/`arguments`/`new.target`, references.

use super::*;

impl<'a> Analyzer<'a> {
    pub(super) fn new_scope(&mut self) -> ScopeRef {
        let f = self.cur();
        let parent = f.chain.last().copied();
        f.script.scopes.push(Scope {
            parent,
            variables: Vec::new(),
        });
        ScopeRef((f.script.scopes.len() - 1) as u32)
    }

    /// Declares `name` in `scope` of the current function (once: a second
    /// declaration of a name in the same scope reuses the binding).
    pub(super) fn declare(
        &mut self,
        scope: ScopeRef,
        name: &str,
        kind: VariableKind,
    ) -> Result<Locator> {
        let sym = self.program.symbol(name);
        if let Some(v) = self.cur().variable_in(scope, sym) {
            return Ok(v.locator);
        }
        let locator = Locator::Local(self.new_local()?);
        self.push_variable(scope, sym, kind, locator);
        Ok(locator)
    }

    pub(super) fn push_variable(
        &mut self,
        scope: ScopeRef,
        symbol: Symbol,
        kind: VariableKind,
        l: Locator,
    ) {
        let f = self.cur();
        if let Some(s) = f.script.scopes.get_mut(scope.0 as usize) {
            f.bindings
                .entry(symbol)
                .or_default()
                .push((scope.0, s.variables.len() as u32));
            s.variables.push(Variable {
                symbol,
                kind,
                locator: l,
                captured: false,
            });
        }
    }

    /// ResolveBinding (9.4.2) at the current point; see the module docs.
    pub(super) fn resolve(&mut self, sym: Symbol) -> Result<Locator> {
        let level = self.fns.len() - 1;
        self.resolve_in(level, sym, false)
    }

    pub(super) fn resolve_in(
        &mut self,
        level: usize,
        sym: Symbol,
        from_inner: bool,
    ) -> Result<Locator> {
        {
            let f = &mut self.fns[level];
            // The innermost scope of the chain that declares `sym` (its last
            // declaration there).
            let found = f.bindings.get(&sym).and_then(|places| {
                f.chain
                    .iter()
                    .rev()
                    .find_map(|&scope| places.iter().rev().find(|&&(s, _)| s == scope.0).copied())
            });
            if let Some((s, i)) = found {
                if let Some(v) = f
                    .script
                    .scopes
                    .get_mut(s as usize)
                    .and_then(|s| s.variables.get_mut(i as usize))
                {
                    v.captured |= from_inner;
                    return Ok(v.locator);
                }
            }
            if let Some(i) = f.capture_index(sym) {
                return Ok(Locator::Capture(i));
            }
        }
        let name = self.program.symbol_name(sym).to_owned();
        let (arrow, is_script) = (self.fns[level].arrow, self.fns[level].is_script);
        // `this` of arrow functions and `arguments` (10.4.4) of non-arrow
        // functions, declared on first use in the function scope.
        if !arrow && (name == "this" || name == NEW_TARGET || (name == "arguments" && !is_script)) {
            return self.declare_lazy_binding(level, sym, &name, from_inner);
        }
        if level == 0 {
            return Ok(Locator::Global);
        }
        let outer = self.resolve_in(level - 1, sym, true)?;
        if outer == Locator::Global {
            return Ok(Locator::Global);
        }
        let strict = self.fns[level].script.flags.strict;
        let (is_const, readonly) = self.immutable_binding(level - 1, sym, outer);
        let f = &mut self.fns[level];
        if f.script.captures.len() >= u16::MAX as usize {
            return self.err("too many captures in one function");
        }
        let n = f.script.captures.len();
        f.script.const_captures.resize(n, false);
        f.script.readonly_captures.resize(n, false);
        f.script
            .const_captures
            .push(is_const || (readonly && strict));
        f.script.readonly_captures.push(readonly && !strict);
        f.script.captures.push(sym);
        f.capture_sources.push(outer);
        Ok(Locator::Capture((f.script.captures.len() - 1) as u16))
    }

    /// Declares the `this` or `arguments` binding of function `level` (which
    /// may be an enclosing function) on first use; `pop_fn` initialises it
    /// in the prologue. A function that contains a direct `eval` needs its
    /// `arguments` object without a visible reference (10.2.11 step 15-18):
    /// resolving the symbol `arguments` at its level declares it.
    fn declare_lazy_binding(
        &mut self,
        level: usize,
        sym: Symbol,
        name: &str,
        from_inner: bool,
    ) -> Result<Locator> {
        let local = {
            let fctx = &mut self.fns[level];
            if fctx.script.num_locals == u16::MAX {
                return self.err("too many local variables in one function");
            }
            fctx.script.num_locals += 1;
            fctx.script.num_locals - 1
        };
        let fctx = &mut self.fns[level];
        match name {
            "this" => fctx.lazy_this = Some(local),
            NEW_TARGET => fctx.lazy_new_target = Some(local),
            _ => fctx.lazy_arguments = Some(local),
        }
        let index = fctx.script.scopes[0].variables.len() as u32;
        fctx.bindings.entry(sym).or_default().push((0, index));
        fctx.script.scopes[0].variables.push(Variable {
            symbol: sym,
            kind: VariableKind::Var,
            locator: Locator::Local(local),
            captured: from_inner,
        });
        Ok(Locator::Local(local))
    }

    /// Whether the binding `sym` found at `locator` in function `level` is a
    /// `const` declaration, and whether it is the name of a named function
    /// expression (15.2.5: immutable; assigning it throws in strict code and
    /// is ignored in sloppy code, 9.1.1.1.5 step 6).
    pub(super) fn immutable_binding(
        &self,
        level: usize,
        sym: Symbol,
        locator: Locator,
    ) -> (bool, bool) {
        let f = &self.fns[level];
        if let Locator::Capture(i) = locator {
            let i = i as usize;
            return (
                f.script.const_captures.get(i) == Some(&true),
                f.script.readonly_captures.get(i) == Some(&true),
            );
        }
        let mut result = (false, false);
        for &(s, i) in f.bindings.get(&sym).into_iter().flatten() {
            let found = f
                .script
                .scopes
                .get(s as usize)
                .and_then(|scope| scope.variables.get(i as usize))
                .is_some_and(|v| v.locator == locator && v.kind == VariableKind::Const);
            if found {
                if f.name_scopes.contains(&ScopeRef(s)) {
                    result.1 = true;
                } else {
                    result.0 = true;
                }
            }
        }
        result
    }

    pub(super) fn scope_has_captures(&mut self, s: ScopeRef) -> bool {
        self.cur().script.scopes[s.0 as usize]
            .variables
            .iter()
            .any(|v| v.captured)
    }

    /// The reference of a binding being initialised or assigned (also
    /// the global `undefined`: `var undefined = 1` is a silently ignored
    /// write in sloppy code, 10.1.9.1 OrdinarySet step 2.a).
    pub(super) fn binding_reference(&mut self, name_id: u32) -> Result<()> {
        let sym = self.program.symbol(self.ast.name(name_id));
        let locator = self.resolve(sym)?;
        // Through `with` objects and dynamic variable environments like
        // any other reference (14.3.2.1 step 1: ResolveBinding).
        self.emit_reference(sym, locator)
    }

    /// An identifier in an expression.
    pub(super) fn reference(&mut self, name_id: u32) -> Result<()> {
        let name = self.ast.name(name_id).to_owned();
        let sym = self.program.symbol(&name);
        let locator = self.resolve(sym)?;
        if locator == Locator::Global && name == "undefined" && self.with_envs(sym).is_empty() {
            // The global `undefined` is a non-writable, non-configurable
            // property (19.1.4).
            self.emit(CompileCommand::Undefined);
        } else {
            self.emit_reference(sym, locator)?;
        }
        Ok(())
    }
}

impl FnCtx {
    /// The first variable of `scope` named `sym`.
    pub(super) fn variable_in(&self, scope: ScopeRef, sym: Symbol) -> Option<&Variable> {
        let places = self.bindings.get(&sym)?;
        let &(s, i) = places.iter().find(|&&(s, _)| s == scope.0)?;
        self.script
            .scopes
            .get(s as usize)?
            .variables
            .get(i as usize)
    }

    /// The variables named `sym` in any scope of the function.
    pub(super) fn variables_named(&self, sym: Symbol) -> impl Iterator<Item = &Variable> + '_ {
        self.bindings
            .get(&sym)
            .into_iter()
            .flatten()
            .filter_map(|&(s, i)| {
                self.script
                    .scopes
                    .get(s as usize)?
                    .variables
                    .get(i as usize)
            })
    }

    /// The first index of `sym` in `script.captures`.
    fn capture_index(&mut self, sym: Symbol) -> Option<u16> {
        while self.captures_indexed < self.script.captures.len() {
            let i = self.captures_indexed;
            self.capture_indexes
                .entry(self.script.captures[i])
                .or_insert(i as u16);
            self.captures_indexed += 1;
        }
        self.capture_indexes.get(&sym).copied()
    }
}
