//! Operators: binary and unary operators with their int32 and double fast
//! paths, comparisons, bitwise operators, constant folding, and the
//! assignment commands.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{self, BlockArg, InstBuilder};

use super::operand::Operand;
use super::values::Arg;
use super::variables::GlobalMiss;
use super::{malformed, CompileError, FunctionCompiler, F64, I32, I64, I8};
use crate::backend::feedback::{OP_DOUBLE, OP_INT32, OP_OTHER, OP_OVERFLOW};
use crate::backend::jit::RuntimeFn;
use crate::semantics::{BinaryOperator, Locator, UnaryOperator};
use crate::value::{Value, NUMBER_LIMIT, TAG_BIGINT, TAG_SHIFT, TAG_STRING};

/// The operand an arithmetic operator gives: boxed, an [`Operand::Num`]
/// (a site that saw doubles) or an [`Operand::Int`] (an int32 site).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Any,
    Num,
    Int,
}

/// Operator feedback with every kind: the generic paths.
const ALL_KINDS: u8 = OP_INT32 | OP_DOUBLE | OP_OTHER | OP_OVERFLOW;

impl FunctionCompiler<'_, '_> {
    /// `op` on two operands: int32 and double fast paths, the runtime for
    /// the rest.
    fn binary(&mut self, op: BinaryOperator, a: Arg, b: Arg) -> Operand {
        use BinaryOperator as B;
        if self.compact() {
            let (a, b) = (self.arg_boxed(a), self.arg_boxed(b));
            return self.compact_binary(op, a, b);
        }
        // A full tier built at a tier-up emits the paths the site has seen
        // (`backend::feedback`); a site that never ran gets the call alone,
        // unless it is in a loop (an on-stack replacement may come before
        // the quick code reached it: see `FunctionCompiler::in_loop`).
        let seen = match self.site_feedback(false) {
            None => ALL_KINDS,
            Some(0) if self.in_loop() => ALL_KINDS,
            Some(0) => {
                let (a, b) = (self.arg_boxed(a), self.arg_boxed(b));
                return self.compact_binary(op, a, b);
            }
            Some(bits) => bits,
        };
        match op {
            B::Addition | B::Subtraction | B::Multiplication | B::Division => {
                // A site whose feedback saw doubles (or int32 overflow)
                // gives its result unboxed (`Operand::Num`): a consumer
                // that computes on it skips the boxing and the type tests.
                // Not without feedback (code compiled full at once): the
                // int32 path's extra conversion and block parameters cost
                // int32 loops (typed_checksum's top level, +2%).
                let unboxed = self.unboxed_numbers()
                    && self
                        .site_feedback(false)
                        .is_some_and(|bits| bits & (OP_DOUBLE | OP_OVERFLOW) != 0);
                // Else an int32 site in a loop gives its result as an
                // `Operand::Int`: the next operator (`i * n + k`), element
                // key or local takes the `i32` without boxing or a tag test.
                let shape = if unboxed {
                    Shape::Num
                } else if self.int_results() && seen & OP_INT32 != 0 && op != B::Division {
                    Shape::Int
                } else {
                    Shape::Any
                };
                self.arithmetic_or(op, a, b, None, seen, shape)
            }
            B::LessThan
            | B::GreaterThan
            | B::LessThanOrEqual
            | B::GreaterThanOrEqual
            | B::Equality
            | B::Inequality
            | B::StrictEquality
            | B::StrictInequality => Operand::Bool(self.comparison(op, a, b, seen)),
            B::BitwiseAnd
            | B::BitwiseOr
            | B::BitwiseXor
            | B::LeftShift
            | B::SignedRightShift
            | B::UnsignedRightShift => self.bitwise(op, a, b, seen),
            B::Remainder => self.remainder(a, b, seen),
            B::Exponentiation | B::InstanceOf | B::In => {
                let (a, b) = (self.arg_boxed(a), self.arg_boxed(b));
                Operand::Any(self.runtime_binary(op, a, b))
            }
        }
    }

    /// The generic part of `x++`/`x--` on `value` (`sub`: a decrement):
    /// ToNumeric, then the addition's double and runtime paths. Gives the
    /// old value as a Number and the new value.
    fn update_generic(
        &mut self,
        value: ir::Value,
        sub: bool,
    ) -> Result<(ir::Value, ir::Value), CompileError> {
        use UnaryOperator as U;
        let old_number = self.plus_or_not(U::Plus, value, U::PostfixIncrement);
        let one = self.constant(Value::from_i32(1));
        // A BigInt takes the slow path, which adds 1n instead.
        let (arith, slow) = if sub {
            (BinaryOperator::Subtraction, U::PrefixDecrement)
        } else {
            (BinaryOperator::Addition, U::PrefixIncrement)
        };
        // The quick tier records no feedback here (its fast paths are
        // inline): every path but the int32 one, taken before this (the
        // double path computes an int32 that overflowed).
        let new = self.arithmetic_or(
            arith,
            Arg::boxed(old_number),
            Arg::boxed(one),
            Some(slow),
            ALL_KINDS & !OP_INT32,
            Shape::Any,
        );
        Ok((old_number, self.value_of(new)?))
    }

