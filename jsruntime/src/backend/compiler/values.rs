//! NaN-boxed values as typed Cranelift IR values: constants, boxing of
//! int32, double and boolean results, type tests of the fast paths, and
//! ToBoolean.
//!
//! Unboxed numbers (issue 16 design step 3, within an expression): in the
//! full tier an arithmetic site that has seen doubles, and a typed-array
//! element get of a float type, give an [`Operand::Num`]: the result's
//! `f64` with a flag saying whether that raw double *is* the value (the
//! double fast path) or the boxed bits are (the int32 path, the runtime
//! path, a dense element...). An operator or a typed-array store that
//! consumes it takes the `f64` directly; anything else boxes it
//! ([`FunctionCompiler::box_unboxed`]). No guard ever fails after the
//! fact: the flag is a value computed on the path that produced the
//! number, so nothing needs a bailout, and a raw double never reaches
//! memory the conservative stack scan reads as a boxed value (it is an
//! `f64` in a float register or a float spill slot until boxed).

use hashbrown::HashMap;

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, BlockArg, InstBuilder, MemFlagsData};
use cranelift_frontend::Variable;

use super::operand::Operand;
use super::{CompileError, FunctionCompiler, F64, I32, I64, I8};
use crate::backend::jit::RuntimeFn;
use crate::value::{Value, CANONICAL_NAN, NUMBER_LIMIT, TAG_BOOLEAN, TAG_INT32, TAG_SHIFT};

/// The raw side of an unboxed [`Arg`] (see [`Operand::Num`]).
#[derive(Clone, Copy)]
pub(super) struct Unboxed {
    /// `i8`: 1 when `f` is the value (the boxed bits are then 0).
    pub(super) raw: ir::Value,
    /// `f64`: the value when `raw`, else the boxed bits' double if a Number.
    pub(super) f: ir::Value,
    /// Boxing keeps an integral double a double (see [`Operand::Num`]).
    pub(super) exact: bool,
    /// `f` is meaningful only when `raw` (see [`Operand::Num`]).
    pub(super) loose: bool,
}

/// The int32 side of an operand ([`Operand::Int`], an [`Arg`]): when
/// `flag` (`i8`) is 1 the value is the int32 `i` (`i32`).
#[derive(Clone, Copy, Debug)]
pub(super) struct IntSide {
    pub(super) flag: ir::Value,
    pub(super) i: ir::Value,
}

/// The compilation's unboxed int32 state (see [`Operand::Int`] and
/// `variables.rs`).
#[derive(Default)]
pub(super) struct IntState {
    /// The boxed values made from an int32 side
    /// ([`FunctionCompiler::box_int_side`]): a consumer that gets the boxed
    /// value (an element key) tests the flag instead of the tag.
    /// With the boxed value the side was made from (the value when the
    /// flag is clear, see [`Operand::Int`]).
    pub(super) origin: HashMap<ir::Value, (IntSide, ir::Value)>,
    /// Per slot, the int32 companions of a local: its flag, its `i32`,
    /// and whether the boxed variable is stale while the flag is set.
    pub(super) vars: Vec<Option<(Variable, Variable, bool)>>,
}

/// The int32 side of a merge block made by
/// [`FunctionCompiler::int_result_params`].
#[derive(Clone, Copy)]
pub(super) struct IntResult {
    pub(super) flag: ir::Value,
    pub(super) i: ir::Value,
}

/// An operand of an operator's fast paths. The type tests run on `v`,
/// which is 0 (the bits of +0: a Number, not an int32) when the value is
/// only the raw double: so an unboxed raw operand fails the int32 test and
/// passes the Number test, and its double path reads `f`.
#[derive(Clone, Copy)]
pub(super) struct Arg {
    pub(super) v: ir::Value,
    pub(super) unboxed: Option<Unboxed>,
    /// The int32 side of an [`Operand::Int`] (`v` is then its boxed value,
    /// [`FunctionCompiler::box_int_side`]).
    pub(super) int: Option<IntSide>,
}

impl Arg {
    pub(super) fn boxed(v: ir::Value) -> Arg {
        Arg {
            v,
            unboxed: None,
            int: None,
        }
    }
}

impl FunctionCompiler<'_, '_> {
    pub(super) fn constant(&mut self, v: Value) -> ir::Value {
        self.b.ins().iconst(I64, v.to_bits() as i64)
    }

    pub(super) fn box_bool(&mut self, b: ir::Value) -> ir::Value {
        let wide = self.b.ins().uextend(I64, b);
        self.b
            .ins()
            .bor_imm_s(wide, (TAG_BOOLEAN << TAG_SHIFT) as i64)
    }

