//! Element access in the generated code (issue 16, point 2; issue 13,
//! point 4): `a[i]` with an int32 `i` on an object's dense elements or a
//! typed array, and `a.length` on arrays and typed arrays, without a
//! runtime call on the fast path.
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
//! Typed arrays (`FLAG_TYPED_ARRAY`, 10.4.5): an int32 key is always an
//! element key, so [[Get]] is TypedArrayGetElement and [[Set]] with the view
//! as receiver is TypedArraySetElement: no prototype chain, no setter. In
//! the full tier the access is inline: the `TypedArrayData` is the data
//! pointer of the object's `Box<dyn ExoticObject>`
//! (`OBJECT_TYPED_ARRAY_DATA_OFFSET`), whose element type byte, buffer data
//! pointer, byte offset, address of element 0 and two precomputed bounds (`index_limit`,
//! `fixed_end`, see `builtins/typed_array/mod.rs`) sit at fixed offsets. The
//! index is valid (10.4.5.14 IsValidIntegerIndex) when
//! `i < index_limit`, `fixed_end <= buffer length` and
//! `byte_offset + (i + 1) * size <= buffer length`: the last two read the
//! buffer's *current* length, so detached buffers (length 0) and resized
//! ones, fixed-length or length-tracking views, are exact on every access.
//! A `br_table` on the element type then loads or stores with the
//! conversion (10.4.5.15/16 with 25.1.3.15 RawBytesToNumeric and 25.1.3.18
//! NumericToRawBytes; a Float32 or Float64 element is returned as a double
//! even when integral): integer types wrap an int32 or a double below 2^63 in
//! magnitude (ToInt8... of its truncation are its low bits), Uint8Clamped
//! rounds half to even, Float32 rounds with `fdemote`. Everything else
//! (an invalid index, Float16, BigInt content, a value that is not a
//! Number, an infinite double into an integer type) takes the short
//! out-of-line call (`bridge/elements.rs`), which answers or sends the
//! access on to the generic runtime path. The quick tier, and sites outside
//! loops, only make that call (the inline access is large: emitted at every
//! site of a big program it costs more compile time than it saves). A site
//! in a loop whose receiver is a register local first tries the loop's
//! hoisted view of that local (`loop_views.rs`): the same access with the
//! fixed fields read once at the loop's entry.
//!
//! Other exotic objects (mapped `arguments`, proxies, String wrappers'
//! virtual indices) carry `FLAG_EXOTIC` and always take the runtime path.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, types, Block, BlockArg, Endianness, InstBuilder, MemFlagsData};
use cranelift_frontend::Switch;

use super::control_flow::Flow;
use super::loop_views::ViewVars;
use super::operand::Operand;
use super::values::Arg;
use super::{trusted, CompileError, FunctionCompiler, F64, I32, I64, I8};
use crate::backend::feedback::{typed_seen, TypedSeen, EL_DENSE};
use crate::backend::jit::{RuntimeFn, Tier};
use crate::builtins::array_buffer::{BufferData, ElementType};
use crate::builtins::typed_array::{
    OBJECT_TYPED_ARRAY_DATA_OFFSET, TYPED_ARRAY_BUFFER_DATA_OFFSET, TYPED_ARRAY_BYTE_OFFSET_OFFSET,
    TYPED_ARRAY_FIXED_END_OFFSET, TYPED_ARRAY_INDEX_LIMIT_OFFSET, TYPED_ARRAY_START_OFFSET,
    TYPED_ARRAY_TYPE_OFFSET,
};
use crate::object::exotic::FLAG_TYPED_ARRAY;
use crate::object::{
    value_vec::{VALUE_VEC_LEN_OFFSET, VALUE_VEC_PTR_OFFSET},
    FLAG_ARRAY, FLAG_EXOTIC, OBJECT_ARRAY_LENGTH_OFFSET, OBJECT_ELEMENTS_OFFSET,
    OBJECT_FLAGS_OFFSET,
};
use crate::value::{Value, NUMBER_LIMIT, PAYLOAD_MASK, TAG_INT32, TAG_OBJECT, TAG_SHIFT};