    /// `a % b`: int32 fast path for `a >= 0`, `b > 0` (no -0, no division
    /// by zero, no overflow: 6.1.6.1.6 Number::remainder), else the runtime.
    /// An [`Operand::Int`] when unboxed numbers are allowed.
    fn remainder(&mut self, a: Arg, b: Arg, seen: u8) -> Operand {
        if seen & OP_INT32 == 0 {
            let (a, b) = (self.arg_boxed(a), self.arg_boxed(b));
            return Operand::Any(self.runtime_binary(BinaryOperator::Remainder, a, b));
        }
        let int_result = self.int_results();
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let side = int_result.then(|| self.int_result_params(done));
        let int = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let (both, x, y) = self.int_pair(&a, &b);
        self.b.ins().brif(both, int, &[], slow, &[]);
        self.b.switch_to_block(int);
        let x_ok = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, x, 0);
        let y_ok = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, y, 0);
        let ok = self.b.ins().band(x_ok, y_ok);
        self.b.ins().brif(ok, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let r = self.b.ins().urem(x, y);
        if int_result {
            let args = self.int_args(r);
            self.b.ins().jump(done, &args);
        } else {
            let boxed = self.box_int(r);
            self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
        }
        self.b.switch_to_block(slow);
        let (a, b) = (self.arg_boxed(a), self.arg_boxed(b));
        let r = self.runtime_binary(BinaryOperator::Remainder, a, b);
        if int_result {
            let args = self.int_args_boxed(r);
            self.b.ins().jump(done, &args);
        } else {
            self.b.ins().jump(done, &[BlockArg::Value(r)]);
        }
        self.b.switch_to_block(done);
        match side {
            Some(side) => Operand::Int {
                flag: side.flag,
                i: side.i,
                v: result,
            },
            None => Operand::Any(result),
        }
    }

    /// `op` as one runtime call (the quick tier: [`Self::compact`]).
    fn compact_binary(&mut self, op: BinaryOperator, a: ir::Value, b: ir::Value) -> Operand {
        use BinaryOperator as B;
        let v = match self.feedback_site(false) {
            Some(site) => {
                let code = self.b.ins().iconst(I32, op as i64);
                let scratch = self.scratch_addr();
                self.call_runtime_checked(
                    RuntimeFn::BinaryNoting,
                    &[self.ctx, code, a, b, scratch, site],
                )
            }
            None => self.runtime_binary(op, a, b),
        };
        match op {
            B::LessThan
            | B::GreaterThan
            | B::LessThanOrEqual
            | B::GreaterThanOrEqual
            | B::Equality
            | B::Inequality
            | B::StrictEquality
            | B::StrictInequality => Operand::Bool(self.b.ins().icmp_imm_s(
                IntCC::Equal,
                v,
                Value::TRUE.to_bits() as i64,
            )),
            _ => Operand::Any(v),
        }
    }

    fn runtime_binary(&mut self, op: BinaryOperator, a: ir::Value, b: ir::Value) -> ir::Value {
        let op = self.b.ins().iconst(I32, op as i64);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(RuntimeFn::Binary, &[self.ctx, op, a, b, scratch])
    }

    /// `+ - * /`: the int32 path (when `seen` has int32 operands; not for
    /// `/`), the double path (when it has any Numbers), then the runtime.
    /// An int32-only site keeps the double path: the full tier's typed-array
    /// loads give doubles where the quick tier's runtime gave int32 values
    /// (`Value::number`), so a site fed by a Float64Array of integral
    /// values saw only int32 operands, and would otherwise call the runtime
    /// on every value of the full tier. The slow path runs `update`
    /// on `a` instead of the binary operator when given (`x++` on a BigInt,
    /// see `runtime_unary`). With `unboxed` the result is an
    /// [`Operand::Num`]: the double path's raw `f64`, or the boxed result of
    /// the other paths with its `f64`.
    fn arithmetic_or(
        &mut self,
        op: BinaryOperator,
        a: Arg,
        b: Arg,
        update: Option<UnaryOperator>,
        seen: u8,
        shape: Shape,
    ) -> Operand {
        use BinaryOperator as B;
        let unboxed = shape == Shape::Num;
        let int_path = seen & OP_INT32 != 0 && op != B::Division;
        let float_path = seen & (OP_INT32 | OP_DOUBLE | OP_OVERFLOW) != 0;
        if !int_path && !float_path {
            let (a, b) = (self.arg_boxed(a), self.arg_boxed(b));
            return Operand::Any(match update {
                Some(u) => self.runtime_unary(u, a),
                None => self.runtime_binary(op, a, b),
            });
        }
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        // The raw flag and the double of an unboxed result.
        let (raw, f) = if unboxed {
            (
                Some(self.b.append_block_param(done, I8)),
                Some(self.b.append_block_param(done, F64)),
            )
        } else {
            (None, None)
        };
        // The int32 side of an `Operand::Int` result.
        let side = (shape == Shape::Int).then(|| self.int_result_params(done));
        let (av, bv) = (a.v, b.v);
        let float = self.b.create_block();
        let not_int = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        if int_path && seen == OP_INT32 {
            // A site that only saw int32 operands: the int32 path falls
            // through (see `propagate_cold`).
            self.b.set_cold_block(not_int);
            self.b.set_cold_block(float);
        }

        // Raw doubles (`Operand::Num` operands whose flag is set) skip the
        // type tests: two of them go straight to the operation, one goes
        // past the int32 test (its boxed bits are 0, which would fail it).
        if float_path {
            match (a.unboxed, b.unboxed) {
                (Some(ua), Some(ub)) => {
                    let raw_block = self.b.create_block();
                    let tests = self.b.create_block();
                    let both = self.b.ins().band(ua.raw, ub.raw);
                    self.b.ins().brif(both, raw_block, &[], tests, &[]);
                    self.b.switch_to_block(raw_block);
                    let r = self.float_op(op, ua.f, ub.f);
                    self.jump_float_result(done, r, shape);
                    self.b.switch_to_block(tests);
                }
                (Some(u), None) | (None, Some(u)) => {
                    let tests = self.b.create_block();
                    self.b.ins().brif(u.raw, not_int, &[], tests, &[]);
                    self.b.switch_to_block(tests);
                }
                (None, None) => {}
            }
        }

        if int_path {
            let int = self.b.create_block();
            let (both, x, y) = self.int_pair(&a, &b);
            self.b.ins().brif(both, int, &[], not_int, &[]);
            self.b.switch_to_block(int);
            let (r, overflow) = match op {
                B::Addition => self.b.ins().sadd_overflow(x, y),
                B::Subtraction => self.b.ins().ssub_overflow(x, y),
                _ => {
                    let (r, overflow) = self.b.ins().smul_overflow(x, y);
                    // A zero product with a negative operand is -0, a double
                    // (ECMA-262 6.1.6.1.4 Number::multiply).
                    let zero = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
                    let signs = self.b.ins().bor(x, y);
                    let negative = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, signs, 0);
                    let negative_zero = self.b.ins().band(zero, negative);
                    let bad = self.b.ins().bor(overflow, negative_zero);
                    (r, bad)
                }
            };
            let ok = self.b.create_block();
            let on_overflow = if float_path { float } else { slow };
            self.b.ins().brif(overflow, on_overflow, &[], ok, &[]);
            self.b.switch_to_block(ok);
            if shape == Shape::Int {
                let args = self.int_args(r);
                self.b.ins().jump(done, &args);
            } else if unboxed {
                let boxed = self.box_int(r);
                let zero = self.b.ins().iconst(I8, 0);
                let d = self.b.ins().fcvt_from_sint(F64, r);
                self.b.ins().jump(
                    done,
                    &[
                        BlockArg::Value(boxed),
                        BlockArg::Value(zero),
                        BlockArg::Value(d),
                    ],
                );
            } else {
                let boxed = self.box_int(r);
                self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
            }
        } else {
            self.b.ins().jump(not_int, &[]);
        }

        self.b.switch_to_block(not_int);
        if float_path {
            let numbers = self.both_numbers(av, bv);
            self.b.ins().brif(numbers, float, &[], slow, &[]);

            self.b.switch_to_block(float);
            let x = self.arg_f64(a);
            let y = self.arg_f64(b);
            let r = self.float_op(op, x, y);
            self.jump_float_result(done, r, shape);
        } else {
            self.b.ins().jump(slow, &[]);
        }

        self.b.switch_to_block(slow);
        let ab = self.arg_boxed(a);
        let r = match update {
            Some(u) => self.runtime_unary(u, ab),
            None => {
                let bb = self.arg_boxed(b);
                self.runtime_binary(op, ab, bb)
            }
        };
        if unboxed {
            let zero = self.b.ins().iconst(I8, 0);
            let d = self.number_to_f64(r);
            self.b.ins().jump(
                done,
                &[
                    BlockArg::Value(r),
                    BlockArg::Value(zero),
                    BlockArg::Value(d),
                ],
            );
        } else if shape == Shape::Int {
            let args = self.int_args_boxed(r);
            self.b.ins().jump(done, &args);
        } else {
            self.b.ins().jump(done, &[BlockArg::Value(r)]);
        }

        self.b.switch_to_block(done);
        match (raw, f, side) {
            (Some(raw), Some(f), _) => Operand::Num {
                raw,
                f,
                v: result,
                exact: false,
                loose: false,
            },
            (_, _, Some(side)) => Operand::Int {
                flag: side.flag,
                i: side.i,
                v: result,
            },
            _ => Operand::Any(result),
        }
    }

    /// Whether int32 results are made as [`Operand::Int`]s: where unboxed
    /// numbers are allowed, inside a loop. Elsewhere the int32 side rarely
    /// meets another operator before it is boxed (`return x + 1`, a call's
    /// argument), and boxing it with a `select` after the merge cost more
    /// than boxing on the int32 path (super_chain.js: +7% instructions).
    /// Nor when the next command boxes the result at once: a return, a
    /// call's argument, a store to anything but a local with int32
    /// companions (the operand below the popped ones is the reference).
    fn int_results(&self) -> bool {
        use crate::semantics::CompileCommand as C;
        if !self.unboxed_numbers() || !self.in_loop() {
            return false;
        }
        match self.script.commands.get(self.command_index + 1) {
            Some(C::Return(_) | C::Call(_) | C::New(_)) => false,
            Some(C::Assignment | C::Initialize) => self.int_target(self.operands.last()),
            _ => true,
        }
    }

    /// `+ - * /` on two doubles.
    fn float_op(&mut self, op: BinaryOperator, x: ir::Value, y: ir::Value) -> ir::Value {
        use BinaryOperator as B;
        match op {
            B::Addition => self.b.ins().fadd(x, y),
            B::Subtraction => self.b.ins().fsub(x, y),
            B::Multiplication => self.b.ins().fmul(x, y),
            _ => self.b.ins().fdiv(x, y),
        }
    }

    /// Jumps to the `done` block of [`Self::arithmetic_or`] with the double
    /// result `r`: raw (`unboxed`: the boxed bits 0, the flag set) or boxed.
    fn jump_float_result(&mut self, done: ir::Block, r: ir::Value, shape: Shape) {
        if shape == Shape::Num {
            // The value is the raw double; the boxed bits are 0.
            let zero = self.b.ins().iconst(I64, 0);
            let one = self.b.ins().iconst(I8, 1);
            self.b.ins().jump(
                done,
                &[
                    BlockArg::Value(zero),
                    BlockArg::Value(one),
                    BlockArg::Value(r),
                ],
            );
        } else if shape == Shape::Int {
            let boxed = self.box_number(r);
            let args = self.int_args_boxed(boxed);
            self.b.ins().jump(done, &args);
        } else {
            let boxed = self.box_number(r);
            self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
        }
    }

    /// A comparison: the int32 and double paths the site has `seen`, then
    /// the runtime.
    fn comparison(&mut self, op: BinaryOperator, a: Arg, b: Arg, seen: u8) -> ir::Value {
        use BinaryOperator as B;
        let (args, a, b) = ((a, b), a.v, b.v);
        let (icc, fcc) = match op {
            B::LessThan => (IntCC::SignedLessThan, FloatCC::LessThan),
            B::GreaterThan => (IntCC::SignedGreaterThan, FloatCC::GreaterThan),
            B::LessThanOrEqual => (IntCC::SignedLessThanOrEqual, FloatCC::LessThanOrEqual),
            B::GreaterThanOrEqual => (IntCC::SignedGreaterThanOrEqual, FloatCC::GreaterThanOrEqual),
            B::Equality | B::StrictEquality => (IntCC::Equal, FloatCC::Equal),
            // Unordered-or-not-equal: NaN != NaN is true.
            _ => (IntCC::NotEqual, FloatCC::NotEqual),
        };
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I8);
        let int = self.b.create_block();
        let not_int = self.b.create_block();
        let float = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        if seen == OP_INT32 {
            // As in `arithmetic_or`: the int32 path falls through.
            self.b.set_cold_block(not_int);
            self.b.set_cold_block(float);
        }

        if seen & OP_INT32 != 0 {
            let (both, x, y) = self.int_pair(&args.0, &args.1);
            self.b.ins().brif(both, int, &[], not_int, &[]);
            self.b.switch_to_block(int);
            let r = self.b.ins().icmp(icc, x, y);
            self.b.ins().jump(done, &[BlockArg::Value(r)]);
        } else {
            self.b.ins().jump(not_int, &[]);
        }

        self.b.switch_to_block(not_int);
        // The strict operators' slow path below takes identical bits as
        // equal, which only holds when not both are Numbers (NaN): they
        // keep the double path whatever the feedback; an int32-only site
        // keeps it too (see `arithmetic_or`).
        if seen & (OP_INT32 | OP_DOUBLE) != 0
            || matches!(op, B::StrictEquality | B::StrictInequality)
        {
            let numbers = self.both_numbers(a, b);
            self.b.ins().brif(numbers, float, &[], slow, &[]);
            self.b.switch_to_block(float);
            let x = self.arg_f64(args.0);
            let y = self.arg_f64(args.1);
            let r = self.b.ins().fcmp(fcc, x, y);
            self.b.ins().jump(done, &[BlockArg::Value(r)]);
        } else {
            self.b.ins().jump(slow, &[]);
        }

        self.b.switch_to_block(slow);
        // Not both Numbers (an unboxed operand is then its boxed bits).
        let a = self.arg_boxed(args.0);
        let b = self.arg_boxed(args.1);
        if matches!(op, B::StrictEquality | B::StrictInequality) {
            // Not both numbers: identical bits are equal except strings,
            // which compare by content in the runtime (7.2.16
            // IsStrictlyEqual).
            let same = self.b.create_block();
            let different = self.b.create_block();
            let eq = self.b.ins().icmp(IntCC::Equal, a, b);
            self.b.ins().brif(eq, same, &[], different, &[]);
            self.b.switch_to_block(same);
            let r = self.b.ins().iconst(I8, (op == B::StrictEquality) as i64);
            self.b.ins().jump(done, &[BlockArg::Value(r)]);
            // Different bits: only two strings or two BigInts can still be
            // equal (by content); any other pair is not.
            self.b.switch_to_block(different);
            let by_content = self.b.create_block();
            let ta = self.b.ins().ushr_imm_u(a, TAG_SHIFT as i64);
            let tb = self.b.ins().ushr_imm_u(b, TAG_SHIFT as i64);
            let same_tag = self.b.ins().icmp(IntCC::Equal, ta, tb);
            let string = self.b.ins().icmp_imm_s(IntCC::Equal, ta, TAG_STRING as i64);
            let bigint = self.b.ins().icmp_imm_s(IntCC::Equal, ta, TAG_BIGINT as i64);
            let content = self.b.ins().bor(string, bigint);
            let compare = self.b.ins().band(same_tag, content);
            let r = self.b.ins().iconst(I8, (op == B::StrictInequality) as i64);
            self.b
                .ins()
                .brif(compare, by_content, &[], done, &[BlockArg::Value(r)]);
            self.b.switch_to_block(by_content);
            // Two different atoms are different strings (one cell per
            // content): `typeof x === "object"` and literals against keys
            // decide without a call.
            let atoms = self.b.create_block();
            let call = self.b.create_block();
            self.b.ins().brif(string, atoms, &[], call, &[]);
            self.b.switch_to_block(atoms);
            let both = self.both_atoms(a, b);
            self.b
                .ins()
                .brif(both, done, &[BlockArg::Value(r)], call, &[]);
            self.b.switch_to_block(call);
        }
        let v = self.runtime_binary(op, a, b);
        let r = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, v, Value::TRUE.to_bits() as i64);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);

        self.b.switch_to_block(done);
        result
    }

    /// A bitwise operator or shift: the int32 path when the site has `seen`
    /// int32 operands, the ToInt32 of doubles below 2^31 in magnitude when
    /// it has seen doubles (`x | 0` on a double), then the runtime.
    /// An [`Operand::Int`] when unboxed numbers are allowed (not `>>>`,
    /// whose result may be a double).
    fn bitwise(&mut self, op: BinaryOperator, a: Arg, b: Arg, seen: u8) -> Operand {
        use BinaryOperator as B;
        let int_path = seen & OP_INT32 != 0;
        let double_path = seen & OP_DOUBLE != 0;
        if !int_path && !double_path {
            let (a, b) = (self.arg_boxed(a), self.arg_boxed(b));
            return Operand::Any(self.runtime_binary(op, a, b));
        }
        let int_result = self.int_results() && op != B::UnsignedRightShift;
        let (args, a, b) = ((a, b), a.v, b.v);
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let side = int_result.then(|| self.int_result_params(done));
        let compute = self.b.create_block();
        let x = self.b.append_block_param(compute, I32);
        let y = self.b.append_block_param(compute, I32);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let not_int = if double_path {
            self.b.create_block()
        } else {
            slow
        };
        if int_path {
            let int = self.b.create_block();
            let (both, x, y) = self.int_pair(&args.0, &args.1);
            self.b.ins().brif(both, int, &[], not_int, &[]);
            self.b.switch_to_block(int);
            self.b
                .ins()
                .jump(compute, &[BlockArg::Value(x), BlockArg::Value(y)]);
        } else {
            self.b.ins().jump(not_int, &[]);
        }
        if double_path {
            // 7.1.6 ToInt32 of a Number below 2^31 in magnitude is its
            // truncation (NaN, infinities and larger values: the runtime).
            self.b.switch_to_block(not_int);
            let numbers = self.both_numbers(a, b);
            let convert = self.b.create_block();
            self.b.ins().brif(numbers, convert, &[], slow, &[]);
            self.b.switch_to_block(convert);
            let dx = self.arg_f64(args.0);
            let dy = self.arg_f64(args.1);
            let limit = self.b.ins().f64const(2147483648.0);
            let ax = self.b.ins().fabs(dx);
            let ay = self.b.ins().fabs(dy);
            let x_ok = self.b.ins().fcmp(FloatCC::LessThan, ax, limit);
            let y_ok = self.b.ins().fcmp(FloatCC::LessThan, ay, limit);
            let ok = self.b.ins().band(x_ok, y_ok);
            let x = self.b.ins().fcvt_to_sint_sat(I32, dx);
            let y = self.b.ins().fcvt_to_sint_sat(I32, dy);
            self.b.ins().brif(
                ok,
                compute,
                &[BlockArg::Value(x), BlockArg::Value(y)],
                slow,
                &[],
            );
        }
        self.b.switch_to_block(compute);
        // Shift counts are taken modulo 32 (13.9.1 step 3), as Cranelift
        // does for 32-bit shifts.
        let r = match op {
            B::BitwiseAnd => self.b.ins().band(x, y),
            B::BitwiseOr => self.b.ins().bor(x, y),
            B::BitwiseXor => self.b.ins().bxor(x, y),
            B::LeftShift => self.b.ins().ishl(x, y),
            B::SignedRightShift => self.b.ins().sshr(x, y),
            _ => self.b.ins().ushr(x, y),
        };
        if int_result {
            let args = self.int_args(r);
            self.b.ins().jump(done, &args);
        } else {
            let boxed = if op == B::UnsignedRightShift {
                // The result is a uint32: above i32::MAX it is a double.
                let wide = self.b.ins().uextend(I64, r);
                let d = self.b.ins().fcvt_from_uint(F64, wide);
                self.box_number(d)
            } else {
                self.box_int(r)
            };
            self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
        }
        self.b.switch_to_block(slow);
        let a = self.arg_boxed(args.0);
        let b = self.arg_boxed(args.1);
        let r = self.runtime_binary(op, a, b);
        if int_result {
            let args = self.int_args_boxed(r);
            self.b.ins().jump(done, &args);
        } else {
            self.b.ins().jump(done, &[BlockArg::Value(r)]);
        }
        self.b.switch_to_block(done);
        match side {
            Some(side) => Operand::Int {
                flag: side.flag,
                i: side.i,
                v: result,
            },
            None => Operand::Any(result),
        }
    }

    /// `op` of the unary operators that take a value.
    fn unary(&mut self, op: UnaryOperator, operand: Operand) -> Result<Operand, CompileError> {
        use UnaryOperator as U;
        Ok(match op {
            U::LogicalNot => {
                let t = self.truthy(operand)?;
                Operand::Bool(self.b.ins().bxor_imm_u(t, 1))
            }
            U::Void => {
                self.value_of(operand)?;
                Operand::Undefined
            }
            U::Typeof => {
                let v = match operand {
                    // typeof of an unresolvable reference is "undefined"
                    // (13.5.3.1 step 2.a).
                    Operand::Variable(symbol, Locator::Global | Locator::None) => {
                        self.load_global(symbol, GlobalMiss::Undefined)?
                    }
                    Operand::Snapshot {
                        locator: Locator::Global | Locator::None,
                        value,
                        ..
                    } => {
                        // A missing global snapshots as the hole.
                        let hole = self.constant(Value::HOLE);
                        let undefined = self.constant(Value::UNDEFINED);
                        let missing = self.b.ins().icmp(IntCC::Equal, value, hole);
                        self.b.ins().select(missing, undefined, value)
                    }
                    Operand::Dynamic(r) => self.dynamic_typeof_value(r)?,
                    other => self.value_of(other)?,
                };
                Operand::Any(self.type_of(v))
            }
            U::Minus => {
                let v = self.value_of(operand)?;
                let done = self.b.create_block();
                let result = self.b.append_block_param(done, I64);
                let number = self.b.create_block();
                let slow = self.b.create_block();
                self.b.set_cold_block(slow);
                let is_number =
                    self.b
                        .ins()
                        .icmp_imm_u(IntCC::UnsignedLessThan, v, NUMBER_LIMIT as i64);
                self.b.ins().brif(is_number, number, &[], slow, &[]);
                self.b.switch_to_block(number);
                let d = self.number_to_f64(v);
                let n = self.b.ins().fneg(d);
                let boxed = self.box_number(n);
                self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
                self.b.switch_to_block(slow);
                let r = self.runtime_unary(op, v);
                self.b.ins().jump(done, &[BlockArg::Value(r)]);
                self.b.switch_to_block(done);
                Operand::Any(result)
            }
            U::Plus | U::BitwiseNot => {
                let v = self.value_of(operand)?;
                Operand::Any(self.plus_or_not(op, v, op))
            }
            U::Delete => {
                match operand {
                    Operand::Property { object, key, .. } => {
                        let strict = self.b.ins().iconst(I8, self.script.flags.strict as i64);
                        let scratch = self.scratch_addr();
                        Operand::Any(self.call_runtime_checked(
                            RuntimeFn::DeleteProperty,
                            &[self.ctx, object, key, strict, scratch],
                        ))
                    }
                    // Deleting a global binding asks the global environment;
                    // deleting a function's binding fails (sloppy mode; strict
                    // mode makes it an early error); deleting a value succeeds
                    // (13.5.1.2).
                    Operand::Variable(symbol, Locator::Global | Locator::None)
                    | Operand::Snapshot {
                        symbol,
                        locator: Locator::Global | Locator::None,
                        ..
                    } => {
                        let name = self.host.global_name(self.program, symbol);
                        let name = self.b.ins().iconst(I32, name as i64);
                        let scratch = self.scratch_addr();
                        Operand::Any(self.call_runtime_checked(
                            RuntimeFn::DeleteGlobal,
                            &[self.ctx, name, scratch],
                        ))
                    }
                    Operand::Variable(..) | Operand::Snapshot { .. } => Operand::Boolean(false),
                    Operand::Dynamic(r) => Operand::Any(self.dynamic_delete(r)?),
                    other => {
                        self.value_of(other)?;
                        Operand::Boolean(true)
                    }
                }
            }
            U::PostfixIncrement | U::PostfixDecrement | U::PrefixIncrement | U::PrefixDecrement => {
                if !operand.is_reference() {
                    return malformed("update expression on a non-reference");
                }
                let operand = self.pin_property_key(operand)?;
                let value = self.value_of(operand.clone())?;
                let sub = matches!(op, U::PostfixDecrement | U::PrefixDecrement);
                let prefix = matches!(op, U::PrefixIncrement | U::PrefixDecrement);
                // The old value of `i++` as a statement is not needed.
                let old_used = !prefix
                    && !matches!(
                        self.script.commands.get(self.command_index + 1),
                        Some(crate::semantics::CompileCommand::Discard)
                    );
                // The new value as an `Operand::Int`: a local's int32
                // companions take it without boxing.
                let int_result = self.int_results();
                // An int32 first (`i++` of a loop): add with the overflow
                // check, nothing else; its old value is its ToNumeric.
                let done = self.b.create_block();
                let old = old_used.then(|| self.b.append_block_param(done, I64));
                let new = self.b.append_block_param(done, I64);
                let side = int_result.then(|| self.int_result_params(done));
                let int = self.b.create_block();
                let sum = self.b.create_block();
                let generic = self.b.create_block();
                let value_side = self.int_side_of(value);
                self.b.ins().brif(value_side.flag, int, &[], generic, &[]);
                self.b.switch_to_block(int);
                let one = self.b.ins().iconst(I32, 1);
                let (r, overflow) = if sub {
                    self.b.ins().ssub_overflow(value_side.i, one)
                } else {
                    self.b.ins().sadd_overflow(value_side.i, one)
                };
                self.b.ins().brif(overflow, generic, &[], sum, &[]);
                self.b.switch_to_block(sum);
                let mut args = Vec::with_capacity(4);
                if old_used {
                    args.push(BlockArg::Value(value));
                }
                if int_result {
                    args.extend(self.int_args(r));
                } else {
                    args.push(BlockArg::Value(self.box_int(r)));
                }
                self.b.ins().jump(done, &args);
                // ToNumeric first (13.4.2.1 step 2): numbers pass, the
                // runtime converts the rest (a BigInt stays a BigInt).
                // Unlikely (`propagate_cold`): `++` and `--` count int32s.
                self.b.set_cold_block(generic);
                self.b.switch_to_block(generic);
                let (old_number, generic_new) = self.update_generic(value, sub)?;
                let mut args = Vec::with_capacity(4);
                if old_used {
                    args.push(BlockArg::Value(old_number));
                }
                if int_result {
                    args.extend(self.int_args_boxed(generic_new));
                } else {
                    args.push(BlockArg::Value(generic_new));
                }
                self.b.ins().jump(done, &args);
                self.b.switch_to_block(done);
                let (new_value, new_operand) = match side {
                    Some(side) => (
                        self.box_int_side(side.flag, side.i, new),
                        Operand::Int {
                            flag: side.flag,
                            i: side.i,
                            v: new,
                        },
                    ),
                    None => (new, Operand::Any(new)),
                };
                self.put_value(&operand, new_value, false)?;
                match old {
                    _ if prefix => new_operand,
                    Some(old) => Operand::Any(old),
                    // Discarded.
                    None => Operand::Undefined,
                }
            }
        })
    }

    /// Unary `+` (ToNumber: numbers pass) or `~` (int32 fast path); the
    /// slow path calls the runtime with `slow_op` (the update operators
    /// pass their ToNumeric code, see `runtime_unary`).
    fn plus_or_not(
        &mut self,
        op: UnaryOperator,
        v: ir::Value,
        slow_op: UnaryOperator,
    ) -> ir::Value {
        use UnaryOperator as U;
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let cond = if op == U::Plus {
            self.b
                .ins()
                .icmp_imm_u(IntCC::UnsignedLessThan, v, NUMBER_LIMIT as i64)
        } else {
            self.is_int32(v)
        };
        self.b.ins().brif(cond, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let r = if op == U::Plus {
            v
        } else {
            let i = self.b.ins().ireduce(I32, v);
            let n = self.b.ins().bnot(i);
            self.box_int(n)
        };
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(slow);
        let r = self.runtime_unary(slow_op, v);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        result
    }

    pub(super) fn runtime_unary(&mut self, op: UnaryOperator, v: ir::Value) -> ir::Value {
        let op = self.b.ins().iconst(I32, op as i64);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(RuntimeFn::Unary, &[self.ctx, op, v, scratch])
    }

    /// `Unary(op)`.
    pub(super) fn unary_operator(&mut self, op: UnaryOperator) -> Result<(), CompileError> {
        let operand = self.pop()?;
        let result = self.unary(op, operand)?;
        self.operands.push(result);
        Ok(())
    }

    /// `Binary(op)`: two number literals fold to a constant.
    pub(super) fn binary_operator(&mut self, op: BinaryOperator) -> Result<(), CompileError> {
        let rhs = self.pop()?;
        let lhs = self.pop()?;
        if let (Operand::Number(x), Operand::Number(y)) = (&lhs, &rhs) {
            if let Some(folded) = fold_numbers(op, *x, *y) {
                self.operands.push(folded);
                return Ok(());
            }
        }
        let a = self.numeric_of(lhs)?;
        let b = self.numeric_of(rhs)?;
        let result = self.binary(op, a, b);
        self.operands.push(result);
        Ok(())
    }

    /// `Assignment`.
    pub(super) fn assignment(&mut self) -> Result<(), CompileError> {
        let value = self.pop()?;
        let reference = self.pop()?;
        if self.store_unboxed(&reference, &value)? {
            self.operands.push(value);
            return Ok(());
        }
        let v = self.value_of(value)?;
        self.put_value(&reference, v, false)?;
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `CompoundAssignmentBegin`: the old value is read before the
    /// right-hand side.
    pub(super) fn compound_assignment_begin(&mut self) -> Result<(), CompileError> {
        let reference = self.pop()?;
        if !reference.is_reference() {
            return malformed("compound assignment to a non-reference");
        }
        let reference = self.pin_property_key(reference)?;
        // A variable with unboxed companions is read unboxed.
        let old = match self.unboxed_variable(&reference)? {
            Some(num) => num,
            None => Operand::Any(self.value_of(reference.clone())?),
        };
        self.operands.push(reference);
        self.operands.push(old);
        Ok(())
    }

    /// `CompoundAssignment(op)`.
    pub(super) fn compound_assignment(&mut self, op: BinaryOperator) -> Result<(), CompileError> {
        let rhs = self.pop()?;
        let old = self.pop()?;
        let reference = self.pop()?;
        let a = self.numeric_of(old)?;
        let b = self.numeric_of(rhs)?;
        let result = self.binary(op, a, b);
        if self.store_unboxed(&reference, &result)? {
            self.operands.push(result);
            return Ok(());
        }
        let v = self.value_of(result)?;
        self.put_value(&reference, v, false)?;
        self.operands.push(Operand::Any(v));
        Ok(())
    }
}

/// Constant folding of `op` on two number literals, when the result is a
/// number computed exactly as at runtime.
fn fold_numbers(op: BinaryOperator, x: f64, y: f64) -> Option<Operand> {
    use BinaryOperator as B;
    Some(match op {
        B::Addition => Operand::Number(x + y),
        B::Subtraction => Operand::Number(x - y),
        B::Multiplication => Operand::Number(x * y),
        B::Division => Operand::Number(x / y),
        B::LessThan => Operand::Boolean(x < y),
        B::GreaterThan => Operand::Boolean(x > y),
        B::LessThanOrEqual => Operand::Boolean(x <= y),
        B::GreaterThanOrEqual => Operand::Boolean(x >= y),
        B::Equality | B::StrictEquality => Operand::Boolean(x == y),
        B::Inequality | B::StrictInequality => Operand::Boolean(x != y),
        _ => return None,
    })
}
