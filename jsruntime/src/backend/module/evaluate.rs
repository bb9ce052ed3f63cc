//! Evaluation (16.2.1.5.3 Evaluate, InnerModuleEvaluation, ExecuteAsyncModule,
//! GatherAvailableAncestors, AsyncModuleExecutionFulfilled/Rejected).
//!
//! The body of a module with top-level await is an async arrow function:
//! calling it runs it to its first `await` and returns its promise, whose
//! settlement drives the async part of the algorithm through two native
//! promise reactions (no JavaScript closures).

use crate::builtins::promise::{
    new_intrinsic_promise, perform_promise_then, reject_intrinsic_promise,
    resolve_intrinsic_promise, Handler,
};
use crate::completion::{JsResult, Thrown};
use crate::runtime::Runtime;
use crate::value::Value;

use super::{ModuleStatus, RecordKind};
use crate::backend::Executor;

impl Executor {
    /// 16.2.1.5.3 Evaluate ( ): the promise of `m`'s evaluation.
    pub fn evaluate_module(&mut self, m: usize) -> JsResult<Value> {
        // Step 4: an evaluated module answers for its cycle.
        let mut m = m;
        let status = self.module(m).status;
        if matches!(
            status,
            ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated
        ) && self.module(m).cycle_root != usize::MAX
        {
            m = self.module(m).cycle_root;
        }
        // Step 5.
        if let Some(p) = &self.module(m).capability {
            return Ok(p.get());
        }
        // Steps 6-8.
        let promise = new_intrinsic_promise(&mut self.runtime)?;
        let persistent = self.runtime.persistent(promise);
        self.module_mut(m).capability = Some(persistent);
        if !self.module(m).is_cyclic() {
            // A synthetic module is evaluated when created.
            resolve_intrinsic_promise(&mut self.runtime, promise, Value::UNDEFINED)?;
            return Ok(promise);
        }
        let mut stack = Vec::new();
        match self.inner_module_evaluation(m, &mut stack, 0) {
            Err(Thrown(e)) => {
                // Step 10.
                for &s in &stack {
                    let error = self.runtime.persistent(e);
                    let record = self.module_mut(s);
                    record.status = ModuleStatus::Evaluated;
                    record.error = Some(error);
                }
                reject_intrinsic_promise(&mut self.runtime, promise, e);
            }
            Ok(_) => {
                // Step 11.
                if !self.module(m).async_evaluation {
                    resolve_intrinsic_promise(&mut self.runtime, promise, Value::UNDEFINED)?;
                }
            }
        }
        Ok(promise)
    }

    /// 16.2.1.5.3.1 InnerModuleEvaluation ( module, stack, index ).
    fn inner_module_evaluation(
        &mut self,
        m: usize,
        stack: &mut Vec<usize>,
        index: u32,
    ) -> JsResult<u32> {
        // Step 1: a synthetic module was evaluated when created.
        if !self.module(m).is_cyclic() {
            return Ok(index);
        }
        // Steps 2-3.
        match self.module(m).status {
            ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated => {
                return match &self.module(m).error {
                    None => Ok(index),
                    Some(e) => Err(Thrown(e.get())),
                };
            }
            ModuleStatus::Evaluating => return Ok(index),
            ModuleStatus::Linked => {}
            _ => {
                return Err(self
                    .runtime
                    .type_error("module evaluated before it was linked"))
            }
        }
        // Steps 5-10.
        let record = self.module_mut(m);
        record.status = ModuleStatus::Evaluating;
        record.dfs_index = index;
        record.dfs_ancestor_index = index;
        record.pending_async = 0;
        let mut index = index + 1;
        stack.push(m);
        // Step 11.
        let loaded = self.module(m).loaded.clone();
        for required in loaded.into_iter().flatten() {
            index = self.inner_module_evaluation(required, stack, index)?;
            if !self.module(required).is_cyclic() {
                continue;
            }
            let mut required = required;
            if self.module(required).status == ModuleStatus::Evaluating {
                let ancestor = self.module(required).dfs_ancestor_index;
                let record = self.module_mut(m);
                record.dfs_ancestor_index = record.dfs_ancestor_index.min(ancestor);
            } else {
                required = self.module(required).cycle_root;
                if let Some(e) = &self.module(required).error {
                    return Err(Thrown(e.get()));
                }
            }
            if self.module(required).async_evaluation {
                self.module_mut(m).pending_async += 1;
                self.module_mut(required).async_parents.push(m);
            }
        }
        // Steps 12-13.
        if self.module(m).pending_async > 0 || self.module(m).has_tla() {
            self.set_async_evaluation(m);
            if self.module(m).pending_async == 0 {
                self.execute_async_module(m)?;
            }
        } else {
            self.execute_module_sync(m)?;
        }
        // Step 15.
        let record = self.module(m);
        if record.dfs_ancestor_index == record.dfs_index {
            while let Some(done) = stack.pop() {
                let record = self.module_mut(done);
                record.status = if record.async_evaluation {
                    ModuleStatus::EvaluatingAsync
                } else {
                    ModuleStatus::Evaluated
                };
                record.cycle_root = m;
                if done == m {
                    break;
                }
            }
        }
        Ok(index)
    }

    fn set_async_evaluation(&mut self, m: usize) {
        self.state.modules.async_counter += 1;
        let order = self.state.modules.async_counter;
        let record = self.module_mut(m);
        record.async_evaluation = true;
        record.async_order = order;
    }

