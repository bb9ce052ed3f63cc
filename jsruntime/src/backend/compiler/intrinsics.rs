//! Math functions run inline by full-tier code (issue 16, session 12).
//!
//! A call whose callee is read from a property named like one of
//! [`crate::builtins::math::INTRINSICS`] (`Math.sqrt(x)`, `M.max(a, b)`)
//! tests, at run time, that the callee is a built-in function object whose
//! [[Call]] is that Math function's Rust function (the object's kind tag
//! and its call pointer, [`OBJECT_NATIVE_CALL_OFFSET`]: any realm's
//! original `Math.sqrt` and nothing else; a reassigned `Math.sqrt` or a
//! shadowing `Math` fails the test) and that the arguments the function
//! converts are Numbers, then computes the result without a call. Anything
//! else takes the generic call: ToNumber of an object argument (whose
//! `valueOf` may throw or have side effects) runs there, in order, as
//! 21.3.2 says. Arguments are evaluated before the test either way.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, BlockArg, InstBuilder};

use super::operand::Operand;
use super::{trusted, CompileError, FunctionCompiler, F32, F64, I32, I64};
use crate::builtins::math::{intrinsic, MathOp};
use crate::object::{NATIVE_FUNCTION_TAG, OBJECT_KIND_OFFSET, OBJECT_NATIVE_CALL_OFFSET};
use crate::value::{NUMBER_LIMIT, PAYLOAD_MASK, TAG_OBJECT, TAG_SHIFT};

