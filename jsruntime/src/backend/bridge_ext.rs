//! Runtime functions for the compile commands the analyzer added to the
//! backend (kept apart from [`super::bridge`], which another part of the
//! engine owns). Same conventions: a `Status` result and a `ret` out
//! parameter for the value or the thrown value.

use crate::completion::{JsResult, Thrown};
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, PropertyDescriptor, PropertyKey};
use crate::runtime::Runtime;
use crate::semantics::Helper;
use crate::value::Value;

use super::{Executor, Status};

/// `Arguments(start)`: a new array of `argv[start..argc]` (a rest parameter,
/// ECMA-262 10.2.11 step 23; or the `arguments` object with `start` 0).
///
/// # Safety
/// `argv` must hold `argc` values when `argc > 0`; `ret` must be writable.
pub unsafe extern "C" fn runtime_create_arguments(
    ctx: *mut Executor,
    argc: u32,
    argv: *const u64,
    start: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the executor is live for the call (calling convention).
    let exec = unsafe { &mut *ctx };
    let args: &[u64] = if argc == 0 || argv.is_null() {
        &[]
    } else {
        // SAFETY: guaranteed by the caller.
        unsafe { std::slice::from_raw_parts(argv, argc as usize) }
    };
    let result = create_arguments(exec, args.get(start as usize..).unwrap_or(&[]));
    let (v, status) = match result {
        Ok(v) => (v, Status::Normal),
        Err(Thrown(e)) => (e, Status::Exception),
    };
    // SAFETY: `ret` is writable.
    unsafe { *ret = v.to_bits() };
    status as u32
}

fn create_arguments(exec: &mut Executor, args: &[u64]) -> JsResult<Value> {
    let rt = &mut exec.runtime;
    // The array is on the native stack, found by the conservative scan.
    let array = rt.new_array(0)?;
    for (i, &bits) in args.iter().enumerate() {
        // SAFETY: compiled code only passes valid values.
        let v = unsafe { Value::from_bits(bits) };
        rt.create_data_property_or_throw(array, PropertyKey::Index(i as u32), v)?;
    }
    Ok(Value::object(array))
}

