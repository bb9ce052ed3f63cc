//! Private references (`o.#x`, see `object/private.rs`): `PrivateKey` marks
//! the key operand, and the property commands that consume it build an
//! [`Operand::Private`]. Reads and writes of a private field go through the
//! site's inline cache, checked on the shape *and* the private name (one
//! site sees a new private name each time its class is evaluated again);
//! misses, methods and accessors take `runtime_private_get`/`_set`.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, Block, BlockArg, InstBuilder};

use super::operand::Operand;
use super::{malformed, trusted, CompileError, FunctionCompiler, I64};
use crate::backend::jit::RuntimeFn;
use crate::runtime::inline_cache::PropertyCache;
use crate::semantics::CacheId;

impl FunctionCompiler<'_, '_> {
    /// `PrivateKey`.
    pub(super) fn private_key(&mut self) -> Result<(), CompileError> {
        let name = self.pop()?;
        let name = self.value_of(name)?;
        self.operands.push(Operand::PrivateKey(name));
        Ok(())
    }

    /// The private reference `object.#x` of a property command whose key is
    /// a `PrivateKey`.
    pub(super) fn private_reference(
        &mut self,
        object: Operand,
        key: ir::Value,
        cache: CacheId,
    ) -> Result<Operand, CompileError> {
        if cache.0 >= self.script.num_inline_caches {
            return malformed(format!("inline cache {} out of range", cache.0));
        }
        let cache = (!self.caches.is_null()).then_some(cache);
        let object = self.value_of(object)?;
        Ok(Operand::Private { object, key, cache })
    }

    /// The cache entry address, or null.
    fn private_cache_addr(&mut self, cache: Option<CacheId>, set: bool) -> (ir::Value, bool) {
        match cache {
            Some(c) if !self.caches.is_null() => {
                let index = 2 * c.0 as usize + set as usize;
                let addr = self.caches as usize + index * std::mem::size_of::<PropertyCache>();
                (self.b.ins().iconst(I64, addr as i64), true)
            }
            _ => (self.b.ins().iconst(I64, 0), false),
        }
    }

    /// The shape check of [`Self::cache_check`] preceded by the private
    /// name check: branches to the returned block with the slot address.
    fn private_cache_check(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        ic: ir::Value,
        slow: Block,
    ) -> (Block, ir::Value) {
        let same_key = self.b.create_block();
        let cached = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::KEY_OFFSET);
        let is_same = self.b.ins().icmp(IntCC::Equal, key, cached);
        self.b.ins().brif(is_same, same_key, &[], slow, &[]);
        self.b.switch_to_block(same_key);
        self.cache_check(object, ic, slow)
    }

    /// GetValue of a private reference (7.3.31 PrivateGet).
    pub(super) fn get_private(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        cache: Option<CacheId>,
    ) -> ir::Value {
        let (ic, cached) = self.private_cache_addr(cache, false);
        if !cached {
            let scratch = self.scratch_addr();
            return self.call_runtime_checked(
                RuntimeFn::PrivateGet,
                &[self.ctx, object, key, ic, scratch],
            );
        }
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let (hit, slot) = self.private_cache_check(object, key, ic, slow);
        self.b.switch_to_block(hit);
        let v = self.b.ins().load(I64, trusted(), slot, 0);
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(slow);
        let scratch = self.scratch_addr();
        let v =
            self.call_runtime_checked(RuntimeFn::PrivateGet, &[self.ctx, object, key, ic, scratch]);
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(done);
        result
    }

    /// PutValue of a private reference (7.3.32 PrivateSet).
    pub(super) fn set_private(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        value: ir::Value,
        cache: Option<CacheId>,
    ) {
        let (ic, cached) = self.private_cache_addr(cache, true);
        if !cached {
            let scratch = self.scratch_addr();
            self.call_runtime_checked(
                RuntimeFn::PrivateSet,
                &[self.ctx, object, key, value, ic, scratch],
            );
            return;
        }
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let (hit, slot) = self.private_cache_check(object, key, ic, slow);
        self.b.switch_to_block(hit);
        self.b.ins().store(trusted(), value, slot, 0);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(slow);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(
            RuntimeFn::PrivateSet,
            &[self.ctx, object, key, value, ic, scratch],
        );
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }
}
