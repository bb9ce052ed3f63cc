//! Element access in the generated code (issue 16, point 2): `a[i]` with an
//! int32 `i` on an object's dense elements, and `a.length` on arrays, without
//! a runtime call on the fast path.
//!
//! Dense elements (`object/elements.rs`) are a `ValueVec` (data pointer,
//! `u32` length) in which every present element is a plain writable data
//! property and `Value::HOLE` marks an absent one. So for an ordinary
//! (non-exotic) object and an index below the dense length:
//! - a get that finds a value other than the hole has its answer (a hole
//!   means the prototype chain decides: the runtime path);
//! - a set over a present element only replaces the value: the property is
//!   writable and own, no setter runs, no shape changes, and an array's
//!   `length` cannot change because the index is below it.
//!
//! Typed arrays (`FLAG_TYPED_ARRAY`) take a short out-of-line call
//! (`bridge/elements.rs`) that reads or writes the element without the
//! generic [[Get]]/[[Set]]. Other exotic objects (mapped `arguments`,
//! proxies, String wrappers' virtual indices) carry `FLAG_EXOTIC` and always
//! take the runtime path.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, Block, BlockArg, InstBuilder};

use super::{trusted, FunctionCompiler, I32, I64};
use crate::backend::jit::RuntimeFn;
use crate::object::exotic::FLAG_TYPED_ARRAY;
use crate::object::{
    value_vec::{VALUE_VEC_LEN_OFFSET, VALUE_VEC_PTR_OFFSET},
    FLAG_ARRAY, FLAG_EXOTIC, OBJECT_ARRAY_LENGTH_OFFSET, OBJECT_ELEMENTS_OFFSET,
    OBJECT_FLAGS_OFFSET,
};
use crate::value::{Value, PAYLOAD_MASK, TAG_INT32, TAG_OBJECT, TAG_SHIFT};

