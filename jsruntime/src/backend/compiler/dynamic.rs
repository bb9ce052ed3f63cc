//! Lowering of identifier references resolved through dynamic environments
//! (`DynamicReference`, see `backend::dynamic_env`).
//!
//! The environments are searched once, when the reference is evaluated
//! (`runtime_resolve_dynamic`); the result is a binding object or HOLE.
//! Every use of the reference then branches: a property operation on the
//! binding object (9.1.1.2 Object Environment Record methods), or the
//! ordinary lowering of the static binding. Only functions that contain `with` have such references.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, BlockArg, InstBuilder, StackSlotData, StackSlotKind};

use super::operand::Operand;
use super::variables::GlobalMiss;
use super::{malformed, CompileError, FunctionCompiler, I32, I64, I8};
use crate::backend::jit::RuntimeFn;
use crate::semantics::{Locator, Symbol};
use crate::value::Value;

/// The parts of a dynamic reference operand.
#[derive(Clone, Copy, Debug)]
pub(super) struct DynamicRef {
    pub symbol: Symbol,
    pub locator: Locator,
    /// The name as a string value (the property key).
    pub key: ir::Value,
    /// The binding object, or HOLE: the static binding applies.
    pub object: ir::Value,
    /// The this value of a call through the reference.
    pub this: ir::Value,
}

impl FunctionCompiler<'_, '_> {
    /// `DynamicReference`: pops the name and the environments, searches them
    /// and pushes the reference.
    pub(super) fn dynamic_reference(
        &mut self,
        symbol: Symbol,
        locator: Locator,
        envs: u16,
        with_mask: u32,
    ) -> Result<(), CompileError> {
        let key = self.pop()?;
        let key = self.value_of(key)?;
        let n = envs as usize;
        if self.operands.len() < n {
            return malformed("operand stack underflow in a dynamic reference");
        }
        let env_operands = self.operands.split_off(self.operands.len() - n);
        let mut values = Vec::with_capacity(n);
        for op in env_operands {
            values.push(self.value_of(op)?);
        }
        // The environments, then one slot for the this value.
        let size = ((n + 1) * 8) as u32;
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            size,
            3,
        ));
        for (i, &v) in values.iter().enumerate() {
            self.b.ins().stack_store(I64, v, slot, (i * 8) as i32);
        }
        let address = self.b.ins().stack_addr(I64, slot, 0);
        let count = self.b.ins().iconst(I32, n as i64);
        let mask = self.b.ins().iconst(I32, with_mask as i64);
        let scratch = self.scratch_addr();
        let object = self.call_runtime_checked(
            RuntimeFn::ResolveDynamic,
            &[self.ctx, key, address, count, mask, scratch],
        );
        let this = self.b.ins().stack_load(I64, I64, slot, (n * 8) as i32);
        self.operands.push(Operand::Dynamic(DynamicRef {
            symbol,
            locator,
            key,
            object,
            this,
        }));
        Ok(())
    }

    /// Emits `found` when the reference has a binding object, `fallback`
    /// otherwise, and returns the value of the branch taken.
    fn branch_dynamic(
        &mut self,
        r: DynamicRef,
        found: impl FnOnce(&mut Self) -> Result<ir::Value, CompileError>,
        fallback: impl FnOnce(&mut Self) -> Result<ir::Value, CompileError>,
    ) -> Result<ir::Value, CompileError> {
        let hole = self.constant(Value::HOLE);
        let missing = self.b.ins().icmp(IntCC::Equal, r.object, hole);
        let object_block = self.b.create_block();
        let static_block = self.b.create_block();
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        self.b
            .ins()
            .brif(missing, static_block, &[], object_block, &[]);
        self.b.switch_to_block(object_block);
        let v = found(self)?;
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(static_block);
        let v = fallback(self)?;
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(done);
        Ok(result)
    }

    /// Strict code (a strict function created inside `with`) throws a
    /// ReferenceError when the property is gone (9.1.1.2.5 step 3, 9.1.1.2.6
    /// step 3); sloppy code goes on with [[Get]] / [[Set]].
    fn check_dynamic_binding(&mut self, r: DynamicRef) {
        if self.script.flags.strict {
            let scratch = self.scratch_addr();
            self.call_runtime_checked(
                RuntimeFn::CheckDynamicBinding,
                &[self.ctx, r.object, r.key, scratch],
            );
        }
    }

    /// GetValue (9.1.1.2.6 GetBindingValue).
    pub(super) fn dynamic_get(&mut self, r: DynamicRef) -> Result<ir::Value, CompileError> {
        self.branch_dynamic(
            r,
            |c| {
                c.check_dynamic_binding(r);
                Ok(c.get_property(r.object, r.key, None))
            },
            |c| c.load_variable(r.symbol, r.locator),
        )
    }

    /// PutValue (9.1.1.2.5 SetMutableBinding: Set(bindingObject, N, V, S)).
    pub(super) fn dynamic_put(
        &mut self,
        r: DynamicRef,
        value: ir::Value,
    ) -> Result<(), CompileError> {
        self.branch_dynamic(
            r,
            |c| {
                c.check_dynamic_binding(r);
                c.set_property(r.object, r.key, value, None);
                Ok(value)
            },
            |c| {
                c.store_variable(r.symbol, r.locator, value, false)?;
                Ok(value)
            },
        )?;
        Ok(())
    }

    /// The value for `typeof` (13.5.3.1): an unresolvable name is undefined.
    pub(super) fn dynamic_typeof_value(
        &mut self,
        r: DynamicRef,
    ) -> Result<ir::Value, CompileError> {
        self.branch_dynamic(
            r,
            |c| Ok(c.get_property(r.object, r.key, None)),
            |c| match r.locator {
                Locator::Global | Locator::None => c.load_global(r.symbol, GlobalMiss::Undefined),
                _ => c.load_variable(r.symbol, r.locator),
            },
        )
    }

    /// `delete x` (13.5.1.2 step 3.b): 9.1.1.2.7 DeleteBinding is the
    /// object's [[Delete]]; otherwise as for the static binding.
    pub(super) fn dynamic_delete(&mut self, r: DynamicRef) -> Result<ir::Value, CompileError> {
        self.branch_dynamic(
            r,
            |c| {
                let strict = c.b.ins().iconst(I8, 0);
                let scratch = c.scratch_addr();
                Ok(c.call_runtime_checked(
                    RuntimeFn::DeleteProperty,
                    &[c.ctx, r.object, r.key, strict, scratch],
                ))
            },
            |c| match r.locator {
                Locator::Global | Locator::None => {
                    let name = c.host.global_name(c.program, r.symbol);
                    let name = c.b.ins().iconst(I32, name as i64);
                    let scratch = c.scratch_addr();
                    Ok(c.call_runtime_checked(RuntimeFn::DeleteGlobal, &[c.ctx, name, scratch]))
                }
                _ => Ok(c.constant(Value::FALSE)),
            },
        )
    }
}
