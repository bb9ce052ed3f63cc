//! Linking (16.2.1.5.2 Link, 16.2.1.6.3 ResolveExport, 16.2.1.6.2
//! GetExportedNames, 16.2.1.6.4 InitializeEnvironment).

use crate::completion::JsResult;
use crate::semantics::module::{
    BindingInit, ImportName, MODULE_BODY_FUNCTION, MODULE_INIT_FUNCTION,
};
use crate::semantics::FunctionId;
use crate::value::Value;

use super::{new_cell, ModuleStatus, RecordKind};
use crate::backend::{bridge, Capture, Executor, FunctionTemplate};

/// What an export name resolves to (a ResolvedBinding Record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Binding {
    /// The cell of a module's binding.
    Cell(usize, *mut Capture),
    /// The namespace of a module ([[BindingName]] NAMESPACE).
    Namespace(usize),
}

/// The result of ResolveExport.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    Found(Binding),
    /// null: not found, or a circular request.
    NotFound,
    /// AMBIGUOUS: two `export *` provide different bindings.
    Ambiguous,
}

impl Executor {
    /// 16.2.1.6.3 ResolveExport ( exportName [ , resolveSet ] ).
    pub(crate) fn resolve_export(
        &self,
        m: usize,
        export_name: &str,
        resolve_set: &mut Vec<(usize, String)>,
    ) -> Resolution {
        let record = self.module(m);
        if let RecordKind::Synthetic { names } = &record.kind {
            return match names.iter().position(|n| n == export_name) {
                Some(i) => Resolution::Found(Binding::Cell(m, record.cells[i])),
                None => Resolution::NotFound,
            };
        }
        // Steps 2-3: a circular import request.
        if resolve_set
            .iter()
            .any(|(rm, name)| *rm == m && name == export_name)
        {
            return Resolution::NotFound;
        }
        resolve_set.push((m, export_name.to_owned()));
        let info = record.info.clone();
        // Step 5: [[LocalExportEntries]].
        for (name, binding) in &info.local_exports {
            if name == export_name {
                let cell = record.cells[*binding as usize];
                return Resolution::Found(Binding::Cell(m, cell));
            }
        }
        // Step 6: [[IndirectExportEntries]].
        for e in &info.indirect_exports {
            if e.export_name != export_name {
                continue;
            }
            let Some(imported) = record.loaded[e.request as usize] else {
                return Resolution::NotFound;
            };
            return match &e.import_name {
                ImportName::Namespace => Resolution::Found(Binding::Namespace(imported)),
                ImportName::Name(n) => self.resolve_export(imported, n, resolve_set),
            };
        }
        // Step 7: `default` is never provided by `export *`.
        if export_name == "default" {
            return Resolution::NotFound;
        }
        // Steps 8-9.
        let mut star = Resolution::NotFound;
        for &request in &info.star_exports {
            let Some(imported) = self.module(m).loaded[request as usize] else {
                continue;
            };
            let resolution = self.resolve_export(imported, export_name, resolve_set);
            match resolution {
                Resolution::Ambiguous => return Resolution::Ambiguous,
                Resolution::NotFound => {}
                Resolution::Found(b) => match star {
                    Resolution::NotFound => star = Resolution::Found(b),
                    Resolution::Found(s) if !same_binding(s, b) => return Resolution::Ambiguous,
                    _ => {}
                },
            }
        }
        star
    }

