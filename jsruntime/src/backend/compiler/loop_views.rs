//! Typed-array views hoisted out of loops (issue 13, point 9): the parts of
//! a typed array's element access that cannot change while the object
//! lives, read once at the loop's entry instead of at every access.
//!
//! A typed array's `TypedArrayData` (`builtins/typed_array/mod.rs`) is
//! fixed for the object's lifetime: its element type, index limit, buffer
//! data pointer, `fixed_end` and the address of element 0 never change
//! (resizing never moves a buffer's block; detaching sets its length to 0).
//! Only the buffer's current length does. So at a loop's entry, for each
//! register local that is the receiver of a typed-array element site of the
//! loop (its feedback saw typed arrays), the compiled code reads the
//! local's value and, when it is a fixed-length typed array, those fields
//! into SSA variables (a *view*; zeros otherwise). An access then checks
//! that its receiver is the view's object (one compare: the local may have
//! been reassigned since, and a reassigned local just misses) and the
//! index against the limit, loads the buffer's current length and compares
//! it with `fixed_end` (detached and shrunk buffers fail here), and loads
//! or stores the element: about a third of the full check's instructions.
//! A miss takes the full inline access of `element.rs`, so the view is only
//! ever a shortcut, never a guard that must hold.
//!
//! The view's object stays alive while the loop runs: the variable is live
//! across the whole loop (every iteration's access reads it), so it sits in
//! a register or a spill slot that the collector's conservative stack scan
//! sees, and no other object can take its address while it is compared.
//!
//! Which sites: a `GetProperty` whose receiver operand was pushed by a
//! `VariableReference` of a register local, and a `PropertyReference` of
//! the same form whose consumer (found by the commands' declared stack
//! effects) performs the access; in either case the site's element
//! feedback must have seen typed arrays of an inline type. Sites of nested
//! loops belong to those loops (each loop hoists for its own accesses).
//! On-stack replacement enters a loop without passing its entry, so an OSR
//! entry defines the views of every loop it is inside.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, BlockArg, InstBuilder};
use cranelift_frontend::Variable;

use super::variables::Slot;
use super::{trusted, FunctionCompiler, I32, I64};
use crate::backend::feedback::{typed_seen, TypedSeen};
use crate::builtins::typed_array::{
    OBJECT_TYPED_ARRAY_DATA_OFFSET, TYPED_ARRAY_BUFFER_DATA_OFFSET, TYPED_ARRAY_FIXED_END_OFFSET,
    TYPED_ARRAY_INDEX_LIMIT_OFFSET, TYPED_ARRAY_START_OFFSET, TYPED_ARRAY_TYPE_OFFSET,
};
use crate::object::exotic::FLAG_TYPED_ARRAY;
use crate::object::{FLAG_EXOTIC, OBJECT_FLAGS_OFFSET};
use crate::semantics::{CompileCommand as C, Locator, StackEffect};
use crate::value::{PAYLOAD_MASK, TAG_OBJECT, TAG_SHIFT};

/// The SSA variables of one hoisted view (see the module documentation).
#[derive(Clone, Copy, Debug)]
pub(super) struct ViewVars {
    /// The typed array's value bits, or 0 when the local did not hold a
    /// fixed-length typed array at the loop's entry (then `limit` is 0 and
    /// no access passes).
    pub(super) object: Variable,
    /// `index_limit` (i64).
    pub(super) limit: Variable,
    /// The `*const BufferData` (i64).
    pub(super) buffer: Variable,
    /// `fixed_end` (i64).
    pub(super) fixed_end: Variable,
    /// The element type byte (i32).
    pub(super) ty: Variable,
    /// The address of element 0 (i64).
    pub(super) start: Variable,
}

