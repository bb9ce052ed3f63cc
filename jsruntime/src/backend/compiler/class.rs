//! Class commands with inline caches (see `semantics/analyzer/class.rs` and
//! `backend/bridge/classes.rs`): super property reads (`GetSuperProperty`:
//! `super.m(...)` and `super.x` with a constant key go through the site's
//! get cache on the base object) and public field definitions
//! (`DefineField`: the site's set cache holds the field's add transition).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{BlockArg, InstBuilder};

use super::operand::Operand;
use super::{malformed, trusted, CompileError, FunctionCompiler, I32, I64};
use crate::backend::jit::RuntimeFn;
use crate::object::OBJECT_PROTO_OFFSET;
use crate::runtime::inline_cache::PropertyCache;
use crate::semantics::CacheId;

impl FunctionCompiler<'_, '_> {
    /// `GetSuperProperty(cache)`: `[this, key, home] -> [value]`.
    ///
    /// 13.3.7.3 MakeSuperPropertyReference and 6.2.5.5 GetValue: the base
    /// is `home.[[GetPrototypeOf]]()` (9.1.1.3.5 GetSuperBase) and the
    /// receiver is `this`. A [[HomeObject]] is always an ordinary object (a
    /// class prototype, a class constructor or an object literal), so its
    /// [[GetPrototypeOf]] is the stored [[Prototype]], read inline. With a
    /// constant key the read is then a get-cache check on the base (own or
    /// prototype-chain entry, filled by `runtime_super_get` for the base):
    /// only data properties are cached, and their value does not depend on
    /// the receiver. A null base, a miss, a getter and computed keys take
    /// `runtime_super_get`, which throws the TypeError for a null base.
    pub(super) fn get_super_property(&mut self, cache: CacheId) -> Result<(), CompileError> {
        if cache.0 >= self.script.num_inline_caches {
            return malformed(format!("inline cache {} out of range", cache.0));
        }
        let home = self.pop()?;
        let key = self.pop()?;
        let this = self.pop()?;
        let constant_key = matches!(key, Operand::String(_));
        let this = self.value_of(this)?;
        let key = self.value_of(key)?;
        let home = self.value_of(home)?;
        let cached = constant_key && !self.caches.is_null();
        let ic = if cached {
            // The get entry of the site (the table has 2 entries per site).
            let index = 2 * cache.0 as usize;
            let addr = self.caches as usize + index * std::mem::size_of::<PropertyCache>();
            self.b.ins().iconst(I64, addr as i64)
        } else {
            self.b.ins().iconst(I64, 0)
        };
        if !cached {
            let scratch = self.scratch_addr();
            let v = self.call_runtime_checked(
                RuntimeFn::SuperGet,
                &[self.ctx, this, key, home, ic, scratch],
            );
            self.operands.push(Operand::Any(v));
            return Ok(());
        }
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let home_ptr = self.object_pointer(home, slow);
        let base = self
            .b
            .ins()
            .load(I64, trusted(), home_ptr, OBJECT_PROTO_OFFSET as i32);
        // A null base is not an object: the cache check sends it to `slow`.
        let (hit, slot) = self.get_cache_check(base, ic, slow);
        self.b.switch_to_block(hit);
        let v = self.b.ins().load(I64, trusted(), slot, 0);
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(slow);
        let scratch = self.scratch_addr();
        let v = self.call_runtime_checked(
            RuntimeFn::SuperGet,
            &[self.ctx, this, key, home, ic, scratch],
        );
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(done);
        self.operands.push(Operand::Any(result));
        Ok(())
    }