/// `Helper(h)` (see [`crate::semantics::Helper`]): `code` is the helper's
/// [`Helper::code`], `argv` its `argc` operands.
///
/// # Safety
/// `argv` must hold `argc` values when `argc > 0`; `ret` must be writable.
pub unsafe extern "C" fn runtime_helper(
    ctx: *mut Executor,
    code: u32,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the executor is live for the call (calling convention).
    let exec = unsafe { &mut *ctx };
    let bits: &[u64] = if argc == 0 || argv.is_null() {
        &[]
    } else {
        // SAFETY: guaranteed by the caller.
        unsafe { std::slice::from_raw_parts(argv, argc as usize) }
    };
    // At most 3 operands (Helper::arity); no allocation per call.
    let mut args = [Value::UNDEFINED; 3];
    for (slot, &b) in args.iter_mut().zip(bits) {
        // SAFETY: compiled code only passes valid values.
        *slot = unsafe { Value::from_bits(b) };
    }
    let result = match Helper::from_code(code) {
        Some(h) if bits.len() == h.arity() && bits.len() <= 3 => {
            helper(&mut exec.runtime, h, &args[..bits.len()])
        }
        _ => Err(exec.runtime.type_error("internal error: bad helper call")),
    };
    let (v, status) = match result {
        Ok(v) => (v, Status::Normal),
        Err(Thrown(e)) => (e, Status::Exception),
    };
    // SAFETY: `ret` is writable.
    unsafe { *ret = v.to_bits() };
    status as u32
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

fn helper(rt: &mut Runtime, h: Helper, args: &[Value]) -> JsResult<Value> {
    use crate::builtins::iterator as it;
    let (a, b, c) = (arg(args, 0), arg(args, 1), arg(args, 2));
    match h {
        Helper::Hole => Ok(Value::HOLE),
        Helper::IsHole => Ok(Value::from_bool(a.is_hole())),
        Helper::GetIterator => it::get_iterator(rt, a),
        Helper::IteratorStepValue => it::step_value(rt, a),
        Helper::PatternIterator => it::pattern_iterator(rt, a),
        Helper::PatternStep => it::pattern_step(rt, a, b),
        Helper::PatternRest => it::pattern_rest(rt, a, b),
        Helper::IteratorClose => it::iterator_close(rt, a, false),
        Helper::IteratorCloseQuiet => it::iterator_close(rt, a, true),
        Helper::ForInIterator => it::for_in_iterator(rt, a),
        Helper::ForInStep => it::for_in_step(rt, a),
        Helper::AppendSpread => it::append_spread(rt, a, b),
        Helper::Apply => {
            let list = rt.create_list_from_array_like(c)?;
            rt.call(a, b, &list)
        }
        Helper::Construct => {
            let list = rt.create_list_from_array_like(b)?;
            rt.construct(a, &list, None)
        }
        Helper::CopyDataProperties => {
            let Some(target) = a.as_object() else {
                return Err(rt.type_error("internal error: spread into a non-object"));
            };
            copy_data_properties(rt, target, b, &[])?;
            Ok(a)
        }
        Helper::CopyDataExcluding => {
            // 8.6.2 / 13.15.5.4 RestBindingInitialization: RequireObjectCoercible.
            if a.is_nullish() {
                return Err(rt.type_error("Cannot destructure undefined or null"));
            }
            let mut excluded = Vec::new();
            for k in rt.create_list_from_array_like(b)? {
                excluded.push(rt.to_property_key(k)?);
            }
            let target = rt.new_object()?;
            copy_data_properties(rt, target, a, &excluded)?;
            Ok(Value::object(target))
        }
        Helper::DefineGetter | Helper::DefineSetter => {
            // 10.2.8 / 15.4.5 MethodDefinitionEvaluation of `get`/`set`: an
            // enumerable, configurable accessor property.
            let Some(o) = a.as_object() else {
                return Err(rt.type_error("internal error: accessor on a non-object"));
            };
            let key = rt.to_property_key(b)?;
            let mut desc = PropertyDescriptor {
                value: None,
                writable: None,
                get: None,
                set: None,
                enumerable: Some(true),
                configurable: Some(true),
            };
            if h == Helper::DefineGetter {
                desc.get = Some(c);
            } else {
                desc.set = Some(c);
            }
            rt.define_property_or_throw(o, key, desc)?;
            Ok(a)
        }
        Helper::SetPrototype => {
            // B.3.1 __proto__ Property Names in Object Initializers.
            if let Some(o) = a.as_object() {
                if b.is_null() || b.as_object().is_some() {
                    rt.set_prototype_of(o, b)?;
                }
            }
            Ok(a)
        }
        Helper::SetFunctionName | Helper::SetGetterName | Helper::SetSetterName => {
            let prefix = match h {
                Helper::SetGetterName => "get ",
                Helper::SetSetterName => "set ",
                _ => "",
            };
            set_function_name(rt, a, b, prefix)?;
            Ok(a)
        }
        Helper::ArgumentsObject => arguments_object(rt, a, b.as_bool() == Some(true)),
        Helper::RequireObjectCoercible => {
            if a.is_nullish() {
                return Err(rt.type_error("Cannot destructure undefined or null"));
            }
            Ok(a)
        }
        Helper::ToString => Ok(Value::string(rt.to_string(a)?)),
        Helper::ToPropertyKey => {
            let key = rt.to_property_key(a)?;
            rt.property_key_to_value(key)
        }
    }
}

/// 7.3.25 CopyDataProperties ( target, source, excludedItems ).
fn copy_data_properties(
    rt: &mut Runtime,
    target: Gc<JsObject>,
    source: Value,
    excluded: &[PropertyKey],
) -> JsResult<()> {
    if source.is_nullish() {
        return Ok(());
    }
    let from = rt.to_object(source)?;
    for key in rt.own_property_keys(from)? {
        if excluded.contains(&key) {
            continue;
        }
        if let Some(desc) = rt.get_own_property(from, key)? {
            if desc.enumerable == Some(true) {
                let v = rt.get(from, key, Value::object(from))?;
                rt.create_data_property_or_throw(target, key, v)?;
            }
        }
    }
    Ok(())
}

/// 10.2.9 SetFunctionName ( F, name [ , prefix ] ): a symbol key gives
/// "[description]".
fn set_function_name(rt: &mut Runtime, f: Value, key: Value, prefix: &str) -> JsResult<()> {
    let Some(fo) = f.as_object() else {
        return Ok(());
    };
    let mut units: Vec<u16> = prefix.encode_utf16().collect();
    if let Some(s) = key.as_symbol() {
        if let Some(d) = s.description_string() {
            units.push(b'[' as u16);
            units.extend(d.to_utf16());
            units.push(b']' as u16);
        }
    } else {
        let s = rt.to_string(key)?;
        units.extend(s.to_utf16());
    }
    let name = rt.new_string_utf16(&units)?;
    let name_key = PropertyKey::String(rt.names.name);
    rt.define_property_or_throw(
        fo,
        name_key,
        PropertyDescriptor::data(Value::string(name), Attributes::CONFIGURABLE_ONLY),
    )?;
    Ok(())
}

/// The class of arguments objects (`Object.prototype.toString` reports
/// "Arguments", 20.1.3.6 step 7).
pub struct ArgumentsData;

// SAFETY: holds no values.
unsafe impl crate::gc::Trace for ArgumentsData {
    fn trace(&self, _: &mut crate::gc::Tracer) {}
}

impl crate::object::HostData for ArgumentsData {
    fn class_name(&self) -> &'static str {
        "Arguments"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// 10.4.4.6 CreateUnmappedArgumentsObject ( argumentsList ): the indexed
/// arguments, `length`, `@@iterator` (%Array.prototype.values%) and, in
/// strict code, a `callee` accessor that throws (%ThrowTypeError%). Sloppy
/// functions get the same object for now: neither mapped to the parameters
/// (10.4.4.7) nor with a `callee` property.
fn arguments_object(rt: &mut Runtime, list: Value, strict: bool) -> JsResult<Value> {
    let args = rt.create_list_from_array_like(list)?;
    let proto = rt.intrinsic(crate::runtime::Intrinsic::ObjectPrototype);
    let o = rt.new_object_with(
        proto,
        crate::object::ObjectKind::Host(Box::new(ArgumentsData)),
        0,
    )?;
    for (i, &v) in args.iter().enumerate() {
        rt.create_data_property_or_throw(o, PropertyKey::Index(i as u32), v)?;
    }
    let length = PropertyKey::String(rt.names.length);
    rt.define_property_or_throw(
        o,
        length,
        PropertyDescriptor::data(Value::number(args.len() as f64), Attributes::BUILTIN_METHOD),
    )?;
    let values = rt.intrinsic(crate::runtime::Intrinsic::ArrayValues);
    let iterator =
        PropertyKey::Symbol(rt.well_known_symbol(crate::symbol::WellKnownSymbol::Iterator));
    rt.define_property_or_throw(
        o,
        iterator,
        PropertyDescriptor::data(values, Attributes::BUILTIN_METHOD),
    )?;
    if strict {
        let thrower = throw_type_error(rt)?;
        let callee = PropertyKey::String(rt.names.callee);
        rt.define_property_or_throw(
            o,
            callee,
            PropertyDescriptor::accessor(thrower, thrower, Attributes::NONE),
        )?;
    }
    Ok(Value::object(o))
}

/// %ThrowTypeError% (10.2.4.1), created on first use.
fn throw_type_error(rt: &mut Runtime) -> JsResult<Value> {
    use crate::runtime::Intrinsic;
    let existing = rt.intrinsic(Intrinsic::ThrowTypeError);
    if existing.as_object().is_some() {
        return Ok(existing);
    }
    let name = rt.empty_string();
    let f = rt.new_native_function(
        name,
        0,
        |rt, _, _| {
            Err(rt.type_error(
                "'caller', 'callee', and 'arguments' properties may not be accessed in strict mode",
            ))
        },
        None,
    )?;
    rt.prevent_extensions(f)?;
    rt.set_intrinsic(Intrinsic::ThrowTypeError, Value::object(f));
    Ok(Value::object(f))
}