impl FunctionCompiler<'_, '_> {
    /// At the entry of loop `number` (before the jump to its header, the
    /// current command being its `LoopStart` or `LoopInit`): finds the
    /// loop's typed-array element sites on register locals and defines a
    /// view per local.
    pub(super) fn hoist_loop_views(&mut self, number: u32) {
        if self.feedback.is_none() || self.coroutine.is_some() || !self.unboxed_numbers() {
            return;
        }
        let mut views: Vec<(usize, ViewVars)> = Vec::new();
        for (site, slot) in self.loop_view_sites() {
            let vars = match views.iter().find(|(s, _)| *s == slot) {
                Some(&(_, vars)) => vars,
                None => {
                    let vars = ViewVars {
                        object: self.b.declare_var(I64),
                        limit: self.b.declare_var(I64),
                        buffer: self.b.declare_var(I64),
                        fixed_end: self.b.declare_var(I64),
                        ty: self.b.declare_var(I32),
                        start: self.b.declare_var(I64),
                    };
                    views.push((slot, vars));
                    vars
                }
            };
            self.site_views.insert(site, vars);
        }
        for &(slot, vars) in &views {
            self.define_view(slot, vars);
        }
        if !views.is_empty() {
            self.loop_views.insert(number, views);
        }
    }

    /// In an on-stack replacement entry (after the frame's variables are
    /// restored): defines the views of the loops in `numbers`.
    pub(super) fn redefine_loop_views(&mut self, numbers: &[u32]) {
        for number in numbers {
            let views = self.loop_views.get(number).cloned().unwrap_or_default();
            for (slot, vars) in views {
                self.define_view(slot, vars);
            }
        }
    }

    /// The hoisted view of the current command's element site, if any.
    pub(super) fn site_view(&self) -> Option<ViewVars> {
        self.site_views.get(&self.command_index).copied()
    }

    /// The element sites of the loop starting after the current command
    /// (its own, not those of nested loops), with the slot of the register
    /// local each one reads its receiver from.
    fn loop_view_sites(&self) -> Vec<(usize, usize)> {
        let commands = &self.script.commands;
        let mut sites = Vec::new();
        let mut depth = 0usize;
        for (index, command) in commands.iter().enumerate().skip(self.command_index + 1) {
            match *command {
                C::LoopStart(_) => depth += 1,
                C::LoopEnd if depth == 0 => break,
                C::LoopEnd => depth -= 1,
                C::GetProperty(_) if depth == 0 => {
                    if let Some(slot) = self.receiver_slot(index) {
                        sites.push((index, slot));
                    }
                }
                C::PropertyReference(_) if depth == 0 => {
                    if let (Some(slot), Some(consumer)) =
                        (self.receiver_slot(index), self.consumer(index))
                    {
                        sites.push((consumer, slot));
                    }
                }
                _ => {}
            }
        }
        sites.retain(|&(site, _)| self.typed_feedback(site));
        sites
    }

    /// Whether the element feedback of the site at command `index` saw
    /// typed arrays (of any type: the access dispatches on it).
    fn typed_feedback(&self, index: usize) -> bool {
        let Some(byte) = self
            .feedback
            .as_ref()
            .and_then(|table| table.get(2 * index + 1).copied())
        else {
            return false;
        };
        typed_seen(byte) != TypedSeen::None
    }

    /// The register slot whose `VariableReference` pushed the receiver of
    /// the member access at `index` (`[object, key] -> [...]`).
    fn receiver_slot(&self, index: usize) -> Option<usize> {
        let source = self.operand_source(index, 1)?;
        let C::VariableReference(_, locator @ (Locator::Local(_) | Locator::Argument(_))) =
            self.script.commands[source]
        else {
            return None;
        };
        let slot = self.slot_index(locator).ok()?;
        // The boxed variable must hold the value: not a captured binding
        // (in memory), nor one whose unboxed companions may be newer.
        let stale_int = self.int_companions(slot).is_some_and(|(_, _, stale)| stale);
        let unboxed = self.unboxed_vars.get(slot).is_some_and(|v| v.is_some());
        (matches!(self.slots[slot], Slot::Register(_)) && !stale_int && !unboxed).then_some(slot)
    }

    /// The command that pushed the operand `depth` entries below the top of
    /// the stack as command `index` starts, walking back through the
    /// declared stack effects; `None` past a control-flow marker.
    fn operand_source(&self, index: usize, mut depth: usize) -> Option<usize> {
        for source in (0..index).rev() {
            let StackEffect::Fixed { pops, pushes } = self.script.commands[source].stack_effect()
            else {
                return None;
            };
            if depth < pushes {
                return (pushes == 1).then_some(source);
            }
            depth = depth - pushes + pops;
        }
        None
    }