impl FunctionCompiler<'_, '_> {
    /// Branches to the returned block with the address of element `key` of
    /// `object` when `object` is a non-exotic object and `key` an int32
    /// below its dense length; to the returned typed-array block (with the
    /// object's flags) when `object` is exotic and `key` an int32; else to
    /// `slow`.
    fn dense_element_address(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        slow: Block,
    ) -> (Block, ir::Value, Block, ir::Value) {
        let is_object = self.b.create_block();
        let ordinary = self.b.create_block();
        let in_bounds = self.b.create_block();
        let hit = self.b.create_block();
        let addr = self.b.append_block_param(hit, I64);
        // Both tags at once: int32 key, object receiver.
        let key_tag = self.b.ins().ushr_imm_u(key, TAG_SHIFT as i64);
        let object_tag = self.b.ins().ushr_imm_u(object, TAG_SHIFT as i64);
        let int_key = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, key_tag, TAG_INT32 as i64);
        let is_obj = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, object_tag, TAG_OBJECT as i64);
        let both = self.b.ins().band(int_key, is_obj);
        self.b.ins().brif(both, is_object, &[], slow, &[]);
        self.b.switch_to_block(is_object);
        let ptr = self.b.ins().band_imm_u(object, PAYLOAD_MASK as i64);
        let flags = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_FLAGS_OFFSET as i32);
        let exotic_block = self.b.create_block();
        let exotic_flags = self.b.append_block_param(exotic_block, I32);
        self.b.set_cold_block(exotic_block);
        let exotic = self.b.ins().band_imm_u(flags, FLAG_EXOTIC as i64);
        self.b.ins().brif(
            exotic,
            exotic_block,
            &[BlockArg::Value(flags)],
            ordinary,
            &[],
        );
        self.b.switch_to_block(ordinary);
        // A negative int32 becomes a huge unsigned index: out of bounds.
        let index = self.b.ins().ireduce(I32, key);
        let len = self.b.ins().load(
            I32,
            trusted(),
            ptr,
            (OBJECT_ELEMENTS_OFFSET + VALUE_VEC_LEN_OFFSET) as i32,
        );
        let below = self.b.ins().icmp(IntCC::UnsignedLessThan, index, len);
        self.b.ins().brif(below, in_bounds, &[], slow, &[]);
        self.b.switch_to_block(in_bounds);
        let data = self.b.ins().load(
            I64,
            trusted(),
            ptr,
            (OBJECT_ELEMENTS_OFFSET + VALUE_VEC_PTR_OFFSET) as i32,
        );
        let index = self.b.ins().uextend(I64, index);
        let offset = self.b.ins().ishl_imm_u(index, 3);
        let slot = self.b.ins().iadd(data, offset);
        self.b.ins().jump(hit, &[BlockArg::Value(slot)]);
        (hit, addr, exotic_block, exotic_flags)
    }

    /// In `exotic` (from [`Self::dense_element_address`]): to `slow` unless
    /// the object is a typed array; continues in a new current block.
    fn require_typed_array(&mut self, exotic: Block, flags: ir::Value, slow: Block) {
        self.b.switch_to_block(exotic);
        let typed = self.b.create_block();
        self.b.set_cold_block(typed);
        let is_typed = self.b.ins().band_imm_u(flags, FLAG_TYPED_ARRAY as i64);
        self.b.ins().brif(is_typed, typed, &[], slow, &[]);
        self.b.switch_to_block(typed);
    }

    /// The fast path of `object[key]`: jumps to `done` with the element when
    /// it is a present dense element, else to `slow`.
    pub(super) fn get_element_fast(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        slow: Block,
        done: Block,
    ) {
        let (hit, slot, exotic, flags) = self.dense_element_address(object, key, slow);
        self.b.switch_to_block(hit);
        let v = self.b.ins().load(I64, trusted(), slot, 0);
        let hole = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
        self.b
            .ins()
            .brif(hole, slow, &[], done, &[BlockArg::Value(v)]);
        // A typed array answers with the element (or undefined), or the
        // hole when the runtime must (BigInt content).
        self.require_typed_array(exotic, flags, slow);
        let v = self.call_runtime(RuntimeFn::TypedArrayGet, &[self.ctx, object, key]);
        let hole = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
        self.b
            .ins()
            .brif(hole, slow, &[], done, &[BlockArg::Value(v)]);
    }

    /// The fast path of `object[key] = value`: when the element is a present
    /// dense element, stores and jumps to `done`, else jumps to `slow`.
    pub(super) fn set_element_fast(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        value: ir::Value,
        slow: Block,
        done: Block,
    ) {
        let (hit, slot, exotic, flags) = self.dense_element_address(object, key, slow);
        self.b.switch_to_block(hit);
        let present = self.b.create_block();
        let v = self.b.ins().load(I64, trusted(), slot, 0);
        let hole = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
        self.b.ins().brif(hole, slow, &[], present, &[]);
        self.b.switch_to_block(present);
        self.b.ins().store(trusted(), value, slot, 0);
        self.b.ins().jump(done, &[]);
        // A typed array stores a Number (1), else the runtime decides (0).
        self.require_typed_array(exotic, flags, slow);
        let stored = self.call_runtime(RuntimeFn::TypedArraySet, &[self.ctx, object, key, value]);
        self.b.ins().brif(stored, done, &[], slow, &[]);
    }

    /// The fast path of `array.length`: jumps to `done` with the length (an
    /// int32) when `object` is an array whose length fits an int32, else to
    /// `next` (the inline cache and then the runtime decide).
    pub(super) fn get_array_length_fast(&mut self, object: ir::Value, next: Block, done: Block) {
        let array = self.b.create_block();
        let ptr = self.object_pointer(object, next);
        let flags = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_FLAGS_OFFSET as i32);
        // An array (10.4.2) that is not a proxy or other exotic object.
        let kind = self
            .b
            .ins()
            .band_imm_u(flags, (FLAG_ARRAY | FLAG_EXOTIC) as i64);
        let plain_array = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, kind, FLAG_ARRAY as i64);
        self.b.ins().brif(plain_array, array, &[], next, &[]);
        self.b.switch_to_block(array);
        let len = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_ARRAY_LENGTH_OFFSET as i32);
        // Lengths of 2^31 and more are not int32 values.
        let small = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, len, 0);
        let len = self.b.ins().uextend(I64, len);
        let boxed = self.b.ins().bor_imm_u(len, (TAG_INT32 << TAG_SHIFT) as i64);
        self.b
            .ins()
            .brif(small, done, &[BlockArg::Value(boxed)], next, &[]);
    }
}