impl FunctionCompiler<'_, '_> {
    /// Whether `function` is the native function whose Rust entry is
    /// `address` (a built-in the generated code calls or inlines itself):
    /// branches to `slow` when it is not an object, and continues in a new
    /// block with the answer as an i8 (compare it before relying on it).
    pub(super) fn is_native_function(
        &mut self,
        function: ir::Value,
        address: usize,
        slow: ir::Block,
    ) -> ir::Value {
        let check_kind = self.b.create_block();
        let tag = self.b.ins().ushr_imm_u(function, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        self.b.ins().brif(is_object, check_kind, &[], slow, &[]);
        self.b.switch_to_block(check_kind);
        let ptr = self.b.ins().band_imm_u(function, PAYLOAD_MASK as i64);
        let kind = self
            .b
            .ins()
            .uload8(I32, trusted(), ptr, OBJECT_KIND_OFFSET as i32);
        let native = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, kind, NATIVE_FUNCTION_TAG as i64);
        // Every object's kind is 24 bytes: the word is readable for any
        // kind, and only compared when the tag matched.
        let call = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_NATIVE_CALL_OFFSET as i32);
        let same = self.b.ins().icmp_imm_s(IntCC::Equal, call, address as i64);
        self.b.ins().band(native, same)
    }

    /// The inline operation and the Rust function's address for a callee
    /// read with the constant key `key`, in full-tier code.
    pub(super) fn math_intrinsic_key(&mut self, key: &Operand) -> Option<(MathOp, usize)> {
        if self.compact() || !self.host.direct_closure_calls() {
            return None;
        }
        let Operand::String(id) = key else {
            return None;
        };
        let name = self.program.strings.get(id.0 as usize)?;
        intrinsic(name).map(|(op, f)| (op, f as usize))
    }

    /// The inline Math function recorded for the callee value `function`.
    pub(super) fn take_math_callee(&mut self, function: ir::Value) -> Option<(MathOp, usize)> {
        let i = self
            .math_callees
            .iter()
            .position(|&(v, _, _)| v == function)?;
        let (_, op, address) = self.math_callees.swap_remove(i);
        Some((op, address))
    }

    /// `Call(argc)` of a callee that may be the Math function `op` (whose
    /// [[Call]] is at `address`): the inline result when the callee is that
    /// function and the arguments are Numbers, else the generic call.
    pub(super) fn math_call(
        &mut self,
        op: MathOp,
        address: usize,
        function: ir::Value,
        this: ir::Value,
        args: Vec<Operand>,
    ) -> Result<(), CompileError> {
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(self.value_of(arg)?);
        }
        let argc = values.len();
        // The arguments the function converts (ToNumber, or ToUint32 for
        // clz32 and imul, inline for int32 values only); missing ones are
        // undefined, which converts without running code.
        let (checked, int32) = match op {
            MathOp::Max | MathOp::Min => (argc, false),
            MathOp::Imul => (argc.min(2), true),
            MathOp::Clz32 => (argc.min(1), true),
            _ => (argc.min(1), false),
        };
        let inline = !(op == MathOp::Imul && argc < 2);

        let slow = self.b.create_block();
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        if inline {
            let fast = self.b.create_block();
            let same = self.is_native_function(function, address, slow);
            let mut ok = same;
            for &v in &values[..checked] {
                let c = if int32 {
                    self.is_int32(v)
                } else {
                    self.b
                        .ins()
                        .icmp_imm_u(IntCC::UnsignedLessThan, v, NUMBER_LIMIT as i64)
                };
                ok = self.b.ins().band(ok, c);
            }
            self.b.ins().brif(ok, fast, &[], slow, &[]);

            self.b.switch_to_block(fast);
            let r = self.math_inline(op, &values);
            self.b.ins().jump(done, &[BlockArg::Value(r)]);
        } else {
            self.b.ins().jump(slow, &[]);
        }

        self.b.switch_to_block(slow);
        let argv = match self.argv {
            Some(slot) if argc > 0 => {
                for (i, &v) in values.iter().enumerate() {
                    self.b.ins().stack_store(I64, v, slot, (i * 8) as i32);
                }
                self.b.ins().stack_addr(I64, slot, 0)
            }
            _ => self.b.ins().iconst(I64, 0),
        };
        let argc = self.b.ins().iconst(I32, argc as i64);
        let scratch = self.scratch_addr();
        let r = self.call_value(function, this, argc, argv, scratch);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);

        self.b.switch_to_block(done);
        self.operands.push(Operand::Any(result));
        Ok(())
    }

    /// The boxed result of `op` on `values`, which the caller checked (the
    /// converted ones are Numbers, or int32 values for clz32 and imul).
    fn math_inline(&mut self, op: MathOp, values: &[ir::Value]) -> ir::Value {
        match op {
            // 21.3.2.11 Math.clz32: ToUint32(undefined) is 0.
            MathOp::Clz32 => {
                let Some(&v) = values.first() else {
                    return self
                        .b
                        .ins()
                        .iconst(I64, crate::value::Value::from_i32(32).to_bits() as i64);
                };
                let i = self.b.ins().ireduce(I32, v);
                let n = self.b.ins().clz(i);
                self.box_int(n)
            }
            // 21.3.2.19 Math.imul: the low 32 bits of the product.
            MathOp::Imul => {
                let a = self.b.ins().ireduce(I32, values[0]);
                let b = self.b.ins().ireduce(I32, values[1]);
                let p = self.b.ins().imul(a, b);
                self.box_int(p)
            }
            // 21.3.2.24 Math.max / 21.3.2.25 Math.min: -Infinity / +Infinity
            // for no arguments; NaN wins and +0 is larger than -0, which is
            // what Cranelift's fmax/fmin do (the WebAssembly rules).
            MathOp::Max | MathOp::Min => {
                let max = op == MathOp::Max;
                let Some((&first, rest)) = values.split_first() else {
                    let d = self.b.ins().f64const(if max {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    });
                    return self.box_number(d);
                };
                let mut acc = self.number_to_f64(first);
                for &v in rest {
                    let x = self.number_to_f64(v);
                    acc = if max {
                        self.b.ins().fmax(acc, x)
                    } else {
                        self.b.ins().fmin(acc, x)
                    };
                }
                self.box_number(acc)
            }
            _ => {
                // ToNumber(undefined) is NaN.
                let x = match values.first() {
                    Some(&v) => self.number_to_f64(v),
                    None => self.b.ins().f64const(f64::NAN),
                };
                let d = self.math_unary(op, x);
                self.box_number(d)
            }
        }
    }

    /// The double result of the one-argument function `op` of `x`.
    fn math_unary(&mut self, op: MathOp, x: ir::Value) -> ir::Value {
        match op {
            MathOp::Abs => self.b.ins().fabs(x),
            MathOp::Ceil => self.b.ins().ceil(x),
            MathOp::Floor => self.b.ins().floor(x),
            MathOp::Trunc => self.b.ins().trunc(x),
            MathOp::Sqrt => self.b.ins().sqrt(x),
            MathOp::Fround => {
                let f = self.b.ins().fdemote(F32, x);
                self.b.ins().fpromote(F64, f)
            }
            // 21.3.2.28 Math.round: the integer closest to x, ties toward
            // +Infinity. floor(x), plus one when x - floor(x) >= 0.5 (exact
            // below 2^52; above, x is integral and the difference 0; for
            // infinities it is NaN and the comparison false). The result
            // takes x's sign, which gives -0 for x in [-0.5, -0] and changes
            // nothing else (a negative x never rounds to a positive number).
            MathOp::Round => {
                let r = self.b.ins().floor(x);
                let frac = self.b.ins().fsub(x, r);
                let half = self.b.ins().f64const(0.5);
                let up = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, frac, half);
                let one = self.b.ins().f64const(1.0);
                let next = self.b.ins().fadd(r, one);
                let rounded = self.b.ins().select(up, next, r);
                self.b.ins().fcopysign(rounded, x)
            }
            // 21.3.2.29 Math.sign: NaN, +0 and -0 are their own sign.
            MathOp::Sign => {
                let zero = self.b.ins().f64const(0.0);
                let one = self.b.ins().f64const(1.0);
                let minus_one = self.b.ins().f64const(-1.0);
                let positive = self.b.ins().fcmp(FloatCC::GreaterThan, x, zero);
                let negative = self.b.ins().fcmp(FloatCC::LessThan, x, zero);
                let s = self.b.ins().select(positive, one, x);
                self.b.ins().select(negative, minus_one, s)
            }
            // Not unary (handled by `math_inline`).
            MathOp::Clz32 | MathOp::Imul | MathOp::Max | MathOp::Min => x,
        }
    }
}
