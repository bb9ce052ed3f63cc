//! The runtime functions compiled code calls, registered as JIT symbols (see
//! [`super::jit::RuntimeFn`]).
//!
//! Every function is `extern "C"` and takes the executor first. Those that may
//! throw return a [`Status`] as `u32` and write their result, or the thrown
//! value, to `ret`. A Rust panic must never cross these functions (it would
//! abort): they return a JavaScript exception instead.
//!
//! Operators delegate to the runtime core's conversions (ToPrimitive,
//! ToNumeric, ToString, IsLooselyEqual, ...), which call back into compiled
//! code through [`crate::runtime::HostHooks`] when an object's `valueOf`,
//! `toString` or `@@toPrimitive` is a closure. Property access goes through
//! the core's [[Get]]/[[Set]]/[[Delete]]; the named-access slow paths refill
//! the site's inline cache ([`crate::runtime::inline_cache`]).

use crate::bigint::{compare_with_number, string_to_bigint, BigIntOp};
use crate::completion::{ErrorKind, JsResult, Thrown};
use crate::conversions::{to_boolean, Hint};
use crate::equality::is_strictly_equal;
use crate::gc::{Gc, HeapObject, Trace, Tracer, CELL_BODY_OFFSET};
use crate::object::{
    Attributes, JsObject, ObjectKind, PropertyDescriptor, PropertyKey, FLAG_CALLABLE, FLAG_CLOSURE,
    FLAG_CONSTRUCTOR,
};
use crate::runtime::inline_cache::PropertyCache;
use crate::runtime::{Intrinsic, Runtime};
use crate::semantics::{BinaryOperator, UnaryOperator};
use crate::value::Value;

use super::{Capture, Closure, Executor, FunctionTemplate, Lambda, Status};

// ----- Heap types of the backend -----

// SAFETY: the escaped value is the only reference a capture holds (while the
// target is a stack slot, the stack scan finds the value there).
unsafe impl Trace for Capture {
    fn trace(&self, tracer: &mut Tracer) {
        // SAFETY: `value` always holds a valid value (undefined at creation).
        tracer.mark_value(unsafe { Value::from_bits(self.value) });
    }
}

impl HeapObject for Capture {
    const NAME: &'static str = "Capture";
}

// SAFETY: reports every capture cell of the closure.
unsafe impl Trace for Closure {
    fn trace(&self, tracer: &mut Tracer) {
        for &cell in &self.cells {
            tracer.mark_cell(cell as usize - CELL_BODY_OFFSET);
        }
        tracer.mark_value(self.function);
    }
}

impl HeapObject for Closure {
    const NAME: &'static str = "Closure";
}

/// The closure of a function object created by compiled code.
pub fn closure_of(v: Value) -> Option<Gc<Closure>> {
    match v.as_object()?.kind() {
        ObjectKind::Function(closure) => Some(*closure),
        _ => None,
    }
}

// ----- Helpers -----

/// Writes a completion to `ret` and returns its status.
///
/// # Safety
/// `ret` must be valid for a write.
pub(super) unsafe fn complete(ret: *mut u64, result: JsResult<Value>) -> u32 {
    let (value, status) = match result {
        Ok(v) => (v, Status::Normal),
        Err(Thrown(e)) => (e, Status::Exception),
    };
    // SAFETY: guaranteed by the caller.
    unsafe { *ret = value.to_bits() };
    status as u32
}

/// # Safety
/// `bits` must come from compiled code, which only handles valid values.
unsafe fn value(bits: u64) -> Value {
    // SAFETY: guaranteed by the caller.
    unsafe { Value::from_bits(bits) }
}

/// The argument slice of a call from compiled code.
///
/// # Safety
/// `argv` must hold `argc` values when `argc > 0`.
unsafe fn arguments<'a>(argc: u32, argv: *const u64) -> &'a [Value] {
    if argc == 0 || argv.is_null() {
        &[]
    } else {
        // SAFETY: guaranteed by the caller; Value is repr(transparent) over u64.
        unsafe { std::slice::from_raw_parts(argv as *const Value, argc as usize) }
    }
}

/// Calls a closure with the lambda convention.
///
/// # Safety
/// `exec` must be the executor that owns the closure's template, live and
/// not moved during the call.
pub(crate) unsafe fn call_closure(
    exec: *mut Executor,
    closure: Gc<Closure>,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    let mut ret = Value::UNDEFINED.to_bits();
    let c = closure.as_ptr();
    // SAFETY: the closure is live (the caller holds it on the stack) and its
    // lambda follows the calling convention; `args` outlives the call.
    let status = unsafe {
        ((*c).lambda)(
            exec,
            c,
            this.to_bits(),
            args.len() as u32,
            args.as_ptr() as *const u64,
            &mut ret,
        )
    };
    // SAFETY: compiled code only stores valid values.
    let v = unsafe { Value::from_bits(ret) };
    if status == Status::Normal as u32 {
        Ok(v)
    } else {
        Err(Thrown(v))
    }
}

