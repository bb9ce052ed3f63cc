//! The methods and accessors of %RegExp.prototype% (22.2.6) that are not
//! symbol-keyed: `exec`, `test`, `toString`, the flag getters, `flags`,
//! `source`, and Annex B `compile` (B.2.4.1).

use super::{is_native, regexp_exec_with, this_object, this_regexp};
use crate::builtins::arg;
use crate::conversions::to_boolean;
use crate::object::regexp::{escape_regexp_pattern, is_regexp_object, regexp_state, RegExpFlags};
use crate::object::PropertyKey;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 22.2.6.2 RegExp.prototype.exec ( string ).
pub(super) fn regexp_exec(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = this_regexp(rt, this, "exec")?;
    let s = rt.to_string(arg(args, 0))?;
    rt.regexp_builtin_exec(r, s)
}

/// 22.2.6.16 RegExp.prototype.test ( S ).
pub(super) fn regexp_test(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = this_object(rt, this, "test")?;
    let s = rt.to_string(arg(args, 0))?;
    // Step 4: RegExpExec(R, S). With the built-in `exec` on a RegExp, the
    // match array it would build is dropped unseen: match only.
    let exec = rt.get(r, PropertyKey::String(rt.names.exec), Value::object(r))?;
    if is_native(rt, exec, regexp_exec) && regexp_state(Value::object(r)).is_some() {
        return Ok(Value::from_bool(rt.regexp_builtin_match(r, s)?.is_some()));
    }
    let m = regexp_exec_with(rt, r, s, exec)?;
    Ok(Value::from_bool(!m.is_null()))
}

/// 22.2.6.17 RegExp.prototype.toString ( ).
pub(super) fn regexp_to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let r = this_object(rt, this, "toString")?;
    let source = rt.get_by_name(r, "source")?;
    let pattern = rt.to_string(source)?;
    let flags = rt.get(r, PropertyKey::String(rt.names.flags), Value::object(r))?;
    let flags = rt.to_string(flags)?;
    // GC: code units (Vec<u16>)
    let mut units = vec![u16::from(b'/')];
    units.extend(pattern.to_utf16());
    units.push(u16::from(b'/'));
    units.extend(flags.to_utf16());
    Ok(Value::string(rt.new_string_utf16(&units)?))
}

/// 22.2.6.x RegExpHasFlag ( R, codeUnit ) behind the flag getters.
fn has_flag(rt: &mut Runtime, this: Value, bit: u8) -> JsResult<Value> {
    let Some(o) = this.as_object() else {
        return Err(rt.type_error("RegExp flag getter called on a value that is not an object"));
    };
    match regexp_state(this) {
        Some(state) => Ok(Value::from_bool(state.flags.has(bit))),
        None if Value::object(o) == rt.intrinsic(Intrinsic::RegExpPrototype) => {
            Ok(Value::UNDEFINED)
        }
        None => Err(rt.type_error("RegExp flag getter called on an object that is not a RegExp")),
    }
}

/// 22.2.6.4 get RegExp.prototype.flags.
pub(super) fn get_flags(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let r = this_object(rt, this, "flags")?;
    let mut result = [0u8; 8];
    let mut len = 0;
    let names = &rt.names;
    for (name, letter) in [
        (names.has_indices, b'd'),
        (names.global, b'g'),
        (names.ignore_case, b'i'),
        (names.multiline, b'm'),
        (names.dot_all, b's'),
        (names.unicode, b'u'),
        (names.unicode_sets, b'v'),
        (names.sticky, b'y'),
    ] {
        let v = rt.get(r, PropertyKey::String(name), Value::object(r))?;
        if to_boolean(v) {
            result[len] = letter;
            len += 1;
        }
    }
    Ok(Value::string(rt.new_string_latin1(&result[..len])?))
}

/// 22.2.6.13 get RegExp.prototype.source.
pub(super) fn get_source(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(o) = this.as_object() else {
        return Err(rt.type_error("RegExp.prototype.source getter called on a non-object"));
    };
    match regexp_state(this) {
        Some(state) => {
            let escaped = escape_regexp_pattern(&state.source.to_utf16());
            Ok(Value::string(rt.new_string_utf16(&escaped)?))
        }
        None if Value::object(o) == rt.intrinsic(Intrinsic::RegExpPrototype) => {
            Ok(Value::string(rt.atom("(?:)")?))
        }
        None => Err(rt.type_error("RegExp.prototype.source getter called on a non-RegExp")),
    }
}

/// B.2.4.1 RegExp.prototype.compile ( pattern, flags ).
pub(super) fn regexp_compile(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = match this.as_object() {
        Some(o) if is_regexp_object(o) => o,
        _ => return Err(rt.type_error("RegExp.prototype.compile requires a RegExp object")),
    };
    let (pattern, flags) = (arg(args, 0), arg(args, 1));
    let (p, f) = match regexp_state(pattern) {
        Some(state) => {
            if !flags.is_undefined() {
                return Err(
                    rt.type_error("Cannot supply flags when constructing one RegExp from another")
                );
            }
            (
                Value::string(state.source),
                Value::string(state.flags_string),
            )
        }
        None => (pattern, flags),
    };
    rt.regexp_initialize(o, p, f)
}

/// 22.2.6.3 get RegExp.prototype.dotAll.
pub(super) fn get_dot_all(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    has_flag(rt, this, RegExpFlags::DOT_ALL)
}

/// 22.2.6.5 get RegExp.prototype.global.
pub(super) fn get_global(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    has_flag(rt, this, RegExpFlags::GLOBAL)
}

/// 22.2.6.6 get RegExp.prototype.hasIndices.
pub(super) fn get_has_indices(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    has_flag(rt, this, RegExpFlags::HAS_INDICES)
}

/// 22.2.6.7 get RegExp.prototype.ignoreCase.
pub(super) fn get_ignore_case(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    has_flag(rt, this, RegExpFlags::IGNORE_CASE)
}

/// 22.2.6.10 get RegExp.prototype.multiline.
pub(super) fn get_multiline(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    has_flag(rt, this, RegExpFlags::MULTILINE)
}

/// 22.2.6.15 get RegExp.prototype.sticky.
pub(super) fn get_sticky(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    has_flag(rt, this, RegExpFlags::STICKY)
}

/// 22.2.6.18 get RegExp.prototype.unicode.
pub(super) fn get_unicode(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    has_flag(rt, this, RegExpFlags::UNICODE)
}

/// 22.2.6.19 get RegExp.prototype.unicodeSets.
pub(super) fn get_unicode_sets(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    has_flag(rt, this, RegExpFlags::UNICODE_SETS)
}
