//! The runtime functions compiled code calls, registered as JIT symbols (see
//! [`super::jit::RuntimeFn`]).
//!
//! Every function is `extern "C"` and takes the executor first. Those that may
//! throw return a [`Status`] as `u32` and write their result, or the thrown
//! value, to `ret`. A Rust panic must never cross these functions (it would
//! abort): they return a JavaScript exception instead.
//!
//! Operators on values other than numbers delegate to the runtime core's
//! conversions once they exist; until then the slow paths here cover the
//! primitive cases and throw a TypeError for the rest.

use crate::completion::{ErrorKind, JsResult, Thrown};
use crate::gc::{Gc, HeapObject, Trace, Tracer, CELL_BODY_OFFSET};
use crate::object::{HostData, ObjectKind, FLAG_CALLABLE};
use crate::runtime::Intrinsic;
use crate::semantics::{BinaryOperator, UnaryOperator};
use crate::string::number::number_to_string;
use crate::value::{Value, ValueType};

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
    }
}

impl HeapObject for Closure {
    const NAME: &'static str = "Closure";
}

/// The host data of a function object created from a compile script.
pub struct FunctionData {
    pub closure: Gc<Closure>,
}

// SAFETY: reports the closure cell.
unsafe impl Trace for FunctionData {
    fn trace(&self, tracer: &mut Tracer) {
        self.closure.trace(tracer);
    }
}