/// The executor that owns `rt` (the runtime is the executor's first field).
///
/// # Safety
/// `rt` must be the runtime of an [`Executor`]; only hooks installed by
/// `Executor::new` call this.
unsafe fn executor_of(rt: &mut Runtime) -> *mut Executor {
    rt as *mut Runtime as *mut Executor
}

/// [`crate::runtime::HostHooks::call`]: 10.2.1 [[Call]] of an ECMAScript
/// function object, from Rust (built-ins, getters, conversions).
pub(crate) fn call_hook(
    rt: &mut Runtime,
    callee: Gc<JsObject>,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    let ObjectKind::Function(closure) = callee.kind() else {
        return Err(rt.type_error("not a function"));
    };
    let closure = *closure;
    // SAFETY: the hook is installed only on an executor's runtime.
    unsafe { call_closure(executor_of(rt), closure, this, args) }
}

/// [`crate::runtime::HostHooks::construct`]: 10.2.2 [[Construct]] of an
/// ECMAScript function object whose [[ConstructorKind]] is base.
pub(crate) fn construct_hook(
    rt: &mut Runtime,
    callee: Gc<JsObject>,
    args: &[Value],
    new_target: Gc<JsObject>,
) -> JsResult<Value> {
    let ObjectKind::Function(closure) = callee.kind() else {
        return Err(rt.type_error("not a constructor"));
    };
    let closure = *closure;
    // Step 3.a: OrdinaryCreateFromConstructor(newTarget, "%Object.prototype%").
    let this = rt.ordinary_create_from_constructor(
        new_target,
        Intrinsic::ObjectPrototype,
        ObjectKind::Ordinary,
        0,
    )?;
    // SAFETY: the hook is installed only on an executor's runtime.
    let exec = unsafe { executor_of(rt) };
    // 10.2.2 step 6 (OrdinaryCallBindThis aside): the callee's prologue
    // takes NewTarget (13.3.12) if it uses it.
    // SAFETY: `exec` is the live executor owning `rt`.
    unsafe { (*exec).new_target.offer(closure, new_target) };
    // SAFETY: as above.
    let result = unsafe { call_closure(exec, closure, Value::object(this), args) };
    // SAFETY: as above.
    unsafe { (*exec).new_target.withdraw() };
    let result = result?;
    // Steps 10-12: an object result replaces the this value.
    if result.is_object() {
        Ok(result)
    } else {
        Ok(Value::object(this))
    }
}

/// IsLessThan (7.2.13): `Some(x < y)`, `None` for undefined (NaN).
fn is_less_than(rt: &mut Runtime, x: Value, y: Value, left_first: bool) -> JsResult<Option<bool>> {
    let (px, py) = if left_first {
        let px = rt.to_primitive(x, Hint::Number)?;
        let py = rt.to_primitive(y, Hint::Number)?;
        (px, py)
    } else {
        let py = rt.to_primitive(y, Hint::Number)?;
        let px = rt.to_primitive(x, Hint::Number)?;
        (px, py)
    };
    if let (Some(a), Some(b)) = (px.as_string(), py.as_string()) {
        return Ok(Some(a.compare(&b) == std::cmp::Ordering::Less));
    }
    // Steps 3.c–3.d: a BigInt and a string compare as BigInts (undefined
    // when the string is not an integer).
    if let (Some(a), Some(b)) = (px.as_bigint(), py.as_string()) {
        return Ok(string_to_bigint(b.view()).map(|y| a.value() < &y));
    }
    if let (Some(a), Some(b)) = (px.as_string(), py.as_bigint()) {
        return Ok(string_to_bigint(a.view()).map(|x| &x < b.value()));
    }
    let nx = rt.to_numeric(px)?;
    let ny = rt.to_numeric(py)?;
    let ordering = match (nx.as_bigint(), ny.as_bigint()) {
        (Some(a), Some(b)) => Some(a.value().cmp(b.value())),
        (Some(a), None) => compare_with_number(a.value(), ny.as_number().unwrap_or(f64::NAN)),
        (None, Some(b)) => compare_with_number(b.value(), nx.as_number().unwrap_or(f64::NAN))
            .map(std::cmp::Ordering::reverse),
        (None, None) => {
            let (x, y) = (nx.as_number(), ny.as_number());
            return Ok(x
                .zip(y)
                .and_then(|(x, y)| x.partial_cmp(&y))
                .map(|o| o.is_lt()));
        }
    };
    Ok(ordering.map(|o| o.is_lt()))
}

/// ToNumeric (7.1.3) where a BigInt is a TypeError: unary `+` (ToNumber).
fn numeric(rt: &mut Runtime, v: Value) -> JsResult<f64> {
    let n = rt.to_numeric(v)?;
    match n.as_number() {
        Some(d) => Ok(d),
        None => rt.to_number(n),
    }
}