/// The element types with an inline access (the others call out).
const INLINE_TYPES: [ElementType; 9] = [
    ElementType::Int8,
    ElementType::Uint8,
    ElementType::Uint8Clamped,
    ElementType::Int16,
    ElementType::Uint16,
    ElementType::Int32,
    ElementType::Uint32,
    ElementType::Float32,
    ElementType::Float64,
];

/// Flags of loads and stores of buffer bytes: little-endian (the byte
/// order of typed arrays here, as in `array_buffer/data.rs`), possibly
/// unaligned (a buffer is a byte allocation), never trapping (the bounds
/// are checked first).
fn buffer_bytes() -> MemFlagsData {
    MemFlagsData::new()
        .with_notrap()
        .with_endianness(Endianness::Little)
}

/// The parts of a typed-array access common to every element type (after
/// [`FunctionCompiler::typed_array_prelude`]).
struct TypedAccess {
    /// The element type byte (i32).
    ty: ir::Value,
    /// The index, zero-extended (i64; below 2^31).
    index: ir::Value,
    /// [[ByteOffset]] (i64); `None` when an index below the limit is
    /// known to lie within the buffer (a hoisted view of a fixed-length
    /// typed array, `loop_views.rs`).
    byte_offset: Option<ir::Value>,
    /// The buffer's current byte length (i64).
    buffer_len: ir::Value,
    /// The address of element 0 (i64).
    start: ir::Value,
}

/// Where an inline typed-array access finds the array's fields.
#[derive(Clone, Copy)]
enum AccessFrom {
    /// In the object (after the receiver's checks).
    Object(ir::Value),
    /// In a hoisted view (after [`FunctionCompiler::view_guard`]).
    View(ViewVars),
}

/// The receivers an element site's fast path handles (from its feedback,
/// `backend::feedback`): dense elements of ordinary objects, and typed
/// arrays of the element types seen (`Many`: every type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ElementKinds {
    pub(super) dense: bool,
    pub(super) typed: TypedSeen,
}

impl ElementKinds {
    /// Every kind: the generic fast path.
    pub(super) const ALL: ElementKinds = ElementKinds {
        dense: true,
        typed: TypedSeen::Many,
    };
}

impl FunctionCompiler<'_, '_> {
    /// The kinds the current command's element site gets a fast path for;
    /// `None` when it gets the runtime call alone: in a full tier built at
    /// a tier-up, a site that saw no dense array or typed array, or never
    /// ran and is not in a loop (see [`Self::in_loop`]).
    pub(super) fn element_kinds(&self) -> Option<ElementKinds> {
        match self.site_feedback(true) {
            None => Some(ElementKinds::ALL),
            Some(0) if self.in_loop() => Some(ElementKinds::ALL),
            Some(bits) => {
                let kinds = ElementKinds {
                    dense: bits & EL_DENSE != 0,
                    typed: typed_seen(bits),
                };
                (kinds.dense || kinds.typed != TypedSeen::None).then_some(kinds)
            }
        }
    }

    /// Branches to the returned block with the address of element `key` of
    /// `object` when `object` is a non-exotic object and `key` an int32
    /// below its dense length; to the returned typed-array block (with the
    /// object's flags) when `object` is exotic and `key` an int32; else to
    /// `slow`. Without `dense`, an ordinary object goes to `slow` and there
    /// is no address block.
    fn dense_element_address(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        dense: bool,
        slow: Block,
    ) -> (Option<(Block, ir::Value)>, Block, ir::Value) {
        let is_object = self.b.create_block();
        // Both tags at once: int32 key, object receiver. A key made from
        // an int32 side (`Operand::Int`, `i * n + k`) tests its flag.
        let object_tag = self.b.ins().ushr_imm_u(object, TAG_SHIFT as i64);
        let int_key = self.int_key_test(key);
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
        let exotic = self.b.ins().band_imm_u(flags, FLAG_EXOTIC as i64);
        if !dense {
            self.b
                .ins()
                .brif(exotic, exotic_block, &[BlockArg::Value(flags)], slow, &[]);
            return (None, exotic_block, exotic_flags);
        }
        let ordinary = self.b.create_block();
        let in_bounds = self.b.create_block();
        let hit = self.b.create_block();
        let addr = self.b.append_block_param(hit, I64);
        self.b.ins().brif(
            exotic,
            exotic_block,
            &[BlockArg::Value(flags)],
            ordinary,
            &[],
        );
        self.b.switch_to_block(ordinary);
        // A negative int32 becomes a huge unsigned index: out of bounds.
        let index = self.key_index(key);
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
        (Some((hit, addr)), exotic_block, exotic_flags)
    }