    /// 16.2.1.6.2 GetExportedNames ( [ exportStarSet ] ).
    pub(crate) fn exported_names(&self, m: usize, star_set: &mut Vec<usize>) -> Vec<String> {
        let record = self.module(m);
        if let RecordKind::Synthetic { names } = &record.kind {
            return names.clone();
        }
        if star_set.contains(&m) {
            return Vec::new();
        }
        star_set.push(m);
        let info = record.info.clone();
        let mut names: Vec<String> = info.local_exports.iter().map(|e| e.0.clone()).collect();
        names.extend(info.indirect_exports.iter().map(|e| e.export_name.clone()));
        for &request in &info.star_exports {
            let Some(imported) = record.loaded[request as usize] else {
                continue;
            };
            for n in self.exported_names(imported, star_set) {
                if n != "default" && !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        names
    }

    /// 16.2.1.5.2 Link ( ): links `m` and every module it needs; on failure
    /// the modules of the attempt go back to unlinked.
    pub fn link_module(&mut self, m: usize) -> JsResult<()> {
        let mut stack = Vec::new();
        if let Err(e) = self.inner_module_linking(m, &mut stack, 0) {
            for &s in &stack {
                self.module_mut(s).status = ModuleStatus::Unlinked;
            }
            return Err(e);
        }
        Ok(())
    }

    /// 16.2.1.5.2.1 InnerModuleLinking ( module, stack, index ).
    fn inner_module_linking(
        &mut self,
        m: usize,
        stack: &mut Vec<usize>,
        index: u32,
    ) -> JsResult<u32> {
        // Step 1: not a Cyclic Module Record.
        if !self.module(m).is_cyclic() {
            return Ok(index);
        }
        // Step 2.
        if self.module(m).status != ModuleStatus::Unlinked {
            return Ok(index);
        }
        // Steps 3-8.
        let record = self.module_mut(m);
        record.status = ModuleStatus::Linking;
        record.dfs_index = index;
        record.dfs_ancestor_index = index;
        let mut index = index + 1;
        stack.push(m);
        // Step 9.
        let loaded = self.module(m).loaded.clone();
        for required in loaded.into_iter().flatten() {
            index = self.inner_module_linking(required, stack, index)?;
            if self.module(required).is_cyclic()
                && self.module(required).status == ModuleStatus::Linking
            {
                let ancestor = self.module(required).dfs_ancestor_index;
                let record = self.module_mut(m);
                record.dfs_ancestor_index = record.dfs_ancestor_index.min(ancestor);
            }
        }
        // Step 10.
        self.initialize_environment(m)?;
        // Steps 13-14.
        let record = self.module(m);
        if record.dfs_ancestor_index == record.dfs_index {
            while let Some(done) = stack.pop() {
                self.module_mut(done).status = ModuleStatus::Linked;
                if done == m {
                    break;
                }
            }
        }
        Ok(index)
    }

    /// 16.2.1.6.4 InitializeEnvironment ( ): checks the indirect exports,
    /// binds every import to the exporter's cell (or a namespace), creates
    /// the hoisted functions (function 1) and the body's closure.
    fn initialize_environment(&mut self, m: usize) -> JsResult<()> {
        let info = self.module(m).info.clone();
        let key = self.module(m).key.clone();
        // Step 1: every indirect export must resolve.
        for e in &info.indirect_exports {
            let mut set = Vec::new();
            if !matches!(
                self.resolve_export(m, &e.export_name, &mut set),
                Resolution::Found(_)
            ) {
                let message =
                    resolution_message(&self.resolution(m, &e.export_name), &e.export_name, &key);
                return Err(self.runtime.syntax_error(&message));
            }
        }
        // Step 7: the import bindings.
        for ie in &info.imports {
            let Some(imported) = self.module(m).loaded[ie.request as usize] else {
                return Err(self.runtime.syntax_error("an import was not loaded"));
            };
            let cell = match &ie.import_name {
                ImportName::Namespace => {
                    let ns = self.module_namespace(imported)?;
                    new_cell(self, ns)?
                }
                ImportName::Name(name) => match self.resolution(imported, name) {
                    Resolution::Found(Binding::Cell(_, cell)) => cell,
                    Resolution::Found(Binding::Namespace(target)) => {
                        let ns = self.module_namespace(target)?;
                        new_cell(self, ns)?
                    }
                    r => {
                        let specifier = &info.requests[ie.request as usize].specifier;
                        let message = format!("{key}: {}", resolution_message(&r, name, specifier));
                        return Err(self.runtime.syntax_error(&message));
                    }
                },
            };
            self.module_mut(m).cells[ie.binding as usize] = cell;
        }
        // Steps 21-24: the function objects, then the body's closure.
        let RecordKind::Source { program } = self.module(m).kind else {
            return Ok(());
        };
        let cells = self.module(m).cells.clone();
        let pick =
            |map: &[u16]| -> Vec<*mut Capture> { map.iter().map(|&i| cells[i as usize]).collect() };
        let init_cells = pick(&info.init_captures);
        let body_cells = pick(&info.body_captures);
        // Function 1 only runs (and is compiled) when there are functions.
        if info
            .bindings
            .iter()
            .any(|b| b.init == BindingInit::Function)
        {
            let init: *const FunctionTemplate =
                self.template(program, FunctionId(MODULE_INIT_FUNCTION));
            // SAFETY: templates are boxed and live as long as the executor.
            let init = bridge::create_function(self, unsafe { &*init }, &init_cells)?;
            self.call(init, Value::UNDEFINED, &[])?;
        }
        let body: *const FunctionTemplate =
            self.template(program, FunctionId(MODULE_BODY_FUNCTION));
        // SAFETY: as above.
        let body = bridge::create_function(self, unsafe { &*body }, &body_cells)?;
        let body = self.runtime.persistent(body);
        self.module_mut(m).body = Some(body);
        Ok(())
    }

    /// ResolveExport from a fresh resolve set.
    pub(crate) fn resolution(&self, m: usize, name: &str) -> Resolution {
        let mut set = Vec::new();
        self.resolve_export(m, name, &mut set)
    }
}

/// Whether two resolutions name the same binding (16.2.1.6.3 step 10.d.iii).
fn same_binding(a: Binding, b: Binding) -> bool {
    match (a, b) {
        (Binding::Cell(ma, ca), Binding::Cell(mb, cb)) => ma == mb && std::ptr::eq(ca, cb),
        (Binding::Namespace(a), Binding::Namespace(b)) => a == b,
        _ => false,
    }
}

/// The SyntaxError message of an import that does not resolve.
fn resolution_message(r: &Resolution, name: &str, specifier: &str) -> String {
    match r {
        Resolution::Ambiguous => {
            format!("The requested module '{specifier}' contains conflicting star exports for name '{name}'")
        }
        _ => {
            format!("The requested module '{specifier}' does not provide an export named '{name}'")
        }
    }
}