/// The BigInt operation of a numeric binary operator.
fn bigint_op(op: BinaryOperator) -> Option<BigIntOp> {
    use BinaryOperator as B;
    Some(match op {
        B::Addition => BigIntOp::Add,
        B::Subtraction => BigIntOp::Subtract,
        B::Multiplication => BigIntOp::Multiply,
        B::Division => BigIntOp::Divide,
        B::Remainder => BigIntOp::Remainder,
        B::Exponentiation => BigIntOp::Exponentiate,
        B::LeftShift => BigIntOp::LeftShift,
        B::SignedRightShift => BigIntOp::SignedRightShift,
        B::UnsignedRightShift => BigIntOp::UnsignedRightShift,
        B::BitwiseAnd => BigIntOp::BitwiseAnd,
        B::BitwiseOr => BigIntOp::BitwiseOr,
        B::BitwiseXor => BigIntOp::BitwiseXor,
        _ => return None,
    })
}

/// 13.15.3 ApplyStringOrNumericBinaryOperator steps 3–8 on numeric values
/// (the results of ToNumeric): both Numbers, both BigInts, or a TypeError.
fn numeric_binary(rt: &mut Runtime, op: BinaryOperator, a: Value, b: Value) -> JsResult<Value> {
    use BinaryOperator as B;
    if let (Some(x), Some(y)) = (a.as_bigint(), b.as_bigint()) {
        return match bigint_op(op) {
            Some(op) => rt.bigint_binary(op, x.value(), y.value()),
            None => Err(rt.type_error("unknown BigInt operator")),
        };
    }
    let (Some(x), Some(y)) = (a.as_number(), b.as_number()) else {
        return Err(rt.type_error("Cannot mix BigInt and other types, use explicit conversions"));
    };
    Ok(match op {
        B::Addition => Value::number(x + y),
        B::Subtraction => Value::number(x - y),
        B::Multiplication => Value::number(x * y),
        B::Division => Value::number(x / y),
        B::Remainder => Value::number(x % y),
        B::Exponentiation => Value::number(exponentiate(x, y)),
        B::LeftShift => Value::from_i32(to_int32(x).wrapping_shl(to_int32(y) as u32 & 31)),
        B::SignedRightShift => Value::from_i32(to_int32(x) >> (to_int32(y) as u32 & 31)),
        B::UnsignedRightShift => Value::from_u32((to_int32(x) as u32) >> (to_int32(y) as u32 & 31)),
        B::BitwiseAnd => Value::from_i32(to_int32(x) & to_int32(y)),
        B::BitwiseOr => Value::from_i32(to_int32(x) | to_int32(y)),
        _ => Value::from_i32(to_int32(x) ^ to_int32(y)),
    })
}

/// 6.1.6.1.3 Number::exponentiate.
fn exponentiate(x: f64, y: f64) -> f64 {
    if y.is_nan() || ((x == 1.0 || x == -1.0) && y.is_infinite()) {
        f64::NAN
    } else {
        x.powf(y)
    }
}

fn to_int32(d: f64) -> i32 {
    crate::conversions::f64_to_int32(d)
}

/// A binary operator on any values (13.15.3 ApplyStringOrNumericBinaryOperator
/// and the relational, equality, `in` and `instanceof` operators).
fn binary(rt: &mut Runtime, op: BinaryOperator, a: Value, b: Value) -> JsResult<Value> {
    use BinaryOperator as B;
    Ok(match op {
        // Strings and numbers are primitives already (ToPrimitive is the
        // identity): string building skips the general path.
        B::Addition
            if (a.is_string() && (b.is_string() || b.is_number()))
                || (a.is_number() && b.is_string()) =>
        {
            let x = rt.to_string(a)?;
            let y = rt.to_string(b)?;
            Value::string(rt.concat_strings(x, y)?)
        }
        B::Addition => {
            let pa = rt.to_primitive(a, Hint::Default)?;
            let pb = rt.to_primitive(b, Hint::Default)?;
            if pa.is_string() || pb.is_string() {
                let x = rt.to_string(pa)?;
                let y = rt.to_string(pb)?;
                Value::string(rt.concat_strings(x, y)?)
            } else {
                let x = rt.to_numeric(pa)?;
                let y = rt.to_numeric(pb)?;
                return numeric_binary(rt, op, x, y);
            }
        }
        B::Subtraction
        | B::Multiplication
        | B::Division
        | B::Remainder
        | B::Exponentiation
        | B::LeftShift
        | B::SignedRightShift
        | B::UnsignedRightShift
        | B::BitwiseAnd
        | B::BitwiseOr
        | B::BitwiseXor => {
            let x = rt.to_numeric(a)?;
            let y = rt.to_numeric(b)?;
            return numeric_binary(rt, op, x, y);
        }
        // 13.10.1: `a > b` is IsLessThan(b, a, LeftFirst = false), etc.
        B::LessThan => Value::from_bool(is_less_than(rt, a, b, true)? == Some(true)),
        B::GreaterThan => Value::from_bool(is_less_than(rt, b, a, false)? == Some(true)),
        B::LessThanOrEqual => Value::from_bool(is_less_than(rt, b, a, false)? == Some(false)),
        B::GreaterThanOrEqual => Value::from_bool(is_less_than(rt, a, b, true)? == Some(false)),
        B::StrictEquality => Value::from_bool(is_strictly_equal(a, b)),
        B::StrictInequality => Value::from_bool(!is_strictly_equal(a, b)),
        B::Equality => Value::from_bool(rt.is_loosely_equal(a, b)?),
        B::Inequality => Value::from_bool(!rt.is_loosely_equal(a, b)?),
        B::InstanceOf => Value::from_bool(rt.instance_of(a, b)?),
        B::In => Value::from_bool(rt.in_operator(a, b)?),
    })
}

