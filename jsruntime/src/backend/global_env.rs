//! The realm's Global Environment Record (ECMA-262 9.1.1.4): the object
//! record is the global object itself; the declarative record holds the
//! top-level `let`/`const` of every script of the realm. It is shared by all
//! scripts loaded into one [`Executor`] (and by indirect eval code, whose
//! lexical declarations get a fresh record instead, 19.2.1.1).
//!
//! Every lexical binding is an *escaped* [`Capture`] cell (its `target`
//! points at its own `value`), rooted for the life of the runtime. Compiled
//! code that references a name already declared lexically when it is
//! compiled loads the cell's value at a constant address and checks the TDZ
//! inline (`CompileHost::global_lexical`); a name declared later is found by
//! the slow path of the global lookup (the global inline cache of the name
//! is cleared when the lexical binding shadows it).
//!
//! [`Executor::global_declaration_instantiation`] implements 16.1.7 for a
//! script about to run: the early SyntaxError/TypeError checks, the lexical
//! bindings (uninitialised) and CreateGlobalVarBinding for `var` names. The
//! function declarations are instantiated by the script's own prologue
//! (InstantiateFunctionObject needs compiled closures), which initialises
//! them with CreateGlobalFunctionBinding (`set_global_mode::INITIALIZE`).

use hashbrown::{HashMap, HashSet};

use crate::completion::JsResult;
use crate::object::{Attributes, PropertyDescriptor, PropertyKey};
use crate::semantics::{Program, TopLevelDeclarations};
use crate::value::Value;

use super::{Capture, Executor};

/// One binding of the global declarative record.
#[derive(Clone, Copy)]
pub(crate) struct LexicalBinding {
    /// The escaped capture cell holding the value (`HOLE` while in the TDZ).
    pub cell: *mut Capture,
    pub mutable: bool,
}

impl LexicalBinding {
    pub fn get(&self) -> Value {
        // SAFETY: the cell is rooted for the life of the runtime and always
        // holds a valid value.
        unsafe { Value::from_bits((*self.cell).value) }
    }

    pub fn set(&self, v: Value) {
        // SAFETY: see `get`; the cell is escaped, so `value` is the binding.
        unsafe { (*self.cell).value = v.to_bits() }
    }

    /// The address of the value (what compiled code loads and stores).
    pub fn value_address(&self) -> *mut u64 {
        // SAFETY: only computes the field's address.
        unsafe { &raw mut (*self.cell).value }
    }
}

/// The global environment's state kept by the executor (by global name id).
#[derive(Default)]
pub(crate) struct GlobalEnvironment {
    /// [[DeclarativeRecord]]: the top-level lexical bindings of scripts.
    pub lexical: HashMap<u32, LexicalBinding>,
    /// [[VarNames]]: names bound by `var` and function declarations of
    /// scripts (9.1.1.4.12 HasVarDeclaration).
    pub var_names: HashSet<u32>,
}

impl Executor {
    /// Creates an uninitialised binding of the global declarative record.
    pub(crate) fn declare_lexical_global(&mut self, id: u32, mutable: bool) -> JsResult<()> {
        // The lexical binding shadows a global object property that compiled
        // code may have cached.
        self.clear_global_cache(id);
        let cell = self.runtime.alloc(Capture {
            target: std::ptr::null_mut(),
            value: Value::HOLE.to_bits(),
        })?;
        self.runtime.root_cell_forever(cell);
        let cell = cell.as_ptr();
        // SAFETY: the cell was just allocated; it escapes to its own value.
        unsafe { (*cell).target = &raw mut (*cell).value };
        self.globals_mut()
            .lexical
            .insert(id, LexicalBinding { cell, mutable });
        Ok(())
    }

