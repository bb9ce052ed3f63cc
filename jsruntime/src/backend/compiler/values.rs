//! NaN-boxed values as typed Cranelift IR values: constants, boxing of
//! int32, double and boolean results, type tests of the fast paths, and
//! ToBoolean.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, BlockArg, InstBuilder, MemFlagsData};

use super::operand::Operand;
use super::{CompileError, FunctionCompiler, F64, I32, I64, I8};
use crate::backend::jit::RuntimeFn;
use crate::value::{Value, CANONICAL_NAN, NUMBER_LIMIT, TAG_BOOLEAN, TAG_INT32, TAG_SHIFT};

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

    pub(super) fn both_int32(&mut self, a: ir::Value, b: ir::Value) -> ir::Value {
        let x = self.is_int32(a);
        let y = self.is_int32(b);
        self.b.ins().band(x, y)
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