pub(crate) const BINARY_OPERATORS: [BinaryOperator; 22] = [
    BinaryOperator::Exponentiation,
    BinaryOperator::Multiplication,
    BinaryOperator::Division,
    BinaryOperator::Remainder,
    BinaryOperator::Addition,
    BinaryOperator::Subtraction,
    BinaryOperator::LeftShift,
    BinaryOperator::SignedRightShift,
    BinaryOperator::UnsignedRightShift,
    BinaryOperator::LessThan,
    BinaryOperator::GreaterThan,
    BinaryOperator::LessThanOrEqual,
    BinaryOperator::GreaterThanOrEqual,
    BinaryOperator::InstanceOf,
    BinaryOperator::In,
    BinaryOperator::Equality,
    BinaryOperator::Inequality,
    BinaryOperator::StrictEquality,
    BinaryOperator::StrictInequality,
    BinaryOperator::BitwiseAnd,
    BinaryOperator::BitwiseXor,
    BinaryOperator::BitwiseOr,
];

pub(crate) const UNARY_OPERATORS: [UnaryOperator; 11] = [
    UnaryOperator::PostfixIncrement,
    UnaryOperator::PostfixDecrement,
    UnaryOperator::PrefixIncrement,
    UnaryOperator::PrefixDecrement,
    UnaryOperator::Delete,
    UnaryOperator::Void,
    UnaryOperator::Typeof,
    UnaryOperator::Plus,
    UnaryOperator::Minus,
    UnaryOperator::BitwiseNot,
    UnaryOperator::LogicalNot,
];

// ----- The runtime functions -----

/// The initial lambda of every function: compiles the function on its first
/// call, installs the compiled lambda in the closure (and the template), and
/// calls it.
///
/// # Safety
/// Called by compiled code or [`Executor`] with the lambda arguments.
pub unsafe extern "C" fn runtime_lazy_compile(
    ctx: *mut Executor,
    closure: *mut Closure,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the caller passes the running executor and a live closure.
    let (exec, template) = unsafe { (&mut *ctx, (*closure).template) };
    // SAFETY: templates live as long as the executor.
    let lambda = match exec.compile_template(unsafe { &*template }) {
        Ok(lambda) => lambda,
        Err(e) => {
            let message = format!("cannot compile the function: {e}");
            let thrown = exec.runtime.throw_error(ErrorKind::Error, &message);
            // SAFETY: `ret` is valid (lambda convention).
            return unsafe { complete(ret, Err(thrown)) };
        }
    };
    // SAFETY: the closure is live; the lambda has the lambda signature.
    unsafe {
        (*closure).lambda = lambda;
        lambda(ctx, closure, this, argc, argv, ret)
    }
}

