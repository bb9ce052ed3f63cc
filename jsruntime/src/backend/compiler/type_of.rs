//! The `typeof` operator (13.5.3.1, #sec-typeof-operator-runtime-semantics-evaluation)
//! without a runtime call: the result is one of eight atoms picked by the
//! value's tag (and, for objects, the callable flag), which the runtime
//! keeps for its lifetime (`Runtime::names`), so their bits are constants
//! of the code. Being atoms, they compare with string literals (atoms too)
//! by identity in `===`: two different atoms are different strings
//! ([`FunctionCompiler::both_atoms`], used by `compiler/operator.rs`).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, BlockArg, InstBuilder};

use super::{trusted, FunctionCompiler, I32, I64};
use crate::object::{FLAG_CALLABLE, OBJECT_FLAGS_OFFSET};
use crate::semantics::UnaryOperator;
use crate::string::{FLAG_ATOM, STRING_FLAGS_OFFSET};
use crate::value::{
    Value, NUMBER_LIMIT, PAYLOAD_MASK, TAG_BIGINT, TAG_BOOLEAN, TAG_OBJECT, TAG_SHIFT, TAG_STRING,
    TAG_SYMBOL,
};

/// The bits (a string value's) of the eight result strings of `typeof`.
#[derive(Clone, Copy, Debug)]
pub struct TypeNames {
    /// `"undefined"`
    pub undefined: u64,
    /// `"object"`
    pub object: u64,
    /// `"boolean"`
    pub boolean: u64,
    /// `"number"`
    pub number: u64,
    /// `"string"`
    pub string: u64,
    /// `"symbol"`
    pub symbol: u64,
    /// `"bigint"`
    pub bigint: u64,
    /// `"function"`
    pub function: u64,
}

impl FunctionCompiler<'_, '_> {
    /// Whether strings `a` and `b` are both atoms (an i8; both must be
    /// strings).
    pub(super) fn both_atoms(&mut self, a: ir::Value, b: ir::Value) -> ir::Value {
        let pa = self.b.ins().band_imm_u(a, PAYLOAD_MASK as i64);
        let pb = self.b.ins().band_imm_u(b, PAYLOAD_MASK as i64);
        let fa = self
            .b
            .ins()
            .load(I32, trusted(), pa, STRING_FLAGS_OFFSET as i32);
        let fb = self
            .b
            .ins()
            .load(I32, trusted(), pb, STRING_FLAGS_OFFSET as i32);
        let both = self.b.ins().band(fa, fb);
        let atom = self.b.ins().band_imm_u(both, FLAG_ATOM as i64);
        self.b.ins().icmp_imm_u(IntCC::NotEqual, atom, 0)
    }

    /// `typeof v` of a value (the reference cases, an unresolvable name,
    /// are settled before: `Operand::Variable` of a missing global gives
    /// `undefined`).
    pub(super) fn type_of(&mut self, v: ir::Value) -> ir::Value {
        let Some(names) = self.host.type_names() else {
            return self.runtime_unary(UnaryOperator::Typeof, v);
        };
        let name = |c: &mut Self, bits: u64| c.b.ins().iconst(I64, bits as i64);
        // Table 41 (#table-typeof-operator-results), primitives first: a
        // chain of selects on the tag, the default (undefined and the
        // hole) at the end.
        let tag = self.b.ins().ushr_imm_u(v, TAG_SHIFT as i64);
        let mut r = name(self, names.undefined);
        for (test_tag, bits) in [
            (TAG_BOOLEAN, names.boolean),
            (TAG_STRING, names.string),
            (TAG_SYMBOL, names.symbol),
            (TAG_BIGINT, names.bigint),
        ] {
            let is = self.b.ins().icmp_imm_u(IntCC::Equal, tag, test_tag as i64);
            let n = name(self, bits);
            r = self.b.ins().select(is, n, r);
        }
        let is_null = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, v, Value::NULL.to_bits() as i64);
        let object = name(self, names.object);
        r = self.b.ins().select(is_null, object, r);
        let is_number = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, v, NUMBER_LIMIT as i64);
        let number = name(self, names.number);
        r = self.b.ins().select(is_number, number, r);
        // Objects: "function" when callable ([[Call]]), else "object".
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let is_object = self.b.create_block();
        let object_tag = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, tag, TAG_OBJECT as i64);
        self.b
            .ins()
            .brif(object_tag, is_object, &[], done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(is_object);
        let ptr = self.b.ins().band_imm_u(v, PAYLOAD_MASK as i64);
        let flags = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_FLAGS_OFFSET as i32);
        let callable = self.b.ins().band_imm_u(flags, FLAG_CALLABLE as i64);
        let function = name(self, names.function);
        let object = name(self, names.object);
        let r = self.b.ins().select(callable, function, object);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        result
    }
}