impl HostData for FunctionData {
    fn class_name(&self) -> &'static str {
        "Function"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The closure of a function object created by compiled code.
pub fn closure_of(v: Value) -> Option<Gc<Closure>> {
    let object = v.as_object()?;
    match object.kind() {
        ObjectKind::Host(data) => data
            .as_any()
            .downcast_ref::<FunctionData>()
            .map(|f| f.closure),
        _ => None,
    }
}

// ----- Helpers -----

/// Writes a completion to `ret` and returns its status.
///
/// # Safety
/// `ret` must be valid for a write.
unsafe fn complete(ret: *mut u64, result: JsResult<Value>) -> u32 {
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

/// ToNumber (ECMA-262 7.1.4) of a primitive.
fn to_number(exec: &mut Executor, v: Value) -> JsResult<f64> {
    if let Some(n) = v.as_number() {
        return Ok(n);
    }
    match v.type_of() {
        ValueType::Undefined | ValueType::Hole => Ok(f64::NAN),
        ValueType::Null => Ok(0.0),
        ValueType::Boolean => Ok(if v.as_bool() == Some(true) { 1.0 } else { 0.0 }),
        ValueType::String => match v.as_string() {
            Some(s) => Ok(crate::string::number::string_to_number(s.view())),
            None => Ok(f64::NAN),
        },
        ValueType::Symbol => Err(exec
            .runtime
            .type_error("Cannot convert a Symbol value to a number")),
        _ => Err(exec
            .runtime
            .type_error("conversion of objects is not supported yet")),
    }
}

/// ToInt32 (ECMA-262 7.1.6).
fn to_int32(n: f64) -> i32 {
    if !n.is_finite() {
        return 0;
    }
    let m = n.trunc() % 4294967296.0;
    let m = if m < 0.0 { m + 4294967296.0 } else { m };
    m as u32 as i32
}

/// ToString (ECMA-262 7.1.17) of a primitive.
fn to_string(exec: &mut Executor, v: Value) -> JsResult<Value> {
    if v.is_string() {
        return Ok(v);
    }
    let text = match v.type_of() {
        ValueType::Undefined | ValueType::Hole => "undefined".to_owned(),
        ValueType::Null => "null".to_owned(),
        ValueType::Boolean => (v.as_bool() == Some(true)).to_string(),
        ValueType::Number => number_to_string(v.as_number().unwrap_or(f64::NAN)),
        _ => {
            return Err(exec
                .runtime
                .type_error("conversion to string is not supported yet"))
        }
    };
    Ok(Value::string(exec.runtime.new_string(&text)?))
}

/// IsStrictlyEqual (ECMA-262 7.2.16).
fn strictly_equal(a: Value, b: Value) -> bool {
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (a.as_string(), b.as_string()) {
        return x.equals(&y);
    }
    a == b
}

/// IsLooselyEqual (ECMA-262 7.2.15) for primitives.
fn loosely_equal(exec: &mut Executor, a: Value, b: Value) -> JsResult<bool> {
    if a.type_of() == b.type_of() {
        return Ok(strictly_equal(a, b));
    }
    if a.is_nullish() && b.is_nullish() {
        return Ok(true);
    }
    if a.is_nullish() || b.is_nullish() || a.is_object() || b.is_object() {
        // Objects need ToPrimitive, which is the runtime core's.
        return Ok(false);
    }
    if a.is_symbol() || b.is_symbol() {
        return Ok(false);
    }
    Ok(to_number(exec, a)? == to_number(exec, b)?)
}

/// IsLessThan (ECMA-262 7.2.14) for primitives: `Some(a < b)`, `None` for
/// undefined (a NaN operand).
fn less_than(exec: &mut Executor, a: Value, b: Value) -> JsResult<Option<bool>> {
    if let (Some(x), Some(y)) = (a.as_string(), b.as_string()) {
        return Ok(Some(x.compare(&y) == std::cmp::Ordering::Less));
    }
    let x = to_number(exec, a)?;
    let y = to_number(exec, b)?;
    if x.is_nan() || y.is_nan() {
        return Ok(None);
    }
    Ok(Some(x < y))
}

fn binary(exec: &mut Executor, op: BinaryOperator, a: Value, b: Value) -> JsResult<Value> {
    use BinaryOperator as B;
    Ok(match op {
        B::Addition => {
            // 13.15.3 ApplyStringOrNumericBinaryOperator.
            if a.is_string() || b.is_string() {
                let x = to_string(exec, a)?;
                let y = to_string(exec, b)?;
                match (x.as_string(), y.as_string()) {
                    (Some(x), Some(y)) => Value::string(exec.runtime.concat_strings(x, y)?),
                    _ => Value::UNDEFINED,
                }
            } else {
                Value::number(to_number(exec, a)? + to_number(exec, b)?)
            }
        }
        B::Subtraction => Value::number(to_number(exec, a)? - to_number(exec, b)?),
        B::Multiplication => Value::number(to_number(exec, a)? * to_number(exec, b)?),
        B::Division => Value::number(to_number(exec, a)? / to_number(exec, b)?),
        B::Remainder => Value::number(to_number(exec, a)? % to_number(exec, b)?),
        B::Exponentiation => {
            let (x, y) = (to_number(exec, a)?, to_number(exec, b)?);
            // 6.1.6.1.3 Number::exponentiate differs from powf for these.
            if y.is_nan() || ((x == 1.0 || x == -1.0) && y.is_infinite()) {
                Value::NAN
            } else {
                Value::number(x.powf(y))
            }
        }
        B::LeftShift | B::SignedRightShift | B::UnsignedRightShift => {
            let x = to_int32(to_number(exec, a)?);
            let shift = to_int32(to_number(exec, b)?) as u32 & 31;
            match op {
                B::LeftShift => Value::from_i32(x.wrapping_shl(shift)),
                B::SignedRightShift => Value::from_i32(x >> shift),
                _ => Value::from_u32((x as u32) >> shift),
            }
        }
        B::BitwiseAnd | B::BitwiseOr | B::BitwiseXor => {
            let x = to_int32(to_number(exec, a)?);
            let y = to_int32(to_number(exec, b)?);
            Value::from_i32(match op {
                B::BitwiseAnd => x & y,
                B::BitwiseOr => x | y,
                _ => x ^ y,
            })
        }
        B::LessThan => Value::from_bool(less_than(exec, a, b)? == Some(true)),
        B::GreaterThan => Value::from_bool(less_than(exec, b, a)? == Some(true)),
        B::LessThanOrEqual => Value::from_bool(less_than(exec, b, a)? == Some(false)),
        B::GreaterThanOrEqual => Value::from_bool(less_than(exec, a, b)? == Some(false)),
        B::StrictEquality => Value::from_bool(strictly_equal(a, b)),
        B::StrictInequality => Value::from_bool(!strictly_equal(a, b)),
        B::Equality => Value::from_bool(loosely_equal(exec, a, b)?),
        B::Inequality => Value::from_bool(!loosely_equal(exec, a, b)?),
        B::InstanceOf | B::In => {
            return Err(exec
                .runtime
                .type_error("instanceof and in are not supported yet"))
        }
    })
}

/// typeof (ECMA-262 13.5.3.1).
fn type_of(exec: &mut Executor, v: Value) -> JsResult<Value> {
    let name = match v.type_of() {
        ValueType::Undefined | ValueType::Hole => "undefined",
        ValueType::Null => "object",
        ValueType::Boolean => "boolean",
        ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Symbol => "symbol",
        ValueType::BigInt => "bigint",
        ValueType::Object => {
            if v.as_object().is_some_and(|o| o.is_callable()) {
                "function"
            } else {
                "object"
            }
        }
    };
    Ok(Value::string(exec.runtime.new_string(name)?))
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
    if let Some(closure) = closure_of(f) {
        let closure = closure.as_ptr();
        // SAFETY: the closure is live (the callee value is on the caller's
        // stack) and its lambda follows the calling convention.
        return unsafe { ((*closure).lambda)(ctx, closure, this, argc, argv, ret) };
    }
    let args: &[Value] = if argc == 0 || argv.is_null() {
        &[]
    } else {
        // SAFETY: `argv` holds `argc` values (Value is repr(transparent)).
        unsafe { std::slice::from_raw_parts(argv as *const Value, argc as usize) }
    };
    // SAFETY: compiled code passes valid values.
    let result = exec.runtime.call(f, unsafe { value(this) }, args);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `new` (ECMA-262 13.3.5.1.1 EvaluateNew).
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
    let (exec, f) = unsafe { (&mut *ctx, value(callee)) };
    let args: &[Value] = if argc == 0 || argv.is_null() {
        &[]
    } else {
        // SAFETY: `argv` holds `argc` values.
        unsafe { std::slice::from_raw_parts(argv as *const Value, argc as usize) }
    };
    let result = exec.runtime.construct(f, args, None);
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
        Some(&op) => binary(exec, op, unsafe { value(a) }, unsafe { value(b) }),
        None => Err(exec.runtime.type_error("unknown binary operator")),
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// The slow path of a unary operator (`+`, `-`, `~`, `typeof`).
///
/// # Safety
/// `ret` must be writable; `v` a valid value.
pub unsafe extern "C" fn runtime_unary(ctx: *mut Executor, op: u32, v: u64, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, v) = unsafe { (&mut *ctx, value(v)) };
    let result = match UNARY_OPERATORS.get(op as usize) {
        Some(UnaryOperator::Typeof) => type_of(exec, v),
        Some(UnaryOperator::Minus) => to_number(exec, v).map(|n| Value::number(-n)),
        Some(UnaryOperator::BitwiseNot) => {
            to_number(exec, v).map(|n| Value::from_i32(!to_int32(n)))
        }
        Some(_) => to_number(exec, v).map(Value::number),
        None => Err(exec.runtime.type_error("unknown unary operator")),
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
    let v = unsafe { value(v) };
    let truthy = match v.type_of() {
        ValueType::Undefined | ValueType::Null | ValueType::Hole => false,
        ValueType::Boolean => v.as_bool() == Some(true),
        ValueType::Number => v.as_number().is_some_and(|n| n != 0.0 && !n.is_nan()),
        ValueType::String => v.as_string().is_some_and(|s| !s.is_empty()),
        ValueType::Symbol | ValueType::Object => true,
        // 0n is the only falsy BigInt; BigInt is not implemented yet.
        ValueType::BigInt => true,
    };
    truthy as u8
}

/// Reads a global binding. `miss`: 0 = undefined if missing (typeof), 1 =
/// ReferenceError (9.1.1.4.6 GetBindingValue), 2 = the hole (a snapshot).
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
    let result = match exec.global(name) {
        Some(v) => Ok(v),
        None => match miss {
            0 => Ok(Value::UNDEFINED),
            2 => Ok(Value::HOLE),
            _ => {
                let message = format!("{} is not defined", exec.global_name(name));
                Err(exec.runtime.reference_error(&message))
            }
        },
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Writes a global binding (9.1.1.4.5 SetMutableBinding); in strict mode code
/// a missing binding is a ReferenceError (6.2.5.6 PutValue step 3.a).
///
/// # Safety
/// `ret` must be writable; `v` a valid value.
pub unsafe extern "C" fn runtime_set_global(
    ctx: *mut Executor,
    name: u32,
    v: u64,
    strict: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, v) = unsafe { (&mut *ctx, value(v)) };
    let result = if strict != 0 && exec.global(name).is_none() {
        let message = format!("{} is not defined", exec.global_name(name));
        Err(exec.runtime.reference_error(&message))
    } else {
        exec.set_global(name, v);
        Ok(v)
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

fn no_objects(exec: &mut Executor, ret: *mut u64) -> u32 {
    let e = exec
        .runtime
        .type_error("property access is not supported by the backend yet");
    // SAFETY: every caller got `ret` from compiled code.
    unsafe { complete(ret, Err(e)) }
}

/// GetValue of a property reference (ECMA-262 6.2.5.5).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_get_property(
    ctx: *mut Executor,
    _object: u64,
    _key: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    no_objects(unsafe { &mut *ctx }, ret)
}

/// PutValue of a property reference (ECMA-262 6.2.5.6).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_set_property(
    ctx: *mut Executor,
    _object: u64,
    _key: u64,
    _value: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    no_objects(unsafe { &mut *ctx }, ret)
}

/// `delete object[key]` (ECMA-262 13.5.1.2).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_delete_property(
    ctx: *mut Executor,
    _object: u64,
    _key: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    no_objects(unsafe { &mut *ctx }, ret)
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

/// CreateDataPropertyOrThrow for object literals (ECMA-262 7.3.7).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_create_data_property(
    ctx: *mut Executor,
    _object: u64,
    _key: u64,
    _value: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    no_objects(unsafe { &mut *ctx }, ret)
}

/// `[]` (ECMA-262 13.2.4.1).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_create_array(ctx: *mut Executor, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    no_objects(unsafe { &mut *ctx }, ret)
}

/// Appends an array literal element.
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_push_array_element(
    ctx: *mut Executor,
    _array: u64,
    _value: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    no_objects(unsafe { &mut *ctx }, ret)
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
/// `captures` (OrdinaryFunctionCreate, ECMA-262 10.2.3).
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

/// Creates a function object (the closure cell and the object).
pub(crate) fn create_function(
    exec: &mut Executor,
    template: &FunctionTemplate,
    cells: Vec<*mut Capture>,
) -> JsResult<Value> {
    let lambda: Lambda = template.lambda.get();
    let closure = exec.runtime.alloc(Closure {
        lambda,
        template,
        captures: std::ptr::null(),
        num_captures: cells.len() as u32,
        cells,
    })?;
    // SAFETY: the cell was just allocated; nothing else refers to it yet.
    unsafe {
        let c = closure.get_mut();
        c.captures = c.cells.as_ptr();
    }
    let proto = exec.runtime.intrinsic(Intrinsic::FunctionPrototype);
    let object = exec.runtime.new_object_with(
        proto,
        ObjectKind::Host(Box::new(FunctionData { closure })),
        FLAG_CALLABLE,
    )?;
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