    pub(super) fn box_int(&mut self, i: ir::Value) -> ir::Value {
        let wide = self.b.ins().uextend(I64, i);
        self.b
            .ins()
            .bor_imm_s(wide, (TAG_INT32 << TAG_SHIFT) as i64)
    }

    /// A double as a Value: int32 when exactly one (not -0), so that the int32
    /// fast paths apply to the result; NaN canonicalised.
    pub(super) fn box_number(&mut self, d: ir::Value) -> ir::Value {
        let i = self.b.ins().fcvt_to_sint_sat(I32, d);
        let back = self.b.ins().fcvt_from_sint(F64, i);
        let exact = self.b.ins().fcmp(FloatCC::Equal, back, d);
        let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), d);
        // -0 converts to 0 exactly; keep it a double (its sign bit is set).
        let non_negative_zero = self.b.ins().icmp_imm_s(IntCC::NotEqual, bits, i64::MIN);
        let is_int = self.b.ins().band(exact, non_negative_zero);
        let boxed_int = self.box_int(i);
        let is_nan = self.b.ins().fcmp(FloatCC::Unordered, d, d);
        let nan = self.b.ins().iconst(I64, CANONICAL_NAN as i64);
        let double = self.b.ins().select(is_nan, nan, bits);
        self.b.ins().select(is_int, boxed_int, double)
    }

    /// The boxed value of an [`Operand::Num`]: `v`, or the raw double `f`
    /// boxed (`exact`: as it is, else re-canonicalised) when `raw`.
    pub(super) fn box_unboxed(
        &mut self,
        raw: ir::Value,
        f: ir::Value,
        v: ir::Value,
        exact: bool,
    ) -> ir::Value {
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let boxing = self.b.create_block();
        self.b
            .ins()
            .brif(raw, boxing, &[], done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(boxing);
        let boxed = if exact {
            self.box_double(f)
        } else {
            self.box_number(f)
        };
        self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
        self.b.switch_to_block(done);
        result
    }

    /// [`Self::box_unboxed`] without a branch: the boxing is computed
    /// whatever the flag and selected, so that a result nobody uses is
    /// removed with it (a variable's snapshot taken by `settle`, such as
    /// the reference of `s += a[i]`, which the store never reads: the
    /// branch of `box_unboxed` stayed in the loop).
    pub(super) fn box_unboxed_select(
        &mut self,
        raw: ir::Value,
        f: ir::Value,
        v: ir::Value,
        exact: bool,
    ) -> ir::Value {
        let boxed = if exact {
            self.box_double(f)
        } else {
            self.box_number(f)
        };
        self.b.ins().select(raw, boxed, v)
    }

    /// An operand of an operator's fast paths: [`Arg`] (an
    /// [`Operand::Num`] keeps its raw double, anything else is boxed).
    pub(super) fn arg_of(&mut self, op: Operand) -> Result<Arg, CompileError> {
        let op = self.unspill(op);
        Ok(match op {
            Operand::Num {
                raw,
                f,
                v,
                exact,
                loose,
            } => Arg {
                v,
                unboxed: Some(Unboxed {
                    raw,
                    f,
                    exact,
                    loose,
                }),
                int: None,
            },
            Operand::Int { flag, i, v } => Arg {
                v: self.box_int_side(flag, i, v),
                unboxed: None,
                int: Some(IntSide { flag, i }),
            },
            op => match self.unboxed_variable(&op)? {
                Some(num) => self.arg_of(num)?,
                None => Arg::boxed(self.value_of(op)?),
            },
        })
    }

    /// The boxed value of an [`Operand::Int`]: `box_int(i)` when the flag
    /// is set, else `v`, without a branch (so it is computed only where it
    /// is used, and not at all when only the int32 side is). Remembered in
    /// [`IntState::origin`].
    pub(super) fn box_int_side(
        &mut self,
        flag: ir::Value,
        i: ir::Value,
        v: ir::Value,
    ) -> ir::Value {
        let boxed = self.box_int(i);
        let r = self.b.ins().select(flag, boxed, v);
        self.ints.origin.insert(r, (IntSide { flag, i }, v));
        r
    }

    /// The int32 side of a boxed value: its own when it was made from one,
    /// else its tag test and low half.
    pub(super) fn int_side_of(&mut self, v: ir::Value) -> IntSide {
        if let Some((side, _)) = self.ints.origin.get(&v) {
            return *side;
        }
        if let Some(bits) = self.constant_bits(v) {
            // A literal: its flag is known.
            let int = int32_of_bits(bits);
            let flag = self.b.ins().iconst(I8, int.is_some() as i64);
            let i = self.b.ins().iconst(I32, int.unwrap_or(0) as i64);
            return IntSide { flag, i };
        }
        let flag = self.is_int32(v);
        let i = self.b.ins().ireduce(I32, v);
        IntSide { flag, i }
    }

    /// The int32 test of two operands (an `i8`) and their `i32` values
    /// (meaningful when the test passed): the flags of int32 sides, the
    /// tags of boxed values.
    pub(super) fn int_pair(&mut self, a: &Arg, b: &Arg) -> (ir::Value, ir::Value, ir::Value) {
        let a_side = a
            .int
            .or_else(|| self.ints.origin.get(&a.v).map(|(side, _)| *side));
        let b_side = b
            .int
            .or_else(|| self.ints.origin.get(&b.v).map(|(side, _)| *side));
        if a_side.is_none() && b_side.is_none() {
            let both = self.both_int32(a.v, b.v);
            let x = self.b.ins().ireduce(I32, a.v);
            let y = self.b.ins().ireduce(I32, b.v);
            return (both, x, y);
        }
        let a_side = match a_side {
            Some(side) => side,
            None => self.int_side_of(a.v),
        };
        let b_side = match b_side {
            Some(side) => side,
            None => self.int_side_of(b.v),
        };
        // An int32 literal's flag is 1: the other flag alone.
        let both = if self.int32_constant(b.v) {
            a_side.flag
        } else if self.int32_constant(a.v) {
            b_side.flag
        } else {
            self.b.ins().band(a_side.flag, b_side.flag)
        };
        (both, a_side.i, b_side.i)
    }

    /// Whether `v` is a literal int32 (boxed).
    fn int32_constant(&self, v: ir::Value) -> bool {
        self.constant_bits(v).and_then(int32_of_bits).is_some()
    }

    /// The bits of `v` when it is an `i64` `iconst` (a literal operand).
    fn constant_bits(&self, v: ir::Value) -> Option<u64> {
        if self.b.func.dfg.value_type(v) != I64 {
            return None;
        }
        let ir::ValueDef::Result(inst, _) = self.b.func.dfg.value_def(v) else {
            return None;
        };
        match self.b.func.dfg.insts[inst] {
            ir::InstructionData::UnaryImm {
                opcode: ir::Opcode::Iconst,
                imm,
            } => Some(imm.bits() as u64),
            _ => None,
        }
    }

    /// The parameters of a merge block for an [`Operand::Int`] result (the
    /// boxed value, the flag, the `i32`), as [`IntResult`].
    pub(super) fn int_result_params(&mut self, done: ir::Block) -> IntResult {
        IntResult {
            flag: self.b.append_block_param(done, I8),
            i: self.b.append_block_param(done, I32),
        }
    }

    /// The block arguments of an int32 result `r` for the merge block of an
    /// [`Operand::Int`] (after its boxed value): the boxed value is then 0.
    pub(super) fn int_args(&mut self, r: ir::Value) -> [BlockArg; 3] {
        let zero = self.b.ins().iconst(I64, 0);
        let one = self.b.ins().iconst(I8, 1);
        [
            BlockArg::Value(zero),
            BlockArg::Value(one),
            BlockArg::Value(r),
        ]
    }

    /// The block arguments of a boxed result `v` for the merge block of an
    /// [`Operand::Int`]: its tag test and low half as the int32 side.
    pub(super) fn int_args_boxed(&mut self, v: ir::Value) -> [BlockArg; 3] {
        let flag = self.is_int32(v);
        let i = self.b.ins().ireduce(I32, v);
        [
            BlockArg::Value(v),
            BlockArg::Value(flag),
            BlockArg::Value(i),
        ]
    }

    /// The `f64` of an [`Arg`] known to be a Number.
    pub(super) fn arg_f64(&mut self, a: Arg) -> ir::Value {
        match a.unboxed {
            Some(u) if u.loose => {
                // The double only while raw, else the boxed bits'.
                let done = self.b.create_block();
                let d = self.b.append_block_param(done, F64);
                let boxed = self.b.create_block();
                self.b
                    .ins()
                    .brif(u.raw, done, &[BlockArg::Value(u.f)], boxed, &[]);
                self.b.switch_to_block(boxed);
                let x = self.number_to_f64(a.v);
                self.b.ins().jump(done, &[BlockArg::Value(x)]);
                self.b.switch_to_block(done);
                d
            }
            Some(u) => u.f,
            None => self.number_to_f64(a.v),
        }
    }

    /// The boxed value of an [`Arg`].
    pub(super) fn arg_boxed(&mut self, a: Arg) -> ir::Value {
        match a.unboxed {
            Some(u) => self.box_unboxed(u.raw, u.f, a.v, u.exact),
            None => a.v,
        }
    }

    /// Whether this compilation may make [`Operand::Num`] operands: the
    /// full tier (not compact code) of a function that is not a coroutine
    /// (a coroutine saves its operand stack as `i64` parts).
    pub(super) fn unboxed_numbers(&self) -> bool {
        !self.compact() && self.coroutine.is_none()
    }

    /// A double as a Value as it is (an integral double stays a double);
    /// NaN canonicalised.
    pub(super) fn box_double(&mut self, d: ir::Value) -> ir::Value {
        let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), d);
        let is_nan = self.b.ins().fcmp(FloatCC::Unordered, d, d);
        let nan = self.b.ins().iconst(I64, CANONICAL_NAN as i64);
        self.b.ins().select(is_nan, nan, bits)
    }

    pub(super) fn is_int32(&mut self, v: ir::Value) -> ir::Value {
        let tag = self.b.ins().ushr_imm_u(v, TAG_SHIFT as i64);
        self.b.ins().icmp_imm_s(IntCC::Equal, tag, TAG_INT32 as i64)
    }

    /// Whether both `a` and `b` are int32 values, with one test: xor with
    /// the int32 tag clears the top 16 bits of exactly the int32 values, so
    /// the or of both is below 2^48 when both are (7 instructions where two
    /// tag tests took 10; a constant operand folds away).
    pub(super) fn both_int32(&mut self, a: ir::Value, b: ir::Value) -> ir::Value {
        // A literal int32 operand (`x + 1`): the other's tag test alone.
        if self.int32_constant(b) {
            return self.is_int32(a);
        }
        if self.int32_constant(a) {
            return self.is_int32(b);
        }
        let tag = (TAG_INT32 << TAG_SHIFT) as i64;
        let x = self.b.ins().bxor_imm_s(a, tag);
        let y = self.b.ins().bxor_imm_s(b, tag);
        let either = self.b.ins().bor(x, y);
        self.b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, either, 1i64 << TAG_SHIFT)
    }

    pub(super) fn both_numbers(&mut self, a: ir::Value, b: ir::Value) -> ir::Value {
        let x = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, a, NUMBER_LIMIT as i64);
        let y = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, b, NUMBER_LIMIT as i64);
        self.b.ins().band(x, y)
    }

    /// The f64 of a value known to be a number.
    pub(super) fn number_to_f64(&mut self, v: ir::Value) -> ir::Value {
        let is_int = self.is_int32(v);
        let i = self.b.ins().ireduce(I32, v);
        let from_int = self.b.ins().fcvt_from_sint(F64, i);
        let from_bits = self.b.ins().bitcast(F64, MemFlagsData::new(), v);
        self.b.ins().select(is_int, from_int, from_bits)
    }

    /// ToBoolean (ECMA-262 7.1.2) of an operand, as an `i8`.
    pub(super) fn truthy(&mut self, op: Operand) -> Result<ir::Value, CompileError> {
        let constant = match op {
            Operand::Undefined | Operand::Null => Some(false),
            Operand::Boolean(b) => Some(b),
            Operand::Number(n) => Some(!(n == 0.0 || n.is_nan())),
            Operand::String(id) => Some(
                self.program
                    .strings
                    .get(id.0 as usize)
                    .is_some_and(|s| !s.is_empty()),
            ),
            Operand::Closure { .. } => None,
            Operand::Bool(b) => return Ok(b),
            _ => None,
        };
        if let Some(c) = constant {
            return Ok(self.b.ins().iconst(I8, c as i64));
        }
        let v = self.value_of(op)?;
        // Compact code: one call instead of four blocks.
        if self.compact() {
            return Ok(self.call_runtime(RuntimeFn::ToBoolean, &[self.ctx, v]));
        }
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I8);
        let not_bool = self.b.create_block();
        let not_int = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        // Booleans: the low bit.
        let tag = self.b.ins().ushr_imm_u(v, TAG_SHIFT as i64);
        let is_bool = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_BOOLEAN as i64);
        let low = self.b.ins().ireduce(I8, v);
        let bit = self.b.ins().band_imm_u(low, 1);
        self.b
            .ins()
            .brif(is_bool, done, &[BlockArg::Value(bit)], not_bool, &[]);
        // Int32: non-zero.
        self.b.switch_to_block(not_bool);
        let is_int = self.b.ins().icmp_imm_s(IntCC::Equal, tag, TAG_INT32 as i64);
        let i = self.b.ins().ireduce(I32, v);
        let nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, i, 0);
        self.b
            .ins()
            .brif(is_int, done, &[BlockArg::Value(nonzero)], not_int, &[]);
        // Everything else in the runtime.
        self.b.switch_to_block(not_int);
        self.b.ins().jump(slow, &[]);
        self.b.switch_to_block(slow);
        let r = self.call_runtime(RuntimeFn::ToBoolean, &[self.ctx, v]);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        Ok(result)
    }
}

/// The int32 that boxed bits hold, if any.
fn int32_of_bits(bits: u64) -> Option<i32> {
    (bits >> TAG_SHIFT == TAG_INT32).then_some(bits as u32 as i32)
}
