//! The `Helper(h)` command: one runtime function dispatching on
//! [`crate::semantics::Helper`] (iteration, spread, destructuring,
//! accessors, function names, conversions).

use crate::backend::{Executor, Status};
use crate::completion::{JsResult, Thrown};
use crate::gc::{Gc, RootedList};
use crate::object::{Attributes, JsObject, PropertyDescriptor, PropertyKey};
use crate::runtime::Runtime;
use crate::semantics::Helper;
use crate::value::Value;

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
    // At most 4 operands (Helper::arity); no allocation per call.
    let mut args = [Value::UNDEFINED; 4];
    for (slot, &b) in args.iter_mut().zip(bits) {
        // SAFETY: compiled code only passes valid values.
        *slot = unsafe { Value::from_bits(b) };
    }
    let result = match Helper::from_code(code) {
        Some(h) if bits.len() == h.arity() && bits.len() <= 4 => {
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
    use crate::builtins::iterator::async_protocol as ait;
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
        Helper::GetAsyncIterator => ait::get_async_iterator(rt, a),
        Helper::AsyncIteratorNext => ait::next(rt, a),
        Helper::AsyncIteratorStepResult => ait::step_result(rt, a, b),
        Helper::AsyncIteratorClose => ait::close(rt, a, false),
        Helper::AsyncIteratorCloseQuiet => ait::close(rt, a, true),
        Helper::RequireIteratorResult => ait::require_result_object(rt, a),
        Helper::ForInIterator => it::for_in_iterator(rt, a),
        Helper::ForInStep => it::for_in_step(rt, a),
        Helper::AppendSpread => it::append_spread(rt, a, b),
        Helper::RegExpCreate => rt.regexp_create(a, b),
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
            // A computed key's atom may be referenced only by this list.
            let mut excluded: RootedList<PropertyKey> = rt.rooted_list();
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
        Helper::RequireObjectCoercible => {
            if a.is_nullish() {
                return Err(rt.type_error("Cannot destructure undefined or null"));
            }
            Ok(a)
        }
        Helper::ToObject => Ok(Value::object(rt.to_object(a)?)),
        Helper::DeclareEvalVar => {
            if let Some(env) = a.as_object() {
                let key = rt.to_property_key(b)?;
                if !rt.has_own_property(env, key)? {
                    rt.create_data_property(env, key, Value::UNDEFINED)?;
                }
            }
            Ok(Value::UNDEFINED)
        }
        Helper::ToString => Ok(Value::string(rt.to_string(a)?)),
        Helper::ToPropertyKey => {
            let key = rt.to_property_key(a)?;
            rt.property_key_to_value(key)
        }
        // The families of classes, private names and modules, asked only
        // after the match above so that the hot iteration helpers dispatch
        // in one jump.
        _ => super::classes::class_helper(rt, h, args)
            .or_else(|| super::private::private_helper(rt, h, args))
            .or_else(|| super::modules::module_helper(rt, h, args))
            .unwrap_or_else(|| Err(rt.type_error("internal error: bad helper call"))),
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
    let keys = rt.own_property_keys_rooted(from)?;
    for &key in keys.iter() {
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