    /// ExecuteModule ( ) of a module without top-level await.
    fn execute_module_sync(&mut self, m: usize) -> JsResult<()> {
        let Some(body) = self.module(m).body.as_ref().map(|b| b.get()) else {
            return Err(self.runtime.type_error("module body missing"));
        };
        self.call(body, Value::UNDEFINED, &[])?;
        Ok(())
    }

    /// 16.2.1.5.3.2 ExecuteAsyncModule ( module ).
    fn execute_async_module(&mut self, m: usize) -> JsResult<()> {
        let Some(body) = self.module(m).body.as_ref().map(|b| b.get()) else {
            return Err(self.runtime.type_error("module body missing"));
        };
        // The body is an async arrow: its promise is the capability's.
        let promise = self.call(body, Value::UNDEFINED, &[])?;
        let data = Value::from_i32(m as i32);
        let on_fulfilled = Handler::Native {
            func: async_module_fulfilled,
            data,
        };
        let on_rejected = Handler::Native {
            func: async_module_rejected,
            data,
        };
        perform_promise_then(&mut self.runtime, promise, on_fulfilled, on_rejected, None);
        Ok(())
    }

    /// 16.2.1.5.3.3 GatherAvailableAncestors ( module, execList ).
    fn gather_available_ancestors(&mut self, m: usize, exec_list: &mut Vec<usize>) {
        let parents = self.module(m).async_parents.clone();
        for p in parents {
            let root = self.module(p).cycle_root;
            let root_failed = root != usize::MAX && self.module(root).error.is_some();
            if exec_list.contains(&p) || root_failed {
                continue;
            }
            let record = self.module_mut(p);
            record.pending_async = record.pending_async.saturating_sub(1);
            if record.pending_async == 0 {
                exec_list.push(p);
                if !self.module(p).has_tla() {
                    self.gather_available_ancestors(p, exec_list);
                }
            }
        }
    }

    /// 16.2.1.5.3.4 AsyncModuleExecutionFulfilled ( module ).
    fn async_module_fulfilled(&mut self, m: usize) -> JsResult<()> {
        // Step 1.
        if self.module(m).status == ModuleStatus::Evaluated {
            return Ok(());
        }
        // Steps 3-5.
        let record = self.module_mut(m);
        record.async_evaluation = false;
        record.status = ModuleStatus::Evaluated;
        if let Some(p) = self.module(m).capability.as_ref().map(|p| p.get()) {
            resolve_intrinsic_promise(&mut self.runtime, p, Value::UNDEFINED)?;
        }
        // Steps 6-8.
        let mut exec_list = Vec::new();
        self.gather_available_ancestors(m, &mut exec_list);
        exec_list.sort_by_key(|&a| self.module(a).async_order);
        // Step 9.
        for a in exec_list {
            if self.module(a).status == ModuleStatus::Evaluated {
                continue;
            }
            if self.module(a).has_tla() {
                if let Err(Thrown(e)) = self.execute_async_module(a) {
                    self.async_module_rejected(a, e)?;
                }
                continue;
            }
            match self.execute_module_sync(a) {
                Err(Thrown(e)) => self.async_module_rejected(a, e)?,
                Ok(()) => {
                    let record = self.module_mut(a);
                    record.async_evaluation = false;
                    record.status = ModuleStatus::Evaluated;
                    if let Some(p) = self.module(a).capability.as_ref().map(|p| p.get()) {
                        resolve_intrinsic_promise(&mut self.runtime, p, Value::UNDEFINED)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// 16.2.1.5.3.5 AsyncModuleExecutionRejected ( module, error ).
    fn async_module_rejected(&mut self, m: usize, error: Value) -> JsResult<()> {
        // Step 1.
        if self.module(m).status == ModuleStatus::Evaluated {
            return Ok(());
        }
        // Steps 5-7.
        let persistent = self.runtime.persistent(error);
        let record = self.module_mut(m);
        record.error = Some(persistent);
        record.status = ModuleStatus::Evaluated;
        record.async_evaluation = false;
        // Step 9: this module's promise first (ES2025 order, test262
        // `rejection-order.js`), step 10: then its async parents.
        if let Some(p) = self.module(m).capability.as_ref().map(|p| p.get()) {
            reject_intrinsic_promise(&mut self.runtime, p, error);
        }
        let parents = self.module(m).async_parents.clone();
        for p in parents {
            self.async_module_rejected(p, error)?;
        }
        Ok(())
    }

    /// Whether the module's evaluation promise is still pending.
    pub fn module_is_pending(&self, m: usize) -> bool {
        matches!(self.module(m).kind, RecordKind::Source { .. })
            && self.module(m).status != ModuleStatus::Evaluated
    }
}

/// The executor of a runtime whose hooks this module installed.
fn executor(rt: &mut Runtime) -> &mut Executor {
    // SAFETY: module promises are only created by an executor, whose first
    // field is its runtime (`#[repr(C)]`).
    unsafe { &mut *(rt as *mut Runtime as *mut Executor) }
}

fn async_module_fulfilled(rt: &mut Runtime, data: Value, _: Value) -> JsResult<Value> {
    let m = data.as_i32().unwrap_or(-1);
    let exec = executor(rt);
    if m >= 0 && (m as usize) < exec.state.modules.records.len() {
        exec.async_module_fulfilled(m as usize)?;
    }
    Ok(Value::UNDEFINED)
}

fn async_module_rejected(rt: &mut Runtime, data: Value, error: Value) -> JsResult<Value> {
    let m = data.as_i32().unwrap_or(-1);
    let exec = executor(rt);
    if m >= 0 && (m as usize) < exec.state.modules.records.len() {
        exec.async_module_rejected(m as usize, error)?;
    }
    Ok(Value::UNDEFINED)
}