    /// Whether `key` is an int32 (`i8`): the flag of its int32 side when
    /// it was made from one, else a tag test.
    pub(super) fn int_key_test(&mut self, key: ir::Value) -> ir::Value {
        match self.ints.origin.get(&key) {
            Some((side, _)) => side.flag,
            None => {
                let key_tag = self.b.ins().ushr_imm_u(key, TAG_SHIFT as i64);
                self.b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, key_tag, TAG_INT32 as i64)
            }
        }
    }

    /// The hoisted view of the current site (`loop_views.rs`) and the
    /// inline element types its access dispatches on, when it has one.
    fn view_of_site(&self, kinds: ElementKinds) -> Option<(ViewVars, Vec<ElementType>)> {
        if !self.inline_typed_arrays() {
            return None;
        }
        let view = self.site_view()?;
        let types = Self::inline_types(kinds.typed);
        (!types.is_empty()).then_some((view, types))
    }

    /// The `i32` of a key known to be an int32: its int32 side's when it
    /// was made from one, else its low half.
    fn key_index(&mut self, key: ir::Value) -> ir::Value {
        match self.ints.origin.get(&key) {
            Some((side, _)) => side.i,
            None => self.b.ins().ireduce(I32, key),
        }
    }

    /// The element types of `typed` with an inline access.
    fn inline_types(typed: TypedSeen) -> Vec<ElementType> {
        match typed {
            TypedSeen::None => Vec::new(),
            TypedSeen::One(ty) => INLINE_TYPES.iter().copied().filter(|&t| t == ty).collect(),
            TypedSeen::Many => INLINE_TYPES.to_vec(),
        }
    }

    /// In `exotic` (from [`Self::dense_element_address`]): to `slow` unless
    /// the object is a typed array; continues in a new current block.
    fn require_typed_array(&mut self, exotic: Block, flags: ir::Value, slow: Block) {
        self.b.switch_to_block(exotic);
        let typed = self.b.create_block();
        let is_typed = self.b.ins().band_imm_u(flags, FLAG_TYPED_ARRAY as i64);
        self.b.ins().brif(is_typed, typed, &[], slow, &[]);
        self.b.switch_to_block(typed);
    }

    /// The fast path of `object[key]` for the receivers of `kinds`: jumps
    /// to `done` with the element when it is a present dense element or a
    /// typed array's element, else to `slow`.
    pub(super) fn get_element_fast(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        kinds: ElementKinds,
        slow: Block,
        done: Block,
    ) {
        self.get_element_fast_to(object, key, kinds, slow, done, None);
    }

    /// [`Self::get_element_fast`], where the inline access of a float
    /// element type jumps to `raw_done` (when given) with the raw `f64`.
    fn get_element_fast_to(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        kinds: ElementKinds,
        slow: Block,
        done: Block,
        raw_done: Option<Block>,
    ) {
        if let Some((view, types)) = self.view_of_site(kinds) {
            let miss = self.b.create_block();
            self.view_guard(view, object, key, miss);
            self.typed_array_get_inline(AccessFrom::View(view), key, &types, miss, done, raw_done);
            self.b.switch_to_block(miss);
            if !kinds.dense {
                // A site of typed arrays only: the view's path falls
                // through (`propagate_cold`).
                self.b.set_cold_block(miss);
            }
        }
        let (hit, exotic, flags) = self.dense_element_address(object, key, kinds.dense, slow);
        if let Some((hit, slot)) = hit {
            self.b.switch_to_block(hit);
            let v = self.b.ins().load(I64, trusted(), slot, 0);
            let hole = self
                .b
                .ins()
                .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
            self.b
                .ins()
                .brif(hole, slow, &[], done, &[BlockArg::Value(v)]);
        }
        if kinds.typed == TypedSeen::None {
            self.b.switch_to_block(exotic);
            self.b.ins().jump(slow, &[]);
            return;
        }
        // A typed array answers with the element (or undefined), or the
        // hole when the runtime must (BigInt content).
        self.require_typed_array(exotic, flags, slow);
        let types = Self::inline_types(kinds.typed);
        if self.inline_typed_arrays() && !types.is_empty() {
            let call = self.b.create_block();
            self.b.set_cold_block(call);
            self.typed_array_get_inline(
                AccessFrom::Object(object),
                key,
                &types,
                call,
                done,
                raw_done,
            );
            self.b.switch_to_block(call);
        }
        let v = self.call_runtime(RuntimeFn::TypedArrayGet, &[self.ctx, object, key]);
        let hole = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
        self.b
            .ins()
            .brif(hole, slow, &[], done, &[BlockArg::Value(v)]);
    }

    /// The operand of an operator's fast paths for `op` (see
    /// [`Self::arg_of`]): an element get `a[i]` of a site that has seen only
    /// Float32Array or only Float64Array receivers gives its element
    /// unboxed ([`Self::get_element_unboxed`]).
    pub(super) fn numeric_of(&mut self, op: Operand) -> Result<Arg, CompileError> {
        let op = self.unspill(op);
        if let Operand::Property {
            object,
            key,
            cache: None,
        } = op
        {
            if let Some(num) = self.get_element_unboxed(object, key) {
                return self.arg_of(num);
            }
        }
        self.arg_of(op)
    }

    /// GetValue of `object[key]` as an [`Operand::Num`] (design step 3 in an
    /// expression): in the full tier, inside a loop, at a site whose
    /// feedback saw typed arrays of one float type only. The inline access
    /// gives the raw double; every other path (another element type, a
    /// dense array, the runtime) gives its boxed value, with its `f64` when
    /// a Number. `None`: the site gets the ordinary get.
    pub(super) fn get_element_unboxed(
        &mut self,
        object: ir::Value,
        key: ir::Value,
    ) -> Option<Operand> {
        if !self.unboxed_numbers() || !self.inline_typed_arrays() {
            return None;
        }
        let kinds = self.element_kinds()?;
        if !matches!(
            kinds.typed,
            TypedSeen::One(ElementType::Float32 | ElementType::Float64)
        ) {
            return None;
        }
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let boxed = self.b.append_block_param(done, I64);
        let raw_done = self.b.create_block();
        let d = self.b.append_block_param(raw_done, F64);
        let join = self.b.create_block();
        let v = self.b.append_block_param(join, I64);
        let raw = self.b.append_block_param(join, I8);
        let f = self.b.append_block_param(join, F64);
        self.get_element_fast_to(object, key, kinds, slow, done, Some(raw_done));
        // As `get_property` for a computed key (no inline cache).
        self.b.switch_to_block(slow);
        let ic = self.b.ins().iconst(I64, 0);
        let scratch = self.scratch_addr();
        let r = self.call_runtime_checked(
            RuntimeFn::GetProperty,
            &[self.ctx, object, key, ic, scratch],
        );
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        let not_raw = self.b.ins().iconst(I8, 0);
        let boxed_f = self.number_to_f64(boxed);
        self.b.ins().jump(
            join,
            &[
                BlockArg::Value(boxed),
                BlockArg::Value(not_raw),
                BlockArg::Value(boxed_f),
            ],
        );
        self.b.switch_to_block(raw_done);
        let zero = self.b.ins().iconst(I64, 0);
        let is_raw = self.b.ins().iconst(I8, 1);
        self.b.ins().jump(
            join,
            &[
                BlockArg::Value(zero),
                BlockArg::Value(is_raw),
                BlockArg::Value(d),
            ],
        );
        self.b.switch_to_block(join);
        Some(Operand::Num {
            raw,
            f,
            v,
            exact: true,
            loose: false,
        })
    }

    /// The fast path of `object[key] = value`: when the element is a present
    /// dense element, stores and jumps to `done`, else jumps to `slow`.
    pub(super) fn set_element_fast(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        value: ir::Value,
        kinds: ElementKinds,
        slow: Block,
        done: Block,
    ) {
        if let Some((view, types)) = self.view_of_site(kinds) {
            let miss = self.b.create_block();
            self.view_guard(view, object, key, miss);
            self.typed_array_set_inline(AccessFrom::View(view), key, value, &types, miss, done);
            self.b.switch_to_block(miss);
            if !kinds.dense {
                // As in `get_element_fast_to`.
                self.b.set_cold_block(miss);
            }
        }
        let (hit, exotic, flags) = self.dense_element_address(object, key, kinds.dense, slow);
        if let Some((hit, slot)) = hit {
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
        }
        if kinds.typed == TypedSeen::None {
            self.b.switch_to_block(exotic);
            self.b.ins().jump(slow, &[]);
            return;
        }
        // A typed array stores a Number (1), else the runtime decides (0).
        self.require_typed_array(exotic, flags, slow);
        let types = Self::inline_types(kinds.typed);
        if self.inline_typed_arrays() && !types.is_empty() {
            let call = self.b.create_block();
            self.b.set_cold_block(call);
            self.typed_array_set_inline(AccessFrom::Object(object), key, value, &types, call, done);
            self.b.switch_to_block(call);
        }
        let stored = self.call_runtime(RuntimeFn::TypedArraySet, &[self.ctx, object, key, value]);
        self.b.ins().brif(stored, done, &[], slow, &[]);
    }

    /// The fast path of `array.length`: jumps to `done` with the length (an
    /// int32) when `object` is an array whose length fits an int32, or a
    /// typed array whose `length` is the original getter (per the site's
    /// cache `ic`), else to `next` (the inline cache and then the runtime
    /// decide).
    pub(super) fn get_array_length_fast(
        &mut self,
        object: ir::Value,
        ic: ir::Value,
        next: Block,
        done: Block,
    ) {
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
        let not_array = self.b.create_block();
        self.b.ins().brif(plain_array, array, &[], not_array, &[]);
        // A typed array: a short call answers when the site's cache holds
        // the original %TypedArray%.prototype getter (else the hole: `next`).
        self.b.switch_to_block(not_array);
        let typed = self.b.create_block();
        let is_typed = self.b.ins().band_imm_u(flags, FLAG_TYPED_ARRAY as i64);
        self.b.ins().brif(is_typed, typed, &[], next, &[]);
        self.b.switch_to_block(typed);
        let v = self.call_runtime(RuntimeFn::TypedArrayLength, &[self.ctx, object, ic]);
        let hole = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
        self.b
            .ins()
            .brif(hole, next, &[], done, &[BlockArg::Value(v)]);
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

    /// Whether typed-array element sites get the inline access: in the full
    /// tier, inside a loop. The access is about 60 IR instructions over a
    /// dozen blocks; emitted at every computed-key site of a large program
    /// it cost more Cranelift time than it saved (gbemu scored 30% lower),
    /// so sites outside loops keep the out-of-line call.
    fn inline_typed_arrays(&self) -> bool {
        self.tier == Tier::Full && self.flows.iter().any(|f| matches!(f, Flow::Loop { .. }))
    }

    /// In a block where `object` is known to be a typed array and `key` an
    /// int32: continues (in a new current block) when the index passes the
    /// checks common to every element type, else jumps to `fallback`.
    fn typed_array_prelude(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        fallback: Block,
    ) -> TypedAccess {
        let ptr = self.b.ins().band_imm_u(object, PAYLOAD_MASK as i64);
        let data = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_TYPED_ARRAY_DATA_OFFSET as i32);
        let index = self.key_index(key);
        let index = self.b.ins().uextend(I64, index);
        let limit = self
            .b
            .ins()
            .load(I64, trusted(), data, TYPED_ARRAY_INDEX_LIMIT_OFFSET as i32);
        // A negative int32 is 2^31 or more here: at or above every limit.
        let below = self.b.ins().icmp(IntCC::UnsignedLessThan, index, limit);
        let checked = self.b.create_block();
        self.b.ins().brif(below, checked, &[], fallback, &[]);
        self.b.switch_to_block(checked);
        let buffer = self
            .b
            .ins()
            .load(I64, trusted(), data, TYPED_ARRAY_BUFFER_DATA_OFFSET as i32);
        let fixed_end =
            self.b
                .ins()
                .load(I64, trusted(), data, TYPED_ARRAY_FIXED_END_OFFSET as i32);
        let buffer_len = self.view_in_bounds(buffer, fixed_end, fallback);
        let ty = self
            .b
            .ins()
            .uload8(I32, trusted(), data, TYPED_ARRAY_TYPE_OFFSET as i32);
        let byte_offset =
            self.b
                .ins()
                .load(I64, trusted(), data, TYPED_ARRAY_BYTE_OFFSET_OFFSET as i32);
        // Dangling once detached, but then the length is 0 and no access
        // passes the per-type check below.
        let start = self
            .b
            .ins()
            .load(I64, trusted(), data, TYPED_ARRAY_START_OFFSET as i32);
        TypedAccess {
            ty,
            index,
            byte_offset: Some(byte_offset),
            buffer_len,
            start,
        }
    }

    /// [`Self::typed_array_prelude`] from a hoisted view (`loop_views.rs`),
    /// after [`Self::view_guard`]: the index below the view's limit, and
    /// the buffer still as long as the view's end (not detached, not
    /// shrunk). Together they put every element of the view within the
    /// buffer: no per-element check.
    fn view_prelude(&mut self, view: ViewVars, key: ir::Value, fallback: Block) -> TypedAccess {
        let index = self.key_index(key);
        let index = self.b.ins().uextend(I64, index);
        let limit = self.b.use_var(view.limit);
        let below = self.b.ins().icmp(IntCC::UnsignedLessThan, index, limit);
        let checked = self.b.create_block();
        self.b.ins().brif(below, checked, &[], fallback, &[]);
        self.b.switch_to_block(checked);
        let buffer = self.b.use_var(view.buffer);
        let fixed_end = self.b.use_var(view.fixed_end);
        let buffer_len = self.view_in_bounds(buffer, fixed_end, fallback);
        TypedAccess {
            ty: self.b.use_var(view.ty),
            index,
            byte_offset: None,
            buffer_len,
            start: self.b.use_var(view.start),
        }
    }

    /// Continues (in a new current block) with the buffer's current byte
    /// length when a view ending at `fixed_end` lies within its buffer
    /// (`buffer`: the `BufferData`), else jumps to `fallback`: a
    /// fixed-length view is out of bounds as a whole when its end is past
    /// the buffer's current length (IsTypedArrayOutOfBounds).
    fn view_in_bounds(
        &mut self,
        buffer: ir::Value,
        fixed_end: ir::Value,
        fallback: Block,
    ) -> ir::Value {
        let buffer_len = self
            .b
            .ins()
            .load(I64, trusted(), buffer, BufferData::LEN_OFFSET as i32);
        let fits = self
            .b
            .ins()
            .icmp(IntCC::UnsignedLessThanOrEqual, fixed_end, buffer_len);
        let in_bounds = self.b.create_block();
        self.b.ins().brif(fits, in_bounds, &[], fallback, &[]);
        self.b.switch_to_block(in_bounds);
        buffer_len
    }

    /// The prelude of an inline typed-array access.
    fn access_prelude(&mut self, from: AccessFrom, key: ir::Value, fallback: Block) -> TypedAccess {
        match from {
            AccessFrom::Object(object) => self.typed_array_prelude(object, key, fallback),
            AccessFrom::View(view) => self.view_prelude(view, key, fallback),
        }
    }

    /// Dispatches on the element type: for each of `types` (of `INLINE_TYPES`), a block
    /// (returned with the type and the element's byte offset from
    /// `access.start`, see [`Self::typed_element_address`]) reached when the
    /// element lies within the buffer's current length; other types and
    /// indices past the end go to `fallback`.
    fn typed_array_switch(
        &mut self,
        access: &TypedAccess,
        types: &[ElementType],
        fallback: Block,
    ) -> Vec<(ElementType, Block, ir::Value)> {
        let mut switch = Switch::new();
        let mut arms = Vec::with_capacity(types.len());
        for &ty in types {
            let arm = self.b.create_block();
            switch.set_entry(ty as u8 as u128, arm);
            arms.push((ty, arm));
        }
        switch.emit(&mut self.b, access.ty, fallback);
        let mut out = Vec::with_capacity(arms.len());
        for (ty, arm) in arms {
            self.b.switch_to_block(arm);
            let size = ty.size() as i64;
            let offset = self
                .b
                .ins()
                .ishl_imm_u(access.index, i64::from(size.trailing_zeros()));
            let hit = self.b.create_block();
            let Some(byte_offset) = access.byte_offset else {
                self.b.ins().jump(hit, &[]);
                out.push((ty, hit, offset));
                continue;
            };
            // 10.4.5.14 IsValidIntegerIndex against the current length:
            // byte_offset + (i + 1) * size <= buffer length.
            let end = self.b.ins().iadd(byte_offset, offset);
            let end = self.b.ins().iadd_imm_s(end, size);
            let fits = self
                .b
                .ins()
                .icmp(IntCC::UnsignedLessThanOrEqual, end, access.buffer_len);
            self.b.ins().brif(fits, hit, &[], fallback, &[]);
            // `hit` is left empty: the caller fills it (the builder wants
            // each block filled before the next one is started).
            out.push((ty, hit, offset));
        }
        out
    }

    /// The address of the element at `offset` (from [`Self::typed_array_switch`]),
    /// in the current block.
    fn typed_element_address(&mut self, access: &TypedAccess, offset: ir::Value) -> ir::Value {
        self.b.ins().iadd(access.start, offset)
    }

    /// `ta[i]` inline (10.4.5.15 TypedArrayGetElement with 25.1.3.15
    /// RawBytesToNumeric): jumps to `done` with the element, or to
    /// `fallback`.
    fn typed_array_get_inline(
        &mut self,
        from: AccessFrom,
        key: ir::Value,
        types: &[ElementType],
        fallback: Block,
        done: Block,
        raw_done: Option<Block>,
    ) {
        let access = self.access_prelude(from, key, fallback);
        let flags = buffer_bytes();
        for (ty, block, offset) in self.typed_array_switch(&access, types, fallback) {
            self.b.switch_to_block(block);
            let addr = self.typed_element_address(&access, offset);
            let v = match ty {
                ElementType::Int8 => {
                    let x = self.b.ins().sload8(I32, flags, addr, 0);
                    self.box_int(x)
                }
                ElementType::Uint8 | ElementType::Uint8Clamped => {
                    let x = self.b.ins().uload8(I32, flags, addr, 0);
                    self.box_int(x)
                }
                ElementType::Int16 => {
                    let x = self.b.ins().sload16(I32, flags, addr, 0);
                    self.box_int(x)
                }
                ElementType::Uint16 => {
                    let x = self.b.ins().uload16(I32, flags, addr, 0);
                    self.box_int(x)
                }
                ElementType::Int32 => {
                    let x = self.b.ins().load(I32, flags, addr, 0);
                    self.box_int(x)
                }
                ElementType::Uint32 => {
                    // 2^31 and more are not int32 values: a double.
                    let x = self.b.ins().load(I32, flags, addr, 0);
                    let boxed = self.box_int(x);
                    let d = self.b.ins().fcvt_from_uint(F64, x);
                    let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), d);
                    let big = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
                    self.b.ins().select(big, bits, boxed)
                }
                // A double as it is (an integral one is a valid Number
                // value too, and the float kernels that read these arrays
                // mostly compute in doubles), NaN canonicalised.
                ElementType::Float32 | ElementType::Float64 => {
                    let d = if ty == ElementType::Float32 {
                        let x = self.b.ins().load(types::F32, flags, addr, 0);
                        self.b.ins().fpromote(F64, x)
                    } else {
                        self.b.ins().load(F64, flags, addr, 0)
                    };
                    if let Some(raw_done) = raw_done {
                        // Unboxed (`get_element_unboxed`).
                        self.b.ins().jump(raw_done, &[BlockArg::Value(d)]);
                        continue;
                    }
                    self.box_double(d)
                }
                // Float16 and the BigInt types never have an inline access.
                _ => {
                    self.b.ins().jump(fallback, &[]);
                    continue;
                }
            };
            self.b.ins().jump(done, &[BlockArg::Value(v)]);
        }
    }

    /// `ta[i] = v` inline for a Number `v` (10.4.5.16 TypedArraySetElement
    /// with 25.1.3.18 NumericToRawBytes): stores and jumps to `done`, or
    /// jumps to `fallback`.
    fn typed_array_set_inline(
        &mut self,
        from: AccessFrom,
        key: ir::Value,
        value: ir::Value,
        types: &[ElementType],
        fallback: Block,
        done: Block,
    ) {
        // Anything but a Number converts first, which may run code.
        let number = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, value, NUMBER_LIMIT as i64);
        let is_number = self.b.create_block();
        self.b.ins().brif(number, is_number, &[], fallback, &[]);
        self.b.switch_to_block(is_number);
        let access = self.access_prelude(from, key, fallback);
        let flags = buffer_bytes();
        let side = self.int_side_of(value);
        let (is_int, int) = (side.flag, side.i);
        let d = self.number_to_f64(value);
        for (ty, block, offset) in self.typed_array_switch(&access, types, fallback) {
            self.b.switch_to_block(block);
            let addr = self.typed_element_address(&access, offset);
            match ty {
                ElementType::Float64 => {
                    self.b.ins().store(flags, d, addr, 0);
                }
                ElementType::Float32 => {
                    // roundTiesToEven to binary32 (25.1.3.18 step 2).
                    let f = self.b.ins().fdemote(types::F32, d);
                    self.b.ins().store(flags, f, addr, 0);
                }
                ElementType::Uint8Clamped => {
                    // 7.1.12 ToUint8Clamp: NaN and below 0 give 0, 255 and
                    // above give 255, else round half to even.
                    let zero = self.b.ins().f64const(0.0);
                    let max = self.b.ins().f64const(255.0);
                    let positive = self.b.ins().fcmp(FloatCC::GreaterThan, d, zero);
                    let x = self.b.ins().select(positive, d, zero);
                    let small = self.b.ins().fcmp(FloatCC::LessThan, x, max);
                    let x = self.b.ins().select(small, x, max);
                    let x = self.b.ins().nearest(x);
                    let byte = self.b.ins().fcvt_to_uint_sat(I32, x);
                    self.b.ins().istore8(flags, byte, addr, 0);
                }
                _ => {
                    // ToInt8/ToUint8/.../ToUint32: the low bits of the
                    // integer (an int32, or a double's truncation when its
                    // magnitude is below 2^63; NaN truncates to 0 as
                    // ToIntegerOrInfinity does; infinities call out).
                    let store = self.b.create_block();
                    let bits = self.b.append_block_param(store, I64);
                    let convert = self.b.create_block();
                    let wide = self.b.ins().sextend(I64, int);
                    self.b
                        .ins()
                        .brif(is_int, store, &[BlockArg::Value(wide)], convert, &[]);
                    self.b.switch_to_block(convert);
                    let magnitude = self.b.ins().fabs(d);
                    let limit = self.b.ins().f64const((1u64 << 63) as f64);
                    let huge = self
                        .b
                        .ins()
                        .fcmp(FloatCC::GreaterThanOrEqual, magnitude, limit);
                    let truncated = self.b.ins().fcvt_to_sint_sat(I64, d);
                    self.b
                        .ins()
                        .brif(huge, fallback, &[], store, &[BlockArg::Value(truncated)]);
                    self.b.switch_to_block(store);
                    match ty.size() {
                        1 => self.b.ins().istore8(flags, bits, addr, 0),
                        2 => self.b.ins().istore16(flags, bits, addr, 0),
                        _ => self.b.ins().istore32(flags, bits, addr, 0),
                    };
                }
            }
            self.b.ins().jump(done, &[]);
        }
    }
}