/// Call (ECMA-262 7.3.14): closures directly, other callables through the
/// runtime.
///
/// # Safety
/// Compiled code passes `argc` values at `argv` and a writable `ret`.
pub unsafe extern "C" fn runtime_call(
    ctx: *mut Executor,
    callee: u64,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, f) = unsafe { (&mut *ctx, value(callee)) };
    if let Err(e) = exec.runtime.check_stack() {
        // SAFETY: `ret` is writable.
        return unsafe { complete(ret, Err(e)) };
    }
    if let Some(o) = f.as_object() {
        if o.flags() & FLAG_CLOSURE != 0 {
            if let ObjectKind::Function(closure) = o.kind() {
                let closure = closure.as_ptr();
                // SAFETY: the closure is live (the callee value is on the
                // caller's stack) and its lambda follows the convention.
                return unsafe { ((*closure).lambda)(ctx, closure, this, argc, argv, ret) };
            }
        }
    }
    // SAFETY: see the function's contract.
    let args = unsafe { arguments(argc, argv) };
    let result = if f.as_object().is_some_and(|o| o.is_callable()) {
        // SAFETY: compiled code passes valid values.
        exec.runtime.call(f, unsafe { value(this) }, args)
    } else {
        let what = exec.runtime.type_of(f).to_rust_string();
        Err(exec
            .runtime
            .type_error(&format!("{what} is not a function")))
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `new` (ECMA-262 13.3.5.1.1 EvaluateNew): 7.3.15 Construct.
///
/// # Safety
/// As [`runtime_call`].
pub unsafe extern "C" fn runtime_new(
    ctx: *mut Executor,
    callee: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, f, args) = unsafe { (&mut *ctx, value(callee), arguments(argc, argv)) };
    let result = if f.as_object().is_some_and(|o| o.is_constructor()) {
        exec.runtime.construct(f, args, None)
    } else {
        Err(exec.runtime.type_error("not a constructor"))
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// The slow path of a binary operator (the operator is a
/// [`BinaryOperator`] discriminant).
///
/// # Safety
/// `ret` must be writable; `a` and `b` valid values.
pub unsafe extern "C" fn runtime_binary(
    ctx: *mut Executor,
    op: u32,
    a: u64,
    b: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = match BINARY_OPERATORS.get(op as usize) {
        // SAFETY: compiled code passes valid values.
        Some(&op) => binary(&mut exec.runtime, op, unsafe { value(a) }, unsafe {
            value(b)
        }),
        None => Err(exec.runtime.type_error("unknown binary operator")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// The slow path of a unary operator (`+`, `-`, `~`, `typeof`). The update
/// operators use two codes: `PostfixIncrement` is their ToNumeric step
/// (13.4.2.1 step 2, a BigInt passes through) and `PrefixIncrement` /
/// `PrefixDecrement` add or subtract 1 (or 1n) to a numeric value.
///
/// # Safety
/// `ret` must be writable; `v` a valid value.
pub unsafe extern "C" fn runtime_unary(ctx: *mut Executor, op: u32, v: u64, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, v) = unsafe { (&mut *ctx, value(v)) };
    let rt = &mut exec.runtime;
    let result = match UNARY_OPERATORS.get(op as usize) {
        // 13.5.3.1 typeof.
        Some(UnaryOperator::Typeof) => Ok(Value::string(rt.type_of(v))),
        // 13.5.5.1 unary minus: ToNumeric, then Number::unaryMinus or
        // BigInt::unaryMinus.
        Some(UnaryOperator::Minus) => rt.to_numeric(v).and_then(|n| match n.as_bigint() {
            Some(b) => rt.bigint_negate(b.value()),
            None => Ok(Value::number(-n.as_number().unwrap_or(f64::NAN))),
        }),
        // 13.5.6.1 `~`: ToNumeric, then Number::bitwiseNOT or BigInt::bitwiseNOT.
        Some(UnaryOperator::BitwiseNot) => rt.to_numeric(v).and_then(|n| match n.as_bigint() {
            Some(b) => rt.bigint_not(b.value()),
            None => Ok(Value::from_i32(!to_int32(n.as_number().unwrap_or(0.0)))),
        }),
        // Numbers as int32 where exact, for the addition's fast path.
        Some(UnaryOperator::PostfixIncrement) => rt.to_numeric(v).map(|n| match n.as_number() {
            Some(d) => Value::number(d),
            None => n,
        }),
        Some(op @ (UnaryOperator::PrefixIncrement | UnaryOperator::PrefixDecrement)) => {
            let by = if *op == UnaryOperator::PrefixIncrement {
                1
            } else {
                -1
            };
            match v.as_bigint() {
                Some(b) => rt.bigint_increment(b.value(), by),
                None => numeric(rt, v).map(|n| Value::number(n + by as f64)),
            }
        }
        // 13.5.4.1 unary plus: ToNumber (and ToNumeric for x++ / x--).
        Some(_) => numeric(rt, v).map(Value::number),
        None => Err(rt.type_error("unknown unary operator")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// ToBoolean (ECMA-262 7.1.2); never throws.
///
/// # Safety
/// `v` must be a valid value.
pub unsafe extern "C" fn runtime_to_boolean(_ctx: *mut Executor, v: u64) -> u8 {
    // SAFETY: see the function's contract.
    to_boolean(unsafe { value(v) }) as u8
}

/// OrdinaryCallBindThis (10.2.1.2) for non-strict functions: undefined and
/// null become the global object, primitives are wrapped (ToObject).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_coerce_this(ctx: *mut Executor, this: u64, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, this) = unsafe { (&mut *ctx, value(this)) };
    let result = if this.is_nullish() {
        Ok(Value::object(exec.runtime.global_object()))
    } else if this.is_object() {
        Ok(this)
    } else {
        exec.runtime.to_object(this).map(Value::object)
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Reads a global binding: the script's lexical declarations first, then
/// the global object (9.1.1.4.6 GetBindingValue). `miss`: 0 = undefined if
/// missing (typeof), 1 = ReferenceError, 2 = the hole (a snapshot).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_get_global(
    ctx: *mut Executor,
    name: u32,
    miss: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = get_global(exec, name, miss);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// [`runtime_get_global`] for a site with a global inline cache (one
/// [`PropertyCache`] per global name, see `Executor::global_cache`): after
/// the generic lookup, refills the cache when the binding is an own data
/// property of the global object (not a lexical declaration, which
/// `declare_lexical_global` clears the cache for).
///
/// # Safety
/// `cache` must be a live cache of the executor; `ret` must be writable.
pub unsafe extern "C" fn runtime_get_global_cached(
    ctx: *mut Executor,
    name: u32,
    miss: u8,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = get_global(exec, name, miss);
    if result.is_ok() && exec.lexical_global(name).is_none() {
        if let Ok(key) = exec.global_key(name) {
            let global = exec.runtime.global_object();
            // SAFETY: see the function's contract.
            unsafe { &*cache }.fill(global, key, false);
        }
    }
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

fn get_global(exec: &mut Executor, name: u32, miss: u8) -> JsResult<Value> {
    if let Some(v) = exec.lexical_global(name) {
        // 9.1.1.1.6 GetBindingValue step 2: the TDZ (even for typeof); a
        // snapshot keeps the hole and is checked when used.
        if v.is_hole() && miss != 2 {
            let message = format!(
                "Cannot access '{}' before initialization",
                exec.global_name(name)
            );
            return Err(exec.runtime.reference_error(&message));
        }
        return Ok(v);
    }
    let key = exec.global_key(name)?;
    let global = exec.runtime.global_object();
    match exec
        .runtime
        .get_if_present(global, key, Value::object(global))?
    {
        Some(v) => Ok(v),
        None => match miss {
            0 => Ok(Value::UNDEFINED),
            2 => Ok(Value::HOLE),
            _ => {
                let message = format!("{} is not defined", exec.global_name(name));
                Err(exec.runtime.reference_error(&message))
            }
        },
    }
}

/// How `runtime_set_global` writes.
pub mod set_global_mode {
    /// PutValue in sloppy code: a missing binding becomes a global property.
    pub const SLOPPY: u8 = 0;
    /// PutValue in strict code: a missing binding is a ReferenceError.
    pub const STRICT: u8 = 1;
    /// InitializeReferencedBinding of a declaration: a lexical declaration
    /// made with `runtime_declare_global` is initialised; otherwise the name
    /// is defined on the global object as CreateGlobalFunctionBinding does
    /// (9.1.1.4.18; `var`s are initialised this way too).
    pub const INITIALIZE: u8 = 2;
    /// INITIALIZE for eval code: CreateGlobalFunctionBinding with D = true
    /// (19.2.1.3 EvalDeclarationInstantiation step 17).
    pub const INITIALIZE_DELETABLE: u8 = 3;
}

/// Writes a global binding (9.1.1.4.5 SetMutableBinding); see
/// [`set_global_mode`].
///
/// # Safety
/// `ret` must be writable; `v` a valid value.
pub unsafe extern "C" fn runtime_set_global(
    ctx: *mut Executor,
    name: u32,
    v: u64,
    mode: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, v) = unsafe { (&mut *ctx, value(v)) };
    let result = set_global(exec, name, v, mode).map(|()| v);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

fn set_global(exec: &mut Executor, name: u32, v: Value, mode: u8) -> JsResult<()> {
    if let Some(binding) = exec.lexical_binding(name) {
        let (current, mutable) = binding;
        if mode != set_global_mode::INITIALIZE {
            if current.is_hole() {
                let message = format!(
                    "Cannot access '{}' before initialization",
                    exec.global_name(name)
                );
                return Err(exec.runtime.reference_error(&message));
            }
            if !mutable {
                let message = format!(
                    "Assignment to constant variable '{}'",
                    exec.global_name(name)
                );
                return Err(exec.runtime.type_error(&message));
            }
        }
        exec.set_lexical_global(name, v);
        return Ok(());
    }
    let key = exec.global_key(name)?;
    if mode == set_global_mode::INITIALIZE || mode == set_global_mode::INITIALIZE_DELETABLE {
        let deletable = mode == set_global_mode::INITIALIZE_DELETABLE;
        return exec.create_global_function_binding(key, v, deletable);
    }
    let rt = &mut exec.runtime;
    let global = rt.global_object();
    match mode {
        set_global_mode::STRICT => {
            if !rt.has_property(global, key)? {
                let message = format!("{} is not defined", exec.global_name(name));
                return Err(exec.runtime.reference_error(&message));
            }
            if !rt.set(global, key, v, Value::object(global))? {
                let k = rt.key_for_message(key);
                let message = format!("Cannot assign to read only property '{k}' of object");
                return Err(rt.type_error(&message));
            }
            Ok(())
        }
        _ => {
            rt.set(global, key, v, Value::object(global))?;
            Ok(())
        }
    }
}

/// Declares a global binding of a script (16.1.7 GlobalDeclarationInstantiation):
/// `kind` 0 = `var` (CreateGlobalVarBinding: an undefined, non-configurable
/// global object property unless one exists), 1 = `let`, 2 = `const` (an
/// uninitialised binding of the global lexical record; `Initialize` sets
/// it). Redeclaring a lexical binding is a SyntaxError.
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_declare_global(
    ctx: *mut Executor,
    name: u32,
    kind: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = declare_global(exec, name, kind).map(|()| Value::UNDEFINED);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

pub(crate) fn declare_global(exec: &mut Executor, name: u32, kind: u8) -> JsResult<()> {
    let key = exec.global_key(name)?;
    let global = exec.runtime.global_object();
    if kind == 0 {
        if exec.lexical_binding(name).is_some() {
            let message = format!(
                "Identifier '{}' has already been declared",
                exec.global_name(name)
            );
            return Err(exec.runtime.syntax_error(&message));
        }
        return exec.create_global_var_binding(name, false);
    }
    // 16.1.7 steps 3.a-3.d: no lexical redeclaration, no clash with a
    // non-configurable global property.
    let clash = exec.lexical_binding(name).is_some()
        || exec
            .runtime
            .get_own_property(global, key)?
            .is_some_and(|d| d.configurable == Some(false));
    if clash {
        let message = format!(
            "Identifier '{}' has already been declared",
            exec.global_name(name)
        );
        return Err(exec.runtime.syntax_error(&message));
    }
    exec.declare_lexical_global(name, kind == 1)
}

/// GetValue of a property reference (ECMA-262 6.2.5.5). `cache` is the
/// site's get cache or null; it is refilled for own data properties.
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_get_property(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, base, key) = unsafe { (&mut *ctx, value(object), value(key)) };
    let rt = &mut exec.runtime;
    let result = match base.as_object() {
        Some(o) => rt.to_property_key(key).and_then(|key| {
            let v = rt.get(o, key, base)?;
            if !cache.is_null() {
                // SAFETY: caches live as long as the runtime.
                unsafe { (*cache).fill(o, key, false) };
            }
            Ok(v)
        }),
        None => rt.get_value(base, key),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// PutValue of a property reference (ECMA-262 6.2.5.6); `strict` makes a
/// failed assignment a TypeError. `cache` is the site's set cache or null.
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_set_property(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    v: u64,
    strict: u8,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, base, key, v) = unsafe { (&mut *ctx, value(object), value(key), value(v)) };
    let rt = &mut exec.runtime;
    let result = match base.as_object() {
        Some(o) if !cache.is_null() => rt.to_property_key(key).and_then(|key| {
            let ok = rt.set(o, key, v, base)?;
            if ok {
                // SAFETY: caches live as long as the runtime.
                unsafe { (*cache).fill(o, key, true) };
            } else if strict != 0 {
                let k = rt.key_for_message(key);
                let message = format!("Cannot assign to read only property '{k}' of object");
                return Err(rt.type_error(&message));
            }
            Ok(v)
        }),
        _ => rt.put_value(base, key, v, strict != 0).map(|()| v),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `delete object[key]` (ECMA-262 13.5.1.2).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_delete_property(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    strict: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, base, key) = unsafe { (&mut *ctx, value(object), value(key)) };
    let result = exec
        .runtime
        .delete_value(base, key, strict != 0)
        .map(Value::from_bool);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `delete x` for an identifier that resolves to the global environment
/// (13.5.1.2 step 3.b, 9.1.1.4.7 DeleteBinding): a lexical global is not
/// deletable; otherwise the global object's [[Delete]] decides (a `var` is
/// non-configurable, an implicit global is not, an unresolvable name
/// deletes nothing and yields true).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_delete_global(
    ctx: *mut Executor,
    name: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = if exec.lexical_global(name).is_some() {
        Ok(Value::FALSE)
    } else {
        exec.global_key(name).and_then(|key| {
            let global = exec.runtime.global_object();
            exec.runtime.delete(global, key).map(Value::from_bool)
        })
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `{}` (ECMA-262 13.2.5.4).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_create_object(ctx: *mut Executor, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = exec.runtime.new_object().map(Value::object);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// CreateDataPropertyOrThrow for object literals (ECMA-262 7.3.7), after
/// ToPropertyKey of the key (13.2.5.5 PropertyDefinitionEvaluation).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_create_data_property(
    ctx: *mut Executor,
    object: u64,
    key: u64,
    v: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, object, key, v) = unsafe { (&mut *ctx, value(object), value(key), value(v)) };
    let rt = &mut exec.runtime;
    let result = match object.as_object() {
        Some(o) => rt
            .to_property_key(key)
            .and_then(|key| rt.create_data_property_or_throw(o, key, v))
            .map(|()| object),
        None => Err(rt.type_error("CreateDataProperty on a non-object")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `[]` (ECMA-262 13.2.4.1).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_create_array(ctx: *mut Executor, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = exec.runtime.new_array(0).map(Value::object);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Appends an array literal element (13.2.4.1 ArrayAccumulation); the hole
/// value stands for an elision (the length grows, no element is created).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_push_array_element(
    ctx: *mut Executor,
    array: u64,
    v: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, array, v) = unsafe { (&mut *ctx, value(array), value(v)) };
    let rt = &mut exec.runtime;
    let result = match array.as_object().filter(|a| a.is_array()) {
        Some(a) => {
            let index = a.array_length();
            if index == u32::MAX {
                Err(rt.range_error("Invalid array length"))
            } else if v.is_hole() {
                let length = PropertyKey::String(rt.names.length);
                rt.set(a, length, Value::from_u32(index + 1), array)
                    .map(|_| array)
            } else {
                rt.create_data_property_or_throw(a, PropertyKey::Index(index), v)
                    .map(|()| array)
            }
        }
        None => Err(rt.type_error("PushArrayElement on a non-array")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// A capture cell for the frame slot at `target` (the binding escapes there
/// when its scope ends). The cell's body pointer is written to `ret`.
///
/// # Safety
/// `target` must be a frame slot of the calling compiled function.
pub unsafe extern "C" fn runtime_create_capture(
    ctx: *mut Executor,
    target: *mut u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let cell = exec.runtime.alloc(Capture {
        target,
        value: Value::UNDEFINED.to_bits(),
    });
    match cell {
        Ok(cell) => {
            // SAFETY: `ret` is writable.
            unsafe { *ret = cell.as_ptr() as u64 };
            Status::Normal as u32
        }
        // SAFETY: `ret` is writable.
        Err(e) => unsafe { complete(ret, Err(e)) },
    }
}

/// A function object for `template` with `count` capture cells read from
/// `captures` (see [`create_function`]).
///
/// # Safety
/// `template` must be a template of the executor; `captures` must hold
/// `count` capture cell body pointers.
pub unsafe extern "C" fn runtime_create_closure(
    ctx: *mut Executor,
    template: *const FunctionTemplate,
    count: u32,
    captures: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, t) = unsafe { (&mut *ctx, &*template) };
    let cells: Vec<*mut Capture> = if count == 0 || captures.is_null() {
        Vec::new()
    } else {
        // SAFETY: `captures` holds `count` pointers.
        unsafe { std::slice::from_raw_parts(captures, count as usize) }
            .iter()
            .map(|&p| p as *mut Capture)
            .collect()
    };
    let result = create_function(exec, t, cells);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Creates a function object (10.2.3 OrdinaryFunctionCreate, 10.2.9
/// SetFunctionName, 10.2.10 SetFunctionLength, 10.2.5 MakeConstructor):
/// the closure cell and an object of kind [`ObjectKind::Function`] with
/// `length` and `name` (the shared function shape) and, for constructors,
/// a fresh `prototype` object whose `constructor` points back.
pub(crate) fn create_function(
    exec: &mut Executor,
    template: &FunctionTemplate,
    cells: Vec<*mut Capture>,
) -> JsResult<Value> {
    let lambda: Lambda = template.lambda.get();
    let rt = &mut exec.runtime;
    let closure = rt.alloc(Closure {
        lambda,
        template,
        captures: std::ptr::null(),
        num_captures: cells.len() as u32,
        cells,
        function: Value::UNDEFINED,
    })?;
    // SAFETY: the cell was just allocated; nothing else refers to it yet.
    unsafe {
        let c = closure.get_mut();
        c.captures = c.cells.as_ptr();
    }
    let proto = rt.intrinsic(Intrinsic::FunctionPrototype);
    let mut flags = FLAG_CALLABLE | FLAG_CLOSURE;
    if template.constructor {
        flags |= FLAG_CONSTRUCTOR;
    }
    let name = template.name();
    let kind = ObjectKind::Function(closure);
    let length = template.num_params as u32;
    let object = if template.constructor && !template.strict {
        rt.new_sloppy_function_object(proto, kind, flags, length, name)?
    } else {
        rt.new_function_object(proto, kind, flags, length, name)?
    };
    // SAFETY: short exclusive access; nothing else borrows the closure.
    unsafe { closure.get_mut() }.function = Value::object(object);
    if template.constructor {
        let prototype = rt.new_object()?;
        let key = PropertyKey::String(rt.names.constructor);
        rt.define_property_or_throw(
            prototype,
            key,
            PropertyDescriptor::data(Value::object(object), Attributes::BUILTIN_METHOD),
        )?;
        let key = PropertyKey::String(rt.names.prototype);
        rt.define_property_or_throw(
            object,
            key,
            PropertyDescriptor::data(
                Value::object(prototype),
                Attributes::new(true, false, false),
            ),
        )?;
    }
    Ok(Value::object(object))
}

/// Throws a ReferenceError for a binding in its temporal dead zone
/// (ECMA-262 9.1.1.1.6 step 2).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_throw_reference_error(
    ctx: *mut Executor,
    name: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let message = format!(
        "Cannot access '{}' before initialization",
        exec.global_name(name)
    );
    let e = exec.runtime.reference_error(&message);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, Err(e)) }
}

/// Throws the TypeError of an assignment to a const binding (ECMA-262
/// 9.1.1.1.5 step 5).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_throw_const_assignment(
    ctx: *mut Executor,
    name: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let message = format!(
        "Assignment to constant variable '{}'",
        exec.global_name(name)
    );
    let e = exec.runtime.type_error(&message);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, Err(e)) }
}