    /// `DefineField(cache)`: `[object, key, value] -> [object]`, 7.3.33
    /// DefineField of a public field. With a constant key, a set-cache hit
    /// (`set_cache_hit`: an own writable slot, or the add transition on an
    /// extensible object of the shape before) stores the value inline;
    /// `runtime_define_field` only fills the cache for writable,
    /// enumerable, configurable data properties, for which that store is
    /// exactly what CreateDataPropertyOrThrow does. Everything else calls
    /// `runtime_define_field`.
    pub(super) fn define_field(&mut self, cache: CacheId) -> Result<(), CompileError> {
        if cache.0 >= self.script.num_inline_caches {
            return malformed(format!("inline cache {} out of range", cache.0));
        }
        let value = self.pop()?;
        let key = self.pop()?;
        let object = self.pop()?;
        let constant_key = matches!(key, Operand::String(_));
        let object = self.value_of(object)?;
        let key = self.value_of(key)?;
        let value = self.value_of(value)?;
        let cached = constant_key && !self.caches.is_null();
        let ic = if cached {
            // The set entry of the site.
            let index = 2 * cache.0 as usize + 1;
            let addr = self.caches as usize + index * std::mem::size_of::<PropertyCache>();
            self.b.ins().iconst(I64, addr as i64)
        } else {
            self.b.ins().iconst(I64, 0)
        };
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        if cached {
            self.set_cache_hit(object, value, ic, slow, done);
        } else {
            self.b.ins().jump(slow, &[]);
        }
        self.b.switch_to_block(slow);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(
            RuntimeFn::DefineField,
            &[self.ctx, object, key, value, ic, scratch],
        );
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
        self.operands.push(Operand::Any(object));
        Ok(())
    }

    /// `SuperCall(argc)` (`Some`) and `SuperCallForward` (`None`, the
    /// function's own arguments): `[F, newTarget, args..] -> [object]`,
    /// one `runtime_super_call` with the arguments in the argument area.
    pub(super) fn super_call(&mut self, argc: Option<u16>) -> Result<(), CompileError> {
        let n = argc.map_or(0, usize::from);
        if self.operands.len() < n + 2 {
            return malformed("operand stack underflow in a super call");
        }
        let args = self.operands.split_off(self.operands.len() - n);
        let new_target = self.pop()?;
        let f = self.pop()?;
        let f = self.value_of(f)?;
        let new_target = self.value_of(new_target)?;
        let (count, argv) = match argc {
            Some(argc) => {
                let argv = self.argument_area(args)?;
                (self.b.ins().iconst(I32, i64::from(argc)), argv)
            }
            None => (self.argc, self.argv_ptr),
        };
        let scratch = self.scratch_addr();
        let v = self.call_runtime_checked(
            RuntimeFn::SuperCall,
            &[self.ctx, f, new_target, count, argv, scratch],
        );
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `DefinePrivateField(cache)`: `[object, name, value] -> [object]`,
    /// 7.3.28 PrivateFieldAdd. A hit needs the cached private name (one
    /// site sees a new name each time its class is evaluated) and a
    /// transition entry of the set cache (`set_cache_hit`: the object has
    /// the shape before the add, so it lacks the name, and the store adds
    /// it); `runtime_define_private_field` fills only transition entries.
    pub(super) fn define_private_field(&mut self, cache: CacheId) -> Result<(), CompileError> {
        if cache.0 >= self.script.num_inline_caches {
            return malformed(format!("inline cache {} out of range", cache.0));
        }
        let value = self.pop()?;
        let name = self.pop()?;
        let object = self.pop()?;
        let object = self.value_of(object)?;
        let name = self.value_of(name)?;
        let value = self.value_of(value)?;
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let ic = if self.caches.is_null() {
            let ic = self.b.ins().iconst(I64, 0);
            self.b.ins().jump(slow, &[]);
            ic
        } else {
            let index = 2 * cache.0 as usize + 1;
            let addr = self.caches as usize + index * std::mem::size_of::<PropertyCache>();
            let ic = self.b.ins().iconst(I64, addr as i64);
            let same_name = self.b.create_block();
            let cached = self
                .b
                .ins()
                .load(I64, trusted(), ic, PropertyCache::KEY_OFFSET);
            let is_same = self.b.ins().icmp(IntCC::Equal, name, cached);
            self.b.ins().brif(is_same, same_name, &[], slow, &[]);
            self.b.switch_to_block(same_name);
            self.set_cache_hit(object, value, ic, slow, done);
            ic
        };
        self.b.switch_to_block(slow);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(
            RuntimeFn::DefinePrivateField,
            &[self.ctx, object, name, value, ic, scratch],
        );
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
        self.operands.push(Operand::Any(object));
        Ok(())
    }
}