    /// 16.1.7 GlobalDeclarationInstantiation for a loaded script, before its
    /// code runs (steps 1-15 and 17; step 16 is the script's prologue).
    pub(crate) fn global_declaration_instantiation(&mut self, program: &Program) -> JsResult<()> {
        let decls: &TopLevelDeclarations = &program.declarations;
        let id_of = |exec: &mut Executor, s| exec.global_id(program.symbol_name(s));
        let global = self.runtime.global_object();
        // Step 3: lexical names clash with neither var nor lexical names nor
        // restricted global properties.
        for &(sym, _) in &decls.lexical {
            let id = id_of(self, sym);
            if self.globals().var_names.contains(&id) || self.globals().lexical.contains_key(&id) {
                return Err(self.already_declared(id));
            }
            // 9.1.1.4.14 HasRestrictedGlobalProperty.
            let key = self.global_key(id)?;
            if let Some(d) = self.runtime.get_own_property(global, key)? {
                if d.configurable == Some(false) {
                    return Err(self.already_declared(id));
                }
            }
        }
        // Step 4: var names do not clash with lexical names.
        for &sym in decls.vars.iter().chain(&decls.functions) {
            let id = id_of(self, sym);
            if self.globals().lexical.contains_key(&id) {
                return Err(self.already_declared(id));
            }
        }
        // Steps 8-10: CanDeclareGlobalFunction / CanDeclareGlobalVar.
        for &sym in &decls.functions {
            let id = id_of(self, sym);
            if !self.can_declare_global_function(id)? {
                return Err(self.cannot_declare(id));
            }
        }
        for &sym in &decls.vars {
            let id = id_of(self, sym);
            if !self.can_declare_global_var(id)? {
                return Err(self.cannot_declare(id));
            }
        }
        // Step 15: the lexical bindings, uninitialised.
        for &(sym, is_const) in &decls.lexical {
            let id = id_of(self, sym);
            self.declare_lexical_global(id, !is_const)?;
        }
        // [[VarNames]] of functions (their objects come in the prologue).
        for &sym in &decls.functions {
            let id = id_of(self, sym);
            self.globals_mut().var_names.insert(id);
        }
        // Step 17: CreateGlobalVarBinding(vn, false).
        for &sym in &decls.vars {
            let id = id_of(self, sym);
            self.create_global_var_binding(id, decls.deletable)?;
        }
        // B.3.2.2 step 1.a.ii (B.3.2.3 for eval): the var binding of a
        // block-level function, unless a lexical global or a property that
        // cannot become a var has the name.
        for &sym in &decls.annex_b_functions {
            let id = id_of(self, sym);
            if !self.globals().lexical.contains_key(&id) && self.can_declare_global_var(id)? {
                self.create_global_var_binding(id, decls.deletable)?;
            }
        }
        Ok(())
    }

    /// 9.1.1.4.16 CanDeclareGlobalFunction.
    pub(crate) fn can_declare_global_function(&mut self, id: u32) -> JsResult<bool> {
        let key = self.global_key(id)?;
        let global = self.runtime.global_object();
        Ok(match self.runtime.get_own_property(global, key)? {
            None => self.runtime.is_extensible(global)?,
            Some(d) if d.configurable == Some(true) => true,
            Some(d) => d.is_data() && d.writable == Some(true) && d.enumerable == Some(true),
        })
    }

    /// 9.1.1.4.15 CanDeclareGlobalVar.
    pub(crate) fn can_declare_global_var(&mut self, id: u32) -> JsResult<bool> {
        let key = self.global_key(id)?;
        let global = self.runtime.global_object();
        if self.runtime.has_own_property(global, key)? {
            return Ok(true);
        }
        self.runtime.is_extensible(global)
    }

    /// 9.1.1.4.17 CreateGlobalVarBinding(N, D).
    pub(crate) fn create_global_var_binding(&mut self, id: u32, deletable: bool) -> JsResult<()> {
        let key = self.global_key(id)?;
        let global = self.runtime.global_object();
        let rt = &mut self.runtime;
        if !rt.has_own_property(global, key)? && rt.is_extensible(global)? {
            let desc =
                PropertyDescriptor::data(Value::UNDEFINED, Attributes::new(true, true, deletable));
            rt.define_property_or_throw(global, key, desc)?;
        }
        self.globals_mut().var_names.insert(id);
        Ok(())
    }

    /// 9.1.1.4.18 CreateGlobalFunctionBinding(N, V, D).
    pub(crate) fn create_global_function_binding(
        &mut self,
        key: PropertyKey,
        v: Value,
        deletable: bool,
    ) -> JsResult<()> {
        let rt = &mut self.runtime;
        let global = rt.global_object();
        let desc = match rt.get_own_property(global, key)? {
            Some(d) if d.configurable != Some(true) => PropertyDescriptor {
                value: Some(v),
                ..Default::default()
            },
            _ => PropertyDescriptor::data(v, Attributes::new(true, true, deletable)),
        };
        rt.define_property_or_throw(global, key, desc)?;
        rt.set(global, key, v, Value::object(global))?;
        Ok(())
    }

    fn already_declared(&mut self, id: u32) -> crate::completion::Thrown {
        let message = format!(
            "Identifier '{}' has already been declared",
            self.global_name(id)
        );
        self.runtime.syntax_error(&message)
    }

    fn cannot_declare(&mut self, id: u32) -> crate::completion::Thrown {
        let message = format!("Cannot declare global '{}'", self.global_name(id));
        self.runtime.type_error(&message)
    }
}