    /// The command that pops the operand command `index` pushes (its only
    /// output), walking forward through the declared stack effects; `None`
    /// past a control-flow marker.
    fn consumer(&self, index: usize) -> Option<usize> {
        let commands = &self.script.commands;
        let mut depth = 0usize;
        for (consumer, command) in commands.iter().enumerate().skip(index + 1) {
            let StackEffect::Fixed { pops, pushes } = command.stack_effect() else {
                return None;
            };
            if pops > depth {
                return Some(consumer);
            }
            depth = depth - pops + pushes;
        }
        None
    }

    /// Reads slot `slot`'s value and defines `vars` from it: the view of a
    /// fixed-length typed array, else zeros.
    fn define_view(&mut self, slot: usize, vars: ViewVars) {
        let Slot::Register(var) = self.slots[slot] else {
            return;
        };
        let v = self.b.use_var(var);
        let done = self.b.create_block();
        let params = [I64, I64, I64, I64, I32, I64].map(|ty| self.b.append_block_param(done, ty));
        let zero = self.b.ins().iconst(I64, 0);
        let zero32 = self.b.ins().iconst(I32, 0);
        let zeros = [zero, zero, zero, zero, zero32, zero].map(BlockArg::Value);
        let object = self.b.create_block();
        let typed = self.b.create_block();
        let tag = self.b.ins().ushr_imm_u(v, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        self.b.ins().brif(is_object, object, &[], done, &zeros);
        self.b.switch_to_block(object);
        let ptr = self.b.ins().band_imm_u(v, PAYLOAD_MASK as i64);
        let flags = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_FLAGS_OFFSET as i32);
        let kind_bits = (FLAG_EXOTIC | FLAG_TYPED_ARRAY) as i64;
        let kind = self.b.ins().band_imm_u(flags, kind_bits);
        let is_typed = self.b.ins().icmp_imm_s(IntCC::Equal, kind, kind_bits);
        self.b.ins().brif(is_typed, typed, &[], done, &zeros);
        self.b.switch_to_block(typed);
        let data = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_TYPED_ARRAY_DATA_OFFSET as i32);
        let field =
            |this: &mut Self, offset: usize| this.b.ins().load(I64, trusted(), data, offset as i32);
        let limit = field(self, TYPED_ARRAY_INDEX_LIMIT_OFFSET);
        let buffer = field(self, TYPED_ARRAY_BUFFER_DATA_OFFSET);
        let fixed_end = field(self, TYPED_ARRAY_FIXED_END_OFFSET);
        let start = field(self, TYPED_ARRAY_START_OFFSET);
        let ty = self
            .b
            .ins()
            .uload8(I32, trusted(), data, TYPED_ARRAY_TYPE_OFFSET as i32);
        // A length-tracking view (`fixed_end` 0) checks each element
        // against the buffer's length: no view (a limit of 0), the full
        // access does it.
        let tracking = self.b.ins().icmp_imm_s(IntCC::Equal, fixed_end, 0);
        let limit = self.b.ins().select(tracking, zero, limit);
        let args = [v, limit, buffer, fixed_end, ty, start].map(BlockArg::Value);
        self.b.ins().jump(done, &args);
        self.b.switch_to_block(done);
        let targets = [
            vars.object,
            vars.limit,
            vars.buffer,
            vars.fixed_end,
            vars.ty,
            vars.start,
        ];
        for (var, value) in targets.into_iter().zip(params) {
            self.b.def_var(var, value);
        }
    }

    /// At an element site with a view: continues (in a new current block)
    /// when `object` is the view's object and `key` an int32, else jumps to
    /// `miss`.
    pub(super) fn view_guard(
        &mut self,
        view: ViewVars,
        object: ir::Value,
        key: ir::Value,
        miss: ir::Block,
    ) {
        let hoisted = self.b.use_var(view.object);
        let same = self.b.ins().icmp(IntCC::Equal, object, hoisted);
        let int_key = self.int_key_test(key);
        let both = self.b.ins().band(same, int_key);
        let hit = self.b.create_block();
        self.b.ins().brif(both, hit, &[], miss, &[]);
        self.b.switch_to_block(hit);
    }
}
